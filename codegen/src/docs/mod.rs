//! Smithy `@documentation` → rustdoc Markdown.
//!
//! AWS models write their documentation as HTML fragments (`<p>`, `<code>`,
//! `<a href>`, `<ul><li>`, `<note>`, …); IDL models write CommonMark. Either
//! way the text ends up in a `///` comment of generated code, where rustdoc
//! would otherwise compile code blocks as doctests and fire lints such as
//! `rustdoc::bare_urls`, `rustdoc::broken_intra_doc_links` and
//! `rustdoc::invalid_html_tags`. [`to_rustdoc`] converts and sanitizes.

mod blocks;
mod elements;
mod html;
mod inline;
mod links;
mod sanitize;
mod syntax;
#[cfg(test)]
mod tests;

use html::{html_to_markdown, looks_like_html};
use sanitize::sanitize;

/// Converts a Smithy `@documentation` string into Markdown that can be emitted
/// verbatim (one `///` line per output line) and renders well in rustdoc.
///
/// The input may be HTML (as AWS models write it) or CommonMark (IDL `///`
/// comments). It is treated as HTML when it contains a known HTML / AWS doc tag
/// (`<p>`, `<code>`, `<a …>`, `<note>`, …) outside code spans; such input is
/// converted with `htmd` (`<code>` → backticks, `<a href>` → `[text](url)`,
/// lists → `- ` items, `<note>`/`<important>` → a paragraph starting with
/// `**Note:**`/`**Important:**`, other unknown tags → their text). Anything
/// else passes through as Markdown, touched only by the escapes below.
///
/// Guarantees on the returned text:
/// - every code block (fenced, indented, or `<pre>`) is a ```` ```text ````
///   fence, so rustdoc never compiles it as a doctest; no other line is
///   indented deep enough to form an indented code block (over-indented
///   continuation lines are de-indented);
/// - bare `http://` / `https://` URLs are wrapped as autolinks `<…>`
///   (`rustdoc::bare_urls`);
/// - `[` / `]` that are not part of an inline link to an absolute URL are
///   escaped as `\[` / `\]` (`rustdoc::broken_intra_doc_links`); links with a
///   relative destination (meaningless in generated docs) keep only their
///   text; a link whose text is its URL becomes `<url>`;
/// - `<` that does not start an autolink is escaped as `\<`
///   (`rustdoc::invalid_html_tags`); code spans and code blocks are left
///   untouched;
/// - no `\r`, no trailing whitespace, no runs of blank lines, no leading or
///   trailing blank lines; `""` for blank input;
/// - deterministic, and never panics (a panic inside the HTML converter is
///   caught and the input is reduced to text with its tags stripped instead).
pub fn to_rustdoc(html: &str) -> String {
    let text = normalize_newlines(html);
    if text.trim().is_empty() {
        return String::new();
    }
    if looks_like_html(&text) {
        let markdown = html_to_markdown(&text);
        sanitize(&markdown, true)
    } else {
        sanitize(&text, false)
    }
}

/// `\r\n` and lone `\r` become `\n` (a bare CR is an error in a doc comment).
fn normalize_newlines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

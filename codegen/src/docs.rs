//! Smithy `@documentation` → rustdoc Markdown.
//!
//! AWS models write their documentation as HTML fragments (`<p>`, `<code>`,
//! `<a href>`, `<ul><li>`, `<note>`, …); IDL models write CommonMark. Either
//! way the text ends up in a `///` comment of generated code, where rustdoc
//! would otherwise compile code blocks as doctests and fire lints such as
//! `rustdoc::bare_urls`, `rustdoc::broken_intra_doc_links` and
//! `rustdoc::invalid_html_tags`. [`to_rustdoc`] converts and sanitizes.

use htmd::element_handler::{HandlerResult, Handlers};
use htmd::options::{
    BrStyle, BulletListMarker, CodeBlockFence, CodeBlockStyle, LinkStyle, Options,
};
use htmd::{Element, HtmlToMarkdown};

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

// ---------------------------------------------------------------------------
// Input classification and HTML conversion
// ---------------------------------------------------------------------------

/// `\r\n` and lone `\r` become `\n` (a bare CR is an error in a doc comment).
fn normalize_newlines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// Tags whose presence marks the documentation as HTML rather than Markdown.
const HTML_TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "body",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "example",
    "examples",
    "fullname",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "html",
    "i",
    "img",
    "important",
    "ins",
    "kbd",
    "li",
    "note",
    "ol",
    "p",
    "pre",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tip",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "warning",
];

fn looks_like_html(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'`' => {
                let run = run_len(b, i, b'`');
                i = find_code_span_end(b, i + run, run).unwrap_or(i + run);
            }
            b'<' => {
                let mut j = i + 1;
                if b.get(j) == Some(&b'/') {
                    j += 1;
                }
                let start = j;
                while j < b.len() && b[j].is_ascii_alphanumeric() {
                    j += 1;
                }
                if j > start
                    && matches!(b.get(j), Some(b'>' | b'/' | b' ' | b'\n' | b'\t'))
                    && HTML_TAGS.contains(&s[start..j].to_ascii_lowercase().as_str())
                {
                    return true;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    false
}

fn build_converter() -> HtmlToMarkdown {
    let options = Options {
        bullet_list_marker: BulletListMarker::Dash,
        ul_bullet_spacing: 1,
        ol_number_spacing: 1,
        br_style: BrStyle::Backslash,
        code_block_style: CodeBlockStyle::Fenced,
        code_block_fence: CodeBlockFence::Backticks,
        link_style: LinkStyle::Inlined,
        ..Options::default()
    };
    HtmlToMarkdown::builder()
        .options(options)
        .skip_tags(vec!["script", "style", "head"])
        .add_handler(vec!["pre"], pre_block)
        .add_handler(vec!["dt"], |h: &dyn Handlers, e: Element| {
            // Definition terms read as headings of their `<dd>` paragraphs.
            let content = h.walk_children(e.node).content;
            let content = content.trim();
            if content.is_empty() || content.contains("**") || content.contains('\n') {
                Some(format!("\n\n{content}\n\n").into())
            } else {
                Some(format!("\n\n**{content}**\n\n").into())
            }
        })
        .add_handler(vec!["note"], |h: &dyn Handlers, e: Element| {
            admonition(h, e, "Note")
        })
        .add_handler(vec!["important"], |h: &dyn Handlers, e: Element| {
            admonition(h, e, "Important")
        })
        .add_handler(vec!["warning"], |h: &dyn Handlers, e: Element| {
            admonition(h, e, "Warning")
        })
        .add_handler(vec!["tip"], |h: &dyn Handlers, e: Element| {
            admonition(h, e, "Tip")
        })
        .build()
}

/// `<pre>` → a fenced block (htmd only fences `<pre><code>`); the sanitizer
/// later turns every fence into a `text` fence.
fn pre_block(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let content = handlers.walk_children(element.node).content;
    let content = content.trim_matches('\n');
    if content.trim().is_empty() {
        return None;
    }
    if content.starts_with("```") || content.starts_with("~~~") {
        // `<pre><code>`: already fenced by htmd's code handler.
        return Some(format!("\n\n{content}\n\n").into());
    }
    let longest = content
        .lines()
        .map(|l| run_len(l.trim_start().as_bytes(), 0, b'`'))
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    Some(format!("\n\n{fence}\n{content}\n{fence}\n\n").into())
}

/// `<note>…</note>` → a paragraph starting with `**Note:**`.
fn admonition(handlers: &dyn Handlers, element: Element, label: &str) -> Option<HandlerResult> {
    let content = handlers.walk_children(element.node).content;
    let content = content.trim();
    if content.is_empty() {
        return None;
    }
    // Block content (list, fence, heading, table, quote) cannot follow the
    // label on the same line.
    let first = content.lines().next().unwrap_or("");
    let block_start = list_marker_width(first).is_some()
        || first.starts_with("```")
        || first.starts_with('#')
        || first.starts_with('|')
        || first.starts_with('>');
    let sep = if block_start { "\n\n" } else { " " };
    Some(format!("\n\n**{label}:**{sep}{content}\n\n").into())
}

fn html_to_markdown(html: &str) -> String {
    thread_local! {
        static CONVERTER: HtmlToMarkdown = build_converter();
    }
    let converted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        CONVERTER.with(|c| c.convert(html).ok())
    }));
    match converted {
        Ok(Some(md)) => md,
        _ => strip_tags(html),
    }
}

/// Last-resort fallback: drop anything that looks like a tag, decode the
/// common entities. Only used if the HTML converter fails.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' if !in_tag => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

// ---------------------------------------------------------------------------
// Markdown sanitizing: block pass
// ---------------------------------------------------------------------------

enum Block {
    /// Prose lines (indentation already normalized).
    Text(Vec<String>),
    /// A code block, to be emitted as a `text` fence indented by `indent`;
    /// `prefix` replaces the indentation of the opening fence when it shares
    /// its line with list markers (`- ```…`).
    Code {
        indent: usize,
        prefix: Option<String>,
        lines: Vec<String>,
    },
}

fn sanitize(md: &str, from_html: bool) -> String {
    let lines: Vec<String> = md
        .split('\n')
        .map(|l| expand_leading_tabs(l).trim_end().to_string())
        .collect();
    let blocks = split_blocks(&lines);

    // (line, is code block content)
    let mut out: Vec<(String, bool)> = Vec::new();
    for block in blocks {
        match block {
            Block::Text(lines) => {
                let mut lines = lines;
                if from_html {
                    drop_dangling_hard_breaks(&mut lines);
                }
                // Inline constructs never span block boundaries: escape each
                // paragraph-like unit on its own (splitting too eagerly is the
                // safe direction: it only over-escapes).
                let mut unit: Vec<&str> = Vec::new();
                let mut prev_heading = false;
                for line in lines.iter().map(String::as_str).chain(std::iter::once("")) {
                    let t = line.trim_start();
                    let starts_block = t.is_empty()
                        || prev_heading
                        || list_marker_width(t).is_some()
                        || t.starts_with(['#', '>', '|', '-', '=', '*', '_']);
                    if starts_block && !unit.is_empty() {
                        let escaped = escape_inline(&unit.join("\n"), false);
                        out.extend(
                            escaped
                                .split('\n')
                                .map(|l| (l.trim_end().to_string(), false)),
                        );
                        unit.clear();
                    }
                    prev_heading = t.starts_with('#');
                    if t.is_empty() {
                        out.push((String::new(), false));
                    } else {
                        unit.push(line);
                    }
                }
                out.pop();
            }
            Block::Code {
                indent,
                prefix,
                lines,
            } => {
                let pad = " ".repeat(indent);
                let longest = lines
                    .iter()
                    .map(|l| run_len(l.trim_start().as_bytes(), 0, b'`'))
                    .max()
                    .unwrap_or(0);
                let fence = "`".repeat(longest.max(2) + 1);
                let opener = prefix.as_deref().unwrap_or(&pad);
                out.push((format!("{opener}{fence}text"), false));
                for l in lines {
                    let line = if l.is_empty() { l } else { format!("{pad}{l}") };
                    out.push((line, true));
                }
                out.push((format!("{pad}{fence}"), false));
            }
        }
    }

    // Collapse blank runs outside code, drop leading/trailing blank lines.
    let mut result = String::new();
    let mut pending_blank = false;
    for (line, is_code) in out {
        if line.is_empty() && !is_code {
            pending_blank = !result.is_empty();
            continue;
        }
        if !result.is_empty() {
            result.push('\n');
            if pending_blank {
                result.push('\n');
            }
        }
        pending_blank = false;
        result.push_str(&line);
    }
    result
}

/// A `\` hard break (from `<br>`) at the end of a paragraph would render as a
/// literal backslash.
fn drop_dangling_hard_breaks(lines: &mut [String]) {
    for i in 0..lines.len() {
        let next_blank = lines.get(i + 1).is_none_or(|l| l.trim().is_empty());
        let trailing = lines[i].len() - lines[i].trim_end_matches('\\').len();
        if next_blank && trailing % 2 == 1 {
            lines[i].pop();
            let trimmed = lines[i].trim_end().len();
            lines[i].truncate(trimmed);
        }
    }
}

/// Expands tabs (to 4-column stops) in the structural prefix of a line:
/// indentation, list markers and quote markers, where CommonMark treats a tab
/// as spaces (`-\t```` opens a fence inside a list item).
fn expand_leading_tabs(line: &str) -> String {
    let prefix_len = line.len()
        - line
            .trim_start_matches(|c: char| {
                matches!(c, ' ' | '\t' | '>' | '-' | '+' | '*' | '.' | ')') || c.is_ascii_digit()
            })
            .len();
    if !line[..prefix_len].contains('\t') {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut col = 0;
    for c in line[..prefix_len].chars() {
        if c == '\t' {
            let next = col + 4 - col % 4;
            out.push_str(&" ".repeat(next - col));
            col = next;
        } else {
            out.push(c);
            col += 1;
        }
    }
    out.push_str(&line[prefix_len..]);
    out
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Width of a list marker (`- `, `* `, `+ `, `1. `, `1) `) including the
/// spaces up to the item content, or `None`.
fn list_marker_width(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let marker = match b.first()? {
        b'-' | b'*' | b'+' => 1,
        b'0'..=b'9' => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 9 || !matches!(b.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    match b.get(marker) {
        None => Some(marker + 1),
        Some(b' ') => {
            let spaces = b[marker..].iter().take_while(|&&c| c == b' ').count();
            if spaces > 4 || marker + spaces == b.len() {
                Some(marker + 1)
            } else {
                Some(marker + spaces)
            }
        }
        _ => None,
    }
}

/// `(fence char, fence length)` if `rest` opens a fenced code block.
fn fence_open(rest: &str) -> Option<(u8, usize)> {
    let b = rest.as_bytes();
    let c = *b.first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let len = run_len(b, 0, c);
    if len < 3 || (c == b'`' && rest[len..].contains('`')) {
        return None;
    }
    Some((c, len))
}

fn is_fence_close(line: &str, c: u8, len: usize) -> bool {
    let rest = line.trim_start_matches(' ');
    let b = rest.as_bytes();
    let run = run_len(b, 0, c);
    run >= len && rest[run..].trim().is_empty()
}

/// Inside a block quote: no indented code (spaces after each `>` are
/// collapsed) and fences get the `text` info string.
fn sanitize_quote(r: &str) -> String {
    let mut out = String::new();
    let mut r = r;
    while let Some(after) = r.strip_prefix('>') {
        out.push_str("> ");
        r = after.trim_start_matches(' ');
    }
    if let Some((c, len)) = fence_open(r) {
        out.push_str(&(c as char).to_string().repeat(len));
        out.push_str("text");
    } else {
        out.push_str(r);
    }
    out.trim_end().to_string()
}

fn is_atx_heading(rest: &str) -> bool {
    let hashes = run_len(rest.as_bytes(), 0, b'#');
    (1..=6).contains(&hashes) && rest[hashes..].chars().next().is_none_or(|c| c == ' ')
}

/// Escapes the first character of a paragraph continuation line that would
/// start a block (fence, list item, heading, quote, setext underline,
/// thematic break) once de-indented.
fn neutralize_block_start(rest: &str) -> String {
    let first = rest.as_bytes().first().copied().unwrap_or(b' ');
    if matches!(
        first,
        b'`' | b'~' | b'#' | b'>' | b'-' | b'+' | b'*' | b'=' | b'_'
    ) {
        return format!("\\{rest}");
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(rest.as_bytes().get(digits), Some(b'.' | b')')) {
        return format!("{}\\{}", &rest[..digits], &rest[digits..]);
    }
    rest.to_string()
}

/// Splits lines into prose and code blocks, tracking list-item nesting so that
/// list continuation lines keep their indentation while anything that would
/// be an indented code block is fenced (after a blank line) or de-indented
/// (paragraph continuation).
fn split_blocks(lines: &[String]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut text: Vec<String> = Vec::new();
    // Content columns of the open list items, innermost last.
    let mut items: Vec<usize> = Vec::new();
    // True at the start and after a blank line or a code block.
    let mut block_start = true;
    // The last line was a list marker with no content.
    let mut empty_item = false;

    let flush = |text: &mut Vec<String>, blocks: &mut Vec<Block>| {
        if !text.is_empty() {
            blocks.push(Block::Text(std::mem::take(text)));
        }
    };

    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.is_empty() {
            // An item that starts with a blank line and has nothing on its
            // marker line is empty: the blank line ends it (CommonMark).
            if empty_item {
                items.pop();
                empty_item = false;
            }
            text.push(String::new());
            block_start = true;
            i += 1;
            continue;
        }
        empty_item = false;
        let n = indent_of(line);
        let rest = &line[n..];
        let opens_block = fence_open(rest).is_some() || list_marker_width(rest).is_some();
        if block_start || opens_block {
            while items.last().is_some_and(|&col| col > n) {
                items.pop();
            }
        }
        let base = items.last().copied().unwrap_or(0);

        if n >= base + 4 && block_start {
            // Indented code block: gather it and fence it.
            let mut j = i;
            while j < lines.len() && (lines[j].is_empty() || indent_of(&lines[j]) >= base + 4) {
                j += 1;
            }
            while j > i && lines[j - 1].is_empty() {
                j -= 1;
            }
            let code = lines[i..j]
                .iter()
                .map(|l| l.get(base + 4..).unwrap_or("").to_string())
                .collect();
            flush(&mut text, &mut blocks);
            blocks.push(Block::Code {
                indent: base,
                prefix: None,
                lines: code,
            });
            block_start = true;
            i = j;
            continue;
        }

        if n <= base + 3 {
            // List markers, possibly several on one line (`- 1. x`). Content
            // indented 4+ after a marker would be an indented code block
            // inside the item: the line is rebuilt with a single space.
            let mut prefix = " ".repeat(n);
            let mut r = rest;
            let mut marked = false;
            while let Some(width) = list_marker_width(r) {
                let width = width.min(r.len());
                let marker_len = r
                    .bytes()
                    .take_while(|c| !c.is_ascii_whitespace())
                    .count()
                    .min(width);
                let after = r[width..].trim_start_matches(' ');
                prefix.push_str(&r[..marker_len]);
                if !after.is_empty() {
                    prefix.push_str(&" ".repeat((width - marker_len).max(1)));
                }
                let content_col = if after.is_empty() {
                    prefix.len() + 1
                } else {
                    prefix.len()
                };
                items.push(content_col);
                // (Lines are trimmed at the end: an empty item is just its marker.)
                empty_item = after.is_empty();
                r = after;
                marked = true;
            }
            let col = items.last().copied().unwrap_or(0);
            let prefix = prefix.as_str();
            if let Some((c, len)) = fence_open(r) {
                let strip = if marked { col } else { n };
                let mut j = i + 1;
                let mut code = Vec::new();
                while j < lines.len() && !is_fence_close(&lines[j], c, len) {
                    let l = &lines[j];
                    code.push(l[indent_of(l).min(strip)..].to_string());
                    j += 1;
                }
                while code.last().is_some_and(String::is_empty) {
                    code.pop();
                }
                let lead = code.iter().take_while(|l| l.is_empty()).count();
                code.drain(..lead);
                flush(&mut text, &mut blocks);
                blocks.push(Block::Code {
                    indent: if marked { col } else { base },
                    prefix: marked.then(|| prefix.to_string()),
                    lines: code,
                });
                block_start = true;
                empty_item = false;
                i = j + 1;
                continue;
            }
            if r.starts_with('>') {
                text.push(format!("{prefix}{}", sanitize_quote(r)));
            } else {
                text.push(format!("{prefix}{r}"));
            }
        } else {
            // Over-indented paragraph continuation: de-indent (same rendering),
            // escaping what would now start a block instead.
            text.push(format!(
                "{}{}",
                " ".repeat(base),
                neutralize_block_start(rest)
            ));
        }
        // An ATX heading is no paragraph: an indented line after it is code.
        block_start = n <= base + 3 && is_atx_heading(rest);
        i += 1;
    }
    flush(&mut text, &mut blocks);
    blocks
}

// ---------------------------------------------------------------------------
// Markdown sanitizing: inline pass
// ---------------------------------------------------------------------------

fn run_len(b: &[u8], start: usize, c: u8) -> usize {
    b.get(start..)
        .map_or(0, |s| s.iter().take_while(|&&x| x == c).count())
}

/// End (exclusive) of a code span whose opening run of `run` backticks ends at
/// `from`; code spans do not cross a blank line.
fn find_code_span_end(b: &[u8], from: usize, run: usize) -> Option<usize> {
    let mut k = from;
    while k < b.len() {
        match b[k] {
            b'`' => {
                let r = run_len(b, k, b'`');
                if r == run {
                    return Some(k + r);
                }
                k += r;
            }
            b'\n' if is_blank_line_at(b, k + 1) => return None,
            _ => k += 1,
        }
    }
    None
}

/// Whether the line starting at byte `k` is blank (or the input ends there).
fn is_blank_line_at(b: &[u8], k: usize) -> bool {
    b[k.min(b.len())..]
        .iter()
        .take_while(|&&c| c != b'\n')
        .all(|c| c.is_ascii_whitespace())
}

/// End (exclusive) of an autolink `<scheme:…>` starting at `i`.
fn autolink_end(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut k = i + 1;
    if !b.get(k)?.is_ascii_alphabetic() {
        return None;
    }
    let scheme_start = k;
    while k < b.len() && (b[k].is_ascii_alphanumeric() || matches!(b[k], b'+' | b'.' | b'-')) {
        k += 1;
    }
    if !(2..=32).contains(&(k - scheme_start)) || b.get(k) != Some(&b':') {
        return None;
    }
    while k < b.len() {
        match b[k] {
            b'>' => return Some(k + 1),
            b'<' => return None,
            c if c.is_ascii_whitespace() || c.is_ascii_control() => return None,
            _ => k += 1,
        }
    }
    None
}

struct InlineLink {
    /// Byte range of the link text (inside the brackets).
    text: std::ops::Range<usize>,
    /// Destination, without angle brackets.
    dest: std::ops::Range<usize>,
    /// Byte range of `(…)` (destination and title).
    tail: std::ops::Range<usize>,
}

/// Parses an inline link `[text](dest "title")` whose `[` is at `i`.
fn parse_inline_link(s: &str, i: usize) -> Option<InlineLink> {
    let b = s.as_bytes();
    // Matching `]`.
    let mut k = i + 1;
    let mut depth = 1;
    while k < b.len() {
        match b[k] {
            b'\\' if b.get(k + 1).is_some_and(u8::is_ascii_punctuation) => k += 2,
            b'`' => {
                let run = run_len(b, k, b'`');
                k = find_code_span_end(b, k + run, run).unwrap_or(k + run);
            }
            b'[' => {
                depth += 1;
                k += 1;
            }
            b']' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
                k += 1;
            }
            b'\n' if is_blank_line_at(b, k + 1) => return None,
            _ => k += 1,
        }
    }
    if depth != 0 || b.get(k + 1) != Some(&b'(') {
        return None;
    }
    let text = i + 1..k;
    let tail_start = k + 1;
    let mut p = k + 2;
    let skip_ws = |mut p: usize| {
        let mut newlines = 0;
        while p < b.len() && matches!(b[p], b' ' | b'\t' | b'\n') {
            if b[p] == b'\n' {
                newlines += 1;
            }
            p += 1;
        }
        (p, newlines)
    };
    let (q, nl) = skip_ws(p);
    if nl > 1 {
        return None;
    }
    p = q;
    let dest;
    if b.get(p) == Some(&b'<') {
        let start = p + 1;
        p = start;
        while p < b.len() && b[p] != b'>' {
            if matches!(b[p], b'<' | b'\n') {
                return None;
            }
            p += if b[p] == b'\\' { 2 } else { 1 };
        }
        if p >= b.len() {
            return None;
        }
        dest = start..p;
        p += 1;
    } else {
        let start = p;
        let mut parens = 0usize;
        while p < b.len() {
            match b[p] {
                b'\\' if b.get(p + 1).is_some_and(u8::is_ascii_punctuation) => p += 2,
                b'(' => {
                    parens += 1;
                    p += 1;
                }
                b')' if parens == 0 => break,
                b')' => {
                    parens -= 1;
                    p += 1;
                }
                c if c.is_ascii_whitespace() || c.is_ascii_control() => break,
                _ => p += 1,
            }
        }
        dest = start..p.min(b.len());
    }
    let (q, nl) = skip_ws(p);
    if nl > 1 {
        return None;
    }
    p = q;
    if let Some(&open) = b.get(p).filter(|c| matches!(c, b'"' | b'\'' | b'(')) {
        let close = if open == b'(' { b')' } else { open };
        if p == dest.end {
            return None; // title must be separated by whitespace
        }
        p += 1;
        while p < b.len() && b[p] != close {
            if b[p] == b'\n' && is_blank_line_at(b, p + 1) {
                return None;
            }
            p += if b[p] == b'\\' { 2 } else { 1 };
        }
        if p >= b.len() {
            return None;
        }
        p += 1;
        p = skip_ws(p).0;
    }
    if b.get(p) != Some(&b')') {
        return None;
    }
    Some(InlineLink {
        text,
        dest,
        tail: tail_start..p + 1,
    })
}

fn is_absolute_url(dest: &str) -> bool {
    let lower = dest.to_ascii_lowercase();
    ["http://", "https://", "mailto:", "ftp://"]
        .iter()
        .any(|p| lower.starts_with(p) && lower.len() > p.len())
}

/// Removes Markdown backslash escapes.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if next.is_ascii_punctuation() {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

fn starts_with_http(s: &str, i: usize) -> Option<usize> {
    let head = s.get(i..(i + 8).min(s.len()))?.to_ascii_lowercase();
    if head.starts_with("https://") {
        Some(8)
    } else if head.starts_with("http://") {
        Some(7)
    } else {
        None
    }
}

/// A bare URL starting at `i`: `(raw end, unescaped URL)`.
fn bare_url(s: &str, i: usize) -> Option<(usize, String)> {
    let scheme_len = starts_with_http(s, i)?;
    let b = s.as_bytes();
    // (char, raw end) for each URL character.
    let mut chars: Vec<(char, usize)> = Vec::new();
    let mut k = i;
    while k < b.len() {
        let c = s[k..].chars().next()?;
        if c == '\\' {
            match b.get(k + 1) {
                Some(&n) if n.is_ascii_punctuation() && !matches!(n, b'<' | b'>' | b'`' | b'"') => {
                    chars.push((n as char, k + 2));
                    k += 2;
                    continue;
                }
                _ => break,
            }
        }
        if c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '`') {
            break;
        }
        k += c.len_utf8();
        chars.push((c, k));
    }
    // Trailing punctuation and unbalanced closers are not part of the URL.
    while let Some(&(last, _)) = chars.last() {
        let count = |c: char| chars.iter().filter(|(x, _)| *x == c).count();
        let drop = match last {
            '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '*' | '_' | '~' => true,
            ')' => count('(') < count(')'),
            ']' => count('[') < count(']'),
            _ => false,
        };
        if !drop {
            break;
        }
        chars.pop();
    }
    if chars.len() <= scheme_len {
        return None;
    }
    let end = chars.last()?.1;
    Some((end, chars.into_iter().map(|(c, _)| c).collect()))
}

fn push_autolink(out: &mut String, url: &str) {
    // A literal backslash right before would escape the `<`.
    let backslashes = out.len() - out.trim_end_matches('\\').len();
    if backslashes % 2 == 1 {
        out.push('\\');
    }
    out.push('<');
    out.push_str(url);
    out.push('>');
}

/// Escapes `[`, `]` and `<` that are not part of links / autolinks, wraps bare
/// URLs, and drops links whose destination is relative. Code spans and
/// backslash escapes are copied verbatim.
fn escape_inline(s: &str, in_link_text: bool) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 16);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' if b.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                out.push_str(&s[i..i + 2]);
                i += 2;
            }
            b'`' => {
                let run = run_len(b, i, b'`');
                let end = find_code_span_end(b, i + run, run).unwrap_or(i + run);
                out.push_str(&s[i..end]);
                i = end;
            }
            b'<' => match autolink_end(s, i) {
                Some(end) if !in_link_text => {
                    out.push_str(&s[i..end]);
                    i = end;
                }
                _ => {
                    out.push_str("\\<");
                    i += 1;
                }
            },
            b'[' => match parse_inline_link(s, i).filter(|_| !in_link_text) {
                Some(link) => {
                    let text = &s[link.text.clone()];
                    let dest = &s[link.dest.clone()];
                    let plain_text = unescape(text.trim());
                    let autolinkable = !dest.contains(|c: char| {
                        c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '\\')
                    });
                    if is_absolute_url(dest)
                        && autolinkable
                        && (plain_text.is_empty() || plain_text == dest)
                    {
                        push_autolink(&mut out, dest);
                    } else if is_absolute_url(dest) && !plain_text.is_empty() {
                        out.push('[');
                        out.push_str(&escape_inline(text, true));
                        out.push(']');
                        out.push_str(&s[link.tail.clone()]);
                    } else {
                        // Dropping `[` must not turn the text into a block
                        // start (`[- x](Foo)` at the start of a line).
                        let line_start = out.rsplit('\n').next().unwrap_or("").trim().is_empty();
                        for (k, part) in escape_inline(text, false).split('\n').enumerate() {
                            if k > 0 {
                                out.push('\n');
                            }
                            if k > 0 || line_start {
                                out.push_str(&neutralize_block_start(part.trim_start()));
                            } else {
                                out.push_str(part);
                            }
                        }
                    }
                    i = link.tail.end;
                }
                None => {
                    out.push_str("\\[");
                    i += 1;
                }
            },
            b']' => {
                out.push_str("\\]");
                i += 1;
            }
            b'h' | b'H' if !in_link_text => match bare_url(s, i) {
                Some((end, url)) => {
                    push_autolink(&mut out, &url);
                    i = end;
                }
                None => {
                    out.push(b[i] as char);
                    i += 1;
                }
            },
            _ => {
                let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
                out.push(c);
                i += c.len_utf8().max(1);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::to_rustdoc;

    /// Independent check of the output guarantees; returns the first violation.
    /// A line indented 4+ spaces outside a fence is only accepted as content
    /// of a list item (indent below the item's content column + 4).
    fn violation(md: &str) -> Option<String> {
        violation_with(md, true)
    }

    /// `inline: false` skips the inline scan (brackets, `<`, bare URLs), whose
    /// simple code-span model disagrees with CommonMark on random soup.
    fn violation_with(md: &str, inline: bool) -> Option<String> {
        let mut fence: Option<usize> = None;
        let mut prose = String::new();
        let mut prev_blank = false;
        let mut item_cols: Vec<usize> = Vec::new();
        for line in md.split('\n') {
            if line.contains('\r') || line != line.trim_end() {
                return Some(format!("CR or trailing whitespace: {line:?}"));
            }
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            let line_start = trimmed;
            let mut trimmed = trimmed;
            if fence.is_none() {
                // A fence may open on a list-marker line (`- ```text`).
                while let Some(w) = super::list_marker_width(trimmed) {
                    trimmed = trimmed[w.min(trimmed.len())..].trim_start();
                }
            }
            let ticks = trimmed.bytes().take_while(|&b| b == b'`').count();
            match fence {
                Some(open) => {
                    if ticks >= open && trimmed[ticks..].is_empty() {
                        fence = None;
                    }
                    continue;
                }
                // (A backtick run followed by more backticks opens no fence.)
                None if (ticks >= 3 && !trimmed[ticks..].contains('`'))
                    || trimmed.starts_with("~~~") =>
                {
                    if &trimmed[ticks..] != "text" {
                        return Some(format!("fence without `text`: {line:?}"));
                    }
                    fence = Some(ticks);
                    prose.push('\n');
                    prev_blank = false;
                    // Markers before the fence open items (`- - ```text`).
                    while item_cols.last().is_some_and(|&c| c > indent) {
                        item_cols.pop();
                    }
                    let (mut col, mut t) = (indent, line_start);
                    while let Some(w) = super::list_marker_width(t) {
                        let w = w.min(t.len());
                        col += w;
                        item_cols.push(col);
                        t = &t[w..];
                    }
                    continue;
                }
                None => {}
            }
            if line.is_empty() && prev_blank {
                return Some("run of blank lines".into());
            }
            let after_blank = prev_blank;
            prev_blank = line.is_empty();
            if line.contains('\t') && line.trim_start_matches(' ').starts_with('\t') {
                return Some(format!("tab indentation: {line:?}"));
            }
            let trimmed = line_start;
            let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
            let bullet = |t: &str| t.starts_with(' ') || t.is_empty();
            let marker = if trimmed.starts_with(['-', '*', '+']) && bullet(&trimmed[1..]) {
                Some(2)
            } else if digits > 0
                && trimmed[digits..].starts_with(['.', ')'])
                && bullet(&trimmed[digits + 1..])
            {
                Some(digits + 2)
            } else {
                None
            };
            if !line.is_empty() {
                // (Lazy continuation lines do not close list items.)
                while (after_blank || marker.is_some())
                    && item_cols.last().is_some_and(|&c| c > indent)
                {
                    item_cols.pop();
                }
                let base = item_cols.last().copied().unwrap_or(0);
                if indent >= base + 4 {
                    return Some(format!("indented 4+ outside a fence: {line:?}"));
                }
                if marker.is_some() {
                    // Every marker on the line opens an item (`- - x`).
                    let (mut col, mut t) = (indent, line.trim_start());
                    while let Some(w) = super::list_marker_width(t) {
                        let w = w.min(t.len());
                        col += w;
                        item_cols.push(col);
                        t = &t[w..];
                    }
                }
            }
            prose.push_str(line);
            prose.push('\n');
        }
        if fence.is_some() {
            return Some("unclosed fence".into());
        }
        if md.starts_with('\n') || md.ends_with('\n') {
            return Some("blank line run / leading / trailing blank line".into());
        }
        if !inline {
            return None;
        }
        // Inline scan of prose: escapes and code spans are skipped.
        let b = prose.as_bytes();
        let at = |i: usize| String::from_utf8_lossy(&b[i..(i + 60).min(b.len())]).into_owned();
        let find = |i: usize, c: u8| b[i..].iter().position(|&x| x == c).map(|k| i + k);
        let mut i = 0;
        let mut in_link_text = false;
        while i < b.len() {
            i = match b[i] {
                b'\\' => i + 2,
                b'`' => {
                    // Closing run: exactly as many backticks.
                    let run = b[i..].iter().take_while(|&&c| c == b'`').count();
                    let mut k = i + run;
                    let mut end = i + run;
                    // (Code spans end at the paragraph.)
                    while k < b.len() && !b[k..].starts_with(b"\n\n") {
                        let r = b[k..].iter().take_while(|&&c| c == b'`').count();
                        if r == run {
                            end = k + r;
                            break;
                        }
                        k += r.max(1);
                    }
                    end
                }
                // Autolink `<scheme:…>`.
                b'<' if b[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .count()
                    >= 2
                    && b[i + 1..].iter().find(|c| !c.is_ascii_alphanumeric()) == Some(&b':') =>
                {
                    find(i, b'>').map_or(i + 1, |k| k + 1)
                }
                b'<' => return Some(format!("unescaped `<`: {:?}", at(i))),
                b'[' if in_link_text => return Some(format!("nested `[`: {:?}", at(i))),
                b'[' => {
                    in_link_text = true;
                    i + 1
                }
                b']' if in_link_text && b.get(i + 1) == Some(&b'(') => {
                    in_link_text = false;
                    find(i, b')').map_or(i + 1, |k| k + 1)
                }
                b']' => return Some(format!("unescaped `]` not closing a link: {:?}", at(i))),
                b'h' if (b[i..].starts_with(b"http://") || b[i..].starts_with(b"https://"))
                    && b[i..]
                        .split(|&c| c == b'/')
                        .nth(2)
                        .is_some_and(|host| !host.is_empty() && !host[0].is_ascii_whitespace()) =>
                {
                    if !in_link_text {
                        return Some(format!("bare URL: {:?}", at(i)));
                    }
                    i + 4
                }
                _ => i + 1,
            };
        }
        if in_link_text {
            return Some("unescaped `[` not opening a link".into());
        }
        None
    }

    #[track_caller]
    fn check(input: &str, expected: &str) {
        let out = to_rustdoc(input);
        assert_eq!(out, expected, "input: {input:?}");
        assert_eq!(violation(&out), None, "output: {out:?}");
        assert_eq!(to_rustdoc(input), out, "not deterministic");
    }

    #[track_caller]
    fn check_safe(input: &str) -> String {
        let out = to_rustdoc(input);
        assert_eq!(violation(&out), None, "input: {input:?}\noutput: {out:?}");
        out
    }

    #[test]
    fn ivschat_paragraphs_code_links_italics() {
        // ivschat CreateLoggingConfiguration.destinationConfiguration
        check(
            "<p>A complex type that contains a destination configuration for where chat content will be\n         logged. There can be only one type of destination (<code>cloudWatchLogs</code>,\n            <code>firehose</code>, or <code>s3</code>) in a\n         <code>destinationConfiguration</code>.</p>",
            "A complex type that contains a destination configuration for where chat content will be logged. There can be only one type of destination (`cloudWatchLogs`, `firehose`, or `s3`) in a `destinationConfiguration`.",
        );
        // ivschat DeleteMessage: link text with surrounding whitespace.
        check(
            "<p>This replicates the <a href=\"https://docs.aws.amazon.com/ivs/latest/chatmsgapireference/actions-deletemessage-publish.html\">\n            DeleteMessage</a> WebSocket operation.</p>\n         <p>Time when the room was created. This is an ISO 8601 timestamp; <i>note that this\n            is returned as a string</i>.</p>",
            "This replicates the [DeleteMessage](https://docs.aws.amazon.com/ivs/latest/chatmsgapireference/actions-deletemessage-publish.html) WebSocket operation.\n\nTime when the room was created. This is an ISO 8601 timestamp; *note that this is returned as a string*.",
        );
        // ivschat service doc: `<a>` without href is AWS's cross-reference.
        check(
            "<p>The Amazon IVS Chat API has these tag-related operations: <a>TagResource</a>, <a>UntagResource</a>, and\n      <a>ListTagsForResource</a>.</p>",
            "The Amazon IVS Chat API has these tag-related operations: TagResource, UntagResource, and ListTagsForResource.",
        );
        check("<p/>", "");
    }

    #[test]
    fn ivschat_lists_and_bold() {
        check(
            "<p>\n            <b>Notes on terminology:</b>\n         </p>\n         <ul>\n            <li>\n               <p>You create service applications using the Amazon IVS Chat API. We refer to these as\n            <i>applications</i>.</p>\n            </li>\n            <li>\n               <p>You create front-end client applications (browser and Android/iOS apps) using the\n          Amazon IVS Chat Messaging API. We refer to these as <i>clients</i>. </p>\n            </li>\n         </ul>",
            "**Notes on terminology:**\n\n- You create service applications using the Amazon IVS Chat API. We refer to these as *applications*.\n\n- You create front-end client applications (browser and Android/iOS apps) using the Amazon IVS Chat Messaging API. We refer to these as *clients*.",
        );
        check(
            "<ul><li>one</li><li>two <code>x</code><ul><li>nested</li></ul></li></ul><ol><li>first</li><li>second</li></ol>",
            "- one\n- two `x`\n  - nested\n\n1. first\n2. second",
        );
    }

    #[test]
    fn chime_important_and_definition_list() {
        check(
            "<p>To play welcome audio, use the \n<code>CreateSipMediaApplicationCall</code> action.</p>\n         <important>\n            <p>\n               <b>This API is not available in a dedicated namespace.</b>\n            </p>\n         </important>",
            "To play welcome audio, use the `CreateSipMediaApplicationCall` action.\n\n**Important:** **This API is not available in a dedicated namespace.**",
        );
        check(
            "<dl>\n<dt>Using REST APIs</dt>\n<dd>\n<p>When making REST API calls, use the service name <code>chime</code> and REST endpoint <code>https://service.chime.aws.amazon.com</code>.</p>\n</dd>\n</dl>",
            "**Using REST APIs**\n\nWhen making REST API calls, use the service name `chime` and REST endpoint `https://service.chime.aws.amazon.com`.",
        );
        check(
            "<p>Intro.</p><note><p>Only <code>Team</code> accounts.</p><p>Second.</p></note>",
            "Intro.\n\n**Note:** Only `Team` accounts.\n\nSecond.",
        );
        check(
            "<note><ul><li>a</li><li>b</li></ul></note>",
            "**Note:**\n\n- a\n- b",
        );
        // Unknown AWS tags keep their text.
        check(
            "<fullname>Amazon Chime</fullname><p>Text.</p>",
            "Amazon Chime\n\nText.",
        );
    }

    #[test]
    fn brackets_urls_and_angles_in_html_text() {
        check(
            "<p>Must match <code>[a-z]+</code> or [a-zA-Z0-9-]+ (see [1]).</p>",
            "Must match `[a-z]+` or \\[a-zA-Z0-9-\\]+ (see \\[1\\]).",
        );
        check(
            "<p>See https://docs.aws.amazon.com/chime/latest/ag/policies.html, or (http://aws.amazon.com/developer/).</p>",
            "See <https://docs.aws.amazon.com/chime/latest/ag/policies.html>, or (<http://aws.amazon.com/developer/>).",
        );
        check(
            "<p>Visit https://example.com/a_b*c.</p>",
            "Visit <https://example.com/a_b*c>.",
        );
        check(
            "<p>Use the format &lt;accountId&gt;:&lt;name&gt;; values &lt; 10 and a -&gt; b.</p>",
            "Use the format \\<accountId>:\\<name>; values \\< 10 and a -> b.",
        );
        check(
            "<p><a href=\"https://aws.amazon.com\">https://aws.amazon.com</a> and <a href=\"https://x.example\"></a></p>",
            "<https://aws.amazon.com> and <https://x.example>",
        );
        // Relative links are meaningless in generated docs (and could look like
        // intra-doc links): keep the text only.
        check(
            "<p>See <a href=\"API_CreateAttendee.html\">CreateAttendee</a> and <a href=\"#x\">[x]</a>.</p>",
            "See CreateAttendee and \\[x\\].",
        );
    }

    #[test]
    fn code_blocks_are_text_fences() {
        check(
            "<p>Example:</p><pre><code>fn main() {\n    let x = [1, 2];\n}</code></pre>",
            "Example:\n\n```text\nfn main() {\n    let x = [1, 2];\n}\n```",
        );
        check(
            "<pre class=\"language-rust\">let a = 1;</pre>",
            "```text\nlet a = 1;\n```",
        );
        // Markdown input: fences get `text`, indented code gets fenced.
        check(
            "Before\n\n```rust\nlet x = 1;\n```\n\nAfter",
            "Before\n\n```text\nlet x = 1;\n```\n\nAfter",
        );
        check("```\nplain\n```", "```text\nplain\n```");
        check("~~~json\n{}\n~~~", "```text\n{}\n```");
        check("Unclosed:\n```\ncode", "Unclosed:\n```text\ncode\n```");
        check(
            "Example:\n\n    let v = vec![1];\n\n    v.len();\n\nDone.",
            "Example:\n\n```text\nlet v = vec![1];\n\nv.len();\n```\n\nDone.",
        );
        check("\tindented with a tab", "```text\nindented with a tab\n```");
        // Over-indented continuation lines are not code: de-indent.
        check(
            "A paragraph\n        continued deeply.",
            "A paragraph\ncontinued deeply.",
        );
        check(
            "- item\n\n      code in item",
            "- item\n\n  ```text\n  code in item\n  ```",
        );
    }

    #[test]
    fn markdown_passes_through() {
        let md = "Summary line.\n\nSecond paragraph with *emphasis*, `code`, **bold** and a\n[link](https://smithy.io/2.0/spec/).\n\n- item one\n- item two\n  - nested item\n\n1. first\n2. second\n\n# Heading\n\n> quote";
        check(md, md);
        // Deeper list nesting legitimately needs 4+ spaces; CommonMark reads
        // them as list content, not code, so they are kept.
        let nested = "- a\n  - b\n    - c\n      continued\n\n      second paragraph of c";
        assert_eq!(to_rustdoc(nested), nested);
        check(
            "Returns a `Vec<String>` or Map<K, V>; see [Foo] and [Bar][baz] and a[0].",
            "Returns a `Vec<String>` or Map\\<K, V>; see \\[Foo\\] and \\[Bar\\]\\[baz\\] and a\\[0\\].",
        );
        check("See https://smithy.io/2.0.", "See <https://smithy.io/2.0>.");
        check(
            "Already <https://smithy.io> linked.",
            "Already <https://smithy.io> linked.",
        );
        check("Escaped \\[x\\] stays.", "Escaped \\[x\\] stays.");
        check("A [relative](Foo) link.", "A relative link.");
        check(
            "[outer [inner] text](https://a.example/(x))",
            "[outer \\[inner\\] text](https://a.example/(x))",
        );
        check(
            "Text with `` code ` span [x] `` here",
            "Text with `` code ` span [x] `` here",
        );
        check(
            "Unicode: héllo wörld → ünïcödé ✓ 日本語",
            "Unicode: héllo wörld → ünïcödé ✓ 日本語",
        );
    }

    #[test]
    fn whitespace_is_normalized() {
        check("<p>a   </p>\n\n\n\n<p>  b</p>\n\n", "a\n\nb");
        check(
            "line one  \r\nline two\r\rline four\n\n\n\n",
            "line one\nline two\n\nline four",
        );
        check("<p>first<br>second<br></p>", "first\\\nsecond");
        check("", "");
        check("   \n\t\n", "");
    }

    #[test]
    fn never_panics() {
        let nasty = [
            "<p>unclosed <code>code <a href=\"x",
            "</p></p></ul><li>",
            "<<<>>>[[[]]]```",
            "<a href=\"https://x\">[</a>](",
            "[a](<b)",
            "[a](b \"t)",
            "`` ` ",
            "\\",
            "http://",
            "<https://",
            "<p>\u{0}\u{1}\u{7f}</p>",
            "<note><important><note></note>",
            "```\n```\n```",
            "- \n-\n1.\n    \n",
            "\u{2028}\u{feff}ß<b>\u{1F600}</b>",
            "<pre>```\n~~~</pre>",
        ];
        for input in nasty {
            check_safe(input);
        }
        // Deterministic pseudo-random soup of the interesting characters.
        let alphabet: Vec<&str> = vec![
            "<p>",
            "</p>",
            "<code>",
            "</code>",
            "<a href=\"https://e.x/y\">",
            "</a>",
            "[",
            "]",
            "(",
            ")",
            "<",
            ">",
            "`",
            "```",
            "\\",
            "\n",
            "\n\n",
            "    ",
            "\t",
            "https://e.x",
            "- ",
            "1. ",
            "*",
            "_",
            "é",
            " ",
            "a",
            "<pre>",
            "</pre>",
            "<ul><li>",
            "</li></ul>",
            "&lt;",
            "~~~",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..std::env::var("DOCS_FUZZ")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(3000)
        {
            let mut s = String::new();
            for _ in 0..(seed % 40) {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                s.push_str(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let out = to_rustdoc(&s);
            assert_eq!(
                violation_with(&out, false),
                None,
                "input: {s:?}\noutput: {out:?}"
            );
            assert_eq!(out, to_rustdoc(&s));
        }
    }

    fn collect_docs(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, v) in map {
                    match (key.as_str(), v) {
                        ("smithy.api#documentation", serde_json::Value::String(s)) => {
                            out.push(s.clone())
                        }
                        _ => collect_docs(v, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| collect_docs(v, out)),
            _ => {}
        }
    }

    #[test]
    fn all_aws_model_docs_are_rustdoc_safe() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/models/aws");
        let mut total = 0;
        for file in ["chime-2018-05-01.json", "ivschat-2020-07-14.json"] {
            let text = std::fs::read_to_string(dir.join(file))
                .unwrap_or_else(|e| panic!("reading {file}: {e}"));
            let model: serde_json::Value = serde_json::from_str(&text).unwrap();
            let mut docs = Vec::new();
            collect_docs(&model, &mut docs);
            assert!(docs.len() > 100, "{file}: only {} docs", docs.len());
            for doc in &docs {
                let out = to_rustdoc(doc);
                let mut in_fence = false;
                for line in out.lines() {
                    if line.trim_start().starts_with("```") {
                        in_fence = !in_fence;
                    } else {
                        assert!(
                            in_fence || !line.starts_with("    "),
                            "{file}: line indented 4+ outside a fence: {line:?}\n{out}"
                        );
                    }
                }
                if let Some(v) = violation(&out) {
                    panic!("{file}: {v}\ninput: {doc:?}\noutput: {out:?}");
                }
                for tag in [
                    "<p>", "</p>", "<p/>", "<code>", "</code>", "<a ", "<b>", "<i>", "<li>",
                ] {
                    assert!(!out.contains(tag), "{file}: leftover {tag}: {out:?}");
                }
                assert_eq!(out, to_rustdoc(doc));
            }
            eprintln!("{file}: converted {} documentation strings", docs.len());
            total += docs.len();
        }
        assert!(total > 500);
    }
}

//! HTML input: deciding whether a documentation string is HTML, and
//! converting it to Markdown with `htmd` (element handlers in `elements`).

use htmd::HtmlToMarkdown;

use super::elements::{self, finish_code_spans, CODE_CLOSE, CODE_OPEN};
use super::syntax::{block_prefix_len, fence_open, find_code_span_end, is_fence_close, run_len};

/// Tags whose presence marks the documentation as HTML rather than Markdown.
pub(super) const HTML_TAGS: &[&str] = &[
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

/// Whether `s` contains a known tag outside code spans (IDL Markdown may
/// mention `<p>` in code).
pub(super) fn looks_like_html(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'`' => {
                let run = run_len(b, i, b'`');
                i = find_code_span_end(b, i + run, run).unwrap_or(i + run);
            }
            b'<' => {
                if tag_name_at(s, i).is_some_and(|name| HTML_TAGS.contains(&name.as_str())) {
                    return true;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    false
}

/// The lower-cased name of the start or end tag whose `<` is at `i`.
fn tag_name_at(s: &str, i: usize) -> Option<String> {
    let b = s.as_bytes();
    let mut j = i + 1;
    if b.get(j) == Some(&b'/') {
        j += 1;
    }
    let start = j;
    while j < b.len() && b[j].is_ascii_alphanumeric() {
        j += 1;
    }
    let terminated = matches!(b.get(j), Some(b'>' | b'/' | b' ' | b'\n' | b'\t'));
    (j > start && terminated).then(|| s[start..j].to_ascii_lowercase())
}

pub(super) fn html_to_markdown(html: &str) -> String {
    thread_local! {
        static CONVERTER: HtmlToMarkdown = elements::build_converter();
    }
    let html = html.replace([CODE_OPEN, CODE_CLOSE], "");
    let converted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        CONVERTER.with(|c| c.convert(&prepare_tags(&html)).ok())
    }));
    match converted {
        Ok(Some(md)) => escape_tilde_fences(&finish_code_spans(&md)),
        _ => strip_tags(&html),
    }
}

/// Escapes `~~~` openers. Text is the only source of them (`<pre>` makes
/// backtick fences), and htmd leaves them unescaped after whitespace
/// (`<code> </code>\n~~~`): they would swallow the rest as a code block.
fn escape_tilde_fences(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut fence = None;
    for line in markdown.split('\n') {
        let prefix = block_prefix_len(line);
        let rest = &line[prefix..];
        match fence {
            Some((c, len)) if is_fence_close(line, c, len) => fence = None,
            Some(_) => {}
            None => match fence_open(rest) {
                Some((b'~', _)) => {
                    out.push_str(&line[..prefix]);
                    out.push('\\');
                    out.push_str(rest);
                    out.push('\n');
                    continue;
                }
                opened => fence = opened,
            },
        }
        out.push_str(line);
        out.push('\n');
    }
    out.pop();
    out
}

/// Elements that have no content, for which `<br/>` means `<br>`.
const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Elements that end a line of text, after which whitespace is no text
/// (with the headings and `blockquote`, see [`ends_line`]).
const LINE_ENDING_TAGS: &[&str] = &[
    // Text blocks and breaks.
    "p",
    "br",
    "hr",
    "div",
    "pre",
    // Lists.
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    // Tables.
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    // AWS admonitions.
    "note",
    "important",
    "warning",
    "tip",
];

pub(super) fn ends_line(name: &str) -> bool {
    let heading =
        name.len() == 2 && name.starts_with('h') && matches!(name.as_bytes()[1], b'1'..=b'6');
    heading || name == "blockquote" || LINE_ENDING_TAGS.contains(&name)
}

/// Rewrites the tags the HTML parser would read other than the author meant
/// (see [`rewrite_tag`]). Outside `<pre>`, whitespace after a block boundary
/// is dropped and whitespace after an opening inline tag moves before it:
/// htmd escapes Markdown syntax that starts a text node (`- x`, `~~~`), but
/// not after leading whitespace, which it may then trim.
fn prepare_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut copied = 0;
    let mut pre_depth = 0usize;
    for (i, _) in html.match_indices('<') {
        let Some(name) = tag_name_at(html, i).filter(|_| i >= copied) else {
            continue;
        };
        let Some(close) = html[i..].find('>').map(|k| i + k) else {
            break;
        };
        let tag = &html[i..=close];
        if name == "pre" && tag.starts_with("</") {
            pre_depth = pre_depth.saturating_sub(1);
        } else if name == "pre" {
            pre_depth += 1;
        }
        out.push_str(&html[copied..i]);
        let rest = &html[close + 1..];
        let space = rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_ascii_whitespace())
                .len();
        // (Code text is not escaped: its spaces stay, to join adjacent spans.)
        let opening = !tag.starts_with("</") && !tag.ends_with("/>") && name != "code";
        if pre_depth == 0 && space > 0 && opening && !ends_line(&name) {
            // `<b> 1. x</b>` → ` <b>1. x</b>`, same rendering.
            out.push(' ');
        }
        out.push_str(&rewrite_tag(&name, tag).unwrap_or_else(|| tag.to_string()));
        copied = close + 1;
        if pre_depth == 0 && (opening || ends_line(&name)) {
            copied += space;
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// - `<b/>` → `<b></b>` for elements that are not void. An HTML parser
///   ignores that `/`: the `<b>` stays open and wraps what follows
///   (`<b/><ul>…` made a bold list), while the author meant an empty element.
/// - `<pre>…</pre>` → `<pre><span>…</span></pre>`: htmd backslash-escapes a
///   `` ` `` or `~` starting a text node directly inside `<pre>`, and in a
///   code block the backslash would show.
fn rewrite_tag(name: &str, tag: &str) -> Option<String> {
    let closing = tag.starts_with("</");
    match name {
        "pre" if closing => Some(format!("</span>{tag}")),
        "pre" => Some(format!("{tag}<span>")),
        _ if closing || VOID_TAGS.contains(&name) => None,
        _ => {
            let open = tag.strip_suffix("/>")?;
            (!open[1..].contains('<')).then(|| format!("{}></{name}>", open.trim_end()))
        }
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

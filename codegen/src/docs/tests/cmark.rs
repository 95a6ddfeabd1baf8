//! Reading the converter's output back with pulldown-cmark, the Markdown
//! parser rustdoc uses (with the extensions rustdoc enables), and an oracle
//! for what the HTML input says.

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::docs::html::{ends_line, HTML_TAGS};
use crate::docs::syntax::{block_prefix_len, list_marker_width};

/// What rustdoc's parser reads in `md`.
pub(super) struct Rendered {
    /// Text of each code span and code block, whitespace collapsed.
    pub code: Vec<String>,
    /// The first raw HTML event (rustdoc would pass it through as HTML).
    pub raw_html: Option<String>,
    /// The first line with emphasis markers glued to a list marker (`**- x`).
    pub list_emphasis: Option<String>,
    /// The first HTML tag or `**` left in the text.
    pub text_problem: Option<String>,
}

pub(super) fn render(md: &str) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut code = Vec::new();
    let mut raw_html = None;
    let mut text_problem = None;
    let mut in_code_block = false;
    for event in Parser::new_ext(md, options) {
        let found = match &event {
            Event::Html(html) | Event::InlineHtml(html) => {
                raw_html = raw_html.or_else(|| Some(format!("raw HTML {html:?}")));
                None
            }
            Event::Start(Tag::CodeBlock(_)) => {
                in_code_block = true;
                code.push(String::new());
                None
            }
            Event::End(pulldown_cmark::TagEnd::CodeBlock) => {
                in_code_block = false;
                None
            }
            Event::Text(text) if in_code_block => {
                code.last_mut().unwrap().push_str(text);
                None
            }
            Event::Code(text) => {
                code.push(collapse_whitespace(text));
                None
            }
            Event::Text(text) => leftover_in_text(text),
            _ => None,
        };
        text_problem = text_problem.or(found);
    }
    for block in &mut code {
        *block = collapse_whitespace(block);
    }
    Rendered {
        code,
        raw_html,
        list_emphasis: emphasis_on_list_marker(md),
        text_problem,
    }
}

/// Literal HTML tags (those that mark documentation as HTML), or asterisks
/// left over from emphasis that did not parse.
fn leftover_in_text(text: &str) -> Option<String> {
    if text.contains("**") {
        return Some(format!("literal `**` in text {text:?}"));
    }
    let lower = text.to_ascii_lowercase();
    HTML_TAGS.iter().find_map(|tag| {
        let tagged = [format!("<{tag}>"), format!("<{tag} "), format!("</{tag}>")];
        tagged
            .iter()
            .any(|t| lower.contains(t.as_str()))
            .then(|| format!("literal HTML tag in text {text:?}"))
    })
}

/// `**- item` on a line outside code blocks: emphasis markers before a list
/// marker that do not open emphasis (so they show as asterisks, and the list
/// marker as text).
fn emphasis_on_list_marker(md: &str) -> Option<String> {
    // (Backticks of the open fence.)
    let mut fence = 0;
    md.lines().find_map(|line| {
        let t = line.trim_start();
        let content = &line[block_prefix_len(line)..];
        let ticks = content.bytes().take_while(|&b| b == b'`').count();
        if fence == 0 && ticks >= 3 {
            fence = ticks;
        } else if fence > 0 && ticks >= fence && content[ticks..].trim().is_empty() {
            fence = 0;
            return None;
        }
        let stars = t.bytes().take_while(|&b| b == b'*').count();
        let rest = &t[stars..];
        if fence > 0 || stars == 0 || rest.is_empty() || list_marker_width(rest).is_none() {
            return None;
        }
        let shown = Parser::new(t).find_map(|event| match event {
            Event::Text(text) => Some(text.starts_with('*')),
            Event::Start(Tag::Emphasis | Tag::Strong) => Some(false),
            _ => None,
        });
        (shown == Some(true)).then(|| format!("emphasis on a list marker: {line:?}"))
    })
}

pub(super) fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of `html` as a reader sees it: tags dropped (a space for those
/// that end a line), the common entities decoded, whitespace collapsed.
pub(super) fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |k| start + k + 1);
        let name: String = rest[start + 1..end]
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if ends_line(&name.to_ascii_lowercase()) {
            text.push(' ');
        }
        rest = &rest[end..];
    }
    text.push_str(rest);
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    collapse_whitespace(&text)
}

/// The plain text of each non-empty `<code>…</code>` in `html` (not nested).
pub(super) fn code_elements(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<code>") {
        rest = &rest[start + "<code>".len()..];
        let end = rest.find("</code>").unwrap_or(rest.len());
        let text = plain_text(&rest[..end]);
        if !text.is_empty() {
            out.push(text);
        }
        rest = &rest[end..];
    }
    out
}

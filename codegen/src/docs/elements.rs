//! `htmd` element handlers for the tags AWS documentation uses beyond plain
//! HTML (`<note>`, `<important>`, …) and for the cases htmd's defaults render
//! badly in rustdoc.

use std::cell::Cell;
use std::thread::LocalKey;

use htmd::element_handler::{HandlerResult, Handlers};
use htmd::options::{
    BrStyle, BulletListMarker, CodeBlockFence, CodeBlockStyle, LinkStyle, Options,
};
use htmd::{Element, HtmlToMarkdown};

use super::inline::is_absolute_url;
use super::syntax::{code_span, fence_for, list_marker_width, starts_block};

pub(super) fn build_converter() -> HtmlToMarkdown {
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
        .add_handler(vec!["code"], inline_code)
        .add_handler(vec!["a", "br", "img"], markup_in_code)
        .add_handler(vec!["a"], anchor)
        .add_handler(vec!["b", "strong", "i", "em"], emphasis)
        .add_handler(vec!["dt"], definition_term)
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

thread_local! {
    /// How many `<pre>` elements enclose the element being converted (htmd
    /// gives handlers no access to an element's ancestors).
    static IN_PRE: Cell<usize> = const { Cell::new(0) };
    /// How many inline `<code>` elements enclose it.
    static IN_CODE: Cell<usize> = const { Cell::new(0) };
}

/// Marks the conversion of an element's children as inside the context
/// counted by `key` until dropped (also when unwinding from a panic in htmd).
struct Inside(&'static LocalKey<Cell<usize>>);

impl Inside {
    fn enter(key: &'static LocalKey<Cell<usize>>) -> Self {
        key.with(|depth| depth.set(depth.get() + 1));
        Inside(key)
    }
}

impl Drop for Inside {
    fn drop(&mut self) {
        self.0.with(|depth| depth.set(depth.get() - 1));
    }
}

fn inside(key: &'static LocalKey<Cell<usize>>) -> bool {
    key.with(|depth| depth.get() > 0)
}

/// `<pre>` → a fenced block of its text; the sanitizer later turns every
/// fence into a `text` fence.
fn pre_block(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let content = {
        let _pre = Inside::enter(&IN_PRE);
        handlers.walk_children(element.node).content
    };
    let content = content.trim_matches('\n');
    if content.trim().is_empty() {
        return None;
    }
    let fence = fence_for(content.lines());
    Some(format!("\n\n{fence}\n{content}\n{fence}\n\n").into())
}

/// Inline `<code>` → a code span on one line. HTML collapses whitespace in
/// `<code>`, and a line break inside the span could start a Markdown block
/// on the next line (`- x`), where no escape would help: inside a code span
/// it would show.
fn inline_code(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    if inside(&IN_CODE) || inside(&IN_PRE) {
        // (`<pre><code>`: the `<pre>` makes the block.)
        return Some(handlers.walk_children(element.node));
    }
    let content = {
        let _code = Inside::enter(&IN_CODE);
        handlers.walk_children(element.node).content
    };
    let text = collapse_whitespace(&content);
    if text.trim().is_empty() {
        // `a<code> </code>b` reads `a b`; an empty span would show "``".
        return (!text.is_empty()).then(|| " ".into());
    }
    // (Trimmed once adjacent spans are merged: `<code>a</code><code> b</code>`
    // reads `a b`.)
    Some(format!("{CODE_OPEN}{text}{CODE_CLOSE}").into())
}

/// Runs of ASCII whitespace (line breaks included) → one space.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_ascii_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    if space {
        out.push(' ');
    }
    out
}

/// Code span text is marked with these noncharacters during conversion and
/// delimited after it ([`finish_code_spans`]): adjacent `<code>` elements
/// must become one span, as `` `a``b` `` would read as one span "a``b".
pub(super) const CODE_OPEN: char = '\u{FDD0}';
pub(super) const CODE_CLOSE: char = '\u{FDD1}';

/// Turns the marked code span text into code spans, merging adjacent ones.
/// Spaces at either end stay outside the span.
pub(super) fn finish_code_spans(markdown: &str) -> String {
    let merged = markdown.replace(&format!("{CODE_CLOSE}{CODE_OPEN}"), "");
    let mut out = String::with_capacity(merged.len());
    let mut rest = merged.as_str();
    while let Some(start) = rest.find(CODE_OPEN) {
        out.push_str(&rest[..start]);
        rest = &rest[start + CODE_OPEN.len_utf8()..];
        let end = rest.find(CODE_CLOSE).unwrap_or(rest.len());
        let text = collapse_whitespace(&rest[..end]);
        rest = rest.get(end + CODE_CLOSE.len_utf8()..).unwrap_or("");
        let code = text.trim_matches(' ');
        if text.starts_with(' ') && !out.is_empty() && !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
        if !code.is_empty() {
            out.push_str(&code_span(code));
            if text.ends_with(' ') && !rest.is_empty() && !rest.starts_with([' ', '\n']) {
                out.push(' ');
            }
        }
    }
    out.push_str(rest);
    out
}

/// Inside `<code>` and `<pre>` Markdown means nothing: an element there
/// keeps its text only (`<code>/<i>bucket</i>/</code>` was `` `/*bucket*/` ``).
fn markup_in_code(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let in_pre = inside(&IN_PRE);
    if !in_pre && !inside(&IN_CODE) {
        return handlers.fallback(element);
    }
    if element.tag == "br" {
        return Some(if in_pre { "\n" } else { " " }.into());
    }
    Some(handlers.walk_children(element.node))
}

/// `<a>` with nothing to show and no absolute URL to offer gives nothing,
/// not `[](Foo.html)`: the block pass would see text on a list item's first
/// line that the inline pass then drops, leaving an empty item.
fn anchor(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    if inside(&IN_PRE) || inside(&IN_CODE) {
        return handlers.fallback(element);
    }
    let href = element.attrs.iter().find(|a| &*a.name.local == "href");
    let absolute = href.is_some_and(|a| is_absolute_url(a.value.trim()));
    if !absolute
        && handlers
            .walk_children(element.node)
            .content
            .trim()
            .is_empty()
    {
        return None;
    }
    handlers.fallback(element)
}

/// `<b>`/`<i>` → `**…**`/`*…*` around inline content. An empty one gives
/// nothing (a space if it held one); around blocks (`<b><ul>…`, where an
/// unclosed `<b>` ends up) the markers would land on a list marker
/// (`**- **…`) and are dropped.
fn emphasis(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let content = handlers.walk_children(element.node).content;
    if inside(&IN_PRE) || inside(&IN_CODE) {
        return Some(content.into());
    }
    let inner = content.trim();
    if inner.is_empty() {
        return (!content.is_empty()).then(|| " ".into());
    }
    if spans_blocks(&content) {
        return Some(content.into());
    }
    let marker = if matches!(element.tag, "b" | "strong") {
        "**"
    } else {
        "*"
    };
    let lead = &content[..content.len() - content.trim_start().len()];
    let trail = &content[content.trim_end().len()..];
    Some(format!("{lead}{marker}{inner}{marker}{trail}").into())
}

/// Whether converted content holds more than one paragraph's inline text:
/// block handlers start their output on a new line.
fn spans_blocks(markdown: &str) -> bool {
    markdown.lines().skip(1).any(|line| {
        let t = line.trim_start();
        t.is_empty() || starts_block(t) || t.starts_with('|')
    })
}

/// Definition terms read as headings of their `<dd>` paragraphs.
fn definition_term(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let content = handlers.walk_children(element.node).content;
    let content = content.trim();
    if content.is_empty() || content.contains("**") || content.contains('\n') {
        Some(format!("\n\n{content}\n\n").into())
    } else {
        Some(format!("\n\n**{content}**\n\n").into())
    }
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

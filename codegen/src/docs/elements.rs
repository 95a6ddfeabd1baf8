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

use super::syntax::{fence_for, list_marker_width, starts_block};

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

/// `<pre>` → a fenced block (htmd only fences `<pre><code>`); the sanitizer
/// later turns every fence into a `text` fence.
fn pre_block(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let content = {
        let _pre = Inside::enter(&IN_PRE);
        handlers.walk_children(element.node).content
    };
    let content = content.trim_matches('\n');
    if content.trim().is_empty() {
        return None;
    }
    if content.starts_with("```") || content.starts_with("~~~") {
        // `<pre><code>`: already fenced by htmd's code handler.
        return Some(format!("\n\n{content}\n\n").into());
    }
    let fence = fence_for(content.lines());
    Some(format!("\n\n{fence}\n{content}\n{fence}\n\n").into())
}

/// Inline `<code>` → a code span on one line. HTML collapses whitespace in
/// `<code>`, and a line break inside the span could start a Markdown block
/// on the next line (`- x`), where no escape would help: inside a code span
/// it would show.
fn inline_code(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    if inside(&IN_CODE) {
        return Some(handlers.walk_children(element.node));
    }
    if inside(&IN_PRE) {
        // htmd's `<pre><code>` code block.
        return handlers.fallback(element);
    }
    let content = {
        let _code = Inside::enter(&IN_CODE);
        handlers.walk_children(element.node).content
    };
    let words: Vec<&str> = content
        .split(|c: char| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        // `a<code> </code>b` reads `a b`; an empty span would show "``".
        return (!content.is_empty()).then(|| " ".into());
    }
    Some(code_span(&words.join(" ")).into())
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
    if spans_blocks(inner) {
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

/// Whether converted content holds more than one paragraph's inline text.
fn spans_blocks(markdown: &str) -> bool {
    markdown.lines().enumerate().any(|(k, line)| {
        let t = line.trim_start();
        (k > 0 && t.is_empty()) || starts_block(t) || t.starts_with('|')
    })
}

/// `content` as a code span: delimited by a backtick run that does not occur
/// in it, padded with a space where it starts or ends with a backtick.
fn code_span(content: &str) -> String {
    let runs: Vec<usize> = content
        .split(|c| c != '`')
        .map(str::len)
        .filter(|&n| n > 0)
        .collect();
    let ticks = (1..).find(|n| !runs.contains(n)).unwrap_or(1);
    let delimiter = "`".repeat(ticks);
    let pad = if content.starts_with('`') || content.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{delimiter}{pad}{content}{pad}{delimiter}")
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

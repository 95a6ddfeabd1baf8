//! Block pass: splits Markdown lines into prose and code blocks so that every
//! code block can be emitted as a `text` fence and nothing else is indented
//! deep enough to become one.

use super::syntax::{
    fence_open, indent_of, is_atx_heading, is_fence_close, is_rule_or_underline, list_marker_width,
    starts_block,
};

pub(super) enum Block {
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

/// Splits lines into prose and code blocks, tracking list-item nesting so that
/// list continuation lines keep their indentation while anything that would
/// be an indented code block is fenced (after a blank line) or de-indented
/// (paragraph continuation).
pub(super) fn split_blocks(lines: &[String]) -> Vec<Block> {
    let mut splitter = Splitter {
        lines,
        blocks: Vec::new(),
        text: Vec::new(),
        items: Vec::new(),
        block_start: true,
        empty_item: false,
    };
    let mut i = 0;
    while i < lines.len() {
        i = splitter.line(i);
    }
    splitter.flush();
    splitter.blocks
}

struct Splitter<'a> {
    lines: &'a [String],
    blocks: Vec<Block>,
    /// Lines of the prose block being gathered.
    text: Vec<String>,
    /// Content columns of the open list items, innermost last.
    items: Vec<usize>,
    /// True at the start and after a blank line or a code block.
    block_start: bool,
    /// The last line was a list marker with no content.
    empty_item: bool,
}

/// The list markers opening a line (`- 1. ` opens two items), rebuilt.
struct Markers<'a> {
    /// Indentation and markers, each followed by the spaces kept after it.
    prefix: String,
    /// The content after the markers.
    rest: &'a str,
    /// Whether there was any marker.
    marked: bool,
}

impl<'a> Splitter<'a> {
    fn flush(&mut self) {
        if !self.text.is_empty() {
            self.blocks
                .push(Block::Text(std::mem::take(&mut self.text)));
        }
    }

    /// Handles the line at `i` (and the following ones it owns, for code);
    /// returns the index of the next line to handle.
    fn line(&mut self, i: usize) -> usize {
        let lines = self.lines;
        let line = lines[i].as_str();
        if line.is_empty() {
            // An item that starts with a blank line and has nothing on its
            // marker line is empty: the blank line ends it (CommonMark).
            if self.empty_item {
                self.items.pop();
                self.empty_item = false;
            }
            self.text.push(String::new());
            self.block_start = true;
            return i + 1;
        }
        self.empty_item = false;
        let n = indent_of(line);
        let rest = &line[n..];
        let opens_block = fence_open(rest).is_some() || list_marker_width(rest).is_some();
        if self.block_start || opens_block {
            while self.items.last().is_some_and(|&col| col > n) {
                self.items.pop();
            }
        }
        let base = self.items.last().copied().unwrap_or(0);
        if n >= base + 4 && self.block_start {
            return self.indented_code(i, base);
        }
        if n <= base + 3 {
            let markers = self.open_items(n, rest);
            if let Some(fence) = fence_open(markers.rest) {
                return self.fenced_code(i, n, base, fence, markers);
            }
            let Markers {
                mut prefix,
                rest: r,
                marked,
            } = markers;
            if self.block_start && !marked {
                // Up to 3 spaces before a paragraph are no part of it.
                prefix = " ".repeat(base);
            }
            if r.starts_with('>') {
                self.text.push(format!("{prefix}{}", sanitize_quote(r)));
            } else {
                self.text.push(format!("{prefix}{r}"));
            }
        } else {
            self.continuation(base, rest);
        }
        // An ATX heading is no paragraph: an indented line after it is code.
        self.block_start = n <= base + 3 && is_atx_heading(rest);
        i + 1
    }

    /// An over-indented paragraph continuation is de-indented (same
    /// rendering). If it would then start a block, it joins the previous line
    /// instead where it can, rather than being escaped: it may continue a
    /// code span.
    fn continuation(&mut self, base: usize, rest: &str) {
        if starts_block(rest) {
            if let Some(prev) = self.text.last_mut().filter(|p| can_join(p)) {
                prev.push(' ');
                prev.push_str(rest);
                return;
            }
        }
        let line = format!("{}{}", " ".repeat(base), neutralize_block_start(rest));
        self.text.push(line);
    }

    /// Gathers the indented code block starting at line `i` as a fence.
    fn indented_code(&mut self, i: usize, base: usize) -> usize {
        let lines = self.lines;
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
        self.flush();
        self.blocks.push(Block::Code {
            indent: base,
            prefix: None,
            lines: code,
        });
        self.block_start = true;
        j
    }

    /// Opens an item per list marker at the start of `rest` (indented `n`).
    /// Content indented 4+ after a marker would be an indented code block
    /// inside the item: the prefix is rebuilt with a single space.
    fn open_items(&mut self, n: usize, rest: &'a str) -> Markers<'a> {
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
            let content_col = prefix.len() + usize::from(after.is_empty());
            self.items.push(content_col);
            // (Lines are trimmed at the end: an empty item is just its marker.)
            self.empty_item = after.is_empty();
            r = after;
            marked = true;
        }
        Markers {
            prefix,
            rest: r,
            marked,
        }
    }

    /// Gathers the fenced code block opened on line `i` (indented `n`,
    /// possibly after list markers) up to its closing fence.
    fn fenced_code(
        &mut self,
        i: usize,
        n: usize,
        base: usize,
        (c, len): (u8, usize),
        markers: Markers<'_>,
    ) -> usize {
        let lines = self.lines;
        let col = self.items.last().copied().unwrap_or(0);
        let strip = if markers.marked { col } else { n };
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
        self.flush();
        self.blocks.push(Block::Code {
            indent: if markers.marked { col } else { base },
            prefix: markers.marked.then_some(markers.prefix),
            lines: code,
        });
        self.block_start = true;
        self.empty_item = false;
        j + 1
    }
}

/// Expands tabs (to 4-column stops) in the structural prefix of a line:
/// indentation, list markers and quote markers, where CommonMark treats a tab
/// as spaces (`-\t```` opens a fence inside a list item).
pub(super) fn expand_leading_tabs(line: &str) -> String {
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

/// Escapes the start of a paragraph continuation line that would start a
/// block (fence, list item, heading, quote, setext underline, thematic break)
/// once de-indented. Nothing else is touched: the line may start inside a
/// code span.
pub(super) fn neutralize_block_start(rest: &str) -> String {
    if !starts_block(rest) {
        return rest.to_string();
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        return format!("{}\\{}", &rest[..digits], &rest[digits..]);
    }
    format!("\\{rest}")
}

/// Whether a continuation line may be appended to `prev` with a space: a
/// line break renders as a space (also inside a code span), but not after a
/// hard break, nor after a line that is no paragraph text.
fn can_join(prev: &str) -> bool {
    let t = prev.trim_start();
    let hard_break = (t.len() - t.trim_end_matches('\\').len()) % 2 == 1;
    !t.is_empty() && !hard_break && !t.starts_with('|') && !is_rule_or_underline(t)
}

//! Makes Markdown rustdoc-safe: code blocks become `text` fences (block
//! pass, `blocks`), prose gets its inline escapes (`inline`), and blank lines
//! and trailing whitespace are normalized.

use super::blocks::{expand_leading_tabs, split_blocks, Block};
use super::inline::escape_inline;
use super::syntax::{fence_for, is_atx_heading, is_rule_or_underline, starts_block};

/// An output line; blank lines inside code are kept as they are.
struct Line {
    text: String,
    code: bool,
}

pub(super) fn sanitize(md: &str, from_html: bool) -> String {
    let lines: Vec<String> = md
        .split('\n')
        .map(|l| expand_leading_tabs(l).trim_end().to_string())
        .collect();
    let mut out = Vec::new();
    for block in split_blocks(&lines) {
        match block {
            Block::Text(mut lines) => {
                if from_html {
                    drop_dangling_hard_breaks(&mut lines);
                }
                escape_text(&lines, &mut out);
            }
            Block::Code {
                indent,
                prefix,
                lines,
            } => fence_code(indent, prefix, lines, &mut out),
        }
    }
    join_lines(out)
}

/// Escapes prose one paragraph at a time: inline constructs never span block
/// boundaries. A unit ends only where CommonMark ends a paragraph, so a code
/// span that crosses a line is seen whole (and left alone).
fn escape_text(lines: &[String], out: &mut Vec<Line>) {
    let mut unit: Vec<&str> = Vec::new();
    let mut prev_ends_unit = false;
    for line in lines.iter().map(String::as_str).chain(std::iter::once("")) {
        let t = line.trim_start();
        let starts_unit = t.is_empty() || prev_ends_unit || starts_block(t) || t.starts_with('|');
        if starts_unit && !unit.is_empty() {
            let escaped = escape_inline(&unit.join("\n"), false);
            out.extend(escaped.split('\n').map(|l| Line {
                text: l.trim_end().to_string(),
                code: false,
            }));
            unit.clear();
        }
        // Headings, table rows and rules take no continuation lines.
        prev_ends_unit = is_atx_heading(t) || t.starts_with('|') || is_rule_or_underline(t);
        if t.is_empty() {
            out.push(Line {
                text: String::new(),
                code: false,
            });
        } else {
            unit.push(line);
        }
    }
    // (The blank line pushed for the sentinel.)
    out.pop();
}

/// Emits a code block as a `text` fence long enough for its content.
fn fence_code(indent: usize, prefix: Option<String>, lines: Vec<String>, out: &mut Vec<Line>) {
    let pad = " ".repeat(indent);
    let fence = fence_for(lines.iter().map(String::as_str));
    let opener = prefix.as_deref().unwrap_or(&pad);
    out.push(Line {
        text: format!("{opener}{fence}text"),
        code: false,
    });
    for l in lines {
        let text = if l.is_empty() { l } else { format!("{pad}{l}") };
        out.push(Line { text, code: true });
    }
    out.push(Line {
        text: format!("{pad}{fence}"),
        code: false,
    });
}

/// Joins the lines, collapsing blank runs outside code and dropping leading
/// and trailing blank lines.
fn join_lines(lines: Vec<Line>) -> String {
    let mut result = String::new();
    let mut pending_blank = false;
    for Line { text, code } in lines {
        if text.is_empty() && !code {
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
        result.push_str(&text);
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

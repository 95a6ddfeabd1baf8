//! An independent check of the output guarantees, written without the
//! converter's own scanners (except the list-marker width).

use crate::docs::syntax::list_marker_width;

/// The first violation of the output guarantees in `md`, if any.
/// A line indented 4+ spaces outside a fence is only accepted as content
/// of a list item (indent below the item's content column + 4).
pub(super) fn violation(md: &str) -> Option<String> {
    violation_with(md, true)
}

/// `inline: false` skips the inline scan (brackets, `<`, bare URLs), whose
/// simple code-span model disagrees with CommonMark on random soup.
pub(super) fn violation_with(md: &str, inline: bool) -> Option<String> {
    let mut scan = BlockScan::default();
    for line in md.split('\n') {
        if let Err(v) = scan.line(line) {
            return Some(v);
        }
    }
    if scan.fence.is_some() {
        return Some("unclosed fence".into());
    }
    if md.starts_with('\n') || md.ends_with('\n') {
        return Some("blank line run / leading / trailing blank line".into());
    }
    if !inline {
        return None;
    }
    inline_violation(scan.prose.as_bytes())
}

/// Line-by-line state: open fence, open list items, the prose seen so far.
#[derive(Default)]
struct BlockScan {
    /// Backtick count of the open fence.
    fence: Option<usize>,
    /// Prose lines (fences replaced by blank lines), for the inline scan.
    prose: String,
    prev_blank: bool,
    /// Content columns of the open list items.
    item_cols: Vec<usize>,
}

impl BlockScan {
    fn line(&mut self, line: &str) -> Result<(), String> {
        if line.contains('\r') || line != line.trim_end() {
            return Err(format!("CR or trailing whitespace: {line:?}"));
        }
        let line_start = line.trim_start();
        let indent = line.len() - line_start.len();
        let mut trimmed = line_start;
        if self.fence.is_none() {
            // A fence may open on a list-marker line (`- ```text`).
            while let Some(w) = list_marker_width(trimmed) {
                trimmed = trimmed[w.min(trimmed.len())..].trim_start();
            }
        }
        let ticks = trimmed.bytes().take_while(|&b| b == b'`').count();
        if let Some(open) = self.fence {
            if ticks >= open && trimmed[ticks..].is_empty() {
                self.fence = None;
            }
            return Ok(());
        }
        // (A backtick run followed by more backticks opens no fence.)
        if (ticks >= 3 && !trimmed[ticks..].contains('`')) || trimmed.starts_with("~~~") {
            if &trimmed[ticks..] != "text" {
                return Err(format!("fence without `text`: {line:?}"));
            }
            self.fence = Some(ticks);
            self.prose.push('\n');
            self.prev_blank = false;
            // Markers before the fence open items (`- - ```text`).
            self.close_items(indent);
            self.open_items(indent, line_start);
            return Ok(());
        }
        self.prose_line(line, indent)
    }

    fn prose_line(&mut self, line: &str, indent: usize) -> Result<(), String> {
        if line.is_empty() && self.prev_blank {
            return Err("run of blank lines".into());
        }
        let after_blank = self.prev_blank;
        self.prev_blank = line.is_empty();
        if line.contains('\t') && line.trim_start_matches(' ').starts_with('\t') {
            return Err(format!("tab indentation: {line:?}"));
        }
        let trimmed = line.trim_start();
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        let bullet = |t: &str| t.starts_with(' ') || t.is_empty();
        let marker = (trimmed.starts_with(['-', '*', '+']) && bullet(&trimmed[1..]))
            || (digits > 0
                && trimmed[digits..].starts_with(['.', ')'])
                && bullet(&trimmed[digits + 1..]));
        if !line.is_empty() {
            // (Lazy continuation lines do not close list items.)
            if after_blank || marker {
                self.close_items(indent);
            }
            let base = self.item_cols.last().copied().unwrap_or(0);
            if indent >= base + 4 {
                return Err(format!("indented 4+ outside a fence: {line:?}"));
            }
            if marker {
                // Every marker on the line opens an item (`- - x`).
                self.open_items(indent, trimmed);
            }
        }
        self.prose.push_str(line);
        self.prose.push('\n');
        Ok(())
    }

    fn close_items(&mut self, indent: usize) {
        while self.item_cols.last().is_some_and(|&c| c > indent) {
            self.item_cols.pop();
        }
    }

    /// Opens an item for each list marker at the start of `t` (at `indent`).
    fn open_items(&mut self, indent: usize, mut t: &str) {
        let mut col = indent;
        while let Some(w) = list_marker_width(t) {
            let w = w.min(t.len());
            col += w;
            self.item_cols.push(col);
            t = &t[w..];
        }
    }
}

/// Inline scan of prose: escapes and code spans are skipped.
fn inline_violation(b: &[u8]) -> Option<String> {
    let at = |i: usize| String::from_utf8_lossy(&b[i..(i + 60).min(b.len())]).into_owned();
    let find = |i: usize, c: u8| b[i..].iter().position(|&x| x == c).map(|k| i + k);
    let mut i = 0;
    let mut in_link_text = false;
    while i < b.len() {
        i = match b[i] {
            b'\\' => i + 2,
            b'`' => code_span_end(b, i),
            b'<' if is_autolink_start(&b[i + 1..]) => find(i, b'>').map_or(i + 1, |k| k + 1),
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
            b'h' if is_bare_url(&b[i..]) => {
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

/// End of the code span opened at `i` (closing run: exactly as many
/// backticks, within the paragraph), or just past the opening run.
fn code_span_end(b: &[u8], i: usize) -> usize {
    let run = b[i..].iter().take_while(|&&c| c == b'`').count();
    let mut k = i + run;
    while k < b.len() && !b[k..].starts_with(b"\n\n") {
        let r = b[k..].iter().take_while(|&&c| c == b'`').count();
        if r == run {
            return k + r;
        }
        k += r.max(1);
    }
    i + run
}

/// Whether `rest` (after a `<`) starts an autolink `<scheme:…>`.
fn is_autolink_start(rest: &[u8]) -> bool {
    rest.iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count()
        >= 2
        && rest.iter().find(|c| !c.is_ascii_alphanumeric()) == Some(&b':')
}

fn is_bare_url(rest: &[u8]) -> bool {
    (rest.starts_with(b"http://") || rest.starts_with(b"https://"))
        && rest
            .split(|&c| c == b'/')
            .nth(2)
            .is_some_and(|host| !host.is_empty() && !host[0].is_ascii_whitespace())
}

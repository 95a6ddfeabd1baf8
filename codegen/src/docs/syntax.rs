//! Recognizers for the CommonMark constructs the passes must not disturb:
//! list markers, fences, headings and code spans. Byte-based: every construct
//! they look for starts with ASCII.

/// Length of the run of `c` starting at `start` (0 past the end).
pub(super) fn run_len(b: &[u8], start: usize, c: u8) -> usize {
    b.get(start..)
        .map_or(0, |s| s.iter().take_while(|&&x| x == c).count())
}

pub(super) fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// End (exclusive) of a code span whose opening run of `run` backticks ends at
/// `from`; code spans do not cross a blank line.
pub(super) fn find_code_span_end(b: &[u8], from: usize, run: usize) -> Option<usize> {
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
pub(super) fn is_blank_line_at(b: &[u8], k: usize) -> bool {
    b[k.min(b.len())..]
        .iter()
        .take_while(|&&c| c != b'\n')
        .all(|c| c.is_ascii_whitespace())
}

/// Width of a list marker (`- `, `* `, `+ `, `1. `, `1) `) including the
/// spaces up to the item content, or `None`.
pub(super) fn list_marker_width(rest: &str) -> Option<usize> {
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
pub(super) fn fence_open(rest: &str) -> Option<(u8, usize)> {
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

pub(super) fn is_fence_close(line: &str, c: u8, len: usize) -> bool {
    let rest = line.trim_start_matches(' ');
    let b = rest.as_bytes();
    let run = run_len(b, 0, c);
    run >= len && rest[run..].trim().is_empty()
}

pub(super) fn is_atx_heading(rest: &str) -> bool {
    let hashes = run_len(rest.as_bytes(), 0, b'#');
    (1..=6).contains(&hashes) && rest[hashes..].chars().next().is_none_or(|c| c == ' ')
}

/// A backtick fence longer than any backtick run that starts one of `lines`
/// (at least three backticks).
pub(super) fn fence_for<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let longest = lines
        .map(|l| run_len(l.trim_start().as_bytes(), 0, b'`'))
        .max()
        .unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// Whether a line (indentation removed) would open a block even in the middle
/// of a paragraph, or end the paragraph as a setext underline. Only these
/// need escaping where a paragraph continuation is meant; anything else may
/// be the inside of a code span, where an escape would show.
pub(super) fn starts_block(rest: &str) -> bool {
    rest.starts_with('>')
        || is_atx_heading(rest)
        || fence_open(rest).is_some()
        || list_marker_width(rest).is_some()
        || is_rule_or_underline(rest)
}

/// A thematic break (`---`, `* * *`, `___`) or a setext underline (`===`,
/// `-`).
pub(super) fn is_rule_or_underline(rest: &str) -> bool {
    let t = rest.trim_end();
    let Some(c) = t.bytes().next() else {
        return false;
    };
    let only = |c: u8| t.bytes().all(|b| b == c);
    match c {
        b'=' => only(b'='),
        b'-' | b'*' | b'_' => {
            let spaced = t.bytes().all(|b| b == c || b == b' ' || b == b'\t');
            (c == b'-' && only(b'-')) || (spaced && t.bytes().filter(|&b| b == c).count() >= 3)
        }
        _ => false,
    }
}

/// Length of what precedes a paragraph's first character on the line `s`:
/// indentation, list markers, quote markers.
pub(super) fn block_prefix_len(s: &str) -> usize {
    let mut rest = s.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix('>') {
            rest = after.trim_start();
        } else if let Some(width) = list_marker_width(rest) {
            rest = rest[width.min(rest.len())..].trim_start();
        } else {
            return s.len() - rest.len();
        }
    }
}

/// Whether `s` holds only what may precede a paragraph's first character.
pub(super) fn is_block_prefix(s: &str) -> bool {
    block_prefix_len(s) == s.len()
}

/// `content` as a code span: delimited by a backtick run that does not occur
/// in it, padded with a space where it starts or ends with a backtick.
pub(super) fn code_span(content: &str) -> String {
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

/// The text a code span (delimiters included) shows: one space is stripped
/// from each end when both ends have one.
pub(super) fn code_span_text(span: &str) -> &str {
    let run = run_len(span.as_bytes(), 0, b'`');
    let inner = &span[run..span.len() - run];
    match inner.strip_prefix(' ').and_then(|i| i.strip_suffix(' ')) {
        Some(stripped) if !inner.trim_matches(' ').is_empty() => stripped,
        _ => inner,
    }
}

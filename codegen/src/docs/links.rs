//! Parsing of CommonMark inline links `[text](dest "title")`, enough to tell
//! a real link (kept) from brackets that rustdoc would read as an intra-doc
//! link (escaped).

use std::ops::Range;

use super::syntax::{find_code_span_end, is_blank_line_at, run_len};

pub(super) struct InlineLink {
    /// Byte range of the link text (inside the brackets).
    pub text: Range<usize>,
    /// Destination, without angle brackets.
    pub dest: Range<usize>,
    /// Byte range of `(…)` (destination and title).
    pub tail: Range<usize>,
}

/// Parses an inline link `[text](dest "title")` whose `[` is at `i`.
pub(super) fn parse_inline_link(s: &str, i: usize) -> Option<InlineLink> {
    let b = s.as_bytes();
    let close = matching_bracket(b, i)?;
    if b.get(close + 1) != Some(&b'(') {
        return None;
    }
    let p = skip_space(b, close + 2)?;
    let (dest, p) = destination(b, p)?;
    let p = skip_space(b, p)?;
    let p = title(b, p, dest.end)?;
    if b.get(p) != Some(&b')') {
        return None;
    }
    Some(InlineLink {
        text: i + 1..close,
        dest,
        tail: close + 1..p + 1,
    })
}

/// The `]` matching the `[` at `i`, skipping escapes and code spans; links
/// do not cross a blank line.
fn matching_bracket(b: &[u8], i: usize) -> Option<usize> {
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
                    return Some(k);
                }
                k += 1;
            }
            b'\n' if is_blank_line_at(b, k + 1) => return None,
            _ => k += 1,
        }
    }
    None
}

/// Skips spaces, tabs and at most one line ending.
fn skip_space(b: &[u8], mut p: usize) -> Option<usize> {
    let mut newlines = 0;
    while p < b.len() && matches!(b[p], b' ' | b'\t' | b'\n') {
        if b[p] == b'\n' {
            newlines += 1;
        }
        p += 1;
    }
    (newlines <= 1).then_some(p)
}

/// The link destination starting at `p` (`<…>` or raw, with balanced
/// parentheses) and the position after it.
fn destination(b: &[u8], mut p: usize) -> Option<(Range<usize>, usize)> {
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
        return Some((start..p, p + 1));
    }
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
    let end = p.min(b.len());
    Some((start..end, end))
}

/// Skips an optional link title at `p` (`"…"`, `'…'` or `(…)`, separated
/// from the destination ending at `dest_end`) and the space after it.
fn title(b: &[u8], mut p: usize, dest_end: usize) -> Option<usize> {
    let Some(&open) = b.get(p).filter(|c| matches!(c, b'"' | b'\'' | b'(')) else {
        return Some(p);
    };
    let close = if open == b'(' { b')' } else { open };
    if p == dest_end {
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
    let mut p = p + 1;
    while p < b.len() && matches!(b[p], b' ' | b'\t' | b'\n') {
        p += 1;
    }
    Some(p)
}

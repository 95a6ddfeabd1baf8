//! Inline pass: escapes what rustdoc would misread in prose (`[`/`]` as
//! intra-doc links, `<` as HTML), wraps bare URLs (`rustdoc::bare_urls`) and
//! drops links that cannot work in generated docs.

use super::blocks::neutralize_block_start;
use super::links::{parse_inline_link, InlineLink};
use std::ops::Range;

use super::syntax::{code_span, code_span_text, find_code_span_end, is_block_prefix, run_len};

/// Escapes `[`, `]` and `<` that are not part of links / autolinks, wraps bare
/// URLs, and drops links whose destination is relative. Code spans and
/// backslash escapes are copied verbatim.
pub(super) fn escape_inline(s: &str, in_link_text: bool) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 16);
    // Where in `out` the last code span stands.
    let mut last_span = None;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' if b.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                out.push_str(&s[i..i + 2]);
                i += 2;
            }
            b'`' => {
                let run = run_len(b, i, b'`');
                let end = find_code_span_end(b, i + run, run);
                match end {
                    Some(end) => push_code_span(&mut out, &mut last_span, &s[i..end]),
                    None => out.push_str(&s[i..i + run]),
                }
                i = end.unwrap_or(i + run);
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
                    push_link(&mut out, s, &link);
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

/// Pushes a code span. One right after another (a dropped empty link stood
/// between them) merges with it: their backticks would run together.
fn push_code_span(out: &mut String, last: &mut Option<Range<usize>>, span: &str) {
    let start = match last.take().filter(|prev| prev.end == out.len()) {
        Some(prev) => {
            let merged = format!(
                "{}{}",
                code_span_text(&out[prev.clone()]),
                code_span_text(span)
            );
            out.truncate(prev.start);
            out.push_str(&code_span(&merged));
            prev.start
        }
        None => {
            out.push_str(span);
            out.len() - span.len()
        }
    };
    *last = Some(start..out.len());
}

/// Emits an inline link: an autolink when its text is its URL, the link when
/// its destination is absolute, its text alone otherwise.
fn push_link(out: &mut String, s: &str, link: &InlineLink) {
    let text = &s[link.text.clone()];
    let dest = &s[link.dest.clone()];
    let plain_text = unescape(text.trim());
    let autolinkable = !dest
        .contains(|c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '\\'));
    if is_absolute_url(dest) && autolinkable && (plain_text.is_empty() || plain_text == dest) {
        push_autolink(out, dest);
    } else if is_absolute_url(dest) && !plain_text.is_empty() {
        out.push('[');
        out.push_str(&escape_inline(text, true));
        out.push(']');
        out.push_str(&s[link.tail.clone()]);
    } else {
        push_link_text(out, text);
    }
}

/// The text of a dropped link. Dropping `[` must not turn the text into a
/// block start (`[- x](Foo)` at the start of a line or of a list item).
fn push_link_text(out: &mut String, text: &str) {
    let line_start = is_block_prefix(out.rsplit('\n').next().unwrap_or(""));
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

pub(super) fn is_absolute_url(dest: &str) -> bool {
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
    trim_url_end(&mut chars);
    if chars.len() <= scheme_len {
        return None;
    }
    let end = chars.last()?.1;
    Some((end, chars.into_iter().map(|(c, _)| c).collect()))
}

/// Trailing punctuation and unbalanced closers are not part of a bare URL.
fn trim_url_end(chars: &mut Vec<(char, usize)>) {
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

//! The JSON pointer (RFC 6901) of the member a serde_json error is in, found from the
//! error's line and column by scanning the text before it. Bodies are read once with no
//! path tracking (which would cost an allocation per member and a second copy of every
//! type's reading code); only a body that fails is scanned.

/// The JSON pointer of the member that was being read where `error` occurred in `text`
/// (`/a/0/b`; `""` for the root, or for an error that has no position).
///
/// The pointer names the innermost member or element whose value serde was reading: an
/// error in a value, or a missing member reported at the end of its object, names that
/// value; punctuation out of place between members names their container.
pub fn error_pointer(text: &str, error: &serde_json::Error) -> String {
    let Some(end) = offset(text, error.line(), error.column()) else {
        return String::new();
    };
    let data = error.classify() == serde_json::error::Category::Data;
    let message = error.to_string();
    // serde_json reports these at the byte it peeked at, without having read it.
    let peeked = PEEKED.iter().any(|m| message.starts_with(m));
    let stop = if peeked { end.saturating_sub(1) } else { end };
    let error = ErrorKind {
        data,
        read_past: !data && !peeked,
    };
    Scan::new(text.as_bytes()).run(stop, error)
}

/// What kind of error the scan stops at.
#[derive(Clone, Copy)]
struct ErrorKind {
    /// A visitor found a value wrong (rather than the JSON syntax being wrong).
    data: bool,
    /// A syntax error at the last byte read: serde_json reads one byte past a malformed
    /// number or literal, which may be the delimiter after it.
    read_past: bool,
}

/// The messages of the errors serde_json reports at a byte it only peeked at.
const PEEKED: &[&str] = &[
    "expected value",
    "expected `:`",
    "expected `,` or `]`",
    "expected `,` or `}`",
    "key must be a string",
    "trailing comma",
    "trailing characters",
    "recursion limit exceeded",
];

/// The byte offset just past column `column` (bytes read on that line) of line `line`
/// (1-based); `None` for line 0 (no position).
fn offset(text: &str, line: usize, column: usize) -> Option<usize> {
    let start = match line {
        0 => return None,
        1 => 0,
        _ => text.match_indices('\n').nth(line - 2)?.0 + 1,
    };
    Some((start + column).min(text.len()))
}

/// The pointer of the member being read once `text[..end]` has been read, for an error
/// in the value being read there (bytes from `end` on are unread). Used for invalid UTF-8
/// at `end`, inside whatever value is open there.
pub(super) fn pointer_at(text: &[u8], end: usize) -> String {
    let error = ErrorKind {
        data: false,
        read_past: false,
    };
    Scan::new(text).run(end, error)
}

use super::super::validate::push_pointer_segment;

/// Where the scan is inside one object or array.
enum Frame {
    /// An object: `key` is the member whose value is being read (from its `:` to the
    /// next `,`), `pending` a key read whose `:` has not come yet, `done` whether that
    /// value has been read whole.
    Object {
        key: Option<String>,
        pending: Option<String>,
        done: bool,
    },
    /// An array: `current` is the element being read (from its first byte to the next
    /// `,`), `next` the index the next element will have, `done` whether `current` has
    /// been read whole.
    Array {
        current: Option<usize>,
        next: usize,
        done: bool,
    },
}

/// A scan of JSON text up to an error, mirroring what serde_json had read.
struct Scan<'a> {
    text: &'a [u8],
    stack: Vec<Frame>,
}

impl<'a> Scan<'a> {
    fn new(text: &'a [u8]) -> Self {
        Scan {
            text,
            stack: Vec::new(),
        }
    }

    /// Reads `text[..stop]` and renders the pointer of an `error` there.
    fn run(mut self, stop: usize, error: ErrorKind) -> String {
        let text = self.text;
        let stop = stop.min(text.len());
        let mut i = 0;
        // Whether the scan stopped inside a value.
        let mut open = false;
        while i < stop {
            let byte = text[i];
            i += 1;
            match byte {
                b' ' | b'\t' | b'\n' | b'\r' => {}
                b'{' | b'[' => {
                    self.begin_value();
                    self.stack.push(if byte == b'{' {
                        Frame::Object {
                            key: None,
                            pending: None,
                            done: false,
                        }
                    } else {
                        Frame::Array {
                            current: None,
                            next: 0,
                            done: false,
                        }
                    });
                }
                b'}' | b']' => {
                    self.stack.pop();
                    self.end_value();
                }
                b',' => match self.stack.last_mut() {
                    Some(Frame::Object { key, pending, done }) => {
                        (*key, *pending, *done) = (None, None, false);
                    }
                    Some(Frame::Array { current, done, .. }) => (*current, *done) = (None, false),
                    None => {}
                },
                b':' => {
                    if let Some(Frame::Object { key, pending, .. }) = self.stack.last_mut() {
                        *key = pending.take();
                    }
                }
                b'"' => {
                    let is_key = matches!(
                        self.stack.last(),
                        Some(Frame::Object {
                            key: None,
                            pending: None,
                            ..
                        })
                    );
                    if !is_key {
                        self.begin_value();
                    }
                    // Unterminated, or ending past the stop: the scan stops inside it.
                    let Some(close) = string_end(text, i).filter(|&c| c <= stop) else {
                        open = !is_key;
                        break;
                    };
                    match self.stack.last_mut() {
                        Some(Frame::Object { pending, .. }) if is_key => {
                            *pending = Some(decode_key(&text[i - 1..close]));
                        }
                        _ => self.end_value(),
                    }
                    i = close;
                }
                _ => {
                    // A number or a literal, as far as serde_json reads it.
                    self.begin_value();
                    let end = scalar_end(text, i - 1);
                    // Past the stop, or the byte after it was read as part of it.
                    if end > stop || (error.read_past && end + 1 == stop) {
                        open = true;
                        break;
                    }
                    i = end;
                    self.end_value();
                }
            }
        }
        if !open {
            self.settle(stop, error.data);
        }
        self.render()
    }

    /// Whether the innermost value, where the scan stopped between tokens, is the one
    /// serde was reading: an element serde had begun (it peeked a byte that is not `]`),
    /// or a value just read that a visitor (not the syntax) found wrong.
    fn settle(&mut self, stop: usize, data: bool) {
        let next = self.text[stop..]
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .copied();
        match self.stack.last_mut() {
            Some(Frame::Array { current: None, .. }) if next.is_some_and(|b| b != b']') => {
                self.begin_value();
            }
            Some(Frame::Array { current, done, .. }) if *done && !data => *current = None,
            Some(Frame::Object { key, done, .. }) if *done && !data => *key = None,
            _ => {}
        }
    }

    /// A value starts in the innermost container: in an array, it is the next element.
    fn begin_value(&mut self) {
        if let Some(Frame::Array { current, next, .. }) = self.stack.last_mut() {
            if current.is_none() {
                *current = Some(*next);
                *next += 1;
            }
        }
    }

    /// A value ended in the innermost container.
    fn end_value(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Object { done, .. } | Frame::Array { done, .. }) => *done = true,
            None => {}
        }
    }

    /// The frames as a JSON pointer, `~` and `/` in keys escaped.
    fn render(&self) -> String {
        let mut out = String::new();
        for frame in &self.stack {
            match frame {
                Frame::Object { key: Some(key), .. } => push_pointer_segment(&mut out, key),
                Frame::Array {
                    current: Some(index),
                    ..
                } => push_pointer_segment(&mut out, &index.to_string()),
                // Between members or elements: the container itself.
                _ => break,
            }
        }
        out
    }
}

/// The end of the number or literal starting at `start`: the bytes serde_json takes
/// as part of it (JSON's number grammar; a literal's letters while they match).
fn scalar_end(text: &[u8], start: usize) -> usize {
    let at = |i: usize| text.get(i).copied().unwrap_or(0);
    let digits = |mut i: usize| {
        while at(i).is_ascii_digit() {
            i += 1;
        }
        i
    };
    let literal: &[u8] = match at(start) {
        b'n' => b"null",
        b't' => b"true",
        b'f' => b"false",
        _ => {
            let mut i = start + usize::from(at(start) == b'-');
            i = if at(i) == b'0' { i + 1 } else { digits(i) };
            if at(i) == b'.' {
                i = digits(i + 1);
            }
            if matches!(at(i), b'e' | b'E') {
                i += 1 + usize::from(matches!(at(i + 1), b'+' | b'-'));
                i = digits(i);
            }
            return i.max(start + 1);
        }
    };
    let matching = literal
        .iter()
        .zip(&text[start..])
        .take_while(|(a, b)| a == b)
        .count();
    start + matching
}

/// The index just past the closing quote of the string whose opening quote is at
/// `open - 1`; `None` if it is unterminated. As serde_json does, `\\u` takes the four
/// bytes after it whatever they are.
fn string_end(text: &[u8], open: usize) -> Option<usize> {
    let mut i = open;
    while let Some(&byte) = text.get(i) {
        i += 1;
        match byte {
            b'"' => return Some(i),
            b'\\' if text.get(i) == Some(&b'u') => i += 5,
            b'\\' => i += 1,
            _ => {}
        }
    }
    None
}

/// A key's text with its escapes decoded, as serde read it (the raw text if it does not
/// decode, which serde would have rejected before reaching a value).
fn decode_key(quoted: &[u8]) -> String {
    serde_json::from_slice::<String>(quoted)
        .unwrap_or_else(|_| String::from_utf8_lossy(quoted).trim_matches('"').to_owned())
}

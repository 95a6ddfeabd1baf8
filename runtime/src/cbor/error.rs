//! [`CborError`]: what went wrong reading or writing a CBOR body, and where.

use std::fmt;

use super::super::validate::push_pointer_segment;

/// A CBOR body that could not be read (or a value that could not be written): what went
/// wrong, the JSON pointer (RFC 6901, as the restJson1 reader reports) of the member or
/// element it is in, and the byte offset in the body.
///
/// Boxed, so that the `Result`s passed up every level of reading stay one word wider than
/// their value (as serde_json's error is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CborError(Box<Inner>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Inner {
    message: String,
    /// `None` until the error has passed the innermost member or element it is in.
    pointer: Option<String>,
    /// `None` until known.
    offset: Option<usize>,
}

impl CborError {
    pub(super) fn new(message: impl Into<String>) -> Self {
        CborError(Box::new(Inner {
            message: message.into(),
            pointer: None,
            offset: None,
        }))
    }

    /// `message`, at byte `offset`.
    pub(super) fn at(message: impl Into<String>, offset: usize) -> Self {
        let mut e = CborError::new(message);
        e.0.offset = Some(offset);
        e
    }

    /// An error of the decoding crate, at its own offset when it has one.
    pub(super) fn decode(error: &minicbor::decode::Error) -> Self {
        let mut e = CborError::new(error.to_string());
        e.0.offset = error.position();
        e
    }

    /// Gives the error the pointer `path` (into `body`) and the offset `offset`, unless
    /// an inner member or element already gave it one (the first to see the error is the
    /// innermost).
    pub(super) fn locate(mut self, path: &[Segment], body: &[u8], offset: usize) -> Self {
        if self.0.pointer.is_none() {
            let mut pointer = String::new();
            for segment in path {
                match segment {
                    Segment::Key(at) => push_pointer_segment(&mut pointer, &key_text(body, *at)),
                    Segment::Index(i) => push_pointer_segment(&mut pointer, &i.to_string()),
                }
            }
            self.0.pointer = Some(pointer);
            self.0.offset.get_or_insert(offset);
        }
        self
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The JSON pointer of the member or element the error is in (`/items/3/name`; `""`
    /// for the body itself).
    pub fn pointer(&self) -> &str {
        self.0.pointer.as_deref().unwrap_or_default()
    }

    /// The byte offset in the body where reading stopped.
    pub fn offset(&self) -> usize {
        self.0.offset.unwrap_or_default()
    }
}

impl fmt::Display for CborError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pointer() {
            "" => write!(f, "{} (at byte {})", self.message(), self.offset()),
            pointer => write!(
                f,
                "{} at `{pointer}` (byte {})",
                self.message(),
                self.offset()
            ),
        }
    }
}

impl std::error::Error for CborError {}

impl serde::de::Error for CborError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        CborError::new(msg.to_string())
    }
}

impl serde::ser::Error for CborError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        CborError::new(msg.to_string())
    }
}

/// One step of the path to the item being read.
#[derive(Debug, Clone, Copy)]
pub(super) enum Segment {
    /// A map entry's value, by the offset of its key in the body (decoded only to render
    /// an error, so that reading pays one store per entry).
    Key(usize),
    /// An array element, by its index.
    Index(usize),
}

/// The text of the map key at byte `at` of `body` (either length form); `?` for a key
/// that is not text.
fn key_text(body: &[u8], at: usize) -> String {
    let mut dec = minicbor::Decoder::new(body);
    dec.set_position(at);
    let Ok(chunks) = dec.str_iter() else {
        return "?".to_owned();
    };
    let mut out = String::new();
    for chunk in chunks {
        match chunk {
            Ok(text) => out.push_str(text),
            Err(_) => break,
        }
    }
    out
}

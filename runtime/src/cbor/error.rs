//! [`CborError`]: what went wrong reading or writing a CBOR body, and where.

use std::borrow::Cow;
use std::fmt;

use super::super::validate::push_pointer_segment;

/// A CBOR body that could not be read (or a value that could not be written): what went
/// wrong, the JSON pointer (RFC 6901, as the restJson1 reader reports) of the member or
/// element it is in, and the byte offset in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CborError {
    message: String,
    /// `None` until the error has passed the innermost member or element it is in.
    pointer: Option<String>,
    /// `None` until known.
    offset: Option<usize>,
}

impl CborError {
    pub(super) fn new(message: impl Into<String>) -> Self {
        CborError {
            message: message.into(),
            pointer: None,
            offset: None,
        }
    }

    /// `message`, at byte `offset`.
    pub(super) fn at(message: impl Into<String>, offset: usize) -> Self {
        let mut e = CborError::new(message);
        e.offset = Some(offset);
        e
    }

    /// An error of the decoding crate, at its own offset when it has one.
    pub(super) fn decode(error: &minicbor::decode::Error) -> Self {
        let mut e = CborError::new(error.to_string());
        e.offset = error.position();
        e
    }

    /// Gives the error the pointer `path` and the offset `offset`, unless an inner
    /// member or element already gave it one (the first to see the error is the
    /// innermost).
    pub(super) fn locate(mut self, path: &[Segment<'_>], offset: usize) -> Self {
        if self.pointer.is_none() {
            let mut pointer = String::new();
            for segment in path {
                match segment {
                    Segment::Key(key) => push_pointer_segment(&mut pointer, key),
                    Segment::Index(i) => push_pointer_segment(&mut pointer, &i.to_string()),
                }
            }
            self.pointer = Some(pointer);
            self.offset.get_or_insert(offset);
        }
        self
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The JSON pointer of the member or element the error is in (`/items/3/name`; `""`
    /// for the body itself).
    pub fn pointer(&self) -> &str {
        self.pointer.as_deref().unwrap_or_default()
    }

    /// The byte offset in the body where reading stopped.
    pub fn offset(&self) -> usize {
        self.offset.unwrap_or_default()
    }
}

impl fmt::Display for CborError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pointer() {
            "" => write!(f, "{} (at byte {})", self.message, self.offset()),
            pointer => write!(
                f,
                "{} at `{pointer}` (byte {})",
                self.message,
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
#[derive(Debug, Clone)]
pub(super) enum Segment<'de> {
    /// A map entry's value, by its key (borrowed from the body unless it came in chunks).
    Key(Cow<'de, str>),
    /// An array element, by its index.
    Index(usize),
}

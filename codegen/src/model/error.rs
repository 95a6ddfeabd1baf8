//! The one error type of model loading.

use std::fmt;

use super::{Location, ShapeId};

/// A model could not be loaded: unreadable file, syntax error, invalid shape, conflict.
///
/// Always says where (file and line:column or JSON path) and, where one is involved,
/// which shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// Where the problem is.
    pub location: Location,
    /// The shape concerned, if any (boxed to keep `Result<_, LoadError>` small).
    pub shape: Option<Box<ShapeId>>,
    /// What is wrong, e.g. "expected `}` but found end of file".
    pub message: String,
}

impl LoadError {
    /// An error at `location`.
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        LoadError {
            location,
            shape: None,
            message: message.into(),
        }
    }

    /// An error about `shape`, defined at `location`.
    pub fn shape(location: Location, shape: &ShapeId, message: impl Into<String>) -> Self {
        LoadError {
            location,
            shape: Some(Box::new(shape.clone())),
            message: message.into(),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.location)?;
        if let Some(shape) = &self.shape {
            write!(f, "shape `{shape}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for LoadError {}

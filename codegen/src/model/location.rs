//! Where a shape, member or error came from.

use std::fmt;
use std::sync::Arc;

/// A place in a model file: an IDL line and column, or a JSON AST path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file as the user named it.
    pub file: Arc<str>,
    /// Where in the file.
    pub position: Position,
}

/// A position inside a file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Position {
    /// The whole file.
    File,
    /// 1-based line and column (IDL files, JSON syntax errors).
    LineColumn { line: u32, column: u32 },
    /// A JSON path such as `$.shapes["a#B"].members.c` (JSON AST files).
    JsonPath(String),
}

impl Location {
    /// The whole of `file`.
    pub fn file(file: Arc<str>) -> Self {
        Location {
            file,
            position: Position::File,
        }
    }

    /// A line and column in `file` (both 1-based).
    pub fn at(file: Arc<str>, line: u32, column: u32) -> Self {
        Location {
            file,
            position: Position::LineColumn { line, column },
        }
    }

    /// A JSON path in `file`.
    pub fn json(file: Arc<str>, path: impl Into<String>) -> Self {
        Location {
            file,
            position: Position::JsonPath(path.into()),
        }
    }

    /// Where built-in (prelude) shapes come from.
    pub fn prelude() -> Self {
        Location::file(Arc::from("<prelude>"))
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.position {
            Position::File => write!(f, "{}", self.file),
            Position::LineColumn { line, column } => write!(f, "{}:{line}:{column}", self.file),
            Position::JsonPath(path) => write!(f, "{} at {path}", self.file),
        }
    }
}

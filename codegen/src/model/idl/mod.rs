//! Smithy IDL 2.0 reader (spec idl.rst).
//!
//! The file is read twice: the first pass learns which shapes the file defines (so a
//! relative name resolves to a local shape defined further down before the prelude,
//! spec idl.rst "Relative shape ID resolution") and which members its mixins and
//! resources have (for elided targets); the second pass produces the fragment.

mod entities;
mod lexer;
mod node;
mod parser;
mod resolve;
mod shapes;
mod strings;
mod upgrade;

use std::sync::Arc;

use super::{Fragment, LoadError};
use parser::{Parser, Prepass};

/// Parses one `.smithy` file into a [`Fragment`].
///
/// # Errors
/// A [`LoadError`] at the line and column of the first syntax or resolution error.
pub fn parse(file: Arc<str>, text: &str) -> Result<Fragment, LoadError> {
    let empty = Prepass::default();
    let (first, _) = Parser::new(file.clone(), text, &empty).file()?;
    let prepass = Prepass {
        complete: true,
        defined: first.shapes.iter().map(|s| s.id.name().to_owned()).collect(),
        shapes: first.shapes,
    };
    let (fragment, version) = Parser::new(file, text, &prepass).file()?;
    Ok(upgrade::upgrade(fragment, version))
}

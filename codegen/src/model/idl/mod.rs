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
        defined: first
            .shapes
            .iter()
            .map(|s| s.id.name().to_owned())
            .collect(),
        shapes: first
            .shapes
            .into_iter()
            .map(|s| (s.id.clone(), s))
            .collect(),
    };
    let (fragment, version) = Parser::new(file, text, &prepass).file()?;
    Ok(upgrade::upgrade(fragment, version))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Location;

    #[test]
    fn locates_shapes_and_members_and_records_prelude_fallbacks() {
        let text = "$version: \"2\"\nnamespace a.b\n\nstructure S {\n    b: String\n    a: Local = 1\n}\n\ninteger Local\n";
        let fragment = parse(Arc::from("f.smithy"), text).expect("parses");
        let s = &fragment.shapes[0];
        assert_eq!(s.location, Location::at(Arc::from("f.smithy"), 4, 1));
        let names: Vec<_> = s
            .members
            .iter()
            .map(|m| (m.name.as_str(), m.target.to_string()))
            .collect();
        assert_eq!(
            names,
            [
                ("b", "smithy.api#String".to_owned()),
                ("a", "a.b#Local".to_owned())
            ]
        );
        assert_eq!(
            s.members[1].location,
            Location::at(Arc::from("f.smithy"), 6, 5)
        );
        assert_eq!(
            s.members[1]
                .traits
                .get(&crate::model::traits::ids::shape_id(
                    crate::model::traits::ids::DEFAULT
                )),
            Some(&serde_json::json!(1))
        );
        let (namespace, names) = fragment.prelude_fallbacks.expect("namespace");
        assert_eq!(
            (namespace.as_str(), names.into_iter().collect::<Vec<_>>()),
            ("a.b", vec!["String".to_owned()])
        );
    }
}

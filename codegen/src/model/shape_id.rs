//! Shape IDs: `namespace#Name` and `namespace#Name$member` (Smithy 2.0 spec, model.rst
//! "Shape ID").

use std::fmt;

/// An absolute shape ID, optionally naming a member.
///
/// Ordering is by namespace, then name, then member, so maps keyed by `ShapeId` iterate
/// deterministically.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId {
    namespace: String,
    name: String,
    member: Option<String>,
}

/// Why a string is not an absolute shape ID.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not an absolute shape ID: {reason}")]
pub struct ShapeIdError {
    /// The rejected text.
    pub text: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

/// The prelude namespace.
pub const PRELUDE_NAMESPACE: &str = "smithy.api";

impl ShapeId {
    /// Builds a root shape ID from parts that are already valid identifiers.
    pub fn new(namespace: impl Into<String>, name: impl Into<String>) -> Self {
        ShapeId {
            namespace: namespace.into(),
            name: name.into(),
            member: None,
        }
    }

    /// Parses `namespace#Name` or `namespace#Name$member`.
    ///
    /// # Errors
    /// [`ShapeIdError`] when the text has no `#`, or a part is not a Smithy identifier.
    pub fn parse(text: &str) -> Result<Self, ShapeIdError> {
        let err = |reason| ShapeIdError {
            text: text.to_owned(),
            reason,
        };
        let (namespace, rest) = text.split_once('#').ok_or_else(|| err("missing `#`"))?;
        if namespace.is_empty() || !namespace.split('.').all(is_identifier) {
            return Err(err("invalid namespace"));
        }
        let (name, member) = match rest.split_once('$') {
            Some((name, member)) => (name, Some(member)),
            None => (rest, None),
        };
        if !is_identifier(name) {
            return Err(err("invalid shape name"));
        }
        if let Some(member) = member {
            if !is_identifier(member) {
                return Err(err("invalid member name"));
            }
        }
        Ok(ShapeId {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
            member: member.map(str::to_owned),
        })
    }

    /// The namespace, e.g. `com.amazonaws.chime`.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// The shape name, e.g. `CreateRoom`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The member name, for member IDs.
    pub fn member(&self) -> Option<&str> {
        self.member.as_deref()
    }

    /// This ID with the member part replaced.
    pub fn with_member(&self, member: impl Into<String>) -> Self {
        ShapeId {
            member: Some(member.into()),
            ..self.root()
        }
    }

    /// This ID without its member part.
    pub fn root(&self) -> Self {
        ShapeId {
            namespace: self.namespace.clone(),
            name: self.name.clone(),
            member: None,
        }
    }

    /// Whether this ID is in the `smithy.api` prelude namespace.
    pub fn is_prelude(&self) -> bool {
        self.namespace == PRELUDE_NAMESPACE
    }
}

/// Prints the absolute ID (`ns#Name$member`), so debug output and snapshots stay compact.
impl fmt::Debug for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.namespace, self.name)?;
        if let Some(member) = &self.member {
            write!(f, "${member}")?;
        }
        Ok(())
    }
}

impl std::str::FromStr for ShapeId {
    type Err = ShapeIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ShapeId::parse(s)
    }
}

/// Whether `text` is a Smithy identifier: `(_+ [A-Za-z0-9]| [A-Za-z]) [A-Za-z0-9_]*`.
pub fn is_identifier(text: &str) -> bool {
    let bytes = text.as_bytes();
    let start = bytes.iter().take_while(|&&b| b == b'_').count();
    match bytes.get(start) {
        None => false,
        Some(b) if start == 0 && !b.is_ascii_alphabetic() => false,
        Some(b) if !b.is_ascii_alphanumeric() => false,
        _ => bytes[start..]
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'_'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_member_ids() {
        let id = ShapeId::parse("com.example#Foo$bar").unwrap();
        assert_eq!(
            (id.namespace(), id.name(), id.member()),
            ("com.example", "Foo", Some("bar"))
        );
        assert_eq!(id.to_string(), "com.example#Foo$bar");
        assert_eq!(id.root().to_string(), "com.example#Foo");
    }

    #[test]
    fn rejects_malformed_ids() {
        for bad in [
            "Foo",
            "#Foo",
            "a..b#Foo",
            "a#1Foo",
            "a#Foo$",
            "a#_",
            "a#Foo$b$c",
        ] {
            assert!(ShapeId::parse(bad).is_err(), "{bad}");
        }
        assert!(ShapeId::parse("a#_Foo").is_ok());
    }
}

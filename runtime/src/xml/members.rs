//! What the XML writer and the query form writer share: a structure's or union's members
//! looked up by serde key (a derived structure's fields, or a union's one-entry map, key
//! then value), and the choice a serde map stands for (a map shape, or a structure).

use serde::ser::{self, Serialize};

use super::schema::{Member, Structure};
use super::text::{Scalar, SerError};

/// A writer of one structure's or union's members.
pub(super) trait Members {
    /// The descriptor.
    fn shape(&self) -> &'static Structure;
    /// Where a union's member waits between its key and its value.
    fn pending(&mut self) -> &mut Option<&'static Member>;
    /// Writes one member's value.
    fn member<T: Serialize + ?Sized>(
        &mut self,
        member: &'static Member,
        value: &T,
    ) -> Result<(), SerError>;
    /// Ends the structure.
    fn finish(self) -> Result<(), SerError>;

    /// The member whose serde key is `key`.
    fn lookup(&self, key: &str) -> Result<&'static Member, SerError> {
        let shape = self.shape();
        shape.member(key).ok_or_else(|| {
            SerError(format!(
                "`{}` has no member `{key}` in its descriptor",
                shape.name
            ))
        })
    }
}

/// A writer of a map shape's entries.
pub(super) trait Entries {
    /// Writes an entry's key.
    fn key(&mut self, key: String) -> Result<(), SerError>;
    /// Writes the value of the entry whose key came last.
    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError>;
    /// Ends the map.
    fn finish(self) -> Result<(), SerError>;
}

/// A structure's fields, as derived `Serialize` impls give them.
pub(super) struct Fields<S>(pub(super) S);

impl<S: Members> ser::SerializeStruct for Fields<S> {
    type Ok = ();
    type Error = SerError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        let member = self.0.lookup(key)?;
        self.0.member(member, value)
    }

    fn end(self) -> Result<(), SerError> {
        self.0.finish()
    }
}

/// A serde map: a map shape's entries, or a union's member (or a unit union member's
/// empty value).
pub(super) enum MapOrStruct<M, S> {
    Map(M),
    Structure(S),
}

/// A key's text: a map key, or a union member's serde key.
fn key_text<T: Serialize + ?Sized>(key: &T) -> Result<String, SerError> {
    key.serialize(Scalar)?
        .ok_or_else(|| SerError("a map key with no value".to_owned()))
}

impl<M: Entries, S: Members> ser::SerializeMap for MapOrStruct<M, S> {
    type Ok = ();
    type Error = SerError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), SerError> {
        let key = key_text(key)?;
        match self {
            MapOrStruct::Map(map) => map.key(key),
            MapOrStruct::Structure(s) => {
                let member = s.lookup(&key)?;
                *s.pending() = Some(member);
                Ok(())
            }
        }
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        match self {
            MapOrStruct::Map(map) => map.value(value),
            MapOrStruct::Structure(s) => match s.pending().take() {
                Some(member) => s.member(member, value),
                None => Err(SerError("a map value without its key".to_owned())),
            },
        }
    }

    fn end(self) -> Result<(), SerError> {
        match self {
            MapOrStruct::Map(map) => map.finish(),
            MapOrStruct::Structure(s) => s.finish(),
        }
    }
}

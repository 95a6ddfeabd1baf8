//! Unions: the single-key object form.

use serde::de::Error as _;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Codec;

/// Serializes a union value as a single-key object.
///
/// # Errors
/// The serializer's.
pub fn ser_union<S: Serializer, V: Serialize + ?Sized>(
    s: S,
    name: &str,
    value: &V,
) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(1))?;
    map.serialize_entry(name, value)?;
    map.end()
}

/// The `{}` value of a unit union member.
pub struct EmptyObject;

impl Serialize for EmptyObject {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_map(Some(0))?.end()
    }
}

/// Reads a union: exactly one member with a non-null value (`__type` is ignored).
///
/// # Errors
/// When the value is not an object with exactly one set member.
pub fn de_union<'de, D: Deserializer<'de>>(d: D) -> Result<(String, serde_json::Value), D::Error> {
    let object = serde_json::Map::<String, serde_json::Value>::deserialize(d)?;
    let mut set = object
        .into_iter()
        .filter(|(k, v)| !v.is_null() && k != "__type");
    match (set.next(), set.next()) {
        (Some(entry), None) => Ok(entry),
        (None, _) => Err(D::Error::custom(
            "a union value must set exactly one member, found none",
        )),
        (Some(_), Some(_)) => Err(D::Error::custom(
            "a union value must set exactly one member, found several",
        )),
    }
}

/// Decodes a union member's JSON value with codec `C`.
///
/// # Errors
/// A malformed value, as the outer deserializer's error.
pub fn decode<C: Codec<T>, T, E: serde::de::Error>(value: serde_json::Value) -> Result<T, E> {
    C::de(value).map_err(E::custom)
}

//! JSON numbers read the same with or without serde_json's `arbitrary_precision` feature.
//!
//! Cargo turns a dependency's feature on for every crate built together, so a program
//! that uses this crate beside one that enables `serde_json/arbitrary_precision` (the
//! code generator does, in this repository's workspace) gets it too. Then serde_json's
//! `deserialize_any` no longer calls `visit_f64` for a number that is not a 64-bit
//! integer: it calls `visit_map` with one entry, a private key and the number's text.
//! The visitors here that take any value (epoch seconds, blobs, big numbers, floats)
//! pass such a map to [`visit_json_number`], which calls the visitor as serde_json
//! without the feature would, so their behaviour does not depend on the feature.

use serde::de::{self, MapAccess, Unexpected, Visitor};

/// The key of serde_json's number map (its private `$serde_json::private::Number` token),
/// also the name of the one-field struct a `serde_json::Number` serializes as.
pub(super) const NUMBER_KEY: &str = "$serde_json::private::Number";

/// Reads a map handed to `visitor.visit_map`: serde_json's number map becomes the
/// `visit_u64` / `visit_i64` / `visit_f64` call serde_json makes without the feature
/// (integers that fit 64 bits as integers, `-0` and everything else as an `f64`).
/// Any other map is the usual "invalid type: map" error.
///
/// # Errors
/// A map that is not a number, a number beyond `f64` ("number out of range", as
/// serde_json says), or the visitor's own error.
pub(super) fn visit_json_number<'de, V, A>(visitor: V, mut map: A) -> Result<V::Value, A::Error>
where
    V: Visitor<'de>,
    A: MapAccess<'de>,
{
    let is_number = matches!(map.next_key::<String>(), Ok(Some(key)) if key == NUMBER_KEY);
    if !is_number {
        return Err(de::Error::invalid_type(Unexpected::Map, &visitor));
    }
    let text: String = map.next_value()?;
    if !text.contains(['.', 'e', 'E']) {
        if let Ok(v) = text.parse::<u64>() {
            return visitor.visit_u64(v);
        }
        if let Some(v) = text.parse::<i64>().ok().filter(|v| *v < 0) {
            return visitor.visit_i64(v);
        }
    }
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => visitor.visit_f64(v),
        _ => Err(de::Error::custom("number out of range")),
    }
}

//! The Smithy RPC v2 CBOR body codec (feature `cbor`; spec: `smithy-rpc-v2-cbor.rst`,
//! "Shape serialization"): [`to_vec`] and [`from_slice`] through the types' serde form.
//!
//! The generated types' serde form is the restJson1 body's; serializers that are not
//! human-readable, this one included, get the binary forms of the scalars instead:
//! a blob is a byte string, a timestamp (whatever its `@timestampFormat`, which this
//! protocol ignores) is tag 1 around its epoch seconds, floats are native floats (NaN and
//! the infinities too), a `bigInteger` is an integer or a tag 2/3 bignum and a
//! `bigDecimal` a tag 4 decimal fraction. Tags travel through serde by a naming convention
//! (`cbor_tag`). Documents are not supported by the protocol (spec: "Document types are
//! not currently supported"): a generated service that has one should not get this codec.
//!
//! The bytes are written and read by minicbor's encoder and decoder (chosen over ciborium
//! for speed: text and bytes are borrowed from the body, not copied; see BENCHMARKS.md),
//! driven by the serde serializer and deserializer of this module, which add what a
//! protocol needs: errors located by JSON pointer, bounded nesting, lengths that are never
//! trusted for allocations.

mod de;
mod error;
mod ser;

use serde::de::DeserializeOwned;
use serde::Serialize;

pub use de::MAX_DEPTH;
pub use error::CborError;

/// Writes `value` as one CBOR item (a structure: a map of its set members).
///
/// # Errors
/// When `value`'s `Serialize` impl fails (e.g. a big number that is not decimal text), or
/// announces a length other than what it writes.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, CborError> {
    let mut writer = ser::Writer::new();
    value.serialize(&mut writer)?;
    Ok(writer.into_bytes())
}

/// Reads `body`, all of it, as one `T`: any length form, float width or integer width,
/// tags read through, unknown members skipped (as the types' serde form says).
///
/// # Errors
/// Malformed CBOR, an item of the wrong type for its member, nesting deeper than
/// [`MAX_DEPTH`], or bytes after the item; the error names the member
/// ([`CborError::pointer`]) and the byte offset.
pub fn from_slice<T: DeserializeOwned>(body: &[u8]) -> Result<T, CborError> {
    let mut reader = de::Reader::new(body);
    let value = T::deserialize(&mut reader).map_err(|e| reader.at_root(e))?;
    if !reader.at_end() {
        return Err(
            CborError::at("bytes after the body's item", reader.position()).locate(
                &[],
                body,
                reader.position(),
            ),
        );
    }
    Ok(value)
}

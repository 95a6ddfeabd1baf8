//! How a serde type says "CBOR tag N" (RFC 8949 §3.4) without depending on a CBOR crate:
//! a convention between the scalars ([`DateTime`](super::DateTime),
//! [`BigInteger`](super::BigInteger), [`BigDecimal`](super::BigDecimal)) and the rpcv2Cbor
//! codec (`cbor`, feature `cbor`). Always compiled, as the scalars use it whatever the
//! features; any other serde format sees only plain newtypes and ignores it.
//!
//! - **Writing**: `serialize_newtype_struct(NAME, &value)` with one of the names below.
//!   The CBOR serializer writes the tag, then `value`; serde_json, ciborium and every other
//!   format ignore newtype names and write `value` alone (the untagged form).
//! - **Reading**: `deserialize_newtype_struct(TAGGED, visitor)`. When the next item is
//!   tagged, the CBOR deserializer calls `visitor.visit_enum` with the tag number as the
//!   variant (read it as a `u64`) and the tagged item as a newtype variant's content; an
//!   untagged item goes to the visitor as usual (`visit_u64`, `visit_f64`, …). Other
//!   formats call `visit_newtype_struct`, which such visitors answer by reading the value
//!   with `deserialize_any` as it comes (ciborium reports a tag through `visit_enum` with
//!   a marker for the variant: its content is read then). Everywhere else, the CBOR deserializer skips tags: a tagged item reads
//!   as its content (RFC 8949 §3.4 lets a generic decoder ignore tags).

/// Tag 1, epoch-based date/time (RFC 8949 §3.4.2): a timestamp's epoch seconds, an integer
/// or a float (Smithy RPC v2 CBOR, "Timestamp type serialization").
pub(crate) const EPOCH_DATE_TIME: &str = "$__cbor_tag_1";

/// Tag 2, unsigned bignum (RFC 8949 §3.4.3): a byte string, the big-endian magnitude.
pub(crate) const POSITIVE_BIGNUM: &str = "$__cbor_tag_2";

/// Tag 3, negative bignum (RFC 8949 §3.4.3): a byte string `n` standing for `-1 - n`.
pub(crate) const NEGATIVE_BIGNUM: &str = "$__cbor_tag_3";

/// Tag 4, decimal fraction (RFC 8949 §3.4.4): `[exponent, mantissa]`, the value
/// `mantissa × 10^exponent`.
pub(crate) const DECIMAL_FRACTION: &str = "$__cbor_tag_4";

/// The newtype name a reader passes to `deserialize_newtype_struct` to be told the tag.
pub(crate) const TAGGED: &str = "$__cbor_tagged";

/// The tag a newtype name stands for, if it is one of the names above.
#[allow(dead_code)] // used by the CBOR serializer only (feature `cbor`)
pub(crate) fn tag_of(name: &str) -> Option<u64> {
    match name {
        EPOCH_DATE_TIME => Some(1),
        POSITIVE_BIGNUM => Some(2),
        NEGATIVE_BIGNUM => Some(3),
        DECIMAL_FRACTION => Some(4),
        _ => None,
    }
}

//! The binary serde forms of the scalars: what [`DateTime`], [`Blob`](super::Blob),
//! [`BigInteger`](super::BigInteger) and [`BigDecimal`](super::BigDecimal) become for a
//! serializer that is not human-readable (`Serializer::is_human_readable() == false`), as
//! Smithy RPC v2 CBOR writes them ("Shape serialization", "Timestamp type serialization"):
//!
//! - a timestamp: tag 1 around its epoch seconds, an integer when whole, else a double
//!   (millisecond resolution as the spec says; finer fractions are kept as a double can);
//! - a blob: a byte string;
//! - a `bigInteger`: an integer when it fits 64 bits (RFC 8949 §3.4.3's preferred
//!   serialization), else tag 2 (unsigned) or 3 (negative) around its big-endian magnitude;
//! - a `bigDecimal`: tag 4 around `[exponent, mantissa]`, the mantissa an integer or a
//!   bignum as above.
//!
//! Reading takes the same forms, and untagged epoch seconds too. Tags are said through
//! [`cbor_tag`](super::cbor_tag)'s convention, so these forms need no CBOR crate; a format
//! that does not know the convention sees the untagged content.

use std::fmt;

use serde::de::{self, EnumAccess, SeqAccess, VariantAccess, Visitor};
use serde::ser::{Error as _, SerializeTuple};
use serde::{Deserializer, Serialize, Serializer};

use super::cbor_tag;
use super::DateTime;

/// The longest bignum read, in bytes (about 2,400 decimal digits): converting one to text
/// costs time quadratic in its length, which hostile input must not choose.
const MAX_BIGNUM_BYTES: usize = 1024;

/// Writes a timestamp: tag 1 around its epoch seconds as a double, whole or not. (The
/// spec allows an integer for whole seconds; the compliance suite, which is normative,
/// expects the double, as other implementations send.)
pub(super) fn ser_date_time<S: Serializer>(value: &DateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_newtype_struct(cbor_tag::EPOCH_DATE_TIME, &value.as_secs_f64())
}

/// Reads a timestamp: tag 1 around epoch seconds, or untagged epoch seconds, with
/// `visitor` reading the number.
pub(super) fn de_date_time<'de, D, V>(d: D, visitor: V) -> Result<DateTime, D::Error>
where
    D: Deserializer<'de>,
    V: TagContent<'de, Value = DateTime>,
{
    d.deserialize_newtype_struct(
        cbor_tag::TAGGED,
        Tagged {
            tags: &[1],
            visitor,
        },
    )
}

/// Writes a `bigInteger`'s decimal text as an integer or a bignum.
pub(super) fn ser_big_integer<S: Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
    if let Ok(v) = text.parse::<i64>() {
        return s.serialize_i64(v);
    }
    if let Ok(v) = text.parse::<u64>() {
        return s.serialize_u64(v);
    }
    let (negative, digits) = match text.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let Some(mut magnitude) = decimal_to_bytes(digits) else {
        return Err(S::Error::custom(format!("`{text}` is not an integer")));
    };
    if negative {
        // Tag 3 holds `-1 - value`, i.e. the magnitude less one (not zero: `-0` fits i64).
        decrement(&mut magnitude);
        s.serialize_newtype_struct(cbor_tag::NEGATIVE_BIGNUM, &Bytes(&magnitude))
    } else {
        s.serialize_newtype_struct(cbor_tag::POSITIVE_BIGNUM, &Bytes(&magnitude))
    }
}

/// Writes a `bigDecimal`'s decimal text as a decimal fraction.
pub(super) fn ser_big_decimal<S: Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
    let Some((mantissa, exponent)) = split_decimal(text) else {
        return Err(S::Error::custom(format!(
            "`{text}` is not a decimal number"
        )));
    };

    struct Fraction<'a>(i64, &'a str);

    impl Serialize for Fraction<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut pair = s.serialize_tuple(2)?;
            pair.serialize_element(&self.0)?;
            pair.serialize_element(&BigIntegerText(self.1))?;
            pair.end()
        }
    }

    s.serialize_newtype_struct(cbor_tag::DECIMAL_FRACTION, &Fraction(exponent, &mantissa))
}

/// Reads a `bigInteger` (`decimal: false`: an integer or a bignum) or a `bigDecimal`
/// (`decimal: true`: also a decimal fraction) as decimal text.
pub(super) fn de_big_number<'de, D: Deserializer<'de>>(
    d: D,
    decimal: bool,
) -> Result<String, D::Error> {
    let tags: &[u64] = if decimal { &[2, 3, 4] } else { &[2, 3] };
    d.deserialize_newtype_struct(
        cbor_tag::TAGGED,
        Tagged {
            tags,
            visitor: BigNumber { decimal },
        },
    )
}

/// A byte string.
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

/// Decimal integer text written as a `bigInteger`.
struct BigIntegerText<'a>(&'a str);

impl Serialize for BigIntegerText<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ser_big_integer(self.0, s)
    }
}

/// A decimal's mantissa (integer text, sign kept) and exponent: `-3.14e2` is `-314` and 0.
fn split_decimal(text: &str) -> Option<(String, i64)> {
    let (number, exponent) = match text.split_once(['e', 'E']) {
        Some((n, e)) => (n, e.strip_prefix('+').unwrap_or(e).parse::<i64>().ok()?),
        None => (text, 0),
    };
    let (sign, unsigned) = match number.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", number.strip_prefix('+').unwrap_or(number)),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = format!("{whole}{fraction}");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let scale = i64::try_from(fraction.len()).ok()?;
    Some((format!("{sign}{digits}"), exponent.checked_sub(scale)?))
}

/// The big-endian bytes of decimal digits (at least one byte); `None` for anything else.
fn decimal_to_bytes(digits: &str) -> Option<Vec<u8>> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Little-endian while it grows; each digit multiplies by 10 and adds.
    let mut out: Vec<u8> = vec![0];
    for digit in digits.bytes() {
        let mut carry = u32::from(digit - b'0');
        for byte in &mut out {
            let v = u32::from(*byte) * 10 + carry;
            *byte = (v & 0xff) as u8;
            carry = v >> 8;
        }
        if carry > 0 {
            out.push(carry as u8);
        }
    }
    out.reverse();
    Some(out)
}

/// Subtracts one from a non-zero big-endian magnitude.
fn decrement(magnitude: &mut [u8]) {
    for byte in magnitude.iter_mut().rev() {
        let (v, borrow) = byte.overflowing_sub(1);
        *byte = v;
        if !borrow {
            return;
        }
    }
}

/// Adds one to a big-endian magnitude (growing it when it carries out).
fn increment(magnitude: &mut Vec<u8>) {
    for byte in magnitude.iter_mut().rev() {
        let (v, carry) = byte.overflowing_add(1);
        *byte = v;
        if !carry {
            return;
        }
    }
    magnitude.insert(0, 1);
}

/// The decimal text of a big-endian magnitude.
fn bytes_to_decimal(magnitude: &[u8]) -> String {
    let mut rest: Vec<u8> = magnitude.iter().copied().skip_while(|b| *b == 0).collect();
    let mut digits = Vec::new();
    while !rest.is_empty() {
        // Divides by 10, keeping the remainder as the next digit (from the last).
        let mut remainder = 0u32;
        for byte in &mut rest {
            let v = (remainder << 8) | u32::from(*byte);
            *byte = (v / 10) as u8;
            remainder = v % 10;
        }
        digits.push(b'0' + remainder as u8);
        let zeros = rest.iter().take_while(|b| **b == 0).count();
        rest.drain(..zeros);
    }
    if digits.is_empty() {
        digits.push(b'0');
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// Decimal text of `mantissa × 10^exponent`: plain digits with a point for the
/// exponents numbers are usually written with, exponent notation beyond.
fn fraction_text(mantissa: &str, exponent: i64) -> String {
    let (sign, digits) = match mantissa.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", mantissa),
    };
    match usize::try_from(-exponent) {
        _ if exponent == 0 => mantissa.to_owned(),
        Ok(scale) if scale <= 64 && scale < digits.len() => {
            let (whole, fraction) = digits.split_at(digits.len() - scale);
            format!("{sign}{whole}.{fraction}")
        }
        Ok(scale) if scale <= 64 => {
            format!("{sign}0.{}{digits}", "0".repeat(scale - digits.len()))
        }
        _ => format!("{mantissa}e{exponent}"),
    }
}

/// A visitor for a value that may come tagged: a tag in `tags` hands the content to
/// `visitor`, any other tag is an error; an untagged number goes to `visitor` directly
/// (epoch seconds, a big number that fits an integer), an untagged string, byte string
/// or array is refused (those mean something only inside their tag).
#[derive(Clone, Copy)]
struct Tagged<V> {
    tags: &'static [u64],
    visitor: V,
}

impl<'de, V: TagContent<'de>> Visitor<'de> for Tagged<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        let (tag, content): (u64, A::Variant) = data.variant()?;
        if !self.tags.contains(&tag) {
            return Err(de::Error::custom(format!(
                "tag {tag} where {} was expected",
                Expecting(&self.visitor)
            )));
        }
        content.newtype_variant_seed(Content {
            tag,
            visitor: self.visitor,
        })
    }

    /// A format without the tag convention (`cbor_tag`): the value as it comes.
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        d.deserialize_any(Foreign(self.visitor))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.visitor.visit_u64(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.visitor.visit_i64(v)
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<V::Value, E> {
        self.visitor.visit_u128(v)
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<V::Value, E> {
        self.visitor.visit_i128(v)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        self.visitor.visit_f64(v)
    }
}

/// Reads a value from a format without the tag convention: whatever it hands over goes
/// to the visitor, and a tag as ciborium reports one (`visit_enum`, the variant a marker
/// rather than the tag number) has its content read as the visitor reads untagged items.
/// With ciborium, then, the types read the CBOR this runtime writes.
struct Foreign<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for Foreign<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        let (_, content): (de::IgnoredAny, A::Variant) = data.variant()?;
        content.newtype_variant_seed(Untagged(self.0))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.0.visit_u64(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.0.visit_i64(v)
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<V::Value, E> {
        self.0.visit_u128(v)
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<V::Value, E> {
        self.0.visit_i128(v)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        self.0.visit_f64(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.0.visit_str(v)
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<V::Value, E> {
        self.0.visit_bytes(v)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(seq)
    }
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(map)
    }
}

/// A tag's content read as `deserialize_any` hands it to the visitor.
struct Untagged<V>(V);

impl<'de, V: Visitor<'de>> de::DeserializeSeed<'de> for Untagged<V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        d.deserialize_any(self.0)
    }
}

/// A visitor's `expecting` as a `Display`.
struct Expecting<'a, V>(&'a V);

impl<'de, V: Visitor<'de>> fmt::Display for Expecting<'_, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
}

/// What a tag's content is read as, by the visitor of the tagged value.
pub(super) trait TagContent<'de>: Visitor<'de> {
    /// Reads the content of tag `tag` (one of those the caller accepts); by default, as
    /// the untagged value would be read.
    ///
    /// # Errors
    /// The format's, or the visitor's.
    fn read_content<D: Deserializer<'de>>(self, tag: u64, d: D) -> Result<Self::Value, D::Error>
    where
        Self: Sized,
    {
        let _ = tag;
        d.deserialize_any(self)
    }
}

/// The content of a tag, read by the tagged value's visitor.
struct Content<V> {
    tag: u64,
    visitor: V,
}

impl<'de, V: TagContent<'de>> de::DeserializeSeed<'de> for Content<V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.visitor.read_content(self.tag, d)
    }
}

/// Reads a bignum's byte string (tag 2, or tag 3 when `negative`) as decimal text.
struct Bignum {
    negative: bool,
}

impl Visitor<'_> for Bignum {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a bignum's byte string")
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<String, E> {
        let v = bignum_bytes(v)?;
        if !self.negative {
            return Ok(bytes_to_decimal(v));
        }
        // Tag 3 holds `-1 - value`: the magnitude is one more.
        let mut magnitude = v.to_vec();
        increment(&mut magnitude);
        Ok(format!("-{}", bytes_to_decimal(&magnitude)))
    }
}

/// A bignum's bytes, refused beyond [`MAX_BIGNUM_BYTES`].
fn bignum_bytes<E: de::Error>(v: &[u8]) -> Result<&[u8], E> {
    if v.len() > MAX_BIGNUM_BYTES {
        return Err(E::custom(format!(
            "a bignum of {} bytes (at most {MAX_BIGNUM_BYTES} are read)",
            v.len()
        )));
    }
    Ok(v)
}

/// Reads a big number's binary form as decimal text: integers of any width, bignums
/// (tags 2 and 3, read by [`Bignum`]) and, when `decimal`, a decimal fraction's
/// `[exponent, mantissa]` (tag 4) or a float that cannot have been rounded.
#[derive(Clone, Copy)]
struct BigNumber {
    decimal: bool,
}

impl<'de> Visitor<'de> for BigNumber {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.decimal {
            "an integer, a bignum or a decimal fraction (tag 4)"
        } else {
            "an integer or a bignum (tag 2 or 3)"
        })
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        if self.decimal {
            super::scalar::exact_decimal_text(v)
        } else {
            Err(E::invalid_type(de::Unexpected::Float(v), &self))
        }
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<String, A::Error> {
        if !self.decimal {
            return Err(de::Error::invalid_type(de::Unexpected::Seq, &self));
        }
        let exponent: i64 = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(0, &"[exponent, mantissa]"))?;
        let mantissa: super::BigInteger = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(1, &"[exponent, mantissa]"))?;
        if seq.next_element::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(3, &"[exponent, mantissa]"));
        }
        Ok(fraction_text(&mantissa.0, exponent))
    }
}

impl<'de> TagContent<'de> for BigNumber {
    fn read_content<D: Deserializer<'de>>(self, tag: u64, d: D) -> Result<String, D::Error> {
        match tag {
            2 | 3 => d.deserialize_bytes(Bignum { negative: tag == 3 }),
            _ => d.deserialize_any(self),
        }
    }
}

//! `@default` values checked against the member's type (spec type-refinement-traits.rst,
//! "default trait") and turned into typed [`Literal`]s, so emitters never re-read JSON.

use serde_json::{Number, Value};

use crate::ir::{DefaultValue, EnumValue, EnumVariant, Literal, NamedKind, Ty, TyKind};
use crate::model::{number, ShapeId};

/// The default `value` of a member of type `ty` whose target is `target` (with
/// `variants` when it is an enum), or why it is not a valid default.
pub(super) fn check(
    ty: &Ty,
    value: &Value,
    target: &ShapeId,
    variants: &[EnumVariant],
) -> Result<DefaultValue, String> {
    literal(ty, value, variants)
        .map(|value| DefaultValue {
            is_zero: is_zero(&value),
            value,
        })
        .ok_or_else(|| format!("@default {value} is not a valid value of `{target}`"))
}

fn literal(ty: &Ty, value: &Value, variants: &[EnumVariant]) -> Option<Literal> {
    let int = |n: &Number, min: i64, max: i64| {
        n.as_i64()
            .filter(|v| (min..=max).contains(v))
            .map(Literal::Int)
    };
    Some(match (&ty.kind, value) {
        (TyKind::Bool, Value::Bool(b)) => Literal::Bool(*b),
        (TyKind::Byte, Value::Number(n)) => int(n, i8::MIN.into(), i8::MAX.into())?,
        (TyKind::Short, Value::Number(n)) => int(n, i16::MIN.into(), i16::MAX.into())?,
        (TyKind::Integer, Value::Number(n)) => int(n, i32::MIN.into(), i32::MAX.into())?,
        (TyKind::Long, Value::Number(n)) => int(n, i64::MIN, i64::MAX)?,
        (TyKind::Float | TyKind::Double, Value::Number(n)) => Literal::Float(n.as_f64()?),
        // Node numbers are exact (model/number.rs): the text is the value, however large.
        (TyKind::BigDecimal, Value::Number(n)) => Literal::BigNumber(n.to_string()),
        (TyKind::BigInteger, Value::Number(n)) if number::is_integer(n) => {
            Literal::BigNumber(n.to_string())
        }
        (TyKind::Timestamp(_), Value::Number(n)) => timestamp_number(n)?,
        (TyKind::Timestamp(_), Value::String(s)) => {
            let (seconds, nanos) = parse_timestamp(s)?;
            Literal::Timestamp { seconds, nanos }
        }
        (TyKind::String, Value::String(s)) => Literal::String(s.clone()),
        (TyKind::Blob, Value::String(s)) => Literal::Blob(decode_blob(s)?),
        (TyKind::Document, v) if fits_f64(v) => Literal::Document(v.clone()),
        (TyKind::List { .. }, Value::Array(a)) if a.is_empty() => Literal::EmptyList,
        (TyKind::Map { .. }, Value::Object(o)) if o.is_empty() => Literal::EmptyMap,
        (
            TyKind::Named {
                kind: NamedKind::Enum | NamedKind::IntEnum,
                ..
            },
            v,
        ) => variants
            .iter()
            .find_map(|variant| match (&variant.value, v) {
                (EnumValue::Str(s), Value::String(d)) if s == d => {
                    Some(Literal::EnumString(s.clone()))
                }
                (EnumValue::Int(i), Value::Number(n)) if n.as_i64() == Some(i64::from(*i)) => {
                    Some(Literal::EnumInt(*i))
                }
                _ => None,
            })?,
        _ => return None,
    })
}

/// Whether every number in a document default is one the generated crate's
/// `serde_json::Value` can hold: it reads the default from its JSON text, and numbers
/// beyond 64-bit integers and `f64` do not parse there.
fn fits_f64(value: &Value) -> bool {
    match value {
        Value::Number(n) => n.is_i64() || n.is_u64() || n.as_f64().is_some(),
        Value::Array(items) => items.iter().all(fits_f64),
        Value::Object(map) => map.values().all(fits_f64),
        Value::Null | Value::Bool(_) | Value::String(_) => true,
    }
}

/// Whether a default equals the Rust type's `Default::default()` (an enum's default is
/// never a model value, so enum defaults are never zero).
fn is_zero(value: &Literal) -> bool {
    match value {
        Literal::Bool(b) => !b,
        Literal::Int(i) => *i == 0,
        Literal::Float(f) => *f == 0.0 && f.is_sign_positive(),
        Literal::BigNumber(text) => number::is_zero(text),
        Literal::String(s) => s.is_empty(),
        Literal::Blob(b) => b.is_empty(),
        Literal::Timestamp { seconds, nanos } => *seconds == 0 && *nanos == 0,
        Literal::EmptyList | Literal::EmptyMap => true,
        Literal::Document(v) => v.is_null(),
        Literal::EnumString(_) | Literal::EnumInt(_) => false,
    }
}

/// An epoch-seconds number as a timestamp (fractional seconds kept to the nanosecond).
fn timestamp_number(n: &Number) -> Option<Literal> {
    if let Some(seconds) = n.as_i64() {
        return Some(Literal::Timestamp { seconds, nanos: 0 });
    }
    let f = n.as_f64().filter(|f| f.is_finite())?;
    let seconds = f.floor();
    if seconds < i64::MIN as f64 || seconds >= i64::MAX as f64 {
        return None;
    }
    let nanos = ((f - seconds) * 1e9).round().min(999_999_999.0) as u32;
    Some(Literal::Timestamp {
        seconds: seconds as i64,
        nanos,
    })
}

/// An RFC 3339 timestamp as seconds and nanoseconds since the Unix epoch.
fn parse_timestamp(text: &str) -> Option<(i64, u32)> {
    let parsed = time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339);
    parsed.ok().map(|t| (t.unix_timestamp(), t.nanosecond()))
}

/// A blob `@default`: standard base64 (spec: blob defaults are base64 strings).
fn decode_blob(text: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

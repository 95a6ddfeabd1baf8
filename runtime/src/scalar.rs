//! The scalar types without a Rust standard equivalent: timestamps ([`DateTime`]), binary
//! data ([`Blob`]) and arbitrary-precision numbers ([`BigInteger`], [`BigDecimal`]).

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::cbor_forms;
use super::json_number::visit_json_number;

/// A point in time: seconds since the Unix epoch and nanoseconds within the second.
///
/// Serializes as epoch seconds (a number, with a fraction when there are nanoseconds);
/// members with `@timestampFormat` use the adapters in this module instead. For a format
/// that is not human-readable (CBOR), the epoch seconds are tagged (tag 1, see
/// `cbor_forms`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    seconds: i64,
    nanos: u32,
}

impl DateTime {
    /// Whole seconds since the epoch.
    pub fn from_secs(seconds: i64) -> Self {
        DateTime { seconds, nanos: 0 }
    }

    /// Seconds and nanoseconds (values of a second or more carry into the seconds).
    pub fn from_parts(seconds: i64, nanos: u32) -> Self {
        let carry = i64::from(nanos / 1_000_000_000);
        DateTime {
            seconds: seconds.saturating_add(carry),
            nanos: nanos % 1_000_000_000,
        }
    }

    /// Fractional seconds since the epoch (rounded to the microsecond, as JSON numbers
    /// do not carry more precision in practice).
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    pub fn from_secs_f64(seconds: f64) -> Self {
        let whole = seconds.floor();
        let nanos = (((seconds - whole) * 1_000_000.0).round() as u32) * 1_000;
        DateTime::from_parts(whole as i64, nanos)
    }

    /// Whole seconds since the epoch.
    pub fn secs(&self) -> i64 {
        self.seconds
    }

    /// Nanoseconds within the second.
    pub fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Fractional seconds since the epoch.
    #[allow(clippy::cast_precision_loss)]
    pub fn as_secs_f64(&self) -> f64 {
        self.seconds as f64 + f64::from(self.nanos) / 1e9
    }

    fn to_time(self) -> Result<time::OffsetDateTime, String> {
        time::OffsetDateTime::from_unix_timestamp_nanos(
            i128::from(self.seconds) * 1_000_000_000 + i128::from(self.nanos),
        )
        .map_err(|e| e.to_string())
    }

    fn from_time(t: time::OffsetDateTime) -> Self {
        DateTime {
            seconds: t.unix_timestamp(),
            nanos: t.nanosecond(),
        }
    }

    /// RFC 3339 (`date-time`), in UTC, e.g. `2024-01-02T03:04:05Z`.
    ///
    /// # Errors
    /// When the time is outside what RFC 3339 can represent.
    pub fn to_rfc3339(&self) -> Result<String, String> {
        self.to_time()?
            .format(&time::format_description::well_known::Rfc3339)
            .map_err(|e| e.to_string())
    }

    /// Parses RFC 3339 (`date-time`), with any offset.
    ///
    /// # Errors
    /// When `text` is not RFC 3339.
    pub fn parse_rfc3339(text: &str) -> Result<Self, String> {
        // Servers accept UTC only, written `…THH:MM:SS[.fff]Z` (spec: "date-time" is RFC
        // 3339 with no UTC offset, and no other ISO 8601 form).
        if super::codec::strict() && !strict_rfc3339(text) {
            return Err(format!(
                "invalid date-time `{text}`: not UTC (`Z`) RFC 3339"
            ));
        }
        time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
            .map(DateTime::from_time)
            .map_err(|e| format!("invalid date-time `{text}`: {e}"))
    }

    /// IMF-fixdate (`http-date`), e.g. `Tue, 02 Jan 2024 03:04:05 GMT`; fractions of a
    /// second are written with millisecond precision when present.
    ///
    /// # Errors
    /// When the time cannot be represented.
    pub fn to_http_date(&self) -> Result<String, String> {
        const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let t = self.to_time()?;
        let mut out = format!(
            "{}, {:02} {} {:04} {:02}:{:02}:{:02}",
            DAYS[usize::from(t.weekday().number_days_from_monday())],
            t.day(),
            MONTHS[usize::from(u8::from(t.month()) - 1)],
            t.year(),
            t.hour(),
            t.minute(),
            t.second()
        );
        if self.nanos != 0 {
            out.push_str(&format!(".{:03}", self.nanos / 1_000_000));
        }
        out.push_str(" GMT");
        Ok(out)
    }

    /// Parses IMF-fixdate (`http-date`), with optional fractional seconds.
    ///
    /// # Errors
    /// When `text` is not an IMF-fixdate.
    pub fn parse_http_date(text: &str) -> Result<Self, String> {
        let err = || format!("invalid http-date `{text}`");
        let rest = text.trim().strip_suffix(" GMT").ok_or_else(err)?;
        let (_, rest) = rest.split_once(", ").ok_or_else(err)?;
        let parts: Vec<&str> = rest.split(' ').collect();
        let [day, month, year, clock] = parts[..] else {
            return Err(err());
        };
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let month = MONTHS.iter().position(|m| *m == month).ok_or_else(err)?;
        let month = time::Month::try_from(u8::try_from(month + 1).map_err(|_| err())?)
            .map_err(|_| err())?;
        let (clock, frac) = match clock.split_once('.') {
            Some((c, f)) => (c, Some(f)),
            None => (clock, None),
        };
        let hms: Vec<&str> = clock.split(':').collect();
        let [h, m, s] = hms[..] else {
            return Err(err());
        };
        let num = |s: &str| s.parse::<u8>().map_err(|_| err());
        let date =
            time::Date::from_calendar_date(year.parse().map_err(|_| err())?, month, num(day)?)
                .map_err(|_| err())?;
        let mut nanos = 0u32;
        if let Some(frac) = frac {
            if frac.is_empty() || frac.len() > 9 || !frac.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err());
            }
            nanos = format!("{frac:0<9}").parse().map_err(|_| err())?;
        }
        let time =
            time::Time::from_hms_nano(num(h)?, num(m)?, num(s)?, nanos).map_err(|_| err())?;
        Ok(DateTime::from_time(
            time::PrimitiveDateTime::new(date, time).assume_utc(),
        ))
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if !s.is_human_readable() {
            return cbor_forms::ser_date_time(self, s);
        }
        if self.nanos == 0 {
            s.serialize_i64(self.seconds)
        } else {
            s.serialize_f64(self.as_secs_f64())
        }
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if d.is_human_readable() {
            d.deserialize_any(EpochSeconds)
        } else {
            cbor_forms::de_date_time(d, EpochSeconds)
        }
    }
}

/// Reads epoch seconds: an integer, or a finite number with a fraction.
struct EpochSeconds;

/// Tag 1's content is the number itself.
impl cbor_forms::TagContent<'_> for EpochSeconds {}

impl<'de> Visitor<'de> for EpochSeconds {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("epoch seconds (a number)")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateTime, E> {
        Ok(DateTime::from_secs(v))
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateTime, E> {
        match i64::try_from(v) {
            Ok(v) => Ok(DateTime::from_secs(v)),
            Err(_) => self.visit_f64(v as f64),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<DateTime, E> {
        if v.is_finite() {
            Ok(DateTime::from_secs_f64(v))
        } else {
            Err(E::custom(format!("invalid epoch-seconds timestamp {v}")))
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DateTime, A::Error> {
        visit_json_number(self, map)
    }
}

/// Binary data; serializes as base64, or as bytes for a format that is not
/// human-readable (a CBOR byte string).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Blob(pub Vec<u8>);

impl Blob {
    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl Blob {
    /// Decodes standard base64.
    pub fn from_base64(text: &str) -> Option<Self> {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .ok()
            .map(Blob)
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Blob(bytes)
    }
}

impl Serialize for Blob {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use base64::Engine as _;
        if !s.is_human_readable() {
            return s.serialize_bytes(&self.0);
        }
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = d.is_human_readable();
        d.deserialize_any(BlobVisitor { text })
    }
}

/// Reads a blob: base64 text (the restJson1 form, when `text`), or raw bytes from a
/// binary format (or from JSON-like formats that have bytes).
struct BlobVisitor {
    text: bool,
}

impl<'de> Visitor<'de> for BlobVisitor {
    type Value = Blob;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.text {
            "base64 text or bytes"
        } else {
            "a byte string"
        })
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Blob, E> {
        use base64::Engine as _;
        if !self.text {
            return Err(E::invalid_type(de::Unexpected::Str(v), &self));
        }
        base64::engine::general_purpose::STANDARD
            .decode(v.as_bytes())
            .map(Blob)
            .map_err(|e| E::custom(format!("invalid base64 blob: {e}")))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Blob, E> {
        Ok(Blob(v.to_vec()))
    }

    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Blob, E> {
        Ok(Blob(v))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Blob, A::Error> {
        visit_json_number(self, map)
    }
}

/// A big number type; for formats that are not human-readable, `$binary_ser` writes it and
/// `$decimal` says whether decimal fractions are read (`cbor_forms`).
macro_rules! big_number {
    ($(#[$doc:meta])* $name:ident, $binary_ser:path, $decimal:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(pub String);

        impl Default for $name {
            fn default() -> Self {
                $name("0".to_owned())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                if s.is_human_readable() {
                    write_big_number(&self.0, s)
                } else {
                    $binary_ser(&self.0, s)
                }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                if d.is_human_readable() {
                    d.deserialize_any(DecimalText).map($name)
                } else {
                    cbor_forms::de_big_number(d, $decimal).map($name)
                }
            }
        }
    };
}

/// Whether `text` is a decimal number: `-`? digits, then optionally `.` digits and an
/// exponent `e`/`E`, `+`/`-`?, digits.
fn is_decimal_text(text: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    digits(whole) && digits(fraction) && exponent.is_none_or(digits)
}

/// The largest integer magnitude an `f64` holds exactly (2^53).
const EXACT_F64_INTEGER: f64 = 9_007_199_254_740_992.0;

/// Writes a big number's decimal text as a JSON number, exactly or not at all: an `f64`
/// is used only when it holds the value exactly (an integer below 2^53, or at most 15
/// significant digits within the normal `f64` range), otherwise the error says so instead
/// of rounding silently.
fn write_big_number<S: Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
    if super::codec::big_as_text() {
        return s.serialize_str(text);
    }
    if let Ok(v) = text.parse::<i64>() {
        return s.serialize_i64(v);
    }
    if let Ok(v) = text.parse::<u64>() {
        return s.serialize_u64(v);
    }
    match text.parse::<f64>() {
        Ok(v) if v.is_nan() => Err(S::Error::custom(format!(
            "`{text}` is not a decimal number"
        ))),
        // Infinite, subnormal or zero (unless the text is zero): `1e-400` is not `0`.
        Ok(v) if !v.is_normal() && !is_zero(text) => Err(S::Error::custom(format!(
            "`{text}` is beyond the range of a JSON number written through f64"
        ))),
        Ok(v) if significant_digits(text) <= 15 => s.serialize_f64(v),
        Ok(_) => Err(S::Error::custom(format!(
            "`{text}` has more digits than a JSON number written through f64 can hold exactly"
        ))),
        Err(_) => Err(S::Error::custom(format!(
            "`{text}` is not a decimal number"
        ))),
    }
}

/// Whether a decimal's mantissa is zero (`-0.00e7`; not `inf`, which has no digits).
fn is_zero(text: &str) -> bool {
    let mantissa = text.split(['e', 'E']).next().unwrap_or(text);
    let mut digits = mantissa.chars().filter(char::is_ascii_digit).peekable();
    digits.peek().is_some() && digits.all(|c| c == '0')
}

/// Significant digits of a decimal's mantissa (`-0.0120e5` has 3).
fn significant_digits(text: &str) -> usize {
    let mantissa = text.split(['e', 'E']).next().unwrap_or(text);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    digits
        .trim_start_matches('0')
        .trim_end_matches('0')
        .len()
        .max(1)
}

/// Reads a number as decimal text, exactly or not at all. Integers (up to 128 bits) are
/// exact; a number that arrived as an `f64` is accepted only where it cannot have been
/// rounded (an integral value below 2^53, or at most 15 significant digits), otherwise the
/// error says so instead of keeping a rounded value. Text is taken as it is. serde_json's
/// `arbitrary_precision` number text is read as an `f64` too, so that what is accepted
/// does not depend on that feature ([`visit_json_number`]).
struct DecimalText;

impl<'de> Visitor<'de> for DecimalText {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number or its decimal text")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        exact_decimal_text(v)
    }

    /// Decimal text in a string (rpcv2Json's form; accepted from any JSON body): kept as
    /// sent once it is checked to be a number.
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        if is_decimal_text(v) {
            Ok(v.to_owned())
        } else {
            Err(E::custom(format!("`{v}` is not a decimal number")))
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<String, A::Error> {
        visit_json_number(self, map)
    }
}

/// The decimal text of a number that arrived as an `f64`, where it cannot have been
/// rounded (an integral value below 2^53, or at most 15 significant digits).
///
/// # Errors
/// Any other `f64`: the error says so instead of keeping a rounded value.
pub(super) fn exact_decimal_text<E: de::Error>(v: f64) -> Result<String, E> {
    if v.is_finite() && v.abs() < EXACT_F64_INTEGER && v.fract() == 0.0 {
        return Ok(format!("{v:.0}"));
    }
    // The shortest text that reads back as `v`, in exponent form where plain
    // digits would run long.
    let text = if v == 0.0 || (1e-5..1e16).contains(&v.abs()) {
        format!("{v}")
    } else {
        format!("{v:e}")
    };
    if v.is_finite() && significant_digits(&text) <= 15 {
        Ok(text)
    } else {
        Err(E::custom(format!(
            "the number {text} is beyond the range read exactly (integers below 2^53, \
             decimals of up to 15 digits)"
        )))
    }
}

big_number!(
    /// An arbitrary-precision integer (`bigInteger`), kept as its decimal text. Serializes
    /// as a JSON number, or for a format that is not human-readable (CBOR) as an integer or
    /// a tag 2/3 bignum.
    BigInteger,
    cbor_forms::ser_big_integer,
    false
);
big_number!(
    /// An arbitrary-precision decimal (`bigDecimal`), kept as its decimal text. Serializes
    /// as a JSON number, or for a format that is not human-readable (CBOR) as a tag 4
    /// decimal fraction.
    BigDecimal,
    cbor_forms::ser_big_decimal,
    true
);

/// `YYYY-MM-DDTHH:MM:SS[.fraction]Z` exactly.
fn strict_rfc3339(text: &str) -> bool {
    let b = text.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let shape = b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && b.last() == Some(&b'Z');
    if !shape {
        return false;
    }
    match b.get(19..b.len() - 1) {
        Some([]) => true,
        Some([b'.', digits @ ..]) => !digits.is_empty() && digits.iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

//! Values as they appear in URI labels, query strings and headers (spec
//! http-bindings.rst, "httpLabel", "httpQuery", "httpHeader" serialization rules):
//! strings as they are, numbers in decimal, floats with `NaN`/`Infinity`/`-Infinity`,
//! booleans `true`/`false`, blobs in base64, timestamps in the location's format.

use super::scalar::{BigDecimal, BigInteger, Blob, DateTime};

/// How a timestamp is written (`@timestampFormat`, else the location's default:
/// `http-date` in headers, `date-time` in labels and query strings, `epoch-seconds` in
/// JSON bodies).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// RFC 3339, e.g. `2019-12-16T23:48:18Z`.
    DateTime,
    /// IMF-fixdate, e.g. `Mon, 16 Dec 2019 23:48:18 GMT`.
    HttpDate,
    /// Seconds since the Unix epoch, e.g. `1576540098` or `1576540098.52`.
    EpochSeconds,
}

/// A value written into a label, a query value or a header.
pub trait Param {
    /// Appends the value's text.
    ///
    /// # Errors
    /// A timestamp the format cannot represent.
    fn write_param(&self, format: TimestampFormat, out: &mut String) -> Result<(), String>;

    /// Whether, in a header list, the value must be quoted (strings holding `,` or `"`).
    fn needs_quotes(&self) -> bool {
        false
    }
}

/// A value read from a label, a query value or a header.
pub trait FromParam: Sized {
    /// Parses the value's text.
    ///
    /// # Errors
    /// Why `text` is not a value of this type (e.g. out of range, not a number).
    fn from_param(text: &str, format: TimestampFormat) -> Result<Self, String>;

    /// Whether the value's own text holds a comma, so that in a header list every second
    /// comma separates items (`http-date` timestamps).
    fn holds_comma(_format: TimestampFormat) -> bool {
        false
    }
}

impl Param for String {
    fn write_param(&self, _: TimestampFormat, out: &mut String) -> Result<(), String> {
        out.push_str(self);
        Ok(())
    }

    fn needs_quotes(&self) -> bool {
        self.contains([',', '"'])
    }
}

impl FromParam for String {
    fn from_param(text: &str, _: TimestampFormat) -> Result<Self, String> {
        Ok(text.to_owned())
    }
}

impl Param for bool {
    fn write_param(&self, _: TimestampFormat, out: &mut String) -> Result<(), String> {
        out.push_str(if *self { "true" } else { "false" });
        Ok(())
    }
}

impl FromParam for bool {
    fn from_param(text: &str, _: TimestampFormat) -> Result<Self, String> {
        match text {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(format!("`{text}` is not a boolean")),
        }
    }
}

macro_rules! integer_param {
    ($($t:ty),*) => {$(
        impl Param for $t {
            fn write_param(&self, _: TimestampFormat, out: &mut String) -> Result<(), String> {
                out.push_str(&self.to_string());
                Ok(())
            }
        }

        impl FromParam for $t {
            fn from_param(text: &str, _: TimestampFormat) -> Result<Self, String> {
                text.parse()
                    .map_err(|e| format!("`{text}` is not a {}: {e}", stringify!($t)))
            }
        }
    )*};
}

integer_param!(i8, i16, i32, i64);

macro_rules! float_param {
    ($($t:ident),*) => {$(
        impl Param for $t {
            fn write_param(&self, _: TimestampFormat, out: &mut String) -> Result<(), String> {
                out.push_str(&match self {
                    v if v.is_nan() => "NaN".to_owned(),
                    v if *v == $t::INFINITY => "Infinity".to_owned(),
                    v if *v == $t::NEG_INFINITY => "-Infinity".to_owned(),
                    v => v.to_string(),
                });
                Ok(())
            }
        }

        impl FromParam for $t {
            fn from_param(text: &str, _: TimestampFormat) -> Result<Self, String> {
                match text {
                    "NaN" => Ok($t::NAN),
                    "Infinity" => Ok($t::INFINITY),
                    "-Infinity" => Ok($t::NEG_INFINITY),
                    // Rust also reads `inf` and `nan`, which the protocol does not allow.
                    t if t.bytes().any(|b| b.is_ascii_alphabetic() && b != b'e' && b != b'E') => {
                        Err(format!("`{text}` is not a number"))
                    }
                    t => t.parse().map_err(|e| format!("`{text}` is not a number: {e}")),
                }
            }
        }
    )*};
}

float_param!(f32, f64);

impl Param for DateTime {
    fn write_param(&self, format: TimestampFormat, out: &mut String) -> Result<(), String> {
        match format {
            TimestampFormat::DateTime => out.push_str(&self.to_rfc3339()?),
            TimestampFormat::HttpDate => out.push_str(&self.to_http_date()?),
            TimestampFormat::EpochSeconds => out.push_str(&epoch_seconds(self)),
        }
        Ok(())
    }
}

impl FromParam for DateTime {
    fn holds_comma(format: TimestampFormat) -> bool {
        format == TimestampFormat::HttpDate
    }

    fn from_param(text: &str, format: TimestampFormat) -> Result<Self, String> {
        match format {
            TimestampFormat::DateTime => DateTime::parse_rfc3339(text),
            TimestampFormat::HttpDate => DateTime::parse_http_date(text),
            TimestampFormat::EpochSeconds => parse_epoch_seconds(text),
        }
    }
}

/// Seconds since the epoch with the fraction, if any, and no trailing zeros.
fn epoch_seconds(t: &DateTime) -> String {
    if t.subsec_nanos() == 0 {
        return t.secs().to_string();
    }
    let fraction = format!("{:09}", t.subsec_nanos());
    format!("{}.{}", t.secs(), fraction.trim_end_matches('0'))
}

fn parse_epoch_seconds(text: &str) -> Result<DateTime, String> {
    let bad = || format!("`{text}` is not epoch seconds");
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let unsigned = whole.strip_prefix('-').unwrap_or(whole);
    if !digits(unsigned) || (!fraction.is_empty() && !digits(fraction)) || fraction.len() > 9 {
        return Err(bad());
    }
    let seconds: i64 = whole.parse().map_err(|_| bad())?;
    let nanos: u32 = format!("{fraction:0<9}").parse().map_err(|_| bad())?;
    if whole.starts_with('-') && nanos > 0 {
        return Ok(DateTime::from_parts(seconds - 1, 1_000_000_000 - nanos));
    }
    Ok(DateTime::from_parts(seconds, nanos))
}

impl Param for Blob {
    fn write_param(&self, _: TimestampFormat, out: &mut String) -> Result<(), String> {
        use base64::Engine as _;
        out.push_str(&base64::engine::general_purpose::STANDARD.encode(self.as_bytes()));
        Ok(())
    }
}

impl FromParam for Blob {
    fn from_param(text: &str, _: TimestampFormat) -> Result<Self, String> {
        Blob::from_base64(text).ok_or_else(|| format!("`{text}` is not base64"))
    }
}

macro_rules! big_param {
    ($($t:ident),*) => {$(
        impl Param for $t {
            fn write_param(&self, _: TimestampFormat, out: &mut String) -> Result<(), String> {
                out.push_str(&self.0);
                Ok(())
            }
        }

        impl FromParam for $t {
            fn from_param(text: &str, _: TimestampFormat) -> Result<Self, String> {
                let number = text.strip_prefix('-').unwrap_or(text);
                let ok = !number.is_empty()
                    && number.bytes().all(|b| b.is_ascii_digit() || b".eE+-".contains(&b));
                if ok { Ok($t(text.to_owned())) } else { Err(format!("`{text}` is not a number")) }
            }
        }
    )*};
}

big_param!(BigInteger, BigDecimal);

/// A string sent base64-encoded because its target has `@mediaType` (spec
/// http-bindings.rst: such header values are base64 of the string).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaTypeString(pub String);

impl Param for MediaTypeString {
    fn write_param(&self, _: TimestampFormat, out: &mut String) -> Result<(), String> {
        use base64::Engine as _;
        out.push_str(&base64::engine::general_purpose::STANDARD.encode(&self.0));
        Ok(())
    }
}

impl FromParam for MediaTypeString {
    fn from_param(text: &str, _: TimestampFormat) -> Result<Self, String> {
        let bytes = Blob::from_base64(text).ok_or_else(|| format!("`{text}` is not base64"))?;
        String::from_utf8(bytes.0)
            .map(MediaTypeString)
            .map_err(|_| format!("`{text}` is not base64 of UTF-8 text"))
    }
}

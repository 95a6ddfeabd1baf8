//! Support code shared by every generated service module: operation metadata, error
//! building blocks, validation, and the serde adapters that give generated types the
//! restJson1 body form.
//!
//! This file is a template kept in the code generator and copied verbatim; it depends
//! only on `serde`, `serde_json`, `base64`, `time`, `uuid` and `regex-lite`.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::sync::OnceLock;

use serde::de::{DeserializeOwned, Error as _};
use serde::ser::{Error as _, SerializeMap};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

// ---------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------

/// Static description of one modeled operation (from `@http` and `@paginated`).
pub trait Operation {
    /// The operation's shape name, e.g. `CreateRoom`.
    const NAME: &'static str;
    /// The HTTP method of its `@http` trait.
    const METHOD: &'static str;
    /// The URI pattern of its `@http` trait, e.g. `/rooms/{roomId}`.
    const URI: &'static str;
    /// The HTTP status of a successful response (`@http` `code`, 200 by default).
    const SUCCESS_CODE: u16;
    /// Pagination, when the operation is `@paginated`.
    const PAGINATION: Option<Pagination>;
    /// The input type (`()` for `smithy.api#Unit`).
    type Input;
    /// The output type (`()` for `smithy.api#Unit`).
    type Output;
    /// The operation's error enum.
    type Error;
}

/// The members that drive pagination (operation `@paginated` merged with the service's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pagination {
    /// Input member holding the continuation token.
    pub input_token: &'static str,
    /// Output member (path) holding the next token.
    pub output_token: &'static str,
    /// Output member (path) holding the page's items, if modeled.
    pub items: Option<&'static str>,
    /// Input member limiting the page size, if modeled.
    pub page_size: Option<&'static str>,
}

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

/// Who is at fault for a modeled error (`@error("client")` / `@error("server")`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorFault {
    /// The caller sent something wrong.
    Client,
    /// The service failed.
    Server,
}

/// An error the model does not describe: what could be learned about it is kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnhandledError {
    /// The error code, if the response carried one.
    pub code: Option<String>,
    /// The error message, if any.
    pub message: Option<String>,
    /// The HTTP status, if there was a response.
    pub status: Option<u16>,
}

impl UnhandledError {
    /// The error returned by the default body of every service trait method.
    pub fn not_implemented(operation: &str) -> Self {
        UnhandledError {
            code: Some("NotImplemented".to_owned()),
            message: Some(format!("operation {operation} is not implemented")),
            status: Some(501),
        }
    }
}

impl fmt::Display for UnhandledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code.as_deref().unwrap_or("unhandled error"))?;
        if let Some(status) = self.status {
            write!(f, " (HTTP {status})")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnhandledError {}

/// The future returned by the default body of every service trait method: an immediate
/// `Unhandled` error saying `operation` is not implemented.
pub fn not_implemented<O, E: From<UnhandledError>>(operation: &str) -> std::future::Ready<Result<O, E>> {
    std::future::ready(Err(E::from(UnhandledError::not_implemented(operation))))
}

/// Writes the `Display` form of a modeled error: `Code: message`, or `Code (HTTP status)`
/// when there is no message.
pub fn fmt_error(
    f: &mut fmt::Formatter<'_>,
    code: &str,
    status: u16,
    message: Option<&str>,
) -> fmt::Result {
    match message {
        Some(message) => write!(f, "{code}: {message}"),
        None => write!(f, "{code} (HTTP {status})"),
    }
}

/// Implements `code()`, `Display`, `Error` and `From<UnhandledError>` for an error enum
/// whose variants each wrap the modeled error struct of the same name, plus `Unhandled`.
#[allow(unused_macros)]
macro_rules! error_enum {
    ($name:ident { $($variant:ident),* $(,)? }) => {
        impl $name {
            /// The error code (`CODE` of a modeled error), if known.
            pub fn code(&self) -> Option<&str> {
                match self {
                    $(Self::$variant(_) => Some($variant::CODE),)*
                    Self::Unhandled(e) => e.code.as_deref(),
                }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    $(Self::$variant(e) => std::fmt::Display::fmt(e, f),)*
                    Self::Unhandled(e) => std::fmt::Display::fmt(e, f),
                }
            }
        }
        impl std::error::Error for $name {}
        impl From<$crate::runtime::UnhandledError> for $name {
            fn from(e: $crate::runtime::UnhandledError) -> Self {
                Self::Unhandled(e)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use error_enum;

/// Implements `From<$from> for $to` for error enums with the listed variants in common.
#[allow(unused_macros)]
macro_rules! error_from {
    ($from:ident => $to:ident { $($variant:ident),* $(,)? }) => {
        impl From<$from> for $to {
            fn from(e: $from) -> Self {
                match e {
                    $($from::$variant(e) => Self::$variant(e),)*
                    $from::Unhandled(e) => Self::Unhandled(e),
                }
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use error_from;

// ---------------------------------------------------------------------------------------
// Debug redaction
// ---------------------------------------------------------------------------------------

/// What `Debug` prints in place of `@sensitive` data.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// A value whose `Debug` form is [`REDACTED`].
#[derive(Clone, Copy)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

// ---------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------

/// One constraint violation: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The member path, e.g. `CreateRoomRequest.tags["k"]`.
    pub path: String,
    /// The violated constraint in words, e.g. `length 0 is less than the minimum 1`.
    pub message: String,
}

/// Every constraint violation found in a value (never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// The violations, in member order.
    pub violations: Vec<Violation>,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("validation failed: ")?;
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}: {}", v.path, v.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// A member path, built without allocating and rendered only for violations.
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// The value being validated, by type name.
    Root(&'a str),
    /// A structure member or union variant.
    Field(&'a Path<'a>, &'a str),
    /// A list element.
    Index(&'a Path<'a>, usize),
    /// A map entry.
    Key(&'a Path<'a>, &'a str),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root(name) => f.write_str(name),
            Path::Field(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
            Path::Key(parent, key) => write!(f, "{parent}[{key:?}]"),
        }
    }
}

/// Collects violations.
#[derive(Debug, Default)]
pub struct Violations(Vec<Violation>);

impl Violations {
    /// Records a violation at `path`.
    pub fn push(&mut self, path: &Path<'_>, message: String) {
        self.0.push(Violation { path: path.to_string(), message });
    }
}

/// Constraint checking, implemented by every generated structure, union and enum.
pub trait Validate {
    /// Checks this value's constraints and those of everything it contains.
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations);
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        (**self).validate_at(path, out);
    }
}

/// Runs [`Validate`] on a root value named `name`.
pub fn validate_root<T: Validate + ?Sized>(value: &T, name: &str) -> Result<(), ValidationError> {
    let mut out = Violations::default();
    value.validate_at(&Path::Root(name), &mut out);
    if out.0.is_empty() {
        Ok(())
    } else {
        Err(ValidationError { violations: out.0 })
    }
}

/// Things `@length` applies to: strings count characters, the rest count elements/bytes.
pub trait Length {
    /// The length as `@length` measures it.
    fn constraint_len(&self) -> usize;
}

impl Length for String {
    fn constraint_len(&self) -> usize {
        self.chars().count()
    }
}

impl<T> Length for Vec<T> {
    fn constraint_len(&self) -> usize {
        self.len()
    }
}

impl<K, V> Length for BTreeMap<K, V> {
    fn constraint_len(&self) -> usize {
        self.len()
    }
}

impl Length for Blob {
    fn constraint_len(&self) -> usize {
        self.0.len()
    }
}

/// Checks `@length(min, max)`.
pub fn check_length<T: Length + ?Sized>(
    value: &T,
    min: Option<u64>,
    max: Option<u64>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    let len = value.constraint_len() as u64;
    if let Some(min) = min.filter(|min| len < *min) {
        out.push(path, format!("length {len} is less than the minimum {min}"));
    }
    if let Some(max) = max.filter(|max| len > *max) {
        out.push(path, format!("length {len} is greater than the maximum {max}"));
    }
}

/// Checks `@range(min, max)` (bounds as written in the model).
pub fn check_range<T: Copy + Into<RangeValue> + fmt::Display>(
    value: T,
    min: Option<f64>,
    max: Option<f64>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    let RangeValue(v) = value.into();
    if let Some(min) = min.filter(|min| v < *min) {
        out.push(path, format!("value {value} is less than the minimum {min}"));
    }
    if let Some(max) = max.filter(|max| v > *max) {
        out.push(path, format!("value {value} is greater than the maximum {max}"));
    }
}

/// A number compared against `@range` bounds.
#[derive(Debug, Clone, Copy)]
pub struct RangeValue(pub f64);

macro_rules! range_value {
    ($($t:ty),*) => {$(
        impl From<$t> for RangeValue {
            #[allow(clippy::cast_lossless, clippy::cast_precision_loss)]
            fn from(v: $t) -> Self {
                RangeValue(v as f64)
            }
        }
    )*};
}
range_value!(i8, i16, i32, i64, f32, f64);

/// Checks `@pattern` (a search, as the Smithy spec says, not a full match). `cell` caches
/// the compiled expression. The generator only emits patterns regex-lite compiles; should
/// one still fail here, that is reported as a violation rather than skipped.
pub fn check_pattern(
    value: &str,
    pattern: &'static str,
    cell: &'static OnceLock<Option<regex_lite::Regex>>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    match cell.get_or_init(|| regex_lite::Regex::new(pattern).ok()) {
        Some(regex) if regex.is_match(value) => {}
        Some(_) => out.push(path, format!("value does not match the pattern `{pattern}`")),
        None => out.push(path, format!("the pattern `{pattern}` cannot be compiled to check the value")),
    }
}

/// Records that an enum holds a value the model does not list.
pub fn unknown_enum_value(value: &dyn fmt::Display, path: &Path<'_>, out: &mut Violations) {
    out.push(path, format!("`{value}` is not one of the allowed values"));
}

// ---------------------------------------------------------------------------------------
// Scalar types
// ---------------------------------------------------------------------------------------

/// A point in time: seconds since the Unix epoch and nanoseconds within the second.
///
/// Serializes as epoch seconds (a number, with a fraction when there are nanoseconds);
/// members with `@timestampFormat` use the adapters in this module instead.
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
        DateTime { seconds: seconds.saturating_add(carry), nanos: nanos % 1_000_000_000 }
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
        DateTime { seconds: t.unix_timestamp(), nanos: t.nanosecond() }
    }

    /// RFC 3339 (`date-time`), in UTC, e.g. `2024-01-02T03:04:05Z`.
    ///
    /// # Errors
    /// When the time is outside what RFC 3339 can represent.
    pub fn to_rfc3339(&self) -> Result<String, String> {
        self.to_time()?.format(&time::format_description::well_known::Rfc3339).map_err(|e| e.to_string())
    }

    /// Parses RFC 3339 (`date-time`), with any offset.
    ///
    /// # Errors
    /// When `text` is not RFC 3339.
    pub fn parse_rfc3339(text: &str) -> Result<Self, String> {
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
        const MONTHS: [&str; 12] =
            ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
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
        let [day, month, year, clock] = parts[..] else { return Err(err()) };
        const MONTHS: [&str; 12] =
            ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let month = MONTHS.iter().position(|m| *m == month).ok_or_else(err)?;
        let month = time::Month::try_from(u8::try_from(month + 1).map_err(|_| err())?).map_err(|_| err())?;
        let (clock, frac) = match clock.split_once('.') {
            Some((c, f)) => (c, Some(f)),
            None => (clock, None),
        };
        let hms: Vec<&str> = clock.split(':').collect();
        let [h, m, s] = hms[..] else { return Err(err()) };
        let num = |s: &str| s.parse::<u8>().map_err(|_| err());
        let date = time::Date::from_calendar_date(year.parse().map_err(|_| err())?, month, num(day)?)
            .map_err(|_| err())?;
        let mut nanos = 0u32;
        if let Some(frac) = frac {
            if frac.is_empty() || frac.len() > 9 || !frac.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err());
            }
            nanos = format!("{frac:0<9}").parse().map_err(|_| err())?;
        }
        let time = time::Time::from_hms_nano(num(h)?, num(m)?, num(s)?, nanos).map_err(|_| err())?;
        Ok(DateTime::from_time(time::PrimitiveDateTime::new(date, time).assume_utc()))
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.nanos == 0 {
            s.serialize_i64(self.seconds)
        } else {
            s.serialize_f64(self.as_secs_f64())
        }
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Number::deserialize(d)? {
            n if n.is_i64() => Ok(DateTime::from_secs(n.as_i64().unwrap_or_default())),
            n => n
                .as_f64()
                .filter(|f| f.is_finite())
                .map(DateTime::from_secs_f64)
                .ok_or_else(|| D::Error::custom(format!("invalid epoch-seconds timestamp {n}"))),
        }
    }
}

/// Binary data; serializes as base64.
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
        base64::engine::general_purpose::STANDARD.decode(text.as_bytes()).ok().map(Blob)
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
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use base64::Engine as _;
        let text = String::deserialize(d)?;
        base64::engine::general_purpose::STANDARD.decode(text.as_bytes()).map(Blob).map_err(D::Error::custom)
    }
}

macro_rules! big_number {
    ($(#[$doc:meta])* $name:ident) => {
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
                write_big_number(&self.0, s)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                match serde_json::Value::deserialize(d)? {
                    serde_json::Value::Number(n) => read_big_number(&n).map($name).map_err(D::Error::custom),
                    serde_json::Value::String(s) => Ok($name(s)),
                    other => Err(D::Error::custom(format!("expected a number, found {other}"))),
                }
            }
        }
    };
}

/// The largest integer magnitude an `f64` holds exactly (2^53).
const EXACT_F64_INTEGER: f64 = 9_007_199_254_740_992.0;

/// Writes a big number's decimal text as a JSON number, exactly or not at all: an `f64`
/// is used only when it holds the value exactly (an integer below 2^53, or at most 15
/// significant digits), otherwise the error says so instead of rounding silently.
fn write_big_number<S: Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
    if let Ok(v) = text.parse::<i64>() {
        return s.serialize_i64(v);
    }
    if let Ok(v) = text.parse::<u64>() {
        return s.serialize_u64(v);
    }
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && significant_digits(text) <= 15 => s.serialize_f64(v),
        Ok(_) => Err(S::Error::custom(format!(
            "`{text}` has more digits than a JSON number written through f64 can hold exactly"
        ))),
        Err(_) => Err(S::Error::custom(format!("`{text}` is not a decimal number"))),
    }
}

/// Significant digits of a decimal's mantissa (`-0.0120e5` has 3).
fn significant_digits(text: &str) -> usize {
    let mantissa = text.split(['e', 'E']).next().unwrap_or(text);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    digits.trim_start_matches('0').trim_end_matches('0').len().max(1)
}

/// Reads a JSON number as decimal text. Integers within 64 bits are exact; a number that
/// arrived as an `f64` is accepted only where it cannot have been rounded (an integral
/// value below 2^53), otherwise the error says so instead of keeping a rounded value.
fn read_big_number(n: &serde_json::Number) -> Result<String, String> {
    if n.is_i64() || n.is_u64() {
        return Ok(n.to_string());
    }
    match n.as_f64() {
        Some(v) if v.abs() < EXACT_F64_INTEGER && v.fract() == 0.0 => Ok(format!("{v:.0}")),
        Some(_) if significant_digits(&n.to_string()) <= 15 => Ok(n.to_string()),
        _ => Err(format!("the number {n} is beyond the range read exactly (integers below 2^53, decimals of up to 15 digits)")),
    }
}

big_number!(
    /// An arbitrary-precision integer (`bigInteger`), kept as its decimal text.
    BigInteger
);
big_number!(
    /// An arbitrary-precision decimal (`bigDecimal`), kept as its decimal text.
    BigDecimal
);

// ---------------------------------------------------------------------------------------
// Serde adapters
// ---------------------------------------------------------------------------------------

/// How a value of type `T` is written to and read from JSON. Composable: generated
/// fields name a codec such as `OptionOf<Dense<Float>>` through [`ser`] and [`de`].
pub trait Codec<T> {
    /// Serializes `value`.
    ///
    /// # Errors
    /// The serializer's.
    fn ser<S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error>;
    /// Deserializes a value.
    ///
    /// # Errors
    /// The deserializer's, or a malformed value.
    fn de<'de, D: Deserializer<'de>>(d: D) -> Result<T, D::Error>;
}

/// Serializes a field with codec `C` (for `#[serde(serialize_with)]`).
///
/// # Errors
/// The serializer's.
pub fn ser<C: Codec<T>, T, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    C::ser(value, s)
}

/// Deserializes a field with codec `C` (for `#[serde(deserialize_with)]`).
///
/// # Errors
/// The deserializer's, or a malformed value.
pub fn de<'de, C: Codec<T>, T, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    C::de(d)
}

/// A codec as a serde `with` module: `#[serde(with = "rt::Via::<rt::Dense<rt::Float>>")]`.
pub struct Via<C>(PhantomData<C>);

impl<C> Via<C> {
    /// Serializes a field with codec `C`.
    ///
    /// # Errors
    /// The serializer's.
    pub fn serialize<T, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error>
    where
        C: Codec<T>,
    {
        C::ser(value, s)
    }

    /// Deserializes a field with codec `C`.
    ///
    /// # Errors
    /// The deserializer's, or a malformed value.
    pub fn deserialize<'de, T, D: Deserializer<'de>>(d: D) -> Result<T, D::Error>
    where
        C: Codec<T>,
    {
        C::de(d)
    }
}

/// Decodes a union member's JSON value with codec `C`.
///
/// # Errors
/// A malformed value, as the outer deserializer's error.
pub fn decode<C: Codec<T>, T, E: serde::de::Error>(value: serde_json::Value) -> Result<T, E> {
    C::de(value).map_err(E::custom)
}

/// A value serialized through codec `C`.
pub struct With<'a, C, T>(pub &'a T, PhantomData<C>);

impl<'a, C, T> With<'a, C, T> {
    /// Wraps `value`.
    pub fn new(value: &'a T) -> Self {
        With(value, PhantomData)
    }
}

impl<C: Codec<T>, T> Serialize for With<'_, C, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        C::ser(self.0, s)
    }
}

struct Owned<C, T>(T, PhantomData<C>);

impl<'de, C: Codec<T>, T> Deserialize<'de> for Owned<C, T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        C::de(d).map(|v| Owned(v, PhantomData))
    }
}

/// The type's own serde form.
pub struct Same;

impl<T: Serialize + DeserializeOwned> Codec<T> for Same {
    fn ser<S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
        value.serialize(s)
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        T::deserialize(d).map_err(D::Error::custom)
    }
}

/// `float`/`double`: non-finite values are the strings `NaN`, `Infinity`, `-Infinity`.
pub struct Float;

macro_rules! float_codec {
    ($t:ty) => {
        impl Codec<$t> for Float {
            fn ser<S: Serializer>(value: &$t, s: S) -> Result<S::Ok, S::Error> {
                if value.is_nan() {
                    s.serialize_str("NaN")
                } else if value.is_infinite() {
                    s.serialize_str(if *value > 0.0 { "Infinity" } else { "-Infinity" })
                } else {
                    value.serialize(s)
                }
            }
            fn de<'de, D: Deserializer<'de>>(d: D) -> Result<$t, D::Error> {
                #[derive(Deserialize)]
                #[serde(untagged)]
                enum Repr {
                    Number($t),
                    Text(String),
                }
                match Repr::deserialize(d)? {
                    Repr::Number(v) => Ok(v),
                    Repr::Text(t) => match t.as_str() {
                        "NaN" => Ok(<$t>::NAN),
                        "Infinity" => Ok(<$t>::INFINITY),
                        "-Infinity" => Ok(<$t>::NEG_INFINITY),
                        _ => Err(D::Error::custom(format!("expected a number, found `{t}`"))),
                    },
                }
            }
        }
    };
}
float_codec!(f32);
float_codec!(f64);

/// `@timestampFormat("date-time")`: an RFC 3339 string.
pub struct Rfc3339;

impl Codec<DateTime> for Rfc3339 {
    fn ser<S: Serializer>(value: &DateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&value.to_rfc3339().map_err(serde::ser::Error::custom)?)
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime, D::Error> {
        DateTime::parse_rfc3339(&String::deserialize(d)?).map_err(D::Error::custom)
    }
}

/// `@timestampFormat("http-date")`: an IMF-fixdate string.
pub struct HttpDate;

impl Codec<DateTime> for HttpDate {
    fn ser<S: Serializer>(value: &DateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&value.to_http_date().map_err(serde::ser::Error::custom)?)
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime, D::Error> {
        DateTime::parse_http_date(&String::deserialize(d)?).map_err(D::Error::custom)
    }
}

/// `Option<T>` whose `Some` value uses codec `C` (`null` reads as `None`).
pub struct OptionOf<C>(PhantomData<C>);

impl<C: Codec<T>, T> Codec<Option<T>> for OptionOf<C> {
    fn ser<S: Serializer>(value: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.serialize_some(&With::<C, T>::new(v)),
            None => s.serialize_none(),
        }
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error> {
        Ok(Option::<Owned<C, T>>::deserialize(d)?.map(|v| v.0))
    }
}

/// A non-`@sparse` list: `null` elements are dropped when reading.
pub struct Dense<C>(PhantomData<C>);

impl<C: Codec<T>, T> Codec<Vec<T>> for Dense<C> {
    fn ser<S: Serializer>(value: &Vec<T>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(value.iter().map(With::<C, T>::new))
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        Ok(Vec::<Option<Owned<C, T>>>::deserialize(d)?.into_iter().flatten().map(|v| v.0).collect())
    }
}

/// A `@sparse` list: `null` elements are kept as `None`.
pub struct Sparse<C>(PhantomData<C>);

impl<C: Codec<T>, T> Codec<Vec<Option<T>>> for Sparse<C> {
    fn ser<S: Serializer>(value: &Vec<Option<T>>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(value.iter().map(With::<OptionOf<C>, Option<T>>::new))
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Option<T>>, D::Error> {
        Ok(Vec::<Option<Owned<C, T>>>::deserialize(d)?.into_iter().map(|v| v.map(|v| v.0)).collect())
    }
}

/// A non-`@sparse` map: entries with `null` values are dropped when reading.
pub struct DenseMap<C>(PhantomData<C>);

impl<C: Codec<T>, T> Codec<BTreeMap<String, T>> for DenseMap<C> {
    fn ser<S: Serializer>(value: &BTreeMap<String, T>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(value.iter().map(|(k, v)| (k, With::<C, T>::new(v))))
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, T>, D::Error> {
        Ok(BTreeMap::<String, Option<Owned<C, T>>>::deserialize(d)?
            .into_iter()
            .filter_map(|(k, v)| Some((k, v?.0)))
            .collect())
    }
}

/// A `@sparse` map: `null` values are kept as `None`.
pub struct SparseMap<C>(PhantomData<C>);

impl<C: Codec<T>, T> Codec<BTreeMap<String, Option<T>>> for SparseMap<C> {
    fn ser<S: Serializer>(value: &BTreeMap<String, Option<T>>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(value.iter().map(|(k, v)| (k, With::<OptionOf<C>, Option<T>>::new(v))))
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Option<T>>, D::Error> {
        Ok(BTreeMap::<String, Option<Owned<C, T>>>::deserialize(d)?
            .into_iter()
            .map(|(k, v)| (k, v.map(|v| v.0)))
            .collect())
    }
}

/// `@idempotencyToken` members: the value, or a fresh UUID v4 when it is `None`.
///
/// # Errors
/// The serializer's.
pub fn idempotency_token<S: Serializer>(value: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => s.serialize_str(v),
        None => s.serialize_str(&new_idempotency_token()),
    }
}

/// A fresh idempotency token (UUID v4).
pub fn new_idempotency_token() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Error correction: the zero value of a string enum (an unknown, empty value).
pub fn zero_enum<T: for<'a> From<&'a str>>() -> T {
    T::from("")
}

/// Error correction: the zero value of an int enum.
pub fn zero_int_enum<T: From<i32>>() -> T {
    T::from(0)
}

// ---------------------------------------------------------------------------------------
// Unions
// ---------------------------------------------------------------------------------------

/// Serializes a union value as a single-key object.
///
/// # Errors
/// The serializer's.
pub fn ser_union<S: Serializer, V: Serialize + ?Sized>(s: S, name: &str, value: &V) -> Result<S::Ok, S::Error> {
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
    let mut set = object.into_iter().filter(|(k, v)| !v.is_null() && k != "__type");
    match (set.next(), set.next()) {
        (Some(entry), None) => Ok(entry),
        (None, _) => Err(D::Error::custom("a union value must set exactly one member, found none")),
        (Some(_), Some(_)) => Err(D::Error::custom("a union value must set exactly one member, found several")),
    }
}

/// Reads an enum's string form.
///
/// # Errors
/// When the value is not a string.
pub fn de_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    String::deserialize(d)
}

/// Reads an int enum's number form.
///
/// # Errors
/// When the value is not an integer that fits `i32`.
pub fn de_i32<'de, D: Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    i32::deserialize(d)
}

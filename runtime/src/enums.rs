//! Enums and intEnums: reading the wire value, and the zero value of error correction.

use serde::{Deserialize, Deserializer};

/// Error correction: the zero value of a string enum (an unknown, empty value).
pub fn zero_enum<T: for<'a> From<&'a str>>() -> T {
    T::from("")
}

/// Error correction: the zero value of an int enum.
pub fn zero_int_enum<T: From<i32>>() -> T {
    T::from(0)
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

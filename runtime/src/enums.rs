//! Enums and intEnums: everything but the variants, written by the `string_enum!` and
//! `int_enum!` macros from a value table, and the opaque [`UnknownValue`] that keeps a
//! value the model does not list.
//!
//! A generated enum is its variants plus `Unknown(rt::UnknownValue)`, followed by
//! `rt::string_enum!(Name { Variant = "WIRE", … });` (intEnums: `rt::int_enum!` and
//! `rt::UnknownValue<i32>`). The macros add `VALUES`, `as_str`/`as_i32`, `From`,
//! `FromStr`, `Display`, `Serialize` and `Deserialize`; `Validate` (an unknown value is a
//! violation listing the model's values) is generated with the other constraint checks.

use std::fmt;
use std::marker::PhantomData;

use serde::de::Visitor;
use serde::{Deserialize, Deserializer};

/// A value an enum's model does not list, kept as received and written back unchanged.
///
/// It has no public constructor: only reading a value that matches none of the listed
/// ones makes one, so parsing a listed value always gives its variant, and an `Unknown`
/// never equals a listed value.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue<T = String>(T);

impl<T> UnknownValue<T> {
    /// Keeps `value`. Called by the enum macros only (for values none of the arms of
    /// their `match` took), so it is not part of the public API.
    #[allow(dead_code)]
    pub(crate) fn new(value: T) -> Self {
        UnknownValue(value)
    }
}

impl UnknownValue<String> {
    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl UnknownValue<i32> {
    /// The value as received.
    pub fn as_i32(&self) -> i32 {
        self.0
    }
}

impl<T: fmt::Debug> fmt::Debug for UnknownValue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: fmt::Display> fmt::Display for UnknownValue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Reads a string enum from its wire value, borrowing the text where the format allows.
///
/// # Errors
/// When the value is not a string.
pub fn de_string_enum<'de, E, D>(d: D) -> Result<E, D::Error>
where
    E: for<'a> From<&'a str>,
    D: Deserializer<'de>,
{
    struct Text<E>(PhantomData<E>);

    impl<E: for<'a> From<&'a str>> Visitor<'_> for Text<E> {
        type Value = E;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<Er: serde::de::Error>(self, v: &str) -> Result<E, Er> {
            Ok(E::from(v))
        }
    }

    d.deserialize_str(Text(PhantomData))
}

/// Reads an int enum from its wire value.
///
/// # Errors
/// When the value is not an integer that fits `i32`.
pub fn de_int_enum<'de, E: From<i32>, D: Deserializer<'de>>(d: D) -> Result<E, D::Error> {
    i32::deserialize(d).map(E::from)
}

/// Error correction: the zero value of a string enum (an unknown, empty value).
pub fn zero_enum<T: for<'a> From<&'a str>>() -> T {
    T::from("")
}

/// Error correction: the zero value of an int enum.
pub fn zero_int_enum<T: From<i32>>() -> T {
    T::from(0)
}

/// Implements a string enum from its value table: `VALUES`, `as_str`, `From<&str>`,
/// `FromStr`, `Display`, `Param`/`FromParam` (labels, query, headers) and the serde forms
/// (the wire string). The enum has the listed variants plus `Unknown(rt::UnknownValue)`.
#[allow(unused_macros)]
macro_rules! string_enum {
    ($name:ident { $($variant:ident = $value:literal),* $(,)? }) => {
        impl $name {
            /// Every value the model lists.
            pub const VALUES: &'static [&'static str] = &[$($value),*];

            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(v) => v.as_str(),
                }
            }
        }
        impl From<&str> for $name {
            fn from(v: &str) -> Self {
                match v {
                    $($value => Self::$variant,)*
                    other => Self::Unknown(rt::UnknownValue::new(other.to_owned())),
                }
            }
        }
        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl rt::Param for $name {
            fn write_param(&self, _: rt::TimestampFormat, out: &mut String) -> Result<(), String> {
                out.push_str(self.as_str());
                Ok(())
            }
            fn needs_quotes(&self) -> bool {
                self.as_str().contains([',', '"'])
            }
        }
        impl rt::FromParam for $name {
            fn from_param(text: &str, _: rt::TimestampFormat) -> Result<Self, String> {
                Ok(Self::from(text))
            }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                rt::de_string_enum(d)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use string_enum;

/// Implements an intEnum from its value table: `VALUES`, `as_i32`, `From<i32>`, `FromStr`,
/// `Display`, `Param`/`FromParam` and the serde forms (the wire integer). The enum has the
/// listed variants plus `Unknown(rt::UnknownValue<i32>)`.
#[allow(unused_macros)]
macro_rules! int_enum {
    ($name:ident { $($variant:ident = $value:literal),* $(,)? }) => {
        impl $name {
            /// Every value the model lists.
            pub const VALUES: &'static [i32] = &[$($value),*];

            /// The wire value.
            pub fn as_i32(&self) -> i32 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(v) => v.as_i32(),
                }
            }
        }
        impl From<i32> for $name {
            fn from(v: i32) -> Self {
                match v {
                    $($value => Self::$variant,)*
                    other => Self::Unknown(rt::UnknownValue::new(other)),
                }
            }
        }
        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse::<i32>().map(Self::from)
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.as_i32())
            }
        }
        impl rt::Param for $name {
            fn write_param(&self, _: rt::TimestampFormat, out: &mut String) -> Result<(), String> {
                out.push_str(&self.as_i32().to_string());
                Ok(())
            }
        }
        impl rt::FromParam for $name {
            fn from_param(text: &str, format: rt::TimestampFormat) -> Result<Self, String> {
                <i32 as rt::FromParam>::from_param(text, format).map(Self::from)
            }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_i32(self.as_i32())
            }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                rt::de_int_enum(d)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use int_enum;

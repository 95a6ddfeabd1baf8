//! The text of a scalar, as XML elements and attributes and query forms write it: what
//! the serde form gives (spec aws-restxml-protocol.rst and aws-query-protocol.rst
//! "serialization": booleans `true`/`false`, numbers in decimal, blobs in base64,
//! timestamps in the form the member's codec gives, `NaN`/`Infinity`/`-Infinity` as the
//! float codec's strings).

use std::fmt;

use base64::Engine as _;
use serde::ser::{self, Impossible, Serialize};

/// A serialization error: serde's message, or a value the descriptor does not fit.
#[derive(Debug)]
pub(super) struct SerError(pub(super) String);

impl fmt::Display for SerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SerError {}

impl ser::Error for SerError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        SerError(msg.to_string())
    }
}

/// A float's text: the shortest decimal that reads back as the same value, with an
/// exponent (`1e300`) where plain digits would run long. Non-finite values do not
/// come here: the float codec writes them as strings.
fn float_text<F: fmt::Display + fmt::LowerExp + Into<f64> + Copy>(v: F) -> String {
    let magnitude = v.into().abs();
    if magnitude == 0.0 || (1e-5..1e16).contains(&magnitude) {
        v.to_string()
    } else {
        format!("{v:e}")
    }
}

/// Serializes a scalar to its text: `Some(text)`, or `None` for `None` and `()` (nothing
/// is written). Anything else (a list, map or structure) is an error.
pub(super) struct Scalar;

impl Scalar {
    fn not_scalar(found: &str) -> SerError {
        SerError(format!("expected a scalar value, found {found}"))
    }
}

type Text = Result<Option<String>, SerError>;

/// Integer methods: the decimal text.
macro_rules! integers {
    ($($method:ident($t:ty)),* $(,)?) => {
        $(fn $method(self, v: $t) -> Text {
            Ok(Some(v.to_string()))
        })*
    };
}

impl ser::Serializer for Scalar {
    type Ok = Option<String>;
    type Error = SerError;
    type SerializeSeq = Impossible<Option<String>, SerError>;
    type SerializeTuple = Impossible<Option<String>, SerError>;
    type SerializeTupleStruct = Impossible<Option<String>, SerError>;
    type SerializeTupleVariant = Impossible<Option<String>, SerError>;
    type SerializeMap = Impossible<Option<String>, SerError>;
    type SerializeStruct = Impossible<Option<String>, SerError>;
    type SerializeStructVariant = Impossible<Option<String>, SerError>;

    fn serialize_bool(self, v: bool) -> Text {
        Ok(Some(if v { "true" } else { "false" }.to_owned()))
    }
    integers!(
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
    );
    fn serialize_f32(self, v: f32) -> Text {
        Ok(Some(float_text(v)))
    }
    fn serialize_f64(self, v: f64) -> Text {
        Ok(Some(float_text(v)))
    }
    fn serialize_char(self, v: char) -> Text {
        Ok(Some(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Text {
        Ok(Some(v.to_owned()))
    }
    /// Bytes as base64, as blobs are written (`rt::Blob` writes base64 itself in a
    /// human-readable format; this covers a plain `serialize_bytes`).
    fn serialize_bytes(self, v: &[u8]) -> Text {
        Ok(Some(base64::engine::general_purpose::STANDARD.encode(v)))
    }
    fn serialize_none(self) -> Text {
        Ok(None)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Text {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Text {
        Ok(None)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Text {
        Ok(None)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Text {
        Ok(Some(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Text {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Text {
        Err(Self::not_scalar("an enum variant"))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, SerError> {
        Err(Self::not_scalar("a list"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, SerError> {
        Err(Self::not_scalar("a tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, SerError> {
        Err(Self::not_scalar("a tuple"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, SerError> {
        Err(Self::not_scalar("an enum variant"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, SerError> {
        Err(Self::not_scalar("a map or structure"))
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, SerError> {
        Err(Self::not_scalar("a structure"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, SerError> {
        Err(Self::not_scalar("an enum variant"))
    }
}

/// The methods of a serializer of one value, but for lists, maps and structures: a
/// scalar's text ([`Scalar`]) goes to its own `self.scalar(Option<String>)`, `None` and
/// `()` write nothing, newtypes are their content, and tuples and enum variants with
/// content are `self.mismatch(found)` errors (generated types have none).
macro_rules! value_methods {
    () => {
        value_methods!(
            serialize_bool(bool),
            serialize_i8(i8),
            serialize_i16(i16),
            serialize_i32(i32),
            serialize_i64(i64),
            serialize_i128(i128),
            serialize_u8(u8),
            serialize_u16(u16),
            serialize_u32(u32),
            serialize_u64(u64),
            serialize_u128(u128),
            serialize_f32(f32),
            serialize_f64(f64),
            serialize_char(char),
            serialize_str(&str),
            serialize_bytes(&[u8]),
            serialize_unit_struct(&'static str),
        );

        fn serialize_unit_variant(
            self,
            name: &'static str,
            index: u32,
            variant: &'static str,
        ) -> Result<(), SerError> {
            let text = Scalar.serialize_unit_variant(name, index, variant)?;
            self.scalar(text)
        }

        fn serialize_none(self) -> Result<(), SerError> {
            Ok(())
        }

        fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), SerError> {
            value.serialize(self)
        }

        fn serialize_unit(self) -> Result<(), SerError> {
            Ok(())
        }

        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            value: &T,
        ) -> Result<(), SerError> {
            value.serialize(self)
        }

        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<(), SerError> {
            Err(self.mismatch("an enum variant"))
        }

        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, SerError> {
            Err(self.mismatch("a tuple"))
        }

        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, SerError> {
            Err(self.mismatch("a tuple"))
        }

        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, SerError> {
            Err(self.mismatch("an enum variant"))
        }

        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, SerError> {
            Err(self.mismatch("an enum variant"))
        }
    };
    ($($method:ident($t:ty)),* $(,)?) => {
        $(fn $method(self, v: $t) -> Result<(), SerError> {
            let text = Scalar.$method(v)?;
            self.scalar(text)
        })*
    };
}
pub(super) use value_methods;

//! The serde serializer: values to CBOR items (Smithy RPC v2 CBOR, "Shape serialization")
//! through minicbor's encoder, which writes each integer and length in its smallest form.
//!
//! Maps and arrays of known length are written with a definite length, checked against
//! the entries actually written (a `Serialize` impl that announces a wrong length is an
//! error, not a corrupt body); unknown lengths are written as indefinite-length items.
//! Floats keep their width (never float16, as the spec asks); the newtype names of
//! [`cbor_tag`](super::super::cbor_tag) become tags.

use minicbor::encode::{Encoder, Error as EncodeError};
use serde::ser::{self, Serialize};

use super::super::cbor_tag;
use super::super::json_number::NUMBER_KEY;
use super::CborError;

/// Where a value is written: the body so far.
pub(super) struct Writer {
    enc: Encoder<Vec<u8>>,
}

impl Writer {
    pub(super) fn new() -> Self {
        Writer {
            enc: Encoder::new(Vec::new()),
        }
    }

    pub(super) fn into_bytes(self) -> Vec<u8> {
        self.enc.into_writer()
    }
}

/// Writing to a `Vec` cannot fail; the crate's error type says it could, in general.
fn written<T, E: std::fmt::Display>(r: Result<T, EncodeError<E>>) -> Result<(), CborError> {
    r.map(|_| ()).map_err(|e| CborError::new(e.to_string()))
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = CborError;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn is_human_readable(&self) -> bool {
        false
    }

    fn serialize_bool(self, v: bool) -> Result<(), CborError> {
        written(self.enc.bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<(), CborError> {
        written(self.enc.i64(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<(), CborError> {
        written(self.enc.i64(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<(), CborError> {
        written(self.enc.i64(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<(), CborError> {
        written(self.enc.i64(v))
    }
    fn serialize_i128(self, v: i128) -> Result<(), CborError> {
        written(self.enc.i128(v))
    }
    fn serialize_u8(self, v: u8) -> Result<(), CborError> {
        written(self.enc.u64(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<(), CborError> {
        written(self.enc.u64(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<(), CborError> {
        written(self.enc.u64(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<(), CborError> {
        written(self.enc.u64(v))
    }
    fn serialize_u128(self, v: u128) -> Result<(), CborError> {
        written(self.enc.u128(v))
    }
    fn serialize_f32(self, v: f32) -> Result<(), CborError> {
        written(self.enc.f32(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), CborError> {
        written(self.enc.f64(v))
    }
    fn serialize_char(self, v: char) -> Result<(), CborError> {
        written(self.enc.str(v.encode_utf8(&mut [0; 4])))
    }
    fn serialize_str(self, v: &str) -> Result<(), CborError> {
        written(self.enc.str(v))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), CborError> {
        written(self.enc.bytes(v))
    }
    fn serialize_none(self) -> Result<(), CborError> {
        written(self.enc.null())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), CborError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), CborError> {
        written(self.enc.null())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), CborError> {
        written(self.enc.null())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), CborError> {
        written(self.enc.str(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<(), CborError> {
        if let Some(tag) = cbor_tag::tag_of(name) {
            written(self.enc.tag(minicbor::data::Tag::new(tag)))?;
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), CborError> {
        written(self.enc.map(1))?;
        written(self.enc.str(variant))?;
        value.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'a>, CborError> {
        Compound::array(self, len)
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, CborError> {
        Compound::array(self, Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, CborError> {
        Compound::array(self, Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, CborError> {
        written(self.enc.map(1))?;
        written(self.enc.str(variant))?;
        Compound::array(self, Some(len))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'a>, CborError> {
        Compound::map(self, len)
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Compound<'a>, CborError> {
        if name == NUMBER_KEY {
            return Ok(Compound::json_number(self));
        }
        Compound::map(self, Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, CborError> {
        written(self.enc.map(1))?;
        written(self.enc.str(variant))?;
        Compound::map(self, Some(len))
    }
}

/// An array or map being written: the length announced (`None`: indefinite) and the
/// items (array elements, or map keys and values) written so far.
pub(super) struct Compound<'a> {
    w: &'a mut Writer,
    announced: Option<u64>,
    items: u64,
    /// Items per entry: 1 for an array, 2 for a map; 0 for a `serde_json::Number`.
    per_entry: u64,
}

impl<'a> Compound<'a> {
    fn array(w: &'a mut Writer, len: Option<usize>) -> Result<Self, CborError> {
        let announced = len.map(|n| n as u64);
        match announced {
            Some(n) => written(w.enc.array(n))?,
            None => written(w.enc.begin_array())?,
        }
        Ok(Compound {
            w,
            announced,
            items: 0,
            per_entry: 1,
        })
    }

    fn map(w: &'a mut Writer, len: Option<usize>) -> Result<Self, CborError> {
        let announced = len.map(|n| n as u64);
        match announced {
            Some(n) => written(w.enc.map(n))?,
            None => written(w.enc.begin_map())?,
        }
        Ok(Compound {
            w,
            announced,
            items: 0,
            per_entry: 2,
        })
    }

    /// A `serde_json::Number` with serde_json's `arbitrary_precision` feature (which
    /// Cargo may turn on for every crate built together, see `json_number`): a struct of
    /// one field, its text, that is written as the number it is.
    fn json_number(w: &'a mut Writer) -> Self {
        Compound {
            w,
            announced: Some(0),
            items: 0,
            per_entry: 0,
        }
    }

    /// Writes the text of a `serde_json::Number` as a CBOR integer or float.
    fn number_text<T: Serialize + ?Sized>(&mut self, text: &T) -> Result<(), CborError> {
        let text = match serde_json::to_value(text) {
            Ok(serde_json::Value::String(text)) => text,
            _ => return Err(CborError::new("a JSON number without its text")),
        };
        if let Ok(v) = text.parse::<u64>() {
            return written(self.w.enc.u64(v));
        }
        if let Ok(v) = text.parse::<i64>() {
            return written(self.w.enc.i64(v));
        }
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => written(self.w.enc.f64(v)),
            _ => Err(CborError::new(format!(
                "the JSON number {text} is out of range"
            ))),
        }
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CborError> {
        self.items += 1;
        value.serialize(&mut *self.w)
    }

    /// Closes an indefinite item, or checks that a definite one got what it announced.
    fn finish(self) -> Result<(), CborError> {
        match self.announced {
            None => written(self.w.enc.end()),
            Some(n) if n.checked_mul(self.per_entry) == Some(self.items) => Ok(()),
            Some(n) => Err(CborError::new(format!(
                "a value announced {n} entries and wrote {}",
                self.items / self.per_entry.max(1)
            ))),
        }
    }
}

/// The serde traits whose items are elements or fields in order (arrays), by the name of
/// their item method.
macro_rules! elements {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = CborError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CborError> {
                self.item(value)
            }
            fn end(self) -> Result<(), CborError> {
                self.finish()
            }
        }
    )*};
}
elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = CborError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), CborError> {
        self.item(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CborError> {
        self.item(value)
    }
    fn end(self) -> Result<(), CborError> {
        self.finish()
    }
}

/// The serde traits whose items are named fields (maps keyed by field name).
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = CborError;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), CborError> {
                if self.per_entry == 0 {
                    return self.number_text(value);
                }
                self.item(key)?;
                self.item(value)
            }
            fn end(self) -> Result<(), CborError> {
                self.finish()
            }
        }
    )*};
}
fields!(SerializeStruct, SerializeStructVariant);

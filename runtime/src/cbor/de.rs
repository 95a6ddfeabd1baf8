//! The serde deserializer: CBOR items to values through minicbor's decoder, accepting what
//! Smithy RPC v2 CBOR says readers must (definite and indefinite lengths, float16/32/64,
//! integers of any width, `undefined` as `null`, tags; "Shape serialization",
//! "Numeric type serialization").
//!
//! The deserializer is self-describing: every `deserialize_*` reads the next item as it
//! is and hands it to the visitor (`visit_u64`, `visit_borrowed_str`, …), whose own
//! conversions decide what fits (an `i8` member refuses 300). Text and bytes of definite
//! length are borrowed from the body. Nesting is bounded ([`MAX_DEPTH`]) so that hostile
//! input cannot overflow the stack, and a length prefix is never trusted for an
//! allocation: it is capped by the bytes left in the body.

use std::borrow::Cow;

use minicbor::data::Type;
use minicbor::decode::Decoder;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use super::super::cbor_tag;
use super::error::Segment;
use super::CborError;

/// The deepest nesting of arrays, maps and tags read (as serde_json's limit for JSON).
pub const MAX_DEPTH: usize = 128;

/// A body being read: the decoder, the nesting depth left, and the path to the item being
/// read (for errors).
pub(super) struct Reader<'de> {
    dec: Decoder<'de>,
    depth_left: usize,
    path: Vec<Segment>,
    /// The last item type looked at, and where (see `datatype`).
    peeked: Option<(usize, Type)>,
}

impl<'de> Reader<'de> {
    pub(super) fn new(body: &'de [u8]) -> Self {
        Reader {
            dec: Decoder::new(body),
            depth_left: MAX_DEPTH,
            path: Vec::new(),
            peeked: None,
        }
    }

    /// Errors left without a place get the body's root.
    pub(super) fn at_root(&self, error: CborError) -> CborError {
        error.locate(&[], self.dec.input(), self.dec.position())
    }

    /// Whether the whole body has been read.
    pub(super) fn at_end(&self) -> bool {
        self.dec.position() == self.dec.input().len()
    }

    pub(super) fn position(&self) -> usize {
        self.dec.position()
    }

    /// The type of the item at the current position. The last answer is kept: an optional
    /// member's item is looked at by `deserialize_option` and again by the value's reader.
    fn datatype(&mut self) -> Result<Type, CborError> {
        let at = self.dec.position();
        if let Some((pos, item)) = self.peeked {
            if pos == at {
                return Ok(item);
            }
        }
        let item = self.dec.datatype().map_err(decoded)?;
        self.peeked = Some((at, item));
        Ok(item)
    }

    /// The error for the item at the current position: its offset and `message`.
    fn error_here(&self, message: impl Into<String>) -> CborError {
        CborError::at(message, self.dec.position())
    }

    /// Skips the tags before an item (they are read through, see `cbor_tag`), then says
    /// what the item is.
    fn untagged_datatype(&mut self) -> Result<Type, CborError> {
        loop {
            match self.datatype()? {
                Type::Tag => {
                    self.dec.tag().map_err(decoded)?;
                }
                other => return Ok(other),
            }
        }
    }

    /// Enters an array or map: one level of the nesting allowed.
    fn enter(&mut self) -> Result<(), CborError> {
        match self.depth_left.checked_sub(1) {
            Some(left) => {
                self.depth_left = left;
                Ok(())
            }
            None => {
                Err(self.error_here(format!("nesting deeper than {MAX_DEPTH} arrays and maps")))
            }
        }
    }

    fn leave(&mut self) {
        self.depth_left += 1;
    }

    /// A length prefix, capped by the bytes left: each item takes at least one byte, so a
    /// claim beyond them cannot be true and must not size an allocation.
    fn plausible(&self, len: u64, bytes_per_item: usize) -> usize {
        let left = self.dec.input().len() - self.dec.position();
        usize::try_from(len)
            .unwrap_or(usize::MAX)
            .min(left / bytes_per_item)
    }

    /// Consumes the `break` that ends an indefinite-length item, if it is next.
    fn at_break(&mut self) -> Result<bool, CborError> {
        if self.datatype()? == Type::Break {
            // The decoder has no call for a lone `break` (0xff, one byte): step over it.
            self.dec.set_position(self.dec.position() + 1);
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// Whether an array or map with `left` items to go (`None`: up to a `break`) has
    /// another, counting it.
    fn another(&mut self, left: &mut Option<u64>) -> Result<bool, CborError> {
        match left {
            Some(0) => Ok(false),
            Some(n) => {
                *n -= 1;
                Ok(true)
            }
            None => Ok(!self.at_break()?),
        }
    }

    /// Reads text of either length form (`item`, the item's type, says which): borrowed
    /// when definite, joined when in chunks.
    fn text(&mut self, item: Type) -> Result<Cow<'de, str>, CborError> {
        if item == Type::String {
            return self.dec.str().map(Cow::Borrowed).map_err(decoded);
        }
        let mut out = String::new();
        let chunks = self.dec.str_iter().map_err(decoded)?;
        for chunk in chunks {
            out.push_str(chunk.map_err(decoded)?);
        }
        Ok(Cow::Owned(out))
    }

    /// Reads a byte string of either length form: borrowed when definite.
    fn bytes(&mut self) -> Result<Cow<'de, [u8]>, CborError> {
        if self.datatype()? == Type::Bytes {
            return self.dec.bytes().map(Cow::Borrowed).map_err(decoded);
        }
        let mut out = Vec::new();
        let chunks = self.dec.bytes_iter().map_err(decoded)?;
        for chunk in chunks {
            out.extend_from_slice(chunk.map_err(decoded)?);
        }
        Ok(Cow::Owned(out))
    }

    fn visit_array<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, CborError> {
        let len = self.dec.array().map_err(decoded)?;
        self.enter()?;
        self.path.push(Segment::Index(0));
        let result = visitor.visit_seq(Elements {
            r: self,
            left: len,
            index: 0,
        });
        self.path.pop();
        self.leave();
        result
    }

    fn visit_map<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, CborError> {
        let len = self.dec.map().map_err(decoded)?;
        self.enter()?;
        self.path.push(Segment::Index(0));
        let result = visitor.visit_map(Entries { r: self, left: len });
        self.path.pop();
        self.leave();
        result
    }

    /// Gives an error from reading the current member or element its place.
    fn locate(&self, error: CborError) -> CborError {
        error.locate(&self.path, self.dec.input(), self.dec.position())
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = CborError;

    fn is_human_readable(&self) -> bool {
        false
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, CborError> {
        match self.untagged_datatype()? {
            Type::Bool => visitor.visit_bool(self.dec.bool().map_err(decoded)?),
            Type::Null => {
                self.dec.null().map_err(decoded)?;
                visitor.visit_unit()
            }
            // Spec: `undefined` reads as `null`.
            Type::Undefined => {
                self.dec.undefined().map_err(decoded)?;
                visitor.visit_unit()
            }
            Type::U8 | Type::U16 | Type::U32 | Type::U64 => {
                visitor.visit_u64(self.dec.u64().map_err(decoded)?)
            }
            Type::I8 | Type::I16 | Type::I32 | Type::I64 => {
                visitor.visit_i64(self.dec.i64().map_err(decoded)?)
            }
            // A negative integer below `i64::MIN` (major type 1 reaches -2^64).
            Type::Int => {
                let n = self.dec.int().map_err(decoded)?;
                visitor.visit_i128(i128::from(n))
            }
            Type::F16 | Type::F32 => visitor.visit_f32(self.dec.f32().map_err(decoded)?),
            Type::F64 => visitor.visit_f64(self.dec.f64().map_err(decoded)?),
            item @ (Type::String | Type::StringIndef) => match self.text(item)? {
                Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
                Cow::Owned(text) => visitor.visit_string(text),
            },
            Type::Bytes | Type::BytesIndef => match self.bytes()? {
                Cow::Borrowed(bytes) => visitor.visit_borrowed_bytes(bytes),
                Cow::Owned(bytes) => visitor.visit_byte_buf(bytes),
            },
            Type::Array | Type::ArrayIndef => self.visit_array(visitor),
            Type::Map | Type::MapIndef => self.visit_map(visitor),
            Type::Break => Err(self.error_here("a `break` outside an indefinite-length item")),
            Type::Simple => Err(self.error_here("a simple value other than false, true, null")),
            // `untagged_datatype` never answers `Tag`; an error rather than a panic all the same.
            Type::Tag => Err(self.error_here("a tag where its content was expected")),
            Type::Unknown(byte) => Err(self.error_here(format!(
                "malformed CBOR: no item starts with byte 0x{byte:02x}"
            ))),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, CborError> {
        // Looks past tags without reading them: the value may want them (`cbor_tag`).
        let start = self.dec.position();
        let item = match self.datatype()? {
            Type::Tag => self.untagged_datatype()?,
            item => item,
        };
        match item {
            Type::Null => {
                self.dec.null().map_err(decoded)?;
                visitor.visit_none()
            }
            Type::Undefined => {
                self.dec.undefined().map_err(decoded)?;
                visitor.visit_none()
            }
            _ => {
                self.dec.set_position(start);
                visitor.visit_some(self)
            }
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, CborError> {
        if name != cbor_tag::TAGGED {
            return visitor.visit_newtype_struct(self);
        }
        if self.datatype()? != Type::Tag {
            return self.deserialize_any(visitor);
        }
        let tag = self.dec.tag().map_err(decoded)?;
        self.enter()?;
        let result = visitor.visit_enum(EnumItem {
            r: &mut *self,
            tag: Some(tag.as_u64()),
        });
        self.leave();
        result
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, CborError> {
        // Serde's external tagging, as serde_json reads it: a unit variant is its name; a
        // variant with a value is a map of one entry.
        match self.untagged_datatype()? {
            item @ (Type::String | Type::StringIndef) => {
                let name = self.text(item)?.into_owned();
                visitor.visit_enum(name.into_deserializer())
            }
            Type::Map | Type::MapIndef => {
                let len = self.dec.map().map_err(decoded)?;
                if len.is_some_and(|n| n != 1) {
                    return Err(self.error_here("an enum value: a map of one entry"));
                }
                self.enter()?;
                let result = visitor.visit_enum(EnumItem {
                    r: &mut *self,
                    tag: None,
                });
                self.leave();
                let value = result?;
                if len.is_none() && !self.at_break()? {
                    return Err(self.error_here("an enum value: a map of one entry"));
                }
                Ok(value)
            }
            _ => Err(self.error_here("an enum value: a string or a map of one entry")),
        }
    }

    /// Text only: serde's `String` would take a byte string of UTF-8 too, which is not
    /// a `string` member's type in CBOR.
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, CborError> {
        match self.untagged_datatype()? {
            item @ (Type::String | Type::StringIndef) => match self.text(item)? {
                Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
                Cow::Owned(text) => visitor.visit_string(text),
            },
            Type::Bytes | Type::BytesIndef => {
                let bytes = self.bytes()?;
                Err(de::Error::invalid_type(
                    de::Unexpected::Bytes(&bytes),
                    &visitor,
                ))
            }
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, CborError> {
        self.deserialize_str(visitor)
    }

    // An unknown member is read as any other item, not with minicbor's `skip`, which
    // takes a `break` in a definite-length array as ending it: what is skipped must be
    // well-formed too, and its nesting is bounded the same way.
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

/// An error of the decoding crate (at its own offset; one without gets the item's, see
/// [`CborError::locate`]).
fn decoded(e: minicbor::decode::Error) -> CborError {
    CborError::decode(&e)
}

/// The elements of an array: `left` to read (`None`: up to a `break`).
struct Elements<'a, 'de> {
    r: &'a mut Reader<'de>,
    left: Option<u64>,
    index: usize,
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
    type Error = CborError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, CborError> {
        if !self.r.another(&mut self.left)? {
            return Ok(None);
        }
        if let Some(last) = self.r.path.last_mut() {
            *last = Segment::Index(self.index);
        }
        self.index += 1;
        match seed.deserialize(&mut *self.r) {
            Ok(value) => Ok(Some(value)),
            Err(e) => Err(self.r.locate(e)),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.left.map(|n| self.r.plausible(n, 1))
    }
}

/// The entries of a map: `left` to read (`None`: up to a `break`).
struct Entries<'a, 'de> {
    r: &'a mut Reader<'de>,
    left: Option<u64>,
}

impl<'de> de::MapAccess<'de> for Entries<'_, 'de> {
    type Error = CborError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, CborError> {
        if !self.r.another(&mut self.left)? {
            return Ok(None);
        }
        let r = &mut *self.r;
        // The key's offset names the entry (its text is read again only for an error).
        if let Some(last) = r.path.last_mut() {
            *last = Segment::Key(r.dec.position());
        }
        let key = match r.datatype()? {
            item @ (Type::String | Type::StringIndef) => r.text(item)?,
            // A key that is not text (no Smithy shape has one) is read as it is.
            _ => return seed.deserialize(&mut *r).map(Some).map_err(|e| r.locate(e)),
        };
        let read = match key {
            Cow::Borrowed(k) => seed.deserialize(de::value::BorrowedStrDeserializer::new(k)),
            Cow::Owned(k) => seed.deserialize(de::value::StringDeserializer::new(k)),
        };
        read.map(Some).map_err(|e| r.locate(e))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, CborError> {
        seed.deserialize(&mut *self.r).map_err(|e| self.r.locate(e))
    }

    fn size_hint(&self) -> Option<usize> {
        self.left.map(|n| self.r.plausible(n, 2))
    }
}

/// An enum-shaped item: a tagged item offered to a visitor that asked for tags
/// ([`cbor_tag::TAGGED`]; `tag` is the variant, the item its content), or an externally
/// tagged enum value `{ variant: content }` whose map header is read (`tag: None`).
struct EnumItem<'a, 'de> {
    r: &'a mut Reader<'de>,
    tag: Option<u64>,
}

impl<'de> de::EnumAccess<'de> for EnumItem<'_, 'de> {
    type Error = CborError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), CborError> {
        let variant = match self.tag {
            Some(tag) => seed.deserialize(tag.into_deserializer())?,
            None => seed.deserialize(&mut *self.r)?,
        };
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for EnumItem<'_, 'de> {
    type Error = CborError;

    fn unit_variant(self) -> Result<(), CborError> {
        match self.tag {
            Some(_) => Err(CborError::new("a tag has content")),
            None => de::Deserialize::deserialize(&mut *self.r),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, CborError> {
        seed.deserialize(&mut *self.r)
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, CborError> {
        de::Deserializer::deserialize_any(&mut *self.r, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, CborError> {
        de::Deserializer::deserialize_any(&mut *self.r, visitor)
    }
}

//! An [`Element`] → serde: a deserializer led by the descriptors (spec protocol-traits.rst
//! "XML bindings"; aws-restxml-protocol.rst "XML shape deserialization").
//!
//! A structure or union is a map whose keys are its members' serde keys, in descriptor
//! order, for the members present: child elements matched by local name, attributes by
//! name as written; a flattened list or map gathers every child element named after the
//! member, a wrapped one reads the children of the member's element. Elements the
//! descriptor does not name are ignored. Scalars are read as the visitor asks
//! (`deserialize_i32` parses the text as an `i32`); `deserialize_any` goes by the
//! descriptor's [`Value`]. Errors carry the path of the element where they arose.

use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Visitor};

use super::dom::{local, Element};
use super::schema::{Map, Member, Structure, Value};
use super::Error;

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error {
            path: String::new(),
            message: msg.to_string(),
        }
    }
}

/// One step of the path to a value, from its parent.
pub(super) enum Step<'a> {
    /// An element, by its name as written.
    Element(&'a str),
    /// The `n`th (from 1) item of a list or entry of a map, by its element name.
    Item(&'a str, usize),
    /// An attribute.
    Attribute(&'a str),
}

/// Puts `step` in front of the error's path. Each level that reads a child value does
/// so for the errors that come out of it, so the path is only built for an error.
pub(super) fn prepend(mut error: Error, step: Step<'_>) -> Error {
    let step = match step {
        Step::Element(name) => format!("/{name}"),
        Step::Item(name, n) => format!("/{name}[{n}]"),
        Step::Attribute(name) => format!("/@{name}"),
    };
    error.path.insert_str(0, &step);
    error
}

/// What holds a value.
enum Node<'de> {
    /// An element.
    Element(&'de Element),
    /// An attribute's value.
    Text(&'de str),
    /// The elements of a flattened list (its items) or map (its entries).
    Flat(Vec<&'de Element>),
    /// A map entry's absent value element (a `@sparse` map's null).
    Missing,
}

/// Reads the value `node` holds, whose form is `value`.
pub(super) struct ValueDe<'de> {
    node: Node<'de>,
    value: Value,
}

impl<'de> ValueDe<'de> {
    pub(super) fn root(element: &'de Element, shape: &'static Structure) -> Self {
        ValueDe {
            node: Node::Element(element),
            value: Value::Structure(shape),
        }
    }

    fn text(&self) -> Result<&'de str, Error> {
        match self.node {
            Node::Element(e) => Ok(e.text()),
            Node::Text(t) => Ok(t),
            Node::Flat(_) => Err(de::Error::custom(
                "expected text, found a flattened list or map",
            )),
            Node::Missing => Err(de::Error::custom("the element is missing")),
        }
    }

    /// The text without surrounding whitespace, for numbers and booleans.
    fn token(&self) -> Result<&'de str, Error> {
        self.text().map(str::trim)
    }

    fn structure<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match (self.node, self.value) {
            (Node::Element(element), Value::Structure(shape)) => {
                visitor.visit_map(StructAccess::new(element, shape))
            }
            (Node::Element(element), Value::Map(map)) => {
                let entries = element
                    .children()
                    .iter()
                    .filter(|c| c.local_name() == "entry")
                    .collect();
                visitor.visit_map(EntryAccess::new(entries, map, "entry"))
            }
            (Node::Flat(entries), Value::Map(map)) => {
                let name = entries.first().map_or("entry", |e| e.name());
                visitor.visit_map(EntryAccess::new(entries, map, name))
            }
            _ => Err(de::Error::custom("expected a structure or map")),
        }
    }

    fn list<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let (items, list) = match (self.node, self.value) {
            (Node::Element(element), Value::List(list)) => {
                let member = local(list.member);
                let items = element
                    .children()
                    .iter()
                    .filter(|c| c.local_name() == member)
                    .collect();
                (items, list)
            }
            (Node::Flat(items), Value::List(list)) => (items, list),
            _ => return Err(de::Error::custom("expected a list")),
        };
        visitor.visit_seq(ItemAccess {
            items: items.into_iter(),
            item: list.item,
            index: 0,
        })
    }
}

/// Parses a number's text as `T`, saying which kind of number was expected.
fn parse<T: std::str::FromStr>(text: &str, kind: &str) -> Result<T, Error> {
    text.parse()
        .map_err(|_| de::Error::custom(format!("expected {kind}, found `{text}`")))
}

/// Whether `text` is a decimal number (what Rust's float parser would also take as
/// `inf` or `nan` is not).
fn is_decimal(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
}

/// A float's text: a decimal, or `NaN`, `Infinity`, `-Infinity`.
fn parse_float(text: &str) -> Result<f64, Error> {
    match text {
        "NaN" => Ok(f64::NAN),
        "Infinity" => Ok(f64::INFINITY),
        "-Infinity" => Ok(f64::NEG_INFINITY),
        _ if is_decimal(text) => parse(text, "a number"),
        _ => Err(de::Error::custom(format!(
            "expected a number, found `{text}`"
        ))),
    }
}

fn parse_bool(text: &str) -> Result<bool, Error> {
    match text {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(de::Error::custom(format!(
            "expected `true` or `false`, found `{text}`"
        ))),
    }
}

/// Integer methods: the text parsed as the integer type asked for.
macro_rules! integers {
    ($($method:ident($t:ty) => $visit:ident),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            visitor.$visit(parse::<$t>(self.token()?, concat!("an integer (", stringify!($t), ")"))?)
        })*
    };
}

impl<'de> de::Deserializer<'de> for ValueDe<'de> {
    type Error = Error;

    /// Goes by the descriptor: text as a string, `true`/`false` as a boolean, a number
    /// as an `i64` if it parses as one, else a `u64`, else an `f64` (`NaN`, `Infinity`,
    /// `-Infinity` as strings, the float codec's form), structures and maps as maps,
    /// lists as sequences.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if let Node::Missing = self.node {
            return visitor.visit_none();
        }
        match self.value {
            Value::Text => visitor.visit_borrowed_str(self.text()?),
            Value::Boolean => visitor.visit_bool(parse_bool(self.token()?)?),
            Value::Number => {
                let text = self.token()?;
                if let Ok(v) = text.parse::<i64>() {
                    visitor.visit_i64(v)
                } else if let Ok(v) = text.parse::<u64>() {
                    visitor.visit_u64(v)
                } else if matches!(text, "NaN" | "Infinity" | "-Infinity") {
                    visitor.visit_borrowed_str(text)
                } else {
                    visitor.visit_f64(parse_float(text)?)
                }
            }
            Value::Structure(_) | Value::Map(_) => self.structure(visitor),
            Value::List(_) => self.list(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_bool(parse_bool(self.token()?)?)
    }

    integers!(
        deserialize_i8(i8) => visit_i8,
        deserialize_i16(i16) => visit_i16,
        deserialize_i32(i32) => visit_i32,
        deserialize_i64(i64) => visit_i64,
        deserialize_i128(i128) => visit_i128,
        deserialize_u8(u8) => visit_u8,
        deserialize_u16(u16) => visit_u16,
        deserialize_u32(u32) => visit_u32,
        deserialize_u64(u64) => visit_u64,
        deserialize_u128(u128) => visit_u128,
    );

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_f64(parse_float(self.token()?)?)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_borrowed_str(self.text()?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    /// Base64 text, decoded.
    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        use base64::Engine as _;
        let text = self.token()?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(|e| <Error as de::Error>::custom(format!("invalid base64: {e}")))?;
        visitor.visit_byte_buf(bytes)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(visitor)
    }

    /// A present element or attribute is `Some` (an empty element of a text member is
    /// `Some("")`); an absent map value is `None`.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Missing => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.list(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Error> {
        self.list(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.list(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.structure(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.structure(visitor)
    }

    /// A unit variant named by the text.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_enum(BorrowedStrDeserializer::new(self.text()?))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    /// Skipped without looking inside.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

/// A structure's or union's members present in `element`, in descriptor order.
struct StructAccess<'de> {
    element: &'de Element,
    members: std::slice::Iter<'static, Member>,
    /// The member whose key was read, and what holds its value.
    pending: Option<(&'static Member, Node<'de>)>,
}

impl<'de> StructAccess<'de> {
    fn new(element: &'de Element, shape: &'static Structure) -> Self {
        StructAccess {
            element,
            members: shape.members.iter(),
            pending: None,
        }
    }

    /// What holds `member`'s value in the element, if it is there.
    fn find(element: &'de Element, member: &'static Member) -> Option<Node<'de>> {
        if member.attribute {
            return element.attribute(member.name).map(Node::Text);
        }
        let name = local(member.name);
        let collection = matches!(member.value, Value::List(_) | Value::Map(_));
        if member.flattened && collection {
            let items: Vec<&Element> = element
                .children()
                .iter()
                .filter(|c| c.local_name() == name)
                .collect();
            return (!items.is_empty()).then_some(Node::Flat(items));
        }
        element.child(name).map(Node::Element)
    }
}

impl<'de> de::MapAccess<'de> for StructAccess<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        for member in self.members.by_ref() {
            if let Some(node) = Self::find(self.element, member) {
                self.pending = Some((member, node));
                return seed
                    .deserialize(BorrowedStrDeserializer::new(member.key))
                    .map(Some);
            }
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((member, node)) = self.pending.take() else {
            return Err(de::Error::custom("a member value read before its key"));
        };
        let step = match &node {
            Node::Element(e) => Some(Step::Element(e.name())),
            Node::Text(_) => Some(Step::Attribute(member.name)),
            // Each item says where it is.
            Node::Flat(_) | Node::Missing => None,
        };
        let value = ValueDe {
            node,
            value: member.value,
        };
        match step {
            Some(step) => seed.deserialize(value).map_err(|e| prepend(e, step)),
            None => seed.deserialize(value),
        }
    }
}

/// A list's items.
struct ItemAccess<'de> {
    items: std::vec::IntoIter<&'de Element>,
    item: Value,
    index: usize,
}

impl<'de> de::SeqAccess<'de> for ItemAccess<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(element) = self.items.next() else {
            return Ok(None);
        };
        self.index += 1;
        let value = ValueDe {
            node: Node::Element(element),
            value: self.item,
        };
        seed.deserialize(value)
            .map(Some)
            .map_err(|e| prepend(e, Step::Item(element.name(), self.index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// A map's entries: each an element holding a key element and a value element.
struct EntryAccess<'de> {
    entries: std::vec::IntoIter<&'de Element>,
    map: &'static Map,
    /// The entries' element name, for paths.
    name: &'de str,
    index: usize,
    /// The entry whose key was read.
    pending: Option<&'de Element>,
}

impl<'de> EntryAccess<'de> {
    fn new(entries: Vec<&'de Element>, map: &'static Map, name: &'de str) -> Self {
        EntryAccess {
            entries: entries.into_iter(),
            map,
            name,
            index: 0,
            pending: None,
        }
    }

    /// Puts the current entry in front of the error's path.
    fn at_entry(&self, error: Error) -> Error {
        prepend(error, Step::Item(self.name, self.index))
    }
}

impl<'de> de::MapAccess<'de> for EntryAccess<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        self.index += 1;
        self.pending = Some(entry);
        let Some(key) = entry.child(local(self.map.key)) else {
            let message = format!("a map entry without its `{}` element", self.map.key);
            return Err(self.at_entry(de::Error::custom(message)));
        };
        let value = ValueDe {
            node: Node::Element(key),
            value: Value::Text,
        };
        seed.deserialize(value)
            .map(Some)
            .map_err(|e| self.at_entry(prepend(e, Step::Element(key.name()))))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some(entry) = self.pending.take() else {
            return Err(de::Error::custom("a map value read before its key"));
        };
        let element = entry.child(local(self.map.value));
        let value = ValueDe {
            node: element.map_or(Node::Missing, Node::Element),
            value: self.map.item,
        };
        let name = element.map_or(self.map.value, Element::name);
        seed.deserialize(value)
            .map_err(|e| self.at_entry(prepend(e, Step::Element(name))))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

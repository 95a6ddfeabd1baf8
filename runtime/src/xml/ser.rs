//! serde → XML: writes a value's serde form as elements, led by the descriptors (spec
//! protocol-traits.rst "XML bindings": `@xmlName`, `@xmlAttribute`, `@xmlFlattened`,
//! `@xmlNamespace`; aws-restxml-protocol.rst "XML shape serialization").
//!
//! A structure or union arrives as `serialize_struct` (derived) or `serialize_map` (unions,
//! a one-entry map); its keys are looked up in the [`Structure`]. Lists and maps arrive
//! as sequences and maps and are written wrapped or flattened as the member says. Scalars
//! become text ([`Scalar`]); `None` writes nothing.

use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use serde::ser::{self, Impossible, Serialize};

use super::members::{Entries, Fields, MapOrStruct, Members};
use super::schema::{List, Map, Member, Namespace, Structure, Value};
use super::text::{value_methods, Scalar, SerError};

/// The document being written.
pub(super) type Out = quick_xml::Writer<Vec<u8>>;

/// Writes one event. The sink is a `Vec<u8>`, which has no I/O error to report.
fn emit(out: &mut Out, event: Event<'_>) {
    let _ = out.write_event(event);
}

/// Opens element `name`, with `namespace` as its `xmlns` (or `xmlns:prefix`) attribute
/// and `attributes` (escaped by quick-xml).
pub(super) fn open(
    out: &mut Out,
    name: &str,
    namespace: Option<Namespace>,
    attributes: &[(&str, String)],
) {
    let mut start = BytesStart::new(name);
    if let Some(ns) = namespace {
        match ns.prefix {
            Some(prefix) => start.push_attribute((format!("xmlns:{prefix}").as_str(), ns.uri)),
            None => start.push_attribute(("xmlns", ns.uri)),
        }
    }
    for (key, value) in attributes {
        start.push_attribute((*key, value.as_str()));
    }
    emit(out, Event::Start(start));
}

/// Closes element `name`.
pub(super) fn close(out: &mut Out, name: &str) {
    emit(out, Event::End(BytesEnd::new(name)));
}

/// Writes `<name>text</name>`, the text escaped (`\r` too, so that it reads back).
pub(super) fn text_element(out: &mut Out, name: &str, namespace: Option<Namespace>, text: &str) {
    open(out, name, namespace, &[]);
    if !text.is_empty() {
        emit(out, Event::Text(BytesText::new(text)));
    }
    close(out, name);
}

/// Writes a value as element `name` (or, for a flattened list or map, as repeated
/// elements `name`), its form given by `value`.
pub(super) struct ValueSer<'a> {
    pub(super) out: &'a mut Out,
    pub(super) name: &'a str,
    pub(super) namespace: Option<Namespace>,
    pub(super) value: Value,
    pub(super) flattened: bool,
    /// Text elements written first inside a structure's element (an error's `Type`
    /// and `Code`); empty below the root.
    pub(super) leading: &'a [(&'a str, &'a str)],
}

impl<'a> ValueSer<'a> {
    /// The serializer of a structure member's value.
    fn member(out: &'a mut Out, member: &'static Member) -> Self {
        ValueSer {
            out,
            name: member.name,
            namespace: member.namespace,
            value: member.value,
            flattened: member.flattened,
            leading: &[],
        }
    }

    /// The serializer of a nested item (a list item, a map key or value): never
    /// flattened.
    fn item(out: &'a mut Out, name: &'a str, namespace: Option<Namespace>, value: Value) -> Self {
        ValueSer {
            out,
            name,
            namespace,
            value,
            flattened: false,
            leading: &[],
        }
    }

    fn scalar(self, text: Option<String>) -> Result<(), SerError> {
        if let Some(text) = text {
            text_element(self.out, self.name, self.namespace, &text);
        }
        Ok(())
    }

    fn structure(self) -> Result<StructSer<'a>, SerError> {
        match self.value {
            Value::Structure(shape) => Ok(StructSer::new(self, shape)),
            _ => Err(self.mismatch("a structure or union")),
        }
    }

    fn mismatch(&self, found: &str) -> SerError {
        SerError(format!(
            "`{}` is {found} in the serde form but {} in the XML descriptor",
            self.name,
            describe(self.value)
        ))
    }
}

/// The descriptor's form, for error messages.
fn describe(value: Value) -> &'static str {
    match value {
        Value::Text | Value::Boolean | Value::Number => "a scalar",
        Value::Structure(_) => "a structure or union",
        Value::List(_) => "a list",
        Value::Map(_) => "a map",
    }
}

impl<'a> ser::Serializer for ValueSer<'a> {
    type Ok = ();
    type Error = SerError;
    type SerializeSeq = SeqSer<'a>;
    type SerializeTuple = Impossible<(), SerError>;
    type SerializeTupleStruct = Impossible<(), SerError>;
    type SerializeTupleVariant = Impossible<(), SerError>;
    type SerializeMap = MapOrStruct<MapSer<'a>, StructSer<'a>>;
    type SerializeStruct = Fields<StructSer<'a>>;
    type SerializeStructVariant = Impossible<(), SerError>;

    value_methods!();

    fn serialize_seq(self, _: Option<usize>) -> Result<SeqSer<'a>, SerError> {
        match self.value {
            Value::List(list) => Ok(SeqSer::new(self, list)),
            _ => Err(self.mismatch("a list")),
        }
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, SerError> {
        match self.value {
            Value::Map(map) => Ok(MapOrStruct::Map(MapSer::new(self, map))),
            Value::Structure(_) => self.structure().map(MapOrStruct::Structure),
            _ => Err(self.mismatch("a map")),
        }
    }

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, SerError> {
        self.structure().map(Fields)
    }
}

/// A list's items: inside element `name` as elements named after the list's member, in
/// the list member's namespace; or (flattened) each as an element `name`, in the list
/// member's namespace, else the structure member's (the suite's XmlLists case: a
/// flattened list's member namespace is used, the list shape's is disregarded).
pub(super) struct SeqSer<'a> {
    out: &'a mut Out,
    /// The items' element name and namespace.
    item_name: &'a str,
    item_namespace: Option<Namespace>,
    list: &'static List,
    /// The wrapping element, if any.
    wrapper: Option<&'a str>,
}

impl<'a> SeqSer<'a> {
    fn new(value: ValueSer<'a>, list: &'static List) -> Self {
        let (item_name, item_namespace, wrapper) = if value.flattened {
            (value.name, list.namespace.or(value.namespace), None)
        } else {
            open(value.out, value.name, value.namespace, &[]);
            (list.member, list.namespace, Some(value.name))
        };
        SeqSer {
            out: value.out,
            item_name,
            item_namespace,
            list,
            wrapper,
        }
    }
}

impl ser::SerializeSeq for SeqSer<'_> {
    type Ok = ();
    type Error = SerError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, item: &T) -> Result<(), SerError> {
        item.serialize(ValueSer::item(
            self.out,
            self.item_name,
            self.item_namespace,
            self.list.item,
        ))
    }

    fn end(self) -> Result<(), SerError> {
        if let Some(name) = self.wrapper {
            close(self.out, name);
        }
        Ok(())
    }
}

/// A map's entries: `<name><entry><key>k</key><value>v</value></entry>…</name>`, or
/// (flattened) `<name><key>k</key><value>v</value></name>` repeated.
pub(super) struct MapSer<'a> {
    out: &'a mut Out,
    name: &'a str,
    namespace: Option<Namespace>,
    map: &'static Map,
    flattened: bool,
}

impl<'a> MapSer<'a> {
    fn new(value: ValueSer<'a>, map: &'static Map) -> Self {
        if !value.flattened {
            open(value.out, value.name, value.namespace, &[]);
        }
        MapSer {
            out: value.out,
            name: value.name,
            namespace: value.namespace,
            map,
            flattened: value.flattened,
        }
    }

    /// The element of one entry.
    fn entry(&self) -> (&str, Option<Namespace>) {
        if self.flattened {
            (self.name, self.namespace)
        } else {
            ("entry", None)
        }
    }
}

impl Entries for MapSer<'_> {
    fn key(&mut self, key: String) -> Result<(), SerError> {
        let (entry, namespace) = self.entry();
        let entry = entry.to_owned();
        open(self.out, &entry, namespace, &[]);
        text_element(self.out, self.map.key, self.map.key_namespace, &key);
        Ok(())
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        value.serialize(ValueSer::item(
            self.out,
            self.map.value,
            self.map.value_namespace,
            self.map.item,
        ))?;
        let (entry, _) = self.entry();
        let entry = entry.to_owned();
        close(self.out, &entry);
        Ok(())
    }

    fn finish(self) -> Result<(), SerError> {
        if !self.flattened {
            close(self.out, self.name);
        }
        Ok(())
    }
}

/// A structure's or union's members. Attribute members must be on the start tag, and the
/// serde form may give them after other members, so a shape that has any gets its
/// children written to a buffer first; other shapes are written straight through.
pub(super) struct StructSer<'a> {
    out: &'a mut Out,
    name: &'a str,
    namespace: Option<Namespace>,
    shape: &'static Structure,
    leading: &'a [(&'a str, &'a str)],
    attributes: Vec<(&'static str, String)>,
    /// The children, when they wait for the attributes.
    buffer: Option<Out>,
    /// A union's member whose key came and whose value is next.
    pending: Option<&'static Member>,
}

impl<'a> StructSer<'a> {
    fn new(value: ValueSer<'a>, shape: &'static Structure) -> Self {
        let buffered = shape.members.iter().any(|m| m.attribute);
        let mut s = StructSer {
            out: value.out,
            name: value.name,
            namespace: value.namespace,
            shape,
            leading: value.leading,
            attributes: Vec::new(),
            buffer: buffered.then(|| Out::new(Vec::new())),
            pending: None,
        };
        if !buffered {
            s.start();
        }
        s
    }

    /// Writes the start tag (with the attributes) and the leading elements.
    fn start(&mut self) {
        open(self.out, self.name, self.namespace, &self.attributes);
        for (name, text) in self.leading {
            text_element(self.out, name, None, text);
        }
    }
}

impl Members for StructSer<'_> {
    fn shape(&self) -> &'static Structure {
        self.shape
    }

    fn pending(&mut self) -> &mut Option<&'static Member> {
        &mut self.pending
    }

    fn member<T: Serialize + ?Sized>(
        &mut self,
        member: &'static Member,
        value: &T,
    ) -> Result<(), SerError> {
        if member.attribute {
            if let Some(text) = value.serialize(Scalar)? {
                self.attributes.push((member.name, text));
            }
            return Ok(());
        }
        let out = match &mut self.buffer {
            Some(buffer) => buffer,
            None => &mut *self.out,
        };
        value.serialize(ValueSer::member(out, member))
    }

    fn finish(mut self) -> Result<(), SerError> {
        if let Some(buffer) = self.buffer.take() {
            self.start();
            self.out.get_mut().extend_from_slice(&buffer.into_inner());
        }
        close(self.out, self.name);
        Ok(())
    }
}

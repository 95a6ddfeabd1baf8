//! XML bodies and query forms, sans-IO: the restXml protocol's bodies, awsQuery and
//! ec2Query responses (spec aws/protocols/aws-restxml-protocol.rst, aws-query-protocol.rst,
//! aws-ec2-query-protocol.rst, protocol-traits.rst "XML bindings"), and the awsQuery and
//! ec2Query request forms. Values come from and go to the types' serde form; the static
//! descriptors ([`Structure`], [`Member`], [`Value`], through [`Shape`]) say how each
//! member is written. XML is read and written with `quick-xml` (its reader and writer:
//! well-formedness, escaping and entity decoding are not ours to get wrong).
//!
//! One concern per module: `ser` writes serde values as XML ([`Writer`], [`to_vec`]),
//! `dom` reads a document into an [`Element`] tree, `de` reads an element into serde
//! values ([`from_element`]), `form` writes serde values as query pairs ([`to_form`]);
//! `text` is a scalar's text and `members` the structure handling `ser` and `form` share.

mod de;
mod dom;
mod form;
mod members;
mod schema;
mod ser;
mod text;

pub use dom::{Element, MAX_DEPTH};
pub use schema::{List, Map, Member, Namespace, Shape, Structure, Value};

use serde::de::DeserializeOwned;
use serde::Serialize;

/// What went wrong reading XML: where (the path of element names as written from the
/// root, items and entries numbered from 1, attributes with `@`: `/Root/list/member[2]`,
/// `/Root/@id`; `/` when no element was open) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Where.
    pub path: String,
    /// What.
    pub message: String,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "at `{}`: {}", self.path, self.message)
    }
}

impl std::error::Error for Error {}

/// An XML document under construction (no XML declaration, no indentation).
pub struct Writer {
    out: ser::Out,
}

impl Default for Writer {
    fn default() -> Self {
        Writer {
            out: ser::Out::new(Vec::new()),
        }
    }
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer")
            .field("written", &self.out.get_ref().len())
            .finish()
    }
}

impl Writer {
    /// An empty document.
    pub fn new() -> Self {
        Self::default()
    }

    /// Opens element `name` (with `xmlns`, or `xmlns:prefix`, when `namespace` is given).
    pub fn open(&mut self, name: &str, namespace: Option<Namespace>) {
        ser::open(&mut self.out, name, namespace, &[]);
    }

    /// Closes element `name`.
    pub fn close(&mut self, name: &str) {
        ser::close(&mut self.out, name);
    }

    /// Writes `<name>text</name>`, escaped.
    pub fn text(&mut self, name: &str, text: &str) {
        ser::text_element(&mut self.out, name, None, text);
    }

    /// Writes `value`, a structure or union described by `shape`, as element `name`
    /// (`namespace`, else the shape's own, as its `xmlns`): its attribute members on the
    /// element, then the `leading` text elements (an error's `Type` and `Code`), then
    /// its other members as children, in the serde form's order. `None` members are
    /// not written; big numbers are written as their decimal text.
    ///
    /// # Errors
    /// serde's message (a timestamp out of range), or a value the descriptor does not
    /// fit (a key it does not list, a list where it says structure). The document is
    /// then incomplete.
    pub fn structure<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        namespace: Option<Namespace>,
        shape: &'static Structure,
        value: &T,
        leading: &[(&str, &str)],
    ) -> Result<(), String> {
        let root = ser::ValueSer {
            out: &mut self.out,
            name,
            namespace: namespace.or(shape.namespace),
            value: Value::Structure(shape),
            flattened: false,
            leading,
        };
        super::big_numbers_as_text(|| value.serialize(root)).map_err(|e| e.0)
    }

    /// The document's bytes.
    pub fn finish(self) -> Vec<u8> {
        self.out.into_inner()
    }
}

/// A document of one element `name` holding `value` (see [`Writer::structure`]).
///
/// # Errors
/// As [`Writer::structure`].
pub fn to_vec<T: Serialize + ?Sized>(
    value: &T,
    shape: &'static Structure,
    name: &str,
    namespace: Option<Namespace>,
) -> Result<Vec<u8>, String> {
    let mut writer = Writer::new();
    writer.structure(name, namespace, shape, value, &[])?;
    Ok(writer.finish())
}

/// `T` from `element`, a structure or union described by `shape` (the element's own
/// name is not checked; elements and attributes the descriptor does not name are
/// skipped). Members are matched to child elements by local name (namespaces are not
/// checked), attribute members by name as written; a flattened list or map gathers
/// every child element named after the member. A present element is a set member (an
/// empty element of a text member is `""`).
///
/// # Errors
/// [`Error`] with the path of the element that does not hold its member's form
/// (`/Root/list/member[2]`): text that is not a number or boolean where one is read, a
/// required member missing (serde's `missing field`), a union with no known member.
pub fn from_element<T: DeserializeOwned>(
    element: &Element,
    shape: &'static Structure,
) -> Result<T, Error> {
    let value = de::ValueDe::root(element, shape);
    T::deserialize(value).map_err(|e| de::prepend(e, de::Step::Element(element.name())))
}

/// The query dialect of a request form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// awsQuery: lists `Name.member.N` (`Name.N` flattened), maps `Name.entry.N.key`,
    /// an empty list sent as `Name=`.
    Aws,
    /// ec2Query: every list `Name.N`, empty lists not sent; keys from [`Member::query`].
    Ec2,
}

/// The form pairs of `value`, a structure described by `shape`, in query `dialect`
/// (without `Action` and `Version`, not percent-encoded), in the serde form's member
/// order: keys joined with `.` from [`Member::query`], lists and maps numbered from 1
/// (spec aws-query-protocol.rst and aws-ec2-query-protocol.rst "Query key
/// resolution"). `None` members are not sent; big numbers are their decimal text.
///
/// # Errors
/// serde's message (a timestamp out of range), or a value the descriptor does not fit
/// (a key it does not list).
pub fn to_form<T: Serialize + ?Sized>(
    value: &T,
    shape: &'static Structure,
    dialect: Dialect,
) -> Result<Vec<(String, String)>, String> {
    let mut pairs = Vec::new();
    let root = form::FormSer {
        out: &mut pairs,
        key: String::new(),
        value: Value::Structure(shape),
        flattened: false,
        dialect,
    };
    super::big_numbers_as_text(|| value.serialize(root)).map_err(|e| e.0)?;
    Ok(pairs)
}

//! What the generator knows of a shape's XML and query form: static descriptors, one per
//! structure or union of a service that speaks an XML protocol, read by the serializers
//! and the deserializer beside this module. The types' serde form gives the values and
//! the descriptors say how each member is written: its element or attribute name
//! (`@xmlName`), `@xmlAttribute`, `@xmlFlattened`, `@xmlNamespace`, list member and map
//! key/value names, and the query key (spec protocol-traits.rst "XML bindings",
//! aws/protocols/aws-query-protocol.rst, aws-ec2-query-protocol.rst).
//!
//! Descriptors are `static`s that refer to each other, so recursive shapes need no
//! indirection.

pub use super::super::operation::Namespace;

/// A structure or union: its members, keyed by the serde form's key.
#[derive(Debug)]
pub struct Structure {
    /// Its element name when it is a document's root: `@xmlName` of the shape, or the
    /// shape's name.
    pub name: &'static str,
    /// Its own `@xmlNamespace`, written on its element.
    pub namespace: Option<Namespace>,
    /// Its members in model order (bound to HTTP elsewhere or not, every member the
    /// serde form writes).
    pub members: &'static [Member],
}

impl Structure {
    /// The member whose serde key is `key`.
    pub fn member(&self, key: &str) -> Option<&'static Member> {
        self.members.iter().find(|m| m.key == key)
    }
}

/// One member of a structure or union.
#[derive(Debug)]
pub struct Member {
    /// The key of the member in the type's serde form.
    pub key: &'static str,
    /// The element or attribute name: `@xmlName`, or the member name. May carry a prefix
    /// (`xsi:someName`).
    pub name: &'static str,
    /// The key in an awsQuery or ec2Query request: for awsQuery `@xmlName` or the member
    /// name; for ec2Query `@ec2QueryName`, else `@xmlName` or the member name with its
    /// first letter upper-cased.
    pub query: &'static str,
    /// `@xmlAttribute`: an attribute of the enclosing element, not a child element.
    pub attribute: bool,
    /// `@xmlFlattened`: a list's items (or a map's entries) are repeated elements named
    /// after the member, with no wrapping element.
    pub flattened: bool,
    /// The member's `@xmlNamespace`.
    pub namespace: Option<Namespace>,
    /// What the member holds.
    pub value: Value,
}

/// The form of a value.
#[derive(Debug, Clone, Copy)]
pub enum Value {
    /// Text read as a string: string, enum, blob (base64), timestamp in `date-time` or
    /// `http-date` form, big integer or decimal.
    Text,
    /// `true` or `false`.
    Boolean,
    /// A number: the integer shapes, `intEnum`, float and double (`NaN`, `Infinity`,
    /// `-Infinity` read as the serde form's strings), a timestamp in `epoch-seconds`.
    Number,
    /// A structure or union.
    Structure(&'static Structure),
    /// A list.
    List(&'static List),
    /// A map.
    Map(&'static Map),
}

/// A list shape.
#[derive(Debug)]
pub struct List {
    /// The element name of each item when the list is wrapped: the list member's
    /// `@xmlName`, or `member`. The awsQuery key segment too (`Name.member.1`).
    pub member: &'static str,
    /// The list member's `@xmlNamespace`.
    pub namespace: Option<Namespace>,
    /// The items' form.
    pub item: Value,
}

/// A map shape.
#[derive(Debug)]
pub struct Map {
    /// The key's element name: the map key member's `@xmlName`, or `key`.
    pub key: &'static str,
    /// The value's element name: the map value member's `@xmlName`, or `value`.
    pub value: &'static str,
    /// The key member's `@xmlNamespace`.
    pub key_namespace: Option<Namespace>,
    /// The value member's `@xmlNamespace`.
    pub value_namespace: Option<Namespace>,
    /// The values' form (keys are text).
    pub item: Value,
}

/// Implemented by generated code for every structure and union of a service that speaks
/// an XML protocol: the way from a type to its descriptor.
pub trait Shape {
    /// The descriptor.
    const XML: &'static Structure;
}

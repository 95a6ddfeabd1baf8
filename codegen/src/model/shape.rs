//! The semantic model's shapes (Smithy 2.0 spec, model.rst "Shapes").

use std::collections::BTreeMap;

use super::{Location, ShapeId};

/// A trait or metadata value: a JSON-like node (spec model.rst "Node values").
///
/// Object key order is the source order (`serde_json` with `preserve_order`); equality
/// ignores key order.
pub type Node = serde_json::Value;

/// A shape's or member's traits, keyed by absolute trait shape ID.
pub type Traits = BTreeMap<ShapeId, Node>;

/// The type of a shape, as spelled in the JSON AST `type` property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ShapeType {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
    Enum,
    IntEnum,
    List,
    /// IDL 1.0 / JSON AST `set`; kept so that it can be written back as it was read.
    Set,
    Map,
    Structure,
    Union,
    Service,
    Operation,
    Resource,
}

impl ShapeType {
    const NAMES: [(ShapeType, &'static str); 23] = [
        (ShapeType::Blob, "blob"),
        (ShapeType::Boolean, "boolean"),
        (ShapeType::String, "string"),
        (ShapeType::Byte, "byte"),
        (ShapeType::Short, "short"),
        (ShapeType::Integer, "integer"),
        (ShapeType::Long, "long"),
        (ShapeType::Float, "float"),
        (ShapeType::Double, "double"),
        (ShapeType::BigInteger, "bigInteger"),
        (ShapeType::BigDecimal, "bigDecimal"),
        (ShapeType::Timestamp, "timestamp"),
        (ShapeType::Document, "document"),
        (ShapeType::Enum, "enum"),
        (ShapeType::IntEnum, "intEnum"),
        (ShapeType::List, "list"),
        (ShapeType::Set, "set"),
        (ShapeType::Map, "map"),
        (ShapeType::Structure, "structure"),
        (ShapeType::Union, "union"),
        (ShapeType::Service, "service"),
        (ShapeType::Operation, "operation"),
        (ShapeType::Resource, "resource"),
    ];

    /// The JSON AST / IDL keyword, e.g. `intEnum`.
    pub fn as_str(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(t, _)| *t == self)
            .map_or("", |(_, s)| s)
    }

    /// Parses a JSON AST / IDL keyword.
    pub fn from_keyword(keyword: &str) -> Option<Self> {
        Self::NAMES
            .iter()
            .find(|(_, s)| *s == keyword)
            .map(|(t, _)| *t)
    }

    /// Whether shapes of this type have members (aggregates, enums, lists, maps).
    pub fn has_members(self) -> bool {
        matches!(
            self,
            ShapeType::Enum
                | ShapeType::IntEnum
                | ShapeType::List
                | ShapeType::Set
                | ShapeType::Map
                | ShapeType::Structure
                | ShapeType::Union
        )
    }
}

/// A member of an aggregate, enum, list or map shape.
#[derive(Debug, Clone)]
pub struct Member {
    /// The member name (`member` for lists, `key`/`value` for maps).
    pub name: String,
    /// The shape this member targets (`smithy.api#Unit` for enum members).
    pub target: ShapeId,
    /// Traits applied to the member.
    pub traits: Traits,
    /// Where the member is defined.
    pub location: Location,
}

/// A service shape's properties (spec service-types.rst "Service").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Service {
    pub version: Option<String>,
    pub operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
    pub errors: Vec<ShapeId>,
    /// Shape ID → the name the service uses for it (disambiguation).
    pub rename: BTreeMap<ShapeId, String>,
}

/// An operation shape's properties (spec service-types.rst "Operation").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Operation {
    /// `None` when the input is `smithy.api#Unit`.
    pub input: Option<ShapeId>,
    /// `None` when the output is `smithy.api#Unit`.
    pub output: Option<ShapeId>,
    pub errors: Vec<ShapeId>,
}

/// A resource shape's properties (spec service-types.rst "Resource").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resource {
    /// Identifier name → target, in source order.
    pub identifiers: Vec<(String, ShapeId)>,
    /// Property name → target, in source order.
    pub properties: Vec<(String, ShapeId)>,
    pub create: Option<ShapeId>,
    pub put: Option<ShapeId>,
    pub read: Option<ShapeId>,
    pub update: Option<ShapeId>,
    pub delete: Option<ShapeId>,
    pub list: Option<ShapeId>,
    pub operations: Vec<ShapeId>,
    pub collection_operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
}

/// Type-specific properties of a shape.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ShapeBody {
    /// Simple, aggregate, enum, list and map shapes: everything is in members and traits.
    #[default]
    Plain,
    Service(Service),
    Operation(Operation),
    /// Boxed: resources are rare and their properties large.
    Resource(Box<Resource>),
}

/// A shape: its ID, type, members, traits and mixins.
#[derive(Debug, Clone)]
pub struct Shape {
    pub id: ShapeId,
    pub shape_type: ShapeType,
    /// Members in source order (only those defined locally; see `mixins`).
    pub members: Vec<Member>,
    pub traits: Traits,
    /// Mixins applied with `with [...]`, in order. Members and traits inherited from
    /// them are not copied here; `transform::flatten_mixins` does that.
    pub mixins: Vec<ShapeId>,
    pub body: ShapeBody,
    pub location: Location,
}

impl Shape {
    /// A shape with no members, traits or mixins.
    pub fn new(id: ShapeId, shape_type: ShapeType, location: Location) -> Self {
        let body = match shape_type {
            ShapeType::Service => ShapeBody::Service(Service::default()),
            ShapeType::Operation => ShapeBody::Operation(Operation::default()),
            ShapeType::Resource => ShapeBody::Resource(Box::default()),
            _ => ShapeBody::Plain,
        };
        Shape {
            id,
            shape_type,
            members: Vec::new(),
            traits: Traits::new(),
            mixins: Vec::new(),
            body,
            location,
        }
    }

    /// The member called `name`, if defined locally.
    pub fn member(&self, name: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.name == name)
    }

    /// The member called `name`, mutably, if defined locally.
    pub fn member_mut(&mut self, name: &str) -> Option<&mut Member> {
        self.members.iter_mut().find(|m| m.name == name)
    }

    /// The trait `id` on this shape, if present.
    pub fn get_trait(&self, id: &str) -> Option<&Node> {
        get_trait(&self.traits, id)
    }

    /// Whether the trait `id` (e.g. `smithy.api#required`) is present.
    pub fn has_trait(&self, id: &str) -> bool {
        self.get_trait(id).is_some()
    }

    /// The operation properties, for operation shapes.
    pub fn as_operation(&self) -> Option<&Operation> {
        match &self.body {
            ShapeBody::Operation(op) => Some(op),
            _ => None,
        }
    }

    /// The service properties, for service shapes.
    pub fn as_service(&self) -> Option<&Service> {
        match &self.body {
            ShapeBody::Service(s) => Some(s),
            _ => None,
        }
    }

    /// The resource properties, for resource shapes.
    pub fn as_resource(&self) -> Option<&Resource> {
        match &self.body {
            ShapeBody::Resource(r) => Some(r),
            _ => None,
        }
    }

    /// Every shape ID this shape refers to (member targets, mixins, service, operation
    /// and resource properties), mutably: used by resolution and rename passes.
    pub fn references_mut(&mut self) -> Vec<&mut ShapeId> {
        let mut refs: Vec<&mut ShapeId> = self.mixins.iter_mut().collect();
        refs.extend(self.members.iter_mut().map(|m| &mut m.target));
        match &mut self.body {
            ShapeBody::Plain => {}
            ShapeBody::Service(s) => {
                refs.extend(
                    s.operations
                        .iter_mut()
                        .chain(&mut s.resources)
                        .chain(&mut s.errors),
                );
            }
            ShapeBody::Operation(op) => {
                refs.extend(
                    op.input
                        .iter_mut()
                        .chain(op.output.iter_mut())
                        .chain(&mut op.errors),
                );
            }
            ShapeBody::Resource(r) => {
                refs.extend(r.identifiers.iter_mut().map(|(_, t)| t));
                refs.extend(r.properties.iter_mut().map(|(_, t)| t));
                for op in [
                    &mut r.create,
                    &mut r.put,
                    &mut r.read,
                    &mut r.update,
                    &mut r.delete,
                    &mut r.list,
                ] {
                    refs.extend(op.iter_mut());
                }
                refs.extend(
                    r.operations
                        .iter_mut()
                        .chain(&mut r.collection_operations)
                        .chain(&mut r.resources),
                );
            }
        }
        refs
    }

    /// Every shape ID this shape refers to.
    pub fn references(&self) -> Vec<ShapeId> {
        self.clone()
            .references_mut()
            .into_iter()
            .map(|id| id.clone())
            .collect()
    }

    /// Whether two definitions of the same shape are the same, ignoring where they are.
    pub fn same_definition(&self, other: &Shape) -> bool {
        self.id == other.id
            && self.shape_type == other.shape_type
            && self.traits == other.traits
            && self.mixins == other.mixins
            && self.body == other.body
            && self.members.len() == other.members.len()
            && self
                .members
                .iter()
                .zip(&other.members)
                .all(|(a, b)| a.name == b.name && a.target == b.target && a.traits == b.traits)
    }
}

impl Member {
    /// The trait `id` on this member, if present.
    pub fn get_trait(&self, id: &str) -> Option<&Node> {
        get_trait(&self.traits, id)
    }

    /// Whether the trait `id` (e.g. `smithy.api#required`) is present.
    pub fn has_trait(&self, id: &str) -> bool {
        self.get_trait(id).is_some()
    }
}

fn get_trait<'a>(traits: &'a Traits, id: &str) -> Option<&'a Node> {
    ShapeId::parse(id).ok().and_then(|id| traits.get(&id))
}

//! The Rust-oriented intermediate representation.
//!
//! Built in one pass from a [`Model`](crate::model::Model) by [`lower`], read-only
//! afterwards, and printable with `{:#?}` for snapshots. Every named item carries both its
//! Rust identifier ([`Ident`]) and its wire name; every type reference is already resolved
//! to an absolute path (`crate::chime::types::Room`), so emitters never look at the model.

mod lower;
mod surface;
mod types;

use std::collections::BTreeMap;

pub use lower::lower;
pub(crate) use lower::{decode_blob, parse_timestamp};
pub use surface::surface;
pub use types::{Constraints, NamedKind, TimestampFormat, Ty, TyKind};

use crate::model::ShapeId;
use crate::naming::Ident;

/// The generated crate.
#[derive(Debug, Clone)]
pub struct Crate {
    /// Services, by module name.
    pub services: Vec<Service>,
}

/// One service: a module behind a cargo feature.
#[derive(Debug, Clone)]
pub struct Service {
    pub id: ShapeId,
    /// Module and feature name: snake_case of `aws.api#service` `sdkId`, else the shape name.
    pub module: Ident,
    /// The `sdkId` (or shape name) the names derive from.
    pub sdk_id: String,
    /// The service trait: UpperCamel of the sdk id.
    pub trait_name: Ident,
    /// The service-wide error enum: `<Trait>Error`.
    pub error_name: Ident,
    /// `@title`, if any.
    pub title: Option<String>,
    /// The service `version`.
    pub version: Option<String>,
    /// Rustdoc Markdown (never empty).
    pub docs: String,
    /// `@deprecated` on the service (documented only: a deprecated trait would warn in
    /// every implementation).
    pub deprecated: Option<String>,
    /// Structures, unions and enums of `types.rs`, by Rust name.
    pub types: BTreeMap<Ident, TypeDef>,
    /// Error structures of `errors.rs`, by Rust name.
    pub errors: BTreeMap<Ident, ErrorDef>,
    /// Operations, by Rust name.
    pub operations: BTreeMap<Ident, OperationDef>,
}

/// A structure, union or enum in `types.rs`.
#[derive(Debug, Clone)]
pub struct TypeDef {
    pub id: ShapeId,
    pub name: Ident,
    /// Rustdoc Markdown (never empty).
    pub docs: String,
    /// `@deprecated` message.
    pub deprecated: Option<String>,
    /// `@sensitive` on the shape: `Debug` prints only the redaction marker.
    pub sensitive: bool,
    pub kind: TypeKind,
}

/// What a [`TypeDef`] is.
#[derive(Debug, Clone)]
pub enum TypeKind {
    Struct(StructDef),
    Enum(EnumDef),
    Union(UnionDef),
}

/// A structure's members.
#[derive(Debug, Clone)]
pub struct StructDef {
    pub fields: Vec<Field>,
    /// Reachable from operation outputs or errors and never from inputs: missing required
    /// members of simple, list, map and enum type read as zero values.
    pub error_correction: bool,
}

impl StructDef {
    /// The members `new` takes (required, without default, not idempotency tokens).
    pub fn required(&self) -> impl Iterator<Item = &Field> {
        self.fields
            .iter()
            .filter(|f| matches!(f.presence, Presence::Required))
    }
}

/// A structure member.
#[derive(Debug, Clone)]
pub struct Field {
    /// The member ID.
    pub id: ShapeId,
    pub name: Ident,
    /// The JSON key: `@jsonName`, else the member name.
    pub json_name: String,
    /// Rustdoc Markdown (never empty).
    pub docs: String,
    pub deprecated: Option<String>,
    pub ty: Ty,
    pub presence: Presence,
    /// `Debug` prints the redaction marker instead of the value.
    pub sensitive: bool,
    /// Where restJson1 puts the member in an HTTP message, when not in the body.
    pub http: Option<HttpBinding>,
}

/// How a member is present in the Rust type.
#[derive(Debug, Clone, PartialEq)]
pub enum Presence {
    /// `@required` without `@default`: a plain field and a `new` argument.
    Required,
    /// A plain field holding the model's `@default` value.
    Default(DefaultValue),
    /// `Option<T>`.
    Optional,
    /// `@idempotencyToken`: `Option<String>`, a fresh UUID v4 is written when `None`.
    IdempotencyToken,
}

/// A member's `@default`.
#[derive(Debug, Clone, PartialEq)]
pub struct DefaultValue {
    /// The trait value.
    pub value: serde_json::Value,
    /// Whether it equals the Rust type's `Default::default()`.
    pub is_zero: bool,
}

/// An HTTP binding trait of a member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpBinding {
    Label,
    Query(String),
    QueryParams,
    Header(String),
    PrefixHeaders(String),
    Payload,
    ResponseCode,
}

/// An enum or intEnum (or a string with the legacy `@enum` trait).
#[derive(Debug, Clone)]
pub struct EnumDef {
    /// `intEnum`: values are `i32`.
    pub int: bool,
    pub variants: Vec<EnumVariant>,
}

/// One enum value.
#[derive(Debug, Clone)]
pub struct EnumVariant {
    pub name: Ident,
    pub value: EnumValue,
    pub docs: String,
    pub deprecated: Option<String>,
}

/// An enum value on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnumValue {
    Str(String),
    Int(i32),
}

/// A union's members.
#[derive(Debug, Clone)]
pub struct UnionDef {
    pub variants: Vec<UnionVariant>,
}

/// One union member.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub id: ShapeId,
    pub name: Ident,
    /// The JSON key: `@jsonName`, else the member name.
    pub json_name: String,
    pub docs: String,
    pub deprecated: Option<String>,
    /// `None` for members targeting `smithy.api#Unit`.
    pub ty: Option<Ty>,
    pub sensitive: bool,
}

/// Whose fault an error is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Client,
    Server,
}

/// An error structure of `errors.rs`.
#[derive(Debug, Clone)]
pub struct ErrorDef {
    pub id: ShapeId,
    pub name: Ident,
    /// `CODE`: the shape name.
    pub code: String,
    pub docs: String,
    pub deprecated: Option<String>,
    pub sensitive: bool,
    pub fault: Fault,
    /// `@httpError`, else 400 (client) / 500 (server).
    pub status: u16,
    /// `@retryable`.
    pub retryable: bool,
    pub fields: StructDef,
    /// The member `message`/`Message`, if any.
    pub message_field: Option<Ident>,
}

/// An operation.
#[derive(Debug, Clone)]
pub struct OperationDef {
    pub id: ShapeId,
    /// The unit struct implementing `runtime::Operation`.
    pub name: Ident,
    /// The service trait method.
    pub method: Ident,
    /// The `<Operation>Error` enum.
    pub error_name: Ident,
    pub docs: String,
    pub deprecated: Option<String>,
    pub http: Option<Http>,
    /// Absolute path of the input type; `None` for `smithy.api#Unit` (Rust `()`).
    pub input: Option<String>,
    /// Absolute path of the output type; `None` for `smithy.api#Unit` (Rust `()`).
    pub output: Option<String>,
    /// Operation errors then service errors, without repeats.
    pub errors: Vec<ErrorRef>,
    pub pagination: Option<Pagination>,
}

/// The `@http` trait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Http {
    pub method: String,
    pub uri: String,
    pub code: u16,
}

/// An error an operation can return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorRef {
    pub id: ShapeId,
    /// Variant name in the operation and service error enums (the error struct's name).
    pub variant: Ident,
    /// Absolute path of the error struct.
    pub path: String,
}

/// `@paginated`, merged with the service's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    pub input_token: String,
    pub output_token: String,
    pub items: Option<String>,
    pub page_size: Option<String>,
}

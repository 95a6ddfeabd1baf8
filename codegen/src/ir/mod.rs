//! The Rust-oriented intermediate representation.
//!
//! Built in one pass from a [`Model`](crate::model::Model) by [`lower`], read-only
//! afterwards, and printable with `{:#?}` for snapshots. Every named item carries both its
//! Rust identifier ([`Ident`]) and its wire name; every type reference is already resolved
//! to a [`Symbol`] (name and file, see [`layout`]), so emitters never look at the model.

pub mod layout;
mod lower;
mod surface;
mod types;

use std::collections::BTreeMap;

pub use layout::Home;
pub use lower::lower;
pub use surface::surface;
pub use types::{Codec, Constraints, NamedKind, Symbol, TimestampFormat, Ty, TyKind};

pub use crate::model::traits::{
    ErrorFault as Fault, Http, HttpBinding, Segment, UriPattern, XmlNamespace,
};
use crate::model::ShapeId;
use crate::naming::Ident;

/// The generated crate.
#[derive(Debug, Clone)]
pub struct Crate {
    /// Services, by module name.
    pub services: Vec<Service>,
    /// What generates but is not done as modeled, located and sorted: each `@pattern`
    /// no policy step reads ([`crate::pattern`]), documented on its member as not
    /// enforced.
    pub warnings: Vec<String>,
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
    /// The client (feature `client-core`): `Client`, suffixed if the model has a `Client`.
    pub client_name: Ident,
    /// The wire protocol the generated bindings speak (see [`Protocol::choose`]).
    pub protocol: Protocol,
    /// `@awsQueryCompatible`: RPC requests say so, errors carry their awsQuery code.
    pub query_compatible: bool,
    /// What the XML protocols need; `Some` exactly when [`Protocol::is_xml`].
    pub xml: Option<XmlService>,
    /// The `aws.auth#sigv4` signing name, e.g. `ivschat`; `None`: requests are unsigned.
    pub signing_name: Option<String>,
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
    /// `smithy.rules#endpointRuleSet`, as compact JSON (model data the runtime's rules
    /// engine parses), if the service has one.
    pub endpoint_rule_set: Option<String>,
    /// `smithy.rules#clientContextParams`: typed client settings, if the service has the
    /// trait and a rule set.
    pub client_params: Option<ClientParams>,
}

/// A service's `@clientContextParams` (spec rules-engine/parameters.rst): rule set
/// parameters a user sets on the client configuration, through a generated extension
/// trait of `rt::client::Config`.
#[derive(Debug, Clone)]
pub struct ClientParams {
    /// The extension trait: `ClientContextParams`, suffixed if the model has one.
    pub trait_name: Ident,
    /// By parameter name.
    pub params: Vec<ClientParam>,
}

/// One client context parameter.
#[derive(Debug, Clone)]
pub struct ClientParam {
    /// The rule set parameter name, e.g. `linkId`.
    pub name: String,
    /// The setter: `with_` and the snake_case name, e.g. `with_link_id`.
    pub method: Ident,
    pub kind: ParamKind,
    /// Rustdoc Markdown (never empty).
    pub docs: String,
}

/// The type of a value bound to an endpoint parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    String,
    Bool,
    StringArray,
}

impl ParamKind {
    /// The rule set's name of the type: `string`, `boolean`, `stringArray`.
    pub fn spec_name(self) -> &'static str {
        match self {
            ParamKind::String => "string",
            ParamKind::Bool => "boolean",
            ParamKind::StringArray => "stringArray",
        }
    }
}

/// An endpoint parameter an operation binds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointBinding {
    /// The rule set parameter name.
    pub param: String,
    pub source: ParamSource,
}

/// Where an operation takes an endpoint parameter's value from (spec
/// rules-engine/parameters.rst "Binding parameter values").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamSource {
    /// `@staticContextParams`: a fixed value.
    Static(StaticValue),
    /// `@contextParam` on the input member of this name.
    Member(String),
    /// `@operationContextParams`: a path over the input, as written and parsed.
    Path {
        text: String,
        path: crate::jmespath::Path,
    },
}

/// A `@staticContextParams` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaticValue {
    String(String),
    Bool(bool),
    Strings(Vec<String>),
}

/// The protocol a service's bindings speak, chosen from its protocol traits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#restJson1`; also what a service with no protocol this generator
    /// speaks gets (its HTTP bindings, as the model states them).
    RestJson1,
    /// `aws.protocols#awsJson1_0`.
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`.
    AwsJson1_1,
    /// `smithy.protocols#rpcv2Json`.
    RpcV2Json,
    /// `smithy.protocols#rpcv2Cbor`.
    RpcV2Cbor,
    /// `aws.protocols#restXml`: restJson1's HTTP bindings, XML bodies.
    RestXml,
    /// `aws.protocols#awsQuery`: form-encoded requests, XML responses.
    AwsQuery,
    /// `aws.protocols#ec2Query`: awsQuery with EC2's names and list forms.
    Ec2Query,
}

impl Protocol {
    /// The protocol for a service with protocol traits `traits` (shape IDs): the first of
    /// `preference` that it has and this generator speaks, else the first of the default
    /// order ([`Protocol::ALL`]) that it has, else restJson1.
    pub fn choose(traits: &[&str], preference: &[String]) -> Protocol {
        preference
            .iter()
            .map(String::as_str)
            .chain(Protocol::ALL.iter().map(|p| p.trait_id()))
            .filter(|id| traits.contains(id))
            .find_map(Protocol::from_trait)
            .unwrap_or(Protocol::RestJson1)
    }

    /// Every protocol this generator speaks, in the default order of preference: the
    /// JSON and CBOR ones first (restJson1 leading), then the XML ones.
    pub const ALL: [Protocol; 8] = [
        Protocol::RestJson1,
        Protocol::RpcV2Cbor,
        Protocol::AwsJson1_0,
        Protocol::AwsJson1_1,
        Protocol::RpcV2Json,
        Protocol::RestXml,
        Protocol::AwsQuery,
        Protocol::Ec2Query,
    ];

    /// The protocol a trait shape ID names, if this generator speaks it.
    pub fn from_trait(id: &str) -> Option<Protocol> {
        Protocol::ALL.into_iter().find(|p| p.trait_id() == id)
    }

    /// Its protocol trait's shape ID.
    pub fn trait_id(self) -> &'static str {
        use crate::model::traits::ids;
        match self {
            Protocol::RestJson1 => ids::REST_JSON1,
            Protocol::AwsJson1_0 => ids::AWS_JSON1_0,
            Protocol::AwsJson1_1 => ids::AWS_JSON1_1,
            Protocol::RpcV2Json => ids::RPC_V2_JSON,
            Protocol::RpcV2Cbor => ids::RPC_V2_CBOR,
            Protocol::RestXml => ids::REST_XML,
            Protocol::AwsQuery => ids::AWS_QUERY,
            Protocol::Ec2Query => ids::EC2_QUERY,
        }
    }

    /// Whether HTTP binding traits (`@http`, `@httpLabel`, `@httpHeader`, ...) are
    /// ignored: every member travels in the body (awsJson1_0/1_1, rpcv2Json, rpcv2Cbor)
    /// or the request form (awsQuery, ec2Query). Only restJson1 and restXml honor them.
    pub fn ignores_http_bindings(self) -> bool {
        !matches!(self, Protocol::RestJson1 | Protocol::RestXml)
    }

    /// Whether requests are awsQuery or ec2Query forms (no HTTP bindings, XML responses).
    pub fn is_query(self) -> bool {
        matches!(self, Protocol::AwsQuery | Protocol::Ec2Query)
    }

    /// Whether bodies are XML (restXml, awsQuery, ec2Query): types get XML descriptors.
    pub fn is_xml(self) -> bool {
        self == Protocol::RestXml || self.is_query()
    }

    /// Whether a server is generated: not for awsQuery and ec2Query, whose request forms
    /// no server reads (issue 21 asks for their clients only).
    pub fn has_server(self) -> bool {
        !self.is_query()
    }

    /// Whether `@jsonName` renames members (restJson1 only).
    pub fn honors_json_name(self) -> bool {
        self == Protocol::RestJson1
    }

    /// Whether `@timestampFormat` applies (Smithy RPC v2 always uses epoch seconds).
    pub fn honors_timestamp_format(self) -> bool {
        !matches!(self, Protocol::RpcV2Json | Protocol::RpcV2Cbor)
    }

    /// The format of a body timestamp without `@timestampFormat`: `epoch-seconds` in the
    /// JSON and CBOR bodies, `date-time` in XML bodies and query forms (specs
    /// aws-restxml-protocol.rst, aws-query-protocol.rst, aws-ec2-query-protocol.rst).
    pub fn body_timestamp_format(self) -> TimestampFormat {
        if self.is_xml() {
            TimestampFormat::DateTime
        } else {
            TimestampFormat::EpochSeconds
        }
    }

    /// The runtime feature its codec needs beyond `http`, if any (the JSON protocols
    /// share serde_json, which every crate has).
    pub fn runtime_feature(self) -> Option<&'static str> {
        match self {
            Protocol::RpcV2Cbor => Some("cbor"),
            Protocol::RestXml | Protocol::AwsQuery | Protocol::Ec2Query => Some("xml"),
            _ => None,
        }
    }

    /// Its name in prose, e.g. `awsJson1_0`.
    pub fn name(self) -> &'static str {
        match self {
            Protocol::RestJson1 => "restJson1",
            Protocol::AwsJson1_0 => "awsJson1_0",
            Protocol::AwsJson1_1 => "awsJson1_1",
            Protocol::RpcV2Json => "rpcv2Json",
            Protocol::RpcV2Cbor => "rpcv2Cbor",
            Protocol::RestXml => "restXml",
            Protocol::AwsQuery => "awsQuery",
            Protocol::Ec2Query => "ec2Query",
        }
    }
}

/// What the XML protocols (restXml, awsQuery, ec2Query) need of a service beyond its
/// types: its namespace, its error envelope, and the XML binding traits of its shapes
/// (spec protocol-traits.rst "XML bindings", aws-core.rst `ec2QueryName`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct XmlService {
    /// The service's `@xmlNamespace`: the namespace of every root element without one.
    pub namespace: Option<XmlNamespace>,
    /// `@restXml(noErrorWrapping: true)`.
    pub no_error_wrapping: bool,
    /// The XML traits of each shape and member of the service closure that has any
    /// (structures, their members, list members, map keys and values), by shape or
    /// member ID.
    pub traits: BTreeMap<ShapeId, XmlTraits>,
}

impl XmlService {
    /// The XML traits of shape or member `id` (all absent when it has none).
    pub fn get(&self, id: &ShapeId) -> &XmlTraits {
        static NONE: XmlTraits = XmlTraits {
            name: None,
            attribute: false,
            flattened: false,
            namespace: None,
            ec2_query_name: None,
        };
        self.traits.get(id).unwrap_or(&NONE)
    }
}

/// The XML binding traits of one shape or member.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct XmlTraits {
    /// `@xmlName`.
    pub name: Option<String>,
    /// `@xmlAttribute`.
    pub attribute: bool,
    /// `@xmlFlattened`.
    pub flattened: bool,
    /// `@xmlNamespace`.
    pub namespace: Option<XmlNamespace>,
    /// `@ec2QueryName`.
    pub ec2_query_name: Option<String>,
}

impl XmlTraits {
    /// Whether none is present.
    pub fn is_empty(&self) -> bool {
        *self == XmlTraits::default()
    }
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
    /// An operation's input: label and query bindings apply, and members equal to their
    /// `@default` are not sent (the service applies the same default).
    pub operation_input: bool,
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
    /// `@hostLabel`: the member fills a label of the operation's `@endpoint` host prefix.
    pub host_label: bool,
    /// `@mediaType` of the member or its target (payload content types, base64 headers).
    pub media_type: Option<String>,
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
    /// A top-level operation input member with `@default` (not a URI label):
    /// `Option<T>`, so a value the caller sets is sent even when it equals the default,
    /// and `None` is not sent (the service applies the default). A server reads an
    /// absent one as `Some(default)` (spec type-refinement-traits.rst, default trait;
    /// the restJson1 suite's top-level default cases).
    InputDefault(DefaultValue),
}

impl Presence {
    /// Whether the field is an `Option`.
    pub fn is_option(&self) -> bool {
        matches!(
            self,
            Presence::Optional | Presence::IdempotencyToken | Presence::InputDefault(_)
        )
    }
}

/// A member's `@default`, checked against the member's type.
#[derive(Debug, Clone, PartialEq)]
pub struct DefaultValue {
    pub value: Literal,
    /// Whether it equals the Rust type's `Default::default()`.
    pub is_zero: bool,
}

/// A `@default` value as the Rust value it becomes.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Bool(bool),
    /// Any integer type; range-checked against it.
    Int(i64),
    /// `float` or `double`.
    Float(f64),
    /// `bigInteger` / `bigDecimal` decimal text.
    BigNumber(String),
    String(String),
    Blob(Vec<u8>),
    Timestamp {
        seconds: i64,
        nanos: u32,
    },
    EmptyList,
    EmptyMap,
    Document(serde_json::Value),
    /// A value of an `enum` (one the enum lists).
    EnumString(String),
    /// A value of an `intEnum` (one the enum lists).
    EnumInt(i32),
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

/// An error structure of `errors.rs`.
#[derive(Debug, Clone)]
pub struct ErrorDef {
    pub id: ShapeId,
    pub name: Ident,
    /// `CODE`: the shape name, or its `@awsQueryError` code in an `@awsQueryCompatible`
    /// service or one speaking awsQuery or ec2Query.
    pub code: String,
    pub docs: String,
    pub deprecated: Option<String>,
    pub sensitive: bool,
    pub fault: Fault,
    /// `@httpError`, else (awsQuery, ec2Query) the `@awsQueryError` status, else 400
    /// (client) / 500 (server).
    pub status: u16,
    /// `@retryable`.
    pub retryable: bool,
    /// `@retryable(throttling: true)`.
    pub throttling: bool,
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
    /// `@http`; `None` when the operation has none (nothing is invented).
    pub http: Option<Http>,
    /// The input structure; `None` for `smithy.api#Unit` (Rust `()`).
    pub input: Option<Symbol>,
    /// The output structure; `None` for `smithy.api#Unit` (Rust `()`).
    pub output: Option<Symbol>,
    /// Operation errors then service errors, without repeats.
    pub errors: Vec<ErrorRef>,
    pub pagination: Option<Pagination>,
    /// `@endpoint` host prefix, e.g. `{foo}.data.`.
    pub host_prefix: Option<String>,
    /// `@httpChecksumRequired`: requests carry `Content-MD5`.
    pub checksum_required: bool,
    /// `@requestCompression` encodings, lower-cased, in the model's order of preference
    /// (empty without the trait).
    pub request_compression: Vec<String>,
    /// Endpoint parameters the operation binds (empty when the service has no rule set),
    /// least specific first: `@operationContextParams`, `@contextParam` members,
    /// `@staticContextParams`. A later binding of a parameter replaces an earlier one
    /// when it has a value (spec rules-engine/parameters.rst: the most specific value).
    pub endpoint_params: Vec<EndpointBinding>,
}

/// An error an operation can return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorRef {
    pub id: ShapeId,
    /// Variant name in the operation and service error enums (the error struct's name).
    pub variant: Ident,
    /// The error struct.
    pub symbol: Symbol,
}

/// `@paginated`, merged with the service's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    pub input_token: String,
    pub output_token: String,
    pub items: Option<String>,
    pub page_size: Option<String>,
}

impl std::fmt::Display for Literal {
    /// The value as the model writes it (strings quoted, blobs as byte counts).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Int(i) => write!(f, "{i}"),
            Literal::Float(x) => write!(f, "{x}"),
            Literal::BigNumber(text) => f.write_str(text),
            Literal::String(s) | Literal::EnumString(s) => write!(f, "{s:?}"),
            Literal::Blob(bytes) => write!(f, "<{} bytes>", bytes.len()),
            Literal::Timestamp { seconds, nanos: 0 } => write!(f, "{seconds}"),
            Literal::Timestamp { seconds, nanos } => write!(f, "{seconds}.{nanos:09}"),
            Literal::EmptyList => f.write_str("[]"),
            Literal::EmptyMap => f.write_str("{}"),
            Literal::Document(v) => write!(f, "{v}"),
            Literal::EnumInt(i) => write!(f, "{i}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::traits::ids;

    #[test]
    fn xml_protocols_come_after_the_json_ones_unless_preferred() {
        let both = [ids::REST_XML, ids::AWS_JSON1_0];
        assert_eq!(Protocol::choose(&both, &[]), Protocol::AwsJson1_0);
        let preferred = [ids::REST_XML.to_owned()];
        assert_eq!(Protocol::choose(&both, &preferred), Protocol::RestXml);
        assert_eq!(
            Protocol::choose(&[ids::EC2_QUERY, ids::AWS_QUERY], &[]),
            Protocol::AwsQuery
        );
        assert_eq!(Protocol::choose(&[ids::EC2_QUERY], &[]), Protocol::Ec2Query);
        // A preference the service does not have changes nothing.
        let absent = [ids::AWS_QUERY.to_owned()];
        assert_eq!(
            Protocol::choose(&[ids::REST_XML], &absent),
            Protocol::RestXml
        );
    }

    #[test]
    fn xml_protocols_keep_or_drop_http_bindings_and_date_their_bodies() {
        for p in Protocol::ALL {
            assert_eq!(Protocol::from_trait(p.trait_id()), Some(p));
        }
        assert!(!Protocol::RestXml.ignores_http_bindings() && Protocol::RestXml.has_server());
        for query in [Protocol::AwsQuery, Protocol::Ec2Query] {
            assert!(query.ignores_http_bindings() && query.is_query() && !query.has_server());
        }
        for xml in [Protocol::RestXml, Protocol::AwsQuery, Protocol::Ec2Query] {
            assert!(xml.is_xml() && !xml.honors_json_name() && xml.honors_timestamp_format());
            assert_eq!(xml.runtime_feature(), Some("xml"));
            assert_eq!(xml.body_timestamp_format(), TimestampFormat::DateTime);
        }
        assert_eq!(
            Protocol::RestJson1.body_timestamp_format(),
            TimestampFormat::EpochSeconds
        );
        assert!(!Protocol::RestJson1.is_xml() && !Protocol::AwsJson1_1.is_query());
    }
}

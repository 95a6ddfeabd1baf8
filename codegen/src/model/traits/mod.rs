//! Typed traits: every trait the generator reads, parsed once into Rust types.
//!
//! This module is the only place that reads trait values. [`TraitIndex::build`] parses
//! the traits of every shape and member of a model into a [`Known`], failing with a
//! [`TraitError`] that names the shape, its location, the trait and the path inside the
//! trait value. Traits the generator does not use are ignored. Trait shape IDs are
//! spelled only in [`ids`].

mod aws;
mod http;
pub mod ids;
mod protocol_tests;
mod read;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde_json::{Number, Value};

pub use aws::{
    AwsService, ClientContextParam, ClientParamType, EndpointExpectation, EndpointRuleSet,
    EndpointTestCase, EndpointTests, RestJson1, RestXml, SigV4, XmlNamespace,
};
pub use http::{Endpoint, Http, HttpBinding, Segment, UriPattern};
pub use protocol_tests::{
    AppliesTo, BodyAssertion, HttpMalformedRequestTestCase, HttpRequestTestCase,
    HttpResponseTestCase, MalformedBody, MalformedRequest, MalformedResponse,
};

use read::{At, Obj};

use super::{Location, Model, Node, ShapeId, Traits};

/// A trait value the generator cannot use: where, which trait, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: shape `{shape}`: trait `{trait_id}` at {path}: {message}")]
pub struct TraitError {
    /// The shape or member carrying the trait.
    pub shape: ShapeId,
    /// Where that shape or member is defined.
    pub location: Location,
    /// The trait's shape ID.
    pub trait_id: String,
    /// The JSON path inside the trait value (`$` for the whole value).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// `@deprecated`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deprecated {
    pub message: Option<String>,
    pub since: Option<String>,
}

impl Deprecated {
    /// One line for `#[deprecated(note)]` and docs, e.g. `use X (since 2020-01-01)`.
    pub fn note(&self) -> String {
        match (&self.message, &self.since) {
            (Some(m), Some(s)) => format!("{m} (since {s})"),
            (Some(m), None) => m.clone(),
            (None, Some(s)) => format!("deprecated since {s}"),
            (None, None) => "deprecated".to_owned(),
        }
    }
}

/// `@enumValue`: a string for `enum` members, an integer for `intEnum` members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnumValue {
    String(String),
    Int(i64),
}

/// One entry of the legacy `@enum` trait on a string shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumDefinition {
    pub value: String,
    pub name: Option<String>,
    pub documentation: Option<String>,
    pub deprecated: bool,
}

/// `@timestampFormat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// `date-time`: RFC 3339.
    DateTime,
    /// `http-date`: RFC 7231 IMF-fixdate.
    HttpDate,
    /// `epoch-seconds`.
    EpochSeconds,
}

/// `@length(min, max)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Length {
    pub min: Option<u64>,
    pub max: Option<u64>,
}

/// `@range(min, max)`: bounds as written in the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Range {
    pub min: Option<Number>,
    pub max: Option<Number>,
}

/// `@error`: whose fault the error is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorFault {
    Client,
    Server,
}

/// `@retryable`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Retryable {
    /// The error means the caller is being throttled.
    pub throttling: bool,
}

/// `@paginated` as written on one shape (operation values override the service's).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paginated {
    pub input_token: Option<String>,
    pub output_token: Option<String>,
    pub items: Option<String>,
    pub page_size: Option<String>,
}

impl Paginated {
    /// These values, with any missing one taken from `defaults` (the service's).
    pub fn or(&self, defaults: Option<&Paginated>) -> Paginated {
        let pick = |own: &Option<String>, f: fn(&Paginated) -> &Option<String>| {
            own.clone().or_else(|| defaults.and_then(|d| f(d).clone()))
        };
        Paginated {
            input_token: pick(&self.input_token, |p| &p.input_token),
            output_token: pick(&self.output_token, |p| &p.output_token),
            items: pick(&self.items, |p| &p.items),
            page_size: pick(&self.page_size, |p| &p.page_size),
        }
    }
}

/// The traits the generator reads, of one shape or member.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Known {
    // Documentation traits (spec documentation-traits.rst).
    pub documentation: Option<String>,
    pub title: Option<String>,
    pub deprecated: Option<Deprecated>,
    pub sensitive: bool,
    // Type refinement traits (spec type-refinement-traits.rst).
    pub required: bool,
    /// `@default`: the value as written; its type is checked against the target when
    /// lowered.
    pub default: Option<Node>,
    pub client_optional: bool,
    pub sparse: bool,
    pub enum_value: Option<EnumValue>,
    pub legacy_enum: Option<Vec<EnumDefinition>>,
    pub unit_type: bool,
    pub mixin: bool,
    pub input: bool,
    pub output: bool,
    // Serialization traits.
    pub json_name: Option<String>,
    pub timestamp_format: Option<TimestampFormat>,
    pub media_type: Option<String>,
    // XML binding traits (spec protocol-traits.rst "XML bindings").
    /// `@xmlName`: the element or attribute name (may carry a `prefix:`).
    pub xml_name: Option<String>,
    pub xml_attribute: bool,
    pub xml_flattened: bool,
    pub xml_namespace: Option<XmlNamespace>,
    /// `@ec2QueryName` (spec aws/aws-core.rst): the member's ec2Query key.
    pub ec2_query_name: Option<String>,
    // Constraint traits (spec constraint-traits.rst).
    pub length: Option<Length>,
    pub range: Option<Range>,
    pub pattern: Option<String>,
    pub unique_items: bool,
    // Behaviour and error traits.
    pub error: Option<ErrorFault>,
    pub http_error: Option<u16>,
    pub retryable: Option<Retryable>,
    pub idempotency_token: bool,
    pub idempotent: bool,
    pub readonly: bool,
    /// `@httpChecksumRequired` (spec http-bindings.rst): requests carry `Content-MD5`.
    pub http_checksum_required: bool,
    /// `@requestCompression` `encodings`, in the model's order of preference (spec
    /// behavior-traits.rst).
    pub request_compression: Option<Vec<String>>,
    pub paginated: Option<Paginated>,
    // HTTP binding and endpoint traits.
    pub http: Option<Http>,
    pub http_binding: Option<HttpBinding>,
    pub endpoint: Option<Endpoint>,
    pub host_label: bool,
    // Streaming traits.
    pub streaming: bool,
    pub requires_length: bool,
    // AWS traits.
    pub aws_service: Option<AwsService>,
    pub sigv4: Option<SigV4>,
    pub rest_json1: Option<RestJson1>,
    pub rest_xml: Option<RestXml>,
    /// The protocol traits of `ids::PROTOCOLS` the shape has (a service's protocols).
    pub protocols: Vec<&'static str>,
    /// `@awsQueryCompatible` on a service.
    pub aws_query_compatible: bool,
    /// `@awsQueryError` on an error: its awsQuery code and HTTP status.
    pub aws_query_error: Option<(String, u16)>,
    // Endpoint rules traits.
    pub endpoint_rule_set: Option<EndpointRuleSet>,
    pub endpoint_tests: Option<EndpointTests>,
    /// `@contextParam(name)`: the endpoint parameter this member binds.
    pub context_param: Option<String>,
    /// `@staticContextParams`: endpoint parameter values fixed by an operation.
    pub static_context_params: BTreeMap<String, Node>,
    /// `@clientContextParams`: endpoint parameters configured on a client, by parameter
    /// name.
    pub client_context_params: BTreeMap<String, ClientContextParam>,
    /// `@operationContextParams`: endpoint parameters bound to a JMESPath over the
    /// operation's input, parameter name → path (as written; [`crate::jmespath`] reads it).
    pub operation_context_params: BTreeMap<String, String>,
    // Protocol compliance test traits.
    pub http_request_tests: Vec<HttpRequestTestCase>,
    pub http_response_tests: Vec<HttpResponseTestCase>,
    pub http_malformed_request_tests: Vec<HttpMalformedRequestTestCase>,
}

static EMPTY: LazyLock<Known> = LazyLock::new(Known::default);

impl Known {
    /// Parses the traits of the shape or member `shape` defined at `location`.
    ///
    /// # Errors
    /// [`TraitError`] for the first trait whose value is not of its trait's type, or for
    /// two HTTP binding traits on one member.
    pub fn parse(
        shape: &ShapeId,
        traits: &Traits,
        location: &Location,
    ) -> Result<Self, Box<TraitError>> {
        let mut known = Known::default();
        for (id, value) in traits {
            let name = id.to_string();
            let fail = |e: read::ValueError| {
                Box::new(TraitError {
                    shape: shape.clone(),
                    location: location.clone(),
                    trait_id: name.clone(),
                    path: e.path,
                    message: e.message,
                })
            };
            known.read(&name, value).map_err(fail)?;
        }
        Ok(known)
    }

    /// Reads one trait into `self`; unknown traits are ignored.
    fn read(&mut self, id: &str, v: &Value) -> read::Result<()> {
        let at = &At::root();
        let _ = self.read_shape_traits(at, id, v)?
            || self.read_behaviour_traits(at, id, v)?
            || self.read_protocol_traits(at, id, v)?;
        Ok(())
    }

    /// Documentation, type refinement, serialization and constraint traits.
    fn read_shape_traits(&mut self, at: &At<'_>, id: &str, v: &Value) -> read::Result<bool> {
        match id {
            ids::DOCUMENTATION => self.documentation = Some(at.string(v)?),
            ids::TITLE => self.title = Some(at.string(v)?),
            ids::DEPRECATED => {
                let o = Obj::new(at, v)?;
                self.deprecated = Some(Deprecated {
                    message: o.opt_string("message")?,
                    since: o.opt_string("since")?,
                });
            }
            ids::SENSITIVE => self.sensitive = true,
            ids::REQUIRED => self.required = true,
            ids::DEFAULT => self.default = Some(v.clone()),
            ids::CLIENT_OPTIONAL => self.client_optional = true,
            ids::SPARSE => self.sparse = true,
            ids::ENUM_VALUE => self.enum_value = Some(enum_value(at, v)?),
            ids::ENUM => self.legacy_enum = Some(at.list(v, enum_definition)?),
            ids::UNIT_TYPE => self.unit_type = true,
            ids::MIXIN => self.mixin = true,
            ids::INPUT => self.input = true,
            ids::OUTPUT => self.output = true,
            ids::JSON_NAME => self.json_name = Some(at.string(v)?),
            ids::TIMESTAMP_FORMAT => self.timestamp_format = Some(timestamp_format(at, v)?),
            ids::MEDIA_TYPE => self.media_type = Some(at.string(v)?),
            ids::XML_NAME => self.xml_name = Some(at.string(v)?),
            ids::XML_ATTRIBUTE => self.xml_attribute = true,
            ids::XML_FLATTENED => self.xml_flattened = true,
            ids::XML_NAMESPACE => self.xml_namespace = Some(aws::xml_namespace(at, v)?),
            ids::LENGTH => {
                let o = Obj::new(at, v)?;
                self.length = Some(Length {
                    min: o.opt("min", |at: &At<'_>, v: &Value| at.u64(v))?,
                    max: o.opt("max", |at: &At<'_>, v: &Value| at.u64(v))?,
                });
            }
            ids::RANGE => {
                let o = Obj::new(at, v)?;
                self.range = Some(Range {
                    min: o.opt("min", |at: &At<'_>, v: &Value| at.number(v))?,
                    max: o.opt("max", |at: &At<'_>, v: &Value| at.number(v))?,
                });
            }
            ids::PATTERN => self.pattern = Some(at.string(v)?),
            ids::UNIQUE_ITEMS => self.unique_items = true,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Error, behaviour and HTTP binding traits.
    fn read_behaviour_traits(&mut self, at: &At<'_>, id: &str, v: &Value) -> read::Result<bool> {
        match id {
            ids::ERROR => self.error = Some(error_fault(at, v)?),
            ids::HTTP_ERROR => self.http_error = Some(at.status(v)?),
            ids::RETRYABLE => {
                let throttling = Obj::new(at, v)?.flag("throttling")?;
                self.retryable = Some(Retryable { throttling });
            }
            ids::IDEMPOTENCY_TOKEN => self.idempotency_token = true,
            ids::IDEMPOTENT => self.idempotent = true,
            ids::READONLY => self.readonly = true,
            ids::HTTP_CHECKSUM_REQUIRED => self.http_checksum_required = true,
            ids::REQUEST_COMPRESSION => {
                self.request_compression = Some(Obj::new(at, v)?.strings("encodings")?);
            }
            ids::PAGINATED => {
                let o = Obj::new(at, v)?;
                self.paginated = Some(Paginated {
                    input_token: o.opt_string("inputToken")?,
                    output_token: o.opt_string("outputToken")?,
                    items: o.opt_string("items")?,
                    page_size: o.opt_string("pageSize")?,
                });
            }
            ids::HTTP => self.http = Some(http::http(at, v)?),
            ids::HTTP_LABEL => self.bind(at, HttpBinding::Label)?,
            ids::HTTP_QUERY => self.bind(at, HttpBinding::Query(at.string(v)?))?,
            ids::HTTP_QUERY_PARAMS => self.bind(at, HttpBinding::QueryParams)?,
            ids::HTTP_HEADER => self.bind(at, HttpBinding::Header(at.string(v)?))?,
            ids::HTTP_PREFIX_HEADERS => self.bind(at, HttpBinding::PrefixHeaders(at.string(v)?))?,
            ids::HTTP_PAYLOAD => self.bind(at, HttpBinding::Payload)?,
            ids::HTTP_RESPONSE_CODE => self.bind(at, HttpBinding::ResponseCode)?,
            ids::ENDPOINT => self.endpoint = Some(http::endpoint(at, v)?),
            ids::HOST_LABEL => self.host_label = true,
            ids::STREAMING => self.streaming = true,
            ids::REQUIRES_LENGTH => self.requires_length = true,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// AWS, endpoint rules and protocol test traits.
    fn read_protocol_traits(&mut self, at: &At<'_>, id: &str, v: &Value) -> read::Result<bool> {
        match id {
            ids::AWS_SERVICE => self.aws_service = Some(aws::aws_service(at, v)?),
            ids::SIGV4 => self.sigv4 = Some(aws::sigv4(at, v)?),
            ids::REST_JSON1 => {
                self.rest_json1 = Some(aws::rest_json1(at, v)?);
                self.protocols.push(ids::REST_JSON1);
            }
            ids::REST_XML => {
                self.rest_xml = Some(aws::rest_xml(at, v)?);
                self.protocols.push(ids::REST_XML);
            }
            ids::EC2_QUERY_NAME => self.ec2_query_name = Some(at.string(v)?),
            other if ids::PROTOCOLS.contains(&other) => {
                if let Some(known) = ids::PROTOCOLS.iter().find(|p| **p == other) {
                    self.protocols.push(known);
                }
            }
            ids::AWS_QUERY_COMPATIBLE => self.aws_query_compatible = true,
            ids::AWS_QUERY_ERROR => {
                let o = Obj::new(at, v)?;
                let status = o.req("httpResponseCode", |at, v| at.status(v))?;
                self.aws_query_error = Some((o.req_string("code")?, status));
            }
            ids::ENDPOINT_RULE_SET => self.endpoint_rule_set = Some(aws::endpoint_rule_set(at, v)?),
            ids::ENDPOINT_TESTS => self.endpoint_tests = Some(aws::endpoint_tests(at, v)?),
            ids::CONTEXT_PARAM => {
                self.context_param = Some(Obj::new(at, v)?.req_string("name")?);
            }
            ids::STATIC_CONTEXT_PARAMS => {
                self.static_context_params = at.map(v, |at, v| {
                    Obj::new(at, v)?
                        .node("value")
                        .map_or_else(|| at.error("missing required member `value`"), Ok)
                })?;
            }
            ids::CLIENT_CONTEXT_PARAMS => {
                self.client_context_params = at.map(v, aws::client_context_param)?;
            }
            ids::OPERATION_CONTEXT_PARAMS => {
                self.operation_context_params =
                    at.map(v, |at, v| Obj::new(at, v)?.req_string("path"))?;
            }
            ids::HTTP_REQUEST_TESTS => {
                self.http_request_tests = protocol_tests::request_tests(at, v)?
            }
            ids::HTTP_RESPONSE_TESTS => {
                self.http_response_tests = protocol_tests::response_tests(at, v)?
            }
            ids::HTTP_MALFORMED_REQUEST_TESTS => {
                self.http_malformed_request_tests = protocol_tests::malformed_tests(at, v)?
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Records an HTTP binding; a member has at most one (spec http-bindings.rst).
    fn bind(&mut self, at: &At<'_>, binding: HttpBinding) -> read::Result<()> {
        match &self.http_binding {
            Some(other) if *other != binding => at.error(format!(
                "conflicts with the binding {other:?} on the same member"
            )),
            _ => {
                self.http_binding = Some(binding);
                Ok(())
            }
        }
    }
}

fn enum_value(at: &At<'_>, v: &Value) -> read::Result<EnumValue> {
    match v {
        Value::String(s) => Ok(EnumValue::String(s.clone())),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Ok(EnumValue::Int(i)),
            None => at.error(format!("expected a string or an integer, found {n}")),
        },
        _ => at.error("expected a string or an integer"),
    }
}

fn enum_definition(at: &At<'_>, v: &Value) -> read::Result<EnumDefinition> {
    let o = Obj::new(at, v)?;
    Ok(EnumDefinition {
        value: o.req_string("value")?,
        name: o.opt_string("name")?,
        documentation: o.opt_string("documentation")?,
        deprecated: o.flag("deprecated")?,
    })
}

fn timestamp_format(at: &At<'_>, v: &Value) -> read::Result<TimestampFormat> {
    match at.string(v)?.as_str() {
        "date-time" => Ok(TimestampFormat::DateTime),
        "http-date" => Ok(TimestampFormat::HttpDate),
        "epoch-seconds" => Ok(TimestampFormat::EpochSeconds),
        other => at.error(format!("unknown timestamp format `{other}`")),
    }
}

fn error_fault(at: &At<'_>, v: &Value) -> read::Result<ErrorFault> {
    match at.string(v)?.as_str() {
        "client" => Ok(ErrorFault::Client),
        "server" => Ok(ErrorFault::Server),
        other => at.error(format!(
            "expected \"client\" or \"server\", found {other:?}"
        )),
    }
}

/// The typed traits of every shape and member of a model, by shape ID (members by
/// member ID).
#[derive(Debug, Clone, Default)]
pub struct TraitIndex {
    known: BTreeMap<ShapeId, Known>,
}

impl TraitIndex {
    /// Parses the traits of every shape and member of `model`.
    ///
    /// # Errors
    /// The first [`TraitError`], in shape ID order.
    pub fn build(model: &Model) -> Result<Self, Box<TraitError>> {
        let mut known = BTreeMap::new();
        for shape in model.shapes.values() {
            if !shape.traits.is_empty() {
                let parsed = Known::parse(&shape.id, &shape.traits, &shape.location)?;
                known.insert(shape.id.clone(), parsed);
            }
            for member in shape.members.iter().filter(|m| !m.traits.is_empty()) {
                let id = shape.id.with_member(&member.name);
                let parsed = Known::parse(&id, &member.traits, &member.location)?;
                known.insert(id, parsed);
            }
        }
        Ok(TraitIndex { known })
    }

    /// The traits of the shape or member `id` (empty when it has none).
    pub fn get(&self, id: &ShapeId) -> &Known {
        self.known.get(id).unwrap_or(&EMPTY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Known, Box<TraitError>> {
        let value: serde_json::Map<String, Value> = serde_json::from_str(json).unwrap();
        let traits: Traits = value
            .into_iter()
            .map(|(k, v)| (ShapeId::parse(&k).unwrap(), v))
            .collect();
        let id = ShapeId::new("a.b", "C");
        Known::parse(&id, &traits, &Location::prelude())
    }

    #[test]
    fn reads_known_traits() {
        let k = parse(
            r#"{"smithy.api#http": {"method": "POST", "uri": "/rooms/{Id}", "code": 201},
                "smithy.api#length": {"min": 1},
                "smithy.api#retryable": {"throttling": true},
                "smithy.api#deprecated": {"since": "2020"},
                "aws.auth#sigv4": {"name": "chime"},
                "smithy.api#httpHeader": "X-Amz-Thing",
                "com.example#custom": [1, 2]}"#,
        )
        .unwrap();
        let http = k.http.unwrap();
        assert_eq!((http.method.as_str(), http.code), ("POST", 201));
        assert_eq!(http.uri.labels().collect::<Vec<_>>(), ["Id"]);
        assert_eq!(
            k.length,
            Some(Length {
                min: Some(1),
                max: None
            })
        );
        assert_eq!(k.retryable, Some(Retryable { throttling: true }));
        assert_eq!(k.deprecated.unwrap().note(), "deprecated since 2020");
        assert_eq!(k.sigv4.unwrap().name, "chime");
        assert_eq!(
            k.http_binding,
            Some(HttpBinding::Header("X-Amz-Thing".into()))
        );
    }

    #[test]
    fn reads_xml_traits() {
        let k = parse(
            r#"{"smithy.api#xmlName": "x:Item",
                "smithy.api#xmlAttribute": {},
                "smithy.api#xmlFlattened": {},
                "smithy.api#xmlNamespace": {"uri": "https://example.com", "prefix": "x"},
                "aws.protocols#ec2QueryName": "ItemSet",
                "aws.protocols#restXml": {"noErrorWrapping": true},
                "aws.protocols#awsQueryError": {"code": "Gone", "httpResponseCode": 410}}"#,
        )
        .unwrap();
        assert_eq!(k.xml_name.as_deref(), Some("x:Item"));
        assert!(k.xml_attribute && k.xml_flattened);
        assert_eq!(
            k.xml_namespace,
            Some(XmlNamespace {
                uri: "https://example.com".into(),
                prefix: Some("x".into())
            })
        );
        assert_eq!(k.ec2_query_name.as_deref(), Some("ItemSet"));
        assert_eq!(
            k.rest_xml,
            Some(RestXml {
                no_error_wrapping: true
            })
        );
        assert_eq!(k.protocols, [ids::REST_XML]);
        assert_eq!(k.aws_query_error, Some(("Gone".to_owned(), 410)));
        let plain = parse(r#"{"aws.protocols#restXml": {}}"#).unwrap();
        assert_eq!(plain.rest_xml, Some(RestXml::default()));
    }

    #[test]
    fn errors_name_the_trait_and_path() {
        let e =
            parse(r#"{"smithy.api#http": {"method": "GET", "uri": "/a", "code": 7}}"#).unwrap_err();
        assert_eq!(e.trait_id, "smithy.api#http");
        assert_eq!(e.path, "$.code");
        assert!(
            e.to_string().contains("code 7 is not an HTTP status code"),
            "{e}"
        );
        let e = parse(r#"{"smithy.api#httpLabel": {}, "smithy.api#httpQuery": "q"}"#).unwrap_err();
        assert!(e.message.contains("conflicts"), "{e}");
        let e = parse(r#"{"smithy.api#timestampFormat": "iso"}"#).unwrap_err();
        assert!(e.message.contains("unknown timestamp format"), "{e}");
        let e = parse(r#"{"smithy.api#xmlNamespace": {"prefix": "x"}}"#).unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.message.as_str()),
            ("$", "missing required member `uri`"),
            "{e}"
        );
        let e = parse(r#"{"aws.protocols#restXml": {"noErrorWrapping": "yes"}}"#).unwrap_err();
        assert_eq!(e.path, "$.noErrorWrapping", "{e}");
        let e = parse(r#"{"smithy.api#timestampFormat": "iso"}"#).unwrap_err();
        assert!(e.message.contains("unknown timestamp format"), "{e}");
    }
}

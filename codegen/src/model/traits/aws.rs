//! AWS traits (spec aws/aws-core.rst, aws/aws-auth.rst, aws/protocols) and the endpoint
//! rules traits (spec rules-engine/specification.rst).

use std::collections::BTreeMap;

use serde_json::Value;

use super::read::{At, Obj, Result};

/// `aws.api#service`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsService {
    /// `sdkId`, e.g. `Chime`: what SDK names derive from.
    pub sdk_id: String,
    pub arn_namespace: Option<String>,
    pub cloud_formation_name: Option<String>,
    pub cloud_trail_event_source: Option<String>,
    pub endpoint_prefix: Option<String>,
}

pub(super) fn aws_service(at: &At<'_>, v: &Value) -> Result<AwsService> {
    let o = Obj::new(at, v)?;
    Ok(AwsService {
        sdk_id: o.req_string("sdkId")?,
        arn_namespace: o.opt_string("arnNamespace")?,
        cloud_formation_name: o.opt_string("cloudFormationName")?,
        cloud_trail_event_source: o.opt_string("cloudTrailEventSource")?,
        endpoint_prefix: o.opt_string("endpointPrefix")?,
    })
}

/// `aws.auth#sigv4`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigV4 {
    /// The signing name, e.g. `chime`.
    pub name: String,
}

pub(super) fn sigv4(at: &At<'_>, v: &Value) -> Result<SigV4> {
    Ok(SigV4 {
        name: Obj::new(at, v)?.req_string("name")?,
    })
}

/// `aws.protocols#restJson1`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RestJson1 {
    /// Supported HTTP versions, in priority order (`http`).
    pub http: Vec<String>,
    /// HTTP versions for event streams (`eventStreamHttp`).
    pub event_stream_http: Vec<String>,
}

pub(super) fn rest_json1(at: &At<'_>, v: &Value) -> Result<RestJson1> {
    let o = Obj::new(at, v)?;
    Ok(RestJson1 {
        http: o.strings("http")?,
        event_stream_http: o.strings("eventStreamHttp")?,
    })
}

/// `aws.protocols#restXml` (spec aws/protocols/aws-restxml-protocol.rst): what the
/// generated code needs of it (its `http` versions are not used).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RestXml {
    /// `noErrorWrapping`: an error body is `<Error>` itself, not
    /// `<ErrorResponse><Error>`.
    pub no_error_wrapping: bool,
}

pub(super) fn rest_xml(at: &At<'_>, v: &Value) -> Result<RestXml> {
    Ok(RestXml {
        no_error_wrapping: Obj::new(at, v)?.flag("noErrorWrapping")?,
    })
}

/// `smithy.api#xmlNamespace` (spec protocol-traits.rst): `xmlns="uri"`, or
/// `xmlns:prefix="uri"` with a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlNamespace {
    pub uri: String,
    pub prefix: Option<String>,
}

pub(super) fn xml_namespace(at: &At<'_>, v: &Value) -> Result<XmlNamespace> {
    let o = Obj::new(at, v)?;
    Ok(XmlNamespace {
        uri: o.req_string("uri")?,
        prefix: o.opt_string("prefix")?,
    })
}

/// `smithy.rules#endpointRuleSet`: the rule set document, checked to be an object with a
/// `version`; the rules engine reads the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointRuleSet {
    pub version: String,
    pub document: Value,
}

pub(super) fn endpoint_rule_set(at: &At<'_>, v: &Value) -> Result<EndpointRuleSet> {
    Ok(EndpointRuleSet {
        version: Obj::new(at, v)?.req_string("version")?,
        document: v.clone(),
    })
}

/// One entry of `smithy.rules#clientContextParams` (spec rules-engine/parameters.rst): a
/// rule set parameter a client configures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientContextParam {
    pub kind: ClientParamType,
    pub documentation: Option<String>,
}

/// The `type` of a [`ClientContextParam`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientParamType {
    String,
    Boolean,
}

pub(super) fn client_context_param(at: &At<'_>, v: &Value) -> Result<ClientContextParam> {
    let o = Obj::new(at, v)?;
    let kind = o.req("type", |at, v| match at.string(v)?.as_str() {
        "string" => Ok(ClientParamType::String),
        "boolean" => Ok(ClientParamType::Boolean),
        other => at.error(format!("`{other}` is not `string` or `boolean`")),
    })?;
    Ok(ClientContextParam {
        kind,
        documentation: o.opt_string("documentation")?,
    })
}

/// `smithy.rules#endpointTests`.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointTests {
    pub version: String,
    pub test_cases: Vec<EndpointTestCase>,
}

/// One endpoint test case.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointTestCase {
    pub documentation: Option<String>,
    /// Endpoint parameters by name.
    pub params: BTreeMap<String, Value>,
    /// Operation calls that must resolve to the expectation (kept as nodes).
    pub operation_inputs: Vec<Value>,
    pub expect: EndpointExpectation,
}

/// What an endpoint test expects.
#[derive(Debug, Clone, PartialEq)]
pub enum EndpointExpectation {
    /// A resolved endpoint.
    Endpoint {
        url: String,
        headers: BTreeMap<String, Vec<String>>,
        properties: BTreeMap<String, Value>,
    },
    /// An error message.
    Error(String),
}

pub(super) fn endpoint_tests(at: &At<'_>, v: &Value) -> Result<EndpointTests> {
    let o = Obj::new(at, v)?;
    Ok(EndpointTests {
        version: o.req_string("version")?,
        test_cases: o
            .opt("testCases", |at, v| at.list(v, endpoint_test_case))?
            .unwrap_or_default(),
    })
}

fn endpoint_test_case(at: &At<'_>, v: &Value) -> Result<EndpointTestCase> {
    let o = Obj::new(at, v)?;
    let expect = o.req("expect", |at, v| {
        let e = Obj::new(at, v)?;
        if let Some(error) = e.opt_string("error")? {
            return Ok(EndpointExpectation::Error(error));
        }
        e.req("endpoint", |at, v| {
            let ep = Obj::new(at, v)?;
            Ok(EndpointExpectation::Endpoint {
                url: ep.req_string("url")?,
                headers: ep
                    .opt("headers", |at, v| {
                        at.map(v, |at: &At<'_>, v: &Value| at.strings(v))
                    })?
                    .unwrap_or_default(),
                properties: ep
                    .opt("properties", |at, v| at.map(v, |_, v| Ok(v.clone())))?
                    .unwrap_or_default(),
            })
        })
    })?;
    Ok(EndpointTestCase {
        documentation: o.opt_string("documentation")?,
        params: o
            .opt("params", |at, v| at.map(v, |_, v| Ok(v.clone())))?
            .unwrap_or_default(),
        operation_inputs: o
            .opt("operationInputs", |at, v| Ok(at.array(v)?.to_vec()))?
            .unwrap_or_default(),
        expect,
    })
}

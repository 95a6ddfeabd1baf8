//! The protocol compliance test traits (spec http-protocol-compliance-tests.rst).

use std::collections::BTreeMap;

use serde_json::Value;

use super::read::{At, Obj, Result};
use crate::model::ShapeId;

/// Which side a test case applies to (`appliesTo`); `None` on a case means both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppliesTo {
    Client,
    Server,
}

/// One `smithy.test#httpRequestTests` case.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpRequestTestCase {
    pub id: String,
    pub protocol: ShapeId,
    pub method: String,
    pub uri: String,
    pub host: Option<String>,
    pub resolved_host: Option<String>,
    pub auth_scheme: Option<ShapeId>,
    pub query_params: Vec<String>,
    pub forbid_query_params: Vec<String>,
    pub require_query_params: Vec<String>,
    pub headers: BTreeMap<String, String>,
    pub forbid_headers: Vec<String>,
    pub require_headers: Vec<String>,
    pub body: Option<String>,
    pub body_media_type: Option<String>,
    /// Input parameters as a node (the test's `params`).
    pub params: Option<Value>,
    pub vendor_params: Option<Value>,
    pub vendor_params_shape: Option<ShapeId>,
    pub documentation: Option<String>,
    pub tags: Vec<String>,
    pub applies_to: Option<AppliesTo>,
}

/// One `smithy.test#httpResponseTests` case.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpResponseTestCase {
    pub id: String,
    pub protocol: ShapeId,
    pub code: u16,
    pub auth_scheme: Option<ShapeId>,
    pub headers: BTreeMap<String, String>,
    pub forbid_headers: Vec<String>,
    pub require_headers: Vec<String>,
    pub body: Option<String>,
    pub body_media_type: Option<String>,
    pub params: Option<Value>,
    pub vendor_params: Option<Value>,
    pub vendor_params_shape: Option<ShapeId>,
    pub documentation: Option<String>,
    pub tags: Vec<String>,
    pub applies_to: Option<AppliesTo>,
}

/// One `smithy.test#httpMalformedRequestTests` case (before parameter expansion).
#[derive(Debug, Clone, PartialEq)]
pub struct HttpMalformedRequestTestCase {
    pub id: String,
    pub protocol: ShapeId,
    pub documentation: Option<String>,
    pub request: MalformedRequest,
    pub response: MalformedResponse,
    pub tags: Vec<String>,
    /// Values substituted for `$name` in the request and response, case by case.
    pub test_parameters: BTreeMap<String, Vec<String>>,
}

/// The request of a malformed-request case.
#[derive(Debug, Clone, PartialEq)]
pub struct MalformedRequest {
    pub method: String,
    pub uri: String,
    pub host: Option<String>,
    pub query_params: Vec<String>,
    pub headers: BTreeMap<String, String>,
    pub body: Option<String>,
}

/// The response a server must give to a malformed request.
#[derive(Debug, Clone, PartialEq)]
pub struct MalformedResponse {
    pub code: u16,
    pub headers: BTreeMap<String, String>,
    pub body: Option<MalformedBody>,
}

/// What the body of a malformed-request response must be.
#[derive(Debug, Clone, PartialEq)]
pub struct MalformedBody {
    pub media_type: String,
    pub assertion: BodyAssertion,
}

/// How a malformed-request response body is checked.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyAssertion {
    /// Equal to this (as the media type compares).
    Contents(String),
    /// The error message matches this regular expression.
    MessageRegex(String),
}

fn shape_id(at: &At<'_>, v: &Value) -> Result<ShapeId> {
    let text = at.string(v)?;
    ShapeId::parse(&text).or_else(|e| at.error(e.to_string()))
}

fn applies_to(at: &At<'_>, v: &Value) -> Result<AppliesTo> {
    match at.string(v)?.as_str() {
        "client" => Ok(AppliesTo::Client),
        "server" => Ok(AppliesTo::Server),
        other => at.error(format!(
            "expected \"client\" or \"server\", found {other:?}"
        )),
    }
}

pub(super) fn request_tests(at: &At<'_>, v: &Value) -> Result<Vec<HttpRequestTestCase>> {
    at.list(v, |at, v| {
        let o = Obj::new(at, v)?;
        Ok(HttpRequestTestCase {
            id: o.req_string("id")?,
            protocol: o.req("protocol", shape_id)?,
            method: o.req_string("method")?,
            uri: o.req_string("uri")?,
            host: o.opt_string("host")?,
            resolved_host: o.opt_string("resolvedHost")?,
            auth_scheme: o.opt("authScheme", shape_id)?,
            query_params: o.strings("queryParams")?,
            forbid_query_params: o.strings("forbidQueryParams")?,
            require_query_params: o.strings("requireQueryParams")?,
            headers: o.string_map("headers")?,
            forbid_headers: o.strings("forbidHeaders")?,
            require_headers: o.strings("requireHeaders")?,
            body: o.opt_string("body")?,
            body_media_type: o.opt_string("bodyMediaType")?,
            params: o.node("params"),
            vendor_params: o.node("vendorParams"),
            vendor_params_shape: o.opt("vendorParamsShape", shape_id)?,
            documentation: o.opt_string("documentation")?,
            tags: o.strings("tags")?,
            applies_to: o.opt("appliesTo", applies_to)?,
        })
    })
}

pub(super) fn response_tests(at: &At<'_>, v: &Value) -> Result<Vec<HttpResponseTestCase>> {
    at.list(v, |at, v| {
        let o = Obj::new(at, v)?;
        Ok(HttpResponseTestCase {
            id: o.req_string("id")?,
            protocol: o.req("protocol", shape_id)?,
            code: o.req("code", |at: &At<'_>, v: &Value| at.status(v))?,
            auth_scheme: o.opt("authScheme", shape_id)?,
            headers: o.string_map("headers")?,
            forbid_headers: o.strings("forbidHeaders")?,
            require_headers: o.strings("requireHeaders")?,
            body: o.opt_string("body")?,
            body_media_type: o.opt_string("bodyMediaType")?,
            params: o.node("params"),
            vendor_params: o.node("vendorParams"),
            vendor_params_shape: o.opt("vendorParamsShape", shape_id)?,
            documentation: o.opt_string("documentation")?,
            tags: o.strings("tags")?,
            applies_to: o.opt("appliesTo", applies_to)?,
        })
    })
}

pub(super) fn malformed_tests(at: &At<'_>, v: &Value) -> Result<Vec<HttpMalformedRequestTestCase>> {
    at.list(v, |at, v| {
        let o = Obj::new(at, v)?;
        Ok(HttpMalformedRequestTestCase {
            id: o.req_string("id")?,
            protocol: o.req("protocol", shape_id)?,
            documentation: o.opt_string("documentation")?,
            request: o.req("request", malformed_request)?,
            response: o.req("response", malformed_response)?,
            tags: o.strings("tags")?,
            test_parameters: o
                .opt("testParameters", |at, v| {
                    at.map(v, |at: &At<'_>, v: &Value| at.strings(v))
                })?
                .unwrap_or_default(),
        })
    })
}

fn malformed_request(at: &At<'_>, v: &Value) -> Result<MalformedRequest> {
    let o = Obj::new(at, v)?;
    Ok(MalformedRequest {
        method: o.req_string("method")?,
        uri: o.req_string("uri")?,
        host: o.opt_string("host")?,
        query_params: o.strings("queryParams")?,
        headers: o.string_map("headers")?,
        body: o.opt_string("body")?,
    })
}

fn malformed_response(at: &At<'_>, v: &Value) -> Result<MalformedResponse> {
    let o = Obj::new(at, v)?;
    Ok(MalformedResponse {
        code: o.req("code", |at: &At<'_>, v: &Value| at.status(v))?,
        headers: o.string_map("headers")?,
        body: o.opt("body", |at, v| {
            let b = Obj::new(at, v)?;
            Ok(MalformedBody {
                media_type: b.req_string("mediaType")?,
                assertion: b.req("assertion", |at, v| {
                    let a = Obj::new(at, v)?;
                    if let Some(contents) = a.opt_string("contents")? {
                        return Ok(BodyAssertion::Contents(contents));
                    }
                    match a.opt_string("messageRegex")? {
                        Some(regex) => Ok(BodyAssertion::MessageRegex(regex)),
                        None => at.error("expected `contents` or `messageRegex`"),
                    }
                })?,
            })
        })?,
    })
}

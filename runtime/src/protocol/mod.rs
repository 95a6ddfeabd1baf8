//! The wire protocols, sans-IO: operation inputs to `http::Request`s and responses back to
//! outputs or errors for clients; requests to inputs and outputs or errors to responses
//! for servers. No I/O, no async runtime: bodies are bytes.
//!
//! Each operation's [`Operation::PROTOCOL`] picks the protocol: restJson1 and restXml
//! (spec aws/protocols/aws-restjson1-protocol.rst, aws-restxml-protocol.rst,
//! http-bindings.rst) drive the request from the `@http` bindings; the RPC protocols
//! (`rpc`: awsJson1_0/1_1, rpcv2Json, rpcv2Cbor) POST the whole input; the query
//! protocols (`query`: awsQuery, ec2Query) POST it as a form, clients only. What they
//! share is written once: the builders and readers here, the bodies' codec (`body`: JSON,
//! or CBOR with feature `cbor`; XML bodies through `xml_body`/`xml_payload` with feature
//! `xml`, framed by `envelope`), error codes and messages.
//!
//! Generated code implements [`Input`] for operation inputs, [`Output`] for outputs and
//! error structures, and [`OperationError`] for each operation's error enum, each a few
//! calls into the builders and readers here; [`serialize_request`], [`parse_response`],
//! [`parse_request`], [`serialize_response`] and [`serialize_error`] drive them from an
//! operation's [`Operation`] metadata.
//!
//! Bodies are the types' serde form: members bound to labels, query strings, headers or
//! the status code are not part of it (`#[serde(skip)]`), and an `@httpPayload` member's
//! structure *is* it.

mod body;
mod encode;
mod envelope;
mod headers;
mod json;
mod pointer;
mod query;
mod request;
mod response;
mod router;
mod rpc;
mod send;
mod server;
mod values;

use std::fmt;

pub use pointer::error_pointer;
pub use request::RequestBuilder;
pub use response::{sanitize_error_code, HttpResponse};
pub use rpc::target as rpc_target;
pub use send::{RequestOptions, MAX_MIN_COMPRESSION_SIZE};
pub use server::{ResponseBuilder, ServerRequest};
pub use values::{FromParamValues, ParamValues};

use super::error::UnhandledError;
use super::operation::{Operation, Protocol};
use super::validate::{Path, Validate, ValidationError, Violation, Violations};

/// An operation input, written into and read from a request.
pub trait Input: Sized {
    /// Writes labels, query, headers and body (client side).
    ///
    /// # Errors
    /// [`BuildError`] naming the member that cannot be sent.
    fn write(&self, request: &mut RequestBuilder) -> Result<(), BuildError>;

    /// Reads the input from a matched request (server side).
    ///
    /// # Errors
    /// [`Rejection`] for a malformed request.
    fn read(request: &ServerRequest<'_>) -> Result<Self, Rejection>;
}

/// An operation output or an error structure, read from and written into a response.
pub trait Output: Sized {
    /// The media type a restJson1 server checks a request's `Accept` against before the
    /// handler runs ([`parse_request`]: 406 Not Acceptable when excluded, as the
    /// restJson1 suite's `malformed-accept.smithy` cases expect). That is its only use:
    /// the response's `Content-Type` is set by the body writers, restXml defines no 406,
    /// the RPC protocols do not check `Accept`, and an error structure's is never read.
    /// Generated code sets it from the body: `application/json` (this default),
    /// `application/xml` for restXml, an `@httpPayload`'s media type, or `*/*` for a
    /// blob payload without `@mediaType`, which any `Accept` admits.
    const CONTENT_TYPE: &'static str = "application/json";

    /// Reads it from a response (client side).
    ///
    /// # Errors
    /// [`ParseError`] naming the header or body path that does not parse.
    fn read(response: &HttpResponse<'_>) -> Result<Self, ParseError>;

    /// Writes headers, status and body (server side).
    ///
    /// # Errors
    /// [`BuildError`] naming the member that cannot be sent.
    fn write(&self, response: &mut ResponseBuilder) -> Result<(), BuildError>;
}

/// An operation's error enum: chosen by error code from a response, written as one.
pub trait OperationError: Sized + From<UnhandledError> {
    /// The modeled error for `code`, read from `response`; `Unhandled` for other codes.
    ///
    /// # Errors
    /// [`ParseError`] when a modeled error's body or headers do not parse.
    fn read(code: &str, response: &HttpResponse<'_>) -> Result<Self, ParseError>;

    /// Writes the error: its status, `X-Amzn-Errortype`, headers and body.
    ///
    /// # Errors
    /// [`BuildError`] naming the member that cannot be sent.
    fn write(&self, response: &mut ResponseBuilder) -> Result<(), BuildError>;
}

impl Input for () {
    fn write(&self, _: &mut RequestBuilder) -> Result<(), BuildError> {
        Ok(())
    }

    fn read(request: &ServerRequest<'_>) -> Result<Self, Rejection> {
        request.no_body()
    }
}

impl Output for () {
    fn read(_: &HttpResponse<'_>) -> Result<Self, ParseError> {
        Ok(())
    }

    fn write(&self, _: &mut ResponseBuilder) -> Result<(), BuildError> {
        Ok(())
    }
}

/// A request could not be built: which member or part, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    /// The member, header or part concerned.
    pub what: String,
    /// Why.
    pub message: String,
}

impl BuildError {
    /// A build error about `what`.
    pub fn new(what: impl Into<String>, message: impl Into<String>) -> Self {
        BuildError {
            what: what.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot send `{}`: {}", self.what, self.message)
    }
}

impl std::error::Error for BuildError {}

/// A response could not be read: where (a header, a body JSON path) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Where in the response.
    pub location: String,
    /// Why.
    pub message: String,
}

impl ParseError {
    /// A parse error at `location`.
    pub fn new(location: impl Into<String>, message: impl Into<String>) -> Self {
        ParseError {
            location: location.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unreadable response {}: {}", self.location, self.message)
    }
}

impl std::error::Error for ParseError {}

/// What a call can fail with, short of transport: the service's error, or a response
/// that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum CallError<E> {
    /// The operation's error (modeled, or `Unhandled` with code, message and status).
    Service(E),
    /// The response did not parse.
    Response(ParseError),
}

impl<E: fmt::Display> fmt::Display for CallError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Service(e) => e.fmt(f),
            CallError::Response(e) => e.fmt(f),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for CallError<E> {}

/// Why a server refuses a request before the handler sees it; each becomes a
/// protocol-correct error response ([`Rejection::into_response`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Rejection {
    /// No operation has this method and path (404 `UnknownOperationException`).
    NotFound,
    /// The body, a label, query value or header does not parse (400
    /// `SerializationException`).
    Serialization(String),
    /// Constraint violations, missing required members included (400
    /// `smithy.framework#ValidationException`, with a `fieldList`, from
    /// [`Rejection::into_response`]; a generated server answers with the error the
    /// operation models instead, see `server::invoke`).
    Validation(ValidationError),
    /// The `Content-Type` does not fit the input (415 `UnsupportedMediaTypeException`).
    UnsupportedMediaType,
    /// The `Accept` header excludes the response (406 `NotAcceptableException`).
    NotAcceptable,
}

impl Rejection {
    /// A [`Rejection::Serialization`].
    pub fn serialization(message: impl Into<String>) -> Self {
        Rejection::Serialization(message.into())
    }

    /// A required member is missing: `member` is its path (member names, `/`-separated).
    pub fn missing(member: &str) -> Self {
        let pointer = format!("/{}", member.trim_start_matches('/'));
        let requirement = "Member must not be null";
        Rejection::Validation(ValidationError {
            violations: vec![Violation {
                path: pointer.clone(),
                message: requirement.to_owned(),
                protocol_message: format!(
                    "Value at '{pointer}' failed to satisfy constraint: {requirement}"
                ),
                pointer,
            }],
        })
    }

    /// Server: the constraint violations of a request's `input`
    /// ([`Rejection::Validation`]), or a union member the model does not list
    /// ([`Rejection::Serialization`]: the request is malformed).
    ///
    /// # Errors
    /// The rejection, when there is anything to reject.
    pub fn check<T: Validate>(input: &T) -> Result<(), Rejection> {
        let mut out = Violations::default();
        input.validate_at(&Path::Root(T::NAME), &mut out);
        if let Some(unknown) = out.unknown_member() {
            return Err(Rejection::serialization(unknown));
        }
        out.into_error()
            .map_or(Ok(()), |e| Err(Rejection::Validation(e)))
    }

    /// The restJson1 response: error code, status and JSON body.
    pub fn into_response(self) -> http::Response<Vec<u8>> {
        self.response_in(Protocol::RestJson1)
    }

    /// The response in `protocol`: error code, status and body (an XML protocol's error
    /// document, `<Message>` in it, or a `smithy.framework#ValidationException`'s
    /// `<message>` and `<fieldList>`).
    pub fn response_in(self, protocol: Protocol) -> http::Response<Vec<u8>> {
        let (code, status, body) = match &self {
            Rejection::NotFound => ("UnknownOperationException", 404, serde_json::json!({})),
            Rejection::Serialization(m) => (
                "SerializationException",
                400,
                serde_json::json!({ "message": m }),
            ),
            Rejection::Validation(v) => ("ValidationException", 400, validation_body(v)),
            Rejection::UnsupportedMediaType => {
                ("UnsupportedMediaTypeException", 415, serde_json::json!({}))
            }
            Rejection::NotAcceptable => ("NotAcceptableException", 406, serde_json::json!({})),
        };
        let mut response = ResponseBuilder::of(protocol, status);
        let id = format!("smithy.framework#{code}");
        response.error(code, Some(&id), status);
        if envelope::is_xml(protocol) {
            let message = body.get("message").and_then(serde_json::Value::as_str);
            let fields: Vec<(&str, &str)> = match &self {
                Rejection::Validation(v) => v
                    .violations
                    .iter()
                    .map(|v| (v.pointer.as_str(), v.protocol_message.as_str()))
                    .collect(),
                _ => Vec::new(),
            };
            response.xml_error_body(message, &fields);
        } else {
            // A JSON value always serializes.
            let _ = response.body(&body);
        }
        response.build()
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::NotFound => f.write_str("no operation matches the request"),
            Rejection::Serialization(m) => write!(f, "malformed request: {m}"),
            Rejection::Validation(v) => v.fmt(f),
            Rejection::UnsupportedMediaType => f.write_str("unsupported Content-Type"),
            Rejection::NotAcceptable => f.write_str("the Accept header excludes application/json"),
        }
    }
}

impl std::error::Error for Rejection {}

/// A structure all of whose members are bound outside the body (or absent): its serde
/// form read from `{}`.
///
/// # Errors
/// [`Rejection::Serialization`] if a member the body form requires is missing (the
/// generator never leaves one).
pub fn empty<T: serde::de::DeserializeOwned>() -> Result<T, Rejection> {
    // The reader every body is read with (`&str`), so that no other copy is compiled.
    serde_json::from_str("{}").map_err(|e| Rejection::serialization(e.to_string()))
}

/// The body of a `smithy.framework#ValidationException`: a message counting the
/// violations and listing them in order, and a `fieldList` with each one's JSON pointer
/// and message.
fn validation_body(error: &ValidationError) -> serde_json::Value {
    let fields: Vec<serde_json::Value> = error
        .violations
        .iter()
        .map(|v| serde_json::json!({ "message": v.protocol_message, "path": v.pointer }))
        .collect();
    serde_json::json!({ "message": error.summary(), "fieldList": fields })
}

fn http_of<O: Operation>() -> Result<super::operation::Http, BuildError> {
    O::HTTP.ok_or_else(|| BuildError::new(O::NAME, "the operation has no @http trait"))
}

/// Client: the request for `input` to operation `O` at `endpoint`
/// (`scheme://host[:port][/base]`), sent with the default [`RequestOptions`] (a body of
/// 10 KiB or more compressed when the operation has `@requestCompression`).
///
/// # Errors
/// [`BuildError`] when the operation has no `@http` or a member cannot be sent (an empty
/// label, an unrepresentable timestamp).
pub fn serialize_request<O>(
    input: &O::Input,
    endpoint: &str,
) -> Result<http::Request<Vec<u8>>, BuildError>
where
    O: Operation,
    O::Input: Input,
{
    serialize_request_with::<O>(input, endpoint, &RequestOptions::default())
}

/// [`serialize_request`] with the client's [`RequestOptions`]: the body compressed as the
/// operation's `@requestCompression` and `options` say, then its `Content-MD5` set when
/// the operation has `@httpChecksumRequired`.
///
/// # Errors
/// As [`serialize_request`]; also options out of range.
pub fn serialize_request_with<O>(
    input: &O::Input,
    endpoint: &str,
    options: &RequestOptions,
) -> Result<http::Request<Vec<u8>>, BuildError>
where
    O: Operation,
    O::Input: Input,
{
    envelope::available(O::PROTOCOL).map_err(|e| BuildError::new(O::NAME, e))?;
    let mut request = start_request::<O>()?;
    if let Some(prefix) = O::HOST_PREFIX {
        // The input replaces it when the prefix has labels.
        request.host_prefix(prefix, &[])?;
    }
    input.write(&mut request)?;
    let mut request = request.build(endpoint)?;
    send::finish(&mut request, send::BodyTraits::of::<O>(), options)?;
    Ok(request)
}

/// Client: operation `O`'s request as its protocol starts it, before the input is
/// written: the `@http` method and URI (restJson1, restXml), or the RPC protocol's `POST`
/// and headers ([`rpc::start_request`]), or the query form's `Action` and `Version`
/// ([`query::start_request`]).
///
/// # Errors
/// [`BuildError`] when a rest operation has no `@http` trait or a header is invalid.
fn start_request<O: Operation>() -> Result<RequestBuilder, BuildError> {
    if let Some(rpc) = O::PROTOCOL.rpc() {
        return rpc::start_request(O::PROTOCOL, rpc, O::NAME);
    }
    if let Protocol::AwsQuery(query) | Protocol::Ec2Query(query) = O::PROTOCOL {
        return Ok(query::start_request(O::PROTOCOL, &query, O::NAME));
    }
    Ok(RequestBuilder::rest(O::PROTOCOL, http_of::<O>()?))
}

/// Client: the output of operation `O`, or its error, from `response`. A 2xx status is
/// success; any other is an error chosen by its code.
///
/// # Errors
/// [`CallError::Service`] with the modeled or unhandled error;
/// [`CallError::Response`] when the response does not parse.
pub fn parse_response<O>(
    response: &http::Response<Vec<u8>>,
) -> Result<O::Output, CallError<O::Error>>
where
    O: Operation,
    O::Output: Output,
    O::Error: OperationError,
{
    if let Err(e) = envelope::available(O::PROTOCOL) {
        return Err(CallError::Response(ParseError::new("body", e)));
    }
    let view = HttpResponse::of(O::PROTOCOL, response).for_operation(O::NAME);
    if response.status().is_success() {
        return O::Output::read(&view).map_err(CallError::Response);
    }
    match view.error_code() {
        Some(code) => match O::Error::read(&code, &view) {
            Ok(error) => Err(CallError::Service(error)),
            Err(e) => Err(CallError::Response(e)),
        },
        None => Err(CallError::Service(O::Error::from(view.unhandled(None)))),
    }
}

/// Server: the input of operation `O` from `request` (whose method and path must match
/// its `@http`), its constraints checked: the server enforces constraint traits (clients
/// never do).
///
/// # Errors
/// [`Rejection`] for a request that does not match or is malformed, or
/// [`Rejection::Validation`] with every constraint violation of the input.
pub fn parse_request<O>(request: &http::Request<Vec<u8>>) -> Result<O::Input, Rejection>
where
    O: Operation,
    O::Input: Input + Validate,
    O::Output: Output,
{
    envelope::available(O::PROTOCOL).map_err(Rejection::serialization)?;
    let view = match O::PROTOCOL {
        Protocol::RestJson1 => {
            let http = O::HTTP.ok_or(Rejection::NotFound)?;
            let view = ServerRequest::new(request, &http)?;
            view.accept(O::Output::CONTENT_TYPE)?;
            view
        }
        // restXml defines no 406 (its suite has no such case), and an output without
        // body members keeps `Output`'s JSON default type: `Accept` is not checked.
        Protocol::RestXml(_) => {
            let http = O::HTTP.ok_or(Rejection::NotFound)?;
            ServerRequest::rest(O::PROTOCOL, request, &http)?
        }
        // Clients only: no operation here reads a query form, so none is addressed.
        Protocol::AwsQuery(_) | Protocol::Ec2Query(_) => return Err(Rejection::NotFound),
        rpc @ (Protocol::AwsJson1_0(_)
        | Protocol::AwsJson1_1(_)
        | Protocol::RpcV2Json(_)
        | Protocol::RpcV2Cbor(_)) => rpc::server_request(rpc, request)?,
    };
    let input = super::codec::strictly(|| O::Input::read(&view))?;
    Rejection::check(&input)?;
    Ok(input)
}

/// Server: the response for `output` of operation `O`.
///
/// # Errors
/// [`BuildError`] when a member cannot be sent.
pub fn serialize_response<O>(output: &O::Output) -> Result<http::Response<Vec<u8>>, BuildError>
where
    O: Operation,
    O::Output: Output,
{
    envelope::available(O::PROTOCOL).map_err(|e| BuildError::new(O::NAME, e))?;
    let status = match O::PROTOCOL {
        Protocol::RestJson1 | Protocol::RestXml(_) => http_of::<O>()?.code,
        Protocol::AwsJson1_0(_)
        | Protocol::AwsJson1_1(_)
        | Protocol::RpcV2Json(_)
        | Protocol::RpcV2Cbor(_)
        | Protocol::AwsQuery(_)
        | Protocol::Ec2Query(_) => 200,
    };
    let mut response = ResponseBuilder::of(O::PROTOCOL, status);
    output.write(&mut response)?;
    Ok(response.build())
}

/// Server: the response for `error` of operation `O`.
///
/// # Errors
/// [`BuildError`] when a member cannot be sent.
pub fn serialize_error<O>(error: &O::Error) -> Result<http::Response<Vec<u8>>, BuildError>
where
    O: Operation,
    O::Error: OperationError,
{
    envelope::available(O::PROTOCOL).map_err(|e| BuildError::new(O::NAME, e))?;
    let mut response = ResponseBuilder::of(O::PROTOCOL, 500);
    error.write(&mut response)?;
    Ok(response.build())
}

/// An output or error structure whose members all travel in the body: its [`Output`]
/// is the serde form, in the protocol's codec.
pub trait BodyOutput: serde::Serialize + serde::de::DeserializeOwned {}

impl<T: BodyOutput> Output for T {
    fn read(response: &HttpResponse<'_>) -> Result<Self, ParseError> {
        response.body()
    }

    fn write(&self, response: &mut ResponseBuilder) -> Result<(), BuildError> {
        response.body(self)
    }
}

/// Implements [`OperationError`] for an operation's error enum from its table of
/// modeled errors: `Variant = "Code" "namespace#Shape" status`, then, in an
/// `@awsQueryCompatible` service, the `x-amzn-query-error` value (`"Code;Sender"`).
#[allow(unused_macros)]
macro_rules! operation_error {
    ($name:ty { $($variant:ident = $code:literal $id:literal $status:literal $($query:literal)?),* $(,)? }) => {
        impl rt::protocol::OperationError for $name {
            fn read(
                code: &str,
                r: &rt::protocol::HttpResponse<'_>,
            ) -> Result<Self, rt::protocol::ParseError> {
                Ok(match code {
                    $($code => Self::$variant(r.modeled_error()?),)*
                    _ => Self::Unhandled(r.unhandled(Some(code))),
                })
            }

            fn write(
                &self,
                r: &mut rt::protocol::ResponseBuilder,
            ) -> Result<(), rt::protocol::BuildError> {
                match self {
                    $(Self::$variant(e) => {
                        $(r.query_error($query)?;)?
                        r.modeled(e, $code, $id, $status)
                    })*
                    Self::Unhandled(e) => {
                        r.unhandled(e);
                        Ok(())
                    }
                }
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use operation_error;

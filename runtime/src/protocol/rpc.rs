//! The RPC protocols' framing: awsJson1_0/1_1 (spec aws/protocols/aws-json-*.rst) and
//! Smithy RPC v2 JSON and CBOR (spec protocols/smithy-rpc-v2-*.rst). Every operation is a
//! `POST` of its whole input as one body; HTTP binding traits are ignored. awsJson
//! addresses the operation with `X-Amz-Target: {Service}.{Operation}` on `/`, RPC v2 with
//! the path `/service/{Service}/operation/{Operation}` and a `Smithy-Protocol` header.
//! The bodies are the types' serde form in the protocol's codec ([`super::body`]).

use super::super::operation::{Operation, Protocol, Rpc};
use super::{BuildError, Input, Rejection, RequestBuilder, RequestOptions, ServerRequest};

/// The `Smithy-Protocol` header value of an RPC v2 protocol; `None` for awsJson.
pub(super) fn smithy_protocol(protocol: Protocol) -> Option<&'static str> {
    match protocol {
        Protocol::RpcV2Json(_) => Some("rpc-v2-json"),
        Protocol::RpcV2Cbor(_) => Some("rpc-v2-cbor"),
        _ => None,
    }
}

/// Client: the request for `input` to operation `O` at `endpoint`.
///
/// # Errors
/// [`BuildError`] when a member cannot be sent.
pub(super) fn serialize_request<O>(
    protocol: Protocol,
    rpc: &Rpc,
    input: &O::Input,
    endpoint: &str,
    options: &RequestOptions,
) -> Result<http::Request<Vec<u8>>, BuildError>
where
    O: Operation,
    O::Input: Input,
{
    let mut request = match smithy_protocol(protocol) {
        Some(name) => {
            let path = format!("/service/{}/operation/{}", rpc.service, O::NAME);
            let mut request = RequestBuilder::rpc(protocol, path);
            request.fixed_header("smithy-protocol", name)?;
            request.fixed_header("accept", super::body::content_type(protocol))?;
            request
        }
        None => {
            let mut request = RequestBuilder::rpc(protocol, "/".to_owned());
            let target = format!("{}.{}", rpc.service, O::NAME);
            request.fixed_header("x-amz-target", &target)?;
            request
        }
    };
    if rpc.query_compatible {
        request.fixed_header("x-amzn-query-mode", "true")?;
    }
    if let Some(prefix) = O::HOST_PREFIX {
        request.host_prefix(prefix, &[])?;
    }
    input.write(&mut request)?;
    if smithy_protocol(protocol).is_none() && !request.has_body() {
        // awsJson: an operation without input still sends `{}`.
        request.body(&Empty {})?;
    }
    let mut request = request.build(endpoint)?;
    super::send::finish(&mut request, super::send::BodyTraits::of::<O>(), options)?;
    Ok(request)
}

/// An empty structure: `{}` in every codec.
#[derive(serde::Serialize)]
struct Empty {}

/// Server: whether `request` is a well-formed call of `protocol` (method, path or target,
/// `Smithy-Protocol`, forbidden target headers), and its view.
///
/// # Errors
/// [`Rejection::NotFound`] when it is not addressed to this protocol's form;
/// [`Rejection::Serialization`] for a malformed one.
pub(super) fn server_request(
    protocol: Protocol,
    request: &http::Request<Vec<u8>>,
) -> Result<ServerRequest<'_>, Rejection> {
    if request.method() != http::Method::POST {
        return Err(Rejection::NotFound);
    }
    if let Some(expected) = smithy_protocol(protocol) {
        let headers = request.headers();
        if headers.contains_key("x-amz-target") || headers.contains_key("x-amzn-target") {
            return Err(Rejection::serialization(
                "an RPC v2 request must not carry X-Amz-Target or X-Amzn-Target",
            ));
        }
        let sent = headers.get("smithy-protocol").and_then(|v| v.to_str().ok());
        if sent != Some(expected) {
            return Err(Rejection::serialization(format!(
                "the Smithy-Protocol header must be `{expected}`"
            )));
        }
    }
    Ok(ServerRequest::rpc(protocol, request))
}

/// The operation a request addresses: `(service, operation)` from `X-Amz-Target` (awsJson,
/// path `/`) or from the last four path segments `service/{S}/operation/{O}` (RPC v2).
/// `None` when it addresses none in that form.
pub fn target<'r>(
    protocol: Protocol,
    path: &'r str,
    headers: &'r http::HeaderMap,
) -> Option<(&'r str, &'r str)> {
    match smithy_protocol(protocol) {
        None => {
            if path != "/" {
                return None;
            }
            let target = headers.get("x-amz-target")?.to_str().ok()?;
            target.split_once('.')
        }
        Some(_) => {
            let mut segments = path.rsplit('/');
            let operation = segments.next()?;
            let literal_operation = segments.next()?;
            let service = segments.next()?;
            let literal_service = segments.next()?;
            (literal_operation == "operation" && literal_service == "service")
                .then_some((service, operation))
        }
    }
}

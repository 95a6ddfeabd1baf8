//! The RPC protocols' framing: awsJson1_0/1_1 (spec aws/protocols/aws-json-*.rst) and
//! Smithy RPC v2 JSON and CBOR (spec protocols/smithy-rpc-v2-*.rst). Every operation is a
//! `POST` of its whole input as one body; HTTP binding traits are ignored. awsJson
//! addresses the operation with `X-Amz-Target: {Service}.{Operation}` on `/`, RPC v2 with
//! the path `/service/{Service}/operation/{Operation}` and a `Smithy-Protocol` header.
//! The bodies are the types' serde form in the protocol's codec ([`super::body`]).

use super::super::operation::{Protocol, Rpc};
use super::{BuildError, Rejection, RequestBuilder, ServerRequest};

/// The `Smithy-Protocol` header value of an RPC v2 protocol; `None` for awsJson.
pub(super) fn smithy_protocol(protocol: Protocol) -> Option<&'static str> {
    match protocol {
        Protocol::RpcV2Json(_) => Some("rpc-v2-json"),
        Protocol::RpcV2Cbor(_) => Some("rpc-v2-cbor"),
        _ => None,
    }
}

/// Client: the request to `operation` of a service speaking RPC `protocol` (settings
/// `rpc`), before the input is written: the `POST` to its path and the protocol's
/// headers; for awsJson a `{}` body, which an input's body replaces. Not generic:
/// compiled once.
///
/// # Errors
/// [`BuildError`] when the service or operation name is not a valid header value.
pub(super) fn start_request(
    protocol: Protocol,
    rpc: &Rpc,
    operation: &str,
) -> Result<RequestBuilder, BuildError> {
    let mut request = match smithy_protocol(protocol) {
        Some(name) => {
            let path = format!("/service/{}/operation/{operation}", rpc.service);
            let mut request = RequestBuilder::rpc(protocol, path);
            request.fixed_header("smithy-protocol", name)?;
            request.fixed_header("accept", super::body::content_type(protocol))?;
            request
        }
        None => {
            let mut request = RequestBuilder::rpc(protocol, "/".to_owned());
            let target = format!("{}.{operation}", rpc.service);
            request.fixed_header("x-amz-target", &target)?;
            // An operation without input still sends `{}`.
            request.body(&Empty {})?;
            request
        }
    };
    if rpc.query_compatible {
        request.fixed_header("x-amzn-query-mode", "true")?;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    const RPC: Rpc = Rpc::new("example", "Svc");

    fn sent(protocol: Protocol, input: Option<&serde_json::Value>) -> http::Request<Vec<u8>> {
        let mut request = start_request(protocol, &RPC, "Op").expect("starts");
        if let Some(input) = input {
            request.body(input).expect("encodes");
        }
        request.build("http://127.0.0.1").expect("builds")
    }

    #[test]
    fn aws_json_sends_an_empty_object_that_an_input_replaces() {
        let bare = sent(Protocol::AwsJson1_0(RPC), None);
        assert_eq!(bare.body(), b"{}");
        assert_eq!(bare.headers()["x-amz-target"], "Svc.Op");
        assert_eq!(bare.headers()["content-type"], "application/x-amz-json-1.0");
        let input = serde_json::json!({"a": 1});
        let written = sent(Protocol::AwsJson1_1(RPC), Some(&input));
        assert_eq!(written.body(), br#"{"a":1}"#);
        assert_eq!(written.headers().get_all("content-type").iter().count(), 1);
    }

    #[test]
    fn rpc_v2_sends_no_body_without_input() {
        let bare = sent(Protocol::RpcV2Json(RPC), None);
        assert!(bare.body().is_empty());
        assert_eq!(bare.uri().path(), "/service/Svc/operation/Op");
        assert!(!bare.headers().contains_key("content-type"));
    }
}

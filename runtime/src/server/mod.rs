//! Serving a service trait over HTTP (feature `server`): each generated service's
//! `<Service>Server` is a `tower_service::Service<http::Request<B>>` built on the pieces
//! here, so hyper serves it directly and axum mounts it.
//!
//! A request goes through [`handle`]: routing by `@http` ([`Routes`], spec
//! http-bindings.rst "Specificity Routing"), the body read up to
//! [`ServerConfig::body_limit`], then the generated dispatch for the operation, which
//! calls [`invoke`]: parse and validate the input (spec aws-restjson1-protocol.rst), call
//! the handler, write the output or error. Refusals are protocol errors:
//!
//! | case | status | `X-Amzn-Errortype` |
//! | --- | --- | --- |
//! | no operation has the path | 404 | `UnknownOperationException` |
//! | operations have the path, not the method | 405 (with `Allow`) | `UnknownOperationException` |
//! | body over the limit | 413 | `RequestEntityTooLargeException` |
//! | malformed or invalid input | 400/406/415 | as [`Rejection`] says |
//! | the handler panics | 500 | `InternalFailure` |
//!
//! A panic is caught per request (the server keeps running); each request runs in a
//! `tracing` span `request` with `method`, `path`, `operation` and `status`.
//! [`serve`] runs a service on a Tokio listener with hyper (HTTP/1.1) until a shutdown
//! future completes, then lets in-flight requests finish.

mod body;
mod routing;
mod serve;

use std::convert::Infallible;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;

use bytes::Bytes;
use futures_util::FutureExt;
use tracing::Instrument;

pub use body::{collect, BodyError};
pub use routing::{Miss, Route, Routes};
pub use serve::{serve, SHUTDOWN_GRACE};

use super::operation::Operation;
use super::protocol::{self, Input, OperationError, Output, Rejection, ResponseBuilder};
use super::validate::Validate;

/// The response body: the whole body in memory.
pub type Body = http_body_util::Full<Bytes>;

/// A response of a generated server.
pub type Response = http::Response<Body>;

/// The future a generated server's `call` returns.
pub type ResponseFuture = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

/// Limits of a generated server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServerConfig {
    /// The largest request body accepted, in bytes; a longer one gets a 413.
    pub body_limit: usize,
}

impl ServerConfig {
    /// The default body limit: 10 MiB.
    pub const DEFAULT_BODY_LIMIT: usize = 10 * 1024 * 1024;

    /// This configuration with body limit `bytes`.
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            body_limit: Self::DEFAULT_BODY_LIMIT,
        }
    }
}

/// Routes `request` by `routes`, reads its body within `config`'s limit, and answers it
/// with `dispatch(operation index, request)`; a panic in `dispatch` (or the future it
/// returns) becomes a 500.
pub fn handle<B, F, Fut>(
    request: http::Request<B>,
    routes: &Routes,
    config: &ServerConfig,
    dispatch: F,
) -> ResponseFuture
where
    B: http_body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    F: FnOnce(usize, http::Request<Vec<u8>>) -> Fut + Send + 'static,
    Fut: Future<Output = http::Response<Vec<u8>>> + Send,
{
    let span = tracing::info_span!(
        "request",
        method = %request.method(),
        path = request.uri().path(),
        operation = tracing::field::Empty,
        status = tracing::field::Empty,
    );
    let uri = request.uri();
    let route = routes.find(
        request.method().as_str(),
        uri.path(),
        uri.query().unwrap_or(""),
    );
    let limit = config.body_limit;
    let route = route.map(|r| (r.operation, r.name));
    let work = async move {
        let response = match route {
            Err(miss) => miss_response(miss),
            Ok((operation, name)) => {
                tracing::Span::current().record("operation", name);
                let (parts, body) = request.into_parts();
                match collect(&parts.headers, body, limit).await {
                    Err(e) => body_error(e),
                    Ok(bytes) => {
                        let request = http::Request::from_parts(parts, Vec::from(bytes));
                        // The closure runs inside the guarded future, so a panic before
                        // the handler's first await is caught too. Boxed: the dispatch
                        // future is as large as the largest operation's, and moving it
                        // by value costs more than the allocation.
                        let guarded = AssertUnwindSafe(async move {
                            Box::pin(dispatch(operation, request)).await
                        });
                        guarded
                            .catch_unwind()
                            .await
                            .unwrap_or_else(|_| internal_failure())
                    }
                }
            }
        };
        tracing::Span::current().record("status", response.status().as_u16());
        Ok(response.map(|body| Body::new(Bytes::from(body))))
    };
    Box::pin(work.instrument(span))
}

/// Operation `O` on `request`: the input parsed and validated, `handler` called, its
/// output or error written (spec aws-restjson1-protocol.rst).
pub async fn invoke<O, H, Fut>(
    request: http::Request<Vec<u8>>,
    handler: H,
) -> http::Response<Vec<u8>>
where
    O: Operation,
    O::Input: Input + Validate,
    O::Output: Output,
    O::Error: OperationError,
    H: FnOnce(O::Input) -> Fut,
    Fut: Future<Output = Result<O::Output, O::Error>>,
{
    let input = match protocol::parse_request::<O>(&request) {
        Ok(input) => input,
        Err(rejection) => {
            tracing::debug!(%rejection, "request refused");
            return rejection.into_response();
        }
    };
    let written = match handler(input).await {
        Ok(output) => protocol::serialize_response::<O>(&output),
        Err(error) => protocol::serialize_error::<O>(&error),
    };
    written.unwrap_or_else(|e| {
        tracing::error!(error = %e, "the response cannot be written");
        internal_failure()
    })
}

/// A response with status `status`, error code `code` and a JSON body `{"message": …}`
/// (no message for `None`).
pub fn error_response(status: u16, code: &str, message: Option<&str>) -> http::Response<Vec<u8>> {
    let mut response = ResponseBuilder::new(status);
    response.error(code, status);
    let body = match message {
        Some(m) => serde_json::json!({ "message": m }),
        None => serde_json::json!({}),
    };
    // A JSON value always serializes.
    let _ = response.json_body(&body);
    response.build()
}

/// The 500 answered for a handler that panicked or a response that cannot be written;
/// it says nothing of the cause (that is for the server's logs).
pub fn internal_failure() -> http::Response<Vec<u8>> {
    tracing::error!("internal failure: the handler panicked or its reply cannot be written");
    error_response(500, "InternalFailure", Some("internal failure"))
}

fn miss_response(miss: Miss) -> http::Response<Vec<u8>> {
    match miss {
        Miss::NotFound => Rejection::NotFound.into_response(),
        Miss::MethodNotAllowed(allowed) => {
            let mut response = error_response(405, "UnknownOperationException", None);
            if let Ok(value) = http::HeaderValue::from_str(&allowed.join(", ")) {
                response.headers_mut().insert(http::header::ALLOW, value);
            }
            response
        }
    }
}

fn body_error(error: BodyError) -> http::Response<Vec<u8>> {
    match error {
        BodyError::TooLarge { limit } => error_response(
            413,
            "RequestEntityTooLargeException",
            Some(&format!("the request body exceeds {limit} bytes")),
        ),
        BodyError::Read(e) => error_response(
            400,
            "SerializationException",
            Some(&format!("the request body cannot be read: {e}")),
        ),
    }
}

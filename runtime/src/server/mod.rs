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
//! | malformed input | 400/406/415 | as [`Rejection`] says |
//! | invalid input (constraints, a missing required member) | 400 | the operation's own error, chosen from the model ([`invoke`]) |
//! | the handler panics | 500 | `InternalFailure` |
//!
//! (A restXml service sends the code as its error document's `<Code>` instead of the
//! header, see `ResponseBuilder::error`; awsQuery and ec2Query services have no server.)
//!
//! A panic is caught per request (the server keeps running); each request runs in a
//! `tracing` span `request` with `method`, `path`, `operation` and `status`.
//! [`serve`] runs a service on a Tokio listener with hyper (HTTP/1.1) until a shutdown
//! future completes, then lets in-flight requests finish; [`serve_with`] does so within a
//! [`ServerConfig`]'s timeouts and connection cap.

mod body;
mod routing;
mod serve;

use std::convert::Infallible;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures_util::FutureExt;
use tracing::Instrument;

pub use body::{collect, BodyError};
pub use routing::{Miss, Route, Routes};
pub use serve::{serve, serve_with, BodyTimedOut, TimedBody, SHUTDOWN_GRACE};

use super::operation::{Operation, Protocol};
use super::protocol::{self, Input, OperationError, Output, Rejection, ResponseBuilder};
use super::validate::{Validate, ValidationError};

/// The response body: the whole body in memory.
pub type Body = http_body_util::Full<Bytes>;

/// A response of a generated server.
pub type Response = http::Response<Body>;

/// The future a generated server's `call` returns.
pub type ResponseFuture = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

/// Limits of a generated server: the body limit, read by the generated server itself, and
/// the connection limits, read by [`serve_with`] (a server mounted elsewhere, e.g. in
/// axum, gets those from its host).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServerConfig {
    /// The largest request body accepted, in bytes; a longer one gets a 413.
    pub body_limit: usize,
    /// How long a connection may take to send a request's head (request line and
    /// headers), from when the server starts waiting for it: on a new connection, or on a
    /// kept-alive one after its last response. Then the connection is closed. Its
    /// default is hyper's `header_read_timeout`'s.
    ///
    /// [`serve_with`] keeps this and the other two timeouts with one watchdog per
    /// connection that looks every quarter of the shortest: each fires between its value
    /// and a quarter more.
    pub header_read_timeout: Duration,
    /// How long a connection with no request in flight may stay silent (no byte read or
    /// written) before it is closed.
    pub idle_timeout: Duration,
    /// How long a request's body may take to arrive, from the end of its head; a late
    /// one is answered 408 `RequestTimeoutException`.
    pub body_read_timeout: Duration,
    /// The most connections open at once; at the cap no more are accepted (they wait in
    /// the listen backlog) until one closes, so a flood cannot exhaust file descriptors.
    pub max_connections: usize,
}

impl ServerConfig {
    /// The default body limit: 10 MiB.
    pub const DEFAULT_BODY_LIMIT: usize = 10 * 1024 * 1024;
    /// The default header-read timeout: hyper's, 30 s.
    pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);
    /// The default idle timeout: 60 s (nginx closes idle keep-alive connections after
    /// 75 s, Node after 5 s).
    pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(60);
    /// The default body-read timeout: 30 s, as the header read.
    pub const DEFAULT_BODY_READ_TIMEOUT: Duration = Duration::from_secs(30);
    /// The default connection cap: 512, half the usual soft limit of 1,024 descriptors.
    pub const DEFAULT_MAX_CONNECTIONS: usize = 512;

    /// This configuration with body limit `bytes`.
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// This configuration with header-read timeout `timeout`.
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout;
        self
    }

    /// This configuration with idle timeout `timeout`.
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = timeout;
        self
    }

    /// This configuration with body-read timeout `timeout`.
    pub fn body_read_timeout(mut self, timeout: Duration) -> Self {
        self.body_read_timeout = timeout;
        self
    }

    /// This configuration with at most `connections` open connections (at least one).
    pub fn max_connections(mut self, connections: usize) -> Self {
        self.max_connections = connections.max(1);
        self
    }
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            body_limit: Self::DEFAULT_BODY_LIMIT,
            header_read_timeout: Self::DEFAULT_HEADER_READ_TIMEOUT,
            idle_timeout: Self::DEFAULT_IDLE_TIMEOUT,
            body_read_timeout: Self::DEFAULT_BODY_READ_TIMEOUT,
            max_connections: Self::DEFAULT_MAX_CONNECTIONS,
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
    let protocol = routes.protocol();
    let (operation, name) = match routes.route(&request) {
        Ok(route) => (route.operation, route.name),
        Err(miss) => {
            let response = miss_response(protocol, miss);
            span.record("status", response.status().as_u16());
            return Box::pin(std::future::ready(Ok(response.map(into_body))));
        }
    };
    span.record("operation", name);
    let (parts, body) = request.into_parts();
    let limit = config.body_limit;
    // Fields are recorded through the span itself, not `Span::current()`, which only a
    // subscriber that tracks the current span can answer.
    let fields = span.clone();
    // The future holds no more than it needs across its awaits (the head, the body being
    // read), and the operation's own future is boxed apart: both are moved and allocated
    // per request, so their size is time.
    let work = async move {
        let response = match collect(&parts.headers, body, limit).await {
            Err(e) => body_error(protocol, e),
            Ok(bytes) => {
                let request = http::Request::from_parts(parts, Vec::from(bytes));
                // The closure runs inside the guarded future, so a panic before the
                // handler's first await is caught too.
                let guarded =
                    AssertUnwindSafe(async move { Box::pin(dispatch(operation, request)).await });
                guarded
                    .catch_unwind()
                    .await
                    .unwrap_or_else(|_| internal_failure(protocol))
            }
        };
        fields.record("status", response.status().as_u16());
        Ok(response.map(into_body))
    };
    Box::pin(work.instrument(span))
}

fn into_body(body: Vec<u8>) -> Body {
    Body::new(Bytes::from(body))
}

/// Operation `O` on `request`: the input parsed and validated, `handler` called, its
/// output or error written (spec aws-restjson1-protocol.rst).
///
/// Invalid input (constraint violations, a missing required member) is answered with
/// the error `reject` makes of the violations, one the operation models; when it makes
/// none, with `smithy.framework#ValidationException`. The generator decides per
/// operation which error that is (see [`reject`]).
pub fn invoke<O, H, Fut, R>(
    request: http::Request<Vec<u8>>,
    handler: H,
    reject: R,
) -> impl Future<Output = http::Response<Vec<u8>>>
where
    O: Operation,
    O::Input: Input + Validate,
    O::Output: Output,
    O::Error: OperationError,
    H: FnOnce(O::Input) -> Fut,
    Fut: Future<Output = Result<O::Output, O::Error>>,
    R: FnOnce(&ValidationError) -> Option<O::Error>,
{
    // Parsed before the future is made, so that the future holds the input, not the
    // request it came from, while the handler runs.
    let input = protocol::parse_request::<O>(&request).map_err(|rejection| {
        tracing::debug!(%rejection, "request refused");
        match rejection {
            Rejection::Validation(v) => match reject(&v) {
                Some(error) => written::<O>(protocol::serialize_error::<O>(&error)),
                None => Rejection::Validation(v).response_in(O::PROTOCOL),
            },
            other => other.response_in(O::PROTOCOL),
        }
    });
    drop(request);
    async move {
        match input {
            Err(refused) => refused,
            Ok(input) => written::<O>(match handler(input).await {
                Ok(output) => protocol::serialize_response::<O>(&output),
                Err(error) => protocol::serialize_error::<O>(&error),
            }),
        }
    }
}

/// The response, or a 500 when it cannot be written.
fn written<O: Operation>(
    response: Result<http::Response<Vec<u8>>, protocol::BuildError>,
) -> http::Response<Vec<u8>> {
    response.unwrap_or_else(|e| {
        tracing::error!(operation = O::NAME, error = %e, "the response cannot be written");
        internal_failure(O::PROTOCOL)
    })
}

/// A service's replacement for the model's choice of error for invalid input: given the
/// operation's name (`CreateRoom`) and the violations, the service-wide error to answer
/// with, or `None` to keep the model's choice. Set on a generated server with
/// `on_invalid_input`.
pub type RejectHook<E> = Arc<dyn Fn(&'static str, &ValidationError) -> Option<E> + Send + Sync>;

/// The error operation `operation` answers `violations` with: `hook`'s, when it gives
/// one the operation lists, else `model`'s (the generator's choice from the model:
/// `None` for `smithy.framework#ValidationException`). A hook's error the operation
/// does not list is logged and not sent, so every response keeps to the model.
pub fn reject<E, S>(
    hook: Option<&RejectHook<S>>,
    operation: &'static str,
    violations: &ValidationError,
    model: fn(&ValidationError) -> Option<E>,
) -> Option<E>
where
    E: TryFrom<S>,
{
    if let Some(error) = hook.and_then(|hook| hook(operation, violations)) {
        match E::try_from(error) {
            Ok(error) => return Some(error),
            Err(_) => tracing::warn!(
                operation,
                "the invalid-input hook returned an error the operation does not list; \
                 answering with the model's choice"
            ),
        }
    }
    model(violations)
}

/// The model's choice for an operation bound to `smithy.framework#ValidationException`,
/// or with no error of its own that fits: that framework error.
pub fn framework<E>(_: &ValidationError) -> Option<E> {
    None
}

/// A response in `protocol` with status `status`, error code `code` and a body
/// `{"message": …}` (no message for `None`; in an XML protocol, its error document with a
/// `<Message>`).
pub fn error_response(
    protocol: Protocol,
    status: u16,
    code: &str,
    message: Option<&str>,
) -> http::Response<Vec<u8>> {
    let mut response = ResponseBuilder::of(protocol, status);
    response.error(code, None, status);
    response.message_body(message);
    response.build()
}

/// The 500 answered for a handler that panicked or a response that cannot be written;
/// it says nothing of the cause (that is for the server's logs).
pub fn internal_failure(protocol: Protocol) -> http::Response<Vec<u8>> {
    tracing::error!("internal failure: the handler panicked or its reply cannot be written");
    error_response(protocol, 500, "InternalFailure", Some("internal failure"))
}

fn miss_response(protocol: Protocol, miss: Miss) -> http::Response<Vec<u8>> {
    match miss {
        Miss::NotFound => Rejection::NotFound.response_in(protocol),
        Miss::MethodNotAllowed(allowed) => {
            let mut response = error_response(protocol, 405, "UnknownOperationException", None);
            if let Ok(value) = http::HeaderValue::from_str(&allowed.join(", ")) {
                response.headers_mut().insert(http::header::ALLOW, value);
            }
            response
        }
    }
}

fn body_error(protocol: Protocol, error: BodyError) -> http::Response<Vec<u8>> {
    match error {
        BodyError::TimedOut(after) => error_response(
            protocol,
            408,
            "RequestTimeoutException",
            Some(&format!(
                "the request body did not arrive within {} ms",
                after.as_millis()
            )),
        ),
        BodyError::TooLarge { limit } => error_response(
            protocol,
            413,
            "RequestEntityTooLargeException",
            Some(&format!("the request body exceeds {limit} bytes")),
        ),
        BodyError::Read(e) => error_response(
            protocol,
            400,
            "SerializationException",
            Some(&format!("the request body cannot be read: {e}")),
        ),
    }
}

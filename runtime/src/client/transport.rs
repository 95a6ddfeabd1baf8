//! Sending a request: the [`HttpClient`] trait a client calls (plug in another HTTP client,
//! a host's `fetch` on wasm32, or a test double) and its error. Feature `client` adds the
//! default implementation, `HyperClient`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

/// The future [`HttpClient::send`] returns.
pub type HttpFuture =
    Pin<Box<dyn Future<Output = Result<http::Response<Vec<u8>>, TransportError>> + Send>>;

/// Sends one HTTP request and reads the whole response.
///
/// On wasm32 without threads a host's futures are usually not `Send`; as nothing there
/// runs on another thread, a transport may wrap them (e.g. in `send_wrapper::SendWrapper`)
/// to return an [`HttpFuture`].
pub trait HttpClient: Send + Sync {
    /// Sends `request` (absolute URI, body bytes) and returns the response with its body.
    fn send(&self, request: http::Request<Vec<u8>>) -> HttpFuture;
}

/// What failed in the transport.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportErrorKind {
    /// No connection could be made (refused, DNS, connect timeout, TLS handshake).
    Connect,
    /// The connection failed while sending or receiving.
    Io,
    /// The request could not be handed to the client (bad URI, …).
    Request,
}

/// The request was not sent or the response not received; the cause is kept.
#[derive(Debug, Clone)]
pub struct TransportError {
    /// What failed.
    pub kind: TransportErrorKind,
    /// The client's error.
    pub source: super::super::ErrorSource,
}

impl TransportError {
    /// A transport error of `kind` caused by `source`.
    pub fn new(
        kind: TransportErrorKind,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        TransportError {
            kind,
            source: std::sync::Arc::new(source),
        }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "cannot connect",
            TransportErrorKind::Io => "connection failed",
            TransportErrorKind::Request => "cannot send the request",
        };
        // hyper-util's error says little itself ("client error (Connect)"): the innermost
        // cause says what happened.
        let mut cause: &(dyn std::error::Error + 'static) = &*self.source;
        while let Some(next) = cause.source() {
            cause = next;
        }
        write!(f, "{what}: {cause}")
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// Why a client without feature `client` has no HTTP client of its own.
#[derive(Debug, Clone, Copy)]
pub struct NoDefaultHttpClient;

impl fmt::Display for NoDefaultHttpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "no HTTP client: without feature `client` there is no default one; set \
             Config::with_http_client",
        )
    }
}

impl std::error::Error for NoDefaultHttpClient {}

/// The HTTP client of a config that names none: hyper + rustls with feature `client`
/// (giving up connecting after `connect_timeout`), otherwise an error saying to set one.
pub(crate) fn default_http_client(
    connect_timeout: std::time::Duration,
) -> Result<std::sync::Arc<dyn HttpClient>, TransportError> {
    #[cfg(feature = "client")]
    {
        super::HyperClient::new(connect_timeout)
            .map(|c| std::sync::Arc::new(c) as std::sync::Arc<dyn HttpClient>)
    }
    #[cfg(not(feature = "client"))]
    {
        let _ = connect_timeout;
        Err(TransportError::new(
            TransportErrorKind::Request,
            NoDefaultHttpClient,
        ))
    }
}

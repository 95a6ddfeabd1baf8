//! The default HTTP client (feature `client`): hyper 1 with rustls (ring crypto, the
//! platform's root certificates, HTTP/1.1) on tokio.

use std::fmt;
use std::time::Duration;

use http_body_util::{BodyExt, Full};

use super::transport::{HttpClient, HttpFuture, TransportError, TransportErrorKind};

type Connector = hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>;

/// The default client: hyper 1 over rustls (ring provider, native root certificates,
/// TLS 1.2 and 1.3), HTTP/1.1, pooled connections. Cheap to clone. Requests must be sent
/// from within a tokio runtime (connections are driven by spawned tasks).
#[derive(Clone)]
pub struct HyperClient {
    client: hyper_util::client::legacy::Client<Connector, Full<bytes::Bytes>>,
}

impl fmt::Debug for HyperClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HyperClient")
    }
}

impl HyperClient {
    /// A client that gives up connecting after `connect_timeout`. When the platform's root
    /// certificates cannot be loaded it still works for `http://` URLs, and `https://`
    /// handshakes fail naming the certificate problem.
    ///
    /// # Errors
    /// [`TransportError`] when rustls refuses its configuration (the ring provider lacks
    /// the default protocol versions: not expected).
    pub fn new(connect_timeout: Duration) -> Result<Self, TransportError> {
        let mut http = hyper_util::client::legacy::connect::HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(Some(connect_timeout));
        http.set_nodelay(true);
        let tls = tls_config().map_err(|e| TransportError::new(TransportErrorKind::Request, e))?;
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let client =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build(https);
        Ok(HyperClient { client })
    }
}

/// rustls with the ring provider and the platform's roots (none if they cannot be read:
/// `http://` endpoints, e.g. a local server, need none).
fn tls_config() -> Result<rustls::ClientConfig, rustls::Error> {
    use hyper_rustls::ConfigBuilderExt;
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?;
    let builder = match builder.clone().with_native_roots() {
        Ok(builder) => builder,
        Err(error) => {
            tracing::warn!(%error, "no platform root certificates: https will fail");
            builder.with_root_certificates(rustls::RootCertStore::empty())
        }
    };
    Ok(builder.with_no_client_auth())
}

impl HttpClient for HyperClient {
    fn send(&self, request: http::Request<Vec<u8>>) -> HttpFuture {
        let client = self.client.clone();
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let request = http::Request::from_parts(parts, Full::new(bytes::Bytes::from(body)));
            let response = client.request(request).await.map_err(|e| {
                let kind = if e.is_connect() {
                    TransportErrorKind::Connect
                } else {
                    TransportErrorKind::Io
                };
                TransportError::new(kind, e)
            })?;
            let (parts, body) = response.into_parts();
            let body = read_body(body, content_length(&parts.headers)).await?;
            Ok(http::Response::from_parts(parts, body))
        })
    }
}

/// The most a `Content-Length` reserves up front: a larger body still arrives whole, but
/// a lying header cannot make the client allocate more than this before any byte comes.
const RESERVE_LIMIT: usize = 16 << 20;

/// The response's declared length, if it gives a readable one.
fn content_length(headers: &http::HeaderMap) -> Option<usize> {
    headers
        .get(http::header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

/// The whole body, copied once into a buffer sized from `Content-Length` (collecting
/// frames and then copying them out would copy a large body twice and regrow its buffer).
async fn read_body(
    mut body: hyper::body::Incoming,
    length: Option<usize>,
) -> Result<Vec<u8>, TransportError> {
    let mut out = Vec::with_capacity(length.unwrap_or(0).min(RESERVE_LIMIT));
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| TransportError::new(TransportErrorKind::Io, e))?;
        if let Some(data) = frame.data_ref() {
            out.extend_from_slice(data);
        }
    }
    Ok(out)
}

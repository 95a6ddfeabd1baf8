//! The default HTTP client (feature `client`): hyper 1 with rustls (ring crypto, the
//! platform's root certificates plus any the user adds, HTTP/1.1) on tokio.

use std::fmt;
use std::time::Duration;

use http_body_util::{BodyExt, Full};
pub use rustls::pki_types::CertificateDer;

use super::transport::{HttpClient, HttpFuture, TransportError, TransportErrorKind};

type Connector = hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>;

/// The default client: hyper 1 over rustls (ring provider, the platform's root
/// certificates and any extra ones, TLS 1.2 and 1.3), HTTP/1.1, pooled keep-alive
/// connections. Cheap to clone. Requests must be sent from within a tokio runtime
/// (connections are driven by spawned tasks).
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
    /// A client that gives up connecting after `connect_timeout` and trusts the platform's
    /// root certificates. When they cannot be loaded it still works for `http://` URLs,
    /// and `https://` handshakes fail naming the certificate problem.
    ///
    /// # Errors
    /// [`TransportError`] when rustls refuses its configuration (the ring provider lacks
    /// the default protocol versions: not expected).
    pub fn new(connect_timeout: Duration) -> Result<Self, TransportError> {
        HyperClient::with_extra_roots(connect_timeout, Vec::new())
    }

    /// A client that trusts `extra_roots` (DER certificates, e.g. a private or test CA;
    /// [`certificates_from_pem`] reads a PEM file's) besides the platform's root
    /// certificates, and gives up connecting after `connect_timeout`
    /// ([`Timeouts::default`](super::Timeouts)'s is 3.1 s). Hand it to a client with
    /// [`Config::with_http_client`](super::Config::with_http_client).
    ///
    /// # Errors
    /// [`TransportError`] of kind [`Request`](TransportErrorKind::Request) naming the
    /// first of `extra_roots` that is not a usable CA certificate (its position, from 0,
    /// and why), or when rustls refuses its configuration.
    pub fn with_extra_roots(
        connect_timeout: Duration,
        extra_roots: Vec<CertificateDer<'static>>,
    ) -> Result<Self, TransportError> {
        let mut http = hyper_util::client::legacy::connect::HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(Some(connect_timeout));
        http.set_nodelay(true);
        let mut roots = platform_roots();
        for (position, root) in extra_roots.into_iter().enumerate() {
            roots.add(root).map_err(|e| {
                let problem = RootCertificateError(format!(
                    "extra root certificate {position} is not usable: {e}"
                ));
                TransportError::new(TransportErrorKind::Request, problem)
            })?;
        }
        let tls =
            tls_config(roots).map_err(|e| TransportError::new(TransportErrorKind::Request, e))?;
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

/// The certificates of the `CERTIFICATE` blocks of a PEM text (e.g. a CA bundle file), in
/// order, for [`HyperClient::with_extra_roots`]; other blocks (keys) are skipped.
///
/// # Errors
/// [`TransportError`] of kind [`Request`](TransportErrorKind::Request) when the text is
/// not PEM (saying why) or holds no `CERTIFICATE` block.
pub fn certificates_from_pem(pem: &[u8]) -> Result<Vec<CertificateDer<'static>>, TransportError> {
    use rustls::pki_types::pem::PemObject;
    let certificates = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| {
            let problem = RootCertificateError(format!("unreadable PEM certificates: {e}"));
            TransportError::new(TransportErrorKind::Request, problem)
        })?;
    if certificates.is_empty() {
        let problem = RootCertificateError("no CERTIFICATE block in the PEM text".to_owned());
        return Err(TransportError::new(TransportErrorKind::Request, problem));
    }
    Ok(certificates)
}

/// A root certificate that could not be taken: what and why.
#[derive(Debug)]
struct RootCertificateError(String);

impl fmt::Display for RootCertificateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RootCertificateError {}

/// The platform's root certificates, those that parse (none if they cannot be read:
/// `http://` endpoints, e.g. a local server, need none; `https://` ones then fail
/// naming the unknown issuer).
fn platform_roots() -> rustls::RootCertStore {
    let mut roots = rustls::RootCertStore::empty();
    let found = rustls_native_certs::load_native_certs();
    for error in &found.errors {
        tracing::warn!(%error, "cannot read some platform root certificates");
    }
    let (added, ignored) = roots.add_parsable_certificates(found.certs);
    if ignored > 0 {
        tracing::debug!(
            added,
            ignored,
            "unparsable platform root certificates ignored"
        );
    }
    if roots.is_empty() {
        tracing::warn!("no platform root certificates: https will fail");
    }
    roots
}

/// rustls with the ring provider, TLS 1.2 and 1.3, trusting `roots`.
fn tls_config(roots: rustls::RootCertStore) -> Result<rustls::ClientConfig, rustls::Error> {
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth())
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

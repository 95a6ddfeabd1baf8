//! The generated client over HTTPS against a real TLS server on 127.0.0.1: a CA and the
//! server's certificate are made in each test (rcgen, ECDSA P-256), the server is rustls
//! (tokio-rustls) in front of hyper's HTTP/1.1 server, and the client is the default
//! `HyperClient` (rustls, ring).
//!
//! - with the test CA added to the client's roots (PEM or DER) a call succeeds, and three
//!   sequential calls share one TCP connection and one handshake (keep-alive);
//! - the default client (platform roots only) refuses the test CA's certificate, and a
//!   certificate for another name is refused even from a trusted CA: both fail with a
//!   `Transport` error whose message says why;
//! - roots that are not certificates are refused when the client is built, saying which.
//!
//! Every test runs under a 10 s `tokio::time::timeout`; servers stop with their runtime.

mod common;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use common::run;
use generated::ivschat::{self, Ivschat};
use generated::runtime::client::{
    certificates_from_pem, CertificateDer, Config, Credentials, HyperClient, RetryConfig, Timeouts,
    TransportError, TransportErrorKind,
};
use generated::runtime::UnhandledKind;
use http_body_util::Full;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

/// The room the server's `GetRoom` answer names.
const ROOM_ARN: &str = "arn:aws:ivschat:us-west-2:123456789012:room/tls";

/// A certificate authority made for one test.
struct TestCa {
    issuer: CertifiedIssuer<'static, KeyPair>,
}

impl TestCa {
    fn new(name: &str) -> TestCa {
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let key = KeyPair::generate().expect("CA key");
        TestCa {
            issuer: CertifiedIssuer::self_signed(params, key).expect("self-signed CA"),
        }
    }

    fn der(&self) -> CertificateDer<'static> {
        self.issuer.der().clone()
    }

    /// The CA certificate as a PEM file holds it (64-column base64 lines).
    fn pem(&self) -> String {
        use base64::Engine as _;
        let text = base64::engine::general_purpose::STANDARD.encode(self.der());
        let mut pem = String::from("-----BEGIN CERTIFICATE-----\n");
        for line in text.as_bytes().chunks(64) {
            pem.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
            pem.push('\n');
        }
        pem.push_str("-----END CERTIFICATE-----\n");
        pem
    }

    /// A server certificate for `names` (DNS names or IP addresses) signed by this CA,
    /// with its PKCS#8 key.
    fn server_certificate(
        &self,
        names: &[&str],
    ) -> (CertificateDer<'static>, PrivateKeyDer<'static>) {
        let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        let mut params = CertificateParams::new(names).expect("server params");
        params
            .distinguished_name
            .push(DnType::CommonName, "test server");
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let key = KeyPair::generate().expect("server key");
        let certificate = params
            .signed_by(&key, &self.issuer)
            .expect("signed by the CA");
        let key = PrivatePkcs8KeyDer::from(key.serialize_der());
        (certificate.der().clone(), key.into())
    }
}

/// What the server saw.
#[derive(Default)]
struct Seen {
    /// TCP connections accepted.
    connections: AtomicUsize,
    /// TLS handshakes completed.
    handshakes: AtomicUsize,
    /// HTTP requests answered.
    requests: AtomicUsize,
    /// Why handshakes failed, as the server's rustls says.
    failures: Mutex<Vec<String>>,
}

/// A TLS server on 127.0.0.1 that answers every request with a `GetRoom` output.
struct TlsServer {
    addr: SocketAddr,
    seen: Arc<Seen>,
}

impl TlsServer {
    /// A server presenting a certificate for `names` signed by `ca`.
    async fn start(ca: &TestCa, names: &[&str]) -> Self {
        let (certificate, key) = ca.server_certificate(names);
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(vec![certificate], key)
            .expect("server certificate and key");
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(tls));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        let seen = Arc::new(Seen::default());
        let shared = seen.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                shared.connections.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(serve(acceptor.clone(), stream, shared.clone()));
            }
        });
        TlsServer { addr, seen }
    }

    fn url(&self) -> String {
        format!("https://{}", self.addr)
    }

    fn count(&self, what: impl Fn(&Seen) -> &AtomicUsize) -> usize {
        what(&self.seen).load(Ordering::SeqCst)
    }

    fn failures(&self) -> Vec<String> {
        self.seen.failures.lock().expect("failures").clone()
    }
}

/// One connection: the handshake, then HTTP/1.1 with keep-alive until the client closes.
async fn serve(
    acceptor: tokio_rustls::TlsAcceptor,
    stream: tokio::net::TcpStream,
    seen: Arc<Seen>,
) {
    let stream = match acceptor.accept(stream).await {
        Ok(stream) => stream,
        Err(error) => {
            seen.failures
                .lock()
                .expect("failures")
                .push(error.to_string());
            return;
        }
    };
    seen.handshakes.fetch_add(1, Ordering::SeqCst);
    let service = hyper::service::service_fn(move |_request| {
        seen.requests.fetch_add(1, Ordering::SeqCst);
        let body = serde_json::json!({ "arn": ROOM_ARN }).to_string();
        let response = http::Response::builder()
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from(body)));
        std::future::ready(response)
    });
    let _ = hyper::server::conn::http1::Builder::new()
        .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
        .await;
}

/// A client config for `url` with static credentials and no retries (a refused
/// certificate is a transport failure, which would otherwise be retried).
fn config(url: &str) -> Config {
    Config::new()
        .with_region("us-west-2")
        .with_endpoint_url(url)
        .with_credentials(Credentials::new("AKID", "secret"))
        .with_retry(RetryConfig::disabled())
}

fn client_trusting(roots: Vec<CertificateDer<'static>>) -> HyperClient {
    HyperClient::with_extra_roots(Timeouts::default().connect, roots).expect("client")
}

async fn get_room(
    client: &ivschat::Client,
) -> Result<ivschat::GetRoomResponse, ivschat::GetRoomError> {
    client
        .get_room(ivschat::GetRoomRequest::new("tls".to_owned()))
        .await
}

/// The message of a call that fails in the TLS handshake: an `Unhandled` error of kind
/// `Transport` caused by a `Connect` transport error, with no request served.
async fn refused(client: &ivschat::Client, server: &TlsServer) -> String {
    let error = match get_room(client).await {
        Err(ivschat::GetRoomError::Unhandled(e)) => e,
        other => panic!("expected an Unhandled error, got {other:?}"),
    };
    assert_eq!(error.kind, UnhandledKind::Transport);
    let cause = error
        .source
        .as_deref()
        .expect("the transport error is kept");
    let cause = cause
        .downcast_ref::<TransportError>()
        .expect("caused by a TransportError");
    assert_eq!(cause.kind, TransportErrorKind::Connect);
    assert_eq!(server.count(|s| &s.handshakes), 0);
    assert_eq!(server.count(|s| &s.requests), 0);
    error.to_string()
}

#[test]
fn a_call_succeeds_with_the_test_ca_added_from_pem() {
    run(async {
        let ca = TestCa::new("test CA (PEM)");
        let server = TlsServer::start(&ca, &["127.0.0.1"]).await;
        let roots = certificates_from_pem(ca.pem().as_bytes()).expect("the CA's PEM");
        assert_eq!(roots, vec![ca.der()]);
        let client =
            ivschat::Client::new(config(&server.url()).with_http_client(client_trusting(roots)));

        let room = get_room(&client).await.expect("the call succeeds over TLS");
        assert_eq!(room.arn.as_deref(), Some(ROOM_ARN));
        assert_eq!(server.count(|s| &s.handshakes), 1);
        assert!(server.failures().is_empty(), "{:?}", server.failures());
    });
}

#[test]
fn sequential_calls_reuse_one_connection() {
    run(async {
        let ca = TestCa::new("test CA (keep-alive)");
        let server = TlsServer::start(&ca, &["127.0.0.1"]).await;
        let client = ivschat::Client::new(
            config(&server.url()).with_http_client(client_trusting(vec![ca.der()])),
        );

        for call in 1..=3 {
            let room = get_room(&client)
                .await
                .unwrap_or_else(|e| panic!("call {call}: {e}"));
            assert_eq!(room.arn.as_deref(), Some(ROOM_ARN));
        }
        assert_eq!(server.count(|s| &s.requests), 3);
        assert_eq!(
            server.count(|s| &s.connections),
            1,
            "one TCP connection for 3 calls"
        );
        assert_eq!(
            server.count(|s| &s.handshakes),
            1,
            "one TLS handshake for 3 calls"
        );
    });
}

#[test]
fn an_unknown_ca_is_a_transport_error_naming_the_unknown_issuer() {
    run(async {
        let ca = TestCa::new("unknown test CA");
        let server = TlsServer::start(&ca, &["127.0.0.1"]).await;
        // No HTTP client configured: the default one, which trusts the platform's roots.
        let client = ivschat::Client::new(config(&server.url()));

        assert_eq!(
            refused(&client, &server).await,
            "transport failure (attempt 1 of 1) calling ivschat GetRoom: cannot connect: \
             invalid peer certificate: UnknownIssuer"
        );
    });
}

#[test]
fn a_certificate_for_another_name_is_a_transport_error_naming_the_mismatch() {
    run(async {
        let ca = TestCa::new("test CA (wrong name)");
        let server = TlsServer::start(&ca, &["wrong.example"]).await;
        let client = ivschat::Client::new(
            config(&server.url()).with_http_client(client_trusting(vec![ca.der()])),
        );

        assert_eq!(
            refused(&client, &server).await,
            "transport failure (attempt 1 of 1) calling ivschat GetRoom: cannot connect: \
             invalid peer certificate: certificate not valid for name \"127.0.0.1\"; \
             certificate is only valid for DnsName(\"wrong.example\")"
        );
    });
}

#[test]
fn roots_that_are_not_certificates_are_refused_saying_which() {
    let ca = TestCa::new("test CA (bad roots)");
    let garbage = CertificateDer::from(b"not a certificate".to_vec());
    let error = HyperClient::with_extra_roots(Timeouts::default().connect, vec![ca.der(), garbage])
        .expect_err("a root that is not DER");
    assert_eq!(error.kind, TransportErrorKind::Request);
    assert!(
        error
            .to_string()
            .starts_with("cannot send the request: extra root certificate 1 is not usable: "),
        "{error}"
    );

    let error = certificates_from_pem(b"no PEM here").expect_err("no certificate");
    assert_eq!(
        error.to_string(),
        "cannot send the request: no CERTIFICATE block in the PEM text"
    );
    let broken = "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n";
    let error = certificates_from_pem(broken.as_bytes()).expect_err("bad base64");
    assert!(
        error
            .to_string()
            .starts_with("cannot send the request: unreadable PEM certificates: "),
        "{error}"
    );
}

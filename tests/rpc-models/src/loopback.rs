//! A generated server on an ephemeral 127.0.0.1 port, run by `runtime::server::serve` on
//! a thread of its own (so a test may block, e.g. on the AWS CLI, while it answers),
//! recording the head of every request it receives, so the tests can check the wire:
//! `X-Amz-Target`, `Content-Type`, the SigV4 `Authorization`. Dropping it shuts the
//! server down gracefully and joins the thread.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use std::time::Duration;

use crate::runtime::client::{Config, Credentials};
use crate::runtime::server::{serve, Response, TimedBody};

/// How long [`run`] lets a test take.
const TEST_TIMEOUT: Duration = Duration::from_secs(20);

/// The head of a request the server received.
#[derive(Debug, Clone)]
pub struct Head {
    /// `POST` for every RPC call.
    pub method: http::Method,
    /// Path and query.
    pub uri: http::Uri,
    /// Every header as received.
    pub headers: http::HeaderMap,
}

impl Head {
    /// Header `name`'s value as text; `None` when absent or not visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Checks that this is an awsJson call as a generated client sends it (spec
    /// aws/protocols/aws-json-1_*-protocol.rst): `POST /` with `Content-Type`
    /// `content_type` and an `X-Amz-Target`, signed with SigV4 by [`Loopback::client_config`]'s
    /// credentials for `signing_name` in `us-east-1`, the target among the signed headers.
    ///
    /// # Panics
    /// Saying what differs, with the request's head.
    pub fn assert_aws_json(&self, content_type: &str, signing_name: &str) {
        assert_eq!(self.method, http::Method::POST, "{self:?}");
        assert_eq!(self.uri.path(), "/", "{self:?}");
        assert_eq!(self.header("content-type"), Some(content_type), "{self:?}");
        assert!(self.header("x-amz-target").is_some(), "{self:?}");
        assert!(self.header("x-amz-date").is_some(), "{self:?}");
        let authorization = self.header("authorization").unwrap_or_default();
        let scope = format!("/us-east-1/{signing_name}/aws4_request");
        assert!(
            authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                && authorization.contains(&scope)
                && authorization.contains("x-amz-target"),
            "not signed for {signing_name} with the target: {self:?}"
        );
    }
}

/// The running server.
pub struct Loopback {
    address: SocketAddr,
    heads: Arc<Mutex<Vec<Head>>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Loopback {
    /// Serves `service` (a generated `<Service>Server`) until dropped.
    ///
    /// # Panics
    /// When no Tokio runtime can be built or no loopback port bound: the test cannot run.
    pub fn start<S>(service: S) -> Loopback
    where
        S: tower_service::Service<
                http::Request<TimedBody>,
                Response = Response,
                Error = Infallible,
            > + Clone
            + Send
            + 'static,
        S::Future: Send + 'static,
    {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a Tokio runtime");
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("a loopback port");
        let address = listener.local_addr().expect("the bound address");
        let heads = Arc::new(Mutex::new(Vec::new()));
        let recorder = Recorder {
            inner: service,
            heads: Arc::clone(&heads),
        };
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let shutdown = async {
                let _ = stopped.await;
            };
            runtime
                .block_on(serve(listener, recorder, shutdown))
                .expect("the server runs");
        });
        Loopback {
            address,
            heads,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT`, the endpoint URL for clients.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// A client configuration for this server: its URL as the endpoint, region
    /// `us-east-1`, the dummy credentials `AKIDEXAMPLE` (the server does not verify
    /// signatures).
    pub fn client_config(&self) -> Config {
        Config::new()
            .with_region("us-east-1")
            .with_credentials(Credentials::new("AKIDEXAMPLE", "secret"))
            .with_endpoint_url(self.url())
    }

    /// The heads of the requests received so far, in order.
    pub fn heads(&self) -> Vec<Head> {
        self.heads.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl Drop for Loopback {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Runs `test` on a Tokio runtime (a generated client's transport needs one), bounded to
/// 20 s.
///
/// # Panics
/// When the test takes longer, or no runtime can be built.
pub fn run<F: std::future::Future<Output = ()>>(test: F) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a Tokio runtime");
    runtime.block_on(async {
        tokio::time::timeout(TEST_TIMEOUT, test)
            .await
            .unwrap_or_else(|_| panic!("the test did not finish in {TEST_TIMEOUT:?}"));
    });
}

/// A service that records each request's head, then hands the request to `inner`.
#[derive(Clone)]
struct Recorder<S> {
    inner: S,
    heads: Arc<Mutex<Vec<Head>>>,
}

impl<S, B> tower_service::Service<http::Request<B>> for Recorder<S>
where
    S: tower_service::Service<http::Request<B>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        let head = Head {
            method: request.method().clone(),
            uri: request.uri().clone(),
            headers: request.headers().clone(),
        };
        self.heads
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(head);
        self.inner.call(request)
    }
}

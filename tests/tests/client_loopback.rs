//! The generated clients against a real HTTP server on 127.0.0.1 (hyper, one task per
//! connection) that records each request and answers from a script: the exact requests
//! sent (SigV4 included), retries on 503 and throttling, one idempotency token across
//! attempts, attempt and operation timeouts, pagination, and every error kind; and the
//! same client features on awsQuery (`fixtures::mailbox`).
//!
//! Every test runs under a 10 s `tokio::time::timeout`; servers stop with their runtime.

mod common;

use std::collections::VecDeque;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use common::run;
use generated::chime::{self, Chime};
use generated::ivschat::{self, Ivschat};
use generated::runtime::client::{Config, Credentials, MapEnv, RetryConfig, Timeouts};
use generated::runtime::{UnhandledError, UnhandledKind};
use http_body_util::{BodyExt, Full};

/// A request as the server received it.
#[derive(Debug, Clone)]
struct Recorded {
    method: String,
    /// Path and query, e.g. `/accounts/a/rooms?max-results=2`.
    target: String,
    headers: http::HeaderMap,
    body: Vec<u8>,
}

impl Recorded {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("header {name} missing in {self:?}"))
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("JSON body")
    }
}

/// What the server does with a request.
#[derive(Debug, Clone)]
enum Reply {
    /// Answer with status, headers and body.
    Send(u16, Vec<(&'static str, String)>, Vec<u8>),
    /// Never answer (the connection stays open).
    Hang,
}

fn json(status: u16, body: serde_json::Value) -> Reply {
    Reply::Send(
        status,
        vec![("content-type", "application/json".to_owned())],
        body.to_string().into_bytes(),
    )
}

fn error(status: u16, code: &str, message: &str) -> Reply {
    Reply::Send(
        status,
        vec![
            ("content-type", "application/json".to_owned()),
            ("x-amzn-errortype", code.to_owned()),
        ],
        serde_json::json!({ "message": message })
            .to_string()
            .into_bytes(),
    )
}

#[derive(Default)]
struct State {
    script: VecDeque<Reply>,
    /// Answers once the script is used up.
    fallback: Option<Reply>,
    requests: Vec<Recorded>,
}

/// A loopback server answering from a script.
struct Server {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

impl Server {
    async fn start(script: Vec<Reply>, fallback: Option<Reply>) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        let state = Arc::new(Mutex::new(State {
            script: script.into(),
            fallback,
            requests: Vec::new(),
        }));
        let shared = state.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = shared.clone();
                tokio::spawn(async move {
                    let service =
                        hyper::service::service_fn(move |request| answer(state.clone(), request));
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Server { addr, state }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn requests(&self) -> Vec<Recorded> {
        self.state.lock().expect("state").requests.clone()
    }
}

async fn answer(
    state: Arc<Mutex<State>>,
    request: http::Request<hyper::body::Incoming>,
) -> Result<http::Response<Full<Bytes>>, Infallible> {
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes().to_vec())
        .unwrap_or_default();
    let reply = {
        let mut state = state.lock().expect("state");
        state.requests.push(Recorded {
            method: parts.method.to_string(),
            target: parts
                .uri
                .path_and_query()
                .map(|p| p.to_string())
                .unwrap_or_default(),
            headers: parts.headers,
            body,
        });
        let next = state.script.pop_front();
        next.or_else(|| state.fallback.clone())
            .unwrap_or_else(|| error(500, "ScriptExhausted", "no reply scripted"))
    };
    match reply {
        Reply::Hang => std::future::pending().await,
        Reply::Send(status, headers, body) => {
            let mut response = http::Response::builder().status(status);
            for (name, value) in headers {
                response = response.header(name, value);
            }
            Ok(response
                .body(Full::new(Bytes::from(body)))
                .expect("response"))
        }
    }
}

/// A client config for `url`: static credentials with a session token, fast backoff.
fn config(url: &str) -> Config {
    Config::new()
        .with_region("us-west-2")
        .with_endpoint_url(url)
        .with_credentials(Credentials::new("AKID", "secret").with_session_token("TOKEN"))
        .with_retry(RetryConfig {
            base_delay: Duration::from_millis(2),
            ..RetryConfig::default()
        })
}

fn unhandled<E: std::fmt::Debug>(
    error: E,
    pick: impl FnOnce(E) -> Option<UnhandledError>,
) -> UnhandledError {
    let text = format!("{error:?}");
    pick(error).unwrap_or_else(|| panic!("expected Unhandled, got {text}"))
}

fn ivs_unhandled(error: ivschat::GetRoomError) -> UnhandledError {
    unhandled(error, |e| match e {
        ivschat::GetRoomError::Unhandled(u) => Some(u),
        _ => None,
    })
}

/// `AWS4-HMAC-SHA256 Credential=AKID/<yyyymmdd>/us-west-2/<service>/aws4_request,
/// SignedHeaders=<a;b;c>, Signature=<64 hex>`: the signed header list.
fn check_authorization(value: &str, date: &str, service: &str) -> Vec<String> {
    let prefix = format!(
        "AWS4-HMAC-SHA256 Credential=AKID/{date}/us-west-2/{service}/aws4_request, SignedHeaders="
    );
    let rest = value
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{value:?} does not start with {prefix:?}"));
    let (signed, signature) = rest.split_once(", Signature=").expect("signature part");
    assert_eq!(signature.len(), 64, "{signature}");
    assert!(signature
        .chars()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    signed.split(';').map(str::to_owned).collect()
}

#[test]
fn ivschat_create_room_sends_the_exact_signed_request() {
    run(async {
        let server = Server::start(
            vec![json(
                200,
                serde_json::json!({ "arn": "arn:aws:ivschat:us-west-2:123:room/abc", "id": "abc", "name": "lobby" }),
            )],
            None,
        )
        .await;
        let client = ivschat::Client::new(config(&server.url()));
        let input = ivschat::CreateRoomRequest {
            name: Some("lobby".to_owned()),
            maximum_message_length: Some(100),
            ..Default::default()
        };
        let output = client.create_room(input).await.expect("created");
        assert_eq!(output.id.as_deref(), Some("abc"));

        let requests = server.requests();
        assert_eq!(requests.len(), 1);
        let r = &requests[0];
        assert_eq!(r.method, "POST");
        assert_eq!(r.target, "/CreateRoom");
        assert_eq!(r.header("content-type"), "application/json");
        assert_eq!(r.header("host"), server.addr.to_string());
        assert_eq!(r.header("x-amz-security-token"), "TOKEN");
        assert_eq!(
            r.json(),
            serde_json::json!({ "name": "lobby", "maximumMessageLength": 100 })
        );
        let date = r.header("x-amz-date");
        assert_eq!(date.len(), 16, "{date}");
        assert!(date.ends_with('Z') && date.as_bytes()[8] == b'T', "{date}");
        let signed = check_authorization(r.header("authorization"), &date[..8], "ivschat");
        for name in ["content-type", "host", "x-amz-date", "x-amz-security-token"] {
            assert!(
                signed.iter().any(|s| s == name),
                "{name} not signed: {signed:?}"
            );
        }
        assert!(
            r.headers.get("x-amz-content-sha256").is_none(),
            "not asked for by restJson1 services"
        );
    });
}

#[test]
fn chime_list_rooms_sends_labels_and_query() {
    run(async {
        let server = Server::start(vec![json(200, serde_json::json!({ "Rooms": [] }))], None).await;
        let client = chime::Client::new(config(&server.url()));
        let mut input = chime::ListRoomsRequest::new("acct-1".to_owned());
        input.max_results = Some(2);
        input.member_id = Some("m 1".to_owned());
        let output = client.list_rooms(input).await.expect("listed");
        assert!(output.rooms.unwrap_or_default().is_empty());
        let r = &server.requests()[0];
        assert_eq!(r.method, "GET");
        assert_eq!(
            r.target,
            "/accounts/acct-1/rooms?member-id=m%201&max-results=2"
        );
        assert!(r.body.is_empty());
        check_authorization(
            r.header("authorization"),
            &r.header("x-amz-date")[..8],
            "chime",
        );
    });
}

#[test]
fn retries_a_503_then_succeeds() {
    run(async {
        let server = Server::start(
            vec![
                error(503, "ServiceUnavailable", "busy"),
                json(200, serde_json::json!({ "id": "r1" })),
            ],
            None,
        )
        .await;
        let client = ivschat::Client::new(config(&server.url()));
        let output = client
            .create_room(ivschat::CreateRoomRequest::default())
            .await
            .expect("second attempt succeeds");
        assert_eq!(output.id.as_deref(), Some("r1"));
        assert_eq!(server.requests().len(), 2, "two attempts");
    });
}

#[test]
fn throttling_is_backed_off_and_retried() {
    run(async {
        let server = Server::start(
            vec![
                error(400, "ThrottlingException", "slow down"),
                json(200, serde_json::json!({ "id": "r1" })),
            ],
            None,
        )
        .await;
        let mut config = config(&server.url());
        // Throttling backs off by the full base (not 5% of it): here up to 50 ms.
        config.retry.base_delay = Duration::from_millis(50);
        let client = ivschat::Client::new(config);
        let started = Instant::now();
        client
            .create_room(ivschat::CreateRoomRequest::default())
            .await
            .expect("retried after throttling");
        assert_eq!(server.requests().len(), 2);
        assert!(started.elapsed() < Duration::from_secs(2));
    });
}

#[test]
fn non_retryable_errors_are_not_retried() {
    run(async {
        let server = Server::start(vec![error(400, "ValidationException", "bad name")], None).await;
        let client = ivschat::Client::new(config(&server.url()));
        let error = client
            .create_room(ivschat::CreateRoomRequest::default())
            .await
            .expect_err("validation error");
        assert!(
            matches!(error, ivschat::CreateRoomError::ValidationException(_)),
            "{error:?}"
        );
        assert_eq!(server.requests().len(), 1);
    });
}

#[test]
fn every_attempt_carries_the_same_idempotency_token() {
    run(async {
        let server = Server::start(
            vec![
                error(503, "ServiceUnavailable", "busy"),
                error(500, "InternalError", "oops"),
                json(200, serde_json::json!({ "Room": { "RoomId": "r1" } })),
            ],
            None,
        )
        .await;
        let client = chime::Client::new(config(&server.url()));
        let input = chime::CreateRoomRequest::new("acct-1".to_owned(), "standup".to_owned());
        let output = client
            .create_room(input)
            .await
            .expect("third attempt succeeds");
        assert_eq!(output.room.and_then(|r| r.room_id).as_deref(), Some("r1"));
        let requests = server.requests();
        assert_eq!(requests.len(), 3);
        let tokens: Vec<serde_json::Value> = requests
            .iter()
            .map(|r| r.json()["ClientRequestToken"].clone())
            .collect();
        assert!(tokens[0].is_string(), "a token was generated: {tokens:?}");
        assert!(tokens.iter().all(|t| *t == tokens[0]), "{tokens:?}");
        assert!(requests
            .iter()
            .all(|r| r.target == "/accounts/acct-1/rooms"));
    });
}

#[test]
fn retry_quota_stops_retries_when_exhausted() {
    run(async {
        let server = Server::start(vec![], Some(error(503, "ServiceUnavailable", "down"))).await;
        let mut config = config(&server.url());
        config.retry.max_attempts = 10;
        config.retry.quota_capacity = 30; // two retries at 14 tokens each
        let client = ivschat::Client::new(config);
        let error = client
            .get_room(ivschat::GetRoomRequest::new("arn".to_owned()))
            .await
            .expect_err("keeps failing");
        let unhandled = ivs_unhandled(error);
        assert_eq!(unhandled.status, Some(503));
        assert_eq!(
            server.requests().len(),
            3,
            "first attempt + two paid retries"
        );
    });
}

#[test]
fn an_attempt_that_never_answers_times_out() {
    run(async {
        let server = Server::start(vec![], Some(Reply::Hang)).await;
        let mut config = config(&server.url());
        config.retry.max_attempts = 2;
        config.timeouts = Timeouts {
            attempt: Some(Duration::from_millis(200)),
            ..Timeouts::default()
        };
        let client = ivschat::Client::new(config);
        let started = Instant::now();
        let error = client
            .get_room(ivschat::GetRoomRequest::new("arn".to_owned()))
            .await
            .expect_err("times out");
        let elapsed = started.elapsed();
        assert!(elapsed >= Duration::from_millis(400), "{elapsed:?}");
        assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
        let unhandled = ivs_unhandled(error);
        assert_eq!(unhandled.kind, UnhandledKind::Timeout);
        assert_eq!(
            unhandled.to_string(),
            "timed out after 200ms (attempt 2 of 2) calling ivschat GetRoom"
        );
        assert_eq!(server.requests().len(), 2, "a timeout is retried");
    });
}

#[test]
fn the_operation_timeout_bounds_all_attempts() {
    run(async {
        let server = Server::start(vec![], Some(Reply::Hang)).await;
        let mut config = config(&server.url());
        config.timeouts.operation = Some(Duration::from_millis(300));
        let client = ivschat::Client::new(config);
        let started = Instant::now();
        let error = client
            .get_room(ivschat::GetRoomRequest::new("arn".to_owned()))
            .await
            .expect_err("times out");
        assert!(started.elapsed() < Duration::from_secs(2));
        let unhandled = ivs_unhandled(error);
        assert_eq!(unhandled.kind, UnhandledKind::Timeout);
        assert!(
            unhandled.to_string().contains("operation timeout"),
            "{unhandled}"
        );
    });
}

fn page(token: Option<&str>, rooms: &[&str]) -> Reply {
    let rooms: Vec<_> = rooms
        .iter()
        .map(|id| serde_json::json!({ "id": id }))
        .collect();
    let mut body = serde_json::json!({ "rooms": rooms });
    if let Some(token) = token {
        body["nextToken"] = token.into();
    }
    json(200, body)
}

#[test]
fn pages_follow_next_tokens_across_three_pages() {
    run(async {
        let server = Server::start(
            vec![
                page(Some("t1"), &["a", "b"]),
                page(Some("t2"), &["c"]),
                page(None, &["d"]),
            ],
            None,
        )
        .await;
        let client = ivschat::Client::new(config(&server.url()));
        let input = ivschat::ListRoomsRequest {
            max_results: Some(2),
            ..Default::default()
        };
        let mut pages = client.list_rooms_pages(input);
        let mut ids = Vec::new();
        while let Some(page) = pages.next().await {
            let page = page.expect("page");
            ids.push(
                page.rooms
                    .iter()
                    .filter_map(|r| r.id.clone())
                    .collect::<Vec<_>>(),
            );
        }
        assert_eq!(ids, vec![vec!["a", "b"], vec!["c"], vec!["d"]]);
        let sent: Vec<serde_json::Value> = server.requests().iter().map(Recorded::json).collect();
        assert_eq!(
            sent,
            vec![
                serde_json::json!({ "maxResults": 2 }),
                serde_json::json!({ "maxResults": 2, "nextToken": "t1" }),
                serde_json::json!({ "maxResults": 2, "nextToken": "t2" }),
            ]
        );
        assert!(pages.next().await.is_none(), "stays finished");
    });
}

#[test]
fn pages_stop_on_a_repeated_or_empty_token() {
    run(async {
        let server = Server::start(
            vec![
                page(Some("t1"), &["a"]),
                page(Some("t1"), &["b"]),
                page(Some("t9"), &["c"]),
            ],
            None,
        )
        .await;
        let client = ivschat::Client::new(config(&server.url()));
        let mut pages = client.list_rooms_pages(ivschat::ListRoomsRequest::default());
        let mut count = 0;
        while let Some(page) = pages.next().await {
            page.expect("page");
            count += 1;
        }
        assert_eq!(count, 2, "the page repeating `t1` is the last");
        assert_eq!(server.requests().len(), 2);

        let server = Server::start(vec![page(Some(""), &["a"]), page(None, &[])], None).await;
        let client = ivschat::Client::new(config(&server.url()));
        let mut pages = client.list_rooms_pages(ivschat::ListRoomsRequest::default());
        assert!(pages.next().await.is_some());
        assert!(pages.next().await.is_none(), "an empty token ends it");
        assert_eq!(server.requests().len(), 1);
    });
}

#[test]
fn pages_end_after_an_error() {
    run(async {
        let server = Server::start(
            vec![
                page(Some("t1"), &["a"]),
                error(403, "AccessDeniedException", "no"),
            ],
            None,
        )
        .await;
        let client = ivschat::Client::new(config(&server.url()));
        let mut pages = client.list_rooms_pages(ivschat::ListRoomsRequest::default());
        assert!(pages.next().await.expect("first").is_ok());
        let error = pages.next().await.expect("second").expect_err("denied");
        assert!(
            matches!(error, ivschat::ListRoomsError::AccessDeniedException(_)),
            "{error:?}"
        );
        assert!(pages.next().await.is_none());
    });
}

#[test]
fn error_kinds_are_told_apart_and_keep_their_source() {
    use std::error::Error as _;
    run(async {
        let server = Server::start(
            vec![
                error(404, "ResourceNotFoundException", "no room"),
                error(400, "BrandNewException", "what is this"),
                Reply::Send(
                    200,
                    vec![("content-type", "application/json".to_owned())],
                    b"{not json".to_vec(),
                ),
            ],
            None,
        )
        .await;
        let mut config = config(&server.url());
        config.retry = RetryConfig::disabled();
        let client = ivschat::Client::new(config.clone());
        let get = || client.get_room(ivschat::GetRoomRequest::new("arn".to_owned()));

        // A modeled error.
        match get().await {
            Err(ivschat::GetRoomError::ResourceNotFoundException(e)) => {
                assert_eq!(e.message(), Some("no room"));
            }
            other => panic!("expected ResourceNotFoundException, got {other:?}"),
        }
        // An unmodeled code.
        let e = ivs_unhandled(get().await.expect_err("unmodeled"));
        assert_eq!(e.kind, UnhandledKind::Service);
        assert_eq!(e.code.as_deref(), Some("BrandNewException"));
        assert_eq!(e.status, Some(400));
        assert_eq!(e.to_string(), "BrandNewException (HTTP 400): what is this");
        // An unreadable body.
        let e = ivs_unhandled(get().await.expect_err("unreadable"));
        assert_eq!(e.kind, UnhandledKind::Response);
        assert_eq!(e.status, Some(200));
        let source = e.source().expect("the parse error is kept");
        assert!(
            source.to_string().starts_with("unreadable response"),
            "{source}"
        );

        // Connection refused: a port nothing listens on any more.
        let closed = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let port = closed.local_addr().expect("addr").port();
        drop(closed);
        let refused = ivschat::Client::new(
            config
                .clone()
                .with_endpoint_url(format!("http://127.0.0.1:{port}")),
        );
        let e = ivs_unhandled(
            refused
                .get_room(ivschat::GetRoomRequest::new("arn".to_owned()))
                .await
                .expect_err("refused"),
        );
        assert_eq!(e.kind, UnhandledKind::Transport);
        assert!(e.source().is_some());
        assert!(
            e.to_string().starts_with(
                "transport failure (attempt 1 of 1) calling ivschat GetRoom: cannot connect"
            ),
            "{e}"
        );

        // No endpoint: the rule set needs a region when no endpoint URL is given.
        let mut no_endpoint = config.clone();
        no_endpoint.endpoint_url = None;
        no_endpoint.region = None;
        let e = ivs_unhandled(
            ivschat::Client::new(no_endpoint)
                .get_room(ivschat::GetRoomRequest::new("arn".to_owned()))
                .await
                .expect_err("no endpoint"),
        );
        assert_eq!(e.kind, UnhandledKind::Endpoint);
        let source = e.source().map(ToString::to_string).unwrap_or_default();
        assert!(source.contains("Missing Region"), "{e}: {source}");

        // No credentials.
        let mut anonymous = config.clone();
        anonymous.credentials = None;
        let e = ivs_unhandled(
            ivschat::Client::new(anonymous)
                .get_room(ivschat::GetRoomRequest::new("arn".to_owned()))
                .await
                .expect_err("no credentials"),
        );
        assert_eq!(e.kind, UnhandledKind::Credentials);

        // A request that cannot be built (an empty URI label).
        let e = chime::Client::new(config.clone())
            .get_room(chime::GetRoomRequest::new(String::new(), "r".to_owned()))
            .await
            .expect_err("empty label");
        let e = unhandled(e, |e| match e {
            chime::GetRoomError::Unhandled(u) => Some(u),
            _ => None,
        });
        assert_eq!(e.kind, UnhandledKind::Build);
        assert!(
            e.source()
                .expect("build error")
                .to_string()
                .contains("AccountId"),
            "{e}"
        );
        assert_eq!(
            server.requests().len(),
            3,
            "only the first three reached the server"
        );
    });
}

/// A span as recorded: its name and fields (values as text).
type SpanRecord = (String, Vec<(String, String)>);

/// A `tracing` subscriber that records each span.
#[derive(Default, Clone)]
struct SpanLog {
    spans: Arc<Mutex<Vec<SpanRecord>>>,
}

struct FieldText<'a>(&'a mut Vec<(String, String)>);

impl tracing::field::Visit for FieldText<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

impl tracing::Subscriber for SpanLog {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut fields = Vec::new();
        span.record(&mut FieldText(&mut fields));
        let mut spans = self.spans.lock().expect("spans");
        spans.push((span.metadata().name().to_owned(), fields));
        tracing::span::Id::from_u64(spans.len() as u64)
    }
    fn record(&self, span: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut spans = self.spans.lock().expect("spans");
        if let Some((_, fields)) = spans.get_mut(span.into_u64() as usize - 1) {
            values.record(&mut FieldText(fields));
        }
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, _: &tracing::Event<'_>) {}
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[test]
fn spans_name_the_call_and_each_attempt() {
    let log = SpanLog::default();
    tracing::subscriber::with_default(log.clone(), || {
        run(async {
            let server = Server::start(
                vec![
                    error(503, "ServiceUnavailable", "busy"),
                    json(200, serde_json::json!({ "id": "r1" })),
                ],
                None,
            )
            .await;
            let client = ivschat::Client::new(config(&server.url()));
            client
                .create_room(ivschat::CreateRoomRequest::default())
                .await
                .expect("second attempt succeeds");
        })
    });
    let spans = log.spans.lock().expect("spans").clone();
    let ours: Vec<_> = spans
        .into_iter()
        .filter(|(name, _)| name == "call" || name == "attempt")
        .collect();
    let field = |i: usize, key: &str| {
        ours[i]
            .1
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("span {i} has no {key}: {ours:?}"))
    };
    assert_eq!(ours.len(), 3, "{ours:?}");
    assert_eq!(ours[0].0, "call");
    assert_eq!(field(0, "service"), "ivschat");
    assert_eq!(field(0, "operation"), "CreateRoom");
    assert_eq!(
        (ours[1].0.as_str(), field(1, "attempt").as_str()),
        ("attempt", "1")
    );
    assert_eq!(field(1, "status"), "503");
    assert_eq!(field(1, "retry_reason"), "transient error");
    assert_eq!(
        (ours[2].0.as_str(), field(2, "attempt").as_str()),
        ("attempt", "2")
    );
    assert_eq!(field(2, "status"), "200");
}

/// An `HttpClient` of the user's: counts requests and adds a header, then sends with the
/// default client.
struct Counting {
    inner: generated::runtime::client::HyperClient,
    sent: Arc<Mutex<u32>>,
}

impl generated::runtime::client::HttpClient for Counting {
    fn send(&self, mut request: http::Request<Vec<u8>>) -> generated::runtime::client::HttpFuture {
        *self.sent.lock().expect("count") += 1;
        request
            .headers_mut()
            .insert("x-plugged", http::HeaderValue::from_static("yes"));
        self.inner.send(request)
    }
}

#[test]
fn a_user_http_client_plugs_in() {
    run(async {
        let server = Server::start(vec![json(200, serde_json::json!({ "id": "r1" }))], None).await;
        let sent = Arc::new(Mutex::new(0));
        let plugged = Counting {
            inner: generated::runtime::client::HyperClient::new(Duration::from_secs(1))
                .expect("client"),
            sent: sent.clone(),
        };
        let client = ivschat::Client::new(config(&server.url()).with_http_client(plugged));
        client
            .create_room(ivschat::CreateRoomRequest::default())
            .await
            .expect("created");
        assert_eq!(*sent.lock().expect("count"), 1);
        assert_eq!(server.requests()[0].header("x-plugged"), "yes");
    });
}

#[test]
fn a_service_without_sigv4_is_unsigned_and_an_operation_without_http_is_a_build_error() {
    use fixtures::recursion::{self, Recursion};
    run(async {
        let server = Server::start(vec![json(200, serde_json::json!({}))], None).await;
        // No credentials: the service has no `aws.auth#sigv4`, so none are needed.
        // A second generated crate has its own copy of the runtime.
        let config = fixtures::runtime::client::Config::new().with_endpoint_url(server.url());
        let client = recursion::Client::new(config);
        client.get_tree(()).await.expect("unsigned call");
        let r = &server.requests()[0];
        assert_eq!((r.method.as_str(), r.target.as_str()), ("GET", "/tree"));
        assert!(r.headers.get("authorization").is_none());
        assert!(r.headers.get("x-amz-date").is_none());

        let recursion::PruneError::Unhandled(e) = client.prune(()).await.expect_err("no @http");
        assert_eq!(e.kind, fixtures::runtime::UnhandledKind::Build);
        assert_eq!(e.to_string(), "cannot build the recursion Prune request: cannot send `Prune`: the operation has no @http trait");
        assert_eq!(server.requests().len(), 1, "nothing was sent");
    });
}

/// An `HttpClient` that records the request and answers `{}` without any network: for
/// checking where a request would go when no endpoint URL overrides the rule set.
struct Recording(Arc<Mutex<Vec<http::Request<Vec<u8>>>>>);

impl generated::runtime::client::HttpClient for Recording {
    fn send(&self, request: http::Request<Vec<u8>>) -> generated::runtime::client::HttpFuture {
        self.0.lock().expect("requests").push(request);
        Box::pin(async {
            Ok(http::Response::builder()
                .status(200)
                .body(b"{}".to_vec())
                .expect("response"))
        })
    }
}

#[test]
fn the_endpoint_rule_set_picks_the_regional_url_and_signing_region() {
    run(async {
        let cases = [
            (
                "eu-west-1",
                false,
                "https://ivschat.eu-west-1.amazonaws.com/GetRoom",
            ),
            (
                "cn-north-1",
                false,
                "https://ivschat.cn-north-1.amazonaws.com.cn/GetRoom",
            ),
            (
                "us-east-1",
                true,
                "https://ivschat-fips.us-east-1.amazonaws.com/GetRoom",
            ),
        ];
        for (region, fips, url) in cases {
            let sent = Arc::new(Mutex::new(Vec::new()));
            let mut config = Config::new()
                .with_region(region)
                .with_credentials(Credentials::new("AKID", "secret"))
                .with_http_client(Recording(sent.clone()));
            config.use_fips = fips;
            ivschat::Client::new(config)
                .get_room(ivschat::GetRoomRequest::new("arn".to_owned()))
                .await
                .expect("answered");
            let sent = sent.lock().expect("requests");
            assert_eq!(sent[0].uri().to_string(), url);
            let authorization = sent[0].headers()["authorization"].to_str().expect("ascii");
            let scope = format!("/{region}/ivschat/aws4_request");
            assert!(authorization.contains(&scope), "{authorization}");
        }
    });
}

#[test]
fn from_env_signs_with_the_credential_chain_fetched_once() {
    run(async {
        // The same server is the container credentials endpoint and the service.
        let creds = serde_json::json!({
            "AccessKeyId": "ASIACONTAINER",
            "SecretAccessKey": "container-secret",
            "Token": "container-token",
            "Expiration": "2099-01-01T00:00:00Z",
        });
        let room = serde_json::json!({ "arn": "arn", "id": "abc", "name": "lobby" });
        let server = Server::start(
            vec![json(200, creds), json(200, room.clone()), json(200, room)],
            None,
        )
        .await;
        let full_uri = format!("{}/creds", server.url());
        let env = MapEnv::new([
            ("AWS_REGION", "us-west-2"),
            ("AWS_ENDPOINT_URL", server.url().as_str()),
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", full_uri.as_str()),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "agent-token"),
            ("AWS_EC2_METADATA_DISABLED", "true"),
            ("HOME", "/nonexistent-home-for-test"),
        ]);
        let client = ivschat::Client::new(Config::from_environment(&env).expect("config"));
        for _ in 0..2 {
            let input = ivschat::CreateRoomRequest::default();
            client.create_room(input).await.expect("created");
        }

        let requests = server.requests();
        let targets: Vec<&str> = requests.iter().map(|r| r.target.as_str()).collect();
        assert_eq!(
            targets,
            ["/creds", "/CreateRoom", "/CreateRoom"],
            "one fetch, cached"
        );
        assert_eq!(requests[0].header("authorization"), "agent-token");
        for call in &requests[1..] {
            assert!(call
                .header("authorization")
                .starts_with("AWS4-HMAC-SHA256 Credential=ASIACONTAINER/"));
            assert_eq!(call.header("x-amz-security-token"), "container-token");
        }
    });
}

/// An XML reply (awsQuery and restXml documents).
fn xml(status: u16, body: &str) -> Reply {
    Reply::Send(
        status,
        vec![("content-type", "text/xml".to_owned())],
        body.as_bytes().to_vec(),
    )
}

/// The client features work the same on the XML protocols (issue 21): an awsQuery
/// client signs its form (SigV4 over the form body, the `@sigv4` name in the scope),
/// retries a 503 whose code is in an `<ErrorResponse>`, pages with its paginator
/// (the marker sent back as a form pair) and reads a modeled error by its
/// `@awsQueryError` code.
#[test]
fn an_aws_query_client_signs_retries_pages_and_reads_query_errors() {
    use fixtures::mailbox::{self, Mailbox};
    run(async {
        let unavailable = "<ErrorResponse><Error><Type>Receiver</Type>\
            <Code>ServiceUnavailable</Code><Message>busy</Message></Error>\
            <RequestId>r-1</RequestId></ErrorResponse>";
        let page = |ids: &[&str], marker: Option<&str>| {
            let members: String = ids
                .iter()
                .map(|id| format!("<member>{id}</member>"))
                .collect();
            let marker = marker.map_or(String::new(), |m| format!("<NextMarker>{m}</NextMarker>"));
            format!(
                "<ListMessagesResponse xmlns=\"https://example.com/mailbox/doc/2024-06-01/\">\
                 <ListMessagesResult><Messages>{members}</Messages>{marker}</ListMessagesResult>\
                 <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>\
                 </ListMessagesResponse>"
            )
        };
        let full = "<ErrorResponse><Error><Type>Sender</Type><Code>MailboxFull</Code>\
            <Message>no room &amp; no space</Message></Error><RequestId>r-3</RequestId>\
            </ErrorResponse>";
        let server = Server::start(
            vec![
                xml(503, unavailable),
                xml(200, &page(&["m1", "m2"], Some("p 2"))),
                xml(200, &page(&["m3"], None)),
                xml(409, full),
            ],
            None,
        )
        .await;
        let client = mailbox::Client::new(
            fixtures::runtime::client::Config::new()
                .with_region("us-west-2")
                .with_endpoint_url(server.url())
                .with_credentials(fixtures::runtime::client::Credentials::new(
                    "AKID", "secret",
                ))
                .with_retry(fixtures::runtime::client::RetryConfig {
                    base_delay: Duration::from_millis(2),
                    ..fixtures::runtime::client::RetryConfig::default()
                }),
        );
        let mut items = client.list_messages_items(mailbox::ListMessagesInput::default());
        let mut ids = Vec::new();
        while let Some(id) = items.next().await {
            ids.push(id.expect("an item"));
        }
        assert_eq!(ids, ["m1", "m2", "m3"]);
        let input = mailbox::SendMessageInput::new(vec!["a@example.com".to_owned()]);
        match client.send_message(input).await {
            Err(mailbox::SendMessageError::MailboxFull(e)) => {
                assert_eq!(e.message.as_deref(), Some("no room & no space"));
            }
            other => panic!("expected MailboxFull, got {other:?}"),
        }

        let requests = server.requests();
        let bodies: Vec<String> = requests
            .iter()
            .map(|r| String::from_utf8(r.body.clone()).expect("a UTF-8 form"))
            .collect();
        assert_eq!(
            bodies,
            [
                "Action=ListMessages&Version=2024-06-01",
                "Action=ListMessages&Version=2024-06-01",
                "Action=ListMessages&Version=2024-06-01&Marker=p%202",
                "Action=SendMessage&Version=2024-06-01&Recipients.member.1=a%40example.com",
            ],
            "the retry resends the first page's form; the marker goes back as a pair"
        );
        for r in &requests {
            assert_eq!((r.method.as_str(), r.target.as_str()), ("POST", "/"));
            assert_eq!(
                r.header("content-type"),
                "application/x-www-form-urlencoded"
            );
            let date = r.header("x-amz-date");
            let signed = check_authorization(r.header("authorization"), &date[..8], "mailbox");
            assert!(signed.iter().any(|h| h == "content-type"), "{signed:?}");
        }
    });
}

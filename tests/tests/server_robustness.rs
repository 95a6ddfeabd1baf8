//! The generated servers against bad input: malformed bodies of every kind, bad labels,
//! huge bodies and headers, unknown routes, a panicking handler, and ~2,000 seeded random
//! requests. Each gets a protocol error (4xx), never a panic or a hang; in-process
//! through the tower service (bounded by construction: no I/O), and one loopback test
//! through hyper with socket timeouts.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use bytes::Bytes;
use generated::chime::{self, ChimeServer};
use generated::ivschat::IvschatServer;
use generated::runtime::server::{Route, Routes, ServerConfig};
use generated::runtime::Http;
use http_body_util::{BodyExt, Full};
use tower_service::Service;

/// The status, `X-Amzn-Errortype` and body of `request` answered by `service`.
fn call<S>(service: &S, request: http::Request<Full<Bytes>>) -> (u16, String, String)
where
    S: Service<http::Request<Full<Bytes>>, Response = http::Response<Full<Bytes>>> + Clone,
    S::Error: std::fmt::Debug,
{
    let mut service = service.clone();
    pollster::block_on(async move {
        let response = service.call(request).await.expect("infallible");
        let status = response.status().as_u16();
        let code = response
            .headers()
            .get("x-amzn-errortype")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let body = match response.into_body().collect().await {
            Ok(c) => c.to_bytes(),
            Err(never) => match never {},
        };
        (status, code, String::from_utf8_lossy(&body).into_owned())
    })
}

/// A request; a JSON `Content-Type` when it has a body.
fn request(method: &str, uri: &str, body: impl Into<Bytes>) -> http::Request<Full<Bytes>> {
    let body: Bytes = body.into();
    let mut builder = http::Request::builder().method(method).uri(uri);
    if !body.is_empty() {
        builder = builder.header("content-type", "application/json");
    }
    builder.body(Full::new(body)).expect("a valid request")
}

fn ivschat() -> IvschatServer<examples::rooms::IvschatRooms> {
    IvschatServer::new(examples::rooms::IvschatRooms::default())
}

fn chime() -> ChimeServer<examples::rooms::ChimeRooms> {
    ChimeServer::new(examples::rooms::ChimeRooms::default())
}

#[track_caller]
fn refused(answer: (u16, String, String), status: u16, code: &str) {
    assert_eq!(
        (answer.0, answer.1.as_str()),
        (status, code),
        "body: {}",
        answer.2
    );
}

#[test]
fn malformed_bodies_are_400s() {
    let server = ivschat();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("truncated", br#"{"name": "ab"#.to_vec()),
        ("truncated object", br#"{"name": "ab","#.to_vec()),
        ("not JSON", b"name=ab".to_vec()),
        ("a JSON array", b"[1, 2]".to_vec()),
        ("wrong type", br#"{"name": 5}"#.to_vec()),
        ("wrong nested type", br#"{"tags": {"a": 1}}"#.to_vec()),
        (
            "integer out of range",
            br#"{"maximumMessageLength": 99999999999}"#.to_vec(),
        ),
        ("invalid UTF-8", b"{\"name\": \"\xff\xfe\"}".to_vec()),
        ("lone surrogate", br#"{"name": "\ud800"}"#.to_vec()),
        ("trailing garbage", br#"{"name": "ab"} x"#.to_vec()),
    ];
    for (what, body) in cases {
        let (status, code, body) = call(&server, request("POST", "/CreateRoom", body));
        assert_eq!(status, 400, "{what}: {code} {body}");
        assert_eq!(code, "SerializationException", "{what}: {body}");
    }
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let server = ivschat();
    for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
        let depth = 100_000;
        let body = format!(
            "{{\"tags\": {}1{}}}",
            open.repeat(depth),
            close.repeat(depth)
        );
        let (status, code, _) = call(&server, request("POST", "/CreateRoom", body));
        assert_eq!((status, code.as_str()), (400, "SerializationException"));
    }
    // Unclosed, too.
    let body = format!("{{\"tags\": {}", "[".repeat(100_000));
    refused(
        call(&server, request("POST", "/CreateRoom", body)),
        400,
        "SerializationException",
    );
}

#[test]
fn constraint_violations_are_validation_errors() {
    let server = ivschat();
    let (status, code, body) = call(
        &server,
        request(
            "POST",
            "/CreateRoom",
            r#"{"name": "has spaces", "maximumMessageLength": 0}"#,
        ),
    );
    assert_eq!(
        (status, code.as_str()),
        (400, "ValidationException"),
        "{body}"
    );
    // IVS Chat's own ValidationException: `reason`, and `fieldList` entries by `name`.
    let body: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(body["reason"], "FIELD_VALIDATION_FAILED", "{body}");
    let names: Vec<&str> = body["fieldList"]
        .as_array()
        .expect("fieldList")
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    assert_eq!(names, ["name", "maximumMessageLength"]);
    // A required member missing.
    refused(
        call(&server, request("POST", "/GetRoom", "{}")),
        400,
        "ValidationException",
    );
}

#[test]
fn bodies_over_the_limit_are_413s() {
    let server = ivschat();
    let huge = vec![b' '; 20 * 1024 * 1024];
    // No Content-Length: refused while reading.
    refused(
        call(&server, request("POST", "/CreateRoom", huge.clone())),
        413,
        "RequestEntityTooLargeException",
    );
    // A Content-Length over the limit: refused before reading.
    let mut declared = request("POST", "/CreateRoom", huge);
    declared
        .headers_mut()
        .insert("content-length", http::HeaderValue::from(20 * 1024 * 1024));
    refused(
        call(&server, declared),
        413,
        "RequestEntityTooLargeException",
    );
    // The limit is configurable.
    let small = IvschatServer::with_config(
        examples::rooms::IvschatRooms::default(),
        ServerConfig::default().body_limit(16),
    );
    refused(
        call(
            &small,
            request("POST", "/CreateRoom", r#"{"name": "seventeen-bytes"}"#),
        ),
        413,
        "RequestEntityTooLargeException",
    );
    let (status, _, _) = call(&small, request("POST", "/CreateRoom", r#"{"name":"ok"}"#));
    assert_eq!(status, 200);
}

#[test]
fn bad_labels_and_headers_are_refused() {
    let server = chime();
    // A label whose escapes are not UTF-8.
    refused(
        call(&server, request("GET", "/accounts/%FF%FE/rooms/x", "")),
        400,
        "SerializationException",
    );
    // A label that fails its pattern (AccountId is a NonEmptyString, `.*\S.*`): Chime's
    // error for invalid input.
    refused(
        call(&server, request("GET", "/accounts/%20/rooms/x", "")),
        400,
        "BadRequestException",
    );
    // An empty label does not match: no route.
    refused(
        call(&server, request("GET", "/accounts//rooms/x", "")),
        404,
        "UnknownOperationException",
    );
    // A query value of the wrong type.
    refused(
        call(
            &server,
            request("GET", "/accounts/1/rooms?max-results=many", ""),
        ),
        400,
        "SerializationException",
    );
    // A huge Content-Type that is not JSON.
    let mut huge = request("POST", "/accounts/1/rooms", r#"{"Name":"x"}"#);
    let value = format!("application/{}", "x".repeat(1 << 20));
    huge.headers_mut().insert(
        "content-type",
        http::HeaderValue::from_str(&value).expect("a header value"),
    );
    refused(call(&server, huge), 415, "UnsupportedMediaTypeException");
}

#[test]
fn unknown_routes_are_404s_and_wrong_methods_405s() {
    let server = chime();
    refused(
        call(&server, request("GET", "/nowhere", "")),
        404,
        "UnknownOperationException",
    );
    refused(
        call(&server, request("GET", "/", "")),
        404,
        "UnknownOperationException",
    );
    let mut service = server.clone();
    let response = pollster::block_on(service.call(request("PATCH", "/accounts/1/rooms", "")))
        .expect("infallible");
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "GET, POST");
    // IVS Chat's operations are all POST.
    refused(
        call(&ivschat(), request("GET", "/GetRoom", "")),
        405,
        "UnknownOperationException",
    );
}

/// A Chime whose GetRoom panics and whose ListRooms panics before returning a future.
struct Panicky;

impl chime::Chime for Panicky {
    async fn get_room(
        &self,
        _: chime::GetRoomRequest,
    ) -> Result<chime::GetRoomResponse, chime::GetRoomError> {
        panic!("handler bug");
    }

    fn list_rooms(
        &self,
        _: chime::ListRoomsRequest,
    ) -> impl generated::runtime::Reply<chime::ListRooms> {
        panic!("handler bug before the future");
        #[allow(unreachable_code)]
        std::future::ready(Ok(chime::ListRoomsResponse::default()))
    }
}

#[test]
fn a_panicking_handler_is_a_500_and_the_server_goes_on() {
    let server = ChimeServer::new(Panicky);
    let room = "/accounts/1/rooms/00000000-0000-4000-8000-000000000001";
    for _ in 0..3 {
        refused(
            call(&server, request("GET", room, "")),
            500,
            "InternalFailure",
        );
        refused(
            call(&server, request("GET", "/accounts/1/rooms", "")),
            500,
            "InternalFailure",
        );
    }
    // Other operations still answer (the default: not implemented).
    refused(
        call(&server, request("DELETE", room, "")),
        501,
        "NotImplemented",
    );
}

#[test]
fn routing_follows_the_spec_specificity_examples() {
    // http-bindings.rst "Specificity Routing", examples 1 to 3.
    let routes = |uris: &[&'static str]| {
        let table: Vec<Route> = uris
            .iter()
            .enumerate()
            .map(|(i, uri)| Route {
                operation: i + 1,
                name: "Op",
                http: Some(Http::new("GET", uri, 200)),
            })
            .collect();
        Routes::new(&table)
    };
    let pick = |routes: &Routes, uri: &str| {
        let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
        routes.find("GET", path, query).map(|r| r.operation).ok()
    };
    let one = routes(&["/abc/bcd/{xyz}", "/abc/{xyz}/cde", "/{xyz}/bcd/cde"]);
    assert_eq!(pick(&one, "/abc/bcd/cde"), Some(1));
    assert_eq!(pick(&one, "/abc/foo/cde"), Some(2));
    assert_eq!(pick(&one, "/foo/bcd/cde"), Some(3));
    let two = routes(&["/abc/bcd/{xyz}", "/abc/{xyz}/cde", "/{xyz}/bcd/cde?def=efg"]);
    assert_eq!(pick(&two, "/abc/bcd/cde?def=efg"), Some(1));
    assert_eq!(pick(&two, "/abc/foo/cde?def=efg"), Some(2));
    assert_eq!(pick(&two, "/foo/bcd/cde?def=efg"), Some(3));
    assert_eq!(pick(&two, "/foo/bcd/cde"), None);
    let three = routes(&["/abc/{xyz+}/bcd", "/abc/{xyz+}"]);
    assert_eq!(pick(&three, "/abc/foo/bar/bcd"), Some(1));
    assert_eq!(pick(&three, "/abc/foo/bar/baz"), Some(2));
    assert_eq!(pick(&three, "/abc"), None);
    // More literal query parameters win over fewer.
    let query = routes(&["/things", "/things?op=a", "/things?op=a&x"]);
    assert_eq!(pick(&query, "/things?op=a&x=1"), Some(3));
    assert_eq!(pick(&query, "/things?op=a"), Some(2));
    assert_eq!(pick(&query, "/things?op=b"), Some(1));
    // Chime's literal query routes.
    let server = chime();
    let (status, code, _) = call(
        &server,
        request("POST", "/accounts/1/rooms/00000000-0000-4000-8000-000000000001/memberships?operation=batch-create", "{}"),
    );
    assert_eq!(
        (status, code.as_str()),
        (400, "BadRequestException"),
        "routed to BatchCreateRoomMembership, whose input lacks MembershipItemList"
    );
}

/// xorshift64*: a fixed seed gives the same requests on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A request assembled from pieces of real routes and junk.
fn random_request(rng: &mut Rng) -> http::Request<Full<Bytes>> {
    const METHODS: &[&str] = &[
        "GET", "POST", "POST", "POST", "GET", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS",
    ];
    // Real routes (`{}` filled with a random segment), so most requests reach an
    // operation's parser.
    const TEMPLATES: &[&str] = &[
        "/CreateRoom",
        "/GetRoom",
        "/ListRooms",
        "/UpdateRoom",
        "/DeleteRoom",
        "/SendEvent",
        "/accounts/{}/rooms",
        "/accounts/{}/rooms/{}",
        "/accounts/{}/rooms/{}/memberships",
        "/accounts/{}/rooms/{}/memberships/{}",
        "/accounts/{}/users/{}",
        "/meetings/{}",
        "/phone-numbers/{}",
        "/tags/{}",
        "/accounts/{}/bots/{}/events-configuration",
    ];
    const SEGMENTS: &[&str] = &[
        "accounts",
        "rooms",
        "memberships",
        "users",
        "meetings",
        "phone-numbers",
        "GetRoom",
        "CreateRoom",
        "ListRooms",
        "UpdateRoom",
        "DeleteRoom",
        "tags",
        "1",
        "",
        "00000000-0000-4000-8000-000000000001",
        "%FF",
        "%2F",
        "%",
        "a%20b",
        "..",
        "{x}",
        "arn:aws:ivschat:us-east-1:1:room%2Fabc",
    ];
    const QUERIES: &[&str] = &[
        "",
        "operation=batch-create",
        "operation=",
        "max-results=2",
        "max-results=-1",
        "max-results=x",
        "next-token=%FF",
        "type=phone-numbers",
        "a=b&a=c",
        "&&",
        "=",
    ];
    const BODIES: &[&str] = &[
        "",
        "{}",
        "{",
        "[]",
        "null",
        "{\"name\":\"x\"}",
        "{\"Name\":\"x\"}",
        "{\"name\":5}",
        "{\"identifier\":\"arn:aws:ivschat:us-east-1:1:room/x\"}",
        "{\"tags\":{\"a\":\"b\"}}",
        "{\"MembershipItemList\":[{\"MemberId\":\"m\"}]}",
        "\"text\"",
        "1e999",
        "{\"a\":[[[[]]]]}",
    ];
    const TYPES: &[&str] = &[
        "application/json",
        "text/plain",
        "application/octet-stream",
        "",
    ];
    let mut uri = if rng.below(4) == 0 {
        let segments: Vec<&str> = (0..rng.below(6)).map(|_| rng.pick(SEGMENTS)).collect();
        format!("/{}", segments.join("/"))
    } else {
        let template = rng.pick(TEMPLATES);
        let mut filled = String::new();
        for (i, part) in template.split("{}").enumerate() {
            if i > 0 {
                filled.push_str(rng.pick(SEGMENTS));
            }
            filled.push_str(part);
        }
        filled
    };
    let query = rng.pick(QUERIES);
    if !query.is_empty() {
        uri.push('?');
        uri.push_str(query);
    }
    let mut body = rng.pick(BODIES).as_bytes().to_vec();
    if rng.below(8) == 0 && !body.is_empty() {
        // Flip a byte: invalid UTF-8 or broken JSON.
        let at = rng.below(body.len());
        body[at] ^= 0x80 | (rng.next() as u8 & 0x7f);
    }
    let mut builder = http::Request::builder().method(rng.pick(METHODS)).uri(
        uri.parse::<http::Uri>()
            .unwrap_or_else(|_| http::Uri::from_static("/%")),
    );
    let content_type = rng.pick(TYPES);
    if !content_type.is_empty() {
        builder = builder.header("content-type", content_type);
    }
    if rng.below(4) == 0 {
        builder = builder.header("accept", rng.pick(&["text/html", "*/*", "application/*"]));
    }
    builder
        .body(Full::new(Bytes::from(body)))
        .unwrap_or_else(|_| http::Request::new(Full::new(Bytes::new())))
}

#[test]
fn random_requests_never_panic_or_fail_the_server() {
    let server = examples::rooms::RoomsService::default();
    let mut rng = Rng(0x5EED_0F5E_4E4E_4E4E);
    let mut by_status = std::collections::BTreeMap::<u16, usize>::new();
    for i in 0..2_000 {
        let request = random_request(&mut rng);
        let described = format!("#{i}: {} {}", request.method(), request.uri());
        let (status, code, body) = call(&server, request);
        assert!(
            (200..500).contains(&status) || status == 501,
            "{described} → {status} {code} {body}"
        );
        if status >= 400 {
            assert!(!code.is_empty(), "{described}: every error names its type");
        }
        *by_status.entry(status).or_default() += 1;
    }
    // The generator reaches handlers too, not only refusals.
    assert!(by_status.keys().any(|s| *s < 300), "{by_status:?}");
    assert!(
        by_status.get(&400).is_some_and(|n| *n > 100),
        "{by_status:?}"
    );
}

#[test]
fn over_hyper_huge_headers_and_bodies_are_refused_and_shutdown_is_graceful() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("a loopback port");
    let address = listener.local_addr().expect("address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = runtime.spawn(generated::runtime::server::serve(
        listener,
        ivschat(),
        async {
            let _ = stopped.await;
        },
    ));
    let exchange = |raw: &[u8]| -> String {
        let mut stream = TcpStream::connect(address).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        stream
            .set_write_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        // The server may answer and close before reading everything.
        let _ = stream.write_all(raw);
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    };
    let huge_header = format!(
        "POST /CreateRoom HTTP/1.1\r\nhost: x\r\nx-big: {}\r\ncontent-length: 2\r\n\r\n{{}}",
        "a".repeat(1 << 20)
    );
    let answer = exchange(huge_header.as_bytes());
    assert!(
        answer.starts_with("HTTP/1.1 431"),
        "{}",
        &answer[..answer.len().min(200)]
    );
    let huge_body = format!(
        "POST /CreateRoom HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        20 * 1024 * 1024
    );
    let answer = exchange(huge_body.as_bytes());
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    let fine = "POST /CreateRoom HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}";
    let answer = exchange(fine.as_bytes());
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let _ = stop.send(());
    let finished =
        runtime.block_on(async { tokio::time::timeout(Duration::from_secs(10), server).await });
    assert!(
        matches!(finished, Ok(Ok(Ok(())))),
        "serve returns after the shutdown signal"
    );
}

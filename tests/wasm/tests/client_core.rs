//! The client's core (feature `client-core`, no hyper, rustls or tokio) with a plugged
//! transport and timer, as a wasm32 user runs it (`.ci/wasm.sh` runs this on
//! wasm32-wasip1): the transport answers through the server-side codec, the timer
//! completes at once and records what it was asked to wait. Endpoint resolution, SigV4
//! signing, retries, timeouts, paginators and error mapping run for real.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use generated::ivschat::{self, Ivschat};
use generated::runtime::client::{
    Config, Credentials, HttpClient, HttpFuture, RetryConfig, SleepFuture, Timeouts,
};
use generated::runtime::protocol::{
    parse_request, serialize_error, serialize_response, Input, OperationError, Output,
};
use generated::runtime::{Operation, UnhandledKind, Validate};
use wasm_tests::block_on;

type Response = http::Response<Vec<u8>>;
type Handler = Box<dyn FnMut(&http::Request<Vec<u8>>) -> Response + Send>;

/// A transport that answers each request with the next handler (the last one repeats),
/// keeping every request it was sent.
#[derive(Clone)]
struct Scripted {
    handlers: Arc<Mutex<VecDeque<Handler>>>,
    sent: Arc<Mutex<Vec<http::Request<Vec<u8>>>>>,
}

impl Scripted {
    fn new(handlers: Vec<Handler>) -> Self {
        Scripted {
            handlers: Arc::new(Mutex::new(handlers.into())),
            sent: Arc::default(),
        }
    }

    fn sent(&self) -> Vec<http::Request<Vec<u8>>> {
        std::mem::take(&mut *self.sent.lock().expect("not poisoned"))
    }
}

impl HttpClient for Scripted {
    fn send(&self, request: http::Request<Vec<u8>>) -> HttpFuture {
        let mut handlers = self.handlers.lock().expect("not poisoned");
        let response = if handlers.len() > 1 {
            handlers.pop_front().map(|mut h| h(&request))
        } else {
            handlers.front_mut().map(|h| h(&request))
        }
        .expect("a handler");
        self.sent.lock().expect("not poisoned").push(request);
        Box::pin(async move { Ok(response) })
    }
}

/// A transport whose responses never come.
struct Silent;

impl HttpClient for Silent {
    fn send(&self, _: http::Request<Vec<u8>>) -> HttpFuture {
        Box::pin(std::future::pending())
    }
}

/// A handler that serves operation `O` through the server-side codec with `answer`.
fn serve<O>(answer: impl Fn(O::Input) -> Result<O::Output, O::Error> + Send + 'static) -> Handler
where
    O: Operation,
    O::Input: Input + Validate,
    O::Output: Output,
    O::Error: OperationError,
{
    Box::new(move |request| {
        let input = match parse_request::<O>(request) {
            Ok(input) => input,
            Err(rejection) => return rejection.into_response(),
        };
        match answer(input) {
            Ok(output) => serialize_response::<O>(&output).expect("a valid output"),
            Err(error) => serialize_error::<O>(&error).expect("a valid error"),
        }
    })
}

/// A handler answering `status` with an empty JSON body.
fn status(code: u16) -> Handler {
    Box::new(move |_| {
        http::Response::builder()
            .status(code)
            .body(b"{}".to_vec())
            .expect("a response")
    })
}

/// The timer: completes at once and records each wait.
fn recording_sleep(waits: Arc<Mutex<Vec<Duration>>>) -> impl Fn(Duration) -> SleepFuture {
    move |duration| {
        waits.lock().expect("not poisoned").push(duration);
        Box::pin(async {})
    }
}

/// A client of IVS Chat in us-east-1 on `transport`, waiting with `sleep`.
fn client(
    transport: impl HttpClient + 'static,
    sleep: impl Fn(Duration) -> SleepFuture + Send + Sync + 'static,
) -> ivschat::Client {
    ivschat::Client::new(
        Config::new()
            .with_region("us-east-1")
            .with_credentials(Credentials::new("AKIDEXAMPLE", "secret"))
            .with_http_client(transport)
            .with_sleep(sleep),
    )
}

const ROOM_ARN: &str = "arn:aws:ivschat:us-east-1:123456789012:room/g1H2I3j4k5L6";

#[test]
fn a_call_resolves_signs_sends_and_reads() {
    let transport = Scripted::new(vec![serve::<ivschat::CreateRoom>(|input| {
        Ok(ivschat::CreateRoomResponse {
            arn: Some(ROOM_ARN.to_owned()),
            name: input.name,
            ..Default::default()
        })
    })]);
    let waits = Arc::default();
    let client = client(transport.clone(), recording_sleep(Arc::clone(&waits)));
    let input = ivschat::CreateRoomRequest {
        name: Some("lobby".to_owned()),
        ..Default::default()
    };
    let room = block_on(client.create_room(input)).expect("created");
    assert_eq!(room.name.as_deref(), Some("lobby"));

    let sent = transport.sent();
    assert_eq!(sent.len(), 1);
    // The endpoint from IVS Chat's rule set for us-east-1.
    assert_eq!(
        sent[0].uri().to_string(),
        "https://ivschat.us-east-1.amazonaws.com/CreateRoom"
    );
    // SigV4 with the service's signing name and the region, dated by the platform clock.
    let authorization = sent[0].headers()["authorization"].to_str().expect("ASCII");
    assert!(
        authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"),
        "{authorization}"
    );
    assert!(
        authorization.contains("/us-east-1/ivschat/aws4_request"),
        "{authorization}"
    );
    let date = sent[0].headers()["x-amz-date"].to_str().expect("ASCII");
    assert!(date.starts_with("20") && date.ends_with('Z'), "{date}");
    assert!(waits.lock().expect("not poisoned").is_empty());
}

#[test]
fn a_throttled_attempt_is_retried_after_the_timer() {
    let transport = Scripted::new(vec![
        status(429),
        serve::<ivschat::GetRoom>(|input| {
            Ok(ivschat::GetRoomResponse {
                arn: Some(input.identifier),
                ..Default::default()
            })
        }),
    ]);
    let waits = Arc::default();
    let client = client(transport.clone(), recording_sleep(Arc::clone(&waits)));
    let room = block_on(client.get_room(ivschat::GetRoomRequest::new(ROOM_ARN.to_owned())))
        .expect("the second attempt succeeds");
    assert_eq!(room.arn.as_deref(), Some(ROOM_ARN));
    assert_eq!(transport.sent().len(), 2);
    let waits = waits.lock().expect("not poisoned");
    assert_eq!(waits.len(), 1, "one backoff: {waits:?}");
    let backoff = RetryConfig::default().backoff(0, true, 1.0);
    assert!(waits[0] <= backoff, "{waits:?} within {backoff:?}");
}

#[test]
fn a_modeled_error_maps_to_its_variant() {
    let transport = Scripted::new(vec![serve::<ivschat::GetRoom>(|input| {
        Err(ivschat::GetRoomError::ResourceNotFoundException(
            ivschat::ResourceNotFoundException::new(
                "no such room".to_owned(),
                input.identifier,
                ivschat::ResourceType::Room,
            ),
        ))
    })]);
    let client = client(transport.clone(), recording_sleep(Arc::default()));
    match block_on(client.get_room(ivschat::GetRoomRequest::new(ROOM_ARN.to_owned()))) {
        Err(ivschat::GetRoomError::ResourceNotFoundException(e)) => {
            assert_eq!(e.resource_id, ROOM_ARN);
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
    assert_eq!(transport.sent().len(), 1, "not retried");
}

#[test]
fn pages_follow_the_next_token() {
    let transport = Scripted::new(vec![serve::<ivschat::ListRooms>(|input| {
        let (arn, next) = match input.next_token.as_deref() {
            None => ("room/1", Some("page-2".to_owned())),
            Some("page-2") => ("room/2", None),
            Some(other) => panic!("unexpected token {other}"),
        };
        let mut output = ivschat::ListRoomsResponse::new(vec![ivschat::RoomSummary {
            arn: Some(arn.to_owned()),
            ..Default::default()
        }]);
        output.next_token = next;
        Ok(output)
    })]);
    let client = client(transport.clone(), recording_sleep(Arc::default()));
    let mut pages = client.list_rooms_pages(ivschat::ListRoomsRequest::default());
    let mut arns = Vec::new();
    while let Some(page) = block_on(pages.next()) {
        arns.extend(
            page.expect("a page")
                .rooms
                .into_iter()
                .filter_map(|r| r.arn),
        );
    }
    assert_eq!(arns, ["room/1", "room/2"]);
    assert_eq!(transport.sent().len(), 2);
}

#[test]
fn an_attempt_that_outlasts_its_timeout_fails_as_a_timeout() {
    let waits = Arc::default();
    let client = ivschat::Client::new(
        Config::new()
            .with_region("us-east-1")
            .with_credentials(Credentials::new("AKIDEXAMPLE", "secret"))
            .with_http_client(Silent)
            .with_sleep(recording_sleep(Arc::clone(&waits)))
            .with_retry(RetryConfig {
                max_attempts: 1,
                ..RetryConfig::default()
            })
            .with_timeouts(Timeouts {
                attempt: Some(Duration::from_secs(2)),
                ..Timeouts::default()
            }),
    );
    match block_on(client.get_room(ivschat::GetRoomRequest::new(ROOM_ARN.to_owned()))) {
        Err(ivschat::GetRoomError::Unhandled(e)) => {
            assert_eq!(e.kind, UnhandledKind::Timeout, "{e}");
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert_eq!(
        *waits.lock().expect("not poisoned"),
        [Duration::from_secs(2)]
    );
}

/// Without feature `client` nothing is plugged in by default: a call says what to set.
/// (Native workspace builds enable `client`, whose defaults would reach for the network,
/// so this runs on wasm32 only, where this crate never enables it.)
#[cfg(target_arch = "wasm32")]
#[test]
fn without_a_timer_or_transport_a_call_says_what_to_set() {
    let fails_with = |config: Config| {
        let client = ivschat::Client::new(config);
        block_on(client.get_room(ivschat::GetRoomRequest::new(ROOM_ARN.to_owned())))
            .expect_err("nothing to call with")
            .to_string()
    };
    let config = || {
        Config::new()
            .with_region("us-east-1")
            .with_credentials(Credentials::new("AKIDEXAMPLE", "secret"))
    };
    let no_timer = fails_with(config());
    assert!(no_timer.contains("set Config::with_sleep"), "{no_timer}");
    let no_transport = fails_with(config().with_sleep(recording_sleep(Arc::default())));
    assert!(
        no_transport.contains("set Config::with_http_client"),
        "{no_transport}"
    );
}

/// A call's future is `Send` under `client-core` too, as multi-threaded executors need
/// (a compile-time check; `block_on` above does not need it).
#[allow(dead_code)]
fn calls_are_send(client: &ivschat::Client) -> impl Future + Send + '_ {
    client.get_room(ivschat::GetRoomRequest::new(String::new()))
}

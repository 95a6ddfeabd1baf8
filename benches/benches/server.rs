//! The generated server's own cost per request, in process: `cargo bench -p codec-benches
//! --bench server`.
//!
//! - `get_room`: `IvschatServer::call` on the load test's request (`POST /GetRoom` with
//!   `{"identifier": "<room ARN>"}`) over the example's in-memory rooms
//!   (`examples/src/rooms.rs`), to the finished 200 response: routing, body read, JSON
//!   parse, validation (the ARN `@pattern`), the handler (a mutex and a clone), JSON
//!   serialization, headers, the tracing span.
//! - `not_found`: a request no route matches, answered 404.
//! - `floor`: what the load test's floor server does per request — a response with the
//!   same JSON body and a `Content-Type`, nothing read.
//!
//! Nothing here waits (the body is all there, the handler never awaits), so each future is
//! polled by hand with a no-op waker: no runtime in the figures. The socket, hyper's
//! HTTP/1 parsing and writing are outside them (BENCHMARKS.md "Tail latency" measures the
//! whole request on loopback).

use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use bytes::Bytes;
use criterion::{criterion_group, criterion_main, Criterion};
use generated::ivschat::{CreateRoomRequest, Ivschat, IvschatServer};
use http_body_util::Full;
use tower_service::Service;

/// `future`'s output; it must not wait (nothing in these benches does).
fn ready<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("a server future waited"),
    }
}

fn post(path: &str, body: &str) -> http::Request<Full<Bytes>> {
    http::Request::builder()
        .method("POST")
        .uri(path)
        .header("host", "127.0.0.1")
        .header("content-type", "application/json")
        .header("content-length", body.len())
        .body(Full::new(Bytes::from(body.to_owned())))
        .expect("a valid request")
}

fn server(c: &mut Criterion) {
    let rooms = examples::rooms::IvschatRooms::default();
    let room = ready(rooms.create_room(CreateRoomRequest {
        name: Some("load".to_owned()),
        ..CreateRoomRequest::default()
    }))
    .expect("a room is created");
    let arn = room.arn.expect("a room has an ARN");
    let mut server = IvschatServer::new(rooms);
    let get = format!("{{\"identifier\":\"{arn}\"}}");
    let answer = ready(server.call(post("/GetRoom", &get))).expect("infallible");
    assert_eq!(answer.status(), 200, "GetRoom answers 200");
    let json = Bytes::from(
        serde_json::to_vec(&serde_json::json!({ "arn": arn })).expect("JSON serializes"),
    );

    let mut group = c.benchmark_group("server");
    group.bench_function("get_room", |b| {
        b.iter(|| ready(server.call(black_box(post("/GetRoom", &get)))))
    });
    group.bench_function("not_found", |b| {
        b.iter(|| ready(server.call(black_box(post("/NoSuchOperation", &get)))))
    });
    group.bench_function("floor", |b| {
        b.iter(|| {
            let _request = black_box(post("/GetRoom", &get));
            http::Response::builder()
                .header("content-type", "application/json")
                .body(Full::new(json.clone()))
        })
    });
    group.finish();
}

criterion_group!(benches, server);
criterion_main!(benches);

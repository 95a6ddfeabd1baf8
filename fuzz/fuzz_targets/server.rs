//! Any request (method, path, query, headers, body from the fuzzer's bytes) sent to the
//! example rooms service (the generated Chime and IVS Chat servers) gets an answer at
//! once, and never a 500: the handlers do not panic, so a 500 would be a panic caught in
//! routing, parsing, validation or serialization.
//!
//! Input layout: `method \0 path \0 query \0 headers \0 body`, headers as
//! `name: value` lines.
#![no_main]

use std::future::Future;
use std::task::{Context, Poll, Waker};

use bytes::Bytes;
use http_body_util::Full;
use libfuzzer_sys::fuzz_target;
use tower_service::Service;

fn request(data: &[u8]) -> Option<http::Request<Full<Bytes>>> {
    let mut parts = data.splitn(5, |b| *b == 0);
    let method = parts.next()?;
    let path = std::str::from_utf8(parts.next()?).ok()?;
    let query = std::str::from_utf8(parts.next().unwrap_or_default()).ok()?;
    let headers = std::str::from_utf8(parts.next().unwrap_or_default()).ok()?;
    let body = parts.next().unwrap_or_default();
    let uri = if query.is_empty() {
        format!("/{}", path.trim_start_matches('/'))
    } else {
        format!("/{}?{query}", path.trim_start_matches('/'))
    };
    let mut builder = http::Request::builder()
        .method(http::Method::from_bytes(method).ok()?)
        .uri(uri.parse::<http::Uri>().ok()?);
    for line in headers.lines() {
        let (name, value) = line.split_once(':')?;
        builder = builder.header(name.trim(), value.trim());
    }
    builder.body(Full::new(Bytes::copy_from_slice(body))).ok()
}

fuzz_target!(|data: &[u8]| {
    let Some(request) = request(data) else { return };
    let mut service = examples::rooms::RoomsService::default();
    let mut future = std::pin::pin!(service.call(request));
    let mut context = Context::from_waker(Waker::noop());
    // Nothing here waits on I/O: the answer is ready on the first poll.
    let Poll::Ready(Ok(response)) = future.as_mut().poll(&mut context) else {
        panic!("the service did not answer at once");
    };
    assert_ne!(response.status(), 500, "a panic was caught while answering");
});

//! Every request a generated server answers runs in a `tracing` span `request` with the
//! `operation` routed to and the response's `status` (the README's claim), recorded here
//! by a small subscriber that keeps each span's fields.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use generated::ivschat::IvschatServer;
use http_body_util::Full;
use tower_service::Service;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// The spans seen: name and fields (as text), by id.
type Spans = Arc<Mutex<BTreeMap<u64, (String, BTreeMap<String, String>)>>>;

/// A subscriber that records every span's fields and ignores events.
struct Recorder {
    spans: Spans,
    next: AtomicU64,
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(
            field.name().to_owned(),
            format!("{value:?}").replace('"', ""),
        );
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let mut fields = BTreeMap::new();
        span.record(&mut Fields(&mut fields));
        let mut spans = self.spans.lock().expect("not poisoned");
        spans.insert(id, (span.metadata().name().to_owned(), fields));
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut spans = self.spans.lock().expect("not poisoned");
        if let Some((_, fields)) = spans.get_mut(&span.into_u64()) {
            values.record(&mut Fields(fields));
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, _: &Event<'_>) {}
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

fn post(uri: &str, body: &'static str) -> http::Request<Full<Bytes>> {
    http::Request::post(uri)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from_static(body.as_bytes())))
        .expect("request")
}

#[test]
fn every_request_runs_in_a_span_with_operation_and_status() {
    let spans = Spans::default();
    let recorder = Recorder {
        spans: Arc::clone(&spans),
        next: AtomicU64::new(0),
    };
    tracing::subscriber::with_default(recorder, || {
        pollster::block_on(async {
            let mut server = IvschatServer::new(examples::rooms::IvschatRooms::default());
            for request in [
                post("/CreateRoom", r#"{"name":"lobby"}"#),
                post("/CreateRoom", r#"{"maximumMessageLength":0}"#),
                post("/NoSuchOperation", "{}"),
            ] {
                server.call(request).await.expect("infallible");
            }
        });
    });
    let spans = spans.lock().expect("not poisoned");
    let requests: Vec<(Option<&str>, Option<&str>, Option<&str>)> = spans
        .values()
        .filter(|(name, _)| name == "request")
        .map(|(_, f)| {
            let get = |k: &str| f.get(k).map(String::as_str);
            (get("path"), get("operation"), get("status"))
        })
        .collect();
    assert_eq!(
        requests,
        [
            (Some("/CreateRoom"), Some("CreateRoom"), Some("200")),
            (Some("/CreateRoom"), Some("CreateRoom"), Some("400")),
            // Routed nowhere: no operation, still a status.
            (Some("/NoSuchOperation"), None, Some("404")),
        ]
    );
}

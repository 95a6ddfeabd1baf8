//! The RPC protocols' client codecs against the floor of their format's own generic value:
//! `cargo bench -p codec-benches --bench rpc`.
//!
//! - `aws_json_list_items_1000`: `parse_response::<ListItems>` of an awsJson1_1 200
//!   response (the `inventory` fixture, models/fixtures/aws_json.smithy) with 1,000 items,
//!   every member filled, and a `NextToken`; the floor is
//!   `serde_json::from_slice::<Value>` of the same body. `serde_json_typed` is the same
//!   output type through plain serde_json, for attribution.
//!
//! The body is deterministic, built once before timing; throughput is in body bytes.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use fixtures::inventory::{ListItems, ListItemsOutput};
use fixtures::runtime::protocol::parse_response;
use serde_json::{json, Value};

const ITEMS: usize = 1_000;

/// The `ListItems` 200 response: compact JSON, as an awsJson service sends it.
fn list_items_response() -> http::Response<Vec<u8>> {
    let items: Vec<Value> = (0..ITEMS)
        .map(|i| {
            json!({
                "Sku": format!("sku-{i:06}-{}", i * 7919 % 10_007),
                "Name": format!("Widget {i:04} (hardware, aisle {})", i % 40),
                "Count": i * 3 % 500,
                "Price": (i as f64) * 1.25 + 0.99,
                "Added": 1_700_000_000.0 + (i as f64) * 60.5,
                "Tags": { "colour": format!("c{}", i % 12), "size": format!("s{}", i % 5) },
            })
        })
        .collect();
    let body = serde_json::to_vec(&json!({ "Items": items, "NextToken": "b64tokenAAAAZZZZ" }))
        .expect("a JSON value serializes");
    http::Response::builder()
        .status(200)
        .header("content-type", "application/x-amz-json-1.1")
        .header("content-length", body.len())
        .body(body)
        .expect("a valid response")
}

fn aws_json_list_items(c: &mut Criterion) {
    let response = list_items_response();
    let body = response.body().clone();

    // Check once, outside timing, that the codec reads every member.
    let parsed: ListItemsOutput =
        parse_response::<ListItems>(&response).expect("the response parses");
    assert_eq!(parsed.items.len(), ITEMS);
    assert!(parsed.next_token.is_some());
    assert!(parsed.items.iter().all(|i| i.name.is_some()
        && i.count.is_some()
        && i.price.is_some()
        && i.added.is_some()
        && i.tags.as_ref().is_some_and(|t| t.len() == 2)));
    println!(
        "aws_json_list_items_1000: one response, {ITEMS} items, {} body bytes",
        body.len()
    );

    let mut group = c.benchmark_group("aws_json_list_items_1000");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("parse_response", |b| {
        b.iter(|| parse_response::<ListItems>(black_box(&response)))
    });
    group.bench_function("serde_json_value_floor", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(&body)))
    });
    group.bench_function("serde_json_typed", |b| {
        b.iter(|| serde_json::from_slice::<ListItemsOutput>(black_box(&body)))
    });
    group.finish();
}

criterion_group!(benches, aws_json_list_items);
criterion_main!(benches);

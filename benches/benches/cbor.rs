//! The rpcv2Cbor body codec (`runtime::cbor`, feature `cbor`) against the floors of the
//! CBOR crates' own generic readers: `cargo bench -p codec-benches --bench cbor`.
//!
//! - `cbor_list_rooms_1000`: `cbor::from_slice::<ListRoomsResponse>` of a Chime
//!   `ListRoomsResponse` with 1,000 rooms, every member filled, and a `NextToken`, written
//!   by `cbor::to_vec` (tag 1 timestamps, definite lengths).
//! - floors, the same bytes into a generic value: minicbor (the crate the codec drives)
//!   has no value tree, so its floor is its tokenizer collecting every item into a
//!   `Vec<Token>` (borrowing text, as our reader does); and `ciborium::Value`, the
//!   generic value of the other well-known CBOR crate.
//! - `ciborium_typed` (attribution): the same generated type through ciborium's serde
//!   deserializer, the alternative to driving minicbor with our own.
//! - `to_vec`: writing the response (for the record; no floor).
//!
//! The input is deterministic (no random numbers), so runs compare; throughput is in
//! bytes of CBOR body.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use generated::chime::{ListRoomsResponse, Room};
use generated::runtime::cbor;
use generated::runtime::DateTime;
use support::uuid;

mod support;

const ROOMS: usize = 1_000;
const ACCOUNT_ID: &str = "2b1e5d2c-7f3a-4c1e-9a7b-3d5e6f708192";

/// A page of 1,000 rooms with every member set, timestamps with milliseconds.
fn page() -> ListRoomsResponse {
    let rooms = (0..ROOMS)
        .map(|i| {
            let at = 1_575_244_800 + 60 * i as i64;
            Room {
                room_id: Some(uuid(1, i as u64)),
                name: Some(format!("Project room {i:04} (engineering)")),
                account_id: Some(ACCOUNT_ID.to_owned()),
                created_by: Some(format!(
                    "arn:aws:iam::111122223333:user/member-{:03}",
                    i % 97
                )),
                created_timestamp: Some(DateTime::from_parts(at, 37_000_000)),
                updated_timestamp: Some(DateTime::from_parts(at + 5_400, 125_000_000)),
            }
        })
        .collect();
    ListRoomsResponse {
        rooms: Some(rooms),
        next_token: Some((0..4).map(|i| uuid(2, i).replace('-', "")).collect()),
    }
}

fn list_rooms(c: &mut Criterion) {
    let page = page();
    let body = cbor::to_vec(&page).expect("the page serializes");
    // Check once, outside timing, that every reader reads it all.
    let read: ListRoomsResponse = cbor::from_slice(&body).expect("the body reads");
    assert_eq!(read, page);
    let via_ciborium: ListRoomsResponse =
        ciborium::from_reader(body.as_slice()).expect("ciborium reads the body");
    assert_eq!(via_ciborium, page);
    let tokens = minicbor_tokens(&body);
    println!(
        "cbor_list_rooms_1000: {ROOMS} rooms, {} body bytes, {tokens} CBOR items",
        body.len()
    );

    let mut group = c.benchmark_group("cbor_list_rooms_1000");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("from_slice", |b| {
        b.iter(|| cbor::from_slice::<ListRoomsResponse>(black_box(&body)))
    });
    group.bench_function("minicbor_tokens_floor", |b| {
        b.iter(|| minicbor_tokens(black_box(&body)))
    });
    group.bench_function("ciborium_value_floor", |b| {
        b.iter(|| ciborium::from_reader::<ciborium::Value, _>(black_box(body.as_slice())))
    });
    group.bench_function("ciborium_typed", |b| {
        b.iter(|| ciborium::from_reader::<ListRoomsResponse, _>(black_box(body.as_slice())))
    });
    group.bench_function("to_vec", |b| b.iter(|| cbor::to_vec(black_box(&page))));
    group.finish();
}

/// minicbor's generic reading: every item of the body as a token, kept in a `Vec`.
fn minicbor_tokens(body: &[u8]) -> usize {
    let mut decoder = minicbor::Decoder::new(body);
    let tokens: Result<Vec<minicbor::data::Token<'_>>, _> = decoder.tokens().collect();
    tokens.map_or(0, |t| t.len())
}

criterion_group!(benches, list_rooms);
criterion_main!(benches);

//! The restJson1 client codecs of the generated crate against a serde_json floor:
//! `cargo bench -p codec-benches`.
//!
//! - `list_rooms_1000`: `parse_response::<ListRooms>` of a Chime `ListRooms` 200 response
//!   with 1,000 rooms, all members filled, and a `NextToken`; the floor is
//!   `serde_json::from_slice::<Value>` of the same body.
//! - `create_room_1000`: `serialize_request::<CreateRoom>` of 1,000 distinct inputs per
//!   iteration; the floor is `serde_json::to_vec` of the equivalent `Value` bodies.
//!
//! - `validate_1000`: `Validate::validate` (the server's `@pattern`/`@length` checks) of
//!   the parsed 1,000-room `ListRooms` response (3,000 `@pattern` checks) and of the
//!   1,000 `CreateRoom` inputs (2,000).
//!
//! Each group also times `serde_json_typed`, the same generated type through plain
//! serde_json, to show where the time between the codec and the floor goes.
//!
//! Inputs are built once, before timing; throughput is in bytes of JSON body (MB/s).
//! The JSON is deterministic (no random numbers), so runs compare.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use generated::chime::{CreateRoom, CreateRoomRequest, ListRooms, ListRoomsResponse};
use generated::runtime::protocol::{parse_response, serialize_request};
use generated::runtime::Validate;
use serde_json::{json, Value};
use support::uuid;

mod support;

const ROOMS: usize = 1_000;
const ENDPOINT: &str = "https://service.chime.aws.amazon.com";
const ACCOUNT_ID: &str = "2b1e5d2c-7f3a-4c1e-9a7b-3d5e6f708192";

/// An RFC 3339 UTC timestamp with milliseconds, as Chime writes them, `n` minutes and
/// some milliseconds after 2019-12-02T00:00:00Z.
fn timestamp(n: usize) -> String {
    let minutes = n % (24 * 60);
    let day = 2 + n / (24 * 60);
    format!(
        "2019-12-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        minutes / 60,
        minutes % 60,
        (n * 7) % 60,
        (n * 37) % 1000
    )
}

/// The `ListRooms` 200 response: compact JSON, as the service sends it.
fn list_rooms_response() -> http::Response<Vec<u8>> {
    let rooms: Vec<Value> = (0..ROOMS)
        .map(|i| {
            json!({
                "RoomId": uuid(1, i as u64),
                "Name": format!("Project room {i:04} (engineering)"),
                "AccountId": ACCOUNT_ID,
                "CreatedBy": format!("arn:aws:iam::111122223333:user/member-{:03}", i % 97),
                "CreatedTimestamp": timestamp(i),
                "UpdatedTimestamp": timestamp(i + 90),
            })
        })
        .collect();
    // An opaque continuation token, base64-looking, as paginated AWS APIs return.
    let next_token: String = (0..4).map(|i| uuid(2, i).replace('-', "")).collect();
    let body = serde_json::to_vec(&json!({ "Rooms": rooms, "NextToken": next_token }))
        .expect("a JSON value serializes");
    http::Response::builder()
        .status(200)
        .header("x-amzn-requestid", uuid(3, 0))
        .header("content-type", "application/json")
        .header("content-length", body.len())
        .header("date", "Mon, 02 Dec 2019 22:29:31 GMT")
        .body(body)
        .expect("a valid response")
}

/// 1,000 distinct `CreateRoom` inputs, each with its idempotency token set (so the
/// benchmark measures the codec, not UUID generation).
fn create_room_inputs() -> Vec<CreateRoomRequest> {
    (0..ROOMS)
        .map(|i| {
            let mut input = CreateRoomRequest::new(
                ACCOUNT_ID.to_owned(),
                format!("Project room {i:04} (engineering)"),
            );
            input.client_request_token = Some(uuid(4, i as u64));
            input
        })
        .collect()
}

fn list_rooms(c: &mut Criterion) {
    let response = list_rooms_response();
    let body = response.body().clone();

    // Check once, outside timing, that the codec reads every member.
    let parsed: ListRoomsResponse =
        parse_response::<ListRooms>(&response).expect("the response parses");
    let rooms = parsed.rooms.as_deref().unwrap_or_default();
    assert_eq!(rooms.len(), ROOMS);
    assert!(parsed.next_token.is_some());
    assert!(rooms.iter().all(|r| r.room_id.is_some()
        && r.name.is_some()
        && r.account_id.is_some()
        && r.created_by.is_some()
        && r.created_timestamp.is_some()
        && r.updated_timestamp.is_some()));

    println!(
        "list_rooms_1000: one response, {} rooms, {} body bytes",
        rooms.len(),
        body.len()
    );
    let mut group = c.benchmark_group("list_rooms_1000");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("parse_response", |b| {
        b.iter(|| parse_response::<ListRooms>(black_box(&response)))
    });
    group.bench_function("serde_json_value_floor", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(&body)))
    });
    // For attribution: the same output type through plain `serde_json::from_slice` (no
    // HTTP view; the runtime reads the body as checked UTF-8 with `from_str`).
    group.bench_function("serde_json_typed", |b| {
        b.iter(|| serde_json::from_slice::<ListRoomsResponse>(black_box(&body)))
    });
    group.finish();
}

fn create_room(c: &mut Criterion) {
    let inputs = create_room_inputs();
    let requests: Vec<http::Request<Vec<u8>>> = inputs
        .iter()
        .map(|input| serialize_request::<CreateRoom>(input, ENDPOINT).expect("the input sends"))
        .collect();
    // The floor: the same bodies as `Value`s (key order aside, byte for byte the same
    // length).
    let values: Vec<Value> = requests
        .iter()
        .map(|r| serde_json::from_slice(r.body()).expect("the body is JSON"))
        .collect();
    let bytes: usize = requests.iter().map(|r| r.body().len()).sum();
    let floor_bytes: usize = values
        .iter()
        .map(|v| serde_json::to_vec(v).map_or(0, |b| b.len()))
        .sum();
    assert_eq!(bytes, floor_bytes);
    assert_eq!(
        requests[0].uri(),
        &format!("{ENDPOINT}/accounts/{ACCOUNT_ID}/rooms")[..]
    );

    println!(
        "create_room_1000: {} requests, {bytes} body bytes in all",
        requests.len()
    );
    let mut group = c.benchmark_group("create_room_1000");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("serialize_request", |b| {
        b.iter(|| {
            for input in black_box(&inputs) {
                black_box(serialize_request::<CreateRoom>(input, ENDPOINT).ok());
            }
        })
    });
    group.bench_function("serde_json_value_floor", |b| {
        b.iter(|| {
            for value in black_box(&values) {
                black_box(serde_json::to_vec(value).ok());
            }
        })
    });
    // For attribution: the bodies alone through the inputs' serde form (no URI, headers
    // or `http::Request`).
    group.bench_function("serde_json_typed", |b| {
        b.iter(|| {
            for input in black_box(&inputs) {
                black_box(serde_json::to_vec(input).ok());
            }
        })
    });
    group.finish();
}

fn validate(c: &mut Criterion) {
    let parsed: ListRoomsResponse =
        parse_response::<ListRooms>(&list_rooms_response()).expect("the response parses");
    let inputs = create_room_inputs();
    assert!(parsed.validate().is_ok());
    assert!(inputs.iter().all(|i| i.validate().is_ok()));

    let mut group = c.benchmark_group("validate_1000");
    group.bench_function("list_rooms_response", |b| {
        b.iter(|| black_box(&parsed).validate())
    });
    group.bench_function("create_room_requests", |b| {
        b.iter(|| {
            for input in black_box(&inputs) {
                black_box(input.validate().is_ok());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, list_rooms, create_room, validate);
criterion_main!(benches);

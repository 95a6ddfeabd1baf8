//! The size probe of BENCHMARKS.md: a small program that serializes a Chime `CreateRoom`
//! request (idempotency token included) and parses a `201` response, built with
//! `cargo build --release -p wasm-tests --bin create_room --target wasm32-unknown-unknown`.
//! `black_box` keeps the inputs opaque so the optimizer cannot fold the work away.

use std::hint::black_box;

use generated::chime::{CreateRoom, CreateRoomRequest};
use generated::runtime::protocol::{parse_response, serialize_request};

fn main() {
    let input = CreateRoomRequest::new(
        black_box("acct-1").to_owned(),
        black_box("lobby").to_owned(),
    );
    let endpoint = black_box("https://service.chime.aws.amazon.com");
    let request = serialize_request::<CreateRoom>(&input, endpoint);
    black_box(request.map(http::Request::into_body).ok());

    let body = br#"{"Room":{"RoomId":"room-1","Name":"lobby","AccountId":"acct-1","CreatedTimestamp":"2026-01-01T00:00:00Z"}}"#;
    let response = http::Response::builder()
        .status(201)
        .header("content-type", "application/json")
        .body(black_box(body).to_vec());
    if let Ok(response) = response {
        let output = parse_response::<CreateRoom>(&response);
        black_box(output.ok().and_then(|o| o.room).and_then(|r| r.room_id));
    }
}

//! Sans-IO round trips on both services, as run on wasm32-wasip1 by `.ci/wasm.sh`: the
//! client codec serializes a request, the server side parses it, answers with an output or
//! a modeled error, and the client codec parses that answer back. Nothing here needs a
//! socket, a thread or a runtime; the idempotency tokens come from the platform's
//! randomness (WASI `random_get` there).

use generated::runtime::protocol::{
    parse_request, parse_response, serialize_error, serialize_request, serialize_response,
    CallError,
};
use generated::runtime::DateTime;
use generated::{chime, ivschat};
use wasm_tests::assert_uuid_v4;

const CHIME: &str = "https://service.chime.aws.amazon.com";
const IVSCHAT: &str = "https://ivschat.us-east-1.amazonaws.com";
const ROOM_ARN: &str = "arn:aws:ivschat:us-east-1:123456789012:room/g1H2I3j4k5L6";

#[test]
fn chime_create_room_round_trips_with_a_fresh_token() {
    let input = chime::CreateRoomRequest::new("acct-1".to_owned(), "lobby".to_owned());
    let request = serialize_request::<chime::CreateRoom>(&input, CHIME).expect("a valid input");
    assert_eq!(request.method(), "POST");
    assert_eq!(
        request.uri().to_string(),
        "https://service.chime.aws.amazon.com/accounts/acct-1/rooms"
    );

    let received = parse_request::<chime::CreateRoom>(&request).expect("a well-formed request");
    assert_eq!(received.account_id, "acct-1");
    assert_eq!(received.name, "lobby");
    let token = received
        .client_request_token
        .expect("a token was filled in");
    assert_uuid_v4(&token);

    let output = chime::CreateRoomResponse {
        room: Some(chime::Room {
            room_id: Some("room-1".to_owned()),
            name: Some("lobby".to_owned()),
            account_id: Some("acct-1".to_owned()),
            created_timestamp: Some(DateTime::from_secs(1_700_000_000)),
            ..Default::default()
        }),
    };
    let response = serialize_response::<chime::CreateRoom>(&output).expect("a valid output");
    assert_eq!(response.status(), 201);
    let read = parse_response::<chime::CreateRoom>(&response).expect("a 201 with a room");
    assert_eq!(read, output);
}

#[test]
fn every_request_gets_its_own_token() {
    let input = chime::CreateRoomRequest::new("acct-1".to_owned(), "lobby".to_owned());
    let token = || {
        let request = serialize_request::<chime::CreateRoom>(&input, CHIME).expect("valid");
        let received = parse_request::<chime::CreateRoom>(&request).expect("well-formed");
        received.client_request_token.expect("a token")
    };
    assert_ne!(token(), token());
}

#[test]
fn chime_modeled_error_round_trips() {
    let error = chime::GetRoomError::NotFoundException(chime::NotFoundException {
        message: Some("no room r-9".to_owned()),
        ..Default::default()
    });
    let response = serialize_error::<chime::GetRoom>(&error).expect("a valid error");
    assert_eq!(response.status(), 404);
    match parse_response::<chime::GetRoom>(&response) {
        Err(CallError::Service(chime::GetRoomError::NotFoundException(e))) => {
            assert_eq!(e.message.as_deref(), Some("no room r-9"));
        }
        other => panic!("expected NotFoundException, got {other:?}"),
    }
}

#[test]
fn ivschat_create_room_round_trips_with_tags() {
    let input = ivschat::CreateRoomRequest {
        name: Some("lobby".to_owned()),
        maximum_message_length: Some(500),
        tags: Some(
            [("team".to_owned(), "red".to_owned())]
                .into_iter()
                .collect(),
        ),
        ..Default::default()
    };
    let request = serialize_request::<ivschat::CreateRoom>(&input, IVSCHAT).expect("valid");
    assert_eq!(request.method(), "POST");
    assert_eq!(request.uri().path(), "/CreateRoom");
    let received = parse_request::<ivschat::CreateRoom>(&request).expect("well-formed");
    assert_eq!(received, input);

    let output = ivschat::CreateRoomResponse {
        arn: Some(ROOM_ARN.to_owned()),
        id: Some("g1H2I3j4k5L6".to_owned()),
        name: received.name,
        tags: received.tags,
        ..Default::default()
    };
    let response = serialize_response::<ivschat::CreateRoom>(&output).expect("valid output");
    assert_eq!(response.status(), 200);
    assert_eq!(
        parse_response::<ivschat::CreateRoom>(&response).expect("a 200"),
        output
    );
}

#[test]
fn ivschat_list_rooms_carries_the_page_token_both_ways() {
    let input = ivschat::ListRoomsRequest {
        next_token: Some("page-2".to_owned()),
        max_results: Some(1),
        ..Default::default()
    };
    let request = serialize_request::<ivschat::ListRooms>(&input, IVSCHAT).expect("valid");
    let received = parse_request::<ivschat::ListRooms>(&request).expect("well-formed");
    assert_eq!(received.next_token.as_deref(), Some("page-2"));

    let mut output = ivschat::ListRoomsResponse::new(vec![ivschat::RoomSummary {
        arn: Some(ROOM_ARN.to_owned()),
        ..Default::default()
    }]);
    output.next_token = Some("page-3".to_owned());
    let response = serialize_response::<ivschat::ListRooms>(&output).expect("valid output");
    assert_eq!(
        parse_response::<ivschat::ListRooms>(&response).expect("a 200"),
        output
    );
}

#[test]
fn ivschat_modeled_error_round_trips() {
    let error =
        ivschat::GetRoomError::ResourceNotFoundException(ivschat::ResourceNotFoundException::new(
            "no such room".to_owned(),
            "g1H2I3j4k5L6".to_owned(),
            ivschat::ResourceType::Room,
        ));
    let response = serialize_error::<ivschat::GetRoom>(&error).expect("a valid error");
    assert_eq!(response.status(), 404);
    match parse_response::<ivschat::GetRoom>(&response) {
        Err(CallError::Service(ivschat::GetRoomError::ResourceNotFoundException(e))) => {
            assert_eq!(e.resource_id, "g1H2I3j4k5L6");
            assert_eq!(e.resource_type, ivschat::ResourceType::Room);
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
}

#[test]
fn a_malformed_request_is_refused_by_the_server_side() {
    let request = http::Request::builder()
        .method("POST")
        .uri(format!("{IVSCHAT}/CreateRoom"))
        .header("content-type", "application/json")
        .body(br#"{"maximumMessageLength": "many"}"#.to_vec())
        .expect("a request");
    let rejection = parse_request::<ivschat::CreateRoom>(&request).expect_err("refused");
    assert_eq!(rejection.into_response().status(), 400);
}

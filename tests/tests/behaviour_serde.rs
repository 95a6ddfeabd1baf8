//! serde round trips of real restJson1 bodies from the AWS models, unknown fields, and the
//! README's rules for missing required members (error correction in responses, an error in
//! inputs).

use generated::runtime::{DateTime, Validate};
use serde_json::{json, Value};

/// A Chime `CreateRoom` response body as the API documents it. `Room` timestamps are
/// `Iso8601Timestamp`, which the model marks `@timestampFormat("date-time")`.
fn chime_create_room_body() -> Value {
    json!({
        "Room": {
            "RoomId": "abcd1e2d-3e45-6789-01f2-3g45h67i890j",
            "Name": "chatRoom",
            "AccountId": "12a3456b-7c89-012d-3456-78901e23fg45",
            "CreatedBy": "arn:aws:iam::111122223333:user/alejandro",
            "CreatedTimestamp": "2019-04-11T19:14:55.431Z",
            "UpdatedTimestamp": "2019-04-11T19:15:02.017Z"
        }
    })
}

#[test]
fn chime_room_deserializes_with_date_time_timestamps() {
    let response: generated::chime::CreateRoomResponse =
        serde_json::from_value(chime_create_room_body()).unwrap();
    let room = response.room.expect("Room is set");
    assert_eq!(
        room.room_id.as_deref(),
        Some("abcd1e2d-3e45-6789-01f2-3g45h67i890j")
    );
    assert_eq!(room.name.as_deref(), Some("chatRoom"));
    assert_eq!(
        room.account_id.as_deref(),
        Some("12a3456b-7c89-012d-3456-78901e23fg45")
    );
    assert_eq!(
        room.created_by.as_deref(),
        Some("arn:aws:iam::111122223333:user/alejandro")
    );
    // 2019-04-11T19:14:55Z is 1555010095 seconds after the epoch.
    assert_eq!(
        room.created_timestamp,
        Some(DateTime::from_parts(1_555_010_095, 431_000_000))
    );
    assert_eq!(
        room.updated_timestamp,
        Some(DateTime::from_parts(1_555_010_102, 17_000_000))
    );
}

#[test]
fn chime_room_serializes_back_to_the_same_json() {
    let body = chime_create_room_body();
    let response: generated::chime::CreateRoomResponse =
        serde_json::from_value(body.clone()).unwrap();
    assert_eq!(serde_json::to_value(&response).unwrap(), body);
}

#[test]
fn chime_room_timestamps_are_strings_not_epoch_seconds() {
    let room = generated::chime::Room {
        created_timestamp: Some(DateTime::from_secs(1_555_010_095)),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&room).unwrap(),
        json!({ "CreatedTimestamp": "2019-04-11T19:14:55Z" })
    );
    // An epoch number is not the wire form of a date-time member.
    let err =
        serde_json::from_value::<generated::chime::Room>(json!({ "CreatedTimestamp": 1555010095 }))
            .unwrap_err();
    // serde_json's `Value` names the number only without `arbitrary_precision`, which
    // Cargo unifies in from the generator when both are built together.
    let err = err.to_string();
    assert!(
        err.contains("invalid type: integer `1555010095`, expected an RFC 3339 date-time string")
            || err.contains("invalid type: number, expected an RFC 3339 date-time string"),
        "{err}"
    );
}

/// An IVS Chat `GetRoom` response body, as the API documents it.
fn ivschat_get_room_body() -> Value {
    json!({
        "arn": "arn:aws:ivschat:us-west-2:123456789012:room/g1H2I3j4k5L6",
        "id": "g1H2I3j4k5L6",
        "name": "test-room",
        "createTime": "2022-03-16T04:44:09.152Z",
        "updateTime": "2022-03-16T04:47:31.5Z",
        "maximumMessageRatePerSecond": 100,
        "maximumMessageLength": 200,
        "messageReviewHandler": {
            "uri": "arn:aws:lambda:us-west-2:123456789012:function:chatreviewer",
            "fallbackResult": "ALLOW"
        },
        "tags": { "Stage": "Dev", "Team": "chat" },
        "loggingConfigurationIdentifiers": [
            "arn:aws:ivschat:us-west-2:123456789012:logging-configuration/ABcdef34ghIJ"
        ]
    })
}

#[test]
fn ivschat_get_room_response_deserializes_every_member() {
    use generated::ivschat::{FallbackResult, GetRoomResponse};
    let room: GetRoomResponse = serde_json::from_value(ivschat_get_room_body()).unwrap();
    assert_eq!(
        room.arn.as_deref(),
        Some("arn:aws:ivschat:us-west-2:123456789012:room/g1H2I3j4k5L6")
    );
    assert_eq!(room.id.as_deref(), Some("g1H2I3j4k5L6"));
    assert_eq!(room.name.as_deref(), Some("test-room"));
    // 2022-03-16T04:44:09Z is 1647405849 seconds after the epoch.
    assert_eq!(
        room.create_time,
        Some(DateTime::from_parts(1_647_405_849, 152_000_000))
    );
    assert_eq!(
        room.update_time,
        Some(DateTime::from_parts(1_647_406_051, 500_000_000))
    );
    assert_eq!(room.maximum_message_rate_per_second, Some(100));
    assert_eq!(room.maximum_message_length, Some(200));
    let handler = room.message_review_handler.as_ref().unwrap();
    assert_eq!(
        handler.uri.as_deref(),
        Some("arn:aws:lambda:us-west-2:123456789012:function:chatreviewer")
    );
    assert_eq!(handler.fallback_result, Some(FallbackResult::Allow));
    let tags = room.tags.as_ref().unwrap();
    assert_eq!(tags.len(), 2);
    assert_eq!(tags["Stage"], "Dev");
    assert_eq!(tags["Team"], "chat");
    assert_eq!(
        room.logging_configuration_identifiers,
        Some(vec![
            "arn:aws:ivschat:us-west-2:123456789012:logging-configuration/ABcdef34ghIJ".to_owned()
        ])
    );
    // A real response satisfies the model's constraints.
    assert_eq!(room.validate(), Ok(()));
}

#[test]
fn ivschat_get_room_response_serializes_back_to_the_same_json() {
    let body = ivschat_get_room_body();
    let room: generated::ivschat::GetRoomResponse = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(serde_json::to_value(&room).unwrap(), body);
}

#[test]
fn unset_optional_members_are_not_serialized() {
    let room = generated::ivschat::GetRoomResponse {
        id: Some("g1H2I3j4k5L6".to_owned()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&room).unwrap(),
        r#"{"id":"g1H2I3j4k5L6"}"#
    );
    // `null` reads as unset.
    let back: generated::ivschat::GetRoomResponse =
        serde_json::from_str(r#"{"id":"g1H2I3j4k5L6","name":null,"tags":null}"#).unwrap();
    assert_eq!(back, room);
}

#[test]
fn unknown_json_fields_are_ignored() {
    let mut body = ivschat_get_room_body();
    body["brandNewMember"] = json!({ "nested": [1, 2, 3] });
    body["messageReviewHandler"]["timeoutSeconds"] = json!(5);
    let room: generated::ivschat::GetRoomResponse = serde_json::from_value(body).unwrap();
    assert_eq!(
        serde_json::to_value(&room).unwrap(),
        ivschat_get_room_body()
    );

    let mut body = chime_create_room_body();
    body["Room"]["RoomType"] = json!("ENTERPRISE");
    let response: generated::chime::CreateRoomResponse = serde_json::from_value(body).unwrap();
    assert_eq!(
        serde_json::to_value(&response).unwrap(),
        chime_create_room_body()
    );
}

#[test]
fn response_missing_required_list_gets_empty_list() {
    let response: generated::ivschat::ListRoomsResponse =
        serde_json::from_str(r#"{"nextToken":"abc"}"#).unwrap();
    assert_eq!(response.rooms, Vec::new());
    assert_eq!(response.next_token.as_deref(), Some("abc"));
}

#[test]
fn response_missing_required_map_gets_empty_map() {
    let response: generated::ivschat::ListTagsForResourceResponse =
        serde_json::from_str("{}").unwrap();
    assert!(response.tags.is_empty());
}

#[test]
fn error_missing_required_members_gets_zero_values() {
    use generated::ivschat::{ResourceType, ThrottlingException};
    let e: ThrottlingException = serde_json::from_str(r#"{"message":"slow down"}"#).unwrap();
    assert_eq!(e.message, "slow down");
    assert_eq!(e.resource_id, "");
    assert!(
        matches!(&e.resource_type, ResourceType::Unknown(v) if v.as_str().is_empty()),
        "{:?}",
        e.resource_type
    );
    assert_eq!(e.limit, 0);
}

#[test]
fn fixture_output_missing_required_string_gets_empty_string() {
    let out: fixtures::constraints::CreateAccountOutput = serde_json::from_str("{}").unwrap();
    assert_eq!(out.id, "");
}

#[test]
fn input_missing_required_member_fails_naming_the_member() {
    let err =
        serde_json::from_str::<generated::ivschat::CreateChatTokenRequest>(r#"{"userId":"u1"}"#)
            .unwrap_err();
    assert!(
        err.to_string().contains("missing field `roomIdentifier`"),
        "{err}"
    );

    let err = serde_json::from_str::<generated::chime::CreateRoomRequest>(r#"{"AccountId":"a1"}"#)
        .unwrap_err();
    assert!(err.to_string().contains("missing field `Name`"), "{err}");

    let err = serde_json::from_str::<fixtures::constraints::CreateAccountInput>(r#"{"age":30}"#)
        .unwrap_err();
    assert!(err.to_string().contains("missing field `name`"), "{err}");
}

#[test]
fn input_with_required_members_round_trips() {
    use generated::ivschat::{ChatTokenCapability, CreateChatTokenRequest};
    let body = json!({
        "roomIdentifier": "arn:aws:ivschat:us-west-2:123456789012:room/g1H2I3j4k5L6",
        "userId": "user-1",
        "capabilities": ["SEND_MESSAGE", "DELETE_MESSAGE"],
        "sessionDurationInMinutes": 60,
        "attributes": { "displayName": "Ana" }
    });
    let request: CreateChatTokenRequest = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(request.user_id, "user-1");
    assert_eq!(
        request.capabilities,
        Some(vec![
            ChatTokenCapability::SendMessage,
            ChatTokenCapability::DeleteMessage
        ])
    );
    assert_eq!(request.session_duration_in_minutes, Some(60));
    assert_eq!(serde_json::to_value(&request).unwrap(), body);
}

#[test]
fn structure_shared_with_an_input_stays_strict_in_responses() {
    // S3DestinationConfiguration is reachable from CreateLoggingConfigurationRequest (input)
    // and GetLoggingConfigurationResponse (output); `bucketName` is @required. Error
    // correction would also accept such an input, so (README rule) shared shapes are strict.
    let err = serde_json::from_str::<generated::ivschat::GetLoggingConfigurationResponse>(
        r#"{"id":"ABcdef34ghIJ","destinationConfiguration":{"s3":{}}}"#,
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("missing field `bucketName`"),
        "{err}"
    );
}

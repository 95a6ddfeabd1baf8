//! `@idempotencyToken` members: `None` is written as a fresh UUID v4, a set value is kept.

use generated::runtime::Validate;
use serde_json::Value;
use tests::assert_uuid_v4;

fn client_token(input: &fixtures::constraints::CreateAccountInput) -> String {
    match serde_json::to_value(input).unwrap() {
        Value::Object(mut map) => match map.remove("clientToken") {
            Some(Value::String(token)) => token,
            other => panic!("clientToken is {other:?}"),
        },
        other => panic!("not an object: {other}"),
    }
}

#[test]
fn unset_token_serializes_a_uuid_v4() {
    let input = fixtures::constraints::CreateAccountInput::new("alice".to_owned());
    assert_eq!(input.client_token, None);
    assert_uuid_v4(&client_token(&input));
}

#[test]
fn each_serialization_gets_a_fresh_token() {
    let input = fixtures::constraints::CreateAccountInput::new("alice".to_owned());
    let first = client_token(&input);
    let second = client_token(&input);
    assert_ne!(first, second);
    // Serializing does not store the token in the value.
    assert_eq!(input.client_token, None);
}

#[test]
fn set_token_is_kept() {
    let mut input = fixtures::constraints::CreateAccountInput::new("alice".to_owned());
    input.client_token = Some("abc".to_owned());
    assert_eq!(
        serde_json::to_string(&input).unwrap(),
        r#"{"name":"alice","clientToken":"abc"}"#
    );
}

#[test]
fn token_reads_back_as_received() {
    let input: fixtures::constraints::CreateAccountInput =
        serde_json::from_str(r#"{"name":"alice","clientToken":"req-1"}"#).unwrap();
    assert_eq!(input.client_token.as_deref(), Some("req-1"));
    let input: fixtures::constraints::CreateAccountInput =
        serde_json::from_str(r#"{"name":"alice"}"#).unwrap();
    assert_eq!(input.client_token, None);
}

#[test]
fn chime_create_room_fills_client_request_token() {
    let request =
        generated::chime::CreateRoomRequest::new("acct-1".to_owned(), "standup".to_owned());
    let json = serde_json::to_value(&request).unwrap();
    let token = json["ClientRequestToken"].as_str().expect("a string token");
    assert_uuid_v4(token);
    assert_eq!(json["Name"], "standup");

    let mut request = request;
    request.client_request_token = Some("retry-42".to_owned());
    assert_eq!(
        serde_json::to_value(&request).unwrap()["ClientRequestToken"],
        "retry-42"
    );
}

#[test]
fn generated_token_satisfies_the_chime_token_constraints() {
    // ClientRequestToken: @length(min: 2, max: 64) @pattern("^[-_a-zA-Z0-9]*$").
    let request = generated::chime::CreateRoomRequest {
        client_request_token: Some(generated::runtime::new_idempotency_token()),
        ..generated::chime::CreateRoomRequest::new("acct-1".to_owned(), "standup".to_owned())
    };
    assert_uuid_v4(request.client_request_token.as_deref().unwrap());
    assert_eq!(request.validate(), Ok(()));
}

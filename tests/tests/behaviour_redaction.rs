//! `Debug` redacts `@sensitive` values, and only `Debug`: the JSON form keeps them.

const REDACTED: &str = "*** Sensitive Data Redacted ***";

#[test]
fn sensitive_member_is_redacted_and_others_print() {
    let mut input = fixtures::constraints::CreateAccountInput::new("alice".to_owned());
    input.password = Some("hunter2-secret".to_owned());
    input.age = Some(42);
    let debug = format!("{input:?}");
    assert!(!debug.contains("hunter2-secret"), "{debug}");
    assert!(debug.contains(&format!("password: {REDACTED}")), "{debug}");
    assert!(debug.contains(r#"name: "alice""#), "{debug}");
    assert!(debug.contains("age: Some(42)"), "{debug}");
    // Pretty printing redacts too.
    let pretty = format!("{input:#?}");
    assert!(!pretty.contains("hunter2-secret"), "{pretty}");
}

#[test]
fn serialization_is_not_redacted() {
    let mut input = fixtures::constraints::CreateAccountInput::new("alice".to_owned());
    input.password = Some("hunter2-secret".to_owned());
    let json = serde_json::to_value(&input).unwrap();
    assert_eq!(json["password"], "hunter2-secret");
}

#[test]
fn chime_room_name_is_redacted_even_when_nested() {
    let room = generated::chime::Room {
        room_id: Some("room-123".to_owned()),
        name: Some("Top Secret Project".to_owned()),
        ..Default::default()
    };
    let response = generated::chime::GetRoomResponse { room: Some(room) };
    let debug = format!("{response:?}");
    assert!(!debug.contains("Top Secret Project"), "{debug}");
    assert!(debug.contains(REDACTED), "{debug}");
    assert!(debug.contains(r#"room_id: Some("room-123")"#), "{debug}");
}

#[test]
fn list_of_sensitive_strings_is_redacted() {
    let request = generated::chime::InviteUsersRequest::new(
        "acct-1".to_owned(),
        vec!["ceo@example.com".to_owned(), "cfo@example.com".to_owned()],
    );
    let debug = format!("{request:?}");
    assert!(!debug.contains("@example.com"), "{debug}");
    assert!(
        debug.contains(&format!("user_email_list: {REDACTED}")),
        "{debug}"
    );
    assert!(debug.contains(r#"account_id: "acct-1""#), "{debug}");
}

#[test]
fn sensitive_map_and_sensitive_required_string_are_redacted() {
    let mut request = generated::ivschat::CreateChatTokenRequest::new(
        "arn:aws:ivschat:us-west-2:123456789012:room/g1H2I3j4k5L6".to_owned(),
        "user-secret-id".to_owned(),
    );
    request.attributes = Some(
        [("ssn".to_owned(), "123-45-6789".to_owned())]
            .into_iter()
            .collect(),
    );
    let debug = format!("{request:?}");
    assert!(!debug.contains("user-secret-id"), "{debug}");
    assert!(!debug.contains("123-45-6789"), "{debug}");
    assert!(!debug.contains("ssn"), "{debug}");
    assert!(debug.contains(&format!("user_id: {REDACTED}")), "{debug}");
    assert!(
        debug.contains(&format!("attributes: {REDACTED}")),
        "{debug}"
    );
    assert!(debug.contains("room/g1H2I3j4k5L6"), "{debug}");
}

#[test]
fn chat_token_in_a_response_is_redacted() {
    let response = generated::ivschat::CreateChatTokenResponse {
        token: Some("eyJhbGciOi.secret.token".to_owned()),
        ..Default::default()
    };
    let debug = format!("{response:?}");
    assert!(!debug.contains("eyJhbGciOi"), "{debug}");
    assert!(debug.contains(&format!("token: {REDACTED}")), "{debug}");
}

#[test]
fn sensitive_idempotency_token_is_redacted() {
    let mut request =
        generated::chime::CreateRoomRequest::new("acct-1".to_owned(), "standup".to_owned());
    request.client_request_token = Some("tok-abcdef".to_owned());
    let debug = format!("{request:?}");
    assert!(!debug.contains("tok-abcdef"), "{debug}");
    assert!(!debug.contains("standup"), "{debug}");
    assert!(
        debug.contains(&format!("client_request_token: {REDACTED}")),
        "{debug}"
    );
}

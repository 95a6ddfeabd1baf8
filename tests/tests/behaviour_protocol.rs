//! restJson1 end to end on the real models (Amazon Chime, IVS Chat): the client writes a
//! request, the server reads it back, the server writes a response or an error, the
//! client reads that back; each step is checked against concrete wire facts (method,
//! path, status, headers, JSON body), and malformed requests are refused with a 4xx.

use std::fmt::{Debug, Display};

use generated::runtime::protocol::{
    parse_request, parse_response, serialize_error, serialize_request, serialize_response,
    CallError, Input, OperationError, Output, Rejection,
};
use generated::runtime::{DateTime, Operation, UnhandledError, Validate};
use generated::{chime, ivschat};
use serde_json::{json, Value};
use tests::assert_uuid_v4;

const CHIME: &str = "https://service.chime.aws.amazon.com";
const IVSCHAT: &str = "https://ivschat.us-east-1.amazonaws.com";
const ROOM_ARN: &str = "arn:aws:ivschat:us-east-1:123456789012:room/g1H2I3j4k5L6";

// --- helpers ---

/// The single value of header `name`, which must be present.
fn header<'a>(headers: &'a http::HeaderMap, name: &str) -> &'a str {
    let mut values = headers.get_all(name).iter();
    let value = values
        .next()
        .unwrap_or_else(|| panic!("no `{name}` header in {headers:?}"));
    assert!(values.next().is_none(), "`{name}` sent twice: {headers:?}");
    value.to_str().expect("an ASCII header value")
}

/// The body as JSON, which it must be.
fn json_of(body: &[u8]) -> Value {
    serde_json::from_slice(body)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(body)))
}

/// `Content-Type: application/json` and a `Content-Length` equal to the body's length.
fn assert_json_framing(headers: &http::HeaderMap, body: &[u8]) {
    assert_eq!(header(headers, "content-type"), "application/json");
    assert_eq!(header(headers, "content-length"), body.len().to_string());
}

/// A request as a client (or anyone) might send it.
fn request(
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> http::Request<Vec<u8>> {
    let mut builder = http::Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.to_vec()).expect("a valid request")
}

/// `Content-Type: application/json`.
const JSON: &[(&str, &str)] = &[("content-type", "application/json")];

/// A `POST` of `body` to IVS Chat's `CreateRoom` with `headers`.
fn ivschat_create_room(headers: &[(&str, &str)], body: &[u8]) -> http::Request<Vec<u8>> {
    request("POST", &format!("{IVSCHAT}/CreateRoom"), headers, body)
}

/// A JSON `POST` to IVS Chat's `path`.
fn ivschat_post(path: &str, body: &[u8]) -> http::Request<Vec<u8>> {
    request("POST", &format!("{IVSCHAT}{path}"), JSON, body)
}

/// A JSON `POST` of `body` to Chime's `CreateRoom` for account `acct`.
fn chime_create_room(body: &[u8]) -> http::Request<Vec<u8>> {
    request("POST", &format!("{CHIME}/accounts/acct/rooms"), JSON, body)
}

/// A response as a service (or a proxy in front of it) might send it.
fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.to_vec()).expect("a valid response")
}

/// The server's refusal of `request` for operation `O`, as a response: it must refuse.
fn rejected<O>(request: &http::Request<Vec<u8>>) -> (Rejection, http::Response<Vec<u8>>)
where
    O: Operation,
    O::Input: Input + Validate + Debug,
    O::Output: Output,
{
    match parse_request::<O>(request) {
        Ok(input) => panic!(
            "{} accepted {} {} ({:?}): {input:?}",
            O::NAME,
            request.method(),
            request.uri(),
            String::from_utf8_lossy(request.body()),
        ),
        Err(rejection) => (rejection.clone(), rejection.into_response()),
    }
}

/// Asserts the server refuses `request` for `O` with `status` and error type `code`.
fn assert_rejected<O>(request: &http::Request<Vec<u8>>, status: u16, code: &str) -> Rejection
where
    O: Operation,
    O::Input: Input + Validate + Debug,
    O::Output: Output,
{
    let (rejection, response) = rejected::<O>(request);
    let what = format!(
        "{rejection:?} for {}",
        String::from_utf8_lossy(request.body())
    );
    assert_eq!(response.status().as_u16(), status, "{what}");
    assert_eq!(
        header(response.headers(), "x-amzn-errortype"),
        code,
        "{what}"
    );
    assert_json_framing(response.headers(), response.body());
    rejection
}

/// The error a client reads from `response` for operation `O`: it must be a service error.
fn service_error<O>(response: &http::Response<Vec<u8>>) -> O::Error
where
    O: Operation,
    O::Output: Output + Debug,
    O::Error: OperationError + Debug,
{
    match parse_response::<O>(response) {
        Err(CallError::Service(e)) => e,
        other => panic!("expected a service error, got {other:?}"),
    }
}

/// Server writes `error` for `O`: status `status`, `X-Amzn-Errortype: code`, a JSON body
/// holding `message`; the client reads the same error back, `Display`ed as
/// `code: message`.
fn assert_error_round_trip<O>(error: O::Error, status: u16, code: &str, message: &str)
where
    O: Operation,
    O::Output: Output + Debug,
    O::Error: OperationError + Debug + Display + PartialEq,
{
    let response = serialize_error::<O>(&error).expect("the error serializes");
    let what = format!("{error:?}");
    assert_eq!(response.status().as_u16(), status, "{what}");
    assert_eq!(
        header(response.headers(), "x-amzn-errortype"),
        code,
        "{what}"
    );
    assert_json_framing(response.headers(), response.body());
    let body = json_of(response.body());
    let sent = body.get("message").or_else(|| body.get("Message"));
    assert_eq!(sent, Some(&json!(message)), "{what}: {body}");
    let back = service_error::<O>(&response);
    assert_eq!(back, error);
    assert_eq!(back.to_string(), format!("{code}: {message}"));
}

/// Client writes `input` for `O`: method `method`, URI `uri` and JSON body `body` (`None`:
/// no body and no `Content-Type`); the server reads that request back as `input`.
fn assert_request_round_trip<O>(
    input: &O::Input,
    endpoint: &str,
    method: &str,
    uri: &str,
    body: Option<Value>,
) where
    O: Operation,
    O::Input: Input + Validate + Debug + PartialEq,
    O::Output: Output,
{
    let request = serialize_request::<O>(input, endpoint).expect("the request builds");
    assert_eq!(request.method(), method);
    assert_eq!(request.uri().to_string(), uri);
    match body {
        Some(body) => {
            assert_json_framing(request.headers(), request.body());
            assert_eq!(json_of(request.body()), body);
        }
        None => {
            assert!(request.body().is_empty());
            assert!(request.headers().get("content-type").is_none());
        }
    }
    assert_eq!(parse_request::<O>(&request).as_ref(), Ok(input));
}

/// Server writes `output` for `O`: status `status`, JSON body `body`; the client reads
/// that response back as `output`.
fn assert_response_round_trip<O>(output: &O::Output, status: u16, body: Value)
where
    O: Operation,
    O::Output: Output + Debug + PartialEq,
    O::Error: OperationError + Debug,
{
    let response = serialize_response::<O>(output).expect("the response serializes");
    assert_eq!(response.status().as_u16(), status);
    assert!(response.headers().get("x-amzn-errortype").is_none());
    assert_json_framing(response.headers(), response.body());
    assert_eq!(json_of(response.body()), body);
    let back = parse_response::<O>(&response).expect("the client reads it");
    assert_eq!(&back, output);
}

// --- 1. Chime CreateRoom, the whole round trip ---

#[test]
fn chime_create_room_round_trips_with_label_in_path_and_idempotency_token_in_body() {
    // Client: the label goes into the path, the rest into the JSON body, and the unset
    // idempotency token is filled with a UUID v4.
    let input = chime::CreateRoomRequest::new("123456789012".to_owned(), "Standup".to_owned());
    assert_eq!(input.client_request_token, None);
    let request = serialize_request::<chime::CreateRoom>(&input, CHIME).expect("builds");
    assert_eq!(request.method(), "POST");
    assert_eq!(
        request.uri().to_string(),
        "https://service.chime.aws.amazon.com/accounts/123456789012/rooms"
    );
    assert_json_framing(request.headers(), request.body());
    let body = json_of(request.body());
    let token = body["ClientRequestToken"]
        .as_str()
        .expect("a string token")
        .to_owned();
    assert_uuid_v4(&token);
    assert_eq!(
        body,
        json!({ "ClientRequestToken": token, "Name": "Standup" })
    );

    // Server: the same request gives the input back, with the token the client sent.
    let parsed = parse_request::<chime::CreateRoom>(&request).expect("the server reads it");
    let mut expected = input.clone();
    expected.client_request_token = Some(token.clone());
    assert_eq!(parsed, expected);

    // Each serialization of an unset token is a new attempt, with a fresh token; a
    // token set by the caller (a retry) is sent as it is.
    let again = serialize_request::<chime::CreateRoom>(&input, CHIME).expect("builds");
    assert_ne!(json_of(again.body())["ClientRequestToken"], token.as_str());
    assert_request_round_trip::<chime::CreateRoom>(
        &expected,
        CHIME,
        "POST",
        "https://service.chime.aws.amazon.com/accounts/123456789012/rooms",
        Some(json!({ "ClientRequestToken": token, "Name": "Standup" })),
    );

    // Server: the output is a 201 whose body is `{"Room": {…}}`; the client reads it back.
    let output = chime::CreateRoomResponse {
        room: Some(chime::Room {
            room_id: Some("room-1".to_owned()),
            name: Some("Standup".to_owned()),
            account_id: Some("123456789012".to_owned()),
            created_by: Some("user-7".to_owned()),
            created_timestamp: Some(DateTime::from_secs(1_700_000_000)),
            updated_timestamp: Some(DateTime::from_parts(1_700_000_001, 500_000_000)),
        }),
    };
    assert_response_round_trip::<chime::CreateRoom>(
        &output,
        201,
        json!({ "Room": {
            "RoomId": "room-1",
            "Name": "Standup",
            "AccountId": "123456789012",
            "CreatedBy": "user-7",
            "CreatedTimestamp": "2023-11-14T22:13:20Z",
            "UpdatedTimestamp": "2023-11-14T22:13:21.5Z",
        }}),
    );
}

// --- 2. IVS Chat CreateRoom, GetRoom, ListRooms; Chime ListRooms ---

#[test]
fn ivschat_create_room_round_trips_as_a_json_post() {
    // `@http(method: "POST", uri: "/CreateRoom")`, no code: every member is in the body.
    let handler = ivschat::MessageReviewHandler {
        uri: Some("arn:aws:lambda:us-east-1:123456789012:function:review".to_owned()),
        fallback_result: Some(ivschat::FallbackResult::Deny),
    };
    let handler_json = json!({
        "uri": "arn:aws:lambda:us-east-1:123456789012:function:review",
        "fallbackResult": "DENY",
    });
    let input = ivschat::CreateRoomRequest {
        name: Some("lobby".to_owned()),
        maximum_message_rate_per_second: Some(10),
        maximum_message_length: Some(500),
        message_review_handler: Some(handler.clone()),
        tags: Some([("team".to_owned(), "chat".to_owned())].into()),
        logging_configuration_identifiers: Some(vec![
            "arn:aws:ivschat:us-west-2:123456789012:logging-configuration/abcdABCD1234".to_owned(),
        ]),
    };
    assert_request_round_trip::<ivschat::CreateRoom>(
        &input,
        IVSCHAT,
        "POST",
        "https://ivschat.us-east-1.amazonaws.com/CreateRoom",
        Some(json!({
            "name": "lobby",
            "maximumMessageRatePerSecond": 10,
            "maximumMessageLength": 500,
            "messageReviewHandler": handler_json,
            "tags": { "team": "chat" },
            "loggingConfigurationIdentifiers": ["arn:aws:ivschat:us-west-2:123456789012:logging-configuration/abcdABCD1234"],
        })),
    );
    // An input with nothing set is still a JSON object.
    assert_request_round_trip::<ivschat::CreateRoom>(
        &Default::default(),
        IVSCHAT,
        "POST",
        "https://ivschat.us-east-1.amazonaws.com/CreateRoom",
        Some(json!({})),
    );

    // Status 200, the output's members in the body.
    let output = ivschat::CreateRoomResponse {
        arn: Some(ROOM_ARN.to_owned()),
        id: Some("g1H2I3j4k5L6".to_owned()),
        name: Some("lobby".to_owned()),
        create_time: Some(DateTime::from_secs(1_700_000_000)),
        maximum_message_length: Some(500),
        message_review_handler: Some(handler),
        tags: Some(Default::default()),
        ..Default::default()
    };
    assert_response_round_trip::<ivschat::CreateRoom>(
        &output,
        200,
        json!({
            "arn": ROOM_ARN,
            "id": "g1H2I3j4k5L6",
            "name": "lobby",
            "createTime": "2023-11-14T22:13:20Z",
            "maximumMessageLength": 500,
            "messageReviewHandler": handler_json,
            "tags": {},
        }),
    );
}

#[test]
fn ivschat_get_room_round_trips_with_the_identifier_in_the_body() {
    // `@http(method: "POST", uri: "/GetRoom")`: the identifier is a body member, not a
    // label, so the ARN's `/` and `:` are not escaped anywhere.
    assert_request_round_trip::<ivschat::GetRoom>(
        &ivschat::GetRoomRequest::new(ROOM_ARN.to_owned()),
        IVSCHAT,
        "POST",
        "https://ivschat.us-east-1.amazonaws.com/GetRoom",
        Some(json!({ "identifier": ROOM_ARN })),
    );
    let output = ivschat::GetRoomResponse {
        arn: Some(ROOM_ARN.to_owned()),
        name: Some("lobby".to_owned()),
        update_time: Some(DateTime::from_parts(1_700_000_000, 123_000_000)),
        logging_configuration_identifiers: Some(Vec::new()),
        ..Default::default()
    };
    assert_response_round_trip::<ivschat::GetRoom>(
        &output,
        200,
        json!({
            "arn": ROOM_ARN,
            "name": "lobby",
            "updateTime": "2023-11-14T22:13:20.123Z",
            "loggingConfigurationIdentifiers": [],
        }),
    );
}

#[test]
fn ivschat_list_rooms_carries_next_token_in_request_and_response_bodies() {
    // The model's `@paginated` is what a paginator will follow.
    let pagination = ivschat::ListRooms::PAGINATION.expect("ListRooms is paginated");
    assert_eq!(pagination.input_token, "nextToken");
    assert_eq!(pagination.output_token, "nextToken");
    assert_eq!(pagination.page_size, Some("maxResults"));
    let uri = "https://ivschat.us-east-1.amazonaws.com/ListRooms";

    // The first page is asked for without a token.
    let first = ivschat::ListRoomsRequest {
        max_results: Some(2),
        ..Default::default()
    };
    assert_request_round_trip::<ivschat::ListRooms>(
        &first,
        IVSCHAT,
        "POST",
        uri,
        Some(json!({ "maxResults": 2 })),
    );

    // A page with more to come names the next token (opaque; this one has the
    // characters base64 tokens have).
    let summary = |id: &str| ivschat::RoomSummary {
        id: Some(id.to_owned()),
        update_time: Some(DateTime::from_secs(1_700_000_000)),
        ..Default::default()
    };
    let page = ivschat::ListRoomsResponse {
        rooms: vec![summary("aaaaaaaaaaaa"), summary("bbbbbbbbbbbb")],
        next_token: Some("AYADe+/Pa2=".to_owned()),
    };
    assert_response_round_trip::<ivschat::ListRooms>(
        &page,
        200,
        json!({
            "rooms": [
                { "id": "aaaaaaaaaaaa", "updateTime": "2023-11-14T22:13:20Z" },
                { "id": "bbbbbbbbbbbb", "updateTime": "2023-11-14T22:13:20Z" },
            ],
            "nextToken": "AYADe+/Pa2=",
        }),
    );

    // The next request sends it back, verbatim, in the body.
    let second = ivschat::ListRoomsRequest {
        next_token: page.next_token.clone(),
        ..first
    };
    assert_request_round_trip::<ivschat::ListRooms>(
        &second,
        IVSCHAT,
        "POST",
        uri,
        Some(json!({ "nextToken": "AYADe+/Pa2=", "maxResults": 2 })),
    );

    // The last page has no token; an empty page still lists its (required) rooms.
    let last = ivschat::ListRoomsResponse::new(Vec::new());
    assert_eq!(last.next_token, None);
    assert_response_round_trip::<ivschat::ListRooms>(&last, 200, json!({ "rooms": [] }));
}

#[test]
fn chime_list_rooms_carries_next_token_in_the_query_string() {
    // `GET /accounts/{AccountId}/rooms` with `member-id`, `max-results` and `next-token`
    // query parameters: a token's `+`, `/`, `=` and spaces are escaped, then read back;
    // no body members, so no body and no `Content-Type`.
    let mut input = chime::ListRoomsRequest::new("acct".to_owned());
    input.member_id = Some("m 1".to_owned());
    input.max_results = Some(5);
    input.next_token = Some("a+b/c=d é".to_owned());
    assert_request_round_trip::<chime::ListRooms>(
        &input,
        CHIME,
        "GET",
        "https://service.chime.aws.amazon.com/accounts/acct/rooms\
         ?member-id=m%201&max-results=5&next-token=a%2Bb%2Fc%3Dd%20%C3%A9",
        None,
    );

    let page = chime::ListRoomsResponse {
        rooms: Some(vec![chime::Room {
            room_id: Some("r1".to_owned()),
            ..Default::default()
        }]),
        next_token: Some("next+page".to_owned()),
    };
    assert_response_round_trip::<chime::ListRooms>(
        &page,
        200,
        json!({ "Rooms": [{ "RoomId": "r1" }], "NextToken": "next+page" }),
    );
}

// --- 3. errors ---

#[test]
fn every_modeled_ivschat_create_room_error_round_trips_with_its_status_and_code() {
    use ivschat::{CreateRoomError as E, ResourceType::Room};
    let quota = ivschat::ServiceQuotaExceededException {
        limit: 50,
        ..ivschat::ServiceQuotaExceededException::new("quota".to_owned(), "r3".to_owned(), Room)
    };
    let invalid = ivschat::ValidationException {
        field_list: Some(vec![ivschat::ValidationExceptionField::new(
            "name".to_owned(),
            "too long".to_owned(),
        )]),
        ..ivschat::ValidationException::new(
            "invalid".to_owned(),
            ivschat::ValidationExceptionReason::FieldValidationFailed,
        )
    };
    let cases = [
        (
            E::AccessDeniedException(ivschat::AccessDeniedException::new("denied".to_owned())),
            403,
            "AccessDeniedException",
            "denied",
        ),
        (
            E::ConflictException(ivschat::ConflictException::new(
                "in use".to_owned(),
                "r1".to_owned(),
                Room,
            )),
            409,
            "ConflictException",
            "in use",
        ),
        (
            E::PendingVerification(ivschat::PendingVerification::new("verify".to_owned())),
            403,
            "PendingVerification",
            "verify",
        ),
        (
            E::ResourceNotFoundException(ivschat::ResourceNotFoundException::new(
                "no room".to_owned(),
                "r2".to_owned(),
                Room,
            )),
            404,
            "ResourceNotFoundException",
            "no room",
        ),
        (
            E::ServiceQuotaExceededException(quota.clone()),
            402,
            "ServiceQuotaExceededException",
            "quota",
        ),
        (
            E::ValidationException(invalid),
            400,
            "ValidationException",
            "invalid",
        ),
    ];
    for (error, status, code, message) in cases {
        assert_eq!(error.code(), Some(code));
        assert_error_round_trip::<ivschat::CreateRoom>(error, status, code, message);
    }

    // The structured members travel in the body, under their JSON names.
    let error = E::ServiceQuotaExceededException(quota);
    let response = serialize_error::<ivschat::CreateRoom>(&error).expect("serializes");
    assert_eq!(
        json_of(response.body()),
        json!({ "message": "quota", "resourceId": "r3", "resourceType": "ROOM", "limit": 50 })
    );
}

/// A Chime `CreateRoom` error of the modeled kind `$variant`, with a message naming it.
macro_rules! chime_error {
    ($variant:ident) => {
        chime::CreateRoomError::$variant(chime::$variant {
            code: None,
            message: Some(format!("{} happened", stringify!($variant))),
        })
    };
}

#[test]
fn every_modeled_chime_create_room_error_is_told_apart_by_code_not_status() {
    use chime::CreateRoomError as E;
    // BadRequestException and ResourceLimitExceededException are both 400: only the
    // error type tells them apart.
    let cases = [
        (chime_error!(BadRequestException), 400),
        (chime_error!(ForbiddenException), 403),
        (chime_error!(NotFoundException), 404),
        (chime_error!(ResourceLimitExceededException), 400),
        (chime_error!(ServiceFailureException), 500),
        (chime_error!(ServiceUnavailableException), 503),
        (chime_error!(ThrottledClientException), 429),
        (chime_error!(UnauthorizedClientException), 401),
    ];
    for (error, status) in cases {
        let code = error.code().expect("modeled").to_owned();
        let message = format!("{code} happened");
        assert_error_round_trip::<chime::CreateRoom>(error, status, &code, &message);
    }
    // Chime's own `Code` member (an enum) stays in the body, apart from the error type.
    let error = E::BadRequestException(chime::BadRequestException {
        code: Some(chime::ErrorCode::BadRequest),
        message: None,
    });
    let response = serialize_error::<chime::CreateRoom>(&error).expect("serializes");
    assert_eq!(json_of(response.body()), json!({ "Code": "BadRequest" }));
    assert_eq!(service_error::<chime::CreateRoom>(&response), error);
}

#[test]
fn unmodeled_error_codes_become_unhandled_with_code_message_and_status() {
    // A code the model does not know, from a newer service.
    let teapot = response(
        418,
        &[
            ("x-amzn-errortype", "SomethingNew"),
            ("content-type", "application/json"),
        ],
        br#"{"message":"I am a teapot"}"#,
    );
    let expected = UnhandledError {
        code: Some("SomethingNew".to_owned()),
        message: Some("I am a teapot".to_owned()),
        status: Some(418),
        ..Default::default()
    };
    assert_eq!(
        service_error::<ivschat::CreateRoom>(&teapot),
        ivschat::CreateRoomError::Unhandled(expected.clone())
    );
    assert_eq!(
        service_error::<chime::CreateRoom>(&teapot),
        chime::CreateRoomError::Unhandled(expected.clone())
    );

    // A code modeled elsewhere in the service but not for this operation is unhandled
    // here too (ThrottlingException is not a CreateRoom error).
    let throttled = response(
        429,
        &[("x-amzn-errortype", "ThrottlingException")],
        br#"{"message":"slow down"}"#,
    );
    assert!(matches!(
        service_error::<ivschat::CreateRoom>(&throttled),
        ivschat::CreateRoomError::Unhandled(UnhandledError { code: Some(c), status: Some(429), .. })
            if c == "ThrottlingException"
    ));

    // The service's request ID travels with it, for its support; it shows in the text.
    let identified = response(
        500,
        &[
            ("x-amzn-errortype", "SomethingNew"),
            ("x-amzn-requestid", "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE"),
        ],
        br#"{"message":"oops"}"#,
    );
    let ivschat::CreateRoomError::Unhandled(unhandled) =
        service_error::<ivschat::CreateRoom>(&identified)
    else {
        panic!("an unmodeled code is unhandled");
    };
    assert_eq!(
        unhandled.request_id.as_deref(),
        Some("7a62c49f-347e-4fc4-9331-6e8eEXAMPLE")
    );
    assert_eq!(
        unhandled.to_string(),
        "SomethingNew (HTTP 500): oops [request ID 7a62c49f-347e-4fc4-9331-6e8eEXAMPLE]"
    );

    // No code at all: unhandled, keeping the status and message.
    let bare = response(502, &[], br#"{"Message":"bad gateway"}"#);
    assert_eq!(
        service_error::<ivschat::CreateRoom>(&bare),
        ivschat::CreateRoomError::Unhandled(UnhandledError {
            code: None,
            message: Some("bad gateway".to_owned()),
            status: Some(502),
            ..Default::default()
        })
    );
    let html = response(503, &[("content-type", "text/html")], b"<html>down</html>");
    assert_eq!(
        service_error::<ivschat::CreateRoom>(&html),
        ivschat::CreateRoomError::Unhandled(UnhandledError {
            code: None,
            message: None,
            status: Some(503),
            ..Default::default()
        })
    );

    // A server passes an unhandled error through with the same code and status.
    let error = ivschat::CreateRoomError::Unhandled(expected);
    let written = serialize_error::<ivschat::CreateRoom>(&error).expect("serializes");
    assert_eq!(written.status().as_u16(), 418);
    assert_eq!(
        header(written.headers(), "x-amzn-errortype"),
        "SomethingNew"
    );
    assert_eq!(
        json_of(written.body()),
        json!({ "message": "I am a teapot" })
    );
    assert_eq!(service_error::<ivschat::CreateRoom>(&written), error);
}

#[test]
fn error_codes_are_sanitised_from_header_and_body_forms() {
    let body = br#"{"message":"in use","resourceId":"room-1","resourceType":"ROOM"}"#;
    let conflict = ivschat::CreateRoomError::ConflictException(ivschat::ConflictException::new(
        "in use".to_owned(),
        "room-1".to_owned(),
        ivschat::ResourceType::Room,
    ));
    // Header forms (spec aws-restjson1-protocol.rst "Operation error serialization").
    for code in [
        "ConflictException",
        "ConflictException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
        "com.amazonaws.ivschat#ConflictException",
        "aws.protocoltests#ConflictException:http://internal.amazon.com/",
        " ConflictException ",
    ] {
        let r = response(409, &[("x-amzn-errortype", code)], body);
        assert_eq!(
            service_error::<ivschat::CreateRoom>(&r),
            conflict,
            "{code:?}"
        );
    }
    // Body forms, when there is no header: `code`, then `__type`, each sanitised alike.
    for body in [
        json!({ "code": "ConflictException", "message": "in use", "resourceId": "room-1", "resourceType": "ROOM" }),
        json!({ "__type": "com.amazonaws.ivschat#ConflictException", "message": "in use", "resourceId": "room-1", "resourceType": "ROOM" }),
        json!({ "__type": "aws.protocoltests#ConflictException:http://internal.amazon.com/", "message": "in use", "resourceId": "room-1", "resourceType": "ROOM" }),
    ] {
        let r = response(409, &[], &serde_json::to_vec(&body).expect("JSON"));
        assert_eq!(service_error::<ivschat::CreateRoom>(&r), conflict, "{body}");
    }
    // The header wins over the body.
    let r = response(
        409,
        &[("x-amzn-errortype", "ConflictException")],
        br#"{"__type":"ValidationException","message":"in use","resourceId":"room-1","resourceType":"ROOM"}"#,
    );
    assert_eq!(service_error::<ivschat::CreateRoom>(&r), conflict);
    // A sanitised unknown code is kept sanitised.
    let r = response(
        400,
        &[(
            "x-amzn-errortype",
            "aws.protocoltests#FooError:http://internal.amazon.com/",
        )],
        br#"{"message":"foo"}"#,
    );
    assert_eq!(
        service_error::<ivschat::CreateRoom>(&r),
        ivschat::CreateRoomError::Unhandled(UnhandledError {
            code: Some("FooError".to_owned()),
            message: Some("foo".to_owned()),
            status: Some(400),
            ..Default::default()
        })
    );
}

#[test]
fn unreadable_responses_are_response_errors_not_panics() {
    // A success whose body is not the output's JSON form names where it broke.
    let truncated = response(200, JSON, br#"{"arn": "x"#);
    assert!(matches!(
        parse_response::<ivschat::CreateRoom>(&truncated),
        Err(CallError::Response(_))
    ));
    let wrong_type = response(200, &[], br#"{"maximumMessageLength": "long"}"#);
    match parse_response::<ivschat::CreateRoom>(&wrong_type) {
        Err(CallError::Response(e)) => {
            assert!(e.location.contains("maximumMessageLength"), "{e}")
        }
        other => panic!("expected a response error, got {other:?}"),
    }
    // A modeled error whose body does not parse is reported as unreadable too.
    let bad_error = response(
        409,
        &[("x-amzn-errortype", "ConflictException")],
        br#"{"message": 7}"#,
    );
    assert!(matches!(
        parse_response::<ivschat::CreateRoom>(&bad_error),
        Err(CallError::Response(_))
    ));
    // An empty success body reads as `{}`.
    let empty = response(200, &[], b"");
    assert_eq!(
        parse_response::<ivschat::CreateRoom>(&empty),
        Ok(ivschat::CreateRoomResponse::default())
    );
}

// --- 4. URI labels ---

#[test]
fn labels_are_percent_encoded_as_one_segment_and_decoded_back_exactly() {
    let account = "a/b c%d é";
    let room = "r+1?x=#~._-日本";
    let input = chime::GetRoomRequest::new(account.to_owned(), room.to_owned());
    let request = serialize_request::<chime::GetRoom>(&input, CHIME).expect("builds");
    assert_eq!(request.method(), "GET");
    assert_eq!(
        request.uri().path(),
        "/accounts/a%2Fb%20c%25d%20%C3%A9/rooms/r%2B1%3Fx%3D%23~._-%E6%97%A5%E6%9C%AC"
    );
    assert_eq!(request.uri().query(), None);
    // Four segments: each label stayed one.
    assert_eq!(request.uri().path().split('/').count(), 5);
    assert!(request.body().is_empty());
    let parsed = parse_request::<chime::GetRoom>(&request).expect("the server reads it");
    assert_eq!(parsed.account_id, account);
    assert_eq!(parsed.room_id, room);

    // Other clients' escapes decode alike: lower-case hex, and `+` is a plus in a path.
    let r = crate::request(
        "GET",
        &format!("{CHIME}/accounts/a+b%2bc%c3%a9/rooms/%7E%20"),
        &[],
        b"",
    );
    let parsed = parse_request::<chime::GetRoom>(&r).expect("the server reads it");
    assert_eq!(parsed.account_id, "a+b+cé");
    assert_eq!(parsed.room_id, "~ ");

    // The same on an operation with a body: the label is not in it.
    let input = chime::CreateRoomRequest::new(account.to_owned(), "n".to_owned());
    let request = serialize_request::<chime::CreateRoom>(&input, CHIME).expect("builds");
    assert_eq!(
        request.uri().path(),
        "/accounts/a%2Fb%20c%25d%20%C3%A9/rooms"
    );
    assert!(json_of(request.body()).get("AccountId").is_none());
    let parsed = parse_request::<chime::CreateRoom>(&request).expect("the server reads it");
    assert_eq!(parsed.account_id, account);

    // A base path on the endpoint is kept in front.
    let request = serialize_request::<chime::CreateRoom>(&input, "http://localhost:8080/base/")
        .expect("builds");
    assert_eq!(
        request.uri().to_string(),
        "http://localhost:8080/base/accounts/a%2Fb%20c%25d%20%C3%A9/rooms"
    );
}

#[test]
fn an_empty_label_is_a_client_build_error_naming_the_member() {
    let input = chime::CreateRoomRequest::new(String::new(), "n".to_owned());
    let error = serialize_request::<chime::CreateRoom>(&input, CHIME).expect_err("empty label");
    assert_eq!(error.what, "AccountId");
    assert!(error.to_string().contains("AccountId"), "{error}");

    let input = chime::GetRoomRequest::new("acct".to_owned(), String::new());
    let error = serialize_request::<chime::GetRoom>(&input, CHIME).expect_err("empty label");
    assert_eq!(error.what, "RoomId");
}

#[test]
fn requests_whose_method_or_path_do_not_match_are_not_found() {
    let body = br#"{"Name":"n"}"#;
    for (method, path) in [
        ("POST", "/accounts/acct/rooms/extra"),
        ("POST", "/accounts/acct"),
        ("POST", "/accounts//rooms"),
        ("POST", "/account/acct/rooms"),
        ("POST", "/"),
        ("PUT", "/accounts/acct/rooms"),
        ("GET", "/accounts/acct/rooms"),
    ] {
        let r = request(method, &format!("{CHIME}{path}"), JSON, body);
        let rejection = assert_rejected::<chime::CreateRoom>(&r, 404, "UnknownOperationException");
        assert_eq!(rejection, Rejection::NotFound, "{method} {path}");
    }
    // A request for another operation does not match this one.
    let get = serialize_request::<chime::GetRoom>(
        &chime::GetRoomRequest::new("acct".to_owned(), "room".to_owned()),
        CHIME,
    )
    .expect("builds");
    assert_eq!(rejected::<chime::CreateRoom>(&get).0, Rejection::NotFound);
    // A label escape that is not UTF-8 is malformed, not another route.
    let r = request("GET", &format!("{CHIME}/accounts/%FF/rooms/r"), &[], b"");
    let rejection = assert_rejected::<chime::GetRoom>(&r, 400, "SerializationException");
    assert!(matches!(rejection, Rejection::Serialization(_)));
}

// --- 5. malformed requests ---

#[test]
fn malformed_json_bodies_are_400_serialization_errors() {
    let deep_array = "[".repeat(100_000);
    let deep_member = format!(r#"{{"name": {deep_array}"#);
    let deep_unknown = format!(
        r#"{{"name":"n","extra":{}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let deep_objects = format!(r#"{{"tags": {}"#, r#"{"a":"#.repeat(100_000));
    let bodies: Vec<&[u8]> = vec![
        // Truncated.
        br#"{"name": "lobby""#,
        br#"{"name": "lob"#,
        b"{",
        // Not JSON, or more than one value.
        b"name=lobby",
        br#"{"name": "lobby"} {}"#,
        br#"{"name": 'lobby'}"#,
        // Wrong JSON types.
        br#"{"name": 5}"#,
        br#"{"maximumMessageLength": "500"}"#,
        br#"{"maximumMessageLength": 1.5}"#,
        br#"{"maximumMessageLength": 4294967296}"#,
        br#"{"tags": ["team", "chat"]}"#,
        br#"{"tags": {"team": 1}}"#,
        br#"{"loggingConfigurationIdentifiers": "lc-1"}"#,
        br#"{"name": "a", "name": "b"}"#,
        b"\"lobby\"",
        b"null",
        b"42",
        // Nulls in dense collections.
        br#"{"tags": {"team": null}}"#,
        br#"{"loggingConfigurationIdentifiers": [null]}"#,
        // Deep nesting, in place of the input or of a member.
        deep_array.as_bytes(),
        deep_member.as_bytes(),
        deep_objects.as_bytes(),
        // Invalid UTF-8, in a string and outside one.
        b"{\"name\": \"lob\xffby\"}",
        b"{\"name\": \"\xc3\"}",
        b"\xef\xbb\xbf{}",
        b"{\"na\xffme\": \"x\"}",
    ];
    for body in bodies {
        let r = ivschat_post("/CreateRoom", body);
        let rejection = assert_rejected::<ivschat::CreateRoom>(&r, 400, "SerializationException");
        assert!(matches!(rejection, Rejection::Serialization(_)));
    }

    // Invalid UTF-8 is located: line and column, and the member it is in.
    let r = ivschat_post("/CreateRoom", b"{\"tags\": {\"team\": \"ch\xffat\"}}");
    let rejection = assert_rejected::<ivschat::CreateRoom>(&r, 400, "SerializationException");
    let Rejection::Serialization(message) = rejection else {
        unreachable!("checked above")
    };
    assert_eq!(
        message,
        "body at `/tags/team`: invalid UTF-8 at line 1 column 22"
    );

    // The same on an operation with a label, Chime CreateRoom.
    for body in [&br#"{"Name": 5}"#[..], br#"{"Name": "n""#, b"\"n\""] {
        let r = chime_create_room(body);
        assert_rejected::<chime::CreateRoom>(&r, 400, "SerializationException");
    }

    // An unknown member is skipped however deep it nests (without recursing, so
    // without a stack overflow).
    let r = ivschat_post("/CreateRoom", deep_unknown.as_bytes());
    let input = parse_request::<ivschat::CreateRoom>(&r).expect("unknown members are ignored");
    assert_eq!(input.name.as_deref(), Some("n"));
}

#[test]
fn nested_json_arrays_are_not_structures() {
    for body in [
        br#"{"messageReviewHandler": []}"#,
        &br#"{"messageReviewHandler": ["arn:aws:lambda:us-east-1:123456789012:function:f", "DENY"]}"#[..],
    ] {
        let r = ivschat_post("/CreateRoom", body);
        assert_rejected::<ivschat::CreateRoom>(&r, 400, "SerializationException");
    }
}

#[test]
fn json_arrays_are_not_structures() {
    for body in [&b"[]"[..], br#"["lobby", 10, 500]"#] {
        let r = ivschat_post("/CreateRoom", body);
        assert_rejected::<ivschat::CreateRoom>(&r, 400, "SerializationException");
    }
    let r = chime_create_room(br#"["Standup", "token-1"]"#);
    assert_rejected::<chime::CreateRoom>(&r, 400, "SerializationException");
    // Clients alike: a 200 whose body is an array is not the output.
    let r = response(200, &[], br#"["arn", "id"]"#);
    assert!(matches!(
        parse_response::<ivschat::CreateRoom>(&r),
        Err(CallError::Response(_))
    ));
}

#[test]
fn requests_without_a_json_content_type_are_415() {
    let body = br#"{"name":"lobby"}"#;
    for headers in [
        &[("content-type", "text/plain")][..],
        &[("content-type", "application/xml")],
        &[("content-type", "application/x-amz-json-1.1")],
        &[("content-type", "application/jsonx")],
        // A body with no Content-Type at all.
        &[],
    ] {
        let r = ivschat_create_room(headers, body);
        let rejection =
            assert_rejected::<ivschat::CreateRoom>(&r, 415, "UnsupportedMediaTypeException");
        assert_eq!(rejection, Rejection::UnsupportedMediaType, "{headers:?}");
    }
    // Parameters and case do not matter.
    for content_type in ["application/json; charset=utf-8", "Application/JSON"] {
        let r = ivschat_create_room(&[("content-type", content_type)], body);
        assert!(
            parse_request::<ivschat::CreateRoom>(&r).is_ok(),
            "{content_type}"
        );
    }
    // An operation without body members refuses a Content-Type.
    let r = request(
        "GET",
        &format!("{CHIME}/accounts/acct/rooms/room"),
        JSON,
        b"{}",
    );
    assert_rejected::<chime::GetRoom>(&r, 415, "UnsupportedMediaTypeException");
}

#[test]
fn an_accept_header_that_excludes_json_is_406() {
    let body = br#"{"name":"lobby"}"#;
    let r = ivschat_create_room(
        &[
            ("content-type", "application/json"),
            ("accept", "text/html"),
        ],
        body,
    );
    assert_rejected::<ivschat::CreateRoom>(&r, 406, "NotAcceptableException");
    for accept in [
        "application/json",
        "*/*",
        "application/*",
        "text/html, application/json;q=0.9",
    ] {
        let r = ivschat_create_room(
            &[("content-type", "application/json"), ("accept", accept)],
            body,
        );
        assert!(parse_request::<ivschat::CreateRoom>(&r).is_ok(), "{accept}");
    }
}

#[test]
fn unknown_routes_are_404() {
    for (method, path) in [
        ("POST", "/DeleteEverything"),
        ("POST", "/createroom"),
        ("POST", "/CreateRoom/extra"),
        ("GET", "/CreateRoom"),
        ("DELETE", "/CreateRoom"),
        ("POST", "/GetRoom"),
    ] {
        let r = request(method, &format!("{IVSCHAT}{path}"), JSON, b"{}");
        assert_rejected::<ivschat::CreateRoom>(&r, 404, "UnknownOperationException");
    }
}

#[test]
fn missing_required_members_are_400_validation_errors() {
    // Chime CreateRoom requires `Name`.
    let r = chime_create_room(br#"{"ClientRequestToken":"abc"}"#);
    let rejection = assert_rejected::<chime::CreateRoom>(&r, 400, "ValidationException");
    match rejection {
        Rejection::Validation(v) => {
            assert_eq!(v.violations.len(), 1, "{v}");
            assert!(v.violations[0].path.contains("Name"), "{v}");
        }
        other => panic!("expected a validation rejection, got {other:?}"),
    }
    // IVS Chat GetRoom requires `identifier`; an empty body is `{}`.
    for body in [&b"{}"[..], b""] {
        let r = ivschat_post("/GetRoom", body);
        let rejection = assert_rejected::<ivschat::GetRoom>(&r, 400, "ValidationException");
        assert!(
            matches!(&rejection, Rejection::Validation(v) if v.violations[0].path.contains("identifier")),
            "{rejection:?}"
        );
    }
    // The client reads the rejection as the operation's modeled ValidationException.
    let (_, response) = rejected::<ivschat::GetRoom>(&ivschat_post("/GetRoom", b"{}"));
    assert!(matches!(
        service_error::<ivschat::GetRoom>(&response),
        ivschat::GetRoomError::ValidationException(_)
    ));
}

#[test]
fn constraint_violations_are_400_validation_errors() {
    for body in [
        &br#"{"maximumMessageLength": 0}"#[..],
        br#"{"maximumMessageLength": 501}"#,
        br#"{"maximumMessageRatePerSecond": 0}"#,
        br#"{"name": "has spaces"}"#,
    ] {
        let r = ivschat_post("/CreateRoom", body);
        let rejection = assert_rejected::<ivschat::CreateRoom>(&r, 400, "ValidationException");
        assert!(
            matches!(rejection, Rejection::Validation(_)),
            "{rejection:?}"
        );
    }
    let r = ivschat_post("/GetRoom", br#"{"identifier": "not-an-arn"}"#);
    assert_rejected::<ivschat::GetRoom>(&r, 400, "ValidationException");
}

#[test]
fn required_members_sent_as_null_are_400_validation_errors() {
    let r = chime_create_room(br#"{"Name": null}"#);
    assert_rejected::<chime::CreateRoom>(&r, 400, "ValidationException");
    let r = ivschat_post("/GetRoom", br#"{"identifier": null}"#);
    assert_rejected::<ivschat::GetRoom>(&r, 400, "ValidationException");
}

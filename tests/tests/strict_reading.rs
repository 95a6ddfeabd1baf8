//! Strict reading (issue 18): the generated servers refuse a JSON value whose shape is not
//! its member's shape with 400 `SerializationException`, whose message names the member
//! (the JSON pointer) and what was found, one test per kind of mismatch: a structure as an
//! array (which serde's derived readers took, filling members by position) or a scalar, a
//! map as a list of pairs, a list as an object, an enum as a number, an intEnum as a
//! string, a union as an array, and scalars of the wrong JSON type. A client reading a
//! response is no more lenient about shapes.

use std::convert::Infallible;
use std::fmt::Debug;

use bytes::Bytes;
use generated::chime::{self, Chime, ChimeServer};
use generated::ivschat::{Ivschat, IvschatServer};
use generated::runtime::protocol::{parse_response, CallError};
use http_body_util::{BodyExt, Full};
use serde_json::Value;
use tower_service::Service;

/// An implementation that is never called: every request here is refused before it.
struct Unreached;
impl Chime for Unreached {}
impl Ivschat for Unreached {}
impl fixtures::enums::Enums for Unreached {}
impl fixtures::scalars::Scalars for Unreached {}

/// `service`'s answer to a JSON `method` of `body` to `uri`: the status, the
/// `X-Amzn-Errortype` and the body's `message`.
fn answer<S, B>(mut service: S, method: &str, uri: &str, body: &str) -> (u16, String, String)
where
    S: Service<http::Request<Full<Bytes>>, Response = http::Response<B>, Error = Infallible>,
    B: BodyExt,
    B::Error: Debug,
{
    let request = http::Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body.to_owned())))
        .expect("a valid request");
    pollster::block_on(async {
        let response = service.call(request).await.expect("infallible");
        let status = response.status().as_u16();
        let code = response
            .headers()
            .get("x-amzn-errortype")
            .map_or_else(String::new, |v| {
                v.to_str().expect("an ASCII header").to_owned()
            });
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("a body")
            .to_bytes();
        let body: Value = serde_json::from_slice(&bytes).expect("a JSON body");
        let message = body["message"].as_str().unwrap_or_default().to_owned();
        (status, code, message)
    })
}

/// Asserts that each `(body, pointer)` is refused as a `SerializationException` whose
/// message names `pointer` and says the JSON type was not the member's.
fn assert_refused<S, B>(service: &S, method: &str, uri: &str, cases: &[(&str, &str)])
where
    S: Service<http::Request<Full<Bytes>>, Response = http::Response<B>, Error = Infallible>
        + Clone,
    B: BodyExt,
    B::Error: Debug,
{
    for (body, pointer) in cases {
        let (status, code, message) = answer(service.clone(), method, uri, body);
        let what = format!("{body} → {status} {code}: {message}");
        assert_eq!(
            (status, code.as_str()),
            (400, "SerializationException"),
            "{what}"
        );
        assert!(
            message.starts_with(&format!("body at `{pointer}`: invalid type: ")),
            "{what}"
        );
    }
}

fn ivschat() -> IvschatServer<Unreached> {
    IvschatServer::new(Unreached)
}

fn chime() -> ChimeServer<Unreached> {
    ChimeServer::new(Unreached)
}

#[test]
fn a_structure_sent_as_an_array_is_refused_wherever_it_is() {
    assert_refused(
        &ivschat(),
        "POST",
        "/CreateRoom",
        &[
            (r#"{"messageReviewHandler": []}"#, "/messageReviewHandler"),
            (
                r#"{"messageReviewHandler": ["arn:aws:lambda:us-east-1:123456789012:function:f", "DENY"]}"#,
                "/messageReviewHandler",
            ),
        ],
    );
    // An element of a list of structures; a Chime body with labels beside it.
    assert_refused(
        &chime(),
        "POST",
        "/accounts/acct/rooms/room/memberships?operation=batch-create",
        &[(
            r#"{"MembershipItemList": [{"MemberId": "m-1"}, ["m-2", "Member"]]}"#,
            "/MembershipItemList/1",
        )],
    );
}

#[test]
fn a_structure_sent_as_a_scalar_is_refused() {
    assert_refused(
        &ivschat(),
        "POST",
        "/CreateRoom",
        &[
            (
                r#"{"messageReviewHandler": "arn"}"#,
                "/messageReviewHandler",
            ),
            (r#"{"messageReviewHandler": 5}"#, "/messageReviewHandler"),
            (r#"{"messageReviewHandler": true}"#, "/messageReviewHandler"),
        ],
    );
}

#[test]
fn a_map_sent_as_a_list_of_pairs_is_refused() {
    assert_refused(
        &ivschat(),
        "POST",
        "/CreateRoom",
        &[
            (r#"{"tags": [["team", "chat"]]}"#, "/tags"),
            (r#"{"tags": [{"key": "team", "value": "chat"}]}"#, "/tags"),
        ],
    );
}

#[test]
fn a_list_sent_as_an_object_is_refused() {
    assert_refused(
        &ivschat(),
        "POST",
        "/CreateRoom",
        &[(
            r#"{"loggingConfigurationIdentifiers": {"0": "lc-1"}}"#,
            "/loggingConfigurationIdentifiers",
        )],
    );
}

#[test]
fn an_enum_sent_as_a_number_is_refused() {
    let at = "/messageReviewHandler/fallbackResult";
    assert_refused(
        &ivschat(),
        "POST",
        "/CreateRoom",
        &[
            (r#"{"messageReviewHandler": {"fallbackResult": 1}}"#, at),
            (r#"{"messageReviewHandler": {"fallbackResult": true}}"#, at),
            (
                r#"{"messageReviewHandler": {"fallbackResult": ["DENY"]}}"#,
                at,
            ),
        ],
    );
}

#[test]
fn an_int_enum_sent_as_a_string_is_refused() {
    let server = fixtures::enums::EnumsServer::new(Unreached);
    assert_refused(
        &server,
        "POST",
        "/color",
        &[
            (r#"{"color": "RED", "level": "1"}"#, "/level"),
            (r#"{"color": "RED", "level": [10]}"#, "/level"),
        ],
    );
}

#[test]
fn a_union_sent_as_an_array_is_refused() {
    let at = "/destinationConfiguration";
    assert_refused(
        &ivschat(),
        "POST",
        "/CreateLoggingConfiguration",
        &[
            (
                r#"{"destinationConfiguration": [{"s3": {"bucketName": "b"}}]}"#,
                at,
            ),
            (r#"{"destinationConfiguration": ["s3", "b"]}"#, at),
            (r#"{"destinationConfiguration": "s3"}"#, at),
        ],
    );
}

#[test]
fn scalars_of_another_json_type_are_refused() {
    let server = fixtures::scalars::ScalarsServer::new(Unreached);
    assert_refused(
        &server,
        "PUT",
        "/scalars",
        &[
            (r#"{"epoch": "1700000000"}"#, "/epoch"),
            (r#"{"iso": 1700000000}"#, "/iso"),
            (r#"{"data": 5}"#, "/data"),
            (r#"{"ratio": true}"#, "/ratio"),
            (r#"{"tiny": "1"}"#, "/tiny"),
            (r#"{"flag": "true"}"#, "/flag"),
            (r#"{"big": true}"#, "/big"),
        ],
    );
}

#[test]
fn a_client_refuses_a_response_structure_sent_as_an_array() {
    let response = http::Response::builder()
        .status(201)
        .body(br#"{"Room": ["room-1", "lobby"]}"#.to_vec())
        .expect("a valid response");
    let error = parse_response::<chime::CreateRoom>(&response).expect_err("not a Room");
    assert!(matches!(error, CallError::Response(_)), "{error:?}");
    assert!(error.to_string().contains("/Room"), "{error}");
}

//! Servers answer invalid input with an error the operation models (issue 18), read back
//! by the client's parser as the modeled variant: Chime with its `BadRequestException`
//! (`Code: BadRequest`); one fixture service per step of the rule
//! (`models/fixtures/rejections.smithy`); and the server builder's hook that replaces the
//! choice. Over loopback with our client: `client_server.rs`.

use std::convert::Infallible;

use bytes::Bytes;
use generated::chime::{self, Chime, ChimeServer};
use generated::runtime::protocol::{parse_response, CallError};
use generated::runtime::Operation;
use http_body_util::{BodyExt, Full};
use tower_service::Service;

const ACCOUNT: &str = "123456789012";

/// `request` answered by `service` (no network).
async fn respond<S>(service: &mut S, request: http::Request<Full<Bytes>>) -> http::Response<Vec<u8>>
where
    S: Service<
        http::Request<Full<Bytes>>,
        Response = http::Response<Full<Bytes>>,
        Error = Infallible,
    >,
{
    let response = service.call(request).await.expect("infallible");
    let (parts, body) = response.into_parts();
    let body = body.collect().await.expect("body").to_bytes().to_vec();
    http::Response::from_parts(parts, body)
}

/// `request` answered by `service`, read back by the client's parser for Chime operation
/// `O`: the response and the error.
async fn answer<O, S>(
    service: &mut S,
    request: http::Request<Full<Bytes>>,
) -> (http::Response<Vec<u8>>, CallError<O::Error>)
where
    O: Operation,
    O::Output: generated::runtime::protocol::Output + std::fmt::Debug,
    O::Error: generated::runtime::protocol::OperationError,
    S: Service<
        http::Request<Full<Bytes>>,
        Response = http::Response<Full<Bytes>>,
        Error = Infallible,
    >,
{
    let response = respond(service, request).await;
    let error = parse_response::<O>(&response).expect_err("refused");
    (response, error)
}

fn post(uri: &str, body: &str) -> http::Request<Full<Bytes>> {
    http::Request::post(uri)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body.to_owned())))
        .expect("request")
}

/// A Chime implementation that never sees invalid input.
struct Unreached;
impl Chime for Unreached {}

#[test]
fn chime_create_room_without_name_is_a_bad_request() {
    pollster::block_on(async {
        let mut server = ChimeServer::new(Unreached);
        let uri = format!("/accounts/{ACCOUNT}/rooms");
        let (response, error) = answer::<chime::CreateRoom, _>(&mut server, post(&uri, "{}")).await;
        assert_eq!(response.status(), 400);
        assert_eq!(
            response.headers()["x-amzn-errortype"],
            "BadRequestException"
        );
        let body: serde_json::Value = serde_json::from_slice(response.body()).expect("JSON");
        assert_eq!(body["Code"], "BadRequest");
        let CallError::Service(chime::CreateRoomError::BadRequestException(e)) = error else {
            panic!("expected the modeled BadRequestException, got {error:?}");
        };
        let message = e.message.expect("Message");
        assert!(message.contains("'/Name'"), "{message}");
        assert!(message.contains("must not be null"), "{message}");
    });
}

#[test]
fn the_hook_replaces_the_models_choice_with_an_error_the_operation_lists() {
    pollster::block_on(async {
        let mut server = ChimeServer::new(Unreached).on_invalid_input(|operation, violations| {
            (operation == "CreateRoom").then(|| {
                chime::ChimeError::ResourceLimitExceededException(
                    chime::ResourceLimitExceededException {
                        message: Some(format!("{} problems", violations.violations.len())),
                        ..Default::default()
                    },
                )
            })
        });
        let uri = format!("/accounts/{ACCOUNT}/rooms");
        let (_, error) = answer::<chime::CreateRoom, _>(&mut server, post(&uri, "{}")).await;
        let CallError::Service(chime::CreateRoomError::ResourceLimitExceededException(e)) = error
        else {
            panic!("expected the hook's error, got {error:?}");
        };
        assert_eq!(e.message.as_deref(), Some("1 problems"));

        // Another operation: the hook gives nothing, so the model's choice stands.
        let (_, error) =
            answer::<chime::CreateAccount, _>(&mut server, post("/accounts", "{}")).await;
        assert!(
            matches!(
                error,
                CallError::Service(chime::CreateAccountError::BadRequestException(_))
            ),
            "{error:?}"
        );
    });
}

#[test]
fn a_hook_error_the_operation_does_not_list_is_not_sent() {
    pollster::block_on(async {
        // CreateRoom does not list UnprocessableEntityException.
        let mut server = ChimeServer::new(Unreached).on_invalid_input(|_, _| {
            Some(chime::ChimeError::UnprocessableEntityException(
                Default::default(),
            ))
        });
        let uri = format!("/accounts/{ACCOUNT}/rooms");
        let (_, error) = answer::<chime::CreateRoom, _>(&mut server, post(&uri, "{}")).await;
        assert!(
            matches!(
                error,
                CallError::Service(chime::CreateRoomError::BadRequestException(_))
            ),
            "{error:?}"
        );
    });
}

mod fixture_steps {
    //! One fixture service per step of the rule (`models/fixtures/rejections.smithy`).

    use super::{post, respond, Bytes, Full, Infallible, Service};
    use fixtures::runtime::protocol::{parse_response, CallError, OperationError, Output};
    use fixtures::runtime::Operation;
    use fixtures::{client_error, framework_bound, nothing_fits, own_validation};

    /// As the outer `answer`, with the fixtures crate's runtime.
    async fn answer<O, S>(
        service: &mut S,
        request: http::Request<Full<Bytes>>,
    ) -> (http::Response<Vec<u8>>, CallError<O::Error>)
    where
        O: Operation,
        O::Output: Output + std::fmt::Debug,
        O::Error: OperationError,
        S: Service<
            http::Request<Full<Bytes>>,
            Response = http::Response<Full<Bytes>>,
            Error = Infallible,
        >,
    {
        let response = respond(service, request).await;
        let error = parse_response::<O>(&response).expect_err("refused");
        (response, error)
    }

    struct Unreached;
    impl framework_bound::FrameworkBound for Unreached {}
    impl own_validation::OwnValidation for Unreached {}
    impl client_error::ClientError for Unreached {}
    impl nothing_fits::NothingFits for Unreached {}

    /// The framework error's body, as the restJson1 suite expects it.
    fn assert_framework(response: &http::Response<Vec<u8>>, pointer: &str) {
        assert_eq!(response.status(), 400);
        assert_eq!(
            response.headers()["x-amzn-errortype"],
            "ValidationException"
        );
        let body: serde_json::Value = serde_json::from_slice(response.body()).expect("JSON");
        assert_eq!(body["fieldList"][0]["path"], pointer, "{body}");
    }

    #[test]
    fn step_1_a_bound_framework_error_wins() {
        pollster::block_on(async {
            let mut server = framework_bound::FrameworkBoundServer::new(Unreached);
            let (response, error) = answer::<framework_bound::PutFramework, _>(
                &mut server,
                post("/framework", r#"{"name": ""}"#),
            )
            .await;
            assert_framework(&response, "/name");
            assert!(
                matches!(
                    error,
                    CallError::Service(framework_bound::PutFrameworkError::ValidationException(_))
                ),
                "{error:?}"
            );
        });
    }

    #[test]
    fn step_2_the_operations_own_validation_exception() {
        pollster::block_on(async {
            let mut server = own_validation::OwnValidationServer::new(Unreached);
            let (_, error) =
                answer::<own_validation::PutOwn, _>(&mut server, post("/own", r#"{"count": 11}"#))
                    .await;
            let CallError::Service(own_validation::PutOwnError::ValidationException(e)) = error
            else {
                panic!("{error:?}");
            };
            assert_eq!(
                e.reason,
                own_validation::ValidationExceptionReason::FieldValidationFailed
            );
            let fields = e.field_list.expect("fieldList");
            assert_eq!(fields[0].name, "count");
        });
    }

    #[test]
    fn step_3_the_preferred_then_the_first_400_client_error() {
        pollster::block_on(async {
            let mut server = client_error::ClientErrorServer::new(Unreached);
            // Missing required `name`: BadRequestException, listed after two others.
            let (_, error) =
                answer::<client_error::PutClient, _>(&mut server, post("/client", "{}")).await;
            let CallError::Service(client_error::PutClientError::BadRequestException(e)) = error
            else {
                panic!("{error:?}");
            };
            assert_eq!(e.code, Some(client_error::ErrorCode::BadRequest));
            // No preferred name: the first 400 client error in model order.
            let (_, error) = answer::<client_error::PutOther, _>(
                &mut server,
                post("/other", r#"{"name": "four"}"#),
            )
            .await;
            let CallError::Service(client_error::PutOtherError::TooManyTagsException(e)) = error
            else {
                panic!("{error:?}");
            };
            assert!(e.message.contains("/name"), "{}", e.message);
        });
    }

    #[test]
    fn step_4_the_framework_error_when_nothing_fits() {
        pollster::block_on(async {
            let mut server = nothing_fits::NothingFitsServer::new(Unreached);
            let (response, error) = answer::<nothing_fits::PutNothing, _>(
                &mut server,
                post("/nothing", r#"{"name": ""}"#),
            )
            .await;
            assert_framework(&response, "/name");
            assert!(
                matches!(
                    error,
                    CallError::Service(nothing_fits::PutNothingError::Unhandled(_))
                ),
                "{error:?}"
            );
        });
    }
}

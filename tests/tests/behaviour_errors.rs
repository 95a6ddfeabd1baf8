//! Error structs (constants, Display), per-operation error enums, the service-wide error,
//! and `Unhandled` errors.

use fixtures::errors::{ErrorsError, FetchError, Internal, NotFound, Throttled};
use fixtures::runtime::{ErrorFault, UnhandledError};

#[test]
fn error_struct_constants_follow_the_model() {
    // NotFound: @error("client") @httpError(404).
    assert_eq!(NotFound::CODE, "NotFound");
    assert_eq!(NotFound::STATUS, 404);
    assert_eq!(NotFound::FAULT, ErrorFault::Client);
    // Internal: @error("server"), no @httpError: 500.
    assert_eq!(Internal::CODE, "Internal");
    assert_eq!(Internal::STATUS, 500);
    assert_eq!(Internal::FAULT, ErrorFault::Server);
    // Throttled: @error("client") @retryable(throttling: true) @httpError(429).
    assert_eq!(Throttled::CODE, "Throttled");
    assert_eq!(Throttled::STATUS, 429);
    assert_eq!(Throttled::FAULT, ErrorFault::Client);
    // Only Throttled is @retryable.
    assert_eq!(
        [
            NotFound::RETRYABLE,
            Internal::RETRYABLE,
            Throttled::RETRYABLE
        ],
        [false, false, true]
    );
}

#[test]
fn error_display_is_code_and_message() {
    let e = NotFound {
        message: Some("no key k1".to_owned()),
        key: Some("k1".to_owned()),
    };
    assert_eq!(e.to_string(), "NotFound: no key k1");
    assert_eq!(e.message(), Some("no key k1"));
    // A `Message` member (capitalised) is the message too.
    assert_eq!(
        Internal::new("disk on fire".to_owned()).to_string(),
        "Internal: disk on fire"
    );
}

#[test]
fn error_display_without_message_shows_status() {
    assert_eq!(NotFound::default().to_string(), "NotFound (HTTP 404)");
    assert_eq!(Throttled::default().to_string(), "Throttled (HTTP 429)");
    assert_eq!(Throttled::default().message(), None);
}

#[test]
fn error_body_uses_the_modeled_json_names() {
    let e: Internal = serde_json::from_str(r#"{"Message":"boom"}"#).unwrap();
    assert_eq!(e.message, "boom");
    assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"Message":"boom"}"#);
}

#[test]
fn operation_error_code_and_display() {
    let e = FetchError::NotFound(NotFound {
        message: Some("gone".to_owned()),
        key: None,
    });
    assert_eq!(e.code(), Some("NotFound"));
    assert_eq!(e.to_string(), "NotFound: gone");
    // Service-wide errors are part of every operation's errors.
    let e = FetchError::Throttled(Throttled {});
    assert_eq!(e.code(), Some("Throttled"));
    assert_eq!(e.to_string(), "Throttled (HTTP 429)");
}

#[test]
fn operation_error_converts_into_the_service_error() {
    let e: ErrorsError = FetchError::Internal(Internal::new("boom".to_owned())).into();
    assert_eq!(e, ErrorsError::Internal(Internal::new("boom".to_owned())));
    assert_eq!(e.code(), Some("Internal"));
    assert_eq!(e.to_string(), "Internal: boom");
    let unhandled = UnhandledError {
        code: Some("Teapot".to_owned()),
        message: None,
        status: Some(418),
        ..Default::default()
    };
    let e: ErrorsError = FetchError::Unhandled(unhandled.clone()).into();
    assert_eq!(e, ErrorsError::Unhandled(unhandled));
}

#[test]
fn unhandled_keeps_code_message_and_status() {
    let e = FetchError::from(UnhandledError {
        code: Some("Unavailable".to_owned()),
        message: Some("try later".to_owned()),
        status: Some(503),
        ..Default::default()
    });
    assert_eq!(e.code(), Some("Unavailable"));
    assert_eq!(e.to_string(), "Unavailable (HTTP 503): try later");
    match e {
        FetchError::Unhandled(u) => {
            assert_eq!(u.code.as_deref(), Some("Unavailable"));
            assert_eq!(u.message.as_deref(), Some("try later"));
            assert_eq!(u.status, Some(503));
        }
        other => panic!("expected Unhandled, got {other:?}"),
    }
}

#[test]
fn unhandled_display_with_missing_parts() {
    assert_eq!(UnhandledError::default().to_string(), "unhandled error");
    let no_status = UnhandledError {
        code: Some("Odd".to_owned()),
        message: Some("hm".to_owned()),
        status: None,
        ..Default::default()
    };
    assert_eq!(no_status.to_string(), "Odd: hm");
    let e = FetchError::from(UnhandledError::default());
    assert_eq!(e.code(), None);
}

#[test]
fn errors_are_std_errors() {
    fn source_text(e: &dyn std::error::Error) -> String {
        e.to_string()
    }
    assert_eq!(source_text(&NotFound::default()), "NotFound (HTTP 404)");
    assert_eq!(
        source_text(&FetchError::Throttled(Throttled {})),
        "Throttled (HTTP 429)"
    );
    assert_eq!(
        source_text(&ErrorsError::Throttled(Throttled {})),
        "Throttled (HTTP 429)"
    );
}

// ----- AWS errors ----------------------------------------------------------------------

#[test]
fn chime_not_found_exception_from_a_real_body() {
    use generated::chime::{ErrorCode, NotFoundException};
    let e: NotFoundException = serde_json::from_str(
        r#"{"Code":"NotFound","Message":"The requested room was not found."}"#,
    )
    .unwrap();
    assert_eq!(e.code, Some(ErrorCode::NotFound));
    assert_eq!(
        e.to_string(),
        "NotFoundException: The requested room was not found."
    );
    assert_eq!(NotFoundException::STATUS, 404);
    assert_eq!(
        NotFoundException::FAULT,
        generated::runtime::ErrorFault::Client
    );
}

#[test]
fn chime_error_constants() {
    use generated::chime::{ServiceUnavailableException, ThrottledClientException};
    use generated::runtime::ErrorFault;
    assert_eq!(ThrottledClientException::CODE, "ThrottledClientException");
    assert_eq!(ThrottledClientException::STATUS, 429);
    assert_eq!(ThrottledClientException::FAULT, ErrorFault::Client);
    // The Chime model has no @retryable on it.
    assert_eq!([ThrottledClientException::RETRYABLE], [false]);
    assert_eq!(ServiceUnavailableException::STATUS, 503);
    assert_eq!(ServiceUnavailableException::FAULT, ErrorFault::Server);
}

#[test]
fn chime_operation_error_into_service_error() {
    use generated::chime::{ChimeError, GetRoomError, NotFoundException};
    let op = GetRoomError::NotFoundException(NotFoundException {
        code: None,
        message: Some("Room r1 not found".to_owned()),
    });
    assert_eq!(op.code(), Some("NotFoundException"));
    let all: ChimeError = op.into();
    assert_eq!(all.code(), Some("NotFoundException"));
    assert_eq!(all.to_string(), "NotFoundException: Room r1 not found");
    assert!(matches!(all, ChimeError::NotFoundException(_)));
}

#[test]
fn ivschat_errors_with_required_members() {
    use generated::ivschat::{
        CreateRoomError, IvschatError, ResourceType, ServiceQuotaExceededException,
    };
    assert_eq!(ServiceQuotaExceededException::STATUS, 402);
    let e = ServiceQuotaExceededException::new(
        "too many rooms".to_owned(),
        "room1".to_owned(),
        ResourceType::Room,
    );
    assert_eq!(e.limit, 0);
    assert_eq!(
        e.to_string(),
        "ServiceQuotaExceededException: too many rooms"
    );
    let all: IvschatError = CreateRoomError::ServiceQuotaExceededException(e).into();
    assert_eq!(all.code(), Some("ServiceQuotaExceededException"));
}

// --- messages as AWS services send them: `message` or `Message`, whatever the model says ---

mod message_spellings {
    use generated::runtime::protocol::{parse_response, CallError, OperationError};
    use generated::runtime::Operation;
    use generated::{chime, ivschat};

    /// The error a client reads from a `status` response with error type `code` and JSON
    /// `body`.
    fn read<O>(status: u16, code: &str, body: &str) -> O::Error
    where
        O: Operation,
        O::Output: generated::runtime::protocol::Output + std::fmt::Debug,
        O::Error: OperationError + std::fmt::Debug,
    {
        let response = http::Response::builder()
            .status(status)
            .header("x-amzn-errortype", code)
            .header("content-type", "application/json")
            .body(body.as_bytes().to_vec())
            .expect("a valid response");
        match parse_response::<O>(&response) {
            Err(CallError::Service(error)) => error,
            other => panic!("{code}: expected a service error, got {other:?}"),
        }
    }

    /// Every error of Chime's `CreateRoom` (its errors model `Message`) reads its message
    /// from either spelling, and shows it.
    #[test]
    fn chime_errors_read_message_in_either_spelling() {
        let codes = [
            ("BadRequestException", 400),
            ("ForbiddenException", 403),
            ("NotFoundException", 404),
            ("ResourceLimitExceededException", 400),
            ("ServiceFailureException", 500),
            ("ServiceUnavailableException", 503),
            ("ThrottledClientException", 429),
            ("UnauthorizedClientException", 401),
        ];
        for (code, status) in codes {
            for key in ["message", "Message"] {
                let body = format!(r#"{{"Code":"BadRequest","{key}":"{code} via {key}"}}"#);
                let error = read::<chime::CreateRoom>(status, code, &body);
                assert_eq!(error.code(), Some(code), "{key}: {error:?}");
                let shown = error.to_string();
                assert!(
                    shown.contains(&format!("{code} via {key}")),
                    "{key}: {shown}"
                );
            }
        }
        // The model's own key wins when both are sent.
        let both = r#"{"Message":"own","message":"other"}"#;
        match read::<chime::CreateRoom>(404, "NotFoundException", both) {
            chime::CreateRoomError::NotFoundException(e) => assert_eq!(e.message(), Some("own")),
            other => panic!("{other:?}"),
        }
    }

    /// Every error of IVS Chat's `CreateRoom` (its errors model a required `message`)
    /// reads its message from either spelling, instead of error correction's empty one.
    #[test]
    fn ivschat_errors_read_message_in_either_spelling() {
        let codes = [
            ("AccessDeniedException", 403),
            ("ConflictException", 409),
            ("PendingVerification", 403),
            ("ResourceNotFoundException", 404),
            ("ServiceQuotaExceededException", 402),
            ("ValidationException", 400),
        ];
        for (code, status) in codes {
            for key in ["message", "Message"] {
                let body = format!(
                    r#"{{"{key}":"{code} via {key}","resourceId":"r","resourceType":"ROOM","limit":1,"reason":"OTHER"}}"#
                );
                let error = read::<ivschat::CreateRoom>(status, code, &body);
                assert_eq!(error.code(), Some(code), "{key}: {error:?}");
                let shown = error.to_string();
                assert!(
                    shown.contains(&format!("{code} via {key}")),
                    "{key}: {shown}"
                );
            }
        }
        match read::<ivschat::CreateRoom>(404, "ResourceNotFoundException", r#"{"Message":"gone"}"#)
        {
            ivschat::CreateRoomError::ResourceNotFoundException(e) => assert_eq!(e.message, "gone"),
            other => panic!("{other:?}"),
        }
    }
}

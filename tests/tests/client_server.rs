//! Our client against our server: the generated `chime::Client` calls the example rooms
//! server (`examples::rooms`, the generated tower service on hyper) over 127.0.0.1 — every
//! request signed, routed, validated, answered and parsed by generated code end to end.

use std::time::Duration;

use generated::chime::{self, Chime};
use generated::ivschat::{self, Ivschat};
use generated::runtime::client::{Config, Credentials};

const ACCOUNT: &str = "123456789012";

/// Runs `test` against the example rooms server on 127.0.0.1 with a client config for it,
/// under a 20 s timeout; the server stops afterwards.
fn on_loopback<F, Fut>(test: F)
where
    F: FnOnce(Config) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = listener.local_addr().expect("address");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(examples::rooms::serve(listener, async {
            let _ = stopped.await;
        }));
        let config = Config::new()
            .with_region("us-east-1")
            .with_endpoint_url(format!("http://{address}"))
            .with_credentials(Credentials::new("AKID", "secret"));
        tokio::time::timeout(Duration::from_secs(20), test(config))
            .await
            .expect("finishes within 20 s");
        let _ = stop.send(());
        tokio::time::timeout(Duration::from_secs(10), server)
            .await
            .expect("the server stops")
            .expect("joined")
            .expect("served");
    });
}

#[test]
fn the_generated_client_drives_the_generated_server() {
    on_loopback(|config| async move {
        let client = chime::Client::new(config);
        let mut ids = Vec::new();
        for name in ["one", "two", "three"] {
            let created = client
                .create_room(chime::CreateRoomRequest::new(ACCOUNT.into(), name.into()))
                .await
                .expect("created");
            ids.push(created.room.and_then(|r| r.room_id).expect("room id"));
        }

        // Three pages of one room each, followed by their tokens.
        let mut input = chime::ListRoomsRequest::new(ACCOUNT.into());
        input.max_results = Some(1);
        let mut pages = client.list_rooms_pages(input);
        let mut listed = Vec::new();
        while let Some(page) = pages.next().await {
            let rooms = page.expect("page").rooms.unwrap_or_default();
            assert_eq!(rooms.len(), 1);
            listed.extend(rooms.into_iter().filter_map(|r| r.room_id));
        }
        assert_eq!(listed, ids);

        let room = client
            .get_room(chime::GetRoomRequest::new(ACCOUNT.into(), ids[1].clone()))
            .await
            .expect("got")
            .room
            .expect("room");
        assert_eq!(room.name.as_deref(), Some("two"));

        client
            .delete_room(chime::DeleteRoomRequest::new(
                ACCOUNT.into(),
                ids[1].clone(),
            ))
            .await
            .expect("deleted");
        let gone = client
            .get_room(chime::GetRoomRequest::new(ACCOUNT.into(), ids[1].clone()))
            .await
            .expect_err("deleted rooms are not found");
        assert!(
            matches!(gone, chime::GetRoomError::NotFoundException(_)),
            "{gone:?}"
        );
    });
}

/// The server enforces constraints the client does not (a one-character idempotency
/// token breaks `@length(min: 2)`): the refusal arrives as the error Chime models for
/// invalid input, `BadRequestException` with `Code: BadRequest`.
#[test]
fn chime_answers_invalid_input_with_its_bad_request_exception() {
    on_loopback(|config| async move {
        let client = chime::Client::new(config);
        let mut input = chime::CreateRoomRequest::new(ACCOUNT.into(), "four".into());
        input.client_request_token = Some("x".into());
        let refused = client.create_room(input).await.expect_err("refused");
        let chime::CreateRoomError::BadRequestException(e) = refused else {
            panic!("expected the modeled BadRequestException, got {refused:?}");
        };
        assert_eq!(e.code, Some(chime::ErrorCode::BadRequest));
        let message = e.message.expect("Message");
        assert!(message.contains("/ClientRequestToken"), "{message}");
    });
}

/// IVS Chat models its own `ValidationException`: `reason` and a `fieldList` entry per
/// violation, naming the member.
#[test]
fn ivschat_answers_invalid_input_with_its_own_validation_exception() {
    on_loopback(|config| async move {
        let client = ivschat::Client::new(config);
        let input = ivschat::CreateRoomRequest {
            maximum_message_length: Some(0),
            ..Default::default()
        };
        let refused = client.create_room(input).await.expect_err("refused");
        let ivschat::CreateRoomError::ValidationException(e) = refused else {
            panic!("expected the modeled ValidationException, got {refused:?}");
        };
        assert_eq!(
            e.reason,
            ivschat::ValidationExceptionReason::FieldValidationFailed
        );
        let fields = e.field_list.expect("fieldList");
        assert_eq!(fields.len(), 1, "{fields:?}");
        assert_eq!(fields[0].name, "maximumMessageLength");
        assert!(
            fields[0].message.contains("maximumMessageLength"),
            "{fields:?}"
        );
        assert!(
            e.message.starts_with("1 validation error detected."),
            "{}",
            e.message
        );
    });
}

/// The rooms server honours Chime's `ClientRequestToken` as the service does: a retry with
/// the same token gets the same room and makes no other; the token with another name is
/// refused. (IVS Chat's `CreateRoom` has no token.)
#[test]
fn chime_create_room_is_idempotent_by_client_request_token() {
    on_loopback(|config| async move {
        let client = chime::Client::new(config);
        let create = |name: &str| {
            let mut input = chime::CreateRoomRequest::new(ACCOUNT.into(), name.into());
            input.client_request_token = Some("retry-1".into());
            client.create_room(input)
        };
        let first = create("lobby").await.expect("created").room.expect("room");
        let again = create("lobby").await.expect("created").room.expect("room");
        assert_eq!(again.room_id, first.room_id);
        assert_eq!(again.created_timestamp, first.created_timestamp);

        let listed = client
            .list_rooms(chime::ListRoomsRequest::new(ACCOUNT.into()))
            .await
            .expect("listed")
            .rooms
            .unwrap_or_default();
        assert_eq!(listed.len(), 1, "one room made: {listed:?}");

        let other = create("other")
            .await
            .expect_err("token reused with another name");
        assert!(
            matches!(other, chime::CreateRoomError::BadRequestException(_)),
            "{other:?}"
        );
    });
}

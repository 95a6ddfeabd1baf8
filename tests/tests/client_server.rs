//! Our client against our server: the generated `chime::Client` calls the example rooms
//! server (`examples::rooms`, the generated tower service on hyper) over 127.0.0.1 — every
//! request signed, routed, validated, answered and parsed by generated code end to end.

use std::time::Duration;

use generated::chime::{self, Chime};
use generated::runtime::client::{Config, Credentials};

const ACCOUNT: &str = "123456789012";

#[test]
fn the_generated_client_drives_the_generated_server() {
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
        let test = async {
            let client = chime::Client::new(
                Config::new()
                    .with_region("us-east-1")
                    .with_endpoint_url(format!("http://{address}"))
                    .with_credentials(Credentials::new("AKID", "secret")),
            );
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

            // The server enforces constraints the client does not (a one-character
            // idempotency token breaks @length(min: 2)): the refusal arrives as an unmodeled
            // ValidationException with its status.
            let mut input = chime::CreateRoomRequest::new(ACCOUNT.into(), "four".into());
            input.client_request_token = Some("x".into());
            let refused = client.create_room(input).await.expect_err("refused");
            let chime::CreateRoomError::Unhandled(refused) = refused else {
                panic!("expected an unmodeled error, got {refused:?}");
            };
            assert_eq!(refused.code.as_deref(), Some("ValidationException"));
            assert_eq!(refused.status, Some(400));
        };
        tokio::time::timeout(Duration::from_secs(20), test)
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

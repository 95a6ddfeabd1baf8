//! A generated server mounts in axum (the README's claim): the IVS Chat rooms server as the
//! fallback service of an axum `Router` that has a route of its own, served by
//! `axum::serve` on 127.0.0.1 and called by our client.

use std::time::Duration;

use generated::ivschat::{self, Ivschat, IvschatServer};
use generated::runtime::client::{Config, Credentials};

#[test]
fn a_generated_server_mounts_in_an_axum_router() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let server = IvschatServer::new(examples::rooms::IvschatRooms::default());
        let app = axum::Router::new()
            .route("/health", axum::routing::get(|| async { "ok" }))
            .fallback_service(server);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = listener.local_addr().expect("address");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let serving = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
        });
        let test = async {
            let client = ivschat::Client::new(
                Config::new()
                    .with_region("us-east-1")
                    .with_endpoint_url(format!("http://{address}"))
                    .with_credentials(Credentials::new("AKID", "secret")),
            );
            let input = ivschat::CreateRoomRequest {
                name: Some("lobby".to_owned()),
                ..Default::default()
            };
            let created = client.create_room(input).await.expect("created");
            assert_eq!(created.name.as_deref(), Some("lobby"));
            // Invalid input gets the operation's own error through axum too.
            let invalid = ivschat::CreateRoomRequest {
                maximum_message_length: Some(0),
                ..Default::default()
            };
            let refused = client.create_room(invalid).await.expect_err("refused");
            assert!(
                matches!(refused, ivschat::CreateRoomError::ValidationException(_)),
                "{refused:?}"
            );
            // The router's own route still answers.
            let answer = tokio::task::spawn_blocking(move || {
                use std::io::{Read, Write};
                let mut health = std::net::TcpStream::connect(address).expect("connect");
                health
                    .set_read_timeout(Some(Duration::from_secs(10)))
                    .expect("timeout");
                health
                    .write_all(b"GET /health HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
                    .expect("request");
                let mut answer = String::new();
                health.read_to_string(&mut answer).expect("answer");
                answer
            })
            .await
            .expect("joined");
            assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
            assert!(answer.ends_with("ok"), "{answer}");
        };
        tokio::time::timeout(Duration::from_secs(20), test)
            .await
            .expect("finishes within 20 s");
        let _ = stop.send(());
        tokio::time::timeout(Duration::from_secs(10), serving)
            .await
            .expect("stops")
            .expect("joined")
            .expect("served");
    });
}

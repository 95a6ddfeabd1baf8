//! The loopback server both clients call: every request is answered with the same
//! `ListRooms` page, so the figures measure the clients, not the server.

use std::convert::Infallible;
use std::net::SocketAddr;

use bytes::Bytes;
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// The account every request names.
pub const ACCOUNT_ID: &str = "123456789012";

/// A Chime `ListRooms` response body with `rooms` rooms and no `NextToken`.
pub fn list_rooms_body(rooms: usize) -> Bytes {
    let rooms: Vec<String> = (0..rooms)
        .map(|i| {
            format!(
                r#"{{"RoomId":"room-{i:06}","Name":"Room {i}","AccountId":"{ACCOUNT_ID}","CreatedBy":"arn:aws:iam::{ACCOUNT_ID}:user/bench","CreatedTimestamp":"2026-11-29T12:00:00Z","UpdatedTimestamp":"2026-11-29T12:30:00.123Z"}}"#
            )
        })
        .collect();
    Bytes::from(format!(r#"{{"Rooms":[{}]}}"#, rooms.join(",")))
}

/// Serves `body` as `200 application/json` to every request on 127.0.0.1 (a random
/// port, returned), from a task on the current Tokio runtime.
pub async fn serve_fixed(body: Bytes) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let body = body.clone();
            tokio::spawn(async move {
                let service = service_fn(move |_request| {
                    let response = hyper::Response::builder()
                        .header("content-type", "application/json")
                        .body(Full::new(body.clone()))
                        .expect("static response parts are valid");
                    async move { Ok::<_, Infallible>(response) }
                });
                // A client hanging up mid-request ends this connection only.
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    Ok(addr)
}

//! Running a service on hyper: one HTTP/1.1 connection task per accepted socket, until a
//! shutdown signal; then no new connections, and in-flight ones finish.

use std::convert::Infallible;
use std::future::Future;
use std::time::Duration;

use futures_util::future::{select, Either};
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;

use super::Response;

/// How long [`serve`] waits for in-flight requests after the shutdown signal.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// Serves `service` on `listener` until `shutdown` completes, then stops accepting,
/// closes idle connections and waits (at most [`SHUTDOWN_GRACE`]) for requests in
/// flight. Must run inside a Tokio runtime.
///
/// # Errors
/// Never for a failed `accept` (logged, and the loop goes on: such failures are per
/// connection, e.g. too many open files); the `Result` leaves room for setup errors.
pub async fn serve<S>(
    listener: tokio::net::TcpListener,
    service: S,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()>
where
    S: tower_service::Service<
            http::Request<hyper::body::Incoming>,
            Response = Response,
            Error = Infallible,
        > + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    let graceful = GracefulShutdown::new();
    let builder = hyper::server::conn::http1::Builder::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let accepted = match select(std::pin::pin!(listener.accept()), shutdown.as_mut()).await {
            Either::Left((accepted, _)) => accepted,
            Either::Right(((), _)) => break,
        };
        let (stream, peer) = match accepted {
            Ok(pair) => pair,
            Err(e) => {
                tracing::warn!(error = %e, "accept failed");
                // Keep a persistent failure (EMFILE) from spinning the loop.
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let connection = builder.serve_connection(
            TokioIo::new(stream),
            TowerToHyperService::new(service.clone()),
        );
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(%peer, error = %e, "connection ended with an error");
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still in flight after the shutdown grace period");
    }
    Ok(())
}

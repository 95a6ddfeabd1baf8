//! Running a service on hyper: one HTTP/1.1 connection task per accepted socket, until a
//! shutdown signal; then no new connections, and in-flight ones finish.
//!
//! Connection hygiene ([`ServerConfig`]): hyper's header-read timer (on a Tokio timer, so
//! it fires), an idle timeout (a connection with no request in flight and no byte moved),
//! a body-read timeout ([`TimedBody`]) and a cap on open connections, so that slow or
//! idle clients cannot hold sockets until the process runs out of descriptors.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_util::future::{select, Either};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use super::{Response, ServerConfig};

/// How long [`serve`] waits for in-flight requests after the shutdown signal.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// [`serve_with`] and the default [`ServerConfig`].
///
/// # Errors
/// As [`serve_with`].
pub async fn serve<S>(
    listener: tokio::net::TcpListener,
    service: S,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()>
where
    S: tower_service::Service<http::Request<TimedBody>, Response = Response, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    serve_with(listener, service, ServerConfig::default(), shutdown).await
}

/// Serves `service` on `listener` within `config`'s connection limits until `shutdown`
/// completes, then stops accepting, closes idle connections and waits (at most
/// [`SHUTDOWN_GRACE`]) for requests in flight. Must run inside a Tokio runtime with time
/// enabled.
///
/// # Errors
/// Never for a failed `accept` (logged, and the loop goes on: such failures are per
/// connection, e.g. too many open files); the `Result` leaves room for setup errors.
pub async fn serve_with<S>(
    listener: tokio::net::TcpListener,
    service: S,
    config: ServerConfig,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()>
where
    S: tower_service::Service<http::Request<TimedBody>, Response = Response, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    let graceful = GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_read_timeout);
    let slots = Arc::new(tokio::sync::Semaphore::new(config.max_connections.max(1)));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        // At the cap, accept nothing until a connection closes and gives back its slot.
        let slot = match select(
            std::pin::pin!(Arc::clone(&slots).acquire_owned()),
            shutdown.as_mut(),
        )
        .await
        {
            Either::Left((Ok(slot), _)) => slot,
            // The semaphore is never closed; stop as on shutdown if it were.
            Either::Left((Err(_), _)) | Either::Right(((), _)) => break,
        };
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
        let activity = Arc::new(Activity::new());
        let in_flight = Arc::new(AtomicUsize::new(0));
        let service = Timed {
            inner: service.clone(),
            body_timeout: config.body_read_timeout,
            in_flight: Arc::clone(&in_flight),
        };
        let io = Watched {
            inner: stream,
            activity: Arc::clone(&activity),
        };
        let connection =
            builder.serve_connection(TokioIo::new(io), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        let idle = idle_expiry(activity, in_flight, config.idle_timeout);
        tokio::spawn(async move {
            let _slot = slot;
            match select(std::pin::pin!(connection), std::pin::pin!(idle)).await {
                Either::Left((Err(e), _)) => {
                    tracing::debug!(%peer, error = %e, "connection ended with an error");
                }
                Either::Left((Ok(()), _)) => {}
                // Dropping the connection closes the socket.
                Either::Right(((), _)) => tracing::debug!(%peer, "idle connection closed"),
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

/// Completes once the connection has had no request in flight and moved no byte for
/// `idle`.
async fn idle_expiry(activity: Arc<Activity>, in_flight: Arc<AtomicUsize>, idle: Duration) {
    loop {
        let quiet = activity.quiet_for();
        if quiet >= idle && in_flight.load(Ordering::Acquire) == 0 {
            return;
        }
        // Check again when the connection would next be idle long enough.
        let wait = idle.saturating_sub(quiet).max(Duration::from_millis(10));
        tokio::time::sleep(wait).await;
    }
}

/// When a connection last moved a byte, in milliseconds since it opened.
#[derive(Debug)]
struct Activity {
    opened: Instant,
    last_ms: AtomicU64,
}

impl Activity {
    fn new() -> Self {
        Activity {
            opened: Instant::now(),
            last_ms: AtomicU64::new(0),
        }
    }

    fn touch(&self) {
        let now = u64::try_from(self.opened.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_ms.store(now, Ordering::Relaxed);
    }

    fn quiet_for(&self) -> Duration {
        let last = Duration::from_millis(self.last_ms.load(Ordering::Relaxed));
        self.opened.elapsed().saturating_sub(last)
    }
}

/// A socket that records when it last moved a byte.
struct Watched {
    inner: tokio::net::TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.activity.touch();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, data);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// `inner` with each request's body given a deadline, and its requests in flight counted
/// (a connection with one is never idle).
#[derive(Clone)]
struct Timed<S> {
    inner: S,
    body_timeout: Duration,
    in_flight: Arc<AtomicUsize>,
}

impl<S> tower_service::Service<http::Request<Incoming>> for Timed<S>
where
    S: tower_service::Service<http::Request<TimedBody>, Response = Response, Error = Infallible>,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<Incoming>) -> Self::Future {
        let request = request.map(|body| TimedBody::new(body, self.body_timeout));
        let guard = InFlight::enter(Arc::clone(&self.in_flight));
        let response = self.inner.call(request);
        Box::pin(async move {
            let response = response.await;
            drop(guard);
            response
        })
    }
}

/// One request in flight, until dropped.
struct InFlight(Arc<AtomicUsize>);

impl InFlight {
    fn enter(count: Arc<AtomicUsize>) -> Self {
        count.fetch_add(1, Ordering::AcqRel);
        InFlight(count)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A request body that fails with [`BodyTimedOut`] when it has not all arrived by its
/// deadline (the body-read timeout after the request's head); a generated server answers
/// that with a 408.
pub struct TimedBody {
    inner: Incoming,
    timeout: Duration,
    /// When the head was read.
    start: tokio::time::Instant,
    /// Armed only when the body is not all there at once (most small bodies arrive with
    /// the head), so that a typical request sets no timer.
    deadline: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl TimedBody {
    fn new(inner: Incoming, timeout: Duration) -> Self {
        TimedBody {
            inner,
            timeout,
            start: tokio::time::Instant::now(),
            deadline: None,
        }
    }
}

impl std::fmt::Debug for TimedBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TimedBody")
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl http_body::Body for TimedBody {
    type Data = Bytes;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        if let Poll::Ready(frame) = Pin::new(&mut self.inner).poll_frame(cx) {
            return Poll::Ready(frame.map(|f| f.map_err(Into::into)));
        }
        let at = self.start + self.timeout;
        let deadline = self
            .deadline
            .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(at)));
        match deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Some(Err(Box::new(BodyTimedOut(self.timeout))))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// A request body did not arrive within the body-read timeout (the timeout it had).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyTimedOut(pub Duration);

impl std::fmt::Display for BodyTimedOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the request body did not arrive within {} ms",
            self.0.as_millis()
        )
    }
}

impl std::error::Error for BodyTimedOut {}

//! Running a service on hyper: one HTTP/1.1 connection task per accepted socket, until a
//! shutdown signal; then no new connections, and in-flight ones finish.
//!
//! Connection hygiene ([`ServerConfig`]): a header-read timeout, an idle timeout, a
//! body-read timeout ([`TimedBody`]) and a cap on open connections, so that slow or idle
//! clients cannot hold sockets until the process runs out of descriptors. The three
//! timeouts are kept by one watchdog per connection that wakes every quarter of the
//! shortest of them and reads counters the socket and the requests bump, so a request
//! costs no timer and no clock read. A timeout therefore fires between its value and a
//! quarter more.
//!
//! Any Tokio runtime with time enabled serves. Under saturation a ready connection waits
//! until the runtime next polls for I/O, every `event_interval` tasks (61 by default);
//! with more busy connections than that, some wait a second pass, so a server under heavy
//! load with many connections gets a shorter tail from a smaller interval
//! (`tokio::runtime::Builder::event_interval`; the load test uses 16).

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures_util::future::{select, Either};
use futures_util::task::AtomicWaker;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
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
    // The watchdog keeps the header-read timeout; hyper's own would set a timer per request.
    builder.header_read_timeout(None);
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
        let watch = Arc::new(Watch::default());
        let service = Timed {
            inner: service.clone(),
            body_timeout: config.body_read_timeout,
            watch: Arc::clone(&watch),
        };
        let io = Watched {
            inner: stream,
            watch: Arc::clone(&watch),
        };
        let connection =
            builder.serve_connection(TokioIo::new(io), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        let watchdog = watchdog(watch, config);
        tokio::spawn(async move {
            let _slot = slot;
            match select(std::pin::pin!(connection), std::pin::pin!(watchdog)).await {
                Either::Left((Err(e), _)) => {
                    tracing::debug!(%peer, error = %e, "connection ended with an error");
                }
                Either::Left((Ok(()), _)) => {}
                // Dropping the connection closes the socket.
                Either::Right((expired, _)) => tracing::debug!(%peer, "{expired}"),
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

/// What a connection's watchdog reads: counters its socket and its requests bump.
#[derive(Debug, Default)]
struct Watch {
    /// Reads that moved bytes.
    reads: AtomicU64,
    /// Writes that moved bytes.
    writes: AtomicU64,
    /// Requests whose head has been read.
    requests: AtomicU64,
    /// Requests in flight (a connection with one is neither idle nor waiting for a head).
    in_flight: AtomicUsize,
    /// The number (in `requests`) of the request whose body is being read; 0 for none.
    body: AtomicU64,
    /// The number of the last body the watchdog timed out.
    expired: AtomicU64,
    /// Wakes the body being read when it times out.
    body_waker: AtomicWaker,
}

impl Watch {
    /// A request's head has been read: its number.
    fn request(&self) -> u64 {
        self.in_flight.fetch_add(1, Ordering::AcqRel);
        let number = self.requests.fetch_add(1, Ordering::AcqRel) + 1;
        self.body.store(number, Ordering::Release);
        number
    }

    /// Body `number` is all read (or dropped).
    fn body_done(&self, number: u64) {
        let _ = self
            .body
            .compare_exchange(number, 0, Ordering::AcqRel, Ordering::Acquire);
    }
}

/// Why the watchdog closed a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expired {
    HeaderRead,
    Idle,
}

impl std::fmt::Display for Expired {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Expired::HeaderRead => "no request head within the header-read timeout: closed",
            Expired::Idle => "idle connection closed",
        })
    }
}

/// How long each state the watchdog times has lasted, in whole steps.
#[derive(Debug, Default)]
struct Spans {
    /// No request in flight, no new head and no response byte written: the header read
    /// (hyper's sense: from when the server starts waiting for a head, after the last
    /// response went out).
    head: Duration,
    /// No request in flight and no byte moved.
    quiet: Duration,
    /// The same body still being read.
    body: Duration,
}

/// What the watchdog saw of a [`Watch`] at one look.
#[derive(Debug, Default, Clone, Copy)]
struct Sample {
    reads: u64,
    writes: u64,
    requests: u64,
    in_flight: bool,
    body: u64,
}

impl Sample {
    fn of(watch: &Watch) -> Self {
        Sample {
            reads: watch.reads.load(Ordering::Acquire),
            writes: watch.writes.load(Ordering::Acquire),
            requests: watch.requests.load(Ordering::Acquire),
            in_flight: watch.in_flight.load(Ordering::Acquire) > 0,
            body: watch.body.load(Ordering::Acquire),
        }
    }
}

/// Completes when the connection must close: no request head within the header-read
/// timeout, or idle for the idle timeout. Times out a body that outlasts the body-read
/// timeout (its [`TimedBody`] then fails). Each timeout fires between its value and a
/// quarter more: the watchdog samples [`Watch`] every quarter of the shortest one.
async fn watchdog(watch: Arc<Watch>, config: ServerConfig) -> Expired {
    let shortest = config
        .header_read_timeout
        .min(config.idle_timeout)
        .min(config.body_read_timeout);
    let step = (shortest / 4).max(Duration::from_millis(10));
    let mut spans = Spans::default();
    let mut last = Sample::default();
    loop {
        tokio::time::sleep(step).await;
        let now = Sample::of(&watch);
        // A response still being written is not a wait for the next head.
        let waiting = !now.in_flight && now.requests == last.requests && now.writes == last.writes;
        spans.head = if waiting {
            spans.head + step
        } else {
            Duration::ZERO
        };
        spans.quiet = if waiting && now.reads == last.reads {
            spans.quiet + step
        } else {
            Duration::ZERO
        };
        spans.body = if now.body != 0 && now.body == last.body {
            spans.body + step
        } else {
            Duration::ZERO
        };
        last = now;
        if spans.quiet >= config.idle_timeout {
            return Expired::Idle;
        }
        if spans.head >= config.header_read_timeout {
            return Expired::HeaderRead;
        }
        if spans.body >= config.body_read_timeout {
            watch.expired.store(now.body, Ordering::Release);
            watch.body_waker.wake();
        }
    }
}

/// A socket that counts the reads and writes that moved bytes.
struct Watched {
    inner: tokio::net::TcpStream,
    watch: Arc<Watch>,
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
            self.watch.reads.fetch_add(1, Ordering::Relaxed);
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
            self.watch.writes.fetch_add(1, Ordering::Relaxed);
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
            self.watch.writes.fetch_add(1, Ordering::Relaxed);
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

/// `inner` with each request's body timed by the connection's watchdog and its requests
/// in flight counted.
#[derive(Clone)]
struct Timed<S> {
    inner: S,
    body_timeout: Duration,
    watch: Arc<Watch>,
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
        let number = self.watch.request();
        let guard = InFlight(Arc::clone(&self.watch));
        let (watch, timeout) = (Arc::clone(&self.watch), self.body_timeout);
        let request = request.map(|inner| TimedBody {
            inner,
            timeout,
            watch,
            number,
        });
        let response = self.inner.call(request);
        Box::pin(async move {
            let response = response.await;
            drop(guard);
            response
        })
    }
}

/// One request in flight, until dropped.
struct InFlight(Arc<Watch>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A request body that fails with [`BodyTimedOut`] when it has not all arrived by its
/// deadline (the body-read timeout after the request's head, kept by the connection's
/// watchdog); a generated server answers that with a 408.
pub struct TimedBody {
    inner: Incoming,
    timeout: Duration,
    watch: Arc<Watch>,
    /// This request's number on its connection.
    number: u64,
}

impl TimedBody {
    fn expired(&self) -> bool {
        self.watch.expired.load(Ordering::Acquire) == self.number
    }
}

impl Drop for TimedBody {
    fn drop(&mut self) {
        self.watch.body_done(self.number);
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
        if self.expired() {
            return Poll::Ready(Some(Err(Box::new(BodyTimedOut(self.timeout)))));
        }
        match Pin::new(&mut self.inner).poll_frame(cx) {
            Poll::Ready(frame) => {
                if frame.is_none() || self.inner.is_end_stream() {
                    self.watch.body_done(self.number);
                }
                Poll::Ready(frame.map(|f| f.map_err(Into::into)))
            }
            Poll::Pending => {
                self.watch.body_waker.register(cx.waker());
                // The watchdog may have expired it between the check and the register.
                if self.expired() {
                    return Poll::Ready(Some(Err(Box::new(BodyTimedOut(self.timeout)))));
                }
                Poll::Pending
            }
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

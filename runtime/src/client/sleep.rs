//! Waiting: the [`Sleep`] a client waits with between attempts (retry backoff) and races
//! timeouts against, so that the client's core needs no async runtime of its own. Feature
//! `client` provides [`TokioSleep`]; elsewhere (wasm32) the user plugs in the host's timer,
//! e.g. `setTimeout` through `wasm-bindgen-futures`, or a worker's scheduler.

use std::future::Future;
use std::pin::{pin, Pin};
use std::task::Poll;
use std::time::Duration;

/// The future [`Sleep::sleep`] returns.
pub type SleepFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// An async timer: `sleep(d)` completes once `d` has passed.
///
/// Any `Fn(Duration) -> SleepFuture + Send + Sync` is one, so a closure will do.
pub trait Sleep: Send + Sync {
    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> SleepFuture;
}

impl<F> Sleep for F
where
    F: Fn(Duration) -> SleepFuture + Send + Sync,
{
    fn sleep(&self, duration: Duration) -> SleepFuture {
        self(duration)
    }
}

/// The default timer (feature `client`): `tokio::time::sleep`, so calls must run within a
/// tokio runtime with time enabled.
#[cfg(feature = "client")]
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioSleep;

#[cfg(feature = "client")]
impl Sleep for TokioSleep {
    fn sleep(&self, duration: Duration) -> SleepFuture {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// `future`'s output, or `None` when `sleep` finishes waiting `limit` first (the future
/// is then dropped). The future is polled before the timer, so one that is ready does not
/// time out.
pub(crate) async fn within<F: Future>(
    sleep: &dyn Sleep,
    limit: Duration,
    future: F,
) -> Option<F::Output> {
    let mut future = pin!(future);
    let mut timer = sleep.sleep(limit);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(output) = future.as_mut().poll(cx) {
            return Poll::Ready(Some(output));
        }
        timer.as_mut().poll(cx).map(|()| None)
    })
    .await
}

/// The timer when none is given: tokio's with feature `client`, else none.
pub(crate) fn default_sleep() -> Option<std::sync::Arc<dyn Sleep>> {
    #[cfg(feature = "client")]
    {
        Some(std::sync::Arc::new(TokioSleep))
    }
    #[cfg(not(feature = "client"))]
    {
        None
    }
}

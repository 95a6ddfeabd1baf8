//! A caching provider: the inner provider's credentials are kept until shortly before they
//! expire (long-term ones, with no expiry, for good), and concurrent callers that find
//! none fresh share one fetch (a `futures` `Shared` future: no async runtime needed).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use futures_util::future::{FutureExt, Shared};

use super::super::sign::now;
use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};

/// How long before their expiry credentials are fetched again (as the AWS SDKs do).
pub const DEFAULT_REFRESH_BUFFER: Duration = Duration::from_secs(5 * 60);

type Fetch = Shared<Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send>>>;

#[derive(Default)]
struct State {
    /// The last credentials fetched.
    current: Option<Credentials>,
    /// The fetch under way, which every caller meanwhile awaits.
    pending: Option<Fetch>,
}

/// Caches another provider's credentials: each call returns the cached ones while they
/// are valid for more than the refresh buffer (5 minutes by default), and otherwise
/// fetches new ones, one fetch shared by all callers meanwhile. A failed fetch is not
/// kept: the next call tries again.
pub struct CachedCredentials {
    inner: Arc<dyn ProvideCredentials>,
    buffer: Duration,
    state: Arc<Mutex<State>>,
}

impl fmt::Debug for CachedCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        f.debug_struct("CachedCredentials")
            .field("inner", &self.inner)
            .field("buffer", &self.buffer)
            .field("current", &state.current)
            .finish()
    }
}

impl CachedCredentials {
    /// Caches `inner`'s credentials, refreshing them 5 minutes before they expire.
    pub fn new(inner: impl ProvideCredentials + 'static) -> Self {
        CachedCredentials {
            inner: Arc::new(inner),
            buffer: DEFAULT_REFRESH_BUFFER,
            state: Arc::default(),
        }
    }

    /// The same cache refreshing `buffer` before expiry instead.
    #[must_use]
    pub fn with_refresh_buffer(mut self, buffer: Duration) -> Self {
        self.buffer = buffer;
        self
    }

    /// Whether `credentials` may still be handed out at `now`.
    fn fresh(&self, credentials: &Credentials, now: SystemTime) -> bool {
        credentials
            .expiry
            .is_none_or(|expiry| now + self.buffer < expiry)
    }

    /// The fresh cached credentials, or the fetch to await (joining the one under way).
    fn cached_or_fetch(&self) -> Result<Credentials, Fetch> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(current) = state.current.as_ref().filter(|c| self.fresh(c, now())) {
            return Ok(current.clone());
        }
        if let Some(pending) = &state.pending {
            return Err(pending.clone());
        }
        let inner = self.inner.clone();
        let future: Pin<Box<dyn Future<Output = _> + Send>> =
            Box::pin(async move { inner.provide().await });
        let fetch = future.shared();
        state.pending = Some(fetch.clone());
        Err(fetch)
    }
}

impl ProvideCredentials for CachedCredentials {
    fn provide(&self) -> CredentialsFuture<'_> {
        let fetch = match self.cached_or_fetch() {
            Ok(credentials) => return Box::pin(std::future::ready(Ok(credentials))),
            Err(fetch) => fetch,
        };
        let state = self.state.clone();
        Box::pin(async move {
            let result = fetch.clone().await;
            let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
            // Only the fetch that is still the pending one settles the state: a caller
            // late to a finished fetch must not clear a newer one.
            if state
                .pending
                .as_ref()
                .is_some_and(|pending| Shared::ptr_eq(pending, &fetch))
            {
                state.pending = None;
                if let Ok(credentials) = &result {
                    state.current = Some(credentials.clone());
                }
            }
            result
        })
    }
}

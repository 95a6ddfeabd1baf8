//! Sending a credential source's HTTP request: through the chain's HTTP client (the
//! default one is made on first use, with a 1 s connect timeout so that a laptop off EC2
//! does not hang on the metadata addresses), within a time limit when there is a timer,
//! and reading a non-2xx answer into an error that says who answered what.

use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use super::super::sleep::{default_sleep, within, Sleep};
use super::super::transport::{default_http_client, HttpClient, TransportError};
use super::CredentialsError;

/// Form and query encoding: all but the unreserved characters of RFC 3986.
pub(crate) const FORM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The default client's connect timeout.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);

/// The most of an error body quoted in a message.
const QUOTED_BODY: usize = 300;

/// The HTTP client and timer the chain's sources send with. Cheap to clone.
#[derive(Clone, Default)]
pub(crate) struct Fetcher {
    /// The client given, else the default one once made.
    client: Option<Arc<dyn HttpClient>>,
    default_client: Arc<OnceLock<Result<Arc<dyn HttpClient>, TransportError>>>,
    /// The timer given, else the default one (feature `client`), else none: no limit.
    sleep: Option<Arc<dyn Sleep>>,
}

impl fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fetcher")
            .field(
                "client",
                &self.client.as_ref().map_or("default", |_| "custom"),
            )
            .field(
                "sleep",
                &self.sleep.as_ref().map_or("default", |_| "custom"),
            )
            .finish()
    }
}

impl Fetcher {
    /// With HTTP client `client` instead of the default.
    pub(crate) fn set_client(&mut self, client: Arc<dyn HttpClient>) {
        self.client = Some(client);
    }

    /// With timer `sleep` instead of the default.
    pub(crate) fn set_sleep(&mut self, sleep: Arc<dyn Sleep>) {
        self.sleep = Some(sleep);
    }

    fn client(&self) -> Result<Arc<dyn HttpClient>, CredentialsError> {
        if let Some(client) = &self.client {
            return Ok(client.clone());
        }
        self.default_client
            .get_or_init(|| default_http_client(CONNECT_TIMEOUT))
            .clone()
            .map_err(|e| CredentialsError::new(e.to_string()))
    }

    /// Sends `request` to `what` (e.g. `the instance metadata service`) and returns its 2xx
    /// response, all within `limit`.
    ///
    /// # Errors
    /// [`CredentialsError`] naming `what` and the URL: the transport's error, the time
    /// limit, or the status and the start of the body of a non-2xx answer.
    pub(crate) async fn send(
        &self,
        request: http::Request<Vec<u8>>,
        limit: Duration,
        what: &str,
    ) -> Result<http::Response<Vec<u8>>, CredentialsError> {
        let place = place(&request, what);
        let response = self.exchange(request, limit, what).await?;
        if !response.status().is_success() {
            return Err(status_error(&place, &response));
        }
        Ok(response)
    }

    /// Sends `request` to `what` and returns its response whatever the status, all within
    /// `limit`.
    ///
    /// # Errors
    /// [`CredentialsError`] naming `what` and the URL: the transport's error or the time
    /// limit.
    pub(crate) async fn exchange(
        &self,
        request: http::Request<Vec<u8>>,
        limit: Duration,
        what: &str,
    ) -> Result<http::Response<Vec<u8>>, CredentialsError> {
        let place = place(&request, what);
        let client = self.client().map_err(|e| e.context(&place))?;
        let sent = client.send(request);
        let answer = match self.sleep.clone().or_else(default_sleep) {
            Some(sleep) => within(&*sleep, limit, sent).await.ok_or_else(|| {
                CredentialsError::new(format!("{place}: no answer within {limit:?}"))
            })?,
            None => sent.await,
        };
        answer.map_err(|e| CredentialsError::new(format!("{place}: {e}")))
    }
}

/// `what (METHOD url)`, for messages.
fn place(request: &http::Request<Vec<u8>>, what: &str) -> String {
    format!("{what} ({} {})", request.method(), request.uri())
}

/// A non-2xx answer from `place`: the status and the start of the body.
pub(crate) fn status_error(place: &str, response: &http::Response<Vec<u8>>) -> CredentialsError {
    let body = String::from_utf8_lossy(response.body());
    let body: String = body.chars().take(QUOTED_BODY).collect();
    CredentialsError::new(format!(
        "{place} answered HTTP {}: {}",
        response.status().as_u16(),
        body.trim()
    ))
}

/// `request` built from its parts: a failure here is a URL that does not parse.
pub(crate) fn request(
    builder: http::request::Builder,
    body: Vec<u8>,
    what: &str,
) -> Result<http::Request<Vec<u8>>, CredentialsError> {
    builder
        .body(body)
        .map_err(|e| CredentialsError::new(format!("cannot build the request to {what}: {e}")))
}

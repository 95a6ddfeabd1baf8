//! One operation call: the endpoint (resolved once per client, or per call for an
//! operation that binds endpoint parameters from its input), the request (serialized
//! once, so an idempotency token is the same on every attempt), then per attempt: sign,
//! send within the attempt timeout, parse, classify, back off; the whole within the
//! operation timeout. `tracing` spans: `call` (service, operation) and `attempt`
//! (attempt number, status, retry reason).

use std::borrow::Cow;
use std::future::Future;
use std::sync::{Arc, OnceLock};

use tracing::Instrument;

use super::super::endpoint::{BuiltIns, EndpointError, OperationParams, Params, RuleSet};
use super::super::error::{RetryInfo, UnhandledError, UnhandledKind};
use super::super::operation::Operation;
use super::super::protocol::{self, CallError, Input, OperationError, Output};
use super::config::Config;
use super::credentials::Credentials;
use super::paginate::{Items, Pages, Paginated, PaginatedItems};
use super::retry::{classify_response, jitter, RetryQuota, RetryReason};
use super::sign::{now, sign, SigningParams};
use super::sleep::{within, Sleep};
use super::transport::{default_http_client, HttpClient, TransportError};

/// What the runtime needs to know of a service, emitted as a constant per service.
#[derive(Debug, Clone, Copy)]
pub struct ServiceInfo {
    /// The name in spans and messages, e.g. `ivschat`.
    pub name: &'static str,
    /// The `aws.auth#sigv4` signing name; `None`: requests are not signed.
    pub signing_name: Option<&'static str>,
    /// The service's endpoint rule set (`smithy.rules#endpointRuleSet`), if it has one.
    pub rules: Option<fn() -> Result<&'static RuleSet, EndpointError>>,
}

/// Where to send requests and how to sign them, from the rule set or the endpoint URL.
#[derive(Debug, Clone)]
struct ResolvedEndpoint {
    url: String,
    headers: Vec<(http::HeaderName, http::HeaderValue)>,
    signing_name: Option<String>,
    signing_region: Option<String>,
}

/// Signing material of one call.
struct Signer {
    credentials: Credentials,
    region: String,
    name: String,
}

struct Inner {
    config: Config,
    service: &'static ServiceInfo,
    http: Result<Arc<dyn HttpClient>, TransportError>,
    /// `None` without feature `client` when the config names no timer.
    sleep: Option<Arc<dyn Sleep>>,
    quota: RetryQuota,
    endpoint: OnceLock<Result<ResolvedEndpoint, UnhandledError>>,
}

/// The shared state of a generated `Client`: configuration, HTTP client, retry quota and
/// the cached endpoint. Cheap to clone.
#[derive(Clone)]
pub struct Handle {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Handle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("service", &self.inner.service.name)
            .field("config", &self.inner.config)
            .finish()
    }
}

impl Handle {
    /// A handle for `service` with `config` (the default HTTP client and timer unless it
    /// names them).
    pub fn new(config: Config, service: &'static ServiceInfo) -> Self {
        let http = match &config.http_client {
            Some(client) => Ok(client.clone()),
            None => default_http_client(config.timeouts.connect),
        };
        let sleep = config.sleep.clone().or_else(default_sleep);
        Handle {
            inner: Arc::new(Inner {
                quota: RetryQuota::new(config.retry),
                config,
                service,
                http,
                sleep,
                endpoint: OnceLock::new(),
            }),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Retry-quota tokens left (for observing the quota).
    pub fn retry_quota(&self) -> u32 {
        self.inner.quota.available()
    }

    /// Calls operation `O` with `input`.
    ///
    /// Only serializing the request and reading a response depend on `O`; endpoint,
    /// signing, sending, retries and timeouts run in one non-generic loop, so that each
    /// operation adds little code to compile.
    pub fn call<O>(
        &self,
        input: O::Input,
    ) -> impl Future<Output = Result<O::Output, O::Error>> + Send + 'static
    where
        O: OperationParams + 'static,
        O::Input: Input + Send + 'static,
        O::Output: Output + Send + 'static,
        O::Error: OperationError + RetryInfo + Send + 'static,
    {
        let inner = self.inner.clone();
        let span = tracing::info_span!("call", service = inner.service.name, operation = O::NAME);
        async move {
            let what = format!("{} {}", inner.service.name, O::NAME);
            let prepared = inner.endpoint_for::<O>(&input).and_then(|endpoint| {
                // Serialized once: every attempt sends the same bytes, idempotency token
                // included.
                let request = protocol::serialize_request_with::<O>(
                    &input,
                    &endpoint.url,
                    &inner.config.request,
                );
                let request = request.map_err(|e| {
                    UnhandledError::new(
                        UnhandledKind::Build,
                        format!("cannot build the {what} request"),
                    )
                    .with_source(e)
                })?;
                Ok((endpoint, request))
            });
            drop(input);
            let mut outcome = None;
            let mut read = |response: &http::Response<Vec<u8>>, attempt: &AttemptInfo<'_>| {
                let (result, verdict) = read_response::<O>(response, attempt);
                outcome = Some(result);
                verdict
            };
            let ended = match prepared {
                Ok((endpoint, request)) => {
                    inner.execute(&what, &endpoint, request, &mut read).await
                }
                Err(error) => Err(error),
            };
            match ended {
                Ok(()) => outcome.unwrap_or_else(|| {
                    let message = format!("no response was read for {what}");
                    Err(UnhandledError::new(UnhandledKind::Response, message).into())
                }),
                Err(error) => Err(error.into()),
            }
        }
        .instrument(span)
    }

    /// The pages of paginated operation `O` from `input`.
    pub fn pages<O>(&self, input: O::Input) -> Pages<O>
    where
        O: Paginated + OperationParams + 'static,
        O::Input: Input + Clone + Send + 'static,
        O::Output: Output + Send + 'static,
        O::Error: OperationError + RetryInfo + Send + 'static,
    {
        let handle = self.clone();
        Pages::new(
            input,
            Box::new(move |input| Box::pin(handle.call::<O>(input))),
        )
    }

    /// The items of every page of paginated operation `O` from `input`.
    pub fn items<O>(&self, input: O::Input) -> Items<O>
    where
        O: PaginatedItems + OperationParams + 'static,
        O::Input: Input + Clone + Send + 'static,
        O::Output: Output + Send + 'static,
        O::Error: OperationError + RetryInfo + Send + 'static,
    {
        Items::new(self.pages(input))
    }
}

/// The timer when the config names none: tokio's with feature `client`, else none.
fn default_sleep() -> Option<Arc<dyn Sleep>> {
    #[cfg(feature = "client")]
    {
        Some(Arc::new(super::TokioSleep))
    }
    #[cfg(not(feature = "client"))]
    {
        None
    }
}

/// Which attempt a response belongs to, for messages.
struct AttemptInfo<'a> {
    number: u32,
    max: u32,
    /// `service operation`.
    what: &'a str,
}

/// What reading a response came to: `Ok` an output, `Err` an error, retryable for the
/// reason given.
type Verdict = Result<(), Option<RetryReason>>;

/// Reads an attempt's response into the caller's typed result and says what it came to.
type Reader<'a> = dyn FnMut(&http::Response<Vec<u8>>, &AttemptInfo<'_>) -> Verdict + Send + 'a;

/// Operation `O`'s output or error from `response`, and whether the error may be retried.
fn read_response<O>(
    response: &http::Response<Vec<u8>>,
    attempt: &AttemptInfo<'_>,
) -> (Result<O::Output, O::Error>, Verdict)
where
    O: Operation,
    O::Output: Output,
    O::Error: OperationError + RetryInfo,
{
    let status = response.status().as_u16();
    match protocol::parse_response::<O>(response) {
        Ok(output) => (Ok(output), Ok(())),
        Err(CallError::Service(e)) => {
            let reason =
                classify_response(e.is_throttling(), e.is_retryable(), e.error_code(), status);
            (Err(e), Err(reason))
        }
        Err(CallError::Response(e)) => {
            let AttemptInfo { number, max, what } = attempt;
            let message = format!(
                "unreadable response (HTTP {status}, attempt {number} of {max}) from {what}"
            );
            let mut error = UnhandledError::new(UnhandledKind::Response, message).with_source(e);
            error.status = Some(status);
            error.request_id = protocol::HttpResponse::of(O::PROTOCOL, response).request_id();
            (
                Err(error.into()),
                Err(classify_response(false, false, None, status)),
            )
        }
    }
}

/// How an attempt ended.
enum Ended {
    /// A response, read: what it came to.
    Read(Verdict),
    /// No response (signing, sending or the attempt timeout failed), retryable for the
    /// reason given.
    Failed(UnhandledError, Option<RetryReason>),
}

impl Inner {
    /// Sends `request` until `read` takes a final response, within the operation timeout.
    /// `Ok`: the reader holds the result; `Err`: no response could be had.
    async fn execute(
        &self,
        what: &str,
        endpoint: &ResolvedEndpoint,
        request: http::Request<Vec<u8>>,
        read: &mut Reader<'_>,
    ) -> Result<(), UnhandledError> {
        let sleep = self.sleep.as_deref().ok_or_else(|| {
            UnhandledError::new(
                UnhandledKind::Transport,
                format!(
                    "no timer for {what}: without feature `client` there is no default one; \
                     set Config::with_sleep"
                ),
            )
        })?;
        let attempts = self.attempts(what, sleep, endpoint, request, read);
        let Some(limit) = self.config.timeouts.operation else {
            return attempts.await;
        };
        match within(sleep, limit, attempts).await {
            Some(result) => result,
            None => Err(UnhandledError::new(
                UnhandledKind::Timeout,
                format!("timed out after {limit:?} (operation timeout) calling {what}"),
            )),
        }
    }

    /// Signs and sends `request` (built for `endpoint`), retrying as the retry strategy
    /// allows.
    async fn attempts(
        &self,
        what: &str,
        sleep: &dyn Sleep,
        endpoint: &ResolvedEndpoint,
        mut request: http::Request<Vec<u8>>,
        read: &mut Reader<'_>,
    ) -> Result<(), UnhandledError> {
        for (name, value) in &endpoint.headers {
            request.headers_mut().append(name.clone(), value.clone());
        }
        let signer = self.signer(endpoint, what).await?;
        let http = self.http.as_ref().map_err(|e| {
            UnhandledError::new(
                UnhandledKind::Transport,
                format!("no HTTP client for {what}"),
            )
            .with_source(e.clone())
        })?;
        let retry = self.config.retry;
        let max = retry.max_attempts.max(1);
        let mut number = 1;
        loop {
            let span = tracing::debug_span!(
                "attempt",
                attempt = number,
                status = tracing::field::Empty,
                retry_reason = tracing::field::Empty
            );
            let tried = Attempt {
                inner: self,
                request: &request,
                signer: signer.as_ref(),
                info: AttemptInfo { number, max, what },
                span: &span,
            };
            // The error to return if this attempt is the last, and why it may be retried.
            let (failure, reason) = match tried
                .run(&**http, sleep, read)
                .instrument(span.clone())
                .await
            {
                Ended::Read(Ok(())) => {
                    self.quota.record_success();
                    return Ok(());
                }
                Ended::Read(Err(None)) => return Ok(()),
                Ended::Read(Err(Some(reason))) => (None, reason),
                Ended::Failed(error, None) => return Err(error),
                Ended::Failed(error, Some(reason)) => (Some(error), reason),
            };
            let last = || failure.map_or(Ok(()), Err);
            if number >= max {
                return last();
            }
            if !self.quota.acquire(reason) {
                tracing::debug!(parent: &span, "retry quota exhausted");
                return last();
            }
            span.record("retry_reason", tracing::field::display(reason));
            let delay = retry.backoff(number - 1, reason.is_throttling(), jitter());
            tracing::debug!(parent: &span, ?delay, %reason, "retrying");
            sleep.sleep(delay).await;
            number += 1;
        }
    }
}

/// One attempt of a call.
struct Attempt<'a> {
    inner: &'a Inner,
    request: &'a http::Request<Vec<u8>>,
    signer: Option<&'a Signer>,
    info: AttemptInfo<'a>,
    /// The attempt's span: its status is recorded here.
    span: &'a tracing::Span,
}

impl Attempt<'_> {
    async fn run(&self, http: &dyn HttpClient, sleep: &dyn Sleep, read: &mut Reader<'_>) -> Ended {
        let AttemptInfo { number, max, what } = self.info;
        let unhandled = |kind, message: String| UnhandledError::new(kind, message);
        let mut request = clone_request(self.request);
        if let Some(signer) = self.signer {
            let params = SigningParams {
                credentials: &signer.credentials,
                region: &signer.region,
                name: &signer.name,
                time: now(),
                payload_hash_header: false,
            };
            if let Err(e) = sign(&mut request, &params) {
                let message = format!("cannot sign the {what} request");
                return Ended::Failed(
                    unhandled(UnhandledKind::Credentials, message).with_source(e),
                    None,
                );
            }
        }
        let sent = http.send(request);
        let response = match self.inner.config.timeouts.attempt {
            None => sent.await,
            Some(limit) => match within(sleep, limit, sent).await {
                Some(response) => response,
                None => {
                    let message = format!(
                        "timed out after {limit:?} (attempt {number} of {max}) calling {what}"
                    );
                    return Ended::Failed(
                        unhandled(UnhandledKind::Timeout, message),
                        Some(RetryReason::Timeout),
                    );
                }
            },
        };
        match response {
            Ok(response) => {
                self.span.record("status", response.status().as_u16());
                Ended::Read(read(&response, &self.info))
            }
            Err(e) => {
                let message =
                    format!("transport failure (attempt {number} of {max}) calling {what}");
                let error = unhandled(UnhandledKind::Transport, message).with_source(e);
                Ended::Failed(error, Some(RetryReason::Transport))
            }
        }
    }
}

/// A copy of `request` for one attempt (`http::Request` is not `Clone`).
fn clone_request(request: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    copy
}

impl Inner {
    /// The endpoint of operation `O` with `input`: the client's (resolved on first use and
    /// kept, it depends only on the config) unless the operation binds parameters from
    /// its input, then resolved for this call.
    fn endpoint_for<O: OperationParams>(
        &self,
        input: &O::Input,
    ) -> Result<Cow<'_, ResolvedEndpoint>, UnhandledError> {
        let mut bound = Params::default();
        O::bind(input, &mut bound).map_err(|e| {
            let message = format!("no endpoint for {} {}", self.service.name, O::NAME);
            UnhandledError::new(UnhandledKind::Endpoint, message).with_source(e)
        })?;
        if bound.is_empty() {
            let kept = self
                .endpoint
                .get_or_init(|| resolve_endpoint(&self.config, self.service, &bound));
            return kept.as_ref().map(Cow::Borrowed).map_err(Clone::clone);
        }
        resolve_endpoint(&self.config, self.service, &bound).map(Cow::Owned)
    }

    /// The credentials, region and name to sign with; `None` for a service without
    /// `aws.auth#sigv4` (and an endpoint that names no signing).
    async fn signer(
        &self,
        endpoint: &ResolvedEndpoint,
        what: &str,
    ) -> Result<Option<Signer>, UnhandledError> {
        let Some(name) = endpoint
            .signing_name
            .as_deref()
            .or(self.service.signing_name)
        else {
            return Ok(None);
        };
        let credentials_error =
            |message: String| UnhandledError::new(UnhandledKind::Credentials, message);
        let provider = self.config.credentials.as_ref().ok_or_else(|| {
            credentials_error(format!(
                "no credentials to sign {what} with: set Config::credentials or use \
                 Config::from_env"
            ))
        })?;
        let credentials = provider.provide().await.map_err(|e| {
            credentials_error(format!("no credentials to sign {what} with")).with_source(e)
        })?;
        let region = endpoint
            .signing_region
            .clone()
            .or_else(|| self.config.region.clone())
            .ok_or_else(|| {
                credentials_error(format!(
                    "no signing region for {what}: set Config::region (the endpoint names none)"
                ))
            })?;
        Ok(Some(Signer {
            credentials,
            region,
            name: name.to_owned(),
        }))
    }
}

/// The endpoint from the rule set, or the endpoint URL itself when the service has no
/// rule set. Parameters, most specific last (spec rules-engine/parameters.rst): the
/// built-ins (`endpoint_url` as `SDK::Endpoint`), the config's client context
/// parameters, the operation's `bound` ones.
fn resolve_endpoint(
    config: &Config,
    service: &ServiceInfo,
    bound: &Params,
) -> Result<ResolvedEndpoint, UnhandledError> {
    let endpoint_error = |message: String| UnhandledError::new(UnhandledKind::Endpoint, message);
    let Some(rules) = service.rules else {
        let url = config.endpoint_url.as_deref().ok_or_else(|| {
            endpoint_error(format!(
                "no endpoint for {}: the service has no endpoint rule set and \
                 Config::endpoint_url is not set",
                service.name
            ))
        })?;
        return Ok(ResolvedEndpoint {
            url: checked_url(url).map_err(endpoint_error)?,
            headers: Vec::new(),
            signing_name: None,
            signing_region: None,
        });
    };
    let rules = rules().map_err(|e| {
        endpoint_error(format!(
            "the endpoint rule set of {} is unreadable",
            service.name
        ))
        .with_source(e)
    })?;
    let builtins = BuiltIns {
        region: config.region.clone(),
        use_fips: config.use_fips,
        use_dual_stack: config.use_dual_stack,
        endpoint: config.endpoint_url.clone(),
    };
    let mut params = rules.params(&builtins);
    for (name, value) in config.endpoint_params.iter().chain(bound.iter()) {
        params.set(name, value.clone());
    }
    let endpoint = rules
        .resolve(&params)
        .map_err(|e| endpoint_error(format!("no endpoint for {}", service.name)).with_source(e))?;
    let mut headers = Vec::new();
    for (name, values) in &endpoint.headers {
        let name = http::HeaderName::from_bytes(name.as_bytes())
            .map_err(|e| endpoint_error(format!("endpoint header `{name}`")).with_source(e))?;
        for value in values {
            let value = http::HeaderValue::from_str(value)
                .map_err(|e| endpoint_error(format!("endpoint header `{name}`")).with_source(e))?;
            headers.push((name.clone(), value));
        }
    }
    let scheme = endpoint
        .auth_schemes()
        .into_iter()
        .find(|s| s.name == "sigv4");
    Ok(ResolvedEndpoint {
        url: checked_url(&endpoint.url).map_err(endpoint_error)?,
        headers,
        signing_name: scheme.as_ref().and_then(|s| s.signing_name.clone()),
        signing_region: scheme.and_then(|s| s.signing_region),
    })
}

/// `url` if it is absolute (`scheme://authority[/path]`), without a trailing `/`.
fn checked_url(url: &str) -> Result<String, String> {
    let uri: http::Uri = url
        .parse()
        .map_err(|e| format!("endpoint URL `{url}` does not parse: {e}"))?;
    if uri.scheme().is_none() || uri.authority().is_none() {
        return Err(format!(
            "endpoint URL `{url}` is not absolute (expected e.g. https://host or http://127.0.0.1:8080)"
        ));
    }
    Ok(url.trim_end_matches('/').to_owned())
}

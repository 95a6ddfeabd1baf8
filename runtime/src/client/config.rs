//! A client's configuration: region, credentials, endpoint, retries, timeouts, the
//! HTTP client and the timer; [`Config::from_env`] reads them the way AWS tools do.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::super::endpoint::{Params, Value};
use super::super::protocol::RequestOptions;
use super::credentials::{
    CachedCredentials, DefaultCredentialsChain, EnvironmentCredentials, ProfileFiles,
    ProvideCredentials,
};
use super::env::{Environment, ProcessEnv};
use super::retry::RetryConfig;
use super::sleep::Sleep;
use super::transport::HttpClient;

/// Timeouts of a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Establishing a connection (TCP and TLS), default 3.1 s.
    pub connect: Duration,
    /// One attempt: sending the request and reading the whole response. `None`: no limit.
    pub attempt: Option<Duration>,
    /// The whole operation, retries and backoff included. `None`: no limit.
    pub operation: Option<Duration>,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_millis(3100),
            attempt: None,
            operation: None,
        }
    }
}

/// What a client needs to call a service. Build one with [`Config::new`] and the `with_`
/// methods, or read it with [`Config::from_env`].
#[derive(Clone, Default)]
pub struct Config {
    /// The region, e.g. `us-east-1` (`AWS::Region`; also the signing region unless the
    /// endpoint says otherwise).
    pub region: Option<String>,
    /// Where credentials come from; `None` sends unsigned requests.
    pub credentials: Option<Arc<dyn ProvideCredentials>>,
    /// An endpoint URL that replaces the resolved one (`SDK::Endpoint`), e.g.
    /// `http://127.0.0.1:8080`.
    pub endpoint_url: Option<String>,
    /// Use FIPS endpoints (`AWS::UseFIPS`).
    pub use_fips: bool,
    /// Use dual-stack endpoints (`AWS::UseDualStack`).
    pub use_dual_stack: bool,
    /// Client context parameters (`@clientContextParams`, spec rules-engine/parameters.rst)
    /// by rule set parameter name: they override built-ins, and an operation's own
    /// bindings override them. A service's generated `ClientContextParams` trait sets them
    /// typed.
    pub endpoint_params: Params,
    /// Retry behaviour.
    pub retry: RetryConfig,
    /// Timeouts.
    pub timeouts: Timeouts,
    /// The HTTP client; `None`: the default hyper + rustls client (feature `client`;
    /// without it, calls fail with a transport error saying to set one).
    pub http_client: Option<Arc<dyn HttpClient>>,
    /// How request bodies are sent: request compression on or off and its minimum size
    /// (spec behavior-traits.rst, `DisableRequestCompression`,
    /// `RequestMinCompressionSizeBytes`).
    pub request: RequestOptions,
    /// The timer of retry backoff and timeouts; `None`: tokio's (feature `client`;
    /// without it, calls fail before sending saying to set one).
    pub sleep: Option<Arc<dyn Sleep>>,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("credentials", &self.credentials)
            .field("endpoint_url", &self.endpoint_url)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("endpoint_params", &self.endpoint_params)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("http_client", &self.http_client.as_ref().map(|_| "custom"))
            .field("request", &self.request)
            .field("sleep", &self.sleep.as_ref().map(|_| "custom"))
            .finish()
    }
}

impl Config {
    /// An empty configuration: no region, no credentials, default retries and timeouts.
    pub fn new() -> Self {
        Config::default()
    }

    /// With region `region`.
    #[must_use]
    pub fn with_region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// With credentials from `provider` (a [`Credentials`](super::Credentials) value is
    /// one).
    #[must_use]
    pub fn with_credentials(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// With endpoint URL `url`.
    #[must_use]
    pub fn with_endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    /// With endpoint parameter `name` (a client context parameter) set to `value`.
    #[must_use]
    pub fn with_endpoint_param(mut self, name: impl Into<String>, value: Value) -> Self {
        self.endpoint_params.set(name, value);
        self
    }

    /// With retry configuration `retry`.
    #[must_use]
    pub fn with_retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// With timeouts `timeouts`.
    #[must_use]
    pub fn with_timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// With HTTP client `client` instead of the default.
    #[must_use]
    pub fn with_http_client(mut self, client: impl HttpClient + 'static) -> Self {
        self.http_client = Some(Arc::new(client));
        self
    }

    /// With timer `sleep` (retry backoff and timeouts) instead of the default.
    #[must_use]
    pub fn with_sleep(mut self, sleep: impl Sleep + 'static) -> Self {
        self.sleep = Some(Arc::new(sleep));
        self
    }

    /// The configuration the process environment and the shared files give.
    ///
    /// # Errors
    /// See [`Config::from_environment`].
    pub fn from_env() -> Result<Self, ConfigError> {
        Config::from_environment(&ProcessEnv)
    }

    /// The configuration `env` gives, read as AWS tools do:
    ///
    /// - profile: `AWS_PROFILE`, else `default`;
    /// - region: `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's `region`;
    /// - credentials: the AWS default credential chain ([`DefaultCredentialsChain`]), in
    ///   the SDKs' order: `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN`;
    ///   the profile (static keys, `credential_process`, `role_arn` with `source_profile`
    ///   or `credential_source` through STS `AssumeRole`, `web_identity_token_file`, SSO);
    ///   `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`; container credentials
    ///   (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`/`_FULL_URI`); EC2 instance metadata
    ///   (IMDSv2). They are fetched on the first call, cached, and fetched again 5 minutes
    ///   before they expire ([`CachedCredentials`]);
    /// - endpoint URL: `AWS_ENDPOINT_URL`, then the profile's `endpoint_url`;
    /// - `AWS_USE_FIPS_ENDPOINT`/`use_fips_endpoint`,
    ///   `AWS_USE_DUALSTACK_ENDPOINT`/`use_dualstack_endpoint`,
    ///   `AWS_MAX_ATTEMPTS`/`max_attempts`.
    ///
    /// The files are `AWS_CONFIG_FILE` (else `~/.aws/config`, profiles as `[profile x]`
    /// or `[default]`) and `AWS_SHARED_CREDENTIALS_FILE` (else `~/.aws/credentials`).
    ///
    /// # Errors
    /// [`ConfigError`] when no region is found (naming every place looked at), a file does
    /// not parse (naming file and line), or a value is invalid (e.g. only one of the two
    /// key variables set). A chain that finds no credentials fails the first call, naming
    /// every source it tried and why each had none.
    pub fn from_environment<E>(env: &E) -> Result<Self, ConfigError>
    where
        E: Environment + Clone + 'static,
    {
        let profile = env
            .var("AWS_PROFILE")
            .unwrap_or_else(|| "default".to_owned());
        let files = ProfileFiles::load(env).map_err(|e| ConfigError::new(e.message))?;
        let setting = |var: &str, key: &str| {
            env.var(var)
                .or_else(|| files.get(&profile, key).map(str::to_owned))
        };

        let region = env
            .var("AWS_REGION")
            .or_else(|| env.var("AWS_DEFAULT_REGION"))
            .or_else(|| files.get(&profile, "region").map(str::to_owned))
            .ok_or_else(|| {
                ConfigError::new(format!(
                    "no region: AWS_REGION and AWS_DEFAULT_REGION are not set, and there is \
                     no `region` in {}",
                    files.describe(&profile)
                ))
            })?;

        // Half a key pair in the environment is a mistake to report now, not on the first
        // call.
        EnvironmentCredentials::new(env)
            .load()
            .map_err(|e| ConfigError::new(e.message))?;
        let chain = DefaultCredentialsChain::new(env.clone())
            .with_profile(profile.clone())
            .with_region(region.clone());

        let mut config = Config::new()
            .with_region(region)
            .with_credentials(CachedCredentials::new(chain));
        config.endpoint_url = setting("AWS_ENDPOINT_URL", "endpoint_url");
        config.use_fips = flag(setting("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint"))?;
        config.use_dual_stack = flag(setting(
            "AWS_USE_DUALSTACK_ENDPOINT",
            "use_dualstack_endpoint",
        ))?;
        if let Some(text) = setting("AWS_MAX_ATTEMPTS", "max_attempts") {
            config.retry.max_attempts =
                text.trim()
                    .parse()
                    .ok()
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| {
                        ConfigError::new(format!("max_attempts `{text}` is not a whole number ≥ 1"))
                    })?;
        }
        Ok(config)
    }
}

/// `true`/`false` (any case); absent is `false`.
fn flag(value: Option<String>) -> Result<bool, ConfigError> {
    match value.as_deref().map(str::trim) {
        None => Ok(false),
        Some(v) if v.eq_ignore_ascii_case("true") => Ok(true),
        Some(v) if v.eq_ignore_ascii_case("false") => Ok(false),
        Some(v) => Err(ConfigError::new(format!(
            "`{v}` is not a boolean (true or false)"
        ))),
    }
}

/// A configuration could not be read: what is missing or wrong, and where it was looked
/// for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// What went wrong.
    pub message: String,
}

impl ConfigError {
    /// An error saying `message`.
    pub fn new(message: impl Into<String>) -> Self {
        ConfigError {
            message: message.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

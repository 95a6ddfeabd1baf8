//! The client side: what a generated service `Client` runs on. Feature `client-core`
//! compiles it without a transport or an async runtime (it builds for wasm32); feature
//! `client` adds the defaults, hyper + rustls and tokio's timer.
//!
//! - [`config`](Config): region, credentials, endpoint, retries, timeouts, HTTP client,
//!   timer; [`Config::from_env`] reads them as AWS tools do ([`profile`] parses the shared
//!   files, [`env`](Environment) abstracts the process environment).
//! - [`Credentials`] and [`ProvideCredentials`]; the AWS default credential chain
//!   ([`DefaultCredentialsChain`]: environment, profile files with assume-role, SSO,
//!   `credential_process` and web identity, web identity, container, IMDSv2) behind
//!   [`CachedCredentials`]; [`sign`] signs with SigV4.
//! - [`HttpClient`], with `HyperClient` (hyper 1 + rustls, feature `client`) by default;
//!   `HyperClient::with_extra_roots` trusts more CAs (`certificates_from_pem` reads them).
//! - [`Sleep`], the timer of backoff and timeouts, with `TokioSleep` (feature `client`)
//!   by default.
//! - [`RetryConfig`], the standard retry strategy; [`Pages`]/[`Items`] paginators.
//! - [`Handle`]: one call from endpoint to parsed output, with spans per call and
//!   attempt.

mod call;
mod config;
mod credentials;
mod env;
#[cfg(feature = "client")]
mod hyper_client;
mod paginate;
pub mod profile;
mod retry;
mod sign;
mod sleep;
mod transport;

pub use call::{Handle, ServiceInfo};
pub use config::{Config, ConfigError, Timeouts};
pub use credentials::{
    CachedCredentials, Credentials, CredentialsError, CredentialsFuture, DefaultCredentialsChain,
    EnvironmentCredentials, ProfileCredentials, ProfileFiles, ProvideCredentials,
};
pub use env::{Environment, MapEnv, ProcessEnv};
#[cfg(feature = "client")]
pub use hyper_client::{certificates_from_pem, CertificateDer, HyperClient};
pub use paginate::{FetchPage, Items, PageFuture, Pages, Paginated, PaginatedItems};
pub use retry::{
    classify_response, jitter, RetryConfig, RetryQuota, RetryReason, THROTTLING_CODES,
    TRANSIENT_CODES, TRANSIENT_STATUSES,
};
pub use sign::{sign, SignError, SigningParams};
#[cfg(feature = "client")]
pub use sleep::TokioSleep;
pub use sleep::{Sleep, SleepFuture};
pub use transport::{
    HttpClient, HttpFuture, NoDefaultHttpClient, TransportError, TransportErrorKind,
};

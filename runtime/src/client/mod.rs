//! The client side (feature `client`): what a generated service `Client` runs on.
//!
//! - [`config`](Config): region, credentials, endpoint, retries, timeouts, HTTP client;
//!   [`Config::from_env`] reads them as AWS tools do ([`profile`] parses the shared
//!   files, [`env`](Environment) abstracts the process environment).
//! - [`Credentials`] and [`ProvideCredentials`]; [`sign`] signs with SigV4.
//! - [`HttpClient`], with [`HyperClient`] (hyper 1 + rustls) by default.
//! - [`RetryConfig`], the standard retry strategy; [`Pages`]/[`Items`] paginators.
//! - [`Handle`]: one call from endpoint to parsed output, with spans per call and
//!   attempt.

mod call;
mod config;
mod credentials;
mod env;
mod paginate;
pub mod profile;
mod retry;
mod sign;
mod transport;

pub use call::{Handle, ServiceInfo};
pub use config::{Config, ConfigError, Timeouts};
pub use credentials::{
    Credentials, CredentialsError, CredentialsFuture, EnvironmentCredentials, ProfileCredentials,
    ProfileFiles, ProvideCredentials,
};
pub use env::{Environment, MapEnv, ProcessEnv};
pub use paginate::{FetchPage, Items, PageFuture, Pages, Paginated, PaginatedItems};
pub use retry::{
    classify_response, jitter, RetryConfig, RetryQuota, RetryReason, THROTTLING_CODES,
    TRANSIENT_CODES, TRANSIENT_STATUSES,
};
pub use sign::{sign, SignError, SigningParams};
pub use transport::{HttpClient, HttpFuture, HyperClient, TransportError, TransportErrorKind};

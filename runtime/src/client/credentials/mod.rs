//! AWS credentials and where they come from: a [`ProvideCredentials`] trait (async, so a
//! provider may fetch them), a static provider ([`Credentials`] itself), the environment
//! and profile-file providers, and the AWS default credential chain
//! ([`DefaultCredentialsChain`]) behind a cache that refreshes temporary credentials before
//! they expire ([`CachedCredentials`]).
//!
//! The chain's sources, one module each: `static_keys` (environment variables and a
//! profile's keys), `profile_chain` (what a profile names: `role_arn`, SSO, a process,
//! web identity), `sts` (`AssumeRole`, `AssumeRoleWithWebIdentity`), `sso` (the SSO
//! portal), `process` (`credential_process`), `container` (ECS, EKS Pod Identity) and
//! `imds` (EC2 instance metadata, IMDSv2); `fetch` sends their HTTP requests and `json`
//! reads the JSON forms they answer in.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::SystemTime;

mod cache;
mod chain;
mod container;
mod fetch;
mod imds;
mod json;
mod process;
mod profile_chain;
mod sso;
mod static_keys;
mod sts;

pub use cache::CachedCredentials;
pub use chain::DefaultCredentialsChain;
pub use static_keys::{EnvironmentCredentials, ProfileCredentials, ProfileFiles};

/// An access key pair, with the session token and expiry of temporary credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The access key ID, e.g. `AKIDEXAMPLE`.
    pub access_key_id: String,
    /// The secret access key (never printed by `Debug`).
    pub secret_access_key: String,
    /// The session token of temporary credentials (sent as `x-amz-security-token`; never
    /// printed by `Debug`).
    pub session_token: Option<String>,
    /// When temporary credentials stop working; `None` for long-term ones.
    /// [`CachedCredentials`] fetches new ones before then.
    pub expiry: Option<SystemTime>,
}

impl Credentials {
    /// Long-term credentials (no session token, no expiry).
    pub fn new(access_key_id: impl Into<String>, secret_access_key: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token: None,
            expiry: None,
        }
    }

    /// The same credentials with a session token.
    #[must_use]
    pub fn with_session_token(mut self, token: impl Into<String>) -> Self {
        self.session_token = Some(token.into());
        self
    }

    /// The same credentials expiring at `expiry`.
    #[must_use]
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &super::super::REDACTED)
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| super::super::REDACTED),
            )
            .field("expiry", &self.expiry)
            .finish()
    }
}

/// No credentials could be found or read: the message says which source failed and why,
/// or names every place looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialsError {
    /// What was looked for, and where.
    pub message: String,
}

impl CredentialsError {
    /// An error saying `message`.
    pub fn new(message: impl Into<String>) -> Self {
        CredentialsError {
            message: message.into(),
        }
    }

    /// The same error with `context` (e.g. the source that failed) before its message.
    #[must_use]
    pub(crate) fn context(self, context: impl fmt::Display) -> Self {
        CredentialsError::new(format!("{context}: {}", self.message))
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CredentialsError {}

/// The future a provider returns.
pub type CredentialsFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of credentials, asked once per operation call.
pub trait ProvideCredentials: fmt::Debug + Send + Sync {
    /// The credentials to sign the next call with.
    fn provide(&self) -> CredentialsFuture<'_>;
}

/// Fixed credentials are their own provider.
impl ProvideCredentials for Credentials {
    fn provide(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

/// What one source of the chain came to, when it did not fail: credentials, or why it has
/// none (it is not configured here), so the chain tries the next one and can name every
/// place it looked.
#[derive(Debug)]
pub(crate) enum Lookup {
    /// The source's credentials.
    Found(Credentials),
    /// The source is not configured: why (e.g. `AWS_ROLE_ARN is not set`).
    NotHere(String),
}

//! The AWS default credential chain, in the order the AWS SDKs document: the environment
//! (`AWS_ACCESS_KEY_ID`, …), the profile (`AWS_PROFILE`, else `default`) of the shared
//! config and credentials files, web identity from the environment
//! (`AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`, e.g. EKS IRSA), container credentials
//! (ECS, EKS Pod Identity), then the EC2 instance metadata service. The first source that
//! is configured answers: its failure is the chain's (a broken profile does not fall
//! through to the instance's role); a chain where none is configured fails naming every
//! place it looked and why each had nothing.

use std::fmt;
use std::sync::Arc;

use super::super::env::Environment;
use super::super::sleep::Sleep;
use super::super::transport::HttpClient;
use super::container::container_credentials;
use super::fetch::Fetcher;
use super::imds::imds_credentials;
use super::profile_chain::{self, session_name, Sources};
use super::static_keys::EnvironmentCredentials;
use super::sts::{web_identity, StsEndpoint};
use super::{
    Credentials, CredentialsError, CredentialsFuture, Lookup, ProfileFiles, ProvideCredentials,
};

/// The AWS default credential chain, read anew on every call: wrap it in
/// [`CachedCredentials`](super::CachedCredentials) (as `Config::from_env` does) to fetch
/// only when the credentials are about to expire.
///
/// Its HTTP requests (STS, the SSO portal, the container endpoint, IMDS) go through the
/// default HTTP client (feature `client`; 1 s to connect) and timer unless given others;
/// without them (feature `client-core` alone) those sources fail saying so.
#[derive(Clone)]
pub struct DefaultCredentialsChain {
    env: Arc<dyn Environment>,
    profile: Option<String>,
    region: Option<String>,
    fetch: Fetcher,
}

impl fmt::Debug for DefaultCredentialsChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DefaultCredentialsChain")
            .field("profile", &self.profile)
            .field("region", &self.region)
            .field("fetch", &self.fetch)
            .finish_non_exhaustive()
    }
}

impl DefaultCredentialsChain {
    /// The chain over `env`'s variables and files, for the profile `AWS_PROFILE` names
    /// (else `default`), with STS in the region `AWS_REGION`, `AWS_DEFAULT_REGION` or the
    /// profile names (else `us-east-1`).
    pub fn new(env: impl Environment + 'static) -> Self {
        DefaultCredentialsChain {
            env: Arc::new(env),
            profile: None,
            region: None,
            fetch: Fetcher::default(),
        }
    }

    /// The same chain reading profile `name`.
    #[must_use]
    pub fn with_profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// The same chain calling STS in `region`.
    #[must_use]
    pub fn with_region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// The same chain sending with `client`.
    #[must_use]
    pub fn with_http_client(mut self, client: impl HttpClient + 'static) -> Self {
        self.fetch.set_client(Arc::new(client));
        self
    }

    /// The same chain timing requests out with `sleep`.
    #[must_use]
    pub fn with_sleep(mut self, sleep: impl Sleep + 'static) -> Self {
        self.fetch.set_sleep(Arc::new(sleep));
        self
    }

    /// The first configured source's credentials.
    ///
    /// # Errors
    /// [`CredentialsError`]: the configured source's failure, prefixed with its name; or,
    /// when no source is configured, every place looked at and why it had nothing.
    pub async fn resolve(&self) -> Result<Credentials, CredentialsError> {
        let env = &*self.env;
        let mut looked = Vec::new();
        let mut note = |source: &str, found: Lookup| match found {
            Lookup::Found(credentials) => {
                tracing::debug!(source, expiry = ?credentials.expiry, "credentials found");
                Some(credentials)
            }
            Lookup::NotHere(why) => {
                looked.push(format!("{source}: {why}"));
                None
            }
        };

        let environment = match EnvironmentCredentials::new(env).load() {
            Ok(Some(credentials)) => Lookup::Found(credentials),
            Ok(None) => Lookup::NotHere(
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set".to_owned(),
            ),
            Err(e) => return Err(e.context("environment")),
        };
        if let Some(found) = note("environment", environment) {
            return Ok(found);
        }

        let files = ProfileFiles::load(env)?;
        let profile = self
            .profile
            .clone()
            .or_else(|| env.var("AWS_PROFILE"))
            .unwrap_or_else(|| "default".to_owned());
        let region = self
            .region
            .clone()
            .or_else(|| env.var("AWS_REGION"))
            .or_else(|| env.var("AWS_DEFAULT_REGION"))
            .or_else(|| files.get(&profile, "region").map(str::to_owned));
        let sts = StsEndpoint::new(env, region.as_deref());
        let sources = Sources {
            env,
            files: &files,
            profile: &profile,
            fetch: &self.fetch,
            sts: &sts,
        };
        let source = format!("profile `{profile}`");
        let found = profile_chain::run(&sources)
            .await
            .map_err(|e| e.context(&source))?;
        if let Some(found) = note(&source, found) {
            return Ok(found);
        }

        let found = self
            .web_identity(&sts)
            .await
            .map_err(|e| e.context("web identity"))?;
        if let Some(found) = note("web identity", found) {
            return Ok(found);
        }

        let found = container_credentials(env, &self.fetch)
            .await
            .map_err(|e| e.context("container"))?;
        if let Some(found) = note("container", found) {
            return Ok(found);
        }

        let endpoint = files.get(&profile, "ec2_metadata_service_endpoint");
        let found = imds_credentials(env, endpoint, &self.fetch).await?;
        if let Some(found) = note("instance metadata (IMDSv2)", found) {
            return Ok(found);
        }

        Err(CredentialsError::new(format!(
            "no credentials found; looked in: {}",
            looked.join("; ")
        )))
    }

    /// `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (+ `AWS_ROLE_SESSION_NAME`).
    async fn web_identity(&self, sts: &StsEndpoint) -> Result<Lookup, CredentialsError> {
        let env = &*self.env;
        let (token_file, role_arn) = match (
            env.var("AWS_WEB_IDENTITY_TOKEN_FILE"),
            env.var("AWS_ROLE_ARN"),
        ) {
            (Some(file), Some(arn)) => (file, arn),
            (None, None) => {
                return Ok(Lookup::NotHere(
                    "AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set".to_owned(),
                ))
            }
            (Some(_), None) => {
                return Ok(Lookup::NotHere(
                    "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not".to_owned(),
                ))
            }
            (None, Some(_)) => {
                return Ok(Lookup::NotHere(
                    "AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not".to_owned(),
                ))
            }
        };
        let session = session_name(env.var("AWS_ROLE_SESSION_NAME").as_deref());
        web_identity(env, &self.fetch, sts, &role_arn, &token_file, &session)
            .await
            .map(Lookup::Found)
    }
}

impl ProvideCredentials for DefaultCredentialsChain {
    fn provide(&self) -> CredentialsFuture<'_> {
        Box::pin(self.resolve())
    }
}

//! The EC2 instance metadata service, IMDSv2: a session token (`PUT /latest/api/token`
//! with `x-aws-ec2-metadata-token-ttl-seconds`), then the instance profile's role name
//! (`GET /latest/meta-data/iam/security-credentials/`), then that role's credentials (the
//! metadata JSON form). `AWS_EC2_METADATA_DISABLED=true` turns it off;
//! `AWS_EC2_METADATA_SERVICE_ENDPOINT` (or the profile's `ec2_metadata_service_endpoint`)
//! replaces `http://169.254.169.254`. It is the chain's last source: off EC2 nothing
//! answers, and each request gives up after 1 s connecting and 1 s reading.

use std::time::Duration;

use super::super::env::Environment;
use super::fetch::{request, Fetcher};
use super::json::metadata_credentials;
use super::{CredentialsError, Lookup};

/// The service's link-local address.
const DEFAULT_ENDPOINT: &str = "http://169.254.169.254";
/// The session token's lifetime asked for, in seconds (6 hours, as the SDKs ask).
const TOKEN_TTL_SECONDS: &str = "21600";
/// Per request: 1 s to connect (the fetcher's default client) and 1 s to answer.
const LIMIT: Duration = Duration::from_secs(2);
const WHAT: &str = "the instance metadata service";
const CREDENTIALS_PATH: &str = "/latest/meta-data/iam/security-credentials/";

/// The instance profile's credentials; `NotHere` when IMDS is disabled or does not answer
/// as IMDSv2 does (the reason kept for the chain's message).
///
/// # Errors
/// None of its own: every failure is a reason this source has no credentials.
pub(crate) async fn imds_credentials(
    env: &dyn Environment,
    profile_endpoint: Option<&str>,
    fetch: &Fetcher,
) -> Result<Lookup, CredentialsError> {
    if env
        .var("AWS_EC2_METADATA_DISABLED")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return Ok(Lookup::NotHere(
            "AWS_EC2_METADATA_DISABLED is true".to_owned(),
        ));
    }
    let endpoint = env
        .var("AWS_EC2_METADATA_SERVICE_ENDPOINT")
        .or_else(|| profile_endpoint.map(str::to_owned))
        .unwrap_or_else(|| DEFAULT_ENDPOINT.to_owned());
    match fetch_credentials(endpoint.trim_end_matches('/'), fetch).await {
        Ok(credentials) => Ok(Lookup::Found(credentials)),
        Err(e) => Ok(Lookup::NotHere(e.message)),
    }
}

/// Token, role name, credentials.
async fn fetch_credentials(
    endpoint: &str,
    fetch: &Fetcher,
) -> Result<super::Credentials, CredentialsError> {
    let token_request = http::Request::builder()
        .method("PUT")
        .uri(format!("{endpoint}/latest/api/token"))
        .header("x-aws-ec2-metadata-token-ttl-seconds", TOKEN_TTL_SECONDS);
    let token = fetch
        .send(request(token_request, Vec::new(), WHAT)?, LIMIT, WHAT)
        .await?;
    let token = text(token.body())?;
    let get = |path: String| {
        let builder = http::Request::builder()
            .method("GET")
            .uri(format!("{endpoint}{path}"))
            .header("x-aws-ec2-metadata-token", token.trim());
        request(builder, Vec::new(), WHAT)
    };
    let roles = fetch
        .send(get(CREDENTIALS_PATH.to_owned())?, LIMIT, WHAT)
        .await?;
    let role = text(roles.body())?
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| {
            CredentialsError::new(format!(
                "{WHAT} names no role at {CREDENTIALS_PATH} (no instance profile?)"
            ))
        })?;
    let answer = fetch
        .send(get(format!("{CREDENTIALS_PATH}{role}"))?, LIMIT, WHAT)
        .await?;
    metadata_credentials(answer.body()).map_err(|e| e.context(format!("{WHAT}, role `{role}`")))
}

fn text(body: &[u8]) -> Result<String, CredentialsError> {
    String::from_utf8(body.to_vec())
        .map_err(|_| CredentialsError::new(format!("{WHAT} answered text that is not UTF-8")))
}

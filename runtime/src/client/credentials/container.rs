//! Container credentials (ECS task roles, EKS Pod Identity): a GET of
//! `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` on `http://169.254.170.2`, or of
//! `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with `Authorization` from
//! `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read on every fetch: EKS rotates it) or
//! `AWS_CONTAINER_AUTHORIZATION_TOKEN`. As the SDKs do, a full URI must be `https`, or
//! `http` to a loopback address or the ECS (`169.254.170.2`) or EKS (`169.254.170.23`,
//! `fd00:ec2::23`) agent, so that a variable cannot send the token elsewhere in clear.

use std::net::IpAddr;
use std::path::Path;
use std::time::Duration;

use super::super::env::Environment;
use super::fetch::{request, Fetcher};
use super::json::metadata_credentials;
use super::{CredentialsError, Lookup};

/// The ECS agent's address, base of a relative URI.
const ECS_HOST: &str = "http://169.254.170.2";
/// The agents' addresses a full `http` URI may name besides loopback.
const AGENT_ADDRESSES: [&str; 3] = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23"];
/// Connecting (1 s, the fetcher's default client) and answering.
const LIMIT: Duration = Duration::from_secs(5);
const WHAT: &str = "the container credentials endpoint";

/// The container's credentials; `NotHere` when neither URI variable is set.
///
/// # Errors
/// [`CredentialsError`] for a full URI that is not allowed, an unreadable token file, or a
/// failed fetch.
pub(crate) async fn container_credentials(
    env: &dyn Environment,
    fetch: &Fetcher,
) -> Result<Lookup, CredentialsError> {
    let Some(url) = container_url(env)? else {
        return Ok(Lookup::NotHere(
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI \
             are not set"
                .to_owned(),
        ));
    };
    let mut builder = http::Request::builder().method("GET").uri(&url);
    if let Some(token) = authorization(env)? {
        builder = builder.header(http::header::AUTHORIZATION, token);
    }
    let response = fetch
        .send(request(builder, Vec::new(), WHAT)?, LIMIT, WHAT)
        .await?;
    metadata_credentials(response.body())
        .map(Lookup::Found)
        .map_err(|e| e.context(format!("{WHAT} ({url})")))
}

/// The URL the variables name, if any.
///
/// # Errors
/// A full URI that does not parse or is not allowed.
pub(crate) fn container_url(env: &dyn Environment) -> Result<Option<String>, CredentialsError> {
    if let Some(relative) = env.var("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
        let slash = if relative.starts_with('/') { "" } else { "/" };
        return Ok(Some(format!("{ECS_HOST}{slash}{relative}")));
    }
    let Some(full) = env.var("AWS_CONTAINER_CREDENTIALS_FULL_URI") else {
        return Ok(None);
    };
    let refuse = |why: &str| {
        CredentialsError::new(format!("AWS_CONTAINER_CREDENTIALS_FULL_URI `{full}` {why}"))
    };
    let uri: http::Uri = full.parse().map_err(|_| refuse("is not a URL"))?;
    let host = uri.host().ok_or_else(|| refuse("has no host"))?;
    match uri.scheme_str() {
        Some("https") => Ok(Some(full.clone())),
        Some("http") if allowed_http_host(host) => Ok(Some(full.clone())),
        Some("http") => Err(refuse(
            "is not allowed: over http it must name a loopback address or the ECS or EKS \
             agent (169.254.170.2, 169.254.170.23, fd00:ec2::23)",
        )),
        _ => Err(refuse("is neither http nor https")),
    }
}

/// Loopback (`localhost`, 127.0.0.0/8, `::1`) or an agent's address.
fn allowed_http_host(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if bare.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match bare.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback() || AGENT_ADDRESSES.iter().any(|a| a.parse() == Ok(ip)),
        Err(_) => false,
    }
}

/// The `Authorization` value: the token file's text (trimmed), else the token variable.
fn authorization(env: &dyn Environment) -> Result<Option<String>, CredentialsError> {
    if let Some(path) = env.var("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
        let text = env.read_file(Path::new(&path)).map_err(|e| {
            CredentialsError::new(format!(
                "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE {path}: {e}"
            ))
        })?;
        return Ok(Some(text.trim().to_owned()));
    }
    Ok(env.var("AWS_CONTAINER_AUTHORIZATION_TOKEN"))
}

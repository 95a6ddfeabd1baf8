//! IAM Identity Center (SSO) profiles: `sso_session` naming an `[sso-session x]` section
//! (`sso_start_url`, `sso_region`), or the legacy `sso_start_url`/`sso_region` in the
//! profile itself, with `sso_account_id` and `sso_role_name`. `aws sso login` leaves an
//! access token in `~/.aws/sso/cache/<hex SHA-1 of the session name, or of the start URL
//! for legacy profiles>.json`; the portal's `GetRoleCredentials`
//! (`GET /federation/credentials?role_name=..&account_id=..` with
//! `x-amz-sso_bearer_token`) exchanges it for the role's credentials. The portal is
//! `https://portal.sso.{sso_region}.amazonaws.com` unless `AWS_ENDPOINT_URL_SSO` or
//! `AWS_ENDPOINT_URL` names another. An expired token is an error saying to log in again
//! (this client does not refresh tokens through SSO OIDC).

use std::path::PathBuf;
use std::time::Duration;

use percent_encoding::utf8_percent_encode;
use sha1::{Digest, Sha1};

use super::super::env::Environment;
use super::super::sign::now;
use super::fetch::{request, Fetcher, FORM};
use super::json::{rfc3339, sso_role_credentials, sso_token};
use super::{Credentials, CredentialsError, ProfileFiles};

/// Connecting and answering.
const LIMIT: Duration = Duration::from_secs(10);
const WHAT: &str = "the SSO portal";

/// What an SSO profile names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SsoProfile {
    /// The profile's name, for messages.
    pub(crate) profile: String,
    /// `sso_session`, if the profile names one (else a legacy profile).
    pub(crate) session: Option<String>,
    /// `sso_start_url`.
    pub(crate) start_url: String,
    /// `sso_region`.
    pub(crate) region: String,
    /// `sso_account_id`.
    pub(crate) account_id: String,
    /// `sso_role_name`.
    pub(crate) role_name: String,
}

/// Profile `name`'s SSO settings; `None` when it names neither `sso_session` nor
/// `sso_start_url`.
///
/// # Errors
/// An `sso_session` with no such section, or a setting missing.
pub(crate) fn sso_profile(
    files: &ProfileFiles,
    name: &str,
) -> Result<Option<SsoProfile>, CredentialsError> {
    let session = files.get(name, "sso_session").map(str::to_owned);
    let legacy_url = files.get(name, "sso_start_url");
    if session.is_none() && legacy_url.is_none() {
        return Ok(None);
    }
    let section = match &session {
        Some(session) => Some(files.sso_sessions.get(session).ok_or_else(|| {
            CredentialsError::new(format!(
                "profile `{name}` names sso_session `{session}`, but there is no \
                 [sso-session {session}] section in {}",
                files.config_path.as_deref().unwrap_or("the config file")
            ))
        })?),
        None => None,
    };
    let setting = |key: &str| {
        section
            .and_then(|s| s.get(key))
            .or_else(|| files.get(name, key))
            .map(str::to_owned)
            .ok_or_else(|| CredentialsError::new(format!("SSO profile `{name}` has no {key}")))
    };
    Ok(Some(SsoProfile {
        profile: name.to_owned(),
        start_url: setting("sso_start_url")?,
        region: setting("sso_region")?,
        account_id: setting("sso_account_id")?,
        role_name: setting("sso_role_name")?,
        session,
    }))
}

/// The role's credentials from the portal, with the cached token.
///
/// # Errors
/// [`CredentialsError`]: no cached token (or an expired one: log in again), or the
/// portal's failure.
pub(crate) async fn sso_credentials(
    env: &dyn Environment,
    fetch: &Fetcher,
    sso: &SsoProfile,
) -> Result<Credentials, CredentialsError> {
    let token = cached_token(env, sso)?;
    let portal = env
        .var("AWS_ENDPOINT_URL_SSO")
        .or_else(|| env.var("AWS_ENDPOINT_URL"))
        .map(|u| u.trim_end_matches('/').to_owned())
        .unwrap_or_else(|| format!("https://portal.sso.{}.amazonaws.com", sso.region));
    let builder = http::Request::builder()
        .method("GET")
        .uri(format!(
            "{portal}/federation/credentials?role_name={}&account_id={}",
            utf8_percent_encode(&sso.role_name, FORM),
            utf8_percent_encode(&sso.account_id, FORM)
        ))
        .header("x-amz-sso_bearer_token", token);
    let response = fetch
        .send(request(builder, Vec::new(), WHAT)?, LIMIT, WHAT)
        .await?;
    sso_role_credentials(response.body()).map_err(|e| e.context(format!("{WHAT} ({portal})")))
}

/// The cache file of `sso`'s token.
pub(crate) fn cache_file(env: &dyn Environment, sso: &SsoProfile) -> Option<PathBuf> {
    let key = sso.session.as_deref().unwrap_or(&sso.start_url);
    let digest = Sha1::digest(key.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    Some(
        env.home_dir()?
            .join(".aws")
            .join("sso")
            .join("cache")
            .join(format!("{hex}.json")),
    )
}

/// The cached access token, if present and not expired.
fn cached_token(env: &dyn Environment, sso: &SsoProfile) -> Result<String, CredentialsError> {
    let login = format!("run `aws sso login --profile {}`", sso.profile);
    let path = cache_file(env, sso).ok_or_else(|| {
        CredentialsError::new("no home directory (HOME) to find the SSO token cache in")
    })?;
    let shown = path.display();
    let text = env
        .read_file(&path)
        .map_err(|e| CredentialsError::new(format!("no SSO token in {shown} ({e}): {login}")))?;
    let token = sso_token(&text).map_err(|e| e.context(format!("SSO token cache {shown}")))?;
    let expires =
        rfc3339(&token.expires_at).map_err(|e| e.context(format!("{shown} expiresAt")))?;
    if expires <= now() {
        return Err(CredentialsError::new(format!(
            "the SSO token in {shown} expired at {}: {login}",
            token.expires_at
        )));
    }
    Ok(token.access_token)
}

//! The JSON forms credential sources answer in, and their timestamps: the metadata form
//! (IMDS and container endpoints: `AccessKeyId`, `SecretAccessKey`, `Token`,
//! `Expiration`), `credential_process` output (`Version` 1, `SessionToken`), the SSO
//! portal's `roleCredentials` (expiry in epoch milliseconds) and the SSO token cache
//! (`accessToken`, `expiresAt`).

use std::time::{Duration, SystemTime};

use serde::Deserialize;

use super::{Credentials, CredentialsError};

/// An RFC 3339 date-time (`2024-05-01T12:00:00Z`) as a `SystemTime`.
///
/// # Errors
/// A message quoting `text` when it is not one.
pub(crate) fn rfc3339(text: &str) -> Result<SystemTime, CredentialsError> {
    time::OffsetDateTime::parse(text.trim(), &time::format_description::well_known::Rfc3339)
        .map(SystemTime::from)
        .map_err(|e| CredentialsError::new(format!("`{text}` is not an RFC 3339 date-time: {e}")))
}

fn parse<'a, T: Deserialize<'a>>(body: &'a [u8]) -> Result<T, CredentialsError> {
    serde_json::from_slice(body).map_err(|e| CredentialsError::new(format!("unreadable JSON: {e}")))
}

/// The IMDS and container endpoints' form.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Metadata {
    code: Option<String>,
    message: Option<String>,
    access_key_id: String,
    secret_access_key: String,
    token: Option<String>,
    expiration: Option<String>,
}

/// Credentials from the IMDS and container endpoints' JSON.
///
/// # Errors
/// Unreadable JSON, a missing key, a `Code` other than `Success`, a bad `Expiration`.
pub(crate) fn metadata_credentials(body: &[u8]) -> Result<Credentials, CredentialsError> {
    let found: Metadata = parse(body)?;
    if let Some(code) = found.code.filter(|c| c != "Success") {
        let message = found.message.unwrap_or_default();
        return Err(CredentialsError::new(format!(
            "Code `{code}` (not Success): {message}"
        )));
    }
    keys(
        found.access_key_id,
        found.secret_access_key,
        found.token,
        found.expiration.as_deref(),
    )
}

/// Credentials from their parts, `expiration` in RFC 3339.
fn keys(
    id: String,
    secret: String,
    token: Option<String>,
    expiration: Option<&str>,
) -> Result<Credentials, CredentialsError> {
    let mut credentials = Credentials::new(id, secret);
    credentials.session_token = token;
    credentials.expiry = expiration.map(rfc3339).transpose()?;
    Ok(credentials)
}

/// `credential_process` output.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ProcessOutput {
    version: u32,
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiration: Option<String>,
}

/// Credentials from a `credential_process`'s output.
///
/// # Errors
/// Unreadable JSON, a missing key, a `Version` other than 1, a bad `Expiration`.
pub(crate) fn process_credentials(stdout: &[u8]) -> Result<Credentials, CredentialsError> {
    let found: ProcessOutput = parse(stdout)?;
    if found.version != 1 {
        return Err(CredentialsError::new(format!(
            "output Version {} is not supported (only 1 is)",
            found.version
        )));
    }
    keys(
        found.access_key_id,
        found.secret_access_key,
        found.session_token,
        found.expiration.as_deref(),
    )
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RoleCredentialsOutput {
    role_credentials: RoleCredentials,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RoleCredentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    /// Epoch milliseconds.
    expiration: Option<u64>,
}

/// Credentials from the SSO portal's `GetRoleCredentials` answer.
///
/// # Errors
/// Unreadable JSON or a missing key.
pub(crate) fn sso_role_credentials(body: &[u8]) -> Result<Credentials, CredentialsError> {
    let found: RoleCredentialsOutput = parse(body)?;
    let role = found.role_credentials;
    let mut credentials = Credentials::new(role.access_key_id, role.secret_access_key);
    credentials.session_token = role.session_token;
    credentials.expiry = role
        .expiration
        .map(|ms| SystemTime::UNIX_EPOCH + Duration::from_millis(ms));
    Ok(credentials)
}

/// A cached SSO access token (`~/.aws/sso/cache/<sha1>.json`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SsoToken {
    /// The bearer token.
    pub(crate) access_token: String,
    /// When it expires (RFC 3339).
    pub(crate) expires_at: String,
}

/// A cached SSO token.
///
/// # Errors
/// Unreadable JSON or a missing key.
pub(crate) fn sso_token(text: &str) -> Result<SsoToken, CredentialsError> {
    parse(text.as_bytes())
}

//! AWS STS (awsQuery protocol): `AssumeRole`, signed with the source credentials, and
//! `AssumeRoleWithWebIdentity`, unsigned. Both are a form-encoded `POST /` to the regional
//! endpoint `https://sts.{region}.amazonaws.com` (`AWS_ENDPOINT_URL_STS`, then
//! `AWS_ENDPOINT_URL`, replace it), answered in XML: `<{Action}Response><{Action}Result>
//! <Credentials>` with `AccessKeyId`, `SecretAccessKey`, `SessionToken`, `Expiration`, or
//! `<ErrorResponse><Error>` with `Code` and `Message`. The XML is read with `quick-xml`.

use std::time::Duration;

use percent_encoding::utf8_percent_encode;
use quick_xml::events::Event;

use super::super::env::Environment;
use super::super::sign::{now, sign, SigningParams};
use super::fetch::{request, status_error, Fetcher, FORM};
use super::json::rfc3339;
use super::{Credentials, CredentialsError};

/// The region when none is configured.
const DEFAULT_REGION: &str = "us-east-1";
/// The STS API version of the awsQuery requests.
const VERSION: &str = "2011-06-15";
/// Connecting and answering.
const LIMIT: Duration = Duration::from_secs(10);

/// Where STS requests go and the region they are signed for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StsEndpoint {
    /// The base URL, e.g. `https://sts.eu-west-1.amazonaws.com`.
    pub(crate) url: String,
    /// The signing region.
    pub(crate) region: String,
}

impl StsEndpoint {
    /// The endpoint for `region` (else `us-east-1`), unless `AWS_ENDPOINT_URL_STS` or
    /// `AWS_ENDPOINT_URL` names one.
    pub(crate) fn new(env: &dyn Environment, region: Option<&str>) -> Self {
        let region = region.unwrap_or(DEFAULT_REGION).to_owned();
        let url = env
            .var("AWS_ENDPOINT_URL_STS")
            .or_else(|| env.var("AWS_ENDPOINT_URL"))
            .map(|u| u.trim_end_matches('/').to_owned())
            .unwrap_or_else(|| format!("https://sts.{region}.amazonaws.com"));
        StsEndpoint { url, region }
    }
}

/// An `AssumeRole` request's parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RoleRequest {
    /// `RoleArn`.
    pub(crate) role_arn: String,
    /// `RoleSessionName`.
    pub(crate) session_name: String,
    /// `ExternalId`, if the profile sets `external_id`.
    pub(crate) external_id: Option<String>,
    /// `DurationSeconds`, if the profile sets `duration_seconds`.
    pub(crate) duration_seconds: Option<u32>,
}

/// `AssumeRole` of `role`, signed with `source`.
///
/// # Errors
/// [`CredentialsError`] naming the role: signing, the transport, STS's error code and
/// message, or an unreadable answer.
pub(crate) async fn assume_role(
    fetch: &Fetcher,
    endpoint: &StsEndpoint,
    source: &Credentials,
    role: &RoleRequest,
) -> Result<Credentials, CredentialsError> {
    let mut form = vec![
        ("RoleArn", role.role_arn.clone()),
        ("RoleSessionName", role.session_name.clone()),
    ];
    if let Some(id) = &role.external_id {
        form.push(("ExternalId", id.clone()));
    }
    if let Some(seconds) = role.duration_seconds {
        form.push(("DurationSeconds", seconds.to_string()));
    }
    let mut request = post(endpoint, "AssumeRole", &form)?;
    let params = SigningParams {
        credentials: source,
        region: &endpoint.region,
        name: "sts",
        time: now(),
        payload_hash_header: false,
    };
    sign(&mut request, &params).map_err(|e| CredentialsError::new(e.to_string()))?;
    call(fetch, request, "AssumeRole")
        .await
        .map_err(|e| e.context(format!("assuming role {}", role.role_arn)))
}

/// `AssumeRoleWithWebIdentity` of `role_arn` with the OIDC token in `token_file` (read
/// now: Kubernetes rotates it), as session `session_name`.
///
/// # Errors
/// An unreadable token file, then as [`assume_role`].
pub(crate) async fn web_identity(
    env: &dyn Environment,
    fetch: &Fetcher,
    endpoint: &StsEndpoint,
    role_arn: &str,
    token_file: &str,
    session_name: &str,
) -> Result<Credentials, CredentialsError> {
    let token = env
        .read_file(std::path::Path::new(token_file))
        .map_err(|e| {
            CredentialsError::new(format!(
                "cannot read web identity token file {token_file}: {e}"
            ))
        })?;
    assume_role_with_web_identity(fetch, endpoint, role_arn, session_name, token.trim()).await
}

/// `AssumeRoleWithWebIdentity` of `role_arn` with the OIDC `token` (unsigned).
///
/// # Errors
/// As [`assume_role`].
pub(crate) async fn assume_role_with_web_identity(
    fetch: &Fetcher,
    endpoint: &StsEndpoint,
    role_arn: &str,
    session_name: &str,
    token: &str,
) -> Result<Credentials, CredentialsError> {
    let form = [
        ("RoleArn", role_arn.to_owned()),
        ("RoleSessionName", session_name.to_owned()),
        ("WebIdentityToken", token.to_owned()),
    ];
    let request = post(endpoint, "AssumeRoleWithWebIdentity", &form)?;
    call(fetch, request, "AssumeRoleWithWebIdentity")
        .await
        .map_err(|e| e.context(format!("assuming role {role_arn} with a web identity")))
}

/// The form-encoded `POST /` of `action` with `form`.
fn post(
    endpoint: &StsEndpoint,
    action: &str,
    form: &[(&str, String)],
) -> Result<http::Request<Vec<u8>>, CredentialsError> {
    let mut body = format!("Action={action}&Version={VERSION}");
    for (key, value) in form {
        body.push('&');
        body.push_str(key);
        body.push('=');
        body.extend(utf8_percent_encode(value, FORM));
    }
    let builder = http::Request::builder()
        .method("POST")
        .uri(format!("{}/", endpoint.url))
        .header(
            http::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded; charset=utf-8",
        );
    request(builder, body.into_bytes(), "STS")
}

/// Sends `request` and reads `action`'s answer.
async fn call(
    fetch: &Fetcher,
    request: http::Request<Vec<u8>>,
    action: &str,
) -> Result<Credentials, CredentialsError> {
    let what = format!("STS {action}");
    let place = format!("{what} ({})", request.uri());
    let response = fetch.exchange(request, LIMIT, &what).await?;
    let text = String::from_utf8_lossy(response.body());
    if !response.status().is_success() {
        return Err(match service_error(&text) {
            Some(error) => CredentialsError::new(format!(
                "{place} answered HTTP {}: {error}",
                response.status().as_u16()
            )),
            None => status_error(&place, &response),
        });
    }
    credentials(action, &text).map_err(|e| e.context(format!("unreadable answer from {place}")))
}

/// The credentials of a `<{action}Response>`.
///
/// # Errors
/// XML that does not parse, or a credentials member missing.
pub(crate) fn credentials(action: &str, xml: &str) -> Result<Credentials, CredentialsError> {
    let leaves = leaves(xml)?;
    let base = format!("{action}Response/{action}Result/Credentials/");
    let get = |name: &str| {
        let path = format!("{base}{name}");
        leaves
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, v)| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .ok_or_else(|| CredentialsError::new(format!("no {path}")))
    };
    let mut found = Credentials::new(get("AccessKeyId")?, get("SecretAccessKey")?);
    found.session_token = Some(get("SessionToken")?);
    found.expiry = Some(rfc3339(&get("Expiration")?)?);
    Ok(found)
}

/// `Code: Message` of an `<ErrorResponse><Error>`, if `xml` is one.
pub(crate) fn service_error(xml: &str) -> Option<String> {
    let leaves = leaves(xml).ok()?;
    let get = |name: &str| {
        let path = format!("ErrorResponse/Error/{name}");
        leaves
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, v)| v.trim())
    };
    let code = get("Code")?;
    Some(match get("Message") {
        Some(message) => format!("{code}: {message}"),
        None => code.to_owned(),
    })
}

/// Every element's path (local names joined by `/`) and text, in document order;
/// entities and character references resolved.
fn leaves(xml: &str) -> Result<Vec<(String, String)>, CredentialsError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut out = Vec::new();
    let error = |reader: &quick_xml::Reader<&[u8]>, e: &dyn std::fmt::Display| {
        CredentialsError::new(format!(
            "XML error at byte {}: {e}",
            reader.error_position()
        ))
    };
    loop {
        match reader.read_event().map_err(|e| error(&reader, &e))? {
            Event::Start(start) => {
                path.push(start.local_name().as_ref().to_owned());
                text.clear();
            }
            Event::Empty(start) => {
                path.push(start.local_name().as_ref().to_owned());
                out.push((path.join("/"), String::new()));
                path.pop();
            }
            Event::End(_) => {
                out.push((path.join("/"), std::mem::take(&mut text)));
                path.pop();
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(c) => text.push_str(&c),
            Event::GeneralRef(r) => match r.resolve_char_ref().map_err(|e| error(&reader, &e))? {
                Some(c) => text.push(c),
                None => text.push_str(
                    quick_xml::escape::resolve_predefined_entity(&r)
                        .ok_or_else(|| error(&reader, &format!("unknown entity `&{};`", &*r)))?,
                ),
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

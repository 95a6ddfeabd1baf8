//! Signing a request with AWS Signature Version 4 (spec aws/aws-auth.rst
//! `aws.auth#sigv4`), through the `aws-sigv4` crate: `Authorization`, `X-Amz-Date`, and
//! `X-Amz-Security-Token` for temporary credentials.

use std::fmt;
use std::time::SystemTime;

use aws_sigv4::http_request::{
    sign as sigv4_sign, PayloadChecksumKind, SignableBody, SignableRequest, SigningSettings,
};
use aws_sigv4::sign::v4;

use super::credentials::Credentials;

/// The signing time: the platform's clock. std has none on wasm32-unknown-unknown
/// (`SystemTime::now` panics there), so it is read through `web-time`, which is std's
/// clock elsewhere and the host's `Date.now()` there.
pub fn now() -> SystemTime {
    let since_epoch = web_time::SystemTime::now()
        .duration_since(web_time::SystemTime::UNIX_EPOCH)
        .unwrap_or_default();
    SystemTime::UNIX_EPOCH + since_epoch
}

/// What a signature is made for.
#[derive(Debug, Clone, Copy)]
pub struct SigningParams<'a> {
    /// The credentials to sign with.
    pub credentials: &'a Credentials,
    /// The signing region, e.g. `us-east-1`.
    pub region: &'a str,
    /// The signing name, e.g. `ivschat` (`aws.auth#sigv4` `name`, or the endpoint's
    /// `signingName`).
    pub name: &'a str,
    /// The signing time (`X-Amz-Date`).
    pub time: SystemTime,
    /// Also send and sign `x-amz-content-sha256` (the payload's SHA-256). The restJson1
    /// services here do not ask for it; services that do (S3-like) set it.
    pub payload_hash_header: bool,
}

/// The request could not be signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignError {
    /// Why.
    pub message: String,
}

impl fmt::Display for SignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot sign the request: {}", self.message)
    }
}

impl std::error::Error for SignError {}

fn error(message: impl fmt::Display) -> SignError {
    SignError {
        message: message.to_string(),
    }
}

/// Adds a `Host` header (from the URI, the port kept) when missing, then signs `request`
/// in place: its method, URI, headers and body.
///
/// # Errors
/// [`SignError`] for a relative URI, a header value that is not visible ASCII, or a
/// signing failure.
pub fn sign(
    request: &mut http::Request<Vec<u8>>,
    params: &SigningParams<'_>,
) -> Result<(), SignError> {
    if !request.headers().contains_key(http::header::HOST) {
        let authority = request
            .uri()
            .authority()
            .ok_or_else(|| error(format!("URI `{}` has no host", request.uri())))?
            .as_str()
            .to_owned();
        let value = http::HeaderValue::from_str(&authority).map_err(error)?;
        request.headers_mut().insert(http::header::HOST, value);
    }
    let identity = aws_credential_types::Credentials::new(
        params.credentials.access_key_id.clone(),
        params.credentials.secret_access_key.clone(),
        params.credentials.session_token.clone(),
        None,
        "smithy-client",
    )
    .into();
    let mut settings = SigningSettings::default();
    if params.payload_hash_header {
        settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
    }
    let signing_params = v4::SigningParams::builder()
        .identity(&identity)
        .region(params.region)
        .name(params.name)
        .time(params.time)
        .settings(settings)
        .build()
        .map_err(error)?
        .into();
    let headers = request
        .headers()
        .iter()
        .map(|(name, value)| {
            value
                .to_str()
                .map(|v| (name.as_str(), v))
                .map_err(|_| error(format!("header `{name}` is not visible ASCII")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let uri = request.uri().to_string();
    let signable = SignableRequest::new(
        request.method().as_str(),
        &uri,
        headers.into_iter(),
        SignableBody::Bytes(request.body()),
    )
    .map_err(error)?;
    let (instructions, _signature) = sigv4_sign(signable, &signing_params)
        .map_err(error)?
        .into_parts();
    instructions.apply_to_request_http1x(request);
    Ok(())
}

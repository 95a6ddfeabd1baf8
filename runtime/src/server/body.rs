//! Reading a request body into memory, at most a configured number of bytes.

use bytes::Bytes;
use http_body_util::BodyExt;

/// Why a body could not be read.
#[derive(Debug)]
pub enum BodyError {
    /// It is longer than the limit (413).
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The transport failed while reading it (400).
    Read(String),
    /// It did not arrive within the body-read timeout (408; see [`super::TimedBody`]).
    TimedOut(std::time::Duration),
}

/// The whole body, refused as soon as it exceeds `limit` bytes (by its `Content-Length`
/// before reading anything, else while reading).
///
/// # Errors
/// [`BodyError`] when it is too large or cannot be read.
pub async fn collect<B>(
    headers: &http::HeaderMap,
    body: B,
    limit: usize,
) -> Result<Bytes, BodyError>
where
    B: http_body::Body,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let declared = headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(BodyError::TooLarge { limit });
    }
    match http_body_util::Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => Err(BodyError::TooLarge { limit }),
        Err(e) => match e.downcast::<super::BodyTimedOut>() {
            Ok(timed_out) => Err(BodyError::TimedOut(timed_out.0)),
            Err(e) => Err(BodyError::Read(e.to_string())),
        },
    }
}

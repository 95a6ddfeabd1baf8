//! What a client does to a serialized request body before it is signed and sent: request
//! compression (`@requestCompression`, spec behavior-traits.rst "Request compression
//! behavior") and the `Content-MD5` header (`@httpChecksumRequired`, spec
//! http-bindings.rst). Each is compiled only in crates whose operations use it (features
//! `request-compression`, with `flate2`, and `checksum-md5`, with `md-5`), so an operation
//! whose trait asks for one always has it.

use super::super::operation::Operation;
use super::BuildError;

/// The largest `request_min_compression_size_bytes` the spec allows (10 MiB).
pub const MAX_MIN_COMPRESSION_SIZE: u32 = 10_485_760;

/// Client settings for sending a request (spec behavior-traits.rst, "Client
/// Implementation" of request compression).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestOptions {
    /// `DISABLE_REQUEST_COMPRESSION`: never compress. Default `false`.
    pub disable_request_compression: bool,
    /// `REQUEST_MIN_COMPRESSION_SIZE_BYTES`: the smallest body, in bytes, that is
    /// compressed; 0 to [`MAX_MIN_COMPRESSION_SIZE`]. Default 10,240.
    pub request_min_compression_size_bytes: u32,
}

impl Default for RequestOptions {
    fn default() -> Self {
        RequestOptions {
            disable_request_compression: false,
            request_min_compression_size_bytes: 10_240,
        }
    }
}

/// What an operation asks of its requests' bodies (from [`Operation`]'s constants).
/// Each field is read only when its feature is on (a crate may have either one alone).
#[derive(Debug, Clone, Copy)]
pub(crate) struct BodyTraits {
    /// `@requestCompression` encodings.
    #[cfg_attr(not(feature = "request-compression"), allow(dead_code))]
    pub(crate) compression: &'static [&'static str],
    /// `@httpChecksumRequired`.
    #[cfg_attr(not(feature = "checksum-md5"), allow(dead_code))]
    pub(crate) checksum: bool,
}

impl BodyTraits {
    /// Operation `O`'s.
    pub(crate) fn of<O: Operation>() -> Self {
        BodyTraits {
            compression: O::REQUEST_COMPRESSION,
            checksum: O::CHECKSUM_REQUIRED,
        }
    }
}

/// Applies an operation's request compression and checksum (`traits`) to `request`, in
/// that order: the checksum covers the body as sent. Not generic: compiled once.
///
/// # Errors
/// [`BuildError`] when `options` are out of range or the body cannot be compressed.
pub(crate) fn finish(
    request: &mut http::Request<Vec<u8>>,
    traits: BodyTraits,
    options: &RequestOptions,
) -> Result<(), BuildError> {
    if options.request_min_compression_size_bytes > MAX_MIN_COMPRESSION_SIZE {
        return Err(BuildError::new(
            "request_min_compression_size_bytes",
            format!(
                "{} is above the largest allowed value, {MAX_MIN_COMPRESSION_SIZE}",
                options.request_min_compression_size_bytes
            ),
        ));
    }
    #[cfg(feature = "request-compression")]
    compress(request, traits.compression, options)?;
    #[cfg(feature = "checksum-md5")]
    if traits.checksum {
        content_md5(request);
    }
    #[cfg(not(any(feature = "request-compression", feature = "checksum-md5")))]
    let _ = (request, traits);
    Ok(())
}

/// Compresses the body with the first of `encodings` this client supports (`gzip`) when
/// compression is on and the body is at least the minimum size, and appends the coding to
/// `Content-Encoding` after any the input set (RFC 9110 §8.4: in the order applied).
#[cfg(feature = "request-compression")]
fn compress(
    request: &mut http::Request<Vec<u8>>,
    encodings: &[&str],
    options: &RequestOptions,
) -> Result<(), BuildError> {
    use std::io::Write as _;
    // Only the first supported algorithm is considered (spec): `gzip` is the only one.
    let supported = encodings.contains(&"gzip");
    let small = request.body().len() < options.request_min_compression_size_bytes as usize;
    if !supported || options.disable_request_compression || small {
        return Ok(());
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let gzipped = encoder
        .write_all(request.body())
        .and_then(|()| encoder.finish())
        .map_err(|e| BuildError::new("body", format!("gzip compression failed: {e}")))?;
    *request.body_mut() = gzipped;
    let applied: Vec<&str> = request
        .headers()
        .get_all(http::header::CONTENT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter(|v| !v.trim().is_empty())
        .collect();
    let value = applied
        .iter()
        .copied()
        .chain(["gzip"])
        .collect::<Vec<_>>()
        .join(", ");
    let value = http::HeaderValue::from_str(&value)
        .map_err(|e| BuildError::new("Content-Encoding", e.to_string()))?;
    request
        .headers_mut()
        .insert(http::header::CONTENT_ENCODING, value);
    Ok(())
}

/// Sets `Content-MD5` to the base64 MD5 digest of the body.
#[cfg(feature = "checksum-md5")]
fn content_md5(request: &mut http::Request<Vec<u8>>) {
    use base64::Engine as _;
    use md5::Digest as _;
    let digest = md5::Md5::digest(request.body());
    let value = base64::engine::general_purpose::STANDARD.encode(digest);
    let value = http::HeaderValue::from_str(&value).expect("base64 is a valid header value");
    request.headers_mut().insert("content-md5", value);
}

#[cfg(all(test, feature = "request-compression", feature = "checksum-md5"))]
mod tests {
    use super::super::super::operation::{Http, Pagination};
    use super::*;
    use std::io::Read as _;

    struct Op;
    impl Operation for Op {
        const NAME: &'static str = "Op";
        const HTTP: Option<Http> = None;
        const CHECKSUM_REQUIRED: bool = true;
        const REQUEST_COMPRESSION: &'static [&'static str] = &["br", "gzip"];
        const PAGINATION: Option<Pagination> = None;
        type Input = ();
        type Output = ();
        type Error = ();
    }

    fn request(body: &[u8], encoding: Option<&str>) -> http::Request<Vec<u8>> {
        let mut builder = http::Request::builder().uri("https://example.com/");
        if let Some(encoding) = encoding {
            builder = builder.header("content-encoding", encoding);
        }
        builder.body(body.to_vec()).expect("valid")
    }

    #[test]
    fn large_bodies_are_gzipped_after_the_inputs_encoding_then_summed() {
        let body = vec![b'a'; 20_000];
        let mut sent = request(&body, Some("custom"));
        finish(
            &mut sent,
            BodyTraits::of::<Op>(),
            &RequestOptions::default(),
        )
        .unwrap();
        assert_eq!(sent.headers()["content-encoding"], "custom, gzip");
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(&sent.body()[..])
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(plain, body);
        // The checksum covers the body as sent.
        use base64::Engine as _;
        use md5::Digest as _;
        let md5 = base64::engine::general_purpose::STANDARD.encode(md5::Md5::digest(sent.body()));
        assert_eq!(sent.headers()["content-md5"], md5.as_str());
    }

    #[test]
    fn small_or_disabled_bodies_are_sent_as_they_are() {
        let mut small = request(b"{}", None);
        finish(
            &mut small,
            BodyTraits::of::<Op>(),
            &RequestOptions::default(),
        )
        .unwrap();
        assert_eq!(small.body(), b"{}");
        assert!(small.headers().get("content-encoding").is_none());
        // Uncompressed, the checksum is the base64 MD5 of the body itself.
        assert!(small.headers().contains_key("content-md5"));
        assert_eq!(small.headers()["content-md5"], "mZFLkyvTelC5g8XnyQrpOw==");

        let options = RequestOptions {
            disable_request_compression: true,
            request_min_compression_size_bytes: 0,
        };
        let mut disabled = request(&[b'a'; 20_000], None);
        finish(&mut disabled, BodyTraits::of::<Op>(), &options).unwrap();
        assert_eq!(disabled.body().len(), 20_000);

        let zero = RequestOptions {
            request_min_compression_size_bytes: 0,
            ..RequestOptions::default()
        };
        let mut tiny = request(b"x", None);
        finish(&mut tiny, BodyTraits::of::<Op>(), &zero).unwrap();
        assert_eq!(tiny.headers()["content-encoding"], "gzip");
    }

    #[test]
    fn the_minimum_size_is_bounded() {
        let options = RequestOptions {
            request_min_compression_size_bytes: MAX_MIN_COMPRESSION_SIZE + 1,
            ..RequestOptions::default()
        };
        let err = finish(&mut request(b"", None), BodyTraits::of::<Op>(), &options).unwrap_err();
        assert_eq!(err.what, "request_min_compression_size_bytes");
    }
}

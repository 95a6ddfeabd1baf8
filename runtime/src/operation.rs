//! Operation metadata: what the `@http` and `@paginated` traits say about an operation.

/// Static description of one modeled operation (from `@http` and `@paginated`).
pub trait Operation {
    /// The operation's shape name, e.g. `CreateRoom`.
    const NAME: &'static str;
    /// Its `@http` trait; `None` when the model gives the operation none (spec
    /// http-bindings.rst: such an operation has no HTTP binding, and none is invented).
    const HTTP: Option<Http>;
    /// The `@endpoint` host prefix, e.g. `{foo}.data.` (labels filled from the input's
    /// `@hostLabel` members).
    const HOST_PREFIX: Option<&'static str> = None;
    /// `@httpChecksumRequired` (spec http-bindings.rst): a request carries a `Content-MD5`
    /// header, the base64 MD5 of its body as sent.
    const CHECKSUM_REQUIRED: bool = false;
    /// `@requestCompression` `encodings` (spec behavior-traits.rst), lower-cased, in the
    /// model's order of preference: a client compresses a large enough request body with
    /// the first it supports (`gzip`) and appends it to `Content-Encoding`.
    const REQUEST_COMPRESSION: &'static [&'static str] = &[];
    /// Pagination, when the operation is `@paginated`.
    const PAGINATION: Option<Pagination>;
    /// The input type (`()` for `smithy.api#Unit`).
    type Input;
    /// The output type (`()` for `smithy.api#Unit`).
    type Output;
    /// The operation's error enum.
    type Error;
}

/// What a service trait method returns: a `Send` future of operation `O`'s output or
/// error. Any such future is one, so an implementation may be an `async fn`.
pub trait Reply<O: Operation>:
    std::future::Future<Output = Result<O::Output, O::Error>> + Send
{
}

impl<O, F> Reply<O> for F
where
    O: Operation,
    F: std::future::Future<Output = Result<O::Output, O::Error>> + Send,
{
}

/// The `@http` trait of an operation (spec http-bindings.rst "http trait").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Http {
    /// The HTTP method, e.g. `POST`.
    pub method: &'static str,
    /// The URI pattern, e.g. `/rooms/{roomId}` (labels in braces, `{key+}` greedy; an
    /// optional literal query string).
    pub uri: &'static str,
    /// The HTTP status of a successful response (`code`, 200 by default).
    pub code: u16,
}

impl Http {
    /// An `@http` trait value.
    pub const fn new(method: &'static str, uri: &'static str, code: u16) -> Self {
        Http { method, uri, code }
    }
}

/// The members that drive pagination (operation `@paginated` merged with the service's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pagination {
    /// Input member holding the continuation token.
    pub input_token: &'static str,
    /// Output member (path) holding the next token.
    pub output_token: &'static str,
    /// Output member (path) holding the page's items, if modeled.
    pub items: Option<&'static str>,
    /// Input member limiting the page size, if modeled.
    pub page_size: Option<&'static str>,
}

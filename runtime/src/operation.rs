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
    /// The wire protocol of the operation's service (restJson1 unless the generator chose
    /// another of the service's protocol traits).
    const PROTOCOL: Protocol = Protocol::RestJson1;
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

/// The wire protocol a service speaks: the protocol trait the generator chose for it.
///
/// restJson1 drives requests from each operation's [`Http`] bindings; the RPC protocols
/// POST every operation's whole input as one body, to `/` with an `X-Amz-Target` header
/// (awsJson) or to `/service/{Service}/operation/{Operation}` with a `Smithy-Protocol`
/// header (Smithy RPC v2), and ignore HTTP binding traits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#restJson1` (spec aws/protocols/aws-restjson1-protocol.rst).
    RestJson1,
    /// `aws.protocols#awsJson1_0` (spec aws/protocols/aws-json-1_0-protocol.rst).
    AwsJson1_0(Rpc),
    /// `aws.protocols#awsJson1_1` (spec aws/protocols/aws-json-1_1-protocol.rst).
    AwsJson1_1(Rpc),
    /// `smithy.protocols#rpcv2Json` (spec protocols/smithy-rpc-v2-json.rst).
    RpcV2Json(Rpc),
    /// `smithy.protocols#rpcv2Cbor` (spec protocols/smithy-rpc-v2-cbor.rst).
    RpcV2Cbor(Rpc),
    /// `aws.protocols#restXml` (spec aws/protocols/aws-restxml-protocol.rst): the HTTP
    /// bindings of restJson1, XML bodies.
    RestXml(Xml),
    /// `aws.protocols#awsQuery` (spec aws/protocols/aws-query-protocol.rst): a form-encoded
    /// `POST /` with `Action` and `Version`, XML responses.
    AwsQuery(Query),
    /// `aws.protocols#ec2Query` (spec aws/protocols/aws-ec2-query-protocol.rst): awsQuery's
    /// framing with EC2's names and list forms.
    Ec2Query(Query),
}

impl Protocol {
    /// The RPC settings, for an RPC protocol.
    pub const fn rpc(&self) -> Option<&Rpc> {
        match self {
            Protocol::RestJson1
            | Protocol::RestXml(_)
            | Protocol::AwsQuery(_)
            | Protocol::Ec2Query(_) => None,
            Protocol::AwsJson1_0(rpc)
            | Protocol::AwsJson1_1(rpc)
            | Protocol::RpcV2Json(rpc)
            | Protocol::RpcV2Cbor(rpc) => Some(rpc),
        }
    }
}

/// What an RPC protocol needs to address an operation besides its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rpc {
    /// The service shape's name (no namespace), e.g. `DynamoDB_20120810`: the
    /// `X-Amz-Target` prefix or the `/service/{name}` path segment.
    pub service: &'static str,
    /// The service's namespace, e.g. `com.amazonaws.dynamodb`: errors are sent as
    /// `namespace#Name` where the protocol wants a shape ID.
    pub namespace: &'static str,
    /// `aws.protocols#awsQueryCompatible` (spec aws/protocols/aws-query-protocol.rst):
    /// requests carry `x-amzn-query-mode: true`, errors an `x-amzn-query-error` header.
    pub query_compatible: bool,
}

impl Rpc {
    /// A service `namespace#service`, not query-compatible.
    pub const fn new(namespace: &'static str, service: &'static str) -> Self {
        Rpc {
            service,
            namespace,
            query_compatible: false,
        }
    }

    /// The same service, `@awsQueryCompatible`.
    #[must_use]
    pub const fn query_compatible(mut self) -> Self {
        self.query_compatible = true;
        self
    }
}

/// What restXml needs besides the HTTP bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Xml {
    /// The service's `@xmlNamespace`: the namespace of every body's root element that has
    /// none of its own.
    pub namespace: Option<Namespace>,
    /// `@restXml(noErrorWrapping: true)`: an error body is `<Error>` itself, not
    /// `<ErrorResponse><Error>`.
    pub no_error_wrapping: bool,
}

/// What awsQuery and ec2Query need to address an operation besides its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Query {
    /// The service's `version`: every request's `Version` form value.
    pub version: &'static str,
    /// The service's `@xmlNamespace`.
    pub namespace: Option<Namespace>,
}

/// An `@xmlNamespace` (spec protocol-traits.rst): written as `xmlns="uri"`, or
/// `xmlns:prefix="uri"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Namespace {
    /// The namespace URI.
    pub uri: &'static str,
    /// The prefix, if any.
    pub prefix: Option<&'static str>,
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

//! Operation metadata: what the `@http` and `@paginated` traits say about an operation.

/// Static description of one modeled operation (from `@http` and `@paginated`).
pub trait Operation {
    /// The operation's shape name, e.g. `CreateRoom`.
    const NAME: &'static str;
    /// The HTTP method of its `@http` trait.
    const METHOD: &'static str;
    /// The URI pattern of its `@http` trait, e.g. `/rooms/{roomId}`.
    const URI: &'static str;
    /// The HTTP status of a successful response (`@http` `code`, 200 by default).
    const SUCCESS_CODE: u16;
    /// Pagination, when the operation is `@paginated`.
    const PAGINATION: Option<Pagination>;
    /// The input type (`()` for `smithy.api#Unit`).
    type Input;
    /// The output type (`()` for `smithy.api#Unit`).
    type Output;
    /// The operation's error enum.
    type Error;
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

//! Client side: reading an operation's output or error from an HTTP response.

use std::collections::BTreeMap;

use super::super::error::{MessageMember, UnhandledError};
use super::super::operation::Protocol;
use super::super::param::TimestampFormat;
use super::super::scalar::Blob;
use super::body::ErrorFields;
use super::values::{split_header_list, FromParamValues, ListKind};
use super::ParseError;

/// A received HTTP response, as the generated `read` of an output or error sees it.
#[derive(Debug, Clone, Copy)]
pub struct HttpResponse<'a> {
    protocol: Protocol,
    status: u16,
    headers: &'a http::HeaderMap,
    body: &'a [u8],
}

impl<'a> HttpResponse<'a> {
    /// A view of a restJson1 `response`.
    pub fn new(response: &'a http::Response<Vec<u8>>) -> Self {
        Self::of(Protocol::RestJson1, response)
    }

    /// A view of a `response` in `protocol`.
    pub fn of(protocol: Protocol, response: &'a http::Response<Vec<u8>>) -> Self {
        HttpResponse {
            protocol,
            status: response.status().as_u16(),
            headers: response.headers(),
            body: response.body(),
        }
    }

    /// The status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The status code, for an `@httpResponseCode` member.
    pub fn response_code(&self) -> i32 {
        i32::from(self.status)
    }

    /// Header `name` as the member's type: `None` (or an error, if required) when absent,
    /// list members split at commas.
    ///
    /// # Errors
    /// [`ParseError`] naming the header when its value does not parse.
    pub fn header<T: FromParamValues>(
        &self,
        name: &str,
        format: TimestampFormat,
    ) -> Result<T, ParseError> {
        let items = header_items::<T>(self.headers, name, format);
        let values: Vec<&str> = items.iter().map(String::as_str).collect();
        T::from_values(&values, format).map_err(|e| match e {
            Some(e) => ParseError::new(format!("header `{name}`"), e),
            None => ParseError::new(format!("header `{name}`"), "missing"),
        })
    }

    /// Every header starting with `prefix` (case-insensitively), keyed by the rest of its
    /// name; `None` when there is none.
    pub fn prefix_headers(&self, prefix: &str) -> Option<BTreeMap<String, String>> {
        prefix_headers(self.headers, prefix)
    }

    /// The body as `T`, in the protocol's codec (an empty body reads as an empty
    /// structure).
    ///
    /// # Errors
    /// [`ParseError`] with the path when the body is not `T`'s form.
    pub fn body<T: serde::de::DeserializeOwned>(&self) -> Result<T, ParseError> {
        super::body::decode(self.protocol, self.body).map_err(body_error)
    }

    fn read_json<T>(
        &self,
        read: fn(&[u8]) -> Result<T, super::json::JsonError>,
    ) -> Result<T, ParseError> {
        let body = if self.body.iter().all(u8::is_ascii_whitespace) {
            &b"{}"[..]
        } else {
            self.body
        };
        read(body).map_err(body_error)
    }

    /// A structure none of whose members is in a JSON body (an `@httpPayload` carries
    /// the body): its serde form read from `{}`.
    ///
    /// # Errors
    /// None in practice (the generator makes every such member skippable).
    pub fn empty<T: serde::de::DeserializeOwned>(&self) -> Result<T, ParseError> {
        // The reader every body is read with (`&str`), so that no other copy is compiled.
        serde_json::from_str("{}").map_err(|e| ParseError::new("body", e.to_string()))
    }

    /// An `@httpPayload` structure, union or document: `None` for an empty body.
    ///
    /// # Errors
    /// [`ParseError`] when the body is not `T`'s JSON form.
    pub fn json_payload<T: serde::de::DeserializeOwned>(&self) -> Result<Option<T>, ParseError> {
        if self.body.is_empty() {
            return Ok(None);
        }
        self.read_json(super::json::from_slice).map(Some)
    }

    /// An `@httpPayload` blob: the body as it is (`None` when empty). The media type is
    /// not checked on responses.
    ///
    /// # Errors
    /// None; the signature matches the server side's.
    pub fn blob_payload(&self, _media_type: &str) -> Result<Option<Blob>, ParseError> {
        Ok((!self.body.is_empty()).then(|| Blob(self.body.to_vec())))
    }

    /// An `@httpPayload` string or enum: the body as UTF-8 text (`None` when empty).
    ///
    /// # Errors
    /// [`ParseError`] when the body is not UTF-8.
    pub fn text_payload<T: for<'s> From<&'s str>>(
        &self,
        _media_type: &str,
    ) -> Result<Option<T>, ParseError> {
        if self.body.is_empty() {
            return Ok(None);
        }
        std::str::from_utf8(self.body)
            .map(|s| Some(T::from(s)))
            .map_err(|e| ParseError::new("body", e.to_string()))
    }

    /// The error code of an error response, sanitised as the protocols say (anything
    /// after `:` and before `#` removed): from the `X-Amzn-Errortype` header, else the
    /// body's `code` or `__type` (restJson1, awsJson); from the body's `__type` only
    /// (Smithy RPC v2, whose clients ignore the header).
    pub fn error_code(&self) -> Option<String> {
        let from_header = || {
            self.headers
                .get("x-amzn-errortype")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let fields = || ErrorFields::read(self.protocol, self.body);
        let code = match self.protocol {
            Protocol::RpcV2Json(_) | Protocol::RpcV2Cbor(_) => fields().type_,
            _ => from_header().or_else(|| {
                let fields = fields();
                fields.code.or(fields.type_)
            }),
        };
        code.map(|code| sanitize_error_code(&code))
    }

    /// A modeled error structure, read as an output, its message member filled from the
    /// body's `message` or `Message` when its own key left it absent ([`MessageMember`]).
    ///
    /// # Errors
    /// [`ParseError`] when its body or headers do not parse.
    pub fn modeled_error<E: super::Output + MessageMember>(&self) -> Result<E, ParseError> {
        let mut error = E::read(self)?;
        error.fill_message(|| self.body_message());
        Ok(error)
    }

    /// What can be learned of an error the operation does not model.
    pub fn unhandled(&self, code: Option<&str>) -> UnhandledError {
        UnhandledError {
            code: code.map(str::to_owned),
            message: self.body_message(),
            status: Some(self.status),
            ..UnhandledError::default()
        }
    }

    /// The error message of a body: its string `message`, else `Message` (the two
    /// spellings AWS services use).
    fn body_message(&self) -> Option<String> {
        ErrorFields::read(self.protocol, self.body).message()
    }
}

/// `aws.protocoltests#FooError:http://internal.amazon.com/` → `FooError`.
pub fn sanitize_error_code(code: &str) -> String {
    let code = code.split(':').next().unwrap_or(code);
    let code = code.rsplit('#').next().unwrap_or(code);
    code.trim().to_owned()
}

/// The items of header `name`: its values, and for list members the comma-separated
/// items of each.
pub(super) fn header_items<T: FromParamValues>(
    headers: &http::HeaderMap,
    name: &str,
    format: TimestampFormat,
) -> Vec<String> {
    let values = headers.get_all(name).iter().filter_map(|v| v.to_str().ok());
    match T::list_kind(format) {
        ListKind::Scalar => values.map(|v| v.trim().to_owned()).collect(),
        kind => values
            .flat_map(|v| split_header_list(v, kind == ListKind::HttpDates))
            .filter(|item| !item.is_empty())
            .collect(),
    }
}

pub(super) fn prefix_headers(
    headers: &http::HeaderMap,
    prefix: &str,
) -> Option<BTreeMap<String, String>> {
    let prefix = prefix.to_ascii_lowercase();
    let map: BTreeMap<String, String> = headers
        .iter()
        .filter_map(|(name, value)| {
            let rest = name.as_str().strip_prefix(&prefix)?;
            Some((rest.to_owned(), value.to_str().ok()?.to_owned()))
        })
        .collect();
    (!map.is_empty()).then_some(map)
}

/// The error of a JSON body that did not read (not generic: compiled once).
fn body_error((path, message): super::body::BodyError) -> ParseError {
    ParseError::new(format!("body at {path}"), message)
}

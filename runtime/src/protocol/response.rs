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
    /// The operation's name (`Operation::NAME`): awsQuery wraps an output in
    /// `<{Op}Response><{Op}Result>`.
    operation: &'static str,
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
            operation: "",
        }
    }

    /// The same view, of a response to operation `name` (which awsQuery outputs need).
    #[must_use]
    pub fn for_operation(mut self, name: &'static str) -> Self {
        self.operation = name;
        self
    }

    /// Whether the status says the response is an error (not 2xx).
    fn is_error(&self) -> bool {
        !(200..300).contains(&self.status)
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

    /// restXml, awsQuery, ec2Query: the members of an output or error structure `T` read
    /// from the XML body (an empty body, or an output element that is absent, leaves
    /// them all absent). An output's are the root element's (restXml, ec2Query) or
    /// `<{Op}Response><{Op}Result>`'s (awsQuery); an error's (non-2xx status) those of
    /// the `<Error>` element of its envelope, whose `Type`, `Code` and `RequestId` are
    /// not members (spec aws-restxml-protocol.rst, aws-query-protocol.rst,
    /// aws-ec2-query-protocol.rst).
    ///
    /// # Errors
    /// [`ParseError`] with the element path when the body is not well-formed XML or does
    /// not hold `T`.
    #[cfg(feature = "xml")]
    pub fn xml_body<T>(&self) -> Result<T, ParseError>
    where
        T: serde::de::DeserializeOwned + super::super::xml::Shape,
    {
        use super::envelope::{document, error_element, members, output_element};
        let root = document(self.body).map_err(xml_error)?;
        let element = root.as_ref().and_then(|root| {
            if self.is_error() {
                error_element(root)
            } else {
                output_element(self.protocol, self.operation, root)
            }
        });
        members(element, T::XML).map_err(xml_error)
    }

    /// restXml: an `@httpPayload` structure or union, the body's root element (`None`
    /// for an empty body).
    ///
    /// # Errors
    /// As [`HttpResponse::xml_body`].
    #[cfg(feature = "xml")]
    pub fn xml_payload<T>(&self) -> Result<Option<T>, ParseError>
    where
        T: serde::de::DeserializeOwned + super::super::xml::Shape,
    {
        match super::envelope::document(self.body).map_err(xml_error)? {
            Some(root) => super::super::xml::from_element(&root, T::XML)
                .map(Some)
                .map_err(xml_error),
            None => Ok(None),
        }
    }

    /// The request ID the service gave the response: the `x-amzn-requestid` or
    /// `x-amz-request-id` header, else (XML protocols) the error document's `RequestId`
    /// (`RequestID`) or an awsQuery output's `<ResponseMetadata><RequestId>`.
    pub fn request_id(&self) -> Option<String> {
        let header = ["x-amzn-requestid", "x-amz-request-id"]
            .iter()
            .find_map(|name| self.headers.get(*name)?.to_str().ok());
        if let Some(id) = header {
            return Some(id.to_owned());
        }
        if !super::envelope::is_xml(self.protocol) {
            return None;
        }
        if self.is_error() {
            super::envelope::error_info(self.body).request_id
        } else {
            super::envelope::output_request_id(self.body)
        }
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
    /// (Smithy RPC v2, whose clients ignore the header); from the error document's
    /// `<Code>` (restXml, awsQuery, ec2Query).
    pub fn error_code(&self) -> Option<String> {
        if super::envelope::is_xml(self.protocol) {
            let code = super::envelope::error_info(self.body).code;
            return code.map(|code| sanitize_error_code(&code));
        }
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
            request_id: self.request_id(),
            ..UnhandledError::default()
        }
    }

    /// The error message of a body: its string `message`, else `Message` (the two
    /// spellings AWS services use); in an XML protocol, the error document's `<Message>`.
    fn body_message(&self) -> Option<String> {
        if super::envelope::is_xml(self.protocol) {
            return super::envelope::error_info(self.body).message;
        }
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

/// The error of an XML body that did not read.
#[cfg(feature = "xml")]
fn xml_error(error: super::super::xml::Error) -> ParseError {
    ParseError::new(format!("body at {}", error.path), error.message)
}

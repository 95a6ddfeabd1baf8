//! Server side: reading an operation input from an HTTP request, and writing an output or
//! error as an HTTP response (spec http-bindings.rst; aws-restjson1-protocol.rst,
//! aws-restxml-protocol.rst).

use std::borrow::Cow;
use std::collections::BTreeMap;

use http::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE};

use super::super::error::UnhandledError;
use super::super::operation::{Http, Protocol};
use super::super::param::{FromParam, Param, TimestampFormat};
use super::super::scalar::Blob;
use super::encode::decode;
use super::headers::OutHeaders;
use super::response::{header_items, prefix_headers};
use super::values::{text, FromParamValues, ParamValues};
use super::{BuildError, Rejection};

/// A received request matched to an operation's `@http` trait: its labels captured, its
/// query decoded.
#[derive(Debug)]
pub struct ServerRequest<'a> {
    protocol: Protocol,
    headers: &'a http::HeaderMap,
    body: &'a [u8],
    labels: Vec<(String, String)>,
    query: Vec<(String, String)>,
}

impl<'a> ServerRequest<'a> {
    /// Matches `request` against `http` (method, path, literal query).
    ///
    /// # Errors
    /// [`Rejection::NotFound`] when it does not match, [`Rejection::Serialization`] when a
    /// path or query escape is not UTF-8.
    pub fn new(request: &'a http::Request<Vec<u8>>, http: &Http) -> Result<Self, Rejection> {
        Self::rest(Protocol::RestJson1, request, http)
    }

    /// [`ServerRequest::new`] for an HTTP-binding `protocol` (restJson1, restXml).
    ///
    /// # Errors
    /// As [`ServerRequest::new`].
    pub(super) fn rest(
        protocol: Protocol,
        request: &'a http::Request<Vec<u8>>,
        http: &Http,
    ) -> Result<Self, Rejection> {
        if request.method().as_str() != http.method {
            return Err(Rejection::NotFound);
        }
        let query = parse_query(request.uri().query().unwrap_or(""))?;
        let labels = super::router::match_uri(http.uri, request.uri().path(), &query)
            .ok_or(Rejection::NotFound)??;
        Ok(ServerRequest {
            protocol,
            headers: request.headers(),
            body: request.body(),
            labels,
            query,
        })
    }

    /// A request to an RPC `protocol` (routed by its target header or path already): no
    /// labels, no bound query.
    pub(super) fn rpc(protocol: Protocol, request: &'a http::Request<Vec<u8>>) -> Self {
        ServerRequest {
            protocol,
            headers: request.headers(),
            body: request.body(),
            labels: Vec::new(),
            query: Vec::new(),
        }
    }

    /// The URI label `name` as the member's type.
    ///
    /// # Errors
    /// [`Rejection::Serialization`] when it does not parse.
    pub fn label<T: FromParam>(&self, name: &str, format: TimestampFormat) -> Result<T, Rejection> {
        let value = self
            .labels
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .ok_or_else(|| Rejection::serialization(format!("URI label `{name}` is missing")))?;
        T::from_param(value, format)
            .map_err(|e| Rejection::serialization(format!("URI label `{name}`: {e}")))
    }

    /// Query parameter `key` as the member's type (every occurrence, for a list).
    ///
    /// # Errors
    /// [`Rejection`] when a value does not parse, or a required one is missing (`member`
    /// names it).
    pub fn query<T: FromParamValues>(
        &self,
        key: &str,
        member: &str,
        format: TimestampFormat,
    ) -> Result<T, Rejection> {
        let values: Vec<&str> = self
            .query
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect();
        T::from_values(&values, format).map_err(|e| match e {
            Some(e) => Rejection::serialization(format!("query parameter `{key}`: {e}")),
            None => Rejection::missing(member),
        })
    }

    /// An `@httpQueryParams` map: every query parameter, by key (`None` when there are
    /// none).
    ///
    /// # Errors
    /// [`Rejection::Serialization`] when a value does not parse.
    pub fn query_params<V: FromParamValues>(
        &self,
    ) -> Result<Option<BTreeMap<String, V>>, Rejection> {
        let mut grouped: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (k, v) in &self.query {
            grouped.entry(k).or_default().push(v);
        }
        if grouped.is_empty() {
            return Ok(None);
        }
        let mut map = BTreeMap::new();
        for (key, values) in grouped {
            let value = V::from_values(&values, TimestampFormat::DateTime).map_err(|e| {
                Rejection::serialization(format!(
                    "query parameter `{key}`: {}",
                    e.unwrap_or_default()
                ))
            })?;
            map.insert(key.to_owned(), value);
        }
        Ok(Some(map))
    }

    /// Header `name` as the member's type (`member` names it in errors).
    ///
    /// # Errors
    /// [`Rejection`] when the value does not parse or a required one is missing.
    pub fn header<T: FromParamValues>(
        &self,
        name: &str,
        member: &str,
        format: TimestampFormat,
    ) -> Result<T, Rejection> {
        let items = header_items::<T>(self.headers, name, format);
        let values: Vec<&str> = items.iter().map(String::as_str).collect();
        T::from_values(&values, format).map_err(|e| match e {
            Some(e) => Rejection::serialization(format!("header `{name}`: {e}")),
            None => Rejection::missing(member),
        })
    }

    /// Every header starting with `prefix`, keyed by the rest of its name.
    pub fn prefix_headers(&self, prefix: &str) -> Option<BTreeMap<String, String>> {
        prefix_headers(self.headers, prefix)
    }

    /// The JSON body as `T`; `Content-Type` must be `application/json` when there is a
    /// body (an empty body reads as `{}`).
    ///
    /// # Errors
    /// [`Rejection::UnsupportedMediaType`] for another content type;
    /// [`Rejection::Validation`] for a missing required member; otherwise
    /// [`Rejection::Serialization`] when the body is not `T`'s JSON form.
    pub fn body<T: serde::de::DeserializeOwned>(&self) -> Result<T, Rejection> {
        self.expect_content_type(super::body::content_type(self.protocol), true)?;
        super::body::decode(self.protocol, self.body).map_err(body_rejection)
    }

    /// restXml: the input's body members read from the XML body (an empty body leaves
    /// them all absent); `Content-Type` must be `application/xml` when there is a body
    /// (spec aws-restxml-protocol.rst "Content-Type"; parameters are ignored).
    ///
    /// # Errors
    /// [`Rejection::UnsupportedMediaType`] for another content type;
    /// [`Rejection::Validation`] for a missing required member; otherwise
    /// [`Rejection::Serialization`] with the element path when the body is not
    /// well-formed XML or not `T`'s form.
    #[cfg(feature = "xml")]
    pub fn xml_body<T>(&self) -> Result<T, Rejection>
    where
        T: serde::de::DeserializeOwned + super::super::xml::Shape,
    {
        self.expect_content_type(super::envelope::XML, true)?;
        let root = super::envelope::document(self.body).map_err(xml_rejection)?;
        super::envelope::members(root.as_ref(), T::XML).map_err(xml_rejection)
    }

    /// restXml: an `@httpPayload` structure or union, the body's root element (`None`
    /// for an empty body).
    ///
    /// # Errors
    /// As [`ServerRequest::xml_body`].
    #[cfg(feature = "xml")]
    pub fn xml_payload<T>(&self) -> Result<Option<T>, Rejection>
    where
        T: serde::de::DeserializeOwned + super::super::xml::Shape,
    {
        match super::envelope::document(self.body).map_err(xml_rejection)? {
            Some(root) => {
                self.expect_content_type(super::envelope::XML, true)?;
                super::super::xml::from_element(&root, T::XML)
                    .map(Some)
                    .map_err(xml_rejection)
            }
            None => Ok(None),
        }
    }

    /// awsQuery, ec2Query: the input from a form. No server reads the query protocols
    /// (they are clients only, see `parse_request`), so this always refuses.
    ///
    /// # Errors
    /// Always [`Rejection::NotFound`].
    pub fn form_input<T>(&self) -> Result<T, Rejection> {
        Err(Rejection::NotFound)
    }

    /// Any JSON body (a document payload may be any value).
    fn read_json<T>(
        &self,
        read: fn(&[u8]) -> Result<T, super::json::JsonError>,
    ) -> Result<T, Rejection> {
        self.expect_content_type("application/json", true)?;
        let body = if self.body.iter().all(u8::is_ascii_whitespace) {
            &b"{}"[..]
        } else {
            self.body
        };
        read(body).map_err(body_rejection)
    }

    /// An input without body members: there must be no `Content-Type` (spec: none is
    /// derived; an RPC protocol's own is allowed), and any body is ignored.
    ///
    /// # Errors
    /// [`Rejection::UnsupportedMediaType`] when a `Content-Type` is sent.
    pub fn no_body(&self) -> Result<(), Rejection> {
        match self.headers.get("content-type") {
            // An RPC client may send its empty structure (`{}`) for no input.
            Some(_) if self.protocol.rpc().is_some() => {
                self.expect_content_type(super::body::content_type(self.protocol), false)
            }
            Some(_) => Err(Rejection::UnsupportedMediaType),
            None => Ok(()),
        }
    }

    /// A structure none of whose members is in a JSON body: its serde form read from
    /// `{}`.
    ///
    /// # Errors
    /// None in practice (the generator makes every such member skippable).
    pub fn empty<T: serde::de::DeserializeOwned>(&self) -> Result<T, Rejection> {
        super::empty()
    }

    /// An `@httpPayload` structure, union or document (`None` for an empty body or an
    /// empty JSON object, which clients send for an absent payload).
    ///
    /// # Errors
    /// As [`ServerRequest::body`].
    pub fn json_payload<T: serde::de::DeserializeOwned>(&self) -> Result<Option<T>, Rejection> {
        let blank = |b: &[u8]| b.iter().all(u8::is_ascii_whitespace);
        if blank(self.body) {
            return Ok(None);
        }
        let inner = self.body.iter().position(|b| *b == b'{').and_then(|start| {
            let end = self.body.iter().rposition(|b| *b == b'}')?;
            (start < end && blank(&self.body[..start]) && blank(&self.body[end + 1..]))
                .then(|| &self.body[start + 1..end])
        });
        if inner.is_some_and(blank) {
            self.expect_content_type("application/json", true)?;
            return Ok(None);
        }
        self.read_json(super::json::from_slice).map(Some)
    }

    /// An `@httpPayload` blob (`None` for an empty body); `media_type` is the modeled
    /// `@mediaType`, else `application/octet-stream`.
    ///
    /// # Errors
    /// [`Rejection::UnsupportedMediaType`] for another content type.
    pub fn blob_payload(&self, media_type: &str) -> Result<Option<Blob>, Rejection> {
        if self.body.is_empty() {
            return Ok(None);
        }
        // Without a modeled `@mediaType` a blob payload takes any content type.
        if media_type != "application/octet-stream" {
            self.expect_content_type(media_type, false)?;
        }
        Ok(Some(Blob(self.body.to_vec())))
    }

    /// An `@httpPayload` string or enum (`None` for an empty body).
    ///
    /// # Errors
    /// [`Rejection`] for another content type or a body that is not UTF-8.
    pub fn text_payload<T: for<'s> From<&'s str>>(
        &self,
        media_type: &str,
    ) -> Result<Option<T>, Rejection> {
        if self.body.is_empty() {
            return Ok(None);
        }
        self.expect_content_type(media_type, true)?;
        std::str::from_utf8(self.body)
            .map(|s| Some(T::from(s)))
            .map_err(|e| Rejection::serialization(format!("body: {e}")))
    }

    fn expect_content_type(&self, expected: &str, json: bool) -> Result<(), Rejection> {
        let Some(value) = self.headers.get(CONTENT_TYPE) else {
            let empty = self.body.is_empty();
            return if empty || !json {
                Ok(())
            } else {
                Err(Rejection::UnsupportedMediaType)
            };
        };
        let essence = value
            .to_str()
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim();
        let expected = expected.split(';').next().unwrap_or(expected).trim();
        if essence.eq_ignore_ascii_case(expected) || expected.ends_with("/*") {
            Ok(())
        } else {
            Err(Rejection::UnsupportedMediaType)
        }
    }

    /// Checks the `Accept` header admits `media_type` (spec: a server answers 406
    /// otherwise).
    ///
    /// # Errors
    /// [`Rejection::NotAcceptable`].
    pub fn accept(&self, media_type: &str) -> Result<(), Rejection> {
        let Some(accept) = self.headers.get(ACCEPT).and_then(|v| v.to_str().ok()) else {
            return Ok(());
        };
        if media_type == "*/*" {
            return Ok(());
        }
        let (kind, _) = media_type.split_once('/').unwrap_or((media_type, ""));
        let ok = accept.split(',').any(|range| {
            let range = range.split(';').next().unwrap_or("").trim();
            range == "*/*" || range.eq_ignore_ascii_case(media_type) || range == format!("{kind}/*")
        });
        if ok {
            Ok(())
        } else {
            Err(Rejection::NotAcceptable)
        }
    }
}

fn parse_query(query: &str) -> Result<Vec<(String, String)>, Rejection> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((
                decode(k).map_err(Rejection::serialization)?,
                decode(v).map_err(Rejection::serialization)?,
            ))
        })
        .collect()
}

/// An HTTP response under construction: the generated `write` of an output or error
/// fills status, headers and body.
#[derive(Debug)]
pub struct ResponseBuilder {
    protocol: Protocol,
    /// The error's type, for protocols that send it in the body (`__type`; the XML
    /// protocols' `<Code>`).
    error_type: Option<String>,
    status: u16,
    headers: OutHeaders,
    body: Vec<u8>,
    /// Static for the protocol's own media types; owned for a payload's `@mediaType`.
    content_type: Option<Cow<'static, str>>,
}

impl ResponseBuilder {
    /// A restJson1 response with status `status` (the operation's `@http` code).
    pub fn new(status: u16) -> Self {
        Self::of(Protocol::RestJson1, status)
    }

    /// A response in `protocol` with status `status`.
    pub fn of(protocol: Protocol, status: u16) -> Self {
        ResponseBuilder {
            protocol,
            error_type: None,
            status,
            headers: OutHeaders::default(),
            body: Vec::new(),
            content_type: None,
        }
    }

    /// Sets header `name` (omitted for `None`); a list is comma-separated, quoting items
    /// that hold `,` or `"`. An empty list still sends the header, empty.
    ///
    /// # Errors
    /// [`BuildError`] when a value cannot be written or is not valid in a header.
    pub fn header(
        &mut self,
        name: &str,
        value: &impl ParamValues,
        format: TimestampFormat,
    ) -> Result<(), BuildError> {
        self.headers.set(name, value, format)
    }

    /// Sets one header per map entry, named `prefix` + key (a header bound to its own
    /// member wins).
    ///
    /// # Errors
    /// [`BuildError`] when a name or value is not valid in a header.
    pub fn prefix_headers(
        &mut self,
        prefix: &str,
        map: Option<&BTreeMap<String, String>>,
    ) -> Result<(), BuildError> {
        self.headers.prefixed(prefix, map)
    }

    /// The status from an `@httpResponseCode` member, when set.
    pub fn response_code(&mut self, code: Option<i32>) {
        if let Some(code) = code.and_then(|c| u16::try_from(c).ok()) {
            self.status = code;
        }
    }

    /// `value`'s serde form as the body, in the protocol's codec.
    ///
    /// # Errors
    /// [`BuildError`] when serde fails.
    pub fn body<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), BuildError> {
        let encoded = match &self.error_type {
            Some(type_) => super::body::encode(self.protocol, &super::body::Typed { type_, value }),
            None => super::body::encode(self.protocol, value),
        };
        self.body = encoded.map_err(|e| BuildError::new("body", e))?;
        self.content_type = Some(Cow::Borrowed(super::body::content_type(self.protocol)));
        Ok(())
    }

    /// restXml: the members of output or error `value` as the XML body, with
    /// `Content-Type: application/xml`. An output's root element is `T::XML.name`, with
    /// the shape's `@xmlNamespace`, else the service's; an error (after
    /// [`ResponseBuilder::error`]) is wrapped in its protocol's envelope,
    /// `<ErrorResponse><Error><Type>Sender|Receiver</Type><Code>…</Code>…members…</Error>
    /// <RequestId>…</RequestId></ErrorResponse>` (spec aws-restxml-protocol.rst "Error
    /// response serialization"; `<Error>` alone with `noErrorWrapping`).
    ///
    /// # Errors
    /// [`BuildError`] when a member cannot be written.
    #[cfg(feature = "xml")]
    pub fn xml_body<T: serde::Serialize + super::super::xml::Shape>(
        &mut self,
        value: &T,
    ) -> Result<(), BuildError> {
        let Some(code) = &self.error_type else {
            return self.xml_payload(Some(value), None);
        };
        self.body = super::envelope::modeled_error(self.protocol, code, self.status, T::XML, value)
            .map_err(|e| BuildError::new("body", e))?;
        self.content_type = Some(Cow::Borrowed(super::envelope::XML));
        Ok(())
    }

    /// restXml: an `@httpPayload` structure or union as the body, in the root element
    /// `name` (the member's `@xmlName`), else `T::XML.name` (no body when `None`).
    ///
    /// # Errors
    /// [`BuildError`] when a member cannot be written.
    #[cfg(feature = "xml")]
    pub fn xml_payload<T: serde::Serialize + super::super::xml::Shape>(
        &mut self,
        value: Option<&T>,
        name: Option<&str>,
    ) -> Result<(), BuildError> {
        let Some(value) = value else {
            return Ok(());
        };
        self.body = super::envelope::root_document(self.protocol, value, name)?;
        self.content_type = Some(Cow::Borrowed(super::envelope::XML));
        Ok(())
    }

    /// An `@httpPayload` structure, union or document (no body when `None`).
    ///
    /// # Errors
    /// [`BuildError`] when serde fails.
    pub fn json_payload<T: serde::Serialize>(
        &mut self,
        value: Option<&T>,
        structure: bool,
    ) -> Result<(), BuildError> {
        match value {
            Some(v) => self.body(v),
            // Unlike a request, a response sends no body for an absent payload.
            None => {
                let _ = structure;
                Ok(())
            }
        }
    }

    /// An `@httpPayload` blob.
    pub fn blob_payload(&mut self, value: Option<&Blob>, media_type: &str) {
        if let Some(blob) = value {
            self.body = blob.as_bytes().to_vec();
            self.content_type = Some(Cow::Owned(media_type.to_owned()));
        }
    }

    /// An `@httpPayload` string or enum.
    ///
    /// # Errors
    /// Never in practice (text values always write).
    pub fn text_payload<T: Param>(
        &mut self,
        value: Option<&T>,
        media_type: &str,
    ) -> Result<(), BuildError> {
        if let Some(v) = value {
            self.body = text(v, TimestampFormat::DateTime)
                .map_err(|e| BuildError::new("body", e))?
                .into_bytes();
            self.content_type = Some(Cow::Owned(media_type.to_owned()));
        }
        Ok(())
    }

    /// Marks the response as the error `code` (shape ID `id`, for a modeled one) with
    /// status `status`: an `X-Amzn-Errortype` header (restJson1), else a body member
    /// `__type`: the shape ID (awsJson1_0, Smithy RPC v2) or name (awsJson1_1); the XML
    /// protocols' envelope with `<Code>` the name (or the `@awsQueryError` code).
    pub fn error(&mut self, code: &str, id: Option<&str>, status: u16) {
        self.status = status;
        let type_ = match self.protocol {
            Protocol::RestJson1 => {
                // An error code the header cannot carry (never a modeled one) is left out.
                let _ = self.headers.set_text("x-amzn-errortype", code);
                return;
            }
            Protocol::AwsJson1_1(_)
            | Protocol::RestXml(_)
            | Protocol::AwsQuery(_)
            | Protocol::Ec2Query(_) => code,
            Protocol::AwsJson1_0(_) | Protocol::RpcV2Json(_) | Protocol::RpcV2Cbor(_) => {
                id.unwrap_or(code)
            }
        };
        self.error_type = Some(type_.to_owned());
    }

    /// Sets `x-amzn-query-error` (`Code;Sender` or `Code;Receiver`): the awsQuery code of
    /// an error in an `@awsQueryCompatible` service (spec aws-query-protocol.rst).
    ///
    /// # Errors
    /// [`BuildError`] when the value is not valid in a header.
    pub fn query_error(&mut self, value: &str) -> Result<(), BuildError> {
        self.headers.set_text("x-amzn-query-error", value)
    }

    /// Writes the modeled error `error`, code `code`, shape ID `id`, status `status`.
    ///
    /// # Errors
    /// [`BuildError`] when a member cannot be sent.
    pub fn modeled<E: super::Output>(
        &mut self,
        error: &E,
        code: &str,
        id: &str,
        status: u16,
    ) -> Result<(), BuildError> {
        self.error(code, Some(id), status);
        error.write(self)
    }

    /// Writes an error the model does not describe: its code (else
    /// `InternalFailure`), status (else 500) and message.
    pub fn unhandled(&mut self, error: &UnhandledError) {
        let code = error.code.as_deref().unwrap_or("InternalFailure");
        self.error(code, None, error.status.unwrap_or(500));
        self.message_body(error.message.as_deref());
    }

    /// The body of an error without modeled members (after [`ResponseBuilder::error`]):
    /// `{"message": …}` (`{}` for `None`), or in an XML protocol the error document with
    /// a `<Message>`.
    pub fn message_body(&mut self, message: Option<&str>) {
        if super::envelope::is_xml(self.protocol) {
            self.xml_error_body(message, &[]);
            return;
        }
        let body = match message {
            Some(m) => serde_json::json!({ "message": m }),
            None => serde_json::json!({}),
        };
        // A JSON value always serializes.
        let _ = self.body(&body);
    }

    /// An XML protocol's error document for the error set by [`ResponseBuilder::error`],
    /// with `message` and, for a validation error, its `fields` (path, message).
    pub(super) fn xml_error_body(&mut self, message: Option<&str>, fields: &[(&str, &str)]) {
        let code = self.error_type.as_deref().unwrap_or("InternalFailure");
        self.body =
            super::envelope::message_error(self.protocol, code, self.status, message, fields);
        self.content_type = Some(Cow::Borrowed(super::envelope::XML));
    }

    /// Assembles the response.
    pub fn build(mut self) -> http::Response<Vec<u8>> {
        if super::envelope::is_xml(self.protocol)
            && self.error_type.is_some()
            && self.content_type.is_none()
        {
            // An error all of whose members are bound to headers (or that has none)
            // still needs its envelope: its `<Code>` is how a client knows it.
            self.xml_error_body(None, &[]);
        }
        let mut response = http::Response::new(Vec::new());
        *response.status_mut() = http::StatusCode::from_u16(self.status)
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        let headers = response.headers_mut();
        // Every name and value was checked when set.
        for (name, value) in self.headers.iter() {
            if let (Ok(n), Ok(v)) = (
                http::HeaderName::from_bytes(name.as_bytes()),
                http::HeaderValue::from_str(value),
            ) {
                headers.append(n, v);
            }
        }
        // awsJson sends its Content-Type also without a body (spec: "empty body
        // serialization"); so does restXml, its default `application/xml` (spec
        // "Content-Type"; the suite's `RestXmlHttpResponseCode`).
        let content_type = self.content_type.or_else(|| match self.protocol {
            Protocol::AwsJson1_0(_) | Protocol::AwsJson1_1(_) | Protocol::RestXml(_) => {
                Some(Cow::Borrowed(super::body::content_type(self.protocol)))
            }
            _ => None,
        });
        if let Some(ct) = content_type.filter(|_| !headers.contains_key(CONTENT_TYPE)) {
            let value = match ct {
                // The protocols' own media types, all valid header values.
                Cow::Borrowed(ct) => Ok(http::HeaderValue::from_static(ct)),
                Cow::Owned(ct) => http::HeaderValue::try_from(ct),
            };
            if let Ok(value) = value {
                headers.insert(CONTENT_TYPE, value);
            }
        }
        if let Some(name) = super::rpc::smithy_protocol(self.protocol) {
            headers.insert("smithy-protocol", http::HeaderValue::from_static(name));
        }
        headers.insert(CONTENT_LENGTH, http::HeaderValue::from(self.body.len()));
        *response.body_mut() = self.body;
        response
    }
}

/// The rejection of a JSON body that did not read: a missing or `null` required member
/// is a constraint violation ("must not be null"), anything else malformed. Not generic,
/// so that it is compiled once rather than per input type.
fn body_rejection((path, message): super::body::BodyError) -> Rejection {
    if let Some(member) = super::json::missing_member(&message) {
        return Rejection::missing(format!("{path}/{member}").trim_start_matches('/'));
    }
    if super::json::null_member(&message) && !path.is_empty() {
        return Rejection::missing(&path);
    }
    Rejection::serialization(format!("body at `{path}`: {message}"))
}

/// The rejection of an XML body that did not read: a missing required member is a
/// constraint violation ("must not be null"), anything else malformed.
#[cfg(feature = "xml")]
fn xml_rejection(error: super::super::xml::Error) -> Rejection {
    if let Some(member) = super::json::missing_member(&error.message) {
        // The path names the elements from the root down to the member's structure:
        // the member's path is the part below the root.
        let below_root = error.path.trim_start_matches('/').split_once('/');
        return Rejection::missing(&match below_root {
            Some((_, path)) => format!("{path}/{member}"),
            None => member,
        });
    }
    Rejection::serialization(format!("body at `{}`: {}", error.path, error.message))
}

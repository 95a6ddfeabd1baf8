//! Client side: building an HTTP request from an operation input (spec http-bindings.rst;
//! aws/protocols/aws-restjson1-protocol.rst, aws-restxml-protocol.rst; the query
//! protocols' forms, aws-query-protocol.rst and aws-ec2-query-protocol.rst).

use std::collections::BTreeMap;

use std::borrow::Cow;

use super::super::operation::{Http, Protocol};
use super::super::param::{Param, TimestampFormat};
use super::super::scalar::Blob;
use super::encode::{encode_greedy, encode_label, encode_query};
use super::headers::OutHeaders;
use super::values::{text, ParamValues};
use super::BuildError;

/// An HTTP request under construction: the generated `write` of an input fills labels,
/// query, headers and body; [`RequestBuilder::build`] assembles them.
#[derive(Debug)]
pub struct RequestBuilder {
    protocol: Protocol,
    method: &'static str,
    /// The URI pattern: the `@http` one, or the RPC protocol's path.
    uri: Cow<'static, str>,
    labels: Vec<(&'static str, String)>,
    query: Vec<(String, String)>,
    headers: OutHeaders,
    body: Vec<u8>,
    content_type: Option<String>,
    host_prefix: Option<String>,
}

impl RequestBuilder {
    /// A restJson1 builder for an operation with `@http` trait `http`.
    pub fn new(http: Http) -> Self {
        Self::rest(Protocol::RestJson1, http)
    }

    /// A builder for an HTTP-binding `protocol` (restJson1, restXml) and an operation with
    /// `@http` trait `http`.
    pub(super) fn rest(protocol: Protocol, http: Http) -> Self {
        Self::with(protocol, http.method, Cow::Borrowed(http.uri))
    }

    /// A builder for an RPC `protocol`: a `POST` to `path` (no labels, no query).
    pub(super) fn rpc(protocol: Protocol, path: String) -> Self {
        Self::with(protocol, "POST", Cow::Owned(path))
    }

    fn with(protocol: Protocol, method: &'static str, uri: Cow<'static, str>) -> Self {
        RequestBuilder {
            protocol,
            method,
            uri,
            labels: Vec::new(),
            query: Vec::new(),
            headers: OutHeaders::default(),
            body: Vec::new(),
            content_type: None,
            host_prefix: None,
        }
    }

    /// Binds the URI label `{name}` (or `{name+}`): it must not be empty.
    ///
    /// # Errors
    /// [`BuildError`] when the value is empty or cannot be written.
    pub fn label(
        &mut self,
        name: &'static str,
        value: &impl Param,
        format: TimestampFormat,
    ) -> Result<(), BuildError> {
        let text = text(value, format).map_err(|e| BuildError::new(name, e))?;
        if text.is_empty() {
            return Err(BuildError::new(name, "a URI label must not be empty"));
        }
        self.labels.push((name, text));
        Ok(())
    }

    /// Adds `key` once per value (none for `None`, one per list item).
    ///
    /// # Errors
    /// [`BuildError`] when a value cannot be written.
    pub fn query(
        &mut self,
        key: &str,
        value: &impl ParamValues,
        format: TimestampFormat,
    ) -> Result<(), BuildError> {
        value
            .each(&mut |v| {
                self.query.push((key.to_owned(), text(v, format)?));
                Ok(())
            })
            .map_err(|e| BuildError::new(key, e))
    }

    /// Adds each entry of an `@httpQueryParams` map whose key no `@httpQuery` member
    /// already set (spec: explicit query members take precedence).
    ///
    /// # Errors
    /// [`BuildError`] when a value cannot be written.
    pub fn query_params<V: ParamValues>(
        &mut self,
        map: Option<&BTreeMap<String, V>>,
    ) -> Result<(), BuildError> {
        let taken: Vec<String> = self.query.iter().map(|(k, _)| k.clone()).collect();
        for (key, value) in map.into_iter().flatten() {
            if !taken.contains(key) {
                self.query(key, value, TimestampFormat::DateTime)?;
            }
        }
        Ok(())
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

    /// The body: `value`'s serde form (which leaves out members bound elsewhere) in the
    /// protocol's codec, with its `Content-Type`.
    ///
    /// # Errors
    /// [`BuildError`] when serde fails (e.g. a timestamp out of range).
    pub fn body<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), BuildError> {
        self.body =
            super::body::encode(self.protocol, value).map_err(|e| BuildError::new("body", e))?;
        self.content_type = Some(super::body::content_type(self.protocol).to_owned());
        Ok(())
    }

    /// Sets header `name` to `value` as it is (the RPC protocols' fixed headers).
    pub(super) fn fixed_header(&mut self, name: &str, value: &str) -> Result<(), BuildError> {
        self.headers.set_text(name, value)
    }

    /// The body: an `@httpPayload` structure, union or document (nothing when `None`).
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
            // An absent structure payload is sent as an empty object; an absent union or
            // document as no body.
            None if structure => self.body(&serde_json::json!({})),
            None => Ok(()),
        }
    }

    /// The body of a query protocol's request: the form so far (`Action`, `Version`).
    pub(super) fn form_body(&mut self, form: Vec<u8>) {
        self.body = form;
        self.content_type = Some(super::query::FORM.to_owned());
    }

    /// restXml: the body, `value`'s members as XML (those bound to HTTP elsewhere left
    /// out by its serde form), in the root element `T::XML.name` with the shape's
    /// `@xmlNamespace`, else the service's (spec aws-restxml-protocol.rst), and
    /// `Content-Type: application/xml`.
    ///
    /// # Errors
    /// [`BuildError`] when a member cannot be written (a timestamp out of range).
    #[cfg(feature = "xml")]
    pub fn xml_body<T: serde::Serialize + super::super::xml::Shape>(
        &mut self,
        value: &T,
    ) -> Result<(), BuildError> {
        self.xml_payload(Some(value), None)
    }

    /// restXml: the body, an `@httpPayload` structure or union (nothing when `None`), in
    /// the root element `name` (the member's `@xmlName`), else `T::XML.name`.
    ///
    /// # Errors
    /// As [`RequestBuilder::xml_body`].
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
        self.content_type = Some(super::envelope::XML.to_owned());
        Ok(())
    }

    /// awsQuery, ec2Query: the input's members as form pairs after `Action` and
    /// `Version`, named as the protocol's dialect says (spec aws-query-protocol.rst,
    /// aws-ec2-query-protocol.rst "Query key resolution"); HTTP bindings are ignored.
    ///
    /// # Errors
    /// [`BuildError`] when a member cannot be written, or the protocol is not a query
    /// protocol.
    #[cfg(feature = "xml")]
    pub fn form<T: serde::Serialize + super::super::xml::Shape>(
        &mut self,
        value: &T,
    ) -> Result<(), BuildError> {
        use super::super::xml::Dialect;
        let dialect = match self.protocol {
            Protocol::AwsQuery(_) => Dialect::Aws,
            Protocol::Ec2Query(_) => Dialect::Ec2,
            _ => {
                return Err(BuildError::new(
                    "body",
                    "only awsQuery and ec2Query requests are forms",
                ))
            }
        };
        let pairs = super::super::xml::to_form(value, T::XML, dialect)
            .map_err(|e| BuildError::new("body", e))?;
        let pairs = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        super::query::append_pairs(&mut self.body, pairs);
        Ok(())
    }

    /// The body: an `@httpPayload` blob, sent as it is.
    pub fn blob_payload(&mut self, value: Option<&Blob>, media_type: &str) {
        if let Some(blob) = value {
            self.body = blob.as_bytes().to_vec();
            self.content_type = Some(media_type.to_owned());
        }
    }

    /// The body: an `@httpPayload` string (or enum), sent as UTF-8 text.
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
            self.content_type = Some(media_type.to_owned());
        }
        Ok(())
    }

    /// Replaces `{name}` in the `@endpoint` host prefix `template` with the `@hostLabel`
    /// values given.
    ///
    /// # Errors
    /// [`BuildError`] when a label is empty or not a valid host label.
    pub fn host_prefix(
        &mut self,
        template: &str,
        labels: &[(&str, &str)],
    ) -> Result<(), BuildError> {
        let mut prefix = template.to_owned();
        for (name, value) in labels {
            let valid = !value.is_empty()
                && value
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
            if !valid {
                return Err(BuildError::new(
                    *name,
                    format!("`{value}` is not a valid host label"),
                ));
            }
            prefix = prefix.replace(&format!("{{{name}}}"), value);
        }
        self.host_prefix = Some(prefix);
        Ok(())
    }

    /// Assembles the request against `endpoint` (`scheme://host[:port][/base/path]`).
    ///
    /// # Errors
    /// [`BuildError`] when a label of the URI is missing or the result is not a valid
    /// HTTP request.
    pub fn build(self, endpoint: &str) -> Result<http::Request<Vec<u8>>, BuildError> {
        let invalid = |what: &str, e: &dyn std::fmt::Display| BuildError::new(what, e.to_string());
        let uri: http::Uri = self
            .uri(endpoint)?
            .parse()
            .map_err(|e| invalid("URI", &e))?;
        let method =
            http::Method::from_bytes(self.method.as_bytes()).map_err(|e| invalid("method", &e))?;
        let content_type = self
            .content_type
            .filter(|_| !self.headers.contains("content-type"));
        let length = self.body.len();
        // Built in place: `http::request::Builder` copies its parts at every step.
        let mut request = http::Request::new(self.body);
        *request.method_mut() = method;
        *request.uri_mut() = uri;
        let headers = request.headers_mut();
        for (name, value) in self.headers.iter() {
            // Names and values were checked when set.
            let name =
                http::HeaderName::from_bytes(name.as_bytes()).map_err(|e| invalid(name, &e))?;
            let value =
                http::HeaderValue::from_str(value).map_err(|e| invalid(name.as_str(), &e))?;
            headers.append(name, value);
        }
        if let Some(content_type) = content_type {
            let value = http::HeaderValue::from_str(&content_type)
                .map_err(|e| invalid("content-type", &e))?;
            headers.insert(http::header::CONTENT_TYPE, value);
        }
        if length > 0 {
            headers.insert(
                http::header::CONTENT_LENGTH,
                http::HeaderValue::from(length),
            );
        }
        Ok(request)
    }

    fn uri(&self, endpoint: &str) -> Result<String, BuildError> {
        let (scheme, rest) = endpoint.split_once("://").unwrap_or(("https", endpoint));
        let (host, base) = rest.split_once('/').unwrap_or((rest, ""));
        let host = match &self.host_prefix {
            Some(prefix) => format!("{prefix}{host}"),
            None => host.to_owned(),
        };
        let (pattern, literal_query) = self.uri.split_once('?').unwrap_or((&self.uri, ""));
        let mut uri = format!("{scheme}://{host}");
        let base = base.trim_end_matches('/');
        if !base.is_empty() {
            uri.push('/');
            uri.push_str(base);
        }
        for segment in pattern.split('/').filter(|s| !s.is_empty()) {
            uri.push('/');
            uri.push_str(&self.segment(segment)?);
        }
        if pattern.ends_with('/') {
            uri.push('/');
        }
        let mut pairs: Vec<String> = literal_query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect();
        pairs.extend(
            self.query
                .iter()
                .map(|(k, v)| format!("{}={}", encode_query(k), encode_query(v))),
        );
        if !pairs.is_empty() {
            uri.push('?');
            uri.push_str(&pairs.join("&"));
        }
        Ok(uri)
    }

    fn segment(&self, segment: &str) -> Result<String, BuildError> {
        let Some(label) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
            return Ok(segment.to_owned());
        };
        let (name, greedy) = match label.strip_suffix('+') {
            Some(name) => (name, true),
            None => (label, false),
        };
        let value = self
            .labels
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
            .ok_or_else(|| BuildError::new(name, "a URI label has no value"))?;
        Ok(if greedy {
            encode_greedy(value)
        } else {
            encode_label(value)
        })
    }
}

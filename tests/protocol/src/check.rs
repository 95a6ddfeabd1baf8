//! What a protocol compliance test compares (spec http-protocol-compliance-tests.rst):
//! requests and responses against the case's expectations, each mismatch a panic that
//! says what differs. Server cases run through each service's generated tower service
//! ([`serve`]) with a [`Recorder`] behind it.

use std::any::Any;
use std::fmt::Debug;
use std::sync::Mutex;

/// A request case's expectations (client side).
#[derive(Debug, Default)]
pub struct ExpectedRequest<'a> {
    pub method: &'a str,
    pub uri: &'a str,
    pub resolved_host: Option<&'a str>,
    pub query_params: &'a [&'a str],
    pub forbid_query_params: &'a [&'a str],
    pub require_query_params: &'a [&'a str],
    pub headers: &'a [(&'a str, &'a str)],
    pub forbid_headers: &'a [&'a str],
    pub require_headers: &'a [&'a str],
    pub body: Option<&'a str>,
    pub body_media_type: Option<&'a str>,
}

/// A response case's expectations (server side), or a malformed request's response.
#[derive(Debug, Default)]
pub struct ExpectedResponse<'a> {
    pub code: u16,
    pub headers: &'a [(&'a str, &'a str)],
    pub forbid_headers: &'a [&'a str],
    pub require_headers: &'a [&'a str],
    pub body: Option<&'a str>,
    pub body_media_type: Option<&'a str>,
    /// Malformed-request cases: the body's `message` must match this regex.
    pub message_regex: Option<&'a str>,
}

/// The query string's `key[=value]` pairs as sent: percent-encoded, as the suite writes
/// its expectations (a key without `=` has the value `None`, told apart from `key=`).
fn pairs(query: &str) -> Vec<(&str, Option<&str>)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (p, None),
        })
        .collect()
}

/// Checks a serialized request. The path and the query are compared in their
/// percent-encoded wire form, as http-protocol-compliance-tests.rst writes them: a label or
/// query value encoded differently is a different request.
pub fn check_request(actual: &http::Request<Vec<u8>>, e: &ExpectedRequest<'_>) {
    assert_eq!(actual.method().as_str(), e.method, "method");
    assert_eq!(actual.uri().path(), e.uri, "path (wire form)");
    if let Some(host) = e.resolved_host {
        assert_eq!(actual.uri().host(), Some(host), "resolved host");
    }
    let query = pairs(actual.uri().query().unwrap_or(""));
    for expected in e.query_params {
        let pair = pairs(expected);
        assert!(
            pair.len() == 1 && query.contains(&pair[0]),
            "query `{expected}` missing from {query:?} (wire form)"
        );
    }
    for key in e.forbid_query_params {
        assert!(
            !query.iter().any(|(k, _)| k == key),
            "forbidden query `{key}` present"
        );
    }
    for key in e.require_query_params {
        assert!(
            query.iter().any(|(k, _)| k == key),
            "required query `{key}` missing"
        );
    }
    check_headers(
        actual.headers(),
        e.headers,
        e.forbid_headers,
        e.require_headers,
    );
    if let Some(body) = e.body {
        check_body(actual.body(), body, e.body_media_type);
    }
}

/// Checks a serialized response.
pub fn check_response(actual: &http::Response<Vec<u8>>, e: &ExpectedResponse<'_>) {
    assert_eq!(
        actual.status().as_u16(),
        e.code,
        "status; body {:?}",
        String::from_utf8_lossy(actual.body())
    );
    check_headers(
        actual.headers(),
        e.headers,
        e.forbid_headers,
        e.require_headers,
    );
    if let Some(body) = e.body {
        check_body(actual.body(), body, e.body_media_type);
    }
    if let Some(regex) = e.message_regex {
        let value: serde_json::Value = serde_json::from_slice(actual.body()).expect("JSON body");
        let message = value["message"].as_str().unwrap_or_default();
        let re = regex_lite::Regex::new(regex).expect("valid regex");
        assert!(
            re.is_match(message),
            "message {message:?} does not match {regex}"
        );
    }
}

fn check_headers(
    actual: &http::HeaderMap,
    headers: &[(&str, &str)],
    forbid: &[&str],
    require: &[&str],
) {
    for (name, value) in headers {
        let got: Vec<&str> = actual
            .get_all(*name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        // Listed means present, even with an empty expected value.
        assert!(
            !got.is_empty(),
            "header `{name}` missing (expected {value:?})"
        );
        assert_eq!(got.join(", "), *value, "header `{name}`");
    }
    for name in forbid {
        assert!(
            !actual.contains_key(*name),
            "forbidden header `{name}` present"
        );
    }
    for name in require {
        assert!(
            actual.contains_key(*name),
            "required header `{name}` missing"
        );
    }
}

fn check_body(actual: &[u8], expected: &str, media_type: Option<&str>) {
    match media_type {
        Some("application/cbor") => return check_cbor_body(actual, expected),
        Some("application/xml") => return check_xml_body(actual, expected),
        Some("application/x-www-form-urlencoded") => return check_form_body(actual, expected),
        _ => {}
    }
    let json = media_type.is_some_and(|m| m.contains("json"));
    if json && !expected.is_empty() {
        let want: serde_json::Value = serde_json::from_str(expected).expect("expected JSON");
        let got: serde_json::Value = serde_json::from_slice(actual).unwrap_or_else(|e| {
            panic!(
                "body is not JSON ({e}): {:?}",
                String::from_utf8_lossy(actual)
            )
        });
        assert_eq!(got, want, "JSON body");
    } else {
        assert_eq!(String::from_utf8_lossy(actual), expected, "body");
    }
}

/// A request as a case describes it.
pub fn request(
    method: &str,
    uri: &str,
    query_params: &[&str],
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> http::Request<Vec<u8>> {
    let target = if query_params.is_empty() {
        uri.to_owned()
    } else {
        format!("{uri}?{}", query_params.join("&"))
    };
    let mut builder = http::Request::builder().method(method).uri(target);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder
        .body(body.unwrap_or_default().to_vec())
        .expect("a valid test request")
}

/// A response as a case describes it.
pub fn response(
    code: u16,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(code);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder
        .body(body.unwrap_or_default().to_vec())
        .expect("a valid test response")
}

/// Equal; or, only for values holding NaN (which is not equal to itself), equal in
/// `Debug` text with a NaN in it and nothing redacted (a redacted `@sensitive` value
/// prints the same whatever it holds, so its text proves nothing).
pub fn assert_same<T: PartialEq + Debug>(actual: &T, expected: &T) {
    if actual == expected {
        return;
    }
    let (got, want) = (format!("{actual:?}"), format!("{expected:?}"));
    let nan_explains_it = want.contains("NaN") && !want.contains(crate::runtime::REDACTED);
    assert!(
        nan_explains_it && got == want,
        "values differ:\n  got  {got}\n  want {want}"
    );
}

/// A service trait implementation for the suite's server cases (the generated test file
/// implements each service's trait on a wrapper of it): it keeps the input it is called
/// with and answers the reply it was given.
#[derive(Default)]
pub struct Recorder {
    input: Mutex<Option<Box<dyn Any + Send>>>,
    reply: Mutex<Option<Box<dyn Any + Send>>>,
}

impl Recorder {
    /// A recorder that answers `reply` (an operation's `Result<Output, Error>`).
    pub fn replying<R: Any + Send>(reply: R) -> Self {
        Recorder {
            input: Mutex::default(),
            reply: Mutex::new(Some(Box::new(reply))),
        }
    }

    /// Keeps `input`; the scripted reply, if it is an `R` (`None` otherwise: the
    /// implementation then answers "not implemented").
    pub fn call<I: Any + Send, R: Any>(&self, input: I) -> Option<R> {
        *lock(&self.input) = Some(Box::new(input));
        let reply = lock(&self.reply).take()?;
        reply.downcast::<R>().ok().map(|r| *r)
    }

    /// The input the service was called with, if it was called (with an `I`).
    pub fn input<I: Any>(&self) -> Option<I> {
        let input = lock(&self.input).take()?;
        input.downcast::<I>().ok().map(|i| *i)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// `request` answered by the tower service `service`, the response body collected.
pub fn serve<S>(service: &S, request: http::Request<Vec<u8>>) -> http::Response<Vec<u8>>
where
    S: tower_service::Service<
            http::Request<http_body_util::Full<bytes::Bytes>>,
            Response = http::Response<http_body_util::Full<bytes::Bytes>>,
        > + Clone,
    S::Error: Debug,
{
    use http_body_util::BodyExt;
    let request = request.map(|body| http_body_util::Full::new(bytes::Bytes::from(body)));
    let mut service = service.clone();
    pollster::block_on(async move {
        let response = service
            .call(request)
            .await
            .expect("the service is infallible");
        let (parts, body) = response.into_parts();
        let body = match body.collect().await {
            Ok(collected) => collected.to_bytes().to_vec(),
            Err(never) => match never {},
        };
        http::Response::from_parts(parts, body)
    })
}

/// `request` (a client's, with an absolute URI) as a server receives it: origin-form URI.
pub fn received(request: http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let (mut parts, body) = request.into_parts();
    if let Some(path) = parts.uri.path_and_query() {
        if let Ok(uri) = path.as_str().parse() {
            parts.uri = uri;
        }
    }
    http::Request::from_parts(parts, body)
}

/// A CBOR body against a case's (base64) body: equal as CBOR data items, whatever the
/// encoding (definite or indefinite lengths, float widths, map order).
fn check_cbor_body(actual: &[u8], expected: &str) {
    use base64::Engine as _;
    let expected = base64::engine::general_purpose::STANDARD
        .decode(expected.trim())
        .expect("a case's CBOR body is base64");
    if expected.is_empty() {
        assert!(actual.is_empty(), "body: expected none, got {actual:02x?}");
        return;
    }
    let read = |bytes: &[u8]| -> ciborium::Value {
        ciborium::from_reader(bytes).unwrap_or_else(|e| panic!("not CBOR ({e}): {bytes:02x?}"))
    };
    let (got, want) = (normalized(read(actual)), normalized(read(&expected)));
    assert!(
        cbor_equal(&got, &want),
        "CBOR body\n  got  {got:?}\n  want {want:?}"
    );
}

/// `value` with every map's entries in one order (by the `Debug` text of their keys).
fn normalized(value: ciborium::Value) -> ciborium::Value {
    use ciborium::Value;
    match value {
        Value::Array(items) => Value::Array(items.into_iter().map(normalized).collect()),
        Value::Map(entries) => {
            let mut entries: Vec<(Value, Value)> = entries
                .into_iter()
                .map(|(k, v)| (normalized(k), normalized(v)))
                .collect();
            entries.sort_by_cached_key(|(k, _)| format!("{k:?}"));
            Value::Map(entries)
        }
        Value::Tag(tag, inner) => Value::Tag(tag, Box::new(normalized(*inner))),
        other => other,
    }
}

/// Equal data items, NaN equal to NaN.
fn cbor_equal(a: &ciborium::Value, b: &ciborium::Value) -> bool {
    use ciborium::Value;
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| cbor_equal(x, y))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((kx, vx), (ky, vy))| cbor_equal(kx, ky) && cbor_equal(vx, vy))
        }
        // A timestamp (tag 1) is epoch seconds as an integer or a float, either one (spec
        // smithy-rpc-v2-cbor.rst "Timestamp type serialization"); the suite's cases
        // use both for the same value (`0` and `0.0`), so the seconds are compared.
        (Value::Tag(1, x), Value::Tag(1, y)) => match (seconds(x), seconds(y)) {
            (Some(x), Some(y)) => x == y,
            _ => cbor_equal(x, y),
        },
        (Value::Tag(t, x), Value::Tag(u, y)) => t == u && cbor_equal(x, y),
        _ => a == b,
    }
}

/// An epoch-seconds number, integer or float.
fn seconds(value: &ciborium::Value) -> Option<f64> {
    match value {
        ciborium::Value::Integer(i) => i128::from(*i).to_string().parse().ok(),
        ciborium::Value::Float(f) => Some(*f),
        _ => None,
    }
}

/// A form body (awsQuery, ec2Query) against a case's: the same `key=value` pairs in their
/// percent-encoded wire form, in any order (the pairs' order carries no meaning).
fn check_form_body(actual: &[u8], expected: &str) {
    let actual = String::from_utf8_lossy(actual);
    let sorted = |body: &str| {
        let mut pairs: Vec<String> = body
            .split('&')
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect();
        pairs.sort();
        pairs
    };
    assert_eq!(
        sorted(&actual),
        sorted(expected.trim()),
        "form body (wire form)\n  got  {actual}\n  want {expected}"
    );
}

/// An XML body against a case's: equal as XML trees in the canonical form of
/// [`canonical_xml`]; an empty expected body means no body.
fn check_xml_body(actual: &[u8], expected: &str) {
    let actual = String::from_utf8_lossy(actual);
    if expected.trim().is_empty() {
        assert!(
            actual.trim().is_empty(),
            "body: expected none, got {actual}"
        );
        return;
    }
    let canonical = |text: &str, which: &str| {
        let document = roxmltree::Document::parse(text)
            .unwrap_or_else(|e| panic!("{which} body is not XML ({e}): {text}"));
        canonical_xml(document.root_element())
    };
    let (got, want) = (
        canonical(&actual, "the actual"),
        canonical(expected, "the case's"),
    );
    assert_eq!(got, want, "XML body\n  got  {actual}\n  want {expected}");
}

/// An element as text in a canonical form: its name as written, its attributes
/// (namespace declarations included) sorted, its text as it is (none for an element with
/// child elements: there, text is the case's layout), and its children sorted by name — stably, so that same-named
/// siblings (a list's items) keep their order — except that a run of same-named siblings
/// that each hold elements of their own (map entries, which a case may list in any order,
/// or a list of structures) is sorted by canonical text too.
fn canonical_xml(node: roxmltree::Node<'_, '_>) -> String {
    let tag = |n: roxmltree::Node<'_, '_>| match n
        .tag_name()
        .namespace()
        .and_then(|uri| n.lookup_prefix(uri))
    {
        Some(prefix) if !prefix.is_empty() => format!("{prefix}:{}", n.tag_name().name()),
        _ => n.tag_name().name().to_owned(),
    };
    let mut attributes: Vec<String> = node
        .namespaces()
        .filter(|ns| {
            node.parent_element()
                .is_none_or(|p| p.lookup_namespace_uri(ns.name()) != Some(ns.uri()))
        })
        .map(|ns| match ns.name() {
            Some(prefix) => format!("xmlns:{prefix}={:?}", ns.uri()),
            None => format!("xmlns={:?}", ns.uri()),
        })
        .chain(node.attributes().map(|a| {
            let name = match a.namespace().and_then(|uri| node.lookup_prefix(uri)) {
                Some(prefix) => format!("{prefix}:{}", a.name()),
                None => a.name().to_owned(),
            };
            format!("{name}={:?}", a.value())
        }))
        .collect();
    attributes.sort();
    let has_children = node.children().any(|c| c.is_element());
    let text: String = if has_children {
        String::new()
    } else {
        node.children().filter_map(|t| t.text()).collect()
    };
    let mut children: Vec<(String, bool, String)> = node
        .children()
        .filter(roxmltree::Node::is_element)
        .map(|c| {
            (
                tag(c),
                c.children().any(|g| g.is_element()),
                canonical_xml(c),
            )
        })
        .collect();
    children.sort_by(|a, b| a.0.cmp(&b.0));
    for run in children.chunk_by_mut(|a, b| a.0 == b.0) {
        if run.len() > 1 && run.iter().all(|c| c.1) {
            run.sort_by(|a, b| a.2.cmp(&b.2));
        }
    }
    let inner: String = children.into_iter().map(|c| c.2).collect();
    format!("<{} {}>{text}{inner}</>", tag(node), attributes.join(" "))
}

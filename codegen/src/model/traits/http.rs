//! HTTP binding traits (spec http-bindings.rst) and endpoint traits (endpoint-traits.rst).

use serde_json::Value;

use super::read::{At, Obj, Result};

/// The `@http` trait of an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Http {
    /// The HTTP method, e.g. `POST` (as written; the spec does not restrict it).
    pub method: String,
    /// The URI pattern.
    pub uri: UriPattern,
    /// The success status code (default 200).
    pub code: u16,
}

/// An `@http` URI pattern (spec http-bindings.rst "uri"): a path of literal and label
/// segments, then an optional literal query string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UriPattern {
    /// The pattern as written, e.g. `/accounts/{accountId}/rooms?operation=x`.
    pub text: String,
    /// The path segments after the leading `/` (empty for `/`); a trailing `/` is not
    /// one.
    pub segments: Vec<Segment>,
    /// Literal query parameters, in order: `?a=b&c` is `[("a", Some("b")), ("c", None)]`.
    pub query: Vec<(String, Option<String>)>,
}

/// One path segment of a [`UriPattern`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Literal text.
    Literal(String),
    /// `{name}`: one segment taken from an `@httpLabel` member.
    Label(String),
    /// `{name+}`: one or more segments, `/` kept.
    Greedy(String),
}

impl UriPattern {
    /// Parses a URI pattern.
    ///
    /// # Errors
    /// Why the text is not a valid pattern: not starting with `/`, an empty segment (`//`;
    /// a trailing `/` is allowed), a label that is not a whole segment, two greedy labels,
    /// a repeated label or query key.
    pub fn parse(text: &str) -> std::result::Result<Self, String> {
        let Some(rest) = text.strip_prefix('/') else {
            return Err(format!("needs a `uri` starting with `/`, found `{text}`"));
        };
        let (path, query) = match rest.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (rest, None),
        };
        // http-bindings.rst "uri" forbids empty path segments (`//`), not a trailing `/`:
        // one is kept in `text` (a client sends the path as modeled) and is not a
        // segment (a server matches the path with or without it, "Literal character
        // sequences").
        if path.starts_with('/') || path.contains("//") {
            return Err(format!("uri `{text}` has an empty path segment (`//`)"));
        }
        let path = path.strip_suffix('/').unwrap_or(path);
        let mut segments = Vec::new();
        if !path.is_empty() {
            for raw in path.split('/') {
                segments.push(segment(text, raw)?);
            }
        }
        let labels: Vec<&str> = segments.iter().filter_map(Segment::label).collect();
        if let Some(dup) = labels
            .iter()
            .enumerate()
            .find(|(i, l)| labels[..*i].contains(l))
        {
            return Err(format!("uri `{text}` repeats the label `{}`", dup.1));
        }
        let greedy = segments
            .iter()
            .filter(|s| matches!(s, Segment::Greedy(_)))
            .count();
        if greedy > 1 {
            return Err(format!("uri `{text}` has more than one greedy label"));
        }
        let mut literal_query: Vec<(String, Option<String>)> = Vec::new();
        for pair in query
            .into_iter()
            .flat_map(|q| q.split('&'))
            .filter(|p| !p.is_empty())
        {
            let (key, value) = match pair.split_once('=') {
                Some((k, v)) => (k, Some(v.to_owned())),
                None => (pair, None),
            };
            if key.is_empty() || pair.contains(['{', '}']) {
                return Err(format!(
                    "uri `{text}` has an invalid query literal `{pair}`"
                ));
            }
            if literal_query.iter().any(|(k, _)| k == key) {
                return Err(format!("uri `{text}` repeats the query key `{key}`"));
            }
            literal_query.push((key.to_owned(), value));
        }
        Ok(UriPattern {
            text: text.to_owned(),
            segments,
            query: literal_query,
        })
    }

    /// The label names, in path order.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(Segment::label)
    }
}

impl Segment {
    /// The label name of a label or greedy label segment.
    pub fn label(&self) -> Option<&str> {
        match self {
            Segment::Literal(_) => None,
            Segment::Label(l) | Segment::Greedy(l) => Some(l),
        }
    }
}

fn segment(uri: &str, raw: &str) -> std::result::Result<Segment, String> {
    match raw.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
        Some(inner) => {
            let (name, greedy) = match inner.strip_suffix('+') {
                Some(name) => (name, true),
                None => (inner, false),
            };
            if !crate::model::is_identifier(name) {
                return Err(format!("uri `{uri}` has an invalid label `{raw}`"));
            }
            Ok(if greedy {
                Segment::Greedy(name.to_owned())
            } else {
                Segment::Label(name.to_owned())
            })
        }
        None if raw.contains(['{', '}']) => Err(format!(
            "uri `{uri}`: a label must be a whole segment, found `{raw}`"
        )),
        None => Ok(Segment::Literal(raw.to_owned())),
    }
}

pub(super) fn http(at: &At<'_>, v: &Value) -> Result<Http> {
    let o = Obj::new(at, v)?;
    let method = o.req_string("method")?;
    if method.is_empty() {
        return at.key("method").error("the method is empty");
    }
    let uri = o.req("uri", |at, v| {
        let text = at.string(v)?;
        UriPattern::parse(&text).or_else(|e| at.error(e))
    })?;
    Ok(Http {
        method,
        uri,
        code: o
            .opt("code", |at: &At<'_>, v: &Value| at.status(v))?
            .unwrap_or(200),
    })
}

/// Where a member travels in an HTTP message (spec http-bindings.rst); members without a
/// binding go in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpBinding {
    /// `@httpLabel`.
    Label,
    /// `@httpQuery("key")`.
    Query(String),
    /// `@httpQueryParams`.
    QueryParams,
    /// `@httpHeader("Name")`.
    Header(String),
    /// `@httpPrefixHeaders("prefix")`.
    PrefixHeaders(String),
    /// `@httpPayload`.
    Payload,
    /// `@httpResponseCode`.
    ResponseCode,
}

/// The `@endpoint` trait: a host prefix with `{label}`s bound by `@hostLabel` members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// E.g. `{foo}.data.`.
    pub host_prefix: String,
}

pub(super) fn endpoint(at: &At<'_>, v: &Value) -> Result<Endpoint> {
    Ok(Endpoint {
        host_prefix: Obj::new(at, v)?.req_string("hostPrefix")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_uri_patterns() {
        let p = UriPattern::parse("/accounts/{AccountId}/rooms/{Key+}?operation=x&flag").unwrap();
        assert_eq!(
            p.segments,
            vec![
                Segment::Literal("accounts".into()),
                Segment::Label("AccountId".into()),
                Segment::Literal("rooms".into()),
                Segment::Greedy("Key".into()),
            ]
        );
        assert_eq!(
            p.query,
            vec![
                ("operation".into(), Some("x".into())),
                ("flag".into(), None)
            ]
        );
        assert_eq!(p.labels().collect::<Vec<_>>(), ["AccountId", "Key"]);
        assert!(UriPattern::parse("/").unwrap().segments.is_empty());
    }

    #[test]
    fn a_trailing_slash_is_kept_in_the_text_and_is_not_a_segment() {
        // rum's `/appmonitors/{Id}/`, neptune-graph's `/graphs/{graphIdentifier}/endpoints/`.
        let p = UriPattern::parse("/appmonitors/{Id}/?x=1").unwrap();
        assert_eq!(p.text, "/appmonitors/{Id}/?x=1");
        assert_eq!(
            p.segments,
            vec![
                Segment::Literal("appmonitors".into()),
                Segment::Label("Id".into())
            ]
        );
        assert_eq!(p.query, vec![("x".into(), Some("1".into()))]);
    }

    #[test]
    fn rejects_bad_uri_patterns() {
        for bad in [
            "rooms",
            "/a//b",
            "//",
            "//a",
            "/a//",
            "/a{b}",
            "/{a}/{a}",
            "/{a+}/{b+}",
            "/a?=x",
            "/{1}",
        ] {
            assert!(UriPattern::parse(bad).is_err(), "{bad}");
        }
    }
}

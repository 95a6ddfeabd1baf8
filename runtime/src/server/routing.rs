//! Which operation a request is for. restJson1: its method, path and query against every
//! operation's `@http` trait, the most specific pattern first (spec http-bindings.rst
//! "Specificity Routing"). The RPC protocols: the operation its target names
//! (`X-Amz-Target` or the `/service/{S}/operation/{O}` path, see
//! [`rpc_target`](super::super::protocol::rpc_target)).

use std::cmp::Ordering;

use super::super::operation::{Http, Protocol};

/// One routable operation: its index in the service's dispatch table and its `@http`
/// (which the RPC protocols ignore: they route by name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// The operation's index in the generated dispatch `match`.
    pub operation: usize,
    /// The operation's name, for tracing.
    pub name: &'static str,
    /// Its `@http` trait (`None`: the operation has none, and only an RPC protocol,
    /// which routes by name, routes it).
    pub http: Option<Http>,
}

impl Route {
    /// The `@http` of a restJson1 route ([`Routes::new`] keeps only those that have one).
    fn http(&self) -> Http {
        self.http.unwrap_or(Http::new("", "", 0))
    }
}

/// Why no operation takes a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Miss {
    /// No pattern matches the path and query (404 `UnknownOperationException`).
    NotFound,
    /// Patterns match the path, none with this method (405, `Allow` lists theirs).
    MethodNotAllowed(Vec<&'static str>),
}

/// A service's routes, most specific first.
#[derive(Debug, Clone)]
pub struct Routes {
    protocol: Protocol,
    routes: Vec<Route>,
    /// Each route's pattern, split once (same order).
    patterns: Vec<Pattern>,
    /// Whether any pattern has a literal query (else the query is never decoded).
    any_query: bool,
}

/// A URI pattern split into segments and literal query parameters.
#[derive(Debug, Clone)]
struct Pattern {
    segments: Vec<Part>,
    /// The index of the greedy label, if any.
    greedy: Option<usize>,
    /// Literal query parameters: key, and the value if the pattern gives one.
    query: Vec<(String, Option<String>)>,
}

#[derive(Debug, Clone)]
enum Part {
    Literal(String),
    Label,
    Greedy,
}

impl Pattern {
    fn new(uri: &str) -> Self {
        let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
        let segments: Vec<Part> = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(
                |s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    None => Part::Literal(s.to_owned()),
                    Some(l) if l.ends_with('+') => Part::Greedy,
                    Some(_) => Part::Label,
                },
            )
            .collect();
        let greedy = segments.iter().position(|p| matches!(p, Part::Greedy));
        let query = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| match pair.split_once('=') {
                Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
                None => (pair.to_owned(), None),
            })
            .collect();
        Pattern {
            segments,
            greedy,
            query,
        }
    }

    /// Whether `path` (its non-empty segments, raw) and `query` (decoded) match, as the
    /// request parser's matcher decides (http-bindings.rst "uri"): literals equal, a
    /// label one segment, the greedy label one or more; literal query parameters present.
    fn matches(&self, path: &[&str], query: &[(String, String)]) -> bool {
        let literal = |part: &Part, got: &str| match part {
            Part::Literal(l) => l == got,
            Part::Label | Part::Greedy => true,
        };
        let path_ok = match self.greedy {
            None => {
                path.len() == self.segments.len()
                    && self.segments.iter().zip(path).all(|(p, g)| literal(p, g))
            }
            Some(g) => {
                let after = self.segments.len() - g - 1;
                path.len() > g + after
                    && self.segments[..g]
                        .iter()
                        .zip(path)
                        .all(|(p, s)| literal(p, s))
                    && self.segments[g + 1..]
                        .iter()
                        .zip(&path[path.len() - after..])
                        .all(|(p, s)| literal(p, s))
            }
        };
        path_ok
            && self.query.iter().all(|(key, value)| {
                query
                    .iter()
                    .any(|(k, v)| k == key && value.as_ref().is_none_or(|value| v == value))
            })
    }
}

impl Routes {
    /// The routes of `table`, ordered by specificity (ties keep table order, so the
    /// result is deterministic).
    pub fn new(table: &[Route]) -> Self {
        Self::http(Protocol::RestJson1, table)
    }

    /// The routes of a service speaking `protocol`: by `@http` for restJson1 and restXml
    /// ([`Routes::new`]'s order), by operation name for an RPC protocol
    /// ([`Routes::rpc`]). Misses are answered in `protocol`.
    pub fn of(protocol: Protocol, table: &[Route]) -> Self {
        match protocol.rpc() {
            Some(_) => Self::rpc(protocol, table),
            None => Self::http(protocol, table),
        }
    }

    /// [`Routes::new`] for an HTTP-binding `protocol`.
    fn http(protocol: Protocol, table: &[Route]) -> Self {
        let mut routes: Vec<Route> = table.iter().filter(|r| r.http.is_some()).copied().collect();
        routes.sort_by(|a, b| specificity(b.http().uri, a.http().uri));
        let patterns: Vec<Pattern> = routes.iter().map(|r| Pattern::new(r.http().uri)).collect();
        let any_query = patterns.iter().any(|p| !p.query.is_empty());
        Routes {
            protocol,
            routes,
            patterns,
            any_query,
        }
    }

    /// The routes of an RPC `protocol`'s service: by operation name.
    pub fn rpc(protocol: Protocol, table: &[Route]) -> Self {
        Routes {
            protocol,
            routes: table.to_vec(),
            patterns: Vec::new(),
            any_query: false,
        }
    }

    /// The protocol the service speaks.
    pub fn protocol(&self) -> Protocol {
        self.protocol
    }

    /// The route for `request`, in the service's protocol.
    ///
    /// # Errors
    /// [`Miss`] when no operation takes it.
    pub fn route<B>(&self, request: &http::Request<B>) -> Result<&Route, Miss> {
        let uri = request.uri();
        let Some(rpc) = self.protocol.rpc() else {
            return self.find(
                request.method().as_str(),
                uri.path(),
                uri.query().unwrap_or(""),
            );
        };
        let target =
            super::super::protocol::rpc_target(self.protocol, uri.path(), request.headers());
        match target {
            Some((service, operation)) if service == rpc.service => self
                .routes
                .iter()
                .find(|r| r.name == operation)
                .ok_or(Miss::NotFound),
            _ => Err(Miss::NotFound),
        }
    }

    /// The route for a request with `method`, `path` and (raw) `query`.
    ///
    /// # Errors
    /// [`Miss`] when no operation has this method and path.
    pub fn find(&self, method: &str, path: &str, query: &str) -> Result<&Route, Miss> {
        let query = if self.any_query {
            decoded_query(query)
        } else {
            Vec::new()
        };
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let mut allowed: Vec<&'static str> = Vec::new();
        for (route, pattern) in self.routes.iter().zip(&self.patterns) {
            // A label whose escapes are not UTF-8 still selects the route: the
            // operation's parser answers it with a 400 naming the label.
            if !pattern.matches(&segments, &query) {
                continue;
            }
            let http = route.http();
            if http.method == method {
                return Ok(route);
            }
            if !allowed.contains(&http.method) {
                allowed.push(http.method);
            }
        }
        if allowed.is_empty() {
            Err(Miss::NotFound)
        } else {
            allowed.sort_unstable();
            Err(Miss::MethodNotAllowed(allowed))
        }
    }

    /// Every route, most specific first.
    pub fn iter(&self) -> impl Iterator<Item = &Route> {
        self.routes.iter()
    }
}

/// The query's pairs, percent-decoded; a pair that does not decode is kept raw (it can
/// only fail to equal a literal query of a pattern, and the parser reports it).
fn decoded_query(query: &str) -> Vec<(String, String)> {
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .map_or_else(|_| s.to_owned(), |c| c.into_owned())
    };
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// A path segment's kind, most specific first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Segment {
    Literal,
    Label,
    Greedy,
}

fn segments(pattern: &str) -> (Vec<Segment>, usize) {
    let (path, query) = pattern.split_once('?').unwrap_or((pattern, ""));
    let kinds = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(
            |s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                None => Segment::Literal,
                Some(l) if l.ends_with('+') => Segment::Greedy,
                Some(_) => Segment::Label,
            },
        )
        .collect();
    let literals = query.split('&').filter(|p| !p.is_empty()).count();
    (kinds, literals)
}

/// `Greater` when pattern `a` is more specific than `b`: at the first position where
/// they differ a literal beats a label and a label beats a greedy label; then more
/// segments win; then more literal query parameters.
pub(crate) fn specificity(a: &str, b: &str) -> Ordering {
    let ((a_path, a_query), (b_path, b_query)) = (segments(a), segments(b));
    for (x, y) in a_path.iter().zip(&b_path) {
        match y.cmp(x) {
            Ordering::Equal => {}
            other => return other,
        }
    }
    a_path.len().cmp(&b_path.len()).then(a_query.cmp(&b_query))
}

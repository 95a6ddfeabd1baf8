//! Matching a request path and query against `@http` URI patterns (spec
//! http-bindings.rst "uri"): literal segments equal, a label takes one non-empty segment,
//! a greedy label one or more; literal query parameters must be present.

use super::encode::decode;
use super::Rejection;

/// Labels of `path` under `pattern` (percent-decoded), or `None` when it does not match.
/// `query` is the request's decoded query, checked against the pattern's literal query.
///
/// # Errors
/// `Some(Err)` when a segment's escapes are not UTF-8.
pub(super) fn match_uri(
    pattern: &str,
    path: &str,
    query: &[(String, String)],
) -> Option<Result<Vec<(String, String)>, Rejection>> {
    let (pattern_path, literal_query) = pattern.split_once('?').unwrap_or((pattern, ""));
    for pair in literal_query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair
            .split_once('=')
            .map_or((pair, None), |(k, v)| (k, Some(v)));
        let present = query
            .iter()
            .any(|(k, v)| k == key && value.is_none_or(|value| v == value));
        if !present {
            return None;
        }
    }
    let wanted: Vec<&str> = pattern_path.split('/').filter(|s| !s.is_empty()).collect();
    let got: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut labels = Vec::new();
    let mut i = 0;
    for (w, segment) in wanted.iter().enumerate() {
        let label = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}'));
        match label {
            None => {
                if got.get(i) != Some(segment) {
                    return None;
                }
                i += 1;
            }
            Some(greedy) if greedy.ends_with('+') => {
                // A greedy label takes what the segments after it leave.
                let rest = wanted.len() - w - 1;
                let end = got.len().checked_sub(rest)?;
                if end <= i {
                    return None;
                }
                let raw = got[i..end].join("/");
                labels.push((greedy.trim_end_matches('+').to_owned(), raw));
                i = end;
            }
            Some(name) => {
                let raw = got.get(i)?;
                labels.push((name.to_owned(), (*raw).to_owned()));
                i += 1;
            }
        }
    }
    if i != got.len() {
        return None;
    }
    Some(
        labels
            .into_iter()
            .map(|(name, raw)| Ok((name, decode(&raw).map_err(Rejection::serialization)?)))
            .collect(),
    )
}

//! Building blocks of generated protocol compliance tests (spec
//! http-protocol-compliance-tests.rst): [`values`] turns a test case's `params` node
//! into a Rust expression of the input, output or error type, and [`expand_malformed`]
//! expands the `testParameters` of an `httpMalformedRequestTests` case into the cases
//! it stands for.

mod cases;
mod skips;
pub(crate) mod values;

pub(crate) use cases::test_file;

#[cfg(test)]
mod conformance_tests;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use crate::model::traits::{BodyAssertion, HttpMalformedRequestTestCase};

/// The cases an `httpMalformedRequestTests` case stands for, each with its id.
///
/// Without `testParameters` that is the case itself, unchanged (its strings are not
/// formatted, so a `$$` stays as written). With them, case `i` (from 0) is the case with
/// the id `<id>_case<i>`, every parameter bound to its `i`-th value, and these strings
/// formatted, as Smithy's own implementation does: the request's URI, body, query
/// parameters and headers (names and values), the response's headers, body media type,
/// `contents` and `messageRegex`, the tags and the documentation (not the method, host
/// or status code). The expanded case has no `testParameters` left.
///
/// Formatting follows Smithy's `CodeWriter`: `$name:L` (or `${name:L}`) is the value
/// as it is, `$name:S` the value as a quoted, escaped Java string literal (which is
/// also a JSON string), and `$$` a single `$`. An expression naming an unknown
/// parameter or formatter, or a `$` that starts none, is kept as written. Parameter
/// lists should all have the same length (the spec requires it); if they do not, only
/// as many cases as the shortest list has values are made, so no case has a parameter
/// left unbound.
pub(crate) fn expand_malformed(
    case: &HttpMalformedRequestTestCase,
) -> Vec<(String, HttpMalformedRequestTestCase)> {
    if case.test_parameters.is_empty() {
        return vec![(case.id.clone(), case.clone())];
    }
    let count = case
        .test_parameters
        .values()
        .map(Vec::len)
        .min()
        .unwrap_or_default();
    (0..count)
        .map(|i| {
            let bound: BTreeMap<&str, &str> = case
                .test_parameters
                .iter()
                .filter_map(|(name, values)| Some((name.as_str(), values.get(i)?.as_str())))
                .collect();
            let id = format!("{}_case{i}", case.id);
            (id.clone(), instantiate(case, id, &bound))
        })
        .collect()
}

/// `case` with `id` and its strings formatted with `bound`.
fn instantiate(
    case: &HttpMalformedRequestTestCase,
    id: String,
    bound: &BTreeMap<&str, &str>,
) -> HttpMalformedRequestTestCase {
    let f = |text: &String| format(text, bound);
    let headers = |map: &BTreeMap<String, String>| -> BTreeMap<String, String> {
        map.iter().map(|(k, v)| (f(k), f(v))).collect()
    };
    let mut out = case.clone();
    out.id = id;
    out.documentation = case.documentation.as_ref().map(f);
    out.tags = case.tags.iter().map(f).collect();
    out.test_parameters = BTreeMap::new();
    let request = &mut out.request;
    request.uri = f(&case.request.uri);
    request.body = case.request.body.as_ref().map(f);
    request.query_params = case.request.query_params.iter().map(f).collect();
    request.headers = headers(&case.request.headers);
    out.response.headers = headers(&case.response.headers);
    if let Some(body) = &mut out.response.body {
        body.media_type = f(&body.media_type);
        body.assertion = match &body.assertion {
            BodyAssertion::Contents(text) => BodyAssertion::Contents(f(text)),
            BodyAssertion::MessageRegex(text) => BodyAssertion::MessageRegex(f(text)),
        };
    }
    out
}

/// `text` with every `$$`, `$name:F` and `${name:F}` of `CodeWriter` replaced.
fn format(text: &str, bound: &BTreeMap<&str, &str>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
        } else if let Some((value, used)) = argument(after, bound) {
            out.push_str(&value);
            rest = &after[used..];
        } else {
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The replacement of the named argument `text` starts with (after its `$`), and how
/// many bytes of `text` it spans; `None` when it is not one this can format.
fn argument(text: &str, bound: &BTreeMap<&str, &str>) -> Option<(String, usize)> {
    let (body, braced) = match text.strip_prefix('{') {
        Some(inner) => (inner, true),
        None => (text, false),
    };
    let name_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '#')))
        .unwrap_or(body.len());
    let name = &body[..name_len];
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let mut spec = body[name_len..].chars();
    let (Some(':'), Some(formatter)) = (spec.next(), spec.next()) else {
        return None;
    };
    if braced && spec.next() != Some('}') {
        return None;
    }
    let value = bound.get(name)?;
    let replacement = match formatter {
        'L' => (*value).to_owned(),
        'S' => java_string(value),
        _ => return None,
    };
    let used = usize::from(braced) * 2 + name_len + 2;
    Some((replacement, used))
}

/// `value` as a Java string literal, as `CodeWriter`'s `S` writes it: quoted, with
/// `"` and `\` escaped, control characters as `\n`-style or `\uXXXX` escapes and every
/// non-ASCII UTF-16 unit as `\uXXXX`.
fn java_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04X}"));
                }
            }
        }
    }
    out.push('"');
    out
}

//! How our requests and parsed responses are held against botocore's: XML bodies as
//! element trees (read with roxmltree, a reader independent of the generated code's
//! quick-xml), form bodies and query strings as multisets of decoded pairs, URL paths
//! segment by segment, parsed values as JSON with timestamps compared as instants. Each
//! function returns the differences it found, each naming where.

use std::collections::BTreeMap;

use serde_json::Value;

/// A `name=value` pair of a query string or form body, decoded.
pub type Pair = (String, String);

/// The pairs of `text`, an `application/x-www-form-urlencoded` body or a URL's query
/// (`+` is a space, `%XX` a byte; the bytes must be UTF-8): what a server reads, so an
/// unencoded `&`, `=` or `+` in a value shows as a different pair.
///
/// # Errors
/// A `%` not followed by two hex digits, or bytes that are not UTF-8, naming the pair.
pub fn decode_pairs(text: &str) -> Result<Vec<Pair>, String> {
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((decode(name, true)?, decode(value, true)?))
        })
        .collect()
}

/// `text` percent-decoded (with `plus_is_space`, `+` as a space, as forms read it).
///
/// # Errors
/// A malformed escape or bytes that are not UTF-8.
pub fn decode(text: &str, plus_is_space: bool) -> Result<String, String> {
    let bytes = text.as_bytes();
    if let Some(at) = bytes.iter().enumerate().position(|(i, &b)| {
        b == b'%'
            && !bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    }) {
        return Err(format!("`{text}`: a `%` at byte {at} is not an escape"));
    }
    let text = match plus_is_space {
        true => text.replace('+', " "),
        false => text.to_owned(),
    };
    percent_encoding::percent_decode_str(&text)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|e| format!("`{text}`: {e}"))
}

/// The differences between two multisets of pairs: each pair botocore has that ours
/// lacks (`missing`), and each we have that botocore does not (`extra`), as many times
/// as the counts differ.
pub fn pairs(expected: &[Pair], got: &[Pair]) -> Vec<String> {
    let mut counts: BTreeMap<&Pair, i64> = BTreeMap::new();
    for pair in expected {
        *counts.entry(pair).or_default() += 1;
    }
    for pair in got {
        *counts.entry(pair).or_default() -= 1;
    }
    let mut out = Vec::new();
    for ((name, value), count) in counts {
        let which = if count > 0 { "missing" } else { "extra" };
        for _ in 0..count.unsigned_abs() {
            out.push(format!("{which} `{name}`={value:?}"));
        }
    }
    out
}

/// The differences between two URL paths, segment by segment, each percent-decoded (so
/// `~` and `%7E` are the same, while an encoded `/` stays inside its segment).
pub fn paths(expected: &str, got: &str) -> Vec<String> {
    let segments = |path: &str| -> Result<Vec<String>, String> {
        path.split('/').map(|s| decode(s, false)).collect()
    };
    match (segments(expected), segments(got)) {
        (Ok(a), Ok(b)) if a == b => Vec::new(),
        (Ok(_), Ok(_)) => vec![format!("expected {expected}, got {got}")],
        (_, Err(e)) | (Err(e), _) => vec![e],
    }
}

/// The differences between two XML documents: each element's namespace and local name,
/// its attributes, its text (for an element without child elements; whitespace between
/// child elements is layout) and its child elements in order. Each names the element by
/// its path, e.g. `/ChangeBatch/Changes/Change[2]/Action`.
pub fn xml(expected: &str, got: &str) -> Vec<String> {
    match (parse(expected, "botocore's"), parse(got, "our")) {
        (Ok(a), Ok(b)) => {
            let mut out = Vec::new();
            let path = format!("/{}", a.root_element().tag_name().name());
            elements(a.root_element(), b.root_element(), &path, &mut out);
            out
        }
        (Err(e), _) | (_, Err(e)) => vec![e],
    }
}

fn parse<'a>(text: &'a str, which: &str) -> Result<roxmltree::Document<'a>, String> {
    roxmltree::Document::parse(text).map_err(|e| format!("{which} body is not XML: {e}"))
}

fn elements(
    a: roxmltree::Node<'_, '_>,
    b: roxmltree::Node<'_, '_>,
    path: &str,
    out: &mut Vec<String>,
) {
    let name = |n: roxmltree::Node<'_, '_>| {
        let tag = n.tag_name();
        format!("{{{}}}{}", tag.namespace().unwrap_or(""), tag.name())
    };
    if name(a) != name(b) {
        out.push(format!(
            "{path}: expected element {}, got {}",
            name(a),
            name(b)
        ));
        return;
    }
    let attributes = |n: roxmltree::Node<'_, '_>| -> BTreeMap<String, String> {
        n.attributes()
            .map(|at| {
                let key = format!("{{{}}}{}", at.namespace().unwrap_or(""), at.name());
                (key, at.value().to_owned())
            })
            .collect()
    };
    if attributes(a) != attributes(b) {
        out.push(format!(
            "{path}: expected attributes {:?}, got {:?}",
            attributes(a),
            attributes(b)
        ));
    }
    let (ca, cb) = (child_elements(a), child_elements(b));
    if ca.is_empty() && cb.is_empty() {
        let text = |n: roxmltree::Node<'_, '_>| -> String {
            n.children().filter_map(|c| c.text()).collect()
        };
        if text(a) != text(b) {
            out.push(format!(
                "{path}: expected text {:?}, got {:?}",
                text(a),
                text(b)
            ));
        }
        return;
    }
    // Same-named siblings are numbered, so a list item's path says which.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, child) in ca.iter().enumerate() {
        let local = child.tag_name().name();
        let n = seen.entry(local.to_owned()).or_default();
        *n += 1;
        let at = format!("{path}/{local}[{n}]");
        match cb.get(i) {
            Some(other) => elements(*child, *other, &at, out),
            None => out.push(format!("{at}: missing")),
        }
    }
    for extra in cb.iter().skip(ca.len()) {
        out.push(format!("{path}: extra element {}", name(*extra)));
    }
}

fn child_elements<'a, 'input>(n: roxmltree::Node<'a, 'input>) -> Vec<roxmltree::Node<'a, 'input>> {
    n.children().filter(roxmltree::Node::is_element).collect()
}

/// The differences between botocore's parsed value and ours, both in our serde form:
/// members that are `null` count as absent; numbers are compared as numbers; a string
/// that is an RFC 3339 timestamp equals our value when that is the same instant (as
/// text in any precision, or as epoch seconds); a string that spells our number equals
/// it (botocore's models type a few members as strings that the Smithy models type as
/// integers, e.g. Route 53's `MaxItems`). Each names the member by its JSON path.
pub fn values(expected: &Value, got: &Value, path: &str, out: &mut Vec<String>) {
    match (expected, got) {
        (Value::Object(a), Value::Object(b)) => {
            let present = |m: &serde_json::Map<String, Value>| -> BTreeMap<String, Value> {
                m.iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            };
            let (a, b) = (present(a), present(b));
            for (key, value) in &a {
                match b.get(key) {
                    Some(other) => values(value, other, &format!("{path}.{key}"), out),
                    None => out.push(format!("{path}.{key}: expected {value}, got nothing")),
                }
            }
            for (key, value) in b.iter().filter(|(k, _)| !a.contains_key(*k)) {
                out.push(format!("{path}.{key}: expected nothing, got {value}"));
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                out.push(format!(
                    "{path}: expected {} items, got {}",
                    a.len(),
                    b.len()
                ));
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                values(x, y, &format!("{path}[{i}]"), out);
            }
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
        (Value::String(a), Value::Number(b)) if a.parse::<f64>().ok() == b.as_f64() => {}
        (Value::String(a), _) if instant(a).is_some() && instant(a) == instant_of(got) => {}
        _ if expected == got => {}
        _ => out.push(format!("{path}: expected {expected}, got {got}")),
    }
}

/// An RFC 3339 timestamp's instant, in nanoseconds since the epoch.
fn instant(text: &str) -> Option<i128> {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(time::OffsetDateTime::unix_timestamp_nanos)
}

/// Our value's instant: RFC 3339 text, or epoch seconds (to the microsecond, botocore's
/// precision).
fn instant_of(value: &Value) -> Option<i128> {
    match value {
        Value::String(text) => instant(text),
        #[allow(clippy::cast_possible_truncation)]
        Value::Number(n) => n.as_f64().map(|s| (s * 1e6).round() as i128 * 1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pair(name: &str, value: &str) -> Pair {
        (name.to_owned(), value.to_owned())
    }

    #[test]
    fn a_form_reads_plus_as_space_and_escapes_as_utf8() {
        let got = decode_pairs("Action=A&Tag.1=a+b%2Bc%26d%3De%7E%C3%A9&Empty=").unwrap();
        assert_eq!(
            got,
            [
                pair("Action", "A"),
                pair("Tag.1", "a b+c&d=e~é"),
                pair("Empty", "")
            ]
        );
        assert!(decode_pairs("A=%zz").unwrap_err().contains("not an escape"));
        assert!(decode_pairs("A=%ff").is_err());
    }

    #[test]
    fn pairs_are_a_multiset() {
        let a = [pair("k", "1"), pair("k", "1"), pair("j", "2")];
        assert!(pairs(&a, &[pair("j", "2"), pair("k", "1"), pair("k", "1")]).is_empty());
        assert_eq!(
            pairs(&a, &[pair("k", "1"), pair("j", "3")]),
            ["missing `j`=\"2\"", "extra `j`=\"3\"", "missing `k`=\"1\""]
        );
    }

    #[test]
    fn paths_compare_decoded_segments() {
        assert!(paths("/a/b%7Ec", "/a/b~c").is_empty());
        assert_eq!(paths("/a/b%2Fc", "/a/b/c").len(), 1);
        assert_eq!(paths("/a/rrset/", "/a/rrset").len(), 1);
    }

    #[test]
    fn xml_is_compared_as_trees_naming_the_element() {
        let a = r#"<R xmlns="urn:x"><L><m>1</m><m>a &amp; b</m></L><E/></R>"#;
        let b = "<x:R xmlns:x=\"urn:x\">\n  <x:L><x:m>1</x:m><x:m><![CDATA[a & b]]></x:m></x:L>\n  <x:E></x:E></x:R>";
        assert_eq!(xml(a, b), Vec::<String>::new());
        let c = r#"<R xmlns="urn:x"><L><m>1</m><m>a</m></L></R>"#;
        assert_eq!(
            xml(a, c),
            [
                "/R/L[1]/m[2]: expected text \"a & b\", got \"a\"",
                "/R/E[1]: missing"
            ]
        );
        assert_eq!(xml(a, "<R><L/></R>").len(), 1, "{:?}", xml(a, "<R/>"));
        assert!(xml(a, "<R>").iter().any(|e| e.contains("not XML")));
    }

    #[test]
    fn values_ignore_nulls_and_compare_instants() {
        let mut out = Vec::new();
        values(
            &json!({"T": "2026-03-01T12:30:45.500Z", "N": 6, "L": [{"K": "v"}]}),
            &json!({"T": "2026-03-01T12:30:45.5Z", "N": 6.0, "L": [{"K": "v", "X": null}], "Y": null}),
            "",
            &mut out,
        );
        values(
            &json!({"T": "2026-03-01T12:30:45Z"}),
            &json!({"T": 1772368245}),
            "",
            &mut out,
        );
        values(
            &json!({"MaxItems": "2"}),
            &json!({"MaxItems": 2}),
            "",
            &mut out,
        );
        assert_eq!(out, Vec::<String>::new());
        values(
            &json!({"T": "2026-03-01T12:30:45Z", "L": [], "S": "a"}),
            &json!({"T": "2026-03-01T12:30:46Z", "S": "b", "Z": 1}),
            "",
            &mut out,
        );
        assert_eq!(
            out,
            [
                ".L: expected [], got nothing",
                ".S: expected \"a\", got \"b\"",
                ".T: expected \"2026-03-01T12:30:45Z\", got \"2026-03-01T12:30:46Z\"",
                ".Z: expected nothing, got 1"
            ]
        );
    }
}

//! The rules engine standard library (spec rules-engine/standard-library.rst), as plain
//! functions of values. `booleanEquals`, `stringEquals`, `isSet`, `not`, `coalesce` and
//! `ite` are a line each and live in the evaluator.

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, Ipv6Addr};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::syntax::PathPart;
use super::Value;

/// `getAttr`: the value at `path` in `value`; `None` when a key or index is absent or a
/// step meets the wrong kind of value. Negative indexes count from the end.
pub(super) fn get_attr<'v>(value: &'v Value, path: &[PathPart]) -> Option<&'v Value> {
    path.iter()
        .try_fold(value, |value, part| match (part, value) {
            (PathPart::Key(key), Value::Record(fields)) => fields.get(key),
            (PathPart::Index(i), Value::Array(items)) => {
                let len = i64::try_from(items.len()).ok()?;
                let i = if *i < 0 { len + i } else { *i };
                items.get(usize::try_from(i).ok()?)
            }
            _ => None,
        })
}

/// `isValidHostLabel`: an RFC 1123 label (`[A-Za-z0-9][A-Za-z0-9-]{0,62}`), or with
/// `allow_sub_domains` such labels joined by dots.
pub fn is_valid_host_label(value: &str, allow_sub_domains: bool) -> bool {
    if allow_sub_domains {
        value.split('.').all(is_label)
    } else {
        is_label(value)
    }
}

fn is_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    matches!(bytes.first(), Some(b) if b.is_ascii_alphanumeric())
        && bytes.len() <= 63
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
}

/// `parseURL`: the `URL` record (`scheme`, `authority`, `path`, `normalizedPath`,
/// `isIp`) of an `http` or `https` URL; `None` for anything else, a URL with a query
/// (or fragment), an empty host or a bad port. The authority is kept as written, minus
/// any userinfo (an explicit port stays, even the scheme's default: the conformance
/// suite expects `[…]:443` back).
pub fn parse_url(url: &str) -> Option<Value> {
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme, "http" | "https") || rest.contains(['?', '#']) {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    let authority = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let is_ip = parse_authority(authority)?;
    let mut normalized = String::with_capacity(path.len() + 2);
    if !path.starts_with('/') {
        normalized.push('/');
    }
    normalized.push_str(path);
    if !normalized.ends_with('/') {
        normalized.push('/');
    }
    let record = BTreeMap::from([
        ("scheme".to_owned(), Value::String(scheme.to_owned())),
        ("authority".to_owned(), Value::String(authority.to_owned())),
        ("path".to_owned(), Value::String(path.to_owned())),
        ("normalizedPath".to_owned(), Value::String(normalized)),
        ("isIp".to_owned(), Value::Bool(is_ip)),
    ]);
    Some(Value::Record(record))
}

/// Checks `host[:port]` (host possibly a bracketed IPv6 address); whether the host is an
/// IP address, `None` if invalid.
fn parse_authority(authority: &str) -> Option<bool> {
    let (host, port, is_ip) = if let Some(rest) = authority.strip_prefix('[') {
        let (ip, after) = rest.split_once(']')?;
        ip.parse::<Ipv6Addr>().ok()?;
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':')?),
        };
        (ip, port, true)
    } else {
        let (host, port) = match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        (host, port, host.parse::<Ipv4Addr>().is_ok())
    };
    let host_ok = !host.is_empty()
        && !host
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '/' | '\\' | '@'));
    let port_ok = port.is_none_or(|p| {
        !p.is_empty()
            && p.len() <= 5
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u16>().is_ok()
    });
    (host_ok && port_ok).then_some(is_ip)
}

/// `substring`: characters `start..end` of an ASCII string (counted from the end when
/// `reverse`); `None` when not ASCII, `start >= end`, or the string is too short.
pub fn substring(input: &str, start: i64, end: i64, reverse: bool) -> Option<String> {
    if !input.is_ascii() {
        return None;
    }
    let (start, end) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
    let len = input.len();
    if start >= end || end > len {
        return None;
    }
    let range = if reverse {
        len - end..len - start
    } else {
        start..end
    };
    Some(input[range].to_owned())
}

/// Everything but RFC 3986's unreserved characters (`A-Z a-z 0-9 - _ . ~`).
const URI_ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// `uriEncode`: RFC 3986 percent-encoding of the UTF-8 bytes, uppercase hex.
pub fn uri_encode(value: &str) -> String {
    utf8_percent_encode(value, URI_ENCODE).to_string()
}

/// `split`: `value` divided at each `delimiter`; `limit` 0 splits everywhere, `n > 0`
/// into at most `n` parts.
///
/// # Errors
/// An empty delimiter or a negative limit (the spec forbids both).
pub fn split(value: &str, delimiter: &str, limit: i64) -> Result<Vec<String>, String> {
    if delimiter.is_empty() {
        return Err("the delimiter must not be empty".to_owned());
    }
    let parts: Vec<String> = match usize::try_from(limit) {
        Ok(0) => value.split(delimiter).map(str::to_owned).collect(),
        Ok(n) => value.splitn(n, delimiter).map(str::to_owned).collect(),
        Err(_) => return Err(format!("the limit must not be negative, got {limit}")),
    };
    Ok(parts)
}

//! Percent-encoding of URI labels and query strings (RFC 3986): everything but the
//! unreserved characters `A-Z a-z 0-9 - . _ ~` is escaped, so values round-trip exactly.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Bytes escaped in a label or query component: all but the unreserved characters.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Bytes escaped in a greedy label: as [`COMPONENT`], but `/` separates segments.
const GREEDY: &AsciiSet = &COMPONENT.remove(b'/');

/// A label value as one path segment.
pub(super) fn encode_label(value: &str) -> String {
    utf8_percent_encode(value, COMPONENT).to_string()
}

/// A greedy label value: its `/`s stay path separators.
pub(super) fn encode_greedy(value: &str) -> String {
    utf8_percent_encode(value, GREEDY).to_string()
}

/// A query key or value.
pub(super) fn encode_query(value: &str) -> String {
    utf8_percent_encode(value, COMPONENT).to_string()
}

/// Decodes a path segment or query component (`+` is a literal plus in a path; in a
/// query it is decoded as written, since clients here never send `+` for a space).
///
/// # Errors
/// The text when the escapes do not decode to UTF-8.
pub(super) fn decode(text: &str) -> Result<String, String> {
    percent_decode_str(text)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| format!("`{text}` is not percent-encoded UTF-8"))
}

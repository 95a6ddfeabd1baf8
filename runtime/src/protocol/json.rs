//! JSON bodies through the types' serde form, with the JSON pointer of any error.
//! serde_json bounds nesting (128 levels) and never panics on input.

use serde::de::DeserializeOwned;

/// What went wrong reading a JSON body: the JSON pointer (`/a/b/0`, `` for the root) and
/// serde's message.
pub(super) type JsonError = (String, String);

/// Reads a structure's JSON body: a JSON object (serde's derived readers would also take
/// an array, filling members by position, which no restJson1 body is).
pub(super) fn object_from_slice<T: DeserializeOwned>(body: &[u8]) -> Result<T, JsonError> {
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') | None => from_slice(body),
        Some(_) => Err((String::new(), "the body is not a JSON object".to_owned())),
    }
}

/// Reads `body` as `T`, all of it. A body that parses pays nothing for error paths: only
/// a failing one is read again to find where it failed.
pub(super) fn from_slice<T: DeserializeOwned>(body: &[u8]) -> Result<T, JsonError> {
    // One UTF-8 check of the whole body is cheaper than serde_json's check of each
    // string from a byte slice; invalid UTF-8 is then found, and located, below.
    let parsed = match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(body),
    };
    match parsed {
        Ok(value) => Ok(value),
        Err(first) => match with_path::<T>(body) {
            Err(e) => Err(e),
            // Cannot happen (the same bytes, the same reader); report the first error.
            Ok(_) => Err((String::new(), first.to_string())),
        },
    }
}

/// Reads `body` as `T`, tracking the JSON pointer of an error.
fn with_path<T: DeserializeOwned>(body: &[u8]) -> Result<T, JsonError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| (pointer(e.path()), e.inner().to_string()))?;
    de.end().map_err(|e| (String::new(), e.to_string()))?;
    Ok(value)
}

/// A serde path as a JSON pointer.
fn pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        out.push('/');
        match segment {
            Segment::Seq { index } => out.push_str(&index.to_string()),
            Segment::Map { key } => out.push_str(&key.replace('~', "~0").replace('/', "~1")),
            Segment::Enum { variant } => out.push_str(variant),
            Segment::Unknown => out.push('?'),
        }
    }
    out
}

/// Whether a serde message says a member is missing or null where a value is required,
/// and so is a constraint violation ("must not be null") rather than a malformed body.
pub(super) fn missing_member(message: &str) -> Option<String> {
    let field = message.strip_prefix("missing field `")?;
    field.split('`').next().map(str::to_owned)
}

/// Whether a serde message says a `null` was found where a value is required (the JSON
/// pointer of the error then names the member).
pub(super) fn null_member(message: &str) -> bool {
    message.starts_with("invalid type: null")
}

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
/// a failing one is read again to find where it failed. The body is checked to be UTF-8
/// once, which is cheaper than serde_json checking each string of a byte slice, and each
/// type is read through one reader (`&str`), so that its reading code is compiled once.
pub(super) fn from_slice<T: DeserializeOwned>(body: &[u8]) -> Result<T, JsonError> {
    match std::str::from_utf8(body) {
        Ok(text) => from_str(text),
        Err(e) => Err(not_utf8::<T>(body, e.valid_up_to())),
    }
}

/// Reads `text` as `T`, all of it; on failure, read again for the error's JSON pointer.
pub(super) fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    serde_json::from_str(text).map_err(|first| match with_path::<T>(text) {
        Err((pointer, e)) => (pointer, e.to_string()),
        // Cannot happen (the same text, the same reader); report the first error.
        Ok(_) => (String::new(), first.to_string()),
    })
}

/// The error for a body that is not UTF-8 from byte `valid` on. The pointer comes from
/// reading the valid text before that byte, which ends early there (an error earlier in
/// it is reported instead, being the first).
fn not_utf8<T: DeserializeOwned>(body: &[u8], valid: usize) -> JsonError {
    let prefix = body
        .get(..valid)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or_default();
    let line = prefix.matches('\n').count() + 1;
    let column = prefix.len() - prefix.rfind('\n').map_or(0, |i| i + 1) + 1;
    let message = format!("invalid UTF-8 at line {line} column {column}");
    match with_path::<T>(prefix) {
        Err((pointer, e)) if e.is_eof() => (pointer, message),
        Err((pointer, e)) => (pointer, e.to_string()),
        Ok(_) => (String::new(), message),
    }
}

/// Reads `text` as `T`, tracking the JSON pointer of an error.
fn with_path<T: DeserializeOwned>(text: &str) -> Result<T, (String, serde_json::Error)> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let pointer = pointer(e.path());
        (pointer, e.into_inner())
    })?;
    de.end().map_err(|e| (String::new(), e))?;
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

//! JSON bodies through the types' serde form, with the JSON pointer of any error.
//! serde_json bounds nesting (128 levels) and never panics on input.

use serde::de::DeserializeOwned;

use super::pointer::error_pointer;

/// What went wrong reading a JSON body: the JSON pointer (`/a/b/0`, `` for the root) and
/// serde's message.
pub(super) type JsonError = (String, String);

/// Reads a structure's JSON body: a JSON object. (The generated readers take nothing
/// else either; checking the first byte here gives the one error message for any body
/// that is not an object, at the root.)
pub(super) fn object_from_slice<T: DeserializeOwned>(body: &[u8]) -> Result<T, JsonError> {
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') | None => from_slice(body),
        Some(_) => Err((String::new(), "the body is not a JSON object".to_owned())),
    }
}

/// Reads `body` as `T`, all of it. The body is checked to be UTF-8 once, which is cheaper
/// than serde_json checking each string of a byte slice, and every type is read through
/// one reader (`&str`), so that its reading code is compiled once.
pub(super) fn from_slice<T: DeserializeOwned>(body: &[u8]) -> Result<T, JsonError> {
    match std::str::from_utf8(body) {
        Ok(text) => from_str(text),
        Err(e) => Err(not_utf8::<T>(body, e.valid_up_to())),
    }
}

/// Reads `text` as `T`, all of it; an error is located by scanning the text before it
/// (a body that parses pays nothing for that).
pub(super) fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    serde_json::from_str(text).map_err(|e| located(text, &e))
}

/// An error with the JSON pointer of where it occurred.
fn located(text: &str, error: &serde_json::Error) -> JsonError {
    (error_pointer(text, error), error.to_string())
}

/// The error for a body that is not UTF-8 from byte `valid` on. The valid text before
/// that byte is read as `T`: an error in it comes first and is reported; otherwise the
/// reading ends early at the bad byte, inside the member it is in.
fn not_utf8<T: DeserializeOwned>(body: &[u8], valid: usize) -> JsonError {
    let prefix = valid_prefix(body, valid);
    utf8_error(prefix, serde_json::from_str::<T>(prefix).err())
}

/// `body` up to byte `valid`, which is UTF-8.
fn valid_prefix(body: &[u8], valid: usize) -> &str {
    body.get(..valid)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or_default()
}

/// The error reading `prefix` found first, or else invalid UTF-8 right after it.
fn utf8_error(prefix: &str, error: Option<serde_json::Error>) -> JsonError {
    match error {
        Some(e) if !e.is_eof() => located(prefix, &e),
        _ => invalid_utf8(prefix),
    }
}

/// "Invalid UTF-8" just after `prefix`, with its line, column and member.
fn invalid_utf8(prefix: &str) -> JsonError {
    let line = prefix.matches('\n').count() + 1;
    let column = prefix.len() - prefix.rfind('\n').map_or(0, |i| i + 1) + 1;
    let pointer = super::pointer::pointer_at(prefix.as_bytes(), prefix.len());
    (
        pointer,
        format!("invalid UTF-8 at line {line} column {column}"),
    )
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

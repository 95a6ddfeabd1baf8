//! Reads the parts of `runtime/Cargo.toml` that generated crates inherit: `[dependencies]`
//! and `[features]`.
//!
//! Shared by `build.rs` (which runs it on the real manifest and fails the build, saying
//! where and what, if it does not fit the rules) and the unit tests. Std only, no `toml`
//! dependency: Cargo manifests use a small part of TOML, and the copied entries are kept
//! as written, so a line reader suffices. It understands `[table]` and `[[array]]`
//! headers, `key = value` entries whose value may span lines inside `[...]`/`{...}`, basic
//! and literal strings, and `#` comments; anything else is an error naming the line.
//!
//! The rules for the runtime manifest: every dependency is one `name = spec` entry with an
//! explicit version (`name.workspace = true` and `workspace = true` would mean nothing in a
//! standalone generated crate, so they are rejected rather than resolved), and there are no
//! `[dependencies.name]`, target-specific or build dependencies.

/// One `[table]` (or `[[array]]` element) of a manifest, entries in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table {
    /// The header text between the brackets, e.g. `workspace.dependencies`.
    pub(crate) name: String,
    /// `(key, value)` as written (value trimmed, comments removed).
    pub(crate) entries: Vec<(String, String)>,
}

/// The parts of the runtime manifest copied into generated crates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RuntimeManifest {
    /// `[dependencies]`: `(name, spec)` in file order.
    pub(crate) dependencies: Vec<(String, String)>,
    /// `[features]`: `(name, value)` in file order.
    pub(crate) features: Vec<(String, String)>,
}

/// Reads the dependencies and features of the runtime manifest `text`.
///
/// # Errors
/// A message naming the line when the manifest breaks the rules in the module docs.
pub(crate) fn runtime_manifest(text: &str) -> Result<RuntimeManifest, String> {
    let mut manifest = RuntimeManifest::default();
    for table in tables(text)? {
        let name = table.name.as_str();
        let dependency_table = name == "build-dependencies"
            || name.starts_with("dependencies.")
            || (name.starts_with("target.") && name.ends_with("dependencies"));
        if dependency_table {
            return Err(format!(
                "[{name}]: generated crates take only `[dependencies]` entries of the form \
                 `name = spec`; write this dependency there"
            ));
        }
        match name {
            "dependencies" => {
                for (key, value) in table.entries {
                    if !is_bare_key(&key) {
                        return Err(format!(
                            "[dependencies] `{key}`: write `name = \"version\"` or \
                             `name = {{ version = ... }}` (generated crates have no workspace \
                             to inherit from)"
                        ));
                    }
                    if inherits_workspace(&value) {
                        return Err(format!(
                            "[dependencies] `{key}`: `workspace = true` cannot be copied into \
                             a standalone generated crate; write the version"
                        ));
                    }
                    manifest.dependencies.push((key, value));
                }
            }
            "features" => manifest.features = table.entries,
            _ => {}
        }
    }
    Ok(manifest)
}

/// Every table of `text`, in file order; entries before the first header go into a table
/// named `""`.
///
/// # Errors
/// A message naming the line of anything outside the supported subset of TOML.
pub(crate) fn tables(text: &str) -> Result<Vec<Table>, String> {
    let mut tables = vec![Table {
        name: String::new(),
        entries: Vec::new(),
    }];
    let mut lines = text.lines().enumerate();
    while let Some((index, raw)) = lines.next() {
        let at = |message: &str| format!("line {}: {message}: `{}`", index + 1, raw.trim());
        if raw.contains("\"\"\"") || raw.contains("'''") {
            return Err(at("multi-line strings are not supported"));
        }
        let line = strip_comment(raw).map_err(|e| at(&e))?;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(header) = line.strip_prefix('[') {
            let name = header
                .strip_prefix('[')
                .and_then(|h| h.strip_suffix("]]"))
                .or_else(|| header.strip_suffix(']'))
                .ok_or_else(|| at("a table header must end with `]`"))?;
            tables.push(Table {
                name: name.trim().to_owned(),
                entries: Vec::new(),
            });
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .ok_or_else(|| at("expected `key = value`"))?;
        let key = key.trim();
        if key.is_empty() {
            return Err(at("an entry needs a key"));
        }
        let mut value = value.trim().to_owned();
        // Arrays and inline tables may continue on the following lines.
        let mut depth = nesting(&value).map_err(|e| at(&e))?;
        while depth > 0 {
            let (_, next) = lines
                .next()
                .ok_or_else(|| at("a `[` or `{` is never closed"))?;
            let next = strip_comment(next).map_err(|e| at(&e))?;
            value.push('\n');
            value.push_str(next.trim_end());
            depth = nesting(&value).map_err(|e| at(&e))?;
        }
        if depth < 0 {
            return Err(at("a `]` or `}` closes nothing"));
        }
        if value.is_empty() {
            return Err(at("an entry needs a value"));
        }
        if let Some(table) = tables.last_mut() {
            table.entries.push((key.to_owned(), value));
        }
    }
    Ok(tables)
}

/// `line` without its `#` comment (a `#` inside a string is kept).
fn strip_comment(line: &str) -> Result<&str, String> {
    let mut quote = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match quote {
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' => return Ok(&line[..i]),
            None => {}
        }
    }
    match quote {
        Some(_) => Err("a string is not closed on its line".to_owned()),
        None => Ok(line),
    }
}

/// Open `[`/`{` minus closing ones outside strings.
fn nesting(value: &str) -> Result<i32, String> {
    let mut depth = 0;
    let mut quote = None;
    let mut escaped = false;
    for c in value.chars() {
        match quote {
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' => quote = Some(c),
                '[' | '{' => depth += 1,
                ']' | '}' => depth -= 1,
                _ => {}
            },
        }
    }
    match quote {
        Some(_) => Err("a string is not closed".to_owned()),
        None => Ok(depth),
    }
}

/// A key without dots or quotes, e.g. `regex-lite`.
fn is_bare_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Whether an inline-table spec says `workspace = true`.
fn inherits_workspace(value: &str) -> bool {
    value.starts_with('{')
        && value
            .trim_matches(|c| c == '{' || c == '}')
            .split(',')
            .any(|part| {
                part.split_once('=')
                    .is_some_and(|(k, v)| k.trim() == "workspace" && v.trim() == "true")
            })
}

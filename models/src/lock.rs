//! The two lock files that pin every external input, read into one list of
//! [`PinnedFile`]s.
//!
//! `models/lock.json` pins single files: the service models `generated/` is made from
//! (`models`), data the generator reads besides (`data`: smithy's `partitions.json`), and
//! models that only tests read (`optional_models`: DynamoDB, Secrets Manager for
//! tests/rpc-models; STS, SNS, Route 53 for tests/xml-models), which a fetch skips when
//! it cannot find them, since CI's offline copy does not hold them:
//!
//! ```json
//! { "models": [ { "name": "chime", "repository": "aws/api-models-aws", "commit": "56c8953e87aeead95ae5e66a3ca6a355731db6ad",
//!                 "path": "chime/service/2018-05-01/chime-2018-05-01.json",
//!                 "sha256": "605f…" } ],
//!   "data": [ { "name": "partitions", "repository": "smithy-lang/smithy", "commit": "…",
//!               "path": "…/partitions.json", "sha256": "…" } ],
//!   "optional_models": [ { "name": "dynamodb", "repository": "aws/api-models-aws", "commit": "…",
//!                          "path": "dynamodb/service/2012-08-10/dynamodb-2012-08-10.json",
//!                          "sha256": "…" } ] }
//! ```
//!
//! `models/suites.json` pins the conformance suites, which are many files each: a suite
//! has one repository and commit, the directory it lands in under the cache, and one
//! entry per file with its path there, its path upstream and its SHA-256. `cargo xtask
//! pin-suites` writes the hashes; `cargo xtask fetch-models` checks them.
//!
//! ```json
//! { "suites": [ { "name": "idl", "repository": "smithy-lang/smithy", "commit": "0f73…",
//!                 "dir": "conformance/idl",
//!                 "files": [ { "path": "valid/empty.smithy",
//!                              "upstream": "smithy-model/src/test/resources/…/valid/empty.smithy",
//!                              "sha256": "e3b0…" } ] } ] }
//! ```

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// One pinned upstream file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinnedFile {
    /// What it belongs to: a model's short name (`chime`), a data file's (`partitions`) or
    /// a suite's (`idl`).
    pub name: String,
    /// GitHub `owner/name`.
    pub repository: String,
    /// Full commit SHA the file is pinned at.
    pub commit: String,
    /// Path of the file inside the repository at that commit.
    pub upstream: String,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
    /// Where the file lives under the cache (`models/cache/`), `/`-separated.
    pub cached: String,
    /// The directory under the cache that holds all of the input's files: a suite's
    /// `dir`, empty for a single file (cached flat).
    pub dir: String,
    /// Whether a fetch that cannot find the file skips it (`optional_models`) rather
    /// than failing; its content is still checked when it is found.
    pub optional: bool,
}

impl PinnedFile {
    /// The file's base name.
    pub fn file_name(&self) -> &str {
        self.cached.rsplit('/').next().unwrap_or(&self.cached)
    }

    /// Where upstream serves this exact version.
    pub fn url(&self) -> String {
        format!(
            "https://raw.githubusercontent.com/{}/{}/{}",
            self.repository, self.commit, self.upstream
        )
    }

    /// `owner/name@commit:path`, the pin in one line for messages.
    pub fn pin(&self) -> String {
        format!("{}@{}:{}", self.repository, self.commit, self.upstream)
    }
}

/// A lock file could not be read or is malformed.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// The name of the pinned AWS partitions file in `data`.
pub const PARTITIONS: &str = "partitions";

/// Reads the models of the lock file at `path` (`models/lock.json`): those `generated/`
/// is made from.
///
/// # Errors
/// [`LockError`] when it is unreadable, not JSON, or an entry lacks a string property or
/// pins an abbreviated commit.
pub fn read(path: &Path) -> Result<Vec<PinnedFile>, LockError> {
    read_singles(path, "models", Section::Required)
}

/// Reads the data files (`data`, empty when absent) of the lock file at `path`.
///
/// # Errors
/// [`LockError`] as for [`read`].
pub fn read_data(path: &Path) -> Result<Vec<PinnedFile>, LockError> {
    read_singles(path, "data", Section::MayBeAbsent)
}

/// Reads the optional models (`optional_models`, empty when absent) of the lock file at
/// `path`: models only tests read, each [`PinnedFile::optional`].
///
/// # Errors
/// [`LockError`] as for [`read`].
pub fn read_optional(path: &Path) -> Result<Vec<PinnedFile>, LockError> {
    read_singles(path, "optional_models", Section::Optional)
}

/// Reads every file of every suite of the suites manifest at `path`
/// (`models/suites.json`), in manifest order.
///
/// # Errors
/// [`LockError`] as for [`read`], and for a file path that could leave the suite's
/// directory.
pub fn read_suites(path: &Path) -> Result<Vec<PinnedFile>, LockError> {
    let root = read_json(path)?;
    let suites = array(path, &root, "suites", "$")?;
    let mut files = Vec::new();
    for (i, suite) in suites.iter().enumerate() {
        let at = format!("$.suites[{i}]");
        let entry = object(path, suite, &at)?;
        let (name, repository) = (
            string(path, entry, "name", &at)?,
            string(path, entry, "repository", &at)?,
        );
        let commit = commit(path, entry, &at)?;
        let dir = relative(path, string(path, entry, "dir", &at)?, &at)?;
        for (j, file) in array(path, suite, "files", &at)?.iter().enumerate() {
            let at = format!("{at}.files[{j}]");
            let file = object(path, file, &at)?;
            let local = relative(path, string(path, file, "path", &at)?, &at)?;
            files.push(PinnedFile {
                name: name.clone(),
                repository: repository.clone(),
                commit: commit.clone(),
                upstream: string(path, file, "upstream", &at)?,
                sha256: string(path, file, "sha256", &at)?,
                cached: format!("{dir}/{local}"),
                dir: dir.clone(),
                optional: false,
            });
        }
    }
    Ok(files)
}

/// Rewrites the SHA-256 of every file in the suites manifest at `path` with `hash(file)`,
/// keeping everything else; the text is written back only when it changes.
///
/// # Errors
/// [`LockError`] as for [`read_suites`]; `hash`'s error, as an [`LockError::Invalid`]
/// naming the file.
pub fn rewrite_suite_hashes(
    path: &Path,
    mut hash: impl FnMut(&PinnedFile) -> Result<String, String>,
) -> Result<bool, LockError> {
    let pinned = read_suites(path)?;
    let mut root = read_json(path)?;
    let mut next = pinned.iter();
    let files = root["suites"]
        .as_array_mut()
        .into_iter()
        .flatten()
        .flat_map(|suite| suite["files"].as_array_mut().into_iter().flatten());
    for entry in files {
        let file = next.next().expect("read_suites listed every file");
        let sha256 =
            hash(file).map_err(|message| invalid(path, format!("{}: {message}", file.cached)))?;
        entry["sha256"] = Value::String(sha256);
    }
    let text = serde_json::to_string_pretty(&root).expect("JSON values serialize") + "\n";
    let old = std::fs::read_to_string(path).unwrap_or_default();
    if old == text {
        return Ok(false);
    }
    std::fs::write(path, text).map_err(|source| LockError::Io {
        path: path.into(),
        source,
    })?;
    Ok(true)
}

/// What a section of single files in `models/lock.json` is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    /// It must be there (`models`).
    Required,
    /// It may be left out (`data`).
    MayBeAbsent,
    /// It may be left out, and its files are [`PinnedFile::optional`] (`optional_models`).
    Optional,
}

fn read_singles(path: &Path, key: &str, section: Section) -> Result<Vec<PinnedFile>, LockError> {
    let root = read_json(path)?;
    if root.get(key).is_none() && section != Section::Required {
        return Ok(Vec::new());
    }
    array(path, &root, key, "$")?
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let at = format!("$.{key}[{i}]");
            let entry = object(path, entry, &at)?;
            let upstream = string(path, entry, "path", &at)?;
            Ok(PinnedFile {
                name: string(path, entry, "name", &at)?,
                repository: string(path, entry, "repository", &at)?,
                commit: commit(path, entry, &at)?,
                // A single file is cached flat, under its base name.
                cached: upstream.rsplit('/').next().unwrap_or(&upstream).to_owned(),
                upstream,
                sha256: string(path, entry, "sha256", &at)?,
                dir: String::new(),
                optional: section == Section::Optional,
            })
        })
        .collect()
}

fn read_json(path: &Path) -> Result<Value, LockError> {
    let text = std::fs::read_to_string(path).map_err(|source| LockError::Io {
        path: path.into(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|e| invalid(path, format!("invalid JSON: {e}")))
}

fn invalid(path: &Path, message: String) -> LockError {
    LockError::Invalid {
        path: path.into(),
        message,
    }
}

fn object<'v>(
    path: &Path,
    value: &'v Value,
    at: &str,
) -> Result<&'v Map<String, Value>, LockError> {
    value
        .as_object()
        .ok_or_else(|| invalid(path, format!("{at}: expected an object")))
}

fn array<'v>(
    path: &Path,
    value: &'v Value,
    key: &str,
    at: &str,
) -> Result<&'v Vec<Value>, LockError> {
    value
        .get(key)
        .and_then(Value::as_array)
        .ok_or_else(|| invalid(path, format!("{at}.{key}: expected an array")))
}

fn string(
    path: &Path,
    entry: &Map<String, Value>,
    key: &str,
    at: &str,
) -> Result<String, LockError> {
    entry
        .get(key)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| invalid(path, format!("{at}.{key}: expected a string")))
}

/// The entry's `commit`, which must be a full SHA: a download URL built from an
/// abbreviated one is not guaranteed to resolve.
fn commit(path: &Path, entry: &Map<String, Value>, at: &str) -> Result<String, LockError> {
    let commit = string(path, entry, "commit", at)?;
    if commit.len() != 40 || !commit.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(invalid(
            path,
            format!("{at}.commit: `{commit}` is not a full 40-hex-digit commit SHA"),
        ));
    }
    Ok(commit)
}

/// A `/`-separated relative path that stays inside its directory (no `..`, no root, no
/// empty segment), so a manifest cannot make the fetch write outside the cache.
fn relative(path: &Path, rel: String, at: &str) -> Result<String, LockError> {
    let escapes = rel
        .split('/')
        .any(|s| s.is_empty() || s == "." || s == "..")
        || rel.contains('\\');
    if escapes {
        return Err(invalid(
            path,
            format!("{at}: `{rel}` is not a plain relative path"),
        ));
    }
    Ok(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(name: &str, text: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("pinned-lock-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join(name);
        std::fs::write(&path, text).expect("writable");
        path
    }

    #[test]
    fn commits_must_be_full_shas() {
        let entry = |commit: &str| {
            format!(
                r#"{{"models":[{{"name":"m","repository":"o/r","commit":"{commit}","path":"d/p.json","sha256":"00"}}]}}"#
            )
        };
        let full = "56c8953e87aeead95ae5e66a3ca6a355731db6ad";
        let models = read(&write("full.json", &entry(full))).expect("full SHA");
        assert_eq!(models[0].commit, full);
        assert_eq!(models[0].cached, "p.json");
        let err = read(&write("short.json", &entry("56c8953"))).expect_err("short SHA");
        assert!(
            err.to_string()
                .contains("not a full 40-hex-digit commit SHA"),
            "{err}"
        );
    }

    #[test]
    fn optional_models_are_marked_and_may_be_left_out() {
        let entry = r#"{"name":"m","repository":"o/r","commit":"56c8953e87aeead95ae5e66a3ca6a355731db6ad","path":"d/m.json","sha256":"00"}"#;
        let path = write(
            "optional.json",
            &format!(r#"{{"models":[{entry}],"optional_models":[{entry}]}}"#),
        );
        assert!(!read(&path).unwrap()[0].optional);
        let optional = read_optional(&path).unwrap();
        assert_eq!(optional.len(), 1);
        assert!(optional[0].optional);
        assert_eq!(optional[0].cached, "m.json");

        let without = write("without.json", &format!(r#"{{"models":[{entry}]}}"#));
        assert_eq!(read_optional(&without).unwrap(), []);
    }

    #[test]
    fn suites_list_every_file_under_their_directory() {
        let text = r#"{"suites":[{"name":"s","repository":"o/r","commit":"0f7323128b0606a1b94b1ac482c94d3800a22708",
            "dir":"conformance/s","files":[{"path":"a/b.smithy","upstream":"x/a/b.smithy","sha256":"00"}]}]}"#;
        let files = read_suites(&write("suites.json", text)).expect("valid");
        assert_eq!(files[0].cached, "conformance/s/a/b.smithy");
        assert_eq!(
            files[0].pin(),
            "o/r@0f7323128b0606a1b94b1ac482c94d3800a22708:x/a/b.smithy"
        );

        let escaping = text.replace("a/b.smithy\",\"upstream", "../b.smithy\",\"upstream");
        let err = read_suites(&write("escaping.json", &escaping)).expect_err("escapes");
        assert!(
            err.to_string()
                .contains("$.suites[0].files[0]: `../b.smithy` is not a plain relative path"),
            "{err}"
        );
    }

    #[test]
    fn rewriting_hashes_keeps_the_rest() {
        let text = r#"{"suites":[{"name":"s","repository":"o/r","commit":"0f7323128b0606a1b94b1ac482c94d3800a22708",
            "dir":"d","files":[{"path":"a","upstream":"u/a","sha256":"00"},{"path":"b","upstream":"u/b","sha256":"11"}]}]}"#;
        let path = write("rewrite.json", text);
        assert!(rewrite_suite_hashes(&path, |f| Ok(format!("h-{}", f.file_name()))).unwrap());
        let files = read_suites(&path).unwrap();
        assert_eq!(
            [files[0].sha256.as_str(), files[1].sha256.as_str()],
            ["h-a", "h-b"]
        );
        assert_eq!(files[1].upstream, "u/b");
        assert!(!rewrite_suite_hashes(&path, |f| Ok(format!("h-{}", f.file_name()))).unwrap());
    }
}

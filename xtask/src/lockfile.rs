//! `models/lock.json`: which upstream Smithy models the workspace generates from, and
//! which upstream data files the generator reads besides (`data`, optional: smithy's
//! `partitions.json`). Both arrays hold entries of the same form and land in the cache
//! the same way.
//!
//! ```json
//! { "models": [ { "name": "chime", "repository": "aws/api-models-aws", "commit": "56c8953e87aeead95ae5e66a3ca6a355731db6ad",
//!                 "path": "chime/service/2018-05-01/chime-2018-05-01.json",
//!                 "sha256": "605f…" } ],
//!   "data": [ { "name": "partitions", "repository": "smithy-lang/smithy", "commit": "…",
//!               "path": "…/partitions.json", "sha256": "…" } ] }
//! ```

use std::path::{Path, PathBuf};

use serde_json::Value;

/// One pinned upstream model file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinnedModel {
    /// Short name, e.g. `chime`.
    pub name: String,
    /// GitHub `owner/name`.
    pub repository: String,
    /// Commit the file is pinned at.
    pub commit: String,
    /// Path of the file inside the repository.
    pub path: String,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
}

impl PinnedModel {
    /// The file's base name, used in the cache and in `--from` directories.
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }

    /// Where upstream serves this exact version.
    pub fn url(&self) -> String {
        format!(
            "https://raw.githubusercontent.com/{}/{}/{}",
            self.repository, self.commit, self.path
        )
    }
}

/// The lock file could not be read or is malformed.
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

/// Reads the models of the lock file at `path`.
///
/// # Errors
/// [`LockError`] when it is unreadable, not JSON, or an entry lacks a string property.
pub fn read(path: &Path) -> Result<Vec<PinnedModel>, LockError> {
    read_array(path, "models", true)
}

/// Reads the data files (`data`, empty when absent) of the lock file at `path`.
///
/// # Errors
/// [`LockError`] as for [`read`].
pub fn read_data(path: &Path) -> Result<Vec<PinnedModel>, LockError> {
    read_array(path, "data", false)
}

fn read_array(path: &Path, key: &str, required: bool) -> Result<Vec<PinnedModel>, LockError> {
    let text = std::fs::read_to_string(path).map_err(|source| LockError::Io {
        path: path.into(),
        source,
    })?;
    let invalid = |message: String| LockError::Invalid {
        path: path.into(),
        message,
    };
    let root: Value =
        serde_json::from_str(&text).map_err(|e| invalid(format!("invalid JSON: {e}")))?;
    let entries = match root.get(key) {
        None if !required => return Ok(Vec::new()),
        entries => entries
            .and_then(Value::as_array)
            .ok_or_else(|| invalid(format!("expected `{key}` array")))?,
    };
    entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let array = key;
            let field = |key: &str| {
                entry
                    .get(key)
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .ok_or_else(|| invalid(format!("$.{array}[{i}].{key}: expected a string")))
            };
            let commit = field("commit")?;
            // A download URL built from an abbreviated SHA is not guaranteed to resolve.
            if commit.len() != 40 || !commit.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(invalid(format!(
                    "$.{array}[{i}].commit: `{commit}` is not a full 40-hex-digit commit SHA"
                )));
            }
            Ok(PinnedModel {
                name: field("name")?,
                repository: field("repository")?,
                commit,
                path: field("path")?,
                sha256: field("sha256")?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Result<Vec<PinnedModel>, LockError> {
        let dir = std::env::temp_dir().join(format!("lockfile-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join(format!("{}.json", text.len()));
        std::fs::write(&path, text).expect("writable");
        read(&path)
    }

    #[test]
    fn commits_must_be_full_shas() {
        let entry = |commit: &str| {
            format!(
                r#"{{"models":[{{"name":"m","repository":"o/r","commit":"{commit}","path":"p.json","sha256":"00"}}]}}"#
            )
        };
        let full = "56c8953e87aeead95ae5e66a3ca6a355731db6ad";
        assert_eq!(read_text(&entry(full)).expect("full SHA")[0].commit, full);
        let err = read_text(&entry("56c8953")).expect_err("short SHA");
        assert!(
            err.to_string()
                .contains("not a full 40-hex-digit commit SHA"),
            "{err}"
        );
    }
}

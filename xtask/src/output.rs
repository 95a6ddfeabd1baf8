//! Writing a generated crate to disk: only changed files are written, stale ones are
//! removed, and a check mode reports what would change without touching anything.

use std::fmt;
use std::path::{Path, PathBuf};

pub use codegen::Files;

/// One difference between the generated files and a directory.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// The file does not exist yet.
    Added(PathBuf),
    /// The file exists with other contents.
    Modified(PathBuf),
    /// The file is managed (under `src/`) but no longer generated.
    Removed(PathBuf),
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Added(p) => write!(f, "missing: {}", p.display()),
            Change::Modified(p) => write!(f, "stale: {}", p.display()),
            Change::Removed(p) => write!(f, "no longer generated: {}", p.display()),
        }
    }
}

/// What writing `files` into `dir` would change, sorted. Files under `dir/src` that
/// `files` does not contain count as [`Change::Removed`].
///
/// # Errors
/// Any I/O error other than a missing file.
pub fn plan(dir: &Path, files: &Files) -> std::io::Result<Vec<Change>> {
    let mut changes = Vec::new();
    for (rel, contents) in files {
        let path = dir.join(rel);
        match std::fs::read_to_string(&path) {
            Ok(existing) if existing == *contents => {}
            Ok(_) => changes.push(Change::Modified(path)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => changes.push(Change::Added(path)),
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                changes.push(Change::Modified(path))
            }
            Err(e) => return Err(e),
        }
    }
    let src = dir.join("src");
    if src.is_dir() {
        for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
            let entry = entry.map_err(std::io::Error::other)?;
            if entry.file_type().is_file() && !files.contains_key(&relative(dir, entry.path())) {
                changes.push(Change::Removed(entry.into_path()));
            }
        }
    }
    changes.sort();
    Ok(changes)
}

/// Carries out `changes` (from [`plan`]) for `files`.
///
/// # Errors
/// The first I/O error.
pub fn apply(dir: &Path, files: &Files, changes: &[Change]) -> std::io::Result<()> {
    for change in changes {
        match change {
            Change::Added(path) | Change::Modified(path) => {
                if let Some(contents) = files.get(&relative(dir, path)) {
                    if let Some(parent) = path.parent() {
                        std::fs::create_dir_all(parent)?;
                    }
                    std::fs::write(path, contents)?;
                }
            }
            Change::Removed(path) => std::fs::remove_file(path)?,
        }
    }
    Ok(())
}

/// `path` relative to `dir`, `/`-separated (the key form of [`Files`]).
fn relative(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("codegen-output-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src/old")).unwrap();
        std::fs::write(dir.join("src/lib.rs"), "same").unwrap();
        std::fs::write(dir.join("src/changed.rs"), "before").unwrap();
        std::fs::write(dir.join("src/old/stale.rs"), "stale").unwrap();
        std::fs::write(dir.join("README.md"), "not ours").unwrap();
        dir
    }

    fn files() -> Files {
        [
            ("src/lib.rs", "same"),
            ("src/changed.rs", "after"),
            ("src/new.rs", "new"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }

    #[test]
    fn plan_lists_added_modified_and_removed_files_only() {
        let dir = scratch("plan");
        let changes = plan(&dir, &files()).unwrap();
        assert_eq!(
            changes,
            vec![
                Change::Added(dir.join("src/new.rs")),
                Change::Modified(dir.join("src/changed.rs")),
                Change::Removed(dir.join("src/old/stale.rs")),
            ]
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("src/changed.rs")).unwrap(),
            "before"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn apply_writes_changes_and_leaves_unchanged_files_alone() {
        let dir = scratch("apply");
        let untouched = std::fs::metadata(dir.join("src/lib.rs"))
            .unwrap()
            .modified()
            .unwrap();
        let changes = plan(&dir, &files()).unwrap();
        apply(&dir, &files(), &changes).unwrap();
        assert_eq!(plan(&dir, &files()).unwrap(), vec![], "nothing left to do");
        assert_eq!(
            std::fs::read_to_string(dir.join("src/new.rs")).unwrap(),
            "new"
        );
        assert!(!dir.join("src/old/stale.rs").exists());
        assert!(
            dir.join("README.md").exists(),
            "files outside src/ are not managed"
        );
        let after = std::fs::metadata(dir.join("src/lib.rs"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(untouched, after, "an unchanged file is not rewritten");
        std::fs::remove_dir_all(dir).unwrap();
    }
}

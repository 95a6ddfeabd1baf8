//! The crates this repository checks in, and the models each is generated from.
//!
//! Shared by `cargo xtask codegen` and the test that fails when they are stale, so both
//! always agree on what "up to date" means.

use std::path::{Path, PathBuf};

use crate::lockfile::{self, LockError};

/// A checked-in generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedInCrate {
    /// Package name.
    pub name: &'static str,
    /// Crate directory, relative to the workspace root.
    pub dir: &'static str,
    /// Model files it is generated from.
    pub models: Vec<PathBuf>,
}

/// The pinned-model cache, relative to the workspace root (git-ignored).
pub const CACHE_DIR: &str = "models/cache";

/// `generated/` (from the models pinned in `models/lock.json`, found in `model_dir`)
/// and `tests/fixtures/` (from every `models/fixtures/*.smithy`).
///
/// # Errors
/// An unreadable lock file or fixtures directory.
pub fn checked_in_crates(root: &Path, model_dir: &Path) -> Result<Vec<CheckedInCrate>, LockError> {
    let pinned = lockfile::read(&root.join("models/lock.json"))?;
    let fixtures_dir = root.join("models/fixtures");
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(&fixtures_dir)
        .map_err(|source| LockError::Io {
            path: fixtures_dir.clone(),
            source,
        })?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "smithy"))
        .collect();
    fixtures.sort();
    Ok(vec![
        CheckedInCrate {
            name: "generated",
            dir: "generated",
            models: pinned
                .iter()
                .map(|m| model_dir.join(m.file_name()))
                .collect(),
        },
        CheckedInCrate {
            name: "fixtures",
            dir: "tests/fixtures",
            models: fixtures,
        },
    ])
}

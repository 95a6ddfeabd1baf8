//! Helpers shared by the integration tests and the bench (which includes this file).

use std::path::{Path, PathBuf};

// Each test compiles this module and uses only some of it.
#[allow(unused_imports)]
pub use pinned::{require, suite};

/// Every file under `dir` (recursively) with extension `ext`, sorted.
pub fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

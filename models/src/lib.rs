//! The project's external inputs — the service models, smithy's `partitions.json` and the
//! conformance suites — each pinned to an upstream repository, a full commit and a
//! SHA-256 ([`lock`]), and where their fetched copies are: `models/cache/` (git-ignored),
//! filled and verified by `cargo xtask fetch-models` (or `cargo xtask codegen`).
//!
//! Tests and benches find every input through this crate, never `../shared` or the
//! network, so a clone of the repository alone works once the cache is filled; when an
//! input is missing, [`require`] fails with one line that names the command to run.

use std::path::{Path, PathBuf};

pub mod lock;

/// The cache of fetched inputs, relative to the workspace root (git-ignored).
pub const CACHE_DIR: &str = "models/cache";

/// What fills the cache, for messages: with network, and offline from a copy laid out
/// like the project's reference material.
pub const FETCH_HINT: &str =
    "run `cargo xtask fetch-models` (offline: `cargo xtask fetch-models --from DIR`, DIR a copy such as ../shared)";

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new(".."))
        .to_path_buf()
}

/// The cache directory (`models/cache/` under the workspace root).
pub fn cache_dir() -> PathBuf {
    root().join(CACHE_DIR)
}

/// `models/lock.json` (models and data files).
pub fn lock_file() -> PathBuf {
    root().join("models/lock.json")
}

/// `models/suites.json` (the conformance suites, file by file).
pub fn suites_file() -> PathBuf {
    root().join("models/suites.json")
}

/// Every pinned input: the models, the data files, the optional models, then every
/// suite's files.
///
/// # Errors
/// A lock file that cannot be read ([`lock::LockError`]).
pub fn all() -> Result<Vec<lock::PinnedFile>, lock::LockError> {
    let mut files = lock::read(&lock_file())?;
    files.extend(lock::read_data(&lock_file())?);
    files.extend(lock::read_optional(&lock_file())?);
    files.extend(lock::read_suites(&suites_file())?);
    Ok(files)
}

/// An input that is not in the cache.
#[derive(Debug, thiserror::Error)]
#[error("pinned input `{what}` is not in {cache}: {FETCH_HINT}", cache = CACHE_DIR)]
pub struct Missing {
    /// The input, as named in the lock files (`chime`, `partitions`, `idl`) with the
    /// first missing file.
    pub what: String,
}

/// Every pinned file named `name` (a model, a data file or a suite), each as its path in
/// the cache, when all of them are there.
///
/// # Errors
/// [`Missing`] when the lock files name no such input or one of its files is not cached;
/// a lock file that cannot be read is reported the same way, with its error.
pub fn files(name: &str) -> Result<Vec<PathBuf>, Missing> {
    find(name).map(|(_, paths)| paths)
}

/// The cached copy of the single-file input `name` (`chime`, `ivschat`, `partitions`).
///
/// # Panics
/// With the one-line [`Missing`] message when it is not cached: this is for tests, build
/// scripts and benches, where that line is the whole report.
pub fn require(name: &str) -> PathBuf {
    let (_, mut paths) = find(name).unwrap_or_else(|missing| panic!("{missing}"));
    paths.swap_remove(0)
}

/// The cached copy of the optional model `name` (`optional_models` in
/// `models/lock.json`: `dynamodb`, `secretsmanager`), or `None` when it is not cached: a
/// fetch without network or a copy that holds it skips it, and so do its tests.
///
/// # Errors
/// [`Missing`] when `name` is not an optional model (a misspelt name must fail, not
/// skip), or a lock file cannot be read.
pub fn optional(name: &str) -> Result<Option<PathBuf>, Missing> {
    let listed = lock::read_optional(&lock_file())
        .map_err(|e| Missing {
            what: format!("{name} ({e})"),
        })?
        .into_iter()
        .find(|file| file.name == name);
    let Some(file) = listed else {
        return Err(Missing {
            what: format!("{name} (not in models/lock.json's optional_models)"),
        });
    };
    let path = cache_dir().join(&file.cached);
    Ok(path.is_file().then_some(path))
}

/// The cached directory of suite `name` (`idl`, `protocol-tests`, `rules-engine`), when
/// every one of its files is there.
///
/// # Panics
/// With the one-line [`Missing`] message otherwise, as [`require`].
pub fn suite(name: &str) -> PathBuf {
    try_suite(name).unwrap_or_else(|missing| panic!("{missing}"))
}

/// [`suite`], with the missing input as an error (for a build script, which reports it
/// and exits rather than panicking).
///
/// # Errors
/// [`Missing`] as for [`files`].
pub fn try_suite(name: &str) -> Result<PathBuf, Missing> {
    find(name).map(|(dir, _)| cache_dir().join(dir))
}

/// Input `name`'s directory under the cache and its files' cached paths, when all are
/// there.
fn find(name: &str) -> Result<(String, Vec<PathBuf>), Missing> {
    let missing = |what: String| Missing { what };
    let pinned = all().map_err(|e| missing(format!("{name} ({e})")))?;
    let files: Vec<&lock::PinnedFile> = pinned.iter().filter(|file| file.name == name).collect();
    let Some(first) = files.first() else {
        return Err(missing(format!(
            "{name} (not in models/lock.json or models/suites.json)"
        )));
    };
    let cache = cache_dir();
    let mut paths = Vec::with_capacity(files.len());
    for file in &files {
        let path = cache.join(&file.cached);
        if !path.is_file() {
            return Err(missing(format!("{name}: {}", file.cached)));
        }
        paths.push(path);
    }
    Ok((first.dir.clone(), paths))
}

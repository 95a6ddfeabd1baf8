//! The process environment and file system as `Config::from_env` sees them, behind a
//! trait so tests give each case its own variables and files (no process-wide state).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Environment variables, the home directory and file reads.
pub trait Environment: Send + Sync {
    /// Variable `name`, if set and not empty.
    fn var(&self, name: &str) -> Option<String>;
    /// The file's text.
    ///
    /// # Errors
    /// The I/O error (`NotFound` for a missing file).
    fn read_file(&self, path: &Path) -> std::io::Result<String>;
    /// The home directory (`HOME`, else `USERPROFILE`).
    fn home_dir(&self) -> Option<PathBuf> {
        self.var("HOME")
            .or_else(|| self.var("USERPROFILE"))
            .map(PathBuf::from)
    }
}

impl<E: Environment + ?Sized> Environment for &E {
    fn var(&self, name: &str) -> Option<String> {
        (**self).var(name)
    }
    fn read_file(&self, path: &Path) -> std::io::Result<String> {
        (**self).read_file(path)
    }
    fn home_dir(&self) -> Option<PathBuf> {
        (**self).home_dir()
    }
}

/// The real process environment and file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProcessEnv;

impl Environment for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    }

    fn read_file(&self, path: &Path) -> std::io::Result<String> {
        std::fs::read_to_string(path)
    }
}

/// Given variables over the real file system: for tests and for programs that build
/// their environment themselves.
#[derive(Debug, Clone, Default)]
pub struct MapEnv {
    /// The variables.
    pub vars: BTreeMap<String, String>,
}

impl MapEnv {
    /// An environment with `vars`.
    pub fn new<K: Into<String>, V: Into<String>>(vars: impl IntoIterator<Item = (K, V)>) -> Self {
        MapEnv {
            vars: vars
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }
}

impl Environment for MapEnv {
    fn var(&self, name: &str) -> Option<String> {
        self.vars.get(name).filter(|v| !v.is_empty()).cloned()
    }

    fn read_file(&self, path: &Path) -> std::io::Result<String> {
        std::fs::read_to_string(path)
    }
}

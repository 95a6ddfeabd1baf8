//! The crates this repository checks in, and the models each is generated from.
//!
//! Shared by `cargo xtask codegen` and the test that fails when they are stale, so both
//! always agree on what "up to date" means.

use std::path::{Path, PathBuf};

use pinned::lock::{self as lockfile, LockError};

/// A checked-in generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedInCrate {
    /// Package name.
    pub name: &'static str,
    /// Crate directory, relative to the workspace root.
    pub dir: &'static str,
    /// Model files it is generated from.
    pub models: Vec<PathBuf>,
    /// The AWS partitions file (`aws.partition` data), when the lock file pins one.
    pub partitions: Option<PathBuf>,
}

impl CheckedInCrate {
    /// Generates the crate's files (version `0.1.0`), as `cargo xtask codegen` writes them.
    ///
    /// # Errors
    /// A model or the partitions file that does not load, a model that does not generate.
    pub fn generate(&self) -> anyhow::Result<codegen::Files> {
        generate(&self.models, self.partitions.as_deref(), self.name, &[])
    }
}

/// Generates crate `crate_name` (version `0.1.0`) from `models`, with the partitions file
/// `partitions` if given.
///
/// # Errors
/// A model or the partitions file that does not load, a model that does not generate.
pub fn generate(
    models: &[PathBuf],
    partitions: Option<&Path>,
    crate_name: &str,
    protocols: &[String],
) -> anyhow::Result<codegen::Files> {
    use anyhow::Context;
    let model = codegen::model::load(models)?;
    let partitions = match partitions {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            Some(codegen::partitions::Partitions::from_json(&text)?)
        }
        None => None,
    };
    let options = codegen::CrateOptions {
        crate_name: crate_name.to_owned(),
        version: "0.1.0".to_owned(),
        protocols: protocols.to_vec(),
    };
    let generated = codegen::generate(&model, &options, partitions.as_ref())?;
    for warning in &generated.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(generated.files)
}

/// The `.smithy` files of `dir`, sorted.
///
/// # Errors
/// An unreadable directory.
fn smithy_files(dir: &Path) -> Result<Vec<PathBuf>, LockError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|source| LockError::Io {
            path: dir.to_path_buf(),
            source,
        })?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "smithy"))
        .collect();
    files.sort();
    Ok(files)
}

/// `generated/` (from the models pinned in `models/lock.json`, found in `model_dir`)
/// and `tests/fixtures/` (from every `models/fixtures/*.smithy`, with
/// `models/fixtures/deps/*.smithy`).
///
/// # Errors
/// An unreadable lock file or fixtures directory.
pub fn checked_in_crates(root: &Path, model_dir: &Path) -> Result<Vec<CheckedInCrate>, LockError> {
    let lock = root.join("models/lock.json");
    let pinned = lockfile::read(&lock)?;
    let partitions = lockfile::read_data(&lock)?
        .into_iter()
        .find(|d| d.name == lockfile::PARTITIONS)
        .map(|d| model_dir.join(&d.cached));
    let fixtures_dir = root.join("models/fixtures");
    let mut fixtures = smithy_files(&fixtures_dir)?;
    // Shapes of other namespaces the fixtures use (`smithy.framework`), loaded with them.
    fixtures.extend(smithy_files(&fixtures_dir.join("deps"))?);
    Ok(vec![
        CheckedInCrate {
            name: "generated",
            dir: "generated",
            models: pinned.iter().map(|m| model_dir.join(&m.cached)).collect(),
            partitions: partitions.clone(),
        },
        CheckedInCrate {
            name: "fixtures",
            dir: "tests/fixtures",
            models: fixtures,
            partitions,
        },
    ])
}

//! `cargo xtask fetch-models`: puts every pinned input (`pinned::all()`: models, data
//! files, conformance suites) into `models/cache/`, each checked against its SHA-256,
//! and `cargo xtask pin-suites`, which writes those hashes for the suites.
//!
//! A file comes from a local copy when `--from DIR` is given (found at its cache path
//! under DIR, under its base name, or else by content anywhere below DIR, so DIR can be
//! the project's reference folder or any copy of the files), otherwise from its pinned
//! upstream URL with the system `curl`, so the xtask carries no HTTP or TLS stack.
//!
//! An optional pin (`optional_models` in `models/lock.json`) that the source does not
//! have is skipped and listed in [`Summary::skipped`] (CI's offline copy holds no such
//! model); one found with other content is an error like any other.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use pinned::lock::PinnedFile;
use sha2::{Digest, Sha256};

/// What a fetch did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files already cached with the pinned hash.
    pub cached: usize,
    /// Files written into the cache.
    pub fetched: usize,
    /// Stale files removed from suite directories (listed by no pin).
    pub removed: usize,
    /// The optional inputs skipped because their source does not have them, by name.
    pub skipped: BTreeSet<String>,
}

/// A source that does not have a file (nothing under `--from DIR` has its name or its
/// content; the download failed): the message for a required pin.
struct Unavailable(String);

/// Ensures every file of `pinned` is in `cache` with its pinned SHA-256, taking missing
/// or stale ones from `from` (or upstream), then removes files in the suites' cache
/// directories that no pin lists, so a suite reads exactly its pinned files. An optional
/// file the source does not have is skipped ([`Summary::skipped`]).
///
/// # Errors
/// A required file that cannot be found or downloaded, or any file whose content does
/// not match its pin; the message names the file, its pin and what to run.
pub fn fetch(pinned: &[PinnedFile], from: Option<&Path>, cache: &Path) -> Result<Summary> {
    let mut local = from.map(Local::new);
    let mut summary = Summary::default();
    for file in pinned {
        let target = cache.join(&file.cached);
        if std::fs::read(&target).is_ok_and(|bytes| sha256_hex(&bytes) == file.sha256) {
            summary.cached += 1;
            continue;
        }
        let found = match &mut local {
            Some(local) => local.find(file)?,
            None => download(file)?,
        };
        let bytes = match found {
            Ok(bytes) => bytes,
            Err(_) if file.optional => {
                summary.skipped.insert(file.name.clone());
                continue;
            }
            Err(Unavailable(message)) => bail!(message),
        };
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        std::fs::write(&target, &bytes).with_context(|| format!("writing {}", target.display()))?;
        summary.fetched += 1;
    }
    summary.removed = prune(pinned, cache)?;
    Ok(summary)
}

/// Removes the files under each suite's cache directory that no pin lists.
fn prune(pinned: &[PinnedFile], cache: &Path) -> Result<usize> {
    let listed: BTreeSet<PathBuf> = pinned.iter().map(|f| cache.join(&f.cached)).collect();
    let dirs: BTreeSet<&str> = pinned
        .iter()
        .map(|f| f.dir.as_str())
        .filter(|d| !d.is_empty())
        .collect();
    let mut removed = 0;
    for dir in dirs {
        for entry in walkdir::WalkDir::new(cache.join(dir))
            .into_iter()
            .filter_map(Result::ok)
        {
            if entry.file_type().is_file() && !listed.contains(entry.path()) {
                std::fs::remove_file(entry.path())
                    .with_context(|| format!("removing stale {}", entry.path().display()))?;
                removed += 1;
            }
        }
    }
    Ok(removed)
}

/// A local copy of the inputs, `--from DIR`.
struct Local {
    dir: PathBuf,
    /// Every file below `dir` by SHA-256, built on the first file not found by path.
    by_hash: Option<HashMap<String, PathBuf>>,
}

impl Local {
    fn new(dir: &Path) -> Self {
        Local {
            dir: dir.to_path_buf(),
            by_hash: None,
        }
    }

    /// `file`'s bytes from the copy, or [`Unavailable`] when the copy has neither its
    /// content nor its name.
    ///
    /// # Errors
    /// Files of that name with other content (a copy at another pin), or an unreadable one.
    fn find(&mut self, file: &PinnedFile) -> Result<Result<Vec<u8>, Unavailable>> {
        for candidate in [self.dir.join(&file.cached), self.dir.join(file.file_name())] {
            if let Ok(bytes) = std::fs::read(&candidate) {
                if sha256_hex(&bytes) == file.sha256 {
                    return Ok(Ok(bytes));
                }
            }
        }
        let dir = self.dir.clone();
        let index = self.by_hash.get_or_insert_with(|| index(&dir));
        if let Some(path) = index.get(&file.sha256) {
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            return Ok(Ok(bytes));
        }
        let same_name: Vec<String> = index
            .iter()
            .filter(|(_, path)| path.file_name().is_some_and(|n| n == file.file_name()))
            .map(|(hash, path)| format!("{} has {hash}", path.display()))
            .collect();
        let hint = match same_name.is_empty() {
            true => String::new(),
            false => format!(" ({})", same_name.join("; ")),
        };
        let message = format!(
            "{} ({}): no file under {} has the pinned SHA-256 {}{hint}; pass --from a copy \
             at that pin, or run `cargo xtask fetch-models` with network",
            file.cached,
            file.pin(),
            self.dir.display(),
            file.sha256
        );
        match same_name.is_empty() {
            true => Ok(Err(Unavailable(message))),
            false => bail!(message),
        }
    }
}

/// Every regular file below `dir` by the SHA-256 of its bytes (the first path in sorted
/// order for identical files).
fn index(dir: &Path) -> HashMap<String, PathBuf> {
    let mut index = HashMap::new();
    let walk = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter();
    for entry in walk
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        if let Ok(bytes) = std::fs::read(entry.path()) {
            index
                .entry(sha256_hex(&bytes))
                .or_insert_with(|| entry.into_path());
        }
    }
    index
}

/// Downloads `file` from its pinned URL and checks its hash; [`Unavailable`] when curl
/// cannot get it (offline, or no such file upstream).
///
/// # Errors
/// curl that does not run, or content that does not match the pin.
fn download(file: &PinnedFile) -> Result<Result<Vec<u8>, Unavailable>> {
    let url = file.url();
    // A bounded connect: offline behind a firewall that drops packets, a fetch that skips
    // optional pins must still end.
    let out = std::process::Command::new("curl")
        .args(["--fail", "--silent", "--show-error", "--location"])
        .args(["--connect-timeout", "20", &url])
        .output()
        .context("running curl (install curl, or pass --from DIR with a local copy)")?;
    if !out.status.success() {
        return Ok(Err(Unavailable(format!(
            "{} ({}): downloading {url}: {}; offline, pass --from DIR with a local copy",
            file.cached,
            file.pin(),
            String::from_utf8_lossy(&out.stderr).trim()
        ))));
    }
    let actual = sha256_hex(&out.stdout);
    if actual != file.sha256 {
        bail!(
            "{} ({}): SHA-256 mismatch: pinned {}, downloaded {actual}",
            file.cached,
            file.pin(),
            file.sha256
        );
    }
    Ok(Ok(out.stdout))
}

/// `cargo xtask pin-suites --from DIR`: writes into `models/suites.json` the SHA-256 of
/// each listed file as found at its cache path under DIR (a copy of the suites at the
/// pinned commits). Returns whether the manifest changed.
///
/// # Errors
/// A listed file missing under DIR, or an unreadable manifest.
pub fn pin_suites(manifest: &Path, from: &Path) -> Result<bool> {
    Ok(pinned::lock::rewrite_suite_hashes(manifest, |file| {
        let path = from.join(&file.cached);
        std::fs::read(&path)
            .map(|bytes| sha256_hex(&bytes))
            .map_err(|e| format!("reading {}: {e}", path.display()))
    })?)
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pinned(cached: &str, dir: &str, sha256: &str) -> PinnedFile {
        PinnedFile {
            name: "demo".into(),
            repository: "owner/repo".into(),
            commit: "0f7323128b0606a1b94b1ac482c94d3800a22708".into(),
            upstream: format!("up/{cached}"),
            sha256: sha256.into(),
            cached: cached.into(),
            dir: dir.into(),
            optional: false,
        }
    }

    fn temp(name: &str) -> PathBuf {
        let root = std::env::temp_dir().join(format!("xtask-fetch-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        root
    }

    #[test]
    fn a_copy_must_have_the_pinned_content() {
        let root = temp("verify");
        let (from, cache) = (root.join("from"), root.join("cache"));
        std::fs::create_dir_all(&from).unwrap();
        std::fs::write(from.join("demo.json"), b"{}").unwrap();

        let err = fetch(&[pinned("demo.json", "", "00")], Some(&from), &cache)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("demo.json (owner/repo@0f7323128b0606a1b94b1ac482c94d3800a22708:up/demo.json): no file under"), "{err}");
        assert!(err.contains("has the pinned SHA-256 00 ("), "{err}");
        assert!(err.contains("demo.json has 44136fa3"), "{err}");
        assert!(
            !cache.join("demo.json").exists(),
            "a mismatching file is not cached"
        );

        let good = sha256_hex(b"{}");
        let summary = fetch(&[pinned("demo.json", "", &good)], Some(&from), &cache).unwrap();
        assert_eq!(summary.fetched, 1);
        assert_eq!(std::fs::read(cache.join("demo.json")).unwrap(), b"{}");
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn files_are_found_by_content_and_stale_suite_files_removed() {
        let root = temp("content");
        let (from, cache) = (root.join("from"), root.join("cache"));
        std::fs::create_dir_all(from.join("elsewhere")).unwrap();
        std::fs::write(from.join("elsewhere/renamed.smithy"), b"a").unwrap();
        std::fs::create_dir_all(cache.join("suite/old")).unwrap();
        std::fs::write(cache.join("suite/old/gone.smithy"), b"old").unwrap();

        let file = pinned("suite/x/a.smithy", "suite", &sha256_hex(b"a"));
        let summary = fetch(std::slice::from_ref(&file), Some(&from), &cache).unwrap();
        assert_eq!(
            summary,
            Summary {
                cached: 0,
                fetched: 1,
                removed: 1,
                skipped: BTreeSet::new(),
            }
        );
        assert_eq!(std::fs::read(cache.join("suite/x/a.smithy")).unwrap(), b"a");
        assert!(!cache.join("suite/old/gone.smithy").exists());

        let again = fetch(&[file], None, &cache).unwrap();
        assert_eq!(
            again,
            Summary {
                cached: 1,
                fetched: 0,
                removed: 0,
                skipped: BTreeSet::new(),
            }
        );
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn an_optional_file_the_copy_lacks_is_skipped_and_a_mismatch_still_fails() {
        let root = temp("optional");
        let (from, cache) = (root.join("from"), root.join("cache"));
        std::fs::create_dir_all(&from).unwrap();
        let required = pinned("demo.json", "", &sha256_hex(b"{}"));
        let optional = PinnedFile {
            name: "big".into(),
            optional: true,
            ..pinned("big.json", "", &sha256_hex(b"[]"))
        };

        let summary = fetch(std::slice::from_ref(&optional), Some(&from), &cache).unwrap();
        assert_eq!(summary.skipped, BTreeSet::from(["big".to_owned()]));
        assert_eq!(summary.fetched, 0);
        let err = fetch(&[required], Some(&from), &cache).unwrap_err();
        assert!(err.to_string().contains("no file under"), "{err}");

        // The copy holds it at another pin: an error, not a skip.
        std::fs::write(from.join("big.json"), b"[1]").unwrap();
        let err = fetch(std::slice::from_ref(&optional), Some(&from), &cache)
            .unwrap_err()
            .to_string();
        assert!(err.contains("big.json has "), "{err}");

        std::fs::write(from.join("big.json"), b"[]").unwrap();
        let summary = fetch(&[optional], Some(&from), &cache).unwrap();
        assert_eq!((summary.fetched, summary.skipped.len()), (1, 0));
        std::fs::remove_dir_all(root).unwrap();
    }
}

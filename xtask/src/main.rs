//! Workspace automation: `cargo xtask <command>`.
//!
//! - `fetch-models [--from DIR]`: put the models pinned in `models/lock.json` into
//!   `models/cache/`, copied from DIR or downloaded (with `curl`) from upstream; SHA-256
//!   verified.
//! - `codegen [--check]`: regenerate the checked-in `generated/` crate from the pinned
//!   models (fetching what is missing); `--check` writes nothing and fails if stale.
//! - `generate --model FILE... --out DIR [--name NAME]`: a standalone crate for any model.
//! - `ast FILE...`: load model files (IDL or JSON AST) and print the merged JSON AST.
//! - `corpus DIR [--out DIR] [--sample N] [--seed S]`: generate a crate for every model
//!   file under DIR, report `generated N/M` and the refusals by cause, then clippy a
//!   random sample of N generated crates (see [`xtask::corpus`]).
//! - `conformance`: run every conformance suite and print one table of passed, failed
//!   and skipped, then each skip with its reason; fails on any failure.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};
use xtask::lockfile::{self, PinnedModel};
use xtask::output;

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<ExitCode> {
    let (command, rest) = args.split_first().context(USAGE)?;
    let mut args = Args(rest.to_vec());
    match command.as_str() {
        "fetch-models" => {
            let from = args.value("--from")?.map(PathBuf::from);
            args.finish()?;
            fetch_models(from.as_deref()).map(|_| ExitCode::SUCCESS)
        }
        "codegen" => {
            let check = args.flag("--check");
            args.finish()?;
            codegen(check)
        }
        "generate" => {
            let models = args.values("--model")?;
            let out = args.value("--out")?.context("--out DIR is required")?;
            let name = args.value("--name")?;
            args.finish()?;
            generate(&models, Path::new(&out), name).map(|_| ExitCode::SUCCESS)
        }
        "ast" => ast(&args.0).map(|_| ExitCode::SUCCESS),
        "conformance" => {
            args.finish()?;
            Ok(if xtask::conformance::run()? {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        "corpus" => {
            let out = args.value("--out")?.map_or_else(
                || std::env::temp_dir().join("smithy-rust-corpus"),
                PathBuf::from,
            );
            let sample = args.value("--sample")?.map_or(Ok(0), |n| n.parse());
            let seed = args.value("--seed")?.map_or(Ok(0), |n| n.parse());
            let dir = args.positional().context("corpus needs a DIR")?;
            args.finish()?;
            let options = xtask::corpus::Options {
                dir: PathBuf::from(dir),
                out,
                repo: workspace_root(),
                partitions: cached_partitions()?,
                sample: sample.context("--sample needs a number")?,
                seed: seed.context("--seed needs a number")?,
            };
            Ok(if xtask::corpus::run(&options)? {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        _ => bail!("unknown command `{command}`\n{USAGE}"),
    }
}

const USAGE: &str = "usage: cargo xtask (fetch-models [--from DIR] | codegen [--check] | \
                     generate --model FILE... --out DIR [--name NAME] | ast FILE... | conformance | \
                     corpus DIR [--out DIR] [--sample N] [--seed S])";

/// Minimal flag parsing: the xtask stays dependency-light.
struct Args(Vec<String>);

impl Args {
    fn flag(&mut self, name: &str) -> bool {
        let found = self.0.iter().any(|a| a == name);
        self.0.retain(|a| a != name);
        found
    }

    fn value(&mut self, name: &str) -> Result<Option<String>> {
        let Some(i) = self.0.iter().position(|a| a == name) else {
            return Ok(None);
        };
        if i + 1 >= self.0.len() {
            bail!("{name} needs a value");
        }
        let value = self.0.remove(i + 1);
        self.0.remove(i);
        Ok(Some(value))
    }

    fn values(&mut self, name: &str) -> Result<Vec<String>> {
        let mut all = Vec::new();
        while let Some(v) = self.value(name)? {
            all.push(v);
        }
        Ok(all)
    }

    /// Takes the first argument that is not a flag.
    fn positional(&mut self) -> Option<String> {
        let i = self.0.iter().position(|a| !a.starts_with("--"))?;
        Some(self.0.remove(i))
    }

    fn finish(self) -> Result<()> {
        match self.0.first() {
            Some(extra) => bail!("unexpected argument `{extra}`\n{USAGE}"),
            None => Ok(()),
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

fn cache_dir() -> PathBuf {
    workspace_root().join(xtask::workspace::CACHE_DIR)
}

/// Ensures every pinned model and data file is in the cache with the pinned SHA-256;
/// returns their paths.
fn fetch_models(from: Option<&Path>) -> Result<Vec<PathBuf>> {
    let root = workspace_root();
    let lock = root.join("models/lock.json");
    let mut pinned = lockfile::read(&lock)?;
    pinned.extend(lockfile::read_data(&lock)?);
    std::fs::create_dir_all(cache_dir()).context("creating models/cache")?;
    pinned
        .iter()
        .map(|model| fetch_one(model, from, &cache_dir()))
        .collect()
}

/// Puts `model` into `cache` (unless already there with the pinned hash).
fn fetch_one(model: &PinnedModel, from: Option<&Path>, cache: &Path) -> Result<PathBuf> {
    let cached = cache.join(model.file_name());
    if std::fs::read(&cached).is_ok_and(|bytes| sha256_hex(&bytes) == model.sha256) {
        return Ok(cached);
    }
    let bytes = match from {
        Some(dir) => {
            let source = dir.join(model.file_name());
            std::fs::read(&source).with_context(|| format!("reading {}", source.display()))?
        }
        None => download(&model.url())?,
    };
    let actual = sha256_hex(&bytes);
    if actual != model.sha256 {
        bail!(
            "{} ({}): SHA-256 mismatch: lock file pins {}, got {actual}",
            model.name,
            from.map_or_else(
                || model.url(),
                |d| d.join(model.file_name()).display().to_string()
            ),
            model.sha256
        );
    }
    std::fs::write(&cached, &bytes).with_context(|| format!("writing {}", cached.display()))?;
    eprintln!("fetched {} → {}", model.name, cached.display());
    Ok(cached)
}

/// Downloads with the system `curl`, so the xtask carries no HTTP/TLS stack.
fn download(url: &str) -> Result<Vec<u8>> {
    let out = std::process::Command::new("curl")
        .args(["--fail", "--silent", "--show-error", "--location", url])
        .output()
        .context("running curl (install curl, or pass --from DIR)")?;
    if !out.status.success() {
        bail!(
            "downloading {url}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(out.stdout)
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn codegen(check: bool) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    fetch_models(None)?;
    let root = workspace_root();
    let mut stale = false;
    for krate in xtask::workspace::checked_in_crates(&root, &cache_dir())? {
        let files = krate.generate()?;
        let dir = root.join(krate.dir);
        let changes = output::plan(&dir, &files)?;
        if check {
            if !changes.is_empty() {
                eprintln!("{}/ is stale; run `cargo xtask codegen`:", krate.dir);
                changes.iter().for_each(|c| eprintln!("  {c}"));
                stale = true;
            }
            continue;
        }
        output::apply(&dir, &files, &changes)?;
        let lines: usize = files.values().map(|f| f.lines().count()).sum();
        eprintln!(
            "{}/: {} files, {lines} lines, {} changed",
            krate.dir,
            files.len(),
            changes.len()
        );
    }
    if check && !stale {
        eprintln!("generated crates are up to date");
    }
    eprintln!("codegen took {:.2?}", started.elapsed());
    Ok(if stale {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The pinned partitions file in the cache, if it is there (`fetch-models` puts it).
fn cached_partitions() -> Result<Option<PathBuf>> {
    let lock = workspace_root().join("models/lock.json");
    Ok(lockfile::read_data(&lock)?
        .into_iter()
        .find(|d| d.name == lockfile::PARTITIONS)
        .map(|d| cache_dir().join(d.file_name()))
        .filter(|path| path.is_file()))
}

fn generate(models: &[String], out: &Path, name: Option<String>) -> Result<()> {
    if models.is_empty() {
        bail!("at least one --model FILE is required");
    }
    let paths: Vec<PathBuf> = models.iter().map(PathBuf::from).collect();
    let raw = name.unwrap_or_else(|| {
        out.file_name()
            .map_or("generated".into(), |n| n.to_string_lossy().into_owned())
    });
    let name = codegen::naming::crate_name(&raw).map_err(anyhow::Error::msg)?;
    let partitions = cached_partitions()?;
    if partitions.is_none() {
        eprintln!(
            "note: no partitions file in {} (run `cargo xtask fetch-models`): \
             aws.partition will find no partition in the generated crate",
            cache_dir().display()
        );
    }
    let files = xtask::workspace::generate(&paths, partitions.as_deref(), &name)?;
    // Only write: a user's output directory may hold files that are not ours.
    let changes: Vec<_> = output::plan(out, &files)?
        .into_iter()
        .filter(|c| !matches!(c, output::Change::Removed(_)))
        .collect();
    output::apply(out, &files, &changes)?;
    eprintln!(
        "{}: {} files, {} changed",
        out.display(),
        files.len(),
        changes.len()
    );
    Ok(())
}

fn ast(files: &[String]) -> Result<()> {
    if files.is_empty() {
        bail!("at least one model FILE is required");
    }
    let paths: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
    let model = codegen::model::load(&paths)?;
    println!(
        "{}",
        serde_json::to_string_pretty(&codegen::model::json_ast::to_json(&model))?
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pinned(sha256: &str) -> PinnedModel {
        PinnedModel {
            name: "demo".into(),
            repository: "owner/repo".into(),
            commit: "abc1234".into(),
            path: "dir/demo.json".into(),
            sha256: sha256.into(),
        }
    }

    #[test]
    fn fetch_verifies_the_pinned_sha256() {
        let root = std::env::temp_dir().join(format!("xtask-fetch-{}", std::process::id()));
        let (from, cache) = (root.join("from"), root.join("cache"));
        std::fs::create_dir_all(&from).unwrap();
        std::fs::create_dir_all(&cache).unwrap();
        std::fs::write(from.join("demo.json"), b"{}").unwrap();

        let err = fetch_one(&pinned("00"), Some(&from), &cache)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("SHA-256 mismatch: lock file pins 00, got 44136fa3"),
            "{err}"
        );
        assert!(
            !cache.join("demo.json").exists(),
            "a mismatching file is not cached"
        );

        let good = sha256_hex(b"{}");
        let cached = fetch_one(&pinned(&good), Some(&from), &cache).unwrap();
        assert_eq!(std::fs::read(cached).unwrap(), b"{}");
        std::fs::remove_dir_all(root).unwrap();
    }
}

//! Workspace automation: `cargo xtask <command>`.
//!
//! - `fetch-models [--from DIR]`: put every pinned input (`models/lock.json`: models and
//!   data files; `models/suites.json`: the conformance suites) into `models/cache/`,
//!   copied from DIR or downloaded (with `curl`) from upstream; SHA-256 verified.
//! - `pin-suites --from DIR`: write the SHA-256 of every suite file, as found in DIR, into
//!   `models/suites.json`.
//! - `codegen [--check]`: regenerate the checked-in `generated/` crate from the pinned
//!   models (fetching and verifying every pinned input first); `--check` writes nothing
//!   and fails if stale.
//! - `generate --model FILE... --out DIR [--name NAME] [--protocol ID]...`: a standalone
//!   crate for any model; `--protocol` (a protocol trait shape ID, repeatable) is the order
//!   of preference for a service with several protocols.
//! - `ast FILE...`: load model files (IDL or JSON AST) and print the merged JSON AST.
//! - `corpus DIR [--out DIR] [--sample N] [--seed S]`: generate a crate for every model
//!   file under DIR, report `generated N/M` and the refusals by cause, then clippy a
//!   random sample of N generated crates (see [`xtask::corpus`]).
//! - `conformance`: run every conformance suite and print one table of passed, failed
//!   and skipped, then each skip with its reason; fails on any failure.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use pinned::lock as lockfile;
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
        "pin-suites" => {
            let from = args.value("--from")?.context("--from DIR is required")?;
            args.finish()?;
            let changed = xtask::fetch::pin_suites(&pinned::suites_file(), Path::new(&from))?;
            eprintln!(
                "models/suites.json {}",
                if changed { "updated" } else { "unchanged" }
            );
            Ok(ExitCode::SUCCESS)
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
            let protocols = args.values("--protocol")?;
            args.finish()?;
            generate(&models, Path::new(&out), name, &protocols).map(|_| ExitCode::SUCCESS)
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
        "corpus" if args.flag("--endpoints") => {
            let dir = args
                .positional()
                .context("corpus --endpoints needs a DIR")?;
            args.finish()?;
            let partitions = cached_partitions()?.context(
                "the pinned partitions.json is not in models/cache: run `cargo xtask fetch-models`",
            )?;
            let options = xtask::corpus_endpoints::Options {
                dir: PathBuf::from(dir),
                partitions,
            };
            Ok(if xtask::corpus_endpoints::run(&options)? {
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

const USAGE: &str =
    "usage: cargo xtask (fetch-models [--from DIR] | pin-suites --from DIR | codegen [--check] | \
                     generate --model FILE... --out DIR [--name NAME] [--protocol ID]... | ast FILE... | conformance | \
                     corpus DIR [--out DIR] [--sample N] [--seed S] | corpus --endpoints DIR)";

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
    pinned::root()
}

fn cache_dir() -> PathBuf {
    pinned::cache_dir()
}

/// Ensures every pinned input is in the cache with its pinned SHA-256.
fn fetch_models(from: Option<&Path>) -> Result<()> {
    let pinned = pinned::all()?;
    let summary = xtask::fetch::fetch(&pinned, from, &cache_dir())?;
    if summary.fetched + summary.removed > 0 {
        eprintln!(
            "{}: {} pinned files ({} fetched, {} stale removed)",
            pinned::CACHE_DIR,
            pinned.len(),
            summary.fetched,
            summary.removed
        );
    }
    for name in &summary.skipped {
        eprintln!("skipped: {name} (optional) not available offline");
    }
    Ok(())
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
        .map(|d| cache_dir().join(&d.cached))
        .filter(|path| path.is_file()))
}

fn generate(
    models: &[String],
    out: &Path,
    name: Option<String>,
    protocols: &[String],
) -> Result<()> {
    if models.is_empty() {
        bail!("at least one --model FILE is required");
    }
    if let Some(unknown) = protocols
        .iter()
        .find(|p| codegen::ir::Protocol::from_trait(p).is_none())
    {
        bail!(
            "--protocol {unknown}: not a protocol this generator speaks (one of {})",
            codegen::ir::Protocol::ALL
                .iter()
                .map(|p| p.trait_id())
                .collect::<Vec<_>>()
                .join(", ")
        );
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
    let files = xtask::workspace::generate(&paths, partitions.as_deref(), &name, protocols)?;
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

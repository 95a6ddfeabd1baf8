//! `cargo xtask corpus DIR`: the generator against a whole directory of models (e.g.
//! aws/api-models-aws), as a test that every model a Smithy validator accepts generates.
//!
//! Every model file under DIR is generated alone into a crate of its own under an
//! output directory outside the repository; the run reports `generated N/M`, the
//! refusals grouped by cause and any panic (caught, counted and named with its model).
//! With a sample size, `cargo clippy --all-features -- -D warnings` then runs on that
//! many generated crates picked at random (deterministic for a seed), all sharing one
//! target directory so that their dependencies compile once.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::output;

/// What `cargo xtask corpus` does.
#[derive(Debug, Clone)]
pub struct Options {
    /// The directory searched (recursively) for model files.
    pub dir: PathBuf,
    /// Where the crates are written, one directory per model; never inside `repo`.
    pub out: PathBuf,
    /// The workspace root: its `Cargo.lock` pins the sample's dependencies.
    pub repo: PathBuf,
    /// The AWS partitions file given to every crate, if any.
    pub partitions: Option<PathBuf>,
    /// How many generated crates to check with clippy (0: none).
    pub sample: usize,
    /// The seed of the sample's random choice.
    pub seed: u64,
}

/// One model of the corpus and the crate name it generates as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model {
    /// The model file.
    pub path: PathBuf,
    /// The crate (and output directory) name.
    pub name: String,
}

/// What generating one model gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The crate was written.
    Generated,
    /// The generator refused the model with this error.
    Refused(String),
    /// The generator panicked with this message.
    Panicked(String),
}

/// Runs the corpus: generation, the report, then the clippy sample.
///
/// # Errors
/// An unreadable directory, an output directory inside the repository, a crate that
/// cannot be written, `cargo` that cannot be started. Refusals, panics and clippy
/// failures are reported, and make the result `false`.
pub fn run(options: &Options) -> Result<bool> {
    check_out_dir(&options.out, &options.repo)?;
    let models = find_models(&options.dir)?;
    if models.is_empty() {
        bail!("no model file under {}", options.dir.display());
    }
    eprintln!(
        "generating {} models into {}",
        models.len(),
        options.out.display()
    );
    let started = std::time::Instant::now();
    let outcomes = generate_all(&models, options)?;
    let generated: Vec<&Model> = models
        .iter()
        .zip(&outcomes)
        .filter(|(_, o)| **o == Outcome::Generated)
        .map(|(m, _)| m)
        .collect();
    print_report(&models, &outcomes);
    println!("generation took {:.1?}", started.elapsed());
    let mut clean = generated.len() == models.len();
    if options.sample > 0 {
        let names: Vec<&str> = generated.iter().map(|m| m.name.as_str()).collect();
        let picked = sample(&names, options.sample, options.seed);
        clean &= clippy_sample(&picked, options)?;
    }
    Ok(clean)
}

/// Refuses an output directory inside the repository (the corpus crates are scratch),
/// before creating anything; then creates it.
fn check_out_dir(out: &Path, repo: &Path) -> Result<()> {
    let absolute = std::path::absolute(out)?;
    if absolute.starts_with(repo) || absolute.starts_with(repo.canonicalize()?) {
        bail!(
            "--out {} is inside the repository; give a directory outside it",
            out.display()
        );
    }
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))
}

/// The model files under `dir`, sorted, each with a unique crate name.
///
/// In the aws/api-models-aws layout (`SERVICE/service/VERSION/FILE.json`) only the
/// service models count, named after `SERVICE`; elsewhere every `.json` and `.smithy`
/// file does, named after its file stem.
///
/// # Errors
/// An unreadable directory.
pub fn find_models(dir: &Path) -> Result<Vec<Model>> {
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str());
        if entry.file_type().is_file() && matches!(ext, Some("json" | "smithy")) {
            paths.push(path.to_path_buf());
        }
    }
    let aws_layout = paths.iter().any(|p| aws_service(p).is_some());
    let mut models: Vec<Model> = Vec::new();
    for path in paths {
        let raw = match aws_service(&path) {
            Some(service) => service,
            None if aws_layout => continue,
            None => stem(&path),
        };
        // A name that cannot start a crate name (`2fa`) gets a letter in front.
        let base = codegen::naming::crate_name(&raw)
            .or_else(|_| codegen::naming::crate_name(&format!("m-{raw}")))
            .unwrap_or_else(|_| "model".into());
        let mut name = base.clone();
        let mut n = 2;
        while models.iter().any(|m| m.name == name) {
            name = format!("{base}-{n}");
            n += 1;
        }
        models.push(Model { path, name });
    }
    Ok(models)
}

/// `SERVICE` of a `SERVICE/service/VERSION/FILE.json` path.
fn aws_service(path: &Path) -> Option<String> {
    let version_dir = path.parent()?;
    let service_dir = version_dir.parent()?;
    if path.extension()? != "json" || service_dir.file_name()? != "service" {
        return None;
    }
    Some(
        service_dir
            .parent()?
            .file_name()?
            .to_string_lossy()
            .into_owned(),
    )
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| "model".into(), |s| s.to_string_lossy().into_owned())
}

/// Generates every model (a panic caught and silenced, then reported), writing each
/// generated crate to `out/NAME` as soon as it is made (a corpus does not fit in memory).
fn generate_all(models: &[Model], options: &Options) -> Result<Vec<Outcome>> {
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let outcomes = models
        .iter()
        .map(|model| {
            let (outcome, files) = generate_one(model, options.partitions.as_deref());
            if let Some(files) = files {
                let dir = options.out.join(&model.name);
                output::plan(&dir, &files)
                    .and_then(|changes| output::apply(&dir, &files, &changes))
                    .with_context(|| format!("writing {}", dir.display()))?;
            }
            Ok(outcome)
        })
        .collect();
    panic::set_hook(hook);
    outcomes
}

fn generate_one(model: &Model, partitions: Option<&Path>) -> (Outcome, Option<output::Files>) {
    let paths = [model.path.clone()];
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        crate::workspace::generate(&paths, partitions, &model.name, &[])
    }));
    match result {
        Ok(Ok(files)) => (Outcome::Generated, Some(files)),
        Ok(Err(e)) => (Outcome::Refused(format!("{e:#}")), None),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(a panic without a message)".into());
            (Outcome::Panicked(message), None)
        }
    }
}

/// The cause of a refusal: its message without the location (file, line, column or
/// JSON path) and with every `quoted` name replaced by `…`, so the same problem in two
/// models or shapes reads the same.
pub fn cause(message: &str, model: &Path) -> String {
    let file = model.display().to_string();
    let mut text = message.replace(&file, "");
    if let Some(rest) = text.strip_prefix(" at ") {
        text = rest.split_once(": ").map_or(rest, |(_, m)| m).to_owned();
    } else if text.starts_with(':') {
        // `:LINE:COLUMN: message`
        text = text
            .splitn(4, ':')
            .nth(3)
            .unwrap_or("")
            .trim_start()
            .to_owned();
    }
    let mut out = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match (c, quoted) {
            ('`', false) => {
                out.push_str("`…");
                quoted = true;
            }
            ('`', true) => {
                out.push('`');
                quoted = false;
            }
            (_, true) => {}
            (c, false) => out.push(c),
        }
    }
    out.trim().to_owned()
}

/// Prints `generated N/M`, then the refusals grouped by cause (most frequent first, with
/// the models and one full message) and the panics with their models.
fn print_report(models: &[Model], outcomes: &[Outcome]) {
    let generated = outcomes
        .iter()
        .filter(|o| **o == Outcome::Generated)
        .count();
    println!("generated {generated}/{}", models.len());
    let mut causes: BTreeMap<String, Vec<(&Model, &str)>> = BTreeMap::new();
    let mut panics = Vec::new();
    for (model, outcome) in models.iter().zip(outcomes) {
        match outcome {
            Outcome::Generated => {}
            Outcome::Refused(message) => causes
                .entry(cause(message, &model.path))
                .or_default()
                .push((model, message)),
            Outcome::Panicked(message) => panics.push((model, message)),
        }
    }
    let refused: usize = causes.values().map(Vec::len).sum();
    println!("refused {refused}, in {} causes", causes.len());
    let mut by_count: Vec<_> = causes.into_iter().collect();
    by_count.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    for (cause, hits) in &by_count {
        let names: Vec<&str> = hits.iter().map(|(m, _)| m.name.as_str()).collect();
        println!("  {:>3} × {cause}", hits.len());
        println!("        models: {}", names.join(", "));
        println!("        e.g. {}", hits[0].1);
    }
    println!("panics {}", panics.len());
    for (model, message) in panics {
        println!("  {} ({}): {message}", model.name, model.path.display());
    }
}

/// `n` names (all if fewer) chosen at random from `names`, deterministic for `seed`,
/// sorted.
pub fn sample<'a>(names: &[&'a str], n: usize, seed: u64) -> Vec<&'a str> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut picked = names.to_vec();
    rng.shuffle(&mut picked);
    picked.truncate(n);
    picked.sort_unstable();
    picked
}

/// Runs clippy (all features, `-D warnings`) on each picked crate, printing pass/fail
/// and the first errors of a failure; true when all pass.
fn clippy_sample(picked: &[&str], options: &Options) -> Result<bool> {
    let target = options.out.join("target");
    let lock = options.repo.join("Cargo.lock");
    println!(
        "clippy on a sample of {} (seed {}):",
        picked.len(),
        options.seed
    );
    let mut passed = 0;
    for name in picked {
        let dir = options.out.join(name);
        // The workspace's lock file: the sample builds with the dependency versions the
        // workspace is tested with (cargo drops the entries a crate does not use).
        std::fs::copy(&lock, dir.join("Cargo.lock"))
            .with_context(|| format!("copying Cargo.lock into {}", dir.display()))?;
        let started = std::time::Instant::now();
        let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["clippy", "--quiet", "--all-features", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .args(["--", "-D", "warnings"])
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .context("running cargo clippy")?;
        let secs = started.elapsed().as_secs_f32();
        if out.status.success() {
            passed += 1;
            println!("  pass {name} ({secs:.0} s)");
        } else {
            println!("  FAIL {name} ({secs:.0} s)");
            for line in first_errors(&String::from_utf8_lossy(&out.stderr)) {
                println!("      {line}");
            }
        }
    }
    println!("clippy: {passed}/{} passed", picked.len());
    Ok(passed == picked.len())
}

/// The first few diagnostics of a cargo/clippy error output, up to 30 lines.
fn first_errors(stderr: &str) -> Vec<&str> {
    const ERRORS: usize = 3;
    let mut lines = Vec::new();
    let mut seen = 0;
    for line in stderr.lines() {
        if line.starts_with("error") {
            seen += 1;
            if seen > ERRORS {
                break;
            }
        }
        if seen > 0 {
            lines.push(line);
        }
        if lines.len() >= 30 {
            break;
        }
    }
    if lines.is_empty() {
        lines = stderr.lines().take(10).collect();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cause_drops_the_location_and_the_names() {
        let model = Path::new("/c/acm/service/1/acm.json");
        assert_eq!(
            cause(
                "/c/acm/service/1/acm.json at /shapes/a#B/traits: uri `/a/` has an empty path segment",
                model
            ),
            "uri `…` has an empty path segment"
        );
        assert_eq!(
            cause("/c/acm/service/1/acm.json:3:7: shape `a#B`: bad", model),
            "shape `…`: bad"
        );
    }

    #[test]
    fn the_sample_is_deterministic_for_a_seed() {
        let names = ["a", "b", "c", "d", "e", "f", "g", "h"];
        let one = sample(&names, 3, 7);
        assert_eq!(one, sample(&names, 3, 7));
        assert_eq!(one.len(), 3);
        assert_eq!(sample(&names, 20, 7).len(), 8, "all when fewer than asked");
    }

    #[test]
    fn generates_what_it_can_and_reports_the_rest() {
        let root = std::env::temp_dir().join(format!("xtask-corpus-run-{}", std::process::id()));
        let (dir, out) = (root.join("models"), root.join("out"));
        std::fs::create_dir_all(&dir).unwrap();
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/fixtures");
        std::fs::copy(fixtures.join("errors.smithy"), dir.join("good.smithy")).unwrap();
        std::fs::write(
            dir.join("bad.json"),
            r#"{"smithy": "2.0", "shapes": {"a.b#S": {"type": "structure",
                "members": {"m": {"target": "a.b#Missing"}}}}}"#,
        )
        .unwrap();
        let models = find_models(&dir).unwrap();
        let options = Options {
            dir: dir.clone(),
            out: out.clone(),
            repo: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            partitions: None,
            sample: 0,
            seed: 0,
        };
        let outcomes = generate_all(&models, &options).unwrap();
        let good_written = out.join("good/src/lib.rs").is_file();
        let bad_written = out.join("bad").exists();
        std::fs::remove_dir_all(&root).unwrap();
        assert_eq!(models.len(), 2);
        assert!(matches!(&outcomes[0], Outcome::Refused(m) if m.contains("a.b#Missing")));
        assert_eq!(outcomes[1], Outcome::Generated);
        assert!(good_written && !bad_written);
    }

    #[test]
    fn the_output_is_never_inside_the_repository() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let out = repo.join("target/corpus-never-made");
        let err = check_out_dir(&out, repo).unwrap_err();
        assert!(err.to_string().contains("inside the repository"), "{err}");
        assert!(!out.exists(), "refused before anything is created");
    }

    #[test]
    fn aws_layout_names_models_after_their_service() {
        let root = std::env::temp_dir().join(format!("xtask-corpus-{}", std::process::id()));
        let dir = root.join("acm-pca/service/2017-08-22");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("acm-pca-2017-08-22.json"), "{}").unwrap();
        std::fs::write(root.join("overrides.json"), "{}").unwrap();
        let models = find_models(&root).unwrap();
        std::fs::remove_dir_all(&root).unwrap();
        assert_eq!(models.len(), 1, "{models:?}");
        assert_eq!(models[0].name, "acm-pca");
    }
}

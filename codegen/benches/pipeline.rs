//! Prints load and generation timings for BENCHMARKS.md:
//! `cargo bench -p codegen --bench pipeline`.
//!
//! A plain `main` (no harness): each step runs a few times and the median and minimum
//! wall times are printed, with the sizes involved.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use codegen::model::Model;

#[path = "../tests/common/mod.rs"]
mod common;

use codegen::Files;
use common::{files, require, suite};

const RUNS: usize = 7;

/// Runs `f` [`RUNS`] times and prints the median and minimum, and `detail` of the result.
fn time<T>(label: &str, detail: impl Fn(&T) -> String, mut f: impl FnMut() -> Result<T, String>) {
    let mut samples: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        let value = f();
        samples.push(start.elapsed());
        last = Some(value);
    }
    samples.sort();
    let detail = match last {
        Some(Ok(value)) => detail(&value),
        Some(Err(e)) => format!("error: {e}"),
        None => String::new(),
    };
    println!(
        "{label:<48} median {:>9.2?}  min {:>9.2?}  {detail}",
        samples[RUNS / 2],
        samples[0]
    );
}

fn load(paths: &[PathBuf]) -> Result<Model, String> {
    codegen::model::load(paths).map_err(|e| e.to_string())
}

fn main() {
    let chime = vec![require("chime")];
    let ivschat = vec![require("ivschat")];
    let both: Vec<PathBuf> = chime.iter().chain(&ivschat).cloned().collect();
    let shapes = |m: &Model| format!("{} shapes", m.shapes.len());

    time("load chime (JSON AST, 256 KB)", shapes, || load(&chime));
    time("load ivschat (JSON AST, 117 KB)", shapes, || load(&ivschat));

    let tests = suite("protocol-tests");
    let mut suite = files(&tests.join("restJson1"), "smithy");
    suite.push(tests.join("shared-types.smithy"));
    suite.extend(files(&tests.join("traits"), "smithy"));
    let label = format!("load restJson1 protocol tests (IDL, {} files)", suite.len());
    time(&label, shapes, || load(&suite));

    let options = codegen::CrateOptions {
        crate_name: "generated".into(),
        version: "0.1.0".into(),
        protocols: Vec::new(),
    };
    let lines = |files: &Files| {
        format!(
            "{} files, {} lines",
            files.len(),
            files.values().map(|s| s.lines().count()).sum::<usize>()
        )
    };
    let generate =
        |model: &Model| codegen::generate_crate(model, &options).map_err(|e| e.to_string());
    match load(&both) {
        Ok(model) => time("generate chime + ivschat (already loaded)", lines, || {
            generate(&model)
        }),
        Err(e) => println!("cannot load the AWS models: {e}"),
    }
    time("load + generate chime + ivschat", lines, || {
        generate(&load(&both)?)
    });
}

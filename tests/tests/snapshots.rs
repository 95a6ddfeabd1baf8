//! insta snapshots of every emitted file, for each fixture model (one concern each) and
//! for the two AWS models, plus an IR snapshot per fixture so that a lowering change
//! shows up separately from a printing change. Review with `cargo insta review`.
//!
//! Snapshots are a review aid; the behaviour tests next to this file prove the code.

mod common;

use std::path::PathBuf;

fn snapshot_files(prefix: &str, models: &[PathBuf]) {
    let model = codegen::model::load(models).unwrap();
    let files = codegen::generate_crate(&model, &common::options(prefix)).unwrap();
    for (path, contents) in &files {
        // The runtime is the `runtime/` crate copied verbatim: reviewed and tested there.
        if path.starts_with("src/runtime/") {
            continue;
        }
        let name = format!("{prefix}@{}", path.replace('/', "__"));
        insta::assert_snapshot!(name, contents);
    }
}

#[test]
fn fixture_snapshots() {
    let dir = common::root().join("models/fixtures");
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "smithy"))
        .collect();
    fixtures.sort();
    assert!(
        fixtures.len() >= 9,
        "fixtures missing from {}",
        dir.display()
    );
    for path in &fixtures {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        snapshot_files(&stem, std::slice::from_ref(path));
        let model = codegen::model::load(std::slice::from_ref(path)).unwrap();
        insta::assert_debug_snapshot!(format!("{stem}@ir"), codegen::lower(&model).unwrap());
    }
}

#[test]
fn aws_model_snapshots() {
    for (name, file) in [
        ("chime", "chime-2018-05-01.json"),
        ("ivschat", "ivschat-2020-07-14.json"),
    ] {
        snapshot_files(name, &[common::model_dir().join(file)]);
    }
}

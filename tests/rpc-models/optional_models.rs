//! The build script of a test crate over optional model pins (tests/rpc-models,
//! tests/xml-models; each includes this file with `#[path]`): generates one crate from
//! the pins that are cached into `OUT_DIR`, with the module declarations that include it
//! (`modules.rs`), and sets `has_<name>` for each model there, which the tests are gated
//! on. A model that is not cached (CI's offline copy has none) is left out with a build
//! warning; with none, the crate is empty and each test says it skipped.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Generates the crate of the optional pins `models` that are cached, named
/// `crate_name`, into `OUT_DIR/generated`, writes `OUT_DIR/modules.rs` (its module
/// declarations) and sets `has_<name>` for each cached model.
pub fn build(models: &[&str], crate_name: &str) {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    println!("cargo:rerun-if-changed={}", pinned::lock_file().display());
    // The generator and the runtime it copies (cargo does not always re-run a build
    // script whose build-dependency changed).
    for dir in [
        "../../codegen/src",
        "../../runtime/src",
        "../../runtime/Cargo.toml",
    ] {
        println!("cargo:rerun-if-changed={}", manifest.join(dir).display());
    }
    let mut paths = Vec::new();
    for name in models {
        match pinned::optional(name).unwrap_or_else(|e| panic!("{e}")) {
            Some(path) => {
                println!("cargo:rerun-if-changed={}", path.display());
                println!("cargo:rustc-cfg=has_{name}");
                paths.push(path);
            }
            None => {
                // Watch for the fetch that fills it.
                println!("cargo:rerun-if-changed={}", pinned::cache_dir().display());
                println!("cargo:warning=skipped: {name} not in models/cache (optional pin)");
            }
        }
    }
    let modules = match paths.is_empty() {
        true => String::new(),
        false => generate(&paths, &out.join("generated"), crate_name),
    };
    write(&out.join("modules.rs"), &modules);
}

/// Generates the crate for `models` under `dir`; the crate root's module declarations.
fn generate(models: &[PathBuf], dir: &Path, crate_name: &str) -> String {
    let model = codegen::model::load(models).unwrap_or_else(|e| panic!("{e}"));
    let partitions = std::fs::read_to_string(pinned::require("partitions"))
        .map(|text| codegen::partitions::Partitions::from_json(&text))
        .unwrap_or_else(|e| panic!("reading partitions.json: {e}"))
        .unwrap_or_else(|e| panic!("{e}"));
    let options = codegen::CrateOptions {
        crate_name: crate_name.to_owned(),
        version: "0.0.0".to_owned(),
        protocols: Vec::new(),
    };
    let files = codegen::generate_crate_with_partitions(&model, &options, Some(&partitions))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut modules = String::new();
    for (path, text) in &files {
        let file = dir.join(path);
        write(&file, text);
        // The crate root's modules: `src/<module>/mod.rs` (the runtime, each service) and
        // `src/<module>.rs` (the partitions); lib.rs is this crate's own.
        let parts: Vec<&str> = path.split('/').collect();
        let module = match parts[..] {
            ["src", module, "mod.rs"] => module,
            ["src", file] if file != "lib.rs" => file.trim_end_matches(".rs"),
            _ => continue,
        };
        let _ = writeln!(
            modules,
            "#[path = {:?}]\npub mod {module};",
            file.display().to_string()
        );
    }
    modules
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("OUT_DIR is writable");
    }
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).expect("OUT_DIR is writable");
    }
}

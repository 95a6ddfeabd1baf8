//! Embeds the runtime crate (`../runtime`) in the generator: writes `runtime_files.rs` to
//! `OUT_DIR` with an `include_str!` of every `runtime/src/**/*.rs` (sorted by path, `/`
//! separated), and the `[dependencies]` and `[features]` entries of `runtime/Cargo.toml`
//! (read by `src/emit/runtime_manifest.rs`; a manifest breaking its rules fails the build,
//! saying where and what). `codegen::emit::runtime` reads the tables; no file list is kept
//! by hand.

#[path = "src/emit/runtime_manifest.rs"]
mod runtime_manifest;

use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    let manifest_dir =
        PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").ok_or("no CARGO_MANIFEST_DIR")?);
    let runtime = manifest_dir.join("../runtime");
    let src = runtime.join("src");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=../runtime/src");
    println!("cargo:rerun-if-changed=../runtime/Cargo.toml");

    let mut files = Vec::new();
    collect(&src, "", &mut files)?;
    files.sort();
    if !files.iter().any(|(rel, _)| rel == "lib.rs") {
        return Err(format!("{} has no lib.rs", src.display()).into());
    }

    let mut out = String::from(
        "/// The runtime crate's sources: path below `runtime/src/` (sorted) and contents.\n\
         pub(crate) const FILES: &[(&str, &str)] = &[\n",
    );
    for (rel, path) in &files {
        writeln!(out, "    ({rel:?}, include_str!({:?})),", utf8(path)?)?;
    }
    out.push_str("];\n");
    let manifest_path = runtime.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest_path)
        .map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let manifest = runtime_manifest::runtime_manifest(&text)
        .map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    for (name, entries) in [
        ("DEPENDENCIES", &manifest.dependencies),
        ("FEATURES", &manifest.features),
    ] {
        writeln!(
            out,
            "/// `runtime/Cargo.toml` entries, in file order.\npub(crate) const {name}: &[(&str, &str)] = &{entries:?};"
        )?;
    }
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("no OUT_DIR")?);
    std::fs::write(out_dir.join("runtime_files.rs"), out)?;
    Ok(())
}

/// Every `.rs` file below `dir`, as (`prefix`-relative `/`-separated path, full path).
fn collect(
    dir: &Path,
    prefix: &str,
    out: &mut Vec<(String, PathBuf)>,
) -> Result<(), Box<dyn Error>> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name
            .to_str()
            .ok_or_else(|| format!("{}: file name is not UTF-8", path.display()))?;
        let rel = format!("{prefix}{name}");
        if entry.file_type()?.is_dir() {
            collect(&path, &format!("{rel}/"), out)?;
        } else if name.ends_with(".rs") {
            out.push((rel, path));
        }
    }
    Ok(())
}

fn utf8(path: &Path) -> Result<&str, Box<dyn Error>> {
    path.to_str()
        .ok_or_else(|| format!("{}: path is not UTF-8", path.display()).into())
}

//! The rules that let the generator copy `src/` verbatim into generated crates as their
//! `runtime` module (see the crate docs): no absolute crate paths, no exported macros, no
//! crate-only inner attributes, `lib.rs` as the only root.

use std::path::{Path, PathBuf};

fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    walk(&src, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// `file:line: text` for every line containing one of `needles`.
fn offending(needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (file, text) in sources() {
        for (i, line) in text.lines().enumerate() {
            if needles.iter().any(|n| line.contains(n)) {
                found.push(format!("src/{file}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn sources_are_rust_files_under_one_lib_rs() {
    let files: Vec<String> = sources().into_iter().map(|(f, _)| f).collect();
    assert!(files.contains(&"lib.rs".to_owned()));
    for file in &files {
        assert!(
            file.ends_with(".rs"),
            "src/{file}: only .rs files are copied"
        );
        assert!(
            file != "main.rs" && !file.starts_with("bin/"),
            "src/{file}: the runtime is a library only"
        );
    }
}

#[test]
fn no_absolute_crate_paths() {
    // In a generated crate the crate root is not this crate's `lib.rs`: `crate::x` (and a
    // macro's `$crate::x`) would name the wrong item. Modules use `super::`; macros `rt::`.
    let found = offending(&["crate::", "use crate", "extern crate"]);
    assert!(
        found.is_empty(),
        "absolute crate paths:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_exported_macros() {
    // `#[macro_export]` would put the macro at the root of every generated crate; macros
    // are `pub(crate) use`d from `lib.rs` and called as `rt::name!`.
    let found = offending(&["macro_export"]);
    assert!(found.is_empty(), "exported macros:\n{}", found.join("\n"));
}

#[test]
fn inner_attributes_are_valid_in_a_module() {
    // `lib.rs` becomes `runtime/mod.rs`: crate-level attributes would not compile there.
    const MODULE_LEVEL: &[&str] = &["doc", "allow", "warn", "deny", "forbid", "expect"];
    let mut found = Vec::new();
    for (file, text) in sources() {
        for (i, line) in text.lines().enumerate() {
            if let Some(attr) = line.trim_start().strip_prefix("#![") {
                let name: String = attr
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !MODULE_LEVEL.contains(&name.as_str()) {
                    found.push(format!("src/{file}:{}: {}", i + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "crate-level attributes:\n{}",
        found.join("\n")
    );
}

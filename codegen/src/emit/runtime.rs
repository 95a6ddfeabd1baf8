//! The runtime: the workspace crate `runtime/` copied into every generated crate.
//!
//! `build.rs` embeds `runtime/src/**/*.rs` and the `[dependencies]`/`[features]` of
//! `runtime/Cargo.toml`; [`files`] places the sources under `src/runtime/` (`lib.rs`
//! becoming `mod.rs`) and [`DEPENDENCIES`]/[`FEATURES`] feed the generated `Cargo.toml`.
//! The rules that make the verbatim copy work are in `runtime/src/lib.rs`.

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/runtime_files.rs"));
}

pub(crate) use embedded::{DEPENDENCIES, FEATURES};

/// Where the runtime goes in a generated crate.
const DIR: &str = "src/runtime";

/// The runtime's files as generated-crate paths (`src/runtime/…`, `lib.rs` → `mod.rs`) and
/// contents, sorted by source path.
pub(crate) fn files() -> impl Iterator<Item = (String, &'static str)> {
    embedded::FILES.iter().map(|(rel, text)| {
        let rel = if *rel == "lib.rs" { "mod.rs" } else { rel };
        (format!("{DIR}/{rel}"), *text)
    })
}

#[cfg(test)]
mod tests {
    use super::super::runtime_manifest::{runtime_manifest, tables};
    use super::*;

    #[test]
    fn every_source_file_is_embedded_once_in_order() {
        let on_disk: Vec<String> = {
            let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/src");
            let mut files: Vec<String> = walkdir::WalkDir::new(&src)
                .into_iter()
                .map(|e| e.expect("readable"))
                .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
                .map(|e| {
                    let rel = e.path().strip_prefix(&src).expect("below src");
                    rel.to_string_lossy().replace('\\', "/")
                })
                .collect();
            files.sort();
            files
        };
        let embedded: Vec<&str> = embedded::FILES.iter().map(|(rel, _)| *rel).collect();
        assert_eq!(embedded, on_disk);
        let placed: Vec<String> = files().map(|(path, _)| path).collect();
        assert!(placed.contains(&"src/runtime/mod.rs".to_owned()));
        assert!(!placed.iter().any(|p| p.ends_with("/lib.rs")));
    }

    #[test]
    fn dependencies_agree_with_the_workspace() {
        // One version of each crate in the workspace: the runtime's explicit specs (which
        // generated crates copy) must be the workspace's.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let text = std::fs::read_to_string(root.join("Cargo.toml")).expect("workspace manifest");
        let tables = tables(&text).expect("workspace manifest parses");
        let workspace = tables
            .iter()
            .find(|t| t.name == "workspace.dependencies")
            .expect("[workspace.dependencies]");
        assert!(!DEPENDENCIES.is_empty());
        for (name, spec) in DEPENDENCIES {
            if let Some((_, theirs)) = workspace.entries.iter().find(|(k, _)| k == name) {
                // An optional dependency is the workspace's spec, made optional.
                let optional = match theirs.strip_suffix(" }") {
                    Some(table) => format!("{table}, optional = true }}"),
                    None => format!("{{ version = {theirs}, optional = true }}"),
                };
                assert!(
                    spec == theirs || *spec == optional,
                    "runtime/Cargo.toml `{name}` differs from the workspace"
                );
            }
        }
    }

    #[test]
    fn runtime_features_cannot_collide_with_service_features() {
        // Services become features named after their module; naming reserves the module
        // names the runtime's own features use.
        for (feature, _) in FEATURES.iter().filter(|(f, _)| *f != "default") {
            assert_ne!(
                crate::naming::module_name(feature).as_str(),
                *feature,
                "add runtime feature `{feature}` to naming's reserved module names"
            );
        }
    }

    #[test]
    fn manifest_reader_keeps_entries_as_written() {
        let text = r#"
            [package]
            name = "runtime" # a comment
            edition.workspace = true

            [dependencies]
            a = "1"
            b = { version = "0.3", features = ["x", "y#z"] } # kept
            c = { version = "2", optional = true }

            [features]
            default = []
            client = [
                "dep:c", # multi-line
            ]

            [dev-dependencies]
            d.workspace = true
        "#;
        let m = runtime_manifest(text).expect("parses");
        assert_eq!(
            m.dependencies,
            vec![
                ("a".to_owned(), r#""1""#.to_owned()),
                (
                    "b".to_owned(),
                    r#"{ version = "0.3", features = ["x", "y#z"] }"#.to_owned()
                ),
                (
                    "c".to_owned(),
                    r#"{ version = "2", optional = true }"#.to_owned()
                ),
            ]
        );
        assert_eq!(
            m.features,
            vec![
                ("default".to_owned(), "[]".to_owned()),
                (
                    "client".to_owned(),
                    "[\n                \"dep:c\",\n            ]".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn manifest_reader_rejects_what_generated_crates_cannot_copy() {
        for (text, expected) in [
            (
                "[dependencies]\nserde.workspace = true",
                "`serde.workspace`: write",
            ),
            (
                "[dependencies]\nserde = { workspace = true }",
                "`workspace = true` cannot",
            ),
            (
                "[dependencies.serde]\nversion = \"1\"",
                "[dependencies.serde]: generated",
            ),
            (
                "[target.'cfg(unix)'.dependencies]\nx = \"1\"",
                "target.'cfg(unix)'",
            ),
            ("[build-dependencies]\nx = \"1\"", "[build-dependencies]"),
            (
                "[dependencies]\nx = { version = \"1\"",
                "line 2: a `[` or `{` is never closed",
            ),
            ("[dependencies]\nx = \"1", "line 2: a string is not closed"),
            ("[dependencies]\nx", "line 2: expected `key = value`"),
            (
                "[dependencies\nx = \"1\"",
                "line 1: a table header must end",
            ),
            ("[dependencies]\nx = \"\"\"\n1\"\"\"", "multi-line strings"),
        ] {
            let err = runtime_manifest(text).expect_err(text);
            assert!(err.contains(expected), "{text:?}: {err}");
        }
    }
}

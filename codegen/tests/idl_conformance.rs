//! The reference Smithy loader's IDL conformance suite (the pinned suite `idl`),
//! run against our IDL reader and assembler.
//!
//! - `valid/`: each `X.smithy` loaded with `__shared.json` must equal `X.json` loaded
//!   with `__shared.json`, compared as JSON AST; a `.smithy` without a `.json` must load.
//! - `invalid/`: each file must be rejected; where the expected error (first line)
//!   names a line, our error must point at that line.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::files;

use codegen::model::{json_ast, load_sources, LoadError, Model, Position};
use serde_json::Value;

/// Valid cases out of scope, with why.
const VALID_SKIPS: &[(&str, &str)] = &[];

/// Invalid cases out of scope, with why.
const INVALID_SKIPS: &[(&str, &str)] = &[];

fn suite(dir: &str) -> PathBuf {
    common::suite("idl").join(dir)
}

fn source(path: &Path) -> (Arc<str>, String) {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (Arc::from(path.display().to_string()), text)
}

fn load(paths: &[&Path]) -> Result<Model, LoadError> {
    let sources: Vec<_> = paths.iter().map(|p| source(p)).collect();
    load_sources(&sources)
}

fn relative(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

fn skip_reason<'a>(skips: &[(&str, &'a str)], name: &str) -> Option<&'a str> {
    skips.iter().find(|(n, _)| *n == name).map(|(_, why)| *why)
}

#[test]
fn valid_idl_files_match_their_json_ast() {
    let root = suite("valid");
    let shared = root.join("__shared.json");
    let (mut passed, mut failures, mut skipped) = (0, Vec::new(), Vec::new());
    for smithy in files(&root, "smithy") {
        let name = relative(&smithy, &root);
        if let Some(why) = skip_reason(VALID_SKIPS, &name) {
            skipped.push(format!("{name}: {why}"));
            continue;
        }
        match check_valid(&smithy, &shared) {
            Ok(()) => passed += 1,
            Err(why) => failures.push(format!("{name}: {why}")),
        }
    }
    println!(
        "idl valid: {passed} passed, {} failed, {} skipped",
        failures.len(),
        skipped.len()
    );
    for skip in &skipped {
        println!("  skipped {skip}");
    }
    assert!(failures.is_empty(), "failures:\n{}", failures.join("\n\n"));
}

fn check_valid(smithy: &Path, shared: &Path) -> Result<(), String> {
    let ours = load(&[smithy, shared]).map_err(|e| format!("failed to load: {e}"))?;
    let json = smithy.with_extension("json");
    if !json.exists() {
        return Ok(());
    }
    let expected =
        load(&[&json, shared]).map_err(|e| format!("expected JSON failed to load: {e}"))?;
    let (ours, expected) = (json_ast::to_json(&ours), json_ast::to_json(&expected));
    if ours == expected {
        return Ok(());
    }
    let mut diffs = Vec::new();
    diff("$", &expected, &ours, &mut diffs);
    Err(format!(
        "JSON AST differs (expected vs ours):\n  {}",
        diffs.join("\n  ")
    ))
}

/// Lists the paths where `expected` and `actual` differ.
fn diff(path: &str, expected: &Value, actual: &Value, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                match a.get(key) {
                    Some(av) => diff(&format!("{path}.{key}"), ev, av, out),
                    None => out.push(format!("{path}.{key}: missing (expected {ev})")),
                }
            }
            for (key, av) in a.iter().filter(|(k, _)| !e.contains_key(*k)) {
                out.push(format!("{path}.{key}: unexpected {av}"));
            }
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                diff(&format!("{path}[{i}]"), ev, av, out);
            }
        }
        _ if expected != actual => out.push(format!("{path}: expected {expected}, found {actual}")),
        _ => {}
    }
}

#[test]
fn invalid_idl_files_are_rejected_at_the_expected_line() {
    let root = suite("invalid");
    let mut paths = files(&root, "smithy");
    paths.extend(files(&root, "json"));
    let (mut passed, mut failures, mut skipped) = (0, Vec::new(), Vec::new());
    for path in paths {
        let name = relative(&path, &root);
        if let Some(why) = skip_reason(INVALID_SKIPS, &name) {
            skipped.push(format!("{name}: {why}"));
            continue;
        }
        match check_invalid(&path) {
            Ok(()) => passed += 1,
            Err(why) => failures.push(format!("{name}: {why}")),
        }
    }
    println!(
        "idl invalid: {passed} passed, {} failed, {} skipped",
        failures.len(),
        skipped.len()
    );
    for skip in &skipped {
        println!("  skipped {skip}");
    }
    assert!(failures.is_empty(), "failures:\n{}", failures.join("\n"));
}

fn check_invalid(path: &Path) -> Result<(), String> {
    let text = fs::read_to_string(path).map_err(|e| e.to_string())?;
    let expected = text.lines().next().unwrap_or("");
    let error = match load(&[path]) {
        Ok(_) => return Err(format!("loaded, but the reference says: {expected}")),
        Err(error) => error,
    };
    let Some(line) = expected_line(expected) else {
        return Ok(());
    };
    match error.location.position {
        Position::LineColumn { line: ours, .. } if ours == line => Ok(()),
        _ => Err(format!(
            "expected an error at line {line} ({expected}), got: {error}"
        )),
    }
}

/// The line in a reference message such as `Syntax error at line 4, column 1: …`.
fn expected_line(message: &str) -> Option<u32> {
    let rest = &message[message.find("at line ")? + "at line ".len()..];
    rest.split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

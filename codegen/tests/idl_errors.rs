//! The IDL reader's errors: located, saying what was expected and what was found, and
//! never a panic or a hang — whatever the input (truncated, mutated, binary, deep, huge).

mod common;

use std::path::PathBuf;
use std::sync::Arc;

use codegen::model::idl::parse;
use codegen::model::{LoadError, Position};

fn parse_str(text: &str) -> Result<codegen::model::Fragment, LoadError> {
    parse(Arc::from("test.smithy"), text)
}

fn error(text: &str) -> (u32, u32, String) {
    let error = parse_str(text).expect_err("should be rejected");
    match error.location.position {
        Position::LineColumn { line, column } => (line, column, error.message),
        other => panic!("unlocated error {other:?}: {}", error.message),
    }
}

#[test]
fn reports_what_was_expected_and_found() {
    let (line, column, message) =
        error("$version: \"2\"\nnamespace a.b\nstructure A {\n  b: String\n");
    assert_eq!((line, column), (5, 1));
    assert_eq!(message, "expected `}` but found end of file");

    let (line, column, message) = error("$version: \"2\"\nnamespace a.b\nstring A with [B\n");
    assert_eq!((line, column), (4, 1));
    assert!(message.contains("found end of file"), "{message}");

    let (line, _, message) = error("namespace a.b\nstrin A\n");
    assert_eq!(line, 2);
    assert!(message.contains("unknown shape type `strin`"), "{message}");
}

#[test]
fn bounds_node_nesting() {
    let deep = format!(
        "metadata x = {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let (_, _, message) = error(&deep);
    assert!(message.contains("nested deeper"), "{message}");
    let fine = format!("metadata x = {}{}\n", "[".repeat(60), "]".repeat(60));
    assert!(parse_str(&fine).is_ok());
}

#[test]
fn survives_binary_and_huge_input() {
    let binary: String = (0u8..=255).map(char::from).cycle().take(10_000).collect();
    assert!(parse_str(&binary).is_err());
    assert!(parse_str("\u{0}\u{feff}$").is_err());
    let many: String = (0..20_000).map(|i| format!("string S{i}\n")).collect();
    let fragment =
        parse_str(&format!("$version: \"2\"\nnamespace a.b\n{many}")).expect("large file");
    assert_eq!(fragment.shapes.len(), 20_000);
    let long_string = format!("metadata x = \"{}\"\n", "a".repeat(1_000_000));
    assert!(parse_str(&long_string).is_ok());
}

fn conformance_files() -> Vec<PathBuf> {
    ["idl", "protocol-tests", "rules-engine"]
        .into_iter()
        .flat_map(|suite| common::files(&common::suite(suite), "smithy"))
        .collect()
}

/// A tiny deterministic generator, so failures reproduce.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % bound as u64).unwrap_or(0)
    }
}

/// The fallback for the cargo-fuzz targets: truncations and byte mutations of every
/// conformance file must not panic (a panic fails this test and names the input).
#[test]
fn truncated_and_mutated_conformance_files_never_panic() {
    const INTERESTING: &[&str] = &[
        "{", "}", "\"", "\"\"\"", "\\", "\\u", "$", "@", "#", "\n", "(", ")", "[", "]", ":", ":=",
        "=", ",", "//", "/// d\n", "-", "1e", "\r", "\u{0}", "é", "with", "for", " ",
    ];
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for path in conformance_files() {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let name = path.display().to_string();
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|i| text.is_char_boundary(*i))
            .collect();
        let stride = (boundaries.len() / 100).max(1);
        for &end in boundaries.iter().step_by(stride) {
            let _ = parse(Arc::from(name.as_str()), &text[..end]);
        }
        for _ in 0..50 {
            let mut bytes = text.clone().into_bytes();
            let at = rng.next(bytes.len() + 1);
            let insert = INTERESTING[rng.next(INTERESTING.len())].as_bytes();
            let remove = rng.next(4).min(bytes.len() - at);
            bytes.splice(at..at + remove, insert.iter().copied());
            let mutated = String::from_utf8_lossy(&bytes);
            let _ = parse(Arc::from(name.as_str()), &mutated);
        }
    }
}

#[test]
fn mixin_cycles_end() {
    let text = "$version: \"2\"\nnamespace a.b\n@mixin\nstructure A with [A A B] {}\n@mixin\nstructure B with [A B] {}\nstructure C with [A] { $x }\n";
    let (line, _, message) = error(text);
    assert_eq!(line, 7);
    assert!(message.contains("no bound resource or mixin"), "{message}");
}

//! The AWS restJson1 protocol compliance models (the pinned suite `protocol-tests`)
//! load into one model through the IDL reader.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use codegen::model::load_sources;

mod common;

use common::files;

fn root() -> PathBuf {
    common::suite("protocol-tests")
}

fn smithy_files(dir: &Path) -> Vec<PathBuf> {
    files(dir, "smithy")
}

#[test]
fn rest_json1_protocol_tests_load() {
    let root = root();
    let mut paths = smithy_files(&root.join("restJson1"));
    paths.push(root.join("shared-types.smithy"));
    paths.extend(smithy_files(&root.join("traits")));
    let sources: Vec<(Arc<str>, String)> = paths
        .iter()
        .map(|p| {
            let text =
                std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (Arc::from(p.display().to_string()), text)
        })
        .collect();
    let model = load_sources(&sources).unwrap_or_else(|e| panic!("{e}"));

    let count = |name: &str| -> usize {
        model
            .user_shapes()
            .filter_map(|s| s.get_trait(&format!("smithy.test#{name}")))
            .filter_map(serde_json::Value::as_array)
            .map(Vec::len)
            .sum()
    };
    let (requests, responses, malformed) = (
        count("httpRequestTests"),
        count("httpResponseTests"),
        count("httpMalformedRequestTests"),
    );
    let shapes = model.user_shapes().count();
    println!(
        "restJson1 protocol models: {} files, {shapes} shapes",
        sources.len()
    );
    println!("  httpRequestTests: {requests}, httpResponseTests: {responses}, httpMalformedRequestTests: {malformed}");
    assert!(model.services().count() >= 1, "no service shape");
    assert!(requests > 0 && responses > 0 && malformed > 0);
}

//! Paths and helpers shared by the integration tests.

// Each test file compiles this module and uses only some of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// The cache of pinned inputs, once the pinned models are there (fails with the command
/// that fetches them otherwise).
pub fn model_dir() -> PathBuf {
    for model in ["chime", "ivschat", "partitions"] {
        pinned::require(model);
    }
    pinned::cache_dir()
}

/// Generation options used for snapshots.
pub fn options(name: &str) -> codegen::CrateOptions {
    codegen::CrateOptions {
        crate_name: name.to_owned(),
        version: "0.1.0".to_owned(),
        protocols: Vec::new(),
    }
}

/// Runs a test body on a fresh single-threaded tokio runtime, bounded to 10 s; servers
/// the body spawns stop with the runtime.
pub fn run<F: std::future::Future<Output = ()>>(test: F) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        tokio::time::timeout(std::time::Duration::from_secs(10), test)
            .await
            .expect("the test finishes within 10 s");
    });
}

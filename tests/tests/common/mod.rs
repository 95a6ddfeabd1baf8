//! Paths shared by the integration tests.

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

/// Where the pinned AWS models are: the xtask cache if fetched, else the shared copy.
pub fn model_dir() -> PathBuf {
    let cache = root().join(xtask::workspace::CACHE_DIR);
    if cache.join("chime-2018-05-01.json").is_file() {
        cache
    } else {
        root().join("../shared/models/aws")
    }
}

/// Generation options used for snapshots.
pub fn options(name: &str) -> codegen::CrateOptions {
    codegen::CrateOptions {
        crate_name: name.to_owned(),
        version: "0.1.0".to_owned(),
    }
}

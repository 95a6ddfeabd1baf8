//! Any text given to the loader as a JSON AST file yields a model or a located error,
//! never a panic or a hang.
#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = codegen::model::load_sources(&[(Arc::from("fuzz.json"), text.to_owned())]);
    }
});

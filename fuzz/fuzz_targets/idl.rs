//! Any text given to the IDL reader yields a fragment or a located error, never a
//! panic or a hang.
#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = codegen::model::idl::parse(Arc::from("fuzz.smithy"), text);
    }
});

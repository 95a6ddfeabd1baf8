//! Generates a crate from the protocol compliance models (restJson1, awsJson1_0/1_1,
//! rpcv2Cbor, rpcv2Json, restXml, awsQuery, ec2Query) (the pinned suite
//! `protocol-tests`, in the cache `cargo xtask fetch-models` fills) into `OUT_DIR`, the
//! module declarations that include it (`modules.rs`), and one test per case
//! (`cases.rs`). Without the suite the build fails with the one line that says how to
//! fetch it: an empty suite must never pass.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const CRATE: &str = "protocol_conformance";

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    let suite = pinned::try_suite("protocol-tests").unwrap_or_else(|missing| {
        eprintln!("error: {missing}");
        std::process::exit(1)
    });
    println!("cargo:rerun-if-changed={}", suite.display());
    println!("cargo:rerun-if-changed={}", pinned::suites_file().display());
    // The generator and the runtime it copies (cargo does not always re-run a build
    // script whose build-dependency changed).
    for dir in [
        "../../codegen/src",
        "../../runtime/src",
        "../../runtime/Cargo.toml",
    ] {
        println!("cargo:rerun-if-changed={}", manifest.join(dir).display());
    }
    // Every protocol's models in one crate (one runtime copy); each case runs against the
    // service of its protocol.
    let models = [
        "restJson1",
        "awsJson1_0",
        "awsJson1_1",
        "rpcv2Cbor",
        "restXml",
        "restXmlWithNamespace",
        "awsQuery",
        "ec2Query",
        "shared-types.smithy",
        "aws-config.smithy",
        "traits",
        "smithy/rpcv2Cbor",
        "smithy/rpcv2Json",
        "smithy/shared-types.smithy",
        "smithy/traits",
    ]
    .map(|path| suite.join(path));
    let model = codegen::model::load(&models).unwrap_or_else(|e| panic!("{e}"));
    let options = codegen::CrateOptions {
        crate_name: CRATE.to_owned(),
        version: "0.0.0".to_owned(),
        protocols: Vec::new(),
    };
    let files = codegen::generate_crate(&model, &options).unwrap_or_else(|e| panic!("{e}"));
    let gen = out.join("generated");
    let mut modules = String::new();
    for (path, text) in &files {
        let file = gen.join(path);
        write(&file, text);
        // The crate root's modules: `src/runtime/mod.rs` and `src/<service>/mod.rs`.
        let parts: Vec<&str> = path.split('/').collect();
        if let ["src", module, "mod.rs"] = parts[..] {
            let _ = writeln!(
                modules,
                "#[path = {:?}]\npub mod {module};",
                file.display().to_string()
            );
        }
    }
    write(&out.join("modules.rs"), &modules);
    let cases = codegen::protocol_tests(&model, CRATE).unwrap_or_else(|e| panic!("{e}"));
    write(&out.join("cases.rs"), &cases);
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("OUT_DIR is writable");
    }
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).expect("OUT_DIR is writable");
    }
}

//! insta snapshots, a review aid (the behaviour tests next to this file prove the code):
//!
//! - for each real service (chime, ivschat), its public API surface: one sorted line per
//!   type, field, enum value, operation and error ([`codegen::ir::surface`]), so a model
//!   bump shows exactly what changes for consumers. Their emitted files are not
//!   snapshotted: the checked-in `generated/` crate is that, kept fresh by `fresh.rs`;
//! - for each fixture model (one concern each), one snapshot per emitted file and an IR
//!   snapshot, so a lowering change shows up separately from a printing change.
//!
//! The runtime is a verbatim template and is not snapshotted. Review with
//! `cargo insta review`.

mod common;

use std::path::PathBuf;
use std::sync::Arc;

#[test]
fn fixture_snapshots() {
    let dir = common::root().join("models/fixtures");
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "smithy"))
        .collect();
    fixtures.sort();
    assert!(
        fixtures.len() >= 9,
        "fixtures missing from {}",
        dir.display()
    );
    // Shapes of other namespaces the fixtures use (`smithy.framework`), as xtask loads them.
    let mut deps: Vec<PathBuf> = std::fs::read_dir(dir.join("deps"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    deps.sort();
    for path in &fixtures {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let files: Vec<PathBuf> = std::iter::once(path.clone()).chain(deps.clone()).collect();
        let model = codegen::model::load(&files).unwrap();
        let files = codegen::generate_crate(&model, &common::options(&stem)).unwrap();
        for (file, contents) in &files {
            // The runtime is the `runtime/` crate copied verbatim: reviewed and tested there.
            if file.starts_with("src/runtime/") {
                continue;
            }
            let name = format!("{stem}@{}", file.replace('/', "__"));
            insta::assert_snapshot!(name, contents);
        }
        // Warnings name their file as loaded (an absolute path): shown from the
        // workspace root, so the snapshot reads the same in every checkout.
        let ir = format!("{:#?}", codegen::lower(&model).unwrap());
        let ir = ir.replace(&format!("{}/", common::root().display()), "");
        insta::assert_snapshot!(format!("{stem}@ir"), ir);
    }
}

const AWS_MODELS: [(&str, &str); 2] = [
    ("chime", "chime-2018-05-01.json"),
    ("ivschat", "ivschat-2020-07-14.json"),
];

fn surface_of(sources: &[(Arc<str>, String)]) -> String {
    let model = codegen::model::load_sources(sources).unwrap();
    codegen::ir::surface(&codegen::lower(&model).unwrap())
}

fn aws_model_text(file: &str) -> String {
    std::fs::read_to_string(common::model_dir().join(file)).unwrap()
}

#[test]
fn aws_api_surface() {
    for (name, file) in AWS_MODELS {
        let surface = surface_of(&[(Arc::from(file), aws_model_text(file))]);
        insta::assert_snapshot!(format!("{name}@surface"), surface);
    }
}

/// Lines only in `before` (as `- …`) and only in `after` (as `+ …`), sorted.
fn line_diff(before: &str, after: &str) -> Vec<String> {
    use std::collections::BTreeSet;
    let before: BTreeSet<&str> = before.lines().collect();
    let after: BTreeSet<&str> = after.lines().collect();
    let removed = before.difference(&after).map(|l| format!("- {l}"));
    let added = after.difference(&before).map(|l| format!("+ {l}"));
    removed.chain(added).collect()
}

/// The surface snapshot reviews consumer-visible changes: editing the ivschat model (a new
/// member, a changed enum value, a moved URI) changes exactly the lines that describe them.
#[test]
fn surface_shows_a_model_change_as_exactly_its_lines() {
    let file = "ivschat-2020-07-14.json";
    let text = aws_model_text(file);
    let before = surface_of(&[(Arc::from(file), text.clone())]);
    assert_eq!(
        before,
        surface_of(&[(Arc::from(file), text.clone())]),
        "surface is deterministic"
    );
    let mut lines: Vec<&str> = before.lines().collect();
    let unsorted = lines.clone();
    lines.sort_unstable();
    assert_eq!(lines, unsorted, "surface is sorted");

    let mut ast: serde_json::Value = serde_json::from_str(&text).unwrap();
    let shapes = &mut ast["shapes"];
    // A new required member with its own constraint and JSON name.
    shapes["com.amazonaws.ivschat#CreateRoomRequest"]["members"]["topic"] = serde_json::json!({
        "target": "smithy.api#String",
        "traits": {
            "smithy.api#required": {},
            "smithy.api#length": { "max": 64 },
            "smithy.api#jsonName": "roomTopic"
        }
    });
    // A changed enum value (a string with the legacy `@enum` trait).
    let capability = &mut shapes["com.amazonaws.ivschat#ChatTokenCapability"]["traits"];
    assert_eq!(capability["smithy.api#enum"][0]["name"], "SEND_MESSAGE");
    capability["smithy.api#enum"][0]["value"] = serde_json::json!("SEND");
    // A moved URI.
    let http = &mut shapes["com.amazonaws.ivschat#CreateRoom"]["traits"]["smithy.api#http"];
    assert_eq!(http["uri"], "/CreateRoom");
    http["uri"] = serde_json::json!("/v2/rooms");
    let after = surface_of(&[(Arc::from(file), ast.to_string())]);

    // The operation line is long (it lists the errors); only its URI changes.
    let op = before
        .lines()
        .find(|l| l.starts_with("ivschat operation CreateRoom POST /CreateRoom -> 200 "))
        .expect("CreateRoom in the ivschat surface");
    assert_eq!(
        line_diff(&before, &after),
        [
            r#"- ivschat enum ChatTokenCapability = SendMessage "SEND_MESSAGE""#.to_owned(),
            format!("- {op}"),
            r#"+ ivschat enum ChatTokenCapability = SendMessage "SEND""#.to_owned(),
            r#"+ ivschat field CreateRoomRequest.topic: String required wire="roomTopic" body length=..=64"#.to_owned(),
            format!("+ {}", op.replace("/CreateRoom ", "/v2/rooms ")),
        ]
    );
}

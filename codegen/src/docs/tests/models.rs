//! Every `@documentation` string of the pinned AWS models converts to
//! rustdoc-safe Markdown.

use super::checker::violation;
use crate::docs::to_rustdoc;

fn collect_docs(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("smithy.api#documentation", serde_json::Value::String(s)) => {
                        out.push(s.clone())
                    }
                    _ => collect_docs(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_docs(v, out)),
        _ => {}
    }
}

#[test]
fn all_aws_model_docs_are_rustdoc_safe() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/models/aws");
    let mut total = 0;
    for file in ["chime-2018-05-01.json", "ivschat-2020-07-14.json"] {
        let text = std::fs::read_to_string(dir.join(file))
            .unwrap_or_else(|e| panic!("reading {file}: {e}"));
        let model: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut docs = Vec::new();
        collect_docs(&model, &mut docs);
        assert!(docs.len() > 100, "{file}: only {} docs", docs.len());
        for doc in &docs {
            let out = to_rustdoc(doc);
            let mut in_fence = false;
            for line in out.lines() {
                if line.trim_start().starts_with("```") {
                    in_fence = !in_fence;
                } else {
                    assert!(
                        in_fence || !line.starts_with("    "),
                        "{file}: line indented 4+ outside a fence: {line:?}\n{out}"
                    );
                }
            }
            if let Some(v) = violation(&out) {
                panic!("{file}: {v}\ninput: {doc:?}\noutput: {out:?}");
            }
            for tag in [
                "<p>", "</p>", "<p/>", "<code>", "</code>", "<a ", "<b>", "<i>", "<li>",
            ] {
                assert!(!out.contains(tag), "{file}: leftover {tag}: {out:?}");
            }
            assert_eq!(out, to_rustdoc(doc));
        }
        eprintln!("{file}: converted {} documentation strings", docs.len());
        total += docs.len();
    }
    assert!(total > 500);
}

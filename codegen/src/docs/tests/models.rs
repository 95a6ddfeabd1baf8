//! Every `@documentation` string of the pinned AWS models converts to
//! rustdoc-safe Markdown.

use super::checker::violation;
use super::cmark::{code_elements, plain_text, render};
use crate::docs::to_rustdoc;

const MODELS: [&str; 2] = ["chime", "ivschat"];

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

/// The documentation strings of the pinned model `file` (`chime`, `ivschat`): shapes'
/// and members' traits alike.
fn model_docs(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(pinned::require(file))
        .unwrap_or_else(|e| panic!("reading {file}: {e}"));
    let model: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut docs = Vec::new();
    collect_docs(&model, &mut docs);
    assert!(docs.len() > 100, "{file}: only {} docs", docs.len());
    docs
}

#[test]
fn all_aws_model_docs_are_rustdoc_safe() {
    let mut total = 0;
    for file in MODELS {
        let docs = model_docs(file);
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

/// Read back with pulldown-cmark: no raw or literal HTML, no emphasis on
/// list markers, every `<code>` a code span, and code spans that hold the
/// input's text exactly (no escapes or asterisks added inside).
#[test]
fn aws_model_docs_render_as_meant() {
    let mut spans = 0;
    for file in MODELS {
        for doc in model_docs(file) {
            let out = to_rustdoc(&doc);
            let rendered = render(&out);
            let context = format!("{file}\ninput: {doc:?}\noutput: {out:?}");
            let problem = rendered.raw_html.or(rendered.list_emphasis);
            if let Some(problem) = problem.or(rendered.text_problem) {
                panic!("{problem}\n{context}");
            }
            let text = plain_text(&doc);
            for code in &rendered.code {
                assert!(
                    text.contains(code.as_str()),
                    "code {code:?} not in the input\n{context}"
                );
            }
            for code in code_elements(&doc) {
                assert!(
                    rendered.code.iter().any(|c| c.contains(&code)),
                    "<code>{code}</code> is no code span\n{context}"
                );
                spans += 1;
            }
        }
    }
    assert!(spans > 80, "only {spans} code elements checked");
}

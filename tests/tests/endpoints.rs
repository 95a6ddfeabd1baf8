//! Endpoint rules conformance: every `smithy.rules#endpointTests` case of the pinned AWS
//! models, resolved through the generated crate (`<service>::endpoint::rules()`, with the
//! partitions generated from the pinned `partitions.json`), and of the rules-engine suite
//! (`rules-engine/*.smithy`, pinned in `models/suites.json`) (each file's own rule set),
//! resolved through the runtime's engine.
//!
//! Each suite prints `endpoints <suite>: P passed, F failed, 0 skipped` (no case is
//! skipped), then a line per failure (`  failed <case>: <detail>`); `cargo xtask
//! conformance` reads them. Test semantics (spec
//! rules-engine/specification.rst, `endpointTests`): the `params` bind the parameters; an
//! expected endpoint compares URL, headers and properties exactly, an expected error
//! compares the (rendered) message exactly.

mod common;

use std::path::{Path, PathBuf};

use codegen::model::traits::{EndpointTestCase, TraitIndex};
use generated::runtime::endpoint::{Params, Partitions, RuleSet, Value};
use xtask::endpoint_tests::{self, Resolved};

/// One suite's results.
#[derive(Default)]
struct Tally {
    passed: usize,
    failed: Vec<String>,
}

impl Tally {
    /// Prints the summary and asserts nothing failed.
    fn report(self, suite: &str) {
        let mut out = format!(
            "endpoints {suite}: {} passed, {} failed, 0 skipped\n",
            self.passed,
            self.failed.len(),
        );
        for failure in &self.failed {
            out.push_str(&format!("  failed {failure}\n"));
        }
        print!("{out}");
        assert!(self.failed.is_empty(), "{out}");
        assert!(self.passed > 0, "no case ran: {out}");
    }
}

/// Why `resolve(params)` does not meet the case's expectation, if it does not (the
/// comparison `cargo xtask corpus --endpoints` makes too).
fn mismatch(rules: &RuleSet, case: &EndpointTestCase) -> Option<String> {
    let mut params = Params::default();
    if let Err(e) = endpoint_tests::bind(&case.params, Value::from_json, |name, value| {
        params.set(name, value);
    }) {
        return Some(e);
    }
    let got = rules
        .resolve(&params)
        .map(|e| Resolved {
            url: e.url,
            headers: e.headers,
            properties: e.properties,
        })
        .map_err(|e| e.message);
    endpoint_tests::mismatch(&case.expect, got, Value::from_json)
}

/// A case's name: its documentation, else its index.
fn case_name(i: usize, case: &EndpointTestCase) -> String {
    case.documentation
        .clone()
        .unwrap_or_else(|| format!("case {i}"))
}

/// The pinned partitions file (smithy 5de310b, the data the models' endpoint tests were
/// written against), parsed by the runtime.
fn pinned_partitions() -> Partitions {
    let path = pinned::require("partitions");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Partitions::from_json(&text).expect("the pinned partitions file reads")
}

/// The service's rule set JSON and test cases, from the model at `path`.
fn model_cases(paths: &[PathBuf]) -> Vec<(String, String, Vec<EndpointTestCase>)> {
    let model = codegen::model::load(paths).expect("model loads");
    let traits = TraitIndex::build(&model).expect("traits parse");
    model
        .services()
        .filter_map(|service| {
            let known = traits.get(&service.id);
            let rules = known.endpoint_rule_set.as_ref()?;
            let cases = known
                .endpoint_tests
                .as_ref()
                .map(|t| t.test_cases.clone())
                .unwrap_or_default();
            Some((service.id.to_string(), rules.document.to_string(), cases))
        })
        .collect()
}

/// An AWS model's cases, resolved through the generated crate's `rules()`.
fn aws_suite(model: &str, generated: &'static RuleSet) -> Tally {
    let services = model_cases(&[pinned::require(model)]);
    let [(_, _, cases)] = &services[..] else {
        panic!("{model}: expected one service with a rule set");
    };
    let mut tally = Tally::default();
    for (i, case) in cases.iter().enumerate() {
        if let Some(detail) = mismatch(generated, case) {
            tally
                .failed
                .push(format!("{}: {detail}", case_name(i, case)));
        } else {
            tally.passed += 1;
        }
    }
    tally
}

#[test]
fn chime() {
    let rules = generated::chime::endpoint::rules().expect("chime rule set parses");
    let tally = aws_suite("chime", rules);
    assert_eq!(tally.passed + tally.failed.len(), 26, "chime has 26 cases");
    tally.report("chime");
}

#[test]
fn ivschat() {
    let rules = generated::ivschat::endpoint::rules().expect("ivschat rule set parses");
    let tally = aws_suite("ivschat", rules);
    assert_eq!(
        tally.passed + tally.failed.len(),
        27,
        "ivschat has 27 cases"
    );
    tally.report("ivschat");
}

/// The rules-engine suite's files.
fn suite_files() -> Vec<PathBuf> {
    let dir = pinned::suite("rules-engine");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "smithy"))
        .collect();
    files.sort();
    files
}

fn file_name(path: &Path) -> String {
    path.file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}

#[test]
fn rules_engine() {
    let partitions = pinned_partitions();
    let mut tally = Tally::default();
    let files = suite_files();
    assert!(
        files.len() >= 12,
        "the suite has 12 files, found {}",
        files.len()
    );
    for file in files {
        let suite = file_name(&file);
        let services = model_cases(std::slice::from_ref(&file));
        assert!(!services.is_empty(), "{suite}: no service with a rule set");
        for (service, rule_set, cases) in services {
            let rules = match RuleSet::from_json(&rule_set, partitions.clone()) {
                Ok(rules) => rules,
                Err(e) => {
                    tally.failed.push(format!("{suite}/{service}: {e}"));
                    continue;
                }
            };
            for (i, case) in cases.iter().enumerate() {
                match mismatch(&rules, case) {
                    None => tally.passed += 1,
                    Some(detail) => tally
                        .failed
                        .push(format!("{suite}: {}: {detail}", case_name(i, case))),
                }
            }
        }
    }
    tally.report("rules-engine");
}

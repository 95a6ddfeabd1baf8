//! `cargo xtask corpus --endpoints DIR`: every `smithy.rules#endpointTests` case of every
//! model under DIR (e.g. aws/api-models-aws) run through our rules engine (the
//! workspace's `runtime`, the code every generated crate copies), with the pinned
//! partitions.
//!
//! A case passes when its `params` resolve as it expects and so does each of its
//! `operationInputs`, bound from the model ([`crate::endpoint_inputs`]). It is skipped
//! (with the reason) when an operation input uses a JMESPath construct the binder does
//! not read. The report: `endpoint tests: P passed, F failed, S skipped (…)`, then each
//! failure with its model and case, each skip with its reason, and the models that could
//! not be read.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use codegen::model::traits::{EndpointTestCase, Known};
use runtime::endpoint::{Params, Partitions, RuleSet, Value};
use serde_json::Value as Json;

use crate::corpus::{self, Model as ModelFile};
use crate::endpoint_inputs::{InputError, ServiceInputs};
use crate::endpoint_tests::{self, Resolved};

/// What `cargo xtask corpus --endpoints` does.
#[derive(Debug, Clone)]
pub struct Options {
    /// The directory searched (recursively) for model files ([`corpus::find_models`]).
    pub dir: PathBuf,
    /// The AWS partitions file `aws.partition` reads.
    pub partitions: PathBuf,
}

/// The figures of a run.
#[derive(Debug, Default)]
pub struct Tally {
    /// Models with an `endpointTests` trait.
    pub models: usize,
    /// Cases of those models.
    pub cases: usize,
    /// Cases with `operationInputs`.
    pub with_inputs: usize,
    /// Cases that passed.
    pub passed: usize,
    /// `MODEL: CASE: detail`.
    pub failed: Vec<String>,
    /// `MODEL: CASE: reason`.
    pub skipped: Vec<String>,
    /// `MODEL: error`: a model that does not load, or whose traits do not read.
    pub unread: Vec<String>,
}

impl Tally {
    /// Whether every case passed and every model was read.
    pub fn clean(&self) -> bool {
        self.failed.is_empty() && self.skipped.is_empty() && self.unread.is_empty()
    }

    /// The report, as printed.
    pub fn report(&self) -> String {
        let mut out = format!(
            "endpoint tests: {} passed, {} failed, {} skipped ({} cases in {} models, {} with operationInputs)\n",
            self.passed,
            self.failed.len(),
            self.skipped.len(),
            self.cases,
            self.models,
            self.with_inputs,
        );
        for (label, lines) in [
            ("failed", &self.failed),
            ("skipped", &self.skipped),
            ("unread", &self.unread),
        ] {
            for line in lines {
                out.push_str(&format!("  {label} {line}\n"));
            }
        }
        out
    }
}

/// Runs every case of every model under `options.dir` and prints the report.
///
/// # Errors
/// An unreadable directory or partitions file, no model file under DIR. Failures and
/// skips are reported, and make the result `false`.
pub fn run(options: &Options) -> Result<bool> {
    let text = std::fs::read_to_string(&options.partitions)
        .with_context(|| format!("reading {}", options.partitions.display()))?;
    let partitions = Partitions::from_json(&text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", options.partitions.display()))?;
    let models = corpus::find_models(&options.dir)?;
    if models.is_empty() {
        bail!("no model file under {}", options.dir.display());
    }
    eprintln!("running the endpoint tests of {} model files", models.len());
    let started = std::time::Instant::now();
    let mut tally = Tally::default();
    for model in &models {
        run_model(model, &partitions, &mut tally);
    }
    print!("{}", tally.report());
    println!("took {:.1?}", started.elapsed());
    Ok(tally.clean())
}

/// Runs the cases of every service of one model file into `tally`.
pub fn run_model(file: &ModelFile, partitions: &Partitions, tally: &mut Tally) {
    let model = match codegen::model::load(std::slice::from_ref(&file.path)) {
        Ok(model) => model,
        Err(e) => return tally.unread.push(format!("{}: {e}", file.name)),
    };
    for service in model.services() {
        let known = match Known::parse(&service.id, &service.traits, &service.location) {
            Ok(known) => known,
            Err(e) => {
                tally.unread.push(format!("{}: {e}", file.name));
                continue;
            }
        };
        let Some(tests) = known.endpoint_tests else {
            continue;
        };
        tally.models += 1;
        let Some(rule_set) = known.endpoint_rule_set else {
            let why = "endpointTests without an endpointRuleSet";
            tally.unread.push(format!("{}: {why}", file.name));
            continue;
        };
        let rules = RuleSet::from_json(&rule_set.document.to_string(), partitions.clone());
        let inputs = ServiceInputs::new(&model, &service.id, &rule_set.document);
        for (i, case) in tests.test_cases.iter().enumerate() {
            tally.cases += 1;
            tally.with_inputs += usize::from(!case.operation_inputs.is_empty());
            let name = case
                .documentation
                .clone()
                .unwrap_or_else(|| format!("case {i}"));
            let outcome = match &rules {
                Ok(rules) => run_case(rules, &inputs, case),
                Err(e) => Outcome::Failed(format!("rule set: {e}")),
            };
            match outcome {
                Outcome::Passed => tally.passed += 1,
                Outcome::Failed(detail) => tally
                    .failed
                    .push(format!("{}: {name}: {detail}", file.name)),
                Outcome::Skipped(reason) => tally
                    .skipped
                    .push(format!("{}: {name}: {reason}", file.name)),
            }
        }
    }
}

/// What one case gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Its `params` and every operation input resolved as expected.
    Passed,
    /// Every way it failed, joined by `; `.
    Failed(String),
    /// Why an operation input could not be bound.
    Skipped(String),
}

/// Runs a case: its `params`, then each operation input. A failure anywhere fails it;
/// else an operation input that cannot be bound skips it.
pub fn run_case(rules: &RuleSet, inputs: &ServiceInputs<'_>, case: &EndpointTestCase) -> Outcome {
    let mut failures = Vec::new();
    let mut skip = None;
    if let Some(detail) = check(rules, &case.params, case) {
        failures.push(format!("params: {detail}"));
    }
    for (i, input) in case.operation_inputs.iter().enumerate() {
        let op = input
            .get("operationName")
            .and_then(Json::as_str)
            .unwrap_or("?");
        let at = format!("operationInputs[{i}] ({op})");
        match inputs.bind(input) {
            Ok(params) => {
                if let Some(detail) = check(rules, &params, case) {
                    failures.push(format!("{at}: {detail}"));
                }
            }
            Err(InputError::Invalid(why)) => failures.push(format!("{at}: {why}")),
            Err(InputError::Unsupported(why)) => skip = Some(format!("{at}: {why}")),
        }
    }
    match (failures.is_empty(), skip) {
        (false, _) => Outcome::Failed(failures.join("; ")),
        (true, Some(reason)) => Outcome::Skipped(reason),
        (true, None) => Outcome::Passed,
    }
}

/// Why resolving `params` does not meet the case's expectation, if it does not.
fn check(
    rules: &RuleSet,
    params: &std::collections::BTreeMap<String, Json>,
    case: &EndpointTestCase,
) -> Option<String> {
    let mut bound = Params::default();
    if let Err(e) = endpoint_tests::bind(params, Value::from_json, |k, v| {
        bound.set(k, v);
    }) {
        return Some(e);
    }
    let got = rules
        .resolve(&bound)
        .map(|e| Resolved {
            url: e.url,
            headers: e.headers,
            properties: e.properties,
        })
        .map_err(|e| e.message);
    endpoint_tests::mismatch(&case.expect, got, Value::from_json)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> ModelFile {
        std::fs::create_dir_all(dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        ModelFile {
            path,
            name: name.into(),
        }
    }

    /// A service whose rule set reads `Region` (built-in), `Bucket` (`@contextParam`),
    /// `Tables` (`@operationContextParams`) and `Static` (`@staticContextParams`).
    const MODEL: &str = r#"$version: "2"
namespace a.b

@smithy.rules#endpointRuleSet({
    version: "1.0",
    parameters: {
        Region: {type: "string", builtIn: "AWS::Region", required: false},
        Bucket: {type: "string", required: false},
        Tables: {type: "stringArray", required: false},
        Static: {type: "boolean", required: false},
        Mode: {type: "string", required: false}
    },
    rules: [
        {
            conditions: [{fn: "isSet", argv: [{ref: "Region"}]}, {fn: "isSet", argv: [{ref: "Bucket"}]},
                         {fn: "isSet", argv: [{ref: "Static"}]}, {fn: "isSet", argv: [{ref: "Tables"}]},
                         {fn: "isSet", argv: [{ref: "Mode"}]}]
            endpoint: {url: "https://{Bucket}.{Region}.{Mode}.example.com/{Tables#[0]}"}
            type: "endpoint"
        }
        {conditions: [], error: "missing", type: "error"}
    ]
})
@smithy.rules#endpointTests({
    version: "1.0",
    testCases: [
        {documentation: "params", params: {Region: "r", Bucket: "b", Static: true, Tables: ["t"], Mode: "m"},
         expect: {endpoint: {url: "https://b.r.m.example.com/t"}}}
        {documentation: "inputs", params: {Region: "r", Bucket: "b", Static: true, Tables: ["t"], Mode: "m"},
         operationInputs: [{operationName: "Get", builtInParams: {"AWS::Region": "r"},
                            clientParams: {Mode: "m", Bucket: "overridden"},
                            operationParams: {Bucket: "b", Items: [{Name: "t"}]}}],
         expect: {endpoint: {url: "https://b.r.m.example.com/t"}}}
        {documentation: "wrong", params: {}, expect: {endpoint: {url: "https://x"}}}
        {documentation: "unsupported", params: {}, expect: {error: "missing"},
         operationInputs: [{operationName: "Multi"}]}
    ]
})
service S { operations: [Get, Multi] }

@smithy.rules#staticContextParams(Static: {value: true})
@smithy.rules#operationContextParams(Tables: {path: "Items[*].Name"})
operation Get { input := { @smithy.rules#contextParam(name: "Bucket") Bucket: String, Items: Items } }

@smithy.rules#operationContextParams(Tables: {path: "Items[*].Tags[*]"})
operation Multi { input := { Items: Items } }

list Items { member: Item }
structure Item { Name: String }
"#;

    #[test]
    fn runs_params_and_operation_inputs_and_reports_each_outcome() {
        let dir = std::env::temp_dir().join(format!("xtask-endpoints-{}", std::process::id()));
        let file = write(&dir, "m.smithy", MODEL);
        let bad = write(
            &dir,
            "bad.smithy",
            "$version: \"2\"\nnamespace a.b\nstructure X { m: Missing }\n",
        );
        let mut tally = Tally::default();
        run_model(&file, &Partitions::default(), &mut tally);
        run_model(&bad, &Partitions::default(), &mut tally);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!((tally.models, tally.cases, tally.with_inputs), (1, 4, 2));
        assert_eq!(tally.passed, 2, "{}", tally.report());
        assert_eq!(tally.failed.len(), 1, "{}", tally.report());
        assert!(
            tally.failed[0].starts_with(
                "m.smithy: wrong: params: expected endpoint https://x, got error \"missing\""
            ),
            "{}",
            tally.failed[0]
        );
        assert_eq!(tally.skipped.len(), 1);
        assert!(
            tally.skipped[0].contains("operationInputs[0] (Multi): JMESPath `Items[*].Tags[*]`")
        );
        assert_eq!(tally.unread.len(), 1);
        assert!(
            tally.unread[0].starts_with("bad.smithy: "),
            "{}",
            tally.unread[0]
        );
        assert!(!tally.clean());
        assert!(tally
            .report()
            .starts_with("endpoint tests: 2 passed, 1 failed, 1 skipped (4 cases in 1 models, 2 with operationInputs)\n"));
    }

    /// The pinned rules-engine suite, operation inputs included: everything passes but
    /// `ite.smithy`'s first operation input, which contradicts its second (one input,
    /// `GetThing` with no client parameters, expecting a FIPS and a non-FIPS endpoint).
    #[test]
    fn the_rules_engine_suite_passes_but_for_ites_contradiction() {
        let text = std::fs::read_to_string(pinned::require("partitions")).unwrap();
        let partitions = Partitions::from_json(&text).unwrap();
        let mut tally = Tally::default();
        for model in corpus::find_models(&pinned::suite("rules-engine")).unwrap() {
            run_model(&model, &partitions, &mut tally);
        }
        let report = tally.report();
        assert_eq!(
            (tally.cases, tally.with_inputs, tally.passed),
            (95, 14, 94),
            "{report}"
        );
        assert!(
            tally.skipped.is_empty() && tally.unread.is_empty(),
            "{report}"
        );
        assert_eq!(tally.failed.len(), 1, "{report}");
        assert!(
            tally.failed[0].starts_with(
                "ite: When useFips is true, returns trueValue: operationInputs[0] (GetThing)"
            ),
            "{report}"
        );
    }
}

//! The restJson1 protocol compliance models (the pinned suite `protocol-tests`): every
//! `params` node of their request and response tests becomes a Rust expression, those
//! expressions compile cleanly against the crate generated from the same models (an
//! ignored test, since it runs cargo), and every malformed-request case expands.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::values::{self, Paths};
use crate::ir::{self, Home, Symbol};
use crate::model::traits::TraitIndex;
use crate::model::{Model, ShapeId};

/// The models, loaded as `.ci/run`'s `cargo xtask generate` loads them.
static MODELS: LazyLock<(Model, ir::Crate)> = LazyLock::new(|| {
    let root = pinned::suite("protocol-tests");
    let paths = [
        root.join("restJson1"),
        root.join("shared-types.smithy"),
        root.join("traits"),
    ];
    let model = crate::model::load(&paths).unwrap_or_else(|e| panic!("{e}"));
    let krate = crate::lower(&model).unwrap_or_else(|e| panic!("{e}"));
    (model, krate)
});

/// One test case's `params`, and the structure they describe.
struct Case {
    /// Index into the crate's services.
    service: usize,
    /// `request`, `response` or `error`.
    kind: &'static str,
    id: String,
    symbol: Symbol,
    params: Value,
}

/// Every case with `params`, per service, and the cases that have no structure to
/// build (a `smithy.api#Unit` input or output).
fn cases() -> (Vec<Case>, Vec<String>) {
    let (model, krate) = &*MODELS;
    let index = TraitIndex::build(model).unwrap_or_else(|e| panic!("{e}"));
    let mut cases = Vec::new();
    let mut unit = Vec::new();
    let mut add =
        |service: usize, kind, id: &str, symbol: Option<&Symbol>, params: &Option<Value>| match (
            symbol, params,
        ) {
            (_, None) => {}
            (Some(symbol), Some(params)) => cases.push(Case {
                service,
                kind,
                id: id.to_owned(),
                symbol: symbol.clone(),
                params: params.clone(),
            }),
            (None, Some(_)) => unit.push(id.to_owned()),
        };
    for (s, service) in krate.services.iter().enumerate() {
        for op in service.operations.values() {
            let known = index.get(&op.id);
            for t in &known.http_request_tests {
                add(s, "request", &t.id, op.input.as_ref(), &t.params);
            }
            for t in &known.http_response_tests {
                add(s, "response", &t.id, op.output.as_ref(), &t.params);
            }
        }
        for error in service.errors.values() {
            let symbol = Symbol {
                name: error.name.clone(),
                home: Home::Errors,
            };
            for t in &index.get(&error.id).http_response_tests {
                add(s, "error", &t.id, Some(&symbol), &t.params);
            }
        }
    }
    (cases, unit)
}

/// The request and response tests of the whole model that have `params`: case id and
/// the shape that carries it.
fn with_params() -> Vec<(String, ShapeId)> {
    let (model, _) = &*MODELS;
    let index = TraitIndex::build(model).unwrap_or_else(|e| panic!("{e}"));
    let mut found = Vec::new();
    for shape in model.user_shapes() {
        let known = index.get(&shape.id);
        let requests = known.http_request_tests.iter().map(|t| (&t.id, &t.params));
        let responses = known.http_response_tests.iter().map(|t| (&t.id, &t.params));
        for (id, params) in requests.chain(responses) {
            if params.is_some() {
                found.push((id.clone(), shape.id.clone()));
            }
        }
    }
    found
}

/// The cases of [`with_params`] that [`cases`] does not list (`unit` holds the ids of
/// those on a Unit input or output): each must be on a shape no service reaches.
fn check_coverage(cases: &[Case], unit: &[String]) -> Vec<String> {
    let (model, krate) = &*MODELS;
    let closures: Vec<_> = krate
        .services
        .iter()
        .map(|s| model.closure(&s.id))
        .collect();
    let mut orphans = Vec::new();
    for (id, shape) in with_params() {
        if cases.iter().any(|c| c.id == id) || unit.iter().any(|u| u == &id) {
            continue;
        }
        let reached = closures.iter().any(|c| c.contains(&shape));
        assert!(
            !reached,
            "case {id} on {shape} is in a service but not converted"
        );
        orphans.push(format!("{id} (on {shape}, in no service)"));
    }
    orphans
}

fn convert(case: &Case, paths: &Paths) -> Result<TokenStream, String> {
    let service = &MODELS.1.services[case.service];
    values::structure(service, paths, &case.symbol, &case.params)
}

#[test]
fn every_protocol_test_params_node_converts() {
    let (cases, unit) = cases();
    let paths = Paths::in_service();
    let mut failures = Vec::new();
    for case in &cases {
        let outcome = convert(case, &paths).and_then(|tokens| {
            syn::parse2::<syn::Expr>(tokens).map_err(|e| format!("not an expression: {e}"))
        });
        if let Err(why) = outcome {
            let service = &MODELS.1.services[case.service].module;
            failures.push(format!(
                "{service} {} {} ({}): {why}",
                case.kind, case.id, case.symbol.name
            ));
        }
    }
    let orphans = check_coverage(&cases, &unit);
    println!(
        "protocol test params: {} cases, {} convert, {} fail; not converted: {} on a Unit \
         input/output, {} on an operation of no service",
        cases.len(),
        cases.len() - failures.len(),
        failures.len(),
        unit.len(),
        orphans.len()
    );
    let unit = unit
        .iter()
        .map(|id| format!("{id} (Unit: nothing to build)"));
    for line in failures.iter().cloned().chain(unit).chain(orphans) {
        println!("  {line}");
    }
    assert_eq!(failures, Vec::<String>::new());
}

/// The restJson1 test models are known to give these values; each shows one mapping.
#[test]
fn known_cases_give_the_documented_expressions() {
    let (cases, _) = cases();
    let expr = |id: &str| -> String {
        let case = cases
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("no case {id}"));
        convert(case, &Paths::in_service())
            .unwrap_or_else(|e| panic!("{e}"))
            .to_string()
    };
    let float = expr("RestJsonSupportsNaNFloatInputs");
    assert!(
        float.contains("f32 :: NAN") && float.contains("f64 :: NAN"),
        "{float}"
    );
    let ts = expr("RestJsonJsonTimestampsWithDateTimeFormat");
    assert!(
        ts.contains("rt :: DateTime :: from_parts (1398796238 , 0)"),
        "{ts}"
    );
    let blob = expr("RestJsonJsonBlobs");
    assert!(
        blob.contains("rt :: Blob (b\"value\" . to_vec ())"),
        "{blob}"
    );
}

/// Every `httpMalformedRequestTests` case expands, and no bound parameter is left
/// unformatted in what it expands to.
#[test]
fn every_malformed_case_expands() {
    let (model, _) = &*MODELS;
    let index = TraitIndex::build(model).unwrap_or_else(|e| panic!("{e}"));
    let (mut written, mut expanded) = (0, 0);
    for shape in model.user_shapes() {
        for case in &index.get(&shape.id).http_malformed_request_tests {
            written += 1;
            let cases = super::expand_malformed(case);
            let lengths = case.test_parameters.values().map(Vec::len);
            assert_eq!(cases.len(), lengths.max().unwrap_or(1), "{}", case.id);
            for (id, out) in &cases {
                assert_eq!(id, &out.id);
                let text = format!("{out:?}");
                for name in case.test_parameters.keys() {
                    assert!(!text.contains(&format!("${name}:")), "{id}: ${name} left");
                }
            }
            expanded += cases.len();
        }
    }
    println!("httpMalformedRequestTests: {written} cases expand to {expanded}");
    let cases = index
        .get(&ShapeId::new(
            "aws.protocoltests.restjson.validation",
            "MalformedLength",
        ))
        .http_malformed_request_tests
        .iter()
        .find(|c| c.id == "RestJsonMalformedLengthString")
        .map(super::expand_malformed)
        .unwrap_or_default();
    let body = cases.get(2).and_then(|(_, c)| c.request.body.as_deref());
    assert_eq!(body, Some(r#"{ "string" : "\uD83D\uDC4D" }"#));
}

/// Writes the crate generated from the models with one test per converted case,
/// `let _: Type = expression;`, twice: in `tests/values.rs` with the paths of an
/// integration test, and in each service module (`src/<service>/values_check.rs`)
/// with the paths of a generated file; then runs `cargo clippy --tests` on it, warnings
/// denied (so the struct expressions are also lint-clean).
#[test]
#[ignore = "runs cargo clippy on a generated crate; takes a minute or more"]
fn protocol_test_values_compile() {
    const CRATE: &str = "protocol_tests";
    let (model, krate) = &*MODELS;
    let options = crate::CrateOptions {
        crate_name: CRATE.to_owned(),
        version: "0.1.0".to_owned(),
        protocols: Vec::new(),
    };
    let mut files = crate::generate_crate(model, &options).unwrap_or_else(|e| panic!("{e}"));
    let (cases, _) = cases();
    let external = check_fns(&cases, |_| true, |s| Paths::external(CRATE, s));
    println!("{} expressions in tests/values.rs", external.len());
    files.insert("tests/values.rs".to_owned(), render(&quote!(#(#external)*)));
    for (s, service) in krate.services.iter().enumerate() {
        let inside = check_fns(&cases, |c| c.service == s, |_| Paths::in_service());
        let module = service.module.as_str();
        println!(
            "{} expressions in src/{module}/values_check.rs",
            inside.len()
        );
        let file = quote!(#[allow(unused_imports)] use crate::runtime as rt; #(#inside)*);
        files.insert(format!("src/{module}/values_check.rs"), render(&file));
        if let Some(text) = files.get_mut(&ir::layout::service_mod_file(module)) {
            text.push_str("#[cfg(test)]\nmod values_check;\n");
        }
    }
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    // The workspace's lock file pins the same dependency versions, so the build reuses
    // what target/ already holds.
    let lock = std::fs::read_to_string(workspace.join("Cargo.lock")).unwrap_or_default();
    files.insert("Cargo.lock".to_owned(), lock);
    let dir = std::env::temp_dir().join(format!("values-check-{}", std::process::id()));
    for (path, text) in &files {
        write(&dir.join(path), text);
    }
    let status = std::process::Command::new(env!("CARGO"))
        .args(["clippy", "--tests", "--all-features", "--offline"])
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .args(["--", "-D", "warnings"])
        .env("CARGO_TARGET_DIR", workspace.join("target"))
        .status()
        .unwrap_or_else(|e| panic!("cargo: {e}"));
    assert!(status.success(), "cargo check failed in {}", dir.display());
    std::fs::remove_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
}

/// One `#[test]` per case `keep` accepts, assigning its expression (built with the
/// paths `paths` gives for its service) to its type.
fn check_fns(
    cases: &[Case],
    keep: impl Fn(&Case) -> bool,
    paths: impl Fn(&ir::Service) -> Paths,
) -> Vec<TokenStream> {
    let services = &MODELS.1.services;
    let mut fns = Vec::new();
    for (n, case) in cases.iter().enumerate().filter(|(_, c)| keep(c)) {
        let paths = paths(&services[case.service]);
        let Ok(expr) = convert(case, &paths) else {
            continue;
        };
        let module = &paths.service;
        let ty = &case.symbol.name;
        let name = format_ident!("c{n}_{}", case.id.to_lowercase());
        fns.push(quote! {
            #[test]
            fn #name() {
                let _: #module::#ty = #expr;
            }
        });
    }
    fns
}

/// A Rust file of `items`, allowing what test expressions may use.
fn render(items: &TokenStream) -> String {
    let file = quote! {
        #![allow(deprecated)]
        #items
    };
    let file = syn::parse2::<syn::File>(file).unwrap_or_else(|e| panic!("{e}"));
    prettyplease::unparse(&file)
}

fn write(path: &PathBuf, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

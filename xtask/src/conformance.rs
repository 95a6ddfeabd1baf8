//! `cargo xtask conformance`: every conformance suite this project runs, one table.
//!
//! The suites are ordinary tests; this runs them and reads their output:
//! `codegen`'s `idl_conformance` prints `idl valid: P passed, F failed, S skipped` and its
//! skips; `protocol-conformance` has one test per restJson1 compliance case, in a module
//! per kind, with skipped cases `#[ignore]`d with their reason; `tests`' `endpoints`
//! prints `endpoints <suite>: P passed, F failed, S skipped`, then `  skipped <case>:
//! <reason>` and `  failed <case>: <detail>` lines.

use std::collections::BTreeMap;
use std::process::Command;

use anyhow::{Context, Result};

/// Passed, failed, skipped (with reasons) of one suite.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Row {
    pub passed: usize,
    pub failed: Vec<String>,
    pub skipped: Vec<String>,
}

/// Runs `cargo test` with `args` and returns its standard output (failing tests make it
/// exit non-zero, which is reported through the rows, not as an error).
fn cargo_test(args: &[&str]) -> Result<String> {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .arg("test")
        .args(args)
        .output()
        .context("running cargo test")?;
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Rows from the IDL suite's summary lines.
pub fn idl_rows(output: &str) -> BTreeMap<String, Row> {
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let mut current = None;
    for line in output.lines() {
        // libtest prints `test <name> ... ` on the same line before the test's output.
        let line = line.find("idl ").map_or(line, |at| &line[at..]);
        if let Some((suite, figures)) = line.split_once(": ").filter(|(s, _)| s.starts_with("idl "))
        {
            let numbers: Vec<usize> = figures
                .split(", ")
                .filter_map(|part| part.split_whitespace().next()?.parse().ok())
                .collect();
            if let [passed, failed, _] = numbers[..] {
                let row = rows.entry(suite.to_owned()).or_default();
                row.passed = passed;
                row.failed = (0..failed)
                    .map(|i| {
                        format!("failure {i} (see cargo test -p codegen --test idl_conformance)")
                    })
                    .collect();
                current = Some(suite.to_owned());
            }
        } else if let (Some(skip), Some(suite)) = (line.strip_prefix("  skipped "), &current) {
            rows.entry(suite.clone())
                .or_default()
                .skipped
                .push(skip.to_owned());
        }
    }
    rows
}

/// The protocol compliance rows' protocols: test module and name, in table order.
const PROTOCOLS: &[(&str, &str)] = &[
    ("rest_json1", "restJson1"),
    ("aws_json1_0", "awsJson1_0"),
    ("aws_json1_1", "awsJson1_1"),
    ("rpc_v2_cbor", "rpcv2Cbor"),
    ("rpc_v2_json", "rpcv2Json"),
    ("rest_xml", "restXml"),
    ("rest_xml_with_namespace", "restXmlWithNamespace"),
    ("aws_query", "awsQuery"),
    ("ec2_query", "ec2Query"),
];

/// The kinds of protocol compliance rows, in table order.
const KINDS: &[&str] = &[
    "client request",
    "client response",
    "server request",
    "server response",
    "malformed",
];

/// Rows from libtest's `test <protocol>::<kind>::<name> ... <result>` lines, by
/// `<protocol name> <kind>` (`restJson1 client request`).
pub fn protocol_rows(output: &str) -> BTreeMap<String, Row> {
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    for line in output.lines() {
        let Some(rest) = line.strip_prefix("test ") else {
            continue;
        };
        let Some((name, result)) = rest.split_once(" ... ") else {
            continue;
        };
        let mut parts = name.splitn(3, "::");
        let (Some(module), Some(kind), Some(case)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let Some((_, protocol)) = PROTOCOLS.iter().find(|(m, _)| *m == module) else {
            continue;
        };
        let row = rows
            .entry(format!("{protocol} {}", kind.replace('_', " ")))
            .or_default();
        if result == "ok" {
            row.passed += 1;
        } else if let Some(reason) = result.strip_prefix("ignored") {
            let reason = reason.trim_start_matches(", ");
            row.skipped.push(format!("{case}: {reason}"));
        } else {
            row.failed.push(case.to_owned());
        }
    }
    rows
}

/// Rows from the endpoint suites' summary and `  skipped` / `  failed` lines.
pub fn endpoint_rows(output: &str) -> BTreeMap<String, Row> {
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in output.lines() {
        let skip = line.strip_prefix("  skipped ");
        let failure = line.strip_prefix("  failed ");
        if let (Some(suite), true) = (&current, skip.is_some() || failure.is_some()) {
            let row = rows.entry(suite.clone()).or_default();
            match (skip, failure) {
                (Some(skip), _) => row.skipped.push(skip.to_owned()),
                (_, Some(failure)) => row.failed.push(failure.to_owned()),
                _ => {}
            }
            continue;
        }
        // libtest prints `test <name> ... ` on the same line before the test's output.
        let summary = line.find("endpoints ").map(|at| &line[at..]);
        if let Some((suite, figures)) = summary.and_then(|l| l.split_once(": ")) {
            if let Some(passed) = figures
                .split_whitespace()
                .next()
                .and_then(|n| n.parse().ok())
            {
                rows.entry(suite.to_owned()).or_default().passed = passed;
                current = Some(suite.to_owned());
            }
        }
    }
    rows
}

/// Runs every suite and prints the table, then every skip with its reason and every
/// failure. Returns whether all passed.
pub fn run() -> Result<bool> {
    let idl = cargo_test(&[
        "-p",
        "codegen",
        "--test",
        "idl_conformance",
        "--",
        "--nocapture",
        "--test-threads=1",
    ])?;
    let protocol = cargo_test(&["-p", "protocol-conformance", "--test", "conformance"])?;
    let endpoints = cargo_test(&[
        "-p",
        "tests",
        "--test",
        "endpoints",
        "--",
        "--nocapture",
        "--test-threads=1",
    ])?;
    let mut rows: Vec<(String, Row)> = idl_rows(&idl).into_iter().collect();
    let mut by_kind = protocol_rows(&protocol);
    for (_, protocol) in PROTOCOLS {
        for kind in KINDS {
            let name = format!("{protocol} {kind}");
            // restJson1 lists every kind (an empty one is a failure to notice); the others
            // the kinds their suites have.
            match by_kind.remove(&name) {
                Some(row) => rows.push((name, row)),
                None if *protocol == "restJson1" => rows.push((name, Row::default())),
                None => {}
            }
        }
    }
    let mut by_suite = endpoint_rows(&endpoints);
    for suite in [
        "endpoints chime",
        "endpoints ivschat",
        "endpoints rules-engine",
    ] {
        let mut row = by_suite.remove(suite).unwrap_or_default();
        if row.passed == 0 && row.failed.is_empty() {
            row.failed
                .push("no result (see cargo test -p tests --test endpoints)".to_owned());
        }
        rows.push((suite.to_owned(), row));
    }
    print!("{}", table(&rows));
    Ok(rows.iter().all(|(_, row)| row.failed.is_empty()) && rows.iter().any(|(_, r)| r.passed > 0))
}

/// The table, skips and failures as text.
pub fn table(rows: &[(String, Row)]) -> String {
    let mut out = String::new();
    for (suite, row) in rows {
        out.push_str(&format!(
            "{suite}: {} passed, {} failed, {} skipped\n",
            row.passed,
            row.failed.len(),
            row.skipped.len()
        ));
    }
    for (suite, row) in rows {
        for skip in &row.skipped {
            out.push_str(&format!("skipped [{suite}] {skip}\n"));
        }
    }
    for (suite, row) in rows {
        for failure in &row.failed {
            out.push_str(&format!("FAILED [{suite}] {failure}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libtest_and_idl_output() {
        let protocol = "test rest_json1::client_request::a ... ok\n\
                        test rest_json1::client_request::b ... ignored, not here\n\
                        test aws_json1_0::malformed::c ... FAILED\nrunning 3 tests\n";
        let rows = protocol_rows(protocol);
        assert_eq!(rows["restJson1 client request"].passed, 1);
        assert_eq!(rows["restJson1 client request"].skipped, ["b: not here"]);
        assert_eq!(rows["awsJson1_0 malformed"].failed, ["c"]);
        let idl =
            "test v ... idl valid: 79 passed, 0 failed, 1 skipped\n  skipped traits.smithy: why\n";
        let rows = idl_rows(idl);
        assert_eq!(rows["idl valid"].passed, 79);
        assert_eq!(rows["idl valid"].skipped, ["traits.smithy: why"]);
        let text = table(&[(
            "x".to_owned(),
            Row {
                passed: 2,
                failed: vec![],
                skipped: vec!["s: r".to_owned()],
            },
        )]);
        assert_eq!(text, "x: 2 passed, 0 failed, 1 skipped\nskipped [x] s: r\n");
    }

    #[test]
    fn reads_endpoint_suite_output() {
        let output = "test chime ... endpoints chime: 22 passed, 1 failed, 1 skipped\n  \
                      skipped a: why\n  failed b: detail\nok\n\
                      test rules_engine ... endpoints rules-engine: 95 passed, 0 failed, 0 skipped\n";
        let rows = endpoint_rows(output);
        assert_eq!(rows["endpoints chime"].passed, 22);
        assert_eq!(rows["endpoints chime"].skipped, ["a: why"]);
        assert_eq!(rows["endpoints chime"].failed, ["b: detail"]);
        assert_eq!(rows["endpoints rules-engine"].passed, 95);
        assert!(rows["endpoints rules-engine"].failed.is_empty());
    }
}

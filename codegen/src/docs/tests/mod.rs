//! Tests of [`to_rustdoc`]: examples, the AWS models, robustness.

mod checker;
mod cmark;
mod examples;
mod fuzz;
mod models;
mod regressions;

use super::to_rustdoc;
use checker::violation;

#[track_caller]
fn check(input: &str, expected: &str) {
    let out = to_rustdoc(input);
    assert_eq!(out, expected, "input: {input:?}");
    assert_eq!(violation(&out), None, "output: {out:?}");
    assert_eq!(to_rustdoc(input), out, "not deterministic");
}

#[track_caller]
fn check_safe(input: &str) -> String {
    let out = to_rustdoc(input);
    assert_eq!(violation(&out), None, "input: {input:?}\noutput: {out:?}");
    out
}

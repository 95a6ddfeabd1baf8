//! Endpoint resolution through the generated crate's rules engine:
//! `cargo bench -p codec-benches --bench endpoints`.
//!
//! - `chime_resolve`: `rules().resolve(params)` of Chime's rule set for `cn-north-1`
//!   (the longest path: `aws.partition`, six conditions after it, a template URL).
//! - `chime_parse`: `RuleSet::from_json` of the same rule set from the pinned model (in
//!   `models/cache`), without partitions: the parsing and checking a client pays once, on
//!   first use (regex compilation of the partitions comes on top).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use generated::runtime::endpoint::{BuiltIns, RuleSet};

fn chime(c: &mut Criterion) {
    let rules = generated::chime::endpoint::rules().expect("chime rules parse");
    let params = rules.params(&BuiltIns {
        region: Some("cn-north-1".to_owned()),
        ..BuiltIns::default()
    });
    let endpoint = rules.resolve(&params).expect("resolves");
    assert_eq!(endpoint.url, "https://chime.cn-north-1.amazonaws.com.cn");
    let mut group = c.benchmark_group("endpoints");
    group.bench_function("chime_resolve", |b| {
        b.iter(|| rules.resolve(black_box(&params)))
    });
    // The rule set's JSON, as the model has it.
    let text = std::fs::read_to_string(pinned::require("chime")).expect("model reads");
    let json: serde_json::Value = serde_json::from_str(&text).expect("model is JSON");
    let rule_set = json["shapes"]["com.amazonaws.chime#UCBuzzConsoleService"]["traits"]
        ["smithy.rules#endpointRuleSet"]
        .to_string();
    let partitions = generated::runtime::endpoint::Partitions::default();
    group.bench_function("chime_parse", |b| {
        b.iter(|| RuleSet::from_json(black_box(&rule_set), partitions.clone()))
    });
    group.finish();
}

criterion_group!(benches, chime);
criterion_main!(benches);

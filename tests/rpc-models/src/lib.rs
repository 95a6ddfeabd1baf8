//! Real awsJson models end to end: `build.rs` generates one crate from the optional model
//! pins that are cached — DynamoDB (`dynamo_db`, awsJson1_0) and Secrets Manager
//! (`secrets_manager`, awsJson1_1), from aws/api-models-aws — into `OUT_DIR`, and this
//! crate includes it as its own modules, so `crate::runtime` and the service modules
//! resolve as in any generated crate, with features `client` and `server` on.
//!
//! The tests run our generated client against our generated server on 127.0.0.1
//! (`tests/dynamodb.rs`, `tests/secrets_manager.rs`) and the AWS CLI against the server
//! (`tests/aws_cli.rs`), each over an in-memory implementation of the service trait
//! from this crate. A model that is not cached (`cargo xtask fetch-models --from DIR`
//! fills it from a copy of aws/api-models-aws) leaves its tests out: [`skipped!`] stands
//! in for each, saying so.

// What the generated crate root allows (its lib.rs is not included).
#![allow(
    deprecated,
    clippy::large_enum_variant,
    clippy::result_large_err,
    clippy::disallowed_names,
    clippy::type_complexity
)]

include!(concat!(env!("OUT_DIR"), "/modules.rs"));

#[cfg(any(has_dynamodb, has_secretsmanager))]
pub mod loopback;
#[cfg(has_secretsmanager)]
pub mod secrets;
#[cfg(has_dynamodb)]
pub mod tables;

/// The current time, whole seconds (creation dates).
#[cfg(any(has_dynamodb, has_secretsmanager))]
fn now() -> runtime::DateTime {
    let elapsed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    runtime::DateTime::from_secs(i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX))
}

/// Stand-ins for the tests of an optional model that is not cached: one passing test
/// per name, printing `skipped: <model> not in models/cache (optional pin)`, with the
/// real test's attributes (`#[ignore = …]`), so that a run counts the same tests with or
/// without the optional pins (`.ci/fresh-clone.sh` compares a fresh clone's counts, which
/// has no such pin, with the main run's).
#[macro_export]
macro_rules! skipped {
    ($model:literal: $($(#[$attr:meta])* $name:ident),* $(,)?) => {
        $(
            #[test]
            $(#[$attr])*
            fn $name() {
                println!(concat!("skipped: ", $model, " not in models/cache (optional pin)"));
            }
        )*
    };
}

//! Generates one crate from the optional model pins that are cached (DynamoDB,
//! `dynamodb`, awsJson1_0; Secrets Manager, `secretsmanager`, awsJson1_1): see
//! `optional_models.rs`.

mod optional_models;

/// The optional pins (`optional_models` in `models/lock.json`) this crate generates.
const MODELS: [&str; 2] = ["dynamodb", "secretsmanager"];

fn main() {
    optional_models::build(&MODELS, "rpc_models");
}

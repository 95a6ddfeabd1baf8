//! Generates one crate from the optional model pins that are cached (STS, `sts`, and SNS,
//! `sns`, awsQuery; Route 53, `route53`, restXml), the way tests/rpc-models does (its
//! `optional_models.rs`). EC2 (ec2Query) is not among them: its model is not in the copy
//! of aws/api-models-aws the pins are fetched from (README.md).

#[path = "../rpc-models/optional_models.rs"]
mod optional_models;

/// The optional pins (`optional_models` in `models/lock.json`) this crate generates.
const MODELS: [&str; 3] = ["sts", "sns", "route53"];

fn main() {
    optional_models::build(&MODELS, "xml_models");
}

//! Real XML-protocol models against botocore: `build.rs` generates one crate from the
//! optional model pins that are cached — STS (`sts`) and SNS (`sns`), awsQuery, and
//! Route 53 (`route_53`), restXml, from aws/api-models-aws — into `OUT_DIR`, and this
//! crate includes it as its own modules, so `crate::runtime` and the service modules
//! resolve as in any generated crate, with features `http`, `client-core` and `xml` on.
//!
//! `tests/botocore.rs` has botocore (the AWS CLI's) serialize requests and parse
//! responses for a set of cases (`botocore_cases.py`, run through [`botocore`]) and
//! requires our generated client to build the same requests and read the same values
//! ([`compare`]). Without the pins in models/cache (`cargo xtask fetch-models --from DIR`
//! fills them from a copy of aws/api-models-aws) or without botocore, the test says it
//! skipped and passes. EC2 (ec2Query) is not among the models: see README.md.

// What the generated crate root allows (its lib.rs is not included).
#![allow(
    deprecated,
    clippy::large_enum_variant,
    clippy::result_large_err,
    clippy::disallowed_names,
    clippy::type_complexity
)]

include!(concat!(env!("OUT_DIR"), "/modules.rs"));

pub mod botocore;
pub mod compare;

//! The AWS restJson1 protocol compliance suite (the pinned `protocol-tests` suite),
//! run against generated code: `build.rs` generates a crate from the suite's models into
//! `OUT_DIR` and this crate includes it as its own modules, so `crate::runtime` and the
//! service modules resolve as in any generated crate. `tests/conformance.rs` holds one
//! test per case, generated from the models' `smithy.test` traits; [`check`] compares.
//!
//! Nothing derived from the suite is checked in: it is read from the cache of pinned
//! inputs (`models/suites.json`, fetched by `cargo xtask fetch-models`) at build time.

#![allow(deprecated, clippy::all)]

pub mod check;

include!(concat!(env!("OUT_DIR"), "/modules.rs"));

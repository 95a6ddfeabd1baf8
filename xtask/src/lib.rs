//! Repository tooling behind `cargo xtask`, as a library so tests can run the same
//! checks: filling the cache of pinned inputs ([`fetch`]; the lock files themselves are
//! read by the `pinned` crate), the crates checked in to this workspace ([`workspace`]),
//! writing generated files to disk ([`output`]) and generating a whole directory of
//! models as a test ([`corpus`]), and
//! running every endpoint test case of a directory of models ([`corpus_endpoints`]).

pub mod conformance;
pub mod corpus;
pub mod corpus_endpoints;
pub mod endpoint_inputs;
pub mod endpoint_tests;
pub mod fetch;
pub mod output;
pub mod workspace;

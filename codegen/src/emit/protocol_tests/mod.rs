//! Building blocks of generated protocol compliance tests (spec
//! http-protocol-compliance-tests.rst): [`values`] turns a test case's `params` node
//! into a Rust expression of the input, output or error type.

// The emitter of protocol-test crates that calls these is written separately; until it
// is wired in, only the tests use them.
#![cfg_attr(not(test), allow(dead_code))]

pub(crate) mod values;

#[cfg(test)]
mod conformance_tests;
#[cfg(test)]
mod tests;

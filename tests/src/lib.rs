//! Behaviour, snapshot and conformance tests for the generator and the generated crates.
//!
//! The README's consumer example is compiled and run from here as a doctest.
#![doc = include_str!("../../README.md")]

//! Repository tooling behind `cargo xtask`, as a library so tests can run the same
//! checks: the model lock file ([`lockfile`]), the crates checked in to this workspace
//! ([`workspace`]) and writing generated files to disk ([`output`]).

pub mod conformance;
pub mod lockfile;
pub mod output;
pub mod workspace;

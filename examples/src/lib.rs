//! Example programs for the generated crate, in `examples/`: run one with
//! `cargo run -p examples --example <name> -- --help`.

pub mod rooms;

//! Smithy → Rust code generation.
pub mod model;
pub mod transform;
pub mod lockfile;
pub mod output;
pub mod docs;

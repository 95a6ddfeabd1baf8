//! Smithy → Rust code generation.
//!
//! The pipeline: [`model`] loads JSON AST and IDL files into one semantic model;
//! [`transform`] rewrites it (mixins flattened); [`ir::lower`] builds the Rust-oriented
//! IR, naming everything through [`naming`]; [`emit`] turns the IR into token streams per
//! concern and [`render`] prints them. [`generate_crate`] runs all of it.

pub mod docs;
pub mod emit;
pub mod error;
pub mod ir;
pub mod lockfile;
pub mod model;
pub mod naming;
pub mod output;
pub mod render;
pub mod transform;
pub mod workspace;

pub use emit::{generate_crate, CrateOptions, Files};
pub use error::{GenerateError, GenerateErrorKind};
pub use ir::lower;

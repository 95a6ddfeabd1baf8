//! Smithy → Rust code generation.
//!
//! The pipeline, in the order [`generate_crate`] runs it:
//!
//! 1. **load** — [`model`] reads JSON AST and IDL files into one semantic model
//!    ([`model::load`]); traits are typed by [`model::traits`];
//! 2. **transform** — [`transform::prepare`] rewrites the model (mixins flattened);
//! 3. **lower** — [`ir::lower`] builds the Rust-oriented IR, naming everything through
//!    [`naming`];
//! 4. **emit** — [`emit::emit_crate`] turns the IR into token streams, one module per
//!    concern, keyed by file path;
//! 5. **render** — [`render::render`] prints them as formatted files.
//!
//! Repository tooling (lock file, writing files, the checked-in crates) lives in `xtask`.

pub mod docs;
pub mod emit;
pub mod error;
pub mod ir;
pub mod jmespath;
pub mod model;
pub mod naming;
pub mod partitions;
pub mod pattern;
pub mod render;
pub mod transform;

pub use emit::CrateOptions;
pub use error::{GenerateError, GenerateErrorKind};

/// Generated files: path relative to the crate root (`/`-separated) → contents.
pub type Files = std::collections::BTreeMap<String, String>;

/// Generates a complete, standalone crate for every service in `model` (as loaded):
/// `Cargo.toml`, `src/lib.rs`, the runtime and one module per service (see
/// [`ir::layout`]).
///
/// # Errors
/// [`GenerateError`] naming the shape when the model cannot be lowered.
pub fn generate_crate(
    model: &model::Model,
    options: &CrateOptions,
) -> Result<Files, GenerateError> {
    generate_crate_with_partitions(model, options, None)
}

/// [`generate_crate`] with the AWS partitions (`partitions.json`, see [`partitions`]) that
/// services with an endpoint rule set resolve `aws.partition` against; without them
/// (`None`) `aws.partition` finds no partition in the generated crate.
///
/// # Errors
/// [`GenerateError`] naming the shape when the model cannot be lowered.
pub fn generate_crate_with_partitions(
    model: &model::Model,
    options: &CrateOptions,
    partitions: Option<&partitions::Partitions>,
) -> Result<Files, GenerateError> {
    generate(model, options, partitions).map(|g| g.files)
}

/// What [`generate`] makes.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The crate's files.
    pub files: Files,
    /// What generates but is not done as modeled, located ([`ir::Crate::warnings`]).
    pub warnings: Vec<String>,
}

/// [`generate_crate_with_partitions`], with the warnings a tool shows its user.
///
/// # Errors
/// [`GenerateError`] naming the shape when the model cannot be lowered.
pub fn generate(
    model: &model::Model,
    options: &CrateOptions,
    partitions: Option<&partitions::Partitions>,
) -> Result<Generated, GenerateError> {
    let krate = ir::lower(&transform::prepare(model), &options.protocols)?;
    let emitted = emit::emit_crate(&krate, options, partitions);
    Ok(Generated {
        files: render::render(emitted)?,
        warnings: krate.warnings,
    })
}

/// Transforms and lowers `model` (as loaded) to the IR: the first half of
/// [`generate_crate`], for tools that read the IR.
///
/// # Errors
/// [`GenerateError`] naming the shape when the model cannot be lowered.
pub fn lower(model: &model::Model) -> Result<ir::Crate, GenerateError> {
    ir::lower(&transform::prepare(model), &[])
}

/// The protocol compliance tests of `model` (its `smithy.test` traits) as one Rust test
/// file for the crate [`generate_crate`] makes from the same model, named `crate_name`:
/// a module per kind (`client_request`, `client_response`, `server_request`,
/// `server_response`, `malformed`), a `#[test]` per case, `#[ignore]` with the reason for
/// cases not run. The file uses a `check` module of the test crate to compare.
///
/// # Errors
/// [`GenerateError`] when the model cannot be lowered.
pub fn protocol_tests(model: &model::Model, crate_name: &str) -> Result<String, GenerateError> {
    let model = transform::prepare(model);
    let krate = ir::lower(&model, &[])?;
    let index = model::traits::TraitIndex::build(&model)?;
    let tokens = emit::protocol_tests::test_file(&model, &krate, &index, crate_name);
    render::render_file("tests/conformance.rs", tokens)
}

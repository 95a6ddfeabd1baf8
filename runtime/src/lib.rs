//! Support code shared by every generated service module: operation metadata, error
//! building blocks, `Debug` redaction, validation, the scalar types (timestamps, blobs,
//! big numbers), the serde adapters that give generated types their body form
//! (structures read from maps only), the macros that write everything of an enum, union
//! or error but what the model says, and (feature `http`) the wire protocols, sans-IO
//! ([`protocol`]): restJson1, awsJson1_0/1_1, rpcv2Json and (feature `cbor`) rpcv2Cbor,
//! whose body codec is `cbor`.
//!
//! # One source, two homes
//!
//! This is the workspace crate `runtime`, compiled, linted and tested on its own. The code
//! generator embeds `src/**/*.rs` at build time and writes the files verbatim into every
//! generated crate as its module `runtime` (`src/runtime/`, this file becoming `mod.rs`),
//! so a generated crate stands alone. The generated `Cargo.toml` takes its
//! `[dependencies]` (and `[features]`) from this crate's manifest. Generated files import
//! this module as `rt` (`use …::runtime as rt;`) and name its items `rt::Item`.
//!
//! That gives the sources three rules, checked by `tests/rules.rs`:
//!
//! - **No absolute crate paths.** Here the crate root is this file; in a generated crate
//!   it is not. Modules refer to each other with `super::`.
//! - **Macros name the runtime as `rt`.** A `macro_rules!` body writes `rt::Item`, which
//!   resolves where the macro is called, and generated files have `rt` in scope. Macros
//!   are not exported from the crate: they are `pub(crate) use`d here, reached as
//!   `rt::name!` in generated code.
//! - **No crate-only inner attributes** (`no_std`, `recursion_limit`, `feature`, …): this
//!   file's inner attributes land at the top of a `mod.rs`.
//!
//! # Tests
//!
//! Tests live in the crate's `tests/` directory, so they are not copied into generated
//! crates. `tests/as_module.rs` compiles these sources once more as a module named
//! `runtime` of the test crate, imported as `rt`, exactly as a generated crate does: that
//! is where the macros are exercised.

#[cfg(feature = "cbor")]
pub mod cbor;
mod cbor_forms;
mod cbor_tag;
#[cfg(feature = "client-core")]
pub mod client;
mod codec;
#[cfg(feature = "client-core")]
pub mod endpoint;
mod enums;
mod error;
mod json_number;
mod operation;
mod param;
#[cfg(feature = "http")]
pub mod protocol;
mod redact;
mod scalar;
#[cfg(feature = "server")]
pub mod server;
mod structure;
mod union;
mod validate;
#[cfg(feature = "xml")]
pub mod xml;

pub use codec::*;
pub use enums::*;
pub use error::*;
pub use operation::*;
pub use param::*;
pub use redact::*;
pub use scalar::*;
pub use structure::*;
pub use union::*;
pub use validate::*;

#[allow(unused_imports)]
pub(crate) use enums::{int_enum, string_enum};
#[allow(unused_imports)]
pub(crate) use error::{error_enum, error_from, modeled_error};
#[cfg(feature = "http")]
#[allow(unused_imports)]
pub(crate) use protocol::operation_error;
#[allow(unused_imports)]
pub(crate) use union::union;
#[allow(unused_imports)]
pub(crate) use validate::validate_enum;

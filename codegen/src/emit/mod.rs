//! IR → files. One module per concern, each returning token streams keyed by item name
//! in a `BTreeMap`, so output order never depends on the order anything was visited.
//!
//! Rules of the generated code (the consumer contract):
//!
//! - **Members.** `@required` (without `@default`) → a plain field and an argument of
//!   `new(..)`; such structures do not implement `Default`. `@default` → a plain field
//!   holding the model default (`default_<type>_<field>()` when it is not the Rust
//!   `Default`); at the top of an operation input (a URI label excepted) it
//!   is `Option<T>` instead, sent when `Some` even if equal to the default, and the
//!   input's `with_defaults()` fills it as a server reads it. `@clientOptional` and
//!   anything else → `Option<T>`, skipped when `None`.
//! - **Idempotency tokens.** `@idempotencyToken` members are `Option<String>` (even if
//!   `@required`; a URI label excepted) and not `new` arguments; when `None` at
//!   serialization a fresh UUID v4 is written (`runtime::idempotency_token`).
//! - **Error correction.** In structures reachable from operation outputs or errors and
//!   never from inputs, a missing required member of simple, list, map or enum type reads
//!   as its zero value (`""`, `0`, `[]`, epoch, the unknown enum value `""`); inputs
//!   reject it.
//! - **Unit input/output** is Rust `()`, both in `runtime::Operation` and the trait.
//! - **Collections.** Lists are `Vec`, maps `BTreeMap<String, _>`; `@sparse` wraps values
//!   in `Option` and keeps JSON `null`s; non-sparse collections *drop* `null` elements and
//!   entries when reading (the restJson1 client behaviour), through `runtime::Dense`.
//! - **Wire form.** A structure reads from a JSON object only, by member name
//!   (`emit/deserialize.rs`: serde's derive would take an array by position);
//!   serde renames to the member name or `@jsonName`; floats go through
//!   `runtime::Float` (`NaN`/`Infinity`/`-Infinity` strings), timestamps through their
//!   `@timestampFormat` (member, else target; epoch seconds by default, `date-time` in
//!   the services speaking restXml, awsQuery or ec2Query), blobs as base64.
//!   The serde form is the JSON body: members bound to a label, query string, header,
//!   prefix headers or the status code are `#[serde(skip)]`, and `protocol.rs` (feature
//!   `http`) reads and writes them from `ir::Field::http`. In the XML protocols' services
//!   the same serde form travels as XML or a query form, named by each type's static
//!   descriptor (`xml.rs`, feature `http`).
//! - **Enums and unions** state their variants and a value table for the runtime's
//!   `string_enum!`/`int_enum!`/`union!`, which write everything else; `Unknown` holds
//!   the opaque `rt::UnknownValue`/`rt::UnknownMember`.
//! - **Names.** See [`crate::naming`].
//! - **Runtime.** `runtime::…` above is the workspace crate `runtime/`, embedded by
//!   `build.rs` and copied verbatim as the module `src/runtime/` (`emit/runtime.rs`); the
//!   generated `Cargo.toml`'s dependencies and features come from its manifest.

mod client;
mod crate_files;
mod deserialize;
mod endpoint_params;
mod endpoints;
mod enums;
mod errors;
mod facts;
mod operations;
mod protocol;
pub(crate) mod protocol_tests;
mod reject;
pub(crate) mod runtime;
#[cfg(test)]
mod runtime_manifest;
mod serde_attrs;
mod server;
mod structures;
mod unions;
mod validate;
pub(crate) mod xml;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{self, layout, Home, TypeKind};

/// What the generated crate is called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateOptions {
    /// Cargo package name, e.g. `generated`.
    pub crate_name: String,
    /// Cargo package version, e.g. `0.1.0`.
    pub version: String,
    /// Protocol trait shape IDs in the order of preference for a service that has
    /// several (e.g. `["aws.protocols#awsJson1_0"]`); empty: the default order
    /// ([`crate::ir::Protocol::choose`]).
    pub protocols: Vec<String>,
}

/// One emitted file, before rendering.
#[derive(Debug, Clone)]
pub enum Emitted {
    /// Rust items, pretty-printed by [`crate::render`].
    Rust(TokenStream),
    /// Rust source copied as it is (the runtime).
    RustVerbatim(String),
    /// The manifest.
    Toml(String),
}

/// Emits every file of the crate for `krate`, keyed by path (see [`layout`]), with the
/// AWS partitions read at generation time (for services with an endpoint rule set).
pub fn emit_crate(
    krate: &ir::Crate,
    options: &CrateOptions,
    partitions: Option<&crate::partitions::Partitions>,
) -> BTreeMap<String, Emitted> {
    let mut files = BTreeMap::new();
    files.insert(
        layout::MANIFEST_FILE.to_owned(),
        Emitted::Toml(crate_files::cargo_toml(krate, options)),
    );
    files.insert(
        layout::LIB_FILE.to_owned(),
        Emitted::Rust(crate_files::lib_rs(krate, options)),
    );
    for (path, text) in runtime::files() {
        files.insert(path, Emitted::RustVerbatim(text.to_owned()));
    }
    if krate.services.iter().any(|s| s.endpoint_rule_set.is_some()) {
        files.insert(
            layout::PARTITIONS_FILE.to_owned(),
            Emitted::Rust(endpoints::partitions_file(partitions)),
        );
    }
    for service in &krate.services {
        let module = service.module.as_str();
        files.insert(
            layout::service_mod_file(module),
            Emitted::Rust(crate_files::service_mod(service)),
        );
        for home in Home::ALL.into_iter().filter(|h| h.exists_for(service)) {
            let tokens = match home {
                Home::Types => types_file(service),
                Home::Errors => errors::file_tokens(service),
                Home::Operations => operations::file_tokens(service),
                Home::Validate => validate::file_tokens(service),
                Home::Protocol => protocol::file_tokens(service),
                Home::Xml => xml::file_tokens(service),
                Home::Endpoint => match &service.endpoint_rule_set {
                    Some(rules) => endpoints::service_file(service, rules),
                    None => continue,
                },
                Home::Client => client::file_tokens(service),
                Home::Server => server::file_tokens(service),
            };
            files.insert(home.file(module), Emitted::Rust(tokens));
        }
    }
    files
}

fn types_file(service: &ir::Service) -> TokenStream {
    let mut items: BTreeMap<String, TokenStream> = BTreeMap::new();
    for (name, def) in &service.types {
        let tokens = match &def.kind {
            TypeKind::Struct(s) => structures::structure(service, def, s),
            TypeKind::Enum(e) => enums::enumeration(def, e),
            TypeKind::Union(u) => unions::union(def, u),
        };
        items.insert(name.to_string(), tokens);
    }
    let header = inner_docs(&format!(
        "Structures, unions and enums of the `{}` service (`{}`).",
        service.sdk_id, service.id
    ));
    file(header, items)
}

/// A file: inner attributes (docs, `allow(deprecated)` for the generator's own uses of
/// deprecated items) then the items in key order.
fn file(header: TokenStream, items: BTreeMap<String, TokenStream>) -> TokenStream {
    let items = items.into_values();
    quote! {
        #header
        #![allow(deprecated)]
        #[allow(unused_imports)]
        use crate::runtime as rt;
        #(#items)*
    }
}

/// `#[doc]` attributes, one per line, so prettyplease prints them as `///` lines.
pub(crate) fn docs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #(#[doc = #lines])* }
}

/// Inner `#![doc]` attributes (module docs).
pub(crate) fn inner_docs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #(#![doc = #lines])* }
}

/// Doc lines with the space rustdoc expects after `///` (none on blank lines), tabs as
/// four spaces (clippy `tabs_in_doc_comments`).
fn doc_lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {}", line.replace('\t', "    "))
        }
    })
}

/// `#[deprecated(note = ...)]`, if deprecated.
pub(crate) fn deprecated(note: &Option<String>) -> TokenStream {
    match note {
        Some(note) => quote!(#[deprecated(note = #note)]),
        None => quote!(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate_crate;
    use crate::model::Model;

    fn edge_model() -> Model {
        let text = include_str!("edge_model.json").to_owned();
        crate::model::load_sources(&[(std::sync::Arc::from("edge_model.json"), text)])
            .expect("edge model loads")
    }

    #[test]
    fn edge_model_generates_deterministically() {
        let options = CrateOptions {
            crate_name: "edge".to_owned(),
            version: "0.0.1".to_owned(),
            protocols: Vec::new(),
        };
        let files = generate_crate(&edge_model(), &options).expect("generates");
        assert_eq!(
            files,
            generate_crate(&edge_model(), &options).expect("generates")
        );
        let krate = crate::lower(&edge_model()).expect("lowers");
        let service = &krate.services[0];
        assert_eq!(service.module.as_str(), "edge_case");
        assert_eq!(service.trait_name.as_str(), "EdgeCase");
        // A model shape already uses `DoThingError`: the generated enum gets a suffix.
        assert!(service.types.keys().any(|k| k.as_str() == "DoThingError"));
        assert_eq!(
            service
                .operations
                .values()
                .next()
                .map(|o| o.error_name.as_str()),
            Some("DoThingError2")
        );
        assert!(service.types.keys().any(|k| k.as_str() == "OptionValue"));
        assert!(service.errors.keys().any(|k| k.as_str() == "Unknown"));
        let types = &files["src/edge_case/types.rs"];
        assert!(types.contains("pub type_: String"), "keyword field");
        assert!(types.contains("pub self_: Option<super::Tree>"));
        assert!(
            types.contains("pub child: Option<Box<super::Tree>>"),
            "recursion boxed"
        );
        assert!(
            types.contains("Again(Box<super::Choice>)"),
            "recursive union boxed"
        );
        assert!(
            types.contains("UnknownValue,")
                && types.contains("SelfValue,")
                && types.contains("Hd2,")
        );
        assert!(
            files["src/lib.rs"].starts_with("// @generated by cargo xtask codegen. Do not edit.\n")
        );
    }
}

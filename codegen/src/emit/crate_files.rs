//! `Cargo.toml`, `src/lib.rs` and each service's `mod.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{inner_docs, runtime, CrateOptions};
use crate::ir::{layout, Crate, Home, Service};

pub(crate) fn cargo_toml(krate: &Crate, options: &CrateOptions) -> String {
    let mut out = String::new();
    out.push_str("[package]\n");
    out.push_str(&format!("name = {}\n", toml_string(&options.crate_name)));
    out.push_str(&format!("version = {}\n", toml_string(&options.version)));
    out.push_str("edition = \"2021\"\nrust-version = \"1.85\"\npublish = false\n");
    out.push_str(
        "description = \"Generated from Smithy models: types, errors and operation stubs.\"\n",
    );
    // Features: `default` (the runtime's, else none), one per service, then the runtime's
    // own; dependencies: the runtime's. Both come from `runtime/Cargo.toml`.
    out.push_str("\n[features]\n");
    let default = runtime::FEATURES
        .iter()
        .find(|(name, _)| *name == "default");
    out.push_str(&format!("default = {}\n", default.map_or("[]", |(_, v)| v)));
    for service in &krate.services {
        out.push_str(&format!("{} = []\n", service.module));
    }
    for (name, value) in runtime::FEATURES
        .iter()
        .filter(|(name, _)| *name != "default")
    {
        match *name {
            "http" => out.push_str(&format!("{name} = {}\n", http_feature(krate, value))),
            _ => out.push_str(&format!("{name} = {value}\n")),
        }
    }
    out.push_str("\n[dependencies]\n");
    for (name, spec) in runtime::DEPENDENCIES {
        out.push_str(&format!("{name} = {spec}\n"));
    }
    out
}

/// The runtime's `http` feature list `value`, plus the runtime features that this crate's
/// operations need on the wire (`request-compression`, `checksum-md5`, a protocol's codec
/// such as `rpc-v2-cbor`), so a crate compiles only the dependencies its services use.
fn http_feature(krate: &Crate, value: &str) -> String {
    let operations = || krate.services.iter().flat_map(|s| s.operations.values());
    let needs = [
        (
            "request-compression",
            operations().any(|o| !o.request_compression.is_empty()),
        ),
        ("checksum-md5", operations().any(|o| o.checksum_required)),
    ];
    let protocols = krate
        .services
        .iter()
        .filter_map(|s| s.protocol.runtime_feature());
    let mut extra: Vec<String> = Vec::new();
    // Several services may share a protocol's feature: each is listed once, in order.
    for feature in needs
        .iter()
        .filter(|(_, needed)| *needed)
        .map(|(feature, _)| *feature)
        .chain(protocols)
        .map(toml_string)
    {
        if !extra.contains(&feature) {
            extra.push(feature);
        }
    }
    match value.strip_suffix(']') {
        Some(list) if !extra.is_empty() => format!("{list}, {}]", extra.join(", ")),
        _ => value.to_owned(),
    }
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub(crate) fn lib_rs(krate: &Crate, options: &CrateOptions) -> TokenStream {
    let mut text = format!(
        "`{}`: Rust types, errors and operation stubs generated from Smithy models.\n\n\
         Each service is a module behind a cargo feature of the same name:\n",
        options.crate_name
    );
    for service in &krate.services {
        let title = service.title.as_deref().unwrap_or(&service.sdk_id);
        text.push_str(&format!(
            "\n- `{}`: {} (`{}`)",
            service.module, title, service.id
        ));
    }
    text.push_str(
        "\n\nEvery type implements serde's `Serialize`/`Deserialize` in its service's body \
         form (restJson1's JSON unless the service speaks another protocol). [`runtime`] \
         holds the support code the services share.",
    );
    let docs = inner_docs(&text);
    let modules = krate.services.iter().map(|s| {
        let module = &s.module;
        let feature = s.module.to_string();
        quote! {
            #[cfg(feature = #feature)]
            pub mod #module;
        }
    });
    let partitions = partitions_module(krate);
    quote! {
        #docs
        // Unions and error enums hold large structures inline by design (boxing every
        // variant would cost an allocation per value and change the public types); names
        // come from the model, placeholder-looking ones (`foo`) included; types nest as
        // deeply as the model's collections do.
        #![allow(
            clippy::large_enum_variant,
            clippy::result_large_err,
            clippy::disallowed_names,
            clippy::type_complexity
        )]
        pub mod runtime;
        #partitions
        #(#modules)*
    }
}

/// `mod partitions;`, compiled with `client-core` and a service that has a rule set.
fn partitions_module(krate: &Crate) -> TokenStream {
    let features: Vec<String> = krate
        .services
        .iter()
        .filter(|s| s.endpoint_rule_set.is_some())
        .map(|s| s.module.to_string())
        .collect();
    if features.is_empty() {
        return quote!();
    }
    let module = proc_macro2::Ident::new(layout::PARTITIONS_MODULE, proc_macro2::Span::call_site());
    let client = layout::CLIENT_FEATURE;
    // `any(..)` of one feature is clippy's `non_minimal_cfg`.
    let services = match features.as_slice() {
        [one] => quote!(feature = #one),
        _ => quote!(any(#(feature = #features),*)),
    };
    quote! {
        #[cfg(all(feature = #client, #services))]
        mod #module;
    }
}

pub(crate) fn service_mod(service: &Service) -> TokenStream {
    let mut text = service.docs.clone();
    if let Some(note) = &service.deprecated {
        text.push_str(&format!("\n\n**Deprecated:** {note}"));
    }
    text.push_str(&format!(
        "\n\nService shape `{}`{}. Types, errors and operations are re-exported here.",
        service.id,
        service
            .version
            .as_ref()
            .map(|v| format!(", version `{v}`"))
            .unwrap_or_default()
    ));
    let docs = inner_docs(&text);
    // A service whose module is itself called `types`, `errors`, … nests a module of the
    // same name: intended, so the lint is allowed for that service only.
    let inception = if Home::ALL
        .iter()
        .any(|h| h.module() == service.module.as_str())
    {
        quote!(#![allow(clippy::module_inception)])
    } else {
        quote!()
    };
    let modules = Home::ALL
        .iter()
        .filter(|h| h.exists_for(service))
        .map(|home| {
            let name = proc_macro2::Ident::new(home.module(), proc_macro2::Span::call_site());
            let cfg = match home.feature() {
                Some(feature) => quote!(#[cfg(feature = #feature)]),
                None => quote!(),
            };
            // A service without structures, unions or enums has nothing to re-export there.
            let empty = *home == Home::Types && service.types.is_empty();
            if home.is_reexported() && !empty {
                quote!(#cfg pub mod #name; #cfg pub use #name::*;)
            } else if home.is_public() {
                quote!(#cfg pub mod #name;)
            } else {
                quote!(#cfg mod #name;)
            }
        });
    quote! {
        #docs
        #inception
        #(#modules)*
    }
}

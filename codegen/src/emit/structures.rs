//! Structures (of `types.rs`, and the error structures of `errors.rs`): the struct with
//! its derived `Serialize`, its `Deserialize` ([`super::deserialize`]), constructor,
//! `Debug` and default functions.

use proc_macro2::TokenStream;
use quote::quote;

use super::deserialize::deserialize_impl;
use super::facts;
use super::serde_attrs::{
    default_expr, default_fns, field_attr, field_type, initial_value, RenameRule,
};
use super::{deprecated, docs};
use crate::ir::{Presence, Service, StructDef, TypeDef};
use crate::naming::Ident;

/// A structure of `types.rs`.
pub(crate) fn structure(service: &Service, def: &TypeDef, fields: &StructDef) -> TokenStream {
    let doc = facts::with_facts(&def.docs, &facts::io(service, &def.name));
    struct_tokens(
        service,
        &def.name,
        &doc,
        &def.deprecated,
        def.sensitive,
        fields,
    )
}

/// The struct, its constructor or `Default`, its `Debug` (when redacting) and default fns.
pub(crate) fn struct_tokens(
    service: &Service,
    name: &Ident,
    doc: &str,
    deprecation: &Option<String>,
    sensitive: bool,
    def: &StructDef,
) -> TokenStream {
    let doc = docs(doc);
    let deprecation = deprecated(deprecation);
    let derives = derives(sensitive, def);
    let rule = RenameRule::for_struct(def);
    let rename_all = rule.attr();
    let field_defs = def.fields.iter().map(|f| {
        let fdoc = docs(&facts::with_facts(&f.docs, &facts::field(service, f)));
        let fdep = deprecated(&f.deprecated);
        let attr = field_attr(def, rule, f);
        let fname = &f.name;
        let ty = field_type(f);
        quote! {
            #fdoc
            #fdep
            #attr
            pub #fname: #ty,
        }
    });
    let constructor = constructor(name, def);
    let debug = debug_impl(name, sensitive, def);
    let defaults = default_fns(name, def);
    let with_defaults = with_defaults(name, def);
    let deserialize = deserialize_impl(name, def);
    quote! {
        #doc
        #deprecation
        #[derive(#(#derives),*)]
        #rename_all
        pub struct #name {
            #(#field_defs)*
        }
        #deserialize
        #constructor
        #with_defaults
        #debug
        #defaults
    }
}

/// `with_defaults()` for an operation input with top-level `@default` members
/// ([`Presence::InputDefault`]): each one left `None` set to its default, which is what
/// a server reads when the request leaves it out.
fn with_defaults(name: &Ident, def: &StructDef) -> TokenStream {
    let fills: Vec<TokenStream> = def
        .fields
        .iter()
        .filter_map(|f| {
            let Presence::InputDefault(default) = &f.presence else {
                return None;
            };
            let fname = &f.name;
            let value = default_expr(&f.ty, &default.value);
            Some(quote!(if self.#fname.is_none() { self.#fname = Some(#value); }))
        })
        .collect();
    if fills.is_empty() {
        return quote!();
    }
    quote! {
        impl #name {
            /// This input with each top-level `@default` member left `None` set to its
            /// default: what a server reads when a request leaves them out (a client
            /// sends only the members that are `Some`).
            pub fn with_defaults(mut self) -> Self {
                #(#fills)*
                self
            }
        }
    }
}

/// Whether `Debug` is written by hand (to redact).
fn manual_debug(sensitive: bool, def: &StructDef) -> bool {
    sensitive || def.fields.iter().any(|f| f.sensitive)
}

/// Whether a default differs from the Rust `Default` (so `Default` is written by hand).
fn nonzero_default(def: &StructDef) -> bool {
    def.fields
        .iter()
        .any(|f| matches!(&f.presence, Presence::Default(v) if !v.is_zero))
}

fn derives(sensitive: bool, def: &StructDef) -> Vec<TokenStream> {
    let mut derives = vec![quote!(Clone), quote!(PartialEq)];
    if !manual_debug(sensitive, def) {
        derives.insert(0, quote!(Debug));
    }
    if def.required().next().is_none() && !nonzero_default(def) {
        derives.push(quote!(Default));
    }
    // `Deserialize` is written out (`deserialize_impl`): the derived one reads arrays too.
    derives.push(quote!(serde::Serialize));
    derives
}

/// `new(required…)` when there are required members, else a hand-written `Default` when
/// a default is not the Rust one, else nothing (`Default` is derived).
fn constructor(name: &Ident, def: &StructDef) -> TokenStream {
    let inits = def.fields.iter().map(|f| {
        let fname = &f.name;
        let value = initial_value(name, f);
        if matches!(f.presence, Presence::Required) {
            quote!(#fname)
        } else {
            quote!(#fname: #value)
        }
    });
    if def.required().next().is_some() {
        let args = def.required().map(|f| {
            let fname = &f.name;
            let ty = field_type(f);
            quote!(#fname: #ty)
        });
        let allow = if def.required().count() > 7 {
            quote!(#[allow(clippy::too_many_arguments)])
        } else {
            quote!()
        };
        let ndoc = docs(&format!(
            "Creates a [`{name}`] from its required members; optional members are `None` \
             and defaulted members hold their model default."
        ));
        quote! {
            impl #name {
                #ndoc
                #allow
                pub fn new(#(#args),*) -> Self {
                    Self { #(#inits),* }
                }
            }
        }
    } else if nonzero_default(def) {
        quote! {
            impl Default for #name {
                fn default() -> Self {
                    Self { #(#inits),* }
                }
            }
        }
    } else {
        quote!()
    }
}

/// `Debug` that prints the redaction marker for the whole value or sensitive members.
fn debug_impl(name: &Ident, sensitive: bool, def: &StructDef) -> TokenStream {
    let body = if sensitive {
        quote!(f.write_str(rt::REDACTED))
    } else if manual_debug(sensitive, def) {
        let name_str = name.to_string();
        let entries = def.fields.iter().map(|f| {
            let fname = &f.name;
            let label = fname.to_string();
            if f.sensitive {
                quote!(.field(#label, &rt::Redacted))
            } else {
                quote!(.field(#label, &self.#fname))
            }
        });
        quote!(f.debug_struct(#name_str) #(#entries)* .finish())
    } else {
        return quote!();
    };
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                #body
            }
        }
    }
}

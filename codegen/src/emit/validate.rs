//! `validate.rs`: `validate()` on every structure and union, `runtime::Validate` on every
//! structure and union (enums get theirs from the runtime's enum macros), checking
//! `@length`, `@pattern`, `@range` and enum values recursively.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{file, inner_docs};
use crate::ir::{Field, Presence, Service, StructDef, Ty, TyKind, TypeKind};
use crate::naming::{self, Ident};

/// Distinct patterns of a file, each cached in one `OnceLock` static.
#[derive(Default)]
struct Patterns(BTreeMap<String, Ident>);

impl Patterns {
    fn get(&mut self, pattern: &str) -> Ident {
        let next = self.0.len();
        self.0
            .entry(pattern.to_owned())
            .or_insert_with(|| naming::pattern_static(next))
            .clone()
    }
}

pub(crate) fn file_tokens(service: &Service) -> TokenStream {
    let mut patterns = Patterns::default();
    let mut items: BTreeMap<String, TokenStream> = BTreeMap::new();
    for (name, def) in &service.types {
        let target = quote!(super::#name);
        let tokens = match &def.kind {
            TypeKind::Struct(s) => structure(&target, name, s, &mut patterns),
            TypeKind::Union(u) => {
                let arms: Vec<(TokenStream, TokenStream)> = u
                    .variants
                    .iter()
                    .filter_map(|v| {
                        let checks = checks(v.ty.as_ref()?, &quote!(v), &mut patterns);
                        let vname = &v.name;
                        let label = v.name.to_string();
                        (!checks.is_empty()).then(|| {
                            let body = quote! {
                                let path = &rt::Path::Field(path, #label);
                                #checks
                            };
                            (quote!(Self::#vname(v)), body)
                        })
                    })
                    .collect();
                let body = match arms.as_slice() {
                    [] => quote!(let _ = (path, out);),
                    [(pattern, body)] => quote!(if let #pattern = self { #body }),
                    _ => {
                        let arms = arms
                            .iter()
                            .map(|(pattern, body)| quote!(#pattern => { #body }));
                        quote! {
                            match self {
                                #(#arms)*
                                _ => {}
                            }
                        }
                    }
                };
                with_root(&target, name, body)
            }
            // The runtime's enum macros implement `Validate` (an unknown value violates).
            TypeKind::Enum(_) => continue,
        };
        items.insert(format!("types::{name}"), tokens);
    }
    for (name, def) in &service.errors {
        let target = quote!(super::#name);
        items.insert(
            format!("errors::{name}"),
            structure(&target, name, &def.fields, &mut patterns),
        );
    }
    let mut cells: Vec<(usize, Ident)> = patterns
        .0
        .values()
        .map(|i| (index_of(i), i.clone()))
        .collect();
    cells.sort();
    let statics = cells.iter().map(|(_, ident)| {
        quote!(static #ident: std::sync::OnceLock<Option<regex_lite::Regex>> = std::sync::OnceLock::new();)
    });
    let header = inner_docs(&format!(
        "Constraint validation for the `{}` service.",
        service.sdk_id
    ));
    let mut all = BTreeMap::new();
    all.insert(String::new(), quote!(#(#statics)*));
    all.extend(items);
    file(header, all)
}

fn with_root(target: &TokenStream, name: &Ident, body: TokenStream) -> TokenStream {
    let root = name.to_string();
    quote! {
        impl #target {
            /// Checks the constraints of this value and everything it contains.
            pub fn validate(&self) -> Result<(), rt::ValidationError> {
                rt::validate_root(self, #root)
            }
        }
        impl rt::Validate for #target {
            fn validate_at(&self, path: &rt::Path<'_>, out: &mut rt::Violations) {
                #body
            }
        }
    }
}

fn structure(
    target: &TokenStream,
    name: &Ident,
    def: &StructDef,
    patterns: &mut Patterns,
) -> TokenStream {
    let fields: Vec<TokenStream> = def
        .fields
        .iter()
        .filter_map(|f| field(f, patterns))
        .collect();
    let body = if fields.is_empty() {
        quote!(let _ = (path, out);)
    } else {
        quote!(#(#fields)*)
    };
    with_root(target, name, body)
}

fn field(f: &Field, patterns: &mut Patterns) -> Option<TokenStream> {
    let checks = checks(&f.ty, &quote!(v), patterns);
    if checks.is_empty() {
        return None;
    }
    let fname = &f.name;
    let label = f.name.to_string();
    Some(match f.presence {
        Presence::Optional | Presence::IdempotencyToken => quote! {
            if let Some(v) = &self.#fname {
                let path = &rt::Path::Field(path, #label);
                #checks
            }
        },
        Presence::Required | Presence::Default(_) => quote! {
            {
                let v = &self.#fname;
                let path = &rt::Path::Field(path, #label);
                #checks
            }
        },
    })
}

fn bound<T: Copy>(v: Option<T>, lit: impl Fn(T) -> Literal) -> TokenStream {
    match v {
        Some(v) => {
            let l = lit(v);
            quote!(Some(#l))
        }
        None => quote!(None),
    }
}

/// Checks of a value `value` (an expression of type `&T`) at `path`; empty if nothing to check.
fn checks(ty: &Ty, value: &TokenStream, patterns: &mut Patterns) -> TokenStream {
    let mut out = Vec::new();
    let c = &ty.constraints;
    let lengthy = matches!(
        ty.kind,
        TyKind::String | TyKind::Blob | TyKind::List { .. } | TyKind::Map { .. }
    );
    if let (Some((min, max)), true) = (c.length, lengthy) {
        let (min, max) = (
            bound(min, Literal::u64_suffixed),
            bound(max, Literal::u64_suffixed),
        );
        out.push(quote!(rt::check_length(#value, #min, #max, path, out);));
    }
    if let (Some(pattern), TyKind::String) = (&c.pattern, &ty.kind) {
        let cell = patterns.get(pattern);
        out.push(quote!(rt::check_pattern(#value, #pattern, &#cell, path, out);));
    }
    let numeric = matches!(
        ty.kind,
        TyKind::Byte
            | TyKind::Short
            | TyKind::Integer
            | TyKind::Long
            | TyKind::Float
            | TyKind::Double
    );
    if let (Some((min, max)), true) = (c.range, numeric) {
        let (min, max) = (
            bound(min, Literal::f64_suffixed),
            bound(max, Literal::f64_suffixed),
        );
        out.push(quote!(rt::check_range(*#value, #min, #max, path, out);));
    }
    match &ty.kind {
        TyKind::Named { .. } => {
            out.push(quote!(rt::Validate::validate_at(#value, path, out);));
        }
        TyKind::List { item, sparse } => {
            let inner = checks(item, &quote!(v), patterns);
            if !inner.is_empty() {
                let inner = if *sparse {
                    quote!(if let Some(v) = v { #inner })
                } else {
                    inner
                };
                out.push(quote! {
                    for (i, v) in #value.iter().enumerate() {
                        let path = &rt::Path::Index(path, i);
                        #inner
                    }
                });
            }
        }
        TyKind::Map {
            key,
            value: val,
            sparse,
        } => {
            // Keys are `String`s on the Rust side; an enum key is checked through its type.
            let key_checks = match &key.kind {
                TyKind::Named {
                    symbol: key_type, ..
                } => {
                    quote!(rt::Validate::validate_at(&#key_type::from(k.as_str()), path, out);)
                }
                _ => checks(key, &quote!(k), patterns),
            };
            let inner = checks(val, &quote!(v), patterns);
            let inner = if *sparse && !inner.is_empty() {
                quote!(if let Some(v) = v { #inner })
            } else {
                inner
            };
            if !key_checks.is_empty() || !inner.is_empty() {
                let head = if inner.is_empty() {
                    quote!(for k in #value.keys())
                } else {
                    quote!(for (k, v) in #value)
                };
                out.push(quote! {
                    #head {
                        let path = &rt::Path::Key(path, k);
                        #key_checks
                        #inner
                    }
                });
            }
        }
        _ => {}
    }
    quote!(#(#out)*)
}

fn index_of(ident: &Ident) -> usize {
    ident
        .as_str()
        .rsplit('_')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_default()
}

//! `validate.rs`: `runtime::Validate` on every structure and union of a service (enums
//! get theirs from the runtime's enum macros), checking `@length`, `@pattern`, `@range`
//! and enum values recursively.
//!
//! Checks are written once per shape: a simple shape with constraints, or a list or map
//! with anything to check, gets one `check_<shape>` function, called from every use whose
//! member adds no constraint of its own ([`Ty::member_constrained`]); a use that does is
//! checked where it stands. Each distinct pattern is one `rt::Pattern` static of the file.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{file, inner_docs};
use crate::ir::{Field, Presence, Service, StructDef, Ty, TyKind, TypeKind, UnionDef};
use crate::model::ShapeId;
use crate::naming::{self, Ident, Scope};

pub(crate) fn file_tokens(service: &Service) -> TokenStream {
    let checks = Checks::new(service);
    let mut items: BTreeMap<String, TokenStream> = BTreeMap::new();
    items.insert(String::new(), checks.statics());
    for (name, ty) in checks.fns.values() {
        items.insert(format!("check::{name}"), checks.function(name, ty));
    }
    for (name, def) in &service.types {
        let body = match &def.kind {
            TypeKind::Struct(s) => checks.structure(s),
            TypeKind::Union(u) => checks.union(u),
            // Enums get `Validate` from the runtime's enum macros.
            TypeKind::Enum(_) => continue,
        };
        items.insert(format!("types::{name}"), implement(name, &body));
    }
    for (name, def) in &service.errors {
        let body = checks.structure(&def.fields);
        items.insert(format!("errors::{name}"), implement(name, &body));
    }
    let header = inner_docs(&format!(
        "Constraint validation for the `{}` service.",
        service.sdk_id
    ));
    file(header, items)
}

/// `rt::Validate` for the generated type `name`, whose `validate_at` runs `body`.
fn implement(name: &Ident, body: &[TokenStream]) -> TokenStream {
    let label = name.to_string();
    let params = if body.is_empty() {
        quote!(_: &rt::Path<'_>, _: &mut rt::Violations)
    } else {
        quote!(path: &rt::Path<'_>, out: &mut rt::Violations)
    };
    quote! {
        impl rt::Validate for super::#name {
            const NAME: &'static str = #label;
            fn validate_at(&self, #params) {
                #(#body)*
            }
        }
    }
}

/// What the checks of one file share: the pattern statics, and the function of each shape
/// whose checks are written once, with the type (at a use that adds no constraint) it is
/// written from.
struct Checks<'a> {
    fns: BTreeMap<ShapeId, (Ident, &'a Ty)>,
    patterns: BTreeMap<String, Ident>,
}

impl<'a> Checks<'a> {
    fn new(service: &'a Service) -> Self {
        let mut shapes = BTreeMap::new();
        let mut patterns = BTreeSet::new();
        for ty in uses(service) {
            walk(ty, &mut |ty| {
                if let (TyKind::String, Some(p)) = (&ty.kind, &ty.constraints.pattern) {
                    patterns.insert(p.clone());
                }
                // A generated type checks itself, and so does a collection of them (through
                // the runtime) unless it has constraints of its own.
                let own = has_constraints(ty);
                let itself = matches!(ty.kind, TyKind::Named { .. }) || delegates(ty);
                if !ty.member_constrained && needs_checks(ty) && (own || !itself) {
                    shapes.entry(ty.shape.clone()).or_insert(ty);
                }
            });
        }
        let mut scope = Scope::new();
        let fns = shapes
            .into_iter()
            .map(|(id, ty)| {
                let name = scope.claim(naming::check_fn_name(id.name()));
                (id, (name, ty))
            })
            .collect();
        let patterns = patterns
            .into_iter()
            .enumerate()
            .map(|(i, p)| (p, naming::pattern_static(i)))
            .collect();
        Checks { fns, patterns }
    }

    /// The pattern statics, numbered in pattern order.
    fn statics(&self) -> TokenStream {
        let statics = self
            .patterns
            .iter()
            .map(|(p, ident)| quote!(static #ident: rt::Pattern = rt::Pattern::new(#p);));
        quote!(#(#statics)*)
    }

    /// The check function `name` of the shape of `ty`.
    fn function(&self, name: &Ident, ty: &Ty) -> TokenStream {
        let param = match &ty.kind {
            TyKind::String => quote!(str),
            TyKind::List { item, sparse } => {
                let item = item.tokens();
                if *sparse {
                    quote!([Option<#item>])
                } else {
                    quote!([#item])
                }
            }
            _ => ty.tokens(),
        };
        let body = self.inline(ty, &quote!(v), &quote!(path));
        let doc = format!(" Checks a `{}`.", ty.shape);
        quote! {
            #[doc = #doc]
            fn #name(v: &#param, path: &rt::Path<'_>, out: &mut rt::Violations) {
                #(#body)*
            }
        }
    }

    fn structure(&self, def: &StructDef) -> Vec<TokenStream> {
        def.fields.iter().filter_map(|f| self.field(f)).collect()
    }

    fn field(&self, f: &Field) -> Option<TokenStream> {
        let name = &f.name;
        let label = f.name.to_string();
        match f.presence {
            Presence::Optional | Presence::IdempotencyToken => {
                let body = self.member(&f.ty, &quote!(v), &label);
                (!body.is_empty()).then(|| quote!(if let Some(v) = &self.#name { #(#body)* }))
            }
            Presence::Required | Presence::Default(_) => {
                let body = self.member(&f.ty, &quote!(&self.#name), &label);
                match body.len() {
                    0 => None,
                    1 => Some(quote!(#(#body)*)),
                    // A block keeps the `path` binding to this member.
                    _ => Some(quote!({ #(#body)* })),
                }
            }
        }
    }

    fn union(&self, def: &UnionDef) -> Vec<TokenStream> {
        let arms: Vec<(&Ident, Vec<TokenStream>)> = def
            .variants
            .iter()
            .filter_map(|v| {
                let body = self.member(v.ty.as_ref()?, &quote!(v), &v.name.to_string());
                (!body.is_empty()).then_some((&v.name, body))
            })
            .collect();
        match arms.as_slice() {
            [] => Vec::new(),
            [(name, body)] => vec![quote!(if let Self::#name(v) = self { #(#body)* })],
            _ => {
                let arms = arms
                    .iter()
                    .map(|(name, body)| quote!(Self::#name(v) => { #(#body)* }));
                vec![quote!(match self { #(#arms)* _ => {} })]
            }
        }
    }

    /// Checks of the member `label` holding `value` (a `&T` expression).
    fn member(&self, ty: &Ty, value: &TokenStream, label: &str) -> Vec<TokenStream> {
        at(&quote!(path.field(#label)), self.loops(ty), |path| {
            self.checks(ty, value, path)
        })
    }

    /// Checks of `value` (a `&T` expression) at `path` (a `&Path` expression): a call of
    /// the shape's function when this use adds no constraint, else written out.
    fn checks(&self, ty: &Ty, value: &TokenStream, path: &TokenStream) -> Vec<TokenStream> {
        match self.function_of(ty) {
            Some(f) => vec![quote!(#f(#value, #path, out);)],
            None => self.inline(ty, value, path),
        }
    }

    fn function_of(&self, ty: &Ty) -> Option<&Ident> {
        let (name, _) = self.fns.get(&ty.shape).filter(|_| !ty.member_constrained)?;
        Some(name)
    }

    /// Whether the checks of `ty` are written out with a loop, which needs its path bound
    /// to `path` (see [`at`]).
    fn loops(&self, ty: &Ty) -> bool {
        self.function_of(ty).is_none()
            && !delegates(ty)
            && match &ty.kind {
                TyKind::List { item, .. } => needs_checks(item),
                TyKind::Map { key, value, .. } => needs_checks(key) || needs_checks(value),
                _ => false,
            }
    }

    /// The checks of `ty` written out: its constraints, then what it contains. A list or
    /// map is only written out where its path is bound to `path`.
    fn inline(&self, ty: &Ty, value: &TokenStream, path: &TokenStream) -> Vec<TokenStream> {
        let mut stmts = self.constraints(ty, value, path);
        match &ty.kind {
            TyKind::Named { .. } => {
                stmts.push(quote!(rt::Validate::validate_at(#value, #path, out);));
            }
            TyKind::List { .. } if delegates(ty) => {
                stmts.push(quote!(rt::validate_items(#value, #path, out);));
            }
            TyKind::Map { .. } if delegates(ty) => {
                stmts.push(quote!(rt::validate_values(#value, #path, out);));
            }
            TyKind::List { item, sparse } => stmts.extend(self.list(item, *sparse, value)),
            TyKind::Map {
                key,
                value: v,
                sparse,
            } => {
                stmts.extend(self.map(key, v, *sparse, value));
            }
            _ => {}
        }
        stmts
    }

    fn constraints(&self, ty: &Ty, value: &TokenStream, path: &TokenStream) -> Vec<TokenStream> {
        let c = &ty.constraints;
        let mut stmts = Vec::new();
        if let (Some((min, max)), true) = (c.length, lengthy(&ty.kind)) {
            let (min, max) = (
                bound(min, Literal::u64_unsuffixed),
                bound(max, Literal::u64_unsuffixed),
            );
            stmts.push(quote!(rt::check_length(#value, #min, #max, #path, out);));
        }
        if let (Some(pattern), TyKind::String) = (&c.pattern, &ty.kind) {
            if let Some(cell) = self.patterns.get(pattern) {
                stmts.push(quote!(#cell.check(#value, #path, out);));
            }
        }
        if let (Some((min, max)), true) = (c.range, numeric(&ty.kind)) {
            let (min, max) = (
                bound(min, Literal::f64_unsuffixed),
                bound(max, Literal::f64_unsuffixed),
            );
            stmts.push(quote!(rt::check_range(#value, #min, #max, #path, out);));
        }
        stmts
    }

    /// The loop over the elements of `list`, if they have anything to check.
    fn list(&self, item: &Ty, sparse: bool, list: &TokenStream) -> Option<TokenStream> {
        let body = at(&quote!(path.index(i)), self.loops(item), |path| {
            self.checks(item, &quote!(v), path)
        });
        if body.is_empty() {
            return None;
        }
        let body = if sparse {
            quote!(if let Some(v) = v { #(#body)* })
        } else {
            quote!(#(#body)*)
        };
        Some(quote!(for (i, v) in #list.iter().enumerate() { #body }))
    }

    /// The loop over the entries of `map`, if keys or values have anything to check.
    fn map(&self, key: &Ty, value: &Ty, sparse: bool, map: &TokenStream) -> Option<TokenStream> {
        // Keys are `String`s on the Rust side; an enum key is checked as a value of its type.
        let k = match &key.kind {
            TyKind::Named { symbol, .. } => quote!(&#symbol::from(k.as_str())),
            _ => quote!(k),
        };
        let values = needs_checks(value);
        let nested = self.loops(key) || self.loops(value);
        let body = at(&quote!(path.key(k)), nested, |path| {
            let mut stmts = self.checks(key, &k, path);
            let checks = self.checks(value, &quote!(v), path);
            match (sparse, checks.is_empty()) {
                (true, false) => stmts.push(quote!(if let Some(v) = v { #(#checks)* })),
                _ => stmts.extend(checks),
            }
            stmts
        });
        let head = if values {
            quote!(for (k, v) in #map)
        } else {
            quote!(for k in #map.keys())
        };
        (!body.is_empty()).then(|| quote!(#head { #(#body)* }))
    }
}

/// The statements `build` writes for a path `at` (a `Path` expression), given a `&Path`
/// expression: a lone statement takes `&at` itself; several statements, or a loop (whose
/// body extends `path`), share one `path` binding.
fn at(
    at: &TokenStream,
    nested: bool,
    build: impl Fn(&TokenStream) -> Vec<TokenStream>,
) -> Vec<TokenStream> {
    let shared = build(&quote!(path));
    if shared.len() > 1 || (nested && !shared.is_empty()) {
        std::iter::once(quote!(let path = &#at;))
            .chain(shared)
            .collect()
    } else {
        build(&quote!(&#at))
    }
}

/// Whether values of `ty` have anything to check: constraints, a generated type (enums
/// check their values), or elements that do.
fn needs_checks(ty: &Ty) -> bool {
    has_constraints(ty)
        || match &ty.kind {
            TyKind::Named { .. } => true,
            TyKind::List { item, .. } => needs_checks(item),
            TyKind::Map { key, value, .. } => needs_checks(key) || needs_checks(value),
            _ => false,
        }
}

/// Whether `ty` has constraints that apply to its kind.
fn has_constraints(ty: &Ty) -> bool {
    let c = &ty.constraints;
    (c.length.is_some() && lengthy(&ty.kind))
        || (c.pattern.is_some() && ty.kind == TyKind::String)
        || (c.range.is_some() && numeric(&ty.kind))
}

/// Whether the contents of `ty` are generated types with nothing else to check, which
/// the runtime walks (`rt::validate_items`, `rt::validate_values`).
fn delegates(ty: &Ty) -> bool {
    let named = |ty: &Ty| matches!(ty.kind, TyKind::Named { .. });
    match &ty.kind {
        TyKind::List { item, sparse } => !sparse && named(item),
        TyKind::Map { key, value, sparse } => !sparse && named(value) && !needs_checks(key),
        _ => false,
    }
}

/// Kinds `@length` applies to.
fn lengthy(kind: &TyKind) -> bool {
    matches!(
        kind,
        TyKind::String | TyKind::Blob | TyKind::List { .. } | TyKind::Map { .. }
    )
}

/// Kinds `@range` applies to (big numbers are not checked).
fn numeric(kind: &TyKind) -> bool {
    matches!(
        kind,
        TyKind::Byte
            | TyKind::Short
            | TyKind::Integer
            | TyKind::Long
            | TyKind::Float
            | TyKind::Double
    )
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

/// Every type reference of the service's structures, unions and errors.
fn uses(service: &Service) -> Vec<&Ty> {
    let mut tys = Vec::new();
    for def in service.types.values() {
        match &def.kind {
            TypeKind::Struct(s) => tys.extend(s.fields.iter().map(|f| &f.ty)),
            TypeKind::Union(u) => tys.extend(u.variants.iter().filter_map(|v| v.ty.as_ref())),
            TypeKind::Enum(_) => {}
        }
    }
    for def in service.errors.values() {
        tys.extend(def.fields.fields.iter().map(|f| &f.ty));
    }
    tys
}

/// Calls `f` on `ty` and every type inside it (list elements, map keys and values).
fn walk<'a>(ty: &'a Ty, f: &mut impl FnMut(&'a Ty)) {
    f(ty);
    match &ty.kind {
        TyKind::List { item, .. } => walk(item, f),
        TyKind::Map { key, value, .. } => {
            walk(key, f);
            walk(value, f);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    const MODEL: &str = r#"$version: "2"
namespace example.v
use aws.protocols#restJson1
@restJson1
service V { operations: [Put] }
@http(method: "PUT", uri: "/")
operation Put {
    input := {
        a: Name
        b: Name
        @length(min: 2)
        c: Name
        names: Names
        tiers: Tiers
    }
}
@length(max: 4)
@pattern("^[a-z]+$")
string Name
@pattern("^[a-z]+$")
string Other
@sparse
list Names { member: Other }
enum Tier { A }
map Tiers { key: Tier, value: Name }
"#;

    fn validate_rs() -> String {
        let sources = [(std::sync::Arc::from("v.smithy"), MODEL.to_owned())];
        let model = crate::model::load_sources(&sources).expect("loads");
        let krate = crate::lower(&model).expect("lowers");
        let tokens = super::file_tokens(&krate.services[0]);
        crate::render::render_file("validate.rs", tokens).expect("renders")
    }

    #[test]
    fn checks_are_written_once_per_shape() {
        let text = validate_rs();
        assert_eq!(text, validate_rs(), "deterministic");
        // One function per shape, called from each use that adds no constraint.
        assert_eq!(text.matches("fn check_name(").count(), 1);
        assert!(text.contains(r#"check_name(v, &path.field("a"), out);"#));
        assert!(text.contains(r#"check_name(v, &path.field("b"), out);"#));
        // A member that overrides `@length` is checked where it is used.
        assert!(text.contains("rt::check_length(v, Some(2), None, path, out);"));
        // A sparse list skips nulls; enum keys are checked as values of their type.
        assert!(text.contains("if let Some(v) = v {"));
        assert!(text.contains("&super::Tier::from(k.as_str())"));
        // Two shapes with one pattern share its static.
        assert_eq!(text.matches("rt::Pattern::new(").count(), 1);
        assert_eq!(text.matches("PATTERN_0.check(").count(), 3);
    }
}

//! `validate.rs`: `runtime::Validate` on every structure, union and enum of a service,
//! checking `@length`, `@pattern`, `@range`, `@uniqueItems` and enum values recursively.
//! Paths carry the Rust name and the member name of each member (the protocol's JSON
//! pointers use the latter) and whether its values are `@sensitive`; an unknown union
//! member is recorded apart from the violations (a server rejects it as malformed).
//!
//! Checks are written once per shape: a simple shape with constraints, or a list or map
//! with anything to check, gets one `check_<shape>` function, called from every use whose
//! member adds no constraint of its own ([`Ty::member_constrained`]); a use that does is
//! checked where it stands. Each distinct pattern is one `rt::Pattern` static of the file.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{file, inner_docs};
use crate::ir::{
    EnumDef, EnumValue, Field, NamedKind, Presence, Service, StructDef, Ty, TyKind, TypeKind,
    UnionDef,
};
use crate::model::ShapeId;
use crate::naming::{self, Ident, Scope};
use crate::pattern::{self, Decision};

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
            TypeKind::Enum(e) => {
                let values = checks.enum_values(&def.id, e);
                let label = name.to_string();
                items.insert(
                    format!("types::{name}"),
                    quote!(rt::validate_enum!(super::#name = #label, [#(#values),*]);),
                );
                continue;
            }
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

/// What the checks of one file share: the pattern statics, the function of each shape
/// whose checks are written once, with the type (at a use that adds no constraint) it is
/// written from, and the value set of each enum as its uses list it.
struct Checks<'a> {
    fns: BTreeMap<ShapeId, (Ident, &'a Ty)>,
    patterns: BTreeMap<(String, Engine), Ident>,
    enum_values: BTreeMap<ShapeId, &'a [String]>,
}

impl<'a> Checks<'a> {
    fn new(service: &'a Service) -> Self {
        let mut shapes = BTreeMap::new();
        let mut patterns = BTreeSet::new();
        let mut enum_values = BTreeMap::new();
        for ty in uses(service) {
            walk(ty, &mut |ty| {
                if let (TyKind::String, Some(check)) = (&ty.kind, enforced(ty)) {
                    patterns.insert(check);
                }
                if let Some(values) = &ty.constraints.enum_values {
                    enum_values
                        .entry(ty.shape.clone())
                        .or_insert(values.as_slice());
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
        Checks {
            fns,
            patterns,
            enum_values,
        }
    }

    /// The pattern statics, numbered in pattern order.
    fn statics(&self) -> TokenStream {
        let statics = self.patterns.iter().map(|((modeled, engine), ident)| {
            let made = match engine {
                Engine::Linear(source) => quote!(linear(#modeled, #source)),
                Engine::Backtracking(source) => quote!(backtracking(#modeled, #source)),
                Engine::Counted(source, min, max) => quote!(counted(#modeled, #source, #min, #max)),
            };
            quote!(static #ident: rt::Pattern = rt::Pattern::#made;)
        });
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
        let at = member_path(&f.name, &f.id, f.sensitive);
        match f.presence {
            Presence::Optional | Presence::IdempotencyToken | Presence::InputDefault(_) => {
                let body = self.member(&f.ty, &quote!(v), &at);
                (!body.is_empty()).then(|| quote!(if let Some(v) = &self.#name { #(#body)* }))
            }
            Presence::Required | Presence::Default(_) => {
                let body = self.member(&f.ty, &quote!(&self.#name), &at);
                match body.len() {
                    0 => None,
                    1 => Some(quote!(#(#body)*)),
                    // A block keeps the `path` binding to this member.
                    _ => Some(quote!({ #(#body)* })),
                }
            }
        }
    }

    /// The checks of the set member, and the record of a member the model does not list.
    fn union(&self, def: &UnionDef) -> Vec<TokenStream> {
        let arms: Vec<(&Ident, Vec<TokenStream>)> = def
            .variants
            .iter()
            .filter_map(|v| {
                let at = member_path(&v.name, &v.id, v.sensitive);
                let body = self.member(v.ty.as_ref()?, &quote!(v), &at);
                (!body.is_empty()).then_some((&v.name, body))
            })
            .collect();
        let unknown = quote!(out.unknown_union_member(path, u.name()););
        if arms.is_empty() {
            return vec![quote!(if let Self::Unknown(u) = self { #unknown })];
        }
        let rest = (arms.len() < def.variants.len()).then(|| quote!(_ => {}));
        let arms = arms
            .iter()
            .map(|(name, body)| quote!(Self::#name(v) => { #(#body)* }));
        vec![quote!(match self { #(#arms)* Self::Unknown(u) => { #unknown } #rest })]
    }

    /// An enum's unknown value is a violation listing the values its uses show.
    /// The values an unknown-value violation lists (the model's, without `@internal`).
    fn enum_values(&self, id: &ShapeId, def: &EnumDef) -> Vec<String> {
        match self.enum_values.get(id) {
            Some(values) => values.to_vec(),
            None => def
                .variants
                .iter()
                .map(|v| match &v.value {
                    EnumValue::Str(s) => s.clone(),
                    EnumValue::Int(i) => i.to_string(),
                })
                .collect(),
        }
    }

    /// Checks of the member at `at` (a `Path` expression) holding `value` (a `&T`
    /// expression).
    fn member(&self, ty: &Ty, value: &TokenStream, at: &TokenStream) -> Vec<TokenStream> {
        self::at(at, self.loops(ty), |path| self.checks(ty, value, path))
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
        if let (Some(check), TyKind::String) = (enforced(ty), &ty.kind) {
            if let Some(cell) = self.patterns.get(&check) {
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
        if let (true, TyKind::List { item, .. }) = (c.unique_items, &ty.kind) {
            let check = if hashable(item) {
                quote!(rt::check_unique_hashed)
            } else {
                quote!(rt::check_unique)
            };
            stmts.push(quote!(#check(#value, #path, out);));
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
        let list = receiver(list);
        Some(quote!(for (i, v) in #list.iter().enumerate() { #body }))
    }

    /// The loop over the entries of `map`, if keys or values have anything to check: keys
    /// at `path.map_key(k)` (the protocol points at the map), values at `path.key(k)`.
    fn map(&self, key: &Ty, value: &Ty, sparse: bool, map: &TokenStream) -> Option<TokenStream> {
        // Keys are `String`s on the Rust side; an enum key is checked as a value of its type.
        let k = match &key.kind {
            TyKind::Named { symbol, .. } => quote!(&#symbol::from(k.as_str())),
            _ => quote!(k),
        };
        let values = needs_checks(value);
        let (mut body, bound) = bound_at(&quote!(path.map_key(k)), self.loops(key), |path| {
            self.checks(key, &k, path)
        });
        let checks = at(&quote!(path.key(k)), self.loops(value), |path| {
            self.checks(value, &quote!(v), path)
        });
        if bound && !checks.is_empty() {
            // A block keeps the key's `path` binding from the value's checks.
            body = vec![quote!({ #(#body)* })];
        }
        match (sparse, checks.is_empty()) {
            (true, false) => body.push(quote!(if let Some(v) = v { #(#checks)* })),
            _ => body.extend(checks),
        }
        let head = if values {
            quote!(for (k, v) in #map)
        } else {
            let map = receiver(map);
            quote!(for k in #map.keys())
        };
        (!body.is_empty()).then(|| quote!(#head { #(#body)* }))
    }
}

/// `value` as a method receiver: a reference `&x` without its `&` (the call borrows it
/// anyway, and `&x.iter()` would borrow the iterator, not `x`).
fn receiver(value: &TokenStream) -> TokenStream {
    match syn::parse2::<syn::Expr>(value.clone()) {
        Ok(syn::Expr::Reference(r)) => {
            let inner = r.expr;
            quote!(#inner)
        }
        _ => value.clone(),
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
    bound_at(at, nested, build).0
}

/// As [`at`], and whether the statements bind `path`.
fn bound_at(
    at: &TokenStream,
    nested: bool,
    build: impl Fn(&TokenStream) -> Vec<TokenStream>,
) -> (Vec<TokenStream>, bool) {
    let shared = build(&quote!(path));
    if shared.len() > 1 || (nested && !shared.is_empty()) {
        let stmts = std::iter::once(quote!(let path = &#at;))
            .chain(shared)
            .collect();
        (stmts, true)
    } else {
        (build(&quote!(&#at)), false)
    }
}

/// The path of a structure member or union variant `name` (its Smithy member name from
/// `id`), marked sensitive when its values are.
fn member_path(name: &Ident, id: &ShapeId, sensitive: bool) -> TokenStream {
    let label = name.to_string();
    let member = id.member().unwrap_or(&label).to_owned();
    if sensitive {
        quote!(path.sensitive_field(#label, #member))
    } else {
        quote!(path.field(#label, #member))
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

/// The translated pattern of a generated check, for its engine.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Engine {
    /// `rt::Pattern::linear`.
    Linear(String),
    /// `rt::Pattern::backtracking`.
    Backtracking(String),
    /// `rt::Pattern::counted`: `^C*$` and the bounds on the length in characters.
    Counted(String, u32, u32),
}

/// The pattern of `ty` as modeled, and how the server checks it, if it does (a pattern
/// no policy step reads is documented, not checked).
fn enforced(ty: &Ty) -> Option<(String, Engine)> {
    let c = &ty.constraints;
    match (&c.pattern, &c.pattern_check) {
        (Some(modeled), Some(Decision::Enforced { source, engine, .. })) => {
            let engine = match engine {
                pattern::Engine::Linear => Engine::Linear(source.clone()),
                pattern::Engine::Backtracking => Engine::Backtracking(source.clone()),
                pattern::Engine::Counted { min, max } => {
                    Engine::Counted(source.clone(), *min, *max)
                }
            };
            Some((modeled.clone(), engine))
        }
        _ => None,
    }
}

/// Whether `ty` has constraints that apply to its kind.
fn has_constraints(ty: &Ty) -> bool {
    let c = &ty.constraints;
    (c.length.is_some() && lengthy(&ty.kind))
        || (enforced(ty).is_some() && ty.kind == TyKind::String)
        || (c.range.is_some() && numeric(&ty.kind))
        || (c.unique_items && matches!(ty.kind, TyKind::List { .. }))
}

/// Whether values of `ty` are `Hash + Eq` in Rust, so `@uniqueItems` is checked in linear
/// time (floats, doubles and documents cannot be in such lists; structures and unions do
/// not implement `Hash`).
fn hashable(ty: &Ty) -> bool {
    match &ty.kind {
        TyKind::Bool
        | TyKind::Byte
        | TyKind::Short
        | TyKind::Integer
        | TyKind::Long
        | TyKind::String
        | TyKind::BigInteger
        | TyKind::BigDecimal
        | TyKind::Blob
        | TyKind::Timestamp(_) => true,
        TyKind::Named { kind, .. } => matches!(kind, NamedKind::Enum | NamedKind::IntEnum),
        TyKind::List { item, .. } => hashable(item),
        TyKind::Map { value, .. } => hashable(value),
        TyKind::Float | TyKind::Double | TyKind::Document => false,
    }
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
        secret: Secret
        unique: Unique
        choice: Choice
        level: Level
    }
}
@length(max: 4)
@pattern("^[a-z]+$")
string Name
@pattern("^[a-z]+$")
string Other
@sparse
list Names { member: Other }
enum Tier {
    A
    @internal
    B
    C = "c"
}
map Tiers { key: Tier, value: Name }
@sensitive
@range(min: 1)
integer Secret
@uniqueItems
list Unique { member: Name }
union Choice { name: Name, unit: Unit }
intEnum Level {
    LOW = 1
    HIGH = 2
}
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
        assert!(text.contains(r#"check_name(v, &path.field("a", "a"), out);"#));
        assert!(text.contains(r#"check_name(v, &path.field("b", "b"), out);"#));
        // A member that overrides `@length` is checked where it is used.
        assert!(text.contains("rt::check_length(v, Some(2), None, path, out);"));
        // A sparse list skips nulls; enum keys are checked as values of their type.
        assert!(text.contains("if let Some(v) = v {"));
        assert!(text.contains("&super::Tier::from(k.as_str())"));
        // Two shapes with one pattern share its static.
        assert_eq!(text.matches("rt::Pattern::linear(").count(), 1);
        assert_eq!(text.matches("PATTERN_0.check(").count(), 3);
        // Map keys are checked at the key, which the protocol points at the map; values at
        // their key.
        assert!(text.contains("&path.map_key(k)"), "{text}");
        assert!(text.contains("&path.key(k)"), "{text}");
        // Sensitive members are marked; lists of hashable items are checked in linear time.
        assert!(text.contains(r#"&path.sensitive_field("secret", "secret")"#));
        assert!(
            text.contains("rt::check_unique_hashed(v, path, out);"),
            "{text}"
        );
        // Unions record unknown members; enums list their values but internal ones.
        assert!(text.contains("out.unknown_union_member(path, u.name());"));
        assert!(
            text.contains(r#"rt::validate_enum!(super::Tier = "Tier", ["A", "c"]);"#),
            "{text}"
        );
        assert!(text.contains(r#"rt::validate_enum!(super::Level = "Level", ["1", "2"]);"#));
    }
}

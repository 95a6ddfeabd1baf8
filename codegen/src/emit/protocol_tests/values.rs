//! Rust expressions that build the value a protocol test's `params` node describes.
//!
//! `params` is a Smithy *node* value (spec http-protocol-compliance-tests.rst): members
//! by member name (never `@jsonName`), scalars in the node forms below rather than the
//! restJson1 wire forms. [`value`] and [`structure`] read it against the IR type and
//! return one Rust expression of that type; [`Paths`] says how the expression reaches
//! the service's items (`super::Name` in a generated file) and the runtime (`rt::`).
//! Documents are built with `serde_json`, a dependency of every generated crate.
//!
//! | Smithy type | node | Rust expression |
//! | --- | --- | --- |
//! | `boolean` | `true` | `true` |
//! | `byte`…`long` | integer in range | `5i8`, `-3i16`, `7i32`, `9i64` |
//! | `float`, `double` | number, `"NaN"`, `"Infinity"`, `"-Infinity"` | `1.5f32`, `f64::NAN`, `f32::INFINITY`, `f64::NEG_INFINITY` |
//! | `string` | string | `String::from("…")` |
//! | `bigInteger`, `bigDecimal` | number or decimal string | `rt::BigInteger(String::from("123"))` |
//! | `blob` | string (its UTF-8 bytes, not base64) | `rt::Blob(b"…".to_vec())` |
//! | `timestamp` | epoch seconds (integer or fraction), or RFC 3339 string | `rt::DateTime::from_parts(secs, nanos)` |
//! | `document` | any JSON | `serde_json::Value::…` built piece by piece |
//! | `enum` / `intEnum` | string / integer (listed or not) | `E::from("V")` / `E::from(3i32)` |
//! | `list` | array (`null` items only when `@sparse`) | `vec![…]`, `Vec::new()` (`Some(…)`/`None` items when sparse) |
//! | `map` | object (`null` values only when `@sparse`) | `std::collections::BTreeMap::from([(String::from("k"), …)])` |
//! | `union` | object with exactly one member; `{}` for a unit member | `U::Variant(…)`, `U::Unit` |
//! | `structure` | object | see below |
//!
//! Fractional epoch seconds are converted from their decimal text, so `1.1` is 1 s and
//! 100 000 000 ns exactly (a fraction finer than a nanosecond is an error); a `float`
//! is the `f32` nearest the node's `f64`. Recursive members are wrapped in `Box::new`.
//!
//! A structure is one struct expression. Its base is `S::new(required…)` (arguments in
//! field order) when it has required members, else `S::default()` (every structure
//! without required members implements `Default`). Members the node gives are set on
//! the base with the struct update syntax, `S { a: Some(…), d: 7i32, ..S::new(…) }`:
//! `Some(…)` for optional members and idempotency tokens, the plain value for defaulted
//! ones. When the node gives every field, it is a plain struct literal, since clippy
//! rejects a base that provides nothing (`needless_update`); and never
//! `let mut v = S::default(); v.a = …`, which clippy rejects too
//! (`field_reassign_with_default`). A member that is absent or `null` in the node stays
//! `None` (optional) or keeps its model default (defaulted). An absent required member
//! is an error, except in a structure with error correction (reachable only from
//! outputs and errors), where it gets the zero value the deserializer would give it:
//! `Default::default()`, or `E::from("")`/`E::from(0i32)` for enums.
//!
//! A node that does not fit its type is an `Err` naming the JSON path (`$.a.b[2]`)
//! and what was expected; so is one nested deeper than 100 levels. Nothing panics.
//! Members marked `@deprecated` are set like any other: the calling file should
//! `allow(deprecated)`, as generated files do.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::{Map, Number, Value};

use crate::ir::{
    Field, Home, NamedKind, Presence, Service, StructDef, Symbol, Ty, TyKind, TypeKind, UnionDef,
};

/// How deep a node may nest before it is refused (rather than risking the stack).
const MAX_DEPTH: usize = 100;

/// Where an expression finds the service's items and the runtime.
#[derive(Debug, Clone)]
pub(crate) struct Paths {
    /// The service module, e.g. `super` in a file of it, `my_crate::chime` elsewhere.
    pub(crate) service: TokenStream,
    /// The runtime module, e.g. `rt` in a generated file, `my_crate::runtime` elsewhere.
    pub(crate) rt: TokenStream,
}

impl Paths {
    /// The paths of a generated file of the service module: `super::Name`, `rt::…`.
    #[cfg(test)]
    pub(crate) fn in_service() -> Self {
        Paths {
            service: quote!(super),
            rt: quote!(rt),
        }
    }

    /// Paths from outside the generated crate named `krate` (its Cargo package name):
    /// `<krate>::<module>::Name`, `<krate>::runtime::…` (e.g. in an integration test).
    pub(crate) fn external(krate: &str, service: &Service) -> Self {
        // The crate's identifier as Cargo makes it (`-` → `_`); any other character that
        // cannot be in an identifier too, so that building it cannot panic.
        let mut name: String = krate
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        if !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            name.insert(0, '_');
        }
        let krate = format_ident!("{name}");
        let module = &service.module;
        let runtime = format_ident!("{}", crate::ir::layout::RUNTIME_MODULE);
        Paths {
            service: quote!(#krate::#module),
            rt: quote!(#krate::#runtime),
        }
    }
}

/// An expression of type `ty` (without the `Option` of an optional member) for `node`.
///
/// # Errors
/// The JSON path and the reason when `node` does not fit `ty`.
#[cfg(test)]
pub(crate) fn value(
    service: &Service,
    paths: &Paths,
    ty: &Ty,
    node: &Value,
) -> Result<TokenStream, String> {
    Builder { service, paths }.value(ty, node, &At::root())
}

/// An expression of the structure `symbol` (of `types.rs` or an error of `errors.rs`)
/// for `node`.
///
/// # Errors
/// The JSON path and the reason when `node` does not fit, or `symbol` is not a structure
/// of `service`.
pub(crate) fn structure(
    service: &Service,
    paths: &Paths,
    symbol: &Symbol,
    node: &Value,
) -> Result<TokenStream, String> {
    Builder { service, paths }.structure(symbol, node, &At::root())
}

/// A JSON path for error messages, and the nesting depth.
#[derive(Debug, Clone)]
struct At {
    path: String,
    depth: usize,
}

impl At {
    fn root() -> Self {
        At {
            path: "$".to_owned(),
            depth: 0,
        }
    }

    fn key(&self, key: &str) -> At {
        let plain = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        let path = if plain {
            format!("{}.{key}", self.path)
        } else {
            format!("{}[{key:?}]", self.path)
        };
        At {
            path,
            depth: self.depth + 1,
        }
    }

    fn index(&self, i: usize) -> At {
        At {
            path: format!("{}[{i}]", self.path),
            depth: self.depth + 1,
        }
    }

    fn fail<T>(&self, why: impl std::fmt::Display) -> Result<T, String> {
        Err(format!("{}: {why}", self.path))
    }

    /// Refuses nodes nested beyond [`MAX_DEPTH`].
    fn check_depth(&self) -> Result<(), String> {
        if self.depth > MAX_DEPTH {
            self.fail(format!("nested deeper than {MAX_DEPTH} levels"))
        } else {
            Ok(())
        }
    }
}

/// A short description of a node for error messages (not the whole value).
fn kind_of(node: &Value) -> String {
    match node {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.len() <= 40 => format!("the string {s:?}"),
        Value::String(_) => "a string".to_owned(),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

struct Builder<'a> {
    service: &'a Service,
    paths: &'a Paths,
}

impl Builder<'_> {
    fn value(&self, ty: &Ty, node: &Value, at: &At) -> Result<TokenStream, String> {
        at.check_depth()?;
        if node.is_null() && ty.kind != TyKind::Document {
            return at.fail("null where a value is required");
        }
        let rt = &self.paths.rt;
        match &ty.kind {
            TyKind::Bool => match node {
                Value::Bool(b) => Ok(quote!(#b)),
                other => at.fail(format!("expected a boolean, found {}", kind_of(other))),
            },
            TyKind::Byte | TyKind::Short | TyKind::Integer | TyKind::Long => {
                integer(&ty.kind, node, at)
            }
            TyKind::Float | TyKind::Double => float(ty.kind == TyKind::Float, node, at),
            TyKind::String => match node {
                Value::String(s) => Ok(quote!(String::from(#s))),
                other => at.fail(format!("expected a string, found {}", kind_of(other))),
            },
            TyKind::BigInteger => {
                let text = big_number(node, false, at)?;
                Ok(quote!(#rt::BigInteger(String::from(#text))))
            }
            TyKind::BigDecimal => {
                let text = big_number(node, true, at)?;
                Ok(quote!(#rt::BigDecimal(String::from(#text))))
            }
            TyKind::Blob => match node {
                Value::String(s) => {
                    let bytes = Literal::byte_string(s.as_bytes());
                    Ok(quote!(#rt::Blob(#bytes.to_vec())))
                }
                other => at.fail(format!(
                    "expected a string (a blob's bytes), found {}",
                    kind_of(other)
                )),
            },
            TyKind::Document => document(node, at),
            TyKind::Timestamp(_) => {
                let (secs, nanos) = timestamp(node, at)?;
                Ok(quote!(#rt::DateTime::from_parts(#secs, #nanos)))
            }
            TyKind::Named {
                symbol,
                kind,
                boxed,
            } => {
                let built = self.named(symbol, *kind, node, at)?;
                Ok(if *boxed {
                    quote!(Box::new(#built))
                } else {
                    built
                })
            }
            TyKind::List { item, sparse } => self.list(item, *sparse, node, at),
            TyKind::Map { value, sparse, .. } => self.map(value, *sparse, node, at),
        }
    }

    /// A value that may be `null` in a sparse collection: `Some(…)` or `None`.
    fn maybe(&self, ty: &Ty, sparse: bool, node: &Value, at: &At) -> Result<TokenStream, String> {
        match (sparse, node) {
            (true, Value::Null) => Ok(quote!(None)),
            (true, _) => {
                let v = self.value(ty, node, at)?;
                Ok(quote!(Some(#v)))
            }
            (false, Value::Null) => at.fail("null in a collection that is not @sparse"),
            (false, _) => self.value(ty, node, at),
        }
    }

    fn list(&self, item: &Ty, sparse: bool, node: &Value, at: &At) -> Result<TokenStream, String> {
        let Value::Array(items) = node else {
            return at.fail(format!("expected an array, found {}", kind_of(node)));
        };
        if items.is_empty() {
            return Ok(quote!(Vec::new()));
        }
        let items = items
            .iter()
            .enumerate()
            .map(|(i, v)| self.maybe(item, sparse, v, &at.index(i)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(quote!(vec![#(#items),*]))
    }

    fn map(&self, value: &Ty, sparse: bool, node: &Value, at: &At) -> Result<TokenStream, String> {
        let Value::Object(entries) = node else {
            return at.fail(format!(
                "expected an object (a map), found {}",
                kind_of(node)
            ));
        };
        if entries.is_empty() {
            return Ok(quote!(std::collections::BTreeMap::new()));
        }
        let entries = entries
            .iter()
            .map(|(k, v)| {
                let v = self.maybe(value, sparse, v, &at.key(k))?;
                Ok(quote!((String::from(#k), #v)))
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(quote!(std::collections::BTreeMap::from([#(#entries),*])))
    }

    fn named(
        &self,
        symbol: &Symbol,
        kind: NamedKind,
        node: &Value,
        at: &At,
    ) -> Result<TokenStream, String> {
        let path = self.path(symbol);
        match (kind, node) {
            (NamedKind::Struct, _) => self.structure(symbol, node, at),
            (NamedKind::Union, _) => self.union(symbol, node, at),
            (NamedKind::Enum, Value::String(s)) => Ok(quote!(#path::from(#s))),
            (NamedKind::Enum, other) => at.fail(format!(
                "expected a string (a value of enum `{}`), found {}",
                symbol.name,
                kind_of(other)
            )),
            (NamedKind::IntEnum, _) => {
                let value = integer(&TyKind::Integer, node, at)?;
                Ok(quote!(#path::from(#value)))
            }
        }
    }

    /// `Service::Name` as the expression writes it.
    fn path(&self, symbol: &Symbol) -> TokenStream {
        let service = &self.paths.service;
        let name = &symbol.name;
        quote!(#service::#name)
    }

    /// The members of the structure `symbol`, in `types.rs` or `errors.rs`.
    fn struct_def(&self, symbol: &Symbol) -> Option<&StructDef> {
        let as_type = || match self.service.types.get(&symbol.name).map(|d| &d.kind) {
            Some(TypeKind::Struct(def)) => Some(def),
            _ => None,
        };
        let as_error = || self.service.errors.get(&symbol.name).map(|e| &e.fields);
        match symbol.home {
            Home::Errors => as_error().or_else(as_type),
            _ => as_type().or_else(as_error),
        }
    }

    fn structure(&self, symbol: &Symbol, node: &Value, at: &At) -> Result<TokenStream, String> {
        at.check_depth()?;
        let Some(def) = self.struct_def(symbol) else {
            return at.fail(format!(
                "`{}` is not a structure of service `{}`",
                symbol.name, self.service.id
            ));
        };
        let Value::Object(members) = node else {
            return at.fail(format!(
                "expected an object (structure `{}`), found {}",
                symbol.name,
                kind_of(node)
            ));
        };
        if let Some(unknown) = members
            .keys()
            .find(|k| !def.fields.iter().any(|f| f.id.member() == Some(k.as_str())))
        {
            return at.key(unknown).fail(format!(
                "structure `{}` has no member `{unknown}`",
                symbol.name
            ));
        }
        let given = self.members(def, members, at)?;
        Ok(struct_expr(&self.path(symbol), def, &given))
    }

    /// The expression of every field the node gives, or that must be given (required),
    /// in field order; `None` for fields left to `new`/`Default`.
    fn members(
        &self,
        def: &StructDef,
        members: &Map<String, Value>,
        at: &At,
    ) -> Result<Vec<Option<TokenStream>>, String> {
        def.fields
            .iter()
            .map(|field| {
                let member = field.id.member().unwrap_or_default();
                let at = at.key(member);
                let node = members.get(member).filter(|v| !v.is_null());
                match (node, &field.presence) {
                    (Some(node), p) if p.is_option() => {
                        let v = self.value(&field.ty, node, &at)?;
                        Ok(Some(quote!(Some(#v))))
                    }
                    (Some(node), _) => self.value(&field.ty, node, &at).map(Some),
                    (None, Presence::Required) => self.zero(def, field, &at).map(Some),
                    (None, _) => Ok(None),
                }
            })
            .collect()
    }

    /// The value error correction gives a missing required member, where it applies.
    fn zero(&self, def: &StructDef, field: &Field, at: &At) -> Result<TokenStream, String> {
        let member = field.id.member().unwrap_or_default();
        if !def.error_correction || field.ty.is_aggregate() {
            return at.fail(format!("missing required member `{member}`"));
        }
        Ok(match &field.ty.kind {
            TyKind::Named { symbol, kind, .. } => {
                let path = self.path(symbol);
                if *kind == NamedKind::IntEnum {
                    quote!(#path::from(0i32))
                } else {
                    quote!(#path::from(""))
                }
            }
            _ => quote!(Default::default()),
        })
    }

    fn union(&self, symbol: &Symbol, node: &Value, at: &At) -> Result<TokenStream, String> {
        let def = match self.service.types.get(&symbol.name).map(|d| &d.kind) {
            Some(TypeKind::Union(def)) => def,
            _ => {
                return at.fail(format!(
                    "`{}` is not a union of service `{}`",
                    symbol.name, self.service.id
                ))
            }
        };
        let mut members = node.as_object().into_iter().flatten();
        match (members.next(), members.next()) {
            (Some((key, value)), None) => self.union_member(symbol, def, key, value, &at.key(key)),
            _ => at.fail(format!(
                "expected an object with exactly one member (union `{}`), found {}",
                symbol.name,
                match node {
                    Value::Object(m) => format!("an object with {} members", m.len()),
                    other => kind_of(other),
                }
            )),
        }
    }

    fn union_member(
        &self,
        symbol: &Symbol,
        def: &UnionDef,
        key: &str,
        node: &Value,
        at: &At,
    ) -> Result<TokenStream, String> {
        let Some(variant) = def.variants.iter().find(|v| v.id.member() == Some(key)) else {
            return at.fail(format!("union `{}` has no member `{key}`", symbol.name));
        };
        let path = self.path(symbol);
        let name = &variant.name;
        match (&variant.ty, node) {
            (None, Value::Object(m)) if m.is_empty() => Ok(quote!(#path::#name)),
            (None, other) => at.fail(format!(
                "expected {{}} (a unit member), found {}",
                kind_of(other)
            )),
            (Some(ty), _) => {
                let v = self.value(ty, node, at)?;
                Ok(quote!(#path::#name(#v)))
            }
        }
    }
}

/// The struct expression for fields in field order, `Some` where given or required.
fn struct_expr(path: &TokenStream, def: &StructDef, given: &[Option<TokenStream>]) -> TokenStream {
    let fields = || def.fields.iter().zip(given);
    let assign = |(f, v): (&Field, &Option<TokenStream>)| {
        let name = &f.name;
        v.as_ref().map(|v| quote!(#name: #v))
    };
    if given.iter().all(Option::is_some) && !def.fields.is_empty() {
        let all = fields().filter_map(assign);
        return quote!(#path { #(#all),* });
    }
    let set: Vec<TokenStream> = fields()
        .filter(|(f, _)| f.presence != Presence::Required)
        .filter_map(assign)
        .collect();
    let base = if def.required().next().is_some() {
        let args = fields()
            .filter(|(f, _)| f.presence == Presence::Required)
            .filter_map(|(_, v)| v.clone());
        quote!(#path::new(#(#args),*))
    } else {
        quote!(#path::default())
    };
    if set.is_empty() {
        base
    } else {
        quote!(#path { #(#set,)* ..#base })
    }
}

/// A Rust literal from its text, e.g. `-5i32`; a minus sign is a separate token, so the
/// literal itself never carries one.
fn number_literal(text: &str, at: &At) -> Result<TokenStream, String> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, text),
    };
    match digits.parse::<Literal>() {
        Ok(lit) if negative => Ok(quote!(-#lit)),
        Ok(lit) => Ok(quote!(#lit)),
        Err(e) => at.fail(format!("`{text}` is not a Rust literal: {e}")),
    }
}

/// `byte`, `short`, `integer` (and intEnum values) or `long`: an integer in range.
fn integer(kind: &TyKind, node: &Value, at: &At) -> Result<TokenStream, String> {
    let (name, min, max) = match kind {
        TyKind::Byte => ("i8", i64::from(i8::MIN), i64::from(i8::MAX)),
        TyKind::Short => ("i16", i64::from(i16::MIN), i64::from(i16::MAX)),
        TyKind::Integer => ("i32", i64::from(i32::MIN), i64::from(i32::MAX)),
        _ => ("i64", i64::MIN, i64::MAX),
    };
    match node.as_i64() {
        Some(v) if (min..=max).contains(&v) => number_literal(&format!("{v}{name}"), at),
        Some(v) => at.fail(format!("{v} is out of the range of {name}")),
        None => at.fail(format!(
            "expected an integer ({name}), found {}",
            kind_of(node)
        )),
    }
}

/// `float`/`double`: a number, or one of the strings naming a non-finite value.
fn float(single: bool, node: &Value, at: &At) -> Result<TokenStream, String> {
    let (ty, suffix) = if single {
        (quote!(f32), "f32")
    } else {
        (quote!(f64), "f64")
    };
    match node {
        Value::String(s) => match s.as_str() {
            "NaN" => Ok(quote!(#ty::NAN)),
            "Infinity" => Ok(quote!(#ty::INFINITY)),
            "-Infinity" => Ok(quote!(#ty::NEG_INFINITY)),
            _ => at.fail(format!(
                "expected a number, \"NaN\", \"Infinity\" or \"-Infinity\", found {}",
                kind_of(node)
            )),
        },
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(f64::NAN);
            // `{:?}` prints the shortest text that reads back as the same value, in
            // exponent form when long, which Rust accepts as a literal.
            let text = if single {
                let y = x as f32;
                y.is_finite().then(|| format!("{y:?}"))
            } else {
                x.is_finite().then(|| format!("{x:?}"))
            };
            match text {
                Some(text) => number_literal(&format!("{text}{suffix}"), at),
                None => at.fail(format!("{n} is out of the range of {ty}")),
            }
        }
        other => at.fail(format!("expected a number, found {}", kind_of(other))),
    }
}

/// The decimal text of a `bigInteger` (`decimal` false) or `bigDecimal`.
fn big_number(node: &Value, decimal: bool, at: &At) -> Result<String, String> {
    let what = if decimal { "bigDecimal" } else { "bigInteger" };
    match node {
        // The loader keeps a number exactly (`arbitrary_precision`), beyond f64 in exponent
        // form (`1.00000000000000000000001e-1`): written out plainly, as cases write it.
        Value::Number(n) => {
            let text = plain_decimal(&n.to_string());
            if is_decimal_text(&text, decimal) {
                Ok(text)
            } else {
                at.fail(format!("{n} is not a whole number ({what})"))
            }
        }
        Value::String(s) if is_decimal_text(s, decimal) => Ok(s.clone()),
        other => at.fail(format!(
            "expected a number or its decimal text ({what}), found {}",
            kind_of(other)
        )),
    }
}

/// `text` (`-?d.ddd[eE][+-]?n`) without its exponent, for exponents within ±64; other
/// text as it is.
fn plain_decimal(text: &str) -> String {
    let Some((mantissa, exponent)) = text.split_once(['e', 'E']) else {
        return text.to_owned();
    };
    let Some(exponent) = exponent.parse::<i64>().ok().filter(|e| e.abs() <= 64) else {
        return text.to_owned();
    };
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    // The decimal point sits after `point` digits (may be outside `digits`).
    let point = i64::try_from(int.len()).unwrap_or(0) + exponent;
    let (int, frac) = if point <= 0 {
        let zeros = "0".repeat(usize::try_from(-point).unwrap_or(0));
        ("0".to_owned(), format!("{zeros}{digits}"))
    } else {
        let point = usize::try_from(point).unwrap_or(0);
        if point >= digits.len() {
            (
                format!("{digits}{}", "0".repeat(point - digits.len())),
                String::new(),
            )
        } else {
            (digits[..point].to_owned(), digits[point..].to_owned())
        }
    };
    let int = match int.trim_start_matches('0') {
        "" => "0",
        trimmed => trimmed,
    };
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

/// `-?digits`, and with `fraction` also `(.digits)?([eE][+-]?digits)?`.
fn is_decimal_text(text: &str, fraction: bool) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    if !fraction {
        return digits(unsigned);
    }
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (unsigned, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    digits(int) && digits(frac) && exponent.is_none_or(digits)
}

/// A `timestamp`: epoch seconds as a number (exactly, to the nanosecond), or an
/// RFC 3339 string, as seconds and nanoseconds.
fn timestamp(node: &Value, at: &At) -> Result<(TokenStream, TokenStream), String> {
    let (secs, nanos) = match node {
        Value::Number(n) => epoch_parts(n).or_else(|why| at.fail(format!("{n}: {why}")))?,
        Value::String(s) => {
            let format = time::format_description::well_known::Rfc3339;
            match time::OffsetDateTime::parse(s, &format) {
                Ok(t) => (t.unix_timestamp(), t.nanosecond()),
                Err(e) => return at.fail(format!("{s:?} is not an RFC 3339 date-time: {e}")),
            }
        }
        other => {
            return at.fail(format!(
                "expected epoch seconds or an RFC 3339 string, found {}",
                kind_of(other)
            ))
        }
    };
    let nanos = Literal::u32_unsuffixed(nanos);
    Ok((number_literal(&secs.to_string(), at)?, quote!(#nanos)))
}

/// Seconds (floored) and nanoseconds of an epoch-seconds number, computed from its
/// decimal text so that `1.1` is 100 000 000 ns and not what the f64 holds.
fn epoch_parts(n: &Number) -> Result<(i64, u32), String> {
    if let Some(secs) = n.as_i64() {
        return Ok((secs, 0));
    }
    let nanos = decimal_nanos(&n.to_string())?;
    let secs = i64::try_from(nanos.div_euclid(1_000_000_000))
        .map_err(|_| "out of the range of epoch seconds".to_owned())?;
    let rest = u32::try_from(nanos.rem_euclid(1_000_000_000)).unwrap_or_default();
    Ok((secs, rest))
}

/// Decimal text (`-1.25`, `1e9`, `1.5E-3`) times 10^9, exactly.
fn decimal_nanos(text: &str) -> Result<i128, String> {
    let bad = || format!("`{text}` is not a decimal number");
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i64>().map_err(|_| bad())?),
        None => (unsigned, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = format!("{int}{frac}");
    if all.is_empty() || !all.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    // value = digits × 10^scale; trailing zeros absorb a negative scale.
    let mut digits = all.trim_start_matches('0');
    let frac_len = i64::try_from(frac.len()).map_err(|_| bad())?;
    let mut scale = exponent.saturating_sub(frac_len).saturating_add(9);
    while scale < 0 && digits.ends_with('0') {
        digits = &digits[..digits.len() - 1];
        scale += 1;
    }
    if digits.is_empty() {
        return Ok(0);
    }
    if scale < 0 {
        return Err("finer than a nanosecond".to_owned());
    }
    let out_of_range = || "out of the range of epoch seconds".to_owned();
    let magnitude = u32::try_from(scale)
        .ok()
        .filter(|_| digits.len() <= 30)
        .and_then(|scale| 10i128.checked_pow(scale))
        .and_then(|power| digits.parse::<i128>().ok()?.checked_mul(power))
        .ok_or_else(out_of_range)?;
    Ok(if negative { -magnitude } else { magnitude })
}

/// A `document`: the JSON value built with `serde_json::Value`'s constructors.
fn document(node: &Value, at: &At) -> Result<TokenStream, String> {
    at.check_depth()?;
    Ok(match node {
        Value::Null => quote!(serde_json::Value::Null),
        Value::Bool(b) => quote!(serde_json::Value::Bool(#b)),
        Value::Number(n) => {
            let lit = if let Some(u) = n.as_u64() {
                number_literal(&format!("{u}u64"), at)?
            } else if let Some(i) = n.as_i64() {
                number_literal(&format!("{i}i64"), at)?
            } else {
                let x = n.as_f64().unwrap_or_default();
                number_literal(&format!("{x:?}f64"), at)?
            };
            quote!(serde_json::Value::from(#lit))
        }
        Value::String(s) => quote!(serde_json::Value::String(String::from(#s))),
        Value::Array(items) => {
            let items = items
                .iter()
                .enumerate()
                .map(|(i, v)| document(v, &at.index(i)))
                .collect::<Result<Vec<_>, _>>()?;
            quote!(serde_json::Value::Array(vec![#(#items),*]))
        }
        Value::Object(members) if members.is_empty() => {
            quote!(serde_json::Value::Object(serde_json::Map::new()))
        }
        Value::Object(members) => {
            let members = members
                .iter()
                .map(|(k, v)| {
                    let v = document(v, &at.key(k))?;
                    Ok(quote!((String::from(#k), #v)))
                })
                .collect::<Result<Vec<_>, String>>()?;
            quote!(serde_json::Value::Object(serde_json::Map::from_iter([#(#members),*])))
        }
    })
}

#[cfg(test)]
mod plain_tests {
    use super::plain_decimal;

    #[test]
    fn exponent_forms_are_written_out() {
        assert_eq!(
            plain_decimal("1.00000000000000000000001e-1"),
            "0.100000000000000000000001"
        );
        assert_eq!(plain_decimal("-1.5e3"), "-1500");
        assert_eq!(plain_decimal("1.2345e2"), "123.45");
        assert_eq!(plain_decimal("12"), "12");
        assert_eq!(plain_decimal("1e400"), "1e400");
    }
}

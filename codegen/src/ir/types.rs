//! Type references: a member target resolved, once, to what Rust type it is, and the
//! one printer of Rust types and serde codecs.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use super::layout::Home;
use crate::model::ShapeId;
use crate::naming::Ident;

/// A resolved type reference with the constraints that apply at this use.
#[derive(Debug, Clone, PartialEq)]
pub struct Ty {
    /// The target shape.
    pub shape: ShapeId,
    pub kind: TyKind,
    /// Constraint traits of the target, overridden by those of the member.
    pub constraints: Constraints,
    /// `@timestampFormat` written on the member or its target, if any (a label, query or
    /// header uses its location's default otherwise).
    pub timestamp_format: Option<TimestampFormat>,
    /// Whether the member's own constraint traits make [`Ty::constraints`] differ from the
    /// target shape's: when `false` they are the shape's own, so checks written once for
    /// the shape hold at this use.
    pub member_constrained: bool,
}

/// What Rust type a [`Ty`] is.
#[derive(Debug, Clone, PartialEq)]
pub enum TyKind {
    Bool,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    String,
    BigInteger,
    BigDecimal,
    Blob,
    Document,
    Timestamp(TimestampFormat),
    /// A generated structure, union or enum.
    Named {
        symbol: Symbol,
        kind: NamedKind,
        /// Boxed to break a recursive cycle.
        boxed: bool,
    },
    List {
        item: Box<Ty>,
        sparse: bool,
    },
    Map {
        key: Box<Ty>,
        value: Box<Ty>,
        sparse: bool,
    },
}

/// A generated item of a service: its Rust name and the file it lives in. Resolved once
/// by the lowering from its table of names; printed only by [`Symbol::tokens`].
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Symbol {
    pub name: Ident,
    pub home: Home,
}

impl std::fmt::Debug for Symbol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}::{}", self.home.module(), self.name)
    }
}

impl Symbol {
    /// The path from any file of the service: `super::Name` (the service module
    /// re-exports every public item of its files).
    pub fn tokens(&self) -> TokenStream {
        let name = &self.name;
        quote!(super::#name)
    }
}

impl ToTokens for Symbol {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.extend(Symbol::tokens(self));
    }
}

/// What kind of generated type a [`TyKind::Named`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    Struct,
    Union,
    Enum,
    IntEnum,
}

pub use crate::model::traits::TimestampFormat;

/// Constraint traits at one use of a type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// `@length(min, max)`.
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// `@pattern`, as modeled.
    pub pattern: Option<String>,
    /// How the server checks `pattern` ([`crate::pattern::decide`]).
    pub pattern_check: Option<crate::pattern::Decision>,
    /// `@range(min, max)`.
    pub range: Option<(Option<f64>, Option<f64>)>,
    /// `@uniqueItems` (on the target list).
    pub unique_items: bool,
    /// The enum value set of a target enum or intEnum, as a violation message lists it:
    /// the values in model order, without those of `@internal` members (or `@enum`
    /// definitions tagged `internal`).
    pub enum_values: Option<Vec<String>>,
}

impl Constraints {
    /// Whether there is nothing to check.
    pub fn is_empty(&self) -> bool {
        self.length.is_none()
            && self.pattern.is_none()
            && self.range.is_none()
            && !self.unique_items
            && self.enum_values.is_none()
    }
}

/// A serde codec of the runtime: how a field whose type's own serde form is not the
/// restJson1 form is written and read (`rt::Via::<codec>` in `#[serde(with)]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Codec {
    /// The type's own `Serialize`/`Deserialize`.
    Same,
    /// Floats with `"NaN"`/`"Infinity"`/`"-Infinity"` strings.
    Float,
    /// RFC 3339 timestamps.
    Rfc3339,
    /// IMF-fixdate timestamps.
    HttpDate,
    /// `Option` of an inner codec.
    OptionOf(Box<Codec>),
    /// Lists: nulls dropped when reading.
    Dense(Box<Codec>),
    /// `@sparse` lists: nulls kept.
    Sparse(Box<Codec>),
    /// Maps: null entries dropped when reading.
    DenseMap(Box<Codec>),
    /// `@sparse` maps: null entries kept.
    SparseMap(Box<Codec>),
}

impl ToTokens for Codec {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let wrap = |name: &str, inner: &Codec| {
            let name = proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
            quote!(rt::#name<#inner>)
        };
        tokens.extend(match self {
            Codec::Same => quote!(rt::Same),
            Codec::Float => quote!(rt::Float),
            Codec::Rfc3339 => quote!(rt::Rfc3339),
            Codec::HttpDate => quote!(rt::HttpDate),
            Codec::OptionOf(c) => wrap("OptionOf", c),
            Codec::Dense(c) => wrap("Dense", c),
            Codec::Sparse(c) => wrap("Sparse", c),
            Codec::DenseMap(c) => wrap("DenseMap", c),
            Codec::SparseMap(c) => wrap("SparseMap", c),
        });
    }
}

impl Ty {
    /// The Rust type, e.g. `Vec<super::Item>` (without the `Option` of an optional
    /// member), as written in any file of the service.
    pub fn tokens(&self) -> TokenStream {
        match &self.kind {
            TyKind::Bool => quote!(bool),
            TyKind::Byte => quote!(i8),
            TyKind::Short => quote!(i16),
            TyKind::Integer => quote!(i32),
            TyKind::Long => quote!(i64),
            TyKind::Float => quote!(f32),
            TyKind::Double => quote!(f64),
            TyKind::String => quote!(String),
            TyKind::BigInteger => quote!(rt::BigInteger),
            TyKind::BigDecimal => quote!(rt::BigDecimal),
            TyKind::Blob => quote!(rt::Blob),
            TyKind::Document => quote!(serde_json::Value),
            TyKind::Timestamp(_) => quote!(rt::DateTime),
            TyKind::Named { symbol, boxed, .. } => {
                if *boxed {
                    quote!(Box<#symbol>)
                } else {
                    symbol.tokens()
                }
            }
            TyKind::List { item, sparse } => {
                let item = item.tokens();
                if *sparse {
                    quote!(Vec<Option<#item>>)
                } else {
                    quote!(Vec<#item>)
                }
            }
            TyKind::Map { value, sparse, .. } => {
                let value = value.tokens();
                if *sparse {
                    quote!(std::collections::BTreeMap<String, Option<#value>>)
                } else {
                    quote!(std::collections::BTreeMap<String, #value>)
                }
            }
        }
    }

    /// The serde codec when the type's own serde form is not the restJson1 form:
    /// floats, formatted timestamps, and collections (which drop or keep nulls). `None`
    /// means [`Codec::Same`].
    pub fn codec(&self) -> Option<Codec> {
        match &self.kind {
            TyKind::Float | TyKind::Double => Some(Codec::Float),
            TyKind::Timestamp(TimestampFormat::DateTime) => Some(Codec::Rfc3339),
            TyKind::Timestamp(TimestampFormat::HttpDate) => Some(Codec::HttpDate),
            TyKind::List { item, sparse } => {
                let inner = Box::new(item.codec_or_same());
                Some(if *sparse {
                    Codec::Sparse(inner)
                } else {
                    Codec::Dense(inner)
                })
            }
            TyKind::Map { value, sparse, .. } => {
                let inner = Box::new(value.codec_or_same());
                Some(if *sparse {
                    Codec::SparseMap(inner)
                } else {
                    Codec::DenseMap(inner)
                })
            }
            _ => None,
        }
    }

    /// [`Ty::codec`], or [`Codec::Same`].
    pub fn codec_or_same(&self) -> Codec {
        self.codec().unwrap_or(Codec::Same)
    }

    /// Whether this is a generated structure or union (which have no zero value).
    pub fn is_aggregate(&self) -> bool {
        matches!(
            &self.kind,
            TyKind::Named {
                kind: NamedKind::Struct | NamedKind::Union,
                ..
            }
        )
    }
}

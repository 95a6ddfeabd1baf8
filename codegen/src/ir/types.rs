//! Type references: a member target resolved, once, to what Rust type it is.

use quote::quote;

use proc_macro2::TokenStream;

use crate::model::ShapeId;

/// A resolved type reference with the constraints that apply at this use.
#[derive(Debug, Clone, PartialEq)]
pub struct Ty {
    /// The target shape.
    pub shape: ShapeId,
    pub kind: TyKind,
    /// Constraint traits of the target, overridden by those of the member.
    pub constraints: Constraints,
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
        /// Absolute path, e.g. `crate::chime::types::Room`.
        path: String,
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

/// What kind of generated type a [`TyKind::Named`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    Struct,
    Union,
    Enum,
    IntEnum,
}

/// `@timestampFormat`, from the member or else the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    EpochSeconds,
    DateTime,
    HttpDate,
}

/// Constraint traits at one use of a type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// `@length(min, max)`.
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// `@pattern`.
    pub pattern: Option<String>,
    /// `@range(min, max)`.
    pub range: Option<(Option<f64>, Option<f64>)>,
}

impl Constraints {
    /// Whether there is nothing to check.
    pub fn is_empty(&self) -> bool {
        self.length.is_none() && self.pattern.is_none() && self.range.is_none()
    }
}

fn path_tokens(path: &str) -> TokenStream {
    // Paths are built by the lowering from `Ident`s and fixed segments, so they parse.
    path.parse().unwrap_or_default()
}

impl Ty {
    /// The Rust type, e.g. `Vec<crate::ivschat::types::Item>` (without the `Option` of an
    /// optional member).
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
            TyKind::BigInteger => quote!(crate::runtime::BigInteger),
            TyKind::BigDecimal => quote!(crate::runtime::BigDecimal),
            TyKind::Blob => quote!(crate::runtime::Blob),
            TyKind::Document => quote!(serde_json::Value),
            TyKind::Timestamp(_) => quote!(crate::runtime::DateTime),
            TyKind::Named { path, boxed, .. } => {
                let path = path_tokens(path);
                if *boxed {
                    quote!(Box<#path>)
                } else {
                    path
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

    /// The serde codec (a `crate::runtime::Codec`, as a path string relative to the `rt`
    /// alias of `crate::runtime` that generated files import)
    /// when the type's own serde form is not the restJson1 form: floats, formatted
    /// timestamps, and collections (which drop or keep nulls). `None` means "the type's own
    /// `Serialize`/`Deserialize`".
    pub fn codec(&self) -> Option<String> {
        match &self.kind {
            TyKind::Float | TyKind::Double => Some("rt::Float".to_owned()),
            TyKind::Timestamp(TimestampFormat::DateTime) => Some("rt::Rfc3339".to_owned()),
            TyKind::Timestamp(TimestampFormat::HttpDate) => Some("rt::HttpDate".to_owned()),
            TyKind::List { item, sparse } => {
                let wrapper = if *sparse { "Sparse" } else { "Dense" };
                Some(format!("rt::{wrapper}<{}>", item.codec_or_same()))
            }
            TyKind::Map { value, sparse, .. } => {
                let wrapper = if *sparse { "SparseMap" } else { "DenseMap" };
                Some(format!("rt::{wrapper}<{}>", value.codec_or_same()))
            }
            _ => None,
        }
    }

    /// [`Ty::codec`], or `rt::Same`.
    pub fn codec_or_same(&self) -> String {
        self.codec().unwrap_or_else(|| "rt::Same".to_owned())
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

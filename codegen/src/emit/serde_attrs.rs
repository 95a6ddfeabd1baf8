//! `#[serde(...)]` attributes of structure fields, and default values.

use proc_macro2::{Literal as Literal2, TokenStream};
use quote::quote;

use crate::ir::{Codec, Field, HttpBinding, Literal, NamedKind, Presence, StructDef, Ty, TyKind};
use crate::naming::{self, Ident};

/// The Rust type of a field, with the `Option` of optional members.
pub(crate) fn field_type(field: &Field) -> TokenStream {
    let ty = field.ty.tokens();
    if field.presence.is_option() {
        quote!(Option<#ty>)
    } else {
        ty
    }
}

/// A serde `rename_all` rule for a structure: the one that turns the most field names
/// into their wire names, so only the exceptions need a `rename` of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RenameRule {
    None,
    PascalCase,
    CamelCase,
}

impl RenameRule {
    /// The rule that fits most fields of `def` (ties: no rule, then PascalCase).
    pub(crate) fn for_struct(def: &StructDef) -> Self {
        let fits = |rule: RenameRule| {
            def.fields
                .iter()
                .filter(|f| rule.apply(f.name.as_str()) == f.json_name)
                .count()
        };
        [
            RenameRule::None,
            RenameRule::PascalCase,
            RenameRule::CamelCase,
        ]
        .into_iter()
        .rev()
        .max_by_key(|rule| fits(*rule))
        .unwrap_or(RenameRule::None)
    }

    /// The field name serde derives under this rule (serde's own algorithm: `_` starts
    /// a capitalised word and is dropped).
    fn apply(self, field: &str) -> String {
        if self == RenameRule::None {
            return field.to_owned();
        }
        let mut pascal = String::with_capacity(field.len());
        let mut capitalize = true;
        for c in field.chars() {
            if c == '_' {
                capitalize = true;
            } else if capitalize {
                pascal.push(c.to_ascii_uppercase());
                capitalize = false;
            } else {
                pascal.push(c);
            }
        }
        match (self, pascal.chars().next()) {
            (RenameRule::CamelCase, Some(first)) => {
                first.to_ascii_lowercase().to_string() + &pascal[first.len_utf8()..]
            }
            _ => pascal,
        }
    }

    /// The container attribute, if any.
    pub(crate) fn attr(self) -> TokenStream {
        match self {
            RenameRule::None => quote!(),
            RenameRule::PascalCase => quote!(#[serde(rename_all = "PascalCase")]),
            RenameRule::CamelCase => quote!(#[serde(rename_all = "camelCase")]),
        }
    }
}

/// The serde attribute of one field of structure `owner`, whose fields are renamed by
/// `rule`.
pub(crate) fn field_attr(
    owner: &Ident,
    def: &StructDef,
    rule: RenameRule,
    field: &Field,
) -> TokenStream {
    if let Some(binding) = &field.http {
        let request_only = matches!(
            binding,
            HttpBinding::Label | HttpBinding::Query(_) | HttpBinding::QueryParams
        );
        // Label and query bindings mean nothing outside an input: such a member is a
        // body member there.
        if *binding != HttpBinding::Payload && (def.operation_input || !request_only) {
            return bound_attr(owner, field);
        }
    }
    let mut parts: Vec<TokenStream> = Vec::new();
    if rule.apply(field.name.as_str()) != field.json_name {
        let name = &field.json_name;
        parts.push(quote!(rename = #name));
    }
    let codec = field.ty.codec();
    match &field.presence {
        Presence::IdempotencyToken => {
            parts.push(quote!(default));
            parts.push(quote!(serialize_with = "rt::idempotency_token"));
        }
        // A top-level input default: `None` is not sent; a server fills it after reading
        // (the protocol's `Input::read`), so the serde form keeps what was sent.
        Presence::Optional | Presence::InputDefault(_) => {
            parts.push(quote!(default));
            parts.push(quote!(skip_serializing_if = "Option::is_none"));
            if let Some(codec) = codec {
                parts.push(with(&Codec::OptionOf(Box::new(codec))));
            }
        }
        Presence::Required => {
            if def.error_correction && !field.ty.is_aggregate() {
                parts.push(match &field.ty.kind {
                    TyKind::Named {
                        kind: NamedKind::Enum,
                        ..
                    } => quote!(default = "rt::zero_enum"),
                    TyKind::Named {
                        kind: NamedKind::IntEnum,
                        ..
                    } => {
                        quote!(default = "rt::zero_int_enum")
                    }
                    _ => quote!(default),
                });
            }
            if let Some(codec) = codec {
                parts.push(with(&codec));
            }
        }
        Presence::Default(value) => {
            if value.is_zero {
                parts.push(quote!(default));
            } else {
                let f = naming::default_fn_name(owner, &field.name).to_string();
                parts.push(quote!(default = #f));
            }
            if let Some(codec) = codec {
                parts.push(with(&codec));
            }
        }
    }
    if parts.is_empty() {
        quote!()
    } else {
        quote!(#[serde(#(#parts),*)])
    }
}

/// A member bound to a label, query string, header or the status code is not part of
/// the body, so not of the serde form; a required one reads as its zero value.
fn bound_attr(owner: &Ident, field: &Field) -> TokenStream {
    if let Presence::Default(value) = &field.presence {
        if !value.is_zero {
            let f = naming::default_fn_name(owner, &field.name).to_string();
            return quote!(#[serde(skip, default = #f)]);
        }
    }
    let zero = match (&field.presence, &field.ty.kind) {
        (
            Presence::Required,
            TyKind::Named {
                kind: NamedKind::Enum,
                ..
            },
        ) => quote!(, default = "rt::zero_enum"),
        (
            Presence::Required,
            TyKind::Named {
                kind: NamedKind::IntEnum,
                ..
            },
        ) => quote!(, default = "rt::zero_int_enum"),
        _ => quote!(),
    };
    quote!(#[serde(skip #zero)])
}

/// `with = "rt::Via::<codec>"`.
fn with(codec: &Codec) -> TokenStream {
    let with = quote!(rt::Via::<#codec>).to_string().replace(' ', "");
    quote!(with = #with)
}

/// The value a field starts with in `new`/`Default`: `None`, the model default, or (for
/// required members) the constructor argument of the same name.
pub(crate) fn initial_value(owner: &Ident, field: &Field) -> TokenStream {
    let name = &field.name;
    match &field.presence {
        Presence::Required => quote!(#name),
        Presence::Optional | Presence::IdempotencyToken | Presence::InputDefault(_) => quote!(None),
        Presence::Default(v) if v.is_zero => quote!(Default::default()),
        Presence::Default(_) => {
            let f = naming::default_fn_name(owner, &field.name);
            quote!(#f())
        }
    }
}

/// `fn default_<type>_<field>() -> T` for every non-zero `@default` of a structure.
pub(crate) fn default_fns(owner: &Ident, def: &StructDef) -> TokenStream {
    let fns = def.fields.iter().filter_map(|field| {
        let Presence::Default(value) = &field.presence else {
            return None;
        };
        if value.is_zero {
            return None;
        }
        let f = naming::default_fn_name(owner, &field.name);
        let ty = field.ty.tokens();
        let expr = default_expr(&field.ty, &value.value);
        Some(quote! {
            fn #f() -> #ty {
                #expr
            }
        })
    });
    quote!(#(#fns)*)
}

/// A Rust expression for a checked `@default` value of type `ty`.
pub(crate) fn default_expr(ty: &Ty, value: &Literal) -> TokenStream {
    match (value, &ty.kind) {
        (Literal::Bool(b), _) => quote!(#b),
        // Integers were range-checked against the member's type by the lowering.
        (Literal::Int(i), TyKind::Byte) => int_literal(Literal2::i8_suffixed, *i),
        (Literal::Int(i), TyKind::Short) => int_literal(Literal2::i16_suffixed, *i),
        (Literal::Int(i), TyKind::Integer) => int_literal(Literal2::i32_suffixed, *i),
        (Literal::Int(i), _) => Literal2::i64_suffixed(*i).into_token_stream(),
        (Literal::Float(f), TyKind::Float) => Literal2::f32_suffixed(*f as f32).into_token_stream(),
        (Literal::Float(f), _) => Literal2::f64_suffixed(*f).into_token_stream(),
        (Literal::BigNumber(text), TyKind::BigInteger) => {
            quote!(rt::BigInteger(#text.to_owned()))
        }
        (Literal::BigNumber(text), _) => quote!(rt::BigDecimal(#text.to_owned())),
        (Literal::String(s), _) => quote!(#s.to_owned()),
        (Literal::Blob(bytes), _) => quote!(rt::Blob(vec![#(#bytes),*])),
        (Literal::Timestamp { seconds, nanos }, _) => {
            quote!(rt::DateTime::from_parts(#seconds, #nanos))
        }
        (Literal::EmptyList | Literal::EmptyMap, _) => quote!(Default::default()),
        (Literal::Document(v), _) => {
            let text = v.to_string();
            quote!(serde_json::from_str(#text).unwrap_or_default())
        }
        (Literal::EnumString(s), _) => {
            let ty = ty.tokens();
            quote!(#ty::from(#s))
        }
        (Literal::EnumInt(i), _) => {
            let ty = ty.tokens();
            quote!(#ty::from(#i))
        }
    }
}

fn int_literal<T: TryFrom<i64>>(make: fn(T) -> Literal2, value: i64) -> TokenStream {
    match T::try_from(value) {
        Ok(v) => make(v).into_token_stream(),
        Err(_) => Literal2::i64_suffixed(value).into_token_stream(),
    }
}

use quote::ToTokens as _;

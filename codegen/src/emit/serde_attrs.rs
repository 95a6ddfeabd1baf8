//! `#[serde(...)]` attributes of structure fields, and default values.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use crate::ir::{Field, NamedKind, Presence, StructDef, Ty, TyKind};
use crate::naming::{self, Ident};

/// The Rust type of a field, with the `Option` of optional members.
pub(crate) fn field_type(field: &Field) -> TokenStream {
    let ty = field.ty.tokens();
    match field.presence {
        Presence::Optional | Presence::IdempotencyToken => quote!(Option<#ty>),
        Presence::Required | Presence::Default(_) => ty,
    }
}

/// The serde attribute of one field of structure `owner`.
pub(crate) fn field_attr(owner: &Ident, def: &StructDef, field: &Field) -> TokenStream {
    let mut parts: Vec<TokenStream> = Vec::new();
    if field.json_name != field.name.as_str() {
        let name = &field.json_name;
        parts.push(quote!(rename = #name));
    }
    let codec = field.ty.codec();
    match &field.presence {
        Presence::IdempotencyToken => {
            parts.push(quote!(default));
            parts.push(quote!(serialize_with = "rt::idempotency_token"));
        }
        Presence::Optional => {
            parts.push(quote!(default));
            parts.push(quote!(skip_serializing_if = "Option::is_none"));
            if let Some(codec) = codec {
                parts.push(with(&format!("rt::OptionOf<{codec}>")));
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

fn with(codec: &str) -> TokenStream {
    let with = format!("rt::Via::<{codec}>");
    quote!(with = #with)
}

/// The value a field starts with in `new`/`Default`: `None`, the model default, or (for
/// required members) the constructor argument of the same name.
pub(crate) fn initial_value(owner: &Ident, field: &Field) -> TokenStream {
    let name = &field.name;
    match &field.presence {
        Presence::Required => quote!(#name),
        Presence::Optional | Presence::IdempotencyToken => quote!(None),
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

/// A Rust expression for a `@default` value (validated by the lowering's `is_zero`).
fn default_expr(ty: &Ty, value: &Value) -> TokenStream {
    let num = |n: &serde_json::Number| n.as_f64().unwrap_or_default();
    let int = |n: &serde_json::Number| n.as_i64().unwrap_or_default();
    match (&ty.kind, value) {
        (TyKind::Bool, Value::Bool(b)) => quote!(#b),
        // Integer defaults were range-checked by the lowering, so these casts are exact.
        (TyKind::Byte, Value::Number(n)) => Literal::i8_suffixed(int(n) as i8).into_token_stream(),
        (TyKind::Short, Value::Number(n)) => {
            Literal::i16_suffixed(int(n) as i16).into_token_stream()
        }
        (TyKind::Integer, Value::Number(n)) => {
            Literal::i32_suffixed(int(n) as i32).into_token_stream()
        }
        (TyKind::Long, Value::Number(n)) => Literal::i64_suffixed(int(n)).into_token_stream(),
        (TyKind::Float, Value::Number(n)) => {
            Literal::f32_suffixed(num(n) as f32).into_token_stream()
        }
        (TyKind::Double, Value::Number(n)) => Literal::f64_suffixed(num(n)).into_token_stream(),
        (TyKind::BigInteger, Value::Number(n)) => {
            let text = n.to_string();
            quote!(crate::runtime::BigInteger(#text.to_owned()))
        }
        (TyKind::BigDecimal, Value::Number(n)) => {
            let text = n.to_string();
            quote!(crate::runtime::BigDecimal(#text.to_owned()))
        }
        (TyKind::String, Value::String(s)) => quote!(#s.to_owned()),
        (TyKind::Blob, Value::String(s)) => {
            let bytes = crate::ir::decode_blob(s).unwrap_or_default();
            quote!(crate::runtime::Blob(vec![#(#bytes),*]))
        }
        (TyKind::Timestamp(_), Value::Number(n)) => match n.as_i64() {
            Some(i) => quote!(crate::runtime::DateTime::from_secs(#i)),
            None => {
                let f = num(n);
                quote!(crate::runtime::DateTime::from_secs_f64(#f))
            }
        },
        (TyKind::Timestamp(_), Value::String(s)) => {
            let (seconds, nanos) = crate::ir::parse_timestamp(s).unwrap_or_default();
            quote!(crate::runtime::DateTime::from_parts(#seconds, #nanos))
        }
        (TyKind::Document, v) => {
            let text = v.to_string();
            quote!(serde_json::from_str(#text).unwrap_or_default())
        }
        (TyKind::Named { path, .. }, v) => {
            let path = super::path(path);
            match v {
                Value::String(s) => quote!(#path::from(#s)),
                Value::Number(n) => {
                    let i = Literal::i32_unsuffixed(num(n) as i32);
                    quote!(#path::from(#i))
                }
                _ => quote!(Default::default()),
            }
        }
        _ => quote!(Default::default()),
    }
}

use quote::ToTokens as _;

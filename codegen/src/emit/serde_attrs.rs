//! `#[serde(...)]` attributes of structure fields (for the derived `Serialize`), the
//! wire name and binding of a member, and default and zero values.

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
                .filter(|f| rule.apply(f.name.as_str()) == wire_name(f))
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

/// The JSON key of a member: the one place the emitters read it from (serialization's
/// `rename` and the generated `Deserialize` alike), so a protocol-specific wire name
/// flows through both.
pub(crate) fn wire_name(field: &Field) -> &str {
    &field.json_name
}

/// Whether `field` of `def` travels outside the JSON body (a label, query string, header,
/// prefix headers or the status code), and so is not part of the serde form.
pub(crate) fn is_bound(def: &StructDef, field: &Field) -> bool {
    let Some(binding) = &field.http else {
        return false;
    };
    let request_only = matches!(
        binding,
        HttpBinding::Label | HttpBinding::Query(_) | HttpBinding::QueryParams
    );
    // Label and query bindings mean nothing outside an input: such a member is a body
    // member there.
    *binding != HttpBinding::Payload && (def.operation_input || !request_only)
}

/// The serde attribute of one field of a structure whose fields are renamed by `rule`.
/// Only serialization is derived (`Deserialize` is [`super::deserialize`]'s), so these
/// say how a field is written: its key, when it is left out, and its codec.
pub(crate) fn field_attr(def: &StructDef, rule: RenameRule, field: &Field) -> TokenStream {
    if is_bound(def, field) {
        return quote!(#[serde(skip)]);
    }
    let mut parts: Vec<TokenStream> = Vec::new();
    let name = wire_name(field);
    if rule.apply(field.name.as_str()) != name {
        parts.push(quote!(rename = #name));
    }
    let codec = field.ty.codec();
    match &field.presence {
        Presence::IdempotencyToken => {
            parts.push(quote!(serialize_with = "rt::idempotency_token"));
        }
        // A top-level input default: `None` is not sent (the service applies it).
        Presence::Optional | Presence::InputDefault(_) => {
            parts.push(quote!(skip_serializing_if = "Option::is_none"));
            if let Some(codec) = codec {
                parts.push(serialize_with(&Codec::OptionOf(Box::new(codec))));
            }
        }
        Presence::Required | Presence::Default(_) => {
            if let Some(codec) = codec {
                parts.push(serialize_with(&codec));
            }
        }
    }
    if parts.is_empty() {
        quote!()
    } else {
        quote!(#[serde(#(#parts),*)])
    }
}

/// `serialize_with = "rt::Via::<codec>::serialize"`.
fn serialize_with(codec: &Codec) -> TokenStream {
    let path = quote!(rt::Via::<#codec>::serialize)
        .to_string()
        .replace(' ', "");
    quote!(serialize_with = #path)
}

/// The function making the zero value a required member of `field`'s type reads as when
/// it is absent (error correction, and members bound outside the body), where it is not
/// the type's `Default`: the unknown enum value `""` or `0`.
pub(crate) fn zero_fn(field: &Field) -> Option<TokenStream> {
    match &field.ty.kind {
        TyKind::Named {
            kind: NamedKind::Enum,
            ..
        } => Some(quote!(rt::zero_enum)),
        TyKind::Named {
            kind: NamedKind::IntEnum,
            ..
        } => Some(quote!(rt::zero_int_enum)),
        _ => None,
    }
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

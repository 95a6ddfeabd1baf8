//! A structure's `Deserialize`: `rt::Structure::read`, which reads an object's members
//! by wire name into one slot per field and then builds the value from what was present.
//!
//! Written out rather than derived because serde's derive also reads a structure from a
//! JSON array, by position, which no restJson1 body is (spec
//! `aws-restjson1-protocol.rst`: a structure is a JSON object); and because it is less
//! code for the compiler to check (no field-identifier enum, no sequence visitor, one
//! runtime visitor for every structure: `rt::de_structure`).
//!
//! An absent member, by [`Presence`] (what the derive attributes said before): an
//! `Option` is `None`; a `@default` member its default; a required member is serde's
//! `missing field` error, or its zero value where the structure is error-corrected
//! (simple, list, map and enum types only). A `null` is read by the field's type, so it
//! is `None` for an `Option` and an error for any other field.

use proc_macro2::TokenStream;
use quote::quote;

use super::serde_attrs::{is_bound, wire_name, zero_fn};
use crate::ir::{Codec, Field, Presence, StructDef};
use crate::naming::{self, Ident};

/// `impl Deserialize` and `impl rt::Structure` for structure `owner`.
///
/// The generated code names its own two locals `__map` and `__key`: field names are
/// snake_case without a leading underscore ([`naming::field_name`]), so the field slots,
/// which take the field names, never shadow them.
pub(crate) fn deserialize_impl(owner: &Ident, def: &StructDef) -> TokenStream {
    let name = owner.to_string();
    let body: Vec<&Field> = def.fields.iter().filter(|f| !is_bound(def, f)).collect();
    let slots = body.iter().map(|f| {
        let fname = &f.name;
        quote!(let mut #fname = None;)
    });
    let read_loop = read_loop(&body);
    let values = def.fields.iter().map(|f| {
        let fname = &f.name;
        let value = if is_bound(def, f) {
            bound_value(owner, f)
        } else {
            present_or_absent(owner, def, f)
        };
        quote!(#fname: #value)
    });
    quote! {
        impl<'de> serde::Deserialize<'de> for #owner {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                rt::de_structure(d)
            }
        }
        impl rt::Structure for #owner {
            const NAME: &'static str = #name;
            fn read<'de, A: serde::de::MapAccess<'de>>(
                mut __map: rt::Members<'de, A>,
            ) -> Result<Self, A::Error> {
                #(#slots)*
                #read_loop
                Ok(Self { #(#values),* })
            }
        }
    }
}

/// The loop over the object's members: each body member read into its slot with its
/// codec, anything else skipped.
fn read_loop(body: &[&Field]) -> TokenStream {
    if body.is_empty() {
        return quote! {
            while __map.next_key()?.is_some() {
                __map.skip()?;
            }
        };
    }
    let arms = body.iter().map(|f| {
        let fname = &f.name;
        let key = wire_name(f);
        match read_codec(f) {
            Some(codec) => quote!(#key => __map.read_with::<#codec, _>(&__key, &mut #fname)?,),
            None => quote!(#key => __map.read(&__key, &mut #fname)?,),
        }
    });
    quote! {
        while let Some(__key) = __map.next_key()? {
            match __key.as_str() {
                #(#arms)*
                _ => __map.skip()?,
            }
        }
    }
}

/// The codec a field's value is read with: its type's (an `Option` of it for an
/// optional field); `None` for the field type's own serde form.
fn read_codec(field: &Field) -> Option<Codec> {
    let codec = field.ty.codec()?;
    Some(if field.presence.is_option() {
        Codec::OptionOf(Box::new(codec))
    } else {
        codec
    })
}

/// A body field's value from its slot: what was read, or what an absent member is.
fn present_or_absent(owner: &Ident, def: &StructDef, field: &Field) -> TokenStream {
    let fname = &field.name;
    match &field.presence {
        // Absent and `null` alike are `None`.
        Presence::Optional | Presence::IdempotencyToken | Presence::InputDefault(_) => {
            quote!(#fname.flatten())
        }
        Presence::Default(value) if value.is_zero => quote!(#fname.unwrap_or_default()),
        Presence::Default(_) => {
            let f = naming::default_fn_name(owner, &field.name);
            quote!(#fname.unwrap_or_else(#f))
        }
        Presence::Required if def.error_correction && !field.ty.is_aggregate() => {
            match zero_fn(field) {
                Some(zero) => quote!(#fname.unwrap_or_else(#zero)),
                None => quote!(#fname.unwrap_or_default()),
            }
        }
        Presence::Required => {
            let key = wire_name(field);
            quote!(__map.required(#fname, #key)?)
        }
    }
}

/// The value of a field bound outside the body (the protocol layer sets it): its
/// non-zero default, the zero value of a required member, else `Default`.
fn bound_value(owner: &Ident, field: &Field) -> TokenStream {
    match &field.presence {
        Presence::Default(value) if !value.is_zero => {
            let f = naming::default_fn_name(owner, &field.name);
            quote!(#f())
        }
        Presence::Required => match zero_fn(field) {
            Some(zero) => quote!(#zero()),
            None => quote!(Default::default()),
        },
        _ => quote!(Default::default()),
    }
}

#[cfg(test)]
mod tests {
    use crate::naming;

    /// The generated `read` names its locals `__map` and `__key`; no member name becomes
    /// a field (so a slot) of either name, however it is spelt.
    #[test]
    fn field_names_never_take_the_reader_locals_names() {
        for raw in ["__map", "__key", "_map", "_key", "__MAP", "_Key_"] {
            let name = naming::field_name(raw).to_string();
            assert!(!name.starts_with('_'), "{raw} became {name}");
        }
    }
}

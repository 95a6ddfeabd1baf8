//! Enums, intEnums and legacy `@enum` strings: a variant per value plus `Unknown`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{deprecated, docs};
use crate::ir::{EnumDef, EnumValue, TypeDef};

pub(crate) fn enumeration(def: &TypeDef, e: &EnumDef) -> TokenStream {
    let name = &def.name;
    let doc = docs(&def.docs);
    let deprecation = deprecated(&def.deprecated);
    let variants = e.variants.iter().map(|v| {
        let vdoc = docs(&v.docs);
        let vdep = deprecated(&v.deprecated);
        let vname = &v.name;
        quote! { #vdoc #vdep #vname, }
    });
    let derive_debug = if def.sensitive {
        quote!()
    } else {
        quote!(Debug,)
    };
    let debug = if def.sensitive {
        quote! {
            impl std::fmt::Debug for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(rt::REDACTED)
                }
            }
        }
    } else {
        quote!()
    };
    let names = e.variants.iter().map(|v| &v.name);

    // The fixed part (VALUES, as_str/as_i32, From, FromStr, Display, serde) is the
    // runtime's `string_enum!`/`int_enum!`; the enum states its variants and values.
    let (unknown, table) = if e.int {
        let values = e.variants.iter().map(|v| match v.value {
            EnumValue::Int(i) => Literal::i32_unsuffixed(i),
            EnumValue::Str(_) => Literal::i32_unsuffixed(0),
        });
        (
            quote!(rt::UnknownValue<i32>),
            quote!(rt::int_enum!(#name { #(#names = #values),* });),
        )
    } else {
        let values = e.variants.iter().map(|v| match &v.value {
            EnumValue::Str(s) => s.clone(),
            EnumValue::Int(i) => i.to_string(),
        });
        (
            quote!(rt::UnknownValue),
            quote!(rt::string_enum!(#name { #(#names = #values),* });),
        )
    };
    let copy = if e.int { quote!(Copy,) } else { quote!() };
    quote! {
        #doc
        #deprecation
        #[derive(#derive_debug Clone, #copy PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
            /// A value this version of the model does not list; kept as received.
            Unknown(#unknown),
        }
        #table
        #debug
    }
}

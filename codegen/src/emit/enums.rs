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
                    f.write_str(crate::runtime::REDACTED)
                }
            }
        }
    } else {
        quote!()
    };
    let names: Vec<_> = e.variants.iter().map(|v| &v.name).collect();

    if e.int {
        let values: Vec<Literal> = e
            .variants
            .iter()
            .map(|v| match v.value {
                EnumValue::Int(i) => Literal::i32_unsuffixed(i),
                EnumValue::Str(_) => Literal::i32_unsuffixed(0),
            })
            .collect();
        return quote! {
            #doc
            #deprecation
            #[derive(#derive_debug Clone, Copy, PartialEq, Eq, Hash)]
            pub enum #name {
                #(#variants)*
                /// A value this version of the model does not list; kept as received.
                Unknown(i32),
            }
            impl #name {
                /// Every value the model lists.
                pub const VALUES: &'static [i32] = &[#(#values),*];
                /// The wire value.
                pub fn as_i32(&self) -> i32 {
                    match self {
                        #(Self::#names => #values,)*
                        Self::Unknown(v) => *v,
                    }
                }
            }
            impl From<i32> for #name {
                fn from(v: i32) -> Self {
                    match v {
                        #(#values => Self::#names,)*
                        other => Self::Unknown(other),
                    }
                }
            }
            impl std::str::FromStr for #name {
                type Err = std::num::ParseIntError;
                fn from_str(s: &str) -> Result<Self, Self::Err> {
                    s.parse::<i32>().map(Self::from)
                }
            }
            impl std::fmt::Display for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    write!(f, "{}", self.as_i32())
                }
            }
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    s.serialize_i32(self.as_i32())
                }
            }
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    crate::runtime::de_i32(d).map(Self::from)
                }
            }
            #debug
        };
    }

    let values: Vec<String> = e
        .variants
        .iter()
        .map(|v| match &v.value {
            EnumValue::Str(s) => s.clone(),
            EnumValue::Int(i) => i.to_string(),
        })
        .collect();
    quote! {
        #doc
        #deprecation
        #[derive(#derive_debug Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
            /// A value this version of the model does not list; kept as received.
            Unknown(String),
        }
        impl #name {
            /// Every value the model lists.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];
            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#names => #values,)*
                    Self::Unknown(v) => v,
                }
            }
        }
        impl From<&str> for #name {
            fn from(v: &str) -> Self {
                match v {
                    #(#values => Self::#names,)*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }
        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                crate::runtime::de_string(d).map(|v| Self::from(v.as_str()))
            }
        }
        #debug
    }
}

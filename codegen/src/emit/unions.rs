//! Unions: a variant per member plus `Unknown { name, value }`, serialized as a
//! single-key JSON object.

use proc_macro2::TokenStream;
use quote::quote;

use super::{deprecated, docs};
use crate::ir::{TypeDef, UnionDef};

pub(crate) fn union(def: &TypeDef, u: &UnionDef) -> TokenStream {
    let name = &def.name;
    let doc = docs(&def.docs);
    let deprecation = deprecated(&def.deprecated);
    let manual_debug = def.sensitive || u.variants.iter().any(|v| v.sensitive);

    let variants = u.variants.iter().map(|v| {
        let vdoc = docs(&v.docs);
        let vdep = deprecated(&v.deprecated);
        let vname = &v.name;
        match &v.ty {
            Some(ty) => {
                let ty = ty.tokens();
                quote! { #vdoc #vdep #vname(#ty), }
            }
            None => quote! { #vdoc #vdep #vname, },
        }
    });

    let ser_arms = u.variants.iter().map(|v| {
        let vname = &v.name;
        let key = &v.json_name;
        match &v.ty {
            Some(ty) => match ty.codec() {
                Some(codec) => {
                    quote! {
                        Self::#vname(v) => crate::runtime::ser_union(s, #key, &crate::runtime::With::<#codec, _>::new(v)),
                    }
                }
                None => quote!(Self::#vname(v) => crate::runtime::ser_union(s, #key, v),),
            },
            None => quote!(Self::#vname => crate::runtime::ser_union(s, #key, &crate::runtime::EmptyObject),),
        }
    });
    let de_arms = u.variants.iter().map(|v| {
        let vname = &v.name;
        let key = &v.json_name;
        match &v.ty {
            Some(ty) => {
                let codec = ty.codec_or_same();
                quote!(#key => Self::#vname(crate::runtime::decode::<#codec, _, D::Error>(value)?),)
            }
            None => quote!(#key => Self::#vname,),
        }
    });

    let debug = if def.sensitive {
        quote! {
            impl std::fmt::Debug for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(crate::runtime::REDACTED)
                }
            }
        }
    } else if manual_debug {
        let arms = u.variants.iter().map(|v| {
            let vname = &v.name;
            let label = vname.to_string();
            match (&v.ty, v.sensitive) {
                (None, _) => quote!(Self::#vname => f.write_str(#label),),
                (Some(_), true) => {
                    quote!(Self::#vname(_) => f.debug_tuple(#label).field(&crate::runtime::Redacted).finish(),)
                }
                (Some(_), false) => quote!(Self::#vname(v) => f.debug_tuple(#label).field(v).finish(),),
            }
        });
        quote! {
            impl std::fmt::Debug for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    match self {
                        #(#arms)*
                        Self::Unknown { name, value } => f
                            .debug_struct("Unknown")
                            .field("name", name)
                            .field("value", value)
                            .finish(),
                    }
                }
            }
        }
    } else {
        quote!()
    };
    let derive_debug = if manual_debug {
        quote!()
    } else {
        quote!(Debug,)
    };

    quote! {
        #doc
        #deprecation
        #[derive(#derive_debug Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
            /// A member this version of the model does not know; kept as received.
            Unknown {
                /// The member name.
                name: String,
                /// The member value.
                value: serde_json::Value,
            },
        }
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#ser_arms)*
                    Self::Unknown { name, value } => crate::runtime::ser_union(s, name, value),
                }
            }
        }
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let (name, value) = crate::runtime::de_union(d)?;
                Ok(match name.as_str() {
                    #(#de_arms)*
                    _ => Self::Unknown { name, value },
                })
            }
        }
        #debug
    }
}

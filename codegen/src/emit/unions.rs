//! Unions: a variant per member plus `Unknown(rt::UnknownMember)`, serialized as a
//! single-key object by the runtime's `union!`.

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

    // Serialize, Deserialize and the member table are the runtime's `union!`: each member
    // as `Variant(codec) = "wireName"`, or `Variant = "wireName"` when it has no value.
    let members = u.variants.iter().map(|v| {
        let vname = &v.name;
        let key = &v.json_name;
        match &v.ty {
            Some(ty) => {
                let codec = ty.codec_or_same();
                quote!(#vname(#codec) = #key)
            }
            None => quote!(#vname = #key),
        }
    });

    let debug = if def.sensitive {
        quote! {
            impl std::fmt::Debug for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(rt::REDACTED)
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
                    quote!(Self::#vname(_) => f.debug_tuple(#label).field(&rt::Redacted).finish(),)
                }
                (Some(_), false) => {
                    quote!(Self::#vname(v) => f.debug_tuple(#label).field(v).finish(),)
                }
            }
        });
        quote! {
            impl std::fmt::Debug for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    match self {
                        #(#arms)*
                        Self::Unknown(u) => f.debug_tuple("Unknown").field(u).finish(),
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
            Unknown(rt::UnknownMember),
        }
        rt::union!(#name { #(#members),* });
        #debug
    }
}

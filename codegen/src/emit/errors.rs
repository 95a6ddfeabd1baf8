//! `errors.rs`: error structures, one error enum per operation, and the service-wide enum.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::facts;
use super::structures::struct_tokens;
use super::{docs, file, inner_docs};
use crate::ir::{ErrorDef, ErrorRef, Fault, Home, OperationDef, Service, Symbol};

pub(crate) fn file_tokens(service: &Service) -> TokenStream {
    let mut items: BTreeMap<String, TokenStream> = BTreeMap::new();
    for (name, def) in &service.errors {
        items.insert(name.to_string(), error_struct(service, def));
    }
    for op in service.operations.values() {
        items.insert(op.error_name.to_string(), operation_error(service, op));
    }
    items.insert(service.error_name.to_string(), service_error(service));
    let header = inner_docs(&format!(
        "Errors of the `{}` service: a struct per modeled error, an enum per operation, and \
         the service-wide [`{}`].",
        service.sdk_id, service.error_name
    ));
    file(header, items)
}

fn error_struct(service: &Service, def: &ErrorDef) -> TokenStream {
    let name = &def.name;
    let doc = facts::with_facts(&def.docs, &facts::error(def));
    let body = struct_tokens(
        service,
        name,
        &doc,
        &def.deprecated,
        def.sensitive,
        &def.fields,
    );
    let code = &def.code;
    let status = proc_macro2::Literal::u16_unsuffixed(def.status);
    let fault = match def.fault {
        Fault::Client => quote!(Client),
        Fault::Server => quote!(Server),
    };
    let (retryable, throttling) = (def.retryable, def.throttling);
    let message = match &def.message_field {
        Some(field) => {
            let optional = def
                .fields
                .fields
                .iter()
                .find(|f| &f.name == field)
                .is_some_and(|f| f.presence.is_option());
            if optional {
                quote!(optional #field)
            } else {
                quote!(required #field)
            }
        }
        None => quote!(none),
    };
    quote! {
        #body
        rt::modeled_error!(#name = #code #status #fault #retryable #throttling, #message);
    }
}

/// An error enum: a variant per error plus `Unhandled`, with `code()`, `Display`, `Error`.
fn error_enum(
    service: &Service,
    name: &crate::naming::Ident,
    doc: &str,
    errors: &[ErrorRef],
) -> TokenStream {
    let doc = docs(doc);
    let variants = errors.iter().map(|e| {
        let variant = &e.variant;
        let path = &e.symbol;
        let vdoc = docs(&variant_doc(service, e));
        quote!(#vdoc #variant(#path),)
    });
    let names = errors.iter().map(|e| &e.variant);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
            /// An error the model does not describe.
            Unhandled(rt::UnhandledError),
        }
        rt::error_enum!(#name { #(#names),* });
    }
}

/// A variant's doc, one line: the error's own summary, then its status and fault.
fn variant_doc(service: &Service, error: &ErrorRef) -> String {
    match service.errors.get(&error.variant) {
        Some(def) => {
            let summary = facts::summary(&def.docs).replace('\n', " ");
            format!("{summary} {}", facts::error(def))
        }
        None => format!("The modeled error [`{}`].", error.variant),
    }
}

fn operation_error(service: &Service, op: &OperationDef) -> TokenStream {
    let doc = format!("Errors of [`{}`](super::{}).", op.name, op.name);
    error_enum(service, &op.error_name, &doc, &op.errors)
}

fn service_error(service: &Service) -> TokenStream {
    let name = &service.error_name;
    let all: Vec<ErrorRef> = service
        .errors
        .values()
        .map(|e| ErrorRef {
            id: e.id.clone(),
            variant: e.name.clone(),
            symbol: Symbol {
                name: e.name.clone(),
                home: Home::Errors,
            },
        })
        .collect();
    let doc = format!("Any error of the `{}` service.", service.sdk_id);
    let base = error_enum(service, name, &doc, &all);
    let froms = service.operations.values().map(|op| {
        let op_error = &op.error_name;
        let variants = op.errors.iter().map(|e| &e.variant);
        quote!(rt::error_from!(#op_error => #name { #(#variants),* });)
    });
    quote! {
        #base
        #(#froms)*
    }
}

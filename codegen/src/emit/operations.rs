//! `operations.rs`: a unit struct per operation implementing `runtime::Operation`, and the
//! service trait with one async method per operation.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::{deprecated, docs, file, inner_docs, reject};
use crate::ir::{OperationDef, Protocol, Service, Symbol};

pub(crate) fn file_tokens(service: &Service) -> TokenStream {
    let mut items: BTreeMap<String, TokenStream> = BTreeMap::new();
    for (name, op) in &service.operations {
        items.insert(name.to_string(), operation(service, op));
    }
    items.insert(service.trait_name.to_string(), service_trait(service));
    let header = inner_docs(&format!(
        "Operations of the `{}` service: metadata per operation and the [`{}`] trait.",
        service.sdk_id, service.trait_name
    ));
    file(header, items)
}

/// `const PROTOCOL` for a service that does not speak restJson1 (the trait's default).
fn protocol_const(service: &Service) -> TokenStream {
    let variant = match service.protocol {
        Protocol::RestJson1 => return quote!(),
        Protocol::RestXml | Protocol::AwsQuery | Protocol::Ec2Query => {
            return xml_protocol_const(service)
        }
        Protocol::AwsJson1_0 => quote!(AwsJson1_0),
        Protocol::AwsJson1_1 => quote!(AwsJson1_1),
        Protocol::RpcV2Json => quote!(RpcV2Json),
        Protocol::RpcV2Cbor => quote!(RpcV2Cbor),
    };
    let namespace = service.id.namespace();
    let name = service.id.name();
    let compatible = service
        .query_compatible
        .then(|| quote!(.query_compatible()));
    quote!(const PROTOCOL: rt::Protocol = rt::Protocol::#variant(rt::Rpc::new(#namespace, #name)#compatible);)
}

/// `const PROTOCOL` of restXml (`rt::Xml`), awsQuery and ec2Query (`rt::Query`: the
/// service `version` every request's `Version` carries, empty when the model has none).
fn xml_protocol_const(service: &Service) -> TokenStream {
    let xml = service.xml.clone().unwrap_or_default();
    let namespace = super::xml::namespace(xml.namespace.as_ref());
    let value = match service.protocol {
        Protocol::RestXml => {
            let no_error_wrapping = xml.no_error_wrapping;
            quote!(RestXml(rt::Xml { namespace: #namespace, no_error_wrapping: #no_error_wrapping }))
        }
        protocol => {
            let variant = match protocol {
                Protocol::Ec2Query => quote!(Ec2Query),
                _ => quote!(AwsQuery),
            };
            let version = service.version.as_deref().unwrap_or_default();
            quote!(#variant(rt::Query { version: #version, namespace: #namespace }))
        }
    };
    quote!(const PROTOCOL: rt::Protocol = rt::Protocol::#value;)
}

/// An input or output type: the structure, or `()` for `smithy.api#Unit`.
fn io(symbol: &Option<Symbol>) -> TokenStream {
    match symbol {
        Some(symbol) => symbol.tokens(),
        None => quote!(()),
    }
}

fn operation(service: &Service, op: &OperationDef) -> TokenStream {
    let name = &op.name;
    // Only a routed operation (one with `@http`) is ever served.
    let doc = match &op.http {
        Some(_) => docs(&format!(
            "{}\n\n{}",
            op.docs,
            reject::rule(service, op).doc()
        )),
        None => docs(&op.docs),
    };
    let deprecation = deprecated(&op.deprecated);
    let op_name = op.id.name();
    let http = match &op.http {
        Some(h) => {
            let (method, uri) = (&h.method, &h.uri.text);
            let code = proc_macro2::Literal::u16_unsuffixed(h.code);
            quote!(Some(rt::Http::new(#method, #uri, #code)))
        }
        None => quote!(None),
    };
    let pagination = match &op.pagination {
        None => quote!(None),
        Some(p) => {
            let (input_token, output_token) = (&p.input_token, &p.output_token);
            let opt = |v: &Option<String>| match v {
                Some(v) => quote!(Some(#v)),
                None => quote!(None),
            };
            let (items, page_size) = (opt(&p.items), opt(&p.page_size));
            quote! {
                Some(rt::Pagination {
                    input_token: #input_token,
                    output_token: #output_token,
                    items: #items,
                    page_size: #page_size,
                })
            }
        }
    };
    let host_prefix = match &op.host_prefix {
        Some(prefix) => quote!(const HOST_PREFIX: Option<&'static str> = Some(#prefix);),
        None => quote!(),
    };
    let checksum = match op.checksum_required {
        true => quote!(
            const CHECKSUM_REQUIRED: bool = true;
        ),
        false => quote!(),
    };
    let compression = match &op.request_compression[..] {
        [] => quote!(),
        encodings => {
            quote!(const REQUEST_COMPRESSION: &'static [&'static str] = &[#(#encodings),*];)
        }
    };
    let input = io(&op.input);
    let output = io(&op.output);
    let error = &op.error_name;
    let protocol = protocol_const(service);
    quote! {
        #doc
        #deprecation
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
        pub struct #name;
        impl rt::Operation for #name {
            const NAME: &'static str = #op_name;
            const HTTP: Option<rt::Http> = #http;
            #host_prefix
            #checksum
            #compression
            #protocol
            const PAGINATION: Option<rt::Pagination> = #pagination;
            type Input = #input;
            type Output = #output;
            type Error = super::#error;
        }
    }
}

fn service_trait(service: &Service) -> TokenStream {
    let name = &service.trait_name;
    let mut text = service.docs.clone();
    if let Some(note) = &service.deprecated {
        text.push_str(&format!("\n\n**Deprecated:** {note}"));
    }
    text.push_str(
        "\n\n# Implementing\n\nOne method per operation. Every method has a default body that \
         returns the operation error's `Unhandled` variant with \
         [`UnhandledError::not_implemented`](rt::UnhandledError::not_implemented), \
         so a test fake implements only the operations it needs (with `async fn` or a \
         function returning a `Send` future). A method returns \
         [`Reply<Op>`](rt::Reply): a `Send` future of `Result<Op::Output, Op::Error>`. \
         Operations with `smithy.api#Unit` input or output take or return `()`.",
    );
    let doc = docs(&text);
    let methods = service.operations.values().map(|op| {
        let mdoc = docs(&op.docs);
        let deprecation = deprecated(&op.deprecated);
        let method = &op.method;
        let input = io(&op.input);
        let op_name = &op.name;
        quote! {
            #mdoc
            #deprecation
            fn #method(&self, input: #input) -> impl rt::Reply<super::#op_name> {
                rt::not_implemented::<super::#op_name, _>(input)
            }
        }
    });
    quote! {
        #doc
        pub trait #name: Send + Sync {
            #(#methods)*
        }
    }
}

//! `server.rs` (feature `server`): the service trait served over HTTP. A struct
//! `<Trait>Server` wrapping any implementation, implementing
//! `tower_service::Service<http::Request<B>>`; its route table (one entry per operation
//! with an `@http` trait) and a dispatch `match` from route to trait method. Everything
//! else (routing order, body limit, panics, error responses) is the runtime's
//! `server` module.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use std::collections::BTreeMap;

use super::{inner_docs, reject};
use crate::ir::{ErrorRef, OperationDef, Service};
use crate::naming::{self, Ident, Scope};

/// The server struct's name: `<Trait>Server`, or `<Trait>HttpServer` when the model
/// already has an item of that name in the service module.
pub(crate) fn server_name(service: &Service) -> proc_macro2::Ident {
    let taken = |name: &str| {
        service.types.keys().any(|k| k.as_str() == name)
            || service.errors.keys().any(|k| k.as_str() == name)
            || service.operations.keys().any(|k| k.as_str() == name)
    };
    let plain = format!("{}Server", service.trait_name);
    if taken(&plain) {
        format_ident!("{}HttpServer", service.trait_name.as_str())
    } else {
        format_ident!("{plain}")
    }
}

pub(crate) fn file_tokens(service: &Service) -> TokenStream {
    let name = server_name(service);
    let trait_name = &service.trait_name;
    // restJson1 routes by `@http`; an RPC protocol routes every operation by name.
    let rpc = service.protocol.ignores_http_bindings();
    let routed: Vec<&OperationDef> = service
        .operations
        .values()
        .filter(|op| rpc || op.http.is_some())
        .collect();
    // Every operation of a service speaks its protocol: the first one names it, and
    // misses and refusals are answered in it.
    let protocol = service
        .operations
        .keys()
        .next()
        .map(|op| quote!(<super::#op as rt::Operation>::PROTOCOL));
    let (new_routes, not_found) = match &protocol {
        Some(protocol) => (
            quote!(rt::server::Routes::of(#protocol, ROUTES)),
            quote!(rt::protocol::Rejection::NotFound.response_in(#protocol)),
        ),
        None => (
            quote!(rt::server::Routes::new(ROUTES)),
            quote!(rt::protocol::Rejection::NotFound.into_response()),
        ),
    };
    let routes = routed.iter().enumerate().map(|(i, op)| route(i, op));
    let invalid = InvalidInput::new(service, &routed);
    let reject_fns = invalid.functions();
    let arms = routed.iter().enumerate().map(|(i, op)| {
        let (index, op_name, method) = (Literal::usize_unsuffixed(i), &op.name, &op.method);
        let wire_name = op.id.name();
        let choice = invalid.choice(op);
        quote! {
            #index => rt::server::invoke::<super::#op_name, _, _, _>(
                request,
                |input| service.#method(input),
                |v| rt::server::reject(hook.as_ref(), #wire_name, v, #choice),
            ).await,
        }
    });
    let error_name = &service.error_name;
    let dispatch = if routed.is_empty() {
        // No operation has `@http`: nothing is routed here, and unused parameters
        // would be lint errors.
        quote! {
            /// No operation has an `@http` trait, so none is ever dispatched.
            async fn dispatch<S: super::#trait_name>(
                _: Arc<S>,
                _: Option<rt::server::RejectHook<super::#error_name>>,
                _: usize,
                _: http::Request<Vec<u8>>,
            ) -> http::Response<Vec<u8>> {
                #not_found
            }
        }
    } else {
        quote! {
            /// Operation `operation` (an index into [`ROUTES`]) on `request`.
            async fn dispatch<S: super::#trait_name>(
                service: Arc<S>,
                hook: Option<rt::server::RejectHook<super::#error_name>>,
                operation: usize,
                request: http::Request<Vec<u8>>,
            ) -> http::Response<Vec<u8>> {
                match operation {
                    #(#arms)*
                    _ => #not_found,
                }
            }
            #(#reject_fns)*
        }
    };
    let protocol = service.protocol.name();
    let header = inner_docs(&format!(
        "The `{}` service served over HTTP ({protocol}): [`{name}`].",
        service.sdk_id
    ));
    // An RPC protocol addresses operations by name, restJson1 by their `@http` traits.
    let routing = match rpc {
        true => "by the operation they name (the `X-Amz-Target` header, or the RPC v2 path)",
        false => "by the operations' `@http` traits (most specific pattern first)",
    };
    let doc = super::docs(&format!(
        "Serves an implementation of [`{trait_name}`](super::{trait_name}) over HTTP: a \
         `tower_service::Service<http::Request<B>>` for any `http_body::Body` `B` \
         (`Clone`, `Error = Infallible`), served by hyper with [`rt::server::serve`] or \
         mounted as a service in a router such as axum's.\n\n\
         Requests are routed {routing}, their inputs parsed and validated before the \
         trait method sees them, and outputs and errors written as {protocol} responses; \
         see [`rt::server`] for the status of each refusal. Invalid input is answered \
         with an error the operation models, chosen from the model (each operation's docs \
         name it); \
         [`on_invalid_input`]({name}::on_invalid_input) replaces that choice. Cloning is \
         cheap (the implementation is behind an `Arc`)."
    ));
    quote! {
        #header
        #![allow(deprecated)]
        #[allow(unused_imports)]
        use crate::runtime as rt;
        use std::sync::Arc;

        /// The operations with an `@http` trait, by dispatch index.
        const ROUTES: &[rt::server::Route] = &[#(#routes)*];

        #doc
        pub struct #name<S> {
            service: Arc<S>,
            routes: Arc<rt::server::Routes>,
            config: rt::server::ServerConfig,
            reject: Option<rt::server::RejectHook<super::#error_name>>,
        }

        impl<S: super::#trait_name> #name<S> {
            /// Serves `service` with the default [`ServerConfig`](rt::server::ServerConfig).
            pub fn new(service: S) -> Self {
                Self::with_config(service, rt::server::ServerConfig::default())
            }

            /// Serves `service` with `config` (the request body limit).
            pub fn with_config(service: S, config: rt::server::ServerConfig) -> Self {
                #name {
                    service: Arc::new(service),
                    routes: Arc::new(#new_routes),
                    config,
                    reject: None,
                }
            }

            /// Answers invalid input with `hook(operation, violations)` where it returns
            /// an error (one the operation lists; another is logged and not sent),
            /// instead of the error the model chose; `operation` is the operation's
            /// name (`CreateRoom`).
            pub fn on_invalid_input<F>(mut self, hook: F) -> Self
            where
                F: Fn(&'static str, &rt::ValidationError) -> Option<super::#error_name>
                    + Send
                    + Sync
                    + 'static,
            {
                self.reject = Some(Arc::new(hook));
                self
            }

            /// The implementation served.
            pub fn service(&self) -> &S {
                &self.service
            }

            /// The routes, most specific first: to share one listener among several
            /// services, ask each whether a request is its (`routes().find(..)`).
            pub fn routes(&self) -> &rt::server::Routes {
                &self.routes
            }
        }

        impl<S> Clone for #name<S> {
            fn clone(&self) -> Self {
                #name {
                    service: Arc::clone(&self.service),
                    routes: Arc::clone(&self.routes),
                    config: self.config,
                    reject: self.reject.clone(),
                }
            }
        }

        impl<S> std::fmt::Debug for #name<S> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!(#name))
                    .field("config", &self.config)
                    .field("on_invalid_input", &self.reject.is_some())
                    .finish_non_exhaustive()
            }
        }

        impl<S, B> tower_service::Service<http::Request<B>> for #name<S>
        where
            S: super::#trait_name + 'static,
            B: http_body::Body + Send + 'static,
            B::Data: Send,
            B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
        {
            type Response = rt::server::Response;
            type Error = std::convert::Infallible;
            type Future = rt::server::ResponseFuture;

            fn poll_ready(
                &mut self,
                _: &mut std::task::Context<'_>,
            ) -> std::task::Poll<Result<(), Self::Error>> {
                std::task::Poll::Ready(Ok(()))
            }

            fn call(&mut self, request: http::Request<B>) -> Self::Future {
                let service = Arc::clone(&self.service);
                let hook = self.reject.clone();
                rt::server::handle(request, &self.routes, &self.config, move |operation, request| {
                    dispatch(service, hook, operation, request)
                })
            }
        }

        #dispatch
    }
}

/// What each routed operation answers invalid input with ([`reject::rule`]): one
/// function per error chosen, `invalid_<error>`, building it from the violations.
struct InvalidInput<'a> {
    rules: BTreeMap<&'a Ident, reject::Rule<'a>>,
    /// By error name: the function's name and its body.
    builders: BTreeMap<&'a Ident, (Ident, &'a ErrorRef, TokenStream)>,
}

impl<'a> InvalidInput<'a> {
    fn new(service: &'a Service, routed: &[&'a OperationDef]) -> Self {
        let rules: BTreeMap<&Ident, reject::Rule<'_>> = routed
            .iter()
            .map(|op| (&op.name, reject::rule(service, op)))
            .collect();
        let mut builders = BTreeMap::new();
        let mut scope = Scope::new();
        for rule in rules.values() {
            if let Some((error, value)) = rule.modeled() {
                builders.entry(&error.symbol.name).or_insert_with(|| {
                    let name = scope.claim(naming::invalid_input_fn_name(&error.symbol.name));
                    (name, error, value.clone())
                });
            }
        }
        InvalidInput { rules, builders }
    }

    /// The `invalid_<error>` functions.
    fn functions(&self) -> impl Iterator<Item = TokenStream> + '_ {
        self.builders.values().map(|(name, error, value)| {
            let ty = &error.symbol;
            let doc = super::docs(&format!(
                "The `{}` answering invalid input (chosen from the model), made of its \
                 violations.",
                error.symbol.name
            ));
            // An error with nothing the violations fill does not read them.
            let param = if uses_ident(value, "v") {
                quote!(v)
            } else {
                quote!(_)
            };
            quote! {
                #doc
                fn #name(#param: &rt::ValidationError) -> #ty {
                    #value
                }
            }
        })
    }

    /// What `op`'s dispatch passes to `rt::server::reject` as the model's choice.
    fn choice(&self, op: &OperationDef) -> TokenStream {
        let built = self.rules[&op.name]
            .modeled()
            .and_then(|(error, _)| Some((error, &self.builders.get(&error.symbol.name)?.0)));
        match built {
            None => quote!(rt::server::framework),
            Some((error, function)) => {
                let (enum_name, variant) = (&op.error_name, &error.variant);
                quote!(|v| Some(super::#enum_name::#variant(#function(v))))
            }
        }
    }
}

fn route(index: usize, op: &OperationDef) -> TokenStream {
    let index = Literal::usize_unsuffixed(index);
    let wire_name = op.id.name();
    let http = match &op.http {
        Some(h) => {
            let (method, uri) = (&h.method, &h.uri.text);
            let code = Literal::u16_unsuffixed(h.code);
            quote!(Some(rt::Http::new(#method, #uri, #code)))
        }
        None => quote!(None),
    };
    quote! {
        rt::server::Route { operation: #index, name: #wire_name, http: #http },
    }
}

/// Whether `tokens` name the identifier `name` anywhere, groups included.
fn uses_ident(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(ident) => ident == name,
        proc_macro2::TokenTree::Group(group) => uses_ident(&group.stream(), name),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    fn service(extra_shape: &str) -> crate::ir::Service {
        let text = format!(
            r#"{{"smithy": "2.0", "shapes": {{
                "test.s#Shop": {{"type": "service", "version": "1",
                    "operations": [{{"target": "test.s#Get"}}, {{"target": "test.s#Raw"}}]}},
                "test.s#Get": {{"type": "operation", "input": {{"target": "test.s#{extra_shape}"}},
                    "traits": {{"smithy.api#http": {{"method": "GET", "uri": "/get"}}}}}},
                "test.s#Raw": {{"type": "operation"}},
                "test.s#{extra_shape}": {{"type": "structure", "members": {{}}}}
            }}}}"#
        );
        let model = crate::model::load_sources(&[(Arc::from("m.json"), text)]).expect("loads");
        let mut krate = crate::lower(&model).expect("lowers");
        krate.services.remove(0)
    }

    #[test]
    fn the_server_is_named_after_the_trait_unless_the_model_took_the_name() {
        assert_eq!(
            super::server_name(&service("GetInput")).to_string(),
            "ShopServer"
        );
        assert_eq!(
            super::server_name(&service("ShopServer")).to_string(),
            "ShopHttpServer"
        );
    }

    #[test]
    fn only_operations_with_http_are_routed() {
        let text = super::file_tokens(&service("GetInput")).to_string();
        assert!(text.contains("\"Get\""), "{text}");
        assert!(
            !text.contains("\"Raw\""),
            "an operation without @http has no route"
        );
    }
}

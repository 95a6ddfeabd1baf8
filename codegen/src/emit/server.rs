//! `server.rs` (feature `server`): the service trait served over HTTP. A struct
//! `<Trait>Server` wrapping any implementation, implementing
//! `tower_service::Service<http::Request<B>>`; its route table (one entry per operation
//! with an `@http` trait) and a dispatch `match` from route to trait method. Everything
//! else (routing order, body limit, panics, error responses) is the runtime's
//! `server` module.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::inner_docs;
use crate::ir::{OperationDef, Service};

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
    let routed: Vec<&OperationDef> = service
        .operations
        .values()
        .filter(|op| op.http.is_some())
        .collect();
    let routes = routed.iter().enumerate().map(|(i, op)| route(i, op));
    let arms = routed.iter().enumerate().map(|(i, op)| {
        let (index, op_name, method) = (Literal::usize_unsuffixed(i), &op.name, &op.method);
        quote! {
            #index => rt::server::invoke::<super::#op_name, _, _>(request, |input| {
                service.#method(input)
            }).await,
        }
    });
    let dispatch = if routed.is_empty() {
        // No operation has `@http`: nothing is routed here, and unused parameters
        // would be lint errors.
        quote! {
            /// No operation has an `@http` trait, so none is ever dispatched.
            async fn dispatch<S: super::#trait_name>(
                _: Arc<S>,
                _: usize,
                _: http::Request<Vec<u8>>,
            ) -> http::Response<Vec<u8>> {
                rt::protocol::Rejection::NotFound.into_response()
            }
        }
    } else {
        quote! {
            /// Operation `operation` (an index into [`ROUTES`]) on `request`.
            async fn dispatch<S: super::#trait_name>(
                service: Arc<S>,
                operation: usize,
                request: http::Request<Vec<u8>>,
            ) -> http::Response<Vec<u8>> {
                match operation {
                    #(#arms)*
                    _ => rt::protocol::Rejection::NotFound.into_response(),
                }
            }
        }
    };
    let header = inner_docs(&format!(
        "The `{}` service served over HTTP (restJson1): [`{name}`].",
        service.sdk_id
    ));
    let doc = super::docs(&format!(
        "Serves an implementation of [`{trait_name}`](super::{trait_name}) over HTTP: a \
         `tower_service::Service<http::Request<B>>` for any `http_body::Body` `B` \
         (`Clone`, `Error = Infallible`), served by hyper with [`rt::server::serve`] or \
         mounted as a service in a router such as axum's.\n\n\
         Requests are routed by the operations' `@http` traits (most specific pattern \
         first), their inputs parsed and validated before the trait method sees them, and \
         outputs and errors written as restJson1 responses; see [`rt::server`] for the \
         status of each refusal. Cloning is cheap (the implementation is behind an `Arc`)."
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
                    routes: Arc::new(rt::server::Routes::new(ROUTES)),
                    config,
                }
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
                }
            }
        }

        impl<S> std::fmt::Debug for #name<S> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!(#name))
                    .field("config", &self.config)
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
                rt::server::handle(request, &self.routes, &self.config, move |operation, request| {
                    dispatch(service, operation, request)
                })
            }
        }

        #dispatch
    }
}

fn route(index: usize, op: &OperationDef) -> TokenStream {
    let index = Literal::usize_unsuffixed(index);
    let wire_name = op.id.name();
    // Only operations with `@http` are routed (the caller filters).
    let http = op.http.as_ref().map(|h| {
        let (method, uri) = (&h.method, &h.uri.text);
        let code = Literal::u16_unsuffixed(h.code);
        quote!(rt::Http::new(#method, #uri, #code))
    });
    quote! {
        rt::server::Route { operation: #index, name: #wire_name, http: #http },
    }
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

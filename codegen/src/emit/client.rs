//! `client.rs` (feature `client-core`): the service's `Client`, which implements the service
//! trait by calling the service over HTTP (`rt::client::Handle`), its metadata constant,
//! and per `@paginated` operation the token accessors and `<method>_pages`/`_items`
//! paginator methods.
//!
//! Pagination members are read from their paths (`nextToken`, `a.b`) through the typed
//! fields, never through a JSON round trip. A path that does not resolve to the expected
//! member types gets no paginator (the operation itself is still callable).

use std::collections::BTreeMap;

use proc_macro2::{Span, TokenStream};
use quote::quote;

use super::{endpoint_params, file, inner_docs};
use crate::ir::{Field, OperationDef, Service, Symbol, Ty, TyKind, TypeKind};

pub(crate) fn file_tokens(service: &Service) -> TokenStream {
    let mut items: BTreeMap<String, TokenStream> = BTreeMap::new();
    items.insert(" service".to_owned(), service_info(service));
    items.insert(" client".to_owned(), client(service));
    if let Some(params) = &service.client_params {
        items.insert(
            " client_params".to_owned(),
            endpoint_params::client_params_trait(service, params),
        );
    }
    for op in service.operations.values() {
        if let Some(tokens) = pagination_impls(service, op) {
            items.insert(format!("{}:paginated", op.name), tokens);
        }
        items.insert(
            format!("{}:endpoint_params", op.name),
            endpoint_params::operation_impl(service, op),
        );
    }
    let header = inner_docs(&format!(
        "The `{}` service's [`{}`]: calls the service over HTTPS ({}, SigV4, retries), \
         and paginators for its `@paginated` operations.",
        service.sdk_id,
        service.client_name,
        service.protocol.name()
    ));
    file(header, items)
}

/// The endpoint rule set: the service's `endpoint.rs`, emitted when the model has a
/// `smithy.rules#endpointRuleSet`.
fn endpoint_rules(service: &Service) -> TokenStream {
    match service.endpoint_rule_set {
        Some(_) => quote!(Some(super::endpoint::rules)),
        None => quote!(None),
    }
}

fn service_info(service: &Service) -> TokenStream {
    let name = service.module.as_str();
    let signing = match &service.signing_name {
        Some(n) => quote!(Some(#n)),
        None => quote!(None),
    };
    let rules = endpoint_rules(service);
    quote! {
        /// What the client runtime needs to know of this service: its name in spans and
        /// messages, its SigV4 signing name, its endpoint rule set.
        pub const SERVICE: rt::client::ServiceInfo = rt::client::ServiceInfo {
            name: #name,
            signing_name: #signing,
            rules: #rules,
        };
    }
}

fn client(service: &Service) -> TokenStream {
    let name = &service.client_name;
    let trait_name = &service.trait_name;
    let doc = format!(
        "A client of the `{sdk}` service: implements [`{trait_name}`](super::{trait_name}) by \
         calling it.\n\nBuild one with [`{name}::from_env`] (region and credentials as AWS \
         tools find them) or [`{name}::new`] with an [`rt::client::Config`]. Cloning is cheap \
         (the configuration, connection pool and retry quota are shared). Each method returns \
         the operation's error enum: a modeled error, or `Unhandled` with a \
         [`kind`](rt::UnhandledKind) telling service errors from transport failures, timeouts, \
         unreadable responses, build, endpoint and credential errors.\n\nWith feature `client`, \
         calls run on a tokio runtime with time and I/O enabled (the default HTTP client and \
         timer need one). With only `client-core` (e.g. on wasm32), the config must name an \
         HTTP client and a timer ([`rt::client::Config::with_http_client`], \
         [`rt::client::Config::with_sleep`]).",
        sdk = service.sdk_id,
    );
    let methods = service.operations.values().map(|op| {
        let method = &op.method;
        let op_name = &op.name;
        let input = match &op.input {
            Some(symbol) => symbol.tokens(),
            None => quote!(()),
        };
        quote! {
            fn #method(&self, input: #input) -> impl rt::Reply<super::#op_name> {
                self.handle.call::<super::#op_name>(input)
            }
        }
    });
    let paginators = service
        .operations
        .values()
        .filter_map(|op| paginator_methods(service, op));
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        pub struct #name {
            handle: rt::client::Handle,
        }

        impl #name {
            /// A client with `config`.
            pub fn new(config: rt::client::Config) -> Self {
                #name { handle: rt::client::Handle::new(config, &SERVICE) }
            }

            /// A client configured from the environment and the shared config files
            /// ([`rt::client::Config::from_env`]).
            ///
            /// # Errors
            /// [`rt::client::ConfigError`] when no region is found (naming every place
            /// looked at) or a setting is invalid. Credentials come from the AWS default
            /// credential chain on the first call, which fails naming every source tried.
            pub fn from_env() -> Result<Self, rt::client::ConfigError> {
                Ok(Self::new(rt::client::Config::from_env()?))
            }

            /// The configuration.
            pub fn config(&self) -> &rt::client::Config {
                self.handle.config()
            }

            #(#paginators)*
        }

        #[allow(deprecated)]
        impl super::#trait_name for #name {
            #(#methods)*
        }
    }
}

/// The resolved pagination of an operation: the input type, and accessors.
struct Resolved {
    input: TokenStream,
    input_token_get: TokenStream,
    input_token_set: TokenStream,
    output_token_get: TokenStream,
    items: Option<(TokenStream, TokenStream)>,
}

fn paginator_methods(service: &Service, op: &OperationDef) -> Option<TokenStream> {
    let resolved = resolve(service, op)?;
    let op_name = &op.name;
    let input = &resolved.input;
    let method = op.method.as_str().trim_end_matches('_');
    let pages = proc_macro2::Ident::new(&format!("{method}_pages"), Span::call_site());
    let pages_doc = format!(
        "The pages of [`{op_name}`](super::{op_name}) from `input`: a stream that sends each \
         page's `{}` as the next request's `{}`, and stops after a page without one (or one \
         repeating the token sent, or after an error).",
        op.pagination.as_ref()?.output_token,
        op.pagination.as_ref()?.input_token,
    );
    let items =
        resolved.items.as_ref().map(|_| {
            let items = proc_macro2::Ident::new(&format!("{method}_items"), Span::call_site());
            let doc =
                format!(
            "The `{}` of every page of [`{op_name}`](super::{op_name}) from `input`, in order.",
            op.pagination.as_ref().and_then(|p| p.items.as_deref()).unwrap_or("items")
        );
            quote! {
                #[doc = #doc]
                pub fn #items(&self, input: #input) -> rt::client::Items<super::#op_name> {
                    self.handle.items::<super::#op_name>(input)
                }
            }
        });
    Some(quote! {
        #[doc = #pages_doc]
        pub fn #pages(&self, input: #input) -> rt::client::Pages<super::#op_name> {
            self.handle.pages::<super::#op_name>(input)
        }
        #items
    })
}

fn pagination_impls(service: &Service, op: &OperationDef) -> Option<TokenStream> {
    let resolved = resolve(service, op)?;
    let op_name = &op.name;
    let Resolved {
        input,
        input_token_get,
        input_token_set,
        output_token_get,
        items,
    } = resolved;
    let output = op.output.as_ref()?.tokens();
    let items = items.map(|(item, extract)| {
        quote! {
            impl rt::client::PaginatedItems for super::#op_name {
                type Item = #item;
                fn items(output: #output) -> Vec<#item> {
                    #extract
                }
            }
        }
    });
    Some(quote! {
        impl rt::client::Paginated for super::#op_name {
            fn input_token(input: &#input) -> Option<&str> {
                #input_token_get
            }
            fn set_input_token(input: &mut #input, token: String) {
                #input_token_set
            }
            fn output_token(output: &#output) -> Option<&str> {
                #output_token_get
            }
        }
        #items
    })
}

/// Resolves the operation's pagination paths to typed field accesses, or `None` when it
/// is not paginated or a path does not fit (missing member, not a string token, items
/// not a list or map).
fn resolve(service: &Service, op: &OperationDef) -> Option<Resolved> {
    let pagination = op.pagination.as_ref()?;
    let input_symbol = op.input.as_ref()?;
    let output_symbol = op.output.as_ref()?;

    // The input token is a top-level member (spec: `inputToken` names an input member).
    let token = field(service, input_symbol, &pagination.input_token)?;
    if token.ty.kind != TyKind::String {
        return None;
    }
    let token_name = &token.name;
    let (input_token_get, input_token_set) = if is_optional(token) {
        (
            quote!(input.#token_name.as_deref()),
            quote!(input.#token_name = Some(token);),
        )
    } else {
        (
            quote!(Some(input.#token_name.as_str())),
            quote!(input.#token_name = token;),
        )
    };

    let (out_fields, out_ty) = path(service, output_symbol, &pagination.output_token)?;
    if out_ty.kind != TyKind::String {
        return None;
    }
    let output_token_get = borrowed_chain(&out_fields);

    let items = match &pagination.items {
        None => None,
        Some(items_path) => {
            let (fields, ty) = path(service, output_symbol, items_path)?;
            Some(items_extract(&fields, &ty)?)
        }
    };
    Some(Resolved {
        input: input_symbol.tokens(),
        input_token_get,
        input_token_set,
        output_token_get,
        items,
    })
}

fn is_optional(field: &Field) -> bool {
    field.presence.is_option()
}

/// The member named `member` of structure `symbol`.
fn field<'s>(service: &'s Service, symbol: &Symbol, member: &str) -> Option<&'s Field> {
    let def = service.types.get(&symbol.name)?;
    let TypeKind::Struct(s) = &def.kind else {
        return None;
    };
    s.fields.iter().find(|f| f.id.member() == Some(member))
}

/// The fields along a `.`-separated member path from `symbol`, and the last one's type.
fn path<'s>(service: &'s Service, symbol: &Symbol, path: &str) -> Option<(Vec<&'s Field>, Ty)> {
    let mut fields = Vec::new();
    let mut current = symbol.clone();
    let segments: Vec<&str> = path.split('.').collect();
    for (i, segment) in segments.iter().enumerate() {
        let f = field(service, &current, segment)?;
        fields.push(f);
        if i + 1 < segments.len() {
            let TyKind::Named { symbol, .. } = &f.ty.kind else {
                return None;
            };
            current = symbol.clone();
        }
    }
    let ty = fields.last()?.ty.clone();
    Some((fields, ty))
}

/// `Option<&str>` of a string member at the end of `fields`, read by reference.
fn borrowed_chain(fields: &[&Field]) -> TokenStream {
    let Some((first, rest)) = fields.split_first() else {
        return quote!(None);
    };
    if rest.is_empty() {
        let name = &first.name;
        return if is_optional(first) {
            quote!(output.#name.as_deref())
        } else {
            quote!(Some(output.#name.as_str()))
        };
    }
    let name = &first.name;
    let mut chain = if is_optional(first) {
        quote!(output.#name.as_ref())
    } else {
        quote!(Some(&output.#name))
    };
    for f in rest {
        let name = &f.name;
        chain = if is_optional(f) {
            quote!(#chain.and_then(|v| v.#name.as_ref()))
        } else {
            quote!(#chain.map(|v| &v.#name))
        };
    }
    quote!(#chain.map(String::as_str))
}

/// `Option<T>` of the member at the end of `fields`, taken from `output`.
fn owned_chain(fields: &[&Field]) -> TokenStream {
    let Some((first, rest)) = fields.split_first() else {
        return quote!(None);
    };
    let name = &first.name;
    let mut chain = if is_optional(first) {
        quote!(output.#name)
    } else {
        quote!(Some(output.#name))
    };
    for f in rest {
        let name = &f.name;
        chain = if is_optional(f) {
            quote!(#chain.and_then(|v| v.#name))
        } else {
            quote!(#chain.map(|v| v.#name))
        };
    }
    chain
}

/// The item type and the body of `items(output)` for a list or map member at the end of
/// `fields` (map entries become `(key, value)` pairs).
fn items_extract(fields: &[&Field], ty: &Ty) -> Option<(TokenStream, TokenStream)> {
    let chain = owned_chain(fields);
    // A required top-level member needs no `Option` chain.
    let direct = match fields {
        [only] if !is_optional(only) => {
            let name = &only.name;
            Some(quote!(output.#name))
        }
        _ => None,
    };
    match &ty.kind {
        TyKind::List { item, sparse } => {
            let item = item.tokens();
            let item = if *sparse { quote!(Option<#item>) } else { item };
            let body = direct.unwrap_or_else(|| quote!(#chain.unwrap_or_default()));
            Some((item, body))
        }
        TyKind::Map { value, sparse, .. } => {
            let value = value.tokens();
            let value = if *sparse {
                quote!(Option<#value>)
            } else {
                value
            };
            let body = match direct {
                Some(map) => quote!(#map.into_iter().collect()),
                None => quote!(#chain.map(|m| m.into_iter().collect()).unwrap_or_default()),
            };
            Some((quote!((String, #value)), body))
        }
        _ => None,
    }
}

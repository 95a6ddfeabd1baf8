//! A test file with one `#[test]` per protocol compliance case of a model (spec
//! http-protocol-compliance-tests.rst), run against the crate generated from the same
//! model: request cases on the client (serialize, compare) and the server (parse,
//! compare), response cases likewise, malformed-request cases on the server.
//!
//! Client cases call the generated crate's runtime drivers (`serialize_request`,
//! `parse_response`); server cases (request, response, malformed) send a request through
//! the service's generated tower service (`<Trait>Server`, feature `server`) with a
//! recording implementation of the service trait behind it, emitted once per service into
//! the module `recorders`: it keeps the input it receives and answers the reply the case
//! scripts. A `check` module of the test crate compares (see
//! `tests/protocol/src/check.rs`).

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::skips::{correction_of, scaled, skip_of, REDOS};
use super::values::{self, Paths};
use crate::ir::{self, Home, OperationDef, Symbol};
use crate::model::traits::{
    AppliesTo, BodyAssertion, HttpMalformedRequestTestCase, HttpRequestTestCase,
    HttpResponseTestCase, Known, TraitIndex,
};
use crate::model::ShapeId;

/// The module of a protocol's cases (`rest_json1::client_request::…`), by protocol trait;
/// cases of other protocols are not generated.
fn protocol_module(protocol: &str) -> Option<&'static str> {
    ir::Protocol::from_trait(protocol).map(module_of)
}

fn module_of(protocol: ir::Protocol) -> &'static str {
    match protocol {
        ir::Protocol::RestJson1 => "rest_json1",
        ir::Protocol::AwsJson1_0 => "aws_json1_0",
        ir::Protocol::AwsJson1_1 => "aws_json1_1",
        ir::Protocol::RpcV2Json => "rpc_v2_json",
        ir::Protocol::RpcV2Cbor => "rpc_v2_cbor",
        ir::Protocol::RestXml => "rest_xml",
        ir::Protocol::AwsQuery => "aws_query",
        ir::Protocol::Ec2Query => "ec2_query",
    }
}

/// The module of a service's cases: its protocol's, except for the suites that get a row
/// of their own in `cargo xtask conformance` though they share a protocol.
fn service_module(service: &ir::Service) -> &'static str {
    const OWN_ROWS: &[(&str, &str)] = &[(
        "aws.protocoltests.restxml.xmlns#RestXmlWithNamespace",
        "rest_xml_with_namespace",
    )];
    let id = service.id.to_string();
    OWN_ROWS
        .iter()
        .find(|(service, _)| *service == id)
        .map_or_else(|| module_of(service.protocol), |(_, module)| module)
}

/// Test functions by module (`client_request`, …) and name, and the ignored ones with
/// their reasons.
#[derive(Default)]
struct Suite {
    tests: BTreeMap<(&'static str, &'static str), BTreeMap<String, TokenStream>>,
    /// The modules of protocols for which no server is generated (awsQuery, ec2Query):
    /// their cases run on the client side only.
    clients_only: std::collections::BTreeSet<&'static str>,
    /// The recording implementation of each service's trait.
    recorders: Vec<TokenStream>,
}

impl Suite {
    fn add(
        &mut self,
        (protocol, kind): (&'static str, &'static str),
        id: &str,
        body: Result<TokenStream, String>,
    ) {
        if self.clients_only.contains(protocol) && !kind.starts_with("client") {
            return;
        }
        let body = match skip_of(kind, id) {
            Some(reason) => Err(reason),
            None => body,
        };
        let tests = self.tests.entry((protocol, kind)).or_default();
        let mut name = crate::naming::field_name(id).to_string();
        while tests.contains_key(&name) {
            name.push('_');
        }
        let ident = format_ident!("{}", name.trim_start_matches("r#"));
        let tokens = match body {
            Ok(body) => quote!(#[test] fn #ident() { #body }),
            Err(reason) => quote!(#[test] #[ignore = #reason] fn #ident() {}),
        };
        tests.insert(name, tokens);
    }

    fn tokens(self) -> TokenStream {
        let mut by_protocol: BTreeMap<&str, Vec<TokenStream>> = BTreeMap::new();
        for ((protocol, kind), tests) in self.tests {
            let module = format_ident!("{kind}");
            let tests = tests.into_values();
            by_protocol.entry(protocol).or_default().push(quote! {
                mod #module {
                    #[allow(unused_imports)]
                    use protocol_conformance::check;
                    #(#tests)*
                }
            });
        }
        let modules = by_protocol.into_iter().map(|(protocol, kinds)| {
            let module = format_ident!("{protocol}");
            quote!(mod #module { #(#kinds)* })
        });
        let recorders = self.recorders;
        quote! {
            /// Recording implementations of the service traits, for the server cases (a
            /// service all of whose server cases are skipped leaves its own unused).
            #[allow(dead_code)]
            mod recorders {
                #(#recorders)*
            }
            #(#modules)*
        }
    }
}

/// The test file for every service of `krate` (lowered from `model`), whose generated
/// crate is named `crate_name`.
pub(crate) fn test_file(
    model: &crate::model::Model,
    krate: &ir::Crate,
    index: &TraitIndex,
    crate_name: &str,
) -> TokenStream {
    let mut suite = Suite {
        clients_only: ir::Protocol::ALL
            .into_iter()
            .filter(|p| !p.has_server())
            .map(module_of)
            .collect(),
        ..Suite::default()
    };
    unbound_operations(model, krate, index, &mut suite);
    for service in &krate.services {
        let cx = Cx {
            service,
            index,
            paths: Paths::external(crate_name, service),
            krate: format_ident!("{}", crate_name.replace('-', "_")),
        };
        if service.protocol.has_server() {
            suite.recorders.push(cx.recorder());
        }
        for op in service.operations.values() {
            cx.operation(&mut suite, op);
        }
        for error in service.errors.values() {
            cx.error(&mut suite, error);
        }
    }
    suite.tokens()
}

/// Cases on operations no service binds: no code exists to run them against.
fn unbound_operations(
    model: &crate::model::Model,
    krate: &ir::Crate,
    index: &TraitIndex,
    suite: &mut Suite,
) {
    let bound: std::collections::BTreeSet<&ShapeId> = krate
        .services
        .iter()
        .flat_map(|s| s.operations.values().map(|op| &op.id))
        .collect();
    let reason =
        || Err("the operation is bound to no service, so no code is generated for it".to_owned());
    for shape in model.shapes.values() {
        if shape.shape_type != crate::model::ShapeType::Operation || bound.contains(&shape.id) {
            continue;
        }
        let known = index.get(&shape.id);
        for case in &known.http_request_tests {
            let Some(protocol) = protocol_module(&case.protocol.to_string()) else {
                continue;
            };
            if applies(case.applies_to, AppliesTo::Client) {
                suite.add((protocol, "client_request"), &case.id, reason());
            }
            if applies(case.applies_to, AppliesTo::Server) {
                suite.add((protocol, "server_request"), &case.id, reason());
            }
        }
        for case in &known.http_response_tests {
            let Some(protocol) = protocol_module(&case.protocol.to_string()) else {
                continue;
            };
            if applies(case.applies_to, AppliesTo::Client) {
                suite.add((protocol, "client_response"), &case.id, reason());
            }
            if applies(case.applies_to, AppliesTo::Server) {
                suite.add((protocol, "server_response"), &case.id, reason());
            }
        }
    }
}

struct Cx<'a> {
    service: &'a ir::Service,
    index: &'a TraitIndex,
    paths: Paths,
    krate: proc_macro2::Ident,
}

fn applies(to: Option<AppliesTo>, side: AppliesTo) -> bool {
    to.is_none_or(|t| t == side)
}

fn strs(items: &[String]) -> TokenStream {
    quote!(&[#(#items),*])
}

fn pairs(map: &BTreeMap<String, String>) -> TokenStream {
    let items = map.iter().map(|(k, v)| quote!((#k, #v)));
    quote!(&[#(#items),*])
}

/// A case's body as the bytes sent: its text, base64-decoded for a binary media type
/// (http-protocol-compliance-tests.rst: "Binary media type formats require that the
/// contents of `body` are base64 encoded"), as an `Option<&[u8]>`.
fn wire_body(body: &Option<String>, media_type: &Option<String>) -> TokenStream {
    use base64::Engine as _;
    let Some(body) = body else {
        return quote!(None);
    };
    let bytes = match media_type.as_deref() {
        Some(media) if is_binary(media) => base64::engine::general_purpose::STANDARD
            .decode(body.trim())
            .unwrap_or_else(|_| body.as_bytes().to_vec()),
        _ => body.as_bytes().to_vec(),
    };
    let literal = proc_macro2::Literal::byte_string(&bytes);
    quote!(Some(&#literal[..]))
}

/// Whether a body media type is binary (its case bodies are base64).
fn is_binary(media_type: &str) -> bool {
    media_type == "application/cbor"
}

fn opt(value: &Option<String>) -> TokenStream {
    match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

impl Cx<'_> {
    fn known(&self, id: &ShapeId) -> &Known {
        self.index.get(id)
    }

    /// Whether a case of `protocol` runs against this service: the protocol it speaks.
    fn speaks(&self, protocol: &ShapeId) -> bool {
        ir::Protocol::from_trait(&protocol.to_string()) == Some(self.service.protocol)
    }

    /// An awsJson request case's headers with the `X-Amz-Target` its operation needs
    /// when the case leaves it out (some server cases do: the protocol's servers identify
    /// the operation by it, spec aws-json-1_0-protocol.rst "Identification for
    /// claiming"), and the correction to print.
    fn with_target(
        &self,
        op: &OperationDef,
        headers: &BTreeMap<String, String>,
    ) -> (BTreeMap<String, String>, Option<String>) {
        let aws_json = matches!(
            self.service.protocol,
            ir::Protocol::AwsJson1_0 | ir::Protocol::AwsJson1_1
        );
        if !aws_json
            || headers
                .keys()
                .any(|k| k.eq_ignore_ascii_case("x-amz-target"))
        {
            return (headers.clone(), None);
        }
        let target = format!("{}.{}", self.service.id.name(), op.id.name());
        let correction = format!(
            "the case's request has no X-Amz-Target, by which awsJson servers identify the \
             operation; sent with `X-Amz-Target: {target}`"
        );
        let mut headers = headers.clone();
        headers.insert("X-Amz-Target".to_owned(), target);
        (headers, Some(correction))
    }

    /// The module of this service's cases of `kind`.
    fn kind(&self, kind: &'static str) -> (&'static str, &'static str) {
        (service_module(self.service), kind)
    }

    fn op_path(&self, op: &OperationDef) -> TokenStream {
        let service = &self.paths.service;
        let name = &op.name;
        quote!(#service::#name)
    }

    /// The expression for `params` of the structure `symbol` (`()` for Unit).
    fn value(
        &self,
        symbol: Option<&Symbol>,
        params: &Option<serde_json::Value>,
    ) -> Result<TokenStream, String> {
        let empty = serde_json::Value::Object(serde_json::Map::new());
        match symbol {
            None => Ok(quote!(())),
            Some(symbol) => values::structure(
                self.service,
                &self.paths,
                symbol,
                params.as_ref().unwrap_or(&empty),
            ),
        }
    }

    fn operation(&self, suite: &mut Suite, op: &OperationDef) {
        let known = self.known(&op.id);
        let skip = self.skip_reason(op);
        for case in known
            .http_request_tests
            .iter()
            .filter(|c| self.speaks(&c.protocol))
        {
            let body = |f: fn(
                &Self,
                &OperationDef,
                &HttpRequestTestCase,
            ) -> Result<TokenStream, String>| {
                match &skip {
                    Some(reason) => Err(reason.clone()),
                    None => f(self, op, case),
                }
            };
            if applies(case.applies_to, AppliesTo::Client) {
                suite.add(
                    self.kind("client_request"),
                    &case.id,
                    body(Self::client_request),
                );
            }
            if applies(case.applies_to, AppliesTo::Server) {
                suite.add(
                    self.kind("server_request"),
                    &case.id,
                    body(Self::server_request),
                );
            }
        }
        for case in known
            .http_response_tests
            .iter()
            .filter(|c| self.speaks(&c.protocol))
        {
            let op_path = self.op_path(op);
            let value = match &skip {
                Some(reason) => Err(reason.clone()),
                None => self
                    .value(op.output.as_ref(), &case.params)
                    .map_err(|e| format!("params do not convert: {e}")),
            };
            if applies(case.applies_to, AppliesTo::Client) {
                let test = value
                    .clone()
                    .map(|v| self.client_response(&op_path, v, case));
                suite.add(self.kind("client_response"), &case.id, test);
            }
            if applies(case.applies_to, AppliesTo::Server) {
                let test = value.and_then(|v| self.server_response(op, quote!(Ok(#v)), case));
                suite.add(self.kind("server_response"), &case.id, test);
            }
        }
        for case in known
            .http_malformed_request_tests
            .iter()
            .filter(|c| self.speaks(&c.protocol))
        {
            for (id, expanded) in super::expand_malformed(case) {
                let body = match &skip {
                    Some(reason) => Err(reason.clone()),
                    None => Ok(self.malformed(op, &expanded)),
                };
                suite.add(self.kind("malformed"), &id, body);
            }
        }
    }

    /// Whether the operation's input has top-level `@default` members (`with_defaults()`).
    fn has_input_defaults(&self, op: &OperationDef) -> bool {
        let input = op
            .input
            .as_ref()
            .and_then(|s| self.service.types.get(&s.name));
        input.is_some_and(|t| {
            matches!(&t.kind, ir::TypeKind::Struct(s) if s.fields.iter().any(|f| {
                matches!(f.presence, ir::Presence::InputDefault(_))
            }))
        })
    }

    /// Why an operation's cases are not run, if they are not.
    fn skip_reason(&self, op: &OperationDef) -> Option<String> {
        let streaming =
            |symbol: &Option<Symbol>| {
                symbol.as_ref().and_then(|s| self.service.types.get(&s.name)).is_some_and(|t| {
                matches!(&t.kind, ir::TypeKind::Struct(s) if s.fields.iter().any(|f| {
                    self.known(&f.ty.shape).streaming && !matches!(f.ty.kind, ir::TyKind::Blob)
                }))
            })
            };
        if streaming(&op.input) || streaming(&op.output) {
            return Some("event streams are out of scope".to_owned());
        }
        if op.http.is_none() && !self.service.protocol.ignores_http_bindings() {
            return Some("the operation has no @http trait".to_owned());
        }
        None
    }

    fn client_request(
        &self,
        op: &OperationDef,
        case: &HttpRequestTestCase,
    ) -> Result<TokenStream, String> {
        let input = self.value(op.input.as_ref(), &case.params)?;
        let op_path = self.op_path(op);
        let krate = &self.krate;
        let endpoint = format!("https://{}", case.host.as_deref().unwrap_or("example.com"));
        let (method, uri) = (&case.method, &case.uri);
        let resolved = opt(&case.resolved_host);
        let (query, forbid_query, require_query) = (
            strs(&case.query_params),
            strs(&case.forbid_query_params),
            strs(&case.require_query_params),
        );
        let (headers, forbid, require) = (
            pairs(&case.headers),
            strs(&case.forbid_headers),
            strs(&case.require_headers),
        );
        let (body, media) = (opt(&case.body), opt(&case.body_media_type));
        Ok(quote! {
            let input = #input;
            // The suite expects this token wherever one is generated.
            let request = #krate::runtime::with_fixed_idempotency_token(
                "00000000-0000-4000-8000-000000000000",
                || #krate::runtime::protocol::serialize_request::<#op_path>(&input, #endpoint),
            )
            .expect("the request serializes");
            check::check_request(&request, &check::ExpectedRequest {
                method: #method, uri: #uri, resolved_host: #resolved,
                query_params: #query, forbid_query_params: #forbid_query,
                require_query_params: #require_query, headers: #headers,
                forbid_headers: #forbid, require_headers: #require,
                body: #body, body_media_type: #media,
            });
        })
    }

    fn server_request(
        &self,
        op: &OperationDef,
        case: &HttpRequestTestCase,
    ) -> Result<TokenStream, String> {
        let expected = self.value(op.input.as_ref(), &case.params)?;
        // A server fills the top-level defaults the request leaves out.
        let expected = if self.has_input_defaults(op) {
            quote!((#expected).with_defaults())
        } else {
            expected
        };
        let op_path = self.op_path(op);
        let (method, uri) = (&case.method, &case.uri);
        let (headers, correction) = self.with_target(op, &case.headers);
        let (query, headers) = (strs(&case.query_params), pairs(&headers));
        let body = wire_body(&case.body, &case.body_media_type);
        let server = self.server(None);
        let rt = &self.paths.rt;
        let correction = correction.map(|c| quote!(println!("corrected: {}", #c);));
        Ok(quote! {
            #correction
            let server = #server;
            let request = check::request(#method, #uri, #query, #headers, #body);
            let response = check::serve(&server, request);
            let input = server.service().0.input::<<#op_path as #rt::Operation>::Input>()
                .unwrap_or_else(|| panic!(
                    "the request parses: {} {}",
                    response.status(),
                    String::from_utf8_lossy(response.body()),
                ));
            check::assert_same(&input, &#expected);
        })
    }

    fn client_response(
        &self,
        op_path: &TokenStream,
        expected: TokenStream,
        case: &HttpResponseTestCase,
    ) -> TokenStream {
        let krate = &self.krate;
        let (code, headers) = (case.code, pairs(&case.headers));
        let body = wire_body(&case.body, &case.body_media_type);
        quote! {
            let response = check::response(#code, #headers, #body);
            let output = #krate::runtime::protocol::parse_response::<#op_path>(&response)
                .unwrap_or_else(|e| panic!("the response parses: {e:?}"));
            check::assert_same(&output, &#expected);
        }
    }

    /// A response case on the server: the scripted `reply` (an `Ok` output or an `Err`
    /// error of `op`) answered to a request routed to `op`.
    fn server_response(
        &self,
        op: &OperationDef,
        reply: TokenStream,
        case: &HttpResponseTestCase,
    ) -> Result<TokenStream, String> {
        let expected = expected_response(case);
        let rt = &self.paths.rt;
        let op_path = self.op_path(op);
        let reply = quote! {{
            let reply: Result<
                <#op_path as #rt::Operation>::Output,
                <#op_path as #rt::Operation>::Error,
            > = #reply;
            reply
        }};
        let server = self.server(Some(reply));
        let request = self.routed_request(op)?;
        Ok(quote! {
            let server = #server;
            let response = check::serve(&server, #request);
            assert!(
                server.service().0.input::<<#op_path as #rt::Operation>::Input>().is_some(),
                "the request reaches the operation: {} {}",
                response.status(),
                String::from_utf8_lossy(response.body()),
            );
            check::check_response(&response, &#expected);
        })
    }

    /// The generated server of the service around a fresh recorder answering `reply`
    /// (none: every call answers "not implemented").
    fn server(&self, reply: Option<TokenStream>) -> TokenStream {
        let service = &self.paths.service;
        let server = super::super::server::server_name(self.service);
        let recorder = recorder_name(self.service);
        let inner = match reply {
            Some(reply) => quote!(check::Recorder::replying(#reply)),
            None => quote!(check::Recorder::default()),
        };
        quote!(#service::#server::new(crate::recorders::#recorder(#inner)))
    }

    /// A request the server routes to `op` and parses: the client's request for the input
    /// `{}`, else for the params of the operation's first request case that converts.
    fn routed_request(&self, op: &OperationDef) -> Result<TokenStream, String> {
        let known = self.known(&op.id);
        let candidates = std::iter::once(None).chain(
            known
                .http_request_tests
                .iter()
                .filter(|c| self.speaks(&c.protocol))
                .map(|c| Some(&c.params)),
        );
        let mut first_error = None;
        for params in candidates {
            let params = params.cloned().flatten();
            match self.value(op.input.as_ref(), &params) {
                Ok(input) => {
                    let (krate, op_path) = (&self.krate, self.op_path(op));
                    return Ok(quote! {
                        check::received(
                            #krate::runtime::protocol::serialize_request::<#op_path>(
                                &#input,
                                "https://example.com",
                            )
                            .expect("the request serializes"),
                        )
                    });
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        Err(format!(
            "no request for the operation converts: {}",
            first_error.unwrap_or_default()
        ))
    }

    /// The recording implementation of the service trait: every operation with `@http`
    /// keeps its input in the recorder and answers its scripted reply.
    fn recorder(&self) -> TokenStream {
        let rt = &self.paths.rt;
        let service = &self.paths.service;
        let name = recorder_name(self.service);
        let trait_name = &self.service.trait_name;
        let methods = self
            .service
            .operations
            .values()
            .filter(|op| op.http.is_some() || self.service.protocol.ignores_http_bindings())
            .map(|op| {
                let (method, op_path, wire) = (&op.method, self.op_path(op), op.id.name());
                quote! {
                    fn #method(
                        &self,
                        input: <#op_path as #rt::Operation>::Input,
                    ) -> impl #rt::Reply<#op_path> {
                        type Reply = Result<
                            <#op_path as #rt::Operation>::Output,
                            <#op_path as #rt::Operation>::Error,
                        >;
                        let reply = self.0.call::<_, Reply>(input).unwrap_or_else(|| {
                            Err(#rt::UnhandledError::not_implemented(#wire).into())
                        });
                        std::future::ready(reply)
                    }
                }
            });
        quote! {
            pub struct #name(pub protocol_conformance::check::Recorder);
            impl #service::#trait_name for #name {
                #(#methods)*
            }
        }
    }

    /// Response cases on an error structure, run through the first operation that can
    /// return it.
    fn error(&self, suite: &mut Suite, error: &ir::ErrorDef) {
        let Some(op) = self
            .service
            .operations
            .values()
            .find(|op| op.errors.iter().any(|e| e.id == error.id))
        else {
            return;
        };
        let symbol = Symbol {
            name: error.name.clone(),
            home: Home::Errors,
        };
        let op_path = self.op_path(op);
        let service = &self.paths.service;
        let (error_enum, variant) = (&op.error_name, &error.name);
        for case in self
            .known(&error.id)
            .http_response_tests
            .iter()
            .filter(|c| self.speaks(&c.protocol))
        {
            let value = self.value(Some(&symbol), &case.params);
            let wrapped = value
                .as_ref()
                .map(|v| quote!(#service::#error_enum::#variant(#v)));
            if applies(case.applies_to, AppliesTo::Client) {
                let krate = &self.krate;
                let (code, headers) = (case.code, pairs(&case.headers));
                let body = wire_body(&case.body, &case.body_media_type);
                let test = wrapped.clone().map(|expected| {
                    quote! {
                        let response = check::response(#code, #headers, #body);
                        match #krate::runtime::protocol::parse_response::<#op_path>(&response) {
                            Err(#krate::runtime::protocol::CallError::Service(error)) => {
                                check::assert_same(&error, &#expected)
                            }
                            other => panic!("expected the modeled error, got {other:?}"),
                        }
                    }
                });
                suite.add(
                    self.kind("client_response"),
                    &case.id,
                    test.map_err(|e| format!("params do not convert: {e}")),
                );
            }
            if applies(case.applies_to, AppliesTo::Server) {
                let test = wrapped
                    .clone()
                    .map_err(|e| format!("params do not convert: {e}"))
                    .and_then(|v| self.server_response(op, quote!(Err(#v)), case));
                suite.add(self.kind("server_response"), &case.id, test);
            }
        }
    }

    fn malformed(&self, op: &OperationDef, case: &HttpMalformedRequestTestCase) -> TokenStream {
        let op_path = self.op_path(op);
        let r = &case.request;
        let (method, uri) = (&r.method, &r.uri);
        let (query, headers) = (strs(&r.query_params), pairs(&r.headers));
        let body = wire_body(&r.body, &None);
        let code = case.response.code;
        let response_headers = pairs(&case.response.headers);
        let correction = correction_of("malformed", &case.id);
        let announce = correction.map(|c| quote!(println!("expectation corrected: {}", #c);));
        let (body_check, media, regex) = match &case.response.body {
            None => (quote!(None), quote!(None), quote!(None)),
            Some(b) => {
                let media = &b.media_type;
                match &b.assertion {
                    BodyAssertion::Contents(c) => {
                        let c = match correction {
                            Some(_) => super::format(c, &BTreeMap::new()),
                            None => c.clone(),
                        };
                        (quote!(Some(#c)), quote!(Some(#media)), quote!(None))
                    }
                    BodyAssertion::MessageRegex(re) => {
                        (quote!(None), quote!(Some(#media)), quote!(Some(#re)))
                    }
                }
            }
        };
        let server = self.server(None);
        let rt = &self.paths.rt;
        let redos = REDOS.iter().find(|(id, _)| *id == case.id).map(|(_, millis)| {
            let long = r.body.as_deref().map(|b| scaled(b, 10));
            let long = wire_body(&long, &None);
            quote! {
                // The same input, ten times as long: answered the same way, in bounded time.
                let started = std::time::Instant::now();
                let response = check::serve(&server, check::request(#method, #uri, #query, #headers, #long));
                let elapsed = started.elapsed();
                assert_eq!(response.status().as_u16(), #code, "the 10x input's status");
                assert!(elapsed < std::time::Duration::from_millis(#millis), "the 10x input took {elapsed:?}");
                println!("10x input answered in {elapsed:?}");
            }
        });
        quote! {
            #announce
            let server = #server;
            let request = check::request(#method, #uri, #query, #headers, #body);
            let response = check::serve(&server, request);
            if let Some(input) = server.service().0.input::<<#op_path as #rt::Operation>::Input>() {
                panic!("a malformed request was accepted: {input:?}");
            }
            check::check_response(&response, &check::ExpectedResponse {
                code: #code, headers: #response_headers, forbid_headers: &[], require_headers: &[],
                body: #body_check, body_media_type: #media, message_regex: #regex,
            });
            #redos
        }
    }
}

/// The recording implementation's name: `<Trait>Recorder`.
fn recorder_name(service: &ir::Service) -> proc_macro2::Ident {
    format_ident!("{}Recorder", service.trait_name.as_str())
}

fn expected_response(case: &HttpResponseTestCase) -> TokenStream {
    let code = case.code;
    let (headers, forbid, require) = (
        pairs(&case.headers),
        strs(&case.forbid_headers),
        strs(&case.require_headers),
    );
    let (body, media) = (opt(&case.body), opt(&case.body_media_type));
    quote! {
        check::ExpectedResponse {
            code: #code, headers: #headers, forbid_headers: #forbid, require_headers: #require,
            body: #body, body_media_type: #media, message_regex: None,
        }
    }
}

//! `protocol.rs` of a service (feature `http`): the restJson1 and restXml bindings (spec
//! http-bindings.rst, aws-restjson1-protocol.rst, aws-restxml-protocol.rst), the RPC
//! protocols' bodies, and the awsQuery and ec2Query forms. Each operation input implements
//! `rt::protocol::Input`, each output and error structure `rt::protocol::Output`, each
//! operation error enum `rt::protocol::OperationError`: a line per bound member calling the
//! runtime's builders and readers, which do the work. Body members travel as the type's
//! serde form (bound members are `#[serde(skip)]`); restXml writes the same HTTP bindings
//! as restJson1 and differs only in the body and payload calls (XML, through the type's
//! `rt::xml::Shape` descriptor, `emit/xml.rs`).

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::serde_attrs::is_bound;
use super::{file, inner_docs};
use crate::ir::{
    Field, HttpBinding, NamedKind, OperationDef, Presence, Service, StructDef, TimestampFormat, Ty,
    TyKind, TypeKind, XmlService,
};

/// The body codec of a service's messages, as the generated calls name it.
#[derive(Debug, Clone, Copy)]
enum Body<'a> {
    /// The protocol's own JSON or CBOR body: `r.body`, `r.json_payload`.
    Json,
    /// XML: `r.xml_body`, `r.xml_payload` (restXml; awsQuery and ec2Query responses),
    /// with the service's XML traits (a payload member's `@xmlName`).
    Xml(&'a XmlService),
}

impl Body<'_> {
    fn of(service: &Service) -> Body<'_> {
        match &service.xml {
            Some(xml) if service.protocol.is_xml() => Body::Xml(xml),
            _ => Body::Json,
        }
    }
}

pub(crate) fn file_tokens(service: &Service) -> TokenStream {
    let mut items: BTreeMap<String, TokenStream> = BTreeMap::new();
    let body = Body::of(service);
    for op in service.operations.values() {
        if let Some(input) = &op.input {
            if let Some(def) = struct_def(service, &input.name) {
                let tokens = if service.protocol.is_query() {
                    form_input_impl(op, &input.name, def)
                } else {
                    input_impl(
                        op,
                        &input.name,
                        def,
                        service.protocol.ignores_http_bindings(),
                        body,
                    )
                };
                items.insert(format!("{}:input", input.name), tokens);
            }
        }
        if let Some(output) = &op.output {
            if let Some(def) = struct_def(service, &output.name) {
                let name = &output.name;
                items.insert(
                    format!("{name}:output"),
                    output_impl(&quote!(super::#name), def, body, false),
                );
            }
        }
        items.insert(
            format!("{}:error", op.error_name),
            operation_error(service, op),
        );
    }
    for error in service.errors.values() {
        let name = &error.name;
        items.insert(
            format!("{name}:output"),
            output_impl(&quote!(super::#name), &error.fields, body, true),
        );
    }
    let header = inner_docs(&format!(
        "{} bindings of the `{}` service's inputs, outputs and errors.",
        service.protocol.name(),
        service.sdk_id
    ));
    let imports = quote! {
        #[allow(unused_imports)]
        use rt::protocol::{
            BuildError, HttpResponse, Input, Output, ParseError, Rejection, RequestBuilder,
            ResponseBuilder, ServerRequest,
        };
        #[allow(unused_imports)]
        use rt::TimestampFormat as Ts;
    };
    items.insert(String::new(), imports);
    file(header, items)
}

fn struct_def<'a>(service: &'a Service, name: &crate::naming::Ident) -> Option<&'a StructDef> {
    match &service.types.get(name)?.kind {
        TypeKind::Struct(def) => Some(def),
        _ => None,
    }
}

/// The timestamp format of a member at `default`'s location: its own, else the default.
fn format(ty: &Ty, default: TimestampFormat) -> TokenStream {
    let item = match &ty.kind {
        TyKind::List { item, .. } => item,
        _ => ty,
    };
    match item.timestamp_format.unwrap_or(default) {
        TimestampFormat::DateTime => quote!(Ts::DateTime),
        TimestampFormat::HttpDate => quote!(Ts::HttpDate),
        TimestampFormat::EpochSeconds => quote!(Ts::EpochSeconds),
    }
}

/// The name of a `write`'s builder parameter: `_` when nothing is written.
fn writer(unused: bool) -> TokenStream {
    if unused {
        quote!(_)
    } else {
        quote!(r)
    }
}

/// Whether a member is the `@httpPayload`.
fn has_payload(def: &StructDef) -> bool {
    def.fields
        .iter()
        .any(|f| f.http == Some(HttpBinding::Payload))
}

/// Whether any member travels in the body: one without a binding, or in an output or
/// error one with a label or query binding, which mean nothing there (its serde form
/// keeps them, [`is_bound`]).
fn has_body(def: &StructDef) -> bool {
    def.fields
        .iter()
        .any(|f| !is_bound(def, f) && f.http != Some(HttpBinding::Payload))
}

fn is_optional(field: &Field) -> bool {
    field.presence.is_option()
}

/// `self.f` as an `Option<&T>`, for payload and status writers.
fn as_option(field: &Field) -> TokenStream {
    let name = &field.name;
    if is_optional(field) {
        quote!(self.#name.as_ref())
    } else {
        quote!(Some(&self.#name))
    }
}

/// The payload's kind: the body codec's (structure, union, document), blob, or text
/// (string, enum).
enum PayloadKind {
    Json,
    Blob(String),
    Text(String),
}

fn payload_kind(field: &Field) -> PayloadKind {
    let media = |default: &str| {
        field
            .media_type
            .clone()
            .unwrap_or_else(|| default.to_owned())
    };
    match &field.ty.kind {
        TyKind::Blob => PayloadKind::Blob(media("application/octet-stream")),
        TyKind::String
        | TyKind::Named {
            kind: NamedKind::Enum,
            ..
        } => PayloadKind::Text(media("text/plain")),
        _ => PayloadKind::Json,
    }
}

/// `rt::protocol::Input`: client `write` and server `read`.
fn input_impl(
    op: &OperationDef,
    name: &crate::naming::Ident,
    def: &StructDef,
    rpc: bool,
    body: Body,
) -> TokenStream {
    let mut writes = Vec::new();
    let mut reads = Vec::new();
    for field in &def.fields {
        let Some(binding) = &field.http else { continue };
        let (w, r) = input_member(field, binding, body);
        writes.push(w);
        reads.extend(r);
    }
    writes.splice(0..0, host_prefix(op, def));
    // An RPC input is always a body, `{}` when it has no members.
    let body_write = match body {
        Body::Json if has_body(def) || rpc => quote!(r.body(self)?;),
        Body::Xml(_) if has_body(def) => quote!(r.xml_body(self)?;),
        _ => quote!(),
    };
    let start = if has_body(def) || def.fields.is_empty() {
        // An input with no members at all still accepts a JSON object (an empty XML
        // body: every member absent).
        match body {
            Body::Json => quote!(let mut v: Self = r.body()?;),
            Body::Xml(_) => quote!(let mut v: Self = r.xml_body()?;),
        }
    } else {
        quote!(let mut v: Self = r.empty()?;)
    };
    // Members first, so a malformed header is reported before an unwanted Content-Type.
    let finish = if !has_body(def) && !has_payload(def) && !def.fields.is_empty() {
        quote!(r.no_body()?;)
    } else {
        quote!()
    };
    let mutable = if reads.is_empty() {
        quote!(#[allow(unused_mut)])
    } else {
        quote!()
    };
    let writer = writer(writes.is_empty() && !has_body(def) && !rpc);
    // A top-level `@default` member the request left out reads as its default.
    let finished = if def
        .fields
        .iter()
        .any(|f| matches!(f.presence, Presence::InputDefault(_)))
    {
        quote!(v.with_defaults())
    } else {
        quote!(v)
    };
    quote! {
        impl Input for super::#name {
            fn write(&self, #writer: &mut RequestBuilder) -> Result<(), BuildError> {
                #(#writes)*
                #body_write
                Ok(())
            }
            #mutable
            fn read(r: &ServerRequest<'_>) -> Result<Self, Rejection> {
                #start
                #(#reads)*
                #finish
                Ok(#finished)
            }
        }
    }
}

/// `r.host_prefix(..)?;` for an operation with an `@endpoint` host prefix.
fn host_prefix(op: &OperationDef, def: &StructDef) -> Option<TokenStream> {
    let prefix = op.host_prefix.as_ref()?;
    let labels = def.fields.iter().filter(|f| f.host_label).map(|f| {
        let member = f.id.member().unwrap_or_default();
        let fname = &f.name;
        quote!((#member, self.#fname.as_str()))
    });
    Some(quote!(r.host_prefix(#prefix, &[#(#labels),*])?;))
}

/// `rt::protocol::Input` of awsQuery and ec2Query (spec aws-query-protocol.rst,
/// aws-ec2-query-protocol.rst): the whole input as the request form, HTTP bindings
/// ignored. No server reads these protocols, so `read` is the runtime's refusal.
fn form_input_impl(op: &OperationDef, name: &crate::naming::Ident, def: &StructDef) -> TokenStream {
    let prefix = host_prefix(op, def);
    quote! {
        impl Input for super::#name {
            fn write(&self, r: &mut RequestBuilder) -> Result<(), BuildError> {
                #prefix
                r.form(self)?;
                Ok(())
            }
            fn read(r: &ServerRequest<'_>) -> Result<Self, Rejection> {
                r.form_input()
            }
        }
    }
}

/// The write and read of one bound input member.
fn input_member(
    field: &Field,
    binding: &HttpBinding,
    body: Body,
) -> (TokenStream, Option<TokenStream>) {
    let fname = &field.name;
    let member = field.id.member().unwrap_or_default();
    match binding {
        HttpBinding::Label => {
            let f = format(&field.ty, TimestampFormat::DateTime);
            let name = member;
            (
                quote!(r.label(#name, &self.#fname, #f)?;),
                Some(quote!(v.#fname = r.label(#name, #f)?;)),
            )
        }
        HttpBinding::Query(key) => {
            let f = format(&field.ty, TimestampFormat::DateTime);
            let value = member_value(field);
            (
                quote!(r.query(#key, #value, #f)?;),
                Some(quote!(v.#fname = r.query(#key, #member, #f)?;)),
            )
        }
        HttpBinding::QueryParams => (
            {
                let value = as_option(field);
                quote!(r.query_params(#value)?;)
            },
            Some(assign_read(field, quote!(r.query_params()?))),
        ),
        HttpBinding::Header(name) => {
            let f = format(&field.ty, TimestampFormat::HttpDate);
            (
                header_write(field, name, &f),
                Some(header_read(field, name, member, &f)),
            )
        }
        HttpBinding::PrefixHeaders(prefix) => (
            {
                let value = as_option(field);
                quote!(r.prefix_headers(#prefix, #value)?;)
            },
            Some(assign_read(field, quote!(r.prefix_headers(#prefix)))),
        ),
        HttpBinding::Payload => payload(field, body),
        HttpBinding::ResponseCode => (quote!(), None),
    }
}

/// `v.f = read;` for an optional member (`read` gives an `Option`); for a required or
/// defaulted one, the value when present (else it keeps its zero value or default).
fn assign_read(field: &Field, read: TokenStream) -> TokenStream {
    let fname = &field.name;
    if is_optional(field) {
        quote!(v.#fname = #read;)
    } else {
        quote!(if let Some(x) = #read { v.#fname = x; })
    }
}

/// `&self.f`, or for an idempotency token its value or a new token.
fn member_value(field: &Field) -> TokenStream {
    let fname = &field.name;
    if field.presence == Presence::IdempotencyToken {
        quote!(&rt::token_or_new(&self.#fname))
    } else {
        quote!(&self.#fname)
    }
}

/// A header write; `@mediaType` strings go base64-encoded.
fn header_write(field: &Field, name: &str, f: &TokenStream) -> TokenStream {
    let fname = &field.name;
    if field.media_type.is_some() && field.ty.kind == TyKind::String {
        let value = if is_optional(field) {
            quote!(&self.#fname.as_ref().map(|s| rt::MediaTypeString(s.clone())))
        } else {
            quote!(&rt::MediaTypeString(self.#fname.clone()))
        };
        return quote!(r.header(#name, #value, #f)?;);
    }
    let value = member_value(field);
    quote!(r.header(#name, #value, #f)?;)
}

fn header_read(field: &Field, name: &str, member: &str, f: &TokenStream) -> TokenStream {
    let fname = &field.name;
    if field.media_type.is_some() && field.ty.kind == TyKind::String {
        return if is_optional(field) {
            quote!(v.#fname = r.header::<Option<rt::MediaTypeString>>(#name, #member, #f)?.map(|s| s.0);)
        } else {
            quote!(v.#fname = r.header::<rt::MediaTypeString>(#name, #member, #f)?.0;)
        };
    }
    quote!(v.#fname = r.header(#name, #member, #f)?;)
}

/// The write and read of an `@httpPayload` member (same calls on both sides).
fn payload(field: &Field, body: Body) -> (TokenStream, Option<TokenStream>) {
    let fname = &field.name;
    let value = as_option(field);
    let assign = |read: TokenStream| {
        if is_optional(field) {
            quote!(v.#fname = #read;)
        } else {
            quote!(if let Some(x) = #read { v.#fname = x; })
        }
    };
    match (payload_kind(field), body) {
        // The root element is the member's `@xmlName`, else the target's own name.
        (PayloadKind::Json, Body::Xml(xml)) => {
            let element = match &xml.get(&field.id).name {
                Some(name) => quote!(Some(#name)),
                None => quote!(None),
            };
            (
                quote!(r.xml_payload(#value, #element)?;),
                Some(assign(quote!(r.xml_payload()?))),
            )
        }
        (PayloadKind::Json, Body::Json) => {
            let structure = matches!(
                field.ty.kind,
                TyKind::Named {
                    kind: NamedKind::Struct,
                    ..
                }
            );
            (
                quote!(r.json_payload(#value, #structure)?;),
                Some(assign(quote!(r.json_payload()?))),
            )
        }
        (PayloadKind::Blob(media), _) => (
            quote!(r.blob_payload(#value, #media);),
            Some(assign(quote!(r.blob_payload(#media)?))),
        ),
        (PayloadKind::Text(media), _) => (
            quote!(r.text_payload(#value, #media)?;),
            Some(assign(quote!(r.text_payload(#media)?))),
        ),
    }
}

/// `rt::protocol::Output`: client `read` and server `write`. JSON bodies without bound
/// members use the runtime's `BodyOutput`; XML ones always get their own impl.
fn output_impl(target: &TokenStream, def: &StructDef, body: Body, error: bool) -> TokenStream {
    if matches!(body, Body::Json) && def.fields.iter().all(|f| f.http.is_none()) {
        return quote!(impl rt::protocol::BodyOutput for #target {});
    }
    let mut reads = Vec::new();
    let mut writes = Vec::new();
    for field in &def.fields {
        let Some(binding) = &field.http else { continue };
        let (r, w) = output_member(field, binding, body);
        reads.extend((!r.is_empty()).then_some(r));
        writes.extend((!w.is_empty()).then_some(w));
    }
    let read = match body {
        _ if has_payload(def) => quote!(r.empty()?),
        Body::Json => quote!(r.body()?),
        Body::Xml(_) => quote!(r.xml_body()?),
    };
    let start = if reads.is_empty() {
        quote!(let v: Self = #read;)
    } else {
        quote!(let mut v: Self = #read;)
    };
    // Without a payload the JSON body is the object of the body members, `{}` if none;
    // an XML body is written when there are body members, and always for an error (its
    // envelope names the error).
    let body_write = match body {
        _ if has_payload(def) => quote!(),
        Body::Json => quote!(r.body(self)?;),
        Body::Xml(_) if has_body(def) || error => quote!(r.xml_body(self)?;),
        Body::Xml(_) => quote!(),
    };
    let writer = writer(writes.is_empty() && body_write.is_empty());
    let body_type = match body {
        Body::Json => "application/json",
        Body::Xml(_) => "application/xml",
    };
    let content_type = def
        .fields
        .iter()
        .find(|f| f.http == Some(HttpBinding::Payload))
        .map(|f| match payload_kind(f) {
            PayloadKind::Json => body_type.to_owned(),
            // Any `Accept` admits a blob of no modeled media type.
            PayloadKind::Blob(_) if f.media_type.is_none() => "*/*".to_owned(),
            PayloadKind::Blob(media) | PayloadKind::Text(media) => media,
        })
        .unwrap_or_else(|| body_type.to_owned());
    // `application/json` is the trait's default.
    let content_type = (content_type != "application/json")
        .then(|| quote!(const CONTENT_TYPE: &'static str = #content_type;));
    quote! {
        impl Output for #target {
            #content_type
            fn read(r: &HttpResponse<'_>) -> Result<Self, ParseError> {
                #start
                #(#reads)*
                Ok(v)
            }
            fn write(&self, #writer: &mut ResponseBuilder) -> Result<(), BuildError> {
                #(#writes)*
                #body_write
                Ok(())
            }
        }
    }
}

/// The read and write of one bound output or error member. A required member missing
/// from a response keeps its zero value (client error correction).
fn output_member(field: &Field, binding: &HttpBinding, body: Body) -> (TokenStream, TokenStream) {
    let fname = &field.name;
    let optional = is_optional(field);
    match binding {
        HttpBinding::Header(name) => {
            let f = format(&field.ty, TimestampFormat::HttpDate);
            let media = field.media_type.is_some() && field.ty.kind == TyKind::String;
            let read = match (media, optional) {
                (true, _) => assign_read(
                    field,
                    quote!(r.header::<Option<rt::MediaTypeString>>(#name, #f)?.map(|s| s.0)),
                ),
                (false, true) => quote!(v.#fname = r.header(#name, #f)?;),
                (false, false) => quote!(if let Some(x) = r.header(#name, #f)? { v.#fname = x; }),
            };
            (read, header_write(field, name, &f))
        }
        HttpBinding::PrefixHeaders(prefix) => {
            let value = as_option(field);
            (
                assign_read(field, quote!(r.prefix_headers(#prefix))),
                quote!(r.prefix_headers(#prefix, #value)?;),
            )
        }
        HttpBinding::ResponseCode => {
            let value = as_option(field);
            let read = if optional {
                quote!(v.#fname = Some(r.response_code());)
            } else {
                quote!(v.#fname = r.response_code();)
            };
            (read, quote!(r.response_code(#value.copied());))
        }
        HttpBinding::Payload => {
            let (write, read) = payload(field, body);
            (read.unwrap_or_default(), write)
        }
        // Labels and query strings belong to requests; an output ignores them.
        HttpBinding::Label | HttpBinding::Query(_) | HttpBinding::QueryParams => {
            (quote!(), quote!())
        }
    }
}

/// `rt::protocol::OperationError` for an operation's error enum, from its error table.
fn operation_error(service: &Service, op: &OperationDef) -> TokenStream {
    let name = &op.error_name;
    let rows = op
        .errors
        .iter()
        .filter_map(|e| service.errors.get(&e.variant))
        .map(|e| {
            // Responses name the error by its shape (`__type`, `X-Amzn-Errortype`, restXml's
            // `<Code>`), also in a query-compatible service, whose `CODE` is the awsQuery
            // one; awsQuery and ec2Query name it by its `@awsQueryError` code.
            let variant = &e.name;
            let name = if service.protocol.is_query() {
                e.code.as_str()
            } else {
                e.id.name()
            };
            let id = e.id.to_string();
            let status = Literal::u16_unsuffixed(e.status);
            let query = service.query_compatible.then(|| {
                let fault = match e.fault {
                    crate::ir::Fault::Client => "Sender",
                    crate::ir::Fault::Server => "Receiver",
                };
                format!("{};{fault}", e.code)
            });
            quote!(#variant = #name #id #status #query)
        });
    quote!(rt::operation_error!(super::#name { #(#rows),* });)
}

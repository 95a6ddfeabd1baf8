//! `xml.rs` of a service speaking restXml, awsQuery or ec2Query (feature `http`): one
//! `static` descriptor (`rt::xml::Structure`) per structure, union and error structure,
//! and `impl rt::xml::Shape` pointing each type at its own. The runtime's XML and query
//! codecs take values from the types' serde form and names from these descriptors (spec
//! protocol-traits.rst "XML bindings", aws-query-protocol.rst, aws-ec2-query-protocol.rst).
//!
//! A member's `key` is its serde key ([`wire_name`]), so a descriptor and the serde form
//! can never disagree; members the serde form skips (bound to a label, query string,
//! header or status code) are not described.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::serde_attrs::{is_bound, wire_name};
use super::{file, inner_docs};
use crate::ir::{
    NamedKind, Protocol, Service, StructDef, TimestampFormat, Ty, TyKind, TypeKind, UnionDef,
    XmlNamespace, XmlService, XmlTraits,
};
use crate::model::ShapeId;
use crate::naming::{self, Ident, Scope};

/// `Some(rt::Namespace { .. })` for an `@xmlNamespace`, else `None`.
pub(crate) fn namespace(ns: Option<&XmlNamespace>) -> TokenStream {
    match ns {
        None => quote!(None),
        Some(ns) => {
            let uri = &ns.uri;
            let prefix = match &ns.prefix {
                Some(p) => quote!(Some(#p)),
                None => quote!(None),
            };
            quote!(Some(rt::Namespace { uri: #uri, prefix: #prefix }))
        }
    }
}

/// A member's key in an awsQuery or ec2Query request (spec aws-query-protocol.rst
/// "Query key resolution", aws-ec2-query-protocol.rst "Query key resolution"): for
/// ec2Query `@ec2QueryName`, else `@xmlName` or the member name with its first letter
/// upper-cased; for the others `@xmlName`, else the member name.
pub(crate) fn query_name(protocol: Protocol, member: &str, traits: &XmlTraits) -> String {
    let named = traits.name.as_deref().unwrap_or(member);
    if protocol != Protocol::Ec2Query {
        return named.to_owned();
    }
    if let Some(name) = &traits.ec2_query_name {
        return name.clone();
    }
    let mut chars = named.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(crate) fn file_tokens(service: &Service) -> TokenStream {
    let xml = service.xml.clone().unwrap_or_default();
    let describe = Describe::new(service, &xml);
    let mut items: BTreeMap<String, TokenStream> = BTreeMap::new();
    let mut unit_used = false;
    for (name, def) in &service.types {
        let (members, unit) = match &def.kind {
            TypeKind::Struct(s) => (describe.struct_members(s), false),
            TypeKind::Union(u) => describe.union_members(u),
            TypeKind::Enum(_) => continue,
        };
        unit_used |= unit;
        items.insert(name.to_string(), describe.shape(name, &def.id, &members));
    }
    for (name, def) in &service.errors {
        let members = describe.struct_members(&def.fields);
        items.insert(name.to_string(), describe.shape(name, &def.id, &members));
    }
    if unit_used {
        let unit = &describe.unit;
        items.insert(
            String::new(),
            quote! {
                /// The form of a union member targeting `smithy.api#Unit`: `{}`.
                static #unit: rt::xml::Structure = rt::xml::Structure {
                    name: "Unit",
                    namespace: None,
                    members: &[],
                };
            },
        );
    }
    let header = inner_docs(&format!(
        "XML descriptors of the `{}` service's structures, unions and errors ({}): how \
         the runtime writes and reads their serde form.",
        service.sdk_id,
        service.protocol.name()
    ));
    file(header, items)
}

/// What describing a service's types needs: its XML traits and each type's static.
struct Describe<'a> {
    protocol: Protocol,
    xml: &'a XmlService,
    /// The descriptor static of each structure, union and error, by Rust type name.
    statics: BTreeMap<Ident, Ident>,
    /// The static of the unit member form.
    unit: Ident,
}

impl<'a> Describe<'a> {
    fn new(service: &Service, xml: &'a XmlService) -> Self {
        // Names are claimed in type name order, so a collision after upper-casing is
        // numbered the same way on every run.
        let mut scope = Scope::new();
        let mut statics = BTreeMap::new();
        let aggregates = service
            .types
            .iter()
            .filter(|(_, def)| !matches!(def.kind, TypeKind::Enum(_)))
            .map(|(name, _)| name)
            .chain(service.errors.keys());
        for name in aggregates {
            let ident = scope.claim(naming::xml_static(name.as_str()));
            statics.insert(name.clone(), ident);
        }
        Describe {
            protocol: service.protocol,
            xml,
            statics,
            unit: scope.claim(naming::xml_static("Unit")),
        }
    }

    /// The static and `Shape` impl of the structure, union or error `name` (shape `id`).
    fn shape(&self, name: &Ident, id: &ShapeId, members: &[TokenStream]) -> TokenStream {
        let Some(ident) = self.statics.get(name) else {
            return quote!();
        };
        let own = self.xml.get(id);
        let element = own.name.as_deref().unwrap_or(id.name());
        let ns = namespace(own.namespace.as_ref());
        let doc = format!(" The XML form of [`{name}`](super::{name}) (`{id}`).");
        quote! {
            #[doc = #doc]
            static #ident: rt::xml::Structure = rt::xml::Structure {
                name: #element,
                namespace: #ns,
                members: &[#(#members),*],
            };
            impl rt::xml::Shape for super::#name {
                const XML: &'static rt::xml::Structure = &#ident;
            }
        }
    }

    /// The members of a structure that its serde form writes, in model order.
    fn struct_members(&self, def: &StructDef) -> Vec<TokenStream> {
        def.fields
            .iter()
            .filter(|f| !is_bound(def, f))
            .map(|f| self.member(&f.id, wire_name(f), self.value(&f.ty)))
            .collect()
    }

    /// The members of a union, and whether one targets `smithy.api#Unit`.
    fn union_members(&self, def: &UnionDef) -> (Vec<TokenStream>, bool) {
        let mut unit = false;
        let members = def
            .variants
            .iter()
            .map(|v| {
                let value = match &v.ty {
                    Some(ty) => self.value(ty),
                    None => {
                        unit = true;
                        let ident = &self.unit;
                        quote!(rt::xml::Value::Structure(&#ident))
                    }
                };
                self.member(&v.id, &v.json_name, value)
            })
            .collect();
        (members, unit)
    }

    /// One `rt::xml::Member` of the member `id` whose serde key is `key`.
    fn member(&self, id: &ShapeId, key: &str, value: TokenStream) -> TokenStream {
        let traits = self.xml.get(id);
        let member = id.member().unwrap_or(key);
        let name = traits.name.as_deref().unwrap_or(member);
        let query = query_name(self.protocol, member, traits);
        let (attribute, flattened) = (traits.attribute, traits.flattened);
        let ns = namespace(traits.namespace.as_ref());
        quote! {
            rt::xml::Member {
                key: #key,
                name: #name,
                query: #query,
                attribute: #attribute,
                flattened: #flattened,
                namespace: #ns,
                value: #value,
            }
        }
    }

    /// The `rt::xml::Value` of a member of type `ty` (lists and maps inline).
    fn value(&self, ty: &Ty) -> TokenStream {
        match &ty.kind {
            TyKind::Bool => quote!(rt::xml::Value::Boolean),
            TyKind::Byte
            | TyKind::Short
            | TyKind::Integer
            | TyKind::Long
            | TyKind::Float
            | TyKind::Double
            | TyKind::Timestamp(TimestampFormat::EpochSeconds)
            | TyKind::Named {
                kind: NamedKind::IntEnum,
                ..
            } => quote!(rt::xml::Value::Number),
            // The XML protocols have no document form (Smithy rejects documents in their
            // services); text is the least surprising fallback.
            TyKind::String
            | TyKind::BigInteger
            | TyKind::BigDecimal
            | TyKind::Blob
            | TyKind::Document
            | TyKind::Timestamp(_)
            | TyKind::Named {
                kind: NamedKind::Enum,
                ..
            } => quote!(rt::xml::Value::Text),
            TyKind::Named { symbol, .. } => match self.statics.get(&symbol.name) {
                Some(ident) => quote!(rt::xml::Value::Structure(&#ident)),
                None => quote!(rt::xml::Value::Text),
            },
            TyKind::List { item, .. } => {
                let (member, ns) = self.element(&ty.shape, "member");
                let item = self.value(item);
                quote! {
                    rt::xml::Value::List(&rt::xml::List {
                        member: #member,
                        namespace: #ns,
                        item: #item,
                    })
                }
            }
            TyKind::Map { value, .. } => {
                let (key, key_ns) = self.element(&ty.shape, "key");
                let (value_name, value_ns) = self.element(&ty.shape, "value");
                let item = self.value(value);
                quote! {
                    rt::xml::Value::Map(&rt::xml::Map {
                        key: #key,
                        value: #value_name,
                        key_namespace: #key_ns,
                        value_namespace: #value_ns,
                        item: #item,
                    })
                }
            }
        }
    }

    /// The element name and namespace of the member `member` (`member`, `key`, `value`)
    /// of the list or map `collection`: its `@xmlName`, else `member` itself.
    fn element<'m>(&'m self, collection: &ShapeId, member: &'m str) -> (&'m str, TokenStream) {
        let traits = self.xml.get(&collection.with_member(member));
        let name = traits.name.as_deref().unwrap_or(member);
        (name, namespace(traits.namespace.as_ref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn traits(name: Option<&str>, ec2: Option<&str>) -> XmlTraits {
        XmlTraits {
            name: name.map(str::to_owned),
            ec2_query_name: ec2.map(str::to_owned),
            ..XmlTraits::default()
        }
    }

    #[test]
    fn query_keys_follow_each_dialect() {
        let none = traits(None, None);
        let named = traits(Some("customName"), None);
        let ec2 = traits(Some("customName"), Some("EC2Name"));
        // awsQuery: `@xmlName`, else the member name, as written.
        assert_eq!(query_name(Protocol::AwsQuery, "fooBar", &none), "fooBar");
        assert_eq!(
            query_name(Protocol::AwsQuery, "fooBar", &named),
            "customName"
        );
        assert_eq!(query_name(Protocol::AwsQuery, "fooBar", &ec2), "customName");
        // ec2Query: `@ec2QueryName` as written, else the name capitalised.
        assert_eq!(query_name(Protocol::Ec2Query, "fooBar", &none), "FooBar");
        assert_eq!(
            query_name(Protocol::Ec2Query, "fooBar", &named),
            "CustomName"
        );
        assert_eq!(query_name(Protocol::Ec2Query, "fooBar", &ec2), "EC2Name");
        assert_eq!(query_name(Protocol::Ec2Query, "", &none), "");
    }

    #[test]
    fn namespaces_print_as_runtime_values() {
        assert_eq!(namespace(None).to_string(), "None");
        let ns = XmlNamespace {
            uri: "https://example.com".into(),
            prefix: Some("x".into()),
        };
        let printed = namespace(Some(&ns)).to_string();
        assert!(
            printed.contains("uri : \"https://example.com\""),
            "{printed}"
        );
        assert!(printed.contains("prefix : Some (\"x\")"), "{printed}");
    }
}

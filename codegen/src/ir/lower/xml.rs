//! The XML binding traits of a service closure, for the services speaking restXml,
//! awsQuery or ec2Query ([`XmlService`]).

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Protocol, XmlService, XmlTraits};
use crate::model::traits::{Known, TraitIndex};
use crate::model::{Model, ShapeId};

/// The service's [`XmlService`] when `protocol` is an XML one: its own `@xmlNamespace`,
/// `@restXml(noErrorWrapping)`, and the XML traits of every shape of `closure` and of
/// their members that have any.
pub(super) fn xml_service(
    model: &Model,
    traits: &TraitIndex,
    service: &Known,
    closure: &BTreeSet<ShapeId>,
    protocol: Protocol,
) -> Option<XmlService> {
    if !protocol.is_xml() {
        return None;
    }
    let mut found = BTreeMap::new();
    let mut record = |id: ShapeId| {
        let xml = xml_traits(traits.get(&id));
        if !xml.is_empty() {
            found.insert(id, xml);
        }
    };
    for id in closure {
        let Some(shape) = model.shapes.get(id) else {
            continue;
        };
        record(id.clone());
        for member in &shape.members {
            record(id.with_member(&member.name));
        }
    }
    Some(XmlService {
        namespace: service.xml_namespace.clone(),
        no_error_wrapping: service.rest_xml.is_some_and(|r| r.no_error_wrapping),
        traits: found,
    })
}

fn xml_traits(known: &Known) -> XmlTraits {
    XmlTraits {
        name: known.xml_name.clone(),
        attribute: known.xml_attribute,
        flattened: known.xml_flattened,
        namespace: known.xml_namespace.clone(),
        ec2_query_name: known.ec2_query_name.clone(),
    }
}

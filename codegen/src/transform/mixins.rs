//! Mixin flattening (spec mixins.rst): copy mixin members and traits into the shapes
//! that use them, then drop the mixin shapes, so later stages never see `with [...]`.

use std::collections::BTreeMap;

use crate::model::{Member, Model, Node, Shape, ShapeId, Traits};

use crate::model::traits::ids::MIXIN;

/// Returns `model` with every mixin applied and every `@mixin` shape removed.
///
/// Members come in mixin order (depth first) then local members; a local member with
/// the same name as an inherited one keeps the inherited position and target and adds
/// its own traits on top. Shape traits from mixins apply unless listed in the mixin's
/// `localTraits`; the shape's own traits win.
pub fn flatten_mixins(model: &Model) -> Model {
    let mut flat = BTreeMap::new();
    let mut out = model.clone();
    out.shapes.retain(|_, s| !s.has_trait(MIXIN));
    for id in out.shapes.keys().cloned().collect::<Vec<_>>() {
        let shape = flattened(model, &id, &mut flat);
        out.shapes.insert(id, shape);
    }
    out
}

fn flattened(model: &Model, id: &ShapeId, memo: &mut BTreeMap<ShapeId, Shape>) -> Shape {
    if let Some(done) = memo.get(id) {
        return done.clone();
    }
    let Some(shape) = model.shapes.get(id) else {
        // Validated models have no dangling mixins; an empty placeholder keeps this total.
        return Shape::new(
            id.clone(),
            crate::model::ShapeType::Structure,
            crate::model::Location::prelude(),
        );
    };
    let mut members: Vec<Member> = Vec::new();
    let mut traits = Traits::new();
    for mixin_id in &shape.mixins {
        let mixin = flattened(model, mixin_id, memo);
        for member in mixin.members {
            upsert(&mut members, member);
        }
        let local_only = local_traits(model.shapes.get(mixin_id));
        for (key, value) in mixin.traits {
            if key.to_string() != MIXIN && !local_only.contains(&key.to_string()) {
                traits.insert(key, value);
            }
        }
    }
    for member in &shape.members {
        upsert(&mut members, member.clone());
    }
    traits.extend(shape.traits.clone());
    let mut result = shape.clone();
    result.members = members;
    result.traits = traits;
    result.mixins.clear();
    memo.insert(id.clone(), result.clone());
    result
}

fn upsert(members: &mut Vec<Member>, member: Member) {
    match members.iter_mut().find(|m| m.name == member.name) {
        Some(existing) => {
            existing.traits.extend(member.traits);
            existing.target = member.target;
            existing.location = member.location;
        }
        None => members.push(member),
    }
}

/// The trait IDs a mixin keeps to itself (`@mixin(localTraits: [...])`).
fn local_traits(mixin: Option<&Shape>) -> Vec<String> {
    let value = mixin
        .and_then(|m| m.get_trait(MIXIN))
        .and_then(|v| v.get("localTraits"));
    value
        .and_then(Node::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

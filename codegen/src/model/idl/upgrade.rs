//! IDL 1.0 semantics in the 2.0 model (spec idl.rst "Version statement"; Smithy 2.0
//! migration guide): in 1.0, members targeting the prelude's primitive shapes are
//! non-nullable with a zero value, which 2.0 spells `@default`.

use crate::model::traits::ids;
use serde_json::Value;

use super::parser::Version;
use crate::model::{Fragment, ShapeId};

/// Adds the `@default` a 1.0 file implies; 2.0 files are returned unchanged.
pub(super) fn upgrade(mut fragment: Fragment, version: Version) -> Fragment {
    if version == Version::V2 {
        return fragment;
    }
    let default = ids::shape_id(ids::DEFAULT);
    let boxed = ids::shape_id(ids::BOX);
    for member in fragment
        .shapes
        .iter_mut()
        .flat_map(|s| s.members.iter_mut())
    {
        let zero = primitive_zero(&member.target);
        if let Some(zero) = zero.filter(|_| !member.traits.contains_key(&boxed)) {
            member.traits.entry(default.clone()).or_insert(zero);
        }
    }
    fragment
}

/// The zero value of a prelude `Primitive*` shape.
fn primitive_zero(target: &ShapeId) -> Option<Value> {
    if !target.is_prelude() {
        return None;
    }
    match target.name() {
        "PrimitiveBoolean" => Some(Value::Bool(false)),
        "PrimitiveByte" | "PrimitiveShort" | "PrimitiveInteger" | "PrimitiveLong"
        | "PrimitiveFloat" | "PrimitiveDouble" => Some(Value::from(0)),
        _ => None,
    }
}

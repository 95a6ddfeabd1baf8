//! Shape statements (spec idl.rst "Defining shapes"): simple, enum, aggregate shapes,
//! their members, mixins and `for` resources.

use crate::model::traits::ids;
use serde_json::Value;

use super::lexer::Pos;
use super::node::Ids;
use super::parser::{Parser, TraitList, Version};
use crate::model::{LoadError, Member, Node, Shape, ShapeId, ShapeType, PRELUDE_NAMESPACE};

impl Parser<'_> {
    /// A `Shape` after its traits: keyword, name, then the type's own syntax.
    pub(super) fn shape(
        &mut self,
        docs: Option<String>,
        traits: TraitList,
    ) -> Result<(), LoadError> {
        let pos = self.cur.pos();
        let keyword = self.cur.identifier()?;
        let shape_type = ShapeType::from_keyword(&keyword).ok_or_else(|| {
            self.cur
                .error_at(pos, format!("unknown shape type `{keyword}`"))
        })?;
        self.check_type_version(shape_type, pos)?;
        self.cur.require_sp()?;
        let name_pos = self.cur.pos();
        let name = self.cur.identifier()?;
        let id = self.define(&name, name_pos)?;
        let mut shape = Shape::new(id, shape_type, self.cur.location_at(pos));
        shape.traits = self.collect_traits(traits, docs)?;
        self.check_mixin_trait(&shape, pos)?;
        match shape_type {
            ShapeType::Service | ShapeType::Resource => {
                shape.mixins = self.mixins()?;
                self.cur.ws();
                if self.cur.peek() != Some('{') {
                    return Err(self.cur.expected("`{`"));
                }
                let body_pos = self.cur.pos();
                let body = self.node(Ids::Raw)?;
                self.entity_body(&mut shape, body, body_pos)?;
            }
            ShapeType::Operation => {
                shape.mixins = self.mixins()?;
                self.cur.ws();
                self.operation_body(&mut shape)?;
            }
            ShapeType::Enum | ShapeType::IntEnum => {
                shape.mixins = self.mixins()?;
                self.cur.ws();
                self.enum_members(&mut shape)?;
            }
            t if t.has_members() => {
                let resource = self.for_resource()?;
                shape.mixins = self.mixins()?;
                self.cur.ws();
                self.members(&mut shape, resource.as_ref())?;
            }
            _ => shape.mixins = self.mixins()?,
        }
        self.check_mixin_types(&shape)?;
        self.check_mixin_conflicts(&shape)?;
        self.check_mixin_shape(&shape)?;
        self.fragment.shapes.push(shape);
        Ok(())
    }

    /// The ID for a shape named `name` in this file; rejects redefinitions and names
    /// taken by `use`.
    pub(super) fn define(&mut self, name: &str, pos: Pos) -> Result<ShapeId, LoadError> {
        if let Some(used) = self.uses.get(name) {
            return Err(self.cur.error_at(
                pos,
                format!("shape name `{name}` conflicts with imported shape `{used}`"),
            ));
        }
        let id = ShapeId::new(self.namespace.clone().unwrap_or_default(), name);
        if !self.defined_here.insert(name.to_owned()) {
            return Err(self
                .cur
                .error_at(pos, format!("shape `{id}` is defined twice")));
        }
        Ok(id)
    }

    /// Shape types that exist in only one IDL version.
    fn check_type_version(&self, shape_type: ShapeType, pos: Pos) -> Result<(), LoadError> {
        let message = match (shape_type, self.version) {
            (ShapeType::Set, Version::V2) => {
                "set shapes cannot be used in Smithy version 2.0; use a list with @uniqueItems"
            }
            (ShapeType::Enum, Version::V1) => "enum shapes cannot be used in Smithy version 1.0",
            (ShapeType::IntEnum, Version::V1) => {
                "intEnum shapes cannot be used in Smithy version 1.0"
            }
            _ => return Ok(()),
        };
        Err(self.cur.error_at(pos, message))
    }

    fn check_mixin_trait(&self, shape: &Shape, pos: Pos) -> Result<(), LoadError> {
        if self.version == Version::V1 && shape.traits.contains_key(&ids::shape_id(ids::MIXIN)) {
            return Err(self.cur.error_at(
                pos,
                format!(
                    "mixins can only be used in Smithy 2.0 or later (`{}`)",
                    shape.id
                ),
            ));
        }
        Ok(())
    }

    /// An error unless the file is IDL 2.0 or later.
    pub(super) fn require_v2(&self, pos: Pos, feature: &str) -> Result<(), LoadError> {
        match self.version {
            Version::V2 => Ok(()),
            Version::V1 => Err(self.cur.error_at(
                pos,
                format!("{feature} can only be used with Smithy version 2 or later"),
            )),
        }
    }

    /// `ForResource`: `for Resource`, if present.
    pub(super) fn for_resource(&mut self) -> Result<Option<ShapeId>, LoadError> {
        self.cur.sp();
        if !self.cur.at_keyword("for") {
            return Ok(None);
        }
        let pos = self.cur.pos();
        self.require_v2(pos, "resource-bound structures (`for`)")?;
        self.cur.eat("for");
        self.cur.require_sp()?;
        self.shape_id_ref().map(Some)
    }

    /// `Mixins`: `with [A B]`, if present on this line.
    pub(super) fn mixins(&mut self) -> Result<Vec<ShapeId>, LoadError> {
        self.cur.sp();
        if !self.cur.at_keyword("with") {
            return Ok(Vec::new());
        }
        let pos = self.cur.pos();
        self.require_v2(pos, "mixins")?;
        self.cur.eat("with");
        self.cur.ws();
        self.cur.expect('[')?;
        self.cur.ws();
        let mut mixins = vec![self.shape_id_ref()?];
        self.cur.ws();
        while !self.cur.eat("]") {
            mixins.push(self.shape_id_ref()?);
            self.cur.ws();
        }
        Ok(mixins)
    }

    /// `ShapeMembers` of a list, map, structure or union.
    pub(super) fn members(
        &mut self,
        shape: &mut Shape,
        resource: Option<&ShapeId>,
    ) -> Result<(), LoadError> {
        self.cur.expect('{')?;
        self.cur.ws();
        while !self.cur.eat("}") {
            if self.cur.at_eof() {
                return Err(self.cur.expected("`}`"));
            }
            let docs = self.cur.take_docs();
            let list = self.trait_statements()?;
            let pos = self.cur.pos();
            if self.cur.eat("$") {
                self.require_v2(pos, "members with elided targets")?;
                let name = self.cur.identifier()?;
                let traits = self.member_traits(list, docs)?;
                self.check_member_name(shape, &name, pos)?;
                if let Some(member) = self.elided_member(shape, resource, name, traits, pos)? {
                    shape.members.push(member);
                }
            } else {
                let name = self.cur.identifier()?;
                self.cur.sp();
                self.cur.expect(':')?;
                self.cur.sp();
                let target = self.shape_id_ref()?;
                let traits = self.member_traits(list, docs)?;
                self.check_member_name(shape, &name, pos)?;
                let location = self.cur.location_at(pos);
                let member = Member {
                    name,
                    target,
                    traits,
                    location,
                };
                self.check_redefinition(shape, &member)?;
                shape.members.push(member);
            }
            self.cur.ws();
        }
        self.check_collection_members(shape)
    }

    /// Member traits plus the `= value` default sugar (spec idl.rst "Default values").
    fn member_traits(
        &mut self,
        list: TraitList,
        docs: Option<String>,
    ) -> Result<crate::model::Traits, LoadError> {
        let mut traits = self.collect_traits(list, docs)?;
        if let Some((value, pos)) = self.value_assignment()? {
            self.require_v2(pos, "@default assignment")?;
            traits.insert(ids::shape_id(ids::DEFAULT), value);
        }
        Ok(traits)
    }

    /// `ValueAssignment`: `= value`, then an optional comma and a line break.
    fn value_assignment(&mut self) -> Result<Option<(Node, Pos)>, LoadError> {
        self.cur.sp();
        if self.cur.peek() != Some('=') {
            return Ok(None);
        }
        let pos = self.cur.pos();
        self.cur.bump();
        self.cur.sp();
        let value = self.node(Ids::Resolve)?;
        self.cur.sp();
        self.cur.eat(",");
        self.cur.br()?;
        Ok(Some((value, pos)))
    }

    fn check_member_name(&self, shape: &Shape, name: &str, pos: Pos) -> Result<(), LoadError> {
        let allowed: &[&str] = match shape.shape_type {
            ShapeType::List | ShapeType::Set => &["member"],
            ShapeType::Map => &["key", "value"],
            _ => &[],
        };
        if !allowed.is_empty() && !allowed.contains(&name) {
            let id = &shape.id;
            return Err(self
                .cur
                .error_at(pos, format!("`{id}` cannot have a member named `{name}`")));
        }
        if shape.member(name).is_some() {
            return Err(self.cur.error_at(
                pos,
                format!("`{}` has conflicting members named `{name}`", shape.id),
            ));
        }
        Ok(())
    }

    /// Lists need `member`, maps `key` and `value`, unless a mixin may provide them.
    /// Skipped in the first pass, where elided members are not resolved yet.
    fn check_collection_members(&self, shape: &Shape) -> Result<(), LoadError> {
        let required: &[&str] = match shape.shape_type {
            ShapeType::List | ShapeType::Set => &["member"],
            ShapeType::Map => &["key", "value"],
            _ => &[],
        };
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|m| shape.member(m).is_none())
            .collect();
        if missing.is_empty() || !shape.mixins.is_empty() || !self.prepass.complete {
            return Ok(());
        }
        let message = format!(
            "missing required members of shape `{}`: {}",
            shape.id,
            missing.join(", ")
        );
        Err(LoadError::shape(shape.location.clone(), &shape.id, message))
    }

    /// `EnumShapeMembers`: names with optional `= value`; string enums default the value
    /// to the name (spec idl.rst "Enum shapes").
    fn enum_members(&mut self, shape: &mut Shape) -> Result<(), LoadError> {
        self.cur.expect('{')?;
        self.cur.ws();
        while !self.cur.eat("}") {
            if self.cur.at_eof() {
                return Err(self.cur.expected("`}`"));
            }
            let docs = self.cur.take_docs();
            let list = self.trait_statements()?;
            let pos = self.cur.pos();
            let name = self.cur.identifier()?;
            self.check_member_name(shape, &name, pos)?;
            let mut traits = self.collect_traits(list, docs)?;
            let value = self.value_assignment()?;
            if let Some(value) = self.enum_value(shape, &name, value)? {
                traits
                    .entry(ids::shape_id(ids::ENUM_VALUE))
                    .or_insert(value);
            }
            let target = ShapeId::new(PRELUDE_NAMESPACE, "Unit");
            let location = self.cur.location_at(pos);
            shape.members.push(Member {
                name,
                target,
                traits,
                location,
            });
            self.cur.ws();
        }
        if shape.members.is_empty() && shape.mixins.is_empty() {
            let message = format!(
                "{} shapes must have at least one member",
                shape.shape_type.as_str()
            );
            return Err(LoadError::shape(shape.location.clone(), &shape.id, message));
        }
        Ok(())
    }

    /// The `enumValue` of an enum member: a string for `enum`, a 32-bit integer for
    /// `intEnum`.
    fn enum_value(
        &self,
        shape: &Shape,
        name: &str,
        value: Option<(Node, Pos)>,
    ) -> Result<Option<Node>, LoadError> {
        let id = shape.id.with_member(name);
        let fail = |pos: Pos, why: String| Err(self.cur.error_at(pos, format!("`{id}`: {why}")));
        match (shape.shape_type, value) {
            // An inherited member keeps the mixin's value.
            (ShapeType::Enum, None) if self.inherits(shape, name) => Ok(None),
            (ShapeType::Enum, None) => Ok(Some(Value::String(name.to_owned()))),
            (ShapeType::Enum, Some((value @ Value::String(_), _))) => Ok(Some(value)),
            (ShapeType::Enum, Some((value, pos))) => fail(
                pos,
                format!("enum members can only be assigned string values, but found {value}"),
            ),
            (_, None) => Ok(None),
            (_, Some((Value::Number(n), pos))) => match n.as_i64() {
                Some(v) if i32::try_from(v).is_ok() => Ok(Some(Value::Number(n))),
                Some(v) => fail(
                    pos,
                    format!("intEnum members must fit within an integer, but found {v}"),
                ),
                None => fail(
                    pos,
                    "intEnum members do not support floating point values".to_owned(),
                ),
            },
            (_, Some((value, pos))) => fail(
                pos,
                format!("intEnum members require integer values, but found {value}"),
            ),
        }
    }
}

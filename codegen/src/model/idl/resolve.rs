//! Relative shape ID resolution (spec idl.rst "Relative shape ID resolution") and
//! elided member targets (spec idl.rst "Target elision").

use std::collections::BTreeSet;

use super::lexer::Pos;
use super::parser::Parser;
use crate::model::{prelude, Apply, LoadError, Member, Shape, ShapeId, Traits};

/// What the file says about a member name on a mixin or resource.
enum Lookup {
    Found(ShapeId),
    Absent,
    /// The mixin or resource is not defined in this file.
    Unknown(ShapeId),
}

impl Parser<'_> {
    /// Resolves a shape ID as written: absolute IDs as they are; a relative name to its
    /// `use`, else this file's namespace if the file defines it, else the prelude, else
    /// this file's namespace.
    pub(super) fn resolve(&mut self, text: &str, pos: Pos) -> Result<ShapeId, LoadError> {
        let (root, member) = match text.split_once('$') {
            Some((root, member)) => (root, Some(member)),
            None => (text, None),
        };
        let id = if root.contains('#') {
            ShapeId::parse(root).map_err(|e| self.cur.error_at(pos, e.to_string()))?
        } else if let Some(id) = self.uses.get(root) {
            id.clone()
        } else if let Some(id) = self.local(root) {
            id
        } else if let Some(id) = prelude::resolve(root) {
            self.prelude_names.insert(root.to_owned());
            id
        } else {
            self.in_namespace(root, pos)?
        };
        Ok(match member {
            Some(member) => id.with_member(member),
            None => id,
        })
    }

    /// Resolves an unquoted shape ID in a node value to its absolute text.
    pub(super) fn resolve_in_node(&mut self, text: &str, pos: Pos) -> Result<String, LoadError> {
        let root = text.split('$').next().unwrap_or(text);
        if !root.contains('#')
            && self.namespace.is_none()
            && !self.uses.contains_key(root)
            && prelude::resolve(root).is_none()
        {
            return Err(self.cur.error_at(
                pos,
                format!("unquoted shape ID `{text}` does not resolve to a shape"),
            ));
        }
        let names = self.prelude_names.clone();
        let id = self.resolve(text, pos);
        self.prelude_names = names;
        Ok(id?.to_string())
    }

    fn local(&self, name: &str) -> Option<ShapeId> {
        let namespace = self.namespace.as_ref()?;
        self.prepass
            .defined
            .contains(name)
            .then(|| ShapeId::new(namespace.clone(), name))
    }

    fn in_namespace(&self, name: &str, pos: Pos) -> Result<ShapeId, LoadError> {
        match &self.namespace {
            Some(namespace) => Ok(ShapeId::new(namespace.clone(), name)),
            None => Err(self.cur.error_at(
                pos,
                format!("cannot resolve `{name}`: no namespace is defined"),
            )),
        }
    }

    /// The member for `$name` in `shape`: a local member targeting the `for` resource's
    /// identifier or property, or — when a mixin already has the member — `None`, with
    /// its traits recorded as an `apply`, as the reference loader models it.
    pub(super) fn elided_member(
        &mut self,
        shape: &Shape,
        resource: Option<&ShapeId>,
        name: String,
        traits: Traits,
        pos: Pos,
    ) -> Result<Option<Member>, LoadError> {
        if !self.prepass.complete {
            return Ok(None);
        }
        let id = shape.id.with_member(&name);
        let from_mixin = self.mixin_member(&shape.mixins, &name);
        let from_resource = resource.map_or(Lookup::Absent, |r| self.resource_member(r, &name));
        let location = self.cur.location_at(pos);
        match (from_mixin, from_resource) {
            (Lookup::Found(inherited), Lookup::Found(target)) if inherited != target => {
                let message = format!("member `{id}` conflicts with an inherited mixin member targeting `{inherited}`");
                Err(self.cur.error_at(pos, message))
            }
            (Lookup::Found(_), _) => {
                if !traits.is_empty() {
                    let elided_from = None;
                    self.fragment.applies.push(Apply { target: id, traits, location, elided_from });
                }
                Ok(None)
            }
            (_, Lookup::Found(target)) => Ok(Some(Member { name, target, traits, location })),
            // The mixin is in another file: the assembler resolves the member through it
            // (and rejects it if no mixin has it), exactly as for an in-file mixin.
            (Lookup::Unknown(_), Lookup::Absent) => {
                let elided_from = None;
                self.fragment.applies.push(Apply { target: id, traits, location, elided_from });
                Ok(None)
            }
            // The resource is in another file: the assembler resolves the member through
            // it, or through a mixin in another file, and rejects it if neither has it.
            (Lookup::Unknown(_) | Lookup::Absent, Lookup::Unknown(resource)) => {
                let elided_from = Some(resource);
                self.fragment.applies.push(Apply { target: id, traits, location, elided_from });
                Ok(None)
            }
            (Lookup::Absent, Lookup::Absent) => Err(self.cur.error_at(
                pos,
                format!("`{id}`: member target was elided, but no bound resource or mixin has a matching identifier or member"),
            )),
        }
    }

    /// Whether one of `shape`'s mixins defined in this file has member `name`.
    pub(super) fn inherits(&self, shape: &Shape, name: &str) -> bool {
        matches!(self.mixin_member(&shape.mixins, name), Lookup::Found(_))
    }

    /// Rejects an explicit member that redefines a mixin member with another target
    /// (spec mixins.rst "Mixin members").
    pub(super) fn check_redefinition(
        &self,
        shape: &Shape,
        member: &Member,
    ) -> Result<(), LoadError> {
        match self
            .mixin_targets(&shape.mixins, &member.name)
            .into_iter()
            .find(|t| *t != member.target)
        {
            Some(inherited) => Err(LoadError::shape(
                member.location.clone(),
                &shape.id.with_member(&member.name),
                format!("member conflicts with an inherited mixin member targeting `{inherited}`"),
            )),
            None => Ok(()),
        }
    }

    /// Rejects two mixins that bring members of the same name with different targets.
    pub(super) fn check_mixin_conflicts(&self, shape: &Shape) -> Result<(), LoadError> {
        let names = shape
            .mixins
            .iter()
            .filter_map(|mixin| self.prepass.shapes.get(mixin))
            .flat_map(|mixin| mixin.members.iter().map(|m| m.name.as_str()));
        for name in names {
            let targets = self.mixin_targets(&shape.mixins, name);
            if targets.windows(2).any(|pair| pair.first() != pair.last()) {
                let message = format!("member conflicts with an inherited mixin member (mixins disagree on its target: {targets:?})");
                return Err(LoadError::shape(
                    shape.location.clone(),
                    &shape.id.with_member(name),
                    message,
                ));
            }
        }
        Ok(())
    }

    /// The target of member `name` in each of `mixins` that has it.
    fn mixin_targets(&self, mixins: &[ShapeId], name: &str) -> Vec<ShapeId> {
        mixins
            .iter()
            .filter_map(
                |mixin| match self.mixin_member(std::slice::from_ref(mixin), name) {
                    Lookup::Found(target) => Some(target),
                    _ => None,
                },
            )
            .collect()
    }

    /// Rejects mixins of another shape type (spec mixins.rst "Mixins"), for mixins
    /// defined in this file.
    pub(super) fn check_mixin_types(&self, shape: &Shape) -> Result<(), LoadError> {
        let wrong = shape.mixins.iter().find(|mixin| {
            self.prepass
                .shapes
                .get(*mixin)
                .is_some_and(|s| s.shape_type != shape.shape_type)
        });
        match wrong {
            Some(mixin) => Err(LoadError::shape(
                shape.location.clone(),
                &shape.id,
                format!("mixin `{mixin}` is not a {} shape; mixins may only be mixed into shapes of the same type", shape.shape_type.as_str()),
            )),
            None => Ok(()),
        }
    }

    /// The target of member `name` in the first of `mixins` (or, depth first, their
    /// mixins) having it. Each mixin is visited once, so cycles end.
    fn mixin_member(&self, mixins: &[ShapeId], name: &str) -> Lookup {
        let mut result = Lookup::Absent;
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&ShapeId> = mixins.iter().rev().collect();
        while let Some(mixin) = stack.pop() {
            if !seen.insert(mixin) {
                continue;
            }
            let Some(shape) = self.prepass.shapes.get(mixin) else {
                result = Lookup::Unknown(mixin.clone());
                continue;
            };
            if let Some(member) = shape.member(name) {
                return Lookup::Found(member.target.clone());
            }
            stack.extend(shape.mixins.iter().rev());
        }
        result
    }

    /// The target of identifier or property `name` of `resource`.
    fn resource_member(&self, resource: &ShapeId, name: &str) -> Lookup {
        let Some(shape) = self.prepass.shapes.get(resource) else {
            return Lookup::Unknown(resource.clone());
        };
        let Some(body) = shape.as_resource() else {
            return Lookup::Absent;
        };
        body.identifiers
            .iter()
            .chain(&body.properties)
            .find(|(n, _)| n == name)
            .map_or(Lookup::Absent, |(_, target)| Lookup::Found(target.clone()))
    }
}

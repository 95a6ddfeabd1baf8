//! Relative shape ID resolution (spec idl.rst "Relative shape ID resolution") and
//! elided member targets (spec idl.rst "Target elision").

use super::lexer::Pos;
use super::parser::Parser;
use crate::model::{prelude, Apply, LoadError, Member, Shape, ShapeId, Traits};

/// Mixin chains longer than this are treated as cycles.
const MAX_MIXIN_DEPTH: usize = 32;

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
        if !root.contains('#') && self.namespace.is_none() && self.uses.get(root).is_none() && prelude::resolve(root).is_none() {
            return Err(self.cur.error_at(pos, format!("unquoted shape ID `{text}` does not resolve to a shape")));
        }
        let names = self.prelude_names.clone();
        let id = self.resolve(text, pos);
        self.prelude_names = names;
        Ok(id?.to_string())
    }

    fn local(&self, name: &str) -> Option<ShapeId> {
        let namespace = self.namespace.as_ref()?;
        self.prepass.defined.contains(name).then(|| ShapeId::new(namespace.clone(), name))
    }

    fn in_namespace(&self, name: &str, pos: Pos) -> Result<ShapeId, LoadError> {
        match &self.namespace {
            Some(namespace) => Ok(ShapeId::new(namespace.clone(), name)),
            None => Err(self.cur.error_at(pos, format!("cannot resolve `{name}`: no namespace is defined"))),
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
        let from_mixin = self.mixin_member(&shape.mixins, &name, 0);
        let from_resource = resource.map_or(Lookup::Absent, |r| self.resource_member(r, &name));
        let location = self.cur.location_at(pos);
        match (from_mixin, from_resource) {
            (Lookup::Found(inherited), Lookup::Found(target)) if inherited != target => {
                let message = format!("member `{id}` conflicts with an inherited mixin member targeting `{inherited}`");
                Err(self.cur.error_at(pos, message))
            }
            (Lookup::Found(_), _) => {
                if !traits.is_empty() {
                    self.fragment.applies.push(Apply { target: id, traits, location });
                }
                Ok(None)
            }
            (_, Lookup::Found(target)) => Ok(Some(Member { name, target, traits, location })),
            (Lookup::Unknown(other), _) | (_, Lookup::Unknown(other)) => Err(self.cur.error_at(
                pos,
                format!("cannot resolve the elided target of `{id}`: `{other}` is not defined in this file"),
            )),
            (Lookup::Absent, Lookup::Absent) => Err(self.cur.error_at(
                pos,
                format!("`{id}`: member target was elided, but no bound resource or mixin has a matching identifier or member"),
            )),
        }
    }

    /// The target of member `name` in the first of `mixins` (or their mixins) having it.
    fn mixin_member(&self, mixins: &[ShapeId], name: &str, depth: usize) -> Lookup {
        let mut result = Lookup::Absent;
        for mixin in mixins {
            let Some(shape) = self.prepass.shapes.iter().find(|s| &s.id == mixin) else {
                result = Lookup::Unknown(mixin.clone());
                continue;
            };
            if let Some(member) = shape.member(name) {
                return Lookup::Found(member.target.clone());
            }
            if depth < MAX_MIXIN_DEPTH {
                match self.mixin_member(&shape.mixins, name, depth + 1) {
                    found @ Lookup::Found(_) => return found,
                    Lookup::Unknown(id) => result = Lookup::Unknown(id),
                    Lookup::Absent => {}
                }
            }
        }
        result
    }

    /// The target of identifier or property `name` of `resource`.
    fn resource_member(&self, resource: &ShapeId, name: &str) -> Lookup {
        let Some(shape) = self.prepass.shapes.iter().find(|s| &s.id == resource) else {
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

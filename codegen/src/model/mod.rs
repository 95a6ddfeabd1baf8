//! The Smithy semantic model and its loaders.
//!
//! Both readers — [`json_ast`] for the JSON AST (spec json-ast.rst) and [`idl`] for the
//! IDL (spec idl.rst) — turn one file into a [`Fragment`]; [`assemble()`] merges fragments
//! and the prelude into one validated [`Model`].

pub mod assemble;
mod error;
pub mod idl;
pub mod json_ast;
mod location;
pub(crate) mod number;
pub mod prelude;
mod shape;
mod shape_id;
pub mod traits;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

pub use assemble::{assemble, load, load_sources};
pub use error::LoadError;
pub use location::{Location, Position};
pub use shape::{Member, Node, Operation, Resource, Service, Shape, ShapeBody, ShapeType, Traits};
pub use shape_id::{is_identifier, ShapeId, ShapeIdError, PRELUDE_NAMESPACE};

/// What one model file contributes, before merging.
#[derive(Debug, Clone)]
pub struct Fragment {
    /// The file as the user named it.
    pub file: Arc<str>,
    /// Metadata entries in source order.
    pub metadata: Vec<(String, Node, Location)>,
    /// Shapes defined in the file, in source order.
    pub shapes: Vec<Shape>,
    /// `apply` statements (IDL) and `apply` shapes (JSON AST), in source order.
    pub applies: Vec<Apply>,
    /// IDL only: the file's namespace and the relative names it resolved to the prelude.
    /// If the model defines `namespace#Name` in another file, those references are
    /// re-pointed there (spec idl.rst "Relative shape ID resolution", step 2).
    pub prelude_fallbacks: Option<(String, BTreeSet<String>)>,
}

impl Fragment {
    /// An empty fragment for `file`.
    pub fn new(file: Arc<str>) -> Self {
        Fragment {
            file,
            metadata: Vec::new(),
            shapes: Vec::new(),
            applies: Vec::new(),
            prelude_fallbacks: None,
        }
    }
}

/// Traits applied to a shape or member from outside its definition.
#[derive(Debug, Clone)]
pub struct Apply {
    /// The shape or member (`ns#Shape$member`) receiving the traits.
    pub target: ShapeId,
    pub traits: Traits,
    pub location: Location,
    /// IDL only: the target is a `$member` whose target was elided and is bound through
    /// this `for` resource, defined in another file; the assembler resolves it there
    /// (when no mixin has the member).
    pub elided_from: Option<ShapeId>,
}

/// A loaded, merged and validated model: every shape (prelude included) by ID.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Metadata, merged across files.
    pub metadata: BTreeMap<String, Node>,
    /// Every shape by ID, prelude shapes included.
    pub shapes: BTreeMap<ShapeId, Shape>,
}

impl Model {
    /// The shape `id` (a member ID resolves to its container shape).
    pub fn shape(&self, id: &ShapeId) -> Option<&Shape> {
        match id.member() {
            None => self.shapes.get(id),
            Some(_) => self.shapes.get(&id.root()),
        }
    }

    /// Service shapes, in ID order.
    pub fn services(&self) -> impl Iterator<Item = &Shape> {
        self.shapes
            .values()
            .filter(|s| s.shape_type == ShapeType::Service)
    }

    /// Shapes outside the prelude, in ID order.
    pub fn user_shapes(&self) -> impl Iterator<Item = &Shape> {
        self.shapes.values().filter(|s| !s.id.is_prelude())
    }

    /// The service closure of `service` (spec service-types.rst "Service closure"): the
    /// service and every shape reachable from it through operations, resources, errors,
    /// mixins and member targets, prelude shapes included. Sorted by ID.
    pub fn closure(&self, service: &ShapeId) -> BTreeSet<ShapeId> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![service.clone()];
        while let Some(id) = stack.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            if let Some(shape) = self.shapes.get(&id) {
                stack.extend(shape.references().into_iter().filter(|r| !seen.contains(r)));
            }
        }
        seen
    }
}

//! Model → IR, in one pass per service.
//!
//! [`lower`] names every shape of each service closure first (exact names; a conflict is
//! an error), then lowers types ([`shapes`]), errors and operations ([`operations`]),
//! reading traits only through the typed [`TraitIndex`].

mod defaults;
mod endpoint_params;
mod operations;
mod shapes;
mod xml;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use super::{Crate, ErrorDef, Home, OperationDef, Protocol, Service, Symbol, TypeDef};
use crate::error::{GenerateError, GenerateErrorKind};
use crate::model::traits::{Known, TraitIndex};
use crate::model::{Location, Model, Shape, ShapeId, ShapeType};
use crate::naming::{self, Ident, Scope};

/// Lowers every service of `model` to the IR. The model must already be transformed
/// (`crate::transform::prepare`: mixins flattened).
///
/// # Errors
/// [`GenerateError`] naming the shape when a target is missing, a trait is malformed, or
/// two shapes would get the same Rust name.
///
/// A service speaking several protocols gets the first of `protocols` (trait shape IDs)
/// it has, else the first in [`Protocol::choose`]'s default order.
pub fn lower(model: &Model, protocols: &[String]) -> Result<Crate, GenerateError> {
    let traits = TraitIndex::build(model)?;
    let mut services: BTreeMap<Ident, Service> = BTreeMap::new();
    // Services whose names map to one module are told apart by a number, in shape ID
    // order (`svc`, `svc_2`): deterministic, and each keeps its own feature.
    let mut modules = Scope::new();
    let warnings = RefCell::new(BTreeSet::new());
    for shape in model.services() {
        let mut service = lower_service(model, &traits, shape, protocols, &warnings)?;
        service.module = modules.claim(service.module);
        services.insert(service.module.clone(), service);
    }
    Ok(Crate {
        services: services.into_values().collect(),
        warnings: warnings.into_inner().into_iter().collect(),
    })
}

/// What one service's lowering reads: the model, its traits, and the names given.
struct Ctx<'a> {
    model: &'a Model,
    traits: &'a TraitIndex,
    names: BTreeMap<ShapeId, Symbol>,
    /// Shapes reachable from outputs or errors and never from inputs.
    output_only: BTreeSet<ShapeId>,
    /// Operation input structures: their label and query bindings apply.
    inputs: BTreeSet<ShapeId>,
    /// What the crate generates with but does not do as modeled (a `@pattern` not
    /// enforced), each with its location: [`Crate::warnings`].
    warnings: &'a RefCell<BTreeSet<String>>,
    /// Each distinct pattern's decision, made once (it compiles the pattern).
    patterns: RefCell<BTreeMap<String, crate::pattern::Decision>>,
    /// The service's protocol: the RPC ones ignore HTTP bindings and `@jsonName`.
    protocol: Protocol,
    /// `@awsQueryCompatible`: an error's code is its `@awsQueryError` code.
    query_compatible: bool,
}

impl Ctx<'_> {
    fn known(&self, id: &ShapeId) -> &Known {
        self.traits.get(id)
    }

    /// How `pattern` is checked ([`crate::pattern::decide`]), decided once per pattern.
    fn decide(&self, pattern: &str) -> crate::pattern::Decision {
        self.patterns
            .borrow_mut()
            .entry(pattern.to_owned())
            .or_insert_with(|| crate::pattern::decide(pattern))
            .clone()
    }

    fn shape(
        &self,
        from: &ShapeId,
        target: &ShapeId,
        location: &Location,
    ) -> Result<&Shape, GenerateError> {
        self.model.shapes.get(target).ok_or_else(|| {
            GenerateErrorKind::UnknownTarget {
                shape: from.clone(),
                target: target.clone(),
                location: location.clone(),
            }
            .into()
        })
    }

    fn is_enum(&self, shape: &Shape) -> bool {
        matches!(shape.shape_type, ShapeType::Enum | ShapeType::IntEnum)
            || (shape.shape_type == ShapeType::String
                && self.known(&shape.id).legacy_enum.is_some())
    }

    /// Rustdoc Markdown from `@documentation`, or `fallback` when there is none.
    fn docs(&self, id: &ShapeId, fallback: impl FnOnce() -> String) -> String {
        let text = self
            .known(id)
            .documentation
            .as_deref()
            .map(crate::docs::to_rustdoc)
            .unwrap_or_default();
        if text.trim().is_empty() {
            fallback()
        } else {
            text
        }
    }

    fn deprecated(&self, id: &ShapeId) -> Option<String> {
        self.known(id).deprecated.as_ref().map(|d| d.note())
    }
}

/// The file a named shape of the closure is generated into, if any.
fn home_of(ctx_traits: &TraitIndex, shape: &Shape) -> Option<Home> {
    let known = ctx_traits.get(&shape.id);
    match shape.shape_type {
        ShapeType::Structure if known.unit_type => None,
        ShapeType::Structure if known.error.is_some() => Some(Home::Errors),
        ShapeType::Structure | ShapeType::Union | ShapeType::Enum | ShapeType::IntEnum => {
            Some(Home::Types)
        }
        ShapeType::String if known.legacy_enum.is_some() => Some(Home::Types),
        ShapeType::Operation => Some(Home::Operations),
        _ => None,
    }
}

/// Names every generated shape of the service closure exactly (`rename`d where the
/// service says so), claiming each name in `scope`; two shapes with one name are an error.
fn name_shapes(
    model: &Model,
    traits: &TraitIndex,
    service: &Shape,
    closure: &BTreeSet<ShapeId>,
    scope: &mut Scope,
) -> Result<BTreeMap<ShapeId, Symbol>, GenerateError> {
    let rename = service.as_service().map(|s| &s.rename);
    let mut names: BTreeMap<ShapeId, Symbol> = BTreeMap::new();
    // Types first: they keep their names exactly, and an operation that meets one is
    // numbered, whichever shape ID sorts first.
    let is_operation = |id: &&ShapeId| {
        model
            .shapes
            .get(*id)
            .is_some_and(|s| s.shape_type == ShapeType::Operation)
    };
    let (operations, types): (Vec<&ShapeId>, Vec<&ShapeId>) =
        closure.iter().partition(is_operation);
    for id in types.into_iter().chain(operations) {
        let Some(shape) = model.shapes.get(id) else {
            continue;
        };
        let Some(home) = home_of(traits, shape) else {
            continue;
        };
        let raw = rename
            .and_then(|r| r.get(id))
            .map_or(id.name(), String::as_str);
        let name = naming::type_name(raw);
        // Smithy forbids renaming operations, so two whose names meet after casing are
        // told apart by a number, the later in shape ID order getting it.
        if home == Home::Operations {
            let name = scope.claim(name);
            names.insert(id.clone(), Symbol { name, home });
            continue;
        }
        if scope.claim_exact(name.clone()).is_none() {
            let other = names.iter().find(|(_, s)| s.name == name).map(|(id, _)| id);
            return Err(GenerateErrorKind::NameConflict {
                service: service.id.clone(),
                shape: id.clone(),
                other: other.unwrap_or(id).clone(),
                name: name.to_string(),
                location: shape.location.clone(),
            }
            .into());
        }
        names.insert(id.clone(), Symbol { name, home });
    }
    Ok(names)
}

fn lower_service(
    model: &Model,
    traits: &TraitIndex,
    service: &Shape,
    protocols: &[String],
    warnings: &RefCell<BTreeSet<String>>,
) -> Result<Service, GenerateError> {
    let props = service.as_service().ok_or_else(|| {
        GenerateError::invalid(&service.id, &service.location, "not a service shape")
    })?;
    let known = traits.get(&service.id);
    let sdk_id = known
        .aws_service
        .as_ref()
        .map(|s| s.sdk_id.as_str())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(service.id.name())
        .to_owned();
    let module = naming::module_name(&sdk_id);
    let closure = model.closure(&service.id);

    let mut scope = Scope::new();
    let names = name_shapes(model, traits, service, &closure, &mut scope)?;

    // Generated names: claimed after the model's, suffixed on collision.
    let trait_name = scope.claim(naming::type_name(&sdk_id));
    let error_name = scope.claim(naming::generated_type_name(&trait_name, "Error"));
    let client_name = scope.claim(naming::type_name("Client"));

    let protocol = Protocol::choose(&known.protocols, protocols);
    let ctx = Ctx {
        protocol,
        query_compatible: known.aws_query_compatible,
        model,
        traits,
        output_only: output_only(model, props, &closure),
        inputs: closure
            .iter()
            .filter_map(|id| model.shapes.get(id)?.as_operation()?.input.clone())
            .collect(),
        names,
        warnings,
        patterns: RefCell::default(),
    };

    let declared = endpoint_params::declared(&ctx, service);
    let client_params = ctx.client_params(service, &declared, &mut scope)?;
    let (types, errors, operations) = ctx.lower_items(service, &declared, &mut scope)?;
    Ok(Service {
        id: service.id.clone(),
        module,
        trait_name,
        error_name,
        client_name,
        protocol,
        query_compatible: known.aws_query_compatible,
        xml: xml::xml_service(model, traits, known, &closure, protocol),
        signing_name: known.sigv4.as_ref().map(|s| s.name.clone()),
        title: known.title.clone(),
        version: props.version.clone(),
        docs: ctx.docs(&service.id, || {
            format!("The `{sdk_id}` service (`{}`).", service.id)
        }),
        deprecated: ctx.deprecated(&service.id),
        sdk_id,
        types,
        errors,
        operations,
        endpoint_rule_set: known
            .endpoint_rule_set
            .as_ref()
            .map(|rules| rules.document.to_string()),
        client_params,
    })
}

type Items = (
    BTreeMap<Ident, TypeDef>,
    BTreeMap<Ident, ErrorDef>,
    BTreeMap<Ident, OperationDef>,
);

impl Ctx<'_> {
    /// Lowers every named shape; operation error enums and trait methods are named here,
    /// after the model's names (in `scope`).
    fn lower_items(
        &self,
        service: &Shape,
        declared: &endpoint_params::Declared,
        scope: &mut Scope,
    ) -> Result<Items, GenerateError> {
        let (mut types, mut errors, mut operations) = Items::default();
        let mut method_scope = Scope::new();
        for (id, symbol) in &self.names {
            let Some(shape) = self.model.shapes.get(id) else {
                continue;
            };
            let name = &symbol.name;
            match symbol.home {
                Home::Types => {
                    types.insert(name.clone(), self.lower_type(shape, name)?);
                }
                Home::Errors => {
                    errors.insert(name.clone(), self.lower_error(shape, name)?);
                }
                Home::Operations => {
                    let op_names = operations::OpNames {
                        name: name.clone(),
                        error_name: scope.claim(naming::generated_type_name(name, "Error")),
                        method: method_scope.claim(naming::method_name(id.name())),
                    };
                    let op = self.lower_operation(service, shape, op_names, declared)?;
                    operations.insert(name.clone(), op);
                }
                Home::Validate
                | Home::Protocol
                | Home::Xml
                | Home::Endpoint
                | Home::Client
                | Home::Server => {}
            }
        }
        Ok((types, errors, operations))
    }
}

/// Shapes reachable from operation outputs or errors but never from inputs: error
/// correction applies to them.
fn output_only(
    model: &Model,
    service: &crate::model::Service,
    closure: &BTreeSet<ShapeId>,
) -> BTreeSet<ShapeId> {
    let mut inputs = Vec::new();
    let mut outputs: Vec<ShapeId> = service.errors.clone();
    for id in closure {
        if let Some(op) = model.shapes.get(id).and_then(Shape::as_operation) {
            inputs.extend(op.input.iter().cloned());
            outputs.extend(op.output.iter().cloned());
            outputs.extend(op.errors.iter().cloned());
        }
    }
    let input_set = reach(model, inputs);
    reach(model, outputs)
        .difference(&input_set)
        .cloned()
        .collect()
}

/// Every shape reachable from `roots` through member targets.
fn reach(model: &Model, roots: Vec<ShapeId>) -> BTreeSet<ShapeId> {
    let mut seen = BTreeSet::new();
    let mut stack = roots;
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        if let Some(shape) = model.shapes.get(&id) {
            stack.extend(
                shape
                    .members
                    .iter()
                    .map(|m| m.target.clone())
                    .filter(|t| !seen.contains(t)),
            );
        }
    }
    seen
}

//! Model → IR, in one pass per service.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::types::{Constraints, NamedKind, TimestampFormat, Ty, TyKind};
use super::{
    Crate, DefaultValue, EnumDef, EnumValue, EnumVariant, ErrorDef, ErrorRef, Fault, Field, Http,
    HttpBinding, OperationDef, Pagination, Presence, Service, StructDef, TypeDef, TypeKind,
    UnionDef, UnionVariant,
};
use crate::error::{GenerateError, GenerateErrorKind};
use crate::model::{Member, Model, Shape, ShapeId, ShapeType, Traits};
use crate::naming::{self, Ident, Scope};

const UNIT: &str = "smithy.api#Unit";

/// Lowers every service of `model` (mixins already flattened) to the IR.
///
/// # Errors
/// [`GenerateError`] naming the shape when a target is missing, a trait is malformed, or
/// two shapes would get the same Rust name.
pub fn lower(model: &Model) -> Result<Crate, GenerateError> {
    let model = &crate::transform::prepare(model);
    let mut services: BTreeMap<Ident, Service> = BTreeMap::new();
    for shape in model.services() {
        let service = lower_service(model, shape)?;
        if let Some(other) = services.get(&service.module) {
            return Err(GenerateErrorKind::ServiceConflict {
                shape: service.id.clone(),
                other: other.id.clone(),
                module: service.module.to_string(),
            }
            .into());
        }
        services.insert(service.module.clone(), service);
    }
    Ok(Crate {
        services: services.into_values().collect(),
    })
}

/// Which generated file a named shape lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Home {
    Types,
    Errors,
    Operations,
}

impl Home {
    fn module(self) -> &'static str {
        match self {
            Home::Types => "types",
            Home::Errors => "errors",
            Home::Operations => "operations",
        }
    }
}

struct Ctx<'a> {
    model: &'a Model,
    module: Ident,
    names: BTreeMap<ShapeId, (Ident, Home)>,
    output_only: BTreeSet<ShapeId>,
}

fn str_trait<'t>(traits: &'t Traits, id: &str) -> Option<&'t str> {
    get(traits, id).and_then(Value::as_str)
}

fn get<'t>(traits: &'t Traits, id: &str) -> Option<&'t Value> {
    ShapeId::parse(id).ok().and_then(|id| traits.get(&id))
}

fn has(traits: &Traits, id: &str) -> bool {
    get(traits, id).is_some()
}

fn docs(traits: &Traits, fallback: impl FnOnce() -> String) -> String {
    let text = str_trait(traits, "smithy.api#documentation")
        .map(crate::docs::to_rustdoc)
        .unwrap_or_default();
    if text.trim().is_empty() {
        fallback()
    } else {
        text
    }
}

fn deprecated(traits: &Traits) -> Option<String> {
    let value = get(traits, "smithy.api#deprecated")?;
    let message = value.get("message").and_then(Value::as_str);
    let since = value.get("since").and_then(Value::as_str);
    Some(match (message, since) {
        (Some(m), Some(s)) => format!("{m} (since {s})"),
        (Some(m), None) => m.to_owned(),
        (None, Some(s)) => format!("deprecated since {s}"),
        (None, None) => "deprecated".to_owned(),
    })
}

fn is_enum_shape(shape: &Shape) -> bool {
    matches!(shape.shape_type, ShapeType::Enum | ShapeType::IntEnum)
        || (shape.shape_type == ShapeType::String && shape.has_trait("smithy.api#enum"))
}

fn lower_service(model: &Model, service: &Shape) -> Result<Service, GenerateError> {
    let props = service.as_service().ok_or_else(|| {
        GenerateError::invalid(&service.id, &service.location, "not a service shape")
    })?;
    let sdk_id = get(&service.traits, "aws.api#service")
        .and_then(|v| v.get("sdkId"))
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(service.id.name())
        .to_owned();
    let module = naming::module_name(&sdk_id);
    let closure = model.closure(&service.id);

    // Names of model shapes: exact, conflicts are errors.
    let mut scope = Scope::new();
    let mut claimed: BTreeMap<Ident, ShapeId> = BTreeMap::new();
    let mut names = BTreeMap::new();
    for id in &closure {
        let Some(shape) = model.shapes.get(id) else {
            continue;
        };
        let home = match shape.shape_type {
            ShapeType::Structure if id.to_string() == UNIT => continue,
            ShapeType::Structure if shape.has_trait("smithy.api#error") => Home::Errors,
            ShapeType::Structure | ShapeType::Union => Home::Types,
            _ if is_enum_shape(shape) => Home::Types,
            ShapeType::Operation => Home::Operations,
            _ => continue,
        };
        let raw = props.rename.get(id).map_or(id.name(), String::as_str);
        let ident = naming::type_name(raw);
        if scope.claim_exact(ident.clone()).is_none() {
            let other = claimed.get(&ident).cloned().unwrap_or_else(|| id.clone());
            return Err(GenerateErrorKind::NameConflict {
                service: service.id.clone(),
                shape: id.clone(),
                other,
                name: ident.to_string(),
                location: shape.location.clone(),
            }
            .into());
        }
        claimed.insert(ident.clone(), id.clone());
        names.insert(id.clone(), (ident, home));
    }

    // Generated names: claimed after the model's, suffixed on collision.
    let trait_name = scope.claim(naming::type_name(&sdk_id));
    let error_name = scope.claim(naming::generated_type_name(&trait_name, "Error"));

    // Error correction: shapes reachable from outputs/errors but never from inputs.
    let mut inputs = Vec::new();
    let mut outputs: Vec<ShapeId> = props.errors.clone();
    for id in &closure {
        if let Some(op) = model.shapes.get(id).and_then(Shape::as_operation) {
            inputs.extend(op.input.iter().cloned());
            outputs.extend(op.output.iter().cloned());
            outputs.extend(op.errors.iter().cloned());
        }
    }
    let input_set = reach(model, inputs);
    let output_only = reach(model, outputs)
        .difference(&input_set)
        .cloned()
        .collect();

    let ctx = Ctx {
        model,
        module: module.clone(),
        names,
        output_only,
    };

    let mut types = BTreeMap::new();
    let mut errors = BTreeMap::new();
    let mut operations = BTreeMap::new();
    let mut method_scope = Scope::new();
    for (id, (ident, home)) in &ctx.names {
        let Some(shape) = model.shapes.get(id) else {
            continue;
        };
        match home {
            Home::Types => {
                types.insert(ident.clone(), ctx.lower_type(shape, ident)?);
            }
            Home::Errors => {
                errors.insert(ident.clone(), ctx.lower_error(shape, ident)?);
            }
            Home::Operations => {
                let error_name = scope.claim(naming::generated_type_name(ident, "Error"));
                let method = method_scope.claim(naming::method_name(id.name()));
                let op = ctx.lower_operation(service, shape, ident, method, error_name)?;
                operations.insert(ident.clone(), op);
            }
        }
    }

    let docs = docs(&service.traits, || {
        format!("The `{sdk_id}` service (`{}`).", service.id)
    });
    Ok(Service {
        id: service.id.clone(),
        module,
        sdk_id,
        trait_name,
        error_name,
        title: str_trait(&service.traits, "smithy.api#title").map(str::to_owned),
        version: props.version.clone(),
        docs,
        deprecated: deprecated(&service.traits),
        types,
        errors,
        operations,
    })
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

impl Ctx<'_> {
    fn shape(
        &self,
        from: &ShapeId,
        target: &ShapeId,
        location: &crate::model::Location,
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

    fn path(&self, id: &ShapeId) -> Option<String> {
        let (ident, home) = self.names.get(id)?;
        Some(format!(
            "crate::{}::{}::{}",
            self.module,
            home.module(),
            ident
        ))
    }

    /// Whether the member of `container` targeting `target` must be boxed: `target` is a
    /// structure or union from which `container` is reachable without passing a list or map.
    fn needs_box(&self, container: &ShapeId, target: &ShapeId) -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![target.clone()];
        while let Some(id) = stack.pop() {
            if &id == container {
                return true;
            }
            if !seen.insert(id.clone()) {
                continue;
            }
            if let Some(shape) = self.model.shapes.get(&id) {
                if matches!(shape.shape_type, ShapeType::Structure | ShapeType::Union) {
                    stack.extend(shape.members.iter().map(|m| m.target.clone()));
                }
            }
        }
        false
    }

    /// Resolves the type of `member` (of `container`, for recursion boxing).
    fn resolve(
        &self,
        member_id: &ShapeId,
        member: &Member,
        container: Option<&ShapeId>,
    ) -> Result<Ty, GenerateError> {
        let target = self.shape(member_id, &member.target, &member.location)?;
        let mut constraints = read_constraints(&target.traits, &target.id, &target.location)?;
        let own = read_constraints(&member.traits, member_id, &member.location)?;
        if own.length.is_some() {
            constraints.length = own.length;
        }
        if own.pattern.is_some() {
            constraints.pattern = own.pattern;
        }
        if own.range.is_some() {
            constraints.range = own.range;
        }
        let invalid = |message: &str| GenerateError::invalid(&target.id, &target.location, message);
        let named = |kind: NamedKind| -> Result<TyKind, GenerateError> {
            let path = self.path(&target.id).ok_or_else(|| {
                GenerateError::invalid(
                    member_id,
                    &member.location,
                    format!("cannot target `{}` here", target.id),
                )
            })?;
            let boxed = matches!(kind, NamedKind::Struct | NamedKind::Union)
                && container.is_some_and(|c| self.needs_box(c, &target.id));
            Ok(TyKind::Named { path, kind, boxed })
        };
        let kind = match target.shape_type {
            _ if is_enum_shape(target) => named(if target.shape_type == ShapeType::IntEnum {
                NamedKind::IntEnum
            } else {
                NamedKind::Enum
            })?,
            ShapeType::Blob => TyKind::Blob,
            ShapeType::Boolean => TyKind::Bool,
            ShapeType::String => TyKind::String,
            ShapeType::Byte => TyKind::Byte,
            ShapeType::Short => TyKind::Short,
            ShapeType::Integer => TyKind::Integer,
            ShapeType::Long => TyKind::Long,
            ShapeType::Float => TyKind::Float,
            ShapeType::Double => TyKind::Double,
            ShapeType::BigInteger => TyKind::BigInteger,
            ShapeType::BigDecimal => TyKind::BigDecimal,
            ShapeType::Document => TyKind::Document,
            ShapeType::Timestamp => {
                let format = str_trait(&member.traits, "smithy.api#timestampFormat")
                    .or_else(|| str_trait(&target.traits, "smithy.api#timestampFormat"));
                TyKind::Timestamp(match format {
                    None | Some("epoch-seconds") => TimestampFormat::EpochSeconds,
                    Some("date-time") => TimestampFormat::DateTime,
                    Some("http-date") => TimestampFormat::HttpDate,
                    Some(other) => {
                        return Err(invalid(&format!("unknown timestamp format `{other}`")))
                    }
                })
            }
            ShapeType::List | ShapeType::Set => {
                let item = target
                    .member("member")
                    .ok_or_else(|| invalid("list without `member`"))?;
                let item = self.resolve(&target.id.with_member("member"), item, None)?;
                TyKind::List {
                    item: Box::new(item),
                    sparse: target.has_trait("smithy.api#sparse"),
                }
            }
            ShapeType::Map => {
                let key = target
                    .member("key")
                    .ok_or_else(|| invalid("map without `key`"))?;
                let value = target
                    .member("value")
                    .ok_or_else(|| invalid("map without `value`"))?;
                TyKind::Map {
                    key: Box::new(self.resolve(&target.id.with_member("key"), key, None)?),
                    value: Box::new(self.resolve(&target.id.with_member("value"), value, None)?),
                    sparse: target.has_trait("smithy.api#sparse"),
                }
            }
            ShapeType::Structure => named(NamedKind::Struct)?,
            ShapeType::Union => named(NamedKind::Union)?,
            ShapeType::Enum
            | ShapeType::IntEnum
            | ShapeType::Service
            | ShapeType::Operation
            | ShapeType::Resource => {
                return Err(GenerateError::invalid(
                    member_id,
                    &member.location,
                    format!(
                        "a member cannot target the {} `{}`",
                        target.shape_type.as_str(),
                        target.id
                    ),
                ))
            }
        };
        Ok(Ty {
            shape: target.id.clone(),
            kind,
            constraints,
        })
    }

    fn sensitive_deep(&self, target: &ShapeId, depth: usize) -> bool {
        let Some(shape) = self.model.shapes.get(target) else {
            return false;
        };
        if shape.has_trait("smithy.api#sensitive") {
            return true;
        }
        depth < 8
            && matches!(
                shape.shape_type,
                ShapeType::List | ShapeType::Set | ShapeType::Map
            )
            && shape
                .members
                .iter()
                .any(|m| self.sensitive_deep(&m.target, depth + 1))
    }

    fn lower_fields(&self, shape: &Shape) -> Result<StructDef, GenerateError> {
        let mut scope = Scope::new();
        let mut fields = Vec::new();
        for member in &shape.members {
            let id = shape.id.with_member(&member.name);
            let ty = self.resolve(&id, member, Some(&shape.id))?;
            let default = get(&member.traits, "smithy.api#default").filter(|v| !v.is_null());
            let presence =
                if member.has_trait("smithy.api#idempotencyToken") && ty.kind == TyKind::String {
                    Presence::IdempotencyToken
                } else if let Some(value) = default {
                    let target = self.shape(&id, &member.target, &member.location)?;
                    let is_zero = check_default(&ty, value, target)
                        .map_err(|why| GenerateError::invalid(&id, &member.location, why))?;
                    Presence::Default(DefaultValue {
                        value: value.clone(),
                        is_zero,
                    })
                } else if member.has_trait("smithy.api#required") {
                    Presence::Required
                } else {
                    Presence::Optional
                };
            fields.push(Field {
                name: scope.claim(naming::field_name(&member.name)),
                json_name: str_trait(&member.traits, "smithy.api#jsonName")
                    .unwrap_or(&member.name)
                    .to_owned(),
                docs: docs(&member.traits, || format!("The `{}` member.", member.name)),
                deprecated: deprecated(&member.traits),
                sensitive: self.sensitive_deep(&member.target, 0),
                http: http_binding(&member.traits),
                presence,
                ty,
                id,
            });
        }
        Ok(StructDef {
            fields,
            error_correction: self.output_only.contains(&shape.id),
        })
    }

    fn lower_type(&self, shape: &Shape, name: &Ident) -> Result<TypeDef, GenerateError> {
        let kind = match shape.shape_type {
            ShapeType::Structure => TypeKind::Struct(self.lower_fields(shape)?),
            ShapeType::Union => {
                let mut scope = Scope::new();
                let mut variants = Vec::new();
                for (index, member) in shape.members.iter().enumerate() {
                    let id = shape.id.with_member(&member.name);
                    let target = self.shape(&id, &member.target, &member.location)?;
                    let unit = member.target.to_string() == UNIT
                        || target.has_trait("smithy.api#unitType");
                    variants.push(UnionVariant {
                        name: scope.claim(naming::variant_name(&member.name, index)),
                        json_name: str_trait(&member.traits, "smithy.api#jsonName")
                            .unwrap_or(&member.name)
                            .to_owned(),
                        docs: docs(&member.traits, || format!("The `{}` member.", member.name)),
                        deprecated: deprecated(&member.traits),
                        ty: if unit {
                            None
                        } else {
                            Some(self.resolve(&id, member, Some(&shape.id))?)
                        },
                        sensitive: self.sensitive_deep(&member.target, 0),
                        id,
                    });
                }
                TypeKind::Union(UnionDef { variants })
            }
            _ => TypeKind::Enum(lower_enum(shape)?),
        };
        Ok(TypeDef {
            id: shape.id.clone(),
            name: name.clone(),
            docs: docs(&shape.traits, || {
                format!("The `{}` shape (`{}`).", shape.id.name(), shape.id)
            }),
            deprecated: deprecated(&shape.traits),
            sensitive: shape.has_trait("smithy.api#sensitive"),
            kind,
        })
    }

    fn lower_error(&self, shape: &Shape, name: &Ident) -> Result<ErrorDef, GenerateError> {
        let fault = match str_trait(&shape.traits, "smithy.api#error") {
            Some("server") => Fault::Server,
            Some("client") => Fault::Client,
            other => {
                return Err(GenerateError::invalid(
                    &shape.id,
                    &shape.location,
                    format!("@error must be \"client\" or \"server\", found {other:?}"),
                ))
            }
        };
        let status = match get(&shape.traits, "smithy.api#httpError") {
            Some(v) => v
                .as_u64()
                .and_then(|v| u16::try_from(v).ok())
                .ok_or_else(|| {
                    GenerateError::invalid(
                        &shape.id,
                        &shape.location,
                        format!("invalid @httpError {v}"),
                    )
                })?,
            None if fault == Fault::Client => 400,
            None => 500,
        };
        let fields = self.lower_fields(shape)?;
        let message_field = ["message", "Message"].iter().find_map(|m| {
            let member = shape.member(m)?;
            let field = fields
                .fields
                .iter()
                .find(|f| f.id.member() == Some(member.name.as_str()))?;
            (field.ty.kind == TyKind::String).then(|| field.name.clone())
        });
        Ok(ErrorDef {
            id: shape.id.clone(),
            name: name.clone(),
            code: shape.id.name().to_owned(),
            docs: docs(&shape.traits, || {
                format!("The `{}` error (`{}`).", shape.id.name(), shape.id)
            }),
            deprecated: deprecated(&shape.traits),
            sensitive: shape.has_trait("smithy.api#sensitive"),
            fault,
            status,
            retryable: shape.has_trait("smithy.api#retryable"),
            fields,
            message_field,
        })
    }

    fn lower_operation(
        &self,
        service: &Shape,
        shape: &Shape,
        name: &Ident,
        method: Ident,
        error_name: Ident,
    ) -> Result<OperationDef, GenerateError> {
        let invalid = |message: String| GenerateError::invalid(&shape.id, &shape.location, message);
        let op = shape
            .as_operation()
            .ok_or_else(|| invalid("not an operation shape".to_owned()))?;
        let io_path = |id: &Option<ShapeId>| -> Result<Option<String>, GenerateError> {
            match id {
                None => Ok(None),
                Some(id) if id.to_string() == UNIT => Ok(None),
                Some(id) => {
                    self.shape(&shape.id, id, &shape.location)?;
                    match self.names.get(id) {
                        Some((_, Home::Types)) => Ok(self.path(id)),
                        _ => Err(invalid(format!("input/output `{id}` is not a structure"))),
                    }
                }
            }
        };
        let mut errors: Vec<ErrorRef> = Vec::new();
        let service_errors = service
            .as_service()
            .map(|s| s.errors.as_slice())
            .unwrap_or_default();
        for id in op.errors.iter().chain(service_errors) {
            if errors.iter().any(|e| &e.id == id) {
                continue;
            }
            self.shape(&shape.id, id, &shape.location)?;
            let Some((variant, Home::Errors)) = self.names.get(id) else {
                return Err(invalid(format!("error `{id}` is not an @error structure")));
            };
            let path = self.path(id).unwrap_or_default();
            errors.push(ErrorRef {
                id: id.clone(),
                variant: variant.clone(),
                path,
            });
        }
        let input = op.input.as_ref().and_then(|id| self.model.shapes.get(id));
        let http = http_trait(shape, input).map_err(invalid)?;
        let pagination = match get(&shape.traits, "smithy.api#paginated") {
            None => None,
            Some(own) => {
                let defaults = get(&service.traits, "smithy.api#paginated");
                let pick = |key: &str| {
                    own.get(key)
                        .or_else(|| defaults.and_then(|d| d.get(key)))
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                };
                match (pick("inputToken"), pick("outputToken")) {
                    (Some(input_token), Some(output_token)) => Some(Pagination {
                        input_token,
                        output_token,
                        items: pick("items"),
                        page_size: pick("pageSize"),
                    }),
                    _ => {
                        return Err(invalid(
                            "@paginated without inputToken/outputToken".to_owned(),
                        ))
                    }
                }
            }
        };
        Ok(OperationDef {
            id: shape.id.clone(),
            name: name.clone(),
            method,
            error_name,
            docs: docs(&shape.traits, || {
                format!("The `{}` operation (`{}`).", shape.id.name(), shape.id)
            }),
            deprecated: deprecated(&shape.traits),
            http,
            input: io_path(&op.input)?,
            output: io_path(&op.output)?,
            errors,
            pagination,
        })
    }
}

fn lower_enum(shape: &Shape) -> Result<EnumDef, GenerateError> {
    let mut scope = Scope::new();
    let mut variants = Vec::new();
    let invalid = |message: String| GenerateError::invalid(&shape.id, &shape.location, message);
    if shape.shape_type == ShapeType::String {
        let list = get(&shape.traits, "smithy.api#enum")
            .and_then(Value::as_array)
            .ok_or_else(|| invalid("@enum must be a list".to_owned()))?;
        for (index, def) in list.iter().enumerate() {
            let value = def
                .get("value")
                .and_then(Value::as_str)
                .ok_or_else(|| invalid(format!("@enum entry {index} has no string `value`")))?;
            let name = def.get("name").and_then(Value::as_str).unwrap_or(value);
            let doc = def
                .get("documentation")
                .and_then(Value::as_str)
                .map(crate::docs::to_rustdoc);
            variants.push(EnumVariant {
                name: scope.claim(naming::variant_name(name, index)),
                value: EnumValue::Str(value.to_owned()),
                docs: doc
                    .filter(|d| !d.is_empty())
                    .unwrap_or_else(|| format!("The value `{value}`.")),
                deprecated: (def.get("deprecated") == Some(&Value::Bool(true)))
                    .then(|| "deprecated".to_owned()),
            });
        }
        return Ok(EnumDef {
            int: false,
            variants,
        });
    }
    let int = shape.shape_type == ShapeType::IntEnum;
    for (index, member) in shape.members.iter().enumerate() {
        let raw = get(&member.traits, "smithy.api#enumValue");
        let value = if int {
            let v = raw
                .and_then(Value::as_i64)
                .and_then(|v| i32::try_from(v).ok())
                .ok_or_else(|| {
                    invalid(format!(
                        "intEnum member `{}` needs an integer @enumValue",
                        member.name
                    ))
                })?;
            EnumValue::Int(v)
        } else {
            match raw {
                None => EnumValue::Str(member.name.clone()),
                Some(Value::String(s)) => EnumValue::Str(s.clone()),
                Some(other) => {
                    return Err(invalid(format!(
                        "enum member `{}` has @enumValue {other}",
                        member.name
                    )))
                }
            }
        };
        let shown = match &value {
            EnumValue::Str(s) => s.clone(),
            EnumValue::Int(i) => i.to_string(),
        };
        variants.push(EnumVariant {
            name: scope.claim(naming::variant_name(&member.name, index)),
            docs: docs(&member.traits, || format!("The value `{shown}`.")),
            deprecated: deprecated(&member.traits),
            value,
        });
    }
    Ok(EnumDef { int, variants })
}

/// The constraint traits of a shape or member (spec constraint-traits.rst), checked:
/// bounds must be numbers of the right kind and a pattern must compile with regex-lite,
/// the engine the generated `validate()` uses.
fn read_constraints(
    traits: &Traits,
    id: &ShapeId,
    location: &crate::model::Location,
) -> Result<Constraints, GenerateError> {
    type Bounds<'v> = Option<(Option<&'v Value>, Option<&'v Value>)>;
    let bounds = |name: &str| -> Result<Bounds<'_>, GenerateError> {
        match get(traits, name) {
            None => Ok(None),
            Some(Value::Object(o)) => Ok(Some((o.get("min"), o.get("max")))),
            Some(v) => Err(GenerateError::invalid(
                id,
                location,
                format!("invalid @{} {v}", &name[11..]),
            )),
        }
    };
    let bad = |what: &str, v: &Value| {
        GenerateError::invalid(id, location, format!("invalid {what} bound {v}"))
    };
    let length = match bounds("smithy.api#length")? {
        None => None,
        Some((min, max)) => {
            let conv = |v: Option<&Value>| match v {
                None => Ok(None),
                Some(v) => v.as_u64().map(Some).ok_or_else(|| bad("@length", v)),
            };
            Some((conv(min)?, conv(max)?))
        }
    };
    let range = match bounds("smithy.api#range")? {
        None => None,
        Some((min, max)) => {
            let conv = |v: Option<&Value>| match v {
                None => Ok(None),
                Some(v) => v.as_f64().map(Some).ok_or_else(|| bad("@range", v)),
            };
            Some((conv(min)?, conv(max)?))
        }
    };
    let pattern = str_trait(traits, "smithy.api#pattern").map(str::to_owned);
    if let Some(Err(e)) = pattern.as_deref().map(regex_lite::Regex::new) {
        let message = format!("@pattern cannot be checked: regex-lite rejects it: {e}");
        return Err(GenerateError::invalid(id, location, message));
    }
    Ok(Constraints {
        length,
        pattern,
        range,
    })
}

fn http_binding(traits: &Traits) -> Option<HttpBinding> {
    let text = |id| str_trait(traits, id).map(str::to_owned);
    if has(traits, "smithy.api#httpLabel") {
        Some(HttpBinding::Label)
    } else if let Some(name) = text("smithy.api#httpQuery") {
        Some(HttpBinding::Query(name))
    } else if has(traits, "smithy.api#httpQueryParams") {
        Some(HttpBinding::QueryParams)
    } else if let Some(name) = text("smithy.api#httpHeader") {
        Some(HttpBinding::Header(name))
    } else if let Some(prefix) = text("smithy.api#httpPrefixHeaders") {
        Some(HttpBinding::PrefixHeaders(prefix))
    } else if has(traits, "smithy.api#httpPayload") {
        Some(HttpBinding::Payload)
    } else if has(traits, "smithy.api#httpResponseCode") {
        Some(HttpBinding::ResponseCode)
    } else {
        None
    }
}

/// The operation's `@http` trait (spec http-bindings.rst "http trait"), checked: a
/// method, a URI path starting with `/`, a status code in 100–999, and URI labels that
/// match the input's `@httpLabel` members one to one, each of them `@required`.
fn http_trait(operation: &Shape, input: Option<&Shape>) -> Result<Option<Http>, String> {
    let Some(value) = get(&operation.traits, "smithy.api#http") else {
        return Ok(None);
    };
    let method = value
        .get("method")
        .and_then(Value::as_str)
        .filter(|m| !m.is_empty());
    let method = method.ok_or_else(|| format!("@http needs a `method` string: {value}"))?;
    let uri = value
        .get("uri")
        .and_then(Value::as_str)
        .filter(|u| u.starts_with('/'));
    let uri = uri.ok_or_else(|| format!("@http needs a `uri` starting with `/`: {value}"))?;
    let code = match value.get("code") {
        None => 200,
        Some(c) => c
            .as_u64()
            .filter(|c| (100..=999).contains(c))
            .and_then(|c| u16::try_from(c).ok())
            .ok_or_else(|| format!("@http code {c} is not an HTTP status code"))?,
    };
    let path = uri.split('?').next().unwrap_or(uri);
    let labels: Vec<&str> = path
        .split('/')
        .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
        .map(|label| label.strip_suffix('+').unwrap_or(label))
        .collect();
    let members = input.map(|s| s.members.as_slice()).unwrap_or_default();
    for label in &labels {
        match members.iter().find(|m| m.name == *label) {
            Some(m) if m.has_trait("smithy.api#httpLabel") && m.has_trait("smithy.api#required") => {}
            Some(_) => {
                return Err(format!(
                    "@http uri `{uri}` label `{label}` needs its input member to be @httpLabel and @required"
                ))
            }
            None => return Err(format!("@http uri `{uri}` has label `{label}`, but the input has no such member")),
        }
    }
    if let Some(m) = members
        .iter()
        .find(|m| m.has_trait("smithy.api#httpLabel") && !labels.contains(&m.name.as_str()))
    {
        return Err(format!(
            "@httpLabel member `{}` does not appear in the @http uri `{uri}`",
            m.name
        ));
    }
    Ok(Some(Http {
        method: method.to_owned(),
        uri: uri.to_owned(),
        code,
    }))
}

/// Checks a `@default` value against the member's type (spec type-refinement-traits.rst,
/// "default trait"): whether it is the Rust `Default` of `ty`, or why it is not a valid
/// default. `target` is the member's target shape, for enum values.
fn check_default(ty: &Ty, value: &Value, target: &Shape) -> Result<bool, String> {
    let integer = |n: &serde_json::Number, min: i64, max: i64| {
        n.as_i64()
            .filter(|v| (min..=max).contains(v))
            .map(|v| v == 0)
    };
    let zero = |n: &serde_json::Number| n.as_f64() == Some(0.0);
    let checked = match (&ty.kind, value) {
        (TyKind::Bool, Value::Bool(b)) => Some(!b),
        (TyKind::Byte, Value::Number(n)) => integer(n, i8::MIN.into(), i8::MAX.into()),
        (TyKind::Short, Value::Number(n)) => integer(n, i16::MIN.into(), i16::MAX.into()),
        (TyKind::Integer, Value::Number(n)) => integer(n, i32::MIN.into(), i32::MAX.into()),
        (TyKind::Long, Value::Number(n)) => integer(n, i64::MIN, i64::MAX),
        (TyKind::Float | TyKind::Double | TyKind::BigDecimal, Value::Number(n)) => Some(zero(n)),
        (TyKind::BigInteger, Value::Number(n)) => (n.is_i64() || n.is_u64()).then(|| zero(n)),
        (TyKind::Timestamp(_), Value::Number(n)) => Some(zero(n)),
        (TyKind::Timestamp(_), Value::String(s)) => parse_timestamp(s).map(|t| t == (0, 0)),
        (TyKind::String, Value::String(s)) => Some(s.is_empty()),
        (TyKind::Blob, Value::String(s)) => decode_blob(s).map(|b| b.is_empty()),
        (TyKind::Document, v) => Some(v.is_null()),
        (TyKind::List { .. }, Value::Array(a)) if a.is_empty() => Some(true),
        (TyKind::Map { .. }, Value::Object(o)) if o.is_empty() => Some(true),
        (
            TyKind::Named {
                kind: NamedKind::Enum | NamedKind::IntEnum,
                ..
            },
            v,
        ) => {
            let enum_def = lower_enum(target).map_err(|e| e.to_string())?;
            let known = enum_def
                .variants
                .iter()
                .any(|variant| match (&variant.value, v) {
                    (EnumValue::Str(s), Value::String(d)) => s == d,
                    (EnumValue::Int(i), Value::Number(n)) => n.as_i64() == Some(i64::from(*i)),
                    _ => false,
                });
            known.then_some(false)
        }
        _ => None,
    };
    checked.ok_or_else(|| format!("@default {value} is not a valid value of `{}`", target.id))
}

/// An RFC 3339 timestamp as seconds and nanoseconds since the Unix epoch.
pub(crate) fn parse_timestamp(text: &str) -> Option<(i64, u32)> {
    let parsed = time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339);
    parsed.ok().map(|t| (t.unix_timestamp(), t.nanosecond()))
}

/// A blob `@default`: standard base64 (spec: blob defaults are base64 strings).
pub(crate) fn decode_blob(text: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

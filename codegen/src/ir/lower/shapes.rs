//! Structures, unions, enums and error structures; member types resolved to [`Ty`].

use std::collections::BTreeSet;

use super::Ctx;
use crate::error::GenerateError;
use crate::ir::{
    Constraints, EnumDef, EnumValue, EnumVariant, ErrorDef, Fault, Field, NamedKind, Presence,
    StructDef, TimestampFormat, Ty, TyKind, TypeDef, TypeKind, UnionDef, UnionVariant,
};
use crate::model::traits::{self, Known, TraitIndex};
use crate::model::{Member, Shape, ShapeId, ShapeType};
use crate::naming::{self, Ident, Scope};

/// How deep `@sensitive` is looked for through list and map members.
const SENSITIVE_DEPTH: usize = 8;

impl Ctx<'_> {
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
    pub(super) fn resolve(
        &self,
        member_id: &ShapeId,
        member: &Member,
        container: Option<&ShapeId>,
    ) -> Result<Ty, GenerateError> {
        let target = self.shape(member_id, &member.target, &member.location)?;
        let own = self.known(member_id);
        let of_target = self.known(&target.id);
        let mut constraints = constraints(own, of_target, member_id, &member.location)?;
        constraints.pattern_check = constraints.pattern.as_deref().map(|p| self.decide(p));
        if let Some(crate::pattern::Decision::NotEnforced(why)) = &constraints.pattern_check {
            let pattern = constraints.pattern.as_deref().unwrap_or_default();
            self.warnings.borrow_mut().insert(format!(
                "{}: shape `{member_id}`: @pattern `{pattern}` is not enforced: {why}",
                member.location
            ));
        }
        // A `set` (deprecated, JSON AST and IDL 1.0 models) is a list with `@uniqueItems`.
        constraints.unique_items = match target.shape_type {
            ShapeType::List => of_target.unique_items,
            ShapeType::Set => true,
            _ => false,
        };
        if self.is_enum(target) {
            constraints.enum_values = Some(self.enum_value_set(target));
        }
        let invalid = |message: &str| GenerateError::invalid(&target.id, &target.location, message);
        let named = |kind: NamedKind| -> Result<TyKind, GenerateError> {
            let symbol = self.names.get(&target.id).cloned().ok_or_else(|| {
                GenerateError::invalid(
                    member_id,
                    &member.location,
                    format!("cannot target `{}` here", target.id),
                )
            })?;
            let boxed = matches!(kind, NamedKind::Struct | NamedKind::Union)
                && container.is_some_and(|c| self.needs_box(c, &target.id));
            Ok(TyKind::Named {
                symbol,
                kind,
                boxed,
            })
        };
        let collection = |name: &str| -> Result<Box<Ty>, GenerateError> {
            let inner = target.member(name).ok_or_else(|| {
                invalid(&format!("{} without `{name}`", target.shape_type.as_str()))
            })?;
            Ok(Box::new(self.resolve(
                &target.id.with_member(name),
                inner,
                None,
            )?))
        };
        let enum_kind = match target.shape_type {
            ShapeType::IntEnum => NamedKind::IntEnum,
            _ => NamedKind::Enum,
        };
        let kind = match (self.is_enum(target), scalar(target.shape_type)) {
            (true, _) => named(enum_kind)?,
            (false, Some(kind)) => kind,
            (false, None) => match target.shape_type {
                ShapeType::Timestamp => TyKind::Timestamp(
                    self.timestamp_format(own, of_target)
                        .unwrap_or(self.protocol.body_timestamp_format()),
                ),
                ShapeType::List | ShapeType::Set => TyKind::List {
                    item: collection("member")?,
                    sparse: of_target.sparse,
                },
                ShapeType::Map => TyKind::Map {
                    key: collection("key")?,
                    value: collection("value")?,
                    sparse: of_target.sparse,
                },
                ShapeType::Structure => named(NamedKind::Struct)?,
                ShapeType::Union => named(NamedKind::Union)?,
                _ => {
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
            },
        };
        Ok(Ty {
            shape: target.id.clone(),
            kind,
            constraints,
            timestamp_format: self.timestamp_format(own, of_target),
            member_constrained: member_constrained(own, of_target),
        })
    }

    /// The values of the enum, intEnum or `@enum` string `target` a violation lists: all
    /// but those of `@internal` members and of `@enum` definitions tagged `internal` (which
    /// Smithy turns into `@internal` members).
    fn enum_value_set(&self, target: &Shape) -> Vec<String> {
        let is = |id: &ShapeId, name: &str| id.namespace() == "smithy.api" && id.name() == name;
        if let Some(definitions) = &self.known(&target.id).legacy_enum {
            let raw = target
                .traits
                .iter()
                .find(|(id, _)| id.to_string() == traits::ids::ENUM)
                .and_then(|(_, node)| node.as_array());
            let internal = |i: usize| {
                raw.and_then(|list| list.get(i)?.get("tags")?.as_array())
                    .is_some_and(|tags| tags.iter().any(|t| t.as_str() == Some("internal")))
            };
            return definitions
                .iter()
                .enumerate()
                .filter(|(i, _)| !internal(*i))
                .map(|(_, d)| d.value.clone())
                .collect();
        }
        target
            .members
            .iter()
            .filter(|m| !m.traits.keys().any(|id| is(id, "internal")))
            .map(
                |m| match &self.known(&target.id.with_member(&m.name)).enum_value {
                    Some(traits::EnumValue::String(s)) => s.clone(),
                    Some(traits::EnumValue::Int(i)) => i.to_string(),
                    None => m.name.clone(),
                },
            )
            .collect()
    }

    /// Whether values of `target` are `@sensitive`, directly or as list/map elements.
    fn sensitive_deep(&self, target: &ShapeId, depth: usize) -> bool {
        let Some(shape) = self.model.shapes.get(target) else {
            return false;
        };
        if self.known(target).sensitive {
            return true;
        }
        depth < SENSITIVE_DEPTH
            && matches!(
                shape.shape_type,
                ShapeType::List | ShapeType::Set | ShapeType::Map
            )
            && shape
                .members
                .iter()
                .any(|m| self.sensitive_deep(&m.target, depth + 1))
    }

    fn presence(&self, id: &ShapeId, member: &Member, ty: &Ty) -> Result<Presence, GenerateError> {
        let known = self.known(id);
        let default = known.default.as_ref().filter(|v| !v.is_null());
        let label = !self.protocol.ignores_http_bindings()
            && known.http_binding == Some(traits::HttpBinding::Label);
        // A label is needed to build the URI: never `Option`, token or not.
        Ok(
            if known.idempotency_token && ty.kind == TyKind::String && !label {
                Presence::IdempotencyToken
            } else if known.client_optional && !label {
                // Spec type-refinement-traits.rst: clients treat it as optional, whatever its
                // `@required` or `@default` (a URI label excepted: the request needs it).
                Presence::Optional
            } else if let Some(value) = default {
                let target = self.shape(id, &member.target, &member.location)?;
                let variants = if self.is_enum(target) {
                    lower_enum(self.traits, target)?.variants
                } else {
                    Vec::new()
                };
                let value = super::defaults::check(ty, value, &target.id, &variants)
                    .map_err(|why| GenerateError::invalid(id, &member.location, why))?;
                let top_level_input = self.inputs.contains(&id.root());
                if top_level_input && !label {
                    Presence::InputDefault(value)
                } else {
                    Presence::Default(value)
                }
            } else if known.required {
                Presence::Required
            } else {
                Presence::Optional
            },
        )
    }

    fn lower_fields(&self, shape: &Shape) -> Result<StructDef, GenerateError> {
        let mut scope = Scope::new();
        let mut fields = Vec::new();
        for member in &shape.members {
            let id = shape.id.with_member(&member.name);
            let ty = self.resolve(&id, member, Some(&shape.id))?;
            let known = self.known(&id);
            fields.push(Field {
                name: scope.claim(naming::field_name(&member.name)),
                json_name: self.json_name(&id, &member.name),
                docs: self.docs(&id, || format!("The `{}` member.", member.name)),
                deprecated: self.deprecated(&id),
                sensitive: self.sensitive_deep(&member.target, 0),
                http: (!self.protocol.ignores_http_bindings())
                    .then(|| known.http_binding.clone())
                    .flatten(),
                host_label: known.host_label,
                media_type: (known.media_type.clone())
                    .or_else(|| self.known(&member.target).media_type.clone()),
                presence: self.presence(&id, member, &ty)?,
                ty,
                id,
            });
        }
        Ok(StructDef {
            fields,
            error_correction: self.output_only.contains(&shape.id),
            operation_input: self.inputs.contains(&shape.id),
        })
    }

    /// A member's key in a JSON body: its `@jsonName` where the protocol honours it,
    /// else its name.
    fn json_name(&self, id: &ShapeId, name: &str) -> String {
        self.known(id)
            .json_name
            .clone()
            .filter(|_| self.protocol.honors_json_name())
            .unwrap_or_else(|| name.to_owned())
    }

    /// A member's `@timestampFormat` (its own, else its target's), where the protocol
    /// honours it.
    fn timestamp_format(&self, own: &Known, of_target: &Known) -> Option<TimestampFormat> {
        own.timestamp_format
            .or(of_target.timestamp_format)
            .filter(|_| self.protocol.honors_timestamp_format())
    }

    fn lower_union(&self, shape: &Shape) -> Result<UnionDef, GenerateError> {
        let mut scope = Scope::new();
        let mut variants = Vec::new();
        for (index, member) in shape.members.iter().enumerate() {
            let id = shape.id.with_member(&member.name);
            let target = self.shape(&id, &member.target, &member.location)?;
            let unit = self.known(&target.id).unit_type;
            variants.push(UnionVariant {
                name: scope.claim(naming::variant_name(&member.name, index)),
                json_name: self.json_name(&id, &member.name),
                docs: self.docs(&id, || format!("The `{}` member.", member.name)),
                deprecated: self.deprecated(&id),
                ty: if unit {
                    None
                } else {
                    Some(self.resolve(&id, member, Some(&shape.id))?)
                },
                sensitive: self.sensitive_deep(&member.target, 0),
                id,
            });
        }
        Ok(UnionDef { variants })
    }

    pub(super) fn lower_type(&self, shape: &Shape, name: &Ident) -> Result<TypeDef, GenerateError> {
        let kind = match shape.shape_type {
            ShapeType::Structure => TypeKind::Struct(self.lower_fields(shape)?),
            ShapeType::Union => TypeKind::Union(self.lower_union(shape)?),
            _ => TypeKind::Enum(lower_enum(self.traits, shape)?),
        };
        Ok(TypeDef {
            id: shape.id.clone(),
            name: name.clone(),
            docs: self.docs(&shape.id, || {
                format!("The `{}` shape (`{}`).", shape.id.name(), shape.id)
            }),
            deprecated: self.deprecated(&shape.id),
            sensitive: self.known(&shape.id).sensitive,
            kind,
        })
    }

    pub(super) fn lower_error(
        &self,
        shape: &Shape,
        name: &Ident,
    ) -> Result<ErrorDef, GenerateError> {
        let known = self.known(&shape.id);
        let fault = known.error.unwrap_or(Fault::Client);
        // awsQuery and ec2Query name errors by their `@awsQueryError` code, and send them
        // with its status (spec aws-core.rst, awsQueryError trait).
        let query_error = known
            .aws_query_error
            .as_ref()
            .filter(|_| self.query_compatible || self.protocol.is_query());
        let query_status = query_error
            .map(|(_, status)| *status)
            .filter(|_| self.protocol.is_query());
        let status = known.http_error.or(query_status).unwrap_or(match fault {
            Fault::Client => 400,
            Fault::Server => 500,
        });
        let fields = self.lower_fields(shape)?;
        let message_field = ["message", "Message"].iter().find_map(|m| {
            let field = fields.fields.iter().find(|f| f.id.member() == Some(m))?;
            (field.ty.kind == TyKind::String).then(|| field.name.clone())
        });
        Ok(ErrorDef {
            id: shape.id.clone(),
            name: name.clone(),
            code: query_error.map_or_else(|| shape.id.name().to_owned(), |(code, _)| code.clone()),
            docs: self.docs(&shape.id, || {
                format!("The `{}` error (`{}`).", shape.id.name(), shape.id)
            }),
            deprecated: self.deprecated(&shape.id),
            sensitive: known.sensitive,
            fault,
            status,
            retryable: known.retryable.is_some(),
            throttling: known.retryable.is_some_and(|r| r.throttling),
            fields,
            message_field,
        })
    }
}

/// The Rust type of a scalar shape type (timestamps aside: they need their format).
fn scalar(shape_type: ShapeType) -> Option<TyKind> {
    Some(match shape_type {
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
        _ => return None,
    })
}

/// An enum, intEnum, or string with the legacy `@enum` trait.
fn lower_enum(index: &TraitIndex, shape: &Shape) -> Result<EnumDef, GenerateError> {
    let known = index.get(&shape.id);
    let invalid = |message: String| GenerateError::invalid(&shape.id, &shape.location, message);
    let mut scope = Scope::new();
    let mut variants = Vec::new();
    if let Some(list) = known
        .legacy_enum
        .as_ref()
        .filter(|_| shape.shape_type == ShapeType::String)
    {
        for (index, def) in list.iter().enumerate() {
            let doc = def.documentation.as_deref().map(crate::docs::to_rustdoc);
            variants.push(EnumVariant {
                name: scope.claim(naming::variant_name(
                    def.name.as_deref().unwrap_or(&def.value),
                    index,
                )),
                value: EnumValue::Str(def.value.clone()),
                docs: doc
                    .filter(|d| !d.is_empty())
                    .unwrap_or_else(|| format!("The value `{}`.", def.value)),
                deprecated: def.deprecated.then(|| "deprecated".to_owned()),
            });
        }
        return Ok(EnumDef {
            int: false,
            variants,
        });
    }
    let int = shape.shape_type == ShapeType::IntEnum;
    for (position, member) in shape.members.iter().enumerate() {
        let member_known = index.get(&shape.id.with_member(&member.name));
        let value = match (&member_known.enum_value, int) {
            (Some(traits::EnumValue::Int(v)), true) => match i32::try_from(*v) {
                Ok(v) => EnumValue::Int(v),
                Err(_) => {
                    return Err(invalid(format!(
                        "intEnum member `{}` value {v} is not an i32",
                        member.name
                    )))
                }
            },
            (None | Some(traits::EnumValue::String(_)), true) => {
                return Err(invalid(format!(
                    "intEnum member `{}` needs an integer @enumValue",
                    member.name
                )))
            }
            (None, false) => EnumValue::Str(member.name.clone()),
            (Some(traits::EnumValue::String(s)), false) => EnumValue::Str(s.clone()),
            (Some(traits::EnumValue::Int(v)), false) => {
                return Err(invalid(format!(
                    "enum member `{}` has @enumValue {v}",
                    member.name
                )))
            }
        };
        let shown = match &value {
            EnumValue::Str(s) => s.clone(),
            EnumValue::Int(i) => i.to_string(),
        };
        let docs = member_known
            .documentation
            .as_deref()
            .map(crate::docs::to_rustdoc)
            .filter(|d| !d.trim().is_empty())
            .unwrap_or_else(|| format!("The value `{shown}`."));
        variants.push(EnumVariant {
            name: scope.claim(naming::variant_name(&member.name, position)),
            docs,
            deprecated: member_known.deprecated.as_ref().map(|d| d.note()),
            value,
        });
    }
    Ok(EnumDef { int, variants })
}

/// Whether a member's constraint traits change those of its target (one equal to the
/// target's changes nothing).
fn member_constrained(member: &Known, target: &Known) -> bool {
    (member.length.is_some() && member.length != target.length)
        || (member.range.is_some() && member.range != target.range)
        || (member.pattern.is_some() && member.pattern != target.pattern)
}

/// The constraint traits at one use: the target's, overridden by the member's (spec
/// constraint-traits.rst); its `pattern_check` is set by the caller, which decides each
/// distinct pattern once.
fn constraints(
    member: &Known,
    target: &Known,
    id: &ShapeId,
    location: &crate::model::Location,
) -> Result<Constraints, GenerateError> {
    let length = member.length.or(target.length).map(|l| (l.min, l.max));
    let range = match member.range.as_ref().or(target.range.as_ref()) {
        None => None,
        Some(r) => {
            let bound = |n: &Option<serde_json::Number>| match n {
                None => Ok(None),
                Some(n) => n.as_f64().map(Some).ok_or_else(|| {
                    GenerateError::invalid(id, location, format!("invalid @range bound {n}"))
                }),
            };
            Some((bound(&r.min)?, bound(&r.max)?))
        }
    };
    let pattern = member.pattern.clone().or_else(|| target.pattern.clone());
    Ok(Constraints {
        length,
        pattern,
        range,
        ..Constraints::default()
    })
}

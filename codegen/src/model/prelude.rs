//! The `smithy.api` prelude (spec prelude.smithy): the shapes every model can refer to
//! without a namespace.
//!
//! Only names and types are tabled here: the loader needs them to resolve relative
//! shape IDs and targets; trait *definitions* matter only for conflict resolution,
//! where the list-typed traits are the ones that concatenate.

use super::{Location, Shape, ShapeId, ShapeType, PRELUDE_NAMESPACE};
use crate::model::traits::ids;

/// Prelude simple shapes and `Unit`, with their types.
const SHAPES: &[(&str, ShapeType)] = &[
    ("String", ShapeType::String),
    ("Blob", ShapeType::Blob),
    ("BigInteger", ShapeType::BigInteger),
    ("BigDecimal", ShapeType::BigDecimal),
    ("Timestamp", ShapeType::Timestamp),
    ("Document", ShapeType::Document),
    ("Boolean", ShapeType::Boolean),
    ("Byte", ShapeType::Byte),
    ("Short", ShapeType::Short),
    ("Integer", ShapeType::Integer),
    ("Long", ShapeType::Long),
    ("Float", ShapeType::Float),
    ("Double", ShapeType::Double),
    ("PrimitiveBoolean", ShapeType::Boolean),
    ("PrimitiveByte", ShapeType::Byte),
    ("PrimitiveShort", ShapeType::Short),
    ("PrimitiveInteger", ShapeType::Integer),
    ("PrimitiveLong", ShapeType::Long),
    ("PrimitiveFloat", ShapeType::Float),
    ("PrimitiveDouble", ShapeType::Double),
    ("Unit", ShapeType::Structure),
];

/// Prelude trait names whose trait shape is a list: conflicting applications of these
/// concatenate (spec model.rst "Trait conflict resolution").
const LIST_TRAITS: &[&str] = &["auth", "examples", "references", "tags", "enum", "suppress"];

/// Every other prelude trait and helper shape name, so that relative references such as
/// `@required` or `@length` resolve to `smithy.api`.
const OTHER_NAMES: &[&str] = &[
    "trait",
    "TraitDiffRules",
    "TraitDiffRule",
    "TraitChangeType",
    "Severity",
    "StructurallyExclusive",
    "deprecated",
    "box",
    "documentation",
    "externalDocumentation",
    "AuthTraitReference",
    "protocolDefinition",
    "TraitShapeIdList",
    "TraitShapeId",
    "authDefinition",
    "httpBasicAuth",
    "httpDigestAuth",
    "httpBearerAuth",
    "httpApiKeyAuth",
    "traitValidators",
    "TraitValidator",
    "metadata",
    "ShapeClosures",
    "ShapeClosure",
    "ClosureId",
    "Namespaces",
    "Renames",
    "CommonMark",
    "Identifier",
    "default",
    "addedDefault",
    "clientOptional",
    "HttpApiKeyLocations",
    "optionalAuth",
    "Example",
    "ExampleError",
    "error",
    "retryable",
    "readonly",
    "idempotent",
    "IdempotentErrors",
    "idempotencyToken",
    "internal",
    "jsonName",
    "xmlAttribute",
    "xmlFlattened",
    "xmlName",
    "xmlNamespace",
    "NonEmptyString",
    "noReplace",
    "mediaType",
    "Reference",
    "NonEmptyStringMap",
    "resourceIdentifier",
    "private",
    "sensitive",
    "since",
    "streaming",
    "requiresLength",
    "longPoll",
    "title",
    "EnumDefinition",
    "EnumConstantBodyName",
    "enumValue",
    "length",
    "range",
    "pattern",
    "required",
    "property",
    "notProperty",
    "nestedProperties",
    "recommended",
    "sparse",
    "uniqueItems",
    "unstable",
    "paginated",
    "http",
    "httpLabel",
    "httpQuery",
    "httpQueryParams",
    "httpHeader",
    "httpPrefixHeaders",
    "httpPayload",
    "httpError",
    "httpResponseCode",
    "cors",
    "NonEmptyStringList",
    "eventPayload",
    "eventHeader",
    "idRef",
    "timestampFormat",
    "endpoint",
    "hostLabel",
    "httpChecksumRequired",
    "input",
    "output",
    "unitType",
    "mixin",
    "LocalMixinTraitList",
    "LocalMixinTrait",
    "RequestCompressionEncodingsList",
    "requestCompression",
];

/// Whether `name` is defined in the prelude (`smithy.api#name`).
pub fn contains(name: &str) -> bool {
    SHAPES.iter().any(|(n, _)| *n == name)
        || LIST_TRAITS.contains(&name)
        || OTHER_NAMES.contains(&name)
}

/// Whether the prelude trait `id` is list-typed (its conflicting values concatenate).
pub fn is_list_trait(id: &ShapeId) -> bool {
    id.is_prelude() && LIST_TRAITS.contains(&id.name())
}

/// The prelude's simple shapes and `Unit`, as shapes to seed a model with.
pub fn shapes() -> impl Iterator<Item = Shape> {
    SHAPES.iter().map(|(name, ty)| {
        let mut shape = Shape::new(
            ShapeId::new(PRELUDE_NAMESPACE, *name),
            *ty,
            Location::prelude(),
        );
        if *name == "Unit" {
            shape
                .traits
                .insert(ids::shape_id(ids::UNIT_TYPE), serde_json::json!({}));
        }
        shape
    })
}

/// The prelude shape ID for `name`, if the prelude defines it.
pub fn resolve(name: &str) -> Option<ShapeId> {
    contains(name).then(|| ShapeId::new(PRELUDE_NAMESPACE, name))
}

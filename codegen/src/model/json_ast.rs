//! The Smithy JSON AST (spec json-ast.rst): reading one file into a [`Fragment`], and
//! writing a [`Model`] back out.

use std::sync::Arc;

use serde_json::{json, Map, Value};

use super::{
    Apply, Fragment, LoadError, Location, Member, Model, Node, Resource, Service, Shape, ShapeBody,
    ShapeId, ShapeType, Traits,
};

/// Parses one JSON AST document into a [`Fragment`].
///
/// # Errors
/// Malformed JSON (with its line and column), or a property of the wrong kind, an invalid
/// shape ID or an unknown shape type (with its JSON path and shape ID).
pub fn parse(file: Arc<str>, text: &str) -> Result<Fragment, LoadError> {
    let mut root: Value = serde_json::from_str(text).map_err(|e| {
        let line = u32::try_from(e.line()).unwrap_or(u32::MAX);
        let column = u32::try_from(e.column()).unwrap_or(u32::MAX);
        LoadError::new(
            Location::at(file.clone(), line, column),
            format!("invalid JSON: {e}"),
        )
    })?;
    // Numbers as the IDL reader builds them, so equal values are equal nodes.
    super::number::canonicalize(&mut root);
    Reader {
        file,
        version_1: false,
    }
    .document(&root)
}

/// A value being read, with its JSON path for error messages.
#[derive(Clone, Copy)]
struct At<'a> {
    value: &'a Value,
    path: &'a str,
}

struct Reader {
    file: Arc<str>,
    /// `"smithy": "1.x"`: 2.0-only features (resource properties) are errors.
    version_1: bool,
}

impl Reader {
    fn error(&self, path: &str, message: impl Into<String>) -> LoadError {
        LoadError::new(Location::json(self.file.clone(), path), message)
    }

    fn location(&self, path: &str) -> Location {
        Location::json(self.file.clone(), path)
    }

    fn object<'a>(&self, at: At<'a>) -> Result<&'a Map<String, Value>, LoadError> {
        at.value.as_object().ok_or_else(|| {
            self.error(
                at.path,
                format!("expected an object, found {}", kind(at.value)),
            )
        })
    }

    fn string<'a>(&self, at: At<'a>) -> Result<&'a str, LoadError> {
        at.value.as_str().ok_or_else(|| {
            self.error(
                at.path,
                format!("expected a string, found {}", kind(at.value)),
            )
        })
    }

    fn shape_id(&self, at: At<'_>) -> Result<ShapeId, LoadError> {
        ShapeId::parse(self.string(at)?).map_err(|e| self.error(at.path, e.to_string()))
    }

    fn document(&mut self, root: &Value) -> Result<Fragment, LoadError> {
        let mut fragment = Fragment::new(self.file.clone());
        let root = self.object(At {
            value: root,
            path: "$",
        })?;
        match root.get("smithy") {
            Some(Value::String(v)) if v == "1" || v.starts_with("1.") => self.version_1 = true,
            Some(Value::String(v)) if v == "2" || v.starts_with("2.") => {}
            Some(v) => {
                return Err(self.error("$.smithy", format!("unsupported Smithy version {v}")))
            }
            None => return Err(self.error("$", "missing the `smithy` version property")),
        }
        if let Some(metadata) = root.get("metadata") {
            for (key, value) in self.object(At {
                value: metadata,
                path: "$.metadata",
            })? {
                let path = format!("$.metadata[{key:?}]");
                fragment
                    .metadata
                    .push((key.clone(), value.clone(), self.location(&path)));
            }
        }
        if let Some(shapes) = root.get("shapes") {
            for (key, value) in self.object(At {
                value: shapes,
                path: "$.shapes",
            })? {
                let path = format!("$.shapes[{key:?}]");
                let id = self.shape_id(At {
                    value: &Value::String(key.clone()),
                    path: &path,
                })?;
                self.shape(&mut fragment, id, At { value, path: &path })?;
            }
        }
        Ok(fragment)
    }

    fn shape(&self, fragment: &mut Fragment, id: ShapeId, at: At<'_>) -> Result<(), LoadError> {
        let obj = self.object(at)?;
        let type_path = format!("{}.type", at.path);
        let keyword = self.string(At {
            value: obj.get("type").unwrap_or(&Value::Null),
            path: &type_path,
        })?;
        let traits = self.traits(obj, at.path)?;
        if keyword == "apply" {
            fragment.applies.push(Apply {
                target: id,
                traits,
                location: self.location(at.path),
                elided_from: None,
            });
            return Ok(());
        }
        let shape_type = ShapeType::from_keyword(keyword).ok_or_else(|| {
            LoadError::shape(
                self.location(&type_path),
                &id,
                format!("unknown shape type `{keyword}`"),
            )
        })?;
        if id.member().is_some() {
            return Err(LoadError::shape(
                self.location(at.path),
                &id,
                "a member ID cannot define a shape",
            ));
        }
        let mut shape = Shape::new(id, shape_type, self.location(at.path));
        shape.traits = traits;
        shape.mixins = self.targets(obj, "mixins", at.path)?;
        shape.members = self.members(obj, shape_type, at.path)?;
        let id = shape.id.clone();
        match &mut shape.body {
            ShapeBody::Plain => {}
            ShapeBody::Service(s) => self.service(s, obj, at.path)?,
            ShapeBody::Operation(op) => {
                op.input = self.target(obj, "input", at.path)?.filter(|t| !is_unit(t));
                op.output = self.target(obj, "output", at.path)?.filter(|t| !is_unit(t));
                op.errors = self.targets(obj, "errors", at.path)?;
            }
            ShapeBody::Resource(r) => self.resource(r, &id, obj, at.path)?,
        }
        fragment.shapes.push(shape);
        Ok(())
    }

    /// Service properties (spec json-ast.rst "Service shapes").
    fn service(
        &self,
        s: &mut Service,
        obj: &Map<String, Value>,
        path: &str,
    ) -> Result<(), LoadError> {
        s.version = self.optional_string(obj, "version", path)?;
        s.operations = self.targets(obj, "operations", path)?;
        s.resources = self.targets(obj, "resources", path)?;
        s.errors = self.targets(obj, "errors", path)?;
        let Some(rename) = obj.get("rename") else {
            return Ok(());
        };
        let path = format!("{path}.rename");
        for (key, value) in self.object(At {
            value: rename,
            path: &path,
        })? {
            let path = format!("{path}[{key:?}]");
            let from = self.shape_id(At {
                value: &Value::String(key.clone()),
                path: &path,
            })?;
            s.rename
                .insert(from, self.string(At { value, path: &path })?.to_owned());
        }
        Ok(())
    }

    /// Resource properties (spec json-ast.rst "Resource shapes").
    fn resource(
        &self,
        r: &mut Resource,
        id: &ShapeId,
        obj: &Map<String, Value>,
        path: &str,
    ) -> Result<(), LoadError> {
        r.identifiers = self.named_targets(obj, "identifiers", path)?;
        r.properties = self.named_targets(obj, "properties", path)?;
        if self.version_1 && !r.properties.is_empty() {
            let path = format!("{path}.properties");
            return Err(LoadError::shape(
                self.location(&path),
                id,
                "resource properties need Smithy IDL 2.0; this file declares version 1",
            ));
        }
        r.create = self.target(obj, "create", path)?;
        r.put = self.target(obj, "put", path)?;
        r.read = self.target(obj, "read", path)?;
        r.update = self.target(obj, "update", path)?;
        r.delete = self.target(obj, "delete", path)?;
        r.list = self.target(obj, "list", path)?;
        r.operations = self.targets(obj, "operations", path)?;
        r.collection_operations = self.targets(obj, "collectionOperations", path)?;
        r.resources = self.targets(obj, "resources", path)?;
        Ok(())
    }

    fn traits(&self, obj: &Map<String, Value>, path: &str) -> Result<Traits, LoadError> {
        let mut traits = Traits::new();
        if let Some(value) = obj.get("traits") {
            let path = format!("{path}.traits");
            for (key, value) in self.object(At { value, path: &path })? {
                let path = format!("{path}[{key:?}]");
                let id = self.shape_id(At {
                    value: &Value::String(key.clone()),
                    path: &path,
                })?;
                traits.insert(id, value.clone());
            }
        }
        Ok(traits)
    }

    fn members(
        &self,
        obj: &Map<String, Value>,
        shape_type: ShapeType,
        path: &str,
    ) -> Result<Vec<Member>, LoadError> {
        let fixed: &[&str] = match shape_type {
            ShapeType::List | ShapeType::Set => &["member"],
            ShapeType::Map => &["key", "value"],
            ShapeType::Structure | ShapeType::Union | ShapeType::Enum | ShapeType::IntEnum => {
                return match obj.get("members") {
                    None => Ok(Vec::new()),
                    Some(value) => {
                        let path = format!("{path}.members");
                        let members = self.object(At { value, path: &path })?;
                        members
                            .iter()
                            .map(|(name, value)| {
                                self.member(
                                    name,
                                    At {
                                        value,
                                        path: &format!("{path}.{name}"),
                                    },
                                )
                            })
                            .collect()
                    }
                };
            }
            _ => &[],
        };
        // Lists and maps may omit their members when a mixin provides them.
        fixed
            .iter()
            .filter_map(|name| obj.get(*name).map(|value| (name, value)))
            .map(|(name, value)| {
                self.member(
                    name,
                    At {
                        value,
                        path: &format!("{path}.{name}"),
                    },
                )
            })
            .collect()
    }

    fn member(&self, name: &str, at: At<'_>) -> Result<Member, LoadError> {
        if !super::is_identifier(name) {
            return Err(self.error(at.path, format!("`{name}` is not a valid member name")));
        }
        let obj = self.object(at)?;
        let target_path = format!("{}.target", at.path);
        let target = self.shape_id(At {
            value: obj.get("target").unwrap_or(&Value::Null),
            path: &target_path,
        })?;
        Ok(Member {
            name: name.to_owned(),
            target,
            traits: self.traits(obj, at.path)?,
            location: self.location(at.path),
        })
    }

    fn optional_string(
        &self,
        obj: &Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Result<Option<String>, LoadError> {
        obj.get(key)
            .map(|value| {
                self.string(At {
                    value,
                    path: &format!("{path}.{key}"),
                })
                .map(str::to_owned)
            })
            .transpose()
    }

    /// A `{"target": "ns#Id"}` reference property.
    fn target(
        &self,
        obj: &Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Result<Option<ShapeId>, LoadError> {
        let Some(value) = obj.get(key) else {
            return Ok(None);
        };
        let path = format!("{path}.{key}");
        let target = self
            .object(At { value, path: &path })?
            .get("target")
            .unwrap_or(&Value::Null);
        self.shape_id(At {
            value: target,
            path: &format!("{path}.target"),
        })
        .map(Some)
    }

    /// A `[{"target": "ns#Id"}, ...]` reference list property.
    fn targets(
        &self,
        obj: &Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Result<Vec<ShapeId>, LoadError> {
        let Some(value) = obj.get(key) else {
            return Ok(Vec::new());
        };
        let path = format!("{path}.{key}");
        let items = value.as_array().ok_or_else(|| {
            self.error(&path, format!("expected an array, found {}", kind(value)))
        })?;
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let path = format!("{path}[{i}]");
                let target = self
                    .object(At {
                        value: item,
                        path: &path,
                    })?
                    .get("target")
                    .unwrap_or(&Value::Null);
                self.shape_id(At {
                    value: target,
                    path: &format!("{path}.target"),
                })
            })
            .collect()
    }

    /// A `{"name": {"target": "ns#Id"}, ...}` property (resource identifiers, properties).
    fn named_targets(
        &self,
        obj: &Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Result<Vec<(String, ShapeId)>, LoadError> {
        let Some(value) = obj.get(key) else {
            return Ok(Vec::new());
        };
        let path = format!("{path}.{key}");
        let entries = self.object(At { value, path: &path })?;
        entries
            .keys()
            .map(|name| {
                Ok((
                    name.clone(),
                    self.target(entries, name, &path)?.unwrap_or_else(unit),
                ))
            })
            .collect()
    }
}

fn unit() -> ShapeId {
    ShapeId::new(super::PRELUDE_NAMESPACE, "Unit")
}

fn is_unit(id: &ShapeId) -> bool {
    *id == unit()
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Writes `model` as a Smithy 2.0 JSON AST document: metadata, and every non-prelude
/// shape sorted by shape ID. Empty properties are omitted, so the output is canonical:
/// two models are equal exactly when their documents are. Numbers are printed exactly,
/// however large (`serde_json::to_string` of the result writes their text).
pub fn to_json(model: &Model) -> Node {
    let mut doc = Map::new();
    doc.insert("smithy".into(), json!("2.0"));
    if !model.metadata.is_empty() {
        doc.insert(
            "metadata".into(),
            Value::Object(
                model
                    .metadata
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            ),
        );
    }
    let shapes = model
        .user_shapes()
        .map(|s| (s.id.to_string(), shape_to_json(s)))
        .collect();
    doc.insert("shapes".into(), Value::Object(shapes));
    Value::Object(doc)
}

fn shape_to_json(shape: &Shape) -> Value {
    let mut obj = Map::new();
    obj.insert("type".into(), json!(shape.shape_type.as_str()));
    put_targets(&mut obj, "mixins", &shape.mixins);
    match shape.shape_type {
        ShapeType::List | ShapeType::Set | ShapeType::Map => {
            for member in &shape.members {
                obj.insert(member.name.clone(), member_to_json(member));
            }
        }
        t if t.has_members() => {
            let members = shape
                .members
                .iter()
                .map(|m| (m.name.clone(), member_to_json(m)))
                .collect();
            obj.insert("members".into(), Value::Object(members));
        }
        _ => {}
    }
    match &shape.body {
        ShapeBody::Plain => {}
        ShapeBody::Service(s) => {
            if let Some(version) = &s.version {
                obj.insert("version".into(), json!(version));
            }
            put_targets(&mut obj, "operations", &s.operations);
            put_targets(&mut obj, "resources", &s.resources);
            put_targets(&mut obj, "errors", &s.errors);
            if !s.rename.is_empty() {
                obj.insert(
                    "rename".into(),
                    s.rename
                        .iter()
                        .map(|(k, v)| (k.to_string(), json!(v)))
                        .collect(),
                );
            }
        }
        ShapeBody::Operation(op) => {
            put_target(&mut obj, "input", op.input.as_ref());
            put_target(&mut obj, "output", op.output.as_ref());
            put_targets(&mut obj, "errors", &op.errors);
        }
        ShapeBody::Resource(r) => {
            put_named(&mut obj, "identifiers", &r.identifiers);
            put_named(&mut obj, "properties", &r.properties);
            for (key, target) in [
                ("create", &r.create),
                ("put", &r.put),
                ("read", &r.read),
                ("update", &r.update),
                ("delete", &r.delete),
                ("list", &r.list),
            ] {
                put_target(&mut obj, key, target.as_ref());
            }
            put_targets(&mut obj, "operations", &r.operations);
            put_targets(&mut obj, "collectionOperations", &r.collection_operations);
            put_targets(&mut obj, "resources", &r.resources);
        }
    }
    put_traits(&mut obj, &shape.traits);
    Value::Object(obj)
}

fn member_to_json(member: &Member) -> Value {
    let mut obj = Map::new();
    obj.insert("target".into(), json!(member.target.to_string()));
    put_traits(&mut obj, &member.traits);
    Value::Object(obj)
}

fn put_traits(obj: &mut Map<String, Value>, traits: &Traits) {
    if !traits.is_empty() {
        obj.insert(
            "traits".into(),
            traits
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        );
    }
}

fn put_target(obj: &mut Map<String, Value>, key: &str, target: Option<&ShapeId>) {
    if let Some(target) = target {
        obj.insert(key.into(), json!({ "target": target.to_string() }));
    }
}

fn put_targets(obj: &mut Map<String, Value>, key: &str, targets: &[ShapeId]) {
    if !targets.is_empty() {
        obj.insert(
            key.into(),
            targets
                .iter()
                .map(|t| json!({ "target": t.to_string() }))
                .collect(),
        );
    }
}

fn put_named(obj: &mut Map<String, Value>, key: &str, named: &[(String, ShapeId)]) {
    if !named.is_empty() {
        obj.insert(
            key.into(),
            named
                .iter()
                .map(|(k, t)| (k.clone(), json!({ "target": t.to_string() })))
                .collect(),
        );
    }
}

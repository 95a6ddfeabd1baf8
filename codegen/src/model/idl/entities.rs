//! Service, resource and operation shapes (spec service-types.rst; idl.rst "Service
//! shape", "Resource shape", "Operation shape", "Inline input / output").

use crate::model::traits::ids;
use serde_json::{Map, Value};

use super::lexer::Pos;
use super::parser::{Parser, Version};
use crate::model::{
    LoadError, Node, Operation, Resource, Service, Shape, ShapeBody, ShapeId, ShapeType,
    PRELUDE_NAMESPACE,
};

impl Parser<'_> {
    /// Reads a service or resource body (a node object with raw shape IDs) into `shape`.
    pub(super) fn entity_body(
        &mut self,
        shape: &mut Shape,
        body: Node,
        pos: Pos,
    ) -> Result<(), LoadError> {
        let Value::Object(map) = body else {
            return Err(self.cur.error_at(pos, "expected an object"));
        };
        let mut body = std::mem::take(&mut shape.body);
        for (key, value) in map {
            let known = match &mut body {
                ShapeBody::Service(service) => self.service_property(service, &key, &value, pos)?,
                ShapeBody::Resource(resource) => {
                    self.resource_property(resource, &key, &value, pos)?
                }
                _ => false,
            };
            if !known {
                let message = format!("unknown property `{key}` for {}", shape.id);
                return Err(self.cur.error_at(pos, message));
            }
        }
        shape.body = body;
        Ok(())
    }

    fn service_property(
        &mut self,
        service: &mut Service,
        key: &str,
        value: &Node,
        pos: Pos,
    ) -> Result<bool, LoadError> {
        match key {
            "version" => service.version = Some(self.string(key, value, pos)?.to_owned()),
            "operations" => service.operations = self.id_list(key, value, pos)?,
            "resources" => service.resources = self.id_list(key, value, pos)?,
            "errors" => service.errors = self.id_list(key, value, pos)?,
            "rename" => {
                for (id, name) in self.object_value(key, value, pos)? {
                    let id = self.resolve(id, pos)?;
                    service
                        .rename
                        .insert(id, self.string(key, name, pos)?.to_owned());
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn resource_property(
        &mut self,
        resource: &mut Resource,
        key: &str,
        value: &Node,
        pos: Pos,
    ) -> Result<bool, LoadError> {
        match key {
            "identifiers" => resource.identifiers = self.id_map(key, value, pos)?,
            "properties" => {
                self.require_v2(pos, "resource properties")?;
                resource.properties = self.id_map(key, value, pos)?;
            }
            "create" => resource.create = Some(self.id(key, value, pos)?),
            "put" => resource.put = Some(self.id(key, value, pos)?),
            "read" => resource.read = Some(self.id(key, value, pos)?),
            "update" => resource.update = Some(self.id(key, value, pos)?),
            "delete" => resource.delete = Some(self.id(key, value, pos)?),
            "list" => resource.list = Some(self.id(key, value, pos)?),
            "operations" => resource.operations = self.id_list(key, value, pos)?,
            "collectionOperations" => {
                resource.collection_operations = self.id_list(key, value, pos)?
            }
            "resources" => resource.resources = self.id_list(key, value, pos)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn string<'v>(&self, key: &str, value: &'v Node, pos: Pos) -> Result<&'v str, LoadError> {
        value.as_str().ok_or_else(|| {
            self.cur
                .error_at(pos, format!("`{key}` must be a string, found {value}"))
        })
    }

    fn object_value<'v>(
        &self,
        key: &str,
        value: &'v Node,
        pos: Pos,
    ) -> Result<&'v Map<String, Value>, LoadError> {
        value.as_object().ok_or_else(|| {
            self.cur
                .error_at(pos, format!("`{key}` must be an object, found {value}"))
        })
    }

    fn id(&mut self, key: &str, value: &Node, pos: Pos) -> Result<ShapeId, LoadError> {
        let text = self.string(key, value, pos)?;
        self.resolve(text, pos)
    }

    fn id_list(&mut self, key: &str, value: &Node, pos: Pos) -> Result<Vec<ShapeId>, LoadError> {
        let items = value.as_array().ok_or_else(|| {
            self.cur.error_at(
                pos,
                format!("`{key}` must be a list of shape IDs, found {value}"),
            )
        })?;
        items.iter().map(|item| self.id(key, item, pos)).collect()
    }

    fn id_map(
        &mut self,
        key: &str,
        value: &Node,
        pos: Pos,
    ) -> Result<Vec<(String, ShapeId)>, LoadError> {
        let map = self.object_value(key, value, pos)?;
        map.iter()
            .map(|(name, item)| Ok((name.clone(), self.id(key, item, pos)?)))
            .collect()
    }

    /// `OperationBody`: `input`, `output` (either may be inline) and `errors`.
    pub(super) fn operation_body(&mut self, shape: &mut Shape) -> Result<(), LoadError> {
        let mut operation = Operation::default();
        let mut seen = Vec::new();
        self.cur.expect('{')?;
        self.cur.ws();
        while !self.cur.eat("}") {
            let pos = self.cur.pos();
            if self.cur.at_eof() {
                return Err(self.cur.expected("`}`"));
            }
            let key = self.cur.identifier()?;
            if seen.contains(&key) {
                return Err(self.cur.error_at(
                    pos,
                    format!("duplicate operation {key} property for `{}`", shape.id),
                ));
            }
            self.cur.ws();
            match key.as_str() {
                "input" => operation.input = self.operation_io(shape, true)?,
                "output" => operation.output = self.operation_io(shape, false)?,
                "errors" => operation.errors = self.operation_errors()?,
                _ => {
                    return Err(self
                        .cur
                        .error_at(pos, format!("unknown property `{key}` for {}", shape.id)))
                }
            }
            seen.push(key);
            self.cur.ws();
        }
        shape.body = ShapeBody::Operation(operation);
        Ok(())
    }

    /// `: Target` or an inline `:= { … }` structure; `None` for `smithy.api#Unit`.
    fn operation_io(
        &mut self,
        operation: &Shape,
        input: bool,
    ) -> Result<Option<ShapeId>, LoadError> {
        let id = if self.cur.starts_with(":=") {
            self.inline_io(operation, input)?
        } else {
            self.cur.expect(':')?;
            self.cur.ws();
            self.shape_id_ref()?
        };
        Ok((id != ShapeId::new(PRELUDE_NAMESPACE, "Unit")).then_some(id))
    }

    fn operation_errors(&mut self) -> Result<Vec<ShapeId>, LoadError> {
        self.cur.expect(':')?;
        self.cur.ws();
        self.cur.expect('[')?;
        self.cur.ws();
        let mut errors = Vec::new();
        while !self.cur.eat("]") {
            errors.push(self.shape_id_ref()?);
            self.cur.ws();
        }
        Ok(errors)
    }

    /// `InlineAggregateShape`: a structure named after the operation plus the
    /// `operationInputSuffix` / `operationOutputSuffix`, marked `@input` / `@output`.
    fn inline_io(&mut self, operation: &Shape, input: bool) -> Result<ShapeId, LoadError> {
        let pos = self.cur.pos();
        if self.version == Version::V1 {
            return Err(self.cur.error_at(pos, "inlined operation inputs and outputs can only be used with Smithy version 2 or later"));
        }
        self.cur.eat(":=");
        self.cur.ws();
        let docs = self.cur.take_docs();
        let list = self.trait_statements()?;
        let resource = self.for_resource()?;
        let mixins = self.mixins()?;
        self.cur.ws();
        let suffix = if input {
            &self.input_suffix
        } else {
            &self.output_suffix
        };
        let name = format!("{}{suffix}", operation.id.name());
        let id = self.define(&name, pos)?;
        let mut shape = Shape::new(id.clone(), ShapeType::Structure, self.cur.location_at(pos));
        shape.traits = self.collect_traits(list, docs)?;
        let marker = if input { ids::INPUT } else { ids::OUTPUT };
        shape
            .traits
            .insert(ids::shape_id(marker), Value::Object(Map::new()));
        shape.mixins = mixins;
        self.members(&mut shape, resource.as_ref())?;
        self.fragment.shapes.push(shape);
        Ok(id)
    }

    /// Operation mixins cannot have input or output, resource mixins cannot have
    /// properties (spec mixins.rst "Mixins on operations", "Mixins on resources").
    pub(super) fn check_mixin_shape(&self, shape: &Shape) -> Result<(), LoadError> {
        if !shape.has_trait(ids::MIXIN) {
            return Ok(());
        }
        let message = match &shape.body {
            ShapeBody::Operation(op) if op.input.is_some() || op.output.is_some() => {
                "operation mixins must target `smithy.api#Unit` for their input and output"
            }
            ShapeBody::Resource(r) if !r.properties.is_empty() || !r.identifiers.is_empty() => {
                "resource mixins may not define identifiers or properties"
            }
            _ => return Ok(()),
        };
        Err(LoadError::shape(shape.location.clone(), &shape.id, message))
    }
}

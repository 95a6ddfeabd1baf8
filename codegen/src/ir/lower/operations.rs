//! Operations: input, output, errors, `@http` (checked against the input's labels) and
//! `@paginated`.

use super::Ctx;
use crate::error::GenerateError;
use crate::ir::{ErrorRef, Home, HttpBinding, OperationDef, Pagination, Symbol};
use crate::model::traits::Http;
use crate::model::{Shape, ShapeId};
use crate::naming::Ident;

/// The names the service gave an operation.
pub(super) struct OpNames {
    /// The unit struct implementing `runtime::Operation`.
    pub name: Ident,
    /// The `<Operation>Error` enum.
    pub error_name: Ident,
    /// The service trait method.
    pub method: Ident,
}

impl Ctx<'_> {
    pub(super) fn lower_operation(
        &self,
        service: &Shape,
        shape: &Shape,
        names: OpNames,
        declared: &super::endpoint_params::Declared,
    ) -> Result<OperationDef, GenerateError> {
        let invalid = |message: String| GenerateError::invalid(&shape.id, &shape.location, message);
        let op = shape
            .as_operation()
            .ok_or_else(|| invalid("not an operation shape".to_owned()))?;
        let io = |id: &Option<ShapeId>| -> Result<Option<Symbol>, GenerateError> {
            let Some(id) = id else { return Ok(None) };
            let target = self.shape(&shape.id, id, &shape.location)?;
            if self.known(id).unit_type {
                return Ok(None);
            }
            match self.names.get(&target.id) {
                Some(symbol) if symbol.home == Home::Types => Ok(Some(symbol.clone())),
                _ => Err(invalid(format!("input/output `{id}` is not a structure"))),
            }
        };
        let input = io(&op.input)?;
        let input_shape = op.input.as_ref().and_then(|id| self.model.shapes.get(id));
        let known = self.known(&shape.id);
        let http = match &known.http {
            None => None,
            Some(http) => {
                self.check_labels(http, input_shape).map_err(invalid)?;
                Some(http.clone())
            }
        };
        Ok(OperationDef {
            id: shape.id.clone(),
            name: names.name,
            method: names.method,
            error_name: names.error_name,
            docs: self.docs(&shape.id, || {
                format!("The `{}` operation (`{}`).", shape.id.name(), shape.id)
            }),
            deprecated: self.deprecated(&shape.id),
            http,
            input,
            output: io(&op.output)?,
            errors: self.error_refs(service, shape, &op.errors)?,
            pagination: self.pagination(service, shape)?,
            host_prefix: known.endpoint.as_ref().map(|e| e.host_prefix.clone()),
            checksum_required: known.http_checksum_required,
            request_compression: known
                .request_compression
                .iter()
                .flatten()
                .map(|e| e.to_ascii_lowercase())
                .collect(),
            endpoint_params: self.endpoint_params(shape, input_shape, declared)?,
        })
    }

    /// Operation errors then service errors, without repeats.
    fn error_refs(
        &self,
        service: &Shape,
        operation: &Shape,
        own: &[ShapeId],
    ) -> Result<Vec<ErrorRef>, GenerateError> {
        let service_errors = service
            .as_service()
            .map(|s| s.errors.as_slice())
            .unwrap_or_default();
        let mut errors: Vec<ErrorRef> = Vec::new();
        for id in own.iter().chain(service_errors) {
            if errors.iter().any(|e| &e.id == id) {
                continue;
            }
            self.shape(&operation.id, id, &operation.location)?;
            match self.names.get(id) {
                Some(symbol) if symbol.home == Home::Errors => errors.push(ErrorRef {
                    id: id.clone(),
                    variant: symbol.name.clone(),
                    symbol: symbol.clone(),
                }),
                _ => {
                    return Err(GenerateError::invalid(
                        &operation.id,
                        &operation.location,
                        format!("error `{id}` is not an @error structure"),
                    ))
                }
            }
        }
        Ok(errors)
    }

    /// `@paginated` of the operation merged with the service's.
    fn pagination(
        &self,
        service: &Shape,
        operation: &Shape,
    ) -> Result<Option<Pagination>, GenerateError> {
        let Some(own) = &self.known(&operation.id).paginated else {
            return Ok(None);
        };
        let merged = own.or(self.known(&service.id).paginated.as_ref());
        match (merged.input_token, merged.output_token) {
            (Some(input_token), Some(output_token)) => Ok(Some(Pagination {
                input_token,
                output_token,
                items: merged.items,
                page_size: merged.page_size,
            })),
            _ => Err(GenerateError::invalid(
                &operation.id,
                &operation.location,
                "@paginated without inputToken/outputToken",
            )),
        }
    }

    /// The `@http` URI labels match the input's `@httpLabel` members one to one, each of
    /// them `@required` (spec http-bindings.rst "httpLabel trait").
    fn check_labels(&self, http: &Http, input: Option<&Shape>) -> Result<(), String> {
        let uri = &http.uri.text;
        let members = input.map(|s| s.members.as_slice()).unwrap_or_default();
        let member_known = |name: &str| {
            let id = input.map(|s| s.id.with_member(name));
            id.map(|id| self.known(&id))
        };
        for label in http.uri.labels() {
            match member_known(label).filter(|_| members.iter().any(|m| m.name == label)) {
                Some(k) if k.http_binding == Some(HttpBinding::Label) && k.required => {}
                Some(_) => {
                    return Err(format!(
                        "@http uri `{uri}` label `{label}` needs its input member to be @httpLabel and @required"
                    ))
                }
                None => {
                    return Err(format!(
                        "@http uri `{uri}` has label `{label}`, but the input has no such member"
                    ))
                }
            }
        }
        let labels: Vec<&str> = http.uri.labels().collect();
        let stray = members.iter().find(|m| {
            member_known(&m.name).is_some_and(|k| k.http_binding == Some(HttpBinding::Label))
                && !labels.contains(&m.name.as_str())
        });
        match stray {
            Some(m) => Err(format!(
                "@httpLabel member `{}` does not appear in the @http uri `{uri}`",
                m.name
            )),
            None => Ok(()),
        }
    }
}

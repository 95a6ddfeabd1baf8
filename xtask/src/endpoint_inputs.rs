//! The `operationInputs` of an `endpointTests` case, bound from the model (spec
//! rules-engine/specification.rst "OperationInput object", rules-engine/parameters.rst
//! "Parameter binding").
//!
//! An operation input names an operation and gives its input (`operationParams`, JSON by
//! member name), the built-ins a client sets (`builtInParams`, by built-in name) and its
//! client parameters (`clientParams`, by parameter name). Each parameter takes its most
//! specific value, in the spec's order: `@staticContextParams` of the operation, then
//! `@contextParam` members of its input, then `@operationContextParams` paths over the
//! input, then client parameters, then built-ins (a parameter left unset takes its
//! default in the engine).

use std::collections::BTreeMap;

use codegen::model::traits::Known;
use codegen::model::{Model, Shape, ShapeId, ShapeType};
use serde_json::Value as Json;

const OPERATION_CONTEXT_PARAMS: &str = "smithy.rules#operationContextParams";

/// Why an operation input could not be bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// The input uses what this binder does not implement (a JMESPath construct outside
    /// the subset it reads): the case is skipped with this reason.
    Unsupported(String),
    /// The input or the model is wrong (an unknown operation, a malformed entry).
    Invalid(String),
}

/// What binding needs of one service: its operations by name and its rule set's
/// parameters by built-in.
pub struct ServiceInputs<'m> {
    model: &'m Model,
    operations: BTreeMap<&'m str, &'m Shape>,
    /// Built-in name (`AWS::Region`) → the parameters bound to it.
    built_ins: BTreeMap<String, Vec<String>>,
}

impl<'m> ServiceInputs<'m> {
    /// The operations in `service`'s closure and the `builtIn`s of the rule set
    /// `rule_set` (the `endpointRuleSet` trait's JSON).
    pub fn new(model: &'m Model, service: &ShapeId, rule_set: &Json) -> Self {
        let operations = model
            .closure(service)
            .iter()
            .filter_map(|id| model.shapes.get(id))
            .filter(|s| s.shape_type == ShapeType::Operation)
            .map(|s| (s.id.name(), s))
            .collect();
        let mut built_ins: BTreeMap<String, Vec<String>> = BTreeMap::new();
        if let Some(params) = rule_set.get("parameters").and_then(Json::as_object) {
            for (name, param) in params {
                if let Some(built_in) = param.get("builtIn").and_then(Json::as_str) {
                    built_ins
                        .entry(built_in.to_owned())
                        .or_default()
                        .push(name.clone());
                }
            }
        }
        ServiceInputs {
            model,
            operations,
            built_ins,
        }
    }

    /// The parameter values (JSON by parameter name) of operation input `input`.
    ///
    /// # Errors
    /// [`InputError`]: an unknown operation, a malformed entry or trait, a path outside
    /// the JMESPath subset read here.
    pub fn bind(&self, input: &Json) -> Result<BTreeMap<String, Json>, InputError> {
        let invalid = |what: &str| InputError::Invalid(format!("operationInputs: {what}"));
        let name = input
            .get("operationName")
            .and_then(Json::as_str)
            .ok_or_else(|| invalid("no operationName"))?;
        let operation = *self
            .operations
            .get(name)
            .ok_or_else(|| invalid(&format!("no operation `{name}` in the service")))?;
        let empty = Json::Object(Default::default());
        let op_params = input.get("operationParams").unwrap_or(&empty);
        let mut params = BTreeMap::new();
        // Least specific first: each later source overrides.
        for (built_in, value) in entries(input, "builtInParams") {
            for param in self.built_ins.get(built_in).into_iter().flatten() {
                params.insert(param.clone(), value.clone());
            }
        }
        for (param, value) in entries(input, "clientParams") {
            params.insert(param.to_owned(), value.clone());
        }
        for (param, path) in operation_context_params(operation)? {
            params.insert(param, select(&path, op_params)?);
        }
        for (param, member) in self.context_params(operation)? {
            params.insert(param, op_params.get(&member).cloned().unwrap_or(Json::Null));
        }
        let known = known(operation)?;
        for (param, value) in known.static_context_params {
            params.insert(param, value);
        }
        params.retain(|_, v| !v.is_null());
        Ok(params)
    }

    /// `@contextParam` members of the operation's input: parameter name → member name.
    fn context_params(&self, operation: &Shape) -> Result<Vec<(String, String)>, InputError> {
        let input = operation
            .as_operation()
            .and_then(|op| op.input.as_ref())
            .and_then(|id| self.model.shape(id));
        let Some(input) = input else {
            return Ok(Vec::new());
        };
        let mut bound = Vec::new();
        for member in &input.members {
            let id = input.id.with_member(&member.name);
            let traits = Known::parse(&id, &member.traits, &member.location)
                .map_err(|e| InputError::Invalid(e.to_string()))?;
            if let Some(param) = traits.context_param {
                bound.push((param, member.name.clone()));
            }
        }
        Ok(bound)
    }
}

fn known(shape: &Shape) -> Result<Known, InputError> {
    Known::parse(&shape.id, &shape.traits, &shape.location)
        .map_err(|e| InputError::Invalid(e.to_string()))
}

/// The members of object `key` of `input` (none when absent).
fn entries<'a>(input: &'a Json, key: &str) -> impl Iterator<Item = (&'a str, &'a Json)> {
    input
        .get(key)
        .and_then(Json::as_object)
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.as_str(), v))
}

/// `@operationContextParams` of `operation`: parameter name → JMESPath.
fn operation_context_params(operation: &Shape) -> Result<Vec<(String, String)>, InputError> {
    let Some(value) = operation.get_trait(OPERATION_CONTEXT_PARAMS) else {
        return Ok(Vec::new());
    };
    let invalid = || {
        InputError::Invalid(format!(
            "{}: {OPERATION_CONTEXT_PARAMS} is not a map of {{path}}",
            operation.id
        ))
    };
    let map = value.as_object().ok_or_else(invalid)?;
    map.iter()
        .map(|(param, v)| {
            let path = v.get("path").and_then(Json::as_str).ok_or_else(invalid)?;
            Ok((param.clone(), path.to_owned()))
        })
        .collect()
}

/// A step of a JMESPath sub-expression chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step<'p> {
    /// An identifier: the member of that name.
    Field(&'p str),
    /// `[*]`: a projection over a list's elements.
    Wildcard,
    /// `[]`: a list flattened one level, then projected.
    Flatten,
}

/// A JMESPath value being evaluated: one value, or a projection's values (jmespath.org
/// "Projections": later steps apply to each, `null` results dropped).
enum Current {
    One(Json),
    Many(Vec<Json>),
}

/// Evaluates `path` over `input` (spec rules-engine/parameters.rst: the subset of
/// `@operationContextParams`): identifiers, sub-expressions, wildcard `[*]` and flatten
/// `[]` projections, and `keys(…)` of the whole expression. `null` when nothing is
/// selected.
///
/// # Errors
/// [`InputError::Unsupported`] for what else the subset allows (multi-select lists, a
/// wildcard inside a projection) and anything outside it.
pub fn select(path: &str, input: &Json) -> Result<Json, InputError> {
    if let Some(inner) = path
        .strip_prefix("keys(")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        return Ok(match select(inner, input)? {
            Json::Object(map) => Json::Array(map.keys().map(|k| Json::from(k.as_str())).collect()),
            _ => Json::Null,
        });
    }
    let mut current = Current::One(input.clone());
    for step in steps(path)? {
        current = match (step, current) {
            (Step::Field(name), Current::One(v)) => {
                Current::One(v.get(name).cloned().unwrap_or(Json::Null))
            }
            (Step::Field(name), Current::Many(vs)) => Current::Many(
                vs.iter()
                    .filter_map(|v| v.get(name).filter(|f| !f.is_null()).cloned())
                    .collect(),
            ),
            (Step::Wildcard, Current::One(Json::Array(items))) => Current::Many(items),
            (Step::Flatten, Current::One(Json::Array(items)) | Current::Many(items)) => {
                Current::Many(flatten(items))
            }
            // `steps` allows no wildcard inside a projection.
            (_, Current::One(_) | Current::Many(_)) => Current::One(Json::Null),
        };
    }
    Ok(match current {
        Current::One(v) => v,
        Current::Many(vs) => Json::Array(vs),
    })
}

/// The steps of `path`, a chain of `identifier([*]|[])*` separated by `.`.
fn steps(path: &str) -> Result<Vec<Step<'_>>, InputError> {
    let unsupported = |why: String| InputError::Unsupported(format!("JMESPath `{path}`: {why}"));
    let mut steps = Vec::new();
    for segment in path.split('.') {
        let (field, mut brackets) = segment.split_at(segment.find('[').unwrap_or(segment.len()));
        if field.is_empty() || !field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(unsupported(format!("`{segment}` is not an identifier")));
        }
        steps.push(Step::Field(field));
        while !brackets.is_empty() {
            let projected = steps.iter().any(|s| !matches!(s, Step::Field(_)));
            if let Some(rest) = brackets.strip_prefix("[*]") {
                if projected {
                    return Err(unsupported("a wildcard inside a projection".into()));
                }
                steps.push(Step::Wildcard);
                brackets = rest;
            } else if let Some(rest) = brackets.strip_prefix("[]") {
                steps.push(Step::Flatten);
                brackets = rest;
            } else {
                return Err(unsupported(format!("`{brackets}` is not `[*]` or `[]`")));
            }
        }
    }
    Ok(steps)
}

/// One level of nesting removed (JMESPath flatten operator).
fn flatten(items: Vec<Json>) -> Vec<Json> {
    items
        .into_iter()
        .flat_map(|item| match item {
            Json::Array(inner) => inner,
            other => vec![other],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn selects_identifiers_and_sub_expressions() {
        let input = json!({"A": {"B": "x"}});
        assert_eq!(select("A.B", &input).unwrap(), json!("x"));
        assert_eq!(select("A.C", &input).unwrap(), Json::Null);
        assert_eq!(select("Z.C", &input).unwrap(), Json::Null);
    }

    #[test]
    fn projects_over_lists_dropping_nulls() {
        let input =
            json!({"Items": [{"Get": {"T": "a"}}, {"Put": {"T": "b"}}, {"Get": {"T": "c"}}]});
        assert_eq!(select("Items[*].Get.T", &input).unwrap(), json!(["a", "c"]));
        let nested = json!({"L": [["a", "b"], "c"]});
        assert_eq!(select("L[]", &nested).unwrap(), json!(["a", "b", "c"]));
        assert_eq!(
            select("Items[*]", &json!({"Items": "x"})).unwrap(),
            Json::Null
        );
    }

    #[test]
    fn keys_of_a_map() {
        let input = json!({"RequestItems": {"t1": {}, "t2": {}}});
        assert_eq!(
            select("keys(RequestItems)", &input).unwrap(),
            json!(["t1", "t2"])
        );
        assert_eq!(select("keys(Missing)", &input).unwrap(), Json::Null);
    }

    #[test]
    fn the_rest_of_jmespath_is_unsupported() {
        for path in ["[A, B]", "A[0]", "A[*].B[*]", "length(A)"] {
            assert!(
                matches!(select(path, &json!({})), Err(InputError::Unsupported(_))),
                "{path}"
            );
        }
    }
}

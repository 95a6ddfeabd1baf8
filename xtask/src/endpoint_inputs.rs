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
//! default in the engine). A source without a value (an unset member, a path selecting
//! nothing) leaves the less specific value in place.

use std::collections::BTreeMap;

use codegen::jmespath::{self, Path, Step};
use codegen::model::traits::Known;
use codegen::model::{Model, Shape, ShapeId, ShapeType};
use serde_json::Value as Json;

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
        // Least specific first: each later source with a value replaces; a null one (an
        // unset member, a path selecting nothing) leaves the earlier value: the most
        // specific *value* wins, as generated clients bind.
        let mut set = |param: &str, value: &Json| {
            if !value.is_null() {
                params.insert(param.to_owned(), value.clone());
            }
        };
        for (built_in, value) in entries(input, "builtInParams") {
            for param in self.built_ins.get(built_in).into_iter().flatten() {
                set(param, value);
            }
        }
        for (param, value) in entries(input, "clientParams") {
            set(param, value);
        }
        let known = known(operation)?;
        for (param, path) in &known.operation_context_params {
            set(param, &select(path, op_params)?);
        }
        for (param, member) in self.context_params(operation)? {
            set(&param, op_params.get(&member).unwrap_or(&Json::Null));
        }
        for (param, value) in &known.static_context_params {
            set(param, value);
        }
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

/// A JMESPath value being evaluated: one value, or a projection's values (jmespath.org
/// "Projections": later steps apply to each, `null` results dropped).
enum Current {
    One(Json),
    Many(Vec<Json>),
}

/// Evaluates `path` over `input` (spec rules-engine/parameters.rst: the subset of
/// `@operationContextParams`, parsed by [`codegen::jmespath`]). `null` when nothing is
/// selected.
///
/// # Errors
/// [`InputError::Unsupported`] for a path outside the subset.
pub fn select(path: &str, input: &Json) -> Result<Json, InputError> {
    let parsed = jmespath::parse(path)
        .map_err(|why| InputError::Unsupported(format!("JMESPath `{path}`: {why}")))?;
    Ok(match parsed {
        Path::Steps(steps) => evaluate(&steps, input),
        Path::Keys(steps) => match evaluate(&steps, input) {
            Json::Object(map) => Json::Array(map.keys().map(|k| Json::from(k.as_str())).collect()),
            _ => Json::Null,
        },
    })
}

/// The value of `steps` over `input`.
fn evaluate(steps: &[Step], input: &Json) -> Json {
    let mut current = Current::One(input.clone());
    for step in steps {
        current = match current {
            Current::One(v) => match (step, v) {
                (Step::Wildcard, Json::Array(items)) => Current::Many(non_null(items)),
                (Step::Flatten, Json::Array(items)) => Current::Many(non_null(flatten(items))),
                (Step::Wildcard | Step::Flatten, _) => Current::One(Json::Null),
                (step, v) => Current::One(apply(step, &v)),
            },
            Current::Many(vs) => match step {
                Step::Flatten => Current::Many(non_null(flatten(vs))),
                // The parser lets no wildcard follow a projection.
                Step::Wildcard => Current::One(Json::Null),
                step => Current::Many(non_null(vs.iter().map(|v| apply(step, v)).collect())),
            },
        };
    }
    match current {
        Current::One(v) => v,
        Current::Many(vs) => Json::Array(vs),
    }
}

/// A field or multi-select step on one value (`null` on `null`).
fn apply(step: &Step, v: &Json) -> Json {
    match step {
        Step::Field(name) => v.get(name).cloned().unwrap_or(Json::Null),
        Step::Multi(_) if v.is_null() => Json::Null,
        Step::Multi(items) => Json::Array(items.iter().map(|i| evaluate(i, v)).collect()),
        Step::Wildcard | Step::Flatten => Json::Null,
    }
}

fn non_null(items: Vec<Json>) -> Vec<Json> {
    items.into_iter().filter(|v| !v.is_null()).collect()
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
    fn multi_select_lists_inside_projections() {
        // The rules-engine suite's `endpoints-string-array.smithy` path.
        let input = json!({"listOfUnions": [{"string": "key1"}, {"object": {"key": "key2"}}]});
        let path = "listOfUnions[*][string, object.key][]";
        assert_eq!(select(path, &input).unwrap(), json!(["key1", "key2"]));
        assert_eq!(
            select("[A, B.C]", &json!({"A": 1, "B": {"C": 2}})).unwrap(),
            json!([1, 2])
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
        let got = select("A[*].B[*]", &json!({}));
        let want = "JMESPath `A[*].B[*]`: a wildcard inside a projection";
        assert_eq!(got, Err(InputError::Unsupported(want.to_owned())));
    }
}

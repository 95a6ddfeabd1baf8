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
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step<'p> {
    /// An identifier: the member of that name.
    Field(&'p str),
    /// `[*]`: a projection over a list's elements.
    Wildcard,
    /// `[]`: a list flattened one level, then projected.
    Flatten,
    /// `[a, b.c]`: a list of each expression's value.
    Multi(Vec<Vec<Step<'p>>>),
}

/// A JMESPath value being evaluated: one value, or a projection's values (jmespath.org
/// "Projections": later steps apply to each, `null` results dropped).
enum Current {
    One(Json),
    Many(Vec<Json>),
}

/// Evaluates `path` over `input` (spec rules-engine/parameters.rst: the subset of
/// `@operationContextParams`): identifiers, sub-expressions, wildcard `[*]` and flatten
/// `[]` projections, multi-select lists and `keys(…)` of the whole expression. `null`
/// when nothing is selected.
///
/// # Errors
/// [`InputError::Unsupported`] for a wildcard inside a projection and anything outside
/// the subset.
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
    let unsupported = |why: String| InputError::Unsupported(format!("JMESPath `{path}`: {why}"));
    let (steps, rest) = chain(path).map_err(unsupported)?;
    if !rest.is_empty() {
        return Err(unsupported(format!("`{rest}` is not read")));
    }
    if let Some(why) = nested_wildcard(&steps, false) {
        return Err(unsupported(why.into()));
    }
    Ok(evaluate(&steps, input))
}

/// Parses a chain `step (('.' step) | bracket)*` from the start of `text`: the steps and
/// the text after them (a `,` or `]` ends a chain inside a multi-select list).
fn chain(text: &str) -> Result<(Vec<Step<'_>>, &str), String> {
    let mut steps = Vec::new();
    let mut rest = text;
    let mut after_dot = true;
    loop {
        let (step, after) = if let Some(r) = rest.strip_prefix("[*]") {
            (Step::Wildcard, r)
        } else if let Some(r) = rest.strip_prefix("[]") {
            (Step::Flatten, r)
        } else if let Some(r) = rest.strip_prefix('[') {
            multi_select(r)?
        } else if after_dot {
            field(rest)?
        } else {
            return Ok((steps, rest));
        };
        steps.push(step);
        (rest, after_dot) = match after.strip_prefix('.') {
            Some(r) => (r, true),
            None => (after, false),
        };
    }
}

/// The rest of a multi-select list `[a, b.c]`, after its `[`.
fn multi_select(mut text: &str) -> Result<(Step<'_>, &str), String> {
    let mut items = Vec::new();
    loop {
        let (item, after) = chain(text.trim_start())?;
        items.push(item);
        let after = after.trim_start();
        if let Some(r) = after.strip_prefix(',') {
            text = r;
        } else if let Some(r) = after.strip_prefix(']') {
            return Ok((Step::Multi(items), r));
        } else {
            return Err(format!("`{after}` does not close a multi-select list"));
        }
    }
}

/// An unquoted identifier at the start of `text`: a letter or `_`, then letters, digits
/// and `_` (jmespath.org grammar).
fn field(text: &str) -> Result<(Step<'_>, &str), String> {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    if end == 0 || text.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!("`{text}` is not an identifier"));
    }
    Ok((Step::Field(&text[..end]), &text[end..]))
}

/// Why `steps` leave the subset read here: a wildcard once a projection has begun
/// (`projected`), whose nested lists this evaluator does not build.
fn nested_wildcard(steps: &[Step<'_>], mut projected: bool) -> Option<&'static str> {
    for step in steps {
        match step {
            Step::Wildcard if projected => return Some("a wildcard inside a projection"),
            Step::Wildcard | Step::Flatten => projected = true,
            Step::Multi(items) => {
                if let Some(why) = items.iter().find_map(|i| nested_wildcard(i, projected)) {
                    return Some(why);
                }
            }
            Step::Field(_) => {}
        }
    }
    None
}

/// The value of `steps` over `input`.
fn evaluate(steps: &[Step<'_>], input: &Json) -> Json {
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
                // `nested_wildcard` lets no wildcard follow a projection.
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
fn apply(step: &Step<'_>, v: &Json) -> Json {
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
        for path in [
            "A[0]",
            "A[*].B[*]",
            "A[*][B[*]]",
            "length(A)",
            "A.",
            "[A, B",
        ] {
            assert!(
                matches!(select(path, &json!({})), Err(InputError::Unsupported(_))),
                "{path}"
            );
        }
    }
}

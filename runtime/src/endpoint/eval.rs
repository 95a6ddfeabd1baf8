//! Evaluation of parsed rules (spec rules-engine/specification.rst): rules in order, a
//! rule's conditions in order, the first endpoint or error rule whose conditions all
//! match is the result. Values are `Option<Value>`: `None` is the empty optional (an
//! unset parameter, a function's "no result").

use std::collections::BTreeMap;

use super::aws::{self, Partitions};
use super::library;
use super::syntax::{Call, Condition, EndpointExpr, Expr, Func, Part, Rule, RuleBody, RuleSet};
use super::{Endpoint, EndpointError, Params, Value};

/// Parameters, then the variables bound by `assign`, innermost last.
struct Env<'a> {
    params: BTreeMap<&'a str, Value>,
    vars: Vec<(&'a str, Value)>,
    partitions: &'a Partitions,
}

impl Env<'_> {
    fn lookup(&self, name: &str) -> Option<&Value> {
        self.vars
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
            .or_else(|| self.params.get(name))
    }
}

/// What a rule list came to: a result, or no rule matched.
enum Outcome {
    Endpoint(Endpoint),
    Error(String),
    NoMatch,
}

/// Resolves `params` against `rules` (see [`super::RuleSet::resolve`]).
pub(super) fn resolve(
    rules: &RuleSet,
    partitions: &Partitions,
    params: &Params,
) -> Result<Endpoint, EndpointError> {
    let mut env = Env {
        params: bind_params(rules, params)?,
        vars: Vec::new(),
        partitions,
    };
    match evaluate_rules(&rules.rules, &mut env)? {
        Outcome::Endpoint(endpoint) => Ok(endpoint),
        Outcome::Error(message) => Err(EndpointError::new(message)),
        Outcome::NoMatch => Err(EndpointError::new(
            "no endpoint rule matched the parameters (rule exhaustion at $.rules)",
        )),
    }
}

/// The parameter values: given, else `default`; checks required, types, unknown names.
fn bind_params<'a>(
    rules: &'a RuleSet,
    params: &Params,
) -> Result<BTreeMap<&'a str, Value>, EndpointError> {
    if let Some((name, _)) = params
        .iter()
        .find(|(name, _)| !rules.parameters.iter().any(|p| p.name == *name))
    {
        return Err(EndpointError::new(format!(
            "unknown endpoint parameter `{name}`"
        )));
    }
    let mut bound = BTreeMap::new();
    for param in &rules.parameters {
        let value = params.get(&param.name).or(param.default.as_ref());
        match value {
            Some(value) if !param.kind.admits(value) => {
                return Err(EndpointError::new(format!(
                    "endpoint parameter `{}` must be a {}, got a {}",
                    param.name,
                    param.kind.name(),
                    value.type_name()
                )))
            }
            Some(value) => {
                bound.insert(param.name.as_str(), value.clone());
            }
            None if param.required => {
                return Err(EndpointError::new(format!(
                    "missing required endpoint parameter `{}`",
                    param.name
                )))
            }
            None => {}
        }
    }
    Ok(bound)
}

fn evaluate_rules<'a>(rules: &'a [Rule], env: &mut Env<'a>) -> Result<Outcome, EndpointError> {
    for rule in rules {
        let depth = env.vars.len();
        let outcome = evaluate_rule(rule, env);
        env.vars.truncate(depth);
        match outcome? {
            Outcome::NoMatch => continue,
            done => return Ok(done),
        }
    }
    Ok(Outcome::NoMatch)
}

fn evaluate_rule<'a>(rule: &'a Rule, env: &mut Env<'a>) -> Result<Outcome, EndpointError> {
    for condition in &rule.conditions {
        if !evaluate_condition(condition, env)? {
            return Ok(Outcome::NoMatch);
        }
    }
    match &rule.body {
        RuleBody::Endpoint(endpoint) => Ok(Outcome::Endpoint(build_endpoint(endpoint, env)?)),
        RuleBody::Error(message) => Ok(Outcome::Error(string(message, env, "error message")?)),
        // A tree whose conditions matched is terminal: exhausting it is an error.
        RuleBody::Tree(rules) => match evaluate_rules(rules, env)? {
            Outcome::NoMatch => Err(EndpointError::new(format!(
                "no endpoint rule matched the parameters (rule exhaustion at {})",
                rule.at
            ))),
            done => Ok(done),
        },
    }
}

/// Whether the condition matches (its result is neither empty nor `false`); binds
/// `assign`.
fn evaluate_condition<'a>(
    condition: &'a Condition,
    env: &mut Env<'a>,
) -> Result<bool, EndpointError> {
    match evaluate(&condition.call, env)? {
        None | Some(Value::Bool(false)) => Ok(false),
        Some(value) => {
            if let Some(name) = &condition.assign {
                env.vars.push((name, value));
            }
            Ok(true)
        }
    }
}

fn build_endpoint(endpoint: &EndpointExpr, env: &Env<'_>) -> Result<Endpoint, EndpointError> {
    let url = string(&endpoint.url, env, "endpoint url")?;
    let mut headers = BTreeMap::new();
    for (name, values) in &endpoint.headers {
        let values = values
            .iter()
            .map(|v| string(v, env, "header value"))
            .collect::<Result<Vec<_>, _>>()?;
        headers.insert(name.clone(), values);
    }
    let mut properties = BTreeMap::new();
    for (name, value) in &endpoint.properties {
        let value = evaluate(value, env)?.ok_or_else(|| {
            EndpointError::new(format!("endpoint property `{name}` has no value"))
        })?;
        properties.insert(name.clone(), value);
    }
    Ok(Endpoint {
        url,
        headers,
        properties,
    })
}

/// Evaluates `expr`, which must give a string (`what` names it in errors).
fn string(expr: &Expr, env: &Env<'_>, what: &str) -> Result<String, EndpointError> {
    match evaluate(expr, env)? {
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(EndpointError::new(format!(
            "the {what} must be a string, got a {}",
            other.type_name()
        ))),
        None => Err(EndpointError::new(format!("the {what} has no value"))),
    }
}

fn evaluate(expr: &Expr, env: &Env<'_>) -> Result<Option<Value>, EndpointError> {
    Ok(match expr {
        Expr::Literal(value) => Some(value.clone()),
        Expr::Ref(name) => env.lookup(name).cloned(),
        Expr::Template(parts) => Some(Value::String(template(parts, env)?)),
        Expr::Array(items) => Some(Value::Array(
            items
                .iter()
                .map(|item| {
                    evaluate(item, env)?
                        .ok_or_else(|| EndpointError::new("an array element has no value"))
                })
                .collect::<Result<_, _>>()?,
        )),
        Expr::Record(fields) => {
            let mut record = BTreeMap::new();
            for (key, value) in fields {
                if let Some(value) = evaluate(value, env)? {
                    record.insert(key.clone(), value);
                }
            }
            Some(Value::Record(record))
        }
        Expr::Call(call) => self::call(call, env)?,
    })
}

fn template(parts: &[Part], env: &Env<'_>) -> Result<String, EndpointError> {
    let mut out = String::new();
    for part in parts {
        match part {
            Part::Text(text) => out.push_str(text),
            Part::Value(expr) => match evaluate(expr, env)? {
                Some(Value::String(s)) => out.push_str(&s),
                Some(other) => {
                    return Err(EndpointError::new(format!(
                        "a template value must be a string, got a {}",
                        other.type_name()
                    )))
                }
                None => return Err(EndpointError::new("a template value is not set")),
            },
        }
    }
    Ok(out)
}

/// The arguments of one call, evaluated in order, with the call for error messages.
struct Args<'c, 'e> {
    call: &'c Call,
    env: &'c Env<'e>,
}

impl Args<'_, '_> {
    fn error(&self, message: impl std::fmt::Display) -> EndpointError {
        EndpointError::new(format!(
            "`{}` at {}: {message}",
            self.call.func.name(),
            self.call.at
        ))
    }

    fn optional(&self, i: usize) -> Result<Option<Value>, EndpointError> {
        evaluate(&self.call.args[i], self.env)
    }

    fn value(&self, i: usize) -> Result<Value, EndpointError> {
        self.optional(i)?.ok_or_else(|| {
            self.error(format!(
                "argument {} is not set (guard it with `isSet`)",
                i + 1
            ))
        })
    }

    fn string(&self, i: usize) -> Result<String, EndpointError> {
        match self.value(i)? {
            Value::String(s) => Ok(s),
            other => Err(self.mismatch(i, "string", &other)),
        }
    }

    fn bool(&self, i: usize) -> Result<bool, EndpointError> {
        match self.value(i)? {
            Value::Bool(b) => Ok(b),
            other => Err(self.mismatch(i, "boolean", &other)),
        }
    }

    fn int(&self, i: usize) -> Result<i64, EndpointError> {
        match self.value(i)? {
            Value::Int(n) => Ok(n),
            other => Err(self.mismatch(i, "integer", &other)),
        }
    }

    fn mismatch(&self, i: usize, expected: &str, got: &Value) -> EndpointError {
        self.error(format!(
            "argument {} must be a {expected}, got a {}",
            i + 1,
            got.type_name()
        ))
    }
}

fn call(call: &Call, env: &Env<'_>) -> Result<Option<Value>, EndpointError> {
    let args = Args { call, env };
    let bool = |b: bool| Ok(Some(Value::Bool(b)));
    match &call.func {
        Func::BooleanEquals => bool(args.bool(0)? == args.bool(1)?),
        Func::StringEquals => bool(args.string(0)? == args.string(1)?),
        Func::IsSet => bool(args.optional(0)?.is_some()),
        Func::Not => bool(!args.bool(0)?),
        Func::GetAttr(path) => match args.value(0)? {
            value @ (Value::Record(_) | Value::Array(_)) => {
                Ok(library::get_attr(&value, path).cloned())
            }
            other => Err(args.mismatch(0, "record or array", &other)),
        },
        Func::IsValidHostLabel => bool(library::is_valid_host_label(
            &args.string(0)?,
            args.bool(1)?,
        )),
        Func::ParseUrl => Ok(library::parse_url(&args.string(0)?)),
        Func::Substring => {
            Ok(
                library::substring(&args.string(0)?, args.int(1)?, args.int(2)?, args.bool(3)?)
                    .map(Value::String),
            )
        }
        Func::UriEncode => Ok(Some(Value::String(library::uri_encode(&args.string(0)?)))),
        Func::Split => {
            let parts = library::split(&args.string(0)?, &args.string(1)?, args.int(2)?)
                .map_err(|e| args.error(e))?;
            Ok(Some(Value::Array(
                parts.into_iter().map(Value::String).collect(),
            )))
        }
        // Lazy: the first argument with a value wins (`false` included).
        Func::Coalesce => {
            for i in 0..call.args.len() {
                if let Some(value) = args.optional(i)? {
                    return Ok(Some(value));
                }
            }
            Ok(None)
        }
        Func::Ite => args.optional(if args.bool(0)? { 1 } else { 2 }),
        Func::AwsPartition => Ok(env.partitions.partition(&args.string(0)?)),
        Func::AwsParseArn => Ok(aws::parse_arn(&args.string(0)?)),
        Func::AwsIsVirtualHostableS3Bucket => bool(aws::is_virtual_hostable_s3_bucket(
            &args.string(0)?,
            args.bool(1)?,
        )),
    }
}

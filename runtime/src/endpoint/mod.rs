//! The endpoint rules engine (spec rules-engine/*.rst, AWS additions in
//! aws/rules-engine/*.rst): a service's `smithy.rules#endpointRuleSet`, interpreted.
//!
//! # Why an interpreter
//!
//! The rule set is parsed once from its JSON form into typed rules (module `syntax`), checked
//! while parsing (every reference names a parameter or a variable in scope, every function
//! is known and has its arity, `getAttr` paths are well formed), then evaluated per call
//! (module `eval`). Generating Rust code per rule set was the alternative; an interpreter wins
//! here because:
//!
//! - one engine serves every service, and the whole rules-engine conformance suite proves
//!   it: generated rule-set code would be proven only for the rule sets tested;
//! - generated code stays small (the rule set is model data, embedded as a string, like
//!   docs), where compiled rule trees grow to thousands of lines per AWS service;
//! - a client resolves once per configuration (built-ins and client context parameters),
//!   and again per call only for operations that bind parameters from their input
//!   ([`OperationParams`]), so evaluation speed matters little.
//!
//! # Semantics
//!
//! - Parameters ([`RuleSet::resolve`]): an unset parameter takes its `default`; a
//!   `required` parameter still unset is an error; a value of the wrong type is an error.
//! - Conditions match unless the function returns an empty optional or `false`; `assign`
//!   binds a matched result for the rest of the rule (and a tree's sub-rules).
//! - A function given an unset value where it needs one is an error naming the JSON path
//!   (the spec's static analysis forbids such rule sets; this engine checks at run time).
//! - A rule set that cannot be read is an [`EndpointError`] naming the JSON path.
//!
//! The standard library is in [`library`], the AWS functions (`aws.partition`,
//! `aws.parseArn`, `aws.isVirtualHostableS3Bucket`) in [`aws`].

pub mod aws;
pub mod bind;
mod eval;
pub mod library;
mod syntax;

use std::collections::BTreeMap;
use std::fmt;

pub use aws::{Partition, PartitionOutputs, Partitions};
pub use bind::OperationParams;

/// A value of the rules language: parameters, function results, endpoint properties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A string.
    String(String),
    /// A boolean.
    Bool(bool),
    /// An integer (`substring` indexes, `getAttr` array indexes).
    Int(i64),
    /// An array (`stringArray` parameters, `split` results).
    Array(Vec<Value>),
    /// A record (`parseURL`, `aws.partition`, `aws.parseArn` results; properties).
    Record(BTreeMap<String, Value>),
}

impl Value {
    /// The type's name in the spec's terms, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::String(_) => "string",
            Value::Bool(_) => "boolean",
            Value::Int(_) => "integer",
            Value::Array(_) => "array",
            Value::Record(_) => "record",
        }
    }

    /// The value as a string, if it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The value as a boolean, if it is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The JSON form of a parameter value or expected property (`null` has no value form:
    /// `None`).
    pub fn from_json(json: &serde_json::Value) -> Option<Value> {
        Some(match json {
            serde_json::Value::Null => return None,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Int(n.as_i64()?),
            serde_json::Value::String(s) => Value::String(s.clone()),
            serde_json::Value::Array(items) => {
                Value::Array(items.iter().map(Value::from_json).collect::<Option<_>>()?)
            }
            serde_json::Value::Object(map) => Value::Record(
                map.iter()
                    .map(|(k, v)| Some((k.clone(), Value::from_json(v)?)))
                    .collect::<Option<_>>()?,
            ),
        })
    }
}

/// Parameter values by the rule set's parameter names (`Region`, `UseFIPS`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    values: BTreeMap<String, Value>,
}

impl Params {
    /// Sets parameter `name`.
    pub fn set(&mut self, name: impl Into<String>, value: Value) -> &mut Self {
        self.values.insert(name.into(), value);
        self
    }

    /// Parameter `name`, if set.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    /// Whether no parameter is set.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Every set parameter, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.values.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// The values of the built-in parameters (`AWS::Region`, `AWS::UseFIPS`,
/// `AWS::UseDualStack`, `SDK::Endpoint`) a client configuration supplies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuiltIns {
    /// `AWS::Region`.
    pub region: Option<String>,
    /// `AWS::UseFIPS`.
    pub use_fips: bool,
    /// `AWS::UseDualStack`.
    pub use_dual_stack: bool,
    /// `SDK::Endpoint`: an endpoint URL given by the user.
    pub endpoint: Option<String>,
}

impl BuiltIns {
    /// The value of built-in `name` (spec aws/rules-engine/built-ins.rst), if this
    /// configuration supplies it; other built-ins are unset.
    fn get(&self, name: &str) -> Option<Value> {
        match name {
            "AWS::Region" => self.region.clone().map(Value::String),
            "AWS::UseFIPS" => Some(Value::Bool(self.use_fips)),
            "AWS::UseDualStack" => Some(Value::Bool(self.use_dual_stack)),
            "SDK::Endpoint" => self.endpoint.clone().map(Value::String),
            _ => None,
        }
    }
}

/// A resolved endpoint: URL, headers to send and properties (`authSchemes`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// The URL, e.g. `https://chime.us-east-1.amazonaws.com`.
    pub url: String,
    /// Headers to add to the request.
    pub headers: BTreeMap<String, Vec<String>>,
    /// Properties, e.g. `authSchemes`.
    pub properties: BTreeMap<String, Value>,
}

/// How to sign for an endpoint: one entry of its `authSchemes` property (spec
/// aws/rules-engine/auth-schemes.rst).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthScheme {
    /// `sigv4`, `sigv4a`, …
    pub name: String,
    /// `signingName`, when given.
    pub signing_name: Option<String>,
    /// `signingRegion`, when given.
    pub signing_region: Option<String>,
    /// `signingRegionSet` (`sigv4a`), empty when absent.
    pub signing_region_set: Vec<String>,
    /// `disableDoubleEncoding`, when given.
    pub disable_double_encoding: Option<bool>,
}

impl Endpoint {
    /// The `authSchemes` property, in order (empty when absent); entries that are not
    /// records with a string `name` are left out.
    pub fn auth_schemes(&self) -> Vec<AuthScheme> {
        let Some(Value::Array(schemes)) = self.properties.get("authSchemes") else {
            return Vec::new();
        };
        schemes.iter().filter_map(auth_scheme).collect()
    }
}

fn auth_scheme(value: &Value) -> Option<AuthScheme> {
    let Value::Record(fields) = value else {
        return None;
    };
    let string = |key: &str| fields.get(key).and_then(Value::as_str).map(str::to_owned);
    Some(AuthScheme {
        name: string("name")?,
        signing_name: string("signingName"),
        signing_region: string("signingRegion"),
        signing_region_set: match fields.get("signingRegionSet") {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        },
        disable_double_encoding: fields.get("disableDoubleEncoding").and_then(Value::as_bool),
    })
}

/// A rule set could not be read, or no endpoint resolves (an `error` rule, a missing
/// required parameter): the message says which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointError {
    /// What went wrong. For an `error` rule, exactly its (rendered) message.
    pub message: String,
}

impl EndpointError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        EndpointError {
            message: message.into(),
        }
    }
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "endpoint resolution failed: {}", self.message)
    }
}

impl std::error::Error for EndpointError {}

/// A parsed `smithy.rules#endpointRuleSet`.
#[derive(Debug, Clone)]
pub struct RuleSet {
    rules: syntax::RuleSet,
    partitions: Partitions,
}

impl RuleSet {
    /// Parses a rule set from its JSON form (the trait value), with the partitions
    /// `aws.partition` consults.
    ///
    /// # Errors
    /// [`EndpointError`] naming the JSON path that is not a valid rule set.
    pub fn from_json(text: &str, partitions: Partitions) -> Result<Self, EndpointError> {
        let json: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| EndpointError::new(format!("rule set is not JSON: {e}")))?;
        Ok(RuleSet {
            rules: syntax::RuleSet::parse(&json)?,
            partitions,
        })
    }

    /// Parameters for `builtins`: each parameter with a `builtIn` takes its value, others
    /// their `default`.
    pub fn params(&self, builtins: &BuiltIns) -> Params {
        let mut params = Params::default();
        for param in &self.rules.parameters {
            let value = param
                .built_in
                .as_deref()
                .and_then(|name| builtins.get(name))
                .or_else(|| param.default.clone());
            if let Some(value) = value {
                params.set(param.name.clone(), value);
            }
        }
        params
    }

    /// Whether every parameter is bound by a `builtIn`: then the endpoint depends on the
    /// client configuration alone, and a client can resolve it once and keep it.
    pub fn only_built_ins(&self) -> bool {
        self.rules.parameters.iter().all(|p| p.built_in.is_some())
    }

    /// Names of the parameters the rule set declares, in order.
    pub fn parameter_names(&self) -> impl Iterator<Item = &str> {
        self.rules.parameters.iter().map(|p| p.name.as_str())
    }

    /// The endpoint for `params` (unset parameters take their `default`).
    ///
    /// # Errors
    /// [`EndpointError`] when an error rule matches (its message), no rule does, a
    /// required parameter is unset, a parameter is unknown or of the wrong type.
    pub fn resolve(&self, params: &Params) -> Result<Endpoint, EndpointError> {
        eval::resolve(&self.rules, &self.partitions, params)
    }
}

//! The endpoint rules engine (spec rules-engine/*.rst, AWS additions in
//! aws/rules-engine/*.rst): a service's `smithy.rules#endpointRuleSet`, interpreted.
//!
//! SKELETON: the public surface the client builds on. The evaluator is being written.

use std::collections::BTreeMap;
use std::fmt;

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

/// How to sign for an endpoint: one entry of its `authSchemes` property.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthScheme {
    /// `sigv4`, `sigv4a`, …
    pub name: String,
    /// `signingName`, when given.
    pub signing_name: Option<String>,
    /// `signingRegion`, when given.
    pub signing_region: Option<String>,
}

impl Endpoint {
    /// The `authSchemes` property, in order (empty when absent).
    pub fn auth_schemes(&self) -> Vec<AuthScheme> {
        Vec::new()
    }
}

/// A rule set could not be read, or no endpoint resolves (an `error` rule, a missing
/// required parameter): the message says which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointError {
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "endpoint resolution failed: {}", self.message)
    }
}

impl std::error::Error for EndpointError {}

/// The AWS partitions (`aws.partition`): regions and their DNS suffixes.
#[derive(Debug, Clone, Default)]
pub struct Partitions {}

/// A parsed `smithy.rules#endpointRuleSet`.
#[derive(Debug, Clone)]
pub struct RuleSet {}

impl RuleSet {
    /// Parses a rule set from its JSON form (the trait value), with the partitions
    /// `aws.partition` consults.
    ///
    /// # Errors
    /// [`EndpointError`] naming the JSON path that is not a valid rule set.
    pub fn from_json(_text: &str, _partitions: Partitions) -> Result<Self, EndpointError> {
        Ok(RuleSet {})
    }

    /// Parameters for `builtins`: each parameter with a `builtIn` takes its value, others
    /// their `default`.
    pub fn params(&self, _builtins: &BuiltIns) -> Params {
        Params::default()
    }

    /// The endpoint for `params`.
    ///
    /// # Errors
    /// [`EndpointError`] when an error rule matches or no rule does.
    pub fn resolve(&self, _params: &Params) -> Result<Endpoint, EndpointError> {
        Err(EndpointError {
            message: "not implemented yet".to_owned(),
        })
    }
}

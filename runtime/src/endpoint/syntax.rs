//! The rule set's JSON form → typed rules (spec rules-engine/specification.rst: rule set,
//! parameter, endpoint/error/tree rule, condition, function, reference and template
//! string objects). Checked while parsing: every reference names a parameter or a
//! variable `assign`ed earlier in scope, functions are known with their arity, `getAttr`
//! paths are literal and well formed. Every error names the JSON path.

use serde_json::{Map, Value as Json};

use super::{EndpointError, Value};

/// A rule set: parameters and rules.
#[derive(Debug, Clone)]
pub(super) struct RuleSet {
    pub parameters: Vec<Param>,
    pub rules: Vec<Rule>,
}

/// A parameter object.
#[derive(Debug, Clone)]
pub(super) struct Param {
    pub name: String,
    pub kind: ParamType,
    pub built_in: Option<String>,
    pub default: Option<Value>,
    pub required: bool,
}

/// A parameter's `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ParamType {
    String,
    Boolean,
    StringArray,
}

impl ParamType {
    /// Whether `value` has this type.
    pub fn admits(self, value: &Value) -> bool {
        match (self, value) {
            (ParamType::String, Value::String(_)) | (ParamType::Boolean, Value::Bool(_)) => true,
            (ParamType::StringArray, Value::Array(items)) => {
                items.iter().all(|v| matches!(v, Value::String(_)))
            }
            _ => false,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ParamType::String => "string",
            ParamType::Boolean => "boolean",
            ParamType::StringArray => "stringArray",
        }
    }
}

/// An endpoint, error or tree rule.
#[derive(Debug, Clone)]
pub(super) struct Rule {
    pub conditions: Vec<Condition>,
    pub body: RuleBody,
    /// JSON path, for rule-exhaustion errors.
    pub at: String,
}

#[derive(Debug, Clone)]
pub(super) enum RuleBody {
    Endpoint(EndpointExpr),
    Error(Expr),
    Tree(Vec<Rule>),
}

/// A condition: a function call, its result optionally bound to a variable.
#[derive(Debug, Clone)]
pub(super) struct Condition {
    pub call: Expr,
    pub assign: Option<String>,
}

/// An endpoint object.
#[derive(Debug, Clone)]
pub(super) struct EndpointExpr {
    pub url: Expr,
    pub headers: Vec<(String, Vec<Expr>)>,
    pub properties: Vec<(String, Expr)>,
}

/// An expression: a literal, reference, function call or template string.
#[derive(Debug, Clone)]
pub(super) enum Expr {
    /// A boolean, integer or string without templates.
    Literal(Value),
    /// A template string: literal text and `{name}` / `{name#path}` parts.
    Template(Vec<Part>),
    Array(Vec<Expr>),
    /// A record of endpoint properties.
    Record(Vec<(String, Expr)>),
    Ref(String),
    Call(Box<Call>),
}

/// One part of a template string.
#[derive(Debug, Clone)]
pub(super) enum Part {
    Text(String),
    Value(Expr),
}

/// A function call.
#[derive(Debug, Clone)]
pub(super) struct Call {
    pub func: Func,
    pub args: Vec<Expr>,
    /// JSON path, for evaluation errors.
    pub at: String,
}

/// The functions this engine knows (standard library and AWS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Func {
    BooleanEquals,
    StringEquals,
    IsSet,
    Not,
    /// `getAttr` with its path parsed.
    GetAttr(Vec<PathPart>),
    IsValidHostLabel,
    ParseUrl,
    Substring,
    UriEncode,
    Split,
    Coalesce,
    Ite,
    AwsPartition,
    AwsParseArn,
    AwsIsVirtualHostableS3Bucket,
}

impl Func {
    /// The function named `name` and its argument count (`None`: two or more).
    fn named(name: &str) -> Option<(Func, Option<usize>)> {
        Some(match name {
            "booleanEquals" => (Func::BooleanEquals, Some(2)),
            "stringEquals" => (Func::StringEquals, Some(2)),
            "isSet" => (Func::IsSet, Some(1)),
            "not" => (Func::Not, Some(1)),
            "getAttr" => (Func::GetAttr(Vec::new()), Some(2)),
            "isValidHostLabel" => (Func::IsValidHostLabel, Some(2)),
            "parseURL" => (Func::ParseUrl, Some(1)),
            "substring" => (Func::Substring, Some(4)),
            "uriEncode" => (Func::UriEncode, Some(1)),
            "split" => (Func::Split, Some(3)),
            "coalesce" => (Func::Coalesce, None),
            "ite" => (Func::Ite, Some(3)),
            "aws.partition" => (Func::AwsPartition, Some(1)),
            "aws.parseArn" => (Func::AwsParseArn, Some(1)),
            "aws.isVirtualHostableS3Bucket" => (Func::AwsIsVirtualHostableS3Bucket, Some(2)),
            _ => return None,
        })
    }

    /// The spec's name, for error messages.
    pub fn name(&self) -> &'static str {
        match self {
            Func::BooleanEquals => "booleanEquals",
            Func::StringEquals => "stringEquals",
            Func::IsSet => "isSet",
            Func::Not => "not",
            Func::GetAttr(_) => "getAttr",
            Func::IsValidHostLabel => "isValidHostLabel",
            Func::ParseUrl => "parseURL",
            Func::Substring => "substring",
            Func::UriEncode => "uriEncode",
            Func::Split => "split",
            Func::Coalesce => "coalesce",
            Func::Ite => "ite",
            Func::AwsPartition => "aws.partition",
            Func::AwsParseArn => "aws.parseArn",
            Func::AwsIsVirtualHostableS3Bucket => "aws.isVirtualHostableS3Bucket",
        }
    }
}

/// A `getAttr` path step: `key` or `[index]` (negative: from the end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum PathPart {
    Key(String),
    Index(i64),
}

/// Parses a `getAttr` path (`a.b[0]`, spec standard-library.rst "Parsing path strings").
pub(super) fn parse_path(path: &str) -> Result<Vec<PathPart>, String> {
    let mut parts = Vec::new();
    for segment in path.split('.') {
        match segment.split_once('[') {
            None if segment.is_empty() => return Err(format!("empty key in path `{path}`")),
            None => parts.push(PathPart::Key(segment.to_owned())),
            Some((key, rest)) => {
                if !key.is_empty() {
                    parts.push(PathPart::Key(key.to_owned()));
                }
                let index = rest
                    .strip_suffix(']')
                    .and_then(|i| i.parse().ok())
                    .ok_or_else(|| format!("bad index `[{rest}` in path `{path}`"))?;
                parts.push(PathPart::Index(index));
            }
        }
    }
    Ok(parts)
}

/// Where the parser is: the JSON path and the names in scope.
struct Cx {
    path: String,
    scope: Vec<String>,
}

impl Cx {
    fn error(&self, message: impl std::fmt::Display) -> EndpointError {
        EndpointError::new(format!("invalid rule set at {}: {message}", self.path))
    }

    /// Runs `f` at `self.path` + `step`, restoring the path after.
    fn at<T>(&mut self, step: &str, f: impl FnOnce(&mut Cx) -> T) -> T {
        let len = self.path.len();
        self.path.push_str(step);
        let out = f(self);
        self.path.truncate(len);
        out
    }

    fn object<'j>(&self, json: &'j Json) -> Result<&'j Map<String, Json>, EndpointError> {
        json.as_object()
            .ok_or_else(|| self.error(format!("expected an object, got {}", kind(json))))
    }

    fn required<'j>(
        &self,
        object: &'j Map<String, Json>,
        key: &str,
    ) -> Result<&'j Json, EndpointError> {
        object
            .get(key)
            .ok_or_else(|| self.error(format!("missing `{key}`")))
    }

    fn array<'j>(&self, json: &'j Json, key: &str) -> Result<&'j [Json], EndpointError> {
        json.as_array()
            .map(Vec::as_slice)
            .ok_or_else(|| self.error(format!("`{key}` must be an array, got {}", kind(json))))
    }

    fn string<'j>(&self, json: &'j Json, key: &str) -> Result<&'j str, EndpointError> {
        json.as_str()
            .ok_or_else(|| self.error(format!("`{key}` must be a string, got {}", kind(json))))
    }
}

fn kind(json: &Json) -> &'static str {
    match json {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

impl RuleSet {
    /// Parses and checks the rule set document.
    pub fn parse(json: &Json) -> Result<RuleSet, EndpointError> {
        let mut cx = Cx {
            path: "$".to_owned(),
            scope: Vec::new(),
        };
        let root = cx.object(json)?;
        cx.string(cx.required(root, "version")?, "version")?;
        let parameters = cx.at(".parameters", |cx| {
            let params = cx.object(cx.required(root, "parameters")?)?;
            let params = params
                .iter()
                .map(|(name, p)| cx.at(&format!(".{name}"), |cx| param(cx, name, p)))
                .collect::<Result<Vec<_>, _>>()?;
            unique_names(cx, &params)?;
            Ok(params)
        })?;
        cx.scope = parameters.iter().map(|p| p.name.clone()).collect();
        let rules = cx.at(".rules", |cx| rules(cx, cx.required(root, "rules")?))?;
        Ok(RuleSet { parameters, rules })
    }
}

/// Parameter names must be unique case-insensitively (generators may change their case).
fn unique_names(cx: &Cx, params: &[Param]) -> Result<(), EndpointError> {
    for (i, p) in params.iter().enumerate() {
        if let Some(q) = params[..i]
            .iter()
            .find(|q| q.name.eq_ignore_ascii_case(&p.name))
        {
            return Err(cx.error(format!(
                "parameters `{}` and `{}` differ only in case",
                q.name, p.name
            )));
        }
    }
    Ok(())
}

fn param(cx: &mut Cx, name: &str, json: &Json) -> Result<Param, EndpointError> {
    // `identifier : ALPHA *(ALPHA / DIGIT)` (spec rules-engine/parameters.rst).
    let mut chars = name.chars();
    let identifier = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric());
    if !identifier {
        return Err(cx.error("a parameter name is a letter followed by letters and digits"));
    }
    let object = cx.object(json)?;
    let declared = cx.string(cx.required(object, "type")?, "type")?;
    // Case-insensitive: published AWS models spell the types `String`, `Boolean`.
    let kind = match declared.to_ascii_lowercase().as_str() {
        "string" => ParamType::String,
        "boolean" => ParamType::Boolean,
        "stringarray" => ParamType::StringArray,
        other => return Err(cx.error(format!("unknown parameter type `{other}`"))),
    };
    let built_in = match object.get("builtIn") {
        Some(b) => Some(cx.string(b, "builtIn")?.to_owned()),
        None => None,
    };
    let required = match object.get("required") {
        Some(r) => r
            .as_bool()
            .ok_or_else(|| cx.error("`required` must be a boolean"))?,
        None => false,
    };
    let default = match object.get("default") {
        Some(d) => {
            let value = Value::from_json(d)
                .filter(|v| kind.admits(v))
                .ok_or_else(|| cx.error(format!("`default` must be a {}", kind.name())))?;
            Some(value)
        }
        None => None,
    };
    Ok(Param {
        name: name.to_owned(),
        kind,
        built_in,
        default,
        required,
    })
}

fn rules(cx: &mut Cx, json: &Json) -> Result<Vec<Rule>, EndpointError> {
    cx.array(json, "rules")?
        .iter()
        .enumerate()
        .map(|(i, r)| cx.at(&format!("[{i}]"), |cx| rule(cx, r)))
        .collect()
}

fn rule(cx: &mut Cx, json: &Json) -> Result<Rule, EndpointError> {
    let object = cx.object(json)?;
    let kind = cx.string(cx.required(object, "type")?, "type")?;
    // Variables assigned by this rule's conditions go out of scope after it.
    let scope_len = cx.scope.len();
    let conditions = cx.at(".conditions", |cx| {
        let list = match object.get("conditions") {
            Some(c) => cx.array(c, "conditions")?,
            None => &[],
        };
        list.iter()
            .enumerate()
            .map(|(i, c)| cx.at(&format!("[{i}]"), |cx| condition(cx, c)))
            .collect::<Result<Vec<_>, _>>()
    })?;
    let body = match kind {
        "endpoint" => cx.at(".endpoint", |cx| {
            endpoint(cx, cx.required(object, "endpoint")?).map(RuleBody::Endpoint)
        }),
        "error" => cx.at(".error", |cx| {
            expr(cx, cx.required(object, "error")?).map(RuleBody::Error)
        }),
        "tree" => cx.at(".rules", |cx| {
            rules(cx, cx.required(object, "rules")?).map(RuleBody::Tree)
        }),
        other => Err(cx.error(format!(
            "unknown rule type `{other}` (expected endpoint, error or tree)"
        ))),
    };
    let at = cx.path.clone();
    cx.scope.truncate(scope_len);
    Ok(Rule {
        conditions,
        body: body?,
        at,
    })
}

fn condition(cx: &mut Cx, json: &Json) -> Result<Condition, EndpointError> {
    let object = cx.object(json)?;
    if !object.contains_key("fn") {
        return Err(cx.error("a condition must be a function call (`fn`)"));
    }
    let call = expr(cx, json)?;
    let assign = match object.get("assign") {
        Some(name) => {
            let name = cx.at(".assign", |cx| cx.string(name, "assign").map(str::to_owned))?;
            if cx.scope.contains(&name) {
                return Err(cx.error(format!("`assign: {name}` shadows a name in scope")));
            }
            cx.scope.push(name.clone());
            Some(name)
        }
        None => None,
    };
    Ok(Condition { call, assign })
}

fn endpoint(cx: &mut Cx, json: &Json) -> Result<EndpointExpr, EndpointError> {
    let object = cx.object(json)?;
    let url = cx.at(".url", |cx| expr(cx, cx.required(object, "url")?))?;
    let headers = match object.get("headers") {
        Some(h) => cx.at(".headers", |cx| {
            cx.object(h)?
                .iter()
                .map(|(name, values)| {
                    cx.at(&format!(".{name}"), |cx| {
                        let values = cx
                            .array(values, name)?
                            .iter()
                            .enumerate()
                            .map(|(i, v)| cx.at(&format!("[{i}]"), |cx| expr(cx, v)))
                            .collect::<Result<Vec<_>, _>>()?;
                        Ok((name.clone(), values))
                    })
                })
                .collect::<Result<Vec<_>, _>>()
        })?,
        None => Vec::new(),
    };
    let properties = match object.get("properties") {
        Some(p) => cx.at(".properties", |cx| {
            cx.object(p)?
                .iter()
                .map(|(k, v)| cx.at(&format!(".{k}"), |cx| Ok((k.clone(), property(cx, v)?))))
                .collect::<Result<Vec<_>, _>>()
        })?,
        None => Vec::new(),
    };
    Ok(EndpointExpr {
        url,
        headers,
        properties,
    })
}

/// A property value: records, arrays, booleans, numbers and (template) strings; objects
/// are records here, never references or calls.
fn property(cx: &mut Cx, json: &Json) -> Result<Expr, EndpointError> {
    match json {
        Json::Object(map) => Ok(Expr::Record(
            map.iter()
                .map(|(k, v)| cx.at(&format!(".{k}"), |cx| Ok((k.clone(), property(cx, v)?))))
                .collect::<Result<_, EndpointError>>()?,
        )),
        Json::Array(items) => Ok(Expr::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| cx.at(&format!("[{i}]"), |cx| property(cx, v)))
                .collect::<Result<_, _>>()?,
        )),
        other => expr(cx, other),
    }
}

/// An argument or value: literal, template string, array, reference or function call.
fn expr(cx: &mut Cx, json: &Json) -> Result<Expr, EndpointError> {
    match json {
        Json::Bool(b) => Ok(Expr::Literal(Value::Bool(*b))),
        Json::Number(n) => n
            .as_i64()
            .map(|n| Expr::Literal(Value::Int(n)))
            .ok_or_else(|| cx.error(format!("`{n}` is not an integer"))),
        Json::String(s) => template(cx, s),
        Json::Array(items) => Ok(Expr::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| cx.at(&format!("[{i}]"), |cx| expr(cx, v)))
                .collect::<Result<_, _>>()?,
        )),
        Json::Object(object) => {
            if let Some(name) = object.get("ref") {
                let name = cx.at(".ref", |cx| cx.string(name, "ref").map(str::to_owned))?;
                reference(cx, name)
            } else if let Some(name) = object.get("fn") {
                call(cx, object, cx.string(name, "fn")?)
            } else {
                Err(cx.error("expected a reference (`ref`) or a function call (`fn`)"))
            }
        }
        Json::Null => Err(cx.error("unexpected null")),
    }
}

fn reference(cx: &Cx, name: String) -> Result<Expr, EndpointError> {
    if cx.scope.contains(&name) {
        Ok(Expr::Ref(name))
    } else {
        Err(cx.error(format!(
            "`{name}` is neither a parameter nor a variable in scope"
        )))
    }
}

fn call(cx: &mut Cx, object: &Map<String, Json>, name: &str) -> Result<Expr, EndpointError> {
    let (mut func, arity) =
        Func::named(name).ok_or_else(|| cx.error(format!("unknown function `{name}`")))?;
    let argv = cx.array(cx.required(object, "argv")?, "argv")?;
    match arity {
        Some(n) if argv.len() != n => {
            return Err(cx.error(format!(
                "`{name}` takes {n} argument(s), got {}",
                argv.len()
            )))
        }
        None if argv.len() < 2 => {
            return Err(cx.error(format!("`{name}` takes two or more arguments")))
        }
        _ => {}
    }
    if let Func::GetAttr(path) = &mut func {
        // The path is a literal string (not a template).
        let text = argv[1]
            .as_str()
            .ok_or_else(|| cx.error("the `getAttr` path must be a string"))?;
        *path = parse_path(text).map_err(|e| cx.error(e))?;
    }
    let take = if matches!(func, Func::GetAttr(_)) {
        1
    } else {
        argv.len()
    };
    let args = cx.at(".argv", |cx| {
        argv[..take]
            .iter()
            .enumerate()
            .map(|(i, a)| cx.at(&format!("[{i}]"), |cx| expr(cx, a)))
            .collect::<Result<Vec<_>, _>>()
    })?;
    Ok(Expr::Call(Box::new(Call {
        func,
        args,
        at: cx.path.clone(),
    })))
}

/// Parses a template string: `{name}` and `{name#path}` are values, `{{` and `}}` are
/// literal braces. A string without templates is a literal.
fn template(cx: &Cx, text: &str) -> Result<Expr, EndpointError> {
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|(_, c)| *c) == Some('{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek().map(|(_, c)| *c) == Some('}') => {
                chars.next();
                literal.push('}');
            }
            '{' => {
                let end = text[i + 1..]
                    .find('}')
                    .map(|e| i + 1 + e)
                    .ok_or_else(|| cx.error(format!("unclosed `{{` in template `{text}`")))?;
                let inner = &text[i + 1..end];
                while chars.peek().is_some_and(|(j, _)| *j <= end) {
                    chars.next();
                }
                if !literal.is_empty() {
                    parts.push(Part::Text(std::mem::take(&mut literal)));
                }
                parts.push(Part::Value(template_value(cx, inner, text)?));
            }
            '}' => return Err(cx.error(format!("unmatched `}}` in template `{text}`"))),
            c => literal.push(c),
        }
    }
    if parts.is_empty() {
        return Ok(Expr::Literal(Value::String(literal)));
    }
    if !literal.is_empty() {
        parts.push(Part::Text(literal));
    }
    Ok(Expr::Template(parts))
}

/// `name` or `name#path` (the `getAttr` shorthand).
fn template_value(cx: &Cx, inner: &str, text: &str) -> Result<Expr, EndpointError> {
    let (name, path) = match inner.split_once('#') {
        Some((name, path)) => (name, Some(path)),
        None => (inner, None),
    };
    if name.is_empty() {
        return Err(cx.error(format!("empty name in template `{text}`")));
    }
    let reference = reference(cx, name.to_owned())?;
    Ok(match path {
        None => reference,
        Some(path) => Expr::Call(Box::new(Call {
            func: Func::GetAttr(parse_path(path).map_err(|e| cx.error(e))?),
            args: vec![reference],
            at: cx.path.clone(),
        })),
    })
}

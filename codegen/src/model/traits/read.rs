//! Reading trait values (nodes) into Rust types, with errors that name the trait and the
//! JSON path inside its value.

use std::collections::BTreeMap;

use serde_json::{Map, Number, Value};

/// What is wrong with one trait value: the path inside the value and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ValueError {
    pub path: String,
    pub message: String,
}

pub(crate) type Result<T> = std::result::Result<T, ValueError>;

/// A position inside a trait value, for error messages (`$.method`, `$[2].params`).
#[derive(Clone, Copy)]
pub(crate) struct At<'a> {
    parent: Option<&'a At<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> At<'a> {
    pub fn root() -> Self {
        At {
            parent: None,
            step: Step::Root,
        }
    }

    pub fn key(&'a self, key: &'a str) -> At<'a> {
        At {
            parent: Some(self),
            step: Step::Key(key),
        }
    }

    pub fn index(&'a self, index: usize) -> At<'a> {
        At {
            parent: Some(self),
            step: Step::Index(index),
        }
    }

    fn path(&self) -> String {
        let mut out = match self.parent {
            Some(parent) => parent.path(),
            None => String::new(),
        };
        match self.step {
            Step::Root => out.push('$'),
            Step::Key(key) => {
                out.push('.');
                out.push_str(key);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
        out
    }

    pub fn error<T>(&self, message: impl Into<String>) -> Result<T> {
        Err(ValueError {
            path: self.path(),
            message: message.into(),
        })
    }

    fn expected<T>(&self, what: &str, found: &Value) -> Result<T> {
        self.error(format!("expected {what}, found {}", kind(found)))
    }

    pub fn string(&self, v: &Value) -> Result<String> {
        match v {
            Value::String(s) => Ok(s.clone()),
            other => self.expected("a string", other),
        }
    }

    pub fn bool(&self, v: &Value) -> Result<bool> {
        match v {
            Value::Bool(b) => Ok(*b),
            other => self.expected("a boolean", other),
        }
    }

    pub fn number(&self, v: &Value) -> Result<Number> {
        match v {
            Value::Number(n) => Ok(n.clone()),
            other => self.expected("a number", other),
        }
    }

    pub fn u64(&self, v: &Value) -> Result<u64> {
        match v {
            Value::Number(n) => match n.as_u64() {
                Some(u) => Ok(u),
                None => self.error(format!("expected a non-negative integer, found {n}")),
            },
            other => self.expected("a non-negative integer", other),
        }
    }

    /// An HTTP status code (100–999).
    pub fn status(&self, v: &Value) -> Result<u16> {
        match self.u64(v) {
            Ok(code) if (100..=999).contains(&code) => Ok(code as u16),
            Ok(code) => self.error(format!("code {code} is not an HTTP status code")),
            Err(e) => Err(e),
        }
    }

    pub fn object<'v>(&self, v: &'v Value) -> Result<&'v Map<String, Value>> {
        match v {
            Value::Object(o) => Ok(o),
            other => self.expected("an object", other),
        }
    }

    pub fn array<'v>(&self, v: &'v Value) -> Result<&'v [Value]> {
        match v {
            Value::Array(a) => Ok(a),
            other => self.expected("a list", other),
        }
    }

    /// A list whose items are read with `item`.
    pub fn list<T>(
        &self,
        v: &Value,
        item: impl Fn(&At<'_>, &Value) -> Result<T>,
    ) -> Result<Vec<T>> {
        self.array(v)?
            .iter()
            .enumerate()
            .map(|(i, v)| item(&self.index(i), v))
            .collect()
    }

    pub fn strings(&self, v: &Value) -> Result<Vec<String>> {
        self.list(v, |at, v| at.string(v))
    }

    /// An object whose values are read with `value`.
    pub fn map<T>(
        &self,
        v: &Value,
        value: impl Fn(&At<'_>, &Value) -> Result<T>,
    ) -> Result<BTreeMap<String, T>> {
        self.object(v)?
            .iter()
            .map(|(k, v)| Ok((k.clone(), value(&self.key(k), v)?)))
            .collect()
    }
}

/// Reads the members of one object value.
pub(crate) struct Obj<'a> {
    at: At<'a>,
    map: &'a Map<String, Value>,
}

impl<'a> Obj<'a> {
    pub fn new(at: &At<'a>, v: &'a Value) -> Result<Self> {
        Ok(Obj {
            at: *at,
            map: at.object(v)?,
        })
    }

    /// An optional member, read with `read`.
    pub fn opt<T>(
        &self,
        key: &str,
        read: impl Fn(&At<'_>, &Value) -> Result<T>,
    ) -> Result<Option<T>> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => read(&self.at.key(key), v).map(Some),
        }
    }

    /// A required member, read with `read`.
    pub fn req<T>(&self, key: &str, read: impl Fn(&At<'_>, &Value) -> Result<T>) -> Result<T> {
        match self.opt(key, read)? {
            Some(v) => Ok(v),
            None => self.at.error(format!("missing required member `{key}`")),
        }
    }

    pub fn opt_string(&self, key: &str) -> Result<Option<String>> {
        self.opt(key, |at: &At<'_>, v: &Value| at.string(v))
    }

    pub fn req_string(&self, key: &str) -> Result<String> {
        self.req(key, |at: &At<'_>, v: &Value| at.string(v))
    }

    pub fn strings(&self, key: &str) -> Result<Vec<String>> {
        Ok(self
            .opt(key, |at: &At<'_>, v: &Value| at.strings(v))?
            .unwrap_or_default())
    }

    pub fn string_map(&self, key: &str) -> Result<BTreeMap<String, String>> {
        Ok(self
            .opt(key, |at, v| {
                at.map(v, |at: &At<'_>, v: &Value| at.string(v))
            })?
            .unwrap_or_default())
    }

    pub fn flag(&self, key: &str) -> Result<bool> {
        Ok(self
            .opt(key, |at: &At<'_>, v: &Value| at.bool(v))?
            .unwrap_or(false))
    }

    /// A member kept as a raw node (documents, parameters).
    pub fn node(&self, key: &str) -> Option<Value> {
        self.map.get(key).filter(|v| !v.is_null()).cloned()
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

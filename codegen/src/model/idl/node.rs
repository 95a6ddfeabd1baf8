//! Node values (spec idl.rst "Node values"): arrays, objects, numbers, keywords,
//! strings, text blocks and unquoted shape IDs.

use serde_json::{Map, Value};

use super::lexer::Cursor;
use super::parser::Parser;
use crate::model::{number, LoadError, Node};

/// Nesting deeper than this is rejected rather than risking the stack.
const MAX_DEPTH: usize = 64;

/// What to do with unquoted shape IDs in a node value.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Ids {
    /// Resolve them to absolute shape IDs (trait and metadata values).
    Resolve,
    /// Keep them as written (service and resource bodies, resolved by their reader).
    Raw,
}

impl Parser<'_> {
    /// A `NodeValue`.
    pub(super) fn node(&mut self, ids: Ids) -> Result<Node, LoadError> {
        self.node_at(ids, 0)
    }

    fn node_at(&mut self, ids: Ids, depth: usize) -> Result<Node, LoadError> {
        if depth > MAX_DEPTH {
            return Err(self
                .cur
                .error(format!("node value nested deeper than {MAX_DEPTH} levels")));
        }
        match self.cur.peek() {
            Some('[') => self.array(ids, depth),
            Some('{') => self.object(ids, depth),
            Some('"') if self.cur.starts_with("\"\"\"") => self.cur.text_block().map(Value::String),
            Some('"') => self.cur.quoted().map(Value::String),
            Some(c) if c == '-' || c.is_ascii_digit() => self.number(),
            _ if self.cur.at_identifier() => self.keyword_or_shape_id(ids),
            _ => Err(self.cur.expected("a node value")),
        }
    }

    fn array(&mut self, ids: Ids, depth: usize) -> Result<Node, LoadError> {
        self.cur.expect('[')?;
        self.cur.ws();
        let mut items = Vec::new();
        while !self.cur.eat("]") {
            items.push(self.node_at(ids, depth + 1)?);
            self.cur.ws();
        }
        Ok(Value::Array(items))
    }

    fn object(&mut self, ids: Ids, depth: usize) -> Result<Node, LoadError> {
        self.cur.expect('{')?;
        self.cur.ws();
        let mut map = Map::new();
        while !self.cur.eat("}") {
            let (key, value) = self.key_value(ids, depth + 1)?;
            self.insert_unique(&mut map, key, value)?;
            self.cur.ws();
        }
        Ok(Value::Object(map))
    }

    /// `NodeObjectKvp`: `key [WS] : [WS] value`.
    pub(super) fn key_value(
        &mut self,
        ids: Ids,
        depth: usize,
    ) -> Result<(String, Node), LoadError> {
        let key = self.object_key()?;
        self.cur.ws();
        if self.cur.starts_with(":=") {
            return Err(self.cur.expected("`:`"));
        }
        self.cur.expect(':')?;
        self.cur.ws();
        Ok((key, self.node_at(ids, depth)?))
    }

    /// Inserts a key, rejecting duplicates as the reference loader does.
    pub(super) fn insert_unique(
        &self,
        map: &mut Map<String, Value>,
        key: String,
        value: Node,
    ) -> Result<(), LoadError> {
        if map.contains_key(&key) {
            return Err(self.cur.error(format!("duplicate object key `{key}`")));
        }
        map.insert(key, value);
        Ok(())
    }

    /// `NodeObjectKey`: a quoted string or an identifier.
    pub(super) fn object_key(&mut self) -> Result<String, LoadError> {
        match self.cur.peek() {
            Some('"') if self.cur.starts_with("\"\"\"") => {
                Err(self.cur.expected("`}`, a string or an identifier"))
            }
            Some('"') => self.cur.quoted(),
            _ if self.cur.at_identifier() => self.cur.identifier(),
            None => Err(self.cur.expected("`}`")),
            _ => Err(self.cur.expected("`}`, a string or an identifier")),
        }
    }

    fn keyword_or_shape_id(&mut self, ids: Ids) -> Result<Node, LoadError> {
        let start = self.cur.pos();
        let text = self.cur.shape_id()?;
        Ok(match text.as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            _ if ids == Ids::Raw => Value::String(text),
            _ => Value::String(self.resolve_in_node(&text, start)?),
        })
    }

    /// `Number`, kept exactly however large (see [`number::exact`]).
    fn number(&mut self) -> Result<Node, LoadError> {
        let start = self.cur.pos();
        let mut text = String::new();
        let invalid = |cur: &Cursor<'_>, text: &str, why: &str| {
            cur.error_at(start, format!("invalid number `{text}`: {why}"))
        };
        if self.cur.eat("-") {
            text.push('-');
        }
        if !digits(&mut self.cur, &mut text) {
            return Err(invalid(&self.cur, &text, "`-` must be followed by a digit"));
        }
        if self.cur.eat(".") {
            text.push('.');
            if !digits(&mut self.cur, &mut text) {
                return Err(invalid(&self.cur, &text, "`.` must be followed by a digit"));
            }
        }
        if let Some(e @ ('e' | 'E')) = self.cur.peek() {
            self.cur.bump();
            text.push(e);
            if let Some(sign @ ('+' | '-')) = self.cur.peek() {
                self.cur.bump();
                text.push(sign);
            }
            if !digits(&mut self.cur, &mut text) {
                return Err(invalid(
                    &self.cur,
                    &text,
                    "`e`, `+` and `-` must be followed by a digit",
                ));
            }
        }
        let number = number::exact(&text)
            .ok_or_else(|| invalid(&self.cur, &text, "the exponent is out of range"))?;
        Ok(Value::Number(number))
    }
}

/// Appends the ASCII digits at the cursor to `text`; whether there were any.
fn digits(cur: &mut Cursor<'_>, text: &mut String) -> bool {
    let before = text.len();
    while let Some(c) = cur.peek().filter(char::is_ascii_digit) {
        text.push(c);
        cur.bump();
    }
    text.len() > before
}

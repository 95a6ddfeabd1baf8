//! The file structure (spec idl.rst "Smithy IDL ABNF"): control, metadata and shape
//! sections, `use`, `apply`, and trait statements.

use crate::model::traits::ids;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde_json::{Map, Value};

use super::lexer::{Cursor, Pos};
use super::node::Ids;
use crate::model::{Apply, Fragment, LoadError, Node, ShapeId, Traits};

/// The IDL version of a file (spec idl.rst "Version statement"); 1.0 when absent.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Version {
    V1,
    V2,
}

/// What a first pass over the file learned, for the second pass.
#[derive(Default)]
pub(super) struct Prepass {
    /// Whether this is the result of the first pass (false while running it).
    pub(super) complete: bool,
    /// Root shape names the file defines: relative IDs resolve to them before the prelude.
    pub(super) defined: BTreeSet<String>,
    /// The first pass's shapes, to look up mixin members and resource identifiers for
    /// elided member targets.
    pub(super) shapes: BTreeMap<ShapeId, crate::model::Shape>,
}

/// Traits as written before a shape, member or inline structure.
pub(super) type TraitList = Vec<(ShapeId, Node, Pos)>;

/// A recursive-descent reader of one IDL file.
pub(super) struct Parser<'a> {
    pub(super) cur: Cursor<'a>,
    pub(super) version: Version,
    pub(super) namespace: Option<String>,
    pub(super) uses: BTreeMap<String, ShapeId>,
    pub(super) prepass: &'a Prepass,
    pub(super) input_suffix: String,
    pub(super) output_suffix: String,
    pub(super) fragment: Fragment,
    /// Relative names resolved to the prelude.
    pub(super) prelude_names: BTreeSet<String>,
    /// Names of the shapes defined so far, to reject redefinitions.
    pub(super) defined_here: BTreeSet<String>,
}

impl<'a> Parser<'a> {
    pub(super) fn new(file: Arc<str>, text: &'a str, prepass: &'a Prepass) -> Self {
        Parser {
            cur: Cursor::new(file.clone(), text),
            version: Version::V1,
            namespace: None,
            uses: BTreeMap::new(),
            prepass,
            input_suffix: "Input".to_owned(),
            output_suffix: "Output".to_owned(),
            fragment: Fragment::new(file),
            prelude_names: BTreeSet::new(),
            defined_here: BTreeSet::new(),
        }
    }

    /// Reads the whole file (`idl` production); also says which IDL version it was.
    pub(super) fn file(mut self) -> Result<(Fragment, Version), LoadError> {
        self.cur.ws();
        self.control_section()?;
        while self.cur.at_keyword("metadata") {
            self.metadata()?;
        }
        if self.cur.at_eof() {
            return Ok((self.fragment, self.version));
        }
        if !self.cur.at_keyword("namespace") {
            return Err(self.cur.expected("a namespace definition"));
        }
        self.namespace_statement()?;
        while self.cur.at_keyword("use") {
            self.use_statement()?;
        }
        while !self.cur.at_eof() {
            self.shape_or_apply()?;
            self.cur.br()?;
        }
        let namespace = self.namespace.clone().unwrap_or_default();
        self.fragment.prelude_fallbacks =
            Some((namespace, std::mem::take(&mut self.prelude_names)));
        Ok((self.fragment, self.version))
    }

    /// `ControlSection`: `$version`, the inline I/O suffixes; others are ignored.
    fn control_section(&mut self) -> Result<(), LoadError> {
        let mut seen = BTreeSet::new();
        while self.cur.peek() == Some('$') {
            self.cur.bump();
            let start = self.cur.pos();
            let key = self.object_key()?;
            self.cur.sp();
            self.cur.expect(':')?;
            self.cur.sp();
            let value_pos = self.cur.pos();
            let value = self.node(Ids::Raw)?;
            if !seen.insert(key.clone()) {
                return Err(self
                    .cur
                    .error_at(start, format!("duplicate control statement `{key}`")));
            }
            self.control(&key, &value, value_pos)?;
            self.cur.br()?;
        }
        Ok(())
    }

    fn control(&mut self, key: &str, value: &Node, pos: Pos) -> Result<(), LoadError> {
        let text = || value.as_str().map(str::to_owned);
        let must_be_string = |what: &str| {
            self.cur.error_at(
                pos,
                format!("the ${what} control statement must have a string value, found {value}"),
            )
        };
        match key {
            "version" => {
                self.version = match text().as_deref() {
                    Some("1" | "1.0") => Version::V1,
                    Some("2" | "2.0") => Version::V2,
                    Some(other) => {
                        return Err(self
                            .cur
                            .error_at(pos, format!("unsupported Smithy version `{other}`")))
                    }
                    None => return Err(must_be_string("version")),
                }
            }
            "operationInputSuffix" => {
                self.input_suffix = text().ok_or_else(|| must_be_string(key))?
            }
            "operationOutputSuffix" => {
                self.output_suffix = text().ok_or_else(|| must_be_string(key))?
            }
            _ => {}
        }
        Ok(())
    }

    /// `MetadataStatement`.
    fn metadata(&mut self) -> Result<(), LoadError> {
        self.cur.eat("metadata");
        self.cur.require_sp()?;
        let pos = self.cur.pos();
        let key = self.object_key()?;
        self.cur.sp();
        self.cur.expect('=')?;
        self.cur.sp();
        let value = self.node(Ids::Resolve)?;
        let location = self.cur.location_at(pos);
        self.fragment.metadata.push((key, value, location));
        self.cur.br()
    }

    /// `NamespaceStatement`.
    fn namespace_statement(&mut self) -> Result<(), LoadError> {
        self.cur.eat("namespace");
        self.cur.require_sp()?;
        let mut namespace = self.cur.identifier()?;
        while self.cur.eat(".") {
            namespace.push('.');
            namespace.push_str(&self.cur.identifier()?);
        }
        self.namespace = Some(namespace);
        self.cur.br()
    }

    /// `UseStatement`: imports an absolute root shape ID under its name.
    fn use_statement(&mut self) -> Result<(), LoadError> {
        self.cur.eat("use");
        self.cur.require_sp()?;
        let pos = self.cur.pos();
        let text = self.cur.shape_id()?;
        let id = ShapeId::parse(&text).map_err(|e| self.cur.error_at(pos, e.to_string()))?;
        if id.member().is_some() {
            return Err(self
                .cur
                .error_at(pos, format!("use statements cannot use members: `{id}`")));
        }
        let name = id.name().to_owned();
        if let Some(other) = self.uses.get(&name).filter(|used| **used != id) {
            return Err(self.cur.error_at(
                pos,
                format!("cannot use `{id}`: its name conflicts with `{other}`"),
            ));
        }
        self.uses.insert(name, id);
        self.cur.br()
    }

    /// A shape statement or an `apply` statement, with leading traits and doc comments.
    fn shape_or_apply(&mut self) -> Result<(), LoadError> {
        let docs = self.cur.take_docs();
        let traits = self.trait_statements()?;
        if self.cur.at_keyword("apply") {
            if !traits.is_empty() {
                return Err(self
                    .cur
                    .error("traits cannot be applied to an apply statement"));
            }
            return self.apply();
        }
        self.shape(docs, traits)
    }

    /// `ApplyStatement`, singular or block.
    fn apply(&mut self) -> Result<(), LoadError> {
        self.cur.eat("apply");
        let location = self.cur.location();
        self.cur.require_sp()?;
        let target = self.shape_id_ref()?;
        if !self.cur.ws() {
            return Err(self.cur.expected("whitespace"));
        }
        let list = if self.cur.eat("{") {
            self.cur.ws();
            let list = self.trait_statements()?;
            self.cur.expect('}')?;
            list
        } else if self.cur.peek() == Some('@') {
            vec![self.trait_statement()?]
        } else {
            return Err(self.cur.expected("`@` or `{`"));
        };
        let traits = self.collect_traits(list, None)?;
        self.fragment.applies.push(Apply {
            target,
            traits,
            location,
            elided_from: None,
        });
        Ok(())
    }

    /// `TraitStatements`: `*(Trait [WS])`.
    pub(super) fn trait_statements(&mut self) -> Result<TraitList, LoadError> {
        let mut list = Vec::new();
        while self.cur.peek() == Some('@') {
            list.push(self.trait_statement()?);
            self.cur.ws();
        }
        Ok(list)
    }

    /// `Trait`: `@id` with an optional body; an absent or empty body is `{}`.
    fn trait_statement(&mut self) -> Result<(ShapeId, Node, Pos), LoadError> {
        let pos = self.cur.pos();
        self.cur.expect('@')?;
        let id = self.shape_id_ref()?;
        if !self.cur.eat("(") {
            return Ok((id, Value::Object(Map::new()), pos));
        }
        self.cur.ws();
        let value = if self.cur.eat(")") {
            Value::Object(Map::new())
        } else if self.at_structure_key() {
            let mut map = Map::new();
            while !self.cur.eat(")") {
                if self.cur.at_eof() {
                    return Err(self.cur.expected("`)`"));
                }
                let (key, value) = self.key_value(Ids::Resolve, 1)?;
                self.insert_unique(&mut map, key, value)?;
                self.cur.ws();
            }
            Value::Object(map)
        } else {
            let value = self.node(Ids::Resolve)?;
            self.cur.ws();
            self.cur.expect(')')?;
            value
        };
        Ok((id, value, pos))
    }

    /// Whether a trait body is a `TraitStructure` (`key:` follows).
    fn at_structure_key(&mut self) -> bool {
        let saved = self.cur.clone();
        let is_key = self.object_key().is_ok() && {
            self.cur.ws();
            self.cur.peek() == Some(':')
        };
        self.cur = saved;
        is_key
    }

    /// Turns written traits into a map, adding `docs` as `smithy.api#documentation`
    /// unless the trait is also written out. A trait written twice must agree.
    pub(super) fn collect_traits(
        &self,
        list: TraitList,
        docs: Option<String>,
    ) -> Result<Traits, LoadError> {
        let mut traits = Traits::new();
        for (id, value, pos) in list {
            // The first pass may resolve a name to the prelude that is defined later.
            let conflict =
                self.prepass.complete && traits.get(&id).is_some_and(|old| *old != value);
            if conflict {
                return Err(self
                    .cur
                    .error_at(pos, format!("conflicting values for trait `{id}`")));
            }
            traits.insert(id, value);
        }
        if let Some(docs) = docs {
            traits
                .entry(ids::shape_id(ids::DOCUMENTATION))
                .or_insert(Value::String(docs));
        }
        Ok(traits)
    }

    /// A shape ID at the cursor, resolved (spec idl.rst "Relative shape ID resolution").
    pub(super) fn shape_id_ref(&mut self) -> Result<ShapeId, LoadError> {
        let pos = self.cur.pos();
        let text = self.cur.shape_id()?;
        self.resolve(&text, pos)
    }
}

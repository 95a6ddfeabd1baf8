//! Character-level scanning of IDL text (spec idl.rst "Lexical notes"): whitespace,
//! comments, identifiers, shape IDs, strings, text blocks and numbers.

use std::sync::Arc;

use crate::model::{LoadError, Location};

/// A position-tracking reader over one file's text.
///
/// Every method either consumes input or fails, so callers that loop on it terminate.
#[derive(Clone)]
pub(super) struct Cursor<'a> {
    file: Arc<str>,
    rest: &'a str,
    line: u32,
    column: u32,
    /// Documentation comment lines seen in the current whitespace run (spec idl.rst
    /// "Documentation comment"): only the run right before a statement counts.
    docs: Vec<String>,
}

/// A 1-based line and column.
pub(super) type Pos = (u32, u32);

impl<'a> Cursor<'a> {
    pub(super) fn new(file: Arc<str>, text: &'a str) -> Self {
        let rest = text.strip_prefix('\u{feff}').unwrap_or(text);
        Cursor {
            file,
            rest,
            line: 1,
            column: 1,
            docs: Vec::new(),
        }
    }

    pub(super) fn pos(&self) -> Pos {
        (self.line, self.column)
    }

    pub(super) fn location(&self) -> Location {
        self.location_at(self.pos())
    }

    pub(super) fn location_at(&self, (line, column): Pos) -> Location {
        Location::at(self.file.clone(), line, column)
    }

    /// An error at the current position.
    pub(super) fn error(&self, message: impl Into<String>) -> LoadError {
        LoadError::new(self.location(), message)
    }

    /// An error at `pos`.
    pub(super) fn error_at(&self, pos: Pos, message: impl Into<String>) -> LoadError {
        LoadError::new(self.location_at(pos), message)
    }

    /// "expected `what` but found …", at the current position.
    pub(super) fn expected(&self, what: &str) -> LoadError {
        self.error(format!("expected {what} but found {}", self.found()))
    }

    /// A readable description of what is at the current position.
    pub(super) fn found(&self) -> String {
        match self.peek() {
            None => "end of file".to_owned(),
            Some('\n' | '\r') => "a line break".to_owned(),
            Some(c) if c.is_ascii_alphanumeric() || c == '_' => {
                let word: String = self
                    .rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .take(40)
                    .collect();
                format!("`{word}`")
            }
            Some(c) if c.is_control() => format!("character U+{:04X}", u32::from(c)),
            Some(c) => format!("`{c}`"),
        }
    }

    pub(super) fn peek(&self) -> Option<char> {
        self.rest.chars().next()
    }

    pub(super) fn at_eof(&self) -> bool {
        self.rest.is_empty()
    }

    pub(super) fn starts_with(&self, s: &str) -> bool {
        self.rest.starts_with(s)
    }

    /// Whether the input continues with keyword `word` not followed by an identifier
    /// character.
    pub(super) fn at_keyword(&self, word: &str) -> bool {
        self.rest.strip_prefix(word).is_some_and(|after| {
            !after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
        })
    }

    pub(super) fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.rest = &self.rest[c.len_utf8()..];
        if c == '\n' {
            self.line = self.line.saturating_add(1);
            self.column = 1;
        } else {
            self.column = self.column.saturating_add(1);
        }
        Some(c)
    }

    /// Consumes `s` if the input starts with it.
    pub(super) fn eat(&mut self, s: &str) -> bool {
        if !self.starts_with(s) {
            return false;
        }
        for _ in s.chars() {
            self.bump();
        }
        true
    }

    /// Consumes `c` or fails with "expected `c` but found …".
    pub(super) fn expect(&mut self, c: char) -> Result<(), LoadError> {
        if self.peek() == Some(c) {
            self.bump();
            Ok(())
        } else {
            Err(self.expected(&format!("`{c}`")))
        }
    }

    /// Skips spaces and tabs (`SP`); whether any were skipped.
    pub(super) fn sp(&mut self) -> bool {
        let mut any = false;
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.bump();
            any = true;
        }
        any
    }

    /// Requires at least one space or tab (`SP`).
    pub(super) fn require_sp(&mut self) -> Result<(), LoadError> {
        if self.sp() {
            Ok(())
        } else {
            Err(self.expected("a space"))
        }
    }

    /// Consumes a newline (`NL`): `\n` or `\r\n`.
    fn newline(&mut self) -> bool {
        if self.starts_with("\r\n") {
            self.bump();
        }
        if self.peek() == Some('\n') {
            self.bump();
            return true;
        }
        false
    }

    /// Consumes a comment if one starts here, recording documentation comments.
    fn comment(&mut self) -> bool {
        if !self.starts_with("//") {
            return false;
        }
        let doc = self.starts_with("///");
        let end = self.rest.find('\n').unwrap_or(self.rest.len());
        let body = &self.rest[..end];
        if doc {
            let text = body.get(3..).unwrap_or("").trim_end_matches('\r');
            self.docs
                .push(text.strip_prefix(' ').unwrap_or(text).to_owned());
        }
        self.column = self
            .column
            .saturating_add(u32::try_from(body.chars().count()).unwrap_or(u32::MAX));
        self.rest = &self.rest[end..];
        self.newline();
        true
    }

    /// Skips whitespace (`WS`: spaces, newlines, commas, comments); whether any was skipped.
    ///
    /// Starts a new documentation run: doc comments before the previous token are dropped.
    /// A lone `\r` is not whitespace, so the loop always consumes or stops.
    pub(super) fn ws(&mut self) -> bool {
        let at_ws =
            matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r' | ',')) || self.starts_with("//");
        if !at_ws {
            return false;
        }
        self.docs.clear();
        while self.sp() || self.newline() || self.comment() || self.eat(",") {}
        true
    }

    /// A line break (`BR`): optional spaces, then at least one newline or comment, then
    /// whitespace. The end of the file also ends a line.
    pub(super) fn br(&mut self) -> Result<(), LoadError> {
        self.docs.clear();
        self.sp();
        if self.at_eof() {
            return Ok(());
        }
        if !self.newline() && !self.comment() {
            return Err(self.expected("a line break"));
        }
        // A doc comment ending the statement's line documents nothing.
        self.docs.clear();
        self.ws();
        Ok(())
    }

    /// The documentation comment lines of the current whitespace run, joined.
    pub(super) fn take_docs(&mut self) -> Option<String> {
        if self.docs.is_empty() {
            return None;
        }
        let docs = std::mem::take(&mut self.docs);
        Some(docs.join("\n"))
    }

    /// An identifier (spec model.rst "Shape ID" ABNF `Identifier`).
    pub(super) fn identifier(&mut self) -> Result<String, LoadError> {
        let len = identifier_len(self.rest);
        if len == 0 {
            return Err(self.expected("an identifier"));
        }
        let ident = self.rest[..len].to_owned();
        self.rest = &self.rest[len..];
        self.column = self
            .column
            .saturating_add(u32::try_from(len).unwrap_or(u32::MAX));
        Ok(ident)
    }

    /// Whether an identifier starts here.
    pub(super) fn at_identifier(&self) -> bool {
        identifier_len(self.rest) > 0
    }

    /// A shape ID as written: `Name`, `ns.a#Name`, either with `$member`.
    pub(super) fn shape_id(&mut self) -> Result<String, LoadError> {
        let mut text = self.identifier()?;
        let mut dotted = false;
        while self.peek() == Some('.') {
            self.bump();
            dotted = true;
            text.push('.');
            text.push_str(&self.identifier()?);
        }
        if self.peek() == Some('#') {
            self.bump();
            text.push('#');
            text.push_str(&self.identifier()?);
        } else if dotted {
            return Err(self.expected("`#`"));
        }
        if self.peek() == Some('$') {
            self.bump();
            text.push('$');
            text.push_str(&self.identifier()?);
        }
        Ok(text)
    }
}

/// The byte length of the identifier at the start of `s` (0 if none).
fn identifier_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let underscores = bytes.iter().take_while(|&&b| b == b'_').count();
    match bytes.get(underscores) {
        Some(b) if b.is_ascii_alphabetic() || (underscores > 0 && b.is_ascii_digit()) => {}
        _ => return 0,
    }
    underscores
        + bytes[underscores..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count()
}

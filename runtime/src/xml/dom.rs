//! XML → a small element tree, with quick-xml's reader: names as written, attributes,
//! child elements, text (entities and character references decoded, CDATA kept,
//! line ends normalized as XML 1.0 says). Bounded: elements nest at most
//! [`MAX_DEPTH`] deep, and a document type declaration (DTD, the way to entity
//! expansion attacks) is refused.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::XmlVersion;

use super::Error;

/// How deep elements may nest: deeper documents are refused, so that reading them (and
/// the deserializer's recursion over them) stays bounded.
pub const MAX_DEPTH: usize = 128;

/// An element read from a document: its name as written, attributes, child elements and
/// text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    children: Vec<Element>,
    text: String,
}

impl Element {
    /// The root element of `body`, a UTF-8 XML document (a byte order mark, an XML
    /// declaration, comments and processing instructions around it are skipped).
    ///
    /// # Errors
    /// [`Error`] with the path of the element being read and quick-xml's message and
    /// byte position when `body` is not well-formed XML (or not UTF-8), nests deeper
    /// than [`MAX_DEPTH`], declares a DTD, has no root element or more than one.
    pub fn parse(body: &[u8]) -> Result<Element, Error> {
        let text = std::str::from_utf8(body).map_err(|e| Error {
            path: "/".to_owned(),
            message: format!("the document is not UTF-8: {e}"),
        })?;
        // A byte order mark is not text outside the root.
        Parser::default().run(text.strip_prefix('\u{feff}').unwrap_or(text))
    }

    /// An element named `name` with no attributes, children or text: `<name/>`.
    pub fn empty(name: impl Into<String>) -> Element {
        Element {
            name: name.into(),
            ..Element::default()
        }
    }

    /// The name as written (`prefix:local` or `local`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The name without its prefix.
    pub fn local_name(&self) -> &str {
        local(&self.name)
    }

    /// The first child element whose local name is `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.local_name() == name)
    }

    /// The child elements, in document order.
    pub fn children(&self) -> &[Element] {
        &self.children
    }

    /// The value of attribute `name` (as written, e.g. `xsi:type`), decoded.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The text content (entities decoded, CDATA included; empty for an element with
    /// none, and for one with child elements and only whitespace between them).
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// The local part of a name as written.
pub(super) fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

/// The elements being read, outermost first, and the root once it is closed.
#[derive(Default)]
struct Parser {
    open: Vec<Element>,
    root: Option<Element>,
}

impl Parser {
    fn run(mut self, text: &str) -> Result<Element, Error> {
        let mut reader = quick_xml::Reader::from_str(text);
        loop {
            let event = reader
                .read_event()
                .map_err(|e| self.error(format!("{e} (at byte {})", reader.error_position())))?;
            let position = reader.buffer_position();
            let at = |message: String| format!("{message} (at byte {position})");
            match event {
                Event::Start(start) => self.start(&start).map_err(|m| self.error(at(m)))?,
                Event::Empty(start) => {
                    self.start(&start).map_err(|m| self.error(at(m)))?;
                    self.end();
                }
                Event::End(_) => self.end(),
                Event::Text(t) => self
                    .text(&t.xml10_content())
                    .map_err(|m| self.error(at(m)))?,
                Event::CData(c) => {
                    self.text(&c.xml10_content())
                        .map_err(|m| self.error(at(m)))?;
                }
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => resolve_predefined_entity(&r)
                            .ok_or_else(|| self.error(at(format!("unknown entity `&{};`", &*r))))?
                            .to_owned(),
                        Err(e) => return Err(self.error(at(e.to_string()))),
                    };
                    self.text(&resolved).map_err(|m| self.error(at(m)))?;
                }
                Event::DocType(_) => {
                    return Err(self.error(at(
                        "a document type declaration (DTD) is not accepted".to_owned()
                    )))
                }
                Event::Eof => break,
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            }
        }
        if !self.open.is_empty() {
            return Err(self.error("the document ends inside an element".to_owned()));
        }
        self.root.ok_or_else(|| Error {
            path: "/".to_owned(),
            message: "the document has no root element".to_owned(),
        })
    }

    fn start(&mut self, start: &BytesStart<'_>) -> Result<(), String> {
        if self.open.is_empty() && self.root.is_some() {
            return Err("a second root element".to_owned());
        }
        if self.open.len() >= MAX_DEPTH {
            return Err(format!("elements nest deeper than {MAX_DEPTH}"));
        }
        let mut element = Element {
            name: start.name().as_ref().to_owned(),
            ..Element::default()
        };
        for attribute in start.attributes() {
            let attribute = attribute.map_err(|e| e.to_string())?;
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| e.to_string())?;
            element
                .attributes
                .push((attribute.key.as_ref().to_owned(), value.into_owned()));
        }
        self.open.push(element);
        Ok(())
    }

    /// Closes the innermost element (quick-xml has checked that the end tag matches).
    fn end(&mut self) {
        let Some(mut element) = self.open.pop() else {
            return;
        };
        // Indentation between child elements is not text.
        if !element.children.is_empty() && element.text.trim().is_empty() {
            element.text = String::new();
        }
        match self.open.last_mut() {
            Some(parent) => parent.children.push(element),
            None => self.root = Some(element),
        }
    }

    fn text(&mut self, text: &str) -> Result<(), String> {
        match self.open.last_mut() {
            Some(element) => element.text.push_str(text),
            // Outside the root: only whitespace may be there.
            None if text.trim().is_empty() => {}
            None => return Err("text outside the root element".to_owned()),
        }
        Ok(())
    }

    /// An error at the element being read.
    fn error(&self, message: String) -> Error {
        let mut path = String::new();
        for element in &self.open {
            path.push('/');
            path.push_str(&element.name);
        }
        if path.is_empty() {
            path.push('/');
        }
        Error { path, message }
    }
}

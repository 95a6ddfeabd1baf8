//! Quoted strings and text blocks (spec idl.rst "String values", "Text blocks",
//! "Incidental white space removal", "String escape characters").

use super::lexer::Cursor;
use crate::model::LoadError;

impl Cursor<'_> {
    /// A quoted string (`QuotedText`), escapes expanded; the cursor is on the `"`.
    pub(super) fn quoted(&mut self) -> Result<String, LoadError> {
        let start = self.pos();
        self.expect('"')?;
        let raw = self.raw_until("\"")?.replace("\r\n", "\n");
        unescape(&raw).map_err(|e| self.error_at(start, format!("invalid quoted string: {e}")))
    }

    /// A text block (`TextBlock`); the cursor is on the opening `"""`.
    pub(super) fn text_block(&mut self) -> Result<String, LoadError> {
        let start = self.pos();
        self.eat("\"\"\"");
        if self.starts_with("\"\"\"") {
            return Err(self.error_at(start, "invalid text block: text block is empty"));
        }
        self.sp();
        if !(self.eat("\n") || self.eat("\r\n")) {
            return Err(self.error_at(
                start,
                "invalid text block: text block must start with a line break",
            ));
        }
        let raw = self.raw_until("\"\"\"")?;
        let text = strip_incidental_whitespace(&raw.replace("\r\n", "\n"));
        unescape(&text).map_err(|e| self.error_at(start, format!("invalid text block: {e}")))
    }

    /// Raw text up to the unescaped `end` delimiter, which is consumed.
    fn raw_until(&mut self, end: &str) -> Result<String, LoadError> {
        let mut raw = String::new();
        loop {
            if self.eat(end) {
                return Ok(raw);
            }
            match self.bump() {
                None => return Err(self.expected("a closing `\"`")),
                Some('\\') => {
                    raw.push('\\');
                    if let Some(c) = self.bump() {
                        raw.push(c);
                    }
                }
                Some(c) => raw.push(c),
            }
        }
    }
}

/// Removes the common leading spaces and every line's trailing whitespace; the line
/// holding the closing delimiter counts toward the common prefix even when blank.
fn strip_incidental_whitespace(content: &str) -> String {
    let lines: Vec<&str> = content.split('\n').collect();
    let last = lines.len().saturating_sub(1);
    let indent = lines
        .iter()
        .enumerate()
        .filter(|(i, line)| *i == last || !line.trim().is_empty())
        .map(|(_, line)| line.len() - line.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let stripped: Vec<&str> = lines
        .iter()
        .map(|line| {
            line.get(indent..)
                .unwrap_or("")
                .trim_end_matches([' ', '\t'])
        })
        .collect();
    stripped.join("\n")
}

/// Expands escapes (`EscapedChar`) and removes escaped line breaks.
fn unescape(raw: &str) -> Result<String, String> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('/') => out.push('/'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('\n') => {}
            Some('\r') if chars.next() == Some('\n') => {}
            Some('u') => out.push(unicode_escape(&mut chars)?),
            Some(c) => return Err(format!("invalid escape `\\{c}`")),
            None => return Err("unfinished escape at end of string".to_owned()),
        }
    }
    Ok(out)
}

/// The character of a `\uXXXX` escape (the `\u` consumed), joining surrogate pairs.
fn unicode_escape(chars: &mut std::str::Chars<'_>) -> Result<char, String> {
    let high = hex4(chars)?;
    if !(0xD800..0xDC00).contains(&high) {
        return char::from_u32(high).ok_or_else(|| format!("invalid unicode escape `{high:04X}`"));
    }
    if chars.next() != Some('\\') || chars.next() != Some('u') {
        return Err("unpaired surrogate in unicode escape".to_owned());
    }
    let low = hex4(chars)?;
    if !(0xDC00..0xE000).contains(&low) {
        return Err("unpaired surrogate in unicode escape".to_owned());
    }
    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        .ok_or_else(|| "invalid surrogate pair".to_owned())
}

fn hex4(chars: &mut std::str::Chars<'_>) -> Result<u32, String> {
    let mut value = 0;
    for _ in 0..4 {
        let c = chars.next().ok_or("unclosed unicode escape")?;
        let digit = c
            .to_digit(16)
            .ok_or_else(|| format!("invalid unicode escape character `{c}`"))?;
        value = value * 16 + digit;
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_common_indent_and_keeps_closing_line() {
        assert_eq!(
            strip_incidental_whitespace("    Foo\n        Baz\n\n  \n    Bar\n    "),
            "Foo\n    Baz\n\n\nBar\n"
        );
        assert_eq!(strip_incidental_whitespace("    Hello"), "Hello");
    }

    #[test]
    fn expands_escapes() {
        assert_eq!(
            unescape(r"a\n\u00e9\uD83D\uDE00\/").as_deref(),
            Ok("a\né😀/")
        );
        assert!(unescape(r"\'").is_err());
        assert!(unescape(r"\u12").is_err());
    }
}

//! Escapes (`\d`, `\p{…}`, `\x{…}`, `\Q…\E`, octal and identity escapes) and character
//! classes (ranges, Java's nested classes and `&&` intersections), as each dialect reads
//! them: the half of the reader below an atom's first character.

use super::super::java;
use super::{Assert, Class, Dialect, Item, Node, ParseError, Parser};

/// What an escape stands for.
enum Escaped {
    /// One character.
    Char(char),
    /// A lone surrogate code unit (`\uD800`), which no Rust string holds.
    Surrogate(u32),
    /// A set of characters (`\d`, `\p{L}`).
    Set(String, bool),
    /// Anything else (outside classes only): an assertion, a back-reference, `\Q…\E`.
    Node(Node),
}

impl Parser {
    /// After `\` outside a class.
    pub(super) fn escape(&mut self) -> Result<Node, ParseError> {
        Ok(match self.escaped(false)? {
            Escaped::Char(c) => self.literal(c),
            // A lone surrogate matches nothing in a Rust string.
            Escaped::Surrogate(_) => Node::Class(Class::set(java::NOTHING, false)),
            Escaped::Set(body, negated) => {
                Node::Class(Class::of(self.cased(vec![Item::Set(body, negated)])))
            }
            Escaped::Node(node) => node,
        })
    }

    /// After `\`, in a class or not.
    fn escaped(&mut self, in_class: bool) -> Result<Escaped, ParseError> {
        let Some(c) = self.peek() else {
            return self.fail("`\\` at the end of the pattern");
        };
        self.pos += 1;
        let java = self.java();
        let set = |body: &str, negated| Ok(Escaped::Set(body.to_owned(), negated));
        match c {
            'd' | 'D' => set(java::DIGIT, c == 'D'),
            'w' | 'W' => set(java::WORD, c == 'W'),
            's' | 'S' if java => set(java::JAVA_SPACE, c == 'S'),
            's' | 'S' => set(java::ECMA_SPACE, c == 'S'),
            'h' | 'H' if java => set(java::JAVA_HORIZONTAL_SPACE, c == 'H'),
            'p' | 'P' if self.dialect != Dialect::AnnexB => {
                let (body, negated) = self.property(c == 'P')?;
                Ok(Escaped::Set(body, negated))
            }
            'b' if in_class && !java => Ok(Escaped::Char('\u{8}')),
            'b' | 'B' if !in_class => Ok(Escaped::Node(Node::Assert(if c == 'b' {
                Assert::WordBoundary
            } else {
                Assert::NotWordBoundary
            }))),
            't' => Ok(Escaped::Char('\t')),
            'n' => Ok(Escaped::Char('\n')),
            'v' if !java => Ok(Escaped::Char('\u{b}')),
            'f' => Ok(Escaped::Char('\u{c}')),
            'r' => Ok(Escaped::Char('\r')),
            'a' if java => Ok(Escaped::Char('\u{7}')),
            'e' if java => Ok(Escaped::Char('\u{1b}')),
            'c' => match self.peek() {
                Some(l) if l.is_ascii_alphabetic() => {
                    self.pos += 1;
                    Ok(Escaped::Char(char::from(l as u8 % 32)))
                }
                _ => self.fail("`\\c` without a letter"),
            },
            '0' => self.octal(),
            'x' => self.hex_escape(),
            'u' => self.unicode_escape(),
            '1'..='9' if !in_class => {
                self.pos -= 1;
                let at = self.pos;
                let n = self.number().unwrap_or(0);
                self.needs_backtracking = true;
                self.backrefs.push((n, at));
                Ok(Escaped::Node(Node::Backref(n)))
            }
            'k' if !in_class && self.peek() == Some('<') => {
                let at = self.pos - 2;
                self.pos += 1;
                let name: String = self.chars[self.pos..]
                    .iter()
                    .take_while(|c| **c != '>')
                    .collect();
                self.pos += name.chars().count();
                let index = self
                    .names
                    .iter()
                    .position(|n| n.as_deref() == Some(&name[..]));
                match (index, self.eat('>')) {
                    (Some(i), true) => {
                        self.needs_backtracking = true;
                        Ok(Escaped::Node(Node::Backref(i as u32 + 1)))
                    }
                    _ => Err(ParseError {
                        at,
                        message: format!("`\\k<{name}>` names no group"),
                    }),
                }
            }
            'A' if java && !in_class => Ok(Escaped::Node(Node::Assert(Assert::Start))),
            'z' if java && !in_class => Ok(Escaped::Node(Node::Assert(Assert::End))),
            'Z' if java && !in_class => {
                self.needs_backtracking = true;
                Ok(Escaped::Node(java::end_before_terminator()))
            }
            'Q' if java => self.quoted(in_class),
            c if self.identity_escape(c, in_class) => Ok(Escaped::Char(c)),
            c => {
                self.pos -= 2;
                self.fail(format!(
                    "the escape `\\{c}` is not defined in {:?} mode",
                    self.dialect
                ))
            }
        }
    }

    /// Whether `\c` stands for `c` itself.
    fn identity_escape(&self, c: char, in_class: bool) -> bool {
        match self.dialect {
            // ECMA 262 IdentityEscape[+UnicodeMode]: SyntaxCharacter or `/`; `-` in a class.
            Dialect::Unicode => "^$\\.*+?()[]{}|/".contains(c) || in_class && c == '-',
            // Annex B and Java: any character that is not a letter or digit.
            Dialect::AnnexB | Dialect::Java => !c.is_ascii_alphanumeric(),
        }
    }

    /// After `\0`: NUL, or (Annex B, Java) an octal escape `\0n`, `\0nn`, `\0mnn`.
    fn octal(&mut self) -> Result<Escaped, ParseError> {
        let digit = |p: &Self, i| p.peek_at(i).and_then(|c: char| c.to_digit(8));
        if self.dialect == Dialect::Unicode {
            return if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.fail("a decimal escape after `\\0`")
            } else {
                Ok(Escaped::Char('\0'))
            };
        }
        let mut value = 0;
        let mut count = 0;
        while count < 3 {
            let Some(d) = digit(self, 0) else { break };
            if count == 2 && value > 3 {
                break;
            }
            value = value * 8 + d;
            self.pos += 1;
            count += 1;
        }
        if count == 0 && self.java() {
            return self.fail("`\\0` without octal digits");
        }
        Ok(Escaped::Char(char::from_u32(value).unwrap_or('\0')))
    }

    /// After `\x`: `\xHH`, or (Java) `\x{H…}`.
    fn hex_escape(&mut self) -> Result<Escaped, ParseError> {
        if self.java() && self.eat('{') {
            return self.braced_code_point();
        }
        match self.hex_value(2).and_then(char::from_u32) {
            Some(c) => Ok(Escaped::Char(c)),
            None => self.fail("`\\x` needs two hex digits"),
        }
    }

    /// After `\u`: `\uHHHH` (a surrogate pair of two as one character), or (ECMA `u`
    /// mode) `\u{H…}`.
    fn unicode_escape(&mut self) -> Result<Escaped, ParseError> {
        if self.dialect == Dialect::Unicode && self.eat('{') {
            return self.braced_code_point();
        }
        let Some(high) = self.hex_value(4) else {
            return self.fail("`\\u` needs four hex digits");
        };
        if (0xD800..0xDC00).contains(&high) && self.chars[self.pos..].starts_with(&['\\', 'u']) {
            let start = self.pos;
            self.pos += 2;
            match self.hex_value(4) {
                Some(low) if (0xDC00..0xE000).contains(&low) => {
                    let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    return Ok(Escaped::Char(char::from_u32(c).unwrap_or('\u{FFFD}')));
                }
                _ => self.pos = start,
            }
        }
        Ok(char::from_u32(high).map_or(Escaped::Surrogate(high), Escaped::Char))
    }

    /// `n` hex digits at the cursor, consumed if they are there.
    fn hex_value(&mut self, n: usize) -> Option<u32> {
        let text: String = self.chars.get(self.pos..self.pos + n)?.iter().collect();
        if !text.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += n;
        u32::from_str_radix(&text, 16).ok()
    }

    fn braced_code_point(&mut self) -> Result<Escaped, ParseError> {
        let digits: String = self.chars[self.pos..]
            .iter()
            .take_while(|c| c.is_ascii_hexdigit())
            .collect();
        self.pos += digits.len();
        let value = u32::from_str_radix(&digits, 16)
            .ok()
            .and_then(char::from_u32);
        match (value, self.eat('}')) {
            (Some(c), true) => Ok(Escaped::Char(c)),
            _ => self.fail("a code point in `{…}`"),
        }
    }

    /// `\p{…}` / `\P{…}` after the letter (Java also `\pL`).
    fn property(&mut self, negated: bool) -> Result<(String, bool), ParseError> {
        let at = self.pos - 2;
        let name: String = if self.eat('{') {
            let name: String = self.chars[self.pos..]
                .iter()
                .take_while(|c| **c != '}')
                .collect();
            self.pos += name.chars().count();
            if !self.eat('}') {
                return self.fail("unterminated `\\p{`");
            }
            name
        } else if self.java() && self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            self.pos += 1;
            self.chars[self.pos - 1].to_string()
        } else {
            return self.fail("`\\p` without a name");
        };
        let body = if self.java() {
            java::property(&name)
        } else {
            java::ecma_property(&name)
        };
        match body {
            Some(body) => Ok((body, negated)),
            None => Err(ParseError {
                at,
                message: format!("the property `{name}` is not translated"),
            }),
        }
    }

    /// Java `\Q…\E`: everything between as literal characters.
    fn quoted(&mut self, in_class: bool) -> Result<Escaped, ParseError> {
        let mut text = Vec::new();
        while self.pos < self.chars.len() && !self.eat_str("\\E") {
            text.push(self.chars[self.pos]);
            self.pos += 1;
        }
        if in_class {
            // In a class, the quoted characters are members.
            let body: String = text
                .iter()
                .map(|c| crate::pattern::print::class_char(*c))
                .collect();
            return Ok(Escaped::Set(body, false));
        }
        let items: Vec<Node> = text.into_iter().map(|c| self.literal(c)).collect();
        Ok(Escaped::Node(Node::Group(
            Box::new(Node::Concat(items)),
            None,
        )))
    }

    /// After `[`: a class up to its `]`.
    pub(super) fn class(&mut self) -> Result<Class, ParseError> {
        let start = self.pos - 1;
        let negated = self.eat('^');
        let mut class = Class {
            negated,
            ..Class::default()
        };
        let mut first = true;
        loop {
            let Some(c) = self.peek() else {
                self.pos = start;
                return self.fail("unterminated character class");
            };
            if c == ']' && !(first && self.java()) {
                self.pos += 1;
                break;
            }
            first = false;
            let doubled = self.peek_at(1) == Some('&') && c == '&';
            if self.dialect == Dialect::AnnexB && (c == '[' || doubled) {
                // Members in ECMA, a nested class or an intersection in Java.
                return self.fail(format!("`{c}` in a class, which Java reads otherwise"));
            }
            if self.java() && c == '[' {
                self.pos += 1;
                class.items.push(Item::Class(self.class()?));
                continue;
            }
            if self.java() && self.eat_str("&&") {
                // The rest of the class is intersected with what came before it.
                let rest = self.class_rest()?;
                class.and.push(rest);
                break;
            }
            let from = self.class_atom()?;
            let is_range = self.peek() == Some('-') && self.peek_at(1).is_some_and(|n| n != ']');
            match from {
                ClassAtom::Char(a) if is_range => {
                    let dash = self.pos;
                    self.pos += 1;
                    if self.java() && self.peek() == Some('[') {
                        self.pos = dash;
                        push_range(&mut class.items, a, a);
                        continue;
                    }
                    match self.class_atom()? {
                        ClassAtom::Char(b) if a <= b => push_range(&mut class.items, a, b),
                        ClassAtom::Char(_) => {
                            self.pos = dash;
                            return self.fail("a range out of order");
                        }
                        ClassAtom::Set(body, negated) if self.dialect == Dialect::AnnexB => {
                            push_range(&mut class.items, a, a);
                            class.items.push(Item::Range('-', '-'));
                            class.items.push(Item::Set(body, negated));
                        }
                        ClassAtom::Set(..) => {
                            self.pos = dash;
                            return self.fail("a range ending in a class");
                        }
                    }
                }
                ClassAtom::Set(..) if is_range && self.dialect == Dialect::Unicode => {
                    return self.fail("a range starting with a class");
                }
                ClassAtom::Char(a) => push_range(&mut class.items, a, a),
                ClassAtom::Set(body, negated) => class.items.push(Item::Set(body, negated)),
            }
        }
        class.items = self.cased(std::mem::take(&mut class.items));
        Ok(class)
    }

    /// Java: after `&&`, the rest of a class up to its `]` (consumed), as a class: the
    /// operand the class's members so far are intersected with.
    fn class_rest(&mut self) -> Result<Class, ParseError> {
        let mut rest = self.class()?;
        // `[a-z&&^aeiou]` is not a negation in Java: `^` there is a member.
        if rest.negated {
            rest.negated = false;
            rest.items.push(Item::Range('^', '^'));
        }
        Ok(rest)
    }

    fn class_atom(&mut self) -> Result<ClassAtom, ParseError> {
        let c = self.chars[self.pos];
        self.pos += 1;
        if c != '\\' {
            return Ok(ClassAtom::Char(u32::from(c)));
        }
        match self.escaped(true)? {
            Escaped::Char(c) => Ok(ClassAtom::Char(u32::from(c))),
            Escaped::Surrogate(u) => Ok(ClassAtom::Char(u)),
            Escaped::Set(body, negated) => Ok(ClassAtom::Set(body, negated)),
            Escaped::Node(_) => self.fail("an assertion in a class"),
        }
    }
}

/// Adds the code points `from..=to` to a class, less the surrogates (which no Rust
/// string holds).
fn push_range(items: &mut Vec<Item>, from: u32, to: u32) {
    for (a, b) in [(from, to.min(0xD7FF)), (from.max(0xE000), to)] {
        if let (Some(a), Some(b)) = (char::from_u32(a), char::from_u32(b)) {
            if a <= b {
                items.push(Item::Range(a, b));
            }
        }
    }
}

/// One member read in a class.
enum ClassAtom {
    /// A code point, or a lone surrogate code unit.
    Char(u32),
    Set(String, bool),
}

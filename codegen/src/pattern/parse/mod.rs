//! Reads a `@pattern` into a [`Node`] tree in one of three [`Dialect`]s. Every
//! construct is resolved while reading to what it means in that dialect (`\d` to
//! `[0-9]`, `.` to the dialect's line-terminator complement, `(?i)` to ASCII case
//! pairs), so the tree holds no flags and prints as an equivalent pattern for any
//! engine (see `print.rs`).

use super::java;

mod escapes;

/// How a pattern is read: each dialect accepts everything the one before it does, with
/// the same meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dialect {
    /// ECMA 262 with the `u` flag (spec constraint-traits.rst `pattern`).
    Unicode,
    /// ECMA 262 Annex B (no `u` flag), limited to the forms `java.util.regex` reads the
    /// same way: identity escapes of punctuation (`\-`, `\_`, `\/`, `\:` in and out of
    /// classes), `\0` octal escapes, a `-` after a class escape in a class (`[\w-_]`), a
    /// lone `]` or `}`. An Annex B reading that Java reads otherwise (`\p{Print}` as the
    /// letters `p{Print}`, `\x{60}` as 60 `x`s, `\A` as `A`, `[` or `&&` in a class as
    /// members) is not taken: such a pattern goes to [`Dialect::Java`].
    AnnexB,
    /// The constructs of `java.util.regex.Pattern` the reference implementation
    /// (smithy-model) accepts: inline flags, POSIX and `java.lang` classes, class union
    /// and intersection, possessive quantifiers and atomic groups, `\A` `\z` `\Z`,
    /// `\Q…\E`, `\x{…}`, `\h`, quantified assertions and stacked quantifiers.
    Java,
}

/// A pattern as a tree, every construct already resolved to its meaning.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Matches the empty string.
    Empty,
    /// One character of a set.
    Class(Class),
    /// A zero-width assertion.
    Assert(Assert),
    /// A group; `Some(n)` captures as group `n` (1-based).
    Group(Box<Node>, Option<u32>),
    /// An atomic group (Java `(?>…)`, and possessive quantifiers).
    Atomic(Box<Node>),
    /// A look-around.
    Look {
        /// Ahead (`(?=`) or behind (`(?<=`).
        ahead: bool,
        /// `(?!`/`(?<!`.
        negated: bool,
        /// What it looks for.
        node: Box<Node>,
    },
    /// A back-reference to group `n`.
    Backref(u32),
    /// A repetition (`max` `None`: unbounded); laziness does not change whether a
    /// pattern matches (all is searched), so it is not kept.
    Repeat {
        /// What repeats.
        node: Box<Node>,
        /// At least.
        min: u32,
        /// At most.
        max: Option<u32>,
    },
    /// One after the other.
    Concat(Vec<Node>),
    /// One of.
    Alt(Vec<Node>),
}

/// A zero-width assertion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assert {
    /// Start of input.
    Start,
    /// End of input.
    End,
    /// Start of a line (multiline `^`).
    LineStart,
    /// End of a line (multiline `$`).
    LineEnd,
    /// `\b` (ASCII word characters, in ECMA and Java alike).
    WordBoundary,
    /// `\B`.
    NotWordBoundary,
}

/// A character class: the union of `items`, intersected with each of `and` (Java
/// `&&`), complemented if `negated`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Class {
    /// `[^…]`.
    pub negated: bool,
    /// What the class unites.
    pub items: Vec<Item>,
    /// Classes it is intersected with.
    pub and: Vec<Class>,
}

/// One member of a [`Class`].
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// The code points `from..=to`.
    Range(char, char),
    /// A named set (`\d`, `\p{Print}`, `\p{L}`), as the body of a bracket class in
    /// `regex` syntax (`0-9`, `\x20-\x7E`, `\p{L}`); `true` for its complement.
    Set(String, bool),
    /// A nested class.
    Class(Class),
}

impl Class {
    fn of(items: Vec<Item>) -> Class {
        Class {
            items,
            ..Class::default()
        }
    }

    fn set(body: &str, negated: bool) -> Class {
        Class::of(vec![Item::Set(body.to_owned(), negated)])
    }
}

/// Why a pattern cannot be read in a dialect, at a character offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Character offset in the pattern.
    pub at: usize,
    /// What is wrong there.
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at character {}", self.message, self.at)
    }
}

/// A read pattern, and what it needs of a matcher.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The tree.
    pub node: Node,
    /// Whether it has look-around, back-references or atomic groups: no linear-time
    /// engine runs those.
    pub needs_backtracking: bool,
}

/// Reads `pattern` in `dialect`.
///
/// # Errors
/// [`ParseError`] at the first construct the dialect does not have.
pub fn parse(pattern: &str, dialect: Dialect) -> Result<Parsed, ParseError> {
    let mut p = Parser {
        chars: pattern.chars().collect(),
        pos: 0,
        dialect,
        flags: Flags::default(),
        groups: 0,
        names: Vec::new(),
        backrefs: Vec::new(),
        needs_backtracking: false,
    };
    // Named groups may be referred to before they are defined: count them first.
    p.names = group_names(&p.chars);
    let node = p.alternation()?;
    if p.pos < p.chars.len() {
        return p.fail("unmatched `)`");
    }
    if let Some(&(n, at)) = p.backrefs.iter().find(|(n, _)| *n > p.groups) {
        return Err(ParseError {
            at,
            message: format!("back-reference to group {n}, which does not exist"),
        });
    }
    Ok(Parsed {
        node,
        needs_backtracking: p.needs_backtracking,
    })
}

/// The names of the named groups, in order of their opening parenthesis.
fn group_names(chars: &[char]) -> Vec<Option<String>> {
    let mut names = Vec::new();
    let (mut i, mut in_class) = (0, false);
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' => in_class = true,
            ']' => in_class = false,
            '(' if !in_class => {
                let rest: String = chars[i + 1..].iter().take(3).collect();
                if rest.starts_with("?<") && !rest.starts_with("?<=") && !rest.starts_with("?<!") {
                    let name: String = chars[i + 3..].iter().take_while(|c| **c != '>').collect();
                    names.push(Some(name));
                } else if !rest.starts_with('?') {
                    names.push(None);
                }
            }
            _ => {}
        }
        i += 1;
    }
    names
}

/// Inline flags in force (Java `(?ism)`); ECMA patterns have none.
#[derive(Debug, Clone, Copy, Default)]
struct Flags {
    case_insensitive: bool,
    dot_all: bool,
    multiline: bool,
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    dialect: Dialect,
    flags: Flags,
    groups: u32,
    names: Vec<Option<String>>,
    backrefs: Vec<(u32, usize)>,
    needs_backtracking: bool,
}

impl Parser {
    fn fail<T>(&self, message: impl Into<String>) -> Result<T, ParseError> {
        Err(ParseError {
            at: self.pos,
            message: message.into(),
        })
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.pos += 1;
        }
        found
    }

    fn eat_str(&mut self, s: &str) -> bool {
        let n = s.chars().count();
        let found = self.chars.len() >= self.pos + n
            && self.chars[self.pos..self.pos + n]
                .iter()
                .copied()
                .eq(s.chars());
        if found {
            self.pos += n;
        }
        found
    }

    fn java(&self) -> bool {
        self.dialect == Dialect::Java
    }

    fn alternation(&mut self) -> Result<Node, ParseError> {
        let mut branches = vec![self.sequence()?];
        while self.eat('|') {
            branches.push(self.sequence()?);
        }
        Ok(if branches.len() == 1 {
            branches.remove(0)
        } else {
            Node::Alt(branches)
        })
    }

    fn sequence(&mut self) -> Result<Node, ParseError> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            let item = self.quantified(atom)?;
            if item != Node::Empty {
                items.push(item);
            }
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.remove(0),
            _ => Node::Concat(items),
        })
    }

    /// `atom` followed by its quantifier. Java accepts more after it (`X{11}{0,1011}`)
    /// and ignores them: `^a{1}{0,3}b$` matches `ab`, not `aab` (java.util.regex, Java
    /// 17), so they are read and dropped.
    fn quantified(&mut self, atom: Node) -> Result<Node, ParseError> {
        let mut node = atom;
        let mut count = 0;
        while let Some((min, max)) = self.quantifier()? {
            count += 1;
            if count > 1 && !self.java() {
                return self.fail("a quantifier after a quantifier");
            }
            let possessive = self.java() && self.eat('+');
            if !possessive {
                self.eat('?');
            }
            if count == 1 {
                node = self.repeat(node, min, max, possessive)?;
            }
        }
        Ok(node)
    }

    fn repeat(
        &mut self,
        node: Node,
        min: u32,
        max: Option<u32>,
        possessive: bool,
    ) -> Result<Node, ParseError> {
        if let Some(max) = max.filter(|max| *max < min) {
            return self.fail(format!("the quantifier {{{min},{max}}} is out of order"));
        }
        let zero_width = matches!(node, Node::Assert(_) | Node::Look { .. } | Node::Empty);
        if zero_width {
            // ECMA allows quantifying look-aheads only in Annex B; Java allows any.
            if self.dialect == Dialect::Unicode || matches!(node, Node::Assert(_)) && !self.java() {
                return self.fail("nothing to repeat");
            }
            // Repeating a zero-width match changes nothing but whether it is required.
            return Ok(if min == 0 { Node::Empty } else { node });
        }
        let repeated = Node::Repeat {
            node: Box::new(node),
            min,
            max,
        };
        Ok(if possessive && !single_way(&repeated) {
            self.needs_backtracking = true;
            Node::Atomic(Box::new(repeated))
        } else {
            repeated
        })
    }

    /// A quantifier at the cursor: `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`.
    fn quantifier(&mut self) -> Result<Option<(u32, Option<u32>)>, ParseError> {
        let found = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => {
                let start = self.pos;
                self.pos += 1;
                match self.braces() {
                    Some(q) => return Ok(Some(q)),
                    None => {
                        self.pos = start;
                        return Ok(None);
                    }
                }
            }
            _ => return Ok(None),
        };
        self.pos += 1;
        Ok(Some(found))
    }

    /// The rest of `{n}`, `{n,}`, `{n,m}` after `{`; `None` (cursor anywhere) if it is
    /// not one.
    fn braces(&mut self) -> Option<(u32, Option<u32>)> {
        let min = self.number()?;
        let max = if self.eat(',') {
            if self.peek() == Some('}') {
                None
            } else {
                Some(self.number()?)
            }
        } else {
            Some(min)
        };
        self.eat('}').then_some((min, max))
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        let digits: String = self.chars[start..self.pos].iter().collect();
        digits.parse().ok()
    }

    fn atom(&mut self) -> Result<Node, ParseError> {
        let Some(c) = self.peek() else {
            return self.fail("unexpected end");
        };
        self.pos += 1;
        Ok(match c {
            '^' => Node::Assert(if self.flags.multiline {
                Assert::LineStart
            } else {
                Assert::Start
            }),
            '$' => Node::Assert(if self.flags.multiline {
                Assert::LineEnd
            } else {
                Assert::End
            }),
            '.' => Node::Class(self.dot()),
            '(' => return self.group(),
            '[' => Node::Class(self.class()?),
            '\\' => return self.escape(),
            '*' | '+' | '?' => return self.fail("nothing to repeat"),
            '{' => {
                let start = self.pos;
                let quantifier = self.braces().is_some();
                self.pos = start;
                if quantifier || self.dialect != Dialect::AnnexB {
                    self.pos -= 1;
                    return self.fail("nothing to repeat");
                }
                self.literal('{')
            }
            '}' | ']' if self.dialect == Dialect::Unicode => {
                self.pos -= 1;
                return self.fail(format!("a lone `{c}`"));
            }
            c => self.literal(c),
        })
    }

    /// `.`: every character but the dialect's line terminators, or all with `(?s)`.
    fn dot(&self) -> Class {
        if self.flags.dot_all {
            return Class::set(java::ANY, false);
        }
        let terminators = if self.java() {
            java::JAVA_LINE_TERMINATORS
        } else {
            java::ECMA_LINE_TERMINATORS
        };
        Class::set(terminators, true)
    }

    /// One character, with its ASCII case pair under `(?i)`.
    fn literal(&self, c: char) -> Node {
        Node::Class(Class::of(self.cased(vec![Item::Range(c, c)])))
    }

    /// Adds the other ASCII case of every letter in `items` under `(?i)` (Java's
    /// `CASE_INSENSITIVE` without `UNICODE_CASE` folds US-ASCII only).
    fn cased(&self, mut items: Vec<Item>) -> Vec<Item> {
        if !self.flags.case_insensitive {
            return items;
        }
        let mut pairs = Vec::new();
        for item in &items {
            if let Item::Range(from, to) = *item {
                for (lo, hi, shift) in [('a', 'z', -32i32), ('A', 'Z', 32)] {
                    let (a, b) = (from.max(lo), to.min(hi));
                    if a <= b {
                        let moved = |c: char| char::from_u32((c as i32 + shift) as u32);
                        if let (Some(a), Some(b)) = (moved(a), moved(b)) {
                            pairs.push(Item::Range(a, b));
                        }
                    }
                }
            }
        }
        items.extend(pairs);
        items
    }

    fn group(&mut self) -> Result<Node, ParseError> {
        if self.java() && self.peek() == Some('?') {
            if let Some(node) = self.inline_flags()? {
                return Ok(node);
            }
        }
        let saved = self.flags;
        let node = self.group_body();
        self.flags = saved;
        let node = node?;
        if !self.eat(')') {
            return self.fail("missing `)`");
        }
        Ok(node)
    }

    fn group_body(&mut self) -> Result<Node, ParseError> {
        if !self.eat('?') {
            self.groups += 1;
            let n = self.groups;
            return Ok(Node::Group(Box::new(self.alternation()?), Some(n)));
        }
        let look = |p: &mut Self, ahead, negated| -> Result<Node, ParseError> {
            p.needs_backtracking = true;
            let node = Box::new(p.alternation()?);
            Ok(Node::Look {
                ahead,
                negated,
                node,
            })
        };
        if self.eat(':') {
            Ok(Node::Group(Box::new(self.alternation()?), None))
        } else if self.eat('=') {
            look(self, true, false)
        } else if self.eat('!') {
            look(self, true, true)
        } else if self.eat_str("<=") {
            look(self, false, false)
        } else if self.eat_str("<!") {
            look(self, false, true)
        } else if self.eat('<') {
            let start = self.pos;
            while self
                .peek()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$')
            {
                self.pos += 1;
            }
            if self.pos == start || !self.eat('>') {
                return self.fail("a group name");
            }
            self.groups += 1;
            let n = self.groups;
            Ok(Node::Group(Box::new(self.alternation()?), Some(n)))
        } else if self.java() && self.eat('>') {
            self.needs_backtracking = true;
            Ok(Node::Atomic(Box::new(self.alternation()?)))
        } else {
            self.fail("an unknown group `(?`")
        }
    }

    /// Java inline flags after `(`, cursor on `?`: `(?ism-ism)` sets them for the rest
    /// of the enclosing group (its caller restores them when that group ends) and reads
    /// as nothing; `(?ism-ism:…)` is a group with them. `None` (cursor unmoved) if this
    /// is another kind of group.
    fn inline_flags(&mut self) -> Result<Option<Node>, ParseError> {
        let start = self.pos;
        self.pos += 1;
        let (mut flags, mut on) = (self.flags, true);
        loop {
            match self.peek() {
                Some('-') => on = false,
                Some('i') => flags.case_insensitive = on,
                Some('s') => flags.dot_all = on,
                Some('m') => flags.multiline = on,
                Some(')') if self.pos > start + 1 => {
                    self.pos += 1;
                    self.flags = flags;
                    return Ok(Some(Node::Empty));
                }
                Some(':') if self.pos > start + 1 => {
                    self.pos += 1;
                    let saved = std::mem::replace(&mut self.flags, flags);
                    let node = self.alternation();
                    self.flags = saved;
                    let node = node?;
                    if !self.eat(')') {
                        return self.fail("missing `)`");
                    }
                    return Ok(Some(Node::Group(Box::new(node), None)));
                }
                Some(c) if c.is_ascii_alphabetic() => {
                    return self.fail(format!("the inline flag `{c}` is not translated"));
                }
                _ => {
                    self.pos = start;
                    return Ok(None);
                }
            }
            self.pos += 1;
        }
    }
}

/// Whether `node` can match a given string in one way only, so that making it atomic
/// changes nothing (`[0-9]{12}+`, `x?+` before anything that is not `x`…): a fixed
/// count of single characters.
fn single_way(node: &Node) -> bool {
    match node {
        Node::Repeat { node, min, max } => Some(*min) == *max && matches!(**node, Node::Class(_)),
        _ => false,
    }
}

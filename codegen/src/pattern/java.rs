//! The translation table: every named set a `@pattern` can use, in ECMA 262 and in
//! `java.util.regex.Pattern`, as the body of a bracket class in the syntax of the
//! `regex` crate (`[` body `]`), each the exact code-point set its dialect defines.
//!
//! Java's POSIX classes (`\p{Alpha}`, `\p{Punct}`, …) are US-ASCII only, as in
//! `java.util.regex.Pattern` without `UNICODE_CHARACTER_CLASS`; its `java.lang`
//! classes and `Is…` properties are Unicode (Java's Unicode version; `regex` carries
//! a later one, which only adds characters assigned since).

use super::parse::{Assert, Class, Item, Node};

/// `\d`, in ECMA and Java alike.
pub const DIGIT: &str = "0-9";
/// `\w`, in ECMA and Java alike.
pub const WORD: &str = "0-9A-Za-z_";
/// ECMA 262 `\s`: WhiteSpace and LineTerminator.
pub const ECMA_SPACE: &str = r"\t\n\x0B\x0C\r\x20\xA0\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";
/// Java `\s` (and `\p{Space}`): `[ \t\n\x0B\f\r]`.
pub const JAVA_SPACE: &str = r"\t\n\x0B\x0C\r\x20";
/// Java `\h`.
pub const JAVA_HORIZONTAL_SPACE: &str =
    r"\t\x20\xA0\x{1680}\x{180E}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}";
/// ECMA 262 LineTerminator: what `.` does not match.
pub const ECMA_LINE_TERMINATORS: &str = r"\n\r\x{2028}\x{2029}";
/// Java's line terminators: what `.` does not match without `(?s)`.
pub const JAVA_LINE_TERMINATORS: &str = r"\n\r\x{85}\x{2028}\x{2029}";
/// Every character (`.` under `(?s)`, Java `\p{all}`).
pub const ANY: &str = r"\x{0}-\x{10FFFF}";
/// No character (a lone surrogate, which a Rust string cannot hold).
pub const NOTHING: &str = r"a&&b";

/// Java's POSIX classes (US-ASCII), `java.lang.Character` classes and the special
/// categories of `java.util.regex.Pattern`, by the name written in `\p{…}`.
const JAVA_CLASSES: &[(&str, &str)] = &[
    ("Lower", "a-z"),
    ("Upper", "A-Z"),
    ("ASCII", r"\x00-\x7F"),
    ("Alpha", "A-Za-z"),
    ("Digit", "0-9"),
    ("Alnum", "0-9A-Za-z"),
    ("Punct", PUNCT),
    ("Graph", GRAPH),
    ("Print", PRINT),
    ("Blank", r"\t\x20"),
    ("Cntrl", r"\x00-\x1F\x7F"),
    ("XDigit", "0-9A-Fa-f"),
    ("Space", JAVA_SPACE),
    // java.lang.Character.isLowerCase / isUpperCase: the Lowercase / Uppercase properties.
    ("javaLowerCase", r"\p{Lowercase}"),
    ("javaUpperCase", r"\p{Uppercase}"),
    // Character.isWhitespace: space, line and paragraph separators but the no-break
    // spaces, and \t \n \x0B \f \r \x1C-\x1F.
    (
        "javaWhitespace",
        r"\t-\r\x1C-\x1F[\p{Zs}\p{Zl}\p{Zp}--[\xA0\x{2007}\x{202F}]]",
    ),
    ("javaMirrored", r"\p{Bidi_Mirrored}"),
    ("javaAlphabetic", r"\p{Alphabetic}"),
    ("javaLetter", r"\p{L}"),
    ("javaDigit", r"\p{Nd}"),
    ("javaLetterOrDigit", r"\p{L}\p{Nd}"),
    ("javaSpaceChar", r"\p{Zs}\p{Zl}\p{Zp}"),
    ("javaTitleCase", r"\p{Lt}"),
    ("javaIdeographic", r"\p{Ideographic}"),
    // Pattern's own categories: Latin-1, letter or digit, cased letter, everything.
    ("L1", r"\x00-\xFF"),
    ("LD", r"\p{L}\p{Nd}"),
    ("LC", r"\p{Lu}\p{Ll}\p{Lt}"),
    ("all", ANY),
];

/// Java `\p{Punct}`: `!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~`.
const PUNCT: &str = r##"!-/:-@\[-`\{-~"##;
/// Java `\p{Graph}`: `[\p{Alnum}\p{Punct}]`, i.e. `\x21-\x7E`.
const GRAPH: &str = r"\x21-\x7E";
/// Java `\p{Print}`: `[\p{Graph}\x20]`.
const PRINT: &str = r"\x20-\x7E";

/// Java's `Is…` binary properties (`\p{IsAlphabetic}`), to the `regex` name.
const JAVA_BINARY: &[(&str, &str)] = &[
    ("Alphabetic", "Alphabetic"),
    ("Ideographic", "Ideographic"),
    ("Letter", "L"),
    ("Lowercase", "Lowercase"),
    ("Uppercase", "Uppercase"),
    ("Titlecase", "Lt"),
    ("Punctuation", "P"),
    ("Control", "Cc"),
    ("White_Space", "White_Space"),
    ("WhiteSpace", "White_Space"),
    ("Whitespace", "White_Space"),
    ("Digit", "Nd"),
    ("Hex_Digit", "Hex_Digit"),
    ("HexDigit", "Hex_Digit"),
    ("Join_Control", "Join_Control"),
    ("JoinControl", "Join_Control"),
    ("Noncharacter_Code_Point", "Noncharacter_Code_Point"),
    ("Assigned", "Assigned"),
    ("Emoji", "Emoji"),
];

/// The body of Java's `\p{name}`; `None` for a name not translated (Unicode blocks,
/// `\p{In…}`, which the `regex` crate does not know).
pub fn property(name: &str) -> Option<String> {
    if let Some((_, body)) = JAVA_CLASSES.iter().find(|(n, _)| *n == name) {
        return Some((*body).to_owned());
    }
    let is = |n: &str| JAVA_BINARY.iter().find(|(j, _)| j.eq_ignore_ascii_case(n));
    if let Some(rest) = name.strip_prefix("Is") {
        if let Some((_, r)) = is(rest) {
            return Some(format!(r"\p{{{r}}}"));
        }
        // `\p{IsL}`, `\p{IsLatin}`: a category or a script.
        return unicode(rest);
    }
    if name.starts_with("In") || name.starts_with("blk=") || name.starts_with("block=") {
        return None;
    }
    // `\p{L}`, `\p{Lu}`, `\p{gc=Lu}`, `\p{sc=Latin}`, `\p{script=Latin}`.
    unicode(name)
}

/// The body of ECMA 262's `\p{name}` (`u` mode): general categories, scripts
/// (`Script=`/`sc=`, `Script_Extensions=`/`scx=`) and binary properties, whose names
/// `regex` reads the same.
pub fn ecma_property(name: &str) -> Option<String> {
    unicode(name)
}

/// A Unicode category, script or binary property name as `regex` spells it, if it is
/// one: checked by compiling it, so an unknown name is reported at generation.
fn unicode(name: &str) -> Option<String> {
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_=:-".contains(c))
    {
        return None;
    }
    let body = format!(r"\p{{{name}}}");
    regex_syntax::Parser::new()
        .parse(&format!("[{body}]"))
        .ok()
        .map(|_| body)
}

/// Java `\Z`: the end of input, or before a line terminator that ends it.
pub fn end_before_terminator() -> Node {
    let terminator = Node::Alt(vec![
        Node::Concat(vec![char_node('\r'), char_node('\n')]),
        Node::Class(Class {
            items: vec![Item::Set(JAVA_LINE_TERMINATORS.to_owned(), false)],
            ..Class::default()
        }),
    ]);
    Node::Look {
        ahead: true,
        negated: false,
        node: Box::new(Node::Concat(vec![
            Node::Repeat {
                node: Box::new(Node::Group(Box::new(terminator), None)),
                min: 0,
                max: Some(1),
            },
            Node::Assert(Assert::End),
        ])),
    }
}

fn char_node(c: char) -> Node {
    Node::Class(Class {
        items: vec![Item::Range(c, c)],
        ..Class::default()
    })
}

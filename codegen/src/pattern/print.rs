//! Prints a read pattern (`Node`) in the syntax of the `regex` crate, or of
//! `fancy-regex` (the same, plus look-around, back-references and atomic groups) for a
//! pattern that has those. Every set is written out as an explicit class, so the
//! printed pattern means the same under any flags the engine starts with.

use std::fmt::Write;

use super::parse::{Assert, Class, Item, Node};

/// `node` in `regex` syntax; `keep_groups` prints capturing groups as such (the
/// back-references of a `fancy-regex` pattern count them), else all groups are
/// non-capturing (cheaper for `regex`, which only answers whether a value matches).
pub fn print(node: &Node, keep_groups: bool) -> String {
    let mut out = String::new();
    write_node(&mut out, node, keep_groups);
    out
}

/// ECMA and Java `\b` (ASCII word characters) in look-arounds, for `fancy-regex`, which
/// knows only Unicode `\b`.
const ASCII_WORD_BOUNDARY: &str =
    "(?:(?<=[0-9A-Za-z_])(?![0-9A-Za-z_])|(?<![0-9A-Za-z_])(?=[0-9A-Za-z_]))";
const ASCII_NOT_WORD_BOUNDARY: &str =
    "(?:(?<=[0-9A-Za-z_])(?=[0-9A-Za-z_])|(?<![0-9A-Za-z_])(?![0-9A-Za-z_]))";

fn write_node(out: &mut String, node: &Node, keep: bool) {
    match node {
        Node::Empty => {}
        Node::Class(class) => write_class_atom(out, class),
        Node::Assert(a) => out.push_str(match a {
            Assert::Start => "^",
            Assert::End => "$",
            // CRLF mode: `\r` and `\n` both end lines (ECMA also ends them at U+2028 and
            // U+2029, which `regex`'s multi-line anchors do not know).
            Assert::LineStart => "(?mR:^)",
            Assert::LineEnd => "(?mR:$)",
            // ECMA and Java `\b` are ASCII word boundaries (`keep`: for `fancy-regex`).
            Assert::WordBoundary if keep => ASCII_WORD_BOUNDARY,
            Assert::NotWordBoundary if keep => ASCII_NOT_WORD_BOUNDARY,
            Assert::WordBoundary => r"(?-u:\b)",
            Assert::NotWordBoundary => r"(?-u:\B)",
        }),
        Node::Group(inner, capture) => {
            out.push_str(if keep && capture.is_some() {
                "("
            } else {
                "(?:"
            });
            write_node(out, inner, keep);
            out.push(')');
        }
        Node::Atomic(inner) => {
            out.push_str("(?>");
            write_node(out, inner, keep);
            out.push(')');
        }
        Node::Look {
            ahead,
            negated,
            node,
        } => {
            out.push_str(match (ahead, negated) {
                (true, false) => "(?=",
                (true, true) => "(?!",
                (false, false) => "(?<=",
                (false, true) => "(?<!",
            });
            write_node(out, node, keep);
            out.push(')');
        }
        Node::Backref(n) => {
            let _ = write!(out, r"(?:\{n})");
        }
        Node::Repeat { node, min, max } => {
            let atom = matches!(**node, Node::Class(_) | Node::Group(..) | Node::Atomic(_));
            if !atom {
                out.push_str("(?:");
            }
            write_node(out, node, keep);
            if !atom {
                out.push(')');
            }
            match (min, max) {
                (0, None) => out.push('*'),
                (1, None) => out.push('+'),
                (0, Some(1)) => out.push('?'),
                (n, None) => {
                    let _ = write!(out, "{{{n},}}");
                }
                (n, Some(m)) if n == m => {
                    let _ = write!(out, "{{{n}}}");
                }
                (n, Some(m)) => {
                    let _ = write!(out, "{{{n},{m}}}");
                }
            }
        }
        Node::Concat(items) => {
            for item in items {
                if matches!(item, Node::Alt(_)) {
                    out.push_str("(?:");
                    write_node(out, item, keep);
                    out.push(')');
                } else {
                    write_node(out, item, keep);
                }
            }
        }
        Node::Alt(branches) => {
            for (i, branch) in branches.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                write_node(out, branch, keep);
            }
        }
    }
}

/// A class as an atom: one character as itself, else a bracket class.
fn write_class_atom(out: &mut String, class: &Class) {
    match (class.negated, &class.items[..], &class.and[..]) {
        (false, [Item::Range(a, b)], []) if a == b => out.push_str(&atom_char(*a)),
        // One named set: its own bracket (`[0-9]`, `[^\n\r…]`).
        (false, [Item::Set(body, negated)], []) if !body.contains("&&") => {
            out.push_str(if *negated { "[^" } else { "[" });
            out.push_str(body);
            out.push(']');
        }
        _ => write_class(out, class),
    }
}

fn write_class(out: &mut String, class: &Class) {
    if class.items.is_empty() && class.and.is_empty() {
        // ECMA `[]` matches nothing, `[^]` anything.
        out.push_str(if class.negated {
            r"[\x{0}-\x{10FFFF}]"
        } else {
            "[a&&b]"
        });
        return;
    }
    out.push('[');
    if class.negated {
        out.push('^');
    }
    if class.items.is_empty() {
        out.push_str(r"\x{0}-\x{10FFFF}");
    }
    for item in &class.items {
        match item {
            Item::Range(a, b) if a == b => out.push_str(&class_char(*a)),
            Item::Range(a, b) => {
                out.push_str(&class_char(*a));
                out.push('-');
                out.push_str(&class_char(*b));
            }
            // A set's body joins the union as it is, unless it has operators of its own.
            Item::Set(body, false) if !body.contains("&&") => out.push_str(body),
            Item::Set(body, false) => {
                out.push('[');
                out.push_str(body);
                out.push(']');
            }
            Item::Set(body, true) => {
                out.push_str("[^");
                out.push_str(body);
                out.push(']');
            }
            Item::Class(nested) => write_class(out, nested),
        }
    }
    for and in &class.and {
        out.push_str("&&");
        write_class(out, and);
    }
    out.push(']');
}

/// A character outside a class: letters, digits and space as themselves, ASCII
/// punctuation escaped (`regex` allows escaping any but `<` and `>`), anything else as
/// `\x{…}`.
fn atom_char(c: char) -> String {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | ' ' | '<' | '>' => c.to_string(),
        c if c.is_ascii_punctuation() => format!(r"\{c}"),
        c => format!(r"\x{{{:X}}}", u32::from(c)),
    }
}

/// A character inside a class, escaped the same way.
pub fn class_char(c: char) -> String {
    atom_char(c)
}

//! The `@pattern` policy (spec constraint-traits.rst `pattern`): how a model's pattern
//! becomes the check a generated server runs, in this order:
//!
//! 1. ECMA 262 with the `u` flag, as the spec says (checked with `regress`, an ECMA 262
//!    engine, and read by [`parse`] in [`Dialect::Unicode`]);
//! 2. else ECMA 262 Annex B (non-Unicode) mode, in the forms Java reads alike
//!    ([`Dialect::AnnexB`]);
//! 3. else the `java.util.regex` constructs the reference implementation accepts
//!    (smithy-model checks patterns with Java), translated to an equivalent pattern
//!    ([`Dialect::Java`]; the named sets in `java.rs`, the translation table);
//! 4. else, and only then, a [`Decision::NotEnforced`] with the reason: the generator
//!    warns (with the shape and location), documents the member's pattern as not
//!    enforced, and emits no check.
//!
//! Matching is never catastrophic: the read pattern is printed with every set written
//! out (`print.rs`) and runs on the `regex` crate (linear time), unless it needs
//! look-around, back-references or atomic groups, which run on `fancy-regex` with a
//! backtracking limit (the runtime rejects a value whose match exceeds it).

mod java;
pub mod parse;
mod print;

pub use parse::Dialect;

/// What the generated code does with one pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Checked: the pattern read in `dialect`, as `source` for `engine`.
    Enforced {
        /// The policy step that read it.
        dialect: Dialect,
        /// The equivalent pattern in the engine's syntax.
        source: String,
        /// The engine that runs it.
        engine: Engine,
    },
    /// Not checked, with why: the engine's refusal of a step's translation, else why
    /// Java's reading (the last step) fails.
    NotEnforced(String),
}

/// The engine a generated check runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// The `regex` crate: linear in the value's length.
    Linear,
    /// `fancy-regex`, with a backtracking limit.
    Backtracking,
    /// A whole-value repetition of one class, `^C{min,max}$`, whose automaton is too
    /// large for `regex` (`^.{1,100000}$`): `regex` checks `^C*$`, and the value's
    /// length in characters is compared with the bounds. The same set of values.
    Counted {
        /// At least this many characters.
        min: u32,
        /// At most this many.
        max: u32,
    },
}

/// The compiled-size limit of a linear pattern (the runtime uses the same): large
/// counted repetitions of Unicode classes (`[\p{L}\p{N}]{1,2048}`) exceed `regex`'s
/// default of 10 MiB.
pub const SIZE_LIMIT: usize = 64 << 20;

/// Decides how `pattern` (as modeled) is checked.
pub fn decide(pattern: &str) -> Decision {
    let ecma = regress::Regex::with_flags(pattern, "u").is_ok();
    // Why the last step that read the pattern could not compile it, else why the last
    // step could not read it: the reason a member's docs give.
    let (mut unread, mut uncompiled) = (String::new(), None);
    for dialect in [Dialect::Unicode, Dialect::AnnexB, Dialect::Java] {
        if dialect == Dialect::Unicode && !ecma {
            continue;
        }
        match translate(pattern, dialect) {
            Ok((source, engine)) => {
                return Decision::Enforced {
                    dialect,
                    source,
                    engine,
                }
            }
            Err(Failure::Unread(e)) => unread = e,
            Err(Failure::Uncompiled(e)) => uncompiled = Some(e),
        }
    }
    Decision::NotEnforced(uncompiled.unwrap_or(unread))
}

/// Why a step did not give a check.
enum Failure {
    /// The dialect does not read the pattern (the parser's message).
    Unread(String),
    /// It reads it, but the engine refuses the translation.
    Uncompiled(String),
}

/// `pattern` read in `dialect` and printed for its engine, checked to compile there as
/// the runtime compiles it.
fn translate(pattern: &str, dialect: Dialect) -> Result<(String, Engine), Failure> {
    let parsed = parse::parse(pattern, dialect).map_err(|e| {
        Failure::Unread(match dialect {
            Dialect::Java => format!("java.util.regex: {e}"),
            _ => format!("{dialect:?}: {e}"),
        })
    })?;
    let refused = |source: &str, e: &dyn std::fmt::Display| {
        Failure::Uncompiled(format!("its translation `{source}` does not compile: {e}"))
    };
    if parsed.needs_backtracking {
        let source = print::print(&parsed.node, true);
        fancy_regex::Regex::new(&source).map_err(|e| refused(&source, &e))?;
        Ok((source, Engine::Backtracking))
    } else {
        let source = print::print(&parsed.node, false);
        match linear(&source) {
            Ok(()) => Ok((source, Engine::Linear)),
            Err(e) => match counted(&parsed.node) {
                Some((unbounded, min, max)) if linear(&unbounded).is_ok() => {
                    Ok((unbounded, Engine::Counted { min, max }))
                }
                _ => Err(refused(&source, &e)),
            },
        }
    }
}

/// Whether `source` compiles on the linear engine as the runtime builds it.
fn linear(source: &str) -> Result<(), regex::Error> {
    regex::RegexBuilder::new(source)
        .size_limit(SIZE_LIMIT)
        .build()
        .map(|_| ())
}

/// For `^C{min,max}$` (one class repeated over the whole value): `^C*$` and the bounds.
fn counted(node: &parse::Node) -> Option<(String, u32, u32)> {
    use parse::{Assert, Node};
    let Node::Concat(items) = node else {
        return None;
    };
    let [Node::Assert(Assert::Start), Node::Repeat {
        node,
        min,
        max: Some(max),
    }, Node::Assert(Assert::End)] = &items[..]
    else {
        return None;
    };
    if !matches!(**node, Node::Class(_)) {
        return None;
    }
    let unbounded = Node::Concat(vec![
        Node::Assert(Assert::Start),
        Node::Repeat {
            node: node.clone(),
            min: 0,
            max: None,
        },
        Node::Assert(Assert::End),
    ]);
    Some((print::print(&unbounded, false), *min, *max))
}

#[cfg(test)]
mod tests;

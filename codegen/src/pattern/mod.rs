//! The `@pattern` policy (spec constraint-traits.rst `pattern`): how a model's pattern
//! becomes the check a generated server runs, in this order:
//!
//! 1. ECMA 262 with the `u` flag, as the spec says (checked with `regress`, an ECMA 262
//!    engine, and read by [`parse`] in [`Dialect::Unicode`]);
//! 2. else ECMA 262 Annex B (non-Unicode) mode, in the forms Java reads alike
//!    ([`Dialect::AnnexB`]);
//! 3. else the `java.util.regex` constructs the reference implementation accepts
//!    (smithy-model checks patterns with Java), translated to an equivalent pattern
//!    ([`Dialect::Java`]; the named sets in [`java`], the translation table);
//! 4. else, and only then, a [`Decision::NotEnforced`] with the reason: the generator
//!    warns (with the shape and location), documents the member's pattern as not
//!    enforced, and emits no check.
//!
//! Matching is never catastrophic: the read pattern is printed with every set written
//! out ([`print`]) and runs on the `regex` crate (linear time), unless it needs
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
    /// Not checked, with why (each step's reason, the last one first).
    NotEnforced(String),
}

/// The engine a generated check runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// The `regex` crate: linear in the value's length.
    Linear,
    /// `fancy-regex`, with a backtracking limit.
    Backtracking,
}

/// The compiled-size limit of a linear pattern (the runtime uses the same): large
/// counted repetitions of Unicode classes (`[\p{L}\p{N}]{1,2048}`) exceed `regex`'s
/// default of 10 MiB.
pub const SIZE_LIMIT: usize = 64 << 20;

/// Decides how `pattern` (as modeled) is checked.
pub fn decide(pattern: &str) -> Decision {
    let ecma = regress::Regex::with_flags(pattern, "u").map_err(|e| e.to_string());
    let mut reasons = Vec::new();
    for dialect in [Dialect::Unicode, Dialect::AnnexB, Dialect::Java] {
        if dialect == Dialect::Unicode {
            if let Err(e) = &ecma {
                reasons.push(format!("not ECMA 262 in Unicode mode ({e})"));
                continue;
            }
        }
        match translate(pattern, dialect) {
            Ok((source, engine)) => {
                return Decision::Enforced {
                    dialect,
                    source,
                    engine,
                }
            }
            Err(e) => reasons.push(format!("{} ({e})", dialect_name(dialect))),
        }
    }
    reasons.dedup();
    Decision::NotEnforced(reasons.join("; "))
}

fn dialect_name(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Unicode => "ECMA 262 (Unicode mode)",
        Dialect::AnnexB => "not ECMA 262 Annex B as Java reads it",
        Dialect::Java => "not translated from java.util.regex",
    }
}

/// `pattern` read in `dialect` and printed for its engine, checked to compile there as
/// the runtime compiles it.
fn translate(pattern: &str, dialect: Dialect) -> Result<(String, Engine), String> {
    let parsed = parse::parse(pattern, dialect).map_err(|e| e.to_string())?;
    if parsed.needs_backtracking {
        let source = print::print(&parsed.node, true);
        fancy_regex::Regex::new(&source).map_err(|e| format!("`{source}`: {e}"))?;
        Ok((source, Engine::Backtracking))
    } else {
        let source = print::print(&parsed.node, false);
        regex::RegexBuilder::new(&source)
            .size_limit(SIZE_LIMIT)
            .build()
            .map_err(|e| format!("`{source}`: {e}"))?;
        Ok((source, Engine::Linear))
    }
}

#[cfg(test)]
mod tests;

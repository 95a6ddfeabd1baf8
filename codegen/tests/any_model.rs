//! Property: every valid Smithy model generates a crate that compiles clean.
//!
//! A small seeded generator (splitmix64; no proptest: it is not in the offline registry
//! and shrinking a whole model buys little over a printed seed and model) writes random
//! *valid* Smithy IDL 2.0 services. Each service gets its own namespace and seed, so a
//! failing one is reproduced alone. Two tests:
//!
//! - [`every_model_loads_and_generates`]: `ANY_MODEL_GEN_CASES` (default 500) one-service
//!   models, each loaded (`codegen::model::load_sources`) and generated
//!   (`codegen::generate_crate`, which also parses every emitted file): no panic, no
//!   error. Fast; no compiling.
//! - [`every_model_compiles_clean`]: `ANY_MODEL_CASES` (default 8) services in ONE model,
//!   generated into one crate (`target/any_model/crate`, rewritten each run, kept on
//!   failure) and checked once with `cargo clippy --offline --all-features -- -D
//!   warnings` (restJson1 codecs included), with `CARGO_TARGET_DIR=target/any_model/target`
//!   so dependencies are built once and reused. Two runs at once in one worktree would
//!   share that crate directory. A hand-written model of past bugs ([`REGRESSIONS`]) is always compiled too.
//!   `ANY_MODEL_FILES=a.smithy:b.smithy` (relative to the workspace root) compiles those
//!   files instead.
//!
//! `ANY_MODEL_SEED` (decimal or `0x` hex) picks the base seed; without it the seed is
//! fixed, so `cargo test` is deterministic; `ANY_MODEL_SEED=random` takes one from the
//! clock. A failure prints the seeds, the failing services, and the paths of the model
//! files (one per service, named by index and seed) written under
//! `target/any_model/failures/`. `cargo test -p codegen --test any_model print_model --
//! --ignored --nocapture` prints one service (`ANY_MODEL_INDEX`).
//!
//! What the generator covers, all within the spec's rules (cited in the code): every
//! simple type as prelude and as local shapes with constraint traits (`@length`,
//! `@range`, `@pattern` from a list regex-lite accepts) and root `@default`s repeated by
//! members; enums and intEnums with odd values (blank, punctuation, digits first,
//! non-ASCII, escapes; member names equal after casing); legacy `@enum` strings; lists and
//! maps nested several levels, `@sparse`; structures and unions recursing directly,
//! through collections and mutually (required members only on forward edges, a union's
//! first member never recursive, spec aggregate-types.rst "Recursive shape
//! definitions"); `@required`, `@default` (values fitting the target and its
//! constraints), `@clientOptional`, `@jsonName` (unique wire names), `@timestampFormat`,
//! `@idempotencyToken`, `@sensitive`, `@deprecated`, documentation with Markdown/HTML
//! debris, quotes, backslashes and non-ASCII; `@restJson1` services whose operations are
//! `@http`-bound with unique URIs (a distinct first literal segment each), required
//! `@httpLabel`s (greedy ones on strings), `@httpQuery`/`@httpHeader` on scalars and
//! lists, `@httpQueryParams`, `@httpPrefixHeaders`, `@httpPayload`,
//! `@httpResponseCode`; errors with `@error`, `@httpError`, `@retryable`; names from a
//! hostile alphabet (Rust keywords and prelude names, names equal once cased, services
//! named like cargo features and crates the generated code uses).
//!
//! Known gaps: valid models the generator does not handle yet, kept out of the
//! generator's space on purpose (each excluded where the code says "Known gaps"):
//!
//! - Shapes of one service whose *Rust type names* meet once cased (`Foo_Bar` and
//!   `FooBar`, both valid since they differ case-insensitively) get a service `rename`:
//!   the generator reports such a conflict as an error by design (`naming.rs`, "Model
//!   shapes whose type names collide are an error instead"). An operation that meets a
//!   type is numbered (types claim names first).
//! - A `bigInteger` `@default` beyond `i64` (`12345678901234567890`) loads as a float
//!   and is then rejected ("not a valid value"): the IDL reader keeps numbers as
//!   `serde_json::Number` without arbitrary precision.
//! - Documentation with a Markdown lazy continuation (a list item or block quote
//!   followed by an unmarked line, `- a\nb`) or an over-indented one (`* a\n    b`) is
//!   copied as it is and fails clippy's `doc_lazy_continuation` or
//!   `doc_overindented_list_items`; the generator joins such pieces with blank lines.
//! - Shapes named like a prelude trait (`error`, `http`, …) capture the IDL's relative
//!   trait references (`@error` → `ns#error`), which makes the model invalid; the loader
//!   accepts it and lowering then fails, so the generator never uses those names.
//! - No resources, mixins, `apply`, streaming, event streams, `@paginated`, endpoint
//!   traits, or protocols other than restJson1.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use codegen::model::{is_identifier, prelude, ShapeType};
use codegen::naming;

// ---------------------------------------------------------------------------------------
// Random numbers

/// splitmix64: tiny, seedable, good enough to pick model features.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The seed of the `index`-th service of a run with base seed `base`.
fn service_seed(base: u64, index: usize) -> u64 {
    Rng(base ^ (index as u64).wrapping_mul(0xA24B_AED4_963E_E407)).next()
}

// ---------------------------------------------------------------------------------------
// Alphabets

/// Shape name words: Rust prelude and generator names among ordinary ones.
const WORDS: &[&str] = &[
    "Foo",
    "Bar",
    "Baz",
    "Option",
    "Result",
    "String",
    "Box",
    "Unhandled",
    "Unknown",
    "Self",
    "Vec",
    "Default",
    "Error",
    "Input",
    "Output",
    "Value",
    "Type",
    "ACRONYM",
    "Id",
    "URL",
    "Http",
    "Some",
    "None",
    "Ok",
    "Err",
    "Clone",
    "Send",
    "Map",
    "Rt",
    "Fn",
    "Debug",
    "Operation",
];

/// Member names: keywords, generator vocabulary, names equal once cased.
const MEMBER_NAMES: &[&str] = &[
    "type",
    "self",
    "Self",
    "crate",
    "async",
    "await",
    "super",
    "fn",
    "match",
    "message",
    "Message",
    "value",
    "key",
    "new",
    "default",
    "builder",
    "validate",
    "unknown",
    "Unknown",
    "fooBar",
    "FooBar",
    "foo_bar",
    "FOO__BAR",
    "fooBar_",
    "_foo",
    "__bar",
    "x1",
    "_1st",
    "a",
    "code",
    "status",
    "error",
    "body",
    "none",
    "Some",
    "ok",
    "into",
    "from",
    "clone",
    "result",
    "option",
    "string",
    "box",
    "items",
    "nextToken",
    "as",
    "ref",
    "mut",
    "loop",
    "dyn",
    "impl",
    "gen",
    "try",
    "union",
    "macro_rules",
    "static",
    "Unhandled",
    "headers",
    "uri",
    "method",
    "r",
    "v",
    "f",
    "input",
    "output",
    "Default",
    "de",
    "serializer",
    "__type",
    "raw",
    "safe",
];

/// Enum member names: equal once cased, generator variant names, keywords.
const ENUM_MEMBER_NAMES: &[&str] = &[
    "FOO_BAR",
    "FooBar",
    "FOO__BAR",
    "_FOO_BAR",
    "UNKNOWN",
    "Unknown",
    "Unhandled",
    "SELF",
    "TYPE",
    "A",
    "a1",
    "_1080P",
    "_1",
    "V1",
    "NONE",
    "Some",
    "DEFAULT",
    "X",
    "ACRONYM_Inside",
    "Acronym_INSIDE",
];

/// Enum values: blank-ish, punctuation, digits first, non-ASCII, escapes, equal once cased.
const ENUM_VALUES: &[&str] = &[
    " ",
    "-",
    "_",
    "a b",
    "1080p",
    "ÄÖü",
    "\"q\"",
    "back\\slash",
    "UNKNOWN",
    "Unknown",
    "unknown",
    "$",
    "${x}",
    "{}",
    "\t",
    "a-b",
    "a_b",
    "A_B",
    "aB",
    "Ab",
    "😀",
    "xxx",
    "#",
    "\"#",
    "0",
    "Self",
    "None",
];

const INT_ENUM_VALUES: &[i64] = &[0, 1, -1, 7, 42, -100, 2_147_483_647, -2_147_483_648];

/// Documentation fragments: Markdown and HTML debris, quotes, escapes, non-ASCII.
const DOC_PIECES: &[&str] = &[
    "Plain text.",
    "`code`",
    "an `unclosed backtick",
    "<p>para</p>",
    "<b>bold",
    "</i>",
    "<a href=\"https://x.y/?a=1&b=2\">link</a>",
    "&amp; &lt; &gt; &nbsp;",
    "[link]",
    "[ref]: http://x.example",
    "* item",
    "- item\n  continuation",
    "# Heading",
    "```",
    "```rust\nlet x = 1;",
    "{}",
    "{{var}}",
    "*/",
    "/*",
    "\\",
    "\"",
    "'",
    "ünïcödé ✓",
    "😀",
    "\u{200b}zero width",
    "\ttab",
    "trailing space ",
    "http://bare.example/url",
    "<https://auto.example>",
    "1. one\n2. two",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "> quote",
    "    indented code",
    "#[attr]",
    "///",
    "//!",
    "r#\"raw\"#",
    "<ul><li>one</li><li>two",
    "<code>x < y</code>",
    "_under_ and *star*",
    "line\n\n\nafter blank lines",
    "<br/>",
    "\\n literally",
    "~~~",
    "$x",
];

/// `@pattern`s regex-lite accepts, each with strings it matches (`@default` candidates).
const PATTERNS: &[(&str, &[&str])] = &[
    ("^[a-z][a-z0-9-]*$", &["abc", "a-1"]),
    ("^[^@]+@[^@]+$", &["a@b"]),
    ("^\\d{3}$", &["123"]),
    ("[A-Z]+", &["ABC", "xYz"]),
    ("^(foo|bar)$", &["foo", "bar"]),
    ("^.{1,5}$", &["x", "ab cd"]),
    ("^\\w+$", &["a_1"]),
    ("^\"q\"$", &["\"q\""]),
    ("^\\\\$", &["\\"]),
    ("[{}]", &["{", "a}"]),
    ("^a\"#b$", &["a\"#b"]),
    ("^[\\s\\S]*$", &["", "any thing"]),
    ("^\\S+$", &["x"]),
    ("^$|^ok$", &["", "ok"]),
    ("\\.", &["a.b"]),
    ("^[a-zA-Z0-9!@#$%^&*()_+=-]*$", &["x!", ""]),
    ("^[^\\n]*$", &["line"]),
    ("^[a-z]{2,}(-[a-z]+)*$", &["ab-cd"]),
    // ECMA 262 only: look-around, Unicode properties, `\u` escapes (AWS TagKey style).
    (
        "^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$",
        &["team", "Größe 1"],
    ),
    ("^(?:(?<=a)b|[^b])*$", &["ab", "x"]),
    ("^\\u0041+$", &["AA"]),
];

/// Odd strings for `@default`s of unconstrained strings.
const ODD_STRINGS: &[&str] = &["", "x", "\"", "\\", "\n", "{}", "😀", "a b", "#", "\"#"];

/// Service names: cargo features and crates the generated crate uses, keywords.
const SERVICE_NAMES: &[&str] = &[
    "Default",
    "Http",
    "Runtime",
    "Std",
    "Core",
    "Alloc",
    "Serde",
    "SerdeJson",
    "Time",
    "Uuid",
    "Base64",
    "RegexLite",
    "PercentEncoding",
    "Client",
    "Server",
    "Crate",
    "Self",
    "Super",
    "Type",
    "Async",
    "Option",
    "Tests",
    "Build",
    "Rt",
    "Service",
    "Svc",
    "ACRONYMService",
];

/// Operation names: equal once cased, prelude and generator names.
const OPERATION_NAMES: &[&str] = &[
    "ACRONYMInside_Op",
    "ACRONYM_InsideOp",
    "GetFoo",
    "get_foo",
    "Option",
    "Result",
    "Send",
    "Default",
    "Unhandled",
    "Unknown",
    "Self",
    "Type",
    "Operation",
    "Reply",
    "Ping",
    "_Ping",
    "PING_",
    "Do",
    "Fn",
    "Into",
];

// ---------------------------------------------------------------------------------------
// Model pieces

/// One of the 13 simple shape types (the rest of [`ShapeType`] never appears as one).
type Simple = ShapeType;

const SIMPLES: [Simple; 13] = [
    Simple::Blob,
    Simple::Boolean,
    Simple::String,
    Simple::Byte,
    Simple::Short,
    Simple::Integer,
    Simple::Long,
    Simple::Float,
    Simple::Double,
    Simple::BigInteger,
    Simple::BigDecimal,
    Simple::Timestamp,
    Simple::Document,
];

/// The prelude shape of a simple type (`smithy.api#BigInteger`).
fn prelude_name(simple: Simple) -> String {
    let keyword = simple.as_str();
    keyword[..1].to_ascii_uppercase() + &keyword[1..]
}

/// Integral bounds of byte, short, integer, long.
fn int_bounds(simple: Simple) -> Option<(i64, i64)> {
    match simple {
        Simple::Byte => Some((i8::MIN.into(), i8::MAX.into())),
        Simple::Short => Some((i16::MIN.into(), i16::MAX.into())),
        Simple::Integer => Some((i32::MIN.into(), i32::MAX.into())),
        Simple::Long => Some((i64::MIN, i64::MAX)),
        _ => None,
    }
}

fn is_number(simple: Simple) -> bool {
    matches!(
        simple,
        Simple::Byte
            | Simple::Short
            | Simple::Integer
            | Simple::Long
            | Simple::Float
            | Simple::Double
            | Simple::BigInteger
            | Simple::BigDecimal
    )
}

/// boolean, number, string or timestamp: what labels, headers and query bind (spec
/// http-bindings.rst, trait selectors).
fn is_http_scalar(simple: Simple) -> bool {
    !matches!(simple, Simple::Blob | Simple::Document)
}

/// What a member targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Prelude(Simple),
    Unit,
    Local(usize),
}

/// Constraint traits of a simple shape or member, as the default generator needs them.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Constraints {
    length: Option<(Option<u64>, Option<u64>)>,
    /// Integral range bounds (numbers), or for floats the bounds scaled by 1 (whole).
    range: Option<(Option<i64>, Option<i64>)>,
    pattern: Option<usize>,
}

#[derive(Debug, Clone)]
enum Kind {
    Simple {
        simple: Simple,
        constraints: Constraints,
        /// A root `@default` members must repeat (spec type-refinement-traits.rst).
        root_default: Option<String>,
    },
    Enum {
        values: Vec<String>,
    },
    IntEnum {
        values: Vec<i64>,
    },
    LegacyEnum {
        values: Vec<String>,
    },
    List {
        length: Option<(Option<u64>, Option<u64>)>,
        root_default: bool,
    },
    Map {
        length: Option<(Option<u64>, Option<u64>)>,
        root_default: bool,
    },
    /// A structure: `rank` orders aggregates for recursion (see [`Svc::required_ok`]).
    Structure {
        rank: usize,
    },
    Union {
        rank: usize,
    },
    /// `@input`/`@output` structures and errors: targeted by no member.
    Top,
}

#[derive(Debug, Clone)]
struct Shape {
    name: String,
    kind: Kind,
    /// The full IDL text, once written.
    text: String,
}

/// One member, as IDL text: its traits, then `name: Target` and any `= default`.
struct Member {
    text: String,
}

/// Names already used by one structure, union or enum.
#[derive(Default)]
struct MemberScope {
    /// Lower-cased member names (spec json-ast.rst: case-insensitively unique).
    names: BTreeSet<String>,
    /// JSON names on the wire (member name or `@jsonName`).
    wire: BTreeSet<String>,
    /// HTTP header names, lower-cased; query keys.
    headers: BTreeSet<String>,
    query: BTreeSet<String>,
}

// ---------------------------------------------------------------------------------------
// Text helpers

/// An IDL string literal.
fn q(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether a Markdown list item or block quote is followed by an unmarked text line (a
/// "lazy continuation", which clippy's `doc_lazy_continuation` rejects) or a list item by
/// a line indented past its content (`doc_overindented_list_items`).
fn has_lazy_continuation(text: &str) -> bool {
    // The content indent of a list item line (`- `, `* `, `1. `), if it is one.
    let item_indent = |l: &str| {
        let lead = l.len() - l.trim_start().len();
        let l = l.trim_start();
        if l.starts_with("- ") || l.starts_with("* ") {
            return Some(lead + 2);
        }
        let (n, _) = l.split_once(". ")?;
        (!n.is_empty() && n.chars().all(|c| c.is_ascii_digit())).then(|| lead + n.len() + 2)
    };
    // Inside a list item or block quote until a blank line; there a line indented other
    // than the item's content (without `>` in a quote) is flagged.
    let (mut item, mut in_quote) = (None, false);
    for line in text.lines() {
        let lead = line.len() - line.trim_start().len();
        if line.trim().is_empty() {
            (item, in_quote) = (None, false);
        } else if line.trim_start().starts_with('>') {
            in_quote = true;
        } else if let Some(indent) = item_indent(line) {
            item = Some(indent);
        } else if in_quote || item.is_some_and(|indent| lead != indent) {
            return true;
        }
    }
    false
}

fn indent(text: &str, by: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{by}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------------------------------
// One service

/// Builds one service in its own namespace.
struct Svc {
    rng: Rng,
    ns: String,
    shapes: Vec<Shape>,
    /// Lower-cased names of every shape of the closure.
    names_ci: BTreeSet<String>,
    /// Rust type names taken: by a type (its shape name) or by operations (`None`;
    /// operations meeting once cased are numbered by the generator).
    rust_types: BTreeMap<String, Option<String>>,
    /// Service `rename`s: shape name → name in the service.
    renames: BTreeMap<String, String>,
    /// Prelude shapes this service shadows case-insensitively, so never targets.
    shadowed: BTreeSet<Simple>,
    /// Aggregates (structures and unions) declared so far, by rank.
    aggregates: Vec<usize>,
    errors: Vec<usize>,
    operations: Vec<String>,
    operation_names: Vec<String>,
    /// Set once members are being written: new names may no longer shadow the prelude.
    filling: bool,
}

impl Svc {
    fn new(seed: u64, index: usize) -> Self {
        let mut rng = Rng(seed);
        let segment = *rng.pick(&["type", "self", "crate", "a", "std", "Option"]);
        Svc {
            ns: format!("any{index}.{segment}.s{seed:x}"),
            rng,
            shapes: Vec::new(),
            names_ci: BTreeSet::new(),
            rust_types: BTreeMap::new(),
            renames: BTreeMap::new(),
            shadowed: BTreeSet::new(),
            aggregates: Vec::new(),
            errors: Vec::new(),
            operations: Vec::new(),
            operation_names: Vec::new(),
            filling: false,
        }
    }

    /// Claims `name` for a shape of the closure if it is free case-insensitively; a
    /// prelude name is taken only before members are written (the prelude shape is then
    /// never targeted).
    fn claim(&mut self, name: &str) -> bool {
        if !is_identifier(name) || self.names_ci.contains(&name.to_ascii_lowercase()) {
            return false;
        }
        // A simple prelude shape this service's closure holds when targeted (spec
        // service-types.rst "Service closure": names unique case-insensitively).
        let simple = SIMPLES
            .iter()
            .find(|s| prelude_name(**s).eq_ignore_ascii_case(name));
        match simple {
            Some(simple) if !self.filling => {
                self.shadowed.insert(*simple);
            }
            // Other prelude names (traits: `error`, `http`, …) would capture the relative
            // trait references `@name` written in this namespace (spec idl.rst "Relative
            // shape ID resolution"), making the model invalid; `Unit` is in closures.
            _ if simple.is_some()
                || prelude::contains(name)
                || name.eq_ignore_ascii_case("Unit") =>
            {
                return false
            }
            _ => {}
        }
        self.names_ci.insert(name.to_ascii_lowercase());
        true
    }

    /// Claims `name` for a shape that gets a Rust type; one whose Rust name is taken gets
    /// a service `rename` (see the module docs, "Known gaps").
    fn claim_typed(&mut self, name: &str) -> bool {
        if !self.claim(name) {
            return false;
        }
        let rust = naming::type_name(name).to_string();
        match self.rust_types.entry(rust) {
            std::collections::btree_map::Entry::Vacant(e) => {
                e.insert(Some(name.to_owned()));
            }
            std::collections::btree_map::Entry::Occupied(_) => self.rename(name),
        }
        true
    }

    /// Claims an operation name; a type whose Rust name it takes gets a `rename`.
    fn claim_operation(&mut self, name: &str) -> bool {
        if !self.claim(name) {
            return false;
        }
        let rust = naming::type_name(name).to_string();
        if let Some(Some(shape)) = self.rust_types.insert(rust, None) {
            self.rename(&shape);
        }
        true
    }

    /// Gives the type shape `shape` a service `rename` whose Rust name is free.
    fn rename(&mut self, shape: &str) {
        for n in 2.. {
            let renamed = format!("{shape}Renamed{n}");
            let rust = naming::type_name(&renamed).to_string();
            if !self.rust_types.contains_key(&rust) && self.claim(&renamed) {
                self.rust_types.insert(rust, Some(shape.to_owned()));
                self.renames.insert(shape.to_owned(), renamed);
                return;
            }
        }
    }

    /// A fresh shape name from [`WORDS`].
    fn word_name(&mut self, typed: bool) -> String {
        loop {
            let words = self.rng.range(1, 2);
            let sep = if self.rng.chance(20) { "_" } else { "" };
            let mut parts = Vec::new();
            for _ in 0..words {
                parts.push(self.rng.pick(WORDS).to_string());
            }
            let mut name = parts.join(sep);
            match self.rng.below(8) {
                0 => name = name.to_ascii_uppercase(),
                1 => name = format!("{}{}", name[..1].to_ascii_lowercase(), &name[1..]),
                2 => name = format!("_{name}"),
                _ => {}
            }
            if self.rng.chance(25) {
                name.push_str(&self.rng.below(10).to_string());
            }
            let ok = if typed {
                self.claim_typed(&name)
            } else {
                self.claim(&name)
            };
            if ok {
                return name;
            }
        }
    }

    fn push(&mut self, name: String, kind: Kind, text: String) -> usize {
        self.shapes.push(Shape { name, kind, text });
        self.shapes.len() - 1
    }

    fn target_name(&self, target: Target) -> String {
        match target {
            Target::Prelude(s) => format!("smithy.api#{}", prelude_name(s)),
            Target::Unit => "smithy.api#Unit".to_owned(),
            Target::Local(i) => self.shapes[i].name.clone(),
        }
    }

    // ---- traits shared by shapes and members ----

    fn doc(&mut self) -> String {
        let pieces = self.rng.range(1, 4);
        let mut text = Vec::new();
        for _ in 0..pieces {
            text.push(*self.rng.pick(DOC_PIECES));
        }
        let sep = *self.rng.pick(&[" ", "\n", "\n\n"]);
        let mut joined = text.join(sep);
        if has_lazy_continuation(&joined) {
            // See the module docs, "Known gaps".
            joined = text.join("\n\n");
        }
        let text = joined;
        if self.rng.chance(50) {
            text.lines()
                .map(|l| format!("/// {l}\n"))
                .collect::<String>()
        } else {
            format!("@documentation({})\n", q(&text))
        }
    }

    /// Documentation, `@deprecated` and `@sensitive` (`sensitive` where allowed).
    fn common_traits(&mut self, sensitive: bool) -> String {
        let mut out = String::new();
        if self.rng.chance(30) {
            out.push_str(&self.doc());
        }
        if self.rng.chance(8) {
            out.push_str(match self.rng.below(3) {
                0 => "@deprecated\n",
                1 => "@deprecated(message: \"use \\\"other\\\" `x` instead\", since: \"1.0\")\n",
                _ => "@deprecated(since: \"2020\")\n",
            });
        }
        if sensitive && self.rng.chance(8) {
            out.push_str("@sensitive\n");
        }
        out
    }

    // ---- constraints and defaults ----

    fn length(&mut self, around: Option<u64>) -> (Option<u64>, Option<u64>) {
        let (lo, hi) = match around {
            Some(n) => (
                self.rng.range(0, n as usize) as u64,
                n + self.rng.below(5) as u64,
            ),
            None => {
                let lo = self.rng.range(0, 3) as u64;
                (lo, lo + self.rng.below(10) as u64)
            }
        };
        match self.rng.below(3) {
            0 => (Some(lo), None),
            1 => (None, Some(hi.max(1))),
            _ => (Some(lo), Some(hi.max(lo).max(1))),
        }
    }

    fn length_trait(l: (Option<u64>, Option<u64>)) -> String {
        match l {
            (Some(lo), Some(hi)) => format!("@length(min: {lo}, max: {hi})\n"),
            (Some(lo), None) => format!("@length(min: {lo})\n"),
            (None, Some(hi)) => format!("@length(max: {hi})\n"),
            (None, None) => "@length\n".to_owned(),
        }
    }

    fn range(&mut self, simple: Simple) -> (Option<i64>, Option<i64>) {
        let (tmin, tmax) = int_bounds(simple).unwrap_or((-1_000_000, 1_000_000));
        let pick = |rng: &mut Rng| -> i64 {
            match rng.below(5) {
                0 => tmin,
                1 => tmax,
                2 => 0,
                _ => rng.range(0, 200) as i64 - 100,
            }
        };
        let (a, b) = (pick(&mut self.rng), pick(&mut self.rng));
        let (lo, hi) = (a.min(b), a.max(b));
        match self.rng.below(3) {
            0 => (Some(lo), None),
            1 => (None, Some(hi)),
            _ => (Some(lo), Some(hi)),
        }
    }

    fn range_trait(r: (Option<i64>, Option<i64>), simple: Simple) -> String {
        // Non-integral types get decimal bounds (`-3.0`), which must still parse.
        let fmt = |n: i64| {
            if int_bounds(simple).is_some() || simple == Simple::BigInteger {
                n.to_string()
            } else {
                format!("{n}.0")
            }
        };
        match r {
            (Some(lo), Some(hi)) => format!("@range(min: {}, max: {})\n", fmt(lo), fmt(hi)),
            (Some(lo), None) => format!("@range(min: {})\n", fmt(lo)),
            (None, Some(hi)) => format!("@range(max: {})\n", fmt(hi)),
            (None, None) => "@range\n".to_owned(),
        }
    }

    /// Random constraint traits for a simple shape or member (`Constraints` + text).
    fn constraints(&mut self, simple: Simple) -> (Constraints, String) {
        let mut c = Constraints::default();
        let mut text = String::new();
        match simple {
            Simple::String => {
                if self.rng.chance(40) {
                    let p = self.rng.below(PATTERNS.len());
                    c.pattern = Some(p);
                    text.push_str(&format!("@pattern({})\n", q(PATTERNS[p].0)));
                }
                if self.rng.chance(40) {
                    let around = c.pattern.map(|p| PATTERNS[p].1[0].chars().count() as u64);
                    let l = self.length(around);
                    c.length = Some(l);
                    text.push_str(&Self::length_trait(l));
                }
            }
            Simple::Blob if self.rng.chance(40) => {
                let l = self.length(None);
                c.length = Some(l);
                text.push_str(&Self::length_trait(l));
            }
            s if is_number(s) && self.rng.chance(50) => {
                let r = self.range(s);
                c.range = Some(r);
                text.push_str(&Self::range_trait(r, s));
            }
            _ => {}
        }
        (c, text)
    }

    /// A `@default` node for `simple` that satisfies `c`, if one is found.
    fn simple_default(&mut self, simple: Simple, c: &Constraints) -> Option<String> {
        let fits_len = |n: u64| match c.length {
            None => true,
            Some((lo, hi)) => lo.is_none_or(|lo| n >= lo) && hi.is_none_or(|hi| n <= hi),
        };
        Some(match simple {
            Simple::Boolean => self.rng.pick(&["true", "false"]).to_string(),
            Simple::String => {
                let candidates: Vec<&str> = match c.pattern {
                    Some(p) => PATTERNS[p].1.to_vec(),
                    None => ODD_STRINGS.to_vec(),
                };
                let fitting: Vec<&str> = candidates
                    .into_iter()
                    .filter(|s| fits_len(s.chars().count() as u64))
                    .collect();
                if fitting.is_empty() {
                    return None;
                }
                q(self.rng.pick::<&str>(&fitting))
            }
            Simple::Blob => {
                let options: &[(&str, u64)] = &[("", 0), ("aGVsbG8=", 5), ("AA==", 1)];
                let fitting: Vec<&(&str, u64)> =
                    options.iter().filter(|(_, n)| fits_len(*n)).collect();
                if fitting.is_empty() {
                    return None;
                }
                q(self.rng.pick(&fitting).0)
            }
            Simple::Byte | Simple::Short | Simple::Integer | Simple::Long => {
                let (tmin, tmax) = int_bounds(simple).unwrap_or_default();
                let (lo, hi) = c.range.unwrap_or((None, None));
                let (lo, hi) = (lo.unwrap_or(tmin).max(tmin), hi.unwrap_or(tmax).min(tmax));
                if lo > hi {
                    return None;
                }
                let v = match self.rng.below(4) {
                    0 => lo,
                    1 => hi,
                    _ if (lo..=hi).contains(&0) => 0,
                    _ => lo,
                };
                v.to_string()
            }
            Simple::BigInteger => {
                let (lo, hi) = c.range.unwrap_or((None, None));
                match (lo, hi) {
                    // Not beyond i64: see the module docs, "Known gaps".
                    (None, None) => self.rng.pick(&["0", "1234567890123", "-7"]).to_string(),
                    (Some(lo), _) => lo.to_string(),
                    (None, Some(hi)) => hi.to_string(),
                }
            }
            Simple::Float | Simple::Double | Simple::BigDecimal => {
                let (lo, hi) = c.range.unwrap_or((None, None));
                match (lo, hi) {
                    (None, None) => self.rng.pick(&["0", "1.5", "-0.25", "1e3"]).to_string(),
                    (Some(lo), Some(hi)) if hi > lo => format!("{:.1}", lo as f64 + 0.5),
                    (Some(lo), _) => format!("{lo}.0"),
                    (None, Some(hi)) => format!("{hi}.0"),
                }
            }
            Simple::Timestamp => self
                .rng
                .pick(&["0", "1700000000", "1.5", "\"1985-04-12T23:20:50.52Z\""])
                .to_string(),
            Simple::Document => self
                .rng
                .pick(&["true", "false", "\"doc\"", "1.5", "[]", "{}", "0"])
                .to_string(),
            _ => return None,
        })
    }

    // ---- declarations ----

    /// A local simple shape, maybe with constraints and a root `@default`.
    fn local_simple(&mut self, simple: Simple, name: Option<String>) -> usize {
        let name = name.unwrap_or_else(|| self.word_name(false));
        let mut text = self.common_traits(true);
        let (constraints, ctext) = self.constraints(simple);
        text.push_str(&ctext);
        if simple == Simple::Timestamp && self.rng.chance(50) {
            let f = *self.rng.pick(&["date-time", "http-date", "epoch-seconds"]);
            text.push_str(&format!("@timestampFormat({})\n", q(f)));
        }
        let media = matches!(simple, Simple::Blob | Simple::String) && self.rng.chance(10);
        if media {
            text.push_str("@mediaType(\"application/x-odd+json; q=\\\"1\\\"\")\n");
        }
        let root_default = if self.rng.chance(12) {
            self.simple_default(simple, &constraints)
        } else {
            None
        };
        if let Some(d) = &root_default {
            text.push_str(&format!("@default({d})\n"));
        }
        text.push_str(&format!("{} {name}\n", simple.as_str()));
        self.push(
            name,
            Kind::Simple {
                simple,
                constraints,
                root_default,
            },
            text,
        )
    }

    fn enumeration(&mut self, name: String) -> usize {
        let mut text = self.common_traits(true);
        text.push_str(&format!("enum {name} {{\n"));
        let mut names = BTreeSet::new();
        let mut values: Vec<String> = Vec::new();
        for _ in 0..self.rng.range(1, 6) {
            let member = self.rng.pick(ENUM_MEMBER_NAMES).to_string();
            if !names.insert(member.to_ascii_lowercase()) {
                continue;
            }
            let explicit = self.rng.chance(60);
            let value = if explicit {
                self.rng.pick(ENUM_VALUES).to_string()
            } else {
                member.clone()
            };
            if values.contains(&value) {
                names.remove(&member.to_ascii_lowercase());
                continue;
            }
            let mut m = self.common_traits(false);
            m.push_str(&member);
            if explicit {
                m.push_str(&format!(" = {}", q(&value)));
            }
            text.push_str(&indent(&m, "    "));
            text.push('\n');
            values.push(value);
        }
        text.push_str("}\n");
        self.push(name, Kind::Enum { values }, text)
    }

    fn int_enumeration(&mut self, name: String) -> usize {
        let mut text = self.common_traits(true);
        text.push_str(&format!("intEnum {name} {{\n"));
        let mut names = BTreeSet::new();
        let mut values = Vec::new();
        for _ in 0..self.rng.range(1, 5) {
            let member = self.rng.pick(ENUM_MEMBER_NAMES).to_string();
            let value = *self.rng.pick(INT_ENUM_VALUES);
            if values.contains(&value) || !names.insert(member.to_ascii_lowercase()) {
                continue;
            }
            let mut m = self.common_traits(false);
            m.push_str(&format!("{member} = {value}"));
            text.push_str(&indent(&m, "    "));
            text.push('\n');
            values.push(value);
        }
        text.push_str("}\n");
        self.push(name, Kind::IntEnum { values }, text)
    }

    /// A string with the legacy `@enum` trait (all entries named, or none).
    fn legacy_enumeration(&mut self, name: String) -> usize {
        let named = self.rng.chance(50);
        let mut values: Vec<String> = Vec::new();
        let mut names = BTreeSet::new();
        let mut entries = Vec::new();
        for _ in 0..self.rng.range(1, 4) {
            let value = self.rng.pick(ENUM_VALUES).to_string();
            if values.contains(&value) {
                continue;
            }
            let mut entry = format!("{{ value: {}", q(&value));
            if named {
                let n = self
                    .rng
                    .pick(&["FOO_BAR", "FOO__BAR", "UNKNOWN", "SELF", "A", "_B1", "V1"])
                    .to_string();
                if !names.insert(n.clone()) {
                    continue;
                }
                entry.push_str(&format!(", name: {}", q(&n)));
            }
            if self.rng.chance(20) {
                entry.push_str(", documentation: \"odd <b>doc\"");
            }
            if self.rng.chance(10) {
                entry.push_str(", deprecated: true");
            }
            entry.push_str(" }");
            entries.push(entry);
            values.push(value);
        }
        let mut text = self.common_traits(true);
        text.push_str(&format!("@enum([{}])\nstring {name}\n", entries.join(", ")));
        self.push(name, Kind::LegacyEnum { values }, text)
    }

    // ---- collections ----

    /// A list of `member`; `@sparse` only if `sparse_ok` (see the module docs, "Known
    /// gaps").
    fn list(&mut self, member: Target, sparse_ok: bool) -> usize {
        let name = self.word_name(false);
        let mut text = self.common_traits(true);
        if sparse_ok && self.rng.chance(20) {
            text.push_str("@sparse\n");
        }
        let length = self.rng.chance(15).then(|| self.length(None));
        if let Some(l) = length {
            text.push_str(&Self::length_trait(l));
        }
        let min_zero = length.is_none_or(|(lo, _)| lo.unwrap_or(0) == 0);
        let root_default = min_zero && self.rng.chance(10);
        if root_default {
            text.push_str("@default([])\n");
        }
        let mut member_traits = String::new();
        if self.is_timestamp(member) && self.rng.chance(40) {
            let f = *self.rng.pick(&["date-time", "http-date", "epoch-seconds"]);
            member_traits.push_str(&format!("@timestampFormat({}) ", q(f)));
        }
        text.push_str(&format!(
            "list {name} {{\n    {member_traits}member: {}\n}}\n",
            self.target_name(member)
        ));
        self.push(
            name,
            Kind::List {
                length,
                root_default,
            },
            text,
        )
    }

    /// A map; a root `@default({})` only if `default_ok`.
    fn map(&mut self, key: Target, value: Target, sparse: bool, default_ok: bool) -> usize {
        let name = self.word_name(false);
        let mut text = self.common_traits(true);
        if sparse {
            text.push_str("@sparse\n");
        }
        let length = self.rng.chance(15).then(|| self.length(None));
        if let Some(l) = length {
            text.push_str(&Self::length_trait(l));
        }
        let min_zero = length.is_none_or(|(lo, _)| lo.unwrap_or(0) == 0);
        let root_default = default_ok && min_zero && self.rng.chance(10);
        if root_default {
            text.push_str("@default({})\n");
        }
        text.push_str(&format!(
            "map {name} {{\n    key: {}\n    value: {}\n}}\n",
            self.target_name(key),
            self.target_name(value)
        ));
        self.push(
            name,
            Kind::Map {
                length,
                root_default,
            },
            text,
        )
    }

    fn is_timestamp(&self, t: Target) -> bool {
        self.simple_of(t) == Some(Simple::Timestamp)
    }

    /// The simple type of a prelude or local simple target.
    fn simple_of(&self, t: Target) -> Option<Simple> {
        match t {
            Target::Prelude(s) => Some(s),
            Target::Local(i) => match &self.shapes[i].kind {
                Kind::Simple { simple, .. } => Some(*simple),
                _ => None,
            },
            Target::Unit => None,
        }
    }

    // ---- picking targets ----

    /// A simple target of type `simple`: the prelude shape or a local one.
    fn simple_target(&mut self, simple: Simple) -> Target {
        let locals: Vec<usize> = (0..self.shapes.len())
            .filter(
                |i| matches!(&self.shapes[*i].kind, Kind::Simple { simple: s, .. } if *s == simple),
            )
            .collect();
        let prelude_ok = !self.shadowed.contains(&simple);
        if !locals.is_empty() && (!prelude_ok || self.rng.chance(50)) {
            return Target::Local(*self.rng.pick(&locals));
        }
        if prelude_ok {
            return Target::Prelude(simple);
        }
        Target::Local(self.local_simple(simple, None))
    }

    fn any_simple(&mut self) -> Target {
        let s = *self.rng.pick(&SIMPLES);
        self.simple_target(s)
    }

    fn shapes_where(&self, f: impl Fn(&Kind) -> bool) -> Vec<usize> {
        (0..self.shapes.len())
            .filter(|i| f(&self.shapes[*i].kind))
            .collect()
    }

    fn enum_target(&mut self) -> Option<Target> {
        let enums = self.shapes_where(|k| {
            matches!(
                k,
                Kind::Enum { .. } | Kind::IntEnum { .. } | Kind::LegacyEnum { .. }
            )
        });
        (!enums.is_empty()).then(|| Target::Local(*self.rng.pick(&enums)))
    }

    /// A string-like target for map keys: a string shape or an enum.
    fn key_target(&mut self) -> Target {
        if self.rng.chance(25) {
            let enums =
                self.shapes_where(|k| matches!(k, Kind::Enum { .. } | Kind::LegacyEnum { .. }));
            if !enums.is_empty() {
                return Target::Local(*self.rng.pick(&enums));
            }
        }
        self.simple_target(Simple::String)
    }

    /// Any target a structure member may have, collections nested up to `depth`.
    fn any_target(&mut self, depth: usize) -> Target {
        match self.rng.below(10) {
            0..=2 => self.any_simple(),
            3 => self.enum_target().unwrap_or_else(|| self.any_simple()),
            4..=5 if depth > 0 => self.collection(depth),
            _ => {
                if self.aggregates.is_empty() {
                    self.any_simple()
                } else {
                    Target::Local(*self.rng.pick(&self.aggregates.clone()))
                }
            }
        }
    }

    /// A list or map (new, or one already written), elements nested up to `depth - 1`.
    fn collection(&mut self, depth: usize) -> Target {
        let existing = self.shapes_where(|k| matches!(k, Kind::List { .. } | Kind::Map { .. }));
        if !existing.is_empty() && self.rng.chance(30) {
            return Target::Local(*self.rng.pick(&existing));
        }
        let element = self.any_target(depth - 1);
        if self.rng.chance(55) {
            Target::Local(self.list(element, true))
        } else {
            let key = self.key_target();
            let sparse = self.rng.chance(20);
            Target::Local(self.map(key, element, sparse, true))
        }
    }

    /// A target labels, headers and query strings bind: boolean, number, string,
    /// timestamp, or an enum (a string or integer).
    fn http_scalar(&mut self) -> Target {
        if self.rng.chance(20) {
            if let Some(t) = self.enum_target() {
                return t;
            }
        }
        loop {
            let s = *self.rng.pick(&SIMPLES);
            if is_http_scalar(s) {
                return self.simple_target(s);
            }
        }
    }

    /// A list of [`Self::http_scalar`]s, for list headers and query strings.
    fn http_scalar_list(&mut self) -> Target {
        let element = self.http_scalar();
        Target::Local(self.list(element, true))
    }

    // ---- members ----

    /// A member name free in `scope` (case-insensitively).
    fn member_name(&mut self, scope: &mut MemberScope) -> String {
        loop {
            let name = if self.rng.chance(85) {
                self.rng.pick(MEMBER_NAMES).to_string()
            } else {
                format!("m{}", self.rng.below(1000))
            };
            if !scope.names.contains(&name.to_ascii_lowercase()) && !scope.wire.contains(&name) {
                scope.names.insert(name.to_ascii_lowercase());
                return name;
            }
        }
    }

    /// The `@default` of a member targeting `target` (with member constraints `own`), or
    /// `None`. A root default must be repeated (or the member says `null`).
    fn member_default(&mut self, target: Target, own: Option<Constraints>) -> Option<String> {
        if let Some(root) = self.root_default(target) {
            return Some(if self.rng.chance(10) {
                "null".to_owned()
            } else {
                root
            });
        }
        if !self.rng.chance(25) {
            return None;
        }
        match target {
            Target::Prelude(s) => self.simple_default(s, &own.unwrap_or_default()),
            Target::Unit => None,
            Target::Local(i) => match self.shapes[i].kind.clone() {
                Kind::Simple {
                    simple,
                    constraints,
                    ..
                } => self.simple_default(simple, &own.unwrap_or(constraints)),
                Kind::Enum { values } | Kind::LegacyEnum { values } => {
                    Some(q(self.rng.pick::<String>(&values)))
                }
                Kind::IntEnum { values } => Some(self.rng.pick(&values).to_string()),
                Kind::List { length, .. } => {
                    let length = own.and_then(|c| c.length).or(length);
                    length
                        .is_none_or(|(lo, _)| lo.unwrap_or(0) == 0)
                        .then(|| "[]".to_owned())
                }
                Kind::Map { length, .. } => {
                    let length = own.and_then(|c| c.length).or(length);
                    length
                        .is_none_or(|(lo, _)| lo.unwrap_or(0) == 0)
                        .then(|| "{}".to_owned())
                }
                Kind::Structure { .. } | Kind::Union { .. } | Kind::Top => None,
            },
        }
    }

    fn root_default(&self, target: Target) -> Option<String> {
        let Target::Local(i) = target else {
            return None;
        };
        match &self.shapes[i].kind {
            Kind::Simple { root_default, .. } => root_default.clone(),
            Kind::List {
                root_default: true, ..
            } => Some("[]".to_owned()),
            Kind::Map {
                root_default: true, ..
            } => Some("{}".to_owned()),
            _ => None,
        }
    }

    /// Member-level constraint traits overriding the target's, where the target allows
    /// them and has no root default (whose repeated value must keep fitting).
    fn member_constraints(&mut self, target: Target) -> Option<(Constraints, String)> {
        if self.root_default(target).is_some() || !self.rng.chance(15) {
            return None;
        }
        let simple = self.simple_of(target)?;
        let (own, text) = self.constraints(simple);
        if text.is_empty() {
            return None;
        }
        // Traits the member does not set are inherited from the target.
        let inherited = match target {
            Target::Local(i) => match &self.shapes[i].kind {
                Kind::Simple { constraints, .. } => *constraints,
                _ => Constraints::default(),
            },
            _ => Constraints::default(),
        };
        let merged = Constraints {
            length: own.length.or(inherited.length),
            range: own.range.or(inherited.range),
            pattern: own.pattern.or(inherited.pattern),
        };
        Some((merged, text))
    }

    /// A member `name` of a structure or (`union`) union, with its traits: `@required`
    /// if `required`, the HTTP binding trait `binding` (or `""`), and random others that
    /// fit (`@jsonName`, `@timestampFormat`, constraints, `@default`, …).
    fn member(
        &mut self,
        scope: &mut MemberScope,
        name: String,
        target: Target,
        required: bool,
        binding: &str,
        union: bool,
    ) -> Member {
        let mut text = self.common_traits(false);
        text.push_str(binding);
        if !union && self.rng.chance(15) && binding.is_empty() {
            // A wire name no other member has.
            for _ in 0..4 {
                let j = self
                    .rng
                    .pick(&[
                        "x-y", "Type", "$ref", "a b", "\"q\"", "über", "w\\s", "0", "self",
                        "FooBar",
                    ])
                    .to_string();
                if !scope.wire.contains(&j) && !scope.names.contains(&j.to_ascii_lowercase()) {
                    text.push_str(&format!("@jsonName({})\n", q(&j)));
                    scope.wire.insert(j);
                    break;
                }
            }
        } else if union && self.rng.chance(15) {
            let j = format!("j_{name}");
            if !scope.wire.contains(&j) {
                text.push_str(&format!("@jsonName({})\n", q(&j)));
                scope.wire.insert(j);
            }
        }
        scope.wire.insert(name.clone());
        if self.is_timestamp(target) && self.rng.chance(40) {
            let f = *self.rng.pick(&["date-time", "http-date", "epoch-seconds"]);
            text.push_str(&format!("@timestampFormat({})\n", q(f)));
        }
        let own = if union {
            None
        } else {
            self.member_constraints(target)
        };
        if let Some((_, t)) = &own {
            text.push_str(t);
        }
        if required {
            text.push_str("@required\n");
        }
        let mut default = None;
        if !union {
            default = self.member_default(target, own.map(|(c, _)| c));
            if (required || default.is_some()) && self.rng.chance(15) {
                text.push_str("@clientOptional\n");
            }
            let token_ok = binding.is_empty()
                || binding.starts_with("@httpHeader")
                || binding.starts_with("@httpQuery(")
                || binding.contains("@httpLabel");
            if token_ok && self.simple_of(target) == Some(Simple::String) && self.rng.chance(10) {
                text.push_str("@idempotencyToken\n");
            }
        }
        text.push_str(&format!("{name}: {}", self.target_name(target)));
        if let Some(d) = default {
            text.push_str(&format!(" = {d}"));
        }
        Member { text }
    }

    /// Whether a structure member of the aggregate ranked `rank` targeting `target` may
    /// be `@required`: only forward edges between aggregates, so every cycle has an
    /// optional structure member or a union member.
    fn required_ok(&self, rank: Option<usize>, target: Target) -> bool {
        match (rank, target) {
            (Some(rank), Target::Local(i)) => match self.shapes[i].kind {
                Kind::Structure { rank: r } | Kind::Union { rank: r } => r > rank,
                _ => true,
            },
            _ => true,
        }
    }

    /// Ordinary (body) members of a structure.
    fn body_members(
        &mut self,
        scope: &mut MemberScope,
        rank: Option<usize>,
        count: usize,
    ) -> Vec<Member> {
        let mut out = Vec::new();
        for _ in 0..count {
            let name = self.member_name(scope);
            let target = self.any_target(3);
            let required = self.required_ok(rank, target) && self.rng.chance(30);
            out.push(self.member(scope, name, target, required, "", false));
        }
        out
    }

    fn structure_text(&mut self, head: &str, name: &str, members: &[Member]) -> String {
        let mut text = head.to_owned();
        text.push_str(&format!("structure {name} {{\n"));
        for m in members {
            text.push_str(&indent(&m.text, "    "));
            text.push('\n');
        }
        text.push_str("}\n");
        text
    }

    /// Writes the members of the aggregate `index`.
    fn fill_aggregate(&mut self, index: usize) {
        let name = self.shapes[index].name.clone();
        let mut scope = MemberScope::default();
        match self.shapes[index].kind.clone() {
            Kind::Structure { rank } => {
                let count = self.rng.range(0, 5);
                let members = self.body_members(&mut scope, Some(rank), count);
                let head = self.common_traits(true);
                self.shapes[index].text = self.structure_text(&head, &name, &members);
            }
            Kind::Union { .. } => {
                let mut members = Vec::new();
                for i in 0..self.rng.range(1, 4) {
                    let mname = self.member_name(&mut scope);
                    // The first member never recurses (spec: a union needs a path out).
                    let target = if i == 0 {
                        match self.rng.below(4) {
                            0 => Target::Unit,
                            1 => self.enum_target().unwrap_or(Target::Unit),
                            _ => self.any_simple(),
                        }
                    } else if self.rng.chance(15) {
                        Target::Unit
                    } else {
                        self.any_target(3)
                    };
                    members.push(self.member(&mut scope, mname, target, false, "", true));
                }
                let mut text = self.common_traits(true);
                text.push_str(&format!("union {name} {{\n"));
                for m in &members {
                    text.push_str(&indent(&m.text, "    "));
                    text.push('\n');
                }
                text.push_str("}\n");
                self.shapes[index].text = text;
            }
            _ => unreachable!(),
        }
    }

    // ---- errors ----

    fn error(&mut self) -> usize {
        let name = if self.rng.chance(30) {
            let n = self
                .rng
                .pick(&[
                    "Unhandled",
                    "Unknown",
                    "Error",
                    "ServiceError",
                    "Self",
                    "Option",
                ])
                .to_string();
            if self.claim_typed(&n) {
                n
            } else {
                self.word_name(true)
            }
        } else {
            self.word_name(true)
        };
        let index = self.push(name, Kind::Top, String::new());
        self.errors.push(index);
        index
    }

    fn fill_error(&mut self, index: usize) {
        let name = self.shapes[index].name.clone();
        let mut scope = MemberScope::default();
        let mut members = Vec::new();
        if self.rng.chance(70) {
            let m = *self.rng.pick(&["message", "Message"]);
            scope.names.insert(m.to_ascii_lowercase());
            let target = if self.rng.chance(85) {
                self.simple_target(Simple::String)
            } else {
                self.any_simple()
            };
            let required = self.rng.chance(30);
            members.push(self.member(&mut scope, m.to_owned(), target, required, "", false));
        }
        members.extend(self.output_bindings(&mut scope, false));
        let count = self.rng.range(0, 2);
        members.extend(self.body_members(&mut scope, None, count));
        let client = self.rng.chance(60);
        let mut head = self.common_traits(true);
        head.push_str(if client {
            "@error(\"client\")\n"
        } else {
            "@error(\"server\")\n"
        });
        if self.rng.chance(60) {
            let code = if client {
                *self.rng.pick(&[400, 403, 404, 409, 429, 499])
            } else {
                *self.rng.pick(&[500, 502, 503, 599])
            };
            head.push_str(&format!("@httpError({code})\n"));
        }
        match self.rng.below(4) {
            0 => head.push_str("@retryable\n"),
            1 => head.push_str("@retryable(throttling: true)\n"),
            _ => {}
        }
        self.shapes[index].text = self.structure_text(&head, &name, &members);
    }

    // ---- HTTP bindings ----

    fn header_name(&mut self, scope: &mut MemberScope, prefix: &str) -> String {
        loop {
            let name = match self.rng.below(4) {
                0 => format!("{prefix}-{}", self.rng.below(100)),
                1 => format!("x-lower-{}", self.rng.below(100)),
                2 => format!("X-Weird!#$%&'*+.^_`|~{}", self.rng.below(100)),
                _ => format!("{prefix}_Under{}", self.rng.below(100)),
            };
            if scope.headers.insert(name.to_ascii_lowercase()) {
                return name;
            }
        }
    }

    fn query_key(&mut self, scope: &mut MemberScope) -> String {
        loop {
            let key = match self.rng.below(4) {
                0 => format!("q{}", self.rng.below(100)),
                1 => format!("a b{}", self.rng.below(100)),
                2 => format!("ü&={}", self.rng.below(100)),
                _ => format!("Type{}", self.rng.below(100)),
            };
            if scope.query.insert(key.clone()) {
                return key;
            }
        }
    }

    /// An `@httpHeader` member on a scalar or a list of them, `@required` at `percent`.
    fn header_member(&mut self, scope: &mut MemberScope, prefix: &str, percent: u64) -> Member {
        let header = self.header_name(scope, prefix);
        let target = if self.rng.chance(25) {
            self.http_scalar_list()
        } else {
            self.http_scalar()
        };
        let name = self.member_name(scope);
        let required = self.rng.chance(percent);
        let binding = format!("@httpHeader({})\n", q(&header));
        self.member(scope, name, target, required, &binding, false)
    }

    /// Header, prefix-header and status-code members of an output or error.
    fn output_bindings(&mut self, scope: &mut MemberScope, output: bool) -> Vec<Member> {
        let mut out = Vec::new();
        for _ in 0..self.rng.range(0, 2) {
            out.push(self.header_member(scope, "X-O", 30));
        }
        if self.rng.chance(15) {
            out.push(self.prefix_headers(scope));
        }
        if output && self.rng.chance(20) {
            let name = self.member_name(scope);
            let target = self.simple_target(Simple::Integer);
            let required = self.rng.chance(30);
            out.push(self.member(scope, name, target, required, "@httpResponseCode\n", false));
        }
        out
    }

    fn prefix_headers(&mut self, scope: &mut MemberScope) -> Member {
        let key = self.simple_target(Simple::String);
        let value = self.simple_target(Simple::String);
        let map = Target::Local(self.map(key, value, false, false));
        let name = self.member_name(scope);
        self.member(
            scope,
            name,
            map,
            false,
            "@httpPrefixHeaders(\"X-Meta-\")\n",
            false,
        )
    }

    /// The payload member, targeting a structure, union, document, string, blob or enum.
    fn payload(&mut self, scope: &mut MemberScope) -> Member {
        let target = match self.rng.below(5) {
            0 => self.simple_target(Simple::Blob),
            1 => self.simple_target(Simple::String),
            2 => self.simple_target(Simple::Document),
            3 => {
                let enums =
                    self.shapes_where(|k| matches!(k, Kind::Enum { .. } | Kind::LegacyEnum { .. }));
                match enums.is_empty() {
                    true => self.simple_target(Simple::String),
                    false => Target::Local(*self.rng.pick(&enums)),
                }
            }
            _ => match self.aggregates.is_empty() {
                true => self.simple_target(Simple::Blob),
                false => Target::Local(*self.rng.pick(&self.aggregates.clone())),
            },
        };
        let target = match target {
            Target::Prelude(s) if self.shadowed.contains(&s) => self.simple_target(s),
            t => t,
        };
        let name = self.member_name(scope);
        let required = self.rng.chance(20);
        self.member(scope, name, target, required, "@httpPayload\n", false)
    }

    /// An operation input: labels (returned as URI segments), query, headers, payload or
    /// body members. `body` says whether anything travels in the body.
    fn input_members(&mut self, scope: &mut MemberScope) -> (Vec<Member>, Vec<String>, bool) {
        let mut members = Vec::new();
        let mut segments = Vec::new();
        let labels = self.rng.range(0, 2);
        for i in 0..labels {
            let name = self.member_name(scope);
            let target = self.http_scalar();
            let greedy = i + 1 == labels
                && self.simple_of(target) == Some(Simple::String)
                && self.rng.chance(30);
            segments.push(if greedy {
                format!("{{{name}+}}")
            } else {
                format!("{{{name}}}")
            });
            members.push(self.member(scope, name, target, true, "@httpLabel\n", false));
        }
        for _ in 0..self.rng.range(0, 2) {
            let key = self.query_key(scope);
            let target = if self.rng.chance(30) {
                self.http_scalar_list()
            } else {
                self.http_scalar()
            };
            let name = self.member_name(scope);
            let required = self.rng.chance(20);
            let binding = format!("@httpQuery({})\n", q(&key));
            members.push(self.member(scope, name, target, required, &binding, false));
        }
        if self.rng.chance(15) {
            let key = self.simple_target(Simple::String);
            let value = if self.rng.chance(50) {
                self.simple_target(Simple::String)
            } else {
                let s = self.simple_target(Simple::String);
                Target::Local(self.list(s, true))
            };
            let sparse = self.rng.chance(10);
            let map = Target::Local(self.map(key, value, sparse, false));
            let name = self.member_name(scope);
            members.push(self.member(scope, name, map, false, "@httpQueryParams\n", false));
        }
        for _ in 0..self.rng.range(0, 2) {
            members.push(self.header_member(scope, "X-I", 20));
        }
        if self.rng.chance(10) {
            members.push(self.prefix_headers(scope));
        }
        let body = if self.rng.chance(20) {
            members.push(self.payload(scope));
            true
        } else {
            let count = self.rng.range(0, 4);
            let body = self.body_members(scope, None, count);
            let any = !body.is_empty();
            members.extend(body);
            any
        };
        (members, segments, body)
    }

    /// An output: header, status-code, then payload or body members.
    fn output_members(&mut self, scope: &mut MemberScope) -> Vec<Member> {
        let mut members = self.output_bindings(scope, true);
        if self.rng.chance(20) {
            members.push(self.payload(scope));
        } else {
            let count = self.rng.range(0, 4);
            members.extend(self.body_members(scope, None, count));
        }
        members
    }

    // ---- operations ----

    fn operation_name(&mut self) -> String {
        loop {
            let name = if self.rng.chance(60) {
                self.rng.pick(OPERATION_NAMES).to_string()
            } else {
                self.word_name_untyped_candidate()
            };
            if self.claim_operation(&name) {
                return name;
            }
        }
    }

    /// A candidate from [`WORDS`] not yet claimed.
    fn word_name_untyped_candidate(&mut self) -> String {
        let a = *self.rng.pick(WORDS);
        let b = *self.rng.pick(WORDS);
        format!("{a}{b}Op")
    }

    /// An `@input`/`@output` structure or inline one; `None` for no input/output.
    fn io_shape(&mut self, op: &str, suffix: &str, members: &[Member]) -> (String, Option<usize>) {
        let key = if suffix == "Input" { "input" } else { "output" };
        let trait_line = if suffix == "Input" {
            "@input\n"
        } else {
            "@output\n"
        };
        let inline = format!("{op}{suffix}");
        if self.rng.chance(50) && self.claim_typed(&inline) {
            let mut text = format!("{key} := {{\n");
            for m in members {
                text.push_str(&indent(&m.text, "        "));
                text.push('\n');
            }
            text.push_str("    }");
            return (text, None);
        }
        let name = self.word_name(true);
        let head = format!("{}{trait_line}", self.common_traits(true));
        let text = self.structure_text(&head, &name, members);
        let index = self.push(name.clone(), Kind::Top, text);
        (format!("{key}: {name}"), Some(index))
    }

    fn operation(&mut self, name: String, number: usize) {
        let mut lines = Vec::new();
        let mut traits = self.common_traits(false);
        let http = self.rng.chance(92);

        // Input.
        let mut segments = Vec::new();
        let mut has_body = false;
        let structures = self.shapes_where(|k| matches!(k, Kind::Structure { .. }));
        if !structures.is_empty() && self.rng.chance(8) {
            // A structure other shapes target too, as the input (no bindings).
            let shared = self.shapes[*self.rng.pick(&structures)].name.clone();
            lines.push(format!("input: {shared}"));
            has_body = true;
        } else if self.rng.chance(80) {
            let mut scope = MemberScope::default();
            let (members, segs, body) = if http {
                self.input_members(&mut scope)
            } else {
                let count = self.rng.range(0, 4);
                (self.body_members(&mut scope, None, count), Vec::new(), true)
            };
            segments = segs;
            has_body = body;
            lines.push(self.io_shape(&name, "Input", &members).0);
        }
        // Output.
        if !structures.is_empty() && self.rng.chance(8) {
            let shared = self.shapes[*self.rng.pick(&structures)].name.clone();
            lines.push(format!("output: {shared}"));
        } else if self.rng.chance(75) {
            let mut scope = MemberScope::default();
            let members = if http {
                self.output_members(&mut scope)
            } else {
                let count = self.rng.range(0, 3);
                self.body_members(&mut scope, None, count)
            };
            lines.push(self.io_shape(&name, "Output", &members).0);
        }
        // Errors.
        if !self.errors.is_empty() && self.rng.chance(60) {
            let mut chosen = Vec::new();
            for _ in 0..self.rng.range(1, 3) {
                let e = self.shapes[*self.rng.pick(&self.errors.clone())]
                    .name
                    .clone();
                if !chosen.contains(&e) {
                    chosen.push(e);
                }
            }
            lines.push(format!("errors: [{}]", chosen.join(", ")));
        }
        if http {
            let method = if has_body {
                *self.rng.pick(&["POST", "PUT", "PATCH"])
            } else {
                *self.rng.pick(&["GET", "DELETE", "POST", "PUT", "PATCH"])
            };
            let literal = *self.rng.pick(&["o", "a-b_c.d~e", "Op", "x%20y"]);
            let mut uri = format!("/{literal}{number}");
            for (i, seg) in segments.iter().enumerate() {
                if i > 0 || self.rng.chance(50) {
                    uri.push_str("/lit");
                }
                uri.push('/');
                uri.push_str(seg);
            }
            if self.rng.chance(10) {
                uri.push_str("?flag&k=v");
            }
            let code = match self.rng.below(6) {
                0 => ", code: 201",
                1 => ", code: 202",
                _ => "",
            };
            traits.push_str(&format!(
                "@http(method: {}, uri: {}{code})\n",
                q(method),
                q(&uri)
            ));
            match method {
                "GET" => traits.push_str("@readonly\n"),
                "PUT" | "DELETE" => traits.push_str("@idempotent\n"),
                _ => {}
            }
        }
        let mut text = traits;
        text.push_str(&format!("operation {name} {{\n"));
        for l in lines {
            text.push_str("    ");
            text.push_str(&l);
            text.push('\n');
        }
        text.push_str("}\n");
        self.operations.push(text);
        self.operation_names.push(name);
    }

    // ---- the whole service ----

    fn build(mut self) -> String {
        let service_name = loop {
            let base = self.rng.pick(SERVICE_NAMES).to_string();
            let name = if self.rng.chance(20) {
                format!("{base}{}", self.rng.below(3))
            } else {
                base
            };
            if self.claim(&name) {
                break name;
            }
        };

        // Declarations first: names that shadow the prelude are only taken here.
        let operation_names: Vec<String> = (0..self.rng.range(0, 4))
            .map(|_| self.operation_name())
            .collect();
        // Shapes named like what the generator derives: `<Service>Error`, `<Op>Error`.
        let mut derived = vec![format!("{service_name}Error")];
        derived.extend(operation_names.iter().map(|op| format!("{op}Error")));
        let mut pending_derived = Vec::new();
        for name in derived {
            if self.rng.chance(25) && self.claim_typed(&name) {
                pending_derived.push(name);
            }
        }
        if self.rng.chance(30) {
            // A hostile shape named like a prelude simple shape.
            let s = *self
                .rng
                .pick(&[Simple::String, Simple::Integer, Simple::Timestamp]);
            if self.claim(&prelude_name(s)) {
                self.local_simple(s, Some(prelude_name(s)));
            }
        }
        for _ in 0..self.rng.range(2, 8) {
            let s = *self.rng.pick(&SIMPLES);
            self.local_simple(s, None);
        }
        for _ in 0..self.rng.range(0, 3) {
            let name = self.word_name(true);
            self.enumeration(name);
        }
        for _ in 0..self.rng.range(0, 2) {
            let name = self.word_name(true);
            self.int_enumeration(name);
        }
        if self.rng.chance(20) {
            let name = self.word_name(true);
            self.legacy_enumeration(name);
        }
        let aggregates = self.rng.range(1, 7);
        for rank in 0..aggregates + pending_derived.len() {
            let name = match pending_derived.pop() {
                Some(name) => name,
                None => self.word_name(true),
            };
            let kind = if self.rng.chance(30) {
                Kind::Union { rank }
            } else {
                Kind::Structure { rank }
            };
            let index = self.push(name, kind, String::new());
            self.aggregates.push(index);
        }
        for _ in 0..self.rng.range(0, 3) {
            self.error();
        }
        self.filling = true;

        // Members.
        for index in self.aggregates.clone() {
            self.fill_aggregate(index);
        }
        for index in self.errors.clone() {
            self.fill_error(index);
        }
        for (number, name) in operation_names.into_iter().enumerate() {
            self.operation(name, number);
        }

        // The service.
        let mut out = format!(
            "$version: \"2\"\n\nnamespace {}\n\nuse aws.protocols#restJson1\n\n",
            self.ns
        );
        let mut head = self.common_traits(false);
        if self.rng.chance(20) {
            head.push_str("@title(\"Odd <b>title</b> `x` \\\"q\\\" 😀\")\n");
        }
        out.push_str(&head);
        out.push_str(&format!("@restJson1\nservice {service_name} {{\n"));
        out.push_str("    version: \"2024-01-01\"\n");
        out.push_str(&format!(
            "    operations: [{}]\n",
            self.operation_names.join(", ")
        ));
        if !self.errors.is_empty() && self.rng.chance(40) {
            let e = self.shapes[self.errors[0]].name.clone();
            out.push_str(&format!("    errors: [{e}]\n"));
        }
        if !self.renames.is_empty() {
            out.push_str("    rename: {\n");
            for (from, to) in &self.renames {
                let from = format!("{}#{from}", self.ns);
                out.push_str(&format!("        {}: {}\n", q(&from), q(to)));
            }
            out.push_str("    }\n");
        }
        out.push_str("}\n");
        for op in &self.operations {
            out.push('\n');
            out.push_str(op);
        }
        for shape in &self.shapes {
            out.push('\n');
            out.push_str(&shape.text);
        }
        out
    }
}

/// Cases the generator once got wrong, compiled with every random run: a service named
/// `Default` (its feature met Cargo's `default`), a tab in docs (clippy
/// `tabs_in_doc_comments`), non-zero defaults on HTTP-bound input members (an unused
/// `is_default_*` function), a server answering invalid input with a 400 error that has
/// no member to fill (its `invalid_*` function left the violations unused).
const REGRESSIONS: &str = r#"$version: "2"

namespace any.regressions

use aws.protocols#restJson1

@restJson1
service Default {
    version: "1"
    operations: [PutThing, Check]
}

@http(method: "POST", uri: "/check")
operation Check {
    input := {
        @length(min: 1)
        name: String
    }
    errors: [Refused]
}

@error("client")
@httpError(400)
structure Refused {}

@idempotent
@http(method: "PUT", uri: "/things/{id}")
operation PutThing {
    input := {
        @required
        @httpLabel
        id: Integer = 7

        @httpHeader("X-Count")
        count: Integer = 3

        @httpQuery("q")
        query: String = "x"

        body: String = "y"

        tabbed: Tabbed
    }
}

/// A	tab.
enum Tabbed {
    TAB = "	"
}
"#;

/// The IDL file of the `index`-th service of a run, from its seed.
fn service_model(seed: u64, index: usize) -> String {
    Svc::new(seed, index).build()
}

// ---------------------------------------------------------------------------------------
// Harness

fn env_usize(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(v) => v
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v} is not a number")),
        Err(_) => default,
    }
}

/// The base seed: `ANY_MODEL_SEED` (decimal, `0x` hex, or `random`), else fixed.
fn base_seed() -> u64 {
    match std::env::var("ANY_MODEL_SEED") {
        Err(_) => 0x0005_EED0_FA11_0DE1,
        Ok(v) if v == "random" => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1),
        Ok(v) => match v.strip_prefix("0x") {
            Some(hex) => u64::from_str_radix(hex, 16),
            None => v.parse(),
        }
        .unwrap_or_else(|_| panic!("ANY_MODEL_SEED={v} is not a number")),
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen sits in the workspace")
        .to_path_buf()
}

fn work_dir() -> PathBuf {
    workspace_root().join("target/any_model")
}

/// Writes the failing model files and returns the directory.
fn save_failure(tag: &str, sources: &[(Arc<str>, String)]) -> PathBuf {
    let dir = work_dir().join("failures").join(tag);
    std::fs::create_dir_all(&dir).expect("create failure directory");
    for (name, text) in sources {
        std::fs::write(dir.join(&**name), text).expect("write model");
    }
    dir
}

fn source_name(seed: u64, index: usize) -> Arc<str> {
    Arc::from(format!("s{index}_{seed:016x}.smithy"))
}

/// Loads and generates `sources`: the files, or what went wrong.
fn generate(sources: &[(Arc<str>, String)]) -> Result<codegen::Files, String> {
    let model = codegen::model::load_sources(sources).map_err(|e| format!("load: {e}"))?;
    let options = codegen::CrateOptions {
        crate_name: "any-model".to_owned(),
        version: "0.1.0".to_owned(),
        protocols: Vec::new(),
    };
    codegen::generate_crate(&model, &options).map_err(|e| format!("generate: {e}"))
}

/// Loads and generates `sources`, catching panics too.
fn try_generate(sources: &[(Arc<str>, String)]) -> Result<codegen::Files, String> {
    match std::panic::catch_unwind(|| generate(sources)) {
        Ok(result) => result,
        Err(panic) => Err(format!(
            "panic: {}",
            panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)")
        )),
    }
}

#[test]
fn every_model_loads_and_generates() {
    let cases = env_usize("ANY_MODEL_GEN_CASES", 500);
    let base = base_seed();
    let start = Instant::now();
    let mut failures = Vec::new();
    for index in 0..cases {
        let seed = service_seed(base, index);
        let sources = vec![(source_name(seed, index), service_model(seed, index))];
        if let Err(e) = try_generate(&sources) {
            let dir = save_failure(&format!("gen_{seed:016x}"), &sources);
            failures.push(format!(
                "service #{index}, seed {seed:#018x}: {e}\n  model: {}",
                dir.display()
            ));
        }
    }
    eprintln!(
        "any_model: {cases} one-service models loaded and generated in {:.1?} (base seed {base:#x})",
        start.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} of {cases} models failed (base seed {base:#x}; rerun with ANY_MODEL_SEED={base:#x}):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_model_compiles_clean() {
    let mut cases = env_usize("ANY_MODEL_CASES", 8);
    let base = base_seed();
    let start = Instant::now();
    let mut sources: Vec<(Arc<str>, String)> = (0..cases)
        .map(|index| {
            let seed = service_seed(base, index);
            (source_name(seed, index), service_model(seed, index))
        })
        .collect();
    sources.push((Arc::from("regressions.smithy"), REGRESSIONS.to_owned()));
    let mut tag = format!("clippy_{base:016x}_{cases}");
    let mut rerun = format!("ANY_MODEL_SEED={base:#x} ANY_MODEL_CASES={cases}");
    // `ANY_MODEL_FILES=a.smithy:b.smithy` checks those files instead (to reproduce).
    if let Ok(paths) = std::env::var("ANY_MODEL_FILES") {
        sources = std::env::split_paths(&paths)
            // Relative to the workspace root (tests run in `codegen/`).
            .map(|p| workspace_root().join(p))
            .map(|p| {
                let text =
                    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                (Arc::from(name.unwrap_or_default()), text)
            })
            .collect();
        cases = sources.len();
        tag = "clippy_files".to_owned();
        rerun = format!("ANY_MODEL_FILES={paths}");
    }
    let files = try_generate(&sources).unwrap_or_else(|e| {
        let dir = save_failure(&tag, &sources);
        panic!(
            "{cases} services (rerun with {rerun}) failed to generate: {e}\n  model: {}",
            dir.display()
        )
    });
    let generated = start.elapsed();

    // One place for the crate, so its build artifacts replace the last run's instead of
    // piling up; a workspace of its own (the manifest's added `[workspace]`), so Cargo does
    // not take it for a member of ours; our lock file, so the dependency versions are
    // those already built.
    let crate_dir = work_dir().join("crate");
    let _ = std::fs::remove_dir_all(&crate_dir);
    for (path, text) in &files {
        let path = crate_dir.join(path);
        std::fs::create_dir_all(path.parent().expect("file in a directory")).expect("mkdir");
        let text = if path.ends_with("Cargo.toml") {
            format!("{text}\n[workspace]\n")
        } else {
            text.clone()
        };
        std::fs::write(&path, text).expect("write generated file");
    }
    std::fs::copy(
        workspace_root().join("Cargo.lock"),
        crate_dir.join("Cargo.lock"),
    )
    .expect("copy Cargo.lock");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "clippy",
            "--offline",
            "--quiet",
            "--all-features",
            "--message-format=short",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(&crate_dir)
        .env("CARGO_TARGET_DIR", work_dir().join("target"))
        // A new crate each run: incremental state would only pile up.
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("run cargo clippy");
    eprintln!(
        "any_model: {cases} services generated in {generated:.1?}, clippy done in {:.1?} (base seed {base:#x})",
        start.elapsed()
    );
    if !output.status.success() {
        let dir = save_failure(&tag, &sources);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let shown: Vec<&str> = stderr.lines().take(80).collect();
        panic!(
            "the crate of {cases} services (rerun with {rerun}) fails clippy:\n{}\n  failing services: {}\n  model: {}\n  \
             crate: {}",
            shown.join("\n"),
            failing_services(&stderr, &crate_dir, &sources).join(", "),
            dir.display(),
            crate_dir.display()
        );
    }
    let _ = std::fs::remove_dir_all(&crate_dir);
}

/// The model files of the services whose modules clippy reports (`src/<module>/…`),
/// found through the service ID each module's `mod.rs` names (`any<index>.…`).
fn failing_services(stderr: &str, crate_dir: &Path, sources: &[(Arc<str>, String)]) -> Vec<String> {
    let modules: BTreeSet<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("src/")?.split_once('/'))
        .map(|(module, _)| module)
        .filter(|m| *m != "runtime")
        .collect();
    modules
        .into_iter()
        .map(|module| {
            let text = std::fs::read_to_string(crate_dir.join("src").join(module).join("mod.rs"))
                .unwrap_or_default();
            let index = text.split("`any").nth(1).and_then(|rest| {
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                digits.parse::<usize>().ok()
            });
            match index.and_then(|i| sources.get(i)) {
                Some((name, _)) => format!("{module} ({name})"),
                None => module.to_owned(),
            }
        })
        .collect()
}

/// The generator's own alphabets keep their promises.
#[test]
fn patterns_compile_and_match_their_samples() {
    for (pattern, samples) in PATTERNS {
        let re =
            regress::Regex::with_flags(pattern, "u").unwrap_or_else(|e| panic!("{pattern}: {e}"));
        for s in *samples {
            assert!(re.find(s).is_some(), "{pattern} does not match {s:?}");
        }
    }
    for name in MEMBER_NAMES
        .iter()
        .chain(ENUM_MEMBER_NAMES)
        .chain(SERVICE_NAMES)
        .chain(OPERATION_NAMES)
    {
        assert!(is_identifier(name), "{name}");
    }
}

#[test]
#[ignore = "prints a model"]
fn print_model() {
    let index = env_usize("ANY_MODEL_INDEX", 0);
    println!("{}", service_model(service_seed(base_seed(), index), index));
}

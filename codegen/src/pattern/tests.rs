use super::*;

/// Whether `value` matches `pattern` as the generated server checks it: the policy's
/// translation, on the engine the runtime uses (`runtime/src/validate.rs` `Pattern`,
/// built the same way).
fn matches(pattern: &str, value: &str) -> bool {
    match decide(pattern) {
        Decision::Enforced {
            source,
            engine: Engine::Linear,
            ..
        } => regex::RegexBuilder::new(&source)
            .size_limit(SIZE_LIMIT)
            .build()
            .unwrap_or_else(|e| panic!("{pattern}: {e}"))
            .is_match(value),
        Decision::Enforced {
            source,
            engine: Engine::Counted { min, max },
            ..
        } => {
            let n = value.chars().count();
            regex::Regex::new(&source).unwrap().is_match(value)
                && n >= min as usize
                && n <= max as usize
        }
        Decision::Enforced { source, .. } => fancy_regex::Regex::new(&source)
            .unwrap_or_else(|e| panic!("{pattern}: {e}"))
            .is_match(value)
            .unwrap_or_else(|e| panic!("{pattern}: {e}")),
        Decision::NotEnforced(why) => panic!("{pattern} is not enforced: {why}"),
    }
}

/// The policy step that reads `pattern`.
fn step(pattern: &str) -> Option<Dialect> {
    match decide(pattern) {
        Decision::Enforced { dialect, .. } => Some(dialect),
        Decision::NotEnforced(_) => None,
    }
}

/// A pattern, the step that reads it, and values with whether they match.
type Fixture = (&'static str, Dialect, &'static [(&'static str, bool)]);

/// One fixture per translation (most from the AWS models): the pattern, the policy
/// step expected to read it, and values with whether they match.
///
/// The expected results are those of `java.util.regex` (OpenJDK 17):
/// `Pattern.compile(pattern).matcher(value).find()`, run by a throwaway Java program on
/// exactly these pairs, not derived from this code. Only values on which ECMA 262 and
/// Java agree for the constructs both have are listed (see `ecma_semantics_are_kept`).
const JAVA_FIXTURES: &[Fixture] = &[
    // Identity escapes outside and inside classes (Annex B).
    (
        r"^a\-b\_c\/d\:e$",
        Dialect::AnnexB,
        &[
            ("a-b_c/d:e", true),
            ("a-b_c/d:f", false),
            ("ab_c/d:e", false),
        ],
    ),
    (
        r"^[\w\-\_\/\:\.]+$",
        Dialect::AnnexB,
        &[("ab-_/:.", true), ("a b", false), ("a,b", false)],
    ),
    // A range ending in a class: `-` is a member.
    (
        r"^[\w-_]+$",
        Dialect::AnnexB,
        &[("a-b_c", true), ("a-", true), ("a.b", false)],
    ),
    (
        r"[\w-.~]+",
        Dialect::AnnexB,
        &[("a-.~", true), (",", false)],
    ),
    // Octal escapes (Java's `\0` form).
    (
        r"^[^/:|\000-\037]+$",
        Dialect::AnnexB,
        &[("abc", true), ("a\u{1}b", false), ("a:b", false)],
    ),
    // Inline flags.
    (
        r"^(?s).+$",
        Dialect::Java,
        &[("a\nb", true), ("\n", true), ("", false)],
    ),
    (
        r"(?i).*<script>.*",
        Dialect::Java,
        &[("x<SCRIPT>y", true), ("<Script>", true), ("<scrip>", false)],
    ),
    // `(?i)` folds US-ASCII only: U+0130 is not `i`.
    (
        r"^(?i)(true|false)$",
        Dialect::Java,
        &[
            ("TRUE", true),
            ("fAlSe", true),
            ("yes", false),
            ("\u{130}", false),
        ],
    ),
    (
        r"^(?i)[a-c]+$",
        Dialect::Java,
        &[("ABC", true), ("abd", false)],
    ),
    (
        r"^(?!(?i)(arn|aws):)[a-z:]+$",
        Dialect::Java,
        &[("abc:def", true), ("ARN:x", false), ("aws:x", false)],
    ),
    (
        r"^(?ms)a.b$",
        Dialect::Java,
        &[("a\nb", true), ("a\nb\nc", true)],
    ),
    // POSIX classes: US-ASCII.
    (
        r"^\p{Print}+$",
        Dialect::Java,
        &[
            ("Hello, world!~", true),
            ("tab\t", false),
            ("caf\u{e9}", false),
            (" ", true),
        ],
    ),
    (
        r"^\p{Punct}+$",
        Dialect::Java,
        &[
            ("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", true),
            ("a", false),
            ("\u{a1}", false),
        ],
    ),
    // (`\p{Alpha}` alone is ECMA's Alphabetic: see `ecma_semantics_are_kept`.)
    (
        r"^[\p{Alpha}\p{Punct}]+$",
        Dialect::Java,
        &[("abcXYZ!", true), ("abc1", false), ("\u{e9}", false)],
    ),
    (
        r"^\p{Alnum}+$",
        Dialect::Java,
        &[("abc123", true), ("abc_", false), ("\u{661}", false)],
    ),
    (
        r"^[\p{Graph}\x20]*$",
        Dialect::Java,
        &[("a b", true), ("a\tb", false)],
    ),
    (
        r"^[^\p{Cntrl}]*$",
        Dialect::Java,
        &[("abc\u{e9}", true), ("a\u{7f}b", false)],
    ),
    (
        r"^\p{XDigit}{8}$",
        Dialect::Java,
        &[("deadBEEF", true), ("deadbeeg", false)],
    ),
    (
        r"^[\p{Upper}\p{Digit}_]+$",
        Dialect::Java,
        &[("AB_1", true), ("Ab", false)],
    ),
    (
        r"^[\p{Alnum}\p{Punct}\p{Blank}]*$",
        Dialect::Java,
        &[("a b\t!", true), ("a\nb", false)],
    ),
    // In a Java class, `{2}` are members.
    (
        r"^[\p{XDigit}{2}:?]*$",
        Dialect::Java,
        &[("{a2}:?", true), ("g", false)],
    ),
    // java.lang / Unicode classes.
    (
        r"^\p{IsWhitespace}+$",
        Dialect::Java,
        &[
            (" \t\n\u{b}\u{c}\r", true),
            ("\u{a0}\u{2028}\u{3000}\u{85}", true),
            ("a", false),
            ("\u{200b}", false),
        ],
    ),
    (
        r"^\p{IsAlphabetic}+$",
        Dialect::Java,
        &[
            ("abc\u{e9}\u{4e2d}\u{905}", true),
            ("a1", false),
            ("\u{2160}", true),
        ],
    ),
    (
        r"^\p{LD}+$",
        Dialect::Java,
        &[
            ("a1\u{e9}\u{661}", true),
            ("a_", false),
            ("\u{2160}", false),
        ],
    ),
    (
        r"^[^\p{C}\p{IsWhitespace}]+$",
        Dialect::Java,
        &[("abc", true), ("a b", false), ("a\u{200b}b", false)],
    ),
    // Class intersection; after `&&`, `^` is a member; before it, it negates the
    // whole intersection. (`[a-z&&^aeiou]` alone is valid ECMA 262, where `&` and `^`
    // are members: step 1 reads it so.)
    (
        r"^[\p{Alnum}&&^aeiou]$",
        Dialect::Java,
        &[("a", true), ("b", false), ("^", false)],
    ),
    (
        r"^[^a-z&&[aeiou]]$",
        Dialect::Java,
        &[("a", false), ("b", true), ("1", true)],
    ),
    (
        r"^[\p{Print}&&[^|:/]]+$",
        Dialect::Java,
        &[
            ("abc def", true),
            ("a|b", false),
            ("a:b", false),
            ("a/b", false),
            ("caf\u{e9}", false),
        ],
    ),
    // Class union; `\Z` (the end, or before a final line terminator).
    (
        r"^[a-c[x-z]]+$",
        Dialect::Java,
        &[("abxz", true), ("abw", false)],
    ),
    (
        r"^\Aa\Z",
        Dialect::Java,
        &[("a", true), ("a\n", true), ("a\nb", false)],
    ),
    // Possessive quantifiers (atomic where it matters), quantified `$`, stacked
    // quantifiers (Java ignores the second).
    (
        r"^[0-9A-Z]{2}+$",
        Dialect::Java,
        &[("AB", true), ("A", false), ("ABC", false)],
    ),
    (
        r"^[\/]?+[a-z]+$",
        Dialect::Java,
        &[("/abc", true), ("abc", true), ("//abc", false)],
    ),
    (
        r"^[-_a-zA-Z0-9]*${2,64}$",
        Dialect::Java,
        &[("abc", true), ("a b", false)],
    ),
    (
        r"^[0-9a-zA-Z]{2}{0,2}$",
        Dialect::Java,
        &[("", false), ("ab", true), ("abcd", false), ("abc", false)],
    ),
    // `\A`, `\z`, `\x{…}`, `\Q…\E`.
    (
        r"^\A[a-zA-Z0-9_]+\z$",
        Dialect::Java,
        &[("abc", true), ("a-b", false)],
    ),
    (
        r"^[a-z\x{60}]+$",
        Dialect::Java,
        &[("a`b", true), ("a^b", false)],
    ),
    (
        r"\Qa.b\E",
        Dialect::Java,
        &[("xa.by", true), ("axb", false)],
    ),
    // ECMA patterns Java reads alike.
    (
        r"^\P{C}*$",
        Dialect::Unicode,
        &[("abc", true), ("a\u{0}", false)],
    ),
    (
        r"^([0-9]+)+$",
        Dialect::Unicode,
        &[("000", true), ("000!", false)],
    ),
];

#[test]
fn java_constructs_match_as_java_does() {
    let mut failures = Vec::new();
    for (pattern, dialect, values) in JAVA_FIXTURES {
        assert_eq!(step(pattern), Some(*dialect), "{pattern}");
        for (value, expected) in *values {
            if matches(pattern, value) != *expected {
                failures.push(format!("{pattern} on {value:?}: expected {expected}"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Patterns that are ECMA 262 keep ECMA's meaning (spec constraint-traits.rst), where
/// Java's differs: `\s` has the Unicode spaces, `.` matches U+0085, `$` is the end only.
#[test]
fn ecma_semantics_are_kept() {
    assert!(matches(r"^\s+$", "\u{a0}\u{feff}"));
    assert!(matches(r"^.+$", "a\u{85}b"));
    assert!(!matches(r"^.+$", "a\u{2028}b"));
    assert!(!matches(r"^a$", "a\n"));
    assert!(matches(r"\bword\b", "a word."));
    assert!(!matches(r"\bword\b", "swordfish"));
    assert!(matches(r"^\u0041\u{1F600}$", "A\u{1F600}"));
    // Look-behind and back-references run on the bounded engine.
    assert!(matches(r"^(?:(?<=a)b|[^b])*$", "xab"));
    assert!(!matches(r"^(?:(?<=a)b|[^b])*$", "xb"));
    assert!(matches(r"^(a+)-\1$", "aa-aa"));
    assert!(!matches(r"^(a+)-\1$", "aa-a"));
    assert!(matches(r"^(?<x>[a-z])\k<x>$", "zz"));
    // `Alpha`, `Upper` and `Lower` are also ECMA 262 property names (Unicode Alphabetic,
    // Uppercase, Lowercase), so a pattern that is valid ECMA reads them so (step 1);
    // Java's are US-ASCII. No AWS model has a pattern where that matters.
    assert!(matches(r"^\p{Alpha}+$", "\u{e9}"));
    // `[]` matches nothing, `[^]` anything.
    assert!(!matches(r"a[]", "a"));
    assert!(matches(r"^a[^]b$", "a\nb"));
    assert_eq!(step(r"^\p{Alpha}+$"), Some(Dialect::Unicode));
}

#[test]
fn linear_unless_backtracking_is_needed() {
    let engine = |p: &str| match decide(p) {
        Decision::Enforced { engine, .. } => Some(engine),
        Decision::NotEnforced(_) => None,
    };
    assert_eq!(engine(r"^([0-9]+)+$"), Some(Engine::Linear));
    assert_eq!(engine(r"^[0-9A-Z]{2}+$"), Some(Engine::Linear));
    assert_eq!(engine(r"^(?!aws:).*$"), Some(Engine::Backtracking));
    assert_eq!(engine(r"^(a)\1$"), Some(Engine::Backtracking));
    assert_eq!(engine(r"^[\/]?+[a-z]+$"), Some(Engine::Backtracking));
}

/// The suite's ReDoS input, 84 zeros and `!`, and ten times as many: rejected at once.
/// `^C{min,max}$` too large for `regex` as written: `^C*$` and the length.
#[test]
fn whole_value_repetitions_are_counted() {
    assert_eq!(
        decide(r"^[^\p{C}]{1,2048}$"),
        Decision::Enforced {
            dialect: Dialect::Unicode,
            source: r"^[^\p{C}]*$".to_owned(),
            engine: Engine::Counted { min: 1, max: 2048 },
        }
    );
    assert!(matches(r"^.{1,100000}$", "x"));
    assert!(!matches(r"^.{1,100000}$", ""));
    assert!(!matches(r"^.{1,100000}$", "a\nb"));
    assert!(matches(r"^.{1,100000}$", &"\u{e9}".repeat(100_000)));
    assert!(!matches(r"^.{1,100000}$", &"\u{e9}".repeat(100_001)));
}

#[test]
fn catastrophic_patterns_run_in_linear_time() {
    for zeros in [84, 840, 100_000] {
        let value = format!("{}!", "0".repeat(zeros));
        let started = std::time::Instant::now();
        assert!(!matches(r"^([0-9]+)+$", &value));
        assert!(
            started.elapsed() < std::time::Duration::from_secs(2),
            "{zeros}"
        );
    }
}

#[test]
fn what_no_step_reads_is_not_enforced_with_the_reasons() {
    // A Unicode block: `regex` has no block tables.
    let Decision::NotEnforced(why) = decide(r"^\p{InGreek}+$") else {
        panic!("enforced");
    };
    assert!(why.contains("InGreek"), "{why}");
    // Too large for the linear engine's size limit.
    assert!(matches!(
        decide(r"^(?:a.){1,100000}$"),
        Decision::NotEnforced(_)
    ));
    // Not a pattern in any dialect (Java rejects it too).
    assert!(matches!(decide(r"a(b"), Decision::NotEnforced(_)));
    assert!(matches!(decide(r"[a-"), Decision::NotEnforced(_)));
    assert!(matches!(decide(r"\"), Decision::NotEnforced(_)));
}

/// Every pattern in a copy of aws/api-models-aws (`PATTERNS_CORPUS`: a directory, its
/// `*/service/*/*.json` models read), counted by policy step; the unread ones listed.
#[test]
fn corpus_counts() {
    let Ok(dir) = std::env::var("PATTERNS_CORPUS") else {
        return;
    };
    let mut patterns = std::collections::BTreeSet::new();
    for entry in walkdir::WalkDir::new(&dir).min_depth(4).max_depth(4) {
        let path = entry.expect("readable corpus").into_path();
        if path.extension().is_none_or(|e| e != "json")
            || path
                .parent()
                .and_then(|p| p.parent())
                .and_then(|p| p.file_name())
                != Some("service".as_ref())
        {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable model");
        collect(&serde_json::from_str(&text).expect("JSON"), &mut patterns);
    }
    let mut counts = std::collections::BTreeMap::new();
    for p in &patterns {
        let key = match decide(p) {
            Decision::Enforced {
                dialect, engine, ..
            } => format!("{dialect:?} {engine:?}"),
            Decision::NotEnforced(why) => {
                println!("not enforced: {p:?}: {why}");
                "not enforced".to_owned()
            }
        };
        *counts.entry(key).or_insert(0) += 1;
    }
    println!("{} distinct patterns: {counts:?}", patterns.len());
}

fn collect(value: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("smithy.api#pattern", serde_json::Value::String(p)) => {
                        out.insert(p.clone());
                    }
                    _ => collect(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
        _ => {}
    }
}

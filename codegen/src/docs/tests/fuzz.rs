//! Robustness: hostile and pseudo-random input never panics and still meets
//! the structural guarantees.

use super::check_safe;
use super::checker::violation_with;
use crate::docs::to_rustdoc;

/// Inputs that broke (or could break) a scanner.
const NASTY: &[&str] = &[
    "<p>unclosed <code>code <a href=\"x",
    "</p></p></ul><li>",
    "<<<>>>[[[]]]```",
    "<a href=\"https://x\">[</a>](",
    "[a](<b)",
    "[a](b \"t)",
    "`` ` ",
    "\\",
    "http://",
    "<https://",
    "<p>\u{0}\u{1}\u{7f}</p>",
    "<note><important><note></note>",
    "```\n```\n```",
    "- \n-\n1.\n    \n",
    "\u{2028}\u{feff}ß<b>\u{1F600}</b>",
    "<pre>```\n~~~</pre>",
];

/// Pieces of a deterministic pseudo-random soup of the interesting characters.
const SOUP: &[&str] = &[
    "<p>",
    "</p>",
    "<code>",
    "</code>",
    "<a href=\"https://e.x/y\">",
    "</a>",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "`",
    "```",
    "\\",
    "\n",
    "\n\n",
    "    ",
    "\t",
    "https://e.x",
    "- ",
    "1. ",
    "*",
    "_",
    "é",
    " ",
    "a",
    "<pre>",
    "</pre>",
    "<ul><li>",
    "</li></ul>",
    "&lt;",
    "~~~",
];

/// How many random inputs a fuzz test tries (`DOCS_FUZZ=n` to change).
fn fuzz_count() -> usize {
    std::env::var("DOCS_FUZZ")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3000)
}

#[test]
fn never_panics() {
    for input in NASTY {
        check_safe(input);
    }
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..fuzz_count() {
        let mut s = String::new();
        for _ in 0..(seed % 40) {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            s.push_str(SOUP[(seed >> 33) as usize % SOUP.len()]);
        }
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let out = to_rustdoc(&s);
        assert_eq!(
            violation_with(&out, false),
            None,
            "input: {s:?}\noutput: {out:?}"
        );
        assert_eq!(out, to_rustdoc(&s));
    }
}

//! Robustness: hostile and pseudo-random input never panics and still meets
//! the structural guarantees.

use super::check_safe;
use super::checker::violation_with;
use super::cmark::{plain_text, render};
use crate::docs::html::looks_like_html;
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

/// A deterministic generator (64-bit LCG, high bits).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Text: words, what Markdown would read as syntax, entities, whitespace.
const WORDS: &[&str] = &[
    "word",
    "two words",
    "-out",
    "- x",
    "1. one",
    "# h",
    "> q",
    "*",
    "_",
    "**",
    "`",
    "```",
    "~~~",
    "[x]",
    "](y)",
    "\\",
    "&lt;T&gt;",
    "&lt;p&gt;",
    "&amp;",
    "https://e.x/a_b",
    " ",
    "\n",
    "\n        ",
    "é",
    "|",
    "=",
];

/// Elements that are empty, or written as if they were.
const EMPTY: &[&str] = &[
    "<b/>",
    "<i/>",
    "<b></b>",
    "<i> </i>",
    "<code></code>",
    "<code/>",
    "<a/>",
    "<br/>",
    "<br>",
    "<p/>",
];

/// Appends random inline content (`depth` bounds the nesting).
fn inline(rng: &mut Rng, depth: usize, out: &mut String) {
    let wrap = |rng: &mut Rng, out: &mut String, open: &str, close: &str| {
        out.push_str(open);
        for _ in 0..1 + rng.below(2) {
            inline(rng, depth + 1, out);
        }
        out.push_str(close);
    };
    match rng.below(if depth > 1 { 1 } else { 9 }) {
        0 => out.push_str(rng.pick(WORDS)),
        1 | 2 if depth == 0 => wrap(rng, out, "<code>", "</code>"),
        1 => out.push_str(rng.pick(WORDS)),
        2 => wrap(rng, out, "<i>", "</i>"),
        3 => wrap(rng, out, "<b>", "</b>"),
        4 => wrap(rng, out, "<a href=\"https://e.x/p\">", "</a>"),
        5 => wrap(rng, out, "<a href=\"Rel.html\">", "</a>"),
        6 => out.push_str(rng.pick(EMPTY)),
        7 => wrap(rng, out, "<em>", "</em>"),
        _ => wrap(rng, out, "<strong>", "</strong>"),
    }
}

/// Appends a random block: paragraph, list, note, `<pre>`, definition list.
fn block(rng: &mut Rng, depth: usize, out: &mut String) {
    let inlines = |rng: &mut Rng, out: &mut String| {
        for _ in 0..1 + rng.below(3) {
            inline(rng, 0, out);
        }
    };
    match rng.below(if depth > 1 { 2 } else { 7 }) {
        0 => {
            out.push_str("<p>");
            inlines(rng, out);
            out.push_str("</p>\n   ");
        }
        1 => inlines(rng, out),
        2 | 3 => {
            let list = if rng.below(2) == 0 { "ul" } else { "ol" };
            out.push_str(&format!("<{list}>"));
            for _ in 0..1 + rng.below(3) {
                out.push_str("<li>");
                block(rng, depth + 1, out);
                out.push_str("</li>");
            }
            out.push_str(&format!("</{list}>"));
        }
        4 => {
            out.push_str("<note>");
            block(rng, depth + 1, out);
            out.push_str("</note>");
        }
        5 => {
            out.push_str("<pre>");
            for _ in 0..1 + rng.below(3) {
                out.push_str(rng.pick(WORDS));
            }
            out.push_str("</pre>");
        }
        _ => {
            out.push_str("<dl><dt>");
            inlines(rng, out);
            out.push_str("</dt><dd>");
            block(rng, depth + 1, out);
            out.push_str("</dd></dl>");
        }
    }
}

/// Random HTML as AWS models write it (fixed seed, `fuzz_count` inputs): the
/// converter never panics, and rustdoc's parser reads its output as meant:
/// no raw HTML, no emphasis on list markers, code spans holding the input's
/// text exactly.
#[test]
fn random_html_renders_as_meant() {
    let mut rng = Rng(0x5eed_d0c5);
    for _ in 0..fuzz_count() {
        let mut html = String::new();
        for _ in 0..1 + rng.below(3) {
            block(&mut rng, 0, &mut html);
        }
        let converted = std::panic::catch_unwind(|| to_rustdoc(&html));
        let out = converted.unwrap_or_else(|_| panic!("panicked on {html:?}"));
        let context = format!("input: {html:?}\noutput: {out:?}");
        assert_eq!(out, to_rustdoc(&html), "not deterministic\n{context}");
        if let Some(v) = violation_with(&out, false) {
            panic!("{v}\n{context}");
        }
        let rendered = render(&out);
        if let Some(problem) = rendered.raw_html.or(rendered.list_emphasis) {
            panic!("{problem}\n{context}");
        }
        if !looks_like_html(&html) {
            continue; // (Markdown: indented text is code.)
        }
        // (Whitespace aside: where whitespace-only markup stood between two
        // code elements, they become one span.)
        let text = plain_text(&html).replace(' ', "");
        for code in &rendered.code {
            let code = code.replace(' ', "");
            assert!(
                text.contains(&code),
                "code {code:?} not in the input\n{context}"
            );
        }
    }
}

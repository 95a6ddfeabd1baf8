//! Models others write generate crates that compile clean (`tests/fixtures` is built
//! with clippy and rustdoc `-D warnings` in CI): names that collide once cased, an error
//! named like the error enums' own variant, nested collections, a service with no types.

use fixtures::collisions::{
    AcronymInsideOp, AcronymInsideOp2, AcronymInsideOp2Error, AcronymInsideOpError,
    AcronymInsideOpInput, Collisions, UnhandledValue,
};
use fixtures::runtime::Operation;

#[test]
fn operations_colliding_once_cased_are_numbered_in_shape_id_order() {
    assert_eq!(AcronymInsideOp::NAME, "ACRONYMInside_Op");
    assert_eq!(AcronymInsideOp2::NAME, "ACRONYM_InsideOp");
    assert_eq!(AcronymInsideOp::HTTP.map(|h| h.uri), Some("/a"));
    assert_eq!(AcronymInsideOp2::HTTP.map(|h| h.uri), Some("/b"));
    // Their trait methods and error enums are numbered alike.
    struct Fake;
    impl Collisions for Fake {}
    let first = pollster::block_on(Fake.acronym_inside_op(AcronymInsideOpInput::default()));
    assert!(matches!(first, Err(AcronymInsideOpError::Unhandled(_))));
    let second = pollster::block_on(Fake.acronym_inside_op_2(()));
    assert!(matches!(second, Err(AcronymInsideOp2Error::Unhandled(_))));
}

#[test]
fn an_error_named_unhandled_keeps_its_code_beside_the_builtin_variant() {
    assert_eq!(UnhandledValue::CODE, "Unhandled");
    let modeled = AcronymInsideOpError::UnhandledValue(UnhandledValue {
        message: Some("boom".to_owned()),
    });
    assert_eq!(modeled.code(), Some("Unhandled"));
    assert_eq!(modeled.to_string(), "Unhandled: boom");
}

#[test]
fn nested_collections_round_trip() {
    let json = serde_json::json!({ "nested": { "a": { "b": [["x", "y"], []] } } });
    let input: AcronymInsideOpInput = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(input.nested.as_ref().unwrap()["a"]["b"][0], ["x", "y"]);
    assert_eq!(serde_json::to_value(&input).unwrap(), json);
}

#[test]
fn services_sharing_a_module_name_are_numbered() {
    // `example.notypes#Collisions` sorts after `example.collisions#Collisions`.
    assert_eq!(fixtures::collisions_2::Ping::NAME, "Ping");
    assert_eq!(
        fixtures::collisions_2::Ping::HTTP.map(|h| (h.method, h.uri)),
        Some(("GET", "/ping"))
    );
}

#[test]
fn patterns_are_checked_with_ecma_262_semantics() {
    use fixtures::patterns::TagInput;
    use fixtures::runtime::Validate;
    let check = |f: fn(&mut TagInput, String), value: &str| {
        let mut input = TagInput::default();
        f(&mut input, value.to_owned());
        input.validate().is_ok()
    };
    let key = |i: &mut TagInput, v| i.key = Some(v);
    assert!(check(key, "project"));
    assert!(check(key, "Größe 12 / 東京:+=@"));
    assert!(
        !check(key, "aws:reserved"),
        "the look-ahead refuses the prefix"
    );
    assert!(!check(key, "semi;colon"));
    let behind = |i: &mut TagInput, v| i.behind = Some(v);
    assert!(check(behind, "abxab"));
    assert!(!check(behind, "xb"), "a `b` not after an `a`");
    let escaped = |i: &mut TagInput, v| i.escaped = Some(v);
    assert!(check(escaped, "A😀"));
    assert!(!check(escaped, "A:)"));
    let digit = |i: &mut TagInput, v| i.has_digit = Some(v);
    assert!(check(digit, "room 7 is free"), "a search, not a full match");
    assert!(!check(digit, "no digits"));
}

/// The Annex B and Java forms of `models/fixtures/patterns.smithy`, checked by the
/// generated server code. Expected results are those of `java.util.regex` (OpenJDK 17,
/// `Pattern.compile(p).matcher(v).find()`, run once by a throwaway Java program; the same
/// pairs are in codegen's `pattern::tests::JAVA_FIXTURES`).
#[test]
fn java_flavoured_patterns_are_translated() {
    use fixtures::patterns::TagInput;
    use fixtures::runtime::Validate;
    let check = |f: fn(&mut TagInput, String), value: &str| {
        let mut input = TagInput::default();
        f(&mut input, value.to_owned());
        input.validate().is_ok()
    };
    let annex_b = |i: &mut TagInput, v| i.annex_b = Some(v);
    assert!(check(annex_b, "a-b_c"));
    assert!(!check(annex_b, "a.b"));
    let script = |i: &mut TagInput, v| i.script = Some(v);
    assert!(check(script, "x<SCRIPT>y"));
    assert!(!check(script, "<scrip>"));
    let printable = |i: &mut TagInput, v| i.printable = Some(v);
    assert!(check(printable, "abc def"));
    for bad in ["a|b", "a:b", "a/b", "café"] {
        assert!(!check(printable, bad), "{bad}");
    }
    let alphabetic = |i: &mut TagInput, v| i.alphabetic = Some(v);
    assert!(check(alphabetic, "abcé中अⅠ"));
    assert!(!check(alphabetic, "a1"));
    // Not enforced (a Unicode block): any value passes.
    let greek = |i: &mut TagInput, v| i.greek = Some(v);
    assert!(check(greek, "not greek"));
    let docs = include_str!("../fixtures/src/patterns/types.rs");
    assert!(docs.contains("not enforced"), "the member's docs say so");
}

/// The restJson1 suite's ReDoS input (84 zeros and `!`) at 100 times its length is
/// rejected at once: the pattern runs in linear time.
#[test]
fn a_catastrophic_pattern_cannot_hang_validation() {
    use fixtures::patterns::TagInput;
    use fixtures::runtime::Validate;
    let input = TagInput {
        digits: Some(format!("{}!", "0".repeat(8_400))),
        ..TagInput::default()
    };
    let started = std::time::Instant::now();
    assert!(input.validate().is_err());
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
}

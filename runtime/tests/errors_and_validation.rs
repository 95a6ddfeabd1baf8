//! Unhandled errors, `Debug` redaction and constraint checks.

use std::collections::BTreeMap;

use runtime::{
    check_length, check_range, check_unique, check_unique_hashed, unknown_enum_value,
    validate_items, validate_values, Blob, Path, Pattern, Redacted, UnhandledError, Validate,
    Violation, Violations, REDACTED,
};

#[test]
fn redacted_marker_text() {
    assert_eq!(REDACTED, "*** Sensitive Data Redacted ***");
    assert_eq!(format!("{:?}", Redacted), REDACTED);
}

#[test]
fn unhandled_display_shows_what_is_known() {
    let text = |code: Option<&str>, message: Option<&str>, status: Option<u16>| {
        UnhandledError {
            code: code.map(str::to_owned),
            message: message.map(str::to_owned),
            status,
            ..Default::default()
        }
        .to_string()
    };
    assert_eq!(text(None, None, None), "unhandled error");
    assert_eq!(text(Some("Odd"), Some("hm"), None), "Odd: hm");
    assert_eq!(text(Some("Odd"), None, Some(418)), "Odd (HTTP 418)");
    assert_eq!(
        text(None, Some("hm"), Some(500)),
        "unhandled error (HTTP 500): hm"
    );
    assert_eq!(
        UnhandledError::not_implemented("Get").to_string(),
        "NotImplemented (HTTP 501): operation Get is not implemented"
    );
}

#[test]
fn paths_render_members_indexes_and_keys() {
    let root = Path::Root("Input");
    let field = Path::Field {
        parent: &root,
        name: "tags",
        member: "Tags",
        sensitive: false,
    };
    let key = Path::Key(&field, "k\"1");
    let index = Path::Index(&key, 3);
    assert_eq!(index.to_string(), r#"Input.tags["k\"1"][3]"#);
    // The JSON pointer has member names, and escapes `~` and `/`.
    assert_eq!(index.pointer(), "/Tags/k\"1/3");
    assert_eq!(root.field("a", "a").key("x/y~z").pointer(), "/a/x~1y~0z");
    assert_eq!(root.pointer(), "");
    // A map key is shown at the key and pointed to at the map.
    let map_key = field.map_key("k");
    assert_eq!(map_key.to_string(), r#"Input.tags["k"]"#);
    assert_eq!(map_key.pointer(), "/Tags");
    // The helpers build the same paths.
    assert_eq!(
        root.field("tags", "Tags").key("k\"1").index(3).to_string(),
        index.to_string()
    );
    // Everything inside a sensitive member is sensitive.
    assert!(!index.is_sensitive());
    let secret = root.sensitive_field("secret", "secret");
    assert!(secret.index(0).key("k").is_sensitive());
}

struct Sample {
    name: String,
    count: i32,
    items: Vec<u8>,
}

static LETTERS: Pattern = Pattern::linear("^[a-z]+$", "^[a-z]+$");
static BROKEN: Pattern = Pattern::linear("(", "(");

impl Validate for Sample {
    const NAME: &'static str = "Sample";

    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        let p = path.field("name", "Name");
        check_length(&self.name, Some(2), Some(4), &p, out);
        LETTERS.check(&self.name, &p, out);
        check_range(
            &self.count,
            Some(1.0),
            Some(10.0),
            &path.field("count", "Count"),
            out,
        );
        check_length(
            &self.items,
            None,
            Some(1),
            &path.field("items", "Items"),
            out,
        );
        BROKEN.check(&self.name, &path.field("broken", "Broken"), out);
        unknown_enum_value(&"GOLD", &["abc", "def"], &path.field("tier", "Tier"), out);
    }
}

#[test]
fn every_violation_is_reported_with_its_path() {
    let sample = Sample {
        name: "ÄÖÜßx".to_owned(),
        count: 11,
        items: vec![1, 2],
    };
    let err = sample.validate().unwrap_err();
    let got: Vec<(&str, &str)> = err
        .violations
        .iter()
        .map(|Violation { path, message, .. }| (path.as_str(), message.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Sample.name", "length 5 is greater than the maximum 4"),
            ("Sample.name", "value does not match the pattern `^[a-z]+$`"),
            ("Sample.count", "value 11 is greater than the maximum 10"),
            ("Sample.items", "length 2 is greater than the maximum 1"),
            (
                "Sample.broken",
                "the pattern `(` cannot be compiled to check the value"
            ),
            ("Sample.tier", "`GOLD` is not one of the allowed values"),
        ]
    );
    assert!(err
        .to_string()
        .starts_with("validation failed: Sample.name: length 5 is greater than the maximum 4; "));
    // The protocol's pointers and messages (the AWS protocol compliance tests' wording).
    let protocol: Vec<(&str, &str)> = err
        .violations
        .iter()
        .map(|v| (v.pointer.as_str(), v.protocol_message.as_str()))
        .collect();
    assert_eq!(
        protocol,
        vec![
            ("/Name", "Value with length 5 at '/Name' failed to satisfy constraint: Member must have length between 2 and 4, inclusive"),
            ("/Name", "Value at '/Name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z]+$"),
            ("/Count", "Value at '/Count' failed to satisfy constraint: Member must be between 1 and 10, inclusive"),
            ("/Items", "Value with length 2 at '/Items' failed to satisfy constraint: Member must have length less than or equal to 1"),
            ("/Broken", "Value at '/Broken' failed to satisfy constraint: Member must satisfy regular expression pattern: ("),
            ("/Tier", "Value at '/Tier' failed to satisfy constraint: Member must satisfy enum value set: [abc, def]"),
        ]
    );
    // A box validates as its contents, under the contents' name.
    let boxed = Box::new(Sample {
        name: "ok".to_owned(),
        count: 1,
        items: vec![],
    });
    let err = boxed.validate().unwrap_err();
    assert_eq!(err.violations.len(), 2, "{err}");
    assert_eq!(err.violations[0].path, "Sample.broken");
}

/// A generated type in miniature: at most two characters, lowercase.
struct Code(&'static str);

static LOWERCASE: Pattern = Pattern::linear("^[a-z]*$", "^[a-z]*$");

impl Validate for Code {
    const NAME: &'static str = "Code";

    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        check_length(self.0, None, Some(2), path, out);
        LOWERCASE.check(self.0, path, out);
    }
}

/// A structure with a list and a map of generated types.
struct Codes {
    list: Vec<Code>,
    map: BTreeMap<String, Code>,
}

impl Validate for Codes {
    const NAME: &'static str = "Codes";

    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        validate_items(&self.list, &path.field("list", "list"), out);
        validate_values(&self.map, &path.field("map", "map"), out);
    }
}

#[test]
fn collections_of_generated_types_check_each_element_at_its_index_or_key() {
    let codes = Codes {
        list: vec![Code("ok"), Code("long")],
        map: [("a".to_owned(), Code("X")), ("b".to_owned(), Code(""))].into(),
    };
    let got: Vec<(String, String)> = codes
        .validate()
        .unwrap_err()
        .violations
        .into_iter()
        .map(|v| (v.path, v.message))
        .collect();
    let want = [
        ("Codes.list[1]", "length 4 is greater than the maximum 2"),
        (
            r#"Codes.map["a"]"#,
            "value does not match the pattern `^[a-z]*$`",
        ),
    ];
    assert_eq!(got, want.map(|(p, m)| (p.to_owned(), m.to_owned())));
    assert_eq!(Code("ok").validate(), Ok(()));
}

#[test]
fn one_sided_bounds_and_model_bounds_are_worded_as_the_protocol_expects() {
    let messages = |f: &dyn Fn(&Path<'_>, &mut Violations)| -> Vec<String> {
        let mut out = Violations::default();
        f(&Path::Root("Input").field("v", "v"), &mut out);
        out.into_error()
            .map(|e| {
                e.violations
                    .into_iter()
                    .map(|v| v.protocol_message)
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(
        messages(&|p, out| check_length("a", Some(2), None, p, out)),
        ["Value with length 1 at '/v' failed to satisfy constraint: Member must have length greater than or equal to 2"]
    );
    assert_eq!(
        messages(&|p, out| check_range(&2.1_f32, Some(2.2), Some(8.8), p, out)),
        ["Value at '/v' failed to satisfy constraint: Member must be between 2.2 and 8.8, inclusive"]
    );
    assert_eq!(
        messages(&|p, out| check_range(&9_i8, None, Some(8.0), p, out)),
        ["Value at '/v' failed to satisfy constraint: Member must be less than or equal to 8"]
    );
    // A float written as its bound is within it, though `8.8_f32` is above `8.8_f64`.
    assert!(messages(&|p, out| check_range(&8.8_f32, Some(2.2), Some(8.8), p, out)).is_empty());
    // Longs compare exactly, beyond what an `f64` holds.
    assert!(messages(&|p, out| check_range(
        &i64::MAX,
        None,
        Some(9.223_372_036_854_776e18),
        p,
        out
    ))
    .is_empty());
    assert_eq!(
        messages(&|p, out| check_range(
            &(i64::MAX - 1),
            Some(9.223_372_036_854_776e18),
            None,
            p,
            out
        ))
        .len(),
        1
    );
}

#[test]
fn sensitive_values_are_never_shown() {
    let mut out = Violations::default();
    let root = Path::Root("Input");
    let secret = root.sensitive_field("secret", "secret");
    check_range(&42, Some(50.0), None, &secret, &mut out);
    unknown_enum_value(&"hunter2", &["a"], &secret.index(0), &mut out);
    let err = out.into_error().unwrap();
    assert_eq!(
        err.violations[0].message,
        format!("value {REDACTED} is less than the minimum 50")
    );
    assert_eq!(
        err.violations[1].message,
        format!("`{REDACTED}` is not one of the allowed values")
    );
    assert!(!err.to_string().contains("42") && !err.to_string().contains("hunter2"));
    assert_eq!(err.violations[1].pointer, "/secret/0");
}

#[test]
fn unique_items_find_the_first_repeat() {
    let check = |f: &dyn Fn(&Path<'_>, &mut Violations)| {
        let mut out = Violations::default();
        f(&Path::Root("Input").field("list", "list"), &mut out);
        out.into_error().map(|e| {
            let v = &e.violations[0];
            (
                e.violations.len(),
                v.message.clone(),
                v.protocol_message.clone(),
            )
        })
    };
    let want = Some((
        1,
        "items 1 and 3 are equal".to_owned(),
        "Value at '/list' failed to satisfy constraint: Member must have unique values".to_owned(),
    ));
    assert_eq!(
        check(&|p, out| check_unique_hashed(&["a", "b", "c", "b", "a"], p, out)),
        want
    );
    assert_eq!(
        check(&|p, out| check_unique(&[vec![1], vec![2], vec![3], vec![2]], p, out)),
        want
    );
    assert_eq!(
        check(&|p, out| check_unique_hashed(&[Blob(vec![1]), Blob(vec![2])], p, out)),
        None
    );
    assert_eq!(check(&|p, out| check_unique::<bool>(&[], p, out)), None);
}

#[test]
fn unknown_union_members_are_kept_apart_from_violations() {
    let mut out = Violations::default();
    let root = Path::Root("Input");
    out.unknown_union_member(&root.field("union", "union"), "other");
    out.unknown_union_member(&root.field("second", "second"), "later");
    assert_eq!(
        out.unknown_member(),
        Some("unknown member `other` of the union at `/union`")
    );
    assert!(out.into_error().is_none());
}

#[test]
fn unit_validates_as_nothing() {
    assert_eq!(().validate(), Ok(()));
}

/// A server's `ValidationException`: every violation, counted and in order, each with its
/// pointer; an unknown union member makes the request malformed instead.
#[cfg(feature = "http")]
#[test]
fn servers_reject_violations_with_a_validation_exception() {
    use runtime::protocol::Rejection;

    struct Input(&'static str, i32, bool);
    impl Validate for Input {
        const NAME: &'static str = "Input";
        fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
            check_length(self.0, Some(2), Some(8), &path.field("name", "Name"), out);
            check_range(&self.1, Some(1.0), None, &path.field("count", "count"), out);
            if self.2 {
                out.unknown_union_member(&path.field("choice", "choice"), "other");
            }
        }
    }

    assert_eq!(Rejection::check(&Input("abc", 1, false)), Ok(()));
    let rejection = Rejection::check(&Input("a", 0, false)).unwrap_err();
    let response = rejection.into_response();
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.headers()["x-amzn-errortype"],
        "ValidationException"
    );
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    let length = "Value with length 1 at '/Name' failed to satisfy constraint: \
                  Member must have length between 2 and 8, inclusive";
    let range =
        "Value at '/count' failed to satisfy constraint: Member must be greater than or equal to 1";
    assert_eq!(
        body,
        serde_json::json!({
            "message": format!("2 validation errors detected. {length}; {range}"),
            "fieldList": [
                { "message": length, "path": "/Name" },
                { "message": range, "path": "/count" },
            ],
        })
    );
    // An unknown union member is malformed, whatever else is wrong.
    assert!(matches!(
        Rejection::check(&Input("a", 0, true)),
        Err(Rejection::Serialization(m)) if m.contains("`other`") && m.contains("`/choice`")
    ));
    // A missing required member reads the same way.
    let missing = Rejection::missing("list/0/hi").into_response();
    let body: serde_json::Value = serde_json::from_slice(missing.body()).unwrap();
    assert_eq!(
        body["fieldList"][0],
        serde_json::json!({
            "message": "Value at '/list/0/hi' failed to satisfy constraint: Member must not be null",
            "path": "/list/0/hi",
        })
    );
}

/// `^[a-z]{2,3}$` as the generator hands over one too large for `regex` as written.
static COUNTED: Pattern = Pattern::counted("^[a-z]{2,3}$", "^[a-z]*$", 2, 3);

#[test]
fn a_counted_pattern_checks_the_class_and_the_length_in_characters() {
    let ok = |v: &str| {
        let mut out = Violations::default();
        COUNTED.check(v, &Path::Root("Code"), &mut out);
        out.into_error().is_none()
    };
    assert!(ok("ab") && ok("abc"));
    assert!(!ok("a") && !ok("abcd") && !ok("aB"));
}

/// A pattern that needs backtracking (a back-reference) and is catastrophic on such an
/// engine: the match stops at `BACKTRACK_LIMIT` steps and the value is rejected.
static NESTED: Pattern = Pattern::backtracking("^(a*)*\\1b$", "^(a*)*\\1b$");

#[test]
fn a_backtracking_match_that_exceeds_its_bound_rejects_the_value() {
    let mut out = Violations::default();
    let started = std::time::Instant::now();
    NESTED.check(
        &format!("{}c", "a".repeat(40)),
        &Path::Root("Code"),
        &mut out,
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    let err = out.into_error().expect("rejected");
    assert!(err.to_string().contains("steps"), "{err}");
    let mut out = Violations::default();
    NESTED.check("aaaab", &Path::Root("Code"), &mut out);
    assert!(out.into_error().is_none());
}

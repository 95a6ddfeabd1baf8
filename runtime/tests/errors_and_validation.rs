//! Unhandled errors, `Debug` redaction and constraint checks.

use std::collections::BTreeMap;

use runtime::{
    check_length, check_range, unknown_enum_value, validate_items, validate_values, Path, Pattern,
    Redacted, UnhandledError, Validate, Violation, Violations, REDACTED,
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
    let field = Path::Field(&root, "tags");
    let key = Path::Key(&field, "k\"1");
    let index = Path::Index(&key, 3);
    assert_eq!(index.to_string(), r#"Input.tags["k\"1"][3]"#);
    // The helpers build the same paths.
    assert_eq!(
        root.field("tags").key("k\"1").index(3).to_string(),
        index.to_string()
    );
}

struct Sample {
    name: String,
    count: i32,
    items: Vec<u8>,
}

static LETTERS: Pattern = Pattern::new("^[a-z]+$");
static BROKEN: Pattern = Pattern::new("(");

impl Validate for Sample {
    const NAME: &'static str = "Sample";

    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        let p = Path::Field(path, "name");
        check_length(&self.name, Some(2), Some(4), &p, out);
        LETTERS.check(&self.name, &p, out);
        check_range(
            &self.count,
            Some(1.0),
            Some(10.0),
            &Path::Field(path, "count"),
            out,
        );
        check_length(&self.items, None, Some(1), &Path::Field(path, "items"), out);
        BROKEN.check(&self.name, &Path::Field(path, "broken"), out);
        unknown_enum_value(&"GOLD", &Path::Field(path, "tier"), out);
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
        .map(|Violation { path, message }| (path.as_str(), message.as_str()))
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

static LOWERCASE: Pattern = Pattern::new("^[a-z]*$");

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
        validate_items(&self.list, &path.field("list"), out);
        validate_values(&self.map, &path.field("map"), out);
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

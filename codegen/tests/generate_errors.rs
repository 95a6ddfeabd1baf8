//! Models that load but cannot be generated faithfully are errors naming the shape and
//! its location, never a panic and never a silently changed value.

use std::sync::Arc;

fn generate(body: &str) -> Result<codegen::Files, String> {
    generate_warnings(body).map(|g| g.files)
}

fn error_of(body: &str) -> String {
    generate(body).expect_err("generation should fail")
}

#[test]
fn out_of_range_integer_defaults_are_rejected() {
    let err = error_of("structure In {\n    b: Byte = 300\n}");
    assert!(
        err.contains("x#In$b") && err.contains("@default 300 is not a valid value"),
        "{err}"
    );
    assert!(err.starts_with("m.smithy:7:5"), "{err}");
    assert!(error_of("structure In {\n    i: Integer = 1.5\n}").contains("@default 1.5"));
}

#[test]
fn timestamp_and_blob_defaults_must_parse() {
    let err = error_of("structure In {\n    t: Timestamp = \"yesterday\"\n}");
    assert!(
        err.contains("@default \"yesterday\" is not a valid value"),
        "{err}"
    );
    let err = error_of("structure In {\n    b: Blob = \"not base64!\"\n}");
    assert!(err.contains("@default \"not base64!\""), "{err}");
}

#[test]
fn valid_timestamp_and_blob_defaults_are_emitted_as_values() {
    let files = generate(
        "structure In {\n    t: Timestamp = \"2024-01-02T03:04:05.5Z\"\n    b: Blob = \"aGk=\"\n}",
    )
    .unwrap();
    let types = &files["src/s/types.rs"];
    assert!(
        types.contains("DateTime::from_parts(1704164645i64, 500000000u32)"),
        "{types}"
    );
    assert!(types.contains("Blob(vec![104u8, 105u8])"), "{types}");
}

#[test]
fn enum_defaults_must_be_enum_values() {
    let err = error_of("structure In {\n    e: E = \"purple\"\n}\nenum E {\n    RED = \"red\"\n}");
    assert!(
        err.contains("@default \"purple\" is not a valid value of `x#E`"),
        "{err}"
    );
    assert!(
        generate("structure In {\n    e: E = \"red\"\n}\nenum E {\n    RED = \"red\"\n}").is_ok()
    );
}

/// `codegen::generate` of the test model: the files and the warnings.
fn generate_warnings(body: &str) -> Result<codegen::Generated, String> {
    let text = format!(
        "$version: \"2\"\nnamespace x\nservice S {{ operations: [Op] }}\n\
         @http(method: \"POST\", uri: \"/\")\noperation Op {{ input: In }}\n{body}\n"
    );
    let model = codegen::model::load_sources(&[(Arc::from("m.smithy"), text)])
        .map_err(|e| format!("load: {e}"))?;
    let options = codegen::CrateOptions {
        crate_name: "x".into(),
        version: "0.0.0".into(),
        protocols: Vec::new(),
    };
    codegen::generate(&model, &options, None).map_err(|e| e.to_string())
}

#[test]
fn patterns_no_policy_step_reads_generate_with_a_located_warning() {
    let generated = generate_warnings("structure In {\n    @pattern(\"([\")\n    s: String\n}")
        .expect("a pattern never fails generation");
    let [warning] = &generated.warnings[..] else {
        panic!("{:?}", generated.warnings);
    };
    assert!(warning.starts_with("m.smithy:8:5"), "located: {warning}");
    assert!(
        warning.contains("x#In$s") && warning.contains("`([` is not enforced"),
        "{warning}"
    );
    // Documented, not checked.
    let types = &generated.files["src/s/types.rs"];
    assert!(types.contains("not enforced"), "{types}");
    assert!(!generated.files["src/s/validate.rs"].contains("rt::Pattern"));
    // Look-around, Unicode properties and `\u` escapes are ECMA 262 (AWS TagKey
    // patterns); Annex B and Java forms are translated: no warning.
    for pattern in [
        r#"^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$"#,
        r#"(?<=a)b"#,
        r#"^\\u0041\\u{1F600}$"#,
        r#"^[\\w-_]+$"#,
        r#"^[\\p{Print}&&[^|:/]]+$"#,
    ] {
        let body = format!("structure In {{\n    @pattern(\"{pattern}\")\n    s: String\n}}");
        let generated = generate_warnings(&body).expect("generates");
        assert!(
            generated.warnings.is_empty(),
            "{pattern}: {:?}",
            generated.warnings
        );
    }
}

#[test]
fn members_targeting_operations_are_rejected() {
    let err = error_of("structure In {\n    op: Op\n}");
    assert!(err.contains("x#In$op"), "{err}");
}

fn generate_http(http: &str, input: &str) -> Result<codegen::Files, String> {
    let text = format!(
        "$version: \"2\"\nnamespace x\nservice S {{ operations: [Op] }}\n\
         @http({http})\noperation Op {{ input: In }}\nstructure In {{\n{input}\n}}\n"
    );
    let model = codegen::model::load_sources(&[(Arc::from("m.smithy"), text)])
        .map_err(|e| format!("load: {e}"))?;
    let options = codegen::CrateOptions {
        crate_name: "x".into(),
        version: "0.0.0".into(),
        protocols: Vec::new(),
    };
    codegen::generate_crate(&model, &options).map_err(|e| e.to_string())
}

#[test]
fn http_bindings_must_be_consistent() {
    let label = "    @required\n    @httpLabel\n    id: String";
    assert!(generate_http("method: \"GET\", uri: \"/things/{id}\"", label).is_ok());
    assert!(generate_http("method: \"GET\", uri: \"/things/{id+}?x=y\"", label).is_ok());
    for (http, input, expected) in [
        (
            "method: \"GET\", uri: \"/{nope}\"",
            "",
            "has label `nope`, but the input has no such member",
        ),
        (
            "method: \"GET\", uri: \"/{id}\"",
            "    id: String",
            "needs its input member to be @httpLabel and @required",
        ),
        (
            "method: \"GET\", uri: \"/things\"",
            label,
            "`id` does not appear in the @http uri",
        ),
        (
            "method: \"GET\", uri: \"/\", code: 999999",
            "",
            "code 999999 is not an HTTP status code",
        ),
        (
            "method: \"GET\", uri: \"things\"",
            "",
            "needs a `uri` starting with `/`",
        ),
    ] {
        let err = generate_http(http, input).expect_err(http);
        assert!(
            err.contains(expected) && err.contains("x#Op"),
            "{http}: {err}"
        );
    }
}

#[test]
fn numeric_defaults_beyond_their_type_are_rejected_and_big_ones_kept_exactly() {
    // Exact numbers reach the checks: no f64 or 64-bit integer holds these.
    for (member, value) in [
        ("Double", "1.7976931348623157E+309"),
        ("Long", "9223372036854775808"),
        ("BigInteger", "1.5"),
        ("BigInteger", "1e30"),
        ("Document", "[1e400]"),
    ] {
        let err = error_of(&format!("structure In {{\n    m: {member} = {value}\n}}"));
        assert!(
            err.contains("is not a valid value"),
            "{member} {value}: {err}"
        );
    }
    let files = generate(
        "structure In {\n    i: BigInteger = -123456789012345678901234567890\n    \
         d: BigDecimal = 1e-400\n    z: BigDecimal = 0e-400\n}",
    )
    .unwrap();
    let types = &files["src/s/types.rs"];
    for expected in [
        r#"rt::BigInteger("-123456789012345678901234567890".to_owned())"#,
        r#"rt::BigDecimal("1e-400".to_owned())"#,
    ] {
        assert!(types.contains(expected), "{expected} in {types}");
    }
    // `In` is the operation's input, so its defaulted members are `Option`s that
    // `with_defaults()` fills, the zero one spelled out too.
    assert_eq!(types.matches("rt::BigDecimal(").count(), 2, "{types}");
}

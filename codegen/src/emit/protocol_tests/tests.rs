//! [`values`] on a small model with one member of every kind, and [`expand_malformed`].

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use serde_json::{json, Value};

use super::values::{self, Paths};
use super::*;
use crate::ir::{self, Home, Symbol, Ty, TypeKind};
use crate::model::traits::{MalformedBody, MalformedRequest, MalformedResponse};
use crate::model::ShapeId;

const MODEL: &str = r#"
$version: "2"
namespace t

service S { version: "1", operations: [Op] }

operation Op { input: In, output: Out, errors: [Oops] }

structure In {
    @required req: String
    @required count: Integer
    opt: Long
    @default(5) def: Integer
    @idempotencyToken token: String
    byte: Byte
    short: Short
    float: Float
    double: Double
    big: BigInteger
    dec: BigDecimal
    blob: Blob
    ts: Timestamp
    doc: Document
    color: Color
    num: Num
    choice: Choice
    list: Strings
    sparse: SparseStrings
    map: IntMap
    sparseMap: SparseMap
    tree: Tree
}

@output
structure Out {
    @required name: String
    @required color: Color
    @required num: Num
    @required tree: Tree
    list: Strings
}

@error("client")
structure Oops { message: String }

enum Color {
    RED
    GREEN
}
intEnum Num {
    ONE = 1
    TWO = 2
}
union Choice { s: String, unit: Unit, again: Choice }
list Strings { member: String }
@sparse list SparseStrings { member: String }
map IntMap { key: String, value: Integer }
@sparse map SparseMap { key: String, value: String }
structure Tree { child: Tree, value: Integer }
"#;

static SERVICE: LazyLock<ir::Service> = LazyLock::new(|| {
    let model = crate::model::load_sources(&[(Arc::from("t.smithy"), MODEL.to_owned())])
        .unwrap_or_else(|e| panic!("{e}"));
    let mut krate = crate::lower(&model).unwrap_or_else(|e| panic!("{e}"));
    krate.services.remove(0)
});

fn symbol(name: &str, home: Home) -> Symbol {
    Symbol {
        name: crate::naming::type_name(name),
        home,
    }
}

/// The fields of structure `In`.
fn in_fields() -> &'static [ir::Field] {
    let Some(TypeKind::Struct(def)) = SERVICE
        .types
        .get(&crate::naming::type_name("In"))
        .map(|d| &d.kind)
    else {
        panic!("no structure In");
    };
    &def.fields
}

/// The type of member `member` of structure `In`.
fn ty(member: &str) -> Ty {
    in_fields()
        .iter()
        .find(|f| f.id.member() == Some(member))
        .map(|f| f.ty.clone())
        .unwrap_or_else(|| panic!("no member {member}"))
}

/// The tokens as text without spaces (in strings too), for comparison.
fn flat(tokens: proc_macro2::TokenStream) -> String {
    syn::parse2::<syn::Expr>(tokens.clone()).unwrap_or_else(|e| panic!("{e}: {tokens}"));
    tokens.to_string().replace(' ', "")
}

/// The expression for member `member` of `In` holding `node`.
fn value(member: &str, node: Value) -> Result<String, String> {
    values::value(&SERVICE, &Paths::in_service(), &ty(member), &node).map(flat)
}

fn structure(name: &str, home: Home, node: Value) -> Result<String, String> {
    values::structure(&SERVICE, &Paths::in_service(), &symbol(name, home), &node).map(flat)
}

fn ok(member: &str, node: Value) -> String {
    value(member, node).unwrap_or_else(|e| panic!("{e}"))
}

/// The error for member `member` holding `node`; it must contain `part`.
fn fails(member: &str, node: Value, part: &str) {
    match value(member, node) {
        Ok(v) => panic!("expected an error, got {v}"),
        Err(e) => assert!(e.contains(part), "{e:?} does not contain {part:?}"),
    }
}

#[test]
fn integers_carry_their_suffix_and_range() {
    assert_eq!(ok("byte", json!(5)), "5i8");
    assert_eq!(ok("short", json!(-3)), "-3i16");
    assert_eq!(ok("count", json!(7)), "7i32");
    assert_eq!(ok("opt", json!(i64::MIN)), "-9223372036854775808i64");
    fails("byte", json!(200), "$: 200 is out of the range of i8");
    fails(
        "count",
        json!(1.5),
        "expected an integer (i32), found the number 1.5",
    );
    fails("opt", json!(u64::MAX), "expected an integer (i64)");
    fails("opt", json!("1"), "found the string \"1\"");
}

#[test]
fn floats_and_their_non_finite_strings() {
    assert_eq!(ok("float", json!(1.5)), "1.5f32");
    assert_eq!(ok("float", json!(3)), "3.0f32");
    assert_eq!(ok("double", json!(-2.5)), "-2.5f64");
    assert_eq!(ok("double", json!(1e300)), "1e300f64");
    assert_eq!(ok("float", json!("NaN")), "f32::NAN");
    assert_eq!(ok("double", json!("Infinity")), "f64::INFINITY");
    assert_eq!(ok("double", json!("-Infinity")), "f64::NEG_INFINITY");
    fails("float", json!("nan"), "expected a number, \"NaN\"");
    fails("float", json!(1e39), "out of the range of f32");
}

#[test]
fn big_numbers_keep_their_decimal_text() {
    assert_eq!(
        ok("big", json!(123)),
        r#"rt::BigInteger(String::from("123"))"#
    );
    let digits = "-123456789012345678901234567890";
    assert_eq!(
        ok("big", json!(digits)),
        format!("rt::BigInteger(String::from(\"{digits}\"))")
    );
    assert_eq!(
        ok("dec", json!(1.5)),
        r#"rt::BigDecimal(String::from("1.5"))"#
    );
    // Beyond what plain digits should spell out, the number's own exponent text.
    assert_eq!(
        ok("dec", json!(1e300)),
        r#"rt::BigDecimal(String::from("1e+300"))"#
    );
    // Digits beyond f64, which the loader keeps in exponent form, written out.
    let exact: serde_json::Value = serde_json::from_str("0.100000000000000000000001").unwrap();
    assert_eq!(
        ok("dec", exact),
        r#"rt::BigDecimal(String::from("0.100000000000000000000001"))"#
    );
    assert_eq!(
        ok("dec", json!("-1.5E+10")),
        r#"rt::BigDecimal(String::from("-1.5E+10"))"#
    );
    fails("big", json!(1.5), "1.5 is not a whole number (bigInteger)");
    fails("big", json!("1.5"), "expected a number or its decimal text");
    fails(
        "dec",
        json!("1.5e"),
        "expected a number or its decimal text",
    );
    fails("dec", json!("abc"), "(bigDecimal)");
}

#[test]
fn blobs_strings_and_documents() {
    assert_eq!(ok("blob", json!("hi\n")), r#"rt::Blob(b"hi\n".to_vec())"#);
    assert_eq!(ok("req", json!("é\"")), r#"String::from("é\"")"#);
    fails(
        "blob",
        json!([1, 2]),
        "expected a string (a blob's bytes), found an array",
    );
    assert_eq!(ok("doc", json!(null)), "serde_json::Value::Null");
    assert_eq!(
        ok("doc", json!({})),
        "serde_json::Value::Object(serde_json::Map::new())"
    );
    let doc = ok("doc", json!({"a": [1, -2, 1.5, null, "s", true]}));
    for part in [
        "(String::from(\"a\"),",
        "from(1u64)",
        "from(-2i64)",
        "from(1.5f64)",
    ] {
        assert!(doc.contains(part), "{doc} lacks {part}");
    }
}

#[test]
fn timestamps_are_exact_to_the_nanosecond() {
    let ts = |node: Value| ok("ts", node);
    assert_eq!(ts(json!(1)), "rt::DateTime::from_parts(1,0)");
    assert_eq!(ts(json!(1.1)), "rt::DateTime::from_parts(1,100000000)");
    assert_eq!(ts(json!(-1.5)), "rt::DateTime::from_parts(-2,500000000)");
    assert_eq!(ts(json!(1e9)), "rt::DateTime::from_parts(1000000000,0)");
    assert_eq!(
        ts(json!("1970-01-01T00:00:01.25Z")),
        "rt::DateTime::from_parts(1,250000000)"
    );
    fails("ts", json!(1e-10), "finer than a nanosecond");
    fails("ts", json!(1e300), "out of the range of epoch seconds");
    fails("ts", json!("yesterday"), "not an RFC 3339 date-time");
    fails(
        "ts",
        json!(true),
        "expected epoch seconds or an RFC 3339 string",
    );
}

#[test]
fn enums_take_listed_and_unknown_values() {
    assert_eq!(ok("color", json!("RED")), r#"super::Color::from("RED")"#);
    assert_eq!(
        ok("color", json!("PURPLE")),
        r#"super::Color::from("PURPLE")"#
    );
    assert_eq!(ok("num", json!(2)), "super::Num::from(2i32)");
    fails("color", json!(1), "a value of enum `Color`");
    fails("num", json!(1e10), "expected an integer (i32)");
}

#[test]
fn unions_name_their_one_member() {
    assert_eq!(
        ok("choice", json!({"s": "x"})),
        r#"super::Choice::S(String::from("x"))"#
    );
    assert_eq!(ok("choice", json!({"unit": {}})), "super::Choice::Unit");
    assert_eq!(
        ok("choice", json!({"again": {"unit": {}}})),
        "super::Choice::Again(Box::new(super::Choice::Unit))"
    );
    fails("choice", json!({}), "found an object with 0 members");
    fails("choice", json!({"s": "a", "unit": {}}), "with 2 members");
    fails(
        "choice",
        json!({"nope": 1}),
        "$.nope: union `Choice` has no member `nope`",
    );
    fails(
        "choice",
        json!({"unit": 1}),
        "$.unit: expected {} (a unit member)",
    );
}

#[test]
fn collections_keep_nulls_only_when_sparse() {
    assert_eq!(ok("list", json!([])), "Vec::new()");
    assert_eq!(ok("list", json!(["a"])), r#"vec![String::from("a")]"#);
    assert_eq!(
        ok("sparse", json!([null, "a"])),
        r#"vec![None,Some(String::from("a"))]"#
    );
    fails(
        "list",
        json!(["a", null]),
        "$[1]: null in a collection that is not @sparse",
    );
    assert_eq!(ok("map", json!({})), "std::collections::BTreeMap::new()");
    assert_eq!(
        ok("map", json!({"a": 1})),
        r#"std::collections::BTreeMap::from([(String::from("a"),1i32)])"#
    );
    assert_eq!(
        ok("sparseMap", json!({"a": null})),
        r#"std::collections::BTreeMap::from([(String::from("a"),None)])"#
    );
    fails(
        "map",
        json!({"a b": "x"}),
        r#"$["a b"]: expected an integer"#,
    );
}

#[test]
fn structures_use_new_then_struct_update() {
    let input = |node: Value| structure("In", Home::Types, node);
    let new = r#"super::In::new(String::from("r"),1i32)"#;
    assert_eq!(input(json!({"req": "r", "count": 1})).as_deref(), Ok(new));
    assert_eq!(
        input(json!({"req": "r", "count": 1, "opt": 5, "def": 7, "token": "t", "sparse": null})),
        Ok(format!(
            r#"super::In{{opt:Some(5i64),def:Some(7i32),token:Some(String::from("t")),..{new}}}"#
        ))
    );
    // Every field given: a plain struct literal.
    assert_eq!(
        structure(
            "Tree",
            Home::Types,
            json!({"child": {"value": 1}, "value": 2})
        )
        .as_deref(),
        Ok(
            "super::Tree{child:Some(Box::new(super::Tree{value:Some(1i32),\
            ..super::Tree::default()})),value:Some(2i32)}"
        )
    );
    assert_eq!(
        structure("Tree", Home::Types, json!({})).as_deref(),
        Ok("super::Tree::default()")
    );
    let err = |node: Value| input(node).expect_err("an error");
    assert_eq!(
        err(json!({"req": "r"})),
        "$.count: missing required member `count`"
    );
    assert_eq!(
        err(json!({"req": "r", "count": 1, "bogus": 1})),
        "$.bogus: structure `In` has no member `bogus`"
    );
    assert_eq!(
        err(json!({"req": "r", "count": 1, "tree": {"child": {"value": "x"}}})),
        "$.tree.child.value: expected an integer (i32), found the string \"x\""
    );
    assert_eq!(
        err(json!([])),
        "$: expected an object (structure `In`), found an array"
    );
}

#[test]
fn error_correction_fills_missing_required_members_of_outputs() {
    let out = |node: Value| structure("Out", Home::Types, node);
    assert_eq!(
        out(json!({"tree": {}})).as_deref(),
        Ok(
            "super::Out::new(Default::default(),super::Color::from(\"\"),super::Num::from(0i32),\
            super::Tree::default())"
        )
    );
    assert_eq!(
        out(json!({})).expect_err("an error"),
        "$.tree: missing required member `tree`"
    );
}

#[test]
fn errors_and_external_paths() {
    assert_eq!(
        structure("Oops", Home::Errors, json!({"message": "m"})).as_deref(),
        Ok(r#"super::Oops{message:Some(String::from("m"))}"#)
    );
    assert_eq!(
        structure("Nope", Home::Types, json!({})).expect_err("an error"),
        "$: `Nope` is not a structure of service `t#S`"
    );
    let paths = Paths::external("my-crate", &SERVICE);
    let blob = values::value(&SERVICE, &paths, &ty("blob"), &json!("")).map(flat);
    assert_eq!(
        blob.as_deref(),
        Ok(r#"my_crate::runtime::Blob(b"".to_vec())"#)
    );
    let color = values::value(&SERVICE, &paths, &ty("color"), &json!("RED")).map(flat);
    assert_eq!(color.as_deref(), Ok(r#"my_crate::s::Color::from("RED")"#));
}

#[test]
fn deep_nodes_are_refused_not_overflowing() {
    let mut doc = json!(1);
    let mut tree = json!({});
    for _ in 0..500 {
        doc = json!([doc]);
        tree = json!({ "child": tree });
    }
    fails("doc", doc, "nested deeper than");
    fails("tree", tree, "nested deeper than");
}

#[test]
fn no_node_panics() {
    let nodes = [
        json!(null),
        json!(true),
        json!(0),
        json!(-1),
        json!(1.5),
        json!(-1e308),
        json!(u64::MAX),
        json!(""),
        json!("NaN"),
        json!("-"),
        json!("1e99999"),
        json!("9".repeat(60)),
        json!([]),
        json!([null]),
        json!({}),
        json!({"a": null}),
        json!({"s": "x", "unit": {}}),
    ];
    for field in in_fields() {
        for node in &nodes {
            let _ = values::value(&SERVICE, &Paths::in_service(), &field.ty, node);
        }
    }
    for node in &nodes {
        let _ = structure("In", Home::Types, node.clone());
    }
}

fn malformed(params: &[(&str, &[&str])]) -> HttpMalformedRequestTestCase {
    let text = "$value:L|$value:S|${tag:L}|$$|$other:L|$ |$value:Q|$Value:L";
    HttpMalformedRequestTestCase {
        id: "Case".to_owned(),
        protocol: ShapeId::new("aws.protocols", "restJson1"),
        documentation: Some("doc $tag:L".to_owned()),
        request: MalformedRequest {
            method: "POST$tag:L".to_owned(),
            uri: "/x/$value:L".to_owned(),
            host: None,
            query_params: vec!["q=$value:L".to_owned()],
            headers: BTreeMap::from([("h-$tag:L".to_owned(), "$value:L".to_owned())]),
            body: Some(text.to_owned()),
        },
        response: MalformedResponse {
            code: 400,
            headers: BTreeMap::from([("r".to_owned(), "$tag:L".to_owned())]),
            body: Some(MalformedBody {
                media_type: "application/json".to_owned(),
                assertion: BodyAssertion::MessageRegex("^$value:L$$".to_owned()),
            }),
        },
        tags: vec!["$tag:L".to_owned()],
        test_parameters: params
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.iter().map(|s| (*s).to_owned()).collect()))
            .collect(),
    }
}

#[test]
fn malformed_cases_expand_per_parameter_index() {
    let case = malformed(&[("value", &["a", "q\"\u{1F44D}"]), ("tag", &["t0", "t1"])]);
    let expanded = expand_malformed(&case);
    let ids: Vec<&str> = expanded.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["Case_case0", "Case_case1"]);
    let (_, second) = &expanded[1];
    assert_eq!(second.id, "Case_case1");
    assert!(second.test_parameters.is_empty());
    assert_eq!(
        second.request.body.as_deref(),
        Some(r#"q"👍|"q\"\uD83D\uDC4D"|t1|$|$other:L|$ |$value:Q|$Value:L"#)
    );
    assert_eq!(second.request.uri, "/x/q\"👍");
    assert_eq!(
        second.request.method, "POST$tag:L",
        "the method is not formatted"
    );
    assert_eq!(second.request.query_params, ["q=q\"👍"]);
    assert_eq!(second.request.headers["h-t1"], "q\"👍");
    assert_eq!(second.response.headers["r"], "t1");
    assert_eq!(second.tags, ["t1"]);
    assert_eq!(second.documentation.as_deref(), Some("doc t1"));
    let regex = second.response.body.as_ref().map(|b| &b.assertion);
    assert_eq!(
        regex,
        Some(&BodyAssertion::MessageRegex("^q\"👍$".to_owned()))
    );
}

#[test]
fn malformed_cases_without_parameters_stay_as_written() {
    let case = malformed(&[]);
    assert_eq!(expand_malformed(&case), vec![("Case".to_owned(), case)]);
    // Lists of unequal length: as many cases as the shortest has values.
    let uneven = malformed(&[("value", &["a", "b", "c"]), ("tag", &["t0"])]);
    assert_eq!(expand_malformed(&uneven).len(), 1);
    assert!(expand_malformed(&malformed(&[("value", &[])])).is_empty());
}

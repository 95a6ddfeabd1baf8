//! The compliance checker is as strict as http-protocol-compliance-tests.rst: each test
//! feeds it what a codec with one mutation would send (a label that stops escaping, a
//! query value left unescaped, a listed header dropped, a forbidden key sent, a redacted
//! value that differs) and requires the check to fail. Each of these passed the earlier
//! checker, which decoded paths and queries before comparing, joined a missing header to
//! `""` and fell back to `Debug` text.

use std::panic::{catch_unwind, AssertUnwindSafe};

use protocol_conformance::check::{assert_same, check_request, request, ExpectedRequest};

/// Whether `check` fails (panics), its message kept quiet.
fn fails(check: impl FnOnce()) -> bool {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let failed = catch_unwind(AssertUnwindSafe(check)).is_err();
    std::panic::set_hook(hook);
    failed
}

fn expected<'a>(uri: &'a str) -> ExpectedRequest<'a> {
    ExpectedRequest {
        method: "GET",
        uri,
        ..ExpectedRequest::default()
    }
}

#[test]
fn the_path_is_compared_as_sent() {
    let want = expected("/labels/a%3Ab%2Fc");
    assert!(!fails(|| check_request(
        &request("GET", "/labels/a%3Ab%2Fc", &[], &[], None),
        &want
    )));
    // A label encoder that stops escaping `:`.
    assert!(fails(|| check_request(
        &request("GET", "/labels/a:b%2Fc", &[], &[], None),
        &want
    )));
    // One that escapes in lower case.
    assert!(fails(|| check_request(
        &request("GET", "/labels/a%3ab%2fc", &[], &[], None),
        &want
    )));
}

#[test]
fn query_values_are_compared_as_sent() {
    let want = ExpectedRequest {
        query_params: &["path=a%2Fb", "flag"],
        ..expected("/")
    };
    let ok = request("GET", "/", &["path=a%2Fb", "flag"], &[], None);
    assert!(!fails(|| check_request(&ok, &want)));
    // A query encoder that leaves `/` unescaped.
    let unescaped = request("GET", "/", &["path=a/b", "flag"], &[], None);
    assert!(fails(|| check_request(&unescaped, &want)));
    // `flag` and `flag=` are different requests.
    let with_equals = request("GET", "/", &["path=a%2Fb", "flag="], &[], None);
    assert!(fails(|| check_request(&with_equals, &want)));
}

#[test]
fn forbidden_and_required_keys_are_wire_form() {
    let forbid = ExpectedRequest {
        forbid_query_params: &["a%20b"],
        ..expected("/")
    };
    // The forbidden key, sent: the decoding checker compared `a b` with `a%20b`.
    let sent = request("GET", "/", &["a%20b=1"], &[], None);
    assert!(fails(|| check_request(&sent, &forbid)));
    let require = ExpectedRequest {
        require_query_params: &["a%20b"],
        ..expected("/")
    };
    assert!(!fails(|| check_request(&sent, &require)));
    let other_encoding = request("GET", "/", &["a+b=1"], &[], None);
    assert!(fails(|| check_request(&other_encoding, &require)));
}

#[test]
fn a_header_listed_with_an_empty_value_must_be_present() {
    let want = ExpectedRequest {
        headers: &[("X-Empty", "")],
        ..expected("/")
    };
    let sent = request("GET", "/", &[], &[("X-Empty", "")], None);
    assert!(!fails(|| check_request(&sent, &want)));
    // A header serializer that drops empty values.
    let dropped = request("GET", "/", &[], &[], None);
    assert!(fails(|| check_request(&dropped, &want)));
}

/// A value whose `Debug` is redacted, as `@sensitive` members' are.
#[derive(PartialEq)]
struct Secret(&'static str, f64);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Secret({}, {:?})",
            protocol_conformance::runtime::REDACTED,
            self.1
        )
    }
}

#[test]
fn values_are_compared_by_equality_not_debug_text() {
    // Redacted values print the same whatever they hold.
    assert!(fails(|| assert_same(&Secret("a", 1.0), &Secret("b", 1.0))));
    assert!(fails(|| assert_same(
        &Secret("a", f64::NAN),
        &Secret("b", f64::NAN)
    )));
    // NaN is the one reason equal values compare unequal.
    assert!(!fails(|| assert_same(&Some(f64::NAN), &Some(f64::NAN))));
    assert!(fails(|| assert_same(&Some(f64::NAN), &Some(1.0))));
    assert!(!fails(|| assert_same(&Secret("a", 1.0), &Secret("a", 1.0))));
}

/// `body` as a POST request's body checked against `want` in `media_type`: whether the
/// check passes.
fn body_passes(body: &str, want: &str, media_type: &str) -> bool {
    let expected = ExpectedRequest {
        method: "POST",
        uri: "/",
        body: Some(want),
        body_media_type: Some(media_type),
        ..ExpectedRequest::default()
    };
    let sent = request("POST", "/", &[], &[], Some(body.as_bytes()));
    !fails(|| check_request(&sent, &expected))
}

#[test]
fn xml_bodies_are_compared_as_trees() {
    let want = r#"
        <Input xmlns="https://example.com">
            <name>a b</name>
            <list><member>1</member><member>2</member></list>
            <map><entry><key>x</key><value>1</value></entry><entry><key>y</key><value>2</value></entry></map>
            <Nested xmlns:xsi="https://example.com" xsi:attr="v"></Nested>
        </Input>"#;
    // Layout, member order, attribute order and map entry order are not the document.
    let same = r#"<Input xmlns="https://example.com"><Nested xsi:attr="v" xmlns:xsi="https://example.com"/><map><entry><key>y</key><value>2</value></entry><entry><key>x</key><value>1</value></entry></map><list><member>1</member><member>2</member></list><name>a b</name></Input>"#;
    assert!(body_passes(same, want, "application/xml"));
    for differs in [
        // A list's items out of order.
        r#"<Input xmlns="https://example.com"><name>a b</name><list><member>2</member><member>1</member></list><map><entry><key>x</key><value>1</value></entry><entry><key>y</key><value>2</value></entry></map><Nested xmlns:xsi="https://example.com" xsi:attr="v"/></Input>"#,
        // Whitespace inside a text value.
        r#"<Input xmlns="https://example.com"><name>a  b</name><list><member>1</member><member>2</member></list><map><entry><key>x</key><value>1</value></entry><entry><key>y</key><value>2</value></entry></map><Nested xmlns:xsi="https://example.com" xsi:attr="v"/></Input>"#,
        // The namespace missing.
        r#"<Input><name>a b</name><list><member>1</member><member>2</member></list><map><entry><key>x</key><value>1</value></entry><entry><key>y</key><value>2</value></entry></map><Nested xmlns:xsi="https://example.com" xsi:attr="v"/></Input>"#,
        // An attribute's value.
        r#"<Input xmlns="https://example.com"><name>a b</name><list><member>1</member><member>2</member></list><map><entry><key>x</key><value>1</value></entry><entry><key>y</key><value>2</value></entry></map><Nested xmlns:xsi="https://example.com" xsi:attr="w"/></Input>"#,
        // Not XML at all.
        "name=a",
    ] {
        assert!(!body_passes(differs, want, "application/xml"), "{differs}");
    }
}

#[test]
fn form_bodies_are_compared_as_pairs_in_wire_form() {
    let want = "Action=Op&Version=2020-01-08&A.member.1=x%20y&B=1";
    assert!(body_passes(
        "Version=2020-01-08&B=1&Action=Op&A.member.1=x%20y",
        want,
        "application/x-www-form-urlencoded"
    ));
    for differs in [
        "Action=Op&Version=2020-01-08&A.member.1=x+y&B=1",
        "Action=Op&Version=2020-01-08&A.member.1=x%20y",
        "Action=Op&Version=2020-01-08&A.member.1=x%20y&B=1&B=1",
    ] {
        assert!(
            !body_passes(differs, want, "application/x-www-form-urlencoded"),
            "{differs}"
        );
    }
}

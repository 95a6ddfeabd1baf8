//! The XML protocols end to end on the fixtures of models/fixtures/xml.smithy: what the
//! generated bindings and descriptors make the runtime send and read (issue 21).
//!
//! - `library` (restXml, spec aws/protocols/aws-restxml-protocol.rst): restJson1's HTTP
//!   bindings with an XML body named by `@xmlName`, `@xmlAttribute`, `@xmlFlattened` and
//!   `@xmlNamespace` (spec protocol-traits.rst), a payload named by its member, errors in
//!   `<ErrorResponse><Error>`; its server reads back what its client writes.
//! - `mailbox` (awsQuery, aws-query-protocol.rst): a form POST with `Action` and
//!   `Version`, `.member.N` lists and `.entry.N` maps, responses in `<OpResult>`, errors by
//!   their `@awsQueryError` code.
//! - `fleet` (ec2Query, aws-ec2-query-protocol.rst): `@ec2QueryName` and capitalised keys,
//!   `Name.N` lists, `<Response><Errors>` errors.

use std::collections::BTreeMap;

use fixtures::runtime::protocol::{
    parse_request, parse_response, serialize_error, serialize_request, serialize_response,
    CallError,
};
use fixtures::runtime::xml::Element;
use fixtures::runtime::DateTime;
use fixtures::{fleet, library, mailbox};

const JAN_2_2024: i64 = 1_704_164_645; // 2024-01-02T03:04:05Z

fn header<'a>(headers: &'a http::HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .unwrap_or_else(|| panic!("no `{name}` in {headers:?}"))
        .to_str()
        .expect("ASCII")
}

fn xml(body: &[u8]) -> Element {
    Element::parse(body).unwrap_or_else(|e| panic!("{e}: {:?}", String::from_utf8_lossy(body)))
}

/// The text of the descendant at `path` (local names).
fn text<'a>(root: &'a Element, path: &[&str]) -> &'a str {
    path.iter()
        .fold(root, |e, name| {
            e.child(name)
                .unwrap_or_else(|| panic!("no <{name}> in {e:?}"))
        })
        .text()
}

/// The children of `element` named `name`, as text.
fn texts(element: &Element, name: &str) -> Vec<String> {
    element
        .children()
        .iter()
        .filter(|c| c.local_name() == name)
        .map(|c| c.text().to_owned())
        .collect()
}

/// A form body as `(key, value)` pairs, percent-decoded, sorted.
fn form(body: &[u8]) -> Vec<(String, String)> {
    fn decode(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'%' if i + 2 < bytes.len() => {
                    let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("ASCII");
                    out.push(u8::from_str_radix(hex, 16).expect("hex"));
                    i += 3;
                }
                b'+' => {
                    out.push(b' ');
                    i += 1;
                }
                b => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        String::from_utf8(out).expect("UTF-8")
    }
    let text = std::str::from_utf8(body).expect("a form is ASCII");
    let mut pairs: Vec<(String, String)> = text
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect();
    pairs.sort();
    pairs
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    pairs.sort();
    pairs
}

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .header("content-type", "text/xml")
        .body(body.as_bytes().to_vec())
        .expect("a response")
}

fn put_book() -> library::PutBookInput {
    let mut input = library::PutBookInput::new("b-1".into());
    input.revision = Some(3);
    input.title = Some("Dune & Co".into());
    input.language = Some("en".into());
    input.tags = Some(vec!["sf".into(), "classic".into()]);
    input.authors = Some(vec!["Frank".into(), "Brian".into()]);
    input.notes = Some(BTreeMap::from([("a".into(), "first".into())]));
    input.published = Some(DateTime::from_secs(JAN_2_2024));
    input.printed = Some(DateTime::from_secs(JAN_2_2024));
    input.edition = Some(library::Edition::Paperback);
    input
}

#[test]
fn rest_xml_binds_members_as_rest_json1_does_and_writes_the_rest_as_xml() {
    let request = serialize_request::<library::PutBook>(&put_book(), "https://lib.example.com")
        .expect("serializes");
    assert_eq!(request.method(), "PUT");
    assert_eq!(
        request.uri().to_string(),
        "https://lib.example.com/books/b-1"
    );
    assert_eq!(header(request.headers(), "x-revision"), "3");
    assert_eq!(header(request.headers(), "content-type"), "application/xml");

    let root = xml(request.body());
    // The input's `@xmlName`, in the service's namespace; `@xmlAttribute` on it.
    assert_eq!(root.name(), "Book");
    assert_eq!(
        root.attribute("xmlns"),
        Some("https://example.com/library/")
    );
    assert_eq!(root.attribute("lang"), Some("en"));
    // Bound members are not in the body.
    assert!(root.child("Id").is_none() && root.child("Revision").is_none());
    assert_eq!(text(&root, &["title"]), "Dune & Co");
    // Flattened: repeated `<Tag>` under the root, no wrapper.
    assert_eq!(texts(&root, "Tag"), ["sf", "classic"]);
    // Wrapped, items named by the list member's `@xmlName`.
    let authors = root.child("Authors").expect("<Authors>");
    assert_eq!(texts(authors, "author"), ["Frank", "Brian"]);
    // A flattened map: one `<Notes>` per entry, key and value named by their `@xmlName`.
    assert_eq!(text(&root, &["Notes", "name"]), "a");
    assert_eq!(text(&root, &["Notes", "text"]), "first");
    // Body timestamps default to date-time; `@timestampFormat` still applies.
    assert_eq!(text(&root, &["Published"]), "2024-01-02T03:04:05Z");
    assert_eq!(text(&root, &["Printed"]), JAN_2_2024.to_string());
    // A unit union member is an empty element.
    assert!(root
        .child("Edition")
        .and_then(|e| e.child("Paperback"))
        .is_some());
}

#[test]
fn a_rest_xml_server_reads_back_what_its_client_writes() {
    let request =
        serialize_request::<library::PutBook>(&put_book(), "http://localhost").expect("serializes");
    let input = parse_request::<library::PutBook>(&request).expect("parses");
    assert_eq!(input, put_book());
}

#[test]
fn rest_xml_output_namespaces_and_payloads_round_trip() {
    let output = library::PutBookOutput {
        e_tag: Some("v3".into()),
        shelf: Some(library::Shelf {
            row: Some(4),
            label: Some("SF".into()),
        }),
    };
    let response = serialize_response::<library::PutBook>(&output).expect("serializes");
    assert_eq!(header(response.headers(), "etag"), "v3");
    let root = xml(response.body());
    let shelf = root.child("Shelf").expect("<Shelf>");
    // The member's `@xmlNamespace`, with its prefix; `Row` an attribute of it.
    assert_eq!(
        shelf.attribute("xmlns:s"),
        Some("https://example.com/shelf")
    );
    assert_eq!(shelf.attribute("Row"), Some("4"));
    assert_eq!(text(shelf, &["Label"]), "SF");
    let read = parse_response::<library::PutBook>(&response).expect("reads");
    assert_eq!(read, output);

    let cover = library::GetCoverOutput {
        cover: Some(library::Cover {
            width: Some(600),
            image: Some(fixtures::runtime::Blob(b"png".to_vec())),
        }),
    };
    let response = serialize_response::<library::GetCover>(&cover).expect("serializes");
    let root = xml(response.body());
    // A payload's root element is its member's `@xmlName`, in the target's namespace.
    assert_eq!(root.name(), "BookCover");
    assert_eq!(root.attribute("xmlns"), Some("https://example.com/cover"));
    assert_eq!(text(&root, &["Image"]), "cG5n");
    assert_eq!(
        parse_response::<library::GetCover>(&response).expect("reads"),
        cover
    );
}

#[test]
fn a_rest_xml_error_travels_in_its_envelope() {
    let error = library::PutBookError::NotFound(library::NotFound {
        message: Some("no such book".into()),
    });
    let response = serialize_error::<library::PutBook>(&error).expect("serializes");
    assert_eq!(response.status(), 404);
    let root = xml(response.body());
    assert_eq!(root.name(), "ErrorResponse");
    assert_eq!(text(&root, &["Error", "Type"]), "Sender");
    assert_eq!(text(&root, &["Error", "Code"]), "NotFound");
    assert_eq!(text(&root, &["Error", "Message"]), "no such book");
    match parse_response::<library::PutBook>(&response) {
        Err(CallError::Service(e)) => assert_eq!(e, error),
        other => panic!("expected the modeled error, got {other:?}"),
    }
}

#[test]
fn aws_query_sends_a_form_with_action_version_and_query_keys() {
    let mut input = mailbox::SendMessageInput::new(vec!["ann".into(), "bob".into()]);
    input.body = Some("hi & bye".into());
    input.headers = Some(BTreeMap::from([("k".into(), "v".into())]));
    input.send_at = Some(DateTime::from_secs(JAN_2_2024));
    let request = serialize_request::<mailbox::SendMessage>(&input, "https://mail.example.com")
        .expect("serializes");
    assert_eq!(request.method(), "POST");
    assert_eq!(request.uri().path(), "/");
    assert!(
        header(request.headers(), "content-type").starts_with("application/x-www-form-urlencoded"),
        "{:?}",
        request.headers()
    );
    assert_eq!(
        form(request.body()),
        pairs(&[
            ("Action", "SendMessage"),
            ("Version", "2024-06-01"),
            ("Recipients.member.1", "ann"),
            ("Recipients.member.2", "bob"),
            // awsQuery keys: `@xmlName`, else the member name.
            ("Text", "hi & bye"),
            ("Headers.entry.1.key", "k"),
            ("Headers.entry.1.value", "v"),
            ("SendAt", "2024-01-02T03:04:05Z"),
        ])
    );
}

#[test]
fn aws_query_reads_results_and_errors_by_their_query_code() {
    let body = r#"<SendMessageResponse xmlns="https://example.com/mailbox/doc/2024-06-01/">
        <SendMessageResult><MessageId>m-1</MessageId></SendMessageResult>
        <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
    </SendMessageResponse>"#;
    let output =
        parse_response::<mailbox::SendMessage>(&response(200, body)).expect("reads the result");
    assert_eq!(output.message_id.as_deref(), Some("m-1"));

    let body = r#"<ErrorResponse><Error><Type>Sender</Type><Code>MailboxFull</Code>
        <Message>full</Message></Error><RequestId>r-2</RequestId></ErrorResponse>"#;
    match parse_response::<mailbox::SendMessage>(&response(409, body)) {
        Err(CallError::Service(mailbox::SendMessageError::MailboxFull(e))) => {
            assert_eq!(e.message.as_deref(), Some("full"));
        }
        other => panic!("expected MailboxFull, got {other:?}"),
    }
    // The code is the `@awsQueryError` one, and so is the status.
    assert_eq!(
        (mailbox::MailboxFull::CODE, mailbox::MailboxFull::STATUS),
        ("MailboxFull", 409)
    );
    assert_eq!(
        (fleet::VesselBusy::CODE, fleet::VesselBusy::STATUS),
        ("Vessel.Busy", 503)
    );
}

#[test]
fn ec2_query_capitalises_keys_and_numbers_list_items() {
    let input = fleet::StartVesselsInput {
        vessel_ids: Some(vec!["v-1".into(), "v-2".into()]),
        dry_run: Some(true),
        why: Some("drill".into()),
    };
    let request = serialize_request::<fleet::StartVessels>(&input, "https://fleet.example.com")
        .expect("serializes");
    assert_eq!(
        form(request.body()),
        pairs(&[
            ("Action", "StartVessels"),
            ("Version", "2024-07-01"),
            // `@ec2QueryName`, lists as `Name.N` whatever their member's name.
            ("VesselId.1", "v-1"),
            ("VesselId.2", "v-2"),
            ("DryRun", "true"),
            ("Reason", "drill"),
        ])
    );

    let body = r#"<StartVesselsResponse xmlns="https://example.com/fleet/doc/2024-07-01/">
        <requestId>r-1</requestId><vesselSet><item>v-1</item><item>v-2</item></vesselSet>
    </StartVesselsResponse>"#;
    let output = parse_response::<fleet::StartVessels>(&response(200, body)).expect("reads");
    assert_eq!(output.vessels, Some(vec!["v-1".into(), "v-2".into()]));

    let body = r#"<Response><Errors><Error><Code>Vessel.Busy</Code><Message>busy</Message>
        </Error></Errors><RequestID>r-2</RequestID></Response>"#;
    match parse_response::<fleet::StartVessels>(&response(503, body)) {
        Err(CallError::Service(fleet::StartVesselsError::VesselBusy(e))) => {
            assert_eq!(e.message.as_deref(), Some("busy"));
        }
        other => panic!("expected VesselBusy, got {other:?}"),
    }
}

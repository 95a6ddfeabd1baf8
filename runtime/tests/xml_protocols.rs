//! The XML protocols' plumbing (feature `xml`): hand-written operations, as the generator
//! writes them, driven through `protocol::{serialize_request, parse_response,
//! parse_request, serialize_response, serialize_error}` in restXml, awsQuery and
//! ec2Query: the requests' bytes, outputs and errors read from the suites' documents
//! (restXml/errors.smithy, awsQuery/xml-errors.smithy, ec2Query/xml-errors.smithy), and
//! the error documents a restXml server writes.
//!
//! The runtime is compiled as a module named `rt`, as in a generated crate, so that its
//! `operation_error!` and `error_enum!` macros work here unchanged.
#![cfg(all(feature = "xml", feature = "http"))]

#[path = "../src/lib.rs"]
#[allow(
    dead_code,
    unused_imports,
    unused_macros,
    clippy::wrong_self_convention
)]
mod runtime;

use runtime as rt;

use rt::protocol::{
    parse_request, parse_response, serialize_error, serialize_request, serialize_response,
    BuildError, CallError, HttpResponse, Input, Output, ParseError, Rejection, RequestBuilder,
    ResponseBuilder, ServerRequest,
};
use rt::xml::{List, Member, Namespace, Shape, Structure, Value};
use rt::TimestampFormat as Ts;
use serde::{Deserialize, Serialize};

const NS: Namespace = Namespace {
    uri: "https://example.com/",
    prefix: None,
};

/// A member whose serde key, element and query key are `name`.
const fn member(name: &'static str, value: Value) -> Member {
    Member {
        key: name,
        name,
        query: name,
        attribute: false,
        flattened: false,
        namespace: None,
        value,
    }
}

static STRINGS: List = List {
    member: "member",
    namespace: None,
    item: Value::Text,
};

// ---------------------------------------------------------------------------------------
// The shapes: an input with a label, a header and body members; an output with a header;
// a client error with a header; a server error with no members.

#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
struct GreetInput {
    #[serde(skip)]
    name: String,
    #[serde(skip)]
    greeting: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<String>>,
}

static GREET_INPUT: Structure = Structure {
    name: "GreetRequest",
    namespace: None,
    members: &[
        member("message", Value::Text),
        member("tags", Value::List(&STRINGS)),
    ],
};

impl Shape for GreetInput {
    const XML: &'static Structure = &GREET_INPUT;
}

impl rt::Validate for GreetInput {
    const NAME: &'static str = "GreetInput";
    fn validate_at(&self, _: &rt::Path<'_>, _: &mut rt::Violations) {}
}

/// restXml's input: bindings, then the body.
impl Input for GreetInput {
    fn write(&self, r: &mut RequestBuilder) -> Result<(), BuildError> {
        r.label("name", &self.name, Ts::DateTime)?;
        r.header("X-Greeting", &self.greeting, Ts::HttpDate)?;
        r.xml_body(self)
    }

    fn read(r: &ServerRequest<'_>) -> Result<Self, Rejection> {
        let mut v: Self = r.xml_body()?;
        v.name = r.label("name", Ts::DateTime)?;
        v.greeting = r.header("X-Greeting", "greeting", Ts::HttpDate)?;
        Ok(v)
    }
}

/// The same input in a query protocol: the whole input as a form.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
#[serde(transparent)]
struct QueryGreetInput(GreetInput);

impl Shape for QueryGreetInput {
    const XML: &'static Structure = &GREET_INPUT;
}

impl rt::Validate for QueryGreetInput {
    const NAME: &'static str = "GreetInput";
    fn validate_at(&self, _: &rt::Path<'_>, _: &mut rt::Violations) {}
}

impl Input for QueryGreetInput {
    fn write(&self, r: &mut RequestBuilder) -> Result<(), BuildError> {
        r.form(self)
    }

    fn read(r: &ServerRequest<'_>) -> Result<Self, Rejection> {
        r.form_input()
    }
}

#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
struct GreetOutput {
    #[serde(skip)]
    greeting: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    count: Option<i32>,
}

static GREET_OUTPUT: Structure = Structure {
    name: "GreetOutput",
    namespace: None,
    members: &[
        member("message", Value::Text),
        member("count", Value::Number),
    ],
};

impl Shape for GreetOutput {
    const XML: &'static Structure = &GREET_OUTPUT;
}

impl Output for GreetOutput {
    const CONTENT_TYPE: &'static str = "application/xml";

    fn read(r: &HttpResponse<'_>) -> Result<Self, ParseError> {
        let mut v: Self = r.xml_body()?;
        v.greeting = r.header("X-Greeting", Ts::HttpDate)?;
        Ok(v)
    }

    fn write(&self, r: &mut ResponseBuilder) -> Result<(), BuildError> {
        r.header("X-Greeting", &self.greeting, Ts::HttpDate)?;
        r.xml_body(self)
    }
}

#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
struct InvalidGreeting {
    #[serde(rename = "Message", default, skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    #[serde(rename = "TopLevel", default, skip_serializing_if = "Option::is_none")]
    top_level: Option<String>,
    #[serde(skip)]
    header: Option<String>,
}

static INVALID_GREETING: Structure = Structure {
    name: "InvalidGreeting",
    namespace: None,
    members: &[
        member("Message", Value::Text),
        member("TopLevel", Value::Text),
    ],
};

impl Shape for InvalidGreeting {
    const XML: &'static Structure = &INVALID_GREETING;
}

rt::modeled_error!(InvalidGreeting = "InvalidGreeting" 400 Client false false, optional message);

impl Output for InvalidGreeting {
    const CONTENT_TYPE: &'static str = "application/xml";

    fn read(r: &HttpResponse<'_>) -> Result<Self, ParseError> {
        let mut v: Self = r.xml_body()?;
        v.header = r.header("X-Header", Ts::HttpDate)?;
        Ok(v)
    }

    fn write(&self, r: &mut ResponseBuilder) -> Result<(), BuildError> {
        r.header("X-Header", &self.header, Ts::HttpDate)?;
        r.xml_body(self)
    }
}

/// An error without members: its `write` writes nothing, and the runtime still sends
/// its envelope.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
struct ServerBroke {}

static SERVER_BROKE: Structure = Structure {
    name: "ServerBroke",
    namespace: None,
    members: &[],
};

impl Shape for ServerBroke {
    const XML: &'static Structure = &SERVER_BROKE;
}

rt::modeled_error!(ServerBroke = "ServerBroke" 500 Server true false, none);

impl Output for ServerBroke {
    fn read(r: &HttpResponse<'_>) -> Result<Self, ParseError> {
        r.xml_body()
    }

    fn write(&self, _: &mut ResponseBuilder) -> Result<(), BuildError> {
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq)]
enum GreetError {
    InvalidGreeting(InvalidGreeting),
    ServerBroke(ServerBroke),
    Unhandled(rt::UnhandledError),
}
rt::error_enum!(GreetError {
    InvalidGreeting,
    ServerBroke
});
rt::operation_error!(GreetError {
    InvalidGreeting = "InvalidGreeting" "aws.protocoltests#InvalidGreeting" 400,
    ServerBroke = "Customized" "aws.protocoltests#ServerBroke" 500,
});

/// Operation `Greet` in each protocol.
macro_rules! greet {
    ($op:ident, $protocol:expr) => {
        greet!($op, $protocol, GreetInput);
    };
    ($op:ident, $protocol:expr, $input:ty) => {
        struct $op;
        impl rt::Operation for $op {
            const NAME: &'static str = "Greet";
            const HTTP: Option<rt::Http> = Some(rt::Http::new("PUT", "/greet/{name}", 201));
            const PROTOCOL: rt::Protocol = $protocol;
            const PAGINATION: Option<rt::Pagination> = None;
            type Input = $input;
            type Output = GreetOutput;
            type Error = GreetError;
        }
    };
}

greet!(
    RestXml,
    rt::Protocol::RestXml(rt::Xml {
        namespace: Some(NS),
        no_error_wrapping: false,
    })
);
greet!(
    RestXmlUnwrapped,
    rt::Protocol::RestXml(rt::Xml {
        namespace: None,
        no_error_wrapping: true,
    })
);
greet!(
    AwsQuery,
    rt::Protocol::AwsQuery(rt::Query {
        version: "2020-01-08",
        namespace: Some(NS),
    }),
    QueryGreetInput
);
greet!(
    Ec2Query,
    rt::Protocol::Ec2Query(rt::Query {
        version: "2020-01-08",
        namespace: Some(NS),
    }),
    QueryGreetInput
);

/// Operation `NoInput` (input and output `smithy.api#Unit`) in awsQuery.
struct NoInput;
impl rt::Operation for NoInput {
    const NAME: &'static str = "NoInputAndNoOutput";
    const HTTP: Option<rt::Http> = None;
    const PROTOCOL: rt::Protocol = rt::Protocol::AwsQuery(rt::Query {
        version: "2020-01-08",
        namespace: None,
    });
    const HOST_PREFIX: Option<&'static str> = Some("foo.");
    const PAGINATION: Option<rt::Pagination> = None;
    type Input = ();
    type Output = ();
    type Error = GreetError;
}

fn input() -> GreetInput {
    GreetInput {
        name: "a b".to_owned(),
        greeting: Some("Hi".to_owned()),
        message: Some("x < y & ~z*".to_owned()),
        tags: Some(vec!["one".to_owned(), "twö".to_owned()]),
    }
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

/// The suite's pretty-printed XML without the indentation between elements.
fn compact(xml: &str) -> String {
    xml.lines().map(str::trim).collect()
}

// ---------------------------------------------------------------------------------------
// restXml client

#[test]
fn rest_xml_requests_bind_http_then_write_the_body_in_the_services_namespace() {
    let request = serialize_request::<RestXml>(&input(), "https://example.com").unwrap();
    assert_eq!(request.method(), "PUT");
    assert_eq!(request.uri(), "https://example.com/greet/a%20b");
    assert_eq!(request.headers()["x-greeting"], "Hi");
    assert_eq!(request.headers()["content-type"], "application/xml");
    assert_eq!(
        text(request.body()),
        "<GreetRequest xmlns=\"https://example.com/\"><message>x &lt; y &amp; ~z*</message>\
         <tags><member>one</member><member>twö</member></tags></GreetRequest>"
    );
    let length = request.body().len().to_string();
    assert_eq!(request.headers()["content-length"], length.as_str());
}

#[test]
fn rest_xml_outputs_read_the_root_element_and_headers() {
    let body = "<GreetOutput xmlns=\"https://example.com/\"><message>hello</message>\
                <count>3</count><unknown>skipped</unknown></GreetOutput>";
    let ok = response(201, &[("x-greeting", "Hi")], body);
    let output = parse_response::<RestXml>(&ok).unwrap();
    assert_eq!(
        output,
        GreetOutput {
            greeting: Some("Hi".to_owned()),
            message: Some("hello".to_owned()),
            count: Some(3),
        }
    );
    // No body: every body member absent.
    let empty = parse_response::<RestXml>(&response(201, &[], "")).unwrap();
    assert_eq!(empty, GreetOutput::default());
}

#[test]
fn rest_xml_errors_are_chosen_by_their_code_and_read_from_the_envelope() {
    // restXml/errors.smithy, "InvalidGreetingError" (with ComplexError's members).
    let body = r#"<ErrorResponse>
           <Error>
              <Type>Sender</Type>
              <Code>InvalidGreeting</Code>
              <Message>Hi</Message>
              <TopLevel>Top level</TopLevel>
              <AnotherSetting>setting</AnotherSetting>
           </Error>
           <RequestId>foo-id</RequestId>
        </ErrorResponse>"#;
    let error = response(
        400,
        &[("content-type", "application/xml"), ("x-header", "H")],
        body,
    );
    let expected = InvalidGreeting {
        message: Some("Hi".to_owned()),
        top_level: Some("Top level".to_owned()),
        header: Some("H".to_owned()),
    };
    assert_eq!(
        parse_response::<RestXml>(&error),
        Err(CallError::Service(GreetError::InvalidGreeting(expected)))
    );
    assert_eq!(
        HttpResponse::of(protocol::<RestXml>(), &error).request_id(),
        Some("foo-id".to_owned())
    );

    // restXml/services/s3.smithy, "S3OperationNoErrorWrappingResponse": `<Error>` alone,
    // read whatever the trait says.
    let s3 = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n\t<Type>Sender</Type>\n\t\
              <Code>InvalidGreeting</Code>\n</Error>";
    for parsed in [
        parse_response::<RestXmlUnwrapped>(&response(400, &[], s3)),
        parse_response::<RestXml>(&response(400, &[], s3)),
    ] {
        assert_eq!(
            parsed,
            Err(CallError::Service(GreetError::InvalidGreeting(
                InvalidGreeting::default()
            )))
        );
    }
}

#[test]
fn unmodeled_xml_errors_keep_code_message_and_status() {
    let body = "<ErrorResponse><Error><Type>Sender</Type>\
                <Code>aws.protocoltests#Throttled:http://internal/</Code>\
                <Message>slow down</Message></Error></ErrorResponse>";
    let Err(CallError::Service(GreetError::Unhandled(e))) =
        parse_response::<RestXml>(&response(429, &[], body))
    else {
        panic!("expected an unhandled error");
    };
    assert_eq!(e.code.as_deref(), Some("Throttled"));
    assert_eq!(e.message.as_deref(), Some("slow down"));
    assert_eq!(e.status, Some(429));

    // Not XML, or no code: unhandled, with the status.
    for body in ["", "<html>oops</html>", "not xml <"] {
        let Err(CallError::Service(GreetError::Unhandled(e))) =
            parse_response::<RestXml>(&response(503, &[], body))
        else {
            panic!("expected an unhandled error for {body:?}");
        };
        assert_eq!((e.code, e.status), (None, Some(503)), "{body:?}");
    }
}

#[test]
fn malformed_xml_outputs_are_parse_errors_naming_the_body() {
    let bad = response(201, &[], "<GreetOutput><count>three</count></GreetOutput>");
    let Err(CallError::Response(e)) = parse_response::<RestXml>(&bad) else {
        panic!("expected a parse error");
    };
    assert!(e.location.starts_with("body at "), "{e}");
    let unclosed = response(201, &[], "<GreetOutput><message>");
    assert!(matches!(
        parse_response::<RestXml>(&unclosed),
        Err(CallError::Response(_))
    ));
}

// ---------------------------------------------------------------------------------------
// restXml server

fn request(
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> http::Request<Vec<u8>> {
    let mut builder = http::Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

#[test]
fn rest_xml_servers_read_what_clients_write() {
    let sent = serialize_request::<RestXml>(&input(), "https://example.com").unwrap();
    assert_eq!(parse_request::<RestXml>(&sent), Ok(input()));
    // A Content-Type with parameters (restXml/content-type.smithy).
    let with_charset = request(
        "PUT",
        "/greet/n",
        &[("content-type", "application/xml; charset=utf-8")],
        "<GreetRequest><message>5</message></GreetRequest>",
    );
    let read = parse_request::<RestXml>(&with_charset).unwrap();
    assert_eq!(read.message.as_deref(), Some("5"));
    // No body: every body member absent.
    let bare = parse_request::<RestXml>(&request("PUT", "/greet/n", &[], "")).unwrap();
    assert_eq!((bare.name.as_str(), bare.message), ("n", None));
}

#[test]
fn rest_xml_servers_refuse_other_content_types_and_malformed_bodies() {
    let json = request(
        "PUT",
        "/greet/n",
        &[("content-type", "application/json")],
        "{}",
    );
    assert_eq!(
        parse_request::<RestXml>(&json),
        Err(Rejection::UnsupportedMediaType)
    );
    let unclosed = request(
        "PUT",
        "/greet/n",
        &[("content-type", "application/xml")],
        "<GreetRequest><message>",
    );
    assert!(matches!(
        parse_request::<RestXml>(&unclosed),
        Err(Rejection::Serialization(_))
    ));
    assert_eq!(
        parse_request::<RestXml>(&request("GET", "/greet/n", &[], "")),
        Err(Rejection::NotFound)
    );
    // Query protocols have no server.
    let form = request("POST", "/", &[], "Action=Greet&Version=2020-01-08");
    assert_eq!(parse_request::<AwsQuery>(&form), Err(Rejection::NotFound));
}

/// A structure with a required member, nested in another.
#[derive(Debug, Deserialize)]
struct Required {
    #[allow(dead_code)]
    name: String,
}

static REQUIRED: Structure = Structure {
    name: "Required",
    namespace: None,
    members: &[member("name", Value::Text)],
};

impl Shape for Required {
    const XML: &'static Structure = &REQUIRED;
}

#[derive(Debug, Deserialize)]
struct Outer {
    #[allow(dead_code)]
    inner: Option<Required>,
}

static OUTER: Structure = Structure {
    name: "Outer",
    namespace: None,
    members: &[member("inner", Value::Structure(&REQUIRED))],
};

impl Shape for Outer {
    const XML: &'static Structure = &OUTER;
}

#[test]
fn missing_required_members_are_validation_errors_at_their_path() {
    let http = rt::Http::new("POST", "/", 200);
    let xml = [("content-type", "application/xml")];
    let top = request("POST", "/", &xml, "<Required></Required>");
    let view = ServerRequest::new(&top, &http).unwrap();
    assert_eq!(
        view.xml_body::<Required>().unwrap_err(),
        Rejection::missing("name")
    );
    let nested = request("POST", "/", &xml, "<Outer><inner/></Outer>");
    let view = ServerRequest::new(&nested, &http).unwrap();
    assert_eq!(
        view.xml_body::<Outer>().unwrap_err(),
        Rejection::missing("inner/name")
    );
}

#[test]
fn rest_xml_servers_write_outputs_with_the_http_status() {
    let output = GreetOutput {
        greeting: Some("Hi".to_owned()),
        message: Some("hello".to_owned()),
        count: Some(2),
    };
    let response = serialize_response::<RestXml>(&output).unwrap();
    assert_eq!(response.status(), 201);
    assert_eq!(response.headers()["content-type"], "application/xml");
    assert_eq!(response.headers()["x-greeting"], "Hi");
    assert_eq!(
        text(response.body()),
        "<GreetOutput xmlns=\"https://example.com/\"><message>hello</message>\
         <count>2</count></GreetOutput>"
    );
    assert_eq!(parse_response::<RestXml>(&response), Ok(output));

    // No body members: no body, still the protocol's Content-Type
    // (restXml/http-response-code.smithy, "RestXmlHttpResponseCode").
    let bodiless = ResponseBuilder::of(protocol::<RestXml>(), 201).build();
    assert_eq!(bodiless.headers()["content-type"], "application/xml");
    assert!(bodiless.body().is_empty());
}

/// The document without its `<RequestId>` (a fresh UUID each time), and the ID.
fn without_request_id(body: &str, tag: &str) -> (String, String) {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = body.find(&open).expect("a request ID");
    let end = body.find(&close).expect("a closed request ID");
    let id = body[start + open.len()..end].to_owned();
    let rest = format!("{}{}", &body[..start], &body[end + close.len()..]);
    (rest, id)
}

#[test]
fn rest_xml_servers_wrap_errors_in_the_envelope() {
    let error = GreetError::InvalidGreeting(InvalidGreeting {
        message: Some("Hi".to_owned()),
        top_level: None,
        header: Some("H".to_owned()),
    });
    let response = serialize_error::<RestXml>(&error).unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(response.headers()["content-type"], "application/xml");
    assert_eq!(response.headers()["x-header"], "H");
    assert!(response.headers().get("x-amzn-errortype").is_none());
    let (body, id) = without_request_id(text(response.body()), "RequestId");
    assert_eq!(
        body,
        compact(
            "<ErrorResponse>
               <Error>
                  <Type>Sender</Type>
                  <Code>InvalidGreeting</Code>
                  <Message>Hi</Message>
               </Error>
            </ErrorResponse>"
        )
    );
    assert_eq!(id.len(), 36, "a UUID: {id}");
    // `Sender`: the status is a client error's, as the model says.
    assert_eq!(InvalidGreeting::FAULT, rt::ErrorFault::Client);
    // What the server writes, the client reads.
    assert_eq!(
        parse_response::<RestXml>(&response),
        Err(CallError::Service(error))
    );

    // A server error without members: `Receiver`, the operation_error! code.
    assert_eq!(ServerBroke::FAULT, rt::ErrorFault::Server);
    let broke = serialize_error::<RestXml>(&GreetError::ServerBroke(ServerBroke {})).unwrap();
    assert_eq!(broke.status(), 500);
    let (body, _) = without_request_id(text(broke.body()), "RequestId");
    assert_eq!(
        body,
        "<ErrorResponse><Error><Type>Receiver</Type><Code>Customized</Code></Error>\
         </ErrorResponse>"
    );
    assert_eq!(
        parse_response::<RestXml>(&broke),
        Err(CallError::Service(GreetError::ServerBroke(ServerBroke {})))
    );
}

#[test]
fn no_error_wrapping_writes_error_alone() {
    // restXml/services/s3.smithy, "S3OperationNoErrorWrappingResponse": no RequestId.
    let error = GreetError::InvalidGreeting(InvalidGreeting::default());
    let response = serialize_error::<RestXmlUnwrapped>(&error).unwrap();
    assert_eq!(
        text(response.body()),
        "<Error><Type>Sender</Type><Code>InvalidGreeting</Code></Error>"
    );
    assert_eq!(
        parse_response::<RestXmlUnwrapped>(&response),
        Err(CallError::Service(error))
    );
}

#[test]
fn rest_xml_rejections_and_unhandled_errors_are_xml_documents() {
    let protocol = protocol::<RestXml>();
    let refused = Rejection::serialization("bad <body>").response_in(protocol);
    assert_eq!(refused.status(), 400);
    assert_eq!(refused.headers()["content-type"], "application/xml");
    let (body, _) = without_request_id(text(refused.body()), "RequestId");
    assert_eq!(
        body,
        "<ErrorResponse><Error><Type>Sender</Type><Code>SerializationException</Code>\
         <Message>bad &lt;body&gt;</Message></Error></ErrorResponse>"
    );
    let view = HttpResponse::of(protocol, &refused);
    assert_eq!(view.error_code().as_deref(), Some("SerializationException"));

    let missing = Rejection::missing("message").response_in(protocol);
    let (body, _) = without_request_id(text(missing.body()), "RequestId");
    assert!(
        body.contains(
            "<Code>ValidationException</Code><message>1 validation error detected. \
             Value at &apos;/message&apos; failed to satisfy constraint: Member must not be null\
             </message><fieldList><member><path>/message</path>"
        ),
        "{body}"
    );

    let unhandled = GreetError::Unhandled(rt::UnhandledError {
        code: Some("Teapot".to_owned()),
        message: Some("short and stout".to_owned()),
        status: Some(418),
        ..rt::UnhandledError::default()
    });
    let response = serialize_error::<RestXml>(&unhandled).unwrap();
    assert_eq!(response.status(), 418);
    let Err(CallError::Service(GreetError::Unhandled(e))) = parse_response::<RestXml>(&response)
    else {
        panic!("expected an unhandled error");
    };
    assert_eq!(e.code.as_deref(), Some("Teapot"));
    assert_eq!(e.message.as_deref(), Some("short and stout"));
}

// ---------------------------------------------------------------------------------------
// awsQuery and ec2Query clients

#[test]
fn query_requests_post_a_form_with_action_and_version() {
    // awsQuery/empty-input-output.smithy, "QueryNoInputAndNoOutput"; with a host prefix.
    let request = serialize_request::<NoInput>(&(), "https://example.com").unwrap();
    assert_eq!(request.method(), "POST");
    assert_eq!(request.uri(), "https://foo.example.com/");
    assert_eq!(
        request.headers()["content-type"],
        "application/x-www-form-urlencoded"
    );
    assert_eq!(
        text(request.body()),
        "Action=NoInputAndNoOutput&Version=2020-01-08"
    );
    assert_eq!(request.headers()["content-length"], "44");
}

#[test]
fn query_forms_are_percent_encoded_past_the_unreserved_characters() {
    let query_input = QueryGreetInput(input());
    let request = serialize_request::<AwsQuery>(&query_input, "https://example.com").unwrap();
    assert_eq!(request.uri(), "https://example.com/");
    // HTTP bindings are ignored: no label in the path, no header.
    assert!(request.headers().get("x-greeting").is_none());
    assert_eq!(
        text(request.body()),
        "Action=Greet&Version=2020-01-08&message=x%20%3C%20y%20%26%20~z%2A\
         &tags.member.1=one&tags.member.2=tw%C3%B6"
    );
    let ec2 = serialize_request::<Ec2Query>(&query_input, "https://example.com").unwrap();
    assert_eq!(
        text(ec2.body()),
        "Action=Greet&Version=2020-01-08&message=x%20%3C%20y%20%26%20~z%2A\
         &tags.1=one&tags.2=tw%C3%B6"
    );
}

#[test]
fn aws_query_outputs_are_read_from_the_result_element() {
    // awsQuery/xml-errors.smithy, "QueryGreetingWithErrors".
    let body = r#"<GreetResponse xmlns="https://example.com/">
            <GreetResult>
                <message>Hello</message>
            </GreetResult>
            <ResponseMetadata><RequestId>abc-123</RequestId></ResponseMetadata>
        </GreetResponse>"#;
    let ok = response(200, &[("content-type", "text/xml")], body);
    let output = parse_response::<AwsQuery>(&ok).unwrap();
    assert_eq!(output.message.as_deref(), Some("Hello"));
    let view = HttpResponse::of(protocol::<AwsQuery>(), &ok);
    assert_eq!(view.request_id().as_deref(), Some("abc-123"));
    // No `Result` (empty output with metadata), or no body at all: empty output.
    let metadata = "<GreetResponse><ResponseMetadata><RequestId>abc-123</RequestId>\
                    </ResponseMetadata></GreetResponse>";
    for body in [metadata, ""] {
        let read = parse_response::<AwsQuery>(&response(200, &[], body)).unwrap();
        assert_eq!(read, GreetOutput::default(), "{body:?}");
    }
    assert_eq!(
        parse_response::<NoInput>(&response(200, &[], metadata)),
        Ok(())
    );
}

#[test]
fn aws_query_errors_are_chosen_by_their_query_error_code() {
    // awsQuery/xml-errors.smithy, "QueryCustomizedError" and "QueryInvalidGreetingError".
    let custom = r#"<ErrorResponse>
           <Error>
              <Type>Sender</Type>
              <Code>Customized</Code>
              <Message>Hi</Message>
           </Error>
           <RequestId>foo-id</RequestId>
        </ErrorResponse>"#;
    assert_eq!(
        parse_response::<AwsQuery>(&response(402, &[], custom)),
        Err(CallError::Service(GreetError::ServerBroke(ServerBroke {})))
    );
    let invalid = custom.replace("Customized", "InvalidGreeting");
    assert_eq!(
        parse_response::<AwsQuery>(&response(400, &[], &invalid)),
        Err(CallError::Service(GreetError::InvalidGreeting(
            InvalidGreeting {
                message: Some("Hi".to_owned()),
                ..InvalidGreeting::default()
            }
        )))
    );
}

#[test]
fn ec2_query_outputs_are_the_response_element_and_errors_are_in_errors() {
    let body = r#"<GreetResponse xmlns="https://example.com/">
            <message>Hello</message>
            <requestId>req-1</requestId>
        </GreetResponse>"#;
    let ok = response(200, &[], body);
    assert_eq!(
        parse_response::<Ec2Query>(&ok).unwrap().message.as_deref(),
        Some("Hello")
    );
    assert_eq!(
        HttpResponse::of(protocol::<Ec2Query>(), &ok)
            .request_id()
            .as_deref(),
        Some("req-1")
    );
    // ec2Query/xml-errors.smithy, "Ec2InvalidGreetingError".
    let error = r#"<Response>
            <Errors>
                <Error>
                    <Code>InvalidGreeting</Code>
                    <Message>Hi</Message>
                </Error>
            </Errors>
            <RequestID>foo-id</RequestID>
        </Response>"#;
    let error = response(400, &[], error);
    assert_eq!(
        parse_response::<Ec2Query>(&error),
        Err(CallError::Service(GreetError::InvalidGreeting(
            InvalidGreeting {
                message: Some("Hi".to_owned()),
                ..InvalidGreeting::default()
            }
        )))
    );
    assert_eq!(
        HttpResponse::of(protocol::<Ec2Query>(), &error)
            .request_id()
            .as_deref(),
        Some("foo-id")
    );
}

#[test]
fn ec2_query_framework_errors_use_its_envelope() {
    let refused = Rejection::NotFound.response_in(protocol::<Ec2Query>());
    let (body, _) = without_request_id(text(refused.body()), "RequestID");
    assert_eq!(
        body,
        "<Response><Errors><Error><Code>UnknownOperationException</Code></Error></Errors>\
         </Response>"
    );
}

/// Operation `O`'s protocol.
fn protocol<O: rt::Operation>() -> rt::Protocol {
    O::PROTOCOL
}

#[cfg(feature = "server")]
#[test]
fn rest_xml_services_route_by_http_and_answer_misses_in_xml() {
    use rt::server::{Miss, Route, Routes};
    let table = [Route {
        operation: 0,
        name: "Greet",
        http: Some(rt::Http::new("PUT", "/greet/{name}", 201)),
    }];
    let routes = Routes::of(protocol::<RestXml>(), &table);
    assert_eq!(routes.protocol(), protocol::<RestXml>());
    let hit = request("PUT", "/greet/n", &[], "");
    assert_eq!(routes.route(&hit).map(|r| r.name), Ok("Greet"));
    let miss = request("PUT", "/nowhere", &[], "");
    assert_eq!(routes.route(&miss).err(), Some(Miss::NotFound));

    let refused =
        rt::server::error_response(routes.protocol(), 405, "UnknownOperationException", None);
    assert_eq!(refused.headers()["content-type"], "application/xml");
    let (body, _) = without_request_id(text(refused.body()), "RequestId");
    assert_eq!(
        body,
        "<ErrorResponse><Error><Type>Sender</Type><Code>UnknownOperationException</Code>\
         </Error></ErrorResponse>"
    );
}

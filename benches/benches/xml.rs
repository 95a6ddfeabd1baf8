//! The XML protocols' client readers against the floor of the XML crate they drive:
//! `cargo bench -p codec-benches --bench xml -- --measurement-time 3 --warm-up-time 1`.
//!
//! One 200 response per protocol, each a page of 1,000 `Listing`s (models/fixtures/xml.smithy:
//! a SKU, a name, an integer, a double, a `date-time` timestamp with milliseconds and a
//! two-entry map, the members of the awsJson benchmark's items in benches/benches/rpc.rs):
//!
//! - `rest_xml_list_books_1000`: `parse_response::<ListBooks>` (restXml, `library`) of a
//!   compact document with an XML declaration, as Route 53 answers;
//! - `aws_query_list_threads_1000`: `parse_response::<ListThreads>` (awsQuery, `mailbox`) of
//!   `<ListThreadsResponse><ListThreadsResult>…</ListThreadsResult><ResponseMetadata>…`,
//!   indented by two spaces, as STS and SNS answer;
//! - `ec2_query_describe_vessels_1000`: `parse_response::<DescribeVessels>` (ec2Query,
//!   `fleet`) of `<DescribeVesselsResponse><requestId>…` with the items after it, indented.
//!
//! Beside each: the floor, `quick_xml::Reader` (borrowing from the body, so no allocation
//! at all) going through every event of the same bytes; then, for attribution, the two
//! halves of the reader: `Element::parse` alone (the tree) and `from_element` alone (the
//! tree, parsed before timing, into the output type through its XML descriptor).
//!
//! The bodies are written once, before timing, with quick-xml's writer (escaping is its
//! job) from values that depend only on the item's index; throughput is in body bytes.

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use fixtures::runtime::protocol::{parse_response, OperationError, Output};
use fixtures::runtime::xml::{self, Element, Shape};
use fixtures::runtime::Operation;
use fixtures::{fleet, library, mailbox};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

const ITEMS: usize = 1_000;

/// 2024-05-01T00:00:00Z in seconds since the epoch: every item's timestamp is on that day.
const DAY: i64 = 1_714_521_600;

/// The member values of item `i`, as the typed reader must return them.
struct Expected {
    sku: String,
    name: String,
    count: i32,
    price: f64,
    /// Seconds since midnight and milliseconds.
    added: (i64, u32),
    tags: BTreeMap<String, String>,
}

fn expected(i: usize) -> Expected {
    let i32_of = |n: usize| i32::try_from(n).expect("a small number");
    Expected {
        sku: format!("sku-{i:06}-{}", i * 7919 % 10_007),
        name: format!("Widget {i:04} (hardware, aisle {})", i % 40),
        count: i32_of(i * 3 % 500),
        price: f64::from(i32_of(i)) * 1.25 + 0.99,
        added: (
            i64::from(i32_of(i * 61)),
            u32::try_from(i * 37 % 1000).expect("< 1000"),
        ),
        tags: BTreeMap::from([
            ("colour".to_owned(), format!("c{}", i % 12)),
            ("size".to_owned(), format!("s{}", i % 5)),
        ]),
    }
}

/// An XML document being written: compact, or indented by two spaces.
struct Doc(quick_xml::Writer<Vec<u8>>);

impl Doc {
    fn new(indent: bool) -> Self {
        Doc(if indent {
            quick_xml::Writer::new_with_indent(Vec::new(), b' ', 2)
        } else {
            quick_xml::Writer::new(Vec::new())
        })
    }

    fn event(&mut self, event: Event<'_>) {
        self.0.write_event(event).expect("writing to a Vec");
    }

    fn declaration(&mut self) {
        self.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    }

    fn open(&mut self, name: &str, namespace: Option<&str>) {
        let mut start = BytesStart::new(name);
        if let Some(uri) = namespace {
            start.push_attribute(("xmlns", uri));
        }
        self.event(Event::Start(start));
    }

    fn close(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    fn leaf(&mut self, name: &str, text: &str) {
        self.open(name, None);
        self.event(Event::Text(BytesText::new(text)));
        self.close(name);
    }

    /// `<{list}><member>…</member>…</{list}>`: the 1,000 items, each member as the
    /// fixture's descriptors name it (a wrapped map: `<entry><key>…<value>…`).
    fn listings(&mut self, list: &str) {
        self.open(list, None);
        for i in 0..ITEMS {
            let e = expected(i);
            let (seconds, millis) = e.added;
            self.open("member", None);
            self.leaf("Sku", &e.sku);
            self.leaf("Name", &e.name);
            self.leaf("Count", &e.count.to_string());
            self.leaf("Price", &e.price.to_string());
            let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
            self.leaf(
                "Added",
                &format!("2024-05-01T{h:02}:{m:02}:{s:02}.{millis:03}Z"),
            );
            self.open("Tags", None);
            for (key, value) in &e.tags {
                self.open("entry", None);
                self.leaf("key", key);
                self.leaf("value", value);
                self.close("entry");
            }
            self.close("Tags");
            self.close("member");
        }
        self.close(list);
    }

    fn finish(self) -> Vec<u8> {
        self.0.into_inner()
    }
}

fn response(body: Vec<u8>, content_type: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .header("content-type", content_type)
        .header("content-length", body.len())
        .header("x-amzn-requestid", "bench-request")
        .body(body)
        .expect("a valid response")
}

/// restXml `ListBooks`: the output structure is the root element.
fn rest_xml_body() -> Vec<u8> {
    let mut doc = Doc::new(false);
    doc.declaration();
    doc.open("ListBooksOutput", Some("https://example.com/library/"));
    doc.listings("Books");
    doc.leaf("NextMarker", "b64tokenAAAAZZZZ");
    doc.close("ListBooksOutput");
    doc.finish()
}

/// awsQuery `ListThreads`: the members in `<ListThreadsResult>`, then the request ID.
fn aws_query_body() -> Vec<u8> {
    let mut doc = Doc::new(true);
    doc.open(
        "ListThreadsResponse",
        Some("https://example.com/mailbox/doc/2024-06-01/"),
    );
    doc.open("ListThreadsResult", None);
    doc.listings("Threads");
    doc.leaf("NextMarker", "b64tokenAAAAZZZZ");
    doc.close("ListThreadsResult");
    doc.open("ResponseMetadata", None);
    doc.leaf("RequestId", "c6104cbe-af31-11e0-8154-cbc7ccf896c7");
    doc.close("ResponseMetadata");
    doc.close("ListThreadsResponse");
    doc.finish()
}

/// ec2Query `DescribeVessels`: the request ID, then the members, in the root element.
fn ec2_query_body() -> Vec<u8> {
    let mut doc = Doc::new(true);
    doc.open(
        "DescribeVesselsResponse",
        Some("https://example.com/fleet/doc/2024-07-01/"),
    );
    doc.leaf("requestId", "59dbff89-35bd-4eac-99ed-be587EXAMPLE");
    doc.listings("vesselInfoSet");
    doc.leaf("nextToken", "b64tokenAAAAZZZZ");
    doc.close("DescribeVesselsResponse");
    doc.finish()
}

/// A `Listing` of any of the three services, seen as the values `expected` gives.
trait Item {
    fn sku(&self) -> &str;
    fn name(&self) -> Option<&str>;
    fn count(&self) -> Option<i32>;
    fn price(&self) -> Option<f64>;
    fn added(&self) -> Option<(i64, u32)>;
    fn tags(&self) -> Option<&BTreeMap<String, String>>;
}

macro_rules! item {
    ($($listing:ty),*) => {$(
        impl Item for $listing {
            fn sku(&self) -> &str { &self.sku }
            fn name(&self) -> Option<&str> { self.name.as_deref() }
            fn count(&self) -> Option<i32> { self.count }
            fn price(&self) -> Option<f64> { self.price }
            fn added(&self) -> Option<(i64, u32)> {
                self.added.map(|t| (t.secs() - DAY, t.subsec_nanos() / 1_000_000))
            }
            fn tags(&self) -> Option<&BTreeMap<String, String>> { self.tags.as_ref() }
        }
    )*};
}
item!(library::Listing, mailbox::Listing, fleet::Listing);

/// Checks, once and outside timing, that the reader returned every member of every item.
fn check<T: Item>(items: Option<&Vec<T>>, token: Option<&String>) {
    let items = items.expect("the list is read");
    assert_eq!(items.len(), ITEMS);
    for (i, item) in items.iter().enumerate() {
        let e = expected(i);
        assert_eq!(item.sku(), e.sku, "item {i}");
        assert_eq!(item.name(), Some(e.name.as_str()), "item {i}");
        assert_eq!(item.count(), Some(e.count), "item {i}");
        assert_eq!(item.price(), Some(e.price), "item {i}");
        assert_eq!(item.added(), Some(e.added), "item {i}");
        assert_eq!(item.tags(), Some(&e.tags), "item {i}");
    }
    assert_eq!(token.map(String::as_str), Some("b64tokenAAAAZZZZ"));
}

/// The floor: every event of `body` from quick-xml's reader, borrowed from the body.
fn scan(body: &[u8]) -> usize {
    let mut reader = quick_xml::Reader::from_reader(body);
    let mut events = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return events,
            Ok(event) => {
                black_box(event);
                events += 1;
            }
            Err(e) => panic!("the body is well-formed XML: {e}"),
        }
    }
}

/// Times one protocol's reader, its floor and its two halves. `output` finds the element
/// the output's members are in (the root, or awsQuery's `<ListThreadsResult>`).
fn bench<Op>(c: &mut Criterion, group: &str, response: &http::Response<Vec<u8>>, output: &str)
where
    Op: Operation,
    Op::Output: Output + Shape + serde::de::DeserializeOwned,
    Op::Error: OperationError,
{
    let body = response.body();
    let root = Element::parse(body).expect("the body parses");
    let members = if output == root.local_name() {
        &root
    } else {
        root.child(output).expect("the output element is there")
    };
    println!(
        "{group}: one response, {ITEMS} items, {} body bytes, {} XML events",
        body.len(),
        scan(body)
    );

    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(body.len() as u64));
    g.bench_function("parse_response", |b| {
        b.iter(|| parse_response::<Op>(black_box(response)))
    });
    g.bench_function("quick_xml_events_floor", |b| {
        b.iter(|| scan(black_box(body)))
    });
    g.bench_function("element_parse", |b| {
        b.iter(|| Element::parse(black_box(body)))
    });
    g.bench_function("from_element", |b| {
        b.iter(|| xml::from_element::<Op::Output>(black_box(members), Op::Output::XML))
    });
    g.finish();
}

fn rest_xml(c: &mut Criterion) {
    let response = response(rest_xml_body(), "application/xml");
    let page = parse_response::<library::ListBooks>(&response).expect("the response parses");
    check(page.books.as_ref(), page.next_marker.as_ref());
    bench::<library::ListBooks>(c, "rest_xml_list_books_1000", &response, "ListBooksOutput");
}

fn aws_query(c: &mut Criterion) {
    let response = response(aws_query_body(), "text/xml");
    let page = parse_response::<mailbox::ListThreads>(&response).expect("the response parses");
    check(page.threads.as_ref(), page.next_marker.as_ref());
    bench::<mailbox::ListThreads>(
        c,
        "aws_query_list_threads_1000",
        &response,
        "ListThreadsResult",
    );
}

fn ec2_query(c: &mut Criterion) {
    let response = response(ec2_query_body(), "text/xml;charset=UTF-8");
    let page = parse_response::<fleet::DescribeVessels>(&response).expect("the response parses");
    check(page.vessels.as_ref(), page.next_token.as_ref());
    bench::<fleet::DescribeVessels>(
        c,
        "ec2_query_describe_vessels_1000",
        &response,
        "DescribeVesselsResponse",
    );
}

criterion_group!(benches, rest_xml, aws_query, ec2_query);
criterion_main!(benches);

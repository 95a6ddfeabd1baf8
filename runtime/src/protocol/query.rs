//! The query protocols' framing: awsQuery and ec2Query (spec
//! aws/protocols/aws-query-protocol.rst, aws-ec2-query-protocol.rst). Every operation is a
//! `POST /` of a form, `Content-Type: application/x-www-form-urlencoded`, whose first
//! pairs are `Action={Operation}&Version={service version}`, then the input's members as
//! the dialect names them (`RequestBuilder::form`); HTTP binding traits are ignored.
//! Responses are XML (`super::envelope`). There is no query server here: no request is
//! read as a form.

use super::super::operation::{Protocol, Query};
use super::encode::encode_query;
use super::RequestBuilder;

/// The `Content-Type` of a query request.
pub(super) const FORM: &str = "application/x-www-form-urlencoded";

/// Client: the request to `operation` of a service speaking `protocol` (awsQuery or
/// ec2Query, with settings `query`), before the input is written: a `POST /` whose form
/// starts with `Action` and `Version`. Not generic: compiled once.
pub(super) fn start_request(protocol: Protocol, query: &Query, operation: &str) -> RequestBuilder {
    let mut request = RequestBuilder::rpc(protocol, "/".to_owned());
    request.form_body(form_start(operation, query.version));
    request
}

/// The pairs every query request starts with: `Action` and `Version`.
fn form_start(operation: &str, version: &str) -> Vec<u8> {
    let mut form = Vec::new();
    append_pairs(&mut form, [("Action", operation), ("Version", version)]);
    form
}

/// Appends `pairs` to the form `body`, each key and value percent-encoded (everything
/// but the unreserved characters `A-Z a-z 0-9 - . _ ~`, so a space is `%20`, as
/// botocore and the AWS SDKs send it) and joined by `&`.
pub(super) fn append_pairs<'a>(
    body: &mut Vec<u8>,
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) {
    for (key, value) in pairs {
        if !body.is_empty() {
            body.push(b'&');
        }
        body.extend_from_slice(encode_query(key).as_bytes());
        body.push(b'=');
        body.extend_from_slice(encode_query(value).as_bytes());
    }
}

//! URI patterns with a trailing slash (fixture `models/fixtures/trailing_slash.smithy`):
//! http-bindings.rst "uri" forbids empty segments (`//`) but not a trailing `/`, and
//! "Literal character sequences" makes a trailing slash optional when a server matches.
//! So the client sends the path exactly as modeled, the server routes a request with or
//! without the slash, and specificity routing still picks the most specific pattern.

use bytes::Bytes;
use fixtures::runtime::protocol::{parse_request, serialize_request};
use fixtures::trailing_slash::{
    GetAnything, GetAnythingError, GetAnythingInput, GetEndpoint, GetEndpointError,
    GetEndpointInput, GetGraph, GetGraphError, GetGraphInput, ListEndpoints, ListEndpointsError,
    ListEndpointsInput, ListGraphs, ListGraphsError, ListGraphsSummary, ListGraphsSummaryError,
    Routed, TrailingSlash, TrailingSlashServer,
};
use http_body_util::{BodyExt, Full};
use tower_service::Service;

const ENDPOINT: &str = "https://graphs.example.com";

/// Answers every operation with its name and labels.
#[derive(Clone, Default)]
struct Echo;

fn routed(operation: &str, labels: &[&str]) -> Routed {
    let mut out = Routed::new(operation.to_owned());
    out.labels = Some(labels.iter().map(|l| (*l).to_owned()).collect());
    out
}

impl TrailingSlash for Echo {
    async fn get_graph(&self, input: GetGraphInput) -> Result<Routed, GetGraphError> {
        Ok(routed("GetGraph", &[&input.graph_id]))
    }
    async fn list_endpoints(
        &self,
        input: ListEndpointsInput,
    ) -> Result<Routed, ListEndpointsError> {
        Ok(routed("ListEndpoints", &[&input.graph_id]))
    }
    async fn get_endpoint(&self, input: GetEndpointInput) -> Result<Routed, GetEndpointError> {
        Ok(routed("GetEndpoint", &[&input.graph_id, &input.name]))
    }
    async fn get_anything(&self, input: GetAnythingInput) -> Result<Routed, GetAnythingError> {
        Ok(routed("GetAnything", &[&input.path]))
    }
    async fn list_graphs(&self, _: ()) -> Result<Routed, ListGraphsError> {
        Ok(routed("ListGraphs", &[]))
    }
    async fn list_graphs_summary(&self, _: ()) -> Result<Routed, ListGraphsSummaryError> {
        Ok(routed("ListGraphsSummary", &[]))
    }
}

/// The status and body the server answers `GET uri` with.
fn get(uri: &str) -> (u16, String) {
    let mut server = TrailingSlashServer::new(Echo);
    let request = http::Request::get(uri)
        .body(Full::new(Bytes::new()))
        .expect("a valid request");
    pollster::block_on(async move {
        let response = server.call(request).await.expect("infallible");
        let status = response.status().as_u16();
        let body = match response.into_body().collect().await {
            Ok(c) => c.to_bytes(),
            Err(never) => match never {},
        };
        (status, String::from_utf8_lossy(&body).into_owned())
    })
}

#[track_caller]
fn assert_routed(uri: &str, operation: &str, labels: &[&str]) {
    let (status, body) = get(uri);
    assert_eq!(status, 200, "{uri}: {body}");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body).expect("a JSON body"),
        serde_json::json!({ "operation": operation, "labels": labels }),
        "{uri}"
    );
}

#[test]
fn the_client_sends_the_path_as_modeled_with_its_trailing_slash() {
    let graph = serialize_request::<GetGraph>(&GetGraphInput::new("g 1".to_owned()), ENDPOINT)
        .expect("builds");
    assert_eq!(graph.uri().to_string(), format!("{ENDPOINT}/graphs/g%201/"));

    let endpoints =
        serialize_request::<ListEndpoints>(&ListEndpointsInput::new("g1".to_owned()), ENDPOINT)
            .expect("builds");
    assert_eq!(
        endpoints.uri().to_string(),
        format!("{ENDPOINT}/graphs/g1/endpoints/")
    );

    let anything =
        serialize_request::<GetAnything>(&GetAnythingInput::new("a/b".to_owned()), ENDPOINT)
            .expect("builds");
    assert_eq!(
        anything.uri().to_string(),
        format!("{ENDPOINT}/graphs/a/b/")
    );

    let summary = serialize_request::<ListGraphsSummary>(&(), ENDPOINT).expect("builds");
    assert_eq!(
        summary.uri().to_string(),
        format!("{ENDPOINT}/graphs/?summary")
    );

    let root = serialize_request::<ListGraphs>(&(), ENDPOINT).expect("builds");
    assert_eq!(root.uri().to_string(), format!("{ENDPOINT}/"));

    // A path without a trailing slash stays without one.
    let endpoint = serialize_request::<GetEndpoint>(
        &GetEndpointInput::new("g1".to_owned(), "e1".to_owned()),
        ENDPOINT,
    )
    .expect("builds");
    assert_eq!(
        endpoint.uri().to_string(),
        format!("{ENDPOINT}/graphs/g1/e1")
    );
}

#[test]
fn the_server_reads_back_what_the_client_sends() {
    let input = ListEndpointsInput::new("g1".to_owned());
    let request = serialize_request::<ListEndpoints>(&input, ENDPOINT).expect("builds");
    assert_eq!(parse_request::<ListEndpoints>(&request), Ok(input));
}

#[test]
fn the_server_routes_with_or_without_the_trailing_slash() {
    for uri in ["/graphs/g1/", "/graphs/g1"] {
        assert_routed(uri, "GetGraph", &["g1"]);
    }
    for uri in ["/graphs/g1/endpoints/", "/graphs/g1/endpoints"] {
        assert_routed(uri, "ListEndpoints", &["g1"]);
    }
    for uri in ["/graphs/g1/e1", "/graphs/g1/e1/"] {
        assert_routed(uri, "GetEndpoint", &["g1", "e1"]);
    }
    for uri in ["/graphs/?summary", "/graphs?summary"] {
        assert_routed(uri, "ListGraphsSummary", &[]);
    }
    assert_routed("/", "ListGraphs", &[]);
}

#[test]
fn specificity_still_orders_the_patterns() {
    // `/graphs/{graphId}/endpoints/` (a literal) beats `/graphs/{graphId}/{name}` (a
    // label) in the third segment, and both beat the greedy `/graphs/{path+}/`, which
    // takes only what they do not.
    assert_routed("/graphs/g1/endpoints", "ListEndpoints", &["g1"]);
    assert_routed("/graphs/g1/other/", "GetEndpoint", &["g1", "other"]);
    assert_routed("/graphs/a/b/c/", "GetAnything", &["a/b/c"]);
    assert_routed("/graphs/a/b/c", "GetAnything", &["a/b/c"]);
    // `/graphs` is not `/graphs/?summary` without its query: no operation takes it.
    assert_eq!(get("/graphs").0, 404);
    assert_eq!(get("/graphs/").0, 404);
}

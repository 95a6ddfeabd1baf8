//! awsJson1_1 end to end on the `inventory` fixture (models/fixtures/aws_json.smithy): the
//! wire facts of the protocol (POST to `/`, `X-Amz-Target`, `application/x-amz-json-1.1`,
//! HTTP bindings and `@jsonName` ignored, `__type` errors, the awsQuery-compatible
//! `x-amzn-query-mode` and `x-amzn-query-error` headers), then the generated client
//! against the generated server on 127.0.0.1 (routing by target, pagination, a modeled
//! error), spec aws/protocols/aws-json-1_1-protocol.rst.

mod common;

use std::sync::Mutex;

use fixtures::inventory::{self, Inventory};
use fixtures::runtime::client::{Config, Credentials};
use fixtures::runtime::protocol::{
    parse_request, parse_response, serialize_error, serialize_request, CallError,
};
use fixtures::runtime::DateTime;
use serde_json::{json, Value};

fn header<'a>(headers: &'a http::HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .unwrap_or_else(|| panic!("no `{name}` in {headers:?}"))
        .to_str()
        .expect("ASCII")
}

fn body_json(body: &[u8]) -> Value {
    serde_json::from_slice(body).expect("a JSON body")
}

fn put_item() -> inventory::PutItemInput {
    let mut input = inventory::PutItemInput::new("sku-1".into());
    input.name = Some("Widget".into());
    input.count = Some(3);
    input.added = Some(DateTime::from_secs(1_704_164_645));
    input
}

#[test]
fn a_request_is_a_post_of_the_whole_input_to_slash_with_its_target() {
    let request = serialize_request::<inventory::PutItem>(&put_item(), "https://inv.example.com")
        .expect("serializes");
    assert_eq!(request.method(), "POST");
    assert_eq!(request.uri().to_string(), "https://inv.example.com/");
    let headers = request.headers();
    assert_eq!(header(headers, "x-amz-target"), "Inventory.PutItem");
    assert_eq!(
        header(headers, "content-type"),
        "application/x-amz-json-1.1"
    );
    // @awsQueryCompatible: the client says so.
    assert_eq!(header(headers, "x-amzn-query-mode"), "true");
    // `@httpHeader` is ignored: `Count` is a body member, not a header.
    assert!(headers.get("x-count").is_none(), "{headers:?}");
    // `@httpLabel` and `@jsonName` are ignored; `@timestampFormat` applies.
    assert_eq!(
        body_json(request.body()),
        json!({"Sku": "sku-1", "Name": "Widget", "Count": 3, "Added": "2024-01-02T03:04:05Z"})
    );
}

#[test]
fn an_operation_without_input_still_sends_an_empty_object() {
    let request =
        serialize_request::<inventory::Ping>(&(), "https://inv.example.com").expect("serializes");
    assert_eq!(request.body(), b"{}");
    assert_eq!(header(request.headers(), "x-amz-target"), "Inventory.Ping");
}

#[test]
fn the_server_reads_back_what_the_client_writes() {
    let request = serialize_request::<inventory::PutItem>(&put_item(), "http://localhost")
        .expect("serializes");
    let input = parse_request::<inventory::PutItem>(&request).expect("parses");
    assert_eq!(input, put_item());
}

#[test]
fn a_modeled_error_carries_its_type_and_awsquery_code() {
    let error = inventory::PutItemError::OutOfStock(inventory::OutOfStock {
        message: Some("none left".into()),
    });
    let response = serialize_error::<inventory::PutItem>(&error).expect("writes");
    assert_eq!(response.status(), 400);
    let headers = response.headers();
    assert_eq!(
        header(headers, "content-type"),
        "application/x-amz-json-1.1"
    );
    assert_eq!(
        header(headers, "x-amzn-query-error"),
        "OutOfStock.Sku;Sender"
    );
    assert!(headers.get("x-amzn-errortype").is_none(), "{headers:?}");
    // awsJson1_1 servers send the shape name in `__type`.
    assert_eq!(
        body_json(response.body()),
        json!({"__type": "OutOfStock", "message": "none left"})
    );
    match parse_response::<inventory::PutItem>(&response) {
        Err(CallError::Service(inventory::PutItemError::OutOfStock(e))) => {
            assert_eq!(e.message.as_deref(), Some("none left"));
            assert_eq!(inventory::OutOfStock::CODE, "OutOfStock.Sku");
        }
        other => panic!("expected OutOfStock, got {other:?}"),
    }
}

#[test]
fn a_legacy_error_type_is_sanitised_to_the_shape_name() {
    let response = http::Response::builder()
        .status(400)
        .header("content-type", "application/x-amz-json-1.1")
        .body(
            br#"{"__type":"example.awsjson#OutOfStock:http://internal.amazon.com/","message":"m"}"#
                .to_vec(),
        )
        .expect("response");
    assert!(matches!(
        parse_response::<inventory::PutItem>(&response),
        Err(CallError::Service(inventory::PutItemError::OutOfStock(_)))
    ));
}

/// An in-memory inventory: five items, listed two per page.
#[derive(Default)]
struct Store {
    put: Mutex<Vec<inventory::PutItemInput>>,
}

impl Inventory for Store {
    async fn list_items(
        &self,
        input: inventory::ListItemsInput,
    ) -> Result<inventory::ListItemsOutput, inventory::ListItemsError> {
        let start: usize = input
            .next_token
            .as_deref()
            .map_or(0, |t| t.parse().unwrap());
        let size = input.max_results.unwrap_or(2) as usize;
        let end = (start + size).min(5);
        let items = (start..end)
            .map(|i| inventory::Item::new(format!("sku-{i}")))
            .collect();
        let mut output = inventory::ListItemsOutput::new(items);
        output.next_token = (end < 5).then(|| end.to_string());
        Ok(output)
    }

    async fn ping(&self, (): ()) -> Result<(), inventory::PingError> {
        Ok(())
    }

    async fn put_item(
        &self,
        input: inventory::PutItemInput,
    ) -> Result<inventory::PutItemOutput, inventory::PutItemError> {
        if input.count == Some(0) {
            return Err(inventory::PutItemError::OutOfStock(inventory::OutOfStock {
                message: Some(format!("{} is out of stock", input.sku)),
            }));
        }
        self.put.lock().unwrap().push(input);
        Ok(inventory::PutItemOutput::default())
    }
}

#[test]
fn the_generated_client_drives_the_generated_server_over_awsjson() {
    common::run(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = listener.local_addr().expect("address");
        let server = inventory::InventoryServer::new(Store::default());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let serving = tokio::spawn(fixtures::runtime::server::serve(listener, server, async {
            let _ = stopped.await;
        }));
        let client = inventory::Client::new(
            Config::new()
                .with_region("us-east-1")
                .with_endpoint_url(format!("http://{address}"))
                .with_credentials(Credentials::new("AKID", "secret")),
        );
        {
            client.ping(()).await.expect("ping");
            client.put_item(put_item()).await.expect("put");
            let mut empty = put_item();
            empty.count = Some(0);
            match client.put_item(empty).await {
                Err(inventory::PutItemError::OutOfStock(e)) => {
                    assert_eq!(e.message.as_deref(), Some("sku-1 is out of stock"));
                }
                other => panic!("expected OutOfStock, got {other:?}"),
            }
            let mut items = client.list_items_items(inventory::ListItemsInput::default());
            let mut skus = Vec::new();
            while let Some(item) = items.next().await {
                skus.push(item.expect("item").sku);
            }
            assert_eq!(skus, ["sku-0", "sku-1", "sku-2", "sku-3", "sku-4"]);
        }
        // `common::run` bounds the whole test (calls and shutdown) in time.
        let _ = stop.send(());
        serving.await.expect("joined").expect("served");
    });
}

#[test]
fn a_request_the_service_does_not_claim_is_not_found() {
    common::run(async {
        use tower_service::Service;
        let mut server = inventory::InventoryServer::new(Store::default());
        let send = |target: Option<&str>, path: &str| {
            let mut builder = http::Request::builder()
                .method("POST")
                .uri(path)
                .header("content-type", "application/x-amz-json-1.1");
            if let Some(target) = target {
                builder = builder.header("x-amz-target", target);
            }
            builder
                .body(http_body_util::Full::new(bytes::Bytes::from_static(b"{}")))
                .expect("request")
        };
        for (target, path) in [
            (None, "/"),
            (Some("Other.Ping"), "/"),
            (Some("Inventory.Nope"), "/"),
            (Some("Inventory.Ping"), "/elsewhere"),
        ] {
            let response = server.call(send(target, path)).await.expect("infallible");
            assert_eq!(response.status(), 404, "{target:?} {path}");
        }
        let response = server
            .call(send(Some("Inventory.Ping"), "/"))
            .await
            .expect("infallible");
        assert_eq!(response.status(), 200);
        assert_eq!(
            header(response.headers(), "content-type"),
            "application/x-amz-json-1.1"
        );
    });
}

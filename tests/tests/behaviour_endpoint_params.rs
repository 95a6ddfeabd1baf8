//! Endpoint parameters bound from the model (fixture `models/fixtures/endpoint_params.smithy`,
//! spec rules-engine/parameters.rst): `@clientContextParams` set on the config,
//! `@staticContextParams`, `@contextParam` members and `@operationContextParams` paths
//! reach the rule set, in the spec's precedence. The fixture's rule set puts `Tenant` in
//! the URL path, `Preview` as a `/preview` prefix and the first element of each string
//! array in a header, so the requests the client sends show each parameter.
//!
//! Requests go to an in-process recording transport, and once through the default HTTP
//! client to a server on 127.0.0.1; every test is bounded to 10 s.

mod common;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use common::run;
use fixtures::endpoint_params::{
    self as svc, BatchThingsInput, ClientContextParams, EndpointParams, Entry, GetThingInput,
    Group, Item, ListThingsInput, Owner, PingThingsInput, RouteThingInput, SelectThingsInput,
    Target, Via,
};
use fixtures::runtime::client::{Config, HttpClient, HttpFuture};
use fixtures::runtime::endpoint::{OperationParams, Params, Value};
use fixtures::runtime::UnhandledKind;

/// Records each request and answers `200 {}`.
#[derive(Clone, Default)]
struct Recording(Arc<Mutex<Vec<http::Request<Vec<u8>>>>>);

impl HttpClient for Recording {
    fn send(&self, request: http::Request<Vec<u8>>) -> HttpFuture {
        self.0.lock().expect("requests").push(request);
        Box::pin(async {
            Ok(http::Response::builder()
                .status(200)
                .body(b"{}".to_vec())
                .expect("response"))
        })
    }
}

impl Recording {
    /// The last request's URI and its `x-tables`, `x-tag-keys`, `x-flags` headers.
    fn last(&self) -> (String, [String; 3]) {
        let requests = self.0.lock().expect("requests");
        let request = requests.last().expect("a request was sent");
        let header = |name: &str| {
            request
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_else(|| panic!("header {name} missing: {request:?}"))
                .to_owned()
        };
        (
            request.uri().to_string(),
            [header("x-tables"), header("x-tag-keys"), header("x-flags")],
        )
    }

    fn count(&self) -> usize {
        self.0.lock().expect("requests").len()
    }
}

const BASE: &str = "http://127.0.0.1:9";

fn client(config: Config, transport: &Recording) -> svc::Client {
    svc::Client::new(
        config
            .with_endpoint_url(BASE)
            .with_http_client(transport.clone()),
    )
}

fn none3() -> [String; 3] {
    ["none".to_owned(), "none".to_owned(), "none".to_owned()]
}

fn strings(items: &[&str]) -> Value {
    Value::Array(
        items
            .iter()
            .map(|s| Value::String((*s).to_owned()))
            .collect(),
    )
}

fn batch_input() -> BatchThingsInput {
    let item = |table: Option<&str>| Item {
        table: table.map(str::to_owned),
    };
    BatchThingsInput {
        owner: Some(Owner {
            name: Some("owner".to_owned()),
        }),
        items: Some(vec![item(Some("a")), item(None), item(Some("b"))]),
        tags: Some(BTreeMap::from([
            ("k2".to_owned(), "v".to_owned()),
            ("k1".to_owned(), "v".to_owned()),
        ])),
        groups: Some(vec![
            Group {
                flags: Some(vec!["f1".to_owned(), "f2".to_owned()]),
            },
            Group { flags: None },
            Group {
                flags: Some(vec!["f3".to_owned()]),
            },
        ]),
        tenant_override: None,
    }
}

#[test]
fn client_context_params_are_typed_config_settings_over_the_built_ins() {
    run(async {
        let transport = Recording::default();
        let unset = client(Config::new(), &transport);
        unset.ping_things(PingThingsInput {}).await.expect("sent");
        assert_eq!(transport.last(), (format!("{BASE}/none/ping"), none3()));

        let set = client(
            Config::new().with_tenant("acme").with_preview(true),
            &transport,
        );
        set.ping_things(PingThingsInput {}).await.expect("sent");
        assert_eq!(
            transport.last(),
            (format!("{BASE}/preview/acme/ping"), none3())
        );
        assert_eq!(
            set.config().endpoint_params.get("Tenant"),
            Some(&Value::String("acme".to_owned()))
        );
    });
}

#[test]
fn context_params_override_client_params() {
    run(async {
        let transport = Recording::default();
        let client = client(Config::new().with_tenant("acme"), &transport);
        client
            .get_thing(GetThingInput::new("t1".to_owned()))
            .await
            .expect("sent");
        assert_eq!(transport.last().0, format!("{BASE}/t1/things/t1"));

        // A boolean member, set: `Preview` from the input.
        let mut input = GetThingInput::new("t2".to_owned());
        input.preview = Some(true);
        client.get_thing(input).await.expect("sent");
        assert_eq!(
            transport.last().0,
            format!("{BASE}/preview/t2/things/t2?kind=true")
        );

        // The client's endpoint stays as configured for operations binding nothing.
        client.ping_things(PingThingsInput {}).await.expect("sent");
        assert_eq!(transport.last().0, format!("{BASE}/acme/ping"));
    });
}

#[test]
fn static_context_params_override_context_params() {
    run(async {
        let transport = Recording::default();
        let client = client(Config::new().with_tenant("acme"), &transport);
        let input = ListThingsInput {
            tenant: Some("mine".to_owned()),
        };
        client.list_things(input).await.expect("sent");
        let (uri, headers) = transport.last();
        assert_eq!(uri, format!("{BASE}/static-tenant/list"));
        assert_eq!(headers[2], "static-flag");
    });
}

#[test]
fn operation_context_params_select_from_the_input() {
    run(async {
        let transport = Recording::default();
        let client = client(Config::new().with_tenant("acme"), &transport);
        client.batch_things(batch_input()).await.expect("sent");
        let want = ["a".to_owned(), "k1".to_owned(), "f1".to_owned()];
        assert_eq!(transport.last(), (format!("{BASE}/owner/batch"), want));

        // An optional `@contextParam` member, set, wins over the path.
        let mut input = batch_input();
        input.tenant_override = Some("over".to_owned());
        client.batch_things(input).await.expect("sent");
        assert_eq!(transport.last().0, format!("{BASE}/over/batch"));

        // Paths selecting nothing leave the client's value and the defaults.
        let empty = BatchThingsInput {
            owner: None,
            items: None,
            tags: None,
            groups: None,
            tenant_override: None,
        };
        client.batch_things(empty).await.expect("sent");
        assert_eq!(transport.last(), (format!("{BASE}/acme/batch"), none3()));
    });
}

#[test]
fn paths_compile_to_the_values_jmespath_selects() {
    let mut params = Params::default();
    svc::BatchThings::bind(&batch_input(), &mut params).expect("binds");
    let mut want = Params::default();
    want.set("Tenant", Value::String("owner".to_owned()))
        // `items[*].table`: the null `table` dropped, as a projection does.
        .set("Tables", strings(&["a", "b"]))
        // `keys(tags)`.
        .set("TagKeys", strings(&["k1", "k2"]))
        // `groups[].flags[]`: each group's list, flattened; the absent one dropped.
        .set("Flags", strings(&["f1", "f2", "f3"]));
    assert_eq!(params, want);

    // An empty list projects to an empty array, which is a value (not unset).
    let mut input = batch_input();
    input.items = Some(Vec::new());
    let mut params = Params::default();
    svc::BatchThings::bind(&input, &mut params).expect("binds");
    assert_eq!(params.get("Tables"), Some(&strings(&[])));

    // Nothing set: nothing bound.
    let mut params = Params::default();
    svc::PingThings::bind(&PingThingsInput {}, &mut params).expect("binds");
    assert!(params.is_empty());
}

#[test]
fn paths_through_required_members_and_unions() {
    let target = |via| {
        Target::new(
            via,
            vec!["n1".to_owned(), "n2".to_owned()],
            BTreeMap::from([
                ("b".to_owned(), "v".to_owned()),
                ("a".to_owned(), "v".to_owned()),
            ]),
        )
    };
    let mut params = Params::default();
    let input = RouteThingInput::new(target(Via::Tenant("t".to_owned())));
    svc::RouteThing::bind(&input, &mut params).expect("binds");
    let mut want = Params::default();
    want.set("Tenant", Value::String("t".to_owned()))
        .set("Tables", strings(&["n1", "n2"]))
        .set("TagKeys", strings(&["a", "b"]));
    assert_eq!(params, want);

    // The union holds another member: `target.via.tenant` selects nothing.
    let mut params = Params::default();
    let input = RouteThingInput::new(target(Via::Item(Item { table: None })));
    svc::RouteThing::bind(&input, &mut params).expect("binds");
    assert_eq!(params.get("Tenant"), None);
    assert_eq!(params.get("Tables"), Some(&strings(&["n1", "n2"])));
}

#[test]
fn multi_select_lists_gather_strings() {
    let entry = |name: Option<&str>, via| Entry {
        name: name.map(str::to_owned),
        via,
    };
    let input = SelectThingsInput {
        entries: Some(vec![
            entry(Some("e1"), Some(Via::Tenant("t1".to_owned()))),
            entry(None, Some(Via::Item(Item { table: None }))),
            entry(Some("e3"), None),
        ]),
        primary: Some("p".to_owned()),
        secondary: None,
    };
    let mut params = Params::default();
    svc::SelectThings::bind(&input, &mut params).expect("binds");
    let mut want = Params::default();
    // `entries[*][name, via.tenant][]`: each entry's pair, flattened, nulls dropped.
    want.set("Tables", strings(&["e1", "t1", "e3"]))
        // `[primary, secondary]`: the unset one dropped.
        .set("Flags", strings(&["p"]));
    assert_eq!(params, want);

    // No entries: `Tables` stays unset; the multi-select of the input is always a list.
    let input = SelectThingsInput {
        entries: None,
        primary: None,
        secondary: None,
    };
    let mut params = Params::default();
    svc::SelectThings::bind(&input, &mut params).expect("binds");
    let mut want = Params::default();
    want.set("Flags", strings(&[]));
    assert_eq!(params, want);
}

#[test]
fn a_blank_required_context_param_is_refused_before_sending() {
    run(async {
        let transport = Recording::default();
        let client = client(Config::new(), &transport);
        for blank in ["", "  "] {
            let svc::GetThingError::Unhandled(e) = client
                .get_thing(GetThingInput::new(blank.to_owned()))
                .await
                .expect_err("refused");
            assert_eq!(e.kind, UnhandledKind::Endpoint);
            let message = format!("{e}");
            assert!(
                message.contains("no endpoint for endpoint_params GetThing")
                    && message.contains(
                        "input member `tenant` (endpoint parameter `Tenant`) is required and \
                         must not be empty or blank"
                    ),
                "{message}"
            );
        }
        assert_eq!(transport.count(), 0, "nothing was sent");
    });
}

#[test]
fn parameters_reach_a_server_on_loopback() {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("address");
    // One connection, one request: its head, then `200 {}`; reads time out after 10 s.
    let server = std::thread::spawn(move || {
        let (mut socket, _) = listener.accept().expect("accept");
        socket
            .set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .expect("timeout");
        let mut head = Vec::new();
        let mut buf = [0u8; 1024];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = socket.read(&mut buf).expect("read");
            assert!(n > 0, "the client closed before a whole request head");
            head.extend_from_slice(&buf[..n]);
        }
        let reply =
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}";
        socket.write_all(reply.as_bytes()).expect("write");
        String::from_utf8_lossy(&head).into_owned()
    });
    run(async {
        let config = Config::new()
            .with_endpoint_url(format!("http://{addr}"))
            .with_tenant("acme");
        let input = ListThingsInput { tenant: None };
        svc::Client::new(config)
            .list_things(input)
            .await
            .expect("sent");
    });
    let head = server.join().expect("server").to_ascii_lowercase();
    assert!(
        head.starts_with("post /static-tenant/list http/1.1\r\n"),
        "{head}"
    );
    assert!(head.contains("\r\nx-flags: static-flag\r\n"), "{head}");
}

/// The generated bindings and xtask's model-reading binder (which `cargo xtask corpus
/// --endpoints` runs on every AWS `operationInputs` case) give the same parameters for
/// the same inputs: the input's JSON form (member names; the fixture has no `@jsonName`)
/// is the case's `operationParams`.
#[test]
fn generated_bindings_agree_with_the_binder_of_the_endpoint_tests() {
    let path = common::root().join("models/fixtures/endpoint_params.smithy");
    let model = codegen::model::load(&[path]).expect("fixture loads");
    let service = model.services().next().expect("a service");
    let traits =
        codegen::model::traits::Known::parse(&service.id, &service.traits, &service.location)
            .expect("service traits");
    let rule_set = traits.endpoint_rule_set.expect("a rule set").document;
    let binder = xtask::endpoint_inputs::ServiceInputs::new(&model, &service.id, &rule_set);
    let expected = |operation: &str, input: serde_json::Value| {
        let case = serde_json::json!({"operationName": operation, "operationParams": input});
        let mut params = Params::default();
        for (name, value) in binder.bind(&case).expect("binds") {
            params.set(name, Value::from_json(&value).expect("a parameter value"));
        }
        params
    };
    fn generated<O: OperationParams>(input: &O::Input) -> Params {
        let mut params = Params::default();
        O::bind(input, &mut params).expect("binds");
        params
    }
    fn json(input: &impl serde::Serialize) -> serde_json::Value {
        serde_json::to_value(input).expect("serializes")
    }

    let batch = batch_input();
    let mut batch_over = batch_input();
    batch_over.tenant_override = Some("over".to_owned());
    for input in [batch, batch_over] {
        assert_eq!(
            generated::<svc::BatchThings>(&input),
            expected("BatchThings", json(&input))
        );
    }
    let route = RouteThingInput::new(Target::new(
        Via::Tenant("t".to_owned()),
        vec!["n".to_owned()],
        BTreeMap::from([("k".to_owned(), "v".to_owned())]),
    ));
    assert_eq!(
        generated::<svc::RouteThing>(&route),
        expected("RouteThing", json(&route))
    );
    let list = ListThingsInput {
        tenant: Some("mine".to_owned()),
    };
    assert_eq!(
        generated::<svc::ListThings>(&list),
        expected("ListThings", json(&list))
    );
    // Label and query members are not in the body's JSON form: written out.
    let mut get = GetThingInput::new("t".to_owned());
    get.preview = Some(false);
    let get_json = serde_json::json!({"tenant": "t", "preview": false});
    assert_eq!(
        generated::<svc::GetThing>(&get),
        expected("GetThing", get_json)
    );
    let select = SelectThingsInput {
        entries: Some(vec![Entry {
            name: Some("e".to_owned()),
            via: Some(Via::Tenant("t".to_owned())),
        }]),
        primary: Some("p".to_owned()),
        secondary: Some("s".to_owned()),
    };
    assert_eq!(
        generated::<svc::SelectThings>(&select),
        expected("SelectThings", json(&select))
    );
}

//! DynamoDB (awsJson1_0), our generated client against our generated server on
//! 127.0.0.1 over the in-memory tables (`rpc_models::tables`): `CreateTable`, `PutItem`
//! and `GetItem` round-trip every kind of attribute value, `ListTables` pages through
//! its modeled paginator, and `ResourceNotFoundException` / `ResourceInUseException`
//! come back as the modeled errors. The server's record of each request checks the
//! wire: `POST /`, `X-Amz-Target: DynamoDB_20120810.<Operation>`, `Content-Type:
//! application/x-amz-json-1.0`, a SigV4 `Authorization` for service `dynamodb`.
//!
//! Without the optional `dynamodb` pin in models/cache, its tests pass saying they skipped
//! ([`rpc_models::skipped!`]).

#[cfg(not(has_dynamodb))]
mod loopback {
    rpc_models::skipped!("dynamodb":
        items_round_trip_and_the_wire_is_aws_json_1_0,
        list_tables_pages_through_its_paginator,
        missing_and_existing_tables_are_the_modeled_errors,
    );
}

#[cfg(has_dynamodb)]
mod loopback {
    use std::collections::BTreeMap;

    use rpc_models::dynamo_db::{
        AttributeDefinition, AttributeValue, Client, CreateTableError, CreateTableInput, DynamoDb,
        DynamoDbServer, GetItemError, GetItemInput, KeySchemaElement, KeyType, ListTablesInput,
        PutItemError, PutItemInput, ScalarAttributeType, TableStatus,
    };
    use rpc_models::loopback::{run, Loopback};
    use rpc_models::runtime::{Blob, UnhandledKind};
    use rpc_models::tables::{Item, Tables};

    /// The server and a client of it.
    fn start() -> (Loopback, Client) {
        let server = Loopback::start(DynamoDbServer::new(Tables::default()));
        let client = Client::new(server.client_config());
        (server, client)
    }

    /// A table keyed by `Artist` (hash) and `SongTitle` (range), both strings.
    fn music(name: &str) -> CreateTableInput {
        let key = |name: &str, key_type| KeySchemaElement {
            attribute_name: name.to_owned(),
            key_type,
        };
        let attribute = |name: &str| AttributeDefinition {
            attribute_name: name.to_owned(),
            attribute_type: ScalarAttributeType::S,
        };
        CreateTableInput::new(
            vec![attribute("Artist"), attribute("SongTitle")],
            name.to_owned(),
            vec![
                key("Artist", KeyType::Hash),
                key("SongTitle", KeyType::Range),
            ],
        )
    }

    fn s(text: &str) -> AttributeValue {
        AttributeValue::S(text.to_owned())
    }

    fn key(artist: &str, song: &str) -> Item {
        Item::from([
            ("Artist".to_owned(), s(artist)),
            ("SongTitle".to_owned(), s(song)),
        ])
    }

    #[test]
    fn items_round_trip_and_the_wire_is_aws_json_1_0() {
        let (server, client) = start();
        run(async {
            let created = client.create_table(music("Music")).await.expect("created");
            let table = created.table_description.expect("a description");
            assert_eq!(table.table_name.as_deref(), Some("Music"));
            assert_eq!(table.table_status, Some(TableStatus::Active));
            assert_eq!(table.key_schema.expect("a key schema").len(), 2);

            // Every kind of attribute value, nested ones included.
            let mut item = key("No One You Know", "Call Me Today");
            item.extend([
                ("Year".to_owned(), AttributeValue::N("2015".to_owned())),
                ("Single".to_owned(), AttributeValue::Bool(true)),
                (
                    "Cover".to_owned(),
                    AttributeValue::B(Blob(vec![0, 159, 255])),
                ),
                ("Nothing".to_owned(), AttributeValue::Null(true)),
                (
                    "Tags".to_owned(),
                    AttributeValue::Ss(vec!["pop".to_owned(), "2010s".to_owned()]),
                ),
                (
                    "Ratings".to_owned(),
                    AttributeValue::Ns(vec!["4.5".to_owned(), "-1e3".to_owned()]),
                ),
                (
                    "Stems".to_owned(),
                    AttributeValue::Bs(vec![Blob(b"a".to_vec())]),
                ),
                (
                    "Credits".to_owned(),
                    AttributeValue::M(BTreeMap::from([(
                        "Writers".to_owned(),
                        AttributeValue::L(vec![s("A"), AttributeValue::N("2".to_owned())]),
                    )])),
                ),
            ]);
            let put = PutItemInput::new("Music".to_owned(), item.clone());
            client.put_item(put).await.expect("put");

            let get =
                GetItemInput::new("Music".to_owned(), key("No One You Know", "Call Me Today"));
            let got = client.get_item(get).await.expect("got");
            assert_eq!(got.item, Some(item));

            let absent = GetItemInput::new("Music".to_owned(), key("No One You Know", "Other"));
            assert_eq!(client.get_item(absent).await.expect("got").item, None);
        });

        let heads = server.heads();
        let targets: Vec<&str> = heads
            .iter()
            .filter_map(|h| h.header("x-amz-target"))
            .collect();
        assert_eq!(
            targets,
            [
                "DynamoDB_20120810.CreateTable",
                "DynamoDB_20120810.PutItem",
                "DynamoDB_20120810.GetItem",
                "DynamoDB_20120810.GetItem",
            ]
        );
        for head in &heads {
            head.assert_aws_json("application/x-amz-json-1.0", "dynamodb");
        }
    }

    #[test]
    fn list_tables_pages_through_its_paginator() {
        let (server, client) = start();
        let names = ["Albums", "Artists", "Labels", "Music", "Tours"];
        run(async {
            for name in names {
                client.create_table(music(name)).await.expect("created");
            }
            let input = ListTablesInput {
                limit: Some(2),
                ..Default::default()
            };
            let mut pages = client.list_tables_pages(input.clone());
            let mut sizes = Vec::new();
            while let Some(page) = pages.next().await {
                sizes.push(page.expect("a page").table_names.unwrap_or_default().len());
            }
            assert_eq!(sizes, [2, 2, 1]);

            let mut items = client.list_tables_items(input);
            let mut listed = Vec::new();
            while let Some(name) = items.next().await {
                listed.push(name.expect("a name"));
            }
            assert_eq!(listed, names);
        });
        // The paginator sent each page's LastEvaluatedTableName as the next start.
        let lists = server
            .heads()
            .iter()
            .filter(|h| h.header("x-amz-target") == Some("DynamoDB_20120810.ListTables"))
            .count();
        assert_eq!(lists, 6);
    }

    #[test]
    fn missing_and_existing_tables_are_the_modeled_errors() {
        let (_server, client) = start();
        run(async {
            let get = GetItemInput::new("Nowhere".to_owned(), key("a", "b"));
            match client.get_item(get).await {
                Err(GetItemError::ResourceNotFoundException(e)) => assert_eq!(
                    e.message.as_deref(),
                    Some("Requested resource not found: Table: Nowhere not found")
                ),
                other => panic!("expected ResourceNotFoundException, got {other:?}"),
            }

            client.create_table(music("Music")).await.expect("created");
            match client.create_table(music("Music")).await {
                Err(CreateTableError::ResourceInUseException(e)) => {
                    assert_eq!(e.message.as_deref(), Some("Table already exists: Music"));
                }
                other => panic!("expected ResourceInUseException, got {other:?}"),
            }

            // DynamoDB's ValidationException is not modeled: Unhandled, code and status kept.
            let keyless = PutItemInput::new(
                "Music".to_owned(),
                Item::from([("Artist".to_owned(), s("a"))]),
            );
            match client.put_item(keyless).await {
                Err(PutItemError::Unhandled(e)) => {
                    assert_eq!(e.kind, UnhandledKind::Service);
                    assert_eq!(e.code.as_deref(), Some("ValidationException"));
                    assert_eq!(e.status, Some(400));
                }
                other => panic!("expected an unhandled ValidationException, got {other:?}"),
            }
        });
    }
}

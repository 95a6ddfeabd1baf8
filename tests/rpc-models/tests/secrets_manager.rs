//! Secrets Manager (awsJson1_1), our generated client against our generated server on
//! 127.0.0.1 over the in-memory secrets (`rpc_models::secrets`): `CreateSecret` (its
//! idempotency token filled by the client), `GetSecretValue` for a string and a binary
//! secret, `ListSecrets` through its modeled paginator, and `ResourceNotFoundException`,
//! `ResourceExistsException` and `InvalidNextTokenException` as the modeled errors. The
//! server's record of each request checks the wire: `POST /`, `X-Amz-Target:
//! secretsmanager.<Operation>`, `Content-Type: application/x-amz-json-1.1`, a SigV4
//! `Authorization` for service `secretsmanager`.
//!
//! Without the optional `secretsmanager` pin in models/cache, its tests pass saying they skipped
//! ([`rpc_models::skipped!`]).

#[cfg(not(has_secretsmanager))]
mod loopback {
    rpc_models::skipped!("secretsmanager":
        secrets_round_trip_and_the_wire_is_aws_json_1_1,
        list_secrets_pages_through_its_paginator,
        unknown_and_taken_secrets_are_the_modeled_errors,
    );
}

#[cfg(has_secretsmanager)]
mod loopback {
    use rpc_models::loopback::{run, Loopback};
    use rpc_models::runtime::Blob;
    use rpc_models::secrets::Secrets;
    use rpc_models::secrets_manager::{
        Client, CreateSecretError, CreateSecretRequest, GetSecretValueError, GetSecretValueRequest,
        ListSecretsError, ListSecretsRequest, SecretsManager, SecretsManagerServer,
    };

    /// The server and a client of it.
    fn start() -> (Loopback, Client) {
        let server = Loopback::start(SecretsManagerServer::new(Secrets::default()));
        let client = Client::new(server.client_config());
        (server, client)
    }

    fn string_secret(name: &str, value: &str) -> CreateSecretRequest {
        CreateSecretRequest {
            secret_string: Some(value.to_owned()),
            ..CreateSecretRequest::new(name.to_owned())
        }
    }

    #[test]
    fn secrets_round_trip_and_the_wire_is_aws_json_1_1() {
        let (server, client) = start();
        run(async {
            let created = client
                .create_secret(CreateSecretRequest {
                    description: Some("the database password".to_owned()),
                    ..string_secret("prod/db", "hunter2")
                })
                .await
                .expect("created");
            assert_eq!(created.name.as_deref(), Some("prod/db"));
            let arn = created.arn.expect("an ARN");
            // The version is the idempotency token the client filled in: a UUID.
            let version = created.version_id.expect("a version");
            assert_eq!(version.len(), 36, "{version}");

            let got = client
                .get_secret_value(GetSecretValueRequest::new("prod/db".to_owned()))
                .await
                .expect("got");
            assert_eq!(got.secret_string.as_deref(), Some("hunter2"));
            assert_eq!(got.version_id.as_deref(), Some(version.as_str()));
            assert_eq!(got.version_stages, Some(vec!["AWSCURRENT".to_owned()]));
            assert!(got.created_date.is_some());

            // By ARN, and a binary secret (base64 on the wire).
            let binary = CreateSecretRequest {
                secret_binary: Some(Blob(vec![0, 1, 254, 255])),
                ..CreateSecretRequest::new("prod/key".to_owned())
            };
            client.create_secret(binary).await.expect("created");
            let by_arn = client
                .get_secret_value(GetSecretValueRequest::new(arn))
                .await
                .expect("got by ARN");
            assert_eq!(by_arn.name.as_deref(), Some("prod/db"));
            let key = client
                .get_secret_value(GetSecretValueRequest::new("prod/key".to_owned()))
                .await
                .expect("got");
            assert_eq!(key.secret_binary, Some(Blob(vec![0, 1, 254, 255])));
            assert_eq!(key.secret_string, None);
        });

        let heads = server.heads();
        let targets: Vec<&str> = heads
            .iter()
            .filter_map(|h| h.header("x-amz-target"))
            .collect();
        assert_eq!(
            targets,
            [
                "secretsmanager.CreateSecret",
                "secretsmanager.GetSecretValue",
                "secretsmanager.CreateSecret",
                "secretsmanager.GetSecretValue",
                "secretsmanager.GetSecretValue",
            ]
        );
        for head in &heads {
            head.assert_aws_json("application/x-amz-json-1.1", "secretsmanager");
        }
    }

    #[test]
    fn list_secrets_pages_through_its_paginator() {
        let (_server, client) = start();
        run(async {
            let names = ["a/one", "a/two", "b/three", "c/four", "d/five"];
            for name in names {
                client
                    .create_secret(string_secret(name, "x"))
                    .await
                    .expect("created");
            }
            let input = ListSecretsRequest {
                max_results: Some(2),
                ..Default::default()
            };
            let mut pages = client.list_secrets_pages(input);
            let mut listed = Vec::new();
            let mut sizes = Vec::new();
            while let Some(page) = pages.next().await {
                let page = page.expect("a page").secret_list.unwrap_or_default();
                sizes.push(page.len());
                listed.extend(page.into_iter().filter_map(|entry| entry.name));
            }
            assert_eq!(sizes, [2, 2, 1]);
            assert_eq!(listed, names);
        });
    }

    #[test]
    fn unknown_and_taken_secrets_are_the_modeled_errors() {
        let (_server, client) = start();
        run(async {
            let missing = GetSecretValueRequest::new("nowhere".to_owned());
            match client.get_secret_value(missing).await {
                Err(GetSecretValueError::ResourceNotFoundException(e)) => assert_eq!(
                    e.message.as_deref(),
                    Some("Secrets Manager can't find the specified secret.")
                ),
                other => panic!("expected ResourceNotFoundException, got {other:?}"),
            }

            client
                .create_secret(string_secret("taken", "1"))
                .await
                .expect("created");
            match client.create_secret(string_secret("taken", "2")).await {
                Err(CreateSecretError::ResourceExistsException(e)) => {
                    let message = e.message.unwrap_or_default();
                    assert!(message.contains("taken already exists"), "{message}");
                }
                other => panic!("expected ResourceExistsException, got {other:?}"),
            }

            let bad_token = ListSecretsRequest {
                next_token: Some("not-a-token".to_owned()),
                ..Default::default()
            };
            match client.list_secrets(bad_token).await {
                Err(ListSecretsError::InvalidNextTokenException(e)) => {
                    assert_eq!(e.message.as_deref(), Some("Invalid NextToken: not-a-token"))
                }
                other => panic!("expected InvalidNextTokenException, got {other:?}"),
            }
        });
    }
}

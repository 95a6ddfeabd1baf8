//! A client we did not write against our generated awsJson servers: the AWS CLI
//! (`awscli`, botocore's own awsJson1_0/1_1 serializers and parsers) calls DynamoDB and
//! Secrets Manager served on 127.0.0.1 from the in-memory implementations, with
//! `--endpoint-url`, dummy credentials and `--output json`; the tests assert on the JSON
//! it prints and on the modeled error codes it reports.
//!
//! The CLI's path comes from `AWS_CLI`; without it the tests are ignored. `.ci/run`
//! installs it in a virtualenv and runs
//! `AWS_CLI=target/awscli-venv/bin/aws cargo test -p rpc-models --test aws_cli -- --include-ignored`.
//! Without the optional model pins in models/cache, its tests pass saying they skipped
//! ([`rpc_models::skipped!`]).

#[cfg(not(all(has_dynamodb, has_secretsmanager)))]
mod cli {
    rpc_models::skipped!("dynamodb or secretsmanager":
        #[ignore = "needs the AWS CLI: set AWS_CLI to its path (.ci/run installs it)"]
        dynamodb_through_the_aws_cli,
        #[ignore = "needs the AWS CLI: set AWS_CLI to its path (.ci/run installs it)"]
        secrets_manager_through_the_aws_cli,
    );
}

#[cfg(all(has_dynamodb, has_secretsmanager))]
mod cli {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    use rpc_models::dynamo_db::DynamoDbServer;
    use rpc_models::loopback::Loopback;
    use rpc_models::secrets::Secrets;
    use rpc_models::secrets_manager::SecretsManagerServer;
    use rpc_models::tables::Tables;
    use serde_json::{json, Value};

    /// How long one CLI call may take (Python start-up is most of it).
    const CALL_TIMEOUT: Duration = Duration::from_secs(60);

    /// What one CLI call printed.
    struct Output {
        success: bool,
        stdout: String,
        stderr: String,
    }

    impl Output {
        /// The JSON it printed, for a call that must succeed.
        fn json(&self) -> Value {
            assert!(self.success, "the CLI failed: {}", self.stderr);
            if self.stdout.trim().is_empty() {
                return Value::Null;
            }
            serde_json::from_str(&self.stdout)
                .unwrap_or_else(|e| panic!("the CLI printed no JSON ({e}): {}", self.stdout))
        }

        /// The error code the CLI reports, for a call that must fail with a service error
        /// ("An error occurred (CODE) when calling the OPERATION operation: …").
        fn error_code(&self) -> &str {
            assert!(!self.success, "the CLI succeeded: {}", self.stdout);
            self.stderr
                .split_once("An error occurred (")
                .and_then(|(_, rest)| rest.split_once(')'))
                .map(|(code, _)| code)
                .unwrap_or_else(|| panic!("no error code in: {}", self.stderr))
        }
    }

    /// `aws <args> --endpoint-url <server> --output json`, with dummy credentials, no
    /// user configuration and one attempt, killed after [`CALL_TIMEOUT`].
    fn aws(server: &Loopback, args: &[&str]) -> Output {
        let cli = std::env::var("AWS_CLI").expect("AWS_CLI: the path of the AWS CLI");
        let home = std::env::temp_dir().join("rpc-models-aws-cli-home");
        let mut child = Command::new(&cli)
            .args(args)
            .args(["--endpoint-url", &server.url()])
            .args(["--output", "json", "--region", "us-east-1"])
            .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
            .env(
                "AWS_SECRET_ACCESS_KEY",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            )
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .env("AWS_CONFIG_FILE", home.join("config"))
            .env("AWS_SHARED_CREDENTIALS_FILE", home.join("credentials"))
            .env("AWS_MAX_ATTEMPTS", "1")
            .env("AWS_PAGER", "")
            .env_remove("AWS_PROFILE")
            .env_remove("AWS_SESSION_TOKEN")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {cli}: {e}"));
        let started = Instant::now();
        while child.try_wait().expect("the CLI's status").is_none() {
            if started.elapsed() > CALL_TIMEOUT {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "`aws {}` did not finish in {CALL_TIMEOUT:?}",
                    args.join(" ")
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let output = child.wait_with_output().expect("the CLI's output");
        Output {
            success: output.status.success(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    #[test]
    #[ignore = "needs the AWS CLI: set AWS_CLI to its path (.ci/run installs it)"]
    fn dynamodb_through_the_aws_cli() {
        let server = Loopback::start(DynamoDbServer::new(Tables::default()));
        for table in ["Music", "Albums", "Tours"] {
            let created = aws(
                &server,
                &[
                    "dynamodb",
                    "create-table",
                    "--table-name",
                    table,
                    "--attribute-definitions",
                    "AttributeName=Artist,AttributeType=S",
                    "--key-schema",
                    "AttributeName=Artist,KeyType=HASH",
                    "--billing-mode",
                    "PAY_PER_REQUEST",
                ],
            )
            .json();
            assert_eq!(created["TableDescription"]["TableName"], table);
            assert_eq!(created["TableDescription"]["TableStatus"], "ACTIVE");
        }

        // The CLI follows LastEvaluatedTableName itself: three calls of one name each.
        let listed = aws(&server, &["dynamodb", "list-tables", "--page-size", "1"]).json();
        assert_eq!(listed["TableNames"], json!(["Albums", "Music", "Tours"]));
        let lists = server
            .heads()
            .iter()
            .filter(|h| h.header("x-amz-target") == Some("DynamoDB_20120810.ListTables"))
            .count();
        assert_eq!(lists, 3);

        let item = json!({
            "Artist": { "S": "No One You Know" },
            "Year": { "N": "2015" },
            "Single": { "BOOL": true },
            "Tags": { "SS": ["pop", "2010s"] },
            "Credits": { "M": { "Writers": { "L": [{ "S": "A" }, { "N": "2" }] } } },
        });
        let put = aws(
            &server,
            &[
                "dynamodb",
                "put-item",
                "--table-name",
                "Music",
                "--item",
                &item.to_string(),
            ],
        );
        // An empty output (no ReturnValues asked for): the CLI prints nothing.
        assert_eq!(put.json(), Value::Null);
        let key = json!({ "Artist": { "S": "No One You Know" } }).to_string();
        let got = aws(
            &server,
            &[
                "dynamodb",
                "get-item",
                "--table-name",
                "Music",
                "--key",
                &key,
            ],
        )
        .json();
        assert_eq!(got["Item"], item);

        let missing = aws(
            &server,
            &[
                "dynamodb",
                "get-item",
                "--table-name",
                "Nowhere",
                "--key",
                &key,
            ],
        );
        assert_eq!(missing.error_code(), "ResourceNotFoundException");
        assert!(
            missing.stderr.contains("Table: Nowhere not found"),
            "{}",
            missing.stderr
        );

        for head in server.heads() {
            head.assert_aws_json("application/x-amz-json-1.0", "dynamodb");
        }
    }

    #[test]
    #[ignore = "needs the AWS CLI: set AWS_CLI to its path (.ci/run installs it)"]
    fn secrets_manager_through_the_aws_cli() {
        let server = Loopback::start(SecretsManagerServer::new(Secrets::default()));
        let created = aws(
            &server,
            &[
                "secretsmanager",
                "create-secret",
                "--name",
                "prod/db",
                "--secret-string",
                "hunter2",
            ],
        )
        .json();
        assert_eq!(created["Name"], "prod/db");
        let version = created["VersionId"].as_str().expect("a VersionId");
        // The CLI filled the idempotency token (ClientRequestToken): a UUID.
        assert_eq!(version.len(), 36, "{created}");

        let got = aws(
            &server,
            &[
                "secretsmanager",
                "get-secret-value",
                "--secret-id",
                "prod/db",
            ],
        )
        .json();
        assert_eq!(got["SecretString"], "hunter2");
        assert_eq!(got["VersionId"], version);
        assert_eq!(got["VersionStages"], json!(["AWSCURRENT"]));
        assert!(got["CreatedDate"].is_number(), "{got}");

        aws(
            &server,
            &["secretsmanager", "create-secret", "--name", "dev/db"],
        )
        .json();
        let listed = aws(&server, &["secretsmanager", "list-secrets"]).json();
        let names: Vec<&Value> = listed["SecretList"]
            .as_array()
            .expect("a SecretList")
            .iter()
            .map(|entry| &entry["Name"])
            .collect();
        assert_eq!(names, [&json!("dev/db"), &json!("prod/db")]);

        let missing = aws(
            &server,
            &[
                "secretsmanager",
                "get-secret-value",
                "--secret-id",
                "nowhere",
            ],
        );
        assert_eq!(missing.error_code(), "ResourceNotFoundException");
        let taken = aws(
            &server,
            &["secretsmanager", "create-secret", "--name", "prod/db"],
        );
        assert_eq!(taken.error_code(), "ResourceExistsException");

        for head in server.heads() {
            head.assert_aws_json("application/x-amz-json-1.1", "secretsmanager");
        }
    }
}

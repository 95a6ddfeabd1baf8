//! A client we did not write against the generated servers: the AWS CLI (`awscli`) calls
//! the example rooms server (`examples::rooms`, in process on 127.0.0.1) with
//! `--endpoint-url`, dummy credentials and `--output json`; the tests assert on the JSON
//! it prints and on the modeled errors it reports.
//!
//! The CLI's path comes from `AWS_CLI`; without it the tests are ignored. `.ci/run`
//! installs it in a virtualenv and runs
//! `AWS_CLI=target/awscli-venv/bin/aws cargo test -p tests --test aws_cli -- --include-ignored`.

use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const NEEDS_CLI: &str = "needs the AWS CLI: set AWS_CLI to its path (.ci/run installs it)";

/// How long one CLI call may take (Python start-up is most of it).
const CALL_TIMEOUT: Duration = Duration::from_secs(60);

/// The rooms server on an ephemeral loopback port, stopped (gracefully) on drop.
struct Server {
    address: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    fn start() -> Server {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a Tokio runtime");
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("a loopback port");
        let address = listener.local_addr().expect("the bound address");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let shutdown = async {
                let _ = stopped.await;
            };
            runtime
                .block_on(examples::rooms::serve(listener, shutdown))
                .expect("the server runs");
        });
        Server {
            address,
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

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
}

/// `aws <args> --endpoint-url <server> --output json`, with dummy credentials and no
/// user configuration, killed after [`CALL_TIMEOUT`].
fn aws(server: &Server, args: &[&str]) -> Output {
    let cli = std::env::var("AWS_CLI").expect(NEEDS_CLI);
    let home = std::env::temp_dir().join("aws-cli-test-home");
    let mut child = Command::new(&cli)
        .args(args)
        .args(["--endpoint-url", &format!("http://{}", server.address)])
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
    loop {
        match child.try_wait().expect("the CLI's status") {
            Some(_) => break,
            None if started.elapsed() > CALL_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "`aws {}` did not finish in {CALL_TIMEOUT:?}",
                    args.join(" ")
                );
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    let output = child.wait_with_output().expect("the CLI's output");
    Output {
        success: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn text<'a>(value: &'a Value, pointer: &str) -> &'a str {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no string at {pointer} in {value}"))
}

/// Every page of a list command (`base` plus `size`), following the output token
/// `token` (its option is `--next-token`); the string at `id` of each item of the list
/// at `items`. At most 10 pages.
fn pages(
    server: &Server,
    base: &[&str],
    size: [&str; 2],
    token: &str,
    items: &str,
    id: &str,
) -> Vec<String> {
    let mut ids = Vec::new();
    let mut next: Option<String> = None;
    for _ in 0..10 {
        let mut args: Vec<&str> = base.iter().copied().chain(size).collect();
        if let Some(next) = &next {
            args.extend(["--next-token", next]);
        }
        let page = aws(server, &args).json();
        let list = page
            .pointer(items)
            .and_then(Value::as_array)
            .unwrap_or_else(|| panic!("no list at {items}: {page}"));
        assert!(
            list.len() <= 1,
            "a page holds at most the page size: {page}"
        );
        ids.extend(list.iter().map(|item| text(item, id).to_owned()));
        next = page.get(token).and_then(Value::as_str).map(str::to_owned);
        if next.is_none() {
            return ids;
        }
    }
    panic!("more than 10 pages");
}

#[test]
#[ignore = "needs the AWS CLI: set AWS_CLI to its path (.ci/run installs it)"]
fn chime_rooms_through_the_aws_cli() {
    let server = Server::start();
    let account = ["--account-id", "123456789012"];
    let mut ids = Vec::new();
    for name in ["alpha", "beta", "gamma"] {
        let created = aws(
            &server,
            &[&["chime", "create-room"][..], &account, &["--name", name]].concat(),
        )
        .json();
        assert_eq!(text(&created, "/Room/Name"), name);
        assert_eq!(text(&created, "/Room/AccountId"), "123456789012");
        ids.push(text(&created, "/Room/RoomId").to_owned());
    }
    let got = aws(
        &server,
        &[
            &["chime", "get-room"][..],
            &account,
            &["--room-id", &ids[1]],
        ]
        .concat(),
    )
    .json();
    assert_eq!(text(&got, "/Room/RoomId"), ids[1]);
    assert_eq!(text(&got, "/Room/Name"), "beta");

    // Pages of one, following NextToken through all three.
    let base = [&["chime", "list-rooms"][..], &account].concat();
    let listed = pages(
        &server,
        &base,
        ["--max-results", "1"],
        "NextToken",
        "/Rooms",
        "/RoomId",
    );
    assert_eq!(listed, ids);

    let deleted = aws(
        &server,
        &[
            &["chime", "delete-room"][..],
            &account,
            &["--room-id", &ids[0]],
        ]
        .concat(),
    );
    assert!(deleted.success, "delete-room: {}", deleted.stderr);
    let missing = aws(
        &server,
        &[
            &["chime", "get-room"][..],
            &account,
            &["--room-id", &ids[0]],
        ]
        .concat(),
    );
    assert!(!missing.success, "get-room on a deleted room must fail");
    assert!(
        missing.stderr.contains("(NotFoundException)") && missing.stderr.contains(&ids[0]),
        "the modeled error: {}",
        missing.stderr
    );

    // Invalid input the CLI does not check itself (the token's @pattern) is answered with
    // the error Chime models for it, BadRequestException, not an unmodeled code.
    let invalid = aws(
        &server,
        &[
            &["chime", "create-room"][..],
            &account,
            &["--name", "delta", "--client-request-token", "has spaces"],
        ]
        .concat(),
    );
    println!(
        "chime create-room, invalid token: {}",
        invalid.stderr.trim()
    );
    assert!(!invalid.success);
    assert!(
        invalid.stderr.contains("(BadRequestException)"),
        "{}",
        invalid.stderr
    );
}

#[test]
#[ignore = "needs the AWS CLI: set AWS_CLI to its path (.ci/run installs it)"]
fn ivschat_rooms_through_the_aws_cli() {
    let server = Server::start();
    let mut arns = Vec::new();
    for name in ["lobby", "stage"] {
        let created = aws(
            &server,
            &[
                "ivschat",
                "create-room",
                "--name",
                name,
                "--maximum-message-length",
                "200",
            ],
        )
        .json();
        assert_eq!(text(&created, "/name"), name);
        assert_eq!(created["maximumMessageLength"], 200);
        assert_eq!(created["maximumMessageRatePerSecond"], 10);
        arns.push(text(&created, "/arn").to_owned());
    }
    let got = aws(&server, &["ivschat", "get-room", "--identifier", &arns[0]]).json();
    assert_eq!(text(&got, "/arn"), arns[0]);
    assert_eq!(text(&got, "/name"), "lobby");

    let base = ["ivschat", "list-rooms"];
    let listed = pages(
        &server,
        &base,
        ["--max-results", "1"],
        "nextToken",
        "/rooms",
        "/arn",
    );
    assert_eq!(listed, arns);

    // Validation happens before the handler: a name outside the pattern is refused.
    let invalid = aws(
        &server,
        &["ivschat", "create-room", "--name", "no spaces allowed"],
    );
    println!(
        "ivschat create-room, invalid name: {}",
        invalid.stderr.trim()
    );
    assert!(!invalid.success);
    assert!(
        invalid.stderr.contains("(ValidationException)"),
        "{}",
        invalid.stderr
    );

    let unknown = format!("{}nope", examples::rooms::IVSCHAT_ARN_PREFIX);
    let missing = aws(&server, &["ivschat", "get-room", "--identifier", &unknown]);
    assert!(!missing.success, "get-room on an unknown room must fail");
    assert!(
        missing.stderr.contains("(ResourceNotFoundException)"),
        "the modeled error: {}",
        missing.stderr
    );
}

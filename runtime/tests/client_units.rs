//! Unit tests of the client runtime that need no network: the profile-file parser,
//! `Config::from_environment` over given variables and temporary files, SigV4 against the
//! published test vectors, backoff, classification and the retry quota.
#![cfg(feature = "client-core")]

mod common;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::TempDir;

use runtime::client::profile::{parse, FileKind, ProfileError};
use runtime::client::{
    classify_response, sign, Config, Credentials, MapEnv, ProfileCredentials, ProvideCredentials,
    RetryConfig, RetryQuota, RetryReason, SigningParams,
};

#[test]
fn profile_parser_reads_sections_properties_comments_and_sub_properties() {
    let text = "\
# a comment
; another
[default]
region = us-west-2   # trailing comment
output=json

[profile dev]
aws_access_key_id = AKID
s3 =
  max_concurrent_requests = 10
  region = eu-west-1
role_arn = arn:aws:iam::123:role/x;not-a-comment

[sso-session corp]
sso_region = us-east-1

[profilebogus]
x = 1
";
    let profiles = parse(text, "config", FileKind::Config).expect("parses");
    assert_eq!(
        profiles.keys().collect::<Vec<_>>(),
        vec!["default", "dev"],
        "sso-session and [profilebogus] are not profiles"
    );
    let default = &profiles["default"];
    assert_eq!(default.get("region"), Some("us-west-2"));
    assert_eq!(default.get("output"), Some("json"));
    let dev = &profiles["dev"];
    assert_eq!(dev.get("aws_access_key_id"), Some("AKID"));
    assert_eq!(
        dev.get("s3"),
        None,
        "a parent of sub-properties has no value"
    );
    assert_eq!(
        dev.sub_properties["s3"]["max_concurrent_requests"],
        "10".to_owned()
    );
    assert_eq!(dev.sub_properties["s3"]["region"], "eu-west-1".to_owned());
    assert_eq!(
        dev.get("role_arn"),
        Some("arn:aws:iam::123:role/x;not-a-comment")
    );
}

#[test]
fn profile_parser_credentials_file_names_and_continuations() {
    let text = "[default]\naws_access_key_id = A\n[profile x]\nnote = first\n  second\n";
    let profiles = parse(text, "credentials", FileKind::Credentials).expect("parses");
    assert!(
        profiles.contains_key("profile x"),
        "names are taken as written"
    );
    assert_eq!(profiles["profile x"].get("note"), Some("first\nsecond"));
}

#[test]
fn profile_parser_errors_name_file_and_line() {
    let cases = [
        ("region = x\n", 1, "a property before any `[section]`"),
        ("[default]\n\nnot a property\n", 3, "expected `key = value`"),
        ("[default\n", 1, "unterminated `[section]`"),
        (
            "[default]\n  indented = 1\n",
            2,
            "an indented line with no property before it",
        ),
        (
            "[default]\ns3 =\n  no equals\n",
            3,
            "expected an indented `key = value`",
        ),
    ];
    for (text, line, message) in cases {
        let error = parse(text, "/home/u/.aws/config", FileKind::Config).expect_err(text);
        assert_eq!(
            error,
            ProfileError {
                file: "/home/u/.aws/config".to_owned(),
                line,
                message: message.to_owned()
            }
        );
        assert!(error
            .to_string()
            .starts_with(&format!("/home/u/.aws/config:{line}: ")));
    }
}

#[test]
fn from_env_prefers_environment_variables() {
    let env = MapEnv::new([
        ("AWS_REGION", "eu-central-1"),
        ("AWS_DEFAULT_REGION", "us-east-1"),
        ("AWS_ACCESS_KEY_ID", "AKENV"),
        ("AWS_SECRET_ACCESS_KEY", "secret"),
        ("AWS_SESSION_TOKEN", "token"),
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
        ("AWS_MAX_ATTEMPTS", "5"),
        ("AWS_USE_FIPS_ENDPOINT", "true"),
        ("HOME", "/nonexistent-home-for-test"),
    ]);
    let config = Config::from_environment(&env).expect("config");
    assert_eq!(config.region.as_deref(), Some("eu-central-1"));
    assert_eq!(config.endpoint_url.as_deref(), Some("http://127.0.0.1:9"));
    assert_eq!(config.retry.max_attempts, 5);
    assert!(config.use_fips);
    assert!(!config.use_dual_stack);
    let credentials =
        pollster::block_on(config.credentials.expect("provider").provide()).expect("credentials");
    assert_eq!(
        credentials,
        Credentials::new("AKENV", "secret").with_session_token("token")
    );
}

#[test]
fn from_env_reads_the_named_profile_from_both_files() {
    let dir = TempDir::new("profiles");
    let config_file = dir.write(
        "config",
        "[default]\nregion = us-east-1\n[profile work]\nregion = ap-south-1\nmax_attempts = 2\n",
    );
    let credentials_file = dir.write(
        "credentials",
        "[default]\naws_access_key_id = AKDEF\naws_secret_access_key = s1\n\
         [work]\naws_access_key_id = AKWORK\naws_secret_access_key = s2\naws_session_token = tok\n",
    );
    let env = MapEnv::new([
        ("AWS_CONFIG_FILE", config_file.as_str()),
        ("AWS_SHARED_CREDENTIALS_FILE", credentials_file.as_str()),
        ("AWS_PROFILE", "work"),
    ]);
    let config = Config::from_environment(&env).expect("config");
    assert_eq!(config.region.as_deref(), Some("ap-south-1"));
    assert_eq!(config.retry.max_attempts, 2);
    let credentials =
        pollster::block_on(config.credentials.expect("provider").provide()).expect("credentials");
    assert_eq!(
        credentials,
        Credentials::new("AKWORK", "s2").with_session_token("tok")
    );

    // The profile provider reads the same files when asked.
    let provider = ProfileCredentials::new(env.clone(), "default");
    assert_eq!(
        pollster::block_on(provider.provide()).expect("default profile"),
        Credentials::new("AKDEF", "s1")
    );
}

#[test]
fn from_env_finds_files_under_home() {
    let dir = TempDir::new("home");
    dir.write(".aws/config", "[default]\nregion = sa-east-1\n");
    dir.write(
        ".aws/credentials",
        "[default]\naws_access_key_id = AKHOME\naws_secret_access_key = s\n",
    );
    let home = dir.path();
    let config = Config::from_environment(&MapEnv::new([("HOME", home.as_str())])).expect("config");
    assert_eq!(config.region.as_deref(), Some("sa-east-1"));
}

#[test]
fn from_env_errors_name_every_place_looked_at() {
    let dir = TempDir::new("missing");
    let config_file = dir.write("config", "[profile other]\nregion = x\n");
    let credentials_file = dir.0.join("credentials").display().to_string();
    let env = MapEnv::new([
        ("AWS_CONFIG_FILE", config_file.as_str()),
        ("AWS_SHARED_CREDENTIALS_FILE", credentials_file.as_str()),
    ]);
    let error = Config::from_environment(&env).expect_err("no region");
    let message = error.to_string();
    for needle in [
        "no region",
        "AWS_REGION",
        "AWS_DEFAULT_REGION",
        config_file.as_str(),
        credentials_file.as_str(),
        "no profile `default`",
    ] {
        assert!(
            message.contains(needle),
            "{needle:?} missing from {message:?}"
        );
    }

    // Credentials are looked for on the first call: the chain names every source.
    let env = MapEnv::new([
        ("AWS_CONFIG_FILE", config_file.as_str()),
        ("AWS_SHARED_CREDENTIALS_FILE", credentials_file.as_str()),
        ("AWS_REGION", "us-east-1"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ]);
    let config = Config::from_environment(&env).expect("a region is enough");
    let message = pollster::block_on(config.credentials.expect("the chain").provide())
        .expect_err("no credentials")
        .to_string();
    for needle in [
        "no credentials found",
        "environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set",
        "profile `default`: no credentials in",
        "web identity: AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set",
        "container: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "instance metadata (IMDSv2): AWS_EC2_METADATA_DISABLED is true",
        config_file.as_str(),
        credentials_file.as_str(),
    ] {
        assert!(
            message.contains(needle),
            "{needle:?} missing from {message:?}"
        );
    }
}

#[test]
fn from_env_reports_bad_files_and_values() {
    let dir = TempDir::new("bad");
    let config_file = dir.write("config", "[default]\nregion = us-east-1\noops\n");
    let env = MapEnv::new([
        ("AWS_CONFIG_FILE", config_file.as_str()),
        ("HOME", "/nonexistent-home-for-test"),
    ]);
    let message = Config::from_environment(&env)
        .expect_err("bad line")
        .to_string();
    assert_eq!(message, format!("{config_file}:3: expected `key = value`"));

    let env = MapEnv::new([
        ("AWS_REGION", "us-east-1"),
        ("AWS_ACCESS_KEY_ID", "AK"),
        ("HOME", "/nonexistent-home-for-test"),
    ]);
    let message = Config::from_environment(&env)
        .expect_err("half a key")
        .to_string();
    assert_eq!(
        message,
        "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"
    );

    let env = MapEnv::new([
        ("AWS_REGION", "us-east-1"),
        ("AWS_ACCESS_KEY_ID", "AK"),
        ("AWS_SECRET_ACCESS_KEY", "s"),
        ("AWS_MAX_ATTEMPTS", "zero"),
        ("HOME", "/nonexistent-home-for-test"),
    ]);
    let message = Config::from_environment(&env)
        .expect_err("bad number")
        .to_string();
    assert!(message.contains("max_attempts `zero`"), "{message}");
}

/// 2015-08-30T12:36:00Z, the time of the published SigV4 test suite.
fn vector_time() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_440_938_160)
}

fn signed_get(credentials: &Credentials) -> http::Request<Vec<u8>> {
    let mut request = http::Request::builder()
        .method("GET")
        .uri("https://example.amazonaws.com/")
        .body(Vec::new())
        .expect("request");
    let params = SigningParams {
        credentials,
        region: "us-east-1",
        name: "service",
        time: vector_time(),
        payload_hash_header: false,
    };
    sign(&mut request, &params).expect("signs");
    request
}

fn header<'r>(request: &'r http::Request<Vec<u8>>, name: &str) -> &'r str {
    request
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("header {name} missing"))
}

#[test]
fn sigv4_matches_the_get_vanilla_vector() {
    let request = signed_get(&Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    ));
    assert_eq!(header(&request, "x-amz-date"), "20150830T123600Z");
    assert_eq!(header(&request, "host"), "example.amazonaws.com");
    assert_eq!(
        header(&request, "authorization"),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
         SignedHeaders=host;x-amz-date, \
         Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
    );
    assert!(request.headers().get("x-amz-security-token").is_none());
    assert!(request.headers().get("x-amz-content-sha256").is_none());
}

#[test]
fn sigv4_matches_the_get_vanilla_with_session_token_vector() {
    let token = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
    let request = signed_get(
        &Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
            .with_session_token(token),
    );
    assert_eq!(header(&request, "x-amz-security-token"), token);
    assert_eq!(
        header(&request, "authorization"),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
         SignedHeaders=host;x-amz-date;x-amz-security-token, \
         Signature=07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8"
    );
}

#[test]
fn sigv4_payload_hash_header_only_when_asked() {
    let mut request = http::Request::builder()
        .method("POST")
        .uri("http://127.0.0.1:8080/CreateRoom")
        .body(b"{}".to_vec())
        .expect("request");
    let credentials = Credentials::new("AK", "s");
    let params = SigningParams {
        credentials: &credentials,
        region: "us-east-1",
        name: "ivschat",
        time: vector_time(),
        payload_hash_header: true,
    };
    sign(&mut request, &params).expect("signs");
    assert_eq!(
        header(&request, "host"),
        "127.0.0.1:8080",
        "the port is kept"
    );
    assert_eq!(
        header(&request, "x-amz-content-sha256"),
        // SHA-256 of `{}`.
        "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
    );
    assert!(header(&request, "authorization").contains("x-amz-content-sha256"));
}

#[test]
fn backoff_is_exponential_scaled_capped_and_jittered() {
    let retry = RetryConfig::default();
    assert_eq!(retry.backoff(0, true, 1.0), Duration::from_secs(1));
    assert_eq!(retry.backoff(3, true, 1.0), Duration::from_secs(8));
    assert_eq!(
        retry.backoff(10, true, 1.0),
        Duration::from_secs(20),
        "capped"
    );
    assert_eq!(retry.backoff(0, false, 1.0), Duration::from_millis(50));
    assert_eq!(retry.backoff(2, false, 0.5), Duration::from_millis(100));
    assert_eq!(retry.backoff(5, true, 0.0), Duration::ZERO);
    for _ in 0..100 {
        let j = runtime::client::jitter();
        assert!((0.0..1.0).contains(&j), "{j}");
    }
}

#[test]
fn responses_are_classified_by_traits_codes_and_status() {
    assert_eq!(
        classify_response(true, true, None, 400),
        Some(RetryReason::Throttling)
    );
    assert_eq!(
        classify_response(false, false, Some("ThrottlingException"), 400),
        Some(RetryReason::Throttling)
    );
    assert_eq!(
        classify_response(false, false, None, 429),
        Some(RetryReason::Throttling)
    );
    assert_eq!(
        classify_response(false, true, Some("X"), 400),
        Some(RetryReason::Retryable)
    );
    assert_eq!(
        classify_response(false, false, None, 503),
        Some(RetryReason::Transient)
    );
    assert_eq!(
        classify_response(false, false, Some("RequestTimeout"), 400),
        Some(RetryReason::Transient)
    );
    assert_eq!(
        classify_response(false, false, Some("ValidationException"), 400),
        None
    );
    assert_eq!(classify_response(false, false, None, 501), None);
}

#[test]
fn retry_quota_charges_retries_and_refunds_successes() {
    let quota = RetryQuota::new(RetryConfig {
        quota_capacity: 20,
        ..RetryConfig::default()
    });
    assert!(quota.acquire(RetryReason::Transient));
    assert_eq!(quota.available(), 6);
    assert!(!quota.acquire(RetryReason::Transport), "14 > 6: refused");
    assert!(quota.acquire(RetryReason::Throttling));
    assert_eq!(quota.available(), 1);
    quota.record_success();
    assert_eq!(quota.available(), 2);
    for _ in 0..100 {
        quota.record_success();
    }
    assert_eq!(quota.available(), 20, "never above capacity");
}

mod paging {
    use std::collections::BTreeMap;
    use std::pin::Pin;
    use std::sync::{Arc, Mutex};

    use futures_core::Stream;
    use runtime::client::{Items, Pages, Paginated, PaginatedItems};
    use runtime::{Operation, Pagination};

    /// A paginated operation whose output's items are a map (entries become pairs).
    struct ListThings;

    #[derive(Debug, Clone, Default)]
    struct Input {
        token: Option<String>,
    }

    #[derive(Debug, Clone, Default)]
    struct Output {
        next: Option<String>,
        things: BTreeMap<String, u32>,
    }

    impl Operation for ListThings {
        const NAME: &'static str = "ListThings";
        const HTTP: Option<runtime::Http> = None;
        const PAGINATION: Option<Pagination> = None;
        type Input = Input;
        type Output = Output;
        type Error = String;
    }

    impl Paginated for ListThings {
        fn input_token(input: &Input) -> Option<&str> {
            input.token.as_deref()
        }
        fn set_input_token(input: &mut Input, token: String) {
            input.token = Some(token);
        }
        fn output_token(output: &Output) -> Option<&str> {
            output.next.as_deref()
        }
    }

    impl PaginatedItems for ListThings {
        type Item = (String, u32);
        fn items(output: Output) -> Vec<(String, u32)> {
            output.things.into_iter().collect()
        }
    }

    /// The tokens each request sent.
    type SentLog = Arc<Mutex<Vec<Option<String>>>>;

    /// Pages answered from `script` in order; the tokens sent are logged.
    fn pages(script: Vec<Result<Output, String>>) -> (Pages<ListThings>, SentLog) {
        let script = Arc::new(Mutex::new(script.into_iter()));
        let sent = Arc::new(Mutex::new(Vec::new()));
        let log = sent.clone();
        let fetch = Box::new(move |input: Input| {
            log.lock().expect("log").push(input.token.clone());
            let next = script.lock().expect("script").next();
            let reply = next.unwrap_or_else(|| Err("script exhausted".to_owned()));
            Box::pin(std::future::ready(reply)) as runtime::client::PageFuture<ListThings>
        });
        (Pages::new(Input::default(), fetch), sent)
    }

    fn next<S: Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
        pollster::block_on(std::future::poll_fn(|cx| {
            Pin::new(&mut *stream).poll_next(cx)
        }))
    }

    fn output(next: Option<&str>, things: &[(&str, u32)]) -> Result<Output, String> {
        Ok(Output {
            next: next.map(str::to_owned),
            things: things.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect(),
        })
    }

    #[test]
    fn items_flatten_every_page_in_order() {
        let (pages, sent) = pages(vec![
            output(Some("t1"), &[("a", 1), ("b", 2)]),
            output(Some("t2"), &[]),
            output(None, &[("c", 3)]),
        ]);
        let mut items = Items::new(pages);
        let mut seen = Vec::new();
        while let Some(item) = next(&mut items) {
            seen.push(item.expect("item"));
        }
        assert_eq!(
            seen,
            vec![
                ("a".to_owned(), 1),
                ("b".to_owned(), 2),
                ("c".to_owned(), 3)
            ]
        );
        assert_eq!(
            *sent.lock().expect("log"),
            vec![None, Some("t1".to_owned()), Some("t2".to_owned())]
        );
    }

    #[test]
    fn items_end_with_the_first_error() {
        let (pages, _) = pages(vec![
            output(Some("t1"), &[("a", 1)]),
            Err("boom".to_owned()),
        ]);
        let mut items = Items::new(pages);
        assert_eq!(next(&mut items), Some(Ok(("a".to_owned(), 1))));
        assert_eq!(next(&mut items), Some(Err("boom".to_owned())));
        assert_eq!(next(&mut items), None);
    }
}

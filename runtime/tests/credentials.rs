//! The AWS default credential chain against local servers on 127.0.0.1 standing in for
//! IMDS, the container endpoint, STS and the SSO portal; profile files in temporary
//! directories (HOME points there: the real ~/.aws is never read); the cache's expiry,
//! refresh and shared fetches. Every server stops by itself, and every request has a
//! time limit.
#![cfg(feature = "client")]

mod common;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::TempDir;
use runtime::client::{
    CachedCredentials, Config, Credentials, CredentialsError, CredentialsFuture,
    DefaultCredentialsChain, MapEnv, ProvideCredentials,
};

/// A request as the server read it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    /// Path and query, as sent.
    target: String,
    /// Header names lower-cased.
    headers: BTreeMap<String, String>,
    body: String,
}

type Handler = dyn Fn(&Seen) -> (u16, String) + Send + Sync;

/// An HTTP/1.1 server on 127.0.0.1 answering each request with `handler` (one request
/// per connection), recording what it saw. It stops when dropped, or after 60 s.
struct Server {
    port: u16,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
}

impl Server {
    fn new(handler: impl Fn(&Seen) -> (u16, String) + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let port = listener.local_addr().expect("address").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let handler: Arc<Handler> = Arc::new(handler);
        let (seen2, stop2) = (seen.clone(), stop.clone());
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(60);
            while !stop2.load(Ordering::SeqCst) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => serve(stream, &*handler, &seen2),
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server { port, seen, stop }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("seen").clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// Reads one request from `stream` and answers it.
fn serve(mut stream: TcpStream, handler: &Handler, seen: &Mutex<Vec<Seen>>) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.lines();
    let mut first = lines.next().unwrap_or_default().split(' ');
    let method = first.next().unwrap_or_default().to_owned();
    let target = first.next().unwrap_or_default().to_owned();
    let headers: BTreeMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .get("content-length")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => body.extend_from_slice(&chunk[..n]),
        }
    }
    let request = Seen {
        method,
        target,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    };
    let (status, answer) = handler(&request);
    seen.lock().expect("seen").push(request);
    let response = format!(
        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
        answer.len()
    );
    let _ = stream.write_all(response.as_bytes());
}

/// Runs `future` on a current-thread tokio runtime (the default HTTP client and timer
/// need one).
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(future)
}

/// An RFC 3339 time `seconds` from now.
fn in_seconds(seconds: u64) -> String {
    let at = SystemTime::now() + Duration::from_secs(seconds);
    let secs = at.duration_since(UNIX_EPOCH).expect("after 1970").as_secs() as i64;
    time::OffsetDateTime::from_unix_timestamp(secs)
        .expect("timestamp")
        .format(&time::format_description::well_known::Rfc3339)
        .expect("format")
}

fn seconds_of(text: &str) -> u64 {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .expect("rfc3339")
        .unix_timestamp() as u64
}

fn epoch_seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

/// The metadata JSON form (IMDS, container endpoints).
fn metadata_json(key: &str, expiration: &str) -> String {
    format!(
        r#"{{"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"{key}","SecretAccessKey":"secret-{key}","Token":"token-{key}","Expiration":"{expiration}"}}"#
    )
}

/// An STS answer for `action`.
fn sts_xml(action: &str, key: &str, expiration: &str) -> String {
    format!(
        "<{action}Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\
         <{action}Result><Credentials><AccessKeyId>{key}</AccessKeyId>\
         <SecretAccessKey>secret-{key}</SecretAccessKey>\
         <SessionToken>token&amp;{key}</SessionToken>\
         <Expiration>{expiration}</Expiration></Credentials>\
         <AssumedRoleUser><Arn>arn</Arn></AssumedRoleUser></{action}Result>\
         <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></{action}Response>"
    )
}

/// A temporary HOME with an empty `.aws`, and the variables that point the chain at it
/// (and keep it off the real IMDS address).
struct Home {
    dir: TempDir,
}

impl Home {
    fn new(name: &str) -> Self {
        let dir = TempDir::new(name);
        dir.write(".aws/config", "");
        dir.write(".aws/credentials", "");
        Home { dir }
    }

    fn config(&self, text: &str) {
        self.dir.write(".aws/config", text);
    }

    fn credentials(&self, text: &str) {
        self.dir.write(".aws/credentials", text);
    }

    /// HOME, metadata off, and `more`.
    fn env(&self, more: &[(&str, &str)]) -> MapEnv {
        let mut vars = vec![
            ("HOME".to_owned(), self.dir.path()),
            ("AWS_EC2_METADATA_DISABLED".to_owned(), "true".to_owned()),
        ];
        vars.extend(more.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
        MapEnv::new(vars)
    }
}

fn resolve(env: MapEnv) -> Result<Credentials, CredentialsError> {
    block_on(DefaultCredentialsChain::new(env).resolve())
}

fn form(body: &str) -> BTreeMap<String, String> {
    body.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| {
            let v = percent_decode(v);
            (k.to_owned(), v)
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("hex");
            out.push(u8::from_str_radix(hex, 16).expect("hex digit"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn imds_v2_gives_the_instance_role_with_its_expiry() {
    let expiration = in_seconds(6 * 3600);
    let body = metadata_json("ASIAIMDS", &expiration);
    let server = Server::new(move |r| match (r.method.as_str(), r.target.as_str()) {
        ("PUT", "/latest/api/token") => (200, "imds-token".to_owned()),
        ("GET", "/latest/meta-data/iam/security-credentials/") => (200, "web-role\n".to_owned()),
        ("GET", "/latest/meta-data/iam/security-credentials/web-role") => (200, body.clone()),
        _ => (404, String::new()),
    });
    let home = Home::new("imds");
    let mut env = home.env(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.url())]);
    env.vars.remove("AWS_EC2_METADATA_DISABLED");
    let credentials = resolve(env).expect("IMDS credentials");
    assert_eq!(credentials.access_key_id, "ASIAIMDS");
    assert_eq!(credentials.secret_access_key, "secret-ASIAIMDS");
    assert_eq!(credentials.session_token.as_deref(), Some("token-ASIAIMDS"));
    assert_eq!(
        credentials.expiry.map(epoch_seconds),
        Some(seconds_of(&expiration))
    );

    let seen = server.seen();
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert_eq!(
        seen[0]
            .headers
            .get("x-aws-ec2-metadata-token-ttl-seconds")
            .map(String::as_str),
        Some("21600")
    );
    for later in &seen[1..] {
        assert_eq!(
            later
                .headers
                .get("x-aws-ec2-metadata-token")
                .map(String::as_str),
            Some("imds-token")
        );
    }
}

#[test]
fn imds_that_does_not_answer_gives_up_within_its_time_limit() {
    // Accepts connections and never answers.
    let silent = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", silent.local_addr().expect("address"));
    let home = Home::new("imds-silent");
    let mut env = home.env(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &url)]);
    env.vars.remove("AWS_EC2_METADATA_DISABLED");
    let started = Instant::now();
    let message = resolve(env).expect_err("no answer").to_string();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(
        message.contains(&format!(
            "instance metadata (IMDSv2): the instance metadata service (PUT {url}/latest/api/token): no answer within 2s"
        )),
        "{message}"
    );
    drop(silent);
}

#[test]
fn a_chain_with_nothing_names_every_place_and_why() {
    let closed = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", closed.local_addr().expect("address"));
    drop(closed);
    let home = Home::new("nothing");
    let mut env = home.env(&[
        ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &url),
        ("AWS_PROFILE", "work"),
        ("AWS_ROLE_ARN", "arn:aws:iam::1:role/r"),
    ]);
    env.vars.remove("AWS_EC2_METADATA_DISABLED");
    let message = resolve(env).expect_err("nothing configured").to_string();
    let config = format!("{}/.aws/config", home.dir.path());
    let credentials = format!("{}/.aws/credentials", home.dir.path());
    for needle in [
        "no credentials found; looked in: ",
        "environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set; ",
        &format!("profile `work`: no credentials in {credentials} (no profile `work`) and {config} (no profile `work`); "),
        "web identity: AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not; ",
        "container: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set; ",
        &format!("instance metadata (IMDSv2): the instance metadata service (PUT {url}/latest/api/token): cannot connect"),
    ] {
        assert!(message.contains(needle), "{needle:?} missing from {message:?}");
    }
}

#[test]
fn container_full_uri_sends_the_token_from_its_file() {
    let expiration = in_seconds(3600);
    let body = metadata_json("ASIAECS", &expiration);
    let server = Server::new(move |r| match r.target.as_str() {
        "/creds" => (200, body.clone()),
        _ => (404, String::new()),
    });
    let home = Home::new("container");
    let token_file = home.dir.write("eks-token", "pod-identity-token\n");
    let full = format!("{}/creds", server.url());
    let env = home.env(&[
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &full),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", &token_file),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "not-this-one"),
    ]);
    let credentials = resolve(env).expect("container credentials");
    assert_eq!(credentials.access_key_id, "ASIAECS");
    assert_eq!(credentials.session_token.as_deref(), Some("token-ASIAECS"));
    assert_eq!(
        credentials.expiry.map(epoch_seconds),
        Some(seconds_of(&expiration))
    );
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "GET");
    assert_eq!(
        seen[0].headers.get("authorization").map(String::as_str),
        Some("pod-identity-token")
    );

    // The token variable when there is no file.
    let env = home.env(&[
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &full),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "ecs-token"),
    ]);
    resolve(env).expect("container credentials");
    assert_eq!(
        server.seen()[1]
            .headers
            .get("authorization")
            .map(String::as_str),
        Some("ecs-token")
    );
}

#[test]
fn container_full_uri_must_be_loopback_an_agent_or_https() {
    let home = Home::new("container-refused");
    let env = home.env(&[(
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "http://169.254.169.254/creds",
    )]);
    let message = resolve(env).expect_err("not allowed").to_string();
    assert!(
        message.starts_with(
            "container: AWS_CONTAINER_CREDENTIALS_FULL_URI `http://169.254.169.254/creds` is not allowed"
        ),
        "{message}"
    );
}

#[test]
fn web_identity_from_the_environment_calls_sts_unsigned() {
    let expiration = in_seconds(3600);
    let answer = sts_xml("AssumeRoleWithWebIdentity", "ASIAWEB", &expiration);
    let server = Server::new(move |r| match (r.method.as_str(), r.target.as_str()) {
        ("POST", "/") => (200, answer.clone()),
        _ => (404, String::new()),
    });
    let home = Home::new("web-identity");
    let token_file = home.dir.write("token", "oidc.jwt.token\n");
    let env = home.env(&[
        ("AWS_WEB_IDENTITY_TOKEN_FILE", &token_file),
        ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/irsa"),
        ("AWS_ROLE_SESSION_NAME", "pod session"),
        ("AWS_ENDPOINT_URL_STS", &server.url()),
    ]);
    let credentials = resolve(env).expect("web identity credentials");
    assert_eq!(credentials.access_key_id, "ASIAWEB");
    // `&amp;` read as `&`.
    assert_eq!(credentials.session_token.as_deref(), Some("token&ASIAWEB"));
    assert_eq!(
        credentials.expiry.map(epoch_seconds),
        Some(seconds_of(&expiration))
    );

    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert!(!seen[0].headers.contains_key("authorization"), "unsigned");
    assert_eq!(
        seen[0].headers.get("content-type").map(String::as_str),
        Some("application/x-www-form-urlencoded; charset=utf-8")
    );
    let form = form(&seen[0].body);
    assert_eq!(form["Action"], "AssumeRoleWithWebIdentity");
    assert_eq!(form["Version"], "2011-06-15");
    assert_eq!(form["RoleArn"], "arn:aws:iam::123456789012:role/irsa");
    assert_eq!(form["RoleSessionName"], "pod session");
    assert_eq!(form["WebIdentityToken"], "oidc.jwt.token");
    assert!(seen[0]
        .body
        .contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Firsa"));
}

#[test]
fn role_chains_assume_each_role_signed_with_the_previous_credentials() {
    let expiration = in_seconds(3600);
    let counter = Arc::new(AtomicUsize::new(0));
    let count = counter.clone();
    let server = Server::new(move |r| {
        let n = count.fetch_add(1, Ordering::SeqCst);
        let action = form(&r.body).get("Action").cloned().unwrap_or_default();
        (200, sts_xml(&action, &format!("ASIAROLE{n}"), &expiration))
    });
    let home = Home::new("roles");
    home.config(
        "[profile top]\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = middle\n\
         role_session_name = top-session\nexternal_id = ext-1\nduration_seconds = 900\n\
         region = eu-west-3\n\
         [profile middle]\nrole_arn = arn:aws:iam::1:role/middle\nsource_profile = base\n",
    );
    home.credentials("[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n");
    let env = home.env(&[
        ("AWS_PROFILE", "top"),
        ("AWS_ENDPOINT_URL_STS", &server.url()),
    ]);
    let credentials = resolve(env).expect("assumed role");
    assert_eq!(credentials.access_key_id, "ASIAROLE1");

    let seen = server.seen();
    assert_eq!(seen.len(), 2, "{seen:?}");
    let (first, second) = (form(&seen[0].body), form(&seen[1].body));
    assert_eq!(first["Action"], "AssumeRole");
    assert_eq!(first["RoleArn"], "arn:aws:iam::1:role/middle");
    assert!(first["RoleSessionName"].starts_with("smithy-rust-"));
    assert_eq!(second["RoleArn"], "arn:aws:iam::1:role/top");
    assert_eq!(second["RoleSessionName"], "top-session");
    assert_eq!(second["ExternalId"], "ext-1");
    assert_eq!(second["DurationSeconds"], "900");
    // Each signed with the credentials before it, for STS in the profile's region.
    let auth = |s: &Seen| s.headers.get("authorization").cloned().unwrap_or_default();
    assert!(
        auth(&seen[0]).starts_with("AWS4-HMAC-SHA256 Credential=AKIDBASE/")
            && auth(&seen[0]).contains("/eu-west-3/sts/aws4_request"),
        "{}",
        auth(&seen[0])
    );
    assert!(auth(&seen[1]).starts_with("AWS4-HMAC-SHA256 Credential=ASIAROLE0/"));
    assert_eq!(
        seen[1]
            .headers
            .get("x-amz-security-token")
            .map(String::as_str),
        Some("token&ASIAROLE0")
    );
}

#[test]
fn credential_source_ecs_container_is_the_role_source() {
    let expiration = in_seconds(3600);
    let container = metadata_json("ASIATASK", &expiration);
    let sts = sts_xml("AssumeRole", "ASIAASSUMED", &expiration);
    let server = Server::new(move |r| match r.target.as_str() {
        "/task" => (200, container.clone()),
        "/" => (200, sts.clone()),
        _ => (404, String::new()),
    });
    let home = Home::new("credential-source");
    home.config("[default]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = EcsContainer\n");
    let full = format!("{}/task", server.url());
    let env = home.env(&[
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &full),
        ("AWS_ENDPOINT_URL_STS", &server.url()),
    ]);
    assert_eq!(resolve(env).expect("assumed").access_key_id, "ASIAASSUMED");
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert!(seen[1].headers["authorization"].contains("Credential=ASIATASK/"));

    home.config("[default]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Moon\n");
    let message = resolve(home.env(&[]))
        .expect_err("unknown source")
        .to_string();
    assert_eq!(
        message,
        "profile `default`: profile `default` has credential_source `Moon`: expected \
         Environment, Ec2InstanceMetadata or EcsContainer"
    );
}

#[test]
fn sts_errors_say_code_and_message() {
    let server = Server::new(|_| {
        (
            403,
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>\
             <Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:x is not \
             authorized to perform: sts:AssumeRole</Message></Error>\
             <RequestId>r</RequestId></ErrorResponse>"
                .to_owned(),
        )
    });
    let home = Home::new("sts-error");
    home.config("[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = default\n");
    home.credentials("[default]\naws_access_key_id = AKID\naws_secret_access_key = s\n");
    let env = home.env(&[("AWS_ENDPOINT_URL", &server.url())]);
    let message = resolve(env).expect_err("denied").to_string();
    assert_eq!(
        message,
        format!(
            "profile `default`: assuming role arn:aws:iam::1:role/r: STS AssumeRole ({}/) \
             answered HTTP 403: AccessDenied: User: arn:x is not authorized to perform: \
             sts:AssumeRole",
            server.url()
        )
    );
}

#[test]
fn source_profile_cycles_and_gaps_are_errors() {
    let home = Home::new("cycle");
    home.config(
        "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n\
         [profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n\
         [profile c]\nrole_arn = arn:aws:iam::1:role/c\nsource_profile = nowhere\n",
    );
    let message = resolve(home.env(&[("AWS_PROFILE", "a")]))
        .expect_err("cycle")
        .to_string();
    assert_eq!(message, "profile `a`: source_profile cycle: a -> b -> a");
    let message = resolve(home.env(&[("AWS_PROFILE", "c")]))
        .expect_err("gap")
        .to_string();
    assert!(
        message.starts_with(
            "profile `c`: profile `c` names source_profile `nowhere`, which is in neither"
        ),
        "{message}"
    );
}

#[test]
fn credential_process_output_is_read_and_its_failures_quoted() {
    let home = Home::new("process");
    let expiration = in_seconds(3600);
    home.config(&format!(
        "[default]\ncredential_process = printf '%s' '{{\"Version\": 1, \"AccessKeyId\": \"ASIAPROC\", \
         \"SecretAccessKey\": \"s\", \"SessionToken\": \"t\", \"Expiration\": \"{expiration}\"}}'\n\
         [profile failing]\ncredential_process = sh -c 'echo cannot reach the vault >&2; exit 3'\n\
         [profile v2]\ncredential_process = echo '{{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"s\"}}'\n"
    ));
    let credentials = resolve(home.env(&[])).expect("process credentials");
    assert_eq!(credentials.access_key_id, "ASIAPROC");
    assert_eq!(credentials.session_token.as_deref(), Some("t"));
    assert_eq!(
        credentials.expiry.map(epoch_seconds),
        Some(seconds_of(&expiration))
    );

    let message = resolve(home.env(&[("AWS_PROFILE", "failing")]))
        .expect_err("exit 3")
        .to_string();
    assert!(message.contains("exit status: 3"), "{message}");
    assert!(message.ends_with(": cannot reach the vault"), "{message}");

    let message = resolve(home.env(&[("AWS_PROFILE", "v2")]))
        .expect_err("version 2")
        .to_string();
    assert!(
        message.ends_with("output: output Version 2 is not supported (only 1 is)"),
        "{message}"
    );
}

fn sso_server() -> Server {
    Server::new(|r| {
        if r.target.starts_with("/federation/credentials?")
            && r.headers.get("x-amz-sso_bearer_token").map(String::as_str) == Some("sso-access")
        {
            (
                200,
                r#"{"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"s","sessionToken":"t","expiration":4102444800000}}"#
                    .to_owned(),
            )
        } else {
            (
                401,
                r#"{"message":"Session token not found or invalid"}"#.to_owned(),
            )
        }
    })
}

#[test]
fn sso_session_profiles_exchange_the_cached_token_at_the_portal() {
    let server = sso_server();
    let home = Home::new("sso");
    // The session is named `abc`: its cache file is SHA-1("abc"), a published vector.
    home.config(
        "[profile dev]\nsso_session = abc\nsso_account_id = 123456789012\nsso_role_name = Dev Role\n\
         [sso-session abc]\nsso_region = eu-west-1\nsso_start_url = https://example.awsapps.com/start\n",
    );
    home.dir.write(
        ".aws/sso/cache/a9993e364706816aba3e25717850c26c9cd0d89d.json",
        &format!(
            r#"{{"accessToken":"sso-access","expiresAt":"{}","region":"eu-west-1"}}"#,
            in_seconds(3600)
        ),
    );
    let env = home.env(&[
        ("AWS_PROFILE", "dev"),
        ("AWS_ENDPOINT_URL_SSO", &server.url()),
    ]);
    let credentials = resolve(env).expect("SSO credentials");
    assert_eq!(credentials.access_key_id, "ASIASSO");
    assert_eq!(credentials.expiry.map(epoch_seconds), Some(4_102_444_800));
    let seen = server.seen();
    assert_eq!(seen[0].method, "GET");
    assert_eq!(
        seen[0].target,
        "/federation/credentials?role_name=Dev%20Role&account_id=123456789012"
    );

    // An expired token says to log in again.
    home.dir.write(
        ".aws/sso/cache/a9993e364706816aba3e25717850c26c9cd0d89d.json",
        r#"{"accessToken":"sso-access","expiresAt":"2020-01-01T00:00:00Z"}"#,
    );
    let env = home.env(&[
        ("AWS_PROFILE", "dev"),
        ("AWS_ENDPOINT_URL_SSO", &server.url()),
    ]);
    let message = resolve(env).expect_err("expired").to_string();
    assert!(
        message.contains("expired at 2020-01-01T00:00:00Z: run `aws sso login --profile dev`"),
        "{message}"
    );
}

#[test]
fn legacy_sso_profiles_key_the_cache_by_start_url() {
    let server = sso_server();
    let home = Home::new("sso-legacy");
    let start_url = "https://legacy.awsapps.com/start";
    home.config(&format!(
        "[default]\nsso_start_url = {start_url}\nsso_region = us-east-2\n\
         sso_account_id = 1\nsso_role_name = Admin\n"
    ));
    let digest = sha1_hex(start_url);
    home.dir.write(
        &format!(".aws/sso/cache/{digest}.json"),
        &format!(
            r#"{{"accessToken":"sso-access","expiresAt":"{}"}}"#,
            in_seconds(600)
        ),
    );
    let env = home.env(&[("AWS_ENDPOINT_URL_SSO", &server.url())]);
    assert_eq!(
        resolve(env).expect("SSO credentials").access_key_id,
        "ASIASSO"
    );
}

/// SHA-1 in hex through `sha1sum`, independent of the runtime's hashing.
fn sha1_hex(text: &str) -> String {
    let mut child = std::process::Command::new("sha1sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("sha1sum");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write");
    let output = child.wait_with_output().expect("sha1sum output");
    String::from_utf8(output.stdout).expect("utf-8")[..40].to_owned()
}

#[test]
fn the_environment_comes_before_the_profile_and_the_profile_before_the_container() {
    let home = Home::new("order");
    home.credentials("[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = s\n");
    let container = [(
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "http://127.0.0.1:9/never",
    )];
    let env = home.env(&[
        container[0],
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", "s"),
    ]);
    assert_eq!(resolve(env).expect("env").access_key_id, "AKIDENV");
    assert_eq!(
        resolve(home.env(&container))
            .expect("profile")
            .access_key_id,
        "AKIDPROFILE"
    );
}

/// Counts fetches; each answers credentials expiring `lifetime` from now after `delay`.
#[derive(Debug)]
struct Counting {
    fetches: AtomicUsize,
    lifetime: Option<Duration>,
    delay: Duration,
    fail_first: bool,
}

impl Counting {
    fn new(lifetime: Option<Duration>) -> Self {
        Counting {
            fetches: AtomicUsize::new(0),
            lifetime,
            delay: Duration::ZERO,
            fail_first: false,
        }
    }
}

/// A provider sharing its [`Counting`] with the test.
#[derive(Debug)]
struct Counter(Arc<Counting>);

impl ProvideCredentials for Counter {
    fn provide(&self) -> CredentialsFuture<'_> {
        let n = self.0.fetches.fetch_add(1, Ordering::SeqCst);
        let this = self.0.clone();
        Box::pin(async move {
            tokio::time::sleep(this.delay).await;
            if this.fail_first && n == 0 {
                return Err(CredentialsError::new("first fetch fails"));
            }
            let mut credentials = Credentials::new(format!("AKID{n}"), "s");
            credentials.expiry = this.lifetime.map(|l| SystemTime::now() + l);
            Ok(credentials)
        })
    }
}

#[test]
fn the_cache_keeps_credentials_until_shortly_before_they_expire() {
    for (lifetime, fetches) in [
        (None, 1),
        (Some(Duration::from_secs(3600)), 1),
        // Within the 5-minute refresh buffer: fetched again on every call.
        (Some(Duration::from_secs(120)), 3),
    ] {
        let counting = Arc::new(Counting::new(lifetime));
        let cache = CachedCredentials::new(Counter(counting.clone()));
        block_on(async {
            for _ in 0..3 {
                cache.provide().await.expect("credentials");
            }
        });
        assert_eq!(
            counting.fetches.load(Ordering::SeqCst),
            fetches,
            "{lifetime:?}"
        );
    }

    // A smaller buffer keeps the 2-minute ones.
    let counting = Arc::new(Counting::new(Some(Duration::from_secs(120))));
    let cache = CachedCredentials::new(Counter(counting.clone()))
        .with_refresh_buffer(Duration::from_secs(60));
    block_on(async {
        assert_eq!(cache.provide().await.expect("first").access_key_id, "AKID0");
        assert_eq!(
            cache.provide().await.expect("cached").access_key_id,
            "AKID0"
        );
    });
    assert_eq!(counting.fetches.load(Ordering::SeqCst), 1);
}

#[test]
fn concurrent_callers_share_one_fetch_and_failures_are_not_kept() {
    let counting = Arc::new(Counting {
        delay: Duration::from_millis(100),
        ..Counting::new(Some(Duration::from_secs(3600)))
    });
    let cache = CachedCredentials::new(Counter(counting.clone()));
    let keys = block_on(futures_util::future::join_all(
        (0..8).map(|_| cache.provide()),
    ));
    assert_eq!(counting.fetches.load(Ordering::SeqCst), 1);
    for key in keys {
        assert_eq!(key.expect("shared").access_key_id, "AKID0");
    }

    let counting = Arc::new(Counting {
        fail_first: true,
        ..Counting::new(None)
    });
    let cache = CachedCredentials::new(Counter(counting.clone()));
    block_on(async {
        let error = cache.provide().await.expect_err("first fails");
        assert_eq!(error.message, "first fetch fails");
        assert_eq!(
            cache.provide().await.expect("tried again").access_key_id,
            "AKID1"
        );
        assert_eq!(cache.provide().await.expect("kept").access_key_id, "AKID1");
    });
    assert_eq!(counting.fetches.load(Ordering::SeqCst), 2);
}

#[test]
fn from_env_refreshes_soon_expiring_instance_credentials() {
    // IMDS answers credentials valid for 2 minutes: within the refresh buffer, so every
    // call through `Config::from_environment`'s cache fetches them again.
    let fetches = Arc::new(AtomicUsize::new(0));
    let count = fetches.clone();
    let server = Server::new(move |r| match r.target.as_str() {
        "/latest/api/token" => (200, "t".to_owned()),
        "/latest/meta-data/iam/security-credentials/" => (200, "role".to_owned()),
        "/latest/meta-data/iam/security-credentials/role" => {
            let n = count.fetch_add(1, Ordering::SeqCst);
            (200, metadata_json(&format!("ASIA{n}"), &in_seconds(120)))
        }
        _ => (404, String::new()),
    });
    let home = Home::new("refresh");
    let mut env = home.env(&[
        ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.url()),
        ("AWS_REGION", "us-east-1"),
    ]);
    env.vars.remove("AWS_EC2_METADATA_DISABLED");
    let config = Config::from_environment(&env).expect("config");
    let provider = config.credentials.expect("the chain");
    block_on(async {
        assert_eq!(
            provider.provide().await.expect("first").access_key_id,
            "ASIA0"
        );
        assert_eq!(
            provider.provide().await.expect("refreshed").access_key_id,
            "ASIA1"
        );
    });
    assert_eq!(fetches.load(Ordering::SeqCst), 2);
}

#[test]
fn debug_redacts_the_secret_and_the_token_but_shows_the_expiry() {
    let credentials = Credentials::new("AKID", "very-secret")
        .with_session_token("very-token")
        .with_expiry(UNIX_EPOCH + Duration::from_secs(10));
    let shown = format!("{credentials:?}");
    assert!(
        !shown.contains("very-secret") && !shown.contains("very-token"),
        "{shown}"
    );
    assert!(
        shown.contains("AKID") && shown.contains("expiry: Some("),
        "{shown}"
    );
}

#[test]
fn profile_web_identity_token_file_assumes_its_role_with_the_token() {
    let answer = sts_xml(
        "AssumeRoleWithWebIdentity",
        "ASIAPROFILEWEB",
        &in_seconds(3600),
    );
    let server = Server::new(move |_| (200, answer.clone()));
    let home = Home::new("profile-web-identity");
    let token_file = home.dir.write("token", "profile.jwt");
    home.config(&format!(
        "[profile ci]\nrole_arn = arn:aws:iam::1:role/ci\nweb_identity_token_file = {token_file}\n\
         role_session_name = ci-run\n"
    ));
    let env = home.env(&[
        ("AWS_PROFILE", "ci"),
        ("AWS_ENDPOINT_URL_STS", &server.url()),
    ]);
    assert_eq!(
        resolve(env).expect("assumed").access_key_id,
        "ASIAPROFILEWEB"
    );
    let sent = form(&server.seen()[0].body);
    assert_eq!(sent["Action"], "AssumeRoleWithWebIdentity");
    assert_eq!(sent["WebIdentityToken"], "profile.jwt");
    assert_eq!(sent["RoleSessionName"], "ci-run");
}

#[test]
fn unreadable_answers_are_errors_naming_the_source() {
    // STS: a 200 whose XML does not parse, then one without the credentials.
    let server = Server::new(|r| match r.target.as_str() {
        "/" if r.body.contains("RoleSessionName=broken") => {
            (200, "<AssumeRoleWithWebIdentityResponse><oops".to_owned())
        }
        _ => (200, "<AssumeRoleWithWebIdentityResponse/>".to_owned()),
    });
    let home = Home::new("unreadable");
    let token_file = home.dir.write("token", "jwt");
    let vars = |session: &'static str| {
        home.env(&[
            ("AWS_WEB_IDENTITY_TOKEN_FILE", token_file.as_str()),
            ("AWS_ROLE_ARN", "arn:aws:iam::1:role/r"),
            ("AWS_ROLE_SESSION_NAME", session),
            ("AWS_ENDPOINT_URL_STS", &server.url()),
        ])
    };
    let message = resolve(vars("broken")).expect_err("bad XML").to_string();
    assert!(
        message.starts_with(&format!(
            "web identity: assuming role arn:aws:iam::1:role/r with a web identity: \
             unreadable answer from STS AssumeRoleWithWebIdentity ({}/): XML error at byte",
            server.url()
        )),
        "{message}"
    );
    let message = resolve(vars("empty"))
        .expect_err("no credentials")
        .to_string();
    assert!(
        message.ends_with(
            "no AssumeRoleWithWebIdentityResponse/AssumeRoleWithWebIdentityResult/Credentials/AccessKeyId"
        ),
        "{message}"
    );

    // IMDS: a role whose credentials cannot be had.
    let imds = Server::new(|r| {
        match r.target.as_str() {
        "/latest/api/token" => (200, "t".to_owned()),
        "/latest/meta-data/iam/security-credentials/" => (200, "role".to_owned()),
        _ => (
            200,
            r#"{"Code":"AssumeRoleUnauthorizedAccess","Message":"not trusted","AccessKeyId":"","SecretAccessKey":""}"#
                .to_owned(),
        ),
    }
    });
    let mut env = home.env(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.url())]);
    env.vars.remove("AWS_EC2_METADATA_DISABLED");
    let message = resolve(env).expect_err("not trusted").to_string();
    assert!(
        message.ends_with(
            "instance metadata (IMDSv2): the instance metadata service, role `role`: Code \
             `AssumeRoleUnauthorizedAccess` (not Success): not trusted"
        ),
        "{message}"
    );
}

//! botocore's side of the comparison: runs `botocore_cases.py` (beside this crate's
//! manifest) with the Python of a virtualenv that has the AWS CLI (which carries
//! botocore), and reads the cases it prints: per case the input in our serde form,
//! botocore's request, and a response body with botocore's parsed value.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::Value;

use crate::compare::Pair;

/// The variable naming the Python to run botocore with.
pub const PYTHON_VAR: &str = "BOTOCORE_PYTHON";

/// How long the driver may take (Python start-up and botocore's model loading are most
/// of it).
const TIMEOUT: Duration = Duration::from_secs(120);

/// What the driver printed.
#[derive(Debug, Deserialize)]
pub struct Cases {
    /// botocore's version.
    pub botocore: String,
    /// The cases, in the driver's order.
    pub cases: Vec<Case>,
}

/// One operation call: the input, botocore's request for it and, when the case has
/// one, a response with botocore's reading of it.
#[derive(Debug, Deserialize)]
pub struct Case {
    /// The case's name (`sts_assume_role_lists`).
    pub name: String,
    /// botocore's service name (`sts`, `sns`, `route53`).
    pub service: String,
    /// The operation's name (`AssumeRole`).
    pub operation: String,
    /// botocore's protocol name (`query`, `rest-xml`).
    pub protocol: String,
    /// The input in our generated types' serde form.
    pub params: Value,
    /// botocore's request.
    pub request: Request,
    /// A response and botocore's reading of it.
    pub response: Option<Response>,
}

/// A request as botocore's serializer builds it (before the endpoint is joined).
#[derive(Debug, Deserialize)]
pub struct Request {
    /// `GET`, `POST`, ….
    pub method: String,
    /// The URL path, percent-encoded.
    pub path: String,
    /// The query string's pairs, decoded.
    pub query: Vec<Pair>,
    /// The headers botocore's serializer sets.
    pub headers: BTreeMap<String, String>,
    /// The form body's pairs, decoded (awsQuery).
    pub form: Option<Vec<Pair>>,
    /// The body as text (restXml).
    pub body: Option<String>,
}

/// A response as the service sends it, and botocore's reading.
#[derive(Debug, Deserialize)]
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// The headers.
    pub headers: BTreeMap<String, String>,
    /// The body.
    pub body: String,
    /// botocore's parsed value in our serde form (`ResponseMetadata` dropped).
    pub parsed: Value,
}

/// The Python to run botocore with: `$BOTOCORE_PYTHON` (as given: when it is not there,
/// running it fails, since whoever set it meant the comparison to run), else the AWS
/// CLI's virtualenv that `.ci/run` makes (`target/awscli-venv/bin/python` in the
/// workspace) when it is there.
///
/// # Errors
/// Neither: the reason a test prints when it skips.
pub fn python() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os(PYTHON_VAR) {
        return Ok(PathBuf::from(path));
    }
    let default = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/awscli-venv/bin/python");
    match default.is_file() {
        true => Ok(default),
        false => Err(format!(
            "no Python with botocore: {PYTHON_VAR} is not set and {} is not there; \
             `.ci/run` makes it: python3 -m venv target/awscli-venv && \
             target/awscli-venv/bin/pip install awscli",
            default.display()
        )),
    }
}

/// Runs the driver with `python`, writing its JSON to `out`, and reads it.
///
/// # Errors
/// The driver failed (its stderr), ran past [`TIMEOUT`], or printed what is not cases.
pub fn run(python: &Path, out: &Path) -> Result<Cases, String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("botocore_cases.py");
    let mut child = Command::new(python)
        .arg(&script)
        .arg(out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("running {}: {e}", python.display()))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{} ran past {TIMEOUT:?}", script.display()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(format!("waiting for {}: {e}", script.display())),
        }
    };
    if !status.success() {
        let mut stderr = String::new();
        if let Some(mut pipe) = child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut pipe, &mut stderr);
        }
        return Err(format!("{} failed ({status}):\n{stderr}", script.display()));
    }
    let text = std::fs::read_to_string(out).map_err(|e| format!("{}: {e}", out.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: not the cases: {e}", out.display()))
}

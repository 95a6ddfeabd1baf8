//! `credential_process`: a profile's command line, run by the platform's shell (`sh -c`,
//! `cmd /C` on Windows), prints credentials as JSON (`Version` 1, `AccessKeyId`,
//! `SecretAccessKey`, optional `SessionToken` and `Expiration`).
//!
//! Within a tokio runtime (feature `client`) the command runs on tokio's blocking pool, so
//! that waiting for it does not stall the runtime's other tasks; elsewhere (the client's
//! core alone has no runtime to hand it to) it runs on the calling thread. Either way the
//! chain's cache runs it once per expiry, not per call.

use std::process::Command;

use super::json::process_credentials;
use super::{Credentials, CredentialsError};

/// The most of the command's standard error quoted in a message.
const QUOTED_STDERR: usize = 500;

/// The credentials `command` prints, the command run off the async runtime's threads
/// when there is one.
///
/// # Errors
/// As [`run`].
pub(crate) async fn run_command(command: &str) -> Result<Credentials, CredentialsError> {
    #[cfg(feature = "client")]
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        let owned = command.to_owned();
        return runtime
            .spawn_blocking(move || run(&owned))
            .await
            .unwrap_or_else(|e| {
                Err(CredentialsError::new(format!(
                    "credential_process `{command}` did not finish: {e}"
                )))
            });
    }
    run(command)
}

/// The credentials `command` prints, run on this thread.
///
/// # Errors
/// [`CredentialsError`] naming the command: it cannot start, exits unsuccessfully (its
/// status and standard error quoted), or prints something else than the JSON form.
fn run(command: &str) -> Result<Credentials, CredentialsError> {
    let context = format!("credential_process `{command}`");
    let output = shell(command)
        .output()
        .map_err(|e| CredentialsError::new(format!("{context} cannot start: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stderr: String = stderr.trim().chars().take(QUOTED_STDERR).collect();
        return Err(CredentialsError::new(format!(
            "{context} failed ({}): {stderr}",
            output.status
        )));
    }
    process_credentials(&output.stdout).map_err(|e| e.context(format!("{context} output")))
}

fn shell(command: &str) -> Command {
    if cfg!(windows) {
        let mut shell = Command::new("cmd.exe");
        shell.arg("/C").arg(command);
        shell
    } else {
        let mut shell = Command::new("sh");
        shell.arg("-c").arg(command);
        shell
    }
}

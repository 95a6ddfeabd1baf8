//! Static keys: from the environment (`AWS_ACCESS_KEY_ID`, …) and from a profile of the
//! shared config and credentials files, which [`ProfileFiles`] reads.

use std::fmt;

use super::super::env::Environment;
use super::super::profile::{self, FileKind, Profiles};
use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
#[derive(Debug)]
pub struct EnvironmentCredentials<E> {
    env: E,
}

impl<E: Environment> EnvironmentCredentials<E> {
    /// A provider reading `env`.
    pub fn new(env: E) -> Self {
        EnvironmentCredentials { env }
    }

    /// The credentials now in the environment; `Ok(None)` when neither key variable is
    /// set.
    ///
    /// # Errors
    /// [`CredentialsError`] when only one of the two key variables is set.
    pub fn load(&self) -> Result<Option<Credentials>, CredentialsError> {
        let id = self.env.var("AWS_ACCESS_KEY_ID");
        let secret = self.env.var("AWS_SECRET_ACCESS_KEY");
        match (id, secret) {
            (None, None) => Ok(None),
            (Some(id), Some(secret)) => {
                let mut credentials = Credentials::new(id, secret);
                credentials.session_token = self.env.var("AWS_SESSION_TOKEN");
                Ok(Some(credentials))
            }
            (Some(_), None) => Err(CredentialsError::new(
                "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
            )),
            (None, Some(_)) => Err(CredentialsError::new(
                "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not",
            )),
        }
    }
}

impl<E: Environment + fmt::Debug> ProvideCredentials for EnvironmentCredentials<E> {
    fn provide(&self) -> CredentialsFuture<'_> {
        let result = self.load().and_then(|found| {
            found.ok_or_else(|| {
                CredentialsError::new(
                    "no credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set",
                )
            })
        });
        Box::pin(std::future::ready(result))
    }
}

/// The config and credentials files as read: each present file's profiles, and the
/// paths looked at.
#[derive(Debug, Clone, Default)]
pub struct ProfileFiles {
    /// Profiles of the config file (`AWS_CONFIG_FILE`, else `~/.aws/config`).
    pub config: Profiles,
    /// Profiles of the credentials file (`AWS_SHARED_CREDENTIALS_FILE`, else
    /// `~/.aws/credentials`).
    pub credentials: Profiles,
    /// `[sso-session x]` sections of the config file.
    pub sso_sessions: Profiles,
    /// The config file's path, if one could be named.
    pub config_path: Option<String>,
    /// The credentials file's path, if one could be named.
    pub credentials_path: Option<String>,
}

impl ProfileFiles {
    /// Reads both files through `env` (a missing file is empty).
    ///
    /// # Errors
    /// [`profile::ProfileError`] (as a [`CredentialsError`]) for a file that cannot be
    /// read or parsed, naming the file and line.
    pub fn load(env: &dyn Environment) -> Result<Self, CredentialsError> {
        let home = env.home_dir();
        let path = |var: &str, default: &str| {
            env.var(var).or_else(|| {
                home.as_ref()
                    .map(|h| h.join(".aws").join(default).display().to_string())
            })
        };
        let config_path = path("AWS_CONFIG_FILE", "config");
        let credentials_path = path("AWS_SHARED_CREDENTIALS_FILE", "credentials");
        let config = read(env, config_path.as_deref(), FileKind::Config)?;
        Ok(ProfileFiles {
            config: config.profiles,
            sso_sessions: config.sso_sessions,
            credentials: read(env, credentials_path.as_deref(), FileKind::Credentials)?.profiles,
            config_path,
            credentials_path,
        })
    }

    /// Property `key` of profile `name`: the credentials file first, then the config
    /// file.
    pub fn get(&self, name: &str, key: &str) -> Option<&str> {
        fn from<'p>(profiles: &'p Profiles, name: &str, key: &str) -> Option<&'p str> {
            profiles.get(name).and_then(|p| p.get(key))
        }
        from(&self.credentials, name, key).or_else(|| from(&self.config, name, key))
    }

    /// The static credentials of profile `name`, if it has an access key pair.
    ///
    /// # Errors
    /// [`CredentialsError`] when the profile has one key of the pair but not the other.
    pub fn credentials(&self, name: &str) -> Result<Option<Credentials>, CredentialsError> {
        let id = self.get(name, "aws_access_key_id");
        let secret = self.get(name, "aws_secret_access_key");
        match (id, secret) {
            (Some(id), Some(secret)) => {
                let mut credentials = Credentials::new(id, secret);
                credentials.session_token = self.get(name, "aws_session_token").map(str::to_owned);
                Ok(Some(credentials))
            }
            (None, None) => Ok(None),
            _ => Err(CredentialsError::new(format!(
                "profile `{name}` has only one of aws_access_key_id and aws_secret_access_key"
            ))),
        }
    }

    /// The files looked at, for error messages, e.g. `~/.aws/credentials ([x] not found)`.
    pub fn describe(&self, name: &str) -> String {
        let one = |path: &Option<String>, profiles: &Profiles| match path {
            None => "(no path: HOME is not set)".to_owned(),
            Some(path) if profiles.contains_key(name) => format!("{path} (profile `{name}`)"),
            Some(path) => format!("{path} (no profile `{name}`)"),
        };
        format!(
            "{} and {}",
            one(&self.credentials_path, &self.credentials),
            one(&self.config_path, &self.config)
        )
    }
}

/// Sections of the file at `path`; none when there is no path or no file.
fn read(
    env: &dyn Environment,
    path: Option<&str>,
    kind: FileKind,
) -> Result<profile::Sections, CredentialsError> {
    let Some(path) = path else {
        return Ok(profile::Sections::default());
    };
    match env.read_file(std::path::Path::new(path)) {
        Ok(text) => profile::parse_sections(&text, path, kind)
            .map_err(|e| CredentialsError::new(e.to_string())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(profile::Sections::default()),
        Err(e) => Err(CredentialsError::new(format!("cannot read {path}: {e}"))),
    }
}

/// Credentials of one profile of the shared files (`AWS_PROFILE`, else `default`), read
/// when asked.
#[derive(Debug)]
pub struct ProfileCredentials<E> {
    env: E,
    profile: String,
}

impl<E: Environment> ProfileCredentials<E> {
    /// A provider for `profile`, reading files through `env`.
    pub fn new(env: E, profile: impl Into<String>) -> Self {
        ProfileCredentials {
            env,
            profile: profile.into(),
        }
    }
}

impl<E: Environment + fmt::Debug> ProvideCredentials for ProfileCredentials<E> {
    fn provide(&self) -> CredentialsFuture<'_> {
        let result = ProfileFiles::load(&self.env).and_then(|files| {
            files.credentials(&self.profile)?.ok_or_else(|| {
                CredentialsError::new(format!(
                    "no credentials in profile `{}`: looked in {}",
                    self.profile,
                    files.describe(&self.profile)
                ))
            })
        });
        Box::pin(std::future::ready(result))
    }
}

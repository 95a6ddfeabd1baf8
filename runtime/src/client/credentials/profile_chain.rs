//! What a profile's credentials come from, as the AWS SDKs resolve it (the shared config
//! and credentials files reference, "assume role" and "source profile" sections): a
//! profile with `role_arn` assumes that role with the credentials of its `source_profile`
//! (itself, when it names itself: its static keys) or its `credential_source`
//! (`Environment`, `Ec2InstanceMetadata`, `EcsContainer`), or with its
//! `web_identity_token_file`; a source profile may itself name a role, and so on, until
//! one with static keys. A profile without `role_arn` uses SSO (`sso_session` or
//! `sso_start_url`), then `credential_process`, then static keys.
//!
//! [`plan`] reads the files into a [`Plan`] (a base and the roles to assume in turn);
//! [`run`] fetches it.

use super::super::env::Environment;
use super::container::container_credentials;
use super::fetch::Fetcher;
use super::imds::imds_credentials;
use super::sso::{sso_credentials, sso_profile, SsoProfile};
use super::static_keys::EnvironmentCredentials;
use super::sts::{assume_role, web_identity, RoleRequest, StsEndpoint};
use super::{Credentials, CredentialsError, Lookup, ProfileFiles};

/// Where a chain of roles starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Base {
    /// Static keys of a profile.
    Static(Credentials),
    /// `credential_source = Environment`: the environment's keys.
    Environment,
    /// `credential_source = Ec2InstanceMetadata`.
    Ec2InstanceMetadata,
    /// `credential_source = EcsContainer`.
    EcsContainer,
    /// `web_identity_token_file` with the same profile's `role_arn`.
    WebIdentity {
        role_arn: String,
        token_file: String,
        session_name: String,
    },
    /// An SSO profile.
    Sso(SsoProfile),
    /// `credential_process`.
    Process(String),
}

/// A base and the roles to assume from it, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Plan {
    pub(crate) base: Base,
    pub(crate) roles: Vec<RoleRequest>,
}

/// Profile `name`'s plan; `None` when the profile is absent or names no credentials.
///
/// # Errors
/// A `source_profile` cycle or a missing one, an unknown `credential_source`, a
/// `role_arn` with no source, a bad `duration_seconds`, an incomplete SSO profile.
pub(crate) fn plan(files: &ProfileFiles, name: &str) -> Result<Option<Plan>, CredentialsError> {
    let mut roles = Vec::new();
    let mut visited: Vec<&str> = Vec::new();
    let mut current = name;
    let base = loop {
        if visited.contains(&current) {
            visited.push(current);
            return Err(CredentialsError::new(format!(
                "source_profile cycle: {}",
                visited.join(" -> ")
            )));
        }
        let source_of = visited.last().copied();
        visited.push(current);
        if !exists(files, current) {
            return match source_of {
                None => Ok(None),
                Some(of) => Err(CredentialsError::new(format!(
                    "profile `{of}` names source_profile `{current}`, which is in neither {}",
                    files.describe(current)
                ))),
            };
        }
        // A source profile with keys ends the chain (its own role_arn is not followed).
        if source_of.is_some() {
            if let Some(keys) = files.credentials(current)? {
                break Base::Static(keys);
            }
        }
        let Some(role_arn) = files.get(current, "role_arn") else {
            match base_of(files, current)? {
                Some(base) => break base,
                None if source_of.is_none() => return Ok(None),
                None => {
                    return Err(CredentialsError::new(format!(
                        "source profile `{current}` names no credentials"
                    )))
                }
            }
        };
        if let Some(token_file) = files.get(current, "web_identity_token_file") {
            break Base::WebIdentity {
                role_arn: role_arn.to_owned(),
                token_file: token_file.to_owned(),
                session_name: session_name(files.get(current, "role_session_name")),
            };
        }
        roles.push(role_request(files, current, role_arn)?);
        match (
            files.get(current, "source_profile"),
            files.get(current, "credential_source"),
        ) {
            (Some(source), _) if source == current => {
                break Base::Static(files.credentials(current)?.ok_or_else(|| {
                    CredentialsError::new(format!(
                        "profile `{current}` is its own source_profile but has no \
                         aws_access_key_id/aws_secret_access_key"
                    ))
                })?);
            }
            (Some(source), _) => current = source,
            (None, Some(source)) => break named_source(current, source)?,
            (None, None) => {
                return Err(CredentialsError::new(format!(
                    "profile `{current}` has role_arn but neither source_profile, \
                     credential_source nor web_identity_token_file"
                )))
            }
        }
    };
    // The innermost role is assumed first, with the base's credentials.
    roles.reverse();
    Ok(Some(Plan { base, roles }))
}

fn exists(files: &ProfileFiles, name: &str) -> bool {
    files.config.contains_key(name) || files.credentials.contains_key(name)
}

/// A profile's own credentials when it names no role: SSO, a process, then keys.
fn base_of(files: &ProfileFiles, name: &str) -> Result<Option<Base>, CredentialsError> {
    if let Some(sso) = sso_profile(files, name)? {
        return Ok(Some(Base::Sso(sso)));
    }
    if let Some(command) = files.get(name, "credential_process") {
        return Ok(Some(Base::Process(command.to_owned())));
    }
    Ok(files.credentials(name)?.map(Base::Static))
}

fn named_source(profile: &str, source: &str) -> Result<Base, CredentialsError> {
    match source {
        "Environment" => Ok(Base::Environment),
        "Ec2InstanceMetadata" => Ok(Base::Ec2InstanceMetadata),
        "EcsContainer" => Ok(Base::EcsContainer),
        other => Err(CredentialsError::new(format!(
            "profile `{profile}` has credential_source `{other}`: expected Environment, \
             Ec2InstanceMetadata or EcsContainer"
        ))),
    }
}

fn role_request(
    files: &ProfileFiles,
    profile: &str,
    role_arn: &str,
) -> Result<RoleRequest, CredentialsError> {
    let duration_seconds = files
        .get(profile, "duration_seconds")
        .map(|text| {
            text.trim().parse::<u32>().map_err(|_| {
                CredentialsError::new(format!(
                    "profile `{profile}` has duration_seconds `{text}`: not a whole number"
                ))
            })
        })
        .transpose()?;
    Ok(RoleRequest {
        role_arn: role_arn.to_owned(),
        session_name: session_name(files.get(profile, "role_session_name")),
        external_id: files.get(profile, "external_id").map(str::to_owned),
        duration_seconds,
    })
}

/// The session name given, else one made from the time (as the SDKs do).
pub(crate) fn session_name(given: Option<&str>) -> String {
    match given {
        Some(name) => name.to_owned(),
        None => {
            let millis = super::super::sign::now()
                .duration_since(std::time::SystemTime::UNIX_EPOCH)
                .map(|d| d.as_millis())
                .unwrap_or(0);
            format!("smithy-rust-{millis}")
        }
    }
}

/// What the sources of a plan need.
pub(crate) struct Sources<'a> {
    pub(crate) env: &'a dyn Environment,
    pub(crate) files: &'a ProfileFiles,
    pub(crate) profile: &'a str,
    pub(crate) fetch: &'a Fetcher,
    pub(crate) sts: &'a StsEndpoint,
}

/// Profile `sources.profile`'s credentials: the plan's base, then each role in turn.
///
/// # Errors
/// The plan's error, or the first source or role that fails.
pub(crate) async fn run(sources: &Sources<'_>) -> Result<Lookup, CredentialsError> {
    let Some(plan) = plan(sources.files, sources.profile)? else {
        return Ok(Lookup::NotHere(format!(
            "no credentials in {}",
            sources.files.describe(sources.profile)
        )));
    };
    let mut credentials = base(sources, &plan.base).await?;
    for role in &plan.roles {
        credentials = assume_role(sources.fetch, sources.sts, &credentials, role).await?;
    }
    Ok(Lookup::Found(credentials))
}

async fn base(sources: &Sources<'_>, base: &Base) -> Result<Credentials, CredentialsError> {
    let required = |found: Lookup, source: &str| match found {
        Lookup::Found(credentials) => Ok(credentials),
        Lookup::NotHere(why) => Err(CredentialsError::new(format!(
            "credential_source {source}: {why}"
        ))),
    };
    match base {
        Base::Static(keys) => Ok(keys.clone()),
        Base::Environment => {
            let found = EnvironmentCredentials::new(sources.env).load()?;
            let found = found.map_or_else(
                || Lookup::NotHere("AWS_ACCESS_KEY_ID is not set".to_owned()),
                Lookup::Found,
            );
            required(found, "Environment")
        }
        Base::Ec2InstanceMetadata => {
            let endpoint = sources
                .files
                .get(sources.profile, "ec2_metadata_service_endpoint");
            let found = imds_credentials(sources.env, endpoint, sources.fetch).await?;
            required(found, "Ec2InstanceMetadata")
        }
        Base::EcsContainer => {
            let found = container_credentials(sources.env, sources.fetch).await?;
            required(found, "EcsContainer")
        }
        Base::WebIdentity {
            role_arn,
            token_file,
            session_name,
        } => {
            web_identity(
                sources.env,
                sources.fetch,
                sources.sts,
                role_arn,
                token_file,
                session_name,
            )
            .await
        }
        Base::Sso(sso) => sso_credentials(sources.env, sources.fetch, sso).await,
        Base::Process(command) => super::process::run_command(command).await,
    }
}

//! An in-memory Secrets Manager: the [`SecretsManager`] service trait over a map of
//! secrets, enough of it for the tests to drive the generated client and server and the
//! AWS CLI — `CreateSecret`, `GetSecretValue` (by name or ARN; the current version
//! only), `ListSecrets` (by name, paged by `MaxResults` and `NextToken`). The rest
//! answer the generated default, 501 `NotImplemented`.
//!
//! Errors are the modeled ones Secrets Manager sends: `ResourceExistsException` for a
//! name taken, `ResourceNotFoundException` for a secret that does not exist,
//! `InvalidNextTokenException` for a token this server did not hand out.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::runtime::{Blob, DateTime};
use crate::secrets_manager::{
    CreateSecretError, CreateSecretRequest, CreateSecretResponse, GetSecretValueError,
    GetSecretValueRequest, GetSecretValueResponse, InvalidNextTokenException, ListSecretsError,
    ListSecretsRequest, ListSecretsResponse, ResourceExistsException, ResourceNotFoundException,
    SecretListEntry, SecretsManager,
};

/// `ListSecrets`' page size when the request sets no `MaxResults`.
const DEFAULT_PAGE: usize = 100;

/// The one stage this store keeps: every secret has only its current version.
const CURRENT: &str = "AWSCURRENT";

/// The secrets by name, shared by clones (the server clones its service per connection).
#[derive(Debug, Clone, Default)]
pub struct Secrets {
    secrets: Arc<Mutex<BTreeMap<String, Secret>>>,
}

#[derive(Debug, Clone)]
struct Secret {
    arn: String,
    description: Option<String>,
    version_id: String,
    string: Option<String>,
    binary: Option<Blob>,
    created: DateTime,
}

impl Secrets {
    fn lock(&self) -> MutexGuard<'_, BTreeMap<String, Secret>> {
        // A handler that panicked holding the lock left the map as it was between writes.
        self.secrets.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The ARN of secret `name` (Secrets Manager appends six random characters; a fixed
/// suffix keeps the tests deterministic).
fn arn(name: &str) -> String {
    format!("arn:aws:secretsmanager:us-east-1:123456789012:secret:{name}-AbCdEf")
}

impl SecretsManager for Secrets {
    async fn create_secret(
        &self,
        input: CreateSecretRequest,
    ) -> Result<CreateSecretResponse, CreateSecretError> {
        let mut secrets = self.lock();
        if secrets.contains_key(&input.name) {
            return Err(CreateSecretError::ResourceExistsException(
                ResourceExistsException {
                    message: Some(format!(
                        "The operation failed because the secret {} already exists.",
                        input.name
                    )),
                },
            ));
        }
        // The client fills the idempotency token: it names the version.
        let version_id = input.client_request_token.unwrap_or_default();
        let secret = Secret {
            arn: arn(&input.name),
            description: input.description,
            version_id: version_id.clone(),
            string: input.secret_string,
            binary: input.secret_binary,
            created: crate::now(),
        };
        let response = CreateSecretResponse {
            arn: Some(secret.arn.clone()),
            name: Some(input.name.clone()),
            version_id: Some(version_id),
            ..Default::default()
        };
        secrets.insert(input.name, secret);
        Ok(response)
    }

    async fn get_secret_value(
        &self,
        input: GetSecretValueRequest,
    ) -> Result<GetSecretValueResponse, GetSecretValueError> {
        let secrets = self.lock();
        let found = secrets
            .iter()
            .find(|(name, secret)| **name == input.secret_id || secret.arn == input.secret_id);
        let Some((name, secret)) = found else {
            return Err(GetSecretValueError::ResourceNotFoundException(
                ResourceNotFoundException {
                    message: Some("Secrets Manager can't find the specified secret.".to_owned()),
                },
            ));
        };
        Ok(GetSecretValueResponse {
            arn: Some(secret.arn.clone()),
            name: Some(name.clone()),
            version_id: Some(secret.version_id.clone()),
            secret_string: secret.string.clone(),
            secret_binary: secret.binary.clone(),
            version_stages: Some(vec![CURRENT.to_owned()]),
            created_date: Some(secret.created),
        })
    }

    async fn list_secrets(
        &self,
        input: ListSecretsRequest,
    ) -> Result<ListSecretsResponse, ListSecretsError> {
        let secrets = self.lock();
        let size = input
            .max_results
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(DEFAULT_PAGE);
        // The token is the index of the page's first secret in name order.
        let start = match input.next_token {
            None => 0,
            Some(token) => token.parse::<usize>().map_err(|_| {
                ListSecretsError::InvalidNextTokenException(InvalidNextTokenException {
                    message: Some(format!("Invalid NextToken: {token}")),
                })
            })?,
        };
        let page: Vec<SecretListEntry> = secrets
            .iter()
            .skip(start)
            .take(size)
            .map(|(name, secret)| SecretListEntry {
                arn: Some(secret.arn.clone()),
                name: Some(name.clone()),
                description: secret.description.clone(),
                created_date: Some(secret.created),
                ..Default::default()
            })
            .collect();
        let next = start + page.len();
        Ok(ListSecretsResponse {
            next_token: (next < secrets.len()).then(|| next.to_string()),
            secret_list: Some(page),
        })
    }
}

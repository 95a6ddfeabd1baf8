//! An in-memory DynamoDB: the [`DynamoDb`] service trait over a map of tables, enough
//! of it for the tests to drive the generated client and server and the AWS CLI —
//! `CreateTable`, `DescribeTable`, `ListTables` (paged by `ExclusiveStartTableName` and
//! `Limit`), `PutItem` and `GetItem` (items by their key attributes). The rest answer
//! the generated default, 501 `NotImplemented`.
//!
//! Errors are the modeled ones DynamoDB sends: `ResourceInUseException` for a table that
//! exists, `ResourceNotFoundException` for one that does not; an item without its key
//! attributes is DynamoDB's unmodeled `ValidationException` (400).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::dynamo_db::{
    AttributeValue, CreateTableError, CreateTableInput, CreateTableOutput, DescribeTableError,
    DescribeTableInput, DescribeTableOutput, DynamoDb, GetItemError, GetItemInput, GetItemOutput,
    ListTablesError, ListTablesInput, ListTablesOutput, PutItemError, PutItemInput, PutItemOutput,
    ResourceInUseException, ResourceNotFoundException, TableDescription, TableStatus,
};
use crate::runtime::{UnhandledError, UnhandledKind};

/// An item: attribute name to value.
pub type Item = BTreeMap<String, AttributeValue>;

/// `ListTables`' page size when the request sets no `Limit` (DynamoDB's).
const DEFAULT_LIMIT: usize = 100;

/// The tables, shared by clones (the server clones its service per connection).
#[derive(Debug, Clone, Default)]
pub struct Tables {
    tables: Arc<Mutex<BTreeMap<String, Table>>>,
}

#[derive(Debug)]
struct Table {
    description: TableDescription,
    /// Items by their key ([`key_of`]).
    items: BTreeMap<String, Item>,
}

impl Tables {
    fn lock(&self) -> MutexGuard<'_, BTreeMap<String, Table>> {
        // A handler that panicked holding the lock left the map as it was between writes.
        self.tables.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn not_found(table: &str) -> ResourceNotFoundException {
    ResourceNotFoundException {
        message: Some(format!(
            "Requested resource not found: Table: {table} not found"
        )),
    }
}

/// The item's key: its key attributes (the table's key schema) in their JSON form, which
/// is canonical (a `BTreeMap`). `None` when one is missing.
fn key_of(description: &TableDescription, item: &Item) -> Option<String> {
    let mut key = BTreeMap::new();
    for element in description.key_schema.iter().flatten() {
        let name = &element.attribute_name;
        key.insert(name, item.get(name)?);
    }
    serde_json::to_string(&key).ok()
}

/// DynamoDB's answer to a key that does not match the schema (not a modeled error).
fn validation(message: &str) -> UnhandledError {
    UnhandledError {
        kind: UnhandledKind::Service,
        code: Some("ValidationException".to_owned()),
        message: Some(message.to_owned()),
        status: Some(400),
        ..UnhandledError::default()
    }
}

impl DynamoDb for Tables {
    async fn create_table(
        &self,
        input: CreateTableInput,
    ) -> Result<CreateTableOutput, CreateTableError> {
        let mut tables = self.lock();
        if tables.contains_key(&input.table_name) {
            return Err(CreateTableError::ResourceInUseException(
                ResourceInUseException {
                    message: Some(format!("Table already exists: {}", input.table_name)),
                },
            ));
        }
        let description = TableDescription {
            table_arn: Some(format!(
                "arn:aws:dynamodb:us-east-1:123456789012:table/{}",
                input.table_name
            )),
            table_name: Some(input.table_name.clone()),
            key_schema: Some(input.key_schema),
            attribute_definitions: Some(input.attribute_definitions),
            table_status: Some(TableStatus::Active),
            creation_date_time: Some(crate::now()),
            item_count: Some(0),
            ..Default::default()
        };
        let table = Table {
            description: description.clone(),
            items: BTreeMap::new(),
        };
        tables.insert(input.table_name, table);
        Ok(CreateTableOutput {
            table_description: Some(description),
        })
    }

    async fn describe_table(
        &self,
        input: DescribeTableInput,
    ) -> Result<DescribeTableOutput, DescribeTableError> {
        let tables = self.lock();
        let table = tables.get(&input.table_name).ok_or_else(|| {
            DescribeTableError::ResourceNotFoundException(not_found(&input.table_name))
        })?;
        let mut description = table.description.clone();
        description.item_count = Some(table.items.len() as i64);
        Ok(DescribeTableOutput {
            table: Some(description),
        })
    }

    async fn list_tables(
        &self,
        input: ListTablesInput,
    ) -> Result<ListTablesOutput, ListTablesError> {
        let tables = self.lock();
        let limit = input
            .limit
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(DEFAULT_LIMIT);
        let after = input.exclusive_start_table_name.unwrap_or_default();
        let mut names = tables.keys().filter(|name| **name > after);
        let page: Vec<String> = names.by_ref().take(limit).cloned().collect();
        let more = names.next().is_some();
        Ok(ListTablesOutput {
            last_evaluated_table_name: more.then(|| page.last().cloned()).flatten(),
            table_names: Some(page),
        })
    }

    async fn put_item(&self, input: PutItemInput) -> Result<PutItemOutput, PutItemError> {
        let mut tables = self.lock();
        let table = tables
            .get_mut(&input.table_name)
            .ok_or_else(|| PutItemError::ResourceNotFoundException(not_found(&input.table_name)))?;
        let key = key_of(&table.description, &input.item).ok_or_else(|| {
            validation("One or more parameter values were invalid: Missing the key in the item")
        })?;
        table.items.insert(key, input.item);
        Ok(PutItemOutput::default())
    }

    async fn get_item(&self, input: GetItemInput) -> Result<GetItemOutput, GetItemError> {
        let tables = self.lock();
        let table = tables
            .get(&input.table_name)
            .ok_or_else(|| GetItemError::ResourceNotFoundException(not_found(&input.table_name)))?;
        let key = key_of(&table.description, &input.key)
            .ok_or_else(|| validation("The provided key element does not match the schema"))?;
        Ok(GetItemOutput {
            item: table.items.get(&key).cloned(),
            ..Default::default()
        })
    }
}

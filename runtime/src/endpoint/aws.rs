//! The AWS rules engine functions (spec aws/rules-engine/library-functions.rst):
//! `aws.partition` over [`Partitions`], `aws.parseArn`, `aws.isVirtualHostableS3Bucket`.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;
use std::sync::Arc;

use super::{EndpointError, Value};

/// What `aws.partition` returns for a partition's regions (the `outputs` of an entry of
/// smithy's `partitions.json`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionOutputs {
    /// `dnsSuffix`, e.g. `amazonaws.com`.
    pub dns_suffix: String,
    /// `dualStackDnsSuffix`, e.g. `api.aws`.
    pub dual_stack_dns_suffix: String,
    /// `supportsFIPS`.
    pub supports_fips: bool,
    /// `supportsDualStack`.
    pub supports_dual_stack: bool,
    /// `implicitGlobalRegion`: the signing region of global services.
    pub implicit_global_region: String,
}

/// One AWS partition: its id (the `name` `aws.partition` returns), the regions it holds
/// and the pattern of region names it claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partition {
    /// `id`, e.g. `aws`, `aws-cn`.
    pub id: String,
    /// `regionRegex` (ECMAScript syntax), e.g. `^cn\-\w+\-\d+$`.
    pub region_regex: String,
    /// The explicitly listed regions (`regions` keys), e.g. `aws-global`.
    pub regions: Vec<String>,
    /// What `aws.partition` returns.
    pub outputs: PartitionOutputs,
}

/// The AWS partitions (`aws.partition`): regions and their DNS suffixes. Cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct Partitions {
    entries: Arc<[(Partition, regress::Regex)]>,
}

impl Partitions {
    /// The partitions, in lookup order.
    ///
    /// # Errors
    /// [`EndpointError`] naming the partition whose `region_regex` does not compile.
    pub fn new(partitions: Vec<Partition>) -> Result<Self, EndpointError> {
        let entries = partitions
            .into_iter()
            .map(|p| match regress::Regex::new(&p.region_regex) {
                Ok(regex) => Ok((p, regex)),
                Err(e) => Err(EndpointError::new(format!(
                    "partition `{}`: bad regionRegex `{}`: {e}",
                    p.id, p.region_regex
                ))),
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Partitions {
            entries: entries.into(),
        })
    }

    /// Reads smithy's `partitions.json` format (`{"partitions": [{"id", "regionRegex",
    /// "regions": {name: {…}}, "outputs": {…}}]}`).
    ///
    /// # Errors
    /// [`EndpointError`] naming the JSON path that does not fit the format.
    pub fn from_json(text: &str) -> Result<Self, EndpointError> {
        let json: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| EndpointError::new(format!("partitions: not JSON: {e}")))?;
        let list = json
            .get("partitions")
            .and_then(serde_json::Value::as_array)
            .ok_or_else(|| EndpointError::new("partitions: $.partitions must be an array"))?;
        let partitions = list
            .iter()
            .enumerate()
            .map(|(i, p)| partition_from_json(p, &format!("$.partitions[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        Partitions::new(partitions)
    }

    /// The partitions, in lookup order.
    pub fn iter(&self) -> impl Iterator<Item = &Partition> {
        self.entries.iter().map(|(p, _)| p)
    }

    /// The partition of `region`: the one listing it, else the first whose regex matches,
    /// else `aws`; `None` only when there is no `aws` partition either.
    pub fn lookup(&self, region: &str) -> Option<&Partition> {
        let listed = self.iter().find(|p| p.regions.iter().any(|r| r == region));
        listed
            .or_else(|| {
                self.entries
                    .iter()
                    .find(|(_, regex)| regex.find(region).is_some())
                    .map(|(p, _)| p)
            })
            .or_else(|| self.iter().find(|p| p.id == "aws"))
    }

    /// `aws.partition`: the `Partition` record of `region`'s partition (`name`,
    /// `dnsSuffix`, `dualStackDnsSuffix`, `supportsFIPS`, `supportsDualStack`,
    /// `implicitGlobalRegion`).
    pub fn partition(&self, region: &str) -> Option<Value> {
        let p = self.lookup(region)?;
        let o = &p.outputs;
        let string = |s: &str| Value::String(s.to_owned());
        Some(Value::Record(BTreeMap::from([
            ("name".to_owned(), string(&p.id)),
            ("dnsSuffix".to_owned(), string(&o.dns_suffix)),
            (
                "dualStackDnsSuffix".to_owned(),
                string(&o.dual_stack_dns_suffix),
            ),
            ("supportsFIPS".to_owned(), Value::Bool(o.supports_fips)),
            (
                "supportsDualStack".to_owned(),
                Value::Bool(o.supports_dual_stack),
            ),
            (
                "implicitGlobalRegion".to_owned(),
                string(&o.implicit_global_region),
            ),
        ])))
    }
}

fn partition_from_json(json: &serde_json::Value, at: &str) -> Result<Partition, EndpointError> {
    let error = |what: &str| EndpointError::new(format!("partitions: {at}{what}"));
    let string = |v: &serde_json::Value, key: &str| {
        v.get(key)
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| error(&format!(".{key} must be a string")))
    };
    let outputs = json
        .get("outputs")
        .ok_or_else(|| error(".outputs is missing"))?;
    let flag = |key: &str| {
        outputs
            .get(key)
            .and_then(serde_json::Value::as_bool)
            .ok_or_else(|| error(&format!(".outputs.{key} must be a boolean")))
    };
    let regions = json
        .get("regions")
        .and_then(serde_json::Value::as_object)
        .ok_or_else(|| error(".regions must be an object"))?;
    Ok(Partition {
        id: string(json, "id")?,
        region_regex: string(json, "regionRegex")?,
        regions: regions.keys().cloned().collect(),
        outputs: PartitionOutputs {
            dns_suffix: string(outputs, "dnsSuffix")
                .map_err(|_| error(".outputs.dnsSuffix must be a string"))?,
            dual_stack_dns_suffix: string(outputs, "dualStackDnsSuffix")
                .map_err(|_| error(".outputs.dualStackDnsSuffix must be a string"))?,
            supports_fips: flag("supportsFIPS")?,
            supports_dual_stack: flag("supportsDualStack")?,
            implicit_global_region: string(outputs, "implicitGlobalRegion")
                .map_err(|_| error(".outputs.implicitGlobalRegion must be a string"))?,
        },
    })
}

/// `aws.parseArn`: the `ARN` record (`partition`, `service`, `region`, `accountId`,
/// `resourceId`) of `arn:partition:service:region:account:resource`; `None` unless it
/// starts with `arn:`, has all six parts, and partition, service and resource are
/// non-empty. `resourceId` is the resource split at `:` and `/`.
pub fn parse_arn(value: &str) -> Option<Value> {
    let mut parts = value.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    let (partition, service, region, account, resource) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    let string = |s: &str| Value::String(s.to_owned());
    let resource_id = resource.split([':', '/']).map(string).collect();
    Some(Value::Record(BTreeMap::from([
        ("partition".to_owned(), string(partition)),
        ("service".to_owned(), string(service)),
        ("region".to_owned(), string(region)),
        ("accountId".to_owned(), string(account)),
        ("resourceId".to_owned(), Value::Array(resource_id)),
    ])))
}

/// `aws.isVirtualHostableS3Bucket`: 3 to 63 characters of `a-z 0-9 -` starting and
/// ending with a letter or digit; with `allow_sub_domains` also `.`, but not next to
/// another `.` or a `-`, and not an IPv4 address.
pub fn is_virtual_hostable_s3_bucket(value: &str, allow_sub_domains: bool) -> bool {
    let bytes = value.as_bytes();
    let edge = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if !(3..=63).contains(&bytes.len()) || !edge(bytes.first()) || !edge(bytes.last()) {
        return false;
    }
    let char_ok = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-';
    if !allow_sub_domains {
        return bytes.iter().all(|b| char_ok(*b));
    }
    let pairs_ok = bytes.windows(2).all(|w| match (w[0], w[1]) {
        (b'.' | b'-', b'.') | (b'.', b'-') => false,
        (_, b) => b == b'.' || char_ok(b),
    });
    pairs_ok && value.parse::<Ipv4Addr>().is_err()
}

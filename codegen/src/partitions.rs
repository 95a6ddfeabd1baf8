//! The AWS partitions file (smithy's `partitions.json`, pinned in `models/lock.json`),
//! read at generation time: what `aws.partition` returns (spec
//! aws/rules-engine/library-functions.rst) is emitted into each generated crate that has
//! an endpoint rule set, as Rust data, never as a copy of the file.

use serde_json::Value;

/// One partition: what `aws.partition` needs of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partition {
    /// `id`, e.g. `aws-cn`: the `name` `aws.partition` returns.
    pub id: String,
    /// `regionRegex`, e.g. `^cn\-\w+\-\d+$`.
    pub region_regex: String,
    /// The explicitly listed regions, in file order.
    pub regions: Vec<String>,
    /// `outputs.dnsSuffix`.
    pub dns_suffix: String,
    /// `outputs.dualStackDnsSuffix`.
    pub dual_stack_dns_suffix: String,
    /// `outputs.supportsFIPS`.
    pub supports_fips: bool,
    /// `outputs.supportsDualStack`.
    pub supports_dual_stack: bool,
    /// `outputs.implicitGlobalRegion`.
    pub implicit_global_region: String,
}

/// The partitions, in file order (the order `aws.partition` tries their regexes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Partitions {
    pub partitions: Vec<Partition>,
}

/// `partitions.json` is not in the expected form: the message names the JSON path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("partitions file: {0}")]
pub struct PartitionsError(pub String);

impl Partitions {
    /// Reads the `partitions.json` format: `{"partitions": [{"id", "regionRegex",
    /// "regions": {…}, "outputs": {…}}]}`.
    ///
    /// # Errors
    /// [`PartitionsError`] naming the first path that does not fit.
    pub fn from_json(text: &str) -> Result<Self, PartitionsError> {
        let root: Value =
            serde_json::from_str(text).map_err(|e| PartitionsError(format!("not JSON: {e}")))?;
        let list = root
            .get("partitions")
            .and_then(Value::as_array)
            .ok_or_else(|| PartitionsError("$.partitions: expected an array".to_owned()))?;
        let partitions = list
            .iter()
            .enumerate()
            .map(|(i, p)| partition(p, &format!("$.partitions[{i}]")))
            .collect::<Result<_, _>>()?;
        Ok(Partitions { partitions })
    }
}

fn partition(json: &Value, at: &str) -> Result<Partition, PartitionsError> {
    let missing = |key: &str, kind: &str| PartitionsError(format!("{at}.{key}: expected {kind}"));
    let string = |v: &Value, key: &str| {
        v.get(key)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| missing(key, "a string"))
    };
    let outputs = json
        .get("outputs")
        .ok_or_else(|| missing("outputs", "an object"))?;
    let flag = |key: &str| {
        outputs
            .get(key)
            .and_then(Value::as_bool)
            .ok_or_else(|| missing(&format!("outputs.{key}"), "a boolean"))
    };
    let out = |key: &str| {
        string(outputs, key).map_err(|_| missing(&format!("outputs.{key}"), "a string"))
    };
    let regions = json
        .get("regions")
        .and_then(Value::as_object)
        .ok_or_else(|| missing("regions", "an object"))?;
    Ok(Partition {
        id: string(json, "id")?,
        region_regex: string(json, "regionRegex")?,
        regions: regions.keys().cloned().collect(),
        dns_suffix: out("dnsSuffix")?,
        dual_stack_dns_suffix: out("dualStackDnsSuffix")?,
        supports_fips: flag("supportsFIPS")?,
        supports_dual_stack: flag("supportsDualStack")?,
        implicit_global_region: out("implicitGlobalRegion")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"{"version":"1.1","partitions":[{"id":"aws","regionRegex":"^us\\-\\w+\\-\\d+$",
        "regions":{"us-east-1":{},"aws-global":{"description":"g"}},
        "outputs":{"name":"aws","dnsSuffix":"amazonaws.com","dualStackDnsSuffix":"api.aws",
                   "supportsFIPS":true,"supportsDualStack":false,"implicitGlobalRegion":"us-east-1"}}]}"#;

    #[test]
    fn reads_what_aws_partition_returns() {
        let p = &Partitions::from_json(ONE).expect("valid").partitions[0];
        assert_eq!(p.id, "aws");
        assert_eq!(p.region_regex, r"^us\-\w+\-\d+$");
        assert_eq!(p.regions, ["us-east-1", "aws-global"], "file order");
        assert_eq!(p.dual_stack_dns_suffix, "api.aws");
        assert!(p.supports_fips && !p.supports_dual_stack);
    }

    #[test]
    fn errors_name_the_json_path() {
        let err = |text: &str| Partitions::from_json(text).unwrap_err().to_string();
        assert_eq!(
            err("{}"),
            "partitions file: $.partitions: expected an array"
        );
        assert_eq!(
            err(&ONE.replace(r#""supportsFIPS":true"#, r#""supportsFIPS":"yes""#)),
            "partitions file: $.partitions[0].outputs.supportsFIPS: expected a boolean"
        );
        assert_eq!(
            err(&ONE.replace(r#""id":"aws","#, "")),
            "partitions file: $.partitions[0].id: expected a string"
        );
        assert!(err("[").starts_with("partitions file: not JSON"));
    }
}

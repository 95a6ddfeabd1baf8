//! The endpoint rules engine: standard-library and AWS functions on their edge cases,
//! parameter binding, scoping, and malformed rule sets (errors naming the JSON path).
#![cfg(feature = "client-core")]

use std::collections::BTreeMap;

use runtime::endpoint::{
    aws, library, BuiltIns, Params, Partition, PartitionOutputs, Partitions, RuleSet, Value,
};

fn s(text: &str) -> Value {
    Value::String(text.to_owned())
}

fn record(value: &Value) -> &BTreeMap<String, Value> {
    match value {
        Value::Record(r) => r,
        other => panic!("expected a record, got {other:?}"),
    }
}

#[test]
fn parse_url_reads_scheme_authority_paths_and_ip_addresses() {
    let url = library::parse_url("https://example.com").expect("valid");
    let r = record(&url);
    assert_eq!(r["scheme"], s("https"));
    assert_eq!(r["authority"], s("example.com"));
    assert_eq!(r["path"], s(""));
    assert_eq!(r["normalizedPath"], s("/"));
    assert_eq!(r["isIp"], Value::Bool(false));

    let url = library::parse_url("http://example.com:80/foo/bar").expect("valid");
    let r = record(&url);
    assert_eq!(r["authority"], s("example.com:80"));
    assert_eq!(r["path"], s("/foo/bar"));
    assert_eq!(r["normalizedPath"], s("/foo/bar/"));

    let url = library::parse_url("https://[fe80::1]:8443/p/").expect("IPv6 with port");
    let r = record(&url);
    assert_eq!(r["authority"], s("[fe80::1]:8443"));
    assert_eq!(r["normalizedPath"], s("/p/"));
    assert_eq!(r["isIp"], Value::Bool(true));
    let r = library::parse_url("https://127.0.0.1").expect("IPv4");
    assert_eq!(record(&r)["isIp"], Value::Bool(true));
    let r = library::parse_url("https://999.999.abc.blah").expect("odd DNS name");
    assert_eq!(record(&r)["isIp"], Value::Bool(false));
    let r = library::parse_url("https://user:pw@example.com/x").expect("userinfo");
    assert_eq!(record(&r)["authority"], s("example.com"));

    for bad in [
        "https://example.com:8443?foo=bar",
        "https://example.com/p#frag",
        "ftp://example.com",
        "example.com",
        "https://",
        "https://:443",
        "http://abc.com:a/foo",
        "http://abc.com:99999",
        "https://[fe80::1",
        "https://[not-ip]",
        "https://[fe80::1]x",
        "https://exa mple.com",
    ] {
        assert_eq!(library::parse_url(bad), None, "{bad}");
    }
}

#[test]
fn substring_counts_ascii_and_rejects_out_of_range() {
    assert_eq!(
        library::substring("abcdefg", 0, 4, false).as_deref(),
        Some("abcd")
    );
    assert_eq!(
        library::substring("abcdefg", 0, 4, true).as_deref(),
        Some("defg")
    );
    assert_eq!(
        library::substring("abcdefg", 1, 3, true).as_deref(),
        Some("ef")
    );
    assert_eq!(
        library::substring("abcd", 0, 4, false).as_deref(),
        Some("abcd")
    );
    assert_eq!(library::substring("abc", 0, 4, false), None, "too short");
    assert_eq!(library::substring("abc", 2, 2, false), None, "empty range");
    assert_eq!(
        library::substring("abc", 2, 1, false),
        None,
        "reversed range"
    );
    assert_eq!(library::substring("abc", -1, 2, false), None, "negative");
    assert_eq!(
        library::substring("\u{fdfd}abcd", 0, 1, false),
        None,
        "non-ASCII"
    );
}

#[test]
fn uri_encode_keeps_only_unreserved_characters() {
    assert_eq!(library::uri_encode("abc:defg"), "abc%3Adefg");
    assert_eq!(library::uri_encode("a b~c_d.e-f"), "a%20b~c_d.e-f");
    assert_eq!(library::uri_encode("😹"), "%F0%9F%98%B9");
    assert_eq!(
        library::uri_encode("/:,?#[]{}|@! $&'()*+;=%<>\"^`\\"),
        "%2F%3A%2C%3F%23%5B%5D%7B%7D%7C%40%21%20%24%26%27%28%29%2A%2B%3B%3D%25%3C%3E%22%5E%60%5C"
    );
    assert_eq!(library::uri_encode(""), "");
}

#[test]
fn host_labels_follow_rfc_1123() {
    assert!(library::is_valid_host_label("a", false));
    assert!(library::is_valid_host_label("a-b-1", false));
    assert!(library::is_valid_host_label(&"a".repeat(63), false));
    assert!(!library::is_valid_host_label(&"a".repeat(64), false));
    assert!(!library::is_valid_host_label("", false));
    assert!(!library::is_valid_host_label("-a", false));
    assert!(!library::is_valid_host_label("a_b", false));
    assert!(!library::is_valid_host_label("a.b", false));
    assert!(library::is_valid_host_label("a.b.c", true));
    assert!(!library::is_valid_host_label("a..b", true));
    assert!(!library::is_valid_host_label("a.", true));
    assert!(!library::is_valid_host_label("a.-b", true));
}

#[test]
fn split_follows_the_limit() {
    let split = |v: &str, d: &str, l: i64| library::split(v, d, l).expect("valid");
    assert_eq!(split("a--b--c", "--", 0), ["a", "b", "c"]);
    assert_eq!(split("a--b--c", "--", 2), ["a", "b--c"]);
    assert_eq!(split("a--b--c", "--", 1), ["a--b--c"]);
    assert_eq!(split("", "--", 0), [""]);
    assert_eq!(split("----", "--", 0), ["", "", ""]);
    assert!(library::split("a", "", 0).is_err());
    assert!(library::split("a", "-", -1).is_err());
}

#[test]
fn parse_arn_splits_resources_and_rejects_bad_input() {
    let arn = aws::parse_arn("arn:aws:ec2:us-east-1:012345678910:vpc/vpc-0e98").expect("valid");
    let r = record(&arn);
    assert_eq!(r["partition"], s("aws"));
    assert_eq!(r["service"], s("ec2"));
    assert_eq!(r["region"], s("us-east-1"));
    assert_eq!(r["accountId"], s("012345678910"));
    assert_eq!(r["resourceId"], Value::Array(vec![s("vpc"), s("vpc-0e98")]));
    let arn = aws::parse_arn("arn:aws:s3:::bucket_name").expect("valid");
    assert_eq!(record(&arn)["region"], s(""));
    assert_eq!(
        record(&arn)["resourceId"],
        Value::Array(vec![s("bucket_name")])
    );
    let arn = aws::parse_arn("arn:aws:iam::1:a:b/c").expect("colon and slash");
    assert_eq!(
        record(&arn)["resourceId"],
        Value::Array(vec![s("a"), s("b"), s("c")])
    );
    for bad in [
        "11111111-2222-3333-4444-555555555555",
        "",
        "arn",
        "arn:aws:s3:::",
        "arn::s3:us-east-1:1:r",
        "arn:aws::us-east-1:1:r",
        "arn:aws:s3:us-east-1",
        "ARN:aws:s3:::b",
    ] {
        assert_eq!(aws::parse_arn(bad), None, "{bad}");
    }
}

#[test]
fn virtual_hostable_buckets() {
    assert!(aws::is_virtual_hostable_s3_bucket("my-bucket", false));
    assert!(!aws::is_virtual_hostable_s3_bucket("my.bucket", false));
    assert!(aws::is_virtual_hostable_s3_bucket("my.bucket", true));
    assert!(!aws::is_virtual_hostable_s3_bucket("ab", false));
    assert!(!aws::is_virtual_hostable_s3_bucket("MyBucket", false));
    assert!(!aws::is_virtual_hostable_s3_bucket("bucket-", false));
    assert!(!aws::is_virtual_hostable_s3_bucket("my..bucket", true));
    assert!(!aws::is_virtual_hostable_s3_bucket("my-.bucket", true));
    assert!(!aws::is_virtual_hostable_s3_bucket("my.-bucket", true));
    assert!(!aws::is_virtual_hostable_s3_bucket("192.168.5.4", true));
}

fn outputs(dns: &str) -> PartitionOutputs {
    PartitionOutputs {
        dns_suffix: dns.to_owned(),
        dual_stack_dns_suffix: format!("dual.{dns}"),
        supports_fips: true,
        supports_dual_stack: false,
        implicit_global_region: "g-1".to_owned(),
    }
}

fn partitions() -> Partitions {
    Partitions::new(vec![
        Partition {
            id: "aws".to_owned(),
            region_regex: r"^(us|eu)\-\w+\-\d+$".to_owned(),
            regions: vec!["aws-global".to_owned()],
            outputs: outputs("amazonaws.com"),
        },
        Partition {
            id: "aws-cn".to_owned(),
            region_regex: r"^cn\-\w+\-\d+$".to_owned(),
            regions: vec!["cn-north-1".to_owned(), "special".to_owned()],
            outputs: outputs("amazonaws.com.cn"),
        },
    ])
    .expect("valid regexes")
}

#[test]
fn partition_lookup_prefers_listed_regions_then_the_regex_then_aws() {
    let p = partitions();
    let name = |region: &str| {
        let value = p.partition(region).expect("a partition");
        record(&value)["name"].clone()
    };
    assert_eq!(name("special"), s("aws-cn"), "explicitly listed");
    assert_eq!(name("cn-west-9"), s("aws-cn"), "regex match");
    assert_eq!(name("eu-west-1"), s("aws"));
    assert_eq!(name("mars-east-1"), s("aws"), "unknown falls back to aws");
    let value = p.partition("cn-north-1").unwrap();
    let r = record(&value);
    assert_eq!(r["dnsSuffix"], s("amazonaws.com.cn"));
    assert_eq!(r["dualStackDnsSuffix"], s("dual.amazonaws.com.cn"));
    assert_eq!(r["supportsFIPS"], Value::Bool(true));
    assert_eq!(r["supportsDualStack"], Value::Bool(false));
    assert_eq!(r["implicitGlobalRegion"], s("g-1"));
    assert_eq!(Partitions::default().partition("us-east-1"), None);

    let bad = Partitions::new(vec![Partition {
        region_regex: "(".to_owned(),
        ..p.iter().next().unwrap().clone()
    }]);
    assert!(bad
        .unwrap_err()
        .message
        .contains("partition `aws`: bad regionRegex"));
    let err = Partitions::from_json(r#"{"partitions":[{"id":"x"}]}"#).unwrap_err();
    assert_eq!(
        err.message,
        "partitions: $.partitions[0].outputs is missing"
    );
}

const RULES: &str = r#"{
  "version": "1.0",
  "parameters": {
    "Region": {"type": "String", "builtIn": "AWS::Region", "documentation": "d"},
    "UseFIPS": {"type": "Boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false, "documentation": "d"},
    "Endpoint": {"type": "string", "builtIn": "SDK::Endpoint", "documentation": "d"},
    "Tags": {"type": "stringArray", "required": true, "default": ["t0", "t1"], "documentation": "d"}
  },
  "rules": [
    {"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}],
     "endpoint": {"url": {"ref": "Endpoint"}, "headers": {"x-tag": ["{Tags#[-1]}", "b"]}}},
    {"type": "tree", "conditions": [
        {"fn": "isSet", "argv": [{"ref": "Region"}]},
        {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}],
     "rules": [
        {"type": "error", "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]},
                                         {"fn": "not", "argv": [{"fn": "getAttr", "argv": [{"ref": "P"}, "supportsDualStack"]}]}],
         "error": "no {{FIPS}} in {P#name}"},
        {"type": "endpoint", "conditions": [],
         "endpoint": {"url": "https://svc.{Region}.{P#dnsSuffix}",
                      "properties": {"authSchemes": [{"name": "sigv4", "signingName": "svc", "signingRegion": "{Region}", "disableDoubleEncoding": true}]}}}
     ]},
    {"type": "error", "conditions": [], "error": "Invalid Configuration: Missing Region"}
  ]
}"#;

#[test]
fn resolves_with_builtins_defaults_scopes_and_templates() {
    let rules = RuleSet::from_json(RULES, partitions()).expect("valid rule set");
    let builtins = BuiltIns {
        region: Some("cn-north-1".to_owned()),
        ..BuiltIns::default()
    };
    assert!(!rules.only_built_ins(), "Tags has no built-in");
    let params = rules.params(&builtins);
    assert_eq!(params.get("UseFIPS"), Some(&Value::Bool(false)));
    assert_eq!(params.get("Endpoint"), None);
    let endpoint = rules.resolve(&params).expect("resolves");
    assert_eq!(endpoint.url, "https://svc.cn-north-1.amazonaws.com.cn");
    let schemes = endpoint.auth_schemes();
    assert_eq!(schemes.len(), 1);
    assert_eq!(schemes[0].name, "sigv4");
    assert_eq!(schemes[0].signing_name.as_deref(), Some("svc"));
    assert_eq!(schemes[0].signing_region.as_deref(), Some("cn-north-1"));
    assert_eq!(schemes[0].disable_double_encoding, Some(true));

    let mut fips = params.clone();
    fips.set("UseFIPS", Value::Bool(true));
    let err = rules.resolve(&fips).unwrap_err();
    assert_eq!(
        err.message, "no {FIPS} in aws-cn",
        "escaped braces, getAttr shorthand"
    );

    let custom = rules.params(&BuiltIns {
        endpoint: Some("https://local".to_owned()),
        ..BuiltIns::default()
    });
    let endpoint = rules.resolve(&custom).expect("custom endpoint");
    assert_eq!(endpoint.url, "https://local");
    assert_eq!(
        endpoint.headers["x-tag"],
        ["t1", "b"],
        "default array, index -1"
    );

    let err = rules.resolve(&Params::default()).unwrap_err();
    assert_eq!(err.message, "Invalid Configuration: Missing Region");
}

#[test]
fn parameters_are_checked() {
    let rules = RuleSet::from_json(RULES, partitions()).unwrap();
    let mut wrong = Params::default();
    wrong.set("UseFIPS", s("yes"));
    assert_eq!(
        rules.resolve(&wrong).unwrap_err().message,
        "endpoint parameter `UseFIPS` must be a boolean, got a string"
    );
    let mut unknown = Params::default();
    unknown.set("Bucket", s("b"));
    assert_eq!(
        rules.resolve(&unknown).unwrap_err().message,
        "unknown endpoint parameter `Bucket`"
    );
    let required = r#"{"version":"1.0","parameters":{"Id":{"type":"string","required":true,"documentation":"d"}},
        "rules":[{"type":"error","conditions":[],"error":"{Id}"}]}"#;
    let rules = RuleSet::from_json(required, Partitions::default()).unwrap();
    assert_eq!(
        rules.resolve(&Params::default()).unwrap_err().message,
        "missing required endpoint parameter `Id`"
    );
}

#[test]
fn exhausted_trees_and_unset_arguments_are_errors() {
    let text = r#"{"version":"1.0","parameters":{"A":{"type":"string","documentation":"d"}},
        "rules":[
          {"type":"tree","conditions":[],"rules":[
             {"type":"endpoint","conditions":[{"fn":"stringEquals","argv":[{"ref":"A"},"x"]}],"endpoint":{"url":"https://x"}}]}]}"#;
    let rules = RuleSet::from_json(text, Partitions::default()).unwrap();
    let mut params = Params::default();
    params.set("A", s("y"));
    assert_eq!(
        rules.resolve(&params).unwrap_err().message,
        "no endpoint rule matched the parameters (rule exhaustion at $.rules[0])"
    );
    assert_eq!(
        rules.resolve(&Params::default()).unwrap_err().message,
        "`stringEquals` at $.rules[0].rules[0].conditions[0]: argument 1 is not set (guard it with `isSet`)"
    );
}

#[test]
fn malformed_rule_sets_name_the_json_path() {
    let check = |text: &str, expected: &str| {
        let err = RuleSet::from_json(text, Partitions::default()).unwrap_err();
        assert_eq!(err.message, expected, "{text}");
    };
    let wrap = |rules: &str| {
        format!(
            r#"{{"version":"1.0","parameters":{{"A":{{"type":"string","documentation":"d"}}}},"rules":{rules}}}"#
        )
    };
    check(
        "[",
        "rule set is not JSON: EOF while parsing a list at line 1 column 1",
    );
    check("{}", "invalid rule set at $: missing `version`");
    check(
        r#"{"version":"1.0","parameters":{"a_b":{"type":"string"}},"rules":[]}"#,
        "invalid rule set at $.parameters.a_b: a parameter name is a letter followed by letters and digits",
    );
    check(
        r#"{"version":"1.0","parameters":{"Ab":{"type":"string"},"aB":{"type":"string"}},"rules":[]}"#,
        "invalid rule set at $.parameters: parameters `Ab` and `aB` differ only in case",
    );
    check(
        r#"{"version":"1.0","parameters":{"A":{"type":"int"}},"rules":[]}"#,
        "invalid rule set at $.parameters.A: unknown parameter type `int`",
    );
    check(
        r#"{"version":"1.0","parameters":{"A":{"type":"boolean","default":"no"}},"rules":[]}"#,
        "invalid rule set at $.parameters.A: `default` must be a boolean",
    );
    check(
        &wrap(r#"[{"type":"x","conditions":[]}]"#),
        "invalid rule set at $.rules[0]: unknown rule type `x` (expected endpoint, error or tree)",
    );
    check(
        &wrap(r#"[{"type":"error","conditions":[{"fn":"nope","argv":[]}],"error":"e"}]"#),
        "invalid rule set at $.rules[0].conditions[0]: unknown function `nope`",
    );
    check(
        &wrap(r#"[{"type":"error","conditions":[{"fn":"not","argv":[]}],"error":"e"}]"#),
        "invalid rule set at $.rules[0].conditions[0]: `not` takes 1 argument(s), got 0",
    );
    check(
        &wrap(r#"[{"type":"error","conditions":[{"fn":"isSet","argv":[{"ref":"B"}]}],"error":"e"}]"#),
        "invalid rule set at $.rules[0].conditions[0].argv[0]: `B` is neither a parameter nor a variable in scope",
    );
    check(
        &wrap(r#"[{"type":"error","conditions":[],"error":"{A"}]"#),
        "invalid rule set at $.rules[0].error: unclosed `{` in template `{A`",
    );
    check(
        &wrap(r#"[{"type":"endpoint","conditions":[],"endpoint":{"url":"{A#x[y]}"}}]"#),
        "invalid rule set at $.rules[0].endpoint.url: bad index `[y]` in path `x[y]`",
    );
    // A variable assigned in one rule is out of scope in the next.
    check(
        &wrap(
            r#"[{"type":"error","conditions":[{"fn":"isSet","argv":[{"ref":"A"}],"assign":"v"}],"error":"e"},
                {"type":"error","conditions":[],"error":"{v}"}]"#,
        ),
        "invalid rule set at $.rules[1].error: `v` is neither a parameter nor a variable in scope",
    );
    check(
        &wrap(
            r#"[{"type":"error","conditions":[{"fn":"isSet","argv":[{"ref":"A"}],"assign":"A"}],"error":"e"}]"#,
        ),
        "invalid rule set at $.rules[0].conditions[0]: `assign: A` shadows a name in scope",
    );
}

#[test]
fn operation_binding_helpers_refuse_blank_required_members_and_build_string_arrays() {
    use runtime::endpoint::bind;
    assert_eq!(bind::required("Bucket", "Bucket", "b"), Ok(s("b")));
    for blank in ["", " \t\n"] {
        let error = bind::required("Bucket", "Bucket", blank).expect_err("blank");
        assert_eq!(
            error.message,
            "input member `Bucket` (endpoint parameter `Bucket`) is required and must not be \
             empty or blank"
        );
    }
    assert_eq!(
        bind::strings(["a", "b"]),
        Value::Array(vec![s("a"), s("b")])
    );
    assert_eq!(bind::strings([]), Value::Array(Vec::new()));
}

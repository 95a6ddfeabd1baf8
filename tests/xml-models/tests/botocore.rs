//! Our XML protocols against botocore: for each case of `botocore_cases.py` (STS and
//! SNS, awsQuery; Route 53, restXml), botocore's own serializer built a request for an
//! input and its own parser read a service response; here our generated client
//! (`serialize_request::<Op>`, `parse_response::<Op>`) does the same from the same input
//! (the case's params, read into the operation's input type through its serde form) and
//! the same response, and every difference is reported, naming the case and the field:
//!
//! - request: method; path (segments decoded); query pairs as a multiset; each header
//!   botocore sets (`Content-Type` by media type); the body: form pairs as a multiset
//!   (awsQuery), XML as element trees (restXml), or none;
//! - response: our output's serde form against botocore's dict (members absent or null
//!   alike, numbers as numbers, timestamps as instants); for an error status, our error's
//!   code and message against botocore's `Error`.
//!
//! Python comes from `BOTOCORE_PYTHON` (which must then run the driver), else from
//! `target/awscli-venv/bin/python` (the virtualenv `.ci/run` installs the AWS CLI in) if
//! it is there; without either, or without the optional model pins in models/cache, the
//! test prints why it skipped and passes. `.ci/run` runs
//! `BOTOCORE_PYTHON=target/awscli-venv/bin/python cargo test -p xml-models --test botocore`.

#[cfg(not(all(has_sts, has_sns, has_route53)))]
#[test]
fn requests_and_responses_match_botocore() {
    println!("skipped: sts, sns or route53 not in models/cache (optional pins)");
}

#[cfg(all(has_sts, has_sns, has_route53))]
mod against_botocore {
    use std::fmt::{Debug, Display};

    use serde::de::DeserializeOwned;
    use serde::Serialize;
    use serde_json::{json, Value};
    use xml_models::botocore::{self, Case};
    use xml_models::compare;
    use xml_models::runtime::protocol::{
        parse_response, serialize_request, CallError, Input, OperationError, Output,
    };
    use xml_models::runtime::{Operation, RetryInfo};
    use xml_models::{route_53, sns, sts};

    /// Each case's operation: botocore's service and operation names, our operation
    /// type, then the input members bound to the URI, query or headers (which the serde
    /// form leaves out: `field: "Member"`, set from the case's params) and after `->` the
    /// output members bound to headers (added to our output's serde form).
    macro_rules! operations {
        ($(
            $service:literal $operation:literal => $ty:ty
            { $($input:ident: $in_key:literal),* } $(-> { $($output:ident: $out_key:literal),* })?,
        )*) => {
            /// Checks `case` with its operation's types; a case of an operation not in
            /// the table is a failure.
            fn check_case(case: &Case, tally: &mut Tally) {
                match (case.service.as_str(), case.operation.as_str()) {
                    $(($service, $operation) => check::<$ty>(
                        case,
                        tally,
                        |_input: &mut <$ty as Operation>::Input, _params: &Value| {
                            $(_input.$input = member(_params, $in_key)?;)*
                            Ok(())
                        },
                        |_output: &<$ty as Operation>::Output, _json: &mut Value| {
                            $($(_json[$out_key] = json!(_output.$output);)*)?
                        },
                    ),)*
                    _ => tally.fail(case, "operation", "not in the test's table of operations"),
                }
            }
        };
    }

    operations! {
        "sts" "AssumeRole" => sts::operations::AssumeRole {},
        "sts" "GetCallerIdentity" => sts::operations::GetCallerIdentity {},
        "sts" "GetSessionToken" => sts::operations::GetSessionToken {},
        "sts" "DecodeAuthorizationMessage" => sts::operations::DecodeAuthorizationMessage {},
        "sns" "Publish" => sns::operations::Publish {},
        "sns" "CreateTopic" => sns::operations::CreateTopic {},
        "sns" "PublishBatch" => sns::operations::PublishBatch {},
        "sns" "GetTopicAttributes" => sns::operations::GetTopicAttributes {},
        "sns" "ListTagsForResource" => sns::operations::ListTagsForResource {},
        "sns" "Subscribe" => sns::operations::Subscribe {},
        "sns" "ListSubscriptionsByTopic" => sns::operations::ListSubscriptionsByTopic {},
        "sns" "SetSubscriptionAttributes" => sns::operations::SetSubscriptionAttributes {},
        "route53" "ChangeResourceRecordSets" => route_53::operations::ChangeResourceRecordSets {
            hosted_zone_id: "HostedZoneId"
        },
        "route53" "ListResourceRecordSets" => route_53::operations::ListResourceRecordSets {
            hosted_zone_id: "HostedZoneId",
            start_record_name: "StartRecordName",
            start_record_type: "StartRecordType",
            start_record_identifier: "StartRecordIdentifier",
            max_items: "MaxItems"
        },
        "route53" "ChangeTagsForResource" => route_53::operations::ChangeTagsForResource {
            resource_type: "ResourceType",
            resource_id: "ResourceId"
        },
        "route53" "CreateHostedZone" => route_53::operations::CreateHostedZone {}
            -> { location: "Location" },
        "route53" "ListTagsForResources" => route_53::operations::ListTagsForResources {
            resource_type: "ResourceType"
        },
        "route53" "GetHostedZone" => route_53::operations::GetHostedZone { id: "Id" },
        "route53" "ListHostedZones" => route_53::operations::ListHostedZones {
            marker: "Marker",
            max_items: "MaxItems",
            delegation_set_id: "DelegationSetId",
            hosted_zone_type: "HostedZoneType"
        },
    }

    /// The case's member `key` as the field's type (`null` when absent, which an
    /// `Option` reads as `None`). A number botocore's model types as a string (Route 53's
    /// `MaxItems`, an integer in the Smithy model) is read as the number it spells.
    fn member<T: DeserializeOwned>(params: &Value, key: &str) -> Result<T, String> {
        let value = params.get(key).cloned().unwrap_or(Value::Null);
        serde_json::from_value(value.clone())
            .or_else(|e| {
                match value
                    .as_str()
                    .map(serde_json::from_str::<serde_json::Number>)
                {
                    Some(Ok(number)) => serde_json::from_value(Value::Number(number)),
                    _ => Err(e),
                }
            })
            .map_err(|e| format!("member {key}: {e}"))
    }

    /// Differences between botocore's model and the Smithy model we generate from, not
    /// between the two clients: (case, field, the difference exactly, why). Such a
    /// difference is printed and not counted as a failure; any other in the same field
    /// still is.
    const MODEL_DIFFERENCES: &[(&str, &str, &str, &str)] = &[(
        "route53_change_resource_record_sets_nested",
        "path",
        "expected /2013-04-01/hostedzone/Z1D633PJN98FT9/rrset/, \
         got /2013-04-01/hostedzone/Z1D633PJN98FT9/rrset",
        "botocore's Route 53 model has `requestUri` `/2013-04-01/hostedzone/{Id}/rrset/`, \
         the Smithy model's `@http` uri has no trailing slash",
    )];

    /// The endpoint our requests are built for: its path is empty, so our URL path is
    /// the operation's alone, as botocore's `url_path` is.
    fn endpoint(service: &str) -> &'static str {
        match service {
            "sts" => "https://sts.amazonaws.com",
            "sns" => "https://sns.us-east-1.amazonaws.com",
            _ => "https://route53.amazonaws.com",
        }
    }

    /// What the comparison found.
    #[derive(Default)]
    struct Tally {
        requests: usize,
        responses: usize,
        failures: Vec<String>,
        noted: Vec<String>,
    }

    impl Tally {
        /// A difference in `field` of `case`, unless it is a known model difference.
        fn fail(&mut self, case: &Case, field: &str, what: impl Display) {
            let what = what.to_string();
            let line = format!("{}: {field}: {what}", case.name);
            match MODEL_DIFFERENCES
                .iter()
                .find(|(name, f, d, _)| *name == case.name && *f == field && *d == what)
            {
                Some((.., why)) => self.noted.push(format!("{line} ({why})")),
                None => self.failures.push(line),
            }
        }

        /// Each of `differences` as a failure of `field`.
        fn each(&mut self, case: &Case, field: &str, differences: Vec<String>) {
            for difference in differences {
                self.fail(case, field, difference);
            }
        }
    }

    #[test]
    fn requests_and_responses_match_botocore() {
        let python = match botocore::python() {
            Ok(python) => python,
            Err(reason) => {
                println!("skipped: {reason}");
                return;
            }
        };
        let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("botocore-cases.json");
        let cases = botocore::run(&python, &out).unwrap_or_else(|e| panic!("{e}"));
        assert!(!cases.cases.is_empty(), "the driver printed no cases");
        let mut tally = Tally::default();
        for case in &cases.cases {
            check_case(case, &mut tally);
        }
        println!(
            "botocore {}: {} requests, {} responses compared",
            cases.botocore, tally.requests, tally.responses
        );
        for noted in &tally.noted {
            println!("model difference, not counted: {noted}");
        }
        assert!(
            tally.failures.is_empty(),
            "{} differences from botocore:\n{}",
            tally.failures.len(),
            tally.failures.join("\n")
        );
    }

    /// Checks one case with operation `O`: the request for its params, then our reading
    /// of its response.
    fn check<O>(
        case: &Case,
        tally: &mut Tally,
        bind: impl Fn(&mut O::Input, &Value) -> Result<(), String>,
        headers: impl Fn(&O::Output, &mut Value),
    ) where
        O: Operation,
        O::Input: Input + DeserializeOwned,
        O::Output: Output + Serialize,
        O::Error: OperationError + RetryInfo + Display + Debug,
    {
        let input = serde_json::from_value(case.params.clone())
            .map_err(|e| format!("our input type refuses them: {e}"))
            .and_then(|mut input: O::Input| bind(&mut input, &case.params).map(|()| input));
        let input = match input {
            Ok(input) => input,
            Err(e) => return tally.fail(case, "params", e),
        };
        match serialize_request::<O>(&input, endpoint(&case.service)) {
            Ok(request) => check_request(case, &request, tally),
            Err(e) => tally.fail(case, "request", format!("not built: {e}")),
        }
        tally.requests += 1;
        if let Some(response) = &case.response {
            check_response::<O>(case, response, headers, tally);
            tally.responses += 1;
        }
    }

    fn check_request(case: &Case, ours: &http::Request<Vec<u8>>, tally: &mut Tally) {
        let theirs = &case.request;
        if ours.method().as_str() != theirs.method {
            let what = format!("expected {}, got {}", theirs.method, ours.method());
            tally.fail(case, "method", what);
        }
        tally.each(
            case,
            "path",
            compare::paths(&theirs.path, ours.uri().path()),
        );
        match compare::decode_pairs(ours.uri().query().unwrap_or("")) {
            Ok(query) => tally.each(case, "query", compare::pairs(&theirs.query, &query)),
            Err(e) => tally.fail(case, "query", e),
        }
        for (name, value) in &theirs.headers {
            check_header(case, ours, name, value, tally);
        }
        let body = String::from_utf8_lossy(ours.body());
        match (&theirs.form, &theirs.body) {
            (Some(form), _) => match compare::decode_pairs(&body) {
                Ok(pairs) => tally.each(case, "form", compare::pairs(form, &pairs)),
                Err(e) => tally.fail(case, "form", e),
            },
            (None, Some(xml)) => tally.each(case, "body", compare::xml(xml, &body)),
            (None, None) if !body.is_empty() => {
                tally.fail(case, "body", format!("expected none, got {body}"));
            }
            (None, None) => {}
        }
    }

    /// Our value of header `name` against botocore's `expected`; `Content-Type` by its
    /// media type (botocore adds `; charset=utf-8` to a form's, which says nothing more:
    /// the form's escapes are UTF-8 either way).
    fn check_header(
        case: &Case,
        ours: &http::Request<Vec<u8>>,
        name: &str,
        expected: &str,
        tally: &mut Tally,
    ) {
        let got = ours
            .headers()
            .get(name)
            .map(|v| String::from_utf8_lossy(v.as_bytes()));
        let essence = |v: &str| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        };
        let same = match &got {
            Some(got) if name.eq_ignore_ascii_case("content-type") => {
                essence(got) == essence(expected)
            }
            Some(got) => got == expected,
            None => false,
        };
        if !same {
            let what = format!("expected {expected:?}, got {got:?}");
            tally.fail(case, &format!("header {name}"), what);
        }
    }

    fn check_response<O>(
        case: &Case,
        theirs: &botocore::Response,
        headers: impl Fn(&O::Output, &mut Value),
        tally: &mut Tally,
    ) where
        O: Operation,
        O::Output: Output + Serialize,
        O::Error: OperationError + RetryInfo + Display + Debug,
    {
        let mut builder = http::Response::builder().status(theirs.status);
        for (name, value) in &theirs.headers {
            builder = builder.header(name, value);
        }
        let response = builder
            .body(theirs.body.as_bytes().to_vec())
            .expect("the case's status and headers are valid");
        match (parse_response::<O>(&response), theirs.parsed.get("Error")) {
            (Ok(output), None) => {
                let mut got = match serde_json::to_value(&output) {
                    // An operation without output members reads as `()`.
                    Ok(Value::Null) => json!({}),
                    Ok(value) => value,
                    Err(e) => return tally.fail(case, "output", format!("no serde form: {e}")),
                };
                headers(&output, &mut got);
                let mut differences = Vec::new();
                compare::values(&theirs.parsed, &got, "output", &mut differences);
                tally.each(case, "response", differences);
            }
            (Err(CallError::Service(error)), Some(expected)) => {
                check_error(case, &error, expected, tally);
            }
            (Ok(output), Some(expected)) => {
                let what = format!(
                    "expected the error {expected}, got {:?}",
                    serde_json::to_value(&output)
                );
                tally.fail(case, "response", what);
            }
            (Err(e), _) => tally.fail(case, "response", format!("not read: {e:?}")),
        }
    }

    /// Our error's code and message against botocore's `{"Code", "Message"}`.
    fn check_error<E: RetryInfo + Display + Debug>(
        case: &Case,
        ours: &E,
        expected: &Value,
        tally: &mut Tally,
    ) {
        let code = expected.get("Code").and_then(Value::as_str);
        if ours.error_code() != code {
            let what = format!("expected {code:?}, got {:?} ({ours:?})", ours.error_code());
            tally.fail(case, "error code", what);
        }
        let message = expected
            .get("Message")
            .and_then(Value::as_str)
            .unwrap_or("");
        if !ours.to_string().contains(message) {
            let what = format!(
                "expected {message:?} in our error's text, got {:?} ({ours:?})",
                ours.to_string()
            );
            tally.fail(case, "error message", what);
        }
    }
}

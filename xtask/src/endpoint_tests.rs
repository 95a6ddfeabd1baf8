//! What a `smithy.rules#endpointTests` case means (spec rules-engine/specification.rst,
//! "endpointTests"): its `params` bind the rule set's parameters by name; an expected
//! endpoint compares URL, headers and properties exactly, an expected error compares the
//! (rendered) message exactly.
//!
//! Shared by `cargo xtask corpus --endpoints` (the workspace's `runtime` engine) and
//! `tests/tests/endpoints.rs` (a generated crate's copy of it). The two engines have
//! distinct but identical types, so the functions here are generic over the engine's
//! value type and take its `Value::from_json`.

use std::collections::BTreeMap;
use std::fmt::Debug;

use codegen::model::traits::EndpointExpectation;
use serde_json::Value as Json;

/// An engine's resolved endpoint, in the shape every copy of the runtime gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved<V> {
    /// The URL.
    pub url: String,
    /// The headers, by name.
    pub headers: BTreeMap<String, Vec<String>>,
    /// The properties (`authSchemes`, …), by name.
    pub properties: BTreeMap<String, V>,
}

/// Binds each of `params` (a case's `params`, JSON by parameter name) with `set`, as the
/// engine's value `value` makes of it; a `null` leaves the parameter unset.
///
/// # Errors
/// A value the rules language has no form for (a non-integer number), naming it.
pub fn bind<V>(
    params: &BTreeMap<String, Json>,
    value: impl Fn(&Json) -> Option<V>,
    mut set: impl FnMut(&str, V),
) -> Result<(), String> {
    for (name, json) in params {
        if json.is_null() {
            continue;
        }
        match value(json) {
            Some(v) => set(name, v),
            None => return Err(format!("parameter `{name}` has no value form: {json}")),
        }
    }
    Ok(())
}

/// Why `got` (the endpoint, or the resolution error's message) does not meet `expect`,
/// if it does not. Expected property values are made engine values with `value`.
pub fn mismatch<V: PartialEq + Debug>(
    expect: &EndpointExpectation,
    got: Result<Resolved<V>, String>,
    value: impl Fn(&Json) -> Option<V>,
) -> Option<String> {
    match (expect, got) {
        (EndpointExpectation::Error(expected), Err(message)) if message == *expected => None,
        (
            EndpointExpectation::Endpoint {
                url,
                headers,
                properties,
            },
            Ok(endpoint),
        ) => {
            let expected: BTreeMap<String, V> = properties
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), value(v)?)))
                .collect();
            let same = endpoint.url == *url
                && endpoint.headers == *headers
                && endpoint.properties == expected;
            (!same).then(|| {
                format!(
                    "expected {url} {headers:?} {expected:?}, got {} {:?} {:?}",
                    endpoint.url, endpoint.headers, endpoint.properties
                )
            })
        }
        (EndpointExpectation::Error(expected), Ok(endpoint)) => Some(format!(
            "expected error {expected:?}, got endpoint {}",
            endpoint.url
        )),
        (EndpointExpectation::Endpoint { url, .. }, Err(message)) => {
            Some(format!("expected endpoint {url}, got error {message:?}"))
        }
        (EndpointExpectation::Error(expected), Err(message)) => Some(format!(
            "expected error {expected:?}, got error {message:?}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(url: &str) -> EndpointExpectation {
        EndpointExpectation::Endpoint {
            url: url.into(),
            headers: BTreeMap::new(),
            properties: BTreeMap::from([("p".into(), Json::from("x"))]),
        }
    }

    fn resolved(url: &str, p: &str) -> Result<Resolved<String>, String> {
        Ok(Resolved {
            url: url.into(),
            headers: BTreeMap::new(),
            properties: BTreeMap::from([("p".into(), p.into())]),
        })
    }

    fn string(json: &Json) -> Option<String> {
        json.as_str().map(str::to_owned)
    }

    #[test]
    fn an_endpoint_matches_on_url_headers_and_properties() {
        assert_eq!(
            mismatch(&endpoint("https://a"), resolved("https://a", "x"), string),
            None
        );
        let detail = mismatch(&endpoint("https://a"), resolved("https://a", "y"), string);
        assert!(detail.unwrap().contains("\"y\""));
        assert!(mismatch(&endpoint("https://a"), resolved("https://b", "x"), string).is_some());
    }

    #[test]
    fn an_error_matches_on_its_exact_message() {
        let expect = EndpointExpectation::Error("no region".into());
        assert_eq!(mismatch(&expect, Err("no region".into()), string), None);
        let detail = mismatch(&expect, Err("no Region".into()), string).unwrap();
        assert_eq!(
            detail,
            r#"expected error "no region", got error "no Region""#
        );
        let detail = mismatch(&expect, resolved("https://a", "x"), string).unwrap();
        assert_eq!(
            detail,
            r#"expected error "no region", got endpoint https://a"#
        );
    }

    #[test]
    fn null_params_stay_unset_and_unreadable_ones_are_named() {
        let params = BTreeMap::from([
            ("A".to_owned(), Json::from("a")),
            ("B".to_owned(), Json::Null),
        ]);
        let mut bound = Vec::new();
        bind(&params, string, |k, v| bound.push((k.to_owned(), v))).unwrap();
        assert_eq!(bound, [("A".to_owned(), "a".to_owned())]);
        let bad = BTreeMap::from([("N".to_owned(), serde_json::json!(1.5))]);
        let err = bind(&bad, |j| j.as_i64(), |_, _| {}).unwrap_err();
        assert_eq!(err, "parameter `N` has no value form: 1.5");
    }
}

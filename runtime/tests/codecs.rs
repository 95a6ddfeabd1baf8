//! The serde adapters on their own: codecs composed as generated fields compose them.

use std::collections::BTreeMap;

use runtime::{
    Codec, Dense, DenseMap, Float, HttpDate, OptionOf, Rfc3339, Same, Sparse, SparseMap, With,
};

fn write<C: Codec<T>, T>(value: &T) -> String {
    serde_json::to_string(&With::<C, T>::new(value)).unwrap()
}

fn read<C: Codec<T>, T>(json: &str) -> Result<T, serde_json::Error> {
    C::de(&mut serde_json::Deserializer::from_str(json))
}

#[test]
fn floats_write_non_finite_values_as_strings() {
    assert_eq!(write::<Float, f64>(&f64::NAN), r#""NaN""#);
    assert_eq!(write::<Float, f64>(&f64::INFINITY), r#""Infinity""#);
    assert_eq!(write::<Float, f32>(&f32::NEG_INFINITY), r#""-Infinity""#);
    assert_eq!(write::<Float, f64>(&1.5), "1.5");
    assert!(read::<Float, f64>(r#""NaN""#).unwrap().is_nan());
    assert_eq!(
        read::<Float, f64>(r#""-Infinity""#).unwrap(),
        f64::NEG_INFINITY
    );
    assert_eq!(read::<Float, f32>("2").unwrap(), 2.0);
    let err = read::<Float, f64>(r#""nan""#).unwrap_err();
    assert!(
        err.to_string().contains("expected a number, found `nan`"),
        "{err}"
    );
}

#[test]
fn timestamp_formats() {
    let t = runtime::DateTime::from_secs(1_398_796_238);
    assert_eq!(write::<Rfc3339, _>(&t), r#""2014-04-29T18:30:38Z""#);
    assert_eq!(
        write::<HttpDate, _>(&t),
        r#""Tue, 29 Apr 2014 18:30:38 GMT""#
    );
    assert_eq!(read::<Rfc3339, _>(r#""2014-04-29T18:30:38Z""#).unwrap(), t);
    assert!(read::<HttpDate, _>("1398796238").is_err());
}

#[test]
fn dense_collections_drop_nulls_sparse_ones_keep_them() {
    assert_eq!(
        read::<Dense<Float>, Vec<f64>>(r#"[1,null,"NaN"]"#)
            .unwrap()
            .len(),
        2
    );
    let sparse = read::<Sparse<Same>, Vec<Option<String>>>(r#"["a",null]"#).unwrap();
    assert_eq!(sparse, vec![Some("a".to_owned()), None]);
    assert_eq!(write::<Sparse<Same>, _>(&sparse), r#"["a",null]"#);
    let dense = read::<DenseMap<Same>, BTreeMap<String, i32>>(r#"{"a":1,"b":null}"#).unwrap();
    assert_eq!(write::<DenseMap<Same>, _>(&dense), r#"{"a":1}"#);
    let sparse =
        read::<SparseMap<Same>, BTreeMap<String, Option<i32>>>(r#"{"a":1,"b":null}"#).unwrap();
    assert_eq!(write::<SparseMap<Same>, _>(&sparse), r#"{"a":1,"b":null}"#);
    let nested = read::<OptionOf<Dense<DenseMap<Same>>>, Option<Vec<BTreeMap<String, i32>>>>(
        r#"[{"x":1,"y":null},null,{}]"#,
    )
    .unwrap();
    assert_eq!(
        write::<OptionOf<Dense<DenseMap<Same>>>, _>(&nested),
        r#"[{"x":1},{}]"#
    );
    assert_eq!(read::<OptionOf<Same>, Option<i32>>("null").unwrap(), None);
}

#[test]
fn collections_read_in_place_keep_the_last_of_a_repeated_key_and_reject_nulls_when_strict() {
    // A later `null` drops an earlier value; a later value replaces an earlier `null`.
    let dense = read::<DenseMap<Same>, BTreeMap<String, i32>>(r#"{"a":1,"a":null,"b":null,"b":2}"#)
        .unwrap();
    assert_eq!(dense, BTreeMap::from([("b".to_owned(), 2)]));
    let sparse =
        read::<SparseMap<Same>, BTreeMap<String, Option<i32>>>(r#"{"a":1,"a":null}"#).unwrap();
    assert_eq!(sparse, BTreeMap::from([("a".to_owned(), None)]));
    // A server reads strictly: a `null` where the list or map is not @sparse is malformed.
    let list = runtime::strictly(|| read::<Dense<Same>, Vec<i32>>("[1,null]").unwrap_err());
    assert!(
        list.to_string()
            .contains("null in a list that is not @sparse"),
        "{list}"
    );
    let map = runtime::strictly(|| {
        read::<DenseMap<Same>, BTreeMap<String, i32>>(r#"{"a":null}"#).unwrap_err()
    });
    assert!(
        map.to_string()
            .contains("null in a map that is not @sparse"),
        "{map}"
    );
    // Timestamps are read from borrowed text and name the format they expected.
    let err = read::<Rfc3339, runtime::DateTime>("7").unwrap_err();
    assert!(
        err.to_string()
            .contains("expected an RFC 3339 date-time string"),
        "{err}"
    );
    let err = read::<HttpDate, runtime::DateTime>(r#""yesterday""#).unwrap_err();
    assert!(
        err.to_string().contains("invalid http-date `yesterday`"),
        "{err}"
    );
}

#[test]
fn idempotency_tokens_are_uuid_v4() {
    let token = runtime::new_idempotency_token();
    assert_eq!(token.len(), 36);
    assert_eq!(token.as_bytes()[14], b'4', "{token}");
    assert_ne!(token, runtime::new_idempotency_token());
}

/// A single header value is sent as it is (an ETag's quotes are part of it); only a
/// list's items are quoted when they hold `,` or `"` (spec http-bindings.rst
/// "httpHeader trait").
#[test]
fn header_values_are_quoted_only_as_list_items() {
    use runtime::protocol::RequestBuilder;
    use runtime::{Http, TimestampFormat};
    let mut request = RequestBuilder::new(Http::new("GET", "/", 200));
    let etag = Some("\"v3\"".to_owned());
    let list = Some(vec!["a,b".to_owned(), "\"c\"".to_owned()]);
    request
        .header("ETag", &etag, TimestampFormat::HttpDate)
        .unwrap();
    request
        .header("X-List", &list, TimestampFormat::HttpDate)
        .unwrap();
    let request = request.build("https://example.com").unwrap();
    assert_eq!(request.headers()["etag"], "\"v3\"");
    assert_eq!(request.headers()["x-list"], r#""a,b", "\"c\"""#);
}

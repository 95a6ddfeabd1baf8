//! Scalar wire forms (timestamps, blobs, non-finite floats, documents, big numbers) and the
//! null handling of dense and sparse collections.

use fixtures::collections::PutCollectionsInput;
use fixtures::runtime::{BigDecimal, BigInteger, Blob, DateTime};
use fixtures::scalars::PutScalarsInput;
use serde_json::json;

fn scalars(json: &str) -> PutScalarsInput {
    serde_json::from_str(json).unwrap()
}

// ----- timestamps ----------------------------------------------------------------------

#[test]
fn epoch_seconds_is_the_default_timestamp_format() {
    let input = scalars(r#"{"epoch":1515531081}"#);
    assert_eq!(input.epoch, Some(DateTime::from_secs(1_515_531_081)));
    assert_eq!(
        serde_json::to_string(&input).unwrap(),
        r#"{"epoch":1515531081}"#
    );
}

#[test]
fn epoch_seconds_keep_fractional_seconds() {
    let input = scalars(r#"{"epoch":1515531081.123}"#);
    let t = input.epoch.unwrap();
    assert_eq!((t.secs(), t.subsec_nanos()), (1_515_531_081, 123_000_000));
    assert_eq!(
        serde_json::to_string(&input).unwrap(),
        r#"{"epoch":1515531081.123}"#
    );
}

#[test]
fn epoch_seconds_before_1970() {
    let input = scalars(r#"{"epoch":-1.5}"#);
    let t = input.epoch.unwrap();
    assert_eq!((t.secs(), t.subsec_nanos()), (-2, 500_000_000));
    assert_eq!(serde_json::to_string(&input).unwrap(), r#"{"epoch":-1.5}"#);
}

#[test]
fn epoch_seconds_reject_strings() {
    assert!(serde_json::from_str::<PutScalarsInput>(r#"{"epoch":"1515531081"}"#).is_err());
}

#[test]
fn date_time_member_is_rfc3339() {
    let input = scalars(r#"{"iso":"1985-04-12T23:20:50.52Z"}"#);
    let t = input.iso.unwrap();
    assert_eq!((t.secs(), t.subsec_nanos()), (482_196_050, 520_000_000));
    assert_eq!(
        serde_json::to_string(&input).unwrap(),
        r#"{"iso":"1985-04-12T23:20:50.52Z"}"#
    );
}

#[test]
fn date_time_with_offset_is_normalized_to_utc() {
    let input = scalars(r#"{"iso":"1996-12-19T16:39:57-08:00"}"#);
    assert_eq!(input.iso, Some(DateTime::from_secs(851_042_397)));
    assert_eq!(
        serde_json::to_string(&input).unwrap(),
        r#"{"iso":"1996-12-20T00:39:57Z"}"#
    );
}

#[test]
fn date_time_rejects_epoch_numbers_and_garbage() {
    assert!(serde_json::from_str::<PutScalarsInput>(r#"{"iso":482196050}"#).is_err());
    let err = serde_json::from_str::<PutScalarsInput>(r#"{"iso":"yesterday"}"#).unwrap_err();
    assert!(
        err.to_string().contains("invalid date-time `yesterday`"),
        "{err}"
    );
}

#[test]
fn http_date_member_is_imf_fixdate() {
    let input = scalars(r#"{"httpDate":"Tue, 29 Apr 2014 18:30:38 GMT"}"#);
    assert_eq!(input.http_date, Some(DateTime::from_secs(1_398_796_238)));
    assert_eq!(
        serde_json::to_string(&input).unwrap(),
        r#"{"httpDate":"Tue, 29 Apr 2014 18:30:38 GMT"}"#
    );
}

#[test]
fn http_date_with_milliseconds() {
    let input = scalars(r#"{"httpDate":"Tue, 29 Apr 2014 18:30:38.123 GMT"}"#);
    assert_eq!(
        input.http_date,
        Some(DateTime::from_parts(1_398_796_238, 123_000_000))
    );
    assert_eq!(
        serde_json::to_string(&input).unwrap(),
        r#"{"httpDate":"Tue, 29 Apr 2014 18:30:38.123 GMT"}"#
    );
}

#[test]
fn http_date_rejects_other_formats() {
    assert!(
        serde_json::from_str::<PutScalarsInput>(r#"{"httpDate":"2014-04-29T18:30:38Z"}"#).is_err()
    );
    assert!(serde_json::from_str::<PutScalarsInput>(
        r#"{"httpDate":"Tue, 29 Foo 2014 18:30:38 GMT"}"#
    )
    .is_err());
}

// ----- blobs ---------------------------------------------------------------------------

#[test]
fn blob_is_standard_base64() {
    let input = scalars(r#"{"data":"aGVsbG8gd29ybGQ="}"#);
    assert_eq!(input.data, Some(Blob(b"hello world".to_vec())));
    assert_eq!(
        serde_json::to_string(&input).unwrap(),
        r#"{"data":"aGVsbG8gd29ybGQ="}"#
    );
    let binary = PutScalarsInput {
        data: Some(Blob(vec![0xfb, 0xff, 0x00])),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&binary).unwrap(),
        r#"{"data":"+/8A"}"#
    );
}

#[test]
fn blob_rejects_invalid_base64() {
    assert!(serde_json::from_str::<PutScalarsInput>(r#"{"data":"not base64!"}"#).is_err());
}

// ----- floats --------------------------------------------------------------------------

#[test]
fn non_finite_floats_are_strings_both_ways() {
    let input = scalars(r#"{"ratio":"NaN","precise":"-Infinity"}"#);
    assert!(input.ratio.unwrap().is_nan());
    assert_eq!(input.precise, Some(f64::NEG_INFINITY));
    assert_eq!(
        serde_json::to_string(&input).unwrap(),
        r#"{"ratio":"NaN","precise":"-Infinity"}"#
    );

    let input = PutScalarsInput {
        ratio: Some(f32::INFINITY),
        precise: Some(f64::NAN),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&input).unwrap(),
        r#"{"ratio":"Infinity","precise":"NaN"}"#
    );
}

#[test]
fn finite_floats_are_numbers() {
    let input = scalars(r#"{"ratio":0.5,"precise":-1.25e-3}"#);
    assert_eq!(input.ratio, Some(0.5));
    assert_eq!(input.precise, Some(-0.00125));
    assert_eq!(
        serde_json::to_value(&input).unwrap(),
        json!({ "ratio": 0.5, "precise": -0.00125 })
    );
}

#[test]
fn other_float_strings_are_rejected() {
    let err = serde_json::from_str::<PutScalarsInput>(r#"{"precise":"nan"}"#).unwrap_err();
    assert!(
        err.to_string().contains("expected a number, found `nan`"),
        "{err}"
    );
    assert!(serde_json::from_str::<PutScalarsInput>(r#"{"precise":"1.5"}"#).is_err());
}

// ----- small integers and booleans -----------------------------------------------------

#[test]
fn byte_and_short_are_range_checked_by_the_parser() {
    let input = scalars(r#"{"tiny":-128,"small":32767,"flag":true}"#);
    assert_eq!(
        (input.tiny, input.small, input.flag),
        (Some(-128), Some(32767), Some(true))
    );
    assert!(serde_json::from_str::<PutScalarsInput>(r#"{"tiny":128}"#).is_err());
    assert!(serde_json::from_str::<PutScalarsInput>(r#"{"small":40000}"#).is_err());
}

// ----- documents -----------------------------------------------------------------------

#[test]
fn document_is_any_json_value_kept_as_is() {
    let doc = json!({ "a": [1, "two", null, { "b": true }], "c": 1.5, "d": {} });
    let body = json!({ "doc": doc });
    let input: PutScalarsInput = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(input.doc, Some(doc));
    assert_eq!(serde_json::to_value(&input).unwrap(), body);
    for scalar in [json!("text"), json!(42), json!(false), json!([])] {
        let input: PutScalarsInput = serde_json::from_value(json!({ "doc": scalar })).unwrap();
        assert_eq!(input.doc, Some(scalar));
    }
}

// ----- big numbers ---------------------------------------------------------------------

#[test]
fn big_numbers_within_f64_and_i64_are_json_numbers() {
    let input = scalars(r#"{"big":-9007199254740993,"exact":3.14}"#);
    assert_eq!(input.big, Some(BigInteger("-9007199254740993".to_owned())));
    assert_eq!(input.exact, Some(BigDecimal("3.14".to_owned())));
    assert_eq!(
        serde_json::to_string(&input).unwrap(),
        r#"{"big":-9007199254740993,"exact":3.14}"#
    );
}

#[test]
fn big_number_defaults_are_zero() {
    assert_eq!(BigInteger::default().to_string(), "0");
    assert_eq!(BigDecimal::default().to_string(), "0");
}

// Without serde_json's global `arbitrary_precision` feature, JSON numbers beyond 64-bit
// integers travel through f64. The runtime refuses to round: these are errors, not
// silently changed values.

#[test]
fn big_integer_beyond_64_bits_is_rejected_not_rounded_when_read() {
    let err = serde_json::from_str::<PutScalarsInput>(r#"{"big":123456789012345678901234567890}"#)
        .unwrap_err();
    assert!(
        err.to_string().contains("beyond the range read exactly"),
        "{err}"
    );
}

#[test]
fn big_integer_beyond_64_bits_is_rejected_not_rounded_when_written() {
    let input = PutScalarsInput {
        big: Some(BigInteger("123456789012345678901234567890".to_owned())),
        ..Default::default()
    };
    let err = serde_json::to_string(&input).unwrap_err();
    assert!(err.to_string().contains("more digits than"), "{err}");
}

#[test]
fn big_decimal_with_more_digits_than_f64_holds_is_rejected_not_rounded() {
    let err = serde_json::from_str::<PutScalarsInput>(r#"{"exact":0.12345678901234567890123}"#)
        .unwrap_err();
    assert!(
        err.to_string().contains("beyond the range read exactly"),
        "{err}"
    );
    let input = PutScalarsInput {
        exact: Some(BigDecimal("0.12345678901234567890123".to_owned())),
        ..Default::default()
    };
    assert!(serde_json::to_string(&input).is_err());
}

#[test]
fn big_numbers_read_as_f64_are_kept_where_exact() {
    let input = scalars(r#"{"big":1e15,"exact":-0.000125}"#);
    assert_eq!(input.big, Some(BigInteger("1000000000000000".to_owned())));
    assert_eq!(input.exact, Some(BigDecimal("-0.000125".to_owned())));
}

// ----- dense and sparse collections ----------------------------------------------------

#[test]
fn dense_list_drops_nulls_when_reading() {
    let input: PutCollectionsInput = serde_json::from_str(r#"{"names":["a",null,"b"]}"#).unwrap();
    assert_eq!(input.names, Some(vec!["a".to_owned(), "b".to_owned()]));
    assert_eq!(
        serde_json::to_string(&input).unwrap(),
        r#"{"names":["a","b"]}"#
    );
}

#[test]
fn sparse_list_keeps_nulls_both_ways() {
    let json = r#"{"sparseNames":["a",null,"b"]}"#;
    let input: PutCollectionsInput = serde_json::from_str(json).unwrap();
    assert_eq!(
        input.sparse_names,
        Some(vec![Some("a".to_owned()), None, Some("b".to_owned())])
    );
    assert_eq!(serde_json::to_string(&input).unwrap(), json);
}

#[test]
fn dense_map_drops_null_entries_when_reading() {
    let input: PutCollectionsInput =
        serde_json::from_str(r#"{"counts":{"a":1,"b":null}}"#).unwrap();
    assert_eq!(
        input.counts,
        Some([("a".to_owned(), 1)].into_iter().collect())
    );
    assert_eq!(
        serde_json::to_string(&input).unwrap(),
        r#"{"counts":{"a":1}}"#
    );
}

#[test]
fn sparse_map_keeps_null_values_both_ways() {
    let json = r#"{"sparseCounts":{"a":1,"b":null}}"#;
    let input: PutCollectionsInput = serde_json::from_str(json).unwrap();
    assert_eq!(
        input.sparse_counts,
        Some(
            [("a".to_owned(), Some(1)), ("b".to_owned(), None)]
                .into_iter()
                .collect()
        )
    );
    assert_eq!(serde_json::to_string(&input).unwrap(), json);
}

#[test]
fn nested_dense_collections_drop_nulls_at_every_level() {
    let input: PutCollectionsInput =
        serde_json::from_str(r#"{"nested":[{"x":1,"y":null},null,{}]}"#).unwrap();
    assert_eq!(
        input.nested,
        Some(vec![
            [("x".to_owned(), 1)].into_iter().collect(),
            Default::default()
        ])
    );
    assert_eq!(
        serde_json::to_string(&input).unwrap(),
        r#"{"nested":[{"x":1},{}]}"#
    );
}

#[test]
fn empty_collections_are_kept_distinct_from_unset() {
    let json = r#"{"names":[],"counts":{}}"#;
    let input: PutCollectionsInput = serde_json::from_str(json).unwrap();
    assert_eq!(input.names, Some(vec![]));
    assert_eq!(input.counts, Some(Default::default()));
    assert_eq!(input.sparse_names, None);
    assert_eq!(serde_json::to_string(&input).unwrap(), json);
}

#[test]
fn extreme_epoch_seconds_saturate_instead_of_overflowing() {
    let input = scalars(r#"{"epoch":9223372036854775807.9999999}"#);
    assert_eq!(input.epoch.map(|t| t.secs()), Some(i64::MAX));
    let carried = generated::runtime::DateTime::from_parts(i64::MAX, 1_500_000_000);
    assert_eq!(
        (carried.secs(), carried.subsec_nanos()),
        (i64::MAX, 500_000_000)
    );
    assert!(serde_json::from_str::<PutScalarsInput>(r#"{"epoch":1e400}"#).is_err());
}

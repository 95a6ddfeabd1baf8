//! The rpcv2Cbor body codec (feature `cbor`): bodies from the Smithy RPC v2 CBOR
//! compliance suite (`smithy/rpcv2Cbor/*.smithy`, their base64 `body` fields) read into
//! types shaped as the generator writes them, the binary forms of the scalars, errors
//! located by JSON pointer, and hostile input refused without panics or big allocations.
#![cfg(feature = "cbor")]

use std::collections::BTreeMap;

use runtime::cbor::{from_slice, to_vec, CborError, MAX_DEPTH};
use runtime::{BigDecimal, BigInteger, Blob, DateTime};
use serde::{Deserialize, Serialize};

fn body(base64: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(base64)
        .unwrap()
}

/// `SimpleScalarStructure` of the suite, with the members as the generator writes them.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SimpleScalars {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    true_boolean_value: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    false_boolean_value: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    byte_value: Option<i8>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "runtime::Via::<runtime::OptionOf<runtime::Float>>"
    )]
    double_value: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "runtime::Via::<runtime::OptionOf<runtime::Float>>"
    )]
    float_value: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    integer_value: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    long_value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    short_value: Option<i16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    string_value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    blob_value: Option<Blob>,
}

fn simple_scalars() -> SimpleScalars {
    SimpleScalars {
        true_boolean_value: Some(true),
        false_boolean_value: Some(false),
        byte_value: Some(5),
        double_value: Some(1.889),
        float_value: Some(7.625),
        integer_value: Some(256),
        long_value: Some(9873),
        short_value: Some(9898),
        string_value: Some("simple".to_owned()),
        blob_value: Some(Blob(b"foo".to_vec())),
    }
}

#[test]
fn simple_scalars_in_definite_and_indefinite_maps() {
    // RpcV2CborSimpleScalarProperties (an indefinite map), …UsingDefiniteLength (a
    // definite one), …UsingIndefiniteLength (keys and a value in chunks).
    for encoded in [
        "v2lieXRlVmFsdWUFa2RvdWJsZVZhbHVl+z/+OVgQYk3TcWZhbHNlQm9vbGVhblZhbHVl9GpmbG9hdFZhbHVl+kD0AABsaW50ZWdlclZhbHVlGQEAaWxvbmdWYWx1ZRkmkWpzaG9ydFZhbHVlGSaqa3N0cmluZ1ZhbHVlZnNpbXBsZXB0cnVlQm9vbGVhblZhbHVl9WlibG9iVmFsdWVDZm9v/w==",
        "qXB0cnVlQm9vbGVhblZhbHVl9XFmYWxzZUJvb2xlYW5WYWx1ZfRpYnl0ZVZhbHVlBWtkb3VibGVWYWx1Zfs//jlYEGJN02pmbG9hdFZhbHVl+kD0AABsaW50ZWdlclZhbHVlGQEAanNob3J0VmFsdWUZJqprc3RyaW5nVmFsdWVmc2ltcGxlaWJsb2JWYWx1ZUNmb28=",
        "qmlieXRlVmFsdWUFf2Zkb3VibGVlVmFsdWX/+z/+OVgQYk3Tf2VmYWxzZWdCb29sZWFuZVZhbHVl//RqZmxvYXRWYWx1ZfpA9AAAbGludGVnZXJWYWx1ZRkBAGlsb25nVmFsdWUZJpFqc2hvcnRWYWx1ZRkmqn9mc3RyaW5nZVZhbHVl/2ZzaW1wbGVwdHJ1ZUJvb2xlYW5WYWx1ZfVpYmxvYlZhbHVlQ2Zvbw==",
    ] {
        let read: SimpleScalars = from_slice(&body(encoded)).unwrap();
        let mut expected = simple_scalars();
        if read.long_value.is_none() {
            // …UsingDefiniteLength has no `longValue`.
            expected.long_value = None;
        }
        assert_eq!(read, expected, "{encoded}");
    }
}

#[test]
fn unknown_members_are_skipped_whatever_their_form() {
    // RpcV2CborExtraFieldsInTheBodyShouldBeSkippedByServers: nested indefinite maps,
    // arrays and chunked strings under an unknown key.
    let read: SimpleScalars = from_slice(&body("v2lieXRlVmFsdWUFa2RvdWJsZVZhbHVl+z/+OVgQYk3TcWZhbHNlQm9vbGVhblZhbHVl9GpmbG9hdFZhbHVl+kD0AABrZXh0cmFPYmplY3S/c2luZGVmaW5pdGVMZW5ndGhNYXC/a3dpdGhBbkFycmF5nwECA///cWRlZmluaXRlTGVuZ3RoTWFwo3J3aXRoQURlZmluaXRlQXJyYXmDAQIDeB1hbmRTb21lSW5kZWZpbml0ZUxlbmd0aFN0cmluZ3gfdGhhdCBoYXMsIGJlZW4gY2h1bmtlZCBvbiBjb21tYWxub3JtYWxTdHJpbmdjZm9vanNob3J0VmFsdWUZJw9uc29tZU90aGVyRmllbGR2dGhpcyBzaG91bGQgYmUgc2tpcHBlZP9saW50ZWdlclZhbHVlGQEAaWxvbmdWYWx1ZRkmkWpzaG9ydFZhbHVlGSaqa3N0cmluZ1ZhbHVlZnNpbXBsZXB0cnVlQm9vbGVhblZhbHVl9WlibG9iVmFsdWVDZm9v/w==")).unwrap();
    assert_eq!(read, simple_scalars());
}

#[test]
fn narrower_numbers_widen_and_float16_reads() {
    // RpcV2CborSupportsUpcastingData: float16 into double and float, 1- and 2-byte
    // integers into int and long.
    let read: SimpleScalars = from_slice(&body(
        "v2tkb3VibGVWYWx1Zfk+AGpmbG9hdFZhbHVl+UegbGludGVnZXJWYWx1ZRg4aWxvbmdWYWx1ZRkBAGpzaG9ydFZhbHVlCv8=",
    ))
    .unwrap();
    assert_eq!(
        read,
        SimpleScalars {
            double_value: Some(1.5),
            float_value: Some(7.625),
            integer_value: Some(56),
            long_value: Some(256),
            short_value: Some(10),
            ..SimpleScalars::default()
        }
    );
}

#[derive(Debug, Deserialize)]
struct Float16Output {
    #[serde(default, with = "runtime::Via::<runtime::OptionOf<runtime::Float>>")]
    value: Option<f64>,
}

#[test]
fn float16_special_values_and_subnormals() {
    // RpcV2CborFloat16Inf, …NegInf, …LSBNaN, …MSBNaN, …Subnormal.
    let value = |b64: &str| {
        from_slice::<Float16Output>(&body(b64))
            .unwrap()
            .value
            .unwrap()
    };
    assert_eq!(value("oWV2YWx1Zfl8AA=="), f64::INFINITY);
    assert_eq!(value("oWV2YWx1Zfn8AA=="), f64::NEG_INFINITY);
    assert!(value("oWV2YWx1Zfl8AQ==").is_nan());
    assert!(value("oWV2YWx1Zfl+AA==").is_nan());
    assert_eq!(value("oWV2YWx1ZfkAUA=="), 0.000_004_768_371_582_031_25);
}

#[test]
fn non_finite_floats_are_native_floats_both_ways() {
    // RpcV2CborSupportsNaNFloatInputs / …InfinityFloatInputs / …NegativeInfinity….
    let read: SimpleScalars = from_slice(&body(
        "v2tkb3VibGVWYWx1Zft/8AAAAAAAAGpmbG9hdFZhbHVl+n+AAAD/",
    ))
    .unwrap();
    assert_eq!(read.double_value, Some(f64::INFINITY));
    assert_eq!(read.float_value, Some(f32::INFINITY));
    let read: SimpleScalars = from_slice(&body(
        "v2tkb3VibGVWYWx1Zft/+AAAAAAAAGpmbG9hdFZhbHVl+n/AAAD/",
    ))
    .unwrap();
    assert!(read.double_value.unwrap().is_nan() && read.float_value.unwrap().is_nan());
    let written = to_vec(&SimpleScalars {
        double_value: Some(f64::NEG_INFINITY),
        float_value: Some(f32::NEG_INFINITY),
        ..SimpleScalars::default()
    })
    .unwrap();
    // A definite map of 2: `doubleValue` as a double (0xfb), `floatValue` as a float (0xfa).
    let mut expected = vec![0xa2, 0x6b];
    expected.extend(b"doubleValue");
    expected.extend([0xfb, 0xff, 0xf0, 0, 0, 0, 0, 0, 0, 0x6a]);
    expected.extend(b"floatValue");
    expected.extend([0xfa, 0xff, 0x80, 0, 0]);
    assert_eq!(written, expected);
}

#[test]
fn chunked_strings_and_bytes_are_joined() {
    // RpcV2CborIndefiniteLengthStringsCanBeDeserialized, …ByteStrings….
    let read: SimpleScalars = from_slice(&body(
        "oWtzdHJpbmdWYWx1ZX94HUFuIGV4YW1wbGUgaW5kZWZpbml0ZSBzdHJpbmcscSBjaHVua2VkIG9uIGNvbW1h/w==",
    ))
    .unwrap();
    assert_eq!(
        read.string_value.as_deref(),
        Some("An example indefinite string, chunked on comma")
    );
    let read: SimpleScalars = from_slice(&body(
        "oWlibG9iVmFsdWVfWCJBbiBleGFtcGxlIGluZGVmaW5pdGUtYnl0ZSBzdHJpbmcsUSBjaHVua2VkIG9uIGNvbW1h/w==",
    ))
    .unwrap();
    assert_eq!(
        read.blob_value.unwrap().as_bytes(),
        b"An example indefinite-byte string, chunked on comma"
    );
}

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Lists {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "runtime::Via::<runtime::OptionOf<runtime::Dense<runtime::Same>>>"
    )]
    string_list: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    integer_list: Option<Vec<i32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    timestamp_list: Option<Vec<DateTime>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    nested_string_list: Option<Vec<Vec<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    blob_list: Option<Vec<Blob>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "runtime::Via::<runtime::OptionOf<runtime::Sparse<runtime::Same>>>"
    )]
    sparse_string_list: Option<Vec<Option<String>>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "runtime::Via::<runtime::OptionOf<runtime::SparseMap<runtime::Same>>>"
    )]
    sparse_string_map: Option<BTreeMap<String, Option<String>>>,
}

#[test]
fn lists_definite_and_indefinite_with_tagged_timestamps() {
    // RpcV2CborLists, as a request (definite arrays) and as a response (indefinite).
    let expected = Lists {
        string_list: Some(vec!["foo".into(), "bar".into()]),
        integer_list: Some(vec![1, 2]),
        timestamp_list: Some(vec![DateTime::from_secs(1_398_796_238); 2]),
        nested_string_list: Some(vec![
            vec!["foo".into(), "bar".into()],
            vec!["baz".into(), "qux".into()],
        ]),
        blob_list: Some(vec![Blob(b"foo".to_vec()), Blob(b"bar".to_vec())]),
        ..Lists::default()
    };
    for encoded in [
        "v2pzdHJpbmdMaXN0gmNmb29jYmFyaXN0cmluZ1NldIJjZm9vY2JhcmtpbnRlZ2VyTGlzdIIBAmtib29sZWFuTGlzdIL19G10aW1lc3RhbXBMaXN0gsH7QdTX+/OAAADB+0HU1/vzgAAAaGVudW1MaXN0gmNGb29hMGtpbnRFbnVtTGlzdIIBAnBuZXN0ZWRTdHJpbmdMaXN0goJjZm9vY2JhcoJjYmF6Y3F1eG1zdHJ1Y3R1cmVMaXN0gqJhYWExYWJhMqJhYWEzYWJhNGhibG9iTGlzdIJDZm9vQ2Jhcv8=",
        "v2pzdHJpbmdMaXN0n2Nmb29jYmFy/2lzdHJpbmdTZXSfY2Zvb2NiYXL/a2ludGVnZXJMaXN0nwEC/2tib29sZWFuTGlzdJ/19P9tdGltZXN0YW1wTGlzdJ/B+0HU1/vzgAAAwftB1Nf784AAAP9oZW51bUxpc3SfY0Zvb2Ew/2tpbnRFbnVtTGlzdJ8BAv9wbmVzdGVkU3RyaW5nTGlzdJ+fY2Zvb2NiYXL/n2NiYXpjcXV4//9tc3RydWN0dXJlTGlzdJ+/YWFhMWFiYTL/v2FhYTNhYmE0//9oYmxvYkxpc3SfQ2Zvb0NiYXL//w==",
    ] {
        assert_eq!(from_slice::<Lists>(&body(encoded)).unwrap(), expected);
    }
    // RpcV2CborIndefiniteStringInsideIndefiniteList.
    let read: Lists = from_slice(&body("v2pzdHJpbmdMaXN0n394HUFuIGV4YW1wbGUgaW5kZWZpbml0ZSBzdHJpbmcsdyB3aGljaCB3aWxsIGJlIGNodW5rZWQsbiBvbiBlYWNoIGNvbW1h/394NUFub3RoZXIgZXhhbXBsZSBpbmRlZmluaXRlIHN0cmluZyB3aXRoIG9ubHkgb25lIGNodW5r/3ZUaGlzIGlzIGEgcGxhaW4gc3RyaW5n//8=")).unwrap();
    assert_eq!(
        read.string_list.unwrap(),
        [
            "An example indefinite string, which will be chunked, on each comma",
            "Another example indefinite string with only one chunk",
            "This is a plain string",
        ]
    );
}

#[test]
fn sparse_nulls_are_kept() {
    // RpcV2CborSparseListsDeserializeNull, RpcV2CborSparseMapsDeserializeNullValues.
    let read: Lists = from_slice(&body("v3BzcGFyc2VTdHJpbmdMaXN0n/b//w==")).unwrap();
    assert_eq!(read.sparse_string_list, Some(vec![None]));
    let read: Lists = from_slice(&body("v29zcGFyc2VTdHJpbmdNYXC/Y2Zvb/b//w==")).unwrap();
    assert_eq!(
        read.sparse_string_map,
        Some(BTreeMap::from([("foo".to_owned(), None)]))
    );
    // Written back, the same items (definite lengths where the suite's are indefinite).
    let written = to_vec(&read).unwrap();
    assert_eq!(from_slice::<Lists>(&written).unwrap(), read);
    // RpcV2CborServerDoesntDeSerializeNullStructureValues: a null member is not set, and
    // `undefined` reads as null (spec).
    let read: SimpleScalars = from_slice(&body("v2tzdHJpbmdWYWx1Zfb/")).unwrap();
    assert_eq!(read, SimpleScalars::default());
    let read: SimpleScalars = from_slice(&[
        0xa1, 0x6b, b's', b't', b'r', b'i', b'n', b'g', b'V', b'a', b'l', b'u', b'e', 0xf7,
    ])
    .unwrap();
    assert_eq!(read, SimpleScalars::default());
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Times {
    #[serde(default)]
    datetime: Option<DateTime>,
    #[serde(default, with = "runtime::Via::<runtime::OptionOf<runtime::Rfc3339>>")]
    iso: Option<DateTime>,
}

#[test]
fn timestamps_are_tag_1_epoch_seconds_whatever_their_format() {
    // RpcV2CborDateTimeWithFractionalSeconds: tag 1 around a double.
    let read: Times = from_slice(&body("v2hkYXRldGltZcH7Qcw32zgPvnf/")).unwrap();
    assert_eq!(
        read.datetime,
        Some(DateTime::from_parts(946_845_296, 123_000_000))
    );
    // `@timestampFormat` is ignored: tag 1 and an integer for whole seconds.
    let times = Times {
        datetime: Some(DateTime::from_parts(1, 500_000_000)),
        iso: Some(DateTime::from_secs(1_398_796_238)),
    };
    let written = to_vec(&times).unwrap();
    let mut expected = vec![0xa2, 0x68];
    expected.extend(b"datetime");
    expected.extend([0xc1, 0xfb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0, 0x63]);
    expected.extend(b"iso");
    // Whole seconds too are a double (the compliance suite's form).
    expected.extend([0xc1, 0xfb, 0x41, 0xd4, 0xd7, 0xfb, 0xf3, 0x80, 0x00, 0x00]);
    assert_eq!(written, expected);
    assert_eq!(from_slice::<Times>(&written).unwrap(), times);
    // Untagged epoch seconds are accepted; another tag is not.
    let read: Times = from_slice(&[0xa1, 0x63, b'i', b's', b'o', 0x18, 0x2a]).unwrap();
    assert_eq!(read.iso, Some(DateTime::from_secs(42)));
    let err = from_slice::<Times>(&[0xa1, 0x63, b'i', b's', b'o', 0xc0, 0x18, 0x2a]).unwrap_err();
    assert_eq!(err.pointer(), "/iso");
    assert!(err.message().contains("tag 0"), "{err}");
}

#[test]
fn big_numbers_are_integers_bignums_and_decimal_fractions() {
    let cases = [
        (BigInteger("42".into()), vec![0x18, 0x2a]),
        (BigInteger("-1".into()), vec![0x20]),
        // 2^64: tag 2 around 9 bytes.
        (
            BigInteger("18446744073709551616".into()),
            vec![0xc2, 0x49, 1, 0, 0, 0, 0, 0, 0, 0, 0],
        ),
        // -2^64 - 1: tag 3 around 2^64.
        (
            BigInteger("-18446744073709551617".into()),
            vec![0xc3, 0x49, 1, 0, 0, 0, 0, 0, 0, 0, 0],
        ),
    ];
    for (value, encoded) in cases {
        assert_eq!(to_vec(&value).unwrap(), encoded, "{value}");
        assert_eq!(from_slice::<BigInteger>(&encoded).unwrap(), value);
    }
    // 273.15 is 27315 × 10^-2 (RFC 8949 §3.4.4's example): tag 4 around [-2, 27315].
    let encoded = [0xc4, 0x82, 0x21, 0x19, 0x6a, 0xb3];
    assert_eq!(to_vec(&BigDecimal("273.15".into())).unwrap(), encoded);
    assert_eq!(from_slice::<BigDecimal>(&encoded).unwrap().0, "273.15");
    let huge = BigDecimal("-1234567890123456789012345678901234567890.5".into());
    assert_eq!(
        from_slice::<BigDecimal>(&to_vec(&huge).unwrap()).unwrap(),
        huge
    );
    // Text is not a number here, and a bigInteger takes no decimal fraction.
    assert!(from_slice::<BigInteger>(&[0x62, b'4', b'2']).is_err());
    assert!(from_slice::<BigInteger>(&encoded).is_err());
    let err = to_vec(&BigInteger("12a".into())).unwrap_err();
    assert!(err.message().contains("not an integer"), "{err}");
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Page {
    items: Vec<Item>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Item {
    name: String,
    #[serde(default)]
    size: Option<i8>,
}

/// `{"items": [{"name": "a"}, …, {"name": n, "size": size}]}` with `bad` as the last
/// item's size, at index 3.
fn page_with(bad: &[u8]) -> Vec<u8> {
    let mut out = vec![0xa1, 0x65];
    out.extend(b"items");
    out.push(0x84);
    for _ in 0..3 {
        out.extend([0xa1, 0x64]);
        out.extend(b"name");
        out.extend([0x61, b'a']);
    }
    out.extend([0xa2, 0x64]);
    out.extend(b"name");
    out.extend([0x61, b'b', 0x64]);
    out.extend(b"size");
    out.extend(bad);
    out
}

#[test]
fn errors_say_where_and_what() {
    let err = from_slice::<Page>(&page_with(&[0x19, 0x01, 0x2c])).unwrap_err();
    assert_eq!(err.pointer(), "/items/3/size");
    assert!(err.message().contains("300"), "{err}");
    assert!(err.to_string().contains("at `/items/3/size`"), "{err}");
    let err = from_slice::<Page>(&page_with(&[0x62, b'x', b'y'])).unwrap_err();
    assert_eq!(err.pointer(), "/items/3/size");
    assert!(err.message().contains("invalid type: string"), "{err}");
    // A missing member is reported at its structure; truncation where it happened.
    let err =
        from_slice::<Page>(&[0xa1, 0x65, b'i', b't', b'e', b'm', b's', 0x81, 0xa0]).unwrap_err();
    assert_eq!(err.pointer(), "/items/0");
    assert!(err.message().contains("missing field `name`"), "{err}");
    let full = page_with(&[0x01]);
    let err = from_slice::<Page>(&full[..full.len() - 1]).unwrap_err();
    assert_eq!(err.pointer(), "/items/3/size");
    assert!(err.message().contains("end of input"), "{err}");
    // Bytes after the item.
    let mut trailing = full.clone();
    trailing.push(0x00);
    let err = from_slice::<Page>(&trailing).unwrap_err();
    assert_eq!((err.pointer(), err.offset()), ("", full.len()));
}

#[test]
fn malformed_items_are_errors() {
    for bad in [
        &[0x1c][..],         // reserved additional information
        &[0xff],             // a break outside an indefinite item
        &[0xf8, 0x20],       // an unassigned simple value
        &[0x7f, 0x01, 0xff], // a chunk that is not text in an indefinite string
        &[0x62, 0xff, 0xfe], // text that is not UTF-8
        &[0x9f, 0x01],       // an indefinite array that never ends
        &[0x81, 0xff],       // a break in a definite array
        &[],                 // nothing
    ] {
        let err = from_slice::<serde::de::IgnoredAny>(bad);
        assert!(err.is_err(), "{bad:02x?}");
        let err = from_slice::<Vec<i32>>(bad);
        assert!(err.is_err(), "{bad:02x?}");
    }
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    // 100,000 nested arrays, definite and indefinite, and as many tags.
    for open in [0x81u8, 0x9f] {
        let deep = vec![open; 100_000];
        let err: CborError = from_slice::<serde_json::Value>(&deep).unwrap_err();
        assert!(err.message().contains("nesting deeper than"), "{err}");
        // Skipped as an unknown member, nesting costs no stack either.
        let mut member = vec![0xa1, 0x61, b'x'];
        member.extend(&deep);
        assert!(from_slice::<SimpleScalars>(&member).is_err());
    }
    let nested = |depth: usize| {
        let mut v = vec![0x81; depth];
        v.push(0x00);
        v
    };
    assert!(from_slice::<serde_json::Value>(&nested(MAX_DEPTH)).is_ok());
    assert!(from_slice::<serde_json::Value>(&nested(MAX_DEPTH + 1)).is_err());
    // Tags inside a tag are read through in a loop, not recursively.
    let mut tags = vec![0xc1; 100_000];
    tags.push(0x00);
    assert_eq!(
        from_slice::<DateTime>(&tags).unwrap(),
        DateTime::from_secs(0)
    );
}

#[test]
fn huge_length_prefixes_allocate_nothing() {
    // Claims of 2^64 - 1 elements, entries and bytes with a few bytes of body: the
    // error comes at the end of the input, and no allocation of the claimed size is
    // tried (that would abort the test process).
    for claim in [0x9b, 0xbb, 0x5b, 0x7b] {
        let mut body = vec![claim];
        body.extend([0xff; 8]);
        body.extend([0x00; 4]);
        assert!(from_slice::<Vec<u8>>(&body).is_err());
        assert!(from_slice::<BTreeMap<String, u8>>(&body).is_err());
        assert!(from_slice::<serde_json::Value>(&body).is_err());
        assert!(from_slice::<Blob>(&body).is_err());
        assert!(from_slice::<serde::de::IgnoredAny>(&body).is_err());
    }
}

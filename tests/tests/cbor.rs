//! The generated types through the rpcv2Cbor body codec (`runtime::cbor`, feature `cbor`):
//! every scalar, lists and maps (dense and sparse), unions, enums, recursion and required
//! members round-trip, with their binary forms on the wire (byte strings, tag 1
//! timestamps, native floats), and a wrong member is reported where it is.

use std::collections::BTreeMap;

use fixtures::collections::PutCollectionsInput;
use fixtures::enums::{Color, LegacyShade, Level, SetColorInput, SetColorOutput};
use fixtures::runtime::cbor::{from_slice, to_vec};
use fixtures::runtime::{BigDecimal, BigInteger, Blob, DateTime};
use fixtures::scalars::PutScalarsInput;
use fixtures::structures::{Dimensions, PutWidgetOutput, Widget};
use fixtures::unions::{Content, Link, SendMessageInput};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::json;

fn round_trip<T: Serialize + DeserializeOwned>(value: &T) -> T {
    let bytes = to_vec(value).expect("serializes");
    from_slice(&bytes).expect("reads back")
}

/// Whether `needle` occurs in `bytes`.
fn contains(bytes: &[u8], needle: &[u8]) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn every_scalar_round_trips_in_its_binary_form() {
    let input = PutScalarsInput {
        epoch: Some(DateTime::from_parts(1_515_531_081, 123_000_000)),
        iso: Some(DateTime::from_secs(482_196_050)),
        http_date: Some(DateTime::from_secs(1_398_796_238)),
        data: Some(Blob(b"\x00\xffhello".to_vec())),
        big: Some(BigInteger(
            "-340282366920938463463374607431768211457".to_owned(),
        )),
        exact: Some(BigDecimal("3.14".to_owned())),
        ratio: Some(f32::NAN),
        precise: Some(f64::NEG_INFINITY),
        tiny: Some(-128),
        small: Some(32_767),
        flag: Some(true),
        doc: None,
    };
    let bytes = to_vec(&input).unwrap();
    // The blob is a byte string (0x47: 7 bytes), not base64 text.
    assert!(contains(&bytes, b"\x47\x00\xffhello"));
    // `iso` (`@timestampFormat("date-time")`) is tag 1 around epoch seconds (a double,
    // the compliance suite's form), not text.
    assert!(contains(
        &bytes,
        b"iso\xc1\xfb\x41\xbc\xbd\xba\x52\x00\x00\x00"
    ));
    // `precise` is a native -Infinity, not the string "-Infinity".
    assert!(contains(&bytes, b"precise\xfb\xff\xf0\0\0\0\0\0\0"));
    assert!(!contains(&bytes, b"Infinity"));
    let back: PutScalarsInput = from_slice(&bytes).unwrap();
    assert!(back.ratio.is_some_and(f32::is_nan));
    assert_eq!(
        PutScalarsInput {
            ratio: None,
            ..back
        },
        PutScalarsInput {
            ratio: None,
            ..input
        }
    );
}

#[test]
fn lists_and_maps_dense_sparse_and_nested_round_trip() {
    let input = PutCollectionsInput {
        names: Some(vec!["a".to_owned(), "b".to_owned()]),
        sparse_names: Some(vec![Some("x".to_owned()), None]),
        counts: Some(BTreeMap::from([
            ("one".to_owned(), 1),
            ("two".to_owned(), 2),
        ])),
        sparse_counts: Some(BTreeMap::from([
            ("none".to_owned(), None),
            ("n".to_owned(), Some(-7)),
        ])),
        nested: Some(vec![BTreeMap::new(), BTreeMap::from([("k".to_owned(), 3)])]),
    };
    let bytes = to_vec(&input).unwrap();
    // The sparse list keeps its null (0xf6).
    assert!(contains(&bytes, b"sparseNames\x82\x61x\xf6"));
    assert_eq!(from_slice::<PutCollectionsInput>(&bytes).unwrap(), input);
}

#[test]
fn unions_round_trip_and_still_want_one_member() {
    for content in [
        Content::Text("hello".to_owned()),
        Content::Bytes(Blob(b"\x00\xffbytes".to_vec())),
        Content::Link(Link::new("https://example.com".to_owned())),
        Content::Nothing,
    ] {
        let input = SendMessageInput::new(content);
        assert_eq!(round_trip(&input), input);
    }
    // `{"content": {"text": "a", "nothing": {}}}`
    let two = [
        0xa1, 0x67, b'c', b'o', b'n', b't', b'e', b'n', b't', 0xa2, 0x64, b't', b'e', b'x', b't',
        0x61, b'a', 0x67, b'n', b'o', b't', b'h', b'i', b'n', b'g', 0xa0,
    ];
    let err = from_slice::<SendMessageInput>(&two).unwrap_err();
    assert_eq!(err.pointer(), "/content");
    assert!(err.message().contains("found several"), "{err}");
}

#[test]
fn enums_round_trip_known_and_unknown_values() {
    let mut input = SetColorInput::new(Color::Blue);
    input.level = Some(Level::High);
    input.legacy = Some(LegacyShade::Dark);
    assert_eq!(round_trip(&input), input);
    let output: SetColorOutput =
        serde_json::from_value(json!({ "colors": ["RED", "ULTRAVIOLET"] })).unwrap();
    let back = round_trip(&output);
    assert_eq!(back, output);
    assert!(matches!(&back.colors.unwrap()[1], Color::Unknown(v) if v.as_str() == "ULTRAVIOLET"));
    assert_eq!(round_trip(&Level::from(7)).as_i32(), 7);
}

#[test]
fn structures_with_required_members_and_nesting() {
    let mut widget = Widget::new("gear".to_owned());
    widget.size = Some(-12);
    widget.tags = vec!["metal".to_owned()];
    widget.dimensions = Some(Dimensions {
        width: Some(1.5),
        height: Some(f64::INFINITY),
    });
    let output = PutWidgetOutput::new(widget);
    assert_eq!(round_trip(&output), output);
    // A required member missing, and a member of the wrong type, are located.
    let err =
        from_slice::<PutWidgetOutput>(&[0xa1, 0x66, b'w', b'i', b'd', b'g', b'e', b't', 0xa0])
            .unwrap_err();
    assert_eq!(err.pointer(), "/widget");
    assert!(err.message().contains("missing field `name`"), "{err}");
    let mut bytes = to_vec(&output).unwrap();
    let at = bytes.windows(4).position(|w| w == b"gear").unwrap();
    bytes[at - 1] = 0x44; // text of 4 → bytes of 4
    let err = from_slice::<PutWidgetOutput>(&bytes).unwrap_err();
    assert_eq!(err.pointer(), "/widget/name");
    assert!(err.message().contains("invalid type: byte array"), "{err}");
}

#[test]
fn the_json_forms_do_not_move() {
    // The restJson1 body form is the types' human-readable serde form, untouched.
    let input = PutScalarsInput {
        iso: Some(DateTime::from_secs(0)),
        data: Some(Blob(b"hi".to_vec())),
        precise: Some(f64::NAN),
        big: Some(BigInteger("12".to_owned())),
        ..PutScalarsInput::default()
    };
    assert_eq!(
        serde_json::to_value(&input).unwrap(),
        json!({ "iso": "1970-01-01T00:00:00Z", "data": "aGk=", "precise": "NaN", "big": 12 })
    );
}

#[test]
fn json_values_write_their_numbers_as_numbers() {
    // This crate is built with codegen, which turns on serde_json's `arbitrary_precision`:
    // a `serde_json::Number` then serializes as a private one-field struct, which the
    // CBOR writer must still write as the number (an unknown union member's value is a
    // `serde_json::Value`).
    let value = json!({ "a": 1, "b": -2, "c": 1.5 });
    let bytes = to_vec(&value).unwrap();
    assert_eq!(
        bytes,
        [
            0xa3, 0x61, b'a', 0x01, 0x61, b'b', 0x21, 0x61, b'c', 0xfb, 0x3f, 0xf8, 0, 0, 0, 0, 0,
            0
        ]
    );
    assert_eq!(from_slice::<serde_json::Value>(&bytes).unwrap(), value);
}

#[test]
fn ciborium_reads_what_the_codec_writes() {
    // Another CBOR reader, with no knowledge of the tag convention, reads the tagged
    // timestamps, decimal fraction and byte strings into the same types.
    let input = PutScalarsInput {
        epoch: Some(DateTime::from_parts(1_515_531_081, 500_000_000)),
        iso: Some(DateTime::from_secs(482_196_050)),
        data: Some(Blob(b"\x00\xff".to_vec())),
        big: Some(BigInteger("-42".to_owned())),
        exact: Some(BigDecimal("3.14".to_owned())),
        precise: Some(f64::INFINITY),
        ..PutScalarsInput::default()
    };
    let bytes = to_vec(&input).unwrap();
    let back: PutScalarsInput = ciborium::from_reader(bytes.as_slice()).unwrap();
    assert_eq!(back, input);
}

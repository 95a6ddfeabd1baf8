//! The generated types are plain serde types: besides JSON they round-trip through any
//! self-describing format. CBOR (ciborium) stands in for "another format" here: unions,
//! big numbers, timestamps, blobs and enums are read with serde visitors, not through
//! `serde_json::Value`, so nothing JSON-specific is needed on the way.

use fixtures::enums::{Color, LegacyShade, Level, SetColorInput, SetColorOutput};
use fixtures::runtime::{BigDecimal, BigInteger, Blob, DateTime};
use fixtures::scalars::PutScalarsInput;
use fixtures::unions::{Content, Link, SendMessageInput};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::json;

fn cbor<T: Serialize + DeserializeOwned>(value: &T) -> T {
    let mut bytes = Vec::new();
    ciborium::into_writer(value, &mut bytes).unwrap();
    ciborium::from_reader(bytes.as_slice()).unwrap()
}

#[test]
fn unions_round_trip_through_cbor() {
    for content in [
        Content::Text("hello".to_owned()),
        Content::Bytes(Blob(b"\x00\xffbytes".to_vec())),
        Content::Link(Link::new("https://example.com".to_owned())),
        Content::Nothing,
        // An unknown member, as read from JSON, is kept and carried on.
        serde_json::from_value(json!({ "video": { "codec": "av1", "frames": [1, 2] } })).unwrap(),
    ] {
        let input = SendMessageInput::new(content);
        assert_eq!(cbor(&input), input);
    }
}

#[test]
fn a_union_read_from_cbor_still_wants_exactly_one_member() {
    let mut bytes = Vec::new();
    ciborium::into_writer(&json!({ "text": "a", "nothing": {} }), &mut bytes).unwrap();
    let err = ciborium::from_reader::<Content, _>(bytes.as_slice()).unwrap_err();
    assert!(err.to_string().contains("found several"), "{err}");
}

#[test]
fn cbor_byte_strings_read_as_blobs_even_inside_unions() {
    // A CBOR producer writes binary data as a byte string, which no JSON value can hold:
    // reading the union member straight from the format is what makes this work.
    use ciborium::Value;
    let mut bytes = Vec::new();
    let union = Value::Map(vec![(
        Value::Text("bytes".to_owned()),
        Value::Bytes(vec![0, 255]),
    )]);
    ciborium::into_writer(&union, &mut bytes).unwrap();
    let content: Content = ciborium::from_reader(bytes.as_slice()).unwrap();
    assert_eq!(content, Content::Bytes(Blob(vec![0, 255])));
}

#[test]
fn scalars_round_trip_through_cbor() {
    let input = PutScalarsInput {
        epoch: Some(DateTime::from_parts(1_515_531_081, 123_000_000)),
        iso: Some(DateTime::from_secs(482_196_050)),
        http_date: Some(DateTime::from_secs(1_398_796_238)),
        data: Some(Blob(b"hello world".to_vec())),
        big: Some(BigInteger("-9007199254740993".to_owned())),
        exact: Some(BigDecimal("3.14".to_owned())),
        ratio: Some(f32::NAN),
        precise: Some(f64::NEG_INFINITY),
        doc: Some(json!({ "a": [1, "two", null] })),
        ..Default::default()
    };
    let back = cbor(&input);
    // NaN is not equal to itself: compare it apart.
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
fn enums_round_trip_through_cbor() {
    let mut input = SetColorInput::new(Color::Blue);
    input.level = Some(Level::High);
    input.legacy = Some(LegacyShade::Dark);
    assert_eq!(cbor(&input), input);
    // Unknown values, as read, are kept.
    let output: SetColorOutput =
        serde_json::from_value(json!({ "colors": ["RED", "ULTRAVIOLET"] })).unwrap();
    let back = cbor(&output);
    assert_eq!(back, output);
    assert!(matches!(&back.colors.unwrap()[1], Color::Unknown(v) if v.as_str() == "ULTRAVIOLET"));
    let level: Level = cbor(&Level::from(7));
    assert_eq!(level.as_i32(), 7);
}

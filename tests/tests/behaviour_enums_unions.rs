//! Forward-compatible enums and unions: known values, unknown values kept and written back
//! unchanged, the conversions, and each union member's JSON form.

use fixtures::enums::{Color, LegacyShade, Level, SetColorInput, SetColorOutput};
use fixtures::runtime::Blob;
use fixtures::unions::{Content, Link, SendMessageInput};
use serde_json::json;

/// The `Unknown` value `$value` of enum `$ty`, as reading it makes one (an unknown value
/// has no public constructor); fails if `$value` is a listed value.
macro_rules! unknown {
    ($ty:ident, $value:expr) => {{
        let value = $ty::from($value);
        assert!(matches!(value, $ty::Unknown(_)), "{value:?} is listed");
        value
    }};
}

/// The name and value of an unknown union member.
fn unknown_member(content: &Content) -> (&str, &serde_json::Value) {
    match content {
        Content::Unknown(u) => (u.name(), u.value()),
        other => panic!("expected Unknown, got {other:?}"),
    }
}

// ----- string enums --------------------------------------------------------------------

#[test]
fn enum_known_values_use_their_wire_value() {
    let colors: Vec<Color> = serde_json::from_str(r#"["RED","GREEN","blue"]"#).unwrap();
    assert_eq!(colors, vec![Color::Red, Color::Green, Color::Blue]);
    assert_eq!(
        serde_json::to_string(&colors).unwrap(),
        r#"["RED","GREEN","blue"]"#
    );
    assert_eq!(Color::VALUES, &["RED", "GREEN", "blue"]);
}

#[test]
fn enum_wire_values_are_case_sensitive() {
    // `BLUE` is the member name; its wire value is `blue`.
    let color: Color = serde_json::from_str(r#""BLUE""#).unwrap();
    assert_eq!(color, unknown!(Color, "BLUE"));
}

#[test]
fn enum_unknown_value_round_trips() {
    let color: Color = serde_json::from_str(r#""SOMETHING_NEW""#).unwrap();
    assert_eq!(color, unknown!(Color, "SOMETHING_NEW"));
    assert_eq!(serde_json::to_string(&color).unwrap(), r#""SOMETHING_NEW""#);
}

#[test]
fn enum_unknown_value_round_trips_inside_a_structure() {
    let body = json!({ "colors": ["RED", "ULTRAVIOLET", "blue"] });
    let out: SetColorOutput = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(
        out.colors,
        Some(vec![
            Color::Red,
            unknown!(Color, "ULTRAVIOLET"),
            Color::Blue
        ])
    );
    assert_eq!(serde_json::to_value(&out).unwrap(), body);
}

#[test]
fn enum_as_str_from_and_display() {
    assert_eq!(Color::Blue.as_str(), "blue");
    assert_eq!(unknown!(Color, "x").as_str(), "x");
    assert_eq!(Color::from("GREEN"), Color::Green);
    assert_eq!(Color::from("green"), unknown!(Color, "green"));
    assert_eq!("RED".parse::<Color>(), Ok(Color::Red));
    assert_eq!(Color::Blue.to_string(), "blue");
    assert_eq!(unknown!(Color, "MAUVE").to_string(), "MAUVE");
}

#[test]
fn enum_rejects_non_string_json() {
    let err = serde_json::from_str::<Color>("3").unwrap_err();
    assert!(err.to_string().contains("expected a string"), "{err}");
}

#[test]
fn aws_legacy_enum_trait_strings_are_enums() {
    use generated::ivschat::ChatTokenCapability as Cap;
    assert_eq!(
        Cap::VALUES,
        &["SEND_MESSAGE", "DISCONNECT_USER", "DELETE_MESSAGE"]
    );
    let caps: Vec<Cap> = serde_json::from_str(r#"["DISCONNECT_USER","PIN_MESSAGE"]"#).unwrap();
    assert_eq!(
        caps,
        vec![Cap::DisconnectUser, unknown!(Cap, "PIN_MESSAGE")]
    );
    assert_eq!(
        serde_json::to_string(&caps).unwrap(),
        r#"["DISCONNECT_USER","PIN_MESSAGE"]"#
    );
    assert_eq!(
        generated::chime::RoomMembershipRole::from("Administrator").as_str(),
        "Administrator"
    );
}

// ----- legacy @enum strings ------------------------------------------------------------

#[test]
fn legacy_enum_trait_known_and_unknown() {
    assert_eq!(LegacyShade::VALUES, &["light", "dark"]);
    let shade: LegacyShade = serde_json::from_str(r#""dark""#).unwrap();
    assert_eq!(shade, LegacyShade::Dark);
    assert_eq!(shade.to_string(), "dark");
    let shade: LegacyShade = serde_json::from_str(r#""DARK""#).unwrap();
    assert_eq!(shade, unknown!(LegacyShade, "DARK"));
    assert_eq!(serde_json::to_string(&shade).unwrap(), r#""DARK""#);
    assert_eq!(LegacyShade::from("light"), LegacyShade::Light);
}

// ----- intEnum -------------------------------------------------------------------------

#[test]
fn int_enum_known_values() {
    assert_eq!(Level::VALUES, &[1, 10]);
    let levels: Vec<Level> = serde_json::from_str("[1,10]").unwrap();
    assert_eq!(levels, vec![Level::Low, Level::High]);
    assert_eq!(serde_json::to_string(&levels).unwrap(), "[1,10]");
    assert_eq!(Level::High.as_i32(), 10);
    assert_eq!(Level::from(1), Level::Low);
    assert_eq!("10".parse::<Level>(), Ok(Level::High));
    assert_eq!(Level::Low.to_string(), "1");
}

#[test]
fn int_enum_unknown_value_round_trips() {
    let level: Level = serde_json::from_str("7").unwrap();
    assert_eq!(level, unknown!(Level, 7));
    assert_eq!(level.as_i32(), 7);
    assert_eq!(level.to_string(), "7");
    assert_eq!(serde_json::to_string(&level).unwrap(), "7");
}

#[test]
fn int_enum_rejects_strings_and_fractions() {
    assert!(serde_json::from_str::<Level>(r#""1""#).is_err());
    assert!(serde_json::from_str::<Level>("1.5").is_err());
    assert!("high".parse::<Level>().is_err());
}

#[test]
fn enum_members_in_a_structure_round_trip() {
    let body = json!({ "color": "blue", "level": 10, "legacy": "light" });
    let input: SetColorInput = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(input.color, Color::Blue);
    assert_eq!(input.level, Some(Level::High));
    assert_eq!(input.legacy, Some(LegacyShade::Light));
    assert_eq!(serde_json::to_value(&input).unwrap(), body);
}

// ----- unions --------------------------------------------------------------------------

#[test]
fn union_string_member() {
    let content: Content = serde_json::from_str(r#"{"text":"hello"}"#).unwrap();
    assert_eq!(content, Content::Text("hello".to_owned()));
    assert_eq!(
        serde_json::to_string(&content).unwrap(),
        r#"{"text":"hello"}"#
    );
}

#[test]
fn union_blob_member_is_base64() {
    let content: Content = serde_json::from_str(r#"{"bytes":"aGVsbG8="}"#).unwrap();
    assert_eq!(content, Content::Bytes(Blob(b"hello".to_vec())));
    assert_eq!(
        serde_json::to_string(&content).unwrap(),
        r#"{"bytes":"aGVsbG8="}"#
    );
}

#[test]
fn union_structure_member() {
    let content: Content =
        serde_json::from_str(r#"{"link":{"url":"https://example.com"}}"#).unwrap();
    assert_eq!(
        content,
        Content::Link(Link::new("https://example.com".to_owned()))
    );
    assert_eq!(
        serde_json::to_string(&content).unwrap(),
        r#"{"link":{"url":"https://example.com"}}"#
    );
}

#[test]
fn union_unit_member_is_an_empty_object() {
    let content: Content = serde_json::from_str(r#"{"nothing":{}}"#).unwrap();
    assert_eq!(content, Content::Nothing);
    assert_eq!(
        serde_json::to_string(&Content::Nothing).unwrap(),
        r#"{"nothing":{}}"#
    );
}

#[test]
fn union_unknown_member_is_kept_with_its_value() {
    let json = r#"{"video":{"codec":"av1","frames":[1,2,3],"meta":null}}"#;
    let content: Content = serde_json::from_str(json).unwrap();
    assert_eq!(
        unknown_member(&content),
        (
            "video",
            &json!({ "codec": "av1", "frames": [1, 2, 3], "meta": null })
        )
    );
    assert_eq!(serde_json::to_string(&content).unwrap(), json);
}

#[test]
fn union_ignores_type_marker_and_null_members() {
    let content: Content =
        serde_json::from_str(r#"{"__type":"example.unions#Content","text":"hi","bytes":null}"#)
            .unwrap();
    assert_eq!(content, Content::Text("hi".to_owned()));
}

#[test]
fn union_with_no_member_or_several_members_is_an_error() {
    let err = serde_json::from_str::<Content>("{}").unwrap_err();
    assert!(
        err.to_string()
            .contains("a union value must set exactly one member, found none"),
        "{err}"
    );
    let err = serde_json::from_str::<Content>(r#"{"text":"a","nothing":{}}"#).unwrap_err();
    assert!(
        err.to_string()
            .contains("a union value must set exactly one member, found several"),
        "{err}"
    );
}

#[test]
fn union_member_with_wrong_value_type_is_an_error() {
    assert!(serde_json::from_str::<Content>(r#"{"text":5}"#).is_err());
    assert!(serde_json::from_str::<Content>(r#"{"bytes":"not base64!"}"#).is_err());
}

#[test]
fn union_inside_a_structure_round_trips() {
    let body = json!({ "content": { "link": { "url": "u" } } });
    let input: SendMessageInput = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(input.content, Content::Link(Link::new("u".to_owned())));
    assert_eq!(serde_json::to_value(&input).unwrap(), body);
}

#[test]
fn ivschat_destination_configuration_variants() {
    use generated::ivschat::{
        CloudWatchLogsDestinationConfiguration, DestinationConfiguration as D,
        FirehoseDestinationConfiguration, S3DestinationConfiguration,
    };
    let cases = [
        (
            json!({ "s3": { "bucketName": "chat-logs" } }),
            D::S3(S3DestinationConfiguration::new("chat-logs".into())),
        ),
        (
            json!({ "cloudWatchLogs": { "logGroupName": "/ivs/chat" } }),
            D::CloudWatchLogs(CloudWatchLogsDestinationConfiguration::new(
                "/ivs/chat".into(),
            )),
        ),
        (
            json!({ "firehose": { "deliveryStreamName": "chat-stream" } }),
            D::Firehose(FirehoseDestinationConfiguration::new("chat-stream".into())),
        ),
    ];
    for (body, expected) in cases {
        let value: D = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(value, expected);
        assert_eq!(serde_json::to_value(&value).unwrap(), body);
    }
    let unknown = json!({ "kinesis": { "streamArn": "arn:x" } });
    let value: D = serde_json::from_value(unknown.clone()).unwrap();
    match &value {
        D::Unknown(u) => assert_eq!(
            (u.name(), u.value()),
            ("kinesis", &json!({ "streamArn": "arn:x" }))
        ),
        other => panic!("expected Unknown, got {other:?}"),
    }
    assert_eq!(serde_json::to_value(&value).unwrap(), unknown);
}

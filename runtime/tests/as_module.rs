//! The runtime compiled the way a generated crate compiles it: `src/lib.rs` as the module
//! `runtime` of another crate, imported as `rt`. This proves the sources work at a path
//! other than a crate root, and is where the runtime's macros are exercised (they name
//! the runtime as `rt`, which generated files and this file have in scope).

// Unused items are fine here; `wrong_self_convention` fires only on API that is not
// exported, which the runtime is everywhere else.
#[path = "../src/lib.rs"]
#[allow(
    dead_code,
    unused_imports,
    unused_macros,
    clippy::wrong_self_convention
)]
mod runtime;

use runtime as rt;

mod errors {
    use super::rt;

    /// A modeled error struct as the generator writes them.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct NotFound {
        pub message: Option<String>,
    }
    impl NotFound {
        pub const CODE: &'static str = "NotFound";
        pub const STATUS: u16 = 404;
        pub const RETRYABLE: bool = false;
        pub const THROTTLING: bool = false;
    }
    impl std::fmt::Display for NotFound {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            rt::fmt_error(f, Self::CODE, Self::STATUS, self.message.as_deref())
        }
    }

    #[derive(Debug, Clone, PartialEq)]
    pub struct Throttled {}
    impl Throttled {
        pub const CODE: &'static str = "Throttled";
        pub const RETRYABLE: bool = true;
        pub const THROTTLING: bool = true;
    }
    impl std::fmt::Display for Throttled {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            rt::fmt_error(f, Self::CODE, 429, None)
        }
    }

    #[derive(Debug, Clone, PartialEq)]
    pub enum GetError {
        NotFound(NotFound),
        Unhandled(rt::UnhandledError),
    }
    rt::error_enum!(GetError { NotFound });

    #[derive(Debug, Clone, PartialEq)]
    pub enum ServiceError {
        NotFound(NotFound),
        Throttled(Throttled),
        Unhandled(rt::UnhandledError),
    }
    rt::error_enum!(ServiceError {
        NotFound,
        Throttled
    });
    rt::error_from!(GetError => ServiceError { NotFound });
}

use errors::{GetError, NotFound, ServiceError, Throttled};

#[test]
fn error_enum_gives_code_display_and_from_unhandled() {
    let e = GetError::NotFound(NotFound {
        message: Some("no key k".to_owned()),
    });
    assert_eq!(e.code(), Some("NotFound"));
    assert_eq!(e.to_string(), "NotFound: no key k");
    let unhandled = GetError::from(rt::UnhandledError {
        code: Some("Odd".to_owned()),
        message: None,
        status: Some(418),
        ..Default::default()
    });
    assert_eq!(unhandled.code(), Some("Odd"));
    assert_eq!(unhandled.to_string(), "Odd (HTTP 418)");
    let boxed: Box<dyn std::error::Error> = Box::new(unhandled);
    assert_eq!(boxed.to_string(), "Odd (HTTP 418)");
    assert_eq!(
        ServiceError::Throttled(Throttled {}).to_string(),
        "Throttled (HTTP 429)"
    );
}

#[test]
fn error_from_converts_each_shared_variant() {
    let e = ServiceError::from(GetError::NotFound(NotFound::default()));
    assert_eq!(e, ServiceError::NotFound(NotFound::default()));
    assert_eq!(e.to_string(), "NotFound (HTTP 404)");
    let e = ServiceError::from(GetError::Unhandled(rt::UnhandledError::not_implemented(
        "Get",
    )));
    assert_eq!(e.code(), Some("NotImplemented"));
    assert_eq!(
        e.to_string(),
        "NotImplemented (HTTP 501): operation Get is not implemented"
    );
}

#[test]
fn error_from_converts_back_only_the_variants_the_operation_lists() {
    let back = GetError::try_from(ServiceError::NotFound(NotFound::default()));
    assert_eq!(back, Ok(GetError::NotFound(NotFound::default())));
    let foreign = ServiceError::Throttled(Throttled {});
    assert_eq!(GetError::try_from(foreign.clone()), Err(foreign));
}

#[test]
fn not_implemented_is_a_ready_unhandled_error() {
    struct Get;
    impl rt::Operation for Get {
        const NAME: &'static str = "Get";
        const HTTP: Option<rt::Http> = None;
        const PAGINATION: Option<rt::Pagination> = None;
        type Input = ();
        type Output = ();
        type Error = GetError;
    }
    let ready = rt::not_implemented::<Get, _>(());
    match ready.into_inner() {
        Err(GetError::Unhandled(e)) => assert_eq!(e, rt::UnhandledError::not_implemented("Get")),
        other => panic!("expected Unhandled, got {other:?}"),
    }
}

mod types {
    use super::rt;

    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    pub enum Color {
        Red,
        Blue,
        Unknown(rt::UnknownValue),
    }
    rt::string_enum!(Color {
        Red = "RED",
        Blue = "blue"
    });

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Level {
        Low,
        Minus,
        Unknown(rt::UnknownValue<i32>),
    }
    rt::int_enum!(Level { Low = 1, Minus = -1 });

    #[derive(Debug, Clone, PartialEq)]
    pub enum Choice {
        Text(String),
        Ratio(f64),
        When(rt::DateTime),
        Colors(Vec<Color>),
        Nothing,
        Unknown(rt::UnknownMember),
    }
    rt::union!(Choice {
        Text(rt::Same) = "text",
        Ratio(rt::Float) = "ratio",
        When(rt::Rfc3339) = "when",
        Colors(rt::Dense<rt::Same>) = "colors",
        Nothing = "nothing",
    });
}

use serde_json::json;
use types::{Choice, Color, Level};

#[test]
fn string_enum_parses_listed_values_to_their_variant() {
    assert_eq!(Color::VALUES, &["RED", "blue"]);
    assert_eq!(Color::from("RED"), Color::Red);
    assert_eq!("blue".parse::<Color>(), Ok(Color::Blue));
    assert_eq!(
        serde_json::from_str::<Color>(r#""RED""#).unwrap(),
        Color::Red
    );
    assert_eq!(Color::Blue.as_str(), "blue");
    assert_eq!(Color::Blue.to_string(), "blue");
    assert_eq!(serde_json::to_string(&Color::Red).unwrap(), r#""RED""#);
}

#[test]
fn string_enum_keeps_unknown_values_opaque() {
    let mauve = Color::from("MAUVE");
    match &mauve {
        Color::Unknown(v) => assert_eq!(v.as_str(), "MAUVE"),
        other => panic!("expected Unknown, got {other:?}"),
    }
    assert_eq!(format!("{mauve:?}"), r#"Unknown("MAUVE")"#);
    assert_eq!(mauve.to_string(), "MAUVE");
    assert_eq!(serde_json::to_string(&mauve).unwrap(), r#""MAUVE""#);
    // Wire values are case-sensitive: `red` is not `RED`.
    assert!(matches!(Color::from("red"), Color::Unknown(_)));
    let err = serde_json::from_str::<Color>("3").unwrap_err();
    assert!(err.to_string().contains("expected a string"), "{err}");
    assert_eq!(rt::zero_enum::<Color>(), Color::from(""));
}

// `Validate` as the generated `validate.rs` writes it for enums (the macros do not).
impl rt::Validate for Color {
    const NAME: &'static str = "Color";
    fn validate_at(&self, path: &rt::Path<'_>, out: &mut rt::Violations) {
        if let Self::Unknown(v) = self {
            rt::unknown_enum_value(v, &["RED", "blue"], path, out);
        }
    }
}

impl rt::Validate for Level {
    const NAME: &'static str = "Level";
    fn validate_at(&self, path: &rt::Path<'_>, out: &mut rt::Violations) {
        if let Self::Unknown(v) = self {
            rt::unknown_enum_value(v, &["1", "-1"], path, out);
        }
    }
}

#[test]
fn enums_validate_unknown_values_as_violations() {
    use rt::Validate as _;
    assert!(Color::Red.validate().is_ok());
    assert!(Level::Minus.validate().is_ok());
    let err = Color::from("MAUVE").validate().unwrap_err();
    assert_eq!(
        err.to_string(),
        "validation failed: Color: `MAUVE` is not one of the allowed values"
    );
    assert_eq!(
        err.violations[0].protocol_message,
        "Value at '' failed to satisfy constraint: Member must satisfy enum value set: [RED, blue]"
    );
    let err = Level::from(7).validate().unwrap_err();
    assert_eq!(
        err.violations[0].message,
        "`7` is not one of the allowed values"
    );
}

#[test]
fn int_enum_values_and_unknowns() {
    assert_eq!(Level::VALUES, &[1, -1]);
    assert_eq!(Level::from(-1), Level::Minus);
    assert_eq!(serde_json::from_str::<Level>("1").unwrap(), Level::Low);
    assert_eq!("-1".parse::<Level>(), Ok(Level::Minus));
    let seven = Level::from(7);
    assert!(matches!(seven, Level::Unknown(v) if v.as_i32() == 7));
    assert_eq!(seven.as_i32(), 7);
    assert_eq!(seven.to_string(), "7");
    assert_eq!(serde_json::to_string(&seven).unwrap(), "7");
    assert!(serde_json::from_str::<Level>("1.5").is_err());
    assert!(serde_json::from_str::<Level>(r#""1""#).is_err());
    assert!("high".parse::<Level>().is_err());
    assert!(matches!(rt::zero_int_enum::<Level>(), Level::Unknown(v) if v.as_i32() == 0));
}

#[test]
fn union_members_use_their_codecs_both_ways() {
    let cases = [
        (json!({ "text": "hi" }), Choice::Text("hi".to_owned())),
        (json!({ "ratio": "NaN" }), Choice::Ratio(f64::NAN)),
        (json!({ "ratio": 0.5 }), Choice::Ratio(0.5)),
        (
            json!({ "when": "2014-04-29T18:30:38Z" }),
            Choice::When(rt::DateTime::from_secs(1_398_796_238)),
        ),
        (
            json!({ "colors": ["RED", "teal"] }),
            Choice::Colors(vec![Color::Red, Color::from("teal")]),
        ),
        (json!({ "nothing": {} }), Choice::Nothing),
    ];
    for (body, expected) in cases {
        let value: Choice = serde_json::from_value(body.clone()).unwrap();
        if let Choice::Ratio(r) = value {
            assert!(r.is_nan() || Choice::Ratio(r) == expected, "{body}");
        } else {
            assert_eq!(value, expected, "{body}");
        }
        assert_eq!(serde_json::to_value(&value).unwrap(), body);
    }
    // Null elements of a dense list are dropped, as for structure members.
    let value: Choice = serde_json::from_value(json!({ "colors": ["RED", null] })).unwrap();
    assert_eq!(value, Choice::Colors(vec![Color::Red]));
}

#[test]
fn union_unknown_members_are_kept_opaque() {
    let body = json!({ "video": { "codec": "av1" } });
    let value: Choice = serde_json::from_value(body.clone()).unwrap();
    match &value {
        Choice::Unknown(u) => {
            assert_eq!(u.name(), "video");
            assert_eq!(u.value(), &json!({ "codec": "av1" }));
        }
        other => panic!("expected Unknown, got {other:?}"),
    }
    assert_eq!(serde_json::to_value(&value).unwrap(), body);
}

#[test]
fn union_reading_rules() {
    // `__type` and null members are not members.
    let value: Choice =
        serde_json::from_str(r#"{"__type":"x#Choice","text":"hi","ratio":null,"video":null}"#)
            .unwrap();
    assert_eq!(value, Choice::Text("hi".to_owned()));
    for (json, expected) in [
        ("{}", "exactly one member, found none (`Choice`)"),
        (
            r#"{"text":"a","nothing":{}}"#,
            "found several (`text` and `nothing` of `Choice`)",
        ),
        (r#"{"text":null}"#, "found none"),
        (
            "[]",
            "expected a `Choice` union: an object with one member set",
        ),
        (r#"{"ratio":"fast"}"#, "expected a number, found `fast`"),
        (r#"{"when":"yesterday"}"#, "invalid date-time `yesterday`"),
    ] {
        let err = serde_json::from_str::<Choice>(json).unwrap_err();
        assert!(err.to_string().contains(expected), "{json}: {err}");
    }
}

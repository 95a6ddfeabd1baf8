//! The `big_numbers` fixture: `@default`s that no 64-bit integer or `f64` holds (and a
//! trait value beyond `f64`), which the loader keeps exactly and writes as text.

use fixtures::big_numbers::{Limits, PutLimitsInput};
use fixtures::runtime::{BigDecimal, BigInteger};

fn big_integer(text: &str) -> BigInteger {
    BigInteger(text.to_owned())
}

fn big_decimal(text: &str) -> BigDecimal {
    BigDecimal(text.to_owned())
}

#[test]
fn defaults_beyond_64_bits_and_f64_are_exact() {
    let limits = Limits::default();
    assert_eq!(limits.count, big_integer("123456789012345678901234567890"));
    assert_eq!(limits.debt, big_integer("-18446744073709551616"));
    assert_eq!(limits.small, big_integer("42"));
    assert_eq!(limits.huge, big_decimal("1.7976931348623157e+309"));
    assert_eq!(limits.fine, big_decimal("1.0000000000000000001e-1"));
    // Not zero, though `1e-400` is `0.0` as an f64.
    assert_eq!(limits.tiny, big_decimal("1e-400"));
    assert_eq!(limits.plain, big_decimal("2.5"));
}

#[test]
fn absent_members_read_as_the_exact_defaults() {
    let limits: Limits = serde_json::from_str("{}").unwrap();
    assert_eq!(limits, Limits::default());
    let input: PutLimitsInput = serde_json::from_str(r#"{"limits":{"small":7}}"#).unwrap();
    let limits = input.limits.unwrap();
    assert_eq!(limits.small, big_integer("7"));
    assert_eq!(limits.count, Limits::default().count);
}

#[test]
fn defaults_no_json_number_holds_are_write_errors_not_rounded() {
    let err = serde_json::to_string(&Limits::default()).unwrap_err();
    assert!(
        err.to_string().contains("123456789012345678901234567890"),
        "{err}"
    );
    let fits = Limits {
        count: big_integer("1"),
        debt: big_integer("-1"),
        huge: big_decimal("1e300"),
        fine: big_decimal("0.1"),
        tiny: big_decimal("1e-300"),
        ..Limits::default()
    };
    let json: serde_json::Value = serde_json::to_string(&fits)
        .and_then(|text| serde_json::from_str(&text))
        .unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "count": 1, "debt": -1, "small": 42, "huge": 1e300, "fine": 0.1, "tiny": 1e-300,
            "plain": 2.5,
        })
    );
}

//! Numbers read the same with or without serde_json's `arbitrary_precision` feature.
//!
//! `cargo test -p runtime` builds serde_json without it; `cargo test --workspace` with it
//! (the code generator enables it, and Cargo unifies features). These tests pass in both
//! builds: the JSON ones read real text (whichever form serde_json hands over), and the
//! `number_map` ones hand the visitors the feature's number map directly, so this build
//! checks that form even when serde_json would not produce it.

use runtime::{BigDecimal, BigInteger, Blob, Codec, DateTime, Float};
use serde::de::value::{Error, MapDeserializer};
use serde::Deserialize;

/// What serde_json's `deserialize_any` hands a visitor for number `text` with
/// `arbitrary_precision`: a one-entry map under its private key.
fn number_map(text: &str) -> MapDeserializer<'_, std::iter::Once<(&str, &str)>, Error> {
    MapDeserializer::new(std::iter::once(("$serde_json::private::Number", text)))
}

fn float(text: &str) -> Result<f64, String> {
    <Float as Codec<f64>>::de(number_map(text)).map_err(|e| e.to_string())
}

#[test]
fn the_number_map_reads_as_serde_json_reads_a_plain_number() {
    assert_eq!(float("1.5"), Ok(1.5));
    assert_eq!(float("-2"), Ok(-2.0));
    assert_eq!(
        float("18446744073709551616"),
        Ok(18_446_744_073_709_551_616.0)
    );
    assert_eq!(float("1e400"), Err("number out of range".to_owned()));
    let minus_zero = float("-0").unwrap();
    assert!(minus_zero == 0.0 && minus_zero.is_sign_negative());
    assert_eq!(
        <Float as Codec<f32>>::de(number_map("0.25")).map_err(|e| e.to_string()),
        Ok(0.25_f32)
    );
    assert_eq!(
        DateTime::deserialize(number_map("1.5")).unwrap(),
        DateTime::from_parts(1, 500_000_000)
    );
    assert_eq!(
        DateTime::deserialize(number_map("-1")).unwrap(),
        DateTime::from_secs(-1)
    );
}

#[test]
fn big_numbers_from_the_number_map_are_exact_or_errors_as_without_it() {
    let exact = BigDecimal::deserialize(number_map("3.14")).unwrap();
    assert_eq!(exact, BigDecimal("3.14".to_owned()));
    let big = BigInteger::deserialize(number_map("-9007199254740993")).unwrap();
    assert_eq!(big, BigInteger("-9007199254740993".to_owned()));
    let err = BigDecimal::deserialize(number_map("3.141592653589793238")).unwrap_err();
    assert!(
        err.to_string().contains("beyond the range read exactly"),
        "{err}"
    );
    let err = BigInteger::deserialize(number_map("123456789012345678901234567890")).unwrap_err();
    assert!(
        err.to_string().contains("beyond the range read exactly"),
        "{err}"
    );
}

#[test]
fn other_maps_and_numbers_where_none_belongs_are_type_errors() {
    let err = Blob::deserialize(number_map("1.5")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid type: floating point `1.5`, expected base64 text or bytes"
    );
    let other = MapDeserializer::<_, Error>::new(std::iter::once(("seconds", "1")));
    let err = DateTime::deserialize(other).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid type: map, expected epoch seconds (a number)"
    );
}

#[test]
fn json_numbers_read_the_same_in_either_build() {
    let read_float = |json: &str| {
        <Float as Codec<f64>>::de(&mut serde_json::Deserializer::from_str(json))
            .map_err(|e| e.to_string())
    };
    assert_eq!(read_float("1.5"), Ok(1.5));
    assert_eq!(read_float("1e2"), Ok(100.0));
    assert_eq!(read_float(r#""Infinity""#), Ok(f64::INFINITY));
    assert!(read_float("1e400")
        .unwrap_err()
        .starts_with("number out of range"));
    assert!(read_float("true")
        .unwrap_err()
        .starts_with("invalid type: boolean `true`"));
    let t: DateTime = serde_json::from_str("1.25").unwrap();
    assert_eq!(t, DateTime::from_parts(1, 250_000_000));
    let d: BigDecimal = serde_json::from_str("3.14").unwrap();
    assert_eq!(d, BigDecimal("3.14".to_owned()));
    let err = serde_json::from_str::<BigDecimal>("3.141592653589793238").unwrap_err();
    assert!(
        err.to_string().contains("beyond the range read exactly"),
        "{err}"
    );
    let err = serde_json::from_str::<Blob>("1.5").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("invalid type: floating point `1.5`, expected base64 text or bytes"),
        "{err}"
    );
}

#[test]
fn big_numbers_beyond_the_f64_range_are_not_written_as_zero_or_infinity() {
    for text in [
        "1e-400",
        "1.7976931348623157e+309",
        "-2e308",
        "4e-320",
        "inf",
    ] {
        let err = serde_json::to_string(&BigDecimal(text.to_owned())).unwrap_err();
        assert!(
            err.to_string().contains("beyond the range"),
            "{text}: {err}"
        );
    }
    for text in ["NaN", "x", ""] {
        let err = serde_json::to_string(&BigDecimal(text.to_owned())).unwrap_err();
        assert!(
            err.to_string().contains("is not a decimal number"),
            "{text}: {err}"
        );
    }
    for (text, json) in [
        ("0e-400", "0.0"),
        ("-0.0", "-0.0"),
        ("2.5e-300", "2.5e-300"),
    ] {
        assert_eq!(
            serde_json::to_string(&BigDecimal(text.to_owned())).unwrap(),
            json,
            "{text}"
        );
    }
}

/// Every runtime source that reads any value (`deserialize_any`) takes serde_json's
/// number map too, and none buffers values (`untagged`, `flatten`), which would keep
/// that map where a number is expected. A new visitor must forward `visit_map` to
/// `visit_json_number` when it accepts numbers.
#[test]
fn runtime_sources_read_the_number_map_wherever_they_read_any_value() {
    fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path.display().to_string(), text));
            }
        }
    }
    let mut sources = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut sources,
    );
    let mut offending = Vec::new();
    for (file, text) in &sources {
        // The CBOR codec and forms serve only formats that are not human-readable, never
        // serde_json, whose number map they cannot meet.
        if file.contains("cbor") {
            continue;
        }
        let reads_any = text.matches(".deserialize_any(").count();
        let forwards = text.matches("visit_json_number(self, map)").count();
        // A visitor that keeps only strings drains any map, the number map included
        // (it is no string either); such a file says so with this marker per read.
        let drains = text.matches("number map: drained").count();
        if reads_any > forwards + drains {
            offending.push(format!(
                "{file}: {reads_any} deserialize_any, {forwards} visit_map forwarding"
            ));
        }
        if text.contains("serde(untagged") {
            offending.push(format!("{file}: serde(untagged"));
        }
        // `flatten` buffers only when deserializing; a type that only serializes is fine.
        for (at, _) in text.match_indices("serde(flatten") {
            let derive = text[..at].rfind("#[derive(").map(|d| &text[d..at]);
            if derive.is_none_or(|d| d.contains("Deserialize")) {
                offending.push(format!("{file}: serde(flatten in a Deserialize type"));
            }
        }
    }
    assert!(offending.is_empty(), "{}", offending.join("\n"));
}

/// Big numbers in strings (rpcv2Json's form) are read as their text only when the text is
/// a decimal number; anything else is an error naming it.
#[test]
fn big_numbers_in_strings_must_be_decimal_text() {
    for text in ["123", "-1.5", "1.5e+3", "0.100000000000000000000001"] {
        let json = format!("\"{text}\"");
        let read: BigDecimal = serde_json::from_str(&json).unwrap();
        assert_eq!(read.0, text);
    }
    for text in ["abc", "", "1.", ".5", "1e", "--1", "0x10", " 1"] {
        let json = format!("\"{text}\"");
        let err = serde_json::from_str::<BigInteger>(&json).unwrap_err();
        assert!(
            err.to_string().contains("is not a decimal number"),
            "{text}: {err}"
        );
    }
}

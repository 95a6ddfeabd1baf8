//! Timestamps, blobs and big numbers: their text forms and their serde forms.

use runtime::{BigDecimal, BigInteger, Blob, DateTime};

#[test]
fn date_time_parts_carry_and_saturate() {
    let t = DateTime::from_parts(10, 2_500_000_000);
    assert_eq!((t.secs(), t.subsec_nanos()), (12, 500_000_000));
    let carried = DateTime::from_parts(i64::MAX, 1_500_000_000);
    assert_eq!(
        (carried.secs(), carried.subsec_nanos()),
        (i64::MAX, 500_000_000)
    );
    let t = DateTime::from_secs_f64(-1.5);
    assert_eq!((t.secs(), t.subsec_nanos()), (-2, 500_000_000));
    assert_eq!(t.as_secs_f64(), -1.5);
}

#[test]
fn rfc3339_round_trips_in_utc() {
    let t = DateTime::parse_rfc3339("1996-12-19T16:39:57-08:00").unwrap();
    assert_eq!(t, DateTime::from_secs(851_042_397));
    assert_eq!(t.to_rfc3339().unwrap(), "1996-12-20T00:39:57Z");
    let t = DateTime::parse_rfc3339("1985-04-12T23:20:50.52Z").unwrap();
    assert_eq!(t.to_rfc3339().unwrap(), "1985-04-12T23:20:50.52Z");
    let err = DateTime::parse_rfc3339("yesterday").unwrap_err();
    assert!(err.contains("invalid date-time `yesterday`"), "{err}");
}

#[test]
fn http_date_round_trips_with_milliseconds() {
    let t = DateTime::parse_http_date("Tue, 29 Apr 2014 18:30:38 GMT").unwrap();
    assert_eq!(t, DateTime::from_secs(1_398_796_238));
    assert_eq!(t.to_http_date().unwrap(), "Tue, 29 Apr 2014 18:30:38 GMT");
    let t = DateTime::parse_http_date("Tue, 29 Apr 2014 18:30:38.123 GMT").unwrap();
    assert_eq!(t, DateTime::from_parts(1_398_796_238, 123_000_000));
    assert_eq!(
        t.to_http_date().unwrap(),
        "Tue, 29 Apr 2014 18:30:38.123 GMT"
    );
    for bad in [
        "2014-04-29T18:30:38Z",
        "Tue, 29 Foo 2014 18:30:38 GMT",
        "Tue, 29 Apr 2014 18:30:38. GMT",
        "Tue, 31 Feb 2014 18:30:38 GMT",
        "",
    ] {
        let err = DateTime::parse_http_date(bad).unwrap_err();
        assert!(err.contains("invalid http-date"), "{bad}: {err}");
    }
}

#[test]
fn epoch_seconds_are_json_numbers() {
    assert_eq!(
        serde_json::to_string(&DateTime::from_secs(1_515_531_081)).unwrap(),
        "1515531081"
    );
    assert_eq!(
        serde_json::to_string(&DateTime::from_parts(1, 500_000_000)).unwrap(),
        "1.5"
    );
    let t: DateTime = serde_json::from_str("1515531081.123").unwrap();
    assert_eq!((t.secs(), t.subsec_nanos()), (1_515_531_081, 123_000_000));
    assert!(serde_json::from_str::<DateTime>(r#""1515531081""#).is_err());
}

#[test]
fn blob_is_standard_base64() {
    let blob = Blob(b"hello world".to_vec());
    assert_eq!(
        serde_json::to_string(&blob).unwrap(),
        r#""aGVsbG8gd29ybGQ=""#
    );
    assert_eq!(Blob::from_base64("aGVsbG8gd29ybGQ="), Some(blob.clone()));
    assert_eq!(blob.as_bytes(), b"hello world");
    assert_eq!(Blob::from(b"x".to_vec()), Blob(b"x".to_vec()));
    assert_eq!(Blob::from_base64("not base64!"), None);
    assert!(serde_json::from_str::<Blob>(r#""not base64!""#).is_err());
}

#[test]
fn big_numbers_are_exact_or_an_error() {
    let n: BigInteger = serde_json::from_str("-9007199254740993").unwrap();
    assert_eq!(n, BigInteger("-9007199254740993".to_owned()));
    assert_eq!(serde_json::to_string(&n).unwrap(), "-9007199254740993");
    let d: BigDecimal = serde_json::from_str("3.14").unwrap();
    assert_eq!(d.to_string(), "3.14");
    assert_eq!(serde_json::to_string(&d).unwrap(), "3.14");
    let err = serde_json::from_str::<BigInteger>("123456789012345678901234567890").unwrap_err();
    assert!(
        err.to_string().contains("beyond the range read exactly"),
        "{err}"
    );
    let err =
        serde_json::to_string(&BigDecimal("0.12345678901234567890123".to_owned())).unwrap_err();
    assert!(err.to_string().contains("more digits than"), "{err}");
    let err = serde_json::to_string(&BigDecimal("twelve".to_owned())).unwrap_err();
    assert!(
        err.to_string().contains("`twelve` is not a decimal number"),
        "{err}"
    );
    assert_eq!(BigInteger::default().to_string(), "0");
    assert_eq!(BigDecimal::default().to_string(), "0");
}

#[test]
fn big_numbers_read_from_f64_keep_the_shortest_exact_text() {
    for (json, text) in [
        ("1e15", "1000000000000000"),
        ("-0.000125", "-0.000125"),
        ("1e20", "1e20"),
        ("1.5e-7", "1.5e-7"),
        ("0.0", "0"),
        (
            r#""123456789012345678901234567890""#,
            "123456789012345678901234567890",
        ),
    ] {
        let d: BigDecimal = serde_json::from_str(json).unwrap();
        assert_eq!(d.0, text, "{json}");
    }
    assert!(serde_json::from_str::<BigDecimal>("true").is_err());
}

#[test]
fn servers_read_date_times_strictly_and_never_panic() {
    use runtime::{strictly, DateTime};
    for good in ["1985-04-12T23:20:50.52Z", "1985-04-12T23:20:50Z"] {
        assert!(strictly(|| DateTime::parse_rfc3339(good)).is_ok(), "{good}");
    }
    for bad in [
        "",
        "Z",
        "1985",
        "1985-04-12",
        "1985-04-12T23:20:50",
        "1985-04-12T23:20:50+01:00",
        "1985-04-12t23:20:50z",
        "1985-04-12T23:20:50.Z",
        "19850412T232050Z",
    ] {
        assert!(strictly(|| DateTime::parse_rfc3339(bad)).is_err(), "{bad}");
    }
    // Clients accept offsets.
    assert!(DateTime::parse_rfc3339("1985-04-12T23:20:50+01:00").is_ok());
}

#[test]
fn a_panic_inside_strictly_leaves_the_thread_lenient() {
    use runtime::{strict, strictly};
    let caught = std::panic::catch_unwind(|| strictly(|| panic!("a handler bug")));
    assert!(caught.is_err());
    assert!(!strict(), "strict mode outlived the panic");
    assert!(strictly(strict));
    assert!(!strict());
}

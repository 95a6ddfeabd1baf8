//! Node numbers kept exactly (spec model.rst "Node values": a number is arbitrary
//! precision; `bigInteger` and `bigDecimal` values need not fit 64 bits).
//!
//! The loader's [`Node`](super::Node) is `serde_json::Value` with serde_json's
//! `arbitrary_precision` feature, so a number is its decimal text. Both readers build
//! numbers here, in one canonical form, so that equal values are equal nodes whichever
//! file format or spelling they came from (`2e+308` and `2E+308`), and every number that
//! an `i64`, `u64` or `f64` holds stays exactly what it was before exact numbers:
//!
//! - integer syntax (no fraction, no exponent): the integer if it fits `i64`/`u64`,
//!   otherwise its digits (`123456789012345678901234567890`);
//! - otherwise the `f64` if its shortest text has the same decimal value (`0.1`, `1e2`
//!   read as `100.0`), else the exact value in exponent form (`1.7976931348623157e309`,
//!   `0.10000000000000000001` as `1.0000000000000000001e-1`).

use serde_json::Number;

/// A finite decimal `±digits × 10^exponent`, normalized: no leading or trailing zeros in
/// `digits` (zero is empty digits), so equal values have equal parts.
#[derive(Debug, PartialEq, Eq)]
struct Decimal {
    negative: bool,
    digits: String,
    exponent: i64,
}

impl Decimal {
    /// Reads `-?digits[.digits][(e|E)[+-]digits]`; `None` for other text, or an exponent
    /// beyond `i64`.
    fn parse(text: &str) -> Option<Decimal> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, exponent) = match rest.find(['e', 'E']) {
            Some(i) => (&rest[..i], parse_exponent(&rest[i + 1..])?),
            None => (rest, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() || !all_digits(int) || !all_digits(frac) {
            return None;
        }
        if mantissa.contains('.') && frac.is_empty() {
            return None;
        }
        let digits = format!("{int}{frac}");
        let frac_len = i64::try_from(frac.len()).ok()?;
        let significant = digits.trim_start_matches('0');
        let trimmed = significant.trim_end_matches('0');
        let trailing = i64::try_from(significant.len() - trimmed.len()).ok()?;
        let exponent = if trimmed.is_empty() {
            0 // zero has one exponent
        } else {
            exponent.checked_sub(frac_len)?.checked_add(trailing)?
        };
        Some(Decimal {
            negative,
            digits: trimmed.to_owned(),
            exponent,
        })
    }

    /// Exponent form: `d[.ddd]e<exp>`, e.g. `1.7976931348623157e309`; `0` for zero.
    fn to_exponent_form(&self) -> Option<String> {
        let sign = if self.negative { "-" } else { "" };
        let Some((first, rest)) = self.digits.split_at_checked(1) else {
            return Some(format!("{sign}0"));
        };
        let rest_len = i64::try_from(rest.len()).ok()?;
        let exponent = self.exponent.checked_add(rest_len)?;
        let dot = if rest.is_empty() { "" } else { "." };
        Some(format!("{sign}{first}{dot}{rest}e{exponent}"))
    }
}

/// The exponent after `e`: optional sign, then digits.
fn parse_exponent(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.strip_prefix('+').unwrap_or(text).parse().ok()
}

/// The canonical node number for JSON / IDL number text (see the module docs), or `None`
/// when the text is not a number or its exponent is beyond `i64`.
pub(crate) fn exact(text: &str) -> Option<Number> {
    let decimal = Decimal::parse(text)?;
    if !text.contains(['.', 'e', 'E']) {
        if let Ok(v) = text.parse::<i64>() {
            return Some(Number::from(v));
        }
        if let Ok(v) = text.parse::<u64>() {
            return Some(Number::from(v));
        }
        let sign = if decimal.negative { "-" } else { "" };
        let zeros = "0".repeat(usize::try_from(decimal.exponent).ok()?);
        return from_text(&format!("{sign}{}{zeros}", decimal.digits));
    }
    if let Some(f) = text.parse::<f64>().ok().filter(|f| f.is_finite()) {
        if Decimal::parse(&format!("{f:e}")).as_ref() == Some(&decimal) {
            return Number::from_f64(f);
        }
    }
    from_text(&decimal.to_exponent_form()?)
}

/// A number holding `text` as it is (serde_json's `arbitrary_precision`).
fn from_text(text: &str) -> Option<Number> {
    text.parse().ok()
}

/// Whether `n` is written as an integer (no fraction or exponent), however large.
pub(crate) fn is_integer(n: &Number) -> bool {
    let text = n.to_string();
    let digits = text.strip_prefix('-').unwrap_or(&text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Whether number text is zero (`0`, `-0.0`, `0e-400`); `1e-400` is not, though no `f64`
/// tells them apart.
pub(crate) fn is_zero(text: &str) -> bool {
    Decimal::parse(text).is_some_and(|d| d.digits.is_empty())
}

/// Rewrites every number in `node` (parsed by serde_json, which keeps its text) into the
/// canonical form of [`exact`]; a number whose exponent is beyond `i64` is left as read.
pub(crate) fn canonicalize(node: &mut serde_json::Value) {
    use serde_json::Value;
    match node {
        Value::Number(n) => {
            if let Some(exact) = exact(&n.to_string()) {
                *n = exact;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(canonicalize),
        Value::Object(map) => map.values_mut().for_each(canonicalize),
        Value::Null | Value::Bool(_) | Value::String(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        exact(s).map_or_else(|| "<none>".to_owned(), |n| n.to_string())
    }

    #[test]
    fn numbers_that_fit_64_bits_are_as_before() {
        assert_eq!(text("100"), "100");
        assert_eq!(text("-42"), "-42");
        assert_eq!(text("-0"), "0");
        assert_eq!(text("0.0"), "0.0");
        assert_eq!(text("-0.0"), "-0.0");
        assert_eq!(text("0e-400"), "0.0");
        assert_eq!(text("18446744073709551615"), "18446744073709551615");
        assert_eq!(text("0.1"), "0.1");
        assert_eq!(text("1.50"), "1.5");
        assert_eq!(text("1e2"), "100.0");
        assert_eq!(text("1E-7"), Number::from_f64(1e-7).unwrap().to_string());
        assert_eq!(
            text("1.7976931348623157E+308"),
            Number::from_f64(f64::MAX).unwrap().to_string()
        );
    }

    #[test]
    fn numbers_beyond_64_bits_are_exact() {
        assert_eq!(
            text("123456789012345678901234567890"),
            "123456789012345678901234567890"
        );
        assert_eq!(text("-18446744073709551616"), "-18446744073709551616");
        assert_eq!(
            text("1.7976931348623157E+309"),
            text("17976931348623157e293")
        );
        assert!(text("1.7976931348623157E+309").starts_with("1.7976931348623157e"));
        assert_eq!(text("2e+308"), text("2E+308"));
        assert_eq!(text("2e+308"), text("20.0e307"));
        assert_ne!(text("2e+308"), text("3e+308"));
        assert_eq!(
            text("0.10000000000000000001"),
            text("1.0000000000000000001e-1")
        );
        assert_ne!(text("0.10000000000000000001"), text("0.1"));
        assert_eq!(text("1e-400"), text("10e-401"));
    }

    #[test]
    fn exact_numbers_keep_their_value() {
        let n = exact("1.7976931348623157E+309").unwrap();
        assert_eq!(n.as_f64(), None, "beyond f64");
        assert!(!is_integer(&n));
        let n = exact("123456789012345678901234567890").unwrap();
        assert!(is_integer(&n));
        assert_eq!(n.as_u64(), None);
    }

    #[test]
    fn zero_is_told_from_tiny_numbers() {
        assert!(is_zero("0") && is_zero("-0.0") && is_zero("0e-400"));
        assert!(!is_zero("1e-400") && !is_zero("x"));
    }

    #[test]
    fn malformed_text_is_not_a_number() {
        for bad in [
            "",
            "-",
            "1.",
            ".5",
            "1e",
            "1e+",
            "1x",
            "--1",
            "1e99999999999999999999",
        ] {
            assert_eq!(exact(bad), None, "{bad}");
        }
    }

    #[test]
    fn canonicalize_rewrites_nested_numbers() {
        let mut node: serde_json::Value =
            serde_json::from_str(r#"{"a": [2E+308, 1.50], "b": {"c": 9223372036854775808}}"#)
                .unwrap();
        canonicalize(&mut node);
        let expected = serde_json::json!({
            "a": [exact("2e308").unwrap(), 1.5],
            "b": {"c": 9_223_372_036_854_775_808_u64},
        });
        assert_eq!(node, expected);
    }
}

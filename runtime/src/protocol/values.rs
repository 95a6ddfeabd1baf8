//! Members bound to labels, query strings and headers are scalars, options or lists of
//! scalars; these traits let one builder or reader method take any of them.

use super::super::param::{FromParam, Param, TimestampFormat};

/// Zero or more parameter values: a scalar, an `Option` of one, or a list.
pub trait ParamValues {
    /// Calls `f` with each value, in order.
    ///
    /// # Errors
    /// The first error of `f`.
    fn each(&self, f: &mut dyn FnMut(&dyn Param) -> Result<(), String>) -> Result<(), String>;

    /// Whether the member is a list (so an empty list is still "set").
    fn is_list(&self) -> bool {
        false
    }
}

impl<T: Param> ParamValues for T {
    fn each(&self, f: &mut dyn FnMut(&dyn Param) -> Result<(), String>) -> Result<(), String> {
        f(self)
    }
}

impl<T: ParamValues> ParamValues for Option<T> {
    fn each(&self, f: &mut dyn FnMut(&dyn Param) -> Result<(), String>) -> Result<(), String> {
        match self {
            Some(v) => v.each(f),
            None => Ok(()),
        }
    }

    fn is_list(&self) -> bool {
        self.as_ref().is_some_and(ParamValues::is_list)
    }
}

/// A `@sparse` list: its `null`s are not sent.
impl<T: Param> ParamValues for Vec<Option<T>> {
    fn each(&self, f: &mut dyn FnMut(&dyn Param) -> Result<(), String>) -> Result<(), String> {
        self.iter().flatten().try_for_each(|v| f(v))
    }

    fn is_list(&self) -> bool {
        true
    }
}

impl<T: Param> ParamValues for Vec<T> {
    fn each(&self, f: &mut dyn FnMut(&dyn Param) -> Result<(), String>) -> Result<(), String> {
        self.iter().try_for_each(|v| f(v))
    }

    fn is_list(&self) -> bool {
        true
    }
}

/// A member read from zero or more parameter values (all occurrences of a query key,
/// or the comma-separated items of a header).
pub trait FromParamValues: Sized {
    /// Builds the member from `values`; `None` when absent and allowed to be.
    ///
    /// # Errors
    /// A value that does not parse, or a missing required value (`Err(None)`).
    fn from_values(values: &[&str], format: TimestampFormat) -> Result<Self, Option<String>>;

    /// How header values of the member split into items.
    fn list_kind(_format: TimestampFormat) -> ListKind {
        ListKind::Scalar
    }
}

/// How a header value splits into a member's items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// One value: not split.
    Scalar,
    /// A list: split at commas outside quotes.
    Items,
    /// A list of `http-date`s: split at every second comma.
    HttpDates,
}

impl<T: FromParam> FromParamValues for T {
    fn from_values(values: &[&str], format: TimestampFormat) -> Result<Self, Option<String>> {
        match values.first() {
            Some(v) => T::from_param(v, format).map_err(Some),
            None => Err(None),
        }
    }
}

impl<T: FromParamValues> FromParamValues for Option<T> {
    fn from_values(values: &[&str], format: TimestampFormat) -> Result<Self, Option<String>> {
        if values.is_empty() {
            return Ok(None);
        }
        T::from_values(values, format).map(Some)
    }

    fn list_kind(format: TimestampFormat) -> ListKind {
        T::list_kind(format)
    }
}

/// A `@sparse` list read from parameters: every value is present.
impl<T: FromParam> FromParamValues for Vec<Option<T>> {
    fn from_values(values: &[&str], format: TimestampFormat) -> Result<Self, Option<String>> {
        values
            .iter()
            .map(|v| T::from_param(v, format).map(Some).map_err(Some))
            .collect()
    }

    fn list_kind(format: TimestampFormat) -> ListKind {
        if T::holds_comma(format) {
            ListKind::HttpDates
        } else {
            ListKind::Items
        }
    }
}

impl<T: FromParam> FromParamValues for Vec<T> {
    fn from_values(values: &[&str], format: TimestampFormat) -> Result<Self, Option<String>> {
        values
            .iter()
            .map(|v| T::from_param(v, format).map_err(Some))
            .collect()
    }

    fn list_kind(format: TimestampFormat) -> ListKind {
        if T::holds_comma(format) {
            ListKind::HttpDates
        } else {
            ListKind::Items
        }
    }
}

/// Writes `value` as one parameter's text.
pub(super) fn text(value: &dyn Param, format: TimestampFormat) -> Result<String, String> {
    let mut out = String::new();
    value.write_param(format, &mut out)?;
    Ok(out)
}

/// Splits a header value into list items: at commas outside double quotes, trimmed, quotes
/// removed and `\"`/`\\` unescaped. `http-date` timestamps hold a comma of their own, so
/// for them every second comma separates items.
pub(super) fn split_header_list(value: &str, http_dates: bool) -> Vec<String> {
    if http_dates {
        let parts: Vec<&str> = value.split(',').collect();
        return parts
            .chunks(2)
            .map(|pair| pair.join(",").trim().to_owned())
            .collect();
    }
    let mut items = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut was_quoted = false;
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                was_quoted = true;
            }
            '\\' if quoted => current.extend(chars.next()),
            ',' if !quoted => {
                items.push(finish(&current, was_quoted));
                current.clear();
                was_quoted = false;
            }
            c => current.push(c),
        }
    }
    items.push(finish(&current, was_quoted));
    items
}

fn finish(item: &str, was_quoted: bool) -> String {
    if was_quoted {
        item.trim_matches(' ').to_owned()
    } else {
        item.trim().to_owned()
    }
}

/// Quotes a header list item: `"` and `\` escaped.
pub(super) fn quote(item: &str) -> String {
    let mut out = String::with_capacity(item.len() + 2);
    out.push('"');
    for c in item.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

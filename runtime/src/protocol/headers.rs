//! The headers a request or response builder sends: those bound to members, then the
//! `@httpPrefixHeaders` entries no bound header overrides (spec http-bindings.rst
//! "httpPrefixHeaders": a bound header wins).

use std::collections::BTreeMap;

use super::super::param::TimestampFormat;
use super::values::{quote, text, ParamValues};
use super::BuildError;

/// Outgoing headers, checked to be valid HTTP header names and values when set.
#[derive(Debug, Default)]
pub(super) struct OutHeaders {
    bound: Vec<(String, String)>,
    prefixed: Vec<(String, String)>,
}

impl OutHeaders {
    /// Sets header `name` (omitted for `None`); a list is comma-separated, quoting items
    /// that hold `,` or `"` (a single value is sent as it is: an ETag's quotes are its
    /// own). An empty list still sends the header, empty.
    pub fn set(
        &mut self,
        name: &str,
        value: &impl ParamValues,
        format: TimestampFormat,
    ) -> Result<(), BuildError> {
        let mut items = Vec::new();
        let list = value.is_list();
        value
            .each(&mut |v| {
                let item = text(v, format)?;
                items.push(if list && v.needs_quotes() {
                    quote(&item)
                } else {
                    item
                });
                Ok(())
            })
            .map_err(|e| BuildError::new(name, e))?;
        if !items.is_empty() || value.is_list() {
            self.bound.push(checked(name, items.join(", "))?);
        }
        Ok(())
    }

    /// Sets a header whose value is already text (an error type, say).
    pub fn set_text(&mut self, name: &str, value: &str) -> Result<(), BuildError> {
        self.bound.push(checked(name, value.to_owned())?);
        Ok(())
    }

    /// One header per map entry, named `prefix` + key.
    pub fn prefixed(
        &mut self,
        prefix: &str,
        map: Option<&BTreeMap<String, String>>,
    ) -> Result<(), BuildError> {
        for (key, value) in map.into_iter().flatten() {
            self.prefixed
                .push(checked(&format!("{prefix}{key}"), value.clone())?);
        }
        Ok(())
    }

    /// Whether header `name` is set by a member.
    pub fn contains(&self, name: &str) -> bool {
        self.bound.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    }

    /// Bound headers, then prefixed ones no bound header overrides.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        let prefixed = self.prefixed.iter().filter(|(n, _)| !self.contains(n));
        self.bound
            .iter()
            .chain(prefixed)
            .map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

/// `(name, value)` if both are valid in HTTP, else an error naming the header.
fn checked(name: &str, value: String) -> Result<(String, String), BuildError> {
    if http::HeaderName::from_bytes(name.as_bytes()).is_err() {
        return Err(BuildError::new(name, "not a valid HTTP header name"));
    }
    if http::HeaderValue::from_str(&value).is_err() {
        return Err(BuildError::new(
            name,
            "the value holds characters an HTTP header cannot carry",
        ));
    }
    Ok((name.to_owned(), value))
}

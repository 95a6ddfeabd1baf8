//! Endpoint parameters an operation binds from its input (spec rules-engine/parameters.rst
//! "Binding parameter values"): `@staticContextParams` values, `@contextParam` members and
//! `@operationContextParams` paths, compiled by the generator into an
//! [`OperationParams`] implementation per operation (field accesses, no JMESPath at run
//! time), and the helpers that code calls.

use super::super::operation::Operation;
use super::{EndpointError, Params, Value};

/// The endpoint parameters operation `Self` binds from its input. A client sets them over
/// its built-ins and client context parameters (`Config::endpoint_params`): they are the
/// most specific values (spec rules-engine/parameters.rst).
pub trait OperationParams: Operation {
    /// Sets in `params` every parameter the operation binds from `input` (none by
    /// default). Unset members leave their parameter unset.
    ///
    /// # Errors
    /// [`EndpointError`] when a `@required` `@contextParam` member is empty or only
    /// whitespace: the spec forbids sending such a request.
    fn bind(input: &Self::Input, params: &mut Params) -> Result<(), EndpointError> {
        let _ = (input, params);
        Ok(())
    }
}

/// The value of `@required` `@contextParam` member `member` bound to parameter `param`.
///
/// # Errors
/// [`EndpointError`] naming both when `value` is empty or only whitespace (spec
/// rules-engine/parameters.rst, contextParam trait).
pub fn required(param: &str, member: &str, value: &str) -> Result<Value, EndpointError> {
    if value.trim().is_empty() {
        return Err(EndpointError::new(format!(
            "input member `{member}` (endpoint parameter `{param}`) is required and must not \
             be empty or blank"
        )));
    }
    Ok(Value::String(value.to_owned()))
}

/// A `stringArray` value of `items`.
pub fn strings<'a>(items: impl IntoIterator<Item = &'a str>) -> Value {
    Value::Array(
        items
            .into_iter()
            .map(|s| Value::String(s.to_owned()))
            .collect(),
    )
}

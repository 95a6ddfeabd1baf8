//! Error building blocks: the fault of a modeled error, unmodeled errors, the `Display`
//! form, and the macros that implement error enums.

use std::fmt;

/// Who is at fault for a modeled error (`@error("client")` / `@error("server")`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorFault {
    /// The caller sent something wrong.
    Client,
    /// The service failed.
    Server,
}

/// An error the model does not describe: what could be learned about it is kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnhandledError {
    /// The error code, if the response carried one.
    pub code: Option<String>,
    /// The error message, if any.
    pub message: Option<String>,
    /// The HTTP status, if there was a response.
    pub status: Option<u16>,
}

impl UnhandledError {
    /// The error returned by the default body of every service trait method.
    pub fn not_implemented(operation: &str) -> Self {
        UnhandledError {
            code: Some("NotImplemented".to_owned()),
            message: Some(format!("operation {operation} is not implemented")),
            status: Some(501),
        }
    }
}

impl fmt::Display for UnhandledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code.as_deref().unwrap_or("unhandled error"))?;
        if let Some(status) = self.status {
            write!(f, " (HTTP {status})")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnhandledError {}

/// The future returned by the default body of every service trait method: an immediate
/// `Unhandled` error saying operation `O` is not implemented (`input` is dropped).
pub fn not_implemented<O, I>(input: I) -> std::future::Ready<Result<O::Output, O::Error>>
where
    O: super::operation::Operation,
    O::Error: From<UnhandledError>,
{
    drop(input);
    std::future::ready(Err(O::Error::from(UnhandledError::not_implemented(
        O::NAME,
    ))))
}

/// Writes the `Display` form of a modeled error: `Code: message`, or `Code (HTTP status)`
/// when there is no message.
pub fn fmt_error(
    f: &mut fmt::Formatter<'_>,
    code: &str,
    status: u16,
    message: Option<&str>,
) -> fmt::Result {
    match message {
        Some(message) => write!(f, "{code}: {message}"),
        None => write!(f, "{code} (HTTP {status})"),
    }
}

/// Implements a modeled error structure's constants (`CODE`, `STATUS`, `FAULT`,
/// `RETRYABLE`), `message()`, `Display` and `Error`: `Name = "Code" status Fault
/// retryable, message` where `message` is `optional field`, `required field` or `none`.
#[allow(unused_macros)]
macro_rules! modeled_error {
    ($name:ident = $code:literal $status:literal $fault:ident $retryable:literal, $($message:tt)+) => {
        impl $name {
            /// The error code: the shape name.
            pub const CODE: &'static str = $code;
            /// The HTTP status of this error (`@httpError`, else 400 for client and 500 for
            /// server errors).
            pub const STATUS: u16 = $status;
            /// Whose fault this error is.
            pub const FAULT: rt::ErrorFault = rt::ErrorFault::$fault;
            /// Whether the request may be retried (`@retryable`).
            pub const RETRYABLE: bool = $retryable;
            /// The error message, if any.
            pub fn message(&self) -> Option<&str> {
                rt::modeled_error!(@message self $($message)+)
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                rt::fmt_error(f, Self::CODE, Self::STATUS, self.message())
            }
        }
        impl std::error::Error for $name {}
    };
    (@message $self:ident optional $field:ident) => {
        $self.$field.as_deref()
    };
    (@message $self:ident required $field:ident) => {
        Some(&$self.$field)
    };
    (@message $self:ident none) => {
        None
    };
}
#[allow(unused_imports)]
pub(crate) use modeled_error;

/// Implements `code()`, `Display`, `Error` and `From<UnhandledError>` for an error enum
/// whose variants each wrap the modeled error struct of the same name, plus `Unhandled`.
#[allow(unused_macros)]
macro_rules! error_enum {
    ($name:ident { $($variant:ident),* $(,)? }) => {
        impl $name {
            /// The error code (`CODE` of a modeled error), if known.
            pub fn code(&self) -> Option<&str> {
                match self {
                    $(Self::$variant(_) => Some($variant::CODE),)*
                    Self::Unhandled(e) => e.code.as_deref(),
                }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    $(Self::$variant(e) => std::fmt::Display::fmt(e, f),)*
                    Self::Unhandled(e) => std::fmt::Display::fmt(e, f),
                }
            }
        }
        impl std::error::Error for $name {}
        impl From<rt::UnhandledError> for $name {
            fn from(e: rt::UnhandledError) -> Self {
                Self::Unhandled(e)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use error_enum;

/// Implements `From<$from> for $to` for error enums with the listed variants in common.
#[allow(unused_macros)]
macro_rules! error_from {
    ($from:ident => $to:ident { $($variant:ident),* $(,)? }) => {
        impl From<$from> for $to {
            fn from(e: $from) -> Self {
                match e {
                    $($from::$variant(e) => Self::$variant(e),)*
                    $from::Unhandled(e) => Self::Unhandled(e),
                }
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use error_from;

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

/// What kind of failure an [`UnhandledError`] reports: an error response the model does
/// not describe, or a failure of the client before or around the exchange.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum UnhandledKind {
    /// The service answered with an error code (or none) that the operation does not model.
    #[default]
    Service,
    /// The request could not be sent or the response not received (connection refused,
    /// reset, TLS failure).
    Transport,
    /// An attempt or the whole operation took longer than its configured timeout.
    Timeout,
    /// A response arrived but could not be read (malformed body or header).
    Response,
    /// The request could not be built from the input (an empty label, no `@http` trait).
    Build,
    /// No endpoint could be resolved (no rule set and no endpoint URL, an error rule).
    Endpoint,
    /// No credentials could be loaded, or the request could not be signed with them.
    Credentials,
    /// The operation is not implemented (the service trait's default body).
    NotImplemented,
}

impl UnhandledKind {
    /// A short phrase naming the kind, e.g. `transport failure`.
    pub fn describe(self) -> &'static str {
        match self {
            UnhandledKind::Service => "unhandled service error",
            UnhandledKind::Transport => "transport failure",
            UnhandledKind::Timeout => "timed out",
            UnhandledKind::Response => "unreadable response",
            UnhandledKind::Build => "request not built",
            UnhandledKind::Endpoint => "no endpoint",
            UnhandledKind::Credentials => "no credentials",
            UnhandledKind::NotImplemented => "not implemented",
        }
    }
}

/// The error a failure is caused by, shared so that [`UnhandledError`] stays `Clone`.
pub type ErrorSource = std::sync::Arc<dyn std::error::Error + Send + Sync + 'static>;

/// An error the model does not describe: an unmodeled error response (kind
/// [`UnhandledKind::Service`], with what could be learned of it), or a failure of the
/// client (transport, timeout, unreadable response, …), with the error that caused it.
#[derive(Debug, Clone, Default)]
pub struct UnhandledError {
    /// What kind of failure this is.
    pub kind: UnhandledKind,
    /// The error code, if the response carried one.
    pub code: Option<String>,
    /// The error message, if any: for client failures, what happened and where.
    pub message: Option<String>,
    /// The HTTP status, if there was a response.
    pub status: Option<u16>,
    /// The request ID the service gave the response, if it gave one (the
    /// `x-amzn-requestid` or `x-amz-request-id` header, or an XML error document's
    /// `RequestId`): what the service's support asks for. Equality ignores it.
    pub request_id: Option<String>,
    /// The underlying error, returned by [`std::error::Error::source`] (equality ignores it).
    pub source: Option<ErrorSource>,
}

impl PartialEq for UnhandledError {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
            && self.code == other.code
            && self.message == other.message
            && self.status == other.status
    }
}

impl Eq for UnhandledError {}

impl UnhandledError {
    /// A client failure of `kind` described by `message`.
    pub fn new(kind: UnhandledKind, message: impl Into<String>) -> Self {
        UnhandledError {
            kind,
            message: Some(message.into()),
            ..UnhandledError::default()
        }
    }

    /// The same error, caused by `source`.
    #[must_use]
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(std::sync::Arc::new(source));
        self
    }

    /// The error returned by the default body of every service trait method.
    pub fn not_implemented(operation: &str) -> Self {
        UnhandledError {
            kind: UnhandledKind::NotImplemented,
            code: Some("NotImplemented".to_owned()),
            message: Some(format!("operation {operation} is not implemented")),
            status: Some(501),
            request_id: None,
            source: None,
        }
    }
}

impl fmt::Display for UnhandledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            UnhandledKind::Service | UnhandledKind::NotImplemented => {
                f.write_str(self.code.as_deref().unwrap_or("unhandled error"))?;
                if let Some(status) = self.status {
                    write!(f, " (HTTP {status})")?;
                }
                if let Some(message) = &self.message {
                    write!(f, ": {message}")?;
                }
            }
            kind => {
                f.write_str(self.message.as_deref().unwrap_or(kind.describe()))?;
                // The cause is part of what happened ("connection refused"); reporters
                // that walk `source()` see it once more.
                if let Some(source) = &self.source {
                    write!(f, ": {source}")?;
                }
            }
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request ID {id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnhandledError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// What a client needs to know of an operation's error enum: whether to retry and how,
/// implemented by the `error_enum!` macro from the modeled errors' `@retryable` traits.
pub trait RetryInfo {
    /// The error code, if known.
    fn error_code(&self) -> Option<&str>;
    /// Whether the error is a modeled `@retryable` error.
    fn is_retryable(&self) -> bool;
    /// Whether the error is a modeled `@retryable(throttling: true)` error.
    fn is_throttling(&self) -> bool;
    /// The error the model does not describe, if it is one.
    fn as_unhandled(&self) -> Option<&UnhandledError>;
}

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

/// A modeled error's message member, as a protocol reader fills it.
///
/// AWS services send an error's message as `message` or as `Message`, whichever way the
/// model spells its member (Chime models `Message`, IVS Chat `message`, and each service
/// sends both), so a reader that took only the member's own key would lose it. Clients
/// fill the member from the other spelling when the response left it absent, as botocore
/// and the AWS SDKs do.
pub trait MessageMember {
    /// Sets the message member to `message()` when it is absent: an optional member that
    /// is `None`, a required one left empty (error correction gives a missing required
    /// string its zero value). An error without a message member ignores it.
    fn fill_message(&mut self, message: impl FnOnce() -> Option<String>);
}

/// Implements a modeled error structure's constants (`CODE`, `STATUS`, `FAULT`,
/// `RETRYABLE`, `THROTTLING`), `message()`, [`MessageMember`], `Display` and `Error`:
/// `Name = "Code" status Fault retryable throttling, message` where `message` is
/// `optional field`, `required field` or `none`.
#[allow(unused_macros)]
macro_rules! modeled_error {
    ($name:ident = $code:literal $status:literal $fault:ident $retryable:literal $throttling:literal, $($message:tt)+) => {
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
            /// Whether the error reports throttling (`@retryable(throttling: true)`).
            pub const THROTTLING: bool = $throttling;
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
        impl rt::MessageMember for $name {
            fn fill_message(&mut self, message: impl FnOnce() -> Option<String>) {
                rt::modeled_error!(@fill self message $($message)+)
            }
        }
    };
    (@fill $self:ident $message:ident optional $field:ident) => {{
        if $self.$field.is_none() {
            $self.$field = $message();
        }
    }};
    (@fill $self:ident $message:ident required $field:ident) => {{
        if $self.$field.is_empty() {
            $self.$field = $message().unwrap_or_default();
        }
    }};
    (@fill $self:ident $message:ident none) => {{
        let _ = $message;
    }};
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

            /// Whether the error is a modeled `@retryable` error.
            pub fn is_retryable(&self) -> bool {
                match self {
                    $(Self::$variant(_) => $variant::RETRYABLE,)*
                    Self::Unhandled(_) => false,
                }
            }

            /// Whether the error is a modeled `@retryable(throttling: true)` error.
            pub fn is_throttling(&self) -> bool {
                match self {
                    $(Self::$variant(_) => $variant::THROTTLING,)*
                    Self::Unhandled(_) => false,
                }
            }
        }
        impl rt::RetryInfo for $name {
            fn error_code(&self) -> Option<&str> {
                self.code()
            }
            fn is_retryable(&self) -> bool {
                $name::is_retryable(self)
            }
            fn is_throttling(&self) -> bool {
                $name::is_throttling(self)
            }
            fn as_unhandled(&self) -> Option<&rt::UnhandledError> {
                // An enum without modeled errors has nothing but `Unhandled`.
                #[allow(unreachable_patterns)]
                match self {
                    Self::Unhandled(e) => Some(e),
                    _ => None,
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
        impl std::error::Error for $name {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                #[allow(unreachable_patterns)]
                match self {
                    Self::Unhandled(e) => std::error::Error::source(e),
                    _ => None,
                }
            }
        }
        impl From<rt::UnhandledError> for $name {
            fn from(e: rt::UnhandledError) -> Self {
                Self::Unhandled(e)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use error_enum;

/// Implements `From<$from> for $to` for error enums with the listed variants in common
/// (an operation's errors into the service's), and `TryFrom<$to> for $from` back, which
/// gives back an error of a variant `$from` does not list (a server's invalid-input hook
/// returns a service error, which must be one of the operation's).
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
        impl TryFrom<$to> for $from {
            type Error = $to;
            fn try_from(e: $to) -> Result<Self, $to> {
                #[allow(unreachable_patterns)]
                match e {
                    $($to::$variant(e) => Ok(Self::$variant(e)),)*
                    $to::Unhandled(e) => Ok(Self::Unhandled(e)),
                    other => Err(other),
                }
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use error_from;

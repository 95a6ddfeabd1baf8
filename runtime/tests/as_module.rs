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
fn not_implemented_is_a_ready_unhandled_error() {
    let ready: std::future::Ready<Result<(), GetError>> = rt::not_implemented("Get");
    match ready.into_inner() {
        Err(GetError::Unhandled(e)) => assert_eq!(e, rt::UnhandledError::not_implemented("Get")),
        other => panic!("expected Unhandled, got {other:?}"),
    }
}

//! Behaviour, snapshot and conformance tests for the generator and the generated crates.
//!
//! The README's consumer example is compiled and run from here as a doctest.
#![doc = include_str!("../../README.md")]

/// Unknown enum values and union members are opaque: code outside the generated crate can
/// read them but not make one, so an `Unknown` never stands for a listed value.
///
/// ```
/// use generated::ivschat::ResourceType;
/// assert_eq!(ResourceType::from("ROOM"), ResourceType::Room);
/// let other = ResourceType::from("LOBBY");
/// assert!(matches!(&other, ResourceType::Unknown(v) if v.as_str() == "LOBBY"));
/// ```
///
/// ```compile_fail,E0624
/// # use generated::ivschat::ResourceType;
/// let room = ResourceType::Unknown(generated::runtime::UnknownValue::new("ROOM".to_owned()));
/// ```
///
/// ```compile_fail,E0624
/// # use generated::ivschat::DestinationConfiguration;
/// let s3 = DestinationConfiguration::Unknown(generated::runtime::UnknownMember::new(
///     "s3",
///     serde_json::json!({ "bucketName": "b" }),
/// ));
/// ```
pub mod opaque_unknowns {}

/// Asserts `token` is a canonical, lower-case UUID version 4 (RFC 9562 variant): what an
/// unset `@idempotencyToken` member is sent as. Shared with the wasm32 tests.
pub use wasm_tests::assert_uuid_v4;

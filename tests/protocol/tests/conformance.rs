//! One test per restJson1 protocol compliance case, in modules by kind:
//! `client_request`, `client_response`, `server_request`, `server_response`,
//! `malformed`. Cases this implementation does not run are `#[ignore]`d with the reason.

#![allow(deprecated, clippy::all)]

include!(concat!(env!("OUT_DIR"), "/cases.rs"));

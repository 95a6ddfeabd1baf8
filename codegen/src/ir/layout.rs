//! The module layout of a generated crate, known here and nowhere else: which file each
//! generated item lives in, and the paths and module declarations that follow.
//!
//! ```text
//! Cargo.toml
//! src/lib.rs              one `pub mod <service>` per service, behind its feature
//! src/runtime/…           the runtime crate's sources, copied
//! src/<service>/mod.rs    re-exports every public item of the files below
//! src/<service>/types.rs       structures, unions, enums
//! src/<service>/errors.rs      error structures and error enums
//! src/<service>/operations.rs  operation metadata and the service trait
//! src/<service>/validate.rs    constraint checks (private)
//! src/<service>/protocol.rs    protocol bindings of inputs, outputs, errors (feature `http`)
//! src/<service>/xml.rs         XML descriptors of structures and unions (feature `http`; restXml,
//!                              awsQuery and ec2Query services only)
//! src/<service>/endpoint.rs    the endpoint rule set, if the model has one (feature `client-core`)
//! src/partitions.rs       the AWS partitions `aws.partition` reads (feature `client-core`, when
//!                         a service has a rule set)
//! src/<service>/client.rs      the service's `Client` and paginators (feature `client-core`)
//! src/<service>/server.rs      the service trait served over HTTP (feature `server`; not for
//!                              awsQuery and ec2Query services)
//! ```
//!
//! Generated files refer to the runtime as `rt` (`use crate::runtime as rt;`) and to each
//! other through the service module (`super::Name`).

/// A file of a service module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Home {
    Types,
    Errors,
    Operations,
    Validate,
    Protocol,
    Xml,
    Endpoint,
    Client,
    Server,
}

impl Home {
    /// Every file, in the order the service module declares them.
    pub const ALL: [Home; 9] = [
        Home::Errors,
        Home::Operations,
        Home::Types,
        Home::Validate,
        Home::Protocol,
        Home::Xml,
        Home::Endpoint,
        Home::Client,
        Home::Server,
    ];

    /// The module name, e.g. `types`.
    pub fn module(self) -> &'static str {
        match self {
            Home::Types => "types",
            Home::Errors => "errors",
            Home::Operations => "operations",
            Home::Validate => "validate",
            Home::Protocol => "protocol",
            Home::Xml => "xml",
            Home::Endpoint => "endpoint",
            Home::Client => "client",
            Home::Server => "server",
        }
    }

    /// The cargo feature the module is compiled under, if any.
    pub fn feature(self) -> Option<&'static str> {
        match self {
            Home::Protocol | Home::Xml => Some(HTTP_FEATURE),
            Home::Endpoint => Some(CLIENT_FEATURE),
            Home::Client => Some(CLIENT_FEATURE),
            Home::Server => Some(SERVER_FEATURE),
            _ => None,
        }
    }

    /// Whether the module is public (`endpoint` is, its `rules()` reached by path).
    pub fn is_public(self) -> bool {
        !matches!(self, Home::Validate | Home::Protocol | Home::Xml)
    }

    /// Whether the service module re-exports the module's items.
    pub fn is_reexported(self) -> bool {
        self.is_public() && self != Home::Endpoint
    }

    /// Whether `service` has this file (`endpoint.rs` only with a rule set, `xml.rs`
    /// only for an XML protocol, `server.rs` only for a protocol with a server).
    pub fn exists_for(self, service: &super::Service) -> bool {
        match self {
            Home::Endpoint => service.endpoint_rule_set.is_some(),
            Home::Xml => service.protocol.is_xml(),
            Home::Server => service.protocol.has_server(),
            _ => true,
        }
    }

    /// The file's path in the crate, e.g. `src/chime/types.rs`.
    pub fn file(self, service: &str) -> String {
        format!("src/{service}/{}.rs", self.module())
    }
}

/// The path of a service's `mod.rs`.
pub fn service_mod_file(service: &str) -> String {
    format!("src/{service}/mod.rs")
}

/// The crate root.
pub const LIB_FILE: &str = "src/lib.rs";

/// The manifest.
pub const MANIFEST_FILE: &str = "Cargo.toml";

/// The feature that compiles the wire protocols (the runtime's `protocol` module and
/// each service's `protocol.rs`).
pub const HTTP_FEATURE: &str = "http";

/// The feature that compiles clients' core: the runtime's `client` module and endpoint
/// rules engine, each service's `client.rs` and `endpoint.rs`, and the crate's
/// partitions. It needs no transport or async runtime (it builds for wasm32); the
/// runtime's feature `client` adds the default ones (hyper + rustls, tokio) on top.
pub const CLIENT_FEATURE: &str = "client-core";

/// The AWS partitions (`aws.partition` data), crate-level.
pub const PARTITIONS_FILE: &str = "src/partitions.rs";

/// The partitions module's name in the crate root.
pub const PARTITIONS_MODULE: &str = "partitions";

/// The feature that compiles each service's HTTP server (`server.rs`) and the runtime's
/// `server` module.
pub const SERVER_FEATURE: &str = "server";

/// The runtime module's name in the crate root.
pub const RUNTIME_MODULE: &str = "runtime";

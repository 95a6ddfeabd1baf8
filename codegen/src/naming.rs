//! The only place that cases and escapes identifiers.
//!
//! Every Rust identifier the generator prints is an [`Ident`], and an [`Ident`] can only be
//! made by the functions here. The rules:
//!
//! - **Types** (structures, unions, enums, errors, operations, service traits):
//!   `UpperCamelCase` (heck). A name that would shadow something generated code uses
//!   unqualified — the Rust prelude (`Option`, `Result`, `String`, `Box`, `Vec`, `Some`,
//!   `None`, `Ok`, `Err`, `Default`, `Clone`, `Send`, `Sync`, `From`, `Into`, …) — or the
//!   keyword `Self`, or the error enums' own `Unhandled` variant, gets the suffix `Value`:
//!   shape `Option` → `OptionValue`, error `Unhandled` → `UnhandledValue` (its error code
//!   stays `Unhandled`).
//! - **Fields, methods, functions, modules**: `snake_case` (heck). A Rust keyword (strict,
//!   reserved, or edition-2018+/2024 such as `async`, `await`, `dyn`, `try`, `gen`) gets a
//!   trailing underscore: `type` → `type_`, `self` → `self_`. Raw identifiers are never
//!   used (`self`, `super`, `crate`, `Self` cannot be raw).
//! - **Enum and union variants**: `UpperCamelCase`; the generator's own variants `Unknown`
//!   and `Unhandled`, and `Self`, get the suffix `Value`. Enum *values* that do not start
//!   with a letter get the prefix `V` (`"1080p"` → `V1080p`); a value with no letters or
//!   digits becomes `Variant<index>`.
//! - **Collisions** inside one scope (two members that case to the same field, two values
//!   that case to the same variant, a generated name such as `CreateRoomError` that a model
//!   shape already uses) are resolved by a [`Scope`]: the first claimant, in model order,
//!   keeps the name and later ones get a numeric suffix (`foo_bar_2`, `FooBar2`). Model
//!   shapes whose *type* names collide are an error instead (the service should `rename`).

use std::collections::BTreeSet;
use std::fmt;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// A valid, escaped Rust identifier.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ident(String);

/// Prints the identifier as written in Rust, so IR snapshots stay compact.
impl std::fmt::Debug for Ident {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Ident {
    /// The identifier text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl quote::ToTokens for Ident {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        proc_macro2::Ident::new(&self.0, proc_macro2::Span::call_site()).to_tokens(tokens);
    }
}

/// Strict, reserved and weak-but-troublesome keywords of every edition up to 2024.
const KEYWORDS: &[&str] = &[
    "abstract",
    "as",
    "async",
    "await",
    "become",
    "box",
    "break",
    "const",
    "continue",
    "crate",
    "do",
    "dyn",
    "else",
    "enum",
    "extern",
    "false",
    "final",
    "fn",
    "for",
    "gen",
    "if",
    "impl",
    "in",
    "let",
    "loop",
    "macro",
    "match",
    "mod",
    "move",
    "mut",
    "override",
    "priv",
    "pub",
    "ref",
    "return",
    "self",
    "Self",
    "static",
    "struct",
    "super",
    "trait",
    "true",
    "try",
    "type",
    "typeof",
    "unsafe",
    "unsized",
    "use",
    "virtual",
    "where",
    "while",
    "yield",
    "union",
    "macro_rules",
    "raw",
    "safe",
    "_",
];

/// Type names generated code relies on unqualified (Rust prelude and `Self`), and
/// `Unhandled`, the built-in variant of every error enum (an error shape's name is its
/// variant's).
const RESERVED_TYPES: &[&str] = &[
    "Self",
    "Unhandled",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "Iterator",
    "IntoIterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "Extend",
    "ToString",
    "ToOwned",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "AsRef",
    "AsMut",
    "FromIterator",
];

/// Variant names the generator itself uses.
const RESERVED_VARIANTS: &[&str] = &["Self", "Unknown", "Unhandled"];

fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// Replaces characters that cannot appear in an identifier by word breaks.
fn sanitize(raw: &str) -> String {
    raw.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                ' '
            }
        })
        .collect()
}

fn snake(raw: &str) -> String {
    let mut s = sanitize(raw).to_snake_case();
    if s.is_empty() {
        s = "value".to_owned();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'v');
    }
    if is_keyword(&s) {
        s.push('_');
    }
    s
}

fn camel(raw: &str) -> String {
    let mut s = sanitize(raw).to_upper_camel_case();
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'V');
    }
    s
}

/// A type name: `UpperCamelCase`, prelude names and `Self` suffixed with `Value`.
pub fn type_name(raw: &str) -> Ident {
    let mut s = camel(raw);
    if s.is_empty() {
        s = "Shape".to_owned();
    }
    if RESERVED_TYPES.contains(&s.as_str()) {
        s.push_str("Value");
    }
    Ident(s)
}

/// A type name the generator derives from a model name, e.g. `<Operation>Error`.
pub fn generated_type_name(base: &Ident, suffix: &str) -> Ident {
    type_name(&format!("{}{suffix}", base.0))
}

/// A structure field or union/enum accessor: `snake_case`, keywords suffixed with `_`.
pub fn field_name(raw: &str) -> Ident {
    Ident(snake(raw))
}

/// A method or function name (service trait methods, helper functions).
pub fn method_name(raw: &str) -> Ident {
    Ident(snake(raw))
}

/// Module names the generated crate uses itself (`crate::runtime`, `crate::partitions`).
const RESERVED_MODULES: &[&str] = &[
    "runtime",
    "partitions",
    "std",
    "core",
    "alloc",
    "serde",
    "serde_json",
    // Features of the crate (a service is a feature named after its module): Cargo's
    // `default` and the runtime's.
    "default",
    "http",
    "client",
    "server",
    "cbor",
    "xml",
];

/// A service module name: `snake_case`, keywords suffixed with `_`, and the generator's
/// own crate-level names (`runtime`) and crate names generated code refers to (`std`,
/// `serde`, …) suffixed with `_service`.
pub fn module_name(raw: &str) -> Ident {
    let mut s = snake(raw);
    if RESERVED_MODULES.contains(&s.as_str()) {
        s.push_str("_service");
    }
    Ident(s)
}

/// A Cargo package name for a generated crate: ASCII lowercase (an upper-case library
/// name fails `non_snake_case`), any character other than a letter, digit, `-` or `_`
/// becoming `-`, runs of them one.
///
/// # Errors
/// Why the name cannot be one: empty once normalised, or not starting with a letter.
pub fn crate_name(raw: &str) -> Result<String, String> {
    let mut out = String::new();
    for c in raw.chars() {
        let c = c.to_ascii_lowercase();
        let c = if c.is_ascii_alphanumeric() || c == '_' {
            c
        } else {
            '-'
        };
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    let out = out.trim_matches('-').to_owned();
    match out.chars().next() {
        Some(first) if first.is_ascii_alphabetic() => Ok(out),
        _ => Err(format!(
            "`{raw}` cannot be a crate name: it must start with a letter (give one with --name)"
        )),
    }
}

/// An enum or union variant from a member name: `UpperCamelCase`; `Unknown`, `Unhandled`
/// and `Self` suffixed with `Value`.
pub fn variant_name(raw: &str, index: usize) -> Ident {
    let mut s = camel(raw);
    if s.is_empty() {
        s = format!("Variant{index}");
    }
    if RESERVED_VARIANTS.contains(&s.as_str()) {
        s.push_str("Value");
    }
    Ident(s)
}

/// The function returning a member's non-zero `@default`: `default_<type>_<field>`.
pub fn default_fn_name(type_name: &Ident, field: &Ident) -> Ident {
    Ident(format!(
        "default_{}_{}",
        snake(type_name.as_str()).trim_end_matches('_'),
        field.0.trim_end_matches('_')
    ))
}

/// The function checking the constraints of the shape named `shape`: `check_<shape>`.
pub fn check_fn_name(shape: &str) -> Ident {
    Ident(format!("check_{}", snake(shape).trim_end_matches('_')))
}

/// The server's function making the error `error` of a request's violations:
/// `invalid_<error>`.
pub fn invalid_input_fn_name(error: &Ident) -> Ident {
    Ident(format!(
        "invalid_{}",
        snake(error.as_str()).trim_end_matches('_')
    ))
}

/// The compiled `index`-th distinct `@pattern` in a validation module.
pub fn pattern_static(index: usize) -> Ident {
    Ident(format!("PATTERN_{index}"))
}

/// The static holding the XML descriptor of the type `type_name`: `XML_<TYPE>`, e.g.
/// `XML_NESTED_ITEM`.
pub fn xml_static(type_name: &str) -> Ident {
    Ident(format!(
        "XML_{}",
        snake(type_name).trim_end_matches('_').to_uppercase()
    ))
}

/// The fixed name `name`, which must already be a valid, non-keyword identifier (used for
/// the generator's own items such as `types`, `runtime`, `Unknown`).
pub fn fixed(name: &'static str) -> Ident {
    debug_assert!(!is_keyword(name) && !name.is_empty());
    Ident(name.to_owned())
}

/// A set of names in one Rust namespace (a module's types, a struct's fields, an enum's
/// variants). The first claimant keeps a name; later ones get a numeric suffix.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    used: BTreeSet<String>,
}

impl Scope {
    /// An empty scope.
    pub fn new() -> Self {
        Scope::default()
    }

    /// Whether `ident` is taken.
    pub fn contains(&self, ident: &Ident) -> bool {
        self.used.contains(&ident.0)
    }

    /// Claims `ident` exactly, or returns `None` if it is taken.
    pub fn claim_exact(&mut self, ident: Ident) -> Option<Ident> {
        self.used.insert(ident.0.clone()).then_some(ident)
    }

    /// Claims `ident`, or the first free `ident2`, `ident3`, … (`ident_2`, … for
    /// snake_case names).
    pub fn claim(&mut self, ident: Ident) -> Ident {
        if self.used.insert(ident.0.clone()) {
            return ident;
        }
        let base = ident.0.trim_end_matches('_');
        let snake = base.starts_with(|c: char| c.is_ascii_lowercase());
        for n in 2.. {
            let candidate = if snake {
                format!("{base}_{n}")
            } else {
                format!("{base}{n}")
            };
            if self.used.insert(candidate.clone()) {
                return Ident(candidate);
            }
        }
        unreachable!("an unbounded counter always finds a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_snake_case_and_escape_keywords() {
        assert_eq!(field_name("ChannelARN").as_str(), "channel_arn");
        assert_eq!(field_name("maxResults").as_str(), "max_results");
        assert_eq!(field_name("type").as_str(), "type_");
        assert_eq!(field_name("Type").as_str(), "type_");
        assert_eq!(field_name("self").as_str(), "self_");
        assert_eq!(field_name("Self").as_str(), "self_");
        assert_eq!(field_name("crate").as_str(), "crate_");
        assert_eq!(field_name("super").as_str(), "super_");
        for kw in ["async", "await", "dyn", "try", "gen", "match", "yield"] {
            assert_eq!(field_name(kw).as_str(), format!("{kw}_"));
        }
        assert_eq!(field_name("_private").as_str(), "private");
    }

    #[test]
    fn type_names_avoid_prelude_names() {
        assert_eq!(type_name("Option").as_str(), "OptionValue");
        assert_eq!(type_name("Result").as_str(), "ResultValue");
        assert_eq!(type_name("String").as_str(), "StringValue");
        assert_eq!(type_name("Box").as_str(), "BoxValue");
        assert_eq!(type_name("Self").as_str(), "SelfValue");
        assert_eq!(type_name("Default").as_str(), "DefaultValue");
        assert_eq!(type_name("CreateRoomRequest").as_str(), "CreateRoomRequest");
        assert_eq!(type_name("ID").as_str(), "Id");
        assert_eq!(type_name("E164PhoneNumber").as_str(), "E164PhoneNumber");
    }

    #[test]
    fn variants_avoid_generator_names_and_bad_starts() {
        assert_eq!(variant_name("Unknown", 0).as_str(), "UnknownValue");
        assert_eq!(variant_name("Unhandled", 0).as_str(), "UnhandledValue");
        assert_eq!(type_name("Unhandled").as_str(), "UnhandledValue");
        assert_eq!(
            crate_name("rpcv2Cbor-extras").as_deref(),
            Ok("rpcv2cbor-extras")
        );
        assert_eq!(crate_name("my.crate").as_deref(), Ok("my-crate"));
        assert_eq!(crate_name("My Crate!").as_deref(), Ok("my-crate"));
        assert!(crate_name("1crate").is_err());
        assert!(crate_name("..").is_err());
        assert_eq!(variant_name("Self", 0).as_str(), "SelfValue");
        assert_eq!(variant_name("1080p", 0).as_str(), "V1080p");
        assert_eq!(variant_name("us-east-1", 0).as_str(), "UsEast1");
        assert_eq!(variant_name("CREATE_FAILED", 0).as_str(), "CreateFailed");
        assert_eq!(variant_name("*", 3).as_str(), "Variant3");
    }

    #[test]
    fn scopes_resolve_collisions_deterministically() {
        let mut fields = Scope::new();
        assert_eq!(fields.claim(field_name("fooBar")).as_str(), "foo_bar");
        assert_eq!(fields.claim(field_name("FooBar")).as_str(), "foo_bar_2");
        assert_eq!(fields.claim(field_name("foo_bar")).as_str(), "foo_bar_3");
        let mut kw = Scope::new();
        assert_eq!(kw.claim(field_name("type")).as_str(), "type_");
        assert_eq!(kw.claim(field_name("Type")).as_str(), "type_2");
        let mut types = Scope::new();
        assert_eq!(
            types.claim(type_name("CreateRoomError")).as_str(),
            "CreateRoomError"
        );
        let generated = generated_type_name(&type_name("CreateRoom"), "Error");
        assert_eq!(types.claim(generated).as_str(), "CreateRoomError2");
        assert!(types.claim_exact(type_name("CreateRoomError")).is_none());
    }

    #[test]
    fn modules_and_helpers() {
        assert_eq!(module_name("Chime").as_str(), "chime");
        assert_eq!(module_name("ivschat").as_str(), "ivschat");
        assert_eq!(module_name("Runtime").as_str(), "runtime_service");
        assert_eq!(module_name("Partitions").as_str(), "partitions_service");
        assert_eq!(module_name("serde").as_str(), "serde_service");
        assert_eq!(module_name("Default").as_str(), "default_service");
        assert_eq!(
            module_name("Service Catalog AppRegistry").as_str(),
            "service_catalog_app_registry"
        );
        assert_eq!(method_name("CreateRoom").as_str(), "create_room");
        assert_eq!(
            default_fn_name(&type_name("ThrottlingException"), &field_name("limit")).as_str(),
            "default_throttling_exception_limit"
        );
        assert_eq!(
            check_fn_name("NonEmptyString").as_str(),
            "check_non_empty_string"
        );
        assert_eq!(check_fn_name("Type").as_str(), "check_type");
    }
}

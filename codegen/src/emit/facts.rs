//! The facts that end a doc comment, as a service's REST reference gives them: for a
//! member whether it is required, its default, constraints and where it travels; for an
//! input or output structure its operation and `METHOD URI → status`; for an error its
//! HTTP status and fault.

use crate::ir::{
    ErrorDef, Fault, Field, HttpBinding, Presence, Protocol, Service, Ty, TyKind, XmlService,
};
use crate::naming::Ident;

/// `text` then `facts` (when there are any): on the next line after a Markdown hard
/// break when `text` is one plain line, else as a paragraph of their own.
pub(crate) fn with_facts(text: &str, facts: &str) -> String {
    let plain_line = !text.contains('\n')
        && !text.ends_with(['\\', '`'])
        && !text.starts_with(['-', '*', '#', '>', '|', ' ']);
    match (facts.is_empty(), plain_line) {
        (true, _) => text.to_owned(),
        (false, true) => format!("{text}\\\n{facts}"),
        (false, false) => format!("{text}\n\n{facts}"),
    }
}

/// A Markdown code span holding `text`, whatever backticks it contains (control
/// characters escaped).
pub(crate) fn code(text: &str) -> String {
    // A code span holds one line of text: control characters (a pattern's literal tab,
    // CR or LF) are shown as their escapes, which read the same in a regex.
    let text: String = text
        .chars()
        .map(|c| match c {
            '\n' => "\\n".to_owned(),
            '\r' => "\\r".to_owned(),
            '\t' => "\\t".to_owned(),
            c if c.is_control() => format!("\\u{{{:04x}}}", u32::from(c)),
            c => c.to_string(),
        })
        .collect();
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest == 0 && !text.starts_with(' ') && !text.ends_with(' ') {
        format!("{fence}{text}{fence}")
    } else {
        format!("{fence} {text} {fence}")
    }
}

/// The facts of a structure member of `service`, one line: `**Required.** Length 2–64.
/// On the wire: JSON member `Name`.` (a CBOR map key, XML element or attribute, or query
/// key instead, as the service's protocol sends it).
pub(crate) fn field(service: &Service, field: &Field) -> String {
    let mut facts = vec![presence(&field.presence)];
    constraints(&field.ty, "", &mut facts);
    facts.push(format!("On the wire: {}.", wire(service, field)));
    if field.sensitive {
        facts.push("Sensitive: redacted by `Debug`.".to_owned());
    }
    facts.join(" ")
}

fn presence(presence: &Presence) -> String {
    match presence {
        Presence::Required => "**Required.**".to_owned(),
        Presence::Optional => "Optional.".to_owned(),
        Presence::Default(d) => format!("Optional, default {}.", code(&d.value.to_string())),
        Presence::InputDefault(d) => format!(
            "Optional, default {}: `None` is not sent and the service applies the default; \
             a value set is sent, even one equal to it.",
            code(&d.value.to_string())
        ),
        Presence::IdempotencyToken => {
            "Optional: an idempotency token, filled with a UUID v4 when `None`.".to_owned()
        }
    }
}

/// Length, range, pattern and uniqueness facts of `ty`, then of its list items and map keys and values.
fn constraints(ty: &Ty, prefix: &str, lines: &mut Vec<String>) {
    let c = &ty.constraints;
    let name = |word: &str| match prefix {
        "" => word[..1].to_uppercase() + &word[1..],
        _ => format!("{prefix}{word}"),
    };
    if let Some((min, max)) = c.length {
        let unit = match ty.kind {
            TyKind::String => " characters",
            TyKind::Blob => " bytes",
            TyKind::List { .. } => " items",
            TyKind::Map { .. } => " entries",
            _ => "",
        };
        lines.push(format!("{} {}{unit}.", name("length"), bounds(min, max)));
    }
    if let Some((min, max)) = c.range {
        lines.push(format!("{} {}.", name("range"), bounds(min, max)));
    }
    if let Some(pattern) = &c.pattern {
        let line = match &c.pattern_check {
            Some(crate::pattern::Decision::NotEnforced(why)) => format!(
                "{} {}, not enforced ({}).",
                name("pattern"),
                code(pattern),
                code(why)
            ),
            _ => format!("{} {}.", name("pattern"), code(pattern)),
        };
        lines.push(line);
    }
    if c.unique_items {
        lines.push(format!("{} unique.", name("items")));
    }
    match &ty.kind {
        TyKind::List { item, .. } => constraints(item, "Each item: ", lines),
        TyKind::Map { key, value, .. } => {
            constraints(key, "Each key: ", lines);
            constraints(value, "Each value: ", lines);
        }
        _ => {}
    }
}

fn bounds<T: std::fmt::Display + PartialEq>(min: Option<T>, max: Option<T>) -> String {
    match (min, max) {
        (Some(min), Some(max)) if min == max => format!("exactly {min}"),
        (Some(min), Some(max)) => format!("{min}–{max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "any".to_owned(),
    }
}

fn wire(service: &Service, field: &Field) -> String {
    match &field.http {
        None => match (&service.xml, service.protocol) {
            (Some(xml), protocol) => xml_wire(protocol, xml, field),
            // rpcv2Cbor sends a structure as a CBOR map keyed by member name (spec
            // smithy-rpc-v2-cbor.rst, "Shape serialization").
            (None, Protocol::RpcV2Cbor) => format!("CBOR map key {}", code(&field.json_name)),
            (None, _) => format!("JSON member {}", code(&field.json_name)),
        },
        Some(HttpBinding::Label) => {
            let label = field.id.member().unwrap_or(&field.json_name);
            format!("URI path label {}", code(&format!("{{{label}}}")))
        }
        Some(HttpBinding::Query(key)) => format!("query parameter {}", code(key)),
        Some(HttpBinding::QueryParams) => "query parameters, one per map entry".to_owned(),
        Some(HttpBinding::Header(name)) => format!("HTTP header {}", code(name)),
        Some(HttpBinding::PrefixHeaders(prefix)) => {
            format!("HTTP headers named {}…, one per map entry", code(prefix))
        }
        Some(HttpBinding::Payload) => "the whole HTTP body".to_owned(),
        Some(HttpBinding::ResponseCode) => "the HTTP status code".to_owned(),
    }
}

/// Where a body member of an XML protocol's service travels: its XML element or
/// attribute, and for awsQuery and ec2Query its request form key.
fn xml_wire(protocol: Protocol, xml: &XmlService, field: &Field) -> String {
    let traits = xml.get(&field.id);
    let member = field.id.member().unwrap_or(&field.json_name);
    let name = traits.name.as_deref().unwrap_or(member);
    let node = if traits.attribute {
        "XML attribute"
    } else {
        "XML element"
    };
    let node = format!("{node} {}", code(name));
    if protocol.is_query() {
        let key = super::xml::query_name(protocol, member, traits);
        format!("query key {}, {node}", code(&key))
    } else {
        node
    }
}

/// Which operations take or return the structure `name`, with `METHOD URI → status`.
pub(crate) fn io(service: &Service, name: &Ident) -> String {
    let mut lines = Vec::new();
    for op in service.operations.values() {
        let http = match &op.http {
            Some(h) => format!(
                ": {} → {}",
                code(&format!("{} {}", h.method, h.uri.text)),
                h.code
            ),
            None => " (no HTTP binding in the model)".to_owned(),
        };
        let is = |s: &Option<crate::ir::Symbol>| s.as_ref().is_some_and(|s| &s.name == name);
        if is(&op.input) {
            lines.push(format!("The input of [`{0}`](super::{0}){http}.", op.name));
        }
        if is(&op.output) {
            lines.push(format!("The output of [`{0}`](super::{0}){http}.", op.name));
        }
    }
    lines.join("\n")
}

/// An error's status, fault and retry behaviour, e.g. `HTTP 429, client fault, retryable
/// (throttling).`
pub(crate) fn error(def: &ErrorDef) -> String {
    let fault = match def.fault {
        Fault::Client => "client fault",
        Fault::Server => "server fault",
    };
    let retry = match (def.retryable, def.throttling) {
        (true, true) => ", retryable (throttling)",
        (true, false) => ", retryable",
        _ => "",
    };
    format!("HTTP {}, {fault}{retry}.", def.status)
}

/// The first paragraph of an item's docs.
pub(crate) fn summary(docs: &str) -> &str {
    docs.split("\n\n").next().unwrap_or(docs).trim()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::model::load_sources;

    /// The facts line of `Thing$name` in a one-operation service under `protocol`.
    fn name_facts(protocol: &str) -> String {
        let idl = format!(
            "$version: \"2\"\nnamespace example.facts\nuse {protocol}\n\
             @{short}\nservice Facts {{ version: \"1\", operations: [Put] }}\n\
             operation Put {{ input := {{ name: String }} }}\n",
            short = protocol.rsplit('#').next().unwrap_or(protocol),
        );
        let model = load_sources(&[(Arc::from("facts.smithy"), idl)]).expect("model loads");
        let krate = crate::lower(&model).expect("model lowers");
        let service = &krate.services[0];
        let def = service
            .types
            .values()
            .find_map(|t| match &t.kind {
                crate::ir::TypeKind::Struct(def) => Some(def),
                _ => None,
            })
            .expect("the input structure");
        super::field(service, &def.fields[0])
    }

    #[test]
    fn body_members_are_named_in_the_protocol_s_body_format() {
        let cbor = name_facts("smithy.protocols#rpcv2Cbor");
        assert!(
            cbor.ends_with("On the wire: CBOR map key `name`."),
            "{cbor}"
        );
        for json in ["smithy.protocols#rpcv2Json", "aws.protocols#awsJson1_0"] {
            let facts = name_facts(json);
            assert!(
                facts.ends_with("On the wire: JSON member `name`."),
                "{facts}"
            );
        }
    }
}

//! The public API surface of a generated crate, one sorted line per item.
//!
//! [`surface`] prints what a consumer of the generated crate can see — each service, type,
//! field, enum value, union variant, operation and error — as one self-describing line
//! that starts with a stable key (`<module> <kind> <name>`), sorted, with no docs text.
//! A snapshot of it turns a model bump into a short diff where every `-`/`+` pair is a
//! change consumers see:
//!
//! ```text
//! ivschat type CreateRoomRequest struct (com.amazonaws.ivschat#CreateRoomRequest)
//! ivschat field CreateRoomRequest.maximum_message_length: i32 optional wire="maximumMessageLength" body range=1..=500
//! ivschat enum ChatTokenCapability = SendMessage "SEND_MESSAGE"
//! ivschat operation CreateRoom POST /rooms -> 200 fn=create_room input=CreateRoomRequest output=CreateRoomResponse errors=[AccessDeniedException, …]
//! ivschat error ConflictException client 409 (com.amazonaws.ivschat#ConflictException)
//! ```
//!
//! Rust types are printed from [`Ty::tokens`] with whitespace removed and the crate's own
//! module paths (`crate::`, `<module>::types::`, `std::collections::`) dropped.

use std::fmt::Display;

use super::{
    Crate, EnumValue, ErrorDef, Fault, Field, HttpBinding, OperationDef, Presence, Service,
    TimestampFormat, Ty, TyKind, TypeDef, TypeKind,
};

/// One line per service, type, field, enum value, union variant, operation and error of
/// every service in `krate`, sorted; each line ends with `\n`.
pub fn surface(krate: &Crate) -> String {
    let mut lines = Vec::new();
    for service in &krate.services {
        service_lines(service, &mut lines);
    }
    lines.sort();
    lines.dedup();
    lines.into_iter().map(|line| line + "\n").collect()
}

fn service_lines(service: &Service, lines: &mut Vec<String>) {
    let m = service.module.as_str();
    let mut line = format!(
        "{m} service {} ({}) error={}",
        service.trait_name, service.id, service.error_name
    );
    if let Some(version) = &service.version {
        line += &format!(" version={version:?}");
    }
    flag(&mut line, service.deprecated.is_some(), "deprecated");
    lines.push(line);
    for ty in service.types.values() {
        type_lines(m, ty, lines);
    }
    lines.extend(service.operations.values().map(|op| operation_line(m, op)));
    for error in service.errors.values() {
        error_lines(m, error, lines);
    }
}

fn type_lines(m: &str, ty: &TypeDef, lines: &mut Vec<String>) {
    let kind = match &ty.kind {
        TypeKind::Struct(s) if s.error_correction => "struct error-correcting",
        TypeKind::Struct(_) => "struct",
        TypeKind::Enum(e) if e.int => "int-enum",
        TypeKind::Enum(_) => "enum",
        TypeKind::Union(_) => "union",
    };
    let mut line = format!("{m} type {} {kind} ({})", ty.name, ty.id);
    flag(&mut line, ty.sensitive, "sensitive");
    flag(&mut line, ty.deprecated.is_some(), "deprecated");
    lines.push(line);
    match &ty.kind {
        TypeKind::Struct(s) => {
            lines.extend(s.fields.iter().map(|f| field_line(m, &ty.name, f)));
        }
        TypeKind::Enum(e) => {
            for v in &e.variants {
                let value = match &v.value {
                    EnumValue::Str(s) => format!("{s:?}"),
                    EnumValue::Int(i) => i.to_string(),
                };
                let mut line = format!("{m} enum {} = {} {value}", ty.name, v.name);
                flag(&mut line, v.deprecated.is_some(), "deprecated");
                lines.push(line);
            }
        }
        TypeKind::Union(u) => {
            for v in &u.variants {
                let rust = v.ty.as_ref().map_or("()".to_owned(), rust_type);
                let mut line = format!(
                    "{m} union {} variant {}: {rust} wire={:?}",
                    ty.name, v.name, v.json_name
                );
                flag(&mut line, v.sensitive, "sensitive");
                flag(&mut line, v.deprecated.is_some(), "deprecated");
                if let Some(t) = &v.ty {
                    line += &constraints(t);
                }
                lines.push(line);
            }
        }
    }
}

fn operation_line(m: &str, op: &OperationDef) -> String {
    let mut line = format!("{m} operation {}", op.name);
    match &op.http {
        Some(http) => line += &format!(" {} {} -> {}", http.method, http.uri.text, http.code),
        None => line += " no @http",
    }
    let io = |s: &Option<super::Symbol>| s.as_ref().map_or("()".to_owned(), |s| s.name.to_string());
    let mut errors: Vec<&str> = op.errors.iter().map(|e| e.variant.as_str()).collect();
    errors.sort_unstable();
    line += &format!(
        " fn={} input={} output={} errors=[{}]",
        op.method,
        io(&op.input),
        io(&op.output),
        errors.join(", ")
    );
    if let Some(p) = &op.pagination {
        line += &format!(" paginated({}->{}", p.input_token, p.output_token);
        if let Some(items) = &p.items {
            line += &format!(" items={items}");
        }
        if let Some(page_size) = &p.page_size {
            line += &format!(" pageSize={page_size}");
        }
        line += ")";
    }
    flag(&mut line, op.deprecated.is_some(), "deprecated");
    line
}

fn error_lines(m: &str, error: &ErrorDef, lines: &mut Vec<String>) {
    let fault = match error.fault {
        Fault::Client => "client",
        Fault::Server => "server",
    };
    let mut line = format!("{m} error {} {fault} {}", error.name, error.status);
    flag(&mut line, error.retryable, "retryable");
    flag(&mut line, error.sensitive, "sensitive");
    flag(&mut line, error.deprecated.is_some(), "deprecated");
    if error.code != error.id.name() {
        line += &format!(" code={:?}", error.code);
    }
    line += &format!(" ({})", error.id);
    lines.push(line);
    let fields = error.fields.fields.iter();
    lines.extend(fields.map(|f| field_line(m, &error.name, f)));
}

fn field_line(m: &str, owner: &impl Display, f: &Field) -> String {
    let presence = match &f.presence {
        Presence::Required => "required".to_owned(),
        Presence::Optional => "optional".to_owned(),
        Presence::IdempotencyToken => "optional idempotency-token".to_owned(),
        Presence::Default(d) => format!("default={}", d.value),
        Presence::InputDefault(d) => format!("optional default={}", d.value),
    };
    let binding = match &f.http {
        None => "body".to_owned(),
        Some(HttpBinding::Label) => "label".to_owned(),
        Some(HttpBinding::Query(key)) => format!("query {key:?}"),
        Some(HttpBinding::QueryParams) => "query-params".to_owned(),
        Some(HttpBinding::Header(name)) => format!("header {name:?}"),
        Some(HttpBinding::PrefixHeaders(prefix)) => format!("prefix-headers {prefix:?}"),
        Some(HttpBinding::Payload) => "payload".to_owned(),
        Some(HttpBinding::ResponseCode) => "response-code".to_owned(),
    };
    let mut line = format!(
        "{m} field {owner}.{}: {} {presence} wire={:?} {binding}",
        f.name,
        rust_type(&f.ty),
        f.json_name
    );
    flag(&mut line, f.sensitive, "sensitive");
    flag(&mut line, f.deprecated.is_some(), "deprecated");
    line + &constraints(&f.ty)
}

fn flag(line: &mut String, on: bool, word: &str) {
    if on {
        line.push(' ');
        line.push_str(word);
    }
}

/// The Rust type without whitespace (but `, `) and without the crate's own paths.
fn rust_type(ty: &Ty) -> String {
    short_path(&ty.tokens().to_string())
}

fn short_path(path: &str) -> String {
    let compact: String = path.split_whitespace().collect();
    compact
        .replace(',', ", ")
        .replace("super::", "")
        .replace("rt::", "runtime::")
        .replace("std::collections::", "")
}

/// ` length=1..=128 range=..=10 pattern="…" format=date-time`, and the same for list items
/// (`item.`) and map keys and values (`key.`, `value.`).
fn constraints(ty: &Ty) -> String {
    let mut out = String::new();
    let mut visit = |prefix: &str, ty: &Ty| {
        let c = &ty.constraints;
        if let Some((min, max)) = &c.length {
            out += &format!(" {prefix}length={}", bounds(min, max));
        }
        if let Some((min, max)) = &c.range {
            out += &format!(" {prefix}range={}", bounds(min, max));
        }
        if let Some(pattern) = &c.pattern {
            out += &format!(" {prefix}pattern={pattern:?}");
        }
        if let TyKind::Timestamp(format) = &ty.kind {
            let format = match format {
                TimestampFormat::EpochSeconds => "epoch-seconds",
                TimestampFormat::DateTime => "date-time",
                TimestampFormat::HttpDate => "http-date",
            };
            out += &format!(" {prefix}format={format}");
        }
    };
    visit("", ty);
    match &ty.kind {
        TyKind::List { item, .. } => visit("item.", item),
        TyKind::Map { key, value, .. } => {
            visit("key.", key);
            visit("value.", value);
        }
        _ => {}
    }
    out
}

fn bounds<T: Display>(min: &Option<T>, max: &Option<T>) -> String {
    let show = |b: &Option<T>| b.as_ref().map(ToString::to_string).unwrap_or_default();
    match max {
        Some(_) => format!("{}..={}", show(min), show(max)),
        None => format!("{}..", show(min)),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    const MODEL: &str = r#"$version: "2"
namespace example.shop

use aws.protocols#restJson1

@restJson1
service Shop {
    version: "2024-01-01"
    operations: [GetItem, ListItems, Ping]
    errors: [Throttled]
}

@readonly
@http(method: "GET", uri: "/items/{id}", code: 200)
operation GetItem {
    input := {
        @required
        @httpLabel
        id: String
        @httpHeader("X-Trace")
        trace: String
        @httpQuery("size")
        @range(min: 1, max: 10)
        size: Integer = 5
    }
    output := {
        @length(min: 1)
        tags: Tags
        secret: Secret
        color: Color
        shape: Shape
        @deprecated
        at: Timestamp
        @httpResponseCode
        status: Integer
        @httpPrefixHeaders("X-Meta-")
        meta: Meta
        level: Level
    }
    errors: [NotFound]
}

@paginated(inputToken: "next", outputToken: "next", items: "items", pageSize: "max")
@http(method: "GET", uri: "/items")
operation ListItems {
    input := {
        @httpQuery("next")
        next: String
        @httpQuery("max")
        max: Integer
        @idempotencyToken
        token: String
        @httpQueryParams
        params: Meta
    }
    output := {
        next: String
        items: Tags
    }
}

operation Ping {}

@sensitive
string Secret

list Tags {
    @pattern("^[a-z]+$")
    member: String
}

map Meta {
    key: String
    value: String
}

intEnum Level {
    LOW = 1
    HIGH = 2
}

enum Color {
    RED = "red"
    DARK_BLUE = "dark-blue"
}

union Shape {
    circle: Integer
    dot: Unit
}

@error("client")
@httpError(404)
structure NotFound {
    message: String
}

@error("client")
@retryable
@httpError(429)
structure Throttled {}
"#;

    #[test]
    fn one_sorted_line_per_item() {
        let sources = [(Arc::from("shop.smithy"), MODEL.to_owned())];
        let model = crate::model::load_sources(&sources).unwrap();
        let krate = crate::ir::lower(&model, &[]).unwrap();
        let text = super::surface(&krate);
        let expected = r#"shop enum Color = DarkBlue "dark-blue"
shop enum Color = Red "red"
shop enum Level = High 2
shop enum Level = Low 1
shop error NotFound client 404 (example.shop#NotFound)
shop error Throttled client 429 retryable (example.shop#Throttled)
shop field GetItemInput.id: String required wire="id" label
shop field GetItemInput.size: i32 optional default=5 wire="size" query "size" range=1..=10
shop field GetItemInput.trace: String optional wire="trace" header "X-Trace"
shop field GetItemOutput.at: runtime::DateTime optional wire="at" body deprecated format=epoch-seconds
shop field GetItemOutput.color: Color optional wire="color" body
shop field GetItemOutput.level: Level optional wire="level" body
shop field GetItemOutput.meta: BTreeMap<String, String> optional wire="meta" prefix-headers "X-Meta-"
shop field GetItemOutput.secret: String optional wire="secret" body sensitive
shop field GetItemOutput.shape: Shape optional wire="shape" body
shop field GetItemOutput.status: i32 optional wire="status" response-code
shop field GetItemOutput.tags: Vec<String> optional wire="tags" body length=1.. item.pattern="^[a-z]+$"
shop field ListItemsInput.max: i32 optional wire="max" query "max"
shop field ListItemsInput.next: String optional wire="next" query "next"
shop field ListItemsInput.params: BTreeMap<String, String> optional wire="params" query-params
shop field ListItemsInput.token: String optional idempotency-token wire="token" body
shop field ListItemsOutput.items: Vec<String> optional wire="items" body item.pattern="^[a-z]+$"
shop field ListItemsOutput.next: String optional wire="next" body
shop field NotFound.message: String optional wire="message" body
shop operation GetItem GET /items/{id} -> 200 fn=get_item input=GetItemInput output=GetItemOutput errors=[NotFound, Throttled]
shop operation ListItems GET /items -> 200 fn=list_items input=ListItemsInput output=ListItemsOutput errors=[Throttled] paginated(next->next items=items pageSize=max)
shop operation Ping no @http fn=ping input=() output=() errors=[Throttled]
shop service Shop (example.shop#Shop) error=ShopError version="2024-01-01"
shop type Color enum (example.shop#Color)
shop type GetItemInput struct (example.shop#GetItemInput)
shop type GetItemOutput struct error-correcting (example.shop#GetItemOutput)
shop type Level int-enum (example.shop#Level)
shop type ListItemsInput struct (example.shop#ListItemsInput)
shop type ListItemsOutput struct error-correcting (example.shop#ListItemsOutput)
shop type Shape union (example.shop#Shape)
shop union Shape variant Circle: i32 wire="circle"
shop union Shape variant Dot: () wire="dot"
"#;
        assert_eq!(text, expected, "actual:\n{text}");
        assert_eq!(super::surface(&krate), text, "deterministic");
    }
}

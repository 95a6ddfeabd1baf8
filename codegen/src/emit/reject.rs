//! Which error a server answers invalid input with (constraint violations, a missing
//! required member), decided per operation from the model, so that a client generated
//! by anyone from the same model reads it as one of the operation's errors. In order:
//!
//! 1. `smithy.framework#ValidationException`, when the operation binds it;
//! 2. else the operation's error named `ValidationException`, its members filled from
//!    the violations by their modeled shape: the message member; an enum member `reason`
//!    set to `FIELD_VALIDATION_FAILED` when the enum has it; a list of structures with a
//!    `name` or `path` member and a `message` member, one entry per violation;
//! 3. else the operation's client error with status 400, preferring the names in
//!    [`PREFERRED`], then the first in model order: its message member carries the
//!    violations, and an enum member takes the value matching the error's name
//!    (`Code: BadRequest` for `BadRequestException`), else, when required, its first;
//! 4. else `smithy.framework#ValidationException` (the runtime's default body).
//!
//! An error is a candidate only when every required member can be filled this way (a
//! required enum member nothing else sets takes its first value). An unknown union
//! member stays a `SerializationException`: the restJson1 suite says it is malformed
//! (`RestJsonMalformedUnionUnknownMember`), not a validation failure.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{
    EnumDef, EnumValue, ErrorDef, ErrorRef, Fault, Field, NamedKind, OperationDef, Presence,
    Service, StructDef, Ty, TyKind, TypeKind,
};

/// The 400 client errors step 3 prefers, in order.
const PREFERRED: [&str; 4] = [
    "BadRequestException",
    "InvalidParameterException",
    "InvalidRequestException",
    "InvalidInputException",
];

/// The enum value of `reason` meaning that a field failed validation.
const FIELD_FAILED: &str = "FIELD_VALIDATION_FAILED";

/// An operation's answer to invalid input.
pub(crate) enum Rule<'a> {
    /// `smithy.framework#ValidationException`; `bound` when the operation lists it
    /// (step 1), else nothing of its own fits (step 4).
    Framework { bound: bool },
    /// One of the operation's own errors (step 2 when `own_validation`, else step 3),
    /// built by `value` (an expression of the error struct from `v: &rt::ValidationError`).
    Modeled {
        error: &'a ErrorRef,
        own_validation: bool,
        value: TokenStream,
    },
}

impl<'a> Rule<'a> {
    /// The operation's doc paragraph saying what invalid input is answered with.
    pub(crate) fn doc(&self) -> String {
        let lead = "A server (feature `server`) answers invalid input (a constraint \
                    violation or a missing required member) with";
        match self {
            Rule::Framework { bound: true } => format!(
                "{lead} `smithy.framework#ValidationException` (HTTP 400), which the \
                 operation lists: a message and a `fieldList` of JSON pointers."
            ),
            Rule::Framework { bound: false } => format!(
                "{lead} `smithy.framework#ValidationException` (HTTP 400): none of the \
                 operation's errors fits (no validation error, no 400 client error whose \
                 required members the violations fill)."
            ),
            Rule::Modeled {
                error,
                own_validation,
                ..
            } => {
                let name = error.symbol.name.as_str();
                let how = if *own_validation {
                    "its own validation error, filled from the violations"
                } else {
                    "its 400 client error, whose message lists the violations"
                };
                format!("{lead} [`{name}`](super::{name}) (HTTP 400), {how}.")
            }
        }
    }

    /// The error chosen and the expression building it from `v: &rt::ValidationError`;
    /// `None` for the framework error, which the runtime writes itself.
    pub(crate) fn modeled(&self) -> Option<(&'a ErrorRef, &TokenStream)> {
        match self {
            Rule::Framework { .. } => None,
            Rule::Modeled { error, value, .. } => Some((*error, value)),
        }
    }
}

/// The rule for `op`, as the module docs order it.
pub(crate) fn rule<'a>(service: &'a Service, op: &'a OperationDef) -> Rule<'a> {
    let framework = |e: &&ErrorRef| {
        e.id.namespace() == "smithy.framework" && e.id.name() == "ValidationException"
    };
    if op.errors.iter().any(|e| framework(&e)) {
        return Rule::Framework { bound: true };
    }
    let defs: Vec<(&ErrorRef, &ErrorDef)> = op
        .errors
        .iter()
        .filter_map(|e| Some((e, service.errors.get(&e.symbol.name)?)))
        .collect();
    let fill = Fill { service };
    let own = defs
        .iter()
        .filter(|(e, _)| e.id.name() == "ValidationException")
        .find_map(|(e, def)| Some((*e, fill.error(def, true)?)));
    if let Some((error, value)) = own {
        return Rule::Modeled {
            error,
            own_validation: true,
            value,
        };
    }
    let mut clients: Vec<&(&ErrorRef, &ErrorDef)> = defs
        .iter()
        .filter(|(_, d)| d.fault == Fault::Client && d.status == 400)
        .collect();
    // Stable: model order among the errors not preferred.
    clients.sort_by_key(|(e, _)| {
        PREFERRED
            .iter()
            .position(|p| *p == e.id.name())
            .unwrap_or(PREFERRED.len())
    });
    match clients
        .iter()
        .find_map(|(e, def)| Some((*e, fill.error(def, false)?)))
    {
        Some((error, value)) => Rule::Modeled {
            error,
            own_validation: false,
            value,
        },
        None => Rule::Framework { bound: false },
    }
}

/// Builds error values from the violations `v`.
struct Fill<'a> {
    service: &'a Service,
}

impl Fill<'_> {
    /// The error struct `def` made of `v`, or `None` when a required member cannot be
    /// filled. `validation`: step 2 (`reason` and the violation list are filled).
    fn error(&self, def: &ErrorDef, validation: bool) -> Option<TokenStream> {
        let mut set = BTreeMap::new();
        let code = def.code.strip_suffix("Exception").unwrap_or(&def.code);
        for f in &def.fields.fields {
            let member = f.id.member().unwrap_or("");
            let value =
                if def.message_field.as_ref() == Some(&f.name) && f.ty.kind == TyKind::String {
                    Some(quote!(v.summary()))
                } else if validation && member.eq_ignore_ascii_case("reason") {
                    self.enum_value(&f.ty, |value| value == FIELD_FAILED)
                } else if validation && matches!(f.ty.kind, TyKind::List { .. }) {
                    self.violation_list(&f.ty)
                } else {
                    self.enum_value(&f.ty, |value| same_name(value, code))
                };
            if let Some(value) = value {
                set.insert(f.name.as_str().to_owned(), value);
            }
        }
        let path = def.name.clone();
        self.construct(&quote!(super::#path), &def.fields, &set)
    }

    /// `v.violations` as a list of structures with a `name` or `path` member (the
    /// violation's member path or JSON pointer) and a `message` member.
    fn violation_list(&self, ty: &Ty) -> Option<TokenStream> {
        let TyKind::List {
            item,
            sparse: false,
        } = &ty.kind
        else {
            return None;
        };
        let (symbol, def) = self.named(item, NamedKind::Struct)?;
        let TypeKind::Struct(def) = def else {
            return None;
        };
        let (mut set, mut located, mut said) = (BTreeMap::new(), false, false);
        for f in def.fields.iter().filter(|f| f.ty.kind == TyKind::String) {
            let member = f.id.member().unwrap_or("");
            let value = if member.eq_ignore_ascii_case("name") {
                located = true;
                quote!(x.member().to_owned())
            } else if member.eq_ignore_ascii_case("path") {
                located = true;
                quote!(x.pointer.clone())
            } else if member.eq_ignore_ascii_case("message") {
                said = true;
                quote!(x.protocol_message.clone())
            } else {
                continue;
            };
            set.insert(f.name.as_str().to_owned(), value);
        }
        if !(located && said) {
            return None;
        }
        let entry = self.construct(&symbol, def, &set)?;
        Some(quote!(v.violations.iter().map(|x| #entry).collect()))
    }

    /// The value of the enum `ty` (a string enum) first matching `wanted`.
    fn enum_value(&self, ty: &Ty, wanted: impl Fn(&str) -> bool) -> Option<TokenStream> {
        let (symbol, def) = self.named(ty, NamedKind::Enum)?;
        let TypeKind::Enum(def) = def else {
            return None;
        };
        let variant = def
            .variants
            .iter()
            .find(|v| matches!(&v.value, EnumValue::Str(s) if wanted(s)))?;
        let name = &variant.name;
        Some(quote!(#symbol::#name))
    }

    /// The first value of the enum `ty`, for a required member nothing else sets.
    fn first_value(&self, ty: &Ty) -> Option<TokenStream> {
        let (symbol, def) = self.named(ty, NamedKind::Enum)?;
        let TypeKind::Enum(EnumDef { variants, .. }) = def else {
            return None;
        };
        let name = &variants.first()?.name;
        Some(quote!(#symbol::#name))
    }

    /// The generated type `ty` names, when it is an unboxed one of kind `kind`.
    fn named(&self, ty: &Ty, kind: NamedKind) -> Option<(TokenStream, &TypeKind)> {
        let TyKind::Named {
            symbol,
            kind: k,
            boxed: false,
        } = &ty.kind
        else {
            return None;
        };
        let def = self.service.types.get(&symbol.name)?;
        (*k == kind).then(|| (symbol.tokens(), &def.kind))
    }

    /// A value of the structure `path` (with members `def`) whose members named in `set`
    /// hold its expressions (raw values, wrapped in `Some` for an optional member): its
    /// `new(required…)` or `Default` for the rest. `None` when a required member is not
    /// in `set` and is not an enum (which takes its first value).
    fn construct(
        &self,
        path: &TokenStream,
        def: &StructDef,
        set: &BTreeMap<String, TokenStream>,
    ) -> Option<TokenStream> {
        let mut args = Vec::new();
        for f in def.required() {
            match set.get(f.name.as_str()) {
                Some(v) => args.push(v.clone()),
                None => args.push(self.first_value(&f.ty)?),
            }
        }
        let others: Vec<(&Field, &TokenStream)> = def
            .fields
            .iter()
            .filter(|f| f.presence != Presence::Required)
            .filter_map(|f| Some((f, set.get(f.name.as_str())?)))
            .collect();
        let inits = others.iter().map(|(f, v)| {
            let name = &f.name;
            match f.presence {
                Presence::Optional | Presence::IdempotencyToken | Presence::InputDefault(_) => {
                    quote!(#name: Some(#v))
                }
                Presence::Required | Presence::Default(_) => quote!(#name: #v),
            }
        });
        let all = others.len() + args.len() == def.fields.len();
        Some(match (args.is_empty(), others.is_empty(), all) {
            (false, true, _) => quote!(#path::new(#(#args),*)),
            (false, false, _) => quote!(#path { #(#inits,)* ..#path::new(#(#args),*) }),
            (true, true, _) => quote!(<#path>::default()),
            (true, false, true) => quote!(#path { #(#inits),* }),
            (true, false, false) => quote!(#path { #(#inits,)* ..Default::default() }),
        })
    }
}

/// Whether enum value `value` names the error `code` (its name without `Exception`):
/// `BadRequest` or `BAD_REQUEST` for `BadRequest`.
fn same_name(value: &str, code: &str) -> bool {
    let plain = |s: &str| {
        s.chars()
            .filter(|c| *c != '_')
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    plain(value) == plain(code)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::{rule, same_name, Rule};

    /// The rule for operation `Op` of a service whose error shapes are `errors` (JSON AST
    /// shapes by name), listed by `Op` in the order `listed`.
    fn chosen(errors: &str, listed: &[&str]) -> String {
        let targets: Vec<String> = listed
            .iter()
            .map(|e| format!(r#"{{"target": "{e}"}}"#))
            .collect();
        let text = format!(
            r#"{{"smithy": "2.0", "shapes": {{
                "t#S": {{"type": "service", "version": "1", "operations": [{{"target": "t#Op"}}]}},
                "t#Op": {{"type": "operation", "input": {{"target": "t#In"}},
                    "errors": [{}],
                    "traits": {{"smithy.api#http": {{"method": "POST", "uri": "/op"}}}}}},
                "t#In": {{"type": "structure", "members": {{}}}},
                {errors}
            }}}}"#,
            targets.join(", ")
        );
        let model = crate::model::load_sources(&[(Arc::from("m.json"), text)]).expect("loads");
        let krate = crate::lower(&model).expect("lowers");
        let service = &krate.services[0];
        let op = service.operations.values().next().expect("one operation");
        match rule(service, op) {
            Rule::Framework { bound } => format!("framework bound={bound}"),
            Rule::Modeled { error, value, .. } => format!("{} {value}", error.id.name()),
        }
    }

    fn error(name: &str, status: u16, members: &str) -> String {
        format!(
            r#""t#{name}": {{"type": "structure", "members": {{{members}}},
                "traits": {{"smithy.api#error": "client", "smithy.api#httpError": {status}}}}}"#
        )
    }

    const MESSAGE: &str = r#""message": {"target": "smithy.api#String"}"#;

    #[test]
    fn a_preferred_400_error_wins_over_model_order_and_other_statuses() {
        let errors = [
            error("Conflict", 409, MESSAGE),
            error("Throttled", 400, MESSAGE),
            error("InvalidParameterException", 400, MESSAGE),
        ]
        .join(",");
        let text = chosen(
            &errors,
            &["t#Conflict", "t#Throttled", "t#InvalidParameterException"],
        );
        assert!(text.starts_with("InvalidParameterException"), "{text}");
        let text = chosen(&errors, &["t#Conflict", "t#Throttled"]);
        assert!(text.starts_with("Throttled"), "{text}");
        assert!(text.contains("v . summary ()"), "{text}");
    }

    #[test]
    fn an_error_with_a_required_member_the_violations_cannot_fill_is_passed_over() {
        let busy = error(
            "Busy",
            400,
            r#""id": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}}"#,
        );
        assert_eq!(chosen(&busy, &["t#Busy"]), "framework bound=false");
    }

    #[test]
    fn enum_values_match_the_error_name_in_any_case_or_separator() {
        assert!(same_name("BadRequest", "BadRequest"));
        assert!(same_name("BAD_REQUEST", "BadRequest"));
        assert!(!same_name("NotFound", "BadRequest"));
    }
}

//! Endpoint parameter bindings (spec rules-engine/parameters.rst "Binding parameter
//! values"): a service's `@clientContextParams` and an operation's `@staticContextParams`,
//! `@contextParam` input members and `@operationContextParams` paths, each checked
//! against the parameters the service's rule set declares (name and type).

use std::collections::BTreeMap;

use serde_json::Value;

use super::Ctx;
use crate::error::GenerateError;
use crate::ir::{ClientParam, ClientParams, EndpointBinding, ParamKind, ParamSource, StaticValue};
use crate::model::traits::ClientParamType;
use crate::model::Shape;
use crate::naming::{self, Scope};

/// The parameters a rule set declares: name → type.
pub(super) type Declared = BTreeMap<String, ParamKind>;

/// The parameters of the service's rule set (none without one). A parameter of a type
/// this engine does not know is left out: nothing binds it.
pub(super) fn declared(ctx: &Ctx<'_>, service: &Shape) -> Declared {
    let Some(rules) = &ctx.known(&service.id).endpoint_rule_set else {
        return Declared::new();
    };
    let params = rules.document.get("parameters").and_then(Value::as_object);
    params
        .into_iter()
        .flatten()
        .filter_map(|(name, param)| {
            let kind = match param
                .get("type")
                .and_then(Value::as_str)?
                .to_ascii_lowercase()
            {
                t if t == "string" => ParamKind::String,
                t if t == "boolean" => ParamKind::Bool,
                t if t == "stringarray" => ParamKind::StringArray,
                _ => return None,
            };
            Some((name.clone(), kind))
        })
        .collect()
}

impl Ctx<'_> {
    /// The service's `@clientContextParams`, with the extension trait's name claimed in
    /// `scope`; `None` without the trait or without a rule set.
    ///
    /// # Errors
    /// A parameter the rule set does not declare, or declares with another type.
    pub(super) fn client_params(
        &self,
        service: &Shape,
        declared: &Declared,
        scope: &mut Scope,
    ) -> Result<Option<ClientParams>, GenerateError> {
        let own = &self.known(&service.id).client_context_params;
        if own.is_empty() || declared.is_empty() {
            return Ok(None);
        }
        let mut params = Vec::new();
        for (name, param) in own {
            let kind = match param.kind {
                ClientParamType::String => ParamKind::String,
                ClientParamType::Boolean => ParamKind::Bool,
            };
            check(declared, name, kind).map_err(|message| {
                GenerateError::invalid(
                    &service.id,
                    &service.location,
                    format!("@clientContextParams: {message}"),
                )
            })?;
            let docs = param
                .documentation
                .as_deref()
                .map(crate::docs::to_rustdoc)
                .filter(|d| !d.trim().is_empty())
                .unwrap_or_else(|| format!("Sets the endpoint parameter `{name}`."));
            params.push(ClientParam {
                name: name.clone(),
                method: naming::method_name(&format!("with_{}", naming::field_name(name))),
                kind,
                docs,
            });
        }
        Ok(Some(ClientParams {
            trait_name: scope.claim(naming::type_name("ClientContextParams")),
            params,
        }))
    }

    /// The endpoint parameters `operation` binds, least specific first:
    /// `@operationContextParams`, `@contextParam` members of `input`,
    /// `@staticContextParams`. Empty when the service has no rule set.
    ///
    /// # Errors
    /// A binding of a parameter the rule set does not declare, a static value of another
    /// type, or a path outside the JMESPath subset.
    pub(super) fn endpoint_params(
        &self,
        operation: &Shape,
        input: Option<&Shape>,
        declared: &Declared,
    ) -> Result<Vec<EndpointBinding>, GenerateError> {
        let mut bound = Vec::new();
        if declared.is_empty() {
            return Ok(bound);
        }
        let invalid =
            |message: String| GenerateError::invalid(&operation.id, &operation.location, message);
        let known = self.known(&operation.id);
        // A static value always has a value: what it overrides is not bound at all.
        let fixed = |param: &str| known.static_context_params.contains_key(param);
        let mut bind = |param: &str, source| {
            bound.push(EndpointBinding {
                param: param.to_owned(),
                source,
            })
        };
        for (param, text) in &known.operation_context_params {
            let path = check_name(declared, param)
                .and_then(|_| crate::jmespath::parse(text))
                .map_err(|why| {
                    invalid(format!(
                        "@operationContextParams `{param}` (`{text}`): {why}"
                    ))
                })?;
            if !fixed(param) {
                let text = text.clone();
                bind(param, ParamSource::Path { text, path });
            }
        }
        for member in input.map(|s| s.members.as_slice()).unwrap_or_default() {
            let id = input.map(|s| s.id.with_member(&member.name));
            let Some(param) = id.and_then(|id| self.known(&id).context_param.clone()) else {
                continue;
            };
            check_name(declared, &param).map_err(|why| {
                invalid(format!("@contextParam on member `{}`: {why}", member.name))
            })?;
            if !fixed(&param) {
                bind(&param, ParamSource::Member(member.name.clone()));
            }
        }
        for (param, value) in &known.static_context_params {
            let value = static_value(value)
                .and_then(|(value, kind)| check(declared, param, kind).map(|_| value))
                .map_err(|why| invalid(format!("@staticContextParams `{param}`: {why}")))?;
            bind(param, ParamSource::Static(value));
        }
        Ok(bound)
    }
}

/// A `@staticContextParams` value and its type: a string, a boolean or a list of strings.
fn static_value(value: &Value) -> Result<(StaticValue, ParamKind), String> {
    match value {
        Value::String(s) => Ok((StaticValue::String(s.clone()), ParamKind::String)),
        Value::Bool(b) => Ok((StaticValue::Bool(*b), ParamKind::Bool)),
        Value::Array(items) => {
            let strings = items
                .iter()
                .map(|v| v.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .ok_or("a list value must hold only strings")?;
            Ok((StaticValue::Strings(strings), ParamKind::StringArray))
        }
        other => Err(format!(
            "`{other}` is not a string, a boolean or a list of strings"
        )),
    }
}

/// The rule set declares parameter `name`.
fn check_name(declared: &Declared, name: &str) -> Result<ParamKind, String> {
    declared
        .get(name)
        .copied()
        .ok_or_else(|| format!("the endpoint rule set declares no parameter `{name}`"))
}

/// The rule set declares parameter `name` with type `kind`.
fn check(declared: &Declared, name: &str, kind: ParamKind) -> Result<(), String> {
    match check_name(declared, name)? {
        found if found == kind => Ok(()),
        found => Err(format!(
            "the endpoint rule set declares `{name}` a {}, not a {}",
            found.spec_name(),
            kind.spec_name()
        )),
    }
}

#[cfg(test)]
mod tests {
    use crate::ir::{ParamKind, ParamSource, StaticValue};
    use crate::model::load_sources;

    /// A service whose rule set declares `Name` (string), `Flag` (boolean) and `List`
    /// (string array), with `TRAITS` on its service and `OP_TRAITS` on its operation.
    fn model(service_traits: &str, op_traits: &str) -> String {
        format!(
            r#"$version: "2.0"
namespace example
@smithy.rules#endpointRuleSet({{
    version: "1.0"
    parameters: {{ Name: {{ type: "string" }}, Flag: {{ type: "Boolean" }}, List: {{ type: "stringArray" }} }}
    rules: [{{ type: "error", conditions: [], error: "none" }}]
}})
{service_traits}
service S {{ version: "1", operations: [Op] }}
{op_traits}
operation Op {{ input := {{ @smithy.rules#contextParam(name: "Name") name: String }} }}
"#
        )
    }

    fn lower(text: &str) -> Result<crate::ir::Crate, String> {
        let model = load_sources(&[("m.smithy".into(), text.to_owned())]).expect("loads");
        crate::ir::lower(&model, &[]).map_err(|e| e.to_string())
    }

    #[test]
    fn bindings_keep_the_spec_order_and_a_static_value_replaces_the_rest() {
        let ir = lower(&model(
            r#"@smithy.rules#clientContextParams(Flag: { type: "boolean", documentation: "A <b>flag</b>." })"#,
            r#"@smithy.rules#operationContextParams(Name: { path: "name" }, List: { path: "keys(m)" })
               @smithy.rules#staticContextParams(Flag: { value: true })"#,
        ))
        .expect("lowers");
        let service = &ir.services[0];
        let client = service.client_params.as_ref().expect("client params");
        assert_eq!(client.trait_name.as_str(), "ClientContextParams");
        let param = &client.params[0];
        assert_eq!(
            (param.name.as_str(), param.method.as_str(), param.kind),
            ("Flag", "with_flag", ParamKind::Bool)
        );
        assert_eq!(param.docs, "A **flag**.");
        let bound: Vec<(&str, &ParamSource)> = service
            .operations
            .values()
            .next()
            .unwrap()
            .endpoint_params
            .iter()
            .map(|b| (b.param.as_str(), &b.source))
            .collect();
        assert!(
            matches!(
                bound.as_slice(),
                [
                    ("List", ParamSource::Path { .. }),
                    ("Name", ParamSource::Path { .. }),
                    ("Name", ParamSource::Member(m)),
                    ("Flag", ParamSource::Static(StaticValue::Bool(true))),
                ] if m == "name"
            ),
            "{bound:?}"
        );
    }

    #[test]
    fn a_binding_the_rule_set_does_not_declare_is_a_located_error() {
        for (service, op, want) in [
            (
                r#"@smithy.rules#clientContextParams(Other: { type: "string" })"#,
                "",
                "@clientContextParams: the endpoint rule set declares no parameter `Other`",
            ),
            (
                r#"@smithy.rules#clientContextParams(Name: { type: "boolean" })"#,
                "",
                "@clientContextParams: the endpoint rule set declares `Name` a string, not a boolean",
            ),
            (
                "",
                r#"@smithy.rules#staticContextParams(List: { value: [1] })"#,
                "@staticContextParams `List`: a list value must hold only strings",
            ),
            (
                "",
                r#"@smithy.rules#operationContextParams(List: { path: "a[0]" })"#,
                "@operationContextParams `List` (`a[0]`): `0]` is not an identifier",
            ),
        ] {
            let error = lower(&model(service, op)).expect_err(want);
            assert!(error.contains(want), "{error}");
            assert!(error.contains("m.smithy:"), "located: {error}");
        }
    }
}

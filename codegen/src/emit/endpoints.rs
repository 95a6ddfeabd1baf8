//! Endpoint resolution (feature `client-core`): each service's `endpoint.rs`, its rule set
//! embedded for the runtime's rules engine (`runtime::endpoint`), and the crate's
//! `partitions.rs`, the AWS partition data `aws.partition` reads.

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, inner_docs};
use crate::ir::{layout, Service};
use crate::partitions::Partitions;

/// `endpoint.rs` of a service with a rule set (`rule_set`: its compact JSON).
pub(crate) fn service_file(service: &Service, rule_set: &str) -> TokenStream {
    let header = inner_docs(&format!(
        "The endpoint rule set of the `{}` service (`smithy.rules#endpointRuleSet`), \
         interpreted by the runtime's rules engine (`runtime::endpoint`).\n\n{}",
        service.sdk_id,
        parameter_docs(rule_set)
    ));
    let partitions =
        proc_macro2::Ident::new(layout::PARTITIONS_MODULE, proc_macro2::Span::call_site());
    quote! {
        #header
        use std::sync::OnceLock;

        use crate::runtime as rt;

        /// The rule set's JSON, from the model.
        const RULE_SET: &str = #rule_set;

        /// The service's endpoint rules, parsed on first use, with the AWS partitions
        /// this crate was generated with. Resolve with
        /// `rules()?.resolve(&rules()?.params(&builtins))`.
        ///
        /// # Errors
        /// [`rt::endpoint::EndpointError`] if the rule set cannot be read (the same
        /// error on every call).
        pub fn rules() -> Result<&'static rt::endpoint::RuleSet, rt::endpoint::EndpointError> {
            static RULES: OnceLock<Result<rt::endpoint::RuleSet, rt::endpoint::EndpointError>> =
                OnceLock::new();
            RULES
                .get_or_init(|| {
                    rt::endpoint::RuleSet::from_json(RULE_SET, crate::#partitions::partitions()?)
                })
                .as_ref()
                .map_err(Clone::clone)
        }
    }
}

/// A Markdown list of the rule set's parameters: name, type, built-in, default, docs.
fn parameter_docs(rule_set: &str) -> String {
    let Ok(json) = serde_json::from_str::<serde_json::Value>(rule_set) else {
        return String::new();
    };
    let Some(params) = json.get("parameters").and_then(|p| p.as_object()) else {
        return String::new();
    };
    let mut text = String::from("Parameters:\n");
    for (name, param) in params {
        let field = |key: &str| param.get(key).and_then(|v| v.as_str());
        text.push_str(&format!("\n- `{name}` ({}", field("type").unwrap_or("?")));
        if let Some(built_in) = field("builtIn") {
            text.push_str(&format!(", built-in `{built_in}`"));
        }
        if let Some(default) = param.get("default") {
            text.push_str(&format!(", default `{default}`"));
        } else if param.get("required").and_then(|r| r.as_bool()) == Some(true) {
            text.push_str(", required");
        }
        text.push(')');
        if let Some(doc) = field("documentation") {
            text.push_str(&format!(": {}", doc.replace('\n', " ")));
        }
    }
    text
}

/// `partitions.rs`: `partitions()` building the runtime's partitions from the data read
/// at generation time (`None`: generated without it, so `aws.partition` finds none).
pub(crate) fn partitions_file(partitions: Option<&Partitions>) -> TokenStream {
    let source = match partitions {
        Some(_) => "smithy's `partitions.json` (pinned in the generator's `models/lock.json`)",
        None => "nothing: this crate was generated without partition data, so `aws.partition` finds no partition",
    };
    let header = inner_docs(&format!(
        "The AWS partitions `aws.partition` consults, derived at generation time from {source}: \
         each partition's id, region pattern, listed regions and outputs."
    ));
    let entries = partitions
        .map(|p| p.partitions.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|p| {
            let (id, regex, regions) = (&p.id, &p.region_regex, &p.regions);
            let (dns, dual) = (&p.dns_suffix, &p.dual_stack_dns_suffix);
            let (fips, dual_stack, global) = (
                p.supports_fips,
                p.supports_dual_stack,
                &p.implicit_global_region,
            );
            quote! {
                rt::endpoint::Partition {
                    id: #id.to_owned(),
                    region_regex: #regex.to_owned(),
                    regions: strings(&[#(#regions),*]),
                    outputs: rt::endpoint::PartitionOutputs {
                        dns_suffix: #dns.to_owned(),
                        dual_stack_dns_suffix: #dual.to_owned(),
                        supports_fips: #fips,
                        supports_dual_stack: #dual_stack,
                        implicit_global_region: #global.to_owned(),
                    },
                }
            }
        });
    let doc = docs("The partitions, in lookup order.\n\n# Errors\n[`rt::endpoint::EndpointError`] if a region pattern does not compile.");
    quote! {
        #header
        use crate::runtime as rt;

        #doc
        pub(crate) fn partitions() -> Result<rt::endpoint::Partitions, rt::endpoint::EndpointError> {
            rt::endpoint::Partitions::new(Vec::from([#(#entries),*]))
        }

        #[allow(dead_code)]
        fn strings(items: &[&str]) -> Vec<String> {
            items.iter().map(|s| (*s).to_owned()).collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::load_sources;
    use crate::partitions::Partitions;
    use crate::{generate_crate, generate_crate_with_partitions, CrateOptions};

    const MODEL: &str = r#"$version: "2.0"
namespace example
@smithy.rules#endpointRuleSet({
    version: "1.0"
    parameters: { Region: { type: "string", builtIn: "AWS::Region", documentation: "The region." } }
    rules: [{ type: "endpoint", conditions: [], endpoint: { url: "https://{Region}.example.com" } }]
})
service WithRules { version: "1" }
service WithoutRules { version: "1" }
"#;

    const PARTITIONS: &str = r#"{"partitions":[{"id":"aws","regionRegex":"^us\\-\\w+\\-\\d+$","regions":{"us-east-1":{}},
        "outputs":{"dnsSuffix":"amazonaws.com","dualStackDnsSuffix":"api.aws","supportsFIPS":true,
                   "supportsDualStack":true,"implicitGlobalRegion":"us-east-1"}}]}"#;

    fn options() -> CrateOptions {
        CrateOptions {
            crate_name: "demo".to_owned(),
            version: "0.0.1".to_owned(),
            protocols: Vec::new(),
        }
    }

    #[test]
    fn only_services_with_a_rule_set_get_endpoint_rs() {
        let model = load_sources(&[("m.smithy".into(), MODEL.to_owned())]).expect("loads");
        let partitions = Partitions::from_json(PARTITIONS).expect("valid");
        let files = generate_crate_with_partitions(&model, &options(), Some(&partitions))
            .expect("generates");
        let endpoint = &files["src/with_rules/endpoint.rs"];
        assert!(endpoint.contains("pub fn rules()"), "{endpoint}");
        assert!(
            endpoint.contains(r#"https://{Region}.example.com"#),
            "{endpoint}"
        );
        assert!(endpoint.contains("`Region` (string, built-in `AWS::Region`): The region."));
        assert!(!files.contains_key("src/without_rules/endpoint.rs"));
        assert!(files["src/with_rules/mod.rs"].contains("pub mod endpoint;"));
        assert!(!files["src/without_rules/mod.rs"].contains("endpoint"));
        let lib = &files["src/lib.rs"];
        assert!(
            lib.contains(r#"#[cfg(all(feature = "client-core", feature = "with_rules"))]"#),
            "{lib}"
        );
        let data = &files["src/partitions.rs"];
        assert!(
            data.contains(r#"dns_suffix: "amazonaws.com".to_owned()"#),
            "{data}"
        );
        assert!(data.contains(r#""us-east-1""#), "{data}");

        // Without partition data the crate still generates; aws.partition finds none.
        let bare = generate_crate(&model, &options()).expect("generates");
        assert!(bare["src/partitions.rs"].contains("generated without partition data"));
    }
}

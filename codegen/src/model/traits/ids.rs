//! Trait shape IDs: the only place in the generator that spells one.
//!
//! Loaders use the few they must insert or test (`documentation`, `default`, `mixin`, …);
//! everything else reads traits through [`super::Known`].

/// `smithy.api#documentation` (spec documentation-traits.rst).
pub const DOCUMENTATION: &str = "smithy.api#documentation";
/// `smithy.api#title`.
pub const TITLE: &str = "smithy.api#title";
/// `smithy.api#deprecated`.
pub const DEPRECATED: &str = "smithy.api#deprecated";
/// `smithy.api#sensitive`.
pub const SENSITIVE: &str = "smithy.api#sensitive";
/// `smithy.api#required` (spec type-refinement-traits.rst).
pub const REQUIRED: &str = "smithy.api#required";
/// `smithy.api#default`.
pub const DEFAULT: &str = "smithy.api#default";
/// `smithy.api#clientOptional`.
pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
/// `smithy.api#box` (IDL 1.0 only; upgraded away by the loader).
pub const BOX: &str = "smithy.api#box";
/// `smithy.api#sparse`.
pub const SPARSE: &str = "smithy.api#sparse";
/// `smithy.api#enumValue`.
pub const ENUM_VALUE: &str = "smithy.api#enumValue";
/// `smithy.api#enum` (the legacy string enum trait).
pub const ENUM: &str = "smithy.api#enum";
/// `smithy.api#mixin`.
pub const MIXIN: &str = "smithy.api#mixin";
/// `smithy.api#trait`: the shape defines a trait.
pub const TRAIT: &str = "smithy.api#trait";
/// `smithy.api#input`.
pub const INPUT: &str = "smithy.api#input";
/// `smithy.api#output`.
pub const OUTPUT: &str = "smithy.api#output";
/// `smithy.api#unitType`.
pub const UNIT_TYPE: &str = "smithy.api#unitType";
/// `smithy.api#error`.
pub const ERROR: &str = "smithy.api#error";
/// `smithy.api#httpError`.
pub const HTTP_ERROR: &str = "smithy.api#httpError";
/// `smithy.api#retryable`.
pub const RETRYABLE: &str = "smithy.api#retryable";
/// `smithy.api#idempotencyToken`.
pub const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
/// `smithy.api#idempotent`.
pub const IDEMPOTENT: &str = "smithy.api#idempotent";
/// `smithy.api#httpChecksumRequired`.
pub const HTTP_CHECKSUM_REQUIRED: &str = "smithy.api#httpChecksumRequired";
/// `smithy.api#requestCompression`.
pub const REQUEST_COMPRESSION: &str = "smithy.api#requestCompression";
/// `smithy.api#readonly`.
pub const READONLY: &str = "smithy.api#readonly";
/// `smithy.api#paginated`.
pub const PAGINATED: &str = "smithy.api#paginated";
/// `smithy.api#jsonName`.
pub const JSON_NAME: &str = "smithy.api#jsonName";
/// `smithy.api#xmlName` (spec protocol-traits.rst "XML bindings").
pub const XML_NAME: &str = "smithy.api#xmlName";
/// `smithy.api#xmlAttribute`.
pub const XML_ATTRIBUTE: &str = "smithy.api#xmlAttribute";
/// `smithy.api#xmlFlattened`.
pub const XML_FLATTENED: &str = "smithy.api#xmlFlattened";
/// `smithy.api#xmlNamespace`.
pub const XML_NAMESPACE: &str = "smithy.api#xmlNamespace";
/// `aws.protocols#ec2QueryName` (spec aws/aws-core.rst).
pub const EC2_QUERY_NAME: &str = "aws.protocols#ec2QueryName";
/// `smithy.api#timestampFormat`.
pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
/// `smithy.api#mediaType`.
pub const MEDIA_TYPE: &str = "smithy.api#mediaType";
/// `smithy.api#length` (spec constraint-traits.rst).
pub const LENGTH: &str = "smithy.api#length";
/// `smithy.api#range`.
pub const RANGE: &str = "smithy.api#range";
/// `smithy.api#pattern`.
pub const PATTERN: &str = "smithy.api#pattern";
/// `smithy.api#uniqueItems`.
pub const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";
/// `smithy.api#http` (spec http-bindings.rst).
pub const HTTP: &str = "smithy.api#http";
/// `smithy.api#httpLabel`.
pub const HTTP_LABEL: &str = "smithy.api#httpLabel";
/// `smithy.api#httpQuery`.
pub const HTTP_QUERY: &str = "smithy.api#httpQuery";
/// `smithy.api#httpQueryParams`.
pub const HTTP_QUERY_PARAMS: &str = "smithy.api#httpQueryParams";
/// `smithy.api#httpHeader`.
pub const HTTP_HEADER: &str = "smithy.api#httpHeader";
/// `smithy.api#httpPrefixHeaders`.
pub const HTTP_PREFIX_HEADERS: &str = "smithy.api#httpPrefixHeaders";
/// `smithy.api#httpPayload`.
pub const HTTP_PAYLOAD: &str = "smithy.api#httpPayload";
/// `smithy.api#httpResponseCode`.
pub const HTTP_RESPONSE_CODE: &str = "smithy.api#httpResponseCode";
/// `smithy.api#endpoint` (spec endpoint-traits.rst).
pub const ENDPOINT: &str = "smithy.api#endpoint";
/// `smithy.api#hostLabel`.
pub const HOST_LABEL: &str = "smithy.api#hostLabel";
/// `smithy.api#streaming` (spec streaming.rst).
pub const STREAMING: &str = "smithy.api#streaming";
/// `smithy.api#requiresLength`.
pub const REQUIRES_LENGTH: &str = "smithy.api#requiresLength";
/// `aws.api#service` (spec aws/aws-core.rst).
pub const AWS_SERVICE: &str = "aws.api#service";
/// `aws.auth#sigv4` (spec aws/aws-auth.rst).
pub const SIGV4: &str = "aws.auth#sigv4";
/// `aws.protocols#restJson1` (spec aws/protocols/aws-restjson1-protocol.rst).
pub const REST_JSON1: &str = "aws.protocols#restJson1";
/// `aws.protocols#awsJson1_0` (spec aws/protocols/aws-json-1_0-protocol.rst).
pub const AWS_JSON1_0: &str = "aws.protocols#awsJson1_0";
/// `aws.protocols#awsJson1_1` (spec aws/protocols/aws-json-1_1-protocol.rst).
pub const AWS_JSON1_1: &str = "aws.protocols#awsJson1_1";
/// `smithy.protocols#rpcv2Cbor` (spec protocols/smithy-rpc-v2-cbor.rst).
pub const RPC_V2_CBOR: &str = "smithy.protocols#rpcv2Cbor";
/// `smithy.protocols#rpcv2Json` (spec protocols/smithy-rpc-v2-json.rst).
pub const RPC_V2_JSON: &str = "smithy.protocols#rpcv2Json";
/// `aws.protocols#restXml` (spec aws/protocols/aws-restxml-protocol.rst).
pub const REST_XML: &str = "aws.protocols#restXml";
/// `aws.protocols#awsQuery` (spec aws/protocols/aws-query-protocol.rst).
pub const AWS_QUERY: &str = "aws.protocols#awsQuery";
/// `aws.protocols#ec2Query` (spec aws/protocols/aws-ec2-query-protocol.rst).
pub const EC2_QUERY: &str = "aws.protocols#ec2Query";
/// The protocol traits recorded on a service (`Known::protocols`); which of them the
/// generator speaks, and in what order of preference, is `ir::Protocol`'s.
pub const PROTOCOLS: &[&str] = &[
    REST_JSON1,
    RPC_V2_CBOR,
    AWS_JSON1_0,
    AWS_JSON1_1,
    RPC_V2_JSON,
    REST_XML,
    AWS_QUERY,
    EC2_QUERY,
];
/// `aws.protocols#awsQueryCompatible` (spec aws/protocols/aws-query-protocol.rst).
pub const AWS_QUERY_COMPATIBLE: &str = "aws.protocols#awsQueryCompatible";
/// `aws.protocols#awsQueryError` (spec aws/aws-core.rst).
pub const AWS_QUERY_ERROR: &str = "aws.protocols#awsQueryError";
/// `smithy.rules#endpointRuleSet` (spec rules-engine/specification.rst).
pub const ENDPOINT_RULE_SET: &str = "smithy.rules#endpointRuleSet";
/// `smithy.rules#endpointTests`.
pub const ENDPOINT_TESTS: &str = "smithy.rules#endpointTests";
/// `smithy.rules#contextParam`.
pub const CONTEXT_PARAM: &str = "smithy.rules#contextParam";
/// `smithy.rules#staticContextParams`.
pub const STATIC_CONTEXT_PARAMS: &str = "smithy.rules#staticContextParams";
/// `smithy.rules#clientContextParams`.
pub const CLIENT_CONTEXT_PARAMS: &str = "smithy.rules#clientContextParams";
/// `smithy.rules#operationContextParams`.
pub const OPERATION_CONTEXT_PARAMS: &str = "smithy.rules#operationContextParams";
/// `smithy.test#httpRequestTests` (spec http-protocol-compliance-tests.rst).
pub const HTTP_REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
/// `smithy.test#httpResponseTests`.
pub const HTTP_RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";
/// `smithy.test#httpMalformedRequestTests`.
pub const HTTP_MALFORMED_REQUEST_TESTS: &str = "smithy.test#httpMalformedRequestTests";

/// The [`ShapeId`](crate::model::ShapeId) of one of the trait IDs above.
pub fn shape_id(id: &'static str) -> crate::model::ShapeId {
    let (namespace, name) = id.split_once('#').unwrap_or(("", id));
    crate::model::ShapeId::new(namespace, name)
}

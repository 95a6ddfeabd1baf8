//! The compliance cases not run as written: skipped ones with their reasons, corrected
//! ones with the correction, and the ReDoS probes of malformed cases.

/// Cases not run, by kind and id, with the reason. Each is a known gap.
const SKIPS: &[(&str, &str, &str)] = &[
    ("client_request", "ApiGatewayAccept", "API Gateway customization (Accept: application/json), not restJson1"),
    ("client_request", "GlacierAccountId", "Glacier customization (account ID defaults to `-`), not restJson1"),
    ("client_request", "GlacierChecksums", "Glacier customization (tree-hash checksum headers), not restJson1"),
    ("client_request", "GlacierMultipartChecksums", "Glacier customization (tree-hash checksum headers), not restJson1"),
    ("client_request", "GlacierVersionHeader", "Glacier customization (X-Amz-Glacier-Version header), not restJson1"),
    ("server_request", "SDKAppliedContentEncoding_restJson1", "the case gives the request no body (the gzip bytes are the client's output, which the case does not spell out), so no server can read its `data` from it; the client side of the case runs"),
    ("server_request", "SDKAppendedGzipAfterProvidedEncoding_restJson1", "the case gives the request no body (the gzip bytes are the client's output, which the case does not spell out), so no server can read its `data` from it; the client side of the case runs"),
    ("server_request", "SDKAppliedContentEncoding_awsJson1_0", "the case gives the request no body (the gzip bytes are the client's output, which the case does not spell out), so no server can read its `data` from it; the client side of the case runs"),
    ("server_request", "SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsJson1_0", "the case gives the request no body (the gzip bytes are the client's output, which the case does not spell out), so no server can read its `data` from it; the client side of the case runs"),
    ("server_request", "SDKAppliedContentEncoding_awsJson1_1", "the case gives the request no body (the gzip bytes are the client's output, which the case does not spell out), so no server can read its `data` from it; the client side of the case runs"),
    ("server_request", "SDKAppendsGzipAndIgnoresHttpProvidedEncoding_awsJson1_1", "the case gives the request no body (the gzip bytes are the client's output, which the case does not spell out), so no server can read its `data` from it; the client side of the case runs"),
    ("server_request", "AwsJson10EndpointTraitWithHostLabel", "a host prefix is a client concern, and the case sends a JSON body without Content-Type, which the protocol requires (aws-json-1_0-protocol.rst \"Identification for claiming\")"),
    ("client_request", "RpcV2JsonRequestBigDecimalLargeWithFraction", "the case writes the param as `100000000000000000000001.0` and expects that text on the wire, but the model loader keeps node numbers exactly in one canonical form (model/number.rs), which drops the `.0`: the value is the same and is sent as the text it was given; the other big-number cases pass"),
    ("server_request", "RpcV2JsonRequestBigDecimalLargeWithFraction", "the case writes the param as `100000000000000000000001.0` and expects that text on the wire, but the model loader keeps node numbers exactly in one canonical form (model/number.rs), which drops the `.0`: the value is the same and is sent as the text it was given; the other big-number cases pass"),
    ("client_response", "RpcV2JsonResponseBigDecimalLargeWithFraction", "the case writes the param as `100000000000000000000001.0` and expects that text on the wire, but the model loader keeps node numbers exactly in one canonical form (model/number.rs), which drops the `.0`: the value is the same and is sent as the text it was given; the other big-number cases pass"),
    ("server_response", "RpcV2JsonResponseBigDecimalLargeWithFraction", "the case writes the param as `100000000000000000000001.0` and expects that text on the wire, but the model loader keeps node numbers exactly in one canonical form (model/number.rs), which drops the `.0`: the value is the same and is sent as the text it was given; the other big-number cases pass"),
    ("server_request", "RestJsonEndpointTraitWithHostLabel", "a host prefix is a client concern, and the case sends a JSON body without Content-Type, which servers must reject (RestJsonWithBodyExpectsApplicationJsonContentTypeNoHeaders)"),
    ("client_request", "MachinelearningPredictEndpoint", "Amazon Machine Learning customization (the `PredictEndpoint` member replaces the host), not awsJson1_1"),
    ("server_request", "MachinelearningPredictEndpoint", "Amazon Machine Learning customization (the `PredictEndpoint` member replaces the host), not awsJson1_1"),
    ("server_response", "AwsJson11IntEnums", "the case expects the response to carry `X-Amz-Target`, a request header no server sends back (its client side runs)"),
    ("server_response", "parses_the_request_id_from_the_response", "the request ID is the service's own value, which the case cannot script (its client side runs)"),
    ("client_request", "S3DefaultAddressing", "S3 customization (virtual-host addressing: the S3 client moves the `Bucket` label into the host, `mybucket.s3.…`, and out of the path), not restXml; the path-style case S3PathAddressing runs"),
    ("client_request", "S3VirtualHostAddressing", "S3 customization (virtual-host addressing: the S3 client moves the `Bucket` label into the host, `mybucket.s3.…`, and out of the path), not restXml; the path-style case S3PathAddressing runs"),
    ("client_request", "S3VirtualHostDualstackAddressing", "S3 customization (virtual-host addressing: the S3 client moves the `Bucket` label into the host, `mybucket.s3.…`, and out of the path), not restXml; the path-style case S3PathAddressing runs"),
    ("client_request", "S3VirtualHostAccelerateAddressing", "S3 customization (virtual-host addressing: the S3 client moves the `Bucket` label into the host, `mybucket.s3.…`, and out of the path), not restXml; the path-style case S3PathAddressing runs"),
    ("client_request", "S3VirtualHostDualstackAccelerateAddressing", "S3 customization (virtual-host addressing: the S3 client moves the `Bucket` label into the host, `mybucket.s3.…`, and out of the path), not restXml; the path-style case S3PathAddressing runs"),
    ("client_request", "S3OperationAddressingPreferred", "S3 customization (virtual-host addressing: the S3 client moves the `Bucket` label into the host, `mybucket.s3.…`, and out of the path), not restXml; the path-style case S3PathAddressing runs"),
    ("client_request", "S3EscapeObjectKeyInUriLabel", "S3 customization (virtual-host addressing: the S3 client moves the `Bucket` label into the host, `mybucket.s3.…`, and out of the path), not restXml; the path-style case S3PathAddressing runs"),
    ("client_request", "S3EscapePathObjectKeyInUriLabel", "S3 customization (virtual-host addressing: the S3 client moves the `Bucket` label into the host, `mybucket.s3.…`, and out of the path), not restXml; the path-style case S3PathAddressing runs"),
    ("client_request", "S3PreservesLeadingDotSegmentInUriLabel", "S3 customization (virtual-host addressing: the S3 client moves the `Bucket` label into the host, `mybucket.s3.…`, and out of the path), not restXml; the path-style case S3PathAddressing runs"),
    ("client_request", "S3PreservesEmbeddedDotSegmentInUriLabel", "S3 customization (virtual-host addressing: the S3 client moves the `Bucket` label into the host, `mybucket.s3.…`, and out of the path), not restXml; the path-style case S3PathAddressing runs"),
    ("server_request", "S3DefaultAddressing", "S3 customization (virtual-host addressing: the S3 client moves the `Bucket` label into the host, `mybucket.s3.…`, and out of the path), not restXml; the path-style case S3PathAddressing runs"),
    ("server_request", "S3VirtualHostAddressing", "S3 customization (virtual-host addressing: the S3 client moves the `Bucket` label into the host, `mybucket.s3.…`, and out of the path), not restXml; the path-style case S3PathAddressing runs"),
    ("server_request", "S3VirtualHostDualstackAddressing", "S3 customization (virtual-host addressing: the S3 client moves the `Bucket` label into the host, `mybucket.s3.…`, and out of the path), not restXml; the path-style case S3PathAddressing runs"),
    ("server_request", "S3VirtualHostAccelerateAddressing", "S3 customization (virtual-host addressing: the S3 client moves the `Bucket` label into the host, `mybucket.s3.…`, and out of the path), not restXml; the path-style case S3PathAddressing runs"),
    ("server_request", "S3VirtualHostDualstackAccelerateAddressing", "S3 customization (virtual-host addressing: the S3 client moves the `Bucket` label into the host, `mybucket.s3.…`, and out of the path), not restXml; the path-style case S3PathAddressing runs"),
    ("server_request", "S3OperationAddressingPreferred", "S3 customization (virtual-host addressing: the S3 client moves the `Bucket` label into the host, `mybucket.s3.…`, and out of the path), not restXml; the path-style case S3PathAddressing runs"),
    ("server_request", "S3EscapeObjectKeyInUriLabel", "S3 customization (virtual-host addressing: the S3 client moves the `Bucket` label into the host, `mybucket.s3.…`, and out of the path), not restXml; the path-style case S3PathAddressing runs"),
    ("server_request", "S3EscapePathObjectKeyInUriLabel", "S3 customization (virtual-host addressing: the S3 client moves the `Bucket` label into the host, `mybucket.s3.…`, and out of the path), not restXml; the path-style case S3PathAddressing runs"),
    ("server_request", "S3PreservesLeadingDotSegmentInUriLabel", "S3 customization (virtual-host addressing: the S3 client moves the `Bucket` label into the host, `mybucket.s3.…`, and out of the path), not restXml; the path-style case S3PathAddressing runs"),
    ("server_request", "S3PreservesEmbeddedDotSegmentInUriLabel", "S3 customization (virtual-host addressing: the S3 client moves the `Bucket` label into the host, `mybucket.s3.…`, and out of the path), not restXml; the path-style case S3PathAddressing runs"),
    ("client_response", "GetBucketLocationUnwrappedOutput", "S3 customization (`@s3UnwrappedXmlOutput`: the output is the root element's text, not its members), not restXml"),
    ("client_response", "HttpPrefixHeadersAreNotPresent", "no header has the prefix, so the wire holds no map at all, and the client reads none (`None`), as restJson1 does; the case expects an empty map (its request side runs)"),
    ("server_request", "SDKAppliedContentEncoding_restXml", "the case gives the request no body (the gzip bytes are the client's output, which the case does not spell out), so no server can read its `data` from it; the client side of the case runs"),
    ("server_request", "SDKAppendedGzipAfterProvidedEncoding_restXml", "the case gives the request no body (the gzip bytes are the client's output, which the case does not spell out), so no server can read its `data` from it; the client side of the case runs"),
    ("server_request", "RestXmlEndpointTraitWithHostLabel", "a host prefix is a client concern, and the case sends an XML body without Content-Type, which a restXml server refuses (415) as restJson1 servers do"),
    ("server_request", "AllQueryStringTypes", "the case's params leave out `queryParamsMapOfStrings`, the `@httpQueryParams` map a server fills with every query parameter (http-bindings.rst \"httpQueryParams trait\"); restJson1's same case lists them (its client side runs)"),
    ("server_request", "RestXmlQueryStringEscaping", "the case's params leave out `queryParamsMapOfStrings`, the `@httpQueryParams` map a server fills with every query parameter (http-bindings.rst \"httpQueryParams trait\"); restJson1's same case lists them (its client side runs)"),
    ("server_request", "RestXmlSupportsNaNFloatQueryValues", "the case's params leave out `queryParamsMapOfStrings`, the `@httpQueryParams` map a server fills with every query parameter (http-bindings.rst \"httpQueryParams trait\"); restJson1's same case lists them (its client side runs)"),
    ("server_request", "RestXmlSupportsInfinityFloatQueryValues", "the case's params leave out `queryParamsMapOfStrings`, the `@httpQueryParams` map a server fills with every query parameter (http-bindings.rst \"httpQueryParams trait\"); restJson1's same case lists them (its client side runs)"),
    ("server_request", "RestXmlSupportsNegativeInfinityFloatQueryValues", "the case's params leave out `queryParamsMapOfStrings`, the `@httpQueryParams` map a server fills with every query parameter (http-bindings.rst \"httpQueryParams trait\"); restJson1's same case lists them (its client side runs)"),
    ("server_request", "RestXmlZeroAndFalseQueryValues", "the case's params leave out `queryParamsMapOfStrings`, the `@httpQueryParams` map a server fills with every query parameter (http-bindings.rst \"httpQueryParams trait\"); restJson1's same case lists them (its client side runs)"),
    ("server_response", "RestXmlDateTimeWithPositiveOffset", "the case's body keeps the service's UTC offset (`+01:00`), which the parsed instant does not hold: a server writes a date-time in UTC (`Z`) (its client side runs)"),
    ("server_response", "RestXmlDateTimeWithNegativeOffset", "the case's body keeps the service's UTC offset (`+01:00`), which the parsed instant does not hold: a server writes a date-time in UTC (`Z`) (its client side runs)"),
    ("server_response", "InvalidGreetingError", "the expected body holds the request ID `foo-id`, the service's own value, which the case cannot script, and an element the error does not model (`AnotherSetting`) (its client side runs)"),
    ("server_response", "ComplexError", "the expected body holds the request ID `foo-id`, the service's own value, which the case cannot script, and a `Message` the error does not model (its client side runs)"),
    ("server_request", "RestJsonOmitsEmptyListQueryValues", "a server cannot tell an empty list from an absent one in a query string; the case expects []"),
];

/// Cases run with their expectation corrected, by kind and id, with the correction
/// (printed by the test).
const CORRECTIONS: &[(&str, &str, &str)] = &[
    ("malformed", "RestJsonMalformedPatternReDOSString", "the expected body's `$$` is read as one `$`, as Smithy formats a case's strings (`$$` escapes `$`): the case has no testParameters, so Smithy's own runner leaves it unformatted (smithy-lang/smithy#1506), but the pattern is `^([0-9]+)+$`"),
];

/// Malformed cases that probe catastrophic backtracking (ReDoS): each is also sent with
/// its longest run of one character made ten times as long, and must be answered the
/// same way, well within the bound.
pub(super) const REDOS: &[(&str, u64)] = &[("RestJsonMalformedPatternReDOSString", 1_000)];

/// `body` with its longest run of one character repeated `times` as long.
pub(super) fn scaled(body: &str, times: usize) -> String {
    let chars: Vec<char> = body.chars().collect();
    let (mut best, mut start) = ((0, 0), 0);
    for i in 1..=chars.len() {
        if i == chars.len() || chars[i] != chars[start] {
            if i - start > best.1 - best.0 {
                best = (start, i);
            }
            start = i;
        }
    }
    let run: String = chars[best.0..best.1].iter().collect();
    let head: String = chars[..best.0].iter().collect();
    let tail: String = chars[best.1..].iter().collect();
    format!("{head}{}{tail}", run.repeat(times))
}

pub(super) fn correction_of(kind: &str, id: &str) -> Option<&'static str> {
    CORRECTIONS
        .iter()
        .find(|(k, i, _)| *k == kind && *i == id)
        .map(|(_, _, correction)| *correction)
}

pub(super) fn skip_of(kind: &str, id: &str) -> Option<String> {
    SKIPS
        .iter()
        .find(|(k, i, _)| *k == kind && *i == id)
        .map(|(_, _, reason)| (*reason).to_owned())
}

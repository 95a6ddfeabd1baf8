#!/usr/bin/env python3
"""botocore's requests and parsed responses for the XML protocols, as JSON.

The reference half of `tests/botocore.rs`: for a few operations each of STS and SNS
(awsQuery) and Route 53 (restXml), botocore's own serializer
(`botocore.serialize.create_serializer`) turns each case's input into a request and its
own parser (`botocore.parsers.create_parser`) reads a hand-written response body, as
the service sends it, into a dict. The Rust test then serializes the same input with
our generated client and reads the same body, and requires the same request and the
same values.

EC2 (ec2Query) is left out: its model is the largest file of aws/api-models-aws and the
reference copy this project pins from lacks it (see tests/xml-models/README.md).

botocore is the AWS CLI's: `pip install awscli` (what `.ci/run` does) vendors it as
`awscli.botocore`, which answers to `import botocore` once `awscli` is imported; a
standalone `botocore` install works too. Only the standard library otherwise.

No input of these three services holds a timestamp (SNS's message attributes hold the
one blob), so timestamps are exercised in responses: fractions, whole seconds and a UTC
offset.

Usage: botocore_cases.py [OUT]   (JSON to OUT, else to stdout)

Output: {"botocore": VERSION, "cases": [CASE, ...]}, CASE being
  name, service, operation, protocol ("query" or "rest-xml"),
  params    the input in our generated types' serde form (keys are member names,
            timestamps RFC 3339 text, blobs base64),
  request   {method, path, query: [[k, v], ...] (decoded), headers: {k: v},
             form: [[k, v], ...] (decoded; query protocol), body: text (rest-xml)},
  response  (when the case has one) {status, headers, body, parsed}, `parsed` being
            botocore's dict in the same serde form, ResponseMetadata dropped; for an
            error status, {"Error": {"Code", "Message", ...}}.
"""

import base64
import datetime
import json
import sys

try:
    import botocore  # noqa: F401  (a standalone install)
except ImportError:
    import awscli  # noqa: F401  (its import hook maps `botocore` to `awscli.botocore`)
import botocore
import botocore.parsers
import botocore.serialize
import botocore.session

# Characters that break naive encoders: form/query separators, the plus that forms read
# as a space, the tilde some encoders escape, XML's specials and the CDATA terminator,
# and text beyond ASCII (two-, three- and four-byte UTF-8).
ODD = "a b&c=d+e~f <g> ]]> \"h\" 'i' é ü 日本 😀"


def case(name, service, operation, params, response=None, status=200, headers=None):
    """One case: `response` is the body the service would send (text), if any."""
    return {
        "name": name,
        "service": service,
        "operation": operation,
        "params": params,
        "response": None
        if response is None
        else {"status": status, "headers": headers or {}, "body": response},
    }


STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/"
SNS_NS = "http://sns.amazonaws.com/doc/2010-03-31/"
R53_NS = "https://route53.amazonaws.com/doc/2013-04-01/"


def sts_cases():
    return [
        case(
            "sts_assume_role_lists",
            "sts",
            "AssumeRole",
            {
                "RoleArn": "arn:aws:iam::123456789012:role/demo",
                "RoleSessionName": "John-session",
                "PolicyArns": [
                    {"arn": "arn:aws:iam::123456789012:policy/one"},
                    {"arn": "arn:aws:iam::123456789012:policy/two+three"},
                ],
                "Policy": '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",'
                '"Action":"s3:*","Resource":"arn:aws:s3:::b/k ey&=+~"}]}',
                "DurationSeconds": 1800,
                "Tags": [
                    {"Key": "Project", "Value": "Unicorn"},
                    {"Key": "Team", "Value": ODD},
                    {"Key": "Cost Center", "Value": "12345"},
                ],
                "TransitiveTagKeys": ["Project", "Cost Center"],
                "ExternalId": "123ABC",
                "SourceIdentity": "Alice",
                "ProvidedContexts": [
                    {
                        "ProviderArn": "arn:aws:iam::aws:contextProvider/IdentityCenter",
                        "ContextAssertion": "eyJ0eXAiOiJKV1Qi+/=",
                    }
                ],
            },
            f"""<AssumeRoleResponse xmlns="{STS_NS}">
  <AssumeRoleResult>
    <SourceIdentity>Alice</SourceIdentity>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/demo/John-session</Arn>
      <AssumedRoleId>ARO123EXAMPLE123:John-session</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==</SessionToken>
      <Expiration>2026-03-01T13:30:45.123Z</Expiration>
    </Credentials>
    <PackedPolicySize>6</PackedPolicySize>
  </AssumeRoleResult>
  <ResponseMetadata>
    <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
  </ResponseMetadata>
</AssumeRoleResponse>
""",
        ),
        case(
            "sts_get_caller_identity",
            "sts",
            "GetCallerIdentity",
            {},
            f"""<GetCallerIdentityResponse xmlns="{STS_NS}">
  <GetCallerIdentityResult>
    <Arn>arn:aws:sts::123456789012:assumed-role/my-role-name/my-role-session-name</Arn>
    <UserId>ARO123EXAMPLE123:my-role-session-name</UserId>
    <Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata>
    <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
  </ResponseMetadata>
</GetCallerIdentityResponse>
""",
        ),
        case(
            "sts_get_session_token",
            "sts",
            "GetSessionToken",
            {
                "DurationSeconds": 3600,
                "SerialNumber": "arn:aws:iam::123456789012:mfa/user name+1",
                "TokenCode": "123456",
            },
            f"""<GetSessionTokenResponse xmlns="{STS_NS}">
  <GetSessionTokenResult>
    <Credentials>
      <SessionToken>AQoEXAMPLEH4aoAH0gNCAPyJxz4BlCFFxWNE1OPTgk5TthT+FvwqnKwRcOIfrRh3c/LTo6UDdyJwOOvEVPvLXCrrrUtdnniCEXAMPLE/IvU1dYUg2RVAJBanLiHb4IgRmpRV3zrkuWJOgQs8IZZaIv2BXIa2R4OlgkBN9bkUDNCJiBeb/AXlzBBko7b15fjrBs2+cTQtpZ3CYWFXG8C5zqx37wnOE49mRl/+OtkIKGO7fAE</SessionToken>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <Expiration>2026-03-02T00:30:45Z</Expiration>
      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
    </Credentials>
  </GetSessionTokenResult>
  <ResponseMetadata>
    <RequestId>58c5dbae-abef-11e0-8cfe-09039844ac7d</RequestId>
  </ResponseMetadata>
</GetSessionTokenResponse>
""",
        ),
        case(
            "sts_decode_authorization_message_entities",
            "sts",
            "DecodeAuthorizationMessage",
            {"EncodedMessage": "EXAMPLE/+=" + ODD},
            f"""<DecodeAuthorizationMessageResponse xmlns="{STS_NS}">
  <DecodeAuthorizationMessageResult>
    <DecodedMessage>{{&quot;allowed&quot;:false,&quot;context&quot;:{{&quot;action&quot;:&quot;iam:Get&lt;*&gt;&quot;,&quot;note&quot;:&quot;a &amp; b &#233; &#x1F600; <![CDATA[<raw> & ]]]]><![CDATA[>]]>&quot;}}}}</DecodedMessage>
  </DecodeAuthorizationMessageResult>
  <ResponseMetadata>
    <RequestId>6624a9ca-cd25-4f50-b2a5-7ba65bf07453</RequestId>
  </ResponseMetadata>
</DecodeAuthorizationMessageResponse>
""",
        ),
        case(
            "sts_assume_role_empty_lists_unknown_elements",
            "sts",
            "AssumeRole",
            {
                "RoleArn": "arn:aws:iam::123456789012:role/demo",
                "RoleSessionName": "empty-lists",
                "PolicyArns": [],
                "Tags": [],
                "TransitiveTagKeys": [],
            },
            f"""<AssumeRoleResponse xmlns="{STS_NS}">
  <AssumeRoleResult>
    <NewlyAddedMember attribute="x"><Nested><Deeper>ignored</Deeper></Nested></NewlyAddedMember>
    <SourceIdentity>  padded
  two lines  </SourceIdentity>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/demo/empty-lists</Arn>
      <Unknown/>
      <AssumedRoleId>ARO123EXAMPLE123:empty-lists</AssumedRoleId>
    </AssumedRoleUser>
    <PackedPolicySize>0</PackedPolicySize>
  </AssumeRoleResult>
  <ResponseMetadata>
    <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c8</RequestId>
  </ResponseMetadata>
</AssumeRoleResponse>
""",
        ),
        case(
            "sts_get_session_token_offset_empty_comment",
            "sts",
            "GetSessionToken",
            {},
            f"""<?xml version="1.0" encoding="UTF-8"?>
<GetSessionTokenResponse xmlns="{STS_NS}">
  <!-- a comment, and an element with no text -->
  <GetSessionTokenResult>
    <Credentials>
      <SessionToken></SessionToken>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <Expiration>2026-03-02T02:30:45.25+02:00</Expiration>
      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
    </Credentials>
  </GetSessionTokenResult>
</GetSessionTokenResponse>
""",
        ),
        case(
            "sts_get_caller_identity_error_unmodeled",
            "sts",
            "GetCallerIdentity",
            {},
            f"""<ErrorResponse xmlns="{STS_NS}">
  <Error>
    <Type>Sender</Type>
    <Code>Throttling</Code>
    <Message>Rate exceeded</Message>
  </Error>
  <RequestId>0e9d4cfa-6a0f-4f5c-9d6b-8f1a2b3c4d5e</RequestId>
</ErrorResponse>
""",
            status=400,
        ),
        case(
            "sts_assume_role_error_query_code",
            "sts",
            "AssumeRole",
            {
                "RoleArn": "arn:aws:iam::123456789012:role/demo",
                "RoleSessionName": "session-2",
                "Policy": "{not json & <xml>",
            },
            f"""<ErrorResponse xmlns="{STS_NS}">
  <Error>
    <Type>Sender</Type>
    <Code>MalformedPolicyDocument</Code>
    <Message>The policy is not in the valid JSON format: &lt;xml&gt; &amp; more</Message>
  </Error>
  <RequestId>2e0e2b5b-1a7a-4b8b-9d8e-3c5f6e7a8b9c</RequestId>
</ErrorResponse>
""",
            status=400,
        ),
    ]


def sns_cases():
    return [
        case(
            "sns_publish_message_attributes",
            "sns",
            "Publish",
            {
                "TopicArn": "arn:aws:sns:us-east-1:123456789012:my-topic",
                "Message": "Hello " + ODD + "\nsecond line\ttab",
                "Subject": "Subject & more",
                "MessageAttributes": {
                    "store": {"DataType": "String", "StringValue": "example corp"},
                    "event": {"DataType": "String.Array", "StringValue": '["a&b","c=d"]'},
                    "price": {"DataType": "Number", "StringValue": "4.50"},
                    "blob": {"DataType": "Binary", "BinaryValue": b"\x00\x01\xfe\xff raw"},
                    "ключ ~+": {"DataType": "String", "StringValue": ODD},
                },
                "MessageDeduplicationId": "dedup-1",
                "MessageGroupId": "group 1",
            },
            f"""<PublishResponse xmlns="{SNS_NS}">
  <PublishResult>
    <MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId>
    <SequenceNumber>10000000000000003000</SequenceNumber>
  </PublishResult>
  <ResponseMetadata>
    <RequestId>d74b8436-ae13-5ab4-a9ff-ce54dfea72a0</RequestId>
  </ResponseMetadata>
</PublishResponse>
""",
        ),
        case(
            "sns_create_topic_attributes_tags",
            "sns",
            "CreateTopic",
            {
                "Name": "my-topic.fifo",
                "Attributes": {
                    "FifoTopic": "true",
                    "ContentBasedDeduplication": "false",
                    "DisplayName": ODD,
                    "Policy": '{"Statement":[{"Effect":"Allow","Principal":"*"}]}',
                },
                "Tags": [
                    {"Key": "team", "Value": "a&b"},
                    {"Key": "env=prod", "Value": "x+y ~z"},
                ],
            },
            f"""<CreateTopicResponse xmlns="{SNS_NS}">
  <CreateTopicResult>
    <TopicArn>arn:aws:sns:us-east-1:123456789012:my-topic.fifo</TopicArn>
  </CreateTopicResult>
  <ResponseMetadata>
    <RequestId>a8dec8b3-33a4-11df-8963-01868b7c937a</RequestId>
  </ResponseMetadata>
</CreateTopicResponse>
""",
        ),
        case(
            "sns_publish_batch_nested",
            "sns",
            "PublishBatch",
            {
                "TopicArn": "arn:aws:sns:us-east-1:123456789012:my-topic",
                "PublishBatchRequestEntries": [
                    {
                        "Id": "1",
                        "Message": "first & <one>",
                        "MessageAttributes": {
                            "k": {"DataType": "String", "StringValue": "v"},
                        },
                    },
                    {"Id": "2", "Message": ODD, "Subject": "s"},
                ],
            },
            f"""<PublishBatchResponse xmlns="{SNS_NS}">
  <PublishBatchResult>
    <Successful>
      <member>
        <Id>1</Id>
        <MessageId>2c3a7c45-ba39-5e3e-bd74-c4e4d5a7d3f8</MessageId>
      </member>
    </Successful>
    <Failed>
      <member>
        <Id>2</Id>
        <Code>InvalidParameter</Code>
        <Message>Invalid parameter: &lt;Message&gt; &amp; more</Message>
        <SenderFault>true</SenderFault>
      </member>
    </Failed>
  </PublishBatchResult>
  <ResponseMetadata>
    <RequestId>4f6e3c0b-7d47-5b8d-9a7f-6d1a1c0d2e3f</RequestId>
  </ResponseMetadata>
</PublishBatchResponse>
""",
        ),
        case(
            "sns_get_topic_attributes_map",
            "sns",
            "GetTopicAttributes",
            {"TopicArn": "arn:aws:sns:us-east-1:123456789012:my-topic"},
            f"""<GetTopicAttributesResponse xmlns="{SNS_NS}">
  <GetTopicAttributesResult>
    <Attributes>
      <entry>
        <key>Owner</key>
        <value>123456789012</value>
      </entry>
      <entry>
        <key>Policy</key>
        <value>{{&quot;Version&quot;:&quot;2008-10-17&quot;,&quot;Id&quot;:&quot;us-east-1/698519295917/test__default_policy_ID&quot;}}</value>
      </entry>
      <entry>
        <key>DisplayName</key>
        <value>a &amp; b &lt;c&gt; é 😀</value>
      </entry>
      <entry>
        <key>SubscriptionsConfirmed</key>
        <value>1</value>
      </entry>
    </Attributes>
  </GetTopicAttributesResult>
  <ResponseMetadata>
    <RequestId>057f074c-33a7-11df-9540-99d0768312d3</RequestId>
  </ResponseMetadata>
</GetTopicAttributesResponse>
""",
        ),
        case(
            "sns_list_tags_for_resource",
            "sns",
            "ListTagsForResource",
            {"ResourceArn": "arn:aws:sns:us-east-1:123456789012:my-topic"},
            f"""<ListTagsForResourceResponse xmlns="{SNS_NS}">
  <ListTagsForResourceResult>
    <Tags>
      <member>
        <Key>team</Key>
        <Value>a&amp;b</Value>
      </member>
      <member>
        <Key>env=prod</Key>
        <Value>x+y ~z</Value>
      </member>
    </Tags>
  </ListTagsForResourceResult>
  <ResponseMetadata>
    <RequestId>4b0b5ab5-3c29-5d4e-9f0a-66b1a5c7e0d1</RequestId>
  </ResponseMetadata>
</ListTagsForResourceResponse>
""",
        ),
        case(
            "sns_subscribe_boolean_and_map",
            "sns",
            "Subscribe",
            {
                "TopicArn": "arn:aws:sns:us-east-1:123456789012:my-topic",
                "Protocol": "https",
                "Endpoint": "https://example.com/hook?a=1&b=2+3",
                "Attributes": {
                    "RawMessageDelivery": "true",
                    "FilterPolicy": '{"store":["example corp"],"price":[{"numeric":[">=",4.5]}]}',
                },
                "ReturnSubscriptionArn": True,
            },
            f"""<SubscribeResponse xmlns="{SNS_NS}">
  <SubscribeResult>
    <SubscriptionArn>arn:aws:sns:us-east-1:123456789012:my-topic:80289ba6-0fd4-4079-afb4-ce8c8260f0ca</SubscriptionArn>
  </SubscribeResult>
  <ResponseMetadata>
    <RequestId>c4407779-24a4-56fa-982c-3d927f93a775</RequestId>
  </ResponseMetadata>
</SubscribeResponse>
""",
        ),
        case(
            "sns_create_topic_empty_map_and_list",
            "sns",
            "CreateTopic",
            {"Name": "plain", "Attributes": {}, "Tags": []},
        ),
        case(
            "sns_list_subscriptions_by_topic_token",
            "sns",
            "ListSubscriptionsByTopic",
            {
                "TopicArn": "arn:aws:sns:us-east-1:123456789012:my-topic",
                "NextToken": "AAE/+token==&x=~",
            },
            f"""<ListSubscriptionsByTopicResponse xmlns="{SNS_NS}">
  <ListSubscriptionsByTopicResult>
    <Subscriptions>
      <member>
        <TopicArn>arn:aws:sns:us-east-1:123456789012:my-topic</TopicArn>
        <Protocol>email</Protocol>
        <SubscriptionArn>arn:aws:sns:us-east-1:123456789012:my-topic:80289ba6-0fd4-4079-afb4-ce8c8260f0ca</SubscriptionArn>
        <Owner>123456789012</Owner>
        <Endpoint>a+b@example.com</Endpoint>
      </member>
      <member>
        <TopicArn>arn:aws:sns:us-east-1:123456789012:my-topic</TopicArn>
        <Protocol>sqs</Protocol>
        <SubscriptionArn>PendingConfirmation</SubscriptionArn>
        <Owner>123456789012</Owner>
        <Endpoint>arn:aws:sqs:us-east-1:123456789012:q</Endpoint>
      </member>
    </Subscriptions>
    <NextToken>AAF/+next==</NextToken>
  </ListSubscriptionsByTopicResult>
  <ResponseMetadata>
    <RequestId>b9275252-3774-11df-9540-99d0768312d3</RequestId>
  </ResponseMetadata>
</ListSubscriptionsByTopicResponse>
""",
        ),
        case(
            "sns_set_subscription_attributes_no_output",
            "sns",
            "SetSubscriptionAttributes",
            {
                "SubscriptionArn": "arn:aws:sns:us-east-1:123456789012:my-topic:80289ba6",
                "AttributeName": "FilterPolicy",
                "AttributeValue": '{"a":["b & c"]}',
            },
            f"""<SetSubscriptionAttributesResponse xmlns="{SNS_NS}">
  <ResponseMetadata>
    <RequestId>a8763b99-33a7-11df-a9b7-05d48da6f042</RequestId>
  </ResponseMetadata>
</SetSubscriptionAttributesResponse>
""",
        ),
        case(
            "sns_get_topic_attributes_error_not_found",
            "sns",
            "GetTopicAttributes",
            {"TopicArn": "arn:aws:sns:us-east-1:123456789012:gone"},
            f"""<ErrorResponse xmlns="{SNS_NS}">
  <Error>
    <Type>Sender</Type>
    <Code>NotFound</Code>
    <Message>Topic does not exist</Message>
  </Error>
  <RequestId>9dd01905-5012-5f99-8663-4b3ecd0dfaef</RequestId>
</ErrorResponse>
""",
            status=404,
        ),
    ]


def route53_cases():
    record = {
        "Name": "www.example.com.",
        "Type": "TXT",
        "SetIdentifier": "weighted & <one>",
        "Weight": 100,
        "TTL": 300,
        "ResourceRecords": [
            {"Value": '"v=spf1 include:_spf.example.com ~all"'},
            {"Value": '"' + ODD + '"'},
        ],
    }
    alias = {
        "Name": "apex.example.com.",
        "Type": "A",
        "GeoLocation": {"ContinentCode": "EU", "CountryCode": "DE"},
        "AliasTarget": {
            "HostedZoneId": "Z2FDTNDATAQYW2",
            "DNSName": "d111111abcdef8.cloudfront.net.",
            "EvaluateTargetHealth": False,
        },
    }
    proximity = {
        "Name": "geo.example.com.",
        "Type": "CNAME",
        "SetIdentifier": "proximity-1",
        "GeoProximityLocation": {
            "Coordinates": {"Latitude": "49.22", "Longitude": "-74.01"},
            "Bias": -10,
        },
        "CidrRoutingConfig": {
            "CollectionId": "c8c02a84-aaaa-bbbb-e0d2-d833a2f80106",
            "LocationName": "*",
        },
        "TTL": 60,
        "ResourceRecords": [{"Value": "target.example.com"}],
        "HealthCheckId": "abcdef11-2222-3333-4444-555555fedcba",
    }
    return [
        case(
            "route53_change_resource_record_sets_nested",
            "route53",
            "ChangeResourceRecordSets",
            {
                "HostedZoneId": "Z1D633PJN98FT9",
                "ChangeBatch": {
                    "Comment": "Web servers " + ODD,
                    "Changes": [
                        {"Action": "UPSERT", "ResourceRecordSet": record},
                        {"Action": "CREATE", "ResourceRecordSet": alias},
                        {"Action": "DELETE", "ResourceRecordSet": proximity},
                    ],
                },
            },
            f"""<?xml version="1.0" encoding="UTF-8"?>
<ChangeResourceRecordSetsResponse xmlns="{R53_NS}">
  <ChangeInfo>
    <Id>/change/C2682N5HXP0BZ4</Id>
    <Status>PENDING</Status>
    <SubmittedAt>2026-03-01T12:30:45.500Z</SubmittedAt>
    <Comment>Web servers a b&amp;c=d+e~f &lt;g&gt; ]]&gt; "h" 'i' é ü 日本 😀</Comment>
  </ChangeInfo>
</ChangeResourceRecordSetsResponse>
""",
        ),
        case(
            "route53_list_resource_record_sets_query",
            "route53",
            "ListResourceRecordSets",
            {
                "HostedZoneId": "Z1D633PJN98FT9",
                "StartRecordName": "www.example.com.",
                "StartRecordType": "TXT",
                "StartRecordIdentifier": "a b&c=d+e~f/é",
                "MaxItems": "2",
            },
            f"""<?xml version="1.0" encoding="UTF-8"?>
<ListResourceRecordSetsResponse xmlns="{R53_NS}">
  <ResourceRecordSets>
    <ResourceRecordSet>
      <Name>www.example.com.</Name>
      <Type>TXT</Type>
      <SetIdentifier>weighted &amp; &lt;one&gt;</SetIdentifier>
      <Weight>100</Weight>
      <TTL>300</TTL>
      <ResourceRecords>
        <ResourceRecord>
          <Value>"v=spf1 include:_spf.example.com ~all"</Value>
        </ResourceRecord>
        <ResourceRecord>
          <Value><![CDATA["<raw> & ]]]]><![CDATA[>"]]></Value>
        </ResourceRecord>
      </ResourceRecords>
    </ResourceRecordSet>
    <ResourceRecordSet>
      <Name>apex.example.com.</Name>
      <Type>A</Type>
      <GeoLocation>
        <ContinentCode>EU</ContinentCode>
        <CountryCode>DE</CountryCode>
      </GeoLocation>
      <MultiValueAnswer>false</MultiValueAnswer>
      <AliasTarget>
        <HostedZoneId>Z2FDTNDATAQYW2</HostedZoneId>
        <DNSName>d111111abcdef8.cloudfront.net.</DNSName>
        <EvaluateTargetHealth>true</EvaluateTargetHealth>
      </AliasTarget>
      <GeoProximityLocation>
        <Coordinates>
          <Latitude>49.22</Latitude>
          <Longitude>-74.01</Longitude>
        </Coordinates>
        <Bias>-10</Bias>
      </GeoProximityLocation>
    </ResourceRecordSet>
  </ResourceRecordSets>
  <IsTruncated>true</IsTruncated>
  <NextRecordName>zzz.example.com.</NextRecordName>
  <NextRecordType>MX</NextRecordType>
  <MaxItems>2</MaxItems>
</ListResourceRecordSetsResponse>
""",
        ),
        case(
            "route53_change_tags_for_resource",
            "route53",
            "ChangeTagsForResource",
            {
                "ResourceType": "healthcheck",
                "ResourceId": "abcdef11-2222-3333-4444-555555fedcba",
                "AddTags": [
                    {"Key": "Cost Center", "Value": "80432"},
                    {"Key": "owner", "Value": ODD},
                ],
                "RemoveTagKeys": ["old & <key>", "gone"],
            },
            f"""<?xml version="1.0" encoding="UTF-8"?>
<ChangeTagsForResourceResponse xmlns="{R53_NS}"/>
""",
        ),
        case(
            "route53_create_hosted_zone_201",
            "route53",
            "CreateHostedZone",
            {
                "Name": "example.com.",
                "VPC": {"VPCRegion": "eu-central-1", "VPCId": "vpc-1a2b3c4d"},
                "CallerReference": "2026-03-01 12:30 &=+~",
                "HostedZoneConfig": {"Comment": "private " + ODD, "PrivateZone": True},
            },
            f"""<?xml version="1.0" encoding="UTF-8"?>
<CreateHostedZoneResponse xmlns="{R53_NS}">
  <HostedZone>
    <Id>/hostedzone/Z1D633PJN98FT9</Id>
    <Name>example.com.</Name>
    <CallerReference>2026-03-01 12:30 &amp;=+~</CallerReference>
    <Config>
      <Comment>private a b&amp;c=d+e~f &lt;g&gt; ]]&gt; "h" 'i' é ü 日本 😀</Comment>
      <PrivateZone>true</PrivateZone>
    </Config>
    <ResourceRecordSetCount>2</ResourceRecordSetCount>
  </HostedZone>
  <ChangeInfo>
    <Id>/change/C1PA6795UKMFR9</Id>
    <Status>PENDING</Status>
    <SubmittedAt>2026-03-01T12:30:45Z</SubmittedAt>
  </ChangeInfo>
  <DelegationSet>
    <NameServers>
      <NameServer>ns-2048.awsdns-64.com</NameServer>
      <NameServer>ns-2049.awsdns-65.net</NameServer>
    </NameServers>
  </DelegationSet>
  <VPC>
    <VPCRegion>eu-central-1</VPCRegion>
    <VPCId>vpc-1a2b3c4d</VPCId>
  </VPC>
</CreateHostedZoneResponse>
""",
            status=201,
            headers={
                "Location": "https://route53.amazonaws.com/2013-04-01/hostedzone/Z1D633PJN98FT9",
                "Content-Type": "text/xml",
            },
        ),
        case(
            "route53_list_tags_for_resources",
            "route53",
            "ListTagsForResources",
            {
                "ResourceType": "hostedzone",
                "ResourceIds": ["Z1D633PJN98FT9", "Z2FDTNDATAQYW2"],
            },
            f"""<?xml version="1.0" encoding="UTF-8"?>
<ListTagsForResourcesResponse xmlns="{R53_NS}">
  <ResourceTagSets>
    <ResourceTagSet>
      <ResourceType>hostedzone</ResourceType>
      <ResourceId>Z1D633PJN98FT9</ResourceId>
      <Tags>
        <Tag><Key>Cost Center</Key><Value>80432</Value></Tag>
        <Tag><Key>owner</Key><Value>a &amp; b</Value></Tag>
      </Tags>
    </ResourceTagSet>
    <ResourceTagSet>
      <ResourceType>hostedzone</ResourceType>
      <ResourceId>Z2FDTNDATAQYW2</ResourceId>
      <Tags/>
    </ResourceTagSet>
  </ResourceTagSets>
</ListTagsForResourcesResponse>
""",
        ),
        case(
            "route53_list_hosted_zones_query_unknown_elements",
            "route53",
            "ListHostedZones",
            {"Marker": "Z1 &=+~é", "MaxItems": "1", "HostedZoneType": "PrivateHostedZone"},
            f"""<?xml version="1.0" encoding="UTF-8"?>
<ListHostedZonesResponse xmlns="{R53_NS}">
  <HostedZones>
    <HostedZone>
      <Id>/hostedzone/Z1D633PJN98FT9</Id>
      <Name>example.com.</Name>
      <CallerReference>ref &amp; more</CallerReference>
      <Config>
        <Comment>  padded
  two lines  </Comment>
        <PrivateZone>false</PrivateZone>
        <FutureSetting enabled="true">x</FutureSetting>
      </Config>
      <ResourceRecordSetCount>17</ResourceRecordSetCount>
      <LinkedService>
        <ServicePrincipal>servicediscovery.amazonaws.com</ServicePrincipal>
        <Description>Cloud Map &lt;namespace&gt;</Description>
      </LinkedService>
    </HostedZone>
  </HostedZones>
  <Marker>Z1 &amp;=+~é</Marker>
  <IsTruncated>false</IsTruncated>
  <MaxItems>1</MaxItems>
</ListHostedZonesResponse>
""",
        ),
        case(
            "route53_get_hosted_zone_odd_label",
            "route53",
            "GetHostedZone",
            {"Id": "Z1 D6+&=~é/"},
            f"""<?xml version="1.0" encoding="UTF-8"?>
<ErrorResponse xmlns="{R53_NS}">
  <Error>
    <Type>Sender</Type>
    <Code>NoSuchHostedZone</Code>
    <Message>No hosted zone found with ID: Z1 D6+&amp;=~é/</Message>
  </Error>
  <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>
</ErrorResponse>
""",
            status=404,
        ),
    ]


def in_model_order(value, shape):
    """`value` (an input for `shape`) with each structure's members in model order and
    each map's keys in code-point order, as our generated code writes them. botocore
    writes members and map entries in the order of the dict it is given: structures in
    model order make the XML element order comparable, and our maps are `BTreeMap`s,
    whose entries serialize in key order (UTF-8 byte order, i.e. code-point order), so
    the same order on both sides gives the same query `entry.N` keys."""
    if shape.type_name == "structure":
        return {
            name: in_model_order(value[name], member)
            for name, member in shape.members.items()
            if name in value
        }
    if shape.type_name == "map":
        return {k: in_model_order(value[k], shape.value) for k in sorted(value)}
    if shape.type_name == "list":
        return [in_model_order(v, shape.member) for v in value]
    return value


def serde_form(value):
    """A botocore value in our serde form: datetimes as RFC 3339 text (UTC, fraction
    only when not zero), bytes as base64; structures keep member names as keys."""
    if isinstance(value, dict):
        return {k: serde_form(v) for k, v in value.items()}
    if isinstance(value, list):
        return [serde_form(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, datetime.datetime):
        value = value.astimezone(datetime.timezone.utc)
        text = value.strftime("%Y-%m-%dT%H:%M:%S")
        if value.microsecond:
            text += (".%06d" % value.microsecond).rstrip("0")
        return text + "Z"
    return value


def pairs(mapping):
    """A botocore query-string or form dict as [key, value] pairs (a list value is one
    pair per item), values as text."""
    out = []
    for key, value in mapping.items():
        for item in value if isinstance(value, list) else [value]:
            out.append([key, str(item)])
    return out


def serialize(model, operation, params):
    """botocore's request for `params`: what it would send, minus the endpoint."""
    serializer = botocore.serialize.create_serializer(model.protocol)
    request = serializer.serialize_to_request(params, operation)
    body = request.get("body")
    out = {
        "method": request["method"],
        "path": request["url_path"],
        "query": pairs(request.get("query_string") or {}),
        "headers": {k: str(v) for k, v in request["headers"].items()},
        "form": None,
        "body": None,
    }
    if isinstance(body, dict):
        out["form"] = pairs(body)
    elif body:
        out["body"] = body.decode("utf-8") if isinstance(body, bytes) else body
    return out


def parse(model, operation, response):
    """botocore's dict for `response` (a case's status, headers and body)."""
    parser = botocore.parsers.create_parser(model.protocol)
    parsed = parser.parse(
        {
            "status_code": response["status"],
            "headers": response["headers"],
            "body": response["body"].encode("utf-8"),
        },
        operation.output_shape,
    )
    parsed.pop("ResponseMetadata", None)
    return serde_form(parsed)


def run():
    session = botocore.session.get_session()
    cases = []
    for raw in sts_cases() + sns_cases() + route53_cases():
        model = session.get_service_model(raw["service"])
        operation = model.operation_model(raw["operation"])
        params = raw["params"]
        if operation.input_shape is not None:
            unknown = set(params) - set(operation.input_shape.members)
            assert not unknown, f"{raw['name']}: not members: {unknown}"
            params = in_model_order(params, operation.input_shape)
        out = {
            "name": raw["name"],
            "service": raw["service"],
            "operation": raw["operation"],
            "protocol": model.protocol,
            "params": serde_form(params),
            "request": serialize(model, operation, params),
            "response": None,
        }
        if raw["response"] is not None:
            out["response"] = dict(raw["response"])
            out["response"]["parsed"] = parse(model, operation, raw["response"])
        cases.append(out)
    return {"botocore": botocore.__version__, "cases": cases}


def main(argv):
    text = json.dumps(run(), indent=1, ensure_ascii=False) + "\n"
    if len(argv) > 1:
        with open(argv[1], "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main(sys.argv)

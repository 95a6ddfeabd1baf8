//! The XML codec (feature `xml`): bodies written from and read into types shaped as the
//! generator writes them, led by hand-written descriptors; the exact documents of a few
//! restXml suite cases (`restXml/document-*.smithy`), the awsQuery and ec2Query forms of
//! their `input*.smithy` cases, and hostile input refused without panics.
#![cfg(feature = "xml")]

use std::collections::BTreeMap;

use runtime::xml::{self, List, Map, Member, Namespace, Structure, Value};
use runtime::{Blob, DateTime};
use serde::{Deserialize, Serialize};

/// A member named `name` (its serde key, element and query key), not an attribute, not
/// flattened, in no namespace.
const fn member(name: &'static str, value: Value) -> Member {
    Member {
        key: name,
        name,
        query: name,
        attribute: false,
        flattened: false,
        namespace: None,
        value,
    }
}

/// A member whose element name (`@xmlName`) differs from its serde key.
const fn renamed(key: &'static str, name: &'static str, value: Value) -> Member {
    Member {
        key,
        name,
        query: name,
        attribute: false,
        flattened: false,
        namespace: None,
        value,
    }
}

const fn flattened(mut m: Member) -> Member {
    m.flattened = true;
    m
}

const fn list(member: &'static str, item: Value) -> List {
    List {
        member,
        namespace: None,
        item,
    }
}

const fn map(item: Value) -> Map {
    Map {
        key: "key",
        value: "value",
        key_namespace: None,
        value_namespace: None,
        item,
    }
}

/// The suite's pretty-printed XML without the indentation between elements.
fn compact(xml: &str) -> String {
    let mut out = String::new();
    for line in xml.lines() {
        out.push_str(line.trim());
    }
    out
}

fn write<T: Serialize>(value: &T, shape: &'static Structure) -> String {
    let bytes = xml::to_vec(value, shape, shape.name, None).unwrap();
    String::from_utf8(bytes).unwrap()
}

// ---------------------------------------------------------------------------------------
// restXml `XmlLists` (document-lists.smithy)

static STRINGS: List = list("member", Value::Text);
static INTEGERS: List = list("member", Value::Number);
static BOOLEANS: List = list("member", Value::Boolean);
static NESTED_STRINGS: List = list("member", Value::List(&STRINGS));
static RENAMED: List = list("item", Value::Text);
static MEMBER_NAMESPACED: List = List {
    member: "member",
    namespace: Some(Namespace {
        uri: "https://xml-member.example.com",
        prefix: None,
    }),
    item: Value::Text,
};
static STRUCTURE_LIST: List = list("item", Value::Structure(&STRUCTURE_LIST_MEMBER));
static STRUCTURE_LIST_MEMBER: Structure = Structure {
    name: "StructureListMember",
    namespace: None,
    members: &[
        renamed("a", "value", Value::Text),
        renamed("b", "other", Value::Text),
    ],
};

static XML_LISTS: Structure = Structure {
    name: "XmlListsRequest",
    namespace: None,
    members: &[
        member("stringList", Value::List(&STRINGS)),
        member("stringSet", Value::List(&STRINGS)),
        member("integerList", Value::List(&INTEGERS)),
        member("booleanList", Value::List(&BOOLEANS)),
        member("timestampList", Value::List(&STRINGS)),
        member("enumList", Value::List(&STRINGS)),
        member("intEnumList", Value::List(&INTEGERS)),
        member("nestedStringList", Value::List(&NESTED_STRINGS)),
        renamed("renamedListMembers", "renamed", Value::List(&RENAMED)),
        flattened(member("flattenedList", Value::List(&RENAMED))),
        flattened(renamed(
            "flattenedList2",
            "customName",
            Value::List(&RENAMED),
        )),
        flattened(member(
            "flattenedListWithMemberNamespace",
            Value::List(&MEMBER_NAMESPACED),
        )),
        renamed(
            "structureList",
            "myStructureList",
            Value::List(&STRUCTURE_LIST),
        ),
        flattened(member(
            "flattenedStructureList",
            Value::List(&STRUCTURE_LIST),
        )),
    ],
};

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
struct ListMember {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    a: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    b: Option<String>,
}

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct XmlLists {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    string_list: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    string_set: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    integer_list: Option<Vec<i32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    boolean_list: Option<Vec<bool>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "runtime::Via::<runtime::OptionOf<runtime::Dense<runtime::Rfc3339>>>"
    )]
    timestamp_list: Option<Vec<DateTime>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    enum_list: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    int_enum_list: Option<Vec<i32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    nested_string_list: Option<Vec<Vec<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    renamed_list_members: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    flattened_list: Option<Vec<String>>,
    #[serde(
        default,
        rename = "flattenedList2",
        skip_serializing_if = "Option::is_none"
    )]
    flattened_list2: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    flattened_list_with_member_namespace: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    structure_list: Option<Vec<ListMember>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    flattened_structure_list: Option<Vec<ListMember>>,
}

fn strings(items: &[&str]) -> Option<Vec<String>> {
    Some(items.iter().map(|s| (*s).to_owned()).collect())
}

fn list_member(a: &str, b: &str) -> ListMember {
    ListMember {
        a: Some(a.to_owned()),
        b: Some(b.to_owned()),
    }
}

fn xml_lists() -> XmlLists {
    XmlLists {
        string_list: strings(&["foo", "bar"]),
        string_set: strings(&["foo", "bar"]),
        integer_list: Some(vec![1, 2]),
        boolean_list: Some(vec![true, false]),
        timestamp_list: Some(vec![DateTime::from_secs(1_398_796_238); 2]),
        enum_list: strings(&["Foo", "0"]),
        int_enum_list: Some(vec![1, 2]),
        nested_string_list: Some(vec![
            vec!["foo".to_owned(), "bar".to_owned()],
            vec!["baz".to_owned(), "qux".to_owned()],
        ]),
        renamed_list_members: strings(&["foo", "bar"]),
        flattened_list: strings(&["hi", "bye"]),
        flattened_list2: strings(&["yep", "nope"]),
        flattened_list_with_member_namespace: strings(&["a", "b"]),
        structure_list: Some(vec![list_member("1", "2"), list_member("3", "4")]),
        flattened_structure_list: Some(vec![list_member("5", "6"), list_member("7", "8")]),
    }
}

/// The suite's `XmlLists` request body, plus the response's member-namespaced
/// flattened list.
const XML_LISTS_BODY: &str = r#"
<XmlListsRequest>
    <stringList>
        <member>foo</member>
        <member>bar</member>
    </stringList>
    <stringSet>
        <member>foo</member>
        <member>bar</member>
    </stringSet>
    <integerList>
        <member>1</member>
        <member>2</member>
    </integerList>
    <booleanList>
        <member>true</member>
        <member>false</member>
    </booleanList>
    <timestampList>
        <member>2014-04-29T18:30:38Z</member>
        <member>2014-04-29T18:30:38Z</member>
    </timestampList>
    <enumList>
        <member>Foo</member>
        <member>0</member>
    </enumList>
    <intEnumList>
        <member>1</member>
        <member>2</member>
    </intEnumList>
    <nestedStringList>
        <member>
            <member>foo</member>
            <member>bar</member>
        </member>
        <member>
            <member>baz</member>
            <member>qux</member>
        </member>
    </nestedStringList>
    <renamed>
        <item>foo</item>
        <item>bar</item>
    </renamed>
    <flattenedList>hi</flattenedList>
    <flattenedList>bye</flattenedList>
    <customName>yep</customName>
    <customName>nope</customName>
    <flattenedListWithMemberNamespace xmlns="https://xml-member.example.com">a</flattenedListWithMemberNamespace>
    <flattenedListWithMemberNamespace xmlns="https://xml-member.example.com">b</flattenedListWithMemberNamespace>
    <myStructureList>
        <item>
            <value>1</value>
            <other>2</other>
        </item>
        <item>
            <value>3</value>
            <other>4</other>
        </item>
    </myStructureList>
    <flattenedStructureList>
        <value>5</value>
        <other>6</other>
    </flattenedStructureList>
    <flattenedStructureList>
        <value>7</value>
        <other>8</other>
    </flattenedStructureList>
</XmlListsRequest>
"#;

#[test]
fn writes_wrapped_flattened_nested_and_renamed_lists() {
    assert_eq!(write(&xml_lists(), &XML_LISTS), compact(XML_LISTS_BODY));
}

#[test]
fn writes_empty_lists_wrapped_as_empty_elements_and_flattened_as_nothing() {
    let value = XmlLists {
        string_list: Some(vec![]),
        string_set: Some(vec![]),
        flattened_list: Some(vec![]),
        ..XmlLists::default()
    };
    assert_eq!(
        write(&value, &XML_LISTS),
        "<XmlListsRequest><stringList></stringList><stringSet></stringSet></XmlListsRequest>"
    );
}

// ---------------------------------------------------------------------------------------
// restXml maps (document-maps.smithy)

static GREETING: Structure = Structure {
    name: "GreetingStruct",
    namespace: None,
    members: &[member("hi", Value::Text)],
};
static GREETING_MAP: Map = map(Value::Structure(&GREETING));
static RENAMED_GREETING_MAP: Map = Map {
    key: "Attribute",
    value: "Setting",
    key_namespace: None,
    value_namespace: None,
    item: Value::Structure(&GREETING),
};
static STRING_MAP: Map = map(Value::Text);
static NESTED_MAP: Map = map(Value::Map(&STRING_MAP));
static KV_MAP: Map = Map {
    key: "K",
    value: "V",
    key_namespace: Some(Namespace {
        uri: "https://the-key.example.com",
        prefix: None,
    }),
    value_namespace: Some(Namespace {
        uri: "https://the-value.example.com",
        prefix: None,
    }),
    item: Value::Text,
};
const THE_MEMBER: Option<Namespace> = Some(Namespace {
    uri: "https://the-member.example.com",
    prefix: None,
});

static XML_MAPS: Structure = Structure {
    name: "XmlMapsRequest",
    namespace: None,
    members: &[
        member("myMap", Value::Map(&GREETING_MAP)),
        member("renamedMap", Value::Map(&RENAMED_GREETING_MAP)),
        member("nestedMap", Value::Map(&NESTED_MAP)),
        flattened(member("flatNestedMap", Value::Map(&NESTED_MAP))),
        Member {
            namespace: THE_MEMBER,
            ..renamed("kvp", "KVP", Value::Map(&KV_MAP))
        },
        Member {
            namespace: THE_MEMBER,
            ..flattened(renamed("flatKvp", "FlatKVP", Value::Map(&KV_MAP)))
        },
    ],
};

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
struct Greeting {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hi: Option<String>,
}

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct XmlMaps {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    my_map: Option<BTreeMap<String, Greeting>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    renamed_map: Option<BTreeMap<String, Greeting>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    nested_map: Option<BTreeMap<String, BTreeMap<String, String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    flat_nested_map: Option<BTreeMap<String, BTreeMap<String, String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kvp: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    flat_kvp: Option<BTreeMap<String, String>>,
}

fn greetings(entries: &[(&str, &str)]) -> Option<BTreeMap<String, Greeting>> {
    Some(
        entries
            .iter()
            .map(|(k, v)| {
                let greeting = Greeting {
                    hi: Some((*v).to_owned()),
                };
                ((*k).to_owned(), greeting)
            })
            .collect(),
    )
}

fn string_map(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
    entries
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn writes_the_suites_maps() {
    // XmlMaps (entries in key order: a BTreeMap's).
    let value = XmlMaps {
        my_map: greetings(&[("foo", "there"), ("baz", "bye")]),
        ..XmlMaps::default()
    };
    let expected = "<XmlMapsRequest><myMap>\
        <entry><key>baz</key><value><hi>bye</hi></value></entry>\
        <entry><key>foo</key><value><hi>there</hi></value></entry>\
        </myMap></XmlMapsRequest>";
    assert_eq!(write(&value, &XML_MAPS), expected);
    // XmlMapsXmlName.
    let value = XmlMaps {
        renamed_map: greetings(&[("foo", "there")]),
        ..XmlMaps::default()
    };
    let expected = "<XmlMapsRequest><renamedMap><entry><Attribute>foo</Attribute>\
        <Setting><hi>there</hi></Setting></entry></renamedMap></XmlMapsRequest>";
    assert_eq!(write(&value, &XML_MAPS), expected);
    // NestedXmlMapRequest and FlatNestedXmlMapRequest.
    let nested = Some(BTreeMap::from([(
        "foo".to_owned(),
        string_map(&[("bar", "Bar")]),
    )]));
    let value = XmlMaps {
        nested_map: nested.clone(),
        flat_nested_map: nested,
        ..XmlMaps::default()
    };
    let expected = compact(
        r#"<XmlMapsRequest>
            <nestedMap>
                <entry>
                    <key>foo</key>
                    <value>
                        <entry>
                            <key>bar</key>
                            <value>Bar</value>
                        </entry>
                    </value>
                </entry>
            </nestedMap>
            <flatNestedMap>
                <key>foo</key>
                <value>
                    <entry>
                        <key>bar</key>
                        <value>Bar</value>
                    </entry>
                </value>
            </flatNestedMap>
        </XmlMapsRequest>"#,
    );
    assert_eq!(write(&value, &XML_MAPS), expected);
    // RestXmlXmlMapWithXmlNamespace and RestXmlFlattenedXmlMapWithXmlNamespace.
    let value = XmlMaps {
        kvp: Some(string_map(&[("a", "A"), ("b", "B")])),
        flat_kvp: Some(string_map(&[("a", "A")])),
        ..XmlMaps::default()
    };
    let expected = compact(
        r#"<XmlMapsRequest>
            <KVP xmlns="https://the-member.example.com">
                <entry>
                    <K xmlns="https://the-key.example.com">a</K>
                    <V xmlns="https://the-value.example.com">A</V>
                </entry>
                <entry>
                    <K xmlns="https://the-key.example.com">b</K>
                    <V xmlns="https://the-value.example.com">B</V>
                </entry>
            </KVP>
            <FlatKVP xmlns="https://the-member.example.com">
                <K xmlns="https://the-key.example.com">a</K>
                <V xmlns="https://the-value.example.com">A</V>
            </FlatKVP>
        </XmlMapsRequest>"#,
    );
    assert_eq!(write(&value, &XML_MAPS), expected);
}

#[test]
fn writes_empty_maps_wrapped_as_empty_elements_and_flattened_as_nothing() {
    let value = XmlMaps {
        my_map: Some(BTreeMap::new()),
        flat_nested_map: Some(BTreeMap::new()),
        ..XmlMaps::default()
    };
    assert_eq!(
        write(&value, &XML_MAPS),
        "<XmlMapsRequest><myMap></myMap></XmlMapsRequest>"
    );
}

// ---------------------------------------------------------------------------------------
// restXml attributes and namespaces (document-xml-attributes.smithy, document-structs.smithy)

static XML_ATTRIBUTES: Structure = Structure {
    name: "XmlAttributesInMiddlePayloadRequest",
    namespace: None,
    members: &[
        member("foo", Value::Text),
        Member {
            attribute: true,
            ..renamed("attr", "test", Value::Text)
        },
        member("baz", Value::Text),
    ],
};

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
struct XmlAttributes {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    foo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    attr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    baz: Option<String>,
}

#[test]
fn writes_attributes_on_the_start_tag_escaped_wherever_they_come() {
    let value = XmlAttributes {
        foo: Some("Foo".to_owned()),
        attr: Some("<test&mock>".to_owned()),
        baz: Some("Baz".to_owned()),
    };
    assert_eq!(
        write(&value, &XML_ATTRIBUTES),
        "<XmlAttributesInMiddlePayloadRequest test=\"&lt;test&amp;mock&gt;\">\
         <foo>Foo</foo><baz>Baz</baz></XmlAttributesInMiddlePayloadRequest>"
    );
    // An attribute member that is `None` is not written.
    let value = XmlAttributes {
        foo: Some("hi".to_owned()),
        ..XmlAttributes::default()
    };
    assert_eq!(
        write(&value, &XML_ATTRIBUTES),
        "<XmlAttributesInMiddlePayloadRequest><foo>hi</foo></XmlAttributesInMiddlePayloadRequest>"
    );
}

static BUX_LIST: List = List {
    member: "member",
    namespace: Some(Namespace {
        uri: "http://bux.com",
        prefix: None,
    }),
    item: Value::Text,
};
static XML_NAMESPACE_NESTED: Structure = Structure {
    name: "XmlNamespaceNested",
    // Not written: only a document's root element carries its shape's namespace.
    namespace: Some(Namespace {
        uri: "http://foo.com",
        prefix: None,
    }),
    members: &[
        Member {
            namespace: Some(Namespace {
                uri: "http://baz.com",
                prefix: Some("baz"),
            }),
            ..member("foo", Value::Text)
        },
        Member {
            namespace: Some(Namespace {
                uri: "http://qux.com",
                prefix: None,
            }),
            ..member("values", Value::List(&BUX_LIST))
        },
    ],
};
static XML_NAMESPACES: Structure = Structure {
    name: "XmlNamespacesRequest",
    namespace: Some(Namespace {
        uri: "http://foo.com",
        prefix: None,
    }),
    members: &[member("nested", Value::Structure(&XML_NAMESPACE_NESTED))],
};

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
struct XmlNamespaceNested {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    foo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    values: Option<Vec<String>>,
}

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
struct XmlNamespaces {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    nested: Option<XmlNamespaceNested>,
}

const XML_NAMESPACES_BODY: &str = r#"
<XmlNamespacesRequest xmlns="http://foo.com">
    <nested>
        <foo xmlns:baz="http://baz.com">Foo</foo>
        <values xmlns="http://qux.com">
            <member xmlns="http://bux.com">Bar</member>
            <member xmlns="http://bux.com">Baz</member>
        </values>
    </nested>
</XmlNamespacesRequest>
"#;

fn xml_namespaces() -> XmlNamespaces {
    XmlNamespaces {
        nested: Some(XmlNamespaceNested {
            foo: Some("Foo".to_owned()),
            values: strings(&["Bar", "Baz"]),
        }),
    }
}

#[test]
fn writes_namespaces_of_the_root_shape_members_and_list_members() {
    assert_eq!(
        write(&xml_namespaces(), &XML_NAMESPACES),
        compact(XML_NAMESPACES_BODY)
    );
    // A namespace given by the caller (the service's) wins over the shape's own.
    let service = Namespace {
        uri: "https://example.com/doc",
        prefix: Some("ex"),
    };
    let bytes = xml::to_vec(
        &XmlNamespaces::default(),
        &XML_NAMESPACES,
        "Root",
        Some(service),
    );
    assert_eq!(
        String::from_utf8(bytes.unwrap()).unwrap(),
        "<Root xmlns:ex=\"https://example.com/doc\"></Root>"
    );
}

// ---------------------------------------------------------------------------------------
// Scalars

static SCALARS: Structure = Structure {
    name: "SimpleScalarPropertiesRequest",
    namespace: None,
    members: &[
        member("stringValue", Value::Text),
        member("trueBooleanValue", Value::Boolean),
        member("byteValue", Value::Number),
        member("longValue", Value::Number),
        member("floatValue", Value::Number),
        renamed("doubleValue", "DoubleDribble", Value::Number),
        member("blob", Value::Text),
        member("epoch", Value::Number),
        member("iso", Value::Text),
        member("httpDate", Value::Text),
        member("big", Value::Text),
        member("exact", Value::Text),
        member("empty", Value::Structure(&EMPTY)),
    ],
};
static EMPTY: Structure = Structure {
    name: "Empty",
    namespace: None,
    members: &[],
};

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
struct Empty {}

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Scalars {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    string_value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    true_boolean_value: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    byte_value: Option<i8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    long_value: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "runtime::Via::<runtime::OptionOf<runtime::Float>>"
    )]
    float_value: Option<f32>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "runtime::Via::<runtime::OptionOf<runtime::Float>>"
    )]
    double_value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    blob: Option<Blob>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    epoch: Option<DateTime>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "runtime::Via::<runtime::OptionOf<runtime::Rfc3339>>"
    )]
    iso: Option<DateTime>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "runtime::Via::<runtime::OptionOf<runtime::HttpDate>>"
    )]
    http_date: Option<DateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    big: Option<runtime::BigInteger>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    exact: Option<runtime::BigDecimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    empty: Option<Empty>,
}

fn scalars() -> Scalars {
    Scalars {
        string_value: Some("<string> & \"quotes\"\r\n".to_owned()),
        true_boolean_value: Some(true),
        byte_value: Some(-1),
        long_value: Some(i64::MAX),
        float_value: Some(5.5),
        double_value: Some(1e300),
        blob: Some(Blob(b"value".to_vec())),
        epoch: Some(DateTime::from_parts(1_398_796_238, 123_000_000)),
        iso: Some(DateTime::from_secs(1_398_796_238)),
        http_date: Some(DateTime::from_secs(1_398_796_238)),
        big: Some(runtime::BigInteger(
            "123456789012345678901234567890".to_owned(),
        )),
        exact: Some(runtime::BigDecimal("0.1234567890123456789".to_owned())),
        empty: Some(Empty {}),
    }
}

#[test]
fn writes_scalars_as_text() {
    assert_eq!(
        write(&scalars(), &SCALARS),
        "<SimpleScalarPropertiesRequest>\
         <stringValue>&lt;string&gt; &amp; &quot;quotes&quot;&#13;\n</stringValue>\
         <trueBooleanValue>true</trueBooleanValue>\
         <byteValue>-1</byteValue>\
         <longValue>9223372036854775807</longValue>\
         <floatValue>5.5</floatValue>\
         <DoubleDribble>1e300</DoubleDribble>\
         <blob>dmFsdWU=</blob>\
         <epoch>1398796238.123</epoch>\
         <iso>2014-04-29T18:30:38Z</iso>\
         <httpDate>Tue, 29 Apr 2014 18:30:38 GMT</httpDate>\
         <big>123456789012345678901234567890</big>\
         <exact>0.1234567890123456789</exact>\
         <empty></empty>\
         </SimpleScalarPropertiesRequest>"
    );
}

#[test]
fn writes_non_finite_floats_as_the_codecs_strings() {
    for (v, text) in [
        (f64::NAN, "NaN"),
        (f64::INFINITY, "Infinity"),
        (f64::NEG_INFINITY, "-Infinity"),
    ] {
        #[allow(clippy::cast_possible_truncation)]
        let value = Scalars {
            float_value: Some(v as f32),
            double_value: Some(v),
            ..Scalars::default()
        };
        assert_eq!(
            write(&value, &SCALARS),
            format!(
                "<SimpleScalarPropertiesRequest><floatValue>{text}</floatValue>\
                 <DoubleDribble>{text}</DoubleDribble></SimpleScalarPropertiesRequest>"
            )
        );
    }
}

#[test]
fn writes_an_empty_string_as_an_empty_element() {
    let value = Scalars {
        string_value: Some(String::new()),
        ..Scalars::default()
    };
    assert_eq!(
        write(&value, &SCALARS),
        "<SimpleScalarPropertiesRequest><stringValue></stringValue></SimpleScalarPropertiesRequest>"
    );
}

// ---------------------------------------------------------------------------------------
// Unions, errors, the Writer's element calls

/// A union as `rt::union!` writes it: a one-entry map (a unit member's value `{}`).
#[derive(Debug, PartialEq)]
enum Choice {
    Text(String),
    Colors(Vec<String>),
    Greeting(Greeting),
    Nothing,
}

impl Serialize for Choice {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Choice::Text(v) => runtime::ser_union(s, "text", v),
            Choice::Colors(v) => runtime::ser_union(s, "colors", v),
            Choice::Greeting(v) => runtime::ser_union(s, "greeting", v),
            Choice::Nothing => runtime::ser_union(s, "nothing", &runtime::EmptyObject),
        }
    }
}

impl<'de> Deserialize<'de> for Choice {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        runtime::de_union(d)
    }
}

impl runtime::Union for Choice {
    const NAME: &'static str = "Choice";
    fn read_member<'de, A: serde::de::MapAccess<'de>>(
        key: &str,
        member: runtime::Member<'_, A>,
    ) -> Result<Option<Self>, A::Error> {
        Ok(match key {
            "text" => member.value::<runtime::Same, _>()?.map(Choice::Text),
            "colors" => member
                .value::<runtime::Dense<runtime::Same>, _>()?
                .map(Choice::Colors),
            "greeting" => member.value::<runtime::Same, _>()?.map(Choice::Greeting),
            "nothing" => member.unit()?.map(|()| Choice::Nothing),
            _ => {
                member.unit()?;
                None
            }
        })
    }
}

static CHOICE: Structure = Structure {
    name: "Choice",
    namespace: None,
    members: &[
        member("text", Value::Text),
        renamed("colors", "Colors", Value::List(&STRINGS)),
        member("greeting", Value::Structure(&GREETING)),
        member("nothing", Value::Structure(&EMPTY)),
    ],
};

#[test]
fn writes_unions_as_their_one_member() {
    for (value, body) in [
        (Choice::Text("hi".to_owned()), "<text>hi</text>"),
        (
            Choice::Colors(vec!["red".to_owned()]),
            "<Colors><member>red</member></Colors>",
        ),
        (
            Choice::Greeting(Greeting {
                hi: Some("there".to_owned()),
            }),
            "<greeting><hi>there</hi></greeting>",
        ),
        (Choice::Nothing, "<nothing></nothing>"),
    ] {
        assert_eq!(write(&value, &CHOICE), format!("<Choice>{body}</Choice>"));
    }
}

#[test]
fn writer_builds_error_envelopes_around_a_structure() {
    let mut w = xml::Writer::new();
    w.open("ErrorResponse", None);
    let greeting = Greeting {
        hi: Some("a & b".to_owned()),
    };
    w.structure(
        "Error",
        None,
        &GREETING,
        &greeting,
        &[("Type", "Sender"), ("Code", "InvalidGreeting")],
    )
    .unwrap();
    w.text("RequestId", "foo-id");
    w.close("ErrorResponse");
    assert_eq!(
        String::from_utf8(w.finish()).unwrap(),
        "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidGreeting</Code>\
         <hi>a &amp; b</hi></Error><RequestId>foo-id</RequestId></ErrorResponse>"
    );
}

#[test]
fn writing_what_the_descriptor_does_not_describe_is_an_error() {
    // A key the descriptor does not list (a skipped `None` is no key).
    assert!(xml::to_vec(&Greeting::default(), &EMPTY, "Empty", None).is_ok());
    let value = Greeting {
        hi: Some("x".to_owned()),
    };
    let err = xml::to_vec(&value, &EMPTY, "Empty", None).unwrap_err();
    assert_eq!(err, "`Empty` has no member `hi` in its descriptor");
    // A list where the descriptor says text.
    static WRONG: Structure = Structure {
        name: "Wrong",
        namespace: None,
        members: &[member("hi", Value::Text)],
    };
    #[derive(Serialize)]
    struct Listy {
        hi: Vec<u8>,
    }
    let err = xml::to_vec(&Listy { hi: vec![1] }, &WRONG, "Wrong", None).unwrap_err();
    assert_eq!(
        err,
        "`hi` is a list in the serde form but a scalar in the XML descriptor"
    );
    // An attribute that is not a scalar.
    static ATTR_LIST: Structure = Structure {
        name: "AttrList",
        namespace: None,
        members: &[Member {
            attribute: true,
            ..member("hi", Value::Text)
        }],
    };
    let err = xml::to_vec(&Listy { hi: vec![1] }, &ATTR_LIST, "A", None).unwrap_err();
    assert_eq!(err, "expected a scalar value, found a list");
    // A timestamp out of range is serde's message.
    let value = Scalars {
        iso: Some(DateTime::from_secs(i64::MAX)),
        ..Scalars::default()
    };
    assert!(xml::to_vec(&value, &SCALARS, "S", None).is_err());
}

#[test]
fn sparse_list_nulls_are_skipped() {
    static SPARSE: Structure = Structure {
        name: "Sparse",
        namespace: None,
        members: &[member("items", Value::List(&STRINGS))],
    };
    #[derive(Serialize)]
    struct Sparse {
        items: Vec<Option<String>>,
    }
    let value = Sparse {
        items: vec![Some("a".to_owned()), None, Some("b".to_owned())],
    };
    assert_eq!(
        write(&value, &SPARSE),
        "<Sparse><items><member>a</member><member>b</member></items></Sparse>"
    );
}

// ---------------------------------------------------------------------------------------
// Reading: Element::parse and from_element

fn read<T: serde::de::DeserializeOwned>(body: &str, shape: &'static Structure) -> T {
    let element = xml::Element::parse(body.as_bytes()).unwrap();
    xml::from_element(&element, shape).unwrap()
}

fn read_err<T: serde::de::DeserializeOwned + std::fmt::Debug>(
    body: &str,
    shape: &'static Structure,
) -> xml::Error {
    let element = xml::Element::parse(body.as_bytes()).unwrap();
    xml::from_element::<T>(&element, shape).unwrap_err()
}

#[test]
fn an_empty_element_is_the_one_a_self_closed_tag_reads_as() {
    for name in ["Empty", "ns:Empty"] {
        let parsed = xml::Element::parse(format!("<{name}/>").as_bytes()).unwrap();
        let built = xml::Element::empty(name);
        assert_eq!(built, parsed);
        assert_eq!(built.name(), name);
        assert!(built.children().is_empty() && built.text().is_empty());
    }
}

#[test]
fn reads_the_suites_lists_pretty_printed_or_not() {
    assert_eq!(read::<XmlLists>(XML_LISTS_BODY, &XML_LISTS), xml_lists());
    assert_eq!(
        read::<XmlLists>(&compact(XML_LISTS_BODY), &XML_LISTS),
        xml_lists()
    );
    // XmlEmptyLists, self-closed or not; absent lists stay `None`.
    let value: XmlLists = read(
        "<XmlListsResponse><stringList></stringList><stringSet/></XmlListsResponse>",
        &XML_LISTS,
    );
    let expected = XmlLists {
        string_list: Some(vec![]),
        string_set: Some(vec![]),
        ..XmlLists::default()
    };
    assert_eq!(value, expected);
}

#[test]
fn round_trips_maps_attributes_namespaces_scalars_and_unions() {
    let maps = XmlMaps {
        my_map: greetings(&[("foo", "there"), ("baz", "bye")]),
        renamed_map: greetings(&[("a", "b")]),
        nested_map: Some(BTreeMap::from([(
            "foo".to_owned(),
            string_map(&[("bar", "Bar"), ("baz", "Baz")]),
        )])),
        flat_nested_map: Some(BTreeMap::from([
            ("x".to_owned(), string_map(&[("y", "z")])),
            ("w".to_owned(), BTreeMap::new()),
        ])),
        kvp: Some(string_map(&[("a", "A"), ("b", "B")])),
        flat_kvp: Some(string_map(&[("c", "C")])),
    };
    assert_eq!(read::<XmlMaps>(&write(&maps, &XML_MAPS), &XML_MAPS), maps);
    let attributes = XmlAttributes {
        foo: Some("Foo".to_owned()),
        // Attribute values are normalized on reading (tabs and line ends become
        // spaces) unless escaped, which quick-xml does.
        attr: Some("<test&mock> \"q\"\n\t\r\n".to_owned()),
        baz: Some("Baz".to_owned()),
    };
    let body = write(&attributes, &XML_ATTRIBUTES);
    assert_eq!(read::<XmlAttributes>(&body, &XML_ATTRIBUTES), attributes);
    assert_eq!(
        read::<XmlNamespaces>(XML_NAMESPACES_BODY, &XML_NAMESPACES),
        xml_namespaces()
    );
    let value: Scalars = read(&write(&scalars(), &SCALARS), &SCALARS);
    assert_eq!(value, scalars());
    for choice in [
        Choice::Text("hi".to_owned()),
        Choice::Colors(vec!["red".to_owned(), "blue".to_owned()]),
        Choice::Greeting(Greeting::default()),
        Choice::Nothing,
    ] {
        assert_eq!(read::<Choice>(&write(&choice, &CHOICE), &CHOICE), choice);
    }
}

#[test]
fn reads_the_suites_maps() {
    // XmlEmptyMaps and XmlEmptySelfClosedMaps.
    for body in [
        "<XmlEmptyMapsResponse><myMap></myMap></XmlEmptyMapsResponse>",
        "<XmlEmptyMapsResponse>\n    <myMap/>\n</XmlEmptyMapsResponse>",
    ] {
        let value: XmlMaps = read(body, &XML_MAPS);
        assert_eq!(value.my_map, Some(BTreeMap::new()));
    }
    // FlattenedXmlMapWithXmlNamespace, indented.
    let value: XmlMaps = read(
        r#"<FlattenedXmlMapWithXmlNamespaceOutput>
            <FlatKVP xmlns="https://the-member.example.com">
                <K xmlns="https://the-key.example.com">a</K>
                <V xmlns="https://the-value.example.com">A</V>
            </FlatKVP>
            <FlatKVP xmlns="https://the-member.example.com">
                <K xmlns="https://the-key.example.com">b</K>
                <V xmlns="https://the-value.example.com">B</V>
            </FlatKVP>
        </FlattenedXmlMapWithXmlNamespaceOutput>"#,
        &XML_MAPS,
    );
    assert_eq!(value.flat_kvp, Some(string_map(&[("a", "A"), ("b", "B")])));
}

#[test]
fn reads_text_as_the_suite_says() {
    let string = |body: &str| read::<Scalars>(body, &SCALARS).string_value;
    // SimpleScalarPropertiesComplexEscapes: entities, decimal and hex character
    // references, decoded once.
    assert_eq!(
        string("<R><stringValue>escaped data: &amp;lt;&#xD;&#10;</stringValue></R>"),
        Some("escaped data: &lt;\r\n".to_owned())
    );
    // SimpleScalarPropertiesWithXMLPreamble: declaration, CDATA between members,
    // comments.
    let body = "<?xml version = \"1.0\" encoding = \"UTF-8\"?>\n<R>\n    \
                <![CDATA[characters representing CDATA]]>\n    \
                <stringValue>string</stringValue>\n    <!--xml comment-->\n</R>";
    assert_eq!(string(body), Some("string".to_owned()));
    // White space is kept, and only white space too.
    assert_eq!(
        string("<R><stringValue> string with white    space </stringValue></R>"),
        Some(" string with white    space ".to_owned())
    );
    assert_eq!(
        string("<R>\n  <stringValue>  </stringValue>\n</R>"),
        Some("  ".to_owned())
    );
    // XmlEmptyStrings and XmlEmptySelfClosedStrings.
    assert_eq!(
        string("<R><stringValue></stringValue></R>"),
        Some(String::new())
    );
    assert_eq!(string("<R><stringValue/></R>"), Some(String::new()));
    // CDATA is text; line ends are normalized as XML says.
    assert_eq!(
        string("<R><stringValue>a<![CDATA[<b>&amp;]]>c\r\nd</stringValue></R>"),
        Some("a<b>&amp;c\nd".to_owned())
    );
    // Unknown elements are skipped, however deep.
    assert_eq!(
        string("<R><other><x><y/></x></other><stringValue>s</stringValue></R>"),
        Some("s".to_owned())
    );
}

#[test]
fn reads_numbers_booleans_floats_timestamps_blobs_and_big_numbers() {
    let value: Scalars = read(
        "<R><trueBooleanValue> true </trueBooleanValue><byteValue>-128</byteValue>\
         <longValue>\n9223372036854775807\n</longValue><floatValue>NaN</floatValue>\
         <DoubleDribble>-Infinity</DoubleDribble><blob>dmFsdWU=</blob>\
         <epoch>1398796238.5</epoch><iso>2014-04-29T18:30:38+02:00</iso>\
         <httpDate>Tue, 29 Apr 2014 18:30:38 GMT</httpDate>\
         <big>-123456789012345678901234567890</big><exact>1.5e-400</exact><empty/></R>",
        &SCALARS,
    );
    assert_eq!(value.true_boolean_value, Some(true));
    assert_eq!(value.byte_value, Some(-128));
    assert_eq!(value.long_value, Some(i64::MAX));
    assert!(value.float_value.unwrap().is_nan());
    assert_eq!(value.double_value, Some(f64::NEG_INFINITY));
    assert_eq!(value.blob, Some(Blob(b"value".to_vec())));
    assert_eq!(
        value.epoch,
        Some(DateTime::from_parts(1_398_796_238, 500_000_000))
    );
    assert_eq!(value.iso, Some(DateTime::from_secs(1_398_796_238 - 7200)));
    assert_eq!(value.http_date, Some(DateTime::from_secs(1_398_796_238)));
    assert_eq!(
        value.big,
        Some(runtime::BigInteger(
            "-123456789012345678901234567890".to_owned()
        ))
    );
    assert_eq!(
        value.exact,
        Some(runtime::BigDecimal("1.5e-400".to_owned()))
    );
    assert_eq!(value.empty, Some(Empty {}));
    // Floats as numbers, through `deserialize_any` (the float codec's way).
    let value: Scalars = read(
        "<R><floatValue>5.5</floatValue><DoubleDribble>18446744073709551616</DoubleDribble></R>",
        &SCALARS,
    );
    assert_eq!(value.float_value, Some(5.5));
    assert_eq!(value.double_value, Some(18_446_744_073_709_551_616.0));
    // A server reads strictly: a date-time must be UTC.
    let element = xml::Element::parse(b"<R><iso>2014-04-29T18:30:38+02:00</iso></R>").unwrap();
    let err = runtime::strictly(|| xml::from_element::<Scalars>(&element, &SCALARS)).unwrap_err();
    assert_eq!(err.path, "/R/iso");
    assert!(err.message.contains("not UTC"), "{err}");
}

#[test]
fn reading_errors_say_where() {
    for (body, path, message) in [
        (
            "<R><integerList><member>1</member><member>x</member></integerList></R>",
            "/R/integerList/member[2]",
            "expected an integer (i32), found `x`",
        ),
        (
            "<R><booleanList><member>yes</member></booleanList></R>",
            "/R/booleanList/member[1]",
            "expected `true` or `false`, found `yes`",
        ),
        (
            "<R><myStructureList><item/><item><value>1</value></item></myStructureList>\
             <timestampList><member>yesterday</member></timestampList></R>",
            "/R/timestampList/member[1]",
            "invalid date-time `yesterday`",
        ),
    ] {
        let err = read_err::<XmlLists>(body, &XML_LISTS);
        assert_eq!(err.path, path, "{body}");
        assert!(err.message.contains(message), "{body}: {err}");
    }
    let err = read_err::<XmlMaps>(
        "<R><nestedMap><entry><key>a</key><value><entry><value>v</value></entry>\
         </value></entry></nestedMap></R>",
        &XML_MAPS,
    );
    assert_eq!(err.path, "/R/nestedMap/entry[1]/value/entry[1]");
    assert_eq!(err.message, "a map entry without its `key` element");
    let err = read_err::<Scalars>("<R><blob>!!</blob></R>", &SCALARS);
    assert_eq!(err.path, "/R/blob");
    assert!(err.message.contains("base64"), "{err}");
    let err = read_err::<Scalars>("<R><DoubleDribble>inf</DoubleDribble></R>", &SCALARS);
    assert_eq!(
        err.to_string(),
        "at `/R/DoubleDribble`: expected a number, found `inf`"
    );
}

/// A structure as the generator writes it: read through `rt::Structure`.
#[derive(Debug, PartialEq)]
struct Room {
    name: String,
    size: Option<i32>,
    tags: Option<Vec<String>>,
}

impl<'de> Deserialize<'de> for Room {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        runtime::de_structure(d)
    }
}

impl runtime::Structure for Room {
    const NAME: &'static str = "Room";
    fn read<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Members<'de, A>,
    ) -> Result<Self, A::Error> {
        let (mut name, mut size, mut tags) = (None, None, None);
        while let Some(key) = map.next_key()? {
            match key.as_str() {
                "Name" => map.read(&key, &mut name)?,
                "size" => map.read(&key, &mut size)?,
                "tags" => map.read_with::<runtime::OptionOf<runtime::Dense<runtime::Same>>, _>(
                    &key, &mut tags,
                )?,
                _ => map.skip()?,
            }
        }
        Ok(Room {
            name: map.required(name, "Name")?,
            size: size.flatten(),
            tags: tags.flatten(),
        })
    }
}

static ROOM: Structure = Structure {
    name: "Room",
    namespace: None,
    members: &[
        Member {
            attribute: true,
            ..renamed("Name", "xsi:name", Value::Text)
        },
        member("size", Value::Number),
        flattened(renamed("tags", "tag", Value::List(&STRINGS))),
    ],
};

#[test]
fn reads_generated_structures_and_says_what_is_missing() {
    let room: Room = read(
        "<Room xsi:name=\"lobby\"><tag>a</tag><size>10</size><tag>b</tag></Room>",
        &ROOM,
    );
    assert_eq!(
        room,
        Room {
            name: "lobby".to_owned(),
            size: Some(10),
            tags: Some(vec!["a".to_owned(), "b".to_owned()]),
        }
    );
    let err = read_err::<Room>("<Room><size>10</size></Room>", &ROOM);
    assert_eq!(err.path, "/Room");
    assert_eq!(err.message, "missing field `Name`");
    let err = read_err::<Room>("<Room xsi:name=\"x\"><size>3000000000</size></Room>", &ROOM);
    assert_eq!(err.path, "/Room/size");
}

/// A string enum and an int enum as the generator's macros read them.
#[derive(Debug, PartialEq)]
struct Color(String);

impl From<&str> for Color {
    fn from(v: &str) -> Self {
        Color(v.to_owned())
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        runtime::de_string_enum(d)
    }
}

#[derive(Debug, PartialEq)]
struct Level(i32);

impl From<i32> for Level {
    fn from(v: i32) -> Self {
        Level(v)
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        runtime::de_int_enum(d)
    }
}

#[test]
fn reads_enums_int_enums_and_unions() {
    static ENUMS: Structure = Structure {
        name: "Enums",
        namespace: None,
        members: &[
            member("color", Value::Text),
            member("level", Value::Number),
            member("choice", Value::Structure(&CHOICE)),
        ],
    };
    #[derive(Debug, PartialEq, Deserialize)]
    struct Enums {
        color: Color,
        level: Level,
        choice: Choice,
    }
    let value: Enums = read(
        "<Enums><choice><nothing/></choice><level>-1</level><color>MAUVE</color></Enums>",
        &ENUMS,
    );
    assert_eq!(
        value,
        Enums {
            color: Color("MAUVE".to_owned()),
            level: Level(-1),
            choice: Choice::Nothing,
        }
    );
    // A union with no member it knows, or two.
    let err = read_err::<Choice>("<Choice><video>x</video></Choice>", &CHOICE);
    assert!(err.message.contains("found none"), "{err}");
    let err = read_err::<Choice>("<Choice><text>a</text><nothing/></Choice>", &CHOICE);
    assert!(err.message.contains("found several"), "{err}");
}

// ---------------------------------------------------------------------------------------
// Element::parse: bounded, never panics

#[test]
fn parse_gives_names_attributes_children_and_text() {
    let root = xml::Element::parse(
        b"<?xml version=\"1.0\"?><a:Root xmlns:a=\"urn:a\" k=\"v &amp; w\"> <a:B>b</a:B> <C/> </a:Root>",
    )
    .unwrap();
    assert_eq!(root.name(), "a:Root");
    assert_eq!(root.local_name(), "Root");
    assert_eq!(root.attribute("k"), Some("v & w"));
    assert_eq!(root.attribute("xmlns:a"), Some("urn:a"));
    assert_eq!(root.text(), "");
    assert_eq!(root.children().len(), 2);
    assert_eq!(root.child("B").map(xml::Element::text), Some("b"));
    assert_eq!(root.child("C").map(xml::Element::text), Some(""));
    assert!(root.child("D").is_none());
    let root = xml::Element::parse("\u{feff}<?xml version=\"1.0\"?>\n<R/>\n".as_bytes()).unwrap();
    assert_eq!(root.name(), "R");
}

#[test]
fn parse_refuses_what_is_not_one_well_formed_element() {
    for (body, path, message) in [
        (&b"<a><b></c></a>"[..], "/a/b", "expected `</b>`"),
        (b"<a><b>", "/a/b", ""),
        (b"", "/", "no root element"),
        (b"<a/><b/>", "/", "a second root element"),
        (b"<a/>text", "/", "text outside the root element"),
        (b"<a>&unknown;</a>", "/a", "unknown entity `&unknown;`"),
        (b"<a>&#0;</a>", "/a", ""),
        (b"<a \xff=\"1\"/>", "/", "not UTF-8"),
        (
            b"<!DOCTYPE a [<!ENTITY x \"xx\">]><a>&x;</a>",
            "/",
            "document type declaration (DTD) is not accepted",
        ),
    ] {
        let err = xml::Element::parse(body).unwrap_err();
        assert_eq!(err.path, path, "{}: {err}", String::from_utf8_lossy(body));
        assert!(
            err.message.contains(message),
            "{}: {err}",
            String::from_utf8_lossy(body)
        );
    }
    // The position of a syntax error.
    let err = xml::Element::parse(b"<a><b x=1/></a>").unwrap_err();
    assert!(err.message.contains("at byte"), "{err}");
}

#[test]
fn parse_bounds_nesting() {
    let nested = |depth: usize| "<a>".repeat(depth) + &"</a>".repeat(depth);
    assert!(xml::Element::parse(nested(xml::MAX_DEPTH).as_bytes()).is_ok());
    let err = xml::Element::parse(nested(xml::MAX_DEPTH + 1).as_bytes()).unwrap_err();
    assert_eq!(
        err.message.split(" (").next(),
        Some("elements nest deeper than 128")
    );
    // Far deeper: refused as quickly, no stack overflow.
    assert!(xml::Element::parse(nested(1_000_000).as_bytes()).is_err());
}

/// A small deterministic generator (xorshift), for the fuzz-like tests.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn parse_and_read_never_panic_on_truncated_or_random_input() {
    let documents = [
        compact(XML_LISTS_BODY),
        write(&scalars(), &SCALARS),
        XML_NAMESPACES_BODY.to_owned(),
        "<R a=\"&lt;&#x41;\"><![CDATA[x]]><!--c--><?pi x?>&amp;&#65;</R>".to_owned(),
    ];
    let try_all = |bytes: &[u8]| {
        if let Ok(element) = xml::Element::parse(bytes) {
            let _ = xml::from_element::<XmlLists>(&element, &XML_LISTS);
            let _ = xml::from_element::<Scalars>(&element, &SCALARS);
            let _ = xml::from_element::<XmlNamespaces>(&element, &XML_NAMESPACES);
        }
    };
    for document in &documents {
        let bytes = document.as_bytes();
        for end in 0..bytes.len() {
            try_all(&bytes[..end]);
        }
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let alphabet = b"<>/=\"'&;#x![]-?: abAZ09\r\n\xff\xc3";
    for _ in 0..20_000 {
        let len = usize::try_from(rng.next() % 64).unwrap();
        let bytes: Vec<u8> = (0..len)
            .map(|_| alphabet[usize::try_from(rng.next()).unwrap() % alphabet.len()])
            .collect();
        try_all(&bytes);
        // And a document with a few bytes changed.
        let mut mutated = documents[0].clone().into_bytes();
        for _ in 0..3 {
            let at = usize::try_from(rng.next()).unwrap() % mutated.len();
            mutated[at] = alphabet[usize::try_from(rng.next()).unwrap() % alphabet.len()];
        }
        try_all(&mutated);
    }
}

// ---------------------------------------------------------------------------------------
// Query forms: the awsQuery and ec2Query suites' `input*.smithy` cases

/// A suite body's pairs after `Action` and `Version`, percent-decoded.
fn suite_pairs(body: &str) -> Vec<(String, String)> {
    let decode = |s: &str| {
        let mut out = Vec::new();
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    };
    body.split('&')
        .skip(2)
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap();
            (decode(k), decode(v))
        })
        .collect()
}

fn form<T: Serialize>(
    value: &T,
    shape: &'static Structure,
    dialect: xml::Dialect,
) -> Vec<(String, String)> {
    xml::to_form(value, shape, dialect).unwrap()
}

/// An awsQuery member: its query key is its name.
const fn query(key: &'static str, value: Value) -> Member {
    member(key, value)
}

/// An ec2Query member whose query key differs from its serde key.
const fn ec2(key: &'static str, query: &'static str, value: Value) -> Member {
    Member {
        query,
        ..member(key, value)
    }
}

static ITEM_LIST: List = list("item", Value::Text);
static GREETING_LIST: List = list("member", Value::Structure(&GREETING));
static NESTED_WITH_LIST: Structure = Structure {
    name: "NestedStructWithList",
    namespace: None,
    members: &[query("ListArg", Value::List(&STRINGS))],
};
static QUERY_LISTS: Structure = Structure {
    name: "QueryListsInput",
    namespace: None,
    members: &[
        query("ListArg", Value::List(&STRINGS)),
        query("ComplexListArg", Value::List(&GREETING_LIST)),
        flattened(query("FlattenedListArg", Value::List(&STRINGS))),
        query("ListArgWithXmlNameMember", Value::List(&ITEM_LIST)),
        flattened(Member {
            query: "Hi",
            ..member("FlattenedListArgWithXmlName", Value::List(&ITEM_LIST))
        }),
        query("NestedWithList", Value::Structure(&NESTED_WITH_LIST)),
    ],
};

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
struct NestedWithList {
    #[serde(skip_serializing_if = "Option::is_none")]
    list_arg: Option<Vec<String>>,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
struct QueryLists {
    #[serde(skip_serializing_if = "Option::is_none")]
    list_arg: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    complex_list_arg: Option<Vec<Greeting>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    flattened_list_arg: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    list_arg_with_xml_name_member: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    flattened_list_arg_with_xml_name: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nested_with_list: Option<NestedWithList>,
}

fn hello_hola() -> Vec<Greeting> {
    ["hello", "hola"]
        .iter()
        .map(|hi| Greeting {
            hi: Some((*hi).to_owned()),
        })
        .collect()
}

#[test]
fn aws_query_lists() {
    let aws = |value: &QueryLists| form(value, &QUERY_LISTS, xml::Dialect::Aws);
    let value = QueryLists {
        list_arg: strings(&["foo", "bar", "baz"]),
        complex_list_arg: Some(hello_hola()),
        ..QueryLists::default()
    };
    assert_eq!(
        aws(&value),
        suite_pairs(
            "Action=QueryLists&Version=2020-01-08&ListArg.member.1=foo&ListArg.member.2=bar\
             &ListArg.member.3=baz&ComplexListArg.member.1.hi=hello&ComplexListArg.member.2.hi=hola"
        )
    );
    let value = QueryLists {
        list_arg: Some(vec![]),
        ..QueryLists::default()
    };
    assert_eq!(
        aws(&value),
        suite_pairs("Action=QueryLists&Version=2020-01-08&ListArg=")
    );
    let value = QueryLists {
        flattened_list_arg: strings(&["A", "B"]),
        list_arg_with_xml_name_member: strings(&["A", "B"]),
        flattened_list_arg_with_xml_name: strings(&["A", "B"]),
        nested_with_list: Some(NestedWithList {
            list_arg: strings(&["A", "B"]),
        }),
        ..QueryLists::default()
    };
    assert_eq!(
        aws(&value),
        suite_pairs(
            "Action=QueryLists&Version=2020-01-08&FlattenedListArg.1=A&FlattenedListArg.2=B\
             &ListArgWithXmlNameMember.item.1=A&ListArgWithXmlNameMember.item.2=B&Hi.1=A&Hi.2=B\
             &NestedWithList.ListArg.member.1=A&NestedWithList.ListArg.member.2=B"
        )
    );
}

#[test]
fn ec2_query_lists() {
    let pairs = |value: &QueryLists| form(value, &QUERY_LISTS_EC2, xml::Dialect::Ec2);
    static GREETING_EC2: Structure = Structure {
        name: "GreetingStruct",
        namespace: None,
        members: &[ec2("hi", "Hi", Value::Text)],
    };
    static GREETING_LIST_EC2: List = list("member", Value::Structure(&GREETING_EC2));
    static QUERY_LISTS_EC2: Structure = Structure {
        name: "QueryListsInput",
        namespace: None,
        members: &[
            query("ListArg", Value::List(&STRINGS)),
            query("ComplexListArg", Value::List(&GREETING_LIST_EC2)),
            query("ListArgWithXmlNameMember", Value::List(&ITEM_LIST)),
            ec2("FlattenedListArgWithXmlName", "Hi", Value::List(&ITEM_LIST)),
            query("NestedWithList", Value::Structure(&NESTED_WITH_LIST)),
        ],
    };
    let value = QueryLists {
        list_arg: strings(&["foo", "bar", "baz"]),
        complex_list_arg: Some(hello_hola()),
        ..QueryLists::default()
    };
    assert_eq!(
        pairs(&value),
        suite_pairs(
            "Action=QueryLists&Version=2020-01-08&ListArg.1=foo&ListArg.2=bar&ListArg.3=baz\
             &ComplexListArg.1.Hi=hello&ComplexListArg.2.Hi=hola"
        )
    );
    // Ec2QueryEmptyList: not sent.
    let value = QueryLists {
        list_arg: Some(vec![]),
        ..QueryLists::default()
    };
    assert_eq!(pairs(&value), vec![]);
    let value = QueryLists {
        list_arg_with_xml_name_member: strings(&["A", "B"]),
        flattened_list_arg_with_xml_name: strings(&["A", "B"]),
        nested_with_list: Some(NestedWithList {
            list_arg: strings(&["A", "B"]),
        }),
        ..QueryLists::default()
    };
    assert_eq!(
        pairs(&value),
        suite_pairs(
            "Action=QueryLists&Version=2020-01-08&ListArgWithXmlNameMember.1=A\
             &ListArgWithXmlNameMember.2=B&Hi.1=A&Hi.2=B\
             &NestedWithList.ListArg.1=A&NestedWithList.ListArg.2=B"
        )
    );
}

static KV_QUERY_MAP: Map = Map {
    key: "K",
    value: "V",
    key_namespace: None,
    value_namespace: None,
    item: Value::Text,
};
static MAP_OF_LISTS: Map = map(Value::List(&STRINGS));
static NESTED_WITH_MAP: Structure = Structure {
    name: "NestedStructWithMap",
    namespace: None,
    members: &[query("MapArg", Value::Map(&STRING_MAP))],
};
static QUERY_MAPS: Structure = Structure {
    name: "QueryMapsInput",
    namespace: None,
    members: &[
        query("MapArg", Value::Map(&STRING_MAP)),
        Member {
            query: "Foo",
            ..member("RenamedMapArg", Value::Map(&STRING_MAP))
        },
        query("ComplexMapArg", Value::Map(&GREETING_MAP)),
        query("MapWithXmlMemberName", Value::Map(&KV_QUERY_MAP)),
        flattened(query("FlattenedMap", Value::Map(&STRING_MAP))),
        flattened(Member {
            query: "Hi",
            ..member("FlattenedMapWithXmlName", Value::Map(&KV_QUERY_MAP))
        }),
        query("MapOfLists", Value::Map(&MAP_OF_LISTS)),
        query("NestedStructWithMap", Value::Structure(&NESTED_WITH_MAP)),
    ],
};

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
struct NestedWithMap {
    map_arg: BTreeMap<String, String>,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
struct QueryMaps {
    #[serde(skip_serializing_if = "Option::is_none")]
    map_arg: Option<BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    renamed_map_arg: Option<BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    complex_map_arg: Option<BTreeMap<String, Greeting>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    map_with_xml_member_name: Option<BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    flattened_map: Option<BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    flattened_map_with_xml_name: Option<BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    map_of_lists: Option<BTreeMap<String, Vec<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nested_struct_with_map: Option<NestedWithMap>,
}

#[test]
fn aws_query_maps() {
    let aws = |value: &QueryMaps| form(value, &QUERY_MAPS, xml::Dialect::Aws);
    let bar_foo = || Some(string_map(&[("bar", "Bar"), ("foo", "Foo")]));
    for (value, body) in [
        (
            QueryMaps {
                map_arg: bar_foo(),
                ..QueryMaps::default()
            },
            "Action=QueryMaps&Version=2020-01-08&MapArg.entry.1.key=bar&MapArg.entry.1.value=Bar\
             &MapArg.entry.2.key=foo&MapArg.entry.2.value=Foo",
        ),
        (
            QueryMaps {
                renamed_map_arg: Some(string_map(&[("foo", "Foo")])),
                ..QueryMaps::default()
            },
            "Action=QueryMaps&Version=2020-01-08&Foo.entry.1.key=foo&Foo.entry.1.value=Foo",
        ),
        (
            QueryMaps {
                complex_map_arg: greetings(&[("bar", "Bar"), ("foo", "Foo")]),
                ..QueryMaps::default()
            },
            "Action=QueryMaps&Version=2020-01-08&ComplexMapArg.entry.1.key=bar\
             &ComplexMapArg.entry.1.value.hi=Bar&ComplexMapArg.entry.2.key=foo\
             &ComplexMapArg.entry.2.value.hi=Foo",
        ),
        (
            QueryMaps {
                map_arg: Some(BTreeMap::new()),
                ..QueryMaps::default()
            },
            "Action=QueryMaps&Version=2020-01-08",
        ),
        (
            QueryMaps {
                map_with_xml_member_name: bar_foo(),
                ..QueryMaps::default()
            },
            "Action=QueryMaps&Version=2020-01-08&MapWithXmlMemberName.entry.1.K=bar\
             &MapWithXmlMemberName.entry.1.V=Bar&MapWithXmlMemberName.entry.2.K=foo\
             &MapWithXmlMemberName.entry.2.V=Foo",
        ),
        (
            QueryMaps {
                flattened_map: bar_foo(),
                ..QueryMaps::default()
            },
            "Action=QueryMaps&Version=2020-01-08&FlattenedMap.1.key=bar&FlattenedMap.1.value=Bar\
             &FlattenedMap.2.key=foo&FlattenedMap.2.value=Foo",
        ),
        (
            QueryMaps {
                flattened_map_with_xml_name: bar_foo(),
                ..QueryMaps::default()
            },
            "Action=QueryMaps&Version=2020-01-08&Hi.1.K=bar&Hi.1.V=Bar&Hi.2.K=foo&Hi.2.V=Foo",
        ),
        (
            QueryMaps {
                map_of_lists: Some(BTreeMap::from([
                    ("bar".to_owned(), vec!["C".to_owned(), "D".to_owned()]),
                    ("foo".to_owned(), vec!["A".to_owned(), "B".to_owned()]),
                ])),
                ..QueryMaps::default()
            },
            "Action=QueryMaps&Version=2020-01-08&MapOfLists.entry.1.key=bar\
             &MapOfLists.entry.1.value.member.1=C&MapOfLists.entry.1.value.member.2=D\
             &MapOfLists.entry.2.key=foo&MapOfLists.entry.2.value.member.1=A\
             &MapOfLists.entry.2.value.member.2=B",
        ),
        (
            QueryMaps {
                nested_struct_with_map: Some(NestedWithMap {
                    map_arg: string_map(&[("bar", "Bar"), ("foo", "Foo")]),
                }),
                ..QueryMaps::default()
            },
            "Action=QueryMaps&Version=2020-01-08&NestedStructWithMap.MapArg.entry.1.key=bar\
             &NestedStructWithMap.MapArg.entry.1.value=Bar\
             &NestedStructWithMap.MapArg.entry.2.key=foo\
             &NestedStructWithMap.MapArg.entry.2.value=Foo",
        ),
    ] {
        assert_eq!(aws(&value), suite_pairs(body), "{body}");
    }
}

static SIMPLE_INPUT: Structure = Structure {
    name: "SimpleInputParamsInput",
    namespace: None,
    members: &[
        query("Foo", Value::Text),
        query("Bar", Value::Text),
        query("Baz", Value::Boolean),
        query("Bam", Value::Number),
        query("FloatValue", Value::Number),
        query("Boo", Value::Number),
        query("Qux", Value::Text),
        query("FooEnum", Value::Text),
        ec2("DistinctQueryName", "QueryName", Value::Text),
        query("normalFormat", Value::Text),
        query("epochMember", Value::Number),
        query("Nested", Value::Structure(&STRUCT_ARG)),
    ],
};
static STRUCT_ARG: Structure = Structure {
    name: "StructArg",
    namespace: None,
    members: &[
        query("StringArg", Value::Text),
        query("OtherArg", Value::Boolean),
        query("RecursiveArg", Value::Structure(&STRUCT_ARG)),
    ],
};

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
struct StructArg {
    #[serde(skip_serializing_if = "Option::is_none")]
    string_arg: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    other_arg: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recursive_arg: Option<Box<StructArg>>,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
struct SimpleInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    foo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bar: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baz: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bam: Option<i32>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "runtime::Via::<runtime::OptionOf<runtime::Float>>::serialize"
    )]
    float_value: Option<f32>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "runtime::Via::<runtime::OptionOf<runtime::Float>>::serialize"
    )]
    boo: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    qux: Option<Blob>,
    #[serde(skip_serializing_if = "Option::is_none")]
    foo_enum: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    distinct_query_name: Option<String>,
    #[serde(
        rename = "normalFormat",
        skip_serializing_if = "Option::is_none",
        serialize_with = "runtime::Via::<runtime::OptionOf<runtime::Rfc3339>>::serialize"
    )]
    normal_format: Option<DateTime>,
    #[serde(rename = "epochMember", skip_serializing_if = "Option::is_none")]
    epoch_member: Option<DateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nested: Option<StructArg>,
}

#[test]
fn query_scalars_timestamps_and_nested_structures() {
    for dialect in [xml::Dialect::Aws, xml::Dialect::Ec2] {
        let pairs = |value: &SimpleInput| form(value, &SIMPLE_INPUT, dialect);
        for (value, body) in [
            (
                SimpleInput {
                    foo: Some("val1".to_owned()),
                    baz: Some(true),
                    ..SimpleInput::default()
                },
                "Action=SimpleInputParams&Version=2020-01-08&Foo=val1&Baz=true",
            ),
            (
                SimpleInput {
                    baz: Some(false),
                    bam: Some(10),
                    boo: Some(10.8),
                    qux: Some(Blob(b"value".to_vec())),
                    foo_enum: Some("Foo".to_owned()),
                    distinct_query_name: Some("value1".to_owned()),
                    ..SimpleInput::default()
                },
                "Action=SimpleInputParams&Version=2020-01-08&Baz=false&Bam=10&Boo=10.8\
                 &Qux=dmFsdWU%3D&FooEnum=Foo&QueryName=value1",
            ),
            (
                SimpleInput {
                    float_value: Some(f32::NEG_INFINITY),
                    boo: Some(f64::NAN),
                    ..SimpleInput::default()
                },
                "Action=SimpleInputParams&Version=2020-01-08&FloatValue=-Infinity&Boo=NaN",
            ),
            (
                SimpleInput {
                    normal_format: Some(DateTime::from_secs(1_422_172_800)),
                    epoch_member: Some(DateTime::from_secs(1_422_172_800)),
                    ..SimpleInput::default()
                },
                "Action=QueryTimestamps&Version=2020-01-08&normalFormat=2015-01-25T08%3A00%3A00Z\
                 &epochMember=1422172800",
            ),
            (
                SimpleInput {
                    nested: Some(StructArg {
                        string_arg: Some("foo".to_owned()),
                        other_arg: Some(true),
                        recursive_arg: Some(Box::new(StructArg {
                            string_arg: Some("baz".to_owned()),
                            ..StructArg::default()
                        })),
                    }),
                    ..SimpleInput::default()
                },
                "Action=NestedStructures&Version=2020-01-08&Nested.StringArg=foo\
                 &Nested.OtherArg=true&Nested.RecursiveArg.StringArg=baz",
            ),
        ] {
            assert_eq!(pairs(&value), suite_pairs(body), "{dialect:?}: {body}");
        }
    }
}

#[test]
fn query_unions_sparse_lists_and_descriptor_mismatches() {
    static WITH_CHOICE: Structure = Structure {
        name: "WithChoice",
        namespace: None,
        members: &[
            query("choice", Value::Structure(&CHOICE)),
            query("items", Value::List(&STRINGS)),
        ],
    };
    #[derive(Serialize)]
    struct WithChoice {
        choice: Choice,
        items: Vec<Option<String>>,
    }
    let value = WithChoice {
        choice: Choice::Colors(vec!["red".to_owned()]),
        items: vec![None, Some("a".to_owned()), None, Some("b".to_owned())],
    };
    assert_eq!(
        form(&value, &WITH_CHOICE, xml::Dialect::Aws),
        suite_pairs(
            "Action=A&Version=1&choice.Colors.member.1=red&items.member.1=a&items.member.2=b"
        )
    );
    let value = WithChoice {
        choice: Choice::Nothing,
        items: vec![None],
    };
    assert_eq!(
        form(&value, &WITH_CHOICE, xml::Dialect::Aws),
        suite_pairs("Action=A&Version=1&items=")
    );
    let err = xml::to_form(&xml_lists(), &WITH_CHOICE, xml::Dialect::Aws).unwrap_err();
    assert_eq!(
        err,
        "`WithChoice` has no member `stringList` in its descriptor"
    );
    let value = SimpleInput {
        normal_format: Some(DateTime::from_secs(i64::MAX)),
        ..SimpleInput::default()
    };
    assert!(xml::to_form(&value, &SIMPLE_INPUT, xml::Dialect::Ec2).is_err());
}

// ---------------------------------------------------------------------------------------
// restXmlWithNamespace `SimpleScalarProperties`: a prefixed namespace and attribute

static NESTED_WITH_NAMESPACE: Structure = Structure {
    name: "NestedWithNamespace",
    namespace: None,
    members: &[Member {
        attribute: true,
        ..renamed("attrField", "xsi:someName", Value::Text)
    }],
};
static WITH_NAMESPACE: Structure = Structure {
    name: "SimpleScalarPropertiesRequest",
    namespace: Some(Namespace {
        uri: "https://example.com",
        prefix: None,
    }),
    members: &[
        member("stringValue", Value::Text),
        Member {
            namespace: Some(Namespace {
                uri: "https://example.com",
                prefix: Some("xsi"),
            }),
            ..member("Nested", Value::Structure(&NESTED_WITH_NAMESPACE))
        },
    ],
};

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
struct NestedWithNamespace {
    #[serde(default, rename = "attrField", skip_serializing_if = "Option::is_none")]
    attr_field: Option<String>,
}

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
struct WithNamespace {
    #[serde(
        default,
        rename = "stringValue",
        skip_serializing_if = "Option::is_none"
    )]
    string_value: Option<String>,
    #[serde(default, rename = "Nested", skip_serializing_if = "Option::is_none")]
    nested: Option<NestedWithNamespace>,
}

#[test]
fn prefixed_namespaces_and_attributes_both_ways() {
    let value = WithNamespace {
        string_value: Some("string".to_owned()),
        nested: Some(NestedWithNamespace {
            attr_field: Some("nestedAttrValue".to_owned()),
        }),
    };
    let body = "<SimpleScalarPropertiesRequest xmlns=\"https://example.com\">\
                <stringValue>string</stringValue>\
                <Nested xmlns:xsi=\"https://example.com\" xsi:someName=\"nestedAttrValue\"></Nested>\
                </SimpleScalarPropertiesRequest>";
    assert_eq!(write(&value, &WITH_NAMESPACE), body);
    assert_eq!(read::<WithNamespace>(body, &WITH_NAMESPACE), value);
}

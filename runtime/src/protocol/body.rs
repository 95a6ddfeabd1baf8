//! Bodies in the codec of the protocol: JSON (restJson1, awsJson, rpcv2Json) or CBOR
//! (rpcv2Cbor), through the types' serde form. Which protocol uses which content type
//! lives here too, so the builders ask one place.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::super::operation::Protocol;

/// What went wrong reading a body: where (a JSON pointer, `` for the root) and serde's
/// message.
pub(super) type BodyError = (String, String);

/// The `Content-Type` of a structure body in `protocol`.
pub(super) fn content_type(protocol: Protocol) -> &'static str {
    match protocol {
        Protocol::RestJson1 | Protocol::RpcV2Json(_) => "application/json",
        Protocol::AwsJson1_0(_) => "application/x-amz-json-1.0",
        Protocol::AwsJson1_1(_) => "application/x-amz-json-1.1",
        Protocol::RpcV2Cbor(_) => "application/cbor",
        Protocol::RestXml(_) | Protocol::AwsQuery(_) | Protocol::Ec2Query(_) => "application/xml",
    }
}

/// Whether bodies are CBOR.
fn is_cbor(protocol: Protocol) -> bool {
    matches!(protocol, Protocol::RpcV2Cbor(_))
}

/// `value` in `protocol`'s codec.
///
/// # Errors
/// serde's message (a timestamp out of range, a CBOR codec not compiled in); an XML
/// protocol, whose bodies need the type's descriptor (`xml_body`, not `body`).
pub(super) fn encode<T: Serialize + ?Sized>(
    protocol: Protocol,
    value: &T,
) -> Result<Vec<u8>, String> {
    match protocol {
        Protocol::RestXml(_) | Protocol::AwsQuery(_) | Protocol::Ec2Query(_) => {
            Err(NOT_SERDE_BODY.to_owned())
        }
        Protocol::RpcV2Cbor(_) => encode_cbor(value),
        Protocol::RpcV2Json(_) => super::super::codec::big_numbers_as_text(|| {
            serde_json::to_vec(value).map_err(|e| e.to_string())
        }),
        _ => serde_json::to_vec(value).map_err(|e| e.to_string()),
    }
}

/// A structure's body in `protocol`'s codec; an empty body reads as an empty structure
/// (`{}`, or an empty CBOR map).
///
/// # Errors
/// Where and what, when the body is not `T`'s form.
pub(super) fn decode<T: DeserializeOwned>(protocol: Protocol, body: &[u8]) -> Result<T, BodyError> {
    if super::envelope::is_xml(protocol) {
        return Err((String::new(), NOT_SERDE_BODY.to_owned()));
    }
    if is_cbor(protocol) {
        let body = if body.is_empty() { &[0xa0][..] } else { body };
        return decode_cbor(body);
    }
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        &b"{}"[..]
    } else {
        body
    };
    super::json::object_from_slice(body)
}

#[cfg(feature = "cbor")]
fn encode_cbor<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, String> {
    super::super::cbor::to_vec(value).map_err(|e| e.to_string())
}

#[cfg(not(feature = "cbor"))]
fn encode_cbor<T: Serialize + ?Sized>(_: &T) -> Result<Vec<u8>, String> {
    Err(NO_CBOR.to_owned())
}

#[cfg(feature = "cbor")]
fn decode_cbor<T: DeserializeOwned>(body: &[u8]) -> Result<T, BodyError> {
    super::super::cbor::from_slice(body)
        .map_err(|e| (e.pointer().to_owned(), e.message().to_owned()))
}

#[cfg(not(feature = "cbor"))]
fn decode_cbor<T: DeserializeOwned>(_: &[u8]) -> Result<T, BodyError> {
    Err((String::new(), NO_CBOR.to_owned()))
}

/// Why [`encode`] and [`decode`] refuse an XML protocol: its bodies are read and written
/// through the type's XML descriptor, by the builders' `xml_body` and `xml_payload`.
const NOT_SERDE_BODY: &str = "an XML protocol's bodies are written and read with `xml_body` or \
                              `xml_payload`, which know the shape's XML form";

#[cfg(not(feature = "cbor"))]
const NO_CBOR: &str = "the rpcv2Cbor codec is not compiled in (runtime feature `cbor`)";

/// An error structure's body with the protocol's `__type` member first.
#[derive(Serialize)]
pub(super) struct Typed<'a, T: ?Sized> {
    #[serde(rename = "__type")]
    pub type_: &'a str,
    #[serde(flatten)]
    pub value: &'a T,
}

/// The members of an error body that say which error it is and why, in any codec.
#[derive(Debug, Default)]
pub(super) struct ErrorFields {
    pub type_: Option<String>,
    pub code: Option<String>,
    pub message: Option<String>,
    pub message_upper: Option<String>,
}

impl ErrorFields {
    /// The fields of an error `body` (none when it is not a map, or empty).
    pub(super) fn read(protocol: Protocol, body: &[u8]) -> Self {
        decode::<Lenient>(protocol, body).map_or_else(|_| Self::default(), |l| l.0)
    }

    /// `message`, else `Message` (the two spellings AWS services use).
    pub(super) fn message(self) -> Option<String> {
        self.message.or(self.message_upper)
    }
}

/// [`ErrorFields`], each read only if it is a string (a `message` that is an object must
/// not hide the code).
struct Lenient(ErrorFields);

impl<'de> serde::Deserialize<'de> for Lenient {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = ErrorFields;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an error body")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<ErrorFields, A::Error> {
                let mut out = ErrorFields::default();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    let slot = match key.as_ref() {
                        "__type" => &mut out.type_,
                        "code" => &mut out.code,
                        "message" => &mut out.message,
                        "Message" => &mut out.message_upper,
                        _ => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                            continue;
                        }
                    };
                    *slot = map.next_value::<StringOrOther>()?.0;
                }
                Ok(out)
            }
        }
        d.deserialize_map(Visit).map(Lenient)
    }
}

/// A string, or anything else (read and dropped).
struct StringOrOther(Option<String>);

impl<'de> serde::Deserialize<'de> for StringOrOther {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Option<String>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Some(v.to_owned()))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_bytes<E>(self, _: &[u8]) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_none<E>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: serde::Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Self::Value, D::Error> {
                // The same value inside an option (number map: drained, as below).
                d.deserialize_any(self)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<Self::Value, A::Error> {
                while a.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(None)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<Self::Value, A::Error> {
                while a
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(None)
            }
        }
        // Any value: strings are kept, anything else (serde_json's number map under
        // `arbitrary_precision` too: number map: drained) is read and dropped.
        d.deserialize_any(Visit).map(StringOrOther)
    }
}

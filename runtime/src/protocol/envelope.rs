//! The XML protocols' envelopes (restXml, awsQuery, ec2Query): which element of a response
//! holds an output's or an error's members, how a server wraps an error, and an error's
//! code, message and request ID (spec aws/protocols/aws-restxml-protocol.rst "Error
//! response serialization"; aws-query-protocol.rst "Response serialization" and
//! "Operation error serialization"; aws-ec2-query-protocol.rst, the same sections).
//!
//! The members themselves are read and written by the XML codec (the runtime's `xml` module) through
//! the types' descriptors; this module only frames them. Without feature `xml` nothing is
//! found in a body and nothing can be written: the error says [`NO_XML`].

use super::super::operation::{Namespace, Protocol};

/// Why an XML body cannot be read or written: the codec is not compiled in.
const NO_XML: &str = "the XML protocols' codec is not compiled in (runtime feature `xml`)";

/// Whether `protocol` can be spoken: every protocol can, but the XML ones only with
/// feature `xml` (a generated crate turns it on for them).
///
/// # Errors
/// The message saying the codec is missing.
pub(super) fn available(protocol: Protocol) -> Result<(), &'static str> {
    if is_xml(protocol) && !cfg!(feature = "xml") {
        return Err(NO_XML);
    }
    Ok(())
}

/// The `Content-Type` of an XML body (restXml, and every protocol's error documents).
pub(super) const XML: &str = "application/xml";

/// Whether `protocol` is restXml, awsQuery or ec2Query.
pub(super) fn is_xml(protocol: Protocol) -> bool {
    matches!(
        protocol,
        Protocol::RestXml(_) | Protocol::AwsQuery(_) | Protocol::Ec2Query(_)
    )
}

/// The service's `@xmlNamespace`: the namespace of a body's root element whose shape has
/// none of its own.
#[cfg_attr(not(feature = "xml"), allow(dead_code))]
fn service_namespace(protocol: Protocol) -> Option<Namespace> {
    match protocol {
        Protocol::RestXml(xml) => xml.namespace,
        Protocol::AwsQuery(query) | Protocol::Ec2Query(query) => query.namespace,
        _ => None,
    }
}

/// An error's `<Type>`: `Sender` for a client error (a 4xx status), `Receiver` for a
/// server error.
#[cfg_attr(not(feature = "xml"), allow(dead_code))]
fn fault(status: u16) -> &'static str {
    if status >= 500 {
        "Receiver"
    } else {
        "Sender"
    }
}

/// What an error document says of itself besides its members.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct ErrorInfo {
    /// `<Code>`, as written.
    pub code: Option<String>,
    /// `<Message>` (or `<message>`).
    pub message: Option<String>,
    /// `<RequestId>` (ec2Query: `<RequestID>`).
    pub request_id: Option<String>,
}

#[cfg(feature = "xml")]
pub(super) use codec::*;

#[cfg(feature = "xml")]
mod codec {
    use serde::de::DeserializeOwned;
    use serde::Serialize;

    use super::super::super::operation::Xml;
    use super::super::super::xml::{self, Element, Structure, Writer};
    use super::super::BuildError;
    use super::{fault, ErrorInfo, Protocol};

    /// The root element of `body`; `None` when the body is blank (no members at all).
    ///
    /// # Errors
    /// The codec's, for a body that is not well-formed XML.
    pub(in super::super) fn document(body: &[u8]) -> Result<Option<Element>, xml::Error> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        Element::parse(body).map(Some)
    }

    /// `T`, a structure described by `shape`, read from `element`, the element holding
    /// its members; when there is none (a blank body, or an envelope without the
    /// output's element), from an empty `<Empty/>`: every member absent. Client and
    /// server read an XML body this way.
    ///
    /// # Errors
    /// The codec's, with the element path, when the members are not `T`'s form (a
    /// required member missing, a value that does not parse).
    pub(in super::super) fn members<T: DeserializeOwned>(
        element: Option<&Element>,
        shape: &'static Structure,
    ) -> Result<T, xml::Error> {
        match element {
            Some(element) => xml::from_element(element, shape),
            None => xml::from_element(&Element::empty("Empty"), shape),
        }
    }

    /// A name without its namespace prefix.
    fn local(name: &str) -> &str {
        name.rsplit(':').next().unwrap_or(name)
    }

    /// The element holding an error's members: `<ErrorResponse><Error>` (restXml,
    /// awsQuery), `<Error>` itself (restXml with `noErrorWrapping`, as S3 answers), or
    /// `<Response><Errors><Error>` (ec2Query). Every form is accepted whatever the
    /// protocol says, since services are known to answer in another than their trait's.
    pub(in super::super) fn error_element(root: &Element) -> Option<&Element> {
        match local(root.name()) {
            "ErrorResponse" => root.child("Error"),
            "Response" => root.child("Errors")?.child("Error"),
            "Error" => Some(root),
            _ => None,
        }
    }

    /// The element holding operation `operation`'s output members: the root (restXml;
    /// ec2Query's `<{Op}Response>`), or awsQuery's `<{Op}Response><{Op}Result>`, absent
    /// when the output has no members.
    pub(in super::super) fn output_element<'e>(
        protocol: Protocol,
        operation: &str,
        root: &'e Element,
    ) -> Option<&'e Element> {
        match protocol {
            Protocol::AwsQuery(_) => root.child(&format!("{operation}Result")),
            _ => Some(root),
        }
    }

    /// The code, message and request ID of an error `body` (none of them when it is not
    /// an error document).
    pub(in super::super) fn error_info(body: &[u8]) -> ErrorInfo {
        let Ok(Some(root)) = document(body) else {
            return ErrorInfo::default();
        };
        let error = error_element(&root);
        let child = |name: &str| error.and_then(|e| e.child(name));
        let text = |e: Option<&Element>| e.map(|e| e.text().to_owned()).filter(|t| !t.is_empty());
        ErrorInfo {
            code: text(child("Code")),
            message: text(child("Message").or_else(|| child("message"))),
            request_id: text(
                root.child("RequestId")
                    .or_else(|| root.child("RequestID"))
                    .or_else(|| child("RequestId")),
            ),
        }
    }

    /// The request ID of a successful awsQuery response
    /// (`<ResponseMetadata><RequestId>`) or ec2Query one (`<requestId>`).
    pub(in super::super) fn output_request_id(body: &[u8]) -> Option<String> {
        let root = document(body).ok()??;
        let id = match root.child("ResponseMetadata") {
            Some(metadata) => metadata.child("RequestId"),
            None => root.child("requestId"),
        };
        id.map(|e| e.text().to_owned()).filter(|t| !t.is_empty())
    }

    /// The document of a body whose root element is `name` (else `T::XML.name`), holding
    /// `value`'s members, with the shape's `@xmlNamespace`, else the service's.
    ///
    /// # Errors
    /// [`BuildError`] on the body when a member cannot be written.
    pub(in super::super) fn root_document<T: Serialize + xml::Shape>(
        protocol: Protocol,
        value: &T,
        name: Option<&str>,
    ) -> Result<Vec<u8>, BuildError> {
        let namespace = T::XML
            .namespace
            .or_else(|| super::service_namespace(protocol));
        let name = name.unwrap_or(T::XML.name);
        xml::to_vec(value, T::XML, name, namespace).map_err(|e| BuildError::new("body", e))
    }

    /// A new request ID for an error document: a UUID v4.
    fn request_id() -> String {
        uuid::Uuid::new_v4().to_string()
    }

    /// The error document of `protocol` for error `code` with status `status`: `inner`
    /// writes the `<Error>` element, starting with the leading elements it is given
    /// (`Type`, `Code`). A wrapped document has a new `RequestId` beside `<Error>`; the
    /// unwrapped one (`noErrorWrapping`) none, as the suite's
    /// `S3OperationNoErrorWrappingResponse` has it (the spec's example puts one inside
    /// `<Error>`, but the compliance suite is the normative reference).
    fn error_document(
        protocol: Protocol,
        code: &str,
        status: u16,
        inner: impl FnOnce(&mut Writer, &[(&str, &str)]) -> Result<(), String>,
    ) -> Result<Vec<u8>, String> {
        let mut w = Writer::new();
        match protocol {
            Protocol::Ec2Query(_) => {
                w.open("Response", None);
                w.open("Errors", None);
                inner(&mut w, &[("Code", code)])?;
                w.close("Errors");
                w.text("RequestID", &request_id());
                w.close("Response");
            }
            Protocol::RestXml(Xml {
                no_error_wrapping: true,
                ..
            }) => inner(&mut w, &[("Type", fault(status)), ("Code", code)])?,
            _ => {
                w.open("ErrorResponse", None);
                inner(&mut w, &[("Type", fault(status)), ("Code", code)])?;
                w.text("RequestId", &request_id());
                w.close("ErrorResponse");
            }
        }
        Ok(w.finish())
    }

    /// The error document of a modeled error: `value`'s members, described by `shape`.
    ///
    /// # Errors
    /// The codec's message when a member cannot be written.
    pub(in super::super) fn modeled_error<T: Serialize + ?Sized>(
        protocol: Protocol,
        code: &str,
        status: u16,
        shape: &'static Structure,
        value: &T,
    ) -> Result<Vec<u8>, String> {
        error_document(protocol, code, status, |w, leading| {
            w.structure("Error", None, shape, value, leading)
        })
    }

    /// The error document of an error the model does not describe: a `<Message>` when
    /// there is one; for a `smithy.framework#ValidationException` (`fields` not empty),
    /// that shape's own members instead, `<message>` and
    /// `<fieldList><member><path/><message/></member>…</fieldList>`.
    pub(in super::super) fn message_error(
        protocol: Protocol,
        code: &str,
        status: u16,
        message: Option<&str>,
        fields: &[(&str, &str)],
    ) -> Vec<u8> {
        let document = error_document(protocol, code, status, |w, leading| {
            w.open("Error", None);
            for (name, text) in leading {
                w.text(name, text);
            }
            let message_name = if fields.is_empty() {
                "Message"
            } else {
                "message"
            };
            if let Some(message) = message {
                w.text(message_name, message);
            }
            if !fields.is_empty() {
                w.open("fieldList", None);
                for (path, message) in fields {
                    w.open("member", None);
                    w.text("path", path);
                    w.text("message", message);
                    w.close("member");
                }
                w.close("fieldList");
            }
            w.close("Error");
            Ok(())
        });
        // Text elements always write.
        document.unwrap_or_default()
    }
}

/// Without the codec: no error document can be read.
#[cfg(not(feature = "xml"))]
pub(super) fn error_info(_: &[u8]) -> ErrorInfo {
    ErrorInfo::default()
}

/// Without the codec: no request ID can be read from a body.
#[cfg(not(feature = "xml"))]
pub(super) fn output_request_id(_: &[u8]) -> Option<String> {
    None
}

/// Without the codec: no error document can be written; the response has an empty body.
#[cfg(not(feature = "xml"))]
pub(super) fn message_error(
    _: Protocol,
    _: &str,
    _: u16,
    _: Option<&str>,
    _: &[(&str, &str)],
) -> Vec<u8> {
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::super::super::operation::{Query, Xml};
    use super::*;

    #[test]
    fn xml_protocols_need_the_codec_and_say_so() {
        let xml = [
            Protocol::RestXml(Xml {
                namespace: None,
                no_error_wrapping: false,
            }),
            Protocol::AwsQuery(Query {
                version: "1",
                namespace: None,
            }),
        ];
        let compiled = cfg!(feature = "xml");
        for protocol in xml {
            let answer = available(protocol);
            assert_eq!(answer.is_ok(), compiled, "{protocol:?}");
            if let Err(e) = answer {
                assert!(e.contains("runtime feature `xml`"), "{e}");
            }
        }
        assert_eq!(available(Protocol::RestJson1), Ok(()));
    }
}

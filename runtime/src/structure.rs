//! Structures: the JSON-object form, read with a serde visitor that takes a map and
//! nothing else.
//!
//! serde's derived `Deserialize` also takes a sequence and fills the members by position
//! (`["lobby", 10]` for `{"name": "lobby", "maximumMessageRatePerSecond": 10}`), and
//! matches integer keys to members by index: neither is a restJson1 body (spec
//! `aws-restjson1-protocol.rst`, "JSON shape serialization": a structure is an object),
//! so a server must refuse them. A generated structure implements [`Structure`] instead,
//! whose `read` matches member names to fields, and its `Deserialize` is
//! [`de_structure`]:
//!
//! ```ignore
//! impl rt::Structure for Room {
//!     const NAME: &'static str = "Room";
//!     fn read<'de, A: serde::de::MapAccess<'de>>(
//!         mut __map: rt::Members<'de, A>,
//!     ) -> Result<Self, A::Error> {
//!         let mut name = None;
//!         while let Some(__key) = __map.next_key()? {
//!             match __key.as_str() {
//!                 "Name" => __map.read(&__key, &mut name)?,
//!                 _ => __map.skip()?,
//!             }
//!         }
//!         Ok(Self { name: __map.required(name, "Name")? })
//!     }
//! }
//! ```
//!
//! The rules are those the derive attributes stated before: unknown members are skipped,
//! a member given twice is an error (`duplicate field`), a missing required member is
//! serde's `missing field` error (which the server turns into a validation failure), and
//! a `null` is read by the member's type (`None` for an `Option`, an error otherwise).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Error as _, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::{Codec, Owned};

/// A generated structure, as [`de_structure`] reads it.
pub trait Structure: Sized {
    /// The structure's name, for error messages.
    const NAME: &'static str;

    /// Reads the members of one object and builds the value.
    ///
    /// # Errors
    /// The format's; a member given twice, a required member missing, or a value that is
    /// not of its member's type.
    fn read<'de, A: MapAccess<'de>>(members: Members<'de, A>) -> Result<Self, A::Error>;
}

/// Reads a structure from an object (a map); a sequence or any other value is an
/// "invalid type" error.
///
/// `deserialize_map` rather than `deserialize_struct`: the types are read only from
/// self-describing formats (unions, timestamps and blobs need that too), where the two are
/// the same request, and no field list has to be generated.
///
/// # Errors
/// When the value is not an object, or [`Structure::read`] fails.
pub fn de_structure<'de, S: Structure, D: Deserializer<'de>>(d: D) -> Result<S, D::Error> {
    struct Object<S>(PhantomData<S>);

    impl<'de, S: Structure> Visitor<'de> for Object<S> {
        type Value = S;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a `{}` structure (an object)", S::NAME)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<S, A::Error> {
            S::read(Members {
                map,
                input: PhantomData,
            })
        }
    }

    d.deserialize_map(Object(PhantomData))
}

/// The members of an object being read into a [`Structure`].
pub struct Members<'de, A> {
    map: A,
    input: PhantomData<&'de ()>,
}

impl<'de, A: MapAccess<'de>> Members<'de, A> {
    /// The next member name, or `None` at the end of the object.
    ///
    /// # Errors
    /// The format's, or a key that is not a string.
    pub fn next_key(&mut self) -> Result<Option<MemberName<'de>>, A::Error> {
        self.map.next_key()
    }

    /// Reads the value of member `key` into `slot` with the type's own serde form.
    ///
    /// # Errors
    /// A member given twice, or the value's error.
    pub fn read<T: Deserialize<'de>>(
        &mut self,
        key: &MemberName<'de>,
        slot: &mut Option<T>,
    ) -> Result<(), A::Error> {
        self.fill(key, slot, |map| map.next_value())
    }

    /// Reads the value of member `key` into `slot` with codec `C`.
    ///
    /// # Errors
    /// A member given twice, or the value's error.
    pub fn read_with<C: Codec<T>, T>(
        &mut self,
        key: &MemberName<'de>,
        slot: &mut Option<T>,
    ) -> Result<(), A::Error> {
        self.fill(key, slot, |map| Ok(map.next_value::<Owned<C, T>>()?.0))
    }

    /// Fills `slot`, which must still be empty (serde's derive refuses a repeated member
    /// the same way), with the value `next` reads.
    fn fill<T>(
        &mut self,
        key: &MemberName<'de>,
        slot: &mut Option<T>,
        next: impl FnOnce(&mut A) -> Result<T, A::Error>,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(duplicate(key));
        }
        *slot = Some(next(&mut self.map)?);
        Ok(())
    }

    /// Skips the value of a member the structure does not have, however deep it nests.
    ///
    /// # Errors
    /// The format's.
    pub fn skip(&mut self) -> Result<(), A::Error> {
        self.map.next_value::<IgnoredAny>().map(|_| ())
    }

    /// The value of required member `name`, which must have been read.
    ///
    /// # Errors
    /// serde's `missing field` error naming the member.
    pub fn required<T>(&self, slot: Option<T>, name: &'static str) -> Result<T, A::Error> {
        slot.ok_or_else(|| A::Error::missing_field(name))
    }
}

/// A member given twice: an error, as serde's derive makes it (JSON leaves the meaning of
/// a repeated name open, RFC 8259 section 4).
fn duplicate<E: serde::de::Error>(key: &MemberName<'_>) -> E {
    E::custom(format_args!("duplicate field `{}`", key.as_str()))
}

/// A member name, borrowed from the input where the format allows (JSON without escapes).
pub struct MemberName<'de>(Cow<'de, str>);

impl MemberName<'_> {
    /// The name, unescaped.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for MemberName<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Name;

        impl<'de> Visitor<'de> for Name {
            type Value = MemberName<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name (a string)")
            }

            fn visit_borrowed_str<E: serde::de::Error>(
                self,
                v: &'de str,
            ) -> Result<Self::Value, E> {
                Ok(MemberName(Cow::Borrowed(v)))
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(MemberName(Cow::Owned(v.to_owned())))
            }

            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(MemberName(Cow::Owned(v)))
            }
        }

        d.deserialize_str(Name)
    }
}

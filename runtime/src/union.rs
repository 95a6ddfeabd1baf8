//! Unions: the single-key object form, read with a serde visitor (so any self-describing
//! format works, not only JSON), and the opaque [`UnknownMember`] that keeps a member the
//! model does not know.
//!
//! A generated union is its variants plus `Unknown(rt::UnknownMember)`, followed by
//! `rt::union!(Name { Variant(codec) = "wireName", UnitVariant = "other", … });`, which
//! implements `Serialize`, `Deserialize` and [`Union`].

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Error as _, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserializer, Serialize, Serializer};

use super::{Codec, Owned};

/// A union member this version of the model does not know: its name and value, kept as
/// received and written back unchanged.
///
/// It has no public constructor: only reading a union makes one, and only for a member
/// name the union does not list, so an `Unknown` never stands for a known member.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownMember {
    name: String,
    value: serde_json::Value,
}

impl UnknownMember {
    /// Keeps a member. Called by `union!` only (for names none of its arms took), so it is
    /// not part of the public API.
    #[allow(dead_code)]
    pub(crate) fn new(name: &str, value: serde_json::Value) -> Self {
        UnknownMember {
            name: name.to_owned(),
            value,
        }
    }

    /// The member name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The member value.
    pub fn value(&self) -> &serde_json::Value {
        &self.value
    }
}

/// Serializes a union value as a single-key object.
///
/// # Errors
/// The serializer's.
pub fn ser_union<S: Serializer, V: Serialize + ?Sized>(
    s: S,
    name: &str,
    value: &V,
) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(1))?;
    map.serialize_entry(name, value)?;
    map.end()
}

/// The `{}` value of a unit union member.
pub struct EmptyObject;

impl Serialize for EmptyObject {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_map(Some(0))?.end()
    }
}

/// A generated union, as [`de_union`] reads it (implemented by `union!`).
pub trait Union: Sized {
    /// The union's name, for error messages.
    const NAME: &'static str;

    /// Reads the value of the member named `key`: `None` when it is `null` (a member not
    /// set).
    ///
    /// # Errors
    /// The format's, when the value is not of the member's type.
    fn read_member<'de, A: MapAccess<'de>>(
        key: &str,
        member: Member<'_, A>,
    ) -> Result<Option<Self>, A::Error>;
}

/// The value of one union member, about to be read.
pub struct Member<'a, A>(&'a mut A);

impl<'de, A: MapAccess<'de>> Member<'_, A> {
    /// Reads the value with codec `C`; `None` when it is `null`.
    ///
    /// # Errors
    /// The format's, when the value is not of the member's type.
    pub fn value<C: Codec<T>, T>(self) -> Result<Option<T>, A::Error> {
        Ok(self.0.next_value::<Option<Owned<C, T>>>()?.map(|v| v.0))
    }

    /// Skips the value of a unit member (`{}`); `None` when it is `null`.
    ///
    /// # Errors
    /// The format's.
    pub fn unit(self) -> Result<Option<()>, A::Error> {
        Ok(self.0.next_value::<Option<IgnoredAny>>()?.map(|_| ()))
    }
}

/// Reads a union: exactly one member with a non-null value (`__type` is ignored).
///
/// # Errors
/// When the value is not an object with exactly one set member, or that member's value
/// is not of its type.
pub fn de_union<'de, U: Union, D: Deserializer<'de>>(d: D) -> Result<U, D::Error> {
    struct Members<U>(PhantomData<U>);

    impl<'de, U: Union> Visitor<'de> for Members<U> {
        type Value = U;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a `{}` union: an object with one member set", U::NAME)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<U, A::Error> {
            let mut found: Option<(String, U)> = None;
            while let Some(key) = map.next_key::<String>()? {
                if key == "__type" {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
                let Some(value) = U::read_member(&key, Member(&mut map))? else {
                    continue;
                };
                if let Some((first, _)) = &found {
                    return Err(A::Error::custom(format!(
                        "a union value must set exactly one member, found several \
                         (`{first}` and `{key}` of `{}`)",
                        U::NAME
                    )));
                }
                found = Some((key, value));
            }
            match found {
                Some((_, value)) => Ok(value),
                None => Err(A::Error::custom(format!(
                    "a union value must set exactly one member, found none (`{}`)",
                    U::NAME
                ))),
            }
        }
    }

    d.deserialize_map(Members(PhantomData))
}

/// Implements `Serialize`, `Deserialize` and [`Union`] for a union from its member table:
/// `Variant(codec) = "wireName"` for a member with a value (read and written with the
/// codec, `rt::Same` for the type's own form), `Variant = "wireName"` for a unit member.
/// The enum has those variants plus `Unknown(rt::UnknownMember)`.
#[allow(unused_macros)]
macro_rules! union {
    // A member's value as a pattern binding (the codec only says the variant has one).
    (@bind $v:ident $codec:ty) => { $v };
    (@value) => { &rt::EmptyObject };
    (@value $v:ident, $codec:ty) => { &rt::With::<$codec, _>::new($v) };
    (@read $member:ident, $variant:path) => { $member.unit()?.map(|()| $variant) };
    (@read $member:ident, $variant:path, $codec:ty) => {
        $member.value::<$codec, _>()?.map($variant)
    };
    ($name:ident { $($variant:ident $(($codec:ty))? = $key:literal),* $(,)? }) => {
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(Self::$variant $((rt::union!(@bind v $codec)))? => {
                        rt::ser_union(s, $key, rt::union!(@value $(v, $codec)?))
                    })*
                    Self::Unknown(u) => rt::ser_union(s, u.name(), u.value()),
                }
            }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                rt::de_union(d)
            }
        }
        impl rt::Union for $name {
            const NAME: &'static str = stringify!($name);
            fn read_member<'de, A: serde::de::MapAccess<'de>>(
                key: &str,
                member: rt::Member<'_, A>,
            ) -> Result<Option<Self>, A::Error> {
                Ok(match key {
                    $($key => rt::union!(@read member, Self::$variant $(, $codec)?),)*
                    _ => member
                        .value::<rt::Same, serde_json::Value>()?
                        .map(|value| Self::Unknown(rt::UnknownMember::new(key, value))),
                })
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use union;

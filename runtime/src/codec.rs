//! Serde adapters: the [`Codec`]s that give generated fields their restJson1 form (floats,
//! formatted timestamps, dense and sparse collections) and idempotency tokens.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, Error as _, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::json_number::visit_json_number;
use super::DateTime;

/// How a value of type `T` is written to and read from JSON. Composable: generated
/// fields name a codec such as `OptionOf<Dense<Float>>` through [`ser`] and [`de`].
pub trait Codec<T> {
    /// Serializes `value`.
    ///
    /// # Errors
    /// The serializer's.
    fn ser<S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error>;
    /// Deserializes a value.
    ///
    /// # Errors
    /// The deserializer's, or a malformed value.
    fn de<'de, D: Deserializer<'de>>(d: D) -> Result<T, D::Error>;
}

/// Serializes a field with codec `C` (for `#[serde(serialize_with)]`).
///
/// # Errors
/// The serializer's.
pub fn ser<C: Codec<T>, T, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    C::ser(value, s)
}

/// Deserializes a field with codec `C` (for `#[serde(deserialize_with)]`).
///
/// # Errors
/// The deserializer's, or a malformed value.
pub fn de<'de, C: Codec<T>, T, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    C::de(d)
}

/// A codec as a serde `with` module: `#[serde(with = "rt::Via::<rt::Dense<rt::Float>>")]`.
pub struct Via<C>(PhantomData<C>);

impl<C> Via<C> {
    /// Serializes a field with codec `C`.
    ///
    /// # Errors
    /// The serializer's.
    pub fn serialize<T, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error>
    where
        C: Codec<T>,
    {
        C::ser(value, s)
    }

    /// Deserializes a field with codec `C`.
    ///
    /// # Errors
    /// The deserializer's, or a malformed value.
    pub fn deserialize<'de, T, D: Deserializer<'de>>(d: D) -> Result<T, D::Error>
    where
        C: Codec<T>,
    {
        C::de(d)
    }
}

/// A value serialized through codec `C`.
pub struct With<'a, C, T>(pub &'a T, PhantomData<C>);

impl<'a, C, T> With<'a, C, T> {
    /// Wraps `value`.
    pub fn new(value: &'a T) -> Self {
        With(value, PhantomData)
    }
}

impl<C: Codec<T>, T> Serialize for With<'_, C, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        C::ser(self.0, s)
    }
}

/// A value read through codec `C`.
pub(super) struct Owned<C, T>(pub(super) T, PhantomData<C>);

impl<'de, C: Codec<T>, T> Deserialize<'de> for Owned<C, T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        C::de(d).map(|v| Owned(v, PhantomData))
    }
}

/// The type's own serde form.
pub struct Same;

impl<T: Serialize + DeserializeOwned> Codec<T> for Same {
    fn ser<S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
        value.serialize(s)
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        T::deserialize(d)
    }
}

/// `float`/`double`: non-finite values are the strings `NaN`, `Infinity`, `-Infinity`;
/// for a format that is not human-readable (CBOR), every value is a native float.
pub struct Float;

macro_rules! float_codec {
    ($t:ty) => {
        impl Codec<$t> for Float {
            fn ser<S: Serializer>(value: &$t, s: S) -> Result<S::Ok, S::Error> {
                if !s.is_human_readable() {
                    value.serialize(s)
                } else if value.is_nan() {
                    s.serialize_str("NaN")
                } else if value.is_infinite() {
                    s.serialize_str(if *value > 0.0 {
                        "Infinity"
                    } else {
                        "-Infinity"
                    })
                } else {
                    value.serialize(s)
                }
            }
            fn de<'de, D: Deserializer<'de>>(d: D) -> Result<$t, D::Error> {
                // A visitor rather than an untagged enum: serde's buffering would keep
                // serde_json's `arbitrary_precision` number map, which is not a number.
                struct Repr;

                impl<'de> Visitor<'de> for Repr {
                    type Value = $t;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a number, `NaN`, `Infinity` or `-Infinity`")
                    }

                    #[allow(clippy::cast_precision_loss)]
                    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<$t, E> {
                        Ok(v as $t)
                    }

                    #[allow(clippy::cast_precision_loss)]
                    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<$t, E> {
                        Ok(v as $t)
                    }

                    #[allow(clippy::cast_possible_truncation, clippy::unnecessary_cast)]
                    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<$t, E> {
                        Ok(v as $t)
                    }

                    fn visit_str<E: serde::de::Error>(self, t: &str) -> Result<$t, E> {
                        match t {
                            "NaN" => Ok(<$t>::NAN),
                            "Infinity" => Ok(<$t>::INFINITY),
                            "-Infinity" => Ok(<$t>::NEG_INFINITY),
                            _ => Err(E::custom(format!("expected a number, found `{t}`"))),
                        }
                    }

                    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<$t, A::Error> {
                        visit_json_number(self, map)
                    }
                }

                d.deserialize_any(Repr)
            }
        }
    };
}
float_codec!(f32);
float_codec!(f64);

/// `@timestampFormat("date-time")`: an RFC 3339 string. A format that is not
/// human-readable (CBOR) uses [`DateTime`]'s own form instead: Smithy RPC v2 CBOR says
/// `@timestampFormat` "MUST NOT be respected".
pub struct Rfc3339;

impl Codec<DateTime> for Rfc3339 {
    fn ser<S: Serializer>(value: &DateTime, s: S) -> Result<S::Ok, S::Error> {
        if !s.is_human_readable() {
            return value.serialize(s);
        }
        s.serialize_str(&value.to_rfc3339().map_err(serde::ser::Error::custom)?)
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime, D::Error> {
        if !d.is_human_readable() {
            return DateTime::deserialize(d);
        }
        parse_str(d, "an RFC 3339 date-time string", DateTime::parse_rfc3339)
    }
}

/// `@timestampFormat("http-date")`: an IMF-fixdate string; [`DateTime`]'s own form for a
/// format that is not human-readable, as [`Rfc3339`].
pub struct HttpDate;

impl Codec<DateTime> for HttpDate {
    fn ser<S: Serializer>(value: &DateTime, s: S) -> Result<S::Ok, S::Error> {
        if !s.is_human_readable() {
            return value.serialize(s);
        }
        s.serialize_str(&value.to_http_date().map_err(serde::ser::Error::custom)?)
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime, D::Error> {
        if !d.is_human_readable() {
            return DateTime::deserialize(d);
        }
        parse_str(d, "an IMF-fixdate string", DateTime::parse_http_date)
    }
}

/// `Option<T>` whose `Some` value uses codec `C` (`null` reads as `None`).
pub struct OptionOf<C>(PhantomData<C>);

impl<C: Codec<T>, T> Codec<Option<T>> for OptionOf<C> {
    fn ser<S: Serializer>(value: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.serialize_some(&With::<C, T>::new(v)),
            None => s.serialize_none(),
        }
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error> {
        Ok(Option::<Owned<C, T>>::deserialize(d)?.map(|v| v.0))
    }
}

/// A non-`@sparse` list: `null` elements are dropped when reading.
pub struct Dense<C>(PhantomData<C>);

impl<C: Codec<T>, T> Codec<Vec<T>> for Dense<C> {
    fn ser<S: Serializer>(value: &Vec<T>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(value.iter().map(With::<C, T>::new))
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_seq(SeqOf::<C, T, T>::new(|item, out| {
            match item {
                Some(value) => out.push(value),
                None if strict() => return Err("null in a list that is not @sparse"),
                None => {}
            }
            Ok(())
        }))
    }
}

/// A `@sparse` list: `null` elements are kept as `None`.
pub struct Sparse<C>(PhantomData<C>);

impl<C: Codec<T>, T> Codec<Vec<Option<T>>> for Sparse<C> {
    fn ser<S: Serializer>(value: &Vec<Option<T>>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(value.iter().map(With::<OptionOf<C>, Option<T>>::new))
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Option<T>>, D::Error> {
        d.deserialize_seq(SeqOf::<C, T, Option<T>>::new(|item, out| {
            out.push(item);
            Ok(())
        }))
    }
}

/// Where a list element read through codec `C` goes.
type PushItem<T, E> = fn(Option<T>, &mut Vec<E>) -> Result<(), &'static str>;

/// Reads a JSON array element by element straight into the list (no intermediate
/// collection), `push` deciding what a `null` element becomes.
struct SeqOf<C, T, E> {
    push: PushItem<T, E>,
    codec: PhantomData<C>,
}

impl<C, T, E> SeqOf<C, T, E> {
    fn new(push: PushItem<T, E>) -> Self {
        SeqOf {
            push,
            codec: PhantomData,
        }
    }
}

impl<'de, C: Codec<T>, T, E> Visitor<'de> for SeqOf<C, T, E> {
    type Value = Vec<E>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<E>, A::Error> {
        // The input's length hint, capped at 1 MiB so that a hostile one reserves little.
        let cap = (1 << 20) / std::mem::size_of::<E>().max(1);
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(cap));
        while let Some(item) = seq.next_element::<Option<Owned<C, T>>>()? {
            (self.push)(item.map(|v| v.0), &mut out).map_err(A::Error::custom)?;
        }
        Ok(out)
    }
}

/// A non-`@sparse` map: entries with `null` values are dropped when reading.
pub struct DenseMap<C>(PhantomData<C>);

impl<C: Codec<T>, T> Codec<BTreeMap<String, T>> for DenseMap<C> {
    fn ser<S: Serializer>(value: &BTreeMap<String, T>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(value.iter().map(|(k, v)| (k, With::<C, T>::new(v))))
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, T>, D::Error> {
        d.deserialize_map(MapOf::<C, T, T>::new(|key, value, out| {
            match value {
                Some(value) => {
                    out.insert(key, value);
                }
                None if strict() => return Err("null in a map that is not @sparse"),
                // A later `null` for a key drops an earlier value, as if it came last.
                None => {
                    out.remove(&key);
                }
            }
            Ok(())
        }))
    }
}

/// A `@sparse` map: `null` values are kept as `None`.
pub struct SparseMap<C>(PhantomData<C>);

impl<C: Codec<T>, T> Codec<BTreeMap<String, Option<T>>> for SparseMap<C> {
    fn ser<S: Serializer>(value: &BTreeMap<String, Option<T>>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(
            value
                .iter()
                .map(|(k, v)| (k, With::<OptionOf<C>, Option<T>>::new(v))),
        )
    }
    fn de<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Option<T>>, D::Error> {
        d.deserialize_map(MapOf::<C, T, Option<T>>::new(|key, value, out| {
            out.insert(key, value);
            Ok(())
        }))
    }
}

/// Where a map entry read through codec `C` goes.
type InsertEntry<T, E> =
    fn(String, Option<T>, &mut BTreeMap<String, E>) -> Result<(), &'static str>;

/// Reads a JSON object entry by entry straight into the map, `insert` deciding what a
/// `null` value becomes. A repeated key keeps its last value.
struct MapOf<C, T, E> {
    insert: InsertEntry<T, E>,
    codec: PhantomData<C>,
}

impl<C, T, E> MapOf<C, T, E> {
    fn new(insert: InsertEntry<T, E>) -> Self {
        MapOf {
            insert,
            codec: PhantomData,
        }
    }
}

impl<'de, C: Codec<T>, T, E> Visitor<'de> for MapOf<C, T, E> {
    type Value = BTreeMap<String, E>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some((key, value)) = map.next_entry::<String, Option<Owned<C, T>>>()? {
            (self.insert)(key, value.map(|v| v.0), &mut out).map_err(A::Error::custom)?;
        }
        Ok(out)
    }
}

/// Reads a string and parses it with `parse`, borrowing the text rather than copying it
/// into a `String` first.
fn parse_str<'de, D: Deserializer<'de>, T>(
    d: D,
    expecting: &'static str,
    parse: fn(&str) -> Result<T, String>,
) -> Result<T, D::Error> {
    struct Text<T> {
        expecting: &'static str,
        parse: fn(&str) -> Result<T, String>,
    }

    impl<T> Visitor<'_> for Text<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.expecting)
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
            (self.parse)(text).map_err(E::custom)
        }
    }

    d.deserialize_str(Text { expecting, parse })
}

/// `@idempotencyToken` members: the value, or a fresh UUID v4 when it is `None`.
///
/// # Errors
/// The serializer's.
pub fn idempotency_token<S: Serializer>(value: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => s.serialize_str(v),
        None => s.serialize_str(&new_idempotency_token()),
    }
}

std::thread_local! {
    static FIXED_TOKEN: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// A fresh idempotency token (UUID v4), or the fixed one of
/// [`with_fixed_idempotency_token`].
pub fn new_idempotency_token() -> String {
    FIXED_TOKEN
        .with(|t| t.borrow().clone())
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string())
}

/// Runs `f` with every new idempotency token on this thread being `token` (for tests
/// that expect a known token, such as the protocol compliance cases).
pub fn with_fixed_idempotency_token<R>(token: &str, f: impl FnOnce() -> R) -> R {
    let previous = FIXED_TOKEN.with(|t| t.replace(Some(token.to_owned())));
    let result = f();
    FIXED_TOKEN.with(|t| *t.borrow_mut() = previous);
    result
}

/// An idempotency token member's value, or a new token when it is `None`.
pub fn token_or_new(value: &Option<String>) -> String {
    value.clone().unwrap_or_else(new_idempotency_token)
}

std::thread_local! {
    static STRICT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static BIG_AS_TEXT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with the thread's `flag` set, restoring it afterwards.
fn with_flag<R>(
    flag: &'static std::thread::LocalKey<std::cell::Cell<bool>>,
    f: impl FnOnce() -> R,
) -> R {
    /// Restores the previous value when dropped, so a panic inside `f` (caught by a
    /// server that goes on) does not leave the flag set on the thread.
    struct Restore(&'static std::thread::LocalKey<std::cell::Cell<bool>>, bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            self.0.with(|s| s.set(self.1));
        }
    }
    let _restore = Restore(flag, flag.with(|s| s.replace(true)));
    f()
}

/// Runs `f` writing `bigInteger` and `bigDecimal` values as strings of their decimal
/// text, as rpcv2Json carries them (spec smithy-rpc-v2-json.rst "Numeric type
/// serialization"), rather than as JSON numbers. (Reading takes either form.)
pub fn big_numbers_as_text<R>(f: impl FnOnce() -> R) -> R {
    with_flag(&BIG_AS_TEXT, f)
}

/// Whether big numbers are strings (inside [`big_numbers_as_text`]).
pub fn big_as_text() -> bool {
    BIG_AS_TEXT.with(std::cell::Cell::get)
}

/// Runs `f` reading strictly, as a server reads requests: `null` in a non-sparse list or
/// map and a `date-time` that is not UTC (`Z`) are errors, where a client reading a
/// response drops the `null` and accepts any offset (spec: clients are lenient).
pub fn strictly<R>(f: impl FnOnce() -> R) -> R {
    with_flag(&STRICT, f)
}

/// Whether reading is strict (inside [`strictly`]).
pub fn strict() -> bool {
    STRICT.with(std::cell::Cell::get)
}

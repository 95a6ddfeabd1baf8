//! serde → the key/value pairs of an awsQuery or ec2Query request form (spec
//! aws-query-protocol.rst and aws-ec2-query-protocol.rst "Query key resolution"),
//! led by the descriptors' query keys ([`Member::query`]).
//!
//! A structure member's key is its parent's key, a `.`, and its query key (`Outer.Inner`).
//! awsQuery: list items `Name.member.N` (the list member's name; `Name.N` flattened), an
//! empty list `Name=`; map entries `Name.entry.N.key` / `Name.entry.N.value` (the map's
//! key and value names; `Name.N.key` flattened). ec2Query: list items always `Name.N`,
//! an empty list not sent. Numbering from 1; scalars as [`Scalar`] text.

use serde::ser::{self, Impossible, Serialize};

use super::members::{Entries, Fields, MapOrStruct, Members};
use super::schema::{List, Map, Member, Structure, Value};
use super::text::{value_methods, Scalar, SerError};
use super::Dialect;

/// The pairs being written.
pub(super) type Pairs = Vec<(String, String)>;

/// Writes a value under `key` (empty at the root, a structure).
pub(super) struct FormSer<'a> {
    pub(super) out: &'a mut Pairs,
    pub(super) key: String,
    pub(super) value: Value,
    pub(super) flattened: bool,
    pub(super) dialect: Dialect,
}

impl<'a> FormSer<'a> {
    fn nested(&mut self, key: String, value: Value, flattened: bool) -> FormSer<'_> {
        FormSer {
            out: self.out,
            key,
            value,
            flattened,
            dialect: self.dialect,
        }
    }

    fn scalar(self, text: Option<String>) -> Result<(), SerError> {
        if let Some(text) = text {
            self.out.push((self.key, text));
        }
        Ok(())
    }

    fn structure(self) -> Result<StructForm<'a>, SerError> {
        match self.value {
            Value::Structure(shape) => Ok(StructForm {
                form: self,
                shape,
                pending: None,
            }),
            _ => Err(self.mismatch("a structure or union")),
        }
    }

    fn mismatch(&self, found: &str) -> SerError {
        SerError(format!(
            "`{}` is {found} in the serde form but not in the query descriptor",
            self.key
        ))
    }
}

impl<'a> ser::Serializer for FormSer<'a> {
    type Ok = ();
    type Error = SerError;
    type SerializeSeq = SeqForm<'a>;
    type SerializeTuple = Impossible<(), SerError>;
    type SerializeTupleStruct = Impossible<(), SerError>;
    type SerializeTupleVariant = Impossible<(), SerError>;
    type SerializeMap = MapOrStruct<MapForm<'a>, StructForm<'a>>;
    type SerializeStruct = Fields<StructForm<'a>>;
    type SerializeStructVariant = Impossible<(), SerError>;

    value_methods!();

    fn serialize_seq(self, _: Option<usize>) -> Result<SeqForm<'a>, SerError> {
        match self.value {
            Value::List(list) => Ok(SeqForm {
                form: self,
                list,
                count: 0,
            }),
            _ => Err(self.mismatch("a list")),
        }
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, SerError> {
        match self.value {
            Value::Map(map) => Ok(MapOrStruct::Map(MapForm {
                form: self,
                map,
                count: 0,
                entry: String::new(),
            })),
            Value::Structure(_) => self.structure().map(MapOrStruct::Structure),
            _ => Err(self.mismatch("a map")),
        }
    }

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, SerError> {
        self.structure().map(Fields)
    }
}

/// A list's items, numbered from 1 (a `None` item of a sparse list takes no number).
pub(super) struct SeqForm<'a> {
    form: FormSer<'a>,
    list: &'static List,
    count: usize,
}

impl ser::SerializeSeq for SeqForm<'_> {
    type Ok = ();
    type Error = SerError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, item: &T) -> Result<(), SerError> {
        let n = self.count + 1;
        let key = &self.form.key;
        let key = match self.form.dialect {
            Dialect::Aws if !self.form.flattened => format!("{key}.{}.{n}", self.list.member),
            Dialect::Aws | Dialect::Ec2 => format!("{key}.{n}"),
        };
        let before = self.form.out.len();
        item.serialize(self.form.nested(key, self.list.item, false))?;
        if self.form.out.len() > before {
            self.count = n;
        }
        Ok(())
    }

    fn end(self) -> Result<(), SerError> {
        if self.count == 0 && self.form.dialect == Dialect::Aws {
            self.form.out.push((self.form.key, String::new()));
        }
        Ok(())
    }
}

/// A map's entries, numbered from 1; an empty map writes nothing.
pub(super) struct MapForm<'a> {
    form: FormSer<'a>,
    map: &'static Map,
    count: usize,
    /// The current entry's key prefix (`Name.entry.N`).
    entry: String,
}

impl Entries for MapForm<'_> {
    fn key(&mut self, text: String) -> Result<(), SerError> {
        self.count += 1;
        let (name, n) = (&self.form.key, self.count);
        self.entry = if self.form.flattened {
            format!("{name}.{n}")
        } else {
            format!("{name}.entry.{n}")
        };
        let key = format!("{}.{}", self.entry, self.map.key);
        self.form.out.push((key, text));
        Ok(())
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        let key = format!("{}.{}", self.entry, self.map.value);
        value.serialize(self.form.nested(key, self.map.item, false))
    }

    fn finish(self) -> Result<(), SerError> {
        Ok(())
    }
}

/// A structure's or union's members, each under its query key.
pub(super) struct StructForm<'a> {
    form: FormSer<'a>,
    shape: &'static Structure,
    /// A union's member whose key came and whose value is next.
    pending: Option<&'static Member>,
}

impl Members for StructForm<'_> {
    fn shape(&self) -> &'static Structure {
        self.shape
    }

    fn pending(&mut self) -> &mut Option<&'static Member> {
        &mut self.pending
    }

    fn member<T: Serialize + ?Sized>(
        &mut self,
        member: &'static Member,
        value: &T,
    ) -> Result<(), SerError> {
        let key = if self.form.key.is_empty() {
            member.query.to_owned()
        } else {
            format!("{}.{}", self.form.key, member.query)
        };
        value.serialize(self.form.nested(key, member.value, member.flattened))
    }

    fn finish(self) -> Result<(), SerError> {
        Ok(())
    }
}

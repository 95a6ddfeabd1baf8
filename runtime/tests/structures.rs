//! Structures read through `Structure` (as generated code implements it): from an object
//! only, members matched by wire name, unknown members skipped, a repeated or missing
//! required member an error that names it.

use std::collections::BTreeMap;

use runtime::{de_structure, Members, OptionOf, Same, SparseMap, Structure};
use serde::de::value::{Error as ValueError, MapDeserializer};
use serde::de::{IntoDeserializer, MapAccess};
use serde::{Deserialize, Deserializer};

/// A structure as the generator writes one: a required member, an optional one, a
/// `@default` one and one read through a codec.
#[derive(Debug, PartialEq)]
struct Seat {
    holder: String,
    row: Option<String>,
    level: i32,
    notes: Option<BTreeMap<String, Option<String>>>,
}

impl<'de> Deserialize<'de> for Seat {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        de_structure(d)
    }
}

impl Structure for Seat {
    const NAME: &'static str = "Seat";
    fn read<'de, A: MapAccess<'de>>(mut __map: Members<'de, A>) -> Result<Self, A::Error> {
        let (mut holder, mut row, mut level, mut notes) = (None, None, None, None);
        while let Some(__key) = __map.next_key()? {
            match __key.as_str() {
                "Holder" => __map.read(&__key, &mut holder)?,
                "row" => __map.read(&__key, &mut row)?,
                "Level" => __map.read(&__key, &mut level)?,
                "notes" => __map.read_with::<OptionOf<SparseMap<Same>>, _>(&__key, &mut notes)?,
                _ => __map.skip()?,
            }
        }
        Ok(Self {
            holder: __map.required(holder, "Holder")?,
            row: row.flatten(),
            level: level.unwrap_or(7),
            notes: notes.flatten(),
        })
    }
}

fn read(json: &str) -> Result<Seat, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

#[test]
fn members_are_matched_by_wire_name_and_absent_ones_take_their_presence() {
    let seat = read(r#"{"Holder": "ana", "row": "B", "Level": 2, "notes": {"a": null}}"#);
    assert_eq!(
        seat,
        Ok(Seat {
            holder: "ana".to_owned(),
            row: Some("B".to_owned()),
            level: 2,
            notes: Some(BTreeMap::from([("a".to_owned(), None)])),
        })
    );
    // Absent: `None` and the default; `null` for an `Option` is `None` too.
    let seat = read(r#"{"Holder": "ana", "row": null}"#).unwrap();
    assert_eq!((seat.row, seat.level, seat.notes), (None, 7, None));
}

#[test]
fn unknown_members_are_skipped_and_escaped_names_still_match() {
    let seat = read(r#"{"x": [{"y": [1, {}]}], "Hold\u0065r": "ana", "holder": "no"}"#).unwrap();
    assert_eq!(seat.holder, "ana");
}

#[test]
fn only_an_object_is_a_structure() {
    for json in [r#"["ana", "B", 2]"#, "[]", r#""ana""#, "2", "true", "null"] {
        let error = read(json).unwrap_err();
        assert!(
            error.starts_with("invalid type: ") && error.contains("expected a `Seat` structure"),
            "{json}: {error}"
        );
    }
    // The same through another deserializer than serde_json's reader.
    let value = serde_json::json!(["ana", "B", 2]);
    let error = Seat::deserialize(value).unwrap_err().to_string();
    assert!(error.starts_with("invalid type: sequence"), "{error}");
}

#[test]
fn members_are_not_matched_by_position() {
    // serde's derived field visitors take the integer 0 as the first member.
    let entries = [(0_u64, "ana")].into_iter();
    let map = MapDeserializer::<_, ValueError>::new(entries);
    let error = Seat::deserialize(map.into_deserializer()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("expected a member name (a string)"),
        "{error}"
    );
}

#[test]
fn a_missing_required_member_or_a_repeated_one_is_named() {
    assert_eq!(
        read(r#"{"row": "B"}"#).unwrap_err(),
        "missing field `Holder` at line 1 column 12"
    );
    for json in [
        r#"{"Holder": "ana", "row": null, "row": "B"}"#,
        r#"{"Holder": "ana", "Holder": "bo"}"#,
    ] {
        let error = read(json).unwrap_err();
        assert!(error.starts_with("duplicate field `"), "{json}: {error}");
    }
    // A `null` where the member is not an `Option` is the type's error.
    let error = read(r#"{"Holder": null}"#).unwrap_err();
    assert!(error.starts_with("invalid type: null"), "{error}");
}

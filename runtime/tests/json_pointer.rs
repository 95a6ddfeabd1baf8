//! `protocol::error_pointer` against path tracking (`serde_path_to_error`): for thousands
//! of malformed bodies of a nested type read through the codecs, the JSON pointer found
//! by scanning the text before the error is the path serde was reading. The types are
//! read as generated structures are ([`runtime::Structure`]).
#![cfg(feature = "http")]

use std::collections::BTreeMap;

use runtime::protocol::error_pointer;
use runtime::{DateTime, Dense, DenseMap, Members, OptionOf, Rfc3339, Same, Sparse, Structure};
use serde::de::MapAccess;
use serde::{Deserialize, Deserializer, Serialize};

// The types are read as generated structures are (`Structure`, as `emit/deserialize.rs`
// writes it), so the pointers are checked against the reader servers use.

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
struct Page {
    rooms: Option<Vec<Room>>,
    next_token: Option<String>,
    count: i32,
    tags: Option<BTreeMap<String, String>>,
    inner: Option<Box<Page>>,
}

impl<'de> Deserialize<'de> for Page {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        runtime::de_structure(d)
    }
}

impl Structure for Page {
    const NAME: &'static str = "Page";
    fn read<'de, A: MapAccess<'de>>(mut __map: Members<'de, A>) -> Result<Self, A::Error> {
        let (mut rooms, mut next_token, mut count, mut tags, mut inner) =
            (None, None, None, None, None);
        while let Some(__key) = __map.next_key()? {
            match __key.as_str() {
                "Rooms" => __map.read_with::<OptionOf<Dense<Same>>, _>(&__key, &mut rooms)?,
                "NextToken" => __map.read(&__key, &mut next_token)?,
                "Count" => __map.read(&__key, &mut count)?,
                "Tags" => __map.read_with::<OptionOf<DenseMap<Same>>, _>(&__key, &mut tags)?,
                "Inner" => __map.read(&__key, &mut inner)?,
                _ => __map.skip()?,
            }
        }
        Ok(Self {
            rooms: rooms.flatten(),
            next_token: next_token.flatten(),
            count: __map.required(count, "Count")?,
            tags: tags.flatten(),
            inner: inner.flatten(),
        })
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
struct Room {
    room_id: String,
    name: Option<String>,
    created: Option<DateTime>,
    sizes: Option<Vec<Option<i64>>>,
    #[serde(rename = "a/b~c")]
    odd: Option<bool>,
}

impl<'de> Deserialize<'de> for Room {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        runtime::de_structure(d)
    }
}

impl Structure for Room {
    const NAME: &'static str = "Room";
    fn read<'de, A: MapAccess<'de>>(mut __map: Members<'de, A>) -> Result<Self, A::Error> {
        let (mut room_id, mut name, mut created, mut sizes, mut odd) =
            (None, None, None, None, None);
        while let Some(__key) = __map.next_key()? {
            match __key.as_str() {
                "RoomId" => __map.read(&__key, &mut room_id)?,
                "Name" => __map.read(&__key, &mut name)?,
                "Created" => __map.read_with::<OptionOf<Rfc3339>, _>(&__key, &mut created)?,
                "Sizes" => __map.read_with::<OptionOf<Sparse<Same>>, _>(&__key, &mut sizes)?,
                "a/b~c" => __map.read(&__key, &mut odd)?,
                _ => __map.skip()?,
            }
        }
        Ok(Self {
            room_id: __map.required(room_id, "RoomId")?,
            name: name.flatten(),
            created: created.flatten(),
            sizes: sizes.flatten(),
            odd: odd.flatten(),
        })
    }
}

/// The members of `Page` and `Room`, as JSON pointer segments.
const KNOWN: &[&str] = &[
    "Rooms",
    "NextToken",
    "Count",
    "Tags",
    "Inner",
    "RoomId",
    "Name",
    "Created",
    "Sizes",
    "a~1b~0c",
];

const SEEDS: &[&str] = &[
    r#"{"Rooms":[{"RoomId":"r1","Name":"one","Created":"2026-11-29T12:00:00Z","Sizes":[1,null,3]},{"RoomId":"r2","a/b~c":true}],"NextToken":"t","Count":2,"Tags":{"k":"v","k\/2":"w"}}"#,
    "{\n  \"Count\": 1,\n  \"Inner\": {\"Count\": 2, \"Rooms\": [ {\"RoomId\": \"x\", \"Sizes\": [ ]} ]},\n  \"Tags\": {\"\\u0041\": \"b\"}\n}",
    r#"{"Count":0,"Rooms":[],"Inner":{"Count":1,"Inner":{"Count":2,"Tags":{}}}}"#,
];

/// The path serde_path_to_error tracked, as a JSON pointer.
fn tracked_pointer(text: &str) -> Option<String> {
    let mut de = serde_json::Deserializer::from_str(text);
    let error = match serde_path_to_error::deserialize::<_, Page>(&mut de) {
        Ok(_) => match de.end() {
            Ok(()) => return None,
            Err(_) => return Some(String::new()),
        },
        Err(error) => error,
    };
    let mut out = String::new();
    for segment in error.path().iter() {
        out.push('/');
        match segment {
            serde_path_to_error::Segment::Seq { index } => out.push_str(&index.to_string()),
            serde_path_to_error::Segment::Map { key } => {
                out.push_str(&key.replace('~', "~0").replace('/', "~1"))
            }
            serde_path_to_error::Segment::Enum { variant } => out.push_str(variant),
            serde_path_to_error::Segment::Unknown => out.push('?'),
        }
    }
    // A key being read is an unknown segment: the object is what was being read.
    Some(out.strip_suffix("/?").unwrap_or(&out).to_owned())
}

/// Every body made from a seed by deleting, replacing or inserting one byte (a byte from
/// JSON's punctuation, a digit, a letter, a quote or a backslash).
fn mutations(seed: &str) -> Vec<String> {
    const BYTES: &[u8] = b"\"{}[],:1n \\x-";
    let seed = seed.as_bytes();
    let mut out = Vec::new();
    for i in 0..=seed.len() {
        let mut deleted = seed.to_vec();
        if i < seed.len() {
            deleted.remove(i);
            out.push(deleted);
        }
        for &b in BYTES {
            let mut inserted = seed.to_vec();
            inserted.insert(i, b);
            out.push(inserted);
            if i < seed.len() && seed[i] != b {
                let mut replaced = seed.to_vec();
                replaced[i] = b;
                out.push(replaced);
            }
        }
    }
    out.into_iter()
        .filter_map(|b| String::from_utf8(b).ok())
        .collect()
}

/// Bodies with two of the one-byte changes, picked by a seeded generator (xorshift).
fn double_mutations(seed: &str, count: usize) -> Vec<String> {
    let singles = mutations(seed);
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % 1_000_003).unwrap()
    };
    (0..count)
        .filter_map(|_| {
            let first = &singles[next() % singles.len()];
            mutations(first)
                .into_iter()
                .nth(next() % (first.len() * 20))
        })
        .collect()
}

#[test]
fn pointers_of_errors_are_the_paths_serde_was_reading() {
    let (mut failing, mut mismatches) = (0, Vec::new());
    for seed in SEEDS {
        assert!(
            serde_json::from_str::<Page>(seed).is_ok(),
            "seed must parse: {seed}"
        );
        for text in mutations(seed)
            .into_iter()
            .chain(double_mutations(seed, 3_000))
        {
            let Err(error) = serde_json::from_str::<Page>(&text) else {
                continue;
            };
            failing += 1;
            let expected = tracked_pointer(&text).expect("fails with tracking too");
            let found = error_pointer(&text, &error);
            // Inside the value of a member the type does not have, serde skips without
            // tracking; the scan goes on to where in that value the error is.
            let unknown_member = |p: &str| !KNOWN.contains(&p.rsplit('/').next().unwrap_or(""));
            let below_unknown =
                found.starts_with(&format!("{expected}/")) && unknown_member(&expected);
            if found != expected && !below_unknown {
                mismatches.push(format!(
                    "{text:?}\n  error: {error}\n  scanned `{found}`, tracked `{expected}`"
                ));
            }
        }
    }
    assert!(failing > 10_000, "only {failing} failing bodies");
    assert!(
        mismatches.is_empty(),
        "{} of {failing} differ, e.g.:\n{}",
        mismatches.len(),
        mismatches[..mismatches.len().min(400)].join("\n")
    );
}

#[test]
fn pointers_name_members_and_elements() {
    let cases = [
        (r#"{"Count":"x"}"#, "/Count"),
        (
            r#"{"Count":1,"Rooms":[{"RoomId":"a"},{"RoomId":5}]}"#,
            "/Rooms/1/RoomId",
        ),
        (r#"{"Count":1,"Rooms":[{"RoomId":"a"},{}]}"#, "/Rooms/1"),
        (r#"{"Rooms":[]}"#, ""),
        (r#"{"Count":1,"Tags":{"a/b~":7}}"#, "/Tags/a~1b~0"),
        (r#"{"Count":1,"Inner":{"Count":null}}"#, "/Inner/Count"),
        (r#"{"Count":1} x"#, ""),
        (
            r#"{"Count":1,"Rooms":[{"RoomId":"a","Created":"noon"}]}"#,
            "/Rooms/0/Created",
        ),
    ];
    for (text, pointer) in cases {
        let error = serde_json::from_str::<Page>(text).unwrap_err();
        assert_eq!(error_pointer(text, &error), pointer, "{text}: {error}");
    }
}

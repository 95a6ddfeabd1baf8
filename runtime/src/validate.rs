//! Constraint validation (`@length`, `@pattern`, `@range`, `@uniqueItems`, enum values):
//! every violation is collected with where it was found, both as the Rust member path
//! [`Validate::validate`] reports and as the JSON pointer and message of a server's
//! `smithy.framework#ValidationException` (spec constraint-traits.rst; the messages are
//! those the AWS protocol compliance tests expect).
//!
//! Neither message ever shows the value of a member whose target is `@sensitive`
//! ([`Path::sensitive_field`]); the protocol message shows no value at all.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::Hash;
use std::sync::OnceLock;

use super::{Blob, REDACTED};

/// One constraint violation: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The Rust member path, e.g. `CreateRoomRequest.tags["k"]`.
    pub path: String,
    /// The violated constraint in words, e.g. `length 0 is less than the minimum 1`.
    pub message: String,
    /// The JSON pointer of the value, with member names: `/list/0`, `/map/key`,
    /// `/union/member`; a violation of a map key is at the map.
    pub pointer: String,
    /// The message of the violation in a `ValidationException`, e.g. `Value with length 3
    /// at '/string' failed to satisfy constraint: Member must have length between 2 and
    /// 8, inclusive`.
    pub protocol_message: String,
}

/// Every constraint violation found in a value (never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// The violations, in member order.
    pub violations: Vec<Violation>,
}

impl Violation {
    /// The member path as the model names it, for an error's `name` field: the JSON
    /// pointer without its leading `/` (`maximumMessageLength`, `tags/key`).
    pub fn member(&self) -> &str {
        self.pointer.strip_prefix('/').unwrap_or(&self.pointer)
    }
}

impl ValidationError {
    /// The message of the error a server answers with: how many violations, then each
    /// one's protocol message, in order (`1 validation error detected. Value ...`).
    pub fn summary(&self) -> String {
        let count = self.violations.len();
        let plural = if count == 1 { "" } else { "s" };
        let mut text = format!("{count} validation error{plural} detected.");
        for (i, v) in self.violations.iter().enumerate() {
            text.push_str(if i == 0 { " " } else { "; " });
            text.push_str(&v.protocol_message);
        }
        text
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("validation failed: ")?;
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}: {}", v.path, v.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// A member path, built without allocating and rendered only for violations: as the Rust
/// path (`Display`) and as a JSON pointer ([`Path::pointer`]).
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// The value being validated, by type name.
    Root(&'a str),
    /// A structure member or union variant.
    Field {
        /// The value it belongs to.
        parent: &'a Path<'a>,
        /// The Rust field or variant name.
        name: &'a str,
        /// The Smithy member name (the JSON pointer's segment).
        member: &'a str,
        /// Whether its values are `@sensitive`, and so never shown.
        sensitive: bool,
    },
    /// A list element.
    Index(&'a Path<'a>, usize),
    /// A map value, at its key.
    Key(&'a Path<'a>, &'a str),
    /// A map key itself: shown at the key, pointed to at the map (as the protocol does).
    MapKey(&'a Path<'a>, &'a str),
}

impl<'a> Path<'a> {
    /// The member or union variant `name` (Rust) of this value, `member` in the model.
    pub fn field(&'a self, name: &'a str, member: &'a str) -> Path<'a> {
        Path::Field {
            parent: self,
            name,
            member,
            sensitive: false,
        }
    }

    /// As [`Path::field`], for a member whose values are `@sensitive`: messages about it,
    /// or anything inside it, never show the value.
    pub fn sensitive_field(&'a self, name: &'a str, member: &'a str) -> Path<'a> {
        Path::Field {
            parent: self,
            name,
            member,
            sensitive: true,
        }
    }

    /// The list element at `index`.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// The map value at `key`.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    /// The map key `key` itself.
    pub fn map_key(&'a self, key: &'a str) -> Path<'a> {
        Path::MapKey(self, key)
    }

    /// The JSON pointer (RFC 6901) of the value, with member names: `` for the root,
    /// `/list/0`, `/map/key`; a map key's pointer is its map's.
    pub fn pointer(&self) -> String {
        let mut out = String::new();
        self.write_pointer(&mut out);
        out
    }

    fn write_pointer(&self, out: &mut String) {
        let mut segment = |parent: &Path<'_>, text: &str| {
            parent.write_pointer(out);
            push_pointer_segment(out, text);
        };
        match self {
            Path::Root(_) => {}
            Path::Field { parent, member, .. } => segment(parent, member),
            Path::Index(parent, i) => segment(parent, &i.to_string()),
            Path::Key(parent, key) => segment(parent, key),
            Path::MapKey(parent, _) => parent.write_pointer(out),
        }
    }

    /// Whether the value is (inside) a `@sensitive` member.
    pub fn is_sensitive(&self) -> bool {
        match self {
            Path::Root(_) => false,
            Path::Field {
                parent, sensitive, ..
            } => *sensitive || parent.is_sensitive(),
            Path::Index(parent, _) | Path::Key(parent, _) | Path::MapKey(parent, _) => {
                parent.is_sensitive()
            }
        }
    }
}

/// Appends `/segment` to a JSON pointer, `~` and `/` escaped as `~0` and `~1` (RFC 6901).
pub(crate) fn push_pointer_segment(out: &mut String, segment: &str) {
    out.push('/');
    for c in segment.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root(name) => f.write_str(name),
            Path::Field { parent, name, .. } => write!(f, "{parent}.{name}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
            Path::Key(parent, key) | Path::MapKey(parent, key) => write!(f, "{parent}[{key:?}]"),
        }
    }
}

/// A value as a message may show it: itself, or [`REDACTED`] at a sensitive path.
struct Shown<'a, T: ?Sized>(&'a T, bool);

impl<T: fmt::Display + ?Sized> fmt::Display for Shown<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.1 {
            f.write_str(REDACTED)
        } else {
            self.0.fmt(f)
        }
    }
}

/// Collects violations, and the first member of a union the model does not know.
#[derive(Debug, Default)]
pub struct Violations {
    found: Vec<Violation>,
    unknown_member: Option<String>,
}

impl Violations {
    /// Records a violation at `path`: `message` for [`Violation::message`], `requirement`
    /// (`Member must …`) for the protocol message.
    pub fn push(&mut self, path: &Path<'_>, message: String, requirement: &str) {
        self.record(path, message, None, requirement);
    }

    /// Records a violation whose protocol message shows the value's `length`.
    fn record(&mut self, path: &Path<'_>, message: String, length: Option<u64>, requirement: &str) {
        let pointer = path.pointer();
        let with = length.map_or(String::new(), |n| format!(" with length {n}"));
        let protocol_message =
            format!("Value{with} at '{pointer}' failed to satisfy constraint: {requirement}");
        self.found.push(Violation {
            path: path.to_string(),
            message,
            pointer,
            protocol_message,
        });
    }

    /// Records that the union at `path` holds the member `name` its model does not list.
    /// That is not a constraint violation (clients keep such members), but a server
    /// rejects the request as malformed: see [`Violations::unknown_member`].
    pub fn unknown_union_member(&mut self, path: &Path<'_>, name: &str) {
        if self.unknown_member.is_none() {
            let pointer = path.pointer();
            self.unknown_member = Some(format!(
                "unknown member `{name}` of the union at `{pointer}`"
            ));
        }
    }

    /// What the first unknown union member found is, if any.
    pub fn unknown_member(&self) -> Option<&str> {
        self.unknown_member.as_deref()
    }

    /// The violations found, if any.
    pub fn into_error(self) -> Option<ValidationError> {
        (!self.found.is_empty()).then_some(ValidationError {
            violations: self.found,
        })
    }
}

/// Constraint checking, implemented by every generated structure, union and enum.
///
/// Generated types implement [`Validate::validate_at`]; callers use [`Validate::validate`].
pub trait Validate {
    /// The type's name: the root of the member paths [`Validate::validate`] reports.
    const NAME: &'static str;

    /// Records the violations of this value and of everything it contains, at `path`.
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations);

    /// Checks the constraints of this value and everything it contains (members of
    /// unions the model does not list are not violations).
    ///
    /// # Errors
    /// Every violation found, in member order, with its path from [`Validate::NAME`].
    fn validate(&self) -> Result<(), ValidationError> {
        let mut out = Violations::default();
        self.validate_at(&Path::Root(Self::NAME), &mut out);
        out.into_error().map_or(Ok(()), Err)
    }
}

/// A boxed (recursive) member validates as its contents.
impl<T: Validate> Validate for Box<T> {
    const NAME: &'static str = T::NAME;

    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        (**self).validate_at(path, out);
    }
}

/// The input of an operation without one: nothing to check.
impl Validate for () {
    const NAME: &'static str = "()";

    fn validate_at(&self, _: &Path<'_>, _: &mut Violations) {}
}

/// Validates each element of a list of generated types, at its index.
pub fn validate_items<T: Validate>(items: &[T], path: &Path<'_>, out: &mut Violations) {
    for (i, item) in items.iter().enumerate() {
        item.validate_at(&path.index(i), out);
    }
}

/// Validates each value of a map of generated types, at its key.
pub fn validate_values<T: Validate>(
    map: &BTreeMap<String, T>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    for (key, value) in map {
        value.validate_at(&path.key(key), out);
    }
}

/// Things `@length` applies to: strings count characters, the rest count elements/bytes.
pub trait Length {
    /// The length as `@length` measures it.
    fn constraint_len(&self) -> usize;
}

impl Length for str {
    fn constraint_len(&self) -> usize {
        self.chars().count()
    }
}

impl Length for String {
    fn constraint_len(&self) -> usize {
        self.as_str().constraint_len()
    }
}

impl<T> Length for [T] {
    fn constraint_len(&self) -> usize {
        self.len()
    }
}

impl<T> Length for Vec<T> {
    fn constraint_len(&self) -> usize {
        self.len()
    }
}

impl<K, V> Length for BTreeMap<K, V> {
    fn constraint_len(&self) -> usize {
        self.len()
    }
}

impl Length for Blob {
    fn constraint_len(&self) -> usize {
        self.0.len()
    }
}

/// `Member must <verb> between {min} and {max}, inclusive`, or its one-sided form (one
/// bound at least is set: only a bound can be violated).
fn bounds_requirement<T: fmt::Display>(verb: &str, min: Option<T>, max: Option<T>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("Member must {verb} between {min} and {max}, inclusive"),
        (Some(min), None) => format!("Member must {verb} greater than or equal to {min}"),
        (None, Some(max)) => format!("Member must {verb} less than or equal to {max}"),
        (None, None) => format!("Member must {verb} as modeled"),
    }
}

/// Checks `@length(min, max)`.
pub fn check_length<T: Length + ?Sized>(
    value: &T,
    min: Option<u64>,
    max: Option<u64>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    let len = value.constraint_len() as u64;
    let message = if let Some(min) = min.filter(|min| len < *min) {
        format!("length {len} is less than the minimum {min}")
    } else if let Some(max) = max.filter(|max| len > *max) {
        format!("length {len} is greater than the maximum {max}")
    } else {
        return;
    };
    let requirement = bounds_requirement("have length", min, max);
    out.record(path, message, Some(len), &requirement);
}

/// Checks `@range(min, max)` (bounds as written in the model: `2`, `2.2`).
pub fn check_range<T: Copy + Into<RangeValue> + fmt::Display>(
    value: &T,
    min: Option<f64>,
    max: Option<f64>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    let v: RangeValue = (*value).into();
    let shown = || Shown(value, path.is_sensitive());
    let message = if let Some(min) = min.filter(|min| v.below(*min)) {
        format!("value {} is less than the minimum {min}", shown())
    } else if let Some(max) = max.filter(|max| v.above(*max)) {
        format!("value {} is greater than the maximum {max}", shown())
    } else {
        return;
    };
    let requirement = bounds_requirement("be", min, max);
    out.push(path, message, &requirement);
}

/// A number compared against `@range` bounds, in its own precision: integers exactly
/// against whole bounds, a `float` against the bound rounded to `f32` (so a value
/// written as the bound is within it).
#[derive(Debug, Clone, Copy)]
pub enum RangeValue {
    /// A `byte`, `short`, `integer` or `long`.
    Int(i64),
    /// A `float`.
    F32(f32),
    /// A `double`.
    F64(f64),
}

impl RangeValue {
    fn below(self, bound: f64) -> bool {
        match self {
            RangeValue::Int(v) => match whole(bound) {
                Some(b) => i128::from(v) < b,
                #[allow(clippy::cast_precision_loss)]
                None => (v as f64) < bound,
            },
            #[allow(clippy::cast_possible_truncation)]
            RangeValue::F32(v) => v < bound as f32,
            RangeValue::F64(v) => v < bound,
        }
    }

    fn above(self, bound: f64) -> bool {
        match self {
            RangeValue::Int(v) => match whole(bound) {
                Some(b) => i128::from(v) > b,
                #[allow(clippy::cast_precision_loss)]
                None => (v as f64) > bound,
            },
            #[allow(clippy::cast_possible_truncation)]
            RangeValue::F32(v) => v > bound as f32,
            RangeValue::F64(v) => v > bound,
        }
    }
}

/// `bound` as an integer, when it is a whole number an `i128` holds.
#[allow(clippy::cast_possible_truncation)]
fn whole(bound: f64) -> Option<i128> {
    (bound.fract() == 0.0 && bound.abs() < 1e38).then_some(bound as i128)
}

macro_rules! range_value {
    ($($t:ty => $variant:ident),*) => {$(
        impl From<$t> for RangeValue {
            fn from(v: $t) -> Self {
                RangeValue::$variant(v.into())
            }
        }
    )*};
}
range_value!(i8 => Int, i16 => Int, i32 => Int, i64 => Int, f32 => F32, f64 => F64);

/// A `@pattern`, compiled on first use: generated code keeps one `static` per distinct
/// pattern and checks every value against it.
///
/// The generator reads the model's pattern (ECMA 262, or the Java forms the reference
/// implementation accepts) and hands over an equivalent one with every set written out
/// (`\\d` as `[0-9]`, `.` as the complement of the line terminators), for one of two
/// engines: [`Pattern::linear`] runs on the `regex` crate, in time linear in the value's
/// length whatever the pattern; [`Pattern::backtracking`] (look-around, back-references,
/// atomic groups) runs on `fancy-regex`, stopping after [`BACKTRACK_LIMIT`] steps, and a
/// value whose match would take longer is rejected. Either way no value can hang a
/// server.
#[derive(Debug)]
pub struct Pattern {
    modeled: &'static str,
    source: &'static str,
    backtracking: bool,
    /// [`Pattern::counted`]'s bounds on the value's length in characters.
    chars: Option<(u32, u32)>,
    matcher: OnceLock<Option<Matcher>>,
}

/// How many backtracking steps a [`Pattern::backtracking`] match may take (tens of
/// milliseconds in an optimized build); a value that needs more is rejected.
pub const BACKTRACK_LIMIT: usize = 1_000_000;

/// The compiled-size limit of a [`Pattern::linear`] (the generator checks each pattern
/// compiles within it): counted repetitions of Unicode classes exceed `regex`'s default.
pub const PATTERN_SIZE_LIMIT: usize = 64 << 20;

#[derive(Debug)]
enum Matcher {
    Linear(regex::Regex),
    Backtracking(Box<fancy_regex::Regex>),
}

impl Pattern {
    /// The model's pattern `modeled`, checked as `source` (`regex` syntax) in linear
    /// time.
    pub const fn linear(modeled: &'static str, source: &'static str) -> Self {
        Pattern::of(modeled, source, false, None)
    }

    /// The model's pattern `modeled`, a whole-value repetition of one class
    /// (`^C{min,max}$`) too large for `regex` as written: checked as `source` (`^C*$`,
    /// linear time) and a length of `min..=max` characters.
    pub const fn counted(modeled: &'static str, source: &'static str, min: u32, max: u32) -> Self {
        Pattern::of(modeled, source, false, Some((min, max)))
    }

    /// The model's pattern `modeled`, checked as `source` (`fancy-regex` syntax) with at
    /// most [`BACKTRACK_LIMIT`] backtracking steps.
    pub const fn backtracking(modeled: &'static str, source: &'static str) -> Self {
        Pattern::of(modeled, source, true, None)
    }

    const fn of(
        modeled: &'static str,
        source: &'static str,
        backtracking: bool,
        chars: Option<(u32, u32)>,
    ) -> Self {
        Pattern {
            modeled,
            source,
            backtracking,
            chars,
            matcher: OnceLock::new(),
        }
    }

    fn compile(&self) -> Option<Matcher> {
        if self.backtracking {
            fancy_regex::RegexBuilder::new(self.source)
                .backtrack_limit(BACKTRACK_LIMIT)
                .build()
                .ok()
                .map(|r| Matcher::Backtracking(Box::new(r)))
        } else {
            regex::RegexBuilder::new(self.source)
                .size_limit(PATTERN_SIZE_LIMIT)
                .build()
                .ok()
                .map(Matcher::Linear)
        }
    }

    /// Whether `value`'s length is within [`Pattern::counted`]'s bounds, if any.
    fn counts(&self, value: &str) -> bool {
        self.chars.is_none_or(|(min, max)| {
            let n = value.chars().count();
            n >= min as usize && n <= max as usize
        })
    }

    /// Checks `value` (spec constraint-traits.rst: `@pattern` is matched as a search,
    /// not a full match). The generator only emits patterns that compile; should one
    /// still fail here, or a match exceed its bound, that is reported as a violation
    /// rather than skipped.
    pub fn check(&self, value: &str, path: &Path<'_>, out: &mut Violations) {
        let modeled = self.modeled;
        let message = match self.matcher.get_or_init(|| self.compile()) {
            Some(Matcher::Linear(regex)) if regex.is_match(value) && self.counts(value) => return,
            Some(Matcher::Backtracking(regex)) => match regex.is_match(value) {
                Ok(true) => return,
                Ok(false) => format!("value does not match the pattern `{modeled}`"),
                Err(_) => format!(
                    "matching the value against the pattern `{modeled}` took more than \
                     {BACKTRACK_LIMIT} steps"
                ),
            },
            Some(Matcher::Linear(_)) => format!("value does not match the pattern `{modeled}`"),
            None => format!("the pattern `{modeled}` cannot be compiled to check the value"),
        };
        let requirement = format!("Member must satisfy regular expression pattern: {modeled}");
        out.push(path, message, &requirement);
    }
}

/// Records that an enum holds a value the model does not list; `listed` are the values a
/// message shows (the model's, without `@internal` ones).
pub fn unknown_enum_value(
    value: &dyn fmt::Display,
    listed: &[&str],
    path: &Path<'_>,
    out: &mut Violations,
) {
    let shown = Shown(value, path.is_sensitive());
    let message = format!("`{shown}` is not one of the allowed values");
    let requirement = format!(
        "Member must satisfy enum value set: [{}]",
        listed.join(", ")
    );
    out.push(path, message, &requirement);
}

/// Checks `@uniqueItems` for items compared with `==` (structures, unions, lists of
/// them): quadratic in the list's length, so [`check_unique_hashed`] is used wherever
/// the items can be hashed.
pub fn check_unique<T: PartialEq>(items: &[T], path: &Path<'_>, out: &mut Violations) {
    let repeat = items.iter().enumerate().find_map(|(j, item)| {
        let i = items[..j].iter().position(|earlier| earlier == item)?;
        Some((i, j))
    });
    if let Some((i, j)) = repeat {
        not_unique(i, j, path, out);
    }
}

/// Checks `@uniqueItems` for items that can be hashed (strings, numbers, blobs,
/// timestamps, enums, lists of them), in linear time.
pub fn check_unique_hashed<T: Hash + Eq>(items: &[T], path: &Path<'_>, out: &mut Violations) {
    let mut seen: HashMap<&T, usize> = HashMap::with_capacity(items.len());
    for (j, item) in items.iter().enumerate() {
        if let Some(&i) = seen.get(item) {
            not_unique(i, j, path, out);
            return;
        }
        seen.insert(item, j);
    }
}

fn not_unique(i: usize, j: usize, path: &Path<'_>, out: &mut Violations) {
    out.push(
        path,
        format!("items {i} and {j} are equal"),
        "Member must have unique values",
    );
}

/// Implements [`Validate`] for a generated enum: a value the model does not list is a
/// violation that shows the listed ones (`rt::validate_enum!(Type = "Type", ["A", "B"])`).
#[allow(unused_macros)]
macro_rules! validate_enum {
    ($ty:ty = $name:literal, [$($value:literal),* $(,)?]) => {
        impl rt::Validate for $ty {
            const NAME: &'static str = $name;
            fn validate_at(&self, path: &rt::Path<'_>, out: &mut rt::Violations) {
                if let Self::Unknown(v) = self {
                    rt::unknown_enum_value(v, &[$($value),*], path, out);
                }
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use validate_enum;

//! Constraint validation (`@length`, `@pattern`, `@range`, enum values): every violation is
//! collected with the member path where it was found.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use super::Blob;

/// One constraint violation: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The member path, e.g. `CreateRoomRequest.tags["k"]`.
    pub path: String,
    /// The violated constraint in words, e.g. `length 0 is less than the minimum 1`.
    pub message: String,
}

/// Every constraint violation found in a value (never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// The violations, in member order.
    pub violations: Vec<Violation>,
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

/// A member path, built without allocating and rendered only for violations.
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// The value being validated, by type name.
    Root(&'a str),
    /// A structure member or union variant.
    Field(&'a Path<'a>, &'a str),
    /// A list element.
    Index(&'a Path<'a>, usize),
    /// A map entry.
    Key(&'a Path<'a>, &'a str),
}

impl<'a> Path<'a> {
    /// The member or union variant `name` of this value.
    pub fn field(&'a self, name: &'a str) -> Path<'a> {
        Path::Field(self, name)
    }

    /// The list element at `index`.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// The map entry at `key`.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root(name) => f.write_str(name),
            Path::Field(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
            Path::Key(parent, key) => write!(f, "{parent}[{key:?}]"),
        }
    }
}

/// Collects violations.
#[derive(Debug, Default)]
pub struct Violations(Vec<Violation>);

impl Violations {
    /// Records a violation at `path`.
    pub fn push(&mut self, path: &Path<'_>, message: String) {
        self.0.push(Violation {
            path: path.to_string(),
            message,
        });
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

    /// Checks the constraints of this value and everything it contains.
    ///
    /// # Errors
    /// Every violation found, in member order, with its path from [`Validate::NAME`].
    fn validate(&self) -> Result<(), ValidationError> {
        let mut out = Violations::default();
        self.validate_at(&Path::Root(Self::NAME), &mut out);
        if out.0.is_empty() {
            Ok(())
        } else {
            Err(ValidationError { violations: out.0 })
        }
    }
}

/// A boxed (recursive) member validates as its contents.
impl<T: Validate> Validate for Box<T> {
    const NAME: &'static str = T::NAME;

    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        (**self).validate_at(path, out);
    }
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

/// Checks `@length(min, max)`.
pub fn check_length<T: Length + ?Sized>(
    value: &T,
    min: Option<u64>,
    max: Option<u64>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    let len = value.constraint_len() as u64;
    if let Some(min) = min.filter(|min| len < *min) {
        out.push(path, format!("length {len} is less than the minimum {min}"));
    }
    if let Some(max) = max.filter(|max| len > *max) {
        out.push(
            path,
            format!("length {len} is greater than the maximum {max}"),
        );
    }
}

/// Checks `@range(min, max)` (bounds as written in the model).
pub fn check_range<T: Copy + Into<RangeValue> + fmt::Display>(
    value: &T,
    min: Option<f64>,
    max: Option<f64>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    let RangeValue(v) = (*value).into();
    if let Some(min) = min.filter(|min| v < *min) {
        out.push(
            path,
            format!("value {value} is less than the minimum {min}"),
        );
    }
    if let Some(max) = max.filter(|max| v > *max) {
        out.push(
            path,
            format!("value {value} is greater than the maximum {max}"),
        );
    }
}

/// A number compared against `@range` bounds.
#[derive(Debug, Clone, Copy)]
pub struct RangeValue(pub f64);

macro_rules! range_value {
    ($($t:ty),*) => {$(
        impl From<$t> for RangeValue {
            #[allow(clippy::cast_lossless, clippy::cast_precision_loss)]
            fn from(v: $t) -> Self {
                RangeValue(v as f64)
            }
        }
    )*};
}
range_value!(i8, i16, i32, i64, f32, f64);

/// A `@pattern`, compiled on first use: generated code keeps one `static` per distinct
/// pattern and checks every value against it.
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    regex: OnceLock<Option<regex_lite::Regex>>,
}

impl Pattern {
    /// The pattern `source`, as written in the model.
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            regex: OnceLock::new(),
        }
    }

    /// Checks `value` (a search, as the Smithy spec says, not a full match). The generator
    /// only emits patterns regex-lite compiles; should one still fail here, that is
    /// reported as a violation rather than skipped.
    pub fn check(&self, value: &str, path: &Path<'_>, out: &mut Violations) {
        let source = self.source;
        match self
            .regex
            .get_or_init(|| regex_lite::Regex::new(source).ok())
        {
            Some(regex) if regex.is_match(value) => {}
            Some(_) => out.push(path, format!("value does not match the pattern `{source}`")),
            None => out.push(
                path,
                format!("the pattern `{source}` cannot be compiled to check the value"),
            ),
        }
    }
}

/// Records that an enum holds a value the model does not list.
pub fn unknown_enum_value(value: &dyn fmt::Display, path: &Path<'_>, out: &mut Violations) {
    out.push(path, format!("`{value}` is not one of the allowed values"));
}

//! The error type of lowering and emitting.

use crate::model::{Location, ShapeId};

/// The model could not be turned into a crate. Always names the shape concerned.
///
/// Boxed so that `Result<_, GenerateError>` stays small; [`GenerateError::kind`] tells
/// what went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct GenerateError(Box<GenerateErrorKind>);

/// What went wrong in [`GenerateError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GenerateErrorKind {
    /// A shape refers to a shape the model does not define.
    #[error("{location}: shape `{shape}` refers to `{target}`, which is not in the model")]
    UnknownTarget {
        shape: ShapeId,
        target: ShapeId,
        location: Location,
    },
    /// A shape or trait is not what the generator expects (e.g. a list without `member`).
    #[error("{location}: shape `{shape}`: {message}")]
    Invalid {
        shape: ShapeId,
        message: String,
        location: Location,
    },
    /// Two shapes of one service would get the same Rust name.
    #[error(
        "{location}: shapes `{shape}` and `{other}` both map to the Rust name `{name}` in \
         service `{service}`; add a `rename` to the service"
    )]
    NameConflict {
        service: ShapeId,
        shape: ShapeId,
        other: ShapeId,
        name: String,
        location: Location,
    },
    /// Emitted tokens did not parse as a Rust file (a generator bug, reported not panicked).
    #[error("generated file `{file}` is not valid Rust: {message}")]
    Render { file: String, message: String },
}

impl GenerateError {
    /// What went wrong.
    pub fn kind(&self) -> &GenerateErrorKind {
        &self.0
    }

    /// The shape concerned, if any.
    pub fn shape(&self) -> Option<&ShapeId> {
        match &*self.0 {
            GenerateErrorKind::UnknownTarget { shape, .. }
            | GenerateErrorKind::Invalid { shape, .. }
            | GenerateErrorKind::NameConflict { shape, .. } => Some(shape),
            GenerateErrorKind::Render { .. } => None,
        }
    }

    /// A [`GenerateErrorKind::Invalid`] about `shape`.
    pub fn invalid(shape: &ShapeId, location: &Location, message: impl Into<String>) -> Self {
        GenerateErrorKind::Invalid {
            shape: shape.clone(),
            message: message.into(),
            location: location.clone(),
        }
        .into()
    }
}

impl From<GenerateErrorKind> for GenerateError {
    fn from(kind: GenerateErrorKind) -> Self {
        GenerateError(Box::new(kind))
    }
}

impl From<Box<crate::model::traits::TraitError>> for GenerateError {
    fn from(e: Box<crate::model::traits::TraitError>) -> Self {
        let e = *e;
        GenerateErrorKind::Invalid {
            message: format!("trait `{}` at {}: {}", e.trait_id, e.path, e.message),
            shape: e.shape,
            location: e.location,
        }
        .into()
    }
}

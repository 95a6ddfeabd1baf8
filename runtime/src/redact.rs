//! `Debug` redaction of `@sensitive` data.

use std::fmt;

/// What `Debug` prints in place of `@sensitive` data.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// A value whose `Debug` form is [`REDACTED`].
#[derive(Clone, Copy)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

//! The shared config and credentials files (`~/.aws/config`, `~/.aws/credentials`): an
//! INI-like format of `[section]` headers, `key = value` properties, `#`/`;` comments, and
//! indented sub-properties under a property with an empty value (e.g. `s3 =` followed by
//! `  max_concurrent_requests = 10`).
//!
//! In the config file a profile is `[profile name]` (`[default]` may omit the prefix) and
//! `[sso-session name]` holds an IAM Identity Center session that profiles name with
//! `sso_session`; other sections (`[services x]`) are skipped. In the credentials file
//! every section is a profile named as written.

use std::collections::BTreeMap;
use std::fmt;

/// Which file is being read: profile section names differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `~/.aws/config`: `[profile name]`, or `[default]`.
    Config,
    /// `~/.aws/credentials`: `[name]`.
    Credentials,
}

/// One profile: its properties, and the sub-properties of properties that have them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// `key = value` properties (keys as written, values trimmed).
    pub properties: BTreeMap<String, String>,
    /// Sub-properties by parent property, e.g. `s3` → `max_concurrent_requests` → `10`.
    pub sub_properties: BTreeMap<String, BTreeMap<String, String>>,
}

impl Profile {
    /// Property `key`, if set and not empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.properties
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }
}

/// The profiles of one file, by name.
pub type Profiles = BTreeMap<String, Profile>;

/// The sections of one file that are read: profiles and `[sso-session x]` sections (whose
/// properties are kept as a [`Profile`]'s), each by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sections {
    /// `[profile x]`/`[default]` (config file) or `[x]` (credentials file) sections.
    pub profiles: Profiles,
    /// `[sso-session x]` sections (config file only).
    pub sso_sessions: Profiles,
}

/// What a section header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SectionKind {
    Profile,
    SsoSession,
}

/// A line of a profile file that cannot be read: the file, the 1-based line and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    /// The file's path (or a name for text not read from a file).
    pub file: String,
    /// The line number, from 1.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ProfileError {}

/// Where the parser is: which profile (if the current section is one) and which property
/// the next indented lines continue.
struct State {
    section: Option<(SectionKind, String)>,
    in_section: bool,
    last_key: Option<String>,
}

/// Parses the text of a config or credentials file (`file` names it in errors).
///
/// # Errors
/// [`ProfileError`] for a property outside any section, a line that is neither a section,
/// a property nor a comment, or an unterminated section header.
pub fn parse(text: &str, file: &str, kind: FileKind) -> Result<Profiles, ProfileError> {
    parse_sections(text, file, kind).map(|sections| sections.profiles)
}

/// Parses the text of a config or credentials file (`file` names it in errors) into its
/// profiles and `[sso-session x]` sections.
///
/// # Errors
/// As [`parse`].
pub fn parse_sections(text: &str, file: &str, kind: FileKind) -> Result<Sections, ProfileError> {
    let mut sections = Sections::default();
    let mut state = State {
        section: None,
        in_section: false,
        last_key: None,
    };
    for (index, raw) in text.lines().enumerate() {
        let error = |message: &str| ProfileError {
            file: file.to_owned(),
            line: index + 1,
            message: message.to_owned(),
        };
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        if trimmed.starts_with('[') {
            let name = section_name(trimmed).ok_or_else(|| error("unterminated `[section]`"))?;
            state.section = section_of(name, kind);
            state.in_section = true;
            state.last_key = None;
            if let Some((which, name)) = &state.section {
                sections.table(*which).entry(name.clone()).or_default();
            }
            continue;
        }
        if !state.in_section {
            return Err(error("a property before any `[section]`"));
        }
        let indented = raw.starts_with([' ', '\t']);
        let section = state.section.clone();
        let Some(profile) = section.and_then(|(which, n)| sections.table(which).get_mut(&n)) else {
            // A section that is not a profile: its lines are skipped, but must still be
            // well formed.
            if !indented && !trimmed.contains('=') {
                return Err(error("expected `key = value`"));
            }
            continue;
        };
        if indented {
            continuation(profile, &state, trimmed).map_err(|m| error(&m))?;
            continue;
        }
        let (key, value) = property(trimmed).ok_or_else(|| error("expected `key = value`"))?;
        profile.properties.insert(key.to_owned(), value.to_owned());
        state.last_key = Some(key.to_owned());
    }
    Ok(sections)
}

impl Sections {
    fn table(&mut self, which: SectionKind) -> &mut Profiles {
        match which {
            SectionKind::Profile => &mut self.profiles,
            SectionKind::SsoSession => &mut self.sso_sessions,
        }
    }
}

/// An indented line: a sub-property when the property it follows has an empty value,
/// otherwise a continuation of that value.
fn continuation(profile: &mut Profile, state: &State, line: &str) -> Result<(), String> {
    let key = state
        .last_key
        .as_ref()
        .ok_or_else(|| "an indented line with no property before it".to_owned())?;
    let value = profile.properties.entry(key.clone()).or_default();
    if value.is_empty() {
        let (sub, sub_value) =
            property(line).ok_or_else(|| "expected an indented `key = value`".to_owned())?;
        profile
            .sub_properties
            .entry(key.clone())
            .or_default()
            .insert(sub.to_owned(), sub_value.to_owned());
    } else {
        value.push('\n');
        value.push_str(line);
    }
    Ok(())
}

/// `[ name ]` → `name` (a comment may follow the `]`).
fn section_name(line: &str) -> Option<&str> {
    let end = line.find(']')?;
    Some(line[1..end].trim())
}

/// The profile or SSO session a section header names in a file of `kind`, if any.
fn section_of(section: &str, kind: FileKind) -> Option<(SectionKind, String)> {
    match kind {
        FileKind::Credentials => Some((SectionKind::Profile, section.to_owned())),
        FileKind::Config if section == "default" => {
            Some((SectionKind::Profile, section.to_owned()))
        }
        FileKind::Config => prefixed(section, "profile")
            .map(|name| (SectionKind::Profile, name))
            .or_else(|| prefixed(section, "sso-session").map(|n| (SectionKind::SsoSession, n))),
    }
}

/// `name` of a `prefix name` header. Whitespace must follow the prefix: `[profilex]` is
/// no profile.
fn prefixed(section: &str, prefix: &str) -> Option<String> {
    let rest = section.strip_prefix(prefix)?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let name = rest.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// `key = value` with a trailing ` #`/` ;` comment removed from the value.
fn property(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once('=')?;
    let key = key.trim();
    if key.is_empty() {
        return None;
    }
    Some((key, strip_comment(value).trim()))
}

/// A value without its inline comment: `#` or `;` preceded by whitespace starts one.
fn strip_comment(value: &str) -> &str {
    let bytes = value.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if (*b == b'#' || *b == b';') && i > 0 && bytes[i - 1].is_ascii_whitespace() {
            return &value[..i];
        }
    }
    value
}

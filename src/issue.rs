//! One problem found in an input: where it is, what kind, which rule, and a readable message.

use serde::Serialize;

#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

/// One step of the path to the offending value: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(untagged)]
pub enum PathSegment {
    /// An object key.
    Key(String),
    /// An array index.
    Index(usize),
}

impl From<&str> for PathSegment {
    fn from(key: &str) -> Self {
        PathSegment::Key(key.to_string())
    }
}

impl From<usize> for PathSegment {
    fn from(index: usize) -> Self {
        PathSegment::Index(index)
    }
}

/// The kind of a problem, stable across releases and locales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "snake_case")]
pub enum IssueCode {
    /// A required field is absent (`undefined` or `null`).
    Required,
    /// The value has the wrong JSON type.
    Type,
    /// The value is too short or too long (UTF-16 code units).
    Length,
    /// The value holds a character the rule does not allow.
    Charset,
    /// The value holds `{{`, `{%` or `{#`.
    ForbiddenSequence,
    /// The value is not one of the allowed values.
    Enum,
    /// The field is not part of the API.
    UnknownField,
}

impl IssueCode {
    /// The wire name of the code, e.g. `"forbidden_sequence"`.
    pub fn as_str(self) -> &'static str {
        match self {
            IssueCode::Required => "required",
            IssueCode::Type => "type",
            IssueCode::Length => "length",
            IssueCode::Charset => "charset",
            IssueCode::ForbiddenSequence => "forbidden_sequence",
            IssueCode::Enum => "enum",
            IssueCode::UnknownField => "unknown_field",
        }
    }
}

/// A problem in a `StartDeployTask` input.
///
/// `rule` is the rule id of the spec (`"R1"` … `"R9"`), or `"shape"` for problems with the
/// input's shape that no numbered rule covers (the input is not an object, an unknown field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct Issue {
    /// Where the offending value is, from the input's root (empty for the input itself).
    pub path: Vec<PathSegment>,
    /// What kind of problem it is.
    pub code: IssueCode,
    /// `"R1"` … `"R9"`, or `"shape"`.
    pub rule: &'static str,
    /// A sentence saying what is wrong and what is allowed, in the requested language.
    pub message: String,
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

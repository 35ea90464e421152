//! Human-readable issue messages in English and Simplified Chinese.
//!
//! Messages name the field (as a JavaScript path such as `params[2].value`) and the rule, and
//! never quote the offending value: values may be secrets (`encrypt` parameters).

use crate::issue::PathSegment;
use crate::locale::Locale;
use crate::text::quote_name;

/// The JSON type of a value, as messages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonKind {
    /// `null` (or `undefined`).
    Null,
    /// `true` or `false`.
    Boolean,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl JsonKind {
    /// The kind of a JSON value.
    pub fn of(value: &serde_json::Value) -> JsonKind {
        use serde_json::Value;
        match value {
            Value::Null => JsonKind::Null,
            Value::Bool(_) => JsonKind::Boolean,
            Value::Number(_) => JsonKind::Number,
            Value::String(_) => JsonKind::String,
            Value::Array(_) => JsonKind::Array,
            Value::Object(_) => JsonKind::Object,
        }
    }

    fn name(self, locale: Locale) -> &'static str {
        locale.pick(match self {
            JsonKind::Null => ("null", "null"),
            JsonKind::Boolean => ("a boolean", "布尔值"),
            JsonKind::Number => ("a number", "数字"),
            JsonKind::String => ("a string", "字符串"),
            JsonKind::Array => ("an array", "数组"),
            JsonKind::Object => ("an object", "对象"),
        })
    }
}

/// The characters a field may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    /// ASCII letters and digits (R1, R5).
    LettersDigits,
    /// ASCII letters, digits, `-`, `_`, `.` (R7).
    KeyChars,
}

impl Charset {
    /// Whether `c` belongs to the set.
    pub fn allows(self, c: char) -> bool {
        match self {
            Charset::LettersDigits => c.is_ascii_alphanumeric(),
            Charset::KeyChars => c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'),
        }
    }

    fn describe(self, locale: Locale) -> &'static str {
        locale.pick(match self {
            Charset::LettersDigits => ("ASCII letters and digits", "英文字母和数字"),
            Charset::KeyChars => (
                "ASCII letters, digits, \"-\", \"_\" and \".\"",
                "英文字母、数字、“-”、“_”和“.”",
            ),
        })
    }
}

/// What a message says, with the figures it quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A required field is missing.
    Required,
    /// The value has the wrong JSON type.
    Type {
        /// The types allowed here.
        expected: &'static [JsonKind],
        /// The type found.
        got: JsonKind,
    },
    /// The length (UTF-16 units) must be exactly `expected`.
    ExactLength {
        /// The length required.
        expected: usize,
        /// The length found.
        got: usize,
    },
    /// The length (UTF-16 units) must be from `min` to `max`.
    LengthRange {
        /// The shortest allowed.
        min: usize,
        /// The longest allowed.
        max: usize,
        /// The length found.
        got: usize,
    },
    /// A character outside the allowed set.
    Charset {
        /// The characters allowed.
        allowed: Charset,
        /// The first character not allowed.
        found: char,
        /// Its 1-based position (UTF-16 units).
        position: usize,
    },
    /// A sequence the value must not contain (R8).
    ForbiddenSequence {
        /// The first such sequence found.
        sequence: &'static str,
    },
    /// The value is not one of a fixed list.
    Enum {
        /// The values allowed, as messages quote them.
        allowed: &'static [&'static str],
    },
    /// A field the API does not know.
    UnknownField {
        /// The nearest known name, if one is close.
        suggestion: Option<&'static str>,
    },
    /// A JavaScript string held an unpaired UTF-16 surrogate.
    UnpairedSurrogate {
        /// Its 1-based position (UTF-16 units).
        position: usize,
    },
    /// Reading the value threw (a getter or a `Proxy`).
    Unreadable,
    /// The input holds more values than are read.
    TooLarge {
        /// How many values are read at most.
        max: usize,
    },
}

/// Formats a path the way JavaScript code would write it: `params[2].value`; the empty path is
/// the input itself.
///
/// ```
/// use codearts_deploy_wasm::{issue::PathSegment, messages::display_path, locale::Locale};
/// let path = vec![PathSegment::from("params"), PathSegment::from(2), PathSegment::from("value")];
/// assert_eq!(display_path(&path, Locale::En), "params[2].value");
/// assert_eq!(display_path(&[], Locale::En), "the input");
/// ```
pub fn display_path(path: &[PathSegment], locale: Locale) -> String {
    if path.is_empty() {
        return locale.pick(("the input", "输入")).to_string();
    }
    let mut out = String::new();
    for segment in path {
        match segment {
            PathSegment::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&quote_name(key));
            }
            PathSegment::Index(index) => {
                out.push('[');
                out.push_str(&index.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// A character as messages quote it: printable ones in quotes, others as `U+XXXX`.
fn quote_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("\"{c}\"")
    }
}

fn join(items: impl Iterator<Item = String>, locale: Locale) -> String {
    let separator = locale.pick((", ", "、"));
    items.collect::<Vec<_>>().join(separator)
}

/// The message for `problem` at `path`.
///
/// ```
/// use codearts_deploy_wasm::{issue::PathSegment, messages::{message, Problem}, locale::Locale};
/// let path = [PathSegment::from("taskId")];
/// assert_eq!(message(&path, &Problem::Required, Locale::En), "taskId is required.");
/// assert_eq!(message(&path, &Problem::Required, Locale::ZhCn), "taskId 为必填项。");
/// ```
pub fn message(path: &[PathSegment], problem: &Problem, locale: Locale) -> String {
    let field = display_path(path, locale);
    // Each message in both languages side by side; only the chosen one is built.
    macro_rules! say {
        ($($en:expr),+ ; $($zh:expr),+) => {
            match locale {
                Locale::En => format!($($en),+),
                Locale::ZhCn => format!($($zh),+),
            }
        };
    }
    match problem {
        Problem::Required => say!("{field} is required."; "{field} 为必填项。"),
        Problem::Type { expected, got } => {
            let or = locale.pick((" or ", "或"));
            let expected = expected.iter().map(|k| k.name(locale)).collect::<Vec<_>>();
            let (expected, got) = (expected.join(or), got.name(locale));
            say!("{field} must be {expected}, not {got}."; "{field} 必须是{expected}，而不是{got}。")
        }
        Problem::ExactLength { expected, got } => say!(
            "{field} must be exactly {expected} characters long (it has {got}).";
            "{field} 的长度必须为 {expected} 个字符（当前为 {got} 个）。"
        ),
        Problem::LengthRange { min, max, got } if *min == 0 => say!(
            "{field} must be at most {max} characters long (it has {got}).";
            "{field} 的长度不能超过 {max} 个字符（当前为 {got} 个）。"
        ),
        Problem::LengthRange { min, max, got } => say!(
            "{field} must be {min} to {max} characters long (it has {got}).";
            "{field} 的长度必须在 {min} 到 {max} 个字符之间（当前为 {got} 个）。"
        ),
        Problem::Charset {
            allowed,
            found,
            position,
        } => {
            let (allowed, found) = (allowed.describe(locale), quote_char(*found));
            say!(
                "{field} may contain only {allowed}; found {found} at position {position}.";
                "{field} 只能包含{allowed}；第 {position} 个位置出现了 {found}。"
            )
        }
        Problem::ForbiddenSequence { sequence } => say!(
            "{field} must not contain \"{sequence}\" (reserved for templates).";
            "{field} 不能包含“{sequence}”（该序列保留给模板使用）。"
        ),
        Problem::Enum { allowed } => {
            let allowed = join(allowed.iter().map(|a| a.to_string()), locale);
            say!("{field} must be one of {allowed}."; "{field} 必须是以下值之一：{allowed}。")
        }
        Problem::UnknownField {
            suggestion: Some(name),
        } => say!(
            "{field} is not a known field; did you mean {name}?";
            "{field} 不是可识别的字段，您是否想填写 {name}？"
        ),
        Problem::UnknownField { suggestion: None } => {
            say!("{field} is not a known field."; "{field} 不是可识别的字段。")
        }
        Problem::UnpairedSurrogate { position } => say!(
            "{field} holds an unpaired UTF-16 surrogate at position {position}, which cannot be sent unchanged.";
            "{field} 的第 {position} 个位置是未配对的 UTF-16 代理项，无法原样发送。"
        ),
        Problem::Unreadable => say!(
            "{field} could not be read: reading it threw an error (a getter or a Proxy).";
            "{field} 无法读取：读取时抛出了错误（getter 或 Proxy）。"
        ),
        Problem::TooLarge { max } => say!(
            "{field} holds more than {max} values and is too large to check.";
            "{field} 包含的值超过 {max} 个，过大，无法检查。"
        ),
    }
}

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
        match (locale, self) {
            (Locale::En, JsonKind::Null) => "null",
            (Locale::En, JsonKind::Boolean) => "a boolean",
            (Locale::En, JsonKind::Number) => "a number",
            (Locale::En, JsonKind::String) => "a string",
            (Locale::En, JsonKind::Array) => "an array",
            (Locale::En, JsonKind::Object) => "an object",
            (Locale::ZhCn, JsonKind::Null) => "null",
            (Locale::ZhCn, JsonKind::Boolean) => "布尔值",
            (Locale::ZhCn, JsonKind::Number) => "数字",
            (Locale::ZhCn, JsonKind::String) => "字符串",
            (Locale::ZhCn, JsonKind::Array) => "数组",
            (Locale::ZhCn, JsonKind::Object) => "对象",
        }
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
        match (locale, self) {
            (Locale::En, Charset::LettersDigits) => "ASCII letters and digits",
            (Locale::En, Charset::KeyChars) => "ASCII letters, digits, \"-\", \"_\" and \".\"",
            (Locale::ZhCn, Charset::LettersDigits) => "英文字母和数字",
            (Locale::ZhCn, Charset::KeyChars) => "英文字母、数字、“-”、“_”和“.”",
        }
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
        return match locale {
            Locale::En => "the input".to_string(),
            Locale::ZhCn => "输入".to_string(),
        };
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
    let separator = match locale {
        Locale::En => ", ",
        Locale::ZhCn => "、",
    };
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
    match locale {
        Locale::En => english(&field, problem),
        Locale::ZhCn => chinese(&field, problem),
    }
}

fn english(field: &str, problem: &Problem) -> String {
    let locale = Locale::En;
    match problem {
        Problem::Required => format!("{field} is required."),
        Problem::Type { expected, got } => {
            let expected = expected.iter().map(|k| k.name(locale)).collect::<Vec<_>>();
            format!(
                "{field} must be {}, not {}.",
                expected.join(" or "),
                got.name(locale)
            )
        }
        Problem::ExactLength { expected, got } => {
            format!("{field} must be exactly {expected} characters long (it has {got}).")
        }
        Problem::LengthRange { min, max, got } if *min == 0 => {
            format!("{field} must be at most {max} characters long (it has {got}).")
        }
        Problem::LengthRange { min, max, got } => {
            format!("{field} must be {min} to {max} characters long (it has {got}).")
        }
        Problem::Charset {
            allowed,
            found,
            position,
        } => format!(
            "{field} may contain only {}; found {} at position {position}.",
            allowed.describe(locale),
            quote_char(*found)
        ),
        Problem::ForbiddenSequence { sequence } => {
            format!("{field} must not contain \"{sequence}\" (reserved for templates).")
        }
        Problem::Enum { allowed } => format!(
            "{field} must be one of {}.",
            join(allowed.iter().map(|a| a.to_string()), locale)
        ),
        Problem::UnknownField {
            suggestion: Some(name),
        } => format!("{field} is not a known field; did you mean {name}?"),
        Problem::UnknownField { suggestion: None } => format!("{field} is not a known field."),
        Problem::UnpairedSurrogate { position } => format!(
            "{field} holds an unpaired UTF-16 surrogate at position {position}, which cannot be sent unchanged."
        ),
        Problem::Unreadable => {
            format!("{field} could not be read: reading it threw an error (a getter or a Proxy).")
        }
        Problem::TooLarge { max } => {
            format!("{field} holds more than {max} values and is too large to check.")
        }
    }
}

fn chinese(field: &str, problem: &Problem) -> String {
    let locale = Locale::ZhCn;
    match problem {
        Problem::Required => format!("{field} 为必填项。"),
        Problem::Type { expected, got } => {
            let expected = expected.iter().map(|k| k.name(locale)).collect::<Vec<_>>();
            format!(
                "{field} 必须是{}，而不是{}。",
                expected.join("或"),
                got.name(locale)
            )
        }
        Problem::ExactLength { expected, got } => {
            format!("{field} 的长度必须为 {expected} 个字符（当前为 {got} 个）。")
        }
        Problem::LengthRange { min, max, got } if *min == 0 => {
            format!("{field} 的长度不能超过 {max} 个字符（当前为 {got} 个）。")
        }
        Problem::LengthRange { min, max, got } => {
            format!("{field} 的长度必须在 {min} 到 {max} 个字符之间（当前为 {got} 个）。")
        }
        Problem::Charset {
            allowed,
            found,
            position,
        } => format!(
            "{field} 只能包含{}；第 {position} 个位置出现了 {}。",
            allowed.describe(locale),
            quote_char(*found)
        ),
        Problem::ForbiddenSequence { sequence } => {
            format!("{field} 不能包含“{sequence}”（该序列保留给模板使用）。")
        }
        Problem::Enum { allowed } => format!(
            "{field} 必须是以下值之一：{}。",
            join(allowed.iter().map(|a| a.to_string()), locale)
        ),
        Problem::UnknownField {
            suggestion: Some(name),
        } => format!("{field} 不是可识别的字段，您是否想填写 {name}？"),
        Problem::UnknownField { suggestion: None } => format!("{field} 不是可识别的字段。"),
        Problem::UnpairedSurrogate { position } => {
            format!("{field} 的第 {position} 个位置是未配对的 UTF-16 代理项，无法原样发送。")
        }
        Problem::Unreadable => {
            format!("{field} 无法读取：读取时抛出了错误（getter 或 Proxy）。")
        }
        Problem::TooLarge { max } => format!("{field} 包含的值超过 {max} 个，过大，无法检查。"),
    }
}

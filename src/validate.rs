//! The validator: every rule of the spec (R1–R9) and the project's reading of it, applied to an
//! arbitrary JSON value, reporting every problem with its path.
//!
//! ```
//! use codearts_deploy_wasm::{validate::parse_input, locale::Locale};
//! let input = serde_json::json!({
//!     "taskId": "d2dc947ec2424d8789bb3984bb3adf45",
//!     "params": [{ "key": "env", "value": "prod", "type": "text" }],
//!     "triggerSource": 0,
//! });
//! let parsed = parse_input(&input, Locale::En).unwrap();
//! assert_eq!(parsed.params.unwrap()[0].key, "env");
//!
//! let issues = parse_input(&serde_json::json!({ "taskId": "x" }), Locale::En).unwrap_err();
//! assert_eq!(issues[0].code.as_str(), "length");
//! ```

use serde_json::{Map, Value};

use crate::fields::present;
use crate::issue::{Issue, IssueCode, PathSegment};
use crate::locale::Locale;
use crate::messages::{message, Charset, JsonKind, Problem};
use crate::model::{DeployParam, ParamType, StartDeployTaskInput, TriggerSource};
pub use crate::text::{nearest_name, utf16_len};

/// Length of ids (R1, R5).
pub const ID_LENGTH: usize = 32;
/// Longest parameter key (R7).
pub const KEY_MAX_LENGTH: usize = 128;
/// Longest parameter value (R8).
pub const VALUE_MAX_LENGTH: usize = 8192;
/// Sequences a value must not contain (R8).
pub const FORBIDDEN_SEQUENCES: [&str; 3] = ["{{", "{%", "{#"];

const INPUT_FIELDS: [&str; 4] = ["taskId", "params", "recordId", "triggerSource"];
const PARAM_FIELDS: [&str; 3] = ["key", "value", "type"];
const TRIGGER_SOURCES: [&str; 2] = ["\"0\"", "\"1\""];
const SHAPE_RULE: &str = "shape";

/// Checks `input` and returns every issue found (empty when it is valid).
pub fn validate_input(input: &Value, locale: Locale) -> Vec<Issue> {
    match parse_input(input, locale) {
        Ok(_) => Vec::new(),
        Err(issues) => issues,
    }
}

/// Checks `input` and returns it as a typed value, or every issue found.
pub fn parse_input(input: &Value, locale: Locale) -> Result<StartDeployTaskInput, Vec<Issue>> {
    parse_input_noted(input, &InputNotes::default(), locale)
}

/// What a reader of a JavaScript value noticed that the value's JSON form cannot show.
///
/// JavaScript strings are UTF-16 and may hold an unpaired surrogate, which no Rust string can:
/// reading one yields U+FFFD in its place. The validator reports such a string instead of
/// letting the changed text pass (code `charset`). A value whose reading threw (a getter, a
/// `Proxy`) is read as `null`; the validator reports it (code `type`) instead of taking it as
/// absent. A reader may also stop early on a hostile input (a sparse array of length 2³² − 1);
/// the validator then reports the input as too large.
///
/// ```
/// use codearts_deploy_wasm::{issue::PathSegment, locale::Locale, validate::{parse_input_noted, InputNotes}};
/// let input = serde_json::json!({
///     "taskId": "d2dc947ec2424d8789bb3984bb3adf45",
///     "params": [{ "key": "pw", "value": "a\u{FFFD}", "type": "encrypt" }],
/// });
/// let path = vec![PathSegment::from("params"), PathSegment::from(0), PathSegment::from("value")];
/// let notes = InputNotes { unpaired_surrogates: vec![(path.clone(), 2)], ..InputNotes::default() };
/// let issues = parse_input_noted(&input, &notes, Locale::En).unwrap_err();
/// assert_eq!((issues[0].path.clone(), issues[0].code.as_str()), (path, "charset"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InputNotes {
    /// Strings that held an unpaired UTF-16 surrogate: the path of each, and the 1-based
    /// position (in UTF-16 code units) of its first unpaired surrogate.
    pub unpaired_surrogates: Vec<(Vec<PathSegment>, usize)>,
    /// Values whose reading threw (read as `null`): their paths.
    pub unreadable: Vec<Vec<PathSegment>>,
    /// The reader stopped after this many values: the input was not read whole.
    pub too_large: Option<usize>,
}

/// Checks `input` as [`parse_input`] does, with what the reader noticed ([`InputNotes`]).
pub fn parse_input_noted(
    input: &Value,
    notes: &InputNotes,
    locale: Locale,
) -> Result<StartDeployTaskInput, Vec<Issue>> {
    let mut checker = Checker {
        locale,
        issues: Vec::new(),
        unpaired: &notes.unpaired_surrogates,
        unreadable: &notes.unreadable,
    };
    if let Some(max) = notes.too_large {
        checker.report(
            Vec::new(),
            IssueCode::Length,
            SHAPE_RULE,
            Problem::TooLarge { max },
        );
        return Err(checker.issues);
    }
    for path in &notes.unreadable {
        let message = message(path, &Problem::Unreadable, locale);
        checker.issues.push(Issue {
            path: path.clone(),
            code: IssueCode::Type,
            rule: rule_of_path(path),
            message,
        });
    }
    let parsed = checker.input(input);
    match parsed {
        Some(parsed) if checker.issues.is_empty() => Ok(parsed),
        _ => Err(checker.issues),
    }
}

/// Which of [`FORBIDDEN_SEQUENCES`] `value` holds, found in one pass over its bytes.
fn forbidden_sequences_in(value: &str) -> [bool; 3] {
    let mut found = [false; 3];
    for pair in value.as_bytes().windows(2) {
        match pair {
            [b'{', b'{'] => found[0] = true,
            [b'{', b'%'] => found[1] = true,
            [b'{', b'#'] => found[2] = true,
            _ => {}
        }
    }
    found
}

/// Collects issues while walking the input.
struct Checker<'n> {
    locale: Locale,
    issues: Vec<Issue>,
    unpaired: &'n [(Vec<PathSegment>, usize)],
    /// Paths already reported as unreadable: nothing more is said at or under them.
    unreadable: &'n [Vec<PathSegment>],
}

/// The rule a field belongs to, by its path (`shape` for anything the rules do not name).
fn rule_of_path(path: &[PathSegment]) -> &'static str {
    use PathSegment::{Index, Key};
    let named = |segment: &PathSegment, name: &str| matches!(segment, Key(k) if k == name);
    match path {
        [first] if named(first, "taskId") => "R1",
        [first] if named(first, "recordId") => "R5",
        [first] if named(first, "triggerSource") => "R6",
        [first] | [first, Index(_)] if named(first, "params") => "R4",
        [first, Index(_), last] if named(first, "params") && named(last, "key") => "R7",
        [first, Index(_), last] if named(first, "params") && named(last, "value") => "R8",
        [first, Index(_), last] if named(first, "params") && named(last, "type") => "R9",
        _ => SHAPE_RULE,
    }
}

/// A path under construction; cheap to extend for one child.
fn child(path: &[PathSegment], segment: impl Into<PathSegment>) -> Vec<PathSegment> {
    let mut out = path.to_vec();
    out.push(segment.into());
    out
}

impl Checker<'_> {
    fn report(
        &mut self,
        path: Vec<PathSegment>,
        code: IssueCode,
        rule: &'static str,
        problem: Problem,
    ) {
        if self.unreadable.iter().any(|at| path.starts_with(at)) {
            return;
        }
        let message = message(&path, &problem, self.locale);
        self.issues.push(Issue {
            path,
            code,
            rule,
            message,
        });
    }

    fn input(&mut self, input: &Value) -> Option<StartDeployTaskInput> {
        let Some(object) = input.as_object() else {
            self.wrong_type(Vec::new(), SHAPE_RULE, &[JsonKind::Object], input);
            return None;
        };
        self.unknown_fields(&[], object, &INPUT_FIELDS);
        let task_id = self.id(object, "taskId", "R1", true);
        let params = self.params(object);
        let record_id = self.id(object, "recordId", "R5", false);
        let trigger_source = self.trigger_source(object);
        Some(StartDeployTaskInput {
            task_id: task_id??,
            params: params?,
            record_id: record_id?,
            trigger_source: trigger_source?,
        })
    }

    fn wrong_type(
        &mut self,
        path: Vec<PathSegment>,
        rule: &'static str,
        expected: &'static [JsonKind],
        got: &Value,
    ) {
        let problem = Problem::Type {
            expected,
            got: JsonKind::of(got),
        };
        self.report(path, IssueCode::Type, rule, problem);
    }

    fn unknown_fields(
        &mut self,
        path: &[PathSegment],
        object: &Map<String, Value>,
        known: &[&'static str],
    ) {
        for name in object.keys().filter(|name| !known.contains(&name.as_str())) {
            let problem = Problem::UnknownField {
                suggestion: nearest_name(name, known),
            };
            self.report(
                child(path, name.as_str()),
                IssueCode::UnknownField,
                SHAPE_RULE,
                problem,
            );
        }
    }

    /// A required or optional string field; `Some(None)` when an optional field is absent.
    fn string_field<'v>(
        &mut self,
        path: &[PathSegment],
        object: &'v Map<String, Value>,
        name: &'static str,
        rule: &'static str,
        required: bool,
    ) -> Option<Option<&'v str>> {
        match present(object.get(name)) {
            None if required => {
                self.report(
                    child(path, name),
                    IssueCode::Required,
                    rule,
                    Problem::Required,
                );
                None
            }
            None => Some(None),
            Some(Value::String(s)) => {
                if let Some(position) = self.unpaired_position(path, name) {
                    let problem = Problem::UnpairedSurrogate { position };
                    self.report(child(path, name), IssueCode::Charset, rule, problem);
                    return None;
                }
                Some(Some(s))
            }
            Some(other) => {
                self.wrong_type(child(path, name), rule, &[JsonKind::String], other);
                None
            }
        }
    }

    /// Where the string at `path.name` held an unpaired surrogate, if it did.
    fn unpaired_position(&self, path: &[PathSegment], name: &str) -> Option<usize> {
        self.unpaired.iter().find_map(|(at, position)| {
            let (last, parent) = at.split_last()?;
            (parent == path && *last == PathSegment::from(name)).then_some(*position)
        })
    }

    /// `taskId` (R1) or `recordId` (R5): 32 ASCII letters and digits.
    fn id(
        &mut self,
        object: &Map<String, Value>,
        name: &'static str,
        rule: &'static str,
        required: bool,
    ) -> Option<Option<String>> {
        let value = self.string_field(&[], object, name, rule, required)?;
        let Some(value) = value else {
            return Some(None);
        };
        let path = vec![PathSegment::from(name)];
        let length_ok = self.exact_length(&path, rule, value, ID_LENGTH);
        let charset_ok = self.charset(&path, rule, value, Charset::LettersDigits);
        (length_ok && charset_ok).then(|| Some(value.to_string()))
    }

    fn exact_length(
        &mut self,
        path: &[PathSegment],
        rule: &'static str,
        value: &str,
        expected: usize,
    ) -> bool {
        let got = utf16_len(value);
        if got != expected {
            self.report(
                path.to_vec(),
                IssueCode::Length,
                rule,
                Problem::ExactLength { expected, got },
            );
        }
        got == expected
    }

    fn length_range(
        &mut self,
        path: &[PathSegment],
        rule: &'static str,
        value: &str,
        min: usize,
        max: usize,
    ) -> bool {
        let got = utf16_len(value);
        let ok = (min..=max).contains(&got);
        if !ok {
            self.report(
                path.to_vec(),
                IssueCode::Length,
                rule,
                Problem::LengthRange { min, max, got },
            );
        }
        ok
    }

    fn charset(
        &mut self,
        path: &[PathSegment],
        rule: &'static str,
        value: &str,
        allowed: Charset,
    ) -> bool {
        let Some((index, found)) = value.chars().enumerate().find(|(_, c)| !allowed.allows(*c))
        else {
            return true;
        };
        let problem = Problem::Charset {
            allowed,
            found,
            position: index + 1,
        };
        self.report(path.to_vec(), IssueCode::Charset, rule, problem);
        false
    }

    /// `params` (R4): an array of parameters; `Some(None)` when absent.
    fn params(&mut self, object: &Map<String, Value>) -> Option<Option<Vec<DeployParam>>> {
        let value = present(object.get("params"));
        let Some(value) = value else {
            return Some(None);
        };
        let path = vec![PathSegment::from("params")];
        let Some(items) = value.as_array() else {
            self.wrong_type(path, "R4", &[JsonKind::Array], value);
            return None;
        };
        let mut params = Vec::with_capacity(items.len());
        let mut all_ok = true;
        for (index, item) in items.iter().enumerate() {
            match self.param(&child(&path, index), item) {
                Some(param) => params.push(param),
                None => all_ok = false,
            }
        }
        all_ok.then_some(Some(params))
    }

    /// One `DynamicConfigInfo` (R7–R9).
    fn param(&mut self, path: &[PathSegment], item: &Value) -> Option<DeployParam> {
        let Some(object) = item.as_object() else {
            self.wrong_type(path.to_vec(), "R4", &[JsonKind::Object], item);
            return None;
        };
        self.unknown_fields(path, object, &PARAM_FIELDS);
        let key = self.param_key(path, object);
        let value = self.param_value(path, object);
        let param_type = self.param_type(path, object);
        Some(DeployParam {
            key: key?,
            value: value?,
            param_type: param_type?,
        })
    }

    fn param_key(&mut self, path: &[PathSegment], object: &Map<String, Value>) -> Option<String> {
        let key = self.string_field(path, object, "key", "R7", true)??;
        let key_path = child(path, "key");
        let length_ok = self.length_range(&key_path, "R7", key, 1, KEY_MAX_LENGTH);
        let charset_ok = self.charset(&key_path, "R7", key, Charset::KeyChars);
        (length_ok && charset_ok).then(|| key.to_string())
    }

    fn param_value(&mut self, path: &[PathSegment], object: &Map<String, Value>) -> Option<String> {
        let value = self.string_field(path, object, "value", "R8", true)??;
        let value_path = child(path, "value");
        let mut ok = self.length_range(&value_path, "R8", value, 0, VALUE_MAX_LENGTH);
        let found = forbidden_sequences_in(value);
        for (sequence, present) in FORBIDDEN_SEQUENCES.into_iter().zip(found) {
            if present {
                let problem = Problem::ForbiddenSequence { sequence };
                self.report(
                    value_path.clone(),
                    IssueCode::ForbiddenSequence,
                    "R8",
                    problem,
                );
                ok = false;
            }
        }
        ok.then(|| value.to_string())
    }

    fn param_type(
        &mut self,
        path: &[PathSegment],
        object: &Map<String, Value>,
    ) -> Option<ParamType> {
        let name = self.string_field(path, object, "type", "R9", true)??;
        let parsed = ParamType::parse(name);
        if parsed.is_none() {
            let problem = Problem::Enum {
                allowed: &ParamType::NAMES,
            };
            self.report(child(path, "type"), IssueCode::Enum, "R9", problem);
        }
        parsed
    }

    /// `triggerSource` (R6): `"0"`, `"1"`, `0` or `1`; `Some(None)` when absent.
    fn trigger_source(&mut self, object: &Map<String, Value>) -> Option<Option<TriggerSource>> {
        let Some(value) = present(object.get("triggerSource")) else {
            return Some(None);
        };
        let path = vec![PathSegment::from("triggerSource")];
        let parsed = match value {
            Value::String(s) if s == "0" => Some(TriggerSource::Any),
            Value::String(s) if s == "1" => Some(TriggerSource::PipelineOnly),
            Value::Number(n) if n.as_f64() == Some(0.0) => Some(TriggerSource::Any),
            Value::Number(n) if n.as_f64() == Some(1.0) => Some(TriggerSource::PipelineOnly),
            Value::String(_) | Value::Number(_) => {
                let problem = Problem::Enum {
                    allowed: &TRIGGER_SOURCES,
                };
                self.report(path, IssueCode::Enum, "R6", problem);
                return None;
            }
            other => {
                self.wrong_type(path, "R6", &[JsonKind::String, JsonKind::Number], other);
                return None;
            }
        };
        Some(parsed)
    }
}

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

use std::collections::BinaryHeap;

use crate::issue::{Issue, IssueCode, PathSegment};
use crate::locale::Locale;
use crate::messages::{message, Charset, JsonKind, Problem};
use crate::model::{DeployParam, ParamType, StartDeployTaskInput, TriggerSource};
pub use crate::text::{nearest_name, utf16_len};
use crate::view::InputView;

/// Length of ids (R1, R5).
pub const ID_LENGTH: usize = 32;
/// Longest parameter key (R7).
pub const KEY_MAX_LENGTH: usize = 128;
/// Longest parameter value (R8).
pub const VALUE_MAX_LENGTH: usize = 8192;
/// Sequences a value must not contain (R8).
pub const FORBIDDEN_SEQUENCES: [&str; 3] = ["{{", "{%", "{#"];

pub(crate) const INPUT_FIELDS: [&str; 4] = ["taskId", "params", "recordId", "triggerSource"];
pub(crate) const PARAM_FIELDS: [&str; 3] = ["key", "value", "type"];
const TRIGGER_SOURCES: [&str; 2] = ["\"0\"", "\"1\""];
const SHAPE_RULE: &str = "shape";

/// Checks `input` and returns every issue found (empty when it is valid).
pub fn validate_input<V: InputView>(input: &V, locale: Locale) -> Vec<Issue> {
    check_noted(input, &InputNotes::default(), locale)
        .err()
        .unwrap_or_default()
}

/// Checks `input` and returns it as a typed value, or every issue found.
pub fn parse_input<V: InputView>(
    input: &V,
    locale: Locale,
) -> Result<StartDeployTaskInput, Vec<Issue>> {
    parse_input_noted(input, &InputNotes::default(), locale)
}

/// What a reader of a JavaScript value noticed that the value's JSON form cannot show.
///
/// JavaScript strings are UTF-16 and may hold an unpaired surrogate, which no Rust string can:
/// a reader that copies such a string to a `serde_json::Value` notes where it was (a view over
/// the JavaScript string answers [`InputView::unpaired_surrogate`] itself). The validator
/// reports such a string instead of letting the changed text pass (code `charset`). A value
/// whose reading threw (a getter, a `Proxy`) is read as `null`; the validator reports it (code
/// `type`) instead of taking it as absent. A reader may also stop early on a hostile input (a
/// sparse array of length 2³² − 1); the validator then reports the input as too large.
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
pub fn parse_input_noted<V: InputView>(
    input: &V,
    notes: &InputNotes,
    locale: Locale,
) -> Result<StartDeployTaskInput, Vec<Issue>> {
    check_noted(input, notes, locale).map(|checked| checked.to_input())
}

/// Checks `input` with what the reader noticed, without copying any of its values: the
/// [`Checked`] input refers to them where they are.
pub fn check_noted<'v, V: InputView>(
    input: &'v V,
    notes: &InputNotes,
    locale: Locale,
) -> Result<Checked<'v, V>, Vec<Issue>> {
    let mut checker = Checker {
        locale,
        issues: Vec::new(),
        unpaired: &notes.unpaired_surrogates,
        unreadable: &notes.unreadable,
    };
    if let Some(max) = notes.too_large {
        checker.report(
            &At::Root,
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
    let checked = checker.input(input);
    match checked {
        Some(checked) if checker.issues.is_empty() => Ok(checked),
        _ => Err(checker.issues),
    }
}

/// A valid input, its strings still where the view holds them.
pub struct Checked<'v, V> {
    task_id: &'v V,
    params: Option<Vec<CheckedParam<'v, V>>>,
    record_id: Option<&'v V>,
    trigger_source: Option<TriggerSource>,
}

/// One valid parameter of a [`Checked`] input.
struct CheckedParam<'v, V> {
    key: &'v V,
    value: &'v V,
    param_type: ParamType,
}

impl<V: InputView> Checked<'_, V> {
    /// The typed input, its strings copied once.
    pub fn to_input(&self) -> StartDeployTaskInput {
        let text = |v: &V| v.text().unwrap_or_default();
        StartDeployTaskInput {
            task_id: text(self.task_id),
            params: self.params.as_ref().map(|params| {
                params
                    .iter()
                    .map(|p| DeployParam {
                        key: text(p.key),
                        value: text(p.value),
                        param_type: p.param_type,
                    })
                    .collect()
            }),
            record_id: self.record_id.map(text),
            trigger_source: self.trigger_source,
        }
    }
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

/// A path while checking, on the stack: built into a `Vec<PathSegment>` only for an issue.
enum At<'a> {
    Root,
    Key(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    fn segments(&self) -> Vec<PathSegment> {
        let mut out = match self {
            At::Root => return Vec::new(),
            At::Key(parent, _) | At::Index(parent, _) => parent.segments(),
        };
        out.push(match self {
            At::Key(_, key) => PathSegment::from(*key),
            At::Index(_, index) => PathSegment::Index(*index),
            At::Root => return out,
        });
        out
    }

    fn key<'a>(&'a self, name: &'a str) -> At<'a> {
        At::Key(self, name)
    }
}

/// Whether `name` is one of `known` (the same literal is found without comparing bytes).
#[cfg_attr(feature = "scan", inline(always))]
fn is_known(name: &str, known: &[&str]) -> bool {
    known.iter().any(|k| {
        k.len() == name.len() && (k.as_ptr() == name.as_ptr() || k.as_bytes() == name.as_bytes())
    })
}

/// Treats `null` like an absent field, as the project's reading says.
fn present<V: InputView>(value: Option<&V>) -> Option<&V> {
    value.filter(|v| v.kind() != JsonKind::Null)
}

impl Checker<'_> {
    fn report(&mut self, at: &At, code: IssueCode, rule: &'static str, problem: Problem) {
        let path = at.segments();
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

    fn input<'v, V: InputView>(&mut self, input: &'v V) -> Option<Checked<'v, V>> {
        if input.kind() != JsonKind::Object {
            self.wrong_type(&At::Root, SHAPE_RULE, &[JsonKind::Object], input);
            return None;
        }
        self.unknown_fields(&At::Root, input, &INPUT_FIELDS);
        let task_id = self.id(input, "taskId", "R1", true);
        let params = self.params(input);
        let record_id = self.id(input, "recordId", "R5", false);
        let trigger_source = self.trigger_source(input);
        Some(Checked {
            task_id: task_id??,
            params: params?,
            record_id: record_id?,
            trigger_source: trigger_source?,
        })
    }

    fn wrong_type<V: InputView>(
        &mut self,
        at: &At,
        rule: &'static str,
        expected: &'static [JsonKind],
        got: &V,
    ) {
        let problem = Problem::Type {
            expected,
            got: got.kind(),
        };
        self.report(at, IssueCode::Type, rule, problem);
    }

    /// Reports the fields not in `known`, in the order of their names (as a sorted map holds
    /// them), whatever order the view lists them in. (A heap sorts in little code.)
    fn unknown_fields<V: InputView>(&mut self, at: &At, object: &V, known: &[&'static str]) {
        let mut unknown = Vec::new();
        for name in object.keys() {
            if !is_known(name, known) {
                unknown.push(name);
            }
        }
        if unknown.is_empty() {
            return;
        }
        for name in BinaryHeap::from(unknown).into_sorted_vec() {
            let problem = Problem::UnknownField {
                suggestion: nearest_name(name, known),
            };
            self.report(&at.key(name), IssueCode::UnknownField, SHAPE_RULE, problem);
        }
    }

    /// A required or optional string field; `Some(None)` when an optional field is absent.
    fn string_field<'v, V: InputView>(
        &mut self,
        at: &At,
        object: &'v V,
        name: &'static str,
        rule: &'static str,
        required: bool,
    ) -> Option<Option<&'v V>> {
        let field = at.key(name);
        match present(object.field(name)) {
            None if required => {
                self.report(&field, IssueCode::Required, rule, Problem::Required);
                None
            }
            None => Some(None),
            Some(s) if s.kind() == JsonKind::String => {
                let unpaired = self.noted_unpaired(&field);
                if let Some(position) = unpaired.or_else(|| s.unpaired_surrogate()) {
                    let problem = Problem::UnpairedSurrogate { position };
                    self.report(&field, IssueCode::Charset, rule, problem);
                    return None;
                }
                Some(Some(s))
            }
            Some(other) => {
                self.wrong_type(&field, rule, &[JsonKind::String], other);
                None
            }
        }
    }

    /// Where the reader noted an unpaired surrogate in the string at `at`, if it did.
    fn noted_unpaired(&self, at: &At) -> Option<usize> {
        if self.unpaired.is_empty() {
            return None;
        }
        let path = at.segments();
        self.unpaired
            .iter()
            .find_map(|(noted, position)| (*noted == path).then_some(*position))
    }

    /// `taskId` (R1) or `recordId` (R5): 32 ASCII letters and digits.
    fn id<'v, V: InputView>(
        &mut self,
        object: &'v V,
        name: &'static str,
        rule: &'static str,
        required: bool,
    ) -> Option<Option<&'v V>> {
        let value = self.string_field(&At::Root, object, name, rule, required)?;
        let Some(value) = value else {
            return Some(None);
        };
        let at = At::Root.key(name);
        let length_ok = self.length_range(&at, rule, value, ID_LENGTH, ID_LENGTH);
        let charset_ok = self.charset(&at, rule, value, Charset::LettersDigits);
        (length_ok && charset_ok).then_some(Some(value))
    }

    /// Checks a string's UTF-16 length; `min == max` asks for an exact length.
    fn length_range<V: InputView>(
        &mut self,
        at: &At,
        rule: &'static str,
        value: &V,
        min: usize,
        max: usize,
    ) -> bool {
        let got = value.utf16_len();
        let ok = (min..=max).contains(&got);
        if !ok {
            let problem = if min == max {
                Problem::ExactLength { expected: min, got }
            } else {
                Problem::LengthRange { min, max, got }
            };
            self.report(at, IssueCode::Length, rule, problem);
        }
        ok
    }

    fn charset<V: InputView>(
        &mut self,
        at: &At,
        rule: &'static str,
        value: &V,
        allowed: Charset,
    ) -> bool {
        let Some((position, found)) = value.charset_violation(allowed) else {
            return true;
        };
        let problem = Problem::Charset {
            allowed,
            found,
            position,
        };
        self.report(at, IssueCode::Charset, rule, problem);
        false
    }

    /// `params` (R4): an array of parameters; `Some(None)` when absent.
    #[allow(clippy::type_complexity)]
    fn params<'v, V: InputView>(
        &mut self,
        object: &'v V,
    ) -> Option<Option<Vec<CheckedParam<'v, V>>>> {
        let Some(value) = present(object.field("params")) else {
            return Some(None);
        };
        let at = At::Root.key("params");
        if value.kind() != JsonKind::Array {
            self.wrong_type(&at, "R4", &[JsonKind::Array], value);
            return None;
        }
        let items = value.items();
        let mut params = Vec::with_capacity(items.len());
        let mut all_ok = true;
        for (index, item) in items.iter().enumerate() {
            match self.param(&At::Index(&at, index), item) {
                Some(param) => params.push(param),
                None => all_ok = false,
            }
        }
        all_ok.then_some(Some(params))
    }

    /// One `DynamicConfigInfo` (R7–R9).
    fn param<'v, V: InputView>(&mut self, at: &At, item: &'v V) -> Option<CheckedParam<'v, V>> {
        if item.kind() != JsonKind::Object {
            self.wrong_type(at, "R4", &[JsonKind::Object], item);
            return None;
        }
        self.unknown_fields(at, item, &PARAM_FIELDS);
        let key = self.param_key(at, item);
        let value = self.param_value(at, item);
        let param_type = self.param_type(at, item);
        Some(CheckedParam {
            key: key?,
            value: value?,
            param_type: param_type?,
        })
    }

    fn param_key<'v, V: InputView>(&mut self, at: &At, object: &'v V) -> Option<&'v V> {
        let key = self.string_field(at, object, "key", "R7", true)??;
        let key_at = at.key("key");
        let length_ok = self.length_range(&key_at, "R7", key, 1, KEY_MAX_LENGTH);
        let charset_ok = self.charset(&key_at, "R7", key, Charset::KeyChars);
        (length_ok && charset_ok).then_some(key)
    }

    fn param_value<'v, V: InputView>(&mut self, at: &At, object: &'v V) -> Option<&'v V> {
        let value = self.string_field(at, object, "value", "R8", true)??;
        let value_at = at.key("value");
        let mut ok = self.length_range(&value_at, "R8", value, 0, VALUE_MAX_LENGTH);
        let found = value.forbidden_sequences();
        if found == [false; 3] {
            return ok.then_some(value);
        }
        for (sequence, present) in FORBIDDEN_SEQUENCES.into_iter().zip(found) {
            if present {
                let problem = Problem::ForbiddenSequence { sequence };
                self.report(&value_at, IssueCode::ForbiddenSequence, "R8", problem);
                ok = false;
            }
        }
        ok.then_some(value)
    }

    fn param_type<V: InputView>(&mut self, at: &At, object: &V) -> Option<ParamType> {
        let name = self.string_field(at, object, "type", "R9", true)??;
        let mut parsed = None;
        for (t, literal) in ParamType::ALL.iter().zip(ParamType::NAMES) {
            if name.equals(literal) {
                parsed = Some(*t);
                break;
            }
        }
        if parsed.is_none() {
            let problem = Problem::Enum {
                allowed: &ParamType::NAMES,
            };
            self.report(&at.key("type"), IssueCode::Enum, "R9", problem);
        }
        parsed
    }

    /// `triggerSource` (R6): `"0"`, `"1"`, `0` or `1`; `Some(None)` when absent.
    fn trigger_source<V: InputView>(&mut self, object: &V) -> Option<Option<TriggerSource>> {
        let Some(value) = present(object.field("triggerSource")) else {
            return Some(None);
        };
        let at = At::Root.key("triggerSource");
        let kind = value.kind();
        let number = value.number();
        let parsed = if value.equals("0") || number == Some(0.0) {
            TriggerSource::Any
        } else if value.equals("1") || number == Some(1.0) {
            TriggerSource::PipelineOnly
        } else if matches!(kind, JsonKind::String | JsonKind::Number) {
            let problem = Problem::Enum {
                allowed: &TRIGGER_SOURCES,
            };
            self.report(&at, IssueCode::Enum, "R6", problem);
            return None;
        } else {
            self.wrong_type(&at, "R6", &[JsonKind::String, JsonKind::Number], value);
            return None;
        };
        Some(Some(parsed))
    }
}

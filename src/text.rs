//! Text helpers shared by every reader of JavaScript input: lengths as JavaScript counts them,
//! field names quoted safely in messages, and the nearest known name for a misspelt one.
//!
//! ```
//! use codearts_deploy_wasm::text::{nearest_name, quote_name, utf16_len};
//! assert_eq!(utf16_len("a😀"), 3);
//! assert_eq!(quote_name("a\nb"), "a\\u{a}b");
//! assert_eq!(nearest_name("tokne", &["token", "region"]), Some("token"));
//! ```

/// The longest field name a message quotes; longer (unknown) names are cut with `…`.
pub const MAX_QUOTED_NAME: usize = 64;

/// A field name as messages quote it: cut to [`MAX_QUOTED_NAME`] characters (then `…`) and
/// with control characters shown as `\u{…}`, so an unknown field cannot flood or garble a
/// message.
///
/// ```
/// use codearts_deploy_wasm::text::{quote_name, MAX_QUOTED_NAME};
/// assert_eq!(quote_name("taskId"), "taskId");
/// assert_eq!(quote_name(&"x".repeat(100)).chars().count(), MAX_QUOTED_NAME + 1);
/// ```
pub fn quote_name(name: &str) -> String {
    // Printable ASCII within the limit (every known name): as it is.
    if name.len() <= MAX_QUOTED_NAME && name.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len().min(MAX_QUOTED_NAME * 4));
    for (index, c) in name.chars().enumerate() {
        if index == MAX_QUOTED_NAME {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// The number of UTF-16 code units in `s`, as JavaScript's `.length` counts.
///
/// One pass over the UTF-8 bytes: every byte that starts a character counts one unit, and a
/// four-byte character (outside the BMP, a surrogate pair in UTF-16) one more.
pub fn utf16_len(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    s.bytes()
        .map(|b| match b {
            0x80..=0xBF => 0,
            0xF0..=0xFF => 2,
            _ => 1,
        })
        .sum()
}

/// The known name closest to `name`: the same when case, `_` and `-` are ignored, or within two
/// edits (case-insensitive).
///
/// ```
/// use codearts_deploy_wasm::text::nearest_name;
/// let known = ["taskId", "params", "recordId", "triggerSource"];
/// assert_eq!(nearest_name("trigger_source", &known), Some("triggerSource"));
/// assert_eq!(nearest_name("parms", &known), Some("params"));
/// assert_eq!(nearest_name("color", &known), None);
/// ```
pub fn nearest_name(name: &str, known: &[&'static str]) -> Option<&'static str> {
    let fold = |s: &str| -> Vec<char> {
        s.chars()
            .filter(|c| *c != '_' && *c != '-')
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let folded = fold(name);
    if let Some(exact) = known.iter().find(|k| fold(k) == folded) {
        return Some(exact);
    }
    let lower: Vec<char> = name.chars().map(|c| c.to_ascii_lowercase()).collect();
    known
        .iter()
        .map(|k| {
            let candidate: Vec<char> = k.chars().map(|c| c.to_ascii_lowercase()).collect();
            (edit_distance(&lower, &candidate), *k)
        })
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// Levenshtein distance, with a cut-off for very long names (they are never near).
fn edit_distance(a: &[char], b: &[char]) -> usize {
    if a.len().abs_diff(b.len()) > 2 {
        return usize::MAX;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

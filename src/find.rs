//! Searching a string for another, in time linear in both (Knuth–Morris–Pratt over the bytes).
//!
//! The standard library's `str::find`, `split_once`, `replace` and `contains` with a string
//! pattern bring its two-way searcher into the module, and with it the panic path of slicing a
//! `str` and the formatting of `char`s it uses (with Unicode tables): about 9.5 KB of the
//! module. These return the same as their standard counterparts. A match of valid UTF-8 in
//! valid UTF-8 starts and ends on character boundaries, so every offset slices cleanly.
//!
//! ```
//! use codearts_deploy_wasm::find::{find, replace, rfind, split_once};
//! assert_eq!(find("a://b://c", "://"), Some(1));
//! assert_eq!(rfind("a://b://c", "://"), Some(5));
//! assert_eq!(split_once("Sun, 06 Nov", ", "), Some(("Sun", "06 Nov")));
//! assert_eq!(replace("tok tok", "tok", "***"), "*** ***");
//! ```

/// A needle with its failure table: `table[i]` is the length of the longest proper prefix of
/// `needle[..=i]` that is also its suffix.
struct Needle<'a> {
    bytes: &'a [u8],
    table: Vec<usize>,
}

impl<'a> Needle<'a> {
    fn new(needle: &'a str) -> Needle<'a> {
        let bytes = needle.as_bytes();
        let mut table = vec![0; bytes.len()];
        let mut matched = 0;
        for (i, byte) in bytes.iter().enumerate().skip(1) {
            matched = advance(bytes, &table, matched, *byte);
            if let Some(slot) = table.get_mut(i) {
                *slot = matched;
            }
        }
        Needle { bytes, table }
    }

    /// The first match in `hay` at or after byte `from`.
    fn find_from(&self, hay: &str, from: usize) -> Option<usize> {
        if self.bytes.is_empty() {
            return (from <= hay.len()).then_some(from);
        }
        let mut matched = 0;
        for (i, byte) in hay.as_bytes().iter().enumerate().skip(from) {
            matched = advance(self.bytes, &self.table, matched, *byte);
            if matched == self.bytes.len() {
                return Some(i + 1 - matched);
            }
        }
        None
    }
}

/// How much of the needle is matched after `byte`, given `matched` bytes matched before it.
fn advance(needle: &[u8], table: &[usize], mut matched: usize, byte: u8) -> usize {
    loop {
        if needle.get(matched) == Some(&byte) {
            return matched + 1;
        }
        if matched == 0 {
            return 0;
        }
        matched = table.get(matched - 1).copied().unwrap_or(0);
    }
}

/// The byte offset of the first `needle` in `hay` (as `str::find`).
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    Needle::new(needle).find_from(hay, 0)
}

/// The byte offset of the last `needle` in `hay` (as `str::rfind`).
pub fn rfind(hay: &str, needle: &str) -> Option<usize> {
    let needle = Needle::new(needle);
    let mut last = needle.find_from(hay, 0)?;
    while let Some(next) = needle.find_from(hay, last + 1) {
        last = next;
    }
    Some(last)
}

/// `text` around the first `separator` (as `str::split_once`).
pub fn split_once<'a>(text: &'a str, separator: &str) -> Option<(&'a str, &'a str)> {
    let at = find(text, separator)?;
    Some((text.get(..at)?, text.get(at + separator.len()..)?))
}

/// `text` with every `from` replaced by `to`, left to right without overlaps (as `str::replace`
/// with a non-empty `from`; an empty `from` leaves `text` as it is).
pub fn replace(text: &str, from: &str, to: &str) -> String {
    if from.is_empty() {
        return text.to_string();
    }
    let needle = Needle::new(from);
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    while let Some(at) = needle.find_from(text, done) {
        out.push_str(text.get(done..at).unwrap_or_default());
        out.push_str(to);
        done = at + from.len();
    }
    out.push_str(text.get(done..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_standard_library_on_overlaps_and_repeats() {
        let cases = [
            ("", ""),
            ("", "a"),
            ("a", ""),
            ("aaaa", "aa"),
            ("abababab", "abab"),
            ("aabaabaaab", "aaab"),
            ("部署部署参数", "部署"),
            ("x😀y😀", "😀"),
            ("Signature=a, Signature=b", "Signature="),
            (
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
                "aaaaaaaaaaaaaaaaaab",
            ),
            (
                "abcabcabcabcabcabcabdabcabcabcabcabcabd",
                "abcabcabcabcabcabd",
            ),
            ("no match here", "xyz"),
        ];
        for (hay, needle) in cases {
            assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
            assert_eq!(rfind(hay, needle), hay.rfind(needle), "{hay:?} {needle:?}");
            assert_eq!(
                split_once(hay, needle),
                hay.split_once(needle),
                "{hay:?} {needle:?}"
            );
            if !needle.is_empty() {
                assert_eq!(
                    replace(hay, needle, "*"),
                    hay.replace(needle, "*"),
                    "{hay:?}"
                );
            }
        }
    }
}

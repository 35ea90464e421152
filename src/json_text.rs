//! JSON text written directly (no serializer): the string escaping of `serde_json`, byte for
//! byte, so the request body is the same as before and needs no JSON library in the module.
//!
//! ```
//! let mut out = String::new();
//! codearts_deploy_wasm::json_text::push_string(&mut out, "a\"b\\c\n\u{1}é");
//! assert_eq!(out, r#""a\"b\\c\n\u0001é""#);
//! ```

/// Appends `s` as a JSON string literal: `"` and `\` escaped, control characters as `\b \t \n
/// \f \r` or `\u00XX`, everything else (non-ASCII included) as it is.
pub fn push_string(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (at, byte) in s.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(start..at).unwrap_or_default());
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(hex_digit(byte >> 4));
            out.push(hex_digit(byte & 0x0f));
        } else {
            out.push_str(escape);
        }
        start = at + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

/// The lower-case hex digit of a nibble.
fn hex_digit(n: u8) -> char {
    char::from(b"0123456789abcdef"[usize::from(n & 0x0f)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_is_written_as_serde_json_writes_it() {
        let all: String = (0u32..0x800)
            .chain([0x2028, 0x2029, 0xfffd, 0x1f600])
            .filter_map(char::from_u32)
            .collect();
        let mut out = String::new();
        push_string(&mut out, &all);
        assert_eq!(out, serde_json::to_string(&all).unwrap());
    }
}

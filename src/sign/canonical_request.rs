//! The canonical request of `SDK-HMAC-SHA256`: canonical URI and query, percent-encoding and
//! hex, and the request text itself.

use super::stable_sort;

/// Percent-decodes `%XX` (hex digits of either case) to bytes and reads them as UTF-8, an
/// invalid sequence becoming U+FFFD; a `%` not followed by two hex digits stays as is.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hi = bytes.get(i + 1).and_then(|c| hex_value(*c));
            let lo = bytes.get(i + 2).and_then(|c| hex_value(*c));
            if let (Some(hi), Some(lo)) = (hi, lo) {
                out.push(hi << 4 | lo);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Percent-encodes every byte of the UTF-8 text except `A-Za-z0-9-_.~`, upper-case hex. Runs
/// of kept characters are copied whole (a push per character was most of its cost).
fn percent_encode(s: &str, out: &mut String) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let mut run_start = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            continue;
        }
        // A run of kept bytes is ASCII, so it starts and ends between characters (an empty
        // one after an encoded lead byte may not, and has nothing to copy).
        out.push_str(s.get(run_start..i).unwrap_or(""));
        let escape = [
            b'%',
            DIGITS[usize::from(b >> 4)],
            DIGITS[usize::from(b & 0x0f)],
        ];
        out.push_str(std::str::from_utf8(&escape).unwrap_or(""));
        run_start = i + 1;
    }
    out.push_str(s.get(run_start..).unwrap_or(""));
}

pub(super) fn canonical_uri(path: &str) -> String {
    // Most paths hold no escape: decoding them would only copy them.
    let decoded = match path.contains('%') {
        true => std::borrow::Cow::Owned(percent_decode(path)),
        false => std::borrow::Cow::Borrowed(path),
    };
    let mut out = String::with_capacity(decoded.len() + 1);
    for (i, segment) in decoded.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        percent_encode(segment, &mut out);
    }
    if !out.ends_with('/') {
        out.push('/');
    }
    out
}

pub(super) fn canonical_query(query: &str) -> String {
    let pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|piece| !piece.is_empty())
        .map(|piece| {
            let (key, value) = piece.split_once('=').unwrap_or((piece, ""));
            (percent_decode(key), percent_decode(value))
        })
        .collect();
    let pairs = stable_sort(pairs, &|a, b| a.cmp(b));
    let mut out = String::new();
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        percent_encode(key, &mut out);
        out.push('=');
        percent_encode(value, &mut out);
    }
    out
}

/// The canonical request: method (upper-cased), canonical URI and query, the signed headers
/// (`name:value` lines, names lower-cased and sorted by the caller), the signed header names and
/// the payload hash.
pub(super) fn canonical_request(
    method: &str,
    path: &str,
    query: &str,
    headers: &[(String, &str)],
    signed_headers: &str,
    payload_hash: &str,
) -> String {
    let mut out = String::with_capacity(256);
    out.push_str(method);
    out.make_ascii_uppercase();
    out.push('\n');
    out.push_str(&canonical_uri(path));
    out.push('\n');
    out.push_str(&canonical_query(query));
    out.push('\n');
    for (name, value) in headers {
        out.push_str(name);
        out.push(':');
        out.push_str(value);
        out.push('\n');
    }
    out.push('\n');
    out.push_str(signed_headers);
    out.push('\n');
    out.push_str(payload_hash);
    out
}

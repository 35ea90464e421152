//! What the signer checks before signing (credentials, method, header names and values), and
//! the few header-list operations it needs.

use super::{Credentials, SignError};

/// The signer's rule for credentials, the one rule the client config is checked with too: a
/// non-empty access key of visible ASCII without `,` (it is written into `Authorization`), a
/// non-empty secret key, and a security token, when given, of visible ASCII.
///
/// ```
/// use codearts_deploy_wasm::sign::{check_credentials, Credentials, SignError};
/// let with = |access_key| Credentials { access_key, secret_key: "SK", security_token: None };
/// assert_eq!(check_credentials(&with("AK")), Ok(()));
/// assert_eq!(check_credentials(&with("A K")), Err(SignError::InvalidAccessKey));
/// assert_eq!(check_credentials(&with("A,K")), Err(SignError::InvalidAccessKey));
/// ```
pub fn check_credentials(credentials: &Credentials<'_>) -> Result<(), SignError> {
    if credentials.access_key.is_empty() {
        return Err(SignError::EmptyAccessKey);
    }
    if !credentials
        .access_key
        .bytes()
        .all(|b| b.is_ascii_graphic() && b != b',')
    {
        return Err(SignError::InvalidAccessKey);
    }
    if credentials.secret_key.is_empty() {
        return Err(SignError::EmptySecretKey);
    }
    if let Some(token) = credentials.security_token {
        if token.is_empty() {
            return Err(SignError::EmptySecurityToken);
        }
        if !token.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(SignError::InvalidSecurityToken);
        }
    }
    Ok(())
}

pub(super) fn check_headers(headers: &[(String, String)]) -> Result<(), SignError> {
    // Lower-cased names seen so far: a set keeps a request with many headers linear. A few
    // headers are compared with the ones before instead (no copy of each name).
    let mut seen = std::collections::BTreeSet::new();
    let few = headers.len() <= FEW_HEADERS;
    for (index, (name, value)) in headers.iter().enumerate() {
        if !is_token(name) {
            return Err(SignError::InvalidHeaderName { index });
        }
        // RFC 9110 field-content: a tab is legal inside a value, other controls are not.
        if has_control(value) {
            return Err(SignError::HeaderValueControl { name: name.clone() });
        }
        if !value.is_ascii() {
            return Err(SignError::HeaderValueNonAscii { name: name.clone() });
        }
        if name.eq_ignore_ascii_case("authorization") {
            return Err(SignError::AuthorizationPresent);
        }
        let duplicate = match few {
            true => headers
                .iter()
                .take(index)
                .any(|(before, _)| before.eq_ignore_ascii_case(name)),
            false => !seen.insert(name.to_ascii_lowercase()),
        };
        if duplicate {
            return Err(SignError::DuplicateHeader { name: name.clone() });
        }
    }
    Ok(())
}

/// Up to this many headers, duplicates are found by comparing each name with those before it.
const FEW_HEADERS: usize = 16;

/// Whether `value` holds a control character other than a tab; ASCII checked byte by byte.
fn has_control(value: &str) -> bool {
    if value.is_ascii() {
        return value.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f);
    }
    value.chars().any(|c| c.is_control() && c != '\t')
}

/// An HTTP token (RFC 9110 `tchar`s), as header names and methods are.
pub(super) fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'!' | b'#'
                        | b'$'
                        | b'%'
                        | b'&'
                        | b'\''
                        | b'*'
                        | b'+'
                        | b'-'
                        | b'.'
                        | b'^'
                        | b'_'
                        | b'`'
                        | b'|'
                        | b'~'
                )
        })
}

/// Values are ASCII without control characters but tabs here, so Python's `str.strip()`
/// removes exactly the spaces and tabs around them — what `fetch` trims before sending.
pub(super) fn trim_value(value: &str) -> &str {
    value.trim_matches(|c| c == ' ' || c == '\t')
}

pub(super) fn find_header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Replaces the value of `name` (any case, keeping the caller's spelling and position), or
/// appends it.
pub(super) fn set_header(headers: &mut Vec<(String, String)>, name: &str, value: &str) {
    match headers
        .iter_mut()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
    {
        Some((_, v)) => *v = value.to_string(),
        None => headers.push((name.to_string(), value.to_string())),
    }
}

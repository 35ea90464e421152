//! Why a request cannot be signed: [`SignError`], opaque to secrets by construction.

use std::fmt;

use crate::url::UrlError;

/// Why a request cannot be signed. [`SignError::code`] is stable. Neither the code nor the
/// message ever contains the secret key, the security token or a header value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignError {
    /// The access key is empty.
    EmptyAccessKey,
    /// The access key holds a character other than visible ASCII, or a comma.
    InvalidAccessKey,
    /// The secret key is empty.
    EmptySecretKey,
    /// The security token is present but empty.
    EmptySecurityToken,
    /// The security token holds a character other than visible ASCII.
    InvalidSecurityToken,
    /// The method is empty or not an HTTP token.
    InvalidMethod,
    /// The URL is refused (see [`crate::url::UrlError`]).
    Url(UrlError),
    /// The header at this position (0-based) has an empty name or one with a character an HTTP
    /// header name cannot hold.
    InvalidHeaderName {
        /// The header's position in the request's header list.
        index: usize,
    },
    /// This header's value holds a control character (CR, LF, tab, NUL, …): header injection.
    HeaderValueControl {
        /// The header's name.
        name: String,
    },
    /// This header's value holds a non-ASCII character, which `fetch` cannot send as signed.
    HeaderValueNonAscii {
        /// The header's name.
        name: String,
    },
    /// This header name is given twice (names are case-insensitive).
    DuplicateHeader {
        /// The header's name, as given the second time.
        name: String,
    },
    /// The request already has an `Authorization` header.
    AuthorizationPresent,
    /// The signing time (argument or `X-Sdk-Date` header) is not a valid `YYYYMMDDTHHMMSSZ`.
    InvalidSdkDate,
    /// The time given to [`format_sdk_date`](super::format_sdk_date) is not a finite time in years 1 to 9999.
    TimeOutOfRange,
    /// The HMAC could not be keyed (not expected with SHA-256).
    Hmac,
}

impl SignError {
    /// A stable, machine-readable code. URL problems keep [`UrlError::code`] (`url_…`).
    ///
    /// ```
    /// use codearts_deploy_wasm::sign::SignError;
    /// assert_eq!(SignError::EmptySecretKey.code(), "empty_secret_key");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            SignError::EmptyAccessKey => "empty_access_key",
            SignError::InvalidAccessKey => "invalid_access_key",
            SignError::EmptySecretKey => "empty_secret_key",
            SignError::EmptySecurityToken => "empty_security_token",
            SignError::InvalidSecurityToken => "invalid_security_token",
            SignError::InvalidMethod => "invalid_method",
            SignError::Url(e) => e.code(),
            SignError::InvalidHeaderName { .. } => "invalid_header_name",
            SignError::HeaderValueControl { .. } => "header_value_control_character",
            SignError::HeaderValueNonAscii { .. } => "header_value_non_ascii",
            SignError::DuplicateHeader { .. } => "duplicate_header",
            SignError::AuthorizationPresent => "authorization_present",
            SignError::InvalidSdkDate => "invalid_sdk_date",
            SignError::TimeOutOfRange => "time_out_of_range",
            SignError::Hmac => "hmac_key",
        }
    }
}

impl fmt::Display for SignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignError::EmptyAccessKey => f.write_str("the access key (AK) is empty"),
            SignError::InvalidAccessKey => f.write_str(
                "the access key (AK) may only hold visible ASCII characters other than ','",
            ),
            SignError::EmptySecretKey => f.write_str("the secret key (SK) is empty"),
            SignError::EmptySecurityToken => {
                f.write_str("the security token is empty; leave it out for permanent credentials")
            }
            SignError::InvalidSecurityToken => {
                f.write_str("the security token may only hold visible ASCII characters")
            }
            SignError::InvalidMethod => {
                f.write_str("the HTTP method must be a non-empty token such as POST")
            }
            SignError::Url(e) => write!(f, "cannot sign the request: {e}"),
            SignError::InvalidHeaderName { index } => write!(
                f,
                "header #{} has an empty name or one with a character a header name cannot hold",
                index.saturating_add(1)
            ),
            SignError::HeaderValueControl { name } => write!(
                f,
                "the value of header {name} holds a control character (such as CR, LF or tab)"
            ),
            SignError::HeaderValueNonAscii { name } => write!(
                f,
                "the value of header {name} holds a non-ASCII character; encode it first"
            ),
            SignError::DuplicateHeader { name } => write!(
                f,
                "header {name} is given more than once (header names ignore case)"
            ),
            SignError::AuthorizationPresent => f.write_str(
                "the request already has an Authorization header; remove it to sign with AK/SK",
            ),
            SignError::InvalidSdkDate => f.write_str(
                "the signing time must be UTC as YYYYMMDDTHHMMSSZ, e.g. 20240102T030405Z",
            ),
            SignError::TimeOutOfRange => {
                f.write_str("the time is not a finite date between the years 1 and 9999")
            }
            SignError::Hmac => f.write_str("the signing key could not be used"),
        }
    }
}

impl std::error::Error for SignError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SignError::Url(e) => Some(e),
            _ => None,
        }
    }
}

impl From<UrlError> for SignError {
    fn from(e: UrlError) -> Self {
        SignError::Url(e)
    }
}

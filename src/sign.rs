//! AK/SK request signing (`SDK-HMAC-SHA256`), byte-compatible with the official Huawei Cloud
//! Python SDK (`huaweicloudsdkcore`, `huaweicloudsdkcore.signer.signer.Signer`, reached through
//! `BasicCredentials.sign_request`). `tests/vectors/signing.json`, written by that SDK, pins it.
//!
//! What the SDK does, and therefore what [`sign_with_options`] does in SDK mode:
//!
//! - **Signed headers**: every header of the request whose name holds no `_`, lower-cased,
//!   sorted, joined with `;`. That includes everything the caller gives (`Content-Type`,
//!   `User-Agent`, `X-Project-Id`, any custom header) and what the signer adds (`Host`,
//!   `X-Sdk-Date`, `X-Security-Token`, `X-Sdk-Content-Sha256`). A name holding `_` is sent but
//!   never signed.
//! - **Values** are trimmed before signing and sent trimmed; inner spaces stay.
//! - **`X-Sdk-Date`**: a caller's own header (any case) is kept under the caller's name and
//!   wins; otherwise `X-Sdk-Date` is added.
//! - **`Host`**: a caller's own header (any case) is kept and signed; otherwise `Host` is the
//!   URL's authority exactly as written (`h:443` stays `h:443`, case kept).
//! - **`X-Security-Token`** (temporary credentials) is set before signing, so it is signed.
//! - **`UNSIGNED-PAYLOAD`**: when a header named exactly `Content-Type` (case-sensitive name)
//!   has a non-empty value that, *untrimmed*, starts neither with `application/json` nor with
//!   `application/bson` (case-sensitive prefix test), the SDK adds
//!   `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD`, signs it, and uses `UNSIGNED-PAYLOAD` as the
//!   payload hash, unless the body is empty (then the hash of `""` is used anyway).
//!   So `text/plain`, `application/octet-stream`, `Application/JSON` and
//!   `"  application/json"` are unsigned payloads; `application/json-patch+json`, a
//!   lower-case `content-type: text/plain` and no content type at all are hashed.
//! - **Canonical URI**: the path is percent-decoded (invalid UTF-8 becomes U+FFFD), split on
//!   `/` (so `%2F` becomes a separator), each segment re-encoded keeping only
//!   `A-Za-z0-9-_.~` (upper-case `%XX` of the UTF-8 bytes), and a `/` is appended when the
//!   result does not end with one.
//! - **Canonical query**: pairs decoded (`%XX` a UTF-8 byte, a raw `+` stays a plus, a bare key
//!   has an empty value, empty pieces dropped), sorted by key then value, each encoded as
//!   above (`%20` for space, `%2B` for plus, `%2A`, `~` kept), `k=v` joined with `&`.
//! - **Payload hash**: lower-case hex SHA-256 of the body bytes (of `""` when empty).
//!
//! Where this module differs, on purpose:
//!
//! - **Browser mode** ([`sign`], or [`SignOptions::browser`]): `User-Agent` is not signed
//!   (browsers do not reliably send a chosen one), no `Host` header is returned (browsers
//!   cannot set it) and `host` is signed as `fetch` will send it:
//!   [`Url::authority_for_host_header`](crate::url::Url::authority_for_host_header) (host
//!   lower-cased, default port dropped). For a URL whose authority is already in that form
//!   the signature equals the SDK's.
//! - Requests the SDK would mishandle are refused instead ([`SignError`]): a header name given
//!   twice in different cases, an `Authorization` header already present (the SDK would skip
//!   signing), control characters or non-ASCII in a header value, an invalid header name or
//!   method, an `X-Sdk-Date` that is not `YYYYMMDDTHHMMSSZ`, empty keys, URLs [`crate::url`]
//!   refuses. A caller's `X-Security-Token` or `X-Sdk-Content-Sha256` in another case than
//!   the SDK's is replaced in place where the SDK would send it twice. A caller's `X-Sdk-Date`
//!   with surrounding spaces is trimmed (the SDK's `strptime` would raise).
//! - The SDK takes query parameters as a list, not a URL; a URL's query is read as Huawei's
//!   API Gateway signer reads one (`unquote` on each side of the first `=`, so a raw `+` is a
//!   plus: write `%20` for a space; `URLSearchParams` writes `+`, servers disagree on it), which
//!   is how the vectors were made and how the project's local service verifies.
//!
//! ```
//! use codearts_deploy_wasm::sign::{sign, Credentials, SignableRequest};
//! let headers = vec![("Content-Type".to_string(), "application/json;charset=UTF-8".to_string())];
//! let request = SignableRequest {
//!     method: "POST",
//!     url: "https://codearts-deploy.cn-north-4.myhuaweicloud.com/v2/tasks/d2dc947ec2424d8789bb3984bb3adf45/start",
//!     headers: &headers,
//!     body: br#"{"trigger_source":"0"}"#,
//! };
//! let credentials = Credentials { access_key: "AK", secret_key: "SK", security_token: None };
//! let sent = sign(&request, &credentials, "20240102T030405Z", false).unwrap();
//! assert_eq!(sent[1], ("X-Sdk-Date".to_string(), "20240102T030405Z".to_string()));
//! assert!(sent[2].1.starts_with("SDK-HMAC-SHA256 Access=AK, SignedHeaders=content-type;host;x-sdk-date, Signature="));
//! ```

use std::fmt;

use crate::digest::{Digests, RustDigests};
use crate::url::{self, UrlError};

/// The signing algorithm's name, first word of `Authorization` and of the string to sign.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
/// The header carrying the signing time.
pub const HEADER_SDK_DATE: &str = "X-Sdk-Date";
/// The header carrying a temporary credential's security token.
pub const HEADER_SECURITY_TOKEN: &str = "X-Security-Token";
/// The header announcing an unsigned payload.
pub const HEADER_CONTENT_SHA256: &str = "X-Sdk-Content-Sha256";
/// The value of [`HEADER_CONTENT_SHA256`] (and the payload hash) for an unsigned payload.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const MASK: &str = "********";

/// An AK/SK pair, with the security token of temporary credentials.
///
/// Its `Debug` output masks the secret key and the token.
///
/// ```
/// use codearts_deploy_wasm::sign::Credentials;
/// let c = Credentials { access_key: "AK", secret_key: "top-secret", security_token: Some("sts-xyz") };
/// let shown = format!("{c:?}");
/// assert!(shown.contains("AK") && !shown.contains("top-secret") && !shown.contains("sts-xyz"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Credentials<'a> {
    /// The access key id (AK); it appears in `Authorization`.
    pub access_key: &'a str,
    /// The secret access key (SK); only ever used as the HMAC key.
    pub secret_key: &'a str,
    /// The security token of temporary credentials; sent and signed as `X-Security-Token`.
    pub security_token: Option<&'a str>,
}

impl fmt::Debug for Credentials<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key", &self.access_key)
            .field("secret_key", &MASK)
            .field("security_token", &self.security_token.map(|_| MASK))
            .finish()
    }
}

/// The request to sign: method, absolute URL, headers (in order, names as given) and body.
///
/// ```
/// use codearts_deploy_wasm::sign::SignableRequest;
/// let r = SignableRequest { method: "GET", url: "https://h/v2/tasks", headers: &[], body: b"" };
/// assert_eq!(r.method, "GET");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignableRequest<'a> {
    /// The HTTP method; the canonical request upper-cases it.
    pub method: &'a str,
    /// The absolute `http`/`https` URL the request goes to (see [`crate::url::parse`]).
    pub url: &'a str,
    /// The headers the caller will send, `(name, value)`; names are compared case-insensitively.
    pub headers: &'a [(String, String)],
    /// The body bytes exactly as sent (empty for none).
    pub body: &'a [u8],
}

/// How to sign: the time, and which of the SDK's habits to keep.
///
/// ```
/// use codearts_deploy_wasm::sign::SignOptions;
/// let sdk = SignOptions::sdk("20240102T030405Z");
/// assert!(sdk.include_host && sdk.sign_user_agent);
/// let browser = SignOptions::browser("20240102T030405Z");
/// assert!(!browser.include_host && !browser.sign_user_agent);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignOptions<'a> {
    /// The signing time, `YYYYMMDDTHHMMSSZ` (see [`format_sdk_date`]); a caller's own
    /// `X-Sdk-Date` header wins over it.
    pub sdk_date: &'a str,
    /// `true`: return a `Host` header and sign the URL's authority as written (the SDK's way).
    /// `false`: return no `Host` header (the runtime sets it) and sign the authority the
    /// runtime will send (lower-cased host, default port dropped). A caller's own `Host` header
    /// is kept and signed either way.
    pub include_host: bool,
    /// Whether a caller's `User-Agent` header is signed (the SDK signs it; browsers may replace
    /// it, so the browser mode does not). It is returned either way.
    pub sign_user_agent: bool,
}

impl<'a> SignOptions<'a> {
    /// Exactly the Python SDK's behaviour.
    ///
    /// ```
    /// assert!(codearts_deploy_wasm::sign::SignOptions::sdk("20240102T030405Z").include_host);
    /// ```
    pub fn sdk(sdk_date: &'a str) -> SignOptions<'a> {
        SignOptions {
            sdk_date,
            include_host: true,
            sign_user_agent: true,
        }
    }

    /// What every JavaScript runtime can really send: no `Host` header returned, `host`
    /// signed as `fetch` sends it, `User-Agent` not signed.
    ///
    /// ```
    /// assert!(!codearts_deploy_wasm::sign::SignOptions::browser("20240102T030405Z").include_host);
    /// ```
    pub fn browser(sdk_date: &'a str) -> SignOptions<'a> {
        SignOptions {
            sdk_date,
            include_host: false,
            sign_user_agent: false,
        }
    }
}

/// The result of signing: the headers to send, and the intermediate strings (for debugging
/// and tests; they contain header values such as the security token, so do not log them).
///
/// No `Debug`, on purpose.
#[derive(Clone, PartialEq, Eq)]
pub struct Signed {
    /// Every header to send, in order: the caller's (values trimmed), then the added ones
    /// (`X-Security-Token`, `X-Sdk-Content-Sha256`, `X-Sdk-Date`, `Host`, `Authorization`, each
    /// only when added).
    pub headers: Vec<(String, String)>,
    /// The signed header names, lower-cased, sorted, `;`-joined.
    pub signed_headers: String,
    /// The canonical request.
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// The signature, lower-case hex.
    pub signature: String,
}

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
    /// The time given to [`format_sdk_date`] is not a finite time in years 1 to 9999.
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

/// Signs `request` for a JavaScript runtime and returns every header to send.
///
/// `include_host: false` is [`SignOptions::browser`]; `include_host: true` is
/// [`SignOptions::sdk`] except that `User-Agent` is still not signed. Use
/// [`sign_with_options`] for the SDK's exact behaviour or the intermediate strings.
///
/// The headers are the caller's (values trimmed), then `X-Security-Token` (temporary
/// credentials), `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` (non-JSON `Content-Type`),
/// `X-Sdk-Date` (unless the caller set one), `Host` (only when `include_host`, and unless the
/// caller set one) and `Authorization`.
///
/// ```
/// use codearts_deploy_wasm::sign::{sign, Credentials, SignableRequest};
/// let request = SignableRequest { method: "GET", url: "https://h/v2/tasks?b=2&a=1", headers: &[], body: b"" };
/// let credentials = Credentials { access_key: "AK", secret_key: "SK", security_token: Some("TOKEN") };
/// let sent = sign(&request, &credentials, "20240102T030405Z", true).unwrap();
/// let names: Vec<&str> = sent.iter().map(|(n, _)| n.as_str()).collect();
/// assert_eq!(names, ["X-Security-Token", "X-Sdk-Date", "Host", "Authorization"]);
/// assert!(sent[3].1.contains("SignedHeaders=host;x-sdk-date;x-security-token,"));
/// ```
pub fn sign(
    request: &SignableRequest<'_>,
    credentials: &Credentials<'_>,
    sdk_date: &str,
    include_host: bool,
) -> Result<Vec<(String, String)>, SignError> {
    let options = SignOptions {
        sdk_date,
        include_host,
        sign_user_agent: false,
    };
    sign_with_options(request, credentials, &options).map(|signed| signed.headers)
}

/// Signs `request` and returns the headers to send with the intermediate strings.
/// [`SignOptions::sdk`] reproduces the Python SDK byte for byte.
///
/// ```
/// use codearts_deploy_wasm::sign::{sign_with_options, Credentials, SignOptions, SignableRequest};
/// let headers = vec![("Content-Type".to_string(), "text/plain".to_string())];
/// let request = SignableRequest { method: "POST", url: "https://h:8443/notes", headers: &headers, body: b"hi" };
/// let credentials = Credentials { access_key: "AK", secret_key: "SK", security_token: None };
/// let signed = sign_with_options(&request, &credentials, &SignOptions::sdk("20240102T030405Z")).unwrap();
/// assert_eq!(signed.signed_headers, "content-type;host;x-sdk-content-sha256;x-sdk-date");
/// assert!(signed.canonical_request.starts_with("POST\n/notes/\n\ncontent-type:text/plain\nhost:h:8443\n"));
/// assert!(signed.canonical_request.ends_with("\nUNSIGNED-PAYLOAD"));
/// ```
pub fn sign_with_options(
    request: &SignableRequest<'_>,
    credentials: &Credentials<'_>,
    options: &SignOptions<'_>,
) -> Result<Signed, SignError> {
    sign_with_digests(request, credentials, options, &RustDigests)
}

/// [`sign_with_options`] with the hashes computed by `digests` (a runtime's own, when faster).
pub fn sign_with_digests(
    request: &SignableRequest<'_>,
    credentials: &Credentials<'_>,
    options: &SignOptions<'_>,
    digests: &dyn Digests,
) -> Result<Signed, SignError> {
    check_credentials(credentials)?;
    if !is_token(request.method) {
        return Err(SignError::InvalidMethod);
    }
    let url = url::parse(request.url)?;
    check_headers(request.headers)?;

    // The working header list, in the order the SDK's dict ends up in.
    let mut headers: Vec<(String, String)> = request
        .headers
        .iter()
        .map(|(n, v)| (n.clone(), v.clone()))
        .collect();

    if let Some(token) = credentials.security_token {
        set_header(&mut headers, HEADER_SECURITY_TOKEN, token);
    }

    // The SDK tests the untrimmed value of a header named exactly `Content-Type`.
    let unsigned_payload = headers
        .iter()
        .find(|(n, _)| n == "Content-Type")
        .is_some_and(|(_, v)| {
            !v.is_empty()
                && !v.starts_with("application/json")
                && !v.starts_with("application/bson")
        });
    if unsigned_payload {
        set_header(&mut headers, HEADER_CONTENT_SHA256, UNSIGNED_PAYLOAD);
    }

    let date = match find_header(&headers, HEADER_SDK_DATE) {
        Some(value) => trim_value(value).to_string(),
        None => {
            headers.push((HEADER_SDK_DATE.to_string(), options.sdk_date.to_string()));
            options.sdk_date.to_string()
        }
    };
    if !is_valid_sdk_date(&date) {
        return Err(SignError::InvalidSdkDate);
    }

    // `host` is always signed; the header itself is sent only when the caller may set it.
    let mut signed_host: Option<String> = None;
    if find_header(&headers, "host").is_none() {
        if options.include_host {
            headers.push(("Host".to_string(), url.authority().to_string()));
        } else {
            signed_host = Some(url.authority_for_host_header());
        }
    }

    for (_, value) in headers.iter_mut() {
        let trimmed = trim_value(value);
        if trimmed.len() != value.len() {
            *value = trimmed.to_string();
        }
    }

    let mut canonical_headers: Vec<(String, &str)> = headers
        .iter()
        .filter(|(name, _)| !name.contains('_'))
        .map(|(name, value)| (name.to_ascii_lowercase(), value.as_str()))
        .filter(|(name, _)| options.sign_user_agent || name != "user-agent")
        .collect();
    if let Some(host) = signed_host.as_deref() {
        canonical_headers.push(("host".to_string(), host));
    }
    canonical_headers.sort_by(|a, b| a.0.cmp(&b.0));

    let signed_headers = canonical_headers
        .iter()
        .map(|(name, _)| name.as_str())
        .collect::<Vec<_>>()
        .join(";");

    let payload_hash = if request.body.is_empty() {
        EMPTY_SHA256.to_string()
    } else {
        match find_header(&headers, HEADER_CONTENT_SHA256) {
            Some(value) if !value.is_empty() => value.to_string(),
            _ => digests.sha256_hex(request.body),
        }
    };

    let mut canonical_request = String::new();
    canonical_request.push_str(&request.method.to_ascii_uppercase());
    canonical_request.push('\n');
    canonical_request.push_str(&canonical_uri(url.path()));
    canonical_request.push('\n');
    canonical_request.push_str(&canonical_query(url.query().unwrap_or("")));
    canonical_request.push('\n');
    for (name, value) in &canonical_headers {
        canonical_request.push_str(name);
        canonical_request.push(':');
        canonical_request.push_str(value);
        canonical_request.push('\n');
    }
    canonical_request.push('\n');
    canonical_request.push_str(&signed_headers);
    canonical_request.push('\n');
    canonical_request.push_str(&payload_hash);

    let string_to_sign = format!(
        "{ALGORITHM}\n{date}\n{}",
        digests.sha256_hex(canonical_request.as_bytes())
    );
    let signature = digests
        .hmac_sha256_hex(credentials.secret_key.as_bytes(), string_to_sign.as_bytes())
        .ok_or(SignError::Hmac)?;

    headers.push((
        "Authorization".to_string(),
        format!(
            "{ALGORITHM} Access={}, SignedHeaders={signed_headers}, Signature={signature}",
            credentials.access_key
        ),
    ));

    Ok(Signed {
        headers,
        signed_headers,
        canonical_request,
        string_to_sign,
        signature,
    })
}

/// Formats a time (milliseconds since the Unix epoch, as JavaScript's `Date.now()`) as the
/// signing time `YYYYMMDDTHHMMSSZ` in UTC; milliseconds are dropped (rounded down).
///
/// ```
/// use codearts_deploy_wasm::sign::format_sdk_date;
/// assert_eq!(format_sdk_date(0.0).unwrap(), "19700101T000000Z");
/// assert_eq!(format_sdk_date(1_704_164_645_999.0).unwrap(), "20240102T030405Z");
/// assert!(format_sdk_date(f64::NAN).is_err());
/// ```
pub fn format_sdk_date(unix_millis: f64) -> Result<String, SignError> {
    // 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, in seconds since the epoch.
    const MIN_SECONDS: f64 = -62_135_596_800.0;
    const MAX_SECONDS: f64 = 253_402_300_799.0;
    if !unix_millis.is_finite() {
        return Err(SignError::TimeOutOfRange);
    }
    let seconds = (unix_millis / 1000.0).floor();
    if !(MIN_SECONDS..=MAX_SECONDS).contains(&seconds) {
        return Err(SignError::TimeOutOfRange);
    }
    // In range, so the conversion is exact.
    let seconds = seconds as i64;
    let days = seconds.div_euclid(86_400);
    let second_of_day = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    Ok(format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        second_of_day / 3600,
        second_of_day % 3600 / 60,
        second_of_day % 60
    ))
}

/// Whether `value` is a signing time as the SDK writes and reads it: `YYYYMMDDTHHMMSSZ`, a real
/// UTC calendar date and time of the years 0001 to 9999 (no leap second).
///
/// ```
/// use codearts_deploy_wasm::sign::is_valid_sdk_date;
/// assert!(is_valid_sdk_date("20240229T235959Z"));
/// assert!(!is_valid_sdk_date("20230229T000000Z"));
/// assert!(!is_valid_sdk_date("2024-01-02T03:04:05Z"));
/// ```
pub fn is_valid_sdk_date(value: &str) -> bool {
    let b = value.as_bytes();
    let [y0, y1, y2, y3, mo0, mo1, d0, d1, b'T', h0, h1, mi0, mi1, s0, s1, b'Z'] = b else {
        return false;
    };
    let digits = [y0, y1, y2, y3, mo0, mo1, d0, d1, h0, h1, mi0, mi1, s0, s1];
    if !digits.iter().all(|d| d.is_ascii_digit()) {
        return false;
    }
    let n = |ds: &[&u8]| {
        ds.iter()
            .fold(0i64, |acc, d| acc * 10 + i64::from(**d - b'0'))
    };
    let year = n(&[y0, y1, y2, y3]);
    let month = n(&[mo0, mo1]);
    let day = n(&[d0, d1]);
    let hour = n(&[h0, h1]);
    let minute = n(&[mi0, mi1]);
    let second = n(&[s0, s1]);
    year >= 1
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month)
        && hour <= 23
        && minute <= 59
        && second <= 59
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day); Howard Hinnant's
/// `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let day = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let month = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn check_credentials(credentials: &Credentials<'_>) -> Result<(), SignError> {
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

fn check_headers(headers: &[(String, String)]) -> Result<(), SignError> {
    // Lower-cased names seen so far: a set keeps a request with many headers linear.
    let mut seen = std::collections::BTreeSet::new();
    for (index, (name, value)) in headers.iter().enumerate() {
        if !is_token(name) {
            return Err(SignError::InvalidHeaderName { index });
        }
        if value.chars().any(char::is_control) {
            return Err(SignError::HeaderValueControl { name: name.clone() });
        }
        if !value.is_ascii() {
            return Err(SignError::HeaderValueNonAscii { name: name.clone() });
        }
        if name.eq_ignore_ascii_case("authorization") {
            return Err(SignError::AuthorizationPresent);
        }
        if !seen.insert(name.to_ascii_lowercase()) {
            return Err(SignError::DuplicateHeader { name: name.clone() });
        }
    }
    Ok(())
}

/// An HTTP token (RFC 9110 `tchar`s), as header names and methods are.
fn is_token(s: &str) -> bool {
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

/// Values are ASCII without control characters here, so Python's `str.strip()` removes
/// exactly the spaces.
fn trim_value(value: &str) -> &str {
    value.trim_matches(' ')
}

fn find_header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Replaces the value of `name` (any case, keeping the caller's spelling and position), or
/// appends it.
fn set_header(headers: &mut Vec<(String, String)>, name: &str, value: &str) {
    match headers
        .iter_mut()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
    {
        Some((_, v)) => *v = value.to_string(),
        None => headers.push((name.to_string(), value.to_string())),
    }
}

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

/// Percent-encodes every byte of the UTF-8 text except `A-Za-z0-9-_.~`, upper-case hex.
fn percent_encode(s: &str, out: &mut String) {
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(hex_digit(b >> 4));
            out.push(hex_digit(b & 0x0f));
        }
    }
}

/// The upper-case hex digit of a nibble (`n` < 16 by construction).
fn hex_digit(n: u8) -> char {
    char::from(b"0123456789ABCDEF"[usize::from(n & 0x0f)])
}

fn canonical_uri(path: &str) -> String {
    let decoded = percent_decode(path);
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

fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|piece| !piece.is_empty())
        .map(|piece| {
            let (key, value) = piece.split_once('=').unwrap_or((piece, ""));
            (percent_decode(key), percent_decode(value))
        })
        .collect();
    pairs.sort();
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

#[cfg(test)]
mod tests {
    use super::*;

    const DATE: &str = "20240102T030405Z";
    const SECRET: &str = "SK-Marker-0123456789";
    const TOKEN: &str = "TOKEN-Marker-abcdef";

    fn creds() -> Credentials<'static> {
        Credentials {
            access_key: "AK",
            secret_key: SECRET,
            security_token: None,
        }
    }

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    fn signed(
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: &[u8],
        options: &SignOptions<'_>,
    ) -> Signed {
        let headers = h(headers);
        let request = SignableRequest {
            method,
            url,
            headers: &headers,
            body,
        };
        match sign_with_options(&request, &creds(), options) {
            Ok(s) => s,
            Err(e) => panic!("{url}: {e}"),
        }
    }

    fn sign_err(
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        credentials: &Credentials<'_>,
        date: &str,
    ) -> SignError {
        let headers = h(headers);
        let request = SignableRequest {
            method,
            url,
            headers: &headers,
            body: b"{}",
        };
        match sign(&request, credentials, date, false) {
            Ok(_) => panic!("{url}: should fail"),
            Err(e) => e,
        }
    }

    fn value<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn canonical_uri_encodes_segments_and_ends_with_slash() {
        assert_eq!(canonical_uri("/"), "/");
        assert_eq!(canonical_uri("/v2/tasks"), "/v2/tasks/");
        assert_eq!(canonical_uri("/v2/tasks/"), "/v2/tasks/");
        assert_eq!(
            canonical_uri("/a%20b/c+d/e*f/g~h"),
            "/a%20b/c%2Bd/e%2Af/g~h/"
        );
        assert_eq!(
            canonical_uri("/中文/%E4%B8%AD"),
            "/%E4%B8%AD%E6%96%87/%E4%B8%AD/"
        );
        assert_eq!(canonical_uri("/x%2Fy"), "/x/y/");
        assert_eq!(canonical_uri("/x%2fy"), "/x/y/");
        assert_eq!(canonical_uri("/100%25/%zz/%"), "/100%25/%25zz/%25/");
        assert_eq!(canonical_uri("/a%FFb"), "/a%EF%BF%BDb/");
        assert_eq!(canonical_uri("/a//b"), "/a//b/");
    }

    #[test]
    fn canonical_query_sorts_pairs_and_encodes() {
        assert_eq!(canonical_query(""), "");
        assert_eq!(canonical_query("b=2&a=3&a=1&a=10"), "a=1&a=10&a=3&b=2");
        assert_eq!(canonical_query("k&j="), "j=&k=");
        assert_eq!(canonical_query("=v&=&a"), "=&=v&a=");
        assert_eq!(canonical_query("&&a=1&"), "a=1");
        assert_eq!(
            canonical_query("q=a+b&r=a%2Bb&s=a%20b"),
            "q=a%2Bb&r=a%2Bb&s=a%20b"
        );
        assert_eq!(
            canonical_query("star=*&tilde=~&slash=/"),
            "slash=%2F&star=%2A&tilde=~"
        );
        assert_eq!(canonical_query("zh=中文"), "zh=%E4%B8%AD%E6%96%87");
        assert_eq!(canonical_query("eq=a=b"), "eq=a%3Db");
        assert_eq!(canonical_query("B=1&a=1"), "B=1&a=1");
        assert_eq!(canonical_query("k%20x=1"), "k%20x=1");
    }

    #[test]
    fn hex_is_lowercase() {
        assert_eq!(RustDigests.sha256_hex(b""), EMPTY_SHA256);
    }

    #[test]
    fn empty_body_hashes_the_empty_string() {
        let s = signed("GET", "https://h/", &[], b"", &SignOptions::sdk(DATE));
        assert!(s.canonical_request.ends_with(EMPTY_SHA256));
        let s = signed(
            "POST",
            "https://h/",
            &[("Content-Type", "application/octet-stream")],
            b"",
            &SignOptions::sdk(DATE),
        );
        assert!(s.canonical_request.ends_with(EMPTY_SHA256));
        assert_eq!(
            value(&s.headers, HEADER_CONTENT_SHA256),
            Some(UNSIGNED_PAYLOAD)
        );
    }

    #[test]
    fn unsigned_payload_follows_the_sdk_content_type_test() {
        let sdk = SignOptions::sdk(DATE);
        let unsigned = |ct_name: &str, ct: &str| {
            let s = signed("POST", "https://h/", &[(ct_name, ct)], b"x", &sdk);
            value(&s.headers, HEADER_CONTENT_SHA256).is_some()
                && s.canonical_request.ends_with("\nUNSIGNED-PAYLOAD")
        };
        assert!(unsigned("Content-Type", "text/plain"));
        assert!(unsigned("Content-Type", "application/octet-stream"));
        assert!(unsigned("Content-Type", "Application/JSON"));
        assert!(unsigned("Content-Type", " application/json"));
        assert!(unsigned("Content-Type", "  "));
        assert!(!unsigned("Content-Type", ""));
        assert!(!unsigned("Content-Type", "application/json"));
        assert!(!unsigned("Content-Type", "application/json;charset=UTF-8"));
        assert!(!unsigned("Content-Type", "application/json-patch+json"));
        assert!(!unsigned("Content-Type", "application/bson"));
        assert!(!unsigned("content-type", "text/plain"));
        assert!(!unsigned("X-Other", "text/plain"));
    }

    #[test]
    fn underscore_headers_are_sent_but_not_signed() {
        let s = signed(
            "GET",
            "https://h/",
            &[("X_Trace_Id", "1"), ("X-Trace", "2")],
            b"",
            &SignOptions::sdk(DATE),
        );
        assert_eq!(s.signed_headers, "host;x-sdk-date;x-trace");
        assert_eq!(value(&s.headers, "X_Trace_Id"), Some("1"));
    }

    #[test]
    fn user_agent_is_signed_only_in_sdk_mode() {
        let headers = [
            ("User-Agent", "ua/1.0"),
            ("Content-Type", "application/json"),
        ];
        let sdk = signed("GET", "https://h/", &headers, b"", &SignOptions::sdk(DATE));
        assert_eq!(
            sdk.signed_headers,
            "content-type;host;user-agent;x-sdk-date"
        );
        let browser = signed(
            "GET",
            "https://h/",
            &headers,
            b"",
            &SignOptions::browser(DATE),
        );
        assert_eq!(browser.signed_headers, "content-type;host;x-sdk-date");
        assert_eq!(value(&browser.headers, "User-Agent"), Some("ua/1.0"));
        assert_eq!(value(&browser.headers, "Host"), None);
    }

    #[test]
    fn host_is_signed_as_written_in_sdk_mode_and_as_sent_in_browser_mode() {
        let sdk = signed(
            "GET",
            "https://H.example:443/",
            &[],
            b"",
            &SignOptions::sdk(DATE),
        );
        assert_eq!(value(&sdk.headers, "Host"), Some("H.example:443"));
        assert!(sdk.canonical_request.contains("\nhost:H.example:443\n"));
        let browser = signed(
            "GET",
            "https://H.example:443/",
            &[],
            b"",
            &SignOptions::browser(DATE),
        );
        assert!(browser.canonical_request.contains("\nhost:h.example\n"));
        let plain = signed(
            "GET",
            "https://h.example/",
            &[],
            b"",
            &SignOptions::sdk(DATE),
        );
        assert_eq!(browser.signature, plain.signature);
        let port = signed(
            "GET",
            "http://h:8080/",
            &[],
            b"",
            &SignOptions::browser(DATE),
        );
        assert!(port.canonical_request.contains("\nhost:h:8080\n"));
    }

    #[test]
    fn a_callers_host_header_is_kept_and_signed() {
        for options in [SignOptions::sdk(DATE), SignOptions::browser(DATE)] {
            let s = signed("GET", "https://h/", &[("HOST", " other:1 ")], b"", &options);
            assert_eq!(value(&s.headers, "HOST"), Some("other:1"));
            assert_eq!(value(&s.headers, "Host"), None);
            assert!(s.canonical_request.contains("\nhost:other:1\n"));
        }
    }

    #[test]
    fn the_callers_sdk_date_wins() {
        let s = signed(
            "GET",
            "https://h/",
            &[("x-sdk-date", " 20991231T235959Z ")],
            b"",
            &SignOptions::sdk(DATE),
        );
        assert_eq!(value(&s.headers, "x-sdk-date"), Some("20991231T235959Z"));
        assert_eq!(value(&s.headers, HEADER_SDK_DATE), None);
        assert!(s
            .string_to_sign
            .starts_with("SDK-HMAC-SHA256\n20991231T235959Z\n"));
        // The argument is not even looked at then.
        let s = signed(
            "GET",
            "https://h/",
            &[("X-Sdk-Date", "20991231T235959Z")],
            b"",
            &SignOptions::sdk("garbage"),
        );
        assert!(s.string_to_sign.contains("20991231T235959Z"));
    }

    #[test]
    fn invalid_dates_are_refused() {
        let e = sign_err("GET", "https://h/", &[], &creds(), "2024-01-02T03:04:05Z");
        assert_eq!(e, SignError::InvalidSdkDate);
        let e = sign_err(
            "GET",
            "https://h/",
            &[("X-Sdk-Date", "yesterday")],
            &creds(),
            DATE,
        );
        assert_eq!(e, SignError::InvalidSdkDate);
    }

    #[test]
    fn security_token_is_added_signed_and_replaces_the_callers() {
        let c = Credentials {
            security_token: Some(TOKEN),
            ..creds()
        };
        let headers = h(&[
            ("x-security-token", "old"),
            ("Content-Type", "application/json"),
        ]);
        let request = SignableRequest {
            method: "GET",
            url: "https://h/",
            headers: &headers,
            body: b"",
        };
        let s = sign_with_options(&request, &c, &SignOptions::browser(DATE))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            s.headers.first().map(|(n, v)| (n.as_str(), v.as_str())),
            Some(("x-security-token", TOKEN))
        );
        assert_eq!(
            s.signed_headers,
            "content-type;host;x-sdk-date;x-security-token"
        );
    }

    #[test]
    fn values_are_trimmed_and_names_keep_their_case() {
        let s = signed(
            "GET",
            "https://h/",
            &[("X-Custom-HEADER", "  a  b  ")],
            b"",
            &SignOptions::sdk(DATE),
        );
        assert_eq!(value(&s.headers, "X-Custom-HEADER"), Some("a  b"));
        assert!(s.canonical_request.contains("\nx-custom-header:a  b\n"));
    }

    #[test]
    fn the_method_is_uppercased_in_the_canonical_request() {
        let s = signed("post", "https://h/", &[], b"", &SignOptions::sdk(DATE));
        assert!(s.canonical_request.starts_with("POST\n"));
    }

    #[test]
    fn output_order_is_the_sdks() {
        let c = Credentials {
            security_token: Some(TOKEN),
            ..creds()
        };
        let headers = h(&[("Content-Type", "text/plain"), ("A", "1")]);
        let request = SignableRequest {
            method: "PUT",
            url: "https://h/",
            headers: &headers,
            body: b"x",
        };
        let sent = sign(&request, &c, DATE, true).unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<&str> = sent.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "Content-Type",
                "A",
                "X-Security-Token",
                "X-Sdk-Content-Sha256",
                "X-Sdk-Date",
                "Host",
                "Authorization"
            ]
        );
    }

    #[test]
    fn credentials_are_checked() {
        let e = |c: Credentials<'_>| sign_err("GET", "https://h/", &[], &c, DATE);
        assert_eq!(
            e(Credentials {
                access_key: "",
                ..creds()
            }),
            SignError::EmptyAccessKey
        );
        assert_eq!(
            e(Credentials {
                access_key: "A K",
                ..creds()
            }),
            SignError::InvalidAccessKey
        );
        assert_eq!(
            e(Credentials {
                access_key: "AK\r\n",
                ..creds()
            }),
            SignError::InvalidAccessKey
        );
        assert_eq!(
            e(Credentials {
                access_key: "A,K",
                ..creds()
            }),
            SignError::InvalidAccessKey
        );
        assert_eq!(
            e(Credentials {
                secret_key: "",
                ..creds()
            }),
            SignError::EmptySecretKey
        );
        assert_eq!(
            e(Credentials {
                security_token: Some(""),
                ..creds()
            }),
            SignError::EmptySecurityToken
        );
        assert_eq!(
            e(Credentials {
                security_token: Some("tok\r\nX-Evil: 1"),
                ..creds()
            }),
            SignError::InvalidSecurityToken
        );
        // A non-ASCII secret key is only an HMAC key: fine.
        let headers = h(&[]);
        let request = SignableRequest {
            method: "GET",
            url: "https://h/",
            headers: &headers,
            body: b"",
        };
        assert!(sign(
            &request,
            &Credentials {
                secret_key: "clé",
                ..creds()
            },
            DATE,
            false
        )
        .is_ok());
    }

    #[test]
    fn header_injection_and_odd_headers_are_refused() {
        let e = |headers: &[(&str, &str)]| sign_err("POST", "https://h/", headers, &creds(), DATE);
        for bad in [
            "a\r\nX-Evil: 1",
            "a\nb",
            "a\rb",
            "a\tb",
            "a\0b",
            "a\u{7f}b",
            "a\u{85}b",
        ] {
            assert_eq!(
                e(&[("X-A", bad)]).code(),
                "header_value_control_character",
                "{bad:?}"
            );
        }
        assert_eq!(e(&[("X-A", "é")]).code(), "header_value_non_ascii");
        for bad in ["", "X A", "X:A", "X\r\nA", "Ä", "X(A)", "X/A"] {
            assert_eq!(
                e(&[("X-A", "1"), (bad, "v")]),
                SignError::InvalidHeaderName { index: 1 },
                "{bad:?}"
            );
        }
        assert_eq!(
            e(&[("X-A", "1"), ("x-a", "2")]),
            SignError::DuplicateHeader {
                name: "x-a".to_string()
            }
        );
        assert_eq!(
            e(&[("authorization", "Basic x")]),
            SignError::AuthorizationPresent
        );
        assert_eq!(
            e(&[("Authorization", "x")]),
            SignError::AuthorizationPresent
        );
    }

    #[test]
    fn methods_and_urls_are_checked() {
        assert_eq!(
            sign_err("", "https://h/", &[], &creds(), DATE),
            SignError::InvalidMethod
        );
        assert_eq!(
            sign_err("PO ST", "https://h/", &[], &creds(), DATE),
            SignError::InvalidMethod
        );
        assert_eq!(
            sign_err("GET\r\n", "https://h/", &[], &creds(), DATE),
            SignError::InvalidMethod
        );
        let e = sign_err("GET", "ftp://h/", &[], &creds(), DATE);
        assert_eq!(e, SignError::Url(UrlError::UnsupportedScheme));
        assert_eq!(e.code(), "url_unsupported_scheme");
        assert!(std::error::Error::source(&e).is_some());
    }

    #[test]
    fn no_error_ever_shows_the_secret_key_the_token_or_a_header_value() {
        let value_marker = "VALUE-Marker-42";
        let token_ok = Credentials {
            security_token: Some(TOKEN),
            ..creds()
        };
        let bad_token = Credentials {
            security_token: Some("TOKEN-Marker-abcdef\n"),
            ..creds()
        };
        let bad_ak = Credentials {
            access_key: "AK SK-Marker-0123456789",
            ..creds()
        };
        let injected = format!("{value_marker}\r\nX-Evil: {SECRET}");
        let non_ascii = format!("{value_marker}é");
        let bad_date = format!("{value_marker}{TOKEN}");
        type Case<'a> = (
            Vec<(&'a str, &'a str)>,
            &'a Credentials<'a>,
            &'a str,
            &'a str,
        );
        let cases: Vec<Case<'_>> = vec![
            (vec![("X-A", &injected)], &token_ok, "https://h/", DATE),
            (vec![("X-A", &non_ascii)], &token_ok, "https://h/", DATE),
            (
                vec![("X-A", value_marker), ("x-a", value_marker)],
                &token_ok,
                "https://h/",
                DATE,
            ),
            (
                vec![("Authorization", value_marker)],
                &token_ok,
                "https://h/",
                DATE,
            ),
            (
                vec![("X-Sdk-Date", &bad_date)],
                &token_ok,
                "https://h/",
                DATE,
            ),
            (vec![], &token_ok, "https://h/", &bad_date),
            (vec![], &bad_token, "https://h/", DATE),
            (vec![], &bad_ak, "https://h/", DATE),
            (vec![], &token_ok, "https://u:SK-Marker-0123456789@h/", DATE),
            (
                vec![],
                &token_ok,
                "https://h/?token=TOKEN-Marker-abcdef x",
                DATE,
            ),
            (vec![(value_marker, "")], &token_ok, "https://h/\u{0}", DATE),
        ];
        for (headers, c, url, date) in cases {
            let e = sign_err("POST", url, &headers, c, date);
            for shown in [e.to_string(), format!("{e:?}"), e.code().to_string()] {
                for marker in ["SK-Marker", "TOKEN-Marker", value_marker, "X-Evil"] {
                    assert!(
                        !shown.contains(marker),
                        "{} shows {marker}: {shown}",
                        e.code()
                    );
                }
            }
        }
        let shown = format!("{token_ok:?}");
        assert!(!shown.contains(SECRET) && !shown.contains(TOKEN));
    }

    #[test]
    fn format_sdk_date_converts_civil_dates() {
        let f = |ms: f64| format_sdk_date(ms).unwrap_or_else(|e| panic!("{ms}: {e}"));
        assert_eq!(f(0.0), "19700101T000000Z");
        assert_eq!(f(999.9), "19700101T000000Z");
        assert_eq!(f(-1.0), "19691231T235959Z");
        assert_eq!(f(1_704_164_645_000.0), "20240102T030405Z");
        assert_eq!(f(951_782_400_000.0), "20000229T000000Z");
        assert_eq!(f(1_709_251_199_000.0), "20240229T235959Z");
        assert_eq!(f(4_102_444_800_000.0), "21000101T000000Z");
        assert_eq!(f(-62_135_596_800_000.0), "00010101T000000Z");
        assert_eq!(f(253_402_300_799_999.0), "99991231T235959Z");
        for bad in [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            253_402_300_800_000.0,
            -62_135_596_800_001.0,
            1e300,
        ] {
            assert_eq!(
                format_sdk_date(bad),
                Err(SignError::TimeOutOfRange),
                "{bad}"
            );
        }
    }

    /// Howard Hinnant's `days_from_civil`, to check `civil_from_days` against.
    fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    #[test]
    fn every_formatted_day_is_valid_and_round_trips() {
        let first = days_from_civil(1, 1, 1);
        let last = days_from_civil(9999, 12, 31);
        let mut day = first;
        let mut previous: Option<String> = None;
        while day <= last {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
            let s = format_sdk_date(day as f64 * 86_400_000.0 + 86_399_000.0)
                .unwrap_or_else(|e| panic!("{day}: {e}"));
            assert!(is_valid_sdk_date(&s), "{s}");
            assert!(s.ends_with("T235959Z"), "{s}");
            if let Some(p) = &previous {
                assert!(p < &s, "{p} then {s}");
            }
            previous = Some(s);
            // Every day of 1900..=2200, a sample of the others.
            day += if (1900..=2200).contains(&y) { 1 } else { 13 };
        }
    }

    #[test]
    fn is_valid_sdk_date_is_strict() {
        for good in [
            "20240102T030405Z",
            "00010101T000000Z",
            "99991231T235959Z",
            "20000229T120000Z",
        ] {
            assert!(is_valid_sdk_date(good), "{good}");
        }
        for bad in [
            "",
            "20240102T030405",
            "20240102 030405Z",
            "20240102t030405Z",
            "20240102T030405z",
            "00000101T000000Z",
            "20241301T000000Z",
            "20240001T000000Z",
            "20240100T000000Z",
            "20240132T000000Z",
            "20230229T000000Z",
            "19000229T000000Z",
            "20240431T000000Z",
            "20240102T240000Z",
            "20240102T236000Z",
            "20240102T235960Z",
            "2024012T0304050Z",
            "+2024012T030405Z",
            "20240102T030405Z ",
            "２0240102T030405Z",
            "20240102T030405ZZ",
        ] {
            assert!(!is_valid_sdk_date(bad), "{bad}");
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        let pieces = [
            "", "%", "%F", "%FF", "+", "=", "&", "/", "中", "~", "%E4%B8", "a",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("{a}{b}{c}");
                    let _ = canonical_uri(&s);
                    let _ = canonical_query(&s);
                    let _ = is_valid_sdk_date(&s);
                    let url = format!("https://h/{s}?{s}");
                    let headers = h(&[("X-A", s.as_str())]);
                    let request = SignableRequest {
                        method: "GET",
                        url: &url,
                        headers: &headers,
                        body: s.as_bytes(),
                    };
                    let _ = sign(&request, &creds(), DATE, false);
                }
            }
        }
        for ms in [f64::MIN, f64::MAX, -0.0, f64::MIN_POSITIVE, 1e15, -1e15] {
            let _ = format_sdk_date(ms);
        }
    }
}

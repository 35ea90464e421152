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

mod canonical_request;
mod checks;
mod error;
mod stable_sort;
#[cfg(test)]
mod tests;

use std::fmt;

pub use crate::date::is_valid_sdk_date;
use crate::digest::{Digests, RustDigests};
use crate::redact::MASK;
use crate::url;
use canonical_request::canonical_request;
pub use checks::check_credentials;
use checks::{check_headers, find_header, is_token, set_header, trim_value};
pub use error::SignError;
pub(crate) use stable_sort::stable_sort;

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
    let canonical_headers = stable_sort(canonical_headers, &|a, b| a.0.cmp(&b.0));

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

    let canonical_request = canonical_request(
        request.method,
        url.path(),
        url.query().unwrap_or(""),
        &canonical_headers,
        &signed_headers,
        &payload_hash,
    );

    // Joined with `push_str`, not `format!`: the formatting machinery was a measurable part of
    // signing a small request.
    let string_to_sign = [
        ALGORITHM,
        "\n",
        &date,
        "\n",
        &digests.sha256_hex(canonical_request.as_bytes()),
    ]
    .concat();
    let signature = digests
        .hmac_sha256_hex(credentials.secret_key.as_bytes(), string_to_sign.as_bytes())
        .ok_or(SignError::Hmac)?;

    let authorization = [
        ALGORITHM,
        " Access=",
        credentials.access_key,
        ", SignedHeaders=",
        &signed_headers,
        ", Signature=",
        &signature,
    ]
    .concat();
    headers.push(("Authorization".to_string(), authorization));

    Ok(Signed {
        headers,
        signed_headers,
        canonical_request,
        string_to_sign,
        signature,
    })
}

/// Formats a time (milliseconds since the Unix epoch, as JavaScript's `Date.now()`) as the
/// signing time `YYYYMMDDTHHMMSSZ` in UTC ([`crate::date::format_sdk_date`]), or
/// [`SignError::TimeOutOfRange`].
///
/// ```
/// use codearts_deploy_wasm::sign::format_sdk_date;
/// assert_eq!(format_sdk_date(0.0).unwrap(), "19700101T000000Z");
/// assert_eq!(format_sdk_date(1_704_164_645_999.0).unwrap(), "20240102T030405Z");
/// assert!(format_sdk_date(f64::NAN).is_err());
/// ```
pub fn format_sdk_date(unix_millis: f64) -> Result<String, SignError> {
    crate::date::format_sdk_date(unix_millis).ok_or(SignError::TimeOutOfRange)
}

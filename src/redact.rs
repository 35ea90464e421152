//! Masking of secrets (tokens, secret keys, `encrypt` values) wherever a value is shown.

use crate::find::{find, replace};

/// What a secret is replaced with in previews and debug output.
pub const MASK: &str = "********";

/// Secrets shorter than this are not scrubbed from text: masking every `ab` would garble it.
pub const MIN_SCRUBBED_LENGTH: usize = 4;

/// `text` with every occurrence of each secret replaced by [`MASK`], as written and as a JSON
/// string would escape it. For text that comes from elsewhere (a gateway's error message may
/// echo the request's headers or body) before it goes into an error.
///
/// ```
/// use codearts_deploy_wasm::redact::scrub;
/// let echoed = r#"bad request: {"x-auth-token":"tok-123","value":"pa\"ss"}"#;
/// assert_eq!(
///     scrub(echoed, &["tok-123", "pa\"ss", "ab"]),
///     r#"bad request: {"x-auth-token":"********","value":"********"}"#
/// );
/// ```
pub fn scrub(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_string();
    for secret in secrets
        .iter()
        .filter(|s| s.chars().count() >= MIN_SCRUBBED_LENGTH)
    {
        let escaped = serde_json::to_string(secret).unwrap_or_default();
        let escaped = escaped
            .strip_prefix('"')
            .and_then(|e| e.strip_suffix('"'))
            .unwrap_or_default();
        for form in [*secret, escaped] {
            if !form.is_empty() && find(&out, form).is_some() {
                out = replace(&out, form, MASK);
            }
        }
    }
    out
}

/// A secret string (token, secret key, security token): its `Debug` output is masked, so it
/// cannot leak through a log or a panic message.
///
/// ```
/// use codearts_deploy_wasm::redact::Secret;
/// let token = Secret::new("my-token".to_string());
/// assert_eq!(format!("{token:?}"), "Secret(********)");
/// assert_eq!(token.expose(), "my-token");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: String) -> Secret {
        Secret(value)
    }

    /// The secret itself, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Secret({MASK})")
    }
}

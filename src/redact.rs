//! Masking of secrets (tokens, secret keys, `encrypt` values) wherever a value is shown.

/// What a secret is replaced with in previews and debug output.
pub const MASK: &str = "********";

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

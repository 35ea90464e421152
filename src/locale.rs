//! The languages messages are written in, and the one policy for choosing one.
//!
//! **Policy.** A locale that is *configured* (the client config's `locale`,
//! `createStartDeployTaskSchema({ locale })`) is checked when it is configured: a tag not
//! understood is a `ConfigError` at once, so a typo is never silently English. A locale chosen
//! *per call* by a function that promises never to throw (`validateStartDeployTask`'s options,
//! a Standard Schema `validate`'s `libraryOptions`) is read with [`Locale::for_call`]: a tag
//! not understood is ignored and the configured locale (English by default) is used.

/// A message language. English is the default; `zh-CN` is Simplified Chinese.
///
/// ```
/// use codearts_deploy_wasm::locale::Locale;
/// assert_eq!(Locale::parse("zh-CN"), Some(Locale::ZhCn));
/// assert_eq!(Locale::parse("fr"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    /// English (`en`).
    #[default]
    En,
    /// Simplified Chinese (`zh-CN`).
    ZhCn,
}

impl Locale {
    /// Reads a locale tag; `en`, `en-*`, `zh`, `zh-CN` and `zh-Hans*` are understood.
    pub fn parse(tag: &str) -> Option<Locale> {
        let lower = tag.trim().to_ascii_lowercase().replace('_', "-");
        if lower == "en" || lower.starts_with("en-") {
            Some(Locale::En)
        } else if lower == "zh" || lower == "zh-cn" || lower.starts_with("zh-hans") {
            Some(Locale::ZhCn)
        } else {
            None
        }
    }

    /// The locale of a per-call option that must not throw: `tag` when understood, else
    /// `configured` (see the policy above).
    ///
    /// ```
    /// use codearts_deploy_wasm::locale::Locale;
    /// assert_eq!(Locale::for_call(Some("zh-CN"), Locale::En), Locale::ZhCn);
    /// assert_eq!(Locale::for_call(Some("fr"), Locale::ZhCn), Locale::ZhCn);
    /// assert_eq!(Locale::for_call(None, Locale::En), Locale::En);
    /// ```
    pub fn for_call(tag: Option<&str>, configured: Locale) -> Locale {
        tag.and_then(Locale::parse).unwrap_or(configured)
    }

    /// The text of this locale from an (English, Chinese) pair.
    ///
    /// ```
    /// use codearts_deploy_wasm::locale::Locale;
    /// assert_eq!(Locale::ZhCn.pick(("yes", "是")), "是");
    /// ```
    pub fn pick<T>(self, (en, zh): (T, T)) -> T {
        match self {
            Locale::En => en,
            Locale::ZhCn => zh,
        }
    }

    /// The canonical tag of this locale.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::ZhCn => "zh-CN",
        }
    }
}

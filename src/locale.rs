//! The languages messages are written in.

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

    /// The canonical tag of this locale.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::ZhCn => "zh-CN",
        }
    }
}

//! A small, strict splitter for absolute `http`/`https` URLs.
//!
//! It exists for request signing and endpoint checks, not as a general URL library (the `url`
//! crate would cost far more module size than this needs). It never rewrites what it is given:
//! every part it hands back is a slice of the input, except the scheme, which is returned
//! lower-cased.
//!
//! It is strict where a lenient parser would let the signature and the request that is really
//! sent drift apart: a browser's or Node's `fetch` rewrites dot segments (`/a/../b`), turns `\`
//! into `/`, drops tabs and newlines, and decodes credentials out of `user:pass@host`; such URLs
//! are refused here instead.
//!
//! Error messages never repeat the URL: it may carry a secret in its query.
//!
//! ```
//! use codearts_deploy_wasm::url;
//! let u = url::parse("https://Example.com:8443/v2/tasks?b=2&a=1#top").unwrap();
//! assert_eq!(u.scheme(), "https");
//! assert_eq!(u.host(), "Example.com");
//! assert_eq!(u.port(), Some(8443));
//! assert_eq!(u.authority(), "Example.com:8443");
//! assert_eq!(u.authority_for_host_header(), "example.com:8443");
//! assert_eq!(u.path(), "/v2/tasks");
//! assert_eq!(u.query(), Some("b=2&a=1"));
//! assert_eq!(u.fragment(), Some("top"));
//! ```

use std::fmt;

use crate::find::split_once;

/// An absolute `http`/`https` URL, split into borrowed parts.
///
/// Build one with [`parse`] (any request URL) or [`parse_endpoint`] (a configured endpoint).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Url<'a> {
    https: bool,
    authority: &'a str,
    host: &'a str,
    port: Option<u16>,
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

impl<'a> Url<'a> {
    /// The scheme, lower-cased: `"http"` or `"https"` (however it was written).
    ///
    /// ```
    /// assert_eq!(codearts_deploy_wasm::url::parse("HTTPS://h/").unwrap().scheme(), "https");
    /// ```
    pub fn scheme(&self) -> &'static str {
        if self.https {
            "https"
        } else {
            "http"
        }
    }

    /// The host as written, without the port. An IPv6 literal keeps its brackets (`[::1]`).
    ///
    /// ```
    /// assert_eq!(codearts_deploy_wasm::url::parse("http://[::1]:8080/").unwrap().host(), "[::1]");
    /// ```
    pub fn host(&self) -> &'a str {
        self.host
    }

    /// The port written in the URL, if any (also when it is the scheme's default).
    ///
    /// ```
    /// use codearts_deploy_wasm::url::parse;
    /// assert_eq!(parse("https://h:443/").unwrap().port(), Some(443));
    /// assert_eq!(parse("https://h/").unwrap().port(), None);
    /// ```
    pub fn port(&self) -> Option<u16> {
        self.port
    }

    /// The scheme's default port: 443 for `https`, 80 for `http`.
    ///
    /// ```
    /// assert_eq!(codearts_deploy_wasm::url::parse("http://h/").unwrap().default_port(), 80);
    /// ```
    pub fn default_port(&self) -> u16 {
        if self.https {
            443
        } else {
            80
        }
    }

    /// The port the request goes to: the written one, or the scheme's default.
    ///
    /// ```
    /// assert_eq!(codearts_deploy_wasm::url::parse("https://h/").unwrap().effective_port(), 443);
    /// ```
    pub fn effective_port(&self) -> u16 {
        self.port.unwrap_or(self.default_port())
    }

    /// The authority exactly as written (`host[:port]`, case and explicit default port kept).
    ///
    /// This is what the official Python SDK puts in `Host` and signs: it uses the endpoint's
    /// `netloc` untouched, so `https://h:443` gives `Host: h:443`.
    ///
    /// ```
    /// assert_eq!(codearts_deploy_wasm::url::parse("https://H:443/x").unwrap().authority(), "H:443");
    /// ```
    pub fn authority(&self) -> &'a str {
        self.authority
    }

    /// The `Host` value a browser, Node or a Worker sends for this URL: the host lower-cased
    /// (ASCII), plus `:port` only when the port is not the scheme's default.
    ///
    /// ```
    /// use codearts_deploy_wasm::url::parse;
    /// assert_eq!(parse("https://Example.COM:443/").unwrap().authority_for_host_header(), "example.com");
    /// assert_eq!(parse("http://example.com:8080/").unwrap().authority_for_host_header(), "example.com:8080");
    /// ```
    pub fn authority_for_host_header(&self) -> String {
        let mut out = self.host.to_ascii_lowercase();
        if let Some(port) = self.port {
            if port != self.default_port() {
                out.push(':');
                out.push_str(&port.to_string());
            }
        }
        out
    }

    /// The path as written (percent-escapes untouched); `/` when the URL has none.
    ///
    /// ```
    /// use codearts_deploy_wasm::url::parse;
    /// assert_eq!(parse("https://h").unwrap().path(), "/");
    /// assert_eq!(parse("https://h/a%20b/").unwrap().path(), "/a%20b/");
    /// ```
    pub fn path(&self) -> &'a str {
        self.path
    }

    /// The query as written, without the `?` and without the fragment; `None` when the URL has
    /// no `?` (a bare `?` gives `Some("")`).
    ///
    /// ```
    /// use codearts_deploy_wasm::url::parse;
    /// assert_eq!(parse("https://h/p?a=1#f").unwrap().query(), Some("a=1"));
    /// assert_eq!(parse("https://h/p").unwrap().query(), None);
    /// ```
    pub fn query(&self) -> Option<&'a str> {
        self.query
    }

    /// The fragment as written, without the `#`. It is never sent nor signed.
    ///
    /// ```
    /// assert_eq!(codearts_deploy_wasm::url::parse("https://h/#x").unwrap().fragment(), Some("x"));
    /// ```
    pub fn fragment(&self) -> Option<&'a str> {
        self.fragment
    }
}

/// Why a string is not an accepted URL. [`UrlError::code`] is stable; the message is English
/// and never contains the URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlError {
    /// The string is empty.
    Empty,
    /// The string holds whitespace, a control character or a backslash.
    InvalidCharacter,
    /// The string does not start with `scheme://`.
    NotAbsolute,
    /// The scheme is not `http` or `https`.
    UnsupportedScheme,
    /// The authority holds `user[:password]@`.
    UserInfo,
    /// There is no host.
    EmptyHost,
    /// The host holds a character a host name cannot have.
    InvalidHost,
    /// The port is empty, not a number, zero, above 65535 or written with leading zeros.
    InvalidPort,
    /// The path holds a `.` or `..` segment, which `fetch` would rewrite.
    DotSegment,
    /// An endpoint holds a query (`?`).
    EndpointQuery,
    /// An endpoint holds a fragment (`#`).
    EndpointFragment,
}

impl UrlError {
    /// A stable, machine-readable code.
    ///
    /// ```
    /// use codearts_deploy_wasm::url::parse;
    /// assert_eq!(parse("ftp://h/").unwrap_err().code(), "url_unsupported_scheme");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            UrlError::Empty => "url_empty",
            UrlError::InvalidCharacter => "url_invalid_character",
            UrlError::NotAbsolute => "url_not_absolute",
            UrlError::UnsupportedScheme => "url_unsupported_scheme",
            UrlError::UserInfo => "url_userinfo",
            UrlError::EmptyHost => "url_empty_host",
            UrlError::InvalidHost => "url_invalid_host",
            UrlError::InvalidPort => "url_invalid_port",
            UrlError::DotSegment => "url_dot_segment",
            UrlError::EndpointQuery => "url_endpoint_query",
            UrlError::EndpointFragment => "url_endpoint_fragment",
        }
    }

    /// A short English explanation (the same text as `Display`).
    ///
    /// ```
    /// use codearts_deploy_wasm::url::parse;
    /// assert!(parse("https://u:p@h/").unwrap_err().message().contains("user name"));
    /// ```
    pub fn message(&self) -> &'static str {
        match self {
            UrlError::Empty => "the URL is empty",
            UrlError::InvalidCharacter => {
                "the URL holds whitespace (a space is accepted only inside the path or query), a control character or a backslash; percent-encode it"
            }
            UrlError::NotAbsolute => "the URL is not absolute: it must start with https:// or http://",
            UrlError::UnsupportedScheme => "the URL's scheme must be https or http",
            UrlError::UserInfo => {
                "the URL must not carry a user name or password before the host (`user@host`)"
            }
            UrlError::EmptyHost => "the URL has no host",
            UrlError::InvalidHost => {
                "the URL's host may only hold ASCII letters, digits, '-', '.' and '_', or be a bracketed IPv6 address"
            }
            UrlError::InvalidPort => "the URL's port must be a number from 1 to 65535 without leading zeros",
            UrlError::DotSegment => {
                "the URL's path must not hold '.' or '..' segments (they would be rewritten before sending and break the signature)"
            }
            UrlError::EndpointQuery => "an endpoint must not have a query (?...)",
            UrlError::EndpointFragment => "an endpoint must not have a fragment (#...)",
        }
    }
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for UrlError {}

/// Splits an absolute `http`/`https` URL.
///
/// Refused: whitespace or control characters (percent-encode them) except a space inside the
/// path or query (sent as `%20`), backslashes,
/// other schemes, `user@host`, an empty or malformed host, a bad port, `.`/`..` path segments.
/// Accepted as is: percent-escapes, non-ASCII characters in path, query and fragment (the
/// signer and `fetch` both encode them as UTF-8).
///
/// ```
/// use codearts_deploy_wasm::url::parse;
/// let u = parse("https://codearts-deploy.cn-north-4.myhuaweicloud.com/v2/tasks/x/start").unwrap();
/// assert_eq!(u.host(), "codearts-deploy.cn-north-4.myhuaweicloud.com");
/// assert_eq!(u.path(), "/v2/tasks/x/start");
/// assert_eq!(parse("https://h/a b").unwrap().path(), "/a b");
/// assert_eq!(parse("https://h/a\tb").unwrap_err().code(), "url_invalid_character");
/// ```
pub fn parse(input: &str) -> Result<Url<'_>, UrlError> {
    if input.is_empty() {
        return Err(UrlError::Empty);
    }
    // A space inside the path or query is sent by `fetch` as `%20` and signed so; anywhere else
    // (the ends, which `fetch` strips, the authority, the fragment) it is refused.
    if input.starts_with(' ') || input.ends_with(' ') || has_refused_character(input) {
        return Err(UrlError::InvalidCharacter);
    }
    let (scheme, rest) = split_once(input, "://").ok_or(UrlError::NotAbsolute)?;
    if scheme.contains(' ') {
        return Err(UrlError::InvalidCharacter);
    }
    if scheme.is_empty()
        || !scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.')
    {
        return Err(UrlError::NotAbsolute);
    }
    let https = if scheme.eq_ignore_ascii_case("https") {
        true
    } else if scheme.eq_ignore_ascii_case("http") {
        false
    } else {
        return Err(UrlError::UnsupportedScheme);
    };

    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, after) = rest
        .split_at_checked(authority_end)
        .ok_or(UrlError::EmptyHost)?;
    if authority.contains(' ') {
        return Err(UrlError::InvalidCharacter);
    }
    if authority.contains('@') {
        return Err(UrlError::UserInfo);
    }
    let (host, port) = split_host_port(authority)?;

    let (before_fragment, fragment) = match after.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (after, None),
    };
    let (path, query) = match before_fragment.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (before_fragment, None),
    };
    if fragment.is_some_and(|f| f.contains(' ')) {
        return Err(UrlError::InvalidCharacter);
    }
    let path = if path.is_empty() { "/" } else { path };
    if path.split('/').any(is_dot_segment) {
        return Err(UrlError::DotSegment);
    }

    Ok(Url {
        https,
        authority,
        host,
        port,
        path,
        query,
        fragment,
    })
}

/// Parses a configured service endpoint: `https://host[:port][/base/path]`, with no query and
/// no fragment (`http` is accepted too, for local test services).
///
/// ```
/// use codearts_deploy_wasm::url::parse_endpoint;
/// assert!(parse_endpoint("https://codearts-deploy.cn-north-4.myhuaweicloud.com").is_ok());
/// assert_eq!(parse_endpoint("https://h/?x=1").unwrap_err().code(), "url_endpoint_query");
/// ```
pub fn parse_endpoint(input: &str) -> Result<Url<'_>, UrlError> {
    let url = parse(input)?;
    if url.path.contains(' ') {
        return Err(UrlError::InvalidCharacter);
    }
    if url.query.is_some() {
        return Err(UrlError::EndpointQuery);
    }
    if url.fragment.is_some() {
        return Err(UrlError::EndpointFragment);
    }
    Ok(url)
}

/// Whether `input` holds whitespace other than a space, a control character or a backslash.
/// ASCII is checked byte by byte (its whitespace and controls are all below 0x20 or 0x7F):
/// the char-by-char check took about a tenth of signing a small request.
fn has_refused_character(input: &str) -> bool {
    if input.is_ascii() {
        return input.bytes().any(|b| b < 0x20 || b == 0x7f || b == b'\\');
    }
    input
        .chars()
        .any(|c| (c.is_whitespace() && c != ' ') || c.is_control() || c == '\\')
}

fn split_host_port(authority: &str) -> Result<(&str, Option<u16>), UrlError> {
    if authority.is_empty() {
        return Err(UrlError::EmptyHost);
    }
    let (host, port_text) = if authority.starts_with('[') {
        let close = authority.find(']').ok_or(UrlError::InvalidHost)?;
        let (host, rest) = authority
            .split_at_checked(close + 1)
            .ok_or(UrlError::InvalidHost)?;
        let inner = host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .ok_or(UrlError::InvalidHost)?;
        if inner.is_empty()
            || !inner.contains(':')
            || !inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return Err(UrlError::InvalidHost);
        }
        let port_text = if rest.is_empty() {
            None
        } else {
            Some(rest.strip_prefix(':').ok_or(UrlError::InvalidHost)?)
        };
        (host, port_text)
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err(UrlError::EmptyHost);
    }
    if !host.starts_with('[')
        && !host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_')
    {
        return Err(UrlError::InvalidHost);
    }
    let port = match port_text {
        None => None,
        Some(p) => Some(parse_port(p)?),
    };
    Ok((host, port))
}

fn parse_port(text: &str) -> Result<u16, UrlError> {
    if text.is_empty()
        || text.len() > 5
        || text.starts_with('0')
        || !text.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(UrlError::InvalidPort);
    }
    match text.parse::<u16>() {
        Ok(port) if port > 0 => Ok(port),
        _ => Err(UrlError::InvalidPort),
    }
}

/// `.` and `..`, also written with `%2e` in any case, as the WHATWG URL parser sees them.
fn is_dot_segment(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "." | ".." | "%2e" | "%2e%2e" | ".%2e" | "%2e."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> Url<'_> {
        match parse(input) {
            Ok(u) => u,
            Err(e) => panic!("{input:?} should parse, got {e}"),
        }
    }

    fn err(input: &str) -> UrlError {
        match parse(input) {
            Ok(u) => panic!("{input:?} should fail, got {u:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn splits_a_full_url() {
        let u = ok(
            "https://codearts-deploy.cn-north-4.myhuaweicloud.com/v2/tasks/abc/start?x=1&y=2#frag",
        );
        assert_eq!(u.scheme(), "https");
        assert_eq!(u.host(), "codearts-deploy.cn-north-4.myhuaweicloud.com");
        assert_eq!(u.port(), None);
        assert_eq!(u.path(), "/v2/tasks/abc/start");
        assert_eq!(u.query(), Some("x=1&y=2"));
        assert_eq!(u.fragment(), Some("frag"));
    }

    #[test]
    fn scheme_is_lowercased_and_case_insensitive() {
        assert_eq!(ok("HTTP://h/").scheme(), "http");
        assert_eq!(ok("HtTpS://h/").scheme(), "https");
    }

    #[test]
    fn empty_path_is_slash() {
        assert_eq!(ok("https://h").path(), "/");
        assert_eq!(ok("https://h?a=1").path(), "/");
        assert_eq!(ok("https://h?a=1").query(), Some("a=1"));
        assert_eq!(ok("https://h#f").path(), "/");
    }

    #[test]
    fn query_and_fragment_edges() {
        assert_eq!(ok("https://h/p?").query(), Some(""));
        assert_eq!(ok("https://h/p#a?b").query(), None);
        assert_eq!(ok("https://h/p#a?b").fragment(), Some("a?b"));
        assert_eq!(ok("https://h/p?a#b#c").fragment(), Some("b#c"));
        assert_eq!(ok("https://h/p?a=b?c").query(), Some("a=b?c"));
    }

    #[test]
    fn raw_path_and_query_are_untouched() {
        let u = ok("https://h/a%2Fb/中文/c+d?q=%E4%B8%AD&r=中+x");
        assert_eq!(u.path(), "/a%2Fb/中文/c+d");
        assert_eq!(u.query(), Some("q=%E4%B8%AD&r=中+x"));
    }

    #[test]
    fn ports_and_host_header_authority() {
        let u = ok("https://h:8443/");
        assert_eq!(u.port(), Some(8443));
        assert_eq!(u.authority(), "h:8443");
        assert_eq!(u.authority_for_host_header(), "h:8443");

        let u = ok("https://H.Example.COM:443/");
        assert_eq!(u.port(), Some(443));
        assert_eq!(u.effective_port(), 443);
        assert_eq!(u.authority(), "H.Example.COM:443");
        assert_eq!(u.authority_for_host_header(), "h.example.com");

        let u = ok("http://h:80/");
        assert_eq!(u.authority_for_host_header(), "h");
        let u = ok("http://h:443/");
        assert_eq!(u.authority_for_host_header(), "h:443");
        let u = ok("https://h:80/");
        assert_eq!(u.authority_for_host_header(), "h:80");
        let u = ok("http://h/");
        assert_eq!(u.effective_port(), 80);
        assert_eq!(ok("https://h:65535").port(), Some(65535));
        assert_eq!(ok("https://h:1").port(), Some(1));
    }

    #[test]
    fn ipv6_hosts() {
        let u = ok("http://[::1]:8080/x");
        assert_eq!(u.host(), "[::1]");
        assert_eq!(u.port(), Some(8080));
        assert_eq!(u.authority(), "[::1]:8080");
        let u = ok("https://[2001:DB8::1]");
        assert_eq!(u.host(), "[2001:DB8::1]");
        assert_eq!(u.authority_for_host_header(), "[2001:db8::1]");
    }

    #[test]
    fn bad_ports_are_refused() {
        for input in [
            "https://h:/",
            "https://h:0/",
            "https://h:65536/",
            "https://h:99999999999/",
            "https://h:08443/",
            "https://h:-1/",
            "https://h:+1/",
            "https://h:8a/",
            "https://h:1:2/",
            "https://h:１２/",
        ] {
            let e = err(input);
            assert!(
                e == UrlError::InvalidPort || e == UrlError::InvalidHost,
                "{input}: {e:?}"
            );
        }
        assert_eq!(err("https://h:1:2/"), UrlError::InvalidPort);
    }

    #[test]
    fn bad_hosts_and_schemes_are_refused_with_their_reason() {
        for (input, expected) in [
            ("http://[::1", UrlError::InvalidHost),
            ("http://[]/", UrlError::InvalidHost),
            ("http://[zz]/", UrlError::InvalidHost),
            ("http://[::1]x/", UrlError::InvalidHost),
            ("http://[::1]:/", UrlError::InvalidPort),
            ("ftp://h/", UrlError::UnsupportedScheme),
            ("ws://h/", UrlError::UnsupportedScheme),
            ("file:///etc/passwd", UrlError::UnsupportedScheme),
            ("javascript:alert(1)", UrlError::NotAbsolute),
            ("//h/p", UrlError::NotAbsolute),
            ("/v2/tasks", UrlError::NotAbsolute),
            ("h/p", UrlError::NotAbsolute),
            ("ht tp://h/", UrlError::InvalidCharacter),
            ("ht_tp://h/", UrlError::NotAbsolute),
        ] {
            assert_eq!(err(input), expected, "{input}");
        }
    }

    #[test]
    fn whitespace_controls_and_backslashes_are_refused() {
        for input in [
            " https://h/",
            "https://h/ ",
            "https://h /a",
            "https://h/a#x y",
            "https://h/a\tb",
            "https://h/a\nb",
            "https://h/a\rb",
            "https://h/a\u{0}b",
            "https://h/a\u{7f}b",
            "https://h/a\u{85}b",
            "https://h/a\u{a0}b",
            "https://h/a\u{3000}b",
            "https://h\\evil/",
            "https://h/a\\b",
        ] {
            assert_eq!(err(input), UrlError::InvalidCharacter, "{input:?}");
        }
        assert_eq!(err(""), UrlError::Empty);
    }

    #[test]
    fn a_space_inside_the_path_or_query_is_accepted_as_fetch_sends_it() {
        assert_eq!(ok("https://h/a b/c").path(), "/a b/c");
        assert_eq!(ok("https://h/a ?q=x y").query(), Some("q=x y"));
        assert_eq!(
            parse_endpoint("https://h/base path").unwrap_err(),
            UrlError::InvalidCharacter
        );
    }

    #[test]
    fn userinfo_is_refused() {
        assert_eq!(err("https://user@h/"), UrlError::UserInfo);
        assert_eq!(err("https://user:secret@h/"), UrlError::UserInfo);
        assert_eq!(err("https://@h/"), UrlError::UserInfo);
        // An @ after the authority is just a path or query character.
        assert_eq!(ok("https://h/a@b?c@d").path(), "/a@b");
    }

    #[test]
    fn empty_and_invalid_hosts_are_refused() {
        assert_eq!(err("https://"), UrlError::EmptyHost);
        assert_eq!(err("https:///path"), UrlError::EmptyHost);
        assert_eq!(err("https://?q"), UrlError::EmptyHost);
        assert_eq!(err("https://:443/"), UrlError::EmptyHost);
        assert_eq!(err("https://h%41/"), UrlError::InvalidHost);
        assert_eq!(err("https://中文.com/"), UrlError::InvalidHost);
        assert_eq!(err("https://h!/"), UrlError::InvalidHost);
        assert_eq!(ok("https://a_b-c.d/").host(), "a_b-c.d");
        assert_eq!(ok("https://127.0.0.1:8080").host(), "127.0.0.1");
    }

    #[test]
    fn dot_segments_are_refused() {
        for input in [
            "https://h/.",
            "https://h/./a",
            "https://h/a/../b",
            "https://h/a/..",
            "https://h/%2e/a",
            "https://h/%2E%2e/a",
            "https://h/.%2E/a",
            "https://h/%2e./a",
        ] {
            assert_eq!(err(input), UrlError::DotSegment, "{input}");
        }
        assert_eq!(
            ok("https://h/.well-known/a..b/...").path(),
            "/.well-known/a..b/..."
        );
        assert_eq!(ok("https://h/a?x=../..").query(), Some("x=../.."));
    }

    #[test]
    fn endpoints_have_no_query_or_fragment() {
        let u = parse_endpoint("https://h:8443/base/path").map_err(|e| e.code());
        assert_eq!(u.map(|u| u.path()), Ok("/base/path"));
        assert_eq!(
            parse_endpoint("https://h/?").map_err(|e| e.code()),
            Err("url_endpoint_query")
        );
        assert_eq!(
            parse_endpoint("https://h/#").map_err(|e| e.code()),
            Err("url_endpoint_fragment")
        );
        assert_eq!(
            parse_endpoint("ftp://h").map_err(|e| e.code()),
            Err("url_unsupported_scheme")
        );
    }

    #[test]
    fn error_messages_never_echo_the_url() {
        let secret = "SeCrEt123";
        let inputs = [
            format!("https://user:{secret}@h/"),
            format!("https://h/{secret}\tx"),
            format!("ftp://h/?token={secret}"),
            format!("https://h:{secret}/"),
            format!("https://h{secret}!/"),
            format!("https://h/../{secret}"),
            secret.to_string(),
            format!("https://[{secret}]/"),
        ];
        for input in &inputs {
            let e = err(input);
            assert!(!e.message().contains(secret), "{}", e.code());
            assert!(!e.to_string().contains(secret), "{}", e.code());
            assert!(!format!("{e:?}").contains(secret), "{}", e.code());
            assert!(e.code().starts_with("url_"));
        }
        let e = parse_endpoint(&format!("https://h/?{secret}")).err();
        assert!(e.is_some_and(|e| !e.to_string().contains(secret)));
    }

    #[test]
    fn every_code_is_distinct() {
        let all = [
            UrlError::Empty,
            UrlError::InvalidCharacter,
            UrlError::NotAbsolute,
            UrlError::UnsupportedScheme,
            UrlError::UserInfo,
            UrlError::EmptyHost,
            UrlError::InvalidHost,
            UrlError::InvalidPort,
            UrlError::DotSegment,
            UrlError::EndpointQuery,
            UrlError::EndpointFragment,
        ];
        let mut codes: Vec<_> = all.iter().map(|e| e.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        assert!(all.iter().all(|e| !e.message().is_empty()));
    }

    #[test]
    fn never_panics_on_odd_input() {
        let pieces = [
            "", "h", ":", "/", "?", "#", "[", "]", "@", "%", "中", "://", "https", "80", ".",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("https://{a}{b}{c}");
                    let _ = parse(&s);
                    let _ = parse(&format!("{a}{b}{c}"));
                    let _ = parse_endpoint(&s);
                }
            }
        }
    }
}

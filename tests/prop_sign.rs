//! Property tests of the AK/SK signer: over arbitrary methods, URLs, headers (CR/LF, NUL,
//! non-ASCII, duplicates, `Authorization`), bodies, keys and dates it never panics, and either
//! signs (every header sendable, the signature well-formed, the secret key nowhere) or returns
//! a coded error whose text holds no secret key, security token or header value.
#![cfg(not(target_arch = "wasm32"))]

mod prop_support;

use std::fmt::Debug;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Cases that signed (so the success path is exercised too).
static SIGNED: AtomicUsize = AtomicUsize::new(0);

use codearts_deploy_wasm::sign::{
    format_sdk_date, is_valid_sdk_date, sign_with_options, Credentials, SignOptions,
    SignableRequest,
};
use codearts_deploy_wasm::url;
use prop_support::{mostly_printable, nasty_string, run};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

const SK_MARK: &str = "SK-SECRET-";
const STS_MARK: &str = "STS-SECRET-";
const HEADER_MARK: &str = "HV-SECRET-";

const SIGN_CODES: &[&str] = &[
    "empty_access_key",
    "invalid_access_key",
    "empty_secret_key",
    "empty_security_token",
    "invalid_security_token",
    "invalid_method",
    "invalid_header_name",
    "header_value_control_character",
    "header_value_non_ascii",
    "duplicate_header",
    "authorization_present",
    "invalid_sdk_date",
    "time_out_of_range",
    "hmac_key",
];
const URL_CODES: &[&str] = &[
    "url_empty",
    "url_invalid_character",
    "url_not_absolute",
    "url_unsupported_scheme",
    "url_userinfo",
    "url_empty_host",
    "url_invalid_host",
    "url_invalid_port",
    "url_dot_segment",
    "url_endpoint_query",
    "url_endpoint_fragment",
];

#[derive(Debug, Clone)]
struct Case {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    access_key: String,
    secret_key: String,
    security_token: Option<String>,
    sdk: bool,
    date: String,
}

/// Usually `good`, one time in ten `bad`: most cases are near-valid, so both the signing path
/// and each refusal get exercised.
fn mostly<T: Debug>(
    good: impl Strategy<Value = T> + 'static,
    bad: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<T> {
    prop_oneof![9 => good, 1 => bad].boxed()
}

fn url_strategy() -> impl Strategy<Value = String> {
    let url = (
        mostly(
            prop::sample::select(vec!["https", "http", "HTTPS"]),
            prop::sample::select(vec!["ftp", "", "javascript"]),
        ),
        mostly(
            prop::sample::select(vec![
                "codearts-deploy.cn-north-4.myhuaweicloud.com",
                "127.0.0.1",
                "[::1]",
                "H",
            ]),
            prop::sample::select(vec!["", "user:pw@h", "h:99999", "h h", "[::1"]),
        ),
        prop::option::weighted(0.3, 1u16..=65535),
        prop::collection::vec(mostly("[a-zA-Z0-9._~%-]{0,10}", nasty_string(10)), 0..5),
        prop::option::of(mostly("[a-zA-Z0-9=&+%._-]{0,20}", nasty_string(20))),
        prop::option::weighted(0.1, nasty_string(8)),
    )
        .prop_map(|(scheme, host, port, segments, query, fragment)| {
            let mut url = format!("{scheme}://{host}");
            if let Some(port) = port {
                url.push_str(&format!(":{port}"));
            }
            for segment in segments {
                url.push('/');
                url.push_str(&segment);
            }
            if let Some(query) = query {
                url.push('?');
                url.push_str(&query);
            }
            if let Some(fragment) = fragment {
                url.push('#');
                url.push_str(&fragment);
            }
            url
        });
    mostly(url, nasty_string(60))
}

fn header_name() -> impl Strategy<Value = String> {
    mostly(
        prop::sample::select(vec![
            "Content-Type",
            "content-type",
            "X-Project-Id",
            "X-Sdk-Date",
            "Host",
            "User-Agent",
            "X_Under",
            "X-Security-Token",
            "X-Sdk-Content-Sha256",
            "Accept",
            "X-Custom",
        ])
        .prop_map(str::to_string),
        prop_oneof![Just("Authorization".to_string()), nasty_string(12)],
    )
}

fn header_value() -> impl Strategy<Value = String> {
    mostly("[ -~]{0,30}", nasty_string(30)).prop_map(|v| format!("{HEADER_MARK}{v}"))
}

fn case() -> impl Strategy<Value = Case> {
    let date = mostly(
        prop_oneof![
            Just("20240102T030405Z".to_string()),
            "20[0-9]{2}0[1-9]1[0-9]T0[0-9]{5}Z"
        ],
        prop_oneof!["[0-9]{8}T[0-9]{6}Z", nasty_string(18)],
    );
    (
        (
            mostly(
                prop::sample::select(vec!["POST", "GET", "post", "PUT"]).prop_map(str::to_string),
                nasty_string(8),
            ),
            url_strategy(),
            prop::collection::vec((header_name(), header_value()), 0..4),
            prop::collection::vec(any::<u8>(), 0..120),
        ),
        (
            mostly("[A-Z0-9]{20}", mostly_printable(0, 24)),
            mostly(
                "[ -~]{1,40}".prop_map(|v| format!("{SK_MARK}{v}")),
                prop_oneof![
                    Just(String::new()),
                    nasty_string(20).prop_map(|v| format!("{SK_MARK}{v}"))
                ],
            ),
            prop::option::weighted(
                0.3,
                mostly(
                    "[!-~]{1,40}".prop_map(|v| format!("{STS_MARK}{v}")),
                    prop_oneof![
                        Just(String::new()),
                        nasty_string(20).prop_map(|v| format!("{STS_MARK}{v}"))
                    ],
                ),
            ),
            any::<bool>(),
            date,
        ),
    )
        .prop_map(
            |(
                (method, url, headers, body),
                (access_key, secret_key, security_token, sdk, date),
            )| Case {
                method,
                url,
                headers,
                body,
                access_key,
                secret_key,
                security_token,
                sdk,
                date,
            },
        )
}

fn check(case: &Case) -> Result<(), TestCaseError> {
    let request = SignableRequest {
        method: &case.method,
        url: &case.url,
        headers: &case.headers,
        body: &case.body,
    };
    let credentials = Credentials {
        access_key: &case.access_key,
        secret_key: &case.secret_key,
        security_token: case.security_token.as_deref(),
    };
    let options = if case.sdk {
        SignOptions::sdk(&case.date)
    } else {
        SignOptions::browser(&case.date)
    };
    match sign_with_options(&request, &credentials, &options) {
        Ok(signed) => {
            SIGNED.fetch_add(1, Ordering::Relaxed);
            prop_assert!(!case.secret_key.is_empty());
            let again = sign_with_options(&request, &credentials, &options)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(
                again.headers == signed.headers,
                "signing is not deterministic"
            );
            for (name, value) in &signed.headers {
                // Sendable (RFC 9110 field-value): no control character but an inner tab,
                // nothing for fetch to trim.
                prop_assert!(
                    !value.chars().any(|c| c.is_control() && c != '\t'),
                    "control character in {}",
                    name
                );
                prop_assert!(
                    value.trim_matches([' ', '\t']) == value,
                    "untrimmed value in {}",
                    name
                );
                prop_assert!(value.is_ascii(), "non-ASCII in {}", name);
                prop_assert!(!value.contains(&case.secret_key), "secret key in {}", name);
            }
            prop_assert!(!signed.canonical_request.contains(&case.secret_key));
            prop_assert!(!signed.string_to_sign.contains(&case.secret_key));
            let authorization: Vec<_> = signed
                .headers
                .iter()
                .filter(|(n, _)| n.eq_ignore_ascii_case("authorization"))
                .collect();
            prop_assert_eq!(authorization.len(), 1);
            let expected = format!(
                "SDK-HMAC-SHA256 Access={}, SignedHeaders={}, Signature={}",
                case.access_key, signed.signed_headers, signed.signature
            );
            prop_assert_eq!(&authorization[0].1, &expected);
            prop_assert_eq!(signed.signature.len(), 64);
            prop_assert!(signed
                .signature
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
            let names: Vec<&str> = signed.signed_headers.split(';').collect();
            prop_assert!(
                names.windows(2).all(|w| w[0] < w[1]),
                "signed headers not sorted: {}",
                signed.signed_headers
            );
            prop_assert!(names.contains(&"host") && names.contains(&"x-sdk-date"));
            if let Some(token) = &case.security_token {
                let sent = signed
                    .headers
                    .iter()
                    .filter(|(_, v)| v.contains(token.as_str()))
                    .count();
                prop_assert_eq!(
                    sent,
                    1,
                    "the security token is sent once, as X-Security-Token"
                );
            }
        }
        Err(error) => {
            let code = error.code();
            prop_assert!(
                SIGN_CODES.contains(&code) || URL_CODES.contains(&code),
                "unknown code {}",
                code
            );
            let text = format!("{error} {error:?}");
            prop_assert!(!error.to_string().trim().is_empty());
            prop_assert!(
                case.secret_key.is_empty() || !text.contains(&case.secret_key),
                "secret key in {}",
                text
            );
            if let Some(token) = case.security_token.as_deref().filter(|t| !t.is_empty()) {
                prop_assert!(!text.contains(token), "security token in {}", text);
            }
            prop_assert!(!text.contains(HEADER_MARK), "header value in {}", text);
        }
    }
    Ok(())
}

#[test]
fn arbitrary_requests_sign_or_fail_with_a_code_and_no_secret() {
    run("signer/arbitrary-requests", 5000, case(), |case| {
        check(&case)
    });
    let signed = SIGNED.load(Ordering::Relaxed);
    eprintln!("signer/arbitrary-requests: {signed} signed");
    assert!(signed > 500, "only {signed} requests signed");
}

#[test]
fn dates_and_urls_of_any_shape_never_panic() {
    let strategy = (any::<f64>(), nasty_string(20), nasty_string(80));
    run(
        "signer/dates-and-urls",
        5000,
        strategy,
        |(millis, date, text)| {
            if let Ok(formatted) = format_sdk_date(millis) {
                prop_assert!(is_valid_sdk_date(&formatted), "{}", formatted);
            }
            let _ = is_valid_sdk_date(&date);
            if let Ok(parsed) = url::parse(&text) {
                prop_assert!(text.is_ascii());
                prop_assert!(!parsed.host().is_empty());
            }
            let _ = url::parse_endpoint(&text);
            // Retry-After's reader: any header text at any clock reading.
            let _ = codearts_deploy_wasm::retry::parse_retry_after(&date, millis);
            let _ = codearts_deploy_wasm::date::parse_http_date(&text, millis);
            Ok(())
        },
    );
}

#[test]
fn many_headers_are_checked_in_linear_time() {
    let headers: Vec<(String, String)> = (0..100_000)
        .map(|i| (format!("X-H{i}"), format!("{HEADER_MARK}{i}")))
        .collect();
    let request = SignableRequest {
        method: "POST",
        url: "https://h/v2",
        headers: &headers,
        body: b"{}",
    };
    let credentials = Credentials {
        access_key: "AK",
        secret_key: "SK-SECRET-x",
        security_token: None,
    };
    let started = Instant::now();
    let signed = sign_with_options(
        &request,
        &credentials,
        &SignOptions::browser("20240102T030405Z"),
    );
    assert!(signed.is_ok());
    // A sanity bound only: a quadratic duplicate check takes minutes here.
    assert!(
        started.elapsed().as_secs() < 30,
        "took {:?}",
        started.elapsed()
    );
}

/// `url::parse` checks an ASCII URL byte by byte and any other char by char: every ASCII
/// character inside a path is judged as the same character beside a non-ASCII one.
#[test]
fn url_characters_are_judged_alike_in_ascii_and_unicode_urls() {
    for byte in 0u8..=0x7f {
        let c = char::from(byte);
        let ascii = format!("https://h/a{c}b");
        let unicode = format!("https://h/é{c}b");
        assert_eq!(
            url::parse(&ascii).is_ok(),
            url::parse(&unicode).is_ok(),
            "character {byte:#04x}"
        );
    }
}

//! The client configuration: region or endpoint, token or AK/SK, header-safe values, timeout,
//! retry options, locale, unknown options with hints, and error messages free of secrets.
#![cfg(not(target_arch = "wasm32"))]

use codearts_deploy_wasm::config::{
    check_endpoint, check_header_value, parse_config, parse_timeout, Auth, ClientConfig,
    ConfigError, DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, TOKEN_MAX_LENGTH,
};
use codearts_deploy_wasm::locale::Locale;
use codearts_deploy_wasm::retry::RetryPolicy;
use serde_json::{json, Value};

// The list itself is pinned against the spec in tests/region_locale.rs.
use codearts_deploy_wasm::region::REGIONS;

fn ok(config: Value) -> ClientConfig {
    match parse_config(&config) {
        Ok(c) => c,
        Err(e) => panic!("{config} refused: {e:?}"),
    }
}

fn err(config: Value) -> ConfigError {
    match parse_config(&config) {
        Ok(c) => panic!("{config} accepted: {c:?}"),
        Err(e) => e,
    }
}

/// A config with `extra` merged into `{ region: "cn-north-4", token: "t" }`.
fn token_config(extra: Value) -> Value {
    merge(json!({ "region": "cn-north-4", "token": "t" }), extra)
}

fn merge(mut base: Value, extra: Value) -> Value {
    for (k, v) in extra.as_object().unwrap() {
        base[k] = v.clone();
    }
    base
}

// ---------------------------------------------------------------- endpoint

#[test]
fn every_known_region_maps_to_its_endpoint() {
    for region in REGIONS {
        let config = ok(json!({ "region": region, "token": "t" }));
        assert_eq!(
            config.endpoint,
            format!("https://codearts-deploy.{region}.myhuaweicloud.com")
        );
    }
}

#[test]
fn an_unknown_region_is_refused_and_the_known_ones_listed() {
    for region in ["mars-1", "cn-north-5", "CN-NORTH-4", " cn-north-4"] {
        let e = err(json!({ "region": region, "token": "t" }));
        assert_eq!(e.reason, "unknown_region", "{region}");
        for known in REGIONS {
            assert!(e.message.contains(known), "{}", e.message);
        }
    }
}

#[test]
fn a_region_that_is_not_a_string_is_invalid_config() {
    assert_eq!(
        err(json!({ "region": 4, "token": "t" })).reason,
        "invalid_config"
    );
}

#[test]
fn an_endpoint_keeps_its_base_path_and_loses_its_trailing_slash() {
    let cases = [
        ("https://deploy.example.com", "https://deploy.example.com"),
        ("https://deploy.example.com/", "https://deploy.example.com"),
        (
            "https://gw.example.com/deploy",
            "https://gw.example.com/deploy",
        ),
        (
            "https://gw.example.com/deploy/",
            "https://gw.example.com/deploy",
        ),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        (
            "http://localhost:3000/api/v1/",
            "http://localhost:3000/api/v1",
        ),
        ("https://[::1]:8443/x", "https://[::1]:8443/x"),
    ];
    for (given, expected) in cases {
        assert_eq!(
            ok(json!({ "endpoint": given, "token": "t" })).endpoint,
            expected
        );
        assert_eq!(check_endpoint(given).unwrap(), expected);
    }
}

#[test]
fn an_endpoint_with_query_fragment_userinfo_or_bad_scheme_is_refused() {
    for endpoint in [
        "https://deploy.example.com/?x=1",
        "https://deploy.example.com/base?",
        "https://deploy.example.com/#top",
        "https://user:pass@deploy.example.com",
        "https://user@deploy.example.com",
        "ftp://deploy.example.com",
        "ws://deploy.example.com",
        "file:///etc/passwd",
        "deploy.example.com",
        "//deploy.example.com",
        "https://",
        "https://deploy.example.com:99999",
        "https://deploy example.com",
        "https://deploy.example.com/a/../b",
        "https://deploy.example.com\r\nX-Evil: 1",
    ] {
        let e = err(json!({ "endpoint": endpoint, "token": "t" }));
        assert_eq!(e.reason, "invalid_endpoint", "{endpoint}: {e:?}");
        assert!(e.message.starts_with("config.endpoint"), "{}", e.message);
    }
}

#[test]
fn an_endpoint_error_never_quotes_the_userinfo_password() {
    let e =
        err(json!({ "endpoint": "https://admin:P4ssw0rdXYZ@deploy.example.com", "token": "t" }));
    assert!(!e.message.contains("P4ssw0rdXYZ"), "{}", e.message);
    assert!(!format!("{e:?}").contains("P4ssw0rdXYZ"));
}

#[test]
fn region_and_endpoint_together_conflict() {
    let e =
        err(json!({ "region": "cn-north-4", "endpoint": "https://x.example.com", "token": "t" }));
    assert_eq!(e.reason, "conflicting_endpoint");
}

#[test]
fn neither_region_nor_endpoint_is_missing_endpoint() {
    assert_eq!(err(json!({ "token": "t" })).reason, "missing_endpoint");
    assert_eq!(
        err(json!({ "region": "", "endpoint": null, "token": "t" })).reason,
        "missing_endpoint"
    );
}

#[test]
fn an_empty_region_beside_an_endpoint_counts_as_absent() {
    let config = ok(json!({ "region": "", "endpoint": "https://x.example.com", "token": "t" }));
    assert_eq!(config.endpoint, "https://x.example.com");
}

#[test]
fn a_config_that_is_not_an_object_is_invalid_config() {
    for value in [json!(null), json!("cn-north-4"), json!([]), json!(1)] {
        assert_eq!(err(value).reason, "invalid_config");
    }
}

// ---------------------------------------------------------------- credentials

#[test]
fn a_token_alone_selects_token_auth() {
    let config = ok(json!({ "region": "cn-north-4", "token": "MIIE-token" }));
    match &config.auth {
        Auth::Token(token) => assert_eq!(token.expose(), "MIIE-token"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_access_key_and_secret_key_select_aksk_auth() {
    let config = ok(json!({ "region": "cn-north-4", "accessKey": "AKID", "secretKey": "SKVALUE" }));
    match &config.auth {
        Auth::AkSk {
            access_key,
            secret_key,
            security_token,
        } => {
            assert_eq!(access_key, "AKID");
            assert_eq!(secret_key.expose(), "SKVALUE");
            assert!(security_token.is_none());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_security_token_goes_with_aksk() {
    let config = ok(json!({
        "region": "cn-north-4", "accessKey": "AKID", "secretKey": "SK", "securityToken": "STS"
    }));
    match &config.auth {
        Auth::AkSk { security_token, .. } => {
            assert_eq!(security_token.as_ref().map(|t| t.expose()), Some("STS"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_token_and_aksk_together_conflict_unless_auth_says_which() {
    let both =
        json!({ "region": "cn-north-4", "token": "t", "accessKey": "AK", "secretKey": "SK" });
    assert_eq!(err(both.clone()).reason, "conflicting_credentials");
    let token = ok(merge(both.clone(), json!({ "auth": "token" })));
    assert!(matches!(token.auth, Auth::Token(_)));
    let aksk = ok(merge(both.clone(), json!({ "auth": "aksk" })));
    assert!(matches!(aksk.auth, Auth::AkSk { .. }));
    assert_eq!(
        err(merge(both, json!({ "auth": "oauth" }))).reason,
        "invalid_config"
    );
}

#[test]
fn a_token_and_only_an_access_key_also_conflict() {
    let e = err(json!({ "region": "cn-north-4", "token": "t", "accessKey": "AK" }));
    assert_eq!(e.reason, "conflicting_credentials");
}

#[test]
fn auth_naming_a_missing_credential_is_missing_credentials() {
    let e = err(
        json!({ "region": "cn-north-4", "auth": "token", "accessKey": "AK", "secretKey": "SK" }),
    );
    assert_eq!(e.reason, "missing_credentials");
    let e = err(json!({ "region": "cn-north-4", "auth": "aksk", "token": "t" }));
    assert_eq!(e.reason, "missing_credentials");
}

#[test]
fn only_an_access_key_or_only_a_secret_key_is_incomplete() {
    let e = err(json!({ "region": "cn-north-4", "accessKey": "AK" }));
    assert_eq!(e.reason, "incomplete_credentials");
    let e = err(json!({ "region": "cn-north-4", "secretKey": "SK" }));
    assert_eq!(e.reason, "incomplete_credentials");
    let e = err(json!({ "region": "cn-north-4", "accessKey": "AK", "secretKey": "" }));
    assert_eq!(e.reason, "incomplete_credentials");
}

#[test]
fn no_credentials_at_all_is_missing_credentials() {
    assert_eq!(
        err(json!({ "region": "cn-north-4" })).reason,
        "missing_credentials"
    );
    assert_eq!(
        err(json!({ "region": "cn-north-4", "token": "", "accessKey": null })).reason,
        "missing_credentials"
    );
    assert_eq!(
        err(json!({ "region": "cn-north-4", "securityToken": "STS" })).reason,
        "missing_credentials"
    );
}

#[test]
fn a_credential_that_is_not_a_string_is_invalid_config() {
    for field in [
        "token",
        "accessKey",
        "secretKey",
        "securityToken",
        "projectId",
        "auth",
    ] {
        let e = err(token_config(json!({ field: 12345 })));
        assert_eq!(e.reason, "invalid_config", "{field}");
        assert!(e.message.contains(field), "{}", e.message);
    }
}

#[test]
fn a_token_of_20000_characters_is_accepted_and_20001_refused() {
    assert_eq!(TOKEN_MAX_LENGTH, 20000);
    let config = ok(json!({ "region": "cn-north-4", "token": "a".repeat(20000) }));
    assert!(matches!(config.auth, Auth::Token(ref t) if t.expose().len() == 20000));
    let e = err(json!({ "region": "cn-north-4", "token": "a".repeat(20001) }));
    assert_eq!(e.reason, "token_too_long");
    assert!(
        e.message.contains("20000") && e.message.contains("20001"),
        "{}",
        e.message
    );
}

#[test]
fn control_and_non_ascii_characters_in_a_token_are_invalid_header_values() {
    for token in [
        "abc\r\nX-Evil: 1",
        "abc\ndef",
        "abc\0",
        "abc\tdef",
        "tökén",
        "令牌",
        "a\u{7f}",
    ] {
        let e = err(json!({ "region": "cn-north-4", "token": token }));
        assert_eq!(e.reason, "invalid_header_value", "{token:?}");
        assert!(e.message.contains("config.token"), "{}", e.message);
    }
}

#[test]
fn header_breaking_characters_in_project_id_security_token_and_access_key_are_refused() {
    let aksk = json!({ "region": "cn-north-4", "accessKey": "AK", "secretKey": "SK" });
    for bad in ["x\r\ny", "x\n", "x\0", "ünï", "项目"] {
        let e = err(token_config(json!({ "projectId": bad })));
        assert_eq!(e.reason, "invalid_header_value", "projectId {bad:?}");
        assert!(e.message.contains("projectId"), "{}", e.message);

        let e = err(merge(aksk.clone(), json!({ "securityToken": bad })));
        assert_eq!(e.reason, "invalid_header_value", "securityToken {bad:?}");
        assert!(e.message.contains("securityToken"), "{}", e.message);

        let e = err(merge(aksk.clone(), json!({ "accessKey": bad })));
        assert_eq!(e.reason, "invalid_header_value", "accessKey {bad:?}");
        assert!(e.message.contains("accessKey"), "{}", e.message);
    }
}

#[test]
fn check_header_value_accepts_printable_ascii_and_names_the_position() {
    assert!(check_header_value(" !~azAZ09-_.", "x").is_ok());
    let e = check_header_value("ab\ncd", "projectId").unwrap_err();
    assert_eq!(e.reason, "invalid_header_value");
    assert!(e.message.contains("position 3"), "{}", e.message);
}

#[test]
fn a_project_id_is_kept_when_given() {
    assert_eq!(
        ok(token_config(json!({ "projectId": "0123abc" })))
            .project_id
            .as_deref(),
        Some("0123abc")
    );
    assert_eq!(ok(token_config(json!({}))).project_id, None);
    assert_eq!(
        ok(token_config(json!({ "projectId": null }))).project_id,
        None
    );
}

#[test]
fn an_empty_project_id_counts_as_absent_like_the_other_options() {
    // An empty X-Project-Id header names no project; region, endpoint, token, accessKey,
    // secretKey and securityToken all treat "" as absent.
    assert_eq!(
        ok(token_config(json!({ "projectId": "" }))).project_id,
        None
    );
}

// ---------------------------------------------------------------- timeout

#[test]
fn the_timeout_defaults_to_30_seconds() {
    assert_eq!(DEFAULT_TIMEOUT_MS, 30_000);
    assert_eq!(ok(token_config(json!({}))).timeout_ms, 30_000);
    assert_eq!(
        ok(token_config(json!({ "timeoutMs": null }))).timeout_ms,
        30_000
    );
}

#[test]
fn the_timeout_accepts_whole_milliseconds_from_1_to_600000() {
    assert_eq!(MAX_TIMEOUT_MS, 600_000);
    for ms in [1, 1000, 600_000] {
        assert_eq!(ok(token_config(json!({ "timeoutMs": ms }))).timeout_ms, ms);
    }
    assert_eq!(
        ok(token_config(json!({ "timeoutMs": 2500.0 }))).timeout_ms,
        2500
    );
}

#[test]
fn the_timeout_refuses_zero_negative_fractional_too_large_and_non_numbers() {
    for ms in [
        json!(0),
        json!(-1),
        json!(0.5),
        json!(1500.5),
        json!(600_001),
        json!(1e12),
        json!("1000"),
        json!(true),
        json!([1000]),
    ] {
        let e = err(token_config(json!({ "timeoutMs": ms })));
        assert_eq!(e.reason, "invalid_timeout", "{ms}");
        assert!(e.message.contains("config.timeoutMs"), "{}", e.message);
    }
}

#[test]
fn parse_timeout_names_the_option_it_reads() {
    let e = parse_timeout(&json!(0), "options.timeoutMs").unwrap_err();
    assert!(e.message.starts_with("options.timeoutMs "), "{}", e.message);
    assert_eq!(parse_timeout(&json!(42), "x").unwrap(), 42);
}

// ---------------------------------------------------------------- retry

#[test]
fn retry_defaults_when_absent_null_or_empty() {
    for extra in [json!({}), json!({ "retry": null }), json!({ "retry": {} })] {
        assert_eq!(ok(token_config(extra)).retry, RetryPolicy::default());
    }
}

#[test]
fn retry_options_are_read() {
    let config = ok(token_config(json!({ "retry": {
        "maxAttempts": 5,
        "maxDelayMs": 2000,
        "baseDelayMs": 100,
        "networkErrors": true,
        "serverErrors": true,
        "throttledWithoutRetryAfter": true
    }})));
    assert_eq!(
        config.retry,
        RetryPolicy {
            max_attempts: 5,
            max_delay_ms: 2000,
            base_delay_ms: 100,
            network_errors: true,
            server_errors: true,
            throttled_without_retry_after: true,
        }
    );
}

#[test]
fn an_unknown_retry_option_is_refused_with_a_hint() {
    let e = err(token_config(json!({ "retry": { "maxAttempt": 2 } })));
    assert_eq!(e.reason, "unknown_option");
    assert_eq!(
        e.message,
        "config.retry.maxAttempt is not a known option. Did you mean maxAttempts?"
    );
    let e = err(token_config(json!({ "retry": { "network_errors": true } })));
    assert!(
        e.message.ends_with("Did you mean networkErrors?"),
        "{}",
        e.message
    );
    let e = err(token_config(json!({ "retry": { "jitter": true } })));
    assert_eq!(e.reason, "unknown_option");
    assert!(!e.message.contains("Did you mean"), "{}", e.message);
}

#[test]
fn retry_that_is_not_an_object_is_invalid_retry() {
    for retry in [json!(true), json!(3), json!("always"), json!([])] {
        assert_eq!(
            err(token_config(json!({ "retry": retry }))).reason,
            "invalid_retry"
        );
    }
}

#[test]
fn retry_numbers_and_flags_of_the_wrong_type_are_invalid_retry() {
    for retry in [
        json!({ "maxAttempts": "3" }),
        json!({ "maxAttempts": 0 }),
        json!({ "maxAttempts": 11 }),
        json!({ "maxAttempts": 2.5 }),
        json!({ "maxDelayMs": -1 }),
        json!({ "maxDelayMs": 600_001 }),
        json!({ "baseDelayMs": 60_001 }),
        json!({ "networkErrors": "yes" }),
        json!({ "serverErrors": 1 }),
        json!({ "throttledWithoutRetryAfter": "true" }),
    ] {
        let e = err(token_config(json!({ "retry": retry })));
        assert_eq!(e.reason, "invalid_retry", "{retry}");
    }
}

// ---------------------------------------------------------------- locale

#[test]
fn the_locale_defaults_to_english_and_reads_zh_cn() {
    assert_eq!(ok(token_config(json!({}))).locale, Locale::En);
    assert_eq!(
        ok(token_config(json!({ "locale": "en" }))).locale,
        Locale::En
    );
    assert_eq!(
        ok(token_config(json!({ "locale": "zh-CN" }))).locale,
        Locale::ZhCn
    );
}

#[test]
fn an_unsupported_locale_is_invalid_config() {
    for locale in [json!("fr"), json!("zh-TW"), json!(1)] {
        let e = err(token_config(json!({ "locale": locale })));
        assert_eq!(e.reason, "invalid_config", "{locale}");
    }
}

// ---------------------------------------------------------------- unknown options

#[test]
fn an_unknown_config_option_is_refused_with_a_hint() {
    for (typo, known) in [
        ("tokne", "token"),
        ("project_id", "projectId"),
        ("access_key", "accessKey"),
        ("SecretKey", "secretKey"),
        ("timeout_ms", "timeoutMs"),
        ("endpiont", "endpoint"),
    ] {
        let e = err(token_config(json!({ typo: "x" })));
        assert_eq!(e.reason, "unknown_option", "{typo}");
        assert_eq!(
            e.message,
            format!("config.{typo} is not a known option. Did you mean {known}?")
        );
    }
}

#[test]
fn an_unknown_config_option_far_from_every_name_has_no_hint() {
    let e = err(token_config(json!({ "colour": "red" })));
    assert_eq!(e.reason, "unknown_option");
    assert_eq!(e.message, "config.colour is not a known option.");
}

#[test]
fn an_unknown_option_name_is_quoted_short_and_without_control_characters() {
    let name = format!("x\n{}", "y".repeat(200));
    let e = err(token_config(json!({ name: 1 })));
    assert_eq!(e.reason, "unknown_option");
    assert!(!e.message.contains('\n'));
    assert!(e.message.len() < 150, "{}", e.message);
}

#[test]
fn unknown_options_are_found_before_other_problems() {
    let e = err(json!({ "tokne": "t" }));
    assert_eq!(e.reason, "unknown_option");
}

// ---------------------------------------------------------------- no secret in an error

const TOKEN_SECRET: &str = "TOKSECRET7f3a9";
const SK_SECRET: &str = "SKSECRET19d2c4";
const STS_SECRET: &str = "STSSECRET88e1b0";

fn assert_no_secret(e: &ConfigError) {
    let shown = format!("{} {e:?}", e.message);
    for secret in [TOKEN_SECRET, SK_SECRET, STS_SECRET] {
        assert!(!shown.contains(secret), "{secret} shown in {shown}");
    }
}

#[test]
fn no_config_error_ever_quotes_a_token_secret_key_or_security_token() {
    let long_token = format!("{TOKEN_SECRET}{}", "a".repeat(20000));
    let cases = [
        // too long
        json!({ "region": "cn-north-4", "token": long_token }),
        // header injection
        json!({ "region": "cn-north-4", "token": format!("{TOKEN_SECRET}\r\nX: y") }),
        json!({ "region": "cn-north-4", "token": format!("{TOKEN_SECRET}é") }),
        json!({ "region": "cn-north-4", "accessKey": "AK", "secretKey": format!("{SK_SECRET}\n") }),
        json!({ "region": "cn-north-4", "accessKey": "AK", "secretKey": format!("{SK_SECRET}秘") }),
        json!({ "region": "cn-north-4", "accessKey": "AK", "secretKey": SK_SECRET,
                "securityToken": format!("{STS_SECRET}\0") }),
        // conflicting or incomplete
        json!({ "region": "cn-north-4", "token": TOKEN_SECRET, "accessKey": "AK", "secretKey": SK_SECRET }),
        json!({ "region": "cn-north-4", "secretKey": SK_SECRET, "securityToken": STS_SECRET }),
        json!({ "region": "cn-north-4", "auth": "token", "secretKey": SK_SECRET, "accessKey": "AK" }),
        // other problems beside secrets
        json!({ "region": "mars-1", "token": TOKEN_SECRET }),
        json!({ "endpoint": format!("https://{TOKEN_SECRET}:{SK_SECRET}@h"), "token": TOKEN_SECRET }),
        json!({ "token": TOKEN_SECRET, "accessKey": "AK", "secretKey": SK_SECRET, "securityToken": STS_SECRET }),
        json!({ "region": "cn-north-4", "token": TOKEN_SECRET, "timeoutMs": 0 }),
        json!({ "region": "cn-north-4", "token": TOKEN_SECRET, "retry": { "maxAttempts": 99 } }),
        json!({ "region": "cn-north-4", "token": TOKEN_SECRET, "tokne": TOKEN_SECRET }),
        json!({ "region": "cn-north-4", "accessKey": "AK", "secretKey": SK_SECRET, "secret_key": SK_SECRET }),
        json!({ "region": "cn-north-4", "token": TOKEN_SECRET, "auth": TOKEN_SECRET }),
        json!({ "region": "cn-north-4", "token": TOKEN_SECRET, "locale": TOKEN_SECRET }),
    ];
    for config in cases {
        let e = err(config);
        assert_no_secret(&e);
    }
}

#[test]
fn client_config_debug_output_masks_every_secret() {
    let token = ok(json!({ "region": "cn-north-4", "token": TOKEN_SECRET }));
    let aksk = ok(json!({
        "region": "cn-north-4", "accessKey": "AKVISIBLE", "secretKey": SK_SECRET,
        "securityToken": STS_SECRET, "projectId": "proj1"
    }));
    for config in [&token, &aksk] {
        let shown = format!("{config:?} {config:#?} {:?}", config.auth);
        for secret in [TOKEN_SECRET, SK_SECRET, STS_SECRET] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("********"), "{shown}");
    }
    assert!(format!("{aksk:?}").contains("AKVISIBLE"));
    assert!(format!("{aksk:?}").contains("proj1"));
}

#[test]
fn keys_the_signer_refuses_are_refused_at_construction_with_the_signers_reason() {
    let aksk = |ak: &str, token: Option<&str>| {
        let mut config = json!({ "endpoint": "https://h", "accessKey": ak, "secretKey": "SK" });
        if let Some(token) = token {
            config["securityToken"] = json!(token);
        }
        config
    };
    for ak in [
        "KEY-Marker 1",
        "KEY-Marker,1",
        "KEY-Marker1 ",
        " KEY-Marker1",
    ] {
        let e = err(aksk(ak, None));
        assert_eq!(e.reason, "invalid_access_key", "{ak:?}");
        assert!(
            !e.message.contains("KEY-Marker"),
            "{ak:?}: the key is quoted"
        );
    }
    assert_eq!(
        err(aksk("AK", Some("ST ST"))).reason,
        "invalid_security_token"
    );
    // Control characters keep their header-level reason; a good pair passes.
    assert_eq!(err(aksk("A\rK", None)).reason, "invalid_header_value");
    ok(aksk("AK-0123_x.y", Some("st+/=.")));
}

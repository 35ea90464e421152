//! Property tests of the config parser and the request builder: over arbitrary config objects
//! (wrong types, header values with CR/LF and other control characters, tokens around the
//! 20000-character limit, odd endpoints, retry options) parsing never panics and either yields a
//! config whose every header value can be sent, or a coded error whose message holds no token,
//! secret key or security token; the prepared request never carries a control character and its
//! preview never a secret.
#![cfg(not(target_arch = "wasm32"))]

mod prop_support;

use codearts_deploy_wasm::config::{parse_config, Auth, ConfigError, TOKEN_MAX_LENGTH};
use codearts_deploy_wasm::locale::Locale;
use codearts_deploy_wasm::request::{prepare, preview};
use codearts_deploy_wasm::validate::parse_input;
use prop_support::{json_leaf, json_value, key, mostly_printable, nasty_string, run};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{json, Map, Value};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Configs that made it to a prepared request (so the success path is exercised too).
static PREPARED: AtomicUsize = AtomicUsize::new(0);

const CONFIG_KEYS: &[&str] = &[
    "locale",
    "region",
    "endpoint",
    "token",
    "accessKey",
    "secretKey",
    "securityToken",
    "projectId",
    "auth",
    "timeoutMs",
    "retry",
    "access_key",
];
const TOKEN_MARK: &str = "TOKEN-SECRET-";
const SK_MARK: &str = "SK-SECRET-";
const STS_MARK: &str = "STS-SECRET-";
const ENCRYPT_VALUE: &str = "ENCRYPT-SECRET-value";

/// Every code `parse_config` and `prepare` may answer.
const CODES: &[&str] = &[
    "conflicting_credentials",
    "conflicting_endpoint",
    "incomplete_credentials",
    "invalid_config",
    "invalid_endpoint",
    "invalid_header_value",
    "invalid_retry",
    "invalid_timeout",
    "missing_credentials",
    "missing_endpoint",
    "token_too_long",
    "unknown_option",
    "unknown_region",
    "empty_access_key",
    "invalid_access_key",
    "empty_secret_key",
    "empty_security_token",
    "invalid_security_token",
    "time_out_of_range",
    "invalid_sdk_date",
    "header_value_control_character",
    "header_value_non_ascii",
];

fn marked(mark: &'static str) -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => mostly_printable(1, 30).prop_map(move |v| Value::String(format!("{mark}{v}"))),
        1 => (TOKEN_MAX_LENGTH - 20..TOKEN_MAX_LENGTH + 20)
            .prop_map(move |n| Value::String(format!("{mark}{}", "t".repeat(n - mark.len())))),
        1 => json_leaf(),
    ]
}

fn config() -> impl Strategy<Value = Value> {
    let endpoint = prop_oneof![
        3 => Just(json!("http://127.0.0.1:8080")),
        1 => Just(json!("https://codearts-deploy.example.com/base/")),
        1 => nasty_string(30).prop_map(|s| Value::String(format!("http://127.0.0.1/{s}"))),
        1 => nasty_string(40).prop_map(Value::String),
    ];
    let retry = prop_oneof![
        json_value(&[
            "maxAttempts",
            "maxDelayMs",
            "baseDelayMs",
            "networkErrors",
            "serverErrors",
            "throttledWithoutRetryAfter"
        ]),
        (0u32..12, any::<bool>())
            .prop_map(|(n, b)| json!({ "maxAttempts": n, "networkErrors": b, "serverErrors": b })),
    ];
    let fields = (
        (
            prop::option::weighted(0.1, prop_oneof![Just(json!("cn-north-4")), json_leaf()]),
            prop::option::weighted(0.8, endpoint),
            prop::option::weighted(0.6, marked(TOKEN_MARK)),
            prop::option::weighted(
                0.4,
                prop_oneof![4 => "[A-Z0-9]{20}".prop_map(Value::String), 1 => mostly_printable(0, 24).prop_map(Value::String)],
            ),
            prop::option::weighted(0.4, marked(SK_MARK)),
            prop::option::weighted(0.2, marked(STS_MARK)),
        ),
        (
            prop::option::weighted(
                0.3,
                prop_oneof![mostly_printable(0, 40).prop_map(Value::String), json_leaf()],
            ),
            prop::option::weighted(
                0.3,
                prop_oneof![Just(json!("token")), Just(json!("aksk")), json_leaf()],
            ),
            prop::option::weighted(
                0.3,
                prop_oneof![(0u32..700_000).prop_map(Value::from), json_leaf()],
            ),
            prop::option::weighted(0.2, retry),
            prop::option::weighted(0.1, prop_oneof![Just(json!("zh-CN")), json_leaf()]),
            prop::option::weighted(0.15, (key(CONFIG_KEYS), json_leaf())),
        ),
    );
    // Mostly one kind of credentials, so that many configs are usable.
    let mode = prop::sample::select(vec!["token", "token", "aksk", "aksk", "any"]);
    (fields, mode).prop_map(
        |(
            (
                (region, endpoint, mut token, mut ak, mut sk, mut sts),
                (project, mut auth, timeout, retry, locale, extra),
            ),
            mode,
        )| {
            match mode {
                "token" => {
                    (ak, sk, sts, auth) = (None, None, None, None);
                    token = token.or(Some(json!("TOKEN-SECRET-abc")));
                }
                "aksk" => {
                    (token, auth) = (None, None);
                    ak = ak.or(Some(json!("AKEXAMPLE0123456789")));
                    sk = sk.or(Some(json!("SK-SECRET-abcdef")));
                }
                _ => {}
            }
            let mut map = Map::new();
            let named = [
                ("region", region),
                ("endpoint", endpoint),
                ("token", token),
                ("accessKey", ak),
                ("secretKey", sk),
                ("securityToken", sts),
                ("projectId", project),
                ("auth", auth),
                ("timeoutMs", timeout),
                ("retry", retry),
                ("locale", locale),
            ];
            for (name, value) in named {
                if let Some(value) = value {
                    map.insert(name.to_string(), value);
                }
            }
            map.extend(extra);
            Value::Object(map)
        },
    )
}

/// The secret strings of a config object.
fn secrets(config: &Value) -> Vec<String> {
    ["token", "secretKey", "securityToken"]
        .iter()
        .filter_map(|name| config.get(*name).and_then(Value::as_str))
        .filter(|s| s.len() >= 8)
        .map(str::to_string)
        .collect()
}

fn check_error(error: &ConfigError, secrets: &[String]) -> Result<(), TestCaseError> {
    prop_assert!(
        CODES.contains(&error.reason),
        "unknown code {}",
        error.reason
    );
    prop_assert!(!error.message.trim().is_empty());
    prop_assert!(
        !error.message.chars().any(char::is_control),
        "control character in {:?}",
        error.message
    );
    for secret in secrets {
        prop_assert!(
            !error.message.contains(secret.as_str()),
            "secret in {:?}",
            error.message
        );
    }
    Ok(())
}

fn sendable(value: &str) -> bool {
    value.chars().all(|c| (' '..='~').contains(&c))
}

fn check(config_json: &Value, now: f64) -> Result<(), TestCaseError> {
    let secrets = secrets(config_json);
    let config = match parse_config(config_json) {
        Ok(config) => config,
        Err(error) => return check_error(&error, &secrets),
    };
    prop_assert!(config.endpoint.starts_with("http://") || config.endpoint.starts_with("https://"));
    prop_assert!(config.timeout_ms >= 1);
    match &config.auth {
        Auth::Token(token) => {
            prop_assert!(token.expose().len() <= TOKEN_MAX_LENGTH);
            prop_assert!(sendable(token.expose()));
        }
        Auth::AkSk { access_key, .. } => prop_assert!(sendable(access_key)),
    }
    if let Some(project) = &config.project_id {
        prop_assert!(sendable(project));
    }
    let input = json!({
        "taskId": "d2dc947ec2424d8789bb3984bb3adf45",
        "params": [{ "key": "pw", "value": ENCRYPT_VALUE, "type": "encrypt" }],
    });
    let input =
        parse_input(&input, Locale::En).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
    match prepare(&input, &config, now) {
        Ok(request) => {
            PREPARED.fetch_add(1, Ordering::Relaxed);
            for (name, value) in &request.headers {
                prop_assert!(sendable(value), "unsendable {}", name);
            }
            prop_assert!(request
                .url
                .ends_with("/v2/tasks/d2dc947ec2424d8789bb3984bb3adf45/start"));
            let shown =
                preview(&input, &config, now).map_err(|e| TestCaseError::fail(e.message))?;
            let text = format!("{shown:?} {} {:?} {request:?}", shown.body, shown.headers);
            for secret in secrets.iter().map(String::as_str).chain([ENCRYPT_VALUE]) {
                prop_assert!(!text.contains(secret), "secret in preview");
            }
        }
        Err(error) => check_error(&error, &secrets)?,
    }
    Ok(())
}

#[test]
fn arbitrary_config_values_never_panic() {
    let strategy = (json_value(CONFIG_KEYS), any::<f64>());
    run("config/arbitrary-json", 3000, strategy, |(config, now)| {
        check(&config, now)
    });
}

#[test]
fn nearly_valid_configs_parse_or_fail_with_a_code_and_no_secret() {
    let now = prop_oneof![4 => Just(1_704_164_645_000.0), 1 => any::<f64>()];
    run(
        "config/structured",
        6000,
        (config(), now),
        |(config, now)| check(&config, now),
    );
    let prepared = PREPARED.load(Ordering::Relaxed);
    eprintln!("config/structured: {prepared} prepared requests");
    assert!(prepared > 600, "only {prepared} configs were usable");
}

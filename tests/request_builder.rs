//! The request builder: URL (with the endpoint's base path), headers for token and AK/SK auth,
//! the compact JSON body, the masked preview, and Debug output that never shows a secret.
#![cfg(not(target_arch = "wasm32"))]

use codearts_deploy_wasm::config::{parse_config, ClientConfig};
use codearts_deploy_wasm::locale::Locale;
use codearts_deploy_wasm::model::{DeployParam, EnvExecutionBody, ParamType, StartDeployTaskInput};
use codearts_deploy_wasm::redact::{Secret, MASK};
use codearts_deploy_wasm::request::{
    body_json, mask_headers, prepare, preview, start_url, PreparedRequest, CONTENT_TYPE,
};
use codearts_deploy_wasm::sign::{sign_with_options, Credentials, SignOptions, SignableRequest};
use codearts_deploy_wasm::validate::parse_input;
use serde_json::{json, Value};

const TASK: &str = "d2dc947ec2424d8789bb3984bb3adf45";
const RECORD: &str = "0ee9c8e6a7dc44109541e53c6dccf47c";
const TOKEN: &str = "MIITOKENSECRET-4b1d";
const SK: &str = "SKSECRETVALUE-93ac";
const STS: &str = "STSSECRETVALUE-0e7f";
const ENCRYPTED: &str = "ENCRYPTEDSECRET-db-pw";
/// 2023-11-14T22:13:20Z.
const NOW: f64 = 1_700_000_000_000.0;

fn input(value: Value) -> StartDeployTaskInput {
    parse_input(&value, Locale::En).unwrap()
}

fn config(value: Value) -> ClientConfig {
    parse_config(&value).unwrap()
}

fn token_config() -> ClientConfig {
    config(json!({ "endpoint": "https://gw.example.com/deploy/", "token": TOKEN }))
}

fn aksk_config(extra: Value) -> ClientConfig {
    let mut value = json!({
        "endpoint": "https://codearts-deploy.cn-north-4.myhuaweicloud.com",
        "accessKey": "AKIDEXAMPLE",
        "secretKey": SK
    });
    for (k, v) in extra.as_object().unwrap() {
        value[k] = v.clone();
    }
    config(value)
}

fn header<'a>(request: &'a PreparedRequest, name: &str) -> Option<&'a str> {
    request
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn names(request: &PreparedRequest) -> Vec<&str> {
    request.headers.iter().map(|(n, _)| n.as_str()).collect()
}

fn secret_input() -> StartDeployTaskInput {
    input(json!({
        "taskId": TASK,
        "params": [
            { "key": "user", "value": "alice", "type": "text" },
            { "key": "password", "value": ENCRYPTED, "type": "encrypt" },
            { "key": "env", "value": "e3144513a4094398857c992606ccba12", "type": "host_group" }
        ],
        "triggerSource": "1"
    }))
}

/// Everything a request shows: its Debug output and every header and body byte.
fn assert_shows_no_secret(shown: &str) {
    for secret in [TOKEN, SK, STS, ENCRYPTED] {
        assert!(!shown.contains(secret), "{secret} shown in {shown}");
    }
}

// ---------------------------------------------------------------- URL and method

#[test]
fn the_url_is_the_endpoint_base_path_then_the_start_path() {
    let request = prepare(&input(json!({ "taskId": TASK })), &token_config(), NOW).unwrap();
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.url,
        format!("https://gw.example.com/deploy/v2/tasks/{TASK}/start")
    );
}

#[test]
fn the_url_of_a_region_is_the_regional_host() {
    let config = config(json!({ "region": "la-north-2", "token": "t" }));
    let request = prepare(&input(json!({ "taskId": TASK })), &config, NOW).unwrap();
    assert_eq!(
        request.url,
        format!("https://codearts-deploy.la-north-2.myhuaweicloud.com/v2/tasks/{TASK}/start")
    );
}

#[test]
fn start_url_never_doubles_a_slash() {
    for endpoint in ["http://h:1", "http://h:1/", "http://h:1///"] {
        assert_eq!(
            start_url(endpoint, TASK),
            format!("http://h:1/v2/tasks/{TASK}/start")
        );
    }
    assert_eq!(
        start_url("https://h/a/b/", "x"),
        "https://h/a/b/v2/tasks/x/start"
    );
}

// ---------------------------------------------------------------- token headers

#[test]
fn a_token_request_sends_content_type_and_x_auth_token_only() {
    let request = prepare(&input(json!({ "taskId": TASK })), &token_config(), NOW).unwrap();
    assert_eq!(
        request.headers,
        vec![
            ("Content-Type".to_string(), "application/json".to_string()),
            ("X-Auth-Token".to_string(), TOKEN.to_string()),
        ]
    );
    assert_eq!(CONTENT_TYPE, "application/json");
}

#[test]
fn x_project_id_is_sent_only_when_configured() {
    let with = config(json!({ "region": "cn-north-4", "token": "t", "projectId": "proj42" }));
    let request = prepare(&input(json!({ "taskId": TASK })), &with, NOW).unwrap();
    assert_eq!(header(&request, "X-Project-Id"), Some("proj42"));
    assert_eq!(
        names(&request),
        ["Content-Type", "X-Project-Id", "X-Auth-Token"]
    );

    let without = config(json!({ "region": "cn-north-4", "token": "t" }));
    let request = prepare(&input(json!({ "taskId": TASK })), &without, NOW).unwrap();
    assert_eq!(header(&request, "X-Project-Id"), None);

    let empty = config(json!({ "region": "cn-north-4", "token": "t", "projectId": "" }));
    let request = prepare(&input(json!({ "taskId": TASK })), &empty, NOW).unwrap();
    assert_eq!(header(&request, "X-Project-Id"), None);
}

#[test]
fn a_token_request_does_not_depend_on_the_time() {
    let i = input(json!({ "taskId": TASK }));
    assert_eq!(
        prepare(&i, &token_config(), 0.0).unwrap(),
        prepare(&i, &token_config(), NOW).unwrap()
    );
}

// ---------------------------------------------------------------- body

#[test]
fn the_spec_example_becomes_a_compact_body_with_trigger_source_as_a_string() {
    let request = prepare(
        &input(json!({
            "taskId": TASK,
            "params": [
                { "key": "string", "value": "test", "type": "text" },
                { "key": "env", "value": "e3144513a4094398857c992606ccba12", "type": "host_group" },
                { "key": "enum", "value": "value1", "type": "enum" }
            ],
            "triggerSource": 0
        })),
        &token_config(),
        NOW,
    )
    .unwrap();
    assert_eq!(
        request.body,
        concat!(
            r#"{"params":[{"key":"string","value":"test","type":"text"},"#,
            r#"{"key":"env","value":"e3144513a4094398857c992606ccba12","type":"host_group"},"#,
            r#"{"key":"enum","value":"value1","type":"enum"}],"trigger_source":"0"}"#
        )
    );
}

#[test]
fn absent_fields_are_left_out_of_the_body() {
    assert_eq!(body_json(&input(json!({ "taskId": TASK }))), "{}");
    assert_eq!(
        body_json(&input(
            json!({ "taskId": TASK, "params": null, "recordId": null, "triggerSource": null })
        )),
        "{}"
    );
    assert_eq!(
        body_json(&input(json!({ "taskId": TASK, "recordId": RECORD }))),
        format!(r#"{{"record_id":"{RECORD}"}}"#)
    );
    assert_eq!(
        body_json(&input(json!({ "taskId": TASK, "params": [] }))),
        r#"{"params":[]}"#
    );
}

#[test]
fn the_body_written_directly_is_what_serde_json_writes() {
    let odd = "q\"b\\s\n\t\u{1}\u{1f}\u{7f}é中😀\u{2028}/";
    for value in [
        json!({ "taskId": TASK }),
        json!({ "taskId": TASK, "triggerSource": 1 }),
        json!({ "taskId": TASK, "recordId": RECORD, "triggerSource": "0" }),
        json!({ "taskId": TASK, "params": [{ "key": "k", "value": odd, "type": "text" },
            { "key": "p", "value": "", "type": "encrypt" }], "recordId": RECORD }),
    ] {
        let input = input(value);
        let expected = serde_json::to_string(&EnvExecutionBody::from(&input)).unwrap();
        assert_eq!(body_json(&input), expected);
    }
}

#[test]
fn every_trigger_source_form_goes_on_the_wire_as_a_string() {
    for (given, wire) in [
        (json!(0), "0"),
        (json!("0"), "0"),
        (json!(1), "1"),
        (json!("1"), "1"),
    ] {
        assert_eq!(
            body_json(&input(json!({ "taskId": TASK, "triggerSource": given }))),
            format!(r#"{{"trigger_source":"{wire}"}}"#)
        );
    }
}

#[test]
fn the_body_uses_the_wire_names_and_never_the_javascript_ones() {
    let body = body_json(&input(json!({
        "taskId": TASK, "recordId": RECORD, "triggerSource": 1,
        "params": [{ "key": "k", "value": "v", "type": "host_group" }]
    })));
    for wire in [
        "\"record_id\"",
        "\"trigger_source\"",
        "\"params\"",
        "\"type\":\"host_group\"",
    ] {
        assert!(body.contains(wire), "{body}");
    }
    for js in [
        "recordId",
        "triggerSource",
        "taskId",
        "hostGroup",
        "param_type",
        TASK,
    ] {
        assert!(!body.contains(js), "{js} in {body}");
    }
}

#[test]
fn params_keep_their_order_and_values_are_escaped_as_json() {
    let value = "line1\nline2 \"quoted\" \\ 中文 😀 </script>";
    let body = body_json(&input(json!({
        "taskId": TASK,
        "params": [
            { "key": "z", "value": "1", "type": "text" },
            { "key": "a", "value": value, "type": "text" },
            { "key": "m", "value": "", "type": "enum" },
            { "key": "b", "value": "3", "type": "encrypt" }
        ]
    })));
    assert!(!body.contains('\n'), "not compact: {body}");
    assert!(!body.contains(": "), "not compact: {body}");
    let parsed: Value = serde_json::from_str(&body).unwrap();
    let keys: Vec<&str> = parsed["params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["z", "a", "m", "b"]);
    assert_eq!(parsed["params"][1]["value"], json!(value));
    assert_eq!(parsed["params"][2]["value"], json!(""));
}

#[test]
fn the_prepared_body_is_exactly_body_json() {
    let i = secret_input();
    assert_eq!(
        prepare(&i, &token_config(), NOW).unwrap().body,
        body_json(&i)
    );
    assert!(
        body_json(&i).contains(ENCRYPTED),
        "the real request carries the secret"
    );
}

// ---------------------------------------------------------------- AK/SK

#[test]
fn an_aksk_request_is_dated_and_signed_without_a_token() {
    let request = prepare(
        &input(json!({ "taskId": TASK })),
        &aksk_config(json!({})),
        NOW,
    )
    .unwrap();
    assert_eq!(
        names(&request),
        ["Content-Type", "X-Sdk-Date", "Authorization"]
    );
    assert_eq!(header(&request, "X-Sdk-Date"), Some("20231114T221320Z"));
    assert_eq!(header(&request, "X-Auth-Token"), None);
    assert_eq!(header(&request, "Host"), None, "a browser cannot set Host");
    let authorization = header(&request, "Authorization").unwrap();
    let prefix = "SDK-HMAC-SHA256 Access=AKIDEXAMPLE, SignedHeaders=content-type;host;x-sdk-date, Signature=";
    assert!(authorization.starts_with(prefix), "{authorization}");
    let signature = &authorization[prefix.len()..];
    assert_eq!(signature.len(), 64, "{signature}");
    assert!(signature
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    assert_shows_no_secret(&format!("{:?}", request.headers));
}

#[test]
fn the_aksk_signature_is_the_signers_browser_mode_signature_of_the_same_request() {
    let config = aksk_config(json!({ "projectId": "proj42", "securityToken": STS }));
    let i = secret_input();
    let request = prepare(&i, &config, NOW).unwrap();
    let caller_headers = vec![
        ("Content-Type".to_string(), "application/json".to_string()),
        ("X-Project-Id".to_string(), "proj42".to_string()),
    ];
    let signed = sign_with_options(
        &SignableRequest {
            method: "POST",
            url: &request.url,
            headers: &caller_headers,
            body: body_json(&i).as_bytes(),
        },
        &Credentials {
            access_key: "AKIDEXAMPLE",
            secret_key: SK,
            security_token: Some(STS),
        },
        &SignOptions::browser("20231114T221320Z"),
    )
    .unwrap();
    assert_eq!(request.headers, signed.headers);
}

#[test]
fn temporary_credentials_and_a_project_are_sent_and_signed() {
    let config = aksk_config(json!({ "projectId": "proj42", "securityToken": STS }));
    let request = prepare(&input(json!({ "taskId": TASK })), &config, NOW).unwrap();
    assert_eq!(header(&request, "X-Security-Token"), Some(STS));
    assert_eq!(header(&request, "X-Project-Id"), Some("proj42"));
    let authorization = header(&request, "Authorization").unwrap();
    assert!(
        authorization
            .contains("SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token,"),
        "{authorization}"
    );
}

#[test]
fn the_signature_covers_the_body_and_the_time() {
    let config = aksk_config(json!({}));
    let sig = |i: &StartDeployTaskInput, now: f64| {
        let request = prepare(i, &config, now).unwrap();
        header(&request, "Authorization").unwrap().to_string()
    };
    let a = input(json!({ "taskId": TASK, "triggerSource": 0 }));
    let b = input(json!({ "taskId": TASK, "triggerSource": 1 }));
    assert_eq!(sig(&a, NOW), sig(&a, NOW));
    assert_ne!(sig(&a, NOW), sig(&b, NOW));
    assert_ne!(sig(&a, NOW), sig(&a, NOW + 1000.0));
}

#[test]
fn the_date_of_an_aksk_request_comes_from_now_millis() {
    let request = prepare(
        &input(json!({ "taskId": TASK })),
        &aksk_config(json!({})),
        0.0,
    )
    .unwrap();
    assert_eq!(header(&request, "X-Sdk-Date"), Some("19700101T000000Z"));
}

#[test]
fn a_time_the_signer_cannot_date_is_a_config_error_not_a_panic() {
    let i = input(json!({ "taskId": TASK }));
    for now in [f64::NAN, f64::INFINITY, 1e20] {
        let e = prepare(&i, &aksk_config(json!({})), now).unwrap_err();
        assert!(!e.reason.is_empty());
        assert!(!e.message.contains(SK));
    }
}

// ---------------------------------------------------------------- preview

#[test]
fn the_preview_masks_the_token_and_encrypt_values_and_keeps_the_rest() {
    let i = secret_input();
    let shown = preview(&i, &token_config(), NOW).unwrap();
    let real = prepare(&i, &token_config(), NOW).unwrap();
    assert_eq!(shown.url, real.url);
    assert_eq!(shown.method, "POST");
    assert_eq!(header(&shown, "X-Auth-Token"), Some(MASK));
    assert_eq!(header(&shown, "Content-Type"), Some("application/json"));
    let body: Value = serde_json::from_str(&shown.body).unwrap();
    assert_eq!(
        body,
        json!({
            "params": [
                { "key": "user", "value": "alice", "type": "text" },
                { "key": "password", "value": MASK, "type": "encrypt" },
                { "key": "env", "value": "e3144513a4094398857c992606ccba12", "type": "host_group" }
            ],
            "trigger_source": "1"
        })
    );
    assert_shows_no_secret(&serde_json::to_string(&shown).unwrap());
}

#[test]
fn the_preview_of_an_aksk_request_masks_the_signature_and_security_token() {
    let config = aksk_config(json!({ "projectId": "proj42", "securityToken": STS }));
    let i = secret_input();
    let real = prepare(&i, &config, NOW).unwrap();
    let shown = preview(&i, &config, NOW).unwrap();
    let real_auth = header(&real, "Authorization").unwrap();
    let signature = real_auth.rsplit("Signature=").next().unwrap();
    let shown_auth = header(&shown, "Authorization").unwrap();
    assert_eq!(
        shown_auth,
        format!(
            "{}Signature={MASK}",
            &real_auth[..real_auth.len() - signature.len() - "Signature=".len()]
        )
    );
    assert!(shown_auth.contains("Access=AKIDEXAMPLE"), "{shown_auth}");
    assert!(!shown_auth.contains(signature));
    assert_eq!(header(&shown, "X-Security-Token"), Some(MASK));
    assert_eq!(header(&shown, "X-Sdk-Date"), Some("20231114T221320Z"));
    assert_eq!(header(&shown, "X-Project-Id"), Some("proj42"));
    assert_eq!(names(&shown), names(&real));
    let everything = serde_json::to_string(&shown).unwrap();
    assert_shows_no_secret(&everything);
    assert!(!everything.contains(signature));
}

#[test]
fn mask_headers_ignores_header_name_case_and_masks_unsigned_authorization() {
    let headers = vec![
        ("x-auth-token".to_string(), "tok".to_string()),
        ("X-SECURITY-TOKEN".to_string(), "sts".to_string()),
        ("AUTHORIZATION".to_string(), "Bearer abc".to_string()),
        ("X-Other".to_string(), "keep".to_string()),
    ];
    assert_eq!(
        mask_headers(&headers),
        vec![
            ("x-auth-token".to_string(), MASK.to_string()),
            ("X-SECURITY-TOKEN".to_string(), MASK.to_string()),
            ("AUTHORIZATION".to_string(), MASK.to_string()),
            ("X-Other".to_string(), "keep".to_string()),
        ]
    );
}

// ---------------------------------------------------------------- Debug never shows secrets

#[test]
fn prepared_request_debug_never_shows_secrets() {
    let i = secret_input();
    let token = prepare(&i, &token_config(), NOW).unwrap();
    let aksk = prepare(&i, &aksk_config(json!({ "securityToken": STS })), NOW).unwrap();
    for request in [&token, &aksk] {
        let shown = format!("{request:?} {request:#?}");
        assert_shows_no_secret(&shown);
        assert!(shown.contains(&request.url), "{shown}");
    }
    let auth = header(&aksk, "Authorization").unwrap();
    let signature = auth.rsplit("Signature=").next().unwrap();
    assert!(!format!("{aksk:?}").contains(signature));
}

#[test]
fn client_config_debug_never_shows_secrets() {
    let configs = [token_config(), aksk_config(json!({ "securityToken": STS }))];
    for config in &configs {
        assert_shows_no_secret(&format!("{config:?} {config:#?}"));
    }
}

#[test]
fn secret_debug_is_masked_and_expose_gives_the_value() {
    let secret = Secret::new(TOKEN.to_string());
    assert_eq!(format!("{secret:?}"), "Secret(********)");
    assert_eq!(format!("{secret:#?}"), "Secret(********)");
    assert_eq!(secret.expose(), TOKEN);
}

#[test]
fn deploy_param_debug_masks_encrypt_values_only() {
    let secret = DeployParam {
        key: "pwd".into(),
        value: ENCRYPTED.into(),
        param_type: ParamType::Encrypt,
    };
    let plain = DeployParam {
        key: "user".into(),
        value: "alice".into(),
        param_type: ParamType::Text,
    };
    let shown = format!("{secret:?} {secret:#?}");
    assert!(!shown.contains(ENCRYPTED), "{shown}");
    assert!(shown.contains("pwd") && shown.contains(MASK), "{shown}");
    assert!(format!("{plain:?}").contains("alice"));
}

#[test]
fn input_debug_never_shows_encrypt_values() {
    let shown = format!("{:?} {:#?}", secret_input(), secret_input());
    assert_shows_no_secret(&shown);
    assert!(shown.contains("alice"), "{shown}");
}

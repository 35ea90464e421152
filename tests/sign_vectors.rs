//! The AK/SK signer against vectors written by the official Huawei Cloud Python SDK
//! (`tests/vectors/signing.json`, made by `scripts/sign-vectors/generate.sh`).
//!
//! SDK mode must reproduce every vector byte for byte: canonical request, string to sign,
//! signed headers, `Authorization` and every header, in order. Browser mode must give the
//! SDK's signature of the request a browser really sends (the vector's `browserTwin` when the
//! two differ).
#![cfg(not(target_arch = "wasm32"))]

use codearts_deploy_wasm::sign::{
    sign, sign_with_options, Credentials, SignOptions, SignableRequest, Signed,
};
use serde_json::Value;

const VECTORS: &str = include_str!("vectors/signing.json");

struct Vector {
    name: String,
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    sdk_date: String,
    access_key: String,
    secret_key: String,
    security_token: Option<String>,
    browser_twin: Option<String>,
    canonical_request: String,
    string_to_sign: String,
    signed_headers: String,
    authorization: String,
    expected_headers: Vec<(String, String)>,
    added_headers: Vec<(String, String)>,
}

fn text(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("missing string {key}"))
        .to_string()
}

fn pairs(v: &Value, key: &str) -> Vec<(String, String)> {
    v.get(key)
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("missing array {key}"))
        .iter()
        .map(|pair| match pair.as_array().map(Vec::as_slice) {
            Some([Value::String(n), Value::String(v)]) => (n.clone(), v.clone()),
            _ => panic!("bad header pair in {key}"),
        })
        .collect()
}

fn base64_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("bad base64"),
        }
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes().filter(|&c| c != b'=') {
        acc = (acc << 6) | value(c);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

fn load() -> Vec<Vector> {
    let doc: Value = serde_json::from_str(VECTORS).expect("signing.json is JSON");
    doc["vectors"]
        .as_array()
        .expect("vectors")
        .iter()
        .map(|v| {
            let expected = &v["expected"];
            let body = match v.get("bodyBase64").and_then(Value::as_str) {
                Some(b64) => base64_decode(b64),
                None => text(v, "body").into_bytes(),
            };
            Vector {
                name: text(v, "name"),
                method: text(v, "method"),
                url: text(v, "url"),
                headers: pairs(v, "headers"),
                body,
                sdk_date: text(v, "sdkDate"),
                access_key: text(v, "accessKey"),
                secret_key: text(v, "secretKey"),
                security_token: v
                    .get("securityToken")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                browser_twin: v
                    .get("browserTwin")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                canonical_request: text(expected, "canonicalRequest"),
                string_to_sign: text(expected, "stringToSign"),
                signed_headers: text(expected, "signedHeaders"),
                authorization: text(expected, "authorization"),
                expected_headers: pairs(expected, "headers"),
                added_headers: pairs(expected, "addedHeaders"),
            }
        })
        .collect()
}

fn run(v: &Vector, options: &SignOptions<'_>) -> Signed {
    let request = SignableRequest {
        method: &v.method,
        url: &v.url,
        headers: &v.headers,
        body: &v.body,
    };
    let credentials = Credentials {
        access_key: &v.access_key,
        secret_key: &v.secret_key,
        security_token: v.security_token.as_deref(),
    };
    match sign_with_options(&request, &credentials, options) {
        Ok(signed) => signed,
        Err(e) => panic!("{}: {} ({})", v.name, e, e.code()),
    }
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn vectors_cover_the_required_cases() {
    let vectors = load();
    assert!(vectors.len() >= 40, "only {} vectors", vectors.len());
    for name in [
        "start_deploy_task_json",
        "start_deploy_task_project_id",
        "start_deploy_task_security_token",
        "query_repeated_keys",
        "query_reserved_and_non_ascii",
        "path_reserved_and_non_ascii",
        "non_ascii_json_body",
        "empty_body_get",
        "empty_body_post",
        "octet_stream_body_unsigned_payload",
        "text_plain_body_unsigned_payload",
        "bson_body_hashed",
        "header_value_surrounding_spaces",
        "header_name_with_underscore",
        "host_non_default_port",
        "host_explicit_default_port",
        "caller_sdk_date",
        "path_trailing_slash",
        "path_no_trailing_slash",
        "header_value_inner_tab",
        "header_value_edge_tabs",
        "path_raw_space",
        "path_raw_space_and_escape",
        "query_raw_space",
    ] {
        assert!(vectors.iter().any(|v| v.name == name), "no vector {name}");
    }
    let mut names: Vec<&str> = vectors.iter().map(|v| v.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), vectors.len(), "vector names are unique");
}

#[test]
fn sdk_mode_reproduces_every_vector_byte_for_byte() {
    for v in load() {
        let signed = run(&v, &SignOptions::sdk(&v.sdk_date));
        assert_eq!(
            signed.canonical_request, v.canonical_request,
            "{}: canonical request",
            v.name
        );
        assert_eq!(
            signed.string_to_sign, v.string_to_sign,
            "{}: string to sign",
            v.name
        );
        assert_eq!(
            signed.signed_headers, v.signed_headers,
            "{}: signed headers",
            v.name
        );
        assert_eq!(
            header(&signed.headers, "Authorization"),
            Some(v.authorization.as_str()),
            "{}: Authorization",
            v.name
        );
        assert_eq!(signed.headers, v.expected_headers, "{}: headers", v.name);
        let added: Vec<_> = signed
            .headers
            .iter()
            .filter(|(n, _)| !v.headers.iter().any(|(given, _)| given == n))
            .cloned()
            .collect();
        assert_eq!(added, v.added_headers, "{}: added headers", v.name);
    }
}

#[test]
fn sign_with_host_matches_the_sdk_when_no_user_agent_is_given() {
    for v in load() {
        if v.headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("user-agent"))
        {
            continue;
        }
        let request = SignableRequest {
            method: &v.method,
            url: &v.url,
            headers: &v.headers,
            body: &v.body,
        };
        let credentials = Credentials {
            access_key: &v.access_key,
            secret_key: &v.secret_key,
            security_token: v.security_token.as_deref(),
        };
        let headers = sign(&request, &credentials, &v.sdk_date, true)
            .unwrap_or_else(|e| panic!("{}: {e}", v.name));
        assert_eq!(headers, v.expected_headers, "{}", v.name);
    }
}

#[test]
fn browser_mode_signs_what_a_browser_sends() {
    let vectors = load();
    for v in &vectors {
        let twin = match &v.browser_twin {
            Some(name) => vectors
                .iter()
                .find(|t| &t.name == name)
                .unwrap_or_else(|| panic!("{}: no twin {name}", v.name)),
            None => v,
        };
        // The SDK's headers, without the Host it added (a browser sets Host itself), with the
        // twin's Authorization.
        let sdk_added_host = v.added_headers.iter().any(|(n, _)| n == "Host");
        let expected: Vec<(String, String)> = v
            .expected_headers
            .iter()
            .filter(|(n, _)| !(sdk_added_host && n == "Host"))
            .map(|(n, value)| {
                if n == "Authorization" {
                    (n.clone(), twin.authorization.clone())
                } else {
                    (n.clone(), value.clone())
                }
            })
            .collect();

        let signed = run(v, &SignOptions::browser(&v.sdk_date));
        assert_eq!(signed.headers, expected, "{}", v.name);
        assert_eq!(
            signed.canonical_request, twin.canonical_request,
            "{}",
            v.name
        );

        let request = SignableRequest {
            method: &v.method,
            url: &v.url,
            headers: &v.headers,
            body: &v.body,
        };
        let credentials = Credentials {
            access_key: &v.access_key,
            secret_key: &v.secret_key,
            security_token: v.security_token.as_deref(),
        };
        let headers = sign(&request, &credentials, &v.sdk_date, false)
            .unwrap_or_else(|e| panic!("{}: {e}", v.name));
        assert_eq!(headers, expected, "{}", v.name);
    }
}

#[test]
fn twins_differ_from_their_vector_only_where_expected() {
    let vectors = load();
    let with_twin: Vec<&Vector> = vectors
        .iter()
        .filter(|v| v.browser_twin.is_some())
        .collect();
    assert!(with_twin.len() >= 3);
    for v in with_twin {
        // In SDK mode the signature differs (Host as written, or User-Agent signed)...
        let twin = vectors
            .iter()
            .find(|t| Some(&t.name) == v.browser_twin.as_ref())
            .expect("twin exists");
        assert_ne!(v.authorization, twin.authorization, "{}", v.name);
    }
}

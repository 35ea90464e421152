//! The response classifier: a 2xx record, every error shape of the spec in its order of
//! precedence, bodies that are not JSON, request ids, and the error kinds of the special codes.
#![cfg(not(target_arch = "wasm32"))]

use codearts_deploy_wasm::model::{AppComponent, DeployRecord, ResponseMetadata};
use codearts_deploy_wasm::response::{
    classify, reason, DeployApiError, ErrorKind, HttpAnswer, ResponseError, ResponseFormatError,
};

fn answer(
    status: u16,
    request_id: Option<&str>,
    body: &str,
) -> Result<DeployRecord, ResponseError> {
    classify(&HttpAnswer::read(status, request_id, body.as_bytes()))
}

fn record(status: u16, request_id: Option<&str>, body: &str) -> DeployRecord {
    match answer(status, request_id, body) {
        Ok(r) => r,
        Err(e) => panic!("{status} {body}: {e:?}"),
    }
}

fn api(status: u16, request_id: Option<&str>, body: &str) -> DeployApiError {
    match answer(status, request_id, body) {
        Err(ResponseError::Api(e)) => e,
        other => panic!("{status} {body}: {other:?}"),
    }
}

fn format(status: u16, request_id: Option<&str>, body: &str) -> ResponseFormatError {
    match answer(status, request_id, body) {
        Err(ResponseError::Format(e)) => e,
        other => panic!("{status} {body}: {other:?}"),
    }
}

const EXAMPLE: &str = r#"{
  "id": "0ee9c8e6a7dc44109541e53c6dccf47c",
  "task_id": "d2dc947ec2424d8789bb3984bb3adf45",
  "job_name": "job_0ee9c8e6a7dc44109541e53c6dccf47c_1620810492008",
  "app_component_list": []
}"#;

// ---------------------------------------------------------------- 2xx

#[test]
fn the_spec_example_200_becomes_a_deploy_record() {
    assert_eq!(
        record(200, Some("req-1"), EXAMPLE),
        DeployRecord {
            id: "0ee9c8e6a7dc44109541e53c6dccf47c".into(),
            task_id: "d2dc947ec2424d8789bb3984bb3adf45".into(),
            job_name: "job_0ee9c8e6a7dc44109541e53c6dccf47c_1620810492008".into(),
            app_component_list: vec![],
            request_id: Some("req-1".into()),
            reconciled: None,
            metadata: ResponseMetadata {
                http_status_code: Some(200),
                request_id: Some("req-1".into()),
                attempts: 1,
            },
        }
    );
}

#[test]
fn a_record_without_a_request_id_header_has_none() {
    assert_eq!(record(200, None, EXAMPLE).request_id, None);
}

#[test]
fn any_2xx_status_with_a_record_succeeds() {
    for status in [200, 201, 202, 299] {
        assert_eq!(
            record(status, None, EXAMPLE).id,
            "0ee9c8e6a7dc44109541e53c6dccf47c"
        );
    }
}

#[test]
fn app_components_are_read_in_order() {
    let body = r#"{"id":"a1","task_id":"t","job_name":"j","app_component_list":[
        {"task_id":"t1","app_id":"a1","app_name":"shop","comp_id":"c1","comp_name":"web",
         "domain_id":"d1","region":"cn-north-4","state":"1"},
        {"task_id":"t2","app_id":"a2","app_name":"db","comp_id":"c2","comp_name":"",
         "domain_id":"d2","region":"cn-east-3","state":"0"}
    ]}"#;
    let r = record(200, None, body);
    assert_eq!(
        r.app_component_list,
        vec![
            AppComponent {
                task_id: "t1".into(),
                app_id: "a1".into(),
                app_name: "shop".into(),
                comp_id: "c1".into(),
                comp_name: "web".into(),
                domain_id: "d1".into(),
                region: "cn-north-4".into(),
                state: "1".into(),
            },
            AppComponent {
                task_id: "t2".into(),
                app_id: "a2".into(),
                app_name: "db".into(),
                comp_id: "c2".into(),
                comp_name: "".into(),
                domain_id: "d2".into(),
                region: "cn-east-3".into(),
                state: "0".into(),
            },
        ]
    );
}

#[test]
fn numbers_and_booleans_where_strings_are_expected_are_read_as_strings() {
    let body = r#"{"id":12345,"task_id":678,"job_name":true,"app_component_list":[
        {"task_id":1,"app_id":2,"app_name":3,"comp_id":4,"comp_name":5.5,"domain_id":6,
         "region":7,"state":1}
    ]}"#;
    let r = record(200, None, body);
    assert_eq!(r.id, "12345");
    assert_eq!(r.task_id, "678");
    assert_eq!(r.job_name, "true");
    let c = &r.app_component_list[0];
    assert_eq!(c.state, "1");
    assert_eq!(c.comp_name, "5.5");
    assert_eq!(c.app_id, "2");
}

#[test]
fn unknown_fields_in_a_record_are_ignored() {
    let body = r#"{"id":"a1","task_id":"t","job_name":"j","app_component_list":[{"app_id":"x","extra":{}}],
        "new_field":{"nested":[1,2]},"status":"success","trace":null}"#;
    let r = record(200, None, body);
    assert_eq!(r.id, "a1");
    assert_eq!(r.app_component_list[0].app_id, "x");
    assert_eq!(r.app_component_list[0].state, "");
}

#[test]
fn missing_optional_record_fields_become_empty() {
    let r = record(200, None, r#"{"id":"a1"}"#);
    assert_eq!(r.task_id, "");
    assert_eq!(r.job_name, "");
    assert!(r.app_component_list.is_empty());
    let r = record(200, None, r#"{"id":"a1","app_component_list":null}"#);
    assert!(r.app_component_list.is_empty());
}

#[test]
fn a_200_without_a_record_id_is_a_format_error() {
    for body in [
        r#"{"task_id":"t","job_name":"j","app_component_list":[]}"#,
        r#"{"id":"","task_id":"t"}"#,
        r#"{"id":null}"#,
        r#"{"id":{"value":"x"}}"#,
        r#"{}"#,
    ] {
        let e = format(200, Some("req-9"), body);
        assert_eq!(e.status, 200);
        assert_eq!(e.request_id.as_deref(), Some("req-9"));
        assert!(e.message.contains("may have started"), "{}", e.message);
    }
}

#[test]
fn a_200_that_is_not_json_is_a_format_error() {
    for body in ["<html><body>OK</body></html>", "OK", "", "   ", "\u{feff}"] {
        let e = format(200, None, body);
        assert_eq!(e.status, 200);
        assert!(e.message.contains("not a JSON object"), "{}", e.message);
    }
}

#[test]
fn a_200_with_truncated_json_is_a_format_error() {
    let truncated = &EXAMPLE[..EXAMPLE.len() / 2];
    let e = format(200, Some("req-t"), truncated);
    assert_eq!(e.request_id.as_deref(), Some("req-t"));
    assert!(e.message.contains("check before retrying"), "{}", e.message);
}

#[test]
fn a_200_json_value_that_is_not_an_object_is_a_format_error() {
    for body in ["[]", "\"0ee9c8e6\"", "42", "null", "true"] {
        format(200, None, body);
    }
}

#[test]
fn a_200_with_invalid_utf8_is_a_format_error_not_a_panic() {
    let e = classify(&HttpAnswer::read(200, None, b"{\"id\":\"\xff\xfe\"}"));
    assert!(matches!(e, Err(ResponseError::Format(_))), "{e:?}");
}

// ---------------------------------------------------------------- 200 that reports a failure

#[test]
fn a_200_with_status_failed_and_a_nested_error_is_an_api_error() {
    let e = api(
        200,
        Some("req-f"),
        r#"{"status":"failed","error":{"code":"Deploy.00011027","message":"The application is deploying."}}"#,
    );
    assert_eq!(e.status, 200);
    assert_eq!(e.error_code, "Deploy.00011027");
    assert_eq!(e.error_msg, "The application is deploying.");
    assert_eq!(e.request_id.as_deref(), Some("req-f"));
    assert_eq!(e.kind, ErrorKind::Conflict);
}

#[test]
fn a_200_with_status_failed_in_any_case_is_a_failure_even_with_an_id() {
    for status in ["failed", "FAILED", "Failed"] {
        let body = format!(r#"{{"id":"a1","status":"{status}"}}"#);
        let e = api(200, None, &body);
        assert_eq!(e.status, 200);
        assert_eq!(e.error_code, "200");
        assert_eq!(e.kind, ErrorKind::Server);
    }
}

#[test]
fn a_200_with_an_error_code_is_an_api_error() {
    let e = api(
        200,
        None,
        r#"{"error_code":"Deploy.00011020","error_msg":"The application does not exist."}"#,
    );
    assert_eq!(e.status, 200);
    assert_eq!(e.error_code, "Deploy.00011020");
    assert_eq!(e.error_msg, "The application does not exist.");
    assert_eq!(e.kind, ErrorKind::NotFound);

    let e = api(
        200,
        None,
        r#"{"errorCode":"Deploy.00011042","errorMsg":"draft"}"#,
    );
    assert_eq!(e.kind, ErrorKind::Draft);
}

#[test]
fn a_200_with_an_error_code_beside_a_record_id_is_still_a_failure() {
    let e = api(
        200,
        None,
        r#"{"id":"a1","error_code":"Deploy.00011154","error_msg":"no"}"#,
    );
    assert_eq!(e.error_code, "Deploy.00011154");
    assert_eq!(e.kind, ErrorKind::Forbidden);
}

#[test]
fn a_200_with_the_code_and_message_shape_is_an_api_error() {
    // `{"code","message"}` is one of the spec's error shapes; a 200 carrying it is a failure
    // with a typed code, not an unreadable record.
    let e = api(
        200,
        Some("r"),
        r#"{"code":"Deploy.00011027","message":"busy"}"#,
    );
    assert_eq!(e.status, 200);
    assert_eq!(
        (e.error_code.as_str(), e.error_msg.as_str()),
        ("Deploy.00011027", "busy")
    );
    assert_eq!(e.kind, ErrorKind::Conflict);
}

#[test]
fn a_200_with_a_null_error_code_is_a_success() {
    let body = r#"{"id":"a1","task_id":"t","job_name":"j","app_component_list":[],"error_code":null,"error":null}"#;
    assert_eq!(record(200, None, body).id, "a1");
}

// ---------------------------------------------------------------- error shapes

#[test]
fn error_code_and_error_msg_are_read() {
    let e = api(
        400,
        Some("r"),
        r#"{"error_code":"Deploy.00011001","error_msg":"bad request"}"#,
    );
    assert_eq!(
        e,
        DeployApiError {
            status: 400,
            error_code: "Deploy.00011001".into(),
            error_msg: "bad request".into(),
            request_id: Some("r".into()),
            encoded_authorization_message: None,
            kind: ErrorKind::BadRequest,
        }
    );
}

#[test]
fn camel_case_error_code_and_error_msg_are_read() {
    let e = api(400, None, r#"{"errorCode":"DEV.0001","errorMsg":"camel"}"#);
    assert_eq!(
        (e.error_code.as_str(), e.error_msg.as_str()),
        ("DEV.0001", "camel")
    );
}

#[test]
fn code_and_message_are_read() {
    let e = api(
        500,
        None,
        r#"{"code":"Deploy.00010001","message":"internal"}"#,
    );
    assert_eq!(
        (e.error_code.as_str(), e.error_msg.as_str()),
        ("Deploy.00010001", "internal")
    );
    assert_eq!(e.kind, ErrorKind::Server);
}

#[test]
fn a_nested_error_object_is_read() {
    let e = api(
        409,
        None,
        r#"{"error":{"code":"Deploy.00011027","message":"busy"},"status":"failed"}"#,
    );
    assert_eq!(
        (e.error_code.as_str(), e.error_msg.as_str()),
        ("Deploy.00011027", "busy")
    );
    assert_eq!(e.kind, ErrorKind::Conflict);
}

#[test]
fn a_nested_error_with_snake_case_names_is_read() {
    let e = api(
        400,
        None,
        r#"{"error":{"error_code":"X.1","error_msg":"nested snake"}}"#,
    );
    assert_eq!(
        (e.error_code.as_str(), e.error_msg.as_str()),
        ("X.1", "nested snake")
    );
}

#[test]
fn the_gateway_body_gives_its_request_id_when_no_header_does() {
    let e = api(
        401,
        None,
        r#"{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information","request_id":"gw-123"}"#,
    );
    assert_eq!(e.error_code, "APIGW.0301");
    assert_eq!(e.request_id.as_deref(), Some("gw-123"));
    assert_eq!(e.kind, ErrorKind::Unauthorized);
}

#[test]
fn the_request_id_header_is_preferred_over_the_body() {
    let e = api(
        401,
        Some("hdr-1"),
        r#"{"error_code":"APIGW.0301","error_msg":"x","request_id":"body-1"}"#,
    );
    assert_eq!(e.request_id.as_deref(), Some("hdr-1"));
}

#[test]
fn an_encoded_authorization_message_on_a_403_is_kept() {
    let e = api(
        403,
        Some("r403"),
        r#"{"error_code":"Deploy.00011154","error_msg":"no permission","encoded_authorization_message":"ENC-abc123"}"#,
    );
    assert_eq!(
        e.encoded_authorization_message.as_deref(),
        Some("ENC-abc123")
    );
    assert_eq!(e.kind, ErrorKind::Forbidden);
    let e = api(
        403,
        None,
        r#"{"error_code":"IAM.0003","error_msg":"denied"}"#,
    );
    assert_eq!(e.encoded_authorization_message, None);
    assert_eq!(e.kind, ErrorKind::Forbidden);
}

#[test]
fn error_shapes_are_read_in_the_specs_order_of_precedence() {
    let all = r#"{"error_code":"A","error_msg":"a","errorCode":"B","errorMsg":"b",
        "code":"C","message":"c","error":{"code":"D","message":"d"}}"#;
    assert_eq!(api(400, None, all).error_code, "A");
    let no_snake = r#"{"errorCode":"B","errorMsg":"b","code":"C","message":"c","error":{"code":"D","message":"d"}}"#;
    assert_eq!(api(400, None, no_snake).error_code, "B");
    let no_camel = r#"{"code":"C","message":"c","error":{"code":"D","message":"d"}}"#;
    assert_eq!(api(400, None, no_camel).error_code, "C");
    let nested = r#"{"error":{"code":"D","message":"d"},"status":"failed"}"#;
    let e = api(400, None, nested);
    assert_eq!((e.error_code.as_str(), e.error_msg.as_str()), ("D", "d"));
}

#[test]
fn a_null_code_does_not_win_precedence() {
    let e = api(
        400,
        None,
        r#"{"error_code":null,"errorCode":"B","errorMsg":"b"}"#,
    );
    assert_eq!((e.error_code.as_str(), e.error_msg.as_str()), ("B", "b"));
}

#[test]
fn a_numeric_error_code_is_read_as_a_string() {
    let e = api(500, None, r#"{"code":500,"message":"boom"}"#);
    assert_eq!(e.error_code, "500");
}

#[test]
fn a_code_without_a_message_gets_the_reason_phrase() {
    let e = api(404, None, r#"{"error_code":"Deploy.00011020"}"#);
    assert_eq!(e.error_msg, "Not Found");
    assert_eq!(e.kind, ErrorKind::NotFound);
}

#[test]
fn an_html_502_is_an_api_error_coded_by_its_status() {
    let e = api(
        502,
        Some("req-502"),
        "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
    );
    assert_eq!(e.status, 502);
    assert_eq!(e.error_code, "502");
    assert_eq!(e.error_msg, "Bad Gateway (a body that is not JSON)");
    assert_eq!(e.request_id.as_deref(), Some("req-502"));
    assert_eq!(e.kind, ErrorKind::Server);
    assert_eq!(e.encoded_authorization_message, None);
}

#[test]
fn an_empty_502_is_an_api_error_that_says_the_body_was_empty() {
    let e = api(502, None, "");
    assert_eq!(e.error_code, "502");
    assert_eq!(e.error_msg, "Bad Gateway (an empty body)");
    assert_eq!(e.request_id, None);
}

#[test]
fn an_html_504_and_a_json_body_without_a_code_are_coded_by_status() {
    let e = api(504, None, "<html>Gateway Time-out</html>");
    assert_eq!((e.error_code.as_str(), e.kind), ("504", ErrorKind::Server));
    assert!(
        e.error_msg.starts_with("Gateway Timeout"),
        "{}",
        e.error_msg
    );
    let e = api(500, None, r#"{"detail":"oops"}"#);
    assert_eq!(e.error_code, "500");
    assert_eq!(
        e.error_msg,
        "Internal Server Error (a JSON body without an error code)"
    );
}

#[test]
fn an_error_status_with_a_record_shaped_body_is_still_an_error() {
    let e = api(500, None, EXAMPLE);
    assert_eq!(e.error_code, "500");
}

// ---------------------------------------------------------------- error kinds

#[test]
fn the_special_codes_have_their_own_kinds_whatever_the_status() {
    for (code, kind) in [
        ("Deploy.00011027", ErrorKind::Conflict),
        ("Deploy.00011020", ErrorKind::NotFound),
        ("Deploy.00011042", ErrorKind::Draft),
        ("Deploy.00011154", ErrorKind::Forbidden),
        ("APIGW.0301", ErrorKind::Unauthorized),
    ] {
        for status in [400, 401, 403, 404, 409, 500] {
            let body = format!(r#"{{"error_code":"{code}","error_msg":"m"}}"#);
            assert_eq!(api(status, None, &body).kind, kind, "{code} on {status}");
        }
    }
}

#[test]
fn other_codes_are_classed_by_status() {
    for (status, kind) in [
        (400, ErrorKind::BadRequest),
        (401, ErrorKind::Unauthorized),
        (403, ErrorKind::Forbidden),
        (404, ErrorKind::NotFound),
        (409, ErrorKind::Conflict),
        (413, ErrorKind::BadRequest),
        (422, ErrorKind::BadRequest),
        (429, ErrorKind::Throttled),
        (500, ErrorKind::Server),
        (502, ErrorKind::Server),
        (503, ErrorKind::Server),
        (504, ErrorKind::Server),
    ] {
        let body = r#"{"error_code":"Other.0001","error_msg":"m"}"#;
        assert_eq!(api(status, None, body).kind, kind, "{status}");
    }
}

#[test]
fn a_429_is_throttled_whatever_its_body() {
    for body in [
        "",
        "Too Many Requests",
        r#"{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached"}"#,
    ] {
        let e = api(429, Some("r429"), body);
        assert_eq!(e.kind, ErrorKind::Throttled, "{body}");
        assert_eq!(e.status, 429);
    }
}

#[test]
fn error_kinds_have_their_wire_names() {
    let names: Vec<&str> = [
        ErrorKind::Conflict,
        ErrorKind::NotFound,
        ErrorKind::Draft,
        ErrorKind::Forbidden,
        ErrorKind::Unauthorized,
        ErrorKind::Throttled,
        ErrorKind::BadRequest,
        ErrorKind::Server,
    ]
    .iter()
    .map(|k| k.as_str())
    .collect();
    assert_eq!(
        names,
        [
            "conflict",
            "not_found",
            "draft",
            "forbidden",
            "unauthorized",
            "throttled",
            "bad_request",
            "server"
        ]
    );
}

#[test]
fn reason_phrases_cover_common_and_unknown_statuses() {
    assert_eq!(reason(429), "Too Many Requests");
    assert_eq!(reason(502), "Bad Gateway");
    assert_eq!(reason(504), "Gateway Timeout");
    assert_eq!(reason(418), "Client Error");
    assert_eq!(reason(599), "Server Error");
    assert_eq!(reason(302), "Redirection");
}

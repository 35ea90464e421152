//! The pure logic of one client call, outside the skin so it is tested natively: which secrets
//! an answer must never echo, and how an answer becomes the call's result.
//!
//! ```
//! use codearts_deploy_wasm::{call::outcome, response::HttpAnswer};
//! let answer = HttpAnswer::read(400, Some("r"), br#"{"error_code":"E","error_msg":"bad sekret"}"#);
//! let error = outcome(&answer, &["sekret"], 2).unwrap_err();
//! assert_eq!(error.to_string(), "CodeArts Deploy answered 400 E: bad ********");
//! assert_eq!(error.metadata(2).http_status_code, Some(400));
//! ```

use crate::config::{Auth, ClientConfig};
use crate::error::Error;
use crate::model::{DeployRecord, ParamType, StartDeployTaskInput};
use crate::redact::scrub;
use crate::response::{classify, HttpAnswer, ResponseError};

/// The secrets a gateway might echo back: the token or security token and secret key, and
/// every `encrypt` value of the input.
pub fn secrets_of<'a>(config: &'a ClientConfig, input: &'a StartDeployTaskInput) -> Vec<&'a str> {
    let mut secrets = config_secrets(config);
    let params = input.params.iter().flatten();
    secrets.extend(
        params
            .filter(|p| p.param_type == ParamType::Encrypt)
            .map(|p| p.value.as_str()),
    );
    secrets
}

/// The secrets of the configuration: the token, or the secret key and security token.
pub fn config_secrets(config: &ClientConfig) -> Vec<&str> {
    match &config.auth {
        Auth::Token(token) => vec![token.expose()],
        Auth::AkSk {
            secret_key,
            security_token,
            ..
        } => std::iter::once(secret_key)
            .chain(security_token)
            .map(|s| s.expose())
            .collect(),
    }
}

/// `error` with every secret the service's text may echo masked.
pub fn scrubbed(error: ResponseError, secrets: &[&str]) -> ResponseError {
    let ResponseError::Api(mut error) = error else {
        return error;
    };
    error.error_code = scrub(&error.error_code, secrets);
    error.error_msg = scrub(&error.error_msg, secrets);
    error.request_id = error.request_id.map(|id| scrub(&id, secrets));
    error.encoded_authorization_message = error
        .encoded_authorization_message
        .map(|message| scrub(&message, secrets));
    ResponseError::Api(error)
}

/// The record (its metadata counting `attempts`), or the typed error with any echoed
/// `secrets` masked, for the answer to attempt number `attempts`.
pub fn outcome(
    answer: &HttpAnswer,
    secrets: &[&str],
    attempts: u32,
) -> Result<DeployRecord, Error> {
    match classify(answer) {
        Ok(mut record) => {
            record.metadata.attempts = attempts;
            Ok(record)
        }
        Err(error) => Err(scrubbed(error, secrets).into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_config;
    use crate::response::AnswerBody;
    use crate::validate::parse_input;
    use serde_json::json;

    const TASK: &str = "d2dc947ec2424d8789bb3984bb3adf45";

    fn input_with_encrypt(value: &str) -> StartDeployTaskInput {
        let input = json!({ "taskId": TASK, "params": [
            { "key": "pw", "value": value, "type": "encrypt" },
            { "key": "env", "value": "prod", "type": "text" },
        ] });
        parse_input(&input, crate::locale::Locale::En).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn secrets_are_the_credentials_and_encrypt_values_only() {
        let input = input_with_encrypt("hunter2");
        let token = parse_config(&json!({ "region": "cn-north-4", "token": "TOK" }));
        let token = token.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(secrets_of(&token, &input), ["TOK", "hunter2"]);
        let aksk = parse_config(&json!({
            "region": "cn-north-4", "accessKey": "AK", "secretKey": "SK", "securityToken": "ST",
        }));
        let aksk = aksk.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(secrets_of(&aksk, &input), ["SK", "ST", "hunter2"]);
    }

    #[test]
    fn an_echoed_secret_is_masked_in_every_text_field() {
        let body = br#"{"error_code":"E-hunter2","error_msg":"no hunter2","request_id":"hunter2-id","encoded_authorization_message":"x hunter2"}"#;
        let answer = HttpAnswer::read(403, None, body);
        let Err(Error::DeployApi(error)) = outcome(&answer, &["hunter2"], 1) else {
            panic!("a 403 is a DeployApiError");
        };
        let shown = format!("{error:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert_eq!(error.error_msg, "no ********");
    }

    #[test]
    fn a_record_counts_the_attempts_and_keeps_the_request_id() {
        let body = br#"{"id":"rec","task_id":"t","job_name":"j","app_component_list":[]}"#;
        let record = outcome(&HttpAnswer::read(200, Some("rid"), body), &[], 3);
        let record = record.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(record.metadata.attempts, 3);
        assert_eq!(record.metadata.request_id.as_deref(), Some("rid"));
        assert_eq!(record.request_id.as_deref(), Some("rid"));
    }

    #[test]
    fn an_unread_body_is_a_format_error_for_2xx_and_an_api_error_otherwise() {
        let unread = |status, body| HttpAnswer {
            status,
            request_id: None,
            retry_after: None,
            body,
        };
        let too_large = outcome(&unread(200, AnswerBody::TooLarge), &[], 1);
        assert!(matches!(too_large, Err(Error::ResponseFormat(_))));
        let broken = outcome(&unread(502, AnswerBody::Broken("reset".into())), &[], 1);
        let Err(Error::DeployApi(error)) = broken else {
            panic!("a 502 is a DeployApiError");
        };
        assert_eq!(
            error.error_msg,
            "Bad Gateway (a body that could not be read (reset))"
        );
    }
}

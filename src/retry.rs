//! When a failed attempt may be sent again.
//!
//! Starting a deployment is not idempotent. By default only a 429 that carries `Retry-After`
//! is retried (the gateway turned the request away before it acted), at most `maxAttempts`
//! times in all and never after waiting longer than `maxDelayMs`. Network errors and 502/503/504
//! answers may have started a deployment, so they are retried only when the caller opts in.
//!
//! ```
//! use codearts_deploy_wasm::retry::{Failure, RetryPolicy};
//! let policy = RetryPolicy::default();
//! let throttled = Failure::Throttled { retry_after: Some("1") };
//! assert_eq!(policy.delay_before_retry(&throttled, 1, 0.0), Some(1000));
//! assert_eq!(policy.delay_before_retry(&throttled, 3, 0.0), None);
//! assert_eq!(policy.delay_before_retry(&Failure::Network, 1, 0.0), None);
//! ```

use serde_json::Value;

use crate::date::parse_http_date;
use crate::error::ConfigError;
use crate::fields::{names_of, optional_bool, present, reject_unknown, whole_number};
use crate::options::RetryOptions;
use crate::response::HttpAnswer;

/// What went wrong with one attempt, as far as retrying cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure<'a> {
    /// HTTP 429, with the raw `Retry-After` header if any.
    Throttled {
        /// The raw `Retry-After` header.
        retry_after: Option<&'a str>,
    },
    /// The request failed without an HTTP answer (the connection may or may not have been made).
    Network,
    /// HTTP 502, 503 or 504.
    ServerUnavailable,
    /// Anything else: never retried.
    Other,
}

impl Failure<'_> {
    /// What the retry policy needs to know of a failed HTTP answer.
    ///
    /// ```
    /// use codearts_deploy_wasm::{response::HttpAnswer, retry::Failure};
    /// assert_eq!(Failure::of(&HttpAnswer::read(503, None, b"")), Failure::ServerUnavailable);
    /// ```
    pub fn of(answer: &HttpAnswer) -> Failure<'_> {
        match answer.status {
            429 => Failure::Throttled {
                retry_after: answer.retry_after.as_deref(),
            },
            502..=504 => Failure::ServerUnavailable,
            _ => Failure::Other,
        }
    }
}

/// The retry policy (the JavaScript `RetryOptions`, declared by [`RetryOptions`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 disables retrying).
    pub max_attempts: u32,
    /// The longest wait before a retry; a longer `Retry-After` ends the call with the 429.
    pub max_delay_ms: u32,
    /// The first back-off delay for opted-in retries without `Retry-After` (doubles each time).
    pub base_delay_ms: u32,
    /// Opt in: retry network errors (a deployment may already have started).
    pub network_errors: bool,
    /// Opt in: retry 502, 503 and 504 (a deployment may already have started).
    pub server_errors: bool,
    /// Opt in: retry a 429 that has no `Retry-After`, with back-off.
    pub throttled_without_retry_after: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            max_delay_ms: 10_000,
            base_delay_ms: 500,
            network_errors: false,
            server_errors: false,
            throttled_without_retry_after: false,
        }
    }
}

impl RetryPolicy {
    /// Reads `RetryOptions`; absent fields keep their defaults.
    pub fn parse(value: &Value) -> Result<RetryPolicy, ConfigError> {
        let object = value
            .as_object()
            .ok_or_else(|| ConfigError::new("invalid_retry", "config.retry must be an object."))?;
        reject_unknown(object, names_of::<RetryOptions>(), "config.retry")?;
        let mut policy = RetryPolicy::default();
        let number = |name: &str, min: u32, max: u32, default: u32| -> Result<u32, ConfigError> {
            match present(object.get(name)) {
                None => Ok(default),
                Some(v) => whole_number(v, min, max).ok_or_else(|| {
                    ConfigError::new(
                        "invalid_retry",
                        format!("config.retry.{name} must be a whole number from {min} to {max}."),
                    )
                }),
            }
        };
        let flag = |name: &str| -> Result<bool, ConfigError> {
            Ok(optional_bool(object, name, "config.retry", "invalid_retry")?.unwrap_or(false))
        };
        policy.max_attempts = number("maxAttempts", 1, 10, policy.max_attempts)?;
        policy.max_delay_ms = number("maxDelayMs", 0, 600_000, policy.max_delay_ms)?;
        policy.base_delay_ms = number("baseDelayMs", 0, 60_000, policy.base_delay_ms)?;
        policy.network_errors = flag("networkErrors")?;
        policy.server_errors = flag("serverErrors")?;
        policy.throttled_without_retry_after = flag("throttledWithoutRetryAfter")?;
        Ok(policy)
    }

    /// How long to wait before attempt `attempts_made + 1`, or `None` to stop and report the
    /// failure. `now_millis` (Unix time) resolves a `Retry-After` given as an HTTP date.
    pub fn delay_before_retry(
        &self,
        failure: &Failure<'_>,
        attempts_made: u32,
        now_millis: f64,
    ) -> Option<u32> {
        if attempts_made >= self.max_attempts {
            return None;
        }
        let backoff = || {
            let factor = 1u32
                .checked_shl(attempts_made.saturating_sub(1))
                .unwrap_or(u32::MAX);
            self.base_delay_ms.saturating_mul(factor)
        };
        let delay = match failure {
            Failure::Throttled {
                retry_after: Some(header),
            } => parse_retry_after(header, now_millis)?,
            Failure::Throttled { retry_after: None } if self.throttled_without_retry_after => {
                backoff()
            }
            Failure::Network if self.network_errors => backoff(),
            Failure::ServerUnavailable if self.server_errors => backoff(),
            _ => return None,
        };
        (delay <= self.max_delay_ms).then_some(delay)
    }
}

/// Reads `Retry-After`: delay-seconds or an HTTP date (IMF-fixdate, RFC 850 or asctime, see
/// [`parse_http_date`]), returned as milliseconds from `now_millis`.
///
/// ```
/// use codearts_deploy_wasm::retry::parse_retry_after;
/// assert_eq!(parse_retry_after("2", 0.0), Some(2000));
/// assert_eq!(parse_retry_after("Thu, 01 Jan 1970 00:00:05 GMT", 1000.0), Some(4000));
/// assert_eq!(parse_retry_after("Thursday, 01-Jan-70 00:00:05 GMT", 1000.0), Some(4000));
/// assert_eq!(parse_retry_after("Thu Jan  1 00:00:05 1970", 1000.0), Some(4000));
/// assert_eq!(parse_retry_after("soon", 0.0), None);
/// ```
pub fn parse_retry_after(header: &str, now_millis: f64) -> Option<u32> {
    let header = header.trim();
    if !header.is_empty() && header.bytes().all(|b| b.is_ascii_digit()) {
        let seconds: u64 = header.parse().ok()?;
        return u32::try_from(seconds.checked_mul(1000)?).ok();
    }
    let at = parse_http_date(header, now_millis)?;
    let delta = (at as f64 * 1000.0 - now_millis).max(0.0);
    (delta <= f64::from(u32::MAX)).then_some(delta as u32)
}

//! Waiting for a run to end: the options of `waitForDeployment`, the back-off schedule of its
//! polls (with jitter given by the caller, so it is testable), and which failed reads are tried
//! again. Reads start nothing, so every network error, 429 and 5xx is retried within the
//! deadline.
//!
//! ```
//! use codearts_deploy_wasm::poll::PollSchedule;
//! let schedule = PollSchedule::default();
//! // No jitter: 2 s, 4 s, 8 s, then 15 s for good.
//! let delays: Vec<u32> = (1..=5).map(|poll| schedule.delay(poll, 0.0)).collect();
//! assert_eq!(delays, [2000, 4000, 8000, 15000, 15000]);
//! // Jitter only ever shortens a delay, by at most a fifth.
//! assert_eq!(schedule.delay(1, 1.0), 1600);
//! ```

use serde_json::{Map, Value};

use crate::error::ConfigError;
use crate::fields::{names_of, present, reject_unknown, whole_number};
use crate::options;

/// The first wait between polls when none is given.
pub const DEFAULT_INTERVAL_MS: u32 = 2_000;
/// The longest wait between polls when none is given.
pub const DEFAULT_MAX_INTERVAL_MS: u32 = 15_000;
/// The whole wait's deadline when none is given (30 minutes).
pub const DEFAULT_WAIT_TIMEOUT_MS: u32 = 30 * 60 * 1000;
/// The longest whole wait accepted (24 hours).
pub const MAX_WAIT_TIMEOUT_MS: u32 = 24 * 60 * 60 * 1000;
/// The longest wait between polls accepted (10 minutes).
pub const MAX_INTERVAL_MS: u32 = 10 * 60 * 1000;
/// The share of a delay jitter may take off it.
const JITTER_SHARE: f64 = 0.2;

/// The waits between polls: `interval_ms`, doubling each poll up to `max_interval_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollSchedule {
    /// The first wait, in ms.
    pub interval_ms: u32,
    /// The longest wait, in ms.
    pub max_interval_ms: u32,
}

impl Default for PollSchedule {
    fn default() -> Self {
        PollSchedule {
            interval_ms: DEFAULT_INTERVAL_MS,
            max_interval_ms: DEFAULT_MAX_INTERVAL_MS,
        }
    }
}

impl PollSchedule {
    /// The wait after poll number `poll` (1-based). `jitter` in `[0, 1]` (e.g. `Math.random()`)
    /// takes up to a fifth off, so many waiting clients do not poll in step; out-of-range
    /// values are clamped.
    pub fn delay(&self, poll: u32, jitter: f64) -> u32 {
        let factor = 1u32
            .checked_shl(poll.saturating_sub(1).min(31))
            .unwrap_or(u32::MAX);
        let base = self
            .interval_ms
            .saturating_mul(factor)
            .min(self.max_interval_ms.max(self.interval_ms));
        let jitter = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let cut = (f64::from(base) * JITTER_SHARE * jitter) as u32;
        base - cut.min(base)
    }
}

/// The checked numbers of `waitForDeployment`'s options (the skin reads `signal` and
/// `onProgress` itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitOptions {
    /// The whole wait's deadline, in ms.
    pub timeout_ms: u32,
    /// The waits between polls.
    pub schedule: PollSchedule,
}

impl WaitOptions {
    /// Reads `{ timeoutMs?, intervalMs?, maxIntervalMs? }` (other known fields are left to the
    /// skin); absent fields keep their defaults.
    ///
    /// ```
    /// use codearts_deploy_wasm::poll::WaitOptions;
    /// let options = WaitOptions::parse(&serde_json::json!({ "intervalMs": 10 })).unwrap();
    /// assert_eq!((options.schedule.interval_ms, options.schedule.max_interval_ms), (10, 15000));
    /// let error = WaitOptions::parse(&serde_json::json!({ "intervalMs": 20, "maxIntervalMs": 10 })).unwrap_err();
    /// assert_eq!(error.reason, "invalid_options");
    /// ```
    pub fn parse(value: &Value) -> Result<WaitOptions, ConfigError> {
        let empty = Map::new();
        let object = match value {
            Value::Null => &empty,
            Value::Object(object) => object,
            _ => {
                return Err(ConfigError::new(
                    "invalid_options",
                    "The wait options must be an object.",
                ))
            }
        };
        reject_unknown(object, names_of::<options::WaitOptions>(), "options")?;
        let timeout_ms = number(
            object,
            "timeoutMs",
            MAX_WAIT_TIMEOUT_MS,
            DEFAULT_WAIT_TIMEOUT_MS,
        )?;
        let interval_ms = number(object, "intervalMs", MAX_INTERVAL_MS, DEFAULT_INTERVAL_MS)?;
        let default_max = DEFAULT_MAX_INTERVAL_MS.max(interval_ms);
        let max_interval_ms = number(object, "maxIntervalMs", MAX_INTERVAL_MS, default_max)?;
        if max_interval_ms < interval_ms {
            return Err(ConfigError::new(
                "invalid_options",
                "options.maxIntervalMs must not be smaller than options.intervalMs.",
            ));
        }
        Ok(WaitOptions {
            timeout_ms,
            schedule: PollSchedule {
                interval_ms,
                max_interval_ms,
            },
        })
    }
}

/// A whole number of milliseconds from 1 to `max`, or `default` when absent.
fn number(
    object: &Map<String, Value>,
    name: &str,
    max: u32,
    default: u32,
) -> Result<u32, ConfigError> {
    let Some(value) = present(object.get(name)) else {
        return Ok(default);
    };
    whole_number(value, 1, max).ok_or_else(|| {
        let reason = if name == "timeoutMs" {
            "invalid_timeout"
        } else {
            "invalid_options"
        };
        ConfigError::new(
            reason,
            format!("options.{name} must be a whole number of milliseconds from 1 to {max}."),
        )
    })
}

/// Whether a read that got this HTTP status is tried again (429 and 5xx).
///
/// ```
/// use codearts_deploy_wasm::poll::read_retryable;
/// assert!(read_retryable(503) && read_retryable(429) && !read_retryable(404));
/// ```
pub fn read_retryable(status: u16) -> bool {
    status == 429 || (500..600).contains(&status)
}

/// The wait before the next read: the schedule's `delay`, lengthened to a `Retry-After` when
/// the service asked for more. `None` when the deadline (`remaining_ms` from now) would pass
/// first: the wait cannot know the end in time.
///
/// ```
/// use codearts_deploy_wasm::poll::wait_before_next;
/// assert_eq!(wait_before_next(2000, Some(5000), 60_000.0), Some(5000));
/// assert_eq!(wait_before_next(2000, None, 1500.0), None);
/// ```
pub fn wait_before_next(delay: u32, retry_after: Option<u32>, remaining_ms: f64) -> Option<u32> {
    let wait = delay.max(retry_after.unwrap_or(0));
    (f64::from(wait) < remaining_ms).then_some(wait)
}

//! The back-off of `waitForDeployment`'s polls, its options, and which failed reads are retried.
#![cfg(not(target_arch = "wasm32"))]

use codearts_deploy_wasm::poll::{
    read_retryable, wait_before_next, PollSchedule, WaitOptions, DEFAULT_WAIT_TIMEOUT_MS,
};
use serde_json::json;

#[test]
fn the_default_schedule_grows_from_2_to_15_seconds() {
    let schedule = PollSchedule::default();
    let delays: Vec<u32> = (1..=6).map(|n| schedule.delay(n, 0.0)).collect();
    assert_eq!(delays, [2000, 4000, 8000, 15000, 15000, 15000]);
    // Far along, the doubling cannot overflow.
    assert_eq!(schedule.delay(u32::MAX, 0.0), 15000);
}

#[test]
fn jitter_shortens_by_at_most_a_fifth_and_never_lengthens() {
    let schedule = PollSchedule::default();
    for poll in 1..10 {
        let full = schedule.delay(poll, 0.0);
        for jitter in [
            0.0,
            0.25,
            0.5,
            0.999,
            1.0,
            -3.0,
            7.0,
            f64::NAN,
            f64::INFINITY,
        ] {
            let delay = schedule.delay(poll, jitter);
            assert!(
                delay <= full && delay >= full - full / 5,
                "{poll} {jitter} {delay}"
            );
        }
    }
    assert_eq!(schedule.delay(2, 0.5), 3600);
}

#[test]
fn a_custom_schedule_is_honoured() {
    let schedule = PollSchedule {
        interval_ms: 10,
        max_interval_ms: 35,
    };
    let delays: Vec<u32> = (1..=4).map(|n| schedule.delay(n, 0.0)).collect();
    assert_eq!(delays, [10, 20, 35, 35]);
}

#[test]
fn wait_options_default_to_thirty_minutes_and_check_their_numbers() {
    let defaults = WaitOptions::parse(&json!(null)).unwrap();
    assert_eq!(defaults.timeout_ms, DEFAULT_WAIT_TIMEOUT_MS);
    assert_eq!(defaults.schedule, PollSchedule::default());
    let given = WaitOptions::parse(&json!({ "timeoutMs": 5000, "intervalMs": 50, "maxIntervalMs": 200, "signal": {}, "onProgress": {} })).unwrap();
    assert_eq!(
        (
            given.timeout_ms,
            given.schedule.interval_ms,
            given.schedule.max_interval_ms
        ),
        (5000, 50, 200)
    );
    // A first interval above the default ceiling raises the ceiling with it.
    let slow = WaitOptions::parse(&json!({ "intervalMs": 60000 })).unwrap();
    assert_eq!(slow.schedule.max_interval_ms, 60000);
    for (bad, code) in [
        (json!({ "timeoutMs": 0 }), "invalid_timeout"),
        (json!({ "timeoutMs": 1.5 }), "invalid_timeout"),
        (json!({ "intervalMs": "2s" }), "invalid_options"),
        (
            json!({ "intervalMs": 100, "maxIntervalMs": 50 }),
            "invalid_options",
        ),
        (json!({ "interval": 100 }), "unknown_option"),
        (json!(3), "invalid_options"),
    ] {
        assert_eq!(WaitOptions::parse(&bad).unwrap_err().reason, code, "{bad}");
    }
}

#[test]
fn reads_are_retried_on_429_and_5xx_only() {
    for status in [429, 500, 502, 503, 504, 599] {
        assert!(read_retryable(status), "{status}");
    }
    for status in [200, 400, 401, 403, 404, 409] {
        assert!(!read_retryable(status), "{status}");
    }
}

#[test]
fn the_next_wait_honours_retry_after_and_the_deadline() {
    assert_eq!(wait_before_next(2000, None, 10_000.0), Some(2000));
    assert_eq!(wait_before_next(2000, Some(1000), 10_000.0), Some(2000));
    assert_eq!(wait_before_next(2000, Some(9000), 10_000.0), Some(9000));
    assert_eq!(wait_before_next(2000, Some(11_000), 10_000.0), None);
    assert_eq!(wait_before_next(2000, None, 2000.0), None);
    assert_eq!(wait_before_next(2000, None, -5.0), None);
}

//! The retry policy: only a 429 with `Retry-After` is retried by default, up to `maxAttempts`
//! and never beyond `maxDelayMs`; network errors, 5xx and a bare 429 only when opted in, with
//! doubling back-off.
#![cfg(not(target_arch = "wasm32"))]

use codearts_deploy_wasm::retry::{parse_retry_after, Failure, RetryPolicy};
use serde_json::json;

fn throttled(retry_after: &str) -> Failure<'_> {
    Failure::Throttled {
        retry_after: Some(retry_after),
    }
}

const BARE_429: Failure<'static> = Failure::Throttled { retry_after: None };

fn opted_in() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 10,
        max_delay_ms: 600_000,
        base_delay_ms: 500,
        network_errors: true,
        server_errors: true,
        throttled_without_retry_after: true,
    }
}

/// The delays before attempts 2, 3, … until the policy stops.
fn schedule(policy: &RetryPolicy, failure: &Failure<'_>) -> Vec<u32> {
    (1..=20)
        .map_while(|made| policy.delay_before_retry(failure, made, 0.0))
        .collect()
}

// ---------------------------------------------------------------- defaults

#[test]
fn the_defaults_are_three_attempts_ten_seconds_and_no_opt_ins() {
    assert_eq!(
        RetryPolicy::default(),
        RetryPolicy {
            max_attempts: 3,
            max_delay_ms: 10_000,
            base_delay_ms: 500,
            network_errors: false,
            server_errors: false,
            throttled_without_retry_after: false,
        }
    );
    assert_eq!(
        RetryPolicy::parse(&json!({})).unwrap(),
        RetryPolicy::default()
    );
}

#[test]
fn a_429_with_retry_after_is_retried_up_to_max_attempts_by_default() {
    let policy = RetryPolicy::default();
    assert_eq!(
        policy.delay_before_retry(&throttled("2"), 1, 0.0),
        Some(2000)
    );
    assert_eq!(
        policy.delay_before_retry(&throttled("2"), 2, 0.0),
        Some(2000)
    );
    assert_eq!(policy.delay_before_retry(&throttled("2"), 3, 0.0), None);
    assert_eq!(schedule(&policy, &throttled("1")), [1000, 1000]);
}

#[test]
fn a_429_without_retry_after_is_not_retried_by_default() {
    assert_eq!(
        schedule(&RetryPolicy::default(), &BARE_429),
        Vec::<u32>::new()
    );
}

#[test]
fn network_errors_are_not_retried_by_default() {
    assert_eq!(
        RetryPolicy::default().delay_before_retry(&Failure::Network, 1, 0.0),
        None
    );
}

#[test]
fn server_errors_are_not_retried_by_default() {
    assert_eq!(
        RetryPolicy::default().delay_before_retry(&Failure::ServerUnavailable, 1, 0.0),
        None
    );
}

#[test]
fn other_failures_are_never_retried_even_with_every_opt_in() {
    assert_eq!(opted_in().delay_before_retry(&Failure::Other, 1, 0.0), None);
}

#[test]
fn each_opt_in_enables_only_its_own_failure() {
    let network = RetryPolicy {
        network_errors: true,
        ..RetryPolicy::default()
    };
    assert_eq!(
        network.delay_before_retry(&Failure::Network, 1, 0.0),
        Some(500)
    );
    assert_eq!(
        network.delay_before_retry(&Failure::ServerUnavailable, 1, 0.0),
        None
    );
    assert_eq!(network.delay_before_retry(&BARE_429, 1, 0.0), None);

    let server = RetryPolicy {
        server_errors: true,
        ..RetryPolicy::default()
    };
    assert_eq!(
        server.delay_before_retry(&Failure::ServerUnavailable, 1, 0.0),
        Some(500)
    );
    assert_eq!(server.delay_before_retry(&Failure::Network, 1, 0.0), None);

    let bare = RetryPolicy {
        throttled_without_retry_after: true,
        ..RetryPolicy::default()
    };
    assert_eq!(bare.delay_before_retry(&BARE_429, 1, 0.0), Some(500));
    assert_eq!(bare.delay_before_retry(&Failure::Network, 1, 0.0), None);
}

// ---------------------------------------------------------------- back-off

#[test]
fn opted_in_retries_back_off_doubling_from_the_base_delay() {
    let policy = RetryPolicy {
        max_attempts: 6,
        ..opted_in()
    };
    for failure in [Failure::Network, Failure::ServerUnavailable, BARE_429] {
        assert_eq!(
            schedule(&policy, &failure),
            [500, 1000, 2000, 4000, 8000],
            "{failure:?}"
        );
    }
}

#[test]
fn back_off_starts_at_the_configured_base_delay() {
    let policy = RetryPolicy {
        base_delay_ms: 120,
        max_attempts: 4,
        ..opted_in()
    };
    assert_eq!(schedule(&policy, &Failure::Network), [120, 240, 480]);
}

#[test]
fn a_back_off_longer_than_max_delay_stops_retrying() {
    let policy = RetryPolicy {
        max_delay_ms: 1500,
        ..opted_in()
    };
    assert_eq!(schedule(&policy, &Failure::Network), [500, 1000]);
}

#[test]
fn a_zero_base_delay_retries_immediately() {
    let policy = RetryPolicy {
        base_delay_ms: 0,
        max_attempts: 3,
        ..opted_in()
    };
    assert_eq!(schedule(&policy, &Failure::Network), [0, 0]);
}

#[test]
fn back_off_saturates_instead_of_overflowing() {
    let policy = RetryPolicy {
        max_attempts: u32::MAX,
        max_delay_ms: u32::MAX,
        base_delay_ms: 60_000,
        ..opted_in()
    };
    for made in [20, 31, 32, 33, 100, u32::MAX - 1] {
        let delay = policy.delay_before_retry(&Failure::Network, made, 0.0);
        assert_eq!(delay, Some(u32::MAX), "attempt {made}");
    }
}

// ---------------------------------------------------------------- Retry-After

#[test]
fn retry_after_seconds_become_milliseconds() {
    assert_eq!(parse_retry_after("0", 0.0), Some(0));
    assert_eq!(parse_retry_after("1", 0.0), Some(1000));
    assert_eq!(parse_retry_after(" 7 ", 0.0), Some(7000));
    assert_eq!(parse_retry_after("120", 123_456.0), Some(120_000));
}

#[test]
fn retry_after_as_an_http_date_is_measured_from_now() {
    // Wed, 21 Oct 2015 07:28:00 GMT is 1445412480 s after the epoch.
    let at = 1_445_412_480_000.0;
    assert_eq!(
        parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", at - 3000.0),
        Some(3000)
    );
    assert_eq!(
        parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", at - 250.0),
        Some(250)
    );
    // 2000-02-29 12:00:00 (a leap day) is 951825600 s.
    assert_eq!(
        parse_retry_after("Tue, 29 Feb 2000 12:00:00 GMT", 951_825_600_000.0 - 9000.0),
        Some(9000)
    );
}

#[test]
fn retry_after_as_a_past_http_date_means_now() {
    assert_eq!(
        parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1_700_000_000_000.0),
        Some(0)
    );
}

#[test]
fn unreadable_retry_after_values_are_none() {
    for value in [
        "",
        "soon",
        "-1",
        "1.5",
        "1e3",
        "+5",
        "99999999999999999999999",
        "5000000",
        "Wed, 21 Oct 2015 07:28:00",
        "Wed, 21 Foo 2015 07:28:00 GMT",
        "Wed, 32 Oct 2015 07:28:00 GMT",
        "Wed, 21 Oct 2015 24:00:00 GMT",
        "Wed, 21 Oct 2015 07:28 GMT",
        "Wed, 21 Oct 1969 07:28:00 GMT",
        "2015-10-21T07:28:00Z",
    ] {
        assert_eq!(parse_retry_after(value, 0.0), None, "{value:?}");
    }
}

#[test]
fn a_retry_after_date_far_in_the_future_does_not_overflow() {
    assert_eq!(
        parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", 0.0),
        None
    );
}

#[test]
fn the_policy_honours_retry_after_as_an_http_date() {
    let now = 1_445_412_480_000.0 - 4000.0;
    let header = "Wed, 21 Oct 2015 07:28:00 GMT";
    assert_eq!(
        RetryPolicy::default().delay_before_retry(&throttled(header), 1, now),
        Some(4000)
    );
    let far = 1_445_412_480_000.0 - 60_000.0;
    assert_eq!(
        RetryPolicy::default().delay_before_retry(&throttled(header), 1, far),
        None
    );
}

#[test]
fn a_retry_after_longer_than_max_delay_stops_retrying() {
    let policy = RetryPolicy::default();
    assert_eq!(
        policy.delay_before_retry(&throttled("10"), 1, 0.0),
        Some(10_000)
    );
    assert_eq!(policy.delay_before_retry(&throttled("11"), 1, 0.0), None);
    let patient = RetryPolicy {
        max_delay_ms: 60_000,
        ..policy
    };
    assert_eq!(
        patient.delay_before_retry(&throttled("11"), 1, 0.0),
        Some(11_000)
    );
}

#[test]
fn an_unreadable_retry_after_is_not_retried() {
    assert_eq!(
        RetryPolicy::default().delay_before_retry(&throttled("soon"), 1, 0.0),
        None
    );
}

#[test]
fn retry_after_is_honoured_over_back_off_when_opted_in() {
    let policy = opted_in();
    assert_eq!(
        policy.delay_before_retry(&throttled("3"), 4, 0.0),
        Some(3000)
    );
}

// ---------------------------------------------------------------- maxAttempts

#[test]
fn max_attempts_of_one_never_retries() {
    let policy = RetryPolicy::parse(&json!({ "maxAttempts": 1, "networkErrors": true })).unwrap();
    assert_eq!(policy.delay_before_retry(&throttled("1"), 1, 0.0), None);
    assert_eq!(policy.delay_before_retry(&Failure::Network, 1, 0.0), None);
}

#[test]
fn max_attempts_of_ten_allows_nine_retries() {
    let policy = RetryPolicy::parse(&json!({ "maxAttempts": 10 })).unwrap();
    assert_eq!(schedule(&policy, &throttled("0")).len(), 9);
}

#[test]
fn max_attempts_accepts_1_to_10_and_refuses_the_rest() {
    for n in 1..=10 {
        assert_eq!(
            RetryPolicy::parse(&json!({ "maxAttempts": n }))
                .unwrap()
                .max_attempts,
            n
        );
    }
    for bad in [
        json!(0),
        json!(11),
        json!(-1),
        json!(2.5),
        json!("3"),
        json!(true),
    ] {
        let e = RetryPolicy::parse(&json!({ "maxAttempts": bad })).unwrap_err();
        assert_eq!(e.reason, "invalid_retry", "{bad}");
        assert_eq!(
            e.message,
            "config.retry.maxAttempts must be a whole number from 1 to 10."
        );
    }
}

#[test]
fn max_delay_and_base_delay_have_bounds() {
    let p = RetryPolicy::parse(&json!({ "maxDelayMs": 0, "baseDelayMs": 0 })).unwrap();
    assert_eq!((p.max_delay_ms, p.base_delay_ms), (0, 0));
    let p = RetryPolicy::parse(&json!({ "maxDelayMs": 600_000, "baseDelayMs": 60_000 })).unwrap();
    assert_eq!((p.max_delay_ms, p.base_delay_ms), (600_000, 60_000));
    for bad in [
        json!({ "maxDelayMs": 600_001 }),
        json!({ "baseDelayMs": 60_001 }),
        json!({ "baseDelayMs": -5 }),
    ] {
        assert_eq!(
            RetryPolicy::parse(&bad).unwrap_err().reason,
            "invalid_retry",
            "{bad}"
        );
    }
}

#[test]
fn a_max_delay_of_zero_only_allows_immediate_retries() {
    let policy = RetryPolicy::parse(&json!({ "maxDelayMs": 0 })).unwrap();
    assert_eq!(policy.delay_before_retry(&throttled("0"), 1, 0.0), Some(0));
    assert_eq!(policy.delay_before_retry(&throttled("1"), 1, 0.0), None);
}

#[test]
fn null_retry_options_keep_their_defaults() {
    let policy = RetryPolicy::parse(&json!({
        "maxAttempts": null, "maxDelayMs": null, "networkErrors": null
    }))
    .unwrap();
    assert_eq!(policy, RetryPolicy::default());
}

#[test]
fn unknown_retry_options_are_refused_with_a_hint() {
    let e = RetryPolicy::parse(&json!({ "maxDelay": 10 })).unwrap_err();
    assert_eq!(e.reason, "unknown_option");
    assert!(
        e.message.ends_with("Did you mean maxDelayMs?"),
        "{}",
        e.message
    );
    let e = RetryPolicy::parse(&json!({ "retryOnServerErrors": true })).unwrap_err();
    assert_eq!(e.reason, "unknown_option");
}

#[test]
fn retry_options_that_are_not_an_object_are_refused() {
    for value in [json!(null), json!(3), json!([])] {
        assert_eq!(
            RetryPolicy::parse(&value).unwrap_err().reason,
            "invalid_retry"
        );
    }
}

#[test]
fn retry_after_reads_all_three_http_date_forms_alike() {
    // Wed, 21 Oct 2015 07:28:00 GMT is 1445412480 s after the epoch.
    let now = 1_445_412_480_000.0 - 3000.0;
    for header in [
        "Wed, 21 Oct 2015 07:28:00 GMT",
        "Wednesday, 21-Oct-15 07:28:00 GMT",
        "Wed Oct 21 07:28:00 2015",
    ] {
        assert_eq!(parse_retry_after(header, now), Some(3000), "{header:?}");
        assert_eq!(
            RetryPolicy::default().delay_before_retry(&throttled(header), 1, now),
            Some(3000),
            "{header:?}"
        );
    }
    // asctime pads a one-digit day with a space.
    let leap_noon = 951_825_600_000.0; // 2000-02-29 12:00:00
    assert_eq!(
        parse_retry_after("Tue Feb 29 12:00:05 2000", leap_noon),
        Some(5000)
    );
    assert_eq!(
        parse_retry_after("Thu Jan  1 00:00:07 1970", 0.0),
        Some(7000)
    );
}

#[test]
fn an_rfc_850_two_digit_year_is_never_more_than_50_years_ahead() {
    let in_2026 = 1_780_000_000_000.0; // June 2026
                                       // 76 → 2076 (50 years ahead at most); 77 → 1977 (a past date: retry now).
    assert_eq!(
        parse_retry_after("Friday, 01-Jan-76 00:00:00 GMT", in_2026),
        None,
        "2076 is too far to wait for"
    );
    assert_eq!(
        parse_retry_after("Saturday, 01-Jan-77 00:00:00 GMT", in_2026),
        Some(0)
    );
    assert_eq!(
        parse_retry_after("Monday, 01-Jun-26 00:00:10 GMT", 1_780_272_000_000.0),
        Some(10_000)
    );
}

#[test]
fn impossible_or_malformed_http_dates_are_refused() {
    for value in [
        "Sat, 31 Feb 2024 00:00:00 GMT",
        "Thu, 29 Feb 2023 00:00:00 GMT",
        "Thu, 31 Apr 2024 00:00:00 GMT",
        "Thu, 00 Jan 2024 00:00:00 GMT",
        "Saturday, 31-Feb-24 00:00:00 GMT",
        "Sat Feb 31 00:00:00 2024",
        "Thu Feb 29 00:00:00 2023",
        "Wed, 21 Oct 2015 07:28:61 GMT",
        "Wed, 21 Oct 2015 7:28:00 GMT",
        "Wed, 1 Oct 2015 07:28:00 GMT",
        "Wed, 21 oct 2015 07:28:00 GMT",
        "wed, 21 Oct 2015 07:28:00 GMT",
        "Wed,  21 Oct 2015 07:28:00 GMT",
        "Wed, 21 Oct 15 07:28:00 GMT",
        "Wednesday, 21 Oct 2015 07:28:00 GMT",
        "Wed, 21-Oct-15 07:28:00 GMT",
        "Wednesday, 21-Oct-2015 07:28:00 GMT",
        "Wednesday, 21-Oct-15 07:28:00 UTC",
        "Wed Oct 21 07:28:00 15",
        "Wed Oct 21 07:28:00 2015 GMT",
        "Wed Oct 1 07:28:00 2015",
        "Wed Oct   1 07:28:00 2015",
        "Wed Oct  x 07:28:00 2015",
        "Xyz Oct 21 07:28:00 2015",
    ] {
        // Read at 2024-03-01: a calendar that rolled 31 February over would find it a day
        // ahead (or, for the past dates, due now) and retry.
        assert_eq!(
            parse_retry_after(value, 1_709_251_200_000.0),
            None,
            "{value:?}"
        );
    }
}

//! The scan of UTF-16 units agrees, on arbitrary unit sequences rich in braces and surrogates,
//! with the plain definitions: JavaScript's `includes("{{")` (and `{%`, `{#`) and
//! `!isWellFormed()`. (Its SIMD form runs in the module: tests/js/long-strings.test.mjs.)
#![cfg(not(target_arch = "wasm32"))]

use codearts_deploy_wasm::utf16_scan::{scan, CURLY, HASH, LONE, PERCENT};
use proptest::prelude::*;

/// The flags by definition, one unit at a time.
fn reference(units: &[u16]) -> u32 {
    let mut flags = 0;
    for pair in units.windows(2) {
        flags |= match pair {
            [0x7b, 0x7b] => CURLY,
            [0x7b, 0x25] => PERCENT,
            [0x7b, 0x23] => HASH,
            _ => 0,
        };
    }
    if char::decode_utf16(units.iter().copied()).any(|c| c.is_err()) {
        flags |= LONE;
    }
    flags
}

fn unit() -> impl Strategy<Value = u16> {
    prop_oneof![
        Just(0x7b),
        Just(0x25),
        Just(0x23),
        Just(0x61),
        0xd800u16..0xdc00,
        0xdc00u16..0xe000,
        Just(0xd83d),
        Just(0xde00),
        any::<u16>(),
    ]
}

/// Mostly plain text with a few braces and surrogates anywhere.
fn sparse() -> impl Strategy<Value = Vec<u16>> {
    (
        prop::collection::vec(prop_oneof![Just(0x61u16), Just(0x90e8)], 0..200),
        prop::collection::vec((any::<prop::sample::Index>(), unit()), 0..4),
    )
        .prop_map(|(mut units, pieces)| {
            if !units.is_empty() {
                for (at, piece) in pieces {
                    let i = at.index(units.len());
                    units[i] = piece;
                }
            }
            units
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4_000))]
    #[test]
    fn scan_agrees_with_the_definitions(units in prop::collection::vec(unit(), 0..40)) {
        prop_assert_eq!(scan(&units), reference(&units), "{:x?}", units);
    }

    #[test]
    fn scan_of_long_text_agrees_with_the_definitions(units in sparse()) {
        prop_assert_eq!(scan(&units), reference(&units), "{:x?}", units);
    }
}

#[test]
fn boundaries() {
    let cases: [(&[u16], u32); 7] = [
        (&[0x61, 0x61, 0x61, 0xd83d, 0xde00], 0),
        (&[0x61, 0x61, 0x61, 0xd83d], LONE),
        (&[0x61, 0x61, 0x61, 0x7b, 0x7b], CURLY),
        (&[0xde00, 0x61], LONE),
        (&[0xd83d, 0xd83d, 0xde00], LONE),
        (&[0x7b], 0),
        (&[], 0),
    ];
    for (units, flags) in cases {
        assert_eq!(scan(units), flags, "{units:x?}");
    }
}

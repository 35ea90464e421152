//! The linear-time string search (`find`) agrees with the standard library's on arbitrary
//! strings over a small alphabet (so that matches, overlaps and near-misses are common).
#![cfg(not(target_arch = "wasm32"))]

use codearts_deploy_wasm::find::{find, replace, rfind, split_once};
use proptest::prelude::*;

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![Just('a'), Just('b'), Just('部'), Just('😀')],
        0..max,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// Longer needles, mostly of one letter, so that partial matches (and the failure table's
/// fallbacks) abound.
fn long_needle() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![4 => Just('a'), 1 => Just('b')], 17..24)
        .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4_000))]
    #[test]
    fn search_agrees_with_the_standard_library(hay in text(40), needle in text(6)) {
        prop_assert_eq!(find(&hay, &needle), hay.find(needle.as_str()));
        prop_assert_eq!(rfind(&hay, &needle), hay.rfind(needle.as_str()));
        prop_assert_eq!(split_once(&hay, &needle), hay.split_once(needle.as_str()));
        if !needle.is_empty() {
            prop_assert_eq!(replace(&hay, &needle, "*"), hay.replace(needle.as_str(), "*"));
        }
    }

    #[test]
    fn long_needles_agree_with_the_standard_library(
        hay in prop::collection::vec(prop_oneof![6 => Just('a'), 1 => Just('b')], 0..80)
            .prop_map(|chars| chars.into_iter().collect::<String>()),
        needle in long_needle(),
    ) {
        prop_assert_eq!(find(&hay, &needle), hay.find(needle.as_str()));
        prop_assert_eq!(rfind(&hay, &needle), hay.rfind(needle.as_str()));
        prop_assert_eq!(split_once(&hay, &needle), hay.split_once(needle.as_str()));
        prop_assert_eq!(replace(&hay, &needle, "*"), hay.replace(needle.as_str(), "*"));
    }
}

//! The regions the official SDKs know and their endpoints; the message locales.
#![cfg(not(target_arch = "wasm32"))]

use codearts_deploy_wasm::locale::Locale;
use codearts_deploy_wasm::region::{endpoint_for, REGIONS};

const SPEC_REGIONS: [&str; 9] = [
    "ap-southeast-3",
    "cn-south-1",
    "cn-east-3",
    "cn-east-2",
    "cn-north-1",
    "cn-north-4",
    "sa-brazil-1",
    "la-north-2",
    "tr-west-1",
];

#[test]
fn the_region_list_is_exactly_the_nine_of_the_spec() {
    let mut known = REGIONS.to_vec();
    let mut spec = SPEC_REGIONS.to_vec();
    known.sort_unstable();
    spec.sort_unstable();
    assert_eq!(known, spec);
}

#[test]
fn every_spec_region_has_its_https_endpoint() {
    for region in SPEC_REGIONS {
        assert_eq!(
            endpoint_for(region),
            Some(format!(
                "https://codearts-deploy.{region}.myhuaweicloud.com"
            ))
        );
    }
}

#[test]
fn unknown_regions_have_no_endpoint() {
    for region in [
        "",
        "mars-1",
        "cn-north-9",
        "CN-NORTH-4",
        "cn-north-4 ",
        "cn_north_4",
        "ap-southeast-1",
    ] {
        assert_eq!(endpoint_for(region), None, "{region:?}");
    }
}

#[test]
fn english_tags_parse_as_english() {
    for tag in ["en", "EN", "en-US", "en-GB", "en_US", " en "] {
        assert_eq!(Locale::parse(tag), Some(Locale::En), "{tag:?}");
    }
}

#[test]
fn simplified_chinese_tags_parse_as_zh_cn() {
    for tag in [
        "zh",
        "zh-CN",
        "zh-cn",
        "ZH-CN",
        "zh_CN",
        "zh-Hans",
        "zh-Hans-CN",
    ] {
        assert_eq!(Locale::parse(tag), Some(Locale::ZhCn), "{tag:?}");
    }
}

#[test]
fn other_tags_are_not_understood() {
    for tag in [
        "", "fr", "de-DE", "zh-TW", "zh-Hant", "zh-HK", "english", "enx",
    ] {
        assert_eq!(Locale::parse(tag), None, "{tag:?}");
    }
}

#[test]
fn the_default_locale_is_english_and_tags_are_canonical() {
    assert_eq!(Locale::default(), Locale::En);
    assert_eq!(Locale::En.tag(), "en");
    assert_eq!(Locale::ZhCn.tag(), "zh-CN");
    for locale in [Locale::En, Locale::ZhCn] {
        assert_eq!(Locale::parse(locale.tag()), Some(locale));
    }
}

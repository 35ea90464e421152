//! The regions the official SDKs know, and their endpoints.

/// Every region the official SDKs know for CodeArts Deploy.
pub const REGIONS: [&str; 9] = [
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

/// The endpoint of a known region, or `None` for an unknown one.
///
/// ```
/// use codearts_deploy_wasm::region::endpoint_for;
/// assert_eq!(
///     endpoint_for("cn-north-4").as_deref(),
///     Some("https://codearts-deploy.cn-north-4.myhuaweicloud.com")
/// );
/// assert_eq!(endpoint_for("mars-1"), None);
/// ```
pub fn endpoint_for(region: &str) -> Option<String> {
    REGIONS
        .contains(&region)
        .then(|| format!("https://codearts-deploy.{region}.myhuaweicloud.com"))
}

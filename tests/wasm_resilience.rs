//! One module instance against thousands of malformed inputs, in Node and in headless Chromium:
//! lone surrogates, Proxies that throw from every trap, revoked Proxies, getters that throw,
//! fake `AbortSignal`s and `Uint8Array`s, huge and sparse arrays, deep and cyclic objects,
//! symbols, bigints, functions, boxed primitives. Every entry point (validate, build, preview,
//! sign, the client's constructor and `startDeployTask`) must answer with a result or one of the
//! package's typed errors — never a raw `TypeError`, never a panic — and afterwards a good call
//! to the local service (`CODEARTS_TEST_ENDPOINT`, set by `scripts/test.sh`) must succeed.
#![cfg(target_arch = "wasm32")]

use codearts_deploy_wasm::wasm::api::{
    build_start_deploy_task_request, preview_start_deploy_task_request, validate_start_deploy_task,
};
use codearts_deploy_wasm::wasm::client::Client;
use codearts_deploy_wasm::wasm::sign_request::sign_request;
use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

const TASK_ID: &str = "d2dc947ec2424d8789bb3984bb3adf45";
/// Rounds over every kind of hostile value (each round feeds each kind to every entry point).
const ROUNDS: u32 = 60;

#[wasm_bindgen(inline_js = r#"
const TASK = "d2dc947ec2424d8789bb3984bb3adf45";
const boom = () => { throw new Error("boom"); };
const everyTrap = { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom,
  defineProperty: boom, deleteProperty: boom, set: boom, apply: boom, construct: boom, isExtensible: boom };
let cache = null;

function build() {
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  const throwingGetter = Object.defineProperty({}, "taskId", { enumerable: true, get: boom });
  const throwingItem = Object.defineProperty([], 0, { enumerable: true, get: boom });
  Object.defineProperty(throwingItem, "length", { value: 3 });
  const throwingLength = new Proxy([1, 2], { get: (t, k) => (k === "length" ? boom() : t[k]) });
  const deep = {};
  let cursor = deep;
  for (let i = 0; i < 100000; i++) cursor = cursor.next = { params: [] };
  const cyclic = { taskId: TASK };
  cyclic.params = [cyclic, { key: cyclic, value: cyclic, type: cyclic }];
  cyclic.self = cyclic;
  const manyKeys = {};
  for (let i = 0; i < 120000; i++) manyKeys["k" + i] = i;
  const sparse = new Array(2 ** 32 - 1);
  const dense = Array.from({ length: 30000 }, (_, i) => ({ key: "k" + i, value: "v", type: "text" }));
  const fakeSignal = Object.create(AbortSignal.prototype);
  const proxiedSignal = new Proxy(new AbortController().signal, {});
  const fakeBytes = new Proxy(new Uint8Array(8), {});
  const weird = [
    undefined, null, true, 0, -0, NaN, Infinity, "", "x", 10n ** 30n, Symbol("s"), () => 1, class {},
    new String("str"), new Number(1), new Boolean(false), new Date(NaN), /re/g, new Map([[1, 2]]),
    new Set([1]), new Uint8Array(3), new ArrayBuffer(4), Promise.resolve(1), new WeakMap(),
    new Error("e"), Object.create(null), { toJSON: boom, valueOf: boom, toString: boom },
    { __proto__: null, constructor: 1 }, JSON.parse('{"__proto__": {"taskId": 1}}'),
    (function () { return arguments; })(1, 2),
  ];
  const costly = [
    manyKeys, { taskId: TASK, params: sparse }, { taskId: sparse }, { taskId: TASK, params: dense, extra: 1 },
    { taskId: TASK, params: [{ key: "k", value: "v".repeat(1 << 20), type: "text" }] },
  ];
  const kinds = [
    new Proxy({}, everyTrap), new Proxy([], everyTrap), revocable.proxy, throwingGetter,
    { taskId: TASK, params: throwingItem }, { taskId: TASK, params: throwingLength },
    { taskId: "\uD800".repeat(32) }, { taskId: TASK.slice(0, 31) + "\uDC00" },
    { taskId: TASK, params: [{ key: "k", value: "a\uD83D", type: "encrypt" }] },
    { taskId: TASK, params: [{ key: "\uDFFF", value: "\uDBFF\uDBFF", type: "text\uD800" }] },
    { taskId: TASK, recordId: "\uD800" + "a".repeat(31), triggerSource: "\uD800" },
    { taskId: Symbol("t"), params: Symbol.iterator, [Symbol("k")]: 1 },
    { taskId: 1n, params: [2n], triggerSource: 0n },
    { taskId: () => TASK, params: [function () {}], recordId: class {} },
    deep, cyclic, ...costly,
    { taskId: TASK, params: new Proxy([{ key: "k", value: "v", type: "text" }], everyTrap) },
    { taskId: TASK, params: [new Proxy({ key: "k" }, everyTrap)] },
    { taskId: TASK, params: { length: 2, 0: 1 } }, { taskId: TASK, trigger_source: 0 },
    ...weird,
  ];
  // The costly kinds (100,000 values and more) run in the first rounds only; later rounds put a
  // cheap variant in their place, so the test stays quick in a debug build.
  const heavy = new Set(costly);
  return { kinds, heavy, fakeSignal, proxiedSignal, fakeBytes, sparse, manyKeys, everyTrap };
}

/** Whether input number `i` may be a costly one. */
function early(i) {
  return i < 2 * cache.kinds.length;
}

export function kindCount() {
  cache ??= build();
  return cache.kinds.length;
}

/** The hostile input number `i`. */
export function hostileInput(i) {
  cache ??= build();
  const kind = cache.kinds[i % cache.kinds.length];
  if (early(i) || !cache.heavy.has(kind)) return kind;
  const at = i % 40;
  return { taskId: TASK, params: [{ key: "k" + i, value: "x".repeat(at) + "\uDC00" + "y".repeat(i % 7), type: "encrypt" }] };
}

/** A hostile client config built around kind `i`. */
export function hostileConfig(i, endpoint) {
  const c = hostileInput(i);
  const token = "tok";
  const pick = [
    c,
    { endpoint, token, retry: c },
    { endpoint, token: c },
    { endpoint: c, token },
    { endpoint, token, timeoutMs: c },
    { endpoint, accessKey: c, secretKey: "sk" },
    { endpoint, token: "a\uD800b" },
    { endpoint, token, projectId: "p\r\n1" },
    { endpoint, token, retry: early(i) ? cache.sparse : [1, 2] },
    new Proxy({ endpoint, token }, cache.everyTrap),
  ];
  return pick[i % pick.length];
}

/** Hostile call options built around kind `i` (some are harmless). */
export function hostileOptions(i) {
  const c = hostileInput(i);
  const pick = [
    c, { signal: c }, { timeoutMs: c }, { signal: cache.fakeSignal }, { signal: cache.proxiedSignal },
    new Proxy({ timeoutMs: 5 }, cache.everyTrap), { signal: new AbortController().signal, timeoutMs: 0 },
    { unknownOption: 1 },
  ];
  return pick[i % pick.length];
}

/** A hostile signRequest argument triple built around kind `i`. */
export function hostileSign(i, endpoint) {
  const c = hostileInput(i);
  const url = endpoint + "/v2/tasks/" + TASK + "/start";
  const credentials = { accessKey: "AK", secretKey: "SK" };
  const pick = [
    [c, credentials, undefined],
    [{ method: "POST", url, body: c }, credentials, undefined],
    [{ method: "POST", url, headers: c }, credentials, undefined],
    [{ method: "POST", url, body: cache.fakeBytes }, credentials, undefined],
    [{ method: "POST", url }, c, undefined],
    [{ method: "POST", url }, credentials, c],
    [{ method: c, url }, credentials, { sdkDate: c }],
    [{ method: "POST", url, headers: early(i) ? cache.manyKeys : { "X-A": "a\r\nb" } }, credentials, undefined],
    [{ method: "POST", url: url + "\uD800", headers: { "X-A": "\uDC00" } }, credentials, undefined],
  ];
  return pick[i % pick.length];
}

/** The input whose params are a sparse array of length 2^32 - 1. */
export function sparseInput() {
  cache ??= build();
  return { taskId: TASK, params: cache.sparse };
}

/** A signRequest request with a 4 MiB Uint8Array body. */
export function bigBodyRequest(endpoint) {
  return { method: "POST", url: endpoint + "/v2/tasks/" + TASK + "/start", body: new Uint8Array(4 << 20) };
}

export function isError(value) {
  return value instanceof Error;
}

/** Fetch functions that misbehave, with the error class the call must reject with. */
const MISBEHAVING = [
  ["resolves to a plain object", async () => ({ ok: true, status: 200 }), "NetworkError"],
  ["resolves to undefined", async () => undefined, "NetworkError"],
  ["returns a non-promise", () => 42, "NetworkError"],
  ["resolves to a fake Response", async () => Object.create(Response.prototype), "NetworkError"],
  ["rejects with a string", () => Promise.reject("no"), "NetworkError"],
  ["rejects with undefined", () => Promise.reject(undefined), "NetworkError"],
  ["throws synchronously", () => { throw "sync"; }, "NetworkError"],
  ["has a then getter that throws", () => ({ get then() { throw 1; } }), "NetworkError"],
  ["never settles", () => new Promise(() => {}), "TimeoutError"],
  ["answers a body that never ends", async () => new Response(new ReadableStream({ pull: () => new Promise(() => {}) })), "TimeoutError"],
  ["answers a body already read", async () => { const r = new Response("{}"); r.body.getReader(); return r; }, "ResponseFormatError"],
];

export function misbehavingCount() {
  return MISBEHAVING.length;
}

/** `[name, config with that fetch, expected class]`. */
export function misbehavingCase(i, endpoint) {
  const [name, fetch, expected] = MISBEHAVING[i];
  return [name, { endpoint, token: "test-token", timeoutMs: 300, fetch }, expected];
}

export function log(s) {
  console.log(s);
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = log)]
    fn web_sys_log(s: &str);
    #[wasm_bindgen(js_name = kindCount)]
    fn kind_count() -> u32;
    #[wasm_bindgen(js_name = hostileInput)]
    fn hostile_input(i: u32) -> JsValue;
    #[wasm_bindgen(js_name = hostileConfig)]
    fn hostile_config(i: u32, endpoint: &str) -> JsValue;
    #[wasm_bindgen(js_name = hostileOptions)]
    fn hostile_options(i: u32) -> JsValue;
    #[wasm_bindgen(js_name = hostileSign)]
    fn hostile_sign(i: u32, endpoint: &str) -> Array;
    #[wasm_bindgen(js_name = sparseInput)]
    fn sparse_input() -> JsValue;
    #[wasm_bindgen(js_name = bigBodyRequest)]
    fn big_body_request(endpoint: &str) -> JsValue;
    #[wasm_bindgen(js_name = isError)]
    fn is_error(value: &JsValue) -> bool;
    #[wasm_bindgen(js_name = misbehavingCount)]
    fn misbehaving_count() -> u32;
    #[wasm_bindgen(js_name = misbehavingCase)]
    fn misbehaving_case(i: u32, endpoint: &str) -> Array;
}

fn endpoint() -> &'static str {
    option_env!("CODEARTS_TEST_ENDPOINT").unwrap_or("http://127.0.0.1:9")
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text(value: &JsValue, key: &str) -> String {
    get(value, key).as_string().unwrap_or_default()
}

/// Fails unless `error` is one of the package's errors with one of `names`.
fn assert_typed(error: &JsValue, names: &[&str], what: &str) {
    let name = text(error, "name");
    assert!(
        is_error(error) && names.contains(&name.as_str()),
        "{what}: expected one of {names:?}, got {name}: {}",
        text(error, "message")
    );
    assert!(text(error, "code").starts_with("ERR_"), "{what}: no code");
    assert!(!text(error, "message").is_empty(), "{what}: no message");
}

/// Fails unless `result` is a well-formed `ValidationResult`.
fn assert_validation_result(result: &JsValue, what: &str) {
    let issues = Array::from(&get(result, "issues"));
    assert_eq!(
        get(result, "ok").as_bool(),
        Some(issues.length() == 0),
        "{what}: ok does not match the issues"
    );
    for issue in issues.iter() {
        let code = text(&issue, "code");
        let known = [
            "required",
            "type",
            "length",
            "charset",
            "forbidden_sequence",
            "enum",
            "unknown_field",
        ];
        assert!(known.contains(&code.as_str()), "{what}: code {code}");
        assert!(!text(&issue, "message").is_empty(), "{what}: empty message");
        let rule = text(&issue, "rule");
        assert!(
            rule == "shape" || rule.starts_with('R'),
            "{what}: rule {rule}"
        );
        assert!(Array::is_array(&get(&issue, "path")), "{what}: path");
    }
}

fn good_input() -> JsValue {
    JSON::parse(&format!(
        r#"{{"taskId":"{TASK_ID}","params":[{{"key":"env","value":"prod","type":"text"}}],"triggerSource":"0"}}"#
    ))
    .unwrap_or(JsValue::NULL)
}

fn good_client() -> Client {
    let config = JSON::parse(&format!(
        r#"{{"endpoint":"{}","token":"test-token","timeoutMs":20000}}"#,
        endpoint()
    ))
    .unwrap_or(JsValue::NULL);
    Client::new(config).unwrap_or_else(|_| panic!("the good config is refused"))
}

#[wasm_bindgen_test]
async fn thousands_of_malformed_inputs_then_a_good_call_succeeds() {
    let kinds = kind_count();
    let total = kinds * ROUNDS;
    let client = good_client();
    let mut fed = 0u32;
    let mut sent = 0u32;
    for i in 0..total {
        let input = hostile_input(i);
        let what = format!("input #{i} (kind {})", i % kinds);

        let result = validate_start_deploy_task(input.clone(), Some(hostile_options(i / kinds)));
        assert_validation_result(&result, &what);
        assert_eq!(
            get(&result, "ok"),
            JsValue::FALSE,
            "{what} passed validation"
        );

        let config = hostile_config(i / kinds + i, endpoint());
        match build_start_deploy_task_request(input.clone(), config.clone()) {
            Ok(_) => panic!("{what}: built a request"),
            Err(e) => assert_typed(&e, &["ValidationError", "ConfigError"], &what),
        }
        if let Err(e) = preview_start_deploy_task_request(good_input(), config.clone()) {
            assert_typed(&e, &["ConfigError"], &what);
        }
        if let Err(e) = Client::new(config) {
            assert_typed(&e, &["ConfigError"], &what);
        }

        let args = hostile_sign(i, endpoint());
        let options = args.get(2);
        let options = (!options.is_undefined()).then_some(options);
        if let Err(e) = sign_request(args.get(0), args.get(1), options) {
            assert_typed(&e, &["ConfigError"], &format!("sign {what}"));
        }

        let promise = client.start_deploy_task(input, Some(hostile_options(i)));
        match JsFuture::from(promise).await {
            Ok(_) => panic!("{what}: a malformed input was sent"),
            Err(e) => assert_typed(&e, &["ValidationError", "ConfigError"], &what),
        }
        fed += 1;
    }
    assert!(fed >= 3000, "only {fed} malformed inputs");
    // Odd options with a good input: refused, or sent to the local service. Sent back to back,
    // after the loop: a long synchronous stretch between two sends would let the service close
    // the idle keep-alive connection under the client (a NetworkError that is no fault here).
    for i in 0..200 {
        let what = format!("options #{i}");
        match JsFuture::from(client.start_deploy_task(good_input(), Some(hostile_options(i)))).await
        {
            Ok(_) => sent += 1,
            Err(e) => assert_typed(&e, &["ConfigError"], &what),
        }
    }
    web_sys_log(&format!(
        "wasm_resilience: {fed} malformed inputs x 6 entry points, {sent} calls sent with odd options"
    ));

    let result = validate_start_deploy_task(good_input(), None);
    assert_eq!(get(&result, "ok"), JsValue::TRUE);
    let record = JsFuture::from(client.start_deploy_task(good_input(), None))
        .await
        .unwrap_or_else(|e| panic!("the good call failed: {}", text(&e, "message")));
    assert_eq!(text(&record, "taskId"), TASK_ID);
    assert_eq!(text(&record, "id").len(), 32);
}

#[wasm_bindgen_test]
fn a_sparse_array_of_length_2_pow_32_is_refused_as_too_large_at_once() {
    let input = sparse_input();
    let result = validate_start_deploy_task(input, None);
    let issues = Array::from(&get(&result, "issues"));
    assert_eq!(issues.length(), 1);
    let issue = issues.get(0);
    assert_eq!(text(&issue, "code"), "length");
    assert_eq!(text(&issue, "rule"), "shape");
    assert!(text(&issue, "message").contains("100000"));
}

#[wasm_bindgen_test]
fn a_megabytes_long_uint8array_body_is_signed_as_bytes() {
    let credentials =
        JSON::parse(r#"{"accessKey":"AK","secretKey":"SK"}"#).unwrap_or(JsValue::NULL);
    let headers = sign_request(big_body_request(endpoint()), credentials, None)
        .unwrap_or_else(|e| panic!("{}", text(&e, "message")));
    assert!(text(&headers, "Authorization").starts_with("SDK-HMAC-SHA256 Access=AK,"));
}

#[wasm_bindgen_test]
async fn a_fetch_that_misbehaves_ends_the_call_with_a_typed_error_and_the_next_call_works() {
    for i in 0..misbehaving_count() {
        let case = misbehaving_case(i, endpoint());
        let name = case.get(0).as_string().unwrap_or_default();
        let expected = case.get(2).as_string().unwrap_or_default();
        let client = Client::new(case.get(1))
            .unwrap_or_else(|_| panic!("{name}: the config with a fetch option is refused"));
        let outcome = JsFuture::from(client.start_deploy_task(good_input(), None)).await;
        let error = outcome.expect_err(&name);
        assert_typed(&error, &[expected.as_str()], &name);
        let record = JsFuture::from(good_client().start_deploy_task(good_input(), None)).await;
        assert!(record.is_ok(), "{name}: the next call failed");
    }
}

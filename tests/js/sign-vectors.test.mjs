// The package's `signRequest`, imported by its name as a user would, against the vectors the
// official Huawei Cloud Python SDK signed (tests/vectors/signing.json, written by
// scripts/sign-vectors/generate.sh). Byte for byte: every header returned, in order, the whole
// Authorization header included. Headers are compared as a set of (name, value) pairs: they come
// back as a JavaScript object, whose key order is not part of the API (the package reads the
// caller's headers into a sorted map), and HTTP gives header order no meaning.
//
// - SDK mode (`includeHost: true`, the vector's `sdkDate`): exactly the SDK's headers.
// - Browser mode (default): the SDK's headers without the Host it added (a browser, Node's
//   fetch and a Worker set Host themselves), with the Authorization the SDK gives for the request
//   a browser really sends (the vector's `browserTwin` where that differs: explicit default port,
//   upper-case host, a User-Agent that a browser would not send as given).
//
// The last tests pin the "Done when" list to the data: each case must be present in the
// vectors, found by looking at what the vectors hold (not at their names), or the test fails.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { signRequest } from "codearts-deploy-wasm";

const document = JSON.parse(readFileSync(new URL("../vectors/signing.json", import.meta.url), "utf8"));
const vectors = document.vectors;
const byName = new Map(vectors.map((v) => [v.name, v]));
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** The request as `signRequest` takes it: headers as an object (in the vector's order), body as given. */
function requestOf(v) {
  return {
    method: v.method,
    url: v.url,
    headers: Object.fromEntries(v.headers),
    body: v.bodyBase64 !== undefined ? new Uint8Array(Buffer.from(v.bodyBase64, "base64")) : v.body,
  };
}

function credentialsOf(v) {
  const credentials = { accessKey: v.accessKey, secretKey: v.secretKey };
  if (v.securityToken !== undefined) credentials.securityToken = v.securityToken;
  return credentials;
}

const sign = (v, options) => Object.entries(signRequest(requestOf(v), credentialsOf(v), { sdkDate: v.sdkDate, ...options }));
/** Header pairs in a fixed order (by name, then value), with duplicates kept. */
const sorted = (pairs) => [...pairs].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
const header = (pairs, name) => pairs.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
const bodyBytes = (v) => (v.bodyBase64 !== undefined ? Buffer.from(v.bodyBase64, "base64") : Buffer.from(v.body, "utf8"));
const queryOf = (v) => {
  const url = v.url.split("#")[0];
  const at = url.indexOf("?");
  return at < 0 ? "" : url.slice(at + 1);
};

test("the vectors file is the SDK's, with every vector complete and uniquely named", () => {
  assert.match(document.sdk, /^huaweicloudsdkcore \d+\.\d+\.\d+$/);
  assert.ok(vectors.length >= 53, `only ${vectors.length} vectors`);
  for (const name of ["header_value_inner_tab", "header_value_edge_tabs", "path_raw_space", "path_raw_space_and_escape", "query_raw_space"]) {
    assert.ok(byName.has(name), `no vector ${name}`);
  }
  assert.equal(byName.size, vectors.length, "vector names are unique");
  for (const v of vectors) {
    for (const key of ["name", "method", "url", "sdkDate", "accessKey", "secretKey"]) {
      assert.equal(typeof v[key], "string", `${v.name}: ${key}`);
    }
    assert.ok(Array.isArray(v.headers), `${v.name}: headers`);
    assert.ok(typeof v.body === "string" || typeof v.bodyBase64 === "string", `${v.name}: body`);
    for (const key of ["canonicalRequest", "stringToSign", "signedHeaders", "authorization"]) {
      assert.equal(typeof v.expected[key], "string", `${v.name}: expected.${key}`);
    }
    if (v.browserTwin !== undefined) assert.ok(byName.has(v.browserTwin), `${v.name}: twin ${v.browserTwin}`);
  }
});

test("every vector is internally consistent (checked with node:crypto, not the package)", () => {
  // Guards against a hand-edited vector: the signature is HMAC-SHA256(SK, string to sign), the
  // string to sign holds SHA-256(canonical request), and Authorization is built from them.
  for (const v of vectors) {
    const { canonicalRequest, stringToSign, signedHeaders, authorization } = v.expected;
    const date = header(v.headers, "X-Sdk-Date") ?? v.sdkDate;
    const hash = createHash("sha256").update(canonicalRequest, "utf8").digest("hex");
    assert.equal(stringToSign, `SDK-HMAC-SHA256\n${date}\n${hash}`, v.name);
    const signature = createHmac("sha256", v.secretKey).update(stringToSign, "utf8").digest("hex");
    assert.equal(
      authorization,
      `SDK-HMAC-SHA256 Access=${v.accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
      v.name,
    );
    assert.equal(header(v.expected.headers, "Authorization"), authorization, v.name);
  }
});

describe("SDK mode (includeHost: true) reproduces every vector byte for byte", () => {
  for (const v of vectors) {
    test(v.name, () => {
      const headers = sign(v, { includeHost: true });
      assert.equal(header(headers, "Authorization"), v.expected.authorization, "Authorization");
      assert.deepEqual(sorted(headers), sorted(v.expected.headers), "every header, name and value");
      const given = new Set(v.headers.map(([n]) => n));
      assert.deepEqual(
        headers.filter(([n]) => !given.has(n)),
        v.expected.addedHeaders,
        "the headers signRequest added",
      );
    });
  }
});

describe("browser mode (default) signs what a browser sends", () => {
  for (const v of vectors) {
    test(v.name, () => {
      const twin = v.browserTwin !== undefined ? byName.get(v.browserTwin) : v;
      const sdkAddedHost = v.expected.addedHeaders.some(([n]) => n === "Host");
      const expected = v.expected.headers
        .filter(([n]) => !(sdkAddedHost && n === "Host"))
        .map(([n, value]) => [n, n === "Authorization" ? twin.expected.authorization : value]);
      assert.equal(header(sign(v, {}), "Authorization"), twin.expected.authorization, "Authorization");
      assert.deepEqual(sorted(sign(v, {})), sorted(expected), "every header, name and value");
      assert.deepEqual(sorted(sign(v, { includeHost: false })), sorted(expected), "includeHost: false is the default");
      if (!v.headers.some(([n]) => n.toLowerCase() === "host")) {
        assert.equal(header(sign(v, {}), "Host"), undefined, "no Host header returned");
      }
    });
  }
});

test("browser twins: the SDK's own signature differs, the browser mode's equals the twin's", () => {
  const withTwin = vectors.filter((v) => v.browserTwin !== undefined);
  assert.ok(withTwin.length >= 3, `only ${withTwin.length} vectors with a browser twin`);
  for (const v of withTwin) {
    const twin = byName.get(v.browserTwin);
    assert.notEqual(v.expected.authorization, twin.expected.authorization, v.name);
    assert.equal(header(sign(v, {}), "Authorization"), twin.expected.authorization, v.name);
    assert.equal(header(sign(v, { includeHost: true }), "Authorization"), v.expected.authorization, v.name);
  }
  // A User-Agent twin and a host-spelling twin, at least.
  assert.ok(withTwin.some((v) => v.headers.some(([n]) => n.toLowerCase() === "user-agent")), "a User-Agent twin");
  assert.ok(withTwin.some((v) => new URL(v.url).host !== new URL(byName.get(v.browserTwin).url).host || /:\d+\//.test(v.url)), "a host twin");
});

// The "Done when" list, each case found by what the vectors hold. Every predicate must
// match at least one vector, or this vectors file does not prove the case.
const REQUIRED_CASES = {
  "a query string with repeated keys (given out of order, sorted by value)": (v) => {
    const pairs = queryOf(v).split("&").filter(Boolean).map((p) => p.split("="));
    return pairs.some(([k, value], i) => k !== "" && pairs.slice(i + 1).some(([k2, v2]) => k2 === k && v2 < value));
  },
  "reserved characters in the query (%20, %2B from a raw +, %2A, ~ kept)": (v) => {
    const canonicalQuery = v.expected.canonicalRequest.split("\n")[2];
    return queryOf(v).includes("+") && ["%20", "%2B", "%2A", "~"].every((s) => canonicalQuery.includes(s));
  },
  "non-ASCII characters in the query": (v) => {
    const query = v.expected.canonicalRequest.split("\n")[2];
    return /[^\x00-\x7f]/.test(queryOf(v)) && query.includes("%E4%B8%AD%E6%96%87");
  },
  "non-ASCII characters in the path": (v) => {
    const uri = v.expected.canonicalRequest.split("\n")[1];
    return /[^\x00-\x7f]/.test(v.url.split("?")[0]) && uri.includes("%E4%B8%AD%E6%96%87");
  },
  "reserved characters in the path": (v) => {
    const uri = v.expected.canonicalRequest.split("\n")[1];
    return ["%20", "%2A", "%40", "%3A"].every((s) => uri.includes(s));
  },
  "a non-ASCII JSON body": (v) =>
    /^application\/json/.test(header(v.headers, "Content-Type") ?? "") &&
    /[^\x00-\x7f]/.test(v.body ?? "") &&
    v.expected.canonicalRequest.endsWith(createHash("sha256").update(v.body, "utf8").digest("hex")),
  "an empty body (hash of the empty string)": (v) =>
    v.body === "" && v.expected.canonicalRequest.endsWith(`\n${EMPTY_SHA256}`),
  "an empty body on a POST": (v) => v.body === "" && v.method.toUpperCase() === "POST" && v.expected.canonicalRequest.endsWith(EMPTY_SHA256),
  "a non-JSON body (UNSIGNED-PAYLOAD)": (v) =>
    bodyBytes(v).length > 0 &&
    !/^application\/json/.test(header(v.headers, "Content-Type") ?? "application/json") &&
    header(v.expected.addedHeaders, "X-Sdk-Content-Sha256") === "UNSIGNED-PAYLOAD" &&
    v.expected.canonicalRequest.endsWith("\nUNSIGNED-PAYLOAD"),
  "a binary (base64) body": (v) => v.bodyBase64 !== undefined,
  "a header value with surrounding spaces (signed and sent trimmed)": (v) =>
    v.headers.some(([n, value]) => {
      if (value === value.trim() || value.trim() === "") return false;
      const signedLine = `\n${n.toLowerCase()}:${value.trim()}\n`;
      return v.expected.canonicalRequest.includes(signedLine) && header(v.expected.headers, n) === value.trim();
    }),
  "a header name with _ (sent, never signed)": (v) =>
    v.headers.some(
      ([n]) =>
        n.includes("_") &&
        header(v.expected.headers, n) !== undefined &&
        !v.expected.signedHeaders.split(";").includes(n.toLowerCase()),
    ),
  "a host with a port": (v) => {
    const port = new URL(v.url).port;
    return port !== "" && v.expected.canonicalRequest.includes(`\nhost:${new URL(v.url).host}\n`);
  },
  "a host with an explicit default port": (v) => /^https?:\/\/[^/]+:(443|80)(\/|$)/.test(v.url),
  "temporary credentials (X-Security-Token signed)": (v) =>
    v.securityToken !== undefined && v.expected.signedHeaders.split(";").includes("x-security-token"),
  "a project id (X-Project-Id signed)": (v) => v.expected.signedHeaders.split(";").includes("x-project-id"),
  "a caller-supplied X-Sdk-Date": (v) => {
    const given = header(v.headers, "X-Sdk-Date");
    return given !== undefined && given !== v.sdkDate && v.expected.stringToSign.split("\n")[1] === given;
  },
  "a path with a trailing slash": (v) => /\/v2\/tasks\/$/.test(v.url),
  "a path without a trailing slash": (v) => /\/v2\/tasks$/.test(v.url),
  "the StartDeployTask call itself": (v) => /\/v2\/tasks\/[A-Za-z0-9]{32}\/start$/.test(v.url) && v.method === "POST",
};

describe("the vectors cover every case of the issue's Done-when list", () => {
  for (const [name, predicate] of Object.entries(REQUIRED_CASES)) {
    test(name, () => {
      const matching = vectors.filter(predicate).map((v) => v.name);
      assert.ok(matching.length > 0, `no vector shows: ${name}`);
    });
  }
});

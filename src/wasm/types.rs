//! TypeScript declarations of the API's option and result objects that have no Rust type of
//! their own (the model types get theirs from `tsify`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** The result of `validateStartDeployTask`. */
export interface ValidationResult {
    ok: boolean;
    issues: Issue[];
}

/** Options of `validateStartDeployTask`. */
export interface ValidateOptions {
    /** The language of the messages; English by default. */
    locale?: "en" | "zh-CN";
}

/** When a failed attempt is sent again. By default only a 429 with `Retry-After`. */
export interface RetryOptions {
    /** Attempts in all, the first included (1 to 10; default 3). */
    maxAttempts?: number;
    /** The longest wait before a retry, in ms (default 10000). */
    maxDelayMs?: number;
    /** The first back-off delay of opted-in retries, in ms, doubling each time (default 500). */
    baseDelayMs?: number;
    /** Retry network errors too. A deployment may already have started. */
    networkErrors?: boolean;
    /** Retry 502, 503 and 504 too. A deployment may already have started. */
    serverErrors?: boolean;
    /** Retry a 429 without `Retry-After`, with back-off. */
    throttledWithoutRetryAfter?: boolean;
}

/** Where to send and how to authenticate. Give `region` or `endpoint`, and a token or an AK/SK pair. */
export interface ClientConfig {
    /** One of `listRegions()`, e.g. `"cn-north-4"`. */
    region?: string;
    /** An explicit base URL, e.g. `"https://codearts-deploy.example.com/base"`. */
    endpoint?: string;
    /** An IAM user token, sent as `X-Auth-Token`. */
    token?: string;
    /** An access key; signs each request together with `secretKey`. */
    accessKey?: string;
    secretKey?: string;
    /** The security token of temporary AK/SK credentials. */
    securityToken?: string;
    /** Sent as `X-Project-Id`. */
    projectId?: string;
    /** Which credentials to use when both a token and AK/SK are configured. */
    auth?: "token" | "aksk";
    /** The whole call's deadline, retries included, in ms (default 30000). */
    timeoutMs?: number;
    retry?: RetryOptions;
    /** The language of validation messages in errors (default `"en"`). */
    locale?: "en" | "zh-CN";
    /**
     * The function every request of this client is sent with, called as `fetch(request, init)`
     * with a `Request` and `{ signal }` (default: the global `fetch`). E.g. a Cloudflare service
     * binding, `(request, init) => env.SVC.fetch(request, init)`, or an instrumented fetch. It
     * must resolve to a `Response`; anything else ends the call with a `NetworkError`.
     */
    fetch?: (request: Request, init: { signal: AbortSignal }) => Promise<Response>;
}

/** Options of one `startDeployTask` call. */
export interface StartOptions {
    /** Cancels the call; it then rejects with an `AbortError`. */
    signal?: AbortSignal;
    /** Overrides the client's `timeoutMs` for this call. */
    timeoutMs?: number;
}

/** A request ready to send with any HTTP client. */
export interface PreparedRequest {
    method: "POST";
    url: string;
    headers: Record<string, string>;
    body: string;
}
"#;

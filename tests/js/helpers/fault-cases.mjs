// The fault modes of the local service (tests/service/README.md, "Fault modes") and what the
// package must answer to each, shared by faults.test.mjs and reliability-secrets.test.mjs.
// This file imports nothing, so a test can watch console.* before it loads the package.

/** Opt in to every retry the client offers, with short waits. */
export const OPT_IN = { networkErrors: true, serverErrors: true, throttledWithoutRetryAfter: true, maxAttempts: 3, baseDelayMs: 20 };

// One row per fault: the spec, the call's timeout, and what is expected with the default retry
// policy and with every retry opted in: error class name (null: success), status, attempts, requests
// the service received, deployments it started, a pattern the message must match, and the error's
// mayHaveStarted (true only where the service may have acted).
export const FAULTS = [
  { spec: "delay=5000", timeoutMs: 300, className: "TimeoutError", attempts: 1, requests: 1, starts: 0, message: /may have started/, mayHaveStarted: true, optIn: {} },
  { spec: "delay=50", timeoutMs: 3000, className: null, requests: 1, starts: 1, optIn: {} },
  { spec: "drop", className: "NetworkError", attempts: 1, requests: 1, starts: 0, mayHaveStarted: true, optIn: { attempts: 3, requests: 3 } },
  { spec: "html500", className: "DeployApiError", status: 500, errorCode: "500", attempts: 1, requests: 1, starts: 0, message: /not JSON/, mayHaveStarted: false, optIn: {} },
  { spec: "empty502", className: "DeployApiError", status: 502, errorCode: "502", attempts: 1, requests: 1, starts: 0, message: /empty body/, mayHaveStarted: true, optIn: { attempts: 3, requests: 3 } },
  { spec: "503", className: "DeployApiError", status: 503, errorCode: "APIGW.0202", attempts: 1, requests: 1, starts: 0, mayHaveStarted: true, optIn: { attempts: 3, requests: 3 } },
  { spec: "throttle=1,retry-after=1", timeoutMs: 5000, className: null, requests: 2, starts: 1, optIn: {} },
  { spec: "throttle=5,retry-after=0", className: "DeployApiError", status: 429, errorCode: "APIGW.0308", kind: "throttled", attempts: 3, requests: 3, starts: 0, mayHaveStarted: false, optIn: {} },
  { spec: "throttle=1,retry-after=30", className: "DeployApiError", status: 429, kind: "throttled", attempts: 1, requests: 1, starts: 0, mayHaveStarted: false, optIn: {} },
  { spec: "truncated", className: "ResponseFormatError", status: 200, attempts: 1, requests: 1, starts: 1, message: /may have started/, mayHaveStarted: true, optIn: {} },
  { spec: "failed200", className: "DeployApiError", status: 200, errorCode: "Deploy.00011042", kind: "draft", attempts: 1, requests: 1, starts: 0, mayHaveStarted: false, optIn: {} },
  { spec: "nonjson200", className: "ResponseFormatError", status: 200, attempts: 1, requests: 1, starts: 1, message: /may have started/, mayHaveStarted: true, optIn: {} },
  { spec: "huge=20", timeoutMs: 10000, className: "ResponseFormatError", status: 200, attempts: 1, requests: 1, starts: 1, message: /larger than 1048576 bytes.*may have started/, mayHaveStarted: true, optIn: {} },
  { spec: "trickle=50", timeoutMs: 600, className: "TimeoutError", attempts: 1, requests: 1, starts: 1, message: /answered 200.*probably started/, mayHaveStarted: true, optIn: {} },
  { spec: "redirect", className: "DeployApiError", status: 302, errorCode: "REDIRECT", attempts: 1, requests: 1, starts: 0, mayHaveStarted: false, optIn: {} },
];


// CORS for the web console: exactly one origin (CONSOLE_ORIGIN) may call /api/*. Every other
// origin gets no CORS header at all, so browsers refuse to send it anything, and the routes refuse
// a request whose Origin is not the console's (CORS alone does not stop a non-browser client).

const ALLOWED_METHODS = "POST, OPTIONS";
const ALLOWED_HEADERS = "Content-Type, Accept-Language";

/** The CORS headers of an answer to the console. */
export function corsHeaders(origin) {
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Expose-Headers": "X-Request-Id",
    Vary: "Origin",
  };
}

/** `true` when the request comes from the console's origin. */
export function fromConsole(request, origin) {
  return request.headers.get("Origin") === origin;
}

/** The answer to a preflight (`OPTIONS`): 204 for the console's origin asking for POST, else 403. */
export function preflight(request, origin) {
  const method = request.headers.get("Access-Control-Request-Method");
  if (!fromConsole(request, origin) || method !== "POST") {
    return new Response(null, { status: 403, headers: { Vary: "Origin" } });
  }
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(origin),
      "Access-Control-Allow-Methods": ALLOWED_METHODS,
      "Access-Control-Allow-Headers": ALLOWED_HEADERS,
      "Access-Control-Max-Age": "600",
    },
  });
}

#!/usr/bin/env python3
"""Write tests/vectors/signing.json: AK/SK signatures made by the official Huawei Cloud Python SDK.

Run it through generate.sh (throwaway venv, pinned SDK, temporary HOME). Every vector is signed
by the SDK's own `SDK-HMAC-SHA256` signer, reached the way the SDK's HTTP client reaches it:
`BasicCredentials.sign_request(SdkRequest)` -> `huaweicloudsdkcore.signer.signer.Signer.sign`.
Nothing of the SDK is re-implemented here; this file only

- turns each case's absolute URL into the pieces an `SdkRequest` holds (scheme, host = the URL's
  authority exactly as written, resource path = the raw path, query parameters = `query_params`
  below: the query read as Huawei's API Gateway signer reads a URL, `urllib.parse.unquote` on
  each side of the first `=`, so `+` stays a plus, `%XX` is a UTF-8 byte, invalid UTF-8 becomes
  U+FFFD; empty pieces are skipped, a bare key has an empty value);
- freezes the SDK's clock (`datetime.utcnow`) at SDK_DATE, so the output is deterministic;
- records the canonical request and string to sign by wrapping (not replacing) the signer's
  own methods.

Usage: generate.py OUTPUT_JSON
"""

import base64
import importlib.metadata
import datetime as _dt
import json
import sys
from urllib.parse import unquote, urlsplit

import huaweicloudsdkcore.signer.signer as sdk_signer
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest

SDK_DATE = "20240102T030405Z"
ACCESS_KEY = "EXAMPLEAKEXAMPLEAK01"
SECRET_KEY = "exampleSecretKeyDoNotUse0123456789abcdef"
SECURITY_TOKEN = "exampleSecurityToken+/AbCdEfGh0123456789==.gQNjbi1ub3J0aC00"

ENDPOINT = "https://codearts-deploy.cn-north-4.myhuaweicloud.com"
TASK_PATH = "/v2/tasks/d2dc947ec2424d8789bb3984bb3adf45/start"
JSON_CT = "application/json;charset=UTF-8"
START_BODY = (
    '{"params":[{"key":"string","value":"test","type":"text"},'
    '{"key":"env","value":"e3144513a4094398857c992606ccba12","type":"host_group"},'
    '{"key":"enum","value":"value1","type":"enum"}],"trigger_source":"0"}'
)


def case(name, method, url, headers=(), body="", security_token=None, browser_twin=None, note=None):
    """One request to sign. `headers` is an ordered list of (name, value) pairs, as given.

    `body` is a str (sent as UTF-8) or bytes (recorded as base64). `browser_twin` names the
    vector whose Authorization the Rust signer's browser mode (no Host header sent, host signed
    as a browser sends it, user-agent not signed) must reproduce for this request.
    """
    return {
        "name": name,
        "method": method,
        "url": url,
        "headers": [list(h) for h in headers],
        "body": body,
        "securityToken": security_token,
        "browserTwin": browser_twin,
        "note": note,
    }


CASES = [
    case("start_deploy_task_json", "POST", ENDPOINT + TASK_PATH,
         [("Content-Type", JSON_CT)], START_BODY,
         note="the spec's example StartDeployTask request, JSON body"),
    case("start_deploy_task_project_id", "POST", ENDPOINT + TASK_PATH,
         [("Content-Type", JSON_CT), ("X-Project-Id", "0123456789abcdef0123456789abcdef")], START_BODY,
         note="X-Project-Id as BasicCredentials(project_id=...) adds it: signed like any header"),
    case("start_deploy_task_security_token", "POST", ENDPOINT + TASK_PATH,
         [("Content-Type", JSON_CT)], START_BODY, security_token=SECURITY_TOKEN,
         note="temporary credentials: the SDK adds X-Security-Token before signing, so it is signed"),
    case("start_deploy_task_token_and_project", "POST", ENDPOINT + TASK_PATH,
         [("Content-Type", JSON_CT), ("X-Project-Id", "0123456789abcdef0123456789abcdef")], START_BODY,
         security_token=SECURITY_TOKEN),
    case("lowercase_method", "post", ENDPOINT + TASK_PATH,
         [("Content-Type", JSON_CT)], START_BODY,
         note="the canonical request upper-cases the method"),
    case("query_repeated_keys", "GET", ENDPOINT + "/v2/tasks?b=2&a=3&a=1&a=2&c=&d&a=10",
         [("Content-Type", "application/json")],
         note="pairs sorted by key then value (as strings); a bare key is key="),
    case("query_reserved_and_non_ascii", "GET",
         ENDPOINT + "/v2/search?q=a%20b&plus=a%2Bb&raw_plus=a+b&star=*&tilde=~&slash=a/b"
         "&pct=100%25&zh=中文&zh_enc=%E4%B8%AD%E6%96%87&k%20x=1&empty=&ABC=upper&abc=lower"
         "&sub=!$'()*,;:@&eq=a=b",
         [("Content-Type", "application/json")],
         note="every byte but A-Za-z0-9-_.~ is %XX (upper hex); a raw + is a plus (%2B), not a space"),
    case("query_empty_pieces_and_fragment", "GET", ENDPOINT + "/v2/tasks?&a=1&&b=2&#frag?x=1",
         [("Content-Type", "application/json")],
         note="empty pieces skipped; the fragment is not part of the request"),
    case("query_plus_and_empty_key", "GET", ENDPOINT + "/v2/tasks?a+b=c+d&=v&=&k=%2B+%20",
         [("Content-Type", "application/json")],
         note="a raw + is kept as a plus; an empty key is kept"),
    case("query_raw_space", "GET", ENDPOINT + "/v2/tasks?q=a b&k x=1 2",
         [("Content-Type", "application/json")],
         note="a raw space in the query is read as %20, which is what fetch sends"),
    case("query_question_mark_only", "GET", ENDPOINT + "/v2/tasks?",
         [("Content-Type", "application/json")]),
    case("path_reserved_and_non_ascii", "GET",
         ENDPOINT + "/v2/a%20b/c+d/e*f/g~h/%E4%B8%AD/中文/x%2Fy/100%25/semi;colon:at@/'!$&=,()",
         [("Content-Type", "application/json")],
         note="the path is percent-decoded, split on /, each segment re-encoded; %2F becomes a separator"),
    case("path_invalid_utf8_escapes", "GET", ENDPOINT + "/v2/a%FFb/%E4%B8/%zz/%ED%A0%80/%F0%9F/%C0%AF/%e4%b8%ad/%4/%?x=%C3&y=%E4%B8%AD%FF&z=%F0%9F%98%80%F0",
         [("Content-Type", "application/json")],
         note="invalid UTF-8 escapes decode to U+FFFD (%EF%BF%BD); a lone % is kept and encoded"),
    case("path_raw_space", "GET", ENDPOINT + "/v2/a b/c  d/e",
         [("Content-Type", "application/json")],
         note="a raw space in the path is signed as %20, which is what fetch sends"),
    case("path_raw_space_and_escape", "POST", ENDPOINT + "/v2/tasks/a b%20c/start?q=x",
         [("Content-Type", JSON_CT)], START_BODY,
         note="a raw space and %20 sign alike"),
    case("path_trailing_slash", "GET", ENDPOINT + "/v2/tasks/",
         [("Content-Type", "application/json")]),
    case("path_no_trailing_slash", "GET", ENDPOINT + "/v2/tasks",
         [("Content-Type", "application/json")]),
    case("path_double_slash", "GET", ENDPOINT + "/v2//tasks//",
         [("Content-Type", "application/json")]),
    case("path_empty", "GET", ENDPOINT,
         [("Content-Type", "application/json")],
         note="no path: the request path is /"),
    case("path_empty_with_query", "GET", ENDPOINT + "?limit=10",
         [("Content-Type", "application/json")]),
    case("non_ascii_json_body", "POST", ENDPOINT + TASK_PATH,
         [("Content-Type", JSON_CT)],
         '{"params":[{"key":"说明","value":"部署 ✓ 😀 é","type":"text"}],"trigger_source":"1"}',
         note="the body is hashed as its UTF-8 bytes"),
    case("empty_body_get", "GET", ENDPOINT + "/v2/tasks",
         [("Content-Type", "application/json")], "",
         note="no body: the payload hash is sha256 of the empty string"),
    case("empty_body_get_no_content_type", "GET", ENDPOINT + "/v2/tasks", [], ""),
    case("empty_body_post", "POST", ENDPOINT + TASK_PATH,
         [("Content-Type", JSON_CT)], ""),
    case("body_without_content_type", "POST", ENDPOINT + TASK_PATH, [], START_BODY,
         note="no Content-Type header: the body is hashed"),
    case("octet_stream_body_unsigned_payload", "PUT", ENDPOINT + "/v2/files/a.bin",
         [("Content-Type", "application/octet-stream")], b"\x00\x01\x02\xff\xfe binary",
         note="a Content-Type not starting with application/json or application/bson: "
              "X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD is added, signed, and is the payload hash"),
    case("text_plain_body_unsigned_payload", "POST", ENDPOINT + "/v2/notes",
         [("Content-Type", "text/plain; charset=utf-8")], "hello, 世界"),
    case("form_urlencoded_body_unsigned_payload", "POST", ENDPOINT + "/v2/form",
         [("Content-Type", "application/x-www-form-urlencoded")], "a=1&b=2"),
    case("text_plain_empty_body", "POST", ENDPOINT + "/v2/notes",
         [("Content-Type", "text/plain")], "",
         note="UNSIGNED-PAYLOAD header added, but an empty body still hashes as sha256('')"),
    case("bson_body_hashed", "POST", ENDPOINT + "/v2/bson",
         [("Content-Type", "application/bson")], b"\x16\x00\x00\x00\x02k\x00\x02\x00\x00\x00v\x00\x00",
         note="application/bson is hashed like JSON"),
    case("json_patch_content_type_hashed", "PATCH", ENDPOINT + "/v2/tasks/x",
         [("Content-Type", "application/json-patch+json")], '[{"op":"remove","path":"/a"}]',
         note="the test is a prefix test: application/json-patch+json starts with application/json"),
    case("content_type_lowercase_name_text_plain", "POST", ENDPOINT + "/v2/notes",
         [("content-type", "text/plain")], "hello",
         note="the SDK looks up exactly 'Content-Type': a lower-case name never triggers UNSIGNED-PAYLOAD"),
    case("content_type_uppercase_json_value", "POST", ENDPOINT + TASK_PATH,
         [("Content-Type", "Application/JSON")], START_BODY,
         note="the prefix test is case-sensitive: Application/JSON counts as non-JSON"),
    case("header_value_surrounding_spaces", "POST", ENDPOINT + TASK_PATH,
         [("Content-Type", "  application/json;charset=UTF-8  "), ("X-Custom", "  a  b  ")], START_BODY,
         note="values are trimmed (inner spaces kept) and sent trimmed; but the JSON test sees the "
              "untrimmed Content-Type, so this body is an UNSIGNED-PAYLOAD"),
    case("header_value_surrounding_spaces_custom_only", "POST", ENDPOINT + TASK_PATH,
         [("Content-Type", JSON_CT), ("X-Custom", "   a  b "), ("X-Project-Id", " 0123456789abcdef0123456789abcdef")],
         START_BODY),
    case("header_name_with_underscore", "POST", ENDPOINT + TASK_PATH,
         [("Content-Type", JSON_CT), ("X_Custom_Header", "not signed"), ("X-Custom-Header", "signed")],
         START_BODY,
         note="a name holding _ is sent but never signed"),
    case("header_name_mixed_case", "POST", ENDPOINT + TASK_PATH,
         [("content-TYPE", JSON_CT), ("x-CUSTOM", "v"), ("X-Project-ID", "0123456789abcdef0123456789abcdef")],
         START_BODY,
         note="names are sent as given and signed lower-cased"),
    case("header_value_inner_tab", "POST", ENDPOINT + TASK_PATH,
         [("Content-Type", JSON_CT), ("X-Custom", "a\tb \t c")], START_BODY,
         note="a tab inside a value is legal (RFC 9110 field-content) and signed as is"),
    case("header_value_edge_tabs", "POST", ENDPOINT + TASK_PATH,
         [("Content-Type", JSON_CT), ("X-Custom", "\t a\tb \t")], START_BODY,
         note="tabs and spaces around a value are trimmed, as fetch trims them before sending"),
    case("header_empty_value", "GET", ENDPOINT + "/v2/tasks",
         [("Content-Type", "application/json"), ("X-Empty", "")]),
    case("user_agent_signed_by_sdk", "GET", ENDPOINT + "/v2/tasks",
         [("Content-Type", "application/json"), ("User-Agent", "huaweicloud-usdk-python/3.0")],
         browser_twin="user_agent_twin_without",
         note="the SDK signs every header it is given, User-Agent too; the browser mode leaves it out"),
    case("user_agent_twin_without", "GET", ENDPOINT + "/v2/tasks",
         [("Content-Type", "application/json")]),
    case("host_non_default_port", "POST", "https://127.0.0.1:8443" + TASK_PATH,
         [("Content-Type", JSON_CT)], START_BODY,
         note="Host is host:port"),
    case("host_http_non_default_port", "POST", "http://localhost:8080" + TASK_PATH,
         [("Content-Type", JSON_CT)], START_BODY),
    case("host_explicit_default_port", "POST", "https://codearts-deploy.cn-north-4.myhuaweicloud.com:443" + TASK_PATH,
         [("Content-Type", JSON_CT)], START_BODY, browser_twin="start_deploy_task_json",
         note="the SDK's Host is the authority as written, :443 included; a browser sends it without"),
    case("host_http_explicit_default_port", "GET", "http://localhost:80/v2/tasks",
         [("Content-Type", "application/json")], browser_twin="host_http_no_port"),
    case("host_http_no_port", "GET", "http://localhost/v2/tasks",
         [("Content-Type", "application/json")]),
    case("host_upper_case", "POST", "https://CodeArts-Deploy.CN-North-4.MyHuaweiCloud.com" + TASK_PATH,
         [("Content-Type", JSON_CT)], START_BODY, browser_twin="start_deploy_task_json",
         note="the SDK keeps the host's case; a browser lower-cases it"),
    case("host_ipv6_with_port", "GET", "http://[::1]:8080/v2/tasks",
         [("Content-Type", "application/json")]),
    case("caller_host_header", "GET", ENDPOINT + "/v2/tasks",
         [("Content-Type", "application/json"), ("host", "other.example.com")],
         note="a caller's Host header (any case) is kept and signed instead of the URL's authority"),
    case("caller_sdk_date", "POST", ENDPOINT + TASK_PATH,
         [("Content-Type", JSON_CT), ("X-Sdk-Date", "20991231T235959Z")], START_BODY,
         note="the caller's X-Sdk-Date wins over the clock"),
    case("caller_sdk_date_lowercase_name", "POST", ENDPOINT + TASK_PATH,
         [("x-sdk-date", "20200229T120000Z"), ("Content-Type", JSON_CT)], START_BODY,
         note="found in any case, kept under the caller's name"),
    case("security_token_get_empty_body", "GET", ENDPOINT + "/v2/tasks?limit=10",
         [("Content-Type", "application/json")], "", security_token=SECURITY_TOKEN),
]


def query_params(query):
    """A URL's query as the SDK's list of (key, value): split on & (empty pieces dropped), then
    on the first =, each side percent-decoded with unquote (a raw + stays a plus)."""
    params = []
    for piece in query.split("&"):
        if piece == "":
            continue
        key, _, value = piece.partition("=")
        params.append((unquote(key), unquote(value)))
    return params


class _FixedClock(_dt.datetime):
    """The SDK's signer asks datetime.utcnow() for X-Sdk-Date; answer SDK_DATE."""

    @classmethod
    def utcnow(cls):
        return _dt.datetime.strptime(SDK_DATE, "%Y%m%dT%H%M%SZ")


_captured = {}


def _capture(method_name, key):
    original = getattr(sdk_signer.Signer, method_name)

    def wrapper(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        _captured[key] = result
        return result

    setattr(sdk_signer.Signer, method_name, wrapper)


def _wire_value(value):
    # The SDK stores each signed value back as its UTF-8 bytes read as ISO-8859-1, so that the
    # HTTP library sends UTF-8; undo that to record the text that goes on the wire.
    return value.encode("iso-8859-1").decode("utf-8") if isinstance(value, str) else str(value)


def sign_case(c):
    parts = urlsplit(c["url"])
    credentials = BasicCredentials(ACCESS_KEY, SECRET_KEY)
    if c["securityToken"] is not None:
        credentials.with_security_token(c["securityToken"])
    body = c["body"]
    headers = dict((k, v) for k, v in c["headers"])
    if len(headers) != len(c["headers"]):
        raise SystemExit("duplicate header name in case " + c["name"])
    request = SdkRequest(
        method=c["method"],
        schema=parts.scheme,
        host=parts.netloc,
        resource_path=parts.path or "/",
        query_params=query_params(parts.query),
        header_params=headers,
        body=body if body != "" else None,
    )
    _captured.clear()
    signed = credentials.sign_request(request)
    final = [[k, _wire_value(v)] for k, v in signed.header_params.items()]
    given = {k for k, _ in c["headers"]}
    authorization = signed.header_params["Authorization"]
    signed_headers = authorization.split("SignedHeaders=", 1)[1].split(",", 1)[0]
    out = {
        "name": c["name"],
        "method": c["method"],
        "url": c["url"],
        "headers": c["headers"],
    }
    if isinstance(body, bytes):
        out["bodyBase64"] = base64.b64encode(body).decode("ascii")
    else:
        out["body"] = body
    out["sdkDate"] = SDK_DATE
    out["accessKey"] = ACCESS_KEY
    out["secretKey"] = SECRET_KEY
    if c["securityToken"] is not None:
        out["securityToken"] = c["securityToken"]
    if c["note"]:
        out["note"] = c["note"]
    if c["browserTwin"]:
        out["browserTwin"] = c["browserTwin"]
    out["expected"] = {
        "canonicalRequest": _captured["canonical"],
        "stringToSign": _captured["string_to_sign"],
        "signedHeaders": signed_headers,
        "authorization": authorization,
        "headers": final,
        "addedHeaders": [h for h in final if h[0] not in given],
        "sdkRequestUri": signed.uri,
    }
    return out


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: generate.py OUTPUT_JSON")
    sdk_signer.datetime = _FixedClock
    _capture("_process_canonical_request", "canonical")
    _capture("_process_string_to_sign", "string_to_sign")

    names = [c["name"] for c in CASES]
    if len(set(names)) != len(names):
        raise SystemExit("duplicate case name")
    for c in CASES:
        if c["browserTwin"] and c["browserTwin"] not in names:
            raise SystemExit("unknown browserTwin in " + c["name"])

    vectors = [sign_case(c) for c in CASES]
    document = {
        "about": "AK/SK (SDK-HMAC-SHA256) signatures made by the official Huawei Cloud Python SDK; "
                 "regenerate with scripts/sign-vectors/generate.sh",
        "sdk": "huaweicloudsdkcore " + importlib.metadata.version("huaweicloudsdkcore"),
        "signer": "huaweicloudsdkcore.signer.signer.Signer via BasicCredentials.sign_request",
        "vectors": vectors,
    }
    with open(sys.argv[1], "w", encoding="utf-8", newline="\n") as f:
        json.dump(document, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print("wrote %d vectors to %s" % (len(vectors), sys.argv[1]))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Start a deployment with the OFFICIAL Huawei Cloud Python SDK, signed with AK/SK.

Used by tests/js/python-sdk-interop.test.mjs to prove that the local CodeArts Deploy service
(tests/service/) verifies real SDK signatures: nothing here signs or builds a request by hand.
The SDK's own `CodeArtsDeployClient`, `BasicCredentials(ak, sk, project_id)` and
`StartDeployTaskRequest` (POST /v2/tasks/{task_id}/start) do everything.

Usage (keys come from the environment so that they never show in a process list):

    CODEARTS_AK=... CODEARTS_SK=... [CODEARTS_PROJECT_ID=...] [CODEARTS_SECURITY_TOKEN=...] \\
        python start_deploy_task.py ENDPOINT TASK_ID

With CODEARTS_SECURITY_TOKEN the credentials are temporary ones
(`BasicCredentials.with_security_token`): the SDK adds and signs X-Security-Token.

Prints exactly one JSON line on stdout and exits with
  0  accepted:  {"outcome": "accepted", "status": 200, "id", "task_id", "job_name", "sdk"}
  3  refused:   {"outcome": "refused", "status", "error_code", "error_msg", "request_id", "sdk"}
  1  anything else (no answer, unexpected exception): {"outcome": "error", "type", "sdk"}

Importing the SDK writes $HOME/.huaweicloud/application_id: run it with HOME in a temporary
folder (the test does).
"""

import importlib.metadata
import json
import os
import sys

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkcodeartsdeploy.v2 import (
    CodeArtsDeployClient,
    DynamicConfigInfo,
    EnvExecutionBody,
    StartDeployTaskRequest,
)

SDK = {
    name: importlib.metadata.version(name)
    for name in ("huaweicloudsdkcore", "huaweicloudsdkcodeartsdeploy")
}


def emit(document, code):
    document["sdk"] = SDK
    print(json.dumps(document, ensure_ascii=False), flush=True)
    sys.exit(code)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    endpoint, task_id = sys.argv[1], sys.argv[2]
    credentials = BasicCredentials(
        os.environ["CODEARTS_AK"],
        os.environ["CODEARTS_SK"],
        os.environ.get("CODEARTS_PROJECT_ID") or None,
    )
    if os.environ.get("CODEARTS_SECURITY_TOKEN"):
        credentials.with_security_token(os.environ["CODEARTS_SECURITY_TOKEN"])
    config = HttpConfig.get_default_config()
    config.timeout = (5, 10)  # (connect, read) seconds: a hung service fails the test quickly
    client = (
        CodeArtsDeployClient.new_builder()
        .with_http_config(config)
        .with_credentials(credentials)
        .with_endpoint(endpoint)
        .build()
    )
    # The API reference's example body (trigger_source as the string the SDK examples send).
    request = StartDeployTaskRequest(
        task_id=task_id,
        body=EnvExecutionBody(
            params=[
                DynamicConfigInfo(key="string", value="test", type="text"),
                DynamicConfigInfo(key="env", value="e3144513a4094398857c992606ccba12", type="host_group"),
                DynamicConfigInfo(key="enum", value="value1", type="enum"),
            ],
            trigger_source="0",
        ),
    )
    try:
        response = client.start_deploy_task(request)
    except exceptions.ClientRequestException as e:
        emit({
            "outcome": "refused",
            "status": e.status_code,
            "error_code": e.error_code,
            "error_msg": e.error_msg,
            "request_id": e.request_id,
        }, 3)
    except exceptions.SdkException as e:
        # Never print the exception text: it could quote a header. Its type says enough.
        emit({"outcome": "error", "type": type(e).__name__}, 1)
    emit({
        "outcome": "accepted",
        "status": response.status_code,
        "id": response.id,
        "task_id": response.task_id,
        "job_name": response.job_name,
    }, 0)


if __name__ == "__main__":
    main()

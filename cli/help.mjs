// The --help text of the command and of each subcommand.

const PLACE = `Place and identity (flags win over the environment):
  --region R          a Huawei Cloud region, e.g. cn-north-4       (CODEARTS_REGION)
  --endpoint URL      an explicit base URL instead of a region     (CODEARTS_ENDPOINT)
  --project-id ID     sent as X-Project-Id                         (CODEARTS_PROJECT_ID)
  --locale en|zh-CN   the language of validation messages (default en)

Secrets come from the environment only, never from flags (flags show up in process lists and
CI logs):
  CODEARTS_TOKEN                              an IAM user token, or
  CODEARTS_ACCESS_KEY + CODEARTS_SECRET_KEY   an AK/SK pair
  CODEARTS_SECURITY_TOKEN                     with temporary AK/SK
No output of this command ever holds the token, the secret key or an encrypt value.`;

const EXIT_CODES = `Exit codes:
  0    started (with --wait: succeeded); status: read and not failed; validate: valid
  1    the deployment failed
  2    usage error, invalid input or configuration: nothing was sent
  3    the API answered an error (its errorCode, errorMsg and request id are printed)
  4    network error, timeout or an unreadable answer (the message says whether the
       deployment may have started)
  130  interrupted (Ctrl-C or SIGTERM): a wait stops, the deployment goes on`;

const JSON_NOTE = `  --json              stdout holds exactly one JSON object and nothing else; human
                      text goes to stderr. On an error: {"error": {name, message, exitCode, …}}`;

const WAIT = `  --wait              follow the run to its end: a live line on a terminal, one line per
                      change elsewhere. Ctrl-C stops waiting (exit 130), never the deployment
  --timeout DURATION  the deadline of the whole command, e.g. 30s, 10m, 1h
                      (default: 30s per request, 30m for a wait)
  --interval DURATION with --wait: the first pause between status reads (default 2s, growing)`;

const MAIN = `codearts-deploy — start, follow and check Huawei Cloud CodeArts Deploy deployments

Usage:
  codearts-deploy start --task ID [--param KEY[:TYPE]=VALUE]… [--wait] [--json] …
  codearts-deploy status --task ID [--record ID] [--wait] [--json] …
  codearts-deploy validate FILE|- [--locale zh-CN] [--json]
  codearts-deploy <command> --help       the options and examples of a command
  codearts-deploy --version

Examples:
  export CODEARTS_TOKEN=…   # or CODEARTS_ACCESS_KEY and CODEARTS_SECRET_KEY
  codearts-deploy start --region cn-north-4 --task d2dc947ec2424d8789bb3984bb3adf45 \\
    --param env:host_group=e3144513a4094398857c992606ccba12 --wait
  codearts-deploy validate deploy.json

${EXIT_CODES}

${PLACE}
`;

const START = `codearts-deploy start — start a deployment (POST /v2/tasks/{task_id}/start)

Usage:
  codearts-deploy start --task ID [--param KEY[:TYPE]=VALUE]… [--param-env KEY[:TYPE]=ENV]…
                        [--record ID] [--trigger-source 0|1] [--input FILE|-]
                        [--wait] [--timeout DURATION] [--reconcile] [--json]
                        [--region R | --endpoint URL] [--project-id ID] [--locale en|zh-CN]

Input:
  --task ID                   the deploy task id (32 letters and digits)
  --param KEY[:TYPE]=VALUE    a runtime parameter; repeatable, kept in order. Split at the first
                              "=": the value is taken verbatim and may hold "=" and ":".
                              TYPE is text (default), host_group, encrypt or enum
  --param-env KEY[:TYPE]=ENV  a parameter whose value is read from the environment variable ENV:
                              use it for encrypt values, which flags would show to others
  --record ID                 the deployment record id (32 letters and digits)
  --trigger-source 0|1        0: anyone may trigger; 1: pipelines only
  --input FILE|-              a whole StartDeployTaskInput as JSON, from FILE or stdin
                              ({"taskId", "params": [{"key", "value", "type"}], …}); the flags
                              above override its fields (--param replaces its params)
  The input is checked against every rule of the API before anything is sent.

Sending, following, output:
  --reconcile         read the task's latest run before starting; when the answer of the start
                      is lost (timeout, dropped connection, 502/503/504, unreadable answer), read
                      it again: a new run is this start's (exit 0), the same run means nothing
                      started. Costs one read per start; cannot tell apart another start of the
                      same task at the same moment
${WAIT}
${JSON_NOTE}
                      (the DeployRecord, or with --wait the final DeployStatus)

Examples:
  codearts-deploy start --region cn-north-4 --task d2dc947ec2424d8789bb3984bb3adf45
  codearts-deploy start --task d2dc947ec2424d8789bb3984bb3adf45 \\
    --param env:host_group=e3144513a4094398857c992606ccba12 --param version=1.4.2 \\
    --param-env db_password:encrypt=DB_PASSWORD --wait --timeout 20m
  codearts-deploy start --input deploy.json --param version=1.4.3 --wait --json > run.json
  echo '{"taskId":"d2dc947ec2424d8789bb3984bb3adf45"}' | codearts-deploy start --input -

${EXIT_CODES}

${PLACE}
`;

const STATUS = `codearts-deploy status — read the status of a run (GET /v2/tasks/{task_id}/state)

Usage:
  codearts-deploy status --task ID [--record ID] [--wait] [--timeout DURATION] [--json]
                         [--region R | --endpoint URL] [--project-id ID]

  --task ID           the deploy task id
  --record ID         the run to read (default: the task's latest run)
${WAIT}
${JSON_NOTE}
                      (the DeployStatus)
It only reads: it never starts or stops a deployment.

Examples:
  codearts-deploy status --task d2dc947ec2424d8789bb3984bb3adf45
  codearts-deploy status --task d2dc947ec2424d8789bb3984bb3adf45 \\
    --record 2c82ffe8d00d4968a4e5f7a36d87ae17 --wait --json

Exit codes: 0 read (with --wait: succeeded), 1 the run failed, and 2, 3, 4, 130 as for start
(see codearts-deploy --help).

${PLACE}
`;

const VALIDATE = `codearts-deploy validate — check a StartDeployTaskInput against every rule; sends nothing

Usage:
  codearts-deploy validate FILE|- [--task ID] [--param KEY[:TYPE]=VALUE]… [--locale en|zh-CN] [--json]

Prints "valid", or every issue, one per line: its path, code and message (in Chinese with
--locale zh-CN). The input flags of start (--task, --param, --param-env, --record,
--trigger-source) override the file's fields, or give the whole input without a file.
  --json              stdout holds one JSON object: {"ok": …, "issues": [{path, code, rule, message}]}

Examples:
  codearts-deploy validate deploy.json
  cat deploy.json | codearts-deploy validate - --locale zh-CN
  codearts-deploy validate --task d2dc947ec2424d8789bb3984bb3adf45 --param env:host_group=x

Exit codes: 0 valid, 2 invalid (or a usage error).
`;

/** The help text of `command` (`undefined`: the whole command's). */
export function helpText(command) {
  return { start: START, status: STATUS, validate: VALIDATE }[command] ?? MAIN;
}

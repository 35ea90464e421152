// A strict TypeScript consumer that uses every export of the package. It must compile with
// `strict: true` (tests/js/types.test.mjs runs tsc on it under both `node16` and `bundler`
// module resolution); it is type-checked only, never run.
import type { StandardSchemaV1 as SpecStandardSchemaV1 } from "@standard-schema/spec";
import {
  validateStartDeployTask,
  buildStartDeployTaskRequest,
  previewStartDeployTaskRequest,
  signRequest,
  listRegions,
  CodeArtsDeployClient,
  CodeArtsDeployError,
  ValidationError,
  ConfigError,
  DeployApiError,
  TimeoutError,
  AbortError,
  NetworkError,
  ResponseFormatError,
  startDeployTaskSchema,
  createStartDeployTaskSchema,
} from "codearts-deploy-wasm";
import type {
  StartDeployTaskInput,
  DeployParam,
  ParamType,
  DeployRecord,
  DeployStatus,
  RunIds,
  CallOptions,
  WaitOptions,
  ResponseMetadata,
  AppComponent,
  Issue,
  IssueCode,
  PathSegment,
  ValidationResult,
  ValidateOptions,
  ClientConfig,
  RetryOptions,
  StartOptions,
  PreparedRequest,
  SignableRequest,
  SigningCredentials,
  SignOptions,
  CodeArtsDeployErrorCode,
  ConfigErrorReason,
  DeployApiErrorKind,
  StandardSchemaV1,
  StartDeployTaskSchema,
  StartDeployTaskSchemaIssue,
  StartDeployTaskSchemaOptions,
} from "codearts-deploy-wasm";

/** Compiles only when `A` and `B` are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

// --- the input model -------------------------------------------------------------------------
const paramType: ParamType = "host_group";
const params: DeployParam[] = [
  { key: "version", value: "1.4.2", type: "text" },
  { key: "env", value: "e3144513a4094398857c992606ccba12", type: paramType },
  { key: "db_password", value: "s3cret", type: "encrypt" },
  { key: "region", value: "north", type: "enum" },
];
const input: StartDeployTaskInput = {
  taskId: "d2dc947ec2424d8789bb3984bb3adf45",
  params,
  recordId: "0ee9c8e6a7dc44109541e53c6dccf47c",
  triggerSource: "0",
};
const numericTrigger: StartDeployTaskInput = { taskId: input.taskId, triggerSource: 1 };
assertType<Equal<StartDeployTaskInput["triggerSource"], "0" | "1" | 0 | 1 | null | undefined>>();
assertType<Equal<ParamType, "text" | "host_group" | "encrypt" | "enum">>();

// --- validation --------------------------------------------------------------------------------
const validateOptions: ValidateOptions = { locale: "zh-CN" };
const checked: ValidationResult = validateStartDeployTask(JSON.parse("{}") as unknown, validateOptions);
if (!checked.ok) {
  for (const issue of checked.issues) {
    const path: PathSegment[] = issue.path;
    const code: IssueCode = issue.code;
    const first: string | number | undefined = path[0];
    console.log(first, code, issue.rule, issue.message);
  }
}
const issues: Issue[] = validateStartDeployTask(numericTrigger).issues;
assertType<Equal<IssueCode, "required" | "type" | "length" | "charset" | "forbidden_sequence" | "enum" | "unknown_field">>();

// --- building, previewing and signing requests -------------------------------------------------
const retry: RetryOptions = { maxAttempts: 3, maxDelayMs: 5000, networkErrors: false };
const config: ClientConfig = { region: listRegions()[0] ?? "cn-north-4", token: "iam-user-token", timeoutMs: 10_000, retry };
const aksk: ClientConfig = { endpoint: "https://codearts-deploy.example.com", accessKey: "AK", secretKey: "SK", auth: "aksk" };
const viaBinding: ClientConfig = { endpoint: "https://codearts.internal", token: "t", fetch: (request, init) => fetch(request, init) };
const viaGlobal: ClientConfig = { ...viaBinding, fetch: globalThis.fetch };
const prepared: PreparedRequest = buildStartDeployTaskRequest(input, config);
console.log(viaGlobal);
const method: "POST" = prepared.method;
const preview: PreparedRequest = previewStartDeployTaskRequest(input, aksk);
const regions: string[] = listRegions();

const toSign: SignableRequest = { method, url: prepared.url, headers: prepared.headers, body: prepared.body };
const credentials: SigningCredentials = { accessKey: "AK", secretKey: "SK", securityToken: "temporary" };
const signOptions: SignOptions = { sdkDate: "20240101T000000Z", includeHost: false };
const signed: Record<string, string> = signRequest(toSign, credentials, signOptions);
const authorization: string | undefined = signed["Authorization"];
const bytes: SignableRequest = { method: "POST", url: prepared.url, body: new TextEncoder().encode(prepared.body) };
signRequest(bytes, { accessKey: "AK", secretKey: "SK" });

// --- every optional input also takes null, as the API does at run time ----------------------
const nulls: StartDeployTaskInput = { taskId: input.taskId, params: null, recordId: null, triggerSource: null };
const nullConfig: ClientConfig = { endpoint: "https://codearts-deploy.example.com", token: "t", region: null, retry: null };
const nullRetry: RetryOptions = { maxAttempts: null, networkErrors: null };
validateStartDeployTask(nulls, { locale: null });
validateStartDeployTask(nulls, null);
signRequest({ method, url: prepared.url, headers: null, body: null }, { accessKey: "AK", secretKey: "SK", securityToken: null }, null);
const nullStart: StartOptions = { signal: null, timeoutMs: null };
assertType<Equal<DeployRecord["requestId"], string | undefined>>(); // outputs are left as they are

// --- the client, its result and its errors -----------------------------------------------------
async function start(): Promise<DeployRecord | undefined> {
  const client = new CodeArtsDeployClient(config);
  const controller = new AbortController();
  const options: StartOptions = { signal: controller.signal, timeoutMs: 5000 };
  try {
    const record: DeployRecord = await client.startDeployTask(input, options);
    const components: AppComponent[] = record.appComponentList;
    const requestId: string | undefined = record.requestId;
    console.log(record.id, record.taskId, record.jobName, components[0]?.compName, requestId);
    const metadata: ResponseMetadata = record.$metadata;
    const status: number | undefined = metadata.httpStatusCode;
    console.log(status, metadata.requestId, metadata.attempts);
    return record;
  } catch (error) {
    if (error instanceof ValidationError) {
      const literal: "ERR_VALIDATION" = error.code;
      console.log(literal, error.issues.map((issue) => issue.path.join(".")));
    } else if (error instanceof ConfigError) {
      const reason: ConfigErrorReason = error.reason;
      console.log(reason);
    } else if (error instanceof DeployApiError) {
      const kind: DeployApiErrorKind = error.kind;
      const status: number = error.status;
      const requestId: string | null = error.requestId;
      if (kind === "conflict") console.log("already deploying", error.errorCode, error.errorMsg, requestId, status);
      console.log(error.encodedAuthorizationMessage, error.attempts);
    } else if (error instanceof TimeoutError) {
      console.log(error.timeoutMs, error.attempts);
    } else if (error instanceof AbortError) {
      const reason: unknown = error.reason;
      console.log(reason, error.attempts);
    } else if (error instanceof NetworkError) {
      console.log(error.cause, error.attempts);
    } else if (error instanceof ResponseFormatError) {
      console.log(error.status, error.requestId, error.attempts);
    }
    if (error instanceof CodeArtsDeployError) {
      const code: CodeArtsDeployErrorCode = error.code;
      const attempts: number = error.$metadata.attempts;
      console.log(attempts, error.$metadata.httpStatusCode, error.$metadata.requestId);
      const asError: Error = error;
      console.log(code, asError.name, asError.message);
      // Safe to retry without checking first only when nothing may have started.
      const mayHaveStarted: boolean = error.mayHaveStarted;
      if (!mayHaveStarted) console.log("retry");
    }
    throw error;
  } finally {
    client.free();
  }
}

// Errors can be built in a test double, with the fields the package sets.
const conflict = new DeployApiError("already deploying", {
  status: 400,
  errorCode: "Deploy.00011027",
  errorMsg: "deploying",
  requestId: null,
  encodedAuthorizationMessage: null,
  kind: "conflict",
  attempts: 1,
});
const invalid = new ValidationError("invalid", issues);

// --- Standard Schema ---------------------------------------------------------------------------
// Assignable to the spec's own interface (from @standard-schema/spec), as form libraries expect.
const spec: SpecStandardSchemaV1<StartDeployTaskInput, StartDeployTaskInput> = startDeployTaskSchema;
const anySchema: SpecStandardSchemaV1 = createStartDeployTaskSchema({ locale: "en" });
const own: StandardSchemaV1<StartDeployTaskInput> = startDeployTaskSchema;
assertType<Equal<SpecStandardSchemaV1.InferInput<typeof startDeployTaskSchema>, StartDeployTaskInput>>();
assertType<Equal<SpecStandardSchemaV1.InferOutput<typeof startDeployTaskSchema>, StartDeployTaskInput>>();

const schemaOptions: StartDeployTaskSchemaOptions = { locale: "zh-CN" };
const chinese: StartDeployTaskSchema = createStartDeployTaskSchema(schemaOptions);
const result = chinese["~standard"].validate({ taskId: "x" }, { libraryOptions: { locale: "en" } });
if (result.issues) {
  const schemaIssues: readonly StartDeployTaskSchemaIssue[] = result.issues;
  for (const issue of schemaIssues) console.log(issue.message, issue.path, issue.code, issue.rule);
} else {
  const value: StartDeployTaskInput = result.value;
  console.log(value.taskId);
}

/** What a form library does with any Standard Schema: generic code, no knowledge of this package. */
async function standardValidate<S extends SpecStandardSchemaV1>(
  schema: S,
  value: unknown,
): Promise<SpecStandardSchemaV1.InferOutput<S>> {
  let outcome = schema["~standard"].validate(value);
  if (outcome instanceof Promise) outcome = await outcome;
  if (outcome.issues) throw new Error(outcome.issues.map((issue) => issue.message).join("; "));
  return outcome.value;
}
async function viaGeneric(): Promise<string> {
  const value = await standardValidate(startDeployTaskSchema, input);
  return value.taskId;
}

// --- following a run ---------------------------------------------------------------------------
async function followRun(client: CodeArtsDeployClient, record: DeployRecord): Promise<DeployStatus> {
  const controller = new AbortController();
  const ids: RunIds = { taskId: record.taskId };
  const options: CallOptions = { signal: controller.signal, timeoutMs: 5000 };
  const latest: DeployStatus = await client.getDeployStatus(ids, options);
  const metadata: ResponseMetadata = latest.$metadata;
  console.log(metadata.attempts, latest.step, latest.startTime, latest.endTime, latest.executor, latest.taskName);
  const wait: WaitOptions = {
    signal: controller.signal,
    timeoutMs: 60_000,
    intervalMs: 1000,
    maxIntervalMs: 10_000,
    onProgress: (status: DeployStatus) => console.log(status.status),
  };
  const final = await client.waitForDeployment(record, wait);
  const again = await client.waitForDeployment({ taskId: record.taskId, recordId: record.id });
  const outcome: "running" | "succeeded" | "failed" | (string & {}) = again.status;
  const params: DeployParam[] = await client.getExecutionParams({ taskId: record.taskId, recordId: record.id });
  const reconciled: true | undefined = record.reconciled;
  const reconciling = new CodeArtsDeployClient({ endpoint: "https://example.invalid", token: "t", reconcile: true });
  console.log(outcome, params.length, reconciled, reconciling);
  return final;
}

export { followRun, start, viaGeneric, conflict, invalid, spec, anySchema, own, regions, preview, authorization, nullConfig, nullRetry, nullStart };

// The validate-only entry: the same validation API and types, under its own export path.
import * as validateOnly from "codearts-deploy-wasm/validate";
const onlyResult: validateOnly.ValidationResult = validateOnly.validateStartDeployTask({ taskId: "x" }, { locale: "zh-CN" });
const onlyIssue: validateOnly.Issue | undefined = onlyResult.issues[0];
const onlySchema: SpecStandardSchemaV1<validateOnly.StartDeployTaskInput> = validateOnly.createStartDeployTaskSchema({ locale: "en" });
const sameClass: typeof ValidationError = validateOnly.ValidationError;
void [onlyIssue, onlySchema, sameClass, validateOnly.startDeployTaskSchema];

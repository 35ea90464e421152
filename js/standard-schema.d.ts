import type { IssueCode, PathSegment, StartDeployTaskInput } from "../pkg/codearts_deploy_wasm.js";

// The Standard Schema v1 interface, copied from the spec (https://standardschema.dev,
// `@standard-schema/spec` 1.1.0, MIT) as the spec invites implementers to do: the package then
// has no dependency, and TypeScript's structural typing makes a value of this type a
// `StandardSchemaV1` of `@standard-schema/spec` too (tests/types/ checks it).

/** The Standard Schema interface (v1). */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema properties. */
  readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  /** The Standard Schema properties interface. */
  export interface Props<Input = unknown, Output = Input> {
    /** The version number of the standard. */
    readonly version: 1;
    /** The vendor name of the schema library. */
    readonly vendor: string;
    /** Validates unknown input values. */
    readonly validate: (
      value: unknown,
      options?: StandardSchemaV1.Options | undefined,
    ) => Result<Output> | Promise<Result<Output>>;
    /** Inferred types associated with the schema. */
    readonly types?: Types<Input, Output> | undefined;
  }

  /** The result interface of the validate function. */
  export type Result<Output> = SuccessResult<Output> | FailureResult;

  /** The result interface if validation succeeds. */
  export interface SuccessResult<Output> {
    /** The typed output value. */
    readonly value: Output;
    /** A falsy value for `issues` indicates success. */
    readonly issues?: undefined;
  }

  /** The options of the validate function. */
  export interface Options {
    /** Explicit support for additional vendor-specific parameters, if needed. */
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }

  /** The result interface if validation fails. */
  export interface FailureResult {
    /** The issues of failed validation. */
    readonly issues: ReadonlyArray<Issue>;
  }

  /** The issue interface of the failure output. */
  export interface Issue {
    /** The error message of the issue. */
    readonly message: string;
    /** The path of the issue, if any. */
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }

  /** The path segment interface of the issue. */
  export interface PathSegment {
    /** The key representing a path segment. */
    readonly key: PropertyKey;
  }

  /** The Standard Schema types interface. */
  export interface Types<Input = unknown, Output = Input> {
    /** The input type of the schema. */
    readonly input: Input;
    /** The output type of the schema. */
    readonly output: Output;
  }

  /** Infers the input type of a Standard Schema. */
  export type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["input"];

  /** Infers the output type of a Standard Schema. */
  export type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["output"];
}

/** One problem reported by `startDeployTaskSchema`: the Standard Schema issue plus the package's `code` and `rule`. */
export interface StartDeployTaskSchemaIssue extends StandardSchemaV1.Issue {
  readonly message: string;
  /** `[]` for a problem with the input as a whole (not an object). */
  readonly path: readonly PathSegment[];
  readonly code: IssueCode;
  /** The spec's rule id, `"R1"` … `"R9"`, or `"shape"`. */
  readonly rule: string;
}

/** Vendor options of `validate(value, { libraryOptions })`. */
export interface StartDeployTaskSchemaLibraryOptions {
  /** The language of this call's messages; the schema's own locale otherwise. */
  locale?: "en" | "zh-CN";
}

/** The `~standard` properties of `startDeployTaskSchema`: synchronous, with typed issues. */
export interface StartDeployTaskSchemaProps extends StandardSchemaV1.Props<StartDeployTaskInput, StartDeployTaskInput> {
  readonly vendor: "codearts-deploy-wasm";
  readonly validate: (
    value: unknown,
    options?: { readonly libraryOptions?: StartDeployTaskSchemaLibraryOptions | Record<string, unknown> | undefined } | undefined,
  ) => StandardSchemaV1.SuccessResult<StartDeployTaskInput> | { readonly issues: readonly StartDeployTaskSchemaIssue[] };
}

/** A Standard Schema v1 for `StartDeployTaskInput`, built on `validateStartDeployTask`. */
export interface StartDeployTaskSchema extends StandardSchemaV1<StartDeployTaskInput, StartDeployTaskInput> {
  readonly "~standard": StartDeployTaskSchemaProps;
}

/** Options of `createStartDeployTaskSchema`. */
export interface StartDeployTaskSchemaOptions {
  /** The language of the messages; English by default. */
  locale?: "en" | "zh-CN";
}

/**
 * The Standard Schema v1 object for `StartDeployTaskInput`, with English messages.
 *
 * ```ts
 * const result = startDeployTaskSchema["~standard"].validate(formValues);
 * if (result.issues) showErrors(result.issues); // [{ message, path: ["params", 0, "value"], code, rule }]
 * else start(result.value);
 * ```
 */
export declare const startDeployTaskSchema: StartDeployTaskSchema;

/**
 * Builds a Standard Schema v1 object for `StartDeployTaskInput` whose messages are in `locale`.
 * Throws a `ConfigError` (`reason: "invalid_options"`) for any other locale.
 */
export declare function createStartDeployTaskSchema(options?: StartDeployTaskSchemaOptions): StartDeployTaskSchema;

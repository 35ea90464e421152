// `codearts-deploy validate FILE|-`: checks a StartDeployTaskInput against every rule with the
// package's validator and prints every issue, or "valid". Sends nothing.
import { validateStartDeployTask } from "../../pkg/node.js";
import { readLocale } from "../config.mjs";
import { EXIT, UsageError } from "../exit-codes.mjs";
import { readStartInput } from "../input.mjs";
import { issueLines, issuesJson } from "../issues.mjs";
import { reportError } from "../report-error.mjs";

/** The flags of `validate` (the input flags of `start` override the file's fields). */
export const spec = {
  command: "validate",
  strings: ["task", "record", "trigger-source", "locale"],
  booleans: ["json", "help"],
  repeated: ["param", "param-env"],
  positionals: 1,
};

/** Runs `validate`; resolves with 0 (valid) or 2 (issues, or a usage error). */
export async function run(flags, { env, stdin, output, signal }) {
  const context = { command: "validate", phase: "read" };
  try {
    const [source] = flags.positionals;
    if (source === undefined && flags.values.task === undefined && flags.ordered.length === 0) {
      throw new UsageError("give a FILE, - for stdin, or the input as flags (--task, --param …)");
    }
    const locale = readLocale(flags.values.locale);
    const { input, origins } = await readStartInput(source, flags, { env, stdin, signal });
    const { ok, issues } = validateStartDeployTask(input, { locale });
    if (ok) output.say("valid");
    for (const line of issueLines(issues, origins)) output.say(line);
    output.result({ ok, issues: issuesJson(issues, origins) });
    return ok ? EXIT.OK : EXIT.USAGE;
  } catch (error) {
    return reportError(error, output, context);
  }
}

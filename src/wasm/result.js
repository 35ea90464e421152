// The objects validation answers with, each built in one call from the module.
export function validationIssue(path, code, rule, message) {
  return { path, code, rule, message };
}
export function validationResult(ok, issues) {
  return { ok, issues };
}

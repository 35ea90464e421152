// Long strings (over 128 UTF-16 units) in Node are copied by Buffer into the main module and
// scanned there, sixteen and sixty-four units at a time (feature `scan`: src/utf16_scan.rs,
// src/wasm/view.js); the validate-only module leaves them to JavaScript. Both must report
// exactly what the rules say, checked here against a plain reference: the 1-based position of
// the first unpaired surrogate, and `{{` `{%` `{#`, wherever they fall (block and pair
// boundaries, the first and last units, pairs split across blocks, strings past 8,192 units).
import { test } from "node:test";
import assert from "node:assert/strict";
import { validateStartDeployTask as viaMain } from "codearts-deploy-wasm";
import { validateStartDeployTask as viaValidateOnly } from "codearts-deploy-wasm/validate";

const TASK = "d2dc947ec2424d8789bb3984bb3adf45";

/**
 * The 1-based position of the first unpaired surrogate of `s`, or 0 (by definition: the string
 * iterator yields a pair as one character and an unpaired surrogate alone).
 */
function loneAt(s) {
  let position = 1;
  for (const character of s) {
    if (character.length === 1 && (character.charCodeAt(0) & 0xf800) === 0xd800) return position;
    position += character.length;
  }
  return 0;
}

/** What the rules say of a parameter value `s`, as issue messages' telling parts. */
function expected(s) {
  const lone = loneAt(s);
  if (lone) return [`surrogate at position ${lone},`];
  const out = [];
  if (s.length > 8192) out.push("8192");
  for (const seq of ["{{", "{%", "{#"]) if (s.includes(seq)) out.push(`"${seq}"`);
  return out;
}

let seed = 11;
const pick = (n) => Math.floor((seed = (seed * 1103515245 + 12345) % 2147483648) / 65536) % n;
const UNITS = ["a", "部", "{", "{{", "{%", "{#", "%", "#", "😀", "\uD83D", "\uDE00", "\uDBFF", "\uDC00", "x", "参"];

/** Long value number `i`: a filler with a few pieces placed anywhere. */
function longValue(i) {
  seed = 11 + i * 7919;
  const length = [129, 130, 131, 132, 200, 1024, 4095, 8191, 8192, 8193, 9000][pick(11)];
  const filler = ["a", "部", "😀"][pick(3)];
  const units = [...filler.repeat(length)].join("").slice(0, length).split("");
  for (let n = pick(4); n > 0; n--) {
    const at = [0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 63, 64, 127, length - 1, length - 2, pick(length)][pick(16)];
    units[at] = UNITS[pick(UNITS.length)];
  }
  return units.join("");
}

test("long values: the main module's scan and the validate-only module's JavaScript both report what the rules say", () => {
  let checked = 0;
  let lone = 0;
  let braces = 0;
  for (let i = 0; i < 3000; i++) {
    const value = longValue(i);
    const input = { taskId: TASK, params: [{ key: "k", value, type: "text" }, { key: "j", value: "ok", type: "text" }] };
    const want = expected(value);
    for (const validate of [viaMain, viaValidateOnly]) {
      const got = validate(input).issues.map((issue) => issue.message);
      assert.equal(got.length, want.length, `${i}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
      want.forEach((part, n) => assert.ok(got[n].includes(part), `${i}: ${got[n]} lacks ${part}`));
    }
    assert.deepEqual(viaMain(input), viaValidateOnly(input), `${i}`);
    checked++;
    if (loneAt(value)) lone++;
    else if (want.some((w) => w.startsWith('"'))) braces++;
  }
  assert.ok(lone > 300 && braces > 300, `the generator covers both (${lone} lone, ${braces} braces of ${checked})`);
});

test("long values in an array and several in one object are each scanned", () => {
  const values = [longValue(1), "b".repeat(300) + "\uD800", "c".repeat(4000) + "{%", longValue(2)];
  const input = { taskId: TASK, params: values.map((value, n) => ({ key: `k${n}`, value, type: "text" })) };
  const issues = viaMain(input).issues;
  assert.deepEqual(issues, viaValidateOnly(input).issues);
  assert.ok(issues.some((issue) => issue.path.join(".") === "params.1.value" && issue.message.includes("position 301")));
  assert.ok(issues.some((issue) => issue.path.join(".") === "params.2.value" && issue.message.includes('"{%"')));
});

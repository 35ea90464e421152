// Tries the cuts suggested in BENCHMARKS.md on copies of the crate (never on src/) and measures
// each against the unmodified crate built the same way: .wasm raw / gzip / brotli, and the time
// of validation (500 params) and signing (small and 64 KiB bodies), interleaved with the
// baseline in one process so that the ratios hold on a busy machine.
//
// Each experiment is a list of text replacements; one whose text is no longer found in src/
// is reported as "n/a" (the code moved on) instead of failing.
//
// Usage: node bench/profile/experiments.mjs [name…]   (≈ 30 s of cargo per experiment)
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sizes } from "../lib/runtime-files.mjs";
import { compareSync, settings, ratioCell } from "../lib/measure.mjs";
import { validationInput, signingCases } from "../corpus.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const work = `${root}target/bench-profile/experiments/`;
const wasmOpt = `${root}node_modules/.bin/wasm-opt`;
settings.rounds = Number(process.env.BENCH_ROUNDS ?? 7);
settings.batchMs = 25;

const EXPERIMENTS = {
  baseline: { what: "the crate as it is", edits: [] },
  "ascii-lowercase": {
    what: "nearest_name lowercases with to_ascii_lowercase instead of char::to_lowercase (drops the Unicode case table)",
    edits: [["src/validate.rs", ".flat_map(char::to_lowercase)", ".map(|c| c.to_ascii_lowercase())", "all"]],
  },
  "no-f64-format": {
    what: "the one message that formats an f64 (config.retry bounds) formats integers instead",
    edits: [
      [
        "src/retry.rs",
        '"config.retry.{name} must be a whole number from {min} to {max}."',
        '"config.retry.{name} must be a whole number from {} to {}.", min as u64, max as u64',
      ],
    ],
  },
  "r8-byte-pass": {
    what: "utf16_len counts bytes (lead bytes + one per 4-byte char) and the forbidden sequences are found by a byte-pair scan instead of str::contains (the Two-Way searcher)",
    edits: [
      ["src/validate.rs", "s.chars().map(char::len_utf16).sum()", "s.bytes().map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum()"],
      [
        "src/validate.rs",
        "if value.contains(sequence) {",
        "if value.as_bytes().iter().zip(value.as_bytes().iter().skip(1)).any(|(a, b)| *a == b'{' && *b == sequence.as_bytes()[1]) {",
      ],
    ],
  },
  "sha2-opt3": {
    what: "sha2 (and hmac, digest) built at opt-level 3 while the rest stays at z",
    cargo: '\n[profile.release.package.sha2]\nopt-level = 3\n[profile.release.package.hmac]\nopt-level = 3\n[profile.release.package.digest]\nopt-level = 3\n',
    edits: [],
  },
  // Upper bounds for issue 10's "no serde_json::Value in the module": stubs that stop building a
  // Value (they break behaviour; sizes only). The answers are still parsed by serde_json's
  // deserializer into a visitor that keeps every value (what a typed record with the same
  // acceptance would need); only Value and its map go.
  "no-value-answers": {
    what: "(stub, size only) answers parsed by serde_json into a discarding deserialize_any visitor instead of Value",
    edits: [
      ["src/lib.rs", "pub mod find;", `pub mod find;
pub mod discard_exp {
    pub struct Discard;
    impl<'de> serde::Deserialize<'de> for Discard {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> { d.deserialize_any(V) }
    }
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Discard;
        fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result { f.write_str("any") }
        fn visit_bool<E>(self, _: bool) -> Result<Discard, E> { Ok(Discard) }
        fn visit_i64<E>(self, _: i64) -> Result<Discard, E> { Ok(Discard) }
        fn visit_u64<E>(self, _: u64) -> Result<Discard, E> { Ok(Discard) }
        fn visit_f64<E>(self, _: f64) -> Result<Discard, E> { Ok(Discard) }
        fn visit_str<E>(self, _: &str) -> Result<Discard, E> { Ok(Discard) }
        fn visit_string<E>(self, _: String) -> Result<Discard, E> { Ok(Discard) }
        fn visit_unit<E>(self) -> Result<Discard, E> { Ok(Discard) }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Discard, A::Error> { while a.next_element::<Discard>()?.is_some() {} Ok(Discard) }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Discard, A::Error> { while a.next_entry::<String, Discard>()?.is_some() {} Ok(Discard) }
    }
}`],
      ...["src/response.rs", "src/status.rs", "src/exec_params.rs"].map((file) => [
        file,
        "let json: Option<Value> = serde_json::from_slice(answer.body).ok();",
        "let json: Option<Value> = serde_json::from_slice::<crate::discard_exp::Discard>(answer.body).ok().and(None);",
      ]),
    ],
  },
  "no-answer-parse": {
    what: "(stub, size only) answers not parsed in the module at all (what parsing them in JavaScript would take out)",
    edits: ["src/response.rs", "src/status.rs", "src/exec_params.rs"].map((file) => [
      file,
      "let json: Option<Value> = serde_json::from_slice(answer.body).ok();",
      "let json: Option<Value> = None.filter(|_: &Value| answer.body.is_empty());",
    ]),
  },
  "no-value-inputs": {
    what: "(stub, size only) config, options and ids not copied into a Value (to_json gives null; run ids build no map)",
    edits: [
      ["src/wasm/convert.rs", "    Ok(view_to_json(&view))\n}", "    let _ = view;\n    Ok(Value::Null)\n}"],
      ["src/wasm/convert.rs", "    (view_to_json(&view), notes)\n}", "    let _ = view;\n    (Value::Null, notes)\n}"],
      ["src/run_ids.rs", "    let mut ids = Map::new();", "    let ids = Map::new();"],
      ["src/run_ids.rs", "            ids.insert(name.to_string(), field.clone());", "            let _ = (name, field);"],
      ["src/run_ids.rs", "parse_input_noted(&Value::Object(ids), notes, locale)", "{ let _ = ids; parse_input_noted(&Value::Null, notes, locale) }"],
    ],
  },
};
EXPERIMENTS.combined = {
  what: "all of the above",
  cargo: EXPERIMENTS["sha2-opt3"].cargo,
  edits: Object.entries(EXPERIMENTS)
    .filter(([name]) => !name.startsWith("no-"))
    .flatMap(([, e]) => e.edits),
};
EXPERIMENTS["no-value"] = {
  what: "(stub, size only) the two no-value stubs together: no Value built anywhere in the module",
  edits: [...EXPERIMENTS["no-value-answers"].edits, ...EXPERIMENTS["no-value-inputs"].edits],
};
EXPERIMENTS["no-value-no-answer-parse"] = {
  what: "(stub, size only) answers not parsed in the module and no Value built from inputs",
  edits: [...EXPERIMENTS["no-answer-parse"].edits, ...EXPERIMENTS["no-value-inputs"].edits],
};

const run = (cmd, args, options = {}) => execFileSync(cmd, args, { stdio: ["ignore", "ignore", "inherit"], ...options });

/** Builds one experiment into `${work}<name>/pkg/`; returns null when an edit no longer applies. */
function build(name, experiment) {
  const crate = `${work}${name}/crate/`;
  const out = `${work}${name}/pkg/`;
  rmSync(`${work}${name}`, { recursive: true, force: true });
  mkdirSync(crate, { recursive: true });
  for (const entry of ["Cargo.toml", "Cargo.lock", "src", "js"]) cpSync(`${root}${entry}`, `${crate}${entry}`, { recursive: true });
  for (const [file, from, to, all] of experiment.edits) {
    const path = `${crate}${file}`;
    const text = readFileSync(path, "utf8");
    if (!text.includes(from)) return { missing: `${file}: ${from}` };
    writeFileSync(path, all ? text.split(from).join(to) : text.replace(from, to));
  }
  if (experiment.cargo) writeFileSync(`${crate}Cargo.toml`, readFileSync(`${crate}Cargo.toml`, "utf8") + experiment.cargo);
  run("cargo", ["build", "--release", "--target", "wasm32-unknown-unknown", "--quiet"], {
    cwd: crate,
    env: { ...process.env, CARGO_TARGET_DIR: `${work}target` },
  });
  run("wasm-bindgen", ["--target", "web", "--out-dir", out, `${work}target/wasm32-unknown-unknown/release/codearts_deploy_wasm.wasm`]);
  run(wasmOpt, ["-Oz", `${out}codearts_deploy_wasm_bg.wasm`, "-o", `${out}codearts_deploy_wasm_bg.wasm`]);
  return { out };
}

async function load(out) {
  const glue = await import(`${out}codearts_deploy_wasm.js`);
  glue.initSync({ module: readFileSync(`${out}codearts_deploy_wasm_bg.wasm`) });
  return glue;
}

if (!existsSync(wasmOpt)) throw new Error("wasm-opt missing: run `npm ci` (package binaryen)");
mkdirSync(work, { recursive: true });
const chosen = process.argv.slice(2);
const names = ["baseline", ...Object.keys(EXPERIMENTS).filter((n) => n !== "baseline" && (chosen.length === 0 || chosen.includes(n)))];

const built = {};
for (const name of names) {
  process.stderr.write(`experiments: building ${name}\n`);
  built[name] = build(name, EXPERIMENTS[name]);
}

const base = await load(built.baseline.out);
const input = validationInput(500, true);
const [small, big] = signingCases();
const signer = (glue, c) => () =>
  glue.signRequest(
    { method: "POST", url: c.url, headers: { "Content-Type": "application/json" }, body: JSON.stringify(c.data) },
    { accessKey: "AK", secretKey: "SK" },
    { sdkDate: "20240102T030405Z" },
  );
const baseWasm = sizes(readFileSync(`${built.baseline.out}codearts_deploy_wasm_bg.wasm`), false);

console.log("| experiment | what | wasm raw | wasm gzip | wasm brotli | validate 500 params | sign small | sign 64 KiB |");
console.log("|---|---|---:|---:|---:|---:|---:|---:|");
for (const name of names) {
  const b = built[name];
  if (b.missing) {
    console.log(`| ${name} | ${EXPERIMENTS[name].what} | n/a: \`${b.missing}\` no longer in src | | | | | |`);
    continue;
  }
  const wasm = sizes(readFileSync(`${b.out}codearts_deploy_wasm_bg.wasm`), false);
  const delta = (key) => (name === "baseline" ? `${wasm[key]}` : `${wasm[key]} (${wasm[key] - baseWasm[key] >= 0 ? "+" : ""}${wasm[key] - baseWasm[key]})`);
  let speed = ["1×", "1×", "1×"];
  if (name !== "baseline") {
    const glue = await load(b.out);
    const v = compareSync(() => glue.validateStartDeployTask(input), () => base.validateStartDeployTask(input));
    const s1 = compareSync(signer(glue, small), signer(base, small));
    const s2 = compareSync(signer(glue, big), signer(base, big));
    speed = [v, s1, s2].map((r) => `${ratioCell(r.ours.median, r.theirs.median)} of baseline`);
  }
  console.log(`| ${name} | ${EXPERIMENTS[name].what} | ${delta("raw")} | ${delta("gzip")} | ${delta("brotli")} | ${speed.join(" | ")} |`);
}

// Size profile of the .wasm: twiggy over the names-kept build of bench/profile/build.mjs,
// grouped by crate (and by module for std's crates), plus the exports' retained sizes.
//
// Usage: node bench/profile/build.mjs && node bench/profile/wasm-size.mjs [file.wasm]
// Needs twiggy (`cargo install twiggy`, a local analysis tool: `npm run bench` does not use it).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const wasm = process.argv[2] ?? `${root}target/bench-profile/named-shipped.wasm`;
const twiggy = (...args) => JSON.parse(execFileSync("twiggy", [...args, "-f", "json", wasm], { maxBuffer: 1 << 28 }).toString());

/** The crate (and for std crates the module) an item belongs to, from its demangled name. */
export function owner(name) {
  if (name.startsWith('"function names"') || name === "\"local names\" subsection") return "(name section: not shipped)";
  if (name.startsWith("data segment")) return "(data: string constants, tables)";
  if (/^(type|func|table|elem|memory|global|export|import|code section|custom section)\b/.test(name)) return "(wasm structure)";
  if (/externref shim|multivalue shim|^__wbg|^__wbindgen|^wasm_bindgen::|^__externref/.test(name)) return "wasm-bindgen glue (shims, externref table)";
  // `<X as Y>::f` is charged to X's crate unless X is a primitive, then to Y's.
  let subject = name;
  const impl = /^<(.+?) as (.+?)>::/.exec(name);
  if (impl) subject = /^[a-z0-9_]+$/.test(impl[1]) || impl[1].startsWith("&") || impl[1].startsWith("[") ? impl[2] : impl[1];
  subject = subject.replace(/^<+/, "").replace(/^(dyn |&mut |&)/, "");
  const path = subject.replace(/\[[0-9a-f]+\]/g, "").split("::");
  const crate = path[0].replace(/<.*$/, "");
  if (["core", "alloc", "std"].includes(crate)) return `${crate}::${path[1] ?? ""}`.replace(/<.*$/, "");
  if (!/^[a-z_][a-z0-9_]*$/.test(crate)) return "(other)";
  if (crate === "codearts_deploy_wasm") return `codearts_deploy_wasm::${path[1] === "wasm" ? `wasm::${path[2]}` : path[1]}`;
  return crate;
}

const top = twiggy("top");
const total = top.reduce((sum, item) => sum + item.shallow_size, 0);
const names = top.filter((i) => owner(i.name) === "(name section: not shipped)").reduce((s, i) => s + i.shallow_size, 0);
const shipped = total - names;
const groups = new Map();
for (const item of top) {
  const key = owner(item.name);
  if (key === "(name section: not shipped)") continue;
  const group = groups.get(key) ?? { bytes: 0, items: [] };
  group.bytes += item.shallow_size;
  group.items.push(item);
  groups.set(key, group);
}
const pct = (n) => `${((100 * n) / shipped).toFixed(1)}%`;
console.log(`# .wasm size profile (${wasm.replace(root, "")})\n`);
console.log(`${total} bytes, of which ${names} are the name section this profile keeps; ${shipped} bytes otherwise (the shipped file has no names).\n`);
console.log("## By crate / module (shallow bytes)\n");
console.log("| owner | bytes | share | biggest items |\n|---|---:|---:|---|");
for (const [key, group] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 30)) {
  const biggest = group.items
    .sort((a, b) => b.shallow_size - a.shallow_size)
    .slice(0, 3)
    .map((i) => `\`${i.name.replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]+\]/g, "").slice(0, 90)}\` ${i.shallow_size}`)
    .join("; ");
  console.log(`| ${key} | ${group.bytes} | ${pct(group.bytes)} | ${biggest} |`);
}

console.log("\n## Retained by each root (dominator tree, top level)\n");
const dominators = twiggy("dominators");
const roots = dominators.items?.[0]?.children ?? dominators.items ?? [];
console.log("| root | retained bytes | share |\n|---|---:|---:|");
for (const r of [...roots].sort((a, b) => b.retained_size - a.retained_size).slice(0, 25)) {
  console.log(`| \`${r.name.replace(/::h[0-9a-f]{16}$/, "").slice(0, 100)}\` | ${r.retained_size} | ${pct(r.retained_size)} |`);
}

console.log("\n## Biggest single items\n");
console.log("| item | bytes |\n|---|---:|");
for (const item of top.filter((i) => owner(i.name) !== "(name section: not shipped)").slice(0, 25)) {
  console.log(`| \`${item.name.replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]+\]/g, "").slice(0, 110)}\` | ${item.shallow_size} |`);
}

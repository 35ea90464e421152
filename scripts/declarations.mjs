// Finishes the TypeScript declarations wasm-bindgen generates, so that they say what the API
// accepts and compile for any strict consumer without changing its tsconfig:
//  - every optional field or parameter of an input type is typed `?: T | null` (the API treats
//    `null` as absent); output types (anything a function returns) are left as they are;
//  - `[Symbol.dispose]` (which wasm-bindgen adds to every class) needs `Symbol.dispose` from
//    lib `ESNext.Disposable`: the file declares it itself, the way `@types/node` does, so a
//    consumer with `lib: ["ES2022", "DOM"]` and `skipLibCheck: false` compiles.
// Usage: finishDeclarations(fileUrl) after wasm-bindgen wrote the file.
import { readFileSync, writeFileSync } from "node:fs";
import ts from "typescript";

// wasm-bindgen's loader functions: their optional parameters do not take null.
const LOADERS = new Set(["initSync", "__wbg_init"]);

const SYMBOL_DISPOSE = `
// Added by scripts/build.mjs: \`Symbol.dispose\` (ES2024) for consumers whose \`lib\` lacks
// \`ESNext.Disposable\`; it merges with that lib's own declaration where it is present.
declare global {
    interface SymbolConstructor {
        readonly dispose: unique symbol;
    }
}
`;

/** The names of the types a type node refers to, directly or inside unions, arrays, generics. */
function referencedNames(node, names = new Set()) {
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) names.add(node.typeName.text);
  ts.forEachChild(node, (child) => {
    referencedNames(child, names); // a truthy return would stop forEachChild
  });
  return names;
}

/** Every name reachable from `roots` through the declared interfaces and type aliases. */
function reachable(roots, declarations) {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name) || !declarations.has(name)) return;
    seen.add(name);
    for (const next of referencedNames(declarations.get(name))) visit(next);
  };
  for (const name of roots) visit(name);
  return seen;
}

/** The insertions that turn type `T` into `T | null` (in parentheses where `T` needs them). */
function nullable(type) {
  const bare = ts.isFunctionTypeNode(type) || ts.isConstructorTypeNode(type) || ts.isConditionalTypeNode(type);
  return bare ? [{ at: type.getStart(), text: "(" }, { at: type.end, text: ") | null" }] : [{ at: type.end, text: " | null" }];
}

const hasNull = (type) =>
  ts.isUnionTypeNode(type) && type.types.some((t) => ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword);

/** Returns the declarations' text with input optionals nullable and `Symbol.dispose` declared. */
export function finishDeclarationText(text) {
  const file = ts.createSourceFile("api.d.ts", text, ts.ScriptTarget.Latest, true);
  const declarations = new Map();
  const callables = [];
  const visit = (node) => {
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) declarations.set(node.name.text, node);
    if (ts.isFunctionDeclaration(node) && !LOADERS.has(node.name?.text) && !node.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) {
      callables.push(node);
    }
    if (ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node)) callables.push(node);
    ts.forEachChild(node, visit);
  };
  visit(file);

  const inputRoots = new Set();
  const outputRoots = new Set();
  const edits = [];
  const makeNullable = (member) => {
    if (member.questionToken && member.type && !hasNull(member.type)) {
      edits.push(...nullable(member.type));
    }
  };
  // The optional properties written in `node` (an interface, or a type literal anywhere in a
  // parameter's type), not those of a callback's parameters, which are outputs.
  const nullableMembers = (node) => {
    if (ts.isFunctionTypeNode(node) || ts.isConstructorTypeNode(node)) return;
    if (ts.isPropertySignature(node)) makeNullable(node);
    ts.forEachChild(node, nullableMembers);
  };
  for (const callable of callables) {
    if (callable.type) referencedNames(callable.type, outputRoots);
    for (const parameter of callable.parameters) {
      if (parameter.type) referencedNames(parameter.type, inputRoots);
      makeNullable(parameter);
      if (parameter.type) nullableMembers(parameter.type);
    }
  }
  const outputs = reachable(outputRoots, declarations);
  for (const name of reachable(inputRoots, declarations)) {
    if (!outputs.has(name)) nullableMembers(declarations.get(name));
  }

  let out = text;
  // Insertions only, applied from the end: nested ones (an inline object inside an optional
  // field) never shift each other.
  for (const { at, text: insertion } of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, at) + insertion + out.slice(at);
  if (out.includes("[Symbol.dispose]") && !out.includes("readonly dispose: unique symbol")) {
    const afterHeader = out.match(/^(?:\/\*.*\*\/\n)*/)[0].length;
    out = out.slice(0, afterHeader) + SYMBOL_DISPOSE + out.slice(afterHeader);
  }
  return out;
}

/** Rewrites the declaration file at `url` in place (running it twice changes nothing). */
export function finishDeclarations(url) {
  writeFileSync(url, finishDeclarationText(readFileSync(url, "utf8")));
}

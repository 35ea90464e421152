//! The crate's shape: no module of `src/` imports one that imports it back (directly or through
//! others), the core never names the skin or its crates, and no source file holds more than 600
//! lines of code.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const MAX_LINES_OF_CODE: usize = 600;
const SKIN_CRATES: [&str; 6] = [
    "wasm_bindgen",
    "js_sys",
    "web_sys",
    "gloo_net",
    "serde_wasm_bindgen",
    "wasm_bindgen_futures",
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The module a file belongs to: `config` for `src/config.rs`, `sign` for everything in
/// `src/sign/`, `wasm::client` for `src/wasm/client.rs` (`wasm` for `src/wasm/mod.rs`).
fn module_of(file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src()).ok()?;
    let parts: Vec<String> = relative
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    match parts.as_slice() {
        [name] if name == "lib" => None,
        [name] => Some(name.clone()),
        [dir, name] if dir == "wasm" && name != "mod" => Some(format!("wasm::{name}")),
        [dir, ..] => Some(dir.clone()),
        [] => None,
    }
}

/// The code of a file without comments (line comments, doc comments) and its test module.
fn code_lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .collect()
}

/// The modules a file's code names: `crate::x` (and `super::y` inside `src/wasm/`).
fn imports(file: &Path, module: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let text = fs::read_to_string(file).unwrap_or_default();
    let code = code_lines(&text).join("\n");
    let mut found = BTreeSet::new();
    let mut names = |prefix: &str, scope: &str| {
        for (at, _) in code.match_indices(prefix) {
            let rest = &code[at + prefix.len()..];
            let mut candidates = Vec::new();
            if let Some(group) = rest.strip_prefix('{') {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                candidates.extend(group.split(',').map(|s| s.trim().to_string()));
            } else {
                candidates.push(rest.to_string());
            }
            for candidate in candidates {
                let name: String = candidate
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let full = format!("{scope}{name}");
                let full = if full == "wasm" || known.contains(&full) {
                    full
                } else {
                    continue;
                };
                if full != module {
                    found.insert(full);
                }
            }
        }
    };
    names("crate::", "");
    if module.starts_with("wasm::") {
        names("super::", "wasm::");
    }
    found
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let files = rust_files(&src());
    let known: BTreeSet<String> = files.iter().filter_map(|f| module_of(f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let Some(module) = module_of(file) else {
            continue;
        };
        let found = imports(file, &module, &known);
        graph.entry(module).or_default().extend(found);
    }
    graph
}

#[test]
fn the_module_graph_reads_the_real_imports() {
    let graph = graph();
    let of = |m: &str| graph.get(m).cloned().unwrap_or_default();
    assert!(of("config").contains("retry"), "{graph:?}");
    assert!(of("retry").contains("fields"), "{graph:?}");
    assert!(of("request").contains("sign"), "{graph:?}");
    assert!(of("wasm::client").contains("wasm::errors"), "{graph:?}");
    assert!(graph.len() > 20, "{graph:?}");
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = graph();
    // Depth-first search for a cycle, reporting its path.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, &graph, &mut Vec::new(), &mut done) {
            panic!("import cycle: {}", cycle.join(" -> "));
        }
    }
}

#[test]
fn the_core_never_names_the_skin_or_its_crates() {
    for file in rust_files(&src()) {
        let Some(module) = module_of(&file) else {
            continue;
        };
        if module == "wasm" || module.starts_with("wasm::") {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap_or_default();
        let code = code_lines(&text).join("\n");
        for name in SKIN_CRATES.iter().chain(&["crate::wasm"]) {
            assert!(
                !code.contains(&format!("{name}::")),
                "{} names {name}",
                file.display()
            );
        }
    }
}

#[test]
fn no_source_file_holds_more_than_600_lines_of_code() {
    let mut counted = 0;
    for file in rust_files(&src()) {
        let text = fs::read_to_string(&file).unwrap_or_default();
        let lines = code_lines(&text).len();
        assert!(
            lines <= MAX_LINES_OF_CODE,
            "{} has {lines} lines of code (at most {MAX_LINES_OF_CODE})",
            file.display()
        );
        counted += 1;
    }
    assert!(counted > 20, "only {counted} files found under src/");
}

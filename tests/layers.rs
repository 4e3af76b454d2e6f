//! The layer picture of the README's "Modules" section, held by the source itself: each
//! top-level module mentions only modules of lower layers (`crate::…` paths, doc comments
//! aside), only `tui` imports the terminal crates, and the modules inside `tui` import each other
//! without a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top-level modules, lowest layer first (the README's order).
const LAYERS: &[&[&str]] = &[
    &["text", "cast", "fsio"],
    &["model"],
    &["ingest"],
    &["rules"],
    &["compare"],
    &["synth"],
    &["library"],
    &["grid"],
    &["export"],
    &["cli"],
    &["tui"],
];

fn layer(name: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&name))
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without comments (line comments; doc comments are line comments too).
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The names that follow `prefix` in the code (`crate::` → `model`, `ingest`, …).
fn mentions(code: &str, prefix: &str) -> BTreeSet<String> {
    code.match_indices(prefix)
        .map(|(i, _)| {
            code[i + prefix.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level module a file belongs to (`src/ingest/place/solve.rs` → `ingest`).
fn module_of(path: &Path) -> Option<String> {
    let rel = path.strip_prefix(src()).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_string())
}

#[test]
fn every_module_imports_only_lower_layers() {
    let mut all = Vec::new();
    files(&src(), &mut all);
    let mut bad = Vec::new();
    for f in &all {
        let Some(m) = module_of(f) else { continue };
        let Some(own) = layer(&m) else { continue }; // lib.rs, main.rs
        let code = code(f);
        // `crate::x` in the library; `super::` inside a module stays inside it.
        for used in mentions(&code, "crate::") {
            if let Some(l) = layer(&used)
                && l > own
            {
                bad.push(format!("{} uses crate::{used}", f.display()));
            }
        }
        if m != "tui" && (code.contains("ratatui") || code.contains("crossterm")) {
            bad.push(format!("{} imports a terminal crate", f.display()));
        }
    }
    assert!(bad.is_empty(), "imports against the layers:\n{}", bad.join("\n"));
    assert!(all.len() > 50, "read the sources ({} files)", all.len());
}

#[test]
fn no_import_circle_inside_tui() {
    let dir = src().join("tui");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut all = Vec::new();
    files(&dir, &mut all);
    for f in &all {
        let Some(name) = f.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if name == "mod" {
            continue; // the module root wires its children together
        }
        let code = code(f);
        // Test modules (`use super::*`) import their own file.
        let code = code.split("#[cfg(test)]").next().unwrap_or("").to_string();
        let mut deps = mentions(&code, "super::");
        deps.remove(name);
        graph.insert(name.to_string(), deps);
    }
    assert!(graph.contains_key("app") && graph.contains_key("action"));
    // Depth-first search for a back edge.
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut cycle = path[i..].to_vec();
            cycle.push(n.to_string());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for d in graph.get(n).into_iter().flatten() {
            if let Some(c) = visit(d, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for n in graph.keys() {
        if let Some(cycle) = visit(n, &graph, &mut Vec::new(), &mut done) {
            panic!("import circle in tui: {}", cycle.join(" → "));
        }
    }
}

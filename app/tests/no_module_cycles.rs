//! The modules of an area depend on each other one way: none reaches back to one that
//! reaches it. The services (the candidature's reading is a leaf that registration and
//! documents share) and the registration pages (the wizard's context is a leaf its tabs
//! share) are checked.

#![expect(
    clippy::unwrap_used,
    reason = "a source folder that cannot be read stops the test loudly"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The services a file names (`services::x`), or its folder's siblings (`super::x`).
fn edges(dir: &Path, area: &str, prefix: &str, out: &mut BTreeMap<String, BTreeSet<String>>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            edges(&path, area, &format!("{prefix}{name}::"), out);
            continue;
        }
        let module = match (prefix, name.as_str()) {
            ("", "mod") => continue,
            (p, "mod") => p.trim_end_matches("::").to_owned(),
            (p, n) => format!("{p}{n}"),
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let parent = prefix.trim_end_matches("::");
        let mut found = BTreeSet::new();
        for (marker, base) in [(area, ""), ("super::", parent)] {
            for piece in code.split(marker).skip(1) {
                let target: String = piece
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                if target.is_empty() || target == "super" {
                    continue;
                }
                let target = if base.is_empty() || marker == area {
                    target
                } else {
                    format!("{base}::{target}")
                };
                if target != module && !module.starts_with(&format!("{target}::")) {
                    found.insert(target);
                }
            }
        }
        out.entry(module).or_default().extend(found);
    }
}

fn reaches(graph: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.to_owned()];
    while let Some(m) = stack.pop() {
        for next in graph.get(&m).into_iter().flatten() {
            let next_top = next.split("::").next().unwrap_or(next);
            for n in [next.as_str(), next_top] {
                if n == to {
                    return true;
                }
                if seen.insert(n.to_owned()) {
                    stack.push(n.to_owned());
                }
            }
        }
    }
    false
}

/// Fails naming the first module that reaches back to one it uses.
fn check(folder: &str, area: &str, sample: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut graph = BTreeMap::new();
    edges(&dir, area, "", &mut graph);
    // A folder's module is reached through its files.
    let modules: Vec<String> = graph.keys().cloned().collect();
    for m in &modules {
        if let Some((top, _)) = m.split_once("::") {
            graph.entry(top.to_owned()).or_default().insert(m.clone());
        }
    }
    assert!(graph.contains_key(sample), "{graph:?}");
    for (from, targets) in &graph {
        for to in targets {
            let inside = to.starts_with(&format!("{from}::"));
            assert!(
                inside || !reaches(&graph, to, from),
                "{from} uses {to}, which reaches back to {from}"
            );
        }
    }
}

#[test]
fn no_service_reaches_back_to_one_that_reaches_it() {
    check("src/server/services", "services::", "registration::save");
}

#[test]
fn no_file_of_the_wizard_reaches_back_to_one_that_reaches_it() {
    check(
        "src/pages/registration",
        "pages::registration::",
        "tabs::recap",
    );
}

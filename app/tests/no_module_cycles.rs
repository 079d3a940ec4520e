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

/// The modules each file names: `services::x` (a module of the area, or a folder's as a
/// whole) and `super::x` (a sibling, or an item of the folder's own `mod.rs`). A folder's
/// `mod.rs` is the node `folder::mod`; the node `folder` stands for the whole folder.
fn edges(dir: &Path, area: &str, prefix: &str, out: &mut BTreeMap<String, BTreeSet<String>>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            edges(&path, area, &format!("{prefix}{name}::"), out);
            continue;
        }
        if prefix.is_empty() && name == "mod" {
            continue;
        }
        let module = format!("{prefix}{name}");
        let folder = prefix.trim_end_matches("::");
        // `super::` in a folder's mod.rs names the folder's siblings.
        let siblings = if name == "mod" {
            folder.rsplit_once("::").map_or("", |(up, _)| up)
        } else {
            folder
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let mut found = BTreeSet::new();
        for (marker, base) in [(area, ""), ("super::", siblings)] {
            for piece in code.split(marker).skip(1) {
                for target in named(piece) {
                    if target == "super" || target == "self" {
                        continue;
                    }
                    found.insert(if base.is_empty() {
                        target
                    } else {
                        format!("{base}::{target}")
                    });
                }
            }
        }
        out.entry(module).or_default().extend(found);
    }
}

/// The modules named at the start of `piece` (what follows `services::`): one name, or each
/// of a group's (`{lockout, signup::create}`).
fn named(piece: &str) -> Vec<String> {
    let ident = |text: &str| -> String {
        text.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
            .collect()
    };
    let Some(group) = piece.strip_prefix('{') else {
        return Some(ident(piece))
            .filter(|n| !n.is_empty())
            .into_iter()
            .collect();
    };
    // The group's items at its first level, up to its closing brace.
    let (mut depth, mut items, mut start) = (0, Vec::new(), 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&group[start..i]);
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items
        .into_iter()
        .map(ident)
        .filter(|n| !n.is_empty())
        .collect()
}

#[test]
fn a_group_names_each_of_its_modules() {
    assert_eq!(named("signup::create;"), ["signup"]);
    assert_eq!(
        named("{lockout, signup::{a, b}, self};"),
        ["lockout", "signup", "self"]
    );
    assert_eq!(
        named("{\n    check_lists, tokens,\n};"),
        ["check_lists", "tokens"]
    );
    assert!(named("{}").is_empty());
}

fn reaches(graph: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.to_owned()];
    while let Some(m) = stack.pop() {
        for next in graph.get(&m).into_iter().flatten() {
            if next == to {
                return true;
            }
            if seen.insert(next.clone()) {
                stack.push(next.clone());
            }
        }
    }
    false
}

/// Fails naming the first module that reaches back to one it uses.
fn check(folder: &str, area: &str, sample: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    if let Err(cycle) = first_cycle(&dir, area, sample) {
        panic!("{cycle}");
    }
}

/// The first module of `dir` that reaches back to one it uses, if any.
fn first_cycle(dir: &Path, area: &str, sample: &str) -> Result<(), String> {
    let mut graph = BTreeMap::new();
    edges(dir, area, "", &mut graph);
    let files: BTreeSet<String> = graph.keys().cloned().collect();
    // What a name stands for: a file, a folder (all its files), or an item of a folder's
    // mod.rs (that file alone); anything else is outside the area.
    let resolve = |name: &str| -> Option<String> {
        if files.contains(name) || files.iter().any(|f| f.starts_with(&format!("{name}::"))) {
            return Some(name.to_owned());
        }
        let (folder, _) = name.rsplit_once("::")?;
        let own = format!("{folder}::mod");
        files.contains(&own).then_some(own)
    };
    let mut resolved: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, targets) in &graph {
        let folder = from.rsplit_once("::").map(|(f, _)| f);
        let edges = targets
            .iter()
            .filter_map(|t| resolve(t))
            // A file naming its own folder, or itself, depends on nothing new.
            .filter(|t| t != from && Some(t.as_str()) != folder);
        resolved.entry(from.clone()).or_default().extend(edges);
    }
    for file in &files {
        let mut parts: Vec<&str> = file.split("::").collect();
        while parts.len() > 1 {
            parts.pop();
            resolved
                .entry(parts.join("::"))
                .or_default()
                .insert(file.clone());
        }
    }
    let graph = resolved;
    assert!(graph.contains_key(sample), "{graph:?}");
    for (from, targets) in &graph {
        for to in targets {
            let inside = to.starts_with(&format!("{from}::"));
            if !inside && reaches(&graph, to, from) {
                return Err(format!("{from} uses {to}, which reaches back to {from}"));
            }
        }
    }
    Ok(())
}

/// A folder of sources for the checker itself, removed when dropped.
struct Sources(std::path::PathBuf);

impl Sources {
    fn new(name: &str, files: &[(&str, &str)]) -> Self {
        let dir = std::env::temp_dir().join(format!("cycles-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in files {
            let file = dir.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
        Self(dir)
    }
}

impl Drop for Sources {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn the_checker_finds_a_cycle_through_a_group_and_between_siblings() {
    let grouped = Sources::new(
        "grouped",
        &[
            ("a.rs", "use crate::services::{lockout, b};"),
            ("b.rs", "use crate::services::a::f;"),
            ("lockout.rs", ""),
        ],
    );
    let found = first_cycle(&grouped.0, "services::", "a").unwrap_err();
    assert!(found.contains("reaches back"), "{found}");
    let siblings = Sources::new(
        "siblings",
        &[
            ("f/mod.rs", "mod x;\nmod y;\npub fn helper() {}"),
            ("f/x.rs", "use super::y::g;"),
            ("f/y.rs", "use super::{helper, x};"),
        ],
    );
    let found = first_cycle(&siblings.0, "services::", "f::x").unwrap_err();
    assert!(found.contains("f::x") && found.contains("f::y"), "{found}");
    // A file using its folder's mod.rs, and one way between siblings, is no cycle.
    let one_way = Sources::new(
        "one-way",
        &[
            ("f/mod.rs", "mod x;\nmod y;\npub fn helper() {}"),
            ("f/x.rs", "use super::{helper, y};"),
            ("f/y.rs", "use super::helper;"),
            ("g.rs", "use crate::services::f;"),
        ],
    );
    assert_eq!(first_cycle(&one_way.0, "services::", "f::x"), Ok(()));
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

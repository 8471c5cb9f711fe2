//! The runner core knows nothing of LinGCN: engine, store, spec and graph
//! never name the stage kinds, the CLI, or the ML and data modules.

use std::path::Path;

const CORE: [&str; 5] = [
    "src/engine",
    "src/store",
    "src/spec",
    "src/graph.rs",
    "src/diag.rs",
];
const FORBIDDEN: [&str; 8] = [
    "crate::stages",
    "crate::cli",
    "crate::data",
    "crate::model",
    "crate::he",
    "clap::",
    "tch::",
    "anyhow",
];

fn rust_files(path: &Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            rust_files(&entry.unwrap().path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

#[test]
fn runner_core_does_not_depend_on_stages_cli_or_ml() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in CORE {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() >= 10, "core files not found: {files:?}");
    let mut violations = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for bad in FORBIDDEN.iter().filter(|b| line.contains(**b)) {
                violations.push(format!("{}:{}: uses {bad}", file.display(), n + 1));
            }
        }
    }
    assert!(
        violations.is_empty(),
        "dependency direction violated:\n{}",
        violations.join("\n")
    );
}

//! The dependency direction, checked on the sources and on the executable:
//! - the runner core knows nothing of LinGCN: engine, store, spec and graph
//!   never name the stage kinds, the CLI, or the ML, HE, fuse, report and
//!   bench modules;
//! - fuse, he and report are libraries under the stages: they never name the
//!   engine's callers (stages, cli, bench) nor libtorch;
//! - libtorch (`tch`) and the SEAL binding (`he::seal`, its `extern "C"`
//!   block) are named only where the `ml` / `seal` features gate them;
//! - the light `lingcn` executable links neither libtorch nor SEAL (its ELF
//!   dynamic section and symbol names).
//!
//! Imports are read as paths, so grouped ones (`use crate::{stages, ...}`)
//! count as much as `use crate::stages::...`.

use std::path::{Path, PathBuf};

/// A module (file or directory under src/) and the paths it must not use.
struct Rule {
    modules: &'static [&'static str],
    forbidden: &'static [&'static str],
}

const RULES: [Rule; 4] = [
    // The runner core.
    Rule {
        modules: &[
            "src/engine",
            "src/store",
            "src/spec",
            "src/graph.rs",
            "src/diag.rs",
        ],
        forbidden: &[
            "crate::stages",
            "crate::cli",
            "crate::data",
            "crate::model",
            "crate::he",
            "crate::fuse",
            "crate::report",
            "crate::bench",
            "clap",
            "tch",
            "anyhow",
        ],
    },
    // The HE circuit compiler and the CKKS evaluation: plain Rust libraries.
    Rule {
        modules: &["src/fuse", "src/he"],
        forbidden: &[
            "crate::stages",
            "crate::cli",
            "crate::engine",
            "crate::model",
            "crate::report",
            "crate::bench",
            "clap",
            "tch",
            "anyhow",
        ],
    },
    // Tables and figures from records: no libtorch, no HE, no runner.
    Rule {
        modules: &["src/report"],
        forbidden: &[
            "crate::stages",
            "crate::cli",
            "crate::engine",
            "crate::model",
            "crate::he",
            "crate::bench",
            "clap",
            "tch",
        ],
    },
    // Benchmarks are called by the CLI, never the reverse.
    Rule {
        modules: &["src/bench"],
        forbidden: &["crate::cli", "clap"],
    },
];

/// Where libtorch may be named (all of it behind the `ml` feature).
const TCH_ALLOWED: [&str; 4] = [
    "src/model",
    "src/stages",
    "src/bench/train.rs",
    "src/bench/linearize.rs",
];

/// Where the SEAL binding may be named (all of it behind the `seal` feature).
const SEAL_ALLOWED: [&str; 4] = [
    "src/he",
    "src/bench/he.rs",
    "src/stages/he_eval.rs",
    "src/stages/he_bench.rs",
];

fn root() -> &'static Path {
    Path::new(env!("LINGCN_REPO_ROOT"))
}

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            rust_files(&entry.unwrap().path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

fn files_under(modules: &[&str]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for m in modules {
        rust_files(&root().join(m), &mut files);
    }
    files
}

/// The text without comments (line and block), string literals kept.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            ('/', Some('*')) => {
                chars.next();
                let mut last = ' ';
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                    }
                    if last == '*' && n == '/' {
                        break;
                    }
                    last = n;
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Every path a file names, with its line: the leaves of each `use` tree
/// (`use crate::{a, b::{c, d}}` gives `crate::a`, `crate::b::c`,
/// `crate::b::d`), and the `x::y` paths written in expressions and types.
fn named_paths(text: &str) -> Vec<(usize, String)> {
    let text = strip_comments(text);
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        let at_word_start =
            i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        if at_word_start && rest.starts_with("use ") {
            let end = rest.find(';').map_or(text.len(), |e| i + e);
            let line = text[..i].matches('\n').count() + 1;
            // Whitespace out, `x as y` kept as `x@y`.
            let words: Vec<&str> = text[i + 4..end].split_whitespace().collect();
            let tree = words.join(" ").replace(" as ", "@").replace(' ', "");
            for path in expand(&tree) {
                out.push((line, path));
            }
            i = end;
            continue;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    // Inline paths: every `a::b` chain.
    for (n, line) in text.lines().enumerate() {
        let mut start = None;
        for (j, c) in line.char_indices().chain([(line.len(), ' ')]) {
            let part = c.is_ascii_alphanumeric() || c == '_' || c == ':';
            match (part, start) {
                (true, None) => start = Some(j),
                (false, Some(s)) => {
                    let word = &line[s..j];
                    if word.contains("::") {
                        out.push((n + 1, word.trim_matches(':').to_string()));
                    }
                    start = None;
                }
                _ => {}
            }
        }
    }
    out
}

/// The leaves of a use tree written without whitespace (`x as y` as `x@y`).
fn expand(tree: &str) -> Vec<String> {
    let Some(open) = tree.find('{') else {
        let path = tree.split('@').next().unwrap_or(tree);
        return vec![path.trim_end_matches("::").to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut last) = (0, 0);
    for (j, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[last..j]);
                last = j + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[last..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| {
            expand(p).into_iter().map(move |leaf| {
                if leaf == "self" {
                    prefix.trim_end_matches("::").to_string()
                } else {
                    format!("{prefix}{leaf}")
                }
            })
        })
        .collect()
}

/// Whether `path` is `prefix` or inside it (`crate::he` covers `crate::he::x`,
/// not `crate::health`).
fn within(path: &str, prefix: &str) -> bool {
    path == prefix || path.starts_with(&format!("{prefix}::"))
}

fn relative(file: &Path) -> String {
    file.strip_prefix(root()).unwrap().display().to_string()
}

#[test]
fn grouped_imports_are_read_as_paths() {
    let paths: Vec<String> = named_paths(
        "use crate::{\n    stages,\n    engine::{Run, Stage},\n};\nuse tch::Tensor as T;\n// use crate::cli;\nfn f() { crate::he::seal::Seal::new(); }\n",
    )
    .into_iter()
    .map(|(_, p)| p)
    .collect();
    for expected in [
        "crate::stages",
        "crate::engine::Run",
        "crate::engine::Stage",
        "tch::Tensor",
        "crate::he::seal::Seal::new",
    ] {
        assert!(
            paths.iter().any(|p| p == expected),
            "{expected} not in {paths:?}"
        );
    }
    assert!(
        !paths.iter().any(|p| within(p, "crate::cli")),
        "a comment counted: {paths:?}"
    );
}

#[test]
fn modules_respect_the_dependency_direction() {
    let mut violations = Vec::new();
    for rule in &RULES {
        let files = files_under(rule.modules);
        assert!(!files.is_empty(), "no files under {:?}", rule.modules);
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap();
            for (line, path) in named_paths(&text) {
                for bad in rule.forbidden.iter().filter(|b| within(&path, b)) {
                    violations.push(format!("{}:{line}: uses {bad} ({path})", relative(file)));
                }
            }
        }
    }
    violations.sort();
    violations.dedup();
    assert!(
        violations.is_empty(),
        "dependency direction violated:\n{}",
        violations.join("\n")
    );
}

#[test]
fn libtorch_and_seal_are_named_only_behind_their_features() {
    let mut violations = Vec::new();
    let allowed =
        |file: &Path, list: &[&str]| list.iter().any(|a| file.starts_with(root().join(a)));
    for file in files_under(&["src"]) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (line, path) in named_paths(&text) {
            if within(&path, "tch") && !allowed(&file, &TCH_ALLOWED) {
                violations.push(format!(
                    "{}:{line}: names libtorch ({path})",
                    relative(&file)
                ));
            }
            let seal = within(&path, "crate::he::seal") || within(&path, "he::seal");
            if seal && !allowed(&file, &SEAL_ALLOWED) {
                violations.push(format!(
                    "{}:{line}: names the SEAL binding ({path})",
                    relative(&file)
                ));
            }
        }
        let stripped = strip_comments(&text);
        let ffi = stripped.contains("extern \"C\"") || stripped.contains("#[link(");
        if ffi && !file.starts_with(root().join("src/he/seal")) {
            violations.push(format!(
                "{}: declares foreign functions outside src/he/seal",
                relative(&file)
            ));
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

/// Reads the DT_NEEDED entries and the symbol names of an ELF64 executable.
struct Elf {
    needed: Vec<String>,
    symbols: Vec<String>,
}

fn read_elf(path: &Path) -> Elf {
    let data = std::fs::read(path).unwrap();
    assert_eq!(&data[..4], b"\x7fELF", "{} is not ELF", path.display());
    assert_eq!(data[4], 2, "not ELF64");
    assert_eq!(data[5], 1, "not little-endian");
    let u16_at = |o: usize| u16::from_le_bytes(data[o..o + 2].try_into().unwrap()) as usize;
    let u32_at = |o: usize| u32::from_le_bytes(data[o..o + 4].try_into().unwrap()) as usize;
    let u64_at = |o: usize| u64::from_le_bytes(data[o..o + 8].try_into().unwrap()) as usize;
    let (shoff, shentsize, shnum) = (u64_at(0x28), u16_at(0x3a), u16_at(0x3c));
    // (type, offset, size, link, entsize)
    let sections: Vec<(usize, usize, usize, usize, usize)> = (0..shnum)
        .map(|i| {
            let s = shoff + i * shentsize;
            (
                u32_at(s + 4),
                u64_at(s + 0x18),
                u64_at(s + 0x20),
                u32_at(s + 0x28),
                u64_at(s + 0x38),
            )
        })
        .collect();
    let cstr = |table: usize, at: usize| {
        let (_, off, size, _, _) = sections[table];
        let bytes = &data[off + at..off + size];
        let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
        String::from_utf8_lossy(&bytes[..end]).into_owned()
    };
    const SHT_SYMTAB: usize = 2;
    const SHT_DYNAMIC: usize = 6;
    const SHT_DYNSYM: usize = 11;
    const DT_NEEDED: usize = 1;
    let mut elf = Elf {
        needed: Vec::new(),
        symbols: Vec::new(),
    };
    for &(kind, off, size, link, entsize) in &sections {
        match kind {
            SHT_DYNAMIC => {
                for e in (off..off + size).step_by(16) {
                    if u64_at(e) == DT_NEEDED {
                        elf.needed.push(cstr(link, u64_at(e + 8)));
                    }
                }
            }
            SHT_SYMTAB | SHT_DYNSYM if entsize > 0 => {
                for e in (off..off + size).step_by(entsize) {
                    elf.symbols.push(cstr(link, u32_at(e)));
                }
            }
            _ => {}
        }
    }
    elf
}

#[test]
fn the_lingcn_executable_links_neither_libtorch_nor_seal() {
    let exe = crate::common::bin();
    let elf = read_elf(&exe);
    assert!(
        !elf.needed.is_empty(),
        "no DT_NEEDED read from {}",
        exe.display()
    );
    // The C runtime only: libtorch (libtorch_cpu, libc10) and SEAL (C++,
    // hence libstdc++) would each add theirs.
    let system = [
        "libc.so",
        "libm.so",
        "libgcc_s.so",
        "ld-linux",
        "libpthread.so",
        "libdl.so",
        "librt.so",
    ];
    let foreign: Vec<&String> = elf
        .needed
        .iter()
        .filter(|n| !system.iter().any(|s| n.starts_with(s)))
        .collect();
    assert!(
        foreign.is_empty(),
        "{} needs {foreign:?}: the light executable must not link libtorch or SEAL",
        exe.display()
    );
    // SEAL is a static library: look for its symbols, and libtorch's.
    let linked: Vec<&String> = elf
        .symbols
        .iter()
        .filter(|s| {
            ["_ZN4seal", "SEALContext", "at_", "_ZN3c10"]
                .iter()
                .any(|p| s.starts_with(p))
        })
        .take(5)
        .collect();
    assert!(
        linked.is_empty(),
        "{} contains libtorch or SEAL symbols: {linked:?}",
        exe.display()
    );
}

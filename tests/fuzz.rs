//! Fuzzing the readers (issue 19's figure): mutated `.skeleton` files,
//! `pipeline.toml` and params files, and safetensors checkpoints. Each
//! input must give a result or an error naming its file and place; none
//! may panic or hang. Ignored (minutes): run with
//!   LINGCN_FUZZ_CASES=1000000 cargo test --release -p lingcn --test integration \
//!     -- --ignored --nocapture --test-threads 1 fuzz_the
//! (docs/pipeline.md, "Fuzzed readers"). The inputs are the same on every
//! run (seed 1; PROPTEST_RNG_SEED=N picks others). Each prints how many
//! inputs ran, the wall time, the slowest input and its time, and the
//! failures (0).

use lingcn::engine::{Project, Registry};
use lingcn::fuse::checkpoint::{write, Data, TensorMap};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use std::cell::Cell;
use std::path::Path;
use std::time::{Duration, Instant};

/// One edit of a file.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Truncate(usize),
    DeleteLine(usize),
    DuplicateLine(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
    ]
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    prop::collection::vec(mutation(), 1..4)
}

fn apply(mut bytes: Vec<u8>, m: &Mutation) -> Vec<u8> {
    if bytes.is_empty() {
        return bytes;
    }
    let n = bytes.len();
    let mut lines: Vec<Vec<u8>> = bytes
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect();
    let l = lines.len();
    match m {
        Mutation::Flip(i, b) => bytes[i % n] = *b,
        Mutation::Insert(i, b) => drop(bytes.splice(i % n..i % n, b.iter().copied())),
        Mutation::Truncate(i) => bytes.truncate(i % n),
        Mutation::DeleteLine(i) => {
            lines.remove(i % l);
            return lines.concat();
        }
        Mutation::DuplicateLine(i) => {
            let line = lines[i % l].clone();
            lines.insert(i % l, line);
            return lines.concat();
        }
    }
    bytes
}

/// Runs `check` on `cases` mutated inputs; returns the count and the slowest case.
/// Prints the count, the wall time, the slowest input (as its mutations) and
/// the failures: a panic inside `check` counts as one (proptest catches it).
fn fuzz<S: Strategy>(
    what: &str,
    strategy: S,
    check: impl Fn(S::Value) -> Result<(), TestCaseError>,
) -> (u64, Duration)
where
    S::Value: std::fmt::Debug,
{
    let cases: u32 = std::env::var("LINGCN_FUZZ_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(10_000);
    // Repeatable: seed 1 unless PROPTEST_RNG_SEED says otherwise.
    let defaults = Config::default();
    let seed = match defaults.rng_seed {
        RngSeed::Fixed(seed) => seed,
        RngSeed::Random => 1,
    };
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(seed),
        ..defaults
    });
    let (ran, slowest) = (Cell::new(0u64), Cell::new(Duration::ZERO));
    let slowest_input = std::cell::RefCell::new(String::new());
    let started = Instant::now();
    let result = runner.run(&strategy, |value| {
        let shown = format!("{value:?}");
        let t = Instant::now();
        let outcome = check(value);
        let took = t.elapsed();
        if took > slowest.get() {
            slowest.set(took);
            *slowest_input.borrow_mut() = shown;
        }
        ran.set(ran.get() + 1);
        // A hang, not a load spike of a shared machine.
        prop_assert!(took < Duration::from_secs(10), "a hang: {took:?}");
        outcome
    });
    let (ran, slowest) = (ran.get(), slowest.get());
    println!(
        "fuzz {what}: {ran} inputs (seed {seed}) in {:.1} s, slowest {:.2} ms ({}), {}",
        started.elapsed().as_secs_f64(),
        slowest.as_secs_f64() * 1e3,
        slowest_input.borrow(),
        if result.is_ok() {
            "0 failures (0 panics)"
        } else {
            "FAILED (a panic, a hang or an error without a place; shrunk below)"
        }
    );
    if let Err(e) = result {
        panic!("fuzz {what}: {e}");
    }
    (ran, slowest)
}

const CLIP: &str = "S001C001P001R001A001.skeleton";

/// A valid 3-frame, 2-body `.skeleton` text.
fn skeleton() -> String {
    let mut s = "3\n".to_string();
    for t in 0..3 {
        s += "2\n";
        for m in 0..2 {
            s += &format!("7205759403792793{m} 0 1 1 1 1 0 0.02764182 0.05745008 2\n25\n");
            for v in 0..25 {
                s += &format!(
                    "{} 0.{v} 1.{t} 277.4 191.8 1036.2 519.1 -0.2 0.05 0.96 -0.12 2\n",
                    0.1 * m as f64
                );
            }
        }
    }
    s
}

#[test]
#[ignore = "minutes: run with --ignored and LINGCN_FUZZ_CASES"]
fn fuzz_the_skeleton_reader() {
    use lingcn::data::skeleton::{parse_clip, ReadOptions};
    let valid = skeleton().into_bytes();
    let opts = ReadOptions {
        max_frame: 4,
        max_body: 2,
    };
    fuzz("skeleton", mutations(), |muts| {
        let bytes = muts.iter().fold(valid.clone(), apply);
        let lines = bytes.split(|&b| b == b'\n').count();
        if let Err(e) = parse_clip(&bytes, CLIP, &opts) {
            let message = e.to_string();
            let line = e.line();
            prop_assert!(
                line.is_some_and(|l| (1..=lines).contains(&l)),
                "no line in the file: {message}"
            );
            let prefix = format!("{CLIP}:{}: ", line.unwrap_or(0));
            prop_assert!(message.starts_with(&prefix), "{message}");
        }
        Ok(())
    });
}

const PIPELINE: &str = r#"[pipeline]
name = "fuzz"
seed = 3
resources = { time = "10" }

[stages.gen]
kind = "cmd"
cmd = "seq 1 {params.n} > {out.numbers}"
params = "p.toml"
outs = ["numbers"]

[stages.square]
kind = "cmd"
inputs = { n = "gen.numbers" }
matrix = { power = [2, 3] }
cmd = "awk '{{print $1^{params.power}}}' {in.n} > {out.result}"
outs = ["result"]
env = { A = "1" }

[stages.prep]
kind = "prepare"
[stages.prep.params]
window_len = 16
synthetic = { classes = 4, subjects = 2 }
"#;

const PARAMS: &str = "n = 10\nlabel = \"x\"\n";

#[test]
#[ignore = "minutes: run with --ignored and LINGCN_FUZZ_CASES"]
fn fuzz_the_pipeline_and_params_parser() {
    let dir = tempfile::tempdir().unwrap();
    let (file, params) = (dir.path().join("pipeline.toml"), dir.path().join("p.toml"));
    let mut registry = Registry::default();
    lingcn::stages::register_builtin(&mut registry);
    fuzz(
        "pipeline.toml and params",
        (mutations(), any::<bool>()),
        |(muts, in_params)| {
            let (pipeline, p) = if in_params {
                (
                    PIPELINE.as_bytes().to_vec(),
                    muts.iter().fold(PARAMS.into(), apply),
                )
            } else {
                (
                    muts.iter().fold(PIPELINE.into(), apply),
                    PARAMS.as_bytes().to_vec(),
                )
            };
            std::fs::write(&file, &pipeline).unwrap();
            std::fs::write(&params, &p).unwrap();
            if let Err(e) = Project::load(&file, &registry) {
                let message = e.to_string();
                prop_assert!(names_a_place(&message, dir.path()), "{message}");
            }
            Ok(())
        },
    );
}

/// Whether an error names a file of `dir` with a line (`file:LINE`).
fn names_a_place(message: &str, dir: &Path) -> bool {
    ["pipeline.toml:", "p.toml:"].iter().any(|f| {
        let file = dir.join(f).display().to_string();
        message
            .find(&file)
            .is_some_and(|at| message[at + file.len()..].starts_with(|c: char| c.is_ascii_digit()))
    })
}

#[test]
#[ignore = "minutes: run with --ignored and LINGCN_FUZZ_CASES"]
fn fuzz_the_safetensors_loader() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.safetensors");
    let tensors = [
        (
            "conv.weight".to_string(),
            vec![2, 3],
            Data::F32(vec![0.5; 6]),
        ),
        ("steps".to_string(), vec![1], Data::I64(vec![7])),
    ];
    write(&path, &tensors).unwrap();
    let valid = std::fs::read(&path).unwrap();
    let file = path.display().to_string();
    fuzz("safetensors", mutations(), |muts| {
        std::fs::write(&path, muts.iter().fold(valid.clone(), apply)).unwrap();
        if let Err(e) = TensorMap::load(&path) {
            let message = e.to_string();
            prop_assert!(message.starts_with(&format!("{file}: ")), "{message}");
        }
        Ok(())
    });
}

/// What the fuzz asks of each reader, on one input each (not ignored).
#[test]
fn bad_bytes_give_errors_that_name_the_file_and_place() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pipeline.toml");
    std::fs::write(&file, b"[pipeline]\nname = \"caf\xe9\"\n").unwrap();
    let mut registry = Registry::default();
    lingcn::stages::register_builtin(&mut registry);
    let message = Project::load(&file, &registry).err().unwrap().to_string();
    assert!(
        message.contains(&format!("{}:2:12: invalid UTF-8", file.display())),
        "{message}"
    );

    let path = dir.path().join("model.safetensors");
    std::fs::write(&path, b"\x08\x00\x00\x00\x00\x00\x00\x00{\"a\":").unwrap();
    let message = TensorMap::load(&path).err().unwrap().to_string();
    assert!(
        message.starts_with(&format!(
            "{}: checkpoint is not valid safetensors",
            path.display()
        )),
        "{message}"
    );
}

/// Loads `text` as a pipeline file that must fail: its path and the error.
fn load_error(text: &str) -> (std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pipeline.toml");
    std::fs::write(&file, text).unwrap();
    let mut registry = Registry::default();
    lingcn::stages::register_builtin(&mut registry);
    let message = Project::load(&file, &registry).err().unwrap().to_string();
    (file, message)
}

/// Found by the fuzz: a matrix that repeats a value (one flipped digit)
/// was reported without a file and line.
#[test]
fn a_repeated_matrix_value_is_located() {
    let (file, message) = load_error(
        "[stages.a]\nkind = \"cmd\"\ncmd = \"true\"\n\n[stages.sq]\nkind = \"cmd\"\nmatrix = { p = [3, 3] }\ncmd = \"true\"\n",
    );
    assert!(
        message.starts_with(&format!(
            "{}:5: stage `sq[p=3]` is defined twice",
            file.display()
        )),
        "{message}"
    );
}

/// Found by the fuzz (release build, 403,769th input: deleted lines turned
/// `square`'s input into one on its own stage): a cycle was reported with
/// its file but no line.
#[test]
fn a_cycle_is_located() {
    let (file, message) = load_error(
        "[stages.a]\nkind = \"cmd\"\ncmd = \"true\"\n\n[stages.sq]\nkind = \"cmd\"\ninputs = { n = \"sq.o\" }\nmatrix = { p = [2, 3] }\ncmd = \"true\"\nouts = [\"o\"]\n",
    );
    assert!(
        message.starts_with(&format!(
            "{}:5: the stages form a cycle: sq[p=2] -> sq[p=2]",
            file.display()
        )),
        "{message}"
    );
}

//! Random mutations of a valid file never panic, and every error points at a
//! line that exists in the mutated file.

use super::{tiny_clip, NAME};
use crate::data::skeleton::{parse_clip, ReadOptions};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Truncate(usize),
    DeleteLine(usize),
    DuplicateLine(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
    ]
}

fn apply(mut bytes: Vec<u8>, m: &Mutation) -> Vec<u8> {
    if bytes.is_empty() {
        return bytes;
    }
    let mut lines: Vec<Vec<u8>> = bytes
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect();
    match *m {
        Mutation::Flip(i, b) => {
            let n = bytes.len();
            bytes[i % n] = b;
            return bytes;
        }
        Mutation::Truncate(i) => {
            bytes.truncate(i % bytes.len());
            return bytes;
        }
        Mutation::DeleteLine(i) => {
            let n = lines.len();
            lines.remove(i % n);
        }
        Mutation::DuplicateLine(i) => {
            let l = lines[i % lines.len()].clone();
            lines.insert(i % lines.len(), l);
        }
    }
    lines.concat()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn mutated_files_fail_cleanly(muts in prop::collection::vec(mutation(), 1..5), crlf in any::<bool>()) {
        let mut text = tiny_clip(3, 2, 25);
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        let bytes = muts.iter().fold(text.into_bytes(), apply);
        let lines_in_file = bytes.split(|&b| b == b'\n').count();
        let opts = ReadOptions { max_frame: 4, max_body: 2 };
        match parse_clip(&bytes, NAME, &opts) {
            Ok(clip) => prop_assert!(clip.frames <= 4),
            Err(e) => {
                let line = e.line().expect("a syntax error has a line");
                prop_assert!((1..=lines_in_file).contains(&line), "line {} of {}: {}", line, lines_in_file, e);
                let prefix = format!("{NAME}:{line}: expected ");
                prop_assert!(e.to_string().starts_with(&prefix), "{}", e);
            }
        }
    }
}

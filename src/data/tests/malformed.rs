//! Every kind of bad input gives a `ParseError` with the file, the 1-based
//! line and what was expected vs found.

use super::{coord, tiny_clip, NAME};
use crate::data::skeleton::{parse_clip, ReadOptions};
use crate::data::ParseError;

fn err(text: &str) -> ParseError {
    parse_clip(text.as_bytes(), NAME, &ReadOptions::default()).expect_err("must fail")
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}

fn join(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// Line of joint `j` (1-based) of frame `f` (1-based), one body of 25 joints.
fn joint_line(f: usize, j: usize) -> usize {
    4 + 28 * (f - 1) + j
}

#[test]
fn missing_token_reports_found_11() {
    let mut l = lines(&tiny_clip(2, 1, 25));
    let at = joint_line(2, 3);
    l[at - 1] = l[at - 1].rsplit_once(' ').unwrap().0.to_string();
    let e = err(&join(&l));
    assert_eq!(e.line(), Some(35));
    assert_eq!(
        e.to_string(),
        "S001C001P001R001A001.skeleton:35: expected 12 numbers for joint 3 of body 1 in frame 2, found 11"
    );
}

#[test]
fn truncated_file_reports_end_of_file() {
    let l = lines(&tiny_clip(2, 1, 25));
    let e = err(&join(&l[..joint_line(2, 2)]));
    assert_eq!(
        e.to_string(),
        format!(
            "{NAME}:35: expected 12 numbers for joint 3 of body 1 in frame 2, found end of file"
        )
    );
}

#[test]
fn truncated_mid_line_counts_tokens() {
    let text = tiny_clip(1, 1, 25);
    let cut = text.find("277.419").unwrap(); // inside joint 1's line: 3 numbers left
    let e = err(&text[..cut]);
    assert_eq!(e.line(), Some(5));
    assert!(
        e.to_string()
            .ends_with("joint 1 of body 1 in frame 1, found 3"),
        "{e}"
    );
}

#[test]
fn non_numeric_token() {
    let mut l = lines(&tiny_clip(2, 1, 25));
    let at = joint_line(2, 3);
    l[at - 1] = l[at - 1].replacen("1036.233", "abc", 1);
    let e = err(&join(&l));
    assert_eq!(
        e.to_string(),
        format!("{NAME}:35: expected a number for joint 3 of body 1 in frame 2 (field 6), found \"abc\"")
    );
}

#[test]
fn non_integer_body_id() {
    let text = tiny_clip(1, 1, 25).replacen("72057594037927930", "7.2e16", 1);
    let e = err(&text);
    assert_eq!(
        e.to_string(),
        format!("{NAME}:3: expected an unsigned integer bodyID for body 1 in frame 1 (field 1), found \"7.2e16\"")
    );
}

#[test]
fn joint_count_larger_than_joints_present() {
    let mut l = lines(&tiny_clip(2, 1, 25));
    l.remove(joint_line(1, 25) - 1);
    let e = err(&join(&l));
    // The body count of frame 2 (now line 29) is read as joint 25.
    assert_eq!(
        e.to_string(),
        format!("{NAME}:29: expected 12 numbers for joint 25 of body 1 in frame 1, found 1")
    );
}

#[test]
fn frame_count_larger_than_frames_present() {
    let text = tiny_clip(2, 1, 25).replacen("2\n", "3\n", 1);
    let e = err(&text);
    assert_eq!(
        e.to_string(),
        format!("{NAME}:58: expected 1 number for the body count of frame 3, found end of file")
    );
}

#[test]
fn frame_count_smaller_than_frames_present() {
    let text = tiny_clip(2, 1, 25).replacen("2\n", "1\n", 1);
    let e = err(&text);
    assert_eq!(
        e.to_string(),
        format!("{NAME}:30: expected end of file after 1 frames, found more data (\"1\")")
    );
}

#[test]
fn body_count_line_with_two_numbers() {
    let text = tiny_clip(1, 1, 25).replacen("\n1\n", "\n1 1\n", 1);
    let e = err(&text);
    assert_eq!(
        e.to_string(),
        format!("{NAME}:2: expected 1 number for the body count of frame 1, found 2")
    );
}

#[test]
fn too_many_frames() {
    let opts = ReadOptions {
        max_frame: 1,
        max_body: 2,
    };
    let e = parse_clip(tiny_clip(2, 1, 25).as_bytes(), NAME, &opts).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("{NAME}:1: expected at most 1 frames (max_frame), found 2 frames")
    );
}

#[test]
fn empty_file() {
    let e = err("");
    assert_eq!(
        e.to_string(),
        format!("{NAME}:1: expected 1 number for the frame count, found end of file")
    );
    let e = err("\n\n");
    assert_eq!(
        e.line(),
        Some(1),
        "a blank first line is an empty frame count"
    );
}

#[test]
fn bad_names() {
    for bad in [
        "foo.skeleton",
        "S001C001P001R001A01.skeleton",
        "S001C001P001R001B001",
        "S000C001P001R001A001",
    ] {
        match parse_clip(tiny_clip(1, 1, 25).as_bytes(), bad, &ReadOptions::default()) {
            Err(ParseError::BadName { file, .. }) => assert_eq!(file, bad),
            other => panic!("{bad}: {other:?}"),
        }
    }
}

#[test]
fn crlf_and_trailing_blank_lines_accepted() {
    let lf = tiny_clip(3, 2, 25);
    let crlf = lf.replace('\n', "\r\n") + "\r\n\r\n";
    let opts = ReadOptions::default();
    let a = parse_clip(lf.as_bytes(), NAME, &opts).unwrap();
    let b = parse_clip(crlf.as_bytes(), NAME, &opts).unwrap();
    assert_eq!(a, b);
    assert_eq!(b.data[b.index(2, 2, 24, 1)], coord(2, 1, 24, 2));
    // Line numbers still count CRLF lines.
    let bad = crlf.replacen("277.419", "x", 1);
    assert_eq!(err(&bad).line(), Some(5));
}

#[test]
fn extra_bodies_and_joints_are_ignored() {
    let opts = ReadOptions {
        max_frame: 300,
        max_body: 2,
    };
    let clip = parse_clip(tiny_clip(2, 3, 26).as_bytes(), NAME, &opts).unwrap();
    assert_eq!(clip.frames, 2);
    assert_eq!(clip.max_bodies_seen, 3);
    assert_eq!(clip.data.len(), 3 * 300 * 25 * 2);
    assert_eq!(clip.data[clip.index(0, 1, 24, 1)], coord(1, 1, 24, 0));
    assert_eq!(
        clip.data[clip.index(1, 2, 0, 0)],
        0.0,
        "padding frame is zero"
    );
}

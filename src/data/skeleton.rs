//! Reader for NTU-RGB+D `.skeleton` files (format in LINGCN.md section 1).
//!
//! Owns: the clip name (`SsssCcccPpppRrrrAaaa`), the per-clip tensor
//! `(C=3, T=max_frame, V=25, M=max_body)` and the line-numbered parse errors.
//! Does not know about splits or output files (see `dataset`).

use super::error::ParseError;
use super::lexer::{parse_f32, parse_u64, scan_number, Cursor, Fail, RecordFail};
use std::fmt;
use std::path::Path;

/// Joints per body in the NTU skeleton.
pub const NUM_JOINTS: usize = 25;
/// Coordinates kept per joint (x, y, z).
pub const NUM_COORDS: usize = 3;

/// Bones of the NTU-RGB+D skeleton, 1-based joint pairs as in the data set's
/// documentation (LINGCN.md section 2); joint 21 is the spine centre.
pub const NTU_BONES: [(usize, usize); 24] = [
    (1, 2),
    (2, 21),
    (3, 21),
    (4, 3),
    (5, 21),
    (6, 5),
    (7, 6),
    (8, 7),
    (9, 21),
    (10, 9),
    (11, 10),
    (12, 11),
    (13, 1),
    (14, 13),
    (15, 14),
    (16, 15),
    (17, 1),
    (18, 17),
    (19, 18),
    (20, 19),
    (22, 23),
    (23, 8),
    (24, 25),
    (25, 12),
];
const BODY_FIELDS: usize = 10;
const JOINT_FIELDS: usize = 12;

/// Metadata encoded in a clip name; all fields are the 1-based numbers of the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClipName {
    pub setup: u16,
    pub camera: u16,
    pub subject: u16,
    pub replication: u16,
    pub action: u16,
}

impl ClipName {
    /// Parses `SsssCcccPpppRrrrAaaa`, optionally with a directory and a
    /// `.skeleton` extension. Each number is 3 digits and at least 1.
    pub fn parse(name: &str) -> Result<ClipName, ParseError> {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let bad = || ParseError::BadName {
            file: name.to_string(),
            found: base.to_string(),
        };
        let stem = base.strip_suffix(".skeleton").unwrap_or(base).as_bytes();
        if stem.len() != 20 {
            return Err(bad());
        }
        let mut nums = [0u16; 5];
        for (k, (tag, chunk)) in b"SCPRA".iter().zip(stem.chunks(4)).enumerate() {
            let digits = &chunk[1..];
            if chunk[0] != *tag || !digits.iter().all(u8::is_ascii_digit) {
                return Err(bad());
            }
            nums[k] = digits.iter().fold(0, |a, &d| a * 10 + u16::from(d - b'0'));
            if nums[k] == 0 {
                return Err(bad());
            }
        }
        let [setup, camera, subject, replication, action] = nums;
        Ok(ClipName {
            setup,
            camera,
            subject,
            replication,
            action,
        })
    }

    /// Class label: action - 1.
    pub fn label(&self) -> i64 {
        i64::from(self.action) - 1
    }
}

impl fmt::Display for ClipName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "S{:03}C{:03}P{:03}R{:03}A{:03}",
            self.setup, self.camera, self.subject, self.replication, self.action
        )
    }
}

/// How a clip is turned into a tensor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// T of the output; more frames in a file is an error.
    pub max_frame: usize,
    /// M of the output; further bodies are read and ignored.
    pub max_body: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_frame: 300,
            max_body: 2,
        }
    }
}

/// One parsed clip.
#[derive(Debug, Clone, PartialEq)]
pub struct Clip {
    pub name: ClipName,
    /// Frames in the file (<= max_frame); the rest of the tensor is zero.
    pub frames: usize,
    /// Largest body count of any frame (may exceed max_body).
    pub max_bodies_seen: usize,
    /// x,y,z as `[C][T][V][M]`, C=3, T=max_frame, V=25, M=max_body.
    pub data: Vec<f32>,
    pub opts: ReadOptions,
}

impl Clip {
    /// Flat index of `(c, t, v, m)` in `data`.
    #[inline]
    pub fn index(&self, c: usize, t: usize, v: usize, m: usize) -> usize {
        tensor_index(&self.opts, c, t, v, m)
    }
}

#[inline(always)]
fn tensor_index(o: &ReadOptions, c: usize, t: usize, v: usize, m: usize) -> usize {
    ((c * o.max_frame + t) * NUM_JOINTS + v) * o.max_body + m
}

/// Parses one `.skeleton` file's bytes. `file` names it in errors and gives
/// the clip metadata (its base name must be `SsssCcccPpppRrrrAaaa[.skeleton]`).
pub fn parse_clip(bytes: &[u8], file: &str, opts: &ReadOptions) -> Result<Clip, ParseError> {
    let name = ClipName::parse(file).map_err(|_| ParseError::BadName {
        file: file.to_string(),
        found: base_name(file).to_string(),
    })?;
    let mut data = vec![0f32; NUM_COORDS * opts.max_frame * NUM_JOINTS * opts.max_body];
    let mut p = Parser {
        cur: Cursor::new(bytes),
        opts,
        data: &mut data,
        max_bodies_seen: 0,
    };
    let frames = p.clip().map_err(|e| e.into_error(file))?;
    let max_bodies_seen = p.max_bodies_seen;
    Ok(Clip {
        name,
        frames,
        max_bodies_seen,
        data,
        opts: *opts,
    })
}

/// Reads and parses a file from disk (memory mapped).
pub fn read_clip(path: &Path, opts: &ReadOptions) -> Result<Clip, super::DataError> {
    let bytes = super::file_bytes::map_file(path)?;
    Ok(parse_clip(&bytes, &path.to_string_lossy(), opts)?)
}

fn base_name(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

/// What a record is, for error messages (indices are 1-based).
#[derive(Clone, Copy)]
enum What {
    FrameCount,
    BodyCount {
        frame: usize,
    },
    Body {
        frame: usize,
        body: usize,
    },
    JointCount {
        frame: usize,
        body: usize,
    },
    Joint {
        frame: usize,
        body: usize,
        joint: usize,
    },
}

impl fmt::Display for What {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            What::FrameCount => write!(f, "the frame count"),
            What::BodyCount { frame } => write!(f, "the body count of frame {frame}"),
            What::Body { frame, body } => write!(f, "body {body} in frame {frame}"),
            What::JointCount { frame, body } => {
                write!(f, "the joint count of body {body} in frame {frame}")
            }
            What::Joint { frame, body, joint } => {
                write!(f, "joint {joint} of body {body} in frame {frame}")
            }
        }
    }
}

impl What {
    fn fields(self) -> usize {
        match self {
            What::Body { .. } => BODY_FIELDS,
            What::Joint { .. } => JOINT_FIELDS,
            _ => 1,
        }
    }

    fn token_kind(self, index: usize) -> &'static str {
        match (self, index) {
            (What::Body { .. }, 0) => "an unsigned integer bodyID",
            (What::Body { .. } | What::Joint { .. }, _) => "a number",
            _ => "a non-negative integer",
        }
    }
}

/// A parse failure before the file name is attached.
enum Failure {
    Record(What, Fail),
    TooManyFrames {
        line: usize,
        found: u64,
        max: usize,
    },
    Trailing {
        line: usize,
        frames: usize,
        token: String,
    },
}

impl Failure {
    fn into_error(self, file: &str) -> ParseError {
        let (line, expected, found) = match self {
            Failure::Record(what, (line, fail)) => {
                let (e, f) = describe(what, fail);
                (line, e, f)
            }
            Failure::TooManyFrames { line, found, max } => (
                line,
                format!("at most {max} frames (max_frame)"),
                format!("{found} frames"),
            ),
            Failure::Trailing {
                line,
                frames,
                token,
            } => (
                line,
                format!("end of file after {frames} frames"),
                format!("more data ({token:?})"),
            ),
        };
        ParseError::Syntax {
            file: file.to_string(),
            line,
            expected,
            found,
        }
    }
}

fn describe(what: What, fail: RecordFail) -> (String, String) {
    let n = what.fields();
    let noun = if n == 1 { "number" } else { "numbers" };
    match fail {
        RecordFail::Count { found } => (format!("{n} {noun} for {what}"), found.to_string()),
        RecordFail::Eof => (format!("{n} {noun} for {what}"), "end of file".into()),
        RecordFail::BadToken { index, token } => {
            let kind = what.token_kind(index);
            let field = if n == 1 {
                String::new()
            } else {
                format!(" (field {})", index + 1)
            };
            (format!("{kind} for {what}{field}"), format!("{token:?}"))
        }
    }
}

struct Parser<'a, 'b> {
    cur: Cursor<'a>,
    opts: &'b ReadOptions,
    data: &'b mut [f32],
    max_bodies_seen: usize,
}

impl Parser<'_, '_> {
    fn clip(&mut self) -> Result<usize, Failure> {
        let line = self.cur.line();
        let frames = self.count(What::FrameCount)?;
        if frames > self.opts.max_frame as u64 {
            return Err(Failure::TooManyFrames {
                line,
                found: frames,
                max: self.opts.max_frame,
            });
        }
        let frames = frames as usize;
        for t in 0..frames {
            self.frame(t)?;
        }
        match self.cur.trailing() {
            None => Ok(frames),
            Some((line, token)) => Err(Failure::Trailing {
                line,
                frames,
                token,
            }),
        }
    }

    fn count(&mut self, what: What) -> Result<u64, Failure> {
        let mut n = 0u64;
        self.cur
            .record(1, |buf: &[u8], pos, _| parse_u64(buf, pos, &mut n))
            .map_err(|f| Failure::Record(what, f))?;
        Ok(n)
    }

    fn frame(&mut self, t: usize) -> Result<(), Failure> {
        let frame = t + 1;
        let bodies = self.count(What::BodyCount { frame })?;
        // A corrupt count cannot make us allocate: the loop just runs into EOF.
        for m in 0..bodies {
            self.body(t, m as usize)?;
            self.max_bodies_seen = self.max_bodies_seen.max(m as usize + 1);
        }
        Ok(())
    }

    fn body(&mut self, t: usize, m: usize) -> Result<(), Failure> {
        let (frame, body) = (t + 1, m + 1);
        let what = What::Body { frame, body };
        let mut id = 0u64;
        self.cur
            .record(BODY_FIELDS, |buf: &[u8], pos, i| match i {
                0 => parse_u64(buf, pos, &mut id),
                _ => scan_number(buf, pos),
            })
            .map_err(|f| Failure::Record(what, f))?;
        let joints = self.count(What::JointCount { frame, body })?;
        for v in 0..joints {
            let what = What::Joint {
                frame,
                body,
                joint: v as usize + 1,
            };
            let xyz = self.joint(what)?;
            if m < self.opts.max_body && (v as usize) < NUM_JOINTS {
                for (c, &x) in xyz.iter().enumerate() {
                    self.data[tensor_index(self.opts, c, t, v as usize, m)] = x;
                }
            }
        }
        Ok(())
    }

    #[inline(always)]
    fn joint(&mut self, what: What) -> Result<[f32; 3], Failure> {
        let mut xyz = [0f32; 3];
        self.cur
            .record(JOINT_FIELDS, |buf: &[u8], pos, i| match i {
                0..=2 => parse_f32(buf, pos, &mut xyz[i]),
                _ => scan_number(buf, pos),
            })
            .map_err(|f| Failure::Record(what, f))?;
        Ok(xyz)
    }
}

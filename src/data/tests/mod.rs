//! Tests across the data module's files (unit tests of single helpers live
//! next to them).

mod convert;
mod fuzz;
mod malformed;
mod npy;
#[path = "../../../tests/common/require.rs"]
mod require;
mod roundtrip;
mod split;

/// Coordinate written for (frame, body, joint, coord) in `tiny_clip`: every
/// value distinct, so a misplaced value is caught.
pub(super) fn coord(t: usize, m: usize, v: usize, c: usize) -> f32 {
    (t * 1000 + m * 100 + v * 3 + c) as f32 * 0.001 + 0.5
}

/// A valid file with `frames` frames of `bodies` bodies and `joints` joints.
/// With one body of 25 joints a frame is 28 lines; frame f (1-based) starts at
/// line 2 + 28 (f - 1) and its joint j is on line 4 + 28 (f - 1) + j.
pub(super) fn tiny_clip(frames: usize, bodies: usize, joints: usize) -> String {
    let mut s = format!("{frames}\n");
    for t in 0..frames {
        s += &format!("{bodies}\n");
        for m in 0..bodies {
            s += &format!("7205759403792793{m} 0 1 1 1 1 0 0.02764182 0.05745008 2\n{joints}\n");
            for v in 0..joints {
                let [x, y, z] = [0, 1, 2].map(|c| coord(t, m, v, c));
                s += &format!("{x} {y} {z} 277.419 191.8218 1036.233 519.1677 -0.2059419 0.05349901 0.9692109 -0.1239193 2\n");
            }
        }
    }
    s
}

pub(super) const NAME: &str = "S001C001P001R001A001.skeleton";

//! Writes a synthetic clip in the exact NTU `.skeleton` text format.
//! x, y, z are printed with Rust's shortest round-trip `f32` formatting, so
//! the reader gets back bit-identical values.

use super::scene::{BodyFrame, SynthClip};
use std::fmt::Write;

/// Kinect v2 depth (512x424) and colour (1920x1080) intrinsics, roughly.
const DEPTH: (f32, f32, f32) = (365.0, 256.0, 212.0);
const COLOR: (f32, f32, f32) = (1081.0, 960.0, 540.0);

/// The full file text.
pub(crate) fn render(clip: &SynthClip) -> String {
    let mut s = String::with_capacity(clip.frames.len() * 3000);
    let _ = writeln!(s, "{}", clip.frames.len());
    for bodies in &clip.frames {
        let _ = writeln!(s, "{}", bodies.len());
        for b in bodies {
            body(&mut s, b);
        }
    }
    s
}

fn body(s: &mut String, b: &BodyFrame) {
    let _ = writeln!(
        s,
        "{} 0 1 {} 1 {} 0 {:.7} {:.7} 2",
        b.id, b.hand_state[0], b.hand_state[1], b.lean[0], b.lean[1]
    );
    let _ = writeln!(s, "{}", b.joints.len());
    for (j, p) in b.joints.iter().enumerate() {
        let project = |(f, cx, cy): (f32, f32, f32)| (cx - f * p[0] / p[2], cy - f * p[1] / p[2]);
        let (dx, dy) = project(DEPTH);
        let (cx, cy) = project(COLOR);
        let q = b.quat[j];
        let _ = writeln!(
            s,
            "{} {} {} {dx:.4} {dy:.4} {cx:.3} {cy:.3} {:.7} {:.7} {:.7} {:.7} {}",
            p[0], p[1], p[2], q[0], q[1], q[2], q[3], b.tracked[j]
        );
    }
}

//! The built-in action classes: each maps a motion phase (in cycles) and an
//! amplitude to joint angles. Several share body parts on purpose (wave /
//! reach up / raise arms, kick / walk, squat / jump / bow, punch / clap) so the
//! classes overlap and recognition is not trivial.

use super::body::Pose;
use std::f32::consts::{PI, TAU};

/// Names of the built-in classes, in label order (label = index).
pub const ACTIONS: [&str; 15] = [
    "wave",
    "clap",
    "kick",
    "squat",
    "jump",
    "bow",
    "turn",
    "punch",
    "raise arms",
    "walk in place",
    "reach up",
    "nod",
    "side bend",
    "hands on head",
    "arm circles",
];

/// How an action fills the active part of a clip: `cycles` motion cycles
/// and the phase it starts at. `Some`: a one-shot action, performed about
/// once from rest like an NTU take (jump starts with the crouch); `None`: a
/// repetitive motion, joined at a random phase, its cycles scaled by the
/// subject's and the clip's speed (see `scene::Timing`).
pub(crate) const TEMPO: [(f32, Option<f32>); 15] = [
    (2.5, None),      // wave
    (2.5, None),      // clap
    (1.0, Some(0.0)), // kick
    (1.0, Some(0.0)), // squat
    (1.5, Some(0.5)), // jump
    (1.0, Some(0.0)), // bow
    (1.0, Some(0.0)), // turn
    (2.0, None),      // punch
    (1.0, Some(0.0)), // raise arms
    (2.0, None),      // walk in place
    (1.0, Some(0.0)), // reach up
    (1.5, None),      // nod
    (1.5, None),      // side bend
    (1.0, Some(0.0)), // hands on head
    (2.0, None),      // arm circles
];

/// Classes the generator makes: NTU-RGB+D 60's label count. Labels past the
/// 15 motions are variants of them (see [`variant`]).
pub const MAX_CLASSES: usize = 60;

/// How a class performs its motion: mirrored (the other arm or leg), and
/// with its cycles and amplitude scaled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Variant {
    pub mirror: bool,
    pub tempo: f32,
    pub amp: f32,
}

/// The motion (index into [`ACTIONS`]) and variant of a 0-based label:
/// labels 0..15 are the motions as they are (the same clips as before
/// there were variants), 15..30 the same motions quicker and smaller (told
/// apart from the originals by tempo and extent only: the default 20-class
/// set's hard pairs), 30..45 their mirror images, 45..60 both. The mirror
/// image of a symmetric motion (clap, squat, ...) looks like the motion
/// itself: such classes overlap, as the 60-class set is meant to exercise
/// 60-class pipelines, not to rank models.
pub(crate) fn variant(label: usize) -> (usize, Variant) {
    let (mirror, tempo, amp) = match label / ACTIONS.len() {
        0 => (false, 1.0, 1.0),
        1 => (false, 1.6, 0.75),
        2 => (true, 1.0, 1.0),
        _ => (true, 1.6, 0.75),
    };
    let variant = Variant { mirror, tempo, amp };
    (label % ACTIONS.len(), variant)
}

fn osc(th: f32) -> f32 {
    (TAU * th).sin()
}

/// 0 -> 1 -> 0 over one cycle.
fn pulse(th: f32) -> f32 {
    0.5 - 0.5 * (TAU * th).cos()
}

/// Joint angles of action `action` at phase `th` (cycles), scaled by `amp`.
pub(crate) fn pose(action: usize, th: f32, amp: f32) -> Pose {
    let p = pulse(th);
    let s = osc(th);
    let mut q = Pose::default();
    match action {
        0 => {
            q.shoulder_abd[1] = 2.3 * amp;
            q.elbow[1] = 0.6 + 0.45 * amp * osc(2.0 * th);
            q.shoulder_add[1] = 0.25 * amp * s;
        }
        1 => {
            q.shoulder_flex = [1.3 * amp; 2];
            q.shoulder_add = [0.5 + 0.35 * amp * s; 2];
            q.elbow = [0.5; 2];
        }
        2 => {
            q.hip_flex[1] = 1.3 * amp * p;
            q.knee[1] = 1.2 * (PI * th).sin().abs() * (1.0 - p);
            q.shoulder_abd = [0.3 * p; 2];
        }
        3 => {
            q.hip_flex = [1.5 * amp * p; 2];
            q.knee = [2.0 * amp * p; 2];
            q.spine_bend = 0.4 * p;
            q.shoulder_flex = [1.2 * amp * p; 2];
        }
        4 => {
            let up = s.max(0.0);
            let down = (-s).max(0.0);
            q.lift = 0.3 * amp * up;
            q.knee = [1.2 * down; 2];
            q.hip_flex = [0.7 * down; 2];
            q.shoulder_flex = [2.4 * amp * up; 2];
        }
        5 => {
            q.spine_bend = 1.1 * amp * p;
            q.neck = 0.4 * p;
            q.shoulder_flex = [0.6 * p; 2];
        }
        6 => {
            // Turn away (about 135 degrees) and back, stepping.
            q.yaw = 0.75 * PI * amp * p;
            q.hip_flex = [
                0.25 * osc(3.0 * th).max(0.0),
                0.25 * (-osc(3.0 * th)).max(0.0),
            ];
        }
        7 => {
            let left = pulse(th);
            let right = pulse(th + 0.5);
            q.shoulder_flex = [1.0 + 0.5 * amp * left, 1.0 + 0.5 * amp * right];
            q.elbow = [2.0 * (1.0 - left), 2.0 * (1.0 - right)];
            q.shoulder_add = [0.2; 2];
        }
        8 => {
            q.shoulder_abd = [2.7 * amp * p; 2];
        }
        9 => {
            q.hip_flex = [0.6 * amp * s.max(0.0), 0.6 * amp * (-s).max(0.0)];
            q.knee = [1.1 * amp * s.max(0.0), 1.1 * amp * (-s).max(0.0)];
            q.shoulder_flex = [-0.4 * s, 0.4 * s];
        }
        10 => {
            q.shoulder_flex[1] = 2.8 * amp * p;
            q.elbow[1] = 0.3 * (1.0 - p);
        }
        11 => {
            q.neck = 0.5 * amp * pulse(2.0 * th);
            q.spine_bend = 0.1 * p;
        }
        12 => {
            q.spine_side = 0.5 * amp * s;
            q.shoulder_abd = [0.2 + 0.2 * s, 0.2 - 0.2 * s];
        }
        13 => {
            q.shoulder_abd = [1.7 * amp * p; 2];
            q.elbow = [2.3 * p; 2];
            q.shoulder_add = [-0.3 * p; 2];
        }
        _ => {
            q.shoulder_flex[1] = 1.4 + 1.1 * amp * (TAU * th).cos();
            q.shoulder_abd[1] = 0.6 * amp * s;
        }
    }
    q
}

#[cfg(test)]
mod tests {
    use super::super::body::{forward, Posed};
    use super::*;

    fn at(action: usize, th: f32) -> Posed {
        forward(&pose(action, th, 1.0), &[1.0; 25])
    }

    #[test]
    fn squat_lowers_the_head_by_kinematics() {
        let stand = at(3, 0.0);
        let deep = at(3, 0.5);
        assert!(deep.pos[3][1] < stand.pos[3][1] - 0.3);
    }

    #[test]
    fn wave_raises_only_the_right_hand_above_the_head() {
        let p = at(0, 0.3);
        assert!(p.pos[11][1] > p.pos[3][1], "right hand above head");
        assert!(p.pos[7][1] < p.pos[0][1], "left hand stays low");
    }

    #[test]
    fn every_action_moves_something() {
        for (a, name) in ACTIONS.iter().enumerate() {
            let (x, y) = (at(a, 0.05), at(a, 0.3));
            let moved: f32 = (0..25)
                .map(|j| {
                    (0..3)
                        .map(|c| (x.pos[j][c] - y.pos[j][c]).abs())
                        .sum::<f32>()
                })
                .sum();
            assert!(moved > 0.1, "{name} moved {moved}");
        }
    }

    #[test]
    fn labels_past_the_motions_are_their_variants() {
        let plain = Variant {
            mirror: false,
            tempo: 1.0,
            amp: 1.0,
        };
        assert_eq!(variant(14), (14, plain));
        assert_eq!(variant(15).0, 0);
        assert!(!variant(15).1.mirror && variant(15).1.tempo > 1.0);
        assert!(variant(30).1.mirror && variant(30).1.tempo == 1.0);
        assert_eq!(
            variant(59),
            (
                14,
                Variant {
                    mirror: true,
                    tempo: 1.6,
                    amp: 0.75
                }
            )
        );
        // A mirrored wave raises the left hand instead of the right.
        let p = forward(&pose(0, 0.3, 1.0).mirrored(), &[1.0; 25]);
        assert!(p.pos[7][1] > p.pos[3][1], "left hand above head");
        assert!(p.pos[11][1] < p.pos[0][1], "right hand stays low");
    }
}

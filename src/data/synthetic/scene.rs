//! One synthetic clip: subject traits, camera view, timing and noise around
//! the kinematic body model. Everything derives from `Rng::from_keys`, so a
//! clip depends only on the seed and its name.

use super::actions::{pose, variant, TEMPO};
use super::body::{apply, forward, mul, quaternion, rot_x, rot_y, Mat3, Pose, Vec3};
use super::rng::Rng;
use super::SyntheticConfig;
use crate::data::skeleton::ClipName;
use std::f32::consts::{FRAC_PI_4, PI};

/// One body in one frame, in camera coordinates (metres).
pub(crate) struct BodyFrame {
    pub id: u64,
    pub lean: [f32; 2],
    pub hand_state: [u8; 2],
    pub joints: [Vec3; 25],
    pub quat: [[f32; 4]; 25],
    /// Kinect tracking state per joint: 2 tracked, 1 inferred.
    pub tracked: [u8; 25],
}

/// A clip: per frame, the bodies (actor first).
pub(crate) struct SynthClip {
    pub frames: Vec<Vec<BodyFrame>>,
}

/// Traits fixed per subject, so cross-subject splits see new bodies and styles.
struct Subject {
    scale: [f32; 25],
    posture: Pose,
    speed: f32,
    amp: f32,
}

fn subject(seed: u64, id: u16) -> Subject {
    let mut r = Rng::from_keys(&[seed, 0x5b_1ec7, u64::from(id)]);
    let height = r.range(0.86, 1.14);
    let mut scale = [height; 25];
    for s in &mut scale {
        *s *= r.range(0.95, 1.05);
    }
    let posture = Pose {
        spine_bend: r.range(-0.05, 0.15),
        neck: r.range(-0.1, 0.2),
        shoulder_abd: [r.range(0.0, 0.2), r.range(0.0, 0.2)],
        elbow: [r.range(0.0, 0.4), r.range(0.0, 0.4)],
        hip_abd: [r.range(0.0, 0.12), r.range(0.0, 0.12)],
        ..Pose::default()
    };
    let (speed, amp) = (r.range(0.85, 1.15), r.range(0.85, 1.15));
    Subject {
        scale,
        posture,
        speed,
        amp,
    }
}

/// Body-to-camera transform: `p_cam = rot * p_body + offset`.
struct View {
    rot: Mat3,
    offset: Vec3,
}

/// Cameras 1..3 at 0, -45, +45 degrees; odd replications face -45, even +45
/// degrees (as in NTU, each take faces one side camera).
fn view(r: &mut Rng, name: &ClipName) -> View {
    let cam = [0.0, -FRAC_PI_4, FRAC_PI_4][usize::from(name.camera - 1) % 3];
    let facing = if name.replication % 2 == 1 {
        -FRAC_PI_4
    } else {
        FRAC_PI_4
    };
    let yaw = PI + facing - cam + r.range(-0.17, 0.17);
    let rot = mul(&rot_x(r.range(-0.08, 0.08)), &rot_y(yaw));
    let offset = [r.range(-0.35, 0.35), r.range(-1.1, -0.9), r.range(2.7, 3.6)];
    View { rot, offset }
}

/// Per-clip timing: frames, motion phase per frame and action weight per frame.
struct Timing {
    frames: usize,
    t0: usize,
    t1: usize,
    phase: f32,
    cycles_per_frame: f32,
}

impl Timing {
    /// The action runs from `t0` (in the first sixth of the clip) to `t1` (in
    /// the last sixth) and fills that span with its `TEMPO` cycles, so a short
    /// clip is a faster take, not a cut one. A one-shot action is done about
    /// once; a repetitive one cycles faster or slower with the subject's and
    /// the clip's speed.
    fn new(r: &mut Rng, cfg: &SyntheticConfig, action: usize, speed: f32, tempo: f32) -> Timing {
        let frames = r.int(cfg.min_frames, cfg.max_frames);
        let t0 = r.int(0, frames / 6);
        let t1 = frames - r.int(0, frames / 6);
        let (cycles, start) = TEMPO[action];
        let cycles = cycles * tempo;
        let (cycles, phase) = match start {
            Some(p) => (cycles * r.range(0.9, 1.05), p + r.range(-0.03, 0.03)),
            None => (cycles * speed * r.range(0.85, 1.15), r.range(0.0, 1.0)),
        };
        Timing {
            frames,
            t0,
            t1,
            phase,
            cycles_per_frame: cycles / (t1 - t0).max(1) as f32,
        }
    }

    /// Smooth 0..1 ramp in and out of the active part of the clip.
    fn weight(&self, t: usize) -> f32 {
        let ramp = 8.0;
        let a = (t as f32 - self.t0 as f32) / ramp;
        let b = (self.t1 as f32 - t as f32) / ramp;
        a.min(b).clamp(0.0, 1.0)
    }

    fn phase(&self, t: usize) -> f32 {
        self.phase + self.cycles_per_frame * (t as f32 - self.t0 as f32)
    }
}

/// Synthesizes the clip `name` (action = label + 1) for `cfg`.
pub(crate) fn synthesize(cfg: &SyntheticConfig, name: &ClipName) -> SynthClip {
    let keys = [
        name.setup,
        name.camera,
        name.subject,
        name.replication,
        name.action,
    ];
    let mut r = Rng::from_keys(&[
        cfg.seed,
        keys.iter().fold(0, |a, &k| a * 1000 + u64::from(k)),
    ]);
    let (action, variant) = variant(usize::from(name.action - 1));
    let subj = subject(cfg.seed, name.subject);
    let view = view(&mut r, name);
    let timing = Timing::new(&mut r, cfg, action, subj.speed, variant.tempo);
    let amp = subj.amp * r.range(0.75, 1.2) * variant.amp;
    let jitter = Pose {
        shoulder_abd: [r.range(-0.1, 0.1), r.range(-0.1, 0.1)],
        elbow: [r.range(-0.15, 0.15), r.range(-0.15, 0.15)],
        spine_twist: r.range(-0.1, 0.1),
        ..Pose::default()
    };
    let base = subj.posture.plus(&jitter, 1.0);
    let second = r
        .chance(cfg.second_body_prob)
        .then(|| Companion::new(&mut r, cfg.seed, &view));
    let actor_id = body_id(&mut r);
    let frames = (0..timing.frames)
        .map(|t| {
            let act = pose(action, timing.phase(t), amp);
            let act = if variant.mirror { act.mirrored() } else { act };
            let sway = sway(t, timing.phase);
            let pose = base.plus(&act, timing.weight(t)).plus(&sway, 1.0);
            let mut bodies = vec![body_frame(&mut r, cfg, &pose, &subj.scale, &view, actor_id)];
            if let Some(c) = &second {
                let pose = c.subject.posture.plus(&sway, -1.0);
                bodies.push(body_frame(
                    &mut r,
                    cfg,
                    &pose,
                    &c.subject.scale,
                    &c.view,
                    c.id,
                ));
            }
            bodies
        })
        .collect();
    SynthClip { frames }
}

/// A second, idle person standing beside the actor.
struct Companion {
    subject: Subject,
    view: View,
    id: u64,
}

impl Companion {
    fn new(r: &mut Rng, seed: u64, actor: &View) -> Companion {
        let side = if r.chance(0.5) { 1.0 } else { -1.0 };
        let offset = [
            actor.offset[0] + side * r.range(0.8, 1.1),
            actor.offset[1],
            actor.offset[2] + r.range(-0.3, 0.3),
        ];
        let subject = subject(seed, 1000 + r.int(0, 99) as u16);
        let view = View {
            rot: actor.rot,
            offset,
        };
        Companion {
            subject,
            view,
            id: body_id(r),
        }
    }
}

fn body_id(r: &mut Rng) -> u64 {
    72_057_594_037_927_936 + r.int(0, 99_999) as u64
}

/// Small idle motion present in every frame.
fn sway(t: usize, phase: f32) -> Pose {
    let s = (t as f32 * 0.05 + phase * 6.0).sin();
    Pose {
        spine_side: 0.03 * s,
        spine_bend: 0.02 * s,
        ..Pose::default()
    }
}

fn body_frame(
    r: &mut Rng,
    cfg: &SyntheticConfig,
    pose: &Pose,
    scale: &[f32; 25],
    view: &View,
    id: u64,
) -> BodyFrame {
    let posed = forward(pose, scale);
    let mut joints = [[0.0; 3]; 25];
    let mut quat = [[0.0; 4]; 25];
    let mut tracked = [2u8; 25];
    for j in 0..25 {
        let p = apply(&view.rot, &posed.pos[j]);
        // Occasionally a joint is only inferred by the sensor: noisier.
        let inferred = r.chance(0.01);
        let sigma = cfg.noise * if inferred { 4.0 } else { 1.0 };
        joints[j] = [0, 1, 2].map(|c| p[c] + view.offset[c] + sigma * r.normal());
        quat[j] = quaternion(&mul(&view.rot, &posed.rot[j]));
        tracked[j] = if inferred { 1 } else { 2 };
    }
    let hands = [
        if pose.elbow[0] > 1.0 { 2 } else { 1 },
        if pose.elbow[1] > 1.0 { 2 } else { 1 },
    ];
    BodyFrame {
        id,
        lean: [pose.spine_side.sin(), pose.spine_bend.sin()],
        hand_state: hands,
        joints,
        quat,
        tracked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn short_clips() -> SyntheticConfig {
        SyntheticConfig {
            min_frames: 40,
            max_frames: 64,
            ..SyntheticConfig::default()
        }
    }

    #[test]
    fn the_action_fills_its_active_span_at_its_tempo() {
        let cfg = short_clips();
        for (action, &(cycles, start)) in TEMPO.iter().enumerate() {
            for k in 0..200 {
                let mut r = Rng::from_keys(&[k, action as u64]);
                let t = Timing::new(&mut r, &cfg, action, 1.0, 1.0);
                assert!((cfg.min_frames..=cfg.max_frames).contains(&t.frames));
                assert!(t.t0 <= t.frames / 6 && t.t1 >= t.frames - t.frames / 6);
                let done = t.phase(t.t1) - t.phase(t.t0);
                let (lo, hi) = match start {
                    // One-shot: from rest, done about once.
                    Some(p) => {
                        assert!((t.phase(t.t0) - p).abs() <= 0.03, "{action}");
                        (0.9, 1.05)
                    }
                    None => (0.85, 1.15),
                };
                assert!(
                    (lo * cycles - 1e-4..=hi * cycles + 1e-4).contains(&done),
                    "action {action}: {done} cycles of {cycles}"
                );
            }
        }
    }

    #[test]
    fn every_squat_and_bow_clip_shows_the_action() {
        // Head (joint 4) height over the clip, relative to its first frame,
        // in the camera frame: squats and bows lower it in every clip, even
        // the shortest, whatever the subject, camera and replication. (With a
        // random phase and a per-frame tempo, a third of the short squat and
        // bow clips used to show less than this.)
        let cfg = short_clips();
        for action in [4, 6] {
            for camera in 1..=3 {
                for subject in 1..=cfg.subjects {
                    for replication in 1..=2 {
                        let name = ClipName {
                            setup: 1,
                            camera,
                            subject,
                            replication,
                            action,
                        };
                        let clip = synthesize(&cfg, &name);
                        let head = |t: usize| clip.frames[t][0].joints[3][1];
                        let drop = (0..clip.frames.len())
                            .map(|t| head(0) - head(t))
                            .fold(f32::MIN, f32::max);
                        assert!(drop > 0.15, "{name}: head drops {drop} m");
                    }
                }
            }
        }
    }
}

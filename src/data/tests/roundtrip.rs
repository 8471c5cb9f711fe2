//! Generator -> `.skeleton` text/files -> reader gives back exactly the
//! coordinates the generator computed.

use crate::data::skeleton::{parse_clip, read_clip, ClipName, ReadOptions};
use crate::data::synthetic::scene::synthesize;
use crate::data::synthetic::{clip_text, generate, SyntheticConfig, MAX_CLASSES};

fn cfg() -> SyntheticConfig {
    SyntheticConfig {
        min_frames: 20,
        max_frames: 40,
        second_body_prob: 0.5,
        ..SyntheticConfig::default()
    }
}

#[test]
fn rendered_clip_parses_to_exact_coordinates() {
    let cfg = cfg();
    let opts = ReadOptions::default();
    let mut two_body = 0;
    for name in cfg.clip_names().iter().step_by(37) {
        let clip = synthesize(&cfg, name);
        let text = clip_text(&cfg, name);
        let parsed = parse_clip(text.as_bytes(), &format!("{name}.skeleton"), &opts).unwrap();
        assert_eq!(parsed.name, *name);
        assert_eq!(parsed.frames, clip.frames.len());
        for (t, bodies) in clip.frames.iter().enumerate() {
            two_body += usize::from(bodies.len() > 1);
            for (m, b) in bodies.iter().enumerate() {
                for v in 0..25 {
                    for c in 0..3 {
                        assert_eq!(
                            parsed.data[parsed.index(c, t, v, m)],
                            b.joints[v][c],
                            "{name} t{t} m{m} v{v} c{c}"
                        );
                    }
                }
            }
        }
    }
    assert!(two_body > 0, "some sampled clips have a second body");
}

#[test]
fn generated_files_read_back_and_are_deterministic() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let small = SyntheticConfig {
        classes: 3,
        subjects: 2,
        total_clips: Some(10),
        ..cfg()
    };
    let ra = generate(&small, a.path()).unwrap();
    generate(&small, b.path()).unwrap();
    assert_eq!(ra.clips, 10);
    assert_eq!(ra.per_class.iter().sum::<usize>(), 10);
    for name in small.clip_names() {
        let file = format!("{name}.skeleton");
        let (x, y) = (
            std::fs::read(a.path().join(&file)).unwrap(),
            std::fs::read(b.path().join(&file)).unwrap(),
        );
        assert_eq!(x, y, "{file} identical across runs");
        let clip = read_clip(&a.path().join(&file), &ReadOptions::default()).unwrap();
        assert!((20..=40).contains(&clip.frames));
    }
    let other = SyntheticConfig {
        seed: 1,
        ..small.clone()
    };
    let name = small.clip_names()[0];
    assert_ne!(
        clip_text(&small, &name),
        clip_text(&other, &name),
        "seed matters"
    );
}

#[test]
fn camera_changes_the_view_of_the_same_performance() {
    let cfg = cfg();
    let hand_x = |camera| {
        let n = ClipName {
            setup: 1,
            camera,
            subject: 1,
            replication: 1,
            action: 1,
        };
        let c = synthesize(&cfg, &n);
        // Right hand relative to base of spine in the camera frame.
        c.frames[0][0].joints[11][0] - c.frames[0][0].joints[0][0]
    };
    let (c1, c2, c3) = (hand_x(1), hand_x(2), hand_x(3));
    assert!(
        (c1 - c2).abs() > 0.02 && (c2 - c3).abs() > 0.02,
        "{c1} {c2} {c3}"
    );
}

#[test]
fn body_size_is_a_subject_trait() {
    let cfg = SyntheticConfig {
        noise: 0.0,
        ..cfg()
    };
    let height = |subject, action| {
        let n = ClipName {
            setup: 1,
            camera: 1,
            subject,
            replication: 1,
            action,
        };
        let j = &synthesize(&cfg, &n).frames[0][0].joints;
        // Thigh + shin length: independent of pose.
        let d = |a: usize, b: usize| {
            (0..3)
                .map(|c| (j[a][c] - j[b][c]).powi(2))
                .sum::<f32>()
                .sqrt()
        };
        d(12, 13) + d(13, 14)
    };
    assert!(
        (height(1, 1) - height(1, 5)).abs() < 1e-4,
        "same subject, same legs"
    );
    let spread = (1..=10)
        .map(|s| height(s, 1))
        .fold((f32::MAX, f32::MIN), |(lo, hi), h| (lo.min(h), hi.max(h)));
    assert!(spread.1 - spread.0 > 0.05, "subjects differ: {spread:?}");
}

#[test]
fn config_rejects_unknown_fields_and_bad_values() {
    let c: SyntheticConfig = serde_json::from_str(r#"{"seed": 3, "classes": 12}"#).unwrap();
    assert_eq!((c.seed, c.classes, c.subjects), (3, 12, 10));
    assert!(serde_json::from_str::<SyntheticConfig>(r#"{"sed": 3}"#).is_err());
    let dir = tempfile::tempdir().unwrap();
    let too_many = SyntheticConfig {
        classes: MAX_CLASSES + 1,
        ..cfg()
    };
    assert!(generate(&too_many, dir.path()).is_err());
}

//! Draws the built-in synthetic actions as stick figures, one row per class.
//!
//! ```sh
//! cargo run --release --example skeleton_svg -- docs/img/synthetic-actions.svg
//! ```
//!
//! Each clip is generated as `.skeleton` text (`clip_text`) and read back
//! through the real reader (`parse_clip`), so the picture shows exactly what
//! the `prepare` stage converts. Every row is one clip of the default
//! `SyntheticConfig` (seed 0): setup 1, camera 1, subject 1, replication 1,
//! a three-quarter view (the actor is turned 45 degrees from the camera).
//! Five frames are taken at the centres of five equal parts of the clip and
//! projected on the camera's x/y plane, drawn as the camera sees them (Kinect
//! x points to the sensor's left, so image right = -x), y up, with one scale
//! for the whole picture.

use lingcn::data::skeleton::{Clip, ClipName, NUM_JOINTS};
use lingcn::data::synthetic::{clip_text, SyntheticConfig, ACTIONS};
use lingcn::data::{parse_clip, ReadOptions};
use std::fmt::Write as _;

use lingcn::data::skeleton::NTU_BONES as BONES;

/// The clip drawn for each class: camera 1 with replication 1 shows the actor
/// turned 45 degrees from the camera, so sideways and forward motions both show.
const CAMERA: u16 = 1;
const REPLICATION: u16 = 1;
const FRAMES_PER_ROW: usize = 5;
/// Pixels per metre.
const SCALE: f32 = 64.0;
const LABEL_W: f32 = 130.0;
const CELL_W: f32 = 120.0;
const CELL_H: f32 = 172.0;
const TOP: f32 = 70.0;
/// Ground line, from the bottom of a cell.
const FLOOR_PAD: f32 = 22.0;

const LEFT: &str = "#1f6fb4";
const RIGHT: &str = "#d03a2a";
const TRUNK: &str = "#333333";
const OTHER: &str = "#a0a0a0";

/// Body side of a 1-based joint: Some(true) left, Some(false) right, None trunk.
fn side(joint: usize) -> Option<bool> {
    match joint {
        5..=8 | 13..=16 | 22 | 23 => Some(true),
        9..=12 | 17..=20 | 24 | 25 => Some(false),
        _ => None,
    }
}

/// Joint `v` (0-based) of body `m` at frame `t`, as (x, y); `None` if the body is absent.
fn joints(clip: &Clip, t: usize, m: usize) -> Option<[(f32, f32); NUM_JOINTS]> {
    let mut out = [(0.0, 0.0); NUM_JOINTS];
    let mut present = false;
    for (v, p) in out.iter_mut().enumerate() {
        let z = clip.data[clip.index(2, t, v, m)];
        present |= z != 0.0;
        *p = (
            clip.data[clip.index(0, t, v, m)],
            clip.data[clip.index(1, t, v, m)],
        );
    }
    present.then_some(out)
}

fn figure(
    svg: &mut String,
    pts: &[(f32, f32); NUM_JOINTS],
    to_px: &dyn Fn((f32, f32)) -> (f32, f32),
    grey: bool,
) {
    for &(a, b) in &BONES {
        let colour = match (grey, side(a).or(side(b))) {
            (true, _) => OTHER,
            (false, Some(true)) => LEFT,
            (false, Some(false)) => RIGHT,
            (false, None) => TRUNK,
        };
        let (x1, y1) = to_px(pts[a - 1]);
        let (x2, y2) = to_px(pts[b - 1]);
        let _ = writeln!(
            svg,
            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{colour}"/>"#
        );
    }
    let (hx, hy) = to_px(pts[3]);
    let colour = if grey { OTHER } else { TRUNK };
    let _ = writeln!(
        svg,
        r#"<circle cx="{hx:.1}" cy="{hy:.1}" r="{:.1}" fill="white" stroke="{colour}"/>"#,
        0.09 * SCALE
    );
}

/// Title, legend and the SVG element around the rows.
fn header(cfg: &SyntheticConfig, width: f32, height: f32, second_person: bool) -> String {
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif">"#
    );
    let _ = writeln!(svg, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        svg,
        r#"<text x="10" y="22" font-size="15" font-weight="bold">Synthetic actions: default SyntheticConfig (seed {}), clips S001C{CAMERA:03}P001R{REPLICATION:03}A0xx</text>"#,
        cfg.seed
    );
    let other = if second_person {
        format!(r#", <tspan fill="{OTHER}">second person</tspan>"#)
    } else {
        String::new()
    };
    let _ = writeln!(
        svg,
        r#"<text x="10" y="40" font-size="12" fill="{TRUNK}">5 frames evenly spaced through each clip, as read back by parse_clip; camera x/y plane</text>"#
    );
    let _ = writeln!(
        svg,
        r#"<text x="10" y="56" font-size="12" fill="{TRUNK}">as the sensor sees it, y up; <tspan fill="{LEFT}">left side</tspan>, <tspan fill="{RIGHT}">right side</tspan>{other}; 1 m = {SCALE} px</text>"#
    );
    svg
}

fn main() {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "docs/img/synthetic-actions.svg".into());
    let cfg = SyntheticConfig::default();
    let opts = ReadOptions {
        max_frame: cfg.max_frames,
        max_body: 2,
    };
    let width = LABEL_W + CELL_W * FRAMES_PER_ROW as f32 + 10.0;
    let height = TOP + CELL_H * cfg.classes as f32 + 10.0;
    let mut svg = String::new();
    let mut second_person = false;
    for action in 1..=cfg.classes as u16 {
        let name = ClipName {
            setup: 1,
            camera: CAMERA,
            subject: 1,
            replication: REPLICATION,
            action,
        };
        let file = format!("{name}.skeleton");
        let text = clip_text(&cfg, &name);
        let clip = parse_clip(text.as_bytes(), &file, &opts).expect("generated clips parse");
        let row_top = TOP + CELL_H * f32::from(action - 1);
        // One horizontal centre and one floor per clip, so motion within the
        // row (jumping, squatting, stepping) stays visible.
        let (mut sum_x, mut floor) = (0.0, f32::MAX);
        for t in 0..clip.frames {
            let p = joints(&clip, t, 0).expect("the actor is in every frame");
            sum_x += p[0].0;
            floor = [14, 15, 18, 19]
                .iter()
                .map(|&j| p[j].1)
                .fold(floor, f32::min);
        }
        let centre_x = sum_x / clip.frames as f32;
        let label = ACTIONS[usize::from(action - 1)];
        let _ = writeln!(
            svg,
            r#"<text x="10" y="{:.1}" font-size="14">{label}</text>"#,
            row_top + CELL_H / 2.0
        );
        let _ = writeln!(
            svg,
            r##"<text x="10" y="{:.1}" font-size="11" fill="#777">label {}, {} frames</text>"##,
            row_top + CELL_H / 2.0 + 16.0,
            action - 1,
            clip.frames
        );
        if action > 1 {
            let _ = writeln!(
                svg,
                r##"<line x1="10" y1="{row_top:.1}" x2="{:.1}" y2="{row_top:.1}" stroke="#e4e4e4"/>"##,
                width - 10.0
            );
        }
        for k in 0..FRAMES_PER_ROW {
            let t = (2 * k + 1) * clip.frames / (2 * FRAMES_PER_ROW);
            let cell_x = LABEL_W + CELL_W * k as f32;
            let ground = row_top + CELL_H - FLOOR_PAD;
            let mid = cell_x + CELL_W / 2.0;
            let to_px =
                |(x, y): (f32, f32)| (mid - (x - centre_x) * SCALE, ground - (y - floor) * SCALE);
            let _ = writeln!(
                svg,
                r##"<line x1="{:.1}" y1="{ground:.1}" x2="{:.1}" y2="{ground:.1}" stroke="#cccccc"/>"##,
                cell_x + 8.0,
                cell_x + CELL_W - 8.0
            );
            // A second person stands about 1 m beside the actor: clip it to the
            // cell's width (not its height, so raised arms are never cut).
            let cell = format!("cell{action}-{k}");
            let _ = writeln!(
                svg,
                r#"<clipPath id="{cell}"><rect x="{cell_x}" y="0" width="{CELL_W}" height="{height}"/></clipPath>"#
            );
            let _ = writeln!(
                svg,
                r#"<g stroke-width="2.2" stroke-linecap="round" clip-path="url(#{cell})">"#
            );
            if let Some(p) = joints(&clip, t, 1) {
                figure(&mut svg, &p, &to_px, true);
                second_person = true;
            }
            let p = joints(&clip, t, 0).expect("the actor is in every frame");
            figure(&mut svg, &p, &to_px, false);
            let _ = writeln!(svg, "</g>");
            let _ = writeln!(
                svg,
                r##"<text x="{mid:.1}" y="{:.1}" font-size="10" fill="#777" text-anchor="middle">t = {t}</text>"##,
                ground + 15.0
            );
        }
    }
    let _ = writeln!(svg, "</svg>");
    let svg = header(&cfg, width, height, second_person) + &svg;
    if let Some(dir) = std::path::Path::new(&out)
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).expect("create output directory");
    }
    std::fs::write(&out, svg).expect("write the SVG");
    println!("wrote {out}");
}

//! The figures (plotters, each as SVG and PNG): accuracy versus HE latency
//! with the Pareto front, and the kept gates per unit and joint per lambda.
//! Text uses the vendored DejaVu Sans, so output does not depend on the
//! fonts a machine has installed.

use super::{Report, Row};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;
use std::sync::Once;

const FONT: &str = "sans-serif";
const SIZE: (u32, u32) = (800, 520);

fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let bytes = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
        plotters::style::register_font(FONT, FontStyle::Normal, bytes)
            .unwrap_or_else(|_| panic!("the vendored DejaVu Sans is a valid font"));
    });
}

/// Draws `frontier.svg` and `frontier.png` into `dir`.
pub fn render_frontier(report: &Report, dir: &Path) -> Result<(), String> {
    register_font();
    let svg = dir.join("frontier.svg");
    frontier(report, &SVGBackend::new(&svg, SIZE).into_drawing_area())?;
    let png = dir.join("frontier.png");
    let area = BitMapBackend::new(&png, SIZE).into_drawing_area();
    frontier(report, &area)
}

/// Draws `gates.svg` and `gates.png` into `dir`.
pub fn render_gates(report: &Report, dir: &Path) -> Result<(), String> {
    register_font();
    let rows: Vec<&Row> = report
        .rows
        .iter()
        .filter(|r| r.lambda.is_some() && !r.masks.is_empty())
        .collect();
    let size = (SIZE.0, 60 + 150 * rows.len().max(1) as u32);
    let svg = dir.join("gates.svg");
    gates(&rows, &SVGBackend::new(&svg, size).into_drawing_area())?;
    let png = dir.join("gates.png");
    let area = BitMapBackend::new(&png, size).into_drawing_area();
    gates(&rows, &area)
}

fn err(e: impl std::fmt::Display) -> String {
    format!("drawing a figure: {e}")
}

/// A labelled point of the frontier: latency (s), top-1 %, measured?
struct Point {
    label: String,
    latency: f64,
    top1: f64,
    measured: bool,
}

/// The points of the frontier. A measured latency is wall time on the
/// threads its `he-eval` ran on, while the reference model prices one
/// thread's work: an estimated point is drawn at the model's latency over
/// the threads of the measured rows, so both are on one footing.
fn points(report: &Report) -> Vec<Point> {
    let threads = report
        .rows
        .iter()
        .find_map(|r| match r.he {
            crate::report::HeOutcome::Ran { threads, .. } => Some(threads.max(1) as f64),
            _ => None,
        })
        .unwrap_or(1.0);
    report
        .rows
        .iter()
        .filter_map(|r| {
            let (latency, measured) = r.latency()?;
            let latency = if measured { latency } else { latency / threads };
            Some(Point {
                label: match (r.lambda, r.granularity.as_deref()) {
                    (Some(l), Some("layer")) => format!("λ={l} layer-wise"),
                    (Some(l), _) => format!("λ={l}"),
                    (None, _) if r.distilled == Some(true) => "unlinearized, KD".into(),
                    (None, _) => "unlinearized".into(),
                },
                latency,
                top1: 100.0 * r.top1?,
                measured,
            })
        })
        .collect()
}

/// The points no other point beats on both latency and accuracy, by latency.
fn pareto(points: &[Point]) -> Vec<(f64, f64)> {
    let mut sorted: Vec<(f64, f64)> = points.iter().map(|p| (p.latency, p.top1)).collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.total_cmp(&a.1)));
    let mut front: Vec<(f64, f64)> = Vec::new();
    for p in sorted {
        if front.last().is_none_or(|last| p.1 > last.1) {
            front.push(p);
        }
    }
    front
}

/// The first corner of the plot whose quarter holds no point, so that the
/// legend hides nothing (lower right if every quarter is taken).
fn legend_corner(points: &[Point], (lo, hi): (f64, f64), ymin: f64) -> SeriesLabelPosition {
    let xmid = (lo * hi).sqrt();
    let ymid = (ymin + 100.0) / 2.0;
    let corners = [
        (SeriesLabelPosition::LowerRight, true, false),
        (SeriesLabelPosition::LowerLeft, false, false),
        (SeriesLabelPosition::UpperRight, true, true),
        (SeriesLabelPosition::UpperLeft, false, true),
    ];
    corners
        .into_iter()
        .find(|(_, right, upper)| {
            !points
                .iter()
                .any(|p| (p.latency > xmid) == *right && (p.top1 > ymid) == *upper)
        })
        .map_or(SeriesLabelPosition::LowerRight, |c| c.0)
}

fn frontier<DB: DrawingBackend>(
    report: &Report,
    root: &DrawingArea<DB, Shift>,
) -> Result<(), String> {
    root.fill(&WHITE).map_err(err)?;
    let points = points(report);
    let relu = report
        .rows
        .iter()
        .find(|r| r.plan.is_none())
        .and_then(|r| r.top1)
        .map(|t| 100.0 * t);
    let lat = |f: fn(f64, f64) -> f64, init| points.iter().map(|p| p.latency).fold(init, f);
    let (lo, hi) = (lat(f64::min, f64::INFINITY), lat(f64::max, 0.0));
    let (lo, hi) = if lo.is_finite() {
        (lo / 2.0, hi * 2.0)
    } else {
        (0.1, 10.0)
    };
    let accs = points.iter().map(|p| p.top1).chain(relu);
    let ymin = accs.clone().fold(100.0f64, f64::min);
    let ymin = ((ymin - 5.0) / 10.0).floor().max(0.0) * 10.0;
    let mut chart = ChartBuilder::on(root)
        .caption("Accuracy versus encrypted inference latency", (FONT, 22))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(56)
        .build_cartesian_2d((lo..hi).log_scale(), ymin..100.0)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc("HE latency of one inference, s (log scale)")
        .y_desc("top-1 %")
        .label_style((FONT, 14))
        .draw()
        .map_err(err)?;
    if let Some(relu) = relu {
        chart
            .draw_series(DashedLineSeries::new(
                [(lo, relu), (hi, relu)],
                8,
                6,
                RGBColor(120, 120, 120).into(),
            ))
            .map_err(err)?
            .label("ReLU baseline (plaintext only)")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], RGBColor(120, 120, 120)));
    }
    let front = pareto(&points);
    chart
        .draw_series(LineSeries::new(front, BLUE.stroke_width(2)))
        .map_err(err)?
        .label("Pareto front")
        .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], BLUE.stroke_width(2)));
    for (measured, label) in [
        (true, "measured (he-eval)"),
        (false, "estimated (model / threads)"),
    ] {
        let style = if measured {
            RED.filled()
        } else {
            RED.stroke_width(2)
        };
        chart
            .draw_series(
                points
                    .iter()
                    .filter(|p| p.measured == measured)
                    .map(|p| Circle::new((p.latency, p.top1), 6, style)),
            )
            .map_err(err)?
            .label(label)
            .legend(move |(x, y)| Circle::new((x + 10, y), 5, style));
    }
    let anchors: Vec<(i32, i32)> = points
        .iter()
        .map(|p| chart.backend_coord(&(p.latency, p.top1)))
        .collect();
    let labels: Vec<&str> = points.iter().map(|p| p.label.as_str()).collect();
    let offsets = place_labels(&anchors, &labels);
    chart
        .draw_series(points.iter().zip(offsets).map(|(p, off)| {
            EmptyElement::at((p.latency, p.top1)) + Text::new(p.label.clone(), off, (FONT, 15))
        }))
        .map_err(err)?;
    chart
        .configure_series_labels()
        .position(legend_corner(&points, (lo, hi), ymin))
        .label_font((FONT, 14))
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()
        .map_err(err)?;
    root.present().map_err(err)
}

/// Label text height and average glyph width at size 15, in pixels.
const LABEL_H: i32 = 16;
const GLYPH_W: i32 = 8;

/// Pixel offsets of each label from its point, chosen in order among
/// positions around the point so that no label box overlaps another label
/// or a point's marker (the first candidate if none is free).
fn place_labels(anchors: &[(i32, i32)], labels: &[&str]) -> Vec<(i32, i32)> {
    let boxes_overlap =
        |a: [i32; 4], b: [i32; 4]| a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    let markers: Vec<[i32; 4]> = anchors
        .iter()
        .map(|&(x, y)| [x - 7, y - 7, x + 7, y + 7])
        .collect();
    let mut placed: Vec<[i32; 4]> = Vec::new();
    let mut out = Vec::new();
    for (&(x, y), label) in anchors.iter().zip(labels) {
        let w = GLYPH_W * label.chars().count() as i32;
        let candidates = [
            (9, -LABEL_H - 4),
            (9, 4),
            (-9 - w, -LABEL_H - 4),
            (-9 - w, 4),
            (-w / 2, -LABEL_H - 12),
            (-w / 2, 12),
            (9, -2 * LABEL_H - 6),
            (9, LABEL_H + 6),
        ];
        let fits = |&(dx, dy): &(i32, i32)| {
            let b = [x + dx, y + dy, x + dx + w, y + dy + LABEL_H];
            !placed.iter().chain(&markers).any(|&o| boxes_overlap(b, o))
        };
        let (dx, dy) = candidates
            .iter()
            .copied()
            .find(fits)
            .unwrap_or(candidates[0]);
        placed.push([x + dx, y + dy, x + dx + w, y + dy + LABEL_H]);
        out.push((dx, dy));
    }
    out
}

fn gates<DB: DrawingBackend>(rows: &[&Row], root: &DrawingArea<DB, Shift>) -> Result<(), String> {
    root.fill(&WHITE).map_err(err)?;
    let root = root
        .titled(
            "Nonlinear (kept) gates per activation unit and joint",
            (FONT, 22),
        )
        .map_err(err)?;
    if rows.is_empty() {
        root.draw(&Text::new(
            "no linearized models in this run",
            (20, 40),
            (FONT, 16),
        ))
        .map_err(err)?;
        return root.present().map_err(err);
    }
    for (row, area) in rows.iter().zip(root.split_evenly((rows.len(), 1))) {
        let units = row.masks.len();
        let kept: u64 = row.kept_per_unit.iter().sum();
        let caption = format!(
            "λ = {}: {kept}/{} gates kept, {:.2} effective layers, top-1 {:.1} %",
            row.lambda.unwrap_or_default(),
            25 * units,
            row.effective_layers.unwrap_or_default(),
            100.0 * row.top1.unwrap_or_default()
        );
        let mut chart = ChartBuilder::on(&area)
            .caption(caption, (FONT, 15))
            .margin_left(16)
            .margin_right(16)
            .x_label_area_size(28)
            .y_label_area_size(56)
            .build_cartesian_2d(
                (0u32..25).into_segmented(),
                (0u32..units as u32).into_segmented(),
            )
            .map_err(err)?;
        let top = units as u32 - 1;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(25)
            .x_label_formatter(&|j| match j {
                SegmentValue::CenterOf(j) if *j < 25 => format!("{}", j + 1),
                _ => String::new(),
            })
            .y_labels(units)
            .y_label_formatter(&|u| match u {
                SegmentValue::CenterOf(u) if u <= &top => {
                    format!("b{}.{}", (top - u) / 2, (top - u) % 2)
                }
                _ => String::new(),
            })
            .x_desc("joint")
            .label_style((FONT, 11))
            .draw()
            .map_err(err)?;
        let cells = row.masks.iter().enumerate().flat_map(|(u, mask)| {
            let y = top - u as u32;
            mask.iter().enumerate().map(move |(j, &g)| {
                let color = if g == 1 {
                    RGBColor(31, 78, 160)
                } else {
                    RGBColor(225, 228, 235)
                };
                let j = j as u32;
                Rectangle::new(
                    [
                        (SegmentValue::Exact(j), SegmentValue::Exact(y)),
                        (SegmentValue::Exact(j + 1), SegmentValue::Exact(y + 1)),
                    ],
                    color.filled(),
                )
            })
        });
        chart.draw_series(cells).map_err(err)?;
    }
    root.present().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(latency: f64, top1: f64) -> Point {
        Point {
            label: String::new(),
            latency,
            top1,
            measured: false,
        }
    }

    #[test]
    fn ablation_points_say_what_they_ablate() {
        use crate::report::{PlanSummary, Provenance, Row};
        let row = |lambda: Option<f64>, granularity: Option<&str>, distilled: bool| Row {
            lambda,
            granularity: granularity.map(Into::into),
            distilled: Some(distilled),
            top1: Some(0.9),
            plan: Some(PlanSummary {
                reference_s: 10.0,
                ..PlanSummary::default()
            }),
            ..Row::default()
        };
        let report = Report {
            rows: vec![
                row(None, None, false),
                row(None, None, true),
                row(Some(0.5), Some("node"), false),
                row(Some(0.5), Some("layer"), false),
            ],
            provenance: Provenance::default(),
        };
        let labels: Vec<String> = points(&report).into_iter().map(|p| p.label).collect();
        assert_eq!(
            labels,
            [
                "unlinearized",
                "unlinearized, KD",
                "λ=0.5",
                "λ=0.5 layer-wise"
            ]
        );
        // Unmeasured: the one-thread model latency, as is.
        assert!(points(&report)
            .iter()
            .all(|p| p.latency == 10.0 && !p.measured));
        // Beside a row measured on 2 threads, estimates are drawn per 2 threads.
        let mut report = report;
        report.rows[0].he = crate::report::HeOutcome::Ran {
            samples: 16,
            encrypted_top1: 0.9,
            agreement: 1.0,
            max_abs_error: 1e-3,
            latency_s: 7.0,
            threads: 2,
        };
        let lat: Vec<f64> = points(&report).iter().map(|p| p.latency).collect();
        assert_eq!(lat, [7.0, 5.0, 5.0, 5.0]);
    }

    #[test]
    fn labels_of_close_points_do_not_overlap() {
        let anchors = [(100, 100), (104, 98), (108, 102), (300, 300)];
        let labels = ["λ=0.1", "λ=0.5", "unlinearized", "λ=2"];
        let offsets = place_labels(&anchors, &labels);
        let boxes: Vec<[i32; 4]> = anchors
            .iter()
            .zip(&offsets)
            .zip(labels)
            .map(|((&(x, y), &(dx, dy)), l)| {
                let w = GLYPH_W * l.chars().count() as i32;
                [x + dx, y + dy, x + dx + w, y + dy + LABEL_H]
            })
            .collect();
        for i in 0..boxes.len() {
            for j in i + 1..boxes.len() {
                let (a, b) = (boxes[i], boxes[j]);
                let overlap = a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
                assert!(!overlap, "labels {i} and {j} overlap: {a:?} {b:?}");
            }
        }
    }

    #[test]
    fn pareto_keeps_only_undominated_points() {
        let points = [
            point(100.0, 90.0),
            point(10.0, 80.0),
            point(20.0, 70.0),
            point(50.0, 85.0),
        ];
        assert_eq!(
            pareto(&points),
            vec![(10.0, 80.0), (50.0, 85.0), (100.0, 90.0)]
        );
    }
}

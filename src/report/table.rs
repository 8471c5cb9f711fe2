//! The results table as Markdown and CSV, and the reproducibility check:
//! deterministic columns must match a committed CSV exactly; measured ones
//! (latency, and everything that depends on encryption noise or on whether
//! the latency budget let he-eval run) are reported, never compared.

use super::interval::percent_with_interval;
use super::{HeOutcome, Report, Row};
use std::fmt::Write as _;

/// A column of the results table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The CSV header.
    pub id: &'static str,
    /// The Markdown header.
    pub title: &'static str,
    /// Measured on this machine (reported, not compared by `check`).
    pub measured: bool,
}

const fn col(id: &'static str, title: &'static str, measured: bool) -> Column {
    Column {
        id,
        title,
        measured,
    }
}

pub const COLUMNS: &[Column] = &[
    col("config", "configuration", false),
    col("model", "model", false),
    col("lambda", "λ", false),
    col("gates", "gates", false),
    col("distillation", "distillation", false),
    col("kept_units", "kept nonlinear layers", false),
    col("effective_layers", "effective layers", false),
    col("depth", "depth", false),
    col("ring_dim", "N", false),
    col("log_q", "log Q", false),
    col("ct_ct_mul", "ct×ct mul", false),
    col("rotations", "rotations", false),
    col("clips", "clips / inference", false),
    col("model_s", "model latency s", false),
    col("speedup", "speedup (model)", false),
    col("top1", "top-1 %", false),
    col("top5", "top-5 %", false),
    col("encrypted_top1", "encrypted top-1 %", true),
    col("agreement", "agreement %", true),
    col("max_error", "max error", true),
    col("estimated_s", "est. latency s", true),
    col("latency_s", "HE latency s", true),
    col("measured_speedup", "speedup (measured)", true),
];

/// A row's cells, in [`COLUMNS`] order; empty when not applicable.
fn cells(report: &Report, row: &Row) -> Vec<String> {
    let plan = row.plan.as_ref();
    let pct = |v: Option<f64>| match (v, row.val_samples) {
        (Some(v), Some(n)) => percent_with_interval(v, n),
        (Some(v), None) => format!("{:.1}", 100.0 * v),
        (None, _) => String::new(),
    };
    let (enc, agree, error, latency) = match &row.he {
        HeOutcome::Ran {
            samples,
            encrypted_top1,
            agreement,
            max_abs_error,
            latency_s,
            ..
        } => (
            format!(
                "{} (n={samples})",
                percent_with_interval(*encrypted_top1, *samples)
            ),
            format!("{:.1}", 100.0 * agreement),
            format!("{max_abs_error:.1e}"),
            format!("{latency_s:.1}"),
        ),
        HeOutcome::Skipped { .. } => (
            String::new(),
            String::new(),
            String::new(),
            "skipped".into(),
        ),
        HeOutcome::Simulated { samples, agreement } => (
            format!("not encrypted (sim; n={samples})"),
            format!("{:.1} sim", 100.0 * agreement),
            String::new(),
            String::new(),
        ),
        HeOutcome::None => Default::default(),
    };
    let units = row.kept_per_unit.len();
    vec![
        if row.portable {
            row.config.clone()
        } else {
            format!("{} ‡", row.config)
        },
        row.model.clone(),
        row.lambda.map_or(String::new(), |l| l.to_string()),
        row.granularity.clone().unwrap_or_default(),
        row.distilled
            .map_or("", |d| if d { "KD+AT" } else { "none" })
            .into(),
        if units == 0 {
            String::new()
        } else {
            format!("{}/{units}", row.kept_units())
        },
        row.effective_layers
            .map_or(String::new(), |e| format!("{e:.2}")),
        plan.map_or(String::new(), |p| p.depth.to_string()),
        plan.map_or(String::new(), |p| p.ring_dim.to_string()),
        plan.map_or(String::new(), |p| p.log_q.to_string()),
        plan.map_or(String::new(), |p| p.ct_ct_mul.to_string()),
        plan.map_or(String::new(), |p| p.rotations.to_string()),
        plan.map_or(String::new(), |p| p.clips_per_inference.to_string()),
        plan.map_or(String::new(), |p| format!("{:.1}", p.reference_s)),
        report
            .speedup(row)
            .map_or(String::new(), |s| format!("{s:.1}x")),
        pct(row.top1),
        pct(row.top5),
        enc,
        agree,
        error,
        plan.and_then(|p| p.estimated_s)
            .map_or(String::new(), |s| format!("{s:.1}")),
        latency,
        report
            .measured_speedup(row)
            .map_or(String::new(), |s| format!("{s:.1}x")),
    ]
    .into_iter()
    .map(|c| c.replace([',', '\n'], ";"))
    .collect()
}

/// The table as CSV (header of column ids).
pub fn csv(report: &Report) -> String {
    let mut out = COLUMNS.iter().map(|c| c.id).collect::<Vec<_>>().join(",");
    out.push('\n');
    for row in &report.rows {
        out.push_str(&cells(report, row).join(","));
        out.push('\n');
    }
    out
}

/// The table alone, as Markdown.
pub fn table_markdown(report: &Report) -> String {
    let mut md = String::new();
    let titles: Vec<String> = COLUMNS
        .iter()
        .map(|c| format!("{}{}", c.title, if c.measured { " †" } else { "" }))
        .collect();
    let _ = writeln!(md, "| {} |", titles.join(" | "));
    let _ = writeln!(md, "|{}", "---|".repeat(COLUMNS.len()));
    for row in &report.rows {
        let cells: Vec<String> = cells(report, row)
            .into_iter()
            .map(|c| if c.is_empty() { "–".into() } else { c })
            .collect();
        let _ = writeln!(md, "| {} |", cells.join(" | "));
    }
    md
}

/// The results page: the table, the figures, notes on each row's HE run
/// and the provenance footer.
pub fn markdown(report: &Report) -> String {
    let mut md = String::new();
    let p = &report.provenance;
    let _ = writeln!(md, "# Results: pipeline `{}`\n", p.pipeline);
    md.push_str(
        "Generated by `lingcn report` from the stage records (nothing re-run). \
         Columns marked † are measured on the machine that ran the pipeline and \
         vary between runs; the others are deterministic for a given pipeline and \
         are checked by `lingcn report --check` in CI.\n\n",
    );
    md.push_str(&table_markdown(report));
    validation_note(report, &mut md);
    md.push_str(LEGEND);
    md.push_str("\n![accuracy versus HE latency](img/frontier.svg)\n\n");
    md.push_str("![kept gates per unit and joint](img/gates.svg)\n\n");
    skipped_notes(report, &mut md);
    simulated_notes(report, &mut md);
    estimates(report, &mut md);
    provenance(report, &mut md);
    md
}

const LEGEND: &str = "
- *kept nonlinear layers*: activation units with at least one nonlinear joint;
  *effective layers*: kept gates / 25 summed over units (LinGCN's count).
- *depth*: multiplicative depth of the fused circuit; *N*, *log Q*: the CKKS
  ring dimension and modulus the plan chose (128-bit security).
- *gates*: how linearization placed the nonlinearities it kept: per joint
  (`node`, LinGCN) or whole units (`layer`, the ablation); *distillation*:
  whether polynomial replacement learned from the ReLU teacher (`KD+AT`:
  soft labels and attention transfer) or from the labels alone (`none`).
- *top-1/top-5*: plaintext accuracy of the model on all validation clips
  (for HE models, the polynomial model the circuit was fused from), with
  its 95 % Wilson interval in brackets.
- *encrypted top-1*: on the `n` clips `he-eval` encrypted (95 % Wilson
  interval in brackets); *agreement*:
  encrypted top-1 equal to plaintext top-1; *max error*: largest
  |decrypted - plaintext| logit.
- *clips / inference*: clips packed side by side into the slots of one
  encrypted inference (lanes; both bodies of a clip share a ciphertext);
  every latency below is for one inference, whatever it holds.
- *model latency*: the plan's op counts priced level by level by the fixed
  reference cost model (`src/fuse/cost.rs`, docs/he.md), the same on every
  machine; `fuse` chooses layout and merging by it, and `he-eval` skips a
  plan whose model latency is over its budget; *speedup (model)*: the
  unlinearized model's model latency over this row's.
- *est. latency*: the same counts priced by this machine's measured CKKS op
  costs (`he-bench`); *HE latency*: one inference measured end to end
  (encrypt, evaluate, decrypt), or `skipped` when over the budget; the
  other `n` clips run in passes that share plaintext encodings;
  *speedup (measured)*: the unlinearized model's HE latency over this
  row's, both measured. A row whose `he-eval` ran on the slot simulator
  (`backend = \"sim\"`) says `not encrypted (sim)`: its agreement is
  marked `sim`, and it has no encrypted top-1, error or HE latency.
- ‡ after a configuration: some stage of it ran with a pinned numeric
  variable overridden (`env` in pipeline.toml), so its numbers may differ
  on another machine.
";

/// How many validation clips the plaintext accuracies come from.
fn validation_note(report: &Report, md: &mut String) {
    let mut counts: Vec<u64> = report.rows.iter().filter_map(|r| r.val_samples).collect();
    counts.sort_unstable();
    counts.dedup();
    let counts: Vec<String> = counts.iter().map(u64::to_string).collect();
    if !counts.is_empty() {
        let _ = writeln!(
            md,
            "\nPlaintext accuracies are measured on {} validation clips.",
            counts.join(" / ")
        );
    }
}

fn skipped_notes(report: &Report, md: &mut String) {
    let skipped: Vec<(&str, &str)> = report
        .rows
        .iter()
        .filter_map(|r| match &r.he {
            HeOutcome::Skipped { reason } => Some((r.config.as_str(), reason.as_str())),
            _ => None,
        })
        .collect();
    if skipped.is_empty() {
        return;
    }
    md.push_str("Encrypted runs skipped:\n\n");
    for (config, reason) in skipped {
        let _ = writeln!(md, "- {config}: {reason}");
    }
    md.push('\n');
}

fn simulated_notes(report: &Report, md: &mut String) {
    let simulated: Vec<&str> = report
        .rows
        .iter()
        .filter(|r| matches!(r.he, HeOutcome::Simulated { .. }))
        .map(|r| r.config.as_str())
        .collect();
    if simulated.is_empty() {
        return;
    }
    md.push_str(
        "Not encrypted: `he-eval` ran on the plaintext slot simulator (`backend = \"sim\"`), \
         which checks the packing; these rows have no encrypted results:\n\n",
    );
    for config in simulated {
        let _ = writeln!(md, "- {config}");
    }
    md.push('\n');
}

/// Each measured row's latency against the two models' estimates. Both
/// models price one thread's work; `he-eval` spreads a layer's ciphertexts
/// over its threads, so they are compared with the latency times the
/// threads.
fn estimates(report: &Report, md: &mut String) {
    md.push_str(&estimates_markdown(report));
}

/// The estimates table (empty when no row was measured).
pub fn estimates_markdown(report: &Report) -> String {
    let mut md = String::new();
    let rows: Vec<(&Row, &super::PlanSummary, f64, u64)> = report
        .rows
        .iter()
        .filter_map(|r| match (&r.plan, &r.he) {
            (
                Some(plan),
                HeOutcome::Ran {
                    latency_s, threads, ..
                },
            ) => Some((r, plan, *latency_s, *threads)),
            _ => None,
        })
        .collect();
    if rows.is_empty() {
        return md;
    }
    md.push_str(
        "Estimates against measurements (one inference; the models price one thread's work, \
         compared with the HE latency times the threads it ran on; † measured on this machine):\n\n",
    );
    md.push_str("| configuration | model s | est. s † | HE latency s † | threads | model / measured | est. / measured |\n");
    md.push_str("|---|---|---|---|---|---|---|\n");
    let ratio = |e: f64, m: f64| format!("{:+.0} %", 100.0 * (e / m - 1.0));
    for (row, plan, measured, threads) in rows {
        let work = measured * threads.max(1) as f64;
        let est = plan.estimated_s;
        let _ = writeln!(
            &mut md,
            "| {} | {:.1} | {} | {measured:.1} | {threads} | {} | {} |",
            row.config,
            plan.reference_s,
            est.map_or("–".into(), |e| format!("{e:.1}")),
            ratio(plan.reference_s, work),
            est.map_or("–".into(), |e| ratio(e, work)),
        );
    }
    md.push('\n');
    md
}

fn provenance(report: &Report, md: &mut String) {
    let p = &report.provenance;
    let total: f64 = p.stages.iter().map(|s| s.2).sum();
    let _ = writeln!(md, "## Provenance\n");
    let _ = writeln!(md, "- lingcn {}", p.lingcn_version);
    let _ = writeln!(md, "- newest record finished {}", utc(p.finished_ms));
    let _ = writeln!(md, "- machine: {} cores", p.cores);
    for (env, portable) in &p.environments {
        let pin = if *portable {
            "pinned, portable"
        } else {
            "NOT PORTABLE: a pinned variable was overridden"
        };
        let _ = writeln!(md, "- process environment: `{env}` ({pin})");
    }
    let _ = writeln!(
        md,
        "- stage time, summed over the records: {:.0} s ({:.1} min)\n",
        total,
        total / 60.0
    );
    let _ = writeln!(md, "| stage | key | seconds |\n|---|---|---|");
    for (stage, key, seconds) in &p.stages {
        let _ = writeln!(md, "| {stage} | `{key}` | {seconds:.1} |");
    }
}

/// `2026-11-26 01:40 UTC` from Unix milliseconds (civil-from-days).
fn utc(ms: u64) -> String {
    let secs = ms / 1000;
    let days = (secs / 86_400) as i64;
    let (h, m) = ((secs % 86_400) / 3600, (secs % 3600) / 60);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(mo <= 2);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{m:02} UTC")
}

/// A deterministic cell that differs from the committed table.
#[derive(Debug, Clone, PartialEq)]
pub struct CellDiff {
    pub config: String,
    pub column: &'static str,
    pub committed: String,
    pub now: String,
}

impl std::fmt::Display for CellDiff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let show = |s: &str| {
            if s.is_empty() {
                "(none)".to_string()
            } else {
                s.to_string()
            }
        };
        write!(
            f,
            "{}: {}: committed {}, now {}",
            self.config,
            self.column,
            show(&self.committed),
            show(&self.now)
        )
    }
}

/// Compares the deterministic columns of `report` with a committed CSV
/// (as written by [`csv`]); rows are matched by configuration.
pub fn check(report: &Report, committed_csv: &str) -> Result<Vec<CellDiff>, String> {
    let mut lines = committed_csv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let index = |id: &str| header.iter().position(|h| *h == id);
    let config_at = index("config").ok_or("the committed CSV has no `config` column")?;
    let committed: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let mut diffs = Vec::new();
    let now: Vec<Vec<String>> = report.rows.iter().map(|r| cells(report, r)).collect();
    for row in &now {
        let config = &row[0];
        let old = committed
            .iter()
            .find(|c| c.get(config_at) == Some(&config.as_str()));
        for (i, column) in COLUMNS.iter().enumerate().filter(|(_, c)| !c.measured) {
            let then = old
                .and_then(|o| index(column.id).and_then(|j| o.get(j)))
                .map_or("", |v| v);
            if old.is_none() || then != row[i] {
                diffs.push(CellDiff {
                    config: config.clone(),
                    column: column.id,
                    committed: if old.is_none() {
                        "(no such row)".into()
                    } else {
                        then.into()
                    },
                    now: row[i].clone(),
                });
                if old.is_none() {
                    break;
                }
            }
        }
    }
    for old in &committed {
        let config = old.get(config_at).copied().unwrap_or_default();
        if !now.iter().any(|r| r[0] == config) {
            diffs.push(CellDiff {
                config: config.to_string(),
                column: "config",
                committed: config.to_string(),
                now: "(no such row)".into(),
            });
        }
    }
    Ok(diffs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{PlanSummary, Provenance};

    fn report() -> Report {
        let row = |config: &str, lambda: Option<f64>, top1: f64, est: f64| Row {
            config: config.into(),
            model: "STGCN-3 16/32/32 T=64".into(),
            lambda,
            kept_per_unit: vec![25, 25, 10, 0, 0, 0],
            effective_layers: Some(2.4),
            top1: Some(top1),
            top5: Some(1.0),
            plan: Some(PlanSummary {
                depth: 7,
                ring_dim: 16384,
                log_q: 400,
                ct_ct_mul: 12,
                rotations: 300,
                reference_s: est,
                estimated_s: Some(est + 1.0),
                clips_per_inference: 2,
            }),
            portable: true,
            ..Row::default()
        };
        Report {
            rows: vec![
                row("poly", None, 0.9, 100.0),
                row("lambda=0.5", Some(0.5), 0.85, 10.0),
            ],
            provenance: Provenance::default(),
        }
    }

    #[test]
    fn csv_round_trips_through_the_check() {
        let r = report();
        assert_eq!(check(&r, &csv(&r)).unwrap(), vec![]);
        assert!(csv(&r).contains("lambda=0.5,STGCN-3 16/32/32 T=64,0.5,,,3/6,2.40,7,16384,400,12,300,2,10.0,10.0x,85.0,100.0,,,,11.0,,"));
    }

    #[test]
    fn accuracies_carry_their_interval_and_rows_their_recipe() {
        let mut r = report();
        r.rows[1].val_samples = Some(800);
        r.rows[1].granularity = Some("layer".into());
        r.rows[1].distilled = Some(false);
        r.rows[1].he = HeOutcome::Ran {
            samples: 16,
            encrypted_top1: 1.0,
            agreement: 1.0,
            max_abs_error: 1e-3,
            latency_s: 5.0,
            threads: 2,
        };
        let line = csv(&r).lines().nth(2).unwrap().to_string();
        assert!(line.starts_with("lambda=0.5,STGCN-3 16/32/32 T=64,0.5,layer,none,3/6,"));
        assert!(
            line.contains(",85.0 [82.4–87.3],100.0 [99.5–100.0],100.0 [80.6–100.0] (n=16),"),
            "{line}"
        );
        assert!(markdown(&r).contains("measured on 800 validation clips"));
    }

    #[test]
    fn an_edited_deterministic_cell_is_reported_and_a_measured_one_is_not() {
        let r = report();
        let committed = csv(&r)
            .replace(",85.0,", ",86.0,")
            .replace(",11.0,", ",3.0,");
        let diffs = check(&r, &committed).unwrap();
        assert_eq!(
            diffs,
            vec![CellDiff {
                config: "lambda=0.5".into(),
                column: "top1",
                committed: "86.0".into(),
                now: "85.0".into()
            }]
        );
    }

    #[test]
    fn missing_and_extra_rows_are_reported() {
        let r = report();
        let committed = csv(&r).replace("lambda=0.5", "lambda=0.7");
        let diffs: Vec<String> = check(&r, &committed)
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            diffs,
            vec![
                "lambda=0.5: config: committed (no such row), now lambda=0.5",
                "lambda=0.7: config: committed lambda=0.7, now (no such row)"
            ]
        );
    }

    #[test]
    fn simulator_numbers_are_never_shown_as_encrypted_results() {
        let mut r = report();
        r.rows[1].he = HeOutcome::Simulated {
            samples: 2,
            agreement: 1.0,
        };
        let line = csv(&r).lines().nth(2).unwrap().to_string();
        assert!(
            line.ends_with(",not encrypted (sim; n=2),100.0 sim,,11.0,,"),
            "{line}"
        );
        let md = markdown(&r);
        assert!(md.contains("Not encrypted: `he-eval` ran on the plaintext slot simulator"));
        assert!(md.contains("\n- lambda=0.5\n"), "{md}");
        assert_eq!(
            r.rows[1].latency(),
            Some((10.0, false)),
            "not a measured latency"
        );
    }

    #[test]
    fn utc_dates() {
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc(1_795_655_400_000), "2026-11-26 01:10 UTC");
        assert_eq!(utc(951_782_400_000), "2000-02-29 00:00 UTC");
    }
}

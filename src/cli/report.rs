//! `lingcn report`: the results from the current records of a pipeline.

use super::commands::load;
use super::ReportArgs;
use crate::engine::{self, Project, State};
use crate::report::{self, Report};
use anyhow::{bail, Context, Result};
use std::collections::BTreeSet;
use std::path::Path;

pub fn report(args: ReportArgs) -> Result<i32> {
    let project = load(&args.pipeline)?;
    let report = build(&project)?;
    if args.check {
        return check(&report, &args.out.join("results.csv"));
    }
    let readme = match &args.readme {
        Some(path) => Some((path, with_table(path, &report)?)),
        None => None,
    };
    report::write(&report, &args.out).map_err(anyhow::Error::msg)?;
    if let Some((path, text)) = readme {
        std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    eprintln!(
        "wrote {} rows to {}",
        report.rows.len(),
        args.out.join("results.md").display()
    );
    Ok(0)
}

/// The report over the stages upstream of the pipeline's `report` stages
/// (every stage if it has none), all of which must be up to date.
fn build(project: &Project) -> Result<Report> {
    let stages = &project.pipeline.stages;
    let reports: Vec<usize> = (0..stages.len())
        .filter(|&i| stages[i].kind == "report")
        .collect();
    let selected: BTreeSet<usize> = if reports.is_empty() {
        (0..stages.len()).collect()
    } else {
        reports
            .iter()
            .flat_map(|&i| project.dag.ancestors(i))
            .collect()
    };
    let db = project.store.open_db()?;
    let (current, statuses) = engine::current_records(project, &db, &selected)?;
    let behind: Vec<String> = statuses
        .iter()
        .filter(|s| s.state != State::UpToDate)
        .map(|s| match s.reasons.first() {
            Some(why) => format!("{} ({}: {why})", s.stage, s.state.label()),
            None => format!("{} ({})", s.stage, s.state.label()),
        })
        .collect();
    if !behind.is_empty() {
        bail!(
            "the report reads records only, and these stages are not up to date:\n  {}\nrun `lingcn run {}` first",
            behind.join("\n  "),
            project.pipeline.file.display()
        );
    }
    let records: Vec<_> = current.into_values().collect();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    Ok(Report::from_records(
        &project.pipeline.name,
        &records,
        cores,
    ))
}

/// `lingcn bench he --rows`: each measured row's estimates against its
/// measured latency, from the records of the pipeline's last run.
pub fn estimates(pipeline: &Path) -> Result<i32> {
    let report = build(&load(pipeline)?)?;
    let table = report::estimates_markdown(&report);
    if table.is_empty() {
        bail!(
            "{}: no row has a measured encrypted latency (no he-eval ran with SEAL)",
            pipeline.display()
        );
    }
    print!("{table}");
    Ok(0)
}

fn check(report: &Report, committed: &Path) -> Result<i32> {
    let text = std::fs::read_to_string(committed).with_context(|| {
        format!(
            "reading {} (write it first with `lingcn report`)",
            committed.display()
        )
    })?;
    let diffs = report::check(report, &text).map_err(anyhow::Error::msg)?;
    if diffs.is_empty() {
        println!(
            "{}: the deterministic columns of {} rows match",
            committed.display(),
            report.rows.len()
        );
        return Ok(0);
    }
    println!(
        "{}: {} deterministic values differ from this run:",
        committed.display(),
        diffs.len()
    );
    for d in &diffs {
        println!("  {d}");
    }
    Ok(1)
}

const BEGIN: &str = "<!-- results:begin -->";
const END: &str = "<!-- results:end -->";

/// The file's text with the block between the markers replaced by the
/// results table.
fn with_table(path: &Path, report: &Report) -> Result<String> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let (Some(begin), Some(end)) = (text.find(BEGIN), text.find(END)) else {
        bail!(
            "{}: no `{BEGIN}` ... `{END}` block to replace; add the two lines where the table goes",
            path.display()
        );
    };
    if end < begin {
        bail!("{}: `{END}` comes before `{BEGIN}`", path.display());
    }
    let table = report::table_markdown(report);
    Ok(format!(
        "{}{BEGIN}\n{table}{}",
        &text[..begin],
        &text[end..]
    ))
}

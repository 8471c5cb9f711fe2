//! `kind = "report"`: the results table and figures (see `crate::report`)
//! from the records of every stage upstream of it. Bind the stages whose
//! results it shows as inputs (e.g. the `he-eval` stages), so that the
//! report re-runs when they do.

use crate::engine::{Run, Stage, StageContext, StageError};
use crate::report::{self, Report};
use crate::spec::StageDef;
use serde::Deserialize;
use serde_json::{json, Value as Json};

pub struct ReportStage;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportConfig {}

impl Stage for ReportStage {
    type Config = ReportConfig;
    const KIND: &'static str = "report";
    const VERSION: u32 = 1;
    const ABOUT: &'static str =
        "results table (Markdown, CSV) and figures from the records of the stages upstream";
    const READS_RECORDS: bool = true;

    fn outputs(_: &ReportConfig, decl: &StageDef) -> Result<Vec<String>, String> {
        if decl.inputs.is_empty() {
            return Err("a report needs inputs: bind the stages it reports, e.g. inputs = { runs = \"he-eval\" }".into());
        }
        Ok(vec![
            "results.md".into(),
            "results.csv".into(),
            "img".into(),
        ])
    }
}

impl Run for ReportStage {
    fn run(_: &ReportConfig, ctx: &mut StageContext) -> Result<Json, StageError> {
        let records = ctx.upstream_records()?;
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let report = Report::from_records(&ctx.pipeline, &records, cores);
        report::write(&report, ctx.out_dir())?;
        ctx.log(report::markdown(&report));
        Ok(json!({ "rows": report.rows.len(), "records": records.len() }))
    }
}

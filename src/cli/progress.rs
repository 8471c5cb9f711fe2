//! Run progress: indicatif bars on a terminal (stages done/total, running
//! stages, elapsed; a bar per stage that reports its own progress), plain
//! tracing lines otherwise.

use crate::engine::Reporter;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Duration;

pub struct TermReporter {
    bars: Option<Bars>,
}

struct Bars {
    multi: MultiProgress,
    overall: ProgressBar,
    stages: Mutex<BTreeMap<String, ProgressBar>>,
}

impl TermReporter {
    pub fn new(quiet: bool) -> TermReporter {
        let interactive = !quiet && std::io::stderr().is_terminal();
        let bars = interactive.then(|| {
            let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
            let overall = multi.add(ProgressBar::new(0));
            overall.set_style(
                ProgressStyle::with_template(
                    "[{elapsed_precise}] {bar:30} {pos}/{len} stages {wide_msg}",
                )
                .expect("valid template"),
            );
            overall.enable_steady_tick(Duration::from_millis(200));
            Bars {
                multi,
                overall,
                stages: Mutex::new(BTreeMap::new()),
            }
        });
        TermReporter { bars }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.bars {
            b.overall.finish_and_clear();
        }
    }

    fn println(&self, line: String) {
        match &self.bars {
            Some(b) => {
                let _ = b.multi.println(line);
            }
            None => tracing::info!("{line}"),
        }
    }

    fn stage_done(&self, stage: &str) {
        if let Some(b) = &self.bars {
            b.overall.inc(1);
            if let Some(bar) = b.stages.lock().expect("bars lock").remove(stage) {
                bar.finish_and_clear();
            }
            let running: Vec<String> = b
                .stages
                .lock()
                .expect("bars lock")
                .keys()
                .cloned()
                .collect();
            b.overall.set_message(running.join(", "));
        }
    }
}

impl Reporter for TermReporter {
    fn planned(&self, total: usize) {
        if let Some(b) = &self.bars {
            b.overall.set_length(total as u64);
        }
    }

    fn cached(&self, stage: &str) {
        tracing::debug!("{stage}: cached");
        self.stage_done(stage);
    }

    fn started(&self, stage: &str, reasons: &[String]) {
        let why = if reasons.is_empty() {
            "never run".to_string()
        } else {
            reasons.join("; ")
        };
        self.println(format!("running {stage} ({why})"));
        if let Some(b) = &self.bars {
            let bar = b.multi.add(ProgressBar::new_spinner());
            bar.set_style(
                ProgressStyle::with_template("  {spinner} {prefix} [{elapsed}] {wide_msg}")
                    .expect("valid template"),
            );
            bar.set_prefix(stage.to_string());
            bar.enable_steady_tick(Duration::from_millis(200));
            let mut stages = b.stages.lock().expect("bars lock");
            stages.insert(stage.to_string(), bar);
            b.overall
                .set_message(stages.keys().cloned().collect::<Vec<_>>().join(", "));
        }
    }

    fn progress(&self, stage: &str, message: &str, pos: u64, len: u64) {
        match &self.bars {
            Some(b) => {
                if let Some(bar) = b.stages.lock().expect("bars lock").get(stage) {
                    bar.set_message(format!("{pos}/{len} {message}"));
                }
            }
            None => tracing::debug!("{stage}: {pos}/{len} {message}"),
        }
    }

    fn finished(&self, stage: &str, seconds: f64) {
        self.println(format!("done    {stage} in {seconds:.1} s"));
        self.stage_done(stage);
    }

    fn failed(&self, stage: &str, error: &str, log_tail: &str) {
        let mut text = format!("FAILED  {stage}: {error}");
        if !log_tail.is_empty() {
            text.push_str(&format!(
                "\n--- last lines of the log (lingcn log {stage}) ---\n{log_tail}\n---"
            ));
        }
        match &self.bars {
            Some(b) => {
                let _ = b.multi.println(text);
            }
            None => tracing::error!("{text}"),
        }
        self.stage_done(stage);
    }

    fn skipped(&self, stage: &str, because: &str) {
        self.println(format!("skipped {stage}: {because}"));
        self.stage_done(stage);
    }
}

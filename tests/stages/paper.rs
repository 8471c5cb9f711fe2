//! The paper pipelines under `pipelines/` (NTU-60 on a GPU, real data):
//! planned and explained without the data set, never run here.

use crate::common::Project;
use std::path::Path;

/// A project holding copies of the repository's pipelines/ and stages/.
fn repository_copy() -> Project {
    let p = Project::new("");
    let repo = Path::new(env!("LINGCN_REPO_ROOT"));
    for dir in ["pipelines", "stages", "stages/ntu60"] {
        for entry in std::fs::read_dir(repo.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                let rel = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
                p.write(&rel, &std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    p
}

#[test]
fn paper_pipelines_plan_and_explain_without_the_data() {
    let p = repository_copy();
    for bench in ["xview", "xsub"] {
        let file = format!("pipelines/ntu60-{bench}.toml");
        let plan = p.lingcn(&["run", &file, "--dry-run"]).success();
        assert!(
            plan.stdout
                .contains(&format!("would run   {bench}-linearize[lambda=1.0]")),
            "{}",
            plan.stdout
        );
        assert!(
            plan.stdout.contains("23 of 23 stages would run"),
            "{}",
            plan.stdout
        );
        p.lingcn(&["status", &file])
            .success()
            .stdout_has(&format!("{bench}-prepare"))
            .stdout_has("dep `data/nturgb+d_skeletons` does not exist (create it before running)")
            .stdout_has(&format!("upstream `{bench}-baseline` will run first"));
        // The state lives at the root the pipeline names, not in pipelines/.
        assert!(p.path("cache").exists() && !p.path("pipelines/cache").exists());
        // Running needs the data set, and says so before touching anything.
        p.lingcn(&["run", &file])
            .failure(2)
            .stderr_has("dep `data/nturgb+d_skeletons` does not exist");
    }
    // The paper presets: STGCN-3-256 on 256 frames, the epochs of the paper.
    let baseline = p.read("stages/ntu60/baseline.toml");
    assert!(baseline.contains("{ out = 256, stride = 2, residual = true }"));
    assert!(p
        .read("stages/ntu60/prepare-xview.toml")
        .contains("window_start = 22"));
    assert!(p
        .read("stages/ntu60/polyreplace.toml")
        .contains("epochs = 90"));
}

#[test]
fn a_root_that_is_not_a_directory_is_refused() {
    let p = Project::new("");
    p.write(
        "sub/pipeline.toml",
        "[pipeline]\nroot = \"../nowhere\"\n[stages.a]\nkind = \"cmd\"\ncmd = \"true\"\n",
    );
    p.lingcn(&["status", "sub/pipeline.toml"])
        .failure(2)
        .stderr_has("sub/pipeline.toml:2:8")
        .stderr_has("`root` names sub/../nowhere, which is not a directory");
}

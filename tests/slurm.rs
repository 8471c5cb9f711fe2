//! The Slurm executor against a real single-node cluster (munged, slurmctld,
//! slurmd) started in a temporary directory on free ports. Skipped, saying
//! why, where the daemons cannot run (not root, Slurm not installed).

use crate::common::{wait_for, Project};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Cluster {
    dir: tempfile::TempDir,
}

impl Cluster {
    /// A cluster directory, or why the daemons cannot run here.
    fn start() -> Result<Cluster, String> {
        for bin in ["munged", "slurmctld", "slurmd", "sbatch"] {
            if !on_path(bin) {
                return Err(format!(
                    "{bin} not installed (scripts/setup.sh --test installs it as root)"
                ));
            }
        }
        // SAFETY: getuid has no preconditions.
        if unsafe { libc::getuid() } != 0 {
            return Err("the test cluster's daemons need root".into());
        }
        Ok(Cluster {
            dir: tempfile::tempdir().map_err(|e| e.to_string())?,
        })
    }

    /// Starts the daemons; a failure here is a test failure, with the logs.
    fn boot(&self) {
        let cluster = self;
        let started = cluster.start_munge().and_then(|()| {
            std::fs::write(cluster.conf(), cluster.slurm_conf()?).map_err(|e| e.to_string())?;
            run(Command::new("slurmctld").arg("-f").arg(cluster.conf()))?;
            run(Command::new("slurmd").arg("-f").arg(cluster.conf()))
        });
        if let Err(e) = started {
            panic!("cannot start the test cluster: {e}\n{}", cluster.logs());
        }
        let idle = || {
            let out = Command::new("sinfo")
                .args(["-h", "-o", "%T"])
                .env("SLURM_CONF", cluster.conf())
                .output();
            out.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("idle"))
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while !idle() {
            if Instant::now() > deadline {
                let sinfo = Command::new("sinfo")
                    .args(["-N", "-l"])
                    .env("SLURM_CONF", cluster.conf())
                    .output();
                let sinfo = sinfo.map(|o| {
                    format!(
                        "{}{}",
                        String::from_utf8_lossy(&o.stdout),
                        String::from_utf8_lossy(&o.stderr)
                    )
                });
                panic!(
                    "the test node did not become idle: {sinfo:?}\n{}",
                    cluster.logs()
                );
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn logs(&self) -> String {
        ["log/slurmctld.log", "log/slurmd.log", "munge/munged.log"]
            .iter()
            .map(|f| {
                format!(
                    "--- {f}\n{}",
                    std::fs::read_to_string(self.path(f)).unwrap_or_default()
                )
            })
            .collect()
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn conf(&self) -> PathBuf {
        self.path("slurm.conf")
    }

    fn start_munge(&self) -> Result<(), String> {
        std::fs::create_dir_all(self.path("munge")).map_err(|e| e.to_string())?;
        let key: Vec<u8> = (0..1024u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        let key_path = self.path("munge/munge.key");
        std::fs::write(&key_path, key).map_err(|e| e.to_string())?;
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key_path, std::fs::Permissions::from_mode(0o400))
            .map_err(|e| e.to_string())?;
        let m = |f: &str| self.path(&format!("munge/{f}"));
        run(Command::new("munged")
            .arg(format!("--key-file={}", key_path.display()))
            .arg(format!("--socket={}", m("munge.socket").display()))
            .arg(format!("--pid-file={}", m("munged.pid").display()))
            .arg(format!("--log-file={}", m("munged.log").display()))
            .arg(format!("--seed-file={}", m("seed").display())))
    }

    fn slurm_conf(&self) -> Result<String, String> {
        let host = String::from_utf8_lossy(
            &Command::new("hostname")
                .arg("-s")
                .output()
                .map_err(|e| e.to_string())?
                .stdout,
        )
        .trim()
        .to_string();
        for d in ["state", "spool", "log"] {
            std::fs::create_dir_all(self.path(d)).map_err(|e| e.to_string())?;
        }
        let p = |rel: &str| self.path(rel).display().to_string();
        Ok(format!(
            "ClusterName=lingcntest\nSlurmctldHost={host}\nSlurmctldPort={}\nSlurmdPort={}\n\
             AuthType=auth/munge\nAuthInfo=socket={}\nCredType=cred/munge\nSlurmUser=root\nSlurmdUser=root\n\
             StateSaveLocation={}\nSlurmdSpoolDir={}\nSlurmctldPidFile={}\nSlurmdPidFile={}\n\
             SlurmctldLogFile={}\nSlurmdLogFile={}\nProctrackType=proctrack/linuxproc\nTaskPlugin=task/none\n\
             JobAcctGatherType=jobacct_gather/none\nAccountingStorageType=accounting_storage/none\n\
             SchedulerType=sched/builtin\nSelectType=select/cons_tres\nSelectTypeParameters=CR_CPU\n\
             SlurmdParameters=config_overrides\n\
             ReturnToService=2\nMpiDefault=none\nKillWait=2\nMinJobAge=600\nWaittime=0\n\
             NodeName={host} CPUs={cpus} RealMemory=2000 State=UNKNOWN\n\
             PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES\n",
            free_port()?,
            free_port()?,
            p("munge/munge.socket"),
            p("state"),
            p("spool"),
            p("slurmctld.pid"),
            p("slurmd.pid"),
            p("log/slurmctld.log"),
            p("log/slurmd.log"),
            // More CPUs than the machine has (config_overrides), so that the
            // parallel jobs of the scenario can run at once on 2 cores.
            cpus = 8,
        ))
    }

    fn lingcn(&self, project: &Project, args: &[&str]) -> std::process::Output {
        project
            .command(args)
            .env("SLURM_CONF", self.conf())
            .output()
            .unwrap()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        for pid_file in ["slurmd.pid", "slurmctld.pid", "munge/munged.pid"] {
            if let Some(pid) = std::fs::read_to_string(self.path(pid_file))
                .ok()
                .and_then(|p| p.trim().parse::<i32>().ok())
            {
                // SAFETY: stops the daemons this test started.
                unsafe { libc::kill(pid, libc::SIGTERM) };
            }
        }
        std::thread::sleep(Duration::from_millis(500));
    }
}

fn on_path(bin: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|p| {
        std::env::split_paths(&p)
            .chain(["/usr/sbin".into(), "/sbin".into()])
            .any(|d| Path::new(&d).join(bin).exists())
    })
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if out.status.success() {
        return Ok(());
    }
    Err(format!(
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    ))
}

fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

const PIPELINE: &str = r#"
[pipeline]
executor = "slurm"
resources = { time = "10" }

[stages.src]
kind = "cmd"
cmd = "echo source > {out.o}"
outs = ["o"]

[stages.par]
kind = "cmd"
inputs = { x = "src.o" }
matrix = { i = [1, 2, 3] }
resources = { cpus = 1 }
cmd = "date +%s.%N > {out.o}; sleep 3; date +%s.%N >> {out.o}; echo $SLURM_JOB_ID >> {out.o}"
outs = ["o"]

[stages.bad]
kind = "cmd"
cmd = "echo going down; exit 4"
outs = ["o"]

[stages.slow]
kind = "cmd"
resources = { time = "1" }
cmd = "sleep 600; touch {out.o}"
outs = ["o"]
"#;

fn span(p: &Project, stage: &str) -> (f64, f64, String) {
    let text = p.read(&format!("out/{stage}/o"));
    let lines: Vec<&str> = text.lines().collect();
    (
        lines[0].parse().unwrap(),
        lines[1].parse().unwrap(),
        lines[2].to_string(),
    )
}

/// One cluster for the whole scenario: starting one takes seconds.
#[test]
fn slurm_executor_runs_in_parallel_reports_failures_time_limits_and_cancels() {
    let cluster = match Cluster::start() {
        Ok(c) => c,
        Err(why) => {
            crate::common::require::skip("slurm", &why);
            return;
        }
    };
    cluster.boot();
    let p = Project::new(PIPELINE);
    let started = Instant::now();
    let out = cluster.lingcn(&p, &["run", "--keep-going", "-j", "1"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    println!(
        "slurm scenario ran in {:.0} s",
        started.elapsed().as_secs_f64()
    );

    // Independent jobs ran at the same time (-j bounds local work only) and were real jobs.
    let spans: Vec<_> = (1..=3).map(|i| span(&p, &format!("par[i={i}]"))).collect();
    let latest_start = spans.iter().map(|s| s.0).fold(f64::MIN, f64::max);
    let earliest_end = spans.iter().map(|s| s.1).fold(f64::MAX, f64::min);
    assert!(
        latest_start < earliest_end,
        "the three jobs did not overlap: {spans:?}"
    );
    assert!(
        spans.iter().all(|s| !s.2.is_empty()),
        "not run under Slurm: {spans:?}"
    );
    assert!(
        stderr.contains("FAILED  bad: command exited with status 4"),
        "{stderr}"
    );
    assert!(
        stderr.contains("FAILED  slow: slurm job") && stderr.contains(" TIMEOUT"),
        "{stderr}"
    );

    let status = String::from_utf8_lossy(&cluster.lingcn(&p, &["status"]).stdout).into_owned();
    assert!(
        status.contains("bad       failed") && status.contains("slow      failed"),
        "{status}"
    );
    assert!(status.contains("par[i=3]  up to date"), "{status}");
    assert!(!p.path("out/slow").exists() && !p.path("out/bad").exists());
    assert!(cluster.lingcn(&p, &["verify"]).status.success());
    let log = String::from_utf8_lossy(&cluster.lingcn(&p, &["log", "bad"]).stdout).into_owned();
    assert!(log.contains("going down"), "{log}");

    // Records from jobs are the same as local ones: a second run only retries the failures.
    p.edit(
        "pipeline.toml",
        "echo going down; exit 4",
        "echo fixed > {out.o}",
    );
    p.edit("pipeline.toml", "sleep 600; touch {out.o}", "touch {out.o}");
    let again = cluster.lingcn(&p, &["run"]);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        again.status.success() && stderr.contains("2 ran, 4 cached"),
        "{stderr}"
    );

    // `lingcn cancel` stops a run and its queued or running jobs; nothing is recorded.
    p.edit(
        "pipeline.toml",
        "echo source > {out.o}",
        "sleep 300; echo source > {out.o}",
    );
    let mut run = p
        .command(&["run"])
        .env("SLURM_CONF", cluster.conf())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_for(30, "the job to show in status", || {
        String::from_utf8_lossy(&cluster.lingcn(&p, &["status"]).stdout).contains("(slurm job")
    });
    assert!(cluster.lingcn(&p, &["cancel"]).status.success());
    assert_eq!(run.wait().unwrap().code(), Some(130));
    let queue = Command::new("squeue")
        .args(["-h"])
        .env("SLURM_CONF", cluster.conf())
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&queue.stdout).trim().is_empty(),
        "jobs left in the queue"
    );
    let status = String::from_utf8_lossy(&cluster.lingcn(&p, &["status"]).stdout).into_owned();
    assert!(status.contains("src       stale"), "{status}");

    a_held_job_runs_what_was_keyed_not_the_params_edited_meanwhile(&cluster);
}

/// A stage whose job is held in the queue until the test releases it.
const HELD: &str = r#"
[pipeline]
executor = "slurm"
resources = { time = "10", sbatch = ["--hold"] }

[stages.msg]
kind = "cmd"
params = "stages/msg.toml"
outs = ["o"]
"#;

/// Issue 19: a job waits in the queue while the user edits the params file;
/// the job runs the configuration the runner keyed (its work order), and
/// the record says so.
fn a_held_job_runs_what_was_keyed_not_the_params_edited_meanwhile(cluster: &Cluster) {
    let p = Project::new(HELD);
    p.write(
        "stages/msg.toml",
        "cmd = \"echo {params.word} > {out.o}\"\nword = \"old\"\n",
    );
    let mut run = p
        .command(&["run"])
        .env("SLURM_CONF", cluster.conf())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let queued = || {
        let out = Command::new("squeue")
            .args(["-h", "-o", "%i"])
            .env("SLURM_CONF", cluster.conf())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    wait_for(30, "the job to be queued", || !queued().is_empty());
    p.edit("stages/msg.toml", "\"old\"", "\"new\"");
    let release = Command::new("scontrol")
        .args(["release", &queued()])
        .env("SLURM_CONF", cluster.conf())
        .status()
        .unwrap();
    assert!(release.success());
    assert!(run.wait().unwrap().success());
    assert_eq!(
        p.read("out/msg/o"),
        "old\n",
        "the job ran the edited params"
    );
    let record = cluster.lingcn(&p, &["show", "msg", "--json"]);
    let record: serde_json::Value = serde_json::from_slice(&record.stdout).unwrap();
    assert_eq!(record["material"]["params"]["word"], "old");
    let status = String::from_utf8_lossy(&cluster.lingcn(&p, &["status"]).stdout).into_owned();
    assert!(
        status.contains("stale") && status.contains("params.word \"old\" -> \"new\""),
        "{status}"
    );
}

//! `kind = "cmd"`: any shell command, with declared inputs, deps and
//! outputs, its stdout and stderr captured into the stage log.
//!
//! Placeholders in the command: `{in.NAME}` (the path(s) bound to input
//! NAME), `{out.NAME}` (where to write output NAME), `{params.NAME}` (any
//! other parameter, matrix values included), `{deps}` (all deps),
//! `{seed}`, `{stage}`; `{{` and `}}` are literal braces. Paths are
//! shell-quoted and relative to the project root, the command's working
//! directory.

use crate::engine::{procs, Run, Stage, StageContext, StageError};
use crate::spec::StageDef;
use serde::Deserialize;
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};

pub struct Cmd;

#[derive(Debug, Deserialize)]
pub struct CmdConfig {
    /// The command, run by `sh -c`.
    pub cmd: String,
    /// Extra environment variables.
    #[serde(default)]
    pub env: BTreeMap<String, String>,
    /// An output (a JSON file) whose content becomes the stage's metrics.
    pub metrics: Option<String>,
    /// Every other parameter (matrix values included): `{params.NAME}` in
    /// the command, and `LINGCN_PARAM_NAME` in its environment.
    #[serde(flatten)]
    pub params: BTreeMap<String, Json>,
}

impl Stage for Cmd {
    type Config = CmdConfig;
    const KIND: &'static str = "cmd";
    const VERSION: u32 = 1;
    const USES_ENV: bool = true; // the stage's `env` reaches its command
    const ABOUT: &'static str = "run a shell command with declared inputs, deps and outputs";

    fn outputs(config: &CmdConfig, decl: &StageDef) -> Result<Vec<String>, String> {
        for placeholder in placeholders(&config.cmd)? {
            let known = match placeholder.split_once('.') {
                Some(("in", name)) => decl.inputs.contains_key(name),
                Some(("out", name)) => decl.outs.iter().any(|o| o == name),
                Some(("params", name)) => config.params.contains_key(name),
                _ => matches!(placeholder.as_str(), "deps" | "seed" | "stage"),
            };
            if !known {
                return Err(format!(
                    "cmd uses `{{{placeholder}}}`, but the stage has inputs [{}], outs [{}] and params [{}] \
                     (placeholders: {{in.NAME}}, {{out.NAME}}, {{params.NAME}}, {{deps}}, {{seed}}, {{stage}})",
                    decl.inputs.keys().cloned().collect::<Vec<_>>().join(", "),
                    decl.outs.join(", "),
                    config.params.keys().cloned().collect::<Vec<_>>().join(", ")
                ));
            }
        }
        if let Some(m) = &config.metrics {
            if !decl.outs.contains(m) {
                return Err(format!(
                    "params.metrics = \"{m}\" must name one of the outs [{}]",
                    decl.outs.join(", ")
                ));
            }
        }
        Ok(decl.outs.clone())
    }
}

impl Run for Cmd {
    fn run(config: &CmdConfig, ctx: &mut StageContext) -> Result<Json, StageError> {
        let command = expand(&config.cmd, ctx, &config.params)?;
        ctx.log(format!("$ {command}"));
        let log = ctx.log_file()?;
        let mut child = Command::new("sh");
        child
            .arg("-c")
            .arg(&command)
            .current_dir(&ctx.root)
            .envs(ctx.env.iter().filter_map(|(k, v)| Some((k, v.as_ref()?))))
            .envs(&config.env)
            .envs(
                config
                    .params
                    .iter()
                    .map(|(k, v)| (format!("LINGCN_PARAM_{}", k.to_uppercase()), param_text(v))),
            )
            .env("LINGCN_STAGE", &ctx.name)
            .env("LINGCN_SEED", ctx.seed.to_string())
            .env("LINGCN_OUT", ctx.out_dir())
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log);
        let (mut child, _guard) = procs::spawn_group(&mut child, ctx)?;
        let status = procs::wait_group(&mut child, ctx)?;
        if !status.success() {
            let how = procs::describe_exit(&status);
            return Err(StageError::Failed(format!("command {how}")));
        }
        metrics(config, ctx, status)
    }
}

fn metrics(config: &CmdConfig, ctx: &StageContext, status: ExitStatus) -> Result<Json, StageError> {
    let Some(name) = &config.metrics else {
        return Ok(serde_json::json!({ "exit_code": status.code() }));
    };
    let path = ctx.output(name);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| StageError::Failed(format!("metrics output `{name}` unreadable: {e}")))?;
    serde_json::from_str(&text)
        .map_err(|e| StageError::Failed(format!("metrics output `{name}` is not JSON: {e}")))
}

/// The placeholder names used in `cmd`, or an error for an unclosed brace.
fn placeholders(cmd: &str) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    let mut rest = cmd;
    while let Some(open) = rest.find(['{', '}']) {
        let after = &rest[open + 1..];
        if rest[open..].starts_with("{{") || rest[open..].starts_with("}}") {
            rest = &rest[open + 2..];
            continue;
        }
        if rest[open..].starts_with('}') {
            return Err(format!(
                "cmd has an unmatched `}}` (write `}}}}` for a literal brace): {cmd}"
            ));
        }
        let close = after.find('}').ok_or_else(|| {
            format!("cmd has an unclosed `{{` (write `{{{{` for a literal brace): {cmd}")
        })?;
        found.push(after[..close].trim().to_string());
        rest = &after[close + 1..];
    }
    Ok(found)
}

/// Replaces placeholders with shell-quoted values.
fn expand(
    cmd: &str,
    ctx: &StageContext,
    params: &BTreeMap<String, Json>,
) -> Result<String, StageError> {
    let mut out = String::with_capacity(cmd.len());
    let mut rest = cmd;
    while let Some(open) = rest.find(['{', '}']) {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        let close = tail.find('}').expect("validated when configured");
        out.push_str(&value(tail[1..close].trim(), ctx, params)?);
        rest = &tail[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn value(
    placeholder: &str,
    ctx: &StageContext,
    params: &BTreeMap<String, Json>,
) -> Result<String, StageError> {
    let rel = |p: &Path| quote(&p.strip_prefix(&ctx.root).unwrap_or(p).to_string_lossy());
    let joined =
        |ps: &[std::path::PathBuf]| ps.iter().map(|p| rel(p)).collect::<Vec<_>>().join(" ");
    Ok(match placeholder.split_once('.') {
        Some(("in", name)) => joined(ctx.inputs(name)),
        Some(("out", name)) => rel(&ctx.output(name)),
        Some(("params", name)) => quote(&param_text(&params[name])),
        _ => match placeholder {
            "deps" => joined(ctx.deps()),
            "seed" => ctx.seed.to_string(),
            "stage" => quote(&ctx.name),
            other => {
                return Err(StageError::Failed(format!(
                    "unknown placeholder {{{other}}}"
                )))
            }
        },
    })
}

/// A parameter as text: strings bare, everything else as JSON.
fn param_text(v: &Json) -> String {
    crate::spec::matrix_display(v)
}

/// Single-quotes a word for `sh` unless it is plainly safe.
fn quote(s: &str) -> String {
    let safe = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if safe {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_placeholders_and_escapes() {
        assert_eq!(
            placeholders("cp {in.a} {out.b} && echo {{x}}").unwrap(),
            ["in.a", "out.b"]
        );
        assert!(placeholders("echo {oops").is_err());
        assert!(placeholders("echo oops}").is_err());
    }

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(quote("out/a/b.txt"), "out/a/b.txt");
        assert_eq!(quote("out/lin[lambda=0.5]/x"), "'out/lin[lambda=0.5]/x'");
        assert_eq!(quote("it's"), r"'it'\''s'");
    }
}

//! The `env` tables of `pipeline.toml`: environment variables of the
//! process a stage's work runs in. A string sets the variable; `false`
//! leaves it to the host (inherited from the runner's environment), which
//! is how an expert lifts a variable that a stage kind pins.

use serde::Deserialize;
use std::collections::BTreeMap;

/// One stage's declared environment: variable -> value, `None` = the host's.
pub type EnvDecl = BTreeMap<String, Option<String>>;

/// A value as written in TOML.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(super) enum EnvValue {
    Set(String),
    Host(bool),
}

/// Checks one `env` table; `Err` names the offending variable.
pub(super) fn check(table: &indexmap::IndexMap<String, EnvValue>) -> Result<EnvDecl, String> {
    let mut env = EnvDecl::new();
    for (name, value) in table {
        if !is_var_name(name) {
            return Err(format!(
                "env: `{name}` is not an environment variable name (letters, digits and `_`, not starting with a digit)"
            ));
        }
        let value = match value {
            EnvValue::Set(v) if v.contains('\0') => {
                return Err(format!("env.{name}: the value contains a NUL byte"))
            }
            EnvValue::Set(v) => Some(v.clone()),
            EnvValue::Host(false) => None,
            EnvValue::Host(true) => {
                return Err(format!(
                    "env.{name} = true: write a string to set the variable, or false to leave it to the host"
                ))
            }
        };
        env.insert(name.clone(), value);
    }
    Ok(env)
}

/// The pipeline's `env` with the stage's own on top.
pub(super) fn merge(pipeline: &EnvDecl, stage: &EnvDecl) -> EnvDecl {
    let mut env = pipeline.clone();
    env.extend(stage.iter().map(|(k, v)| (k.clone(), v.clone())));
    env
}

fn is_var_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(pairs: &[(&str, EnvValue)]) -> indexmap::IndexMap<String, EnvValue> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn strings_set_and_false_inherits() {
        let env = check(&table(&[
            ("A", EnvValue::Set("1".into())),
            ("B_2", EnvValue::Host(false)),
        ]))
        .unwrap();
        assert_eq!(env["A"].as_deref(), Some("1"));
        assert_eq!(env["B_2"], None);
    }

    #[test]
    fn bad_names_and_true_are_refused() {
        assert!(check(&table(&[("2X", EnvValue::Set("1".into()))])).is_err());
        assert!(check(&table(&[("A-B", EnvValue::Set("1".into()))])).is_err());
        let err = check(&table(&[("A", EnvValue::Host(true))])).unwrap_err();
        assert!(err.contains("false to leave it to the host"), "{err}");
    }

    #[test]
    fn stage_overrides_pipeline() {
        let p = EnvDecl::from([("A".into(), Some("1".into())), ("B".into(), None)]);
        let s = EnvDecl::from([("A".into(), None)]);
        let m = merge(&p, &s);
        assert_eq!(m["A"], None);
        assert_eq!(m["B"], None);
    }
}

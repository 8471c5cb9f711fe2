//! `-S STAGE.params.KEY=VALUE`: parameter overrides from the command line
//! (DVC's `dvc exp run -S`). An override changes a stage's parameters
//! before its kind checks them, so it is part of the stage key like any
//! parameter, and running without it again finds the earlier result.

use super::matrix;
use super::StageDef;
use serde_json::Value as Json;

/// One `-S` argument.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    /// The argument as written, for messages and records.
    pub arg: String,
    /// A `[stages.NAME]` table name (all its instances) or one instance
    /// name such as `linearize[lambda=0.5]`.
    pub stage: String,
    /// The dotted path inside the stage's params (`train.epochs`).
    pub key: String,
    pub value: Json,
}

/// What an `-S` argument looks like, for messages.
pub const FORM: &str = "STAGE.params.KEY=VALUE";

impl Override {
    /// Parses `STAGE.params.KEY=VALUE` (the syntax only: whether the stage
    /// and the key exist is checked against the pipeline).
    pub fn parse(arg: &str) -> Result<Override, String> {
        let (stage, rest) = split_stage(arg)?;
        let rest = rest.strip_prefix(".params.").ok_or_else(|| {
            format!("expected {FORM}: `{stage}` must be followed by `.params.` and a key")
        })?;
        let (key, value) = rest
            .split_once('=')
            .ok_or_else(|| format!("expected {FORM}: no `=` after the key"))?;
        let key = key.trim();
        if key.is_empty() || key.split('.').any(str::is_empty) {
            return Err(format!(
                "expected {FORM}: the key `{key}` has an empty part"
            ));
        }
        if key.contains(char::is_whitespace) {
            return Err(format!("expected {FORM}: the key `{key}` holds a space"));
        }
        Ok(Override {
            arg: arg.to_string(),
            stage: stage.to_string(),
            key: key.to_string(),
            value: parse_value(value.trim())?,
        })
    }

    /// Whether this override is addressed to stage instance `def`.
    pub fn applies_to(&self, def: &StageDef) -> bool {
        self.stage == def.base || self.stage == def.name
    }

    /// Whether it sets parameter path `path` (`params.a.b`) or a table
    /// holding it.
    pub fn covers(&self, path: &str) -> bool {
        let own = format!("params.{}", self.key);
        path == own || path.starts_with(&format!("{own}."))
    }

    /// The argument as a user would type it again.
    pub fn display(&self) -> String {
        format!("-S {}", self.arg)
    }
}

/// Splits off the stage: a name up to the first `.`, or an instance name
/// up to its closing `]` (its matrix values may hold `.` and `=`).
fn split_stage(arg: &str) -> Result<(&str, &str), String> {
    let end = match (arg.find('['), arg.find('.')) {
        (Some(open), dot) if dot.is_none_or(|d| open < d) => arg[open..]
            .find(']')
            .map(|close| open + close + 1)
            .ok_or_else(|| format!("expected {FORM}: `[` without `]` in the stage name"))?,
        (_, Some(dot)) => dot,
        (_, None) => return Err(format!("expected {FORM}")),
    };
    match &arg[..end] {
        "" => Err(format!("expected {FORM}: the stage name is empty")),
        stage => Ok((stage, &arg[end..])),
    }
}

/// The value as TOML (`2`, `0.5`, `true`, `"text"`, `[1, 2]`, `{ a = 1 }`).
/// Like DVC, whose `-S` values are YAML, a bare word (`seal`, `cuda:0`) is a
/// string; a word that reads as a boolean or null in other syntaxes
/// (`True`, `null`) is refused rather than guessed.
fn parse_value(text: &str) -> Result<Json, String> {
    if let Ok(mut table) = toml::from_str::<toml::Table>(&format!("v = {text}")) {
        if table.len() == 1 {
            let value = table.remove("v").expect("one key, `v`");
            return Ok(serde_json::to_value(value).expect("TOML converts to JSON"));
        }
    }
    let word = text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./:".contains(c));
    let lower = text.to_ascii_lowercase();
    if word && !["true", "false", "null", "none"].contains(&lower.as_str()) {
        return Ok(Json::String(text.to_string()));
    }
    let help = match lower.as_str() {
        "true" | "false" => format!(" (booleans are lower case: {lower})"),
        _ => " (quote a string, e.g. -S 'stage.params.key=\"a b\"')".to_string(),
    };
    Err(format!("the value `{text}` is not a TOML value{help}"))
}

/// Applies every override addressed to `def`, in command-line order (a
/// later one wins), and records which did. Refuses to change a parameter
/// the stage's own `matrix` sets: that would make instances lie about
/// their names.
pub fn apply(def: &mut StageDef, overrides: &[Override], own_matrix: bool) -> Result<(), String> {
    for o in overrides {
        if !o.applies_to(def) {
            continue;
        }
        let nested = |inner: &str, outer: &str| inner.starts_with(&format!("{outer}."));
        let clash = def
            .matrix
            .keys()
            .filter(|_| own_matrix)
            .find(|m| o.key == **m || nested(m, &o.key) || nested(&o.key, m));
        if let Some(m) = clash {
            return Err(format!(
                "{}: `{m}` is set by the `matrix` of stage `{}`; change the matrix in the pipeline file instead",
                o.display(),
                def.base
            ));
        }
        matrix::set_dotted(&mut def.params, &o.key, o.value.clone())
            .map_err(|m| format!("{}: {}", o.display(), m.replace("matrix key", "key")))?;
        def.overrides.push(o.clone());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parsed(arg: &str) -> (String, String, Json) {
        let o = Override::parse(arg).unwrap_or_else(|e| panic!("{arg}: {e}"));
        (o.stage, o.key, o.value)
    }

    #[test]
    fn parses_stage_key_and_toml_value() {
        assert_eq!(
            parsed("baseline.params.train.epochs=2"),
            ("baseline".into(), "train.epochs".into(), json!(2))
        );
        assert_eq!(
            parsed("lin[lambda=0.5].params.lr=1e-3"),
            ("lin[lambda=0.5]".into(), "lr".into(), json!(0.001))
        );
        assert_eq!(parsed("a.params.x=[1, 2]").2, json!([1, 2]));
        assert_eq!(parsed("a.params.x=\"a b\"").2, json!("a b"));
        assert_eq!(parsed("a.params.x={ y = true }").2, json!({"y": true}));
    }

    #[test]
    fn bare_words_are_strings_but_not_lookalikes() {
        assert_eq!(parsed("a.params.backend=seal").2, json!("seal"));
        assert_eq!(parsed("a.params.dev=cuda:0").2, json!("cuda:0"));
        assert!(Override::parse("a.params.x=True")
            .unwrap_err()
            .contains("lower case: true"));
        assert!(Override::parse("a.params.x=null").is_err());
        assert!(Override::parse("a.params.x=1e").is_err());
        assert!(Override::parse("a.params.x=a b").is_err());
        assert!(Override::parse("a.params.x=[1").is_err());
    }

    #[test]
    fn rejects_malformed_arguments() {
        for bad in [
            "a.params.x",
            "a.x=1",
            "a=1",
            "a",
            ".params.x=1",
            "a.params.=1",
            "a.params.x..y=1",
            "a[k=1.params.x=1",
            "a.params.x=1\ny = 2",
            "a.params.x==",
            "a.params.x. y=1",
        ] {
            assert!(Override::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn covers_its_path_and_what_is_inside() {
        let o = Override::parse("a.params.train=1").unwrap();
        assert!(o.covers("params.train"));
        assert!(o.covers("params.train.epochs"));
        assert!(!o.covers("params.trainer"));
    }
}

//! `matrix` sweeps: the cartesian product of the listed values, instance
//! names like `linearize[lambda=0.5]`, and applying a value to a (dotted)
//! parameter path.

use indexmap::IndexMap;
use serde_json::Value as Json;

/// All value combinations, keys in declaration order; one empty combination
/// when there is no matrix.
pub fn combinations(
    matrix: &IndexMap<String, Vec<toml::Value>>,
) -> Result<Vec<IndexMap<String, Json>>, String> {
    let mut combos = vec![IndexMap::new()];
    for (key, values) in matrix {
        if values.is_empty() {
            return Err(format!("matrix `{key}` has no values"));
        }
        let mut next = Vec::with_capacity(combos.len() * values.len());
        for combo in &combos {
            for value in values {
                let mut c = combo.clone();
                c.insert(
                    key.clone(),
                    serde_json::to_value(value).expect("TOML converts to JSON"),
                );
                next.push(c);
            }
        }
        combos = next;
    }
    Ok(combos)
}

/// `base` alone, or `base[k=v,k2=v2]`.
pub fn instance_name(base: &str, combo: &IndexMap<String, Json>) -> String {
    if combo.is_empty() {
        return base.to_string();
    }
    let parts: Vec<String> = combo
        .iter()
        .map(|(k, v)| format!("{k}={}", display(v)))
        .collect();
    format!("{base}[{}]", parts.join(","))
}

/// A value as it appears in an instance name: strings bare, numbers as written.
pub fn display(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Sets `path` (`a.b.c`) in the params object, creating tables on the way.
pub fn set_dotted(params: &mut Json, path: &str, value: Json) -> Result<(), String> {
    let mut node = params;
    let mut keys = path.split('.').peekable();
    while let Some(key) = keys.next() {
        let object = node.as_object_mut().ok_or_else(|| {
            format!("matrix key `{path}`: `{key}` is inside a value that is not a table")
        })?;
        if keys.peek().is_none() {
            object.insert(key.to_string(), value);
            return Ok(());
        }
        node = object
            .entry(key)
            .or_insert_with(|| Json::Object(Default::default()));
    }
    Err(format!("matrix key `{path}` is empty"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cartesian_product_in_declaration_order() {
        let mut m = IndexMap::new();
        m.insert(
            "lambda".to_string(),
            vec![toml::Value::Float(0.5), toml::Value::Float(1.0)],
        );
        m.insert(
            "width".to_string(),
            vec![toml::Value::Integer(8), toml::Value::Integer(16)],
        );
        let names: Vec<String> = combinations(&m)
            .unwrap()
            .iter()
            .map(|c| instance_name("lin", c))
            .collect();
        assert_eq!(
            names,
            [
                "lin[lambda=0.5,width=8]",
                "lin[lambda=0.5,width=16]",
                "lin[lambda=1.0,width=8]",
                "lin[lambda=1.0,width=16]"
            ]
        );
    }

    #[test]
    fn dotted_paths_create_tables() {
        let mut p = serde_json::json!({"optim": {"lr": 0.1}});
        set_dotted(&mut p, "optim.momentum", 0.9.into()).unwrap();
        set_dotted(&mut p, "new.deep", 1.into()).unwrap();
        assert_eq!(
            p,
            serde_json::json!({"optim": {"lr": 0.1, "momentum": 0.9}, "new": {"deep": 1}})
        );
        assert!(set_dotted(&mut p, "optim.lr.x", 1.into()).is_err());
    }
}

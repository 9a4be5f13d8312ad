//! Clause findings: document-kind signals and Art. 28 / Art. 13 checklist items.
//!
//! The regex rules live in `patterns/clause_*.toml`. A kind signal's value is
//! `{"signal": …, "weight": n}` (weight 1 unless the rule sets it); a checklist item's value
//! is `{"checklist": "art28_3_a"}`, derived from the rule id when the rule does not set it.

use serde_json::{Map, Value};

/// Fills missing value keys of a clause finding of rule `id`.
pub fn complete(id: &str, value: &mut Map<String, Value>) {
    if value.contains_key("signal") {
        value.entry("weight").or_insert(Value::from(1));
    } else if let Some(item) = id.strip_prefix("clause.").filter(|s| s.starts_with("art")) {
        value
            .entry("checklist")
            .or_insert_with(|| Value::String(item.to_string()));
    }
}

/// Whether the clause rule `id` with value template `value` is a checklist item rule (its
/// findings get a `checklist` value, see [`complete`]).
pub fn is_checklist_rule(id: &str, value: &Map<String, Value>) -> bool {
    if value.contains_key("signal") {
        return false;
    }
    value.contains_key("checklist")
        || id
            .strip_prefix("clause.")
            .is_some_and(|s| s.starts_with("art"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let mut v = Map::new();
        complete("clause.art28_3_a", &mut v);
        assert_eq!(v["checklist"], "art28_3_a");
        let mut k = Map::new();
        k.insert("signal".into(), "dpa".into());
        complete("clause.kind_dpa", &mut k);
        assert_eq!(k["weight"], 1);
    }
}

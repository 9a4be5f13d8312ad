//! Transfer findings (mechanisms, statements, measures): value defaults.
//!
//! The regex rules live in `patterns/transfer.toml`; this fills the keys analyze relies on:
//! a mechanism always carries `negated`, `historical`, `hypothetical` and `outdated`
//! (false unless the rule says so, e.g. the 2010 SCC decisions), a statement carries `negated`.

use serde_json::{Map, Value};

/// Fills missing value keys of a transfer finding.
pub fn complete(value: &mut Map<String, Value>) {
    if value.contains_key("mechanism") {
        for k in ["negated", "historical", "hypothetical", "outdated"] {
            value.entry(k).or_insert(Value::Bool(false));
        }
    } else if value.contains_key("statement") {
        value.entry("negated").or_insert(Value::Bool(false));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let mut v = Map::new();
        v.insert("mechanism".into(), "scc".into());
        v.insert("outdated".into(), true.into());
        complete(&mut v);
        assert_eq!(v["outdated"], true);
        assert_eq!(v["negated"], false);
        let mut s = Map::new();
        s.insert("statement".into(), "eu_only".into());
        complete(&mut s);
        assert_eq!(s["negated"], false);
        assert!(!s.contains_key("historical"));
    }
}

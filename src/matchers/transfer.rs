//! Transfer findings (mechanisms, statements, measures): value defaults.
//!
//! The regex rules live in `patterns/transfer.toml`; this fills the keys analyze relies on:
//! a mechanism always carries `negated`, `historical`, `hypothetical` and `outdated`
//! (false unless the rule says so, e.g. the 2010 SCC decisions), a statement carries `negated`.

use serde_json::{Map, Value};

use super::{Hit, Scan};
use crate::findings::FindingKind;

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

/// Most bytes from a provider's mention to an "EU only" statement about it ("CleverReach
/// verarbeitet die Daten ausschließlich auf Servern in Deutschland").
const SUBJECT_REACH: usize = 80;

/// Marks each "EU only" statement that speaks of one provider named before it in its
/// clause ("CleverReach verarbeitet die Daten ausschließlich auf Servern in Deutschland
/// bzw. in der EU"): `value.about` is that provider's name. Such a statement promises
/// nothing of the document's other recipients. `hits` are sorted by start.
pub fn mark_provider_subject(scan: &Scan, hits: &mut [Hit]) {
    let eu_only = |h: &Hit| {
        h.kind == FindingKind::Transfer
            && h.value.get("statement").and_then(Value::as_str) == Some("eu_only")
    };
    if !hits.iter().any(eu_only) {
        return;
    }
    let providers: Vec<(usize, usize, String)> = hits
        .iter()
        .filter(|h| h.kind == FindingKind::Provider && h.value.get("negated").is_none())
        .filter_map(|h| {
            let name = h.value.get("name")?.as_str()?;
            Some((h.start, h.end, name.to_string()))
        })
        .collect();
    if providers.is_empty() {
        return;
    }
    for h in hits.iter_mut().filter(|h| eu_only(h)) {
        let (from, _) = scan.sentence(h.start, h.end);
        let floor = from.max(h.start.saturating_sub(SUBJECT_REACH));
        // The nearest provider ending before the statement, in its sentence.
        let k = providers.partition_point(|p| p.0 < h.start);
        let Some((_, e, name)) = providers[..k].iter().rev().find(|p| p.1 <= h.start) else {
            continue;
        };
        let between = scan.text.get(*e..h.start).unwrap_or(";");
        if *e >= floor && !between.contains([';', ':', '\n']) {
            h.value.insert("about".into(), Value::String(name.clone()));
        }
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

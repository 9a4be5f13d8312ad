//! Location findings: cloud region codes from `patterns/regions.csv` (gazetteer pass) and
//! the regex rules of `patterns/location.toml`, whose `place` group is resolved through the
//! city table, the country names and the EU/EEA names.

use serde_json::{Map, Value};

use super::{text, Hit, Scan};
use crate::findings::FindingKind;

/// Region codes need stricter bounds: no word char, '-' or '_' around ("eu-central-10" is not "eu-central-1").
pub fn region_bounds_ok(s: &str, start: usize, end: usize) -> bool {
    let bad = |c: char| text::is_word_char(c) || c == '-' || c == '_';
    !text::char_before(s, start).is_some_and(bad) && !text::char_at(s, end).is_some_and(bad)
}

/// The hit of cloud region `idx` at `start..end`.
pub fn region_hit(scan: &Scan, start: usize, end: usize, idx: usize) -> Hit {
    let r = &scan.rules.regions[idx];
    let mut value = Map::new();
    value.insert("city".into(), Value::String(r.city.clone()));
    value.insert("country".into(), Value::String(r.country.clone()));
    value.insert("region".into(), Value::Null);
    value.insert("provider".into(), Value::String(r.provider.clone()));
    value.insert("code".into(), Value::String(r.code.clone()));
    Hit {
        kind: FindingKind::Location,
        rule: "location.region_code".to_string(),
        start,
        end,
        value,
    }
}

/// Fills missing value keys of a location finding (city, country, region: null).
pub fn complete(value: &mut Map<String, Value>) {
    for k in ["city", "country", "region"] {
        value.entry(k).or_insert(Value::Null);
    }
}

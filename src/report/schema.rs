//! The JSON Schema of one document's result ([`DocResult`]), generated from the
//! types with schemars. The committed copy is `schema/result.schema.json`;
//! `tests/schema.rs` regenerates it, compares, and validates outputs against it.
//!
//! Two things are added to what schemars derives:
//! - every property of every object is `required`: results always carry every
//!   field, with nulls and empty lists on failed documents (schemars would leave
//!   `Option` fields optional);
//! - closed vocabularies the types keep as strings get an `enum`: transfer
//!   mechanisms, party roles, checklist ids, and `schema_version` as a constant;
//! - `findings[].value` is an object, as the value conventions say.

use serde_json::{json, Value};

use super::{DocResult, SCHEMA_VERSION};
use crate::analyze::{ART13_ITEMS, ART28_ITEMS, MECHANISMS, ROLES};

/// The JSON Schema (draft-07) of a [`DocResult`], as JSON.
pub fn result_schema() -> Value {
    let schema = schemars::schema_for!(DocResult);
    // NOTE: serializing a schemars RootSchema does not fail: all its map keys are strings.
    let mut v = serde_json::to_value(&schema).unwrap_or(Value::Null);
    require_all(&mut v);
    if let Some(defs) = v.get_mut("definitions").and_then(Value::as_object_mut) {
        for def in defs.values_mut() {
            require_all(def);
        }
    }
    let checklist_ids: Vec<&str> = ART28_ITEMS
        .iter()
        .chain(ART13_ITEMS.iter())
        .map(|(id, _)| *id)
        .collect();
    let additions: [(&[&str], Value); 5] = [
        (
            &["properties", "schema_version", "const"],
            json!(SCHEMA_VERSION),
        ),
        (
            &[
                "definitions",
                "Transfers",
                "properties",
                "mechanisms",
                "items",
                "enum",
            ],
            json!(MECHANISMS),
        ),
        (
            &[
                "definitions",
                "Party",
                "properties",
                "roles",
                "items",
                "enum",
            ],
            json!(ROLES),
        ),
        (
            &["definitions", "ChecklistItem", "properties", "id", "enum"],
            json!(checklist_ids),
        ),
        (
            &["definitions", "Finding", "properties", "value", "type"],
            json!("object"),
        ),
    ];
    for (path, value) in additions {
        set(&mut v, path, value);
    }
    v
}

/// The schema as pretty-printed JSON with a trailing newline, exactly as committed.
pub fn result_schema_pretty() -> String {
    let mut s = serde_json::to_string_pretty(&result_schema()).unwrap_or_default();
    s.push('\n');
    s
}

/// Makes every property of an object schema required.
fn require_all(schema: &mut Value) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    let Some(props) = obj.get("properties").and_then(Value::as_object) else {
        return;
    };
    let mut keys: Vec<Value> = props.keys().cloned().map(Value::String).collect();
    keys.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    obj.insert("required".to_string(), Value::Array(keys));
}

/// Sets `value` at `path` when every object on the way exists (the unit tests check they do).
fn set(root: &mut Value, path: &[&str], value: Value) {
    let Some((last, init)) = path.split_last() else {
        return;
    };
    let mut cur = root;
    for key in init {
        match cur.get_mut(*key) {
            Some(next) => cur = next,
            None => return,
        }
    }
    if let Some(obj) = cur.as_object_mut() {
        obj.insert((*last).to_string(), value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn additions_are_in_place() {
        let s = result_schema();
        let d = &s["definitions"];
        assert_eq!(s["properties"]["schema_version"]["const"], json!(1));
        assert_eq!(
            d["Transfers"]["properties"]["mechanisms"]["items"]["enum"],
            json!(MECHANISMS)
        );
        assert_eq!(
            d["Party"]["properties"]["roles"]["items"]["enum"],
            json!(ROLES)
        );
        assert_eq!(d["Finding"]["properties"]["value"]["type"], json!("object"));
        assert_eq!(
            d["ChecklistItem"]["properties"]["id"]["enum"]
                .as_array()
                .map(Vec::len),
            Some(22)
        );
        // Option fields are required too (present as null).
        let required = |v: &Value, k: &str| {
            v["required"]
                .as_array()
                .is_some_and(|r| r.contains(&json!(k)))
        };
        assert!(required(&s, "error") && required(&s, "language") && required(&s, "format"));
        assert!(required(&d["Address"], "street"));
        assert!(required(&d["Transfers"], "third_country_transfer"));
    }
}

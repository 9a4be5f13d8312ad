//! Tracking findings (pixels, beacons, open/click tracking, fingerprinting, analytics tools,
//! opt-out statements). The rules live in `patterns/tracking.toml`; a technique finding
//! always has a `tool` key (null when the text names none).

use serde_json::{Map, Value};

/// Fills missing value keys of a tracking finding.
pub fn complete(value: &mut Map<String, Value>) {
    if value.contains_key("technique") {
        value.entry("tool").or_insert(Value::Null);
    }
}

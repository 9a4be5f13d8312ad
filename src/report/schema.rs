//! JSON Schema of one result.

/// The JSON Schema of [`super::DocResult`].
pub fn result_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(super::DocResult)).expect("schema serializes")
}

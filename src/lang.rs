//! Document language: "de", "en", … or None when unsure.

/// Detects the language of `text` (ISO 639-1), or `None` when unsure.
pub fn detect(_text: &str) -> Option<String> {
    None // STUB
}

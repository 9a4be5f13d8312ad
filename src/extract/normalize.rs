//! Normalization of extracted text (every format).

use super::{Extracted, RawText};

/// Normalizes raw page texts into one string with page ranges.
pub fn normalize(raw: RawText) -> Extracted {
    // STUB: replaced by the real normalizer.
    let mut text = String::new();
    let mut pages = Vec::new();
    for p in &raw.pages {
        let start = text.len();
        text.push_str(p);
        pages.push(start..text.len());
        text.push_str("\n\n");
    }
    Extracted { text, pages, paged: raw.paged, engine: raw.engine, warnings: raw.warnings }
}

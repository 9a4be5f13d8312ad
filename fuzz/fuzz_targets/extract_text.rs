//! Fuzzes the text and Markdown extractors and normalization.
#![no_main]

use dpascan::extract::{extract, Format, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    if let Ok(doc) = extract(data, Format::Text, &limits) {
        // Page ranges must tile the normalized text.
        for r in &doc.pages {
            assert!(r.start <= r.end && r.end <= doc.text.len());
            assert!(doc.text.is_char_boundary(r.start) && doc.text.is_char_boundary(r.end));
        }
    }
    let _ = extract(data, Format::Markdown, &limits);
});

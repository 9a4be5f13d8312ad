//! Fuzzes the text and Markdown extractors and normalization.
#![no_main]

use dpascan::extract::{extract, Format, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // dpascan catches the panics of its PDF engines on purpose (per page, per
    // document); libFuzzer's hook would abort on those caught panics too. A panic
    // that escapes dpascan still fails the run (libfuzzer-sys aborts on it).
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
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

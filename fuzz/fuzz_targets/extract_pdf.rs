//! Fuzzes the pdf extractor: any bytes must give text or a DocError, never a panic or hang.
#![no_main]

use dpascan::extract::{extract, Format, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // dpascan catches the panics of its PDF engines on purpose (per page, per
    // document); libFuzzer's hook would abort on those caught panics too. A panic
    // that escapes dpascan still fails the run (libfuzzer-sys aborts on it).
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let limits = Limits {
        max_decompressed_bytes: 16 * 1024 * 1024,
        max_pages: 50,
        ..Limits::default()
    };
    let _ = extract(data, Format::Pdf, &limits);
});

//! Fuzzes the docx extractor: any bytes must give text or a DocError, never a panic or hang.
#![no_main]

use dpascan::extract::{extract, Format, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_decompressed_bytes: 16 * 1024 * 1024,
        max_pages: 50,
        ..Limits::default()
    };
    let _ = extract(data, Format::Docx, &limits);
});

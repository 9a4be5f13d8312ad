//! Fuzzes find + analyze on arbitrary text: every finding's text must equal its slice.
#![no_main]

use std::sync::OnceLock;

use dpascan::extract::{normalize::normalize, RawText};
use dpascan::patterns::Rules;
use libfuzzer_sys::fuzz_target;

fn rules() -> &'static Rules {
    static R: OnceLock<Rules> = OnceLock::new();
    R.get_or_init(|| Rules::embedded().expect("embedded patterns compile"))
}

fuzz_target!(|data: &[u8]| {
    // dpascan catches the panics of its PDF engines on purpose (per page, per
    // document); libFuzzer's hook would abort on those caught panics too. A panic
    // that escapes dpascan still fails the run (libfuzzer-sys aborts on it).
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let Ok(s) = std::str::from_utf8(data) else { return };
    let doc = normalize(RawText {
        pages: s.split('\u{c}').map(str::to_string).collect(),
        paged: true,
        engine: "fuzz".into(),
        warnings: vec![],
    });
    let r = dpascan::pipeline::analyze_extracted("fuzz", "", None, &doc, rules());
    for f in &r.findings {
        assert_eq!(f.text, &doc.text[f.start..f.end]);
    }
});

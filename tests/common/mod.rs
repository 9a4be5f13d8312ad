//! Helpers shared by the integration tests.

use dpascan::extract::{detect, extract, Limits};
use dpascan::report::DocResult;

/// The result of a document named `name` (its extension gives the format), extracted and
/// analysed as `check` does.
pub fn check(name: &str, source: &str) -> DocResult {
    let rules = dpascan::patterns::Rules::embedded().expect("embedded rules");
    let path = std::path::Path::new(name);
    let format = detect(source.as_bytes(), path).expect("a supported format");
    let doc = extract(source.as_bytes(), format, &Limits::default()).expect("extracts");
    dpascan::pipeline::analyze_extracted(name, "", None, &doc, &rules)
}

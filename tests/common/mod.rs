//! Helpers shared by the integration tests.

use dpascan::extract::{detect, extract, Limits};
use dpascan::report::{DocResult, RiskReason};

/// The result of a document named `name` (its extension gives the format), extracted and
/// analysed as `check` does.
pub fn check(name: &str, source: &str) -> DocResult {
    let rules = dpascan::patterns::Rules::embedded().expect("embedded rules");
    let path = std::path::Path::new(name);
    let format = detect(source.as_bytes(), path).expect("a supported format");
    let doc = extract(source.as_bytes(), format, &Limits::default()).expect("extracts");
    dpascan::pipeline::analyze_extracted(name, "", None, &doc, &rules)
}

/// The risk reason of `r` with the code `code`, if it has one.
#[allow(dead_code)] // not every test binary reads risk reasons
pub fn reason<'a>(r: &'a DocResult, code: &str) -> Option<&'a RiskReason> {
    r.risk.reasons.iter().find(|x| x.code == code)
}

//! Stage 2: normalized text + rules → findings.

use crate::extract::Extracted;
use crate::findings::Finding;
use crate::patterns::Rules;

/// Finds every rule and gazetteer hit in `doc`, sorted by (start, end, rule), ids f1…fn.
pub fn find(_doc: &Extracted, _rules: &Rules, _lang: Option<&str>) -> Vec<Finding> {
    Vec::new() // STUB
}

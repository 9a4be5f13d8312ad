//! Stage 3: findings → parties, countries, transfers, providers, locations, checklist, kind, risk.

use crate::extract::Extracted;
use crate::findings::Finding;
use crate::report::{Analysis, DocKind, Risk, Transfers};

/// Derives the document-level answers from the findings.
pub fn analyze(_doc: &Extracted, _findings: &[Finding], _lang: Option<&str>) -> Analysis {
    Analysis { // STUB
        kind: DocKind::Other,
        parties: vec![],
        countries: vec![],
        transfers: Transfers::default(),
        providers: vec![],
        locations: vec![],
        checklist: vec![],
        risk: Risk::default(),
    }
}

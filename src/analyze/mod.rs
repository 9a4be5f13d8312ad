//! Stage 3: findings → parties, countries, transfers, providers, locations, checklist, kind, risk.
//!
//! Analysis reads only the findings and their `value` objects (the value
//! conventions shared with the matchers), never the rules; of the pattern data it
//! takes the adequacy decisions in force, which decide a country's status. It is deterministic:
//! every list is ordered by code, by first appearance or by a fixed table, and
//! every aggregate cites the ids of the findings it rests on.
//!
//! - `entities`: parties, countries, providers, locations;
//! - `transfers`: mechanisms relied on and the third-country decision;
//! - `kind`: document kind from kind signals, checklist counts and structure;
//! - [`checklist`]: the Art. 28 / Art. 13 items;
//! - `risk`: the documented risk rules (docs/risk.md).

pub mod checklist;
mod entities;
mod kind;
mod risk;
mod transfers;
pub(crate) mod value;

use crate::extract::Extracted;
use crate::findings::Finding;
use crate::patterns::compile::Adequacy;
use crate::report::Analysis;

pub use checklist::{item_name, ART13_ITEMS, ART28_ITEMS};
pub use entities::ROLES;
pub use transfers::MECHANISMS;

/// Derives the document-level answers from the findings.
///
/// `doc` is read for layout (list and table lines when deciding the kind, address
/// blocks and tables when building parties);
/// `_lang` is accepted for rules that may come to depend on it;
/// `adequacy` is the table of EU adequacy decisions (`Rules::adequacy`, from
/// `patterns/adequacy.csv` or its override): it decides which countries are adequate.
pub fn analyze(
    doc: &Extracted,
    findings: &[Finding],
    _lang: Option<&str>,
    adequacy: &[Adequacy],
) -> Analysis {
    let kind = kind::classify(doc, findings);
    let mut parties = crate::entities::build_parties(doc, findings);
    entities::stated_mechanisms(&mut parties, findings);
    if kind == crate::report::DocKind::PrivacyPolicy {
        crate::entities::speaker_is_controller(&mut parties, findings);
    }
    if kind == crate::report::DocKind::Dpa {
        crate::entities::hosts_are_subprocessors(&mut parties, findings);
    }
    let countries = entities::countries(findings, adequacy);
    let mut providers = entities::providers(findings);
    entities::link_named_entities(&mut providers, &parties);
    entities::drop_inactive_providers(&mut providers, &parties);
    let locations = entities::locations(findings);
    let facts = transfers::decide(findings, &parties, &providers, &locations, adequacy);
    let checklist = checklist::build(kind, findings, &parties);
    let risk = risk::assess(&risk::RiskInput {
        kind,
        findings,
        parties: &parties,
        providers: &providers,
        locations: &locations,
        countries: &countries,
        text: &doc.text,
        facts: &facts,
        checklist: &checklist,
        adequacy,
    });
    Analysis {
        kind,
        parties,
        countries,
        transfers: facts.transfers,
        providers,
        locations,
        checklist,
        risk,
    }
}

#[cfg(test)]
pub(crate) mod testutil {
    //! Hand-built findings and documents for the analysis tests.

    use crate::extract::Extracted;
    use crate::findings::{Finding, FindingKind};

    /// A finding "f{n}" of `kind` at byte `start` (10 bytes long) with `value`.
    pub fn fnd(
        n: u32,
        kind: FindingKind,
        rule: &str,
        start: usize,
        value: serde_json::Value,
    ) -> Finding {
        Finding {
            id: format!("f{n}"),
            kind,
            rule: rule.to_string(),
            page: None,
            start,
            end: start + 10,
            text: format!("text of f{n}"),
            context: format!("context of f{n}"),
            value,
        }
    }

    /// An unpaged document with `text`.
    pub fn doc(text: &str) -> Extracted {
        Extracted {
            text: text.to_string(),
            pages: std::iter::once(0..text.len()).collect(),
            paged: false,
            engine: "test".to_string(),
            warnings: Vec::new(),
        }
    }

    /// The embedded adequacy decisions (`patterns/adequacy.csv`).
    pub fn adequacy() -> Vec<crate::patterns::compile::Adequacy> {
        let text = crate::patterns::load::EMBEDDED
            .get_file("adequacy.csv")
            .and_then(|f| f.contents_utf8())
            .expect("embedded adequacy.csv");
        let table = crate::patterns::csv::parse(text).expect("adequacy.csv parses");
        crate::patterns::compile::load_adequacy(&table).expect("adequacy.csv loads")
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::{adequacy, doc, fnd};
    use super::*;
    use crate::findings::FindingKind;
    use crate::report::{CountryStatus, DocKind, RiskLevel};
    use serde_json::json;

    #[test]
    fn whole_analysis_of_a_small_dpa() {
        let fs = vec![
            fnd(
                1,
                FindingKind::Clause,
                "clause.kind_dpa",
                0,
                json!({"signal":"dpa","weight":1.0}),
            ),
            fnd(
                2,
                FindingKind::Provider,
                "provider.gazetteer",
                600,
                json!({"name":"Amazon Web Services","company":"Amazon Web Services, Inc.","jurisdiction":"US","category":"cloud"}),
            ),
            fnd(
                3,
                FindingKind::Location,
                "location.datacenter",
                650,
                json!({"city":"Frankfurt am Main","country":"DE"}),
            ),
            fnd(
                4,
                FindingKind::Country,
                "country.name",
                700,
                json!({"code":"US","name":"United States","status":"third_country"}),
            ),
            fnd(
                5,
                FindingKind::Transfer,
                "transfer.scc",
                750,
                json!({"mechanism":"scc"}),
            ),
            fnd(
                6,
                FindingKind::Transfer,
                "transfer.privacy_shield",
                800,
                json!({"mechanism":"privacy_shield","historical":true}),
            ),
            fnd(
                7,
                FindingKind::Clause,
                "clause.art28_3_a",
                900,
                json!({"checklist":"art28_3_a"}),
            ),
        ];
        let a = analyze(&doc(&" ".repeat(1000)), &fs, Some("de"), &adequacy());
        assert_eq!(a.kind, DocKind::Dpa);
        // Germany from the data centre in Frankfurt (no country finding names it).
        let codes: Vec<&str> = a.countries.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["DE", "US"]);
        assert_eq!(a.countries[0].evidence, ["f3"]);
        assert_eq!(a.countries[1].status, CountryStatus::ThirdCountry);
        assert_eq!(a.transfers.third_country_transfer, Some(true));
        assert_eq!(a.transfers.mechanisms, vec!["scc"]);
        assert_eq!(a.transfers.evidence, vec!["f2", "f5"]);
        assert_eq!(a.checklist.len(), 10);
        // A US provider relied on with SCCs, Art. 28 gaps and no processor named: a reviewer
        // should look (medium).
        assert_eq!(a.risk.level, RiskLevel::Medium);
        let codes: Vec<&str> = a.risk.reasons.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(
            codes,
            vec!["missing_art28_items", "unnamed_processor", "us_provider"]
        );
        // Deterministic: the same input gives the same output.
        assert_eq!(
            analyze(&doc(&" ".repeat(1000)), &fs, Some("de"), &adequacy()),
            a
        );
    }

    #[test]
    fn odd_values_do_not_panic() {
        let fs = vec![
            fnd(1, FindingKind::Country, "country.name", 0, json!(null)),
            fnd(
                2,
                FindingKind::Provider,
                "provider.gazetteer",
                5,
                json!([1, 2]),
            ),
            fnd(
                3,
                FindingKind::Transfer,
                "transfer.x",
                9,
                json!({"mechanism": 5, "negated": "yes"}),
            ),
            fnd(
                4,
                FindingKind::Clause,
                "clause.x",
                99_999,
                json!({"signal":"dpa","weight":"heavy"}),
            ),
            fnd(
                5,
                FindingKind::Location,
                "location.x",
                3,
                json!({"city": "", "country": "Germany"}),
            ),
        ];
        let a = analyze(&doc("short"), &fs, None, &adequacy());
        assert_eq!(a.kind, DocKind::Other);
        assert!(a.countries.is_empty());
        assert!(a.providers.is_empty());
        assert_eq!(a.locations.len(), 1);
        assert_eq!(a.transfers.third_country_transfer, None);
    }
}

//! The Art. 28 (DPA) and Art. 13 (privacy policy) checklists.

use super::value::{flag, str_of};
use crate::findings::{Finding, FindingKind};
use crate::report::{ChecklistItem, DocKind, Party};

/// Art. 28 GDPR requirements of a DPA, in output order, with a short human name.
pub const ART28_ITEMS: [(&str, &str); 10] = [
    ("art28_3_a", "processing only on documented instructions"),
    ("art28_3_b", "confidentiality of authorised persons"),
    ("art28_3_c", "security of processing (Art. 32)"),
    ("art28_3_d", "conditions for engaging sub-processors"),
    ("art28_3_e", "assistance with data subject requests"),
    ("art28_3_f", "assistance with Art. 32-36 obligations"),
    ("art28_3_g", "deletion or return of data at the end"),
    ("art28_3_h", "audits and inspections"),
    ("art28_2", "prior authorisation of sub-processors"),
    ("art28_4", "same obligations imposed on sub-processors"),
];

/// Art. 13 GDPR information duties of a privacy policy, in output order, with a short human name.
pub const ART13_ITEMS: [(&str, &str); 12] = [
    (
        "art13_1_a",
        "identity and contact details of the controller",
    ),
    (
        "art13_1_b",
        "contact details of the data protection officer",
    ),
    ("art13_1_c", "purposes and legal basis"),
    ("art13_1_d", "legitimate interests pursued"),
    ("art13_1_e", "recipients"),
    ("art13_1_f", "transfers to third countries and safeguards"),
    ("art13_2_a", "storage period"),
    ("art13_2_b", "data subject rights"),
    ("art13_2_c", "right to withdraw consent"),
    (
        "art13_2_d",
        "right to lodge a complaint with a supervisory authority",
    ),
    ("art13_2_e", "whether providing the data is required"),
    ("art13_2_f", "automated decision-making and profiling"),
];

/// Most `transfer` findings the checklist takes as the evidence of Art. 13(1)(f) (as many as a
/// checklist rule keeps: [`crate::matchers::CHECKLIST_CAP`]).
pub const TRANSFER_EVIDENCE: usize = crate::matchers::CHECKLIST_CAP;

/// The human name of a checklist id ("audits and inspections" for "art28_3_h"), if known.
pub fn item_name(id: &str) -> Option<&'static str> {
    ART28_ITEMS
        .iter()
        .chain(ART13_ITEMS.iter())
        .find(|(i, _)| *i == id)
        .map(|(_, n)| *n)
}

/// The checklist for `kind`: one item per requirement of its family, present when
/// any `clause` finding has `value.checklist` equal to the item's id (a negated
/// mention also addresses the requirement, e.g. "we make no transfers to third
/// countries" for Art. 13(1)(f)); empty for other kinds.
///
/// A finding whose clause rules the requirement out (`value.excluded`: "Kontrollen …
/// sind nach dieser Vereinbarung nicht vorgesehen" for Art. 28(3)(h)) addresses nothing:
/// it goes to the item's `excluded` list, not its evidence. Nor do findings in headings
/// (`value.heading`: "§ 9 Nachweise und Kontrollrechte", a table of contents' line) when
/// they are the item's only others.
///
/// A privacy policy also addresses Art. 13(1)(f) (transfers to third countries and their
/// safeguards) with a `transfer` finding that states where the data goes or the mechanism
/// it relies on ("Die Übermittlung in die USA erfolgt auf Grundlage des EU-US Data Privacy
/// Framework", "Die Daten werden ausschließlich in der EU verarbeitet"): when no clause
/// finding addresses the item, the first [`TRANSFER_EVIDENCE`] such findings are its
/// evidence.
///
/// It addresses Art. 13(1)(a) (identity and contact details of the controller) with a
/// party of `parties` that is the controller and has an address ("This privacy policy
/// explains how Nimbus Analytics B.V. (“we”), Keizersgracht 100, 1015 CZ Amsterdam,
/// processes personal data"): when no clause finding addresses the item, that party's
/// evidence is the item's.
pub(crate) fn build(kind: DocKind, findings: &[Finding], parties: &[Party]) -> Vec<ChecklistItem> {
    let items: &[(&str, &str)] = match kind {
        DocKind::Dpa => &ART28_ITEMS,
        DocKind::PrivacyPolicy => &ART13_ITEMS,
        DocKind::SubprocessorList | DocKind::Other => &[],
    };
    // One pass over the findings (in their order), each to its item.
    let mut evidence: Vec<Vec<String>> = vec![Vec::new(); items.len()];
    let mut excluded: Vec<Vec<String>> = vec![Vec::new(); items.len()];
    for f in findings.iter().filter(|f| f.kind == FindingKind::Clause) {
        let Some(item) = str_of(f, "checklist") else {
            continue;
        };
        // "“Personal Data Breach” means …" defines a word of the contract; it neither
        // imposes nor rules out an obligation.
        if flag(f, "definition") {
            continue;
        }
        if let Some(i) = items.iter().position(|(id, _)| *id == item) {
            if flag(f, "excluded") {
                excluded[i].push(f.id.clone());
            } else {
                evidence[i].push(f.id.clone());
            }
        }
    }
    // "§ 9 Nachweise und Kontrollrechte" over a body that rules audits out: a heading's
    // hit addresses nothing when every hit of the body is excluded.
    for (ev, ex) in evidence.iter_mut().zip(&excluded) {
        let heading = |id: &String| {
            findings
                .iter()
                .find(|f| &f.id == id)
                .is_some_and(|f| flag(f, "heading"))
        };
        if !ex.is_empty() && ev.iter().all(heading) {
            ev.clear();
        }
    }
    if let Some(i) = items.iter().position(|(id, _)| *id == "art13_1_f") {
        if evidence[i].is_empty() {
            evidence[i] = findings
                .iter()
                .filter(|f| {
                    f.kind == FindingKind::Transfer
                        && (str_of(f, "mechanism").is_some() || str_of(f, "statement").is_some())
                })
                .take(TRANSFER_EVIDENCE)
                .map(|f| f.id.clone())
                .collect();
        }
    }
    if let Some(i) = items.iter().position(|(id, _)| *id == "art13_1_a") {
        if evidence[i].is_empty() {
            if let Some(p) = parties
                .iter()
                .find(|p| p.address.is_some() && p.roles.iter().any(|r| r == "controller"))
            {
                evidence[i] = p.evidence.clone();
            }
        }
    }
    let mut not_required = vec![false; items.len()];
    if let Some(i) = items.iter().position(|(id, _)| *id == "art13_1_d") {
        if evidence[i].is_empty() {
            if let Some(bases) = public_bases_without_f(findings) {
                evidence[i] = bases;
                not_required[i] = true;
            }
        }
    }
    items
        .iter()
        .zip(evidence.into_iter().zip(excluded))
        .zip(not_required)
        .map(
            |(((id, _), (evidence, excluded)), not_required)| ChecklistItem {
                id: id.to_string(),
                present: !evidence.is_empty() && !not_required,
                evidence,
                excluded,
                not_required,
            },
        )
        .collect()
}

/// The ids of the findings that name legal bases of Art. 6(1) by their letters (value
/// `legal_basis`: "e", "b und f"), when one names (e), a task in the public interest or of
/// official authority, and none (f), the legitimate interests: a public body on its tasks
/// cannot rely on (f) (Art. 6(1) sentence 2), so Art. 13(1)(d) asks nothing of its policy.
/// `None` otherwise; a company naming only (a) and (b) may still pursue interests it does
/// not state.
fn public_bases_without_f(findings: &[Finding]) -> Option<Vec<String>> {
    let mut ids = Vec::new();
    let mut public_task = false;
    for f in findings {
        let Some(letters) = str_of(f, "legal_basis") else {
            continue;
        };
        // "b und f", "a) and (f": the letters are the words of one character.
        for w in letters.split(|c: char| !c.is_alphanumeric()) {
            if w.eq_ignore_ascii_case("f") {
                return None;
            }
            public_task |= w.eq_ignore_ascii_case("e");
        }
        ids.push(f.id.clone());
    }
    public_task.then_some(ids)
}

#[cfg(test)]
mod tests {
    use super::super::testutil::fnd;
    use super::*;
    use serde_json::json;

    /// A heading's hit ("§ 9 Nachweise und Kontrollrechte") addresses an item only beside
    /// a hit of its body that is not excluded.
    #[test]
    fn a_headings_hit_over_an_excluded_body_addresses_nothing() {
        let h = |n, start, value| fnd(n, FindingKind::Clause, "clause.art28_3_h", start, value);
        let heading = json!({"checklist":"art28_3_h","heading":true,"excluded":false});
        let excluded = json!({"checklist":"art28_3_h","heading":false,"excluded":true});
        let body = json!({"checklist":"art28_3_h","heading":false,"excluded":false});
        let item = |fs: &[Finding]| {
            build(DocKind::Dpa, fs, &[])
                .into_iter()
                .find(|i| i.id == "art28_3_h")
                .expect("the item is listed")
        };
        let ruled_out = item(&[h(1, 0, heading.clone()), h(2, 50, excluded.clone())]);
        assert!(
            !ruled_out.present && ruled_out.evidence.is_empty(),
            "{ruled_out:?}"
        );
        assert_eq!(ruled_out.excluded, ["f2"]);
        // Controls: a body hit that stands, and a heading without an exclusion.
        let kept = item(&[h(1, 0, heading.clone()), h(2, 50, excluded), h(3, 90, body)]);
        assert!(kept.present && kept.evidence == ["f1", "f3"], "{kept:?}");
        assert!(item(&[h(1, 0, heading)]).present);
    }

    #[test]
    fn checklist_per_kind() {
        let fs = vec![
            fnd(
                1,
                FindingKind::Clause,
                "clause.art28_3_a",
                0,
                json!({"checklist":"art28_3_a"}),
            ),
            fnd(
                2,
                FindingKind::Clause,
                "clause.art28_3_a",
                10,
                json!({"checklist":"art28_3_a"}),
            ),
            fnd(
                3,
                FindingKind::Clause,
                "clause.art28_4",
                20,
                json!({"checklist":"art28_4"}),
            ),
            fnd(
                4,
                FindingKind::Clause,
                "clause.art13_1_f",
                30,
                json!({"checklist":"art13_1_f","negated":true}),
            ),
            // Wrong finding kind: not a checklist hit.
            fnd(
                5,
                FindingKind::Transfer,
                "transfer.scc",
                40,
                json!({"checklist":"art28_3_b"}),
            ),
        ];
        let dpa = build(DocKind::Dpa, &fs, &[]);
        assert_eq!(
            dpa.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
            ART28_ITEMS.map(|(id, _)| id).to_vec()
        );
        assert_eq!(dpa[0].evidence, vec!["f1", "f2"]);
        assert!(dpa[0].present);
        assert!(
            !dpa[1].present,
            "art28_3_b from a transfer finding does not count"
        );
        assert!(dpa[9].present);
        assert_eq!(dpa.iter().filter(|i| i.present).count(), 2);

        let pp = build(DocKind::PrivacyPolicy, &fs, &[]);
        assert_eq!(pp.len(), 12);
        assert_eq!(
            pp.iter()
                .filter(|i| i.present)
                .map(|i| i.id.as_str())
                .collect::<Vec<_>>(),
            vec!["art13_1_f"]
        );

        assert!(build(DocKind::SubprocessorList, &fs, &[]).is_empty());
        assert!(build(DocKind::Other, &fs, &[]).is_empty());
    }

    /// The result of the whole pipeline for `text` (Markdown).
    fn analyze_text(text: String, rules: &crate::patterns::Rules) -> crate::report::DocResult {
        let doc = crate::extract::Extracted {
            pages: std::iter::once(0..text.len()).collect(),
            text,
            paged: false,
            engine: "text".into(),
            warnings: Vec::new(),
        };
        crate::pipeline::analyze_extracted("t.md", "", None, &doc, rules)
    }

    /// Whether the checklist item `id` of `r` is present, and the rules of its evidence.
    fn item_and_evidence_rules(r: &crate::report::DocResult, id: &str) -> (bool, Vec<String>) {
        let item = r.checklist.iter().find(|i| i.id == id);
        let evidence = item
            .iter()
            .flat_map(|i| &i.evidence)
            .filter_map(|e| r.findings.iter().find(|f| &f.id == e))
            .map(|f| f.rule.clone())
            .collect();
        (item.is_some_and(|i| i.present), evidence)
    }

    /// Art. 13(1)(f) through the whole pipeline: a privacy policy that says where the data
    /// goes and on what basis addresses it without the clause's own words; one that says
    /// nothing about transfers does not.
    #[test]
    fn a_transfer_statement_addresses_art13_1_f() {
        let rules = crate::patterns::Rules::embedded().expect("embedded rules");
        let item = |body: &str| {
            let text = format!(
                "# Datenschutzerklärung\n\nVerantwortlicher ist die Nordwind GmbH, \
                 Hauptstraße 1, 10115 Berlin. Sie haben das Recht auf Auskunft und \
                 Beschwerde bei einer Aufsichtsbehörde. {body}\n"
            );
            let r = analyze_text(text, &rules);
            assert_eq!(r.kind, DocKind::PrivacyPolicy, "{body}");
            item_and_evidence_rules(&r, "art13_1_f")
        };
        let (present, evidence) = item(
            "Für den Newsletter nutzen wir Mailchimp. Die Übermittlung in die USA erfolgt \
             auf Grundlage des EU-US Data Privacy Framework.",
        );
        assert!(present);
        assert_eq!(evidence, ["transfer.third_country", "transfer.dpf"]);
        let (present, evidence) =
            item("Ihre Daten werden ausschließlich in der Europäischen Union verarbeitet.");
        assert!(present);
        assert_eq!(evidence, ["transfer.eu_only"]);
        let (present, evidence) = item("Wir nutzen Cookies, um die Website zu verbessern.");
        assert!(!present);
        assert!(evidence.is_empty());
    }

    /// Through the whole pipeline: a DPA that only defines "Personal Data Breach" and
    /// "DPIA" and makes the controller notify breaches does not address Art. 28(3)(f); the
    /// same DPA with the processor's duty to notify does, and its evidence leaves the
    /// definitions out.
    #[test]
    fn a_definition_addresses_no_item() {
        let rules = crate::patterns::Rules::embedded().expect("embedded rules");
        let item = |duty: &str| {
            let text = format!(
                "# Data Processing Agreement\n\nThis Data Processing Agreement is entered into \
                 between Nordwind Oy (the Controller) and Talentrijk B.V. (the Processor) under \
                 Article 28 GDPR.\n\n1.2 “Personal Data Breach” means a breach of security \
                 leading to the accidental or unlawful destruction, loss or disclosure of \
                 personal data.\n\n1.3 “DPIA” means a data protection impact assessment \
                 within the meaning of Article 35 GDPR.\n\n3.1 The Processor shall process \
                 personal data only on documented instructions from the Controller.\n\n{duty}\n"
            );
            let r = analyze_text(text, &rules);
            assert_eq!(r.kind, DocKind::Dpa, "{duty}");
            let (present, evidence) = item_and_evidence_rules(&r, "art28_3_f");
            let texts: Vec<String> = r
                .checklist
                .iter()
                .filter(|i| i.id == "art28_3_f")
                .flat_map(|i| &i.evidence)
                .filter_map(|e| r.findings.iter().find(|f| &f.id == e))
                .map(|f| f.context.clone())
                .collect();
            (present, evidence, texts)
        };
        let (present, evidence, _) = item("8.3 The Controller keeps its own records.");
        assert!(!present, "{evidence:?}");
        let (present, _, texts) = item(
            "7.1 The Processor shall notify the Controller without undue delay after \
             becoming aware of a Personal Data Breach.",
        );
        assert!(present);
        assert!(
            !texts.is_empty() && texts.iter().all(|t| t.contains("shall notify")),
            "{texts:?}"
        );
    }

    /// Art. 13(1)(a) through the whole pipeline: a privacy policy that names its
    /// controller with an address addresses it without the clause's own words; one whose
    /// controller has no address does not.
    #[test]
    fn a_controller_with_an_address_addresses_art13_1_a() {
        let rules = crate::patterns::Rules::embedded().expect("embedded rules");
        let item = |who: &str| {
            let text = format!(
                "<h1>Privacy Policy</h1><p>This privacy policy explains how {who} processes \
                 personal data.</p><p>You have the right to access your data and to lodge a \
                 complaint with a supervisory authority.</p>"
            );
            let doc = crate::extract::extract(
                text.as_bytes(),
                crate::extract::Format::Html,
                &crate::extract::Limits::default(),
            )
            .expect("extracts");
            let r = crate::pipeline::analyze_extracted("t.html", "", None, &doc, &rules);
            assert_eq!(r.kind, DocKind::PrivacyPolicy, "{who}");
            item_and_evidence_rules(&r, "art13_1_a")
        };
        let (present, evidence) = item(
            "Nimbus Analytics B.V. (\"Nimbus\", \"we\", \"us\"), Keizersgracht 100, 1015 CZ \
             Amsterdam, the Netherlands,",
        );
        assert!(present);
        assert!(
            evidence.iter().any(|r| r.starts_with("address.")),
            "{evidence:?}"
        );
        let (present, evidence) = item("Nimbus Analytics B.V. (\"Nimbus\", \"we\", \"us\")");
        assert!(!present);
        assert!(evidence.is_empty());
    }

    #[test]
    fn names() {
        assert_eq!(item_name("art28_3_h"), Some("audits and inspections"));
        assert_eq!(
            item_name("art13_2_d"),
            Some("right to lodge a complaint with a supervisory authority")
        );
        assert_eq!(item_name("art99"), None);
    }
}

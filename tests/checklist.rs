//! The Art. 28 checklist over whole documents, extracted and analysed as `check` does: a
//! requirement that the contract names only to rule it out is a gap, with the finding
//! that rules it out.

mod common;

use common::{check, reason};
use dpascan::report::{ChecklistItem, DocResult};

/// The checklist item `id` of `r`.
fn item<'a>(r: &'a DocResult, id: &str) -> &'a ChecklistItem {
    r.checklist
        .iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no item {id} in {:?}", r.checklist))
}

/// A German AVV whose section on audits reads `audits`.
fn avv(audits: &str) -> String {
    format!(
        "Vertrag zur Auftragsverarbeitung gemäß Art. 28 DSGVO\n\n\
         § 1 Gegenstand\n\nDer Auftragnehmer verarbeitet personenbezogene Daten im Auftrag des \
         Auftraggebers ausschließlich auf dokumentierte Weisung des Auftraggebers.\n\n\
         § 2 Vertraulichkeit\n\nDer Auftragnehmer verpflichtet die zur Verarbeitung befugten \
         Personen zur Vertraulichkeit.\n\n\
         § 9 Kontrollen\n\n{audits}\n"
    )
}

#[test]
fn audits_the_contract_rules_out_are_a_gap() {
    // The sixth blind set's decoy: audits named only to be excluded.
    let r = check(
        "avv.txt",
        &avv(
            "Kontrollen durch den Auftraggeber oder durch von diesem beauftragte Prüfer, \
              einschließlich Vor-Ort-Inspektionen in den Räumlichkeiten des Auftragnehmers, \
              sind nach dieser Vereinbarung nicht vorgesehen; die Parteien sind sich einig, \
              dass die Zertifizierung nach ISO/IEC 27001 genügt.",
        ),
    );
    let h = item(&r, "art28_3_h");
    assert!(!h.present, "{h:?}");
    assert!(h.evidence.is_empty(), "{h:?}");
    let f = r
        .findings
        .iter()
        .find(|f| h.excluded.first() == Some(&f.id))
        .expect("the excluded finding");
    assert_eq!(f.text, "Inspektionen");
    assert_eq!(f.value["excluded_by"], "nicht vorgesehen");
    // The risk names it too, with the finding as evidence.
    let missing = reason(&r, "missing_art28_items").expect("a missing-items reason");
    assert!(
        missing
            .message
            .contains("art28_3_h audits and inspections (ruled out by the document)"),
        "{}",
        missing.message
    );
    assert_eq!(missing.evidence, h.excluded);
    // The report names the gap and the clause that makes it.
    let out = dpascan::report::human::render(&r, false);
    assert!(
        out.contains(
            "art28_3_h audits and inspections · ruled out: \"Inspektionen … nicht vorgesehen\""
        ),
        "{out}"
    );

    // The same clause granting audits, and one that only forbids obstructing them.
    for granted in [
        "Der Auftraggeber ist berechtigt, Kontrollen einschließlich Vor-Ort-Inspektionen in den \
         Räumlichkeiten des Auftragnehmers durchzuführen.",
        "Der Auftragnehmer wird Inspektionen des Auftraggebers nicht behindern.",
    ] {
        let r = check("avv.txt", &avv(granted));
        let h = item(&r, "art28_3_h");
        assert!(h.present && h.excluded.is_empty(), "{granted:?}: {h:?}");
    }
}

#[test]
fn a_right_to_audits_denied_in_english_is_a_gap() {
    let dpa = "Data Processing Agreement\n\n1. The Processor shall process the personal data only \
               on documented instructions from the Controller.\n\n2. Audits. The Customer shall \
               have no right to audits and inspections of the Processor's premises.\n";
    let r = check("dpa.txt", dpa);
    let h = item(&r, "art28_3_h");
    assert!(!h.present && h.excluded.len() == 1, "{h:?}");
    let control = dpa.replace("shall have no right to", "may conduct");
    let r = check("dpa.txt", &control);
    let h = item(&r, "art28_3_h");
    assert!(h.present && h.excluded.is_empty(), "{h:?}");
}

/// A duty to provide information addresses Art. 28(3)(h), and a long German sentence
/// that ends by ruling inspections out restricts it: the item stays present, and the
/// risk and the report say what is ruled out (the fourteenth blind set).
#[test]
fn inspections_ruled_out_beside_information_restrict_the_item() {
    let r = check(
        "avv.txt",
        &avv(
            "(1) Der Auftragsverarbeiter stellt dem Verantwortlichen alle erforderlichen \
             Informationen zum Nachweis der Einhaltung seiner Pflichten zur Verfügung.\n\
             (2) Darüber hinausgehende Überprüfungen, insbesondere Inspektionen und\n\
             Vor-Ort-Kontrollen in den Geschäftsräumen oder Rechenzentren des\n\
             Auftragsverarbeiters oder seiner Unterauftragsverarbeiter durch den Verantwortlichen\n\
             oder einen von diesem beauftragten Prüfer, sind ausgeschlossen.",
        ),
    );
    let h = item(&r, "art28_3_h");
    assert!(h.present && !h.excluded.is_empty(), "{h:?}");
    let restricted = reason(&r, "restricted_art28_items").expect("a restricted-items reason");
    assert_eq!(restricted.evidence, h.excluded);
    let out = dpascan::report::human::render(&r, false);
    assert!(
        out.contains(
            "art28_3_h audits and inspections · addressed, but partly ruled out: \"Inspektionen … sind ausgeschlossen\""
        ),
        "{out}"
    );
}

/// Proof by certificates only, with checks on site ruled out, restricts Art. 28(3)(h):
/// "Zahnwerk stellt … die zum Nachweis … erforderlichen Informationen zur Verfügung" and
/// "Kontrollen vor Ort … sind ausgeschlossen", or "… shall not be required to permit on-site
/// inspections" (the sixteenth blind set).
#[test]
fn audits_by_certificate_only_restrict_the_item() {
    let german = avv(
        "(1) Zahnwerk stellt der Praxis die zum Nachweis der Einhaltung der Pflichten aus Art. \
         28 DSGVO erforderlichen Informationen zur Verfügung.\n(2) Der Nachweis erfolgt \
         ausschließlich durch Vorlage des ISO/IEC 27001-Zertifikats. Kontrollen vor Ort durch \
         die Praxis oder von ihr beauftragte Prüfer sind ausgeschlossen.",
    );
    let english = "Data Processing Agreement\n\n7. Audits\n\nBrightwave shall make available to \
                   the Customer all information necessary to demonstrate compliance with Article \
                   28 GDPR. Brightwave shall not be required to permit on-site inspections of its \
                   premises.\n";
    for text in [german, english.to_string()] {
        let r = check("dpa.txt", &text);
        let h = item(&r, "art28_3_h");
        assert!(h.present && !h.excluded.is_empty(), "{text}: {h:?}");
        assert!(
            r.risk
                .reasons
                .iter()
                .any(|x| x.code == "restricted_art28_items"),
            "{text}: {:?}",
            r.risk
        );
    }
}

/// A DPA that meets the Art. 28(3) items by the SCC clauses it applies, each under the
/// item's own reference ("Confidentiality (Art. 28(3)(b)): Clause 8.6(b) of the SCC
/// applies."), addresses all eight (the fourteenth blind set, document 12): the rule's
/// `item` group names each finding's item, and its findings are not capped at five.
#[test]
fn items_met_by_the_scc_clauses_the_contract_applies_are_addressed() {
    let text = "Data Processing Agreement between Vesterbro Fintech ApS (the \"Customer\") and \
        Meridian Ledger Technologies Private Limited (\"Meridian\").\n\n\
        1. The parties enter into the standard contractual clauses, Module Two.\n\n\
        2. Obligations of Meridian\n\
        2.1 Processing on request (Art. 28(3)(a)): Clause 8.1 of the SCC applies.\n\
        2.2 Staff (Art. 28(3)(b)): Clause 8.6(b) of the SCC applies.\n\
        2.3 Safeguards (Art. 28(3)(c)): Clause 8.6(a) of the SCC applies.\n\
        2.4 Further processors (Art. 28(3)(d)): Clause 9 of the SCC applies.\n\
        2.5 Requests of individuals (Art. 28(3)(e)): Clause 10 of the SCC applies.\n\
        2.6 Help (Art. 28(3)(f)): Clauses 8.6(c) and 8.6(d) of the SCC apply.\n\
        2.7 End of the services (Art. 28(3)(g)): Clause 8.5 of the SCC applies.\n\
        2.8 Reviews (Art. 28(3)(h)): Clause 8.9 of the SCC applies mutatis mutandis.\n";
    let r = check("dpa.txt", text);
    for letter in 'a'..='h' {
        let id = format!("art28_3_{letter}");
        assert!(item(&r, &id).present, "{id}: {:?}", r.checklist);
    }
}

/// A German privacy policy whose legal bases read `bases`.
fn policy(bases: &str) -> String {
    format!(
        "Datenschutzerklärung\n\n1. Verantwortlicher\n\nVerantwortlich ist die Stadt Lindenau, \
         Marktplatz 1, 37574 Lindenau.\n\n2. Kursanmeldung\n\nWir verarbeiten Name und \
         Anschrift. {bases}\n"
    )
}

/// A public body's policy, whose legal bases named by their letters of Art. 6(1) include
/// (e) and no (f), pursues no legitimate interests: Art. 13(1)(d) asks nothing of it and is
/// no gap (the twenty-sixth blind set's Volkshochschule). A basis (f), bases without (e)
/// (a company may pursue interests it does not state) or no letter keep the item a gap.
#[test]
fn legitimate_interests_are_not_required_of_a_public_body() {
    let r = check(
        "ds.txt",
        &policy(
            "Rechtsgrundlage ist Art. 6 Abs. 1 lit. e DSGVO, für Verträge Art. 6 Abs. 1 \
             lit. b DSGVO.",
        ),
    );
    let d = item(&r, "art13_1_d");
    assert!(d.not_required && !d.present, "{d:?}");
    assert_eq!(d.evidence.len(), 2, "{d:?}");
    let missing = reason(&r, "missing_art13_items").expect("other items are missing");
    assert!(
        !missing.message.contains("art13_1_d"),
        "{}",
        missing.message
    );
    assert!(missing.message.contains(" of 11 "), "{}", missing.message);
    // Controls: (f) in an enumeration of letters, no (e), no letter.
    for bases in [
        "Rechtsgrundlage ist Art. 6 Abs. 1 S. 1 lit. e und f DSGVO.",
        "We rely on Article 6(1)(e) and (f) GDPR.",
        "Rechtsgrundlage ist Art. 6 Abs. 1 lit. b DSGVO.",
        "Rechtsgrundlage ist Ihre Einwilligung.",
    ] {
        let r = check("ds.txt", &policy(bases));
        let d = item(&r, "art13_1_d");
        assert!(!d.not_required, "{bases:?}: {d:?}");
    }
}

//! Transfers out of the EU/EEA: which mechanisms the document relies on, and
//! whether data goes (or may go) to a third country.

use super::value::{flag, negated, outside_eea, sort_ids, status_of, str_of};
use crate::findings::{Finding, FindingKind};
use crate::patterns::compile::Adequacy;
use crate::report::{Location, Party, Provider, Transfers};

/// The contract's `transfers.mechanisms[]` values, in output order.
pub const MECHANISMS: [&str; 7] = [
    "adequacy",
    "scc",
    "bcr",
    "dpf",
    "privacy_shield",
    "consent",
    "derogation",
];

/// Mechanisms that only make sense for a transfer to a third country: relying on one
/// shows a transfer. (An adequacy decision is left out: privacy policies name
/// "the existence or absence of an adequacy decision" as an Art. 13(1)(f) duty.)
const TRANSFER_ONLY: [&str; 6] = [
    "scc",
    "bcr",
    "dpf",
    "privacy_shield",
    "derogation",
    "consent",
];

/// What the transfer decision rests on, kept for the risk rules.
#[derive(Debug, Clone, Default)]
pub(crate) struct TransferFacts {
    /// The contract's answer.
    pub transfers: Transfers,
    /// Indices (into findings) of mechanisms the document relies on.
    pub counted: Vec<usize>,
    /// Indices of non-negated "data stays in the EU/EEA" statements.
    pub eu_only: Vec<usize>,
    /// Indices of non-negated, unconditional "data stays in these countries" statements
    /// that name a country outside the EU/EEA ("ausschließlich in der Schweiz", "only in
    /// Switzerland and the EEA"): promises like `eu_only`, read by the contradiction rule.
    pub stays_in: Vec<usize>,
    /// Indices of non-negated "data goes / may go to a third country" statements.
    pub third_country_statements: Vec<usize>,
    /// Indices (into providers) of providers whose jurisdiction is outside the EU/EEA.
    pub outside_providers: Vec<usize>,
    /// Indices (into locations) of locations outside the EU/EEA.
    pub outside_locations: Vec<usize>,
    /// Indices (into parties) of parties outside the EU/EEA.
    pub outside_parties: Vec<usize>,
}

/// The mechanism a finding relies on: a `transfer` finding with a known
/// `value.mechanism` that is not negated, historical, hypothetical or in a heading.
pub(crate) fn relied_mechanism(f: &Finding) -> Option<&str> {
    if f.kind != FindingKind::Transfer
        || negated(f)
        || flag(f, "historical")
        || flag(f, "hypothetical")
        // "5.5 Privacy Shield. Quillstack does not rely on …": a heading names its
        // section's subject.
        || flag(f, "heading")
    {
        return None;
    }
    str_of(f, "mechanism").filter(|m| MECHANISMS.contains(m))
}

/// Bytes between an adequacy decision and the Data Privacy Framework within which
/// [`names_the_dpf_decision`] reads them as one.
const DPF_DECISION_GAP: usize = 120;

/// Whether the adequacy decision of finding `i` is the one for the EU-U.S. Data Privacy
/// Framework, which the contract reports as `dpf` ("Zendesk, Inc. ist nach dem EU-U.S.
/// Data Privacy Framework zertifiziert; die Übermittlung erfolgt auf Grundlage des
/// Angemessenheitsbeschlusses …", "the adequacy decision for the EU-U.S. Data Privacy
/// Framework"): a relied-on `dpf` finding in the same sentence, at most
/// [`DPF_DECISION_GAP`] bytes away, and no other country than the US named in the sentence
/// ("Transfers to the UK and Switzerland rely on adequacy decisions, to the US on the
/// EU-U.S. Data Privacy Framework" relies on both).
fn names_the_dpf_decision(findings: &[Finding], i: usize) -> bool {
    let f = &findings[i];
    if relied_mechanism(f) != Some("adequacy") {
        return false;
    }
    let dpf_near = findings.iter().any(|g| {
        relied_mechanism(g) == Some("dpf")
            && g.context == f.context
            && g.start.max(f.start).saturating_sub(g.end.min(f.end)) <= DPF_DECISION_GAP
    });
    dpf_near
        && !findings.iter().any(|c| {
            c.kind == FindingKind::Country
                && !negated(c)
                && c.context == f.context
                && str_of(c, "code").is_some_and(|code| code != "US")
        })
}

/// Decides `transfers` from the findings and the aggregates built from them.
///
/// `third_country_transfer` is true when a non-negated third-country statement
/// exists (hypothetical ones count: "may go"), a transfer-only mechanism is relied
/// on, or a provider, location or party is outside the EU/EEA; false when only an
/// "EU/EEA only" statement speaks; null otherwise.
pub(crate) fn decide(
    findings: &[Finding],
    parties: &[Party],
    providers: &[Provider],
    locations: &[Location],
    adequacy: &[Adequacy],
) -> TransferFacts {
    let mut facts = TransferFacts::default();
    let outside = |code: Option<&str>| code.is_some_and(|c| outside_eea(status_of(c, adequacy)));
    for (i, f) in findings.iter().enumerate() {
        if f.kind != FindingKind::Transfer {
            continue;
        }
        if relied_mechanism(f).is_some() && !names_the_dpf_decision(findings, i) {
            facts.counted.push(i);
        }
        // A question ("Is your data transferred to countries outside the EU?") or a
        // heading ("6. Übermittlung in Drittländer") announces an answer, it is no
        // statement either way.
        let question = f.context.trim_end().ends_with('?');
        // A legend of a table's codes ("\"n/a\" bedeutet, dass keine Übermittlung in ein
        // Drittland stattfindet") defines, it states nothing of the document's data.
        if !negated(f) && !question && !flag(f, "heading") && !flag(f, "definition") {
            match str_of(f, "statement") {
                // "… outside the EEA unless …": a ban with an exception is no promise.
                Some("eu_only") if !flag(f, "hypothetical") => facts.eu_only.push(i),
                Some("stays_in") if !flag(f, "hypothetical") => facts.stays_in.push(i),
                Some("third_country") => facts.third_country_statements.push(i),
                // "when we transfer data to our office in Tokyo": a place outside.
                Some("destination") if outside(str_of(f, "country")) => {
                    facts.third_country_statements.push(i)
                }
                _ => {}
            }
        }
    }
    // A self-hosted product sends nothing to its company.
    facts.outside_providers = (0..providers.len())
        .filter(|&i| !providers[i].self_hosted && outside(providers[i].jurisdiction.as_deref()))
        .collect();
    facts.outside_locations = (0..locations.len())
        .filter(|&i| outside(locations[i].country.as_deref()))
        .collect();
    // A former, unused or planned sub-processor receives nothing now.
    facts.outside_parties = (0..parties.len())
        .filter(|&i| !parties[i].receives_nothing() && outside(parties[i].country.as_deref()))
        .collect();

    let mut mechanisms: Vec<String> = facts
        .counted
        .iter()
        .filter_map(|&i| relied_mechanism(&findings[i]))
        .map(str::to_string)
        .collect();
    mechanisms.sort_by_key(|m| MECHANISMS.iter().position(|x| x == m));
    mechanisms.dedup();

    let transfer_only: Vec<usize> = facts
        .counted
        .iter()
        .copied()
        .filter(|&i| relied_mechanism(&findings[i]).is_some_and(|m| TRANSFER_ONLY.contains(&m)))
        .collect();
    let id = |i: &usize| findings[*i].id.clone();
    let mut deciders: Vec<String> = facts.third_country_statements.iter().map(id).collect();
    deciders.extend(transfer_only.iter().map(id));
    for &i in &facts.outside_providers {
        deciders.extend(providers[i].evidence.iter().cloned());
    }
    for &i in &facts.outside_locations {
        deciders.extend(locations[i].evidence.iter().cloned());
    }
    for &i in &facts.outside_parties {
        deciders.extend(parties[i].evidence.iter().cloned());
    }
    let (answer, mut evidence) = if !deciders.is_empty() {
        (Some(true), deciders)
    } else if !facts.eu_only.is_empty() {
        (Some(false), facts.eu_only.iter().map(id).collect())
    } else {
        (None, Vec::new())
    };
    evidence.extend(facts.counted.iter().map(id));
    sort_ids(&mut evidence);
    facts.transfers = Transfers {
        third_country_transfer: answer,
        mechanisms,
        evidence,
    };
    facts
}

#[cfg(test)]
mod tests {
    use super::super::entities;
    use super::super::testutil::fnd;
    use super::*;
    use serde_json::json;

    fn run(fs: &[Finding]) -> TransferFacts {
        decide(
            fs,
            &crate::entities::build_parties(&super::super::testutil::doc(&" ".repeat(400)), fs),
            &entities::providers(fs),
            &entities::locations(fs),
            &super::super::testutil::adequacy(),
        )
    }

    fn t(n: u32, start: usize, value: serde_json::Value) -> Finding {
        fnd(n, FindingKind::Transfer, "transfer.x", start, value)
    }

    /// (name, findings, third_country_transfer, mechanisms, evidence)
    type TransferCase = (
        &'static str,
        Vec<Finding>,
        Option<bool>,
        Vec<&'static str>,
        Vec<&'static str>,
    );

    #[test]
    fn third_country_transfer_cases() {
        let cases: Vec<TransferCase> = vec![
            ("silent", vec![], None, vec![], vec![]),
            (
                "eu only",
                vec![t(1, 0, json!({"statement":"eu_only"}))],
                Some(false),
                vec![],
                vec!["f1"],
            ),
            (
                "negated eu only is silent",
                vec![t(1, 0, json!({"statement":"eu_only","negated":true}))],
                None,
                vec![],
                vec![],
            ),
            (
                "a ban with an exception (hypothetical) is silent",
                vec![t(1, 0, json!({"statement":"eu_only","hypothetical":true}))],
                None,
                vec![],
                vec![],
            ),
            (
                "third country statement",
                vec![t(1, 0, json!({"statement":"third_country"}))],
                Some(true),
                vec![],
                vec!["f1"],
            ),
            (
                "hypothetical third country statement counts",
                vec![t(
                    1,
                    0,
                    json!({"statement":"third_country","hypothetical":true}),
                )],
                Some(true),
                vec![],
                vec!["f1"],
            ),
            (
                "a question is no statement",
                vec![Finding {
                    context: "Is your data transferred to countries outside the EU?".into(),
                    ..t(1, 0, json!({"statement":"third_country"}))
                }],
                None,
                vec![],
                vec![],
            ),
            (
                "negated third country statement",
                vec![t(1, 0, json!({"statement":"third_country","negated":true}))],
                None,
                vec![],
                vec![],
            ),
            (
                "scc relied on",
                vec![t(1, 0, json!({"mechanism":"scc"}))],
                Some(true),
                vec!["scc"],
                vec!["f1"],
            ),
            (
                "adequacy alone decides nothing",
                vec![t(1, 0, json!({"mechanism":"adequacy"}))],
                None,
                vec!["adequacy"],
                vec!["f1"],
            ),
            (
                "eu only contradicted by a US provider",
                vec![
                    t(1, 0, json!({"statement":"eu_only"})),
                    fnd(
                        2,
                        FindingKind::Provider,
                        "provider.gazetteer",
                        10,
                        json!({"name":"Amazon Web Services","company":"Amazon Web Services, Inc.","jurisdiction":"US"}),
                    ),
                ],
                Some(true),
                vec![],
                vec!["f2"],
            ),
            (
                "EU provider keeps eu only",
                vec![
                    t(1, 0, json!({"statement":"eu_only"})),
                    fnd(
                        2,
                        FindingKind::Provider,
                        "provider.gazetteer",
                        10,
                        json!({"name":"Hetzner","company":"Hetzner Online GmbH","jurisdiction":"DE"}),
                    ),
                    fnd(
                        3,
                        FindingKind::Location,
                        "location.datacenter",
                        20,
                        json!({"city":"Falkenstein","country":"DE"}),
                    ),
                ],
                Some(false),
                vec![],
                vec!["f1"],
            ),
            (
                "swiss location is a third country",
                vec![fnd(
                    1,
                    FindingKind::Location,
                    "location.datacenter",
                    0,
                    json!({"city":"Zürich","country":"CH"}),
                )],
                Some(true),
                vec![],
                vec!["f1"],
            ),
            (
                "party in the US",
                vec![fnd(
                    1,
                    FindingKind::Party,
                    "party.org",
                    0,
                    json!({"name":"Mailgun Technologies, Inc.","country":"US"}),
                )],
                Some(true),
                vec![],
                vec!["f1"],
            ),
            (
                "negated historical hypothetical mechanisms are not counted",
                vec![
                    t(1, 0, json!({"mechanism":"privacy_shield","negated":true})),
                    t(
                        2,
                        10,
                        json!({"mechanism":"privacy_shield","historical":true}),
                    ),
                    t(3, 20, json!({"mechanism":"scc","hypothetical":true})),
                    t(4, 30, json!({"statement":"eu_only"})),
                ],
                Some(false),
                vec![],
                vec!["f4"],
            ),
            (
                "mechanisms sorted and deduplicated",
                vec![
                    t(1, 0, json!({"mechanism":"scc","outdated":true})),
                    t(2, 10, json!({"mechanism":"dpf"})),
                    t(3, 20, json!({"mechanism":"scc"})),
                    t(4, 30, json!({"mechanism":"adequacy"})),
                    t(5, 40, json!({"mechanism":"made_up"})),
                ],
                Some(true),
                vec!["adequacy", "scc", "dpf"],
                vec!["f1", "f2", "f3", "f4"],
            ),
        ];
        for (name, fs, want, mechs, ev) in cases {
            let got = run(&fs).transfers;
            assert_eq!(
                got.third_country_transfer, want,
                "{name}: third_country_transfer"
            );
            assert_eq!(got.mechanisms, mechs, "{name}: mechanisms");
            assert_eq!(got.evidence, ev, "{name}: evidence");
        }
    }
}

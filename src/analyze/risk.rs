//! The risk verdict: documented rules (docs/risk.md), each a stable code with a level
//! and a message that names the concrete facts. The level is the highest among the
//! reasons, `low` without any; reasons are sorted by level (high first), then code.

use std::cmp::Reverse;
use std::ops::Range;

use super::checklist::item_name;
use super::transfers::{relied_mechanism, TransferFacts, MECHANISMS};
use super::value::{
    flag, join_and, negated, outside_eea, paragraph_breaks, partial_adequacy, sort_ids, status_of,
    str_of,
};
use crate::findings::{Finding, FindingKind};
use crate::patterns::compile::Adequacy;
use crate::report::{
    ChecklistItem, CountryEntry, CountryStatus, DocKind, Location, Party, Provider, Risk,
    RiskLevel, RiskReason, StatedMechanism,
};

/// Everything the rules look at.
pub(crate) struct RiskInput<'a> {
    /// Document kind.
    pub kind: DocKind,
    /// All findings.
    pub findings: &'a [Finding],
    /// Aggregated parties.
    pub parties: &'a [Party],
    /// Aggregated providers.
    pub providers: &'a [Provider],
    /// Aggregated locations.
    pub locations: &'a [Location],
    /// Aggregated countries (for their names).
    pub countries: &'a [CountryEntry],
    /// The normalized text, read only for where paragraphs break (blank lines), and
    /// only when a rule needs it.
    pub text: &'a str,
    /// The transfer decision and what it rests on.
    pub facts: &'a TransferFacts,
    /// The checklist for `kind`.
    pub checklist: &'a [ChecklistItem],
    /// The EU adequacy decisions in force.
    pub adequacy: &'a [Adequacy],
}

/// Applies every rule.
pub(crate) fn assess(input: &RiskInput<'_>) -> Risk {
    let mut reasons: Vec<RiskReason> = Vec::new();
    let rules: [fn(&RiskInput<'_>) -> Option<RiskReason>; 19] = [
        third_country_party,
        party_without_mechanism,
        scc_module_mismatch,
        derogation_for_processor,
        dpf_outside_us,
        unnamed_processor,
        us_provider,
        third_country_provider,
        no_transfer_mechanism,
        destination_without_mechanism,
        invalid_mechanism,
        outdated_mechanism,
        pending_mechanism,
        nonexistent_adequacy,
        contradiction,
        missing_art28_items,
        restricted_art28_items,
        missing_art13_items,
        tracking_without_opt_out,
    ];
    for rule in rules {
        if let Some(mut r) = rule(input) {
            sort_ids(&mut r.evidence);
            reasons.push(r);
        }
    }
    reasons.sort_by(|a, b| (Reverse(a.level), &a.code).cmp(&(Reverse(b.level), &b.code)));
    Risk {
        level: reasons
            .iter()
            .map(|r| r.level)
            .max()
            .unwrap_or(RiskLevel::Low),
        reasons,
    }
}

fn reason(
    code: &str,
    level: RiskLevel,
    message: String,
    evidence: Vec<String>,
) -> Option<RiskReason> {
    Some(RiskReason {
        code: code.to_string(),
        message,
        level,
        evidence,
    })
}

/// "is" or "are" for `n` subjects.
fn is_are(n: usize) -> &'static str {
    if n == 1 {
        "is"
    } else {
        "are"
    }
}

/// "Google Cloud Platform (Google LLC, US)", or "Amazon Web Services (US)" when the
/// company is unknown or repeats the name.
fn provider_label(p: &Provider) -> String {
    let j = p.jurisdiction.as_deref().unwrap_or("?");
    match p.company.as_deref() {
        Some(c) if !c.eq_ignore_ascii_case(&p.name) => format!("{} ({c}, {j})", p.name),
        _ => format!("{} ({j})", p.name),
    }
}

/// "Mailgun Technologies, Inc. (processor, US)".
fn party_label(p: &Party) -> String {
    let c = p.country.as_deref().unwrap_or("?");
    if p.roles.is_empty() {
        format!("{} ({c})", p.name)
    } else {
        format!("{} ({}, {c})", p.name, p.roles.join("/"))
    }
}

/// "Vimeo.com, Inc. (US) (\"Garantien: wird nachgereicht\")": a party with the mechanism its
/// list states.
fn stated_label(p: &Party, m: &StatedMechanism) -> String {
    format!("{} (\"{}: {}\")", party_label(p), m.label, m.value)
}

/// "Frankfurt am Main (DE)" or "CH".
fn location_label(l: &Location) -> String {
    match (&l.city, &l.country) {
        (Some(city), Some(c)) => format!("{city} ({c})"),
        (Some(city), None) => city.clone(),
        (None, Some(c)) => c.clone(),
        (None, None) => "EU/EEA".to_string(),
    }
}

/// `third_country_party` (high, or medium when a mechanism the document relies on reaches
/// each party's country and none is a DPA's processor): a named party (its seat or
/// address) in a third country: one without an adequacy decision, or one whose decision
/// covers only some recipients (the US: organisations certified under the Data Privacy
/// Framework), which the document alone cannot show the party to be. A former
/// sub-processor does not count.
fn third_country_party(input: &RiskInput<'_>) -> Option<RiskReason> {
    let hits = third_country_receivers(input);
    if hits.is_empty() {
        return None;
    }
    // Parties in a country with a decision for some recipients, by decision (in the
    // order of the parties), and the others.
    let mut by_decision: Vec<(&Adequacy, Vec<&Party>)> = Vec::new();
    let mut uncovered: Vec<&Party> = Vec::new();
    for &p in &hits {
        let decision = p
            .country
            .as_deref()
            .and_then(|c| partial_adequacy(c, input.adequacy));
        match decision {
            None => uncovered.push(p),
            Some(d) => match by_decision.iter_mut().find(|(x, _)| x.code == d.code) {
                Some((_, ps)) => ps.push(p),
                None => by_decision.push((d, vec![p])),
            },
        }
    }
    let mut sentences = Vec::new();
    if !uncovered.is_empty() {
        let labels: Vec<String> = uncovered.iter().map(|p| party_label(p)).collect();
        sentences.push(format!(
            "{} {} based in a third country without an EU adequacy decision; personal data reaching {} leaves the EU/EEA.",
            join_and(&labels),
            is_are(uncovered.len()),
            if uncovered.len() == 1 { "it" } else { "them" }
        ));
    }
    for (d, these) in by_decision {
        let labels: Vec<String> = these.iter().map(|p| party_label(p)).collect();
        let covers = if d.note.is_empty() {
            String::new()
        } else {
            format!(": {}", d.note)
        };
        sentences.push(format!(
            "{} {} based in a third country whose EU adequacy decision, {}, covers only some recipients{covers}. Unless {} covered, personal data reaching {} needs a transfer mechanism such as SCCs.",
            join_and(&labels),
            is_are(these.len()),
            d.reference,
            if these.len() == 1 { "it is" } else { "they are" },
            if these.len() == 1 { "it" } else { "them" }
        ));
    }
    let mut evidence: Vec<String> = hits.iter().flat_map(|p| p.evidence.clone()).collect();
    let relied = valid_mechanisms_relied_on(input);
    // High while a mechanism the document relies on reaches none of some party's
    // country, or a DPA's own processor is among them (all of its processing is a
    // transfer, the case dpascan was made for); medium when each party's is reached (the
    // reviewer checks the transfer, no gap shows).
    let unreached = if relied.is_empty() {
        hits.clone()
    } else {
        unreached_parties(input, &hits)
    };
    let processors_abroad: Vec<&Party> = hits
        .iter()
        .copied()
        .filter(|p| input.kind == DocKind::Dpa && p.roles.iter().any(|r| r == "processor"))
        .collect();
    if !relied.is_empty() {
        let labels: Vec<String> = relied
            .iter()
            .map(|(m, f)| {
                let page = f.page.map(|p| format!(" (p. {p})")).unwrap_or_default();
                format!("{}{page}", mechanism_label(m))
            })
            .collect();
        sentences.push(format!(
            "For transfers the document relies on {}.",
            join_and(&labels)
        ));
        evidence.extend(relied.iter().map(|(_, f)| f.id.clone()));
        if !unreached.is_empty() {
            let labels: Vec<String> = unreached.iter().map(|p| party_label(p)).collect();
            sentences.push(format!(
                "None of them is named for the country of {}.",
                join_and(&labels)
            ));
        }
    }
    if !processors_abroad.is_empty() {
        let labels: Vec<String> = processors_abroad.iter().map(|p| party_label(p)).collect();
        sentences.push(format!(
            "{} {} the contract's processor: all of its processing is a transfer.",
            join_and(&labels),
            is_are(labels.len())
        ));
    }
    let level = if unreached.is_empty() && processors_abroad.is_empty() {
        RiskLevel::Medium
    } else {
        RiskLevel::High
    };
    reason("third_country_party", level, sentences.join(" "), evidence)
}

/// The parties of `hits` whose country no mechanism the document relies on reaches
/// ([`Reach::covers`]): each is named for other countries, or cannot serve it.
fn unreached_parties<'a>(input: &RiskInput<'_>, hits: &[&'a Party]) -> Vec<&'a Party> {
    let mut statuses = Statuses::new(input.adequacy);
    let breaks = paragraph_breaks(input.text);
    let named = countries_outside_eea(input, &mut statuses);
    let reaches = reaches(input, &breaks, &named);
    hits.iter()
        .copied()
        .filter(|p| {
            let Some(&[a, b]) = p.country.as_deref().map(str::as_bytes) else {
                return true;
            };
            !reaches.iter().any(|r| r.covers([a, b], input.adequacy))
        })
        .collect()
}

/// The countries outside the EU/EEA that the document names, as (code, start) sorted by
/// start: country mentions, locations, providers' jurisdictions and destination
/// statements (transfer findings name a country only as those).
fn countries_outside_eea(input: &RiskInput<'_>, statuses: &mut Statuses) -> Vec<(Code, usize)> {
    let destination_statements = input
        .facts
        .third_country_statements
        .iter()
        .map(|&i| &input.findings[i]);
    let mut named: Vec<(Code, usize)> = input
        .findings
        .iter()
        .filter(|f| f.kind != FindingKind::Transfer)
        .chain(destination_statements)
        .filter_map(|f| named_country(f).map(|c| (c, f.start)))
        .filter(|&(c, _)| outside_eea(statuses.of(c)))
        .collect();
    named.sort_by_key(|&(_, start)| start);
    named
}

/// The parties that receive data (not former, planned or unused) in a non-adequate third
/// country (one with a partial decision, the US, included).
fn third_country_receivers<'a>(input: &RiskInput<'a>) -> Vec<&'a Party> {
    input
        .parties
        .iter()
        .filter(|p| {
            !p.receives_nothing()
                && p.country
                    .as_deref()
                    .is_some_and(|c| status_of(c, input.adequacy) == CountryStatus::ThirdCountry)
        })
        .collect()
}

/// `party_without_mechanism` (high): a party in a non-adequate third country that receives
/// data, for which the document's list states no transfer mechanism ("Safeguard: -",
/// "Garantien: wird nachgereicht"), whatever mechanisms it names for others.
fn party_without_mechanism(input: &RiskInput<'_>) -> Option<RiskReason> {
    let stated_none: Vec<(&Party, &StatedMechanism)> = third_country_receivers(input)
        .into_iter()
        .filter_map(|p| Some((p, p.stated_mechanism.as_ref().filter(|m| m.none)?)))
        .collect();
    if stated_none.is_empty() {
        return None;
    }
    let hits: Vec<&Party> = stated_none.iter().map(|&(p, _)| p).collect();
    let labels: Vec<String> = stated_none
        .iter()
        .map(|(p, m)| stated_label(p, m))
        .collect();
    let message = format!(
        "The document lists {} with no transfer mechanism, though {} based in a third country without an EU adequacy decision; personal data reaching {} needs one (SCCs, BCRs, for a US recipient DPF certification, or an Art. 49 derogation).",
        join_and(&labels),
        if hits.len() == 1 { "it is" } else { "they are" },
        if hits.len() == 1 { "it" } else { "them" }
    );
    reason(
        "party_without_mechanism",
        RiskLevel::High,
        message,
        hits.iter().flat_map(|p| p.evidence.clone()).collect(),
    )
}

/// The parties in a non-adequate third country that receive data as a processor (roles
/// `processor` or `subprocessor`).
fn processors_abroad<'a>(input: &RiskInput<'a>) -> Vec<&'a Party> {
    third_country_receivers(input)
        .into_iter()
        .filter(|p| {
            p.roles
                .iter()
                .any(|r| r == "processor" || r == "subprocessor")
        })
        .collect()
}

/// The [`processors_abroad`] for which the document's list states a mechanism, with that
/// mechanism.
fn processors_abroad_stated<'a>(input: &RiskInput<'a>) -> Vec<(&'a Party, &'a StatedMechanism)> {
    processors_abroad(input)
        .into_iter()
        .filter_map(|p| Some((p, p.stated_mechanism.as_ref()?)))
        .collect()
}

/// The evidence of a stated mechanism: the party's findings and the relied-on transfer
/// findings inside the stated value.
fn stated_evidence(input: &RiskInput<'_>, p: &Party, m: &StatedMechanism) -> Vec<String> {
    let inside = input
        .findings
        .iter()
        .filter(|f| m.start <= f.start && f.end <= m.end && relied_mechanism(f).is_some())
        .map(|f| f.id.clone());
    p.evidence.iter().cloned().chain(inside).collect()
}

/// `scc_module_mismatch` (high): a processor or sub-processor in a non-adequate third
/// country for which the document's list states standard contractual clauses only in
/// modules whose importer is a controller (Module 1, controller to controller; Module 4,
/// processor to controller), and no other mechanism than a derogation. Its data needs
/// Module 2 or 3.
fn scc_module_mismatch(input: &RiskInput<'_>) -> Option<RiskReason> {
    let hits: Vec<(&Party, &StatedMechanism)> = processors_abroad_stated(input)
        .into_iter()
        .filter(|(_, m)| {
            // "SCC Modul 1; DPF-zertifiziert": another mechanism may carry the transfer.
            m.mechanisms.iter().any(|x| x == "scc")
                && m.mechanisms
                    .iter()
                    .all(|x| matches!(x.as_str(), "scc" | "consent" | "derogation"))
                && !m.scc_modules.is_empty()
                && m.scc_modules.iter().all(|&n| n == 1 || n == 4)
        })
        .collect();
    if hits.is_empty() {
        return None;
    }
    let labels: Vec<String> = hits
        .iter()
        .map(|(p, m)| {
            let modules: Vec<String> = m.scc_modules.iter().map(|n| module_name(*n)).collect();
            format!("{} under {}", party_label(p), join_and(&modules))
        })
        .collect();
    let message = format!(
        "The document lists standard contractual clauses for {}, though {} the personal data as a processor in a third country without an EU adequacy decision; the modules for a processor as data importer are Module 2 (controller to processor) and Module 3 (processor to processor), so the clauses as stated do not cover the transfer.",
        join_and(&labels),
        if hits.len() == 1 { "it receives" } else { "they receive" },
    );
    reason(
        "scc_module_mismatch",
        RiskLevel::High,
        message,
        hits.iter()
            .flat_map(|(p, m)| stated_evidence(input, p, m))
            .collect(),
    )
}

/// "Module 1 (controller to controller)".
fn module_name(n: u8) -> String {
    let roles = match n {
        1 => "controller to controller",
        2 => "controller to processor",
        3 => "processor to processor",
        _ => "processor to controller",
    };
    format!("Module {n} ({roles})")
}

/// `derogation_for_processor` (high): a processor or sub-processor in a non-adequate third
/// country for which the document's list states only an Art. 49 derogation (consent,
/// another derogation), or, when no list speaks of it, whose country only derogations
/// reach (as `destination_without_mechanism` reads a mechanism's reach). A processor's
/// regular processing is a systematic transfer; the derogations cover occasional ones only
/// (EDPB Guidelines 2/2018).
fn derogation_for_processor(input: &RiskInput<'_>) -> Option<RiskReason> {
    let derogation = |x: &str| x == "consent" || x == "derogation";
    let hits: Vec<(&Party, &StatedMechanism)> = processors_abroad_stated(input)
        .into_iter()
        .filter(|(_, m)| !m.mechanisms.is_empty() && m.mechanisms.iter().all(|x| derogation(x)))
        .collect();
    // A processor no list speaks of, whose country only derogations reach ("Transfers to
    // Lingoria PH are based on this explicit consent pursuant to Art. 49(1)(a) GDPR" in
    // the section "7.1 Philippines").
    let unlisted: Vec<&Party> = processors_abroad(input)
        .into_iter()
        .filter(|p| p.stated_mechanism.is_none())
        .collect();
    // The reaches are read only for such a processor (most documents have none).
    let reaches = if unlisted.is_empty() {
        Vec::new()
    } else {
        let mut statuses = Statuses::new(input.adequacy);
        let breaks = paragraph_breaks(input.text);
        let named = countries_outside_eea(input, &mut statuses);
        reaches(input, &breaks, &named)
    };
    let prose: Vec<(&Party, Vec<&Finding>)> = unlisted
        .into_iter()
        .filter_map(|p| {
            let &[a, b] = p.country.as_deref()?.as_bytes() else {
                return None;
            };
            let reaching: Vec<&Reach> = reaches
                .iter()
                .filter(|r| r.covers([a, b], input.adequacy))
                .collect();
            let fits = !reaching.is_empty() && reaching.iter().all(|r| derogation(r.mechanism));
            fits.then(|| (p, reaching.iter().map(|r| r.finding).collect()))
        })
        .collect();
    if hits.is_empty() && prose.is_empty() {
        return None;
    }
    let labels: Vec<String> = hits
        .iter()
        .map(|(p, m)| stated_label(p, m))
        .chain(prose.iter().map(|(p, _)| party_label(p)))
        .collect();
    let count = labels.len();
    let message = format!(
        "The document names {} with only an Art. 49 GDPR derogation as transfer mechanism, though {} the personal data as a processor in a third country without an EU adequacy decision; derogations cover occasional transfers, not a processor's regular processing (EDPB Guidelines 2/2018), which needs SCCs, BCRs or, for a US recipient, DPF certification.",
        join_and(&labels),
        if count == 1 { "it receives" } else { "they receive" },
    );
    let evidence = hits
        .iter()
        .flat_map(|(p, m)| stated_evidence(input, p, m))
        .chain(prose.iter().flat_map(|(p, fs)| {
            p.evidence
                .iter()
                .cloned()
                .chain(fs.iter().map(|f| f.id.clone()))
        }))
        .collect();
    reason(
        "derogation_for_processor",
        RiskLevel::High,
        message,
        evidence,
    )
}

/// `dpf_outside_us` (high): a party that receives data in a non-adequate third country
/// other than the US, for which the document's list states the Data Privacy Framework as
/// its only mechanism. The DPF covers certified US organisations only.
fn dpf_outside_us(input: &RiskInput<'_>) -> Option<RiskReason> {
    let hits: Vec<(&Party, &StatedMechanism)> = third_country_receivers(input)
        .into_iter()
        .filter(|p| p.country.as_deref() != Some("US"))
        .filter_map(|p| Some((p, p.stated_mechanism.as_ref()?)))
        .filter(|(_, m)| m.mechanisms == ["dpf"])
        .collect();
    if hits.is_empty() {
        return None;
    }
    let labels: Vec<String> = hits.iter().map(|(p, m)| stated_label(p, m)).collect();
    let message = format!(
        "The document lists {} with the EU-U.S. Data Privacy Framework as transfer mechanism, though {} based in a third country without an EU adequacy decision other than the United States; the DPF covers only certified US organisations, so personal data reaching {} needs another mechanism (SCCs, BCRs or an Art. 49 derogation).",
        join_and(&labels),
        if hits.len() == 1 { "it is" } else { "they are" },
        if hits.len() == 1 { "it" } else { "them" },
    );
    reason(
        "dpf_outside_us",
        RiskLevel::High,
        message,
        hits.iter()
            .flat_map(|(p, m)| stated_evidence(input, p, m))
            .collect(),
    )
}

/// The mechanisms the document relies on that can carry a transfer today (not the
/// invalidated Privacy Shield, not repealed SCCs, not a certification or approval only
/// applied for, not an adequacy decision the EU never adopted), in [`MECHANISMS`] order,
/// each with its first finding.
fn valid_mechanisms_relied_on<'f>(input: &RiskInput<'f>) -> Vec<(&'static str, &'f Finding)> {
    let mut out: Vec<(&'static str, &'f Finding)> = Vec::new();
    for &i in &input.facts.counted {
        let f = &input.findings[i];
        let Some(m) = relied_mechanism(f) else {
            continue;
        };
        if m == "privacy_shield"
            || (m == "scc" && flag(f, "outdated"))
            || flag(f, "pending")
            || undecided_country(f, input.adequacy).is_some()
        {
            continue;
        }
        let Some(&m) = MECHANISMS.iter().find(|&&x| x == m) else {
            continue;
        };
        if !out.iter().any(|(x, _)| *x == m) {
            out.push((m, f));
        }
    }
    out.sort_by_key(|(m, _)| MECHANISMS.iter().position(|x| x == m));
    out
}

/// A mechanism code that can carry a transfer ([`valid_mechanisms_relied_on`]) as a
/// reviewer reads it.
fn mechanism_label(code: &str) -> &'static str {
    match code {
        "adequacy" => "an adequacy decision",
        "scc" => "standard contractual clauses",
        "bcr" => "binding corporate rules",
        "dpf" => "the EU-U.S. Data Privacy Framework",
        "privacy_shield" => "the EU-US Privacy Shield",
        "consent" => "the data subject's explicit consent",
        "derogation" => "an Art. 49 derogation",
        _ => "a transfer mechanism",
    }
}

/// `unnamed_processor` (medium): a DPA that names no organisation as its processor, so
/// who processes the data, and where it sits, cannot be read from it. Organisations it
/// names without any role are listed: one of them may be the processor (a letterhead,
/// a defined term such as "Google" meaning "the Google Entity that is party").
fn unnamed_processor(input: &RiskInput<'_>) -> Option<RiskReason> {
    if input.kind != DocKind::Dpa
        || input
            .parties
            .iter()
            .any(|p| p.roles.iter().any(|r| r == "processor"))
    {
        return None;
    }
    let unroled: Vec<&Party> = input
        .parties
        .iter()
        .filter(|p| p.roles.is_empty())
        .collect();
    let mut message = "The document names no organisation as the processor (only its role or a defined term), so who processes the personal data, and where it sits, has to be established from the signed contract.".to_string();
    if !unroled.is_empty() {
        let labels: Vec<String> = unroled.iter().map(|p| party_label(p)).collect();
        message.push_str(&format!(" Named without a role: {}.", join_and(&labels)));
    }
    reason(
        "unnamed_processor",
        RiskLevel::Medium,
        message,
        unroled.iter().flat_map(|p| p.evidence.clone()).collect(),
    )
}

/// `us_provider` (medium): a provider whose legal entity (or parent) is in the US.
fn us_provider(input: &RiskInput<'_>) -> Option<RiskReason> {
    let hits: Vec<&Provider> = input
        .providers
        .iter()
        .filter(|p| !p.self_hosted && p.jurisdiction.as_deref() == Some("US"))
        .collect();
    if hits.is_empty() {
        return None;
    }
    let labels: Vec<String> = hits.iter().map(|p| provider_label(p)).collect();
    let mut message = format!(
        "{} {} subject to FISA 702 and the CLOUD Act, even where data is hosted in the EU.",
        join_and(&labels),
        if hits.len() == 1 {
            "is a US provider"
        } else {
            "are US providers"
        }
    );
    // Their entities in the EU/EEA that the document names (the contracting entity is
    // often one): the US parent stays subject to those laws.
    let mut in_eea: Vec<String> = Vec::new();
    // The parents (companies, else provider names) those entities belong to.
    let mut parents: Vec<&str> = Vec::new();
    for p in &hits {
        for e in p.other_entities() {
            let Some(c) = e.country.as_deref() else {
                continue;
            };
            if outside_eea(status_of(c, input.adequacy)) {
                continue;
            }
            let label = format!("{} ({c})", e.name);
            if !in_eea.contains(&label) {
                in_eea.push(label);
            }
            let parent = p.company.as_deref().unwrap_or(&p.name);
            if !parents.contains(&parent) {
                parents.push(parent);
            }
        }
    }
    if !in_eea.is_empty() {
        message.push_str(&format!(
            " {} in the EU/EEA that the document names for {}, {}, {} not change this: {} subject to these laws.",
            if in_eea.len() == 1 { "An entity" } else { "Entities" },
            if hits.len() == 1 { "it" } else { "them" },
            join_and(&in_eea),
            if in_eea.len() == 1 { "does" } else { "do" },
            match (in_eea.len(), parents.len()) {
                (1, _) => "its US parent remains",
                (_, 1) => "their US parent remains",
                _ => "their US parents remain",
            }
        ));
    }
    reason(
        "us_provider",
        RiskLevel::Medium,
        message,
        hits.iter().flat_map(|p| p.evidence.clone()).collect(),
    )
}

/// `third_country_provider` (medium): a provider based in a third country without an
/// adequacy decision, other than the US (which `us_provider` covers).
fn third_country_provider(input: &RiskInput<'_>) -> Option<RiskReason> {
    let hits: Vec<&Provider> = input
        .providers
        .iter()
        .filter(|p| {
            !p.self_hosted
                && p.jurisdiction.as_deref().is_some_and(|j| {
                    j != "US" && status_of(j, input.adequacy) == CountryStatus::ThirdCountry
                })
        })
        .collect();
    if hits.is_empty() {
        return None;
    }
    let labels: Vec<String> = hits.iter().map(|p| provider_label(p)).collect();
    let message = format!(
        "{} {} based in a third country without an EU adequacy decision; transfers to {} need a mechanism such as SCCs.",
        join_and(&labels),
        is_are(hits.len()),
        if hits.len() == 1 { "it" } else { "them" }
    );
    reason(
        "third_country_provider",
        RiskLevel::Medium,
        message,
        hits.iter().flat_map(|p| p.evidence.clone()).collect(),
    )
}

/// `no_transfer_mechanism` (high): a third-country transfer and no mechanism relied on.
fn no_transfer_mechanism(input: &RiskInput<'_>) -> Option<RiskReason> {
    let t = &input.facts.transfers;
    if t.third_country_transfer != Some(true) || !t.mechanisms.is_empty() {
        return None;
    }
    // Transfers only to countries with an adequacy decision need no further mechanism
    // (Art. 45(1) GDPR): e.g. a Swiss or UK sub-processor.
    let f = input.facts;
    let adequate = |cc: Option<&str>| {
        cc.is_some_and(|c| status_of(c, input.adequacy) == CountryStatus::Adequate)
    };
    let only_adequate = f.third_country_statements.is_empty()
        && f.outside_providers
            .iter()
            .all(|&i| adequate(input.providers[i].jurisdiction.as_deref()))
        && f.outside_locations
            .iter()
            .all(|&i| adequate(input.locations[i].country.as_deref()))
        && f.outside_parties
            .iter()
            .all(|&i| adequate(input.parties[i].country.as_deref()));
    if only_adequate {
        return None;
    }
    let message = format!(
        "The document shows a transfer to a third country ({}) but relies on no transfer mechanism (adequacy decision, SCCs, BCRs, DPF or an Art. 49 derogation).",
        shown_facts(input, &Shown::all(f)).join("; ")
    );
    reason(
        "no_transfer_mechanism",
        RiskLevel::High,
        message,
        t.evidence.clone(),
    )
}

/// How far (bytes) a mechanism's reach extends either side of it, within its
/// paragraph: about two sentences.
const MECHANISM_REACH_BYTES: usize = 300;

/// The span a mechanism finding speaks about: its paragraph (between blank lines),
/// at most [`MECHANISM_REACH_BYTES`] either side of it.
fn reach(breaks: &[usize], f: &Finding) -> Range<usize> {
    let i = breaks.partition_point(|&b| b < f.start);
    let para_start = if i == 0 { 0 } else { breaks[i - 1] };
    let j = breaks.partition_point(|&b| b < f.end);
    let para_end = breaks.get(j).copied().unwrap_or(usize::MAX);
    f.start
        .saturating_sub(MECHANISM_REACH_BYTES)
        .max(para_start)..f.end.saturating_add(MECHANISM_REACH_BYTES).min(para_end)
}

/// An ISO 3166-1 alpha-2 code, upper case, without an allocation.
type Code = [u8; 2];

/// `code` as text ("IN").
fn code_str(code: &Code) -> &str {
    std::str::from_utf8(code).unwrap_or("??")
}

/// The country a non-negated finding names: a country mention, a location's or a
/// destination statement's country, a provider's jurisdiction.
fn named_country(f: &Finding) -> Option<Code> {
    let key = match f.kind {
        FindingKind::Country => "code",
        FindingKind::Location | FindingKind::Transfer => "country",
        FindingKind::Provider => "jurisdiction",
        _ => return None,
    };
    match str_of(f, key)?.as_bytes() {
        &[a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() && !negated(f) => {
            Some([a.to_ascii_uppercase(), b.to_ascii_uppercase()])
        }
        _ => None,
    }
}

/// The statuses of the few countries a document names, each looked up once (a long
/// contract names the same country dozens of times).
struct Statuses<'a> {
    adequacy: &'a [Adequacy],
    known: Vec<(Code, CountryStatus)>,
}

impl<'a> Statuses<'a> {
    fn new(adequacy: &'a [Adequacy]) -> Self {
        Statuses {
            adequacy,
            known: Vec::new(),
        }
    }

    fn of(&mut self, code: Code) -> CountryStatus {
        if let Some(&(_, s)) = self.known.iter().find(|(k, _)| *k == code) {
            return s;
        }
        let s = status_of(code_str(&code), self.adequacy);
        self.known.push((code, s));
        s
    }
}

/// The named destinations in non-adequate third countries, as (code, finding index),
/// in finding order: a destination statement's country ("nach Indien übermittelt"), a
/// country named inside a third-country statement ("transferred to the United
/// States"), a data location ("stored in Chennai").
fn third_country_destinations(
    input: &RiskInput<'_>,
    statuses: &mut Statuses,
) -> Vec<(Code, usize)> {
    let fs = input.findings;
    let mut out: Vec<(Code, usize)> = Vec::new();
    // Statements may be many (one per clause of a long DPA): each looks only at the
    // mentions of non-adequate third countries, by start.
    let mut mentions: Vec<(Code, usize)> = Vec::new();
    for (j, f) in fs.iter().enumerate() {
        let into = match f.kind {
            FindingKind::Country => &mut mentions,
            FindingKind::Location => &mut out,
            _ => continue,
        };
        if let Some(c) = named_country(f) {
            if statuses.of(c) == CountryStatus::ThirdCountry {
                into.push((c, j));
            }
        }
    }
    mentions.sort_by_key(|&(_, j)| fs[j].start);
    for &i in &input.facts.third_country_statements {
        let s = &fs[i];
        if str_of(s, "statement") == Some("destination") {
            if let Some(c) = named_country(s) {
                if statuses.of(c) == CountryStatus::ThirdCountry {
                    out.push((c, i));
                }
            }
            continue;
        }
        let first = mentions.partition_point(|&(_, j)| fs[j].start < s.start);
        out.extend(
            mentions[first..]
                .iter()
                .take_while(|&&(_, j)| fs[j].start < s.end)
                .filter(|&&(_, j)| fs[j].end <= s.end),
        );
    }
    out.sort_by_key(|&(_, j)| j);
    out.dedup();
    out
}

/// What a relied-on mechanism can cover: the DPF (and the Privacy Shield, which
/// `invalid_mechanism` reports) the US and nothing else, always; an adequacy decision
/// only a country with a partial one (the US); SCCs, BCRs, consent and derogations any
/// country. Except for the DPF, the mechanism must also name the country within its
/// reach, or name no country outside the EU/EEA there (a general clause: "transfers to
/// third countries rely on SCCs").
struct Reach<'m> {
    /// The mechanism code.
    mechanism: &'m str,
    /// The finding that names it.
    finding: &'m Finding,
    /// The countries outside the EU/EEA named within its reach.
    named: Vec<Code>,
}

impl Reach<'_> {
    /// True when the mechanism covers a transfer to `code`.
    fn covers(&self, code: Code, adequacy: &[Adequacy]) -> bool {
        match self.mechanism {
            "dpf" | "privacy_shield" => &code == b"US",
            "adequacy" if partial_adequacy(code_str(&code), adequacy).is_none() => false,
            _ => self.named.is_empty() || self.named.contains(&code),
        }
    }
}

/// The reach of every relied-on mechanism, given the countries outside the EU/EEA
/// that the document names, as (code, start) sorted by start.
fn reaches<'f>(input: &RiskInput<'f>, breaks: &[usize], named: &[(Code, usize)]) -> Vec<Reach<'f>> {
    input
        .facts
        .counted
        .iter()
        .filter_map(|&i| {
            let m = &input.findings[i];
            let mechanism = relied_mechanism(m)?;
            let span = reach(breaks, m);
            let first = named.partition_point(|&(_, start)| start < span.start);
            let named = named[first..]
                .iter()
                .take_while(|&&(_, start)| start < span.end)
                .map(|&(c, _)| c)
                .collect();
            Some(Reach {
                mechanism,
                finding: m,
                named,
            })
        })
        .collect()
}

/// `destination_without_mechanism` (medium): the document relies on transfer
/// mechanisms, but none of them reaches a named destination in a non-adequate third
/// country: each is named for other countries ("Die Übermittlung auf die Philippinen
/// stützt sich auf die Standardvertragsklauseln", "Stripe ist nach dem EU-US Data
/// Privacy Framework zertifiziert") or cannot serve it (an adequacy decision for Japan),
/// while "Produktbewertungen werden nach Indien übermittelt" stands alone.
fn destination_without_mechanism(input: &RiskInput<'_>) -> Option<RiskReason> {
    if input.facts.counted.is_empty() {
        return None;
    }
    // A destination is a country mention (`countries`), a location or a destination
    // statement: without any in a third country there is nothing to cover.
    let third = |c: Option<&str>| {
        c.is_some_and(|c| status_of(c, input.adequacy) == CountryStatus::ThirdCountry)
    };
    let fs = input.findings;
    if !input
        .countries
        .iter()
        .any(|c| c.status == CountryStatus::ThirdCountry)
        && !input.locations.iter().any(|l| third(l.country.as_deref()))
        && !input
            .facts
            .third_country_statements
            .iter()
            .any(|&i| third(str_of(&fs[i], "country")))
    {
        return None;
    }
    let mut statuses = Statuses::new(input.adequacy);
    let destinations = third_country_destinations(input, &mut statuses);
    // The DPF covers the US without looking at where it is named.
    let relied = &input.facts.transfers.mechanisms;
    let dpf = relied.iter().any(|m| m == "dpf" || m == "privacy_shield");
    if destinations.iter().all(|(c, _)| dpf && c == b"US") {
        return None;
    }
    // Only now, with a destination to check: a pass over the whole text (computed for
    // every document with `str::match_indices`, it cost 8 % of find + analyze on the
    // 50-page contract).
    let breaks = paragraph_breaks(input.text);
    let named = countries_outside_eea(input, &mut statuses);
    let reaches = reaches(input, &breaks, &named);
    let mut uncovered: Vec<Code> = Vec::new();
    for &(code, _) in &destinations {
        if !uncovered.contains(&code) && !reaches.iter().any(|r| r.covers(code, input.adequacy)) {
            uncovered.push(code);
        }
    }
    if uncovered.is_empty() {
        return None;
    }
    uncovered.sort_unstable();
    let labels: Vec<String> = uncovered
        .iter()
        .map(|code| country_label(input, code_str(code)))
        .collect();
    // `transfers.mechanisms`: the relied-on mechanisms in contract order, once each.
    let relied: Vec<String> = relied
        .iter()
        .map(|m| mechanism_label(m).to_string())
        .collect();
    let them = if uncovered.len() == 1 { "it" } else { "them" };
    let mechanisms = if relied.len() == 1 {
        format!(
            "the one mechanism it relies on, {}, is not named for {them}: the document names it for other countries, or it cannot serve {them}",
            relied[0]
        )
    } else {
        format!(
            "none of the mechanisms it relies on ({}) is named for {them}: the document names them for other countries, or they cannot serve {them}",
            join_and(&relied)
        )
    };
    let message = format!(
        "The document names {} as a destination of personal data, but {mechanisms}.",
        join_and(&labels)
    );
    let evidence = destinations
        .iter()
        .filter(|(c, _)| uncovered.contains(c))
        .map(|&(_, i)| input.findings[i].id.clone())
        .collect();
    reason(
        "destination_without_mechanism",
        RiskLevel::Medium,
        message,
        evidence,
    )
}

/// A country as a reviewer reads it: "India (IN)", its code alone when the document's
/// countries give no name.
fn country_label(input: &RiskInput<'_>, code: &str) -> String {
    match input.countries.iter().find(|c| c.code == code) {
        Some(c) if !c.name.is_empty() => format!("{} ({code})", c.name),
        _ => code.to_string(),
    }
}

/// The facts that show a third-country destination: indices into the transfer facts'
/// statements and into the providers, locations and parties, all of them or those in
/// countries a promise does not name ([`Shown::beyond`]).
struct Shown {
    statements: Vec<usize>,
    providers: Vec<usize>,
    locations: Vec<usize>,
    parties: Vec<usize>,
}

impl Shown {
    /// Every fact that shows a third-country destination.
    fn all(f: &TransferFacts) -> Shown {
        Shown {
            statements: f.third_country_statements.clone(),
            providers: f.outside_providers.clone(),
            locations: f.outside_locations.clone(),
            parties: f.outside_parties.clone(),
        }
    }

    /// The facts in a third country other than `allowed` (ISO codes): a statement counts
    /// when it names such a country (its destination, or a country mention inside it), so
    /// "transfers to third countries" alone shows nothing beyond "only in Switzerland".
    fn beyond(input: &RiskInput<'_>, allowed: &[&str]) -> Shown {
        let f = input.facts;
        let other = |code: Option<&str>| {
            code.is_some_and(|c| outside_eea(status_of(c, input.adequacy)) && !allowed.contains(&c))
        };
        let statements = f
            .third_country_statements
            .iter()
            .copied()
            .filter(|&i| {
                let s = &input.findings[i];
                other(str_of(s, "country"))
                    || input.findings.iter().any(|c| {
                        c.kind == FindingKind::Country
                            && c.start >= s.start
                            && c.end <= s.end
                            && other(str_of(c, "code"))
                    })
            })
            .collect();
        let keep = |list: &[usize], code: &dyn Fn(usize) -> Option<String>| -> Vec<usize> {
            list.iter()
                .copied()
                .filter(|&i| other(code(i).as_deref()))
                .collect()
        };
        Shown {
            statements,
            providers: keep(&f.outside_providers, &|i| {
                input.providers[i].jurisdiction.clone()
            }),
            locations: keep(&f.outside_locations, &|i| {
                input.locations[i].country.clone()
            }),
            parties: keep(&f.outside_parties, &|i| input.parties[i].country.clone()),
        }
    }

    fn is_empty(&self) -> bool {
        self.statements.is_empty()
            && self.providers.is_empty()
            && self.locations.is_empty()
            && self.parties.is_empty()
    }

    /// The ids of the findings behind the facts.
    fn evidence(&self, input: &RiskInput<'_>) -> Vec<String> {
        let mut ids: Vec<String> = self
            .statements
            .iter()
            .map(|&i| input.findings[i].id.clone())
            .collect();
        ids.extend(
            self.providers
                .iter()
                .flat_map(|&i| input.providers[i].evidence.clone()),
        );
        ids.extend(
            self.locations
                .iter()
                .flat_map(|&i| input.locations[i].evidence.clone()),
        );
        ids.extend(
            self.parties
                .iter()
                .flat_map(|&i| input.parties[i].evidence.clone()),
        );
        ids
    }
}

/// The facts that show a third-country destination, as phrases.
fn shown_facts(input: &RiskInput<'_>, shown: &Shown) -> Vec<String> {
    let mut out = Vec::new();
    if !shown.statements.is_empty() {
        out.push("it says data goes or may go outside the EU/EEA".to_string());
    }
    if !shown.providers.is_empty() {
        let l: Vec<String> = shown
            .providers
            .iter()
            .map(|&i| provider_label(&input.providers[i]))
            .collect();
        out.push(format!(
            "it names providers outside the EU/EEA: {}",
            join_and(&l)
        ));
    }
    if !shown.locations.is_empty() {
        let l: Vec<String> = shown
            .locations
            .iter()
            .map(|&i| location_label(&input.locations[i]))
            .collect();
        out.push(format!(
            "it names data locations outside the EU/EEA: {}",
            join_and(&l)
        ));
    }
    if !shown.parties.is_empty() {
        let l: Vec<String> = shown
            .parties
            .iter()
            .map(|&i| party_label(&input.parties[i]))
            .collect();
        out.push(format!(
            "it names parties outside the EU/EEA: {}",
            join_and(&l)
        ));
    }
    if out.is_empty() {
        out.push("it relies on a mechanism that only serves transfers".to_string());
    }
    out
}

/// Ids of relied-on findings with mechanism `m`.
fn relied_ids(input: &RiskInput<'_>, m: &str, extra: impl Fn(&Finding) -> bool) -> Vec<String> {
    input
        .facts
        .counted
        .iter()
        .map(|&i| &input.findings[i])
        .filter(|f| relied_mechanism(f) == Some(m) && extra(f))
        .map(|f| f.id.clone())
        .collect()
}

/// `invalid_mechanism` (high): the EU-US Privacy Shield relied on.
fn invalid_mechanism(input: &RiskInput<'_>) -> Option<RiskReason> {
    let ids = relied_ids(input, "privacy_shield", |_| true);
    if ids.is_empty() {
        return None;
    }
    let message = "The document relies on the EU-US Privacy Shield, which the CJEU invalidated on 16 July 2020 (C-311/18, Schrems II); it is no legal basis for transfers.".to_string();
    reason("invalid_mechanism", RiskLevel::High, message, ids)
}

/// `outdated_mechanism` (medium): old standard contractual clauses relied on.
fn outdated_mechanism(input: &RiskInput<'_>) -> Option<RiskReason> {
    let ids = relied_ids(input, "scc", |f| flag(f, "outdated"));
    let first = ids
        .first()
        .and_then(|id| input.findings.iter().find(|f| &f.id == id))?;
    let message = format!(
        "The document relies on outdated standard contractual clauses (\"{}\"{}); the clauses of 2001/497/EC, 2004/915/EC and 2010/87/EU were repealed by Decision (EU) 2021/914 and no longer cover transfers since 27 December 2022.",
        first.text.trim(),
        first.page.map(|p| format!(", p. {p}")).unwrap_or_default()
    );
    reason("outdated_mechanism", RiskLevel::High, message, ids)
}

/// " (p. N)" for a finding on a known page, else nothing.
fn page_note(f: &Finding) -> String {
    f.page.map(|p| format!(" (p. {p})")).unwrap_or_default()
}

/// Most bytes between a mechanism and the words that make it pending, for the evidence.
const PENDING_EVIDENCE_BYTES: usize = 400;

/// `pending_mechanism` (high): a DPF certification, BCRs or an adequacy decision relied
/// on that the document says is only applied for (`pending`, set by the words of
/// `transfer.approval_pending`: "hat die Zertifizierung beantragt", "approval is pending").
fn pending_mechanism(input: &RiskInput<'_>) -> Option<RiskReason> {
    let pending: Vec<&Finding> = input
        .facts
        .counted
        .iter()
        .map(|&i| &input.findings[i])
        .filter(|f| flag(f, "pending"))
        .collect();
    let first = pending.first()?;
    let mut named: Vec<String> = Vec::new();
    for f in &pending {
        let label = relied_mechanism(f).map_or("a mechanism", mechanism_label);
        if !named.iter().any(|n| n == label) {
            named.push(label.to_string());
        }
    }
    let words = str_of(first, "pending_by").unwrap_or_default();
    let message = format!(
        "The document relies on {}{}, but says the certification or approval is only applied for (\"{}\"); until it is granted, it covers no transfer.",
        join_and(&named),
        page_note(first),
        words.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    // The mechanisms, and the words that make each pending.
    let mut ids: Vec<String> = pending.iter().map(|f| f.id.clone()).collect();
    for f in &pending {
        let by = str_of(f, "pending_by");
        ids.extend(
            input
                .findings
                .iter()
                .filter(|g| {
                    str_of(g, "approval") == Some("pending")
                        && Some(g.text.as_str()) == by
                        && g.start.abs_diff(f.start) <= PENDING_EVIDENCE_BYTES
                })
                .map(|g| g.id.clone()),
        );
    }
    ids.sort_unstable();
    ids.dedup();
    reason("pending_mechanism", RiskLevel::High, message, ids)
}

/// The country (its code) an adequacy decision finding is named for (`for_country`, "des
/// Angemessenheitsbeschlusses der EU-Kommission für Indien") when that country has no EU
/// adequacy decision at all: a non-adequate third country without a partial one (the
/// US's Data Privacy Framework is one).
fn undecided_country<'f>(f: &'f Finding, adequacy: &[Adequacy]) -> Option<&'f str> {
    let code = str_of(f, "for_country")?;
    let none = str_of(f, "mechanism") == Some("adequacy")
        && status_of(code, adequacy) == CountryStatus::ThirdCountry
        && partial_adequacy(code, adequacy).is_none();
    none.then_some(code)
}

/// `nonexistent_adequacy` (high): an adequacy decision relied on for a country the EU has
/// adopted none for ("auf Grundlage des Angemessenheitsbeschlusses der EU-Kommission für
/// Indien").
fn nonexistent_adequacy(input: &RiskInput<'_>) -> Option<RiskReason> {
    let hits: Vec<(&Finding, &str)> = input
        .facts
        .counted
        .iter()
        .map(|&i| &input.findings[i])
        .filter_map(|f| Some((f, undecided_country(f, input.adequacy)?)))
        .collect();
    let (first, _) = hits.first()?;
    let mut codes: Vec<&str> = hits.iter().map(|&(_, c)| c).collect();
    codes.sort_unstable();
    codes.dedup();
    let names: Vec<String> = codes
        .iter()
        .map(|code| country_label(input, code))
        .collect();
    let message = format!(
        "The document relies on an adequacy decision for {}{}, but the EU has adopted none for {}; transfers there need another mechanism (SCCs, BCRs or an Art. 49 derogation).",
        join_and(&names),
        page_note(first),
        if names.len() == 1 { "it" } else { "them" }
    );
    let ids = hits.iter().map(|(f, _)| f.id.clone()).collect();
    reason("nonexistent_adequacy", RiskLevel::High, message, ids)
}

/// `contradiction` (high): the document says data stays in the EU/EEA, or in named
/// countries ("only in Switzerland and the EEA"), of all its data, not of one provider or
/// one category of data only, yet shows a destination in another third country.
fn contradiction(input: &RiskInput<'_>) -> Option<RiskReason> {
    let f = input.facts;
    // "CleverReach verarbeitet die Daten ausschließlich … in der EU" speaks of one
    // provider only, "Die Mitgliederdaten werden ausschließlich … in Deutschland
    // gespeichert" of one category of data.
    let mut promises: Vec<usize> = f
        .eu_only
        .iter()
        .chain(&f.stays_in)
        .copied()
        .filter(|&i| {
            let v = &input.findings[i].value;
            v.get("about").is_none() && v.get("data_scope").is_none()
        })
        .collect();
    promises.sort_unstable();
    if promises.is_empty() {
        return None;
    }
    // The promised countries outside the EU/EEA; without any, the EU/EEA is the promise.
    let mut also: Vec<&str> = promises
        .iter()
        .filter_map(|&i| input.findings[i].value.get("countries")?.as_array())
        .flatten()
        .filter_map(|c| c.as_str())
        .filter(|c| outside_eea(status_of(c, input.adequacy)))
        .collect();
    also.sort_unstable();
    also.dedup();
    // "Eine Übermittlung in Drittländer ohne Angemessenheitsbeschluss findet nicht statt":
    // the countries with an adequacy decision for all recipients are allowed too.
    let exempt = promises
        .iter()
        .all(|&i| flag(&input.findings[i], "adequate_exempt"));
    let allowed: Vec<&str> = if exempt {
        let adequate = input.adequacy.iter().filter(|a| a.scope == "whole");
        also.iter()
            .copied()
            .chain(adequate.map(|a| a.code.as_str()))
            .collect()
    } else {
        also.clone()
    };
    let shown = if allowed.is_empty() {
        Shown::all(f)
    } else {
        Shown::beyond(input, &allowed)
    };
    if shown.is_empty() {
        return None;
    }
    let mut evidence: Vec<String> = promises
        .iter()
        .map(|&i| input.findings[i].id.clone())
        .collect();
    evidence.extend(shown.evidence(input));
    // "Switzerland (CH) and the EU/EEA": the EU/EEA when an `eu_only` promise or a
    // promise naming it ("and the EEA") speaks too.
    let mut places: Vec<String> = also.iter().map(|c| country_label(input, c)).collect();
    let eea = promises.iter().any(|&i| {
        let v = &input.findings[i].value;
        str_of(&input.findings[i], "statement") == Some("eu_only")
            || v.get("eea").and_then(|e| e.as_bool()) == Some(true)
    });
    if places.is_empty() || eea {
        places.push("the EU/EEA".to_string());
    }
    if exempt {
        places.push("countries with an adequacy decision".to_string());
    }
    let message = format!(
        "The document says personal data stays in {}, but {}.",
        join_and(&places),
        shown_facts(input, &shown).join("; ")
    );
    reason("contradiction", RiskLevel::High, message, evidence)
}

/// A missing-items reason for the checklist of `kind`.
fn missing_items(
    input: &RiskInput<'_>,
    kind: DocKind,
    code: &str,
    what: &str,
) -> Option<RiskReason> {
    if input.kind != kind {
        return None;
    }
    let missing: Vec<String> = input
        .checklist
        .iter()
        .filter(|i| !i.present && !i.not_required)
        .map(|i| {
            let named = match item_name(&i.id) {
                Some(n) => format!("{} {n}", i.id),
                None => i.id.clone(),
            };
            // A requirement the contract names only to rule it out ("Vor-Ort-Inspektionen
            // … sind nicht vorgesehen").
            if i.excluded.is_empty() {
                named
            } else {
                format!("{named} (ruled out by the document)")
            }
        })
        .collect();
    if missing.is_empty() {
        return None;
    }
    // Items that ask nothing of the document (Art. 13(1)(d) without an Art. 6(1)(f)
    // basis) are not counted.
    let required = input.checklist.iter().filter(|i| !i.not_required).count();
    let message = format!(
        "The document does not address {} of {required} {what}: {}.",
        missing.len(),
        missing.join(", ")
    );
    let evidence: Vec<String> = input
        .checklist
        .iter()
        .filter(|i| !i.present && !i.not_required)
        .flat_map(|i| i.excluded.iter().cloned())
        .collect();
    reason(code, RiskLevel::Medium, message, evidence)
}

/// `restricted_art28_items` (medium): a DPA that addresses an Art. 28 requirement but
/// rules part of it out elsewhere ("Der Auftragsverarbeiter stellt alle erforderlichen
/// Informationen zum Nachweis … zur Verfügung" and "Inspektionen und Vor-Ort-Kontrollen …
/// sind ausgeschlossen" for Art. 28(3)(h), which asks for audits including inspections):
/// present items with `excluded` findings, which are the reason's evidence.
fn restricted_art28_items(input: &RiskInput<'_>) -> Option<RiskReason> {
    if input.kind != DocKind::Dpa {
        return None;
    }
    let restricted: Vec<&ChecklistItem> = input
        .checklist
        .iter()
        .filter(|i| i.present && !i.excluded.is_empty())
        .collect();
    if restricted.is_empty() {
        return None;
    }
    let named: Vec<String> = restricted
        .iter()
        .map(|i| match item_name(&i.id) {
            Some(n) => format!("{} {n}", i.id),
            None => i.id.clone(),
        })
        .collect();
    let message = format!(
        "The document addresses {} but also rules part of {} out; check that what remains meets Art. 28 GDPR.",
        join_and(&named),
        if named.len() == 1 { "it" } else { "them" }
    );
    let evidence = restricted
        .iter()
        .flat_map(|i| i.excluded.iter().cloned())
        .collect();
    reason(
        "restricted_art28_items",
        RiskLevel::Medium,
        message,
        evidence,
    )
}

/// `missing_art28_items` (medium): a DPA that does not address every Art. 28 requirement.
fn missing_art28_items(input: &RiskInput<'_>) -> Option<RiskReason> {
    missing_items(
        input,
        DocKind::Dpa,
        "missing_art28_items",
        "Art. 28 GDPR requirements",
    )
}

/// `missing_art13_items` (medium): a privacy policy that does not give every Art. 13 item.
fn missing_art13_items(input: &RiskInput<'_>) -> Option<RiskReason> {
    missing_items(
        input,
        DocKind::PrivacyPolicy,
        "missing_art13_items",
        "Art. 13 GDPR information duties",
    )
}

/// `tracking_without_opt_out` (medium): tracking described, no way to object named.
fn tracking_without_opt_out(input: &RiskInput<'_>) -> Option<RiskReason> {
    // A DPA or a sub-processor list describes the processing (a newsletter service's
    // open tracking); the way to object is the controller's notice to the data subjects.
    if matches!(input.kind, DocKind::Dpa | DocKind::SubprocessorList) {
        return None;
    }
    let tracking = || {
        input
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::Tracking && !negated(f))
    };
    let is_opt_out = |f: &Finding| flag(f, "opt_out") || f.rule == "tracking.opt_out";
    if tracking().any(is_opt_out) {
        return None;
    }
    let hits: Vec<&Finding> = tracking().filter(|f| !is_opt_out(f)).collect();
    if hits.is_empty() {
        return None;
    }
    let mut what: Vec<String> = Vec::new();
    for f in &hits {
        let label = str_of(f, "tool")
            .or_else(|| str_of(f, "technique"))
            .map(|s| s.replace('_', " "));
        if let Some(l) = label {
            if !what.contains(&l) {
                what.push(l);
            }
        }
    }
    let what = if what.is_empty() {
        String::new()
    } else {
        format!(" ({})", join_and(&what))
    };
    let message =
        format!("The document describes tracking{what} but names no way to opt out or object.");
    reason(
        "tracking_without_opt_out",
        RiskLevel::Medium,
        message,
        hits.iter().map(|f| f.id.clone()).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::super::analyze;
    use super::super::testutil::fnd;
    use super::super::testutil::{adequacy, doc};
    use super::*;
    use serde_json::json;

    fn t(n: u32, start: usize, value: serde_json::Value) -> Finding {
        fnd(n, FindingKind::Transfer, "transfer.x", start, value)
    }
    fn prov(n: u32, start: usize, name: &str, company: Option<&str>, j: &str) -> Finding {
        fnd(
            n,
            FindingKind::Provider,
            "provider.gazetteer",
            start,
            json!({"name": name, "company": company, "jurisdiction": j}),
        )
    }
    fn loc(n: u32, start: usize, country: &str) -> Finding {
        fnd(
            n,
            FindingKind::Location,
            "location.x",
            start,
            json!({ "country": country }),
        )
    }
    fn c(n: u32, start: usize, code: &str) -> Finding {
        fnd(
            n,
            FindingKind::Country,
            "country.gazetteer",
            start,
            json!({"code": code}),
        )
    }
    fn risk_of(fs: &[Finding]) -> Risk {
        analyze(&doc(&" ".repeat(2000)), fs, Some("en"), &adequacy()).risk
    }
    fn codes(r: &Risk) -> Vec<(&str, RiskLevel)> {
        r.reasons
            .iter()
            .map(|x| (x.code.as_str(), x.level))
            .collect()
    }

    /// (name, findings, expected (code, level) pairs in order)
    type RuleCase = (&'static str, Vec<Finding>, Vec<(&'static str, RiskLevel)>);

    #[test]
    fn rules_fire() {
        use RiskLevel::*;
        let cases: Vec<RuleCase> = vec![
            ("nothing", vec![], vec![]),
            (
                "eu only and an EU provider",
                vec![
                    t(1, 0, json!({"statement":"eu_only"})),
                    prov(2, 10, "Hetzner", Some("Hetzner Online GmbH"), "DE"),
                ],
                vec![],
            ),
            (
                "US provider with SCCs",
                vec![
                    prov(1, 0, "Google Cloud Platform", Some("Google LLC"), "US"),
                    t(2, 10, json!({"mechanism":"scc"})),
                ],
                vec![("us_provider", Medium)],
            ),
            (
                "provider only in a country with an adequacy decision needs no mechanism",
                vec![prov(1, 0, "Proton", Some("Proton AG"), "CH")],
                vec![],
            ),
            (
                "US provider without mechanism",
                vec![prov(1, 0, "Amazon Web Services", None, "US")],
                vec![("no_transfer_mechanism", High), ("us_provider", Medium)],
            ),
            (
                "a location in India, SCCs named for the Philippines 900 bytes away",
                vec![
                    loc(1, 0, "IN"),
                    t(2, 900, json!({"mechanism":"scc"})),
                    c(3, 920, "PH"),
                ],
                vec![("destination_without_mechanism", Medium)],
            ),
            (
                "a location in India, SCCs naming India within their reach",
                vec![
                    loc(1, 0, "IN"),
                    t(2, 900, json!({"mechanism":"scc"})),
                    c(3, 920, "PH"),
                    c(4, 1150, "IN"),
                ],
                vec![],
            ),
            (
                "a location in India, a general SCC clause",
                vec![
                    loc(1, 0, "IN"),
                    t(2, 900, json!({"mechanism":"scc"})),
                    c(3, 1500, "PH"),
                ],
                vec![],
            ),
            (
                "a destination in India beside an adequacy decision and the DPF",
                vec![
                    t(1, 0, json!({"statement":"destination","country":"IN"})),
                    t(2, 20, json!({"mechanism":"adequacy"})),
                    t(3, 40, json!({"mechanism":"dpf"})),
                ],
                vec![("destination_without_mechanism", Medium)],
            ),
            (
                "the US named in a transfer statement, the DPF relied on",
                vec![
                    t(1, 0, json!({"statement":"third_country"})),
                    c(2, 0, "US"),
                    t(3, 900, json!({"mechanism":"dpf"})),
                    c(4, 920, "JP"),
                ],
                vec![],
            ),
            (
                "a destination named only by its statement, SCCs named for Japan",
                vec![
                    t(1, 0, json!({"statement":"destination","country":"PH"})),
                    t(2, 900, json!({"mechanism":"scc"})),
                    c(3, 920, "JP"),
                ],
                vec![("destination_without_mechanism", Medium)],
            ),
            (
                "a negated destination is none",
                vec![
                    t(
                        1,
                        0,
                        json!({"statement":"destination","country":"IN","negated":true}),
                    ),
                    t(2, 900, json!({"mechanism":"scc"})),
                    c(3, 920, "PH"),
                ],
                vec![],
            ),
            (
                "Indian provider with SCCs",
                vec![
                    prov(1, 0, "Infosys", Some("Infosys Ltd"), "IN"),
                    t(2, 10, json!({"mechanism":"scc"})),
                ],
                vec![("third_country_provider", Medium)],
            ),
            (
                "Swiss provider with adequacy",
                vec![
                    prov(1, 0, "Exoscale", None, "CH"),
                    t(2, 10, json!({"mechanism":"adequacy"})),
                ],
                vec![],
            ),
            (
                "third country party, the DPF relied on",
                vec![
                    fnd(
                        1,
                        FindingKind::Party,
                        "party.org",
                        0,
                        json!({"name":"Mailgun Technologies, Inc.","role":"processor","country":"US"}),
                    ),
                    t(2, 100, json!({"mechanism":"dpf"})),
                ],
                vec![("third_country_party", Medium)],
            ),
            (
                "privacy shield relied on",
                vec![t(1, 0, json!({"mechanism":"privacy_shield"}))],
                vec![("invalid_mechanism", High)],
            ),
            (
                "privacy shield historical",
                vec![t(
                    1,
                    0,
                    json!({"mechanism":"privacy_shield","historical":true}),
                )],
                vec![],
            ),
            (
                "privacy shield negated",
                vec![t(
                    1,
                    0,
                    json!({"mechanism":"privacy_shield","negated":true}),
                )],
                vec![],
            ),
            (
                "outdated scc",
                vec![t(1, 0, json!({"mechanism":"scc","outdated":true}))],
                vec![("outdated_mechanism", High)],
            ),
            (
                "outdated scc, hypothetical",
                vec![t(
                    1,
                    0,
                    json!({"mechanism":"scc","outdated":true,"hypothetical":true}),
                )],
                vec![],
            ),
            (
                "third country statement without mechanism",
                vec![t(1, 0, json!({"statement":"third_country"}))],
                vec![("no_transfer_mechanism", High)],
            ),
            (
                "eu only contradicted by a statement",
                vec![
                    t(1, 0, json!({"statement":"eu_only"})),
                    t(2, 100, json!({"statement":"third_country"})),
                    t(3, 200, json!({"mechanism":"scc"})),
                ],
                vec![("contradiction", High)],
            ),
            (
                "eu only contradicted by a US location",
                vec![
                    t(1, 0, json!({"statement":"eu_only"})),
                    fnd(
                        2,
                        FindingKind::Location,
                        "location.datacenter",
                        100,
                        json!({"city":"Ashburn","country":"US"}),
                    ),
                ],
                vec![("contradiction", High), ("no_transfer_mechanism", High)],
            ),
            (
                "tracking without opt-out",
                vec![fnd(
                    1,
                    FindingKind::Tracking,
                    "tracking.analytics",
                    0,
                    json!({"technique":"analytics","tool":"Google Analytics"}),
                )],
                vec![("tracking_without_opt_out", Medium)],
            ),
            (
                "tracking with opt-out",
                vec![
                    fnd(
                        1,
                        FindingKind::Tracking,
                        "tracking.pixel",
                        0,
                        json!({"technique":"pixel","tool":null}),
                    ),
                    fnd(
                        2,
                        FindingKind::Tracking,
                        "tracking.opt_out",
                        50,
                        json!({"opt_out":true}),
                    ),
                ],
                vec![],
            ),
            (
                "negated tracking",
                vec![fnd(
                    1,
                    FindingKind::Tracking,
                    "tracking.pixel",
                    0,
                    json!({"technique":"pixel","negated":true}),
                )],
                vec![],
            ),
        ];
        for (name, fs, want) in cases {
            let r = risk_of(&fs);
            assert_eq!(codes(&r), want, "{name}");
            assert_eq!(
                r.level,
                want.iter().map(|w| w.1).max().unwrap_or(Low),
                "{name}: level"
            );
        }
    }

    #[test]
    fn us_provider_message_names_providers() {
        let fs = vec![
            prov(1, 0, "Google Cloud Platform", Some("Google LLC"), "US"),
            prov(2, 10, "Amazon Web Services", None, "US"),
            prov(3, 20, "Google Cloud Platform", Some("Google LLC"), "US"),
        ];
        let r = risk_of(&fs);
        let us = r
            .reasons
            .iter()
            .find(|x| x.code == "us_provider")
            .expect("us_provider fires");
        assert_eq!(
            us.message,
            "Google Cloud Platform (Google LLC, US) and Amazon Web Services (US) are US providers subject to FISA 702 and the CLOUD Act, even where data is hosted in the EU."
        );
        assert_eq!(us.evidence, vec!["f1", "f2", "f3"]);
        let none = r
            .reasons
            .iter()
            .find(|x| x.code == "no_transfer_mechanism")
            .expect("no mechanism");
        assert!(none.message.contains("it names providers outside the EU/EEA: Google Cloud Platform (Google LLC, US) and Amazon Web Services (US)"), "{}", none.message);
    }

    #[test]
    fn us_provider_names_their_entities_in_the_eea() {
        let us = |fs: &[Finding]| {
            risk_of(fs)
                .reasons
                .into_iter()
                .find(|x| x.code == "us_provider")
                .map(|x| x.message)
                .expect("us_provider fires")
        };
        let party = |n: u32, start: usize, name: &str, country: &str| {
            fnd(
                n,
                FindingKind::Party,
                "party.org",
                start,
                json!({"name": name, "legal_form": "x", "role": "subprocessor", "country": country}),
            )
        };
        let aws = prov(
            1,
            0,
            "Amazon Web Services",
            Some("Amazon Web Services, Inc."),
            "US",
        );
        let base = "Amazon Web Services (Amazon Web Services, Inc., US) is a US provider subject to FISA 702 and the CLOUD Act, even where data is hosted in the EU.";
        // Only its US entities named: nothing added.
        assert_eq!(
            us(&[
                aws.clone(),
                party(2, 100, "Amazon Web Services, Inc.", "US")
            ]),
            base
        );
        // Its Luxembourg entity named.
        assert_eq!(
            us(&[aws.clone(), party(2, 100, "Amazon Web Services EMEA SARL", "LU")]),
            format!("{base} An entity in the EU/EEA that the document names for it, Amazon Web Services EMEA SARL (LU), does not change this: its US parent remains subject to these laws.")
        );
        // Two US providers, two entities of one of them: one parent.
        let m = us(&[
            aws,
            prov(2, 10, "GitHub", Some("GitHub, Inc."), "US"),
            party(3, 100, "GitHub B.V.", "NL"),
            party(4, 200, "GitHub Germany GmbH", "DE"),
        ]);
        assert!(
            m.ends_with(" Entities in the EU/EEA that the document names for them, GitHub B.V. (NL) and GitHub Germany GmbH (DE), do not change this: their US parent remains subject to these laws."),
            "{m}"
        );
    }

    #[test]
    fn tracking_asks_for_an_opt_out_in_a_notice_not_in_a_dpa() {
        let tracking_in = |kind_rule: &str, signal: &str| {
            let fs = vec![
                fnd(
                    1,
                    FindingKind::Clause,
                    kind_rule,
                    0,
                    json!({"signal": signal, "weight": 1.0}),
                ),
                fnd(
                    2,
                    FindingKind::Tracking,
                    "tracking.pixel",
                    600,
                    json!({"technique": "open_tracking"}),
                ),
            ];
            let a = analyze(&doc(&" ".repeat(2000)), &fs, Some("de"), &adequacy());
            let codes: Vec<String> = a.risk.reasons.iter().map(|r| r.code.clone()).collect();
            (
                a.kind,
                codes.contains(&"tracking_without_opt_out".to_string()),
            )
        };
        assert_eq!(tracking_in("clause.kind_dpa", "dpa"), (DocKind::Dpa, false));
        assert_eq!(
            tracking_in("clause.kind_pp", "privacy_policy"),
            (DocKind::PrivacyPolicy, true)
        );
    }

    #[test]
    fn missing_checklist_items_are_named() {
        let mut fs = checklist_findings("dpa", &super::super::checklist::ART28_ITEMS, 8);
        // Items 1-8 pushed (art28_3_a..h); dropping art28_3_h leaves art28_3_h, art28_2 and art28_4 missing.
        fs.retain(|f| f.value.get("checklist").and_then(|v| v.as_str()) != Some("art28_3_h"));
        let a = analyze(&doc(&" ".repeat(2000)), &fs, Some("de"), &adequacy());
        assert_eq!(a.kind, DocKind::Dpa);
        let m = a
            .risk
            .reasons
            .iter()
            .find(|x| x.code == "missing_art28_items")
            .expect("missing items");
        assert_eq!(
            m.message,
            "The document does not address 3 of 10 Art. 28 GDPR requirements: art28_3_h audits and inspections, art28_2 prior authorisation of sub-processors, art28_4 same obligations imposed on sub-processors."
        );
        assert_eq!(m.level, RiskLevel::Medium);
        assert_eq!(a.risk.level, RiskLevel::Medium);

        let items = &super::super::checklist::ART13_ITEMS;
        let mut pp = checklist_findings("privacy_policy", items, items.len());
        let a = analyze(&doc(&" ".repeat(2000)), &pp, Some("de"), &adequacy());
        assert_eq!(a.kind, DocKind::PrivacyPolicy);
        assert!(a.risk.reasons.is_empty(), "{:?}", a.risk.reasons);
        pp.remove(4);
        let a = analyze(&doc(&" ".repeat(2000)), &pp, Some("de"), &adequacy());
        assert_eq!(
            codes(&a.risk),
            vec![("missing_art13_items", RiskLevel::Medium)]
        );
        assert!(a.risk.reasons[0].message.contains(
            "1 of 12 Art. 13 GDPR information duties: art13_1_d legitimate interests pursued."
        ));
    }

    /// The findings of a document of `kind` ("dpa", "privacy_policy") that addresses the
    /// first `n` of the checklist `items` (ids f1, then f2 on).
    fn checklist_findings(kind: &str, items: &[(&str, &str)], n: usize) -> Vec<Finding> {
        let mut fs = vec![fnd(
            1,
            FindingKind::Clause,
            "clause.kind",
            0,
            json!({"signal": kind, "weight": 1.0}),
        )];
        for (i, (id, _)) in items.iter().enumerate().take(n) {
            fs.push(fnd(
                i as u32 + 2,
                FindingKind::Clause,
                "clause.x",
                600 + i * 10,
                json!({"checklist": id}),
            ));
        }
        fs
    }

    /// The findings of a DPA that addresses every Art. 28 item (ids f1 to f11).
    fn full_dpa_findings() -> Vec<Finding> {
        let items = &super::super::checklist::ART28_ITEMS;
        checklist_findings("dpa", items, items.len())
    }

    #[test]
    fn a_dpa_naming_no_processor_says_so() {
        // A DPA that addresses every Art. 28 item, with `parties` as its party findings.
        let dpa = |parties: Vec<serde_json::Value>| {
            let mut fs = full_dpa_findings();
            for (i, v) in parties.into_iter().enumerate() {
                fs.push(fnd(
                    i as u32 + 20,
                    FindingKind::Party,
                    "party.org",
                    1000 + i * 100,
                    v,
                ));
            }
            analyze(&doc(&" ".repeat(2000)), &fs, Some("de"), &adequacy())
        };
        let a = dpa(vec![]);
        assert_eq!(a.kind, DocKind::Dpa);
        assert_eq!(
            codes(&a.risk),
            vec![("unnamed_processor", RiskLevel::Medium)]
        );
        assert_eq!(
            a.risk.reasons[0].message,
            "The document names no organisation as the processor (only its role or a defined term), so who processes the personal data, and where it sits, has to be established from the signed contract."
        );

        // Named, but without a role, and a sub-processor: the one without a role is listed.
        let a = dpa(vec![
            json!({"name":"Pentacode AG","role":null,"country":"DE"}),
            json!({"name":"Zapier Inc.","role":"subprocessor","country":"US"}),
        ]);
        let r = a
            .risk
            .reasons
            .iter()
            .find(|x| x.code == "unnamed_processor")
            .expect("unnamed_processor fires");
        assert!(
            r.message
                .ends_with(" Named without a role: Pentacode AG (DE)."),
            "{}",
            r.message
        );
        assert_eq!(r.evidence, vec!["f20"]);

        // A processor named: no reason.
        let a = dpa(vec![
            json!({"name":"Hetzner Online GmbH","role":"processor","country":"DE"}),
        ]);
        assert!(a.risk.reasons.is_empty(), "{:?}", a.risk.reasons);
    }

    /// An Art. 28 item addressed and also partly ruled out ("Inspektionen … sind
    /// ausgeschlossen" beside a duty to provide information) is a reason of its own; an item
    /// without such a clause is none.
    #[test]
    fn a_dpa_ruling_out_part_of_an_item_it_addresses_says_so() {
        let dpa = |excluded: bool| {
            let mut fs = full_dpa_findings();
            fs.push(fnd(
                30,
                FindingKind::Party,
                "party.org",
                1000,
                json!({"name":"Datenwerk GmbH","role":"processor","country":"DE"}),
            ));
            fs.push(fnd(
                20,
                FindingKind::Clause,
                "clause.x",
                900,
                json!({"checklist": "art28_3_h", "excluded": excluded}),
            ));
            analyze(&doc(&" ".repeat(2000)), &fs, Some("de"), &adequacy())
        };
        let a = dpa(true);
        assert_eq!(
            codes(&a.risk),
            vec![("restricted_art28_items", RiskLevel::Medium)]
        );
        assert_eq!(
            a.risk.reasons[0].message,
            "The document addresses art28_3_h audits and inspections but also rules part of it out; check that what remains meets Art. 28 GDPR."
        );
        assert_eq!(a.risk.reasons[0].evidence, vec!["f20"]);
        assert!(dpa(false).risk.reasons.is_empty());
    }

    #[test]
    fn every_rule_is_documented() {
        let doc = include_str!("../../docs/risk.md");
        let codes = [
            "third_country_party",
            "us_provider",
            "third_country_provider",
            "no_transfer_mechanism",
            "invalid_mechanism",
            "outdated_mechanism",
            "pending_mechanism",
            "nonexistent_adequacy",
            "contradiction",
            "missing_art28_items",
            "restricted_art28_items",
            "missing_art13_items",
            "tracking_without_opt_out",
            "unnamed_processor",
            "destination_without_mechanism",
        ];
        for code in codes {
            assert!(
                doc.contains(&format!("| `{code}` |")),
                "{code} is not in docs/risk.md"
            );
        }
        for (id, name) in super::super::checklist::ART28_ITEMS
            .iter()
            .chain(super::super::checklist::ART13_ITEMS.iter())
        {
            assert!(
                doc.contains(&format!("| {id} | {name} |")),
                "{id} is not in docs/risk.md"
            );
        }
    }

    #[test]
    fn other_messages() {
        let r = risk_of(&[t(1, 0, json!({"mechanism":"privacy_shield"}))]);
        assert!(r.reasons[0]
            .message
            .contains("invalidated on 16 July 2020 (C-311/18"));
        let mut f = t(1, 0, json!({"mechanism":"scc","outdated":true}));
        f.text = "Standardvertragsklauseln 2010/87/EU".to_string();
        f.page = Some(4);
        let r = risk_of(&[f]);
        assert!(r.reasons[0].message.starts_with("The document relies on outdated standard contractual clauses (\"Standardvertragsklauseln 2010/87/EU\", p. 4);"), "{}", r.reasons[0].message);
        let r = risk_of(&[
            t(1, 0, json!({"statement":"eu_only"})),
            prov(
                2,
                10,
                "Amazon Web Services",
                Some("Amazon Web Services, Inc."),
                "US",
            ),
            t(3, 20, json!({"mechanism":"scc"})),
        ]);
        let c = r
            .reasons
            .iter()
            .find(|x| x.code == "contradiction")
            .expect("contradiction");
        assert_eq!(
            c.message,
            "The document says personal data stays in the EU/EEA, but it names providers outside the EU/EEA: Amazon Web Services (Amazon Web Services, Inc., US)."
        );
        assert_eq!(c.evidence, vec!["f1", "f2"]);
        let r = risk_of(&[
            fnd(
                1,
                FindingKind::Tracking,
                "tracking.pixel",
                0,
                json!({"technique":"web_beacon","tool":null}),
            ),
            fnd(
                2,
                FindingKind::Tracking,
                "tracking.analytics",
                9,
                json!({"technique":"analytics","tool":"Matomo"}),
            ),
        ]);
        assert_eq!(r.reasons[0].message, "The document describes tracking (web beacon and Matomo) but names no way to opt out or object.");
    }

    #[test]
    fn a_party_in_a_country_with_a_partial_decision_is_told_apart() {
        let party = |n: u32, start: usize, name: &str, country: &str| {
            fnd(
                n,
                FindingKind::Party,
                "party.org",
                start,
                json!({"name": name, "role": "processor", "country": country}),
            )
        };
        let message = |fs: &[Finding], adequacy: &[Adequacy]| {
            let r = analyze(&doc(&" ".repeat(2000)), fs, Some("en"), adequacy).risk;
            r.reasons
                .iter()
                .find(|x| x.code == "third_country_party")
                .map(|x| (x.message.clone(), x.level, x.evidence.clone()))
        };
        let mailgun = party(1, 0, "Mailgun Technologies, Inc.", "US");
        let rd = party(2, 100, "RD Station Ltda.", "BR");

        // The US: a decision for certified organisations only.
        let (m, level, evidence) = message(std::slice::from_ref(&mailgun), &adequacy())
            .expect("a US party is a third-country party");
        assert_eq!(
            m,
            "Mailgun Technologies, Inc. (processor, US) is based in a third country whose EU adequacy decision, (EU) 2023/1795, covers only some recipients: EU-U.S. Data Privacy Framework (certified organisations only). Unless it is covered, personal data reaching it needs a transfer mechanism such as SCCs."
        );
        assert_eq!(level, RiskLevel::High);
        assert_eq!(evidence, vec!["f1"]);

        // Brazil: no decision. Both: one sentence each, the evidence of both.
        let (m, _, evidence) = message(&[mailgun, rd.clone()], &adequacy()).expect("fires");
        assert!(
            m.starts_with("RD Station Ltda. (processor, BR) is based in a third country without an EU adequacy decision; personal data reaching it leaves the EU/EEA. Mailgun Technologies, Inc. (processor, US) is based in a third country whose EU adequacy decision, (EU) 2023/1795,"),
            "{m}"
        );
        assert_eq!(evidence, vec!["f1", "f2"]);

        // The table decides: without the decision for Switzerland a Swiss party is a
        // third-country party; with it, none.
        let proton = party(3, 0, "Proton AG", "CH");
        assert!(message(std::slice::from_ref(&proton), &adequacy()).is_none());
        let without_ch: Vec<Adequacy> = adequacy().into_iter().filter(|a| a.code != "CH").collect();
        let (m, _, _) = message(&[proton], &without_ch).expect("fires without the decision");
        assert!(m.contains("without an EU adequacy decision"), "{m}");
    }

    #[test]
    fn a_third_country_party_names_the_mechanisms_the_document_relies_on() {
        let message = |fs: &[Finding]| {
            let r = analyze(&doc(&" ".repeat(2000)), fs, Some("en"), &adequacy()).risk;
            r.reasons
                .into_iter()
                .find(|x| x.code == "third_country_party")
                .map(|x| (x.message, x.evidence))
                .expect("a Brazilian party is a third-country party")
        };
        let rd = fnd(
            1,
            FindingKind::Party,
            "party.org",
            0,
            json!({"name": "RD Station Ltda.", "role": "processor", "country": "BR"}),
        );
        let without = "RD Station Ltda. (processor, BR) is based in a third country without an EU adequacy decision; personal data reaching it leaves the EU/EEA.";

        // Nothing relied on: the sentence alone (no_transfer_mechanism says the rest).
        assert_eq!(
            message(std::slice::from_ref(&rd)),
            (without.to_string(), vec!["f1".to_string()])
        );

        // SCCs (twice: the first counts) and BCRs, named in the order of MECHANISMS,
        // with their pages and findings as evidence.
        let mut scc = t(2, 100, json!({"mechanism":"scc"}));
        scc.page = Some(3);
        let bcr = t(3, 200, json!({"mechanism":"bcr"}));
        let scc_again = t(4, 300, json!({"mechanism":"scc"}));
        let (m, evidence) = message(&[rd.clone(), bcr, scc, scc_again]);
        assert_eq!(
            m,
            format!("{without} For transfers the document relies on standard contractual clauses (p. 3) and binding corporate rules.")
        );
        assert_eq!(evidence, vec!["f1", "f2", "f3"]);

        // Neither the Privacy Shield nor repealed SCCs, nor negated or historical ones,
        // carry a transfer: not named.
        let (m, evidence) = message(&[
            rd,
            t(2, 100, json!({"mechanism":"privacy_shield"})),
            t(3, 200, json!({"mechanism":"scc","outdated":true})),
            t(4, 300, json!({"mechanism":"bcr","negated":true})),
            t(5, 400, json!({"mechanism":"dpf","historical":true})),
        ]);
        assert_eq!((m.as_str(), evidence), (without, vec!["f1".to_string()]));
    }

    /// A third-country party is high while no mechanism the document relies on reaches
    /// its country (none relied on; one named for another country; one that cannot serve
    /// it), medium when one does (a general clause; one naming its country; the DPF for
    /// the US).
    #[test]
    fn a_third_country_party_is_high_only_where_no_mechanism_reaches_its_country() {
        let level = |fs: &[Finding]| {
            let r = risk_of(fs);
            let x = r
                .reasons
                .iter()
                .find(|x| x.code == "third_country_party")
                .expect("a third-country party");
            (
                x.level,
                x.message.ends_with(
                    " None of them is named for the country of RD Station Ltda. (processor, BR).",
                ),
            )
        };
        let party = |country: &str| {
            fnd(
                1,
                FindingKind::Party,
                "party.org",
                0,
                json!({"name": "RD Station Ltda.", "role": "processor", "country": country}),
            )
        };
        let scc = t(2, 1000, json!({"mechanism":"scc"}));
        let dpf = t(2, 1000, json!({"mechanism":"dpf"}));
        use RiskLevel::{High, Medium};
        assert_eq!(level(&[party("BR")]), (High, false));
        assert_eq!(level(&[party("BR"), scc.clone()]), (Medium, false));
        assert_eq!(
            level(&[party("BR"), scc.clone(), c(3, 1050, "BR")]),
            (Medium, false)
        );
        assert_eq!(level(&[party("BR"), scc, c(3, 1050, "IN")]), (High, true));
        assert_eq!(level(&[party("BR"), dpf.clone()]), (High, true));
        assert_eq!(level(&[party("US"), dpf]).0, Medium);

        // A DPA's own processor abroad stays high, a sub-processor reached does not.
        let dpa_with = |role: &str| {
            let mut fs = full_dpa_findings();
            fs.push(fnd(
                20,
                FindingKind::Party,
                "party.org",
                1200,
                json!({"name": "RD Station Ltda.", "role": role, "country": "BR"}),
            ));
            fs.push(t(21, 1500, json!({"mechanism":"scc"})));
            let a = analyze(&doc(&" ".repeat(2000)), &fs, Some("en"), &adequacy());
            assert_eq!(a.kind, DocKind::Dpa);
            a.risk
                .reasons
                .iter()
                .find(|r| r.code == "third_country_party")
                .map(|r| (r.level, r.message.ends_with(" RD Station Ltda. (processor, BR) is the contract's processor: all of its processing is a transfer.")))
        };
        assert_eq!(dpa_with("processor"), Some((High, true)));
        assert_eq!(dpa_with("subprocessor"), Some((Medium, false)));
    }
}

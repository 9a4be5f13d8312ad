//! The one-screen report of `dpascan check`: what a reviewer reads first.
//!
//! A header (path, format, pages, language, kind, engine), then Parties,
//! Countries, Transfers, Providers, Locations, Checklist gaps and Risk. Long
//! lists are cut with "… and N more" so a typical document fits in about 40
//! lines; the JSON output has everything. Every string that comes from a
//! document is passed through [`clean`], so control characters (ESC and the
//! like) and bidi overrides in a document are shown escaped, never sent to the
//! terminal.

use std::fmt::Write as _;

use super::{ChecklistItem, DocResult, RiskLevel, Status, TransferRole};
use crate::analyze::item_name;
use crate::findings::Finding;

/// Most parties listed.
const MAX_PARTIES: usize = 4;
/// Most countries listed.
const MAX_COUNTRIES: usize = 6;
/// Most entities of one provider named on its line.
const MAX_NAMED_ENTITIES: usize = 2;
/// Most mechanisms listed.
const MAX_MECHANISMS: usize = 4;
/// Most providers listed.
const MAX_PROVIDERS: usize = 6;
/// Most locations listed.
const MAX_LOCATIONS: usize = 4;
/// Most missing checklist items listed.
const MAX_GAPS: usize = 6;
/// Longest quote, in characters (ellipses included).
pub const QUOTE_CHARS: usize = 80;
/// Longest name or address cell, in characters.
const CELL_CHARS: usize = 48;

/// ANSI styling, or none.
#[derive(Clone, Copy)]
struct Style {
    color: bool,
}

impl Style {
    fn wrap(self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(self, s: &str) -> String {
        self.wrap("1", s)
    }
    fn dim(self, s: &str) -> String {
        self.wrap("2", s)
    }
    fn level(self, level: RiskLevel, s: &str) -> String {
        match level {
            RiskLevel::High => self.wrap("1;31", s),
            RiskLevel::Medium => self.wrap("1;33", s),
            RiskLevel::Low => self.wrap("1;32", s),
        }
    }
}

/// Renders `result` for a reviewer; `color` adds ANSI colours (only on a terminal).
pub fn render(result: &DocResult, color: bool) -> String {
    let st = Style { color };
    let mut out = String::new();
    let _ = writeln!(out, "{}", st.bold(&clean(&result.path)));
    if result.status == Status::Error {
        let (kind, message) = match &result.error {
            Some(e) => (e.kind.as_str(), clean(&e.message)),
            None => ("internal", "no error details".to_string()),
        };
        let format = result
            .format
            .map(|f| format!(" ({})", f.as_str()))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {}{format}: {message}",
            st.level(RiskLevel::High, &format!("error {kind}"))
        );
        return out;
    }
    header(&mut out, result);
    parties(&mut out, st, result);
    countries(&mut out, st, result);
    transfers(&mut out, st, result);
    providers(&mut out, st, result);
    locations(&mut out, st, result);
    checklist(&mut out, st, result);
    risk(&mut out, st, result);
    out
}

fn header(out: &mut String, r: &DocResult) {
    let mut parts = vec![format!(
        "format {}",
        r.format.map_or("unknown", |f| f.as_str())
    )];
    if let Some(p) = r.pages {
        parts.push(format!("{p} page{}", if p == 1 { "" } else { "s" }));
    }
    parts.push(format!(
        "language {}",
        r.language
            .as_deref()
            .map_or_else(|| "unknown".to_string(), clean)
    ));
    parts.push(format!("kind {}", r.kind.as_str()));
    if !r.extraction.engine.is_empty() {
        parts.push(format!("engine {}", clean(&r.extraction.engine)));
    }
    let _ = writeln!(out, "  {}", parts.join(" · "));
}

/// Writes a section heading; with no items, says so on the same line.
fn heading(out: &mut String, st: Style, title: &str, n: usize, none: &str) -> bool {
    if n == 0 {
        let _ = writeln!(out, "{} {}", st.bold(&format!("{title}:")), st.dim(none));
        false
    } else {
        let _ = writeln!(out, "{}", st.bold(&format!("{title} ({n})")));
        true
    }
}

fn more(out: &mut String, total: usize, shown: usize) {
    if total > shown {
        let _ = writeln!(out, "  … and {} more", total - shown);
    }
}

fn parties(out: &mut String, st: Style, r: &DocResult) {
    if !heading(out, st, "Parties", r.parties.len(), "none named") {
        return;
    }
    for p in r.parties.iter().take(MAX_PARTIES) {
        let mut line = format!("  {}", cell(&p.name));
        if !p.roles.is_empty() {
            let _ = write!(line, " · {}", clean(&p.roles.join(", ")));
        }
        if p.former {
            line.push_str(" · former");
        }
        if p.not_used {
            line.push_str(" · not used");
        }
        if p.planned {
            line.push_str(" · planned");
        }
        if !p.former_names.is_empty() {
            let _ = write!(line, " · formerly {}", cell(&p.former_names.join(", ")));
        }
        if let Some(m) = &p.stated_mechanism {
            let _ = write!(line, " · {}: {}", cell(&m.label), cell(&m.value));
        }
        for side in &p.transfer_roles {
            let _ = write!(
                line,
                " · data {}",
                match side {
                    TransferRole::Exporter => "exporter",
                    TransferRole::Importer => "importer",
                }
            );
        }
        if let Some(a) = &p.address {
            let town: Vec<&str> = [&a.postcode, &a.city]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            let town = town.join(" ");
            let parts: Vec<String> = [
                a.street.as_deref(),
                Some(town.as_str()),
                a.region.as_deref(),
            ]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .map(clean)
            .collect();
            if !parts.is_empty() {
                let _ = write!(line, " · {}", truncate(&parts.join(", "), CELL_CHARS));
            }
        }
        if let Some(c) = &p.country {
            // A country read off the name, the provider list or the legal form is a guess the
            // reviewer should see.
            let from = match p.country_source {
                Some(crate::report::CountrySource::Name) => " (from the name)",
                Some(crate::report::CountrySource::LegalForm) => " (from the legal form)",
                Some(crate::report::CountrySource::Provider) => " (from the provider list)",
                Some(crate::report::CountrySource::List) => " (stated for the whole list)",
                _ => "",
            };
            let _ = write!(line, " · {}{from}", clean(c));
        }
        let _ = writeln!(out, "{line}");
    }
    more(out, r.parties.len(), MAX_PARTIES);
}

fn countries(out: &mut String, st: Style, r: &DocResult) {
    if !heading(out, st, "Countries", r.countries.len(), "none named") {
        return;
    }
    for c in r.countries.iter().take(MAX_COUNTRIES) {
        let page = first_page(r, &c.evidence)
            .map(|p| format!(" · first {p}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {} {} · {} · {} mention{}{page}",
            clean(&c.code),
            cell(&c.name),
            c.status.as_str(),
            c.mentions,
            if c.mentions == 1 { "" } else { "s" }
        );
    }
    more(out, r.countries.len(), MAX_COUNTRIES);
}

fn transfers(out: &mut String, st: Style, r: &DocResult) {
    let t = &r.transfers;
    let _ = writeln!(out, "{}", st.bold("Transfers"));
    let answer = match t.third_country_transfer {
        Some(true) => "yes",
        Some(false) => "no",
        None => "unknown",
    };
    let mut line = format!("  third-country transfer: {answer}");
    if let Some(f) = deciding_finding(r) {
        let _ = write!(line, " · {}{}", quote(f), page_suffix(f));
    }
    let _ = writeln!(out, "{line}");
    if t.mechanisms.is_empty() {
        let _ = writeln!(out, "  mechanisms: {}", st.dim("none relied on"));
        return;
    }
    for m in t.mechanisms.iter().take(MAX_MECHANISMS) {
        let f = t
            .evidence
            .iter()
            .filter_map(|id| finding(r, id))
            .find(|f| f.value.get("mechanism").and_then(|v| v.as_str()) == Some(m.as_str()));
        let mut line = format!("  mechanism {}", clean(m));
        if let Some(f) = f {
            let _ = write!(line, " · {}{}", quote(f), page_suffix(f));
        }
        let _ = writeln!(out, "{line}");
    }
    more(out, t.mechanisms.len(), MAX_MECHANISMS);
}

/// The finding that best shows the transfer answer: a transfer statement among the
/// evidence if there is one, otherwise the first piece of evidence that is not a
/// mechanism.
fn deciding_finding(r: &DocResult) -> Option<&Finding> {
    let ev: Vec<&Finding> = r
        .transfers
        .evidence
        .iter()
        .filter_map(|id| finding(r, id))
        .collect();
    let wanted = match r.transfers.third_country_transfer {
        Some(true) => "third_country",
        Some(false) => "eu_only",
        None => return None,
    };
    ev.iter()
        .find(|f| f.value.get("statement").and_then(|v| v.as_str()) == Some(wanted))
        .or_else(|| ev.iter().find(|f| f.value.get("mechanism").is_none()))
        .or_else(|| ev.first())
        .copied()
}

fn providers(out: &mut String, st: Style, r: &DocResult) {
    if !heading(out, st, "Providers", r.providers.len(), "none named") {
        return;
    }
    for p in r.providers.iter().take(MAX_PROVIDERS) {
        let mut line = format!("  {}", cell(&p.name));
        if let Some(c) = &p.company {
            let _ = write!(line, " · {}", cell(c));
        }
        if let Some(j) = &p.jurisdiction {
            let _ = write!(line, " · {}", clean(j));
        }
        if p.self_hosted {
            line.push_str(" · self-hosted");
        }
        let others = p.other_entities();
        if !others.is_empty() {
            let named: Vec<String> = others
                .iter()
                .take(MAX_NAMED_ENTITIES)
                .map(|e| match &e.country {
                    Some(c) => format!("{} ({})", cell(&e.name), clean(c)),
                    None => cell(&e.name),
                })
                .collect();
            let _ = write!(line, " · named: {}", named.join(", "));
            if others.len() > MAX_NAMED_ENTITIES {
                let _ = write!(line, " +{}", others.len() - MAX_NAMED_ENTITIES);
            }
        }
        if let Some(page) = first_page(r, &p.evidence) {
            let _ = write!(line, " · {page}");
        }
        let _ = writeln!(out, "{line}");
    }
    more(out, r.providers.len(), MAX_PROVIDERS);
}

fn locations(out: &mut String, st: Style, r: &DocResult) {
    if !heading(out, st, "Locations", r.locations.len(), "none named") {
        return;
    }
    for l in r.locations.iter().take(MAX_LOCATIONS) {
        let place = match (&l.city, &l.country) {
            (Some(city), Some(c)) => format!("{}, {}", cell(city), clean(c)),
            (Some(city), None) => cell(city),
            (None, Some(c)) => clean(c),
            (None, None) => "EU/EEA (no country named)".to_string(),
        };
        let page = first_page(r, &l.evidence)
            .map(|p| format!(" · {p}"))
            .unwrap_or_default();
        let _ = writeln!(out, "  {place}{page}");
    }
    more(out, r.locations.len(), MAX_LOCATIONS);
}

fn checklist(out: &mut String, st: Style, r: &DocResult) {
    if r.checklist.is_empty() {
        let _ = writeln!(
            out,
            "{} {}",
            st.bold("Checklist gaps:"),
            st.dim(&format!("no checklist for kind {}", r.kind.as_str()))
        );
        return;
    }
    let mut missing: Vec<&ChecklistItem> = r
        .checklist
        .iter()
        .filter(|i| !i.present && !i.not_required)
        .collect();
    // Requirements the document rules out come first: they are the reviewer's news.
    missing.sort_by_key(|i| i.excluded.is_empty());
    if missing.is_empty() {
        let _ = writeln!(
            out,
            "{} none, all {} items addressed",
            st.bold("Checklist gaps:"),
            r.checklist.len() - not_required(r).count()
        );
        restricted(out, r);
        not_required_lines(out, r);
        return;
    }
    let _ = writeln!(
        out,
        "{}",
        st.bold(&format!(
            "Checklist gaps ({} of {})",
            missing.len(),
            r.checklist.len() - not_required(r).count()
        ))
    );
    for item in missing.iter().take(MAX_GAPS) {
        // A requirement the document names only to rule it out: the clause that does.
        let _ = writeln!(out, "  {}", item_line(r, item, " · ruled out: "));
    }
    more(out, missing.len(), MAX_GAPS);
    restricted(out, r);
    not_required_lines(out, r);
}

/// The items that ask nothing of the document (Art. 13(1)(d) without an Art. 6(1)(f) basis).
fn not_required(r: &DocResult) -> impl Iterator<Item = &ChecklistItem> {
    r.checklist.iter().filter(|i| i.not_required)
}

/// A line for each item that asks nothing of the document, with why: the legal bases it
/// names are a public body's (Art. 6(1)(e)), none the legitimate interests (f).
fn not_required_lines(out: &mut String, r: &DocResult) {
    for item in not_required(r) {
        let name = item_name(&item.id)
            .map(|n| format!(" {n}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {}{name} · not required: legal basis Art. 6(1)(e), none (f)",
            item.id
        );
    }
}

/// The items a document addresses but rules part of out ("Inspektionen … sind
/// ausgeschlossen" beside a duty to provide information), a line each with the clause.
fn restricted(out: &mut String, r: &DocResult) {
    for item in r
        .checklist
        .iter()
        .filter(|i| i.present && !i.excluded.is_empty())
    {
        let line = item_line(r, item, " · addressed, but partly ruled out: ");
        let _ = writeln!(out, "  {line}");
    }
}

/// A checklist item's id and name, then `label` and the first clause that rules it out
/// (with its page), when one does.
fn item_line(r: &DocResult, item: &ChecklistItem, label: &str) -> String {
    let name = item_name(&item.id)
        .map(|n| format!(" {n}"))
        .unwrap_or_default();
    let clause = item
        .excluded
        .first()
        .and_then(|id| finding(r, id))
        .map(|f| format!("{label}\"{}\"{}", ruling_out(f), page_suffix(f)))
        .unwrap_or_default();
    format!("{}{name}{clause}", clean(&item.id))
}

fn risk(out: &mut String, st: Style, r: &DocResult) {
    let level = r.risk.level;
    let _ = writeln!(
        out,
        "{} {}",
        st.bold("Risk:"),
        st.level(level, &level.as_str().to_uppercase())
    );
    for reason in &r.risk.reasons {
        let _ = writeln!(
            out,
            "  {} {}: {}",
            st.level(reason.level, reason.level.as_str()),
            clean(&reason.code),
            clean(&reason.message)
        );
    }
}

fn finding<'a>(r: &'a DocResult, id: &str) -> Option<&'a Finding> {
    r.findings.iter().find(|f| f.id == id)
}

/// "p. 3" for the first of `ids` that has a page.
fn first_page(r: &DocResult, ids: &[String]) -> Option<String> {
    ids.iter()
        .filter_map(|id| finding(r, id))
        .find_map(|f| f.page)
        .map(|p| format!("p. {p}"))
}

fn page_suffix(f: &Finding) -> String {
    f.page.map(|p| format!(" (p. {p})")).unwrap_or_default()
}

/// A quoted piece of the finding's sentence, at most [`QUOTE_CHARS`] characters,
/// centred on the match.
fn quote(f: &Finding) -> String {
    let ctx = clean(&f.context);
    let text = clean(&f.text);
    let src = if ctx.is_empty() { text.clone() } else { ctx };
    let chars: Vec<char> = src.chars().collect();
    let inner = QUOTE_CHARS - 2;
    if chars.len() <= inner {
        // A sentence that is itself a quotation keeps one pair of quotes, not two.
        let bare = src.trim_matches(|c| matches!(c, '"' | '“' | '”' | '„'));
        return format!("\"{bare}\"");
    }
    // Centre the window on the match when the sentence contains it.
    let hit = src
        .find(text.as_str())
        .map(|b| src[..b].chars().count())
        .unwrap_or(0);
    let hit_len = text.chars().count();
    let budget = inner - 2; // room for an ellipsis on both sides
    let start = (hit + hit_len / 2)
        .saturating_sub(budget / 2)
        .min(chars.len() - budget);
    let end = start + budget;
    let mut s = String::new();
    if start > 0 {
        s.push('…');
    }
    s.extend(&chars[start..end]);
    if end < chars.len() {
        s.push('…');
    }
    format!("\"{}\"", s.trim())
}

/// The words of an excluded finding `f` with the cue that rules it out
/// (`value.excluded_by`), in the order of the sentence: "Inspektionen … nicht vorgesehen",
/// "no right to … audits".
fn ruling_out(f: &Finding) -> String {
    let text = truncate(&clean(&f.text), CELL_CHARS);
    let Some(cue) = f.value.get("excluded_by").and_then(|v| v.as_str()) else {
        return text;
    };
    let cue = clean(cue);
    let ctx = clean(&f.context);
    match (ctx.find(cue.as_str()), ctx.find(clean(&f.text).as_str())) {
        (Some(c), Some(t)) if c < t => format!("{cue} … {text}"),
        _ => format!("{text} … {cue}"),
    }
}

fn cell(s: &str) -> String {
    truncate(&clean(s), CELL_CHARS)
}

/// `s` cut to at most `max` characters, with "…" when cut.
fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t.push('…');
    t
}

/// Text from a document made safe for one terminal line: whitespace (line breaks,
/// tabs) becomes single spaces; other control characters, bidi controls and
/// invisible format characters are shown as `\u{…}` escapes.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        let invisible = matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}');
        if c.is_control() || invisible {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    if space {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{DocError, ErrorKind};
    use crate::extract::Format;
    use crate::findings::FindingKind;
    use crate::report::*;
    use serde_json::json;

    fn f(
        n: u32,
        kind: FindingKind,
        page: u32,
        text: &str,
        context: &str,
        value: serde_json::Value,
    ) -> Finding {
        Finding {
            id: format!("f{n}"),
            kind,
            rule: "test.rule".to_string(),
            page: Some(page),
            start: n as usize * 100,
            end: n as usize * 100 + text.len(),
            text: text.to_string(),
            context: context.to_string(),
            value,
        }
    }

    fn sample() -> DocResult {
        let mut r = DocResult::failed(
            "contracts/acme/avv.pdf",
            "ab",
            Some(Format::Pdf),
            &DocError::new(ErrorKind::Internal, "x"),
        );
        r.status = Status::Ok;
        r.error = None;
        r.language = Some("de".into());
        r.kind = DocKind::Dpa;
        r.pages = Some(7);
        r.extraction.engine = "pdf-extract".into();
        r.findings = vec![
            f(1, FindingKind::Country, 2, "USA", "Sitz in den USA.", json!({"code":"US"})),
            f(2, FindingKind::Transfer, 3, "Drittland", "Eine Übermittlung in ein Drittland findet statt, und zwar in die Vereinigten Staaten von Amerika, wo der Unterauftragsverarbeiter seinen Sitz hat.", json!({"statement":"third_country"})),
            f(3, FindingKind::Transfer, 3, "Standardvertragsklauseln", "Grundlage sind die Standardvertragsklauseln der EU-Kommission.", json!({"mechanism":"scc"})),
            f(4, FindingKind::Provider, 4, "AWS", "Hosting bei AWS.", json!({"name":"Amazon Web Services"})),
            f(5, FindingKind::Location, 4, "Frankfurt", "Rechenzentrum Frankfurt.", json!({"city":"Frankfurt am Main","country":"DE"})),
        ];
        r.parties = vec![Party {
            name: "Mailgun Technologies, Inc.".into(),
            legal_form: Some("Inc.".into()),
            roles: vec!["processor".into()],
            country: Some("US".into()),
            country_source: Some(crate::report::CountrySource::Address),
            address: Some(Address {
                street: Some("112 E Pecan St #1135".into()),
                postcode: Some("78205".into()),
                city: Some("San Antonio".into()),
                region: Some("TX".into()),
                country: Some("US".into()),
            }),
            evidence: vec![],
            transfer_roles: vec![],
            former: false,
            not_used: false,
            planned: false,
            former_names: Vec::new(),
            stated_mechanism: None,
        }];
        r.countries = vec![CountryEntry {
            code: "US".into(),
            status: CountryStatus::ThirdCountry,
            mentions: 3,
            name: "United States".into(),
            evidence: vec!["f1".into()],
        }];
        r.transfers = Transfers {
            third_country_transfer: Some(true),
            mechanisms: vec!["scc".into()],
            evidence: vec!["f2".into(), "f3".into()],
        };
        r.providers = vec![Provider {
            name: "Amazon Web Services".into(),
            company: Some("Amazon Web Services, Inc.".into()),
            jurisdiction: Some("US".into()),
            category: Some("cloud".into()),
            evidence: vec!["f4".into()],
            named_entities: [
                ("Amazon Web Services Inc", Some("US")),
                ("Amazon Web Services EMEA SARL", Some("LU")),
                ("Amazon Web Services Australia Pty Ltd", Some("AU")),
                ("Amazon Web Services Labs GmbH", None),
            ]
            .into_iter()
            .map(|(name, country)| NamedEntity {
                name: name.into(),
                country: country.map(Into::into),
            })
            .collect(),
            self_hosted: false,
        }];
        r.locations = vec![Location {
            city: Some("Frankfurt am Main".into()),
            country: Some("DE".into()),
            evidence: vec!["f5".into()],
        }];
        r.checklist = crate::analyze::ART28_ITEMS
            .iter()
            .map(|(id, _)| ChecklistItem {
                id: id.to_string(),
                present: *id != "art28_3_h",
                evidence: vec![],
                excluded: vec![],
                not_required: false,
            })
            .collect();
        r.risk = Risk {
            level: RiskLevel::High,
            reasons: vec![RiskReason {
                code: "us_provider".into(),
                message: "Amazon Web Services (Amazon Web Services, Inc., US) is a US provider subject to FISA 702 and the CLOUD Act, even where data is hosted in the EU.".into(),
                level: RiskLevel::High,
                evidence: vec!["f4".into()],
            }],
        };
        r
    }

    #[test]
    fn key_lines() {
        let out = render(&sample(), false);
        let lines: Vec<&str> = out.lines().collect();
        let expected = [
            "contracts/acme/avv.pdf",
            "  format pdf · 7 pages · language de · kind dpa · engine pdf-extract",
            "Parties (1)",
            "  Mailgun Technologies, Inc. · processor · 112 E Pecan St #1135, 78205 San Antonio, TX · US",
            "Countries (1)",
            "  US United States · third_country · 3 mentions · first p. 2",
            "Transfers",
            "  mechanism scc · \"Grundlage sind die Standardvertragsklauseln der EU-Kommission.\" (p. 3)",
            "Providers (1)",
            // The company itself (without its comma) is no other entity; two at most.
            "  Amazon Web Services · Amazon Web Services, Inc. · US · named: Amazon Web Services EMEA SARL (LU), Amazon Web Services Australia Pty Ltd (AU) +1 · p. 4",
            "Locations (1)",
            "  Frankfurt am Main, DE · p. 4",
            "Checklist gaps (1 of 10)",
            "  art28_3_h audits and inspections",
            "Risk: HIGH",
            "  high us_provider: Amazon Web Services (Amazon Web Services, Inc., US) is a US provider subject to FISA 702 and the CLOUD Act, even where data is hosted in the EU.",
        ];
        for e in expected {
            assert!(lines.contains(&e), "missing line {e:?} in:\n{out}");
        }
        let tct = lines
            .iter()
            .find(|l| l.starts_with("  third-country transfer: yes · \""))
            .expect("transfer line");
        assert!(tct.ends_with("(p. 3)"), "{tct}");
        let q = tct.split('"').nth(1).expect("quoted");
        assert!(q.chars().count() <= QUOTE_CHARS - 2, "quote too long: {q}");
        assert!(q.contains("Drittland"), "{q}");
        assert!(!out.contains('\x1b'));
        assert!(lines.len() <= 40, "{} lines", lines.len());
    }

    /// A country read off the name, the provider list or the legal form says so; one from
    /// the address not.
    #[test]
    fn a_guessed_party_country_says_where_it_comes_from() {
        let mut r = sample();
        let p = r.parties[0].clone();
        r.parties.push(Party {
            name: "WeTransfer B.V.".into(),
            legal_form: Some("B.V.".into()),
            roles: vec![],
            country: Some("NL".into()),
            country_source: Some(crate::report::CountrySource::LegalForm),
            address: None,
            ..p.clone()
        });
        r.parties.push(Party {
            name: "Stripe, Inc.".into(),
            legal_form: Some("Inc.".into()),
            roles: vec![],
            country: Some("US".into()),
            country_source: Some(crate::report::CountrySource::Provider),
            address: None,
            ..p
        });
        let out = render(&r, false);
        assert!(
            out.lines()
                .any(|l| l == "  WeTransfer B.V. · NL (from the legal form)"),
            "{out}"
        );
        assert!(
            out.lines()
                .any(|l| l == "  Stripe, Inc. · US (from the provider list)"),
            "{out}"
        );
        assert!(out.contains("San Antonio, TX · US\n"), "{out}");
    }

    /// An item that asks nothing of the document is no gap and not counted, but named.
    #[test]
    fn an_item_not_required_is_no_gap() {
        let mut r = sample();
        r.kind = DocKind::PrivacyPolicy;
        r.checklist = crate::analyze::ART13_ITEMS
            .iter()
            .map(|(id, _)| ChecklistItem {
                id: id.to_string(),
                present: !matches!(*id, "art13_1_d" | "art13_2_e"),
                evidence: vec![],
                excluded: vec![],
                not_required: *id == "art13_1_d",
            })
            .collect();
        let out = render(&r, false);
        for e in [
            "Checklist gaps (1 of 11)",
            "  art13_2_e whether providing the data is required",
            "  art13_1_d legitimate interests pursued · not required: legal basis Art. \
             6(1)(e), none (f)",
        ] {
            assert!(out.lines().any(|l| l == e), "missing {e:?} in:\n{out}");
        }
        r.checklist[10].present = true;
        let out = render(&r, false);
        assert!(
            out.contains("Checklist gaps: none, all 11 items addressed\n"),
            "{out}"
        );
    }

    #[test]
    fn empty_sections_and_unknown_transfer() {
        let mut r = sample();
        r.parties.clear();
        r.transfers = Transfers::default();
        r.kind = DocKind::Other;
        r.checklist.clear();
        r.risk = Risk::default();
        let out = render(&r, false);
        for e in [
            "Parties: none named",
            "  third-country transfer: unknown",
            "  mechanisms: none relied on",
            "Checklist gaps: no checklist for kind other",
            "Risk: LOW",
        ] {
            assert!(out.lines().any(|l| l == e), "missing {e:?} in:\n{out}");
        }
    }

    #[test]
    fn long_lists_are_cut() {
        let mut r = sample();
        let p = r.providers[0].clone();
        r.providers = (0..15)
            .map(|i| Provider {
                name: format!("Provider {i}"),
                ..p.clone()
            })
            .collect();
        let out = render(&r, false);
        assert!(out.lines().any(|l| l == "  … and 9 more"), "{out}");
        assert!(!out.contains("Provider 6 "));
        assert!(out.lines().count() <= 40);
    }

    #[test]
    fn colour_only_when_asked() {
        let out = render(&sample(), true);
        assert!(out.contains("\x1b[1;31mHIGH\x1b[0m"), "{out:?}");
        assert!(out.contains("\x1b[1mTransfers\x1b[0m"));
        let mut r = sample();
        r.risk = Risk::default();
        assert!(render(&r, true).contains("\x1b[1;32mLOW\x1b[0m"));
    }

    #[test]
    fn document_text_is_escaped() {
        let mut r = sample();
        r.path = "evil\x1b[2J.pdf".into();
        r.providers[0].name = "Evil\x1b]0;pwned\x07 Corp\u{202E}".into();
        r.findings[2].context = "SCC\x1b[31m red\nnext line".into();
        let out = render(&r, false);
        assert!(!out.contains('\x1b'), "{out:?}");
        assert!(!out.contains('\x07'));
        assert!(!out.contains('\u{202E}'));
        assert!(out.contains("evil\\u{1b}[2J.pdf"));
        assert!(out.contains("Evil\\u{1b}]0;pwned\\u{7} Corp\\u{202e}"));
        assert!(out.contains("\"SCC\\u{1b}[31m red next line\""));
        // Colour mode escapes the document's ESC too; only our own codes remain.
        let coloured = render(&r, true);
        assert!(!coloured.contains("\x1b[2J") && !coloured.contains("\x1b]0;"));
    }

    #[test]
    fn error_result() {
        let r = DocResult::failed(
            "a/b.pdf",
            "",
            Some(Format::Pdf),
            &DocError::new(ErrorKind::Encrypted, "the PDF is encrypted"),
        );
        assert_eq!(
            render(&r, false),
            "a/b.pdf\n  error encrypted (pdf): the PDF is encrypted\n"
        );
    }

    /// With no gap, an item the document partly rules out still gets its line.
    #[test]
    fn a_partly_ruled_out_item_is_shown_without_gaps() {
        let mut r = sample();
        r.findings.push(f(
            9,
            FindingKind::Clause,
            3,
            "Inspektionen",
            "Inspektionen und Vor-Ort-Kontrollen sind ausgeschlossen.",
            json!({"checklist": "art28_3_h", "excluded": true, "excluded_by": "sind ausgeschlossen"}),
        ));
        for item in &mut r.checklist {
            item.present = true;
            if item.id == "art28_3_h" {
                item.excluded = vec!["f9".into()];
            }
        }
        let out = render(&r, false);
        assert!(out.contains("Checklist gaps: none, all 10 items addressed\n  art28_3_h audits and inspections · addressed, but partly ruled out: \"Inspektionen … sind ausgeschlossen\" (p. 3)\n"), "{out}");
    }

    #[test]
    fn quoted_sentence_is_not_quoted_twice() {
        let fi = f(
            1,
            FindingKind::Transfer,
            1,
            "transfer",
            "\"Sinch may transfer your personal data.\"",
            json!({}),
        );
        assert_eq!(quote(&fi), "\"Sinch may transfer your personal data.\"");
    }

    #[test]
    fn quotes() {
        let long = format!(
            "{} Standardvertragsklauseln {}",
            "a".repeat(100),
            "b".repeat(100)
        );
        let fi = f(
            1,
            FindingKind::Transfer,
            1,
            "Standardvertragsklauseln",
            &long,
            json!({}),
        );
        let q = quote(&fi);
        assert!(q.chars().count() <= QUOTE_CHARS, "{q}");
        assert!(
            q.contains("Standardvertragsklauseln") && q.starts_with("\"…") && q.ends_with("…\""),
            "{q}"
        );
        let fi = f(1, FindingKind::Transfer, 1, "kurz", "", json!({}));
        assert_eq!(quote(&fi), "\"kurz\"");
    }
}

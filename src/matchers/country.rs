//! Country mentions from the gazetteer (`patterns/countries.csv`), with traps removed.
//!
//! Heuristics (each is cheap and looks at most a few words around the mention):
//! - Case: names written with a capital must be capitalised in the text ("turkey" is food),
//!   short all-caps forms ("US", "UK", "USA") must match exactly ("contact us").
//!   German adjectives ("irisch", "amerikanischen") match in any case.
//! - Stop terms (`patterns/country_stoplist.csv`) are longer phrases that win the
//!   leftmost-longest search and produce nothing: "New Jersey", "New Mexico", "Indian Ocean",
//!   "American Express", "Swiss Re", "British Airways".
//! - Georgia the US state: "Georgia" with ", GA", "Atlanta", "USA"/"U.S.", or a ZIP code nearby.
//! - Persons: country names that are also given or family names (Chad, Jordan, Georgia,
//!   India, Israel) directly followed by a capitalised word ("Chad Smith") or directly
//!   preceded by a capitalised word that does not start the sentence ("Michael Jordan").
//! - Company names: a name or adjective at the start of a company name, i.e. followed by
//!   one or two capitalised words and then a legal form ("Irish Life Assurance plc",
//!   "American Express Company") while the word before is not capitalised. A country inside
//!   a brand's name after the brand ("Google Ireland Limited") is kept: it tells the seat.
//! - Negation: a mention is `negated` when a negation cue governs it (see [`super::cues`])
//!   and its sentence talks about a transfer or storage ("Eine Übermittlung in die USA findet
//!   nicht statt").

use serde_json::{Map, Value};

use super::{cues, text, Hit, Scan};
use crate::findings::FindingKind;
use crate::patterns::compile::{CountryForm, RuleCueWords};

/// Names that are also common given or family names.
pub const PERSON_NAMES: [&str; 5] = ["Chad", "Jordan", "Georgia", "India", "Israel"];

/// Legal forms that end a company name (compared without a trailing '.').
pub const LEGAL_FORMS: [&str; 38] = [
    "AG",
    "GmbH",
    "SE",
    "KG",
    "KGaA",
    "OHG",
    "eG",
    "UG",
    "Inc",
    "LLC",
    "LLP",
    "LP",
    "Ltd",
    "Limited",
    "plc",
    "PLC",
    "Corp",
    "Corporation",
    "Company",
    "Co",
    "SA",
    "S.A",
    "SAS",
    "SARL",
    "S.à r.l",
    "BV",
    "B.V",
    "NV",
    "N.V",
    "AB",
    "A/S",
    "ASA",
    "Oy",
    "Oyj",
    "S.p.A",
    "SpA",
    "Srl",
    "Group",
];

/// Whether `w` is a legal form.
pub fn is_legal_form(w: &str) -> bool {
    let w = w.trim_end_matches([',', ';', ')']);
    let w = w.strip_suffix('.').unwrap_or(w);
    LEGAL_FORMS.contains(&w)
}

fn capitalised(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(|c| c.is_uppercase()) && cs.next().is_some_and(|c| c.is_lowercase())
}

/// Up to `n` words after byte `end` when a space follows it (split on spaces and line
/// breaks), in the same paragraph: a blank line ends them ("Sentry USA Fehler- und⏎
/// Performance-Monitoring⏎⏎Stripe Inc." has no legal form after "USA").
fn next_words(s: &str, end: usize, n: usize) -> Vec<&str> {
    let rest = &s[end..text::floor_boundary(s, (end + 80).min(s.len()))];
    let Some(rest) = rest.strip_prefix(' ') else {
        return Vec::new();
    };
    let paragraph = rest.split("\n\n").next().unwrap_or_default();
    paragraph
        .split([' ', '\n'])
        .filter(|w| !w.is_empty())
        .take(n)
        .collect()
}

/// The word right before byte `start` when only one space separates them.
fn prev_word(s: &str, start: usize) -> Option<&str> {
    let head = &s[text::ceil_boundary(s, start.saturating_sub(60))..start];
    let head = head.strip_suffix(' ')?;
    let w = head.rsplit(' ').next()?;
    Some(w)
}

/// Whether the word before `start` ends a sentence or clause (so a capital is expected).
fn starts_sentence(s: &str, start: usize) -> bool {
    match prev_word(s, start) {
        None => true,
        Some(w) => w.ends_with(['.', '!', '?', ':', ';', ',', '(', '"', '„']) || w.is_empty(),
    }
}

/// "Georgia" the US state.
fn is_us_state_georgia(s: &str, start: usize, end: usize) -> bool {
    let after = &s[end..text::floor_boundary(s, (end + 40).min(s.len()))];
    let before = &s[text::ceil_boundary(s, start.saturating_sub(40))..start];
    let zip = after
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 5);
    after.starts_with(", GA")
        || after.starts_with(" GA")
        || zip
        || ["Atlanta", "USA", "U.S.", "United States"]
            .iter()
            .any(|w| after.contains(w) || before.contains(w))
}

/// Whether the mention is a person's name ("Chad Smith", "Michael Jordan").
fn is_person(s: &str, start: usize, end: usize, written: &str) -> bool {
    if !PERSON_NAMES.contains(&written) {
        return false;
    }
    let next = next_words(s, end, 1);
    if next
        .first()
        .is_some_and(|w| capitalised(w) && !is_legal_form(w))
    {
        return true;
    }
    !starts_sentence(s, start) && prev_word(s, start).is_some_and(capitalised)
}

/// Whether the mention starts a company name ("American Express Company", "Swiss Re AG").
fn starts_company_name(s: &str, start: usize, end: usize) -> bool {
    let words = next_words(s, end, 3);
    let Some(first) = words.first() else {
        return false;
    };
    if !(capitalised(first) || first.chars().all(|c| c.is_uppercase())) || is_legal_form(first) {
        return false;
    }
    let before_capital = !starts_sentence(s, start) && prev_word(s, start).is_some_and(capitalised);
    !before_capital && words.iter().skip(1).any(|w| is_legal_form(w))
}

/// The country hit at `start..end` of country `idx`, or `None` when it is a trap.
pub fn hit(
    scan: &Scan,
    start: usize,
    end: usize,
    idx: usize,
    form: CountryForm,
    written: &str,
) -> Option<Hit> {
    let c = &scan.rules.countries[idx];
    let s = scan.text;
    if c.code == "GE" && is_us_state_georgia(s, start, end) {
        return None;
    }
    if is_person(s, start, end, written) || starts_company_name(s, start, end) {
        return None;
    }
    let sent = scan.sentence(start, end);
    // Only a transfer sentence can negate a country; that test is the cheaper one.
    let occ = scan.cue_occurrences();
    let negated = cues::is_transfer_sentence(&scan.low, sent, occ)
        && cues::flags(
            &scan.low,
            (start, end),
            sent,
            &scan.rules.cues,
            &RuleCueWords::default(),
            occ,
        )
        .negated;
    let mut value = Map::new();
    value.insert("code".into(), Value::String(c.code.clone()));
    value.insert("name".into(), Value::String(c.name_en.clone()));
    value.insert(
        "status".into(),
        Value::String(c.status.as_str().to_string()),
    );
    value.insert("negated".into(), Value::Bool(negated));
    let rule = match form {
        CountryForm::Name => "country.name",
        CountryForm::Adjective => "country.adjective",
        CountryForm::Code => "country.code",
    };
    Some(Hit {
        kind: FindingKind::Country,
        rule: rule.to_string(),
        start,
        end,
        value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        let s =
            "Michael Jordan and Chad Smith met Irish Life Assurance plc in Atlanta, Georgia 30301.";
        let j = s.find("Jordan").unwrap();
        assert!(is_person(s, j, j + 6, "Jordan"));
        let c = s.find("Chad").unwrap();
        assert!(is_person(s, c, c + 4, "Chad"));
        let i = s.find("Irish").unwrap();
        assert!(starts_company_name(s, i, i + 5));
        let g = s.find("Georgia").unwrap();
        assert!(is_us_state_georgia(s, g, g + 7));
        let t = "Sitz in Jordan. Google Ireland Limited, Dublin.";
        let j = t.find("Jordan").unwrap();
        assert!(!is_person(t, j, j + 6, "Jordan"));
        let ie = t.find("Ireland").unwrap();
        assert!(!starts_company_name(t, ie, ie + 7));
        assert!(is_legal_form("Inc.,"));
        // A table row's country starts no company name with the legal form of the row
        // after a blank line.
        let rows = "Zapier Inc. USA Automatisierung und\nDatenweiterleitung\n\n\
                    Sentry USA Fehler- und\nPerformance-Monitoring\n\nStripe Inc. USA Zahlung";
        let us = rows.find("Sentry USA").unwrap() + 7;
        assert!(!starts_company_name(rows, us, us + 3));
    }
}

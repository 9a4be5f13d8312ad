//! Provider mentions from the gazetteer (`patterns/providers.csv`).
//!
//! Ambiguous aliases are matched case-sensitively (`case_sensitive = 1`: "Stripe" but not
//! "stripe"), and common words used as brand names also must not start a sentence
//! (`case_sensitive = 2`: "Front", "Adjust"). Short all-caps aliases ("AWS", "GCP") are
//! always exact. "Google" alone is the company (Google LLC), not Google Cloud Platform.

use serde_json::{Map, Value};

use super::{text, Hit, Scan};
use crate::findings::FindingKind;
use crate::patterns::compile::{CaseRule, Term};

/// Whether the text at `start..end` is written as `term` requires.
pub fn case_ok(s: &str, start: usize, end: usize, term: &Term) -> bool {
    let Some(found) = s.get(start..end) else {
        return false;
    };
    match term.case {
        CaseRule::Insensitive => true,
        CaseRule::Capitalized => found.chars().next().is_some_and(|c| c.is_uppercase()),
        CaseRule::Exact => found == term.written,
        CaseRule::ExactNotSentenceStart => {
            found == term.written
                && (!at_sentence_start(s, start) || followed_by_legal_form(s, end))
        }
    }
}

/// Whether a legal form ([`super::country::is_legal_form`]) follows `end` after a space or
/// ", ": a brand that is also a common word names the company even where it starts a
/// sentence or a table row ("Snowflake Inc. | United States"; a Markdown table's row
/// loses its first "|").
fn followed_by_legal_form(s: &str, end: usize) -> bool {
    let rest = s.get(end..).unwrap_or_default();
    let rest = rest.strip_prefix(',').unwrap_or(rest);
    rest.strip_prefix(' ')
        .and_then(|r| r.split_whitespace().next())
        .is_some_and(super::country::is_legal_form)
}

/// Whether `start` begins a sentence or line: only spaces back to '.', '!', '?', a newline or the text start.
fn at_sentence_start(s: &str, start: usize) -> bool {
    let head = s[..start].trim_end_matches(' ');
    head.is_empty() || head.ends_with(['.', '!', '?', '\n', '•', '-', '*'])
}

/// The provider hit of provider `idx` at `start..end`.
pub fn hit(scan: &Scan, start: usize, end: usize, idx: usize) -> Hit {
    let p = &scan.rules.providers[idx];
    let mut value = Map::new();
    value.insert("name".into(), Value::String(p.name.clone()));
    value.insert("company".into(), Value::String(p.company.clone()));
    value.insert("jurisdiction".into(), Value::String(p.jurisdiction.clone()));
    value.insert("category".into(), Value::String(p.category.clone()));
    debug_assert!(text::at_word_bounds(scan.text, start, end));
    Hit {
        kind: FindingKind::Provider,
        rule: "provider.gazetteer".to_string(),
        start,
        end,
        value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patterns::compile::Target;

    #[test]
    fn case_rules() {
        let t = |w: &str, case| Term {
            target: Target::Stop,
            written: w.into(),
            case,
        };
        let s = "Front office. We use Front and stripe.";
        assert!(!case_ok(
            s,
            0,
            5,
            &t("Front", CaseRule::ExactNotSentenceStart)
        ));
        let f = s.rfind("Front").unwrap();
        assert!(case_ok(
            s,
            f,
            f + 5,
            &t("Front", CaseRule::ExactNotSentenceStart)
        ));
        // At a row's start, followed by its legal form, it is the company.
        let row = "Snowflake Inc. | United States\nSnowflake melts.";
        let snow = t("Snowflake", CaseRule::ExactNotSentenceStart);
        assert!(case_ok(row, 0, 9, &snow));
        let melts = row.rfind("Snowflake").unwrap();
        assert!(!case_ok(row, melts, melts + 9, &snow));
        let st = s.find("stripe").unwrap();
        assert!(!case_ok(s, st, st + 6, &t("Stripe", CaseRule::Exact)));
        assert!(case_ok(s, st, st + 6, &t("Stripe", CaseRule::Insensitive)));
    }
}

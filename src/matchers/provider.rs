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

/// Words saying that a product runs on the document owner's own servers (lower case):
/// "Google Fonts (lokales Hosting)", "Die Google Fonts sind lokal installiert".
const SELF_HOSTED: [&str; 14] = [
    "lokal installiert",
    "lokal eingebunden",
    "lokal gehostet",
    "lokales hosting",
    "lokal auf unserem server",
    "selbst gehostet",
    "auf unserem eigenen server",
    "auf unseren eigenen servern",
    "locally hosted",
    "hosted locally",
    "installed locally",
    "self-hosted",
    "on our own server",
    "self hosted",
];

/// How near a mention [`SELF_HOSTED`] words must stand to speak of it, in bytes: right
/// after it ("Google Fonts (lokales Hosting)", "Die Google Fonts sind lokal installiert")
/// or right before it ("self-hosted Matomo").
const SELF_HOSTED_AFTER: usize = 40;
/// See [`SELF_HOSTED_AFTER`].
const SELF_HOSTED_BEFORE: usize = 25;

/// Whether the mention at `start..end` is said to run on the document owner's own
/// servers: [`SELF_HOSTED`] words near it in its sentence, with no list between
/// ("We use Google Analytics and self-hosted Matomo" says it of Matomo only). No data
/// reaches the product's company then.
fn self_hosted(scan: &Scan, start: usize, end: usize) -> bool {
    let Some(words) = self_hosted_words() else {
        return false;
    };
    let low = scan.low.as_str();
    let (from, to) = scan.sentence(start, end);
    let joins = |between: &str| {
        [",", ";", " and ", " und ", " or ", " oder ", " sowie "]
            .iter()
            .any(|j| between.contains(j))
    };
    let after = &low[end..text::floor_boundary(low, to.min(end + SELF_HOSTED_AFTER)).max(end)];
    let before_from = text::ceil_boundary(low, from.max(start.saturating_sub(SELF_HOSTED_BEFORE)));
    let before = &low[before_from.min(start)..start];
    // The nearest words on either side: a join before the first after the mention, or
    // after the last before it, stands before all others too.
    words
        .find(after)
        .is_some_and(|m| !joins(&after[..m.start()]))
        || words
            .find_iter(before)
            .last()
            .is_some_and(|m| !joins(&before[m.end()..]))
}

/// One automaton over [`SELF_HOSTED`], built once (a substring search per word and
/// mention set up a searcher each time: +35 % instructions over ../shared/realworld).
fn self_hosted_words() -> Option<&'static aho_corasick::AhoCorasick> {
    static WORDS: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| aho_corasick::AhoCorasick::new(SELF_HOSTED).ok())
        .as_ref()
}

/// The provider hit of provider `idx` at `start..end`.
pub fn hit(scan: &Scan, start: usize, end: usize, idx: usize) -> Hit {
    let p = &scan.rules.providers[idx];
    let mut value = Map::new();
    value.insert("name".into(), Value::String(p.name.clone()));
    value.insert("company".into(), Value::String(p.company.clone()));
    value.insert("jurisdiction".into(), Value::String(p.jurisdiction.clone()));
    value.insert("category".into(), Value::String(p.category.clone()));
    if self_hosted(scan, start, end) {
        value.insert("self_hosted".into(), Value::Bool(true));
    }
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

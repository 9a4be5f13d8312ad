//! Self-test of the pattern data: every example of every rule runs through the real
//! [`crate::matchers::find`] on a one-paragraph document with the real normalizer
//! (the keyword prefilter included), as `dpascan patterns check` and `tests/patterns.rs` do.

use super::compile::Rules;
use super::syntax::ExampleTable;
use crate::extract::{normalize::normalize, Extracted, RawText};
use crate::findings::Finding;

/// A one-paragraph unpaged document of `text`, normalized the real way.
pub fn paragraph_doc(text: &str) -> Extracted {
    normalize(RawText {
        pages: vec![text.to_string()],
        paged: false,
        ..RawText::default()
    })
}

fn flag(f: &Finding, key: &str) -> Option<bool> {
    f.value.get(key).and_then(|v| v.as_bool())
}

/// Expected flags of an example as (key, value) pairs.
fn expected_flags(ex: &ExampleTable) -> Vec<(&'static str, bool)> {
    let mut v = Vec::new();
    if let Some(b) = ex.negated {
        v.push(("negated", b));
    }
    if let Some(b) = ex.historical {
        v.push(("historical", b));
    }
    if let Some(b) = ex.hypothetical {
        v.push(("hypothetical", b));
    }
    if let Some(b) = ex.heading {
        v.push(("heading", b));
    }
    if let Some(b) = ex.excluded {
        v.push(("excluded", b));
    }
    if let Some(b) = ex.definition {
        v.push(("definition", b));
    }
    v
}

fn flags_match(f: &Finding, want: &[(&str, bool)]) -> bool {
    want.iter().all(|(k, b)| flag(f, k) == Some(*b))
}

/// Runs every example and negative example; returns one line per failure, e.g.
/// `transfer.scc: example 1 did not match: "…"`.
pub fn check_examples(rules: &Rules) -> Vec<String> {
    let mut failures = Vec::new();
    for r in &rules.rules {
        for (i, ex) in r.examples.iter().enumerate() {
            let doc = paragraph_doc(&ex.text);
            let all = crate::matchers::find(&doc, rules, None);
            let mine: Vec<&Finding> = all.iter().filter(|f| f.rule == r.id).collect();
            let want = expected_flags(ex);
            if mine.is_empty() {
                failures.push(format!(
                    "{}: example {i} did not match: {:?}",
                    r.id, ex.text
                ));
                continue;
            }
            let with_hit: Vec<&&Finding> = mine
                .iter()
                .filter(|f| ex.hit.as_ref().is_none_or(|h| *h == f.text))
                .collect();
            if with_hit.is_empty() {
                let got: Vec<&str> = mine.iter().map(|f| f.text.as_str()).collect();
                failures.push(format!(
                    "{}: example {i} matched {got:?}, expected the hit {:?}: {:?}",
                    r.id,
                    ex.hit.as_deref().unwrap_or_default(),
                    ex.text
                ));
                continue;
            }
            if !with_hit.iter().any(|f| flags_match(f, &want)) {
                let got: Vec<String> = with_hit.iter().map(|f| f.value.to_string()).collect();
                failures.push(format!(
                    "{}: example {i} matched without the flags {want:?} (got {got:?}): {:?}",
                    r.id, ex.text
                ));
            }
        }
        for (i, ex) in r.negative_examples.iter().enumerate() {
            let doc = paragraph_doc(&ex.text);
            let all = crate::matchers::find(&doc, rules, None);
            let want = expected_flags(ex);
            for f in all.iter().filter(|f| f.rule == r.id) {
                if want.is_empty() {
                    failures.push(format!(
                        "{}: negative example {i} matched {:?} at {}..{}: {:?}",
                        r.id, f.text, f.start, f.end, ex.text
                    ));
                } else if !flags_match(f, &want) {
                    failures.push(format!(
                        "{}: negative example {i} matched {:?} at {}..{} without the flags {want:?} (value {}): {:?}",
                        r.id, f.text, f.start, f.end, f.value, ex.text
                    ));
                }
            }
        }
    }
    failures
}

/// The text report of `dpascan patterns check`.
pub fn report(rules: &Rules, failures: &[String]) -> String {
    let examples: usize = rules
        .rules
        .iter()
        .map(|r| r.examples.len() + r.negative_examples.len())
        .sum();
    let mut out = format!(
        "{} rules in {} files, {} examples; {} countries, {} adequacy decisions, {} providers, {} cloud regions\n",
        rules.rules.len(),
        rules.files.len(),
        examples,
        rules.countries.len(),
        rules.adequacy.len(),
        rules.providers.len(),
        rules.regions.len()
    );
    for f in failures {
        out.push_str(f);
        out.push('\n');
    }
    if failures.is_empty() {
        out.push_str("all examples pass\n");
    } else {
        out.push_str(&format!("{} failures\n", failures.len()));
    }
    out
}

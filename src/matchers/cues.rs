//! Negation, history and hypothesis detection (see `patterns/cues.toml`).
//!
//! Heuristics, all on the lower-cased text and bounded to one sentence:
//! - "before" cues count when they occur in the same clause before the match. The clause
//!   starts after the last `;` and after the last clause-break word ("but", "aber",
//!   "sondern", "außer", "except"), so "not in the EU but in the USA" does not negate "USA".
//! - "after" cues count when they occur between the match and the end of the sentence
//!   (at most [`AFTER_REACH`] bytes, stopping at `;`): "Eine Übermittlung in die USA findet nicht statt".
//! - A negation cue inside a history cue ("no longer", "nicht mehr") does not count as a negation.
//! - Cues are whole words: the chars around them must not be letters or digits.

use crate::patterns::compile::{CueList, Cues, RuleCueWords};

/// Most bytes after the match in which "after" cues are looked for.
pub const AFTER_REACH: usize = 120;

/// Most bytes before the match in which "before" cues are looked for.
pub const BEFORE_REACH: usize = 250;

/// The cue flags of one match.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CueFlags {
    /// Inside a negation.
    pub negated: bool,
    /// Mentioned as past or invalidated.
    pub historical: bool,
    /// Conditional or planned.
    pub hypothetical: bool,
}

/// Whether the occurrence `start..end` of `cue` in `window` stands as whole words.
fn whole_word(window: &str, start: usize, end: usize, cue: &str) -> bool {
    let first_word = cue.chars().next().is_some_and(super::text::is_word_char);
    let last_word = cue
        .chars()
        .next_back()
        .is_some_and(super::text::is_word_char);
    let before_ok = !first_word
        || !super::text::char_before(window, start).is_some_and(super::text::is_word_char);
    let after_ok =
        !last_word || !super::text::char_at(window, end).is_some_and(super::text::is_word_char);
    before_ok && after_ok
}

/// Spans of whole-word occurrences of any cue of `list` in `window` (one automaton pass).
pub fn cue_spans(window: &str, list: &CueList) -> Vec<(usize, usize)> {
    list.ac
        .find_overlapping_iter(window)
        .filter(|m| {
            whole_word(
                window,
                m.start(),
                m.end(),
                &list.words[m.pattern().as_usize()],
            )
        })
        .map(|m| (m.start(), m.end()))
        .collect()
}

/// Spans of whole-word occurrences of any of `cues` in `window` (small rule-specific lists).
pub fn word_spans(window: &str, cues: &[String]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for c in cues {
        for (i, _) in window.match_indices(c.as_str()) {
            if whole_word(window, i, i + c.len(), c) {
                out.push((i, i + c.len()));
            }
        }
    }
    out
}

/// Start of the clause that ends at `start`, within `sent_start..start` of the lower-cased text.
pub fn clause_start(low: &str, sent_start: usize, start: usize, cues: &Cues) -> usize {
    let from = super::text::ceil_boundary(low, sent_start.max(start.saturating_sub(BEFORE_REACH)));
    let window = &low[from..start];
    let mut cut = window.rfind(';').map(|i| i + 1).unwrap_or(0);
    for (_, e) in cue_spans(window, &cues.clause_breaks) {
        cut = cut.max(e);
    }
    from + cut
}

/// End of the "after" window of a match ending at `end`.
pub fn after_end(low: &str, end: usize, sent_end: usize) -> usize {
    let limit = super::text::floor_boundary(low, sent_end.min(end + AFTER_REACH)).max(end);
    match low[end..limit].find(';') {
        Some(i) => end + i,
        None => limit,
    }
}

/// Computes the flags of the match `start..end` in the lower-cased text `low`,
/// whose sentence is `sent`.
pub fn flags(
    low: &str,
    start: usize,
    end: usize,
    sent: (usize, usize),
    cues: &Cues,
    extra: &RuleCueWords,
) -> CueFlags {
    let cstart = clause_start(low, sent.0, start, cues);
    let before = &low[cstart..start];
    let aend = after_end(low, end, sent.1);
    let after = &low[end..aend];
    let sentence = &low[super::text::ceil_boundary(low, sent.0.min(start))
        ..super::text::floor_boundary(low, sent.1.max(end))];

    let hist_before = cue_spans(before, &cues.historical_before);
    let hist_after = cue_spans(after, &cues.historical_after);
    let historical = !hist_before.is_empty()
        || !hist_after.is_empty()
        || !word_spans(sentence, &extra.historical).is_empty();

    let inside = |spans: &[(usize, usize)], (a, z): (usize, usize)| {
        spans.iter().any(|&(s, e)| s <= a && z <= e)
    };
    let mut neg_before: Vec<(usize, usize)> = cue_spans(before, &cues.negation_before);
    neg_before.extend(word_spans(before, &extra.negated));
    let neg_after = cue_spans(after, &cues.negation_after);
    let other_before = cue_spans(before, &cues.not_negating);
    let other_after = cue_spans(after, &cues.not_negating);
    let negated = neg_before
        .iter()
        .any(|&s| !inside(&hist_before, s) && !inside(&other_before, s))
        || neg_after
            .iter()
            .any(|&s| !inside(&hist_after, s) && !inside(&other_after, s));

    let hypothetical = !cue_spans(before, &cues.hypothetical_before).is_empty()
        || !word_spans(before, &extra.hypothetical).is_empty()
        || !cue_spans(after, &cues.hypothetical_after).is_empty();
    CueFlags {
        negated,
        historical,
        hypothetical,
    }
}

/// Whether the sentence `sent` of the lower-cased text talks about transfers or storage.
pub fn is_transfer_sentence(low: &str, sent: (usize, usize), cues: &Cues) -> bool {
    let a = super::text::ceil_boundary(low, sent.0);
    let z = super::text::floor_boundary(low, sent.1).max(a);
    let s = &low[a..z];
    // Prefix match on purpose: "übermitt" covers übermittelt, Übermittlung, …
    cues.transfer_words.ac.is_match(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues() -> Cues {
        let l = |v: &[&str]| CueList::new(v.iter().map(|s| s.to_string()).collect()).unwrap();
        Cues {
            negation_before: l(&["not", "no", "keine", "nicht"]),
            negation_after: l(&["findet nicht statt", "nicht"]),
            historical_before: l(&["no longer", "nicht mehr"]),
            historical_after: l(&[]),
            hypothetical_before: l(&["if", "sofern"]),
            hypothetical_after: l(&[]),
            clause_breaks: l(&["but", "aber"]),
            transfer_words: l(&["übermitt", "transfer"]),
            not_negating: l(&["do not ensure an adequate"]),
        }
    }

    fn run(text: &str, needle: &str) -> CueFlags {
        let low = crate::matchers::text::lower_preserving(text);
        let s = low
            .find(&crate::matchers::text::lower_preserving(needle))
            .unwrap();
        flags(
            &low,
            s,
            s + needle.len(),
            (0, low.len()),
            &cues(),
            &RuleCueWords::default(),
        )
    }

    #[test]
    fn table() {
        let n = CueFlags {
            negated: true,
            ..CueFlags::default()
        };
        let h = CueFlags {
            historical: true,
            ..CueFlags::default()
        };
        let y = CueFlags {
            hypothetical: true,
            ..CueFlags::default()
        };
        let none = CueFlags::default();
        for (text, needle, want) in [
            ("We do not use the Privacy Shield", "Privacy Shield", n),
            ("We no longer use the Privacy Shield", "Privacy Shield", h),
            ("Eine Übermittlung in die USA findet nicht statt", "USA", n),
            ("Not in the EU but in the USA", "USA", none),
            ("Nothing here: the USA", "USA", none),
            ("Sofern wir Daten in die USA übermitteln", "USA", y),
            ("Verifiable notes; USA", "USA", none),
            (
                "transfers to countries which do not ensure an adequate level of protection, approved by Decision 2010/87/EU",
                "2010/87/EU",
                none,
            ),
            ("We do not ensure that the SCCs apply", "SCCs", n),
        ] {
            assert_eq!(run(text, needle), want, "{text}");
        }
    }
}

//! Negation, history and hypothesis detection (see `patterns/cues.toml`).
//!
//! Heuristics, all on the lower-cased text and bounded to one sentence:
//! - "before" cues count when they occur in the same clause before the match. The clause
//!   starts after the last `;` and after the last clause-break word ("but", "aber",
//!   "sondern", "außer", "except"), so "not in the EU but in the USA" does not negate "USA".
//! - "after" cues count when they occur between the match and the end of the sentence
//!   (at most [`AFTER_REACH`] bytes, not counting a relative clause set off by commas,
//!   stopping at `;`): "Eine Übermittlung in die USA findet nicht statt".
//! - A place conceded and then denied ("X also runs data centres in A and B, but none of our
//!   servers are located there") is negated.
//! - A negation cue inside a history cue ("no longer", "nicht mehr") does not count as a negation.
//! - Cues are whole words: the chars around them must not be letters or digits.

use crate::patterns::compile::{CueSet, Cues, RuleCueWords};

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
    /// Ruled out: the clause excludes the obligation the match names ("Vor-Ort-Inspektionen
    /// … sind nicht vorgesehen").
    pub excluded: bool,
    /// Where the first exclusion cue stands (byte offsets of the text), when `excluded`.
    pub exclusion_cue: Option<(usize, usize)>,
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

/// Spans of whole-word occurrences of any of `cues` in `window` (small rule-specific lists).
/// The windows are a sentence or less: each cue is looked for at the occurrences of its
/// first byte (memchr), which costs less than setting up a substring searcher per cue.
pub fn word_spans<S: AsRef<str>>(window: &str, cues: &[S]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let hay = window.as_bytes();
    for c in cues {
        let c = c.as_ref();
        let Some(&first) = c.as_bytes().first() else {
            continue;
        };
        for i in memchr::memchr_iter(first, hay) {
            if hay[i..].starts_with(c.as_bytes()) && whole_word(window, i, i + c.len(), c) {
                out.push((i, i + c.len()));
            }
        }
    }
    out
}

/// End of the "after" window of a match ending at `end`: [`AFTER_REACH`] bytes, not
/// counting a relative clause set off by commas in them.
pub fn after_end(low: &str, end: usize, sent_end: usize) -> usize {
    let mut limit = super::text::floor_boundary(low, sent_end.min(end + AFTER_REACH)).max(end);
    if limit < sent_end {
        if let Some((open, close)) = relative_clause(&low[end..limit], &low[end..sent_end]) {
            limit = super::text::floor_boundary(low, sent_end.min(limit + close - open)).max(end);
        }
    }
    match low[end..limit].find(';') {
        Some(i) => end + i,
        None => limit,
    }
}

/// Words that open a relative clause after a comma (lower case), alone or after a
/// preposition: "Eine Verarbeitung in den USA oder in sonstigen Drittländern, für die kein
/// Angemessenheitsbeschluss … besteht, findet nicht statt".
const RELATIVE_PRONOUNS: [&str; 14] = [
    "die", "der", "das", "denen", "dem", "den", "deren", "dessen", "welche", "welcher", "welches",
    "which", "whom", "whose",
];

/// Prepositions that may stand before a relative pronoun (lower case).
const RELATIVE_PREPOSITIONS: [&str; 20] = [
    "für", "in", "an", "auf", "mit", "bei", "aus", "von", "zu", "nach", "über", "unter", "for",
    "to", "with", "from", "by", "on", "at", "of",
];

/// Most bytes of a relative clause that [`after_end`] does not count.
const RELATIVE_CLAUSE_BYTES: usize = 200;

/// The first relative clause set off by commas that opens in `window` (the lower-cased
/// text after a match) and closes in `sentence` (the rest of its sentence, which starts
/// as `window` does): the offsets of its opening and closing commas.
fn relative_clause(window: &str, sentence: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(k) = window[from..].find(", ") {
        let open = from + k;
        from = open + 2;
        let mut words = super::text::words(&sentence[from..]);
        let first = words.next().unwrap_or_default();
        let pronoun = RELATIVE_PRONOUNS.contains(&first)
            || (RELATIVE_PREPOSITIONS.contains(&first)
                && words.next().is_some_and(|w| RELATIVE_PRONOUNS.contains(&w)));
        if !pronoun {
            continue;
        }
        let reach = super::text::floor_boundary(
            sentence,
            (from + RELATIVE_CLAUSE_BYTES).min(sentence.len()),
        );
        return sentence[from..reach].find(',').map(|c| (open, from + c));
    }
    None
}

/// Where the cue words occur in a lower-cased text, each list in the order of the
/// occurrences' ends (overlapping occurrences included): found in the one keyword pass
/// ([`super::rules::automaton_pass`], the words are patterns of the keyword automaton) or
/// by [`CueOccurrences::scan`]. Both give the same occurrences.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CueOccurrences {
    /// `(start, end, word)` of the words of [`Cues::combined`] (`word` indexes
    /// [`CueSet::words`](crate::patterns::compile::CueSet::words)).
    pub cues: Vec<(usize, usize, u32)>,
    /// `(start, end)` of the transfer words ([`CueLists::transfer_words`]).
    ///
    /// [`CueLists::transfer_words`]: crate::patterns::compile::CueLists::transfer_words
    pub transfer: Vec<(usize, usize)>,
}

impl CueOccurrences {
    /// The occurrences in `low`, found by the cue lists' own automata over the whole text.
    pub fn scan(low: &str, cues: &Cues) -> CueOccurrences {
        let occ = |ac: &aho_corasick::AhoCorasick| {
            ac.find_overlapping_iter(low)
                .map(|m| (m.start(), m.end(), m.pattern().as_u32()))
                .collect::<Vec<_>>()
        };
        CueOccurrences {
            cues: occ(&cues.combined.ac),
            transfer: occ(&cues.lists.transfer_words.ac)
                .into_iter()
                .map(|(s, e, _)| (s, e))
                .collect(),
        }
    }
}

/// The occurrences in `list` (in the order of their ends) that lie inside `a..z`.
fn inside<T: Copy>(
    list: &[T],
    span: fn(T) -> (usize, usize),
    (a, z): (usize, usize),
) -> impl Iterator<Item = T> + '_ {
    // An occurrence ending at or before `a` cannot start at `a` or later (none is empty).
    let first = list.partition_point(|&o| span(o).1 <= a);
    list[first..]
        .iter()
        .copied()
        .take_while(move |&o| span(o).1 <= z)
        .filter(move |&o| span(o).0 >= a)
}

/// Computes the flags of the match `start..end` in the lower-cased text `low`,
/// whose sentence is `sent`; `occ` holds the cue words' occurrences in `low`.
///
/// The occurrences of [`Cues::combined`] in the clause window before the match and the
/// window after it are the cues of every list; each list's cues are then the occurrences
/// lying in its window, as whole words there.
pub fn flags(
    low: &str,
    (start, end): (usize, usize),
    sent: (usize, usize),
    cues: &Cues,
    extra: &RuleCueWords,
    occ: &CueOccurrences,
) -> CueFlags {
    let reach = reach(low, start, end, sent);
    flags_within(low, (start, end), sent, reach, cues, extra, occ)
}

/// Most bytes after a match in which "after" cues of an exclusion are looked for (within
/// its sentence and clause): more than [`AFTER_REACH`], as German puts the verb last.
pub const EXCLUSION_AFTER_REACH: usize = 280;

/// End of the window after a match ending at `end` in which "after" cues of an exclusion
/// are looked for: as [`after_end`], with [`EXCLUSION_AFTER_REACH`], and no shorter than
/// `aend` (the "after" window's end). An exclusion may close a long German sentence
/// ("Kontrollen, Inspektionen und Audits durch den Auftraggeber oder einen von diesem
/// beauftragten Prüfer – gleich ob vor Ort oder aus der Ferne – ausgeschlossen sind").
fn exclusion_end(low: &str, end: usize, sent_end: usize, aend: usize) -> usize {
    let limit =
        super::text::floor_boundary(low, sent_end.min(end + EXCLUSION_AFTER_REACH)).max(end);
    let z = low[end..limit].find(';').map_or(limit, |i| end + i);
    z.max(aend)
}

/// Whether the sentence `intro` that introduces a list (up to its colon) sets a
/// condition on the list's items: a "before" cue of hypothesis in its last clause, as
/// [`flags`] would see it before a match at the colon ("If the services are provided
/// outside the EU, … at least one of the following conditions is met:").
pub fn conditional_intro(
    low: &str,
    intro: (usize, usize),
    cues: &Cues,
    extra: &RuleCueWords,
    occ: &CueOccurrences,
) -> bool {
    let a = super::text::ceil_boundary(low, intro.0);
    let z = super::text::floor_boundary(low, intro.1).max(a);
    flags_within(low, (z, z), (a, z), (a, z), cues, extra, occ).hypothetical
}

/// [`flags`] with the cues looked for in `from..aend` ([`reach`] for a match).
fn flags_within(
    low: &str,
    (start, end): (usize, usize),
    sent: (usize, usize),
    (from, aend): (usize, usize),
    cues: &Cues,
    extra: &RuleCueWords,
    occ: &CueOccurrences,
) -> CueFlags {
    let set = &cues.combined;
    let wide = exclusion_end(low, end, sent.1, aend);
    let found: Vec<(usize, usize, u32)> = inside(&occ.cues, |o| (o.0, o.1), (from, wide)).collect();
    let spans = |bits: u16, (a, z): (usize, usize)| -> Vec<(usize, usize)> {
        found
            .iter()
            .filter(|&&(s, e, p)| {
                set.lists[p as usize] & bits != 0
                    && a <= s
                    && e <= z
                    && whole_word(&low[a..z], s - a, e - a, &set.words[p as usize])
            })
            .map(|&(s, e, _)| (s, e))
            .collect()
    };
    flags_from_spans(low, (start, end), sent, (from, aend), extra, spans)
}

/// Where cues are looked for around the match `start..end`: from the start of the clause
/// window (at most [`BEFORE_REACH`] bytes back, not before the sentence) to the end of the
/// after window ([`after_end`]).
fn reach(low: &str, start: usize, end: usize, sent: (usize, usize)) -> (usize, usize) {
    let from = super::text::ceil_boundary(low, sent.0.max(start.saturating_sub(BEFORE_REACH)));
    (from, after_end(low, end, sent.1))
}

/// The flags of the match `m`, given `spans(list, (a, z))`: the whole-word occurrences
/// (absolute offsets) of the cues of `list` (a `CueSet` bit) lying in `a..z`, judged at
/// that window's edges. `(from, aend)` is [`reach`].
///
/// The clause starts after the last ';' and the last clause break between `from` and the
/// match; "before" cues count in the clause, "after" cues between the match and `aend`.
fn flags_from_spans(
    low: &str,
    (start, end): (usize, usize),
    sent: (usize, usize),
    (from, aend): (usize, usize),
    extra: &RuleCueWords,
    spans: impl Fn(u16, (usize, usize)) -> Vec<(usize, usize)>,
) -> CueFlags {
    let mut cstart = low[from..start].rfind(';').map_or(from, |i| from + i + 1);
    // A break word inside a negation ("instead" of "instead of") breaks no clause.
    let breaks = spans(CueSet::CLAUSE_BREAK, (from, start));
    if !breaks.is_empty() {
        let negations = spans(CueSet::NEGATION_BEFORE, (from, start));
        for (s, e) in breaks {
            if !negations.iter().any(|&(a, z)| a <= s && e <= z) {
                cstart = cstart.max(e);
            }
        }
    }
    let (before, after) = ((cstart, start), (end, aend));
    let before_text = &low[cstart..start];
    let sentence = &low[super::text::ceil_boundary(low, sent.0.min(start))
        ..super::text::floor_boundary(low, sent.1.max(end))];

    let hist_before = spans(CueSet::HISTORICAL_BEFORE, before);
    let hist_after = spans(CueSet::HISTORICAL_AFTER, after);
    let historical = !hist_before.is_empty()
        || !hist_after.is_empty()
        || !word_spans(sentence, &extra.historical).is_empty();

    let inside = |spans: &[(usize, usize)], (a, z): (usize, usize)| {
        spans.iter().any(|&(s, e)| s <= a && z <= e)
    };
    // "Where the Data Privacy Framework does not apply, we use the Standard Contractual
    // Clauses": a negation inside a condition that opens the clause is the condition's.
    let neg_from = fronted_condition_end(low, cstart, start, &spans).unwrap_or(cstart);
    let mut neg_before = spans(CueSet::NEGATION_BEFORE, (neg_from, start));
    neg_before.extend(
        word_spans(before_text, &extra.negated)
            .into_iter()
            .map(|(s, e)| (cstart + s, cstart + e))
            .filter(|&(s, _)| s >= neg_from),
    );
    let mut neg_after = spans(CueSet::NEGATION_AFTER, after);
    neg_after.extend(
        word_spans(&low[end..aend], &extra.negated_after)
            .into_iter()
            .map(|(s, e)| (end + s, end + e)),
    );
    let other_before = spans(CueSet::NOT_NEGATING, before);
    let other_after = spans(CueSet::NOT_NEGATING, after);
    // "übermittelt keine Daten in die USA": a rule's own cue between the match's words.
    let negated_inside = || {
        let other_inside = spans(CueSet::NOT_NEGATING, (start, end));
        word_spans(&low[start..end], &extra.negated_inside)
            .into_iter()
            .any(|(s, e)| !inside(&other_inside, (start + s, start + e)))
    };
    let negated = neg_before
        .iter()
        .any(|&s| !inside(&hist_before, s) && !inside(&other_before, s))
        || neg_after
            .iter()
            .any(|&s| !inside(&hist_after, s) && !inside(&other_after, s))
        || (!extra.negated_inside.is_empty() && negated_inside())
        || conceded_and_denied(low, before_text, (end, aend), sent.1, &spans);

    let hypothetical = !spans(CueSet::HYPOTHETICAL_BEFORE, before).is_empty()
        || !word_spans(before_text, &extra.hypothetical).is_empty()
        || !spans(CueSet::HYPOTHETICAL_AFTER, after).is_empty()
        || !word_spans(&low[end..aend], &extra.hypothetical_after).is_empty()
        // "There are no other transfers to countries outside the EU/EEA": the rest.
        || !word_spans(&low[start..end], &extra.hypothetical_inside).is_empty();
    // Unlike a negation, an exclusion is read from its own, narrower lists: "ohne" or "not"
    // before an obligation ("without undue delay", "shall not refuse") keeps it.
    let exclusion_after = (end, exclusion_end(low, end, sent.1, aend));
    let exclusion_cue = spans(CueSet::EXCLUSION_BEFORE, before)
        .into_iter()
        .chain(spans(CueSet::EXCLUSION_AFTER, exclusion_after))
        .next();
    CueFlags {
        negated,
        historical,
        hypothetical,
        excluded: exclusion_cue.is_some(),
        exclusion_cue,
    }
}

/// Words before a match in its clause that concede it ("Hetzner also runs data centres
/// in …", "Der Anbieter betreibt zwar auch Rechenzentren in …").
const CONCESSION_WORDS: [&str; 6] = ["also", "auch", "zwar", "although", "though", "obwohl"];

/// Words that refer back to the places named before them (lower case).
const BACK_TO_PLACES: [&str; 7] = [
    "there",
    "dort",
    "dorthin",
    "these locations",
    "those locations",
    "diese standorte",
    "diesen standorten",
];

/// Most bytes after the clause break in which [`conceded_and_denied`] reads its denial.
const DENIAL_AFTER_BREAK: usize = 120;

/// Whether the match is conceded and then denied: a concession word before it in its
/// clause ([`CONCESSION_WORDS`], `before`), and after it, in its sentence, a clause break
/// followed by a negation and a word that refers back to the places
/// ([`BACK_TO_PLACES`]): "Hetzner also runs data centres in Ashburn (Virginia, USA) … and
/// Singapore, but none of our servers or backups are located there". Without the
/// concession ("Support staff in India access the data remotely, but no data is stored
/// there") the match stands.
fn conceded_and_denied(
    low: &str,
    before: &str,
    (end, aend): (usize, usize),
    sent_end: usize,
    spans: &impl Fn(u16, (usize, usize)) -> Vec<(usize, usize)>,
) -> bool {
    let Some(&(_, brk)) = spans(CueSet::CLAUSE_BREAK, (end, aend)).first() else {
        return false;
    };
    if word_spans(before, &CONCESSION_WORDS).is_empty() {
        return false;
    }
    let z = super::text::floor_boundary(low, sent_end.min(brk + DENIAL_AFTER_BREAK)).max(brk);
    let Some(&(_, neg)) = spans(CueSet::NEGATION_BEFORE, (brk, z)).first() else {
        return false;
    };
    !word_spans(&low[neg..z], &BACK_TO_PLACES).is_empty()
}

/// The end of the comma that closes a condition opening the clause `cstart..start`
/// ("where …, we", "soweit …, nutzen wir"): a condition opener ([`CueSet::CONDITION_OPENER`])
/// as the clause's first words (after list numbers and markup), and the last comma between
/// it and the match. `None` without such an opener or comma.
fn fronted_condition_end(
    low: &str,
    cstart: usize,
    start: usize,
    spans: &impl Fn(u16, (usize, usize)) -> Vec<(usize, usize)>,
) -> Option<usize> {
    let lead = low[cstart..start]
        .find(|c: char| c.is_alphabetic())
        .map(|k| cstart + k)?;
    // "9.3 Where …", "(b) where …", "- Soweit …": only numbers and markup before it.
    let (_, opener_end) = spans(CueSet::CONDITION_OPENER, (lead, start))
        .into_iter()
        .find(|&(s, _)| s == lead || (s - lead <= 4 && low[lead..s].trim_end().ends_with(')')))?;
    low[opener_end..start]
        .rfind(',')
        .map(|k| opener_end + k + 1)
}

/// Whether the sentence `sent` of the lower-cased text talks about transfers or storage:
/// a transfer word occurs in it (`occ`, the cue occurrences in `low`).
pub fn is_transfer_sentence(low: &str, sent: (usize, usize), occ: &CueOccurrences) -> bool {
    let a = super::text::ceil_boundary(low, sent.0);
    let z = super::text::floor_boundary(low, sent.1).max(a);
    // Prefix match on purpose: "übermitt" covers übermittelt, Übermittlung, …
    inside(&occ.transfer, |o| o, (a, z)).next().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patterns::compile::CueList;
    use aho_corasick::AhoCorasick;

    /// Each combined list (its bit, its own automaton, its words).
    type ListAutomata<'a> = Vec<(u16, AhoCorasick, &'a [String])>;

    /// [`flags`] with each list's window scanned by that list's own automaton (as before
    /// the lists were combined): the reference for the combined scan.
    fn flags_by_list(
        low: &str,
        m: (usize, usize),
        sent: (usize, usize),
        lists: &ListAutomata,
        extra: &RuleCueWords,
    ) -> CueFlags {
        let spans = |bits: u16, (a, z): (usize, usize)| -> Vec<(usize, usize)> {
            let window = &low[a..z];
            let mut out = Vec::new();
            for (_, ac, words) in lists.iter().filter(|l| l.0 & bits != 0) {
                for o in ac.find_overlapping_iter(window) {
                    let (s, e) = (o.start(), o.end());
                    if whole_word(window, s, e, &words[o.pattern().as_usize()]) {
                        out.push((a + s, a + e));
                    }
                }
            }
            out
        };
        let reach = reach(low, m.0, m.1, sent);
        flags_from_spans(low, m, sent, reach, extra, spans)
    }

    fn cues() -> Cues {
        let l = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let transfer_words = CueList::new(l(&["übermitt", "transfer"])).unwrap();
        Cues::new(crate::patterns::compile::CueLists {
            negation_before: l(&["not", "no", "keine", "nicht"]),
            negation_after: l(&["findet nicht statt", "nicht"]),
            historical_before: l(&["no longer", "nicht mehr"]),
            historical_after: l(&[]),
            hypothetical_before: l(&["if", "sofern"]),
            hypothetical_after: l(&[]),
            clause_breaks: l(&["but", "aber"]),
            condition_openers: l(&["where", "soweit"]),
            exclusion_before: l(&["no right to"]),
            exclusion_after: l(&["nicht vorgesehen"]),
            change_log_titles: l(&[]),
            switched_off: l(&[]),
            transfer_words,
            not_negating: l(&["do not ensure an adequate"]),
        })
        .unwrap()
    }

    fn run(text: &str, needle: &str) -> CueFlags {
        let low = crate::matchers::text::lower_preserving(text);
        let s = low
            .find(&crate::matchers::text::lower_preserving(needle))
            .unwrap();
        let cues = cues();
        let occ = CueOccurrences::scan(&low, &cues);
        flags(
            &low,
            (s, s + needle.len()),
            (0, low.len()),
            &cues,
            &RuleCueWords::default(),
            &occ,
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
            // A negation inside a condition that opens the clause is the condition's.
            ("Where the DPF does not apply, we use the SCCs", "SCCs", none),
            ("9.3 Where the DPF does not apply, we use the SCCs", "SCCs", none),
            ("Soweit keine Zertifizierung besteht, gelten die SCCs", "SCCs", none),
            ("Where data leaves the EEA, we do not use the SCCs", "SCCs", n),
            ("Where we do not use the SCCs", "SCCs", n),
            ("We do not, where possible, use the SCCs", "SCCs", n),
            // An exclusion has lists of its own; a negation alone excludes nothing.
            (
                "Customer has no right to audits",
                "audits",
                CueFlags {
                    negated: true,
                    excluded: true,
                    exclusion_cue: Some((13, 24)),
                    ..none
                },
            ),
            (
                "Inspektionen sind nicht vorgesehen",
                "Inspektionen",
                CueFlags {
                    negated: true,
                    excluded: true,
                    exclusion_cue: Some((18, 34)),
                    ..none
                },
            ),
            ("Inspektionen nicht behindern", "Inspektionen", n),
        ] {
            assert_eq!(run(text, needle), want, "{text}");
        }
    }

    /// The one combined scan finds, per list and window, what that list's own automaton
    /// finds there: the flags agree at every word of the corpus documents and the rule
    /// examples (with the real cue lists and each rule's extra cues), and with windows cut
    /// by ';' and clause breaks.
    #[test]
    fn one_scan_is_the_per_list_scans() {
        let rules = crate::patterns::Rules::embedded().unwrap();
        let mut texts: Vec<String> = crate::matchers::snapshot::corpus_docs()
            .into_iter()
            .map(|(_, doc)| doc.text)
            .collect();
        for r in &rules.rules {
            for e in r.examples.iter().chain(&r.negative_examples) {
                texts.push(e.text.clone());
            }
        }
        texts.push("We do not, but no longer; if not in the USA, nicht mehr; sofern keine Übermittlung in die USA findet nicht statt".into());
        let extras: Vec<&RuleCueWords> = rules.rules.iter().map(|r| &r.extra_cues).collect();
        let lists: ListAutomata = rules
            .cues
            .lists
            .combined()
            .into_iter()
            .map(|(words, bit)| {
                let ac = AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::Standard)
                    .build(words)
                    .unwrap();
                (bit, ac, words)
            })
            .collect();
        let (mut checked, mut flagged) = (0, 0);
        for (n, text) in texts.iter().enumerate() {
            let low = crate::matchers::text::lower_preserving(text);
            let sentences = crate::matchers::text::SentenceIndex::new(text);
            let occ = CueOccurrences::scan(&low, &rules.cues);
            let words = low
                .match_indices(|c: char| c.is_alphanumeric())
                .map(|(i, _)| i);
            let starts: Vec<usize> = words
                .filter(|&i| i == 0 || !low[..i].ends_with(|c: char| c.is_alphanumeric()))
                .collect();
            for (k, &start) in starts.iter().enumerate() {
                let end = starts.get(k + 1).map_or(low.len(), |&e| e.min(start + 12));
                let end = crate::matchers::text::floor_boundary(&low, end).max(start);
                let sent = (
                    sentences.start(text, start),
                    sentences.end(text, end).max(end),
                );
                let extra = extras[(n + k) % extras.len()];
                let want = flags_by_list(&low, (start, end), sent, &lists, extra);
                let got = flags(&low, (start, end), sent, &rules.cues, extra, &occ);
                assert_eq!(
                    got,
                    want,
                    "{:?} in {:?}",
                    &text[start..end],
                    &text[sent.0..sent.1]
                );
                checked += 1;
                flagged += usize::from(want != CueFlags::default());
            }
        }
        assert!(
            checked > 10_000 && flagged > 500,
            "{checked} checked, {flagged} flagged"
        );
    }
}

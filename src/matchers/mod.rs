//! Stage 2: normalized text + rules → findings.
//!
//! One lower-cased copy of the text is made (length-preserving, so offsets agree), then one
//! overlapping Aho-Corasick pass ([`rules::automaton_pass`]) finds the rules' keywords and
//! required prefixes and the gazetteer terms:
//! 1. regex rules ([`rules`]): a rule's regex runs only in windows of ±[`KEYWORD_WINDOW`]
//!    bytes around its keywords (rules without keywords run over the whole text);
//! 2. gazetteers: leftmost-longest over the term occurrences at word starts: countries
//!    ([`country`]), country stop terms, providers ([`provider`]) and cloud region codes
//!    ([`location`]).
//!
//! Each hit becomes a [`Finding`] with its page, sentence context and value; findings are
//! sorted by (start, end, rule), deduplicated and numbered f1…fn. The work is linear in the
//! text length: sentence bounds come from a [`text::SentenceIndex`] built in one pass, and
//! every other per-finding step (cues, context) is bounded in bytes.
//!
//! Checklist rules stop after [`CHECKLIST_CAP`] non-negated findings per document (the only
//! cap: see there).
//!
//! [`KEYWORD_WINDOW`]: crate::patterns::compile::KEYWORD_WINDOW

use serde_json::{Map, Value};

use crate::extract::Extracted;
use crate::findings::{Finding, FindingKind};
use crate::patterns::compile::{CountryForm, CueSet, Target};
use crate::patterns::Rules;

pub mod clause;
pub mod country;
pub mod cues;
pub mod keywords;
pub mod location;
pub mod provider;
pub mod rules;
#[cfg(test)]
mod snapshot;
pub mod text;
pub mod tracking;
pub mod transfer;

/// Most bytes of a finding's context.
pub const CONTEXT_BYTES: usize = 300;

/// Most non-negated findings of one checklist rule in one document.
///
/// A checklist rule (Art. 28 / Art. 13 item, see [`clause`]) only has to show that the
/// item is addressed, with a few findings as evidence and page references; in a long
/// contract its vocabulary recurs in hundreds of sentences. Its regex therefore stops after
/// the first `CHECKLIST_CAP` matches (in text order) that are not negated; negated matches
/// are kept and do not count, so whether an item is present, and present without negation,
/// is the same as without the cap. Other rules (kind signals, transfers, countries, …)
/// are not capped: their findings are counted or each carries its own fact.
pub const CHECKLIST_CAP: usize = 5;

/// The most non-negated findings `rule` may produce in one document, if capped.
pub fn cap_of(rule: Option<&crate::patterns::compile::CompiledRule>) -> Option<usize> {
    let r = rule?;
    // A rule whose item comes from its match ("Art. 28(3)(h): Clause 8.9 of the SCC
    // applies" for `art28_3_{item}`) speaks for several items: its few matches each name
    // theirs, and are not capped.
    let per_match_item = r
        .value
        .get("checklist")
        .and_then(Value::as_str)
        .is_some_and(|c| c.contains("{item}"));
    (r.kind == FindingKind::Clause && clause::is_checklist_rule(&r.id, &r.value) && !per_match_item)
        .then_some(CHECKLIST_CAP)
}

/// A hit before numbering.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Finding kind.
    pub kind: FindingKind,
    /// Rule id.
    pub rule: String,
    /// Start byte offset into the normalized text.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// Value object.
    pub value: Map<String, Value>,
}

/// The text being searched, with its lower-cased copy and lazily computed sentence bounds.
pub struct Scan<'a> {
    /// The normalized text.
    pub text: &'a str,
    /// Its length-preserving lower-cased copy.
    pub low: String,
    /// The rules.
    pub rules: &'a Rules,
    /// Sentence breaks of `text`.
    pub sentences: text::SentenceIndex,
    /// Where the cue words occur in `low`: set by the keyword pass
    /// ([`rules::automaton_pass`]), else found on first use ([`Scan::cue_occurrences`]).
    cues: std::cell::OnceCell<cues::CueOccurrences>,
    /// Whether `low` holds a change log's title ([`text::CHANGE_LOG_TITLES`], cue words),
    /// found on first use.
    change_log: std::cell::OnceCell<bool>,
}

impl<'a> Scan<'a> {
    /// Prepares a scan of `text`.
    pub fn new(text: &'a str, rules: &'a Rules) -> Self {
        Scan {
            text,
            low: text::lower_preserving(text),
            rules,
            sentences: text::SentenceIndex::new(text),
            cues: std::cell::OnceCell::new(),
            change_log: std::cell::OnceCell::new(),
        }
    }

    /// Whether `pos` lies in the document's change log ([`text::in_change_log`]); most
    /// documents have none, which the cue words found by the keyword pass tell.
    pub fn in_change_log(&self, pos: usize) -> bool {
        *self.change_log.get_or_init(|| {
            let set = &self.rules.cues.combined;
            self.cue_occurrences().cues.iter().any(|&(_, _, w)| {
                set.lists
                    .get(w as usize)
                    .is_some_and(|l| l & CueSet::CHANGE_LOG_TITLE != 0)
            })
        }) && text::in_change_log(self.text, pos)
    }

    /// Records the cue occurrences found by the keyword pass; `Err` (with them) when they
    /// are already known.
    pub(crate) fn set_cue_occurrences(
        &self,
        occ: cues::CueOccurrences,
    ) -> Result<(), cues::CueOccurrences> {
        self.cues.set(occ)
    }

    /// Where the cue words occur in `low`: from the keyword pass when it ran, else found
    /// now by the cue automata ([`cues::CueOccurrences::scan`]; the same occurrences).
    pub fn cue_occurrences(&self) -> &cues::CueOccurrences {
        self.cues
            .get_or_init(|| cues::CueOccurrences::scan(&self.low, &self.rules.cues))
    }

    /// Bounds (start, end) of the sentence around `start..end` (bounded search, the same
    /// as [`text::sentence_start`] and [`text::sentence_end`], from the sentence index).
    pub fn sentence(&self, start: usize, end: usize) -> (usize, usize) {
        (
            self.sentences.start(self.text, start),
            self.sentences.end(self.text, end).max(end),
        )
    }
}

/// Finds every rule and gazetteer hit in `doc`, sorted by (start, end, rule), ids f1…fn.
///
/// `lang` is accepted for future language-specific rules; all rules currently run on every
/// document (bilingual documents and misdetected languages are common in contracts).
pub fn find(doc: &Extracted, rules: &Rules, _lang: Option<&str>) -> Vec<Finding> {
    let scan = Scan::new(&doc.text, rules);
    let (pass, terms) = rules::automaton_pass(&scan);
    let mut hits = Vec::new();
    rules::find_rule_hits(&scan, pass, &mut hits);
    find_gazetteer_hits(&scan, terms, &mut hits);
    location::table_column_hits(&scan, &mut hits);
    finish(doc, &scan, hits)
}

/// The gazetteer hits, from every occurrence of every term (`found`, from the automaton
/// pass): leftmost-longest over countries, stop terms, providers and regions.
///
/// Every term must start where no letter or digit precedes it ([`text::at_word_bounds`],
/// [`location::region_bounds_ok`]), so only word starts are candidates, each with the
/// longest term starting there. A candidate's term is accepted or rejected (word
/// boundary, case, trap); when rejected the next candidate is tried, so a shorter valid
/// term inside it is not lost; an accepted term is skipped as a whole. This is the same as
/// a leftmost-longest search resumed after each match, whose matches starting inside a
/// word are all rejected.
fn find_gazetteer_hits(scan: &Scan, mut found: Vec<rules::TermMatch>, hits: &mut Vec<Hit>) {
    let g = &scan.rules.gazetteer;
    // By start, the longest first; then one candidate per start.
    found.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    found.dedup_by_key(|m| m.0);
    // Candidates before `pos` lie inside an accepted term.
    let mut pos = 0;
    for (s, m_end, term) in found {
        let word_start = scan.text.is_char_boundary(s)
            && !text::char_before(scan.text, s).is_some_and(text::is_word_char);
        if s < pos || !word_start {
            continue;
        }
        if let Some(e) = gazetteer_term(scan, s, m_end, &g.terms[term], hits) {
            pos = e;
        }
    }
}

/// Accepts the first of `terms` (matched at `s..m_end`) that fits the text there, pushing
/// its hit if it has one (a trap or stop term has none); returns the end of the accepted
/// term, or `None` when all are rejected.
fn gazetteer_term(
    scan: &Scan,
    s: usize,
    m_end: usize,
    terms: &[crate::patterns::compile::Term],
    hits: &mut Vec<Hit>,
) -> Option<usize> {
    for term in terms {
        if !provider::case_ok(scan.text, s, m_end, term) {
            continue;
        }
        // German genitive: "Deutschlands", "Irlands" name the country too (span includes the 's').
        let e = match term.target {
            Target::Country(_, CountryForm::Name)
                if !term.written.ends_with('s')
                    && scan.text.as_bytes().get(m_end) == Some(&b's')
                    && text::at_word_bounds(scan.text, s, m_end + 1) =>
            {
                m_end + 1
            }
            _ => m_end,
        };
        let bounded = match term.target {
            Target::Region(_) => location::region_bounds_ok(scan.text, s, e),
            _ => text::at_word_bounds(scan.text, s, e),
        };
        if !bounded {
            continue;
        }
        match term.target {
            Target::Stop => {}
            Target::Country(i, form) => {
                // A trap (US state, person, company name) is consumed without a finding.
                if let Some(h) = country::hit(scan, s, e, i, form, &term.written) {
                    hits.push(h);
                }
            }
            Target::Provider(i) => hits.push(provider::hit(scan, s, e, i)),
            Target::Region(i) => hits.push(location::region_hit(scan, s, e, i)),
        }
        return Some(e);
    }
    None
}

/// Sorts, deduplicates and numbers the hits, adding page and context.
fn finish(doc: &Extracted, scan: &Scan, mut hits: Vec<Hit>) -> Vec<Finding> {
    hits.sort_by(|a, b| (a.start, a.end, &a.rule).cmp(&(b.start, b.end, &b.rule)));
    // Identical spans of the same kind: keep the first (by rule id). Clause hits with
    // different values (another checklist item, a document-kind signal) are both kept:
    // a checklist hit must not hide a kind signal on the same words.
    hits.dedup_by(|b, a| {
        a.start == b.start
            && a.end == b.end
            && a.kind == b.kind
            && (a.kind != FindingKind::Clause || a.value == b.value)
    });
    provider::mark_negated(scan, &mut hits);
    transfer::mark_provider_subject(scan, &mut hits);
    transfer::mark_data_scope(scan, &mut hits);
    transfer::mark_adequate_exempt(scan, &mut hits);
    transfer::mark_pending(scan, &mut hits);
    transfer::mark_adequacy_country(scan, &mut hits);
    transfer::mark_promised_countries(scan, &mut hits);
    // Countries and locations nested in a longer hit of the same kind: keep the longer.
    let mut keep = vec![true; hits.len()];
    for kind in [FindingKind::Country, FindingKind::Location] {
        let idx: Vec<usize> = (0..hits.len()).filter(|&i| hits[i].kind == kind).collect();
        let mut best: Option<usize> = None; // the hit reaching furthest so far
        for &i in &idx {
            if let Some(b) = best {
                if hits[i].end <= hits[b].end && hits[i].start >= hits[b].start {
                    keep[i] = false;
                    continue;
                }
                if hits[i].start == hits[b].start && hits[i].end > hits[b].end {
                    keep[b] = false;
                }
            }
            if best.is_none_or(|b| hits[i].end > hits[b].end) {
                best = Some(i);
            }
        }
    }
    hits.into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(h, _)| h)
        .enumerate()
        .map(|(n, h)| {
            let sent = scan.sentence(h.start, h.end);
            let text = doc.text[h.start..h.end].to_string();
            Finding {
                id: crate::findings::finding_id(n + 1),
                kind: h.kind,
                rule: h.rule,
                page: doc.page_of(h.start),
                start: h.start,
                end: h.end,
                text,
                context: text::context(&doc.text, h.start, h.end, sent, CONTEXT_BYTES),
                value: Value::Object(h.value),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules whose hits span exactly the last `word` in `text`.
    fn rules_on(text: &str, word: &str) -> Vec<String> {
        let rules = Rules::embedded().expect("embedded rules");
        let doc = crate::entities::tests::doc(text);
        let at = text.rfind(word).expect("word in text");
        let mut out: Vec<String> = find(&doc, &rules, None)
            .into_iter()
            .filter(|f| f.start == at && f.end == at + word.len())
            .map(|f| f.rule)
            .collect();
        out.sort();
        out
    }

    #[test]
    fn clause_hits_on_one_span_with_different_values_are_all_kept() {
        // Two document-kind signals of different weight on the same heading.
        let text = "Der Auftragnehmer pflegt eine Liste der Unterauftragnehmer.\n\n\
            Liste der Unterauftragnehmer\n\nHetzner Online GmbH | Hosting | Deutschland\n";
        let got = rules_on(text, "Liste der Unterauftragnehmer");
        assert!(
            got.contains(&"clause.kind_subprocessor_list".to_string())
                && got.contains(&"clause.kind_subprocessor_heading".to_string()),
            "{got:?}"
        );
        // Two checklist rules for the same item on the same words: one hit.
        let text = "Der Auftraggeber erteilt die allgemeine schriftliche Genehmigung zur \
            Beauftragung weiterer Auftragsverarbeiter.";
        let got = rules_on(text, "allgemeine schriftliche Genehmigung");
        assert_eq!(got.len(), 1, "{got:?}");
    }
}

//! Document kind from vocabulary and structure, never from the file name.
//!
//! Each kind collects a score:
//! - every `clause` kind signal (`value.signal`, `value.weight`, default 1) adds its
//!   weight, times [`TITLE_FACTOR`] when it starts within the first [`TITLE_BYTES`]
//!   (the title area), and times [`FIRST_LINE_FACTOR`] more on the first line with text
//!   (the title itself); body signals of one kind add at most [`BODY_CAP`], so a privacy
//!   policy that says "Auftragsverarbeitungsvertrag" with every processor it names
//!   does not turn into a DPA;
//!   body signals of `dpa` or `privacy_policy` count only when the title area has one
//!   of the same kind or the document has [`MIN_CONTENT_ITEMS`] checklist items of its
//!   family (a blog post about an "AVV" is no DPA), those of `subprocessor_list` only
//!   under a list title or with a list's structure; a signal marked `mention` (a DPA
//!   named in prose, "den AVV des Anbieters") is a body signal wherever it stands;
//! - every distinct Art. 28 checklist item found adds [`CHECKLIST_ITEM_WEIGHT`] to
//!   `dpa`, every distinct Art. 13 item the same to `privacy_policy`;
//! - a document dominated by provider names on list or table lines, with few prose
//!   sentences, adds to `subprocessor_list` (see [`list_structure_score`]).
//!
//! The highest score wins if it reaches [`MIN_SCORE`]; ties go to dpa, then
//! privacy_policy, then subprocessor_list. Otherwise the kind is `other`.

use std::collections::BTreeSet;

use super::value::{flag, negated, num, str_of};
use crate::extract::Extracted;
use crate::findings::{Finding, FindingKind};
use crate::report::DocKind;

/// Bytes from the start of the text that count as the title area.
pub(crate) const TITLE_BYTES: usize = 500;
/// Multiplier for a kind signal in the title area.
pub(crate) const TITLE_FACTOR: f64 = 3.0;
/// Most that kind signals outside the title area add to one kind.
pub(crate) const BODY_CAP: f64 = 6.0;
/// Further multiplier for a kind signal on the text's first line with text (the
/// document's own title: "Aktenwerk Kanzleisoftware – Unterauftragsverarbeiter und
/// Datenstandorte" outweighs an "Art. 28 DSGVO" in the introduction below it).
pub(crate) const FIRST_LINE_FACTOR: f64 = 2.0;
/// The most of a long first line (bytes) that counts as the title: a text without line
/// breaks is one paragraph, not a title.
const TITLE_LINE_BYTES: usize = 160;
/// Score per distinct checklist item of the kind's family.
pub(crate) const CHECKLIST_ITEM_WEIGHT: f64 = 0.5;
/// Fewest distinct checklist items of a kind's family (Art. 28 for `dpa`, Art. 13 for
/// `privacy_policy`) for its body signals to count when its title area has none.
pub(crate) const MIN_CONTENT_ITEMS: usize = 3;
/// Lowest winning score; below it the kind is `other`.
pub(crate) const MIN_SCORE: f64 = 2.0;
/// Longest line (bytes) still read as a list or table row.
const LIST_LINE_BYTES: usize = 160;
/// Fewest distinct providers on list lines for the structure signal.
const MIN_LIST_PROVIDERS: usize = 3;

/// The candidate kinds in tie-break order.
const KINDS: [DocKind; 3] = [
    DocKind::Dpa,
    DocKind::PrivacyPolicy,
    DocKind::SubprocessorList,
];

/// Scores per kind, in [`KINDS`] order.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct KindScores {
    /// Score of `dpa`.
    pub dpa: f64,
    /// Score of `privacy_policy`.
    pub privacy_policy: f64,
    /// Score of `subprocessor_list`.
    pub subprocessor_list: f64,
}

impl KindScores {
    fn get(&self, k: DocKind) -> f64 {
        match k {
            DocKind::Dpa => self.dpa,
            DocKind::PrivacyPolicy => self.privacy_policy,
            DocKind::SubprocessorList => self.subprocessor_list,
            DocKind::Other => 0.0,
        }
    }
}

/// Scores each kind (see the module docs).
pub(crate) fn scores(doc: &Extracted, findings: &[Finding]) -> KindScores {
    let mut title = KindScores::default();
    let mut body = KindScores::default();
    let text = doc.text.as_str();
    let lead = text.len() - text.trim_start().len();
    let first_line_end = memchr::memchr(b'\n', &text.as_bytes()[lead..])
        .map_or(text.len(), |i| lead + i)
        .min(lead + TITLE_LINE_BYTES);
    let mut art28: BTreeSet<&str> = BTreeSet::new();
    let mut art13: BTreeSet<&str> = BTreeSet::new();
    for f in findings
        .iter()
        .filter(|f| f.kind == FindingKind::Clause && !negated(f))
    {
        if let Some(signal) = str_of(f, "signal") {
            let w = num(f, "weight").unwrap_or(1.0).clamp(0.0, 10.0);
            // A mention ("den AVV des Anbieters") is never a title.
            let (slot, w) = if f.start < TITLE_BYTES && !flag(f, "mention") {
                let line = if f.start < first_line_end {
                    FIRST_LINE_FACTOR
                } else {
                    1.0
                };
                (&mut title, w * TITLE_FACTOR * line)
            } else {
                (&mut body, w)
            };
            match signal {
                "dpa" => slot.dpa += w,
                "privacy_policy" => slot.privacy_policy += w,
                "subprocessor_list" => slot.subprocessor_list += w,
                _ => {}
            }
        }
        if let Some(item) = str_of(f, "checklist") {
            if item.starts_with("art28_") {
                art28.insert(item);
            } else if item.starts_with("art13_") {
                art13.insert(item);
            }
        }
    }
    // Body signals count only in a document titled as the kind or holding some of its
    // content: a blog post that talks about "AVV" and "Datenschutzerklärung", or says
    // "laut der Liste der Unterauftragsverarbeiter", is none of them.
    let body_if = |open: bool, body: f64| if open { body.min(BODY_CAP) } else { 0.0 };
    let structure = list_structure_score(doc, findings);
    KindScores {
        dpa: title.dpa
            + body_if(
                title.dpa > 0.0 || art28.len() >= MIN_CONTENT_ITEMS,
                body.dpa,
            )
            + CHECKLIST_ITEM_WEIGHT * art28.len() as f64,
        privacy_policy: title.privacy_policy
            + body_if(
                title.privacy_policy > 0.0 || art13.len() >= MIN_CONTENT_ITEMS,
                body.privacy_policy,
            )
            + CHECKLIST_ITEM_WEIGHT * art13.len() as f64,
        subprocessor_list: title.subprocessor_list
            + body_if(
                title.subprocessor_list > 0.0 || structure > 0.0,
                body.subprocessor_list,
            )
            + structure,
    }
}

/// The document kind.
pub(crate) fn classify(doc: &Extracted, findings: &[Finding]) -> DocKind {
    let s = scores(doc, findings);
    let mut best = DocKind::Other;
    let mut best_score = MIN_SCORE - f64::EPSILON;
    for k in KINDS {
        if s.get(k) > best_score {
            best = k;
            best_score = s.get(k);
        }
    }
    best
}

/// Structure signal for a sub-processor list: at least [`MIN_LIST_PROVIDERS`]
/// distinct providers named on short lines (list items or table rows), and those
/// lines at least as many as the prose sentences of the document. Scores 2 plus
/// 0.25 per such line, at most 5.
fn list_structure_score(doc: &Extracted, findings: &[Finding]) -> f64 {
    let text = doc.text.as_str();
    let mut list_lines: BTreeSet<usize> = BTreeSet::new();
    let mut names: BTreeSet<String> = BTreeSet::new();
    for f in findings
        .iter()
        .filter(|f| f.kind == FindingKind::Provider && !negated(f))
    {
        let Some((line_start, line)) = line_at(text, f.start) else {
            continue;
        };
        // memchr, not `str::contains`: 0.8 M fewer instructions per warm pass over
        // ../shared/realworld (long lines are scanned to their end when there is no '|').
        if line.len() <= LIST_LINE_BYTES || memchr::memchr(b'|', line.as_bytes()).is_some() {
            list_lines.insert(line_start);
            if let Some(n) = str_of(f, "name") {
                names.insert(n.to_lowercase());
            }
        }
    }
    if names.len() < MIN_LIST_PROVIDERS
        || list_lines.len() < prose_sentences(text, list_lines.len())
    {
        return 0.0;
    }
    (2.0 + 0.25 * list_lines.len() as f64).min(5.0)
}

/// The line holding byte `pos` (start offset and text, without the '\n'), if `pos` is a
/// char boundary inside `text`. The memchr crate's vector search, not `str::find`: lines
/// can be long (a paragraph per line), and this runs for every provider finding.
fn line_at(text: &str, pos: usize) -> Option<(usize, &str)> {
    if pos > text.len() || !text.is_char_boundary(pos) {
        return None;
    }
    let b = text.as_bytes();
    let start = memchr::memrchr(b'\n', &b[..pos]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &b[pos..]).map_or(text.len(), |i| pos + i);
    Some((start, &text[start..end]))
}

/// Rough count of prose sentences, stopping once it exceeds `limit`: a lower-case
/// letter followed by '.', '!' or '?', then whitespace and an upper-case letter, or
/// the end ("… verarbeitet. Die …"; not "Art. 28").
fn prose_sentences(text: &str, limit: usize) -> usize {
    let mut count = 0;
    let mut prev_lower = false;
    // After a sentence-like stop: whether whitespace has followed it yet.
    let mut pending: Option<bool> = None;
    for c in text.chars() {
        if let Some(seen_space) = pending {
            if c.is_whitespace() {
                pending = Some(true);
            } else {
                if seen_space && c.is_uppercase() {
                    count += 1;
                    if count > limit {
                        return count;
                    }
                }
                pending = None;
            }
        }
        if matches!(c, '.' | '!' | '?') && prev_lower {
            pending = Some(false);
        }
        prev_lower = c.is_lowercase();
    }
    count + usize::from(pending.is_some())
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{doc, fnd};
    use super::*;
    use serde_json::json;

    fn signal(n: u32, start: usize, kind: &str, weight: f64) -> Finding {
        fnd(
            n,
            FindingKind::Clause,
            "clause.kind",
            start,
            json!({"signal": kind, "weight": weight}),
        )
    }

    fn item(n: u32, start: usize, id: &str) -> Finding {
        fnd(
            n,
            FindingKind::Clause,
            &format!("clause.{id}"),
            start,
            json!({"checklist": id}),
        )
    }

    #[test]
    fn kind_decisions() {
        let prose = "Der Auftragnehmer verarbeitet Daten. ".repeat(200);
        let cases: Vec<(&str, String, Vec<Finding>, DocKind)> = vec![
            ("nothing", prose.clone(), vec![], DocKind::Other),
            (
                "dpa title",
                prose.clone(),
                vec![signal(1, 0, "dpa", 1.0)],
                DocKind::Dpa,
            ),
            (
                "one weak body signal is not enough",
                prose.clone(),
                vec![signal(1, 3000, "privacy_policy", 1.0)],
                DocKind::Other,
            ),
            (
                "a DPA mentioning the privacy policy once stays a DPA",
                prose.clone(),
                vec![
                    signal(1, 0, "dpa", 1.0),
                    signal(2, 4000, "privacy_policy", 1.0),
                ],
                DocKind::Dpa,
            ),
            (
                "privacy policy title beats repeated DPA mentions in the body",
                prose.clone(),
                vec![
                    signal(1, 10, "privacy_policy", 2.0),
                    signal(2, 1000, "dpa", 1.0),
                    signal(3, 2000, "dpa", 1.0),
                    signal(4, 3000, "dpa", 1.0),
                    signal(5, 4000, "dpa", 1.0),
                    signal(6, 5000, "dpa", 1.0),
                    item(7, 5100, "art13_1_a"),
                    item(8, 5200, "art13_2_b"),
                ],
                DocKind::PrivacyPolicy,
            ),
            (
                "the first line's sub-processor title beats an Art. 28 reference below it",
                format!("Aktenwerk – Unterauftragsverarbeiter und Datenstandorte\n\n{prose}"),
                vec![
                    signal(1, 0, "subprocessor_list", 2.0),
                    signal(2, 300, "dpa", 1.0),
                    signal(3, 1000, "dpa", 3.0),
                    signal(4, 2000, "dpa", 3.0),
                    item(5, 2100, "art28_3_d"),
                    item(6, 2200, "art28_4"),
                ],
                DocKind::SubprocessorList,
            ),
            (
                "many art28 items without a title make a DPA",
                prose.clone(),
                [
                    "art28_3_a",
                    "art28_3_b",
                    "art28_3_c",
                    "art28_3_h",
                    "art28_3_h",
                ]
                .iter()
                .enumerate()
                .map(|(i, id)| item(i as u32 + 1, 1000 + i * 100, id))
                .collect(),
                DocKind::Dpa,
            ),
            (
                "many art13 items make a privacy policy",
                prose.clone(),
                [
                    "art13_1_a",
                    "art13_1_c",
                    "art13_2_a",
                    "art13_2_b",
                    "art13_2_d",
                ]
                .iter()
                .enumerate()
                .map(|(i, id)| item(i as u32 + 1, 1000 + i * 100, id))
                .collect(),
                DocKind::PrivacyPolicy,
            ),
            (
                "DPA and policy named only in the body, with too little content of either",
                prose.clone(),
                vec![
                    signal(1, 1000, "dpa", 3.0),
                    signal(2, 2000, "dpa", 3.0),
                    signal(3, 3000, "privacy_policy", 3.0),
                    signal(4, 3500, "privacy_policy", 1.0),
                    item(5, 4000, "art13_1_f"),
                    item(6, 4100, "art13_2_b"),
                    item(7, 4200, "art28_3_a"),
                    item(8, 4300, "art28_3_b"),
                ],
                DocKind::Other,
            ),
            (
                "a mention in the title area is no title",
                prose.clone(),
                vec![fnd(
                    1,
                    FindingKind::Clause,
                    "clause.kind_dpa_mention",
                    100,
                    json!({"signal": "dpa", "weight": 3.0, "mention": true}),
                )],
                DocKind::Other,
            ),
            (
                "a sub-processor list named in prose is no list",
                prose.clone(),
                vec![signal(1, 1000, "subprocessor_list", 3.0)],
                DocKind::Other,
            ),
            (
                "body signals count with three items of the kind's content",
                prose.clone(),
                vec![
                    signal(1, 1000, "dpa", 3.0),
                    item(2, 4000, "art28_3_a"),
                    item(3, 4100, "art28_3_b"),
                    item(4, 4200, "art28_3_c"),
                ],
                DocKind::Dpa,
            ),
        ];
        for (name, text, fs, want) in cases {
            assert_eq!(classify(&doc(&text), &fs), want, "{name}");
        }
    }

    #[test]
    fn provider_table_makes_a_subprocessor_list() {
        let rows = [
            (
                "Amazon Web Services",
                "Amazon Web Services | Hosting | Frankfurt, DE",
            ),
            ("Mailgun", "Mailgun | E-Mail-Versand | USA"),
            ("Zendesk", "Zendesk | Support | USA"),
            ("Stripe", "Stripe | Zahlungen | Irland"),
        ];
        let mut text = String::from("Unsere Dienstleister\nWir setzen folgende Unternehmen ein.\n");
        let mut fs = Vec::new();
        for (i, (name, row)) in rows.iter().enumerate() {
            fs.push(fnd(
                i as u32 + 1,
                FindingKind::Provider,
                "provider.gazetteer",
                text.len(),
                json!({"name": name}),
            ));
            text.push_str(row);
            text.push('\n');
        }
        assert_eq!(classify(&doc(&text), &fs), DocKind::SubprocessorList);

        // The same table inside a long DPA is an annex, not the document.
        let long = format!(
            "{}\n{}",
            "Der Auftragnehmer verarbeitet Daten. ".repeat(100),
            text
        );
        let offset = long.len() - text.len();
        let shifted: Vec<Finding> = fs
            .iter()
            .map(|f| {
                let mut f = f.clone();
                f.start += offset;
                f.end += offset;
                f
            })
            .collect();
        assert_eq!(classify(&doc(&long), &shifted), DocKind::Other);
    }

    #[test]
    fn sentences_are_counted_roughly() {
        assert_eq!(
            prose_sentences(
                "Das ist ein Satz. Noch einer! Und? Art. 28 DSGVO gilt.",
                100
            ),
            4
        );
        assert_eq!(prose_sentences("Nr. 5", 100), 0);
        assert_eq!(prose_sentences(&"Ein Satz. ".repeat(1000), 10), 11);
    }

    #[test]
    fn line_at_gives_the_line_around_a_position() {
        let text = "erste Zeile\nzweite | Zeile\n\nÄnde";
        // Against the plain definition: the text between the '\n' before and after.
        for pos in 0..=text.len() {
            let want = text.is_char_boundary(pos).then(|| {
                let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
                let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
                (start, &text[start..end])
            });
            assert_eq!(line_at(text, pos), want, "at {pos}");
        }
        assert_eq!(line_at(text, 12), Some((12, "zweite | Zeile")));
        assert_eq!(line_at(text, text.len() + 1), None);
        // Inside "Ä" (two bytes): not a char boundary.
        assert_eq!(line_at(text, text.len() - 4), None);
    }
}

//! Transfer findings (mechanisms, statements, measures): value defaults.
//!
//! The regex rules live in `patterns/transfer.toml`; this fills the keys analyze relies on:
//! a mechanism always carries `negated`, `historical`, `hypothetical`, `outdated` (false
//! unless the rule says so, e.g. the 2010 SCC decisions) and `pending`, a statement carries
//! `negated`. Three marks read neighbouring hits: a certification or approval only applied
//! for makes the mechanism it speaks of `pending` ([`mark_pending`]), an adequacy
//! decision named for a country carries that country ([`mark_adequacy_country`]), and a
//! promise that the data stays in named countries lists them ([`mark_promised_countries`]).

use serde_json::{Map, Value};

use super::{Hit, Scan};
use crate::findings::FindingKind;
use crate::patterns::compile::CueSet;

/// Fills missing value keys of a transfer finding.
pub fn complete(value: &mut Map<String, Value>) {
    if value.contains_key("mechanism") {
        for k in [
            "negated",
            "historical",
            "hypothetical",
            "outdated",
            "pending",
        ] {
            value.entry(k).or_insert(Value::Bool(false));
        }
    } else if value.contains_key("statement") {
        value.entry("negated").or_insert(Value::Bool(false));
    }
}

/// Most bytes from a provider's mention to an "EU only" statement about it ("CleverReach
/// verarbeitet die Daten ausschließlich auf Servern in Deutschland").
const SUBJECT_REACH: usize = 80;

/// Marks each "EU only" (or "stays in") statement that speaks of one provider named
/// before it in its clause ("CleverReach verarbeitet die Daten ausschließlich auf Servern
/// in Deutschland bzw. in der EU"): `value.about` is that provider's name. Such a statement
/// promises nothing of the document's other recipients. `hits` are sorted by start.
pub fn mark_provider_subject(scan: &Scan, hits: &mut [Hit]) {
    let eu_only = |h: &Hit| {
        h.kind == FindingKind::Transfer
            && matches!(
                h.value.get("statement").and_then(Value::as_str),
                Some("eu_only" | "stays_in")
            )
    };
    if !hits.iter().any(eu_only) {
        return;
    }
    let providers: Vec<(usize, usize, String)> = hits
        .iter()
        .filter(|h| h.kind == FindingKind::Provider && h.value.get("negated").is_none())
        .filter_map(|h| {
            let name = h.value.get("name")?.as_str()?;
            Some((h.start, h.end, name.to_string()))
        })
        .collect();
    if providers.is_empty() {
        return;
    }
    for h in hits.iter_mut().filter(|h| eu_only(h)) {
        let (from, _) = scan.sentence(h.start, h.end);
        let floor = from.max(h.start.saturating_sub(SUBJECT_REACH));
        // The nearest provider ending before the statement, in its sentence.
        let k = providers.partition_point(|p| p.0 < h.start);
        let Some((_, e, name)) = providers[..k].iter().rev().find(|p| p.1 <= h.start) else {
            continue;
        };
        let between = scan.text.get(*e..h.start).unwrap_or(";");
        if *e >= floor && !between.contains([';', ':', '\n']) {
            h.value.insert("about".into(), Value::String(name.clone()));
        }
    }
}

/// The first parts of German compounds of "daten" that name all of a document's data, not
/// one category of it (lower case): "Auftragsdaten", "Kundendaten", "Personendaten".
const ALL_DATA_COMPOUNDS: [&str; 9] = [
    "auftrags",
    "auftraggeber",
    "kunden",
    "nutzer",
    "benutzer",
    "mandanten",
    "personen",
    "verantwortlichen",
    "vertrags",
];

/// The words before "data" that name all of a document's data (lower case): "Customer
/// Personal Data", "user data".
const ALL_DATA_WORDS: [&str; 8] = [
    "customer",
    "customer's",
    "customers",
    "client",
    "personal",
    "user",
    "controller's",
    "controller",
];

/// The words before "data" that name no category of it (lower case): determiners,
/// prepositions, auxiliaries, conjunctions ("Your location and tour data", "agreed upon
/// data", "Hosting and data processing").
const DATA_MODIFIER_STOPS: [&str; 30] = [
    "the", "your", "all", "any", "our", "this", "these", "such", "its", "their", "of", "is", "are",
    "be", "will", "we", "that", "which", "in", "on", "for", "to", "with", "by", "upon", "from",
    "at", "as", "and", "or",
];

/// Most bytes before a promise in which [`mark_data_scope`] reads its subject.
const SCOPE_REACH: usize = 200;

/// Marks each "EU only" (or "stays in") statement whose subject in its clause names one
/// category of data, not all of it: `value.data_scope` holds the words that name it
/// ("Die Mitgliederdaten werden ausschließlich auf Servern in Deutschland gespeichert",
/// "Die Produktivdaten (Nr. 5) und Backups (Nr. 6) werden ausschließlich in Deutschland
/// gespeichert", "Your location and tour data are stored exclusively in Switzerland").
/// Such a promise says nothing of the document's other data. A subject naming all of it
/// as well ("Sämtliche personenbezogenen Daten – Gesundheitsdaten ebenso wie Ihre Kontakt-
/// und Termindaten –", "Alle Termin- und Kundendaten") keeps the promise whole. The
/// words of the match count too ("Eine Übermittlung der Clubdatenbank in Drittländer
/// findet nicht statt"), and so does a note's label naming one entry of a table ("a) Nr.
/// 3: … Die Daten bleiben in der EU Data Boundary": `data_scope` "nr. 3").
pub fn mark_data_scope(scan: &Scan, hits: &mut [Hit]) {
    // Per category, whether the document defines it as all its data: a long document
    // repeats its promises, and each answer reads the whole text.
    let mut defined: Vec<(String, bool)> = Vec::new();
    for h in hits.iter_mut().filter(|h| {
        h.kind == FindingKind::Transfer
            && matches!(
                h.value.get("statement").and_then(Value::as_str),
                Some("eu_only" | "stays_in")
            )
            && !h.value.contains_key("about")
    }) {
        let (from, _) = scan.sentence(h.start, h.end);
        let floor =
            super::text::ceil_boundary(&scan.low, from.max(h.start.saturating_sub(SCOPE_REACH)))
                .min(h.start);
        let before = &scan.low[floor..h.start];
        let clause = before
            .rfind([';', ':'])
            .map_or(before, |i| &before[i + 1..]);
        let subject = format!("{clause} {}", &scan.low[h.start..h.end]);
        let scope = data_scope(&subject).filter(|scope| {
            let known = defined
                .iter()
                .find(|(s, _)| s == scope)
                .map(|&(_, all)| all);
            let all = known.unwrap_or_else(|| {
                let all = defined_as_all(&scan.low, scope);
                defined.push((scope.clone(), all));
                all
            });
            !all
        });
        if let Some(scope) = scope.or_else(|| entry_note_label(scan.text, h.start)) {
            h.value.insert("data_scope".into(), Value::String(scope));
        }
    }
}

/// Whether the document defines the category `scope` names as all of its data
/// ("Patientendaten im Sinne dieser Liste sind alle Daten der Patientinnen und Patienten
/// der Kunden", "“Account Data” means all personal data …"): a promise about it is whole.
/// Reads [`DEFINITION_REACH`] bytes after each of the first [`DEFINITION_MENTIONS`]
/// mentions of its first category ("patientendaten", "account data") in `low`, up to
/// the sentence's end.
fn defined_as_all(low: &str, scope: &str) -> bool {
    let category = scope.split(", ").next().unwrap_or_default();
    if category.is_empty() {
        return false;
    }
    low.match_indices(category)
        .take(DEFINITION_MENTIONS)
        .any(|(i, w)| {
            let from = i + w.len();
            let to = super::text::floor_boundary(low, (from + DEFINITION_REACH).min(low.len()));
            let after = &low[from..to.max(from)];
            let end = after.find(['.', ';']).unwrap_or(after.len());
            ALL_DATA_DEFINITIONS
                .iter()
                .any(|d| after[..end].contains(d))
        })
}

/// Most mentions of a scope's word that [`defined_as_all`] reads.
const DEFINITION_MENTIONS: usize = 50;

/// Bytes after a mention that [`defined_as_all`] reads for its definition.
const DEFINITION_REACH: usize = 60;

/// Phrases that define a category as all of the document's data (lower case).
const ALL_DATA_DEFINITIONS: [&str; 6] = [
    " sind alle daten",
    " sind sämtliche daten",
    " umfassen alle daten",
    " means all ",
    " means any ",
    " includes all ",
];

/// Most bytes before a statement that [`entry_note_label`] reads back to its paragraph's
/// start.
const NOTE_REACH: usize = 600;

/// The label that opens the paragraph holding `pos` when it names one entry of a table or
/// list ("a) Nr. 3:", "Zu Nr. 5:", "Re item 2:", "Ziffer 4:"), lower case: what the
/// paragraph says, it says of that entry. Read up from the statement's line to its
/// paragraph's first line (below a blank line), at most [`NOTE_REACH`] bytes back: the
/// nearest line that opens with such a label.
fn entry_note_label(text: &str, pos: usize) -> Option<String> {
    let floor = pos.saturating_sub(NOTE_REACH);
    let bytes = text.as_bytes();
    // Up the lines from the one holding `pos`: the first that opens with a label, or the
    // one below a blank line, is where the paragraph starts.
    let mut end = pos;
    loop {
        let start = memchr::memrchr(b'\n', &bytes[..end]).map_or(0, |k| k + 1);
        let line = &text[start..end];
        if let Some(label) = note_label(line) {
            return Some(label);
        }
        let above_blank = start >= 2 && bytes[start - 2] == b'\n';
        if start == 0 || start <= floor || above_blank {
            return None;
        }
        end = start - 1;
    }
}

/// The label naming one entry that `line` opens with, after an optional list label ("a)
/// ", "2) ", "- "): an optional "zu"/"re", a word of [`ENTRY_WORDS`], a number of one to
/// three digits and a colon ("Nr. 3:", "Zu Ziffer 12:"), lower case. (By hand: a regex
/// here cost its compilation in every process.)
fn note_label<'a>(line: &'a str) -> Option<String> {
    let mut rest = line.trim_start_matches([' ', '\t']);
    // An item's label: "a) ", "12) ", "- ".
    let opening = &rest[..super::text::floor_boundary(rest, rest.len().min(4))];
    if let Some((head, _)) = opening.split_once(") ") {
        let tail = &rest[head.len() + 2..];
        let letter = head.len() == 1 && head.bytes().all(|b| b.is_ascii_lowercase());
        let number = (1..=2).contains(&head.len()) && head.bytes().all(|b| b.is_ascii_digit());
        if letter || number {
            rest = tail.trim_start();
        }
    } else if let Some(tail) = rest.strip_prefix(['-', '*', '•']) {
        rest = tail.trim_start();
    }
    // A footnote's marker ("[1] Verarbeitung ausschließlich innerhalb der EU", "² …"): the
    // note speaks of the entries that cite it.
    if let Some(marker) = footnote_marker(rest) {
        return Some(marker.to_string());
    }
    // ASCII case folds enough: every word here is ASCII; no allocation before a match.
    let strip = |s: &'a str, p: &str| -> Option<&'a str> {
        let head = s.get(..p.len())?;
        head.eq_ignore_ascii_case(p).then(|| &s[p.len()..])
    };
    let body = ["zu ", "re "]
        .iter()
        .find_map(|p| strip(rest, p))
        .unwrap_or(rest);
    let after_word = ENTRY_WORDS.iter().find_map(|w| strip(body, w))?;
    let digits = after_word.trim_start();
    let n = digits.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&n) || !digits[n..].trim_start().starts_with(':') {
        return None;
    }
    let end = rest.len() - digits.len() + n;
    Some(rest[..end].to_lowercase())
}

/// The footnote marker `line` opens with, followed by a space: one or two digits in
/// brackets ("[1] ") or superscript digits ("² ").
fn footnote_marker(line: &str) -> Option<&str> {
    let end = if let Some(tail) = line.strip_prefix('[') {
        let n = tail.bytes().take_while(u8::is_ascii_digit).count();
        ((1..=2).contains(&n) && tail[n..].starts_with(']')).then_some(n + 2)?
    } else {
        let n: usize = line
            .chars()
            .take_while(|c| "¹²³⁴⁵⁶⁷⁸⁹⁰".contains(*c))
            .map(char::len_utf8)
            .sum();
        (n > 0).then_some(n)?
    };
    line[end..].starts_with(' ').then(|| &line[..end])
}

/// Words that name an entry of a table or list in a note's label ([`note_label`]), lower
/// case, longest first where one begins another.
const ENTRY_WORDS: [&str; 9] = [
    "nr.", "no.", "ziffer", "ziff.", "item", "entry", "eintrag", "zeile", "row",
];

/// The words of `clause` (lower case, a promise's clause up to it) that name one category
/// of data, when every data noun there names one ([`mark_data_scope`]): a German compound
/// of "daten" not of [`ALL_DATA_COMPOUNDS`], or "data" after words naming a category (the
/// word right before it none of [`ALL_DATA_WORDS`] nor a participle: "collected data").
/// `None` when a noun names all data ("Daten", "Kundendaten", "personal data") or none
/// stands there.
fn data_scope(clause: &str) -> Option<String> {
    let words: Vec<&str> = super::text::words(clause).collect();
    let mut scope: Vec<String> = Vec::new();
    for (k, w) in words.iter().enumerate() {
        // "Kontaktdatenbank des Genießerclubs": a database is one set of data too.
        let stem = w
            .strip_suffix("daten")
            .or_else(|| w.strip_suffix("datenbank"))
            .or_else(|| w.strip_suffix("datenbanken"));
        if let Some(first) = stem {
            if first.len() < 3 || ALL_DATA_COMPOUNDS.contains(&first) {
                return None;
            }
            scope.push(w.to_string());
        } else if *w == "data" {
            // The word right before "data" tells: "customer personal data", "collected
            // data" name all of it.
            let mut before = words[..k].iter().rev();
            let category = match before.next() {
                Some(m)
                    if !ALL_DATA_WORDS.contains(m)
                        && !DATA_MODIFIER_STOPS.contains(m)
                        && !m.ends_with("ed") =>
                {
                    *m
                }
                _ => return None,
            };
            // "location and tour data": one more category joined to it.
            let mut named = vec![category, w];
            if let (Some(&j @ ("and" | "or")), Some(m)) = (before.next(), before.next()) {
                if !DATA_MODIFIER_STOPS.contains(m) {
                    named.splice(0..0, [*m, j]);
                }
            }
            scope.push(named.join(" "));
        }
    }
    (!scope.is_empty()).then(|| scope.join(", "))
}

/// Phrases that, in an "EU only" statement or the rest of its sentence, exempt the
/// countries with an adequacy decision (lower case): "Eine Übermittlung in Drittländer
/// ohne Angemessenheitsbeschluss findet nicht statt". All are `not_negating` cue words of
/// `patterns/cues.toml`, whose occurrences the keyword pass finds.
const ADEQUATE_EXEMPT: [&str; 7] = [
    "ohne angemessenheitsbeschluss",
    "kein angemessenes datenschutzniveau",
    "ohne angemessenes",
    "ohne ein angemessenes",
    "without an adequate",
    "without adequate",
    "not covered by an adequacy",
];

/// Marks `value.adequate_exempt` on each "EU only" statement that bans transfers only to
/// third countries without an adequacy decision ("ohne Angemessenheitsbeschluss",
/// "without an adequate level", in the match or the rest of its sentence): a recipient in
/// Switzerland breaks no such promise.
pub fn mark_adequate_exempt(scan: &Scan, hits: &mut [Hit]) {
    for h in hits.iter_mut().filter(|h| {
        h.kind == FindingKind::Transfer
            && h.value.get("statement").and_then(Value::as_str) == Some("eu_only")
    }) {
        let (_, to) = scan.sentence(h.start, h.end);
        let span = (h.start, to.max(h.end));
        if super::provider::cue_in(scan, span, CueSet::NOT_NEGATING, Some(&ADEQUATE_EXEMPT)) {
            h.value.insert("adequate_exempt".into(), Value::Bool(true));
        }
    }
}

/// Marks on each "stays in" statement ("ausschließlich in der Schweiz", "only in
/// Switzerland and the EEA") the countries it names, `value.countries` (ISO codes, sorted):
/// the country hits inside it. `value.eea` tells whether it names the EU/EEA (or Europe)
/// too. The analysis reads the two as the places the document promises the data stays in.
/// An "EU only" statement gets `value.countries` too where a country joins its EU/EEA right
/// after it ("… outside the EU/EEA and Switzerland").
pub fn mark_promised_countries(scan: &Scan, hits: &mut [Hit]) {
    let promise = |h: &Hit| {
        h.kind == FindingKind::Transfer
            && h.value.get("statement").and_then(Value::as_str) == Some("stays_in")
    };
    let spans: Vec<(usize, usize)> = hits
        .iter()
        .filter(|h| promise(h))
        .map(|h| (h.start, h.end))
        .collect();
    let named: Vec<Vec<String>> = spans
        .iter()
        .map(|&(a, z)| {
            let mut codes: Vec<String> = hits
                .iter()
                .filter(|c| c.kind == FindingKind::Country && c.start >= a && c.end <= z)
                .filter_map(|c| Some(c.value.get("code")?.as_str()?.to_string()))
                .collect();
            codes.sort_unstable();
            codes.dedup();
            codes
        })
        .collect();
    for (h, codes) in hits.iter_mut().filter(|h| promise(h)).zip(named) {
        let eea = scan.low[h.start..h.end]
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| matches!(w, "eu" | "ewr" | "eea") || w.starts_with("europ"));
        let codes = codes.into_iter().map(Value::String).collect();
        h.value.insert("countries".into(), Value::Array(codes));
        h.value.insert("eea".into(), Value::Bool(eea));
    }
    // "We do not transfer personal data to countries outside the EU/EEA and Switzerland":
    // an "EU only" statement whose EU/EEA a country joins right after the match.
    let joined: Vec<Option<String>> = hits
        .iter()
        .map(|h| {
            if h.kind != FindingKind::Transfer
                || h.value.get("statement").and_then(Value::as_str) != Some("eu_only")
            {
                return None;
            }
            let c = hits.iter().find(|c| {
                c.kind == FindingKind::Country
                    && c.start >= h.end
                    && c.start - h.end <= JOINED_COUNTRY_REACH
            })?;
            joins_country(&scan.low[h.end..c.start])
                .then(|| Some(c.value.get("code")?.as_str()?.to_string()))
                .flatten()
        })
        .collect();
    for (h, code) in hits.iter_mut().zip(joined) {
        if let Some(code) = code {
            h.value
                .insert("countries".into(), Value::Array(vec![Value::String(code)]));
        }
    }
}

/// Most bytes between an "EU only" statement and a country its EU/EEA is joined with
/// ([`joins_country`]).
const JOINED_COUNTRY_REACH: usize = 24;

/// Whether `between`, the lower-cased words from the end of an "EU only" statement to a
/// country, joins the country to its EU/EEA: a conjunction and nothing but the rest of the
/// EU's name and articles ("/EEA and", " (EWR) und der", " and the"). "…, but data may go
/// to" joins nothing.
fn joins_country(between: &str) -> bool {
    let words: Vec<&str> = between
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '(' | ')' | ','))
        .filter(|w| !w.is_empty())
        .collect();
    let conjunction = |w: &&str| matches!(*w, "and" | "und" | "or" | "oder" | "sowie" | "&");
    words.iter().any(conjunction)
        && words.iter().all(|w| {
            conjunction(w) || matches!(*w, "eea" | "ewr" | "efta" | "the" | "der" | "die" | "in")
        })
}

/// Mechanisms that exist only once granted: a DPF certification, approved BCRs, an
/// adequacy decision adopted by the Commission.
const GRANTED: [&str; 3] = ["dpf", "bcr", "adequacy"];

/// Whether `h` is a mechanism hit of [`GRANTED`].
fn granted_mechanism(h: &Hit) -> bool {
    h.kind == FindingKind::Transfer
        && h.value
            .get("mechanism")
            .and_then(Value::as_str)
            .is_some_and(|m| GRANTED.contains(&m))
}

/// Most bytes from a mechanism to a certification or approval applied for, in a later
/// sentence, that speaks of it ([`mark_pending`]).
const PENDING_REACH_BYTES: usize = 200;

/// Marks `pending: true` (and `pending_by`, the words) on the mechanisms that a
/// certification or approval only applied for speaks of ("Chatterbox Labs, Inc. hat die
/// Zertifizierung beantragt", "Der Antrag auf Genehmigung der Binding Corporate Rules wurde
/// … eingereicht", "self-certification submitted …; listing … is pending"): the DPF, BCRs or
/// adequacy decisions in its clause, and those in the sentence of the last one before it,
/// in the same paragraph and at most 200 bytes away, of the same mechanisms
/// as in its clause, or of any when it names none ("Die Übermittlung in die USA stützen
/// wir auf das EU-U.S. Data Privacy Framework. Chatterbox Labs, Inc. hat die
/// Zertifizierung beantragt"). `hits` are sorted by start.
pub fn mark_pending(scan: &Scan, hits: &mut [Hit]) {
    let pending: Vec<(usize, usize)> = hits
        .iter()
        .filter(|h| {
            h.kind == FindingKind::Transfer
                && h.value.get("approval").and_then(Value::as_str) == Some("pending")
        })
        .map(|h| (h.start, h.end))
        .collect();
    for (start, end) in pending {
        let (from, to) = scan.sentence(start, end);
        // In its sentence, within its clause: "Cloudflare ist nach dem DPF zertifiziert;
        // Chatterbox hat die Zertifizierung beantragt" leaves Cloudflare's DPF granted.
        let mut marked: Vec<usize> = (0..hits.len())
            .filter(|&i| {
                let h = &hits[i];
                granted_mechanism(h)
                    && h.start >= from
                    && h.end <= to
                    && !scan.text[gap((h.start, h.end), (start, end))].contains(';')
            })
            .collect();
        // And the sentence of the last one before it, in its paragraph and near: of the
        // same mechanisms as in its clause ("… Binding Corporate Rules der Gruppe. Der
        // Antrag auf Genehmigung der Binding Corporate Rules wurde … eingereicht"), of any
        // when its clause names none.
        let kinds: Vec<Value> = marked
            .iter()
            .filter_map(|&i| hits[i].value.get("mechanism").cloned())
            .collect();
        let of_kind = |h: &Hit| {
            granted_mechanism(h)
                && (kinds.is_empty() || h.value.get("mechanism").is_some_and(|m| kinds.contains(m)))
        };
        let last = hits.iter().rposition(|h| {
            of_kind(h)
                && h.end <= from
                && start - h.end <= PENDING_REACH_BYTES
                && !scan.text[h.end..start].contains("\n\n")
        });
        if let Some(last) = last {
            let (before, _) = scan.sentence(hits[last].start, hits[last].end);
            marked.extend((0..=last).filter(|&i| of_kind(&hits[i]) && hits[i].start >= before));
        }
        let words = scan.text[start..end].to_string();
        for i in marked {
            hits[i].value.insert("pending".into(), Value::Bool(true));
            hits[i]
                .value
                .insert("pending_by".into(), Value::String(words.clone()));
        }
    }
}

/// The bytes between two spans, empty where they overlap.
fn gap(a: (usize, usize), b: (usize, usize)) -> std::ops::Range<usize> {
    if a.1 <= b.0 {
        a.1..b.0
    } else if b.1 <= a.0 {
        b.1..a.0
    } else {
        a.0..a.0
    }
}

/// Most bytes between an adequacy decision and the country it names after it ("des
/// Angemessenheitsbeschlusses der EU-Kommission für Indien", "adequacy decision – Japan").
const DECISION_COUNTRY_GAP: usize = 40;

/// Most bytes between a country and the adequacy decision it names before it ("India’s
/// adequacy decision").
const DECISION_COUNTRY_BEFORE: usize = 6;

/// Marks `for_country` (the ISO code) on each adequacy decision named for one country:
/// the country right after it, with only an issuer and a preposition or dash between
/// ("für", "for", "of", "regarding", "–", "(", "der EU-Kommission für"), or right before it
/// ("the UK adequacy decision", "Japan's adequacy decision", "India has been recognised by
/// the European Commission as providing an adequate level", a table row's location cell
/// before its mechanism cell), or the one country inside it ("the European Commission has
/// decided that Japan ensures an adequate level"). The analysis checks that
/// such a decision exists. `hits` are sorted by start.
pub fn mark_adequacy_country(scan: &Scan, hits: &mut [Hit]) {
    let is_adequacy = |h: &Hit| {
        h.kind == FindingKind::Transfer
            && h.value.get("mechanism").and_then(Value::as_str) == Some("adequacy")
    };
    if !hits.iter().any(is_adequacy) {
        return;
    }
    let countries: Vec<(usize, usize, String)> = hits
        .iter()
        .filter(|h| h.kind == FindingKind::Country)
        .filter_map(|h| Some((h.start, h.end, h.value.get("code")?.as_str()?.to_string())))
        .collect();
    for h in hits.iter_mut().filter(|h| is_adequacy(h)) {
        // "The European Commission has decided that Japan ensures an adequate level".
        let mut inside = countries
            .iter()
            .filter(|c| c.0 >= h.start && c.1 <= h.end)
            .map(|c| &c.2);
        let inside = inside.next().filter(|&first| inside.all(|c| c == first));
        let after = countries
            .iter()
            .find(|c| c.0 >= h.end && c.0 - h.end <= DECISION_COUNTRY_GAP)
            .filter(|c| names_country_after(&scan.low[h.end..c.0]));
        // Also across a line break or a cell's bar: "India\nAdequacy decision", "| India |
        // Adequacy decision |", the location and the mechanism cells of one table row.
        let before = countries
            .iter()
            .rev()
            .find(|c| c.1 <= h.start && h.start - c.1 <= DECISION_COUNTRY_BEFORE)
            .filter(|c| {
                let between =
                    scan.low[c.1..h.start].trim_matches(|c: char| c.is_whitespace() || c == '|');
                matches!(between, "" | "'s" | "’s")
            });
        if let Some(code) = inside.or(after.or(before).map(|c| &c.2)) {
            h.value
                .insert("for_country".into(), Value::String(code.clone()));
        }
    }
}

/// Whether `between` (lower case), the words from an adequacy decision to a country,
/// names the decision's country: optionally its issuer ("der EU-Kommission", "of the
/// European Commission"), then a preposition or a dash, then an article.
fn names_country_after(between: &str) -> bool {
    let mut rest = between.trim_start();
    for issuer in [
        "der eu-kommission",
        "der europäischen kommission",
        "der kommission",
        "of the european commission",
        "of the eu commission",
        "of the commission",
        "by the european commission",
        "by the commission",
    ] {
        if let Some(r) = rest.strip_prefix(issuer) {
            rest = r.trim_start();
            break;
        }
    }
    let Some(r) = [
        "für",
        "for",
        "of",
        "regarding",
        "concerning",
        "on",
        "über",
        "zu",
        "–",
        "-",
        ":",
        "(",
    ]
    .iter()
    .find_map(|p| rest.strip_prefix(p)) else {
        return false;
    };
    let mut r = r.trim_start();
    for article in ["die ", "den ", "das ", "the "] {
        if let Some(x) = r.strip_prefix(article) {
            r = x;
            break;
        }
    }
    r.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notes_label_names_one_entry() {
        for (line, want) in [
            ("a) Nr. 3: Microsoft hat Zugriff", Some("nr. 3")),
            ("Zu Ziffer 12: Die Daten", Some("zu ziffer 12")),
            ("- Re item 2: data stays", Some("re item 2")),
            ("12) No. 4 : hosted", Some("no. 4")),
            ("Nr. 1234: zu lang", None),
            ("a) Hinweis: Die Daten", None),
            ("Nr. 3 gilt", None),
            ("äöü) Nr. 3: Umlaute davor", None),
            // A footnote's marker.
            ("[1] Verarbeitung ausschließlich in der EU", Some("[1]")),
            ("² Hosting in Frankfurt", Some("²")),
            ("[1]: https://example.com", None),
            ("[123] zu lang", None),
            ("[a] kein Marker", None),
        ] {
            assert_eq!(note_label(line).as_deref(), want, "{line}");
        }
    }

    #[test]
    fn defaults() {
        let mut v = Map::new();
        v.insert("mechanism".into(), "scc".into());
        v.insert("outdated".into(), true.into());
        complete(&mut v);
        assert_eq!(v["outdated"], true);
        assert_eq!(v["negated"], false);
        let mut s = Map::new();
        s.insert("statement".into(), "eu_only".into());
        complete(&mut s);
        assert_eq!(s["negated"], false);
        assert!(!s.contains_key("historical"));
    }

    /// `mark_adequate_exempt` finds its phrases among the keyword pass's cue words.
    #[test]
    fn adequate_exempt_phrases_are_cue_words() {
        let rules = crate::patterns::Rules::embedded().unwrap();
        let lists = &rules.cues.lists;
        for p in ADEQUATE_EXEMPT {
            assert!(lists.not_negating.iter().any(|w| w == p), "{p}");
        }
    }
}

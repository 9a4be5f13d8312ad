//! Provider mentions from the gazetteer (`patterns/providers.csv`).
//!
//! Ambiguous aliases are matched case-sensitively (`case_sensitive = 1`: "Stripe" but not
//! "stripe"), and common words used as brand names also must not start a sentence
//! (`case_sensitive = 2`: "Front", "Adjust"). Short all-caps aliases ("AWS", "GCP") are
//! always exact. "Google" alone is the company (Google LLC), not Google Cloud Platform.

use serde_json::{Map, Value};

use super::{text, Hit, Scan};
use crate::findings::FindingKind;
use crate::patterns::compile::{CaseRule, CueSet, Term};

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
const SELF_HOSTED: [&str; 24] = [
    "lokal installiert",
    "lokal eingebunden",
    "lokal gehostet",
    "lokales hosting",
    "lokal auf unserem server",
    "selbst gehostet",
    "selbst betrieben",
    "auf unserem eigenen server",
    "auf unseren eigenen servern",
    "auf unserem eigenen webserver",
    "auf unseren eigenen webservern",
    "locally hosted",
    "hosted locally",
    "installed locally",
    "self-hosted",
    "on our own server",
    "on our own web server",
    "self hosted",
    "self-operated",
    "auf eigenen servern",
    "selbst auf unserem server",
    "selbst auf unseren servern",
    // "Wir betreiben die Open-Source-Version von Sentry selbst auf unserer
    // Infomaniak-Infrastruktur", "Jitsi Meet, which we host ourselves".
    "selbst auf unserer",
    "host ourselves",
];

/// How near a mention [`SELF_HOSTED`] words must stand to speak of it, in bytes: right
/// after it ("Google Fonts (lokales Hosting)", "Die Google Fonts sind lokal installiert")
/// ("die Open-Source-Software Sentry in einer eigenen Instanz („self-hosted“)") or right
/// before it ("self-hosted Matomo", "die selbst gehostete Open-Source-Software Matomo",
/// "eine selbst betriebene Instanz der Open-Source-Software Jitsi Meet").
const SELF_HOSTED_AFTER: usize = 48;
/// See [`SELF_HOSTED_AFTER`].
const SELF_HOSTED_BEFORE: usize = 60;

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
        // A relative clause says it of the mention ("Matomo, die auf unserem eigenen
        // Webserver installiert ist"); its comma joins nothing.
        let between = RELATIVE_LEADS
            .iter()
            .find_map(|lead| between.strip_prefix(lead))
            .unwrap_or(between);
        [",", ";", " and ", " und ", " or ", " oder ", " sowie "]
            .iter()
            .any(|j| between.contains(j))
    };
    let after = &low[end..text::floor_boundary(low, to.min(end + SELF_HOSTED_AFTER)).max(end)];
    let before_from = text::ceil_boundary(low, from.max(start.saturating_sub(SELF_HOSTED_BEFORE)));
    let before = &low[before_from.min(start)..start];
    // The product moved to ("von Google BigQuery auf eine selbst betriebene
    // ClickHouse-Instanz") or the host of a self-hosted product ("eine selbst gehostete
    // Mattermost-Instanz bei IONOS") is another.
    let hands_over = |between: &str, words: &[&str]| words.iter().any(|w| between.contains(w));
    // The nearest words on either side: a join before the first after the mention, or
    // after the last before it, stands before all others too.
    words.find(after).is_some_and(|m| {
        let between = &after[..m.start()];
        // "Matomo, self-hosted at Infomaniak": the words set off by a comma alone, as an
        // apposition; not an attribute of the next item ("Google Analytics, self-hosted
        // Matomo").
        let apposition = between.trim() == ","
            && APPOSITION_FOLLOWERS
                .iter()
                .any(|f| after[m.end()..].trim_start().starts_with(f));
        (apposition || !joins(between))
            && !hands_over(between, &[" auf ", " to ", " zu ", " durch ", " by "])
    }) || words.find_iter(before).last().is_some_and(|m| {
        let between = &before[m.end()..];
        // "… Sentry selbst auf unserer Infomaniak-Infrastruktur": what follows such words
        // is the host.
        let names_host = before[..m.end()].ends_with(" unserer");
        !names_host
            && !joins(between)
            && !hands_over(between, &[" bei ", " at ", " on ", " with ", " von "])
    })
}

/// What may follow [`SELF_HOSTED`] words set off after a mention by a comma alone for them
/// to be an apposition of it (lower case): a place or host, or the clause's end.
const APPOSITION_FOLLOWERS: [&str; 12] = [
    "at ", "on ", "in ", "by ", "via ", "bei ", "auf ", "im ", "(", ",", ";", "|",
];

/// How a relative clause or a participle right after a mention begins (lower case): what
/// it says is said of the mention ([`self_hosted`]: "Matomo, installed on our own server").
const RELATIVE_LEADS: [&str; 9] = [
    ", die ",
    ", der ",
    ", das ",
    ", which ",
    ", that ",
    ", welche ",
    ", installed ",
    ", hosted ",
    ", gehostet ",
];

/// One automaton over [`SELF_HOSTED`], built once (a substring search per word and
/// mention set up a searcher each time: +35 % instructions over ../shared/realworld).
fn self_hosted_words() -> Option<&'static aho_corasick::AhoCorasick> {
    static WORDS: WordAutomaton = std::sync::OnceLock::new();
    word_automaton(&WORDS, &SELF_HOSTED)
}

/// An automaton over a fixed word list, built on first use.
type WordAutomaton = std::sync::OnceLock<Option<aho_corasick::AhoCorasick>>;

/// The automaton in `cell` over `words`, built the first time it is asked for.
fn word_automaton(
    cell: &'static WordAutomaton,
    words: &[&str],
) -> Option<&'static aho_corasick::AhoCorasick> {
    cell.get_or_init(|| aho_corasick::AhoCorasick::new(words).ok())
        .as_ref()
}

/// Words that negate a provider named a few words after them (lower case): "kein Google
/// Analytics", "keine Nutzungsdaten an Apple", "weder Amazon Web Services", "We do not
/// use Google Analytics". A part of `negation.before` in `patterns/cues.toml` (whose
/// occurrences [`mark_negated`] asks first): not "ohne"/"without" ("without your consent
/// we load Google Fonts"), "cannot" ("cannot rule out transfers to Google") or "none".
const NEGATIONS: [&str; 19] = [
    "kein",
    "keine",
    "keinen",
    "keinem",
    "keiner",
    "keines",
    "keinerlei",
    "nicht",
    "niemals",
    "nie",
    "weder",
    "no",
    "not",
    "never",
    "neither",
    "nor",
    "don't",
    "doesn't",
    "won't",
];

/// Most bytes before a provider in which [`negation_before`] looks for its negation: more
/// than [`NEGATION_REACH_WORDS`] words and the negation take.
const NEGATION_REACH_BYTES: usize = 120;

/// Most words between a negation and the provider it negates: "keine personenbezogenen
/// Daten an Google", "do not share your personal data with Facebook".
const NEGATION_REACH_WORDS: usize = 5;

/// The only words that may stand between a negation and the provider it negates (lower
/// case): what is used or sent and to whom ("kein Google Analytics", "keine Produkte von
/// Microsoft 365", "nicht an Google Maps", "We do not share your data with Facebook").
/// Any other word shows that the negation is about something else, with the provider as
/// its actor or place: "not hosted by Automattic", "does not affect GitHub's rights",
/// "not carried out by Hetzner directly", "nor our partner Mullvad".
const BETWEEN_NEGATION_AND_PROVIDER: [&str; 105] = [
    "an",
    // "Wir setzen keine Analyse- oder Tracking-Tools (z. B. Google Analytics) ein",
    // "es besteht keine Verbindung zu Google".
    "analyse",
    "analyse-tools",
    "tracking-tools",
    "oder",
    "or",
    "z",
    "b",
    "e.g",
    "such",
    "as",
    "wie",
    "etwa",
    "beispielsweise",
    "zu",
    "zum",
    "zur",
    "verbindung",
    "verbindungen",
    "connection",
    "connections",
    "webanalyse",
    "tracking",
    "analytics",
    "via",
    "über",
    "to",
    "with",
    "mit",
    "von",
    "of",
    "die",
    "der",
    "den",
    "dem",
    "das",
    "des",
    "the",
    "any",
    "a",
    "your",
    "ihre",
    "ihren",
    "ihrer",
    "unsere",
    "unserer",
    "our",
    "personal",
    "personenbezogenen",
    "personenbezogene",
    "data",
    "daten",
    "nutzungsdaten",
    "information",
    "informationen",
    "use",
    "using",
    "utilise",
    "utilize",
    "employ",
    "verwenden",
    "nutzen",
    "einsetzen",
    "setzen",
    "produkte",
    "products",
    "dienste",
    "services",
    "tools",
    // "We do not use third-party providers such as Google Analytics".
    "third-party",
    "providers",
    "share",
    "sell",
    "transfer",
    "send",
    "disclose",
    // "no data is sent to LinkedIn before you click on them".
    "is",
    "are",
    "sent",
    "shared",
    "transferred",
    // "We do not offer PayPal", "akzeptieren wir nicht".
    "offer",
    "accept",
    // "We also do not embed YouTube videos".
    "embed",
    "integrate",
    "load",
    "einbinden",
    "akzeptieren",
    "übermitteln",
    // "Es findet keine Übermittlung an OpenAI … statt", "no transfers of personal data to
    // Anthropic".
    "übermittlung",
    "übertragung",
    "datenübermittlung",
    "weitergabe",
    "transfers",
    "disclosure",
    "weitergeben",
    "geben",
    "anfrage",
    "anfragen",
    "requests",
    "server",
    "servern",
    "wir",
    "we",
    "sie",
];

/// Words that open a clause of their own or a condition (lower case): a phrase of
/// [`NOT_USED_AFTER`] after one of them speaks of that clause, not of the provider
/// before it ("Google Analytics wird ohne Ihre Einwilligung nicht eingesetzt").
const CLAUSE_WORDS: [&str; 16] = [
    "dass", "that", "which", "who", "wenn", "if", "unless", "but", "sondern", "außer", "except",
    "ohne", "without", "nur", "only", "erst",
];

/// Phrases that say, after a provider, that it is not used (lower case): "Google
/// Analytics wird nicht eingesetzt", "Microsoft 365 wird in der Gruppe nicht eingesetzt".
const NOT_USED_AFTER: [&str; 36] = [
    "nicht eingesetzt",
    // "PayPal, Klarna oder Amazon Pay bieten wir nicht an."
    "bieten wir nicht an",
    "wird nicht angeboten",
    "werden nicht angeboten",
    "is not offered",
    "are not offered",
    // "Google Fonts laden wir nicht von Google-Servern".
    "laden wir nicht",
    "is not loaded",
    "are not loaded",
    // "Kreditkarten oder PayPal akzeptieren wir nicht."
    "akzeptieren wir nicht",
    "wird nicht akzeptiert",
    "werden nicht akzeptiert",
    "is not accepted",
    "are not accepted",
    // "Google Maps ist auf unserer Website nicht eingebunden."
    "nicht eingebunden",
    "nicht integriert",
    "is not integrated",
    "are not integrated",
    "nicht verwendet",
    "nicht genutzt",
    "kommt nicht zum einsatz",
    "kommen nicht zum einsatz",
    "setzen wir nicht ein",
    "nutzen wir nicht",
    "verwenden wir nicht",
    // "Eine Einbindung von Google Maps auf unserer Website erfolgt nicht." (the sentence
    // ends there: "erfolgt nicht ohne Ihre Einwilligung" says something else).
    "erfolgt nicht.",
    "findet nicht statt.",
    "binden wir nicht ein",
    "is not embedded",
    "are not embedded",
    "is not used",
    "are not used",
    "is not in use",
    "are not in use",
    "is never used",
    // "Der … erwogene Einsatz der Hetzner Online GmbH … wird nicht umgesetzt".
    "wird nicht umgesetzt",
];

/// Phrases that say, after a provider, that no data reaches it from the document's owner
/// (lower case): it runs on the reader's own device ("(e.g. Adobe Acrobat Reader or Apple
/// Preview), the document is processed locally on your device"), or the document only
/// links to it ("Auf Instagram und Mastodon verweisen wir nur über einfache Links").
const OUT_OF_REACH_AFTER: [&str; 15] = [
    "processed locally on your device",
    "locally on your own device",
    "lokal auf ihrem gerät",
    "lokal auf ihrem endgerät",
    // "nur" opens a clause of its own (`CLAUSE_WORDS`): the phrases that hold it.
    "nur über einfache links",
    "only via simple links",
    "einfache links",
    "einfacher link",
    "nur über links",
    "nur verlinkt",
    "simple link",
    "simple hyperlink",
    "plain link",
    "plain hyperlink",
    "only linked",
];

/// Whether `after` (lower case, the rest of the mention's sentence) says in its clause,
/// as [`NOT_USED_AFTER`] would, a phrase of [`OUT_OF_REACH_AFTER`]; only read where one of
/// their words stands ("lokal", "locally", "link").
fn out_of_reach_after(after: &str) -> bool {
    static PHRASES: WordAutomaton = std::sync::OnceLock::new();
    ["lokal", "locally", "link"]
        .iter()
        .any(|w| after.contains(w))
        && phrase_after(after, &OUT_OF_REACH_AFTER, &PHRASES)
}

/// Phrases that say, after a provider, that it was removed or no longer receives data
/// (lower case): "Datadog, Inc. was removed as a Sub-processor", "Google Cloud EMEA
/// Limited wird seit dem 1. Januar 2025 nicht mehr eingesetzt".
const REMOVED_AFTER: [&str; 17] = [
    // "eine Übermittlung an Google findet seither nicht mehr statt".
    "nicht mehr statt",
    "was removed",
    "were removed",
    "been removed",
    "wurde entfernt",
    "wurden entfernt",
    "no longer receives",
    "no longer receive",
    // "Zendesk, Inc. no longer has access to customer personal data."
    "no longer has",
    "no longer have",
    "is no longer",
    "are no longer",
    "ist nicht mehr",
    "nicht mehr eingesetzt",
    "nicht mehr genutzt",
    "nicht mehr verwendet",
    "no longer used",
];

/// The history cue words of `patterns/cues.toml` that every phrase of [`REMOVED_AFTER`]
/// holds (its precheck).
const REMOVED_CUES: [&str; 5] = ["removed", "entfernt", "ersetzt", "no longer", "nicht mehr"];

/// Whether `after` (lower case, from the mention to the sentence end) says in the
/// mention's clause, at most [`NOT_USED_REACH_WORDS`] words on, that the provider was
/// removed ([`REMOVED_AFTER`]).
pub(crate) fn removed_after(after: &str) -> bool {
    let after = past_relative_clause(after);
    phrase_after(after, &REMOVED_AFTER, &REMOVED_PHRASES) || removed_entry(after)
}

/// The words that open a relative clause after a name and its comma (lower case).
const RELATIVE_PRONOUNS: [&str; 7] = ["which", "who", "that", "die", "der", "das", "welche"];

/// `after` (lower case, from a mention on) past the relative clause it opens with, from
/// the comma that closes it: "Google Cloud|, which was listed in the previous version of
/// this Schedule (June 2025)|, is no longer used." Unchanged without one, or when no comma
/// closes it within [`NOT_USED_REACH_BYTES`].
fn past_relative_clause(after: &str) -> &str {
    let Some(rest) = after.strip_prefix(", ") else {
        return after;
    };
    let opens = text::words(rest)
        .next()
        .is_some_and(|w| RELATIVE_PRONOUNS.contains(&w));
    let reach = &rest[..text::floor_boundary(rest, NOT_USED_REACH_BYTES)];
    match reach.find(", ") {
        Some(k) if opens && !reach[..k].contains(['.', ';', '\n']) => &rest[k..],
        _ => after,
    }
}

/// Most words of a change log's entry after the name it removes ("entfernt", "removed
/// from the list").
const REMOVED_ENTRY_WORDS: usize = 6;

/// Whether `after` (lower case, from the mention on) is the rest of a change log's entry
/// that removes or replaces the mention: "Mailgun Technologies, Inc. entfernt; Mailwerk
/// Deutschland GmbH aufgenommen", "Helpline Systems GmbH durch Zendesk, Inc. ersetzt".
/// The rest of the company's name up to its legal form is skipped (a provider's mention
/// "Mailgun" before "Technologies, Inc."); the entry ends at ';', '|' or a line break.
fn removed_entry(after: &str) -> bool {
    let after = &after[..text::floor_boundary(after, NOT_USED_REACH_BYTES)];
    let clause = after.split([';', '|', '\n']).next().unwrap_or_default();
    let words: Vec<&str> = text::words(clause).collect();
    let rest = words
        .iter()
        .take(NAME_REST_WORDS + 1)
        .position(|w| LIST_LEGAL_FORMS.contains(w))
        .map_or(0, |k| k + 1);
    // The legal form found may be the successor's ("durch Zendesk, Inc. ersetzt").
    [0, rest].into_iter().any(|k| {
        let words = &words[k..];
        match words.first() {
            // "#12 Mailvane Inc. removed. 14 February 2025 – …": the entry's sentence ends;
            // "15.03.2023 – Google Analytics entfernt, Matomo eingeführt": its clause does.
            Some(&w @ ("entfernt" | "removed")) => {
                words.len() <= REMOVED_ENTRY_WORDS
                    || clause.find(w).is_some_and(|i| {
                        let rest = &clause[i + w.len()..];
                        rest == "." || rest.starts_with(". ") || rest.starts_with(',')
                    })
            }
            Some(&"durch") => words
                .iter()
                .take(NOT_USED_REACH_WORDS)
                .any(|w| *w == "ersetzt"),
            _ => false,
        }
    })
}

/// The automaton over [`REMOVED_AFTER`].
static REMOVED_PHRASES: WordAutomaton = std::sync::OnceLock::new();

/// Most words between a provider and [`NOT_USED_AFTER`]: the rest of a list
/// ("Google Analytics, Firebase und Meta werden nicht eingesetzt").
const NOT_USED_REACH_WORDS: usize = 8;

/// Words that join the items of a list of providers ("weder Amazon Web Services noch
/// Google Cloud oder Microsoft Azure", "kein Google Analytics, kein Firebase").
const LIST_JOINERS: [&str; 16] = [
    "oder", "und", "noch", "sowie", "bzw", "or", "nor", "and", "kein", "keine", "keinen", "no",
    "nicht", "auch", "an", "to",
];

/// Marks the provider hits that a negation governs (`"negated": true` in their value):
/// a word of `NEGATIONS` at most `NEGATION_REACH_WORDS` words before the mention in
/// its clause (no ',', ';' or ':' between), only `BETWEEN_NEGATION_AND_PROVIDER` between; a
/// phrase of `NOT_USED_AFTER` after it in its clause; or, in a list, the provider named
/// before it in the same sentence is negated and only `LIST_JOINERS` and at most one
/// other word stand between. A provider the document puts in the past is marked too
/// (`"historical": true` as well): a word of `FORMERLY` before it in its clause, only
/// those words or `USE_NOUNS` between ("die frühere Einbindung von Google Analytics"), or
/// a label of what was removed before its colon ("Formerly listed: Mailgun"). No data
/// reaches a provider that the document says it does not use. `hits` are sorted by start.
pub fn mark_negated(scan: &Scan, hits: &mut [Hit]) {
    // The previous provider hit: its end, its sentence's start, and whether it is negated.
    let mut previous: Option<(usize, usize, bool)> = None;
    for h in hits.iter_mut().filter(|h| h.kind == FindingKind::Provider) {
        let (from, to) = scan.sentence(h.start, h.end);
        let low = scan.low.as_str();
        let continues = previous.is_some_and(|(end, sent, negated)| {
            negated && sent == from && end <= h.start && joins_a_list(&low[end..h.start])
        });
        // The cue words found in the keyword pass tell cheaply whether a negation stands
        // near at all (most mentions have none); only then are the words read.
        let before = h.start.saturating_sub(NEGATION_REACH_BYTES).max(from);
        let sentence_before = &low[text::ceil_boundary(low, from.min(h.start))..h.start];
        // The rest of the sentence after the mention.
        let sentence_after = &low[h.end..text::floor_boundary(low, to.max(h.end))];
        let negated = continues
            || example_in_definition(sentence_before)
            // Every denial holds a negation word: its occurrence near is asked first.
            || (negation_cue_in(
                scan,
                (
                    h.start.saturating_sub(LABEL_BYTES),
                    h.end + DENIAL_REACH_BYTES,
                ),
                None,
            ) && role_denied(scan.text, h.start, h.end))
            || (negation_cue_in(scan, (before, h.start), None)
                && negation_before(sentence_before)
                && !negation_is_label_value(
                    &scan.text[text::ceil_boundary(scan.text, before).min(h.start)..h.start],
                ))
            // "keine Dienste von Anbietern mit Sitz … in den USA (z. B. Microsoft 365".
            || (negation_cue_in(
                scan,
                (h.start.saturating_sub(EXAMPLES_REACH_BYTES), h.start),
                Some(&NEGATIONS),
            ) && negated_kind_before_examples(sentence_before))
            || (negation_cue_in(
                scan,
                (h.end, h.end + NOT_USED_REACH_BYTES + ASIDE_BYTES),
                Some(&NOT_USED_CUES),
            ) && not_used_after(sentence_after))
            || out_of_reach_after(sentence_after)
            || denied_subject_sentence(sentence_before, sentence_after);
        // "Die HR Suite bietet die optionale Funktion „SmartScreen“ (… der OpenAI, L.L.C.
        // …). … Der Auftraggeber hat SmartScreen nicht gebucht": an optional feature that
        // is off.
        let negated = negated
            || cue_in(
                scan,
                (h.end, h.end + SWITCHED_OFF_REACH_BYTES),
                CueSet::SWITCHED_OFF,
                None,
            ) && switched_off(scan, h.end, (sentence_before, sentence_after));
        // "… mit Shopify, WooCommerce … verbinden. Diese Anbieter … sind keine
        // Subunternehmer von Alpenkontakt": a later sentence denies them all.
        let negated = negated
            || negation_cue_in(
                scan,
                (to, to + BACK_REFERENCE_REACH_BYTES),
                Some(&["keine", "no", "not", "weder", "neither"]),
            ) && denied_by_back_reference(scan, to);
        // "Die frühere Einbindung von Google Analytics … wurde entfernt": a provider the
        // document no longer uses is not used either.
        // "D. Nicht mehr eingesetzte Unterauftragsverarbeiter ⏎ * Twilio Inc., …": an
        // entry of a list of former providers.
        // "Datadog, Inc. was removed as a Sub-processor on 30 June 2024": removed since.
        let removed = || {
            cue_in(
                scan,
                (h.end, h.end + NOT_USED_REACH_BYTES),
                CueSet::HISTORICAL_BEFORE,
                Some(&REMOVED_CUES),
            ) && removed_after(sentence_after)
        };
        // Whether the mention leads a list item or a table row.
        let leads = text::leads_item(scan.text, h.start);
        let historical = !negated
            && (removed()
                // "| 1.0 | 1 March 2021 | First version (backups with Backblaze, USA) |"
                // under "Version history": what an earlier version said.
                || scan.in_change_log(h.start)
                || cue_in(scan, (from, h.start), CueSet::HISTORICAL_BEFORE, None)
                    && (historical_before(sentence_before)
                        || text::after_former_label(sentence_before)
                        || ended_use_before(sentence_before))
                || used_until(sentence_before, sentence_after)
                || leads
                    && cue_in(
                        scan,
                        (h.start.saturating_sub(text::FORMER_HEADING_REACH), h.start),
                        CueSet::HISTORICAL_BEFORE,
                        None,
                    )
                    && text::in_former_list(scan.text, h.start));
        // "3. Geplante Unterauftragsverarbeiter ⏎ | OpenAI Ireland Ltd | …": an entry of a
        // list of providers not used yet.
        let planned = !negated
            && !historical
            && leads
            && cue_in(
                scan,
                (h.start.saturating_sub(text::FORMER_HEADING_REACH), h.start),
                CueSet::HYPOTHETICAL_BEFORE,
                Some(&text::PLANNED_LABEL_WORDS),
            )
            && text::in_planned_list(scan.text, h.start);
        if negated || historical || planned {
            h.value.insert("negated".into(), Value::Bool(true));
        } else if names_policy_owner(scan, from, h.start, sentence_after) {
            // "Näheres entnehmen Sie der Datenschutzerklärung von Instagram": the mention
            // names whose policy the reader may read, no recipient.
            h.value.insert("policy_reference".into(), Value::Bool(true));
        }
        if historical {
            h.value.insert("historical".into(), Value::Bool(true));
        }
        if planned {
            h.value.insert("planned".into(), Value::Bool(true));
        }
        previous = Some((h.end, from, negated || historical || planned));
    }
    mark_former_regions(scan, hits);
}

/// Most bytes between a provider and the code of its cloud region after it ("AWS
/// us-east-1", "AWS-Region eu-central-1", "Azure region: westeurope").
const REGION_AFTER_PROVIDER_BYTES: usize = 16;

/// Marks a cloud region's code that follows a provider of the past (`"historical": true`)
/// as past too (`"negated"` and `"historical"`): "Atlassian …, hosted in AWS us-east-1
/// (USA), was used for the helpdesk until 30 June 2023" names no place the data goes now.
/// Only words of a region ("region", "-", ":") may stand between. `hits` are sorted by
/// start.
fn mark_former_regions(scan: &Scan, hits: &mut [Hit]) {
    let mut former_end: Option<usize> = None;
    for h in hits.iter_mut() {
        match h.kind {
            FindingKind::Provider => {
                former_end =
                    (h.value.get("historical") == Some(&Value::Bool(true))).then_some(h.end);
            }
            FindingKind::Location if h.rule == "location.region_code" => {
                let Some(end) = former_end
                    .filter(|&e| e <= h.start && h.start - e <= REGION_AFTER_PROVIDER_BYTES)
                else {
                    continue;
                };
                let between = scan.low[end..h.start]
                    .trim_matches(|c: char| c.is_whitespace() || "-:".contains(c));
                if between.is_empty() || between == "region" {
                    h.value.insert("negated".into(), Value::Bool(true));
                    h.value.insert("historical".into(), Value::Bool(true));
                }
            }
            _ => {}
        }
    }
}

/// Words that name another organisation's privacy policy (lower case): "der
/// Datenschutzerklärung von Instagram", "es gelten die Datenschutzbestimmungen von
/// LinkedIn", "the privacy policy of Vimeo".
const POLICY_WORDS: [&str; 9] = [
    "datenschutzerklärung",
    "datenschutzbestimmungen",
    "datenschutzhinweise",
    "datenschutzrichtlinie",
    "datenschutzinformationen",
    "privacy policy",
    "privacy policies",
    "privacy notice",
    "privacy statement",
];

/// Words that may stand between [`POLICY_WORDS`] and the organisations whose policy it
/// is, besides their names (lower case): "der Datenschutzerklärung von Instagram (…), von
/// LinkedIn (…) bzw. von Vimeo".
const POLICY_OWNER_JOINERS: [&str; 13] = [
    "von",
    "der",
    "des",
    "of",
    "the",
    "bzw",
    "oder",
    "or",
    "und",
    "and",
    "sowie",
    "jeweiligen",
    "respective",
];

/// Most bytes between [`POLICY_WORDS`] and a mention that [`names_policy_owner`] reads.
const POLICY_OWNER_REACH_BYTES: usize = 160;

/// Whether the provider at `start` (its sentence starting at `from`; `after`, lower case,
/// the rest of the sentence) names only whose privacy policy the reader may consult: it
/// follows [`POLICY_WORDS`] in its clause with only [`POLICY_OWNER_JOINERS`], capitalised
/// names and brackets between ("Näheres entnehmen Sie bitte der Datenschutzerklärung von
/// Instagram (Meta Platforms Ireland Ltd.), von LinkedIn (…) bzw. von Vimeo"), or it is
/// followed by "'s privacy policy" ("see Vimeo's privacy policy").
fn names_policy_owner(scan: &Scan, from: usize, start: usize, after: &str) -> bool {
    static POLICY: WordAutomaton = std::sync::OnceLock::new();
    if ["'s privacy", "’s privacy"]
        .iter()
        .any(|p| after.starts_with(p))
    {
        return true;
    }
    let Some(policy) = word_automaton(&POLICY, &POLICY_WORDS) else {
        return false;
    };
    let a = text::ceil_boundary(
        scan.text,
        from.max(start.saturating_sub(POLICY_OWNER_REACH_BYTES)),
    );
    let low = &scan.low[a.min(start)..start];
    let Some(m) = policy.find_iter(low).last() else {
        return false;
    };
    let between = &scan.text[a + m.end()..start];
    if between.contains([';', ':']) {
        return false;
    }
    // The brackets' contents aside ("(Meta Platforms Ireland Ltd.)").
    let mut depth = 0usize;
    let outside: String = between
        .chars()
        .map(|c| {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth > 0 || c == ')' {
                ' '
            } else {
                c
            }
        })
        .collect();
    // A mention inside a bracket opens it ("(Meta Platforms Ireland Ltd.)"), else the
    // bracket lists other things ("privacy policies (Word 365, LibreOffice 6, Google Docs").
    if depth > 0
        && between
            .rsplit('(')
            .next()
            .is_some_and(|b| !b.trim().is_empty())
    {
        return false;
    }
    let names_only = text::words(&outside).all(|w| {
        POLICY_OWNER_JOINERS.contains(&w.to_lowercase().as_str())
            || w.starts_with(char::is_uppercase)
    });
    names_only
}

/// Phrases that say a feature is off for the document's customer or was not booked
/// (lower case): cue words of the keyword pass ([`CueSet::SWITCHED_OFF`]). Not a default
/// a user may change ("standardmäßig deaktiviert", "disabled until you consent"): a
/// provider loaded on consent is used.
pub const SWITCHED_OFF: [&str; 16] = [
    "switched off",
    "turned off",
    "technically disabled",
    "not booked",
    "not been booked",
    "not purchased",
    "not been purchased",
    "not subscribed",
    "nicht gebucht",
    "nicht erworben",
    "nicht beauftragt",
    "nicht freigeschaltet",
    "technisch deaktiviert",
    "ausgeschaltet",
    "abgeschaltet",
    "possible but not activated",
];

/// Words of a sentence that offers an optional feature, integration or add-on (lower
/// case): "bietet die optionale Funktion", "offers an integration with", "can be
/// switched on".
const OPTIONAL_FEATURE: [&str; 13] = [
    "optional",
    "add-on",
    "integration with",
    "integration mit",
    "integrations",
    "integrationen",
    "schnittstelle zu",
    "can be switched on",
    "can be enabled",
    "can be activated",
    "zubuchbar",
    "zuschaltbar",
    "technically possible",
];

/// Most bytes after a provider in which [`SWITCHED_OFF`] is looked for: its sentence and
/// the next two of its paragraph ("Die Integration ist für die Auftraggeberin nicht
/// freigeschaltet").
const SWITCHED_OFF_REACH_BYTES: usize = 400;

/// The words that open a sentence speaking of the feature of the sentence before (lower
/// case): "The integration is …", "Diese Funktion ist …".
const FEATURE_REFERENCES: [&str; 16] = [
    "the integration",
    "this integration",
    "the add-on",
    "this add-on",
    "the feature",
    "this feature",
    "it is",
    "die integration",
    "diese integration",
    "das add-on",
    "dieses add-on",
    "die funktion",
    "diese funktion",
    "sie ist",
    "es ist",
    "die schnittstelle",
];

/// Whether the provider ending at `end`, in a sentence that offers an optional feature
/// ([`OPTIONAL_FEATURE`]; `before` and `after` are the sentence's parts around the
/// mention, lower case), is said off or not booked ([`SWITCHED_OFF`]): after it in its
/// sentence ("Optional conversion tracking for the Hotel's own Google Ads … can be
/// switched on by the Hotel …; it is switched off"), or in one of the next two sentences
/// of its paragraph that speaks of the feature, by its opening words
/// ([`FEATURE_REFERENCES`]: "Havn CRM offers an integration with LinkedIn Sales
/// Navigator. The integration is … technically disabled") or by a name quoted in the
/// mention's sentence ("die optionale Funktion „SmartScreen“ (… der OpenAI, L.L.C. …). …
/// Der Auftraggeber hat SmartScreen nicht gebucht").
fn switched_off(scan: &Scan, end: usize, (before, after): (&str, &str)) -> bool {
    static OPTIONAL: WordAutomaton = std::sync::OnceLock::new();
    static OFF: WordAutomaton = std::sync::OnceLock::new();
    let (Some(optional), Some(off)) = (
        word_automaton(&OPTIONAL, &OPTIONAL_FEATURE),
        word_automaton(&OFF, &SWITCHED_OFF),
    ) else {
        return false;
    };
    if !(optional.is_match(before) || optional.is_match(after)) {
        return false;
    }
    if off.is_match(after) {
        return true;
    }
    let quoted: Vec<&str> = [before, after].into_iter().flat_map(quoted_names).collect();
    next_sentences(scan, end + after.len(), end + SWITCHED_OFF_REACH_BYTES).any(|sentence| {
        let opening = sentence.trim_start_matches(|c: char| {
            c.is_ascii_digit() || matches!(c, '.' | ' ' | '(' | ')' | '§')
        });
        off.is_match(sentence)
            && (FEATURE_REFERENCES.iter().any(|r| opening.starts_with(r))
                || quoted.iter().any(|q| sentence.contains(q)))
    })
}

/// The next two sentences of the paragraph after the sentence ending at `pos` (lower
/// case, as far as `limit` in bytes reaches); fewer when the paragraph ends sooner (at a
/// blank line, or a line that opens a list item or a table row).
fn next_sentences<'s>(
    scan: &'s Scan<'_>,
    mut pos: usize,
    limit: usize,
) -> impl Iterator<Item = &'s str> {
    let low = scan.low.as_str();
    let limit = text::floor_boundary(low, limit.min(low.len()));
    let mut left = 2;
    std::iter::from_fn(move || {
        if left == 0 {
            return None;
        }
        left -= 1;
        // Line breaks as written: the lower-cased copy has spaces for them.
        let rest = &scan.text[pos.min(limit)..limit];
        let skip = rest.len() - rest.trim_start_matches(['.', ' ', '\t', '\n']).len();
        // A blank line, or a new list item or table row, ends the paragraph.
        let item = rest[..skip].contains('\n') && rest[skip..].starts_with(['-', '*', '•', '|']);
        if rest[..skip].contains("\n\n") || skip == rest.len() || item {
            return None;
        }
        let (a, z) = scan.sentence(pos + skip, pos + skip);
        let sentence = &low[a.max(pos + skip)..z.min(limit).max(pos + skip)];
        pos = z.max(pos + skip + 1);
        Some(sentence)
    })
}

/// Words that refer back to the organisations the sentence before named (lower case):
/// "Diese Anbieter werden von den Kunden selbst beauftragt", "keine Daten an diese
/// Netzwerke".
const BACK_REFERENCES: [&str; 24] = [
    "diese anbieter",
    // "… Autodesk Revit, Enscape and Adobe Photoshop. These product names appear in the
    // image credits only; the vendors receive no data about our visitors."
    "these product names",
    "diese produktnamen",
    "the vendors",
    "die hersteller",
    // "(z. B. Stripe, Adyen oder Nexi). Diese Zahlungsdienstleister sind weder …".
    "diese zahlungsdienstleister",
    "these payment providers",
    "these payment service providers",
    "diesen anbietern",
    "diese dienste",
    "diesen diensten",
    "diese dienstleister",
    "diese netzwerke",
    "diesen netzwerken",
    "diese kanäle",
    "diesen kanälen",
    "diese plattformen",
    "diesen plattformen",
    "these providers",
    "these services",
    "these networks",
    "these channels",
    "these platforms",
    "these vendors",
];

/// Phrases that say what a sentence refers back to receives no data from the document's
/// owner (lower case): "… sind keine Subunternehmer von Alpenkontakt", "Über diese
/// Kanäle werden keine Kundendaten bearbeitet".
const RECEIVES_NOTHING: [&str; 15] = [
    "keine daten",
    "keine personenbezogenen daten",
    "keine kundendaten",
    "keine personendaten",
    "keine subunternehmer",
    "keine unterauftragsverarbeiter",
    "no data",
    "no personal data",
    "no customer data",
    "not sub-processors",
    "not subprocessors",
    // "… sind weder Unterauftragsverarbeiter des Auftragnehmers noch erhalten sie Daten".
    "weder unterauftragsverarbeiter",
    "weder subunternehmer",
    "neither sub-processors",
    "neither subprocessors",
];

/// Words of a condition or an exception (lower case): a sentence with one of them
/// ("Ohne Ihre Einwilligung werden keine Daten an diese Netzwerke übertragen") denies
/// nothing for good.
const CONDITION_WORDS: [&str; 14] = [
    "ohne", "without", "unless", "außer", "except", "sofern", "soweit", "wenn", "if", "erst",
    "nur", "only", "until", "bis",
];

/// Most bytes after a provider in which [`denied_by_back_reference`] reads: its sentence
/// and the next two of its paragraph.
const BACK_REFERENCE_REACH_BYTES: usize = 400;

/// Whether one of the next two sentences of the paragraph after the provider's sentence
/// (which ends at `to`) refers back to the organisations named before
/// ([`BACK_REFERENCES`]) and says they receive no data ([`RECEIVES_NOTHING`]), with no
/// condition ([`CONDITION_WORDS`]) and no other role that receives data after it
/// ([`OTHER_ROLE_WORDS`]): "Kundinnen und Kunden können Alpenkontakt CRM … mit Shopify,
/// WooCommerce, Google Workspace oder Microsoft 365 verbinden. Diese Anbieter werden von
/// den Kundinnen und Kunden selbst beauftragt und sind keine Subunternehmer von
/// Alpenkontakt."
fn denied_by_back_reference(scan: &Scan, to: usize) -> bool {
    static REFERENCES: WordAutomaton = std::sync::OnceLock::new();
    static NOTHING: WordAutomaton = std::sync::OnceLock::new();
    let (Some(references), Some(nothing)) = (
        word_automaton(&REFERENCES, &BACK_REFERENCES),
        word_automaton(&NOTHING, &RECEIVES_NOTHING),
    ) else {
        return false;
    };
    let whole = |sentence: &str, m: &aho_corasick::Match| {
        text::at_word_bounds(sentence, m.start(), m.end())
    };
    next_sentences(scan, to, to + BACK_REFERENCE_REACH_BYTES).any(|sentence| {
        references.find_iter(sentence).any(|m| whole(sentence, &m))
            && nothing.find_iter(sentence).any(|m| {
                // The condition would stand in the denial's clause: "These product names
                // appear in the image credits only; the vendors receive no data".
                let from = sentence[..m.start()].rfind(';').map_or(0, |k| k + 1);
                let to = sentence[m.end()..]
                    .find(';')
                    .map_or(sentence.len(), |k| m.end() + k);
                whole(sentence, &m)
                    && !text::words(&sentence[m.end()..]).any(|w| OTHER_ROLE_WORDS.contains(&w))
                    && !text::words(&sentence[from..to]).any(|w| CONDITION_WORDS.contains(&w))
            })
    })
}

/// The names in quotation marks in `s` (lower case): "„smartscreen“" gives "smartscreen".
fn quoted_names(s: &str) -> impl Iterator<Item = &str> {
    s.split(['„', '“', '”', '"', '«', '»'])
        .skip(1)
        .step_by(2)
        .map(str::trim)
        .filter(|q| (3..=40).contains(&q.len()))
}

/// The verbs of a definition (lower case, with their spaces): "\"Hyperscale Cloud
/// Provider\" means …".
const DEFINES: [&str; 5] = [
    " means ",
    " refers to ",
    " bezeichnet ",
    " bedeutet ",
    " meint ",
];

/// The words that give examples (lower case).
const EXAMPLE_WORDS: [&str; 8] = [
    "e.g.",
    "such as",
    "for example",
    "for instance",
    "z. b.",
    "z.b.",
    "beispielsweise",
    "wie etwa",
];

/// Whether `sentence_before` (lower case, the mention's sentence up to it) defines a
/// term and gives the provider as an example of it: "\"Hyperscale Cloud Provider\" means
/// a provider of … cloud services, e.g. Amazon Web Services" names no provider the
/// document uses.
fn example_in_definition(sentence_before: &str) -> bool {
    // The example word stands near the mention (most mentions have none), the verb of
    // the definition anywhere before it in the sentence.
    let near = text::ceil_boundary(
        sentence_before,
        sentence_before.len().saturating_sub(EXAMPLE_REACH_BYTES),
    );
    let Some(examples) = word_automaton(&EXAMPLE_PHRASES, &EXAMPLE_WORDS) else {
        return false;
    };
    let Some(example) = examples.find_iter(&sentence_before[near..]).last() else {
        return false;
    };
    let before = &sentence_before[..near + example.start()];
    word_automaton(&DEFINE_PHRASES, &DEFINES).is_some_and(|d| d.is_match(before))
}

/// The automaton over [`EXAMPLE_WORDS`].
static EXAMPLE_PHRASES: WordAutomaton = std::sync::OnceLock::new();

/// The automaton over [`DEFINES`].
static DEFINE_PHRASES: WordAutomaton = std::sync::OnceLock::new();

/// Most bytes between an example word and the provider it gives ("e.g. Amazon Web
/// Services, Microsoft Azure or Google Cloud").
const EXAMPLE_REACH_BYTES: usize = 160;

/// The negation words every phrase of [`NOT_USED_AFTER`] holds.
const NOT_USED_CUES: [&str; 3] = ["nicht", "not", "never"];

/// Whether a negation cue word (`negation.before` of `patterns/cues.toml`, which holds
/// [`NEGATIONS`]) occurs as a whole word inside `a..z`, as found in the keyword pass; with
/// `only`, one of those words.
fn negation_cue_in(scan: &Scan, span: (usize, usize), only: Option<&[&str]>) -> bool {
    cue_in(scan, span, CueSet::NEGATION_BEFORE, only)
}

/// Whether a cue word of the lists in `mask` (bits of [`CueSet`]) occurs as a whole word
/// inside `a..z`, as found in the keyword pass; with `only`, one of those words.
pub(crate) fn cue_in(
    scan: &Scan,
    (a, z): (usize, usize),
    mask: u16,
    only: Option<&[&str]>,
) -> bool {
    let set = &scan.rules.cues.combined;
    let cues = &scan.cue_occurrences().cues;
    // An occurrence ending at or before `a` cannot start at `a` or later.
    let first = cues.partition_point(|&(_, e, _)| e <= a);
    cues[first..]
        .iter()
        .take_while(|&&(_, e, _)| e <= z)
        .any(|&(s, e, w)| {
            let w = w as usize;
            s >= a
                && set.lists.get(w).is_some_and(|l| l & mask != 0)
                && only.is_none_or(|o| set.words.get(w).is_some_and(|x| o.contains(&x.as_str())))
                && text::at_word_bounds(&scan.low, s, e)
        })
}

/// Whether `before` (lower case, from the sentence start to the mention) ends with a
/// negation that governs what follows it (see [`mark_negated`]).
fn negation_before(before: &str) -> bool {
    governs(before, &NEGATIONS, |w| {
        BETWEEN_NEGATION_AND_PROVIDER.contains(&w) || names_kind_of_service(w)
    })
}

/// Whether a negation governs the organisation named at `start` in `text` (as written), as
/// [`mark_negated`] reads it for a provider: "Wir selbst übermitteln keine Daten an die TWINT
/// AG", not "Drittlandübermittlung: keine⏎CleverReach GmbH & Co. KG: …".
pub(crate) fn negation_governs(text: &str, start: usize) -> bool {
    let before = &text[text::sentence_start(text, start).min(start)..start];
    negation_before(&before.to_lowercase()) && !negation_is_label_value(before)
}

/// How a sentence whose subject is a disclosure or a use opens (lower case, after list
/// marks): "Eine Weitergabe Ihrer Bestelldaten an die ResaleHub Ltd. …, findet nicht
/// statt", "The use of Amazon Simple Email Service …, which …, was not pursued".
const DENIABLE_SUBJECTS: [&str; 20] = [
    "eine weitergabe",
    "die weitergabe",
    "eine übermittlung",
    "die übermittlung",
    "eine offenlegung",
    "eine übertragung",
    "die nutzung",
    "eine nutzung",
    "der einsatz",
    "ein einsatz",
    "die verwendung",
    "die einbindung",
    "eine einbindung",
    "a transfer",
    "a disclosure",
    "any transfer",
    "any disclosure",
    "a sharing",
    "the use of",
    "any use of",
];

/// How such a sentence's first clause ends when it denies the disclosure or use (lower
/// case, before its full stop or ';').
const SUBJECT_DENIED: [&str; 14] = [
    "findet nicht statt",
    "finden nicht statt",
    "erfolgt nicht",
    "erfolgen nicht",
    "findet keinesfalls statt",
    "wurde nicht weiterverfolgt",
    "wird nicht weiterverfolgt",
    "wurde nicht umgesetzt",
    "wird nicht umgesetzt",
    "does not take place",
    "do not take place",
    "will not take place",
    "was not pursued",
    "was not implemented",
];

/// Whether the sentence of a mention (`before` and `after` it, lower case) denies, as a
/// whole, the disclosure or use it is about: it opens with one as its subject
/// ([`DENIABLE_SUBJECTS`]) and its first clause (up to a ';') ends with the denial
/// ([`SUBJECT_DENIED`]), however long the clauses between ("Eine Weitergabe Ihrer Bestell-
/// und Kontaktdaten an die ResaleHub Ltd. mit Sitz in Gibraltar, über deren
/// Zweitmarktplattform … weiterverkauft werden konnten …, findet nicht statt."). A
/// sentence that goes on after the denial ("…, es sei denn …") is not.
fn denied_subject_sentence(before: &str, after: &str) -> bool {
    let lead = before.trim_start_matches(|c: char| !c.is_alphabetic());
    if !DENIABLE_SUBJECTS.iter().any(|s| lead.starts_with(s)) {
        return false;
    }
    let clause = after.split(';').next().unwrap_or_default();
    let tail = clause.trim_end().trim_end_matches(['.', '!']).trim_end();
    SUBJECT_DENIED.iter().any(|d| tail.ends_with(d))
}

/// Whether the sentence around the organisation at `start..end` of `text` (as written)
/// denies, as a whole, the disclosure or use it is about ([`denied_subject_sentence`]).
pub(crate) fn in_denied_subject(text: &str, start: usize, end: usize) -> bool {
    let from = text::sentence_start(text, start).min(start);
    let to = text::sentence_end(text, end).max(end);
    denied_subject_sentence(
        &text[from..start].to_lowercase(),
        &text[end..to].to_lowercase(),
    )
}

/// Phrases that deny an organisation the role of one who receives the data (lower case),
/// said of the subject of their sentence: "Hetzner Online GmbH ist kein weiterer
/// Auftragsverarbeiter", "LinkedIn Sales Navigator … ist kein Unterauftragsverarbeiter",
/// "Stripe … is not a sub-processor of customer data", "Mistral AI SAS … does not
/// receive any personal data". Not "kein Auftragsverarbeiter" alone, which a contract
/// says of its controller.
const ROLE_DENIALS: [&str; 21] = [
    "kein unterauftragsverarbeiter",
    // "Die Amazon Web Services EMEA SARL ist kein aktueller Unterauftragnehmer."
    "kein aktueller unterauftragnehmer",
    "kein aktueller unterauftragsverarbeiter",
    "not a current sub-processor",
    "not a current subprocessor",
    "keine unterauftragsverarbeiterin",
    "kein weiterer auftragsverarbeiter",
    "kein weiterer unterauftragsverarbeiter",
    "kein subunternehmer",
    "kein unterauftragnehmer",
    "not a sub-processor",
    "not a subprocessor",
    "not a sub processor",
    "not sub-processors",
    "not subprocessors",
    "erhält keine personenbezogenen daten",
    "erhalten keine personenbezogenen daten",
    "does not receive any personal data",
    "receives no personal data",
    "has no access to customer data",
    "has no access to personal data",
];

/// Words after a denial in its sentence that give the organisation another role that
/// receives data ("ist kein Auftragsverarbeiter, sondern eigenständig Verantwortlicher",
/// "is not a sub-processor but an independent controller").
const OTHER_ROLE_WORDS: [&str; 9] = [
    "sondern",
    "but",
    "rather",
    "instead",
    "independent",
    "eigenständig",
    "eigenverantwortlich",
    "controller",
    "verantwortlicher",
];

/// Most bytes after a name that [`role_denied`] reads for its denial.
const DENIAL_REACH_BYTES: usize = 300;

/// Most bytes of a label before its colon that [`role_denied`] reads.
const LABEL_BYTES: usize = 80;

/// Pronouns that open a clause about the subject of the one before it (lower case).
const SUBJECT_PRONOUNS: [&str; 6] = ["it", "they", "es", "sie", "er", "this"];

/// Labels before a colon that deny the role to what follows them (lower case): "Not a
/// sub-processor: Google Maps Platform (Google Ireland Limited)".
const ROLE_DENIAL_LABELS: [&str; 5] = [
    "not a sub-processor",
    "not sub-processors",
    "no sub-processor",
    "kein unterauftragsverarbeiter",
    "keine unterauftragsverarbeiter",
];

/// Whether the text (`text`, as written) denies the organisation named at `start..end`
/// the role of one who receives the data: it is the subject of its sentence (its clause
/// begins with it, after the sentence's start or a ';') and the sentence says so after
/// it ([`ROLE_DENIALS`], no [`OTHER_ROLE_WORDS`] after that), or it follows a label
/// that says so ([`ROLE_DENIAL_LABELS`]).
pub(crate) fn role_denied(text: &str, start: usize, end: usize) -> bool {
    // The clause begins with the name: before it only blanks and list marks, then a
    // ';', a ':', or the sentence's start (most names follow a word of their clause,
    // which ends the check cheaply).
    let lead = text[..start].trim_end_matches(|c: char| c.is_whitespace() || "-*•–|".contains(c));
    // An article before the name: "Die Amazon Web Services EMEA SARL ist kein …".
    let lead = ["Die", "Der", "Das", "The"]
        .iter()
        .find_map(|a| {
            lead.strip_suffix(a)
                .filter(|l| !l.ends_with(super::text::is_word_char))
        })
        .map_or(lead, |l| l.trim_end());
    match lead.chars().next_back() {
        None | Some(';') => {}
        Some(':') => {
            // "Not a sub-processor: |Google Maps Platform".
            let label = &lead
                [text::ceil_boundary(lead, lead.len().saturating_sub(LABEL_BYTES))..lead.len() - 1];
            let label = label
                .rsplit('\n')
                .next()
                .unwrap_or_default()
                .trim()
                .to_lowercase();
            if ROLE_DENIAL_LABELS.iter().any(|l| label.ends_with(l)) {
                return true;
            }
        }
        Some(c) => {
            let line_start = text[lead.len()..start].contains('\n');
            if !(line_start || ".!?".contains(c)) || text::sentence_start(text, start) < lead.len()
            {
                return false;
            }
        }
    }
    let reach = &text[..text::floor_boundary(text, (end + DENIAL_REACH_BYTES).min(text.len()))];
    let to = text::sentence_end(reach, end).max(end);
    let sentence = text[end..to].to_lowercase().replace('\n', " ");
    // Past a ';' only where the next clause speaks of it again ("…; it is therefore not
    // a sub-processor", "Salesforce verwenden wir …; Salesforce ist kein …"), not of
    // another ("…; der Kunde ist kein …").
    let name = text[start..end].to_lowercase();
    let first = text::words(&name).next().unwrap_or_default();
    let mut clauses = sentence.split(';');
    let mut after = clauses.next().unwrap_or_default().to_string();
    for c in clauses {
        if !text::words(c)
            .next()
            .is_some_and(|w| SUBJECT_PRONOUNS.contains(&w) || w == first)
        {
            break;
        }
        after.push(';');
        after.push_str(c);
    }
    let Some(denials) = word_automaton(&DENIAL_PHRASES, &ROLE_DENIALS) else {
        return false;
    };
    denials
        .find_iter(&after)
        .any(|m| !text::words(&after[m.end()..]).any(|w| OTHER_ROLE_WORDS.contains(&w)))
}

/// The automaton over [`ROLE_DENIALS`].
static DENIAL_PHRASES: WordAutomaton = std::sync::OnceLock::new();

/// Whether `before` (the text up to a mention that leads its line, as written) ends
/// with a line whose value is a negation and nothing else: "Drittlandübermittlung:
/// keine⏎|CleverReach GmbH & Co. KG: …", a label's whole value that negates nothing
/// after it.
fn negation_is_label_value(before: &str) -> bool {
    let Some((head, tail)) = before.rsplit_once('\n') else {
        return false;
    };
    let line = head.rsplit('\n').next().unwrap_or(head);
    let value = line
        .rsplit_once(':')
        .map_or(line, |(_, v)| v)
        .to_lowercase();
    let mut words = text::words(&value);
    let sole = words.next().filter(|_| words.next().is_none());
    tail.trim().is_empty() && sole.is_some_and(|w| NEGATIONS.contains(&w))
}

/// The words that open the examples of a kind of service right before a provider (lower
/// case, as the mention's sentence ends with them): "(z. b. ", "such as ".
const EXAMPLE_OPENERS: [&str; 7] = [
    "(z. b.", "(z.b.", "z. b.", "(e.g.", "e.g.", "such as", "wie",
];

/// Most bytes before a provider in which [`negated_kind_before_examples`] reads.
const EXAMPLES_REACH_BYTES: usize = 160;

/// Whether `before` (lower case, the mention's sentence up to it) ends with examples of a
/// kind of service that a negation denies ([`EXAMPLE_OPENERS`] right before the provider;
/// in the clause before them a word of [`NEGATIONS`] and, as the next word or after "or"
/// within [`KIND_AFTER_NEGATION_WORDS`] words none of [`CLAUSE_WORDS`] or [`KIND_BREAKS`],
/// a kind of service: "Insbesondere nutzt der KDNF … keine Dienste von Anbietern mit Sitz
/// oder Muttergesellschaft in den USA (z. B. Microsoft 365, …)"). The words between the kind
/// and the examples say which ones, at any length within [`EXAMPLES_REACH_BYTES`].
fn negated_kind_before_examples(before: &str) -> bool {
    let trimmed = before.trim_end();
    let Some(opener) = EXAMPLE_OPENERS.iter().find(|o| {
        trimmed.ends_with(*o)
            && trimmed[..trimmed.len() - o.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !text::is_word_char(c))
    }) else {
        return false;
    };
    let head = &trimmed[..trimmed.len() - opener.len()];
    let from = text::ceil_boundary(head, head.len().saturating_sub(EXAMPLES_REACH_BYTES));
    let head = &head[from..];
    let clause = head.rfind([',', ';', ':']).map_or(head, |i| &head[i + 1..]);
    let words: Vec<&str> = text::words(clause).collect();
    let is_kind = |w: &&str| KINDS_OF_SERVICE.contains(w) || names_kind_of_service(w);
    words.iter().enumerate().any(|(k, w)| {
        if !NEGATIONS.contains(w) {
            return false;
        }
        let rest = &words[k + 1..];
        // The kind right after the negation ("keine Dienste"), or as the last item of a
        // list it denies ("do not accept credit cards or payment services").
        rest.first().is_some_and(is_kind)
            || rest
                .iter()
                .take(KIND_AFTER_NEGATION_WORDS)
                .take_while(|w| !CLAUSE_WORDS.contains(w) && !KIND_BREAKS.contains(w))
                .scan(false, |listed, w| {
                    let found = *listed && is_kind(w);
                    *listed |= matches!(*w, "or" | "oder");
                    Some(found)
                })
                .any(|found| found)
    })
}

/// Most words from a negation to the kind of service that ends a list it denies, the kind
/// included ([`negated_kind_before_examples`]): "We do not accept credit cards or payment
/// services such as PayPal".
const KIND_AFTER_NEGATION_WORDS: usize = 6;

/// Words between a negation and a kind of service that end what the negation denies
/// (lower case): "We do not store data ourselves and use services such as AWS", "Who does
/// not have an account can use services such as PayPal".
const KIND_BREAKS: [&str; 12] = [
    "and", "und", "but", "aber", "can", "could", "may", "kann", "können", "darf", "dürfen", "sowie",
];

/// Words that name a kind of service (lower case; compounds of them count too,
/// [`names_kind_of_service`]).
const KINDS_OF_SERVICE: [&str; 6] = [
    "tools",
    "dienste",
    "services",
    "anbieter",
    "dienstleister",
    "providers",
];

/// Whether `w` (lower case) names a kind of service as a compound ("Marketing-Tools",
/// "Tracking-Dienste", "US-Versanddienste", "Drittanbieter"): "Wir setzen keine Analyse-
/// oder Marketing-Tools wie Google Analytics … ein", "setzt keine US-Versanddienste wie
/// Mailchimp … ein".
fn names_kind_of_service(w: &str) -> bool {
    KINDS_OF_SERVICE
        .iter()
        .any(|x| w.len() > x.len() && w.ends_with(x))
}

/// Whether `before` (lower case, from the sentence start to the mention) ends with a word
/// of [`FORMERLY`] and at most [`NEGATION_REACH_WORDS`] words of
/// `BETWEEN_NEGATION_AND_PROVIDER` or [`USE_NOUNS`] after it, in the mention's clause.
fn historical_before(before: &str) -> bool {
    governs(before, &FORMERLY, |w| {
        BETWEEN_NEGATION_AND_PROVIDER.contains(&w) || USE_NOUNS.contains(&w)
    })
}

/// Verbs of use before a provider whose use has ended (lower case).
const USE_VERBS: [&str; 10] = [
    "use",
    "using",
    "need",
    "nutzen",
    "verwenden",
    "einsetzen",
    "setzen",
    "employ",
    "embed",
    "einbinden",
];

/// Whether `before` (lower case, from the sentence start to the mention) ends with a use
/// that has ended and at most two words of `BETWEEN_NEGATION_AND_PROVIDER` after it: "We
/// no longer use Google Analytics", "we stopped using Mailchimp", "Wir nutzen nicht mehr
/// Google Analytics" (a phrase of `historical.before` in `patterns/cues.toml`, whose
/// occurrence [`mark_negated`] asks first).
fn ended_use_before(before: &str) -> bool {
    let clause = before
        .rfind([',', ';', ':'])
        .map_or(before, |i| &before[i + 1..]);
    let words: Vec<&str> = text::words(clause).rev().take(6).collect();
    let between = words
        .iter()
        .take(2)
        .take_while(|w| BETWEEN_NEGATION_AND_PROVIDER.contains(w) && !USE_VERBS.contains(w))
        .count();
    match words[between..] {
        // "no longer use", "stopped using".
        [verb, "longer", "no" | "not", ..] | [verb, "stopped" | "ceased", ..]
        // "nutzen nicht mehr".
        | ["mehr", "nicht", verb, ..] => USE_VERBS.contains(&verb),
        _ => false,
    }
}

/// Verbs of use in the past tense (lower case): [`used_until`].
const PAST_USE_VERBS: [&str; 18] = [
    "nutzten",
    "setzten",
    "verwendeten",
    "speicherten",
    // "Bis zum 31. März 2025 setzte die Agentur … die Mailchimp-Plattform … ein".
    "nutzte",
    "setzte",
    "verwendete",
    "speicherte",
    // "Bis zum 31.03.2024 erfolgte der E-Mail-Versand über Mailchimp".
    "erfolgte",
    "erfolgten",
    // "Bis zum 30. Juni 2023 wurden die Sicherungskopien bei der Amazon Web Services EMEA
    // SARL … vorgehalten."
    "wurde",
    "wurden",
    "used",
    // "Until March 2023 we sent our newsletter with Mailchimp."
    "sent",
    "relied",
    "engaged",
    "employed",
    // "Until 30 June 2022 the Processor stored encrypted backups with Backblaze, Inc."
    "stored",
];

/// Words before a participle of [`PAST_USE_VERBS`] that make it present or future ("data
/// is stored until …"), lower case.
const PRESENT_AUXILIARIES: [&str; 7] = ["is", "are", "be", "will", "shall", "remain", "remains"];

/// Whether `before` (lower case, from the sentence start to the mention), or its part after
/// a colon, opens with the last day of a use and tells the use in the past: "Bis
/// 31.12.2025 nutzten wir auf dieser Website Google Analytics", "Until March 2025 we used
/// Mixpanel" (not "Bis 31.12.2026 nutzen wir …", a use that goes on); or the clause
/// after it says so ([`used_until_after`]: "…, was used for the helpdesk until 30 June
/// 2023").
fn used_until(before: &str, after: &str) -> bool {
    used_until_after(after) || used_until_before(before, after)
}

/// Passives of a past use that a date of its end may follow in the mention's clause
/// (lower case): "Atlassian Pty Ltd …, hosted in AWS us-east-1 (USA), was used for the
/// helpdesk until 30 June 2023", "… wurde bis zum 30.06.2023 genutzt".
const PAST_USE_PASSIVES: [&str; 6] = [
    "was used",
    "were used",
    "was employed",
    "were employed",
    "wurde bis",
    "wurden bis",
];

/// Most words between a passive of [`PAST_USE_PASSIVES`] and its "until".
const PASSIVE_UNTIL_WORDS: usize = 8;

/// Whether the clause after a mention (`after`, lower case, up to a ';') says it was used
/// until a date: a passive of [`PAST_USE_PASSIVES`], then, within
/// [`PASSIVE_UNTIL_WORDS`] words, "until" or "bis" and a date; in German a participle
/// of use after it ("wurde bis zum 30.06.2023 genutzt").
fn used_until_after(after: &str) -> bool {
    let clause = after.split(';').next().unwrap_or_default();
    let Some((k, passive)) = PAST_USE_PASSIVES
        .iter()
        .filter_map(|p| clause.find(p).map(|k| (k, *p)))
        .min()
    else {
        return false;
    };
    let german = passive.ends_with(" bis");
    // The "bis" of a German passive is the until's own word.
    let rest = &clause[k + passive.len() - if german { 3 } else { 0 }..];
    let Some(until) = ["until ", "bis "].iter().filter_map(|u| rest.find(u)).min() else {
        return false;
    };
    text::words(&rest[..until]).count() <= PASSIVE_UNTIL_WORDS
        && crate::entities::date::until_date_opening(&rest[until..]).is_some()
        && (!german
            || text::words(&rest[until..])
                .take(NOT_USED_REACH_WORDS)
                .any(|w| PAST_USE_PARTICIPLES.contains(&w)))
}

/// Whether the clause before a mention opens with an end's date and a past use
/// ([`used_until`]'s first form).
fn used_until_before(before: &str, after: &str) -> bool {
    // Also after a run-in label: "Frühere Nutzung von Google Analytics: Bis 31.12.2025 …".
    let opening = before.rsplit_once(':').map_or(before, |(_, rest)| rest);
    // "Bis zum 30.06.2024 wurde … Google Workspace geführt; seit dem 01.07.2024 nutzen wir
    // … Hetzner": the use after the semicolon is a clause of its own.
    let opening = opening.rsplit_once(';').map_or(opening, |(_, rest)| rest);
    crate::entities::date::until_date_opening(opening).is_some()
        && (past_use_verb(opening)
            // The perfect: "Bis März 2023 haben wir Google Analytics eingesetzt".
            || text::words(opening).any(|w| w == "haben" || w == "hatten")
                && text::words(after)
                    .take(NOT_USED_REACH_WORDS)
                    .any(|w| PAST_USE_PARTICIPLES.contains(&w)))
}

/// Whether `opening` (lower case) holds a verb of [`PAST_USE_VERBS`] that no word of
/// [`PRESENT_AUXILIARIES`] stands right before.
fn past_use_verb(opening: &str) -> bool {
    let mut before = "";
    text::words(opening).any(|w| {
        let past = PAST_USE_VERBS.contains(&w) && !PRESENT_AUXILIARIES.contains(&before);
        before = w;
        past
    })
}

/// Participles of a use, for a perfect after [`used_until`]'s opening (lower case).
const PAST_USE_PARTICIPLES: [&str; 5] = [
    "eingesetzt",
    "genutzt",
    "verwendet",
    "eingebunden",
    "benutzt",
];

/// Whether the clause that `before` ends with (after its last ',', ';' or ':', within
/// [`NEGATION_REACH_BYTES`]) holds a word of `cues` followed by at most
/// [`NEGATION_REACH_WORDS`] words, each `allowed`, up to its end.
fn governs(before: &str, cues: &[&str], allowed: impl Fn(&str) -> bool) -> bool {
    // The words within reach lie in the last few dozen bytes.
    let from = text::ceil_boundary(before, before.len().saturating_sub(NEGATION_REACH_BYTES));
    let before = &before[from..];
    let clause = before
        .bytes()
        .rposition(|b| matches!(b, b',' | b';' | b':'))
        .map_or(before, |i| &before[i + 1..]);
    for (between, w) in text::words(clause).rev().enumerate() {
        if cues.contains(&w) {
            return true;
        }
        if !allowed(w) || between == NEGATION_REACH_WORDS {
            return false;
        }
    }
    false
}

/// Words that put a provider in the past (lower case), a part of `historical.before` in
/// `patterns/cues.toml`: "die frühere Einbindung von Google Analytics", "we previously
/// used Mixpanel", "our former provider Sendinblue".
const FORMERLY: [&str; 15] = [
    "früher",
    "frühere",
    "früheren",
    "ehemalige",
    "ehemaligen",
    "vormals",
    "vormalige",
    "vormaligen",
    "former",
    "formerly",
    "previously",
    "bisherige",
    "entfernung",
    "removal",
    "entfernt",
];

/// Nouns and participles of use that may stand between a word of [`FORMERLY`] and the
/// provider: "frühere Einbindung von", "previously used".
const USE_NOUNS: [&str; 14] = [
    "einbindung",
    "nutzung",
    "verwendung",
    "einsatz",
    "integration",
    "use",
    "used",
    "genutzt",
    "eingesetzt",
    "verwendet",
    "provider",
    "anbieter",
    "dienstleister",
    "haben",
];

/// Most bytes after a provider in which [`not_used_after`] looks for its phrase.
const NOT_USED_REACH_BYTES: usize = 160;

/// Whether `after` (lower case, from the mention to the sentence end) says in the
/// mention's clause that it is not used (see [`mark_negated`]).
fn not_used_after(after: &str) -> bool {
    static PHRASES: WordAutomaton = std::sync::OnceLock::new();
    phrase_after(after, &NOT_USED_AFTER, &PHRASES)
        || after_aside(after).is_some_and(|rest| phrase_after(rest, &NOT_USED_AFTER, &PHRASES))
}

/// Most bytes of an aside set off by dashes or brackets right after a provider that
/// [`after_aside`] skips.
const ASIDE_BYTES: usize = 320;

/// The rest of `after` (the text after a mention) past an aside that opens it, set off by
/// dashes or brackets: "Google Analytics – which many platforms … rely on and which an
/// early prototype … briefly tested … – is not used" gives " is not used". `None` when no
/// aside opens it or none closes within [`ASIDE_BYTES`].
fn after_aside(after: &str) -> Option<&str> {
    let t = after.trim_start_matches([' ', '\t']);
    let (open, close) = ['–', '—', '-', '(']
        .iter()
        .find(|&&c| t.starts_with(c))
        .map(|&c| (c, if c == '(' { ')' } else { c }))?;
    let body = &t[open.len_utf8()..];
    // A dash opens an aside only as a word of its own ("Google Analytics – which …").
    if open != '(' && !body.starts_with([' ', '\n']) {
        return None;
    }
    let reach = &body[..text::floor_boundary(body, ASIDE_BYTES.min(body.len()))];
    let k = if open == '(' {
        reach.find(close)?
    } else {
        reach.find(&format!(" {close}"))? + 1
    };
    Some(&body[k + close.len_utf8()..])
}

/// Whether one of `list` (its automaton built once in `cell`) stands in the clause that
/// `after` begins, within [`NOT_USED_REACH_BYTES`], after at most
/// [`NOT_USED_REACH_WORDS`] words none of which opens a clause of its own.
fn phrase_after(after: &str, list: &'static [&'static str], cell: &'static WordAutomaton) -> bool {
    let after = &after[..text::floor_boundary(after, NOT_USED_REACH_BYTES)];
    let clause = after.split(';').next().unwrap_or_default();
    let Some(phrases) = word_automaton(cell, list) else {
        return false;
    };
    // A phrase broken over a line ("was⏎removed as a Sub-processor", as PDF text wraps).
    let joined;
    let clause = if clause.contains('\n') {
        joined = clause.replace('\n', " ");
        joined.as_str()
    } else {
        clause
    };
    phrases.find_iter(clause).any(|m| {
        let words: Vec<&str> = text::words(&clause[..m.start()]).collect();
        words.len() <= NOT_USED_REACH_WORDS && !words.iter().any(|w| CLAUSE_WORDS.contains(w))
    })
}

/// The legal forms that end a company's name after its provider's name, which a list of
/// providers holds between its items: "weder die Microsoft Corporation, die Amazon Web
/// Services, Inc., … noch die Salesforce, Inc." (lower case, as [`text::words`] gives
/// them; their full stops continue the list).
const LIST_LEGAL_FORMS: [&str; 24] = [
    "inc",
    "llc",
    "l.l.c",
    "ltd",
    "limited",
    "corporation",
    "corp",
    "gmbh",
    "ag",
    "se",
    "sarl",
    "s.à",
    "r.l",
    "plc",
    "b.v",
    "n.v",
    "bv",
    "nv",
    "co",
    "kg",
    "sa",
    "sas",
    "ab",
    "oy",
];

/// The articles before the next item of a list of providers ("…, die Google LLC").
const LIST_ARTICLES: [&str; 6] = ["die", "der", "den", "dem", "das", "the"];

/// Most words of a company's name between its provider's name and its legal form
/// ("Microsoft| Ireland Operations Limited").
const NAME_REST_WORDS: usize = 4;

/// Words that extend a list of providers to their group companies: "noch die
/// Salesforce, Inc. oder eine ihrer Konzerngesellschaften (einschließlich Microsoft Ireland
/// Operations Limited …)", "nor any of their affiliates (including …)".
const LIST_GROUP_WORDS: [&str; 21] = [
    "eine",
    "einer",
    "ihrer",
    "seiner",
    "deren",
    "konzerngesellschaften",
    "tochtergesellschaften",
    "einschließlich",
    "einschliesslich",
    "inkl",
    "any",
    "of",
    "their",
    "its",
    "affiliates",
    "subsidiaries",
    "group",
    "companies",
    "including",
    "incl",
    "namely",
];

/// `token` without the punctuation around it.
fn word(token: &str) -> &str {
    token.trim_matches(|c: char| !text::is_word_char(c))
}

/// Whether `between` (lower case, between two provider mentions) only joins list items:
/// no ';' or ':'; the rest of the first company's name up to its legal form ("Microsoft|
/// Ireland Operations Limited| und Amazon Web Services"); a full stop only after a legal
/// form ([`LIST_LEGAL_FORMS`]); no word of [`REMOVED_CUES`]; and at most one word that is
/// none of those nor one of [`LIST_JOINERS`], [`LIST_ARTICLES`] or [`LIST_GROUP_WORDS`].
fn joins_a_list(between: &str) -> bool {
    if between.contains([';', ':']) {
        return false;
    }
    let tokens: Vec<&str> = between.split_whitespace().collect();
    // The first company's name goes on to its legal form, with no punctuation before it.
    let name_rest = tokens
        .iter()
        .take(NAME_REST_WORDS + 1)
        .position(|t| LIST_LEGAL_FORMS.contains(&word(t)) || !t.chars().all(text::is_word_char))
        .filter(|&i| LIST_LEGAL_FORMS.contains(&word(tokens[i])))
        .map_or(0, |i| i + 1);
    let mut others = 0;
    for token in &tokens[name_rest..] {
        let word = word(token);
        if LIST_JOINERS.contains(&word)
            || LIST_LEGAL_FORMS.contains(&word)
            || LIST_ARTICLES.contains(&word)
            || LIST_GROUP_WORDS.contains(&word)
        {
            continue;
        }
        // "Google Analytics entfernt, Matomo eingeführt": the first item's own verb ends
        // its clause of a change log.
        if token.contains('.') || REMOVED_CUES.contains(&word) {
            return false;
        }
        others += usize::from(!word.is_empty());
    }
    others <= 1
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

    /// The keyword pass finds only the cue words of `patterns/cues.toml`: the words the
    /// negation and history checks read must be among them, or their precheck would
    /// never let them be read.
    #[test]
    fn negation_and_history_words_are_cue_words() {
        let rules = crate::patterns::Rules::embedded().unwrap();
        let lists = &rules.cues.lists;
        for w in NEGATIONS {
            assert!(lists.negation_before.iter().any(|c| c == w), "{w}");
        }
        for w in FORMERLY
            .iter()
            .chain(&text::FORMER_LABEL_WORDS)
            .chain(&REMOVED_CUES)
        {
            assert!(lists.historical_before.iter().any(|c| c == w), "{w}");
        }
        for w in text::PLANNED_LABEL_WORDS {
            assert!(lists.hypothetical_before.iter().any(|c| c == w), "{w}");
        }
        for p in REMOVED_AFTER {
            assert!(REMOVED_CUES.iter().any(|c| p.contains(c)), "{p}");
        }
        // A role's denial is read only where a negation word occurs near.
        for p in ROLE_DENIALS.iter().chain(&ROLE_DENIAL_LABELS) {
            assert!(text::words(p).any(|w| NEGATIONS.contains(&w)), "{p}");
        }
    }

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

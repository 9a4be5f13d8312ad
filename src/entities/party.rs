//! Organisations: anchored on legal-form hits (one regex of all variants) and public-body names,
//! with the name read backwards over capitalised words; then the cues around a mention: a defined
//! short name ("(nachfolgend „Auftragnehmer“)"), a role label ("Auftragsverarbeiter: X",
//! "X is the processor"), a sub-processor list or table it sits in, a country stated for it.

use std::sync::OnceLock;

use regex::Regex;

use crate::patterns::compile::latin_letters;

use super::data::EntityData;
use super::text::{
    ceil_char, cell_count, cell_index, cell_span, entity_field_value, floor_char, full_line_end,
    item_indent, line_end, line_start, trim_span, EntryScope,
};
use super::CountryMention;

/// An organisation mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgHit {
    /// Start byte offset of the name.
    pub start: usize,
    /// End byte offset (after the legal form).
    pub end: usize,
    /// Name as written, whitespace collapsed.
    pub name: String,
    /// Legal form as written, if any.
    pub legal_form: Option<String>,
    /// "legal_form", "public_body", "table_row", "list_item", "brand", "person" or
    /// "contract_header".
    pub rule: &'static str,
}

/// Labels of a change in capitals that a notice writes before a name (">> NEW Samsara
/// Inc.", "ENDING HERE Europe B.V."): no part of a name written in mixed case.
const CAPS_CHANGE_LABELS: [&str; 10] = [
    "NEW",
    "NEU",
    "ENDING",
    "ENDED",
    "ADDED",
    "UPDATED",
    "CHANGED",
    "PLANNED",
    "GEPLANT",
    "ENTFÄLLT",
];

/// Words that end a name when reading backwards (compared lower-case).
const STOP: &[&str] = &[
    // "EU-U.S. Data Privacy Framework Freshworks Technologies Private Limited" (a table
    // cell's lines run together): a framework's name is none of a company's.
    "framework",
    // A change log's entries: "Aufnahme Mailgun Technologies, Inc.", "Entfernung Twilio
    // Inc.".
    "aufnahme",
    "entfernung",
    "streichung",
    "hinzufügung",
    "added",
    "removed",
    "removal",
    "die",
    "der",
    "das",
    "den",
    "dem",
    "des",
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "between",
    "zwischen",
    "von",
    "vom",
    "mit",
    "bei",
    "für",
    "for",
    "by",
    "with",
    "from",
    "to",
    "our",
    "unsere",
    "unser",
    "unserer",
    "ihre",
    "ihr",
    "its",
    "their",
    "sowie",
    "as",
    "als",
    "is",
    "ist",
    "sind",
    "are",
    "in",
    "im",
    "am",
    "auf",
    "at",
    "on",
    "via",
    "durch",
    "über",
    "about",
    "including",
    "inkl.",
    "einschließlich",
    "namens",
    "named",
    "called",
    "genannt",
    "firma",
    "company",
    "gesellschaft",
    "unternehmen",
    "anbieter",
    "dienstleister",
    "provider",
    "vendor",
    "vertragspartner",
    "kunde",
    "kunden",
    "customer",
    "client",
    "auftraggeber",
    "auftraggeberin",
    "auftragnehmer",
    "auftragnehmerin",
    "auftragsverarbeiter",
    "processor",
    "controller",
    "verantwortlicher",
    "verantwortliche",
    "unterauftragsverarbeiter",
    "subprocessor",
    "sub-processor",
    "see",
    "siehe",
    "name",
    "address",
    "anschrift",
    "adresse",
    "sitz",
    "hosting",
    "tochtergesellschaft",
    "subsidiary",
    "muttergesellschaft",
    "parent",
    "affiliate",
    "copyright",
    "©",
    "registergericht",
    "amtsgericht",
    "ein",
    "eine",
    "einer",
    "einem",
    "einen",
    "wir",
    "we",
    "uns",
    "us",
    "and",
    "und",
    "or",
    "oder",
    "bzw.",
    "sowie",
    "if",
    "wenn",
    "also",
    "auch",
    "all",
    "alle",
    "each",
    "jede",
    "jeder",
    "not",
    "nicht",
    "kein",
    "keine",
    "no",
    "hinweis",
    "note",
    "vertrag",
    "agreement",
    "contract",
    "dpa",
    "avv",
    "daher",
    "deshalb",
    "hence",
    "thus",
    "so",
    "dass",
    "that",
    "which",
    "welche",
    "who",
    "da",
    "weil",
    "because",
    "when",
    "where",
    "wo",
    "laut",
    "gemäß",
    "per",
    "nach",
    "after",
    "before",
    "vor",
    "seit",
    "since",
    "gegen",
    "against",
    "while",
    "während",
    "um",
    "zu",
    "zur",
    "zum",
    "ohne",
    "without",
    "within",
    "innerhalb",
    "unter",
    "under",
    "über",
    "over",
    "datenschutzbeauftragter",
    "datenschutzbeauftragte",
    "vertreter",
    "empfänger",
    "recipient",
    "recipients",
    "website",
    "webseite",
];

/// Compound-noun endings that mark a common noun, not a name ("Vertragspartner", "Zahlungsdienstleister").
const STOP_SUFFIX: &[&str] = &[
    // "Firmenänderung Mailwerk Deutschland GmbH", "Ankündigung Hetzner Online GmbH" in a
    // change log.
    "änderung",
    "ankündigung",
    "verarbeiter",
    "nehmer",
    "geber",
    "anbieter",
    "dienstleister",
    "gesellschaft",
    "unternehmen",
    "beauftragter",
    "beauftragte",
    "vertreter",
    "verantwortliche",
    "verantwortlicher",
    "empfänger",
    "betreiber",
    "hersteller",
    "partner",
    "firma",
    // "die Konzernmutter Zoho Corporation Private Limited".
    "konzernmutter",
];

/// Words naming a company by its place in a group ("Tochtergesellschaft"), not by its
/// name (lower case, the start of a compound).
const GROUP_RELATIONS: [&str; 6] = ["tochter", "mutter", "schwester", "konzern", "enkel", "dach"];

/// Legal forms that end a company's name wherever they stand: one inside the words
/// before another legal form belongs to the company before ("… SERVICES LTD KLAVERVELD
/// CONTACT SOLUTIONS B.V.").
const NAME_ENDING_FORMS: &[&str] = &[
    "LTD", "LTD.", "Ltd", "Ltd.", "GmbH", "GMBH", "Inc.", "INC.", "LLC", "B.V.", "N.V.", "SARL",
    "PLC", "plc",
];

/// Words allowed inside a name although not capitalised.
const CONNECTORS: &[&str] = &[
    "&", "+", "of", "de", "du", "la", "le", "van", "y", "et", "und", "and", "di", "da", "della",
    // "Privatklinik am Seepark GmbH".
    "am", // "Rota do Sol Turismo Ltda.".
    "do", "dos",
];

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    regex_from(cell, || pattern.to_string())
}

/// [`regex`] of a pattern made by `pattern` (a `format!` over [`ROLE_PATTERN`] and the
/// like), which runs only when the regex is first built, not on every call.
fn regex_from(cell: &'static OnceLock<Regex>, pattern: impl FnOnce() -> String) -> &'static Regex {
    cell.get_or_init(|| Regex::new(&latin_letters(&pattern())).expect("party regex should compile"))
}

fn public_body_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    let words = r"\p{Lu}[\p{L}\-]*(?:[ \t]+(?:(?:und|für|des|der|die|den|sowie|and|of|the|for)\s+)?\p{Lu}[\p{L}\-]*){0,6}";
    let p = || {
        format!(
            r"(?:(?:\p{{Lu}}\p{{Ll}}+ische[sn]?[ \t]+)?(?:Bundesministerium|Bundesamt|Bundesanstalt|Bundeszentrale|Bundesagentur|Bundesinstitut|Landesamt|Landesanstalt|Landesministerium|Staatsministerium|Ministerium|Senatsverwaltung)(?:s|es)?[ \t]+(?:für|des|der|of)\s+{words}|(?:\p{{Lu}}\p{{L}}+[ \t])?\p{{Lu}}\p{{L}}+-Institut(?:[ \t]+für[ \t]+{words})?|Institut[ \t]+für[ \t]+{words}|(?:\p{{Lu}}\p{{L}}+[ \t]){{1,2}}Institute(?:[ \t]+(?:for|of)[ \t]+{words})?|(?:(?:Technische|Freie)[ \t]+|\p{{Lu}}[\p{{L}}\-]*-)?Universität[ \t]+\p{{Lu}}[\p{{L}}\-]+(?:[ \t]+\p{{Lu}}[\p{{L}}\-]+)?|(?:\p{{Lu}}[\p{{L}}\-]*[ \t]+){{0,3}}University(?:[ \t]+of[ \t]+\p{{Lu}}[\p{{L}}\-]+(?:[ \t]+\p{{Lu}}[\p{{L}}\-]+)?)?)"
        )
    };
    regex_from(&R, p)
}

/// The role phrase regex (case-insensitive); classify a match with [`role_of`].
pub fn role_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    regex(&R, ROLE_PATTERN)
}

const ROLE_PATTERN: &str = r"(?i)(?:unter-?auftragsverarbeiter(?:s|n|in|innen)?|sub-?auftragsverarbeiter(?:s|n|in|innen)?|unter-?auftragsbearbeiter(?:s|n|in|innen)?|auftragsbearbeiter(?:s|n|in|innen)?|unterauftragnehmer(?:s|n|in|innen)?|subunternehmer(?:s|n)?|sub-?processors?|sub-?contractors?|weitere[rn]?\s+auftragsverarbeiter(?:s|n)?|auftragsverarbeiter(?:s|n|in|innen)?|auftragnehmer(?:s|n|in|innen)?|(?:data\s+)?processors?|gemeinsam(?:e|en)?\s+verantwortliche[rn]?|(?:joint\s+)?(?:data\s+)?controllers?|verantwortliche[rnm]?|verantwortlich|auftraggeber(?:s|n|in|innen)?|muttergesellschaft|parent\s+company|datenschutzbeauftragte[rn]?|data\s+protection\s+officer|(?:eu-)?vertreter(?:s|in)?(?:\s+in\s+der\s+(?:union|eu|europäischen\s+union)(?-u:\b))?|vertretung\s+in\s+der\s+(?:union|eu|europäischen\s+union)(?-u:\b)|(?:eu\s+|uk\s+|data\s+protection\s+|privacy\s+)?representative|empfänger(?:n)?|recipients?|(?:body|entity|company|party|organi[sz]ation)\s+responsible\s+for\s+(?:the\s+)?(?:data\s+)?processing)";

/// The contract role a role phrase stands for.
pub fn role_of(phrase: &str) -> Option<&'static str> {
    let p = phrase.trim().to_lowercase();
    let p = p
        .trim_start_matches("the ")
        .trim_start_matches("der ")
        .trim_start_matches("die ")
        .trim_start_matches("das ");
    let starts = |xs: &[&str]| xs.iter().any(|x| p.starts_with(x));
    if starts(&[
        "unterauftragsverarbeiter",
        "unter-auftragsverarbeiter",
        // Austrian contracts: "Subauftragsverarbeiter".
        "subauftragsverarbeiter",
        "sub-auftragsverarbeiter",
        // Swiss law's word (revDSG): "Unterauftragsbearbeiter", "Auftragsbearbeiterin".
        "unterauftragsbearbeiter",
        "unter-auftragsbearbeiter",
        "unterauftragnehmer",
        "subunternehmer",
        "sub-processor",
        "subprocessor",
        "subcontractor",
        "sub-contractor",
        "weitere",
    ]) {
        Some("subprocessor")
    } else if starts(&[
        "auftragsverarbeiter",
        "auftragsbearbeiter",
        "auftragnehmer",
        "processor",
        "data processor",
    ]) {
        Some("processor")
    } else if starts(&[
        "verantwortlich",
        "auftraggeber",
        "controller",
        "data controller",
        "joint controller",
        "gemeinsam",
    ]) {
        Some("controller")
    } else if starts(&["muttergesellschaft", "parent company"]) {
        Some("parent")
    } else if starts(&["datenschutzbeauftragte", "data protection officer"]) {
        Some("dpo")
    } else if starts(&[
        "vertreter",
        "eu-vertreter",
        "vertretung in der",
        "representative",
    ]) || p.ends_with("representative")
    {
        Some("representative")
    } else if starts(&["empfänger", "recipient"]) {
        Some("recipient")
    } else if p.contains("responsible for") {
        // "the body responsible for the processing of personal data"
        Some("controller")
    } else {
        None
    }
}

/// Whether the word before `pos` (past spaces) is an indefinite article: "ein", "eine",
/// "einer", "einen", "einem", "eines", "a", "an".
fn after_indefinite_article(text: &str, pos: usize) -> bool {
    let before = text[..pos].trim_end_matches([' ', '\t']);
    if before.len() == text[..pos].len() {
        return false;
    }
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    ["ein", "eine", "einer", "einen", "einem", "eines", "a", "an"]
        .iter()
        .any(|a| word.eq_ignore_ascii_case(a))
}

/// The counties of Ireland, written after "Co." in an address ("Blackrock, Co. Dublin").
const IRISH_COUNTIES: [&str; 32] = [
    "Antrim",
    "Armagh",
    "Carlow",
    "Cavan",
    "Clare",
    "Cork",
    "Derry",
    "Donegal",
    "Down",
    "Dublin",
    "Fermanagh",
    "Galway",
    "Kerry",
    "Kildare",
    "Kilkenny",
    "Laois",
    "Leitrim",
    "Limerick",
    "Longford",
    "Louth",
    "Mayo",
    "Meath",
    "Monaghan",
    "Offaly",
    "Roscommon",
    "Sligo",
    "Tipperary",
    "Tyrone",
    "Waterford",
    "Westmeath",
    "Wexford",
    "Wicklow",
];

/// Whether `rest` (the text after a "Co.") begins with an Irish county as a whole word.
fn irish_county_after(rest: &str) -> bool {
    let word = rest
        .trim_start_matches([' ', '\t'])
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    IRISH_COUNTIES.contains(&word)
}

/// All organisation mentions, by start offset.
pub fn find_orgs(text: &str, data: &EntityData) -> Vec<OrgHit> {
    let mut out = Vec::new();
    for m in data.form_re.find_iter(text) {
        let (fs, fe) = (m.start(), m.end());
        let prev = text[..fs].chars().next_back();
        if prev.is_some_and(|c| !c.is_whitespace() && c != ',') {
            continue;
        }
        let next = text[fe..].chars().next();
        let last = m.as_str().chars().next_back().unwrap_or(' ');
        if last.is_alphanumeric() && next.is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        if next == Some('-')
            && text[fe + 1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic())
        {
            continue;
        }
        // "Internet Corporation for Assigned Names and Numbers": the name goes on past a
        // legal form's word, so that word does not end a name there.
        let rest = &text[fe..];
        // "Zoho Corporation B.V.", "Zoho Corporation Private Limited": a form's word right
        // before another legal form is a word of the name that form ends.
        let spaced = rest.trim_start_matches([' ', '\t']);
        if last.is_alphabetic()
            && spaced.len() < rest.len()
            && data.form_re.find(spaced).is_some_and(|n| {
                n.start() == 0
                    && !spaced[n.end()..].starts_with(char::is_alphanumeric)
                    && data.form_of_variant(n.as_str()).is_some()
            })
        {
            continue;
        }
        if last.is_alphabetic()
            && [" for ", " of "]
                .iter()
                .any(|p| rest.starts_with(p) && rest[p.len()..].starts_with(char::is_uppercase))
        {
            continue;
        }
        // "AS" in a line of capitals is the English word ("SUCH AS", "SHALL BE PROVIDED
        // AS"); a Norwegian "AS" follows a name written in mixed case.
        if m.as_str() == "AS"
            && !text[line_start(text, fs)..line_end(text, fe)]
                .chars()
                .any(char::is_lowercase)
        {
            continue;
        }
        // "Blackrock, Co. Dublin": an Irish county, not a company.
        if m.as_str() == "Co." && irish_county_after(rest) {
            continue;
        }
        let Some(form) = data.form_of_variant(m.as_str()) else {
            continue;
        };
        let (ns, wrapped) = match name_before(text, fs, form.comma) {
            Some(ns) => (ns, false),
            None => match name_above_form(text, fs, fe, form.comma, data) {
                Some(ns) => (ns, true),
                None => continue,
            },
        };
        // A heading that ends in a legal form's letters ("AUTHORIZED SUB-PROCESSORS AS")
        // names a role, not an organisation; a name never holds a line break (but for a
        // legal form alone below it) and a place before it ("Gunzenhausen⏎Deutsche Bank AG")
        // belongs to the line above.
        let head = &text[ns..fs];
        if !head.chars().any(char::is_lowercase) && role_re().is_match(head) {
            continue;
        }
        let ns = match text[ns..fs].rfind('\n').filter(|_| !wrapped) {
            Some(k) => ns + k + 1,
            None => ns,
        };
        let ns = after_postcode_city(text, ns, fs, data);
        let ns = after_glued_country(text, ns, fs);
        let ns = after_previous_org(text, &out, ns, fs);
        let ns = after_leading_form(text, ns, fs, data);
        let ns = after_item_label(text, ns, fs);
        let ns = after_sentence_or_pair(text, ns, fs);
        if ns >= fs {
            continue;
        }
        // "an Illinois Limited Liability Company", "a Delaware corporation": a state or
        // province before the legal form says under which law a company is organised;
        // it names none.
        let head = collapse(text[ns..fs].trim_end_matches([' ', '\t', ',']));
        if data
            .regions_named(&head)
            .iter()
            .any(|r| r.name.eq_ignore_ascii_case(&head))
        {
            continue;
        }
        // "eine Berliner GmbH", "a Dublin Ltd": one word after an indefinite article
        // describes a kind of company, it names none.
        if !head.contains(' ') && after_indefinite_article(text, ns) {
            continue;
        }
        let mut end = fe;
        // "DigitalService GmbH des Bundes", "… GmbH des Landes Berlin".
        for suffix in [" des Bundes", " des Landes"] {
            if text[fe..].starts_with(suffix) {
                end = fe + suffix.len();
                if suffix == " des Landes" {
                    let rest = &text[end..];
                    let w: usize = rest
                        .char_indices()
                        .skip(1)
                        .find(|(_, c)| !c.is_alphabetic() && *c != '-')
                        .map(|(i, _)| i)
                        .unwrap_or(rest.len());
                    if rest.starts_with(' ') && rest[1..].starts_with(|c: char| c.is_uppercase()) {
                        end += w;
                    } else {
                        end = fe;
                    }
                }
            }
        }
        out.push(OrgHit {
            start: ns,
            end,
            name: collapse(&text[ns..end]),
            legal_form: Some(collapse(m.as_str())),
            rule: "legal_form",
        });
    }
    for m in public_body_re().find_iter(text) {
        let (mut s, mut e) = (m.start(), m.end());
        if text[..s]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '-')
        {
            continue;
        }
        // Trim trailing connectors and a word that is really the street ("… Alt-Moabit 140").
        loop {
            let seg = &text[s..e];
            let Some(sp) = seg.rfind(char::is_whitespace) else {
                break;
            };
            let last = &seg[sp + 1..];
            let street_next = text[e..]
                .trim_start_matches([' ', '\t'])
                .starts_with(|c: char| c.is_ascii_digit());
            if CONNECTORS.contains(&last)
                || STOP.contains(&last.to_lowercase().as_str())
                || street_next
            {
                e = s + sp;
                let (a, b) = trim_span(text, s, e, char::is_whitespace);
                s = a;
                e = b;
            } else {
                break;
            }
        }
        // Leading stop word ("Das Robert Koch-Institut" cannot happen, but "The University").
        let first_end = text[s..e]
            .find(char::is_whitespace)
            .map(|i| s + i)
            .unwrap_or(e);
        if STOP.contains(&text[s..first_end].to_lowercase().as_str()) {
            let (a, _) = trim_span(text, first_end, e, char::is_whitespace);
            s = a;
        }
        // "Researchers At Indiana University": the words before "University" that name it
        // follow the last stop word.
        if let Some(u) = text[s..e].find("University") {
            let head = &text[s..s + u];
            let mut at = s;
            for w in head.split_inclusive(char::is_whitespace) {
                at += w.len();
                if STOP.contains(&w.trim_end().to_lowercase().as_str()) {
                    s = at;
                }
            }
            (s, e) = trim_span(text, s, e, char::is_whitespace);
        }
        if s >= e || !text[s..e].contains(char::is_whitespace) && !text[s..e].contains('-') {
            continue;
        }
        if out.iter().any(|o: &OrgHit| o.start < e && s < o.end) {
            continue;
        }
        out.push(OrgHit {
            start: s,
            end: e,
            name: collapse(&text[s..e]),
            legal_form: None,
            rule: "public_body",
        });
    }
    out.sort_by_key(|o| (o.start, o.end));
    out.dedup_by(|b, a| b.start < a.end);
    out
}

/// How far after a bank's name its account number may stand, and how far before it a
/// "Bank details" label, in bytes (a letterhead footer's line and the next).
pub const BANK_DETAILS_BYTES: usize = 160;

/// The start of a name that a narrow table cell wrapped before its legal form ("Cognitrix
/// Assessments⏎Ltd", "Amazon Web Services EMEA⏎SARL"): the legal form at `fs..fe` stands
/// alone on its line (a comma or full stop aside), and the whole line above, which ends
/// in no legal form of its own, is the name before it. Also a name wrapped in prose before
/// its form ("Corvina Analytics,⏎Inc., a Delaware corporation"), see below.
fn name_above_form(
    text: &str,
    fs: usize,
    fe: usize,
    comma_ok: bool,
    data: &EntityData,
) -> Option<usize> {
    let ls = line_start(text, fs);
    let at_line_start = text[ls..fs].trim().is_empty();
    let alone = at_line_start
        && text[fe..line_end(text, fe)]
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';'))
            .is_empty();
    // In prose, a line may begin with a name's legal form and go on ("… a wholly owned
    // subsidiary of Corvina Analytics,⏎Inc., a Delaware corporation."): a form that is no
    // plain word ("Inc.", "GmbH", not "Limited"), right before a comma, bracket or
    // semicolon; the name is the end of the line above.
    let form = &text[fs..fe];
    let plain_word =
        form.starts_with(char::is_uppercase) && form.chars().skip(1).all(|c| c.is_lowercase());
    let wrapped = at_line_start && !plain_word && text[fe..].starts_with([',', ';', ')']);
    if !(alone || wrapped) || ls == 0 {
        return None;
    }
    let above_end = ls - 1;
    let above_start = line_start(text, above_end);
    let (a, b) = trim_span(text, above_start, above_end, char::is_whitespace);
    let above = text[a..b].trim_end_matches(',');
    if above.is_empty()
        || data
            .form_re
            .find_iter(above)
            .any(|m| m.end() == above.len())
    {
        return None;
    }
    // The whole line above, or all of it after a table row's number ("1 Amazon Web
    // Services EMEA⏎SARL").
    let ns = name_before(text, above_end, comma_ok)?;
    let whole = ns == a || after_row_number(&text[a..b]).is_some_and(|rest| b - rest.len() == ns);
    (whole || wrapped).then_some(ns)
}

/// The rest of a table row's line after the row's number (one or two digits, a dot or a
/// bracket or not, then a space or tab): "5 Google Cloud" → "Google Cloud", "2. Hetzner
/// Online GmbH" → "Hetzner Online GmbH"; `None` for a line that opens otherwise.
pub fn after_row_number(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = t.get(digits..).filter(|_| (1..=2).contains(&digits))?;
    let rest = rest.strip_prefix(['.', ')']).unwrap_or(rest);
    rest.starts_with([' ', '\t']).then(|| rest.trim_start())
}

/// Whether `o` is a bank named in a letterhead's bank details ("Bank details: …
/// Deutsche Bank AG Nuremberg … IBAN: DE92 …", Hetzner's footer): a name with "bank" or
/// "sparkasse" in it, with an IBAN, BIC or account number within [`BANK_DETAILS_BYTES`]
/// after it or a "Bank details" or "Bankverbindung" label as far before it. Such a
/// mention names no party; a bank that is one is named in the contract's text as well.
pub fn in_bank_details(text: &str, o: &OrgHit) -> bool {
    let name = o.name.to_lowercase();
    if !name.contains("bank") && !name.contains("sparkasse") {
        return false;
    }
    let after = &text[o.end..ceil_char(text, o.end + BANK_DETAILS_BYTES)];
    let before = &text[floor_char(text, o.start.saturating_sub(BANK_DETAILS_BYTES))..o.start];
    const ACCOUNT: &[&str] = &["IBAN", "BIC", "SWIFT", "BLZ", "Kontonummer", "Konto-Nr"];
    const LABEL: &[&str] = &["bank details", "bankverbindung", "banking details"];
    if ACCOUNT.iter().any(|w| after.contains(w)) {
        return true;
    }
    let before = before.to_lowercase();
    LABEL.iter().any(|w| before.contains(w))
}

/// Where a name read back from its legal form at `fs` to `ns` really starts when it
/// holds a postcode, or a postcode stands before it on the line: the words after the
/// postcode are its city, glued to the name by text extraction ("91710 Gunzenhausen
/// Deutsche Bank AG", "CA 94043 Mountain View Example Inc." from a letterhead). Only a
/// known city is cut off, and only when a word of the name stays before the legal form
/// ("TSV 1860 München e.V." keeps its name); a 4-digit number from 1900 to 2099 is taken
/// for a year, not a postcode ("© 2021 Microsoft Corporation").
fn after_postcode_city(text: &str, ns: usize, fs: usize, data: &EntityData) -> usize {
    let is_postcode = |w: &str| {
        let year = w.len() == 4 && matches!(w.get(..2), Some("19" | "20"));
        (4..=5).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()) && !year
    };
    let before = text[line_start(text, ns)..ns].trim_end_matches([' ', '\t']);
    let mut starts: Vec<usize> = Vec::new();
    if is_postcode(before.rsplit([' ', '\t', ',']).next().unwrap_or_default()) {
        starts.push(ns);
    }
    let name = text[ns..fs].trim_end_matches([' ', '\t', ',']);
    let mut at = ns;
    for word in name.split([' ', '\t']) {
        at += word.len() + 1;
        if is_postcode(word) && at < ns + name.len() {
            starts.push(at);
        }
    }
    for &city in starts.iter().rev() {
        let rest = &text[city..ns + name.len()];
        // Ends of the words of `rest` but its last: each may end the city.
        let ends = rest.match_indices([' ', '\t']).map(|(k, _)| city + k);
        let cut = ends
            .take(data.city_max_tokens)
            .filter(|&e| !data.city_countries(&collapse(&text[city..e])).is_empty())
            .last();
        if let Some(e) = cut {
            let name_rest = text[e..fs].trim_start_matches([' ', '\t']);
            return fs - name_rest.len();
        }
    }
    ns
}

/// Where a name starts whose first word begins with a country name run into it, the line
/// break between them lost: "Dublin, D02 AY86⏎IrelandAutomattic Inc." (an address's last
/// line and the next sentence, in Automattic's privacy policy, come as
/// "IrelandAutomattic Inc. is also the controller"). Only a country's English or German
/// name directly followed by a capital letter is cut off, so names written in camel case
/// ("WooCommerce, Inc.", "DigitalService GmbH") keep their first word.
fn after_glued_country(text: &str, ns: usize, fs: usize) -> usize {
    let word_end = text[ns..fs].find([' ', '\t']).map_or(fs, |k| ns + k);
    let word = &text[ns..word_end];
    let glued = word.char_indices().skip(1).find(|&(k, c)| {
        c.is_uppercase()
            && word[..k].ends_with(char::is_lowercase)
            && word[k..].chars().nth(1).is_some_and(char::is_lowercase)
    });
    match glued {
        Some((k, _)) if crate::analyze::value::is_country_name(&word[..k]) => ns + k,
        _ => ns,
    }
}

/// Start of a name at `ns` past a sentence that ends before it in a number or a reference
/// ("… decision 2002/2/EC. OrbitDesk Americas LLC is certified"), and past a short name and
/// a joining word before the same name in full ("between OrbitDesk and OrbitDesk Americas
/// LLC").
fn after_sentence_or_pair(text: &str, ns: usize, fs: usize) -> usize {
    let head = &text[ns..fs];
    let mut ns = ns;
    if let Some(k) = head.rfind(". ") {
        let word = head[..k]
            .rsplit([' ', '\t', '\n'])
            .next()
            .unwrap_or_default();
        if word.contains(|c: char| c.is_ascii_digit()) {
            ns += k + 2;
        }
    }
    let head = &text[ns..fs];
    let first = head.split_whitespace().next().unwrap_or_default();
    for joiner in [" and ", " und "] {
        if let Some(k) = head.find(joiner) {
            let after = &head[k + joiner.len()..];
            if !first.is_empty() && after.split_whitespace().next() == Some(first) {
                return ns + k + joiner.len();
            }
        }
    }
    ns
}

/// Start of a name at `ns` past an item's label before it ("Nr. 1  Vindobona Datacenter
/// GmbH", "No. 3 Acme Ltd", "#11 Microsoft Ireland Operations Limited"): a list's number is
/// no part of the name that follows.
fn after_item_label(text: &str, ns: usize, fs: usize) -> usize {
    static R: OnceLock<Regex> = OnceLock::new();
    let label = regex(
        &R,
        r"^(?:(?:Nr|No|Ziff)\.[ \t]*|#[ \t]*)\d{1,3}[ \t]+\p{Lu}",
    );
    match label.find(&text[ns..fs]) {
        Some(m) => {
            ns + m.end()
                - text[ns..fs][..m.end()]
                    .chars()
                    .next_back()
                    .map_or(0, char::len_utf8)
        }
        None => ns,
    }
}

/// Reads the name backwards from a legal form at `form_start`; returns the name's start.
/// Where a name starts that reads back into the organisation before it, across a joining
/// word: "Google LLC and Google Ireland Limited" holds two names, the second starting after
/// "and". `ns` (the name's start read back from the legal form at `fs`) otherwise.
/// Where a name starts when it begins with the legal form of the name on the line above
/// and a connector: "Shopify International⏎Limited and Shopify Inc." names Shopify Inc.
fn after_leading_form(text: &str, ns: usize, fs: usize, data: &EntityData) -> usize {
    let mut words = text[ns..fs].split_whitespace();
    let (Some(form), Some(joiner)) = (words.next(), words.next()) else {
        return ns;
    };
    if data.form_of_variant(form).is_none() || !["and", "und", "&", "sowie"].contains(&joiner) {
        return ns;
    }
    let from = ns + text[ns..fs].find(form).unwrap_or(0) + form.len();
    let Some(k) = text[from..fs].find(joiner) else {
        return ns;
    };
    let after = from + k + joiner.len();
    let skipped = text[after..fs].len() - text[after..fs].trim_start().len();
    if after + skipped < fs {
        after + skipped
    } else {
        ns
    }
}

fn after_previous_org(text: &str, found: &[OrgHit], ns: usize, fs: usize) -> usize {
    let Some(prev) = found.last() else { return ns };
    if !(ns < prev.end && prev.end <= fs) {
        return ns;
    }
    let between = &text[prev.end..fs];
    let mut pos = prev.end;
    let mut joined = false;
    for w in between.split_inclusive([' ', '\t', ',']) {
        let word = w.trim_matches([' ', '\t', ',']);
        if word.is_empty() || LIST_JOINERS.contains(&word) {
            joined |= !word.is_empty();
            pos += w.len();
        } else {
            break;
        }
    }
    if joined && text[pos..fs].starts_with(char::is_uppercase) {
        pos
    } else {
        ns
    }
}

/// What may stand between two organisations of one list besides commas ("A GmbH, B AG und
/// die C SE").
pub const LIST_JOINERS: &[&str] = &[
    "",
    "and",
    "und",
    "sowie",
    "as well as",
    "or",
    "oder",
    "and the",
    "und die",
    "und der",
    "sowie die",
    "sowie der",
];

/// Whether `line` introduces another party of a contract ("zwischen dem Kunden von …",
/// "and the Customer"): a definition above it is not reached across it.
pub fn introduces_party(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("").to_lowercase();
    ["zwischen", "between", "und", "and", "sowie"].contains(&first.as_str())
}

/// Parties of a contract named without a legal form in its header: the first line after a
/// line that is only "zwischen", "between", "und", "and" or "by and between", when a
/// definition follows its address block ([`defined_terms_below`]: "- nachfolgend
/// „Auftraggeber“ -", "(hereinafter the \"Controller\")"). A sole practitioner, a practice
/// or an office has no legal form: "Steuerberatungskanzlei Dipl.-Kfm. Henning Roloff,
/// Steuerberater", "Praxis für Physiotherapie Anna Weber". The line begins with a capital,
/// has at most twelve words, no digit, bracket or blank to fill in ("Kundin (wird
/// eingefügt)", "\[Name\]", "____"), no role word and no organisation of `orgs` (sorted by
/// start), and does not end in a colon. The hit is the line, rule "contract_header".
pub fn header_parties(text: &str, orgs: &[OrgHit]) -> Vec<OrgHit> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let le = full_line_end(text, pos);
        let opener = text[pos..le].trim().trim_end_matches(':').to_lowercase();
        if PARTY_OPENERS.contains(&opener.as_str()) {
            if let Some(hit) = header_name_below(text, le, orgs) {
                out.push(hit);
            }
        }
        pos = le + 1;
    }
    out
}

/// Lines that open a contract party's block in the header, alone on their line (lower
/// case, a colon dropped): [`header_parties`], [`block_definition`].
const PARTY_OPENERS: [&str; 5] = ["zwischen", "between", "und", "and", "by and between"];

/// Headings over the contract parties' blocks (lower case, without a trailing colon), the
/// first of which [`block_definition`] reads like one after [`PARTY_OPENERS`].
const PARTIES_HEADINGS: [&str; 6] = [
    "vertragsparteien",
    "vertragspartner",
    "parteien",
    "parties",
    "the parties",
    "contracting parties",
];

/// Most words of a name line of [`header_parties`].
const HEADER_NAME_WORDS: usize = 12;

/// The name line of [`header_parties`] among the two lines after the opener line ending at
/// `le`, if it is one.
fn header_name_below(text: &str, le: usize, orgs: &[OrgHit]) -> Option<OrgHit> {
    let mut ls = (le + 1).min(text.len());
    for _ in 0..2 {
        let e = full_line_end(text, ls);
        let line = text[ls..e].trim();
        if line.is_empty() {
            ls = (e + 1).min(text.len());
            if ls >= text.len() {
                return None;
            }
            continue;
        }
        let k = orgs.partition_point(|o| o.end <= ls);
        let holds_org = orgs.get(k).is_some_and(|o| o.start < e);
        // "Physiotherapie am Rosental Inh. Maren Schubert, Gohliser Straße 8, 04105
        // Leipzig": the name ends before the address on its line.
        let e = match line.find(", ") {
            Some(k) if line.contains(|c: char| c.is_ascii_digit()) => {
                ls + text[ls..e].find(line).unwrap_or(0) + k
            }
            _ => e,
        };
        let line = text[ls..e].trim();
        let name_like = line.starts_with(char::is_uppercase)
            && line.split_whitespace().count() <= HEADER_NAME_WORDS
            && !line.ends_with(':')
            && !line.contains(|c: char| c.is_ascii_digit() || "@|()[]_…".contains(c))
            && !role_re().is_match(line);
        if holds_org || !name_like {
            return None;
        }
        let (cs, ce) = trim_span(text, ls, e, |c| c.is_whitespace() || c == ',');
        let (_, terms) = defined_terms_below(text, ce)?;
        return (!terms.is_empty()).then(|| OrgHit {
            start: cs,
            end: ce,
            name: collapse(&text[cs..ce]),
            legal_form: None,
            rule: "contract_header",
        });
    }
    None
}

/// Whether `token` is a word in capitals that ends a sentence before a name: "… South San
/// Francisco, CA 94080, USA. Stripe, Inc. ist …" ("USA.", "UK.", "EWR."); not an
/// abbreviation with inner dots ("S.A."), nor one of a name ("Co.").
fn ends_sentence_in_capitals(token: &str) -> bool {
    token.strip_suffix('.').is_some_and(|w| {
        w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() && c.is_alphabetic())
    })
}

/// Stop words that still belong to a name when they stand right before its legal form
/// (capitalised, as written).
const NAME_END_NOUNS: &[&str] = &["Hosting"];

/// "(Europe)", "(Schweiz)": one capitalised word of letters in round brackets.
fn is_parenthesised_word(token: &str) -> bool {
    token
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .is_some_and(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars().count() >= 2
                && w.chars().all(char::is_alphabetic)
        })
}

fn name_before(text: &str, form_start: usize, comma_ok: bool) -> Option<usize> {
    let ls = line_start(text, form_start);
    let (s0, mut e0) = trim_span(text, ls, form_start, |c| c == ' ' || c == '\t');
    let _ = s0;
    if text[..e0].ends_with(',') {
        if !comma_ok {
            return None;
        }
        e0 -= 1;
    }
    let seg = &text[ls..e0];
    // Tokens (start, end) relative to the text.
    let mut toks: Vec<(usize, usize)> = Vec::new();
    let mut cur: Option<usize> = None;
    for (i, ch) in seg.char_indices() {
        if ch == ' ' || ch == '\t' {
            if let Some(st) = cur.take() {
                toks.push((ls + st, ls + i));
            }
        } else if cur.is_none() {
            cur = Some(i);
        }
    }
    if let Some(st) = cur {
        toks.push((ls + st, e0));
    }
    // "noris network AG" alone on its line or in its table cell (or before its address
    // there): a name in lower case.
    let lower_line_name = {
        let run = toks
            .iter()
            .rposition(|&(ts, te)| &text[ts..te] == "|")
            .map_or(0, |i| i + 1);
        // After a table row's number ("1 plusserver GmbH, Hohenzollernring 72").
        let numbered = toks.get(run).is_some_and(|&(ts, te)| {
            te - ts <= 3 && text[ts..te].bytes().all(|b| b.is_ascii_digit())
        });
        let words = &toks[run + usize::from(numbered)..];
        let cell_rest = text[form_start..line_end(text, form_start)]
            .split('|')
            .next()
            .unwrap_or_default();
        let form_ends_cell = !cell_rest.trim().contains(char::is_whitespace);
        // Or its address follows after a comma ("1 | plusserver GmbH, Venloer Straße 47,
        // 50672 Köln | …"), the name one or two words.
        let address_follows = words.len() <= 2
            && cell_rest.contains(',')
            && cell_rest
                .split(',')
                .next()
                .is_some_and(|f| !f.trim().contains(char::is_whitespace));
        (1..=3).contains(&words.len())
            && (form_ends_cell || address_follows)
            && words
                .iter()
                .all(|&(ts, te)| text[ts..te].chars().all(|c| c.is_lowercase() || c == '-'))
    };
    let mut start: Option<usize> = None;
    // Words taken, academic titles aside ("Dr. med. Katharina Vogel & Dr. med. Jens Albers
    // Partnerschaft mbB").
    let mut accepted = 0;
    // The word taken last (the next one in the text).
    let mut after = "";
    for (k, &(ts, te)) in toks.iter().enumerate().rev() {
        if accepted >= 8 {
            break;
        }
        let raw = &text[ts..te];
        if TITLE_PARTS.contains(&raw) {
            start = Some(ts);
            continue;
        }
        // "… which Supplier and Corvina Analytics, Inc. have executed": a contract's side
        // joined by "and" is another party, not the start of the name.
        if ["and", "und"].contains(&after) && CONTRACT_SIDES.contains(&raw) {
            break;
        }
        after = raw;
        accepted += 1;
        let accepted = accepted - 1;
        if accepted == 0 && is_parenthesised_word(raw) {
            // "PayPal (Europe) S.à r.l. et Cie, S.C.A.", "Google (Schweiz) GmbH": a
            // capitalised word in brackets right before the legal form; a name must not
            // begin there ("Automattic Inc. (US) and Aut O'Mattic … Ltd." stays two).
            start = Some(ts);
            continue;
        }
        // "… FISA Section 702. Microsoft Corporation": a number with a full stop ends the
        // sentence before the name.
        let number_ending_sentence = raw.len() > 2
            && raw.ends_with('.')
            && raw[..raw.len() - 1].bytes().all(|c| c.is_ascii_digit());
        // "HARROWGATE HOME INSURANCE SERVICES LTD KLAVERVELD CONTACT SOLUTIONS B.V.", a
        // two-column signature line: another company's legal form ends the name.
        let other_form = accepted > 0 && NAME_ENDING_FORMS.contains(&raw);
        // "(KvK 81234567). Quillstack B.V.": a bracket closed before a full stop.
        // "(“Fieldloom”),1 and Verhaeghe …": also before a footnote's number.
        let closed_sentence = raw.ends_with(").") || raw.contains("),");
        // "(z. B. Booking.com B.V.)": the abbreviation's second half is no initial.
        let abbreviation = raw == "B." && k > 0 && {
            let (ps, pe) = toks[k - 1];
            text[ps..pe].eq_ignore_ascii_case("z.") || text[ps..pe].ends_with("(z.")
        };
        if other_form
            || closed_sentence
            || abbreviation
            || raw.ends_with([
                ',', ';', ':', ')', '(', '"', '”', '“', '„', '\'', '’', '|', '•', '·', ']', '>',
            ])
            || raw == "-"
            || raw == "–"
            || ends_sentence_in_capitals(raw)
            || number_ending_sentence
        {
            break;
        }
        let t = raw.trim_start_matches([
            '*', '_', '"', '„', '“', '(', '[', '‚', '\'', '»', '«', '‘', '>',
        ]);
        let markup = t.len() != raw.len();
        if t.is_empty() {
            break;
        }
        let lower = t.to_lowercase();
        let first = t.chars().next().unwrap_or(' ');
        let ok = if CONNECTORS.contains(&t) {
            true
        } else if accepted == 0 && NAME_END_NOUNS.contains(&t) {
            // "Alpenrechen Hosting GmbH", "OVH Hosting Ltd.": a stop word right before the
            // legal form ends the name.
            true
        } else if lower.ends_with("gesellschaft")
            && text[form_start..].starts_with("mbH")
            && !GROUP_RELATIONS.iter().any(|r| lower.starts_with(r))
        {
            // "Schweizer & Partner Steuerberatungsgesellschaft mbH", "Netzgesellschaft
            // Nordheide mbH": "…gesellschaft … mbH" is the long spelling of a GmbH (not "die
            // Tochtergesellschaft X mbH").
            true
        } else if STOP.contains(&lower.as_str()) {
            // "und der Brückner Customer Care GmbH": "Customer" between capitalised words
            // of a name, the one before it opening the name (after a lower-case word or an
            // article), is the name's.
            let word = |j: usize| toks.get(j).map_or("", |&(a, z)| &text[a..z]);
            ["customer", "client"].contains(&lower.as_str())
                && accepted > 0
                && k >= 2
                && word(k - 1).starts_with(char::is_uppercase)
                && !STOP.contains(&word(k - 1).to_lowercase().as_str())
                && (word(k - 2).starts_with(char::is_lowercase)
                    || !word(k - 2).starts_with(char::is_alphanumeric)
                    || STOP.contains(&word(k - 2).to_lowercase().as_str()))
        } else if first.is_uppercase() || first.is_ascii_digit() {
            // Also in the genitive: "des Unterauftragsverarbeiters Hetzner Online GmbH",
            // "des Unterauftragnehmers Kalibo Contact Solutions Inc." ("Partners" may be a
            // name's word).
            let genitive = lower.strip_suffix('s').filter(|g| !g.ends_with("partner"));
            let noun = STOP_SUFFIX.iter().any(|s| {
                (lower.ends_with(s)
                    || genitive.is_some_and(|g| g.ends_with(s) && g.len() > s.len()))
                    && (lower.len() > s.len() || *s != "partner")
            });
            let dotted_ok =
                !t.ends_with('.') || t.chars().filter(|c| c.is_alphabetic()).count() <= 3;
            // ">> NEW Samsara Inc.", "ENDING HERE Europe B.V.": a change's label in capitals
            // before a name written in mixed case.
            let caps_label = CAPS_CHANGE_LABELS.contains(&t)
                && toks
                    .get(k + 1)
                    .is_some_and(|&(a, _)| text[a..form_start].chars().any(char::is_lowercase));
            !noun && dotted_ok && !caps_label
        } else {
            // "eBay", "iCloud", "http.net": lower-case brands and domains.
            let camel = t.chars().skip(1).any(|c| c.is_uppercase());
            let domain = t.contains('.')
                && !t.ends_with('.')
                && t.split('.').all(|p| {
                    p.len() >= 2 && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                });
            camel || domain || lower_line_name
        };
        if !ok {
            break;
        }
        // A field separator glued to the name ("01;Amazon Web Services EMEA SARL" in a
        // list of semicolon-separated records): the name starts after it.
        if let Some(i) = t.rfind([';', '|']) {
            if t[i + 1..].starts_with(char::is_uppercase) {
                start = Some(te - t.len() + i + 1);
                break;
            }
        }
        // A postcode glued to the name ("San Francisco, CA 94110Automattic Inc."): the
        // name starts after it.
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if digits >= 4 && t[digits..].starts_with(char::is_uppercase) {
            start = Some(te - t.len() + digits);
            break;
        }
        start = Some(te - t.len());
        if markup {
            break;
        }
    }
    let mut s = start?;
    if text[s..].starts_with('(') {
        return None;
    }
    // Drop leading connectors, bare numbers, outline numbers and year ranges ("2021
    // Microsoft Corporation", "© 2012-2014 Metromile Inc.", "A.1 Hetzner Online GmbH").
    loop {
        let end = text[s..e0].find([' ', '\t']).map(|i| s + i).unwrap_or(e0);
        let w = &text[s..end];
        let lead_junk = CONNECTORS.contains(&w)
            || w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '–' | '/'))
            || is_lettered_outline_number(w);
        if lead_junk && end < e0 {
            let (a, _) = trim_span(text, end, e0, |c| c == ' ' || c == '\t');
            s = a;
        } else if lead_junk {
            return None;
        } else {
            break;
        }
    }
    if !text[s..e0].chars().any(|c| c.is_alphabetic()) {
        return None;
    }
    Some(s)
}

/// Whether `w` numbers a section of an outline under a capital letter: "A.1", "B.2.3",
/// "C.4." (a letter, then dot-separated numbers).
fn is_lettered_outline_number(w: &str) -> bool {
    let mut parts = w.strip_suffix('.').unwrap_or(w).split('.');
    let letter = parts.next().unwrap_or_default();
    let numbers: Vec<&str> = parts.collect();
    letter.len() == 1
        && letter.bytes().all(|c| c.is_ascii_uppercase())
        && !numbers.is_empty()
        && numbers
            .iter()
            .all(|n| !n.is_empty() && n.len() <= 3 && n.bytes().all(|c| c.is_ascii_digit()))
}

/// The names of a contract's sides as defined terms, capitalised ([`name_before`]).
const CONTRACT_SIDES: [&str; 11] = [
    "Supplier",
    "Customer",
    "Client",
    "Controller",
    "Processor",
    "Provider",
    "Vendor",
    "Contractor",
    "Auftraggeber",
    "Auftragnehmer",
    "Kunde",
];

/// Academic titles and their parts, as they stand in a partnership's name ("Dr. med.",
/// "Prof. Dr. rer. nat."): words of the name, however written.
const TITLE_PARTS: [&str; 15] = [
    "Dr.", "Prof.", "med.", "rer.", "nat.", "dent.", "vet.", "iur.", "jur.", "phil.", "pol.",
    "oec.", "habil.", "techn.", "sc.",
];

/// Whitespace collapsed to single spaces.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A defined short name right after a mention: returns (end of the definition, defined terms).
pub fn defined_terms_after(text: &str, pos: usize) -> Option<(usize, Vec<String>)> {
    defined_terms_at(text, pos, true)
}

/// [`defined_terms_after`]; an acronym in brackets ("(RKI)") counts only when `acronyms`
/// (right after the name, not on a line below it: "(AVV) für …" is a title's).
pub fn defined_terms_at(text: &str, pos: usize, acronyms: bool) -> Option<(usize, Vec<String>)> {
    static PAREN: OnceLock<Regex> = OnceLock::new();
    static BARE: OnceLock<Regex> = OnceLock::new();
    static QUOTED: OnceLock<Regex> = OnceLock::new();
    static INTRO: OnceLock<Regex> = OnceLock::new();
    // One line break may stand inside the brackets, as a printed line ends there ("(the⏎
    // \"Controller\" or \"Noordhaven\")"), or after the intro word ("– nachfolgend⏎
    // „Auftraggeber“ –").
    let paren = regex(
        &PAREN,
        r"^[ \t]*,?[ \t]*\((?P<body>[^()\n]{1,160}(?:\n[^()\n]{1,80})?)\)",
    );
    let bare = regex(
        &BARE,
        r"^[ \t]*,?[ \t]*(?:hereinafter|hereafter|nachfolgend|nachstehend|im[ \t]+Folgenden)(?:[ \t]+(?:referred[ \t]+to[ \t]+as|called|genannt|bezeichnet[ \t]+als|kurz))?[ \t]*:?[ \t]*\n?[ \t]*(?:the[ \t]+|der[ \t]+|die[ \t]+|das[ \t]+)?[„“\x22‘'»«]?\**(?P<t>\p{Lu}[\p{L}\-]*(?:[ \t]\p{Lu}[\p{L}\-]*){0,2})\**[“”\x22’'«»]?",
    );
    let quoted = regex(
        &QUOTED,
        r"[„“\x22‘'»«]\**(?P<t>[^„“”\x22‘’'»«*\n]{1,40}?)\**[“”\x22’'«»]",
    );
    let intro = regex(
        &INTRO,
        r"(?i)^(?:(?:nachfolgend|nachstehend|im\s+folgenden|hereinafter|hereafter|below|together|collectively|each|also|auch|referred\s+to\s+as|genannt|bezeichnet\s+als|kurz|as|als|the|der|die|das)[\s:,]*)+",
    );
    let rest = &text[pos..];
    if let Some(c) = paren.captures(rest) {
        let body = c.name("body").map(|m| m.as_str()).unwrap_or("");
        let end = pos + c.get(0).map(|m| m.end()).unwrap_or(0);
        let terms: Vec<String> = quoted
            .captures_iter(body)
            .filter_map(|q| q.name("t").map(|m| m.as_str().trim().to_string()))
            .filter(|t| !t.is_empty())
            .collect();
        if !terms.is_empty() {
            return Some((end, terms));
        }
        // An acronym: "Robert Koch-Institut (RKI)"; not a country's ("(USA)").
        let acronym = body.trim();
        let letters = acronym.chars().filter(|c| c.is_alphabetic()).count();
        if acronyms
            && (3..=8).contains(&acronym.len())
            && letters >= 3
            && acronym
                .chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit())
            && !["USA", "EWR", "EEA", "UAE", "GDPR", "DSGVO", "CCPA"].contains(&acronym)
        {
            return Some((end, vec![acronym.to_string()]));
        }
        // Unquoted: "(im Folgenden: Verantwortlicher)", "(hereinafter the Processor)".
        if let Some(i) = intro.find(body) {
            if i.end() > 0 {
                let t = body[i.end()..].trim().trim_end_matches('.');
                let words = t.split_whitespace().count();
                if (1..=3).contains(&words) && t.starts_with(|c: char| c.is_uppercase()) {
                    return Some((end, vec![t.to_string()]));
                }
            }
        }
        return None;
    }
    let c = bare.captures(rest)?;
    let mut terms = vec![c.name("t")?.as_str().to_string()];
    let mut end = pos + c.get(0)?.end();
    // A second quoted term: "– nachfolgend „Odontara“ oder „Auftragnehmerin“ –".
    static ALTERNATIVE: OnceLock<Regex> = OnceLock::new();
    let alternative = regex(
        &ALTERNATIVE,
        r"^[ \t]*(?:oder|or|bzw\.)[ \t]+(?:the[ \t]+|der[ \t]+|die[ \t]+|das[ \t]+)?[„“\x22‘'»«]\**(?P<t>\p{Lu}[\p{L}\-]*(?:[ \t]\p{Lu}[\p{L}\-]*){0,2})\**[“”\x22’'«»]",
    );
    if let Some(a) = alternative.captures(&text[end..]) {
        terms.extend(a.name("t").map(|t| t.as_str().to_string()));
        end += a.get(0).map_or(0, |m| m.end());
    }
    Some((end, terms))
}

/// A defined short name below a name's address block: the name, up to
/// `BLOCK_LINES` (12) short lines (street, city, country, contact), then a line
/// that opens with the definition ("(nachfolgend „Auftragnehmer“)",
/// "hereinafter the Processor"). A long line (running text) ends the search.
pub fn defined_terms_below(text: &str, pos: usize) -> Option<(usize, Vec<String>)> {
    /// Lines of an address block that may stand between a name and its definition.
    const BLOCK_LINES: usize = 12;
    /// Longest line still taken as part of an address block, in bytes.
    const BLOCK_LINE_BYTES: usize = 90;
    let first_break = super::text::floor_char(text, (pos + BLOCK_LINE_BYTES * 2).min(text.len()));
    let mut line_start = pos + text[pos..first_break].find('\n')? + 1;
    let mut represents = false;
    for below in 1..=BLOCK_LINES + 1 {
        let window =
            super::text::floor_char(text, (line_start + BLOCK_LINE_BYTES + 1).min(text.len()));
        let line_end = match text[line_start..window].find('\n') {
            Some(i) => line_start + i,
            // No line end within reach: a long line (running text), or the text's end.
            None if window < text.len() => return None,
            None => window,
        };
        let line = text[line_start..line_end].trim();
        let lower = line.to_lowercase();
        if let Some(def) = definition_line(text, line_start, line_end) {
            return column_definition(text, line_end, below).or(def);
        }
        // "und Dipl.-Ing. Claudia Weiß" below "vertreten durch die Geschäftsführer Thomas
        // Brenner" names a second representative, not the next party.
        if introduces_party(line) && !represents {
            return None;
        }
        // "…, CVR no. 41 22 87 65 (the⏎\"Customer\" or \"Controller\"); and⏎TalentLoop Oy, …":
        // an entry that ends in "and" hands over to the next party, whose definition
        // follows.
        if HANDOVER_ENDINGS.iter().any(|w| lower.ends_with(w)) {
            return None;
        }
        if line.len() > BLOCK_LINE_BYTES || line_end >= text.len() {
            return None;
        }
        represents = REPRESENTED_BY.iter().any(|w| lower.contains(w));
        line_start = line_end + 1;
    }
    None
}

/// How a line of a contract's header that hands over to the next party ends ("…
/// (\"Customer\"); and").
const HANDOVER_ENDINGS: [&str; 4] = [" and", ";and", " und", ";und"];

/// The definition of a name in a signature block whose columns the text interleaves line
/// by line ("Elbmarsch Logistik GmbH⏎Nordlicht Software GmbH⏎Henrik Claussen⏎Florian
/// Aigner⏎– Auftraggeber –⏎– Auftragnehmer –"): when the first definition line below the
/// name, `below` lines under it and ending at `first_end`, is followed by more dashed
/// definition lines (k of them in all, k ≥ 2, each row of the block k lines), the name's
/// column is `(k - below % k) % k` and its definition the one in that place. `None` when no
/// second definition line follows (a one-column block) or the name's column is the first:
/// the first definition is the name's.
fn column_definition(text: &str, first_end: usize, below: usize) -> Option<(usize, Vec<String>)> {
    /// Most columns of a signature block.
    const MAX_COLUMNS: usize = 4;
    let mut defs = Vec::new();
    let mut end = first_end;
    while defs.len() < MAX_COLUMNS && end < text.len() {
        let e = full_line_end(text, end + 1);
        let Some(terms) = dashed_definition(text[end + 1..e].trim()) else {
            break;
        };
        defs.push((e, terms));
        end = e;
    }
    if defs.is_empty() {
        return None;
    }
    let k = defs.len() + 1;
    let column = (k - below % k) % k;
    // Column 0 is the first definition line's: the caller's own answer.
    (column > 0).then(|| defs.swap_remove(column - 1))
}

/// The definition the line `line_start..line_end` gives, if it is a definition line: one
/// that opens with "(" or an intro word ("nachfolgend", "hereinafter", …; see
/// [`defined_terms_at`], whose answer, `None` included, is the line's), or a definition set
/// off by dashes ([`dashed_definition`]). `None` for other lines.
#[allow(clippy::option_option)]
fn definition_line(
    text: &str,
    line_start: usize,
    line_end: usize,
) -> Option<Option<(usize, Vec<String>)>> {
    const INTROS: [&str; 5] = [
        "nachfolgend",
        "nachstehend",
        "im folgenden",
        "hereinafter",
        "hereafter",
    ];
    let line = text[line_start..line_end].trim();
    let lower = line.to_lowercase();
    if line.starts_with('(') || INTROS.iter().any(|w| lower.starts_with(w)) {
        return Some(defined_terms_at(text, line_start, false));
    }
    // "vertreten durch den Geschäftsführer Herrn Malte Friedrichsen – nachfolgend⏎
    // „Auftragsverarbeiter“ –": the intro word closes the line, its term opens the next.
    let trimmed_end = line_start + text[line_start..line_end].trim_end().len();
    let closing = INTROS.iter().find(|w| {
        lower
            .strip_suffix(**w)
            .is_some_and(|head| head.ends_with([' ', '–', '-', ',']))
    });
    if let Some(w) = closing {
        let at = trimmed_end - w.len();
        if text.is_char_boundary(at) {
            if let Some(def) = defined_terms_at(text, at, false) {
                return Some(Some(def));
            }
        }
    }
    dashed_definition(line).map(|terms| Some((line_end, terms)))
}

/// The definition that closes a contract party's block in the header: the organisation
/// `start..end` begins its line right below a line "und", "zwischen", "and" or "between" (a
/// blank line may stand between), and a definition line (one opening with "(" or an intro
/// word, or set off by dashes) follows within eight lines, none of them blank, however long
/// ("Therapido Software GmbH & Co. KG, Karl-Liebknecht-Straße 112, … persönlich haftende
/// Gesellschafterin: Therapido Verwaltungs GmbH, … ⏎– nachstehend „Auftragnehmer“ –"). The
/// definition is the block's first organisation's, not that of an organisation named inside
/// the block (its general partner, its representative). Returns the start of the definition
/// line, the end of the definition and its terms.
pub fn block_definition(
    text: &str,
    start: usize,
    end: usize,
) -> Option<(usize, usize, Vec<String>)> {
    let ls = line_start(text, start);
    if !text[ls..start].trim().is_empty() || ls == 0 {
        return None;
    }
    // The line above (over one blank line) must open the party.
    let mut above_end = ls - 1;
    let mut above = line_start(text, above_end);
    if text[above..above_end].trim().is_empty() && above > 0 {
        above_end = above - 1;
        above = line_start(text, above_end);
    }
    let opener = text[above..above_end]
        .trim()
        .trim_end_matches(':')
        .to_lowercase();
    // Also a heading over the parties' blocks ("Vertragsparteien"), or the definition line
    // that closes the block above ("– im Folgenden „Auftraggeber“ –⏎Lohnpilot AG").
    if !PARTY_OPENERS.contains(&opener.as_str())
        && !PARTIES_HEADINGS.contains(&opener.as_str())
        && dashed_definition(text[above..above_end].trim()).is_none()
    {
        return None;
    }
    let mut pos = full_line_end(text, end) + 1;
    for _ in 0..PARTY_BLOCK_LINES {
        if pos >= text.len() {
            return None;
        }
        let le = full_line_end(text, pos);
        if text[pos..le].trim().is_empty() {
            return None;
        }
        // "und" on a line of its own: the next party's block begins, this one had no
        // definition line.
        let opener = text[pos..le].trim().trim_end_matches(':').to_lowercase();
        if PARTY_OPENERS.contains(&opener.as_str()) {
            return None;
        }
        if let Some(def) = definition_line(text, pos, le) {
            return def.map(|(e, terms)| (pos, e, terms));
        }
        // "Halvorsen Retail AS, …, organisation number 918 447⏎201 (\"Customer\"); and": a
        // line that hands over to the next party closes the block with the definition it
        // holds, if any; the next party's follows.
        let line = &text[pos..le];
        if HANDOVER_ENDINGS
            .iter()
            .any(|w| line.trim_end().to_lowercase().ends_with(w))
        {
            return line
                .rfind('(')
                .and_then(|k| defined_terms_at(text, pos + k, false))
                .map(|(e, terms)| (pos, e, terms));
        }
        pos = le + 1;
    }
    None
}

/// The spans of `s` that give a party's register entry or its representatives: "eingetragen
/// im Handelsregister des Amtsgerichts Osnabrück unter HRB 20771", "vertreten durch die
/// Geschäftsführerin Frau Ilka Okonek", "vertreten durch den Verbandsvorsitzenden Herrn …", "registered in England and Wales under company
/// number 01234567", "registered in Ireland (CRO no. 604118)", "a corporation existing
/// under the laws of the Province of Ontario", "represented by its managing director Jane
/// Doe" (each up to the next comma, semicolon, bracket or dash).
pub fn register_and_representatives(s: &str) -> Vec<(usize, usize)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &R,
        r"(?i)\b(?:eingetragen[ \t]+(?:im|in[ \t]+das|beim)[ \t]+(?:handels|vereins|partnerschafts|genossenschafts)?register[^,;()–—\n]{0,60}?\b(?:hr[ab]|vr|pr|gnr|fn)\.?[ \t]*\d+(?:[ \t]+\p{Lu}{1,3}\b)?|vertreten[ \t]+durch[ \t]+(?:den|die|das|ihren?|seinen?)?[ \t]*(?:geschäftsführer(?:in|innen)?|geschäftsführung|vorstand|vorstände|\p{L}*vorsitzenden?|inhaber(?:in)?|prokuristen?|gesellschafter(?:in)?)\b[^,;()–—\n]{0,60}|registered[ \t]+(?:in|with|at)[^,;()–—\n]{0,60}?\bunder[ \t]+(?:company[ \t]+|registration[ \t]+)?(?:number|no\.?)[ \t]*[A-Z0-9]+|\ban?[ \t]+(?:[\p{Ll}-]+[ \t]+){0,3}?(?:company|corporation|partnership|entity)[ \t]+(?:incorporated|existing|organi[sz]ed|registered|established|formed)(?:[ \t]+and[ \t]+existing)?[ \t]+under[ \t]+(?:the[ \t]+laws?[ \t]+of[ \t]+(?:the[ \t]+)?[^,;()–—\n]{1,40}|\p{L}+[ \t]+law)|registered[ \t]+in[ \t]+[\p{L} ]{2,30}?[ \t]*\((?:company|registration|reg\.?|CRO|CRN)[ \t]*(?:no\.?|number|nr\.?)[ \t]*[A-Z0-9 ]+\)|represented[ \t]+by[ \t]+(?:its|their|the)?[ \t]*(?:managing[ \t]+directors?|directors?|ceo|board|officers?|authori[sz]ed[ \t]+signator(?:y|ies))\b[^,;()–—\n]{0,60})",
    );
    re.find_iter(s).map(|m| (m.start(), m.end())).collect()
}

/// The definition that closes a contract party's numbered paragraph: the organisation
/// `start..end` follows only an enumerator on its line ("(1) NOORDHAVEN RETAIL B.V., a
/// private limited liability company (besloten vennootschap) incorporated under …, with its
/// registered office at … (the \"Controller\" or \"Noordhaven\"); and"), and the last
/// bracket of its paragraph (up to a blank line or 800 bytes, before the next organisation
/// at `next_org`) defines its short names. Returns the end of the definition and its terms.
pub fn numbered_paragraph_definition(
    text: &str,
    start: usize,
    end: usize,
    next_org: Option<usize>,
) -> Option<(usize, Vec<String>)> {
    let ls = line_start(text, start);
    let lead = text[ls..start].trim();
    // A recital's article after its letter ("(A) Die Stadtwerke Rheinaue GmbH mit Sitz in …").
    let lead = ["Die ", "Der ", "The "]
        .iter()
        .find_map(|a| lead.strip_suffix(a.trim_end()).map(str::trim_end))
        .unwrap_or(lead);
    let enumerator = lead.len() <= 4
        && !lead.is_empty()
        && lead
            .trim_start_matches('(')
            .trim_end_matches([')', '.'])
            .chars()
            .all(|c| c.is_ascii_alphanumeric());
    if !enumerator {
        return None;
    }
    let limit = floor_char(text, (end + PARTY_PARAGRAPH_BYTES).min(text.len()));
    let para_end = text[end..limit].find("\n\n").map_or(limit, |k| end + k);
    // The next item, on a line of its own ("…(nachfolgend „Stadtwerke“ oder
    // „Auftraggeber“).⏎(B) Die Bosporus …").
    static NEXT: OnceLock<Regex> = OnceLock::new();
    let next_item = regex(&NEXT, r"\n[ \t]*(?:\([A-Za-z0-9]{1,3}\)|\d{1,2}\.)[ \t]");
    let para_end = next_item
        .find(&text[end..para_end])
        .map_or(para_end, |m| end + m.start());
    // The item ends with its first line that closes a clause ("…(hereinafter: the
    // “Processor”);⏎hereinafter jointly referred to as the “Parties”,⏎WHEREAS:").
    let mut line_from = end;
    let mut para_end = para_end;
    while line_from < para_end {
        let le = text[line_from..para_end]
            .find('\n')
            .map_or(para_end, |k| line_from + k);
        let line = text[line_from..le].trim_end();
        let closed = line.ends_with([';', '.'])
            || [";and", "; and", ";und", "; und"]
                .iter()
                .any(|e| line.ends_with(e));
        if closed {
            para_end = le;
            break;
        }
        line_from = le + 1;
    }
    let para = &text[end..para_end];
    // The paragraph ends with the definition: "…(the "Controller" or "Noordhaven"); and".
    let closing = para
        .trim_end()
        .trim_end_matches("and")
        .trim_end()
        .trim_end_matches("und");
    if !closing.trim_end().ends_with([';', ',', '.', ')']) {
        return None;
    }
    let open = para.rfind('(')?;
    // The definition after another organisation is that one's, unless it names them
    // together ("… acting for itself and as agent for FENWRIGHT RETAIL (IRELAND) LIMITED,
    // … (together the "Customer"); and").
    let body = para[open + 1..].trim_start().to_lowercase();
    let together = [
        "together",
        "collectively",
        "jointly",
        "gemeinsam",
        "zusammen",
    ]
    .iter()
    .any(|w| body.starts_with(w));
    if next_org.is_some_and(|n| end + open > n) && !together {
        return None;
    }
    defined_terms_at(text, end + open, false)
}

/// The number of a contract party's item: the organisation at `start` follows only an
/// enumerator on its line ("1.  Wärmeversorgung Nordheide GmbH & Co. KG", "(2) Beispiel
/// AG", "2) …").
pub fn party_item_number(text: &str, start: usize) -> Option<u32> {
    let lead = text[line_start(text, start)..start].trim();
    let digits = lead
        .strip_prefix('(')
        .map_or(lead, |l| l.strip_suffix(')').unwrap_or(""))
        .trim_end_matches(['.', ')']);
    if digits.is_empty() || digits.len() > 2 || lead.len() > 4 {
        return None;
    }
    digits.parse().ok()
}

/// A statement about a contract party referred to by its item's number, as contracts
/// whose header numbers the parties define their roles later ("Die unter 1. genannte
/// Partei … – nachstehend „Auftraggeber“ – sind Verantwortliche …", "The party named under
/// 2. above is the processor"). Returns (number, start of the reference, end of its
/// statement): the statement runs to the end of the sentence or to the next reference.
pub fn numbered_party_references(text: &str) -> Vec<(u32, usize, usize)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &R,
        r"(?i)(?-u:\b)(?:(?:die|der|das)[ \t\n]+(?:unter|in|zu)[ \t\n]+(?:(?:nr\.|ziffer|ziff\.|punkt)[ \t]*)?(?P<de>\d{1,2})\.?[ \t\n]+(?:genannte|bezeichnete|aufgeführte|angeführte)[ \t\n]+(?:vertrags)?partei|the[ \t\n]+party[ \t\n]+(?:named|referred[ \t\n]+to|listed|identified|mentioned|described)[ \t\n]+(?:under|in|at)[ \t\n]+(?:(?:no\.|number|item)[ \t]*)?(?P<en>\d{1,2})(?-u:\b)\.?)",
    );
    let found: Vec<(u32, usize, usize)> = re
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let n = c
                .name("de")
                .or_else(|| c.name("en"))?
                .as_str()
                .parse()
                .ok()?;
            Some((n, m.start(), m.end()))
        })
        .collect();
    (0..found.len())
        .map(|k| {
            let (n, s, e) = found[k];
            let next = found.get(k + 1).map_or(text.len(), |f| f.1);
            (n, s, statement_end(text, e).min(next))
        })
        .collect()
}

/// How far a statement about a numbered party may run (bytes).
const NUMBERED_STATEMENT_REACH: usize = 400;

/// The end of the statement from `pos`: a blank line, or a full stop or semicolon after a
/// word of four letters or more ("… DSGVO."; not "Art. 4 Nr. 7"), hard line breaks
/// crossed; at most [`NUMBERED_STATEMENT_REACH`] bytes on.
fn statement_end(text: &str, pos: usize) -> usize {
    let limit = floor_char(text, (pos + NUMBERED_STATEMENT_REACH).min(text.len()));
    let part = &text[pos..limit];
    let mut end = part.find("\n\n").unwrap_or(part.len());
    for (i, ch) in part[..end].char_indices() {
        if ch != '.' && ch != ';' {
            continue;
        }
        let word = part[..i]
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .count();
        if word >= 4 {
            end = i + 1;
            break;
        }
    }
    pos + end
}

/// The role a statement about a party gives it ([`numbered_party_references`]): its first
/// quoted short name that is a role ("nachstehend „Auftraggeber“", "(the "Customer")"),
/// else its first role word, unless a negation stands before it ("ist nicht …").
pub fn role_in_statement(statement: &str) -> Option<&'static str> {
    let quoted = statement.char_indices().find_map(|(i, ch)| {
        QUOTES.iter().find(|q| q.0 == ch)?;
        let rest = &statement[i + ch.len_utf8()..];
        let term_end = rest.find(|c: char| !(c.is_alphabetic() || c == ' ' || c == '-'))?;
        crate::entities::role_of_term(&rest[..term_end])
    });
    if quoted.is_some() {
        return quoted;
    }
    let m = role_re().find_iter(statement).find(|m| {
        let before = statement[..m.start()].chars().next_back();
        let after = statement[m.end()..].chars().next();
        !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
    })?;
    static N: OnceLock<Regex> = OnceLock::new();
    if regex(&N, PREDICATE_NEGATION).is_match(&statement[..m.start()]) {
        return None;
    }
    role_of(m.as_str())
}

/// The role a table of the contract's parties gives the organisation at `pos` by its
/// column: a header row above it in the same table (at most four lines up, as many cells)
/// names a role in at least two cells, and the one in the organisation's column is a
/// controller's or processor's ("| Controller (\"Client\") | Processor (\"Contractor\")"
/// above "Legal name | Kranich Logistik GmbH | Wisłosoft sp. z o.o."), in a row not
/// labelled with a role of its own. Cells are counted as split at `|`, an empty first cell
/// included.
pub fn column_header_role(text: &str, pos: usize) -> Option<&'static str> {
    let ls = line_start(text, pos);
    let le = line_end(text, pos);
    let line = &text[ls..le];
    if !line.contains('|') {
        return None;
    }
    let cells = line.split('|').count();
    let column = text[ls..pos].matches('|').count();
    // A row labelled with a role of its own ("Data protection officer | DSB Nord
    // Datenschutz GmbH | …") names others than the parties.
    if role_re().is_match(line.split('|').next().unwrap_or_default()) {
        return None;
    }
    let mut up = ls;
    for _ in 0..COLUMN_HEADER_LINES {
        // At the text's start, or below a line the scan cut off.
        if up == 0 || text.as_bytes()[up - 1] != b'\n' {
            return None;
        }
        let above_end = up - 1;
        up = line_start(text, above_end);
        let above = &text[up..above_end];
        if !above.contains('|') {
            return None;
        }
        let header: Vec<&str> = above.split('|').collect();
        if header.len() != cells {
            continue;
        }
        let roles: Vec<Option<&'static str>> = header
            .iter()
            .map(|c| {
                let c = c.trim().trim_start_matches(['*', '_']);
                // A signature table's "Für die Kundin | Für die Auftragsbearbeiterin".
                let lower = c.to_lowercase();
                let c = SIGNED_FOR
                    .iter()
                    .find(|p| lower.starts_with(*p))
                    .map_or(c, |p| &c[p.len()..]);
                role_re()
                    .find(c)
                    .filter(|m| m.start() == 0)
                    .and_then(|m| role_of(m.as_str()))
                    .or_else(|| crate::entities::role_of_term(c))
            })
            .collect();
        if roles.iter().flatten().count() >= 2 {
            return roles[column].filter(|r| matches!(*r, "controller" | "processor"));
        }
    }
    None
}

/// Openings of a signature table's header cell before the side's role ("Für die
/// Kundin"), lower case, each as many bytes as in the text (ASCII and "ü").
const SIGNED_FOR: [&str; 6] = [
    "für die ",
    "für den ",
    "für das ",
    "for the ",
    "on behalf of the ",
    "on behalf of ",
];

/// Most lines between a table row and the header row that names its columns' roles
/// ([`column_header_role`]).
const COLUMN_HEADER_LINES: usize = 4;

/// Most bytes of a contract party's numbered paragraph ([`numbered_paragraph_definition`]).
const PARTY_PARAGRAPH_BYTES: usize = 800;

/// Most lines of a party's block in a contract's header, after its name's line
/// ([`block_definition`]).
const PARTY_BLOCK_LINES: usize = 8;

/// Words of a line naming who represents a party ("vertreten durch die Geschäftsführer
/// …", "represented by its managing director …").
const REPRESENTED_BY: [&str; 4] = [
    "vertreten durch",
    "represented by",
    "geschäftsführer",
    "managing director",
];

/// The terms of a definition line set off by dashes below an address block:
/// "- nachstehend Auftraggeber genannt -", "- the Processor - hereafter named the
/// \"Supplier\" -". Quoted terms come first (the short name the text uses), then the
/// others; each is one to three words, the first capitalised. `None` when the line is not
/// such a definition (a list item "- Hosting", a line without an intro word or article).
pub fn dashed_definition(line: &str) -> Option<Vec<String>> {
    const DASHES: &[char] = &['-', '–', '—'];
    let inner = line.strip_prefix(DASHES)?.trim();
    // Set off on both sides ("- der Auftragnehmer -"), or introduced ("- hereafter …").
    let mut introduced = inner.ends_with(DASHES);
    let inner = inner.trim_end_matches(DASHES).trim();
    let mut quoted = Vec::new();
    let mut plain = Vec::new();
    let inner = inner
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" – ", " - ")
        .replace(" — ", " - ");
    // "– im Folgenden „die Auftraggeberin“ oder „der Verantwortliche“ –": two terms; "–
    // nachfolgend „Auftragnehmer“; Auftraggeber und Auftragnehmer gemeinsam „Parteien“ –":
    // one, and a clause after the semicolon.
    let parts = inner.split(" - ").flat_map(|p| {
        p.split("; ")
            .flat_map(|q| q.split(" oder "))
            .flat_map(|q| q.split(" or "))
            .flat_map(|q| q.split(" bzw. "))
    });
    for part in parts {
        let part = part.replacen(['„', '“', '"', '‘', '»', '«'], "\"", 1);
        // A quote before the article: "„die Auftraggeberin“" is the term "Auftraggeberin".
        let quote_first = part.trim_start().starts_with('"');
        let part = if quote_first {
            part.trim_start().trim_start_matches('"').to_string()
        } else {
            part
        };
        let mut words: Vec<&str> = part.split_whitespace().collect();
        const INTRO: &[&str] = &[
            "nachstehend",
            "nachfolgend",
            "im",
            "folgenden",
            "hereinafter",
            "hereafter",
            "named",
            "called",
            "referred",
            "to",
            "as",
            "genannt",
            "bezeichnet",
            "als",
            "kurz",
        ];
        const ARTICLES: &[&str] = &["the", "der", "die", "das"];
        let mut strip = |w: &str| {
            let w = w.to_lowercase();
            introduced |= INTRO.contains(&w.as_str());
            INTRO.contains(&w.as_str()) || ARTICLES.contains(&w.as_str())
        };
        while words.first().is_some_and(|w| strip(w)) {
            words.remove(0);
        }
        while words.last().is_some_and(|w| strip(w)) {
            words.pop();
        }
        let term = words.join(" ");
        let is_quoted = quote_first || term.starts_with(['„', '“', '"', '‘', '»', '«', '\'']);
        let term = term
            .trim_matches(|c: char| "„“”\"‘’'»«*".contains(c))
            .to_string();
        let n = term.split_whitespace().count();
        if !(1..=3).contains(&n) || !term.starts_with(char::is_uppercase) {
            continue;
        }
        if is_quoted {
            quoted.push(term);
        } else {
            plain.push(term);
        }
    }
    if !introduced || quoted.len() + plain.len() == 0 {
        return None;
    }
    quoted.extend(plain);
    Some(quoted)
}

/// A role stated right after a mention: "(Unterauftragsverarbeiter)", "als Auftragsverarbeiter",
/// "is the processor", "is also the controller", "is GitHub’s data protection
/// representative"; or in the predicate of its clause ([`role_in_predicate`]: "ist für
/// die Zahlungsabwicklung eigenständig verantwortlich"). Returns (role, cue end).
pub fn role_after(text: &str, pos: usize) -> Option<(&'static str, usize)> {
    role_right_after(text, pos).or_else(|| role_in_predicate(text, pos))
}

/// The predicate of a clause whose subject ends at the mention: a verb first (after
/// "will" or "shall": "Meridian will process personal data on behalf of the Customer"),
/// then up to the end of the clause, at most [`PREDICATE_CHARS`] characters; a line that
/// a PDF's text wrapped goes on when the next opens in lower case ("… process personal⏎
/// data on behalf of the Customer").
const PREDICATE: &str = r"(?i)^[ \t]*,?[ \t]*(?:(?:will|shall)[ \t]+)?(?:ist|is|sind|are|verarbeitet|verarbeiten|processes|process|handelt|handeln|acts?|wird|werden|tritt|treten|operates?)\b(?:[^.;:!?\n]|\n(?-i:\p{Ll})){0,PREDICATE_CHARS}";

/// How far a clause's predicate is read for its role ([`role_in_predicate`]), in
/// characters after the verb.
const PREDICATE_CHARS: usize = 160;

/// Role cues that may stand anywhere in a predicate, with words between the verb and
/// the cue: a controller acting on its own account, a processor acting on another's
/// behalf.
const PREDICATE_ROLE: &str = r"(?i)\b(?:(?P<c>(?:eigenständig|selbst(?:st)?ändig|eigenverantwortlich|allein(?:e|ig)?|unabhängig)[ \t]+(?:datenschutzrechtlich[ \t]+)?verantwortlich|in[ \t]+eigener[ \t]+(?:datenschutzrechtlicher[ \t]+)?verantwortung|als[ \t]+(?:datenschutzrechtlich[ \t]+)?(?:eigenständige[rn]?|selbst(?:st)?ändige[rn]?|unabhängige[rn]?|eigene[rn]?)[ \t]+verantwortliche[rnm]?|(?:an?[ \t]+)?(?:independent|separate|sole)[ \t]+(?:data[ \t]+)?controllers?|independently[ \t]+responsible|under[ \t]+its[ \t]+own[ \t]+responsibility)|(?P<p>(?:in|im)[ \t]+(?:unserem[ \t]+|unseren[ \t]+|ihrem[ \t]+)?auftrag|on[ \t]+our[ \t]+behalf|on[ \t]+behalf[ \t]+of[ \t]+(?:us|the[ \t]+controller|the[ \t]+customer)))\b";

/// A negation in a predicate before its role cue ("ist nicht eigenständig
/// verantwortlich", "does not act on our behalf").
const PREDICATE_NEGATION: &str = r"(?i)\b(?:nicht|kein\w*|not|no|never|niemals)\b";

/// A role stated in the predicate of the clause whose subject ends at `pos`, with words
/// between the verb and the role: "ist für die Zahlungsabwicklung eigenständig
/// verantwortlich", "ist für den Versand als eigenständiger Verantwortlicher tätig",
/// "ist in eigener Verantwortung tätig", "acts as an independent controller for payments"
/// (controller); "verarbeitet die Daten in unserem Auftrag", "processes the data on our
/// behalf" (processor). Not when negated before the cue. Returns (role, cue end).
pub fn role_in_predicate(text: &str, pos: usize) -> Option<(&'static str, usize)> {
    static P: OnceLock<Regex> = OnceLock::new();
    static R: OnceLock<Regex> = OnceLock::new();
    static N: OnceLock<Regex> = OnceLock::new();
    let predicate = regex_from(&P, || {
        PREDICATE.replace("PREDICATE_CHARS", &PREDICATE_CHARS.to_string())
    })
    .find(text.get(pos..)?)?;
    let c = regex(&R, PREDICATE_ROLE).captures(predicate.as_str())?;
    let cue = c.get(0)?;
    if regex(&N, PREDICATE_NEGATION).is_match(&predicate.as_str()[..cue.start()]) {
        return None;
    }
    let role = if c.name("c").is_some() {
        "controller"
    } else {
        "processor"
    };
    Some((role, pos + cue.end()))
}

/// How far after a name its designation as representative or officer may end
/// ([`designated_after`]), in bytes: past the name's address.
const DESIGNATION_REACH: usize = 240;

/// A designation after a name and its address, in the name's sentence: "Der
/// Auftragnehmer hat die Northwind Analytics Ireland Limited, 2 Grand Canal Square,
/// Dublin 2, D02 A342, Irland, gemäß Art. 27 DSGVO als Vertreter in der Union benannt"
/// (representative; the sentence's subject, "Der Auftragnehmer", is not the name's
/// role), "…, Dublin 2, Ireland, as its EU representative", "als externen
/// Datenschutzbeauftragten bestellt" (dpo). Returns (role, cue end).
pub fn designated_after(text: &str, pos: usize) -> Option<(&'static str, usize)> {
    static R: OnceLock<Regex> = OnceLock::new();
    static END: OnceLock<Regex> = OnceLock::new();
    let window = text.get(pos..floor_char(text, (pos + DESIGNATION_REACH).min(text.len())))?;
    // The sentence ends at a full stop before a capital or the window's end ("Art. 27"
    // and "Dublin 2." before a number do not end it).
    let window = match regex(&END, r"[.;!?](?:\s+\p{Lu}|\s*$)").find(window) {
        Some(m) => &window[..m.start()],
        None => window,
    };
    let c = regex(
        &R,
        r"(?i)\b(?:als|as)\s+(?:(?:unsere[nr]?|seine[nr]?|ihre[nr]?|der|den|die|its|our|their|the|an?|externe[nr]?|external)\s+){0,2}(?:(?:EU|UK|EEA|EWR)[-\s]?)?(?:(?P<r>vertreter(?:in)?|datenschutzbeauftragte[nr]?)(?:\s+in\s+der\s+(?:union|eu|europäischen\s+union))?\s+(?:benannt|bestellt|ernannt)|(?P<e>representative|data\s+protection\s+officer)\b)",
    )
    .captures(window)?;
    let m = c.name("r").or_else(|| c.name("e"))?;
    Some((role_of(m.as_str())?, pos + c.get(0)?.end()))
}

/// [`role_after`] without the predicate: the role right after the mention.
fn role_right_after(text: &str, pos: usize) -> Option<(&'static str, usize)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let p = || {
        format!(
            r"(?i)^[ \t]*,?[ \t]*(?:\([^()\n]{{0,40}}?(?P<r1>{role})[^()\n]{{0,20}}\)|(?:(?:die|der|das|which|who|that|verarbeitet|processes|wird|werden)[ \t]+){{0,2}}(?:(?:process|processes|receives?|verarbeiten|verarbeitet)[ \t]+(?:(?:your|ihre|the|die|personal|personenbezogenen)[ \t]+){{0,2}}(?:data|daten)[ \t]+(?:as|als)|(?:ihre|die)[ \t]+(?:personenbezogenen[ \t]+)?daten[ \t]+als|(?:assumes?|takes?[ \t]+on)[ \t]+the[ \t]+role[ \t]+of|als|as|is|ist|are|sind|acts[ \t]+as|acting[ \t]+as|handelt[ \t]+als|fungiert[ \t]+als|tätig[ \t]+als|serves[ \t]+as|will[ \t]+act[ \t]+as|is[ \t]+appointed[ \t]+as|wird[ \t]+als)[ \t]+(?:(?:also|auch|ebenfalls)[ \t]+)?(?:(?:the|a|an|der|die|das|ein|eine|einer|unser|unsere|unseren|unserem|unserer|our|its|their|sole|\p{{L}}+[’']s)[ \t]+){{0,2}}[„“\x22‘']?(?:(?:EU|EEA|UK|data[ \t]+protection|data|designated|external|externer|externe|gemeinsam|joint|weiterer|further|independent|separate|eigenständige[rn]?|eigener|eigene|unabhängige[rn]?)[ \t]+){{0,2}}(?P<r2>{role})|(?:ist|is)[ \t]+(?:auch[ \t]+|also[ \t]+)?(?:dafür[ \t]+)?(?P<r3>verantwortlich,[ \t]*dass|responsible[ \t]+for[ \t]+ensuring[ \t]+that)[ \t]+(?:ihre|your|die|the)[ \t]+(?:personenbezogenen[ \t]+|personal[ \t]+)?(?:daten|data))",
            role = &ROLE_PATTERN[4..]
        )
        // Words may stand on two lines, as PDF text breaks them ("which⏎receives").
        .replace(r"[ \t]+", r"(?:[ \t]+\n?|\n)[ \t]*")
    };
    let re = regex_from(&R, p);
    // A name ending its line, the sentence going on below in lower case ("… Brenner &
    // Kolb Steuerberatungsgesellschaft mbH⏎ist Verantwortlicher …"), as PDF text breaks it.
    let rest = &text[pos..];
    let blank = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let pos = match rest[blank..].strip_prefix('\n') {
        Some(below)
            if below
                .trim_start_matches([' ', '\t'])
                .starts_with(char::is_lowercase) =>
        {
            pos + blank + 1
        }
        _ => pos,
    };
    let c = re.captures(&text[pos..])?;
    let m = c
        .name("r1")
        .or_else(|| c.name("r2"))
        .or_else(|| c.name("r3"))?;
    if text[pos + m.end()..]
        .chars()
        .next()
        .is_some_and(|ch| ch.is_alphabetic())
    {
        return None;
    }
    Some((role_of(m.as_str())?, pos + c.get(0)?.end()))
}

/// The words for a data processing agreement (Art. 28(3) GDPR) in a statement that one was
/// made with an organisation ([`processing_agreement_with`]).
const PROCESSING_AGREEMENT: &str = r"(?:vertrag(?:es)?[ \t]+(?:über[ \t]+(?:die[ \t]+)?|zur[ \t]+)auftragsverarbeitung|auftragsverarbeitungs(?:vertrag|vereinbarung)(?:e?s)?|av-vertrag(?:e?s)?|avv|(?:data[ \t]+)?processing[ \t]+(?:agreement|addendum)|dpa)(?:[ \t]*\([^()\n]{1,30}\))?";

/// How far before or after a name a statement of a data processing agreement made with it
/// may reach (bytes).
const PROCESSING_AGREEMENT_REACH: usize = 160;

/// How far after a provider's introduction a data processing agreement made with "the
/// provider named above" may be stated ([`agreement_with_provider_named_above`]), in bytes.
const NAMED_ABOVE_REACH: usize = 2000;

/// Words that introduce a name as the provider of a service the document describes:
/// "Anbieter ist", "Anbieter dieses Dienstes ist", "The provider is".
const PROVIDER_INTRO: &str = r"(?i)\b(?:anbieter(?:in)?(?:[ \t]+(?:dieses|des|der|dieser)[ \t]+\p{L}+)?[ \t]+ist|(?:the[ \t]+)?provider(?:[ \t]+of[ \t]+(?:this|the)[ \t]+\p{L}+)?[ \t]+is)\b";

/// Whether a sentence about a data processing agreement negates it ("keinen Vertrag",
/// "no data processing agreement").
fn negates_agreement(sentence: &str) -> bool {
    let l = sentence.to_lowercase();
    ["kein", " no ", " not ", "nicht"]
        .iter()
        .any(|w| l.contains(w))
}

/// A data processing agreement made with "the provider named above" or for "the service
/// named above", after an organisation introduced as a service's provider ("Anbieter ist
/// die IONOS SE, … Wir haben einen Vertrag über Auftragsverarbeitung (AVV) mit dem oben
/// genannten Anbieter geschlossen", "… zur Nutzung des oben genannten Dienstes
/// geschlossen", "Wir haben mit dem Anbieter einen Vertrag zur Auftragsverarbeitung
/// abgeschlossen"): it is a processor. Only before the next organisation (`next_org`) and
/// the next provider's introduction, within `NAMED_ABOVE_REACH` (2,000 bytes); not when
/// negated in its sentence. Returns (role, cue start, cue end).
pub fn agreement_with_provider_named_above(
    text: &str,
    start: usize,
    end: usize,
    next_org: usize,
) -> Option<(&'static str, usize, usize)> {
    static INTRO: OnceLock<Regex> = OnceLock::new();
    static INTRO_BEFORE: OnceLock<Regex> = OnceLock::new();
    static CUE: OnceLock<Regex> = OnceLock::new();
    let line = super::text::line_start(text, start);
    let lo = super::text::floor_char(text, start.saturating_sub(80)).max(line);
    let intro_before = regex_from(&INTRO_BEFORE, || {
        format!(r"{PROVIDER_INTRO}[ \t]+(?:(?:die|der|das|the)[ \t]+)?$")
    });
    if !intro_before.is_match(&text[lo..start]) {
        return None;
    }
    let hi = super::text::floor_char(
        text,
        (end + NAMED_ABOVE_REACH).min(next_org).min(text.len()),
    );
    let mut window = &text[end..hi.max(end)];
    if let Some(m) = regex(&INTRO, PROVIDER_INTRO).find(window) {
        window = &window[..m.start()];
    }
    let cue = regex_from(&CUE, || {
        let above =
            r"(?:oben[ \t]+genannten[ \t]+|o\.[ \t]?g\.[ \t]+|vorgenannten[ \t]+|genannten[ \t]+)?";
        format!(
            r"(?i)\b{PROCESSING_AGREEMENT}[^.;\n]{{0,60}}?\b(?:mit[ \t]+(?:dem|diesem)[ \t]+{above}(?:anbieter|dienstleister|hoster|provider)|zur[ \t]+nutzung[ \t]+(?:des|dieses)[ \t]+{above}(?:dienstes|tools|anbieters)|with[ \t]+(?:this|the[ \t]+above(?:[- ]mentioned)?|the[ \t]+aforementioned)[ \t]+(?:service[ \t]+)?provider|for[ \t]+the[ \t]+use[ \t]+of[ \t]+(?:this|the[ \t]+above(?:[- ]mentioned)?)[ \t]+service)\b|\b(?:mit[ \t]+(?:dem|diesem)[ \t]+{above}(?:anbieter|dienstleister|hoster|provider)|with[ \t]+(?:this|the)[ \t]+(?:service[ \t]+)?provider)[ \t]+(?:einen|ein|a|an)[ \t]+{PROCESSING_AGREEMENT}"
        )
    });
    let m = cue.find(window)?;
    let (cs, ce) = (end + m.start(), end + m.end());
    // The cue's sentence, looked for at most a line scan back (linear on long texts).
    let lo = super::text::floor_char(text, cs.saturating_sub(super::text::LINE_SCAN));
    let from = text[lo..cs]
        .rfind(['.', ';', '\n'])
        .map_or(lo, |k| lo + k + 1);
    if negates_agreement(&text[from..ce]) {
        return None;
    }
    Some(("processor", cs, ce))
}

/// A data processing agreement stated as made with the organisation named at `start..end`:
/// it is a processor. "Wir haben mit Hetzner einen Vertrag über Auftragsverarbeitung
/// geschlossen", "Mit der Brevo GmbH wurde ein Auftragsverarbeitungsvertrag geschlossen",
/// "einen AV-Vertrag mit Nordwind abgeschlossen", "We have concluded a data processing
/// agreement (DPA) with Nordwind", "Nordwind has signed a data processing agreement with
/// us". Not when negated in the sentence ("keinen Vertrag", "no data processing
/// agreement"). Returns (role, cue start, cue end).
pub fn processing_agreement_with(
    text: &str,
    start: usize,
    end: usize,
) -> Option<(&'static str, usize, usize)> {
    static BEFORE: OnceLock<Regex> = OnceLock::new();
    static WITH: OnceLock<Regex> = OnceLock::new();
    static AFTER: OnceLock<Regex> = OnceLock::new();
    static SUBJECT: OnceLock<Regex> = OnceLock::new();
    let lo = super::text::floor_char(text, start.saturating_sub(PROCESSING_AGREEMENT_REACH));
    let hi = super::text::floor_char(text, (end + PROCESSING_AGREEMENT_REACH).min(text.len()));
    // The sentence around the name, within reach.
    let from = text[lo..start]
        .rfind(['.', ';', '\n'])
        .map_or(lo, |k| lo + k + 1);
    let to = text[end..hi].find(['.', ';', '\n']).map_or(hi, |k| end + k);
    let (before, after) = (&text[from..start], &text[end..to]);
    if negates_agreement(before) || negates_agreement(after) {
        return None;
    }
    // "… einen Vertrag über Auftragsverarbeitung mit [der] NAME", "a DPA with NAME".
    let before_re = regex_from(&BEFORE, || {
        format!(
            r"(?i)\b{PROCESSING_AGREEMENT}[ \t]+(?:mit|with)[ \t]+(?:der[ \t]+|dem[ \t]+|den[ \t]+|the[ \t]+)?$"
        )
    });
    if let Some(m) = before_re.find(before) {
        return Some(("processor", from + m.start(), end));
    }
    // "mit [der] NAME [wurde] einen Vertrag über Auftragsverarbeitung".
    let with_re = regex(
        &WITH,
        r"(?i)\b(?:mit|with)[ \t]+(?:der[ \t]+|dem[ \t]+|den[ \t]+|the[ \t]+)?$",
    );
    // After the name: "… einen AVV", or "NAME has signed a DPA", "NAME hat … einen AVV".
    let after_re = regex_from(&AFTER, || {
        format!(
            r"(?i)^[^.;\n]{{0,60}}?\b(?:einen|ein|a|an)[ \t]+(?:(?:gültigen|valid|written|schriftlichen)[ \t]+)?{PROCESSING_AGREEMENT}\b"
        )
    });
    let subject = regex(&SUBJECT, r"(?i)^[ \t]+(?:has|hat)\b");
    let m = after_re.find(after)?;
    let w = with_re.find(before);
    if w.is_none() && !subject.is_match(after) {
        return None;
    }
    let cs = w.map_or(start, |w| from + w.start());
    Some(("processor", cs, end + m.end()))
}

/// An organisation named as the host of the website, the app or the data: "Unsere
/// Website wird bei der IONOS SE, Elgendorfer Str. 57, 56410 Montabaur gehostet", "Wir
/// hosten unsere Website bei der Hetzner Online GmbH", "Das Hosting übernimmt die Nordwind
/// GmbH", "Our website is hosted by Nordwind Ltd", "Hosting provider: Nordwind GmbH". It
/// processes the data on the operator's behalf: a processor (a DPA's own hoster is a
/// sub-processor; the analysis decides that by the document's kind). Not when the
/// sentence negates it ("nicht bei der …"). Returns (role, cue start, cue end).
pub fn hosts_website(text: &str, start: usize, end: usize) -> Option<(&'static str, usize, usize)> {
    static BEFORE: OnceLock<Regex> = OnceLock::new();
    static VERB_LAST: OnceLock<Regex> = OnceLock::new();
    static HOSTED: OnceLock<Regex> = OnceLock::new();
    let lo = super::text::floor_char(text, start.saturating_sub(PROCESSING_AGREEMENT_REACH));
    let from = text[lo..start]
        .rfind(['.', ';', '\n'])
        .map_or(lo, |k| lo + k + 1);
    let before = &text[from..start];
    let negated = || negates_agreement(&format!(" {before} "));
    let before_re = regex(
        &BEFORE,
        r"(?i)(?:\b(?:(?:is|are|being)[ \t]+hosted|we[ \t]+host[ \t]+(?:\S+[ \t]+){0,3}?|hosted)[ \t]+(?:by|with|at|on[ \t]+(?:the[ \t]+)?servers[ \t]+of)[ \t]+(?:the[ \t]+)?|\b(?:hosten|hostet|gehostet|gehosted)[ \t]+(?:\S+[ \t]+){0,3}?(?:bei|von|durch)[ \t]+(?:der[ \t]+|dem[ \t]+|den[ \t]+)?|\bhosting[ \t]+(?:\S+[ \t]+){0,2}?(?:erfolgt[ \t]+(?:bei|durch)|übernimmt|wird[ \t]+(?:von|durch)[ \t]+(?:\S+[ \t]+)?)[ \t]+(?:der[ \t]+|dem[ \t]+|den[ \t]+|die[ \t]+)?|\b(?:hoster|webhoster|hosting-?(?:anbieter|dienstleister|partner)|hosting[ \t]+(?:service[ \t]+)?(?:provider|partner))[ \t]*(?:ist[ \t]+|is[ \t]+)?[:\-–]?[ \t]*(?:die[ \t]+|der[ \t]+|the[ \t]+)?)$",
    );
    if let Some(m) = before_re.find(before) {
        return (!negated()).then_some(("processor", from + m.start(), end));
    }
    // A line that introduces the host, right above the name: "Wir setzen folgende(n)
    // Hoster ein:⏎⏎Hetzner Online GmbH⏎Industriestr. 25 …".
    static INTRO_LINE: OnceLock<Regex> = OnceLock::new();
    let intro_line = regex(
        &INTRO_LINE,
        r"(?i)\b(?:hoster|webhoster|hosting-?(?:anbieter|dienstleister|partner)|hosting[ \t]+(?:service[ \t]+)?provider|hosten|hosted|gehostet)\b[^\n]*:[ \t*_]*$",
    );
    let ls = line_start(text, start);
    if text[ls..start]
        .trim_matches(|c: char| c.is_whitespace() || "*_#>-•".contains(c))
        .is_empty()
    {
        let above = text[..ls].trim_end();
        let al = line_start(text, above.len());
        let blank_lines = text[above.len()..ls].matches('\n').count();
        if blank_lines <= 3 && intro_line.is_match(&text[al..above.len()]) {
            let negated = negates_agreement(&format!(" {} ", &text[al..above.len()]));
            return (!negated).then_some(("processor", al, end));
        }
    }
    // German puts the participle last, an address may stand between: "… wird bei der
    // IONOS SE, Elgendorfer Str. 57, 56410 Montabaur gehostet".
    let verb_last = regex(
        &VERB_LAST,
        r"(?i)\b(?:wird|werden)[ \t]+(?:\S+[ \t]+){0,2}?(?:bei|von|durch)[ \t]+(?:der[ \t]+|dem[ \t]+|den[ \t]+)?$",
    );
    let m = verb_last.find(before)?;
    let hi = super::text::floor_char(text, (end + PROCESSING_AGREEMENT_REACH).min(text.len()));
    let after = &text[end..hi];
    let after = &after[..after.find([';', '\n']).unwrap_or(after.len())];
    let hosted = regex(&HOSTED, r"(?i)^[^;\n]*?\bgehoste[td]\b");
    let h = hosted.find(after)?;
    // No sentence ends before the participle (a full stop before a capitalised word;
    // "Str. 57" goes on).
    let ends_sentence = after[..h.start() + h.len()]
        .match_indices(". ")
        .any(|(k, _)| after[k + 2..].starts_with(|c: char| c.is_uppercase()));
    (!ends_sentence && !negated()).then_some(("processor", from + m.start(), end + h.end()))
}

/// How far after the last organisation of a list a back-reference to it may stand
/// (bytes, within its sentence).
const BACK_REFERENCE_REACH: usize = 300;

/// A role stated for the organisations just named by referring back to them, later in
/// the same sentence: "The RKI has commissioned T-Systems International GmbH and SAP
/// Deutschland SE & Co. KG to operate … the app, meaning that these two companies are
/// processors", "…; dieses Unternehmen ist als Auftragsverarbeiter tätig". `pos` is where
/// the last of them ends, `next` where the next organisation starts (the reference must
/// come before it); `plural` whether they are two or more ("these companies", not "this
/// company"). Returns the role and the end of the statement.
pub fn role_by_back_reference(
    text: &str,
    pos: usize,
    next: Option<usize>,
    plural: bool,
) -> Option<(&'static str, usize)> {
    let end = crate::matchers::text::sentence_end(text, pos)
        .min(crate::entities::text::floor_char(
            text,
            pos + BACK_REFERENCE_REACH,
        ))
        .min(next.unwrap_or(usize::MAX))
        .max(pos);
    let c = back_reference_re(plural).captures(&text[pos..end])?;
    let m = c.name("r")?;
    if text[pos + m.end()..]
        .chars()
        .next()
        .is_some_and(|ch| ch.is_alphabetic())
    {
        return None;
    }
    Some((role_of(m.as_str())?, pos + m.end()))
}

/// The regex of [`role_by_back_reference`]: "these (two) companies are <role>" when
/// `plural`, else "this company is <role>"; built once.
fn back_reference_re(plural: bool) -> &'static Regex {
    static PLURAL: OnceLock<Regex> = OnceLock::new();
    static SINGULAR: OnceLock<Regex> = OnceLock::new();
    let cell = if plural { &PLURAL } else { &SINGULAR };
    let role = &ROLE_PATTERN[4..];
    let article = r"(?:(?:the|a|our|unser|unsere|der|die|ein)[ \t]+)?(?:(?:data[ \t]+protection|data)[ \t]+)?";
    let p = move || {
        if plural {
            format!(
                r"(?i)\b(?:these|those|both|diese|beide)[ \t]+(?:(?:two|three|four|beiden|drei|vier)[ \t]+)?(?:companies|service[ \t]+providers|providers|organi[sz]ations|entities|unternehmen|dienstleister|firmen|gesellschaften)[ \t]+(?:(?:each|jeweils|both|beide)[ \t]+)?(?:are|act[ \t]+as|sind|handeln[ \t]+als|fungieren[ \t]+als|sind[ \t]+als)[ \t]+{article}(?P<r>{role})"
            )
        } else {
            format!(
                r"(?i)\b(?:this|that|dieses|diese)[ \t]+(?:company|service[ \t]+provider|provider|organi[sz]ation|entity|unternehmen|dienstleister|firma|gesellschaft)[ \t]+(?:is|acts[ \t]+as|ist|handelt[ \t]+als|fungiert[ \t]+als|ist[ \t]+als)[ \t]+{article}(?P<r>{role})"
            )
        }
    };
    regex_from(cell, p)
}

/// How far before a "both" statement ([`both_statements`]) the two organisations it refers
/// to may be named (bytes, within its paragraph).
pub const BOTH_REACH: usize = 1_500;

/// "Both service providers are independently active as controllers", "Beide Anbieter sind
/// eigenständige Verantwortliche": a role stated for two organisations named before, in
/// the same paragraph but perhaps sentences earlier (Deutsche Bahn names Tink and Verimi,
/// explains the verification, then says this). Returns (role, statement start, statement
/// end) of each; which two organisations are meant is the caller's to decide (the only
/// two named in the paragraph before it).
pub fn both_statements(text: &str) -> Vec<(&'static str, usize, usize)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = regex_from(&R, || {
        format!(
            r"(?i)\b(?:both|beide)[ \t]+(?:(?:companies|service[ \t]+providers|providers|organi[sz]ations|entities|unternehmen|anbieter|dienstleister|firmen|gesellschaften)[ \t]+)?(?:are|act|sind|handeln|fungieren|agieren)[ \t]+(?:(?:each|jeweils|independently|separately|jointly|themselves|selbst|eigenständig|unabhängig|gemeinsam|voneinander|active|tätig|also|auch)[ \t]+){{0,3}}(?:(?:as|als)[ \t]+)?(?:(?:the|our|unsere|die)[ \t]+)?(?:(?:independent|separate|eigenständige[rn]?|unabhängige[rn]?)[ \t]+)?(?P<r>{})",
            &ROLE_PATTERN[4..]
        )
    });
    re.captures_iter(text)
        .filter_map(|c| {
            let (m, r) = (c.get(0)?, c.name("r")?);
            let cut_word = text[r.end()..].starts_with(char::is_alphabetic);
            let role = role_of(r.as_str()).filter(|r| holds_data(r))?;
            (!cut_word).then_some((role, m.start(), m.end()))
        })
        .collect()
}

/// "These three companies jointly determine the purposes and means … and are joint
/// controllers", "Diese zwei Unternehmen sind gemeinsam Verantwortliche": a role stated
/// for a number of organisations named before (a group notice lists them, then says
/// this in the next paragraph). Returns (number, role, statement start, statement end)
/// of each; which organisations are meant is the caller's to decide (as many named just
/// before it, in its paragraph or the one before).
pub fn counted_statements(text: &str) -> Vec<(usize, &'static str, usize, usize)> {
    static R: OnceLock<Regex> = OnceLock::new();
    static N: OnceLock<Regex> = OnceLock::new();
    let re = regex_from(&R, || {
        format!(
            r"(?i)(?-u:\b)(?:these|those|the|diese|die)[ \t\n]+(?P<n>two|three|four|five|zwei|drei|vier|fünf)[ \t\n]+(?:group[ \t\n]+)?(?:companies|entities|organi[sz]ations|unternehmen|gesellschaften|konzerngesellschaften|firmen)(?-u:\b)[^.;:!?]{{0,160}}?(?-u:\b)(?:are|act[ \t\n]+as|sind|handeln[ \t\n]+als|fungieren[ \t\n]+als)[ \t\n]+(?:(?:each|jointly|together|jeweils|gemeinsam)[ \t\n]+)?(?:(?:the|our|unsere|die)[ \t\n]+)?(?P<r>{})",
            &ROLE_PATTERN[4..]
        )
    });
    let negation = regex(&N, PREDICATE_NEGATION);
    re.captures_iter(text)
        .filter_map(|c| {
            let (m, r, n) = (c.get(0)?, c.name("r")?, c.name("n")?);
            let cut_word = text[r.end()..].starts_with(char::is_alphabetic);
            let negated = negation.is_match(&text[m.start()..r.start()]);
            let role = role_of(r.as_str()).filter(|r| holds_data(r))?;
            let count = match n.as_str().to_lowercase().as_str() {
                "two" | "zwei" => 2,
                "three" | "drei" => 3,
                "four" | "vier" => 4,
                _ => 5,
            };
            (!cut_word && !negated).then_some((count, role, m.start(), r.end()))
        })
        .collect()
}

/// "Kandra Labs, Inc. may engage and use data processors", "X engages sub-processors",
/// "X setzt Unterauftragsverarbeiter ein": the organisation ending at `pos` engages
/// processors, so it is no member of the sub-processor list it stands in. Returns its
/// role, "processor" when it engages sub-processors (none for plain processors: a
/// controller engages those too), and the end of the statement.
pub fn engages_processors(text: &str, pos: usize) -> Option<(Option<&'static str>, usize)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &R,
        r"(?i)^[ \t]*,?\s{1,3}(?:(?:may|will|can|shall|darf|kann|wird)\s{1,3})?(?:engages?|uses?|appoints?|employs?|beauftragt|setzt)(?:\s{1,3}(?:and|or|und|oder)\s{1,3}(?:engages?|uses?|appoints?|employs?))?\s{1,3}(?:(?:the|following|folgende|die|third[- ]party|data|weitere|other|additional)\s{1,3}){0,3}(?P<obj>sub-?\s?processors?|sub-?contractors?|unter-?auftragsverarbeiter\w*|unterauftragnehmer\w*|processors?|auftragsverarbeiter\w*)\b",
    );
    let c = re.captures(text.get(pos..)?)?;
    let end = pos + c.get(0)?.end();
    // Processors defined as sub-processors right after: "may engage and use data
    // processors with access to certain Customer Data (each, a "Subprocessor")".
    static DEFINED: OnceLock<Regex> = OnceLock::new();
    let defined = regex(
        &DEFINED,
        r#"(?i)^[^.;()]{0,120}\(\s*(?:each|jeweils|individually)?,?\s*(?:a|an|ein|einzeln)?\s*["“„']?\s*(?:sub-?processor|unter-?auftragsverarbeiter)"#,
    );
    let hi = super::text::floor_char(text, (end + 200).min(text.len()));
    let engages_sub = role_of(c.name("obj")?.as_str()) == Some("subprocessor")
        || defined.is_match(&text[end..hi]);
    Some((engages_sub.then_some("processor"), end))
}

/// "sub-processors that Novacrest engages", "Unterauftragsverarbeiter, die Lernwerft
/// einsetzt": the organisation named at `start..end` (its short name) engages
/// sub-processors, in a relative clause. Returns the end of the statement.
pub fn engages_processors_relative(text: &str, start: usize, end: usize) -> Option<usize> {
    static BEFORE: OnceLock<Regex> = OnceLock::new();
    static AFTER: OnceLock<Regex> = OnceLock::new();
    let before = regex(
        &BEFORE,
        r"(?i)(?:sub-?\s?processors?|sub-?contractors?|unter-?auftragsverarbeiter\w*|unterauftragnehmer\w*),?\s{1,3}(?:that|which|whom|die|welche)\s{1,3}$",
    );
    let after = regex(
        &AFTER,
        r"(?i)^\s{1,3}(?:(?:may|will|can|darf|kann|wird)\s{1,3})?(?:engages?|uses?|appoints?|employs?|beauftragt|einsetzt|einsetzen)\b",
    );
    let lo = super::text::floor_char(text, start.saturating_sub(60));
    if !before.is_match(&text[lo..start]) {
        return None;
    }
    after.find(text.get(end..)?).map(|m| end + m.end())
}

/// Words that may stand between a role label and the name ("Verantwortlich für die Verarbeitung
/// von personenbezogenen Daten ist das …").
const LABEL_FILLER: &[&str] = &[
    "ihrer",
    "ihre",
    "your",
    "im",
    "sinne",
    "dsgvo",
    "gdpr",
    "in",
    "european",
    "europäischen",
    "union",
    "under",
    "article",
    "art.",
    "27",
    "datenverarbeitung",
    "ist",
    "is",
    "sind",
    "are",
    "das",
    "der",
    "die",
    "the",
    "a",
    "an",
    "ein",
    "eine",
    "als",
    "as",
    "genannt",
    "named",
    "called",
    "namely",
    "nämlich",
    "wie",
    "z.b.",
    "e.g.",
    "folgende",
    "following",
    "acts",
    "fungiert",
    "handelt",
    "sich",
    "bei",
    "für",
    "for",
    "verarbeitung",
    "von",
    "personenbezogenen",
    "personenbezogener",
    "daten",
    "processing",
    "of",
    "personal",
    "data",
    "u.a.",
    "unter",
    "anderem",
    "also",
    "auch",
    "our",
    "unser",
    "unsere",
    "unserer",
    "eingesetzt",
    // "Als Auftragsverarbeiter setzen wir die X GmbH ein", "As processors we use X":
    // first person plural only ("Der Verantwortliche setzt X ein" names X's engager).
    "setzen",
    "nutzen",
    "verwenden",
    "beauftragen",
    "use",
    "engage",
    "beauftragt",
    "engaged",
    "appointed",
    "bestellt",
    "benannt",
    "designated",
    "hat",
    "has",
    "wir",
    "we",
    "have",
    "haben",
    "den",
    "dem",
    "this",
    "diese",
    "dieser",
    "dieses",
    "website",
    "webseite",
    "internetseite",
    // "Verantwortlich für die Verarbeitung Ihrer Daten in unserem Onlineshop ist die …"
    "unserem",
    "unseres",
    "onlineshop",
    "online-shop",
    "shop",
    "app",
    "plattform",
    "platform",
    // "Die verantwortliche Stelle für die Datenverarbeitung auf dieser Website ist die …"
    "stelle",
    "auf",
    "on",
    "im",
    "sinne",
    "dsgvo",
    "ds-gvo",
    "gdpr",
    "art.",
    "4",
    "nr.",
    "7",
    "datenschutz-grundverordnung",
    "verantwortlich",
    "responsible",
    "diesem",
    "zweck",
    "angebot",
    "angebots",
    "is:",
    "ist:",
    "sind:",
    "are:",
    "address",
    "anschrift",
    "name",
    "uns",
    "contact",
    "kontakt",
    "erreichen",
    "reach",
    "sie",
    "you",
    "can",
    "können",
    "unter",
    "at",
    "externer",
    "externe",
    "external",
    "in",
    "the",
    "union",
    "eu",
    "tätig",
];

/// Whether the role label at `cue` before the organisation at `start` introduces a list:
/// "the following subcontractors: A …", "folgende Unterauftragsverarbeiter: A …" (the
/// label ends in a colon and "following" stands at most a few words before it), or a
/// label that starts its line or sentence with "Current", "Our", "Aktuelle", … ("Current
/// Sub-processors: A (…); B (…)").
pub fn introduces_list(text: &str, cue: usize, start: usize) -> bool {
    static FOLLOWING: OnceLock<Regex> = OnceLock::new();
    static CURRENT: OnceLock<Regex> = OnceLock::new();
    let following = regex(
        &FOLLOWING,
        r"(?i)\b(?:the[ \t]+following|following|folgende[rn]?|nachfolgende[rn]?|nachstehende[rn]?)[ \t]+(?:[\p{L}\-]+[ \t]+){0,2}$",
    );
    let current = regex(
        &CURRENT,
        r"(?i)(?:\A|[.;][ \t]+)(?:current|our|approved|aktuelle[rn]?|unsere[rn]?|derzeitige[rn]?|genehmigte[rn]?)[ \t]+(?:[\p{L}\-]+[ \t]+){0,2}$",
    );
    if !text
        .get(cue..start)
        .is_some_and(|label| label.trim_end().ends_with(':') && !label.contains('\n'))
    {
        return false;
    }
    let lo = super::text::floor_char(text, cue.saturating_sub(60));
    if following.is_match(&text[lo..cue]) {
        return true;
    }
    // "Current" must start the line or a sentence: read from the line start, or from a
    // word boundary when the line starts further back.
    let ls = super::text::line_start(text, cue);
    let from = if lo <= ls {
        ls
    } else {
        text[lo..cue]
            .find(char::is_whitespace)
            .map_or(cue, |k| lo + k)
    };
    current.is_match(&text[from..cue])
}

/// Most words between a role and the colon of its label right before a name
/// ([`role_before`]): "Verantwortlicher für die Datenverarbeitung auf dieser Website und in
/// der Voltaro Ride App ist:" has 13.
const COLON_LABEL_WORDS: usize = 16;

/// Most words between a role opening a sentence and the "ist" closing it before a name
/// ([`role_before`]).
const STATEMENT_WORDS: usize = 30;

/// Most lines of role labels stacked above a signature block's names
/// ([`stacked_label_role`]).
const STACKED_LABELS: usize = 4;

/// Most bytes of a name line between stacked labels and the name they are read for.
const STACKED_NAME_LINE_BYTES: usize = 100;

/// The role of the name at `pos` under a signature block whose column headings a PDF's
/// text stacked on lines of their own, in the order of the names below them
/// ("Auftraggeber⏎Auftragnehmer⏎Café Wien Konditorei Brakemeier GmbH⏎Lohnkontor
/// Weserbergland GmbH"): the n-th name line under at least two label lines takes the n-th
/// label. Returns (role, cue start).
pub fn stacked_label_role(text: &str, pos: usize) -> Option<(&'static str, usize)> {
    let is_label = |line: &str| {
        let l = line.trim();
        !l.is_empty()
            && l.len() <= STACKED_NAME_LINE_BYTES
            && role_re()
                .find(l)
                .is_some_and(|m| m.start() == 0 && m.end() == l.len())
    };
    let mut ls = super::text::line_start(text, pos);
    let own = &text[ls..super::text::line_end(text, pos)];
    if own.len() > STACKED_NAME_LINE_BYTES || is_label(own) {
        return None;
    }
    // Name lines above the name's own, then the labels above them (bottom up).
    let mut names_above = 0;
    let mut labels: Vec<(usize, &str)> = Vec::new();
    while ls > 0 && labels.len() < STACKED_LABELS {
        let above = super::text::line_start(text, ls - 1);
        let line = &text[above..ls - 1];
        if is_label(line) {
            labels.push((above, line.trim()));
        } else if labels.is_empty()
            && !line.trim().is_empty()
            && line.len() <= STACKED_NAME_LINE_BYTES
            && names_above + 1 < STACKED_LABELS
        {
            names_above += 1;
        } else {
            break;
        }
        ls = above;
    }
    if labels.len() < 2 || names_above >= labels.len() {
        return None;
    }
    labels.reverse();
    let (start, label) = labels[names_above];
    Some((role_of(label)?, start))
}

/// A role label before a mention (within its sentence, no other mention between): returns
/// (role, cue start). "Datenschutzbeauftragter des X" names X as the DPO's owner: no role.
pub fn role_before(text: &str, start: usize, floor: usize) -> Option<(&'static str, usize)> {
    static GEN: OnceLock<Regex> = OnceLock::new();
    let genitive = regex(&GEN, r"(?i)(?:^|\s)(?:des|der|of\s+the|of)\s*$");
    let lo = super::text::floor_char(text, start.saturating_sub(250).max(floor));
    let window = &text[lo..start];
    // The sentence: after the last terminal punctuation followed by whitespace.
    let mut ws = 0;
    let mut prev_ws = 0;
    let mut last_break = ' ';
    for (i, ch) in window.char_indices() {
        if matches!(ch, '.' | '!' | '?' | ';') {
            let next = window[i + 1..].chars().next();
            let prev_word: String = window[..i]
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric())
                .collect();
            let abbrev = prev_word.chars().count() <= 2;
            // "gemäß Art. 27 DSGVO", "Abs. 2", "Sec. 5": a number after the dot goes on
            // with the sentence.
            let number_after = window[i + 1..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit());
            if next.is_some_and(|c| c.is_whitespace()) && !abbrev && !number_after {
                prev_ws = ws;
                ws = i + 1;
                last_break = ch;
            }
        }
    }
    // A question right above the name is its label: "### Who is officially responsible
    // for processing the data?⏎⏎**Hetzner Online GmbH**".
    let markup_only = |s: &str| s.chars().all(|c| c.is_whitespace() || "*_#>|".contains(c));
    if last_break == '?' && markup_only(&window[ws..]) {
        let question = &window[prev_ws..ws];
        static WHO: OnceLock<Regex> = OnceLock::new();
        let who = regex(
            &WHO,
            r"(?i)\b(?:who|wer)\b[^?\n]{0,40}\b(?:responsible|verantwortlich)",
        );
        if who.is_match(question) {
            return Some(("controller", lo + prev_ws));
        }
        if let Some(m) = role_re().find_iter(question).last() {
            return Some((role_of(m.as_str())?, lo + prev_ws + m.start()));
        }
        return None;
    }
    let sentence = &window[ws..];
    let base = lo + ws;
    let m = role_re()
        .find_iter(sentence)
        .filter(|m| {
            let before_ok = sentence[..m.start()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphabetic());
            let after_ok = sentence[m.end()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphabetic());
            before_ok && after_ok
        })
        .last()?;
    let between = &sentence[m.end()..];
    // A table's header cell labels its own column: "Party | Data Protection Officer |
    // Contact" above "Wisłoport Logistyka sp. z o.o. | Anna Kowalczyk | …" names no
    // officer in the first column.
    let role_at = base + m.start();
    if between.contains('\n')
        && super::text::cell_index(text, role_at)
            .is_some_and(|c| super::text::cell_index(text, start) != Some(c))
    {
        return None;
    }
    let dpo = role_of(m.as_str()) == Some("dpo");
    // The officer reached through, or provided by, an organisation: "Unseren
    // Datenschutzbeauftragten erreichen Sie über die X GmbH", "Our data protection officer
    // is provided by X Ltd", "… wird von der X GmbH gestellt" ("von der" is no genitive).
    static THROUGH: OnceLock<Regex> = OnceLock::new();
    let through = dpo
        && regex(
            &THROUGH,
            r"(?i)^\s*(?:erreichen\s+sie|ist|is|are|can\s+be\s+(?:reached|contacted)|wird)\s+(?:\S+\s+){0,2}?(?:über|via|through|durch|von|by)\s+(?:die\s+|der\s+|dem\s+|the\s+)?$",
        )
        .is_match(between);
    // "Verantwortlich für die Verarbeitung Ihrer personenbezogenen Daten im Sinne der
    // Datenschutz-Grundverordnung (DSGVO) und des österreichischen Datenschutzgesetzes (DSG)
    // ist die⏎Donaublick Reisen GmbH": a sentence opening with the role and closing with
    // "ist" before the name states it, however long its qualification.
    static STATEMENT: OnceLock<Regex> = OnceLock::new();
    // Also after a fronted phrase and a comma: "For users in the EEA, the controller for
    // website visitors and trial users is Lumenrail B.V.".
    let opens_statement = |line: &str| {
        let lead = line.trim().to_lowercase();
        lead.is_empty()
            || [", the", ", der", ", die"]
                .iter()
                .any(|a| lead.ends_with(a))
            || ["the", "der", "die"].contains(&lead.as_str())
    };
    let statement = !dpo
        && sentence[..m.start()]
            .rsplit('\n')
            .next()
            .is_some_and(opens_statement)
        && between.split_whitespace().count() <= STATEMENT_WORDS
        && regex(
            &STATEMENT,
            r"(?i)\s(?:ist|is)(?:\s+(?:die|der|das|the))?\s*$",
        )
        .is_match(between);
    if genitive.is_match(between) && !through && !statement {
        return None;
    }
    // "die Datenschutzbeauftragte des RKI senden: Robert Koch-Institut": the officer
    // belongs to the organisation named after the label, which is not the officer.
    static OWNER: OnceLock<Regex> = OnceLock::new();
    let owner = regex(&OWNER, r"^\s*(?:des|der|of(?:\s+the)?)\s+\p{Lu}");
    // "the RKI’s official data protection officer by post to: Robert Koch-Institut".
    static POSSESSIVE: OnceLock<Regex> = OnceLock::new();
    let possessive = regex(&POSSESSIVE, r"\b\p{Lu}\w*[’']s\s+(?:\w+\s+){0,2}$");
    if dpo && (owner.is_match(between) || possessive.is_match(&sentence[..m.start()])) {
        return None;
    }
    // "Aoife Brennan, Data Protection Officer⏎Harbourlight Insurance Services Limited": the
    // officer is the person named before the title; the organisation below is the address.
    let title = base + m.start();
    if dpo && person_before_title(&text[line_start(text, title)..title]).is_some() {
        return None;
    }
    let words: Vec<String> = between
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| "*_:#<>/\"„“”()[]|".contains(c))
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    // A label that ends in a colon right before the name ("Verantwortlich für die
    // Datenverarbeitung auf dieser Website ist:\nX GmbH") may hold any words.
    // Only its own colon: "Role: Data Controller⏎Data importer: Provider⏎Name:" labels the
    // name with "Name", not with the role of the block above.
    // An article may follow the colon ("nennt als Auftragsverarbeiter aber ein anderes
    // Unternehmen: die Brightwave Mailing, Inc.").
    let before_article = match words.last().map(String::as_str) {
        Some("die" | "der" | "das" | "the") => between
            .trim_end()
            .rsplit_once(char::is_whitespace)
            .map_or(between, |(head, _)| head),
        _ => between,
    };
    let label = before_article.trim_end().ends_with(':')
        && between.matches(':').count() == 1
        && words.len() <= COLON_LABEL_WORDS;
    if !label
        && !through
        && !statement
        && (words.len() > 12 || words.iter().any(|w| !LABEL_FILLER.contains(&w.as_str())))
    {
        return None;
    }
    let mut role = role_of(m.as_str())?;
    // "Datenschutzbeauftragter des Auftragsverarbeiters: X" → the head noun decides.
    let head_text = &sentence[..m.start()];
    if let Some(g) = genitive.find(head_text) {
        if let Some(h) = role_re().find_iter(&head_text[..g.start()]).last() {
            if head_text[h.end()..g.start()].trim().is_empty() {
                role = role_of(h.as_str())?;
            }
        }
    }
    // "Unser Datenschutzbeauftragter ist …" is fine; "a subsidiary of X" handled elsewhere.
    Some((role, base + m.start()))
}

/// The role an SCC annex states for a party of its list ("Data importer(s):⏎1. Name:
/// GitHub, Inc.⏎Address: …⏎Role (controller/processor): processor or … subprocessor";
/// German "Datenimporteur(e):⏎Name: …⏎Rolle (Verantwortlicher/Auftragsverarbeiter):
/// Auftragsverarbeiter"): the first role in the block's "Role" line after the name, before
/// the next block (the other list, the next member's "Name:" line, or "B. Description").
/// Only for a member of the annex's list ([`scc_annex_side`]); the role line *above* a
/// name is the previous party's (the data exporter's). Returns (role, start and end of the
/// role line).
pub fn scc_annex_role(
    text: &str,
    start: usize,
    end: usize,
) -> Option<(&'static str, usize, usize)> {
    static ROLE_LINE: OnceLock<Regex> = OnceLock::new();
    static NEXT_BLOCK: OnceLock<Regex> = OnceLock::new();
    scc_annex_side(text, start)?;
    let hi = super::text::floor_char(text, (end + 2000).min(text.len()));
    let next_block = regex(
        &NEXT_BLOCK,
        r"(?im)^[ \t*]*(?:data\s+(?:importer|exporter)|daten(?:im|ex)porteur|[A-Z]\.\s+(?:description|beschreibung)|(?:[-*•][ \t]*|\(?\d{1,2}[.)][ \t]*)?\**[ \t]*(?:full[ \t]+)?(?:legal[ \t]+)?name[ \t]*:)",
    );
    let stop = next_block
        .find(&text[end..hi])
        .map_or(hi, |m| end + m.start());
    let role_line = regex(
        &ROLE_LINE,
        r"(?im)^[ \t]*(?:[-*•][ \t]*)?\**[ \t]*(?:role[ \t]*\(controller[ \t]*/[ \t]*processor\)|(?:rolle|funktion)[ \t]*\(verantwortliche[r]?[ \t]*/[ \t]*auftragsverarbeiter\))[ \t]*:\**(?P<r>[^\n]*)",
    );
    let c = role_line.captures(&text[end..stop])?;
    let r = c.name("r")?;
    let role = role_re()
        .find(r.as_str())
        .and_then(|m| role_of(m.as_str()))?;
    let whole = c.get(0)?;
    Some((role, end + whole.start(), end + whole.end()))
}

/// The side of the transfer of an SCC annex's list of parties the organisation starting at
/// `start` is a member of: "exporter" or "importer", from the nearest data exporter or
/// importer heading at most [`SCC_HEADING_REACH`] bytes up; `None` unless it follows a
/// "Name:" label (numbered or bulleted: "1. Name:", "- Name:"). A member's role is the one
/// its own block states ([`scc_annex_role`]) or none: the role line above its name is the
/// previous member's.
pub fn scc_annex_side(text: &str, start: usize) -> Option<&'static str> {
    static LABEL: OnceLock<Regex> = OnceLock::new();
    static HEADING: OnceLock<Regex> = OnceLock::new();
    let ls = line_start(text, start);
    let label = regex(
        &LABEL,
        r"(?i)^[ \t]*(?:[-*•][ \t]*|\(?\d{1,2}[.)][ \t]*)?\**[ \t]*(?:full[ \t]+)?(?:legal[ \t]+)?name[ \t]*:[ \t]*\**[ \t]*$",
    );
    if !label.is_match(&text[ls..start]) {
        return None;
    }
    let lo = super::text::floor_char(text, ls.saturating_sub(SCC_HEADING_REACH));
    let heading = regex(
        &HEADING,
        r"(?i)(?:data[ \t]+|daten)(?:(?P<im>im)|ex)porteu?r",
    );
    let last = heading.captures_iter(&text[lo..ls]).last()?;
    Some(if last.name("im").is_some() {
        "importer"
    } else {
        "exporter"
    })
}

/// The side of a transfer a defined term names: "data importer", "Datenimporteur" →
/// "importer"; "data exporter", "Datenexporteur" → "exporter".
pub fn transfer_side_of_term(term: &str) -> Option<&'static str> {
    let t = term.trim().to_lowercase();
    match t.trim_start_matches("the ").trim_start_matches("der ") {
        "data importer" | "importer" | "datenimporteur" => Some("importer"),
        "data exporter" | "exporter" | "datenexporteur" => Some("exporter"),
        _ => None,
    }
}

/// How far above a party's "Name:" line (bytes) [`scc_annex_role`] looks for the data
/// exporter or importer heading: the heading, its bracketed instruction (about 200 bytes)
/// and the blocks of a few earlier members.
pub const SCC_HEADING_REACH: usize = 1500;

/// Whether `pos` lies on a letterhead or footer line: parts set off by "•" or "·" with
/// contact details ("Pentacode AG • Lindwurmstraße 147 • 80337 München • Tel.: … •
/// mail@…"). Such a line at the end of a sub-processor table is not one of its rows.
pub fn on_letterhead_line(text: &str, pos: usize) -> bool {
    let line = &text[line_start(text, pos)..line_end(text, pos)];
    let parts = line.split(['•', '·']).count();
    let lower = line.to_lowercase();
    let contact = [
        "tel.",
        "tel:",
        "telefon",
        "phone",
        "@",
        "www.",
        "fax",
        "amtsgericht",
        "hrb ",
        "kvk",
        "handelsregister",
        "firmenbuch",
        "company no",
        "company number",
    ]
    .iter()
    .any(|c| lower.contains(c));
    parts >= 3 && contact
}

/// Whether `pos` lies on the name line of a letterhead block or running header: a line
/// without table cells with a commercial-register cue on it or on one of the next three
/// ("Aktenwerk Software GmbH⏎Mariahilfer Straße 77–79, 1060 Wien⏎FN 498311 k,
/// Handelsgericht Wien", "… Amtsgericht München, HRB 123456", "Registered in England,
/// company no. 01234567"). Under a sub-processor page's title, it names the page's
/// publisher, not a member.
pub fn above_register_line(text: &str, pos: usize) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    let register = regex(
        &R,
        r"(?i)(?-u:\b)(?:amtsgericht|handelsgericht|registergericht|handelsregister|firmenbuch|hr[ab][ \t]*\d|fn[ \t]*\d{3,6}[ \t]*[a-z](?-u:\b)|kvk|company[ \t]+(?:no(?-u:\b)|number|registration)|registered[ \t]+in[ \t]+(?:england|scotland|ireland))",
    );
    let ls = line_start(text, pos);
    let le = line_end(text, pos);
    if text[ls..le].contains('|') || list_item_body(&text[ls..le]).is_some() {
        return false;
    }
    // A running header with the register number on the name's own line ("Kassaflow B.V.
    // - Data Processing Agreement v2.3   KvK 87654321").
    if register.is_match(&text[ls..le]) {
        return true;
    }
    let mut at = le;
    for _ in 0..3 {
        // At the text's end, or a line the scan cut off (no '\n' within its reach).
        if text.as_bytes().get(at) != Some(&b'\n') {
            return false;
        }
        let next = at + 1;
        let line = &text[next..line_end(text, next)];
        if line.trim().is_empty() || line.contains('|') {
            return false;
        }
        if register.is_match(line) {
            return true;
        }
        at = next + line.len();
    }
    false
}

/// Whether `pos` lies on a running header or footer line with a page number ("AVV-2025 |
/// Kranich Cloud Services GmbH Page 4 of 8", "Seite 2 von 7"): the organisation named on
/// it is the document's own, not a row of the table the page break cuts.
pub fn on_page_marker_line(text: &str, pos: usize) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &R,
        r"(?i)\b(?:page|seite)[ \t]+\d+[ \t]*(?:of|von|/)[ \t]*\d+\b",
    );
    re.is_match(&text[line_start(text, pos)..line_end(text, pos)])
}

/// Whether `line` (trimmed) opens the signature block ("SIGNED for and on behalf of",
/// "Unterschriften", "Ort, Datum", a line to sign on: "______"): a list or table before
/// it ends there.
fn opens_signature_block(line: &str) -> bool {
    const OPENERS: [&str; 9] = [
        "signed for and on behalf of",
        "signed by",
        "for and on behalf of",
        "in witness whereof",
        "signature",
        "unterschrift",
        "ort, datum",
        "place, date",
        "datum, unterschrift",
    ];
    // "Für den Auftragsverarbeiter:", "For the Customer:": a party's label over its
    // signatory.
    const SIGNING_PARTIES: [&str; 16] = [
        "verantwortlichen",
        "auftragsverarbeiter",
        "auftraggeber",
        "auftragnehmer",
        "kunden",
        "anbieter",
        "dienstleister",
        "controller",
        "processor",
        "customer",
        "client",
        "provider",
        "supplier",
        "vendor",
        "company",
        "exporter",
    ];
    let lower = line.to_lowercase();
    let signing_party = lower.strip_suffix(':').is_some_and(|label| {
        let words: Vec<&str> = label.split_whitespace().collect();
        matches!(words.as_slice(), ["für" | "for", "den" | "die" | "the", w]
            if SIGNING_PARTIES.contains(w))
    });
    line.starts_with("_____") || signing_party || OPENERS.iter().any(|o| lower.starts_with(o))
}

/// "a subsidiary of X", "Tochtergesellschaft der X": X is a parent. Returns the cue start.
pub fn parent_before(text: &str, start: usize) -> Option<usize> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &R,
        r"(?i)(?:subsidiary|affiliate|tochtergesellschaft|tochterunternehmen|part)[ \t]+(?:of|der|des|von)[ \t]+(?:the[ \t]+)?$",
    );
    let lo = super::text::floor_char(text, start.saturating_sub(60));
    let w = &text[lo..start];
    re.find(w).and_then(|m| {
        let phrase = m.as_str().to_lowercase();
        (!phrase.starts_with("part")).then_some(lo + m.start())
    })
}

/// The role of the parties a sentence announces a table or list of: "The chart below
/// explains the current controllers …", "The table below lists our sub-processors", "Die
/// folgende Tabelle nennt die Verantwortlichen". Only the roles a party can hold for the
/// data (controller, processor, sub-processor, recipient).
fn announced_table_role(line: &str) -> Option<&'static str> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = regex_from(&R, || {
        format!(
            r"(?i)\b(?:the|this|die|diese)[ \t]+(?:(?:following|folgende|nachfolgende)[ \t]+)?(?:chart|table|list|overview|tabelle|übersicht|liste|aufstellung)[ \t]+(?:(?:below|unten)[ \t]+)?(?:explains|lists|shows|names|sets[ \t]+out|contains|identifies|nennt|zeigt|enthält|listet|führt)[ \t]+(?:(?:the|our|all|current|die|unsere|alle|aktuellen|derzeitigen|jeweiligen)[ \t]+){{0,3}}(?P<r>{})\b",
            &ROLE_PATTERN[4..]
        )
    });
    role_of(re.captures(line)?.name("r")?.as_str()).filter(|r| holds_data(r))
}

/// Most bytes of a paragraph read by [`announced_paragraph_role`].
const ANNOUNCING_PARAGRAPH_BYTES: usize = 600;

/// The one role a paragraph right above a table or list gives its members: it points
/// below ("listed below", "the following", "folgende", "nachstehend") and says what they
/// are, in the plural ("Our service providers act as our processors", "which use it for
/// their own purposes as independent controllers", "die als unsere Auftragsverarbeiter
/// tätig sind"). None when a cue is negated or the paragraph names two roles.
fn announced_paragraph_role(paragraph: &str) -> Option<&'static str> {
    static BELOW: OnceLock<Regex> = OnceLock::new();
    static ROLES: OnceLock<Regex> = OnceLock::new();
    static NEGATION: OnceLock<Regex> = OnceLock::new();
    if paragraph.len() > ANNOUNCING_PARAGRAPH_BYTES {
        return None;
    }
    let below = regex(
        &BELOW,
        r"(?i)\b(?:below|unten(?:stehende[nrm]?)?|nachstehende?[nrm]?|(?:nach)?folgende[nrm]?|following)\b",
    );
    if !below.is_match(paragraph) {
        return None;
    }
    let roles = regex(
        &ROLES,
        r"(?i)\b(?:(?P<c>(?:independent|separate)\s+(?:data\s+)?controllers|(?:eigenständige|selbst(?:st)?ändige|unabhängige)\s+verantwortliche|(?:eigenständig|selbst(?:st)?ändig|unabhängig)\s+verantwortlich)|(?P<s>(?:as|als|are|sind)\s+(?:our\s+|unsere\s+)?(?:sub-?processors|sub-?contractors|unterauftragsverarbeiter))|(?P<p>(?:as|als|are|sind)\s+(?:our\s+|unsere\s+)?(?:data\s+)?(?:processors|auftragsverarbeiter|auftragsbearbeiter)|in\s+unserem\s+auftrag|on\s+our\s+behalf|\((?:data\s+)?(?:processors|auftragsverarbeiter|auftragsbearbeiter)\)))\b",
    );
    let negation = regex(&NEGATION, r"(?i)\b(?:not|nicht|kein\w*|no|never|niemals)\b");
    let mut found: Option<&'static str> = None;
    for c in roles.captures_iter(paragraph) {
        let cue = c.get(0)?;
        let lo = super::text::floor_char(paragraph, cue.start().saturating_sub(60));
        let clause = paragraph[lo..cue.start()]
            .rsplit(['.', ';', ':'])
            .next()
            .unwrap_or("");
        if negation.is_match(clause) {
            return None;
        }
        let role = if c.name("c").is_some() {
            "controller"
        } else if c.name("s").is_some() {
            "subprocessor"
        } else {
            "processor"
        };
        if found.is_some_and(|f| f != role) {
            return None;
        }
        found = Some(role);
    }
    found
}

/// Whether `line` names service providers or third parties ("We share data with the
/// following service providers:", "Eingesetzte Dienstleister"): a list under it names
/// recipients of the data.
fn names_service_providers(line: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    regex(
        &R,
        r"(?i)\b(?:service[ \t]+providers?|third[ \t]+part(?:y|ies)[ \t]+providers?|dienstleister[n]?|drittanbieter[n]?)\b",
    )
    .is_match(line)
}

/// Whether `role` is one a party holds for the data (controller, processor, sub-processor,
/// recipient), not for the organisation (parent, DPO, representative).
fn holds_data(role: &str) -> bool {
    matches!(
        role,
        "controller" | "processor" | "subprocessor" | "recipient"
    )
}

/// The "role" of a list section titled as one of former members
/// ([`crate::matchers::text::is_former_heading`]): its members have no role.
pub const FORMER_SECTION: &str = "former";

/// The "role" of a list section titled as one of members not used yet
/// ([`crate::matchers::text::is_planned_heading`]: "3. Geplante
/// Unterauftragsverarbeiter"): its members have no role now.
pub const PLANNED_SECTION: &str = "planned";

/// The "role" of a list section titled as one of those that are none ("Keine
/// Unterauftragsverarbeiter im Sinne dieser Liste", "Not sub-processors"): its members
/// have no role.
pub const NOT_MEMBERS: &str = "none";

/// Whether a heading denies its list the role it names: its first word (after a number)
/// is "keine", "kein", "nicht", "no", "not" or "non".
fn denies_role(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    let mut words = crate::matchers::text::words(&lower);
    let first = words.next().unwrap_or_default();
    let first = if first.bytes().all(|c| c.is_ascii_digit()) || first.len() == 1 {
        words.next().unwrap_or_default()
    } else {
        first
    };
    ["keine", "kein", "nicht", "no", "not", "non"].contains(&first)
}

/// Byte ranges of sub-processor (or recipient) lists and tables: from a short heading-like line
/// naming them to the next heading (or a signature block). A sentence announcing a table of
/// parties with one role ("The chart below explains the current controllers") opens a
/// section of that role too.
pub fn list_sections(text: &str, data: &EntityData) -> Vec<(usize, usize, &'static str)> {
    static HEAD: OnceLock<Regex> = OnceLock::new();
    let heading = regex(
        &HEAD,
        r"^\s*(?:#{1,6}\s|§\s*\d|(?:\d{1,3}(?:\.\d+)*\.?|[A-Z]\.|[IVX]+\.)\s+\p{Lu}|(?i:anhang|annex|appendix|anlage|schedule|exhibit)\b)",
    );
    // A table cell's address line in a PDF's text ("38 Avenue John F. Kennedy,", "989
    // Market Street, San", "415 Mission", "70 Sir John"): a number without a dot, then a
    // street word, or of three digits, or in a text whose numbered headings have a dot
    // ("3. Current sub-processors"), is no heading.
    static NUMBER: OnceLock<Regex> = OnceLock::new();
    static DOTTED: OnceLock<Regex> = OnceLock::new();
    let bare_number = regex(&NUMBER, r"^\s*(?P<n>\d+)\s");
    let dotted = regex(&DOTTED, r"(?m)^[ \t]*\d{1,2}\.[ \t]+\p{Lu}").is_match(text);
    let is_heading = |line: &str| {
        heading.is_match(line)
            && !bare_number.captures(line).is_some_and(|c| {
                dotted || c.name("n").is_some_and(|n| n.len() >= 3) || data.has_street_word(line)
            })
    };
    let mut out: Vec<(usize, usize, &'static str)> = Vec::new();
    let mut open: Option<(usize, &'static str)> = None;
    // Whether the open section already holds list items or table rows: before its
    // first member, an introductory paragraph does not end it.
    let mut has_members = false;
    // The number of the open section's last table row opened by a bare number ("5 Google
    // Cloud⏎EMEA⏎Limited"): another bare number than the next one starts an address line
    // of a cell ("70 Sir John"), not a heading.
    let mut row_number: Option<usize> = None;
    // Whether the line before is blank, and whether the last line with text was a member.
    let (mut prev_blank, mut after_member) = (true, false);
    // Whether the open section was opened by a question ([`asks_who_receives`]).
    let mut by_question = false;
    // Whether it was opened by a sentence announcing a table ([`announced_table_role`]).
    let mut by_announcement = false;
    // Whether it was opened by a paragraph announcing its members' role
    // ([`announced_paragraph_role`]): the next paragraph after its members ends it.
    let mut by_paragraph = false;
    // Where the paragraph holding the current line starts.
    let mut paragraph_start = 0;
    // How the open section's title lets headings below it group its list
    // ([`group_title`]): any heading, the title's sub-numbers ("3.1 Hosting" under "3.
    // Sub-processors"), or none.
    let mut groups: Option<String> = None;
    // Whether a heading below the open section's title grouped its list.
    let mut grouped = false;
    // The role of a list whose title a part of the document's structure followed before
    // any member ([`structures_document`]): its next group heading reopens it.
    let mut paused: Option<&'static str> = None;
    // A role word opening a word, or a compound of data's recipients ("Datenempfänger");
    // not the end of another compound ("Warenempfänger", a table cell's goods
    // recipients).
    let word_start = |s: &str, at: usize| {
        let head: String = s[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        head.is_empty() || ROLE_COMPOUND_HEADS.contains(&head.to_lowercase().as_str())
    };
    let list_role = |s: &str| {
        role_re()
            .find_iter(s)
            .filter(|m| word_start(s, m.start()))
            .filter_map(|m| role_of(m.as_str()))
            .find(|r| *r == "subprocessor" || *r == "recipient")
    };
    let mut pos = 0;
    while pos < text.len() {
        let le = full_line_end(text, pos);
        let line = &text[pos..le];
        let stripped = line.trim().trim_start_matches('#').trim();
        let blank = stripped.is_empty();
        let next = (le + 1).min(text.len());
        let next_blank = text[next..full_line_end(text, next)].trim().is_empty();
        let words = stripped
            .split(|c: char| c.is_whitespace() || c == '|')
            .filter(|w| !w.is_empty())
            .count();
        // A heading or an introduction that names service providers, not a table's row
        // (whose first cells name categories: "Authorities", "Researchers").
        let role = list_role(stripped).or_else(|| {
            (!stripped.contains('|') && names_service_providers(stripped)).then_some("recipient")
        });
        // A title's closing remark in brackets is no part of it ("Part B – Former
        // Sub-processors (no longer Processing Customer Personal Data)").
        let title = match stripped.rfind('(') {
            Some(k) if stripped.ends_with(')') => &stripped[..k],
            _ => stripped,
        };
        let title_words = title
            .split(|c: char| c.is_whitespace() || c == '|')
            .filter(|w| !w.is_empty())
            .count();
        // A list item is no heading (a table of contents lists the section's title), nor
        // is a line that begins in lower case (a table cell's wrapped line: "in the
        // recipient’s"), unless it ends an introduction ("…engage the following⏎
        // sub-processors:").
        let headingish = words > 0
            && title_words <= 10
            && (!stripped.starts_with(char::is_lowercase) || stripped.ends_with(':'))
            && list_item_body(line).is_none()
            && !stripped.ends_with(['.', ',', ';'])
            && stripped.len() <= 160;
        // A table's header row naming the role in its first cell ("Name of Subprocessor |
        // Description | Location") opens a section however many columns follow.
        let first_cell = stripped.split('|').next().unwrap_or("").trim();
        let header_row = stripped.contains(" | ")
            && first_cell.split_whitespace().count() <= 6
            && !first_cell.contains(['`', '_', '.'])
            && list_role(first_cell).is_some();
        // The same header as a PDF's text has it, a cell per line, the column of row
        // numbers first ("Nr. Unterauftragsverarbeiter (Firma,⏎Anschrift)").
        let header_row = header_row
            || numbered_column_header(stripped).is_some_and(|rest| list_role(rest).is_some());
        let headingish = headingish || header_row;
        // A question standing alone as a heading ("Who has access to the data and is it
        // shared with third parties?"): one about who receives the data opens a recipient
        // section, and every one ends the section before it.
        let question = prev_blank
            && next_blank
            && stripped.ends_with('?')
            && (1..=16).contains(&words)
            && stripped.starts_with(char::is_uppercase)
            && list_item_body(line).is_none();
        let asks_recipients = question && asks_who_receives(stripped);
        // The section this line opens, whether by a question, and whether by a sentence
        // announcing a table (which must follow: a paragraph of prose before its first
        // member ends the section).
        // "5.1 Processors", "5.2 Independent controllers": a title that is a role in the
        // plural alone names its list's members (a privacy policy's recipients).
        let plural = if headingish && role.is_none() {
            plural_role_title(title)
        } else {
            None
        };
        let opens = match (role, headingish) {
            // "D. Nicht mehr eingesetzte Unterauftragsverarbeiter": its members are
            // former ones, of no role now.
            (Some(_), true) if crate::matchers::text::is_former_heading(stripped) => {
                Some((FORMER_SECTION, false, false))
            }
            // A table's row is no title of planned members ("7.2 | 28.04.2025 |
            // Ankündigung geplanter Unterauftragsverarbeiter (…)" in a change log), nor is
            // a header row unless its first cell says so ("Planned Sub-processor |
            // Location", not "Unterauftragsverarbeiter | Geplanter Start").
            (Some(_), true)
                if crate::matchers::text::is_planned_heading(if header_row {
                    first_cell
                } else if stripped.contains('|') {
                    ""
                } else {
                    stripped
                }) =>
            {
                Some((PLANNED_SECTION, false, false))
            }
            // "5. Keine Unterauftragsverarbeiter im Sinne dieser Liste": its members are
            // named as not being ones.
            (Some(_), true) if denies_role(stripped) => Some((NOT_MEMBERS, false, false)),
            // "Angekündigte Änderung (Mitteilung gemäß § 6 Abs. 2): Mit Wirkung zum
            // 01.10.2026 …" in a list: what follows is not used yet.
            _ if open.is_some() && planned_colon_label(stripped) => {
                Some((PLANNED_SECTION, false, false))
            }
            (Some(r), true) => Some((r, false, false)),
            // "4. Geplante Änderungen" after a list of sub-processors: a numbered title of
            // planned changes without a role word still holds members not used yet.
            (None, true)
                if (open.is_some() || !out.is_empty())
                    && is_heading(line)
                    && crate::matchers::text::is_planned_heading(stripped) =>
            {
                Some((PLANNED_SECTION, false, false))
            }
            _ if asks_recipients => Some(("recipient", true, false)),
            _ if plural.is_some() => plural.map(|r| (r, false, false)),
            _ => announced_table_role(stripped).map(|r| (r, false, true)),
        };
        // The header row of a table right under "3. Geplante Unterauftragsverarbeiter"
        // ("| Unterauftragsverarbeiter | Anschrift | …") belongs to that title's section.
        let titled = |r: &str| [FORMER_SECTION, PLANNED_SECTION, NOT_MEMBERS].contains(&r);
        // Nor does a line of the title's introduction, or of its table's header as a PDF's
        // text has it, a line per cell ("4. Entfallene Unterauftragnehmer⏎Die folgenden
        // Unterauftragnehmer waren … eingesetzt⏎Unterauftragnehmer⏎Anschrift / Sitz").
        let opens = opens.filter(|_| {
            let intro = (header_row || !is_heading(line)) && !planned_colon_label(stripped);
            has_members || !open.is_some_and(|(_, r0)| titled(r0)) || !intro
        });
        if prev_blank && !blank {
            paragraph_start = pos;
        }
        // "We share your data with the service providers listed below. Our service
        // providers act as our processors …" right above a table or list: its members'
        // role, unless a title before already gave the open list its role.
        // A generic title of recipients ("4. Empfängerinnen und Empfänger") yields to a
        // paragraph naming its members' role ("Folgende Dienstleister bearbeiten Daten in
        // unserem Auftrag (Auftragsbearbeiter):").
        let by_paragraph_role = (opens.is_none()
            && !blank
            && (open.is_none() || has_members || open.is_some_and(|(_, r)| r == "recipient"))
            && !stripped.contains('|'))
        .then(|| {
            let below = if next_blank {
                text.get(next..).and_then(|rest| {
                    let k = rest.find(|c: char| !c.is_whitespace())?;
                    Some(next + k)
                })
            } else {
                stripped.ends_with(':').then_some(next)
            }?;
            let first = &text[below..full_line_end(text, below)];
            let t = first.trim_start();
            let member = t.contains(" | ") || t.starts_with(ITEM_BULLETS) || numbered_member(first);
            member
                .then(|| announced_paragraph_role(&text[paragraph_start..le]))
                .flatten()
        })
        .flatten();
        let opens = opens.or(by_paragraph_role.map(|r| (r, false, true)));
        if let Some((r, asked, announced)) = opens {
            if let Some((s, r0)) = open.take() {
                out.push((s, pos, r0));
            }
            by_paragraph = by_paragraph_role.is_some();
            open = Some((le, r));
            paused = None;
            groups = group_title(stripped, is_heading(line));
            grouped = false;
            has_members = false;
            row_number = None;
            after_member = false;
            by_question = asked;
            by_announcement = announced;
        } else if let Some((s, r0)) = open {
            let t = line.trim_start();
            let bare = bare_number
                .captures(line)
                .and_then(|c| c.name("n")?.as_str().parse::<usize>().ok());
            // The next row's number, its name cut by a column's text beside it ("04
            // Microsoft Ireland Operations IRL Microsoft 365 (E-Mail,⏎Limited, …"), in a
            // line that is no title ("3 Rechte der Betroffenen").
            let next_row =
                !headingish && bare.is_some_and(|n| row_number.is_some_and(|r| n == r + 1));
            let row = numbered_row_member(text, line, le, data) || next_row;
            if row {
                row_number = bare.or(row_number);
            }
            let off_sequence = bare.is_some_and(|n| row_number.is_some_and(|r| n != r + 1));
            let numbered = numbered_member(line) || row;
            // A rule of dashes under a title ("KEINE UNTERAUFTRAGSVERARBEITER⏎-----") is
            // no list item.
            let ruled =
                stripped.len() >= 3 && stripped.chars().all(|c| matches!(c, '-' | '=' | '_'));
            let member = (t.contains(" | ") || t.starts_with(ITEM_BULLETS) || numbered)
                && !ruled
                && !on_page_marker_line(text, pos);
            let prose = !member && line.trim().len() > 250;
            // A short paragraph of its own: a heading, as HTML and Markdown headings come
            // out of extraction (without their "#"). It ends a list right after its last
            // member, and the answer to a question.
            let short_paragraph = prev_blank
                && next_blank
                && headingish
                && !stripped.ends_with(':')
                && stripped.starts_with(char::is_uppercase);
            let next_heading = short_paragraph && (!member && after_member || by_question);
            // A table row whose first cell is "#" (the column of row numbers) is no
            // Markdown heading.
            // "1. Hosting and network" under "Sub-processors of Seewind FleetView" (before
            // its first member, then each heading of that kind): a group of the list.
            let group = is_heading(line)
                && groups_members(stripped)
                && !structures_document(stripped)
                && role.is_none()
                && !numbered
                && groups.as_deref().is_some_and(|g| stripped.starts_with(g))
                && (!has_members || grouped);
            grouped |= group;
            // A fixed-width table's closing rule, a blank line after it and then no row
            // ("-----⏎⏎Hinweise"; not a page footer's rules inside a table: "-----⏎⏎
            // AVV-2025-0419 | Kranich Cloud Services GmbH Page 4 of 8⏎-----").
            let closing_rule = has_members && next_blank && ruled && stripped.len() >= 10 && {
                let rest = text[next..].trim_start();
                let first = &rest[..rest.find('\n').unwrap_or(rest.len())];
                !first.contains(" | ") && !numbered_member(first)
            };
            let ends =
                (is_heading(line) && !numbered && !off_sequence && !t.contains(" | ") && !group)
                    || closing_rule
                    || (prose && (has_members || by_announcement))
                    || (by_paragraph && has_members && prev_blank && !blank && !member)
                    || next_heading
                    || question
                    || opens_signature_block(stripped)
                    || le - s > 15_000;
            has_members |= member;
            if ends {
                out.push((s, pos, r0));
                open = None;
                // "1. VORBEMERKUNG" before the list's first group: its prose holds no
                // members, a numbered group after it ("2. Hosting") goes on with the list.
                paused = (!has_members && structures_document(stripped)).then_some(r0);
            }
            if !blank {
                after_member = member;
            }
        } else if let Some(r0) = paused {
            if is_heading(line) {
                let resumes = groups_members(stripped)
                    && !structures_document(stripped)
                    && groups.as_deref().is_some_and(|g| stripped.starts_with(g));
                if resumes {
                    open = Some((le, r0));
                    grouped = true;
                }
                if resumes || !structures_document(stripped) {
                    paused = None;
                }
            }
        }
        prev_blank = blank;
        pos = le + 1;
    }
    if let Some((s, r0)) = open {
        out.push((s, text.len(), r0));
    }
    out
}

/// The rest of a table's header line that opens with the column of row numbers ("Nr.",
/// "Lfd. Nr.", "No.", "#") followed by at most four words: "Unterauftragsverarbeiter (Firma,"
/// of "Nr. Unterauftragsverarbeiter (Firma,".
fn numbered_column_header(line: &str) -> Option<&str> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &R,
        r"^(?i:lfd\.?[ \t]*)?(?:Nr\.|No\.|#)[ \t]+(?P<rest>\S.*)$",
    );
    let rest = re.captures(line)?.name("rest")?.as_str();
    (rest.split_whitespace().count() <= 4).then_some(rest)
}

/// The role a list's title names in the plural, alone after its number and an adjective
/// ("5.1 Processors", "Independent controllers", "Eingesetzte Auftragsverarbeiter"), for
/// the roles a title of sub-processors or recipients does not cover.
fn plural_role_title(title: &str) -> Option<&'static str> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &R,
        r"(?i)^(?:\d{1,2}(?:\.\d{1,2})*\.?[ \t]+)?(?:(?:our|unsere|eingesetzte|independent|separate|eigenständige|selbständige|other|weitere)[ \t]+)?(?:data[ \t]+)?(?P<r>processors|controllers|auftragsverarbeiter|verantwortliche)[ \t]*:?$",
    );
    let c = re.captures(title.trim())?;
    match c.name("r")?.as_str().to_lowercase().as_str() {
        "processors" | "auftragsverarbeiter" => Some("processor"),
        _ => Some("controller"),
    }
}

/// First parts of a compound whose role word still names a list's members
/// ("Datenempfänger", "Drittempfänger", "Subauftragsverarbeiter"), lower case.
const ROLE_COMPOUND_HEADS: [&str; 4] = ["daten", "dritt", "sub", "fremd"];

/// Whether `line` opens with a colon label of a change not made yet: at most four words
/// before its colon (a bracketed remark aside), the first an announcement or a word of
/// [`crate::matchers::text::PLANNED_LABEL_WORDS`] ("Angekündigte Änderung (Mitteilung
/// gemäß § 6 Abs. 2): …", "Planned change: …").
fn planned_colon_label(line: &str) -> bool {
    let Some(colon) = line.find(':') else {
        return false;
    };
    let label = &line[..colon];
    let label = label.find('(').map_or(label, |k| &label[..k]);
    let words: Vec<String> = crate::matchers::text::words(label)
        .map(str::to_lowercase)
        .collect();
    (1..=4).contains(&words.len())
        && (crate::matchers::text::PLANNED_LABEL_WORDS.contains(&words[0].as_str())
            || ANNOUNCED_WORDS.contains(&words[0].as_str()))
}

/// Words announcing a change not made yet, opening a label ([`planned_colon_label`]).
const ANNOUNCED_WORDS: [&str; 5] = [
    "angekündigte",
    "angekündigt",
    "announced",
    "beabsichtigte",
    "intended",
];

/// Whether `heading` titles a part of a document's structure, not a group of a list's
/// members ("1. VORBEMERKUNG", "2. Scope" under "LISTE DER UNTERAUFTRAGSVERARBEITER"),
/// also when it names the document ("1. Zweck dieser Liste", "Purpose of this list"):
/// the key to a table's columns under "3. Begriffe" ("- Bearbeitungsort: Ort der
/// Rechenzentren …") lists no members.
fn structures_document(heading: &str) -> bool {
    let title = heading
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c.is_whitespace())
        .trim_end_matches([':', ' '])
        .to_lowercase();
    let title = STRUCTURE_OF_DOCUMENT
        .iter()
        .find_map(|of| title.strip_suffix(of))
        .unwrap_or(&title);
    STRUCTURE_HEADINGS.contains(&title)
}

/// Endings of a structure's title that name the document itself ("Zweck dieser Liste"),
/// with the space before them, lower case.
const STRUCTURE_OF_DOCUMENT: [&str; 8] = [
    " dieser liste",
    " der liste",
    " dieses dokuments",
    " dieser übersicht",
    " of this list",
    " of the list",
    " of this document",
    " of this overview",
];

/// Titles of a document's parts ([`structures_document`]), lower case.
const STRUCTURE_HEADINGS: [&str; 30] = [
    "vorbemerkung",
    "vorbemerkungen",
    "präambel",
    "einleitung",
    "allgemeines",
    "geltungsbereich",
    "gegenstand",
    "zweck",
    "hinweise",
    "begriffsbestimmungen",
    "definitionen",
    "kontakt",
    "preamble",
    "introduction",
    "preliminary remarks",
    "general",
    "scope",
    "purpose",
    "background",
    "definitions",
    "contact",
    "overview",
    "begriffe",
    "legende",
    "erläuterungen",
    "abkürzungen",
    "glossar",
    "glossary",
    "abbreviations",
    "key",
];

/// Whether `heading` may group a list's members ([`group_title`]): numbered or lettered
/// ("1. Hosting and network", "3.1 Hosting", "B. Support"), not a contract's "§ 7" or an
/// annex's title.
fn groups_members(heading: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    regex(&R, r"^(?:\d{1,2}(?:\.\d+)*\.?|[A-Z]\.)\s+\p{Lu}").is_match(heading)
}

/// How the headings below a list section's title may group its members without ending
/// it: a title that names the list ("Sub-processors of Seewind FleetView", "Seewind
/// Telematics GmbH · List of sub-processors under Section 9") lets any heading do so
/// (`Some("")`) when it is no numbered heading itself, and only its own sub-numbers
/// ("3.1 Hosting" under "3. Unterauftragsverarbeiter": `Some("3.")`) when it is. A
/// contract's clause "5. Unterauftragsverhältnisse" before "6. Kontrollrechte" groups
/// nothing.
fn group_title(title: &str, numbered: bool) -> Option<String> {
    // A title, not a sentence's line ("Unterauftragnehmern ist nur mit vorheriger
    // schriftlicher"): a few words and no verb.
    static VERB: OnceLock<Regex> = OnceLock::new();
    let verb = regex(
        &VERB,
        r"(?i)\b(?:ist|sind|wird|werden|wurde|kann|können|darf|dürfen|hat|haben|is|are|will|shall|may|must|has|have|was|were)\b",
    );
    if title.split_whitespace().count() > 12 || verb.is_match(title) {
        return None;
    }
    static R: OnceLock<Regex> = OnceLock::new();
    let re = regex_from(&R, || {
        format!(
            r"(?i)^(?:\d{{1,2}}\.[ \t]+)?(?:[^\s–—|:]+(?:[ \t]+[^\s–—|:]+){{0,2}}[ \t]+[–—|:-][ \t]+)?(?:(?:current|aktuelle[n]?|our|unsere)[ \t]+)?(?:{0})\b|\b(?:list|liste|übersicht|verzeichnis|overview)[ \t]+(?:of|der|über)[ \t]+(?:(?:the|our|all|die|unsere|alle|current|aktuellen)[ \t]+)?(?:{0})\b",
            &ROLE_PATTERN[4..]
        )
    });
    let m = re.find(title)?;
    let role = role_re().find(&title[m.start()..])?;
    if !matches!(role_of(role.as_str()), Some("subprocessor" | "recipient")) {
        return None;
    }
    if !numbered {
        return Some(String::new());
    }
    let number = title.split_whitespace().next()?;
    (number.ends_with('.')
        && number[..number.len() - 1]
            .bytes()
            .all(|b| b.is_ascii_digit()))
    .then(|| number.to_string())
}

/// Contract parties named only by a brand, without a legal form anywhere: "Wire is the
/// Processor in the meaning of Art. 4 (8) GDPR", "Sinch Email is the processor of such
/// data". A name of one to three capitalised words right before "is the processor" (or
/// controller) at a sentence or clause start, used at least [`MIN_BRAND_MENTIONS`] times,
/// is a party: not a generic contract noun ("Customer", "Controller"), not a term the
/// document defines in quotes ("“Google” means the Google Entity …": which entity is
/// meant, the text does not say), and not the start of an organisation's name found with
/// its legal form (its role statements are that organisation's, see the stems).
/// Returns one hit per name, at its first role statement.
pub fn brand_parties(text: &str, orgs: &[OrgHit]) -> Vec<OrgHit> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &R,
        r"(?m)(?:^|[.:;)][ \t]+|,[ \t]+|[ \t](?:and|und)[ \t]+)(?P<name>\p{Lu}[\p{L}\d]+(?:[ \t]\p{Lu}[\p{L}\d]+){0,2})[ \t]+(?:is|ist|acts[ \t]+as|handelt[ \t]+als)[ \t]+(?:the|a|der|die)[ \t]+(?i:data[ \t]+)?(?i:processor|controller|auftragsverarbeiter|verantwortliche[r]?)(?-u:\b)",
    );
    let mut out: Vec<OrgHit> = Vec::new();
    for c in re.captures_iter(text) {
        // The boundary is ASCII in the regex (a Unicode one makes the lazy DFA give up at
        // the first umlaut and leaves the whole text to the slow PikeVM); a letter beyond
        // ASCII right after the role word is checked here.
        let Some(whole) = c.get(0) else { continue };
        if text[whole.end()..]
            .chars()
            .next()
            .is_some_and(crate::matchers::text::is_word_char)
        {
            continue;
        }
        let Some(m) = c.name("name") else { continue };
        let name = m.as_str();
        if out.iter().any(|o| o.name == name)
            || name
                .split_whitespace()
                .any(|w| GENERIC_PARTY_WORDS.contains(&w.to_lowercase().as_str()))
            || orgs.iter().any(|o| o.name.starts_with(name))
            || defined_in_quotes(text, name)
        {
            continue;
        }
        let mentions = text
            .match_indices(name)
            .filter(|&(i, _)| crate::matchers::text::at_word_bounds(text, i, i + name.len()))
            .take(MIN_BRAND_MENTIONS)
            .count();
        if mentions < MIN_BRAND_MENTIONS {
            continue;
        }
        out.push(OrgHit {
            start: m.start(),
            end: m.end(),
            name: name.to_string(),
            legal_form: None,
            rule: "brand",
        });
    }
    out
}

/// Natural persons named as data protection officer ("Unser Datenschutzbeauftragter ist
/// Herr Dr. Erik Beispiel", "Data Protection Officer: Jane Doe", "Datenschutzbeauftragter
/// des Auftragsverarbeiters ist Herr Dr. Tjark Ahlers", "Datenschutzbeauftragte: Für den
/// Verantwortlichen ist Frau Melanie Brüggemann", "Unseren
/// Datenschutzbeauftragten, Frau Erika Muster, erreichen Sie …", "Unseren
/// Datenschutzbeauftragten erreichen Sie unter: Max Beispiel, …"): the contract's parties
/// include them. The name follows the officer's title, after a salutation or academic title
/// ("Herr", "Frau", "Mr.", "Dr."), or after "ist", "is" or a colon; it is two or three
/// capitalised words, none of them one of `NOT_PERSON_WORDS`, and no legal form follows
/// (an organisation serving as officer is found with its legal form). The hit is the name
/// without salutation and titles (rule `person`).
pub fn officer_persons(text: &str, data: &EntityData) -> Vec<OrgHit> {
    static CUE: OnceLock<Regex> = OnceLock::new();
    let cue = regex(
        &CUE,
        r"(?:[Dd]atenschutzbeauftragte[rn]?|[Dd]ata[ \t]+[Pp]rotection[ \t]+[Oo]fficer|DATA[ \t]+PROTECTION[ \t]+OFFICER|DATENSCHUTZBEAUFTRAGTE[RN]?|\bDPO)\b(?:[ \t]*\([^()\n]{1,20}\))?",
    );
    // Right after the title: the words that lead to the name, titles, the name.
    static AFTER: OnceLock<Regex> = OnceLock::new();
    let after = regex_from(&AFTER, || {
        format!(
            r"^(?P<link>(?:[ \t]+(?:des|der|of(?:[ \t]+the)?)[ \t]+\p{{Lu}}\p{{L}}+)?[ \t]*(?::[ \t]*(?:(?:[Ff]ür|[Ff]or)[ \t]+(?:den|die|das|the)[ \t]+\p{{Lu}}\p{{L}}+[ \t]+(?:ist|is)[ \t]+)?\n?[ \t]*|,[ \t]*|[ \t]*\n[ \t]*(?:ist|is)[ \t]+|[ \t]+(?:(?:ist|is|bei[ \t]+uns[ \t]+ist|of[ \t]+\p{{Lu}}\p{{L}}+[ \t]+is)[ \t]+)?|[ \t]+(?:erreichen[ \t]+Sie[ \t]+(?:unter|wie[ \t]+folgt)|can[ \t]+be[ \t]+(?:reached|contacted)[ \t]+(?:at|as[ \t]+follows))[ \t]*:[ \t]*\n?[ \t]*|[ \t]+(?:im[ \t]+Sinne[ \t]+(?:von|des)|gemäß|nach|pursuant[ \t]+to|under)[ \t]+Art(?:\.|ikel|icle)[ \t]*3[78][^:\n]{{0,30}}:[ \t]*\n?[ \t]*)){PERSON_NAME}\b"
        )
    });
    // Before the title: a verb of designation, the name (an apposition after it), "as our".
    static DESIGNATED: OnceLock<Regex> = OnceLock::new();
    let designated = regex_from(&DESIGNATED, || {
        format!(
            r"\b(?:designated|appointed|named|nominated|haben|hat)[ \t\n]+{PERSON_NAME}(?:[ \t]*,[^,.;]{{1,60}},)?[ \t\n]+(?:as|als|zum|zur)[ \t\n]+(?:(?:our|its|their|the|an?|unsere[nr]?|seine[nr]?|ihre[nr]?|den|die|einen|eine|externe[nrm]?|external|internal|interne[nrm]?|betriebliche[nrm]?)[ \t\n]+){{0,2}}$"
        )
    });
    // A line of its own below the title's line: titles, the name, nothing else.
    static LINE: OnceLock<Regex> = OnceLock::new();
    let line = regex_from(&LINE, || format!(r"^[ \t]*{PERSON_NAME}[ \t]*,?[ \t]*$"));
    // The line below such a name: "c/o …", an e-mail address, a street and number, a
    // postcode and town.
    static CONTACT: OnceLock<Regex> = OnceLock::new();
    let contact = regex(
        &CONTACT,
        r"^[ \t]*(?:c/o\b|\S+@\S+|.*\p{L}[ \t]+\d{1,4}[a-zA-Z]?[ \t]*,?[ \t]*$|(?:[A-Z]{1,2}-)?\d{4,5}[ \t]+\p{Lu})",
    );
    let mut out: Vec<OrgHit> = Vec::new();
    for c in cue.find_iter(text) {
        let rest = &text[c.end()..line_end(text, c.end() + PERSON_REACH)];
        let hit = after.captures(rest).and_then(|g| {
            let link = g.name("link")?.as_str().trim();
            let titled = g.name("titles").is_some_and(|t| !t.is_empty());
            // Without a salutation only after "ist", "is" or a colon: "Datenschutzbeauftragter
            // Max Mustermann" may be a heading over other words.
            let linked = link.starts_with(':')
                || link.contains(':')
                || link.ends_with("ist")
                || link.ends_with("is");
            (titled || linked).then(|| g.name("name")).flatten()
        });
        let hit = hit
            .map(|m| (c.end() + m.start(), c.end() + m.end()))
            .or_else(|| {
                // "We have designated Priya Raman, our Chief Privacy Officer, as our data
                // protection officer", "Wir haben Herrn Dr. Max Muster als externen
                // Datenschutzbeauftragten bestellt": the name the sentence designates.
                let from = floor_char(text, c.start().saturating_sub(2 * PERSON_REACH));
                let g = designated.captures(&text[from..c.start()])?;
                let m = g.name("name")?;
                Some((from + m.start(), from + m.end()))
            })
            .or_else(|| {
                // "Aoife Brennan, Data Protection Officer": the name before the title.
                let from = line_start(text, c.start());
                let (a, z) = person_before_title(&text[from..c.start()])?;
                Some((from + a, from + z))
            })
            .or_else(|| {
                // "Wir haben einen Datenschutzbeauftragten bestellt.⏎⏎Frau Anna Berger⏎c/o …":
                // the next line with words, with a salutation or above an address or contact.
                let below = full_line_end(text, c.end()) + 1;
                let from = below + text.get(below..)?.len() - text[below..].trim_start().len();
                let end = full_line_end(text, from);
                let g = line.captures(&text[from..end])?;
                let m = g.name("name")?;
                let titled = g.name("titles").is_some_and(|t| !t.is_empty());
                let next = text
                    .get(end + 1..full_line_end(text, end + 1))
                    .unwrap_or("");
                (titled || contact.is_match(next)).then(|| (from + m.start(), from + m.end()))
            });
        let Some((start, end)) = hit else { continue };
        let name = &text[start..end];
        if name.split_whitespace().any(|w| {
            let w = w.to_lowercase();
            NOT_PERSON_WORDS.contains(&w.as_str())
                || w.ends_with("institut")
                || w.ends_with("institute")
        }) {
            continue;
        }
        // "Datenschutzbeauftragter: Datenschutz Nord GmbH": an organisation.
        let rest = &text[end..line_end(text, end)];
        let form_follows = data.form_re.find(rest).is_some_and(|f| {
            let gap = &rest[..f.start()];
            gap.split_whitespace().count() <= 2 && !gap.contains([',', '('])
        });
        if form_follows || out.iter().any(|o| o.start == start) {
            continue;
        }
        out.push(OrgHit {
            start,
            end,
            name: name.split_whitespace().collect::<Vec<_>>().join(" "),
            legal_form: None,
            rule: "person",
        });
    }
    out
}

/// The name of a person written before an officer's title on its line, with a comma
/// between ("Aoife Brennan, Data Protection Officer"): its range in `head` (the text up to
/// the title).
fn person_before_title(head: &str) -> Option<(usize, usize)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = regex_from(&R, || format!(r"(?m)^[ \t]*{PERSON_NAME}[ \t]*,[ \t]*$"));
    let from = head.rfind('\n').map_or(0, |i| i + 1);
    let g = re.captures(&head[from..])?;
    let m = g.name("name")?;
    Some((from + m.start(), from + m.end()))
}

/// Salutations, academic and professional titles ("Rechtsanwalt", Austrian "Mag."), then
/// a person's name: two or three capitalised words,
/// a middle initial and a particle ("von", "van der", "Van", "Ní") allowed, a family name
/// with an apostrophe or a second capital ("O'Brien", "McDonald") too
/// ([`officer_persons`]). A line may break after a title and before the family name ("Ms
/// Rachel⏎Ainsworth").
const PERSON_NAME: &str = r"(?P<titles>(?:(?:Herrn?|Frau|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Prof\.?|iur\.|jur\.|med\.|Dipl\.-[\p{L}.]+|Rechtsanwalt|Rechtsanwältin|RA|RAin|Mag\.(?:a\.?)?|Ing\.)(?:[ \t]+|[ \t]*\n[ \t]*))*)(?P<name>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?:[ \t]+\p{Lu}\.)?(?:[ \t]+(?:[vV]on|[vV]an|[dD]e|zu|[vV]on[ \t]+der|[vV]an[ \t]+(?:der|den|de)|N[íi]|Nic|Ó))?(?:[ \t]+|[ \t]*\n[ \t]*)\p{Lu}(?:\p{Ll}+|['’]\p{Lu}\p{Ll}+)(?:\p{Lu}\p{Ll}+)?(?:-\p{Lu}\p{Ll}+)?)";

/// Bytes after an officer's title within which its name is looked for on the same line.
const PERSON_REACH: usize = 120;

/// Words that make two or three capitalised words no person's name ([`officer_persons`]),
/// lower case: "Data Protection Officer: Privacy Team", "Datenschutzbeauftragter: Externer
/// Dienstleister".
const NOT_PERSON_WORDS: &[&str] = &[
    "datenschutz",
    "privacy",
    "data",
    "protection",
    "team",
    "office",
    "legal",
    "compliance",
    "services",
    "service",
    "consulting",
    "beratung",
    "partner",
    "partners",
    "group",
    "solutions",
    "kanzlei",
    "rechtsanwälte",
    "stelle",
    "abteilung",
    "unternehmen",
    "kontakt",
    "contact",
    "e-mail",
    "email",
    "telefon",
    "phone",
    "anschrift",
    "address",
    "postanschrift",
    "herr",
    "frau",
    "externer",
    "externe",
    "interner",
    "interne",
    "sie",
    "wir",
    "unser",
    "unsere",
    "our",
    "the",
    "der",
    "die",
    "das",
    "ist",
    "is",
    "officer",
    "beauftragter",
    "bestellt",
    "general",
    "counsel",
    "chief",
    "head",
    "director",
    "manager",
    "leiter",
    "leiterin",
    "geschäftsführer",
    "geschäftsführerin",
    "vorstand",
    "gmbh",
];

/// Whether the document writes `name` in quotes somewhere ("“Google” means the Google
/// Entity that is party to the Agreement", "OVH Hosting Ltd. (“OVH”)"): a term it defines.
pub fn defined_in_quotes(text: &str, name: &str) -> bool {
    QUOTES
        .iter()
        .any(|(open, close)| text.contains(&format!("{open}{name}{close}")))
}

/// Whether the document defines `term` in quotes for something other than the organisation
/// `full_name`: a quoted `term` followed by "means" (or "shall mean", "refers to",
/// "bezeichnet") whose definition, to the end of its sentence, does not name `full_name`,
/// or a quoted `term` in brackets ("(“OVH”)") without `full_name` in the
/// [`DEFINITION_REACH`] bytes before it. "“Google” means the Google Entity that is party
/// to the Agreement" (for Google LLC) and "OVH Hosting Ltd. (“OVH”)" (for OVH SAS) do;
/// "“Basecamp” means the Basecamp entity …, being Basecamp, LLC" (for Basecamp, LLC) does
/// not. `false` when `term` is never quoted.
pub fn defined_for_other(text: &str, term: &str, full_name: &str) -> bool {
    static MEANS: OnceLock<Regex> = OnceLock::new();
    let means = regex(
        &MEANS,
        r"(?i)^[ \t]*(?:shall[ \t]+)?(?:means|mean|refers[ \t]+to|bezeichnet|meint|steht[ \t]+für)\b",
    );
    let mut other = false;
    for (open, close) in QUOTES {
        let q = format!("{open}{term}{close}");
        for (i, _) in text.match_indices(&q).take(100) {
            let end = i + q.len();
            let names = if means.is_match(&text[end..]) {
                let hi = super::text::floor_char(text, (end + DEFINITION_REACH).min(text.len()));
                let def = &text[end..hi];
                let stop = def
                    .match_indices(". ")
                    .chain(def.match_indices(".\n"))
                    .map(|(k, _)| k)
                    .min()
                    .unwrap_or(def.len());
                def[..stop].contains(full_name)
            } else {
                let lo = super::text::floor_char(text, i.saturating_sub(DEFINITION_REACH));
                text[lo..i].contains(full_name)
            };
            if names {
                return false;
            }
            other = true;
        }
    }
    other
}

/// How far from a quoted term the organisation it stands for may be named (bytes): the
/// name before "(“OVH”)", or the definition after "“Basecamp” means …".
pub const DEFINITION_REACH: usize = 300;

/// Quotes around a defined term: (opening, closing).
const QUOTES: [(char, char); 5] = [
    ('\u{201c}', '\u{201d}'),
    ('"', '"'),
    ('\u{201e}', '\u{201c}'),
    ('\'', '\''),
    ('\u{2018}', '\u{2019}'),
];

/// Fewest mentions of a brand name that [`brand_parties`] reads as a party.
pub const MIN_BRAND_MENTIONS: usize = 5;

/// Words of contract nouns and pronouns that name a role, not a party (lower case).
const GENERIC_PARTY_WORDS: [&str; 44] = [
    "customer",
    "client",
    "company",
    "provider",
    "supplier",
    "vendor",
    "contractor",
    "licensee",
    "licensor",
    "party",
    "user",
    "subscriber",
    "controller",
    "processor",
    "data",
    "exporter",
    "importer",
    "service",
    "services",
    "merchant",
    "partner",
    "member",
    "this",
    "that",
    "it",
    "each",
    "either",
    "such",
    "which",
    "who",
    "we",
    "he",
    "she",
    "der",
    "die",
    "das",
    "kunde",
    "auftraggeber",
    "auftragnehmer",
    "anbieter",
    "dienstleister",
    "verantwortliche",
    "verantwortlicher",
    "betreiber",
];

/// Whether a question heading asks who receives the data ("Who has access to the data and
/// is it shared with third parties?", "Do you disclose data to third parties?", "An wen
/// werden Ihre Daten weitergegeben?").
fn asks_who_receives(question: &str) -> bool {
    let q = question.to_lowercase();
    let words: Vec<&str> = q
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    q.contains("third part")
        || q.contains("access to")
        || q.contains("zugriff")
        || q.contains("disclose")
        || q.contains("shared with")
        || q.contains("share your")
        || q.contains("share data")
        || q.contains("weitergegeben")
        || q.contains("weitergeben")
        || q.contains("weitergabe")
        || q.contains("recipient")
        || q.contains("empfänger")
        || has("dritte")
        || has("dritten")
}

/// The country a list's introduction states for all its members ("These subprocessors are
/// all located in the United States:", "Unsere Unterauftragnehmer mit Sitz in
/// Deutschland:"), for the section `s..e` of [`list_sections`]: read from the line that
/// opened the section up to its first member (at most [`LIST_INTRO_BYTES`] before it).
/// Returns the first member's line start and the country; `None` without members, without
/// a seat cue right before a country, or when the introduction names more than one country.
pub fn list_country(
    text: &str,
    s: usize,
    e: usize,
    mentions: &[CountryMention],
) -> Option<(usize, String)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let cue = regex(
        &R,
        r"(?i)\b(?:(?:located|based|hosted|established|headquartered|domiciled)[ \t\n]+in|mit[ \t\n]+sitz[ \t\n]+in|ansässig[ \t\n]+in|(?:befinden|sitzen)[ \t\n]+sich(?:[ \t\n]+alle)?[ \t\n]+in)[ \t\n]+(?:the[ \t\n]+|den[ \t\n]+|der[ \t\n]+)?$",
    );
    let mut pos = s;
    let first = loop {
        if pos >= e {
            return None;
        }
        let le = full_line_end(text, pos).min(e);
        let t = text[pos..le].trim_start();
        if t.contains(" | ") || t.starts_with(ITEM_BULLETS) {
            break pos;
        }
        pos = le + 1;
    };
    let from = floor_char(
        text,
        line_start(text, s.saturating_sub(1)).max(first.saturating_sub(LIST_INTRO_BYTES)),
    );
    let named: Vec<&CountryMention> = mentions
        .iter()
        .filter(|m| from <= m.start && m.end <= first)
        .collect();
    let [only, ..] = named[..] else { return None };
    if named.iter().any(|m| m.code != only.code) {
        return None;
    }
    let stated = named.iter().any(|m| cue.is_match(&text[from..m.start]));
    stated.then(|| (first, only.code.clone()))
}

/// Bytes before a list's first member read as its introduction ([`list_country`]).
pub const LIST_INTRO_BYTES: usize = 400;

/// Organisations named in the first cell of table rows ("Calendly | USA | Terminbuchung")
/// or at the head of list items ("- Amazon Web Services. Cloud services provider.",
/// "- Sentry: error reporting") inside a sub-processor section, where they carry no legal
/// form; and in the rows of a table whose columns a PDF's text keeps apart by spaces
/// only ("Calendly USA Terminbuchungssystem", `spaced_row_names`).
pub fn table_rows(
    text: &str,
    sections: &[(usize, usize, &'static str)],
    mentions: &[CountryMention],
) -> Vec<OrgHit> {
    let mut out = Vec::new();
    for &(s, e, role) in sections {
        // A former or planned member is no party of the document's processing now, nor
        // one named as none.
        if role == FORMER_SECTION || role == PLANNED_SECTION || role == NOT_MEMBERS {
            continue;
        }
        if role == "subprocessor" {
            out.extend(spaced_row_names(text, s, e, mentions));
        }
        let mut pos = s;
        // A table whose header row opened the section has no further header row.
        let mut first_row = !text[line_start(text, s.saturating_sub(1))..s].contains('|');
        // The open list items above the line, outermost first: their indentation and
        // whether each is a member.
        let mut members: Vec<(usize, bool)> = Vec::new();
        while pos < e {
            let le = full_line_end(text, pos).min(e);
            let line = &text[pos..le];
            if line.contains('|') {
                let cells: Vec<&str> = line.split('|').collect();
                let lead = cells.iter().position(|c| !c.trim().is_empty());
                if let Some(i) = lead {
                    let raw = cells[i];
                    let off = pos + cells[..i].iter().map(|c| c.len() + 1).sum::<usize>();
                    let (cs, ce) = trim_span(text, off, off + raw.len(), |c| {
                        c.is_whitespace() || c == '*'
                    });
                    let cell = &text[cs..ce];
                    let rule = cell
                        .chars()
                        .all(|c| c == '-' || c == ':' || c.is_whitespace());
                    if !first_row && !rule {
                        out.extend(name_cell(text, cs, ce, mentions, "table_row"));
                    }
                    if !rule {
                        first_row = false;
                    }
                }
            } else if role == "subprocessor" && list_item_body(line).is_some() {
                // A nested list: an item below a member is one of its fields ("  -
                // Status:", "    - Planned – from …"), not a member of its own.
                let own = item_indent(line).unwrap_or(0);
                while members.last().is_some_and(|&(i, _)| i >= own) {
                    members.pop();
                }
                let inside_member = members.iter().any(|&(_, member)| member);
                let hit = list_item_lead(text, pos, le)
                    .filter(|_| !inside_member)
                    .and_then(|(cs, ce)| name_cell(text, cs, ce, mentions, "list_item"));
                members.push((own, hit.is_some()));
                out.extend(hit.filter(|_| !names_entity_below(text, le, own)));
            }
            pos = le + 1;
        }
    }
    out
}

/// The names that open the rows of a table whose columns only spaces keep apart (a
/// PDF's text of "Unterauftragnehmer | Sitz | Leistung"): in the section `s..e`, lines
/// of at most [`MAX_NAME_ITEM`] bytes that start with one to four words, then a country
/// (one of `mentions`, sorted by start) and at least one word more ("Calendly USA Terminbuchungssystem",
/// "noCRM.io Frankreich Vertriebsmanagement"). The words must read as a name
/// ([`name_cell`]), and at least [`MIN_SPACED_ROWS`] lines of the section must be such
/// rows: one line of prose that happens to look like one is no table.
fn spaced_row_names(text: &str, s: usize, e: usize, mentions: &[CountryMention]) -> Vec<OrgHit> {
    let mut rows = Vec::new();
    let mut pos = s;
    while pos < e {
        let le = full_line_end(text, pos).min(e);
        let line = &text[pos..le];
        // `mentions` is sorted by start: the line's are found by binary search.
        let first_country = mentions[mentions.partition_point(|m| m.start < pos)..]
            .iter()
            .take_while(|m| m.start < le)
            .find(|m| m.end <= le)
            .filter(|m| !text[m.end..le].trim().is_empty());
        if let Some(m) = first_country.filter(|_| {
            line.len() <= MAX_NAME_ITEM && !line.contains('|') && list_item_body(line).is_none()
        }) {
            let (cs, ce) = trim_span(text, pos, m.start, char::is_whitespace);
            let words = text[cs..ce].split_whitespace().count();
            // A place before a comma ("Falkenstein/Vogtland, Germany.", "Novi Beograd,
            // Serbia (…)") under a line ending in ':' or '-' is the wrapped rest of an
            // entry above; only spaces part a spaced table's columns.
            let above = text[..pos.saturating_sub(1)].trim_end_matches([' ', '\t']);
            let wrapped = text[cs..ce].ends_with(',') || above.ends_with([':', '-', ',']);
            if (1..=4).contains(&words) && !wrapped {
                if let Some(hit) = name_cell(text, cs, ce, mentions, "table_row") {
                    rows.push(hit);
                }
            }
        }
        pos = le + 1;
    }
    if rows.len() < MIN_SPACED_ROWS {
        rows.clear();
    }
    rows
}

/// Whether the list item ending at `le`, indented by `own`, has a field among the items
/// nested right below it that names its legal entity ("- Cohere ⏎   - Entity: Cohere
/// Inc., 171 John Street …"): that entity is the member, the item's brand is not.
fn names_entity_below(text: &str, le: usize, own: usize) -> bool {
    let mut p = le + 1;
    while p < text.len() {
        let e = full_line_end(text, p);
        let Some(i) = item_indent(&text[p..e]).filter(|&i| i > own) else {
            return false;
        };
        if i == own + 2 && entity_field_value(&text[p..e]).is_some() {
            return true;
        }
        p = e + 1;
    }
    false
}

/// Fewest rows that make a table of [`spaced_row_names`].
const MIN_SPACED_ROWS: usize = 2;

/// Bullets that start a list item line ("- " is what HTML and Markdown lists become).
const ITEM_BULLETS: [char; 5] = ['-', '*', '•', '–', '·'];

/// The head of the list item on the line `pos..le`: after its bullet, up to the first
/// sentence end (". ", not the dot of "Convert.com"), colon, dash set off by spaces,
/// bracket or comma. `None` when the line is no list item, or a long one (over
/// [`MAX_NAME_ITEM`] bytes: prose, not an entry of a list of names), or when the head
/// begins with a function word ("For Backpack, at https://…").
fn list_item_lead(text: &str, pos: usize, le: usize) -> Option<(usize, usize)> {
    let line = &text[pos..le];
    let rest = list_item_body(line)?;
    if rest.len() > MAX_NAME_ITEM {
        return None;
    }
    let from = le - rest.len();
    let item = &text[from..le];
    let mut end = item.len();
    for sep in [". ", ": ", " – ", " — ", " - ", " (", ", ", "\t"] {
        if let Some(i) = item.find(sep) {
            end = end.min(i);
        }
    }
    if item.ends_with(['.', ':']) {
        end = end.min(item.len() - 1);
    }
    let (cs, ce) = trim_span(text, from, from + end, |c| {
        c.is_whitespace() || c == '*' || c == '_'
    });
    let first = text[cs..ce].split_whitespace().next()?.to_lowercase();
    (!ITEM_FUNCTION_WORDS.contains(&first.as_str())).then_some((cs, ce))
}

/// Whether `line` is a numbered member of a list ("1. Hetzner Online GmbH, Industriestr.
/// 25, 91710 Gunzenhausen – Hosting", "2. Amazon Web Services EMEA SARL – Backup"), not a
/// numbered heading: after "1." or "1)" its text holds a comma and a digit (an address),
/// or begins with an organisation's name ([`names_organisation_first`]), as a section's
/// title does not ("4. Pflichten des Auftraggebers").
fn numbered_member(line: &str) -> bool {
    crate::matchers::text::numbered_item_body(line).is_some_and(|body| {
        (body.contains(", ") && body.bytes().any(|b| b.is_ascii_digit()))
            || (body.len() <= MAX_NAME_ITEM && names_organisation_first(body))
    })
}

/// Most lines below a numbered table row that [`numbered_row_member`] reads for a name
/// wrapped by a narrow cell.
const ROW_NAME_LINES: usize = 2;

/// Whether the line `line`, ending at `le`, is a table row a PDF's text opens with its
/// number, a dot or not ("2 Sahyadri CX Services Private Limited", "5 Google Cloud⏎EMEA⏎
/// Limited", "7 Bosphorus Çağrı⏎Merkezi A.Ş."): the number, then capitalised words and a
/// legal form on the line or, wrapped, ending one of the next [`ROW_NAME_LINES`] short
/// lines.
fn numbered_row_member(text: &str, line: &str, le: usize, data: &EntityData) -> bool {
    let Some(body) = after_row_number(line) else {
        return false;
    };
    // On the row's own line the name may go on to the next cell ("4 Salesforce, Inc.
    // Salesforce Tower,"); wrapped, it ends the last line or its address follows in the
    // cell after a comma ("1 Amazon Web Services⏎EMEA SARL, 38 Avenue").
    let names = |s: &str, own_line: bool| {
        data.form_re.find_iter(s).any(|m| {
            (own_line || m.end() == s.len() || s[m.end()..].starts_with(','))
                && m.start() > 0
                && s[..m.start()]
                    .split_whitespace()
                    .all(|w| w.starts_with(char::is_uppercase) || w == "&")
        })
    };
    let mut joined = body.trim().to_string();
    let mut p = le + 1;
    for below in 0..=ROW_NAME_LINES {
        if names(&joined, below == 0) {
            return true;
        }
        if below == ROW_NAME_LINES || p >= text.len() {
            break;
        }
        let e = full_line_end(text, p);
        let next = text[p..e].trim();
        if next.is_empty() || next.len() > CELL_ADDRESS_LINE_BYTES {
            break;
        }
        joined.push(' ');
        joined.push_str(next);
        p = e + 1;
    }
    false
}

/// Whether `item` begins with an organisation's name: the words before its first
/// separator (" – ", ": ", " (", ", " …) are capitalised names, joined at most by "&",
/// "and", "und", "of", and end in a legal form ("Amazon Web Services EMEA SARL – Backup",
/// "Personio SE & Co. KG"), where a title has lower-case words ("Pflichten der Muster GmbH").
fn names_organisation_first(item: &str) -> bool {
    let end = [" – ", " — ", " - ", ": ", " (", ", ", "\t"]
        .iter()
        .filter_map(|sep| item.find(sep))
        .min()
        .unwrap_or(item.len());
    let words: Vec<&str> = item[..end].split_whitespace().collect();
    let [first, .., last] = words[..] else {
        return false;
    };
    first != last
        && crate::matchers::country::is_legal_form(last)
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || ["&", "and", "und", "of"].contains(w)
        })
}

/// The text of a list item line after its bullet and the space after it; `None` when the
/// line does not start with a bullet ([`ITEM_BULLETS`]) and a space.
fn list_item_body(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix(ITEM_BULLETS)?;
    rest.starts_with([' ', '\t']).then_some(rest)
}

/// Longest list item (bytes after the bullet) whose head is read as a name.
const MAX_NAME_ITEM: usize = 160;

/// Words that begin a list item that is a sentence or a reference, not a name (lower case).
const ITEM_FUNCTION_WORDS: [&str; 38] = [
    "for", "für", "the", "die", "der", "das", "den", "dem", "all", "alle", "our", "unsere",
    "unser", "see", "siehe", "with", "mit", "in", "im", "at", "by", "bei", "von", "to", "zur",
    "zum", "no", "keine", "if", "wenn", "this", "these", "diese", "each", "art", "nr", "abs",
    "ziff",
];

/// Endings of German abstract nouns (lower case): a list item or cell ending in one names
/// an activity or a property ("Verarbeitung", "Besprechungszusammenfassung"), not an
/// organisation.
const ABSTRACT_SUFFIXES: [&str; 4] = ["ung", "ungen", "keit", "heit"];

/// Words that head a table or a list item as a label, not as an organisation's name.
const LABEL_CELLS: [&str; 34] = [
    "garantie",
    "garantien",
    "integration",
    "safeguard",
    "safeguards",
    "mechanism",
    "name",
    "firma",
    "company",
    "anbieter",
    "dienstleister",
    "provider",
    "service",
    "entity",
    "vendor",
    "zweck",
    "purpose",
    "leistung",
    "standort",
    "location",
    "sitz",
    "hosting",
    "note",
    "notes",
    "hinweis",
    "anmerkung",
    "status",
    "where",
    "role",
    "rolle",
    "data",
    "daten",
    "country",
    "land",
];

/// The organisation named by the cell `cs..ce` (a table's first cell, a list item's head),
/// or `None` when the cell is a header or label, a country, holds a postcode ("Sofia 1113 -
/// Bulgaria") or running words ("TAM functions"), or does not look like a name (1-5 words,
/// the first capitalised or camel-cased like "hCaptcha", at most 60 bytes).
fn name_cell(
    text: &str,
    cs: usize,
    ce: usize,
    mentions: &[CountryMention],
    rule: &'static str,
) -> Option<OrgHit> {
    let cell = &text[cs..ce];
    let nwords = cell.split_whitespace().count();
    let lower = cell.to_lowercase();
    // The last word, or the last part of a compound ("Kalender-Integration").
    let last = lower.rsplit([' ', '-']).next().unwrap_or("");
    let label = role_re().is_match(cell)
        || LABEL_CELLS.contains(&lower.as_str())
        || LABEL_CELLS.contains(&last)
        // A German abstract noun ("Verarbeitung", "KI-Transkription und
        // Besprechungszusammenfassung") names an activity, not an organisation.
        || ABSTRACT_SUFFIXES.iter().any(|x| last.len() > x.len() + 3 && last.ends_with(x));
    let is_country = mentions.iter().any(|m| m.start < ce && cs < m.end);
    // "A4", "B3": a row's number in a list of sections, no name ("D9D" is one).
    let row_number = {
        let digits = cell.trim_start_matches(|c: char| c.is_ascii_alphabetic());
        cell.len() - digits.len() <= 1
            && (1..=3).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
    };
    let has_number = cell.chars().filter(char::is_ascii_digit).count() >= 3 || row_number;
    let running_words = nwords > 1
        && cell.split_whitespace().skip(1).any(|w| {
            w.starts_with(|c: char| c.is_lowercase())
                && !["of", "and", "und", "de", "du", "des", "der", "for", "für"].contains(&w)
        });
    let first = cell.split_whitespace().next().unwrap_or("");
    let capitalised = first.starts_with(char::is_uppercase)
        || (first.starts_with(char::is_lowercase) && first.chars().skip(1).any(char::is_uppercase));
    // "EU-U.S. DPF; SCCs", "EU (Ireland); access": a word cut before a country, in a
    // PDF's table of columns kept apart by spaces, is no name; nor is a label ("Affiliate:
    // UK merchant support").
    let cut = cell.ends_with(['-', '(', '/', '&', ':']);
    // "Helpdesk for UK sites": a name ends in no connecting word.
    let dangling = nwords > 1
        && cell
            .split_whitespace()
            .next_back()
            .is_some_and(|w| CONNECTORS.contains(&w) || ["for", "für", "in", "at"].contains(&w));
    let good = !label
        && !cut
        && !dangling
        && !is_country
        && !has_number
        && !running_words
        && (1..=5).contains(&nwords)
        && capitalised
        && cell.chars().any(|c| c.is_alphabetic())
        && cell.len() <= 60;
    good.then(|| OrgHit {
        start: cs,
        end: ce,
        name: collapse(cell),
        legal_form: None,
        rule,
    })
}

/// A table column that states where each row's organisation has its seat ("Corporate
/// Location", "Sitz"), as opposed to where it processes data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeatColumn {
    /// Start byte offset of the table's first row (its header).
    pub start: usize,
    /// End byte offset of its last row.
    pub end: usize,
    /// The column's cell index ([`cell_index`]).
    pub column: usize,
}

/// Header cells that name an organisation's seat (lower case; contained in the cell).
/// German headers say "Sitz", "Firmensitz", "Hauptsitz", "Sitzland": see [`is_seat_header`].
const SEAT_HEADERS: &[&str] = &[
    "corporate location",
    "corporate seat",
    "corporate domicile",
    "headquarter",
    "registered office",
    "registered seat",
    "registered address",
    "country of incorporation",
    "place of incorporation",
    "jurisdiction of incorporation",
    "company seat",
    "hauptniederlassung",
];

/// Whether a table header cell names the organisation's seat ([`SEAT_HEADERS`], or a
/// German word starting or ending with "sitz", but "Besitz").
fn is_seat_header(cell: &str) -> bool {
    let lower = cell.to_lowercase();
    SEAT_HEADERS.iter().any(|h| lower.contains(h))
        || lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.starts_with("sitz") || (w.ends_with("sitz") && !w.ends_with("besitz")))
}

/// The tables of `text` (runs of lines split into the same number, at least 2, of cells
/// at `|`) whose first row has a seat column ("Corporate Location", "Sitz"), in text order.
pub fn seat_columns(text: &str) -> Vec<SeatColumn> {
    columns_headed(text, |cell, row| {
        is_seat_header(cell) || (is_country_header(cell) && names_processing_place(row))
    })
}

/// A header cell "Country" ("Land"): the organisation's seat when another column of the
/// row holds the place of processing ("Sub-processor | Purpose | Country | Data location").
fn is_country_header(cell: &str) -> bool {
    let lower = cell.trim().trim_matches(['*', '_']).to_lowercase();
    ["country", "land", "staat"].contains(&lower.as_str())
}

/// Whether a header row has a column of processing places ([`processing_columns`]), or
/// of a location ("Location", "Standort").
fn names_processing_place(row: &str) -> bool {
    row.split('|').any(|cell| {
        let lower = cell.trim().trim_matches(['*', '_']).to_lowercase();
        crate::matchers::location::PROCESSING_HEADINGS.contains(&lower.as_str())
            || ["location", "standort", "data location"].contains(&lower.as_str())
    })
}

/// The tables of `text` whose first row has a column of processing places ("Location of
/// processing", "Serverstandort") or of transfer mechanisms ("Transfer safeguard": "EU-US
/// Data Privacy Framework (Google LLC)"), in text order, as [`SeatColumn`]s: a country
/// there is no seat ([`country_after`]).
pub fn processing_columns(text: &str) -> Vec<SeatColumn> {
    let lower = |cell: &str| cell.trim().trim_matches(['*', '_']).to_lowercase();
    let mut out = columns_headed(text, |cell, _| {
        crate::matchers::location::PROCESSING_HEADINGS.contains(&lower(cell).as_str())
    });
    out.extend(columns_headed(text, |cell, _| {
        super::mechanism::names_mechanism(&lower(cell))
    }));
    out.sort_by_key(|t| (t.start, t.column));
    out
}

/// The tables of `text` (runs of lines split into the same number, at least 2, of cells
/// at `|`) whose first row has a cell for which `is_header(cell, row)` holds, with that
/// cell's column, in text order.
fn columns_headed(text: &str, is_header: impl Fn(&str, &str) -> bool) -> Vec<SeatColumn> {
    let mut out = Vec::new();
    // The table being read: (its first row's start, cells per row, seat column).
    let mut table: Option<(usize, usize, Option<usize>)> = None;
    let mut prev_end = 0;
    let mut pos = 0;
    while pos <= text.len() {
        let le = full_line_end(text, pos);
        let cells = cell_count(text, pos, le);
        let same = table.is_some_and(|(_, n, _)| n == cells);
        if !same {
            if let Some((start, _, Some(column))) = table.take() {
                out.push(SeatColumn {
                    start,
                    end: prev_end,
                    column,
                });
            }
            table = (cells >= 2).then(|| {
                let column = (0..cells).find(|&k| {
                    cell_span(text, pos, le, k)
                        .is_some_and(|(a, b)| is_header(&text[a..b], &text[pos..le]))
                });
                (pos, cells, column)
            });
        }
        prev_end = le;
        pos = le + 1;
    }
    if let Some((start, _, Some(column))) = table {
        out.push(SeatColumn {
            start,
            end: prev_end,
            column,
        });
    }
    out
}

/// Most bytes of an inline address without a postcode between a name and the country
/// that ends it ([`inline_address_country`]).
const INLINE_ADDRESS_REACH: usize = 160;

/// The country ending an inline address without a postcode right after a name, on its
/// line: "Stripe Payments Europe, Ltd., 1 Grand Canal Street Lower, Dublin, Irland." Two to
/// four comma-separated parts of at most 50 bytes each, one of them with a digit (the house
/// number: "University of Oslo, Norway" is no address), then the country and the end of the
/// clause. `le` is the end of the line.
fn inline_address_country<'a>(
    text: &str,
    pos: usize,
    le: usize,
    mentions: &'a [CountryMention],
) -> Option<&'a CountryMention> {
    let rest = text[pos..le].trim_start_matches([' ', '\t']);
    if !rest.starts_with(',') {
        return None;
    }
    let hi = (pos + INLINE_ADDRESS_REACH).min(le);
    let k = mentions.partition_point(|c| c.start <= pos);
    let c = mentions[k..].first().filter(|c| c.end <= hi)?;
    let parts: Vec<&str> = text[pos..c.start]
        .trim()
        .strip_prefix(',')?
        .trim_end()
        .strip_suffix(',')?
        .split(',')
        .map(str::trim)
        .collect();
    let fits = (2..=4).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 50 && !p.contains(['(', ')', ':', ';']))
        && parts
            .iter()
            .any(|p| p.contains(|ch: char| ch.is_ascii_digit()));
    let ends = text[c.end..]
        .chars()
        .next()
        .is_none_or(|ch| matches!(ch, '.' | ',' | ';' | ')' | '\n' | '\r'));
    (fits && ends).then_some(c)
}

/// The country paired with a name in a table row that names several organisations and
/// as many countries, each split at " / " ("Google Ireland Limited / Google LLC | Ireland
/// / United States"): the country in the same place of the seat cell `seat_cell`, or
/// without one of the first cell after the name's that holds countries. `pos` is the end
/// of the name, `(ls, le)` its row.
fn paired_country<'m>(
    text: &str,
    pos: usize,
    (ls, le): (usize, usize),
    seat_cell: Option<(usize, usize)>,
    mentions: &'m [CountryMention],
) -> Option<&'m CountryMention> {
    let k = cell_index(text, pos.saturating_sub(1))?;
    let (ns, ne) = cell_span(text, ls, le, k)?;
    let names = text[ns..ne].split(" / ").count();
    if names < 2 || pos > ne {
        return None;
    }
    let place = text[ns..pos].matches(" / ").count();
    let (cs, ce) = seat_cell.or_else(|| {
        (k + 1..cell_count(text, ls, le))
            .filter_map(|j| cell_span(text, ls, le, j))
            .find(|&(a, b)| mentions.iter().any(|c| c.start >= a && c.end <= b))
    })?;
    let parts: Vec<&str> = text[cs..ce].split(" / ").collect();
    if parts.len() != names {
        return None;
    }
    let from = cs + parts[..place].iter().map(|p| p.len() + 3).sum::<usize>();
    let to = from + parts[place].len();
    let mut inside = mentions.iter().filter(|c| c.start >= from && c.end <= to);
    let first = inside.next()?;
    inside.next().is_none().then_some(first)
}

/// Most comma-separated parts of an address between a company's name and its country
/// that [`country_after`] reads past.
const ADDRESS_PARTS: usize = 6;

/// A country stated for a mention right after it: "Mailjet SAS in Frankreich", "(USA)",
/// "mit Sitz in Irland", a country cell in the same table row (in the table's seat column
/// when it has one, see [`seat_columns`]), the country ending an inline address without a
/// postcode ("…, 1 Grand Canal Street Lower, Dublin, Irland."), or a line holding only a country;
/// for a name with a legal form (`has_form`), a country after a comma that ends the line or
/// a clause ("Twilio Inc., USA"), also after at most six parts of an address
/// ("…, Cebu City 6000, Philippines (\"Lingoria PH\")").
pub fn country_after(
    text: &str,
    pos: usize,
    mentions: &[CountryMention],
    seats: &[SeatColumn],
    processing: &[SeatColumn],
    has_form: bool,
    data: &EntityData,
) -> Option<(String, usize, usize)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &R,
        r"(?i)^[ \t]*,?[ \t]*(?:\(|mit[ \t]+Sitz[ \t]+in|with[ \t]+(?:its[ \t]+)?(?:registered[ \t]+)?(?:seat|office|headquarters)[ \t]+in|(?:(?:is|are)[ \t]+)?(?:based|headquartered|located|incorporated|registered)[ \t]+in|sitzt[ \t]+in|ansässig[ \t]+in|in|aus|from)[ \t]*(?:the[ \t]+|den[ \t]+|der[ \t]+)?",
    );
    if let Some(m) = re.find(&text[pos..]) {
        let at = pos + m.end();
        if let Some(c) = mentions.iter().find(|c| c.start == at) {
            return Some((c.code.clone(), c.start, c.end));
        }
    }
    // "… routing through Twilio Inc., USA⏎": a company's country after a comma, ending
    // the line or a clause (not an affiliation: "University of Oslo, Norway"); a state or
    // a city may stand between ("eine Tochtergesellschaft der Cloudnest Inc., Delaware,
    // USA"), or an address the address rules do not read ("Lingoria Tutors Philippines,
    // Inc., 6th Floor, Skyrise 4, Cebu IT Park, Lahug, Cebu City 6000, Philippines
    // (\"Lingoria PH\")": at most six parts, each with a digit or of capitalised words).
    if has_form {
        static COMMA: OnceLock<Regex> = OnceLock::new();
        static PART: OnceLock<Regex> = OnceLock::new();
        let comma = regex(&COMMA, r"^[ \t]*,[ \t]*");
        // A part holds a digit ("6th Floor", "Cebu City 6000") or is one to four
        // capitalised words ("Cebu IT Park", "Delaware"): not "University of Oslo".
        let part = regex(
            &PART,
            r"^(?:[^,.;:\n()]*\d[^,.;:\n()]*|\p{Lu}[\p{L}\p{N}.'’&-]*(?:[ \t]+\p{Lu}[\p{L}\p{N}.'’&-]*){0,3}[ \t]*),[ \t]*",
        );
        let ends = |c: &CountryMention| {
            let rest = text[c.end..line_end(text, c.end)].trim_start();
            rest.is_empty() || rest.starts_with(['.', ',', ';', ')', '('])
        };
        let mut at = comma.find(&text[pos..]).map(|m| pos + m.end());
        for _ in 0..=ADDRESS_PARTS {
            let Some(a) = at else { break };
            if let Some(c) = mentions.iter().find(|c| c.start == a && ends(c)) {
                return Some((c.code.clone(), c.start, c.end));
            }
            at = part.find(&text[a..]).map(|m| a + m.end());
        }
    }
    // "Gulfcoast Geodata Inc. (St. Petersburg, USA)": a city and a country in brackets
    // right after the name, the bracket closing after the country.
    static CITY: OnceLock<Regex> = OnceLock::new();
    let city = regex(&CITY, r"^[ \t]*\([ \t]*\p{Lu}[\p{L}.'’ -]{1,30},[ \t]*");
    if let Some(m) = city.find(&text[pos..]) {
        let at = pos + m.end();
        if let Some(c) = mentions
            .iter()
            .find(|c| c.start == at && text[c.end..].trim_start().starts_with(')'))
        {
            return Some((c.code.clone(), c.start, c.end));
        }
    }
    // The country right after the name on its line, as in a table whose columns a PDF's
    // text runs together ("HelpScout Inc. USA Kundenservice- und"). Not after a comma:
    // "University of Oslo, Norway" is an affiliation in a paper's author list.
    let gap = text[pos..]
        .find(|c: char| !matches!(c, ' ' | '\t'))
        .unwrap_or(text.len() - pos);
    if gap > 0 {
        if let Some(c) = mentions.iter().find(|c| c.start == pos + gap) {
            return Some((c.code.clone(), c.start, c.end));
        }
    }
    let (ls, le) = (line_start(text, pos), line_end(text, pos));
    if text[ls..le].contains('|') {
        // A row below a "Corporate Location" header: the country in that column, not the
        // first one of the row (which may be where the organisation processes data).
        // Only for a name left of that column: one named in a later cell ("Zugriff durch
        // … der Freshworks Technologies Private Limited, Chennai (Indien)") is not the
        // row's organisation.
        let seat_cell = seats
            .iter()
            .find(|t| t.start < ls && ls <= t.end)
            .and_then(|t| cell_span(text, ls, le, t.column))
            .filter(|&(a, _)| pos <= a);
        if let Some(c) = paired_country(text, pos, (ls, le), seat_cell, mentions) {
            return Some((c.code.clone(), c.start, c.end));
        }
        let seat =
            seat_cell.and_then(|(a, b)| mentions.iter().find(|c| c.start >= a && c.end <= b));
        if let Some(c) = seat {
            return Some((c.code.clone(), c.start, c.end));
        }
        // A seat cell holding only a country's code ("| Sitz |" over "| LU |").
        if let Some(found) = seat_cell.and_then(|(a, b)| iso_code_cell(text, a, b)) {
            return Some(found);
        }
        // Not one under "Location of processing": Amazon Web Services, Inc. hosting in
        // Germany has its seat in the US.
        // Nor one under a transfer mechanism's header ("EU-US Data Privacy Framework").
        let processing_cells: Vec<(usize, usize)> = processing
            .iter()
            .filter(|t| t.start < ls && ls <= t.end)
            .filter_map(|t| cell_span(text, ls, le, t.column))
            .collect();
        // A name inside that column ("Zugriff durch … der Freshworks Technologies Private
        // Limited, Chennai (Indien)"): the country after it in that cell.
        let own_cell =
            cell_index(text, pos.saturating_sub(1)).and_then(|k| cell_span(text, ls, le, k));
        let own_processing = processing_cells
            .iter()
            .copied()
            .find(|pc| own_cell == Some(*pc));
        if let Some((_, b)) = own_processing {
            if let Some(c) = mentions.iter().find(|c| c.start >= pos && c.end <= b) {
                return Some((c.code.clone(), c.start, c.end));
            }
        }
        // A later cell's country in brackets after another company's legal form names that
        // one's ("| Google Ireland Limited, Dublin | … | Übermittlung an Google LLC (USA):
        // DPF |").
        let others = |c: &CountryMention| {
            let later_cell = own_cell.is_some_and(|(_, b)| c.start > b);
            let lo = floor_char(text, c.start.saturating_sub(40));
            let head = text[lo..c.start].trim_end_matches([' ', '\t']);
            let after_form = head.strip_suffix('(').is_some_and(|h| {
                let h = h.trim_end_matches([' ', '\t']);
                data.form_re.find_iter(h).any(|m| m.end() == h.len())
            });
            later_cell && after_form
        };
        if let Some(c) = mentions.iter().find(|c| {
            c.start >= pos
                && c.end <= le
                && !processing_cells
                    .iter()
                    .any(|&(a, b)| c.start >= a && c.end <= b)
                && !others(c)
        }) {
            return Some((c.code.clone(), c.start, c.end));
        }
    }
    if let Some(c) = inline_address_country(text, pos, le, mentions) {
        return Some((c.code.clone(), c.start, c.end));
    }
    if text[pos..le].trim().is_empty() {
        return country_below(text, le, mentions)
            .map(|c| (c.code.clone(), c.start, c.end))
            .or_else(|| seat_below(text, le, mentions, data));
    }
    None
}

/// The country of a seat that a labelled field in the block below a name gives
/// ("### A.3 Kranichfeld Holding AG ⏎ Sitz: Zug", a Markdown definition list's "Sitz ⏎
/// Zug", "Registered office: Luxembourg"): a country, or a city of one country only in
/// the city gazetteer. `le` is the end of the name's line; only the first block of lines
/// below it is read (a blank line ends it), at most [`SEAT_LINES`] lines.
fn seat_below(
    text: &str,
    le: usize,
    mentions: &[CountryMention],
    data: &EntityData,
) -> Option<(String, usize, usize)> {
    let mut p = le + 1;
    let mut seen = 0;
    let mut scope = EntryScope::at(text, le);
    // A label alone on its line: its value is the next line.
    let mut label_above = false;
    while p < text.len() && seen < SEAT_LINES {
        let e = line_end(text, p);
        if scope.ends_at(&text[p..e]) {
            return None;
        }
        let (a, b) = trim_span(text, p, e, |c| c.is_whitespace() || c == '|' || c == '*');
        // A nested list's field: "  - Sitz: Zug".
        let a = if text[a..b].starts_with("- ") {
            a + 2
        } else {
            a
        };
        // A line the scan cut off (no '\n' within its reach) ends the block.
        if text.as_bytes().get(e).is_some_and(|&c| c != b'\n') {
            return None;
        }
        p = e + 1;
        if a == b {
            if seen > 0 {
                return None;
            }
            continue;
        }
        seen += 1;
        let line = &text[a..b];
        let value = if label_above {
            Some((a, line))
        } else {
            let (label, rest) = line.split_once(':').unwrap_or((line, ""));
            if !is_seat_label(label.trim()) {
                continue;
            }
            let rest_start = b - rest.len();
            let (va, vb) = trim_span(text, rest_start, b, char::is_whitespace);
            if va == vb {
                label_above = true;
                continue;
            }
            Some((va, &text[va..vb]))
        };
        let (va, v) = value?;
        let v = v.trim_end_matches(['.', ',', ';']);
        let vb = va + v.len();
        if let Some(c) = mentions.iter().find(|c| c.start == va && c.end == vb) {
            return Some((c.code.clone(), c.start, c.end));
        }
        // A city of one country (the gazetteer may list a city twice).
        return match data.city_countries(v) {
            [first, rest @ ..] if rest.iter().all(|c| c == first) => Some((first.clone(), va, vb)),
            _ => None,
        };
    }
    None
}

/// Lines of the block below a name that [`seat_below`] reads.
const SEAT_LINES: usize = 8;

/// Whether `label` (a field's label, without its colon) names a company's seat: a short
/// seat header ([`is_seat_header`]: "Sitz", "Firmensitz", "Registered office") or "Seat",
/// "Head office", "Domicile".
fn is_seat_label(label: &str) -> bool {
    label.split_whitespace().count() <= SEAT_LABEL_WORDS
        && (is_seat_header(label)
            || ["seat", "head office", "domicile"].contains(&label.to_lowercase().as_str()))
}

/// Most words of a seat field's label ([`is_seat_label`]).
const SEAT_LABEL_WORDS: usize = 4;

/// The country a table cell `a..b` names by its ISO code alone ("LU", "UK" for GB): the
/// code, and where it stands.
fn iso_code_cell(text: &str, a: usize, b: usize) -> Option<(String, usize, usize)> {
    let cell = text[a..b].trim_matches(|c: char| c == '|' || c.is_whitespace());
    // A flag before the code or alone ("🇮🇪 IE", "🇨🇭"): two regional indicator symbols.
    let letter = |c: char| {
        let k = (c as u32).checked_sub(0x1F1E6).filter(|k| *k < 26)?;
        char::from_u32(u32::from(b'A') + k)
    };
    let mut chars = cell.chars();
    let flag = match (chars.next().and_then(letter), chars.next().and_then(letter)) {
        (Some(x), Some(y)) => Some(format!("{x}{y}")),
        _ => None,
    };
    let (cell, flag) = match flag {
        Some(code) => {
            let flag_bytes = cell.chars().take(2).map(char::len_utf8).sum::<usize>();
            let rest = cell[flag_bytes..].trim();
            if rest.is_empty() {
                let at = a + text[a..b].find(cell)?;
                let known = code == "GB" || crate::analyze::value::country_name(&code).is_some();
                return known.then(|| (code, at, at + flag_bytes));
            }
            (rest, Some(code))
        }
        None => (cell, None),
    };
    if flag
        .as_deref()
        .is_some_and(|f| f != cell && !(f == "GB" && cell == "UK"))
    {
        return None;
    }
    let valid = cell.len() == 2
        && cell.bytes().all(|c| c.is_ascii_uppercase())
        && cell != "EU"
        && (cell == "UK" || crate::analyze::value::country_name(cell).is_some());
    if !valid {
        return None;
    }
    let at = a + text[a..b].find(cell)?;
    let code = if cell == "UK" { "GB" } else { cell };
    Some((code.to_string(), at, at + 2))
}

/// Most lines of a narrow table cell's address below a name ([`country_below`]).
const CELL_ADDRESS_LINES: usize = 5;

/// Longest line of a narrow table cell's address, in bytes ([`country_below`]).
const CELL_ADDRESS_LINE_BYTES: usize = 40;

/// The country below a name that ends its line at `le`: the next non-blank line holding
/// only a country ("HelpScout Inc.⏎USA"), or the country that ends the address a narrow
/// table cell wraps below the name ("Kalayaan Support⏎Services Inc.⏎18th Floor, 6750
/// Ayala⏎Avenue, Makati City⏎1226, Metro Manila,⏎Philippines"): up to
/// [`CELL_ADDRESS_LINES`] short lines right below, without brackets or colons, with a
/// digit, the last one the country alone or after a comma.
fn country_below<'m>(
    text: &str,
    le: usize,
    mentions: &'m [CountryMention],
) -> Option<&'m CountryMention> {
    let mut p = le + 1;
    let mut first = true;
    let mut digit = false;
    for _ in 0..CELL_ADDRESS_LINES + 2 {
        if p >= text.len() {
            break;
        }
        let e = line_end(text, p);
        let (a, b) = trim_span(text, p, e, |c| c.is_whitespace() || c == '|' || c == '*');
        if a == b {
            // Blank lines may stand only before the first line.
            if !first {
                return None;
            }
            p = e + 1;
            continue;
        }
        let line = &text[a..b];
        let k = mentions.partition_point(|c| c.start < a);
        let country = mentions[k..].iter().take_while(|c| c.start < b).find(|c| {
            if c.end > b {
                return false;
            }
            let tail = text[c.end..b].trim_end_matches(['.', ',']);
            tail.is_empty() && (c.start == a || text[a..c.start].trim_end().ends_with(','))
        });
        if let Some(c) = country {
            let alone = c.start == a;
            return (alone && first || digit && !first).then_some(c);
        }
        if line.len() > CELL_ADDRESS_LINE_BYTES || line.contains(['(', ')', ':', ';']) {
            return None;
        }
        digit |= line.contains(|c: char| c.is_ascii_digit());
        first = false;
        p = e + 1;
    }
    None
}

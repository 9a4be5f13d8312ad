//! Who and where: organisations (parties) with their roles, and postal addresses.
//!
//! [`find_entities`] turns a document's text into `party` and `address` findings (anchored on
//! legal-form hits, public-body names and postcode hits, so the cost is linear in the text);
//! [`build_parties`] merges those findings into the contract's `parties[]`: one entry per
//! organisation, with its roles, defined short name resolved, address and country attached.
//! The gazetteers are data ([`EntityData`], parsed from `patterns/*.csv`).

use serde_json::json;

use crate::extract::Extracted;
use crate::findings::{Finding, FindingKind};

pub mod address;
mod build;
pub mod data;
pub mod date;
pub mod mechanism;
pub mod party;
pub mod text;

pub(crate) use build::party_key;
pub use build::{build_parties, hosts_are_subprocessors, speaker_is_controller};
pub use data::EntityData;

/// A country gazetteer hit, as the country matcher found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryMention {
    /// Start byte offset into the normalized text.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// ISO 3166-1 alpha-2, upper case.
    pub code: String,
}

/// Pronouns a defined term may list besides the short name ("Mailgun", "we", "us").
const PRONOUNS: &[&str] = &[
    "we", "us", "our", "ours", "wir", "uns", "unser", "unsere", "you", "your", "sie", "ihr",
];

/// Pronouns by which a document's author refers to itself: the organisation defined as
/// "we" or "us" speaks (in a privacy policy, the controller).
const FIRST_PERSON: &[&str] = &["we", "us", "our", "wir", "uns"];

/// Whether the organisation at `start` is named as the speaker: "We, New Work SE, assume
/// …", "contact us (Mozilla Corporation)", "Wir, die Muster GmbH, …".
fn speaker_before(text: &str, start: usize) -> bool {
    let lo = text::floor_char(text, start.saturating_sub(12));
    let before = text[lo..start].to_lowercase();
    let before = before.trim_end_matches([' ', '\t']);
    let word_end = |w: &str| {
        before.strip_suffix(w).is_some_and(|rest| {
            rest.chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        })
    };
    ["we,", "wir,", "us (", "uns (", "wir, die", "wir, der"]
        .iter()
        .any(|w| word_end(w) || word_end(w.trim_end()))
}

/// Openings of a sentence in which a privacy policy names whose policy it is: "This policy
/// applies to all products built and maintained by 37signals LLC", "This Privacy Notice
/// describes how Acme Inc. collects …", "Diese Datenschutzerklärung informiert über die
/// Verarbeitung durch die Muster GmbH".
const POLICY_OPENINGS: &[&str] = &[
    "this privacy policy",
    "this privacy notice",
    "this privacy statement",
    "this policy",
    "this notice",
    "diese datenschutzerklärung",
    "diese datenschutzhinweise",
    "diese datenschutzinformation",
];

/// Words right before the issuer's name in such a sentence ("… maintained by", "…
/// describes how", "… durch die").
const POLICY_ISSUER_CUES: &[&str] = &[
    "by",
    "by the",
    "how",
    "durch",
    "durch die",
    "der",
    "von der",
];

/// Most bytes from the start of such a sentence to the issuer's name.
const POLICY_ISSUER_REACH: usize = 240;

/// Whether the organisation at `start` is the first one named in a sentence that opens
/// with "This privacy policy …" and names it as the one whose policy it is ("… by X",
/// "… describes how X …"): the policy's speaker. `prev_end` is where the previous
/// organisation ends.
fn policy_issuer_before(text: &str, start: usize, prev_end: usize) -> bool {
    let s = crate::matchers::text::sentence_start(text, start);
    if start - s > POLICY_ISSUER_REACH || (prev_end > s && prev_end <= start) {
        return false;
    }
    let before = text[s..start].to_lowercase();
    let before = before.trim_start_matches(['#', ' ']).trim_end();
    POLICY_OPENINGS.iter().any(|o| before.starts_with(o))
        && POLICY_ISSUER_CUES.iter().any(|c| {
            before
                .strip_suffix(c)
                .is_some_and(|rest| rest.ends_with(' '))
        })
}

/// The role a defined short name gives its organisation ("Auftragnehmer" → processor,
/// "Customer" → controller).
pub(crate) fn role_of_term(term: &str) -> Option<&'static str> {
    let t = term.trim().to_lowercase();
    if t.split_whitespace().count() > 3 {
        return None;
    }
    match t.trim_start_matches("the ") {
        "customer" | "kunde" | "kundin" | "client" => Some("controller"),
        "supplier" | "vendor" | "service provider" | "dienstleister" => Some("processor"),
        _ => party::role_of(&t),
    }
}

/// How far after a name an inline address may reach before a role cue ("…, als Auftragsverarbeiter"), in bytes.
const INLINE_ADDRESS_BYTES: usize = 160;

/// Finds `party` and `address` findings in `doc`. `country_mentions` are the country gazetteer's
/// hits (used to read "…, Belgien" after an address and "Mailjet SAS in Frankreich").
/// Findings have an empty `id`; the caller numbers them after merging all stages.
/// A definition after an inline address on the same line: "X Limited, 12 Harcourt
/// Street, Dublin 2, Ireland (the "Controller")". Looks at each "(" up to the end of
/// the line, the next organisation and [`INLINE_ADDRESS_BYTES`].
/// End of the line holding `pos`, looking at most `max` bytes ahead (so that text
/// without line breaks stays linear).
fn line_end_within(text: &str, pos: usize, max: usize) -> usize {
    let lim = crate::entities::text::floor_char(text, (pos + max).min(text.len()));
    text[pos..lim].find('\n').map_or(lim, |k| pos + k)
}

/// End of the paragraph holding `pos` (a blank line), looking at most `max` bytes
/// ahead: PDF text breaks lines inside sentences.
fn paragraph_end_within(text: &str, pos: usize, max: usize) -> usize {
    let lim = crate::entities::text::floor_char(text, (pos + max).min(text.len()));
    text[pos..lim].find("\n\n").map_or(lim, |k| pos + k)
}

/// Start of the line holding `pos`, looking at most `max` bytes back.
fn line_start_within(text: &str, pos: usize, max: usize) -> usize {
    let lo = crate::entities::text::floor_char(text, pos.saturating_sub(max));
    text[lo..pos].rfind('\n').map_or(lo, |k| lo + k + 1)
}

/// Most words of a name's fragment, before its legal form, that [`join_provider_head`]
/// completes ("Canada, Inc.", "EMEA SARL").
const FRAGMENT_WORDS: usize = 3;

/// A name whose head a wrapped table cell left alone on the line above: "Amazon Web
/// Services⏎Canada, Inc." is "Amazon Web Services Canada, Inc.", "Amazon Web
/// Services⏎EMEA SARL" is "Amazon Web Services EMEA SARL". Only when the line above is
/// a provider's mention and nothing else (but a table row's number), that line begins
/// with its company's name ("Amazon Web Services" of Amazon Web Services, Inc.; not
/// "Mailchimp" above "The Rocket Science Group LLC"), and the name on the line is a short
/// fragment that does not repeat the head ("Zendesk⏎Zendesk, Inc." stays).
fn join_provider_head(
    text: &str,
    o: &mut party::OrgHit,
    providers: &[ProviderSeat],
    data: &EntityData,
) {
    if o.rule == "person" || o.start == 0 {
        return;
    }
    let ls = line_start_within(text, o.start, 200);
    if ls == 0 || !text[ls..o.start].trim().is_empty() {
        return;
    }
    let above_end = ls - 1;
    let above_start = line_start_within(text, above_end, 200);
    // A table row's number before the head ("1 Amazon Web Services⏎EMEA SARL, 38 Avenue").
    let above = text[above_start..above_end].trim();
    let above = party::after_row_number(above).map_or(above, str::trim);
    let Some(p) = providers
        .iter()
        .find(|p| above_start <= p.start && p.end <= above_end && text[p.start..p.end] == *above)
    else {
        return;
    };
    let stem = p
        .company
        .trim_start_matches("The ")
        .split([',', ' '])
        .take_while(|w| !w.is_empty() && data.form_of_variant(w).is_none())
        .collect::<Vec<_>>()
        .join(" ");
    let head_word = above.split_whitespace().next().unwrap_or_default();
    let rest = o
        .legal_form
        .as_deref()
        .and_then(|f| o.name.strip_suffix(f))
        .unwrap_or(&o.name);
    let fragment =
        rest.split_whitespace().count() <= FRAGMENT_WORDS && !o.name.starts_with(head_word);
    if !stem.is_empty() && above.starts_with(&stem) && fragment {
        o.name = format!("{above} {}", o.name);
        o.start = p.start;
    }
}

/// Most words at the end of the line above that [`join_wrapped_head`] tries as a name's
/// head.
const WRAPPED_HEAD_WORDS: usize = 3;

/// A name at the start of a line whose head ends the line above, in hard-wrapped prose:
/// "… der Meta⏎Platforms, Inc." is "Meta Platforms, Inc.", "… die Meta Platforms⏎Ireland
/// Limited" is "Meta Platforms Ireland Limited". Only when the joined name is `known`: the
/// name of another mention in the document or the company of a provider it names.
fn join_wrapped_head(text: &str, o: &mut party::OrgHit, known: &std::collections::HashSet<String>) {
    let ls = line_start_within(text, o.start, 200);
    if o.rule == "person"
        || o.legal_form.is_none()
        || ls == 0
        || !text[ls..o.start].trim().is_empty()
        || known.is_empty()
    {
        return;
    }
    let above_end = ls - 1;
    let above_start = line_start_within(text, above_end, 200);
    let above = text[above_start..above_end].trim_end();
    let mut head_start = above.len();
    for _ in 0..WRAPPED_HEAD_WORDS {
        let rest = above[..head_start].trim_end();
        head_start = match rest.rfind([' ', '\t']) {
            Some(space) => space + 1,
            // The line above is the head alone ("Meta⏎Platforms, Inc.").
            None if !rest.is_empty() => 0,
            None => break,
        };
        // "(Meta⏎Platforms, Inc. bzw. Google LLC)": not the bracket.
        let head = above[head_start..].trim_start_matches([' ', '\t', '(', '"', '„', '“', '»']);
        let head_start_here = above.len() - head.len();
        if !head.starts_with(char::is_uppercase) {
            continue;
        }
        let joined = format!("{head} {}", o.name);
        if known.contains(&joined) {
            o.name = joined;
            o.start = above_start + head_start_here;
            return;
        }
    }
}

/// Words that name no company before a legal form alone ("Operations Limited", "Services
/// Inc."): the tail of a name whose head a wrapped table cell put on the line above
/// ([`join_country_fragment`]).
const FRAGMENT_HEADS: [&str; 8] = [
    "Operations",
    "Services",
    "Support",
    "Solutions",
    "Technologies",
    "Holdings",
    "International",
    "Europe",
];

/// Most words of the line above that [`join_country_fragment`] takes as a name's head.
const HEAD_WORDS: usize = 4;

/// A name of only a country (or a word of [`FRAGMENT_HEADS`]) and a legal form at the start
/// of a line, whose head a wrapped table cell left alone on the line above: "Nordlicht
/// Software⏎Deutschland GmbH" is "Nordlicht Software Deutschland GmbH" ("Deutschland GmbH"
/// names no company). Only when
/// the line above is one to [`HEAD_WORDS`] capitalised words (or "&") without a digit,
/// punctuation at its end or a role's name ("Unterauftragnehmer"), and not a country alone
/// ("Microsoft Ireland⏎Operations Limited" joins, "Frankreich⏎Deutschland GmbH" does not).
fn join_country_fragment(text: &str, o: &mut party::OrgHit, mentions: &[CountryMention]) {
    let Some(form) = o.legal_form.as_deref() else {
        return;
    };
    let ls = line_start_within(text, o.start, 200);
    if o.rule == "person"
        || ls == 0
        || !text[ls..o.start].trim().is_empty()
        || o.name.len() != o.end - o.start
    {
        return;
    }
    let head_end = o.start
        + o.name
            .strip_suffix(form)
            .unwrap_or(&o.name)
            .trim_end()
            .len();
    // `mentions` is sorted by start: the name's first word's is found by binary search.
    let only_country = mentions[mentions.partition_point(|m| m.start < o.start)..]
        .iter()
        .take_while(|m| m.start == o.start)
        .any(|m| {
            text.get(m.end..head_end)
                .is_some_and(|gap| gap.trim().is_empty())
        });
    // "Microsoft Ireland⏎Operations Limited", "Kalayaan Support⏎Services Inc."; a
    // country also read as a given name is none of the mentions ("Corvina Analytics⏎India
    // Private Limited").
    let generic = text.get(o.start..head_end).is_some_and(|head| {
        FRAGMENT_HEADS.contains(&head.trim())
            || crate::matchers::country::PERSON_NAMES.contains(&head.trim())
    });
    let above_end = ls - 1;
    let mut above_start = line_start_within(text, above_end, 200);
    // A table row's number before the head ("5 Google Cloud⏎EMEA⏎Limited"): the head
    // opens the row's name cell, whatever the tail that ends its own line ("7 Bosphorus
    // Çağrı⏎Merkezi A.Ş.").
    // The cell's address may follow after a comma ("5 Apple Distribution⏎International
    // Ltd.,⏎Hollyhill").
    let row = party::after_row_number(&text[above_start..above_end]).filter(|_| {
        let rest = text[o.end..line_end_within(text, o.end, 200)].trim();
        rest.is_empty() || rest == ","
    });
    if !only_country && !generic && row.is_none() {
        return;
    }
    if let Some(rest) = row {
        above_start = above_end - rest.len();
    }
    let above = text[above_start..above_end].trim();
    // "14. ABOUT US⏎Ofek Language Apps Ltd.": a numbered section's title, not a row.
    if SECTION_TITLES.contains(&above.to_lowercase().as_str()) {
        return;
    }
    let words: Vec<&str> = above.split_whitespace().collect();
    let head = (1..=HEAD_WORDS).contains(&words.len())
        && words.iter().all(|w| {
            *w == "&"
                || (w.starts_with(char::is_uppercase)
                    && w.chars().all(|c| c.is_alphabetic() || c == '-'))
        })
        && !party::role_re().is_match(above)
        && !mentions[mentions.partition_point(|m| m.start < above_start)..]
            .iter()
            .take_while(|m| m.start < above_end)
            .any(|m| text[m.start..m.end] == *above);
    if head {
        let start = above_end - text[above_start..above_end].trim_start().len();
        o.name = format!("{above} {}", o.name);
        o.start = start;
    }
}

/// A page number glued to a footer name by PDF extraction ("1Pentacode AG • …"):
/// up to three digits directly before a capitalised word are not part of the name
/// ("1&1 IONOS SE" and "3M Company" keep theirs).
fn strip_glued_page_number(o: &mut party::OrgHit) {
    let digits = o.name.bytes().take_while(u8::is_ascii_digit).count();
    let mut rest = o.name[digits..].chars();
    let glued = (1..=3).contains(&digits)
        && rest.next().is_some_and(char::is_uppercase)
        && rest.next().is_some_and(char::is_lowercase);
    if glued && o.name.len() == o.end - o.start {
        o.name = o.name[digits..].to_string();
        o.start += digits;
    }
}

fn defined_terms_inline(
    text: &str,
    end: usize,
    next_org: Option<usize>,
) -> Option<(usize, Vec<String>)> {
    // After a seat's introduction (", a company registered in England and Wales …, whose
    // registered office is at 20 Farringdon Road, …, United Kingdom ("Brightwave")") the
    // address starts later, and the words of the introduction are no clause.
    let near =
        crate::entities::text::floor_char(text, (end + INLINE_ADDRESS_BYTES).min(text.len()));
    let seat = crate::entities::text::seat_intro_end(&text[end..near]);
    // The register and the representatives are part of the party's description
    // ("…, eingetragen im Handelsregister des Amtsgerichts Osnabrück unter HRB 20771,
    // vertreten durch die Geschäftsführerin Frau Ilka Okonek – nachfolgend …"): they
    // lengthen the reach, and their words do not count as a clause's (below).
    let wide = crate::entities::text::floor_char(
        text,
        (end + 2 * INLINE_ADDRESS_BYTES + seat.unwrap_or(0)).min(text.len()),
    );
    let mut described = party::register_and_representatives(&text[end..wide]);
    let mut reach = INLINE_ADDRESS_BYTES + seat.unwrap_or(0);
    for &(a, z) in &described {
        if a <= reach {
            reach += z - a;
        }
    }
    let para_end = paragraph_end_within(text, end, reach);
    let mut limit =
        crate::entities::text::floor_char(text, para_end.min(next_org.unwrap_or(text.len())));
    // A line that introduces another party ("zwischen dem Kunden von …") ends the reach.
    let mut line = end;
    while let Some(k) = text[line..limit].find('\n') {
        line += k + 1;
        if party::introduces_party(&text[line..limit]) {
            limit = line;
            break;
        }
    }
    let window = &text[end..limit];
    let lower = window.to_lowercase();
    let mut starts: Vec<usize> = window.match_indices('(').map(|(k, _)| k).collect();
    if lower.len() == window.len() {
        for intro in ["nachfolgend", "nachstehend", "hereinafter", "im folgenden"] {
            starts.extend(lower.match_indices(intro).map(|(k, _)| k));
        }
    }
    starts.sort_unstable();
    // Only across an address ("…, 12 Harcourt Street, Dublin 2, Ireland (the
    // "Controller")"), not across a clause ("…, processes as the Data Controller when you
    // use the services (collectively, "Services")").
    described.retain(|&(_, z)| z <= window.len());
    let lower_words = |k: usize| {
        let from = seat.filter(|&s| s <= k).unwrap_or(0);
        window[from..k]
            .split_whitespace()
            .filter(|w| w.starts_with(char::is_lowercase))
            .filter(|w| {
                let at = w.as_ptr() as usize - window.as_ptr() as usize;
                !described.iter().any(|&(a, z)| a <= at && at < z)
            })
            .count()
    };
    starts
        .into_iter()
        .filter(|&k| lower_words(k) <= 3)
        .find_map(|k| {
            party::defined_terms_at(text, end + k, false).or_else(|| {
                // Right after the name a bracketed role is a role only (`role_after`);
                // on a later line it may be a label ("Rolle (Verantwortlicher/…): …").
                let before = &window[..k];
                let after_address =
                    !before.trim_matches([' ', '\t', ',']).is_empty() && !before.contains('\n');
                after_address.then(|| bracketed_party_role(text, end + k))?
            })
        })
}

/// A contract party's role in brackets, unquoted, as its defined short name: "…,
/// Musterstraße 1, 10115 Berlin (Auftraggeber)", "…, Austin, TX 78701 (Processor)". Only
/// the roles of the contract's two sides (controller, processor: "Auftragnehmer",
/// "Kunde", "the Supplier"), in words of letters; `pos` is at the "(".
fn bracketed_party_role(text: &str, pos: usize) -> Option<(usize, Vec<String>)> {
    let rest = text.get(pos..)?.strip_prefix('(')?;
    let close = rest.find(')')?;
    let body = rest[..close].trim();
    let term = body.strip_prefix("the ").unwrap_or(body);
    let capitalised = term.starts_with(char::is_uppercase);
    let side = matches!(role_of_term(body), Some("controller" | "processor"));
    // Each word capitalised: "(Controller to Processor)" names an SCC module.
    let words = term
        .split(' ')
        .all(|w| w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic));
    (capitalised && side && words).then(|| (pos + 1 + close + 1, vec![term.to_string()]))
}

/// The country a company's name holds ("Google Ireland Limited", "SAP Deutschland SE",
/// "Hetzner Finland Oy"): the one country mention inside the name, if the legal form is
/// used there (when the form names its countries; "EU" admits any member state), or else
/// the country of a city in brackets in the name ("Kazehana Technology (Shenzhen) Co.,
/// Ltd.", a city of one country in the gazetteer). Only for names with a legal form:
/// "University of Georgia" is in the US.
fn name_country(
    o: &party::OrgHit,
    mentions: &[CountryMention],
    form: Option<&data::LegalForm>,
    data: &EntityData,
) -> Option<String> {
    let form = form?;
    let mut inside = mentions
        .iter()
        .filter(|m| o.start <= m.start && m.end <= o.end)
        .map(|m| m.code.as_str());
    let bracketed_city = || {
        let (_, rest) = o.name.split_once('(')?;
        let (city, _) = rest.split_once(')')?;
        match data.city_countries(city.trim()) {
            [one] => Some(one.as_str()),
            _ => None,
        }
    };
    let code = inside.next().or_else(bracketed_city)?;
    if inside.any(|c| c != code) {
        return None;
    }
    let fits = form.countries.is_empty()
        || form
            .countries
            .iter()
            .any(|c| c == code || (c == "EU" && in_eu_eea(code)));
    fits.then(|| code.to_string())
}

/// Whether `code` is an EU or EEA member (where an SE may have its seat; no adequacy
/// decision needed).
fn in_eu_eea(code: &str) -> bool {
    use crate::report::CountryStatus;
    matches!(
        crate::analyze::value::status_of(code, &[]),
        CountryStatus::Eu | CountryStatus::Eea
    )
}

/// The country of a legal form used in one country only ("B.V." → NL, "Oy" → FI,
/// "LLC" → US); none for forms of several ("GmbH", "Ltd", "Inc.") or of the EU ("SE").
fn form_country(form: &data::LegalForm) -> Option<String> {
    match form.countries.as_slice() {
        [one] if one != "EU" => Some(one.clone()),
        _ => None,
    }
}

pub fn find_entities(
    doc: &Extracted,
    country_mentions: &[CountryMention],
    data: &EntityData,
) -> Vec<Finding> {
    find_entities_with(doc, country_mentions, data, &[])
}

/// A provider the document names, as the provider gazetteer knows it: its legal entity
/// ("Mailgun Technologies, Inc.") and the jurisdiction of it or its parent (ISO code), with
/// where the mention stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderSeat {
    /// The legal entity.
    pub company: String,
    /// ISO 3166-1 alpha-2, upper case.
    pub jurisdiction: String,
    /// Start byte offset of the mention ("Hetzner") in the normalized text.
    pub start: usize,
    /// End byte offset of the mention (exclusive).
    pub end: usize,
    /// Whether the document says it does not use the provider there (the hit's
    /// `value.negated`): under a negation, or as one removed or planned (such hits are
    /// negated too).
    pub negated: bool,
}

/// The country of a party that is a provider's legal entity by name ("Stripe, Inc." in a
/// sub-processor list), if its legal form is used there: the gazetteer's jurisdiction may
/// be a parent's ("Sendinblue GmbH": FR), which a GmbH is not.
fn provider_country(
    o: &party::OrgHit,
    form: Option<&data::LegalForm>,
    providers: &[ProviderSeat],
) -> Option<String> {
    let form = form?;
    let key = build::party_key(&o.name, o.legal_form.as_deref());
    let p = providers
        .iter()
        .find(|p| build::party_key(&p.company, None) == key)?;
    let fits = form.countries.contains(&p.jurisdiction)
        || form.countries.iter().any(|c| c == "EU") && in_eu_eea(&p.jurisdiction);
    fits.then(|| p.jurisdiction.clone())
}

/// The country stated for the whole list `o` is a member of (`lists`: first member's line
/// start, section end, country; [`party::list_country`]), unless `o`'s line names another
/// country ("- Nordwind Mail GmbH, Berlin, Germany" under "all located in the US");
/// `mentions` sorted by start.
fn list_country<'a>(
    text: &str,
    o: &party::OrgHit,
    lists: &'a [(usize, usize, String)],
    mentions: &[CountryMention],
) -> Option<&'a str> {
    let (_, _, cc) = lists
        .iter()
        .find(|(first, e, _)| *first <= o.start && o.start < *e)?;
    let (ls, le) = (
        text::line_start(text, o.start),
        text::full_line_end(text, o.end),
    );
    // `mentions` are sorted by start.
    let from = mentions.partition_point(|m| m.start < ls);
    let other = mentions[from..]
        .iter()
        .take_while(|m| m.start < le)
        .any(|m| m.end <= le && m.code != *cc);
    (!other).then_some(cc.as_str())
}

/// [`find_entities`], with the providers the gazetteer found in the document (a party
/// that is one of their legal entities may take its country from there).
pub fn find_entities_with(
    doc: &Extracted,
    country_mentions: &[CountryMention],
    data: &EntityData,
    providers: &[ProviderSeat],
) -> Vec<Finding> {
    let text = doc.text.as_str();
    let mut mentions: Vec<CountryMention> = country_mentions
        .iter()
        .filter(|m| {
            m.start < m.end
                && m.end <= text.len()
                && text.is_char_boundary(m.start)
                && text.is_char_boundary(m.end)
        })
        .cloned()
        .collect();
    mentions.sort_by_key(|m| (m.start, m.end));
    let lang = text::guess_language(text);
    let sections = party::list_sections(text, data);
    // Per section with a country stated for all its members: (first member, end, country).
    let list_countries: Vec<(usize, usize, String)> = sections
        .iter()
        .filter_map(|&(s, e, _)| {
            party::list_country(text, s, e, &mentions).map(|(first, cc)| (first, e, cc))
        })
        .collect();
    let seats = party::seat_columns(text);
    let processing = party::processing_columns(text);

    let mut orgs = party::find_orgs(text, data);
    for o in &mut orgs {
        strip_glued_page_number(o);
        join_provider_head(text, o, providers, data);
        join_country_fragment(text, o, &mentions);
    }
    // Names whose head a hard line break cut off complete to a name found elsewhere.
    let known: std::collections::HashSet<String> = orgs
        .iter()
        .map(|o| o.name.clone())
        .chain(providers.iter().map(|p| p.company.clone()))
        .collect();
    for o in &mut orgs {
        join_wrapped_head(text, o, &known);
    }
    let brands = party::brand_parties(text, &orgs);
    orgs.extend(brands);
    orgs.sort_by_key(|o| (o.start, o.end));
    let header = party::header_parties(text, &orgs);
    orgs.extend(header);
    // A person's name inside an organisation's ("Bird & Bird DPO Services SRL") is none.
    let persons: Vec<party::OrgHit> = party::officer_persons(text, data)
        .into_iter()
        .filter(|p| !orgs.iter().any(|o| o.start < p.end && p.start < o.end))
        .collect();
    orgs.extend(persons);
    for row in party::table_rows(text, &sections, &mentions) {
        // A row whose cells name an organisation with its legal form ("Zendesk |
        // Zendesk, Inc., 989 Market Street …") is that organisation, not a second one.
        let line_start = line_start_within(text, row.start, 2000);
        let line_end = line_end_within(text, row.end, 2000);
        if !orgs
            .iter()
            .any(|o| o.start < line_end && line_start < o.end)
        {
            orgs.push(row);
        }
    }
    orgs.sort_by_key(|o| (o.start, o.end));
    orgs.retain(|o| !party::in_bank_details(text, o));

    // Country mentions outside the names: the "Ireland" of "WooCommerce Ireland Ltd." is no
    // country stated for another organisation in its row.
    let outside: Vec<CountryMention> = mentions
        .iter()
        .filter(|m| {
            let k = orgs.partition_point(|o| o.start <= m.start);
            !(k > 0 && orgs[k - 1].end >= m.end)
        })
        .cloned()
        .collect();
    // Per organisation, the last one of the list it opens or continues ("A GmbH, B AG und
    // die C SE"): on one line, joined only by commas and [`party::LIST_JOINERS`].
    let mut list_end: Vec<usize> = (0..orgs.len()).collect();
    for i in (0..orgs.len().saturating_sub(1)).rev() {
        let gap = text
            .get(orgs[i].end..orgs[i + 1].start)
            .unwrap_or("x")
            .trim_matches([' ', '\t', ',']);
        if party::LIST_JOINERS.contains(&gap)
            && orgs[i].end <= orgs[i + 1].start
            && !text[orgs[i].end..orgs[i + 1].start].contains('\n')
        {
            list_end[i] = list_end[i + 1];
        }
    }
    // "Both service providers are … controllers": the role of the only two organisations
    // named before it in its paragraph (role, statement start, statement end).
    let mut both: Vec<Option<(&'static str, usize, usize)>> = vec![None; orgs.len()];
    for (r, cs, ce) in party::both_statements(text) {
        let para = text[..cs].rfind("\n\n").map_or(0, |k| k + 2);
        let from = para.max(cs.saturating_sub(party::BOTH_REACH));
        let named: Vec<usize> = (0..orgs.len())
            .filter(|&i| orgs[i].start >= from && orgs[i].end <= cs)
            .collect();
        let mut names: Vec<&str> = named.iter().map(|&i| orgs[i].name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        if names.len() == 2 {
            for i in named {
                both[i] = Some((r, cs, ce));
            }
        }
    }
    // "These three companies … are joint controllers": the role of as many organisations
    // named just before it, in its paragraph or the one before (a list of them).
    for (n, r, cs, ce) in party::counted_statements(text) {
        let para = text[..cs].rfind("\n\n").map_or(0, |k| k + 2);
        let para = text[..para].trim_end().rfind("\n\n").map_or(0, |k| k + 2);
        let from = para.max(cs.saturating_sub(party::BOTH_REACH));
        let named: Vec<usize> = (0..orgs.len())
            .filter(|&i| orgs[i].start >= from && orgs[i].end <= cs && orgs[i].rule != "person")
            .collect();
        let mut names: Vec<&str> = named.iter().map(|&i| orgs[i].name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        if names.len() == n {
            for i in named {
                both[i] = both[i].or(Some((r, cs, ce)));
            }
        }
    }
    // Roles stated for numbered parties by reference ("Die unter 1. genannte Partei …"),
    // and the numbers whose first organisation was seen (the party; a later list's "1." is
    // not).
    let numbered = party::numbered_party_references(text);
    let mut numbers_seen: Vec<u32> = Vec::new();
    let mut out: Vec<Finding> = Vec::new();
    let mut prev_end = 0;
    // The role of a list introduced by "the following sub-processors:" (role, cue start,
    // end of its sentence), while its sentence lasts.
    let mut introduced: Option<(&'static str, usize, usize)> = None;
    let mut short_names: Vec<(String, usize, usize)> = Vec::new(); // (term, org index, after)
    let running = running_lines(text);
    // The block of a contract party in the header, while it lasts: the definition
    // line's start (organisations before it inside the block take no definition from
    // below it).
    let mut block_until = 0;
    // The date the document speaks as of, read once a start date asks for it.
    let mut reference = None;
    for (i, o) in orgs.iter().enumerate() {
        let block = party::block_definition(text, o.start, o.end);
        let inside_block = o.start < block_until;
        if let Some((line, _, _)) = &block {
            block_until = *line;
        }
        let def = match block {
            Some((_, e, terms)) => Some((e, terms)),
            None => party::defined_terms_after(text, o.end)
                .or_else(|| {
                    (!inside_block)
                        .then(|| party::defined_terms_below(text, o.end))
                        .flatten()
                })
                .or_else(|| {
                    // Not the block's own definition line: that is the block's first
                    // organisation's, not its general partner's.
                    defined_terms_inline(text, o.end, orgs.get(i + 1).map(|n| n.start))
                        .filter(|(e, _)| !inside_block || *e <= block_until)
                })
                .or_else(|| {
                    party::numbered_paragraph_definition(
                        text,
                        o.start,
                        o.end,
                        orgs.get(i + 1).map(|n| n.start),
                    )
                }),
        };
        let after = def.as_ref().map(|d| d.0).unwrap_or(o.end);
        let defines = def.as_ref().and_then(|(_, terms)| {
            terms
                .iter()
                .find(|t| !PRONOUNS.contains(&t.to_lowercase().as_str()))
                .cloned()
        });
        let mut role: Option<&'static str> = def
            .as_ref()
            .and_then(|(_, terms)| terms.iter().find_map(|t| role_of_term(t)));
        // "| Controller ("Client") | Processor ("Contractor")" over "Legal name | Kranich
        // Logistik GmbH | Wisłosoft sp. z o.o.".
        if role.is_none() {
            role = party::column_header_role(text, o.start);
        }
        // A person is found only as the officer ([`party::officer_persons`]).
        if o.rule == "person" {
            role = Some("dpo");
        }
        let mut cue: Option<(usize, usize)> = None;
        // "1. Wärmeversorgung Nordheide GmbH & Co. KG" … "Die unter 1. genannte Partei –
        // nachstehend „Auftraggeber“ – …": the statement about the first organisation
        // numbered so, made after it.
        let number = party::party_item_number(text, o.start)
            .filter(|n| !numbers_seen.contains(n) && !numbered.is_empty());
        if let Some(n) = number {
            numbers_seen.push(n);
            if role.is_none() {
                let found = numbered.iter().find(|&&(k, s, _)| k == n && s >= o.end);
                if let Some(&(_, cs, ce)) = found {
                    if let Some(r) = party::role_in_statement(&text[cs..ce]) {
                        role = Some(r);
                        cue = Some((cs, ce));
                    }
                }
            }
        }
        if role.is_none() {
            if let Some((r, e)) =
                party::role_after(text, after).or_else(|| party::role_after(text, o.end))
            {
                role = Some(r);
                cue = Some((o.start, e));
            }
        }
        // An organisation that engages the processors is no member of their list, nor
        // labelled by the heading above it.
        let mut engages = false;
        if role.is_none() {
            if let Some((r, e)) = party::engages_processors(text, o.end) {
                engages = true;
                if let Some(r) = r {
                    role = Some(r);
                    cue = Some((o.start, e));
                }
            }
        }
        if role.is_none() {
            // "Orrery Health Technologies Ltd ("Orrery") provides … When acting as a
            // processor for a sponsor, Orrery engages the sub-processors listed below."
            let next = orgs.get(i + 1).map(|n| n.start);
            let found = defines
                .as_deref()
                .and_then(|term| short_name_engages(text, after, term, next));
            if let Some((r, e)) = found {
                engages = true;
                if let Some(r) = r {
                    role = Some(r);
                    cue = Some((o.start, e));
                }
            }
        }
        if role.is_none() {
            if let Some((r, e)) = role_after_inline(text, after, orgs.get(i + 1)) {
                role = Some(r);
                cue = Some((o.start, e));
            }
        }
        if role.is_none() && list_end[i] != i {
            // "DB Vertrieb GmbH, DB Fernverkehr AG and DB Regio AG process your data as
            // joint controllers": the role after a list is each member's.
            let j = list_end[i];
            let last = &orgs[j];
            let found = party::role_after(text, last.end)
                .or_else(|| role_after_inline(text, last.end, orgs.get(j + 1)));
            if let Some((r, e)) = found {
                role = Some(r);
                cue = Some((o.start, e));
            }
        }
        if role.is_none() {
            // "X and Y …, meaning that these two companies are processors".
            let j = list_end[i];
            let found = party::role_by_back_reference(
                text,
                orgs[j].end,
                orgs.get(j + 1).map(|n| n.start),
                j != i || (i > 0 && list_end[i - 1] == j),
            );
            if let Some((r, e)) = found {
                role = Some(r);
                cue = Some((o.start, e));
            }
        }
        if role.is_none() {
            if let Some((r, cs, ce)) = both[i] {
                role = Some(r);
                cue = Some((cs, ce));
            }
        }
        // A member of an SCC annex's list of parties has the role its own block states, or
        // none: the words above its "Name:" line are the previous member's.
        let annex_side = party::scc_annex_side(text, o.start);
        let annex_member = annex_side.is_some();
        let transfer_side = annex_side.or_else(|| {
            def.as_ref()
                .and_then(|(_, terms)| terms.iter().find_map(|t| party::transfer_side_of_term(t)))
        });
        if role.is_none() && annex_member {
            if let Some((r, _, ce)) = party::scc_annex_role(text, o.start, o.end) {
                role = Some(r);
                cue = Some((o.start, ce));
            }
        }
        if role.is_none() {
            let next_org = orgs.get(i + 1).map_or(text.len(), |n| n.start);
            let found = party::processing_agreement_with(text, o.start, o.end).or_else(|| {
                party::agreement_with_provider_named_above(text, o.start, o.end, next_org)
            });
            if let Some((r, cs, ce)) = found {
                role = Some(r);
                cue = Some((cs, ce));
            }
        }
        let mut hosting = false;
        if role.is_none() {
            if let Some((r, cs, ce)) = party::hosts_website(text, o.start, o.end) {
                role = Some(r);
                cue = Some((cs, ce));
                hosting = true;
            }
        }
        if role.is_none() {
            if let Some(cs) = party::parent_before(text, o.start) {
                role = Some("parent");
                cue = Some((cs, o.end));
            }
        }
        // A letterhead's name under a heading is the publisher's, not the heading's role.
        let letterhead = party::on_letterhead_line(text, o.start);
        if role.is_none() {
            if let Some((r, e)) = party::designated_after(text, after) {
                role = Some(r);
                cue = Some((o.start, e));
            }
        }
        // "Auftraggeber⏎Auftragnehmer⏎Café Wien … GmbH⏎Lohnkontor … GmbH": a signature
        // block's headings stacked above its names, in their order.
        if role.is_none() && !engages && !annex_member {
            if let Some((r, cs)) = party::stacked_label_role(text, o.start) {
                role = Some(r);
                cue = Some((cs, o.end));
            }
        }
        if role.is_none() && !engages && !annex_member && !letterhead {
            if let Some((r, cs)) = party::role_before(text, o.start, prev_end) {
                role = Some(r);
                cue = Some((cs, o.end));
                if party::introduces_list(text, cs, o.start) {
                    let end = crate::matchers::text::sentence_end(text, o.end);
                    introduced = Some((r, cs, end));
                }
            }
        }
        // "… engages the following subcontractors: A, …, for hosting and B, …, for
        // development.": every organisation named in the rest of the sentence.
        if let Some((r, cs, end)) = introduced {
            if o.start >= end {
                introduced = None;
            } else if role.is_none() && !engages && !annex_member {
                role = Some(r);
                cue = Some((cs, o.end));
            }
        }
        // "Formerly listed (removed as of 1 January 2024): Mailgun Technologies, Inc.", an
        // entry under "D. Nicht mehr eingesetzte Unterauftragsverarbeiter": a former
        // member of the list, of no role now.
        let section = sections
            .iter()
            .find(|(s, e, _)| *s <= o.start && o.start < *e)
            .map(|(_, _, r)| *r);
        let line_before = &text[line_start_within(text, o.start, 400)..o.start];
        let former = section == Some(party::FORMER_SECTION)
            || crate::matchers::text::after_former_label(line_before)
            || removal_before(line_before)
            || used_until_before(line_before)
            // "Bis zum 31. Dezember 2025 haben wir … den Dienst „Optiview Live“ der Optiview
            // Software Ltd. (Tel Aviv, Israel) genutzt." in a policy of 1 March 2026.
            || until_before(text, o.start, prev_end).is_some_and(|day| {
                reference
                    .get_or_insert_with(|| date::document_date(text))
                    .is_some_and(|doc| day < doc)
            })
            // "  - Ersetzt: ⏎    - Freshworks Inc., …": an item under a parent item that
            // labels what was replaced.
            || under_former_item(text, o.start)
            // "Datadog, Inc. was removed as a Sub-processor on 30 June 2024".
            || crate::matchers::provider::removed_after(
                &text[o.end..paragraph_end_within(text, o.end, 200)].to_lowercase(),
            )
            // "Der Vertrag mit der A1 Telekom Austria AG, …, ist mit 31.12.2026
            // ausgelaufen;", "Intercom R&D Unlimited Company, …, Ireland (in-app chat)
            // offboarded;".
            || ended_clause_after(text, o.end);
        // "3. Geplante Unterauftragsverarbeiter ⏎ | OpenAI Ireland Ltd | …": a member
        // not used yet, of no role now.
        // "Ankündigung geplanter Unterauftragsverarbeiter (OpenAI Ireland Ltd; …)": one
        // announced as planned.
        let below = entry_status_below(text, o.start, o.end, orgs.get(i + 1).map(|n| n.start))
            .or_else(|| status_cell(text, o.start))
            .or_else(|| dated_status_in_row(text, o.start, o.end))
            .or_else(|| ended_cell_in_row(text, o.start, o.end))
            .or_else(|| {
                // The next row's name: not one inside this row's cells ("Ireland; United
                // States⏎(Twilio Inc.)").
                let next = orgs[i + 1..]
                    .iter()
                    .take_while(|n| n.start.saturating_sub(o.end) <= FLATTENED_ROW_BYTES)
                    .find(|n| {
                        crate::matchers::text::leads_item(text, n.start)
                            && !text[line_start_within(text, n.start, 400)..n.start]
                                .trim_end()
                                .ends_with('(')
                    })
                    .or(orgs.get(i + 1))
                    .map(|n| n.start)?;
                status_ending_flattened_row(text, o.start, o.end, next)
            });
        let former = former || below == Some(EntryStatus::Former);
        // "Wir werden ab dem 1. März 2026 … die IONOS SE … einsetzen": a start in the
        // sentence before the name, in the future tense or not.
        let before = start_before(text, o.start, prev_end);
        let labelled = section == Some(party::PLANNED_SECTION)
            || crate::matchers::text::planned_label_before(line_before)
            || planned_label_after(&text[o.end..line_end_within(text, o.end, 200)])
            || below == Some(EntryStatus::Planned)
            || before.is_some_and(|(_, future)| future);
        // A start date decides against the document's own date, when it has one: one
        // passed makes a member labelled planned current ("Planned – going live 1
        // February 2027" in a list "as at 3 March 2027"), one ahead makes planned a name
        // whose own row or sentence gives it ("rapidmail GmbH, … | ab 1. Juni 2026" in an
        // amendment of 15 April 2026). Without the document's date, only a label speaks.
        let next_org = orgs.get(i + 1).map(|n| n.start);
        let start = if labelled {
            start_in_entry(text, o.end, next_org)
        } else {
            // Unlabelled, only the name's own sentence or row speaks ("T-Systems
            // International GmbH, … | voraussichtlich ab 01.07.2027", "… ist voraussichtlich
            // ab 01.07.2027 vorgesehen"), not a note below a flattened table ("Planned from
            // 1 April 2027: replacement of OpenAI …").
            let end = crate::matchers::text::sentence_end(text, o.end);
            start_in_entry(text, o.end, Some(next_org.map_or(end, |n| n.min(end))))
        }
        .or(before.map(|(day, _)| day));
        let planned = !former
            && match start {
                Some(day) => reference
                    .get_or_insert_with(|| date::document_date(text))
                    .map_or(labelled, |doc| day > doc),
                None => labelled,
            };
        if former || planned {
            role = None;
        }
        // "Lumière RH SAS, … (\"Lumière RH\", \"we\") provides …" under the list's title: the
        // list's publisher speaking, no member of its list.
        let speaker = def.as_ref().is_some_and(|(_, terms)| {
            terms
                .iter()
                .any(|t| FIRST_PERSON.contains(&t.to_lowercase().as_str()))
        });
        if role.is_none()
            && !engages
            && !annex_member
            && !letterhead
            && !speaker
            && !former
            && !planned
            && !party::on_page_marker_line(text, o.start)
            && !party::above_register_line(text, o.start)
            && !mechanism::in_mechanism_column(text, o.start)
            && !running.contains(
                text[line_start_within(text, o.start, 2000)..line_end_within(text, o.start, 2000)]
                    .trim(),
            )
        {
            // A role column's cell speaks for its row ("… | Independent controller | …")
            // over the role the list's title or introduction gives its members.
            role = section
                .filter(|r| *r != party::NOT_MEMBERS)
                .map(|r| role_cell(text, o.start).unwrap_or(r));
        }
        // "Data protection officer: Veldkamp Workforce B.V., attn. DPO, Postbus 59321": the
        // company is where the officer is written to, not the officer.
        if role == Some("dpo") && o.rule != "person" && for_attention_after(&text[o.end..]) {
            role = None;
            cue = None;
        }
        let has_form = o.legal_form.is_some();
        let stated_at =
            |pos| party::country_after(text, pos, &outside, &seats, &processing, has_form, data);
        let stated = stated_at(after).or_else(|| stated_at(o.end));
        // Stated on the name's own line ("Twilio Inc., USA"), before any address below.
        let country_inline = stated
            .as_ref()
            .is_some_and(|&(_, _, ce)| text.get(o.end..ce).is_some_and(|g| !g.contains('\n')));
        let country = stated.map(|(cc, _, _)| cc);
        let form = o
            .legal_form
            .as_deref()
            .and_then(|f| data.form_of_variant(f));
        let first_person = speaker
            || speaker_before(text, o.start)
            || policy_issuer_before(text, o.start, prev_end);
        let mut value = json!({
            "name": o.name,
            "legal_form": o.legal_form,
            "role": role,
            "defines": defines,
            "country": country,
            "name_country": name_country(o, &mentions, form, data),
            "form_country": form.and_then(form_country),
            "provider_country": provider_country(o, form, providers),
            "list_country": list_country(text, o, &list_countries, &mentions),
        });
        if first_person {
            value["first_person"] = json!(true);
        }
        if country_inline {
            value["country_inline"] = json!(true);
        }
        if hosting {
            value["hosting"] = json!(true);
        }
        if former {
            value["former"] = json!(true);
        }
        if planned {
            value["planned"] = json!(true);
        }
        // "weder die Microsoft Corporation … noch die Google LLC … eingesetzt": the legal
        // entity of a provider the document does not use. One removed is former only
        // ("Mailgun Technologies, Inc. was removed as a sub-processor").
        if !former
            && (providers
                .iter()
                .any(|p| p.negated && o.start <= p.start && p.start < o.end)
                // "Hetzner Online GmbH ist kein weiterer Auftragsverarbeiter und erhält
                // keine personenbezogenen Daten".
                || crate::matchers::provider::role_denied(text, o.start, o.end)
                // "Es werden keine Daten an die Functional Software, Inc. übertragen".
                || crate::matchers::provider::negation_governs(text, o.start)
                // "Eine Weitergabe … an die ResaleHub Ltd. …, findet nicht statt".
                || crate::matchers::provider::in_denied_subject(text, o.start, o.end))
        {
            value["not_used"] = json!(true);
        }
        if let Some(side) = transfer_side {
            value["transfer_role"] = json!(side);
        }
        if let Some(m) = mechanism::stated_for(text, o.start, o.end) {
            value["stated_mechanism"] = json!({
                "label": m.label,
                "value": m.value,
                "none": m.is_none(),
                "start": m.span.0,
                "end": m.span.1,
                "scc_modules": mechanism::scc_modules(&m.value),
            });
        }
        out.push(finding(
            doc,
            FindingKind::Party,
            format!("party.{}", o.rule),
            o.start,
            o.end,
            value.clone(),
        ));
        if let Some((def_end, _)) = &def {
            out.push(finding(
                doc,
                FindingKind::Party,
                "party.defined_term".into(),
                o.start,
                *def_end,
                value.clone(),
            ));
        }
        if let Some((cs, ce)) = cue {
            out.push(finding(
                doc,
                FindingKind::Party,
                "party.role_label".into(),
                cs,
                ce,
                value.clone(),
            ));
        }
        if let Some(d) = &defines {
            let ok = d.chars().count() >= 2
                && d.starts_with(|c: char| c.is_uppercase())
                && role_of_term(d).is_none();
            if ok {
                short_names.push((d.clone(), i, after));
            }
        }
        prev_end = o.end;
    }

    let defined: Vec<String> = short_names.iter().map(|(t, _, _)| t.clone()).collect();
    // Roles stated for a defined short name elsewhere: "GitHub is the processor of such data".
    for (term, oi, after) in short_names {
        let o = &orgs[oi];
        let mut seen: Vec<&'static str> = Vec::new();
        for (pos, _) in text[after..].match_indices(term.as_str()).take(2000) {
            let s = after + pos;
            let e = s + term.len();
            let bounded = crate::matchers::text::at_word_bounds(text, s, e);
            if !bounded || inside_org(&orgs, s) {
                continue;
            }
            let Some((r, cs, ce)) = role_of_mention(text, s, e) else {
                continue;
            };
            if seen.contains(&r) || conditional_before(text, s) {
                continue;
            }
            seen.push(r);
            out.push(role_label(doc, o, r, Some(&term), cs, ce));
        }
    }

    stem_roles(text, &orgs, &defined, doc, &mut out);
    provider_roles(text, &orgs, providers, doc, &mut out);

    for a in address::find_addresses(text, &mentions, data, lang) {
        let value = json!({
            "street": a.address.street,
            "postcode": a.address.postcode,
            "city": a.address.city,
            "region": a.address.region,
            "country": a.address.country,
            "inferred_country": a.inferred_country,
        });
        out.push(finding(
            doc,
            FindingKind::Address,
            format!("address.{}", a.rule),
            a.start,
            a.end,
            value,
        ));
    }
    out.sort_by(|a, b| (a.start, a.end, &a.rule).cmp(&(b.start, b.end, &b.rule)));
    out.dedup_by(|b, a| {
        a.start == b.start && a.end == b.end && a.rule == b.rule && a.value == b.value
    });
    out
}

/// A role after an inline address or clause: "X GmbH, Industriestr. 25, 91710
/// Gunzenhausen, als Auftragsverarbeiter", "… SE & Co. KG beauftragt, die als
/// Auftragsverarbeiter tätig werden"; a cue after one of the commas from `after` up to the
/// end of the line (or of the sentence, within [`INLINE_ADDRESS_BYTES`]) and the next
/// organisation (`next`).
fn role_after_inline(
    text: &str,
    after: usize,
    next: Option<&party::OrgHit>,
) -> Option<(&'static str, usize)> {
    let next_org = next.map_or(text.len(), |n| n.start);
    // The line's end, or the sentence's where PDF text wrapped the address ("STRATO GmbH,⏎
    // Otto-Ostrowski-Straße 7, 10249 Berlin, als⏎Auftragsverarbeiter").
    let line_end = line_end_within(text, after, INLINE_ADDRESS_BYTES).max(
        crate::matchers::text::sentence_end(text, after)
            .min(after + INLINE_ADDRESS_BYTES)
            .min(text.len()),
    );
    let limit = crate::entities::text::floor_char(text, line_end.min(next_org).max(after));
    text[after..limit]
        .match_indices(',')
        .find_map(|(k, _)| party::role_after(text, after + k))
}

/// The name of an organisation without its legal form, as running text calls it
/// ("Basecamp" for "Basecamp, LLC"): one to three words, the first capitalised, at least
/// three letters, no role word or pronoun. `None` for a name without a legal form.
fn name_stem(o: &party::OrgHit) -> Option<&str> {
    let form = o.legal_form.as_deref()?;
    let stem = o
        .name
        .strip_suffix(form)?
        .trim_end_matches([' ', '\t', ','])
        .trim();
    let words = stem.split_whitespace().count();
    let letters = stem.chars().filter(|c| c.is_alphabetic()).count();
    let ok = (1..=3).contains(&words)
        && letters >= 3
        && stem.starts_with(char::is_uppercase)
        && role_of_term(stem).is_none()
        && !PRONOUNS.contains(&stem.to_lowercase().as_str());
    ok.then_some(stem)
}

/// Roles stated for an organisation under its name without the legal form: "Customer is
/// the Controller, Basecamp is the Processor" (Basecamp's DPA names "Basecamp, LLC"
/// elsewhere). A name shared by two organisations ("Google" of "Google LLC" and of
/// "Google Inc.") is skipped; so are mentions inside an organisation's name and
/// conditional statements ("in which case Basecamp is a sub-processor"). One pass of an
/// automaton over all names.
fn stem_roles(
    text: &str,
    orgs: &[party::OrgHit],
    defined: &[String],
    doc: &Extracted,
    out: &mut Vec<Finding>,
) {
    let mut stems: Vec<(&str, usize)> = Vec::new();
    let mut shared: Vec<&str> = Vec::new();
    for (i, o) in orgs.iter().enumerate() {
        let Some(stem) = name_stem(o) else { continue };
        match stems.iter().find(|(s, _)| *s == stem) {
            Some(&(_, j)) if orgs[j].name != o.name => shared.push(stem),
            Some(_) => {}
            None => stems.push((stem, i)),
        }
    }
    // A name that is a defined short name ("OVH Hosting Ltd. (“OVH”)") is read as that,
    // as is a term the document defines for something else ("“Google” means the Google
    // Entity that is party to the Agreement", [`party::defined_for_other`]), and a name that
    // begins another organisation's ("Google" of "Google Ireland") may stand for either.
    let family = |a: &str, b: &str| begins_name(a, b) || begins_name(b, a);
    let ambiguous: Vec<&str> = stems
        .iter()
        .filter(|(a, i)| {
            defined.iter().any(|d| d == a)
                || stems.iter().any(|(b, _)| family(a, b))
                || party::defined_for_other(text, a, &orgs[*i].name)
        })
        .map(|(a, _)| *a)
        .collect();
    shared.extend(ambiguous);
    stems.retain(|(s, _)| !shared.contains(s));
    if stems.is_empty() {
        return;
    }
    let Ok(ac) = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(stems.iter().map(|(s, _)| *s))
    else {
        return;
    };
    let mut seen: Vec<(usize, &'static str)> = Vec::new();
    for m in ac.find_iter(text).take(2000) {
        let (s, e) = (m.start(), m.end());
        let oi = stems[m.pattern().as_usize()].1;
        // "dem Kunden von Nordlicht CRM (Verantwortlicher, …)": the role is the other
        // party's; a role in brackets after a bare name is too often a label of the
        // sentence, not of the name.
        let of_before = {
            let lo = text::floor_char(text, s.saturating_sub(5));
            let w = text[lo..s].to_lowercase();
            w.ends_with("von ") || w.ends_with("of ")
        };
        let bracket = text[e..].trim_start_matches([' ', '\t']).starts_with('(');
        if inside_org(orgs, s)
            || of_before
            || bracket
            || !crate::matchers::text::at_word_bounds(text, s, e)
        {
            continue;
        }
        let Some((r, cs, ce)) = role_of_mention(text, s, e) else {
            continue;
        };
        if seen.contains(&(oi, r)) || conditional_before(text, s) {
            continue;
        }
        seen.push((oi, r));
        out.push(role_label(doc, &orgs[oi], r, None, cs, ce));
    }
}

/// Roles stated for an organisation under the name of the provider whose legal entity it
/// is by the provider gazetteer: "Wir haben mit Hetzner einen Vertrag über
/// Auftragsverarbeitung geschlossen" when the document names Hetzner Online GmbH, "Stripe
/// ist Auftragsverarbeiter" when it names Stripe, Inc. A mention inside an organisation's
/// name, conditional statements and a name the document defines in quotes for something
/// else ("“Google” means the Google Entity that is party to the Agreement",
/// [`party::defined_for_other`]) or that begins another organisation's name ("Google" when
/// Google Ireland Limited is named too) are skipped; each role once per organisation.
fn provider_roles(
    text: &str,
    orgs: &[party::OrgHit],
    providers: &[ProviderSeat],
    doc: &Extracted,
    out: &mut Vec<Finding>,
) {
    let keys: Vec<String> = orgs
        .iter()
        .map(|o| build::party_key(&o.name, o.legal_form.as_deref()))
        .collect();
    let mut seen: Vec<(usize, &'static str)> = Vec::new();
    // Whether the document defines a mention in quotes for another organisation than its
    // company, by (mention, company): looked up once each.
    let mut quoted: Vec<(&str, &str, bool)> = Vec::new();
    for p in providers {
        let (s, e) = (p.start, p.end);
        let valid =
            s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e);
        if !valid || inside_org(orgs, s) || conditional_before(text, s) {
            continue;
        }
        let key = build::party_key(&p.company, None);
        let Some(oi) = keys.iter().position(|k| *k == key) else {
            continue;
        };
        let (name, company) = (&text[s..e], orgs[oi].name.as_str());
        // "Google" when the document also names Google Ireland Limited may be either.
        let shared = orgs
            .iter()
            .any(|o| o.name != company && begins_name(&o.name, name));
        if shared {
            continue;
        }
        let defined = match quoted.iter().find(|(n, c, _)| *n == name && *c == company) {
            Some(&(_, _, d)) => d,
            None => {
                let d = party::defined_for_other(text, name, company);
                quoted.push((name, company, d));
                d
            }
        };
        if defined {
            continue;
        }
        let Some((r, cs, ce)) = role_of_mention(text, s, e) else {
            continue;
        };
        if !seen.contains(&(oi, r)) {
            seen.push((oi, r));
            out.push(role_label(doc, &orgs[oi], r, None, cs, ce));
        }
    }
}

/// The role stated for an organisation mentioned at `s..e` under a short name: right after
/// the mention ("Basecamp is the Processor") or a processing agreement made with it
/// ([`party::processing_agreement_with`]). Returns (role, cue start, cue end).
fn role_of_mention(text: &str, s: usize, e: usize) -> Option<(&'static str, usize, usize)> {
    party::role_after(text, e)
        .map(|(r, ce)| (r, s, ce))
        .or_else(|| party::processing_agreement_with(text, s, e))
}

/// Whether the name `long` begins with the whole words of `short` ("Google Ireland" and
/// "Google, Inc." begin with "Google"; "Googleplex" does not).
fn begins_name(long: &str, short: &str) -> bool {
    long.len() > short.len()
        && long.starts_with(short)
        && !long[short.len()..].starts_with(char::is_alphanumeric)
}

/// Whether `pos` lies inside the name of one of `orgs` (sorted by start).
fn inside_org(orgs: &[party::OrgHit], pos: usize) -> bool {
    let k = orgs.partition_point(|x| x.start <= pos);
    k > 0 && orgs[k - 1].end > pos
}

/// A `party.role_label` finding over `start..end`: the role `role` stated for `o` under
/// another name (`defines`: its defined short name, `None` for its name without the legal
/// form).
fn role_label(
    doc: &Extracted,
    o: &party::OrgHit,
    role: &'static str,
    defines: Option<&str>,
    start: usize,
    end: usize,
) -> Finding {
    let value = json!({
        "name": o.name,
        "legal_form": o.legal_form,
        "role": role,
        "defines": defines,
        "country": null,
    });
    finding(
        doc,
        FindingKind::Party,
        "party.role_label".into(),
        start,
        end,
        value,
    )
}

/// The lines that repeat as a running header or footer of a text copied from a PDF: at
/// least [`RUNNING_MIN_BYTES`] bytes long and found [`RUNNING_MIN_TIMES`] times or more,
/// trimmed ("Noordhaven Retail B.V. / Sankhya Digital Services Pvt. Ltd. DPA incl. SCC
/// Module 2" on every page). An organisation named there belongs to no list it
/// interrupts.
fn running_lines(text: &str) -> std::collections::HashSet<&str> {
    let mut counts: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    for line in text.lines() {
        let line = line.trim();
        if line.len() >= RUNNING_MIN_BYTES {
            *counts.entry(line).or_insert(0) += 1;
        }
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= RUNNING_MIN_TIMES)
        .map(|(l, _)| l)
        .collect()
}

/// Shortest line [`running_lines`] takes, in bytes.
const RUNNING_MIN_BYTES: usize = 20;

/// Fewest repeats of a line [`running_lines`] takes.
const RUNNING_MIN_TIMES: u32 = 3;

/// Most bytes after a name within which [`planned_label_after`] looks for its label.
const PLANNED_AFTER_BYTES: usize = 80;

/// Whether the rest of a change log's entry after a name (up to a ';' or a table's '|')
/// labels it planned in brackets or as added: "Ankündigung Hetzner Online GmbH und
/// Pipedrive OÜ (geplant); Aufnahme …", "#11 Microsoft Ireland Operations Limited added
/// as planned sub-processor (from 1 March 2027)".
fn planned_label_after(after: &str) -> bool {
    let entry = after.split([';', '|']).next().unwrap_or_default();
    let entry = &entry[..text::floor_char(entry, PLANNED_AFTER_BYTES.min(entry.len()))];
    let lower = entry.to_lowercase();
    // "Added Deepgram, Inc. (effective from 15 January 2027)": a start date in brackets
    // right after the name.
    let bracket = lower.trim_start();
    let dated_start = [
        "(effective from ",
        "(from ",
        "(ab ",
        "(wirksam ab ",
        "(geplant ab ",
    ]
    .iter()
    .find_map(|p| bracket.strip_prefix(p))
    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    // "Twilio Ireland Limited will be engaged from 1 November 2025": the name's own
    // clause says its use begins later.
    let begins_later = [
        "will be engaged",
        "will be added",
        "will be onboarded",
        "will go live",
        "is expected to go live",
        "is scheduled to go live",
    ]
    .iter()
    .any(|p| bracket.starts_with(p));
    dated_start
        || begins_later
        || [
            "(geplant)",
            "(planned)",
            "(upcoming)",
            " added as planned ",
            " als geplante",
        ]
        .iter()
        .any(|l| lower.contains(l))
}

/// Titles of a privacy notice's sections about its publisher (lower case), which a
/// numbered heading above a name holds instead of the head of a table row's name.
const SECTION_TITLES: &[&str] = &[
    "about us",
    "über uns",
    "who we are",
    "wer wir sind",
    "contact",
    "contact us",
    "kontakt",
    "impressum",
    "imprint",
    "legal notice",
];

/// Most bytes after a definition within which [`short_name_engages`] looks.
const SHORT_NAME_ENGAGES_BYTES: usize = 800;

/// The defined short name `term` of an organisation engaging processors later in its
/// paragraph (after `from`, before the next organisation at `next_org`): "… ("Orrery")
/// provides … When acting as a processor for a sponsor, Orrery engages the sub-processors
/// listed below" ([`party::engages_processors`]'s answer).
fn short_name_engages(
    text: &str,
    from: usize,
    term: &str,
    next_org: Option<usize>,
) -> Option<(Option<&'static str>, usize)> {
    if term.len() < 3 {
        return None;
    }
    let limit = paragraph_end_within(text, from, SHORT_NAME_ENGAGES_BYTES)
        .min(next_org.unwrap_or(usize::MAX));
    let window = text.get(from..limit)?;
    window.match_indices(term).find_map(|(k, _)| {
        let (a, z) = (from + k, from + k + term.len());
        let bounded = !text[..a].ends_with(char::is_alphanumeric)
            && !text[z..].starts_with(char::is_alphanumeric);
        // "… sub-processors that Novacrest engages …".
        let relative =
            || party::engages_processors_relative(text, a, z).map(|e| (Some("processor"), e));
        bounded
            .then(|| party::engages_processors(text, z).or_else(relative))
            .flatten()
    })
}

/// Most bytes after a member's name that [`start_in_entry`] reads for its start.
const START_DATE_BYTES: usize = 600;

/// The start date the entry of a member whose name ends at `end` gives ("Planned –
/// going live 1 February 2027", "geplant ab 01.02.2027", "Planned – start 2026-03-01"):
/// in the rest of a table row's line (other names in its cells too), or else in the text
/// up to the next organisation (at `next_org`), at most [`START_DATE_BYTES`].
fn start_in_entry(text: &str, end: usize, next_org: Option<usize>) -> Option<date::Day> {
    let le = line_end_within(text, end, 2000);
    // A row's cells are its own, other names in them too ("… | HubSpot, Inc. (United
    // States) for support access | … | Planned – start 2026-03-01").
    let stop = if text[end..le].contains(" | ") {
        le
    } else {
        next_org.unwrap_or(text.len()).min(text::floor_char(
            text,
            (end + START_DATE_BYTES).min(text.len()),
        ))
    };
    text.get(end..stop).and_then(date::start_date)
}

/// Most bytes before a name that [`start_before`] reads.
const START_BEFORE_BYTES: usize = 200;

/// The start date that the sentence leading to a name at `start` gives ("Wir werden ab
/// dem 1. März 2026 zusätzlich die IONOS SE, …, einsetzen.", "An die Stelle der Twilio
/// Inc. tritt mit Wirkung ab 1. Juni 2026 die rapidmail GmbH"), and whether it speaks in
/// the future tense ("werden", "will"): the part of the sentence after the previous
/// organisation (ending at `prev_end`), at most [`START_BEFORE_BYTES`].
fn start_before(text: &str, start: usize, prev_end: usize) -> Option<(date::Day, bool)> {
    let from = crate::matchers::text::sentence_start(text, start)
        .max(prev_end)
        .max(text::floor_char(
            text,
            start.saturating_sub(START_BEFORE_BYTES),
        ));
    let before = text.get(from..start)?;
    if !before.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let day = date::start_date(before)?;
    let future = crate::matchers::text::words(before)
        .any(|w| FUTURE_WORDS.contains(&w.to_lowercase().as_str()));
    Some((day, future))
}

/// Words of a sentence that speaks of what will be or is planned (lower case): "Wir
/// werden ab dem 1. März 2026 …", "From 1 September 2026 we plan to use …", "Ab Q2/2026
/// planen wir, …".
const FUTURE_WORDS: [&str; 9] = [
    "werden", "wird", "will", "shall", "plan", "planen", "planned", "geplant", "intend",
];

/// What an entry's own description says of its use ([`entry_status_below`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntryStatus {
    /// Not used yet.
    Planned,
    /// No longer used.
    Former,
}

/// Most lines below a name that [`entry_status_below`] reads.
const ENTRY_LINES: usize = 8;

/// The status that the description of a name leading a list entry or a table row gives
/// on a line of its own below it, as a PDF flattens a table's cells into lines
/// ("Scaleway SAS ⏎ 8 rue de la Ville l’Evêque ⏎ 75008 Paris, Frankreich ⏎ Geplant ab 1.
/// März 2027: Objektspeicher …", "Mailjet SAS ⏎ … ⏎ Ehemalig: E-Mail-Versand bis 31.
/// Januar 2026"): a line before the next organisation (at `next_org`) and any blank line,
/// at most [`ENTRY_LINES`] down, opening with a word of what is planned or no longer used
/// followed by a colon or a date's preposition, and not a short label of the next
/// organisation on that line.
fn entry_status_below(
    text: &str,
    start: usize,
    end: usize,
    next_org: Option<usize>,
) -> Option<EntryStatus> {
    use crate::matchers::text::{FORMER_LABEL_WORDS, PLANNED_LABEL_WORDS};
    // A name that leads its line, or the value of its entry's entity field ("  - Entity:
    // Cohere Inc., …" below "- Cohere").
    let entity_field = || {
        let (ls, le) = (
            line_start_within(text, start, 400),
            line_end_within(text, start, 400),
        );
        text::entity_field_value(&text[ls..le]).is_some_and(|v| le - v.len() == start)
    };
    if !crate::matchers::text::leads_item(text, start) && !entity_field() {
        return None;
    }
    let stop = next_org.unwrap_or(text.len()).min(text.len());
    let mut pos = line_end_within(text, end, 400);
    let mut scope = text::EntryScope::at(text, end);
    // A name that is its line's end, as a heading is, may have a blank line below it
    // ("### A.4 Kranichfeld Support OÜ ⏎⏎ Sitz: Tallinn ⏎ … ⏎ Einsatz: beendet …").
    if text[end..pos].trim().is_empty() && text[pos..].starts_with("\n\n") {
        pos += 1;
    }
    for _ in 0..ENTRY_LINES {
        // At a line's end ('\n'), not cut off by the reach.
        if pos >= stop || text.as_bytes().get(pos) != Some(&b'\n') {
            return None;
        }
        // A label of the next organisation's ("ENTFERNT zum 31.03.2025: Twilio Inc.") is
        // not this one's.
        let le = line_end_within(text, pos + 1, 400);
        if stop < le && crate::matchers::text::words(&text[pos + 1..stop]).count() <= 4 {
            return None;
        }
        let le = le.min(stop);
        if scope.ends_at(&text[pos + 1..le]) {
            return None;
        }
        let line = text::field_line(&text[pos + 1..le]);
        if line.is_empty() {
            return None;
        }
        let lower = line.to_lowercase();
        // "Status: beendet zum 31.03.2026", "Einsatz: geplant ab Q2/2027": a status field.
        if let Some(status) = status_field(&lower) {
            return Some(status);
        }
        let word_end = lower
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(lower.len());
        let (word, rest) = lower.split_at(word_end);
        let next = rest.trim_start();
        // "Planned – from 1 March 2027", "Former – removed 30 June 2025": a dash between,
        // then a date, the removal, or a preposition of a date.
        let next = next
            .strip_prefix(['–', '—', '-'])
            .map_or(next, str::trim_start);
        let dated = next.starts_with(':')
            || next.starts_with(|c: char| c.is_ascii_digit())
            || [
                "ab ",
                "bis ",
                "zum ",
                "from ",
                "until ",
                "on ",
                "as of ",
                "removed",
                "entfernt",
                "ausgeschieden",
                "ended",
                "beendet",
                "replaced",
                "ersetzt",
                "abgelöst",
                "terminated",
            ]
            .iter()
            .any(|p| next.starts_with(p));
        // A status cell's word alone on its line ("ausgeschieden", "Planned").
        let alone = rest.trim().is_empty();
        if (dated || alone) && PLANNED_LABEL_WORDS.contains(&word) {
            return Some(EntryStatus::Planned);
        }
        let former_word = FORMER_LABEL_WORDS.contains(&word)
            || word == "ehemalig"
            || (alone && ["ausgeschieden", "inaktiv", "inactive", "ended"].contains(&word));
        if (dated || alone) && former_word {
            return Some(EntryStatus::Former);
        }
        // The title of the next list ("Part B – Former Sub-processors") ends the entry; a
        // line of the entry's own description may open with a status word ("ehemals
        // Backup-Speicher").
        let opens_with_status =
            FORMER_LABEL_WORDS.contains(&word) || PLANNED_LABEL_WORDS.contains(&word);
        if !opens_with_status
            && (crate::matchers::text::is_former_heading(line)
                || crate::matchers::text::is_planned_heading(line))
        {
            return None;
        }
        pos = le;
    }
    None
}

/// The status that a labelled field of an entry gives (`line` in lower case): a label of
/// the entry's status or use ([`STATUS_FIELD_LABELS`]), a colon, then a word of what is
/// planned ("geplant ab Q2/2027", "planned", "ab 1. April 2027") or no longer used
/// ("beendet zum 31.03.2026", "removed", "entfällt seit Juni 2026").
fn status_field(line: &str) -> Option<EntryStatus> {
    use crate::matchers::text::{FORMER_LABEL_WORDS, PLANNED_LABEL_WORDS};
    let (label, value) = line.split_once(':')?;
    if !STATUS_FIELD_LABELS.contains(&label.trim()) {
        return None;
    }
    let value = value.trim_start();
    let first = value
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    let dated_start = ["ab ", "from ", "starting "]
        .iter()
        .find_map(|p| value.strip_prefix(p))
        .is_some_and(|d| d.starts_with(|c: char| c.is_ascii_digit() || c == 'q'));
    if PLANNED_LABEL_WORDS.contains(&first) || dated_start {
        Some(EntryStatus::Planned)
    } else if FORMER_LABEL_WORDS.contains(&first) || ENDED_WORDS.contains(&first) {
        Some(EntryStatus::Former)
    } else {
        None
    }
}

/// Labels of an entry's field that says whether it is in use (lower case).
const STATUS_FIELD_LABELS: [&str; 7] = [
    "status", "einsatz", "nutzung", "stand", "state", "usage", "in use",
];

/// First words of a status field's or cell's value that say the use has ended (lower
/// case).
const ENDED_WORDS: [&str; 13] = [
    "ausgelaufen",
    "offboarded",
    "beendet",
    "ended",
    "terminated",
    "entfällt",
    "entfallen",
    "eingestellt",
    "ausgeschieden",
    "inaktiv",
    "inactive",
    "abgelöst",
    "replaced",
];

/// The status that a table's status column gives the row that `pos` leads ("Stripe
/// Payments Europe, Limited | … | Starting 1 March 2027", "| Mailvane Inc. | … |
/// Removed", "| Archivum GmbH | … | ab 1. März 2027"): the cell under a header cell
/// "Status", "Stand" or of remarks ([`STATUS_HEADERS`]), found by reading up the rows above
/// (at most [`STATUS_HEADER_ROWS`]), that opens with a word of what is planned or no longer
/// used ("entfällt seit …"), with "starting", or with a start date ("ab 1. März 2027").
fn status_cell(text: &str, pos: usize) -> Option<EntryStatus> {
    use crate::matchers::text::{FORMER_LABEL_WORDS, PLANNED_LABEL_WORDS};
    let (a, z) = cell_under_header(text, pos, &STATUS_HEADERS)?;
    let cell = text[a..z].to_lowercase();
    let mut words = crate::matchers::text::words(&cell);
    let first = words.next().unwrap_or_default();
    // "ab 1. März 2027", "from 1 March 2027": a start date.
    // After the word where it stands (the cell may open with a dash: "– ab 1. März").
    let after_first = cell.find(first).map_or("", |k| &cell[k + first.len()..]);
    // "voraussichtlich ab 01.07.2027", "expected from 1 March 2027": the same, expected.
    let (first, after_first) = match after_first.trim_start().split_once(' ') {
        Some((next, rest)) if ["voraussichtlich", "expected", "scheduled"].contains(&first) => {
            (next, rest)
        }
        _ => (first, after_first),
    };
    let dated_start = ["ab", "from", "effective"].contains(&first)
        && after_first
            .trim_start()
            .trim_start_matches("from")
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit());
    if PLANNED_LABEL_WORDS.contains(&first)
        || ["starting", "starts"].contains(&first)
        || dated_start
    {
        return Some(EntryStatus::Planned);
    }
    if FORMER_LABEL_WORDS.contains(&first) || first == "ehemalig" || ENDED_WORDS.contains(&first) {
        return Some(EntryStatus::Former);
    }
    None
}

/// The span of the cell in the table row that `pos` leads under a header cell of
/// `headers` (lower case), found by reading up the rows above (at most
/// [`STATUS_HEADER_ROWS`]) to a row of as many cells with such a header.
fn cell_under_header(text: &str, pos: usize, headers: &[&str]) -> Option<(usize, usize)> {
    use crate::entities::text::{cell_count, cell_span};
    let (ls, le) = (
        line_start_within(text, pos, 400),
        line_end_within(text, pos, 2000),
    );
    if !text[ls..le].contains(" | ") || !crate::matchers::text::leads_item(text, pos) {
        return None;
    }
    let width = cell_count(text, ls, le);
    let mut at = ls;
    let mut column = None;
    for _ in 0..STATUS_HEADER_ROWS {
        // At the text's start, or below a line the scan cut off.
        if at == 0 || text.as_bytes()[at - 1] != b'\n' {
            break;
        }
        let above = line_start_within(text, at - 1, 2000);
        if !text[above..at - 1].contains(" | ") {
            break;
        }
        if cell_count(text, above, at - 1) == width {
            column = (0..width).find(|&k| {
                cell_span(text, above, at - 1, k)
                    .is_some_and(|(a, z)| headers.contains(&text[a..z].to_lowercase().as_str()))
            });
            if column.is_some() {
                break;
            }
        }
        at = above;
    }
    cell_span(text, ls, le, column?)
}

/// The role that a table's role column gives the row that `pos` leads ("Royal Mail Group
/// Limited | … | Parcel delivery | Independent controller | United Kingdom"): the first
/// role the cell under a header "Role" or "Rolle" names.
fn role_cell(text: &str, pos: usize) -> Option<&'static str> {
    let (a, z) = cell_under_header(text, pos, &ROLE_HEADERS)?;
    let cell = &text[a..z];
    party::role_re()
        .find_iter(cell)
        .find_map(|m| party::role_of(m.as_str()))
}

/// Header cells of a table's column of its members' roles ([`role_cell`]), lower case.
const ROLE_HEADERS: [&str; 4] = ["role", "rolle", "roles", "rollen"];

/// The status a dated phrase in a later cell of the row that `start..end` leads gives it,
/// in a table without a status column ("Lingora AI GmbH, … | AI-generated candidate
/// summaries – effective from 1 February 2027 | …", "Whereby AS, Oslo | Video interviews
/// – terminated 30 September 2026, replaced by Zoom | …", "In-app support chat (from 1
/// March 2027)"): a start date is planned, an
/// end (terminated, removed, entfällt seit) former. "until 28 February 2027" (a current
/// member being phased out) is neither.
fn dated_status_in_row(text: &str, start: usize, end: usize) -> Option<EntryStatus> {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let le = line_end_within(text, end, 2000);
    let rest = &text[end..le];
    if !rest.contains(" | ") || !crate::matchers::text::leads_item(text, start) {
        return None;
    }
    let re = R.get_or_init(|| {
        regex::Regex::new(
            r"(?i)(?:(?P<q>\((?:from|ab)[ \t]+)|(?-u:\b)(?:(?P<p>effective[ \t]+(?:from[ \t]+|as[ \t]+of[ \t]+)?|wirksam[ \t]+ab[ \t]+|geplant[ \t]+ab[ \t]+|planned[ \t]+(?:from|for)[ \t]+)|(?P<f>terminated[ \t]+(?:on[ \t]+|as[ \t]+of[ \t]+)?|removed[ \t]+(?:on[ \t]+|as[ \t]+of[ \t]+)?|beendet[ \t]+(?:am|zum|seit)[ \t]+|entfällt[ \t]+(?:seit|zum|ab)[ \t]+|entfallen[ \t]+(?:seit|zum)[ \t]+)))\d",
        )
        .expect("dated status regex")
    });
    let c = re.captures(rest)?;
    if c.name("p").is_some() || c.name("q").is_some() {
        Some(EntryStatus::Planned)
    } else {
        Some(EntryStatus::Former)
    }
}

/// The former status that a later cell of the row that `start..end` leads gives it by
/// ending in a phrase of an ended use, in a table without a status column ("Amazon Web
/// Services EMEA SARL, Luxemburg | Hosting (bis 31.03.2023, beendet) | Frankfurt am Main |
/// entfällt – nicht mehr im Einsatz"): the cell's last part, after its last bracket,
/// comma, dash, semicolon or colon, is one of [`ENDED_CELL_PHRASES`]; "wird nach
/// Vertragsende beendet" is not.
fn ended_cell_in_row(text: &str, start: usize, end: usize) -> Option<EntryStatus> {
    let le = line_end_within(text, end, 2000);
    let rest = &text[end..le];
    if !rest.contains(" | ") || !crate::matchers::text::leads_item(text, start) {
        return None;
    }
    let ended = rest.split('|').skip(1).any(|cell| {
        let cell = cell.trim().trim_end_matches([')', '.', ' ']).to_lowercase();
        let last = cell
            .rsplit(['(', ',', '–', '—', ';', ':'])
            .next()
            .unwrap_or_default()
            .trim()
            .trim_start_matches("- ");
        ENDED_CELL_PHRASES.contains(&last)
    });
    ended.then_some(EntryStatus::Former)
}

/// The phrases that end a table cell of a member no longer used ([`ended_cell_in_row`]),
/// lower case.
const ENDED_CELL_PHRASES: [&str; 11] = [
    "nicht mehr im einsatz",
    "nicht mehr eingesetzt",
    "nicht mehr aktiv",
    "beendet",
    "ausgelaufen",
    "no longer in use",
    "no longer used",
    "no longer active",
    "ended",
    "terminated",
    "offboarded",
];

/// Most bytes between a name leading a flattened table row and the next organisation
/// that [`status_ending_flattened_row`] reads.
const FLATTENED_ROW_BYTES: usize = 2000;

/// The status of a table row that a PDF's text flattened into a line per cell, from its
/// last line before the next organisation (a status column comes last): "ab 01.01.2027",
/// "nicht erforderlich (EU) ab 01.02.2027" are planned, "entfällt seit 30.06.2026" former.
fn status_ending_flattened_row(
    text: &str,
    start: usize,
    end: usize,
    next_org: usize,
) -> Option<EntryStatus> {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    if next_org <= end
        || next_org - end > FLATTENED_ROW_BYTES
        || text[end..next_org].contains(" | ")
        || !crate::matchers::text::leads_item(text, start)
    {
        return None;
    }
    let next_line = line_start_within(text, next_org, 400);
    if next_line == 0 || next_line <= line_end_within(text, end, 400) {
        return None;
    }
    let re = R.get_or_init(|| {
        regex::Regex::new(
            r"(?i)(?:^|[ \t])(?:(?P<p>ab|from|effective[ \t]+from|starting)|(?P<f>entfällt[ \t]+seit|entfallen[ \t]+seit|removed[ \t]+on|terminated[ \t]+on|beendet[ \t]+am))[ \t]+\d{1,2}\.?[ \t]?(?:\d{1,2}\.[ \t]?\d{2,4}|\p{L}+[ \t]+\d{4})[ \t]*$",
        )
        .expect("flattened status regex")
    });
    // Up from the next row, past a header the page break repeated ("Nr.
    // Unterauftragsverarbeiter (Firma,⏎…⏎Status"), to the first line that is a status.
    let own_line_end = line_end_within(text, end, 400);
    let mut le = next_line - 1;
    // The line below the one read: a status the cell wrapped ("From 1⏎November 2025")
    // reads as the two lines joined.
    let mut below = "";
    for _ in 0..STATUS_LINES_UP {
        // Above this one's own line, or at a line the scan cut off (no '\n' ends it).
        if le <= own_line_end || text.as_bytes().get(le) != Some(&b'\n') {
            return None;
        }
        let ls = line_start_within(text, le, 400);
        let line = text[ls..le].trim();
        let wrapped = (!below.is_empty()).then(|| format!("{line} {below}"));
        let hit = re
            .captures(line)
            .or_else(|| wrapped.as_deref().and_then(|w| re.captures(w)));
        if let Some(c) = hit {
            return Some(if c.name("p").is_some() {
                EntryStatus::Planned
            } else {
                EntryStatus::Former
            });
        }
        // "aktiv seit 01.08.2022", "bis 31.12.2026": a current member's.
        let lower = line.to_lowercase();
        if ["seit ", "bis ", "since ", "until ", "active"]
            .iter()
            .any(|w| lower.contains(w))
        {
            return None;
        }
        if ls == 0 {
            return None;
        }
        below = line;
        le = ls - 1;
    }
    None
}

/// Most lines above the next row that [`status_ending_flattened_row`] reads.
const STATUS_LINES_UP: usize = 20;

/// Header cells of a table's column of entry statuses or remarks ([`status_cell`]), lower
/// case.
const STATUS_HEADERS: [&str; 10] = [
    "status",
    "stand",
    "anmerkung",
    "anmerkungen",
    "bemerkung",
    "bemerkungen",
    "hinweis",
    "remarks",
    "notes",
    "note",
];

/// Most table rows above a row that [`status_cell`] reads for the header.
const STATUS_HEADER_ROWS: usize = 60;

/// Whether `after` (the text after a name) opens with a "for the attention of" line of a
/// postal address: ", attn. DPO", ", z. Hd. Datenschutzbeauftragter", ", c/o".
/// A person as the addressee ("DSB Nordwest Consulting GmbH⏎z. Hd. Herrn Dr. Jan
/// Oltmanns" under "Wir haben einen externen Datenschutzbeauftragten bestellt:") makes the
/// company an external officer's firm, not a mere postal address: no such line.
fn for_attention_after(after: &str) -> bool {
    let rest = after
        .trim_start_matches([' ', '\t', ',', '\n'])
        .to_lowercase();
    let Some(addressee) = [
        "attn.",
        "attn",
        "attention",
        "z. hd.",
        "z. hd",
        "z.hd.",
        "z.hd",
        "zu händen",
        "c/o",
    ]
    .iter()
    .find_map(|p| rest.strip_prefix(p)) else {
        return false;
    };
    let first = addressee
        .trim_start_matches([' ', ':', '\t'])
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    !PERSON_TITLES.contains(&first)
}

/// Words that open a person's name in an address (lower case): "Herrn", "Frau", "Mr".
const PERSON_TITLES: [&str; 8] = ["herrn", "herr", "frau", "mr", "mrs", "ms", "dr", "prof"];

/// Whether `before` (the line up to a name) ends in a word of its removal, as a change
/// log writes it: "Entfernung Twilio Inc. (SendGrid) zum 31.03.2025", "Removed: Mailgun".
fn removal_before(before: &str) -> bool {
    // "Mailgun Technologies, Inc. entfernt; Mailwerk Deutschland GmbH aufgenommen": the
    // removal before a ';' is another entry's.
    let before = before.rsplit(';').next().unwrap_or_default();
    let last = crate::matchers::text::words(before)
        .next_back()
        .map(str::to_lowercase);
    // "Zammad GmbH ersetzt Zendesk, Inc.", "Brevo replaces Sendinblue": the one replaced.
    last.is_some_and(|w| {
        [
            "entfernung",
            "entfernt",
            "removal",
            "removed",
            "streichung",
            "ersetzt",
            "replaces",
            "replaced",
        ]
        .contains(&w.as_str())
    })
}

/// Whether the clause after a name (from `end` to its sentence's end or a ';', at most
/// [`ENDED_CLAUSE_BYTES`]) ends in a word saying its use has ended, as a change log writes
/// it: "Der Vertrag mit der A1 Telekom Austria AG, Lassallestraße 9, A-1020 Wien, über den
/// SMS-Versand ist mit 31.12.2026 ausgelaufen;", "Agreement with Zoho Corporation B.V.,
/// … (helpdesk ticketing) terminated;", or holds such a word in the passive ("… was
/// offboarded on 31 December 2026 as announced"). Not a clause of what may or will happen ("… if
/// the agreement is terminated", "… wird beendet").
fn ended_clause_after(text: &str, end: usize) -> bool {
    let limit = text::floor_char(text, (end + ENDED_CLAUSE_BYTES).min(text.len()));
    // A sentence wrapped before a bracket ("…, the Netherlands⏎(helpdesk ticketing)
    // terminated;") goes on; a line opening with a digit or a bullet (indented or not) is
    // the log's next entry.
    let mut stop = end;
    for _ in 0..ENDED_CLAUSE_LINES {
        stop = crate::matchers::text::sentence_end(text, stop).min(limit);
        let next = text[stop..]
            .strip_prefix('\n')
            .and_then(|r| r.trim_start_matches([' ', '\t']).chars().next());
        match next {
            Some(c) if !c.is_ascii_digit() && !"\n-•*–".contains(c) => stop += 1,
            _ => break,
        }
    }
    // A clause cut off by the reach has no last word of its own.
    let cut = stop >= limit;
    let stop = stop.min(limit);
    // A table's cell ends the clause too.
    let clause = text[end..stop].split([';', '|']).next().unwrap_or_default();
    let cut = cut && clause.len() == stop - end;
    let lower = clause.to_lowercase();
    let words: Vec<&str> = crate::matchers::text::words(&lower).collect();
    let Some(last) = words.last() else {
        return false;
    };
    // "… was offboarded on 31 December 2026 as announced": the passive anywhere in it.
    let passive = words.windows(2).any(|w| {
        ["was", "were", "been", "wurde", "wurden"].contains(&w[0])
            && ENDED_WORDS_CLAUSE.contains(&w[1])
    });
    // "…, ceased to act as a sub-processor for transactional e-mail on 30 June 2025."
    let ceased = words.contains(&"ceased");
    // "… - SMS alerts to drivers (ended 30 November 2026)": a dated end in the
    // entry's closing bracket.
    let bracket = (!cut)
        .then(|| lower.trim_end().strip_suffix(')'))
        .flatten()
        .and_then(|b| b.rsplit_once('('))
        .is_some_and(|(_, inner)| {
            inner.contains(|c: char| c.is_ascii_digit())
                && crate::matchers::text::words(inner)
                    .next()
                    .is_some_and(|w| ENDED_WORDS_CLAUSE.contains(&w))
        });
    // "…, USA – beendet per 28. Februar 2026", "Discontinued⏎2026-02-28": the word that
    // ends the use, then only its date.
    let dated = !cut
        && words
            .iter()
            .rev()
            .take(DATED_TAIL_WORDS)
            .find(|w| ENDED_WORDS_CLAUSE.contains(w))
            .is_some_and(|w| {
                let at = w.as_ptr() as usize - lower.as_ptr() as usize + w.len();
                date::is_dated_tail(&lower[at..])
            });
    ((!cut && ENDED_WORDS_CLAUSE.contains(last)) || passive || ceased || bracket || dated)
        && !words.iter().any(|w| NOT_YET_WORDS.contains(w))
}

/// Most words of a date and its preposition after the word that ends a use ("beendet per
/// 28. Februar 2026").
const DATED_TAIL_WORDS: usize = 6;

/// Most bytes of the clause [`ended_clause_after`] reads.
const ENDED_CLAUSE_BYTES: usize = 300;

/// Most lines of the clause [`ended_clause_after`] reads.
const ENDED_CLAUSE_LINES: usize = 3;

/// Last words of a clause saying a use has ended ([`ended_clause_after`], lower case).
const ENDED_WORDS_CLAUSE: [&str; 12] = [
    "ausgelaufen",
    "beendet",
    "gekündigt",
    "eingestellt",
    "entfernt",
    "offboarded",
    "terminated",
    "discontinued",
    "decommissioned",
    "ended",
    "removed",
    "deactivated",
];

/// Words of a clause of what may or will happen, or under a condition (lower case).
const NOT_YET_WORDS: [&str; 20] = [
    "if", "when", "once", "upon", "unless", "shall", "will", "may", "must", "can", "wenn", "falls",
    "sobald", "sofern", "soweit", "wird", "werden", "kann", "muss", "soll",
];

/// Whether `before` (the line up to a name) says the name was used until a date: "Until
/// 30 June 2026 we used Pyöräpalvelu Tech Oy …", "Bis zum 30.06.2026 haben wir die …
/// eingesetzt" reads the same up to the name ("Bis zum 30.06.2026 nutzten wir").
fn used_until_before(before: &str) -> bool {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"(?i)(?:^|[.;:][ \t]+)(?:until|till|up[ \t]+to|bis(?:[ \t]+zum)?)[ \t]+[\p{L}\d.,/ \t]{4,30}?[ \t]+(?:we[ \t]+(?:used|engaged|relied[ \t]+on)|nutzten[ \t]+wir|setzten[ \t]+wir|haben[ \t]+wir[ \t]+(?:die[ \t]+|den[ \t]+|das[ \t]+)?)[ \t]*(?:the[ \t]+|die[ \t]+|den[ \t]+)?$",
        )
        .expect("used-until regex")
    })
    .is_match(before)
}

/// The date a use ended, when the sentence before a name (from `prev_end`, the previous
/// name's end, on) opens with it: "Bis zum 31. Dezember 2025 haben wir für die
/// Videoberatung den Dienst „Optiview Live“ der |Optiview Software Ltd.".
fn until_before(text: &str, start: usize, prev_end: usize) -> Option<date::Day> {
    let from = crate::matchers::text::sentence_start(text, start);
    if from < prev_end {
        return None;
    }
    date::until_date_opening(text.get(from..start)?)
}

/// The labels of a parent list item whose items were replaced or removed (lower case, the
/// colon that ends them aside): "  - Ersetzt: ⏎    - Freshworks Inc., …".
const FORMER_PARENT_LABELS: [&str; 12] = [
    "ersetzt",
    "abgelöst",
    "entfernt",
    "ehemalig",
    "ehemals",
    "früher",
    "replaced",
    "removed",
    "former",
    "formerly",
    "previously",
    "discontinued",
];

/// Whether the name at `start` leads a list item whose parent item, the nearest line
/// above indented less, is only a label of [`FORMER_PARENT_LABELS`] and its colon
/// ("  - Ersetzt:", "* Replaced:").
fn under_former_item(text: &str, start: usize) -> bool {
    let ls = line_start_within(text, start, 400);
    let head = &text[ls..start];
    let Some(marker) = head.trim_start().strip_suffix(' ') else {
        return false;
    };
    if !["-", "*", "•", "–", "+"].contains(&marker.trim_end()) {
        return false;
    }
    let indent = head.len() - head.trim_start().len();
    let mut end = ls;
    for _ in 0..ENTRY_LINES {
        // A line cut by the reach is no line to read.
        if !text[..end].ends_with('\n') {
            return false;
        }
        let above = line_start_within(text, end - 1, 400);
        if above >= end {
            return false;
        }
        let line = &text[above..end - 1];
        end = above;
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            return false;
        }
        if line.len() - trimmed.len() >= indent {
            continue;
        }
        let label = trimmed
            .trim_start_matches(['-', '*', '•', '–', '+'])
            .trim()
            .to_lowercase();
        return label
            .strip_suffix(':')
            .is_some_and(|l| FORMER_PARENT_LABELS.contains(&l.trim()));
    }
    false
}

/// "in which case GitHub is a subprocessor", "if Customer is a processor": a hypothetical role.
fn conditional_before(text: &str, pos: usize) -> bool {
    let lo = text::floor_char(text, pos.saturating_sub(80));
    let w = text[lo..pos].to_lowercase();
    let sentence = w.rsplit(['.', ';', '\n']).next().unwrap_or("");
    [
        "in which case",
        "if ",
        "wenn ",
        "falls ",
        "sofern ",
        "to the extent",
        "soweit ",
        "where ",
        "unless ",
    ]
    .iter()
    .any(|c| sentence.contains(c))
}

fn finding(
    doc: &Extracted,
    kind: FindingKind,
    rule: String,
    start: usize,
    end: usize,
    value: serde_json::Value,
) -> Finding {
    Finding {
        id: String::new(),
        kind,
        rule,
        page: doc.page_of(start),
        start,
        end,
        text: doc.text[start..end].to_string(),
        context: text::context(&doc.text, start, end),
        value,
    }
}

#[cfg(test)]
pub(crate) mod tests;

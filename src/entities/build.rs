//! Findings → `parties[]`: merge mentions of one organisation, resolve roles and defined short
//! names, attach addresses and countries.

use crate::extract::Extracted;
use crate::findings::{Finding, FindingKind};
use crate::report::{Address, CountrySource, Party, TransferRole};

use super::text::{cell_index, same_table_other_rows};

/// Merges the `party` and `address` findings (with ids assigned) into parties, in order of first
/// appearance. Mentions of one organisation are merged by a key that ignores case, whitespace and
/// the punctuation of legal forms ("Inc" = "Inc."); each address is attached to the organisation
/// named right before it (same line, or the lines just above); `country` is the address country,
/// else a country stated for the organisation, else one its name holds, else the country of its
/// legal form where that is used in one country only (`country_source` says which).
/// Gives the controller role to the organisations a privacy policy names as its speaker
/// ("GitHub Inc. (“GitHub”, “we”)", "We, New Work SE, …": party findings whose value has
/// `first_person`): a privacy policy is the controller's own notice (Art. 13 GDPR).
pub fn speaker_is_controller(parties: &mut [Party], findings: &[Finding]) {
    for f in findings.iter().filter(|f| {
        f.kind == FindingKind::Party && f.value.get("first_person") == Some(&true.into())
    }) {
        let Some(name) = f.value.get("name").and_then(|v| v.as_str()) else {
            continue;
        };
        let key = party_key(name, f.value.get("legal_form").and_then(|v| v.as_str()));
        let party = parties
            .iter_mut()
            .find(|p| party_key(&p.name, p.legal_form.as_deref()) == key);
        if let Some(p) = party {
            if !p.roles.iter().any(|r| r == "controller") {
                p.roles.push("controller".to_string());
            }
        }
    }
}

/// In a DPA, an organisation that hosts the data ([`crate::entities`]' hosting cue, value
/// `hosting`) works for the processor: its role is "subprocessor", not "processor",
/// unless another cue of the document makes it the processor.
pub fn hosts_are_subprocessors(parties: &mut [Party], findings: &[Finding]) {
    for p in parties.iter_mut() {
        if !p.roles.iter().any(|r| r == "processor") {
            continue;
        }
        let key = party_key(&p.name, p.legal_form.as_deref());
        let mut hosting = false;
        let mut other = false;
        for f in findings.iter().filter(|f| {
            f.kind == FindingKind::Party
                && f.value.get("role").and_then(|v| v.as_str()) == Some("processor")
        }) {
            let name = f.value.get("name").and_then(|v| v.as_str()).unwrap_or("");
            let form = f.value.get("legal_form").and_then(|v| v.as_str());
            if party_key(name, form) != key {
                continue;
            }
            if f.value.get("hosting") == Some(&true.into()) {
                hosting = true;
            } else {
                other = true;
            }
        }
        if hosting && !other {
            if p.roles.iter().any(|r| r == "subprocessor") {
                p.roles.retain(|r| r != "processor");
            } else {
                for r in p.roles.iter_mut().filter(|r| *r == "processor") {
                    *r = "subprocessor".to_string();
                }
            }
        }
    }
}

pub fn build_parties(doc: &Extracted, findings: &[Finding]) -> Vec<Party> {
    let text = doc.text.as_str();
    let mut parties: Vec<Party> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let mut stated: Vec<Option<String>> = Vec::new();
    // Per party, the best country its mentions' names or legal forms give.
    let mut hinted: Vec<Option<(CountrySource, String)>> = Vec::new();
    // (finding index, party index) for mentions an address may attach to.
    let mut anchors: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, party)

    // The country a mention states on its own line after the name, by its (start, end).
    let mut stated_at: Vec<((usize, usize), &str)> = Vec::new();

    let mut order: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.kind == FindingKind::Party)
        .collect();
    order.sort_by(|a, b| (a.start, a.end, &a.rule).cmp(&(b.start, b.end, &b.rule)));
    let renames = renames(text, &order);
    // An e-mail thread's older messages: a party's status is the one of its mentions in
    // the newest message that names it.
    let older = super::text::older_message_starts(text);
    let mut newest: Vec<usize> = Vec::new();
    for f in order {
        let Some(name) = f.value.get("name").and_then(|v| v.as_str()) else {
            continue;
        };
        let form = f.value.get("legal_form").and_then(|v| v.as_str());
        let mut key = party_key(name, form);
        if key.is_empty() {
            continue;
        }
        // A former name is the renamed party's mention.
        let mut former_name = None;
        let (name, form) = match renames.iter().find(|r| r.old_key == key) {
            Some(r) => {
                if r.former {
                    former_name = Some(name);
                }
                key = party_key(&r.name, r.form.as_deref());
                (r.name.as_str(), r.form.as_deref())
            }
            None => (name, form),
        };
        let pi = match keys.iter().position(|k| *k == key) {
            Some(i) => i,
            None => {
                keys.push(key);
                newest.push(usize::MAX);
                stated.push(None);
                hinted.push(None);
                parties.push(Party {
                    name: name.to_string(),
                    legal_form: form.map(str::to_string),
                    roles: Vec::new(),
                    country: None,
                    country_source: None,
                    address: None,
                    evidence: Vec::new(),
                    transfer_roles: Vec::new(),
                    former: true,
                    not_used: true,
                    planned: true,
                    former_names: Vec::new(),
                    stated_mechanism: None,
                });
                parties.len() - 1
            }
        };
        let p = &mut parties[pi];
        if let Some(old) = former_name {
            if !p.former_names.iter().any(|n| n == old) {
                p.former_names.push(old.to_string());
            }
        }
        // A name in capitals ("KRANICH CLOUD SERVICES GMBH" in a contract's header) is
        // shown as the text writes it elsewhere.
        let capitals = |n: &str| !n.chars().any(char::is_lowercase);
        if capitals(&p.name) && !capitals(name) {
            p.name = name.to_string();
            p.legal_form = form.map(str::to_string);
        }
        let message = older.partition_point(|&s| s <= f.start);
        if message < newest[pi] {
            newest[pi] = message;
            (p.former, p.not_used, p.planned) = (true, true, true);
        }
        if message == newest[pi] {
            // Former only while every mention is one of a former member.
            p.former &= f.value.get("former") == Some(&true.into());
            // Not used only while every mention is a negated provider's entity.
            p.not_used &= f.value.get("not_used") == Some(&true.into());
            // Planned only while every mention is one of a member not used yet.
            p.planned &= f.value.get("planned") == Some(&true.into());
        }
        if p.stated_mechanism.is_none() {
            p.stated_mechanism = f
                .value
                .get("stated_mechanism")
                .and_then(|v| serde_json::from_value(v.clone()).ok());
        }
        if let Some(role) = f.value.get("role").and_then(|v| v.as_str()) {
            if !p.roles.iter().any(|r| r == role) {
                p.roles.push(role.to_string());
            }
        }
        let side = match f.value.get("transfer_role").and_then(|v| v.as_str()) {
            Some("exporter") => Some(TransferRole::Exporter),
            Some("importer") => Some(TransferRole::Importer),
            _ => None,
        };
        if let Some(side) = side {
            if !p.transfer_roles.contains(&side) {
                p.transfer_roles.push(side);
                p.transfer_roles.sort();
            }
        }
        if stated[pi].is_none() {
            stated[pi] = f
                .value
                .get("country")
                .and_then(|v| v.as_str())
                .map(str::to_string);
        }
        let hint = |key, source| {
            let code = f.value.get(key).and_then(|v| v.as_str())?;
            Some((source, code.to_string()))
        };
        let hint = hint("name_country", CountrySource::Name)
            .or_else(|| hint("list_country", CountrySource::List))
            .or_else(|| hint("provider_country", CountrySource::Provider))
            .or_else(|| hint("form_country", CountrySource::LegalForm));
        if let Some(h) = hint {
            // A name's country beats its list's, which beats a provider's, which beats a
            // legal form's.
            let rank = |s: &CountrySource| match s {
                CountrySource::Name => 0,
                CountrySource::List => 1,
                CountrySource::Provider => 2,
                _ => 3,
            };
            let better = hinted[pi]
                .as_ref()
                .is_none_or(|(s, _)| rank(&h.0) < rank(s));
            if better {
                hinted[pi] = Some(h);
            }
        }
        if !f.id.is_empty() && !p.evidence.contains(&f.id) {
            p.evidence.push(f.id.clone());
        }
        if f.rule != "party.role_label"
            || f.start < f.end
                && text
                    .get(f.start..f.end)
                    .is_some_and(|t| t.starts_with(name))
        {
            anchors.push((f.start, f.end, pi));
            let inline = f.value.get("country_inline") == Some(&true.into());
            if let Some(c) = f
                .value
                .get("country")
                .and_then(|v| v.as_str())
                .filter(|_| inline)
            {
                stated_at.push(((f.start, f.end), c));
            }
        }
    }
    anchors.sort();

    let mut addresses: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.kind == FindingKind::Address)
        .collect();
    addresses.sort_by_key(|f| (f.start, f.end));
    for a in addresses {
        // The nearest mention ending before the address.
        // Anchors are sorted by start; the one ending last before the address is among those
        // starting before it.
        let upto = anchors.partition_point(|(s, _, _)| *s < a.start);
        // In a table, only a mention in the address's own column ("GitHub BV" above
        // "Vijzelstraat 68-72", not above "88 Colin P. Kelly Jr. St." to its left).
        let same_column = |ms: usize| {
            !same_table_other_rows(text, ms, a.start)
                || cell_index(text, ms) == cell_index(text, a.start)
        };
        let Some(&(ps, pe, pi)) = anchors[upto.saturating_sub(8)..upto]
            .iter()
            .filter(|(ms, e, _)| *e <= a.start && same_column(*ms))
            .max_by_key(|(_, e, _)| *e)
        else {
            continue;
        };
        if !close_enough(text, pe, a.start) && !introduced_in_paragraph(text, pe, a.start) {
            continue;
        }
        // "… routing through Twilio Inc., USA ⏎ 25-28 North Wall Quay, Dublin 1, D01 H104,
        // Ireland": a mention that states another country on its line than the address
        // below is not the one the address belongs to.
        let address_country = a.value.get("country").and_then(|v| v.as_str());
        let below = text.get(pe..a.start).is_some_and(|gap| gap.contains('\n'));
        if below
            && stated_at
                .iter()
                .any(|&(at, c)| at == (ps, pe) && address_country.is_some_and(|ac| ac != c))
        {
            continue;
        }
        // "Dr. Max Beispiel, c/o Datenschutz Nord GmbH, Konsul-Smidt-Straße 88, 28217
        // Bremen": the address is the officer's too.
        let care_of = anchors[upto.saturating_sub(8)..upto]
            .iter()
            .filter(|&&(_, e, qi)| e <= ps && qi != pi && care_of_gap(&text[e..ps]))
            .map(|&(_, _, qi)| qi)
            .next_back();
        for qi in std::iter::once(pi).chain(care_of) {
            let addr = address_of(a);
            let p = &mut parties[qi];
            let better = match &p.address {
                None => true,
                Some(old) => old.street.is_none() && addr.street.is_some(),
            };
            if better {
                p.address = Some(addr);
            }
            if !a.id.is_empty() && !p.evidence.contains(&a.id) {
                p.evidence.push(a.id.clone());
            }
        }
    }
    for ((p, s), h) in parties.iter_mut().zip(stated).zip(hinted) {
        let address = p.address.as_ref().and_then(|a| a.country.clone());
        (p.country_source, p.country) = match (address, s, h) {
            (Some(c), _, _) => (Some(CountrySource::Address), Some(c)),
            (None, Some(c), _) => (Some(CountrySource::Stated), Some(c)),
            (None, None, Some((source, c))) => (Some(source), Some(c)),
            (None, None, None) => (None, None),
        };
    }
    merge_line_broken(text, findings, parties, &keys)
}

/// A party's change of name the document states, or a short name with a legal form it
/// defines ("Brightwave Analytics, Inc. … (\"Brightwave Inc.\")"): mentions whose key is
/// `old_key` are the party `name` (with `form`); `former` when `old_key` is a former name.
struct Rename {
    old_key: String,
    name: String,
    form: Option<String>,
    former: bool,
}

/// Most bytes between a name and its former or current one ([`renames`]).
const RENAME_GAP_BYTES: usize = 80;

/// The words between two names, after "(" or ",", that make the second the first's
/// former name ("Sendara GmbH (vormals Mailwerk Deutschland GmbH)").
const FORMERLY: [&str; 9] = [
    "vormals",
    "ehemals",
    "früher",
    "bisher",
    "formerly",
    "previously",
    "formerly known as",
    "f/k/a",
    "fka",
];

/// The words between two names, after "(" or ",", that make the second the first's
/// current name ("Mailwerk Deutschland GmbH (heute Sendara GmbH)").
const NOW: [&str; 5] = ["heute", "jetzt", "nunmehr", "now", "now known as"];

/// The renames that adjacent party mentions state (`order` sorted by start): a name
/// right after another, in parentheses or after a comma, introduced by a word of
/// [`FORMERLY`] or [`NOW`].
fn renames(text: &str, order: &[&Finding]) -> Vec<Rename> {
    let name_of = |f: &Finding| {
        let name = f.value.get("name").and_then(|v| v.as_str())?;
        let form = f.value.get("legal_form").and_then(|v| v.as_str());
        Some((name.to_string(), form.map(str::to_string)))
    };
    let mut out: Vec<Rename> = Vec::new();
    for (i, a) in order.iter().enumerate() {
        let Some(b) = order[i + 1..].iter().find(|b| b.start >= a.end) else {
            continue;
        };
        let Some(gap) = text.get(a.end..b.start) else {
            continue;
        };
        // "Okta, Inc. (Okta Customer Identity Cloud, formerly Auth0, Inc.)": the words
        // after the gap's last '(' or ',', inside one parenthesis.
        let gap = gap.trim();
        if !gap.starts_with(['(', ',']) || gap.contains(')') || gap.len() > RENAME_GAP_BYTES {
            continue;
        }
        let words = gap[gap.rfind(['(', ',']).map_or(0, |k| k + 1)..]
            .trim()
            .to_lowercase();
        let (old, new) = if FORMERLY.contains(&words.as_str()) {
            (b, a)
        } else if NOW.contains(&words.as_str()) {
            (a, b)
        } else {
            continue;
        };
        let (Some((old_name, old_form)), Some((name, form))) = (name_of(old), name_of(new)) else {
            continue;
        };
        let old_key = party_key(&old_name, old_form.as_deref());
        if old_key.is_empty() || old_key == party_key(&name, form.as_deref()) {
            continue;
        }
        if !out.iter().any(|r| r.old_key == old_key) {
            out.push(Rename {
                old_key,
                name,
                form,
                former: true,
            });
        }
    }
    out.extend(defined_aliases(order, &out));
    out
}

/// The short names with a legal form that one organisation defines ("Brightwave Analytics,
/// Inc., a Delaware corporation … (\"Brightwave Inc.\")") and the text names as an
/// organisation of its own: its mentions are the defining organisation's. Not a short
/// name two organisations define, nor one `renames` already maps.
fn defined_aliases(order: &[&Finding], renames: &[Rename]) -> Vec<Rename> {
    let str_of = |f: &Finding, k: &str| f.value.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let named: std::collections::HashSet<String> = order
        .iter()
        .filter(|f| f.value.get("legal_form").is_some_and(|v| v.is_string()))
        .filter_map(|f| str_of(f, "name"))
        .map(|n| party_key(&n, None))
        .collect();
    let mut out: Vec<Rename> = Vec::new();
    let mut taken: Vec<String> = Vec::new();
    for f in order {
        let (Some(name), Some(term)) = (str_of(f, "name"), str_of(f, "defines")) else {
            continue;
        };
        let (key, alias) = (party_key(&name, None), party_key(&term, None));
        if alias.is_empty()
            || alias == key
            || !named.contains(&alias)
            || renames.iter().any(|r| r.old_key == alias)
        {
            continue;
        }
        match out.iter().position(|r| r.old_key == alias) {
            Some(i) if party_key(&out[i].name, None) != key => taken.push(alias),
            Some(_) => {}
            None => out.push(Rename {
                old_key: alias,
                name,
                form: str_of(f, "legal_form"),
                former: false,
            }),
        }
    }
    out.retain(|r| !taken.contains(&r.old_key));
    out
}

/// Whether the text between two names says the second is the first's postal host: ",
/// c/o " ("Max Beispiel, c/o Datenschutz Nord GmbH"), at most a comma and spaces around.
fn care_of_gap(gap: &str) -> bool {
    let g = gap.trim().trim_start_matches(',').trim_start();
    g.len() == 3 && g.eq_ignore_ascii_case("c/o")
}

/// A name broken over two lines ("… die Sierra⏎Helpdesk LLC, 500 Market Street …", as
/// two-column PDFs break them) is found once whole and once as its tail at a line start. A
/// party whose key is a proper word-suffix of another party's key, and whose mentions all
/// start a line below a line ending in the rest of that key, is merged into the longer one;
/// a misspelt name into the one it is one letter from ([`one_letter_apart`]), when that has
/// more mentions.
fn merge_line_broken(
    text: &str,
    findings: &[Finding],
    parties: Vec<Party>,
    keys: &[String],
) -> Vec<Party> {
    let starts_line = |f: &Finding| text[..f.start].ends_with('\n') || f.start == 0;
    let mut into: Vec<Option<usize>> = vec![None; parties.len()];
    for (i, short) in keys.iter().enumerate() {
        let tail = format!(" {short}");
        let Some(j) = keys.iter().position(|long| long.ends_with(&tail)) else {
            continue;
        };
        // The line above a broken mention ends with the longer name's head: "… sowie die
        // Sierra⏎Helpdesk LLC", not "und⏎Therapido Software GmbH & Co. KG" beside a
        // signature line "Physiotherapie am Rosental Therapido Software GmbH & Co. KG".
        let head = &keys[j][..keys[j].len() - tail.len()];
        let head_above = |f: &Finding| {
            let above = text[..f.start].trim_end();
            let from = super::text::floor_char(above, above.len().saturating_sub(head.len() + 8));
            party_key(&above[from..], None).ends_with(head)
        };
        let mentions: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.kind == FindingKind::Party && parties[i].evidence.contains(&f.id))
            .collect();
        if !mentions.is_empty() && mentions.iter().all(|f| starts_line(f) && head_above(f)) {
            into[i] = Some(j);
        }
    }
    // A misspelt name ("Hetzner Onling GmbH" beside "Hetzner Online GmbH" in Hetzner's
    // DPA): the same legal form, one letter other, and fewer mentions than the other.
    for i in 0..parties.len() {
        // Not a party others merge into: no chains.
        if into[i].is_some() || into.contains(&Some(i)) {
            continue;
        }
        let j = (0..parties.len()).find(|&j| {
            j != i
                && into[j].is_none()
                && parties[j].legal_form == parties[i].legal_form
                && keys[j].len().abs_diff(keys[i].len()) <= 3
                && parties[j].evidence.len() > parties[i].evidence.len()
                && one_letter_apart(&keys[i], &keys[j])
        });
        into[i] = j;
    }
    let mut out = parties.clone();
    for (i, target) in into.iter().enumerate() {
        let Some(j) = *target else { continue };
        let short = parties[i].clone();
        let long = &mut out[j];
        for r in short.roles {
            if !long.roles.contains(&r) {
                long.roles.push(r);
            }
        }
        if long.address.is_none() {
            long.address = short.address;
            if long.country.is_none() {
                (long.country, long.country_source) = (short.country, short.country_source);
            }
        }
        for e in short.evidence {
            if !long.evidence.contains(&e) {
                long.evidence.push(e);
            }
        }
    }
    out.into_iter()
        .enumerate()
        .filter(|(i, _)| into[*i].is_none())
        .map(|(_, p)| p)
        .collect()
}

/// Whether `a` and `b` differ in exactly one letter (the same length in chars, the other
/// chars equal), inside a word of at least five letters: a typo, not another name ("Acme
/// AG" and "Acne AG" are too short to tell).
fn one_letter_apart(a: &str, b: &str) -> bool {
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if ca.len() != cb.len() {
        return false;
    }
    let diff: Vec<usize> = (0..ca.len()).filter(|&k| ca[k] != cb[k]).collect();
    let [k] = diff[..] else { return false };
    if !ca[k].is_alphabetic() || !cb[k].is_alphabetic() {
        return false;
    }
    let word = |cs: &[char]| {
        let start = cs[..k]
            .iter()
            .rposition(|c| !c.is_alphabetic())
            .map_or(0, |p| p + 1);
        let end = cs[k..]
            .iter()
            .position(|c| !c.is_alphabetic())
            .map_or(cs.len(), |p| k + p);
        end - start
    };
    word(&ca) >= 5
}

/// An address belongs to the name before it when only a little text lies between: the rest of the
/// line, a separator, or up to two short lines ("GitHub Privacy", "Attn: Privacy").
fn close_enough(text: &str, from: usize, to: usize) -> bool {
    let Some(gap) = text.get(from..to) else {
        return false;
    };
    if gap.len() > 200 {
        return false;
    }
    let lines: Vec<&str> = gap
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // A sentence's end, not a register number's abbreviation ("(company no. 612884)").
    let sentence_ends = super::text::sentence_ends(gap);
    if sentence_ends && !gap.contains('\n') && gap.len() > 40 {
        return false;
    }
    lines.len() <= 2 && lines.iter().all(|l| l.len() <= 80) || introduces_seat(gap)
}

/// Whether the text between a name and an address, in one paragraph and one sentence, ends
/// by introducing the address as the organisation's seat: ", a company registered in
/// England and Wales with company number 01234567, whose registered office is at".
fn introduces_seat(gap: &str) -> bool {
    !super::text::sentence_ends(gap) && super::text::seat_intro_end(gap) == Some(gap.len())
}

/// An address introduced as the contact details of the organisation named before it in
/// the same paragraph: "We, New Work SE, assume the role of controller … Our contact
/// details are as follows: Baumwall 7, 20459 Hamburg" (at most [`INTRODUCED_REACH`] bytes
/// from the name, no blank line between, the address (or a street the address finder left
/// out) right after a contact cue and colon).
fn introduced_in_paragraph(text: &str, from: usize, to: usize) -> bool {
    static CUE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let cue = CUE.get_or_init(|| {
        regex::Regex::new(
            r"(?i)(?:contact\s+details|postal\s+address|our\s+address|kontaktdaten|anschrift|postanschrift|adresse)[^.:\n]{0,40}:[ \t]*[^.:\n]{0,60}$",
        )
        .expect("contact cue regex compiles")
    });
    let Some(gap) = text.get(from..to) else {
        return false;
    };
    // The sentence of the cue must not introduce someone else's details ("the supervisory
    // authority's contact details are as follows:").
    let sentence = gap.rsplit(". ").next().unwrap_or(gap).to_lowercase();
    let someone_else = OTHER_CONTACTS.iter().any(|w| sentence.contains(w));
    gap.len() <= INTRODUCED_REACH && !gap.contains("\n\n") && cue.is_match(gap) && !someone_else
}

/// Words by which a contact-details sentence introduces someone else's address (lower case).
const OTHER_CONTACTS: [&str; 7] = [
    "authorit",
    "behörde",
    "commissioner",
    "beauftragte",
    "officer",
    "representative",
    "vertreter",
];

/// Most bytes between a name and an address introduced as its contact details.
const INTRODUCED_REACH: usize = 600;

fn address_of(f: &Finding) -> Address {
    let s = |k: &str| f.value.get(k).and_then(|v| v.as_str()).map(str::to_string);
    Address {
        street: s("street"),
        postcode: s("postcode"),
        city: s("city"),
        region: s("region"),
        country: s("country"),
    }
}

/// Merge key: lower case, punctuation dropped, whitespace collapsed, legal form canonical
/// (so "Inc" = "Inc."), German genitive of public bodies folded ("Bundesministeriums" = "…ium"),
/// "Institute" the same as "Institut" ("Robert Koch Institute" = "Robert Koch-Institut").
pub fn party_key(name: &str, _legal_form: Option<&str>) -> String {
    let lower = name.to_lowercase();
    let cleaned: String = lower
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '&' {
                c
            } else {
                ' '
            }
        })
        .collect();
    let mut words: Vec<String> = cleaned.split_whitespace().map(str::to_string).collect();
    // Legal-form spellings.
    let joined = words.join(" ");
    let joined = joined
        .replace(" incorporated", " inc")
        .replace(" corporation", " corp")
        .replace(" limited", " ltd")
        .replace(" private ltd", " pvt ltd")
        .replace(" l l c", " llc")
        .replace(" l p", " lp")
        .replace(" b v", " bv")
        .replace(" n v", " nv")
        .replace(" s a", " sa")
        .replace(" e v", " ev")
        .replace(" e k", " ek");
    // "Institute" and "Institut" name the same body in English and German.
    words = joined
        .split_whitespace()
        .map(|w| if w == "institute" { "institut" } else { w }.to_string())
        .collect();
    if let Some(first) = words.first_mut() {
        for (gen, nom) in [
            ("iums", "ium"),
            ("amtes", "amt"),
            ("amts", "amt"),
            ("instituts", "institut"),
        ] {
            if first.ends_with(gen) {
                let cut = first.len() - gen.len();
                *first = format!("{}{}", &first[..cut], nom);
                break;
            }
        }
    }
    words.join(" ")
}

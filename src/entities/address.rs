//! Postal addresses: anchored on postcode hits (one pass per postcode format, ASCII-only anchors so
//! the regex engine can use its DFA), then parsed outwards: city after or before the postcode,
//! street in the segment before, country from an adjacent country mention, a prefix ("D-", "CH-"),
//! the format, the city gazetteer, street words or the document language.

use std::sync::OnceLock;

use regex::Regex;

use crate::patterns::compile::latin_letters;

use super::data::EntityData;
use super::text::{
    cell_count, cell_index, cell_span, is_separator, line_end, line_start, same_table_other_rows,
    trim_span,
};
use super::CountryMention;
use crate::report::Address;

/// A parsed address with its byte span in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressHit {
    /// Start byte offset (street or city/postcode).
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// The parsed fields.
    pub address: Address,
    /// True when the country was not written but inferred.
    pub inferred_country: bool,
    /// Rule id suffix: "de", "us", "seat", …
    pub rule: String,
}

struct Regexes {
    prefixed: Regex,
    nl: Regex,
    pl: Regex,
    se: Regex,
    digits: Regex,
    state_zip: Regex,
    uk: Regex,
    ie: Regex,
    dublin: Regex,
    sg: Regex,
    jp: Regex,
    city_digits: Regex,
    iceland: Regex,
    malta: Regex,
    seat: Regex,
}

const CITY: &str = r"\p{Lu}[\p{L}\p{M}'’.\-]*(?:[ \t]+(?:(?:am|an|im|in|der|dem|bei|sur|sous|en|le|la|les|de|del|di|upon|on)[ \t]+)?\p{Lu}[\p{L}\p{M}'’.\-]*){0,3}";

fn regexes() -> &'static Regexes {
    static R: OnceLock<Regexes> = OnceLock::new();
    R.get_or_init(|| {
        let c = |s: &str| Regex::new(&latin_letters(&s.replace("CITY", CITY))).expect("address regex should compile");
        Regexes {
            prefixed: c(r"(?P<cc>A|CH|D|DE|FL|L|B|F|NL|DK|S|SE|FI|I|E|PL|LU|AT|BE|FR|IT|ES)-(?P<pc>[0-9]{4,5})[ \t]+(?P<city>CITY)"),
            nl: c(r"(?P<pc>[1-9][0-9]{3}[ \t]?[A-Z]{2})[ \t]+(?P<city>CITY)"),
            pl: c(r"(?P<pc>[0-9]{2}-[0-9]{3})[ \t]+(?P<city>CITY)"),
            se: c(r"(?P<pc>[1-9][0-9]{2}[ \t][0-9]{2})[ \t]+(?P<city>CITY)"),
            digits: c(r"(?P<pc>[0-9]{4,5})(?:[ \t]+|(?P<wrap>[ \t]*\n[ \t]*))(?P<city>CITY)"),
            state_zip: c(r"(?P<state>[A-Z]{2,3}|[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2})\.?,?[ \t]+(?P<pc>[0-9]{5}(?:-[0-9]{4})?|[0-9]{4}|[ABCEGHJ-NPRSTVXY][0-9][A-Z][ \t]?[0-9][A-Z][0-9])"),
            uk: c(r"(?P<pc>[A-Z]{1,2}[0-9][A-Z0-9]?[ \t\n]?[0-9][ABD-HJLNP-UW-Z]{2})"),
            ie: c(r"(?P<pc>(?:[AC-FHKNPRTV-Y][0-9]{2}|D6W)[ \t]?[AC-FHKNPRTV-Y0-9]{4})"),
            dublin: c(r"Dublin[ \t]+(?P<pc>[0-9]{1,2}|6W)"),
            sg: c(r"Singapore[ \t,]+(?P<pc>[0-9]{6})"),
            jp: c(r"〒[ \t]?(?P<pc>[0-9]{3}-[0-9]{4})|(?P<city>Tokyo|Tokio|Osaka|Kyoto|Yokohama|Nagoya|Sapporo|Fukuoka|Kobe)(?:-to|-shi|-fu)?,?[ \t]+(?P<pc2>[0-9]{3}-[0-9]{4})"),
            city_digits: c(r"(?P<pc>[0-9]{7}|[1-9][0-9]{2}[ ]?[0-9]{3}|[0-9]{5})"),
            iceland: c(r"(?P<pc>[1-9][0-9]{2})[ \t]+(?P<city>CITY)"),
            malta: c(r"(?P<city>CITY)[ \t]+(?P<pc>[A-Z]{3}[ \t]?[0-9]{4})"),
            seat: c(r"(?i:mit[ \t]+(?:dem[ \t]+)?Sitz[ \t]+in|Sitz[ \t]+in|with[ \t]+(?:its[ \t]+)?(?:registered[ \t]+)?(?:office|seat|headquarters)[ \t]+in|headquartered[ \t]+in|based[ \t]+in)[ \t]+(?P<city>CITY)"),
        }
    })
}

/// Words that may follow a postcode but are never a city.
const NOT_CITY: &[&str] = &[
    "Euro",
    "EUR",
    "Mitarbeiter",
    "Mitarbeitende",
    "Jahre",
    "Tage",
    "Monate",
    "Stunden",
    "Uhr",
    "Mails",
    "Nutzer",
    "Kunden",
    "Seiten",
    "Tel",
    "Tel.",
    "Telefon",
    "Phone",
    "Fax",
    "E-Mail",
    "Email",
    "GB",
    "MB",
    "TB",
    "Byte",
    "Bytes",
    "Users",
    "Employees",
    "Dollar",
    "USD",
    "CHF",
    "Stück",
    "Punkte",
    "Zeichen",
    "Euros",
    "Days",
    "Years",
    "Hours",
    "Minuten",
    "Sekunden",
    "In",
    "The",
    "Die",
    "Der",
    "Das",
    "Und",
    "And",
    "Art",
    "Abs",
    "Absatz",
    "Nr",
    "BDSG",
    "DSGVO",
    "GDPR",
];

/// Tokens before a number that make it something other than a postcode.
const NOT_BEFORE: &[&str] = &[
    "hrb",
    "hra",
    "hr",
    "nr",
    "nr.",
    "no",
    "no.",
    "art",
    "art.",
    "abs",
    "abs.",
    "§",
    "tel",
    "tel.",
    "fax",
    "telefon",
    "phone",
    "eur",
    "€",
    "iban",
    "blz",
    "bic",
    "seite",
    "page",
    "ust-idnr.",
    "ust-id",
    "vat",
    "kontonummer",
    "registernummer",
    "handelsregister",
    "din",
    "iso",
    "en",
    "version",
    "v",
    "vol.",
    "ziffer",
    "nummer",
    "number",
    "amtsgericht",
];

#[derive(Debug, Clone)]
struct Candidate {
    /// Start of the postcode.
    pc_start: usize,
    pc_end: usize,
    postcode: String,
    /// City span, if any.
    city: Option<(usize, usize)>,
    region: Option<String>,
    /// Countries the postcode format allows (most likely first).
    formats: &'static [&'static str],
    /// Country written as a prefix ("D-") or fixed by the format (state + ZIP).
    fixed_country: Option<String>,
    /// Where to look for the street: everything before this offset.
    street_before: usize,
    /// Whether the city comes before the postcode.
    city_first: bool,
    priority: u8,
}

const FIVE: &[&str] = &["DE", "FR", "IT", "ES", "FI", "US", "RS", "KR"];
const FOUR: &[&str] = &["AT", "CH", "BE", "DK", "LU", "LI", "NO", "AU", "HU", "PH"];

/// Countries that write a postcode of digits after the city, with its number of digits:
/// India "Bengaluru 560001" (also "560 001"), Nepal "Kathmandu 44600", Thailand "Bangkok
/// 10110", Indonesia "Jakarta 12190", China "Beijing 100020", Vietnam "Hanoi 100000",
/// Israel "Tel Aviv 6789141". Only after a city of that country in the address
/// gazetteer; none of four digits (a year after a city is too common).
const CITY_FIRST_DIGITS: &[(usize, &[&str])] = &[
    (6, &["IN"]),
    (5, &["NP"]),
    (5, &["TH"]),
    (5, &["ID"]),
    (6, &["CN"]),
    (6, &["VN"]),
    (7, &["IL"]),
];

/// Finds addresses in `text`. `mentions` are the country gazetteer's hits (sorted or not),
/// `lang` the document language ("de", "en") used to break ties.
pub fn find_addresses(
    text: &str,
    mentions: &[CountryMention],
    data: &EntityData,
    lang: Option<&str>,
) -> Vec<AddressHit> {
    let r = regexes();
    let mut cands: Vec<Candidate> = Vec::new();

    // State/province + ZIP (US, CA, AU): "San Antonio, TX 78205".
    for c in r.state_zip.captures_iter(text) {
        let (Some(st), Some(pc)) = (c.name("state"), c.name("pc")) else {
            continue;
        };
        let glued = pc.as_str().len() == 5 && word_glued_after(text, pc.end());
        if !boundary_before(text, st.start()) || !(boundary_after(text, pc.end()) || glued) {
            continue;
        }
        let pc_text = pc.as_str();
        let want = if pc_text.len() == 4 {
            "AU"
        } else if pc_text.as_bytes()[0].is_ascii_alphabetic() {
            "CA"
        } else {
            "US"
        };
        // The state group may have swallowed a city word ("Seattle Washington"): drop leading words.
        let words: Vec<&str> = st.as_str().split([' ', '\t']).collect();
        let mut found = None;
        for k in 0..words.len() {
            let name = words[k..].join(" ");
            if let Some(reg) = data
                .regions_named(&name)
                .into_iter()
                .find(|r| r.country == want)
            {
                let off = st.as_str().len()
                    - words[k..].iter().map(|w| w.len()).sum::<usize>()
                    - (words.len() - k - 1);
                found = Some((reg.code.clone(), reg.country.clone(), st.start() + off));
                break;
            }
        }
        let Some((code, cc, st_start)) = found else {
            continue;
        };
        let mut street_at = None;
        let city = city_before(text, st_start, data)
            .or_else(|| city_wrapped_before(text, st_start, data))
            .or_else(|| {
                let (city, unit) = city_before_street_and_unit(text, st_start, data, &cc)?;
                street_at = Some(unit);
                Some(city)
            });
        if city.is_none() {
            continue;
        }
        cands.push(Candidate {
            pc_start: pc.start(),
            pc_end: pc.end(),
            postcode: pc_text.to_string(),
            city,
            region: Some(code),
            formats: &[],
            fixed_country: Some(cc),
            street_before: street_at.or(city.map(|c| c.0)).unwrap_or(st_start),
            city_first: true,
            priority: 0,
        });
    }

    // Prefixed: "D-80331 München", "CH-8004 Zürich", "A-1010 Wien".
    for c in r.prefixed.captures_iter(text) {
        let (Some(cc), Some(pc), Some(city)) = (c.name("cc"), c.name("pc"), c.name("city")) else {
            continue;
        };
        if !boundary_before(text, cc.start()) {
            continue;
        }
        let country = match cc.as_str() {
            "A" | "AT" => "AT",
            "CH" => "CH",
            "D" | "DE" => "DE",
            "FL" => "LI",
            "L" | "LU" => "LU",
            "B" | "BE" => "BE",
            "F" | "FR" => "FR",
            "NL" => "NL",
            "DK" => "DK",
            "S" | "SE" => "SE",
            "FI" => "FI",
            "I" | "IT" => "IT",
            "E" | "ES" => "ES",
            _ => "PL",
        };
        let five = matches!(country, "DE" | "FR" | "IT" | "ES" | "FI");
        if five != (pc.as_str().len() == 5) {
            continue;
        }
        let Some(city) = refine_city_after(text, city.start(), city.end(), data, mentions) else {
            continue;
        };
        cands.push(Candidate {
            pc_start: cc.start(),
            pc_end: pc.end(),
            postcode: pc.as_str().to_string(),
            city: Some(city),
            region: None,
            formats: &[],
            fixed_country: Some(country.to_string()),
            street_before: cc.start(),
            city_first: false,
            priority: 0,
        });
    }

    // Postcode then city: NL "1012 SJ Amsterdam", PL "00-950 Warszawa", SE "111 22 Stockholm",
    // and the plain 4/5-digit formats.
    let pc_first: [(&Regex, &'static [&'static str], u8); 4] = [
        (&r.nl, &["NL"], 1),
        (&r.pl, &["PL"], 1),
        (&r.se, &["SE"], 2),
        (&r.digits, FIVE, 3),
    ];
    for (re, formats, priority) in pc_first {
        for c in re.captures_iter(text) {
            let (Some(pc), Some(city)) = (c.name("pc"), c.name("city")) else {
                continue;
            };
            if !boundary_before(text, pc.start()) || number_context_rejects(text, pc.start()) {
                continue;
            }
            let formats = if std::ptr::eq(formats, FIVE) && pc.as_str().len() == 4 {
                FOUR
            } else {
                formats
            };
            if let Some(wrapped) =
                city_above_country(text, pc.start(), city.start(), data, mentions)
            {
                cands.push(Candidate {
                    pc_start: pc.start(),
                    pc_end: pc.end(),
                    postcode: pc.as_str().split_whitespace().collect::<Vec<_>>().join(" "),
                    city: Some(wrapped),
                    region: None,
                    formats,
                    fixed_country: None,
                    street_before: wrapped.0,
                    city_first: true,
                    priority,
                });
                continue;
            }
            let Some(city) = refine_city_after(text, city.start(), city.end(), data, mentions)
            else {
                continue;
            };
            // A line wrapped between the postcode and its city ("Am Großen Güterbahnhof 7,
            // 38112⏎Braunschweig"): only five digits after a street and its comma (not
            // "December 1, 2026⏎AI-assisted").
            let after_comma = text[..pc.start()]
                .trim_end_matches([' ', '\t'])
                .ends_with(',');
            if c.name("wrap").is_some()
                && (!after_comma
                    || pc.as_str().len() != 5
                    || street_before(text, pc.start(), data).is_none())
            {
                continue;
            }
            cands.push(Candidate {
                pc_start: pc.start(),
                pc_end: pc.end(),
                postcode: pc.as_str().split_whitespace().collect::<Vec<_>>().join(" "),
                city: Some(city),
                region: None,
                formats,
                fixed_country: None,
                street_before: pc.start(),
                city_first: false,
                priority,
            });
        }
    }

    // Iceland "121 Reykjavík" and Malta "Naxxar NXR 2609": alone, the formats are too
    // loose (any three digits before a capitalised word; any three capitals and four
    // digits after one, as "Ansbach HRB 6089"), so only with the country written after
    // them ("…, Iceland", "…, Malta").
    for (re, cc, city_first) in [(&r.iceland, "IS", false), (&r.malta, "MT", true)] {
        for c in re.captures_iter(text) {
            let (Some(pc), Some(city)) = (c.name("pc"), c.name("city")) else {
                continue;
            };
            let (first, last) = (pc.start().min(city.start()), pc.end().max(city.end()));
            if !boundary_before(text, first)
                || !boundary_after(text, last)
                || number_context_rejects(text, pc.start())
            {
                continue;
            }
            if explicit_country_after(text, last, mentions).is_none_or(|(found, _)| found != cc) {
                continue;
            }
            cands.push(Candidate {
                pc_start: pc.start(),
                pc_end: pc.end(),
                postcode: pc.as_str().split_whitespace().collect::<Vec<_>>().join(" "),
                city: Some((city.start(), city.end())),
                region: None,
                formats: &[],
                fixed_country: Some(cc.into()),
                street_before: first,
                city_first,
                priority: 1,
            });
        }
    }

    // UK postcodes: "London SW1A 1AA", city before (same line or line above).
    for c in r.uk.captures_iter(text) {
        let Some(pc) = c.name("pc") else { continue };
        if !boundary_before(text, pc.start()) || !boundary_after(text, pc.end()) {
            continue;
        }
        // A UK postcode's inward part starts with a digit; require a space unless clearly
        // formatted. A PDF may break the line between the two parts ("London E14⏎5HP").
        if !pc.as_str().contains([' ', '\t', '\n']) {
            continue;
        }
        let city = city_before(text, pc.start(), data);
        let Some(city) = city else { continue };
        cands.push(Candidate {
            pc_start: pc.start(),
            pc_end: pc.end(),
            postcode: pc.as_str().split_whitespace().collect::<Vec<_>>().join(" "),
            city: Some(city),
            region: None,
            formats: &["GB"],
            fixed_country: Some(crown_dependency(pc.as_str()).unwrap_or("GB").into()),
            street_before: city.0,
            city_first: true,
            priority: 1,
        });
    }

    // Irish Eircodes ("D02 X285") and Dublin districts ("Dublin 2").
    let mut eircodes: Vec<usize> = Vec::new();
    for c in r.ie.captures_iter(text) {
        let Some(pc) = c.name("pc") else { continue };
        if !boundary_before(text, pc.start()) || !boundary_after(text, pc.end()) {
            continue;
        }
        let unique = &pc.as_str()[pc.as_str().len() - 4..];
        let near_ie = text
            [line_start(text, pc.start().saturating_sub(120))..line_end(text, pc.end())]
            .contains("Ireland")
            || text[line_start(text, pc.start().saturating_sub(120))..line_end(text, pc.end())]
                .contains("Dublin")
            || text[line_start(text, pc.start().saturating_sub(120))..line_end(text, pc.end())]
                .contains("Irland");
        // Or an Irish city right before the code ("Penrose Wharf, Cork T23 X2YH").
        let city_before_code = city_before(text, pc.start(), data);
        let irish_city = city_before_code
            .is_some_and(|(a, z)| data.city_countries(&text[a..z]).iter().any(|c| c == "IE"));
        if !(near_ie || irish_city) || !unique.chars().any(|ch| ch.is_ascii_alphabetic()) {
            continue;
        }
        let district_lo = crate::entities::text::floor_char(text, pc.start().saturating_sub(24));
        let city = city_before_code.or_else(|| {
            // "Dublin 2, D02 X285": the city stands before the district number.
            text[district_lo..pc.start()]
                .rfind("Dublin")
                .map(|k| (district_lo + k, district_lo + k + "Dublin".len()))
        });
        eircodes.push(pc.start());
        cands.push(Candidate {
            pc_start: pc.start(),
            pc_end: pc.end(),
            postcode: pc.as_str().split_whitespace().collect::<Vec<_>>().join(" "),
            city,
            region: None,
            formats: &["IE"],
            fixed_country: Some("IE".into()),
            street_before: city.map(|c| c.0).unwrap_or(pc.start()),
            city_first: true,
            priority: 1,
        });
    }
    for c in r.dublin.captures_iter(text) {
        let (Some(m), Some(pc)) = (c.get(0), c.name("pc")) else {
            continue;
        };
        if !boundary_before(text, m.start()) || !boundary_after(text, pc.end()) {
            continue;
        }
        // "Dublin 2, D02 X285": the full Eircode right after the district is the postcode.
        if eircodes.iter().any(|&e| e > pc.end() && e <= pc.end() + 4) {
            continue;
        }
        cands.push(Candidate {
            pc_start: pc.start(),
            pc_end: pc.end(),
            postcode: format!("D{:0>2}", pc.as_str()),
            city: Some((m.start(), m.start() + "Dublin".len())),
            region: None,
            formats: &["IE"],
            fixed_country: Some("IE".into()),
            street_before: m.start(),
            city_first: true,
            priority: 1,
        });
    }

    // Singapore, Japan, India.
    for c in r.sg.captures_iter(text) {
        let (Some(m), Some(pc)) = (c.get(0), c.name("pc")) else {
            continue;
        };
        if !boundary_after(text, pc.end()) {
            continue;
        }
        cands.push(Candidate {
            pc_start: pc.start(),
            pc_end: pc.end(),
            postcode: pc.as_str().to_string(),
            city: Some((m.start(), m.start() + "Singapore".len())),
            region: None,
            formats: &["SG"],
            fixed_country: Some("SG".into()),
            street_before: m.start(),
            city_first: true,
            priority: 0,
        });
    }
    for c in r.jp.captures_iter(text) {
        let Some(pc) = c.name("pc").or_else(|| c.name("pc2")) else {
            continue;
        };
        if !boundary_after(text, pc.end()) {
            continue;
        }
        let city = c.name("city").map(|m| (m.start(), m.end()));
        let start = c.get(0).map(|m| m.start()).unwrap_or(pc.start());
        cands.push(Candidate {
            pc_start: pc.start(),
            pc_end: pc.end(),
            postcode: pc.as_str().to_string(),
            city,
            region: None,
            formats: &["JP"],
            fixed_country: Some("JP".into()),
            street_before: start,
            city_first: true,
            priority: 0,
        });
    }
    // Digits after a gazetteer city of a country that writes its postcode after the city
    // ("Bengaluru 560001", "Kathmandu 44600"), as many digits as that country's codes have.
    for c in r.city_digits.captures_iter(text) {
        let Some(pc) = c.name("pc") else { continue };
        if !boundary_before(text, pc.start()) || !boundary_after(text, pc.end()) {
            continue;
        }
        let Some(city) = city_before(text, pc.start(), data) else {
            continue;
        };
        let digits = pc.as_str().bytes().filter(u8::is_ascii_digit).count();
        let countries = data.city_countries(&text[city.0..city.1]);
        let Some(&(_, formats)) = CITY_FIRST_DIGITS
            .iter()
            .find(|(n, f)| *n == digits && countries.iter().any(|c| c == f[0]))
        else {
            continue;
        };
        cands.push(Candidate {
            pc_start: pc.start(),
            pc_end: pc.end(),
            postcode: pc.as_str().replace(' ', ""),
            city: Some(city),
            region: None,
            formats,
            fixed_country: Some(formats[0].into()),
            street_before: city.0,
            city_first: true,
            priority: 1,
        });
    }

    // Resolve overlaps: better (lower) priority first, then earlier.
    cands.sort_by_key(|c| (c.priority, c.pc_start));
    let mut taken = Taken::default();
    let mut out: Vec<AddressHit> = Vec::new();
    for c in cands {
        let span = (
            c.city.map(|x| x.0.min(c.pc_start)).unwrap_or(c.pc_start),
            c.city.map(|x| x.1.max(c.pc_end)).unwrap_or(c.pc_end),
        );
        if taken.overlaps(span.0, span.1) {
            continue;
        }
        if let Some(hit) = complete(text, &c, mentions, data, lang) {
            taken.insert(span.0, span.1);
            out.push(hit);
        }
    }

    // Seats: "mit Sitz in Berlin", "headquartered in Dublin" (gazetteer cities only).
    for c in r.seat.captures_iter(text) {
        let Some(city) = c.name("city") else { continue };
        let Some((cs, ce)) = longest_gazetteer_prefix(text, city.start(), city.end(), data) else {
            continue;
        };
        if taken.overlaps(cs, ce) {
            continue;
        }
        let name = &text[cs..ce];
        let countries = data.city_countries(name);
        let (country, end, inferred) = match explicit_country_after(text, ce, mentions) {
            Some((cc, e)) => (Some(cc), e, false),
            None => (
                (countries.len() == 1).then(|| countries[0].clone()),
                ce,
                true,
            ),
        };
        out.push(AddressHit {
            start: cs,
            end,
            address: Address {
                street: None,
                postcode: None,
                city: Some(name.to_string()),
                region: None,
                country,
            },
            inferred_country: inferred,
            rule: "seat".into(),
        });
    }
    out.sort_by_key(|h| (h.start, h.end));
    out
}

/// Non-overlapping taken spans, by start.
#[derive(Default)]
struct Taken(std::collections::BTreeMap<usize, usize>);

impl Taken {
    fn overlaps(&self, s: usize, e: usize) -> bool {
        // Spans are disjoint, so only the last span starting before `e` can overlap.
        self.0.range(..e).next_back().is_some_and(|(_, &te)| te > s)
    }
    fn insert(&mut self, s: usize, e: usize) {
        self.0.insert(s, e);
    }
}

fn complete(
    text: &str,
    c: &Candidate,
    mentions: &[CountryMention],
    data: &EntityData,
    lang: Option<&str>,
) -> Option<AddressHit> {
    let city_text = c.city.map(|(s, e)| text[s..e].to_string());
    let after = if c.city_first {
        c.pc_end
    } else {
        c.city.map(|x| x.1).unwrap_or(c.pc_end)
    };
    let explicit = explicit_country_after(text, after, mentions);
    // The street: the segment before the postcode (or before the city when it comes first).
    let street = street_before(text, c.street_before, data);
    let street_text = street.map(|(s, e)| text[s..e].to_string());

    let city_countries: Vec<String> = city_text
        .as_deref()
        .map(|n| data.city_countries(n).to_vec())
        .unwrap_or_default();
    let (country, inferred) = if let Some((cc, _)) = &explicit {
        (Some(cc.clone()), false)
    } else if let Some(cc) = &c.fixed_country {
        // A prefix ("D-") is written; a format-implied country (state + ZIP) is inferred.
        let written = !c.city_first && c.formats.is_empty();
        (Some(cc.clone()), !written)
    } else if c.formats.len() == 1 {
        (Some(c.formats[0].to_string()), true)
    } else {
        // Ambiguous numeric format.
        let by_city: Vec<&String> = city_countries
            .iter()
            .filter(|cc| c.formats.contains(&cc.as_str()))
            .collect();
        let by_street = street_text
            .as_deref()
            .and_then(|s| data.street_country(s))
            .filter(|cc| c.formats.contains(cc));
        let by_register = register_country_below(text, after).filter(|cc| c.formats.contains(cc));
        if by_city.len() == 1 {
            (Some(by_city[0].clone()), true)
        } else if let Some(cc) = by_street {
            (Some(cc.to_string()), true)
        } else if let Some(cc) = by_register {
            (Some(cc.to_string()), true)
        } else if std::ptr::eq(c.formats, FIVE) && lang == Some("de") {
            (Some("DE".to_string()), true)
        } else {
            (None, true)
        }
    };

    // Plausibility: a bare number + capitalised word is an address only with support.
    if c.fixed_country.is_none() && c.formats.len() > 1 {
        let city_ok = city_countries
            .iter()
            .any(|cc| c.formats.contains(&cc.as_str()));
        let city_conflicts = !city_countries.is_empty() && !city_ok;
        let explicit_ok = explicit
            .as_ref()
            .map(|(cc, _)| c.formats.contains(&cc.as_str()))
            .unwrap_or(false);
        // "18000 Niš, Serbia": the city and the country written after it agree, though
        // the postcode's formats do not name that country.
        let agree = explicit
            .as_ref()
            .is_some_and(|(cc, _)| city_countries.contains(cc));
        if city_conflicts && !explicit_ok && !agree {
            return None;
        }
        if !city_ok && !explicit_ok && !agree && street.is_none() {
            return None;
        }
    }
    if c.priority == 2 && street.is_none() && explicit.is_none() && city_countries.is_empty() {
        return None;
    }

    let start = street
        .map(|s| s.0)
        .unwrap_or_else(|| c.city.map(|x| x.0.min(c.pc_start)).unwrap_or(c.pc_start));
    let mut end = c.city.map(|x| x.1.max(c.pc_end)).unwrap_or(c.pc_end);
    if let Some((_, e)) = explicit {
        end = end.max(e);
    }
    let rule = country
        .as_deref()
        .map(|cc| cc.to_lowercase())
        .unwrap_or_else(|| "unknown".to_string());
    let rule = if rule == "gb" { "uk".to_string() } else { rule };
    Some(AddressHit {
        start,
        end,
        address: Address {
            street: street_text,
            postcode: Some(c.postcode.clone()),
            city: city_text,
            region: c.region.clone(),
            country,
        },
        inferred_country: inferred,
        rule,
    })
}

/// The country of a company number in the lines right below an address (its block, up
/// to a blank line, at most [`REGISTER_LINES`] lines): a Swiss UID ("UID: CHE-104.552.783",
/// "CHE-104.552.783 MWST"), an Austrian company register number ("FN 412733 p") or VAT
/// number ("ATU12345678"). An ambiguous postcode ("3400 Burgdorf": Swiss, Austrian,
/// Belgian, …) takes the country of its company's register.
fn register_country_below(text: &str, after: usize) -> Option<&'static str> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?-u:\b)(?:(CHE)-?[0-9]{3}\.[0-9]{3}\.[0-9]{3}|FN[ \t]?[0-9]{3,6}[ \t]?[a-z](?-u:\b)|ATU[0-9]{8}(?-u:\b))",
        )
        .expect("the register regex is valid")
    });
    let mut end = after;
    for _ in 0..REGISTER_LINES {
        let Some(k) = text[end..].find('\n') else {
            end = text.len();
            break;
        };
        let next = end + k + 1;
        let next_end = text[next..].find('\n').map_or(text.len(), |j| next + j);
        if text[next..next_end].trim().is_empty() {
            end = next;
            break;
        }
        end = next_end;
    }
    let caps = re.captures(&text[after..end])?;
    if caps.get(1).is_some() {
        Some("CH")
    } else {
        Some("AT")
    }
}

/// Lines below an address that [`register_country_below`] reads.
const REGISTER_LINES: usize = 3;

fn boundary_before(text: &str, pos: usize) -> bool {
    text[..pos]
        .chars()
        .next_back()
        .map(|c| !c.is_alphanumeric() && c != '+' && c != '-' && c != '/' && c != '.' && c != '_')
        .unwrap_or(true)
        || text[..pos].ends_with(". ")
}

fn boundary_after(text: &str, pos: usize) -> bool {
    text[pos..]
        .chars()
        .next()
        .map(|c| !c.is_alphanumeric())
        .unwrap_or(true)
}

/// Whether a capitalised word starts right at `pos`, run into what stands before it by a
/// lost line break: "San Francisco, CA 94110Automattic Inc. is also the controller"
/// (Automattic's privacy policy). Only a US ZIP code after its state is read this way.
fn word_glued_after(text: &str, pos: usize) -> bool {
    let mut next = text[pos..].chars();
    next.next().is_some_and(char::is_uppercase) && next.next().is_some_and(char::is_lowercase)
}

/// The previous token makes a number something else (register numbers, articles, phone numbers).
fn number_context_rejects(text: &str, pos: usize) -> bool {
    let before = &text[line_start(text, pos)..pos];
    let prev = before.split_whitespace().next_back().unwrap_or("");
    let prev_l = prev.trim_end_matches(':').to_lowercase();
    if NOT_BEFORE.contains(&prev_l.as_str()) || NOT_BEFORE.contains(&prev.to_lowercase().as_str()) {
        return true;
    }
    // Phone numbers and amounts: a number right before ("+49 89 12345 …", "1.400 …").
    if !prev.is_empty()
        && prev
            .chars()
            .all(|c| c.is_ascii_digit() || "+-/().".contains(c))
        && prev.chars().any(|c| c.is_ascii_digit())
    {
        return true;
    }
    // Dates "23.03. 2023" or times handled by boundary_before; also "Art. 28 Abs. 3".
    false
}

/// Cuts a city run after a postcode at stop words and country mentions; prefers the longest
/// gazetteer prefix; otherwise keeps the first word (with "am Main"-style connectors).
fn refine_city_after(
    text: &str,
    start: usize,
    end: usize,
    data: &EntityData,
    mentions: &[CountryMention],
) -> Option<(usize, usize)> {
    let mut end = end;
    if let Some(m) = mentions.iter().find(|m| m.start > start && m.start < end) {
        end = m.start;
    }
    let (s, e) = trim_span(text, start, end, |c| {
        c.is_whitespace() || c == ',' || c == '.'
    });
    if s >= e {
        return None;
    }
    let toks = tokens(text, s, e);
    let first = &text[toks[0].0..toks[0].1];
    if NOT_CITY.contains(&first.trim_end_matches('.'))
        || first.chars().all(|c| c.is_uppercase())
            && first.len() > 1
            && data.city_countries(first).is_empty()
    {
        return None;
    }
    if let Some(g) = longest_gazetteer_prefix(text, s, e, data) {
        return Some(g);
    }
    // A house number before its street ("1180 Peachtree Street NE, Suite 1400, Atlanta,
    // Georgia 30309") is no postcode before a city.
    if toks.len() > 1 && data.has_street_word(&text[toks[1].0..e]) {
        return None;
    }
    // First word, plus "am Main", "im Breisgau", "an der Ruhr", "Bad X", "St. X", "Les
    // Acacias", "Novi Beograd".
    let mut k = 1;
    if [
        "Bad", "St.", "Sankt", "Den", "La", "Le", "Les", "Las", "El", "Los", "San", "Santa",
        "Saint", "Sainte", "New", "Neu", "Novi", "Nova", "Novo", "Nowy", "Nowa",
    ]
    .contains(&first)
        && toks.len() > 1
    {
        k = 2;
    } else if toks.len() >= 3 {
        let w = &text[toks[1].0..toks[1].1];
        if ["am", "im", "an", "in", "bei", "sur", "upon", "on"].contains(&w) {
            k = 3;
            if toks.len() >= 4 && text[toks[2].0..toks[2].1] == *"der" {
                k = 4;
            }
        }
    }
    let e = toks[k - 1].1;
    let (s, e) = trim_span(text, s, e, |c| c == '.' || c == ',');
    Some((s, e))
}

fn tokens(text: &str, s: usize, e: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<usize> = None;
    for (i, ch) in text[s..e].char_indices() {
        if ch == ' ' || ch == '\t' {
            if let Some(st) = cur.take() {
                out.push((s + st, s + i));
            }
        } else if cur.is_none() {
            cur = Some(i);
        }
    }
    if let Some(st) = cur {
        out.push((s + st, e));
    }
    out
}

fn longest_gazetteer_prefix(
    text: &str,
    s: usize,
    e: usize,
    data: &EntityData,
) -> Option<(usize, usize)> {
    let toks = tokens(text, s, e);
    for k in (1..=toks.len().min(data.city_max_tokens)).rev() {
        let end = toks[k - 1].1;
        let (cs, ce) = trim_span(text, s, end, |c| c == ',' || c == '.' && k > 1);
        let name = &text[cs..ce];
        if !data.city_countries(name).is_empty() {
            return Some((cs, ce));
        }
        // "St. Gallen" keeps its dot; "München." loses it.
        let t = name.trim_end_matches('.');
        if !data.city_countries(t).is_empty() {
            return Some((cs, cs + t.len()));
        }
    }
    None
}

/// The city of a state and ZIP that begin a line after a line ending with a comma: the
/// address wrapped after the city ("Suite 400, Boulder,\nCO 80302"). That line's city, as
/// [`city_before`] reads it; `None` when the line before `pos` is not empty or the line
/// above does not end with a comma.
fn city_wrapped_before(text: &str, pos: usize, data: &EntityData) -> Option<(usize, usize)> {
    let ls = line_start(text, pos);
    if ls == 0 || !text[ls..pos].trim().is_empty() {
        return None;
    }
    // `ls - 1` is the '\n' ending the line above.
    if !text[..ls - 1].trim_end().ends_with(',') {
        return None;
    }
    city_before(text, ls - 1, data)
}

/// The city at the end of the line above a postcode that is followed by a country name
/// instead of a city ("Lindhagensgatan 74 Stockholm,\n112 18 Sweden"): the line above ends
/// with a comma ([`city_wrapped_before`]) and its city is a gazetteer city of the country
/// named after the postcode. `None` otherwise (then the word after the postcode is read as
/// the city, as "1855 Luxembourg" is).
fn city_above_country(
    text: &str,
    pc_start: usize,
    after_pc: usize,
    data: &EntityData,
    mentions: &[CountryMention],
) -> Option<(usize, usize)> {
    let word = after_pc + (text[after_pc..].len() - text[after_pc..].trim_start().len());
    let country = mentions.iter().find(|m| m.start == word)?;
    let (cs, ce) = city_wrapped_before(text, pc_start, data)?;
    data.city_countries(&text[cs..ce])
        .contains(&country.code)
        .then_some((cs, ce))
}

/// A city written before a state/ZIP or UK postcode: the capitalised words right before `pos` on
/// the same line (after a comma); `None` when `pos` starts its line (for a state and ZIP,
/// [`city_wrapped_before`] reads the line above).
fn city_before(text: &str, pos: usize, data: &EntityData) -> Option<(usize, usize)> {
    let ls = line_start(text, pos);
    let (s0, e0) = trim_span(text, ls, pos, |c| c.is_whitespace() || c == ',');
    if s0 >= e0 {
        return None;
    }
    // The last segment of the line (after separators).
    let seg_start = text[s0..e0]
        .char_indices()
        .filter(|(_, c)| is_separator(*c) && *c != '.')
        .map(|(i, c)| s0 + i + c.len_utf8())
        .next_back()
        .unwrap_or(s0);
    let (s, e) = trim_span(text, seg_start, e0, |c| c.is_whitespace());
    // A secondary unit is no city ("55 Almaden Boulevard, 6th Floor, CA 95113").
    if s >= e || unit_designator(&text[s..e]) {
        return None;
    }
    let toks = tokens(text, s, e);
    // Longest gazetteer suffix first.
    for k in (1..=toks.len().min(data.city_max_tokens)).rev() {
        let cs = toks[toks.len() - k].0;
        if !data.city_countries(&text[cs..e]).is_empty() {
            return Some((cs, e));
        }
    }
    // Else trailing capitalised words (at most 3), stopping at numbers and abbreviations.
    let mut cs = e;
    let mut n = 0;
    for &(ts, te) in toks.iter().rev() {
        let w = &text[ts..te];
        let cap = w.chars().next().map(|c| c.is_uppercase()).unwrap_or(false);
        let dotted = w.ends_with('.') && !["St.", "Ft.", "Mt."].contains(&w);
        if !cap || dotted || w.chars().any(|c| c.is_ascii_digit()) || n == 3 {
            break;
        }
        if n > 0 && w.chars().all(|c| c.is_uppercase()) {
            break;
        }
        cs = ts;
        n += 1;
    }
    if n == 0 {
        return None;
    }
    let first = &text[cs..e];
    if NOT_CITY
        .iter()
        .any(|w| first.starts_with(w) && first.len() == w.len())
    {
        return None;
    }
    Some((cs, e))
}

/// Whether the en dash at `i` joins two numbers ("Mariahilfer Straße 77–79"): a house
/// number range, not a separator between an address's parts.
fn in_number_range(text: &str, i: usize) -> bool {
    text[i..].starts_with('–')
        && text[..i].ends_with(|c: char| c.is_ascii_digit())
        && text[i + '–'.len_utf8()..].starts_with(|c: char| c.is_ascii_digit())
}

/// The street: the segment before `pos` on the same line (after a separator), else the nearest
/// non-blank line above. It must look like a street (a house number, a street word or a P.O. box).
fn street_before(text: &str, pos: usize, data: &EntityData) -> Option<(usize, usize)> {
    let ls = line_start(text, pos);
    let (s0, e0) = trim_span(text, ls, pos, |c| {
        c.is_whitespace() || (is_separator(c) && c != '#')
    });
    // In a table ("88 Colin P. Kelly Jr. St. | Vijzelstraat 68-72" above "San Francisco,
    // CA 94107 | 1017 HL Amsterdam"), the street of a cell is in the same cell of the row
    // above, never in the cell before it on the same line.
    if let Some(cell) = table_cell_above(text, pos) {
        if s0 >= e0 || text[e0..pos].contains('|') {
            return street_like(text, cell, data);
        }
    }
    let (s, e) = if s0 < e0 {
        let mut seg_starts: Vec<usize> = text[s0..e0]
            .char_indices()
            .filter(|&(i, c)| {
                is_separator(c) && c != '.' && c != '#' && !in_number_range(text, s0 + i)
            })
            .map(|(i, c)| s0 + i + c.len_utf8())
            .collect();
        // An address in parentheses after a name ("Tink Germany GmbH (Gottfried-Keller-
        // Strasse 33, 81245 Munich)"): a segment starts after the '(' left open, when a
        // comma ends it ("(1015 AA / 1017 CB Amsterdam)" holds two postcodes, no street).
        if let Some(k) = text[s0..e0].rfind('(') {
            if !text[s0 + k..e0].contains(')') && text[e0..pos].contains(',') {
                let open = s0 + k + 1;
                let at = seg_starts.partition_point(|&x| x < open);
                seg_starts.insert(at, open);
            }
        }
        let mut seg_start = seg_starts.last().copied().unwrap_or(s0);
        // A secondary unit is part of the street before it: "675 Ponce de Leon Ave NE,
        // Suite 5000, Atlanta, GA 30308".
        if unit_designator(text[seg_start..e0].trim()) {
            let before = seg_starts
                .len()
                .checked_sub(2)
                .map_or(s0, |k| seg_starts[k]);
            if before < seg_start && street_like(text, (before, seg_start), data).is_some() {
                seg_start = before;
            }
        }
        let seg = trim_span(text, seg_start, e0, |c| c.is_whitespace());
        if street_like(text, seg, data).is_none() {
            if let Some(street) = street_segment_further_back(text, s0, &seg_starts, seg, data) {
                return Some(street);
            }
        }
        seg
    } else {
        // Line above (skipping up to two blank lines).
        let mut end = ls;
        let mut found = None;
        for _ in 0..3 {
            if end == 0 {
                break;
            }
            let prev_end = end - 1; // the '\n'
            let ps = line_start(text, prev_end);
            let (a, b) = trim_span(text, ps, prev_end, |c| {
                c.is_whitespace() || c == '|' || c == '•'
            });
            if a < b {
                found = Some((a, b));
                break;
            }
            end = ps;
        }
        let (a, b) = found?;
        // A line of prose wrapped after the street's comma ("… steht die Postfach Pro
        // GmbH, Friedrichstraße 68,⏎10117 Berlin"): its last comma segment, with a
        // secondary unit's street before it ("500 Congress Avenue, Suite 1200,").
        let (a, b) = match text[a..b].strip_suffix(',') {
            Some(line) => {
                let b = a + line.len();
                let cut = |end: usize| text[a..end].rfind(',').map_or(a, |k| a + k + 1);
                let mut seg = cut(b);
                if unit_designator(text[seg..b].trim()) && seg > a {
                    let before = cut(seg - 1);
                    if street_like(text, (before, seg - 1), data).is_some() {
                        seg = before;
                    }
                }
                trim_span(text, seg, b, |c| c.is_whitespace())
            }
            None => (a, b),
        };
        // Only the last segment of that line ("GitHub, Inc., 88 Colin P Kelly Jr St").
        let seg_start = text[a..b]
            .char_indices()
            .filter(|(_, c)| matches!(*c, '•' | '|' | '·' | ';'))
            .map(|(i, c)| a + i + c.len_utf8())
            .next_back()
            .unwrap_or(a);
        trim_span(text, seg_start, b, |c| c.is_whitespace())
    };
    street_like(text, (s, e), data)
}

/// Most segments between a street and its city that [`street_before`] passes over: a
/// business park and a locality ("One Microsoft Place, South County Business Park,
/// Leopardstown, Dublin 18").
const SEGMENTS_BEFORE_CITY: usize = 2;

/// The street among the [`SEGMENTS_BEFORE_CITY`] segments of a line before `last`, the
/// segment right before the city (each segment starts at `line_start` or at one of
/// `seg_starts`, after a separator), nearest first, when `last` is no street; an
/// organisation's name ends the search. Every segment passed over, `last` too, must read
/// like a place's name (at most `PLACE_NAME_WORDS` capitalised words, no digit, no full
/// stop at its end: "…, Illinois 60612, USA. 2021 SCCs" is a sentence's end and a year),
/// and the street has at most `STREET_WORDS` words: in prose, a sentence before a year
/// ("… höchstens 90 Tage; … vom 4. Juni 2021 Bestandteil") is no address.
fn street_segment_further_back(
    text: &str,
    line_start: usize,
    seg_starts: &[usize],
    last: (usize, usize),
    data: &EntityData,
) -> Option<(usize, usize)> {
    /// Most words of a segment passed over ("South County Business Park").
    const PLACE_NAME_WORDS: usize = 4;
    /// Most words of a street found further back ("1 Grand Canal Street Lower").
    const STREET_WORDS: usize = 6;
    let place_name = |seg: &str| {
        let words: Vec<&str> = seg.split_whitespace().collect();
        (1..=PLACE_NAME_WORDS).contains(&words.len())
            && words.iter().all(|w| w.starts_with(char::is_uppercase))
            && !seg.contains(|c: char| c.is_ascii_digit())
            && !seg.ends_with('.')
    };
    let mut starts = vec![line_start];
    // The starts of the segments before `last` (its own start lies before its spaces).
    starts.extend(
        seg_starts
            .iter()
            .copied()
            .filter(|&k| k < last.0 && !text[k..last.0].trim().is_empty()),
    );
    let mut passed = last;
    let mut end = last.0;
    for &start in starts.iter().rev().take(SEGMENTS_BEFORE_CITY) {
        let (a, z) = trim_span(text, start, end, |c| c.is_whitespace() || is_separator(c));
        if !place_name(&text[passed.0..passed.1]) || a >= z || names_organisation(&text[a..z], data)
        {
            return None;
        }
        if let Some((s, e)) = street_like(text, (a, z), data) {
            return (text[s..e].split_whitespace().count() <= STREET_WORDS).then_some((s, e));
        }
        passed = (a, z);
        end = start;
    }
    None
}

/// The city of "Zoom Communications Inc., San Jose, 55 Almaden Boulevard, 6th Floor, CA
/// 95113": when the comma segment right before the state (at `pos`) is a secondary unit,
/// the nearest earlier segment of the line that is a city of the gazetteer in `country`.
/// Returns the city's span and the end of the unit's segment (where the street, with its
/// unit, ends).
fn city_before_street_and_unit(
    text: &str,
    pos: usize,
    data: &EntityData,
    country: &str,
) -> Option<((usize, usize), usize)> {
    let ls = line_start(text, pos);
    let line = text[ls..pos].trim_end_matches([' ', '\t', ',']);
    let mut segments = line.rsplit(',');
    let unit = segments.next()?;
    if !unit_designator(unit.trim()) {
        return None;
    }
    let mut end = ls + line.len() - unit.len() - 1;
    for seg in segments.take(3) {
        let start = end - seg.len();
        let (s, e) = trim_span(text, start, end, |c| c.is_whitespace());
        if s < e
            && data
                .city_countries(&text[s..e])
                .iter()
                .any(|c| c == country)
        {
            return Some(((s, e), ls + line.len()));
        }
        end = start.saturating_sub(1);
    }
    None
}

/// Whether `segment` is a secondary unit of an address ("Suite 5000", "Ste. 200", "Floor
/// 3", "Unit 4B", "Room 12", "Apt 5"): a unit word and one short number or code.
fn unit_designator(segment: &str) -> bool {
    static UNIT: OnceLock<Regex> = OnceLock::new();
    UNIT.get_or_init(|| {
        Regex::new(
            r"(?i)^(?:(?:suite|ste\.?|unit|floor|fl\.|room|rm\.?|apt\.?|apartment|building|bldg\.?)[ \t]*#?[0-9][0-9A-Za-z-]{0,5}|[0-9]{1,3}(?:st|nd|rd|th)[ \t]+(?:floor|fl\.?))$",
        )
        .expect("unit regex should compile")
    })
    .is_match(segment)
}

/// The cell above the one holding `pos`, when the line of `pos` and the nearest non-blank
/// line above are rows of one table (the same number of cells, at least 2).
fn table_cell_above(text: &str, pos: usize) -> Option<(usize, usize)> {
    let k = cell_index(text, pos)?;
    let ls = line_start(text, pos);
    let n = cell_count(text, ls, line_end(text, pos));
    let mut end = ls;
    for _ in 0..3 {
        // At the text's start, or below a line the scan cut off.
        if end == 0 || text.as_bytes()[end - 1] != b'\n' {
            return None;
        }
        let ps = line_start(text, end - 1);
        if !text[ps..end - 1].trim().is_empty() {
            return (n >= 2 && cell_count(text, ps, end - 1) == n)
                .then(|| cell_span(text, ps, end - 1, k))
                .flatten();
        }
        end = ps;
    }
    None
}

/// Last words of a sentence that introduces an address after a colon (lower case).
const STREET_INTROS: [&str; 9] = [
    "as follows",
    "contact details",
    "address",
    "anschrift",
    "adresse",
    "kontaktdaten",
    "wie folgt",
    "lautet",
    "lauten",
];

/// `[s, e)` trimmed, when it looks like a street (a house number, a street word or a
/// P.O. box) and is no organisation name, phone number or label.
fn street_like(text: &str, (s, e): (usize, usize), data: &EntityData) -> Option<(usize, usize)> {
    static STREET: OnceLock<Regex> = OnceLock::new();
    let street_re = STREET.get_or_init(|| {
        Regex::new(&latin_letters(
            r"(?x)^(?:
              [0-9]+[a-zA-Z]?(?:[-–/][0-9]+[a-zA-Z]?)?,?[\x20\t]+\p{L}.*                       # 112 E Pecan St
            | .*\p{L}[.\p{L}]*[\x20\t]+[0-9]+[\x20\t]?[a-zA-Z]?(?:[\x20\t]?[-–/][\x20\t]?[0-9]+[a-zA-Z]?)?(?:[\x20\t]+\S{1,6}){0,3} # Alt-Moabit 140
            | (?i:p\.?[\x20\t]?o\.?[\x20\t]+box|postfach|postbus|bo[iî]te[\x20\t]postale|pmb)\b.*
            )$",
        ))
        .expect("street regex should compile")
    });
    if s >= e {
        return None;
    }
    let (mut s, e) = trim_span(text, s, e, |c| {
        c == '.' || c == ',' || c.is_whitespace() || c == '*' || c == '_'
    });
    // Japanese wards: "Roppongi 6-10-1, Minato-ku" — the ward belongs to the street part.
    let ward = text[s..e].ends_with("-ku") || text[s..e].ends_with("-shi");
    if ward {
        let ls2 = line_start(text, s);
        if let Some(i) = text[ls2..s].trim_end().strip_suffix(',').map(|p| p.len()) {
            let ps = text[ls2..ls2 + i]
                .rfind(',')
                .map(|j| ls2 + j + 1)
                .unwrap_or(ls2);
            s = trim_span(text, ps, e, char::is_whitespace).0;
        }
    }
    // A label before the street ("Address: 88 Colin P Kelly Jr St", "Anschrift: …"), or a
    // sentence introducing it ("Our contact details are as follows: Baumwall 7").
    if let Some(i) = text[s..e].find(": ") {
        let label = &text[s..s + i];
        if label.split_whitespace().count() <= 2 && !label.chars().any(|c| c.is_ascii_digit()) {
            s = trim_span(text, s + i + 1, e, char::is_whitespace).0;
        }
    }
    if let Some(i) = text[s..e].rfind(": ") {
        let intro = text[s..s + i].trim_end().to_lowercase();
        if STREET_INTROS.iter().any(|w| intro.ends_with(w)) {
            s = trim_span(text, s + i + 1, e, char::is_whitespace).0;
        }
    }
    // Words introducing the street in running text ("whose registered office is at 20
    // Farringdon Road", "mit Sitz in der Hauptstraße 5"): the street starts after the
    // last connector before it.
    if text[s..e].starts_with(|c: char| c.is_lowercase()) {
        static INTRO: OnceLock<Regex> = OnceLock::new();
        let intro = INTRO.get_or_init(|| {
            Regex::new(r"^\p{Ll}[^,:;\d\n]{0,80}\b(?:at|in[ \t]+der|in|is|unter|an[ \t]+der)[ \t]+")
                .expect("street intro regex should compile")
        });
        if let Some(m) = intro.find(&text[s..e]) {
            if s + m.end() < e {
                s += m.end();
            }
        }
    }
    // … or the organisation's seat after its name on the same segment ("Nordwind Cloud
    // GmbH mit Sitz in der Hauptstraße 5", "… with company number 01234567 whose
    // registered office is at 1 High Street", "principal place of business at …").
    {
        static SEAT: OnceLock<Regex> = OnceLock::new();
        let seat = SEAT.get_or_init(|| {
            Regex::new(r"(?i)\b(?:mit[ \t]+sitz|sitz|ansässig|located|offices?(?:[ \t]+is)?|place[ \t]+of[ \t]+business|domiciled)[ \t]+(?:at|in[ \t]+der|in|unter|an[ \t]+der)[ \t]+")
                .expect("seat intro regex should compile")
        });
        if let Some(m) = seat.find_iter(&text[s..e]).last() {
            if text[s + m.end()..e].starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
                s += m.end();
            }
        }
    }
    let cand = &text[s..e];
    if cand.len() < 3 || cand.len() > 80 {
        return None;
    }
    // Not an organisation name, a phone number or a date.
    if names_organisation(cand, data) {
        return None;
    }
    let lower = cand.to_lowercase();
    if [
        "tel", "fax", "phone", "telefon", "e-mail", "email", "www.", "http", "hrb", "iban", "art.",
    ]
    .iter()
    .any(|w| lower.starts_with(w))
    {
        return None;
    }
    if ward || street_re.is_match(cand) || data.has_street_word(cand) {
        Some((s, e))
    } else {
        None
    }
}

/// Whether `segment` holds a legal form as a word of its own ("Microsoft Ireland
/// Operations Limited"): an organisation's name, no street.
fn names_organisation(segment: &str, data: &EntityData) -> bool {
    data.form_re.find(segment).is_some_and(|m| {
        boundary_after(segment, m.end())
            && (m.start() == 0 || segment[..m.start()].ends_with([' ', ',']))
    })
}

/// A country mention right after an address (", Belgien", " (USA)", "\nThe Netherlands"):
/// only separators, at most one other short segment ("Genf,") and at most one line break between.
fn explicit_country_after(
    text: &str,
    pos: usize,
    mentions: &[CountryMention],
) -> Option<(String, usize)> {
    let limit = (pos + 60).min(text.len());
    let mut best: Option<&CountryMention> = None;
    for m in mentions {
        if m.start < pos || m.start > limit {
            continue;
        }
        if best.map(|b| m.start < b.start).unwrap_or(true) {
            best = Some(m);
        }
    }
    if best.is_some_and(|m| same_table_other_rows(text, pos, m.start)) {
        return country_in_cell_below(text, pos, mentions);
    }
    let m = best?;
    let gap = &text[pos..m.start];
    let newlines = gap.matches('\n').count();
    if newlines > 2 {
        return None;
    }
    // A district before its city is written with a slash ("34394 Şişli/Istanbul, Türkei").
    let words: Vec<&str> = gap
        .split(|c: char| c.is_whitespace() || is_separator(c) || "()[]/".contains(c))
        .filter(|w| !w.is_empty() && *w != "the" && *w != "The")
        .collect();
    // One in-between word is allowed on the same line ("1228 Plan-les-Ouates, Genf, Schweiz").
    if words.len() > 1 || (!words.is_empty() && newlines > 0) {
        return None;
    }
    if let Some(w) = words.first() {
        if !w.chars().next().map(|c| c.is_uppercase()).unwrap_or(false) {
            return None;
        }
    }
    // The mention must end its line or be followed by a separator / bracket.
    let rest = text[m.end..].chars().next();
    if let Some(ch) = rest {
        if ch.is_alphanumeric() {
            return None;
        }
    }
    let end = if text[m.end..].starts_with(')') && gap.contains('(') {
        m.end + 1
    } else {
        m.end
    };
    Some((m.code.clone(), end))
}

/// In a table, the country of an address ending at `pos` in one cell: a mention that
/// alone fills the same cell of the next row ("1017 HL Amsterdam" above "The Netherlands"
/// in the second column, "United States" in the first), with nothing after `pos` in its
/// own cell.
fn country_in_cell_below(
    text: &str,
    pos: usize,
    mentions: &[CountryMention],
) -> Option<(String, usize)> {
    let k = cell_index(text, pos)?;
    let le = line_end(text, pos);
    let own_rest = &text[pos..text[pos..le].find('|').map_or(le, |i| pos + i)];
    if !own_rest.trim().is_empty() {
        return None;
    }
    // The next row starts after this one's line break (a line cut at the scan limit has none).
    if text.as_bytes().get(le) != Some(&b'\n') {
        return None;
    }
    let next = le + 1;
    let (cs, ce) = cell_span(text, next, line_end(text, next), k)?;
    let m = mentions
        .iter()
        .find(|m| cs <= m.start && m.end <= ce && same_table_other_rows(text, pos, m.start))?;
    let before = text[cs..m.start].trim();
    let after = text[m.end..ce].trim_matches(|c: char| c.is_whitespace() || c == '.');
    (matches!(before, "" | "the" | "The") && after.is_empty()).then(|| (m.code.clone(), m.end))
}

/// The crown dependency whose postcodes the UK's system covers, by postcode area:
/// Jersey ("St Helier, Jersey JE2 3QA"), Guernsey (GY) and the Isle of Man (IM) are no
/// part of the UK and have adequacy decisions of their own.
fn crown_dependency(postcode: &str) -> Option<&'static str> {
    let area: String = postcode
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    match area.as_str() {
        "JE" => Some("JE"),
        "GY" => Some("GG"),
        "IM" => Some("IM"),
        _ => None,
    }
}

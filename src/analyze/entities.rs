//! Aggregates: parties, countries, providers and locations, each deduplicated and
//! citing the findings it rests on.

use std::collections::BTreeMap;

use super::value::{
    country_code_of, country_name, flag, negated, parse_status, sort_ids, status_of, str_of,
};
use crate::findings::{Finding, FindingKind};
use crate::patterns::compile::Adequacy;
use crate::report::{CountryEntry, Location, NamedEntity, Party, Provider};

/// The contract's `parties[].roles[]` values, in output order.
pub const ROLES: [&str; 7] = [
    "controller",
    "processor",
    "subprocessor",
    "parent",
    "representative",
    "dpo",
    "recipient",
];

/// Countries from non-negated `country` findings, aggregated by code and sorted by code.
///
/// Hooks for addresses and places: an `address` or `location` finding whose
/// `value.country` is not also named by a country finding inside its span adds a
/// mention (the country of "10115 Berlin" inferred from the postcode, Germany of "AWS
/// region eu-central-1" or "Rechenzentren in Frankfurt"). A country right after a place
/// ("Frankfurt, Deutschland", at most [`CITY_COUNTRY_GAP_BYTES`] between) is its own
/// mention already. Party countries come from their addresses, so they need no extra
/// hook.
pub(crate) fn countries(findings: &[Finding], adequacy: &[Adequacy]) -> Vec<CountryEntry> {
    let mut by_code: BTreeMap<String, CountryEntry> = BTreeMap::new();
    // (start, end, code) of each country mention, sorted by start below: one binary search
    // per address or place, so that a long document stays linear.
    let mut named: Vec<(usize, usize, String)> = Vec::new();
    for f in findings
        .iter()
        .filter(|f| f.kind == FindingKind::Country && !negated(f))
    {
        let Some(code) = country_code_of(f, "code") else {
            continue;
        };
        named.push((f.start, f.end, code.clone()));
        let e = by_code.entry(code.clone()).or_insert_with(|| CountryEntry {
            code: code.clone(),
            status: str_of(f, "status")
                .and_then(parse_status)
                .unwrap_or_else(|| status_of(&code, adequacy)),
            mentions: 0,
            name: str_of(f, "name").map_or_else(|| code.clone(), str::to_string),
            evidence: Vec::new(),
        });
        e.mentions += 1;
        e.evidence.push(f.id.clone());
    }
    named.sort_unstable();
    for a in findings
        .iter()
        .filter(|f| matches!(f.kind, FindingKind::Address | FindingKind::Location) && !negated(f))
    {
        let Some(code) = country_code_of(a, "country") else {
            continue;
        };
        // Inside the span; for a place, also right after it ("Frankfurt, Deutschland").
        let place = a.kind == FindingKind::Location;
        let last_start = if place {
            a.end + CITY_COUNTRY_GAP_BYTES
        } else {
            a.end
        };
        let from = named.partition_point(|&(s, _, _)| s < a.start);
        let named_inside = named[from..]
            .iter()
            .take_while(|&&(s, _, _)| s <= last_start)
            .any(|(_, e, c)| *c == code && (place || *e <= a.end));
        if named_inside {
            continue;
        }
        let e = by_code.entry(code.clone()).or_insert_with(|| CountryEntry {
            code: code.clone(),
            status: status_of(&code, adequacy),
            mentions: 0,
            name: country_name(&code).map_or_else(|| code.clone(), str::to_string),
            evidence: Vec::new(),
        });
        e.mentions += 1;
        e.evidence.push(a.id.clone());
    }
    let mut out: Vec<CountryEntry> = by_code.into_values().collect();
    for e in &mut out {
        sort_ids(&mut e.evidence);
    }
    out
}

/// Providers from `provider` findings, deduplicated by name (case-insensitive) in
/// order of first appearance; company, jurisdiction and category come from the
/// first finding that has them. Negated findings and card schemes (category
/// `payment_method`) make no provider.
pub(crate) fn providers(findings: &[Finding]) -> Vec<Provider> {
    let mut out: Vec<Provider> = Vec::new();
    // The lower-cased name of each entry of `out`, the key it is deduplicated by.
    let mut keys: Vec<String> = Vec::new();
    // A card scheme ("Kreditkarte (Visa, Mastercard)") is how a customer pays, not a
    // provider the document uses: the payment service that processes it is.
    for f in findings.iter().filter(|f| {
        f.kind == FindingKind::Provider
            && !negated(f)
            // "die Datenschutzerklärung von Instagram": whose policy, not a recipient.
            && !flag(f, "policy_reference")
            && str_of(f, "category") != Some("payment_method")
    }) {
        let Some(name) = str_of(f, "name") else {
            continue;
        };
        let key = name.to_lowercase();
        let pos = match keys.iter().position(|k| *k == key) {
            Some(pos) => pos,
            None => {
                keys.push(key);
                out.push(Provider {
                    name: name.to_string(),
                    company: None,
                    jurisdiction: None,
                    category: None,
                    evidence: Vec::new(),
                    named_entities: Vec::new(),
                    self_hosted: false,
                });
                out.len() - 1
            }
        };
        let p = &mut out[pos];
        if p.company.is_none() {
            p.company = str_of(f, "company").map(str::to_string);
        }
        if p.jurisdiction.is_none() {
            p.jurisdiction = country_code_of(f, "jurisdiction");
        }
        if p.category.is_none() {
            p.category = str_of(f, "category").map(str::to_string);
        }
        p.evidence.push(f.id.clone());
        // A mention that says the product runs on the owner's servers speaks for all.
        p.self_hosted |= flag(f, "self_hosted");
    }
    drop_bare_companies(out)
}

/// A bare company entry ("Microsoft", "Google") next to a product of the same company
/// that the document also names ("Microsoft Azure", "Google Analytics") adds nothing:
/// it is folded into the first such product (its evidence kept).
fn drop_bare_companies(mut providers: Vec<Provider>) -> Vec<Provider> {
    let mut i = 0;
    while i < providers.len() {
        let bare = &providers[i];
        let prefix = format!("{} ", bare.name.to_lowercase());
        let product = providers.iter().position(|q| {
            q.company.is_some()
                && q.company == bare.company
                && q.name.to_lowercase().starts_with(&prefix)
        });
        match product {
            Some(j) => {
                let removed = providers.remove(i);
                let j = if j > i { j - 1 } else { j };
                providers[j].evidence.extend(removed.evidence);
                sort_ids(&mut providers[j].evidence);
            }
            None => i += 1,
        }
    }
    providers
}

/// Fills `parties[].stated_mechanism.mechanisms`: the mechanisms of the transfer findings
/// inside each stated value that the document relies on (not negated, historical,
/// hypothetical or a heading), in [`super::MECHANISMS`] order, each once.
pub(crate) fn stated_mechanisms(parties: &mut [Party], findings: &[Finding]) {
    for p in parties {
        let Some(m) = p.stated_mechanism.as_mut() else {
            continue;
        };
        m.mechanisms = super::MECHANISMS
            .iter()
            .filter(|&&name| {
                findings.iter().any(|f| {
                    m.start <= f.start
                        && f.end <= m.end
                        && super::transfers::relied_mechanism(f) == Some(name)
                })
            })
            .map(|name| name.to_string())
            .collect();
    }
}

/// Drops the providers whose named entities (`named_entities`, at least one) are all
/// parties the document no longer uses, does not use or does not use yet (`former`,
/// `not_used`, `planned`): "Intercom R&D Unlimited Company is no longer a sub-processor"
/// ends the use of Intercom wherever the document names it, "Not a sub-processor: Google
/// Maps Platform (Google Ireland Limited)" that of Google Maps.
pub(crate) fn drop_inactive_providers(providers: &mut Vec<Provider>, parties: &[Party]) {
    let inactive = |name: &str| {
        parties
            .iter()
            .find(|p| p.name == name)
            .is_some_and(|p| p.former || p.not_used || p.planned)
    };
    providers.retain(|p| {
        p.named_entities.is_empty() || !p.named_entities.iter().all(|e| inactive(&e.name))
    });
}

/// Fills `providers[].named_entities`: each party with a legal form whose name begins,
/// as whole words, with the provider's name or with its company's name without the
/// legal form ("Meta Platforms" of "Meta Platforms, Inc."), in the order of `parties`.
/// Names shorter than three letters ("X" of "X Corp.") link nothing. A party goes to the
/// providers whose name it begins with the longest: "Amazon Web Services EMEA SARL" to
/// Amazon Web Services, not also to Amazon.
pub(crate) fn link_named_entities(providers: &mut [Provider], parties: &[Party]) {
    let forms = crate::entities::data::EntityData::embedded();
    // Per provider, its lower-case names.
    let keys: Vec<Vec<String>> = providers
        .iter()
        .map(|p| {
            let stem = p.company.as_deref().map(|c| company_stem(c, forms));
            std::iter::once(p.name.as_str())
                .chain(stem.as_deref())
                .filter(|k| k.chars().filter(|c| c.is_alphanumeric()).count() >= 3)
                .map(str::to_lowercase)
                .collect()
        })
        .collect();
    for p in providers.iter_mut() {
        p.named_entities.clear();
    }
    for party in parties.iter().filter(|party| party.legal_form.is_some()) {
        let name = party.name.to_lowercase();
        // Per provider, the length of its longest name that the party's name begins with.
        let lengths: Vec<usize> = keys
            .iter()
            .map(|ks| {
                ks.iter()
                    .filter(|k| begins_with_words(&name, k))
                    .map(String::len)
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let longest = lengths.iter().copied().max().unwrap_or(0);
        if longest == 0 {
            continue;
        }
        for (p, &n) in providers.iter_mut().zip(&lengths) {
            if n == longest {
                p.named_entities.push(NamedEntity {
                    name: party.name.clone(),
                    country: party.country.clone(),
                });
            }
        }
    }
}

/// `company` without its trailing legal form and the comma before it: "Meta Platforms,
/// Inc." → "Meta Platforms", "OpenAI, L.L.C." → "OpenAI", "SAP SE" → "SAP".
fn company_stem(company: &str, forms: &crate::entities::data::EntityData) -> String {
    let mut words: Vec<&str> = company.split_whitespace().collect();
    while words.len() > 1 {
        let last = words[words.len() - 1];
        if forms.form_of_variant(last).is_none() {
            break;
        }
        words.pop();
    }
    words.join(" ").trim_end_matches(',').to_string()
}

/// Whether `name` is `key` or begins with `key` followed by a space or a comma.
fn begins_with_words(name: &str, key: &str) -> bool {
    name.strip_prefix(key)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ',']))
}

/// Bytes between a city and the country that qualifies it ("Frankfurt, Deutschland",
/// "Wien (Österreich)"): a comma or bracket and a space.
const CITY_COUNTRY_GAP_BYTES: usize = 2;

/// Locations from `location` findings, deduplicated by (city, country) in order of
/// first appearance. A region-only finding ("EU") is a location with neither. A
/// country right after a city in it ("Rechenzentren in Frankfurt, Deutschland und
/// Wien", where a list rule reads "Deutschland" as an item of its own) qualifies the
/// city: it is evidence of the city's location, not a location of its own.
pub(crate) fn locations(findings: &[Finding]) -> Vec<Location> {
    let mut out: Vec<Location> = Vec::new();
    // The last city location: (index into out, its finding's end).
    let mut last_city: Option<(usize, usize)> = None;
    for f in findings
        .iter()
        .filter(|f| f.kind == FindingKind::Location && !negated(f))
    {
        let city = str_of(f, "city").map(str::to_string);
        let country = country_code_of(f, "country");
        if let (None, Some(c), Some((i, end))) = (&city, &country, last_city) {
            let qualifies = f.start >= end
                && f.start - end <= CITY_COUNTRY_GAP_BYTES
                && out[i].country.as_deref() == Some(c.as_str());
            if qualifies {
                out[i].evidence.push(f.id.clone());
                last_city = None;
                continue;
            }
        }
        let at = match out.iter().position(|l| {
            l.country == country
                && l.city.as_deref().map(str::to_lowercase)
                    == city.as_deref().map(str::to_lowercase)
        }) {
            Some(i) => {
                out[i].evidence.push(f.id.clone());
                i
            }
            None => {
                out.push(Location {
                    city,
                    country,
                    evidence: vec![f.id.clone()],
                });
                out.len() - 1
            }
        };
        last_city = out[at].city.is_some().then_some((at, f.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::fnd;
    use super::*;
    use crate::report::CountryStatus;
    use serde_json::json;

    #[test]
    fn countries_aggregate_skip_negated_and_sort_by_code() {
        let fs = vec![
            fnd(
                1,
                FindingKind::Country,
                "country.name",
                10,
                json!({"code":"US","name":"United States","status":"third_country"}),
            ),
            fnd(
                2,
                FindingKind::Country,
                "country.name",
                50,
                json!({"code":"DE","name":"Germany","status":"eu"}),
            ),
            fnd(
                3,
                FindingKind::Country,
                "country.name",
                90,
                json!({"code":"US","name":"United States","status":"third_country"}),
            ),
            fnd(
                4,
                FindingKind::Country,
                "country.name",
                120,
                json!({"code":"CN","name":"China","status":"third_country","negated":true}),
            ),
            fnd(
                5,
                FindingKind::Country,
                "country.name",
                150,
                json!({"name":"no code"}),
            ),
        ];
        let cs = countries(&fs, &super::super::testutil::adequacy());
        let got: Vec<(&str, CountryStatus, u32, Vec<String>)> = cs
            .iter()
            .map(|c| (c.code.as_str(), c.status, c.mentions, c.evidence.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("DE", CountryStatus::Eu, 1, vec!["f2".to_string()]),
                (
                    "US",
                    CountryStatus::ThirdCountry,
                    2,
                    vec!["f1".to_string(), "f3".to_string()]
                ),
            ]
        );
        assert_eq!(cs[1].name, "United States");
    }

    #[test]
    fn address_country_counts_once_and_is_named() {
        // Address f2 spans 10..40 and contains the country finding f3 (30..40, "USA"): one mention.
        // Address f5 has no country finding inside: DE is added from the address.
        let mut addr = fnd(
            2,
            FindingKind::Address,
            "address.us",
            10,
            json!({"city":"San Antonio","country":"US"}),
        );
        addr.end = 40;
        let mut addr_de = fnd(
            5,
            FindingKind::Address,
            "address.de",
            100,
            json!({"city":"Berlin","country":"DE"}),
        );
        addr_de.end = 130;
        let fs = vec![
            fnd(
                1,
                FindingKind::Party,
                "party.org",
                0,
                json!({"name":"Mailgun Technologies, Inc.","legal_form":"Inc.","role":"processor"}),
            ),
            addr,
            fnd(
                3,
                FindingKind::Country,
                "country.name",
                30,
                json!({"code":"US","name":"United States","status":"third_country"}),
            ),
            fnd(
                4,
                FindingKind::Party,
                "party.org",
                90,
                json!({"name":"Acme GmbH","legal_form":"GmbH","role":"controller"}),
            ),
            addr_de,
        ];
        let cs = countries(&fs, &super::super::testutil::adequacy());
        assert_eq!(
            cs.iter()
                .map(|c| (c.code.as_str(), c.mentions))
                .collect::<Vec<_>>(),
            vec![("DE", 1), ("US", 1)]
        );
        assert_eq!(cs[0].status, CountryStatus::Eu);
        // DE is known only from the address: its name comes from the country list.
        assert_eq!(cs[0].name, "Germany");
        assert_eq!(super::country_name("ZZ"), None);
    }

    #[test]
    fn providers_dedupe_by_name_in_first_appearance_order() {
        let fs = vec![
            fnd(
                1,
                FindingKind::Provider,
                "provider.gazetteer",
                0,
                json!({"name":"Mailgun","company":"Mailgun Technologies, Inc.","jurisdiction":"US","category":"email"}),
            ),
            fnd(
                2,
                FindingKind::Provider,
                "provider.gazetteer",
                10,
                json!({"name":"Amazon Web Services","jurisdiction":"us"}),
            ),
            fnd(
                3,
                FindingKind::Provider,
                "provider.gazetteer",
                20,
                json!({"name":"Mailgun"}),
            ),
        ];
        let ps = providers(&fs);
        assert_eq!(
            ps.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            vec!["Mailgun", "Amazon Web Services"]
        );
        assert_eq!(ps[0].evidence, vec!["f1", "f3"]);
        assert_eq!(ps[0].company.as_deref(), Some("Mailgun Technologies, Inc."));
        assert_eq!(ps[1].jurisdiction.as_deref(), Some("US"));
        assert_eq!(ps[1].company, None);
    }

    #[test]
    fn bare_company_folds_into_its_named_product() {
        let fs = vec![
            fnd(
                1,
                FindingKind::Provider,
                "provider.gazetteer",
                0,
                json!({"name":"Microsoft","company":"Microsoft Corporation","jurisdiction":"US"}),
            ),
            fnd(
                2,
                FindingKind::Provider,
                "provider.gazetteer",
                20,
                json!({"name":"Microsoft Azure","company":"Microsoft Corporation","jurisdiction":"US"}),
            ),
            fnd(
                3,
                FindingKind::Provider,
                "provider.gazetteer",
                40,
                json!({"name":"Google","company":"Google LLC","jurisdiction":"US"}),
            ),
        ];
        let ps = providers(&fs);
        // "Google" stays: no Google product is named.
        assert_eq!(
            ps.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            vec!["Microsoft Azure", "Google"]
        );
        assert_eq!(ps[0].evidence, vec!["f1", "f2"]);
    }

    #[test]
    fn locations_dedupe_by_city_and_country() {
        let fs = vec![
            fnd(
                1,
                FindingKind::Location,
                "location.datacenter",
                0,
                json!({"city":"Frankfurt am Main","country":"DE"}),
            ),
            fnd(
                2,
                FindingKind::Location,
                "location.eu",
                10,
                json!({"city":null,"country":null,"region":"EU"}),
            ),
            fnd(
                3,
                FindingKind::Location,
                "location.datacenter",
                20,
                json!({"city":"Frankfurt am Main","country":"DE"}),
            ),
            fnd(
                4,
                FindingKind::Location,
                "location.region_code",
                100,
                json!({"city":null,"country":"DE"}),
            ),
        ];
        let ls = locations(&fs);
        let got: Vec<(Option<&str>, Option<&str>, usize)> = ls
            .iter()
            .map(|l| (l.city.as_deref(), l.country.as_deref(), l.evidence.len()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("Frankfurt am Main"), Some("DE"), 2),
                (None, None, 1),
                (None, Some("DE"), 1)
            ]
        );
    }

    #[test]
    fn a_country_right_after_a_city_qualifies_it() {
        let loc = |n: u32, start: usize, end: usize, city: Option<&str>, country: &str| {
            let mut f = fnd(
                n,
                FindingKind::Location,
                "location.x",
                start,
                json!({"city": city, "country": country}),
            );
            f.end = end;
            f
        };
        // "Rechenzentren in Frankfurt, Deutschland und Wien": Deutschland (2 bytes after
        // Frankfurt) qualifies Frankfurt; then Wien; then Deutschland alone, far away, and
        // Österreich right after a German city (another country) are locations.
        let fs = vec![
            loc(1, 0, 26, Some("Frankfurt am Main"), "DE"),
            loc(2, 28, 39, None, "DE"),
            loc(3, 44, 48, Some("Wien"), "AT"),
            loc(4, 200, 211, None, "DE"),
            loc(5, 300, 310, Some("Berlin"), "DE"),
            loc(6, 312, 322, None, "AT"),
        ];
        let ls = locations(&fs);
        let got: Vec<(Option<&str>, Option<&str>, Vec<&str>)> = ls
            .iter()
            .map(|l| {
                (
                    l.city.as_deref(),
                    l.country.as_deref(),
                    l.evidence.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("Frankfurt am Main"), Some("DE"), vec!["f1", "f2"]),
                (Some("Wien"), Some("AT"), vec!["f3"]),
                (None, Some("DE"), vec!["f4"]),
                (Some("Berlin"), Some("DE"), vec!["f5"]),
                (None, Some("AT"), vec!["f6"]),
            ]
        );
    }

    #[test]
    fn a_company_without_its_legal_form_is_its_stem() {
        let forms = crate::entities::data::EntityData::embedded();
        for (company, stem) in [
            ("Meta Platforms, Inc.", "Meta Platforms"),
            ("OpenAI, L.L.C.", "OpenAI"),
            ("SAP SE", "SAP"),
            ("The Rocket Science Group LLC", "The Rocket Science Group"),
            ("Amazon.com, Inc.", "Amazon.com"),
            // A name that is a legal form alone keeps its one word.
            ("GmbH", "GmbH"),
        ] {
            assert_eq!(company_stem(company, forms), stem, "{company}");
        }
        assert!(begins_with_words(
            "meta platforms ireland limited",
            "meta platforms"
        ));
        assert!(begins_with_words("google, inc.", "google"));
        assert!(!begins_with_words("metaways infosystems gmbh", "meta"));
    }
}

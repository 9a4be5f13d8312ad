//! Reading finding values (see the value conventions in the module docs of [`super`]).
//!
//! Values are JSON objects written by the matchers; a missing key, a wrong type
//! or an empty string all read as "absent", never as an error.

use std::cmp::Ordering;

use crate::findings::Finding;
use crate::patterns::compile::Adequacy;
use crate::report::CountryStatus;

/// The non-empty, trimmed string under `key`, if any.
pub(crate) fn str_of<'a>(f: &'a Finding, key: &str) -> Option<&'a str> {
    f.value
        .get(key)
        .and_then(|v| v.as_str())
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The boolean under `key`; absent or not a boolean reads as false.
pub(crate) fn flag(f: &Finding, key: &str) -> bool {
    f.value.get(key).and_then(|v| v.as_bool()).unwrap_or(false)
}

/// The finite number under `key`, if any.
pub(crate) fn num(f: &Finding, key: &str) -> Option<f64> {
    f.value
        .get(key)
        .and_then(|v| v.as_f64())
        .filter(|x| x.is_finite())
}

/// Byte offsets of the blank lines ("\n\n") that separate the paragraphs of `text`,
/// ascending.
pub(crate) fn paragraph_breaks(text: &str) -> Vec<usize> {
    memchr::memmem::find_iter(text.as_bytes(), b"\n\n").collect()
}

/// True when the finding is inside a negation ("keine Übermittlung in die USA").
pub(crate) fn negated(f: &Finding) -> bool {
    flag(f, "negated")
}

/// An upper-case ISO 3166-1 alpha-2 code under `key`, if the value is one.
pub(crate) fn country_code_of(f: &Finding, key: &str) -> Option<String> {
    str_of(f, key).and_then(country_code)
}

/// `s` as an upper-case alpha-2 code, when it is two ASCII letters.
pub(crate) fn country_code(s: &str) -> Option<String> {
    let s = s.trim();
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic())).then(|| s.to_ascii_uppercase())
}

/// Parses a `countries[].status` string.
pub(crate) fn parse_status(s: &str) -> Option<CountryStatus> {
    match s {
        "eu" => Some(CountryStatus::Eu),
        "eea" => Some(CountryStatus::Eea),
        "adequate" => Some(CountryStatus::Adequate),
        "third_country" => Some(CountryStatus::ThirdCountry),
        _ => None,
    }
}

/// The English name of a country code ("US" → "United States"), from the embedded
/// `patterns/countries.csv`: for a country known only from an address ("78701 Austin,
/// TX"), which no country finding names. `None` for an unknown code.
pub(crate) fn country_name(code: &str) -> Option<&'static str> {
    country_names().by_code.get(code).map(String::as_str)
}

/// Whether `word` is the English or German name of a country ("Ireland", "Irland"), from
/// the embedded `patterns/countries.csv` (names only, no variants).
pub(crate) fn is_country_name(word: &str) -> bool {
    country_names().names.contains(word)
}

/// The embedded `patterns/countries.csv`, parsed once.
#[derive(Default)]
struct CountryNames {
    /// English name by ISO code.
    by_code: std::collections::HashMap<String, String>,
    /// English and German names.
    names: std::collections::HashSet<String>,
}

/// [`CountryNames`], parsed on first use (empty if the embedded file cannot be read).
fn country_names() -> &'static CountryNames {
    static NAMES: std::sync::OnceLock<CountryNames> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let text = crate::patterns::load::EMBEDDED
            .get_file("countries.csv")
            .and_then(|f| f.contents_utf8())
            .unwrap_or_default();
        let Ok(t) = crate::patterns::csv::parse(text) else {
            return CountryNames::default();
        };
        let (Ok(c), Ok(en), Ok(de)) = (t.column("code"), t.column("name_en"), t.column("name_de"))
        else {
            return CountryNames::default();
        };
        CountryNames {
            by_code: t
                .rows
                .iter()
                .map(|r| (r.fields[c].clone(), r.fields[en].clone()))
                .collect(),
            names: t
                .rows
                .iter()
                .flat_map(|r| [r.fields[en].clone(), r.fields[de].clone()])
                .collect(),
        }
    })
}

/// GDPR status of a country code given the adequacy decisions in force
/// (`patterns/adequacy.csv`, embedded or overridden). Used where a finding names a
/// country without a status (provider jurisdictions, location and address countries);
/// a country finding's own `status` takes precedence in `countries[]`.
pub(crate) fn status_of(code: &str, adequacy: &[Adequacy]) -> CountryStatus {
    crate::patterns::compile::status_of(&canonical_code(code), adequacy)
}

/// The adequacy decision that covers only some recipients in `code` (scope "partial":
/// the EU-U.S. Data Privacy Framework covers certified organisations only), if any. A
/// country with such a decision keeps the status `third_country`.
pub(crate) fn partial_adequacy<'a>(code: &str, adequacy: &'a [Adequacy]) -> Option<&'a Adequacy> {
    let code = canonical_code(code);
    adequacy
        .iter()
        .find(|a| a.code == code && a.scope == "partial")
}

/// `code` in upper case, with the EU's "EL" for Greece and the common slip "UK" as
/// ISO 3166-1 has them ("GR", "GB").
fn canonical_code(code: &str) -> String {
    match code.to_ascii_uppercase().as_str() {
        "EL" => "GR".to_string(),
        "UK" => "GB".to_string(),
        c => c.to_string(),
    }
}

/// True for a country outside the EU/EEA, with or without an adequacy decision
/// (the contract's "third country": Switzerland and the UK count).
pub(crate) fn outside_eea(status: CountryStatus) -> bool {
    matches!(
        status,
        CountryStatus::Adequate | CountryStatus::ThirdCountry
    )
}

/// Orders finding ids "f2" < "f10" (by number, then by text for anything else).
pub(crate) fn cmp_ids(a: &str, b: &str) -> Ordering {
    let n = |s: &str| s.strip_prefix('f').and_then(|d| d.parse::<u64>().ok());
    match (n(a), n(b)) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.cmp(b)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

/// Sorts finding ids in document order and removes duplicates.
pub(crate) fn sort_ids(ids: &mut Vec<String>) {
    ids.sort_by(|a, b| cmp_ids(a, b));
    ids.dedup();
}

/// Joins items as English prose: "A", "A and B", "A, B and C".
pub(crate) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        let cases = [
            ("DE", CountryStatus::Eu),
            ("gr", CountryStatus::Eu),
            ("EL", CountryStatus::Eu),
            ("NO", CountryStatus::Eea),
            ("CH", CountryStatus::Adequate),
            ("UK", CountryStatus::Adequate),
            ("US", CountryStatus::ThirdCountry),
            ("BR", CountryStatus::ThirdCountry),
            ("ZZ", CountryStatus::ThirdCountry),
        ];
        let adequacy = &crate::analyze::testutil::adequacy();
        for (code, want) in cases {
            assert_eq!(status_of(code, adequacy), want, "{code}");
        }
        // The table decides: without decisions Switzerland is a third country.
        assert_eq!(status_of("CH", &[]), CountryStatus::ThirdCountry);
        assert_eq!(
            partial_adequacy("us", adequacy).map(|a| a.reference.as_str()),
            Some("(EU) 2023/1795")
        );
        assert!(partial_adequacy("CH", adequacy).is_none());
    }

    #[test]
    fn ids_sort_numerically() {
        let mut ids: Vec<String> = ["f10", "f2", "x", "f2", "f1"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sort_ids(&mut ids);
        assert_eq!(ids, ["f1", "f2", "f10", "x"]);
    }

    #[test]
    fn joins() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(join_and(&s(&[])), "");
        assert_eq!(join_and(&s(&["A"])), "A");
        assert_eq!(join_and(&s(&["A", "B"])), "A and B");
        assert_eq!(join_and(&s(&["A", "B", "C"])), "A, B and C");
    }

    #[test]
    fn country_codes() {
        assert_eq!(country_code(" us "), Some("US".to_string()));
        assert_eq!(country_code("USA"), None);
        assert_eq!(country_code("1A"), None);
    }

    #[test]
    fn finding_ids_sort_by_number_then_text_without_repeats() {
        let mut ids: Vec<String> = ["f10", "x", "f2", "f2", "f1", "a", "f01"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sort_ids(&mut ids);
        assert_eq!(ids, ["f01", "f1", "f2", "f10", "a", "x"]);
    }
}

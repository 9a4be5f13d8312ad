//! Calendar dates as documents write them, and the two a status depends on: the date the
//! document speaks as of ([`document_date`]) and the date an entry says its use starts
//! ([`start_date`]).

use std::sync::OnceLock;

use regex::Regex;

/// A calendar day. Ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    /// Year, four digits.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, 1 to 31.
    pub day: u8,
}

/// A date in any of the ways German and English documents write one, whitespace (a line
/// break too, as a PDF's table cell wraps) between its parts: "3 March 2027", "15. Januar
/// 2026", "2 Feb 2027", "1st February 2027", "February 1, 2027", "01.03.2027",
/// "2027-03-01", also with a time ("2026-02-01T10:00:00Z"); a quarter as its first day:
/// "Q3/2026", "Q4 2026", "3. Quartal 2026"; a month as its first day: "März 2026",
/// "October 2025".
const DATE: &str = r"(?:Q(?P<q5>[1-4])[ \t]*[/.-]?[ \t]*(?P<y5>\d{4})|(?P<q6>[1-4])\.[ \t]*Quartal[ \t]+(?P<y6>\d{4})|(?P<d1>\d{1,2})(?:\.|st|nd|rd|th)?\s+(?P<m1>\p{L}{3,9})\.?\s+(?P<y1>\d{4})|(?P<m2>\p{L}{3,9})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4})|(?P<d3>\d{1,2})\.[ \t]?(?P<n3>\d{1,2})\.[ \t]?(?P<y3>\d{4})|(?P<y4>\d{4})-(?P<n4>\d{2})-(?P<d4>\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|(?P<m7>\p{L}{3,9})\.?[ \t]+(?P<y7>\d{4}))(?-u:\b)";

/// The regex `pattern`, its `{DATE}` replaced by [`DATE`], compiled once into `cell`.
fn date_regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(&pattern.replace("{DATE}", DATE)).expect("date regex"))
}

/// The month a name or an abbreviation of it means (English and German, Austrian
/// "Jänner" and "Feber" too), 1 to 12.
fn month(name: &str) -> Option<u8> {
    let lower = name.to_lowercase();
    let m = match lower.as_str() {
        "january" | "jan" | "januar" | "jänner" | "jän" => 1,
        "february" | "feb" | "februar" | "feber" => 2,
        "march" | "mar" | "märz" | "mär" | "mrz" => 3,
        "april" | "apr" => 4,
        "may" | "mai" => 5,
        "june" | "jun" | "juni" => 6,
        "july" | "jul" | "juli" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" | "oktober" | "okt" => 10,
        "november" | "nov" => 11,
        "december" | "dec" | "dezember" | "dez" => 12,
        _ => return None,
    };
    Some(m)
}

/// The day a [`DATE`] match's groups name, when it is one of the calendar.
fn day_of(c: &regex::Captures<'_>) -> Option<Day> {
    let num = |g: &str| c.name(g).and_then(|m| m.as_str().parse::<u16>().ok());
    let quarter = |q: &str, y: &str| Some((1, 3 * num(q)?.checked_sub(1)? + 1, num(y)?));
    let (day, month, year) = if c.name("y5").is_some() {
        quarter("q5", "y5")?
    } else if c.name("y6").is_some() {
        quarter("q6", "y6")?
    } else if let Some(y) = num("y1") {
        (num("d1")?, month(c.name("m1")?.as_str())?.into(), y)
    } else if let Some(y) = num("y2") {
        (num("d2")?, month(c.name("m2")?.as_str())?.into(), y)
    } else if let Some(y) = num("y3") {
        (num("d3")?, num("n3")?, y)
    } else if let Some(y) = num("y7") {
        (1, month(c.name("m7")?.as_str())?.into(), y)
    } else {
        (num("d4")?, num("n4")?, num("y4")?)
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    };
    ((1..=days).contains(&day) && (1900..=2200).contains(&year)).then_some(Day {
        year,
        month: month as u8,
        day: day as u8,
    })
}

/// The date the document speaks as of: the latest one that a label of the document's own
/// date introduces ("Stand: 01.03.2027", "Stand dieser Liste: 15. Januar 2026", "Last
/// updated: 3 March 2027", "Published 1 September 2025", "status as at 3 March 2027",
/// "Fassung vom 10. März 2025", "Version 4.0 · 3 March 2027") or an e-mail header gives
/// ("Date: Tue, 2 Feb 2027 10:14:05 +0000", "Gesendet: …"): the latest, as an e-mail thread's newest message and
/// a re-issued list's status date are. "dated 14 June 2023" (an earlier contract's date)
/// and "as of" (also "removed as of …") are no such label. None when no label has a date.
pub fn document_date(text: &str) -> Option<Day> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = date_regex(
        &R,
        r"(?im)(?:^[ \t]*(?:date|sent|datum|gesendet)[ \t]*:[ \t]*(?:\p{L}{2,10}\.?,?[ \t]+)?|(?-u:\b)(?:last[ \t]+(?:updated|revised|modified|changed)|updated|revised|published|effective[ \t]+date|status[ \t]+as[ \t]+(?:at|of)|as[ \t]+at|stand(?:[ \t]+(?:vom|(?:dieser|dieses|des|der)[ \t]+\p{L}+))?|fassung[ \t]+vom|zuletzt[ \t]+(?:aktualisiert|geändert|überarbeitet)|aktualisiert|veröffentlicht|version[ \t]+[\w.]+[ \t]*(?:vom|of|[·,–-]))[ \t]*:?[ \t]*(?:(?:on|am|vom)[ \t]+)?){DATE}",
    );
    re.captures_iter(text).filter_map(|c| day_of(&c)).max()
}

/// The first date in `s` that a word of when a use starts introduces: "going live 1
/// February 2027", "geplant ab 01.02.2027", "from 1 March 2027", "ab dem 1. März 2026",
/// "effective from …", "Start: …", "start 2026-03-01", "Go-live: …".
pub fn start_date(s: &str) -> Option<Day> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = date_regex(
        &R,
        r"(?i)(?-u:\b)(?:from|ab(?:\s+dem)?|going\s+live(?:\s+on)?|voraussichtlich(?:\s+(?:im|ab|zum))?|expected(?:\s+(?:in|from))?|planned\s+for|goes\s+live\s+on|live\s+from|starting(?:\s+(?:on|from))?|effective\s+(?:from|as\s+of)|wirksam\s+ab|start(?:s|ed)?(?:\s+date)?\s*:?|go-live\s*:?|inbetriebnahme\s*(?:am|zum|:))\s+(?:(?:on|am)\s+)?{DATE}",
    );
    re.captures_iter(s).find_map(|c| day_of(&c))
}

/// The date that `s` opens with after a word of until when ("Bis zum 31. Dezember 2025",
/// "Until 30 June 2026", "up to 31.12.2025", also after a note's label: "Hinweis: Bis März
/// 2025" or a clause's number: "6.2 Bis zum 31. März 2023", "(3) Until …"): the last day
/// of a use the sentence goes on to tell.
pub fn until_date_opening(s: &str) -> Option<Day> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = date_regex(
        &R,
        r"(?i)^[\s\p{P}]*(?:(?:\d{1,2}(?:\.\d{1,2})*\.?|\d{1,2}\)|[a-z]\))\s+)?(?:(?:hinweis|anmerkung|historie|note|history|update)\s*:\s*)?(?:until|till|up\s+to|bis(?:\s+(?:zum|einschließlich))?)\s+(?:(?:the|dem)\s+)?{DATE}",
    );
    re.captures(s).and_then(|c| day_of(&c))
}

/// Whether `s` is nothing but a date and the preposition or words that introduce it, as
/// an end's date follows the word that ends a use ("beendet| per 28. Februar 2026",
/// "discontinued| 2026-02-28", "terminated| on 1 March 2026", "ended| as of …").
pub fn is_dated_tail(s: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = date_regex(
        &R,
        r"(?i)^\s*(?:(?:per|am|zum|mit\s+wirkung\s+zum|on|as\s+of|as\s+at|effective|with\s+effect\s+from|since|seit)\s+)?(?:(?:the|dem)\s+)?{DATE}\s*[.)]?\s*$",
    );
    re.captures(s).and_then(|c| day_of(&c)).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: u16, month: u8, day: u8) -> Option<Day> {
        Some(Day { year, month, day })
    }

    #[test]
    fn a_documents_date_is_the_latest_its_labels_give() {
        let cases = [
            ("Stand: 01.03.2027 · Version 11", day(2027, 3, 1)),
            ("Stand dieser Liste: 15. Januar 2026.", day(2026, 1, 15)),
            (
                "Document version 2025-09 · Published 1 September 2025",
                day(2025, 9, 1),
            ),
            ("Version 4.0 · 3 March 2027", day(2027, 3, 3)),
            (
                "Annex III – Sub-processors (status as at 3 March 2027)",
                day(2027, 3, 3),
            ),
            ("Last updated: February 1, 2027", day(2027, 2, 1)),
            (
                "Date: Tue, 2 Feb 2027 10:14:05 +0000\nSent: 19 January 2027",
                day(2027, 2, 2),
            ),
            ("Zuletzt aktualisiert am 3. Jänner 2026", day(2026, 1, 3)),
            (
                "Dokument LB-AVV-2025-CH-07 · Fassung vom 10. März 2025",
                day(2025, 3, 10),
            ),
            ("die Fassung 2.0 (1. März 2024)", None),
            // A month is its first day; a time after an ISO date is read past.
            ("Stand: März 2026", day(2026, 3, 1)),
            ("Last updated: October 2025", day(2025, 10, 1)),
            ("Stand: 2026-02-01T10:00:00Z", day(2026, 2, 1)),
            ("Last updated: 2026-02-01T10:00", day(2026, 2, 1)),
            ("Stand: Version 2026", None),
            // An earlier contract's date, and a removal's, are not the document's.
            ("the Master Services Agreement dated 14 June 2023", None),
            ("removed as of 1 January 2024", None),
            ("Stand der Technik", None),
            ("Stand: 31.02.2027", None),
        ];
        for (text, want) in cases {
            assert_eq!(document_date(text), want, "{text}");
        }
    }

    #[test]
    fn an_end_opens_a_sentence_or_follows_the_word_that_ends_a_use() {
        let cases = [
            ("Bis zum 31. Dezember 2025 haben wir", day(2025, 12, 31)),
            ("Until 30 June 2026 we used", day(2026, 6, 30)),
            ("up to 31.12.2025, the", day(2025, 12, 31)),
            ("6.2 Bis zum 31. März 2023 wurden", day(2023, 3, 31)),
            ("(3) Until 30 June 2026 we used", day(2026, 6, 30)),
            ("2025 bis zum 31. März", None),
            ("We used it until 30 June 2026", None),
            ("Bis auf Weiteres", None),
            (
                "Bis Oktober 2025 haben wir für den Newsletter",
                day(2025, 10, 1),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(until_date_opening(text), want, "{text}");
        }
        for (text, want) in [
            (" per 28. Februar 2026", true),
            ("\n2026-02-28", true),
            (" on 1 March 2026.", true),
            (" 1 March 2026 and replaced", false),
            (" per E-Mail", false),
        ] {
            assert_eq!(is_dated_tail(text), want, "{text}");
        }
    }

    #[test]
    fn a_start_date_follows_a_word_of_when_use_starts() {
        let cases = [
            (
                "Planned –\ngoing live 1\nFebruary\n2027\n1",
                day(2027, 2, 1),
            ),
            ("| geplant ab 01.02.2027", day(2027, 2, 1)),
            ("planned - going live 15 January 2027", day(2027, 1, 15)),
            ("Wir werden ab dem 1. März 2026 zusätzlich", day(2026, 3, 1)),
            ("| Planned – start 2026-03-01", day(2026, 3, 1)),
            ("tritt mit Wirkung ab 1. Juni 2026 die", day(2026, 6, 1)),
            ("Einsatz geplant ab Q3/2026.", day(2026, 7, 1)),
            ("Voraussichtlich im Q3/2026 werden wir", day(2026, 7, 1)),
            ("Ab 2. Quartal 2026 planen wir", day(2026, 4, 1)),
            ("planned for Q4 2026", day(2026, 10, 1)),
            ("expected in Q1 2027", day(2027, 1, 1)),
            ("voraussichtlich zum 01.07.2027", day(2027, 7, 1)),
            ("expected to go live in Q3 2027", None),
            ("Tokyo 100-0005, Japan", None),
            ("terminated on 20 January 2027", None),
        ];
        for (text, want) in cases {
            assert_eq!(start_date(text), want, "{text}");
        }
    }
}

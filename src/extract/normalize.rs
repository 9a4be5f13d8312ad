//! Normalization of extracted text (every format).
//!
//! All finding offsets point into the one string built here, so every rule is
//! applied exactly once and in a fixed order, in linear time:
//!
//! 1. character mapping: ligatures (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ) unfolded; soft hyphens,
//!    zero-width and bidi format characters removed (a soft hyphen at a line end
//!    also joins the two lines); tabs, NBSP and other Unicode spaces become a
//!    space; `\r\n`, `\r`, form feed, U+2028/U+2029 become line breaks; other
//!    control characters are dropped;
//! 2. Unicode NFC;
//! 3. lines: runs of spaces collapse to one, spaces at both ends of a line are
//!    trimmed (a list item's indentation before "- " stays: nested lists keep
//!    their structure), single line breaks are kept (address blocks and tables need them),
//!    runs of blank lines become exactly one blank line, and words hyphenated at
//!    a line end are joined (see `hyphen_join`).
//!
//! Pages are normalized one by one and joined with a blank line (`"\n\n"`);
//! hyphenation is never joined across a page boundary. Paged documents then lose their
//! running headers and footers to a block at the end ([`super::running`]).

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::{Extracted, RawText};

/// Separator between two non-empty pages in the normalized text.
const PAGE_SEPARATOR: &str = "\n\n";

/// Normalizes raw page texts into one string with page ranges.
///
/// Every page gets a byte range in [`Extracted::text`], in order and not
/// overlapping; an empty page gets an empty range. The separator between pages
/// belongs to no page.
pub fn normalize(raw: RawText) -> Extracted {
    let mut text = String::with_capacity(
        raw.pages.iter().map(String::len).sum::<usize>() + 2 * raw.pages.len(),
    );
    let mut normalized: Vec<String> = raw
        .pages
        .iter()
        .map(|page| {
            let mut out = String::new();
            normalize_page(page, &mut out);
            out
        })
        .collect();
    if raw.paged {
        let block = super::running::move_running_lines(&mut normalized);
        // Behind the last page that kept text (the last page when none did).
        if let Some(i) = (!block.is_empty())
            .then(|| normalized.iter().rposition(|p| !p.is_empty()))
            .map(|i| i.unwrap_or(normalized.len() - 1))
        {
            let last = &mut normalized[i];
            if !last.is_empty() {
                last.push_str(PAGE_SEPARATOR);
            }
            last.push_str(&block);
        }
    }
    let mut pages = Vec::with_capacity(normalized.len());
    for page in &normalized {
        if !page.is_empty() && !text.is_empty() {
            text.push_str(PAGE_SEPARATOR);
        }
        let start = text.len();
        text.push_str(page);
        pages.push(start..text.len());
    }
    Extracted {
        text,
        pages,
        paged: raw.paged,
        engine: raw.engine,
        warnings: raw.warnings,
    }
}

/// Normalizes the text of one page and appends it to `out`.
pub fn normalize_page(page: &str, out: &mut String) {
    let mapped = map_chars(page);
    match is_nfc_quick(mapped.chars()) {
        IsNormalized::Yes => build_lines(&mapped, out),
        _ => {
            let nfc: String = mapped.nfc().collect();
            build_lines(&nfc, out);
        }
    }
}

/// Normalizes one string (one page) and returns it.
pub fn normalize_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_page(s, &mut out);
    out
}

/// Step 1: character mapping. The result has only `'\n'` as line break and
/// `' '` as horizontal whitespace, and no control or invisible format characters.
fn map_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' => out.push('\n'),
            '\u{2029}' => out.push_str("\n\n"),
            '\r' => {
                // "\r\n" and a lone "\r" are both one line break.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\t'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}' => out.push(' '),
            '\u{AD}' => {
                // A soft hyphen marks where a word may break: at a line end the
                // word continues on the next line, so the line break goes too.
                skip_soft_break(&mut chars);
            }
            '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}' => {}
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// After a soft hyphen: if only spaces and then one line break follow, consumes
/// them and the next line's leading spaces, so the word is joined.
fn skip_soft_break(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    let mut look = chars.clone();
    while matches!(look.peek(), Some(' ' | '\t' | '\u{A0}')) {
        look.next();
    }
    match look.peek() {
        Some('\r') => {
            look.next();
            if look.peek() == Some(&'\n') {
                look.next();
            }
        }
        Some('\n') => {
            look.next();
        }
        _ => return,
    }
    while matches!(look.peek(), Some(' ' | '\t' | '\u{A0}')) {
        look.next();
    }
    *chars = look;
}

/// Most spaces a nested list item line keeps before its "- ".
const MAX_ITEM_INDENT: usize = 16;

/// Step 3: collapses spaces, trims lines, keeps single line breaks, makes blank
/// line runs one blank line and joins line-end hyphenation. Appends to `out`,
/// with no leading or trailing line breaks.
fn build_lines(s: &str, out: &mut String) {
    let base = out.len();
    let mut line = String::new();
    let mut blank_pending = false;
    for raw_line in s.split('\n') {
        line.clear();
        // A nested list item keeps its indentation: it shows which entry its field
        // belongs to ("- Zendesk⏎  - Safeguard: DPF").
        let body = raw_line.trim_start_matches(' ');
        if body.starts_with("- ") && !body[2..].trim().is_empty() {
            let indent = (raw_line.len() - body.len()).min(MAX_ITEM_INDENT);
            line.extend(std::iter::repeat_n(' ', indent));
        }
        let mut space_pending = false;
        for c in raw_line.chars() {
            if c == ' ' {
                space_pending = !line.trim_start_matches(' ').is_empty();
            } else {
                if space_pending {
                    line.push(' ');
                    space_pending = false;
                }
                line.push(c);
            }
        }
        if line.trim_start_matches(' ').is_empty() {
            blank_pending = true;
            continue;
        }
        if out.len() == base {
            out.push_str(&line);
        } else if blank_pending {
            out.push_str("\n\n");
            out.push_str(&line);
        } else if !hyphen_join(out, base, &line) {
            out.push('\n');
            out.push_str(&line);
        }
        blank_pending = false;
    }
}

/// How far [`hyphen_join`] looks back for the hyphenated word, in characters.
const MAX_PREFIX_CHARS: usize = 64;

/// Words after a line-end hyphen that show the hyphen is a real one (a
/// coordination like "Vertrags- und Datenschutzrecht", or an English compound
/// like "third-party", "opt-in"), compared case-insensitively.
const KEEP_LINE_BREAK_WORDS: &[&str] = &["und", "oder", "bzw", "sowie", "bis", "and", "or", "nor"];

/// Lower-case continuations that keep their hyphen: English compounds whose
/// parts would read wrongly when closed up ("thirdparty", "optin"), and the parts
/// of "sub-processor", the spelling of most DPAs that hyphenate it.
const KEEP_HYPHEN_WORDS: &[&str] = &[
    "party",
    "parties",
    "to",
    "in",
    "out",
    "on",
    "off",
    "up",
    "based",
    "related",
    "specific",
    "like",
    "free",
    "processor",
    "processors",
    "processing",
];

/// Joins `line` onto the last line of `out[base..]` if that line ends in a word
/// hyphenated at the line end. Returns false (and changes nothing) otherwise.
///
/// - lower-case continuation ("Daten-" / "schutz") → "Datenschutz";
/// - lower-case continuation after a compound or a single letter ("E-Mail-" /
///   "adresse", "e-" / "mail") or an English compound part ("third-" / "party")
///   → the hyphen is kept: "E-Mail-adresse", "e-mail", "third-party";
/// - upper-case or digit continuation ("Daten-" / "Schutz", "COVID-" / "19") →
///   "Daten-Schutz", "COVID-19";
/// - a coordinating conjunction ("Vertrags-" / "und Datenschutzrecht") → not
///   joined: the line break stays.
fn hyphen_join(out: &mut String, base: usize, line: &str) -> bool {
    let prev = &out[base..];
    let Some(hyphen) = prev
        .chars()
        .next_back()
        .filter(|c| matches!(c, '-' | '\u{2010}'))
    else {
        return false;
    };
    let before_hyphen = &prev[..prev.len() - hyphen.len_utf8()];
    // The word before the hyphen: letters, digits and inner hyphens. The look-back
    // is capped so that chains of joined lines stay linear.
    let word_start = before_hyphen
        .char_indices()
        .rev()
        .take(MAX_PREFIX_CHARS)
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '-' || c == '\u{2010}')
        .last()
        .map_or(before_hyphen.len(), |(i, _)| i);
    let prefix = &before_hyphen[word_start..];
    let Some(last_before) = prefix.chars().next_back() else {
        return false;
    };
    if !last_before.is_alphanumeric() {
        return false;
    }
    let Some(first) = line.chars().next() else {
        return false;
    };
    let next_word_end = line
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(line.len());
    let next_word = &line[..next_word_end];
    if KEEP_LINE_BREAK_WORDS
        .iter()
        .any(|w| next_word.eq_ignore_ascii_case(w))
    {
        return false;
    }
    let keep_hyphen = if first.is_lowercase() {
        let compound = prefix.contains(['-', '\u{2010}']);
        let single_letter = prefix.chars().filter(|c| c.is_alphabetic()).count() <= 1;
        let digit_before = !last_before.is_alphabetic();
        compound
            || single_letter
            || digit_before
            || KEEP_HYPHEN_WORDS
                .iter()
                .any(|w| next_word.eq_ignore_ascii_case(w))
    } else if first.is_uppercase() || first.is_numeric() {
        true
    } else {
        return false;
    };
    if !keep_hyphen {
        out.truncate(out.len() - hyphen.len_utf8());
    }
    out.push_str(line);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(s: &str) -> String {
        normalize_str(s)
    }

    #[test]
    fn character_rules() {
        let cases: &[(&str, &str, &str)] = &[
            ("nfc", "Mu\u{0308}ller", "Müller"),
            ("nfc already", "Müller", "Müller"),
            (
                "ligatures",
                "\u{FB00} \u{FB01} \u{FB02} \u{FB03} \u{FB04} \u{FB05} \u{FB06}",
                "ff fi fl ffi ffl st st",
            ),
            (
                "ligature in word",
                "O\u{FB03}ce Zerti\u{FB01}kat",
                "Office Zertifikat",
            ),
            ("soft hyphen inside", "Daten\u{AD}schutz", "Datenschutz"),
            (
                "soft hyphen at line end",
                "Daten\u{AD}\nschutz",
                "Datenschutz",
            ),
            (
                "soft hyphen at crlf",
                "Daten\u{AD} \r\n  schutz",
                "Datenschutz",
            ),
            (
                "soft hyphen before upper",
                "Daten\u{AD}\nSchutz",
                "DatenSchutz",
            ),
            (
                "zero width",
                "Da\u{200B}ten\u{200C}sch\u{200D}utz\u{FEFF}",
                "Datenschutz",
            ),
            ("bom at start", "\u{FEFF}Hallo", "Hallo"),
            ("bidi marks", "a\u{200E}b\u{202A}c\u{202C}", "abc"),
            ("control chars", "a\u{0}b\u{7}c\u{1B}d\u{7F}e", "abcde"),
            ("nbsp and tab", "a\u{A0}\u{A0}b\tc \t d", "a b c d"),
            ("narrow nbsp", "10\u{202F}557 Berlin", "10 557 Berlin"),
            ("crlf", "a\r\nb\rc", "a\nb\nc"),
            ("form feed inside page", "a\u{0C}b", "a\nb"),
            ("line separator", "a\u{2028}b\u{2029}c", "a\nb\n\nc"),
        ];
        for (name, input, want) in cases {
            assert_eq!(page(input), *want, "case {name}: {input:?}");
        }
    }

    #[test]
    fn whitespace_rules() {
        let cases: &[(&str, &str, &str)] = &[
            ("collapse spaces", "a    b", "a b"),
            ("trim trailing", "a   \nb  ", "a\nb"),
            ("trim leading", "   a\n   b", "a\nb"),
            (
                "list item keeps its indentation",
                "  - a\n   b\n- c\n    -d\n   \n  - ",
                "  - a\nb\n- c\n-d\n\n-",
            ),
            (
                "single break kept",
                "Musterstraße 1\n10115 Berlin",
                "Musterstraße 1\n10115 Berlin",
            ),
            ("blank run", "a\n\n\n\n\nb", "a\n\nb"),
            ("blank with spaces", "a\n  \n\t\n \u{A0}\nb", "a\n\nb"),
            ("leading and trailing blank lines", "\n\n  a\n\n", "a"),
            ("empty", "", ""),
            ("only whitespace", " \n\t\n ", ""),
        ];
        for (name, input, want) in cases {
            assert_eq!(page(input), *want, "case {name}: {input:?}");
        }
    }

    #[test]
    fn hyphenation_rules() {
        let cases: &[(&str, &str, &str)] = &[
            ("lower continuation joined", "Daten-\nschutz", "Datenschutz"),
            (
                "joined with spaces around",
                "der Daten-  \n   schutz ist",
                "der Datenschutz ist",
            ),
            (
                "upper continuation keeps hyphen",
                "Daten-\nSchutz",
                "Daten-Schutz",
            ),
            ("compound with upper", "E-Mail-\nAdresse", "E-Mail-Adresse"),
            (
                "compound with lower keeps hyphen",
                "E-Mail-\nadresse",
                "E-Mail-adresse",
            ),
            ("single letter prefix", "e-\nmail", "e-mail"),
            ("digit continuation", "COVID-\n19", "COVID-19"),
            (
                "und not joined",
                "Vertrags-\nund Datenschutzrecht",
                "Vertrags-\nund Datenschutzrecht",
            ),
            (
                "oder not joined",
                "Kunden-\noder Lieferantendaten",
                "Kunden-\noder Lieferantendaten",
            ),
            (
                "bzw not joined",
                "Auftrags-\nbzw. Unterauftragsverarbeiter",
                "Auftrags-\nbzw. Unterauftragsverarbeiter",
            ),
            (
                "sowie not joined",
                "Bestands-\nsowie Nutzungsdaten",
                "Bestands-\nsowie Nutzungsdaten",
            ),
            (
                "and not joined",
                "pre-\nand post-processing",
                "pre-\nand post-processing",
            ),
            (
                "or not joined",
                "first-\nor third-party",
                "first-\nor third-party",
            ),
            (
                "nor not joined",
                "neither pre-\nnor post-",
                "neither pre-\nnor post-",
            ),
            (
                "english compound keeps hyphen",
                "third-\nparty processors",
                "third-party processors",
            ),
            ("opt-in keeps hyphen", "opt-\nin", "opt-in"),
            (
                "sub-processor keeps hyphen",
                "new Sub-\nprocessors",
                "new Sub-processors",
            ),
            (
                "word starting like conjunction is joined",
                "Vertrags-\nunterlagen",
                "Vertragsunterlagen",
            ),
            (
                "dash after space not joined",
                "Hinweis -\nsiehe unten",
                "Hinweis -\nsiehe unten",
            ),
            ("bullet line not joined", "-\nfoo", "-\nfoo"),
            (
                "not across blank line",
                "Daten-\n\nschutz",
                "Daten-\n\nschutz",
            ),
            (
                "punctuation continuation",
                "Daten-\n(siehe)",
                "Daten-\n(siehe)",
            ),
            ("unicode hyphen", "Daten\u{2010}\nschutz", "Datenschutz"),
            ("umlaut prefix", "Über-\nmittlung", "Übermittlung"),
            (
                "chained joins",
                "Auf-\ntrags-\nverarbeitung",
                "Auftragsverarbeitung",
            ),
        ];
        for (name, input, want) in cases {
            assert_eq!(page(input), *want, "case {name}: {input:?}");
        }
    }

    #[test]
    fn page_ranges() {
        type Case<'a> = (&'a [&'a str], &'a str, &'a [std::ops::Range<usize>]);
        let cases: &[Case] = &[
            (&["a", "b"], "a\n\nb", &[0..1, 3..4]),
            (&["a", "", "b"], "a\n\nb", &[0..1, 1..1, 3..4]),
            (&["", "a"], "a", &[0..0, 0..1]),
            (&["a", ""], "a", &[0..1, 1..1]),
            (&["", ""], "", &[0..0, 0..0]),
            (&["  x \n\n\n", "\n y"], "x\n\ny", &[0..1, 3..4]),
            (&["Daten-", "schutz"], "Daten-\n\nschutz", &[0..6, 8..14]),
        ];
        for (pages, want_text, want_ranges) in cases {
            let raw = RawText {
                pages: pages.iter().map(|p| p.to_string()).collect(),
                paged: true,
                engine: "test".into(),
                warnings: vec!["w".into()],
            };
            let ex = normalize(raw);
            assert_eq!(ex.text, *want_text, "pages {pages:?}");
            assert_eq!(ex.pages, *want_ranges, "pages {pages:?}");
            assert!(ex.paged);
            assert_eq!(ex.engine, "test");
            assert_eq!(ex.warnings, vec!["w".to_string()]);
            for r in &ex.pages {
                assert!(ex.text.is_char_boundary(r.start) && ex.text.is_char_boundary(r.end));
            }
        }
    }

    #[test]
    fn page_of_uses_ranges() {
        let raw = RawText {
            pages: vec!["eins".into(), "zwei".into()],
            paged: true,
            ..Default::default()
        };
        let ex = normalize(raw);
        assert_eq!(ex.page_of(0), Some(1));
        assert_eq!(ex.page_of(6), Some(2));
    }

    #[test]
    fn idempotent() {
        let inputs = [
            "Daten-\nschutz und  mehr\n\n\nAbsatz\u{A0}zwei",
            "E-Mail-\nAdresse\r\nVertrags-\nund Datenschutzrecht",
            "O\u{FB03}ce  \t\n  \n x",
        ];
        for input in inputs {
            let once = page(input);
            assert_eq!(page(&once), once, "input {input:?}");
        }
    }

    #[test]
    fn linear_on_large_input() {
        // 50 pages of ~60 KB each; a quadratic step would take far longer than this bound.
        let line = "Der Auftragsverarbeiter verarbeitet Daten-\nschutz\u{A0}relevante Daten   im Auftrag.\n";
        let raw = RawText {
            pages: vec![line.repeat(800); 50],
            paged: true,
            ..Default::default()
        };
        let start = std::time::Instant::now();
        let ex = normalize(raw);
        assert_eq!(ex.pages.len(), 50);
        assert!(ex.text.contains("Datenschutz relevante Daten im Auftrag."));
        assert!(
            start.elapsed() < std::time::Duration::from_secs(5),
            "took {:?}",
            start.elapsed()
        );
        // One long line with many hyphens stays linear too.
        let long = "a-".repeat(200_000);
        let start = std::time::Instant::now();
        assert_eq!(page(&long), long);
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
    }
}

//! Text helpers shared by the matchers: a length-preserving lower-case copy, word
//! boundaries, char-boundary snapping and bounded sentence bounds.

/// Lower-cases `s` without changing any byte offset: ASCII is lower-cased, a non-ASCII
/// char is replaced by its lower-case form only when that is one char of the same UTF-8
/// length (Ä→ä, É→é, Ω→ω); otherwise it is kept ('İ' lower-cases to two chars, so it stays).
/// Offsets into the copy are therefore offsets into `s`.
///
/// ASCII white space (tab, line feed, carriage return, vertical tab, form feed) becomes a
/// space, so that a keyword or term written with spaces ("standard contractual clause",
/// "united states") is found where a printed line breaks it ("Standard\nContractual").
pub fn lower_preserving(s: &str) -> String {
    let bytes: Vec<u8> = s.bytes().map(fold_ascii).collect();
    // ASCII bytes were replaced by ASCII bytes: still UTF-8, so the check cannot fail.
    let mut out = String::from_utf8(bytes).unwrap_or_else(|_| s.to_owned());
    if s.is_ascii() {
        return out;
    }
    let b = s.as_bytes();
    let mut i = 0;
    let mut buf = [0u8; 4];
    while i < b.len() {
        let lead = b[i];
        if lead < 0xC0 {
            // ASCII or a continuation byte: nothing to do here. Runs of ASCII are
            // skipped eight bytes at a time.
            i += 1;
            while let Some(w) = b.get(i..i + 8) {
                let w = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
                if w & 0x8080_8080_8080_8080 != 0 {
                    break;
                }
                i += 8;
            }
            continue;
        }
        if lead == 0xC3 && i + 1 < b.len() {
            // Latin-1 lower-case letters (0xC3 0x9F..0xBF: ß, ä, ö, ü, é, …) and ×
            // (0xC3 0x97) stay as they are: the common case in German text.
            let c = b[i + 1];
            if !(0x80..=0x9E).contains(&c) || c == 0x97 {
                i += 2;
                continue;
            }
        }
        let Some(ch) = s.get(i..).and_then(|r| r.chars().next()) else {
            i += 1;
            continue;
        };
        let n = ch.len_utf8();
        let mut lower = ch.to_lowercase();
        if let (Some(l), None) = (lower.next(), lower.next()) {
            if l != ch && l.len_utf8() == n {
                // Same length: only these bytes change, nothing moves.
                out.replace_range(i..i + n, l.encode_utf8(&mut buf));
            }
        }
        i += n;
    }
    debug_assert_eq!(out.len(), s.len());
    out
}

/// An ASCII byte as [`lower_preserving`] writes it: lower case, white space as a space.
pub fn fold_ascii(b: u8) -> u8 {
    match b {
        b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => b' ',
        _ => b.to_ascii_lowercase(),
    }
}

/// The char-by-char form of [`lower_preserving`] (reference for the tests).
pub fn lower_preserving_slow(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if ch.is_ascii() {
            out.push(char::from(fold_ascii(ch as u8)));
            continue;
        }
        let mut lower = ch.to_lowercase();
        let replaced = match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == ch.len_utf8() => l,
            _ => ch,
        };
        out.push(replaced);
    }
    out
}

/// Whether `c` makes a word continue (letters and digits).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The char ending right before byte `pos`, if any.
pub fn char_before(s: &str, pos: usize) -> Option<char> {
    s.get(..pos).and_then(|p| p.chars().next_back())
}

/// The char starting at byte `pos`, if any.
pub fn char_at(s: &str, pos: usize) -> Option<char> {
    s.get(pos..).and_then(|p| p.chars().next())
}

/// Whether `start..end` is a whole word (or words): no word char right before or after.
pub fn at_word_bounds(s: &str, start: usize, end: usize) -> bool {
    !char_before(s, start).is_some_and(is_word_char) && !char_at(s, end).is_some_and(is_word_char)
}

/// The largest char boundary `<= pos`.
pub fn floor_boundary(s: &str, pos: usize) -> usize {
    let mut p = pos.min(s.len());
    while !s.is_char_boundary(p) {
        p -= 1;
    }
    p
}

/// The smallest char boundary `>= pos`.
pub fn ceil_boundary(s: &str, pos: usize) -> usize {
    let mut p = pos.min(s.len());
    while !s.is_char_boundary(p) {
        p += 1;
    }
    p
}

/// Most bytes a sentence bound search goes from the match (keeps the work per finding bounded).
pub const SENTENCE_REACH: usize = 400;

/// Abbreviations whose trailing '.' does not end a sentence (lower case, without the dot).
/// ("et seq." and "et seqq." follow an article as "ff." does: "Art. 44 et seqq. GDPR".)
const ABBREVIATIONS: [&str; 36] = [
    "art", "abs", "nr", "no", "lit", "ziff", "vgl", "ggf", "bzw", "ca", "inc", "ltd", "co", "corp",
    "dr", "prof", "gem", "bspw", "z.b", "d.h", "u.a", "i.s.d", "s", "ff", "e.g", "i.e", "etc",
    "para", "sec", "st", "u.s", "u.s.a", "e.v", "mr", "seq", "seqq",
];

/// The word (letters, digits and inner dots) that ends right before byte `dot`.
fn word_before_dot(s: &str, dot: usize) -> &str {
    let head = &s[..dot];
    let word_start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '.'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &head[word_start..]
}

/// Whether the '.' at byte `dot` ends a German date's day, a month's name following
/// ("Bis zum 16. Juli 2020 stützte …"): an ordinal, no sentence end.
fn day_before_month(s: &str, dot: usize) -> bool {
    // Most full stops follow a letter: only a digit can end a day.
    if dot == 0 || !s.as_bytes()[dot - 1].is_ascii_digit() {
        return false;
    }
    let day = word_before_dot(s, dot);
    if !(1..=2).contains(&day.len()) || !day.bytes().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let after = s.get(dot + 2..).unwrap_or_default();
    let month = after
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    MONTHS.contains(&month)
}

/// German month names, as they follow a day ("16. Juli"), Austrian ones included.
const MONTHS: [&str; 14] = [
    "Januar",
    "Jänner",
    "Februar",
    "Feber",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

fn is_abbreviation(s: &str, dot: usize) -> bool {
    let word = word_before_dot(s, dot);
    if word.chars().count() == 1 {
        return true; // initials and "S."
    }
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Abbreviations of [`ABBREVIATIONS`] that may also end a sentence (a company's name, a
/// list): a line break after them ends it as after any full stop.
const MAY_END_A_SENTENCE: [&str; 6] = ["inc", "ltd", "co", "corp", "etc", "st"];

/// Abbreviations after which a law's name goes on ("Art. 44 ff.⏎DSGVO", "Art. 44 et
/// seq.⏎GDPR").
const BEFORE_A_LAW: [&str; 3] = ["ff", "seq", "seqq"];

/// Whether the line break right after the abbreviation whose '.' is at byte `dot` goes
/// on with the same sentence: a PDF broke the line after "Art." or "ff." ("gemäß Art.⏎28
/// DSGVO", "Art. 44 ff.⏎DSGVO findet nicht statt"). The next line must start with a
/// digit or a lower-case letter, or, after "ff."/"seq.", with a word in capitals (a
/// law's name). Initials and the abbreviations in [`MAY_END_A_SENTENCE`] do not go on.
fn abbreviation_goes_on(s: &str, dot: usize) -> bool {
    // The next line first: most lines ending in '.' are followed by a capital.
    let after = s.get(dot + 1..).unwrap_or_default();
    let Some(next) = after.trim_start_matches([' ', '\t']).strip_prefix('\n') else {
        return false;
    };
    let next = next.trim_start_matches([' ', '\t']);
    let Some(first) = next.chars().next() else {
        return false;
    };
    let word = word_before_dot(s, dot);
    let listed = |list: &[&str]| list.iter().any(|a| a.eq_ignore_ascii_case(word));
    if first.is_uppercase() {
        // Only a law's name after "ff." ("DSGVO", "EU-DSGVO", not "EU-Recht").
        if !listed(&BEFORE_A_LAW) {
            return false;
        }
        let token = next
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | ')'))
            .next()
            .unwrap_or_default();
        let mut letters = token.chars().filter(|c| c.is_alphabetic());
        return letters.clone().count() >= 2 && letters.all(char::is_uppercase);
    }
    (first.is_ascii_digit() || first.is_lowercase())
        && word.chars().count() >= 2
        && listed(&ABBREVIATIONS)
        && !listed(&MAY_END_A_SENTENCE)
}

/// Whether a sentence ends right after the terminator at byte `i` ('.', '!', '?').
fn ends_sentence(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    let next = b.get(i + 1).copied();
    match next {
        None => true,
        Some(b'\n') => !(b[i] == b'.' && abbreviation_goes_on(s, i)),
        Some(b' ') => {
            let after = char_at(s, i + 2);
            let starts_upper = after.is_some_and(|c| {
                c.is_uppercase() || matches!(c, '"' | '„' | '“' | '‘' | '»' | '«' | '(')
            });
            starts_upper && !(b[i] == b'.' && (is_abbreviation(s, i) || day_before_month(s, i)))
        }
        _ => false,
    }
}

/// Whether the line break at byte `i` ends a sentence. A break inside a sentence, as a
/// PDF's text has one at the end of every printed line, does not: the line before it ends
/// in a lower-case letter or a comma (or in a capital or digit, with the next line
/// starting in lower case), the next line goes on with a letter or digit, and
/// neither is a table row (`|`) or a Markdown heading (`#`), nor is the line before a
/// numbered heading followed by a capital ("§ 14 Art und Zweck der Verarbeitung⏎Jede …"),
/// nor does the next line start a numbered list item ("…; Garantie: SCC⏎4. Personio SE").
/// A next line may open with a parenthesis ("Dokumenten⏎(optionale Funktion …)") but not
/// with an enumerator ("(a)"). A blank line ends it, unless [`wraps_over_blank_line`].
fn breaks_sentence(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    let before = s[..i].trim_end_matches([' ', '\t']);
    let last = before.chars().next_back();
    // A parenthesis opening the next line goes on like its first word ("… von
    // Dokumenten⏎(optionale Funktion …); Einsatz geplant ab Q3/2026"), unless it encloses a
    // list item's enumerator ("(a)", "(2)", "(iv)").
    let after_paren = match char_at(s, i + 1) {
        Some('(') if !opens_enumerator(&s[i + 1..]) => char_at(s, i + 2),
        c => c,
    };
    let Some(next) = after_paren.filter(|c| c.is_alphanumeric()) else {
        // A blank line (or spaces) follows: only a sentence that a conversion broke
        // goes on over it.
        return !wraps_over_blank_line(s, i);
    };
    // A line ending in a word in capitals or a number goes on where the next starts in
    // lower case ("… of Art. 44 et seq. GDPR⏎are fulfilled").
    // A dash of a parenthetical ending the line goes on too ("… aus der Ferne –⏎ausgeschlossen
    // sind").
    let wraps = last.is_some_and(|c| c.is_lowercase() || c == ',')
        || (before.ends_with('.') && abbreviation_goes_on(s, before.len() - 1))
        || (next.is_lowercase()
            && last.is_some_and(|c| c.is_alphanumeric() || c == '–' || c == '—'));
    if !wraps {
        // The second break around a blank line (the first one returned above).
        return !(before.ends_with('\n') && wraps_over_blank_line(s, i));
    }
    let line_start = memchr::memrchr(b'\n', &b[..i]).map_or(0, |k| k + 1);
    let next_end = memchr::memchr(b'\n', &b[i + 1..]).map_or(b.len(), |k| i + 1 + k);
    b[line_start] == b'#'
        || b[line_start..next_end].contains(&b'|')
        || (next.is_uppercase() && is_numbered_heading(&s[line_start..i]))
        || (next.is_ascii_digit() && starts_numbered_item(&s[i + 1..next_end]))
}

/// Whether `s` opens with an enumerator in parentheses: "(a)", "(2)", "(iv)", "(aa)".
fn opens_enumerator(s: &str) -> bool {
    let Some(inner) = s.strip_prefix('(') else {
        return false;
    };
    let len = inner.bytes().take_while(u8::is_ascii_alphanumeric).count();
    (1..=4).contains(&len) && inner.as_bytes().get(len) == Some(&b')')
}

/// Whether the line break at byte `i` is one of the two around a single blank line that
/// stands between a line ending in a word that goes on ([`GOES_ON`]: "… is transferred
/// outside of the") and a line that starts with a letter or digit ("European Union to a
/// country …"): a paragraph break that a conversion put inside a sentence.
fn wraps_over_blank_line(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    let blank = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r');
    // Back over the blank stretch, by bytes: this runs at every blank line.
    let mut from = i;
    while from > 0 && blank(b[from - 1]) {
        from -= 1;
    }
    // Most paragraphs end in punctuation, which decides; the words that go on end in a
    // lower-case letter (ASCII, or 'ü' and 'ß', whose last byte is not ASCII).
    let last_byte = if from == 0 { b'.' } else { b[from - 1] };
    if last_byte.is_ascii() && !last_byte.is_ascii_lowercase() {
        return false;
    }
    let mut to = i + 1;
    while to < b.len() && blank(b[to]) {
        to += 1;
    }
    // Exactly one blank line (two line breaks), and text going on with a letter or digit.
    if b[from..to].iter().filter(|&&c| c == b'\n').count() != 2
        || !char_at(s, to).is_some_and(char::is_alphanumeric)
    {
        return false;
    }
    let last = s[..from]
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    GOES_ON.contains(&last)
}

/// Whether `line` starts a numbered list item: one or two digits, "." or ")", a space
/// and a capital that starts no month ("4. Personio SE & Co. KG, …", not "4. Juni 2021",
/// a date wrapped after "vom").
fn starts_numbered_item(line: &str) -> bool {
    const MONTHS: &[&str] = &[
        "Jan", "Feb", "Mär", "Mar", "Apr", "Mai", "May", "Jun", "Jul", "Aug", "Sep", "Okt", "Oct",
        "Nov", "Dez", "Dec",
    ];
    numbered_item_body(line).is_some_and(|rest| {
        rest.starts_with(char::is_uppercase) && !MONTHS.iter().any(|m| rest.starts_with(m))
    })
}

/// The text of a numbered list item after its number: one or two digits, "." or ")" and a
/// space or tab ("1. Hetzner Online GmbH, …" → "Hetzner Online GmbH, …"); leading spaces
/// of `line` are skipped.
pub fn numbered_item_body(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    t.get(digits..)
        .filter(|_| (1..=2).contains(&digits))
        .and_then(|r| r.strip_prefix(['.', ')']))
        .and_then(|r| r.strip_prefix([' ', '\t']))
}

/// The sentence that introduces the list of which the sentence starting at `item` is an
/// item, as `(start, end)` with `end` just after its colon: "… one of the following
/// conditions is met:⏎- an adequacy decision;⏎- standard contractual clauses". An item
/// begins a line (after a list marker, if any); the items before it, back to the colon,
/// end in ';' or ',' or a word that joins them ("or", "und"), or they and the item all
/// begin with a list marker. At most 20 items back. `sentence_start(pos)` is
/// the start of the sentence holding byte `pos`. `None` when `item` is no such item.
pub fn list_intro(
    s: &str,
    item: usize,
    sentence_start: impl Fn(usize) -> usize,
) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    // For a sentence starting at `pos`: the start of its line, and whether a list marker
    // begins it; `None` when other text stands before it on its line.
    let item_at = |pos: usize| {
        let from = memchr::memrchr(b'\n', &b[..pos]).map_or(0, |k| k + 1);
        let lead = s[from..pos].trim();
        if lead.is_empty() {
            Some((from, starts_with_list_marker(&s[pos..])))
        } else {
            is_list_marker(lead).then_some((from, true))
        }
    };
    let mut this = item_at(floor_boundary(s, item))?;
    for _ in 0..LIST_ITEMS {
        let (line_start, marked) = this;
        let before = s[..line_start].trim_end();
        let last = before.chars().next_back()?;
        let prev = sentence_start(before.len() - last.len_utf8());
        if last == ':' {
            return Some((prev, before.len()));
        }
        let joined = matches!(last, ';' | ',')
            || words(before)
                .next_back()
                .is_some_and(|w| LIST_JOINERS.iter().any(|j| j.eq_ignore_ascii_case(w)));
        let prev_item = item_at(prev);
        if !(joined || (marked && prev_item.is_some_and(|(_, m)| m))) {
            return None;
        }
        this = prev_item?;
    }
    None
}

/// Most items [`list_intro`] goes back over.
const LIST_ITEMS: usize = 20;

/// Words that join a list's items at the end of one ("…; or").
const LIST_JOINERS: [&str; 5] = ["or", "and", "oder", "und", "sowie"];

/// Whether `t` (trimmed) is a list marker: a bullet ("-", "•", …), a number or letter
/// with "." or ")" ("1.", "a)", "iv."), or one in parentheses ("(a)", "(2)").
fn is_list_marker(t: &str) -> bool {
    if matches!(t, "-" | "*" | "•" | "–" | "—" | "·" | "▪" | "◦" | "o") {
        return true;
    }
    let inner = t.strip_prefix('(').and_then(|r| r.strip_suffix(')'));
    let label = inner.or_else(|| t.strip_suffix(['.', ')']));
    label.is_some_and(|l| {
        (1..=3).contains(&l.len())
            && (l.bytes().all(|c| c.is_ascii_digit())
                || (l.len() == 1 && l.bytes().all(|c| c.is_ascii_lowercase()))
                || l.bytes().all(|c| b"ivx".contains(&c)))
    })
}

/// Whether `line` begins with a list marker ([`is_list_marker`]) and a space.
fn starts_with_list_marker(line: &str) -> bool {
    line.split_once([' ', '\t'])
        .is_some_and(|(first, _)| is_list_marker(first))
}

/// Whether a line reads like a numbered heading: it starts with "§ 14", "7.", "2.1",
/// "Section 7", "Art. 3", "Anlage 2" or "Annex I", is at most [`HEADING_CHARS`] long and
/// does not end in a word that goes on ("… in fulfilling the", "… gemäß der"), as the
/// first line of a numbered paragraph does.
fn is_numbered_heading(line: &str) -> bool {
    let line = line.trim();
    let last = line.rsplit(' ').next().unwrap_or_default().to_lowercase();
    if line.chars().count() > HEADING_CHARS || GOES_ON.contains(&last.as_str()) {
        return false;
    }
    if line.starts_with('§') {
        return true;
    }
    let mut words = line.split_whitespace();
    let first = words.next().unwrap_or_default();
    let numbered = |w: &str| {
        let w = w.trim_end_matches(['.', ':', ')']);
        !w.is_empty()
            && (w
                .split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
                || w.bytes().all(|c| b"IVX".contains(&c)))
    };
    if numbered(first) && first.len() < line.len() {
        return true;
    }
    const NAMES: &[&str] = &[
        "section", "article", "art.", "artikel", "ziffer", "clause", "anlage", "annex", "appendix",
        "schedule", "anhang",
    ];
    NAMES.contains(&first.to_lowercase().as_str()) && words.next().is_some_and(numbered)
}

/// Openings of a sentence that gives terms the meanings of the law ([`is_definition`]).
const TERMS_OPENINGS: [&str; 6] = [
    "terms such as ",
    "the terms ",
    "capitalised terms ",
    "capitalized terms ",
    "begriffe wie ",
    "die begriffe ",
];

/// What such a sentence says of its terms ([`is_definition`]).
const TERMS_MEANINGS: [&str; 4] = [
    " have the meaning",
    " haben die Bedeutung",
    " haben die in ",
    " sind im Sinne ",
];

/// Whether `sentence` defines a term: after an optional list number ("1.2", "(e)", "a)",
/// "§ 1"), a defined term, then a verb that defines ("1.2 “Personal Data Breach” means a
/// breach of security …", "„Unterauftragsverarbeiter“ im Sinne dieses Vertrags ist …").
/// The term is quoted (“…”, „…“, "…", ‘…’), or, before an English verb, at most five
/// capitalised words ("Sub-processor means …"); a bracketed aside
/// ("(„DSGVO“)"), "im Sinne dieses/dieser …" and a colon may follow it. A definition says
/// what a word means in the contract; it obliges nobody to anything.
pub fn is_definition(sentence: &str) -> bool {
    let mut rest = sentence.trim_start();
    // A list number or paragraph sign before the term.
    if let Some((first, after)) = rest.split_once([' ', '\t']) {
        let numbered = first == "§"
            || is_list_marker(first)
            || first
                .trim_end_matches(['.', ')'])
                .split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()));
        if numbered {
            rest = after.trim_start();
            if first == "§" {
                rest = rest
                    .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
                    .trim_start();
            }
        }
    }
    // "Terms such as “personal data” … and “personal data breach” have the meanings given in
    // Regulation (EU) 2016/679", "Die Begriffe … haben die Bedeutung …": the terms a
    // contract takes from the law.
    let lower_opening = |p: &str| {
        rest.len() >= p.len() && rest.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    };
    if TERMS_OPENINGS.iter().any(|p| lower_opening(p))
        && TERMS_MEANINGS.iter().any(|m| rest.contains(m))
    {
        return true;
    }
    let quoted = rest.starts_with(['“', '„', '"', '‘', '‚', '\'', '»', '«']);
    let after_term = if quoted {
        let Some(close) = rest
            .char_indices()
            .skip(1)
            .take(DEFINED_TERM_CHARS)
            .find(|&(_, c)| matches!(c, '”' | '“' | '"' | '’' | '‘' | '\'' | '«' | '»'))
        else {
            return false;
        };
        let mut after = &rest[close.0 + close.1.len_utf8()..];
        // Another spelling of the term: '"n/a" bzw. "n/a (EU)" bedeutet, dass …'.
        for joiner in [" bzw. ", " oder ", " or "] {
            let Some(next) = after.strip_prefix(joiner) else {
                continue;
            };
            if let Some(next) = next.strip_prefix(['“', '„', '"']) {
                if let Some(k) = next
                    .char_indices()
                    .take(DEFINED_TERM_CHARS)
                    .find_map(|(k, c)| matches!(c, '”' | '“' | '"').then_some(k + c.len_utf8()))
                {
                    after = &next[k..];
                }
            }
            break;
        }
        after
    } else {
        // Up to a few capitalised words, then the verb (English contracts capitalise
        // their defined terms).
        let mut at = rest;
        let mut words = 0;
        while words < DEFINED_TERM_WORDS && at.starts_with(char::is_uppercase) {
            let end = at.find([' ', '\t', '\n']).unwrap_or(at.len());
            at = at[end..].trim_start();
            words += 1;
        }
        let first = rest.split_whitespace().next().unwrap_or_default();
        if words == 0 || ["This", "That", "It", "Which", "What", "Such"].contains(&first) {
            return false;
        }
        at
    };
    let mut tail = after_term.trim_start();
    // A bracketed aside after the term ("(„DSGVO“)", "(as defined below)").
    if tail.starts_with('(') {
        match tail.find(')') {
            Some(k) if k <= DEFINED_TERM_CHARS => tail = tail[k + 1..].trim_start(),
            _ => return false,
        }
    }
    // The leads and verbs are ASCII: compared without lower-casing the text.
    let opens = |s: &str, p: &str| {
        s.len() >= p.len() && s.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    };
    let mut rest = tail.trim_start_matches([':', ',']).trim_start();
    if quoted {
        let leads = [
            "im sinne dieses ",
            "im sinne dieser ",
            "im sinne des ",
            "im sinne der ",
        ];
        if let Some(lead) = leads.iter().find(|l| opens(rest, l)) {
            // The contract's name: one word ("Vertrags", "Vereinbarung").
            rest = rest[lead.len()..].split_once(' ').map_or("", |(_, r)| r);
        }
    }
    let verbs: &[&str] = if quoted {
        &[
            "means ",
            "shall mean ",
            "has the meaning",
            "refers to ",
            "is defined as ",
            "bezeichnet ",
            "bedeutet ",
            "bedeutet, dass ",
            "means that ",
            "meint ",
            "ist ",
            "sind ",
            "umfasst ",
        ]
    } else {
        &["means ", "shall mean ", "has the meaning", "is defined as "]
    };
    // "… means that …" explains a consequence, it defines nothing.
    verbs
        .iter()
        .any(|v| opens(rest, v) && !opens(&rest[v.len()..], "that "))
}

/// Most chars of a quoted defined term or of a bracketed aside after it
/// ([`is_definition`]).
const DEFINED_TERM_CHARS: usize = 80;

/// Most words of an unquoted defined term ([`is_definition`]).
const DEFINED_TERM_WORDS: usize = 5;

/// Most chars of a numbered heading's line ([`is_numbered_heading`]).
const HEADING_CHARS: usize = 80;

/// Words that end a printed line inside a sentence, not a heading (lower case).
const GOES_ON: &[&str] = &[
    "the", "a", "an", "of", "in", "to", "for", "and", "or", "by", "with", "on", "at", "from",
    "its", "their", "this", "that", "such", "any", "all", "as", "der", "die", "das", "den", "dem",
    "des", "ein", "eine", "einer", "einem", "einen", "und", "oder", "im", "zu", "zur", "zum",
    "von", "vom", "mit", "für", "auf", "an", "am", "bei", "nach", "über", "durch", "sowie",
    "gemäß",
];

/// Whether `start..end` stands in a heading: one line of at most 80 chars
/// that ends in no punctuation of a sentence or clause (`.`, `,`, `;`, `:`, `!`, `?`), is no
/// table row (`|`), and is a numbered heading ("§ 11 …", "7.", "Section 7"; "6. Übermittlung
/// in Drittländer"), a Markdown heading kept as text ("## Data transfers"), or a
/// paragraph of its own, blank lines or the text's ends around it (a heading of Markdown,
/// HTML or DOCX, whose marker extraction drops: "Data transfers outside the EEA"), or an
/// entry of a table of contents under its title ("Inhalt⏎⏎Verantwortliche Stelle⏎Empfänger
/// und Drittlandübermittlung"). A table of contents' line is read
/// without its dot leader and page number.
pub fn in_heading(s: &str, start: usize, end: usize) -> bool {
    let b = s.as_bytes();
    let end = end.max(start).min(b.len());
    if memchr::memchr(b'\n', &b[start..end]).is_some() {
        return false;
    }
    let line_start = memchr::memrchr(b'\n', &b[..start]).map_or(0, |k| k + 1);
    let line_end = memchr::memchr(b'\n', &b[end..]).map_or(b.len(), |k| end + k);
    let line = s[line_start..line_end].trim();
    // A table of contents' line names a heading ("§ 9 Nachweise und Kontrollrechte ……… 4").
    let unpaged = line.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let line = if unpaged.ends_with("....") || unpaged.ends_with("……") {
        unpaged.trim_end_matches(['.', '…', ' '])
    } else {
        line
    };
    if line.len() > 4 * HEADING_CHARS
        || line.chars().count() > HEADING_CHARS
        || line.ends_with(['.', ',', ';', ':', '!', '?'])
        || line.contains('|')
    {
        return false;
    }
    // A Markdown heading's marker in a text file ("## § 11 …") makes it one.
    if line.starts_with('#') || is_numbered_heading(line) {
        return true;
    }
    // The line above is blank (or there is none), and the line below.
    let blank_above = line_start == 0 || {
        let above_end = line_start - 1;
        let above_start = memchr::memrchr(b'\n', &b[..above_end]).map_or(0, |k| k + 1);
        s[above_start..above_end].trim().is_empty()
    };
    let blank_below = line_end == b.len() || {
        let below_start = line_end + 1;
        let below_end =
            memchr::memchr(b'\n', &b[below_start..]).map_or(b.len(), |k| below_start + k);
        s[below_start..below_end].trim().is_empty()
    };
    blank_above && blank_below || in_contents(s, line_start)
}

/// Titles of a table of contents (lower case).
const CONTENTS_TITLES: [&str; 5] = [
    "inhalt",
    "inhaltsverzeichnis",
    "inhaltsübersicht",
    "contents",
    "table of contents",
];

/// Most lines of a table of contents that [`in_contents`] reads back.
const CONTENTS_LINES: usize = 60;

/// Whether the line starting at `line_start` is an entry of a table of contents without
/// numbers: above it only short lines that end in no punctuation of a sentence, up to a
/// blank line under a title of [`CONTENTS_TITLES`] ("Inhalt⏎⏎Verantwortliche Stelle⏎…⏎
/// Empfänger und Drittlandübermittlung").
fn in_contents(s: &str, line_start: usize) -> bool {
    let mut lines = s[..line_start].lines().rev().map(str::trim);
    for _ in 0..CONTENTS_LINES {
        match lines.next() {
            Some("") => {
                let title = lines.find(|l| !l.is_empty()).unwrap_or_default();
                return CONTENTS_TITLES
                    .contains(&title.trim_end_matches(':').to_lowercase().as_str());
            }
            Some(l)
                if l.chars().count() <= HEADING_CHARS
                    && !l.ends_with(['.', ',', ';', '!', '?']) => {}
            _ => return false,
        }
    }
    false
}

/// Whether `start..end` is (the end of) the title of a run-in heading: a numbered line
/// whose first words, up to a full stop or colon right after the match, are the
/// number and at most five capitalised words ("5.5 Privacy Shield.
/// Quillstack previously participated …", "(c) EU-U.S. Privacy Shield: …"). Such a title
/// names its paragraph's subject, as a heading line does ([`in_heading`]).
pub fn in_run_in_heading(s: &str, start: usize, end: usize) -> bool {
    let b = s.as_bytes();
    let end = end.max(start).min(b.len());
    // A full stop or colon, then a space, a line end or the text's end.
    if !matches!(b.get(end), Some(b'.' | b':'))
        || b.get(end + 1)
            .is_some_and(|&c| !matches!(c, b' ' | b'\t' | b'\n'))
    {
        return false;
    }
    let line_start = memchr::memrchr(b'\n', &b[..start]).map_or(0, |k| k + 1);
    let Some(title) = s.get(line_start..end) else {
        return false;
    };
    let mut words = title.split_whitespace();
    let number = words.next().unwrap_or_default();
    let numbered = {
        let n = number.trim_start_matches('(').trim_end_matches(['.', ')']);
        !n.is_empty()
            && (n
                .split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
                || n.len() == 1
                    && n.bytes().all(|c| c.is_ascii_lowercase())
                    && number.ends_with(')'))
    };
    let rest: Vec<&str> = words.collect();
    numbered
        && !rest.is_empty()
        && rest.len() <= RUN_IN_TITLE_WORDS
        && rest.iter().all(|w| {
            w.trim_start_matches(['*', '_', '"', '„'])
                .starts_with(char::is_uppercase)
        })
}

/// Most words of a run-in heading's title ([`in_run_in_heading`]).
const RUN_IN_TITLE_WORDS: usize = 5;

/// The words of `s`: its whitespace-separated tokens with the punctuation around them
/// taken off ("„Transfers" → "Transfers", "(EU)" → "EU"); tokens of punctuation only are
/// left out.
pub fn words(s: &str) -> impl DoubleEndedIterator<Item = &str> {
    s.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !is_word_char(c)))
        .filter(|w| !w.is_empty())
}

/// Whether `before` (the text of a line or sentence up to a mention) ends with a label of
/// what was removed or replaced and at most three words after its colon: "Formerly listed
/// (removed as of 1 January 2024): Mailgun Technologies, Inc.", "Ehemalige
/// Unterauftragsverarbeiter: …". The label has at most ten words and begins with one of
/// [`FORMER_LABEL_WORDS`] or the words "nicht mehr" or "no longer" ("Nicht mehr
/// beigezogen: Swisscom (Schweiz) AG"). Also a heading run into its paragraph ("Former Sub-processors.
/// Google Cloud EMEA Limited …": an enumerator aside, at most four words).
pub fn after_former_label(before: &str) -> bool {
    after_former_run_in_heading(before) || after_former_colon_label(before)
}

/// Whether the line `before` ends with a heading of what was removed run into its
/// paragraph and at most three words after the heading's full stop: "Former
/// Sub-processors. Google Cloud EMEA Limited", "6.4 Removed Subprocessors. The
/// following: …" (an enumerator aside, at most four words, the first one of
/// [`FORMER_LABEL_WORDS`]).
fn after_former_run_in_heading(before: &str) -> bool {
    let line = before.rfind('\n').map_or(before, |i| &before[i + 1..]);
    let Some(from) = line.find(char::is_alphabetic) else {
        return false;
    };
    let Some(stop) = line[from..].find(". ").map(|k| from + k) else {
        return false;
    };
    let label: Vec<&str> = words(&line[..stop])
        .skip_while(|w| !w.contains(char::is_alphabetic) || w.chars().count() == 1)
        .collect();
    // A title's words, each capitalised: not a sentence ("Formerly we used Mailgun.").
    let [first, ..] = label[..] else {
        return false;
    };
    FORMER_LABEL_WORDS.contains(&first.to_lowercase().as_str())
        && label.len() <= 4
        && label.iter().all(|w| w.starts_with(char::is_uppercase))
        && words(&line[stop + 2..]).count() <= 3
}

/// The colon label of [`after_former_label`].
fn after_former_colon_label(before: &str) -> bool {
    let Some(colon) = before.rfind(':') else {
        return false;
    };
    let label = &before[..colon];
    // After the line's or sentence's start; the dots of a date stay ("Entfernt zum
    // 31.03.2025: Twilio Inc.").
    let label = label.rfind('\n').map_or(label, |i| &label[i + 1..]);
    let label = label.rfind(". ").map_or(label, |i| &label[i + 2..]);
    // An item's number before it ("Nr. 6  (entfallen – bis 30.06.2025: Dialogwerk …").
    let first = words(label)
        .find(|w| w.contains(char::is_alphabetic))
        .map(str::to_lowercase);
    // "Nicht mehr beigezogen: Swisscom (Schweiz) AG", "No longer used: …" (not "Nicht
    // mehr als zwei …", a number).
    let lower = label.trim_start().to_lowercase();
    let no_longer = ["nicht mehr ", "no longer "]
        .iter()
        .any(|p| lower.starts_with(p))
        && !lower.starts_with("nicht mehr als");
    let former_word = |w: &str| FORMER_LABEL_WORDS.contains(&w) || COLON_FORMER_WORDS.contains(&w);
    (no_longer || first.is_some_and(|w| former_word(&w)))
        && words(label).count() <= 10
        && words(&before[colon + 1..]).count() <= 3
}

/// Words that open a colon label of what was removed, besides [`FORMER_LABEL_WORDS`],
/// which are not cue words anywhere else ("entfallen – bis 30.06.2025: …"; "Die Gebühren
/// entfallen" says nothing of a removal).
const COLON_FORMER_WORDS: [&str; 3] = ["entfallen", "gestrichen", "ausgeschieden"];

/// Whether `line` titles a list of what is no longer used: at most ten words, one of them
/// a word of [`FORMER_LABEL_WORDS`] or the words "nicht mehr" or "no longer" ("D. Nicht
/// mehr eingesetzte Unterauftragsverarbeiter", "Former sub-processors", "Removed
/// Subprocessors").
///
/// A title that also names what is used now ("Current and former sub-processors") is
/// none: its rows say each their own status.
pub fn is_former_heading(line: &str) -> bool {
    let lower = line.to_lowercase();
    let n = words(&lower).count();
    (1..=10).contains(&n)
        && (words(&lower).any(|w| FORMER_LABEL_WORDS.contains(&w))
            || contains_words(&lower, &["nicht mehr", "no longer"]))
        && !names_current(&lower)
}

/// Whether `line` titles a list of what is not used yet: at most ten words, one of them
/// a word of [`PLANNED_LABEL_WORDS`] ("3. Geplante Unterauftragsverarbeiter", "Upcoming
/// Sub-processors (effective 1 July 2025)"), and none of what is used now ("Current and
/// upcoming sub-processors" lists both).
pub fn is_planned_heading(line: &str) -> bool {
    let lower = line.to_lowercase();
    let n = words(&lower).count();
    (1..=10).contains(&n)
        && words(&lower).any(|w| PLANNED_LABEL_WORDS.contains(&w))
        && !names_current(&lower)
}

/// Titles of a document's change log (lower case): "Annex E – Version history",
/// "Änderungsverlauf:"; the first five head a policy's section about its changes, a log
/// only where its entries are a list or a table.
pub const CHANGE_LOG_TITLES: [&str; 24] = [
    "änderungen dieser erklärung",
    "änderungen dieser datenschutzerklärung",
    "changes to this privacy policy",
    "changes to this privacy notice",
    "changes to this policy",
    "version history",
    "versionshistorie",
    "versionsverlauf",
    "änderungshistorie",
    "änderungsverlauf",
    "änderungsprotokoll",
    "änderungsübersicht",
    "change log",
    "changelog",
    "revision history",
    "document history",
    "dokumenthistorie",
    // "15. Annex 3 — Change history" (the twenty-ninth blind set).
    "change history",
    "amendment history",
    "history of changes",
    // "Earlier versions: 1 April 2023 (switch from Mailchimp to Brevo), …".
    "earlier versions",
    "previous versions",
    "frühere fassungen",
    "frühere versionen",
];

/// The titles of [`CHANGE_LOG_TITLES`] that head a policy's section about its changes
/// ("15. Änderungen dieser Erklärung", "Changes to this privacy notice"): a log only where
/// its dated entries are a list or a table ("- 15.01.2025: Umstellung des
/// Newsletterversands von Mailchimp auf Brevo"); prose under them speaks of changes to
/// come as often as of past ones.
const CHANGES_SECTION_TITLES: usize = 5;

/// Whether `line` titles a change log: at most ten words, ending with a phrase of
/// [`CHANGE_LOG_TITLES`] ("Annex E – Version history", "Änderungsverlauf:"; not "Ongoing
/// updates (Changelog API)").
pub fn is_change_log_heading(line: &str) -> bool {
    ends_with_title(line, &CHANGE_LOG_TITLES)
}

/// [`is_change_log_heading`] without the titles of a section about changes
/// ([`CHANGES_SECTION_TITLES`]).
fn is_log_heading(line: &str) -> bool {
    ends_with_title(line, &CHANGE_LOG_TITLES[CHANGES_SECTION_TITLES..])
}

/// Whether `line` has at most ten words and ends with one of `titles`.
fn ends_with_title(line: &str, titles: &[&str]) -> bool {
    let lower = line.to_lowercase();
    let end = lower.trim_end_matches(|c: char| !is_word_char(c));
    (1..=10).contains(&words(&lower).count()) && titles.iter().any(|t| end.ends_with(t))
}

/// Whether `pos` lies in a document's change log, whose entries tell what earlier
/// versions said: a list or table under a title of [`is_change_log_heading`] (read as
/// [`in_former_list`] reads), a paragraph run in with such a label ("*Änderungsverlauf:
/// 15.03.2023 – Google Analytics entfernt …*"), or a table row under a change log's header
/// row (`in_log_table`).
pub fn in_change_log(text: &str, pos: usize) -> bool {
    let pos = floor_boundary(text, pos.min(text.len()));
    let floor = floor_boundary(text, pos.saturating_sub(FORMER_HEADING_REACH));
    let para = text[floor..pos]
        .rfind("\n\n")
        .map_or(floor, |k| floor + k + 2);
    let opening = text[para..pos]
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '#'));
    let label = opening
        .split_once(':')
        .is_some_and(|(label, _)| is_change_log_heading(label));
    // A list item's or a table row's line may stand under a section about changes too.
    let ls = memchr::memrchr(b'\n', &text.as_bytes()[..pos]).map_or(0, |k| k + 1);
    let line = &text[ls..];
    let row = line.split('\n').next().is_some_and(|l| l.contains(" | "));
    let member = row || line.trim_start().starts_with(LIST_MARKS);
    let title = if member {
        is_change_log_heading
    } else {
        is_log_heading
    };
    label || in_titled_list(text, pos, title, false) || row && in_log_table(text, ls)
}

/// Cells of what changed beside a table's bar (lower case; "Version | Date | Change"): cue
/// words whose occurrence the keyword pass finds, so that a document without them is known
/// to have no change log's header row (`in_log_table`) without reading its lines.
pub const LOG_HEADER_CUES: [&str; 12] = [
    "| change",
    "|change",
    "change |",
    "change|",
    "changes |",
    "changes|",
    "| änderung",
    "|änderung",
    "änderung |",
    "änderung|",
    "änderungen |",
    "änderungen|",
];

/// Header cells that name a version or a date, the first half of a change log's header
/// row ([`in_log_table`]), lower case.
const LOG_HEADER_WHEN: [&str; 6] = ["version", "fassung", "date", "datum", "stand", "revision"];

/// Header cells that name what changed, the second half of a change log's header row
/// ([`in_log_table`]), lower case.
const LOG_HEADER_WHAT: [&str; 6] = [
    "change",
    "changes",
    "änderung",
    "änderungen",
    "description of change",
    "beschreibung der änderung",
];

/// Words of a header cell that make a table one of changes to what the words name, whose
/// added entries are current ("Datum | Änderung | Unterauftragsverarbeiter"): no change log.
const LOG_HEADER_SUBJECTS: [&str; 6] = [
    "verarbeiter",
    "processor",
    "anbieter",
    "provider",
    "dienstleister",
    "vendor",
];

/// Whether the table row starting at `ls` stands under a change log's header row, one
/// that names a version or a date and what changed ("Version | Date | Change", "| Fassung
/// | Datum | Änderungen |"), whatever title the table has ("9. Changes"), and none of what
/// the changes are to ([`LOG_HEADER_SUBJECTS`]): the rows above it up to the table's first,
/// a markdown rule between them skipped.
fn in_log_table(text: &str, ls: usize) -> bool {
    let b = text.as_bytes();
    let mut start = ls;
    let mut header = None;
    while start > 0 {
        let le = start - 1;
        let s = memchr::memrchr(b'\n', &b[..le]).map_or(0, |k| k + 1);
        let line = text[s..le].trim();
        if !line.contains('|') {
            break;
        }
        if !line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
            header = Some(line);
        }
        start = s;
    }
    header.is_some_and(|h| {
        let cells: Vec<String> = h
            .split('|')
            .map(|c| c.trim().trim_matches(|c: char| c == '*').to_lowercase())
            .collect();
        let has = |set: &[&str]| cells.iter().any(|c| set.contains(&c.as_str()));
        has(&LOG_HEADER_WHEN)
            && has(&LOG_HEADER_WHAT)
            && !cells
                .iter()
                .any(|c| LOG_HEADER_SUBJECTS.iter().any(|s| c.contains(s)))
    })
}

/// Whether the lower-cased title `lower` has a word of what is used now
/// ([`CURRENT_LABEL_WORDS`]).
fn names_current(lower: &str) -> bool {
    words(lower).any(|w| CURRENT_LABEL_WORDS.contains(&w))
}

/// The words that title a list of what is used now (lower case), beside a word of what is
/// planned or former in a title of both ("Current and upcoming sub-processors",
/// "Aktuelle und ehemalige Unterauftragsverarbeiter").
const CURRENT_LABEL_WORDS: [&str; 12] = [
    "current",
    "existing",
    "active",
    "aktuell",
    "aktuelle",
    "aktuellen",
    "derzeitige",
    "derzeitigen",
    "bestehende",
    "bestehenden",
    "gegenwärtige",
    "gegenwärtigen",
];

/// The words that title a list of what is planned, not used yet (lower case), all of
/// them `hypothetical.before` cues of `patterns/cues.toml`. Not "vorgesehene": "die
/// vorgesehenen Unterauftragsverarbeiter" are the approved ones.
pub const PLANNED_LABEL_WORDS: [&str; 13] = [
    "planned",
    "upcoming",
    "future",
    "geplant",
    "geplante",
    "geplanten",
    "geplanter",
    "künftige",
    "künftigen",
    "künftiger",
    "zukünftige",
    "zukünftigen",
    "zukünftiger",
];

/// Whether `before` (the line up to a name) ends in an announcement of what is not used
/// yet: one of its last [`PLANNED_LABEL_REACH`] words, after the last ';', is a word of
/// [`PLANNED_LABEL_WORDS`] ("Ankündigung geplanter Unterauftragsverarbeiter (OpenAI
/// Ireland Ltd; …)", "Planned: OpenAI Ireland Ltd").
pub fn planned_label_before(before: &str) -> bool {
    let clause = before.rsplit(';').next().unwrap_or_default();
    let lower = clause.to_lowercase();
    let words: Vec<&str> = words(&lower).collect();
    words
        .iter()
        .rev()
        .take(PLANNED_LABEL_REACH)
        .any(|w| PLANNED_LABEL_WORDS.contains(w))
}

/// Most words before a name that [`planned_label_before`] reads.
pub const PLANNED_LABEL_REACH: usize = 3;

/// Whether one of `phrases` occurs in `s` as whole words.
fn contains_words(s: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| {
        s.match_indices(p)
            .any(|(i, m)| at_word_bounds(s, i, i + m.len()))
    })
}

/// Whether the mention at `pos` leads an item of a list or a table row under a title of
/// what is no longer used: only a bullet, a number or a table's `|` stands before it on
/// its line, and the line is one of such a list ([`in_former_list`]).
pub fn under_former_heading(text: &str, pos: usize) -> bool {
    leads_item(text, pos) && in_former_list(text, pos)
}

/// Whether only a bullet, a number or a table's `|` stands before `pos` on its line: the
/// mention at `pos` leads a list item or a row.
///
/// Reads back at most 64 bytes (`LEAD_REACH`) unless all of them could still belong to such a
/// lead (blanks and marks): on a text without line breaks, a search back to the line's
/// start for every mention made the entity stage quadratic.
pub fn leads_item(text: &str, pos: usize) -> bool {
    let b = text.as_bytes();
    let pos = floor_boundary(text, pos.min(b.len()));
    let lo = floor_boundary(text, pos.saturating_sub(LEAD_REACH));
    let ls = match memchr::memrchr(b'\n', &b[lo..pos]) {
        Some(k) => lo + k + 1,
        // The line starts further back. Its lead holds what stands here, trimmed, and is
        // at least as long: text here that is no lead decides without reading further.
        None if lo > 0 && !is_lead(text[lo..pos].trim()) && text[lo..pos].trim().len() > 5 => {
            return false;
        }
        None => memchr::memrchr(b'\n', &b[..lo]).map_or(0, |k| k + 1),
    };
    is_lead(text[ls..pos].trim())
}

/// Bytes that [`leads_item`] reads back before it needs the line's start.
const LEAD_REACH: usize = 64;

/// Whether `lead`, the trimmed text before a mention on its line, is nothing, list marks,
/// or a short number or letter of an item ("3.", "(b)", "iv)", "A.4", "2.1"), also in a
/// table row's first cell ("7 |").
fn is_lead(lead: &str) -> bool {
    // A table row's number in a cell of its own ("7 | Userlike UG …").
    if let Some(number) = lead.strip_suffix('|').map(str::trim_end) {
        if !number.is_empty() && !number.contains('|') && is_lead(number) {
            return true;
        }
    }
    let label = lead.trim_start_matches('(').trim_end_matches(['.', ')']);
    lead.is_empty()
        || lead.chars().all(|c| LIST_MARKS.contains(&c))
        || (lead.len() <= 5 && label.chars().all(|c| c.is_ascii_alphanumeric()))
        || (lead.len() <= 6
            && label.split('.').all(|p| {
                !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_alphanumeric())
            }))
}

/// Whether the line holding `pos` belongs to a list under a title of what is no longer
/// used ([`is_former_heading`]): reading back over the list's lines (items, their
/// wrapped rest, a table's rows, a heading's underline), the first line after a blank one
/// is such a title ("(Bis Juli 2020 gestützt auf den EU-US Privacy Shield, danach auf
/// SCC.)" under a former sub-processor's entry). Reads at most [`FORMER_HEADING_REACH`]
/// bytes back.
pub fn in_former_list(text: &str, pos: usize) -> bool {
    in_titled_list(text, pos, is_former_heading, true)
}

/// Whether the line holding `pos` belongs to a list under a title of what is not used
/// yet ([`is_planned_heading`]: "3. Geplante Unterauftragsverarbeiter", "Upcoming
/// Sub-processors"), read as [`in_former_list`] reads.
pub fn in_planned_list(text: &str, pos: usize) -> bool {
    in_titled_list(text, pos, is_planned_heading, false)
}

/// Whether the line holding `pos` belongs to a list whose title (the first line after a
/// blank one, reading back over the list's lines, or a line right above the list's items
/// and rows) satisfies `is_title`. A table's row
/// ("Unterauftragsverarbeiter | Anschrift | Beendet zum", as extraction leaves a
/// Markdown table) is a line of the list; with `row_titles` it is the title when it
/// satisfies `is_title` ("Former sub-processor | Location").
fn in_titled_list(text: &str, pos: usize, is_title: fn(&str) -> bool, row_titles: bool) -> bool {
    let b = text.as_bytes();
    let pos = floor_boundary(text, pos.min(b.len()));
    let mut ls = memchr::memrchr(b'\n', &b[..pos]).map_or(0, |k| k + 1);
    if ls == 0 {
        return false;
    }
    // A paragraph of its own after the list is no line of it.
    let own = text[ls..memchr::memchr(b'\n', &b[pos..]).map_or(b.len(), |k| pos + k)].trim();
    let own_member = own.starts_with(LIST_MARKS);
    if !own_member && text[..ls - 1].ends_with('\n') {
        // The first line of a table whose rows PDF text leaves without marks, right under
        // its heading, is a line of it.
        return heading_above(text, ls).is_some_and(is_title);
    }
    let floor = pos.saturating_sub(FORMER_HEADING_REACH);
    // Whether every line read so far, the mention's own included, is an item or a row: a
    // title right above them heads them even without a blank line above it, as DOCX
    // paragraphs come ("Änderungsprotokoll⏎Fassung | Datum | Änderung⏎2.0 | …").
    let mut only_members = own_member || own.contains(" | ");
    let mut below_underline = false;
    while ls > floor && ls > 0 {
        let le = ls - 1;
        let start = memchr::memrchr(b'\n', &b[..le]).map_or(0, |k| k + 1);
        let line = text[start..le].trim();
        let above_blank = start == 0 || {
            let ae = start - 1;
            let a = memchr::memrchr(b'\n', &b[..ae]).map_or(0, |k| k + 1);
            text[a..ae].trim().is_empty()
        };
        let underline = !line.is_empty() && line.chars().all(|c| c == '-' || c == '=');
        // A line above an underline is a heading of its own, not a table's header.
        let heading = std::mem::replace(&mut below_underline, underline);
        let row = line.contains(" | ");
        if row && row_titles && is_title(line) {
            return true;
        }
        let member = line.starts_with(LIST_MARKS) || row;
        if !line.is_empty() && !underline && !member {
            if above_blank {
                // "Change log⏎⏎Version Change⏎2.0 (March 2022) …": a table whose rows PDF
                // text leaves without marks, under a heading of its own.
                return is_title(line)
                    || !heading && heading_above(text, start).is_some_and(is_title);
            }
            if only_members && is_title(line) {
                return true;
            }
            only_members = false;
        }
        ls = start;
    }
    false
}

/// The heading right above the paragraph starting at `start`: the line before the blank
/// lines above it (an underline under it skipped), not an item or a row, a paragraph of
/// its own (a rule above it counts as a blank line) or the end of one that opens what
/// follows with its colon ("We update this statement when our processing changes.
/// Version history:").
fn heading_above(text: &str, start: usize) -> Option<&str> {
    let mut lines = text[..start].lines().rev().map(str::trim);
    let rule = |l: &str| !l.is_empty() && l.chars().all(|c| c == '-' || c == '=');
    let mut heading = lines.by_ref().find(|l| !l.is_empty())?;
    if rule(heading) {
        heading = lines.next()?;
    }
    // A list's item or a table's row above is the end of a list, no heading; the last
    // line of a paragraph is one when it opens what follows with its colon.
    let own = lines.next().is_none_or(|l| l.is_empty() || rule(l)) || heading.ends_with(':');
    (own && !heading.starts_with(LIST_MARKS) && !heading.contains(" | ")).then_some(heading)
}

/// Chars that begin a list item or a table row: bullets, dashes and `|`.
const LIST_MARKS: [char; 6] = ['-', '*', '•', '–', '·', '|'];

/// Most bytes [`in_former_list`] reads back from a mention.
pub const FORMER_HEADING_REACH: usize = 4000;

/// The first words of a label of [`after_former_label`] (lower case), all of them
/// `historical.before` cues of `patterns/cues.toml`.
pub const FORMER_LABEL_WORDS: [&str; 13] = [
    "entfallene",
    "entfallenen",
    "discontinued",
    "formerly",
    "former",
    "previously",
    "removed",
    "entfernt",
    "früher",
    "frühere",
    "ehemalige",
    "ehemals",
    "bisherige",
];

/// How far back before a word [`ends_with_words`] reads, in bytes.
const WORDS_BEFORE_BYTES: usize = 100;

/// Whether the words right before the word that holds byte `pos` of `low` (lower case)
/// are one of `phrases` (each as [`words`], lower case): "… auch in Bezug auf die
/// Übermittlung" ends with "auch in bezug auf die" before "übermittlung", and before
/// "übermittlung" of "die Datenübermittlung" too.
pub fn ends_with_words(low: &str, pos: usize, phrases: &[Vec<String>]) -> bool {
    let pos = floor_boundary(low, pos);
    let word_start = low[..pos]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(pos, |(i, _)| i);
    let from = ceil_boundary(low, word_start.saturating_sub(WORDS_BEFORE_BYTES));
    let longest = phrases.iter().map(Vec::len).max().unwrap_or(0);
    let before: Vec<&str> = words(&low[from..word_start]).rev().take(longest).collect();
    phrases
        .iter()
        .any(|p| p.len() <= before.len() && p.iter().rev().zip(&before).all(|(a, b)| a == b))
}

/// Start of the sentence holding byte `pos` (searching back at most [`SENTENCE_REACH`] bytes).
pub fn sentence_start(s: &str, pos: usize) -> usize {
    let b = s.as_bytes();
    let pos = floor_boundary(s, pos);
    let limit = pos.saturating_sub(SENTENCE_REACH);
    let mut i = pos;
    while i > limit {
        i -= 1;
        match b[i] {
            b'\n' if breaks_sentence(s, i) => return i + 1,
            b'.' | b'!' | b'?' if ends_sentence(s, i) => return ceil_boundary(s, i + 2).min(pos),
            _ => {}
        }
    }
    ceil_boundary(s, limit)
}

/// End (exclusive) of the sentence holding byte `pos` (searching forward at most [`SENTENCE_REACH`] bytes).
pub fn sentence_end(s: &str, pos: usize) -> usize {
    let b = s.as_bytes();
    let pos = ceil_boundary(s, pos);
    let limit = (pos + SENTENCE_REACH).min(s.len());
    let mut i = pos;
    while i < limit {
        match b[i] {
            b'\n' if breaks_sentence(s, i) => return i,
            b'.' | b'!' | b'?' if ends_sentence(s, i) => return i + 1,
            _ => {}
        }
        i += 1;
    }
    floor_boundary(s, limit)
}

/// Where sentences break in a text, computed once in one pass so that sentence bounds
/// are a table lookup instead of a scan of up to [`SENTENCE_REACH`] bytes per call.
/// [`SentenceIndex::start`] and [`SentenceIndex::end`] return exactly what
/// [`sentence_start`] and [`sentence_end`] return.
#[derive(Debug, Clone, Default)]
pub struct SentenceIndex {
    /// Byte `i` of each break, shifted left by one; the low bit is set for a '\n'
    /// (else `i` is a '.', '!' or '?' that ends a sentence). Sorted.
    breaks: Vec<usize>,
    /// For each block of [`BLOCK`] bytes: the index in `breaks` of its first break at or
    /// after the block's start (so a lookup scans a few entries instead of searching all).
    blocks: Vec<u32>,
}

/// Block size of [`SentenceIndex`]'s lookup table, in bytes.
const BLOCK: usize = 256;

impl SentenceIndex {
    /// Indexes the sentence breaks of `s`.
    pub fn new(s: &str) -> Self {
        let b = s.as_bytes();
        let mut breaks = Vec::with_capacity(b.len() / 64);
        // memchr skips the bytes between candidates with vector instructions; '!' is
        // rare, so it gets its own pass and a sort only when present.
        let mut push = |i: usize| match b[i] {
            b'\n' if breaks_sentence(s, i) => breaks.push(i << 1 | 1),
            b'\n' => {}
            _ if ends_sentence(s, i) => breaks.push(i << 1),
            _ => {}
        };
        memchr::memchr3_iter(b'\n', b'.', b'?', b).for_each(&mut push);
        let sorted_len = breaks.len();
        memchr::memchr_iter(b'!', b).for_each(|i| {
            if ends_sentence(s, i) {
                breaks.push(i << 1);
            }
        });
        if breaks.len() > sorted_len {
            breaks.sort_unstable();
        }
        let mut blocks = Vec::with_capacity(b.len() / BLOCK + 1);
        let mut k = 0;
        for block in 0..=b.len() / BLOCK {
            while k < breaks.len() && (breaks[k] >> 1) < block * BLOCK {
                k += 1;
            }
            blocks.push(u32::try_from(k).unwrap_or(u32::MAX));
        }
        SentenceIndex { breaks, blocks }
    }

    /// The index of the first break at or after byte `pos` (`breaks.len()` if none).
    fn first_from(&self, pos: usize) -> usize {
        let mut k = match self.blocks.get(pos / BLOCK) {
            Some(&k) if k != u32::MAX => k as usize,
            _ => return self.breaks.partition_point(|&x| (x >> 1) < pos),
        };
        while k < self.breaks.len() && (self.breaks[k] >> 1) < pos {
            k += 1;
        }
        k
    }

    /// Same as [`sentence_start`]`(s, pos)`; `s` must be the indexed text.
    pub fn start(&self, s: &str, pos: usize) -> usize {
        let pos = floor_boundary(s, pos);
        let limit = pos.saturating_sub(SENTENCE_REACH);
        // The last break before `pos`.
        let k = self.first_from(pos);
        if let Some(&x) = k.checked_sub(1).and_then(|k| self.breaks.get(k)) {
            let i = x >> 1;
            if i >= limit {
                return if x & 1 == 1 {
                    i + 1
                } else {
                    ceil_boundary(s, i + 2).min(pos)
                };
            }
        }
        ceil_boundary(s, limit)
    }

    /// Same as [`sentence_end`]`(s, pos)`; `s` must be the indexed text.
    pub fn end(&self, s: &str, pos: usize) -> usize {
        self.break_end(s, pos).unwrap_or_else(|| {
            floor_boundary(s, (ceil_boundary(s, pos) + SENTENCE_REACH).min(s.len()))
        })
    }

    /// [`SentenceIndex::end`] when the sentence ends at a break within reach; `None` when
    /// it is only cut off by [`SENTENCE_REACH`] or the end of the text.
    pub fn break_end(&self, s: &str, pos: usize) -> Option<usize> {
        let pos = ceil_boundary(s, pos);
        let limit = (pos + SENTENCE_REACH).min(s.len());
        let k = self.first_from(pos);
        let x = *self.breaks.get(k)?;
        let i = x >> 1;
        (i < limit).then_some(if x & 1 == 1 { i } else { i + 1 })
    }
}

/// The context of `start..end`: its sentence, cut to at most about `max` bytes around the match
/// (at char boundaries), trimmed.
pub fn context(s: &str, start: usize, end: usize, sent: (usize, usize), max: usize) -> String {
    let half = max.saturating_sub(end - start) / 2;
    let a = ceil_boundary(s, sent.0.max(start.saturating_sub(half)));
    let z = floor_boundary(s, sent.1.min(end + half)).max(a);
    s[a..z].trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Definitions, numbered or not, quoted or capitalised, in English and German; and
    /// sentences that use a defined term, or start like a definition without being one.
    #[test]
    fn definitions_are_told_from_sentences_that_use_the_term() {
        for d in [
            "1.2 “Personal Data Breach” means a breach of security leading to the loss of data.",
            "(e) \"Restricted Transfer\" means a transfer of the Customer's Personal Data.",
            "“Sub-processor” means any Processor engaged by Basecamp.",
            "Sub-processor means any third party engaged by the Processor.",
            "“New Subprocessor” has the meaning given in Section 11.1.",
            "“DPIA” (data protection impact assessment) means an assessment under Article 35 GDPR.",
            "§ 1 „Datenpanne“ bezeichnet jede Verletzung des Schutzes personenbezogener Daten.",
            "„Unterauftragsverarbeiter“ im Sinne dieses Vertrags ist jeder weitere Auftragsverarbeiter.",
            "a) „Weisung“: ist die auf einen bestimmten Umgang gerichtete Anordnung.",
            // A legend of a table's codes, a code spelt two ways.
            "- \"n/a\" bzw. \"n/a (EU)\" bedeutet, dass keine Übermittlung in ein Drittland stattfindet.",
            "„k. A.“ oder „n/a“ bedeutet, dass keine Übermittlung stattfindet.",
            "- \"TBD\" or \"t.b.c.\" means that the mechanism is still to be agreed.",
            // Terms taken from the law (the thirteenth blind set's DPA).
            "1.1 Terms such as \"personal data\" and \"personal data breach\" have the meanings given in Regulation (EU) 2016/679.",
            "Die Begriffe „Verletzung des Schutzes personenbezogener Daten“ und „Verarbeitung“ haben die Bedeutung nach Art. 4 DSGVO.",
            "Die Begriffe „Verarbeitung“ und „Verletzung des Schutzes personenbezogener Daten“ haben die in Art. 4 DSGVO festgelegte Bedeutung.",
            "Begriffe wie „Verantwortlicher“ oder „Datenpanne“ sind im Sinne der DSGVO zu verstehen.",
            "Capitalised terms used in this DPA shall have the meaning given in the Agreement.",
        ] {
            assert!(is_definition(d), "{d}");
        }
        for n in [
            "The Processor shall notify the Controller of any Personal Data Breach.",
            "8.3 The Controller is responsible for notifying any Personal Data Breach.",
            "Der Auftragnehmer meldet dem Auftraggeber Verletzungen des Schutzes personenbezogener Daten.",
            "“Personal Data Breach” notices are sent without undue delay.",
            "This means that the Processor notifies the Controller of a Personal Data Breach.",
            "Security means that the Processor notifies the Controller of every breach.",
            "Any Personal Data Breach shall be notified within 24 hours.",
            "„Datenpannen“ meldet der Auftragnehmer unverzüglich.",
            "The terms of this DPA oblige the Processor to notify every personal data breach.",
            "",
        ] {
            assert!(!is_definition(n), "{n}");
        }
    }

    /// [`leads_item`] reads back a bounded stretch, yet answers as if it read the whole
    /// line: at every position of lines whose lead is longer than its reach (blanks, list
    /// marks, words), the same as the trimmed text from the line's start says.
    #[test]
    fn leading_an_item_is_read_from_the_whole_line() {
        let pad = " ".repeat(LEAD_REACH + 10);
        let dashes = "–".repeat(LEAD_REACH);
        let words = "Daten werden an die folgenden Empfänger übermittelt, nämlich ".repeat(3);
        let text = format!(
            "Kopf\n{pad}- Acme GmbH\n{dashes}Beta Ltd\n{pad}(b) Gamma AG\n{words}Delta SE\n{pad}{words}Eps\n\
             {pad}123456 Zeta\nIota{pad}Kappa"
        );
        let reference = |pos: usize| {
            let ls = text[..pos].rfind('\n').map_or(0, |k| k + 1);
            is_lead(text[ls..pos].trim())
        };
        let mut leads = Vec::new();
        for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
            assert_eq!(leads_item(&text, pos), reference(pos), "at {pos}");
            if leads_item(&text, pos) && text[pos..].starts_with(char::is_uppercase) {
                leads.push(text[pos..].split_whitespace().next().unwrap_or_default());
            }
        }
        // "Daten" twice: its line's lead is blanks; "Kappa" after a short word ("Iota").
        assert_eq!(
            leads,
            ["Kopf", "Acme", "Beta", "Gamma", "Daten", "Daten", "Iota", "Kappa"]
        );
    }

    /// `in_heading` at the first occurrence of `needle` in `text`.
    fn heading_at(text: &str, needle: &str) -> bool {
        let start = text.find(needle).expect("needle in text");
        in_heading(text, start, start + needle.len())
    }

    #[test]
    fn headings_are_short_lines_of_their_own_or_numbered() {
        let x = "Übermittlung in Drittländer";
        for text in [
            "Übermittlung in Drittländer",
            "Intro.\n\nÜbermittlung in Drittländer\n\nEine Übermittlung findet nicht statt.",
            "Intro.\n6. Übermittlung in Drittländer\nEine Übermittlung findet nicht statt.",
            "§ 11 Übermittlung in Drittländer außerhalb der EU\nText.",
            "## Übermittlung in Drittländer\nText.",
        ] {
            assert!(heading_at(text, x), "{text:?}");
        }
        for text in [
            // A sentence, a label, a table row, a line inside a paragraph.
            "Eine Übermittlung in Drittländer findet statt.",
            "Übermittlung in Drittländer:",
            "| Übermittlung in Drittländer | ja |",
            "Intro.\nÜbermittlung in Drittländer\nfindet nicht statt.",
            // Too long for a heading.
            "Übermittlung in Drittländer, insbesondere in die USA, nach Kanada, nach Japan und \
             in weitere Länder der Welt",
        ] {
            assert!(!heading_at(text, x), "{text:?}");
        }
    }

    #[test]
    fn the_words_before_a_word_are_compared_without_punctuation() {
        let phrases = vec![
            vec![
                "in".to_string(),
                "bezug".to_string(),
                "auf".to_string(),
                "die".to_string(),
            ],
            vec!["chapter".to_string(), "v".to_string()],
        ];
        let at = |low: &str, word: &str| ends_with_words(low, low.find(word).unwrap(), &phrases);
        assert!(at("auch in bezug auf die übermittlung", "übermittlung"));
        // The match may start inside a compound: the words before the compound count.
        assert!(at(
            "auch in bezug auf die datenübermittlung",
            "übermittlung"
        ));
        assert!(at(
            "under chapter v “transfers of personal data",
            "transfers"
        ));
        assert!(!at("in bezug auf diese übermittlung", "übermittlung"));
        assert!(!at("die übermittlung", "übermittlung"));
    }

    #[test]
    fn lower_preserves_length() {
        for (input, want) in [
            ("ÄÖÜ Straße USA", "äöü straße usa"),
            ("İstanbul", "İstanbul"),
            ("ΩMEGA", "ωmega"),
            ("ẞ", "ẞ"), // ß is 2 bytes, ẞ 3: kept
            ("", ""),
            (
                "Standard\nContractual\tClauses\r\n",
                "standard contractual clauses  ",
            ),
        ] {
            let got = lower_preserving(input);
            assert_eq!(got, want, "{input}");
            assert_eq!(got.len(), input.len());
        }
    }

    #[test]
    fn fast_lower_is_the_slow_lower() {
        for input in [
            "ÄÖÜ Straße USA × ÞÀ",
            "İstanbul ẞ ΩMEGA Ǆ Ⅻ ＡＢ Ωmega ÿŸ",
            "Übermittlung in die Vereinigten Staaten von Amerika (USA).",
            "Zeile\nZweite\tZeile\r\n\x0b\x0c",
        ] {
            assert_eq!(
                lower_preserving(input),
                lower_preserving_slow(input),
                "{input}"
            );
        }
        // Every char up to U+2FFFF, each between ASCII letters.
        let all: String = (0..0x2FFFFu32)
            .filter_map(char::from_u32)
            .flat_map(|c| [c, 'A'])
            .collect();
        assert_eq!(lower_preserving(&all), lower_preserving_slow(&all));
    }

    #[test]
    fn sentence_index_agrees_with_the_scans() {
        let mut s = String::from(
            "Erster Satz. Gemäß Art. 28 Abs. 3 DSGVO gilt dies! Dritter Satz?\nNeue Zeile. ",
        );
        s.push_str("We use Google LLC, U.S. company. Next. ");
        s.push_str(&"ä b c. ".repeat(40));
        s.push_str(&"x".repeat(900));
        s.push_str("Ende. Ö");
        // Wrapped lines, and line breaks that end a sentence all the same.
        s.push_str("\nfindet ausschließlich in einem\nMitgliedsstaat statt, wenn\nüber den");
        s.push_str("\n## Titel\nText | Zelle\nweiter, doch\n- Punkt\nEnde\n\nneu");
        s.push_str("\n§ 4 Titel der regel\nText\n2.1 unterpunkt\nText und\n1. Punkt\nweiter");
        s.push_str("\nweiter an die\n\nEU, an die\n\n\nUSA, an\n \n(x). „Zitat“. “Quote” ok");
        s.push_str(
            " Art. 44 ff.\nDSGVO gilt, Art.\n28 DSGVO, ff. \nDer Satz. Inc.\nneu. Art.\nDer",
        );
        let idx = SentenceIndex::new(&s);
        for pos in 0..=s.len() + 2 {
            assert_eq!(idx.start(&s, pos), sentence_start(&s, pos), "start {pos}");
            assert_eq!(idx.end(&s, pos), sentence_end(&s, pos), "end {pos}");
        }
    }

    #[test]
    fn word_bounds() {
        let s = "Indiana India, Ägypten";
        assert!(!at_word_bounds(s, 0, 5));
        assert!(at_word_bounds(s, 8, 13));
        assert!(at_word_bounds(s, 15, s.len()));
    }

    #[test]
    fn sentences() {
        let s = "Erster Satz. Gemäß Art. 28 Abs. 3 DSGVO gilt dies. Dritter Satz";
        let p = s.find("gilt").unwrap();
        let (a, z) = (sentence_start(s, p), sentence_end(s, p));
        assert_eq!(&s[a..z], "Gemäß Art. 28 Abs. 3 DSGVO gilt dies.");
        let s2 = "We use Google LLC, U.S. company. Next";
        let p = s2.find("company").unwrap();
        assert_eq!(
            &s2[sentence_start(s2, p)..sentence_end(s2, p)],
            "We use Google LLC, U.S. company."
        );
        let s3 = "Intro. The transfer is admissible under Art. 44 et seqq. GDPR by making sure \
                  that one of these is met: Art. 45 et seq. GDPR applies. Next";
        let p = s3.find("admissible").unwrap();
        assert_eq!(
            &s3[sentence_start(s3, p)..sentence_end(s3, p)],
            "The transfer is admissible under Art. 44 et seqq. GDPR by making sure that one of \
             these is met: Art. 45 et seq. GDPR applies."
        );
        // A printed line may open with a parenthesis, not with an enumerator's.
        let s4 = "4. DeepL SE, Köln – Übersetzung von Dokumenten\n(optionale Funktion); Einsatz \
                  geplant ab Q3/2026. Bis zur Aktivierung";
        let p = s4.find("Einsatz").unwrap();
        assert_eq!(
            &s4[sentence_start(s4, p)..sentence_end(s4, p)],
            "4. DeepL SE, Köln – Übersetzung von Dokumenten\n(optionale Funktion); Einsatz \
             geplant ab Q3/2026."
        );
        for item in ["(a)", "(2)", "(iv)"] {
            let s5 = format!("Es gilt wie folgt\n{item} die Daten werden gelöscht.");
            let p = s5.find("gelöscht").unwrap();
            assert_eq!(sentence_start(&s5, p), s5.find(item).unwrap(), "{item}");
        }
    }

    #[test]
    fn list_items_lead_back_to_their_introduction() {
        // The introduction of the item that holds `word`, as text.
        let intro = |s: &str, word: &str| {
            let p = s.find(word).unwrap();
            list_intro(s, sentence_start(s, p), |q| sentence_start(s, q))
                .map(|(a, z)| s[a..z].to_string())
        };
        let head = "Vorwort. If so, one of these applies:\n";
        for list in [
            "\nan adequacy decision;\nsafeguards, such as SCCs; or\nBCR.",
            "- an adequacy decision\n- safeguards, such as SCCs\n- BCR",
            "• an adequacy decision,\n• safeguards, such as SCCs, and\n• BCR",
            "a) an adequacy decision\nb) safeguards, such as SCCs\n(c) BCR",
            "1. an adequacy decision\n2. safeguards, such as SCCs\n3. BCR",
        ] {
            let s = format!("{head}{list}");
            for word in ["adequacy", "SCCs", "BCR"] {
                assert_eq!(
                    intro(&s, word).as_deref(),
                    Some("If so, one of these applies:"),
                    "{word} in {list:?}"
                );
            }
        }
        for (s, word) in [
            // A paragraph after the list, or text before the sentence on its line.
            (
                "One of these applies:\n- adequacy\n- SCCs\n\nWe use BCR.",
                "BCR",
            ),
            ("One of these applies:\n- adequacy. We use BCR.", "BCR"),
            // Lines without joining punctuation or markers are no items of one list.
            ("One of these applies:\nadequacy\n\nBCR apply", "BCR"),
            // No colon before the items.
            ("Intro.\n- adequacy;\n- BCR", "BCR"),
            ("BCR apply;\n- adequacy", "BCR"),
        ] {
            assert_eq!(intro(s, word), None, "{s:?}");
        }
    }

    #[test]
    fn a_day_before_a_month_does_not_end_a_sentence() {
        let s = "Das ist alt. Bis zum 16. Juli 2020 stützte er sich auf das Privacy Shield.";
        let at = s.find("Privacy").unwrap();
        assert_eq!(sentence_start(s, at), s.find("Bis").unwrap());
        assert_eq!(SentenceIndex::new(s).start(s, at), s.find("Bis").unwrap());
        // A number before a capital that is no month still ends one.
        let s = "Es gilt Ziffer 16. Danach gilt das Privacy Shield.";
        assert_eq!(
            sentence_start(s, s.find("Privacy").unwrap()),
            s.find("Danach").unwrap()
        );
    }

    #[test]
    fn planned_titles_and_labels() {
        for title in [
            "3. Geplante Unterauftragsverarbeiter",
            "Upcoming Sub-processors (effective 1 July 2025)",
            "Künftige Unterauftragsverarbeiter",
        ] {
            assert!(is_planned_heading(title), "{title:?}");
        }
        for title in [
            "Aktive Unterauftragsverarbeiter",
            "Die vorgesehenen Unterauftragsverarbeiter",
            "Wir informieren über geplante Änderungen mindestens vier Wochen im Voraus per E-Mail an Sie.",
        ] {
            assert!(!is_planned_heading(title), "{title:?}");
        }
        assert!(planned_label_before(
            "7.2 | 28.04.2025 | Ankündigung geplanter Unterauftragsverarbeiter ("
        ));
        assert!(planned_label_before("Planned: "));
        assert!(!planned_label_before(
            "Ankündigung geplanter Unterauftragsverarbeiter (OpenAI Ireland Ltd; "
        ));
        assert!(!planned_label_before(
            "Die geplante Migration ist abgeschlossen; seitdem hostet die "
        ));
    }

    #[test]
    fn run_in_headings() {
        let yes = [
            (
                "5.5 Privacy Shield. Quillstack previously took part.",
                "Privacy Shield",
            ),
            (
                "(c) EU-U.S. Privacy Shield: it no longer applies.",
                "Privacy Shield",
            ),
            ("12. Privacy Shield.", "Privacy Shield"),
        ];
        let no = [
            (
                "Our provider relies on the Privacy Shield. It is certified.",
                "Privacy Shield",
            ),
            (
                "5.5 The provider relies on the Privacy Shield. More text.",
                "Privacy Shield",
            ),
            (
                "5.5 Privacy Shield Framework certification applies.",
                "Privacy Shield",
            ),
            (
                "Privacy Shield. Quillstack previously took part.",
                "Privacy Shield",
            ),
        ];
        for (cases, want) in [(&yes[..], true), (&no[..], false)] {
            for (s, m) in cases.iter() {
                let a = s.find(m).unwrap();
                assert_eq!(in_run_in_heading(s, a, a + m.len()), want, "{s:?}");
            }
        }
    }

    #[test]
    fn lists_of_former_members() {
        for title in [
            "D. Nicht mehr eingesetzte Unterauftragsverarbeiter",
            "Former sub-processors",
            "Removed Subprocessors",
            "Sub-processors we no longer use",
        ] {
            assert!(is_former_heading(title), "{title:?}");
        }
        for title in ["A. Unterauftragsverarbeiter", "Subprocessors", "Formerly"] {
            let want = title == "Formerly";
            assert_eq!(is_former_heading(title), want, "{title:?}");
        }
        let text = "D. Nicht mehr eingesetzte Unterauftragsverarbeiter\n-----\n\n\
            * Twilio Inc., San Francisco - TURN;\nbeendet, ersetzt durch IONOS SE.\n\
            (Bis Juli 2020 gestützt auf den Privacy Shield.)\n* DigitalOcean, LLC - Test.\n\n\
            Diese Anbieter erhalten keine Daten mehr.\n";
        let at = |w: &str| text.find(w).unwrap();
        assert!(under_former_heading(text, at("Twilio")));
        assert!(under_former_heading(text, at("DigitalOcean")));
        // The replacement named inside an entry is no entry of the list.
        assert!(!under_former_heading(text, at("IONOS")));
        assert!(in_former_list(text, at("Privacy")));
        // The paragraph after the list is no line of it.
        assert!(!in_former_list(text, at("Diese")));
        let current = text.replace("Nicht mehr eingesetzte", "Weitere");
        assert!(!under_former_heading(
            &current,
            current.find("Twilio").unwrap()
        ));
    }

    #[test]
    fn a_line_break_inside_a_sentence_does_not_end_it() {
        let bounds = |s: &str, word: &str| {
            let p = s.find(word).unwrap();
            s[sentence_start(s, p)..sentence_end(s, p)].to_string()
        };
        // A PDF's printed lines: the sentence goes on after a lower-case letter or a comma.
        let pdf =
            "Vorwort.\nDie Verarbeitung findet ausschließlich in einem\nMitgliedsstaat der EU,\n\
            und nur dort, statt. Weiter.";
        // A numbered paragraph goes on where its next line starts in lower case.
        let item = "§ 3 Die Daten werden ausschließlich in\nder EU verarbeitet.";
        assert_eq!(bounds(item, "EU"), item);
        let item =
            "8.1 The Processor assists the Controller in fulfilling the\nController's obligation.";
        assert_eq!(bounds(item, "obligation"), item);
        assert_eq!(
            bounds(pdf, "Mitgliedsstaat"),
            "Die Verarbeitung findet ausschließlich in einem\nMitgliedsstaat der EU,\n\
            und nur dort, statt."
        );
        // It ends after a full stop or a capital letter, at a blank line, before a bullet,
        // after a heading and in a table.
        for (s, word, want) in [
            ("Erster Satz.\nZweiter Satz", "Zweiter", "Zweiter Satz"),
            ("Muster GmbH\nDie Daten", "Daten", "Die Daten"),
            ("Absatz ohne Punkt\n\nneuer Absatz", "neuer", "neuer Absatz"),
            ("Daten gehen an\n- Muster GmbH", "Muster", "- Muster GmbH"),
            (
                "## Ort der verarbeitung\nDaten liegen in Berlin",
                "Berlin",
                "Daten liegen in Berlin",
            ),
            (
                "Anbieter | zweck\nMuster GmbH | hosting",
                "hosting",
                "Muster GmbH | hosting",
            ),
            (
                "§ 14 Art und Zweck der Verarbeitung\nJede Verlagerung",
                "Jede",
                "Jede Verlagerung",
            ),
            (
                "Section 7 Audits and inspections\nThe Processor",
                "Processor",
                "The Processor",
            ),
            (
                "2.1 Gegenstand des auftrags\nDer Auftragnehmer",
                "Der",
                "Der Auftragnehmer",
            ),
            (
                "3. Twilio Inc. – SMS; Garantie: Standardvertragsklauseln\n4. Personio SE – HR",
                "Personio",
                "4. Personio SE – HR",
            ),
        ] {
            assert_eq!(bounds(s, word), want, "{s:?}");
        }
        // A line ending in capitals goes on where the next starts in lower case.
        let caps = "Relocation may only take place if Art. 44 et seq. GDPR\nare fulfilled.";
        assert_eq!(bounds(caps, "fulfilled"), caps);
        assert_eq!(
            bounds("Muster GmbH\nDie Daten", "Daten"),
            "Die Daten",
            "a capital after a capital still starts a sentence"
        );
        // A line broken after an abbreviation goes on with a digit, a lower-case letter
        // or, after "ff.", a law's name; a capital word, or a company's "Inc.", ends it.
        for s in [
            "Eine Übermittlung in Drittländer im Sinne der Art. 44 ff.\nDSGVO findet nicht statt.",
            "Vertrag über die Auftragsverarbeitung gemäß Art.\n28 DSGVO und Anlage.",
            "Audits by an auditor, e.g.\naccording to BSI-Grundschutz, are allowed.",
            "Transfers need Art. 44 et seq. \nGDPR to be met.",
        ] {
            assert_eq!(bounds(s, "."), s, "{s:?}");
        }
        for (s, word, want) in [
            (
                "Es gelten Art. 44 ff.\nDer Auftragnehmer",
                "Der",
                "Der Auftragnehmer",
            ),
            ("Es gelten Art. 44 ff.\nEU-Recht", "EU", "EU-Recht"),
            ("Provided by Google Inc.\nwe use it", "we", "we use it"),
            ("SHEET NO.\nVERSION 0.01", "VERSION", "VERSION 0.01"),
            (
                "Siehe Anlage 3.\n4 Wochen Frist",
                "Wochen",
                "4 Wochen Frist",
            ),
        ] {
            assert_eq!(bounds(s, word), want, "{s:?}");
        }
        // A date wrapped after "vom" goes on.
        let date = "Durchführungsbeschluss (EU) 2021/914 vom\n4. Juni 2021 gilt.";
        assert_eq!(bounds(date, "Juni"), date);
        // So does a sentence that a conversion broke with a blank line after a word that
        // goes on; two blank lines, or none of those words, end it.
        let blank = "Data is transferred outside of the\n\nEuropean Union to a country.";
        assert_eq!(bounds(blank, "Union"), blank);
        let two = "Data is transferred outside of the\n\n\nEuropean Union.";
        assert_eq!(bounds(two, "Union"), "European Union.");
        // A curly quote after a full stop starts a sentence, as a straight one does.
        let quoted = "Terms have the meaning in the Agreement. “Binding Corporate Rules” means";
        assert_eq!(bounds(quoted, "Binding"), "“Binding Corporate Rules” means");
    }

    #[test]
    fn context_is_bounded() {
        let long = "a ".repeat(1000) + "MATCH" + &" b".repeat(1000);
        let p = long.find("MATCH").unwrap();
        let sent = (sentence_start(&long, p), sentence_end(&long, p + 5));
        let c = context(&long, p, p + 5, sent, 300);
        assert!(c.len() <= 300 && c.contains("MATCH"));
    }
}

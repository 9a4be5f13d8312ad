//! Small byte-offset helpers over the normalized text.

/// How far line scans look (bytes); a longer "line" is cut there, which keeps every lookup local
/// (and the whole pass linear) on texts without line breaks.
pub const LINE_SCAN: usize = 600;

/// The end of the last phrase in the first sentence of `s` that introduces an
/// organisation's seat: "whose registered office is at ", "principal place of business
/// in ", "mit Sitz in der " (no sentence end and no blank line before the phrase; a ". "
/// after "no" or "Nr" ends none).
pub fn seat_intro_end(s: &str) -> Option<usize> {
    static SEAT: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let seat = SEAT.get_or_init(|| {
        regex::Regex::new(
            r"(?i)(?-u:\b)(?:registered[ \t]+(?:office|address)|principal[ \t]+(?:office|place[ \t]+of[ \t]+business)|head[ \t]+office|offices?|located|sitz|geschäftssitz|anschrift|niederlassung)(?-u:\b)[^.\n]{0,25}(?-u:\b)(?:at|in(?:[ \t]+der)?|is|unter)(?-u:\b)[ \t]*",
        )
        .expect("seat regex should compile")
    });
    seat.find_iter(s)
        .take_while(|m| !sentence_ends(&s[..m.start()]) && !s[..m.start()].contains("\n\n"))
        .last()
        .map(|m| m.end())
}

/// Whether `s` holds ". " after a word that is no abbreviation of a register entry
/// ("(CRO no. 604118)", "company no. 09917342", "Reg.-Nr. 12"): a sentence ends in it.
pub fn sentence_ends(s: &str) -> bool {
    s.match_indices(". ").any(|(k, _)| {
        let word = s[..k]
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default()
            .to_lowercase();
        !matches!(word.as_str(), "no" | "nr" | "reg" | "registration" | "co")
    })
}

/// Where the older messages of an e-mail thread saved as a document start, in order: at
/// each e-mail header ("From: …" with "Sent:"/"Date:" and "Subject:"/"To:" in the lines
/// right below it, also German "Von:", "Gesendet:", "Betreff:"), each "-----Original
/// Message-----" or "-----Ursprüngliche Nachricht-----" line and each "On … wrote:" or
/// "Am … schrieb …:" line, except the header that opens the document (the newest
/// message's own). Message `k` of a byte is the number of starts at or before it.
pub fn older_message_starts(text: &str) -> Vec<usize> {
    if !has_mail_mark(text) {
        return Vec::new();
    }
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |at, l| {
            let start = *at;
            *at += l.len();
            Some((start, l.trim()))
        })
        .collect();
    let label = |line: &str, labels: &[&str]| {
        line.split_once(':')
            .is_some_and(|(l, _)| labels.iter().any(|x| l.trim_end().eq_ignore_ascii_case(x)))
    };
    let mut starts = Vec::new();
    for (k, &(start, line)) in lines.iter().enumerate() {
        let separator = line
            .trim_matches('-')
            .trim()
            .eq_ignore_ascii_case("original message")
            || line.trim_matches('-').trim() == "Ursprüngliche Nachricht";
        let attribution = (line.starts_with("On ") && line.ends_with(" wrote:"))
            || (line.starts_with("Am ") && line.ends_with(':') && line.contains(" schrieb"));
        let header = label(line, &["from", "von"]) && {
            let below: Vec<&str> = lines[k + 1..]
                .iter()
                .take(MAIL_HEADER_LINES)
                .map(|&(_, l)| l)
                .take_while(|l| !l.is_empty())
                .collect();
            below
                .iter()
                .any(|l| label(l, &["sent", "date", "gesendet", "datum"]))
                && below
                    .iter()
                    .any(|l| label(l, &["subject", "to", "betreff", "an"]))
        };
        if separator || attribution || header {
            // A header right after a separator or an attribution is the same message's.
            let same = starts.last().is_some_and(|&s: &usize| {
                text[s..start]
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .count()
                    <= 1
            });
            if !same {
                starts.push(start);
            }
        }
    }
    if starts.first().is_some_and(|&s| text[..s].trim().is_empty()) {
        starts.remove(0);
    }
    starts
}

/// Whether a line of `text` opens with "From:", "Von:" or "-----", or ends with "wrote:"
/// or with a colon after " schrieb" ([`older_message_starts`]' marks), read at line
/// breaks only: searching the whole text for each mark cost 4 to 5 M instructions per
/// pass over ../shared/realworld.
fn has_mail_mark(text: &str) -> bool {
    let b = text.as_bytes();
    let line_ends = memchr::memchr_iter(b'\n', b).chain(std::iter::once(b.len()));
    let mut start = 0;
    for end in line_ends {
        let line = b[start..end].trim_ascii();
        start = end + 1;
        let opens = |mark: &[u8]| {
            line.get(..mark.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(mark))
        };
        if opens(b"from:")
            || opens(b"von:")
            || line.starts_with(b"-----")
            || line.ends_with(b"wrote:")
            || (line.ends_with(b":") && memchr::memmem::find(line, b" schrieb").is_some())
        {
            return true;
        }
    }
    false
}

/// Most lines below an e-mail's "From:" line that [`older_message_starts`] reads for the
/// rest of its header.
const MAIL_HEADER_LINES: usize = 6;

/// Start of the line holding byte `pos` (at most [`LINE_SCAN`] bytes back).
pub fn line_start(text: &str, pos: usize) -> usize {
    let pos = floor_char(text, pos.min(text.len()));
    let lo = floor_char(text, pos.saturating_sub(LINE_SCAN));
    text[lo..pos].rfind('\n').map(|i| lo + i + 1).unwrap_or(lo)
}

/// End of the line holding byte `pos`: the offset of its '\n', or the text's end (at most
/// [`LINE_SCAN`] bytes ahead).
pub fn line_end(text: &str, pos: usize) -> usize {
    let pos = floor_char(text, pos.min(text.len()));
    let hi = ceil_char(text, pos + LINE_SCAN);
    text[pos..hi].find('\n').map(|i| pos + i).unwrap_or(hi)
}

/// The indentation of a list item line ("  - Entity: …" → 2, "- Zendesk" → 0): the spaces
/// before its "- ", which normalization keeps for nested lists; `None` for a line that is
/// no such item.
pub fn item_indent(line: &str) -> Option<usize> {
    let body = line.trim_start_matches(' ');
    body.starts_with("- ").then_some(line.len() - body.len())
}

/// The text of a field line without its list bullet: "- Safeguard: DPF" → "Safeguard:
/// DPF" (a nested list's field); other lines trimmed.
pub fn field_line(line: &str) -> &str {
    let t = line.trim();
    t.strip_prefix("- ").map_or(t, str::trim_start)
}

/// Labels of a field that names an entry's legal entity (lower case): "Entity: Cohere
/// Inc.", "Vertragspartner: DeepL SE".
const ENTITY_FIELD_LABELS: [&str; 10] = [
    "entity",
    "legal entity",
    "contracting entity",
    "company",
    "legal name",
    "firma",
    "unternehmen",
    "rechtsträger",
    "vertragspartner",
    "gesellschaft",
];

/// The value of a field that names an entry's legal entity ("Entity", "Firma", …), on
/// a line of its own, a list bullet before it or not: "Cohere Inc., 171 John Street …" of
/// "  - Entity: Cohere Inc., 171 John Street …"; `None` when the value begins in lower
/// case ("none additional").
pub fn entity_field_value(line: &str) -> Option<&str> {
    let (label, value) = field_line(line).split_once(':')?;
    let value = value.trim_start();
    (ENTITY_FIELD_LABELS.contains(&label.trim().to_lowercase().as_str())
        && value.starts_with(char::is_uppercase))
    .then_some(value)
}

/// Where an entry's lines below its name end in a nested list: at a list item indented
/// less than the name's own line ("  - Entity: Zendesk, Inc." ends at the next vendor's
/// "- Twilio"), and, below a name that heads its item ("- Zendesk") once items indented
/// deeper followed it (its fields), at one indented no deeper than it (the next entry of
/// the same list). Lines that are no list items, and the items of a flat list, never end
/// it.
#[derive(Debug, Clone, Copy)]
pub struct EntryScope {
    /// The name's line's indentation.
    own: usize,
    /// Whether the name heads its line, not a field's value after a label's colon.
    heads: bool,
    /// Whether a line indented deeper than the name's has been read.
    nested: bool,
}

impl EntryScope {
    /// The scope of the entry named at byte `pos` (inside the name or at its end).
    pub fn at(text: &str, pos: usize) -> Self {
        let line = &text[line_start(text, pos)..floor_char(text, pos)];
        EntryScope {
            own: item_indent(line).unwrap_or(0),
            heads: !line.contains(':'),
            nested: false,
        }
    }

    /// Whether `line` (a whole line below the name, in order) lies outside the entry.
    pub fn ends_at(&mut self, line: &str) -> bool {
        let Some(i) = item_indent(line) else {
            return false;
        };
        if i > self.own {
            self.nested = true;
            return false;
        }
        i < self.own || (self.heads && self.nested)
    }
}

/// End of the line holding `pos`, unbounded (for iterating over lines).
pub fn full_line_end(text: &str, pos: usize) -> usize {
    let pos = floor_char(text, pos.min(text.len()));
    text[pos..]
        .find('\n')
        .map(|i| pos + i)
        .unwrap_or(text.len())
}

/// The largest char boundary ≤ `pos`.
pub fn floor_char(text: &str, mut pos: usize) -> usize {
    pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

/// The smallest char boundary ≥ `pos`.
pub fn ceil_char(text: &str, mut pos: usize) -> usize {
    pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos += 1;
    }
    pos
}

/// Shrinks `[s, e)` while its first/last char satisfies `strip`.
pub fn trim_span(
    text: &str,
    mut s: usize,
    mut e: usize,
    strip: impl Fn(char) -> bool,
) -> (usize, usize) {
    while s < e {
        match text[s..e].chars().next() {
            Some(c) if strip(c) => s += c.len_utf8(),
            _ => break,
        }
    }
    while s < e {
        match text[s..e].chars().next_back() {
            Some(c) if strip(c) => e -= c.len_utf8(),
            _ => break,
        }
    }
    (s, e)
}

/// A cell of a table row written with `|` between its cells (a Markdown table, a
/// two-column letterhead): the index of the cell holding byte `pos` on its line (0 for
/// the first), or `None` when the line has no `|`.
pub fn cell_index(text: &str, pos: usize) -> Option<usize> {
    let pos = floor_char(text, pos.min(text.len()));
    let (ls, le) = (line_start(text, pos), line_end(text, pos));
    if !text[ls..le].contains('|') {
        return None;
    }
    let bars = text[ls..pos].matches('|').count();
    let opens = text[ls..le].trim_start().starts_with('|');
    Some(bars - usize::from(opens && bars > 0))
}

/// The number of cells of the line `[ls, le)` split at `|` (see [`cell_span`]); 0 when
/// it has no `|`.
pub fn cell_count(text: &str, ls: usize, le: usize) -> usize {
    let line = text[ls..le].trim();
    if !line.contains('|') {
        return 0;
    }
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.matches('|').count() + 1
}

/// Whether the lines holding `a` and `b` are two different rows of one table: both split
/// into the same number (at least 2) of cells at `|`.
pub fn same_table_other_rows(text: &str, a: usize, b: usize) -> bool {
    let (la, lb) = (line_start(text, a), line_start(text, b));
    if la == lb {
        return false;
    }
    let n = cell_count(text, la, line_end(text, a));
    n >= 2 && n == cell_count(text, lb, line_end(text, b))
}

/// The span of cell `k` of the line `[ls, le)` (its cells split at `|`), trimmed of
/// whitespace; `None` when the line has no `|` or fewer cells. A row's leading and
/// trailing `|` ("| a | b |") open and close it: they do not start an empty cell.
pub fn cell_span(text: &str, ls: usize, le: usize, k: usize) -> Option<(usize, usize)> {
    let line = &text[ls..le];
    if !line.contains('|') {
        return None;
    }
    let (a, b) = trim_span(text, ls, le, char::is_whitespace);
    let mut start = if text[a..b].starts_with('|') {
        a + 1
    } else {
        a
    };
    let end = if b > start && text[start..b].ends_with('|') {
        b - 1
    } else {
        b
    };
    for _ in 0..k {
        start += text[start..end].find('|')? + 1;
    }
    let stop = text[start..end].find('|').map_or(end, |i| start + i);
    Some(trim_span(text, start, stop, char::is_whitespace))
}

/// Field separators in address lines, footers and tables.
pub fn is_separator(c: char) -> bool {
    matches!(c, ',' | '•' | '|' | '·' | ';' | '–' | '\t' | '#')
}

/// The sentence or line around `[start, end)`, at most about 300 bytes.
pub fn context(text: &str, start: usize, end: usize) -> String {
    const MAX: usize = 300;
    let start = floor_char(text, start);
    let end = ceil_char(text, end.max(start));
    // Sentence bounds: the previous/next ". ", "\n\n" or line ending of a table row.
    let before_start = floor_char(text, start.saturating_sub(200));
    let before = &text[before_start..start];
    let mut s = before_start;
    for (i, _) in before.match_indices(['.', '!', '?', '\n']) {
        let abs = before_start + i;
        let next = text[abs + 1..].chars().next();
        if text[abs..].starts_with('\n') || next.map(|c| c.is_whitespace()).unwrap_or(false) {
            s = abs + 1;
        }
    }
    let after_end = ceil_char(text, (end + 200).min(text.len()));
    let mut e = after_end;
    for (i, ch) in text[end..after_end].char_indices() {
        if ch == '\n' {
            e = end + i;
            break;
        }
        if matches!(ch, '.' | '!' | '?') {
            let next = text[end + i + 1..].chars().next();
            if next.map(|c| c.is_whitespace()).unwrap_or(true) {
                e = end + i + 1;
                break;
            }
        }
    }
    let (mut s, mut e) = trim_span(text, s, e, |c| c.is_whitespace());
    if s > start {
        s = start;
    }
    if e < end {
        e = end;
    }
    // Cap the length around the match.
    if e - s > MAX {
        let span = end - start;
        if span >= MAX {
            return text[start..ceil_char(text, start + MAX)].to_string();
        }
        let room = (MAX - span) / 2;
        s = s.max(start.saturating_sub(room));
        e = e.min(end + (MAX - span - (start - s)));
        s = ceil_char(text, s);
        e = floor_char(text, e);
    }
    text[s..e].to_string()
}

/// A crude document language guess ("de" or "en") from function-word counts; None when unsure.
pub fn guess_language(text: &str) -> Option<&'static str> {
    let sample = &text[..floor_char(text, text.len().min(200_000))];
    let (mut de, mut en) = (0usize, 0usize);
    for w in sample.split(|c: char| !c.is_alphabetic()) {
        match w {
            "der" | "die" | "das" | "und" | "nicht" | "mit" | "für" | "wir" | "ist" | "Sie" => {
                de += 1
            }
            "the" | "and" | "of" | "to" | "is" | "with" | "we" | "for" | "not" | "you" => en += 1,
            _ => {}
        }
    }
    if de + en < 5 {
        None
    } else if de * 2 > en * 3 {
        Some("de")
    } else if en * 2 > de * 3 {
        Some("en")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_the_sentence() {
        let t = "Erster Satz. Die Muster GmbH ist Auftragnehmer. Dritter Satz.";
        let s = t.find("Muster").unwrap();
        assert_eq!(context(t, s, s + 11), "Die Muster GmbH ist Auftragnehmer.");
        let long = "x".repeat(1000);
        assert!(context(&long, 500, 510).len() <= 300);
    }

    #[test]
    fn language_guess() {
        assert_eq!(
            guess_language("Die Daten werden mit der Firma und für Sie nicht verarbeitet"),
            Some("de")
        );
        assert_eq!(
            guess_language("We process the data of you and with the processor for the"),
            Some("en")
        );
        assert_eq!(guess_language("x"), None);
    }
}

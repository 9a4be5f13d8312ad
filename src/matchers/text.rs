//! Text helpers shared by the matchers: a length-preserving lower-case copy, word
//! boundaries, char-boundary snapping and bounded sentence bounds.

/// Lower-cases `s` without changing any byte offset: ASCII is lower-cased, a non-ASCII
/// char is replaced by its lower-case form only when that is one char of the same UTF-8
/// length (Ä→ä, É→é, Ω→ω); otherwise it is kept ('İ' lower-cases to two chars, so it stays).
/// Offsets into the copy are therefore offsets into `s`.
pub fn lower_preserving(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        // Copy the ASCII run in one go.
        let ascii_len = rest.bytes().position(|b| b >= 0x80).unwrap_or(rest.len());
        for b in rest[..ascii_len].bytes() {
            out.push(b.to_ascii_lowercase() as char);
        }
        rest = &rest[ascii_len..];
        let Some(ch) = rest.chars().next() else { break };
        let mut lower = ch.to_lowercase();
        let replaced = match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == ch.len_utf8() => l,
            _ => ch,
        };
        out.push(replaced);
        rest = &rest[ch.len_utf8()..];
    }
    debug_assert_eq!(out.len(), s.len());
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
const ABBREVIATIONS: [&str; 34] = [
    "art", "abs", "nr", "no", "lit", "ziff", "vgl", "ggf", "bzw", "ca", "inc", "ltd", "co", "corp",
    "dr", "prof", "gem", "bspw", "z.b", "d.h", "u.a", "i.s.d", "s", "ff", "e.g", "i.e", "etc",
    "para", "sec", "st", "u.s", "u.s.a", "e.v", "mr",
];

fn is_abbreviation(s: &str, dot: usize) -> bool {
    let head = &s[..dot];
    let word_start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '.'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let word = &head[word_start..];
    if word.chars().count() == 1 {
        return true; // initials and "S."
    }
    let lower = word.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Whether a sentence ends right after the terminator at byte `i` ('.', '!', '?').
fn ends_sentence(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    let next = b.get(i + 1).copied();
    match next {
        None => true,
        Some(b'\n') => true,
        Some(b' ') => {
            let after = char_at(s, i + 2);
            let starts_upper =
                after.is_some_and(|c| c.is_uppercase() || c == '"' || c == '„' || c == '(');
            starts_upper && !(b[i] == b'.' && is_abbreviation(s, i))
        }
        _ => false,
    }
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
            b'\n' => return i + 1,
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
            b'\n' => return i,
            b'.' | b'!' | b'?' if ends_sentence(s, i) => return i + 1,
            _ => {}
        }
        i += 1;
    }
    floor_boundary(s, limit)
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

    #[test]
    fn lower_preserves_length() {
        for (input, want) in [
            ("ÄÖÜ Straße USA", "äöü straße usa"),
            ("İstanbul", "İstanbul"),
            ("ΩMEGA", "ωmega"),
            ("ẞ", "ẞ"), // ß is 2 bytes, ẞ 3: kept
            ("", ""),
        ] {
            let got = lower_preserving(input);
            assert_eq!(got, want, "{input}");
            assert_eq!(got.len(), input.len());
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

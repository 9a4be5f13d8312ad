//! A cheap per-page signal of how much of an extracted text looks like real words.
//!
//! Used to decide which pages are worth a third engine: text decoded through a wrong
//! font map comes out as replacement characters (`����`), as shifted letters mixed
//! with symbols (`2B?MIOL=?G;J@ILG`), as punctuation only, or as words split into
//! fragments (`Te st Ma ste r`). Real German or English text, numbers and tables
//! included, scores above 0.9 almost everywhere.

/// Pages whose text scores below this are tried with another engine.
pub const POOR: f64 = 0.75;

/// Plausible-word statistics of a text, weighted by non-space characters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Quality {
    /// Non-space characters.
    pub chars: usize,
    /// Non-space characters in tokens that look like words or numbers.
    pub good: usize,
}

impl Quality {
    /// Share of characters in plausible tokens, 0.0 for an empty text.
    pub fn score(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.good as f64 / self.chars as f64
        }
    }
}

/// Common short words (one or two letters) of German and English.
const SHORT_WORDS: &[&str] = &[
    "a", "i", "o", "y", "is", "in", "it", "of", "on", "to", "be", "as", "at", "by", "or", "an",
    "we", "us", "if", "no", "so", "do", "he", "me", "my", "up", "am", "ok", "im", "zu", "ob", "da",
    "du", "er", "es", "um", "wo", "ab", "je", "e", "u", "z", "d", "s",
];

/// Punctuation stripped from both ends of a token before it is judged.
const EDGE_PUNCT: &[char] = &[
    '"', '\'', '.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '{', '}', '<', '>', '«', '»', '„',
    '“', '”', '‚', '‘', '’', '*', '•', '·', '–', '—', '-', '/', '§', '%', '&', '+', '=', '…',
];

fn is_vowel(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'y'
            | 'ä'
            | 'ö'
            | 'ü'
            | 'à'
            | 'á'
            | 'â'
            | 'ã'
            | 'å'
            | 'æ'
            | 'è'
            | 'é'
            | 'ê'
            | 'ë'
            | 'ì'
            | 'í'
            | 'î'
            | 'ï'
            | 'ò'
            | 'ó'
            | 'ô'
            | 'õ'
            | 'ø'
            | 'ù'
            | 'ú'
            | 'û'
            | 'ý'
            | 'œ'
    )
}

/// Replacement, control (other than whitespace) and private-use characters: the
/// marks of glyphs that were not mapped to Unicode.
fn is_broken(c: char) -> bool {
    let o = u32::from(c);
    c == '\u{FFFD}'
        || (c.is_control() && !c.is_whitespace())
        || (0xE000..=0xF8FF).contains(&o)
        || o >= 0xF_0000
}

/// True when one whitespace-separated token looks like a word or a number.
fn plausible(token: &str) -> bool {
    if token.chars().any(is_broken) {
        return false;
    }
    // A lone list, table or unit sign is ordinary text.
    if matches!(
        token,
        "|" | "%" | "&" | "§" | "/" | "+" | "=" | "*" | "-" | "–" | "•"
    ) {
        return true;
    }
    let t = token.trim_matches(EDGE_PUNCT);
    if t.is_empty() {
        return false;
    }
    if t.chars().all(|c| c.is_ascii_digit() || ".,:/-".contains(c)) {
        return true;
    }
    let core: String = t
        .chars()
        .filter(|c| !matches!(c, '-' | '\'' | '’' | '.'))
        .collect();
    if core.is_empty() || !core.chars().all(char::is_alphanumeric) {
        return false;
    }
    let letters: String = core.chars().filter(|c| c.is_alphabetic()).collect();
    // Acronyms, also in the plural ("SCCs").
    let all_upper = letters
        .strip_suffix('s')
        .filter(|l| l.chars().count() >= 2)
        .unwrap_or(&letters)
        .chars()
        .all(char::is_uppercase);
    // Letters without case (CJK, Arabic, …) cannot be judged by vowels.
    let caseless = letters
        .chars()
        .all(|c| !c.is_uppercase() && !c.is_lowercase());
    if caseless {
        return true;
    }
    if core.chars().count() <= 2 {
        return all_upper
            || letters.len() != core.len()
            || SHORT_WORDS.contains(&core.to_lowercase().as_str());
    }
    letters.chars().count() <= 1 || all_upper || letters.chars().any(is_vowel)
}

/// Measures a page's text (see [`Quality`]).
pub fn measure(text: &str) -> Quality {
    let mut q = Quality::default();
    for token in text.split_whitespace() {
        let n = token.chars().count();
        q.chars += n;
        if plausible(token) {
            q.good += n;
        }
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(s: &str) -> f64 {
        measure(s).score()
    }

    #[test]
    fn real_text_scores_high() {
        for text in [
            "Der Auftragsverarbeiter verarbeitet personenbezogene Daten ausschließlich im Auftrag \
             des Verantwortlichen gemäß Art. 28 Abs. 3 DSGVO, z. B. Name, E-Mail-Adresse (Anlage 1).",
            "The processor shall not engage another processor without prior specific or general \
             written authorisation of the controller; see clause 7.7 (sub-processors) and Annex III.",
            "Preis: 1.250,00 EUR | 19 % USt. | Rechnung Nr. 2024-0815 vom 01.02.2024",
            "Vertrags- und Datenschutzbestimmungen, Übermittlung in Drittländer (USA, Indien).",
            "text35 text36 B2B ISO27001 SCCs",
        ] {
            assert!(score(text) > 0.9, "{} for {text}", score(text));
        }
    }

    #[test]
    fn garbage_scores_low() {
        for text in [
            // glyphs without a Unicode map
            "����������� ��������� ������������",
            "\u{E001}\u{E002}\u{E003} \u{E010}\u{E011}",
            "\u{1}\u{2}\u{3}\u{4} \u{5}\u{6}",
            // letters shifted by a wrong encoding
            "2BCM#=G;1N;H>;L>>?@CH?MNB?1IOL=?G;J@ILG;NOM?>@ILG 2B?MIOL=?G;J@ILG;NB;MNB?@IFFIQCHAAI;FM",
            // punctuation only
            "— — —– —• —… . —‚ ! —· — —” —… . — —",
            // words torn into fragments
            "Te st Ma ste r Do cume nt fo nt Aria l sa mp le te xt",
        ] {
            assert!(score(text) < POOR, "{} for {text:?}", score(text));
        }
    }

    #[test]
    fn empty_text_scores_zero() {
        assert_eq!(measure(""), Quality::default());
        assert_eq!(score("   \n "), 0.0);
    }

    #[test]
    fn weighted_by_characters() {
        let q = measure("Vertrag ��");
        assert_eq!(q, Quality { chars: 9, good: 7 });
    }
}

//! Document language: "de", "en", … or None when unsure.
//!
//! whatlang's trigram model is fast but its cost grows with the input, and
//! contracts run to hundreds of kilobytes. A document's language does not change
//! between its cover page and its annexes, so we detect on a sample: up to
//! [`SAMPLE_BYTES`] taken from several evenly spaced places (start, middle, end),
//! which also keeps a long English annex from deciding a German contract alone.
//! Contracts mix languages (English legal terms in German text); whatlang copes
//! with that because it scores the whole sample, not single words.

use whatlang::{Detector, Lang};

/// Most bytes of text handed to whatlang.
pub const SAMPLE_BYTES: usize = 20 * 1024;

/// Number of windows the sample is taken from when the text is longer than [`SAMPLE_BYTES`].
const SAMPLE_WINDOWS: usize = 5;

/// Fewest letters (alphabetic characters) a text needs before we guess at all.
pub const MIN_LETTERS: usize = 40;

/// Lowest whatlang confidence (0.0–1.0) accepted when whatlang itself does not call
/// the result reliable. whatlang's own "reliable" cut-off is 0.9, which is too
/// strict for short mixed-language clauses.
pub const MIN_CONFIDENCE: f64 = 0.5;

/// Detects the language of `text` (ISO 639-1), or `None` when unsure or too short.
pub fn detect(text: &str) -> Option<String> {
    let sample = sample(text);
    if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return None;
    }
    let info = Detector::new().detect(&sample)?;
    if !info.is_reliable() && info.confidence() < MIN_CONFIDENCE {
        return None;
    }
    Some(iso639_1(info.lang()).to_string())
}

/// Up to [`SAMPLE_BYTES`] of `text`: all of it when short, otherwise
/// [`SAMPLE_WINDOWS`] windows spread evenly from start to end, each cut at char
/// boundaries and widened to whole words.
fn sample(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= SAMPLE_BYTES {
        return std::borrow::Cow::Borrowed(text);
    }
    let window = SAMPLE_BYTES / SAMPLE_WINDOWS;
    let step = (text.len() - window) / (SAMPLE_WINDOWS - 1);
    let mut out = String::with_capacity(SAMPLE_BYTES + SAMPLE_WINDOWS);
    for i in 0..SAMPLE_WINDOWS {
        let start = word_start(text, floor_char_boundary(text, i * step));
        let end = word_end(
            text,
            floor_char_boundary(text, (start + window).min(text.len())),
        );
        if start < end {
            out.push_str(&text[start..end]);
            out.push('\n');
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The largest char boundary at or before `pos`.
fn floor_char_boundary(text: &str, mut pos: usize) -> usize {
    pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

/// Moves `pos` forward past a partial word (to just after the next whitespace), if one is near.
fn word_start(text: &str, pos: usize) -> usize {
    if pos == 0 {
        return 0;
    }
    let rest = &text[pos..];
    match rest
        .char_indices()
        .take(64)
        .find(|(_, c)| c.is_whitespace())
    {
        Some((i, c)) => pos + i + c.len_utf8(),
        None => pos,
    }
}

/// Moves `pos` back to the end of the last whole word (the last whitespace), if one is near.
fn word_end(text: &str, pos: usize) -> usize {
    if pos >= text.len() {
        return text.len();
    }
    let head = &text[..pos];
    match head
        .char_indices()
        .rev()
        .take(64)
        .find(|(_, c)| c.is_whitespace())
    {
        Some((i, _)) => i,
        None => pos,
    }
}

/// ISO 639-1 code of a whatlang language (ISO 639-3). Every language whatlang
/// knows has a two-letter code; Mandarin maps to "zh", Persian to "fa", Bokmål to "nb".
fn iso639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DE: &str = "Der Auftragnehmer verarbeitet personenbezogene Daten ausschließlich im Auftrag und nach \
        dokumentierter Weisung des Auftraggebers. Die Verarbeitung findet ausschließlich in einem Mitgliedstaat \
        der Europäischen Union statt. Jede Verlagerung in ein Drittland bedarf der vorherigen Zustimmung.";
    const EN: &str = "The processor shall process personal data only on documented instructions from the controller, \
        including with regard to transfers of personal data to a third country or an international organisation. \
        The processor shall ensure that persons authorised to process the data have committed themselves to confidentiality.";
    const MIXED_DE: &str = "Der Auftragnehmer stützt die Übermittlung auf die Standard Contractual Clauses (SCC) \
        und führt ein Transfer Impact Assessment durch. Die Daten werden im Rahmen des Data Processing Agreement \
        verarbeitet, die technischen und organisatorischen Maßnahmen sind in Anlage 2 beschrieben.";
    const FR: &str = "Le sous-traitant traite les données à caractère personnel uniquement sur instruction documentée \
        du responsable du traitement, y compris en ce qui concerne les transferts de données vers un pays tiers.";

    #[test]
    fn detects_languages() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("german", DE, Some("de")),
            ("english", EN, Some("en")),
            ("german with english legal terms", MIXED_DE, Some("de")),
            ("french", FR, Some("fr")),
            ("short", "Anlage 1", None),
            ("empty", "", None),
            (
                "numbers only",
                "1234 5678 9012 3456 7890 1234 5678 9012 3456 7890 1234 5678",
                None,
            ),
        ];
        for (name, text, want) in cases {
            assert_eq!(detect(text).as_deref(), *want, "case {name}");
        }
    }

    #[test]
    fn long_text_is_sampled_from_several_places() {
        // 60 KB German with one English block in the middle: German wins, and the
        // sample stays within its budget.
        let mut text = String::new();
        while text.len() < 30_000 {
            text.push_str(DE);
            text.push(' ');
        }
        text.push_str(EN);
        while text.len() < 60_000 {
            text.push(' ');
            text.push_str(DE);
        }
        let s = sample(&text);
        assert!(
            s.len() <= SAMPLE_BYTES + SAMPLE_WINDOWS,
            "sample is {} bytes",
            s.len()
        );
        assert!(s.len() > SAMPLE_BYTES / 2, "sample is {} bytes", s.len());
        assert_eq!(detect(&text).as_deref(), Some("de"));
    }

    #[test]
    fn sampling_respects_char_boundaries() {
        // Multi-byte characters everywhere: any cut in the middle of one would panic.
        let text = "äöü ß ".repeat(10_000);
        let s = sample(&text);
        assert!(!s.is_empty());
        assert!(s.len() <= SAMPLE_BYTES + SAMPLE_WINDOWS);
    }
}

//! Text of Microsoft core fonts (Arial, Times New Roman, Courier New) embedded as
//! `Identity-H` CID fonts whose `/ToUnicode` CMap is missing or maps nothing.
//!
//! macOS Preview (10.15 and others) writes such PDFs when it re-saves a document: every
//! glyph is shown by its glyph id, the `/ToUnicode` CMap is empty and the embedded font
//! subset has neither a `cmap` nor a `post` table. pdftotext, pdf-extract and pdf_oxide
//! then print the glyph ids as characters, "7KLV'DWD3URFHVVLQJ" for "This Data
//! Processing" (the real Basecamp DPA of May 2018 in ../shared/realworld).
//!
//! The glyph ids are still readable: these fonts keep their full glyph order in the
//! subset, and it begins with the standard Macintosh order of the TrueType `post` table
//! (Apple's TrueType Reference Manual, table 'post', format 1: "space" is glyph 3, so
//! an ASCII letter is its code minus 29), without the "nonbreakingspace" glyph (the
//! core fonts map U+00A0 to glyph 3): from glyph 172 on, each glyph is one place
//! earlier than in the Macintosh order ("quotedblleft" is 179, not 180).
//!
//! Checked on that DPA: ASCII in Arial, Arial Bold and Times New Roman, and the curly
//! quotes (glyphs 179, 180 and 182) in Times New Roman; the other glyphs past 171
//! follow from the same one-place shift. Only fonts named as one of these core fonts
//! are read this way.

/// Characters of the standard Macintosh glyph order, glyphs 3 to 257 ("space" to
/// "dcroat"); glyphs 0-2 (.notdef, .null, nonmarkingreturn) draw no character.
const MACINTOSH_FROM_SPACE: &str = concat!(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`",
    "abcdefghijklmnopqrstuvwxyz{|}~",
    "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u{a0}",
    "ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄¤‹›\u{fb01}\u{fb02}‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{f8ff}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇŁłŠšŽž¦ÐðÝýÞþ−×¹²³½¼¾₣ĞğİŞşĆćČčđ",
);

/// Index of "nonbreakingspace" in the Macintosh order, the glyph the core fonts lack.
const MAC_NONBREAKING_SPACE: u16 = 172;

/// Glyph id of "space" in the Macintosh order.
const MAC_SPACE: u16 = 3;

/// The character glyph `gid` of a Microsoft core font draws, for the glyphs of the
/// Macintosh order (3 to 256); `None` for others.
pub(crate) fn core_font_char(gid: u16) -> Option<char> {
    if gid < MAC_SPACE {
        return None;
    }
    let mac = if gid >= MAC_NONBREAKING_SPACE {
        gid + 1
    } else {
        gid
    };
    MACINTOSH_FROM_SPACE
        .chars()
        .nth(usize::from(mac - MAC_SPACE))
}

/// Characters of glyphs 0 to 257 of a core font, built once.
fn table() -> &'static [Option<char>; 258] {
    static TABLE: std::sync::OnceLock<[Option<char>; 258]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| std::array::from_fn(|g| core_font_char(g as u16)))
}

/// Whether `base_font` (a `/BaseFont` name, with or without a subset tag "ABCDEF+")
/// names Arial, Times New Roman or Courier New in one of their styles. Arial Black,
/// Arial Narrow and Arial Unicode have glyph orders of their own and do not count.
pub(crate) fn is_core_font(base_font: &[u8]) -> bool {
    let name = match base_font.iter().position(|&b| b == b'+') {
        Some(6) => &base_font[7..],
        _ => base_font,
    };
    let Ok(name) = std::str::from_utf8(name) else {
        return false;
    };
    let (family, style) = name.split_once([',', '-']).unwrap_or((name, ""));
    let family = family
        .strip_suffix("PSMT")
        .or_else(|| family.strip_suffix("PS"))
        .or_else(|| family.strip_suffix("MT"))
        .unwrap_or(family);
    let style = style.strip_suffix("MT").unwrap_or(style);
    matches!(family, "Arial" | "TimesNewRoman" | "CourierNew")
        && matches!(style, "" | "Bold" | "Italic" | "BoldItalic")
}

/// Appends the text of `bytes`, 2-byte glyph ids of a core font (`Identity-H`, glyph id
/// = CID); glyphs outside the Macintosh order are skipped, as is an odd last byte.
pub(crate) fn decode(bytes: &[u8], out: &mut String) {
    let table = table();
    for pair in bytes.chunks_exact(2) {
        let gid = u16::from_be_bytes([pair[0], pair[1]]);
        if let Some(c) = table.get(usize::from(gid)).copied().flatten() {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_macintosh_order_has_its_255_glyphs_from_space() {
        assert_eq!(MACINTOSH_FROM_SPACE.chars().count(), 258 - 3);
        let mac = |g: usize| MACINTOSH_FROM_SPACE.chars().nth(g - 3).unwrap();
        // Landmarks of the 'post' table's list, by their index there.
        for (g, c) in [
            (3, ' '),
            (36, 'A'),
            (68, 'a'),
            (97, '~'),
            (98, 'Ä'),
            (137, 'ß'),
            (172, '\u{a0}'),
            (180, '“'),
            (183, '’'),
            (192, 'ﬁ'),
            (209, 'Ô'),
            (210, '\u{f8ff}'),
            (216, 'ˆ'),
            (239, '−'),
            (257, 'đ'),
        ] {
            assert_eq!(mac(g), c, "glyph {g}");
        }
    }

    #[test]
    fn core_fonts_lack_the_nonbreaking_space() {
        // "This" and "(“DPA”)" as Preview writes them in Times New Roman.
        let mut out = String::new();
        decode(
            &[0, 0x37, 0, 0x4b, 0, 0x4c, 0, 0x56, 0, 3, 0, 0x0b, 0, 0xb3],
            &mut out,
        );
        decode(&[0, 0x27, 0, 0x33, 0, 0x24, 0, 0xb4, 0, 0x0c], &mut out);
        assert_eq!(out, "This (“DPA”)");
        assert_eq!(core_font_char(171), Some('…'));
        assert_eq!(core_font_char(172), Some('À'));
        assert_eq!(core_font_char(182), Some('’'));
        assert_eq!(core_font_char(256), Some('đ'));
        assert_eq!(core_font_char(257), None);
        assert_eq!(core_font_char(2), None);
        // Glyphs past the order, .notdef and an odd byte give nothing.
        out.clear();
        decode(&[1, 1, 0, 0, 0, 0x44, 0], &mut out);
        assert_eq!(out, "a");
    }

    #[test]
    fn core_font_names() {
        for name in [
            "ArialMT",
            "Arial-BoldMT",
            "CWTWSC+Arial-BoldItalicMT",
            "Arial,Bold",
            "Arial",
            "QMEBSI+TimesNewRomanPSMT",
            "TimesNewRomanPS-BoldItalicMT",
            "TimesNewRoman,Italic",
            "CourierNewPSMT",
            "CourierNewPS-BoldMT",
        ] {
            assert!(is_core_font(name.as_bytes()), "{name}");
        }
        for name in [
            "Arial-Black",
            "ArialNarrow",
            "ArialUnicodeMS",
            "Calibri",
            "ABCDEF+Helvetica",
            "TimesNewRomanX",
            "ABC+ArialMT+",
            "",
        ] {
            assert!(!is_core_font(name.as_bytes()), "{name}");
        }
    }
}

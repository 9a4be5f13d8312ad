//! Where the text of a page lands: matrices, glyph widths and the gap between two runs
//! of text, for the lopdf engine's word spacing.
//!
//! Producers cut lines into many text-showing operations, often in the middle of a word
//! (macOS Preview writes a `BT … Tm … TJ … ET` block for every few glyphs, see Basecamp's
//! DPAs in ../shared/realworld). Without positions, the engine can only guess from the
//! operators (a space after every `TJ`, a line break at every `ET`), which turns
//! "organization" into "organiz ation". With the fonts' glyph widths the end of one run
//! is known, and the start of the next tells whether a word gap lies between them.
//!
//! Only what the gap needs is modelled: the current transformation matrix, the text and
//! line matrices, font size, character and word spacing and horizontal scaling; rise,
//! rendering mode and vertical writing are ignored (vertical fonts have no widths here,
//! so their runs fall back to the operators' guess).

use lopdf::{Dictionary, Document, Object};

use super::lopdf_text::deref;

/// A PDF transformation matrix `[a b c d e f]`; points are row vectors, `p' = p × M`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Matrix(pub [f64; 6]);

impl Matrix {
    /// The identity.
    pub const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// The matrix of the six operands of `cm` or `Tm`, if all are numbers.
    pub fn from_operands(n: [Option<f64>; 6]) -> Option<Matrix> {
        let [a, b, c, d, e, f] = n;
        Some(Matrix([a?, b?, c?, d?, e?, f?]))
    }

    /// A translation by `(tx, ty)`.
    pub fn translate(tx: f64, ty: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    /// `self × other`: first `self`, then `other`.
    pub fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }
}

/// The start or end of a run of text in device space (page units), for upright text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Point {
    /// Page units from the left.
    pub x: f64,
    /// Page units from the bottom.
    pub y: f64,
    /// The font size in page units (the height of one text-space unit times the size).
    pub size: f64,
}

impl Point {
    /// Where the origin of text matrix `tm` lands under `ctm` with font size `tfs`;
    /// `None` for rotated, skewed or mirrored text and for sizes that are not positive
    /// and finite (its gaps are not horizontal distances).
    pub fn of(tm: Matrix, ctm: Matrix, tfs: f64) -> Option<Point> {
        let [a, b, c, d, e, f] = tm.then(ctm).0;
        let upright = a > 0.0 && d > 0.0 && b.abs() <= a * 0.01 && c.abs() <= d * 0.01;
        let size = tfs.abs() * d;
        (upright && size.is_finite() && size > 0.0 && e.is_finite() && f.is_finite())
            .then_some(Point { x: e, y: f, size })
    }
}

/// What separates two runs of text in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Gap {
    /// Nothing: the runs are parts of one word.
    None,
    /// A space.
    Space,
    /// A line break.
    Line,
}

/// A jump along the line wider than this share of the font size is a word gap
/// (poppler's `pdftotext` uses the same 0.1).
pub(crate) const WORD_GAP_EM: f64 = 0.1;
/// Runs whose baselines differ by more than this share of the font size are not on one
/// line as far as [`gap_between`] decides (superscripts stay with the operators' guess).
const SAME_LINE_EM: f64 = 0.2;
/// A jump along the line wider than this share of the font size is a new column or
/// table cell: the operators' line break, if any, is kept.
const COLUMN_GAP_EM: f64 = 3.0;
/// A run that starts further back than this share of the font size before the end of the
/// previous one (overprinting, fake bold, a new column) keeps the operators' guess.
const BACK_EM: f64 = 0.5;

/// The separator between a run that ended at `end` and one that starts at `start`, where
/// the operators in between asked for `guess`: positions decide only for two runs on one
/// line, close together.
pub(crate) fn gap_between(end: Point, start: Point, guess: Gap) -> Gap {
    let size = end.size.max(start.size);
    let dx = start.x - end.x;
    if (start.y - end.y).abs() > SAME_LINE_EM * size || dx < -BACK_EM * size {
        guess
    } else if dx <= WORD_GAP_EM * size {
        Gap::None
    } else if dx <= COLUMN_GAP_EM * size {
        Gap::Space
    } else {
        guess.max(Gap::Space)
    }
}

/// Most width ranges read from one CID font's `/W` array.
const MAX_WIDTH_RANGES: usize = 65_536;

/// Glyph advance widths of one font, in thousandths of a text-space unit, by character
/// code.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Widths {
    /// A simple font: one byte per code, `/Widths` from `/FirstChar`, `/MissingWidth`
    /// for the others.
    Simple {
        /// The code of `widths[0]`.
        first: u32,
        /// Widths of codes `first`, `first + 1`, …
        widths: Vec<f64>,
        /// The width of codes outside `widths`.
        missing: f64,
    },
    /// A Type0 font in `Identity-H`: two bytes per code (= CID), `/W` ranges and `/DW`.
    Cid {
        /// `(first CID, last CID, width)`, sorted by first CID, not overlapping.
        ranges: Vec<(u32, u32, f64)>,
        /// The width of CIDs outside the ranges.
        default: f64,
    },
}

impl Widths {
    /// The widths of `font`; `None` when they are not known (the standard 14 fonts
    /// without `/Widths`, Type3 fonts, CMaps other than `Identity-H`).
    pub fn of_font(doc: &Document, font: &Dictionary) -> Option<Widths> {
        fn at<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
            d.get(key).ok().and_then(|o| deref(doc, o))
        }
        let get = |d, key| at(doc, d, key);
        let number = |o: &Object| o.as_float().ok().map(f64::from).filter(|n| n.is_finite());
        let subtype = get(font, b"Subtype")?.as_name().ok()?;
        match subtype {
            b"Type1" | b"MMType1" | b"TrueType" => {
                let first = get(font, b"FirstChar")?.as_i64().ok()?;
                let first = u32::try_from(first).ok().filter(|&f| f <= 255)?;
                let widths: Vec<f64> = get(font, b"Widths")?
                    .as_array()
                    .ok()?
                    .iter()
                    .take(256)
                    .map(|w| deref(doc, w).and_then(number).unwrap_or(0.0))
                    .collect();
                let missing = get(font, b"FontDescriptor")
                    .and_then(|d| d.as_dict().ok())
                    .and_then(|d| get(d, b"MissingWidth"))
                    .and_then(number)
                    .unwrap_or(0.0);
                Some(Widths::Simple {
                    first,
                    widths,
                    missing,
                })
            }
            b"Type0" => {
                if get(font, b"Encoding")?.as_name().ok()? != b"Identity-H" {
                    return None;
                }
                let cid_font = get(font, b"DescendantFonts")?
                    .as_array()
                    .ok()?
                    .first()
                    .and_then(|o| deref(doc, o))?
                    .as_dict()
                    .ok()?;
                let default = get(cid_font, b"DW").and_then(number).unwrap_or(1000.0);
                let mut ranges = Vec::new();
                if let Some(w) = get(cid_font, b"W") {
                    let items = w.as_array().ok()?;
                    let mut i = 0;
                    while i + 1 < items.len() && ranges.len() < MAX_WIDTH_RANGES {
                        let first = deref(doc, &items[i])?.as_i64().ok()?;
                        let first = u32::try_from(first).ok()?;
                        match deref(doc, &items[i + 1])? {
                            Object::Array(ws) => {
                                for (k, w) in ws.iter().enumerate().take(MAX_WIDTH_RANGES) {
                                    let cid = first.checked_add(u32::try_from(k).ok()?)?;
                                    let w = deref(doc, w).and_then(number).unwrap_or(default);
                                    ranges.push((cid, cid, w));
                                }
                                i += 2;
                            }
                            last => {
                                let last = u32::try_from(last.as_i64().ok()?).ok()?;
                                let w = deref(doc, items.get(i + 2)?).and_then(number)?;
                                if last >= first {
                                    ranges.push((first, last, w));
                                }
                                i += 3;
                            }
                        }
                    }
                }
                ranges.sort_by_key(|r| r.0);
                // Overlaps make the lookup ambiguous: the widths are not trusted.
                if ranges.windows(2).any(|p| p[1].0 <= p[0].1) {
                    return None;
                }
                Some(Widths::Cid { ranges, default })
            }
            _ => None,
        }
    }

    /// The advance of `bytes` shown with this font, in text-space units before the
    /// horizontal scaling: glyph widths times `size`, plus `char_spacing` per glyph and
    /// `word_spacing` per single-byte code 32.
    pub fn advance(&self, bytes: &[u8], size: f64, char_spacing: f64, word_spacing: f64) -> f64 {
        match self {
            Widths::Simple {
                first,
                widths,
                missing,
            } => bytes
                .iter()
                .map(|&b| {
                    let w = u32::from(b)
                        .checked_sub(*first)
                        .and_then(|i| widths.get(i as usize))
                        .copied()
                        .unwrap_or(*missing);
                    let spacing = if b == b' ' { word_spacing } else { 0.0 };
                    w / 1000.0 * size + char_spacing + spacing
                })
                .sum(),
            Widths::Cid { ranges, default } => bytes
                .chunks(2)
                .map(|pair| {
                    let cid = pair.iter().fold(0u32, |c, &b| (c << 8) | u32::from(b));
                    let i = ranges.partition_point(|r| r.0 <= cid);
                    let w = i
                        .checked_sub(1)
                        .map(|i| ranges[i])
                        .filter(|r| cid <= r.1)
                        .map_or(*default, |r| r.2);
                    w / 1000.0 * size + char_spacing
                })
                .sum(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn point(x: f64, y: f64) -> Point {
        Point { x, y, size: 10.0 }
    }

    #[test]
    fn close_runs_on_one_line_are_one_word_or_two() {
        let end = point(100.0, 700.0);
        // The next run starts where the last ended, after the operators' space or break.
        assert_eq!(gap_between(end, point(100.2, 700.0), Gap::Space), Gap::None);
        assert_eq!(gap_between(end, point(100.0, 700.0), Gap::Line), Gap::None);
        // A space's width (2.5 units at size 10) apart: a word gap.
        assert_eq!(gap_between(end, point(102.5, 700.0), Gap::None), Gap::Space);
        assert_eq!(gap_between(end, point(102.5, 700.0), Gap::Line), Gap::Space);
    }

    #[test]
    fn other_lines_columns_and_overprints_keep_the_operators_guess() {
        let end = point(100.0, 700.0);
        assert_eq!(gap_between(end, point(50.0, 688.0), Gap::Line), Gap::Line);
        // A superscript 3 units up: not decided by positions.
        assert_eq!(gap_between(end, point(100.0, 703.0), Gap::Line), Gap::Line);
        // A second column 60 units to the right keeps its break, and gets a space at least.
        assert_eq!(gap_between(end, point(160.0, 700.0), Gap::Line), Gap::Line);
        assert_eq!(gap_between(end, point(160.0, 700.0), Gap::None), Gap::Space);
        // Back over the same word (fake bold): the guess.
        assert_eq!(gap_between(end, point(80.0, 700.0), Gap::Space), Gap::Space);
    }

    #[test]
    fn matrices_compose_first_then_second() {
        let scale = Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]);
        let shift = Matrix::translate(10.0, 5.0);
        // Scaled first, then shifted: the origin goes to (10, 5).
        assert_eq!(scale.then(shift).0[4..], [10.0, 5.0]);
        // Shifted first, then scaled: to (20, 10).
        assert_eq!(shift.then(scale).0[4..], [20.0, 10.0]);
        let p = Point::of(Matrix::translate(3.0, 4.0), scale, 12.0).expect("upright");
        assert_eq!((p.x, p.y, p.size), (6.0, 8.0, 24.0));
        let rotated = Matrix([0.0, 1.0, -1.0, 0.0, 0.0, 0.0]);
        assert_eq!(Point::of(rotated, Matrix::IDENTITY, 12.0), None);
    }

    #[test]
    fn simple_and_cid_widths_give_advances() {
        let doc = Document::with_version("1.5");
        let simple = dictionary! {
            "Type" => "Font", "Subtype" => "TrueType", "FirstChar" => 32,
            "Widths" => vec![250.into(), 500.into(), 600.into()],
            "FontDescriptor" => dictionary! { "MissingWidth" => 400 },
        };
        let w = Widths::of_font(&doc, &simple).expect("widths");
        // " !" at size 10: 2.5 + 5; "z" is missing: 4; word spacing on the space only.
        assert_eq!(w.advance(b" !", 10.0, 0.0, 0.0), 7.5);
        assert_eq!(w.advance(b"z", 10.0, 0.0, 0.0), 4.0);
        assert_eq!(w.advance(b" !", 10.0, 1.0, 2.0), 11.5);

        let cid = dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "Encoding" => "Identity-H",
            "DescendantFonts" => vec![dictionary! {
                "Subtype" => "CIDFontType2", "DW" => 1000,
                "W" => vec![3.into(), vec![278.into(), 556.into()].into(), 10.into(), 12.into(), 500.into()],
            }.into()],
        };
        let w = Widths::of_font(&doc, &cid).expect("widths");
        // CIDs 3, 4 from the array, 11 from the range, 99 the default.
        let advance = w.advance(&[0, 3, 0, 4, 0, 11, 0, 99], 1.0, 0.0, 0.0);
        assert!((advance - 2.334).abs() < 1e-9, "{advance}");

        let standard =
            dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" };
        assert_eq!(Widths::of_font(&doc, &standard), None);
        let vertical =
            dictionary! { "Type" => "Font", "Subtype" => "Type0", "Encoding" => "Identity-V" };
        assert_eq!(Widths::of_font(&doc, &vertical), None);
    }
}

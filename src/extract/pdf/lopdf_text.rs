//! Page text with lopdf 0.47 alone: the "lopdf" engine.
//!
//! Follows `lopdf::Document::extract_text` (same font encodings, same `TJ`
//! spacing rule) but walks the page itself so that it
//! * resolves the page's fonts once instead of re-walking the page tree per call,
//! * starts a new line on `Td`/`TD`/`Tm` moves to another line (lopdf glues the
//!   last word of one line to the first of the next otherwise),
//! * reads the text inside Form XObjects (`Do`), guarded against cycles and depth,
//! * keeps the text of a page when only one font or string fails to decode,
//! * reads Arial, Times New Roman and Courier New by glyph id where a `/ToUnicode`
//!   CMap maps nothing (macOS Preview's PDFs; see [`super::glyph_order`]).

use std::collections::{BTreeMap, HashMap};

use super::content::{self, Operand};
use super::text_position::{gap_between, Gap, Matrix, Point, Widths};

use lopdf::Encoding;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// Deepest chain of nested Form XObjects followed.
const MAX_FORM_DEPTH: usize = 32;
/// Most `Do` operations followed on one page (stops exponential re-use of forms).
const MAX_FORM_CALLS: usize = 2_000;
/// Most `/Parent` links followed when looking for inherited page attributes.
pub(crate) const MAX_PARENT_LINKS: usize = 64;
/// `TJ` adjustments (thousandths of text space) below this count as a word gap, as in lopdf.
const TJ_SPACE_THRESHOLD: f64 = -100.0;

/// Follows a reference (one level; lopdf objects are never references to references in practice).
pub(crate) fn deref<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Object> {
    match obj {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

/// The dictionary under `key` in `dict`, following one reference.
pub(crate) fn dict_at<'a>(
    doc: &'a Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Dictionary> {
    dict.get(key)
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
}

/// The page's `/Resources`, inherited along the `/Parent` chain (cycle-safe).
pub(crate) fn page_resources(doc: &Document, page_id: ObjectId) -> Option<&Dictionary> {
    let mut node = doc.get_dictionary(page_id).ok()?;
    let mut seen = vec![page_id];
    loop {
        if let Some(res) = dict_at(doc, node, b"Resources") {
            return Some(res);
        }
        let parent = node.get(b"Parent").ok()?.as_reference().ok()?;
        if seen.contains(&parent) || seen.len() > MAX_PARENT_LINKS {
            return None;
        }
        seen.push(parent);
        node = doc.get_dictionary(parent).ok()?;
    }
}

/// Decoded content of a stream, bounded to `max_bytes`.
pub(crate) fn stream_bytes(stream: &lopdf::Stream, max_bytes: usize) -> Result<Vec<u8>, String> {
    if stream.dict.get(b"Filter").is_ok() {
        stream
            .decompressed_content_with_limit(max_bytes)
            .map_err(|e| format!("content stream: {e}"))
    } else if stream.content.len() > max_bytes {
        Err("content stream over the size limit".to_string())
    } else {
        Ok(stream.content.clone())
    }
}

/// Extracts the text of one page. `Err` only when the page content cannot be
/// read or parsed at all; undecodable fonts or strings are skipped.
pub(crate) fn page_text<'a>(
    doc: &'a Document,
    page_id: ObjectId,
    max_decompressed: usize,
    fonts: &mut FontCache<'a>,
) -> Result<String, String> {
    let content = doc
        .get_page_content_with_limit(page_id, max_decompressed)
        .map_err(|e| match e {
            lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
                OVER_LIMIT.to_string()
            }
            e => format!("page content: {e}"),
        })?;
    let resources = page_resources(doc, page_id);
    let mut walker = Walker {
        doc,
        max_decompressed,
        out: String::new(),
        forms: Vec::new(),
        form_calls: 0,
        fonts,
        gs: GraphicsState::default(),
        saved: Vec::new(),
        saved_over: 0,
        tm: Matrix::IDENTITY,
        tlm: Matrix::IDENTITY,
        tm_known: true,
        pen: None,
        pending: Gap::None,
    };
    walker.run(&content, resources)?;
    walker.flush();
    Ok(walker.out)
}

/// The error of [`page_text`] when the page's content streams decompress to more than
/// the limit (a decompression bomb, or a page beyond reason).
pub(crate) const OVER_LIMIT: &str = "page content over the decompression limit";

/// Font encodings of one document, built once and shared by all its pages (parsing a
/// ToUnicode CMap again for every page cost about 15 % of the extraction of a long
/// LibreOffice contract). Keys are addresses inside the document, so a cache must not
/// outlive the borrow of the document it was built from (the borrow checker sees to that).
#[derive(Default)]
pub(crate) struct FontCache<'a> {
    /// Per resource dictionary: font name → key into `encodings`.
    by_resources: HashMap<usize, BTreeMap<Vec<u8>, usize>>,
    /// Per font dictionary: how its strings decode, or `None` when it has no decoding
    /// lopdf can use.
    encodings: HashMap<usize, Option<Decoder<'a>>>,
    /// Per font dictionary: its glyph widths, or `None` when they are not known.
    widths: HashMap<usize, Option<Widths>>,
    /// Per font dictionary: strings already decoded (producers repeat the same glyph runs
    /// all through a document, and lopdf allocates per glyph when it decodes through a
    /// ToUnicode CMap). At most [`MAX_MEMO_STRINGS`] per font.
    decoded: HashMap<usize, HashMap<Vec<u8>, String>>,
    /// Form XObjects whose content could not be read (over the decompression limit or
    /// undecodable): their text is missing, which the caller reports.
    pub(crate) forms_unread: usize,
}

/// How the strings of one font decode to text.
pub(crate) enum Decoder<'a> {
    /// Through the font's encoding or `/ToUnicode` CMap, as lopdf reads them.
    Lopdf(Encoding<'a>),
    /// As glyph ids of a Microsoft core font whose `/ToUnicode` maps nothing
    /// ([`super::glyph_order`]).
    CoreFontGlyphs,
}

impl<'a> Decoder<'a> {
    /// The decoding of `font`: lopdf's, except for an `Identity-H` core font whose
    /// `/ToUnicode` CMap is missing or empty, with glyph id = CID (no `/CIDToGIDMap`
    /// stream); `None` when lopdf has no encoding for the font.
    fn of_font(doc: &'a Document, font: &'a Dictionary, max_decompressed: usize) -> Option<Self> {
        let lopdf = font
            .get_font_encoding_with_limit(doc, max_decompressed)
            .ok();
        let maps_nothing = match &lopdf {
            None => true,
            Some(Encoding::UnicodeMapEncoding(cmap)) => cmap.bf_ranges.iter().all(|r| r.is_empty()),
            Some(_) => false,
        };
        if maps_nothing && is_core_font_by_glyph_id(doc, font) {
            return Some(Decoder::CoreFontGlyphs);
        }
        lopdf.map(Decoder::Lopdf)
    }

    /// Appends the text of `bytes`; `Err` when lopdf cannot decode them (what it decoded
    /// before the error is appended all the same).
    fn write_to_string(&self, bytes: &[u8], out: &mut String) -> Result<(), ()> {
        match self {
            Decoder::Lopdf(enc) => enc.write_to_string(bytes, out).map_err(|_| ()),
            Decoder::CoreFontGlyphs => {
                super::glyph_order::decode(bytes, out);
                Ok(())
            }
        }
    }
}

/// Whether `font` is a Type0 font in `Identity-H` or `Identity-V` over a TrueType
/// (`CIDFontType2`) Arial, Times New Roman or Courier New whose CIDs are its glyph ids.
fn is_core_font_by_glyph_id(doc: &Document, font: &Dictionary) -> bool {
    let name = |d: &Dictionary, key: &[u8]| -> Option<Vec<u8>> {
        d.get(key)
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_name().ok())
            .map(<[u8]>::to_vec)
    };
    if name(font, b"Subtype").as_deref() != Some(b"Type0")
        || !matches!(
            name(font, b"Encoding").as_deref(),
            Some(b"Identity-H" | b"Identity-V")
        )
    {
        return false;
    }
    let Some(cid_font) = font
        .get(b"DescendantFonts")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_array().ok())
        .and_then(|a| a.first())
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
    else {
        return false;
    };
    let gid_is_cid = match cid_font.get(b"CIDToGIDMap") {
        Err(_) => true,
        Ok(o) => deref(doc, o)
            .and_then(|o| o.as_name().ok())
            .is_some_and(|n| n == b"Identity"),
    };
    name(cid_font, b"Subtype").as_deref() == Some(b"CIDFontType2")
        && gid_is_cid
        && name(cid_font, b"BaseFont")
            .or_else(|| name(font, b"BaseFont"))
            .is_some_and(|n| super::glyph_order::is_core_font(&n))
}

/// Most decoded strings remembered per font.
const MAX_MEMO_STRINGS: usize = 20_000;

/// Most graphics states saved by nested `q` operators; deeper ones are not saved (their
/// `Q` restores nothing), so a hostile stream cannot grow the stack without bound.
const MAX_SAVED_STATES: usize = 1_024;

/// The part of the graphics state that places text ([`super::text_position`]).
#[derive(Debug, Clone, Copy)]
struct GraphicsState {
    /// The current transformation matrix.
    ctm: Matrix,
    /// Font size (`Tf`), in text-space units.
    size: f64,
    /// Character spacing (`Tc`), in unscaled text-space units.
    char_spacing: f64,
    /// Word spacing (`Tw`), in unscaled text-space units.
    word_spacing: f64,
    /// Horizontal scaling (`Tz`), as a factor (1.0 = 100 %).
    h_scale: f64,
    /// Leading (`TL`), in unscaled text-space units.
    leading: f64,
}

impl Default for GraphicsState {
    fn default() -> Self {
        GraphicsState {
            ctm: Matrix::IDENTITY,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
        }
    }
}

struct Walker<'a, 'c> {
    doc: &'a Document,
    max_decompressed: usize,
    out: String,
    /// Form XObjects being drawn (innermost last).
    forms: Vec<ObjectId>,
    form_calls: usize,
    fonts: &'c mut FontCache<'a>,
    gs: GraphicsState,
    /// States saved by `q`, innermost last.
    saved: Vec<GraphicsState>,
    /// `q` operators beyond [`MAX_SAVED_STATES`] not yet closed.
    saved_over: usize,
    /// The text matrix and the text line matrix.
    tm: Matrix,
    tlm: Matrix,
    /// False after text in a font without known widths, until the next `Tm`, `Td`, `TD`,
    /// `T*` or `BT` sets the text matrix again.
    tm_known: bool,
    /// Where the last text shown ended, when its font's widths are known.
    pen: Option<Point>,
    /// The separator the operators since the last text ask for: the widest asked (a line
    /// break after the space that ends a `TJ` is still a line break).
    pending: Gap,
}

impl<'a> Walker<'a, '_> {
    /// Asks for a separator before the next text (see `pending`).
    fn request(&mut self, gap: Gap) {
        self.pending = self.pending.max(gap);
    }

    /// Writes the pending separator, unless the text is empty or already ends with
    /// whitespace.
    fn flush(&mut self) {
        let c = match std::mem::replace(&mut self.pending, Gap::None) {
            Gap::None => return,
            Gap::Space => ' ',
            Gap::Line => '\n',
        };
        if !self.out.is_empty() && !self.out.ends_with(char::is_whitespace) {
            self.out.push(c);
        }
    }

    /// Sets the text matrix and the line matrix to `m`.
    fn set_line(&mut self, m: Matrix) {
        self.tlm = m;
        self.tm = m;
        self.tm_known = true;
    }

    /// Makes sure the fonts of `res` are in the cache; returns the key of `res`.
    fn load_fonts(&mut self, res: Option<&'a Dictionary>) -> usize {
        let key = res.map_or(0, |r| r as *const Dictionary as usize);
        if !self.fonts.by_resources.contains_key(&key) {
            let mut names = BTreeMap::new();
            if let Some(fonts) = res.and_then(|r| dict_at(self.doc, r, b"Font")) {
                for (name, font) in fonts.iter() {
                    let Some(font) = deref(self.doc, font).and_then(|f| f.as_dict().ok()) else {
                        continue;
                    };
                    let font_key = font as *const Dictionary as usize;
                    self.fonts
                        .encodings
                        .entry(font_key)
                        .or_insert_with(|| Decoder::of_font(self.doc, font, self.max_decompressed));
                    self.fonts
                        .widths
                        .entry(font_key)
                        .or_insert_with(|| Widths::of_font(self.doc, font));
                    names.insert(name.clone(), font_key);
                }
            }
            self.fonts.by_resources.insert(key, names);
        }
        key
    }

    fn run(&mut self, content: &[u8], res: Option<&'a Dictionary>) -> Result<(), String> {
        let fonts_key = self.load_fonts(res);
        let mut font: Option<Vec<u8>> = None;
        let mut line_y: Option<f64> = None;
        content::for_each_operation(content, |operator, operands| {
            let number = |i: usize| operands.get(i).and_then(Operand::number);
            let matrix = || Matrix::from_operands(std::array::from_fn(number));
            match operator {
                b"q" => {
                    if self.saved.len() < MAX_SAVED_STATES {
                        self.saved.push(self.gs);
                    } else {
                        self.saved_over += 1;
                    }
                }
                b"Q" => {
                    if self.saved_over > 0 {
                        self.saved_over -= 1;
                    } else if let Some(gs) = self.saved.pop() {
                        self.gs = gs;
                    }
                }
                b"cm" => {
                    if let Some(m) = matrix() {
                        self.gs.ctm = m.then(self.gs.ctm);
                    }
                }
                b"Tc" => self.gs.char_spacing = number(0).unwrap_or(0.0),
                b"Tw" => self.gs.word_spacing = number(0).unwrap_or(0.0),
                b"Tz" => self.gs.h_scale = number(0).unwrap_or(100.0) / 100.0,
                b"TL" => self.gs.leading = number(0).unwrap_or(0.0),
                b"Tf" => {
                    font = operands.first().and_then(Operand::name).map(<[u8]>::to_vec);
                    self.gs.size = number(1).unwrap_or(0.0);
                }
                b"BT" => self.set_line(Matrix::IDENTITY),
                b"Tj" => self.show(fonts_key, font.as_deref(), operands),
                b"TJ" => {
                    self.show(fonts_key, font.as_deref(), operands);
                    self.request(Gap::Space);
                }
                b"'" => {
                    self.next_line();
                    self.show(fonts_key, font.as_deref(), operands);
                }
                b"\"" => {
                    self.gs.word_spacing = number(0).unwrap_or(self.gs.word_spacing);
                    self.gs.char_spacing = number(1).unwrap_or(self.gs.char_spacing);
                    self.next_line();
                    self.show(fonts_key, font.as_deref(), operands.get(2..).unwrap_or(&[]));
                }
                b"T*" => self.next_line(),
                b"ET" => self.request(Gap::Line),
                b"Td" | b"TD" => {
                    let tx = number(0).unwrap_or(0.0);
                    let ty = number(1).unwrap_or(0.0);
                    if operator == b"TD" {
                        self.gs.leading = -ty;
                    }
                    self.set_line(Matrix::translate(tx, ty).then(self.tlm));
                    if ty.abs() > 0.01 {
                        self.request(Gap::Line);
                    } else if tx.abs() > 0.01 {
                        // A jump along the line starts a new text run: a word gap, not kerning.
                        self.request(Gap::Space);
                    }
                }
                b"Tm" => {
                    match matrix() {
                        Some(m) => self.set_line(m),
                        None => self.tm_known = false,
                    }
                    let y = number(5);
                    if let (Some(prev), Some(y)) = (line_y, y) {
                        // Same line: no space, some producers place every glyph with Tm.
                        if (prev - y).abs() > 0.01 {
                            self.request(Gap::Line);
                        }
                    }
                    line_y = y;
                }
                b"Do" => {
                    if let Some(name) = operands.first().and_then(Operand::name) {
                        self.draw_form(res, name);
                    }
                }
                _ => {}
            }
        })
    }

    /// `T*`: to the start of the next line.
    fn next_line(&mut self) {
        self.set_line(Matrix::translate(0.0, -self.gs.leading).then(self.tlm));
        self.request(Gap::Line);
    }

    /// Shows the strings of `operands` (a `Tj` string or a `TJ` array) in `font`: first
    /// the separator that the positions (or else the operators) call for, then the text;
    /// the text matrix moves past it.
    fn show(&mut self, fonts_key: usize, font: Option<&[u8]>, operands: &[Operand]) {
        let font_key = font.and_then(|font| {
            let fonts = &self.fonts;
            let &key = fonts.by_resources.get(&fonts_key)?.get(font)?;
            fonts.encodings.get(&key)?.as_ref().map(|_| key)
        });
        let Some(font_key) = font_key else {
            // Text that cannot be read moves the pen by an unknown amount.
            self.tm_known = false;
            self.pen = None;
            return;
        };
        if let Some(end) = self.pen.filter(|_| self.tm_known) {
            if let Some(start) = Point::of(self.tm, self.gs.ctm, self.gs.size) {
                self.pending = gap_between(end, start, self.pending);
            }
        }
        self.flush();
        let fonts = &mut *self.fonts;
        let Some(enc) = fonts.encodings.get(&font_key).and_then(Option::as_ref) else {
            return;
        };
        let memo = fonts.decoded.entry(font_key).or_default();
        collect_text(&mut self.out, enc, memo, operands);
        match fonts.widths.get(&font_key).and_then(Option::as_ref) {
            Some(widths) if self.tm_known => {
                let tx = advance(widths, &self.gs, operands) * self.gs.h_scale;
                self.tm = Matrix::translate(tx, 0.0).then(self.tm);
                self.pen = Point::of(self.tm, self.gs.ctm, self.gs.size);
            }
            _ => {
                self.tm_known = false;
                self.pen = None;
            }
        }
    }

    fn draw_form(&mut self, res: Option<&'a Dictionary>, name: &[u8]) {
        let doc = self.doc;
        let Some(xobjects) = res.and_then(|r| dict_at(doc, r, b"XObject")) else {
            return;
        };
        let Ok(id) = xobjects.get(name).and_then(Object::as_reference) else {
            return;
        };
        if self.forms.contains(&id)
            || self.forms.len() >= MAX_FORM_DEPTH
            || self.form_calls >= MAX_FORM_CALLS
        {
            return;
        }
        self.form_calls += 1;
        let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
            return;
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
            return;
        }
        let Ok(bytes) = stream_bytes(stream, self.max_decompressed) else {
            self.fonts.forms_unread += 1;
            return;
        };
        let child_res = dict_at(doc, &stream.dict, b"Resources").or(res);
        self.forms.push(id);
        self.request(Gap::Line);
        self.flush();
        // The form's text is placed on its own: no gap across its borders is measured.
        // Its graphics state is its own: unbalanced `q` and `Q` inside stay inside.
        let (gs, tm, tlm, tm_known) = (self.gs, self.tm, self.tlm, self.tm_known);
        let (saved, saved_over) = (std::mem::take(&mut self.saved), self.saved_over);
        self.saved_over = 0;
        self.pen = None;
        // A broken form does not spoil the page around it.
        let _ = self.run(&bytes, child_res);
        self.request(Gap::Line);
        self.flush();
        (self.gs, self.tm, self.tlm, self.tm_known) = (gs, tm, tlm, tm_known);
        (self.saved, self.saved_over) = (saved, saved_over);
        self.pen = None;
        self.forms.pop();
    }
}

/// The advance of the strings and `TJ` adjustments of `operands` in `widths` and the
/// text state `gs`, in text-space units before the horizontal scaling.
fn advance(widths: &Widths, gs: &GraphicsState, operands: &[Operand]) -> f64 {
    operands
        .iter()
        .map(|operand| match operand {
            Operand::String(bytes) => {
                widths.advance(bytes, gs.size, gs.char_spacing, gs.word_spacing)
            }
            Operand::Array(items) => advance(widths, gs, items),
            Operand::Number(n) => -n / 1000.0 * gs.size,
            _ => 0.0,
        })
        .sum()
}

fn collect_text(
    out: &mut String,
    enc: &Decoder,
    memo: &mut HashMap<Vec<u8>, String>,
    operands: &[Operand],
) {
    for operand in operands {
        match operand {
            Operand::String(bytes) => {
                if let Some(text) = memo.get(bytes.as_slice()) {
                    out.push_str(text);
                } else {
                    let mut text = String::new();
                    if enc.write_to_string(bytes, &mut text).is_ok() {
                        out.push_str(&text);
                        if memo.len() < MAX_MEMO_STRINGS {
                            memo.insert(bytes.clone(), text);
                        }
                    } else {
                        // What was decoded before the error is kept, as before; not remembered.
                        out.push_str(&text);
                    }
                }
            }
            // Arrays nest at most `content::MAX_NESTING` deep (the tokenizer's limit).
            Operand::Array(items) => collect_text(out, enc, memo, items),
            Operand::Number(n) if *n < TJ_SPACE_THRESHOLD => out.push(' '),
            _ => {}
        }
    }
}

//! Page text with lopdf 0.47 alone: the "lopdf" engine.
//!
//! Follows `lopdf::Document::extract_text` (same font encodings, same `TJ`
//! spacing rule) but walks the page itself so that it
//! * resolves the page's fonts once instead of re-walking the page tree per call,
//! * starts a new line on `Td`/`TD`/`Tm` moves to another line (lopdf glues the
//!   last word of one line to the first of the next otherwise),
//! * reads the text inside Form XObjects (`Do`), guarded against cycles and depth,
//! * keeps the text of a page when only one font or string fails to decode.

use std::collections::{BTreeMap, HashMap};

use lopdf::content::Content;
use lopdf::Encoding;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// Deepest chain of nested Form XObjects followed.
const MAX_FORM_DEPTH: usize = 32;
/// Most `Do` operations followed on one page (stops exponential re-use of forms).
const MAX_FORM_CALLS: usize = 2_000;
/// Most `/Parent` links followed when looking for inherited page attributes.
pub(crate) const MAX_PARENT_LINKS: usize = 64;
/// `TJ` adjustments (thousandths of text space) below this count as a word gap, as in lopdf.
const TJ_SPACE_THRESHOLD: i64 = -100;

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
pub(crate) fn page_text(
    doc: &Document,
    page_id: ObjectId,
    max_decompressed: usize,
) -> Result<String, String> {
    let content = doc
        .get_page_content_with_limit(page_id, max_decompressed)
        .map_err(|e| format!("page content: {e}"))?;
    let resources = page_resources(doc, page_id);
    let mut walker = Walker {
        doc,
        max_decompressed,
        out: String::new(),
        forms: Vec::new(),
        form_calls: 0,
        font_cache: HashMap::new(),
    };
    walker.run(&content, resources)?;
    Ok(walker.out)
}

struct Walker<'a> {
    doc: &'a Document,
    max_decompressed: usize,
    out: String,
    /// Form XObjects being drawn (innermost last).
    forms: Vec<ObjectId>,
    form_calls: usize,
    /// Encodings per resource dictionary (keyed by its address; the document outlives the walk).
    font_cache: HashMap<usize, BTreeMap<Vec<u8>, Encoding<'a>>>,
}

impl<'a> Walker<'a> {
    fn line_break(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with(char::is_whitespace) {
            self.out.push('\n');
        }
    }

    fn space(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with(char::is_whitespace) {
            self.out.push(' ');
        }
    }

    fn load_fonts(&mut self, res: Option<&'a Dictionary>) -> usize {
        let key = res.map_or(0, |r| r as *const Dictionary as usize);
        if !self.font_cache.contains_key(&key) {
            let mut map = BTreeMap::new();
            if let Some(fonts) = res.and_then(|r| dict_at(self.doc, r, b"Font")) {
                for (name, font) in fonts.iter() {
                    let Some(font) = deref(self.doc, font).and_then(|f| f.as_dict().ok()) else {
                        continue;
                    };
                    if let Ok(enc) =
                        font.get_font_encoding_with_limit(self.doc, self.max_decompressed)
                    {
                        map.insert(name.clone(), enc);
                    }
                }
            }
            self.font_cache.insert(key, map);
        }
        key
    }

    fn run(&mut self, content: &[u8], res: Option<&'a Dictionary>) -> Result<(), String> {
        let content =
            Content::decode(content).map_err(|e| format!("content stream does not parse: {e}"))?;
        let fonts_key = self.load_fonts(res);
        let mut font: Option<Vec<u8>> = None;
        let mut line_y: Option<f64> = None;
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    font = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .map(<[u8]>::to_vec)
                }
                "Tj" => self.show(fonts_key, font.as_deref(), &op.operands),
                "TJ" => {
                    self.show(fonts_key, font.as_deref(), &op.operands);
                    self.space();
                }
                "'" => {
                    self.line_break();
                    self.show(fonts_key, font.as_deref(), &op.operands);
                }
                "\"" => {
                    self.line_break();
                    self.show(
                        fonts_key,
                        font.as_deref(),
                        op.operands.get(2..).unwrap_or(&[]),
                    );
                }
                "T*" | "ET" => self.line_break(),
                "Td" | "TD" => {
                    let tx = op
                        .operands
                        .first()
                        .and_then(|o| o.as_float().ok())
                        .unwrap_or(0.0);
                    let ty = op
                        .operands
                        .get(1)
                        .and_then(|o| o.as_float().ok())
                        .unwrap_or(0.0);
                    if ty.abs() > 0.01 {
                        self.line_break();
                    } else if tx.abs() > 0.01 {
                        // A jump along the line starts a new text run: a word gap, not kerning.
                        self.space();
                    }
                }
                "Tm" => {
                    let y = op
                        .operands
                        .get(5)
                        .and_then(|o| o.as_float().ok())
                        .map(f64::from);
                    if let (Some(prev), Some(y)) = (line_y, y) {
                        // Same line: no space, some producers place every glyph with Tm.
                        if (prev - y).abs() > 0.01 {
                            self.line_break();
                        }
                    }
                    line_y = y;
                }
                "Do" => {
                    if let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) {
                        self.draw_form(res, name);
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn show(&mut self, fonts_key: usize, font: Option<&[u8]>, operands: &[Object]) {
        let Some(font) = font else { return };
        let Some(enc) = self.font_cache.get(&fonts_key).and_then(|m| m.get(font)) else {
            return;
        };
        collect_text(&mut self.out, enc, operands);
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
            return;
        };
        let child_res = dict_at(doc, &stream.dict, b"Resources").or(res);
        self.forms.push(id);
        self.line_break();
        // A broken form does not spoil the page around it.
        let _ = self.run(&bytes, child_res);
        self.line_break();
        self.forms.pop();
    }
}

fn collect_text(out: &mut String, enc: &Encoding, operands: &[Object]) {
    for operand in operands {
        match operand {
            Object::String(bytes, _) => {
                let _ = enc.write_to_string(bytes, out);
            }
            Object::Array(items) => collect_text(out, enc, items),
            Object::Integer(i) if *i < TJ_SPACE_THRESHOLD => out.push(' '),
            Object::Real(r) if f64::from(*r) < TJ_SPACE_THRESHOLD as f64 => out.push(' '),
            _ => {}
        }
    }
}

//! PDF extraction: raw text per page, robust against malformed files.
//!
//! Two engines are combined per page:
//! * **lopdf 0.47** (own walk over its content parser, see `lopdf_text`): loads
//!   damaged files (rebuilds broken cross-reference tables), decrypts with the
//!   empty user password, handles the `'`/`"` text operators and commented
//!   content streams; weak on fonts without a Unicode map (`/Differences`, Type3).
//! * **pdf-extract 0.12** (`output_doc_page`, one page at a time under
//!   `catch_unwind`): better glyph decoding and word spacing from glyph positions,
//!   but panics on many odd files and cannot load damaged ones.
//!
//! Flow: load with lopdf 0.47 → refuse password-protected files → pre-flight every
//! page (a `/Parent` cycle makes pdf-extract loop forever, a self-drawing Form
//! XObject overflows its stack, deeply nested content makes both parsers fail):
//! repair what can be repaired in the lopdf document, mark the rest unsafe →
//! lopdf text per page → pdf-extract per safe page, on the original bytes or, when
//! the file was repaired or decrypted, on a copy re-saved by lopdf 0.47 → per page
//! keep the better text (see `choose`).
//!
//! The whole extraction runs on a thread with a [`STACK_BYTES`] stack, because
//! both parsers recurse on nested objects.
//!
//! Limits: more pages than [`Limits::max_pages`] → the first `max_pages` pages are
//! read and a warning says so (a long contract is still worth reading; the
//! caller sees the warning). Text beyond [`Limits::max_text_bytes`] → later pages
//! stay empty and a warning says from which page.

mod content;
mod glyph_order;
mod lopdf_text;
mod preflight;
pub mod quality;
mod text_position;

use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::{Document, ObjectId};

use super::{Limits, RawText};
use crate::error::{panic_message, DocError, ErrorKind};

/// Stack size of the extraction thread, in bytes.
pub const STACK_BYTES: usize = 64 * 1024 * 1024;
/// A page with fewer non-whitespace characters than this counts as having no text layer.
pub const MIN_PAGE_CHARS: usize = 10;
/// Engine name of pdf-extract in [`RawText::engine`].
pub const ENGINE_PDF_EXTRACT: &str = "pdf-extract";
/// Engine name of lopdf in [`RawText::engine`].
pub const ENGINE_LOPDF: &str = "lopdf";
/// Engine name of pdf_oxide in [`RawText::engine`].
pub const ENGINE_PDF_OXIDE: &str = "pdf_oxide";

/// Extracts raw text per page from PDF bytes (see the module docs for the method).
///
/// Errors: `Encrypted` when the empty user password does not open the file,
/// `Malformed` when no engine can parse it or it has no pages, `Internal` when the
/// extraction thread itself crashed.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<RawText, DocError> {
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("pdf-extract".to_string())
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, || {
                catch_unwind(AssertUnwindSafe(|| extract_here(bytes, limits)))
            });
        let outcome = match spawned {
            Ok(handle) => handle.join().unwrap_or_else(Err),
            // No thread available: run here, with whatever stack this thread has.
            Err(_) => catch_unwind(AssertUnwindSafe(|| extract_here(bytes, limits))),
        };
        outcome.unwrap_or_else(|payload| {
            Err(DocError::new(
                ErrorKind::Internal,
                format!(
                    "PDF extraction crashed: {}",
                    panic_message(payload.as_ref())
                ),
            ))
        })
    })
}

/// Which engine produced a page's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Engine {
    PdfExtract,
    Lopdf,
    PdfOxide,
    None,
}

/// Text per page, in page order, plus what a reviewer should know.
fn extract_here(bytes: &[u8], limits: &Limits) -> Result<RawText, DocError> {
    let mut doc = load(bytes)?;
    let mut warnings = Vec::new();
    let was_encrypted = doc.encryption_state.is_some() || doc.trailer.has(b"Encrypt");

    let mut pages = unique_pages(&doc, &mut warnings);
    if pages.is_empty() {
        return Err(DocError::new(
            ErrorKind::Malformed,
            "the PDF has no readable pages (page tree missing or empty)",
        ));
    }
    let total_pages = pages.len();
    if pages.len() > limits.max_pages {
        warnings.push(format!(
            "the PDF has {} pages; only the first {} were read (page limit)",
            pages.len(),
            limits.max_pages
        ));
        pages.truncate(limits.max_pages);
    }
    let max_decompressed = usize::try_from(limits.max_decompressed_bytes).unwrap_or(usize::MAX);

    // Pre-flight: repair in the lopdf document what can be repaired, mark the rest.
    let mut repaired = false;
    let mut pe_unsafe: HashMap<usize, String> = HashMap::new();
    for (i, &id) in pages.iter().enumerate() {
        if preflight::has_parent_cycle(&doc, id) {
            if preflight::fix_parent_cycle(&mut doc, id) {
                repaired = true;
                warnings.push(format!(
                    "page {}: /Parent cycle in the page tree repaired",
                    i + 1
                ));
            } else {
                pe_unsafe.insert(i, "parent-cycle".to_string());
            }
        }
        let scan = preflight::scan_resources(&doc, id);
        for (form, name) in &scan.fixable {
            if preflight::cut_xobject_edge(&mut doc, *form, name) {
                repaired = true;
                warnings.push(format!("page {}: self-drawing Form XObject cut", i + 1));
            } else {
                pe_unsafe
                    .entry(i)
                    .or_insert_with(|| "xobject-cycle".to_string());
            }
        }
        if let Some(why) = scan.unsafe_reason {
            pe_unsafe.entry(i).or_insert(why);
        }
    }

    // lopdf pass; pages whose content does not parse get a nesting check and a second try.
    let mut lo: Vec<Result<String, String>> = Vec::with_capacity(pages.len());
    let mut forms_unread = 0;
    {
        let mut fonts = lopdf_text::FontCache::default();
        for &id in &pages {
            lo.push(guarded(|| {
                lopdf_text::page_text(&doc, id, max_decompressed, &mut fonts)
            }));
        }
        forms_unread += fonts.forms_unread;
    }
    // Pages over the decompression limit are not read by either engine (pdf-extract has
    // no limit of its own): each is reported, and a PDF with nothing else is too large.
    let mut over_limit = Vec::new();
    for (i, text) in lo.iter().enumerate() {
        if text.as_ref().is_err_and(|e| e == lopdf_text::OVER_LIMIT) {
            over_limit.push(i + 1);
            pe_unsafe.insert(i, "over the decompression limit".to_string());
            warnings.push(format!(
                "page {}: content streams decompress to more than {} bytes (limit); the page was not read",
                i + 1,
                limits.max_decompressed_bytes
            ));
        }
    }
    for (i, &id) in pages.iter().enumerate() {
        if lo[i].is_err() && !over_limit.contains(&(i + 1)) {
            if let Some(clean) = sanitized_page_content(&doc, id, max_decompressed) {
                if doc.change_page_content(id, clean).is_ok() {
                    repaired = true;
                    warnings.push(format!(
                        "page {}: content nested deeper than {} levels removed",
                        i + 1,
                        preflight::MAX_CONTENT_NESTING
                    ));
                    lo[i] = guarded(|| {
                        let mut fonts = lopdf_text::FontCache::default();
                        let text = lopdf_text::page_text(&doc, id, max_decompressed, &mut fonts);
                        forms_unread += fonts.forms_unread;
                        text
                    });
                }
            } else {
                // Unknown parse trouble: do not hand it to pdf-extract's older parser either.
                pe_unsafe
                    .entry(i)
                    .or_insert_with(|| "content does not parse".to_string());
            }
        }
    }

    // Pages where lopdf's text is reliable skip pdf-extract (about 2/3 of the cost).
    let trusted: Vec<bool> = pages
        .iter()
        .zip(&lo)
        .map(|(&id, text)| text.as_ref().is_ok_and(|t| lopdf_trusted(&doc, id, t)))
        .collect();

    // pdf-extract pass on the original bytes, or on a re-saved copy when the file
    // was repaired, decrypted or does not load in pdf-extract's older lopdf.
    let mut pe_doc = None;
    let mut resaved = false;
    let needs_pe = !limits.safe_mode && trusted.iter().any(|t| !t);
    if needs_pe && !repaired && !was_encrypted {
        pe_doc = guarded(|| pdf_extract::Document::load_mem(bytes).map_err(|e| e.to_string())).ok();
    }
    if needs_pe && pe_doc.is_none() {
        pe_doc = resave(&mut doc).and_then(|b| {
            guarded(|| pdf_extract::Document::load_mem(&b).map_err(|e| e.to_string())).ok()
        });
        resaved = pe_doc.is_some() && !was_encrypted;
        if pe_doc.is_none() {
            warnings.push("pdf-extract could not load the file; lopdf text only".to_string());
        }
    }
    let pe_numbers: HashMap<ObjectId, u32> = match &pe_doc {
        Some(d) => {
            let mut m = HashMap::new();
            for (n, id) in d.get_pages() {
                m.entry(id).or_insert(n);
            }
            m
        }
        None => HashMap::new(),
    };

    let mut out_pages = Vec::with_capacity(pages.len());
    let mut page_engines = Vec::with_capacity(pages.len());
    let mut text_bytes = 0usize;
    for (i, &id) in pages.iter().enumerate() {
        let page_no = i + 1;
        if text_bytes > limits.max_text_bytes {
            out_pages.push(String::new());
            page_engines.push(None);
            continue;
        }
        // Cheap path: lopdf text from fonts with a reliable Unicode mapping is kept as is.
        if trusted[i] {
            if let Ok(text) = std::mem::replace(&mut lo[i], Ok(String::new())) {
                page_engines.push(Some(Engine::Lopdf));
                text_bytes += text.len();
                out_pages.push(text);
                if text_bytes > limits.max_text_bytes {
                    warnings.push(format!(
                        "text limit of {} bytes reached on page {page_no}; later pages were not read",
                        limits.max_text_bytes
                    ));
                }
                continue;
            }
        }
        let pe: Result<String, String> = match (&pe_doc, pe_unsafe.get(&i), pe_numbers.get(&id)) {
            (_, Some(why), _) => Err(format!("skipped ({why})")),
            (Some(d), None, Some(&n)) => guarded(|| pdf_extract_page(d, n)),
            (Some(_), None, None) => Err("page not found".to_string()),
            (None, None, _) => Err("not loaded".to_string()),
        };
        let (text, engine) = choose(
            pe,
            std::mem::replace(&mut lo[i], Ok(String::new())),
            page_no,
            &mut warnings,
        );
        page_engines.push(Some(engine));
        text_bytes += text.len();
        if text_bytes > limits.max_text_bytes {
            warnings.push(format!(
                "text limit of {} bytes reached on page {page_no}; later pages were not read",
                limits.max_text_bytes
            ));
        }
        out_pages.push(text);
    }

    // Third engine, only for pages whose text looks garbled or is missing although
    // the page shows text: pdf_oxide, loaded once, only when some page needs it.
    // Pages over the decompression limit are not handed to it (it has no limit).
    if !limits.safe_mode {
        oxide_pass(
            bytes,
            &mut doc,
            &pages,
            total_pages,
            max_decompressed,
            &over_limit,
            &mut out_pages,
            &mut page_engines,
            &mut warnings,
        );
    }
    let used: HashSet<Engine> = page_engines
        .iter()
        .flatten()
        .copied()
        .filter(|e| *e != Engine::None)
        .collect();
    let empty_pages: Vec<usize> = out_pages
        .iter()
        .zip(&page_engines)
        .enumerate()
        .filter(|(_, (text, engine))| engine.is_some() && non_space_chars(text) < MIN_PAGE_CHARS)
        .map(|(i, _)| i + 1)
        .filter(|p| !over_limit.contains(p))
        .collect();
    if forms_unread > 0 {
        warnings.push(format!(
            "{forms_unread} Form XObject(s) not read (over the decompression limit of {} bytes, or undecodable): their text is missing",
            limits.max_decompressed_bytes
        ));
    }
    if empty_pages.len() + over_limit.len() == out_pages.len() && !over_limit.is_empty() {
        return Err(DocError::new(
            ErrorKind::TooLarge,
            format!(
                "page content decompresses to more than {} bytes (limit) on page(s) {}, and no other page has text",
                limits.max_decompressed_bytes,
                join_numbers(&over_limit)
            ),
        ));
    }
    if empty_pages.len() == out_pages.len() {
        warnings.push("no text layer on any page (scanned PDF?); needs OCR".to_string());
    } else {
        for p in empty_pages {
            warnings.push(format!("page {p}: no text layer, needs OCR"));
        }
    }

    let mut engine = match (
        used.contains(&Engine::PdfExtract),
        used.contains(&Engine::Lopdf),
    ) {
        (true, true) => format!("{ENGINE_PDF_EXTRACT}+{ENGINE_LOPDF}"),
        (true, false) => ENGINE_PDF_EXTRACT.to_string(),
        (false, false) if used.contains(&Engine::PdfOxide) => ENGINE_PDF_OXIDE.to_string(),
        _ => ENGINE_LOPDF.to_string(),
    };
    if used.contains(&Engine::PdfOxide) && used.len() > 1 {
        engine.push('+');
        engine.push_str(ENGINE_PDF_OXIDE);
    }
    if repaired || resaved {
        engine.push_str("+repaired");
    }
    Ok(RawText {
        pages: out_pages,
        paged: true,
        engine,
        warnings,
    })
}

/// "1, 2, 5" (at most 20 numbers, then "…").
fn join_numbers(n: &[usize]) -> String {
    let mut s: Vec<String> = n.iter().take(20).map(usize::to_string).collect();
    if n.len() > 20 {
        s.push("…".to_string());
    }
    s.join(", ")
}

/// Least gain in [`quality::Quality::score`] for pdf_oxide's text to replace a page's text.
const OXIDE_MIN_GAIN: f64 = 0.15;

/// Re-reads with pdf_oxide the pages whose chosen text is poor (see [`quality::POOR`])
/// or empty although the page content shows text, and keeps pdf_oxide's text where it
/// scores clearly better and holds at least as many plausible characters.
/// The pdf_oxide document is loaded only when some page needs it.
#[allow(clippy::too_many_arguments)]
fn oxide_pass(
    bytes: &[u8],
    doc: &mut Document,
    pages: &[ObjectId],
    total_pages: usize,
    max_decompressed: usize,
    over_limit: &[usize],
    out_pages: &mut [String],
    page_engines: &mut [Option<Engine>],
    warnings: &mut Vec<String>,
) {
    let candidates: Vec<usize> = (0..pages.len())
        .filter(|&i| {
            page_engines[i].is_some() && !over_limit.contains(&(i + 1)) && {
                let text = &out_pages[i];
                if page_engines[i] == Some(Engine::None) {
                    true
                } else if non_space_chars(text) < MIN_PAGE_CHARS {
                    shows_text(doc, pages[i], max_decompressed)
                } else {
                    quality::measure(text).score() < quality::POOR
                }
            }
        })
        .collect();
    if candidates.is_empty() {
        return;
    }
    let load = |b: Vec<u8>| {
        guarded(|| pdf_oxide::PdfDocument::from_bytes(b).map_err(|e| e.to_string()))
            .ok()
            .filter(|d| {
                guarded(|| d.page_count().map_err(|e| e.to_string())).ok() == Some(total_pages)
            })
    };
    let oxide = match load(bytes.to_vec()) {
        Some(d) => d,
        // A file pdf_oxide cannot read as is (or whose page tree it counts
        // differently) gets a second chance as re-saved by lopdf.
        None => match resave(doc).and_then(load) {
            Some(d) => d,
            None => {
                warnings.push(
                    "pdf_oxide could not load the file; pages with garbled text kept".to_string(),
                );
                return;
            }
        },
    };
    let mut replaced = Vec::new();
    for i in candidates {
        let Ok(text) = guarded(|| oxide.extract_text(i).map_err(|e| e.to_string())) else {
            continue;
        };
        let (old, new) = (quality::measure(&out_pages[i]), quality::measure(&text));
        if new.score() >= old.score() + OXIDE_MIN_GAIN && new.good >= old.good {
            out_pages[i] = text;
            page_engines[i] = Some(Engine::PdfOxide);
            replaced.push((i + 1).to_string());
        }
    }
    if !replaced.is_empty() {
        warnings.push(format!(
            "page {}: text read by pdf_oxide (the other engines' text looked garbled or was missing)",
            replaced.join(", ")
        ));
    }
}

/// True when the page's content (not its Form XObjects) has a text-showing operator.
fn shows_text(doc: &Document, id: ObjectId, max_decompressed: usize) -> bool {
    doc.get_page_content_with_limit(id, max_decompressed)
        .is_ok_and(|c| c.windows(2).any(|w| matches!(w, [b'T', b'j' | b'J'])))
}

/// Loads with lopdf 0.47 and refuses files that need a password.
fn load(bytes: &[u8]) -> Result<Document, DocError> {
    let doc = match catch_unwind(AssertUnwindSafe(|| Document::load_mem(bytes))) {
        Ok(Ok(doc)) => doc,
        Ok(Err(err)) => {
            let msg = err.to_string();
            return Err(match err {
                lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => DocError::new(
                    ErrorKind::Encrypted,
                    format!("encrypted PDF that the empty user password does not open ({msg})"),
                ),
                _ => DocError::new(ErrorKind::Malformed, format!("not a readable PDF: {msg}")),
            });
        }
        Err(payload) => {
            return Err(DocError::new(
                ErrorKind::Malformed,
                format!(
                    "not a readable PDF (parser crashed: {})",
                    panic_message(payload.as_ref())
                ),
            ))
        }
    };
    if doc.trailer.has(b"Encrypt") && doc.encryption_state.is_none() {
        return Err(DocError::new(
            ErrorKind::Encrypted,
            "encrypted PDF that needs a password (the empty user password does not open it)",
        ));
    }
    Ok(doc)
}

/// Page object ids in page order, each once (a page tree that lists a page twice,
/// e.g. through a `/Kids` cycle, would otherwise repeat its text).
fn unique_pages(doc: &Document, warnings: &mut Vec<String>) -> Vec<ObjectId> {
    let mut seen = HashSet::new();
    let mut pages = Vec::new();
    let mut repeats = 0usize;
    for id in doc.page_iter() {
        if seen.insert(id) {
            pages.push(id);
        } else {
            repeats += 1;
        }
    }
    if repeats > 0 {
        warnings.push(format!(
            "the page tree lists pages more than once ({repeats} repeats, cycle?); each page read once"
        ));
    }
    pages
}

/// The page's content with over-deep nesting removed, or `None` when that is not the problem.
fn sanitized_page_content(
    doc: &Document,
    id: ObjectId,
    max_decompressed: usize,
) -> Option<Vec<u8>> {
    let content = doc.get_page_content_with_limit(id, max_decompressed).ok()?;
    if preflight::max_nesting(&content) <= preflight::MAX_CONTENT_NESTING {
        return None;
    }
    preflight::sanitize_content(&content)
}

/// Saves the (decrypted, repaired) lopdf document to memory, without encryption.
fn resave(doc: &mut Document) -> Option<Vec<u8>> {
    doc.trailer.remove(b"Encrypt");
    let mut buf = Vec::new();
    guarded(|| doc.save_to(&mut buf).map_err(|e| e.to_string())).ok()?;
    Some(buf)
}

/// One page through pdf-extract's plain-text output.
fn pdf_extract_page(doc: &pdf_extract::Document, page_num: u32) -> Result<String, String> {
    let mut text = String::new();
    let mut output = pdf_extract::PlainTextOutput::new(&mut text);
    pdf_extract::output_doc_page(doc, &mut output, page_num).map_err(|e| format!("{e:?}"))?;
    Ok(text)
}

/// Runs `f`, turning a panic into an error message.
fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => Err(format!(
            "panic: {}",
            short(&panic_message(payload.as_ref()))
        )),
    }
}

fn short(msg: &str) -> String {
    let line = msg.lines().next().unwrap_or("");
    match line.char_indices().nth(120) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_string(),
    }
}

fn non_space_chars(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Longest mean word length (non-space characters per word) of trusted lopdf text;
/// above it words are probably glued together.
const MAX_MEAN_WORD_CHARS: usize = 12;

/// True when lopdf's text of the page can be kept without asking pdf-extract: the
/// page has enough text in plausibly long words, draws no Form XObjects, and every
/// font maps to Unicode reliably: a simple non-Type3 font with a standard named
/// encoding (WinAnsi, MacRoman) or a simple font without `/Encoding` but with
/// `/ToUnicode`. Any `/Differences` fails, and so do Type0 fonts (lopdf loses
/// most of the Identity-H text of pdf.js issue19971).
fn lopdf_trusted(doc: &Document, page_id: ObjectId, text: &str) -> bool {
    let chars = non_space_chars(text);
    if chars < MIN_PAGE_CHARS || chars > words(text) * MAX_MEAN_WORD_CHARS {
        return false;
    }
    let Some(res) = lopdf_text::page_resources(doc, page_id) else {
        return false;
    };
    if lopdf_text::dict_at(doc, res, b"XObject").is_some_and(|x| {
        x.iter().any(|(_, o)| {
            lopdf_text::deref(doc, o)
                .and_then(|o| o.as_stream().ok())
                .is_some_and(|s| {
                    s.dict.get(b"Subtype").and_then(lopdf::Object::as_name).ok()
                        == Some(b"Form".as_slice())
                })
        })
    }) {
        return false;
    }
    let Some(fonts) = lopdf_text::dict_at(doc, res, b"Font") else {
        return false;
    };
    fonts.iter().all(|(_, f)| {
        let Some(font) = lopdf_text::deref(doc, f).and_then(|f| f.as_dict().ok()) else {
            return false;
        };
        let subtype = font
            .get(b"Subtype")
            .and_then(lopdf::Object::as_name)
            .unwrap_or(b"");
        if subtype == b"Type3" {
            return false;
        }
        // A /Differences encoding (a dictionary) defeats lopdf even next to a
        // partial /ToUnicode (groff), so only named standard encodings pass.
        match font.get(b"Encoding") {
            Err(_) => subtype != b"Type0" && font.has(b"ToUnicode"),
            Ok(enc) => match enc.as_name() {
                Ok(b"WinAnsiEncoding" | b"MacRomanEncoding") => subtype != b"Type0",
                _ => false,
            },
        }
    })
}

/// Picks the text of one page from the two engines.
///
/// pdf-extract wins unless it failed, or it found clearly less text than lopdf
/// (under half the non-space characters: e.g. the `'` operator it ignores), or its
/// words are implausibly long while lopdf found about as much text in over twice
/// the words (it read the spaces of a font as letters, as in pdf.js issue1002).
fn choose(
    pe: Result<String, String>,
    lo: Result<String, String>,
    page_no: usize,
    warnings: &mut Vec<String>,
) -> (String, Engine) {
    match (pe, lo) {
        (Ok(pe), Ok(lo)) => {
            let (pe_chars, lo_chars) = (non_space_chars(&pe), non_space_chars(&lo));
            let fewer_chars = pe_chars * 2 < lo_chars;
            let glued_words = pe_chars > words(&pe) * MAX_MEAN_WORD_CHARS
                && words(&pe) * 2 < words(&lo)
                && lo_chars * 10 >= pe_chars * 7
                && lo_chars >= MIN_PAGE_CHARS;
            if fewer_chars || glued_words {
                (lo, Engine::Lopdf)
            } else {
                (pe, Engine::PdfExtract)
            }
        }
        (Ok(pe), Err(lo_err)) => {
            warnings.push(format!("page {page_no}: lopdf failed ({lo_err})"));
            (pe, Engine::PdfExtract)
        }
        (Err(pe_err), Ok(lo)) => {
            if pe_err != "not loaded" {
                warnings.push(format!(
                    "page {page_no}: pdf-extract failed ({pe_err}); lopdf text used"
                ));
            }
            (lo, Engine::Lopdf)
        }
        (Err(pe_err), Err(lo_err)) => {
            warnings.push(format!(
                "page {page_no}: no engine could read the page (pdf-extract: {pe_err}; lopdf: {lo_err})"
            ));
            (String::new(), Engine::None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Object, Stream};

    /// A document whose pages each show the given lines in Helvetica (resources on the page-tree root).
    fn build(pages: &[&[&str]]) -> (Document, ObjectId) {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
        });
        let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
        let mut kids = Vec::new();
        for lines in pages {
            let mut content = String::from("BT /F1 12 Tf 72 720 Td ");
            for line in lines.iter() {
                content.push_str(&format!("({line}) Tj 0 -14 Td "));
            }
            content.push_str("ET");
            let contents = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
            let page = doc.add_object(
                dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => contents },
            );
            kids.push(Object::Reference(page));
        }
        let count = kids.len() as i64;
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        (doc, pages_id)
    }

    fn save(doc: &mut Document) -> Vec<u8> {
        let mut buf = Vec::new();
        doc.save_to(&mut buf).expect("save to memory");
        buf
    }

    fn words_of(raw: &RawText) -> Vec<String> {
        raw.pages
            .iter()
            .flat_map(|p| p.split_whitespace().map(str::to_string))
            .collect()
    }

    const PAGE1: &[&str] = &[
        "Auftragsverarbeitung nach Art. 28 DSGVO",
        "zwischen Kunde und Anbieter",
    ];
    const PAGE2: &[&str] = &[
        "Unterauftragsverarbeiter in den USA",
        "Standardvertragsklauseln gelten",
    ];

    #[test]
    fn two_pages_in_order_with_word_gaps() {
        let (mut doc, _) = build(&[PAGE1, PAGE2]);
        let raw = extract(&save(&mut doc), &Limits::default()).expect("extracts");
        assert!(raw.paged);
        assert_eq!(raw.pages.len(), 2);
        assert!(
            raw.pages[0].contains("Auftragsverarbeitung"),
            "{:?}",
            raw.pages
        );
        assert!(
            raw.pages[1].contains("Standardvertragsklauseln"),
            "{:?}",
            raw.pages
        );
        // Line ends must separate words: "DSGVO" and "zwischen" are two words.
        let words = words_of(&raw);
        assert!(
            words.contains(&"DSGVO".to_string()) && words.contains(&"zwischen".to_string()),
            "{words:?}"
        );
        // Helvetica with WinAnsiEncoding maps reliably: the fast lopdf-only path.
        assert_eq!(raw.engine, ENGINE_LOPDF);
        assert!(raw.warnings.is_empty(), "{:?}", raw.warnings);
    }

    /// A clause cut by a page break with a running footer: the footer leaves the flow
    /// (`super::super::running`), and the clause is found across the break.
    #[test]
    fn a_clause_cut_by_a_running_footer_is_found_across_the_page_break() {
        const FOOTER: &str = "Musterhosting GmbH - Hauptstrasse 1 - 10115 Berlin - HRB 12345";
        let p1: &[&str] = &[
            "Vertrag zur Auftragsverarbeitung",
            "Der Auftragnehmer verarbeitet personenbezogene Daten nur im Rahmen der Weisung des",
            "Seite 1 von 3",
            FOOTER,
        ];
        let p2: &[&str] = &[
            "Auftraggebers, es sei denn, er ist gesetzlich dazu verpflichtet.",
            "Seite 2 von 3",
            FOOTER,
        ];
        let p3: &[&str] = &["Schlussbestimmungen.", "Seite 3 von 3", FOOTER];
        let (mut doc, _) = build(&[p1, p2, p3]);
        let raw = extract(&save(&mut doc), &Limits::default()).expect("extracts");
        let doc = super::super::normalize::normalize(raw);
        // The first two pages' footers moved behind the last page's own.
        assert!(
            doc.text.contains("Weisung des\n\nAuftraggebers,"),
            "{}",
            doc.text
        );
        assert!(
            doc.text.ends_with(&format!(
                "Schlussbestimmungen.\nSeite 3 von 3\n{FOOTER}\n\n\
                 Seite 1 von 3\n{FOOTER}\nSeite 2 von 3\n{FOOTER}"
            )),
            "{}",
            doc.text
        );
        let rules = crate::patterns::Rules::embedded().expect("embedded rules");
        let findings = crate::matchers::find(&doc, &rules, None);
        assert!(
            findings.iter().any(|f| f.rule == "clause.art28_3_a"
                && f.text.contains("Weisung des")
                && f.page == Some(1)),
            "{findings:#?}"
        );
    }

    /// Pages in a Type0 `Identity-H` font named `base_font` whose `/ToUnicode` CMap maps
    /// nothing, as macOS Preview writes them: each character shown by the glyph id it has
    /// in the Microsoft core fonts.
    fn preview_pdf(base_font: &str, lines: &[&str]) -> Vec<u8> {
        let (mut doc, pages_id) = build(&[&["-"]]);
        let empty_cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
            /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n\
            1 begincodespacerange <0000><FFFF> endcodespacerange\n\
            endcmap CMapName currentdict /CMap defineresource pop end end";
        let to_unicode = doc.add_object(Stream::new(dictionary! {}, empty_cmap.into()));
        let cid_font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => base_font,
            "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
        });
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => base_font,
            "Encoding" => "Identity-H", "DescendantFonts" => vec![cid_font.into()],
            "ToUnicode" => to_unicode,
        });
        let mut content = String::from("BT /F1 12 Tf 72 720 Td ");
        for line in lines {
            let gids: String = line
                .chars()
                .map(|c| match c {
                    ' '..='~' => format!("{:04x}", c as u32 - 29),
                    'ä' => "006c".to_string(),
                    '“' => "00b3".to_string(),
                    '”' => "00b4".to_string(),
                    _ => panic!("no glyph for {c:?} in this test"),
                })
                .collect();
            content.push_str(&format!("<{gids}> Tj 0 -14 Td "));
        }
        content.push_str("ET");
        one_page(doc, pages_id, font, &content)
    }

    /// Saves `doc` (from [`build`], one page) with that page's content replaced by
    /// `content` and its font `F1` by `font`.
    fn one_page(mut doc: Document, pages_id: ObjectId, font: ObjectId, content: &str) -> Vec<u8> {
        let contents = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
        let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
        let page = doc
            .get_object(pages_id)
            .and_then(Object::as_dict)
            .and_then(|d| d.get(b"Kids"))
            .and_then(Object::as_array)
            .map(|kids| kids[0].clone())
            .and_then(|k| k.as_reference())
            .expect("page");
        let page = doc
            .get_object_mut(page)
            .and_then(Object::as_dict_mut)
            .expect("page");
        page.set("Contents", contents);
        page.set("Resources", resources);
        save(&mut doc)
    }

    /// A TrueType font in WinAnsiEncoding whose glyphs are all 500 thousandths wide: at
    /// size 10 each character advances 5 units.
    fn fixed_width_font(doc: &mut Document) -> ObjectId {
        let widths: Vec<Object> = (32..=126).map(|_| Object::Integer(500)).collect();
        doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ABCDEF+Fixed",
            "Encoding" => "WinAnsiEncoding", "FirstChar" => 32, "LastChar" => 126,
            "Widths" => widths,
        })
    }

    #[test]
    fn runs_cut_inside_words_are_joined_by_their_positions() {
        // As macOS Preview writes text: a text object for every few glyphs, placed with
        // Tm; where a run starts at the end of the previous one, the word goes on.
        let (mut doc, pages_id) = build(&[&["-"]]);
        let font = fixed_width_font(&mut doc);
        let run = |x: f64, y: f64, tj: &str| format!("BT 1 0 0 1 {x} {y} Tm /F1 10 Tf {tj} ET\n");
        let content = [
            // "Auftragsverarbeit" is 17 glyphs: 85 units from x = 72.
            run(72.0, 700.0, "[(Auftragsverarbeit)] TJ"),
            run(157.0, 700.0, "[(ung)] TJ"),
            // A quarter of the font size after the end of "ung": a word gap.
            run(174.5, 700.0, "[(nach)] TJ"),
            // Within one text object: the second TJ starts where the first ended.
            run(
                72.0,
                686.0,
                "[(Standardvertrags)] TJ [(klauseln)] TJ ( gelten) Tj",
            ),
            // The next line.
            run(72.0, 672.0, "(DSGVO) Tj"),
        ]
        .concat();
        let raw = extract(&one_page(doc, pages_id, font, &content), &Limits::default())
            .expect("extracts");
        assert_eq!(raw.engine, ENGINE_LOPDF, "{:?}", raw.warnings);
        assert_eq!(
            words_of(&raw),
            [
                "Auftragsverarbeitung",
                "nach",
                "Standardvertragsklauseln",
                "gelten",
                "DSGVO"
            ],
            "{:?}",
            raw.pages
        );
    }

    #[test]
    fn lines_shown_by_tj_in_text_objects_of_their_own_stay_lines() {
        // As LibreOffice writes text: a text object per line, placed by Td from the
        // origin, shown by TJ. A heading stays on its line above the paragraph.
        let (mut doc, pages_id) = build(&[&["-"]]);
        let font = fixed_width_font(&mut doc);
        let line = |y: f64, tj: &str| format!("BT 62.5 {y} Td /F1 10 Tf {tj} ET\n");
        let content = [
            line(765.0, "[(6. Third )-20(countries)] TJ"),
            line(740.0, "[(No transfer )10(to a third)] TJ"),
            line(726.0, "[(country takes place.)] TJ"),
        ]
        .concat();
        let raw = extract(&one_page(doc, pages_id, font, &content), &Limits::default())
            .expect("extracts");
        assert_eq!(raw.engine, ENGINE_LOPDF, "{:?}", raw.warnings);
        assert_eq!(
            raw.pages[0].trim_end(),
            "6. Third countries\nNo transfer to a third\ncountry takes place."
        );
    }

    #[test]
    fn core_fonts_without_unicode_map_are_read_by_glyph_id() {
        let lines = [
            "Dieser Vertrag (“AVV”) regelt die Auftragsverarbeitung",
            "zwischen Kunde und Anbieter in den USA nach Art. 28 DSGVO.",
            "Zusätzliche Standardvertragsklauseln gelten.",
        ];
        let raw = extract(
            &preview_pdf("QMEBSI+TimesNewRomanPSMT", &lines),
            &Limits::default(),
        )
        .expect("extracts");
        let words = words_of(&raw);
        for want in [
            "(“AVV”)",
            "Auftragsverarbeitung",
            "DSGVO.",
            "Zusätzliche",
            "Standardvertragsklauseln",
        ] {
            assert!(words.iter().any(|w| w == want), "{want}: {words:?}");
        }
        assert_eq!(raw.engine, ENGINE_LOPDF, "{:?}", raw.warnings);
        // Another font's glyph order is unknown: its glyph ids are not read as letters.
        let raw = extract(&preview_pdf("ABCDEF+Calibri", &lines), &Limits::default());
        let text = raw.map(|r| r.pages.concat()).unwrap_or_default();
        assert!(!text.contains("Auftragsverarbeitung"), "{text:?}");
    }

    #[test]
    fn differences_encoding_goes_through_pdf_extract() {
        let (mut doc, _) = build(&[PAGE1]);
        let font = doc
            .objects
            .values_mut()
            .find_map(|o| o.as_dict_mut().ok().filter(|d| d.has(b"BaseFont")))
            .expect("font");
        font.set(
            "Encoding",
            dictionary! { "Type" => "Encoding", "BaseEncoding" => "WinAnsiEncoding", "Differences" => vec![65.into(), Object::Name(b"A".to_vec())] },
        );
        let raw = extract(&save(&mut doc), &Limits::default()).expect("extracts");
        assert_eq!(raw.engine, ENGINE_PDF_EXTRACT);
        assert!(
            raw.pages[0].contains("Auftragsverarbeitung"),
            "{:?}",
            raw.pages
        );
    }

    #[test]
    fn garbage_is_malformed() {
        for bytes in [
            &b"%PDF-1.4\nnot really a pdf"[..],
            b"",
            b"%PDF-1.7\n1 0 obj << /Type /Catalog",
        ] {
            let err = extract(bytes, &Limits::default()).expect_err("must fail");
            assert_eq!(err.kind, ErrorKind::Malformed, "{err}");
        }
    }

    #[test]
    fn page_limit_reads_first_pages_and_warns() {
        let (mut doc, _) = build(&[PAGE1, PAGE2, PAGE1]);
        let limits = Limits {
            max_pages: 2,
            ..Limits::default()
        };
        let raw = extract(&save(&mut doc), &limits).expect("extracts");
        assert_eq!(raw.pages.len(), 2);
        assert!(
            raw.warnings.iter().any(|w| w.contains("only the first 2")),
            "{:?}",
            raw.warnings
        );
    }

    #[test]
    fn no_text_layer_is_ok_with_warning() {
        let (mut doc, _) = build(&[&[], &[]]);
        let raw = extract(&save(&mut doc), &Limits::default()).expect("extracts");
        assert_eq!(raw.pages.len(), 2);
        assert!(raw.pages.iter().all(|p| p.trim().is_empty()));
        assert!(
            raw.warnings.iter().any(|w| w.contains("no text layer")),
            "{:?}",
            raw.warnings
        );
    }

    fn encrypted(user_password: &str) -> Vec<u8> {
        let (mut doc, _) = build(&[PAGE1]);
        doc.trailer.set(
            "ID",
            vec![
                Object::string_literal(b"0123456789abcdef".to_vec()),
                Object::string_literal(b"0123456789abcdef".to_vec()),
            ],
        );
        let version = lopdf::EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner",
            user_password,
            key_length: 128,
            permissions: lopdf::Permissions::all(),
        };
        let state = lopdf::EncryptionState::try_from(version).expect("encryption state");
        doc.encrypt(&state).expect("encrypts");
        save(&mut doc)
    }

    #[test]
    fn password_protected_is_encrypted_error() {
        let err = extract(&encrypted("geheim"), &Limits::default()).expect_err("needs a password");
        assert_eq!(err.kind, ErrorKind::Encrypted, "{err}");
    }

    #[test]
    fn empty_user_password_is_decrypted() {
        let raw =
            extract(&encrypted(""), &Limits::default()).expect("opens with the empty password");
        assert!(
            raw.pages[0].contains("Auftragsverarbeitung"),
            "{:?}",
            raw.pages
        );
    }

    #[test]
    fn page_that_is_its_own_parent_is_repaired() {
        let (mut doc, _) = build(&[PAGE1]);
        let page = doc.page_iter().next().expect("one page");
        doc.get_dictionary_mut(page)
            .expect("page")
            .set("Parent", Object::Reference(page));
        let raw = extract(&save(&mut doc), &Limits::default()).expect("extracts");
        assert!(
            raw.pages[0].contains("Auftragsverarbeitung"),
            "{:?}",
            raw.pages
        );
        assert!(raw.engine.ends_with("+repaired"), "{}", raw.engine);
    }

    #[test]
    fn self_drawing_form_xobject_does_not_crash() {
        let (mut doc, pages_id) = build(&[PAGE1]);
        let font = doc.add_object(
            dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" },
        );
        let form_id = doc.new_object_id();
        let form = Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 600.into(), 600.into()],
                "Resources" => dictionary! { "Font" => dictionary! { "F1" => font }, "XObject" => dictionary! { "X1" => form_id } },
            },
            b"BT /F1 12 Tf 72 600 Td (Selbstverweis) Tj ET /X1 Do".to_vec(),
        );
        doc.objects.insert(form_id, Object::Stream(form));
        // A second page that draws the form through its own resources.
        let contents = doc.add_object(Stream::new(dictionary! {}, b"/X1 Do".to_vec()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => contents,
            "Resources" => dictionary! { "XObject" => dictionary! { "X1" => form_id } },
        });
        let root = doc.get_dictionary_mut(pages_id).expect("pages");
        if let Ok(Object::Array(kids)) = root.get_mut(b"Kids") {
            kids.push(Object::Reference(page));
        }
        root.set("Count", 2);
        let raw = extract(&save(&mut doc), &Limits::default()).expect("extracts");
        assert_eq!(raw.pages.len(), 2);
        assert!(raw.pages[1].contains("Selbstverweis"), "{:?}", raw.pages);
        assert!(
            raw.warnings.iter().any(|w| w.contains("Form XObject cut")),
            "{:?}",
            raw.warnings
        );
    }

    #[test]
    fn deeply_nested_content_is_cleaned() {
        let (mut doc, _) = build(&[PAGE1]);
        let page = doc.page_iter().next().expect("one page");
        let mut content = "[".repeat(20_000);
        content.push_str(&"]".repeat(20_000));
        content.push_str(" BT /F1 12 Tf 72 720 Td (Verantwortlicher) Tj ET");
        doc.change_page_content(page, content.into_bytes())
            .expect("set content");
        let raw = extract(&save(&mut doc), &Limits::default()).expect("extracts");
        assert!(raw.pages[0].contains("Verantwortlicher"), "{:?}", raw.pages);
        assert!(
            raw.warnings.iter().any(|w| w.contains("nested deeper")),
            "{:?}",
            raw.warnings
        );
    }

    #[test]
    fn sanitize_removes_only_deep_containers() {
        let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
        let cases: &[(&str, Option<&str>)] = &[
            ("BT [(a) -200 (b)] TJ ET", None),
            ("(unbalanced [[[ in a string) Tj", None),
            ("% comment [[[[\nBT ET", None),
        ];
        for (input, expected) in cases {
            assert_eq!(
                preflight::sanitize_content(input.as_bytes())
                    .map(|v| String::from_utf8_lossy(&v).into_owned()),
                expected.map(str::to_string),
                "{input}"
            );
        }
        let input = format!("q {deep} Q BT (x) Tj ET");
        let out = preflight::sanitize_content(input.as_bytes()).expect("cleaned");
        assert_eq!(String::from_utf8_lossy(&out), "q   Q BT (x) Tj ET");
    }

    #[test]
    fn choose_prefers_pdf_extract_unless_clearly_worse() {
        let ok = |s: &str| Ok::<String, String>(s.to_string());
        type PageResult = Result<String, String>;
        let cases: &[(PageResult, PageResult, Engine)] = &[
            (
                ok("Auftrag nach Art 28"),
                ok("Auftrag nach Art 28"),
                Engine::PdfExtract,
            ),
            (ok(""), ok("Text der nur lopdf liest"), Engine::Lopdf),
            (
                ok("Theanaturalmaunstoppable"),
                ok("The natural man unstoppable"),
                Engine::Lopdf,
            ),
            (Err("panic".into()), ok("Text"), Engine::Lopdf),
            (
                ok("Text von pdf-extract"),
                Err("parse".into()),
                Engine::PdfExtract,
            ),
            (
                ok("Umlaute richtig gelesen"),
                ok("Umlaute rich tig ge le sen"),
                Engine::PdfExtract,
            ),
            // lopdf splitting a page into letters must not win over pdf-extract.
            (
                ok("Sehr kurze Wörter"),
                ok("S e h r k u r z e W ö r t e r"),
                Engine::PdfExtract,
            ),
            (Err("a".into()), Err("b".into()), Engine::None),
        ];
        for (pe, lo, want) in cases {
            let (_, got) = choose(pe.clone(), lo.clone(), 1, &mut Vec::new());
            assert_eq!(got, *want, "pe={pe:?} lo={lo:?}");
        }
    }
}

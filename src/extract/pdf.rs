//! PDF extraction: raw text per page, robust against malformed files.
//!
//! Two engines are combined per page:
//! * **lopdf 0.47** (own walk over its content parser, see [`lopdf_text`]): loads
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
//! keep the better text (see [`choose`]).
//!
//! The whole extraction runs on a thread with a [`STACK_BYTES`] stack, because
//! both parsers recurse on nested objects.
//!
//! Limits: more pages than [`Limits::max_pages`] → the first `max_pages` pages are
//! read and a warning says so (a long contract is still worth reading; the
//! caller sees the warning). Text beyond [`Limits::max_text_bytes`] → later pages
//! stay empty and a warning says from which page.

mod lopdf_text;
mod preflight;

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
    for &id in &pages {
        lo.push(guarded(|| {
            lopdf_text::page_text(&doc, id, max_decompressed)
        }));
    }
    for (i, &id) in pages.iter().enumerate() {
        if lo[i].is_err() {
            if let Some(clean) = sanitized_page_content(&doc, id, max_decompressed) {
                if doc.change_page_content(id, clean).is_ok() {
                    repaired = true;
                    warnings.push(format!(
                        "page {}: content nested deeper than {} levels removed",
                        i + 1,
                        preflight::MAX_CONTENT_NESTING
                    ));
                    lo[i] = guarded(|| lopdf_text::page_text(&doc, id, max_decompressed));
                }
            } else {
                // Unknown parse trouble: do not hand it to pdf-extract's older parser either.
                pe_unsafe
                    .entry(i)
                    .or_insert_with(|| "content does not parse".to_string());
            }
        }
    }

    // pdf-extract pass on the original bytes, or on a re-saved copy when the file
    // was repaired, decrypted or does not load in pdf-extract's older lopdf.
    let mut pe_doc = None;
    let mut resaved = false;
    if !repaired && !was_encrypted {
        pe_doc = guarded(|| pdf_extract::Document::load_mem(bytes).map_err(|e| e.to_string())).ok();
    }
    if pe_doc.is_none() {
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
    let mut used = HashSet::new();
    let mut text_bytes = 0usize;
    let mut empty_pages = Vec::new();
    for (i, &id) in pages.iter().enumerate() {
        let page_no = i + 1;
        if text_bytes > limits.max_text_bytes {
            out_pages.push(String::new());
            continue;
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
        if engine != Engine::None {
            used.insert(engine);
        }
        if non_space_chars(&text) < MIN_PAGE_CHARS {
            empty_pages.push(page_no);
        }
        text_bytes += text.len();
        if text_bytes > limits.max_text_bytes {
            warnings.push(format!(
                "text limit of {} bytes reached on page {page_no}; later pages were not read",
                limits.max_text_bytes
            ));
        }
        out_pages.push(text);
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
        _ => ENGINE_LOPDF.to_string(),
    };
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

/// Picks the text of one page from the two engines.
///
/// pdf-extract wins unless it failed, or it found clearly less text than lopdf
/// (under half the non-space characters: e.g. the `'` operator it ignores), or it
/// found about as much text in far fewer words (under half: it read the spaces of
/// a font as letters, as in pdf.js issue1002).
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
            let glued_words = words(&pe) * 2 < words(&lo)
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

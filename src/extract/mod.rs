//! Stage 1: bytes → normalized text with page boundaries.
//!
//! The format is chosen by content (magic bytes) first and by extension second.
//! Every extractor returns raw text per page (one "page" for unpaged formats);
//! [`normalize`] then builds the one normalized string (NFC, ligatures unfolded,
//! soft hyphens removed, line-end hyphenation joined, whitespace collapsed) that
//! all finding offsets point into.

use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::DocError;

pub mod docx;
pub mod grid;
pub mod html;
pub mod normalize;
pub mod pdf;
pub mod running;
pub mod text;

/// A supported input format.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Portable Document Format (paged).
    Pdf,
    /// HTML (main content only).
    Html,
    /// Plain text in any encoding.
    Text,
    /// Markdown (and MDX): syntax removed, text kept.
    Markdown,
    /// Office Open XML word-processing document.
    Docx,
}

impl Format {
    /// The stable string used in the output (`format`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Docx => "docx",
        }
    }
}

/// Limits that bound the work done on one document. Hitting one is an error
/// (`too_large`) or a warning, never a silent truncation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Limits {
    /// Largest input file, in bytes.
    pub max_file_bytes: u64,
    /// Largest decompressed size of a DOCX part or of all parts together, in bytes.
    pub max_decompressed_bytes: u64,
    /// Most pages read from one PDF.
    pub max_pages: usize,
    /// Largest extracted text, in bytes.
    pub max_text_bytes: usize,
    /// Deepest HTML/XML element nesting that is still read.
    pub max_nesting: usize,
    /// Safe mode, used for the retry after a crash or hang: PDF text comes from
    /// lopdf only (pdf-extract, the engine that panics, loops and overflows, and
    /// pdf_oxide, the third engine for garbled pages, are skipped).
    #[serde(default)]
    pub safe_mode: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 100 * 1024 * 1024,
            max_decompressed_bytes: 200 * 1024 * 1024,
            max_pages: 5_000,
            max_text_bytes: 64 * 1024 * 1024,
            max_nesting: 512,
            safe_mode: false,
        }
    }
}

/// Raw text as an extractor produced it, before normalization.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawText {
    /// Text per page; unpaged formats have exactly one entry.
    pub pages: Vec<String>,
    /// True for paged formats (PDF): findings then carry a page number.
    pub paged: bool,
    /// Which engine produced the text, e.g. "pdf-extract", "lopdf", "pdf-extract+lopdf",
    /// "lopdf+pdf_oxide".
    pub engine: String,
    /// Things a reviewer should know about the extraction (pages that failed, caps hit).
    pub warnings: Vec<String>,
}

/// A document's normalized text, the input of every later stage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extracted {
    /// Normalized text (UTF-8, NFC). Finding offsets are byte offsets into it.
    pub text: String,
    /// Byte range of each page in `text` (1 entry for unpaged formats), in order, not overlapping.
    pub pages: Vec<Range<usize>>,
    /// True for paged formats (PDF): findings then carry a page number.
    pub paged: bool,
    /// Which engine produced the text.
    pub engine: String,
    /// Things a reviewer should know about the extraction.
    pub warnings: Vec<String>,
}

impl Extracted {
    /// The 1-based page holding byte offset `pos`, or `None` for unpaged formats.
    pub fn page_of(&self, pos: usize) -> Option<u32> {
        if !self.paged {
            return None;
        }
        let i = self.pages.partition_point(|r| r.end <= pos);
        Some((i.min(self.pages.len().saturating_sub(1)) + 1) as u32)
    }
}

/// Detects the format from content first, then from the file extension.
/// Returns `None` for unsupported files.
///
/// - `%PDF-` in the first 1024 bytes: PDF, whatever the extension;
/// - a zip holding `word/document.xml`: DOCX, whatever the extension (other
///   zips only by a `.docx` extension, so the DOCX reader can say what is wrong);
///   an OLE compound file named `.docx` (an encrypted DOCX) goes to the DOCX
///   reader too, which reports it;
/// - content that starts (after a BOM, whitespace, `<?xml …?>` and comments)
///   with `<!doctype html` or `<html`: HTML, whatever the extension;
/// - by extension: html/htm/xhtml, md/markdown/mdx, txt/text;
/// - no extension: HTML when `<html`, `<head` or `<body` appears in the first
///   1024 bytes, else text when it looks like text;
/// - anything else (.png, .exe, .json, …): `None`.
pub fn detect(bytes: &[u8], path: &Path) -> Option<Format> {
    let head = &bytes[..bytes.len().min(1024)];
    if find_sub(head, b"%PDF-").is_some() {
        return Some(Format::Pdf);
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    if head.starts_with(b"PK\x03\x04") {
        return if ext == "docx" || find_sub(bytes, b"word/document.xml").is_some() {
            Some(Format::Docx)
        } else {
            None
        };
    }
    if head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return (ext == "docx").then_some(Format::Docx);
    }
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let trimmed = skip_html_prolog(&lower);
    if trimmed.starts_with(b"<!doctype html") || trimmed.starts_with(b"<html") {
        return Some(Format::Html);
    }
    match ext.as_str() {
        "pdf" => Some(Format::Pdf),
        "docx" => Some(Format::Docx),
        "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
        "md" | "markdown" | "mdx" | "mdown" | "mkd" => Some(Format::Markdown),
        "txt" | "text" => Some(Format::Text),
        "" if [&b"<html"[..], b"<head", b"<body"]
            .iter()
            .any(|t| find_sub(&lower, t).is_some()) =>
        {
            Some(Format::Html)
        }
        "" if looks_textual(head) => Some(Format::Text),
        _ => None,
    }
}

/// Skips a BOM, whitespace, an `<?xml …?>` declaration and comments.
fn skip_html_prolog(b: &[u8]) -> &[u8] {
    let mut b = b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b);
    loop {
        let start = b
            .iter()
            .position(|c| !c.is_ascii_whitespace())
            .unwrap_or(b.len());
        b = &b[start..];
        let end = if b.starts_with(b"<?xml") {
            find_sub(b, b"?>").map(|e| e + 2)
        } else if b.starts_with(b"<!--") {
            find_sub(b, b"-->").map(|e| e + 3)
        } else {
            return b;
        };
        match end {
            Some(e) => b = &b[e..],
            None => return b,
        }
    }
}

fn looks_textual(head: &[u8]) -> bool {
    !head.is_empty()
        && (!head.contains(&0) || head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff"))
}

/// Position of `needle` in `hay`.
pub(crate) fn find_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Extracts raw text of `format` from `bytes` (no normalization).
pub fn extract_raw(bytes: &[u8], format: Format, limits: &Limits) -> Result<RawText, DocError> {
    match format {
        Format::Pdf => pdf::extract(bytes, limits),
        Format::Html => html::extract(bytes, limits),
        Format::Docx => docx::extract(bytes, limits),
        Format::Markdown => text::extract_markdown(bytes, limits),
        Format::Text => text::extract_text(bytes, limits),
    }
}

/// Extracts and normalizes: bytes → [`Extracted`].
pub fn extract(bytes: &[u8], format: Format, limits: &Limits) -> Result<Extracted, DocError> {
    let raw = extract_raw(bytes, format, limits)?;
    Ok(normalize::normalize(raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_with(name: &str) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("zip entry starts");
        zip.write_all(b"<x/>").expect("zip entry written");
        zip.finish().expect("zip finishes").into_inner()
    }

    #[test]
    fn detect_cases() {
        let docx = zip_with("word/document.xml");
        let other_zip = zip_with("xl/workbook.xml");
        let mut late_pdf = vec![b' '; 500];
        late_pdf.extend_from_slice(b"%PDF-1.7\n");
        let mut too_late_pdf = vec![b' '; 1100];
        too_late_pdf.extend_from_slice(b"%PDF-1.7\n");
        let ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0".to_vec();
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        let utf16_text = b"\xff\xfeH\0a\0l\0l\0o\0".to_vec();
        let cases: Vec<(&str, Vec<u8>, Option<Format>)> = vec![
            ("a.pdf", b"%PDF-1.4\n".to_vec(), Some(Format::Pdf)),
            ("a.txt", b"%PDF-1.4\n".to_vec(), Some(Format::Pdf)),
            ("noext", late_pdf.clone(), Some(Format::Pdf)),
            ("a.bin", late_pdf, Some(Format::Pdf)),
            ("a.txt", too_late_pdf, Some(Format::Text)),
            ("a.pdf", b"not a pdf".to_vec(), Some(Format::Pdf)),
            ("a.docx", docx.clone(), Some(Format::Docx)),
            ("a.zip", docx.clone(), Some(Format::Docx)),
            ("a.pdf", docx.clone(), Some(Format::Docx)),
            ("noext", docx, Some(Format::Docx)),
            ("a.xlsx", other_zip.clone(), None),
            ("a.docx", other_zip, Some(Format::Docx)),
            ("a.docx", ole.clone(), Some(Format::Docx)),
            ("a.doc", ole, None),
            ("a.html", b"<p>x</p>".to_vec(), Some(Format::Html)),
            ("a.HTM", b"<p>x</p>".to_vec(), Some(Format::Html)),
            (
                "a.txt",
                b"<!DOCTYPE html><html><body>x".to_vec(),
                Some(Format::Html),
            ),
            (
                "a.md",
                b"\xef\xbb\xbf  <html lang=de>".to_vec(),
                Some(Format::Html),
            ),
            (
                "a.xhtml",
                b"<?xml version=\"1.0\"?>".to_vec(),
                Some(Format::Html),
            ),
            (
                "a.txt",
                b"<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE html>".to_vec(),
                Some(Format::Html),
            ),
            (
                "a.txt",
                b"Text mit <body> mittendrin".to_vec(),
                Some(Format::Text),
            ),
            (
                "noext",
                b"<div>\n<body>x</body>".to_vec(),
                Some(Format::Html),
            ),
            ("noext", b"Hallo Welt".to_vec(), Some(Format::Text)),
            ("noext", utf16_text.clone(), Some(Format::Text)),
            ("a.txt", utf16_text, Some(Format::Text)),
            ("noext", png.clone(), None),
            ("noext", Vec::new(), None),
            ("a.md", b"# Titel".to_vec(), Some(Format::Markdown)),
            ("a.markdown", b"# Titel".to_vec(), Some(Format::Markdown)),
            (
                "a.mdx",
                b"import X from 'y'".to_vec(),
                Some(Format::Markdown),
            ),
            ("a.TXT", b"Hallo".to_vec(), Some(Format::Text)),
            ("a.png", png, None),
            ("a.exe", b"MZ\x90\0".to_vec(), None),
            ("a.json", b"{\"a\": 1}".to_vec(), None),
            ("a.csv", b"a,b".to_vec(), None),
        ];
        for (name, bytes, want) in cases {
            assert_eq!(
                detect(&bytes, Path::new(name)),
                want,
                "{name}: {:?}",
                String::from_utf8_lossy(&bytes[..bytes.len().min(40)])
            );
        }
    }
}

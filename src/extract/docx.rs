//! docx extraction.

use super::{Limits, RawText};
use crate::error::{DocError, ErrorKind};

/// Extracts raw text from docx bytes.
pub fn extract(_bytes: &[u8], _limits: &Limits) -> Result<RawText, DocError> {
    Err(DocError::new(ErrorKind::Unsupported, "docx extraction not built yet"))
}

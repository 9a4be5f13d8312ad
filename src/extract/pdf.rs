//! pdf extraction.

use super::{Limits, RawText};
use crate::error::{DocError, ErrorKind};

/// Extracts raw text from pdf bytes.
pub fn extract(_bytes: &[u8], _limits: &Limits) -> Result<RawText, DocError> {
    Err(DocError::new(ErrorKind::Unsupported, "pdf extraction not built yet"))
}

//! Per-document errors. A document that cannot be read becomes a result with
//! `status: "error"` and one of the contract's error kinds; it never stops a run.

use serde::{Deserialize, Serialize};

/// The contract's error kinds (`error.kind` in the output).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The file could not be opened or read (permissions, vanished, I/O error).
    Unreadable,
    /// Encrypted, and the empty user password does not open it.
    Encrypted,
    /// The bytes claim a format but do not parse as it.
    Malformed,
    /// Not one of the supported formats.
    Unsupported,
    /// Parsed, but there is no text layer (e.g. a scanned PDF).
    NoText,
    /// Over a size limit (file size, decompressed size, pages, nesting).
    TooLarge,
    /// Extraction did not finish within the wall-clock limit.
    Timeout,
    /// A crash inside dpascan or one of its parsers (panic, abort, killed worker).
    Internal,
}

impl ErrorKind {
    /// The stable string used in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Unreadable => "unreadable",
            ErrorKind::Encrypted => "encrypted",
            ErrorKind::Malformed => "malformed",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::NoText => "no_text",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Internal => "internal",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error that ends the processing of one document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("{kind}: {message}")]
pub struct DocError {
    /// Which contract error kind this is.
    pub kind: ErrorKind,
    /// A sentence a reviewer can read.
    pub message: String,
}

impl DocError {
    /// Builds an error of `kind` with a message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        DocError {
            kind,
            message: message.into(),
        }
    }
}

/// Turns a panic payload into a readable message.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-string payload".to_string()
    }
}

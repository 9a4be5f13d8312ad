//! One document through all stages: extract → find → analyze → result.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::{DocError, ErrorKind};
use crate::extract::{self, Extracted, Format, Limits};
use crate::patterns::Rules;
use crate::report::{DocResult, ExtractionInfo, Status, SCHEMA_VERSION};

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// What extraction of one file produced: the part of the work that runs in a worker process.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ExtractOutcome {
    /// Hex SHA-256 of the file's bytes; empty when unreadable.
    pub sha256: String,
    /// Detected format, if supported.
    pub format: Option<Format>,
    /// The text, or why there is none.
    pub result: Result<Extracted, DocError>,
}

/// Reads and extracts one file, in this process. Panics are caught and become `internal` errors.
pub fn extract_file(path: &Path, limits: &Limits) -> ExtractOutcome {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return unreadable(path, e),
    };
    if meta.len() > limits.max_file_bytes {
        return ExtractOutcome {
            sha256: String::new(),
            format: None,
            result: Err(DocError::new(
                ErrorKind::TooLarge,
                format!(
                    "file is {} bytes, over the limit of {} bytes (--max-size)",
                    meta.len(),
                    limits.max_file_bytes
                ),
            )),
        };
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return unreadable(path, e),
    };
    extract_bytes(path, &bytes, limits)
}

fn unreadable(path: &Path, e: std::io::Error) -> ExtractOutcome {
    // Reading into memory can fail for want of memory (the worker's address-space
    // limit): that is the document's size, not an unreadable file.
    let kind = if e.kind() == std::io::ErrorKind::OutOfMemory {
        ErrorKind::TooLarge
    } else {
        ErrorKind::Unreadable
    };
    ExtractOutcome {
        sha256: String::new(),
        format: None,
        result: Err(DocError::new(
            kind,
            format!("cannot read {}: {e}", path.display()),
        )),
    }
}

/// Detects and extracts `bytes` (named `path` for extension-based detection).
pub fn extract_bytes(path: &Path, bytes: &[u8], limits: &Limits) -> ExtractOutcome {
    let sha256 = sha256_hex(bytes);
    if bytes.is_empty() {
        return ExtractOutcome {
            sha256,
            format: extract::detect(bytes, path),
            result: Err(DocError::new(ErrorKind::NoText, "the file is empty")),
        };
    }
    let Some(format) = extract::detect(bytes, path) else {
        return ExtractOutcome {
            sha256,
            format: None,
            result: Err(DocError::new(
                ErrorKind::Unsupported,
                "not a supported format (PDF, HTML, DOCX, Markdown, text)",
            )),
        };
    };
    let result = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extract::extract(bytes, format, limits)
    })) {
        Ok(r) => r,
        Err(payload) => Err(DocError::new(
            ErrorKind::Internal,
            format!(
                "extractor panicked: {}",
                crate::error::panic_message(&*payload)
            ),
        )),
    };
    let result = result.and_then(|ex| {
        if ex.text.trim().is_empty() {
            Err(DocError::new(
                ErrorKind::NoText,
                "the document has no extractable text (a scan or an empty file?)",
            ))
        } else {
            Ok(ex)
        }
    });
    ExtractOutcome {
        sha256,
        format: Some(format),
        result,
    }
}

/// Runs find → analyze on an extraction outcome and builds the result.
pub fn analyze_outcome(path: &str, outcome: ExtractOutcome, rules: &Rules) -> DocResult {
    let ExtractOutcome {
        sha256,
        format,
        result,
    } = outcome;
    let doc = match result {
        Ok(doc) => doc,
        Err(e) => return DocResult::failed(path, &sha256, format, &e),
    };
    let analysed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        analyze_extracted(path, &sha256, format, &doc, rules)
    }));
    match analysed {
        Ok(r) => r,
        Err(payload) => DocResult::failed(
            path,
            &sha256,
            format,
            &DocError::new(
                ErrorKind::Internal,
                format!(
                    "analysis panicked: {}",
                    crate::error::panic_message(&*payload)
                ),
            ),
        ),
    }
}

/// find → analyze on extracted text.
pub fn analyze_extracted(
    path: &str,
    sha256: &str,
    format: Option<Format>,
    doc: &Extracted,
    rules: &Rules,
) -> DocResult {
    let language = crate::lang::detect(&doc.text);
    let (findings, capped) = find_all(doc, rules, language.as_deref());
    let a = crate::analyze::analyze(doc, &findings, language.as_deref(), &rules.adequacy);
    let mut warnings = doc.warnings.clone();
    if capped > 0 {
        warnings.push(format!(
            "{capped} findings beyond the limit of {MAX_FINDINGS} per document were dropped"
        ));
    }
    DocResult {
        schema_version: SCHEMA_VERSION,
        path: path.to_string(),
        sha256: sha256.to_string(),
        status: Status::Ok,
        error: None,
        format,
        language,
        kind: a.kind,
        pages: doc.paged.then_some(doc.pages.len() as u32),
        findings,
        parties: a.parties,
        countries: a.countries,
        transfers: a.transfers,
        providers: a.providers,
        locations: a.locations,
        checklist: a.checklist,
        risk: a.risk,
        extraction: ExtractionInfo {
            engine: doc.engine.clone(),
            text_bytes: doc.text.len(),
            warnings,
        },
    }
}

/// Most findings kept per document; a document with more (a 50 MB file of
/// repeated clauses) keeps the first ones, with a warning.
pub const MAX_FINDINGS: usize = 20_000;

/// Stage 2 in full: rule and gazetteer findings, then parties and addresses (which
/// use the country hits), merged, sorted by (start, end, rule) and numbered f1…fn.
/// Returns the findings and how many were dropped over [`MAX_FINDINGS`].
pub fn find_all(
    doc: &Extracted,
    rules: &Rules,
    lang: Option<&str>,
) -> (Vec<crate::findings::Finding>, usize) {
    let mut findings = crate::matchers::find(doc, rules, lang);
    let mentions: Vec<crate::entities::CountryMention> = findings
        .iter()
        .filter(|f| f.kind == crate::findings::FindingKind::Country)
        .filter_map(|f| {
            Some(crate::entities::CountryMention {
                start: f.start,
                end: f.end,
                code: f.value.get("code")?.as_str()?.to_string(),
            })
        })
        .collect();
    let providers: Vec<crate::entities::ProviderSeat> = findings
        .iter()
        .filter(|f| f.kind == crate::findings::FindingKind::Provider)
        .filter_map(|f| {
            Some(crate::entities::ProviderSeat {
                company: f.value.get("company")?.as_str()?.to_string(),
                jurisdiction: f.value.get("jurisdiction")?.as_str()?.to_string(),
                start: f.start,
                end: f.end,
                negated: f.value.get("negated") == Some(&true.into()),
            })
        })
        .collect();
    findings.extend(crate::entities::find_entities_with(
        doc,
        &mentions,
        &rules.entities,
        &providers,
    ));
    findings.sort_by(|a, b| (a.start, a.end, &a.rule).cmp(&(b.start, b.end, &b.rule)));
    let capped = findings.len().saturating_sub(MAX_FINDINGS);
    findings.truncate(MAX_FINDINGS);
    for (i, f) in findings.iter_mut().enumerate() {
        f.id = crate::findings::finding_id(i + 1);
    }
    (findings, capped)
}

/// Checks one file entirely in this process (no worker isolation): for tests, fuzzing and `--no-isolate`.
pub fn check_in_process(path: &Path, rules: &Rules, limits: &Limits) -> DocResult {
    let outcome = extract_file(path, limits);
    analyze_outcome(&path.display().to_string(), outcome, rules)
}

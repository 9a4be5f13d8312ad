//! One pattern hit with its evidence.

use serde::{Deserialize, Serialize};

/// What a finding is about (`findings[].kind`).
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
pub enum FindingKind {
    /// An organisation or person named as a party.
    Party,
    /// A postal address.
    Address,
    /// A country mention.
    Country,
    /// A transfer mechanism or transfer statement.
    Transfer,
    /// A named service provider.
    Provider,
    /// A place where data is stored or processed.
    Location,
    /// Tracking (pixels, analytics, fingerprinting).
    Tracking,
    /// A clause (checklist item, document-kind signal, role cue).
    Clause,
}

impl FindingKind {
    /// The stable string used in the output and in pattern files.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Party => "party",
            FindingKind::Address => "address",
            FindingKind::Country => "country",
            FindingKind::Transfer => "transfer",
            FindingKind::Provider => "provider",
            FindingKind::Location => "location",
            FindingKind::Tracking => "tracking",
            FindingKind::Clause => "clause",
        }
    }
}

/// The id of the `n`-th finding of a document: "f" and `n` in decimal ("f1", "f2", …).
///
/// Written with `itoa`: every finding gets an id (twice: `find` numbers its hits, the
/// pipeline renumbers after adding entities), and `format!` took about 600 instructions
/// for each, 2 % of `find` + `analyze` over ../shared/realworld.
pub fn finding_id(n: usize) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(n);
    let mut id = String::with_capacity(1 + digits.len());
    id.push('f');
    id.push_str(digits);
    id
}

/// One pattern hit. Offsets are bytes into the normalized (NFC) text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Finding {
    /// "f1", "f2", … assigned after sorting by (start, end, rule), so ids are deterministic.
    pub id: String,
    /// What the finding is about.
    pub kind: FindingKind,
    /// Id of the pattern or gazetteer that matched, e.g. "transfer.scc" or "country.gazetteer".
    pub rule: String,
    /// 1-based page for paged formats (PDF), null otherwise.
    pub page: Option<u32>,
    /// Start byte offset into the normalized text (inclusive).
    pub start: usize,
    /// End byte offset into the normalized text (exclusive).
    pub end: usize,
    /// The matched text; equals `normalized[start..end]`.
    pub text: String,
    /// The sentence around the match (at most about 300 bytes).
    pub context: String,
    /// Rule-specific value, e.g. `{"mechanism": "scc"}` or `{"code": "US"}`.
    pub value: serde_json::Value,
}

#[cfg(test)]
mod tests {
    use super::finding_id;

    #[test]
    fn finding_ids_are_f_and_the_decimal_number() {
        let mut ns: Vec<usize> = (0..=1200).collect();
        ns.extend([9_999, 10_000, 65_535, 1 << 32, usize::MAX - 1, usize::MAX]);
        for n in ns {
            assert_eq!(finding_id(n), format!("f{n}"));
        }
    }
}

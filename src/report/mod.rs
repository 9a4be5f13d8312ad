//! Stage 4: the result of one document ([`DocResult`], the output contract) and its renderings.

use serde::{Deserialize, Serialize};

use crate::error::{DocError, ErrorKind};
use crate::findings::Finding;

pub mod human;
pub mod schema;

/// Version of the output contract; raised only when a contract field is renamed, retyped or dropped.
pub const SCHEMA_VERSION: u32 = 1;

/// `status` of a result.
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
pub enum Status {
    /// The document was read and analysed.
    Ok,
    /// The document could not be read; see `error`.
    Error,
}

/// `kind` of a document.
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
pub enum DocKind {
    /// Data processing agreement / AVV (Art. 28 GDPR).
    Dpa,
    /// Privacy policy / notice / Datenschutzerklärung (Art. 13/14 GDPR).
    PrivacyPolicy,
    /// A list of sub-processors.
    SubprocessorList,
    /// Anything else.
    Other,
}

impl DocKind {
    /// The stable string used in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Dpa => "dpa",
            DocKind::PrivacyPolicy => "privacy_policy",
            DocKind::SubprocessorList => "subprocessor_list",
            DocKind::Other => "other",
        }
    }
}

/// `error` of a failed result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ErrorInfo {
    /// One of the contract's error kinds.
    pub kind: ErrorKind,
    /// A sentence a reviewer can read.
    pub message: String,
}

/// A postal address, parsed.
#[derive(
    Debug,
    Clone,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub struct Address {
    /// Street and number (and suite), as written.
    pub street: Option<String>,
    /// Postal code without country prefix.
    pub postcode: Option<String>,
    /// City, as written.
    pub city: Option<String>,
    /// State, province or region code/name where the format has one (e.g. "TX").
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2, upper case.
    #[schemars(regex(pattern = "^[A-Z]{2}$"))]
    pub country: Option<String>,
}

/// A named organisation (or a named person acting as DPO or representative).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Party {
    /// Name as written, with legal form.
    pub name: String,
    /// Legal form as written ("GmbH", "Inc."), if any.
    pub legal_form: Option<String>,
    /// Any of controller, processor, subprocessor, parent, representative, dpo, recipient.
    pub roles: Vec<String>,
    /// ISO 3166-1 alpha-2 of the party's seat.
    #[schemars(regex(pattern = "^[A-Z]{2}$"))]
    pub country: Option<String>,
    /// Where `country` comes from (null when there is none).
    #[serde(default)]
    pub country_source: Option<CountrySource>,
    /// The party's postal address, if found.
    pub address: Option<Address>,
    /// Ids of the findings this party rests on.
    pub evidence: Vec<String>,
    /// The sides of a transfer under standard contractual clauses the document gives the
    /// party: `exporter` (sends the data) and/or `importer` (receives it), from the list
    /// of parties of an SCC annex ("Data importer(s): 1. Name: …") or a defined term
    /// ("(the “data importer”)", "(„Datenimporteur“)"). Empty when none is stated.
    #[serde(default)]
    pub transfer_roles: Vec<TransferRole>,
    /// Whether the document names the party only as a former one: every mention stands
    /// in a list of former sub-processors ("D. Nicht mehr eingesetzte
    /// Unterauftragsverarbeiter") or after a label of what was removed ("Formerly listed
    /// (removed as of 1 January 2024): …"). No data reaches it now, so its country shows
    /// no transfer.
    #[serde(default)]
    pub former: bool,
    /// Whether the document names the party only as one it does not use: every mention
    /// is the legal entity of a provider it does not use ("weder die Microsoft
    /// Corporation … noch die Google LLC … als Unterauftragsbearbeiter eingesetzt"), no
    /// longer uses, or plans to use (a removed or planned entry is true here too, beside
    /// `former` or `planned`). No data reaches it, so its country shows no transfer.
    #[serde(default)]
    pub not_used: bool,
    /// Whether the document names the party only as one it does not use yet: every
    /// mention stands in a list of planned sub-processors ("3. Geplante
    /// Unterauftragsverarbeiter", "Upcoming Sub-processors") or announces its start ahead
    /// ("Wir werden ab dem 1. März 2026 zusätzlich die … einsetzen"). A start date that
    /// the document's own date has passed ("geplant ab 01.02.2027" in a list "Stand:
    /// 01.03.2027") makes it current. No data reaches a planned party now, so its country
    /// shows no transfer.
    #[serde(default)]
    pub planned: bool,
    /// The names the document gives as the party's earlier ones ("Sendara GmbH (vormals
    /// Mailwerk Deutschland GmbH)", "Mailwerk Deutschland GmbH (heute Sendara GmbH)"):
    /// their mentions are the party's. Empty when none.
    #[serde(default)]
    pub former_names: Vec<String>,
    /// The transfer mechanism the document's list states for the party, with its column
    /// header or label: a table row's cell under "Safeguard", "Transfer mechanism",
    /// "Garantien" …, or a labelled line of the party's entry ("Garantien: wird
    /// nachgereicht"). Null when no list states one.
    #[serde(default)]
    pub stated_mechanism: Option<StatedMechanism>,
}

/// `parties[].stated_mechanism`: what a list says about a party's transfer mechanism.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StatedMechanism {
    /// The column header or label, as written ("Safeguard").
    pub label: String,
    /// The value, as written ("EU-US Data Privacy Framework", "-").
    pub value: String,
    /// Whether the value states no mechanism: a dash, "none", "keine", "to follow",
    /// "wird nachgereicht".
    pub none: bool,
    /// Where the value stands in the text (byte offsets, like a finding's).
    #[serde(default)]
    pub start: usize,
    /// Where the value ends in the text (byte offset, exclusive).
    #[serde(default)]
    pub end: usize,
    /// The mechanisms the value names, as `transfers.mechanisms` names them ("scc",
    /// "consent"): the transfer findings inside it that are not negated, historical or
    /// hypothetical, sorted, each once.
    #[serde(default)]
    pub mechanisms: Vec<String>,
    /// The modules of the standard contractual clauses the value names ("Module 1
    /// (controller to controller)" is 1; 2 controller to processor, 3 processor to
    /// processor, 4 processor to controller), sorted, each once.
    #[serde(default)]
    pub scc_modules: Vec<u8>,
}

impl Party {
    /// Whether no data reaches the party now: it is [`former`](Self::former),
    /// [`not_used`](Self::not_used) or [`planned`](Self::planned).
    pub fn receives_nothing(&self) -> bool {
        self.former || self.not_used || self.planned
    }
}

/// `parties[].transfer_roles`: a party's side of a transfer under standard contractual
/// clauses.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TransferRole {
    /// The data exporter: sends the personal data (Clause 1 of the SCCs).
    Exporter,
    /// The data importer: receives it, typically in a third country.
    Importer,
}

/// `parties[].country_source`: what a party's country rests on, the first that gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CountrySource {
    /// The country of the party's address.
    Address,
    /// A country stated for it ("Mailjet SAS in Frankreich", a seat column of a table).
    Stated,
    /// A country its name holds ("Google Ireland Limited").
    Name,
    /// Its legal form, used in one country only ("B.V.", "Oy", "LLC").
    LegalForm,
    /// The provider gazetteer, whose legal entity it is by name ("Stripe, Inc.": US), where
    /// its legal form is used in that country.
    Provider,
    /// The introduction of the list it is a member of, stated for all members ("These
    /// subprocessors are all located in the United States:").
    List,
}

/// `countries[].status`.
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
pub enum CountryStatus {
    /// EU member state.
    Eu,
    /// EEA, not EU: Iceland, Liechtenstein, Norway.
    Eea,
    /// EU adequacy decision in force for the whole country.
    Adequate,
    /// Any other country (the United States included).
    ThirdCountry,
}

impl CountryStatus {
    /// The stable string used in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            CountryStatus::Eu => "eu",
            CountryStatus::Eea => "eea",
            CountryStatus::Adequate => "adequate",
            CountryStatus::ThirdCountry => "third_country",
        }
    }
}

/// A country the document names, with its GDPR status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CountryEntry {
    /// ISO 3166-1 alpha-2, upper case.
    #[schemars(regex(pattern = "^[A-Z]{2}$"))]
    pub code: String,
    /// GDPR status of the country.
    pub status: CountryStatus,
    /// How many findings name it (negated mentions excluded).
    pub mentions: u32,
    /// English short name.
    pub name: String,
    /// Ids of the findings naming it.
    pub evidence: Vec<String>,
}

/// Transfers out of the EU/EEA.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Transfers {
    /// True: data goes or may go to a third country; false: the document says it stays in the EU/EEA; null: silent.
    pub third_country_transfer: Option<bool>,
    /// Mechanisms the document relies on: adequacy, scc, bcr, dpf, privacy_shield, consent, derogation.
    pub mechanisms: Vec<String>,
    /// Ids of the findings that decided `third_country_transfer` and `mechanisms`.
    pub evidence: Vec<String>,
}

/// A named service provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Provider {
    /// Product or brand name, canonical.
    pub name: String,
    /// Legal entity behind the product.
    pub company: Option<String>,
    /// ISO 3166-1 alpha-2 of that entity or its ultimate parent.
    #[schemars(regex(pattern = "^[A-Z]{2}$"))]
    pub jurisdiction: Option<String>,
    /// Category: cloud, email, analytics, payment, …
    pub category: Option<String>,
    /// Ids of the findings naming it.
    pub evidence: Vec<String>,
    /// The organisations among `parties` that the document names and that belong to
    /// this provider ("Meta Platforms Ireland Limited" for Facebook, whose `company` is
    /// Meta Platforms, Inc.): a party with a legal form whose name begins with the
    /// provider's name or its company's name without the legal form. The entity the
    /// document contracts with can sit in the EU while `jurisdiction` (the parent's) is
    /// not. Empty when the document names none.
    #[serde(default)]
    pub named_entities: Vec<NamedEntity>,
    /// True when the document says the product runs on its owner's own servers ("Google
    /// Fonts (lokales Hosting)", "Die Google Fonts sind lokal installiert", "self-hosted
    /// Matomo"): no data reaches `company`, so the provider shows no transfer and no
    /// risk.
    #[serde(default)]
    pub self_hosted: bool,
}

impl Provider {
    /// The `named_entities` other than `company` itself (compared as parties are
    /// deduplicated: "Zapier Inc." is "Zapier, Inc."): the entities a reviewer would not
    /// expect from the product's name.
    pub fn other_entities(&self) -> Vec<&NamedEntity> {
        if self.named_entities.is_empty() {
            return Vec::new();
        }
        let key = |s: &str| crate::entities::party_key(s, None);
        let company = self.company.as_deref().map(key);
        self.named_entities
            .iter()
            .filter(|e| Some(key(&e.name)) != company)
            .collect()
    }
}

/// `providers[].named_entities[]`: an organisation the document names that belongs to a
/// provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NamedEntity {
    /// The party's name, as in `parties[].name`.
    pub name: String,
    /// The party's country (`parties[].country`), ISO 3166-1 alpha-2.
    #[schemars(regex(pattern = "^[A-Z]{2}$"))]
    pub country: Option<String>,
}

/// A place where data is stored or processed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Location {
    /// City, or null when only a country is named.
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2, or null when only a region such as "EU" is named.
    #[schemars(regex(pattern = "^[A-Z]{2}$"))]
    pub country: Option<String>,
    /// Ids of the findings naming it.
    pub evidence: Vec<String>,
}

/// One Art. 28 or Art. 13 requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ChecklistItem {
    /// Requirement id, e.g. "art28_3_a" or "art13_1_f".
    pub id: String,
    /// Whether the document addresses the requirement.
    pub present: bool,
    /// Ids of the findings that decided it.
    pub evidence: Vec<String>,
    /// Ids of findings that name the requirement only to rule it out ("Vor-Ort-Inspektionen
    /// … sind nicht vorgesehen"): they do not address it.
    #[serde(default)]
    pub excluded: Vec<String>,
    /// Whether the requirement asks nothing of this document, which the findings in
    /// `evidence` show: Art. 13(1)(d) (legitimate interests) of a public body's policy,
    /// whose legal bases, named by their letters of Art. 6(1), include (e) and no (f).
    /// Such an item is neither present nor missing.
    #[serde(default)]
    pub not_required: bool,
}

/// `risk.level`.
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
pub enum RiskLevel {
    /// Nothing of concern found.
    Low,
    /// Something a reviewer should look at.
    Medium,
    /// A finding that changes the legal verdict.
    High,
}

impl RiskLevel {
    /// The stable string used in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
        }
    }
}

/// One reason behind the risk level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RiskReason {
    /// Stable machine-readable code, e.g. "third_country_party".
    pub code: String,
    /// A sentence a reviewer can read.
    pub message: String,
    /// The level this reason alone leads to.
    pub level: RiskLevel,
    /// Ids of the findings behind it.
    pub evidence: Vec<String>,
}

/// The verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Risk {
    /// The highest level among the reasons; low without reasons.
    pub level: RiskLevel,
    /// Why.
    pub reasons: Vec<RiskReason>,
}

impl Default for Risk {
    fn default() -> Self {
        Risk {
            level: RiskLevel::Low,
            reasons: Vec::new(),
        }
    }
}

/// Everything the analysis derives from a document's findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Analysis {
    /// Document kind.
    pub kind: DocKind,
    /// Named parties.
    pub parties: Vec<Party>,
    /// Countries named, with status.
    pub countries: Vec<CountryEntry>,
    /// Transfers and mechanisms.
    pub transfers: Transfers,
    /// Providers named.
    pub providers: Vec<Provider>,
    /// Data locations.
    pub locations: Vec<Location>,
    /// Art. 28 / Art. 13 checklist.
    pub checklist: Vec<ChecklistItem>,
    /// The verdict.
    pub risk: Risk,
}

/// Extraction details beyond the contract.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ExtractionInfo {
    /// Engine that produced the text, e.g. "pdf-extract", "lopdf", "html".
    pub engine: String,
    /// Bytes of normalized text.
    pub text_bytes: usize,
    /// Warnings from extraction (pages that failed, caps hit, retries).
    pub warnings: Vec<String>,
}

/// One document's result: the stable output contract (schema_version 1) plus additions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DocResult {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The path as given on the command line (or joined under the scanned directory).
    pub path: String,
    /// Hex SHA-256 of the file's bytes; empty when the file could not be read.
    #[schemars(regex(pattern = "^([0-9a-f]{64})?$"))]
    pub sha256: String,
    /// ok or error.
    pub status: Status,
    /// Set when status is error.
    pub error: Option<ErrorInfo>,
    /// Detected format; null when unsupported or unreadable.
    pub format: Option<crate::extract::Format>,
    /// ISO 639-1 code, or null when unsure.
    #[schemars(regex(pattern = "^[a-z]{2}$"))]
    pub language: Option<String>,
    /// Document kind; "other" for failed documents.
    pub kind: DocKind,
    /// Number of pages for paged formats, null otherwise.
    pub pages: Option<u32>,
    /// All findings, sorted by (start, end, rule), ids f1…fn.
    pub findings: Vec<Finding>,
    /// Named parties.
    pub parties: Vec<Party>,
    /// Countries named, with status.
    pub countries: Vec<CountryEntry>,
    /// Transfers and mechanisms.
    pub transfers: Transfers,
    /// Providers named.
    pub providers: Vec<Provider>,
    /// Data locations.
    pub locations: Vec<Location>,
    /// Art. 28 / Art. 13 checklist.
    pub checklist: Vec<ChecklistItem>,
    /// The verdict.
    pub risk: Risk,
    /// Extraction details (addition to the contract).
    pub extraction: ExtractionInfo,
}

impl DocResult {
    /// A failed document: every field present, lists empty.
    pub fn failed(
        path: &str,
        sha256: &str,
        format: Option<crate::extract::Format>,
        err: &DocError,
    ) -> Self {
        DocResult {
            schema_version: SCHEMA_VERSION,
            path: path.to_string(),
            sha256: sha256.to_string(),
            status: Status::Error,
            error: Some(ErrorInfo {
                kind: err.kind,
                message: err.message.clone(),
            }),
            format,
            language: None,
            kind: DocKind::Other,
            pages: None,
            findings: Vec::new(),
            parties: Vec::new(),
            countries: Vec::new(),
            transfers: Transfers::default(),
            providers: Vec::new(),
            locations: Vec::new(),
            checklist: Vec::new(),
            risk: Risk::default(),
            extraction: ExtractionInfo::default(),
        }
    }
}

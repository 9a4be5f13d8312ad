//! Serde types of the pattern files as written (`patterns/*.toml`), kept separate
//! from the compiled form ([`super::compile`]). Unknown fields are errors, so a
//! misspelt key in a pattern file does not silently do nothing.

use serde::Deserialize;

/// One `patterns/*.toml` file: a list of `[[rule]]` tables.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternFile {
    /// The rules of the file, in file order.
    #[serde(default)]
    pub rule: Vec<RuleSyntax>,
}

/// One `[[rule]]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSyntax {
    /// Stable id `kind.name`, e.g. "transfer.scc"; it is `rule` in the output.
    pub id: String,
    /// A finding kind string ("transfer", "clause", …).
    pub kind: String,
    /// Human-readable name.
    pub name: String,
    /// Languages the rule is written for, a subset of {"de", "en"}.
    pub lang: Vec<String>,
    /// Lower-case literals; the rule's regex runs only near an occurrence of one of them.
    /// A rule without keywords runs over the whole text.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// The regex (Rust `regex` syntax). A named group `hit` narrows the finding's span;
    /// a named group `place` is resolved to a city/country/region (location rules).
    pub pattern: String,
    /// The finding's value (a TOML table, becomes a JSON object).
    #[serde(default)]
    pub value: Option<serde_json::Value>,
    /// Which flags to compute for the finding: any of the cue flags "negated",
    /// "historical", "hypothetical", "excluded" (the clause rules out the obligation
    /// the match names: an Art. 28 requirement the contract hollows out), "heading"
    /// (the match stands in a heading line: "6. Übermittlung in Drittländer" names a
    /// section's subject, it states nothing) and "definition" (the match's sentence
    /// defines a term: "“Personal Data Breach” means …" obliges nobody to anything).
    #[serde(default)]
    pub flags: Vec<String>,
    /// Phrases (lower case) that, as the last words before the word a match starts in
    /// (punctuation around words aside), make the match no finding: "auch in bezug auf
    /// die" before "Übermittlung … an ein Drittland" is Art. 28(3)(a) GDPR's instruction
    /// clause, not a statement that data goes there. The regex syntax has no look-behind.
    #[serde(default)]
    pub not_after: Vec<String>,
    /// Whether a match stays in one sentence: a match that runs over a sentence break
    /// (`SentenceIndex`: a heading's line end, a '.' before a capital) is searched again
    /// up to the break ("§ 11 Übermittlung in Drittländer außerhalb der EU⏎Der
    /// Auftragnehmer verarbeitet …" is the heading's "Übermittlung in Drittländer", not
    /// a statement that runs into the next sentence).
    #[serde(default)]
    pub one_sentence: bool,
    /// Extra, rule-specific cue words (lower case) per flag, added to the shared cue lists.
    #[serde(default)]
    pub cues: Option<RuleCues>,
    /// The id of a rule that has a match wherever this one has, from the same start (its
    /// match begins with one of that rule's): this rule is searched only at starts where
    /// that one matches. A declaration of the author, checked by the tests over the
    /// corpus and every rule's examples; it saves searches, never changes a finding.
    #[serde(default)]
    pub starts_with_match_of: Option<String>,
    /// Words that make a match more credible when near it (informational).
    #[serde(default)]
    pub context: Vec<String>,
    /// Where the rule's legal source or rationale is documented.
    #[serde(default)]
    pub references: Vec<String>,
    /// Texts the rule must match.
    #[serde(default)]
    pub examples: Vec<Example>,
    /// Texts the rule must not match (or must match only with the given flags).
    #[serde(default)]
    pub negative_examples: Vec<Example>,
}

/// Rule-specific cue words (lower case), scanned like the shared cues of `patterns/cues.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleCues {
    /// Extra negation cues before the match.
    #[serde(default)]
    pub negated: Vec<String>,
    /// Extra negation cues after the match, to the end of the sentence: a condition
    /// that bans what the match states without it ("Any transfer to a third country
    /// shall require the prior consent of the Client").
    #[serde(default)]
    pub negated_after: Vec<String>,
    /// Extra negation cues inside the match, where the regex lets words stand between
    /// its verb and its object ("übermittelt keine Daten in die USA"): the regex syntax has
    /// no look-ahead to keep them out. Not where a cue of `not_negating` holds them
    /// ("Unternehmen mit Sitz in nicht sicheren Drittstaaten").
    #[serde(default)]
    pub negated_inside: Vec<String>,
    /// Extra history cues anywhere in the sentence.
    #[serde(default)]
    pub historical: Vec<String>,
    /// Extra hypothesis cues before the match.
    #[serde(default)]
    pub hypothetical: Vec<String>,
    /// Extra hypothesis cues after the match, to the end of the sentence: an exception
    /// that makes a statement conditional ("… outside the EEA unless …").
    #[serde(default)]
    pub hypothetical_after: Vec<String>,
    /// Extra hypothesis cues in the sentence right after the match's: a note that limits
    /// a promise to some data ("Dieses Versprechen bezieht sich ausschließlich auf die
    /// Daten innerhalb der Plattform").
    #[serde(default)]
    pub hypothetical_next: Vec<String>,
    /// Extra hypothesis cues inside the match: words that make a statement one about the
    /// rest, after exceptions named before it ("There are no other transfers to countries
    /// outside the EU/EEA").
    #[serde(default)]
    pub hypothetical_inside: Vec<String>,
}

/// An example text: a bare string, or a table with the expected hit and flags.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Example {
    /// Just the text.
    Text(String),
    /// The text with expectations.
    Table(ExampleTable),
}

/// The table form of an example.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleTable {
    /// The example text.
    pub text: String,
    /// The exact text the finding must cover.
    #[serde(default)]
    pub hit: Option<String>,
    /// Expected `negated` flag of the finding.
    #[serde(default)]
    pub negated: Option<bool>,
    /// Expected `historical` flag of the finding.
    #[serde(default)]
    pub historical: Option<bool>,
    /// Expected `hypothetical` flag of the finding.
    #[serde(default)]
    pub hypothetical: Option<bool>,
    /// Expected `heading` flag of the finding.
    #[serde(default)]
    pub heading: Option<bool>,
    /// Expected `excluded` flag of the finding.
    #[serde(default)]
    pub excluded: Option<bool>,
    /// Expected `definition` flag of the finding.
    #[serde(default)]
    pub definition: Option<bool>,
}

impl Example {
    /// The example as a table (a bare string has no expectations).
    pub fn to_table(&self) -> ExampleTable {
        match self {
            Example::Text(t) => ExampleTable {
                text: t.clone(),
                ..ExampleTable::default()
            },
            Example::Table(t) => t.clone(),
        }
    }
}

/// The shared cue lists (`patterns/cues.toml`) for negation, history and hypothesis detection.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CuesSyntax {
    /// Negation cues.
    pub negation: CueLists,
    /// History cues.
    pub historical: CueLists,
    /// Hypothesis cues.
    pub hypothetical: CueLists,
    /// Exclusion cues: a clause that rules out the obligation its match names
    /// ("Vor-Ort-Inspektionen … sind nicht vorgesehen", "Customer shall have no right to
    /// audits"), for rules with the flag "excluded".
    #[serde(default)]
    pub exclusion: CueLists,
    /// Words that end the clause a "before" cue may come from ("but", "aber", "sondern").
    #[serde(default)]
    pub clause_breaks: Vec<String>,
    /// Words that open a fronted condition ("where", "soweit"): a negation between one at
    /// a clause's start and the comma that closes it negates nothing after that comma.
    #[serde(default)]
    pub condition_openers: Vec<String>,
    /// Words that make a sentence a transfer sentence, required for a negated country mention.
    #[serde(default)]
    pub transfer_words: Vec<String>,
    /// Phrases in which a negation word negates something else than the transfer
    /// ("countries which do not ensure an adequate level of protection").
    #[serde(default)]
    pub not_negating: Vec<String>,
}

/// Cue words (lower case) for one flag.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueLists {
    /// Cues that count when they come before the match, in the same clause.
    #[serde(default)]
    pub before: Vec<String>,
    /// Cues that count when they come right after the match, in the same sentence.
    #[serde(default)]
    pub after: Vec<String>,
}

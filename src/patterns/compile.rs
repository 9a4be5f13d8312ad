//! Compiles pattern files and gazetteers into [`Rules`], once per process.
//!
//! Every error names the file and, for rules, the rule id, e.g.
//! `patterns/transfer.toml: rule transfer.scc: regex parse error: …`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use anyhow::{anyhow, bail, Context};
use regex_automata::util::captures::Captures;
use regex_automata::{meta, Anchored, Input, Match};

use super::csv;
use super::syntax::{CuesSyntax, ExampleTable, PatternFile, RuleSyntax};
use crate::findings::FindingKind;
use crate::matchers::text::lower_preserving;
use crate::report::CountryStatus;

/// Default number of bytes around a keyword occurrence in which the rule's regex is run.
pub const KEYWORD_WINDOW: usize = 400;

/// Most bytes of lazy-DFA states one rule's regex keeps per thread (regex-automata's
/// default is 2 MiB).
///
/// Rules with long gaps (`[^.;]{0,200}?`) build many states; at 2 MiB some of them filled
/// their cache on real documents and rebuilt it again and again. At 4 MiB none does:
/// callgrind over `../shared/realworld` (`docs_throughput --passes 1` and `3`) counts 214 M
/// instructions per warm pass at 2 MiB and 147 M at 4, 8, 16 and 32 MiB alike. A cache
/// grows only as states are built, so rules that need little keep little.
pub const RULE_DFA_CACHE_BYTES: usize = 4 << 20;

/// All compiled rules and gazetteers, built once per process and shared (read-only) by all threads.
#[derive(Debug)]
pub struct Rules {
    /// Regex rules in load order (files sorted by name, rules in file order).
    pub rules: Vec<CompiledRule>,
    /// One automaton over the rules' keywords and required prefixes (pattern ids below
    /// `keyword_patterns`, sorted), the gazetteer's terms (pattern id
    /// `keyword_patterns + i` is term `i` of [`Gazetteer::words`]) and the cue words
    /// (from `cue_patterns`: the words of [`Cues::combined`], then the transfer words),
    /// for one overlapping pass over the lower-cased text
    /// ([`KeywordAutomaton::overlapping`]).
    ///
    /// [`KeywordAutomaton::overlapping`]: crate::matchers::keywords::KeywordAutomaton::overlapping
    pub keyword_automaton: crate::matchers::keywords::KeywordAutomaton,
    /// The number of keyword and prefix patterns of `keyword_automaton` (they come first).
    pub keyword_patterns: usize,
    /// The pattern id of `keyword_automaton` of the first word of [`CueSet::words`];
    /// the transfer words ([`CueLists::transfer_words`]) follow those.
    pub cue_patterns: usize,
    /// For each keyword pattern id of `keyword_automaton`: the rules (indices into
    /// `rules`) it is a keyword of.
    pub keyword_rules: IdLists,
    /// For each rule (index into `rules`): the pattern ids of `keyword_automaton` that
    /// are its required prefixes ([`CompiledRule::prefixes`]).
    pub rule_prefixes: IdLists,
    /// Rules without keywords: they run over the whole text.
    pub always: Vec<usize>,
    /// Countries (ISO 3166-1), sorted by code.
    pub countries: Vec<Country>,
    /// EU adequacy decisions.
    pub adequacy: Vec<Adequacy>,
    /// Service providers.
    pub providers: Vec<ProviderEntry>,
    /// Cloud regions (provider, code, city, country).
    pub regions: Vec<Region>,
    /// Countries, stop terms, providers and regions, matched in the pass of
    /// `keyword_automaton`.
    pub gazetteer: Gazetteer,
    /// Place names (lower case) → where they are; for `place` groups of location rules.
    pub places: HashMap<String, Place>,
    /// Negation / history / hypothesis cues.
    pub cues: Cues,
    /// Names of the files the rules were loaded from, sorted.
    pub files: Vec<String>,
    /// Legal forms, regions, cities and street words for parties and addresses.
    pub entities: crate::entities::EntityData,
}

/// One list of ids (rule indices, pattern ids) per index, stored in one array: the
/// automaton pass looks one up for every match it reports.
#[derive(Debug, Clone, Default)]
pub struct IdLists {
    /// `ids[ends[p - 1]..ends[p]]` are the ids of index `p`.
    ends: Vec<u32>,
    /// The ids of all lists.
    ids: Vec<u32>,
}

impl IdLists {
    /// Stores `lists` (index `p` gets `lists[p]`).
    pub fn new(lists: &[Vec<usize>]) -> Self {
        let mut out = IdLists::default();
        for l in lists {
            out.ids.extend(l.iter().map(|&i| i as u32));
            out.ends.push(out.ids.len() as u32);
        }
        out
    }

    /// The ids of index `p` (empty for an unknown index).
    pub fn get(&self, p: usize) -> &[u32] {
        let end = self.ends.get(p).map_or(0, |&e| e as usize);
        let start = match p.checked_sub(1) {
            Some(q) => self.ends.get(q).map_or(end, |&e| e as usize),
            None => 0,
        };
        self.ids.get(start..end).unwrap_or_default()
    }
}

/// One compiled regex rule.
#[derive(Debug)]
pub struct CompiledRule {
    /// Stable id, e.g. "transfer.scc".
    pub id: String,
    /// Finding kind.
    pub kind: FindingKind,
    /// Human-readable name.
    pub name: String,
    /// Languages the rule is written for.
    pub lang: Vec<String>,
    /// Lower-case keywords (prefilter).
    pub keywords: Vec<String>,
    /// Lower-case strings every match starts with (in the lower-cased text), for
    /// anchored searches; empty when none is known ([`super::prefix`]).
    pub prefixes: Vec<String>,
    /// The pattern as compiled (after [`prepare_pattern`]); its syntax is checked at load.
    pub pattern: String,
    /// The regex, compiled on first use (see [`CompiledRule::regex`]).
    compiled: OnceLock<Result<RuleRegex, String>>,
    /// The value template (a JSON object).
    pub value: serde_json::Map<String, serde_json::Value>,
    /// Which flags are computed.
    pub flags: Flags,
    /// Rule-specific extra cues.
    pub extra_cues: RuleCueWords,
    /// Phrases, as words, that make a match right after them no finding
    /// (`not_after` in the pattern file; see [`crate::matchers::text::ends_with_words`]).
    pub not_after: Vec<Vec<String>>,
    /// Whether a match stays in one sentence (`one_sentence` in the pattern file): one
    /// that runs over a sentence break is searched again up to the break.
    pub one_sentence: bool,
    /// The rule (index into [`Rules::rules`]) that has a match wherever this one has,
    /// from the same start: anchored searches of this rule are made only where that one
    /// matches (`starts_with_match_of` in the pattern file; resolved at load).
    pub starts_with: Option<usize>,
    /// Whether other rules start with this one's matches ([`CompiledRule::starts_with`]).
    pub is_start_of_others: bool,
    /// Words that make a match more credible (informational).
    pub context: Vec<String>,
    /// Sources.
    pub references: Vec<String>,
    /// Examples that must match.
    pub examples: Vec<ExampleTable>,
    /// Examples that must not match (or only with the given flags).
    pub negative_examples: Vec<ExampleTable>,
    /// File the rule came from, e.g. "transfer.toml".
    pub file: String,
}

/// The strings every match of a rule contains ([`RuleRegex::inner`]).
#[derive(Debug)]
pub struct InnerLiterals {
    /// The lower-case strings.
    pub words: Vec<String>,
    /// Overlapping-capable automaton over `words` (in the lower-cased text).
    pub ac: aho_corasick::AhoCorasick,
}

impl InnerLiterals {
    /// Builds the automaton over `words`: leftmost-first, so that a search skips ahead
    /// with a vectorized prefilter for the few strings of a rule.
    pub fn new(words: Vec<String>) -> anyhow::Result<Self> {
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(&words)
            .context("building a rule's inner-literal automaton")?;
        Ok(InnerLiterals { words, ac })
    }

    /// Whether a word lies wholly in `low[a..z]`.
    pub fn any_in(&self, low: &str, a: usize, z: usize) -> bool {
        low.as_bytes()
            .get(a..z)
            .is_some_and(|h| self.ac.is_match(h))
    }

    /// A bound on where the last word that lies wholly in `low[a..z]` starts: `None` when
    /// none does, else at least its start (within one word of it).
    ///
    /// One non-overlapping pass: after the last match found, no word starts at or after
    /// its end (the search went on from there), and a word that overlaps it starts before
    /// its end. So the last match's end - 1 bounds every start. An overlapping pass finds
    /// the exact start but cannot skip ahead: over ../shared/realworld it took 48 M
    /// instructions in three passes of `docs_throughput`, this one 15 M.
    pub fn last_start_bound(&self, low: &str, a: usize, z: usize) -> Option<usize> {
        let hay = low.as_bytes().get(a..z)?;
        let last = self.ac.find_iter(hay).last()?;
        Some(a + last.end() - 1)
    }
}

/// A rule's compiled regex with the indices of its named groups.
#[derive(Debug)]
pub struct RuleRegex {
    /// Searched first: the rule's regex, or its relaxed form when it has a long gap
    /// ([`super::relax`]); a relaxed regex whose alternatives allow gaps of different
    /// lengths has a pattern per alternative ([`super::relax::alternatives`]).
    first: meta::Regex,
    /// Per pattern of `first`: a match of it at most this many bytes long is the rule's
    /// match (`usize::MAX` when the pattern has no relaxed gap).
    pub within: Vec<usize>,
    /// The rule's regex when `first` is relaxed, built the first time a longer match needs
    /// it (with a long gap its automaton takes the most time to build).
    exact: OnceLock<Result<meta::Regex, String>>,
    /// The pattern, for `exact`.
    pattern: String,
    /// Where the rule comes from ("patterns/FILE: rule ID"), for `exact`'s error.
    origin: String,
    /// Whether the pattern has a `hit` group.
    pub has_hit: bool,
    /// Whether the pattern has a `place` group.
    pub has_place: bool,
    /// Whether the pattern has an `item` group (its text fills `{item}` in the rule's
    /// value).
    pub has_item: bool,
    /// Lower-case strings every match contains past its prefix word, with an automaton
    /// over them: an anchored search at `at` is spared when none occurs between `at` and
    /// the window's end ([`super::prefix::required_inner`]); `None` when none is known or
    /// the rule has no prefixes. Read off the syntax tree with the regex, on first use:
    /// at load it cost 15 % of a one-page `check`.
    pub inner: Option<InnerLiterals>,
}

impl RuleRegex {
    /// Whether a match's groups are read (`hit`, `place` or `item`).
    pub fn has_groups(&self) -> bool {
        self.has_hit || self.has_place || self.has_item
    }

    /// Whether the first search is relaxed.
    pub fn is_relaxed(&self) -> bool {
        self.within.iter().any(|&w| w != usize::MAX)
    }

    /// The bound of `m`, a match of `first`: see `within`.
    fn within_of(&self, m: &Match) -> usize {
        self.within
            .get(m.pattern().as_usize())
            .copied()
            .unwrap_or(0)
    }

    /// The regex searched first (relaxed or not: see [`RuleRegex::is_relaxed`]).
    pub fn first(&self) -> &meta::Regex {
        &self.first
    }

    /// The rule's own regex; built on first use when the first search is relaxed, `Err`
    /// when it cannot be built (reported once on stderr).
    pub fn exact(&self) -> Result<&meta::Regex, &str> {
        if !self.is_relaxed() {
            return Ok(&self.first);
        }
        self.exact
            .get_or_init(|| {
                build_meta(&[&self.pattern]).inspect_err(|e| {
                    eprintln!(
                        "dpascan: {}: {e} (matches longer than {} bytes are not found)",
                        self.origin,
                        self.within.iter().min().copied().unwrap_or(0)
                    )
                })
            })
            .as_ref()
            .map_err(String::as_str)
    }

    /// Capture slots for [`RuleRegex::groups`]: for the first regex, and for the rule's own
    /// when that is another (a relaxed regex split by alternatives numbers its groups
    /// per alternative).
    pub fn create_captures(&self) -> GroupSlots {
        GroupSlots {
            first: self.first.create_captures(),
            exact: None,
        }
    }

    /// The rule's leftmost-first match in `input`: the same as the rule's own regex
    /// finds, searched with the relaxed regex first ([`super::relax`]).
    pub fn find(&self, input: &Input) -> Option<Match> {
        let m = self.first.search(input)?;
        if m.len() <= self.within_of(&m) {
            return Some(m);
        }
        let rest = input.clone().span(m.start()..input.end());
        self.exact().ok()?.search(&rest)
    }

    /// The groups of `m`, a match that [`RuleRegex::find`] found in `input`, in `slots`;
    /// returns the captures holding them (read them by name: `hit`, `place`).
    ///
    /// Read by the relaxed regex when `m` is within its pattern's bound: in `m`'s span
    /// every path of it is that short, so a path of the rule's regex, and the first of
    /// them is `m`'s. Else by the rule's regex.
    pub fn groups<'c>(&self, input: &Input, m: Match, slots: &'c mut GroupSlots) -> &'c Captures {
        let span = input.clone().span(m.range()).anchored(Anchored::Yes);
        if m.len() <= self.within_of(&m) {
            let caps = &mut slots.first;
            let pid = self.first.search_slots(&span, caps.slots_mut());
            caps.set_pattern(pid);
            return caps;
        }
        let Ok(re) = self.exact() else {
            slots.first.set_pattern(None);
            return &slots.first;
        };
        let caps = slots.exact.get_or_insert_with(|| re.create_captures());
        let pid = re.search_slots(&span, caps.slots_mut());
        caps.set_pattern(pid);
        caps
    }
}

/// Capture slots of a [`RuleRegex`]'s two regexes ([`RuleRegex::create_captures`]).
#[derive(Debug, Clone)]
pub struct GroupSlots {
    first: Captures,
    exact: Option<Captures>,
}

impl CompiledRule {
    /// Whether the rule's regex has been built (or failed to build) already.
    pub fn is_built(&self) -> bool {
        self.compiled.get().is_some()
    }

    /// The rule's regex, compiled the first time a document needs it (a rule whose
    /// keywords never occur costs nothing; threads compile different rules in parallel).
    /// `None` when the regex cannot be built although its syntax is valid (e.g. it exceeds
    /// the size limit): the rule then finds nothing, and this is reported once on stderr
    /// and by `dpascan patterns check` ([`Rules::build_all`]).
    pub fn regex(&self) -> Option<&RuleRegex> {
        self.compiled
            .get_or_init(|| {
                build_regex(self).inspect_err(|e| {
                    eprintln!(
                        "dpascan: patterns/{}: rule {}: {e} (the rule is skipped)",
                        self.file, self.id
                    )
                })
            })
            .as_ref()
            .ok()
    }
}

impl Rules {
    /// Compiles every rule's regex now (the rule's own too where the first search is
    /// relaxed); returns `rule id: error` for each that fails.
    pub fn build_all(&self) -> Vec<String> {
        self.rules
            .iter()
            .filter_map(|r| {
                let error = match r.compiled.get_or_init(|| build_regex(r)) {
                    Err(e) => e.as_str(),
                    Ok(re) => re.exact().err()?,
                };
                Some(format!("{}: {error}", r.id))
            })
            .collect()
    }
}

/// Compiles prepared patterns (one, or one per alternative) with the rules'
/// configuration.
fn build_meta<P: AsRef<str>>(patterns: &[P]) -> Result<meta::Regex, String> {
    meta::Regex::builder()
        .configure(meta::Config::new().hybrid_cache_capacity(RULE_DFA_CACHE_BYTES))
        .build_many(patterns)
        .map_err(|e| match e.syntax_error() {
            Some(syntax) => syntax.to_string(),
            None => format!("regex build error: {e}"),
        })
}

/// Compiles a rule's prepared pattern (relaxed, when it has a long gap), finds its `hit`
/// and `place` groups and, when the rule has prefixes, its inner strings.
///
/// A relaxed pattern whose alternatives have different bounds (or some none) is split by
/// alternatives ([`super::relax::alternatives`]), each relaxed on its own.
fn build_regex(rule: &CompiledRule) -> Result<RuleRegex, String> {
    use super::relax::{alternatives, print, relax};
    let pattern = rule.pattern.as_str();
    let with_inner = !rule.prefixes.is_empty();
    let ast = regex_syntax::ast::parse::Parser::new()
        .parse(pattern)
        .map_err(|e| e.to_string())?;
    let relaxed = |a: &regex_syntax::ast::Ast| match relax(a) {
        Some((r, within)) => (print(&r), within),
        None => (print(a), usize::MAX),
    };
    let (first, within) = match relax(&ast) {
        None => (build_meta(&[pattern])?, vec![usize::MAX]),
        Some((whole, within)) => {
            let parts: Vec<(String, usize)> = alternatives(&ast)
                .map(|alts| alts.iter().map(relaxed).collect())
                .filter(|parts: &Vec<(String, usize)>| parts.iter().any(|p| p.1 != within))
                .unwrap_or_else(|| vec![(print(&whole), within)]);
            let patterns: Vec<&str> = parts.iter().map(|p| p.0.as_str()).collect();
            (build_meta(&patterns)?, parts.iter().map(|p| p.1).collect())
        }
    };
    let named = |name| {
        (0..first.pattern_len()).any(|p| {
            regex_automata::PatternID::new(p)
                .is_ok_and(|pid| first.group_info().to_index(pid, name).is_some())
        })
    };
    let inner = if with_inner {
        super::prefix::required_inner(&ast)
            .map(InnerLiterals::new)
            .transpose()
            .map_err(|e| format!("{e:#}"))?
    } else {
        None
    };
    Ok(RuleRegex {
        has_hit: named("hit"),
        has_place: named("place"),
        has_item: named("item"),
        first,
        within,
        exact: OnceLock::new(),
        pattern: pattern.to_string(),
        origin: format!("patterns/{}: rule {}", rule.file, rule.id),
        inner,
    })
}

/// Which cue flags a rule computes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    /// Compute `negated`.
    pub negated: bool,
    /// Compute `historical`.
    pub historical: bool,
    /// Compute `hypothetical`.
    pub hypothetical: bool,
    /// Compute `heading` ([`crate::matchers::text::in_heading`]).
    pub heading: bool,
    /// Compute `excluded` ([`CueLists::exclusion_before`], [`CueLists::exclusion_after`]).
    pub excluded: bool,
    /// Compute `definition` ([`crate::matchers::text::is_definition`] of the match's
    /// sentence).
    pub definition: bool,
}

/// Rule-specific extra cue words (lower case).
#[derive(Debug, Clone, Default)]
pub struct RuleCueWords {
    /// Extra negation cues (before the match).
    pub negated: Vec<String>,
    /// Extra negation cues after the match (to the end of its sentence's after window).
    pub negated_after: Vec<String>,
    /// Extra negation cues inside the match (between the words its regex lets stand
    /// between a verb and its object).
    pub negated_inside: Vec<String>,
    /// Extra history cues (anywhere in the sentence).
    pub historical: Vec<String>,
    /// Extra hypothesis cues (before the match).
    pub hypothetical: Vec<String>,
    /// Extra hypothesis cues after the match (to the end of its sentence's after window).
    pub hypothetical_after: Vec<String>,
    /// Extra hypothesis cues in the sentence right after the match's (a note limiting a
    /// promise's scope).
    pub hypothetical_next: Vec<String>,
    /// Extra hypothesis cues inside the match (a statement about the rest: "no other").
    pub hypothetical_inside: Vec<String>,
}

/// Shared cue lists, and one automaton over all of them.
#[derive(Debug, Clone)]
pub struct Cues {
    /// The lists.
    pub lists: CueLists,
    /// All lists in one automaton (their words are also patterns of
    /// [`Rules::keyword_automaton`]).
    pub combined: CueSet,
}

impl Cues {
    /// The cues of `lists` (lower case, checked by the loader), with their combined
    /// automaton.
    pub fn new(lists: CueLists) -> anyhow::Result<Cues> {
        let mut index: BTreeMap<&str, u16> = BTreeMap::new();
        for (words, bit) in lists.combined() {
            for w in words {
                *index.entry(w.as_str()).or_default() |= bit;
            }
        }
        let words: Vec<String> = index.keys().map(|w| w.to_string()).collect();
        // The words are also patterns of the keyword automaton, whose pass finds them for
        // a document's scan; this automaton finds them for a scan without that pass
        // (`CueOccurrences::scan`). A DFA: the crate would pick a slower NFA for this
        // many words.
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&words)
            .context("building the combined cue automaton")?;
        let combined = CueSet {
            ac,
            words,
            lists: index.into_values().collect(),
        };
        Ok(Cues { lists, combined })
    }
}

/// The words of all cue lists (except the transfer words) in one overlapping automaton,
/// each with the lists it is on.
#[derive(Debug, Clone)]
pub struct CueSet {
    /// Standard (overlapping-capable) automaton over `words`; pattern id = index into `words`.
    pub ac: AhoCorasick,
    /// The distinct words, lower case.
    pub words: Vec<String>,
    /// For each word: the lists it is on (the `CueSet::*` bits).
    pub lists: Vec<u16>,
}

impl CueSet {
    /// On [`CueLists::negation_before`].
    pub const NEGATION_BEFORE: u16 = 1;
    /// On [`CueLists::negation_after`].
    pub const NEGATION_AFTER: u16 = 1 << 1;
    /// On [`CueLists::historical_before`].
    pub const HISTORICAL_BEFORE: u16 = 1 << 2;
    /// On [`CueLists::historical_after`].
    pub const HISTORICAL_AFTER: u16 = 1 << 3;
    /// On [`CueLists::hypothetical_before`].
    pub const HYPOTHETICAL_BEFORE: u16 = 1 << 4;
    /// On [`CueLists::hypothetical_after`].
    pub const HYPOTHETICAL_AFTER: u16 = 1 << 5;
    /// On [`CueLists::not_negating`].
    pub const NOT_NEGATING: u16 = 1 << 6;
    /// On [`CueLists::clause_breaks`].
    pub const CLAUSE_BREAK: u16 = 1 << 7;
    /// On [`CueLists::condition_openers`].
    pub const CONDITION_OPENER: u16 = 1 << 8;
    /// On [`CueLists::exclusion_before`].
    pub const EXCLUSION_BEFORE: u16 = 1 << 9;
    /// On [`CueLists::exclusion_after`].
    pub const EXCLUSION_AFTER: u16 = 1 << 10;
    /// On [`CueLists::change_log_titles`].
    pub const CHANGE_LOG_TITLE: u16 = 1 << 11;
    /// On [`CueLists::switched_off`].
    pub const SWITCHED_OFF: u16 = 1 << 12;
}

/// Shared cue lists, lower case. All but the transfer words are searched through
/// [`Cues::combined`].
#[derive(Debug, Clone)]
pub struct CueLists {
    /// Negation cues before the match (same clause).
    pub negation_before: Vec<String>,
    /// Negation cues after the match (same sentence, near).
    pub negation_after: Vec<String>,
    /// History cues before the match.
    pub historical_before: Vec<String>,
    /// History cues after the match.
    pub historical_after: Vec<String>,
    /// Hypothesis cues before the match.
    pub hypothetical_before: Vec<String>,
    /// Hypothesis cues after the match.
    pub hypothetical_after: Vec<String>,
    /// Phrases whose negation word does not negate the match.
    pub not_negating: Vec<String>,
    /// Words that end the clause a "before" cue may come from.
    pub clause_breaks: Vec<String>,
    /// Words that open a fronted condition ("Where …, we …"): a negation inside it is its
    /// own, not the main clause's.
    pub condition_openers: Vec<String>,
    /// Exclusion cues before the match (same clause): "no right to" audits.
    pub exclusion_before: Vec<String>,
    /// Exclusion cues after the match (same sentence, near): inspections "sind nicht
    /// vorgesehen".
    pub exclusion_after: Vec<String>,
    /// Titles of a change log ([`crate::matchers::text::CHANGE_LOG_TITLES`]) and cells of
    /// its header row ([`crate::matchers::text::LOG_HEADER_CUES`]): whether a document has
    /// one is read from the keyword pass.
    pub change_log_titles: Vec<String>,
    /// Phrases that say a feature is switched off or not booked
    /// ([`crate::matchers::provider::SWITCHED_OFF`]): whether one stands near a provider
    /// is read from the keyword pass.
    pub switched_off: Vec<String>,
    /// Words that make a sentence a transfer sentence (prefixes), with their automaton.
    pub transfer_words: CueList,
}

impl CueLists {
    /// The lists of [`Cues::combined`], each with its bit.
    pub fn combined(&self) -> [(&[String], u16); 13] {
        [
            (&self.negation_before, CueSet::NEGATION_BEFORE),
            (&self.negation_after, CueSet::NEGATION_AFTER),
            (&self.historical_before, CueSet::HISTORICAL_BEFORE),
            (&self.historical_after, CueSet::HISTORICAL_AFTER),
            (&self.hypothetical_before, CueSet::HYPOTHETICAL_BEFORE),
            (&self.hypothetical_after, CueSet::HYPOTHETICAL_AFTER),
            (&self.not_negating, CueSet::NOT_NEGATING),
            (&self.clause_breaks, CueSet::CLAUSE_BREAK),
            (&self.condition_openers, CueSet::CONDITION_OPENER),
            (&self.exclusion_before, CueSet::EXCLUSION_BEFORE),
            (&self.exclusion_after, CueSet::EXCLUSION_AFTER),
            (&self.change_log_titles, CueSet::CHANGE_LOG_TITLE),
            (&self.switched_off, CueSet::SWITCHED_OFF),
        ]
    }
}

/// A list of lower-case cue words with an overlapping automaton over them.
#[derive(Debug, Clone)]
pub struct CueList {
    /// The words, lower case.
    pub words: Vec<String>,
    /// Standard (overlapping-capable) automaton over `words`; pattern id = index into `words`.
    pub ac: AhoCorasick,
}

impl CueList {
    /// Builds the list; words must be lower case and non-empty.
    pub fn new(words: Vec<String>) -> anyhow::Result<CueList> {
        check_cue_words(&words)?;
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&words)
            .context("building a cue automaton")?;
        Ok(CueList { words, ac })
    }
}

/// Cue words must be non-empty and lower case.
fn check_cue_words(words: &[String]) -> anyhow::Result<()> {
    match words
        .iter()
        .find(|w| w.is_empty() || **w != lower_preserving(w))
    {
        Some(w) => bail!("cue {w:?} must be non-empty and lower case"),
        None => Ok(()),
    }
}

/// One country of `countries.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2, upper case.
    pub code: String,
    /// English short name.
    pub name_en: String,
    /// German name.
    pub name_de: String,
    /// Other names (official names, abbreviations, variants).
    pub variants: Vec<String>,
    /// Adjectives (English capitalised, German lower case).
    pub adjectives: Vec<String>,
    /// GDPR status, computed from the EU/EEA lists and `adequacy.csv`.
    pub status: CountryStatus,
}

/// One adequacy decision of `adequacy.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adequacy {
    /// ISO 3166-1 alpha-2.
    pub code: String,
    /// Date of the decision, ISO 8601.
    pub date: String,
    /// Official reference, e.g. "2000/518/EC".
    pub reference: String,
    /// "whole" (the country is adequate) or "partial" (e.g. certified organisations only).
    pub scope: String,
    /// What the decision covers, e.g. "EU-U.S. Data Privacy Framework (certified
    /// organisations only)".
    pub note: String,
}

/// How a gazetteer term must be written in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseRule {
    /// Any case.
    Insensitive,
    /// The first letter must be upper case in the text (proper nouns: "Turkey", not "turkey").
    Capitalized,
    /// Exactly as written (short all-caps forms like "US", "UK"; ambiguous brand names).
    Exact,
    /// Exactly as written and not the first word of a sentence ("Front", "Adjust").
    ExactNotSentenceStart,
}

/// One provider of `providers.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderEntry {
    /// Canonical product or brand name.
    pub name: String,
    /// All names searched (the canonical name included).
    pub aliases: Vec<String>,
    /// Legal entity.
    pub company: String,
    /// ISO 3166-1 alpha-2 of the entity or its ultimate parent.
    pub jurisdiction: String,
    /// Category, e.g. "cloud", "email", "analytics".
    pub category: String,
    /// 0 = automatic, 1 = exact case, 2 = exact case and not at a sentence start.
    pub case_sensitive: u8,
}

/// One cloud region of `regions.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// Cloud ("AWS", "GCP", "Azure", …).
    pub provider: String,
    /// Region code as written, e.g. "eu-central-1".
    pub code: String,
    /// City (or area) of the region.
    pub city: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

/// A resolved place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// City, canonical.
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// "EU" or "EEA".
    pub region: Option<String>,
}

/// What a gazetteer term stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A country (index into `countries`) as a name, an adjective or a code.
    Country(usize, CountryForm),
    /// A stop term: a longer phrase containing a country name that is not a country ("New Jersey").
    Stop,
    /// A provider (index into `providers`).
    Provider(usize),
    /// A cloud region (index into `regions`).
    Region(usize),
}

/// How a country is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountryForm {
    /// A name or variant ("Germany", "Vereinigte Staaten").
    Name,
    /// An adjective ("irisch", "American").
    Adjective,
    /// A code-like abbreviation ("US", "UK", "USA").
    Code,
}

/// One gazetteer term as written in a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// What it stands for.
    pub target: Target,
    /// The term as written in the data file.
    pub written: String,
    /// How it must be written in the text.
    pub case: CaseRule,
}

/// The gazetteer terms, matched in the pass of [`Rules::keyword_automaton`].
#[derive(Debug)]
pub struct Gazetteer {
    /// The distinct lower-cased terms, sorted.
    pub words: Vec<String>,
    /// For each of `words`: the terms with that lower-cased form, in priority order.
    pub terms: Vec<Vec<Term>>,
}

/// EU member states (27).
pub const EU27: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// EEA members outside the EU.
pub const EEA_NON_EU: [&str; 3] = ["IS", "LI", "NO"];

/// The finding kind named by `s` (the strings of [`FindingKind::as_str`]).
pub fn parse_kind(s: &str) -> Option<FindingKind> {
    use FindingKind::*;
    [
        Party, Address, Country, Transfer, Provider, Location, Tracking, Clause,
    ]
    .into_iter()
    .find(|k| k.as_str() == s)
}

/// Whether `id` matches `^[a-z]+(\.[a-z0-9_]+)+$`.
pub fn valid_id(id: &str) -> bool {
    let mut parts = id.split('.');
    let Some(head) = parts.next() else {
        return false;
    };
    if head.is_empty() || !head.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let mut n = 0;
    for p in parts {
        if p.is_empty()
            || !p
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return false;
        }
        n += 1;
    }
    n >= 1
}

/// Compiles the contents of a `patterns/` directory: `files` maps file name → text.
pub fn compile(files: &BTreeMap<String, String>) -> anyhow::Result<Rules> {
    let mut rules = Vec::new();
    // Per rule, the id its `starts_with_match_of` names, resolved once all rules are in.
    let mut starts_with_ids: Vec<Option<String>> = Vec::new();
    let mut cues_syntax: Option<CuesSyntax> = None;
    for (name, text) in files {
        let shown = format!("patterns/{name}");
        if name == "cues.toml" {
            let c: CuesSyntax =
                toml::from_str(text).with_context(|| format!("{shown}: invalid cue file"))?;
            cues_syntax = Some(c);
        } else if name.ends_with(".toml") {
            let file: PatternFile =
                toml::from_str(text).with_context(|| format!("{shown}: invalid pattern file"))?;
            for r in file.rule {
                let id = r.id.clone();
                starts_with_ids.push(r.starts_with_match_of.clone());
                let c = compile_rule(r, name).with_context(|| format!("{shown}: rule {id}"))?;
                rules.push(c);
            }
        }
    }
    let mut seen = BTreeSet::new();
    for r in &rules {
        if !seen.insert(r.id.clone()) {
            bail!("patterns/{}: rule {}: duplicate rule id", r.file, r.id);
        }
    }
    let index: HashMap<String, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    for (i, other) in starts_with_ids.iter().enumerate() {
        let Some(other) = other else {
            continue;
        };
        let r = &rules[i];
        let to = match index.get(other) {
            Some(&j) if j != i => j,
            _ => bail!(
                "patterns/{}: rule {}: starts_with_match_of {other:?} is no other rule",
                r.file,
                r.id
            ),
        };
        rules[i].starts_with = Some(to);
        rules[to].is_start_of_others = true;
    }
    // A chain of gates must end: a rule that (through others) starts with its own matches
    // would be searched nowhere.
    for (i, r) in rules.iter().enumerate() {
        let mut at = r.starts_with;
        for _ in 0..rules.len() {
            match at {
                Some(j) if j == i => bail!(
                    "patterns/{}: rule {}: starts_with_match_of leads back to the rule itself",
                    r.file,
                    r.id
                ),
                Some(j) => at = rules[j].starts_with,
                None => break,
            }
        }
    }
    let cues = compile_cues(cues_syntax.ok_or_else(|| anyhow!("patterns/cues.toml: missing"))?)?;
    let csv_of = |n: &str| -> anyhow::Result<csv::Table> {
        let text = files
            .get(n)
            .ok_or_else(|| anyhow!("patterns/{n}: missing"))?;
        csv::parse(text).with_context(|| format!("patterns/{n}"))
    };
    let adequacy = load_adequacy(&csv_of("adequacy.csv")?).context("patterns/adequacy.csv")?;
    let countries =
        load_countries(&csv_of("countries.csv")?, &adequacy).context("patterns/countries.csv")?;
    let providers = load_providers(&csv_of("providers.csv")?).context("patterns/providers.csv")?;
    let regions = load_regions(&csv_of("regions.csv")?).context("patterns/regions.csv")?;
    let stops = load_single_column(&csv_of("country_stoplist.csv")?, "term")
        .context("patterns/country_stoplist.csv")?;
    let places = build_places(&csv_of("cities.csv")?, &countries).context("patterns/cities.csv")?;
    let gazetteer = build_gazetteer(&countries, &stops, &providers, &regions)?;
    let entity_files: Vec<(&str, &str)> = crate::entities::data::FILE_NAMES
        .iter()
        .map(|n| -> anyhow::Result<(&str, &str)> {
            let text = files
                .get(*n)
                .with_context(|| format!("patterns/{n} is missing"))?;
            Ok((*n, text.as_str()))
        })
        .collect::<anyhow::Result<_>>()?;
    let entities = crate::entities::EntityData::parse(&entity_files)?;

    // pattern → (rules it is a keyword of, rules it is a prefix of)
    let mut kw_index: BTreeMap<String, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    let mut always = Vec::new();
    for (i, r) in rules.iter().enumerate() {
        if r.keywords.is_empty() {
            always.push(i);
        }
        for k in &r.keywords {
            let v = &mut kw_index.entry(k.clone()).or_default().0;
            if !v.contains(&i) {
                v.push(i);
            }
        }
        for p in &r.prefixes {
            let v = &mut kw_index.entry(p.clone()).or_default().1;
            if !v.contains(&i) {
                v.push(i);
            }
        }
    }
    let keyword_patterns = kw_index.len();
    let cue_patterns = keyword_patterns + gazetteer.words.len();
    let patterns: Vec<&str> = kw_index
        .keys()
        .chain(&gazetteer.words)
        .chain(&cues.combined.words)
        .chain(&cues.lists.transfer_words.words)
        .map(String::as_str)
        .collect();
    let keyword_automaton = crate::matchers::keywords::KeywordAutomaton::new(&patterns)?;
    let (keyword_rules, prefix_rules): (Vec<_>, Vec<_>) = kw_index.into_values().unzip();
    let mut rule_prefixes = vec![Vec::new(); rules.len()];
    for (p, of) in prefix_rules.iter().enumerate() {
        for &r in of {
            rule_prefixes[r].push(p);
        }
    }
    let (keyword_rules, rule_prefixes) =
        (IdLists::new(&keyword_rules), IdLists::new(&rule_prefixes));
    Ok(Rules {
        entities,
        rules,
        keyword_automaton,
        keyword_patterns,
        cue_patterns,
        keyword_rules,
        rule_prefixes,
        always,
        countries,
        adequacy,
        providers,
        regions,
        gazetteer,
        places,
        cues,
        files: files.keys().cloned().collect(),
    })
}

fn compile_rule(r: RuleSyntax, file: &str) -> anyhow::Result<CompiledRule> {
    if !valid_id(&r.id) {
        bail!("id must match ^[a-z]+(\\.[a-z0-9_]+)+$");
    }
    let kind = parse_kind(&r.kind).ok_or_else(|| anyhow!("unknown kind {:?}", r.kind))?;
    if !r.id.starts_with(&format!("{}.", r.kind)) {
        bail!("id must start with its kind {:?}", r.kind);
    }
    if r.lang.is_empty() || r.lang.iter().any(|l| l != "de" && l != "en") {
        bail!(
            "lang must be a non-empty subset of [\"de\", \"en\"], got {:?}",
            r.lang
        );
    }
    for k in r.keywords.iter().chain(&r.context).chain(&r.not_after) {
        if k.is_empty() || *k != lower_preserving(k) {
            bail!("keyword {k:?} must be non-empty and lower case");
        }
    }
    if r.examples.is_empty() {
        bail!("needs at least one example");
    }
    if r.negative_examples.is_empty() {
        bail!("needs at least one negative example");
    }
    let mut flags = Flags::default();
    for f in &r.flags {
        match f.as_str() {
            "negated" => flags.negated = true,
            "historical" => flags.historical = true,
            "hypothetical" => flags.hypothetical = true,
            "heading" => flags.heading = true,
            "excluded" => flags.excluded = true,
            "definition" => flags.definition = true,
            other => bail!(
                "unknown flag {other:?} (negated, historical, hypothetical, excluded, heading, \
                 definition)"
            ),
        }
    }
    let value = match r.value {
        None => serde_json::Map::new(),
        Some(serde_json::Value::Object(m)) => m,
        Some(other) => bail!("value must be a table, got {other}"),
    };
    // `{item}` in the value is the `item` group's text: one needs the other.
    let uses_item = value
        .values()
        .any(|v| v.as_str().is_some_and(|s| s.contains("{item}")));
    let item_group = r.pattern.contains("(?P<item>") || r.pattern.contains("(?<item>");
    if uses_item != item_group {
        bail!("a value with \"{{item}}\" needs an `item` group in the pattern, and an `item` group such a value");
    }
    let pattern = prepare_pattern(&r.pattern);
    // The syntax is checked now (parsed, not translated: translating Unicode classes
    // costs as much as the rest of loading), so that a broken pattern file fails at load
    // naming the rule; the automata are built on first use ([`CompiledRule::regex`]).
    let ast = regex_syntax::ast::parse::Parser::new()
        .parse(&pattern)
        .map_err(|e| anyhow!("{e}"))?;
    let prefixes = super::prefix::required_prefixes(&ast).unwrap_or_default();
    let extra = r.cues.unwrap_or_default();
    for w in extra
        .negated
        .iter()
        .chain(&extra.negated_after)
        .chain(&extra.negated_inside)
        .chain(&extra.historical)
        .chain(&extra.hypothetical)
        .chain(&extra.hypothetical_after)
        .chain(&extra.hypothetical_next)
        .chain(&extra.hypothetical_inside)
    {
        if w.is_empty() || *w != lower_preserving(w) {
            bail!("cue {w:?} must be non-empty and lower case");
        }
    }
    Ok(CompiledRule {
        id: r.id,
        kind,
        name: r.name,
        lang: r.lang,
        keywords: with_swiss_spellings(r.keywords),
        prefixes,
        pattern,
        compiled: OnceLock::new(),
        value,
        flags,
        extra_cues: RuleCueWords {
            negated: with_swiss_spellings(extra.negated),
            negated_after: with_swiss_spellings(extra.negated_after),
            negated_inside: with_swiss_spellings(extra.negated_inside),
            historical: with_swiss_spellings(extra.historical),
            hypothetical: with_swiss_spellings(extra.hypothetical),
            hypothetical_after: with_swiss_spellings(extra.hypothetical_after),
            hypothetical_next: with_swiss_spellings(extra.hypothetical_next),
            hypothetical_inside: with_swiss_spellings(extra.hypothetical_inside),
        },
        not_after: r
            .not_after
            .iter()
            .map(|p| {
                crate::matchers::text::words(p)
                    .map(str::to_string)
                    .collect()
            })
            .collect(),
        one_sentence: r.one_sentence,
        starts_with: None,
        is_start_of_others: false,
        context: r.context,
        references: r.references,
        examples: r.examples.iter().map(|e| e.to_table()).collect(),
        negative_examples: r.negative_examples.iter().map(|e| e.to_table()).collect(),
        file: file.to_string(),
    })
}

/// Rewrites a rule's pattern into the form that is compiled:
///
/// - every `\b` becomes `(?-u:\b)`, an ASCII word boundary. Why: a Unicode `\b` makes the
///   regex engine's fast DFAs give up on the first non-ASCII byte, and German text has one
///   every few words; the fallback engines are 10-50 times slower. The ASCII boundary
///   treats letters like 'ü' as non-word characters, so a pattern must not put `\b` right
///   before a word that starts with a non-ASCII letter ("übermittl"): the rule's examples
///   catch that.
/// - the letter classes `\w`, `\p{L}`, `\p{Lu}` and `\p{Ll}` (also `\pL`) are restricted
///   to the Latin script (plus ASCII digits and `_` for `\w`). Why: the rules read German
///   and English; Unicode's full letter classes have hundreds of ranges, and every copy of
///   one in a counted repetition multiplies the automaton: restricting them halves the
///   time to build the rules and the lazy DFA's warm-up on each new document (measured:
///   `cargo run --release --example rule_compile_cost`). Umlauts, ß, accents and ligature
///   letters are Latin; a Greek or Cyrillic word is not a letter run for a rule. Outside
///   brackets `\w` and `\p{L}` are also wrapped in `(?-i:…)`, which changes no match and
///   spares the parser folding their case (`rewrite` in this module).
///
/// Escaped backslashes (`\\b`, `\\w`) are left alone.
///
/// A "ß" outside brackets also matches its Swiss spelling "ss" (`(?:ß|ss)`): Swiss German
/// has no "ß" ("ausschliesslich", "ausserhalb", "Massnahmen", "gemäss").
pub fn prepare_pattern(pattern: &str) -> String {
    rewrite(pattern, true, true, true)
}

/// The letter-class part of [`prepare_pattern`] alone (`\b` stays Unicode): for the
/// built-in party and address regexes, whose boundaries sit next to umlauts.
pub fn latin_letters(pattern: &str) -> String {
    rewrite(pattern, false, true, false)
}

/// The Swiss spelling of a word with "ß", which Swiss German writes "ss"
/// ("ausserhalb", "Grossbritannien"); `None` for a word without one.
fn swiss_spelling(word: &str) -> Option<String> {
    word.contains('ß').then(|| word.replace('ß', "ss"))
}

/// `words` and, after them, the Swiss spelling ([`swiss_spelling`]) of each that has one
/// not among them yet: the keywords and cue words of the rules.
fn with_swiss_spellings(mut words: Vec<String>) -> Vec<String> {
    let extra: Vec<String> = words
        .iter()
        .filter_map(|w| swiss_spelling(w))
        .filter(|w| !words.contains(w))
        .collect();
    words.extend(extra);
    words
}

/// The combining marks that go with Latin letters (the blocks Combining Diacritical Marks,
/// their Extended and Supplement, for Symbols, and Half Marks): what `\p{M}` becomes. The
/// full category has hundreds of ranges in other scripts, and every copy of it in a
/// counted repetition costs building time (an address regex: 0.84 -> 0.35 ms).
const LATIN_MARKS: &str =
    r"[\x{300}-\x{36F}\x{1AB0}-\x{1AFF}\x{1DC0}-\x{1DFF}\x{20D0}-\x{20FF}\x{FE20}-\x{FE2F}]";

/// [`prepare_pattern`] and [`latin_letters`]: restricts the letter classes, with
/// `ascii_boundaries` makes `\b` ASCII, with `sharp_s` lets "ß" match "ss"; with
/// `case_free`, a Latin letter class outside brackets (`\w`,
/// `\p{L}`) is wrapped in `(?-i:…)`. The class is closed under case folding (a test
/// proves it), so the wrap changes no match; it spares the parser folding its hundreds of
/// ranges once more in every `(?i)` rule, a quarter of the time to build the rules
/// (`cargo run --release --example rule_compile_cost`). Inside brackets a group cannot
/// stand, so classes there stay as they are; the scan keeps track of brackets (POSIX
/// classes such as `[:alpha:]` included) and of comments in verbose patterns.
fn rewrite(pattern: &str, ascii_boundaries: bool, case_free: bool, sharp_s: bool) -> String {
    const LETTER_CLASSES: [(&str, &str, bool); 7] = [
        ("{Lu}", r"[\p{Lu}&&\p{Latin}]", false),
        ("{Ll}", r"[\p{Ll}&&\p{Latin}]", false),
        ("{Letter}", r"\p{Latin}", true),
        ("{L}", r"\p{Latin}", true),
        ("L", r"\p{Latin}", true),
        ("{M}", LATIN_MARKS, true),
        ("M", LATIN_MARKS, true),
    ];
    // Flags at the very start, such as "(?xi)", decide whether `#` opens a comment.
    let verbose = pattern
        .trim_start()
        .strip_prefix("(?")
        .and_then(|f| f.split([')', ':']).next())
        .is_some_and(|flags| flags.split('-').next().is_some_and(|on| on.contains('x')));
    let mut out = String::with_capacity(pattern.len() + 64);
    let push_class = |out: &mut String, class: &str, in_brackets: bool, closed: bool| {
        if case_free && closed && !in_brackets {
            out.push_str("(?-i:");
            out.push_str(class);
            out.push(')');
        } else {
            out.push_str(class);
        }
    };
    // Nesting of bracketed classes at this point.
    let mut depth = 0usize;
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        match c {
            '\\' => {
                let mut chars = after.chars();
                match chars.next() {
                    Some('b') if ascii_boundaries && depth == 0 => {
                        out.push_str(r"(?-u:\b)");
                        rest = &after[1..];
                    }
                    Some('w') => {
                        push_class(&mut out, r"[0-9_\p{Latin}]", depth > 0, true);
                        rest = &after[1..];
                    }
                    Some('p') => {
                        let name = &after[1..];
                        match LETTER_CLASSES.iter().find(|(k, _, _)| name.starts_with(k)) {
                            Some((k, class, closed)) => {
                                push_class(&mut out, class, depth > 0, *closed);
                                rest = &name[k.len()..];
                            }
                            None => {
                                out.push_str(r"\p");
                                rest = name;
                            }
                        }
                    }
                    Some(e) => {
                        out.push('\\');
                        out.push(e);
                        rest = &after[e.len_utf8()..];
                    }
                    None => {
                        out.push('\\');
                        rest = after;
                    }
                }
            }
            '#' if verbose => {
                let end = rest.find('\n').map_or(rest.len(), |i| i + 1);
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
            '[' if depth > 0 && after.starts_with(':') && after.contains(":]") => {
                let end = rest.find(":]").map_or(rest.len(), |i| i + 2);
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
            '[' => {
                depth += 1;
                out.push('[');
                rest = after;
                // A leading '^', then a leading ']', are part of the class.
                if let Some(r) = rest.strip_prefix('^') {
                    out.push('^');
                    rest = r;
                }
                if let Some(r) = rest.strip_prefix(']') {
                    out.push(']');
                    rest = r;
                }
            }
            ']' if depth > 0 => {
                depth -= 1;
                out.push(']');
                rest = after;
            }
            'ß' if sharp_s && depth == 0 => {
                out.push_str("(?:ß|ss)");
                rest = after;
            }
            _ => {
                out.push(c);
                rest = after;
            }
        }
    }
    out
}

fn compile_cues(c: CuesSyntax) -> anyhow::Result<Cues> {
    let list = |name: &str, words: Vec<String>| {
        let words = with_swiss_spellings(words);
        check_cue_words(&words)
            .with_context(|| format!("patterns/cues.toml: {name}"))
            .map(|()| words)
    };
    let transfer_words =
        CueList::new(c.transfer_words).context("patterns/cues.toml: transfer_words")?;
    Cues::new(CueLists {
        negation_before: list("negation.before", c.negation.before)?,
        negation_after: list("negation.after", c.negation.after)?,
        historical_before: list("historical.before", c.historical.before)?,
        historical_after: list("historical.after", c.historical.after)?,
        hypothetical_before: list("hypothetical.before", c.hypothetical.before)?,
        hypothetical_after: list("hypothetical.after", c.hypothetical.after)?,
        clause_breaks: list("clause_breaks", c.clause_breaks)?,
        condition_openers: list("condition_openers", c.condition_openers)?,
        exclusion_before: list("exclusion.before", c.exclusion.before)?,
        exclusion_after: list("exclusion.after", c.exclusion.after)?,
        change_log_titles: crate::matchers::text::CHANGE_LOG_TITLES
            .iter()
            .chain(&crate::matchers::text::LOG_HEADER_CUES)
            .map(|t| t.to_string())
            .collect(),
        switched_off: crate::matchers::provider::SWITCHED_OFF
            .iter()
            .map(|t| t.to_string())
            .collect(),
        transfer_words,
        not_negating: list("not_negating", c.not_negating)?,
    })
}

fn split_list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

fn check_code(code: &str) -> anyhow::Result<()> {
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        bail!("{code:?} is not an ISO 3166-1 alpha-2 code");
    }
    Ok(())
}

/// The decisions of `adequacy.csv`, checked (a known code, scope "whole" or "partial").
pub(crate) fn load_adequacy(t: &csv::Table) -> anyhow::Result<Vec<Adequacy>> {
    let (c, d, r, s, n) = (
        t.column("code")?,
        t.column("decision_date")?,
        t.column("reference")?,
        t.column("scope")?,
        // Informational: an override may leave it out.
        t.column("note").ok(),
    );
    let mut out = Vec::new();
    for row in &t.rows {
        let f = &row.fields;
        check_code(&f[c]).with_context(|| format!("line {}", row.line))?;
        if f[s] != "whole" && f[s] != "partial" {
            bail!("line {}: scope must be whole or partial", row.line);
        }
        out.push(Adequacy {
            code: f[c].clone(),
            date: f[d].clone(),
            reference: f[r].clone(),
            scope: f[s].clone(),
            note: n.map_or_else(String::new, |n| f[n].clone()),
        });
    }
    Ok(out)
}

/// The GDPR status of `code` given the adequacy decisions.
pub fn status_of(code: &str, adequacy: &[Adequacy]) -> CountryStatus {
    if EU27.contains(&code) {
        CountryStatus::Eu
    } else if EEA_NON_EU.contains(&code) {
        CountryStatus::Eea
    } else if adequacy
        .iter()
        .any(|a| a.code == code && a.scope == "whole")
    {
        CountryStatus::Adequate
    } else {
        CountryStatus::ThirdCountry
    }
}

fn load_countries(t: &csv::Table, adequacy: &[Adequacy]) -> anyhow::Result<Vec<Country>> {
    let (c, en, de, v, a) = (
        t.column("code")?,
        t.column("name_en")?,
        t.column("name_de")?,
        t.column("variants")?,
        t.column("adjectives")?,
    );
    let mut out: Vec<Country> = Vec::new();
    for row in &t.rows {
        let f = &row.fields;
        check_code(&f[c]).with_context(|| format!("line {}", row.line))?;
        if f[en].is_empty() || f[de].is_empty() {
            bail!("line {}: empty name", row.line);
        }
        out.push(Country {
            code: f[c].clone(),
            name_en: f[en].clone(),
            name_de: f[de].clone(),
            variants: split_list(&f[v]),
            adjectives: split_list(&f[a]),
            status: status_of(&f[c], adequacy),
        });
    }
    Ok(out)
}

fn load_providers(t: &csv::Table) -> anyhow::Result<Vec<ProviderEntry>> {
    let (n, al, co, j, ca, cs) = (
        t.column("name")?,
        t.column("aliases")?,
        t.column("company")?,
        t.column("jurisdiction")?,
        t.column("category")?,
        t.column("case_sensitive")?,
    );
    let mut out = Vec::new();
    for row in &t.rows {
        let f = &row.fields;
        check_code(&f[j]).with_context(|| format!("line {}", row.line))?;
        let case_sensitive = match f[cs].as_str() {
            "0" | "" => 0,
            "1" => 1,
            "2" => 2,
            other => bail!(
                "line {}: case_sensitive must be 0, 1 or 2, got {other:?}",
                row.line
            ),
        };
        let mut aliases = vec![f[n].clone()];
        for a in split_list(&f[al]) {
            if !aliases.contains(&a) {
                aliases.push(a);
            }
        }
        out.push(ProviderEntry {
            name: f[n].clone(),
            aliases,
            company: f[co].clone(),
            jurisdiction: f[j].clone(),
            category: f[ca].clone(),
            case_sensitive,
        });
    }
    Ok(out)
}

fn load_regions(t: &csv::Table) -> anyhow::Result<Vec<Region>> {
    let (p, c, ci, co) = (
        t.column("provider")?,
        t.column("code")?,
        t.column("city")?,
        t.column("country")?,
    );
    let mut out = Vec::new();
    for row in &t.rows {
        let f = &row.fields;
        check_code(&f[co]).with_context(|| format!("line {}", row.line))?;
        out.push(Region {
            provider: f[p].clone(),
            code: f[c].clone(),
            city: f[ci].clone(),
            country: f[co].clone(),
        });
    }
    Ok(out)
}

fn load_single_column(t: &csv::Table, col: &str) -> anyhow::Result<Vec<String>> {
    let c = t.column(col)?;
    Ok(t.rows
        .iter()
        .map(|r| r.fields[c].clone())
        .filter(|s| !s.is_empty())
        .collect())
}

/// Articles and prepositions stripped from the front of a `place` before lookup.
const PLACE_PREFIXES: [&str; 12] = [
    "der ",
    "den ",
    "dem ",
    "die ",
    "des ",
    "the ",
    "in ",
    "im ",
    "within ",
    "innerhalb ",
    "of ",
    "von ",
];

/// Looks up a place name: lower-cased, leading articles stripped, then the longest known word prefix.
pub fn resolve_place(places: &HashMap<String, Place>, raw: &str) -> Option<Place> {
    let mut s = lower_preserving(raw.trim());
    loop {
        let before = s.len();
        for p in PLACE_PREFIXES {
            if let Some(rest) = s.strip_prefix(p) {
                s = rest.trim_start().to_string();
            }
        }
        if s.len() == before {
            break;
        }
    }
    let s = s.trim_end_matches(|c: char| !c.is_alphanumeric());
    let words: Vec<&str> = s.split_whitespace().collect();
    for n in (1..=words.len().min(5)).rev() {
        let key = words[..n].join(" ");
        let key = key.trim_end_matches(|c: char| !c.is_alphanumeric());
        // "U.S" (the regex stops before a final '.') is looked up as "u.s." too.
        if let Some(p) = places.get(key).or_else(|| places.get(&format!("{key}."))) {
            return Some(p.clone());
        }
    }
    None
}

fn build_places(
    cities: &csv::Table,
    countries: &[Country],
) -> anyhow::Result<HashMap<String, Place>> {
    let mut m = HashMap::new();
    for c in countries {
        let p = Place {
            city: None,
            country: Some(c.code.clone()),
            region: None,
        };
        for n in [&c.name_en, &c.name_de].into_iter().chain(&c.variants) {
            m.entry(lower_preserving(n)).or_insert_with(|| p.clone());
        }
    }
    for (names, region) in [
        (
            &[
                "eu",
                "europäische union",
                "europäischen union",
                "european union",
                "europa",
                "europe",
            ][..],
            "EU",
        ),
        (
            &[
                "ewr",
                "eea",
                "europäischer wirtschaftsraum",
                "europäischen wirtschaftsraum",
                "europäischen wirtschaftsraums",
                "european economic area",
            ][..],
            "EEA",
        ),
    ] {
        for n in names {
            m.insert(
                n.to_string(),
                Place {
                    city: None,
                    country: None,
                    region: Some(region.to_string()),
                },
            );
        }
    }
    let (n, a, c) = (
        cities.column("name")?,
        cities.column("aliases")?,
        cities.column("country")?,
    );
    for row in &cities.rows {
        let f = &row.fields;
        check_code(&f[c]).with_context(|| format!("line {}", row.line))?;
        let p = Place {
            city: Some(f[n].clone()),
            country: Some(f[c].clone()),
            region: None,
        };
        for name in std::iter::once(f[n].clone()).chain(split_list(&f[a])) {
            // NOTE: cities win over countries of the same name (Singapore, Luxembourg, Monaco are both).
            m.insert(lower_preserving(&name), p.clone());
        }
    }
    Ok(m)
}

/// Case rule for a term as written: short all-caps forms are exact, capitalised forms need a capital.
fn auto_case(written: &str) -> CaseRule {
    let letters = written.chars().filter(|c| c.is_alphabetic()).count();
    let has_lower = written.chars().any(|c| c.is_lowercase());
    if !has_lower && letters <= 4 {
        CaseRule::Exact
    } else if written.chars().next().is_some_and(|c| c.is_uppercase()) {
        CaseRule::Capitalized
    } else {
        CaseRule::Insensitive
    }
}

/// Whether `written` is one word of letters with only its first one upper case ("Front",
/// not "FrontApp", "Branch.io" or "Urban Airship").
fn is_plain_capitalized_word(written: &str) -> bool {
    let mut chars = written.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
}

fn build_gazetteer(
    countries: &[Country],
    stops: &[String],
    providers: &[ProviderEntry],
    regions: &[Region],
) -> anyhow::Result<Gazetteer> {
    let mut map: BTreeMap<String, Vec<Term>> = BTreeMap::new();
    let mut add = |written: &str, target: Target, case: CaseRule| {
        let key = lower_preserving(written);
        let v = map.entry(key).or_default();
        if !v.iter().any(|t| t.target == target && t.written == written) {
            v.push(Term {
                target,
                written: written.to_string(),
                case,
            });
        }
    };
    for s in stops {
        add(s, Target::Stop, CaseRule::Insensitive);
    }
    for (i, c) in countries.iter().enumerate() {
        for n in [&c.name_en, &c.name_de].into_iter().chain(&c.variants) {
            let case = auto_case(n);
            let form = if case == CaseRule::Exact {
                CountryForm::Code
            } else {
                CountryForm::Name
            };
            add(n, Target::Country(i, form), case);
            if let Some(swiss) = swiss_spelling(n) {
                add(&swiss, Target::Country(i, form), case);
            }
        }
        for a in &c.adjectives {
            add(a, Target::Country(i, CountryForm::Adjective), auto_case(a));
        }
    }
    for (i, p) in providers.iter().enumerate() {
        for a in &p.aliases {
            let case = match p.case_sensitive {
                1 => CaseRule::Exact,
                // Only a plain capitalised word ("Front", "Adjust") can be that common
                // word starting a sentence; "FrontApp", "Branch.io" or "Urban Airship"
                // at the start of a list item still name the provider.
                2 if is_plain_capitalized_word(a) => CaseRule::ExactNotSentenceStart,
                2 => CaseRule::Exact,
                _ => match auto_case(a) {
                    CaseRule::Exact => CaseRule::Exact,
                    _ => CaseRule::Insensitive,
                },
            };
            add(a, Target::Provider(i), case);
        }
    }
    for (i, r) in regions.iter().enumerate() {
        add(&r.code, Target::Region(i), CaseRule::Insensitive);
    }
    let (words, terms) = map.into_iter().unzip();
    Ok(Gazetteer { words, terms })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_shared_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Rules>();
    }

    /// The bound is never below the start of the last word wholly in the window (a lower
    /// one would spare a search that finds a match), and `None` exactly when no word is
    /// in it; checked against every window of texts where the words overlap.
    #[test]
    fn last_start_bound_is_at_least_the_last_start() {
        let inner = InnerLiterals::new(vec!["zustim".into(), "stimmung".into()]).unwrap();
        for low in [
            "zustimmung",
            "die zustimmung des auftraggebers",
            "stimmung zustim",
            "keine",
            "zustimmungzustimmung stimmung",
        ] {
            for a in 0..=low.len() {
                for z in a..=low.len() {
                    let last = (a..z)
                        .filter(|&s| {
                            inner
                                .words
                                .iter()
                                .any(|w| low[s..z].starts_with(w.as_str()))
                        })
                        .max();
                    let bound = inner.last_start_bound(low, a, z);
                    assert_eq!(bound.is_some(), last.is_some(), "{low:?} {a}..{z}");
                    assert_eq!(inner.any_in(low, a, z), last.is_some(), "{low:?} {a}..{z}");
                    if let (Some(b), Some(l)) = (bound, last) {
                        assert!(b >= l, "{low:?} {a}..{z}: bound {b} < last start {l}");
                    }
                }
            }
        }
        // The overlapping case: leftmost-first finds only "zustim" (0..6); the last word,
        // "stimmung" (2..10), starts inside it.
        assert_eq!(inner.last_start_bound("zustimmung", 0, 10), Some(5));
    }

    #[test]
    fn ids() {
        for (id, ok) in [
            ("transfer.scc", true),
            ("clause.art28_3_a", true),
            ("a.b.c", true),
            ("transfer", false),
            ("Transfer.scc", false),
            ("transfer.", false),
            ("transfer.s-c", false),
            ("1x.y", false),
        ] {
            assert_eq!(valid_id(id), ok, "{id}");
        }
    }

    #[test]
    fn word_boundaries_become_ascii() {
        assert_eq!(
            prepare_pattern(r"\bart\b \\b \d"),
            r"(?-u:\b)art(?-u:\b) \\b \d"
        );
    }

    #[test]
    fn letter_classes_become_latin() {
        assert_eq!(
            prepare_pattern(r"\w+ \p{Lu}[\p{L}\p{M}\-]* \pL \p{Ll} \\w \p{Greek} \P{L}"),
            format!(
                r"(?-i:[0-9_\p{{Latin}}])+ [\p{{Lu}}&&\p{{Latin}}][\p{{Latin}}{LATIN_MARKS}\-]* (?-i:\p{{Latin}}) [\p{{Ll}}&&\p{{Latin}}] \\w \p{{Greek}} \P{{L}}"
            )
        );
        let marks = regex_automata::meta::Regex::new(&prepare_pattern(r"^[\p{L}\p{M}]+$")).unwrap();
        assert!(marks.is_match("Mu\u{0308}ller"), "a combining diaeresis");
        assert!(
            !marks.is_match("Ka\u{093F}"),
            "a Devanagari vowel sign is no Latin mark"
        );
        let re = regex_automata::meta::Regex::new(&prepare_pattern(r"^\p{Lu}\w+$")).unwrap();
        assert!(re.is_match("Übermittlung"));
        assert!(re.is_match("Straße_2"));
        assert!(!re.is_match("Ωmega"), "Greek is not a Latin letter");
        assert!(
            !re.is_match("übermittlung"),
            "a lower-case initial is not an upper-case letter"
        );
    }

    /// The premise of the `(?-i:…)` wrap: folding the Latin letter classes' case adds
    /// nothing to them.
    #[test]
    fn latin_letter_classes_are_closed_under_case_folding() {
        for class in [r"\p{Latin}", r"[0-9_\p{Latin}]"] {
            let folded = regex_syntax::parse(&format!("(?i){class}")).unwrap();
            assert_eq!(folded, regex_syntax::parse(class).unwrap(), "{class}");
        }
    }

    /// The wrap changes no rule: every embedded rule's pattern means the same (the same
    /// parsed expression) with and without it; so do patterns with the cases the scan
    /// must get right (classes in brackets, a leading `]` or `^`, POSIX classes, comments
    /// in verbose patterns with brackets and escapes in them).
    #[test]
    fn the_case_free_wrap_changes_no_pattern() {
        let mut patterns: Vec<String> = Vec::new();
        for (name, text) in super::super::load::embedded_files().unwrap() {
            if !name.ends_with(".toml") {
                continue;
            }
            let file: toml::Value = toml::from_str(&text).unwrap();
            let rules = file.get("rule").and_then(|r| r.as_array());
            patterns.extend(
                rules
                    .into_iter()
                    .flatten()
                    .filter_map(|r| Some(r.get("pattern")?.as_str()?.to_string())),
            );
        }
        patterns.extend(
            [
                r"(?i)\w+ [\w-]+ []\w] [^]\w] [[:alpha:]\w] \p{L}+ [\p{L}\d]",
                "(?xi) \\w+ # a comment with [ and \\w and \\p{L}\n [\\w-] \\pL # ] too\n \\w",
                r"(?i)[a-z&&[\w]] \p{Lu}\p{Ll}+",
            ]
            .map(String::from),
        );
        assert!(patterns.len() > 80);
        let mut wraps = 0;
        for p in &patterns {
            let wrapped = rewrite(p, true, true, false);
            wraps += wrapped.matches("(?-i:").count() - p.matches("(?-i:").count();
            assert_eq!(
                regex_syntax::parse(&wrapped).unwrap(),
                regex_syntax::parse(&rewrite(p, true, false, false)).unwrap(),
                "{p}"
            );
        }
        assert!(wraps > 100, "{wraps} classes wrapped");
    }

    #[test]
    fn case_rules() {
        assert_eq!(auto_case("US"), CaseRule::Exact);
        assert_eq!(auto_case("U.S.A."), CaseRule::Exact);
        assert_eq!(auto_case("Turkey"), CaseRule::Capitalized);
        assert_eq!(auto_case("irisch"), CaseRule::Insensitive);
        assert_eq!(auto_case("FRANKREICH"), CaseRule::Capitalized);
    }

    #[test]
    fn id_lists_give_each_index_its_ids() {
        let lists = IdLists::new(&[vec![3, 1], vec![], vec![7]]);
        assert_eq!(lists.get(0), &[3, 1]);
        assert_eq!(lists.get(1), &[] as &[u32]);
        assert_eq!(lists.get(2), &[7]);
        assert_eq!(lists.get(3), &[] as &[u32]);
    }

    #[test]
    fn rules_build_on_first_use_and_a_build_error_is_reported() {
        let mut files = crate::patterns::load::embedded_files().unwrap();
        let tracking = files.get_mut("tracking.toml").unwrap();
        for (id, name, pattern, example) in [
            (
                "tracking.broken_class",
                "parses, but names a Unicode class that does not exist",
                r"\p{NoSuchClass}beacon",
                "a beacon",
            ),
            (
                "tracking.huge_gap",
                "its long gap is searched relaxed; its own regex is too large to build",
                "beacon[^.]{0,90000}pixel",
                "a beacon and a pixel",
            ),
        ] {
            tracking.push_str(&format!(
                "\n[[rule]]\nid = \"{id}\"\nkind = \"tracking\"\nname = \"{name}\"\nlang = [\"en\"]\n\
                 keywords = [\"beacon\"]\npattern = '{pattern}'\nexamples = [\"{example}\"]\n\
                 negative_examples = [\"nothing\"]\n"
            ));
        }
        let rules = compile(&files).expect("the syntax parses, so loading succeeds");
        let broken = rules
            .rules
            .iter()
            .find(|r| r.id == "tracking.broken_class")
            .unwrap();
        assert!(broken.compiled.get().is_none(), "nothing is built at load");
        assert!(broken.regex().is_none());
        let pixel = rules
            .rules
            .iter()
            .find(|r| r.id == "tracking.pixel")
            .unwrap();
        assert!(pixel.regex().is_some());
        // The relaxed regex builds, and finds what is short enough; the rule's own
        // regex is built only for a longer match, and `build_all` reports that it fails.
        let huge = rules
            .rules
            .iter()
            .find(|r| r.id == "tracking.huge_gap")
            .unwrap()
            .regex()
            .expect("the relaxed regex builds");
        assert!(huge.is_relaxed() && huge.within == [90000]);
        let input = Input::new("a beacon and a pixel");
        assert_eq!(huge.find(&input).map(|m| m.range()), Some(2..20));
        let errors = rules.build_all();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].starts_with("tracking.broken_class: "),
            "{errors:?}"
        );
        assert!(
            errors[0].contains("NoSuchClass") || errors[0].contains("Unicode"),
            "{errors:?}"
        );
        assert!(errors[1].starts_with("tracking.huge_gap: "), "{errors:?}");
        assert!(huge.exact().is_err());
    }

    /// Art. 28(3)(e) allows a gap of 260 chars in its first alternative and of 80 in its
    /// second: split by alternatives, a match of the first 150 bytes long is the rule's
    /// match as the relaxed regex finds it, without the rule's own regex (whose automaton
    /// counts the gap); a match of the second longer than 80 bytes still needs it.
    #[test]
    fn a_relaxed_rule_is_split_by_alternatives_with_their_own_bounds() {
        let rules = Rules::embedded().unwrap();
        let rule = rules
            .rules
            .iter()
            .find(|r| r.id == "clause.art28_3_e")
            .unwrap();
        let re = rule.regex().unwrap();
        assert_eq!(re.within[..2], [260, 80], "{:?}", re.within);
        let first = "Der Auftragnehmer unterstützt den Auftraggeber mit geeigneten technischen \
            und organisatorischen Maßnahmen bei der Erfüllung der Rechte der betroffenen Personen.";
        let m = re.find(&Input::new(first)).expect("a match");
        assert!(m.len() > 100, "{}", &first[m.range()]);
        assert!(re.exact.get().is_none(), "the rule's own regex was built");
        let second = format!(
            "Anträge der betroffenen Personen {}bearbeitet und unterstützt der Auftragnehmer.",
            "x ".repeat(30)
        );
        let m = re.find(&Input::new(second.as_str())).expect("a match");
        assert!(m.len() > 80);
        assert!(re.exact.get().is_some());
    }

    #[test]
    fn statuses() {
        let adq = vec![
            Adequacy {
                code: "CH".into(),
                date: String::new(),
                reference: String::new(),
                scope: "whole".into(),
                note: String::new(),
            },
            Adequacy {
                code: "US".into(),
                date: String::new(),
                reference: String::new(),
                scope: "partial".into(),
                note: String::new(),
            },
        ];
        assert_eq!(status_of("DE", &adq), CountryStatus::Eu);
        assert_eq!(status_of("NO", &adq), CountryStatus::Eea);
        assert_eq!(status_of("CH", &adq), CountryStatus::Adequate);
        assert_eq!(status_of("US", &adq), CountryStatus::ThirdCountry);
        assert_eq!(status_of("CN", &adq), CountryStatus::ThirdCountry);
    }
}

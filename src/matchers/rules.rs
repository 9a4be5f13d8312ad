//! Regex rules with the keyword prefilter.
//!
//! One overlapping Aho-Corasick pass over the lower-cased text finds every keyword; each
//! occurrence opens a window for the rules it belongs to: the keyword's sentence (at most
//! ±[`KEYWORD_WINDOW`] bytes); overlapping windows merge. A match must therefore lie in
//! the sentence of one of the rule's keywords (rules are written sentence-local). A rule's
//! regex searches only its windows, with the surrounding text visible to look-around
//! (`\b`), so a match is the same as in a whole-text search as long as it lies within a
//! window. Rules without keywords search the whole text.
//!
//! The same pass finds the rules' required prefixes ([`CompiledRule::prefixes`]: every
//! match starts with one of them). Where a rule's prefixes occur rarely in its windows,
//! the regex is not run over the windows but anchored at each occurrence inside them
//! ([`Strategy`]); both ways give the same matches (leftmost-first, non-overlapping, in
//! text order), so the choice is only a matter of cost.
//!
//! A rule may also have inner strings ([`RuleRegex::inner`]: every match contains one
//! past its first word). A window in which none occurs is not searched, and neither is a
//! prefix occurrence after the last one in its window.
//!
//! A rule with a long gap (`[^.;]{0,200}?`) is searched with the gap unbounded first, a
//! regex whose lazy DFA needs few states, and with its own regex only when that match is
//! longer than the gap allows ([`crate::patterns::relax`], [`RuleRegex::find`]).
//!
//! [`Strategy::Scan`] is the reference: every window scanned with the rule's own regex
//! and the regex crate's iterators; the tests compare the other strategies with it.

use regex_automata::{Anchored, Input};
use serde_json::Value;

use super::{cues, keywords, text, Hit, Scan};
use crate::findings::FindingKind;
use crate::patterns::compile::{resolve_place, CompiledRule, RuleRegex, KEYWORD_WINDOW};

/// How a rule's regex is run over its windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// Whichever costs less: anchored at the prefix occurrences when there are fewer than
    /// one per [`BYTES_PER_ANCHORED_SEARCH`] bytes of window, else a scan.
    Cheapest,
    /// Always scan the windows, all of them (the reference: no window or start is
    /// spared for lack of the rule's inner strings).
    Scan,
    /// Anchored at the prefix occurrences whenever the rule has prefixes.
    Anchored,
}

/// An anchored search at one prefix costs about as much as scanning this many bytes
/// (measured with callgrind on the 50-page contracts, where anchoring every rule that has
/// prefixes was cheapest: see `examples/find_throughput.rs`).
pub const BYTES_PER_ANCHORED_SEARCH: usize = 8;

/// What the one pass of [`Rules::keyword_automaton`] over the lower-cased text found for
/// the rules: per rule, its keyword windows (sorted, disjoint), and where each prefix
/// pattern occurs.
///
/// [`Rules::keyword_automaton`]: crate::patterns::Rules::keyword_automaton
#[derive(Debug, Default)]
pub struct RulePass {
    /// Per rule: the windows its regex searches.
    pub windows: Vec<Vec<(usize, usize)>>,
    /// Per keyword or prefix pattern `p` of the automaton: its starts, ascending, are
    /// `starts[ends[p - 1]..ends[p]]` (`ends[-1]` being 0).
    starts: Vec<usize>,
    /// See `starts`.
    ends: Vec<usize>,
}

impl RulePass {
    /// The starts of the required prefixes of rule `ri` (index into [`Rules::rules`]) that
    /// lie inside one of `ws` (sorted, disjoint), ascending and without repeats.
    ///
    /// [`Rules::rules`]: crate::patterns::Rules::rules
    pub fn prefix_starts(
        &self,
        rules: &crate::patterns::Rules,
        ri: usize,
        ws: &[(usize, usize)],
    ) -> Vec<usize> {
        let mut out = Vec::new();
        self.prefix_starts_into(rules, ri, ws, &mut out, &mut Vec::new());
        out
    }

    /// [`RulePass::prefix_starts`] into `out` (cleared first), with `runs` as scratch:
    /// one pair of buffers serves all the rules of a document.
    pub fn prefix_starts_into(
        &self,
        rules: &crate::patterns::Rules,
        ri: usize,
        ws: &[(usize, usize)],
        out: &mut Vec<usize>,
        runs: &mut Vec<usize>,
    ) {
        let patterns = rules.rule_prefixes.get(ri);
        out.clear();
        // Where each pattern's (ascending) run of starts ends in `out`.
        runs.clear();
        for &p in patterns {
            let p = p as usize;
            let from = p
                .checked_sub(1)
                .map_or(0, |q| self.ends.get(q).copied().unwrap_or(0));
            let to = self.ends.get(p).copied().unwrap_or(from);
            let occ = self.starts.get(from..to).unwrap_or_default();
            // Both lists ascending: each side skips ahead by galloping, so the cost follows
            // the shorter list (a rare prefix against thousands of windows, or the reverse).
            let (mut i, mut j) = (0, 0);
            while i < occ.len() && j < ws.len() {
                let (s, (a, z)) = (occ[i], ws[j]);
                if s < a {
                    i = gallop(occ, i, |&t| t < a);
                } else if s >= z {
                    j = gallop(ws, j, |&(_, z)| z <= s);
                } else {
                    out.push(s);
                    i += 1;
                }
            }
            if runs.last().copied().unwrap_or(0) < out.len() {
                runs.push(out.len());
            }
        }
        match runs.len() {
            0 | 1 => {}
            // A few starts (the common case): sorting them costs less than merging.
            _ if out.len() <= SORT_STARTS_UP_TO => out.sort_unstable(),
            _ => *out = merge_runs(std::mem::take(out), runs),
        }
        out.dedup();
    }
}

/// Up to this many prefix starts of a rule are sorted rather than merged run by run.
const SORT_STARTS_UP_TO: usize = 256;

/// `v`, made of ascending runs ending at `runs` (ascending, the last one `v.len()`),
/// merged into one ascending list without repeats: adjacent runs are merged pairwise,
/// O(n log k) for k runs.
fn merge_runs(mut v: Vec<usize>, runs: &[usize]) -> Vec<usize> {
    let mut runs = runs.to_vec();
    let mut other = Vec::with_capacity(v.len());
    while runs.len() > 1 {
        other.clear();
        let mut merged = Vec::with_capacity(runs.len().div_ceil(2));
        let mut from = 0;
        for pair in runs.chunks(2) {
            let mid = pair[0];
            let end = pair.get(1).copied().unwrap_or(mid);
            let (mut a, mut b) = (&v[from..mid], &v[mid..end]);
            while let (Some(&x), Some(&y)) = (a.first(), b.first()) {
                if x <= y {
                    other.push(x);
                    a = &a[1..];
                } else {
                    other.push(y);
                    b = &b[1..];
                }
            }
            other.extend_from_slice(a);
            other.extend_from_slice(b);
            merged.push(end);
            from = end;
        }
        std::mem::swap(&mut v, &mut other);
        runs = merged;
    }
    v.dedup();
    v
}

/// The first index from `i` on where `before` is false (`before` must be true on a prefix
/// of `list`), found by doubling steps and then bisecting: O(log distance).
fn gallop<T>(list: &[T], i: usize, before: impl Fn(&T) -> bool) -> usize {
    let mut step = 1;
    let mut lo = i;
    while lo + step < list.len() && before(&list[lo + step]) {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step).min(list.len());
    lo + list[lo..hi].partition_point(before)
}

/// A gazetteer term occurrence `(start, end, term)` in the lower-cased text; `term` indexes
/// [`Gazetteer::words`](crate::patterns::compile::Gazetteer::words).
pub type TermMatch = (usize, usize, usize);

/// The one automaton pass over the lower-cased text: keyword windows and prefix starts
/// for the rules, and every occurrence of every gazetteer term, in the order of their ends.
/// The occurrences of the cue words, found in the same pass, go to the scan
/// ([`Scan::cue_occurrences`]).
///
/// The pass itself only records what it meets (the loop reporting matches stays small);
/// the occurrences of keyword and prefix patterns are sorted out afterwards: keywords into
/// windows, prefix starts by pattern (a counting sort), so that a rule later takes only
/// the starts inside its windows ([`RulePass::prefix_starts`]).
pub fn automaton_pass(scan: &Scan) -> (RulePass, Vec<TermMatch>) {
    let rules = scan.rules;
    let len = scan.text.len();
    let mut windows: Vec<Vec<(usize, usize)>> = vec![Vec::new(); rules.rules.len()];
    let mut terms = Vec::new();
    for &i in &rules.always {
        windows[i].push((0, len));
    }
    let first_term = rules.keyword_patterns;
    let first_cue = rules.cue_patterns;
    let first_transfer = first_cue + rules.cues.combined.words.len();
    // (start, length, pattern) of keyword and prefix patterns, in the order of their ends.
    let mut found: Vec<(usize, u32, u32)> =
        Vec::with_capacity(scan.low.len() / keywords::BYTES_PER_MATCH);
    // The same of the other patterns (terms and cue words), sorted out after the pass so
    // that the closure stays small enough to be inlined into the automaton's reporting.
    let mut others: Vec<(usize, u32, u32)> =
        Vec::with_capacity(scan.low.len() / BYTES_PER_OTHER_MATCH);
    rules
        .keyword_automaton
        .overlapping(scan.low.as_bytes(), |start, end, pattern| {
            let m = (start, (end - start) as u32, pattern as u32);
            if pattern < first_term {
                found.push(m);
            } else {
                others.push(m);
            }
        });
    // Sorted out into three lists, each given room for all (a growing vector copies itself).
    terms.reserve(others.len());
    let mut cues = cues::CueOccurrences {
        cues: Vec::with_capacity(others.len()),
        transfer: Vec::new(),
    };
    for (start, n, pattern) in others {
        let (end, pattern) = (start + n as usize, pattern as usize);
        if pattern < first_cue {
            terms.push((start, end, pattern - first_term));
        } else if pattern < first_transfer {
            cues.cues.push((start, end, (pattern - first_cue) as u32));
        } else {
            cues.transfer.push((start, end));
        }
    }
    // Set once per scan: a second pass over the same scan finds the same occurrences.
    let _ = scan.set_cue_occurrences(cues);
    // Keyword hits come in the order of their ends. The last keyword's window is reused
    // for a later one when that one's own window cannot reach further: see `Reusable`.
    let mut last: Option<Reusable> = None;
    // ends[p] counts the occurrences of patterns up to p, after the prefix sum below.
    let mut ends = vec![0usize; first_term];
    for &(start, n, pattern) in &found {
        let pattern = pattern as usize;
        ends[pattern] += 1;
        let keyword_of = rules.keyword_rules.get(pattern);
        if keyword_of.is_empty() {
            continue;
        }
        let end = start + n as usize;
        let w = match last {
            Some(r) if r.covers(start, end) => r.window,
            _ => {
                let r = keyword_window(scan, start, end);
                last = Some(r);
                r.window
            }
        };
        for &ri in keyword_of {
            add_window(&mut windows[ri as usize], w);
        }
    }
    let mut total = 0;
    for e in &mut ends {
        total += *e;
        *e = total;
    }
    // A pattern's occurrences end in text order and all have its length, so they start in
    // text order too: filled from the back, each pattern's starts come out ascending.
    let mut starts = vec![0usize; total];
    let mut next = ends.clone();
    for &(start, _, pattern) in found.iter().rev() {
        let slot = &mut next[pattern as usize];
        *slot -= 1;
        starts[*slot] = start;
    }
    (
        RulePass {
            windows,
            starts,
            ends,
        },
        terms,
    )
}

/// Bytes per occurrence of a term or cue word that [`automaton_pass`] makes room for in
/// advance (../shared/realworld has one every 54 bytes, the corpus every 56; room for
/// more than that is never touched and costs nothing, a growing vector copies itself).
const BYTES_PER_OTHER_MATCH: usize = 32;

/// Appends the hits of all regex rules, from their windows and prefix starts in `pass`.
pub fn find_rule_hits(scan: &Scan, pass: RulePass, hits: &mut Vec<Hit>) {
    run_rules(scan, pass, hits, Strategy::Cheapest);
}

/// The hits of all regex rules with a chosen [`Strategy`] (the others are for tests).
/// Returns how many anchored searches were made and spared.
pub fn find_rule_hits_with(scan: &Scan, hits: &mut Vec<Hit>, strategy: Strategy) -> Searches {
    let (pass, _) = automaton_pass(scan);
    run_rules(scan, pass, hits, strategy)
}

/// How many anchored searches the rules made in one document, and how many were spared
/// because the rule that every match starts with had none there
/// ([`CompiledRule::starts_with`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Searches {
    /// Anchored searches made by the rules' regexes.
    pub anchored: usize,
    /// Anchored searches spared by a rule's `starts_with`.
    pub spared: usize,
    /// Anchored searches of a gate rule made to open it where it had not searched itself.
    pub gate: usize,
}

/// Runs each rule's regex over its windows in `pass`.
fn run_rules(scan: &Scan, mut pass: RulePass, hits: &mut Vec<Hit>, strategy: Strategy) -> Searches {
    let rules = scan.rules;
    let mut windows = std::mem::take(&mut pass.windows);
    let mut gates = Gates::default();
    let mut searches = Searches::default();
    let (mut starts, mut runs) = (Vec::new(), Vec::new());
    // The regexes this text needs and no document has needed before, built side by side:
    // the first document of a process (every `check`) waits for most of them, about
    // 75 ms of building on one core. Each is still built once (a rule's `OnceLock`).
    let unbuilt: Vec<&CompiledRule> = windows
        .iter()
        .zip(&rules.rules)
        .filter(|(ws, rule)| !ws.is_empty() && !rule.is_built())
        .map(|(_, rule)| rule)
        .collect();
    if unbuilt.len() > 1 {
        use rayon::prelude::*;
        let build = || {
            unbuilt.par_iter().for_each(|rule| {
                rule.regex();
            })
        };
        match build_pool() {
            Some(pool) => pool.install(build),
            None => build(),
        }
    }
    for (ri, ws) in windows.iter_mut().enumerate() {
        let rule = &rules.rules[ri];
        if ws.is_empty() {
            continue;
        }
        let Some(re) = rule.regex() else {
            continue;
        };
        for w in ws.iter_mut() {
            *w = (
                text::floor_boundary(scan.text, w.0),
                text::ceil_boundary(scan.text, w.1),
            );
        }
        let mut search = Search {
            scan,
            rule,
            re,
            hits,
            budget: Budget {
                left: super::cap_of(Some(rule)),
            },
            caps: None,
            inner: re.inner.as_ref().filter(|_| strategy != Strategy::Scan),
            reference: strategy == Strategy::Scan,
            ri,
            is_gate: rule.is_start_of_others,
            gates: &mut gates,
            searches: &mut searches,
        };
        pass.prefix_starts_into(rules, ri, ws, &mut starts, &mut runs);
        if anchored(strategy, rule, ws, &starts) {
            search.anchored(ws, &starts);
        } else {
            search.scan(ws);
        }
    }
    searches.gate = gates.searched;
    searches
}

/// Threads that build the rules' regexes, apart from a scan's jobs: in a scan, the other
/// job waits for the same regexes (a rule's `OnceLock`) and cannot help in its own pool.
/// As many threads as the pool that first asks has (a scan's `--jobs`, else the cores);
/// `None` if no thread can be started (the regexes are then built by the caller).
fn build_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(rayon::current_num_threads())
            .thread_name(|i| format!("dpascan-rules-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// Whether `rule` runs anchored at `starts` rather than over the windows `ws`.
fn anchored(
    strategy: Strategy,
    rule: &CompiledRule,
    ws: &[(usize, usize)],
    starts: &[usize],
) -> bool {
    if rule.prefixes.is_empty() {
        return false;
    }
    match strategy {
        Strategy::Scan => false,
        Strategy::Anchored => true,
        Strategy::Cheapest => {
            let bytes: usize = ws.iter().map(|(a, z)| z - a).sum();
            starts.len().saturating_mul(BYTES_PER_ANCHORED_SEARCH) < bytes
        }
    }
}

/// Adds `w` to the sorted, disjoint windows `ws`, merging what overlaps. Keywords come in
/// the order of their ends, so `w` ends no earlier than the last window but may start
/// before it (a longer keyword ending one byte later): merged back as far as it reaches.
fn add_window(ws: &mut Vec<(usize, usize)>, w: (usize, usize)) {
    match ws.last_mut() {
        Some(last) if last.1 >= w.0 => {
            last.0 = last.0.min(w.0);
            last.1 = last.1.max(w.1);
        }
        _ => ws.push(w),
    }
    while let [.., a, b] = ws.as_mut_slice() {
        if a.1 < b.0 {
            break;
        }
        *a = (a.0.min(b.0), a.1.max(b.1));
        ws.pop();
    }
}

/// The window searched around a keyword at `start..end`: its sentence, but at least
/// [`MIN_REACH`] bytes on each side and at most [`KEYWORD_WINDOW`] bytes on each side.
fn keyword_window(scan: &Scan, start: usize, end: usize) -> Reusable {
    // The sentence as `Scan::sentence` gives it, its end looked up once.
    let a = scan.sentences.start(scan.text, start);
    let brk = scan.sentences.break_end(scan.text, end).map(|b| b.max(end));
    let z = brk.unwrap_or_else(|| scan.sentences.end(scan.text, end).max(end));
    let a = a
        .max(start.saturating_sub(KEYWORD_WINDOW))
        .min(start.saturating_sub(MIN_REACH));
    let z = z
        .min(end + KEYWORD_WINDOW)
        .max(end + MIN_REACH)
        .min(scan.text.len());
    Reusable {
        window: (a, z),
        start,
        ends_at_break: brk.is_some_and(|b| b <= end + KEYWORD_WINDOW),
    }
}

/// A keyword's window, kept for the keywords after it.
#[derive(Debug, Clone, Copy)]
struct Reusable {
    /// The window ([`keyword_window`]).
    window: (usize, usize),
    /// Where its keyword starts.
    start: usize,
    /// Its sentence ends at a sentence break, not cut off by [`KEYWORD_WINDOW`] or the
    /// sentence search's reach.
    ends_at_break: bool,
}

impl Reusable {
    /// Whether the window of a later keyword at `start..end` (ending at or after this
    /// one's) lies inside this window, so that this one can stand for it.
    ///
    /// With `start` at least [`MIN_REACH`] inside the window and not before this keyword's
    /// start, the later window's start (sentence starts only move forward) is not
    /// earlier. With `end + MIN_REACH` inside and this sentence ending at a break `b`,
    /// the later keyword ends before `b` (or where this one ends), so its sentence ends
    /// at `b` too, and its window ends at `b` or `end + MIN_REACH`: not later.
    ///
    /// One exception: a sentence start is found only when its break (". ") lies within
    /// [`SENTENCE_REACH`](super::text::SENTENCE_REACH) bytes, so a keyword nearly [`KEYWORD_WINDOW`] bytes after this
    /// window's start may miss the break and start its own window up to two bytes earlier
    /// (at `start - KEYWORD_WINDOW`): such a keyword gets its own window.
    fn covers(&self, start: usize, end: usize) -> bool {
        let (a, z) = self.window;
        self.ends_at_break
            && self.start <= start
            && a + MIN_REACH <= start
            && end + MIN_REACH <= z
            && start + 2 < a + KEYWORD_WINDOW
    }
}

/// Bytes searched on each side of a keyword even when the sentence ends sooner (short
/// headings next to each other, sentence detection misled by an abbreviation).
pub const MIN_REACH: usize = 40;

/// How many more counted hits a capped rule may produce (`None`: not capped). Negated
/// hits are not counted: a capped rule keeps searching until it has [`super::cap_of`]
/// hits that are not negated, so "present" and "present, not negated" stay as they were.
struct Budget {
    left: Option<usize>,
}

impl Budget {
    /// Records `h`; returns false when the budget is used up (stop searching).
    fn take(&mut self, h: &Hit) -> bool {
        if let Some(n) = &mut self.left {
            if h.value.get("negated") != Some(&Value::Bool(true)) {
                *n = n.saturating_sub(1);
            }
            return *n > 0;
        }
        true
    }
}

/// Whether a rule has a match anchored at a start, as far as looked up in one document:
/// `(rule, start, window end)` → matched. Filled by the rule's own anchored searches and
/// by the rules that start with its matches ([`CompiledRule::starts_with`]).
#[derive(Default)]
struct Gates {
    known: rustc_hash::FxHashMap<(usize, usize, usize), bool>,
    /// Searches made by [`Gates::open`].
    searched: usize,
}

impl Gates {
    /// Whether rule `g` has a match anchored at `at` in `at..z` (looked up, or searched with
    /// its first regex: a match of the rule's own regex is one of it, see
    /// [`crate::patterns::relax`]). True when the rule's regex cannot be built.
    ///
    /// A gate that starts with another rule's matches itself is closed where that one is.
    fn open(&mut self, scan: &Scan, g: usize, at: usize, z: usize) -> bool {
        if let Some(&known) = self.known.get(&(g, at, z)) {
            return known;
        }
        let Some(rule) = scan.rules.rules.get(g) else {
            return true;
        };
        let open = rule.starts_with.is_none_or(|gg| self.open(scan, gg, at, z))
            && rule.regex().is_none_or(|re| {
                self.searched += 1;
                let input = Input::new(scan.text).range(at..z).anchored(Anchored::Yes);
                re.first().search(&input).is_some()
            });
        self.known.insert((g, at, z), open);
        open
    }
}

/// One rule's search over one document.
struct Search<'s, 'a> {
    scan: &'s Scan<'a>,
    rule: &'s CompiledRule,
    re: &'s RuleRegex,
    hits: &'s mut Vec<Hit>,
    budget: Budget,
    /// Capture slots, made on first use.
    caps: Option<crate::patterns::compile::GroupSlots>,
    /// The rule's inner strings, when searches are spared without them.
    inner: Option<&'s crate::patterns::compile::InnerLiterals>,
    /// Whether this is the reference search ([`Strategy::Scan`]): the rule's own regex
    /// alone, with the regex crate's iterators. Otherwise [`RuleRegex::find`] searches
    /// (relaxed first, where the rule has a long gap).
    reference: bool,
    /// The rule's index in [`crate::patterns::Rules::rules`].
    ri: usize,
    /// Whether other rules start with this one's matches: its anchored searches are
    /// recorded in `gates`.
    is_gate: bool,
    /// What is known of anchored matches ([`CompiledRule::starts_with`]).
    gates: &'s mut Gates,
    /// Counts of the document's searches.
    searches: &'s mut Searches,
}

impl<'a> Search<'_, 'a> {
    /// Scans each window (leftmost-first, non-overlapping).
    fn scan(&mut self, ws: &[(usize, usize)]) {
        for &(a, z) in ws {
            let has_inner =
                |i: &crate::patterns::compile::InnerLiterals| i.any_in(&self.scan.low, a, z);
            if !self.inner.is_none_or(has_inner) {
                // Every match contains one of the rule's inner strings.
                continue;
            }
            if self.reference {
                if !self.scan_reference(a, z) {
                    return;
                }
                continue;
            }
            let mut from = a;
            while from <= z {
                let input = Input::new(self.scan.text).range(from..z);
                let Some(m) = self.re.find(&input) else {
                    break;
                };
                if m.is_empty() {
                    // Empty matches are no hits; go on after the char where it is.
                    from = next_char(self.scan.text, m.start());
                    continue;
                }
                let Some(m) = self.in_sentence(&input, m, |i| self.re.find(i)) else {
                    from = next_char(self.scan.text, m.start());
                    continue;
                };
                from = m.end();
                if !self.add_match(&input, m) {
                    return;
                }
            }
        }
    }

    /// [`Search::scan`] of the window `a..z` with the regex crate's own iterators and the
    /// rule's regex alone (the reference); false when the budget is used up.
    fn scan_reference(&mut self, a: usize, z: usize) -> bool {
        let Ok(re) = self.re.exact() else {
            return true;
        };
        if self.rule.one_sentence {
            return self.scan_reference_in_sentences(re, a, z);
        }
        let input = Input::new(self.scan.text).range(a..z);
        if !self.re.has_groups() {
            for m in re.find_iter(input) {
                if m.start() < m.end() && !self.add(m.start(), m.end(), Named::default()) {
                    return false;
                }
            }
            return true;
        }
        for caps in re.captures_iter(input) {
            if !self.add_captured(&caps) {
                return false;
            }
        }
        true
    }

    /// [`Search::scan_reference`] of a rule whose matches stay in one sentence
    /// ([`CompiledRule::one_sentence`]): leftmost-first matches of the rule's own regex,
    /// each cut at the first sentence break inside it ([`Search::in_sentence`]); a match
    /// that leaves nothing there is none, and the search goes on after its first char.
    fn scan_reference_in_sentences(
        &mut self,
        re: &regex_automata::meta::Regex,
        a: usize,
        z: usize,
    ) -> bool {
        let mut caps = re.create_captures();
        let mut from = a;
        while from <= z {
            let input = Input::new(self.scan.text).range(from..z);
            let Some(m) = re.search(&input) else {
                return true;
            };
            let found = if m.is_empty() {
                None
            } else {
                self.in_sentence(&input, m, |i| re.search(i))
            };
            let Some(m) = found else {
                from = next_char(self.scan.text, m.start());
                continue;
            };
            from = m.end();
            re.search_captures(
                &input.clone().span(m.range()).anchored(Anchored::Yes),
                &mut caps,
            );
            if !self.add_captured(&caps) {
                return false;
            }
        }
        true
    }

    /// `m`, a match found in `input`, as the rule may have it: for a rule whose matches
    /// stay in one sentence ([`CompiledRule::one_sentence`]) and a match that runs over
    /// a sentence break, the match that `find` gives anchored at its start and ending at
    /// the break (`None` if there is none); else `m` itself.
    fn in_sentence(
        &self,
        input: &Input,
        m: regex_automata::Match,
        find: impl Fn(&Input) -> Option<regex_automata::Match>,
    ) -> Option<regex_automata::Match> {
        if !self.rule.one_sentence {
            return Some(m);
        }
        let text = self.scan.text;
        match self.scan.sentences.break_end(text, m.start()) {
            Some(brk) if brk < m.end() => {
                let cut = input
                    .clone()
                    .range(m.start()..brk.max(m.start()))
                    .anchored(Anchored::Yes);
                find(&cut).filter(|c| !c.is_empty())
            }
            _ => Some(m),
        }
    }

    /// Runs the regex anchored at each of `starts` (sorted) that lies in a window and not
    /// inside the previous match: the same matches as [`Search::scan`], because every
    /// match starts at one of `starts`.
    fn anchored(&mut self, ws: &[(usize, usize)], starts: &[usize]) {
        let mut k = 0;
        for &(a, z) in ws {
            // The next start allowed in this window (after the last match).
            let mut from = a;
            // A bound on where the last of the rule's inner strings starts in the window,
            // looked up at the window's first start: a match at `at` contains one, so none
            // starts at or after a bound before `at` (`None`: no match in the window).
            let mut last_inner: Option<Option<usize>> = None;
            while k < starts.len() && starts[k] < z {
                let at = starts[k];
                k += 1;
                if at < from {
                    continue;
                }
                if let Some(inner) = self.inner {
                    let last = *last_inner
                        .get_or_insert_with(|| inner.last_start_bound(&self.scan.low, a, z));
                    if last.is_none_or(|l| l < at) {
                        continue;
                    }
                }
                if let Some(g) = self.rule.starts_with {
                    if !self.gates.open(self.scan, g, at, z) {
                        // No match of the rule that every match of this one starts with.
                        self.searches.spared += 1;
                        continue;
                    }
                }
                self.searches.anchored += 1;
                let input = Input::new(self.scan.text)
                    .range(at..z)
                    .anchored(Anchored::Yes);
                let found = self.re.find(&input);
                // No match is known for sure only when the rule's own regex was searched
                // (a relaxed rule whose own regex cannot be built finds nothing long).
                if self.is_gate && (found.is_some() || !self.re.is_relaxed()) {
                    self.gates.known.insert((self.ri, at, z), found.is_some());
                }
                let Some(m) = found.filter(|m| !m.is_empty()) else {
                    continue;
                };
                let Some(m) = self.in_sentence(&input, m, |i| self.re.find(i)) else {
                    continue;
                };
                from = m.end();
                if !self.add_match(&input, m) {
                    return;
                }
            }
        }
    }

    /// Adds the hit of `m`, a match that [`RuleRegex::find`] found in `input`: its `hit`
    /// span and `place`, read from its groups when the rule has them; false when the
    /// budget is used up.
    fn add_match(&mut self, input: &Input, m: regex_automata::Match) -> bool {
        if !self.re.has_groups() {
            return self.add(m.start(), m.end(), Named::default());
        }
        let mut slots = self
            .caps
            .take()
            .unwrap_or_else(|| self.re.create_captures());
        let caps = self.re.groups(input, m, &mut slots);
        let go_on = match self.spans(caps) {
            Some((span, named)) => self.add(span.start, span.end, named),
            None => true,
        };
        self.caps = Some(slots);
        go_on
    }

    /// The hit span (the `hit` group, else the whole match) and the texts of the `place`
    /// and `item` groups of a match; `None` when there is no match or the hit is empty.
    fn spans(
        &self,
        caps: &regex_automata::util::captures::Captures,
    ) -> Option<(regex_automata::Span, Named<'a>)> {
        let whole = caps.get_match()?;
        let span = caps.get_group_by_name("hit").unwrap_or(whole.span());
        if span.start >= span.end {
            return None;
        }
        let text: &'a str = self.scan.text;
        let group = |name| caps.get_group_by_name(name).map(|p| &text[p.start..p.end]);
        let named = Named {
            place: group("place"),
            item: group("item"),
        };
        Some((span, named))
    }

    /// Adds the hit of the captured match `caps` ([`Search::spans`]), if any; false when
    /// the rule's budget is used up.
    fn add_captured(&mut self, caps: &regex_automata::util::captures::Captures) -> bool {
        match self.spans(caps) {
            Some((span, named)) => self.add(span.start, span.end, named),
            None => true,
        }
    }

    /// Adds the hit at `start..end`, if any; false when the rule's budget is used up.
    fn add(&mut self, start: usize, end: usize, named: Named<'_>) -> bool {
        match make_hit(self.scan, self.rule, self.re, start, end, named) {
            Some(h) => {
                let go_on = self.budget.take(&h);
                self.hits.push(h);
                go_on
            }
            None => true,
        }
    }
}

/// The byte after the char at `pos` of `text` (`pos + 1` at its end).
fn next_char(text: &str, pos: usize) -> usize {
    pos + text[pos..].chars().next().map_or(1, char::len_utf8)
}

/// Whether the sentence `sent` is an item of a list that a condition introduces ("If the
/// services are provided outside the EU, … at least one of the following conditions is
/// met:⏎- an adequacy decision; …"): the condition holds for every item.
fn in_conditional_list(scan: &Scan, rule: &CompiledRule, sent: (usize, usize)) -> bool {
    text::list_intro(scan.text, sent.0, |p| scan.sentence(p, p).0).is_some_and(|intro| {
        cues::conditional_intro(
            &scan.low,
            intro,
            &scan.rules.cues,
            &rule.extra_cues,
            scan.cue_occurrences(),
        )
    })
}

/// Most bytes of white space and markup between a sentence and the next one that
/// [`limited_by_next_sentence`] reads (a blank quoted line, a bold label's stars).
const NEXT_SENTENCE_GAP: usize = 16;

/// Whether the sentence right after `sent` holds one of `cues` as whole words: a note
/// that limits what the match promises ("Alle Kundendaten der Plattform werden
/// ausschließlich in Deutschland verarbeitet. Hinweis: Dieses Versprechen bezieht sich
/// ausschließlich auf die Daten innerhalb der Plattform").
fn limited_by_next_sentence(scan: &Scan, sent: (usize, usize), cues: &[String]) -> bool {
    if cues.is_empty() {
        return false;
    }
    let rest = scan.low.get(sent.1..).unwrap_or_default();
    let gap = rest.len()
        - rest
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '>' | '*' | '_'))
            .len();
    let a = sent.1 + gap;
    if gap > NEXT_SENTENCE_GAP || a >= scan.low.len() {
        return false;
    }
    let z = scan.sentence(a, a).1;
    scan.low.get(a..z).is_some_and(|next| {
        // "Dieses Versprechen gilt für alle Daten …", "This promise applies to all
        // personal data": a scope of all data limits nothing.
        cues::word_spans(next, cues).into_iter().any(|(_, e)| {
            let mut words = text::words(&next[e..]).skip_while(|w| ["die", "the"].contains(w));
            !words.next().is_some_and(|w| ALL_SCOPE_WORDS.contains(&w))
        })
    })
}

/// Words that, right after a note on a promise's scope, make the scope all data (lower
/// case): [`limited_by_next_sentence`].
const ALL_SCOPE_WORDS: [&str; 6] = ["alle", "sämtliche", "all", "any", "every", "jegliche"];

/// Bytes of a sentence's opening that [`text::is_definition`] reads: a list number, a
/// quoted term of at most 80 chars, a bracketed aside and the verb.
const DEFINITION_OPENING: usize = 512;

/// The texts of a match's named groups that a hit's value takes.
#[derive(Debug, Clone, Copy, Default)]
struct Named<'a> {
    /// The `place` group: a place name to resolve to city, region and country.
    place: Option<&'a str>,
    /// The `item` group: what `{item}` in the rule's value strings stands for, lower case
    /// ("b" in "Art. 28(3)(b)" makes `"art28_3_{item}"` "art28_3_b").
    item: Option<&'a str>,
}

/// Builds the hit of `rule` at `start..end`: value template (with the `item` group's text
/// for `{item}`), resolved place, cue and heading flags and kind-specific defaults. `None`
/// when a `place` group does not name a known place, an `item` group is empty, or the
/// rule's `not_after` words stand right before the hit.
fn make_hit(
    scan: &Scan,
    rule: &CompiledRule,
    re: &RuleRegex,
    start: usize,
    end: usize,
    named: Named<'_>,
) -> Option<Hit> {
    if !rule.not_after.is_empty() && text::ends_with_words(&scan.low, start, &rule.not_after) {
        return None;
    }
    let mut value = rule.value.clone();
    if re.has_item {
        let item = named.item.filter(|i| !i.is_empty())?.to_lowercase();
        for v in value.values_mut() {
            if let Value::String(s) = v {
                if s.contains("{item}") {
                    *s = s.replace("{item}", &item);
                }
            }
        }
    }
    if re.has_place {
        let p = resolve_place(&scan.rules.places, named.place?)?;
        value.insert("city".into(), p.city.map_or(Value::Null, Value::String));
        value.insert(
            "country".into(),
            p.country.map_or(Value::Null, Value::String),
        );
        value.insert("region".into(), p.region.map_or(Value::Null, Value::String));
    }
    if rule.flags.negated || rule.flags.historical || rule.flags.hypothetical || rule.flags.excluded
    {
        let sent = scan.sentence(start, end);
        let f = cues::flags(
            &scan.low,
            (start, end),
            sent,
            &scan.rules.cues,
            &rule.extra_cues,
            scan.cue_occurrences(),
        );
        if rule.flags.negated {
            value.insert("negated".into(), Value::Bool(f.negated));
        }
        if rule.flags.historical {
            // Under an entry of a list of former sub-processors, what it relied on is past;
            // so is what a change log says an earlier version relied on.
            let historical = f.historical
                || scan.in_change_log(start)
                || super::provider::cue_in(
                    scan,
                    (start.saturating_sub(text::FORMER_HEADING_REACH), start),
                    crate::patterns::compile::CueSet::HISTORICAL_BEFORE,
                    None,
                ) && text::in_former_list(scan.text, start);
            value.insert("historical".into(), Value::Bool(historical));
        }
        if rule.flags.excluded {
            value.insert("excluded".into(), Value::Bool(f.excluded));
            if let Some((s, e)) = f.exclusion_cue {
                // The cue as the document writes it ("nicht vorgesehen").
                let cue = scan.text.get(s..e).unwrap_or_default();
                value.insert("excluded_by".into(), Value::String(cue.to_string()));
            }
        }
        if rule.flags.hypothetical {
            let hypothetical = f.hypothetical
                || in_conditional_list(scan, rule, sent)
                || limited_by_next_sentence(scan, sent, &rule.extra_cues.hypothetical_next);
            value.insert("hypothetical".into(), Value::Bool(hypothetical));
        }
    }
    if rule.flags.heading {
        let heading = text::in_heading(scan.text, start, end)
            || text::in_run_in_heading(scan.text, start, end);
        value.insert("heading".into(), Value::Bool(heading));
    }
    if rule.flags.definition {
        // Only the sentence's opening decides (its end would cost a search forward).
        let a = scan.sentences.start(scan.text, start);
        let z = text::floor_boundary(scan.text, (a + DEFINITION_OPENING).min(scan.text.len()));
        let definition = scan.text.get(a..z).is_some_and(text::is_definition);
        value.insert("definition".into(), Value::Bool(definition));
    }
    match rule.kind {
        FindingKind::Transfer => super::transfer::complete(&mut value),
        FindingKind::Location => super::location::complete(&mut value),
        FindingKind::Clause => super::clause::complete(&rule.id, &mut value),
        FindingKind::Tracking => super::tracking::complete(&mut value),
        _ => {}
    }
    Some(Hit {
        kind: rule.kind,
        rule: rule.id.clone(),
        start,
        end,
        value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patterns::Rules;

    /// The hits of `text` as comparable tuples.
    fn hits(text: &str, rules: &Rules, strategy: Strategy) -> Vec<(String, usize, usize, String)> {
        let scan = Scan::new(text, rules);
        let mut hits = Vec::new();
        find_rule_hits_with(&scan, &mut hits, strategy);
        let mut out: Vec<_> = hits
            .into_iter()
            .map(|h| {
                (
                    h.rule,
                    h.start,
                    h.end,
                    serde_json::to_string(&h.value).unwrap(),
                )
            })
            .collect();
        out.sort();
        out
    }

    /// Texts to compare on: the corpus documents, every rule example (alone and all in one
    /// text) and a text full of prefix look-alikes in odd case.
    fn texts(rules: &Rules) -> Vec<String> {
        let mut out: Vec<String> = crate::matchers::snapshot::corpus_docs()
            .into_iter()
            .map(|(_, doc)| doc.text)
            .collect();
        let mut all = String::new();
        for r in &rules.rules {
            for e in r.examples.iter().chain(&r.negative_examples) {
                out.push(e.text.clone());
                all.push_str(&e.text);
                all.push(' ');
            }
        }
        out.push(all.clone());
        out.push(
            all.to_uppercase()
                .replace('S', "ſ")
                .replace('K', "\u{212A}"),
        );
        out.push("(„Auftragnehmer“) ((\"Processor\")) – Auftraggeber – ".repeat(50));
        out
    }

    /// The cue words are patterns of the keyword automaton too: the pass finds the same
    /// occurrences as the cue lists' own automata and sets them for the scan, over the
    /// test texts (the corpus documents and more). Each list is compared sorted:
    /// occurrences ending at the same byte may come in another order.
    #[test]
    fn the_keyword_pass_finds_the_cue_words() {
        let rules = Rules::embedded().unwrap();
        let (mut cues, mut transfer) = (0, 0);
        for text in &texts(&rules) {
            let scan = Scan::new(text, &rules);
            let _ = automaton_pass(&scan);
            let mut got = scan.cue_occurrences().clone();
            let mut want = cues::CueOccurrences::scan(&scan.low, &rules.cues);
            for o in [&mut got, &mut want] {
                o.cues.sort_unstable();
                o.transfer.sort_unstable();
            }
            assert_eq!(got, want, "{}", &text[..text.len().min(80)]);
            cues += want.cues.len();
            transfer += want.transfer.len();
        }
        assert!(
            cues > 500 && transfer > 500,
            "{cues} cues, {transfer} transfer words"
        );
    }

    /// A gazetteer term that is also a keyword or prefix is one string but two patterns
    /// of the automaton: the pass reports it for both.
    #[test]
    fn terms_shared_with_keywords_are_reported_for_both() {
        let rules = Rules::embedded().unwrap();
        let mut shared = 0;
        for (t, word) in rules.gazetteer.words.iter().enumerate() {
            let of_rules: Vec<usize> = (0..rules.rules.len())
                .filter(|&i| {
                    let r = &rules.rules[i];
                    r.keywords.contains(word) || r.prefixes.contains(word)
                })
                .collect();
            if of_rules.is_empty() {
                continue;
            }
            shared += 1;
            let text = format!("x. {word} x");
            let scan = Scan::new(&text, &rules);
            let (pass, terms) = automaton_pass(&scan);
            assert!(terms.contains(&(3, 3 + word.len(), t)), "term {word:?}");
            for i in of_rules {
                let r = &rules.rules[i];
                let seen = if r.keywords.contains(word) {
                    !pass.windows[i].is_empty()
                } else {
                    pass.prefix_starts(&rules, i, &[(0, text.len())]) == [3]
                };
                assert!(seen, "{word:?} for rule {}", r.id);
            }
        }
        assert!(shared > 3, "{shared} shared words");
    }

    #[test]
    fn runs_merge_into_one_ascending_list_without_repeats() {
        assert_eq!(merge_runs(vec![], &[]), Vec::<usize>::new());
        assert_eq!(merge_runs(vec![1, 4, 9], &[3]), vec![1, 4, 9]);
        // Three runs (an odd number), with repeats across runs.
        assert_eq!(
            merge_runs(vec![2, 7, 9, 1, 7, 3, 4, 10], &[3, 5, 8]),
            vec![1, 2, 3, 4, 7, 9, 10]
        );
        // Many runs of one element each, descending: the worst order.
        let v: Vec<usize> = (0..37).rev().collect();
        let runs: Vec<usize> = (1..=37).collect();
        assert_eq!(merge_runs(v, &runs), (0..37).collect::<Vec<_>>());
    }

    /// Windows as sorted, disjoint intervals covering the same bytes.
    fn union(mut ws: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
        ws.sort_unstable();
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (a, z) in ws {
            match out.last_mut() {
                Some(last) if last.1 >= a => last.1 = last.1.max(z),
                _ => out.push((a, z)),
            }
        }
        out
    }

    /// Reusing a keyword's window for later keywords is only a shortcut: each rule's
    /// windows cover at least what the own windows of its keyword occurrences cover (a
    /// reused window may be larger). The long sentence is the case a reused window used
    /// to cut short: a second keyword within reach of the first, whose own window
    /// reaches much further.
    #[test]
    fn windows_cover_each_keywords_own_window() {
        let rules = Rules::embedded().unwrap();
        let long = format!(
            "Processing {}processing{}.",
            "lorem ipsum ".repeat(28),
            " dolor sit amet".repeat(60)
        );
        let mut all = texts(&rules);
        all.push(long.clone());
        for text in &all {
            let scan = Scan::new(text, &rules);
            let (pass, _) = automaton_pass(&scan);
            let mut own: Vec<Vec<(usize, usize)>> = vec![Vec::new(); rules.rules.len()];
            for &i in &rules.always {
                own[i].push((0, text.len()));
            }
            rules
                .keyword_automaton
                .overlapping(scan.low.as_bytes(), |s, e, p| {
                    for &ri in rules.keyword_rules.get(p) {
                        own[ri as usize].push(keyword_window(&scan, s, e).window);
                    }
                });
            for (ri, own) in own.into_iter().enumerate() {
                let got = union(pass.windows[ri].clone());
                for (a, z) in union(own) {
                    assert!(
                        got.iter().any(|&(ga, gz)| ga <= a && z <= gz),
                        "{}: {a}..{z} not in {got:?} of {text:.100}",
                        rules.rules[ri].id
                    );
                }
            }
        }
        // The long sentence does reach past the first keyword's window.
        let scan = Scan::new(&long, &rules);
        let eu = rules
            .rules
            .iter()
            .position(|r| r.id == "location.eu")
            .unwrap();
        let (pass, _) = automaton_pass(&scan);
        assert!(pass.windows[eu]
            .iter()
            .any(|w| w.1 > 10 + KEYWORD_WINDOW + 100));
    }

    #[test]
    fn anchored_searches_find_what_window_scans_find() {
        let rules = Rules::embedded().expect("embedded rules");
        let with_prefixes = rules
            .rules
            .iter()
            .filter(|r| !r.prefixes.is_empty())
            .count();
        assert!(
            with_prefixes >= 50,
            "only {with_prefixes} rules have prefixes"
        );
        let mut compared = 0;
        for text in texts(&rules) {
            let scanned = hits(&text, &rules, Strategy::Scan);
            assert_eq!(
                scanned,
                hits(&text, &rules, Strategy::Anchored),
                "{text:.200}"
            );
            assert_eq!(
                scanned,
                hits(&text, &rules, Strategy::Cheapest),
                "{text:.200}"
            );
            compared += scanned.len();
        }
        assert!(compared > 1000, "only {compared} hits compared");
    }

    /// Every match of a rule with `starts_with_match_of` begins with a match of the rule
    /// it names (the declaration the spared searches rely on), over the corpus and every
    /// rule's examples; and on a text where the named rule finds nothing, the searches of
    /// the rules that start with it are spared, with the same hits as the reference.
    #[test]
    fn rules_that_start_with_another_rules_match_are_searched_only_there() {
        let rules = Rules::embedded().expect("embedded rules");
        let gated: Vec<_> = rules
            .rules
            .iter()
            .filter_map(|r| Some((r, &rules.rules[r.starts_with?])))
            .collect();
        assert!(gated.len() >= 6, "{}", gated.len());
        let mut checked = 0;
        for text in texts(&rules) {
            for &(r, g) in &gated {
                let exact = r.regex().unwrap().exact().unwrap();
                let gate = g.regex().unwrap().exact().unwrap();
                for m in exact.find_iter(text.as_str()) {
                    let at = Input::new(text.as_str())
                        .range(m.start()..)
                        .anchored(Anchored::Yes);
                    assert!(
                        gate.is_match(at),
                        "{} matches {:?}, {} does not match there",
                        r.id,
                        &text[m.range()],
                        g.id
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked >= 6, "only {checked} matches checked");
        // "Server" and "Rechenzentrum" without a place: no data-centre match anywhere.
        let text = "Die Server und Rechenzentren werden regelmäßig gewartet. \
            Our servers are located within a secure perimeter, and backups are stored on tape."
            .repeat(20);
        let scan = Scan::new(&text, &rules);
        let mut cheapest = Vec::new();
        let searches = find_rule_hits_with(&scan, &mut cheapest, Strategy::Anchored);
        assert!(searches.spared >= 6 * 20, "{searches:?}");
        assert_eq!(
            hits(&text, &rules, Strategy::Anchored),
            hits(&text, &rules, Strategy::Scan)
        );
    }

    /// A gate can itself be gated: the enumeration rules that capture the third or fourth
    /// place start with the match of the rule for the second place (the same regex), which
    /// starts with a data-centre match. Where a place follows but no enumeration of three
    /// or four, only the second-place rules search; the others are spared.
    #[test]
    fn a_chain_of_gates_spares_the_rules_behind_a_closed_gate() {
        let rules = Rules::embedded().expect("embedded rules");
        let gate_of = |id: &str| {
            let r = rules.rules.iter().find(|r| r.id == id).unwrap();
            rules.rules[r.starts_with.unwrap()].id.as_str()
        };
        assert_eq!(
            gate_of("location.datacenter_list_3_3"),
            "location.datacenter_list_3_2"
        );
        assert_eq!(
            gate_of("location.datacenter_list_4_4"),
            "location.datacenter_list_4_2"
        );
        assert_eq!(
            gate_of("location.datacenter_list_4_2"),
            "location.datacenter"
        );
        // Without places no gate opens, and no gate is searched but by its own rule.
        let text = "Die Server und Rechenzentren werden regelmäßig gewartet. ".repeat(20);
        let scan = Scan::new(&text, &rules);
        let searches = find_rule_hits_with(&scan, &mut Vec::new(), Strategy::Anchored);
        assert!(searches.spared >= 6 * 20, "{searches:?}");
        assert_eq!(searches.gate, 0, "{searches:?}");
        let text = "Backups are stored in Paris and Roubaix. ".repeat(20);
        let scan = Scan::new(&text, &rules);
        let searches = find_rule_hits_with(&scan, &mut Vec::new(), Strategy::Anchored);
        // 3_3, 4_3 and 4_4 at each of the 20 places.
        assert!(searches.spared >= 3 * 20, "{searches:?}");
        let found = hits(&text, &rules, Strategy::Anchored);
        assert_eq!(found, hits(&text, &rules, Strategy::Scan));
        assert!(found.iter().any(|h| h.0 == "location.datacenter_list_2_2"));
        // And where there is an enumeration of three, the third place is found.
        let three = "Backups are stored in Paris, Roubaix and Strasbourg. ".repeat(3);
        let found = hits(&three, &rules, Strategy::Anchored);
        assert_eq!(found, hits(&three, &rules, Strategy::Scan));
        assert!(
            found
                .iter()
                .any(|h| h.0 == "location.datacenter_list_3_3" && three[h.1..h.2] == *"Strasbourg"),
            "{found:?}"
        );
    }

    /// A relaxed regex allows any gap; the rule does not. A match with a gap longer than
    /// the rule allows is no hit, with every strategy: for a rule without groups (whose
    /// relaxed match would be taken as it is) and for one with a `hit` group.
    #[test]
    fn a_gap_longer_than_the_rule_allows_is_no_hit() {
        let rules = Rules::embedded().expect("embedded rules");
        let gap = |n| "und gesichert ".repeat(n);
        /// (rule, the gap's bound, the text around a gap of n x 14 bytes)
        type Case = (&'static str, usize, fn(String) -> String);
        let cases: [Case; 2] = [
            // " " + gap: 57 chars for n = 4, 85 for 6.
            ("clause.art28_3_e", 80, |g| {
                format!("Anfragen betroffener Personen {g}unterstützt der Auftragnehmer.")
            }),
            // " " + gap + "ausschließlich " (15 chars): 72 for n = 4, 100 for 6.
            ("location.eu", 80, |g| {
                format!("Die Daten werden gespeichert {g}ausschließlich in der EU.")
            }),
        ];
        for (id, within, text) in cases {
            let rule = rules.rules.iter().find(|r| r.id == id).unwrap();
            let re = rule.regex().unwrap();
            assert!(re.is_relaxed(), "{id}");
            assert_eq!(re.within.iter().min(), Some(&within), "{id}");
            let count = |text: &str, strategy| {
                hits(text, &rules, strategy)
                    .into_iter()
                    .filter(|h| h.0 == id)
                    .count()
            };
            let (fits, too_long) = (text(gap(4)), text(gap(6)));
            assert!(re.first().is_match(too_long.as_str()), "{id}");
            for strategy in [Strategy::Scan, Strategy::Anchored, Strategy::Cheapest] {
                assert_eq!(count(&fits, strategy), 1, "{id} {strategy:?}: {fits}");
                assert_eq!(
                    count(&too_long, strategy),
                    0,
                    "{id} {strategy:?}: {too_long}"
                );
            }
        }
    }

    #[test]
    fn every_match_contains_an_inner_string() {
        let rules = Rules::embedded().expect("embedded rules");
        let with_inner: Vec<_> = rules
            .rules
            .iter()
            .filter_map(|r| Some((r, r.regex()?.inner.as_ref()?)))
            .collect();
        assert!(
            with_inner.len() >= 10,
            "only {} rules have inner strings",
            with_inner.len()
        );
        let mut checked = 0;
        for text in texts(&rules) {
            let low = text::lower_preserving(&text);
            for &(r, inner) in &with_inner {
                let words = &inner.words;
                let re = r.regex().expect("rule builds");
                for m in re.exact().unwrap().find_iter(text.as_str()) {
                    let span = &low[m.start()..m.end()];
                    assert!(
                        words.iter().any(|w| span.contains(w.as_str())),
                        "{}: match {:?} contains none of {words:?}",
                        r.id,
                        &text[m.start()..m.end()],
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 100, "only {checked} matches checked");
    }

    #[test]
    fn every_match_starts_with_a_prefix() {
        let rules = Rules::embedded().expect("embedded rules");
        for text in texts(&rules) {
            let low = text::lower_preserving(&text);
            for r in rules.rules.iter().filter(|r| !r.prefixes.is_empty()) {
                let re = r.regex().expect("rule builds");
                for m in re.exact().unwrap().find_iter(text.as_str()) {
                    assert!(
                        r.prefixes
                            .iter()
                            .any(|p| low[m.start()..].starts_with(p.as_str())),
                        "{}: match {:?} starts with none of {:?}",
                        r.id,
                        &text[m.start()..m.end()],
                        r.prefixes
                    );
                }
            }
        }
    }
}

//! The keyword automaton: the rules' keywords and required prefixes, the gazetteer's
//! terms and the cue words in one Aho-Corasick automaton, run over the lower-cased text
//! in one overlapping pass ([`KeywordAutomaton::overlapping`]).
//!
//! This module builds the automaton into a table of its own (until the forty-third session
//! it copied the aho-corasick crate's noncontiguous NFA, asking it for every transition:
//! 11-13 ms of each start of dpascan, now 3-5 ms; the crate's overlapping search stays the
//! reference its tests compare with). Each byte that occurs in a pattern
//! is a column of its own and all other bytes share one, so a row has as many entries as
//! there are distinct bytes, plus one: 72 for the embedded patterns, where the crate's DFA
//! pads its rows to a power of two (128). With 12,146 states that is 3.5 MB instead of
//! 6.3 MB, and cheaper to build; the bare pass over the GitHub DPA x10 takes 3.5 ms
//! against 4.0 over the crate's DFA (`find_throughput --pass`). (Those figures are from
//! before the cue words joined; with them the table takes 4.0 MB: `cargo run --release
//! --example rule_prefixes`.) Match states come first, so that whether a state matches is
//! one comparison.

use anyhow::{bail, Context};

/// An Aho-Corasick automaton (standard, overlapping matches) over byte patterns, as a
/// dense transition table.
#[derive(Debug, Clone)]
pub struct KeywordAutomaton {
    /// The column of each byte.
    classes: [u8; 256],
    /// `ceil(2^32 / columns)`: a state id times this, shifted right by 32, is its row
    /// (exact for every id, all multiples of the number of columns and below `2^32`),
    /// without a division for every match reported.
    row_factor: u64,
    /// `trans[s + classes[b]]` is the state after reading `b` in state `s`. A state's id
    /// is its row times the number of columns, so it indexes its row directly.
    trans: Vec<u32>,
    /// States with smaller ids are match states.
    match_limit: u32,
    /// The start state's id.
    start: u32,
    /// Per match state (by row): its patterns' range in `flat`.
    lists: Vec<(u32, u32)>,
    /// (pattern id, pattern length in bytes) of the match states' patterns; those of one
    /// state in the crate's order.
    flat: Vec<(u32, u32)>,
    /// The longest pattern, in bytes.
    max_pattern_len: usize,
}

impl KeywordAutomaton {
    /// The automaton over `patterns` (pattern id = index); none may be empty.
    ///
    /// Built here, not by the aho-corasick crate: a trie of the patterns, its failure links
    /// in breadth-first order, and each state's row copied from its failure state's row
    /// (done before, as that state is shallower) with its own children written over it.
    /// The matches are the crate's, in its order (the tests compare them on every corpus
    /// document).
    pub fn new<P: AsRef<[u8]>>(patterns: &[P]) -> anyhow::Result<KeywordAutomaton> {
        if let Some(i) = patterns.iter().position(|p| p.as_ref().is_empty()) {
            bail!("keyword automaton: pattern {i} is empty");
        }
        // Columns: one per byte that occurs in a pattern, one for all other bytes.
        let mut used = [false; 256];
        for p in patterns {
            for &b in p.as_ref() {
                used[usize::from(b)] = true;
            }
        }
        let mut classes = [0u8; 256];
        let mut reps: Vec<u8> = Vec::new();
        if let Some(other) = (0..=255u8).find(|&b| !used[usize::from(b)]) {
            reps.push(other);
        }
        for b in 0..=255u8 {
            if used[usize::from(b)] {
                reps.push(b);
            }
        }
        // Bytes not used keep column 0, the column of the first of them.
        for (c, &b) in reps.iter().enumerate() {
            classes[usize::from(b)] = c as u8;
        }
        let stride = reps.len();

        // The trie: state 0 is the start; states are numbered as they are made, pattern
        // by pattern (the crate's order too). Children as (column, state), few per state.
        let mut children: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut depth: Vec<usize> = vec![0];
        let mut own: Vec<Vec<u32>> = vec![Vec::new()];
        for (pid, p) in patterns.iter().enumerate() {
            let mut s = 0usize;
            for (i, &b) in p.as_ref().iter().enumerate() {
                let col = classes[usize::from(b)];
                s = match children[s].iter().find(|&&(c, _)| c == col) {
                    Some(&(_, next)) => next as usize,
                    None => {
                        let next = depth.len();
                        let id =
                            u32::try_from(next).context("keyword automaton: too many states")?;
                        children[s].push((col, id));
                        children.push(Vec::new());
                        depth.push(i + 1);
                        own.push(Vec::new());
                        next
                    }
                };
            }
            own[s].push(pid as u32);
        }
        let states = depth.len();

        // Failure links breadth first (a state's failure state is shallower, so done
        // before it); a state's matches are its own patterns, then its failure state's.
        let child = |s: usize, col: u8| {
            children[s]
                .iter()
                .find(|&&(c, _)| c == col)
                .map(|&(_, n)| n as usize)
        };
        let mut fail: Vec<usize> = vec![0; states];
        let mut matches: Vec<Vec<u32>> = vec![Vec::new(); states];
        let mut bfs: Vec<usize> = Vec::with_capacity(states);
        bfs.push(0);
        let mut next_in_bfs = 0;
        while let Some(&s) = bfs.get(next_in_bfs) {
            next_in_bfs += 1;
            for &(col, c) in &children[s] {
                let c = c as usize;
                let mut f = fail[s];
                fail[c] = loop {
                    if s == 0 {
                        break 0;
                    }
                    if let Some(n) = child(f, col) {
                        break n;
                    }
                    if f == 0 {
                        break 0;
                    }
                    f = fail[f];
                };
                let mut list = std::mem::take(&mut own[c]);
                list.extend_from_slice(&matches[fail[c]]);
                matches[c] = list;
                bfs.push(c);
            }
        }

        // Rows: match states first, each group by depth (the states near the start, which
        // most bytes lead to, lie together), then by the order they were made.
        let mut order: Vec<usize> = (0..states).collect();
        order.sort_by_key(|&s| (matches[s].is_empty(), depth[s], s));
        let mut row_of = vec![0usize; states];
        for (row, &s) in order.iter().enumerate() {
            row_of[s] = row;
        }
        let ids = states
            .checked_mul(stride)
            .filter(|&n| u32::try_from(n).is_ok())
            .context("keyword automaton: too many states")?;
        // Each state's row, breadth first: its failure state's row (the start's: all to
        // the start), with its own children written over it.
        let mut trans = vec![0u32; ids];
        let start_id = (row_of[0] * stride) as u32;
        for &s in &bfs {
            let at = row_of[s] * stride;
            if s == 0 {
                trans[at..at + stride].fill(start_id);
            } else {
                let from = row_of[fail[s]] * stride;
                trans.copy_within(from..from + stride, at);
            }
            for &(col, c) in &children[s] {
                trans[at + usize::from(col)] = (row_of[c as usize] * stride) as u32;
            }
        }
        let mut lists = Vec::new();
        let mut flat = Vec::new();
        for &s in order.iter().take_while(|&&s| !matches[s].is_empty()) {
            let first = flat.len() as u32;
            flat.extend(
                matches[s]
                    .iter()
                    .map(|&pid| (pid, patterns[pid as usize].as_ref().len() as u32)),
            );
            lists.push((first, flat.len() as u32));
        }
        Ok(KeywordAutomaton {
            classes,
            row_factor: (1u64 << 32).div_ceil(stride as u64),
            match_limit: lists.len() as u32 * stride as u32,
            start: start_id,
            trans,
            lists,
            flat,
            max_pattern_len: patterns.iter().map(|p| p.as_ref().len()).max().unwrap_or(0),
        })
    }

    /// Bytes of heap the table takes.
    pub fn memory_usage(&self) -> usize {
        self.trans.len() * 4 + self.lists.len() * 8 + self.flat.len() * 8
    }

    /// The state after reading `b` in state `s`.
    #[inline(always)]
    fn next(&self, s: u32, b: u8) -> u32 {
        self.trans[s as usize + usize::from(self.classes[usize::from(b)])]
    }

    /// Calls `f(start, end, pattern)` for every occurrence of every pattern in `hay`, in
    /// the order of their ends; occurrences ending at the same byte come in the crate's
    /// order. The same matches as [`aho_corasick::AhoCorasick::find_overlapping_iter`].
    ///
    /// A step waits for the load of the next state, and the table is larger than the L2
    /// cache, so one stream of steps spends most of its time waiting: the text is cut into
    /// [`STREAMS`] pieces that are stepped through side by side (their loads overlap), and
    /// the matches of the later pieces are reported after those of the first. Each piece
    /// after the first starts `max_pattern_len` bytes early, so its state is the true one
    /// by the time it reaches its own bytes (an Aho-Corasick state is the longest suffix
    /// of the text read that begins a pattern, never longer than that).
    pub fn overlapping(&self, hay: &[u8], mut f: impl FnMut(usize, usize, usize)) {
        let piece = hay.len().div_ceil(STREAMS);
        let warm = self.max_pattern_len;
        if piece < MIN_PIECE.max(2 * warm) {
            self.overlapping_in_one_stream(hay, &mut f);
            return;
        }
        // Stream k reads hay[from[k]..] and reports matches ending after own[k].
        let own: [usize; STREAMS] = std::array::from_fn(|k| k * piece);
        let from: [usize; STREAMS] = std::array::from_fn(|k| own[k].saturating_sub(warm));
        let to: [usize; STREAMS] = std::array::from_fn(|k| (own[k] + piece).min(hay.len()));
        let steps = (0..STREAMS).map(|k| to[k] - from[k]).min().unwrap_or(0);
        let lanes: [&[u8]; STREAMS] = std::array::from_fn(|k| &hay[from[k]..from[k] + steps]);
        let mut sid = [self.start; STREAMS];
        // (end, state) of each match state reached, per stream; room for one per
        // [`BYTES_PER_MATCH`] bytes, so that a growing vector seldom copies itself.
        let mut found: [Vec<(usize, u32)>; STREAMS] =
            std::array::from_fn(|_| Vec::with_capacity(piece / BYTES_PER_MATCH));
        // Steps go in blocks; within a block each stream writes every state to its buffer
        // and moves on only past match states: no branch on the (unpredictable) matches.
        let mut buf = [[(0u32, self.start); BLOCK_STEPS]; STREAMS];
        for block in (0..steps).step_by(BLOCK_STEPS) {
            let n_steps = BLOCK_STEPS.min(steps - block);
            let mut n = [0usize; STREAMS];
            for j in 0..n_steps {
                for k in 0..STREAMS {
                    sid[k] = self.next(sid[k], lanes[k][block + j]);
                    // n[k] <= j, so the mask changes nothing; it spares the bounds check.
                    buf[k][n[k] & (BLOCK_STEPS - 1)] = (j as u32, sid[k]);
                    n[k] += usize::from(sid[k] < self.match_limit);
                }
            }
            for k in 0..STREAMS {
                let base = from[k] + block + 1;
                found[k].extend(buf[k][..n[k]].iter().map(|&(j, s)| (base + j as usize, s)));
            }
        }
        // The rest of each stream (pieces differ in length by the warm-up), one at a time.
        for k in 0..STREAMS {
            for (i, &b) in hay[from[k] + steps..to[k]].iter().enumerate() {
                sid[k] = self.next(sid[k], b);
                if sid[k] < self.match_limit {
                    found[k].push((from[k] + steps + i + 1, sid[k]));
                }
            }
        }
        for k in 0..STREAMS {
            for &(end, s) in &found[k] {
                if end > own[k] {
                    self.report(s, end, &mut f);
                }
            }
        }
    }

    /// [`KeywordAutomaton::overlapping`] in one stream of steps.
    pub fn overlapping_in_one_stream(&self, hay: &[u8], mut f: impl FnMut(usize, usize, usize)) {
        let mut sid = self.start;
        for (i, &b) in hay.iter().enumerate() {
            sid = self.next(sid, b);
            if sid < self.match_limit {
                self.report(sid, i + 1, &mut f);
            }
        }
    }

    /// Calls `f(start, end, pattern)` for each pattern of match state `s`, ending at
    /// `end`; out of line, so that the loops of the pass stay small.
    #[inline(never)]
    fn report(&self, s: u32, end: usize, f: &mut impl FnMut(usize, usize, usize)) {
        let row = (u64::from(s) * self.row_factor) >> 32;
        let Some(&(a, z)) = self.lists.get(row as usize) else {
            return;
        };
        for &(p, len) in self.flat.get(a as usize..z as usize).unwrap_or_default() {
            f(end - len as usize, end, p as usize);
        }
    }
}

/// Bytes per match state that [`KeywordAutomaton::overlapping`] makes room for in
/// advance: contracts have one every 8 to 10 bytes (keyword prefixes such as "in" and
/// "die" are frequent; ../shared/realworld 8.5 on average, 8 of its 38 documents fewer
/// than 8), and growing a vector of them copies it (unused room is never touched, so
/// costs nothing).
pub const BYTES_PER_MATCH: usize = 5;

/// Steps per block of [`KeywordAutomaton::overlapping`] (a power of two).
const BLOCK_STEPS: usize = 256;

/// Pieces of [`KeywordAutomaton::overlapping`] are at least this long (bytes); shorter
/// texts run in one stream.
const MIN_PIECE: usize = 4096;

/// How many pieces of the text [`KeywordAutomaton::overlapping`] steps through side by
/// side. Measured on the 50-page German contract: 2 streams halved the time of the
/// keyword pass, 4 took 40 % of it; with the gazetteer terms in the automaton too, 4 and
/// 8 were equal within the noise.
pub const STREAMS: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matchers::text::lower_preserving;
    use aho_corasick::MatchKind;

    /// The number of distinct columns.
    fn columns(ka: &KeywordAutomaton) -> usize {
        ka.classes
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    }

    /// What the crate's own overlapping search finds for `patterns` in `hay`.
    fn crates_matches<P: AsRef<[u8]>>(patterns: &[P], hay: &[u8]) -> Vec<(usize, usize, usize)> {
        aho_corasick::AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(patterns)
            .unwrap()
            .find_overlapping_iter(hay)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect()
    }

    #[test]
    fn overlapping_is_the_crates_overlapping_search() {
        let patterns = [
            "in",
            "eu",
            " eu",
            "europ",
            "ä",
            "daten",
            "atenschutz",
            "n",
            "nn",
        ];
        let ka = KeywordAutomaton::new(&patterns).unwrap();
        // 17 distinct bytes in the patterns, plus one column for all others.
        assert_eq!(columns(&ka), 18);
        let line = "Daten in der EU: datenschutz, europäisch, innen, ännn ";
        // Short texts run in one stream, long ones in STREAMS pieces; the lengths around
        // the cut-over and odd lengths put matches across the pieces' borders.
        let split = MIN_PIECE * STREAMS;
        for len in [
            line.len() * 3,
            split - 1,
            split,
            split + 1,
            split + 7,
            50_003,
        ] {
            let hay: String = line
                .repeat(len / line.len() + 1)
                .chars()
                .take(len)
                .collect();
            let low = lower_preserving(&hay);
            let want = crates_matches(&patterns, low.as_bytes());
            assert!(want.len() > 50);
            let mut got = Vec::new();
            ka.overlapping(low.as_bytes(), |s, e, p| got.push((s, e, p)));
            assert_eq!(got, want, "text of {len} chars");
            got.clear();
            ka.overlapping_in_one_stream(low.as_bytes(), |s, e, p| got.push((s, e, p)));
            assert_eq!(got, want, "one stream, text of {len} chars");
        }
    }

    /// Every byte value, in the text and in the patterns: one pattern set uses all 256
    /// (no column shared), one a few (all other bytes share column 0).
    #[test]
    fn every_byte_is_read_right() {
        let all: Vec<u8> = (0..=255u8).collect();
        let hay: Vec<u8> = all
            .iter()
            .chain(all.iter().rev())
            .chain(&all)
            .copied()
            .collect();
        let few: [&[u8]; 4] = [&all[10..13], &all[200..201], &[0, 255], &[255, 0]];
        for (patterns, stride) in [(vec![&all[..], &all[254..]], 256), (few.to_vec(), 7)] {
            let ka = KeywordAutomaton::new(&patterns).unwrap();
            assert_eq!(columns(&ka), stride);
            let want = crates_matches(&patterns, &hay);
            assert!(want.len() >= patterns.len());
            let mut got = Vec::new();
            ka.overlapping_in_one_stream(&hay, |s, e, p| got.push((s, e, p)));
            assert_eq!(got, want);
        }
    }

    /// A state id times `row_factor`, shifted right by 32, is its row, up to the largest
    /// id a table can have.
    #[test]
    fn row_factor_divides_exactly() {
        for columns in [1u64, 7, 18, 72, 255, 256] {
            let factor = (1u64 << 32).div_ceil(columns);
            let rows = u64::from(u32::MAX) / columns;
            for row in (0..1000).chain(rows - 1000..rows) {
                assert_eq!((row * columns * factor) >> 32, row, "{columns} columns");
            }
        }
    }

    #[test]
    fn empty_patterns_are_an_error_and_no_patterns_match_nothing() {
        assert!(KeywordAutomaton::new(&["eu", ""]).is_err());
        let none = KeywordAutomaton::new::<&str>(&[]).unwrap();
        let mut n = 0;
        none.overlapping(&[b'a'; 100_000], |_, _, _| n += 1);
        assert_eq!(n, 0);
    }

    /// On the real automaton (keywords, prefixes, gazetteer terms, cue words), the pass
    /// finds what the crate's overlapping search finds, on every corpus document.
    #[test]
    fn the_rules_automaton_is_the_crates() {
        let rules = crate::patterns::Rules::embedded().unwrap();
        // The patterns as `patterns::compile` orders them: keywords and prefixes sorted,
        // then the gazetteer terms, the cue words and the transfer words.
        let words: std::collections::BTreeSet<&String> = rules
            .rules
            .iter()
            .flat_map(|r| r.keywords.iter().chain(&r.prefixes))
            .collect();
        assert_eq!(words.len(), rules.keyword_patterns);
        let patterns: Vec<&String> = words
            .into_iter()
            .chain(&rules.gazetteer.words)
            .chain(&rules.cues.combined.words)
            .chain(&rules.cues.lists.transfer_words.words)
            .collect();
        for (name, doc) in crate::matchers::snapshot::corpus_docs() {
            let low = lower_preserving(&doc.text);
            let mut got = Vec::new();
            rules
                .keyword_automaton
                .overlapping(low.as_bytes(), |s, e, p| got.push((s, e, p)));
            assert!(!got.is_empty(), "{name}");
            assert_eq!(got, crates_matches(&patterns, low.as_bytes()), "{name}");
        }
    }
}

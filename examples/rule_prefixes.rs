//! Shows each rule's required prefixes (`cargo run --release --example rule_prefixes`),
//! and with `-- TEXTFILE` how often the keywords, prefixes, gazetteer terms and cue words
//! occur in that text, most frequent first (each occurrence costs the automaton pass a
//! reported match).
use dpascan::matchers::text::lower_preserving;
use dpascan::patterns::Rules;

fn main() -> anyhow::Result<()> {
    let rules = Rules::embedded()?;
    let cue_words = &rules.cues.combined.words;
    let transfer_words = &rules.cues.lists.transfer_words.words;
    eprintln!(
        "automaton: {} keyword and prefix patterns, {} gazetteer terms, {} cue words, {} KiB",
        rules.keyword_patterns,
        rules.gazetteer.words.len(),
        cue_words.len() + transfer_words.len(),
        rules.keyword_automaton.memory_usage() / 1024
    );
    let Some(path) = std::env::args().nth(1) else {
        for r in &rules.rules {
            let shown = &r.prefixes[..r.prefixes.len().min(12)];
            println!("{:40} {:3} {:?}", r.id, r.prefixes.len(), shown);
            if let Some(inner) = r.regex().and_then(|re| re.inner.as_ref()) {
                println!("{:40} inner {:?}", "", inner.words);
            }
        }
        return Ok(());
    };
    let low = lower_preserving(&std::fs::read_to_string(path)?);
    let mut counts = vec![0usize; rules.cue_patterns + cue_words.len() + transfer_words.len()];
    rules
        .keyword_automaton
        .overlapping(low.as_bytes(), |_, _, p| counts[p] += 1);
    let mut rows: Vec<(usize, usize)> = counts
        .into_iter()
        .enumerate()
        .map(|(p, n)| (n, p))
        .collect();
    rows.sort_unstable_by(|a, b| b.cmp(a));
    let total: usize = rows.iter().map(|r| r.0).sum();
    println!("{total} matches in {} bytes", low.len());
    // Keyword and prefix patterns are the rules' keywords and prefixes, sorted.
    let words: Vec<&String> = rules
        .rules
        .iter()
        .flat_map(|r| r.keywords.iter().chain(&r.prefixes))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    for (n, p) in rows.into_iter().take(30) {
        let name = |ids: &[u32]| {
            ids.iter()
                .map(|&i| rules.rules[i as usize].id.as_str())
                .collect::<Vec<_>>()
                .join(",")
        };
        let word = words.get(p).map_or("", |w| w.as_str());
        let cue = p.checked_sub(rules.cue_patterns);
        match (cue, p.checked_sub(rules.keyword_patterns)) {
            (Some(c), _) => match cue_words.get(c) {
                Some(w) => println!("{n:7}  cue word {w:?}"),
                None => println!(
                    "{n:7}  transfer word {:?}",
                    transfer_words[c - cue_words.len()]
                ),
            },
            (None, Some(t)) => println!("{n:7}  gazetteer term {:?}", rules.gazetteer.words[t]),
            (None, None) => println!(
                "{n:7}  {word:?}: keyword of [{}]  prefix of [{}]",
                name(rules.keyword_rules.get(p)),
                name(&prefix_of(&rules, p))
            ),
        }
    }
    Ok(())
}

/// The rules that pattern `p` is a required prefix of.
fn prefix_of(rules: &Rules, p: usize) -> Vec<u32> {
    (0..rules.rules.len() as u32)
        .filter(|&r| rules.rule_prefixes.get(r as usize).contains(&(p as u32)))
        .collect()
}

//! Times the automaton pass alone (`matchers::text::overlapping` with a counting callback)
//! against the full pass (`matchers::rules::automaton_pass`, which records windows,
//! prefix starts and gazetteer terms): best of RUNS, warm.
//! `cargo run --release --example pass_parts -- FILE [REPEAT] [RUNS]`.
use std::time::Instant;

use dpascan::extract::{normalize::normalize, RawText};
use dpascan::matchers::{rules::automaton_pass, text, Scan};
use dpascan::patterns::Rules;

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .ok_or_else(|| anyhow::anyhow!("usage: pass_parts FILE [REPEAT] [RUNS]"))?;
    let repeat: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10);
    let runs: usize = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10)
        .max(1);
    let one = std::fs::read_to_string(path)?;
    let text = std::iter::repeat_n(one.as_str(), repeat)
        .collect::<Vec<_>>()
        .join("\n");
    let doc = normalize(RawText {
        pages: vec![text],
        paged: false,
        ..RawText::default()
    });
    let rules = Rules::embedded()?;
    let dfa = rules
        .automaton
        .as_ref()
        .ok_or_else(|| anyhow::anyhow!("no automaton"))?;
    let scan = Scan::new(&doc.text, &rules);
    let mb = doc.text.len() as f64 / 1e6;
    let row = |name: &str, t: f64| println!("{name:28} {:7.2} ms {:6.0} MB/s", t * 1e3, mb / t);
    for _ in 0..3 {
        row(
            "pass, counting matches",
            best(runs, || {
                let mut n = 0usize;
                text::overlapping(dfa, &rules.match_table, scan.low.as_bytes(), |_, _, p| {
                    n += p
                });
                n
            }),
        );
        row("automaton_pass", best(runs, || automaton_pass(&scan)));
        row(
            "Scan::new",
            best(runs, || Scan::new(&doc.text, &rules).low.len()),
        );
    }
    Ok(())
}

//! Measures `find` + `analyze` over distinct documents, each once per pass, the way a
//! batch meets them (no text repeated back to back).
//!
//! `cargo run --release --example docs_throughput -- [DIR...] [--passes N]` extracts every
//! document under the DIRs (default `corpus/docs`; e.g. `../shared/realworld`) outside the
//! timing, then prints MB/s of each pass over all of them (default 4 passes). Pass 0 also
//! pays for the lazy DFAs' first states; later passes are warm.
//!
//! Repeating one text (`examples/find_throughput.rs`) keeps the rules' lazy-DFA states and
//! the automaton in the CPU caches and so overstates what a batch of different documents
//! gets: in the seventh session `find` ran at 76 MB/s over the GitHub DPA x10 there, against
//! 15-24 MB/s (find + analyze, warm) here over the 38 documents of ../shared/realworld.

use std::path::PathBuf;
use std::time::Instant;

use dpascan::analyze::analyze;
use dpascan::extract::{detect, extract, Limits};
use dpascan::matchers::find;
use dpascan::patterns::Rules;

fn main() -> anyhow::Result<()> {
    let mut dirs = Vec::new();
    let mut passes = 4;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--passes" {
            passes = args.next().and_then(|n| n.parse().ok()).unwrap_or(passes);
        } else {
            dirs.push(PathBuf::from(a));
        }
    }
    if dirs.is_empty() {
        dirs.push(PathBuf::from("corpus/docs"));
    }
    let rules = Rules::embedded()?;
    rules.build_all();
    let mut paths = Vec::new();
    for dir in &dirs {
        files(dir, &mut paths)?;
    }
    paths.sort();
    let mut docs = Vec::new();
    for p in paths {
        let bytes = std::fs::read(&p)?;
        let Some(format) = detect(&bytes, &p) else {
            continue;
        };
        if let Ok(d) = extract(&bytes, format, &Limits::default()) {
            docs.push(d);
        }
    }
    let total: usize = docs.iter().map(|d| d.text.len()).sum();
    for pass in 0..passes {
        let t = Instant::now();
        one_pass(&docs, &rules);
        let s = t.elapsed().as_secs_f64();
        println!(
            "pass {pass}: {} documents, {total} bytes, {:.1} ms, {:.1} MB/s",
            docs.len(),
            s * 1e3,
            total as f64 / s / 1e6
        );
    }
    Ok(())
}

/// `find` + `analyze` of every document once; a function of its own so that a profiler
/// can count only these passes (`valgrind --tool=callgrind --collect-atstart=no
/// --toggle-collect='docs_throughput::one_pass' …`).
#[inline(never)]
fn one_pass(docs: &[dpascan::extract::Extracted], rules: &Rules) {
    for d in docs {
        let f = find(d, rules, None);
        std::hint::black_box(analyze(d, &f, None, &rules.adequacy));
    }
}

/// Appends the files under `dir` (recursively) to `out`.
fn files(dir: &std::path::Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            files(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

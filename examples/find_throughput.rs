//! Measures `matchers::find` throughput, or shows the findings of a text.
//!
//! `cargo run --release --example find_throughput -- FILE [REPEAT] [RUNS]` prints the MB/s of
//! `find` and of `find` + `analyze` (best of RUNS, default 5; the text is FILE REPEAT times,
//! default 10);
//! `-- --pass FILE [REPEAT] [RUNS]` times the automaton pass alone (counting its matches)
//! against `matchers::rules::automaton_pass` (with its windows, prefix starts and terms);
//! `-- --check` prints the `patterns check` report;
//! `cargo run --example find_throughput -- --show "some text"` (or `--show @FILE`) prints the findings.

use std::time::Instant;

use dpascan::analyze::analyze;
use dpascan::extract::{normalize::normalize, RawText};
use dpascan::matchers::find;
use dpascan::patterns::Rules;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--check") {
        print!("{}", dpascan::patterns::check_patterns(None)?.0);
        return Ok(());
    }
    let rules = Rules::embedded()?;
    if args.first().map(String::as_str) == Some("--show") {
        let arg = args.get(1).cloned().unwrap_or_default();
        // `--show @FILE` reads the text from FILE.
        let text = match arg.strip_prefix('@') {
            Some(path) => std::fs::read_to_string(path)?,
            None => arg,
        };
        let doc = normalize(RawText {
            pages: vec![text],
            paged: false,
            ..RawText::default()
        });
        for f in find(&doc, &rules, None) {
            println!(
                "{} {} {} {:?} {} {:?}",
                f.rule, f.start, f.end, f.text, f.value, f.context
            );
        }
        return Ok(());
    }
    if args.first().map(String::as_str) == Some("--pass") {
        return pass(&args[1..], &rules);
    }
    let (doc, runs) = load(&args)?;
    // Rules build their regexes (and their lazy DFAs their states) on first use: one
    // untimed run first.
    analyze(&doc, &find(&doc, &rules, None), None, &rules.adequacy);
    let mb = doc.text.len() as f64 / 1e6;
    let (mut best, mut best_all) = (f64::MAX, f64::MAX);
    let mut n = 0;
    for _ in 0..runs {
        let (t_find, t_all, found) = timed_run(&doc, &rules);
        n = found;
        best = best.min(t_find);
        best_all = best_all.min(t_all);
        if std::env::var("EACH").is_ok() {
            eprintln!("run: find {:.1} ms", t_find * 1e3);
        }
    }
    println!(
        "{mb:.2} MB ({} bytes), {n} findings, best of {runs}: find {:.1} ms = {:.0} MB/s; find+analyze {:.1} ms = {:.0} MB/s",
        doc.text.len(),
        best * 1e3,
        mb / best,
        best_all * 1e3,
        mb / best_all
    );
    Ok(())
}

/// One timed find + analyze: (find seconds, find + analyze seconds, findings). A function
/// of its own so that a profiler can count only these runs:
/// `valgrind --tool=callgrind --collect-atstart=no --toggle-collect='find_throughput::timed_run' …`.
#[inline(never)]
fn timed_run(doc: &dpascan::extract::Extracted, rules: &Rules) -> (f64, f64, usize) {
    let t = Instant::now();
    let findings = find(doc, rules, None);
    let t_find = t.elapsed().as_secs_f64();
    let a = analyze(doc, &findings, None, &rules.adequacy);
    std::hint::black_box(&a);
    (t_find, t.elapsed().as_secs_f64(), findings.len())
}

/// The text of `args` (FILE [REPEAT] [RUNS]: FILE REPEAT times, default 10) and RUNS
/// (default 5).
fn load(args: &[String]) -> anyhow::Result<(dpascan::extract::Extracted, usize)> {
    let path = args.first().ok_or_else(|| {
        anyhow::anyhow!("usage: find_throughput [--pass] FILE [REPEAT] [RUNS] | --show TEXT")
    })?;
    let repeat: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10);
    let one = std::fs::read_to_string(path)?;
    let text = std::iter::repeat_n(one.as_str(), repeat)
        .collect::<Vec<_>>()
        .join("\n");
    let doc = normalize(RawText {
        pages: vec![text],
        paged: false,
        ..RawText::default()
    });
    let runs: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5).max(1);
    Ok((doc, runs))
}

/// `--pass`: the bare automaton pass against the pass with its bookkeeping, best of RUNS,
/// three times over.
fn pass(args: &[String], rules: &Rules) -> anyhow::Result<()> {
    use dpascan::matchers::{rules::automaton_pass, Scan};
    let (doc, runs) = load(args)?;
    let scan = Scan::new(&doc.text, rules);
    let best = |f: &mut dyn FnMut() -> usize| {
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed().as_secs_f64()
            })
            .fold(f64::MAX, f64::min)
    };
    let mb = doc.text.len() as f64 / 1e6;
    let row = |name: &str, t: f64| println!("{name:28} {:7.2} ms {:6.0} MB/s", t * 1e3, mb / t);
    for _ in 0..3 {
        let low = scan.low.as_bytes();
        let bare = best(&mut || {
            let mut n = 0usize;
            rules.keyword_automaton.overlapping(low, |_, _, p| n += p);
            n
        });
        row("pass, counting matches", bare);
        row(
            "automaton_pass",
            best(&mut || automaton_pass(&scan).1.len()),
        );
    }
    Ok(())
}

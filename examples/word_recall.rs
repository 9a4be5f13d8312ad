//! Word recall of dpascan's PDF extraction against ground-truth text.
//!
//! `cargo run --example word_recall -- DIR` — for every `X.pdf` in DIR with `X.txt`
//! beside it: share of the true words (multiset of `\w+` tokens, NFKC, lower-case)
//! found in the text that `dpascan::extract::extract` produces; a table and the median.
//! In the `.txt`, `## ` heading markers are not printed and form-feed lines are page breaks.
//!
//! `cargo run --example word_recall -- FILE.pdf [REPEAT]` — extracts one file (REPEAT
//! times, for timing) and prints engine, pages, warnings, time per page, or the error.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use dpascan::extract::{extract, Format, Limits};
use unicode_normalization::UnicodeNormalization;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(target) = args.first().map(PathBuf::from) else {
        eprintln!("usage: word_recall DIR | word_recall FILE.pdf [REPEAT]");
        return ExitCode::from(2);
    };
    if target.is_dir() {
        recall_table(&target)
    } else {
        let repeat = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(1usize);
        one_file(&target, repeat)
    }
}

/// The multiset of words: `\w+` tokens of the NFKC, lower-cased text.
fn word_counts(text: &str) -> HashMap<String, usize> {
    let re = regex::Regex::new(r"\w+").expect("static regex");
    let norm: String = text.nfkc().collect::<String>().to_lowercase();
    let mut counts = HashMap::new();
    for m in re.find_iter(&norm) {
        *counts.entry(m.as_str().to_string()).or_insert(0) += 1;
    }
    counts
}

/// The printed text of a ground-truth `.txt`: heading markers dropped, page-break lines dropped.
fn reference_text(txt: &str) -> String {
    txt.lines()
        .filter(|l| l.trim() != "\u{c}")
        .map(|l| l.strip_prefix("## ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Share of reference words (with multiplicity) present in `got`.
fn recall(reference: &HashMap<String, usize>, got: &HashMap<String, usize>) -> f64 {
    let total: usize = reference.values().sum();
    if total == 0 {
        return 1.0;
    }
    let found: usize = reference
        .iter()
        .map(|(w, n)| (*n).min(got.get(w).copied().unwrap_or(0)))
        .sum();
    found as f64 / total as f64
}

fn recall_table(dir: &Path) -> ExitCode {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!("cannot read {}: {e}", dir.display());
            return ExitCode::from(2);
        }
    };
    entries.sort();
    let mut recalls = Vec::new();
    println!(
        "{:<40} {:>6} {:>7} {:>8}  engine / error",
        "file", "pages", "recall", "ms"
    );
    for pdf in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
    {
        let txt = pdf.with_extension("txt");
        let (Ok(bytes), Ok(truth)) = (std::fs::read(pdf), std::fs::read_to_string(&txt)) else {
            continue;
        };
        let name = pdf
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let reference = word_counts(&reference_text(&truth));
        let start = Instant::now();
        let result = extract(&bytes, Format::Pdf, &Limits::default());
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        match result {
            Ok(ex) => {
                let r = recall(&reference, &word_counts(&ex.text));
                recalls.push(r);
                println!(
                    "{name:<40} {:>6} {r:>7.3} {ms:>8.1}  {}",
                    ex.pages.len(),
                    ex.engine
                );
            }
            Err(e) => println!(
                "{name:<40} {:>6} {:>7} {ms:>8.1}  error {}: {}",
                "-", "-", e.kind, e.message
            ),
        }
    }
    if recalls.is_empty() {
        println!("no X.pdf with X.txt found");
        return ExitCode::from(1);
    }
    recalls.sort_by(|a, b| a.total_cmp(b));
    let n = recalls.len();
    let median = if n % 2 == 1 {
        recalls[n / 2]
    } else {
        (recalls[n / 2 - 1] + recalls[n / 2]) / 2.0
    };
    println!("files with text: {n}, median recall: {median:.3}");
    ExitCode::SUCCESS
}

fn one_file(path: &Path, repeat: usize) -> ExitCode {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("cannot read {}: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    let mut last = None;
    for _ in 0..repeat.max(1) {
        last = Some(dpascan::extract::extract_raw(
            &bytes,
            Format::Pdf,
            &Limits::default(),
        ));
    }
    let per_run = start.elapsed().as_secs_f64() * 1000.0 / repeat.max(1) as f64;
    match last {
        Some(Ok(raw)) => {
            let pages = raw.pages.len().max(1);
            let words: usize = raw.pages.iter().map(|p| p.split_whitespace().count()).sum();
            println!(
                "ok engine={} pages={} words={} ms/run={per_run:.2} ms/page={:.3}",
                raw.engine,
                raw.pages.len(),
                words,
                per_run / pages as f64
            );
            for w in &raw.warnings {
                println!("warning: {w}");
            }
            ExitCode::SUCCESS
        }
        Some(Err(e)) => {
            println!("error {}: {}", e.kind, e.message);
            ExitCode::SUCCESS
        }
        None => ExitCode::from(2),
    }
}

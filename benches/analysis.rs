//! `cargo bench --bench analysis`: throughput (MB/s of normalized text) of `matchers::find`
//! and of `find` + `analyze` on the corpus documents, German and English separately.
//!
//! The documents are extracted once (`dpascan::extract`), outside the timed loop; one
//! iteration runs over every document of the language. Short measurement windows keep the
//! whole run well under two minutes on two cores.

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dpascan::analyze::analyze;
use dpascan::extract::{detect, extract, Extracted, Limits};
use dpascan::matchers::find;
use dpascan::patterns::Rules;

/// The corpus documents whose file name starts with `prefix` ("de_", "en_"), extracted.
fn corpus(prefix: &str) -> Vec<Extracted> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/docs");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/docs is readable")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).ok()?;
            let format = detect(&bytes, p)?;
            extract(&bytes, format, &Limits::default()).ok()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let rules = Rules::embedded().expect("embedded rules compile");
    for lang in ["de", "en"] {
        let docs = corpus(&format!("{lang}_"));
        assert!(!docs.is_empty(), "no {lang} corpus documents");
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        let mut g = c.benchmark_group(lang);
        g.throughput(Throughput::Bytes(bytes as u64))
            .sample_size(20)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(4));
        g.bench_function("find", |b| {
            b.iter(|| {
                docs.iter()
                    .map(|d| find(d, &rules, Some(lang)).len())
                    .sum::<usize>()
            })
        });
        g.bench_function("find+analyze", |b| {
            b.iter(|| {
                docs.iter()
                    .map(|d| {
                        let f = find(d, &rules, Some(lang));
                        analyze(d, &f, Some(lang), &rules.adequacy).countries.len()
                    })
                    .sum::<usize>()
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);

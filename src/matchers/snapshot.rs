//! Snapshot of `find` on the corpus documents: guards engine changes (speed work) against
//! changing any finding.
//!
//! `testdata/find_snapshot.tsv` holds, per corpus document and rule, the number of
//! findings and a hash of their spans, text, context and value. It is tied to a digest of
//! the embedded `patterns/`: when the patterns change, the test fails until the snapshot is
//! regenerated with
//! `DPASCAN_SNAPSHOT=overwrite cargo test --lib matchers::snapshot` and review the diff.
//! Rules with a finding cap ([`super::cap_of`]) must keep at least `min(count, cap)` and
//! at most `count` findings.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::extract::{detect, extract, Extracted, Limits};
use crate::patterns::load::embedded_files;
use crate::patterns::Rules;

/// FNV-1a, 64 bit: stable across platforms and Rust versions.
fn fnv(h: &mut u64, bytes: &[u8]) {
    for &b in bytes {
        *h ^= u64::from(b);
        *h = h.wrapping_mul(0x100_0000_01b3);
    }
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

fn patterns_digest() -> u64 {
    let mut h = FNV_START;
    for (name, text) in embedded_files().expect("embedded patterns load") {
        fnv(&mut h, name.as_bytes());
        fnv(&mut h, text.as_bytes());
    }
    h
}

/// The corpus documents (file name, extracted text), sorted by name; files of no
/// supported format are left out.
pub(super) fn corpus_docs() -> Vec<(String, Extracted)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/docs");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/docs is readable")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    names.sort();
    let mut out = Vec::new();
    for path in names {
        let bytes = std::fs::read(&path).expect("corpus doc is readable");
        let Some(format) = detect(&bytes, &path) else {
            continue;
        };
        let doc = extract(&bytes, format, &Limits::default()).expect("corpus doc extracts");
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        out.push((name, doc));
    }
    out
}

/// (doc, rule) → (count, hash of the findings in order).
fn snapshot(rules: &Rules) -> BTreeMap<(String, String), (usize, u64)> {
    let mut out = BTreeMap::new();
    for (name, doc) in corpus_docs() {
        for f in super::find(&doc, rules, None) {
            let e = out
                .entry((name.clone(), f.rule.clone()))
                .or_insert((0usize, FNV_START));
            e.0 += 1;
            let line = format!(
                "{} {} {:?} {:?} {:?} {}\n",
                f.start, f.end, f.page, f.text, f.context, f.value
            );
            fnv(&mut e.1, line.as_bytes());
        }
    }
    out
}

#[test]
fn find_matches_the_snapshot() {
    let rules = Rules::embedded().expect("embedded rules compile");
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/matchers/testdata/find_snapshot.tsv");
    let digest = format!("{:016x}", patterns_digest());
    let now = snapshot(&rules);
    if std::env::var("DPASCAN_SNAPSHOT").as_deref() == Ok("overwrite") {
        let mut s = format!("patterns\t{digest}\n");
        for ((doc, rule), (n, h)) in &now {
            let _ = writeln!(s, "{doc}\t{rule}\t{n}\t{h:016x}");
        }
        std::fs::write(&file, s).expect("snapshot written");
        return;
    }
    let text = std::fs::read_to_string(&file).expect("snapshot file exists");
    let mut lines = text.lines();
    let head = lines.next().unwrap_or_default();
    // A snapshot made from other patterns is stale: fail (never skip) so that it is
    // regenerated and its diff reviewed together with the pattern change.
    assert_eq!(
        head,
        format!("patterns\t{digest}"),
        "patterns changed since the snapshot; review and regenerate with \
         DPASCAN_SNAPSHOT=overwrite cargo test --lib matchers::snapshot"
    );
    let mut want = BTreeMap::new();
    for l in lines {
        let c: Vec<&str> = l.split('\t').collect();
        assert_eq!(c.len(), 4, "bad snapshot line {l:?}");
        let n: usize = c[2].parse().expect("count");
        want.insert((c[0].to_string(), c[1].to_string()), (n, c[3].to_string()));
    }
    let mut diffs = Vec::new();
    for key in want.keys().chain(now.keys()) {
        let w = want.get(key);
        let g = now.get(key).map(|(n, h)| (*n, format!("{h:016x}")));
        let cap = super::cap_of(rules.rules.iter().find(|r| r.id == key.1));
        let same = match (w, &g, cap) {
            (Some(w), Some(g), None) => *w == *g,
            // Negated matches do not count toward the cap, so a few more may remain.
            (Some(w), Some(g), Some(cap)) => w.0.min(cap) <= g.0 && g.0 <= w.0,
            (None, None, _) => true,
            _ => false,
        };
        if !same {
            diffs.push(format!("{key:?}: snapshot {w:?}, now {g:?}"));
        }
    }
    diffs.dedup();
    assert!(diffs.is_empty(), "findings changed:\n{}", diffs.join("\n"));
}

/// `find` + `analyze` stay linear: in a release build a 5 MB contract text (corpus
/// documents repeated) takes at most 25 times as long as a tenth of it (linear work: about
/// 10 times; a quadratic step: 100); a debug build checks 1 MB against 0.1 MB. The issue's
/// absolute bound (5 MB in < 0.2 s, release) depends on the machine and its load, so it is
/// asserted only with `DPASCAN_PERF_ASSERT=1 cargo test --release --lib five_megabytes`.
#[test]
fn five_megabytes_take_linear_time() {
    let rules = Rules::embedded().expect("embedded rules compile");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/docs");
    let mut unit = String::new();
    for name in [
        "de_avv_helpdesk.txt",
        "en_dpa_incomplete.txt",
        "de_datenschutz_negiert.txt",
        "en_terms_of_service.txt",
    ] {
        let path = dir.join(name);
        let bytes = std::fs::read(&path).expect("corpus doc is readable");
        let format = detect(&bytes, &path).expect("corpus doc format");
        let doc = extract(&bytes, format, &Limits::default()).expect("corpus doc extracts");
        unit.push_str(&doc.text);
        unit.push('\n');
    }
    let make = |bytes: usize| {
        let mut t = String::with_capacity(bytes + unit.len());
        while t.len() < bytes {
            t.push_str(&unit);
        }
        crate::analyze::testutil::doc(&t)
    };
    let time = |doc: &crate::extract::Extracted| {
        let mut best = f64::MAX;
        for _ in 0..2 {
            let t = std::time::Instant::now();
            let f = super::find(doc, &rules, None);
            let a = crate::analyze::analyze(doc, &f, None, &rules.adequacy);
            std::hint::black_box(a);
            best = best.min(t.elapsed().as_secs_f64());
        }
        best
    };
    let mb = if cfg!(debug_assertions) { 1.0 } else { 5.0 };
    let _warm = time(&make(100_000));
    let small = time(&make((mb * 100_000.0) as usize));
    let big = time(&make((mb * 1_000_000.0) as usize));
    eprintln!(
        "find+analyze: {:.1} MB {small:.3} s, {mb} MB {big:.3} s",
        mb / 10.0
    );
    assert!(
        big < 25.0 * small.max(1e-3),
        "not linear: {:.1} MB {small:.3} s, {mb} MB {big:.3} s",
        mb / 10.0
    );
    if !cfg!(debug_assertions) && std::env::var("DPASCAN_PERF_ASSERT").as_deref() == Ok("1") {
        assert!(big < 0.2, "5 MB took {big:.3} s");
    }
}

//! Time to build each rule's regex, as written and as compiled (after
//! `prepare_pattern`: ASCII `\b`, Latin letter classes), slowest first.
//!
//! `cargo run --release --example rule_compile_cost [TOP]`
use std::time::Instant;

use regex_automata::meta::Regex;

fn main() -> anyhow::Result<()> {
    let top: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let files = dpascan::patterns::load::embedded_files()?;
    let mut rows = Vec::new();
    for (name, text) in &files {
        if !name.ends_with(".toml") || name == "cues.toml" {
            continue;
        }
        let file: toml::Value = toml::from_str(text)?;
        let rules = file.get("rule").and_then(|r| r.as_array());
        for r in rules.into_iter().flatten() {
            let id = r["id"].as_str().unwrap_or("?").to_string();
            let written = r["pattern"].as_str().unwrap_or("");
            let time = |p: &str| -> anyhow::Result<(f64, usize)> {
                let t = Instant::now();
                let re = Regex::new(p)?;
                Ok((t.elapsed().as_secs_f64() * 1e3, re.memory_usage()))
            };
            let (ms_written, _) = time(written)?;
            let (ms, bytes) = time(&dpascan::patterns::compile::prepare_pattern(written))?;
            rows.push((ms, ms_written, bytes, id));
        }
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    let sum = |f: fn(&(f64, f64, usize, String)) -> f64| rows.iter().map(f).sum::<f64>();
    println!(
        "{} rules: {:.1} ms as compiled, {:.1} ms as written",
        rows.len(),
        sum(|r| r.0),
        sum(|r| r.1)
    );
    for (ms, ms_written, bytes, id) in rows.iter().take(top) {
        println!("{ms:7.2} ms ({ms_written:7.2} ms as written) {bytes:>9} B  {id}");
    }
    Ok(())
}

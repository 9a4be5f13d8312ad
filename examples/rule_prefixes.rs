//! Shows each rule's required prefixes (`cargo run --release --example rule_prefixes`).
use dpascan::patterns::Rules;

fn main() -> anyhow::Result<()> {
    let rules = Rules::embedded()?;
    for r in &rules.rules {
        println!(
            "{:40} {:3} {:?}",
            r.id,
            r.prefixes.len(),
            &r.prefixes[..r.prefixes.len().min(12)]
        );
    }
    Ok(())
}

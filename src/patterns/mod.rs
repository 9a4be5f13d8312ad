//! Rules and gazetteers as data (`patterns/`), embedded in the binary and overridable.
//!
//! - `patterns/*.toml`: regex rules (`[[rule]]`, see [`syntax::RuleSyntax`]) and the
//!   negation/history/hypothesis cue lists (`cues.toml`).
//! - `patterns/*.csv`: gazetteers (countries, adequacy decisions, providers, cloud
//!   regions, cities, country stop terms).
//!
//! Everything is parsed and compiled once ([`compile::compile`]) into [`Rules`].

use std::path::Path;

pub mod check;
pub mod compile;
pub mod csv;
pub mod load;
pub mod syntax;

pub use compile::Rules;

/// `dpascan patterns check`: loads the patterns (embedded, or overridden from `rules_dir`),
/// runs every example through the matchers and returns the report. Fails with the full
/// report when any example fails.
pub fn check_patterns(rules_dir: Option<&Path>) -> anyhow::Result<String> {
    let rules = match rules_dir {
        Some(d) => Rules::with_overrides(d)?,
        None => Rules::embedded()?,
    };
    let failures = check::check_examples(&rules);
    let report = check::report(&rules, &failures);
    if failures.is_empty() {
        Ok(report)
    } else {
        Err(anyhow::anyhow!(report))
    }
}

/// `dpascan patterns check`: loads and compiles the rules and runs every example.
/// Returns the report and whether every check passed.
pub fn check_patterns(dir: Option<&Path>) -> anyhow::Result<(String, bool)> {
    let _rules = match dir {
        Some(d) => Rules::with_overrides(d)?,
        None => Rules::embedded()?,
    };
    Ok(("0 rules checked (STUB)\n".to_string(), true)) // STUB
}

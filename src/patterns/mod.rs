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
pub mod prefix;
pub mod relax;
pub mod syntax;

pub use compile::Rules;

/// `dpascan patterns check`: loads the patterns (embedded, or overridden from `rules_dir`),
/// runs every example through the matchers and returns the report and whether every
/// example passed. A pattern file that does not load is an error.
pub fn check_patterns(rules_dir: Option<&Path>) -> anyhow::Result<(String, bool)> {
    let rules = match rules_dir {
        Some(d) => Rules::with_overrides(d)?,
        None => Rules::embedded()?,
    };
    let mut failures = rules.build_all();
    failures.extend(check::check_examples(&rules));
    Ok((check::report(&rules, &failures), failures.is_empty()))
}

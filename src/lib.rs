//! dpascan reads GDPR data processing agreements (DPA/AVV) and privacy policies in
//! German and English and reports, with evidence, who the parties are, where they
//! sit, where data goes and on what legal basis it leaves the EU.
//!
//! The pipeline is four plain stages, each a function of data:
//! [`extract`] (bytes → normalized text with pages) → [`matchers::find`]
//! (text + [`patterns::Rules`] → findings) → [`analyze::analyze`] (findings →
//! parties, countries, transfers, checklist, risk) → [`report`] (JSON / human).
//! [`pipeline`] wires them for one document; [`scan`] runs many in isolated
//! worker processes.

pub mod analyze;
pub mod cli;
pub mod entities;
pub mod error;
pub mod extract;
pub mod findings;
pub mod lang;
pub mod matchers;
pub mod patterns;
pub mod pipeline;
pub mod report;
pub mod scan;
pub mod worker;

/// mimalloc for every binary built on the library (dpascan, its workers, the examples and
/// benchmarks): analysis makes many small allocations (hits, findings, lazy-DFA states).
/// Warm passes over ../shared/realworld: 136 M -> 116 M instructions, 59 -> 48 ms median
/// wall time (seventh session). Built with `no_thp` (forty-third session): mimalloc's
/// transparent huge pages made the kernel zero a fresh 2 MB page on many first touches,
/// up to 3 s of system time in a 0.5 s scan of ../shared/realworld, and nearly doubled
/// peak RSS (README, Dependencies).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

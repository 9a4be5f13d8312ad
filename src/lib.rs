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

//! Command line: `check`, `scan`, `patterns`, `schema`, and the hidden worker mode.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

use crate::extract::Limits;
use crate::patterns::Rules;
use crate::report::{DocResult, RiskLevel};
use crate::scan::{ScanOptions, Shard};
use crate::worker::{Extractor, Isolation, WorkerConfig};

/// dpascan: reads GDPR data processing agreements (AVV/DPA) and privacy policies
/// (German, English; PDF, HTML, DOCX, Markdown, text) and reports, with evidence,
/// who the parties are, where they sit, where data goes and on what legal basis.
/// Everything runs offline.
#[derive(Debug, Parser)]
#[command(name = "dpascan", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check one document: a one-screen report (or one JSON object with --format json).
    Check(CheckArgs),
    /// Scan every supported document under the given directories (and the documents given)
    /// in parallel: JSON Lines, one object per document.
    Scan(ScanArgs),
    /// Inspect the rules and gazetteers.
    Patterns {
        #[command(subcommand)]
        command: PatternsCommand,
    },
    /// Print the JSON Schema of one result.
    Schema,
    /// Print a document's extracted, normalized text (the text finding offsets point into).
    Text(TextArgs),
    /// Internal: extraction worker (reads requests on stdin).
    #[command(name = "__worker", hide = true)]
    Worker {
        /// Address-space limit in MiB (0: none).
        #[arg(long, default_value_t = 0)]
        max_memory_mib: u64,
    },
}

#[derive(Debug, Subcommand)]
enum PatternsCommand {
    /// Load, compile and run every rule's examples; report failures.
    Check {
        /// Directory whose pattern files replace the embedded ones of the same name.
        #[arg(long, value_name = "DIR")]
        patterns: Option<PathBuf>,
    },
}

/// Options shared by `check` and `scan`.
#[derive(Debug, clap::Args)]
struct CommonArgs {
    /// Directory whose pattern files replace (or add to) the embedded ones of the same name.
    #[arg(long, value_name = "DIR")]
    patterns: Option<PathBuf>,
    /// Wall-clock limit per document, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 60.0)]
    timeout: f64,
    /// Largest file read, in bytes (suffixes K, M, G allowed).
    #[arg(long, value_name = "BYTES", default_value = "100M", value_parser = parse_size)]
    max_size: u64,
    /// Memory (address-space) limit per worker process, in MiB; 0 for none.
    #[arg(long, value_name = "MIB", default_value_t = 2048)]
    max_memory: u64,
    /// Most pages read from one PDF.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_pages)]
    max_pages: usize,
    /// Largest decompressed size of a PDF page's content or a DOCX part (and of all DOCX
    /// parts together), in bytes (suffixes K, M, G allowed): the cap against
    /// decompression bombs; a page or part over it is reported, never truncated silently.
    #[arg(long, value_name = "BYTES", default_value = "200M", value_parser = parse_size)]
    max_decompressed: u64,
    /// Largest extracted text of one document, in bytes (suffixes K, M, G allowed);
    /// reaching it is reported as a warning.
    #[arg(long, value_name = "BYTES", default_value = "64M", value_parser = parse_size)]
    max_text: u64,
    /// Deepest HTML/XML element nesting read; deeper content is skipped with a warning.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_nesting)]
    max_nesting: usize,
    /// Extract in this process instead of isolated worker processes (debugging only:
    /// a hostile document can then hang or crash dpascan).
    #[arg(long)]
    no_isolate: bool,
    /// Exit with status 1 when some document's risk reaches LEVEL.
    #[arg(long, value_name = "LEVEL")]
    fail_on: Option<Level>,
}

#[derive(Debug, clap::Args)]
struct TextArgs {
    /// The document.
    file: PathBuf,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// The document.
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Colour in the human report.
    #[arg(long, value_enum, default_value_t = When::Auto)]
    color: When,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Debug, clap::Args)]
struct ScanArgs {
    /// Directories to scan (recursively; symlinks are not followed unless
    /// --follow-symlinks) or documents, one or more.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Write JSON Lines to FILE instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Parallel jobs (default: all cores).
    #[arg(long, short, value_name = "N")]
    jobs: Option<usize>,
    /// Progress bar on stderr.
    #[arg(long, value_enum, default_value_t = When::Auto)]
    progress: When,
    /// Continue an interrupted `--out FILE` run: skip documents whose path and sha256
    /// already have a result there; a torn last line is repaired.
    #[arg(long, requires = "out")]
    resume: bool,
    /// Process only slice K of N (by path hash), e.g. 2/8; the slices' outputs concatenate to the full scan.
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
    /// Follow symlinks, but only to targets inside the directory given: a link out of it, a
    /// loop or a dangling link becomes an `unreadable` result. Without it, symlinks are
    /// skipped and counted (a symlink given as a PATH is always followed).
    #[arg(long)]
    follow_symlinks: bool,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum When {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Level {
    Low,
    Medium,
    High,
}

impl From<Level> for RiskLevel {
    fn from(l: Level) -> Self {
        match l {
            Level::Low => RiskLevel::Low,
            Level::Medium => RiskLevel::Medium,
            Level::High => RiskLevel::High,
        }
    }
}

fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult) = match s.chars().last() {
        Some('K' | 'k') => (&s[..s.len() - 1], 1024u64),
        Some('M' | 'm') => (&s[..s.len() - 1], 1024 * 1024),
        Some('G' | 'g') => (&s[..s.len() - 1], 1024 * 1024 * 1024),
        _ => (s, 1),
    };
    num.trim()
        .parse::<u64>()
        .map(|n| n.saturating_mul(mult))
        .map_err(|_| format!("not a size: {s:?} (use e.g. 100M)"))
}

/// Exit status for usage errors and unopenable single inputs.
const EXIT_USAGE: u8 = 2;
/// Exit status when `--fail-on` is reached.
const EXIT_RISK: u8 = 1;

/// Parses the command line and runs it.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Worker { max_memory_mib } => {
            ExitCode::from(crate::worker::run_worker(max_memory_mib) as u8)
        }
        Command::Schema => {
            let schema = crate::report::schema::result_schema();
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).expect("schema serializes")
            );
            ExitCode::SUCCESS
        }
        Command::Patterns {
            command: PatternsCommand::Check { patterns },
        } => match crate::patterns::check_patterns(patterns.as_deref()) {
            Ok((report, ok)) => {
                print!("{report}");
                if ok {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(EXIT_RISK)
                }
            }
            Err(e) => usage_error(&e),
        },
        Command::Check(args) => run_check(args),
        Command::Text(args) => run_text(args),
        Command::Scan(args) => run_scan(args),
    }
}

fn usage_error(e: &anyhow::Error) -> ExitCode {
    eprintln!("dpascan: error: {e:#}");
    ExitCode::from(EXIT_USAGE)
}

fn load_rules(dir: Option<&Path>) -> anyhow::Result<Rules> {
    match dir {
        // The library's error already names the directory.
        Some(d) => Rules::with_overrides(d),
        None => Rules::embedded().context("Failed to load the embedded patterns"),
    }
}

fn limits(c: &CommonArgs) -> Limits {
    Limits {
        max_file_bytes: c.max_size,
        max_pages: c.max_pages,
        max_decompressed_bytes: c.max_decompressed,
        max_text_bytes: usize::try_from(c.max_text).unwrap_or(usize::MAX),
        max_nesting: c.max_nesting,
        ..Limits::default()
    }
}

fn isolation(c: &CommonArgs) -> anyhow::Result<Isolation> {
    if c.no_isolate {
        return Ok(Isolation::InProcess);
    }
    let exe =
        std::env::current_exe().context("cannot find the dpascan executable to start workers")?;
    if !(c.timeout > 0.0 && c.timeout.is_finite()) {
        anyhow::bail!("--timeout must be a positive number of seconds");
    }
    Ok(Isolation::Workers(WorkerConfig {
        exe,
        timeout: Duration::from_secs_f64(c.timeout),
        max_memory_mib: c.max_memory,
    }))
}

fn run_check(args: CheckArgs) -> ExitCode {
    if let Err(e) = std::fs::File::open(&args.file) {
        return usage_error(&anyhow::anyhow!("cannot open {}: {e}", args.file.display()));
    }
    if args.file.is_dir() {
        return usage_error(&anyhow::anyhow!(
            "{} is a directory; use `dpascan scan`",
            args.file.display()
        ));
    }
    let iso = match isolation(&args.common) {
        Ok(i) => i,
        Err(e) => return usage_error(&e),
    };
    // The rules load (about 20 ms) while a worker extracts the document.
    let (rules, outcome) = std::thread::scope(|s| {
        let rules = s.spawn(|| load_rules(args.common.patterns.as_deref()));
        let mut extractor = Extractor::new(iso);
        let outcome = extractor.extract(&args.file, &limits(&args.common));
        (rules.join(), outcome)
    });
    let rules = match rules {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => return usage_error(&e),
        Err(panic) => std::panic::resume_unwind(panic),
    };
    let result =
        crate::pipeline::analyze_outcome(&args.file.display().to_string(), outcome, &rules);
    let text = match args.format {
        OutputFormat::Json => {
            let mut s =
                serde_json::to_string_pretty(&result).expect("a DocResult always serializes");
            s.push('\n');
            s
        }
        OutputFormat::Human => {
            let color = match args.color {
                When::Always => true,
                When::Never => false,
                When::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            crate::report::human::render(&result, color)
        }
    };
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
        .is_err()
    {
        return ExitCode::from(EXIT_USAGE);
    }
    fail_on_exit(args.common.fail_on, std::iter::once(&result))
}

fn run_text(args: TextArgs) -> ExitCode {
    if let Err(e) = std::fs::File::open(&args.file) {
        return usage_error(&anyhow::anyhow!("cannot open {}: {e}", args.file.display()));
    }
    let iso = match isolation(&args.common) {
        Ok(i) => i,
        Err(e) => return usage_error(&e),
    };
    let outcome = Extractor::new(iso).extract(&args.file, &limits(&args.common));
    match outcome.result {
        Ok(doc) => {
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(doc.text.as_bytes())
                .and_then(|_| stdout.flush())
                .is_err()
            {
                return ExitCode::from(EXIT_USAGE);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "dpascan: {}: {}: {}",
                args.file.display(),
                e.kind,
                e.message
            );
            ExitCode::from(EXIT_RISK)
        }
    }
}

fn fail_on_exit<'a>(
    fail_on: Option<Level>,
    results: impl Iterator<Item = &'a DocResult>,
) -> ExitCode {
    if let Some(level) = fail_on {
        let level = RiskLevel::from(level);
        if results
            .into_iter()
            .any(|r| r.error.is_none() && r.risk.level >= level)
        {
            return ExitCode::from(EXIT_RISK);
        }
    }
    ExitCode::SUCCESS
}

fn run_scan(args: ScanArgs) -> ExitCode {
    match scan_inner(&args) {
        Ok(code) => code,
        Err(e) => usage_error(&e),
    }
}

fn scan_inner(args: &ScanArgs) -> anyhow::Result<ExitCode> {
    let rules = load_rules(args.common.patterns.as_deref())?;
    for path in &args.paths {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() || m.is_file() => {}
            Ok(_) => anyhow::bail!("{} is neither a directory nor a file", path.display()),
            Err(e) => anyhow::bail!("cannot scan {}: {e}", path.display()),
        }
    }
    let jobs = args.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let progress = match args.progress {
        When::Always => true,
        When::Never => false,
        When::Auto => std::io::stderr().is_terminal(),
    };
    let opts = ScanOptions {
        jobs,
        isolation: isolation(&args.common)?,
        limits: limits(&args.common),
        shard: args.shard,
        progress,
        done: Default::default(),
        follow_symlinks: args.follow_symlinks,
    };
    let summary = match &args.out {
        Some(path) => {
            let (mut results, done) = crate::scan::ResultsFile::open(path, args.resume)?;
            let opts = ScanOptions { done, ..opts };
            let s = crate::scan::scan(&args.paths, &rules, &opts, results.writer())?;
            results.finish()?;
            s
        }
        None => {
            let mut w = std::io::stdout();
            crate::scan::scan(&args.paths, &rules, &opts, &mut w)?
        }
    };
    eprint!("{}", summary.render());
    if let Some(level) = args.common.fail_on {
        if summary
            .max_risk
            .is_some_and(|m| m >= RiskLevel::from(level))
        {
            return Ok(ExitCode::from(EXIT_RISK));
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn check_limits(args: &[&str]) -> Limits {
        let mut all = vec!["dpascan", "check", "x.pdf"];
        all.extend_from_slice(args);
        match Cli::try_parse_from(all).unwrap().command {
            Command::Check(c) => limits(&c.common),
            _ => unreachable!("a check command"),
        }
    }

    #[test]
    fn flag_defaults_are_the_library_defaults() {
        let (cli, lib) = (check_limits(&[]), Limits::default());
        assert_eq!(cli.max_file_bytes, lib.max_file_bytes);
        assert_eq!(cli.max_decompressed_bytes, lib.max_decompressed_bytes);
        assert_eq!(cli.max_pages, lib.max_pages);
        assert_eq!(cli.max_text_bytes, lib.max_text_bytes);
        assert_eq!(cli.max_nesting, lib.max_nesting);
    }

    #[test]
    fn every_limit_is_a_flag() {
        let l = check_limits(&[
            "--max-size",
            "1K",
            "--max-decompressed",
            "2M",
            "--max-pages",
            "3",
            "--max-text",
            "4K",
            "--max-nesting",
            "5",
        ]);
        assert_eq!(l.max_file_bytes, 1024);
        assert_eq!(l.max_decompressed_bytes, 2 * 1024 * 1024);
        assert_eq!(l.max_pages, 3);
        assert_eq!(l.max_text_bytes, 4096);
        assert_eq!(l.max_nesting, 5);
    }
}

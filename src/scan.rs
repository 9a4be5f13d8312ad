//! `dpascan scan DIR`: walk, detect, extract in isolated workers in parallel,
//! analyze, and write one JSON line per supported document as soon as it is done.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::error::{DocError, ErrorKind};
use crate::extract::{self, Limits};
use crate::patterns::Rules;
use crate::pipeline;
use crate::report::{DocResult, Status};
use crate::worker::{Extractor, Isolation};

/// One slice of a sharded scan: this run takes the files whose path hash modulo `count` is `index - 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based index of this shard.
    pub index: u32,
    /// Number of shards.
    pub count: u32,
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (k, n) = s.split_once('/').ok_or("expected K/N, e.g. 1/4")?;
        let index: u32 = k
            .trim()
            .parse()
            .map_err(|_| format!("bad shard index {k:?}"))?;
        let count: u32 = n
            .trim()
            .parse()
            .map_err(|_| format!("bad shard count {n:?}"))?;
        if count == 0 || index == 0 || index > count {
            return Err(format!("shard {index}/{count}: need 1 <= K <= N"));
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// Whether `rel` (a path relative to the scan root, or the file name of a file given
    /// as a root) belongs to this shard. Stable across machines.
    pub fn contains(&self, rel: &Path) -> bool {
        fnv1a(rel.to_string_lossy().as_bytes()) % u64::from(self.count) == u64::from(self.index - 1)
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Settings of a scan.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Parallel jobs (worker processes).
    pub jobs: usize,
    /// Extraction isolation.
    pub isolation: Isolation,
    /// Per-document limits.
    pub limits: Limits,
    /// Only this slice of the files.
    pub shard: Option<Shard>,
    /// Show a progress bar on stderr.
    pub progress: bool,
    /// Documents already done (path as written in results, sha256): skipped (`--resume`).
    pub done: std::collections::HashSet<(String, String)>,
    /// Follow symlinks that stay inside the scan root (`--follow-symlinks`).
    pub follow_symlinks: bool,
}

/// Files found under the scan root, before any is read.
#[derive(Debug, Default)]
pub struct Inventory {
    /// Supported documents to process, sorted by path.
    pub documents: Vec<PathBuf>,
    /// Files skipped because their type is not supported.
    pub unsupported: usize,
    /// Hidden files and office lock/temporary files skipped.
    pub skipped_hidden: usize,
    /// Files left to other shards.
    pub other_shards: usize,
    /// Symlinks not followed (without `--follow-symlinks`).
    pub skipped_symlinks: usize,
    /// Entries that are neither files nor directories (FIFOs, sockets, devices), skipped.
    pub skipped_special: usize,
    /// Entries that could not be listed or read (permissions, symlink loops,
    /// dangling links, links out of the root), as results.
    pub walk_errors: Vec<DocResult>,
}

impl Inventory {
    /// Adds the files and counts of `other` (another scan root's inventory).
    fn absorb(&mut self, other: Inventory) {
        self.documents.extend(other.documents);
        self.unsupported += other.unsupported;
        self.skipped_hidden += other.skipped_hidden;
        self.other_shards += other.other_shards;
        self.skipped_symlinks += other.skipped_symlinks;
        self.skipped_special += other.skipped_special;
        self.walk_errors.extend(other.walk_errors);
    }

    /// Records an `unreadable` result for `path` (as walked), if it belongs to this shard.
    fn walk_error(&mut self, root: &Path, shard: Option<Shard>, path: &Path, message: String) {
        if let Some(shard) = shard {
            if !shard.contains(shard_key(root, path)) {
                self.other_shards += 1;
                return;
            }
        }
        self.walk_errors.push(DocResult::failed(
            &path.display().to_string(),
            "",
            None,
            &DocError::new(ErrorKind::Unreadable, message),
        ));
    }
}

/// What decides the shard of `path`, found under the scan root `root`: its path relative
/// to the root (the same on every machine, wherever the folder is mounted), or its file
/// name when the root is the file itself.
fn shard_key<'a>(root: &Path, path: &'a Path) -> &'a Path {
    match path.strip_prefix(root) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel,
        _ => path.file_name().map_or(path, Path::new),
    }
}

/// Lists the documents under each of `roots` (directories or files), sorted by path; a
/// document reached from two roots is listed once.
pub fn inventory_of(roots: &[PathBuf], shard: Option<Shard>, follow_symlinks: bool) -> Inventory {
    let mut inv = Inventory::default();
    for root in roots {
        inv.absorb(inventory_with(root, shard, follow_symlinks));
    }
    inv.documents.sort();
    inv.documents.dedup();
    inv.walk_errors.sort_by(|a, b| a.path.cmp(&b.path));
    inv.walk_errors.dedup_by(|a, b| a.path == b.path);
    inv
}

/// Lists the documents under `root` (not following symlinks), sorted by path.
pub fn inventory(root: &Path, shard: Option<Shard>) -> Inventory {
    inventory_with(root, shard, false)
}

/// Lists the documents under `root`, sorted by path.
///
/// Without `follow_symlinks`, a symlink is never followed and is counted in
/// [`Inventory::skipped_symlinks`]. With it, symlinks are followed, but a link
/// whose target (canonicalized) lies outside the canonicalized `root` is not read:
/// it becomes an `unreadable` result and, if it is a directory, is not descended
/// into. A symlink loop or a dangling link becomes an `unreadable` result. Paths
/// are always the paths as walked under `root` (the link's path, never its target).
pub fn inventory_with(root: &Path, shard: Option<Shard>, follow_symlinks: bool) -> Inventory {
    let mut inv = Inventory::default();
    // Only needed to keep followed links inside the root; without it nothing is followed.
    let root_canon = if follow_symlinks {
        std::fs::canonicalize(root).ok()
    } else {
        None
    };
    let mut walker = walkdir::WalkDir::new(root)
        .follow_links(follow_symlinks)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(root);
                let message = match e.loop_ancestor() {
                    Some(ancestor) => format!(
                        "symlink loop: {} points to its ancestor {}; not followed",
                        path.display(),
                        ancestor.display()
                    ),
                    None if path
                        .symlink_metadata()
                        .is_ok_and(|m| m.file_type().is_symlink())
                        && path.metadata().is_err() =>
                    {
                        "dangling symlink: its target does not exist".to_string()
                    }
                    None => format!("cannot list: {e}"),
                };
                inv.walk_error(root, shard, path, message);
                continue;
            }
        };
        if entry.path_is_symlink() && entry.depth() > 0 {
            if !follow_symlinks {
                inv.skipped_symlinks += 1;
                continue;
            }
            let inside = match (&root_canon, std::fs::canonicalize(entry.path())) {
                (Some(root), Ok(target)) => target.starts_with(root),
                _ => false,
            };
            if !inside {
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                inv.walk_error(
                    root,
                    shard,
                    entry.path(),
                    "symlink target outside the scan root: not followed".into(),
                );
                continue;
            }
        }
        // A root given as a symlink is followed: the user named it (walkdir descends
        // into a linked directory; a linked file is read).
        let root_link = entry.depth() == 0 && entry.path_is_symlink();
        let is_file = entry.file_type().is_file()
            || root_link && entry.path().metadata().is_ok_and(|m| m.is_file());
        if !is_file {
            if !entry.file_type().is_dir() && !root_link {
                // FIFOs, sockets, devices: opening one could block or never end.
                inv.skipped_special += 1;
            }
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        if name.starts_with("~$")
            || name.starts_with(".~lock")
            || (name.starts_with('.') && entry.depth() > 0)
        {
            inv.skipped_hidden += 1;
            continue;
        }
        let path = entry.path();
        if let Some(shard) = shard {
            if !shard.contains(shard_key(root, path)) {
                inv.other_shards += 1;
                continue;
            }
        }
        if is_supported(path) {
            inv.documents.push(path.to_path_buf());
        } else {
            inv.unsupported += 1;
        }
    }
    inv.documents.sort();
    inv
}

/// Whether `path` looks like a supported document, from its first bytes and extension.
/// An unreadable file counts as supported so that it becomes an error result, not a silent skip.
fn is_supported(path: &Path) -> bool {
    let mut head = [0u8; 4096];
    let n = match std::fs::File::open(path).and_then(|mut f| read_up_to(&mut f, &mut head)) {
        Ok(n) => n,
        Err(_) => return true,
    };
    extract::detect(&head[..n], path).is_some()
}

/// Hex SHA-256 of a file, streamed.
fn file_sha256(path: &Path) -> std::io::Result<String> {
    use sha2::{Digest, Sha256};
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    std::io::copy(&mut f, &mut h)?;
    Ok(hex::encode(h.finalize()))
}

fn read_up_to(f: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    use std::io::Read;
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// Counts of a finished scan, printed as the summary.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// Documents with a result.
    pub documents: usize,
    /// Results by status ("ok", "error").
    pub by_status: BTreeMap<String, usize>,
    /// Error results by error kind.
    pub by_error: BTreeMap<String, usize>,
    /// Ok results by document kind.
    pub by_kind: BTreeMap<String, usize>,
    /// Ok results by risk level.
    pub by_risk: BTreeMap<String, usize>,
    /// Unsupported files skipped.
    pub unsupported: usize,
    /// Hidden/temporary files skipped.
    pub skipped_hidden: usize,
    /// Files left to other shards.
    pub other_shards: usize,
    /// Symlinks not followed.
    pub skipped_symlinks: usize,
    /// FIFOs, sockets and devices skipped.
    pub skipped_special: usize,
    /// Documents skipped because an earlier run already has their result (`--resume`).
    pub resumed: usize,
    /// Wall-clock time of the scan.
    pub elapsed: Duration,
    /// Highest risk level among ok results.
    pub max_risk: Option<crate::report::RiskLevel>,
}

impl Summary {
    fn add(&mut self, r: &DocResult) {
        self.documents += 1;
        let status = match r.status {
            Status::Ok => "ok",
            Status::Error => "error",
        };
        *self.by_status.entry(status.into()).or_default() += 1;
        if let Some(e) = &r.error {
            *self.by_error.entry(e.kind.as_str().into()).or_default() += 1;
        } else {
            *self.by_kind.entry(r.kind.as_str().into()).or_default() += 1;
            *self
                .by_risk
                .entry(r.risk.level.as_str().into())
                .or_default() += 1;
            self.max_risk = self.max_risk.max(Some(r.risk.level));
        }
    }

    /// The human summary, e.g. "412 documents in 9.3s: 405 ok, 7 errors (…)".
    pub fn render(&self) -> String {
        let ok = self.by_status.get("ok").copied().unwrap_or(0);
        let err = self.by_status.get("error").copied().unwrap_or(0);
        let mut s = format!(
            "{} documents in {:.1}s: {} ok, {} errors",
            self.documents,
            self.elapsed.as_secs_f64(),
            ok,
            err
        );
        if !self.by_error.is_empty() {
            s.push_str(&format!(" ({})", join_counts(&self.by_error)));
        }
        s.push('\n');
        if !self.by_kind.is_empty() {
            s.push_str(&format!("  kinds: {}\n", join_counts(&self.by_kind)));
        }
        if !self.by_risk.is_empty() {
            s.push_str(&format!("  risk: {}\n", join_counts(&self.by_risk)));
        }
        let mut skipped = Vec::new();
        if self.unsupported > 0 {
            skipped.push(format!("{} unsupported", self.unsupported));
        }
        if self.skipped_hidden > 0 {
            skipped.push(format!("{} hidden or temporary", self.skipped_hidden));
        }
        if self.skipped_symlinks > 0 {
            skipped.push(format!("{} symlinks", self.skipped_symlinks));
        }
        if self.skipped_special > 0 {
            skipped.push(format!(
                "{} special files (FIFO, socket, device)",
                self.skipped_special
            ));
        }
        if self.other_shards > 0 {
            skipped.push(format!("{} in other shards", self.other_shards));
        }
        if self.resumed > 0 {
            skipped.push(format!("{} already done (resumed)", self.resumed));
        }
        if !skipped.is_empty() {
            s.push_str(&format!("  skipped: {}\n", skipped.join(", ")));
        }
        s
    }
}

fn join_counts(m: &BTreeMap<String, usize>) -> String {
    m.iter()
        .map(|(k, v)| format!("{v} {k}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Scans `roots` (directories, walked recursively, or files) and writes one JSON line per
/// document to `out`, flushed per line.
pub fn scan(
    roots: &[PathBuf],
    rules: &Rules,
    opts: &ScanOptions,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let inv = inventory_of(roots, opts.shard, opts.follow_symlinks);
    process(inv, started, rules, opts, out)
}

/// Processes the documents of an inventory (listed earlier, at `started`): extract
/// in workers, analyze, write one line each. A document that vanished or became
/// unreadable since it was listed becomes an `unreadable` result.
pub fn process(
    mut inv: Inventory,
    started: Instant,
    rules: &Rules,
    opts: &ScanOptions,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<Summary> {
    let mut resumed = 0;
    if !opts.done.is_empty() {
        inv.documents.retain(|p| {
            let key = (p.display().to_string(), file_sha256(p).unwrap_or_default());
            let keep = !opts.done.contains(&key);
            resumed += usize::from(!keep);
            keep
        });
        // Listing errors have no sha256; an earlier run wrote them with an empty one.
        inv.walk_errors.retain(|r| {
            let keep = !opts.done.contains(&(r.path.clone(), r.sha256.clone()));
            resumed += usize::from(!keep);
            keep
        });
    }
    let mut summary = Summary {
        unsupported: inv.unsupported,
        skipped_hidden: inv.skipped_hidden,
        other_shards: inv.other_shards,
        skipped_symlinks: inv.skipped_symlinks,
        skipped_special: inv.skipped_special,
        resumed,
        ..Summary::default()
    };
    let bar = if opts.progress {
        let bar = indicatif::ProgressBar::new(inv.documents.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} docs  {per_sec}  ETA {eta}  {wide_msg}",
            )
            .expect("progress template should parse"),
        );
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };

    let sink = Mutex::new((out, &mut summary, None::<std::io::Error>));
    let emit = |r: &DocResult| {
        let line = serde_json::to_string(r).expect("a DocResult always serializes");
        let mut guard = sink.lock().unwrap_or_else(|e| e.into_inner());
        let (out, summary, write_err) = &mut *guard;
        summary.add(r);
        if write_err.is_none() {
            if let Err(e) = writeln!(out, "{line}").and_then(|_| out.flush()) {
                *write_err = Some(e);
            }
        }
    };
    for r in &inv.walk_errors {
        emit(r);
    }

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.max(1))
        .build()?;
    let extractors: Vec<Mutex<Extractor>> = (0..opts.jobs.max(1))
        .map(|_| Mutex::new(Extractor::new(opts.isolation.clone())))
        .collect();
    // Largest files first, each job taking the next file when it is free (longest
    // processing time first): a long PDF listed last would otherwise leave the other
    // cores idle at the end of the batch.
    let queue = by_size_descending(&inv.documents);
    let next = AtomicUsize::new(0);
    pool.install(|| {
        (0..extractors.len())
            .into_par_iter()
            .with_max_len(1)
            .for_each(|slot| {
                let mut extractor = extractors[slot].lock().unwrap_or_else(|e| e.into_inner());
                while let Some(path) = queue.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let outcome = extractor.extract(path, &opts.limits);
                    let result =
                        pipeline::analyze_outcome(&path.display().to_string(), outcome, rules);
                    emit(&result);
                    bar.inc(1);
                }
            });
    });
    bar.finish_and_clear();
    let (_, _, write_err) = sink.into_inner().unwrap_or_else(|e| e.into_inner());
    if let Some(e) = write_err {
        return Err(anyhow::Error::new(e).context("cannot write results"));
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// The documents in processing order: by size, largest first; equal sizes by path.
/// A file whose size cannot be read sorts last (it becomes an error result quickly).
fn by_size_descending(paths: &[PathBuf]) -> Vec<&PathBuf> {
    let mut sized: Vec<(u64, &PathBuf)> = paths
        .iter()
        .map(|p| (std::fs::metadata(p).map_or(0, |m| m.len()), p))
        .collect();
    sized.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    sized.into_iter().map(|(_, p)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_files_are_processed_first() {
        let dir = tempfile::tempdir().unwrap();
        let mk = |name: &str, len: usize| {
            let p = dir.path().join(name);
            std::fs::write(&p, vec![b'x'; len]).unwrap();
            p
        };
        let paths = vec![
            mk("a.txt", 10),
            mk("b.txt", 3000),
            mk("c.txt", 10),
            mk("d.txt", 200),
        ];
        let names: Vec<String> = by_size_descending(&paths)
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["b.txt", "d.txt", "a.txt", "c.txt"]);
    }

    #[test]
    fn shard_parse() {
        assert_eq!("2/3".parse::<Shard>(), Ok(Shard { index: 2, count: 3 }));
        assert!("0/3".parse::<Shard>().is_err());
        assert!("4/3".parse::<Shard>().is_err());
        assert!("3".parse::<Shard>().is_err());
    }

    #[test]
    fn shards_partition_paths() {
        let paths: Vec<PathBuf> = (0..200)
            .map(|i| PathBuf::from(format!("d/{i}.pdf")))
            .collect();
        let shards: Vec<Shard> = (1..=3).map(|k| Shard { index: k, count: 3 }).collect();
        for p in &paths {
            assert_eq!(
                shards.iter().filter(|s| s.contains(p)).count(),
                1,
                "{}",
                p.display()
            );
        }
        // Not all in one shard.
        assert!(shards.iter().all(|s| paths.iter().any(|p| s.contains(p))));
    }
}

/// The results file of `scan --out FILE`. Results go to `FILE.partial`, one line
/// at a time, each line flushed to the OS as soon as its document is done (so a
/// killed run keeps everything finished); on success the file is synced and renamed
/// to `FILE`. A previous `FILE` is therefore never damaged by a run that dies.
/// A `FILE` that exists and is neither a regular file nor a directory (`/dev/null`, a
/// named pipe, `/dev/stdout`) is written to directly: renaming a partial file onto it
/// would replace the device or pipe with a regular file.
pub struct ResultsFile {
    /// `FILE.partial`, renamed to `FILE` at the end; `None` when writing to `FILE` itself.
    partial: Option<PathBuf>,
    target: PathBuf,
    file: std::fs::File,
}

impl ResultsFile {
    /// Opens the results file. With `resume`, continues `FILE.partial` (or a copy of
    /// `FILE`), repairs a torn last line, and returns the documents already done.
    pub fn open(
        target: &Path,
        resume: bool,
    ) -> anyhow::Result<(ResultsFile, std::collections::HashSet<(String, String)>)> {
        use anyhow::Context;
        let special = std::fs::metadata(target).is_ok_and(|m| !m.is_file() && !m.is_dir());
        if special {
            if resume {
                anyhow::bail!(
                    "cannot resume into {}: it is not a regular file",
                    target.display()
                );
            }
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(target)
                .with_context(|| format!("cannot open {}", target.display()))?;
            let results = ResultsFile {
                partial: None,
                target: target.to_path_buf(),
                file,
            };
            return Ok((results, std::collections::HashSet::new()));
        }
        let mut name = target.as_os_str().to_owned();
        name.push(".partial");
        let partial = PathBuf::from(name);
        let mut done = std::collections::HashSet::new();
        if resume {
            if !partial.exists() && target.exists() {
                std::fs::copy(target, &partial).with_context(|| {
                    format!("cannot copy {} to {}", target.display(), partial.display())
                })?;
            }
            if partial.exists() {
                let bytes = std::fs::read(&partial)
                    .with_context(|| format!("cannot read {}", partial.display()))?;
                let (valid_len, keys) = parse_done(&bytes)
                    .with_context(|| format!("cannot resume from {}", partial.display()))?;
                if valid_len < bytes.len() {
                    let f = std::fs::OpenOptions::new().write(true).open(&partial)?;
                    f.set_len(valid_len as u64).with_context(|| {
                        format!("cannot repair the torn last line of {}", partial.display())
                    })?;
                    eprintln!(
                        "dpascan: repaired {}: dropped a torn last line of {} bytes",
                        partial.display(),
                        bytes.len() - valid_len
                    );
                }
                done = keys;
            }
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(resume)
            .write(true)
            .truncate(!resume)
            .open(&partial)
            .with_context(|| format!("cannot create {}", partial.display()))?;
        Ok((
            ResultsFile {
                partial: Some(partial),
                target: target.to_path_buf(),
                file,
            },
            done,
        ))
    }

    /// The writer for result lines.
    pub fn writer(&mut self) -> &mut std::fs::File {
        &mut self.file
    }

    /// Syncs and renames `FILE.partial` to `FILE` (nothing to do when writing to `FILE`
    /// itself: each line went out as it was written).
    pub fn finish(self) -> anyhow::Result<()> {
        use anyhow::Context;
        let Some(partial) = &self.partial else {
            return Ok(());
        };
        self.file
            .sync_all()
            .with_context(|| format!("cannot sync {}", partial.display()))?;
        std::fs::rename(partial, &self.target).with_context(|| {
            format!(
                "cannot rename {} to {}",
                partial.display(),
                self.target.display()
            )
        })?;
        Ok(())
    }
}

/// Parses earlier results: returns the byte length of the valid prefix (whole,
/// parseable lines) and the (path, sha256) of each. Only the last line may be
/// torn; a bad line in the middle is an error.
fn parse_done(
    bytes: &[u8],
) -> anyhow::Result<(usize, std::collections::HashSet<(String, String)>)> {
    let mut done = std::collections::HashSet::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let Some(nl) = bytes[pos..].iter().position(|&b| b == b'\n') else {
            break; // torn: no newline at the end
        };
        let line = &bytes[pos..pos + nl];
        match serde_json::from_slice::<serde_json::Value>(line) {
            Ok(v) => {
                let path = v["path"].as_str().unwrap_or_default().to_string();
                let sha = v["sha256"].as_str().unwrap_or_default().to_string();
                done.insert((path, sha));
            }
            Err(e) if pos + nl + 1 >= bytes.len() => {
                let _ = e; // a torn last line that happens to end in a newline
                break;
            }
            Err(e) => anyhow::bail!("line at byte {pos} is not a result: {e}"),
        }
        pos += nl + 1;
    }
    Ok((pos, done))
}

#[cfg(test)]
mod resume_tests {
    use super::*;

    #[test]
    fn torn_last_line_is_dropped() {
        let data = b"{\"path\":\"a\",\"sha256\":\"1\"}\n{\"path\":\"b\",\"sha2";
        let (len, done) = parse_done(data).unwrap();
        assert_eq!(len, data.iter().position(|&b| b == b'\n').unwrap() + 1);
        assert!(done.contains(&("a".to_string(), "1".to_string())));
        assert_eq!(done.len(), 1);
    }

    #[test]
    fn complete_file_is_kept() {
        let data = b"{\"path\":\"a\",\"sha256\":\"1\"}\n{\"path\":\"b\",\"sha256\":\"2\"}\n";
        let (len, done) = parse_done(data).unwrap();
        assert_eq!(len, data.len());
        assert_eq!(done.len(), 2);
    }

    #[test]
    fn bad_middle_line_is_an_error() {
        let data =
            b"{\"path\":\"a\",\"sha256\":\"1\"}\nnot json\n{\"path\":\"b\",\"sha256\":\"2\"}\n";
        assert!(parse_done(data).is_err());
    }
}

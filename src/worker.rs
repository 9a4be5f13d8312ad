//! Process isolation for extraction.
//!
//! PDF parsers panic, loop forever or overflow the stack on hostile input, and a
//! stack overflow or an abort cannot be caught inside a process. So extraction
//! runs in child processes of dpascan itself (`dpascan __worker`), one per
//! parallel job, reused across documents. The parent sends one JSON request per
//! line on the child's stdin and reads one JSON [`ExtractOutcome`] per line from
//! its stdout. A child that dies, hangs past the time limit or runs out of its
//! memory limit is killed and replaced, and the document becomes an error result
//! (`internal`, `timeout` or `too_large`); the run goes on.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::error::{DocError, ErrorKind};
use crate::extract::Limits;
use crate::pipeline::{self, ExtractOutcome};

/// Stack size of the thread that extracts inside a worker, in bytes (deeply nested input recurses).
const WORKER_STACK_BYTES: usize = 256 * 1024 * 1024;

/// How extraction is isolated.
#[derive(Debug, Clone)]
pub enum Isolation {
    /// In this process, panics caught (tests, fuzzing, `--no-isolate`). A stack overflow or endless loop is not caught.
    InProcess,
    /// In reusable child processes with time and memory limits.
    Workers(WorkerConfig),
}

/// Settings of worker processes.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// The dpascan executable to start as `EXE __worker`.
    pub exe: PathBuf,
    /// Wall-clock limit for one document.
    pub timeout: Duration,
    /// Address-space limit of a worker, in MiB (0: none).
    pub max_memory_mib: u64,
}

/// One request to a worker.
#[derive(Debug, Serialize, Deserialize)]
struct Request {
    /// Sent as raw bytes (on Unix) so that a file name that is not valid UTF-8 reaches the worker intact.
    #[serde(with = "os_path")]
    path: PathBuf,
    limits: Limits,
}

/// Serde for a path in a worker request: its OS bytes on Unix (a JSON string
/// cannot hold a file name that is not UTF-8), the default string form elsewhere.
mod os_path {
    use std::path::{Path, PathBuf};

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[cfg(unix)]
    pub fn serialize<S: Serializer>(p: &Path, s: S) -> Result<S::Ok, S::Error> {
        use std::os::unix::ffi::OsStrExt;
        p.as_os_str().as_bytes().serialize(s)
    }

    #[cfg(unix)]
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<PathBuf, D::Error> {
        use std::os::unix::ffi::OsStringExt;
        let bytes = Vec::<u8>::deserialize(d)?;
        Ok(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }

    #[cfg(not(unix))]
    pub fn serialize<S: Serializer>(p: &Path, s: S) -> Result<S::Ok, S::Error> {
        p.serialize(s)
    }

    #[cfg(not(unix))]
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<PathBuf, D::Error> {
        PathBuf::deserialize(d)
    }
}

/// Why a worker produced no outcome.
#[derive(Debug)]
enum Failure {
    Timeout,
    Died(String),
}

/// A running worker process.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<Option<String>>,
    stderr_tail: Arc<Mutex<VecDeque<String>>>,
}

impl Worker {
    fn spawn(cfg: &WorkerConfig) -> std::io::Result<Worker> {
        let mut child = Command::new(&cfg.exe)
            .arg("__worker")
            .arg("--max-memory-mib")
            .arg(cfg.max_memory_mib.to_string())
            .env("RUST_BACKTRACE", "0")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let stdin = child.stdin.take().expect("stdin was piped");
        let stdout = child.stdout.take().expect("stdout was piped");
        let stderr = child.stderr.take().expect("stderr was piped");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut line = String::new();
                match reader.read_line(&mut line) {
                    Ok(0) | Err(_) => {
                        let _ = tx.send(None);
                        return;
                    }
                    Ok(_) => {
                        if tx.send(Some(line)).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        let stderr_tail = Arc::new(Mutex::new(VecDeque::new()));
        let tail = Arc::clone(&stderr_tail);
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stderr);
            let mut buf = Vec::new();
            loop {
                buf.clear();
                // Bounded read of one line: a worker cannot flood our memory.
                match (&mut reader).take(4096).read_until(b'\n', &mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {
                        let mut t = tail.lock().unwrap_or_else(|e| e.into_inner());
                        if t.len() >= 8 {
                            t.pop_front();
                        }
                        t.push_back(String::from_utf8_lossy(&buf).trim_end().to_string());
                    }
                }
            }
        });
        Ok(Worker {
            child,
            stdin,
            lines,
            stderr_tail,
        })
    }

    fn extract(
        &mut self,
        path: &Path,
        limits: &Limits,
        timeout: Duration,
    ) -> Result<ExtractOutcome, Failure> {
        let req = Request {
            path: path.to_path_buf(),
            limits: limits.clone(),
        };
        let mut line = serde_json::to_string(&req).map_err(|e| Failure::Died(e.to_string()))?;
        line.push('\n');
        let sent = Instant::now();
        if let Err(e) = self
            .stdin
            .write_all(line.as_bytes())
            .and_then(|_| self.stdin.flush())
        {
            return Err(Failure::Died(format!("cannot send to worker: {e}")));
        }
        match self.lines.recv_timeout(timeout) {
            // A reply read after the deadline came too late all the same: when this thread
            // was not scheduled for a while, `recv_timeout` still hands over what arrived.
            Ok(Some(_)) if sent.elapsed() > timeout => Err(Failure::Timeout),
            Ok(Some(reply)) => serde_json::from_str(&reply)
                .map_err(|e| Failure::Died(format!("bad worker reply: {e}"))),
            Ok(None) | Err(RecvTimeoutError::Disconnected) => {
                Err(Failure::Died(self.death_message()))
            }
            Err(RecvTimeoutError::Timeout) => Err(Failure::Timeout),
        }
    }

    /// Waits briefly for the dead child and describes how it died.
    fn death_message(&mut self) -> String {
        let status = wait_briefly(&mut self.child);
        // The stderr reader may lag a moment behind the exit.
        std::thread::sleep(Duration::from_millis(20));
        let tail: Vec<String> = self
            .stderr_tail
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .filter(|l| !l.is_empty())
            .cloned()
            .collect();
        let how = match status {
            Some(s) => describe_exit(s),
            None => "worker stopped answering".to_string(),
        };
        if tail.is_empty() {
            how
        } else {
            format!("{how}: {}", tail.join(" / "))
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_briefly(child: &mut Child) -> Option<std::process::ExitStatus> {
    for _ in 0..100 {
        if let Ok(Some(s)) = child.try_wait() {
            return Some(s);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = child.kill();
    child.wait().ok()
}

fn describe_exit(status: std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            let name = match sig {
                libc::SIGABRT => "SIGABRT (abort, e.g. stack overflow or out of memory)",
                libc::SIGSEGV => "SIGSEGV (segmentation fault)",
                libc::SIGKILL => "SIGKILL",
                libc::SIGBUS => "SIGBUS",
                _ => "a signal",
            };
            return format!("worker killed by signal {sig}: {name}");
        }
    }
    format!("worker exited with {status}")
}

/// Extracts documents with the chosen isolation. One `Extractor` per parallel job;
/// it keeps its worker process alive across documents and replaces it when it dies.
pub struct Extractor {
    isolation: Isolation,
    worker: Option<Worker>,
}

impl Extractor {
    /// A new extractor; workers start lazily.
    pub fn new(isolation: Isolation) -> Self {
        Extractor {
            isolation,
            worker: None,
        }
    }

    /// Extracts one file. Never panics and never fails: failures become error outcomes.
    pub fn extract(&mut self, path: &Path, limits: &Limits) -> ExtractOutcome {
        let cfg = match &self.isolation {
            Isolation::InProcess => return pipeline::extract_file(path, limits),
            Isolation::Workers(cfg) => cfg.clone(),
        };
        let mut outcome = self.attempt(&cfg, path, limits);
        // A PDF whose extraction crashed or hung gets one more try in safe mode
        // (lopdf only), so that whatever text can be recovered is.
        let crashed = matches!(&outcome.result, Err(e) if matches!(e.kind, ErrorKind::Internal | ErrorKind::Timeout));
        if crashed && !limits.safe_mode && outcome.format == Some(crate::extract::Format::Pdf) {
            let safe = Limits {
                safe_mode: true,
                ..limits.clone()
            };
            let first = outcome
                .result
                .as_ref()
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            let mut retry = self.attempt(&cfg, path, &safe);
            if let Ok(doc) = &mut retry.result {
                doc.warnings.insert(
                    0,
                    format!("first attempt failed ({first}); text from a retry in safe mode (lopdf only)"),
                );
                outcome = retry;
            }
        }
        outcome
    }

    /// One extraction in the worker, starting or replacing it as needed.
    fn attempt(&mut self, cfg: &WorkerConfig, path: &Path, limits: &Limits) -> ExtractOutcome {
        if self.worker.is_none() {
            match Worker::spawn(cfg) {
                Ok(w) => self.worker = Some(w),
                Err(e) => {
                    return failed(
                        ErrorKind::Internal,
                        format!("cannot start worker {}: {e}", cfg.exe.display()),
                    )
                }
            }
        }
        let worker = self.worker.as_mut().expect("worker was just started");
        match worker.extract(path, limits, cfg.timeout) {
            Ok(outcome) => outcome,
            Err(failure) => {
                // The worker is in an unknown state: replace it for the next document.
                self.worker = None;
                let mut outcome = match failure {
                    Failure::Timeout => failed(
                        ErrorKind::Timeout,
                        format!(
                            "extraction did not finish within {} s (--timeout)",
                            cfg.timeout.as_secs_f64()
                        ),
                    ),
                    Failure::Died(msg) if msg.contains("memory allocation") => failed(
                        ErrorKind::TooLarge,
                        format!(
                            "extraction exceeded the memory limit of {} MiB (--max-memory): {msg}",
                            cfg.max_memory_mib
                        ),
                    ),
                    Failure::Died(msg) => {
                        failed(ErrorKind::Internal, format!("extraction crashed: {msg}"))
                    }
                };
                identify(path, limits, &mut outcome);
                outcome
            }
        }
    }
}

/// Fills in the hash and format of a document whose worker failed, so the error
/// result still identifies the file. Reads the file only when within the size limit.
fn identify(path: &Path, limits: &Limits, outcome: &mut ExtractOutcome) {
    let small_enough = std::fs::metadata(path)
        .map(|m| m.len() <= limits.max_file_bytes)
        .unwrap_or(false);
    if !small_enough {
        return;
    }
    if let Ok(bytes) = std::fs::read(path) {
        outcome.sha256 = pipeline::sha256_hex(&bytes);
        outcome.format = crate::extract::detect(&bytes, path);
    }
}

fn failed(kind: ErrorKind, message: String) -> ExtractOutcome {
    ExtractOutcome {
        sha256: String::new(),
        format: None,
        result: Err(DocError::new(kind, message)),
    }
}

/// The worker process's main loop (`dpascan __worker`): reads requests from stdin,
/// writes outcomes to stdout, until stdin closes. Returns the process exit code.
pub fn run_worker(max_memory_mib: u64) -> i32 {
    if max_memory_mib > 0 {
        limit_address_space(max_memory_mib * 1024 * 1024);
    }
    // Panics are caught per document (and per page in the PDF extractor) and
    // reported in the outcome; keep stderr free of their noise.
    std::panic::set_hook(Box::new(|_| {}));
    let handle = std::thread::Builder::new()
        .name("extract".into())
        .stack_size(WORKER_STACK_BYTES)
        .spawn(worker_loop);
    match handle {
        Ok(h) => h.join().unwrap_or(70),
        Err(_) => worker_loop(),
    }
}

fn worker_loop() -> i32 {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { return 0 };
        if line.trim().is_empty() {
            continue;
        }
        let outcome = match serde_json::from_str::<Request>(&line) {
            Ok(req) => {
                inject_fault(&req.limits);
                pipeline::extract_file(&req.path, &req.limits)
            }
            Err(e) => failed(ErrorKind::Internal, format!("bad request to worker: {e}")),
        };
        let reply = match serde_json::to_string(&outcome) {
            Ok(s) => s,
            Err(e) => serde_json::to_string(&failed(
                ErrorKind::Internal,
                format!("cannot encode outcome: {e}"),
            ))
            .unwrap_or_else(|_| "{}".into()),
        };
        let mut out = stdout.lock();
        if writeln!(out, "{reply}").and_then(|_| out.flush()).is_err() {
            return 0;
        }
    }
    0
}

/// Fault injection for the isolation tests: `DPASCAN_FAULT=abort|hang|stack`
/// makes the worker die, hang or overflow its stack on every document that is
/// not extracted in safe mode. Unset in normal use.
fn inject_fault(limits: &Limits) {
    if limits.safe_mode {
        return;
    }
    match std::env::var("DPASCAN_FAULT").as_deref() {
        Ok("abort") => std::process::abort(),
        Ok("hang") => loop {
            std::thread::sleep(Duration::from_secs(3600));
        },
        Ok("stack") => {
            #[allow(unconditional_recursion)]
            fn recurse(n: u64) -> u64 {
                let pad = [n; 64];
                std::hint::black_box(&pad);
                recurse(n + 1) + pad[0]
            }
            std::hint::black_box(recurse(0));
        }
        _ => {}
    }
}

#[cfg(unix)]
fn limit_address_space(bytes: u64) {
    let lim = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: setrlimit only reads the struct we pass; it affects this process only.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &lim);
    }
}

#[cfg(not(unix))]
fn limit_address_space(_bytes: u64) {}

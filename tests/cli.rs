//! End-to-end tests of the `dpascan` binary: exit codes, JSON Lines, isolation, shards.

use std::path::Path;
use std::process::Command;

fn dpascan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dpascan"))
}

fn write(dir: &Path, name: &str, content: &[u8]) {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(p, content).unwrap();
}

/// `dpascan scan --progress never EXTRA… --out OUT DIR`, its output whatever the exit code.
fn scan_out(out: &Path, extra: &[&str], dir: &Path) -> std::process::Output {
    dpascan()
        .args(["scan", "--progress", "never"])
        .args(extra)
        .arg("--out")
        .arg(out)
        .arg(dir)
        .output()
        .unwrap()
}

fn sample_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a/avv.txt",
        "Vertrag zur Auftragsverarbeitung gemäß Art. 28 DSGVO. Die Daten werden in Rechenzentren in Frankfurt am Main gespeichert."
            .as_bytes(),
    );
    write(
        dir.path(),
        "b/policy.md",
        b"# Privacy Policy\n\nWe use Standard Contractual Clauses for transfers to the USA.\n",
    );
    write(
        dir.path(),
        "b/broken.pdf",
        b"%PDF-1.7\nthis is not a pdf at all",
    );
    write(dir.path(), "c/image.png", b"\x89PNG\r\n\x1a\n0000");
    write(dir.path(), "c/~$draft.docx", b"lock");
    for i in 0..12 {
        write(
            dir.path(),
            &format!("d/{i:02}.txt"),
            format!("Dokument Nummer {i} über Datenschutz.").as_bytes(),
        );
    }
    dir
}

fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {e}: {l}")))
        .collect()
}

fn sorted_paths(lines: &[serde_json::Value]) -> Vec<String> {
    let mut v: Vec<String> = lines
        .iter()
        .map(|l| l["path"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn scan_writes_one_line_per_supported_document_and_a_summary() {
    let dir = sample_dir();
    let out = dpascan()
        .args(["scan", "--progress", "never", "--jobs", "2"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out.stdout);
    // 2 + broken.pdf + 12 = 15 supported; the PNG and the office lock file are not results.
    assert_eq!(lines.len(), 15, "{:?}", sorted_paths(&lines));
    let paths = sorted_paths(&lines);
    assert!(!paths
        .iter()
        .any(|p| p.ends_with(".png") || p.contains("~$")));
    for l in &lines {
        assert_eq!(l["schema_version"], 1);
        assert!(l["status"] == "ok" || l["status"] == "error");
    }
    let broken = lines
        .iter()
        .find(|l| l["path"].as_str().unwrap().ends_with("broken.pdf"))
        .unwrap();
    assert_eq!(broken["status"], "error");
    assert_eq!(broken["format"], "pdf");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("15 documents in"), "{stderr}");
    assert!(stderr.contains("1 unsupported"), "{stderr}");
    assert!(stderr.contains("1 hidden or temporary"), "{stderr}");
}

#[test]
fn scan_out_file_matches_stdout() {
    let dir = sample_dir();
    let out_file = dir.path().join("results.jsonl");
    let run = scan_out(&out_file, &[], &dir.path().join("d"));
    assert!(run.status.success());
    assert!(run.stdout.is_empty());
    let lines = json_lines(&std::fs::read(&out_file).unwrap());
    assert_eq!(lines.len(), 12);
}

#[test]
fn shards_concatenate_to_the_full_scan() {
    let dir = sample_dir();
    let full = dpascan()
        .args(["scan", "--progress", "never"])
        .arg(dir.path())
        .output()
        .unwrap();
    let mut full_lines: Vec<String> = String::from_utf8_lossy(&full.stdout)
        .lines()
        .map(String::from)
        .collect();
    full_lines.sort();
    let mut sharded = Vec::new();
    for k in 1..=3 {
        let out = dpascan()
            .args(["scan", "--progress", "never", "--shard", &format!("{k}/3")])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        sharded.extend(
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(String::from),
        );
    }
    sharded.sort();
    assert_eq!(full_lines.len(), 15);
    assert_eq!(sharded, full_lines);
}

/// `scan` takes several paths, directories and documents alike: each document once, even
/// when two paths reach it; a missing path is a usage error before anything is read.
#[test]
fn scan_takes_documents_and_directories_together() {
    let dir = sample_dir();
    let run = |paths: &[std::path::PathBuf]| {
        dpascan()
            .args(["scan", "--progress", "never"])
            .args(paths)
            .output()
            .unwrap()
    };
    let avv = dir.path().join("a/avv.txt");
    let out = run(&[avv.clone(), dir.path().join("d"), avv.clone()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 13, "{:?}", sorted_paths(&lines));
    assert_eq!(result_for(&lines, "avv.txt")["status"], "ok");
    assert!(stderr.contains("13 documents in"), "{stderr}");

    // One document alone.
    let out = run(std::slice::from_ref(&avv));
    assert!(out.status.success());
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["path"], avv.display().to_string());

    let out = run(&[avv, dir.path().join("no/such/file.pdf")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot scan") && stderr.contains("file.pdf"),
        "{stderr}"
    );
}

/// Documents given one by one shard by their file names: the shards' results concatenate
/// to the unsharded scan.
#[test]
fn shards_of_documents_given_one_by_one_concatenate_to_the_full_scan() {
    let dir = sample_dir();
    let files: Vec<std::path::PathBuf> = (0..12)
        .map(|i| dir.path().join(format!("d/{i:02}.txt")))
        .collect();
    let lines_of = |shard: Option<String>| {
        let mut cmd = dpascan();
        cmd.args(["scan", "--progress", "never"]);
        if let Some(s) = shard {
            cmd.args(["--shard", &s]);
        }
        let out = cmd.args(&files).output().unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    let mut full = lines_of(None);
    full.sort();
    let mut sharded = Vec::new();
    let mut sizes = Vec::new();
    for k in 1..=3 {
        let part = lines_of(Some(format!("{k}/3")));
        sizes.push(part.len());
        sharded.extend(part);
    }
    sharded.sort();
    assert_eq!(full.len(), 12);
    assert_eq!(sharded, full);
    // Not all in one shard (as when every file's key was the same empty path).
    assert!(sizes.iter().all(|&n| n < 12), "{sizes:?}");
}

#[test]
fn timeout_becomes_an_error_result_and_the_batch_goes_on() {
    let dir = sample_dir();
    let out = dpascan()
        .args(["scan", "--progress", "never", "--timeout", "0.000001"])
        .arg(dir.path().join("d"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 12);
    assert!(
        lines.iter().all(|l| l["error"]["kind"] == "timeout"),
        "{lines:?}"
    );
    // The file is still identified.
    assert!(lines
        .iter()
        .all(|l| l["sha256"].as_str().unwrap().len() == 64));
}

#[test]
fn worker_out_of_memory_is_too_large_and_others_survive() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "small.txt", b"Ein kleiner Vertrag.");
    // A 75 MB file cannot even be read into a 64 MiB address space. (44 MB used to be
    // enough, but only through glibc's per-thread arena reserving 64 MiB of address space.)
    let big = "Daten ".repeat(12 * 1024 * 1024);
    write(dir.path(), "zz_big.txt", big.as_bytes());
    let out = dpascan()
        .args([
            "scan",
            "--progress",
            "never",
            "--jobs",
            "1",
            "--max-memory",
            "64",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 2);
    let big = lines
        .iter()
        .find(|l| l["path"].as_str().unwrap().ends_with("zz_big.txt"))
        .unwrap();
    assert_eq!(big["error"]["kind"], "too_large", "{big}");
    let small = lines
        .iter()
        .find(|l| l["path"].as_str().unwrap().ends_with("small.txt"))
        .unwrap();
    assert_eq!(small["status"], "ok");
}

#[test]
fn max_size_is_checked_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x.txt", &[b'a'; 2048]);
    let out = dpascan()
        .args(["check", "--format", "json", "--max-size", "1K"])
        .arg(dir.path().join("x.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["kind"], "too_large");
}

#[test]
fn check_json_prints_exactly_one_object() {
    let dir = sample_dir();
    let out = dpascan()
        .args(["check", "--format", "json"])
        .arg(dir.path().join("a/avv.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("exactly one JSON value");
    assert_eq!(v["status"], "ok");
    assert_eq!(v["format"], "text");
}

#[test]
fn check_of_a_missing_file_is_a_usage_error() {
    let out = dpascan()
        .args(["check", "/nonexistent/dpascan/file.pdf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot open"));
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let out = dpascan().args(["scan", "--bogus", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_pattern_dir_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "transfer.toml",
        b"[[rule]]\nid = 'broken'\nthis is not toml",
    );
    write(dir.path(), "doc.txt", b"Text.");
    let out = dpascan()
        .args(["check", "--patterns"])
        .arg(dir.path())
        .arg(dir.path().join("doc.txt"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("transfer.toml"));
    // The directory is named once, for `check` and `scan` alike.
    assert_eq!(
        stderr.matches("Failed to load patterns from").count(),
        1,
        "{stderr}"
    );
    let out = dpascan()
        .args(["scan", "--progress", "never", "--patterns"])
        .arg(dir.path())
        .arg(dir.path().join("doc.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.matches("Failed to load patterns from").count(),
        1,
        "{stderr}"
    );
}

#[test]
fn resume_after_a_torn_write_gives_one_result_per_document() {
    let dir = sample_dir();
    let out_file = dir.path().join("results.jsonl");
    let scan = |extra: &[&str]| {
        let out = scan_out(&out_file, extra, &dir.path().join("d"));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    scan(&[]);
    let full = std::fs::read_to_string(&out_file).unwrap();
    let lines: Vec<&str> = full.lines().collect();
    assert_eq!(lines.len(), 12);
    // Simulate a run killed while writing line 6: 5 whole lines and half of the 6th, left in FILE.partial.
    let mut torn = lines[..5].join("\n");
    torn.push('\n');
    torn.push_str(&lines[5][..lines[5].len() / 2]);
    std::fs::remove_file(&out_file).unwrap();
    std::fs::write(dir.path().join("results.jsonl.partial"), torn).unwrap();
    let out = scan(&["--resume"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("torn last line"), "{stderr}");
    assert!(stderr.contains("5 already done"), "{stderr}");
    let resumed = json_lines(&std::fs::read(&out_file).unwrap());
    let mut paths = sorted_paths(&resumed);
    assert_eq!(paths.len(), 12);
    paths.dedup();
    assert_eq!(paths.len(), 12, "no document twice");
    assert!(!dir.path().join("results.jsonl.partial").exists());
}

#[test]
fn a_new_run_does_not_touch_the_previous_output_until_it_succeeds() {
    let dir = sample_dir();
    let out_file = dir.path().join("results.jsonl");
    std::fs::write(&out_file, "previous\n").unwrap();
    // A run that fails before finishing (the directory does not exist) leaves the old file alone.
    let out = scan_out(&out_file, &[], &dir.path().join("missing"));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out_file).unwrap(), "previous\n");
}

/// A small valid PDF with one page of text, built by hand (xref offsets computed).
fn tiny_pdf(text: &str) -> Vec<u8> {
    let content = format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        pdf.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

fn scan_with_fault(fault: &str, extra: &[&str]) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.pdf",
        &tiny_pdf("Auftragsverarbeitung in Frankfurt"),
    );
    write(dir.path(), "b.txt", b"Ein Vertrag.");
    write(dir.path(), "c.pdf", &tiny_pdf("Data Processing Agreement"));
    let out = dpascan()
        .env("DPASCAN_FAULT", fault)
        .args(["scan", "--progress", "never", "--jobs", "1"])
        .args(extra)
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 3, "one result per document");
    lines
}

#[test]
fn a_crashing_worker_is_replaced_and_pdfs_are_retried_in_safe_mode() {
    for fault in ["abort", "stack"] {
        let lines = scan_with_fault(fault, &[]);
        for l in &lines {
            let path = l["path"].as_str().unwrap();
            if path.ends_with(".pdf") {
                // The retry in safe mode recovered the text, and says so.
                assert_eq!(l["status"], "ok", "{fault}: {l}");
                let warnings = l["extraction"]["warnings"].to_string();
                assert!(warnings.contains("safe mode"), "{fault}: {warnings}");
                assert!(warnings.contains("crashed"), "{fault}: {warnings}");
            } else {
                // Text has no safe mode: the crash is the result.
                assert_eq!(l["error"]["kind"], "internal", "{fault}: {l}");
                assert_eq!(l["sha256"].as_str().unwrap().len(), 64);
            }
        }
    }
}

#[test]
fn a_hanging_worker_is_killed_at_the_timeout() {
    let lines = scan_with_fault("hang", &["--timeout", "1"]);
    for l in &lines {
        if l["path"].as_str().unwrap().ends_with(".pdf") {
            assert_eq!(l["status"], "ok", "{l}");
            assert!(
                l["extraction"]["warnings"]
                    .to_string()
                    .contains("did not finish"),
                "{l}"
            );
        } else {
            assert_eq!(l["error"]["kind"], "timeout", "{l}");
        }
    }
}

/// Runs `dpascan ARGS`, failing the test (instead of hanging it) after 120 s.
fn run_with_deadline(args: &[&std::ffi::OsStr]) -> std::process::Output {
    let mut child = dpascan()
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Both pipes are drained while we wait: a full pipe would block dpascan.
    let drain = |mut r: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            v
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return std::process::Output {
                status,
                stdout: out.join().unwrap(),
                stderr: err.join().unwrap(),
            };
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("dpascan {args:?} did not finish within 120 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// `dpascan scan DIR EXTRA…` (JSON Lines on stdout): (results, stderr).
fn scan_dir(dir: &Path, extra: &[&str]) -> (Vec<serde_json::Value>, String) {
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["scan".as_ref(), "--progress".as_ref(), "never".as_ref()];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    args.push(dir.as_os_str());
    let out = run_with_deadline(&args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    (json_lines(&out.stdout), stderr)
}

fn result_for<'a>(lines: &'a [serde_json::Value], name: &str) -> &'a serde_json::Value {
    let hits: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| l["path"].as_str().unwrap().ends_with(&format!("/{name}")))
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "one result for {name}: {:?}",
        sorted_paths(lines)
    );
    hits[0]
}

const AVV: &[u8] = "Vertrag zur Auftragsverarbeitung gemäß Art. 28 DSGVO.".as_bytes();

#[cfg(unix)]
#[test]
fn symlinks_are_skipped_and_counted_by_default() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "root/a.txt", AVV);
    std::os::unix::fs::symlink("a.txt", dir.path().join("root/link.txt")).unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("root/self")).unwrap();
    let (lines, stderr) = scan_dir(&dir.path().join("root"), &[]);
    assert_eq!(sorted_paths(&lines).len(), 1, "{:?}", sorted_paths(&lines));
    result_for(&lines, "a.txt");
    assert!(stderr.contains("skipped: 2 symlinks"), "{stderr}");
}

/// A symlink given as a path to scan is followed, to a file or a directory, and counted
/// as nothing else.
#[cfg(unix)]
#[test]
fn a_symlink_given_as_a_path_is_followed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "root/a.txt", AVV);
    std::os::unix::fs::symlink("root/a.txt", dir.path().join("file-link.txt")).unwrap();
    std::os::unix::fs::symlink("root", dir.path().join("dir-link")).unwrap();
    for link in ["file-link.txt", "dir-link"] {
        let (lines, stderr) = scan_dir(&dir.path().join(link), &[]);
        assert_eq!(lines.len(), 1, "{link}: {:?}", sorted_paths(&lines));
        assert_eq!(lines[0]["status"], "ok", "{link}");
        assert!(!stderr.contains("skipped"), "{link}: {stderr}");
    }
}

#[cfg(unix)]
#[test]
fn follow_symlinks_reads_a_link_inside_the_root_under_the_link_path() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "root/docs/a.txt", AVV);
    std::fs::create_dir_all(dir.path().join("root/links")).unwrap();
    std::os::unix::fs::symlink("../docs/a.txt", dir.path().join("root/links/link.txt")).unwrap();
    std::os::unix::fs::symlink("../docs", dir.path().join("root/links/docdir")).unwrap();
    let (lines, stderr) = scan_dir(&dir.path().join("root"), &["--follow-symlinks"]);
    assert_eq!(lines.len(), 3, "{:?}", sorted_paths(&lines));
    for name in ["docs/a.txt", "links/link.txt", "links/docdir/a.txt"] {
        let r = result_for(&lines, name);
        assert_eq!(r["status"], "ok", "{name}: {r}");
        assert_eq!(r["kind"], "dpa", "{name}: {r}");
    }
    assert!(!stderr.contains("symlinks"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn follow_symlinks_never_reads_a_target_outside_the_root() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "root/a.txt", AVV);
    write(dir.path(), "outside/secret.txt", AVV);
    write(dir.path(), "outside/more/secret2.txt", AVV);
    let root = dir.path().join("root");
    std::os::unix::fs::symlink("../outside/secret.txt", root.join("out.txt")).unwrap();
    // Absolute target, and a directory.
    std::os::unix::fs::symlink(dir.path().join("outside"), root.join("outdir")).unwrap();
    let (lines, _) = scan_dir(&root, &["--follow-symlinks"]);
    assert_eq!(lines.len(), 3, "{:?}", sorted_paths(&lines));
    assert_eq!(result_for(&lines, "a.txt")["status"], "ok");
    for name in ["out.txt", "outdir"] {
        let r = result_for(&lines, name);
        assert_eq!(r["status"], "error", "{r}");
        assert_eq!(r["error"]["kind"], "unreadable", "{r}");
        assert!(
            r["error"]["message"]
                .as_str()
                .unwrap()
                .contains("outside the scan root"),
            "{r}"
        );
        assert_eq!(r["sha256"], "", "the target was not read: {r}");
    }
    // No path in the output is the resolved target.
    assert!(!sorted_paths(&lines).iter().any(|p| p.contains("outside/")));
}

#[cfg(unix)]
#[test]
fn follow_symlinks_reports_a_directory_loop_and_finishes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "root/a.txt", AVV);
    write(dir.path(), "root/sub/b.txt", AVV);
    let root = dir.path().join("root");
    std::os::unix::fs::symlink("..", root.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", root.join("dangling.txt")).unwrap();
    let (lines, stderr) = scan_dir(&root, &["--follow-symlinks"]);
    assert_eq!(lines.len(), 4, "{:?}", sorted_paths(&lines));
    assert_eq!(result_for(&lines, "a.txt")["status"], "ok");
    assert_eq!(result_for(&lines, "sub/b.txt")["status"], "ok");
    let lp = result_for(&lines, "sub/loop");
    assert_eq!(lp["error"]["kind"], "unreadable", "{lp}");
    assert!(
        lp["error"]["message"].as_str().unwrap().contains("loop"),
        "{lp}"
    );
    let dangling = result_for(&lines, "dangling.txt");
    assert_eq!(dangling["error"]["kind"], "unreadable", "{dangling}");
    assert!(stderr.contains("4 documents in"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_skipped_and_counted_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", AVV);
    let fifo = dir.path().join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo not available; skipping");
        return;
    }
    let (lines, stderr) = scan_dir(dir.path(), &["--follow-symlinks"]);
    assert_eq!(lines.len(), 1, "{:?}", sorted_paths(&lines));
    assert!(stderr.contains("1 special files"), "{stderr}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_non_utf8_file_name_is_a_result_and_resume_skips_it() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"vertr\xe4g.txt");
    std::fs::write(docs.join(name), AVV).unwrap();
    write(&docs, "b.txt", b"Noch ein Dokument.");
    let out_file = dir.path().join("results.jsonl");
    let args: Vec<&std::ffi::OsStr> = vec![
        "scan".as_ref(),
        "--progress".as_ref(),
        "never".as_ref(),
        "--out".as_ref(),
        out_file.as_os_str(),
        docs.as_os_str(),
    ];
    let run = run_with_deadline(&args);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let lines = json_lines(&std::fs::read(&out_file).unwrap());
    assert_eq!(lines.len(), 2, "{:?}", sorted_paths(&lines));
    let r = result_for(&lines, "vertr\u{FFFD}g.txt");
    assert_eq!(r["status"], "ok", "{r}");
    assert_eq!(r["kind"], "dpa", "its text was analysed: {r}");

    let mut resume_args = args.clone();
    resume_args.insert(3, "--resume".as_ref());
    let again = run_with_deadline(&resume_args);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(again.status.success(), "{stderr}");
    assert!(stderr.contains("2 already done (resumed)"), "{stderr}");
    assert!(stderr.contains("0 documents in"), "{stderr}");
    assert_eq!(json_lines(&std::fs::read(&out_file).unwrap()).len(), 2);
}

/// `--out` onto something that is no regular file (a named pipe here; `/dev/null` in
/// practice) writes to it and leaves it what it was. Renaming the partial results file
/// onto it, as for a regular file, replaced `/dev/null` with a regular file when run as
/// root, and the next build read its stale text.
#[cfg(unix)]
#[test]
fn out_to_a_pipe_writes_to_it_and_keeps_it_a_pipe() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::FileTypeExt;
    let dir = sample_dir();
    let fifo = dir.path().join("results.fifo");
    let name = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates the pipe.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = fifo.clone();
    std::thread::spawn(move || {
        let _ = tx.send(std::fs::read_to_string(&reader).unwrap_or_default());
    });
    let out = scan_out(&fifo, &[], &dir.path().join("d"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let kind = std::fs::metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe became {kind:?}");
    let text = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the reader got the results");
    let paths: Vec<String> = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["path"].to_string())
        .collect();
    assert_eq!(paths.len(), 12, "{text}");
    // A pipe has nothing to resume from.
    let out = scan_out(&fifo, &["--resume"], &dir.path().join("d"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
}

//! The regression corpus: every file in `corpus/regressions/` (plus the large
//! inputs generated below) gives exactly one result with the status and error
//! kind its line in `corpus/regressions/expected.tsv` says, and the batch finishes.
//! A file without a manifest line, or a manifest line without a file, fails the test.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Files in the directory that are not regression inputs.
const NOT_INPUTS: &[&str] = &["README.md", "expected.tsv"];

/// Inputs too big to commit, written by [`generate`] at test time (listed in the manifest too).
const GENERATED: &[&str] = &[
    "docx-bomb-lying-size.docx",
    "html-nested-100000.html",
    "pdf-bomb-content-300mb.pdf",
];

fn regressions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/regressions")
}

/// file name -> (status, error kind or "").
fn manifest() -> BTreeMap<String, (String, String)> {
    let text = std::fs::read_to_string(regressions_dir().join("expected.tsv")).unwrap();
    let mut m = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("file\t") {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(
            cols.len() == 2 || cols.len() == 3,
            "expected.tsv line {}: want FILE<TAB>STATUS<TAB>KIND: {line:?}",
            i + 1
        );
        let status = cols[1].trim().to_string();
        let kind = cols.get(2).map(|k| k.trim()).unwrap_or("").to_string();
        assert!(
            status == "ok" || status == "error",
            "line {}: {line:?}",
            i + 1
        );
        assert_eq!(
            status == "error",
            !kind.is_empty(),
            "line {}: {line:?}",
            i + 1
        );
        let prev = m.insert(cols[0].to_string(), (status, kind));
        assert!(prev.is_none(), "{} listed twice", cols[0]);
    }
    m
}

/// A DOCX whose word/document.xml inflates to 300 MB (over the default 200 MB cap)
/// while both zip headers declare it as 1,000 bytes.
fn lying_docx_bomb() -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        z.start_file("[Content_Types].xml", opts).unwrap();
        z.write_all(b"<Types/>").unwrap();
        z.start_file("word/document.xml", opts).unwrap();
        z.write_all(b"<w:document><w:body><w:p><w:r><w:t>Auftragsverarbeitung</w:t></w:r></w:p>")
            .unwrap();
        let spaces = vec![b' '; 1024 * 1024];
        for _ in 0..300 {
            z.write_all(&spaces).unwrap();
        }
        z.finish().unwrap();
    }
    let mut bytes = buf.into_inner();
    // Local header: size at +22, name length at +26, name at +30.
    // Central directory header: size at +24, name length at +28, name at +46.
    let name = b"word/document.xml";
    let mut patched = 0;
    for (sig, size_at, len_at, name_at) in [
        (b"PK\x03\x04", 22usize, 26usize, 30usize),
        (b"PK\x01\x02", 24, 28, 46),
    ] {
        let mut i = 0;
        while i + name_at + name.len() <= bytes.len() {
            if &bytes[i..i + 4] == sig {
                let len = u16::from_le_bytes([bytes[i + len_at], bytes[i + len_at + 1]]) as usize;
                if len == name.len() && &bytes[i + name_at..i + name_at + len] == name {
                    bytes[i + size_at..i + size_at + 4].copy_from_slice(&1000u32.to_le_bytes());
                    patched += 1;
                }
            }
            i += 1;
        }
    }
    assert_eq!(patched, 2, "both headers of word/document.xml patched");
    bytes
}

/// A one-page PDF whose content stream inflates to 300 MB (over the default 200 MB cap):
/// a line of text, 300 MB of spaces, another line.
fn pdf_content_bomb() -> Vec<u8> {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.4");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let mut content = b"BT /F1 12 Tf 72 712 Td (Auftragsverarbeitung) Tj ET\n".to_vec();
    content.resize(content.len() + 300 * 1024 * 1024, b' ');
    content.extend_from_slice(b"BT /F1 12 Tf 72 700 Td (Ende) Tj ET\n");
    let mut stream = Stream::new(dictionary! {}, content);
    stream.compress().unwrap();
    let content_id = doc.add_object(stream);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    assert!(
        bytes.len() < 2_000_000,
        "the bomb is small: {} bytes",
        bytes.len()
    );
    bytes
}

fn generate(dir: &Path) {
    std::fs::write(dir.join("pdf-bomb-content-300mb.pdf"), pdf_content_bomb()).unwrap();
    std::fs::write(dir.join("docx-bomb-lying-size.docx"), lying_docx_bomb()).unwrap();
    let deep = format!(
        "<html><body><p>Datenschutzerklärung</p>{}Tief{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    std::fs::write(dir.join("html-nested-100000.html"), deep).unwrap();
}

#[test]
fn every_regression_input_gives_its_manifest_result() {
    let manifest = manifest();
    let mut files: BTreeSet<String> = std::fs::read_dir(regressions_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !NOT_INPUTS.contains(&n.as_str()))
        .collect();
    for g in GENERATED {
        assert!(
            files.insert(g.to_string()),
            "{g} is generated; do not commit it"
        );
    }
    let listed: BTreeSet<String> = manifest.keys().cloned().collect();
    let unlisted: Vec<&String> = files.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "files without a line in corpus/regressions/expected.tsv: {unlisted:?}"
    );
    let missing: Vec<&String> = listed.difference(&files).collect();
    assert!(
        missing.is_empty(),
        "manifest lines without a file: {missing:?}"
    );

    let tmp = tempfile::tempdir().unwrap();
    for name in &files {
        if !GENERATED.contains(&name.as_str()) {
            std::fs::copy(regressions_dir().join(name), tmp.path().join(name)).unwrap();
        }
    }
    generate(tmp.path());

    // Results go to a file, not a pipe: a pipe that nobody reads while we wait for the
    // scan fills up (64 KiB) and blocks it.
    let out_dir = tempfile::tempdir().unwrap();
    let results_path = out_dir.path().join("results.jsonl");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dpascan"))
        .args(["scan", "--progress", "never", "--timeout", "60"])
        .arg(tmp.path())
        .stdout(std::fs::File::create(&results_path).unwrap())
        .stderr(std::fs::File::create(out_dir.path().join("stderr.txt")).unwrap())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(600);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("the scan of the regression corpus did not finish");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = child.wait().unwrap();
    let stderr = std::fs::read_to_string(out_dir.path().join("stderr.txt")).unwrap_or_default();
    assert!(status.success(), "{stderr}");
    let stdout = std::fs::read(&results_path).unwrap();
    let results: Vec<serde_json::Value> = String::from_utf8_lossy(&stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {e}: {l}")))
        .collect();

    let mut failures = Vec::new();
    for (name, (status, kind)) in &manifest {
        let hits: Vec<&serde_json::Value> = results
            .iter()
            .filter(|r| {
                Path::new(r["path"].as_str().unwrap()).file_name()
                    == Some(std::ffi::OsStr::new(name))
            })
            .collect();
        if hits.len() != 1 {
            failures.push(format!("{name}: {} results, want 1", hits.len()));
            continue;
        }
        let r = hits[0];
        let got_kind = r["error"]["kind"].as_str().unwrap_or("");
        if r["status"] != status.as_str() || got_kind != kind {
            failures.push(format!(
                "{name}: got {} {got_kind:?} ({}), want {status} {kind:?}",
                r["status"], r["error"]
            ));
        }
    }
    assert_eq!(results.len(), manifest.len(), "one result per input");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

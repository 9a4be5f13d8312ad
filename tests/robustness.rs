//! The robustness suite: bad input of every kind gives its documented error kind,
//! and the batch always finishes with one result per document.
//!
//! | input | result |
//! | --- | --- |
//! | empty file (any format) | `no_text` |
//! | zero-byte `.pdf` | `no_text` |
//! | truncated PDF | `malformed` |
//! | garbage named `.pdf` | `malformed` |
//! | PDF encrypted with a user password | `encrypted` |
//! | PDF encrypted with the empty user password | ok (decrypted) |
//! | PDF with no text layer (images only) | `no_text` |
//! | zip bomb named `.docx` | `too_large` |
//! | 50 MB text file | ok |
//! | HTML nested 100,000 deep | ok, with a warning |
//! | file that vanishes between listing and reading | `unreadable` |

use std::path::Path;
use std::process::Command;

use lopdf::{dictionary, Document, Object, Stream};

fn write(dir: &Path, name: &str, content: &[u8]) {
    std::fs::write(dir.join(name), content).unwrap();
}

/// A one-page PDF; `content` is the page's content stream.
fn pdf(content: &str) -> Document {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
        ),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    doc
}

const TEXT_PAGE: &str =
    "BT /F1 12 Tf 72 760 Td (Vertrag zur Auftragsverarbeitung nach Art. 28 DSGVO) Tj ET";

fn save(doc: &mut Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn encrypted(user_password: &str) -> Vec<u8> {
    let mut doc = pdf(TEXT_PAGE);
    doc.trailer.set(
        "ID",
        vec![
            Object::string_literal(b"0123456789abcdef".to_vec()),
            Object::string_literal(b"0123456789abcdef".to_vec()),
        ],
    );
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password,
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    };
    let state = lopdf::EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    save(&mut doc)
}

fn zip_bomb() -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        z.start_file("[Content_Types].xml", opts).unwrap();
        z.write_all(b"<Types/>").unwrap();
        z.start_file("word/document.xml", opts).unwrap();
        let zeros = vec![b' '; 1024 * 1024];
        for _ in 0..300 {
            z.write_all(&zeros).unwrap(); // 300 MB of spaces, about 300 KB compressed
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn every_bad_input_gives_its_documented_kind_and_the_batch_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "empty.txt", b"");
    write(d, "empty.pdf", b"");
    let good = save(&mut pdf(TEXT_PAGE));
    write(d, "good.pdf", &good);
    write(d, "truncated.pdf", &good[..good.len() * 6 / 10]);
    write(d, "garbage.pdf", &[0x5a; 4096]);
    write(d, "password.pdf", &encrypted("vertraulich"));
    write(d, "emptypassword.pdf", &encrypted(""));
    write(
        d,
        "imageonly.pdf",
        &save(&mut pdf("q 100 0 0 100 50 50 cm 0 0 1 1 re f Q")),
    );
    write(d, "bomb.docx", &zip_bomb());
    let mut big = String::with_capacity(50 * 1024 * 1024);
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n",
        );
    }
    write(d, "big.txt", big.as_bytes());
    let deep = format!(
        "<html><body><p>Datenschutzerklärung</p>{}Tief{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    write(d, "deep.html", deep.as_bytes());

    let out = Command::new(env!("CARGO_BIN_EXE_dpascan"))
        .args(["scan", "--progress", "never"])
        .arg(d)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let get = |name: &str| -> &serde_json::Value {
        results
            .iter()
            .find(|r| r["path"].as_str().unwrap().ends_with(&format!("/{name}")))
            .unwrap_or_else(|| panic!("no result for {name}"))
    };
    assert_eq!(results.len(), 11, "one result per document");
    let expect_error = |name: &str, kind: &str| {
        let r = get(name);
        assert_eq!(r["status"], "error", "{name}: {r}");
        assert_eq!(r["error"]["kind"], kind, "{name}: {}", r["error"]);
    };
    expect_error("empty.txt", "no_text");
    expect_error("empty.pdf", "no_text");
    expect_error("truncated.pdf", "malformed");
    expect_error("garbage.pdf", "malformed");
    expect_error("password.pdf", "encrypted");
    expect_error("imageonly.pdf", "no_text");
    expect_error("bomb.docx", "too_large");
    for ok in ["good.pdf", "emptypassword.pdf", "big.txt", "deep.html"] {
        assert_eq!(get(ok)["status"], "ok", "{ok}: {}", get(ok)["error"]);
    }
    assert!(get("emptypassword.pdf")["findings"].as_array().is_some());
    assert!(
        get("deep.html")["extraction"]["warnings"]
            .to_string()
            .contains("nest"),
        "{}",
        get("deep.html")["extraction"]
    );
}

#[test]
fn a_file_that_vanishes_after_listing_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        b"Ein Vertrag zur Auftragsverarbeitung.",
    );
    write(dir.path(), "b.txt", b"Noch ein Vertrag.");
    let inv = dpascan::scan::inventory(dir.path(), None);
    assert_eq!(inv.documents.len(), 2);
    std::fs::remove_file(dir.path().join("b.txt")).unwrap();
    let rules = dpascan::patterns::Rules::embedded().unwrap();
    let opts = dpascan::scan::ScanOptions {
        jobs: 1,
        isolation: dpascan::worker::Isolation::Workers(dpascan::worker::WorkerConfig {
            exe: env!("CARGO_BIN_EXE_dpascan").into(),
            timeout: std::time::Duration::from_secs(30),
            max_memory_mib: 2048,
        }),
        limits: dpascan::extract::Limits::default(),
        shard: None,
        progress: false,
        done: Default::default(),
        follow_symlinks: false,
    };
    let mut out = Vec::new();
    let summary =
        dpascan::scan::process(inv, std::time::Instant::now(), &rules, &opts, &mut out).unwrap();
    assert_eq!(summary.documents, 2);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let b = lines
        .iter()
        .find(|l| l["path"].as_str().unwrap().ends_with("b.txt"))
        .unwrap();
    assert_eq!(b["error"]["kind"], "unreadable", "{b}");
}

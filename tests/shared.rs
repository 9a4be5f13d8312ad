//! Scans of ../shared (real-world documents and malformed PDFs). Ignored by default
//! because ../shared is not part of the repository; `scripts/shared-check.sh` runs them.

use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("DPASCAN_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared"));
    dir.is_dir().then_some(dir)
}

/// Files a scan must report: supported extensions, not hidden.
fn supported_files(root: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter(|e| {
            let ext = e
                .path()
                .extension()
                .and_then(|x| x.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            matches!(
                ext.as_str(),
                "pdf" | "md" | "mdx" | "markdown" | "html" | "htm" | "txt" | "docx"
            )
        })
        .map(|e| e.path().display().to_string())
        .collect();
    v.sort();
    v
}

fn scan_and_validate(set: &str) -> Vec<serde_json::Value> {
    let Some(root) = shared() else {
        eprintln!("../shared not present: skipped");
        return Vec::new();
    };
    let root = root.join(set);
    let out = Command::new(env!("CARGO_BIN_EXE_dpascan"))
        .args(["scan", "--progress", "never", "--timeout", "30"])
        .arg(&root)
        .output()
        .expect("dpascan runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stderr}");
    assert!(
        out.status.success(),
        "scan of {} failed: {stderr}",
        root.display()
    );
    let schema = dpascan::report::schema::result_schema();
    let compiled = jsonschema::JSONSchema::compile(&schema).expect("schema compiles");
    let mut lines = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        if let Err(errors) = compiled.validate(&v) {
            let msgs: Vec<String> = errors
                .map(|e| format!("{e} at {}", e.instance_path))
                .collect();
            panic!("{} does not match the schema: {msgs:?}", v["path"]);
        }
        lines.push(v);
    }
    let mut got: Vec<String> = lines
        .iter()
        .map(|l| l["path"].as_str().unwrap_or("").to_string())
        .collect();
    got.sort();
    assert_eq!(got, supported_files(&root), "one result per supported file");
    for l in &lines {
        let status = l["status"].as_str().unwrap_or("");
        let detail = if status == "error" {
            format!("{}: {}", l["error"]["kind"], l["error"]["message"])
        } else {
            format!(
                "{} {} {} countries={} providers={} risk={}",
                l["format"],
                l["language"],
                l["kind"],
                l["countries"].as_array().map_or(0, Vec::len),
                l["providers"].as_array().map_or(0, Vec::len),
                l["risk"]["level"]
            )
        };
        eprintln!("{status:5} {} {detail}", l["path"].as_str().unwrap_or(""));
    }
    lines
}

#[test]
#[ignore = "needs ../shared; run scripts/shared-check.sh"]
fn scan_realworld() {
    let lines = scan_and_validate("realworld");
    if lines.is_empty() {
        return;
    }
    // Real documents are readable: at most a handful may fail.
    let errors = lines.iter().filter(|l| l["status"] == "error").count();
    assert!(
        errors * 10 <= lines.len(),
        "{errors} of {} real-world documents failed",
        lines.len()
    );
    bilingual_pairs_agree(&lines);
}

/// The same document in German and in English (real-world translations published side by
/// side), relative to ../shared/realworld.
const BILINGUAL_PAIRS: &[(&str, &str)] = &[
    (
        "_no-license/dataresearchcenter-legal/docs/external/Hetzner_DE_dpa-2023-06-27.pdf",
        "_no-license/dataresearchcenter-legal/docs/external/Hetzner_EN_dpa-2023-06-27.pdf",
    ),
    (
        "_no-license/dataresearchcenter-legal/docs/de/avv.md",
        "_no-license/dataresearchcenter-legal/docs/en/dpa.md",
    ),
    (
        "_no-license/dataresearchcenter-legal/docs/de/unterauftragnehmer.md",
        "_no-license/dataresearchcenter-legal/docs/en/subprocessors.md",
    ),
    (
        "cwa-app-android/Corona-Warn-App/src/main/assets/privacy_de.html",
        "cwa-app-android/Corona-Warn-App/src/main/assets/privacy_en.html",
    ),
    (
        "mozilla-legal-docs/de/pdf/subscription_services_privacy_notice.pdf",
        "mozilla-legal-docs/en/pdf/subscription_services_privacy_notice.pdf",
    ),
    (
        "mozilla-legal-docs/de/mozilla_accounts_privacy_notice.md",
        "mozilla-legal-docs/en/mozilla_accounts_privacy_notice.md",
    ),
];

/// What a reviewer reads of a result, without the wording: kind, the parties' roles and
/// countries (names may be translated: "Robert Koch-Institut", "Robert Koch Institute"),
/// countries, the transfer decision and mechanisms, providers, locations, the checklist
/// items not addressed and the risk codes.
fn facts(l: &serde_json::Value) -> Vec<String> {
    let list = |key: &str, f: &dyn Fn(&serde_json::Value) -> String| {
        let mut v: Vec<String> = l[key].as_array().into_iter().flatten().map(f).collect();
        v.sort();
        format!("{key}: {v:?}")
    };
    vec![
        format!("kind: {}", l["kind"]),
        list("parties", &|p| format!("{} {}", p["roles"], p["country"])),
        list("countries", &|c| c["code"].to_string()),
        format!("transfers: {}", l["transfers"]["third_country_transfer"]),
        format!("mechanisms: {}", l["transfers"]["mechanisms"]),
        list("providers", &|p| p["name"].to_string()),
        list("locations", &|x| format!("{} {}", x["city"], x["country"])),
        list("checklist", &|c| {
            if c["present"] == true {
                String::new()
            } else {
                c["id"].to_string()
            }
        }),
        format!("risk: {}", l["risk"]["level"]),
        list("risk reasons", &|r| r["code"].to_string()),
    ]
}

/// A German document and its English translation give the same facts.
fn bilingual_pairs_agree(lines: &[serde_json::Value]) {
    let find = |rel: &str| {
        lines.iter().find(|l| {
            l["path"]
                .as_str()
                .is_some_and(|p| p.ends_with(&format!("realworld/{rel}")))
        })
    };
    let mut differ = Vec::new();
    for (de, en) in BILINGUAL_PAIRS {
        let (Some(a), Some(b)) = (find(de), find(en)) else {
            eprintln!("bilingual pair {de} / {en} not in ../shared: skipped");
            continue;
        };
        for (x, y) in facts(a).iter().zip(facts(b).iter()) {
            if x != y {
                differ.push(format!("{de} / {en}:\n  de {x}\n  en {y}"));
            }
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
#[ignore = "needs ../shared; run scripts/shared-check.sh"]
fn scan_pdfs_including_malformed() {
    let lines = scan_and_validate("pdfs");
    if lines.is_empty() {
        return;
    }
    let kind = |name: &str| {
        lines
            .iter()
            .find(|l| l["path"].as_str().unwrap_or("").ends_with(name))
            .map(|l| {
                (
                    l["status"].as_str().unwrap_or("").to_string(),
                    l["error"]["kind"].as_str().unwrap_or("").to_string(),
                )
            })
            .unwrap_or_default()
    };
    assert_eq!(kind("de_lo_10p_aes256_userpw.pdf").1, "encrypted");
    assert_eq!(kind("de_lo_10p_aes128_emptyuserpw.pdf").0, "ok");
    assert_eq!(kind("de_lo_10p.pdf").0, "ok");
    assert_eq!(kind("de_lo_10p_truncated75.pdf").0, "error");
}

//! Loading `patterns/`: the copy embedded in the binary, optionally overridden file by
//! file from a directory (`--patterns DIR`).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use include_dir::{include_dir, Dir};

use super::compile::{compile, Rules};

/// The `patterns/` directory, embedded at build time.
pub static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/patterns");

/// Whether `name` is a data file the loader reads (`*.toml`, `*.csv`).
fn is_data_file(name: &str) -> bool {
    name.ends_with(".toml") || name.ends_with(".csv")
}

/// The embedded data files, file name → text.
pub fn embedded_files() -> anyhow::Result<BTreeMap<String, String>> {
    let mut files = BTreeMap::new();
    for f in EMBEDDED.files() {
        let name = f
            .path()
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if !is_data_file(&name) {
            continue;
        }
        let text = f
            .contents_utf8()
            .with_context(|| format!("patterns/{name}: not UTF-8"))?;
        files.insert(name, text.to_string());
    }
    Ok(files)
}

/// The embedded data files with those of `dir` replacing (or adding to) them by file name.
pub fn files_with_overrides(dir: &Path) -> anyhow::Result<BTreeMap<String, String>> {
    let mut files = embedded_files()?;
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("Failed to load patterns from {}", dir.display()))?;
    for e in entries {
        let e = e.with_context(|| format!("Failed to load patterns from {}", dir.display()))?;
        let path = e.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(String::from) else {
            continue;
        };
        if !is_data_file(&name) || !path.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("Failed to load patterns from {}", path.display()))?;
        files.insert(name, text);
    }
    Ok(files)
}

impl Rules {
    /// Loads the embedded default patterns.
    pub fn embedded() -> anyhow::Result<Rules> {
        compile(&embedded_files()?)
    }

    /// Loads the embedded patterns, with files in `dir` replacing embedded files of the same name
    /// (and new files added).
    pub fn with_overrides(dir: &Path) -> anyhow::Result<Rules> {
        compile(&files_with_overrides(dir)?)
            .with_context(|| format!("Failed to load patterns from {}", dir.display()))
    }
}

//! A small CSV reader for the gazetteer files (`patterns/*.csv`).
//!
//! Format: the first non-comment line is the header; fields are separated by `,`;
//! a field may be quoted with `"` (a doubled `""` is a literal quote); lines that
//! start with `#` are comments; blank lines are skipped. No field spans lines.

use anyhow::{bail, Context};

/// One data row with its 1-based line number in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line number in the file.
    pub line: usize,
    /// Field values, one per header column.
    pub fields: Vec<String>,
}

/// A parsed CSV table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Column names.
    pub header: Vec<String>,
    /// Data rows, each with exactly `header.len()` fields.
    pub rows: Vec<Row>,
}

impl Table {
    /// Index of column `name`.
    pub fn column(&self, name: &str) -> anyhow::Result<usize> {
        self.header.iter().position(|h| h == name).with_context(|| {
            format!(
                "missing column {name:?} (header: {})",
                self.header.join(",")
            )
        })
    }
}

/// Parses CSV `text`; errors name the line.
pub fn parse(text: &str) -> anyhow::Result<Table> {
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields = split_line(line).with_context(|| format!("line {line_no}"))?;
        match &header {
            None => header = Some(fields),
            Some(h) => {
                if fields.len() != h.len() {
                    bail!(
                        "line {line_no}: {} fields, the header has {}",
                        fields.len(),
                        h.len()
                    );
                }
                rows.push(Row {
                    line: line_no,
                    fields,
                });
            }
        }
    }
    let Some(header) = header else {
        bail!("no header line")
    };
    Ok(Table { header, rows })
}

fn split_line(line: &str) -> anyhow::Result<Vec<String>> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cur.push('"');
                } else {
                    quoted = false;
                }
            } else {
                cur.push(c);
            }
        } else if c == '"' && at_field_start {
            quoted = true;
            at_field_start = false;
        } else if c == ',' {
            fields.push(std::mem::take(&mut cur));
            at_field_start = true;
        } else {
            cur.push(c);
            at_field_start = false;
        }
    }
    if quoted {
        bail!("unterminated quoted field");
    }
    fields.push(cur);
    Ok(fields)
}

/// Formats one field for writing (quoted when it holds `,` or `"`).
pub fn quote(field: &str) -> String {
    if field.contains(',') || field.contains('"') {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_quotes_comments_and_counts() {
        let t = parse("# c\na,b\n1,\"x, \"\"y\"\"\"\n\n2,z\n").unwrap();
        assert_eq!(t.header, vec!["a", "b"]);
        assert_eq!(t.rows[0].fields, vec!["1", "x, \"y\""]);
        assert_eq!(t.rows[1].line, 5);
        assert!(parse("a,b\n1\n")
            .unwrap_err()
            .to_string()
            .contains("line 2"));
        assert!(parse("a\n\"x\n").is_err());
        assert_eq!(quote("a,b"), "\"a,b\"");
    }
}

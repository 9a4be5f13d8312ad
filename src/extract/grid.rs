//! Grid tables drawn with ASCII art in plain text and Markdown (reStructuredText, pandoc,
//! Python's `tabulate`/`prettytable`, `psql`), whose cells wrap over several lines:
//!
//! ```text
//! +------------------------+----------------+------------------------+
//! | Provider               | Country        | Safeguard              |
//! +========================+================+========================+
//! | Sentry (Functional     | United States  | EU-US Data Privacy     |
//! | Software, Inc.)        |                | Framework              |
//! +------------------------+----------------+------------------------+
//! ```
//!
//! Read line by line, "EU-US Data Privacy" and "Framework" are two rows, and neither
//! names the mechanism. [`reflow`] rewrites each table as one line per row, its cells'
//! lines joined ("Sentry (Functional Software, Inc.) | United States | EU-US Data Privacy
//! Framework"), a block of its own, the way Markdown, HTML and DOCX tables come out of
//! extraction; the border lines are dropped.
//!
//! A table's columns are the `+` positions of its border lines (in characters, so umlauts
//! count once). A block of lines between two borders is one row when the table separates
//! its rows with borders (three blocks or more); a table bordered only around its header
//! (`prettytable`, `psql`) has a row per line, and a line whose first cell is empty
//! continues the row above. A table whose lines do not fit its borders (a cell spanning
//! columns, a `|` out of place) is kept as it is.

use std::borrow::Cow;

/// How a reflowed table's rows are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowStyle {
    /// `cell | cell | cell`, as the other formats' tables are extracted (plain text).
    Plain,
    /// A Markdown pipe table (`| cell | cell |`, a delimiter row after the first row), for
    /// the Markdown parser to read as a table.
    Markdown,
}

/// Rewrites every grid table in `text` as one line per row (see the module docs); text
/// without one is returned as it is.
pub fn reflow(text: &str, style: RowStyle) -> Cow<'_, str> {
    if !text.contains("+-") && !text.contains("+=") {
        return Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    while i < lines.len() {
        if let Some(columns) = border_columns(lines[i]) {
            if let Some((rows, next)) = read_table(&lines, i, &columns) {
                write_rows(&rows, style, &mut out);
                if lines.get(next).is_some_and(|l| !l.trim().is_empty()) {
                    out.push('\n');
                }
                changed = true;
                i = next;
                continue;
            }
        }
        out.push_str(lines[i]);
        i += 1;
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// The character columns of the `+` in a border line ("+----+====+", "+:---+---:+"),
/// at least three (two cells' edges), or `None` for any other line.
fn border_columns(line: &str) -> Option<Vec<usize>> {
    let body = line.trim_end();
    let indent = body.len() - body.trim_start().len();
    let body = body.trim_start();
    if !body.starts_with('+') || !body.ends_with('+') || body.len() < 3 {
        return None;
    }
    if !body.chars().all(|c| matches!(c, '+' | '-' | '=' | ':')) {
        return None;
    }
    let columns: Vec<usize> = body
        .char_indices()
        .filter(|&(_, c)| c == '+')
        .map(|(i, _)| indent + i)
        .collect();
    let no_empty_cell = columns.windows(2).all(|w| w[1] > w[0] + 1);
    (columns.len() >= 2 && no_empty_cell).then_some(columns)
}

/// Reads the table whose first border is `lines[first]`: its rows of cells and the index
/// of the first line after it, or `None` when it is no grid table (no closing border, or a
/// line that does not fit the columns).
fn read_table(
    lines: &[&str],
    first: usize,
    columns: &[usize],
) -> Option<(Vec<Vec<String>>, usize)> {
    // Blocks of content lines between borders, each line split into its cells' fragments.
    let mut blocks: Vec<Vec<Vec<&str>>> = Vec::new();
    let mut block: Vec<Vec<&str>> = Vec::new();
    let mut i = first + 1;
    let mut closed_at = None;
    while i < lines.len() {
        if border_columns(lines[i]).as_deref() == Some(columns) {
            if !block.is_empty() {
                blocks.push(std::mem::take(&mut block));
            }
            closed_at = Some(i);
            i += 1;
            continue;
        }
        match split_cells(lines[i], columns) {
            Some(cells) => block.push(cells),
            // A row that does not fit the columns: the table is kept as it is.
            None if lines[i].trim_start().starts_with('|') => return None,
            None => break,
        }
        i += 1;
    }
    // The table ends at its last border; content lines after it belong to no table.
    let end = closed_at? + 1;
    if blocks.is_empty() {
        return None;
    }
    let rows = if blocks.len() >= 3 {
        blocks.iter().map(|b| join_lines(b)).collect()
    } else {
        let mut row_lines: Vec<Vec<Vec<&str>>> = Vec::new();
        for line in blocks.iter().flatten() {
            match row_lines.last_mut() {
                Some(row) if line[0].trim().is_empty() => row.push(line.clone()),
                _ => row_lines.push(vec![line.clone()]),
            }
        }
        row_lines.iter().map(|b| join_lines(b)).collect()
    };
    Some((rows, end))
}

/// A content line's cell fragments, cut at the table's columns, or `None` when the line
/// has no `|` at every column (as characters, after the same indentation).
fn split_cells<'a>(line: &'a str, columns: &[usize]) -> Option<Vec<&'a str>> {
    let body = line.trim_end_matches(['\n', '\r']);
    let bars: Vec<(usize, usize)> = body
        .char_indices()
        .enumerate()
        .filter(|&(_, (_, c))| c == '|')
        .map(|(column, (byte, _))| (column, byte))
        .collect();
    let rest_blank = |byte: usize| body[byte + 1..].trim().is_empty();
    let mut cuts = Vec::with_capacity(columns.len());
    for &column in columns {
        let &(_, byte) = bars.iter().find(|&&(c, _)| c == column)?;
        cuts.push(byte);
    }
    let first = *cuts.first()?;
    let last = *cuts.last()?;
    if !body[..first].trim().is_empty() || !rest_blank(last) {
        return None;
    }
    Some(cuts.windows(2).map(|w| &body[w[0] + 1..w[1]]).collect())
}

/// One row's cells: each cell's fragments over the lines, trimmed and joined with a space
/// (none after a hyphen that ends a fragment: "EU-" and "US" are "EU-US").
fn join_lines(lines: &[Vec<&str>]) -> Vec<String> {
    let width = lines.first().map_or(0, Vec::len);
    (0..width)
        .map(|c| {
            let mut cell = String::new();
            for line in lines {
                let part = line.get(c).map_or("", |p| p.trim());
                if part.is_empty() {
                    continue;
                }
                if !cell.is_empty() && !cell.ends_with('-') {
                    cell.push(' ');
                }
                cell.push_str(part);
            }
            cell
        })
        .collect()
}

/// Writes a table's rows as a block of their own: a blank line before them (a Markdown
/// table must not continue a paragraph; the other formats' tables are blocks too).
fn write_rows(rows: &[Vec<String>], style: RowStyle, out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
    for (n, row) in rows.iter().enumerate() {
        match style {
            RowStyle::Plain => out.push_str(&row.join(" | ")),
            RowStyle::Markdown => {
                out.push_str("| ");
                let cells: Vec<String> = row.iter().map(|c| c.replace('|', "\\|")).collect();
                out.push_str(&cells.join(" | "));
                out.push_str(" |");
                if n == 0 {
                    out.push_str("\n|");
                    out.push_str(&"---|".repeat(row.len()));
                }
            }
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WRAPPED: &str = "\
Our processors:

+--------------------------+---------------+----------------------+
| Provider                 | Country       | Safeguard            |
+==========================+===============+======================+
| Sentry (Functional       | United States | EU-US Data Privacy   |
| Software, Inc.)          |               | Framework            |
+--------------------------+---------------+----------------------+
| Daily.co (Daily, Inc.)   | United States | -                    |
+--------------------------+---------------+----------------------+
| Müller Straßen-          | Deutschland   | EU                   |
| bau GmbH                 |               |                      |
+--------------------------+---------------+----------------------+

After the table.
";

    #[test]
    fn a_grid_tables_wrapped_cells_become_one_row() {
        let out = reflow(WRAPPED, RowStyle::Plain);
        assert_eq!(
            out,
            "Our processors:\n\n\
             Provider | Country | Safeguard\n\
             Sentry (Functional Software, Inc.) | United States | EU-US Data Privacy Framework\n\
             Daily.co (Daily, Inc.) | United States | -\n\
             Müller Straßen-bau GmbH | Deutschland | EU\n\
             \nAfter the table.\n"
        );
    }

    #[test]
    fn markdown_style_is_a_pipe_table_with_a_delimiter_row() {
        let out = reflow(WRAPPED, RowStyle::Markdown);
        assert!(out.contains(
            "| Provider | Country | Safeguard |\n|---|---|---|\n\
             | Sentry (Functional Software, Inc.) | United States | EU-US Data Privacy Framework |\n"
        ));
    }

    #[test]
    fn a_table_bordered_only_around_its_header_has_a_row_per_line() {
        let t = "\
+-------------+---------+
| Name        | Country |
+-------------+---------+
| Twilio Inc. | US      |
| Brevo SAS   | FR      |
|             | (Paris) |
+-------------+---------+
";
        assert_eq!(
            reflow(t, RowStyle::Plain),
            "Name | Country\nTwilio Inc. | US\nBrevo SAS | FR (Paris)\n"
        );
        assert_eq!(
            reflow("Text\n+--+--+\n|a |b |\n+--+--+\nMore\n", RowStyle::Plain),
            "Text\n\na | b\n\nMore\n"
        );
    }

    #[test]
    fn text_that_is_no_grid_table_is_kept() {
        for t in [
            "Kosten: 5 +-2 %\n",
            "+----+----+\n| a | b |\n", // never closed
            "+----+----+\n| a  | b  |\n| a spanning cell |\n+----+----+\n", // a bar out of place
            "a +--+ b\n",
            "+--+\n| x |\n+--+\n", // one column edge pair is fine, but its bar is misplaced
        ] {
            assert!(
                matches!(reflow(t, RowStyle::Plain), Cow::Borrowed(_)),
                "{t:?}"
            );
        }
    }
}

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
//! Tables of columns under runs of dashes (pandoc's simple and multiline tables, a
//! fixed-width list) are rewritten the same way.
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

/// Rewrites every grid table and every table of columns under dashes in `text` as one
/// line per row (see the module docs); text without one is returned as it is.
pub fn reflow(text: &str, style: RowStyle) -> Cow<'_, str> {
    match reflow_grids(text, style) {
        Cow::Borrowed(_) => reflow_dashed(text, style),
        Cow::Owned(grids) => match reflow_dashed(&grids, style) {
            Cow::Borrowed(_) => Cow::Owned(grids),
            Cow::Owned(both) => Cow::Owned(both),
        },
    }
}

/// Rewrites every grid table (`+---+` borders) in `text` as one line per row.
fn reflow_grids(text: &str, style: RowStyle) -> Cow<'_, str> {
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

/// Rewrites every table of columns under runs of dashes in `text` (pandoc's simple and
/// multiline tables, a fixed-width list a program printed) as one line per row:
///
/// ```text
/// Nr.  Unterauftragsverarbeiter /          Leistung                 Status
///      Anschrift
/// ---  ----------------------------------  -----------------------  ------------
/// 1    plusserver GmbH, Venloer Straße     Infrastructure-as-a-     aktiv seit
///      47, 50672 Köln                      Service                  01.04.2021
///
/// 2    Hetzner Online GmbH, Industriestr.  Backup-Speicher          ausgelaufen
/// ```
///
/// The dashes' runs (at least [`MIN_DASHES`] each, at least two) are the columns, each
/// reaching to the next run's start; the lines right above them that fit the columns are
/// the header. Below, a line fits when only spaces stand in the gaps between the runs.
/// Rows are the blocks between blank lines when blank lines part them (a block's first line
/// with text in two cells at least), else one per line (a line with an empty first cell,
/// or after a line with a cell left unfinished, continues the row above). The table ends at a line
/// that does not fit, or at a closing line of dashes. A table whose header or rows do not
/// fit is kept as it is.
fn reflow_dashed(text: &str, style: RowStyle) -> Cow<'_, str> {
    if !text.contains("-- ") && !text.contains("- -") {
        return Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    // Lines read but not yet written: a table's header is found only at its dashes.
    let mut written = 0;
    let mut i = 0;
    while i < lines.len() {
        let Some(runs) = dash_runs(lines[i]) else {
            i += 1;
            continue;
        };
        match read_dashed(&lines, i, &runs, written) {
            Some((header_start, rows, next)) => {
                for line in &lines[written..header_start] {
                    out.push_str(line);
                }
                write_rows(&rows, style, &mut out);
                if lines.get(next).is_some_and(|l| !l.trim().is_empty()) {
                    out.push('\n');
                }
                changed = true;
                written = next;
                i = next;
            }
            None => i += 1,
        }
    }
    if !changed {
        return Cow::Borrowed(text);
    }
    for line in &lines[written..] {
        out.push_str(line);
    }
    Cow::Owned(out)
}

/// Fewest dashes in a run of a table's dashed line ([`reflow_dashed`]).
const MIN_DASHES: usize = 3;

/// Most header lines above a table's dashed line.
const MAX_HEADER_LINES: usize = 3;

/// The runs of dashes of a table's dashed line ("---  --------  ----"), as character
/// columns `(start, end)`: at least two runs of at least [`MIN_DASHES`] dashes, nothing
/// but dashes and spaces on the line.
fn dash_runs(line: &str) -> Option<Vec<(usize, usize)>> {
    let body = line.trim_end();
    if body.is_empty() || !body.chars().all(|c| c == '-' || c == ' ') {
        return None;
    }
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (k, c) in body.chars().chain(std::iter::once(' ')).enumerate() {
        match (c, start) {
            ('-', None) => start = Some(k),
            (' ', Some(s)) => {
                runs.push((s, k));
                start = None;
            }
            _ => {}
        }
    }
    (runs.len() >= 2 && runs.iter().all(|&(s, e)| e - s >= MIN_DASHES)).then_some(runs)
}

/// A line's cells under the runs `runs`: the text from each run's start to the next one's
/// (the last to the line's end); `None` when a character other than a space stands before
/// the first run or in a gap between two runs.
fn dashed_cells(line: &str, runs: &[(usize, usize)]) -> Option<Vec<String>> {
    let chars: Vec<char> = line.trim_end().chars().collect();
    let blank = |a: usize, b: usize| {
        chars
            .get(a..b.min(chars.len()))
            .is_none_or(|s| s.iter().all(|c| *c == ' '))
    };
    if !blank(0, runs[0].0) || runs.windows(2).any(|w| !blank(w[0].1, w[1].0)) {
        return None;
    }
    let cell = |a: usize, b: usize| -> String {
        chars
            .get(a.min(chars.len())..b.min(chars.len()))
            .map_or(String::new(), |s| {
                s.iter().collect::<String>().trim().to_string()
            })
    };
    let mut cells: Vec<String> = runs.windows(2).map(|w| cell(w[0].0, w[1].0)).collect();
    cells.push(cell(runs[runs.len() - 1].0, chars.len()));
    Some(cells)
}

/// Reads the table whose dashed line is `lines[dashes]`: where its header starts (not
/// before `floor`, the end of the table before it), its rows (the header's first) and the
/// index of the first line after it.
fn read_dashed(
    lines: &[&str],
    dashes: usize,
    runs: &[(usize, usize)],
    floor: usize,
) -> Option<(usize, Vec<Vec<String>>, usize)> {
    let mut header_start = dashes;
    while header_start > floor && dashes - header_start < MAX_HEADER_LINES {
        let above = lines[header_start - 1];
        if above.trim().is_empty() || dashed_cells(above, runs).is_none() {
            break;
        }
        header_start -= 1;
    }
    if header_start == dashes {
        return None;
    }
    // A line above the header that has text is part of it but does not fit: no table.
    if header_start > 0 && !lines[header_start - 1].trim().is_empty() {
        return None;
    }
    let to_cells = |ls: &[&str]| -> Vec<Vec<String>> {
        ls.iter().filter_map(|l| dashed_cells(l, runs)).collect()
    };
    let header = join_owned(&to_cells(&lines[header_start..dashes]));
    // Blocks of fitting lines, and whether blank lines parted them.
    let mut blocks: Vec<Vec<Vec<String>>> = vec![Vec::new()];
    let mut i = dashes + 1;
    let mut end = i;
    let mut parted = false;
    while i < lines.len() {
        let line = lines[i];
        if line.trim().is_empty() {
            if blocks.last().is_some_and(|b| !b.is_empty()) {
                blocks.push(Vec::new());
            }
            i += 1;
            continue;
        }
        if dash_runs(line).is_some() || line.trim().chars().all(|c| c == '-') {
            // A closing line of dashes belongs to the table.
            end = i + 1;
            break;
        }
        let Some(cells) = dashed_cells(line, runs) else {
            break;
        };
        if blocks.len() > 1 && blocks.last().is_some_and(Vec::is_empty) {
            // After a blank line, a row has text in two cells at least: a short line of
            // text that fits the first column is the paragraph after the table.
            if cells.iter().filter(|c| !c.is_empty()).count() < 2 {
                break;
            }
            parted = true;
        }
        blocks.last_mut().expect("a block").push(cells);
        i += 1;
        end = i;
    }
    blocks.retain(|b| !b.is_empty());
    let mut rows = vec![header];
    if parted {
        rows.extend(blocks.iter().map(|b| join_owned(b)));
    } else {
        let mut row_lines: Vec<Vec<Vec<String>>> = Vec::new();
        for line in blocks.into_iter().flatten() {
            match row_lines.last_mut() {
                Some(row) if line[0].is_empty() || row.last().is_some_and(|l| dangles(l)) => {
                    row.push(line)
                }
                _ => row_lines.push(vec![line]),
            }
        }
        rows.extend(row_lines.iter().map(|b| join_owned(b)));
    }
    // A table has a row with text in two cells at least.
    let real = rows[1..]
        .iter()
        .any(|r| r.iter().filter(|c| !c.is_empty()).count() >= 2);
    real.then_some((header_start, rows, end))
}

/// Whether a line of a table's row leaves a cell unfinished, so that the next line goes
/// on with the row even where it has text in the first cell ("38 Avenue John F. Kennedy,"
/// over "SARL | L-1855 Luxembourg"): a cell ending in a comma, a hyphen, a slash, an
/// ampersand or with a bracket open.
fn dangles(cells: &[String]) -> bool {
    cells.iter().any(|c| {
        c.ends_with([',', '-', '/', '&', '(']) || c.matches('(').count() > c.matches(')').count()
    })
}

/// [`join_lines`] for cells held as strings.
fn join_owned(lines: &[Vec<String>]) -> Vec<String> {
    let borrowed: Vec<Vec<&str>> = lines
        .iter()
        .map(|l| l.iter().map(String::as_str).collect())
        .collect();
    join_lines(&borrowed)
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

    const DASHED: &str = "\
Liste der Unterauftragsverarbeiter:

Nr.  Unterauftragsverarbeiter /          Leistung                 Status
     Anschrift
---  ----------------------------------  -----------------------  ------------
1    plusserver GmbH, Venloer Straße     Infrastructure-as-a-     aktiv seit
     47, 50672 Köln                      Service                  01.04.2021

2    Hetzner Online GmbH, Industriestr.  Externer Backup-         ausgelaufen
     25, 91710 Gunzenhausen              Speicher                 30.11.2026

Erläuterungen zur Spalte „Status“: „aktiv“ = derzeit eingesetzt.
";

    #[test]
    fn a_table_of_columns_under_dashes_becomes_one_line_per_row() {
        assert_eq!(
            reflow(DASHED, RowStyle::Plain),
            "Liste der Unterauftragsverarbeiter:\n\n\
             Nr. | Unterauftragsverarbeiter / Anschrift | Leistung | Status\n\
             1 | plusserver GmbH, Venloer Straße 47, 50672 Köln | Infrastructure-as-a-Service | aktiv seit 01.04.2021\n\
             2 | Hetzner Online GmbH, Industriestr. 25, 91710 Gunzenhausen | Externer Backup-Speicher | ausgelaufen 30.11.2026\n\
             \nErläuterungen zur Spalte „Status“: „aktiv“ = derzeit eingesetzt.\n"
        );
        // A simple table: a row per line, a line with an empty first cell continues it.
        // A line after a cell left unfinished ("Paris,") goes on with the row too.
        let t = "Name         Land\n-----------  -------\nTwilio Inc.  USA\nBrevo SAS    France\n             (Paris)\nAmazon Web   Luxem-\nServices     bourg\n\nDanach.\n";
        assert_eq!(
            reflow(t, RowStyle::Plain),
            "Name | Land\nTwilio Inc. | USA\nBrevo SAS | France (Paris)\nAmazon Web Services | Luxem-bourg\n\nDanach.\n"
        );
        assert!(reflow(DASHED, RowStyle::Markdown)
            .contains("| Nr. | Unterauftragsverarbeiter / Anschrift | Leistung | Status |\n|---|---|---|---|\n"));
    }

    #[test]
    fn text_that_is_no_table_under_dashes_is_kept() {
        for t in [
            "Titel\n-----\nText\n",                            // one run: a heading's rule
            "a - b -- c\n",                                    // no dashed line
            "Kopf A   Kopf B\n---      ---\n\nText danach.\n", // no row
            "Ein langer Satz, der über die Spalten läuft.\n---   ---\nx     y\n", // header does not fit
            "- - -\n",                                                            // runs too short
        ] {
            assert!(
                matches!(reflow(t, RowStyle::Plain), Cow::Borrowed(_)),
                "{t:?}"
            );
        }
        // A second table whose header would reach into the first one's rows: the first
        // is read, the second kept as it is (its header does not stand alone).
        let t =
            "A    B\n---  ---\n\n1    2\n\n3    4\nlongword    c\n----------  ---\np           q\n";
        assert_eq!(
            reflow(t, RowStyle::Plain),
            "A | B\n1 | 2\n3 | 4\n\nlongword    c\n----------  ---\np           q\n"
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

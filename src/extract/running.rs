//! Running headers and footers of paged documents (PDF).
//!
//! A line that opens or closes many pages (a letterhead, "Seite 3 von 12", a footer block
//! with the company's register and bank details) sits in the middle of every sentence that
//! runs over a page break, and a clause cut so is not recognized. Such lines are taken out
//! of the flow ([`move_running_lines`]):
//!
//! - a line runs when its shape (digit runs as `#`, so "Page 3 of 12" and "Page 4 of 12"
//!   are one) stands at the same place among the first or the last [`EDGE_LINES`] non-blank
//!   lines (the same edge, as the same n-th line from it) of at least half of the non-empty
//!   pages, and of two at least;
//! - only the lines between a page edge and its first line that does not run are taken:
//!   the same words in the body of a page stay;
//! - lines at the top of the first page and at the bottom of the last one stay where they
//!   are (no sentence runs into them; the title stays the title); the others are moved,
//!   in their order, to a block at the end of the document, so that no word is lost (a
//!   letterhead's address is still read, and counted as often as before); page numbers
//!   (lines without letters) are dropped.

use std::collections::HashMap;

/// Non-blank lines at each edge of a page that may be running lines: a footer block of
/// company details has up to six lines, with the page number seven.
pub const EDGE_LINES: usize = 8;

/// Most characters of a page number line (a running line without letters: "3", "- 3 -",
/// "3 / 12").
const PAGE_NUMBER_CHARS: usize = 16;

/// Most bytes of a running line: headers and footers are short (Hetzner's longest footer
/// line has 87), and longer lines are neither copied nor hashed.
const MAX_RUNNING_BYTES: usize = 300;

/// Which edge of a page a line stands at.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Edge {
    Top,
    Bottom,
}

/// Removes the running lines from `pages` (normalized page texts, lines separated by
/// `\n`) as the module describes; returns the block to append at the end of the document
/// (empty when nothing moved).
pub fn move_running_lines(pages: &mut [String]) -> String {
    let non_empty: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].chars().any(|c| !c.is_whitespace()))
        .collect();
    let threshold = non_empty.len().div_ceil(2).max(2);
    if non_empty.len() < threshold {
        return String::new();
    }
    // Per (edge, rank from it, shape): the number of pages with such a line.
    let mut counts: HashMap<(Edge, usize, String), usize> = HashMap::new();
    for &i in &non_empty {
        for (edge, rank, line) in edge_lines(&pages[i]) {
            if may_run(line) {
                *counts.entry((edge, rank, shape(line))).or_default() += 1;
            }
        }
    }
    counts.retain(|_, n| *n >= threshold);
    if counts.is_empty() {
        return String::new();
    }
    let runs = |edge: Edge, rank: usize, line: &str| {
        may_run(line) && counts.contains_key(&(edge, rank, shape(line)))
    };

    let (first, last) = (non_empty[0], non_empty[non_empty.len() - 1]);
    let mut block = String::new();
    for &i in &non_empty {
        let lines: Vec<&str> = pages[i].split('\n').collect();
        let top = edge_run(lines.iter().copied(), |r, l| runs(Edge::Top, r, l));
        let bottom = edge_run(lines.iter().rev().copied(), |r, l| runs(Edge::Bottom, r, l))
            .min(lines.len() - top);
        if top == 0 && bottom == 0 {
            continue;
        }
        let body = top..lines.len() - bottom;
        let (keep_top, keep_bottom) = (i == first, i == last);
        let mut new = Vec::with_capacity(lines.len());
        for (k, line) in lines.iter().enumerate() {
            let moved = (k < body.start && !keep_top) || (k >= body.end && !keep_bottom);
            if !moved {
                new.push(*line);
            } else if line.chars().any(char::is_alphabetic) {
                if !block.is_empty() {
                    block.push('\n');
                }
                block.push_str(line);
            }
        }
        pages[i] = trim_blank_lines(&new).join("\n");
    }
    block
}

/// The first and last [`EDGE_LINES`] non-blank lines of `page`, with their edge and rank
/// (0 for the first line from that edge).
fn edge_lines(page: &str) -> Vec<(Edge, usize, &str)> {
    let non_blank: Vec<&str> = page.split('\n').filter(|l| !l.trim().is_empty()).collect();
    let top = non_blank.iter().take(EDGE_LINES).map(|l| (Edge::Top, *l));
    let bottom = non_blank
        .iter()
        .rev()
        .take(EDGE_LINES)
        .map(|l| (Edge::Bottom, *l));
    let rank = |(r, (edge, l))| (edge, r, l);
    top.enumerate()
        .map(rank)
        .chain(bottom.enumerate().map(rank))
        .collect()
}

/// How many lines from the start of `lines` run: blank lines and lines for which
/// `runs(rank, line)` holds (rank: 0 for the first non-blank line), up to the first other
/// line, counting at most [`EDGE_LINES`] non-blank ones; blank lines after the last
/// running line are not counted.
fn edge_run<'a>(lines: impl Iterator<Item = &'a str>, runs: impl Fn(usize, &str) -> bool) -> usize {
    let mut taken = 0;
    let mut non_blank = 0;
    for (k, line) in lines.enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if non_blank == EDGE_LINES || !runs(non_blank, line) {
            break;
        }
        non_blank += 1;
        taken = k + 1;
    }
    taken
}

/// Whether `line` may be a running line: at most [`MAX_RUNNING_BYTES`]; with letters, at
/// least 4 characters that are not spaces (a glyph table's single letters or an item mark "(a)" never run); without
/// letters, a page number: digits with at most [`PAGE_NUMBER_CHARS`] characters of
/// spaces and `/ - – . | ( )`.
fn may_run(line: &str) -> bool {
    let line = line.trim();
    if line.len() > MAX_RUNNING_BYTES {
        return false;
    }
    if line.chars().any(char::is_alphabetic) {
        return line.chars().filter(|c| !c.is_whitespace()).count() >= 4;
    }
    line.chars().any(|c| c.is_ascii_digit())
        && line.chars().count() <= PAGE_NUMBER_CHARS
        && line
            .chars()
            .all(|c| c.is_ascii_digit() || " /-–.|()".contains(c))
}

/// `line` with every run of ASCII digits replaced by one `#`.
fn shape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_digits = false;
    for c in line.trim().chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('#');
            }
            in_digits = true;
        } else {
            out.push(c);
            in_digits = false;
        }
    }
    out
}

/// `lines` without blank lines at either end.
fn trim_blank_lines<'a>(lines: &'a [&'a str]) -> &'a [&'a str] {
    let start = lines
        .iter()
        .position(|l| !l.trim().is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(start, |e| e + 1);
    &lines[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of `body` with the Hetzner-like footer (page number, blank line, company
    /// block) of page `n` of `of`.
    fn page(body: &str, n: usize, of: usize) -> String {
        format!(
            "{body}\n{n} / {of}\n\nHetzner Online GmbH Industriestr. 25 Bank details:\n\
             VAT Reg. No.: DE812871812 info@hetzner.com"
        )
    }

    #[test]
    fn a_footer_on_every_page_leaves_the_flow_for_a_block_at_the_end() {
        let mut pages = vec![
            page(
                "Title\nThe Supplier shall document the measures defined in",
                1,
                3,
            ),
            page("advance of the awarding of the Order.\nMore text.", 2, 3),
            page("Last words.", 3, 3),
        ];
        let block = move_running_lines(&mut pages);
        assert_eq!(
            pages[0],
            "Title\nThe Supplier shall document the measures defined in"
        );
        assert_eq!(
            pages[1],
            "advance of the awarding of the Order.\nMore text."
        );
        // The last page keeps its footer where it is; the others' footers (without their
        // page numbers) are the block.
        assert_eq!(pages[2], page("Last words.", 3, 3));
        let footer = "Hetzner Online GmbH Industriestr. 25 Bank details:\n\
                      VAT Reg. No.: DE812871812 info@hetzner.com";
        assert_eq!(block, format!("{footer}\n{footer}"));
    }

    #[test]
    fn a_footer_missing_from_the_last_page_moves_from_every_page() {
        let mut pages = vec![
            page("One.", 1, 4),
            page("Two.", 2, 4),
            page("Three.", 3, 4),
            "Annex without footer.".to_string(),
        ];
        let block = move_running_lines(&mut pages);
        assert_eq!(pages[..3], ["One.", "Two.", "Three."]);
        assert_eq!(pages[3], "Annex without footer.");
        let footer = "Hetzner Online GmbH Industriestr. 25 Bank details:\n\
                      VAT Reg. No.: DE812871812 info@hetzner.com";
        assert_eq!(block, [footer; 3].join("\n"));
    }

    #[test]
    fn a_running_header_stays_on_the_first_page_and_the_others_move() {
        let mut pages: Vec<String> = (1..=3)
            .zip(["Body one.", "Second body.", "The last body."])
            .map(|(n, body)| format!("Data Processing Addendum | Page {n} of 3\n\n{body}"))
            .collect();
        let block = move_running_lines(&mut pages);
        assert_eq!(
            pages[0],
            "Data Processing Addendum | Page 1 of 3\n\nBody one."
        );
        assert_eq!(pages[1..], ["Second body.", "The last body."]);
        assert_eq!(
            block,
            "Data Processing Addendum | Page 2 of 3\nData Processing Addendum | Page 3 of 3"
        );
    }

    #[test]
    fn lines_that_do_not_run_stay() {
        // Repeated words inside a page, a line on too few pages, single letters of a glyph
        // table and a single page all stay.
        let original = vec![
            "Intro.\nRepeated line inside\nMore.".to_string(),
            "Other.\nRepeated line inside\nEnd.".to_string(),
            "Third page.\nü".to_string(),
            "Fourth page.\nü".to_string(),
            "Fifth page with a footer of its own.\nOnly here footer".to_string(),
        ];
        let mut pages = original.clone();
        assert_eq!(move_running_lines(&mut pages), "");
        assert_eq!(pages, original);
        let mut one = vec!["Header line\nBody".to_string()];
        assert_eq!(move_running_lines(&mut one), "");
        assert_eq!(one, ["Header line\nBody"]);
    }

    #[test]
    fn shapes_and_page_numbers() {
        assert_eq!(shape("Page 3 of 12"), "Page # of #");
        assert!(may_run("- 3 -"));
        assert!(may_run("3 / 12"));
        assert!(!may_run("(a)"));
        assert!(!may_run("1234567890 1234567890"));
        assert!(may_run(&"Footer ".repeat(40)));
        assert!(!may_run(&"Footer ".repeat(50)));
    }
}

//! The transfer mechanism a list states for one of its members: the cell of a table's
//! mechanism column in the member's row ("Provider | Country | Safeguard" over "Daily,
//! Inc. | United States | -") or a labelled line of the member's entry ("Garantien: wird
//! nachgereicht" under "Nr. 3 Vimeo.com, Inc."). A reviewer reads it per party; the risk
//! rules flag a third-country party whose list states none.

use super::text::{field_line, line_end, line_start, EntryScope};

/// Most lines above a table row searched for the table's header row.
const HEADER_LINES: usize = 200;

/// Most lines of an entry below its name read for a mechanism's label.
const ENTRY_LINES: usize = 12;

/// Longest line of an entry read by [`entry_label`], in bytes.
const ENTRY_LINE_BYTES: usize = 200;

/// Most words of a label before its colon ("Geeignete Garantien:").
const LABEL_WORDS: usize = 4;

/// Words of a column header or label that name a transfer mechanism, lower case.
const MECHANISM_WORDS: [&str; 14] = [
    "safeguard",
    "mechanism",
    "garantie",
    "transfer basis",
    "transfer tool",
    "basis for transfer",
    "basis for the transfer",
    "übermittlungsgrundlage",
    "transfergrundlage",
    "grundlage der übermittlung",
    "grundlage für die übermittlung",
    "drittlandgarantie",
    "übermittlungsinstrument",
    "absicherung",
];

/// Values that state no mechanism, lower case, a final dot removed: a dash, "none",
/// "keine", "to follow" ("wird nachgereicht").
pub const NONE_VALUES: [&str; 22] = [
    "-",
    "–",
    "—",
    "−",
    "--",
    "n/a",
    "n. a.",
    "n.a",
    "none",
    "keine",
    "kein",
    "tbd",
    "tba",
    "pending",
    "offen",
    "noch offen",
    "wird nachgereicht",
    "folgt",
    "to follow",
    "not stated",
    "nicht angegeben",
    "unbekannt",
];

/// A mechanism as a list states it for one member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stated {
    /// The column header or label, as written ("Safeguard", "Garantien").
    pub label: String,
    /// The value, as written ("EU-US Data Privacy Framework", "-").
    pub value: String,
    /// Where the value stands in the text (byte offsets): the mechanism findings there
    /// are the ones it states.
    pub span: (usize, usize),
}

impl Stated {
    /// Whether the value states no mechanism ([`NONE_VALUES`]).
    pub fn is_none(&self) -> bool {
        says_none(&self.value)
    }
}

/// Words that give an SCC module's number after "Module"/"Modul" (lower case).
const MODULE_NUMBERS: [(&str, u8); 12] = [
    ("1", 1),
    ("2", 2),
    ("3", 3),
    ("4", 4),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("eins", 1),
    ("zwei", 2),
    ("drei", 3),
    ("vier", 4),
];

/// Names of the SCC modules by the parties' roles (lower case), with their numbers.
const MODULE_NAMES: [(&str, u8); 12] = [
    ("controller to controller", 1),
    ("controller-to-controller", 1),
    ("controller to processor", 2),
    ("controller-to-processor", 2),
    ("processor to processor", 3),
    ("processor-to-processor", 3),
    ("processor to controller", 4),
    ("processor-to-controller", 4),
    ("c2c", 1),
    ("c2p", 2),
    ("p2p", 3),
    ("p2c", 4),
];

/// Words that join the numbers of several modules ("Modules 2 and 3").
const MODULE_JOINERS: [&str; 5] = ["and", "und", "or", "oder", "bzw"];

/// The modules of the standard contractual clauses (Decision (EU) 2021/914) that a stated
/// mechanism names, sorted, each once: "Module 1 (controller to controller)", "Modul 3",
/// "Modules Two and Three", "C2P". 1 is controller to controller, 2 controller to
/// processor, 3 processor to processor, 4 processor to controller.
pub fn scc_modules(value: &str) -> Vec<u8> {
    let low = value.to_lowercase();
    let words: Vec<&str> = low
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<u8> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !matches!(*w, "module" | "modules" | "modul" | "moduls") {
            continue;
        }
        for next in &words[i + 1..] {
            if let Some(&(_, n)) = MODULE_NUMBERS.iter().find(|(word, _)| word == next) {
                out.push(n);
            } else if !MODULE_JOINERS.contains(next) {
                break;
            }
        }
    }
    for (name, n) in MODULE_NAMES {
        let found = low.match_indices(name).any(|(at, _)| {
            let before = low[..at].chars().next_back();
            let after = low[at + name.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        });
        if found {
            out.push(n);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether `label` (a column header, a label before a colon) names a transfer mechanism.
pub fn names_mechanism(label: &str) -> bool {
    let lower = label.to_lowercase();
    MECHANISM_WORDS.iter().any(|w| lower.contains(w))
}

/// Whether `value` states no mechanism ([`NONE_VALUES`]).
pub fn says_none(value: &str) -> bool {
    let v = value.trim().trim_end_matches('.').trim().to_lowercase();
    NONE_VALUES.contains(&v.as_str())
}

/// The mechanism stated for the organisation named at `start..end`: in its table row's
/// mechanism column, or on a labelled line of its entry below it.
pub fn stated_for(text: &str, start: usize, end: usize) -> Option<Stated> {
    table_cell(text, start).or_else(|| entry_label(text, end))
}

/// Whether `pos` lies in a table cell under a header that names a transfer mechanism:
/// "EU-U.S. Data Privacy Framework (Meta Platforms, Inc.)" in the row of Meta Platforms
/// Ireland Limited names the mechanism's party, not a member of the list.
pub fn in_mechanism_column(text: &str, pos: usize) -> bool {
    table_header(text, pos)
        .is_some_and(|(header, _, own)| header.get(own).is_some_and(|h| names_mechanism(h)))
}

/// The header row of the table whose row holds `pos` (its first row, as many cells), the
/// row's cells and the column of `pos`; `None` outside a table or in its header.
fn table_header(text: &str, pos: usize) -> Option<(Vec<&str>, Vec<&str>, usize)> {
    let ls = line_start(text, pos);
    let row = &text[ls..line_end(text, pos)];
    if !row.contains(" | ") {
        return None;
    }
    let mut hs = ls;
    for _ in 0..HEADER_LINES {
        // At the text's start, or below a line the scan cut off.
        if hs == 0 || text.as_bytes()[hs - 1] != b'\n' {
            break;
        }
        let above = line_start(text, hs - 1);
        if !text[above..hs - 1].contains('|') {
            break;
        }
        hs = above;
    }
    if hs == ls {
        return None;
    }
    let header: Vec<&str> = text[hs..line_end(text, hs)].split('|').collect();
    let cells: Vec<&str> = row.split('|').collect();
    if header.len() != cells.len() {
        return None;
    }
    let own = text[ls..pos].matches('|').count();
    Some((header, cells, own))
}

/// The cell of the row at `pos` in the column whose header (the first row of the table,
/// as many cells) names a mechanism; not the organisation's own cell.
fn table_cell(text: &str, pos: usize) -> Option<Stated> {
    let (header, cells, own) = table_header(text, pos)?;
    let column = header.iter().position(|h| names_mechanism(h))?;
    (column != own).then(|| {
        let row = line_start(text, pos);
        // The cell's offset: the row's start plus the cells and bars before it.
        let at = row + cells[..column].iter().map(|c| c.len() + 1).sum::<usize>();
        Stated {
            label: header[column].trim().to_string(),
            value: cells[column].trim().to_string(),
            span: trimmed_span(cells[column], at),
        }
    })
}

/// The offsets of `part` trimmed, `part` standing at `at` in the text.
fn trimmed_span(part: &str, at: usize) -> (usize, usize) {
    let lead = part.len() - part.trim_start().len();
    (at + lead, at + lead + part.trim().len())
}

/// A labelled line of the entry below the name ending at `end` ("Garantien: wird
/// nachgereicht"), read up to a blank or ruled line, at most [`ENTRY_LINES`] lines.
fn entry_label(text: &str, end: usize) -> Option<Stated> {
    let mut pos = line_end(text, end);
    let mut scope = EntryScope::at(text, end);
    for _ in 0..ENTRY_LINES {
        // At a line's end, not cut off by the reach of `line_end` (a text without line
        // breaks has no entries).
        if text.as_bytes().get(pos) != Some(&b'\n') {
            return None;
        }
        let ls = pos + 1;
        let le = line_end(text, ls);
        if scope.ends_at(&text[ls..le]) {
            return None;
        }
        let line = field_line(&text[ls..le]);
        let ruled = line
            .chars()
            .all(|c| matches!(c, '-' | '=' | '_' | '*' | '–' | '—'));
        // "Verarbeitung in den USA; Übermittlungsgrundlage: …": the label after the
        // clause before it.
        let labelled = line.split_once(':').and_then(|(label, value)| {
            let label = label.rsplit(';').next().unwrap_or(label).trim();
            (label.split_whitespace().count() <= LABEL_WORDS).then_some((label, value))
        });
        // An entry's lines are short: a line of prose ends it, a long labelled field
        // ("- Service: software development, …") does not.
        if line.is_empty() || ruled || labelled.is_none() && line.len() > ENTRY_LINE_BYTES {
            return None;
        }
        if let Some((label, value)) = labelled.filter(|(label, _)| names_mechanism(label)) {
            // The value runs to the line's end (trailing white space trimmed).
            let at = ls + text[ls..le].trim_end().len() - value.len();
            return Some(Stated {
                label: label.to_string(),
                value: value.trim().to_string(),
                span: trimmed_span(value, at),
            });
        }
        pos = le;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, name: &str) -> Option<(String, String, bool)> {
        let start = text.find(name).expect("name in text");
        stated_for(text, start, start + name.len()).map(|s| {
            let none = s.is_none();
            (s.label, s.value, none)
        })
    }

    #[test]
    fn a_rows_mechanism_cell_is_stated_for_its_organisation() {
        let t = "Provider | Country | Safeguard\n\
                 Twilio Inc. | United States | EU-US Data Privacy Framework\n\
                 Daily, Inc. | United States | -\n\
                 Brevo SAS | France | EU\n\nAfter.";
        assert_eq!(
            at(t, "Twilio Inc."),
            Some((
                "Safeguard".into(),
                "EU-US Data Privacy Framework".into(),
                false
            ))
        );
        assert_eq!(
            at(t, "Daily, Inc."),
            Some(("Safeguard".into(), "-".into(), true))
        );
        // No mechanism column, a row of other width, the header itself: nothing.
        assert_eq!(at("Name | Land\nFjord AG | Norwegen\n", "Fjord AG"), None);
        assert_eq!(at("Name | Garantie\nFjord AG | NO | -\n", "Fjord AG"), None);
        assert_eq!(
            at("Safeguard | Provider\nnone | Fjord AG\n", "Safeguard"),
            None
        );
    }

    #[test]
    fn an_entrys_labelled_line_is_stated_for_its_organisation() {
        let t = "Nr. 3  Vimeo.com, Inc.\n       330 West 34th Street, New York, NY 10001, USA\n\
                 Standort:      USA\nGarantien:     wird nachgereicht\n-----\n\
                 Nr. 4  Twilio Inc.\nStandort: USA\n\nGarantien: EU-US DPF\n";
        assert_eq!(
            at(t, "Vimeo.com, Inc."),
            Some(("Garantien".into(), "wird nachgereicht".into(), true))
        );
        // The entry ends at a blank line: the next paragraph's label is not Twilio's.
        assert_eq!(at(t, "Twilio Inc."), None);
        let t =
            "Genesys Cloud Services, Inc.\nVerarbeitung in den USA; Übermittlungsgrundlage: DPF.";
        assert_eq!(
            at(t, "Genesys Cloud Services, Inc."),
            Some(("Übermittlungsgrundlage".into(), "DPF.".into(), false))
        );
    }

    #[test]
    fn a_stated_mechanism_carries_where_its_value_stands() {
        let t = "Provider | Country | Safeguard\nTwilio Inc. | United States |  SCC Module 3 \n";
        let start = t.find("Twilio").unwrap();
        let s = stated_for(t, start, start + "Twilio Inc.".len()).unwrap();
        assert_eq!(&t[s.span.0..s.span.1], "SCC Module 3");
        // A long labelled field of an entry does not end it, as a long line of prose does.
        let service = format!("  - Service: support, {}\n", "remote access, ".repeat(20));
        let t = format!(
            "- Helixa Pvt. Ltd., Pune, India\n{service}  - Transfer mechanism: SCC, Module 1\n"
        );
        let start = t.find("Helixa").unwrap();
        let s = stated_for(&t, start, start + "Helixa Pvt. Ltd.".len()).unwrap();
        assert_eq!(&t[s.span.0..s.span.1], "SCC, Module 1");
        let prose = format!(
            "{} and more.\n",
            "The support team works remotely ".repeat(8)
        );
        let t = format!("- Helixa Pvt. Ltd., Pune, India\n{prose}Transfer mechanism: SCC\n");
        assert_eq!(stated_for(&t, 2, 2 + "Helixa Pvt. Ltd.".len()), None);
    }

    #[test]
    fn the_scc_modules_a_stated_mechanism_names() {
        for (value, modules) in [
            (
                "SCCs (EU) 2021/914, Module 1 (controller to controller)",
                vec![1],
            ),
            ("Standardvertragsklauseln, Modul 3", vec![3]),
            ("SCC Modules Two and Three", vec![2, 3]),
            ("SCC (C2P)", vec![2]),
            ("Module 2, 3", vec![2, 3]),
            ("EU-US Data Privacy Framework", vec![]),
            // A number after other words is no module's.
            ("SCC, Module of 2021, 4 annexes", vec![]),
        ] {
            assert_eq!(scc_modules(value), modules, "{value}");
        }
    }

    #[test]
    fn values_that_state_no_mechanism() {
        for v in [
            "-",
            "—",
            "none",
            "Keine.",
            " wird nachgereicht ",
            "n/a",
            "TBD",
        ] {
            assert!(says_none(v), "{v}");
        }
        for v in [
            "EU",
            "SCC",
            "none required",
            "keine erforderlich (EU)",
            "Angemessenheit",
        ] {
            assert!(!says_none(v), "{v}");
        }
    }
}

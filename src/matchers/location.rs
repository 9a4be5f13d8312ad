//! Location findings: cloud region codes from `patterns/regions.csv` (gazetteer pass) and
//! the regex rules of `patterns/location.toml`, whose `place` group is resolved through the
//! city table, the country names and the EU/EEA names.

use serde_json::{Map, Value};

use super::{text, Hit, Scan};
use crate::entities::text::{cell_count, cell_span};
use crate::findings::FindingKind;

/// Region codes need stricter bounds: no word char, '-' or '_' around ("eu-central-10" is not "eu-central-1").
pub fn region_bounds_ok(s: &str, start: usize, end: usize) -> bool {
    let bad = |c: char| text::is_word_char(c) || c == '-' || c == '_';
    !text::char_before(s, start).is_some_and(bad) && !text::char_at(s, end).is_some_and(bad)
}

/// The hit of cloud region `idx` at `start..end`.
pub fn region_hit(scan: &Scan, start: usize, end: usize, idx: usize) -> Hit {
    let r = &scan.rules.regions[idx];
    let mut value = Map::new();
    value.insert("city".into(), Value::String(r.city.clone()));
    value.insert("country".into(), Value::String(r.country.clone()));
    value.insert("region".into(), Value::Null);
    value.insert("provider".into(), Value::String(r.provider.clone()));
    value.insert("code".into(), Value::String(r.code.clone()));
    Hit {
        kind: FindingKind::Location,
        rule: "location.region_code".to_string(),
        start,
        end,
        value,
    }
}

/// Fills missing value keys of a location finding (city, country, region: null).
pub fn complete(value: &mut Map<String, Value>) {
    for k in ["city", "country", "region"] {
        value.entry(k).or_insert(Value::Null);
    }
}

/// Column headings of a table that name where its rows' data is processed, and nothing
/// else (lower case, markup stripped): "Unterauftragnehmer | … | Ort der Verarbeitung". A
/// country under one is no seat of the row's organisation
/// ([`crate::entities::party::processing_columns`]).
pub const PROCESSING_HEADINGS: [&str; 14] = [
    "ort der verarbeitung",
    "ort der datenverarbeitung",
    "verarbeitungsort",
    "serverstandort",
    "standort der server",
    "speicherort",
    "location of processing",
    "processing location",
    "location of data processing",
    "data location",
    "server location",
    "hosting location",
    "country of processing",
    "data center location",
];

/// Column headings that name a place of processing or an organisation's seat: a table
/// location as well ("Name | Purpose | Location").
const AMBIGUOUS_LOCATION_HEADINGS: [&str; 2] = ["standort", "location"];

/// Locations from tables (rows of cells kept apart by '|'): under a column headed by a
/// location heading ("Ort der Verarbeitung", "Serverstandort", "Location of processing",
/// …), each row's cell that is a known place's name is where that row's data is processed
/// (rule `location.table_column`).
pub fn table_column_hits(scan: &Scan, hits: &mut Vec<Hit>) {
    let t = scan.text;
    let b = t.as_bytes();
    // The table being read: its location column (none when its heading row names no
    // location) and its cells per row; and the end of its last line.
    let mut table: Option<(Option<usize>, usize)> = None;
    let mut last_end: Option<usize> = None;
    let mut pos = 0;
    // Only the lines holding a '|' are read (from one to the next).
    while let Some(k) = memchr::memchr(b'|', &b[pos..]) {
        let bar = pos + k;
        let start = memchr::memrchr(b'\n', &b[..bar]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &b[bar..]).map_or(b.len(), |i| bar + i);
        // A line without a '|' before this one ends the table.
        if last_end.is_none_or(|e| start != e + 1) {
            table = None;
        }
        last_end = Some(end);
        pos = end;
        let line = &t[start..end];
        // A Markdown separator row ("|---|---|") keeps the table going.
        if line.contains('-') && line.bytes().all(|c| b"|-: \t".contains(&c)) {
            continue;
        }
        // The project's table cells (as the entity readers split them).
        let n = cell_count(t, start, end);
        match table {
            _ if n < 2 => table = None,
            Some((column, width)) if n == width => {
                if let Some(cell) = column.and_then(|k| cell_span(t, start, end, k)) {
                    if let Some(h) = cell_place(scan, cell) {
                        hits.push(h);
                    }
                }
            }
            // A table's first row, or a row of another width: a heading row.
            _ => {
                let column = (0..n).find(|&k| {
                    cell_span(t, start, end, k).is_some_and(|(a, z)| {
                        let h = t[a..z]
                            .trim_matches(|c: char| "*_".contains(c))
                            .to_lowercase();
                        let h = h.trim();
                        PROCESSING_HEADINGS.contains(&h) || AMBIGUOUS_LOCATION_HEADINGS.contains(&h)
                    })
                });
                table = Some((column, n));
            }
        }
    }
}

/// The location hit of the table cell `(a, z)` when it is one place's name as a whole
/// ("Deutschland", "USA", "Frankfurt"), a note in brackets aside ("USA (request logs)");
/// "Atlanta, Georgia, USA; Secaucus" is left to the rules.
fn cell_place(scan: &Scan, (a, z): (usize, usize)) -> Option<Hit> {
    let t = scan.text;
    let mut z = z;
    if t[a..z].ends_with(')') {
        if let Some(open) = t[a..z].rfind('(') {
            z = a + t[a..a + open].trim_end().len();
        }
    }
    let name = text::lower_preserving(&t[a..z]);
    let name = name.trim_end_matches(|c: char| !c.is_alphanumeric());
    let p = scan.rules.places.get(name).filter(|_| z > a)?;
    Some(place_hit(a, z, p.clone()))
}

/// The location hit of the place `p` named at `start..end` of a table cell.
fn place_hit(start: usize, end: usize, p: crate::patterns::compile::Place) -> Hit {
    let mut value = Map::new();
    value.insert("city".into(), p.city.map_or(Value::Null, Value::String));
    value.insert(
        "country".into(),
        p.country.map_or(Value::Null, Value::String),
    );
    value.insert("region".into(), p.region.map_or(Value::Null, Value::String));
    Hit {
        kind: FindingKind::Location,
        rule: "location.table_column".to_string(),
        start,
        end,
        value,
    }
}

#[cfg(test)]
mod tests {
    use crate::analyze::testutil::doc;
    use crate::patterns::Rules;

    /// The (rule, text, country) of the location findings of `text`.
    fn locations(text: &str) -> Vec<(String, String, Option<String>)> {
        let rules = Rules::embedded().unwrap();
        crate::matchers::find(&doc(text), &rules, None)
            .into_iter()
            .filter(|f| f.kind == crate::findings::FindingKind::Location)
            .map(|f| {
                let cc = f.value["country"].as_str().map(str::to_string);
                (f.rule, f.text, cc)
            })
            .collect()
    }

    /// Under a location heading, a row's cell that is a place's name is a location; a row
    /// of another width ends the table (the rows after it are another table's).
    #[test]
    fn a_location_column_of_a_table_names_each_rows_place() {
        let cc = |c: &str| Some(c.to_string());
        let got = locations(
            "Unterauftragnehmer | Leistung | Ort der Verarbeitung\n\
             Hetzner Online GmbH | Hosting | Deutschland\n\
             Zendesk Inc. | Support, USA-Team | USA\n\
             Nordwind AG | Backup | Frankfurt\n\
             Zeile | mit zwei Zellen\n\
             Omega AG | Backup | Irland\n",
        );
        let want = [
            ("Deutschland", cc("DE")),
            ("USA", cc("US")),
            ("Frankfurt", cc("DE")),
        ];
        let got: Vec<(&str, Option<String>)> = got
            .iter()
            .filter(|(r, _, _)| r == "location.table_column")
            .map(|(_, t, c)| (t.as_str(), c.clone()))
            .collect();
        assert_eq!(got, want);
        // A leading '|' and a Markdown separator row; "Location" in English; a note in
        // brackets after the place.
        let got = locations(
            "| Provider | Purpose | Location |\n|---|---|---|\n\
             | Zendesk | Support | United States |\n| Cloudflare | CDN | USA (request logs) |\n",
        );
        for place in ["United States", "USA"] {
            assert!(
                got.iter()
                    .any(|(r, t, c)| r == "location.table_column" && t == place && *c == cc("US")),
                "{place}: {got:?}"
            );
        }
        // No location heading, or a cell that is more than a place's name: none.
        for text in [
            "Unterauftragnehmer | Leistung | Sitz\nZendesk Inc. | Support | USA\n",
            "Provider | Location\nZendesk | USA and Ireland\n",
            "Ort der Verarbeitung: Deutschland | Hosting\n",
        ] {
            let got = locations(text);
            assert!(
                !got.iter().any(|(r, _, _)| r == "location.table_column"),
                "{text:?}: {got:?}"
            );
        }
    }
}

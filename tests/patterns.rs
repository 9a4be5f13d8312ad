//! Pattern data self-tests: every rule's examples through the real loader, normalizer and
//! `matchers::find`; the country gazetteer traps; canonical data files; loader errors.

use std::path::Path;

use dpascan::findings::Finding;
use dpascan::matchers::find;
use dpascan::patterns::check::{check_examples, paragraph_doc};
use dpascan::patterns::csv;
use dpascan::patterns::Rules;

fn rules() -> Rules {
    Rules::embedded().expect("embedded patterns should load")
}

fn findings(rules: &Rules, text: &str) -> Vec<Finding> {
    find(&paragraph_doc(text), rules, None)
}

#[test]
fn every_example_passes() {
    let rules = rules();
    let failures = check_examples(&rules);
    assert!(
        failures.is_empty(),
        "{} pattern example failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn check_patterns_reports() {
    let (report, ok) = dpascan::patterns::check_patterns(None).unwrap_or_else(|e| panic!("{e}"));
    assert!(ok, "{report}");
    assert!(report.contains("all examples pass"), "{report}");
    assert!(report.contains("countries"), "{report}");
}

/// (text, expected country codes (non-negated), expected negated codes)
#[test]
fn country_gazetteer_traps() {
    let rules = rules();
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("Our office is in New Jersey.", &[], &[]),
        ("Our office is in Jersey.", &["JE"], &[]),
        ("Santa Fe, New Mexico is sunny.", &[], &[]),
        ("The company sits in Mexico.", &["MX"], &[]),
        ("Papua New Guinea is a country.", &["PG"], &[]),
        ("Atlanta, Georgia 30301", &[], &[]),
        (
            "Our office: 1 Peachtree St, Atlanta, GA, Georgia, USA",
            &["US"],
            &[],
        ),
        ("Tiflis ist die Hauptstadt von Georgien.", &["GE"], &[]),
        ("We have an office in Georgia, Europe.", &["GE"], &[]),
        ("Contact: Chad Smith, Director.", &[], &[]),
        ("Wir haben eine Niederlassung im Tschad.", &["TD"], &[]),
        ("Michael Jordan played basketball.", &[], &[]),
        ("Our subsidiary is in Jordan.", &["JO"], &[]),
        ("We ate turkey for dinner.", &[], &[]),
        ("A Turkey sandwich.", &[], &[]),
        ("Die Türkei ist ein Drittland.", &["TR"], &[]),
        ("The Indian Ocean is large.", &[], &[]),
        ("Indian customers are served from Mumbai.", &["IN"], &[]),
        ("Payments by American Express are accepted.", &[], &[]),
        ("Irish Life Assurance plc is a client.", &[], &[]),
        ("Swiss Re AG is a reinsurer.", &[], &[]),
        ("British Airways flies.", &[], &[]),
        ("Wir nutzen die Deutsche Bahn.", &[], &[]),
        (
            "Google Ireland Limited, Gordon House, Dublin, Irland",
            &["IE"],
            &[],
        ),
        ("Contact us at any time.", &[], &[]),
        ("IT-Sicherheit ist wichtig.", &[], &[]),
        ("Server stehen in den USA.", &["US"], &[]),
        (
            "Eine Übermittlung in die USA findet nicht statt.",
            &[],
            &["US"],
        ),
        (
            "No personal data is transferred to the United States.",
            &[],
            &["US"],
        ),
        (
            "Not in the EU but in the USA our data is stored.",
            &["US"],
            &[],
        ),
        (
            "Die US-amerikanischen Behörden können zugreifen.",
            &["US"],
            &[],
        ),
        (
            "Mailgun Technologies, Inc., San Antonio, Texas, U.S.A.",
            &["US"],
            &[],
        ),
        (
            "Unser Sitz ist in der Schweiz, nicht in Österreich.",
            &["AT", "CH"],
            &[],
        ),
        (
            "Die Vertragssprache ist Deutsch; available in English and French.",
            &[],
            &[],
        ),
        (
            "Die Daten liegen in Deutschlands größtem Rechenzentrum.",
            &["DE"],
            &[],
        ),
        ("Hosted in the Netherlands and in Holland.", &["NL"], &[]),
        ("The UK and the U.K. and Großbritannien.", &["GB"], &[]),
    ];
    let mut failures = Vec::new();
    for (text, want, want_neg) in cases {
        let fs = findings(&rules, text);
        let mut got: Vec<String> = Vec::new();
        let mut got_neg: Vec<String> = Vec::new();
        for f in fs
            .iter()
            .filter(|f| f.kind == dpascan::findings::FindingKind::Country)
        {
            let code = f.value["code"].as_str().unwrap_or_default().to_string();
            let list = if f.value["negated"] == true {
                &mut got_neg
            } else {
                &mut got
            };
            if !list.contains(&code) {
                list.push(code);
            }
        }
        got.sort();
        got_neg.sort();
        if got != *want || got_neg != *want_neg {
            failures.push(format!("{text:?}: countries {got:?} negated {got_neg:?}, expected {want:?} negated {want_neg:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// (text, expected provider names)
#[test]
fn provider_gazetteer() {
    let rules = rules();
    let cases: &[(&str, &[&str])] = &[
        (
            "We host on Amazon Web Services (AWS).",
            &["Amazon Web Services"],
        ),
        (
            "Wir nutzen Google Cloud und Google Analytics.",
            &["Google Analytics", "Google Cloud Platform"],
        ),
        ("Google LLC processes data.", &["Google"]),
        ("Front office hours are 9-5.", &[]),
        (
            "Support tickets are handled in Front and Zendesk.",
            &["FrontApp", "Zendesk"],
        ),
        ("Adjust the settings as needed.", &[]),
        ("Attribution is measured with Adjust.", &["Adjust"]),
        ("A stripe of colour. Payments via Stripe.", &["Stripe"]),
        ("apple juice", &[]),
        (
            "Hosting bei der Hetzner Online GmbH und bei 1&1 IONOS.",
            &["Hetzner", "IONOS"],
        ),
        (
            "Newsletter via Mailchimp; mails via Mailgun and Sinch.",
            &["Mailchimp", "Mailgun", "Sinch"],
        ),
        (
            "Die Meta Platforms Ireland Ltd. betreibt Facebook.",
            &["Facebook", "Meta"],
        ),
        // A case-2 name that is not one plain word may start a list item (Zulip's list).
        ("Subprocessors:\n• FrontApp, Inc.\n", &["FrontApp"]),
        ("• Zapier, Inc.\n", &["Zapier"]),
        ("Videos are recorded with Loom.", &["Loom"]),
        ("Loom and weave.", &[]),
        (
            "Zapier Inc. USA Automatisierung; Aircall Frankreich Cloud-Telefonie",
            &["Aircall", "Zapier"],
        ),
        (
            "Our mail is hosted by Proton AG in Switzerland.",
            &["Proton"],
        ),
        ("A proton is a particle.", &[]),
        // "sofort" is German for "immediately"; SOFORT is Klarna's.
        (
            "Ihr Name wird sofort gelöscht. Sofort danach endet der Vorgang.",
            &[],
        ),
        ("Zahlung per SOFORT oder Sofortüberweisung.", &["Klarna"]),
        (
            "Every snowflake is different. We query Snowflake.",
            &["Snowflake"],
        ),
        ("Oracle America, Inc. hosts the service.", &["Oracle Cloud"]),
    ];
    let mut failures = Vec::new();
    for (text, want) in cases {
        let mut got: Vec<String> = findings(&rules, text)
            .iter()
            .filter(|f| f.kind == dpascan::findings::FindingKind::Provider)
            .map(|f| f.value["name"].as_str().unwrap_or_default().to_string())
            .collect();
        got.sort();
        got.dedup();
        if got != *want {
            failures.push(format!("{text:?}: providers {got:?}, expected {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn region_codes_and_places() {
    let rules = rules();
    let fs = findings(&rules, "Daten liegen in eu-central-1 und europe-west3, nicht in eu-central-10. Rechenzentren in Frankfurt am Main.");
    let locs: Vec<(String, String, String)> = fs
        .iter()
        .filter(|f| f.kind == dpascan::findings::FindingKind::Location)
        .map(|f| {
            (
                f.rule.clone(),
                f.text.clone(),
                f.value["country"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect();
    assert!(
        locs.contains(&(
            "location.region_code".into(),
            "eu-central-1".into(),
            "DE".into()
        )),
        "{locs:?}"
    );
    assert!(
        locs.contains(&(
            "location.region_code".into(),
            "europe-west3".into(),
            "DE".into()
        )),
        "{locs:?}"
    );
    assert!(!locs.iter().any(|l| l.1 == "eu-central-10"), "{locs:?}");
    let dc = fs
        .iter()
        .find(|f| f.rule == "location.datacenter")
        .expect("datacenter finding");
    assert_eq!(dc.value["city"], "Frankfurt am Main");
}

#[test]
fn findings_are_well_formed() {
    let rules = rules();
    let text = "Präambel. Der Auftragnehmer (Mailgun Technologies, Inc., USA) verarbeitet Daten ausschließlich nach dokumentierter Weisung. \
                Übermittlungen in die USA erfolgen auf Grundlage der Standardvertragsklauseln (EU) 2021/914. İstanbul ist keine Hauptstadt.";
    let doc = paragraph_doc(text);
    let fs = find(&doc, &rules, Some("de"));
    assert!(!fs.is_empty());
    for (i, f) in fs.iter().enumerate() {
        assert_eq!(f.id, format!("f{}", i + 1));
        assert_eq!(f.text, doc.text[f.start..f.end]);
        assert!(f.context.len() <= 320, "{}", f.context);
        assert!(
            f.context.contains(&f.text),
            "{} not in {}",
            f.text,
            f.context
        );
    }
    let keys: Vec<_> = fs
        .iter()
        .map(|f| (f.start, f.end, f.rule.clone()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

/// Sort key of a data row: (first column, second column) lower-cased; regions sort by (provider, code).
fn row_key(fields: &[String]) -> (String, String) {
    (
        fields.first().map(|f| f.to_lowercase()).unwrap_or_default(),
        fields.get(1).map(|f| f.to_lowercase()).unwrap_or_default(),
    )
}

/// Rewrites a CSV data file sorted by [`row_key`] and deduplicated, keeping its comment header.
fn canonicalize(path: &Path) {
    let text = std::fs::read_to_string(path).expect("data file should be readable");
    let comments: Vec<&str> = text.lines().take_while(|l| l.starts_with('#')).collect();
    let table = csv::parse(&text).expect("data file should parse");
    let mut rows: Vec<Vec<String>> = table.rows.into_iter().map(|r| r.fields).collect();
    rows.sort_by_key(|r| row_key(r));
    rows.dedup();
    let mut out = String::new();
    for c in comments {
        out.push_str(c);
        out.push('\n');
    }
    out.push_str(&table.header.join(","));
    out.push('\n');
    for r in rows {
        let line: Vec<String> = r.iter().map(|f| csv::quote(f)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    std::fs::write(path, out).expect("data file should be writable");
}

/// The CSV data files are kept sorted and deduplicated. Run with
/// `DPASCAN_CANONICALIZE=overwrite cargo test --test patterns data_files` to rewrite them.
#[test]
fn data_files_are_canonical() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("patterns");
    if std::env::var("DPASCAN_CANONICALIZE").as_deref() == Ok("overwrite") {
        for f in [
            "adequacy.csv",
            "cities.csv",
            "countries.csv",
            "country_stoplist.csv",
            "providers.csv",
            "regions.csv",
        ] {
            canonicalize(&dir.join(f));
        }
    }
    let read = |n: &str| std::fs::read_to_string(dir.join(n)).expect("data file should exist");
    // countries: sorted by code, unique codes, no duplicate term within a row, ~249 rows
    let t = csv::parse(&read("countries.csv")).expect("countries.csv parses");
    let codes: Vec<&str> = t.rows.iter().map(|r| r.fields[0].as_str()).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(
        codes, sorted,
        "countries.csv must be sorted by code without duplicates"
    );
    assert!(
        codes.len() >= 249,
        "all ISO 3166-1 countries: {}",
        codes.len()
    );
    for r in &t.rows {
        let mut terms: Vec<&str> = vec![&r.fields[1], &r.fields[2]];
        terms.extend(r.fields[3].split('|').filter(|s| !s.is_empty()));
        terms.extend(r.fields[4].split('|').filter(|s| !s.is_empty()));
        let mut d = terms.clone();
        d.sort();
        d.dedup();
        // name_en == name_de is allowed (Andorra); anything else duplicated is not.
        let dups = terms.len() - d.len();
        assert!(
            dups <= usize::from(r.fields[1] == r.fields[2]),
            "line {}: duplicate terms",
            r.line
        );
    }
    // sorted single-key tables
    for (file, key) in [
        ("adequacy.csv", 0usize),
        ("country_stoplist.csv", 0),
        ("cities.csv", 0),
    ] {
        let t = csv::parse(&read(file)).expect("parses");
        let keys: Vec<String> = t
            .rows
            .iter()
            .map(|r| r.fields[key].to_lowercase())
            .collect();
        let mut s = keys.clone();
        s.sort();
        s.dedup();
        assert_eq!(keys, s, "{file} must be sorted and unique");
    }
    let p = csv::parse(&read("providers.csv")).expect("parses");
    let names: Vec<String> = p.rows.iter().map(|r| r.fields[0].to_lowercase()).collect();
    let mut s = names.clone();
    s.sort();
    s.dedup();
    assert_eq!(
        names, s,
        "providers.csv must be sorted by name (case-insensitive) and unique"
    );
    assert!(
        names.len() >= 150,
        "at least 150 providers: {}",
        names.len()
    );
    let r = csv::parse(&read("regions.csv")).expect("parses");
    let keys: Vec<(String, String)> = r
        .rows
        .iter()
        .map(|r| (r.fields[0].clone(), r.fields[1].clone()))
        .collect();
    let mut s = keys.clone();
    s.sort();
    s.dedup();
    assert_eq!(
        keys, s,
        "regions.csv must be sorted by (provider, code) and unique"
    );
}

#[test]
fn statuses_follow_the_adequacy_table() {
    let rules = rules();
    let status = |code: &str| {
        rules
            .countries
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.status.as_str())
            .unwrap_or("?")
    };
    for (code, want) in [
        ("DE", "eu"),
        ("IE", "eu"),
        ("NO", "eea"),
        ("LI", "eea"),
        ("CH", "adequate"),
        ("GB", "adequate"),
        ("JP", "adequate"),
        ("CA", "adequate"),
        ("US", "third_country"),
        ("BR", "third_country"),
        ("CN", "third_country"),
    ] {
        assert_eq!(status(code), want, "{code}");
    }
}

fn override_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let d = tempfile::tempdir().expect("tempdir");
    for (n, t) in files {
        std::fs::write(d.path().join(n), t).expect("write");
    }
    d
}

#[test]
fn overrides_replace_and_add_files() {
    let extra = r#"
[[rule]]
id = "clause.custom_marker"
kind = "clause"
name = "Custom"
lang = ["en"]
keywords = ["zebra"]
pattern = '(?i)\bzebra\b'
value = { signal = "other" }
examples = ["A zebra."]
negative_examples = ["A horse."]
"#;
    let d = override_dir(&[("custom.toml", extra)]);
    let rules = Rules::with_overrides(d.path()).expect("loads");
    assert!(rules.rules.iter().any(|r| r.id == "clause.custom_marker"));
    assert!(rules.rules.iter().any(|r| r.id == "transfer.scc"));
    // replacing transfer.toml removes its rules
    let d = override_dir(&[("transfer.toml", extra)]);
    let rules = Rules::with_overrides(d.path()).expect("loads");
    assert!(!rules.rules.iter().any(|r| r.id == "transfer.scc"));
}

#[test]
fn load_errors_name_file_and_rule() {
    let bad_regex = r#"
[[rule]]
id = "transfer.broken"
kind = "transfer"
name = "Broken"
lang = ["en"]
pattern = '(unclosed'
examples = ["x"]
negative_examples = ["y"]
"#;
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "x.toml",
            bad_regex.to_string(),
            "patterns/x.toml: rule transfer.broken: regex parse error",
        ),
        (
            "x.toml",
            bad_regex.replace("transfer.broken", "Transfer.Bad"),
            "rule Transfer.Bad: id must match",
        ),
        (
            "x.toml",
            bad_regex.replace("kind = \"transfer\"", "kind = \"weather\""),
            "unknown kind",
        ),
        (
            "x.toml",
            bad_regex.replace("lang = [\"en\"]", "lang = [\"fr\"]"),
            "lang must be",
        ),
        (
            "x.toml",
            bad_regex.replace("negative_examples = [\"y\"]", "negative_examples = []"),
            "at least one negative example",
        ),
        (
            "x.toml",
            bad_regex
                .replace("(unclosed", "x")
                .replace("lang = ", "value = { checklist = \"art28_3_{item}\" }\nlang = "),
            "a value with \"{item}\" needs an `item` group",
        ),
        (
            "x.toml",
            bad_regex.replace("(unclosed", "(?P<item>[a-h])"),
            "needs an `item` group in the pattern, and an `item` group such a value",
        ),
        (
            "x.toml",
            bad_regex
                .replace("(unclosed", "x")
                .replace("lang = ", "starts_with_match_of = \"transfer.nowhere\"\nlang = "),
            "patterns/x.toml: rule transfer.broken: starts_with_match_of \"transfer.nowhere\" is no other rule",
        ),
        (
            "x.toml",
            {
                let rule = |id: &str, gate: &str| {
                    bad_regex
                        .replace("transfer.broken", id)
                        .replace("(unclosed", "x")
                        .replace("lang = ", &format!("starts_with_match_of = \"{gate}\"\nlang = "))
                };
                rule("transfer.ping", "transfer.pong") + &rule("transfer.pong", "transfer.ping")
            },
            "rule transfer.ping: starts_with_match_of leads back to the rule itself",
        ),
        (
            "x.toml",
            bad_regex.replace("name = ", "nmae = "),
            "patterns/x.toml: invalid pattern file",
        ),
        (
            "x.toml",
            bad_regex.replace(
                "pattern = '(unclosed'",
                "pattern = 'x'\nkeywords = [\"Upper\"]",
            ),
            "lower case",
        ),
        (
            "x.toml",
            bad_regex
                .replace("transfer.broken", "transfer.scc")
                .replace("(unclosed", "x"),
            "duplicate rule id",
        ),
    ];
    for (name, text, want) in cases {
        let d = override_dir(&[(name, &text)]);
        let err = Rules::with_overrides(d.path()).expect_err(want);
        let msg = format!("{err:#}");
        assert!(msg.contains(want), "{msg}\n  should contain {want:?}");
    }
}

#[test]
fn real_documents_do_not_panic() {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/pdfs/generated"
    ));
    if !dir.exists() {
        return; // shared data absent: nothing to check
    }
    let rules = rules();
    for name in ["de_lo_10p.txt", "en_lo_10p.txt"] {
        let Ok(text) = std::fs::read_to_string(dir.join(name)) else {
            continue;
        };
        let doc = paragraph_doc(&text);
        let fs = find(&doc, &rules, None);
        for f in &fs {
            assert_eq!(f.text, doc.text[f.start..f.end]);
        }
        assert!(
            fs.iter()
                .any(|f| f.kind == dpascan::findings::FindingKind::Clause),
            "{name}: no clause findings"
        );
    }
}

/// (city, country) of the non-negated location findings of `text`, sorted and deduplicated.
fn located(rules: &Rules, text: &str) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = findings(rules, text)
        .iter()
        .filter(|f| f.kind == dpascan::findings::FindingKind::Location)
        .filter(|f| f.value["negated"] != true)
        .map(|f| {
            (
                f.value["city"].as_str().unwrap_or("-").to_string(),
                f.value["country"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn every_place_of_an_enumeration_is_a_location() {
    let rules = rules();
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        located(
            &rules,
            "Die Server stehen in unseren Rechenzentren in Helsinki, Falkenstein und Gunzenhausen."
        ),
        pairs(&[
            ("Falkenstein", "DE"),
            ("Gunzenhausen", "DE"),
            ("Helsinki", "FI")
        ])
    );
    assert_eq!(
        located(
            &rules,
            "Backups are stored in data centres in Dublin or Amsterdam (Netherlands)."
        ),
        pairs(&[("Amsterdam", "NL"), ("Dublin", "IE")])
    );
    // A city followed by its state and country is one place, not a list.
    assert_eq!(
        located(
            &rules,
            "Customer data is hosted in data centres in Ashburn, Virginia, USA."
        ),
        pairs(&[("Ashburn", "US")])
    );
}

#[test]
fn cities_keep_the_documents_language() {
    let rules = rules();
    let city = |t: &str| located(&rules, t).first().map(|l| l.0.clone());
    assert_eq!(
        city("Die Daten liegen im Rechenzentrum in Nürnberg.").as_deref(),
        Some("Nürnberg")
    );
    assert_eq!(
        city("The data is stored in Nuremberg.").as_deref(),
        Some("Nuremberg")
    );
    assert_eq!(city("Server in Tokio.").as_deref(), Some("Tokio"));
    assert_eq!(
        city("Servers are located in Tokyo.").as_deref(),
        Some("Tokyo")
    );
    // Spelling variants of one name give the canonical name.
    assert_eq!(
        city("Servers are located in St. Ghislain.").as_deref(),
        Some("Saint-Ghislain")
    );
    assert_eq!(
        city("Rechenzentrum in Frankfurt a.M.").as_deref(),
        Some("Frankfurt am Main")
    );
}

#[test]
fn streets_named_after_countries_are_not_countries() {
    let rules = rules();
    for text in [
        "Our office: 25 Canada Square, London E14 5LQ.",
        "Visit us near Canada Water station.",
    ] {
        let codes: Vec<_> = findings(&rules, text)
            .into_iter()
            .filter(|f| f.kind == dpascan::findings::FindingKind::Country)
            .map(|f| f.value["code"].clone())
            .collect();
        assert!(
            !codes.contains(&serde_json::json!("CA")),
            "{text}: {codes:?}"
        );
    }
}

/// A predicative history cue ("since X was invalidated, we rely on Y") makes X historical, not Y.
#[test]
fn history_cue_governs_its_own_mechanism() {
    let rules = rules();
    let mech = |text: &str, m: &str| -> Vec<bool> {
        findings(&rules, text)
            .into_iter()
            .filter(|f| f.value["mechanism"] == m)
            .map(|f| f.value["historical"] == true)
            .collect()
    };
    let en = "Since the Privacy Shield was invalidated, we transfer data on the basis of Standard Contractual Clauses.";
    assert_eq!(mech(en, "privacy_shield"), vec![true]);
    assert_eq!(mech(en, "scc"), vec![false]);
    let de = "Nachdem der EuGH das Privacy Shield für ungültig erklärt hat, nutzen wir Standardvertragsklauseln.";
    assert_eq!(mech(de, "scc"), vec![false]);
    // Attributive cues still apply to what follows.
    assert_eq!(
        mech(
            "We no longer rely on the invalidated Privacy Shield.",
            "privacy_shield"
        ),
        vec![true]
    );
    assert_eq!(
        mech(
            "Wir nutzen nicht mehr das für ungültig erklärte Privacy Shield.",
            "privacy_shield"
        ),
        vec![true]
    );
}

/// Title and self-reference signals only: a mention of another document's policy is none.
#[test]
fn a_reference_to_a_privacy_policy_is_no_title() {
    let rules = rules();
    let signals = |text: &str| -> usize {
        findings(&rules, text)
            .iter()
            .filter(|f| {
                f.value["signal"] == "privacy_policy" && f.rule != "clause.kind_privacy_policy_cue"
            })
            .count()
    };
    assert_eq!(
        signals("Details are in our Privacy Policy at example.com/privacy."),
        0
    );
    assert_eq!(signals("Siehe die Datenschutzerklärung von Google."), 0);
    assert_eq!(signals("This Privacy Policy explains what we collect."), 1);
    assert_eq!(
        signals("Example Cloud Privacy Notice\n\nWe collect data."),
        1
    );
}

#[test]
fn an_adequacy_override_decides_the_status_of_parties_and_the_verdict() {
    // A Swiss processor: adequate under the embedded decisions; a third country when
    // an override of adequacy.csv leaves Switzerland out.
    let text = "Auftragsverarbeitungsvertrag. Auftragsverarbeiter ist die Proton AG, \
                Route de la Galaise 32, 1228 Plan-les-Ouates, Schweiz. Die Daten werden \
                in der Schweiz gespeichert.";
    let verdict = |rules: &Rules| {
        let r = dpascan::pipeline::analyze_extracted(
            "proton.txt",
            "0",
            None,
            &paragraph_doc(text),
            rules,
        );
        let json = serde_json::to_value(&r).expect("serializes");
        let status = json["countries"]
            .as_array()
            .and_then(|cs| cs.iter().find(|c| c["code"] == "CH"))
            .map(|c| c["status"].clone());
        let party_country = json["parties"]
            .as_array()
            .and_then(|ps| ps.iter().find(|p| p["name"] == "Proton AG"))
            .map(|p| p["country"].clone());
        let codes: Vec<String> = json["risk"]["reasons"]
            .as_array()
            .map(|rs| {
                rs.iter()
                    .filter_map(|r| r["code"].as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        (status, party_country, codes)
    };

    let (status, country, codes) = verdict(&rules());
    assert_eq!(status, Some(serde_json::json!("adequate")));
    assert_eq!(country, Some(serde_json::json!("CH")));
    assert!(
        !codes.contains(&"third_country_party".to_string()),
        "{codes:?}"
    );

    let embedded = dpascan::patterns::load::embedded_files().expect("embedded files");
    let without_ch: String = embedded["adequacy.csv"]
        .lines()
        .filter(|l| !l.starts_with("CH,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let d = override_dir(&[("adequacy.csv", &without_ch)]);
    let (status, country, codes) = verdict(&Rules::with_overrides(d.path()).expect("loads"));
    assert_eq!(status, Some(serde_json::json!("third_country")));
    assert_eq!(country, Some(serde_json::json!("CH")));
    assert!(
        codes.contains(&"third_country_party".to_string()),
        "{codes:?}"
    );

    // The note column is informational: an override without it loads.
    let without_note: String = without_ch
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.splitn(5, ',').collect();
            format!("{}\n", cols[..4].join(","))
        })
        .collect();
    let d = override_dir(&[("adequacy.csv", &without_note)]);
    let (status, _, _) = verdict(&Rules::with_overrides(d.path()).expect("loads without notes"));
    assert_eq!(status, Some(serde_json::json!("third_country")));
}

#[test]
fn a_ban_on_transfers_with_an_exception_is_no_promise_that_data_stays() {
    // "nur im EWR, es sei denn …" and "shall not transfer … unless …" are conditional:
    // with a US sub-processor named, they contradict nothing; the unconditional
    // statement does.
    let codes = |text: &str| -> Vec<String> {
        let r = dpascan::pipeline::analyze_extracted(
            "dpa.txt",
            "0",
            None,
            &paragraph_doc(text),
            &rules(),
        );
        r.risk.reasons.into_iter().map(|x| x.code).collect()
    };
    let sub =
        " Unterauftragsverarbeiter: Zapier Inc., 548 Market St, San Francisco, CA 94104, USA.";
    for conditional in [
        "Die Verarbeitung erfolgt nur im EWR, es sei denn, eine Drittlandverarbeitung ist genehmigt.",
        "The Processor shall not transfer Personal Data outside the EEA unless it has taken the measures necessary under Chapter V GDPR.",
    ] {
        let got = codes(&format!("{conditional}{sub}"));
        assert!(!got.contains(&"contradiction".to_string()), "{conditional}: {got:?}");
    }
    let got = codes(&format!("Die Verarbeitung erfolgt nur im EWR.{sub}"));
    assert!(got.contains(&"contradiction".to_string()), "{got:?}");
}

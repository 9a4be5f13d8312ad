//! Runs the entity finder over the seed document (skipped when ../shared is absent).

use dpascan::entities::{build_parties, find_entities, CountryMention, EntityData};
use dpascan::extract::Extracted;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seed/000_b5c8ba3900bb6b68.txt"
);

/// A few country names, standing in for the country matcher.
fn mentions(text: &str) -> Vec<CountryMention> {
    let names = [
        ("USA", "US"),
        ("Deutschland", "DE"),
        ("Frankreich", "FR"),
        ("Belgien", "BE"),
    ];
    let mut out = Vec::new();
    for (name, code) in names {
        for (i, _) in text.match_indices(name) {
            let e = i + name.len();
            let ok = dpascan::matchers::text::at_word_bounds(text, i, e);
            if ok {
                out.push(CountryMention {
                    start: i,
                    end: e,
                    code: code.to_string(),
                });
            }
        }
    }
    out.sort_by_key(|m| m.start);
    out
}

#[test]
fn seed_parties() {
    let Ok(text) = std::fs::read_to_string(SEED) else {
        eprintln!("skipping: {SEED} not present");
        return;
    };
    let doc = Extracted {
        pages: std::iter::once(0..text.len()).collect(),
        text,
        paged: false,
        engine: "text".into(),
        warnings: Vec::new(),
    };
    let mut findings = find_entities(&doc, &mentions(&doc.text), EntityData::embedded());
    for (i, f) in findings.iter_mut().enumerate() {
        f.id = format!("f{}", i + 1);
        assert_eq!(f.text, &doc.text[f.start..f.end]);
    }
    let parties = build_parties(&doc, &findings);
    let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
    let get = |n: &str| {
        parties
            .iter()
            .find(|p| p.name == n)
            .unwrap_or_else(|| panic!("no party {n:?} in {names:?}"))
    };

    let mailgun = get("Mailgun Technologies, Inc.");
    let a = mailgun.address.as_ref().expect("Mailgun has an address");
    assert_eq!(a.street.as_deref(), Some("112 E Pecan St #1135"));
    assert_eq!(a.postcode.as_deref(), Some("78205"));
    assert_eq!(a.city.as_deref(), Some("San Antonio"));
    assert_eq!(a.region.as_deref(), Some("TX"));
    assert_eq!(a.country.as_deref(), Some("US"));
    assert_eq!(mailgun.country.as_deref(), Some("US"));
    assert!(!mailgun.evidence.is_empty());

    let mailjet = get("Mailjet GmbH");
    assert_eq!(
        mailjet.address.as_ref().and_then(|a| a.city.as_deref()),
        Some("Berlin")
    );
    assert_eq!(mailjet.country.as_deref(), Some("DE"));

    let sinch = get("Sinch America Inc.");
    let a = sinch.address.as_ref().expect("Sinch has an address");
    assert_eq!(a.city.as_deref(), Some("Atlanta"));
    assert_eq!(a.region.as_deref(), Some("GA"));
    assert_eq!(sinch.country.as_deref(), Some("US"));
    assert!(
        sinch.roles.contains(&"processor".to_string()),
        "{:?}",
        sinch.roles
    );

    // Nothing invented from headings or register numbers.
    for p in &parties {
        assert!(!p.name.contains("DSGVO"), "{names:?}");
    }
}

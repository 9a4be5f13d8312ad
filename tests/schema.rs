//! The committed JSON Schema (schema/result.schema.json) is the types' schema, every
//! output validates against it, and it carries every field of the result contract.
//!
//! Regenerate the committed file with `SNAPSHOTS=overwrite cargo test --test schema`.

use std::path::PathBuf;

use dpascan::error::{DocError, ErrorKind};
use dpascan::extract::{normalize::normalize, Format, RawText};
use dpascan::findings::{Finding, FindingKind};
use dpascan::patterns::Rules;
use dpascan::report::schema::result_schema;
use dpascan::report::DocResult;
use jsonschema::JSONSchema;
use serde_json::{json, Value};

fn committed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema/result.schema.json")
}

#[test]
fn committed_schema_is_current() {
    let generated = dpascan::report::schema::result_schema_pretty();
    let path = committed_path();
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("schema/ should be creatable");
        }
        std::fs::write(&path, &generated).expect("schema/result.schema.json should be writable");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; run SNAPSHOTS=overwrite cargo test --test schema",
            path.display()
        )
    });
    assert!(
        committed == generated,
        "schema/result.schema.json is out of date with the types; review the change and run SNAPSHOTS=overwrite cargo test --test schema"
    );
}

fn compiled() -> JSONSchema {
    JSONSchema::compile(&result_schema()).expect("the generated schema should compile")
}

fn errors(schema: &JSONSchema, instance: &Value) -> Vec<String> {
    match schema.validate(instance) {
        Ok(()) => Vec::new(),
        Err(errs) => errs
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect(),
    }
}

const SAMPLE_TEXT: &str = "Vertrag zur Auftragsverarbeitung gemäß Art. 28 DSGVO\n\
zwischen der Acme GmbH, Musterstraße 1, 10115 Berlin (Auftraggeber)\n\
und der Mailgun Technologies, Inc., 112 E Pecan St #1135, San Antonio, TX 78205, USA (Auftragnehmer).\n\
Der Auftragnehmer verarbeitet personenbezogene Daten nur auf dokumentierte Weisung des Auftraggebers.\n\
Die Daten werden bei Amazon Web Services in Frankfurt am Main gespeichert. Eine Übermittlung in die USA \
erfolgt auf Grundlage der Standardvertragsklauseln der EU-Kommission.";

/// A result built through the real pipeline (find → analyze) on a small text.
fn pipeline_result() -> DocResult {
    let doc = normalize(RawText {
        pages: vec![SAMPLE_TEXT.to_string()],
        paged: true,
        engine: "test".to_string(),
        warnings: Vec::new(),
    });
    let rules = Rules::embedded().expect("embedded patterns should load");
    let sha = dpascan::pipeline::sha256_hex(SAMPLE_TEXT.as_bytes());
    dpascan::pipeline::analyze_extracted("sample/avv.pdf", &sha, Some(Format::Pdf), &doc, &rules)
}

fn finding(n: u32, kind: FindingKind, rule: &str, text: &str, value: Value) -> Finding {
    let start = SAMPLE_TEXT.find(text).unwrap_or(0);
    Finding {
        id: format!("f{n}"),
        kind,
        rule: rule.to_string(),
        page: Some(1),
        start,
        end: start + text.len(),
        text: text.to_string(),
        context: text.to_string(),
        value,
    }
}

/// The pipeline result with every list filled, through the real analysis on hand-built findings.
fn rich_result() -> DocResult {
    let mut r = pipeline_result();
    let findings = vec![
        finding(
            1,
            FindingKind::Clause,
            "clause.kind_dpa",
            "Vertrag zur Auftragsverarbeitung",
            json!({"signal":"dpa","weight":2.0}),
        ),
        finding(
            2,
            FindingKind::Party,
            "party.org",
            "Mailgun Technologies, Inc.",
            json!({"name":"Mailgun Technologies, Inc.","legal_form":"Inc.","role":"processor"}),
        ),
        finding(
            3,
            FindingKind::Address,
            "address.us",
            "112 E Pecan St #1135",
            json!({"street":"112 E Pecan St #1135","postcode":"78205","city":"San Antonio","region":"TX","country":"US"}),
        ),
        finding(
            4,
            FindingKind::Country,
            "country.name",
            "USA",
            json!({"code":"US","name":"United States","status":"third_country","negated":false}),
        ),
        finding(
            5,
            FindingKind::Clause,
            "clause.art28_3_a",
            "nur auf dokumentierte Weisung",
            json!({"checklist":"art28_3_a"}),
        ),
        finding(
            6,
            FindingKind::Provider,
            "provider.gazetteer",
            "Amazon Web Services",
            json!({"name":"Amazon Web Services","company":"Amazon Web Services, Inc.","jurisdiction":"US","category":"cloud"}),
        ),
        finding(
            7,
            FindingKind::Location,
            "location.datacenter",
            "Frankfurt am Main",
            json!({"city":"Frankfurt am Main","country":"DE","region":null}),
        ),
        finding(
            8,
            FindingKind::Transfer,
            "transfer.scc",
            "Standardvertragsklauseln",
            json!({"mechanism":"scc","negated":false,"historical":false,"hypothetical":false,"outdated":false}),
        ),
    ];
    let doc = normalize(RawText {
        pages: vec![SAMPLE_TEXT.to_string()],
        paged: true,
        engine: "test".to_string(),
        warnings: Vec::new(),
    });
    let rules = Rules::embedded().expect("embedded patterns should load");
    let a = dpascan::analyze::analyze(&doc, &findings, Some("de"), &rules.adequacy);
    r.findings = findings;
    r.kind = a.kind;
    r.parties = a.parties;
    r.countries = a.countries;
    r.transfers = a.transfers;
    r.providers = a.providers;
    r.locations = a.locations;
    r.checklist = a.checklist;
    r.risk = a.risk;
    r
}

#[test]
fn outputs_validate() {
    let schema = compiled();
    let rich = rich_result();
    assert!(
        !rich.parties.is_empty() && !rich.checklist.is_empty() && !rich.risk.reasons.is_empty()
    );
    let mut samples: Vec<(String, DocResult)> = vec![
        ("pipeline".into(), pipeline_result()),
        ("rich".into(), rich),
    ];
    for kind in [
        ErrorKind::Unreadable,
        ErrorKind::Encrypted,
        ErrorKind::Malformed,
        ErrorKind::Unsupported,
        ErrorKind::NoText,
        ErrorKind::TooLarge,
        ErrorKind::Timeout,
        ErrorKind::Internal,
    ] {
        let format = (kind != ErrorKind::Unsupported).then_some(Format::Docx);
        let r = DocResult::failed(
            "x/broken.docx",
            "",
            format,
            &DocError::new(kind, "it failed"),
        );
        samples.push((format!("failed {kind}"), r));
    }
    for (name, r) in samples {
        let v = serde_json::to_value(&r).expect("a result serializes");
        let errs = errors(&schema, &v);
        assert!(
            errs.is_empty(),
            "{name} does not validate:\n{}",
            errs.join("\n")
        );
    }
}

/// A named change that breaks the contract.
type Violation = (&'static str, Box<dyn Fn(&mut Value)>);

#[test]
fn schema_rejects_contract_violations() {
    let schema = compiled();
    let good = serde_json::to_value(rich_result()).expect("a result serializes");
    let cases: Vec<Violation> = vec![
        (
            "format in upper case",
            Box::new(|v| v["format"] = json!("PDF")),
        ),
        ("unknown status", Box::new(|v| v["status"] = json!("maybe"))),
        (
            "unknown error kind",
            Box::new(|v| v["error"] = json!({"kind":"oops","message":"m"})),
        ),
        (
            "three-letter country code",
            Box::new(|v| v["countries"][0]["code"] = json!("USA")),
        ),
        (
            "lower-case jurisdiction",
            Box::new(|v| v["providers"][0]["jurisdiction"] = json!("us")),
        ),
        (
            "unknown mechanism",
            Box::new(|v| v["transfers"]["mechanisms"] = json!(["magic"])),
        ),
        (
            "unknown role",
            Box::new(|v| v["parties"][0]["roles"] = json!(["boss"])),
        ),
        (
            "missing field",
            Box::new(|v| drop(v.as_object_mut().map(|o| o.remove("language")))),
        ),
        (
            "missing nested field",
            Box::new(|v| {
                drop(
                    v["transfers"]
                        .as_object_mut()
                        .map(|o| o.remove("third_country_transfer")),
                )
            }),
        ),
        (
            "risk level",
            Box::new(|v| v["risk"]["level"] = json!("critical")),
        ),
        (
            "schema version",
            Box::new(|v| v["schema_version"] = json!(2)),
        ),
        ("language code", Box::new(|v| v["language"] = json!("deu"))),
        (
            "finding value not an object",
            Box::new(|v| v["findings"][0]["value"] = json!("scc")),
        ),
    ];
    for (name, mutate) in cases {
        let mut v = good.clone();
        mutate(&mut v);
        assert!(
            !errors(&schema, &v).is_empty(),
            "the schema accepted: {name}"
        );
    }
}

/// Follows `$ref`s into `definitions`.
fn resolve<'a>(root: &'a Value, mut s: &'a Value) -> &'a Value {
    for _ in 0..8 {
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            let name = r.trim_start_matches("#/definitions/");
            s = &root["definitions"][name];
        } else if let Some(first) = s
            .get("allOf")
            .and_then(Value::as_array)
            .and_then(|a| a.first())
        {
            s = first;
        } else if let Some(any) = s.get("anyOf").and_then(Value::as_array) {
            // Option<Struct> is anyOf [ {$ref}, {type: null} ].
            match any.iter().find(|x| x.get("type") != Some(&json!("null"))) {
                Some(x) => s = x,
                None => break,
            }
        } else {
            break;
        }
    }
    s
}

/// The schema of the property at a dotted path; `[]` steps into array items.
fn property<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    let mut s = root;
    for step in path.split('.') {
        let (key, into_items) = match step.strip_suffix("[]") {
            Some(k) => (k, true),
            None => (step, false),
        };
        let obj = resolve(root, s);
        let required = obj["required"]
            .as_array()
            .is_some_and(|r| r.contains(&json!(key)));
        if !required {
            return None;
        }
        s = obj.get("properties")?.get(key)?;
        if into_items {
            s = resolve(root, s).get("items")?;
        }
    }
    Some(s)
}

#[test]
fn contract_fields_are_in_the_schema() {
    let root = result_schema();
    let fields = [
        "schema_version",
        "path",
        "sha256",
        "status",
        "error",
        "format",
        "language",
        "kind",
        "pages",
        "findings[].id",
        "findings[].kind",
        "findings[].rule",
        "findings[].page",
        "findings[].start",
        "findings[].end",
        "findings[].text",
        "findings[].context",
        "findings[].value",
        "parties[].name",
        "parties[].legal_form",
        "parties[].roles",
        "parties[].country",
        "parties[].address",
        "parties[].address.street",
        "parties[].address.postcode",
        "parties[].address.city",
        "parties[].address.region",
        "parties[].address.country",
        "parties[].evidence",
        "countries[].code",
        "countries[].status",
        "countries[].mentions",
        "transfers.third_country_transfer",
        "transfers.mechanisms",
        "providers[].name",
        "providers[].company",
        "providers[].jurisdiction",
        "locations[].city",
        "locations[].country",
        "checklist[].id",
        "checklist[].present",
        "checklist[].evidence",
        "risk.level",
        "risk.reasons[].code",
        "risk.reasons[].message",
    ];
    let missing: Vec<&str> = fields
        .iter()
        .copied()
        .filter(|f| property(&root, f).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "contract fields missing or not required in the schema: {missing:?}"
    );
    assert!(
        property(&root, "findings[].nonexistent").is_none(),
        "the field check can fail"
    );
}

/// The string enum of a definition (schemars writes unit enums as `enum` or `oneOf` of `enum`s).
fn enum_values(root: &Value, def: &str) -> Vec<String> {
    let d = &root["definitions"][def];
    let mut out: Vec<String> = Vec::new();
    if let Some(e) = d["enum"].as_array() {
        out.extend(e.iter().filter_map(Value::as_str).map(str::to_string));
    }
    if let Some(one) = d["oneOf"].as_array() {
        for x in one {
            if let Some(e) = x["enum"].as_array() {
                out.extend(e.iter().filter_map(Value::as_str).map(str::to_string));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn enums_serialize_as_the_contract_says() {
    let root = result_schema();
    let sorted = |v: &[&str]| {
        let mut v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    };
    let cases: [(&str, Vec<String>); 6] = [
        (
            "Format",
            sorted(&["pdf", "html", "text", "markdown", "docx"]),
        ),
        (
            "ErrorKind",
            sorted(&[
                "unreadable",
                "encrypted",
                "malformed",
                "unsupported",
                "no_text",
                "too_large",
                "timeout",
                "internal",
            ]),
        ),
        ("Status", sorted(&["ok", "error"])),
        (
            "DocKind",
            sorted(&["dpa", "privacy_policy", "subprocessor_list", "other"]),
        ),
        (
            "CountryStatus",
            sorted(&["eu", "eea", "adequate", "third_country"]),
        ),
        ("RiskLevel", sorted(&["high", "medium", "low"])),
    ];
    for (def, want) in cases {
        assert_eq!(enum_values(&root, def), want, "{def}");
    }
    // And serde agrees with the schema and with as_str().
    for f in [
        Format::Pdf,
        Format::Html,
        Format::Text,
        Format::Markdown,
        Format::Docx,
    ] {
        assert_eq!(serde_json::to_value(f).ok(), Some(json!(f.as_str())));
    }
    for k in [ErrorKind::NoText, ErrorKind::TooLarge, ErrorKind::Internal] {
        assert_eq!(serde_json::to_value(k).ok(), Some(json!(k.as_str())));
    }
}

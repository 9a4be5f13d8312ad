//! Runs the entity finder over the seed document (skipped when ../shared is absent).

use dpascan::entities::{build_parties, find_entities, CountryMention, EntityData};
use dpascan::extract::Extracted;

mod common;

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

/// The parties of `text` through the whole pipeline (find with the embedded rules, entities,
/// analyze).
fn pipeline_parties(text: &str) -> Vec<dpascan::report::Party> {
    pipeline(text).parties
}

/// Asserts each (name, role) pair: the party named so has that one role.
fn assert_sole_roles(parties: &[dpascan::report::Party], expected: &[(&str, &str)]) {
    for &(name, role) in expected {
        let found = parties.iter().find(|p| p.name == name);
        assert_eq!(
            found.map(|p| p.roles.clone()),
            Some(vec![role.to_string()]),
            "{name}: {parties:?}"
        );
    }
}

/// Asserts each (name, country) pair: the party named so has that country.
fn assert_countries(parties: &[dpascan::report::Party], expected: &[(&str, &str)]) {
    for &(name, country) in expected {
        let found = parties.iter().find(|p| p.name == name);
        assert_eq!(
            found.and_then(|p| p.country.as_deref()),
            Some(country),
            "{name}: {parties:?}"
        );
    }
}

/// The party named `name` (exactly); panics with all parties when there is none.
fn party_named<'a>(
    parties: &'a [dpascan::report::Party],
    name: &str,
) -> &'a dpascan::report::Party {
    parties
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} missing in {parties:?}"))
}

/// A party without an address or a stated country gets the country its name holds, else
/// that of a legal form used in one country only, and says so in `country_source`.
#[test]
fn a_party_without_address_gets_the_country_of_its_name_or_legal_form() {
    use dpascan::report::CountrySource::{self, Address, LegalForm, Name, Stated};
    /// (text, party, expected country and its source)
    type Case = (
        &'static str,
        &'static str,
        Option<(&'static str, CountrySource)>,
    );
    let cases: &[Case] = &[
        (
            "Data is shared with Google Ireland Limited for the service.",
            "Google Ireland Limited",
            Some(("IE", Name)),
        ),
        (
            "Die Daten verarbeitet die SAP Deutschland SE im Auftrag.",
            "SAP Deutschland SE",
            Some(("DE", Name)),
        ),
        (
            "This DPA is entered into with Nordwind B.V. as processor.",
            "Nordwind B.V.",
            Some(("NL", LegalForm)),
        ),
        (
            "Analytics are provided by Nordwind LLC to the customer.",
            "Nordwind LLC",
            Some(("US", LegalForm)),
        ),
        // Brazil's and Portugal's forms, the latter after a comma.
        (
            "Third-line support is provided by Nuvem Serra Tecnologia Ltda. under SCCs.",
            "Nuvem Serra Tecnologia Ltda.",
            Some(("BR", LegalForm)),
        ),
        (
            "Overflow calls were handled by KCS Contact Centre Lisboa, Unipessoal Lda. for us.",
            "KCS Contact Centre Lisboa, Unipessoal Lda.",
            Some(("PT", LegalForm)),
        ),
        // Inc. is used in the US and in Canada: no country (unless the provider list
        // knows the company: see the test below).
        (
            "Tickets are handled by Nordwind, Inc. for us.",
            "Nordwind, Inc.",
            None,
        ),
        // The name's country must be one where the legal form is used: an Irish shop in
        // Germany.
        (
            "Ordered from Celtic Ireland Shop GmbH online.",
            "Celtic Ireland Shop GmbH",
            None,
        ),
        // The country ending an inline address without a postcode is stated for it; a
        // place without a house number is no address ("University of Oslo, Norway").
        (
            "Anbieter ist die Nordwind Payments Europe, Ltd., 1 Grand Canal Street Lower, \
             Dublin, Irland.",
            "Nordwind Payments Europe, Ltd.",
            Some(("IE", Stated)),
        ),
        (
            "Provider: Nordwind Cloud, Inc., 500 Main Street, Floor 3, Toronto, Canada.",
            "Nordwind Cloud, Inc.",
            Some(("CA", Stated)),
        ),
        (
            "Reviewed by Nordwind Research Ltd., University of Oslo, Norway.",
            "Nordwind Research Ltd.",
            None,
        ),
        // An address wins over the name.
        (
            "Hetzner Finland Oy, Industriestr. 25, 91710 Gunzenhausen, Deutschland",
            "Hetzner Finland Oy",
            Some(("DE", Address)),
        ),
    ];
    assert_parties(
        cases,
        |p| p.country.clone().zip(p.country_source),
        |got, want| got.as_ref().map(|(c, s)| (c.as_str(), *s)) == *want,
    );
}

/// A definition line set off by dashes below an address block ("- nachstehend Auftraggeber
/// genannt -", Hetzner's DPA) gives the party above it its role.
#[test]
fn a_definition_set_off_by_dashes_gives_the_party_above_its_role() {
    let text = "zwischen (der)\nMuster UG (haftungsbeschränkt),\nHauptstr. 4, 13357 Berlin\n\
        - nachstehend Auftraggeber genannt -\n\nund der\n\nNordwind Cloud GmbH, Gunzenhausen\n\
        - the Processor - hereafter named the \"Supplier\" -\n\n1. Gegenstand\n";
    let parties = pipeline_parties(text);
    assert!(
        parties
            .iter()
            .any(|p| p.name.starts_with("Muster UG") && p.roles == ["controller"]),
        "{parties:?}"
    );
    assert!(
        parties
            .iter()
            .any(|p| p.name == "Nordwind Cloud GmbH" && p.roles == ["processor"]),
        "{parties:?}"
    );
}

/// A role stated under the name without its legal form ("Basecamp is the Processor", the
/// contract naming "Basecamp, LLC" elsewhere) is the organisation's; not when the name is
/// another's customer, a defined short name of another organisation, or may stand for two.
#[test]
fn a_role_stated_under_the_name_without_its_legal_form_is_the_organisations() {
    let roles = |text: &str, name: &str| {
        pipeline_parties(text)
            .into_iter()
            .find(|p| p.name == name)
            .map(|p| p.roles)
    };
    let text = "\u{201c}Basecamp\u{201d} means the entity which is a party to this DPA, being \
        Basecamp, LLC, an Illinois company.\n\n2.1 Roles of the Parties. Customer is the \
        Controller, Basecamp is the Processor.";
    assert_eq!(
        roles(text, "Basecamp, LLC"),
        Some(vec!["processor".to_string()])
    );
    // The customer of a brand.
    let text = "zwischen dem Kunden von Nordlicht CRM (Verantwortlicher) und der Nordlicht \
        CRM GmbH, Am Sandtorkai 50, 20457 Hamburg. Der Kunde von Nordlicht CRM ist \
        Verantwortlicher.";
    assert_eq!(roles(text, "Nordlicht CRM GmbH"), Some(vec![]));
    // "OVH" is the short name OVH Hosting Ltd. defines, not OVH SAS's name.
    let text = "This DPA is entered into between OVH Hosting Ltd. (\u{201c}OVH\u{201d}) and \
        the Client. Personal data processed by OVH as a Processor. Contact: OVH SAS, \
        2 rue Kellermann, 59100 Roubaix.";
    assert_eq!(roles(text, "OVH SAS"), Some(vec![]));
    // "Google" may be Google LLC or Google Ireland Limited.
    let text = "The parties are Google LLC and Google Ireland Limited. Google is the \
        processor of customer data.";
    assert_eq!(roles(text, "Google LLC"), Some(vec![]));
}

/// The country inside another organisation's name ("Nordwind Ireland Ltd.") is not a country
/// stated for the organisation before it in the same table row.
#[test]
fn a_country_inside_another_name_in_the_row_is_not_the_partys() {
    let text = "| Region | Controller |\n|---|---|\n| Outside the EU | Nordwind, Inc. and \
        Nordwind Ireland Ltd. are joint controllers for the shop. |\n";
    let parties = pipeline_parties(text);
    let inc = parties.iter().find(|p| p.name == "Nordwind, Inc.");
    assert!(inc.is_some_and(|p| p.country.is_none()), "{parties:?}");
    let ltd = parties.iter().find(|p| p.name == "Nordwind Ireland Ltd.");
    assert!(
        ltd.is_some_and(|p| p.country.as_deref() == Some("IE")),
        "{parties:?}"
    );
}

/// The result of `text` through the whole pipeline.
fn pipeline(text: &str) -> dpascan::report::DocResult {
    let rules = dpascan::patterns::Rules::embedded().expect("embedded rules");
    let doc = Extracted {
        pages: std::iter::once(0..text.len()).collect(),
        text: text.to_string(),
        paged: false,
        engine: "text".into(),
        warnings: Vec::new(),
    };
    dpascan::pipeline::analyze_extracted("test.txt", "", None, &doc, &rules)
}

/// In a privacy policy the organisation that speaks ("Nordwind Inc. (“Nordwind”, “we”)",
/// "We, Nordwind SE, …", "contact us (Nordwind Corporation)") is the controller; in a DPA
/// "we" is no role.
#[test]
fn the_speaker_of_a_privacy_policy_is_its_controller() {
    let policy = |who: &str| {
        format!(
            "# Privacy Policy\n\n{who}\n\nThis privacy policy explains how we process your \
             personal data when you use our website. You have the right to access, \
             rectification and erasure of your personal data and the right to lodge a \
             complaint with a supervisory authority. We use cookies and Google Analytics.\n"
        )
    };
    let cases = [
        (
            "Thanks for entrusting Nordwind Inc. (\u{201c}Nordwind\u{201d}, \u{201c}we\u{201d}) with your data.",
            "Nordwind Inc.",
        ),
        ("We, Nordwind SE, assume the role of the party in charge.", "Nordwind SE"),
        (
            "To make a request, please contact us (Nordwind Corporation) through our portal.",
            "Nordwind Corporation",
        ),
        // The sentence that says whose policy this is.
        (
            "This policy applies to all products built and maintained by Nordwind LLC \
             including Fjord and Tide (together, \u{201c}Nordwind\u{201d}).",
            "Nordwind LLC",
        ),
        (
            "This Privacy Notice describes how Nordwind Inc. collects and uses information.",
            "Nordwind Inc.",
        ),
        (
            "Diese Datenschutzerklärung informiert über die Verarbeitung durch die Nordwind \
             GmbH auf dieser Website.",
            "Nordwind GmbH",
        ),
    ];
    for (who, name) in cases {
        let r = pipeline(&policy(who));
        assert_eq!(r.kind, dpascan::report::DocKind::PrivacyPolicy, "{who}");
        let p = r.parties.iter().find(|p| p.name == name);
        assert!(
            p.is_some_and(|p| p.roles.contains(&"controller".to_string())),
            "{who}: {:?}",
            r.parties
        );
    }
    // In a DPA the speaker is usually the processor: "we" gives no role there.
    let dpa = "# Data Processing Agreement\n\nThis Data Processing Agreement pursuant to Art. 28 \
        GDPR is made by Nordwind Inc. (\u{201c}Nordwind\u{201d}, \u{201c}we\u{201d}). We process \
        personal data only on documented instructions of the Customer. Sub-processors are \
        engaged only with prior written authorisation of the controller.\n";
    let r = pipeline(dpa);
    assert_eq!(r.kind, dpascan::report::DocKind::Dpa);
    let p = r.parties.iter().find(|p| p.name == "Nordwind Inc.");
    assert!(p.is_some_and(|p| p.roles.is_empty()), "{:?}", r.parties);
    // A party named without a first-person pronoun is not the speaker.
    let r = pipeline(&policy("We use the services of Nordwind Inc. for hosting."));
    let p = r.parties.iter().find(|p| p.name == "Nordwind Inc.");
    assert!(p.is_some_and(|p| p.roles.is_empty()), "{:?}", r.parties);
    // Nor is an organisation in a sentence that does not open with the policy, or the
    // second one named in a sentence that does: these host the website or the products,
    // which makes them processors, not the controller.
    for who in [
        "Our website is hosted by Nordwind Inc. in Frankfurt.",
        "This policy applies to products of Fjord Ltd and products hosted by Nordwind Inc.",
    ] {
        let r = pipeline(&policy(who));
        let p = r.parties.iter().find(|p| p.name == "Nordwind Inc.");
        assert!(
            p.is_some_and(|p| p.roles == ["processor"]),
            "{who}: {:?}",
            r.parties
        );
    }
}

/// Role statements of real privacy policies, each with the party and the roles expected.
#[test]
fn roles_from_questions_lists_acronyms_and_responsibility_statements() {
    let cases: &[(&str, &str, &[&str])] = &[
        // Hetzner: a question heading above the name.
        (
            "### 2. Who is officially responsible for processing the data?\n\n\
             **Nordwind Online GmbH**  \nIndustriestr. 25  \n91710 Gunzenhausen  \nGermany\n",
            "Nordwind Online GmbH",
            &["controller"],
        ),
        // A question that names no role gives none.
        (
            "### 3. Where can you find us?\n\n**Nordwind Online GmbH**  \nIndustriestr. 25\n",
            "Nordwind Online GmbH",
            &[],
        ),
        // Xing: "the body responsible for the processing".
        (
            "Nordwind SE is the body responsible for the processing of personal data.",
            "Nordwind SE",
            &["controller"],
        ),
        // Deutsche Bahn: a role stated after a list is each member's.
        (
            "the companies Nordwind Vertrieb GmbH, Nordwind Fernverkehr AG and Nordwind Regio \
             AG process your data as joint controllers.",
            "Nordwind Vertrieb GmbH",
            &["controller"],
        ),
        // CWA in English: "Institute" names a public body too, and is the same party as
        // the German "Institut" of the address.
        (
            "This app is published by the Nordwind Koch Institute (NKI) for the Federal \
             Government. The NKI is also responsible for ensuring that your personal data is \
             processed lawfully.\n\nNordwind Koch-Institut, Nordufer 20, 13353 Berlin",
            "Nordwind Koch Institute",
            &["controller"],
        ),
        // CWA: an acronym defined in brackets, then a responsibility statement.
        (
            "Diese App wird vom Robert Koch-Institut (RKI) herausgegeben. Das RKI ist auch \
             dafür verantwortlich, dass Ihre personenbezogenen Daten rechtmäßig verarbeitet \
             werden.",
            "Robert Koch-Institut",
            &["controller"],
        ),
        (
            "Für die Datenverarbeitung durch den Anbieter ist das Robert Koch-Institut (RKI) \
             nicht verantwortlich. Das RKI ist nicht verantwortlich.",
            "Robert Koch-Institut",
            &[],
        ),
        // A header line above the parties: the customer's definition below it is not the
        // header's organisation's (corpus de_avv_2010_klauseln.pdf).
        (
            "Nordlicht CRM GmbH · AVV Version 2.3 (2019) · Seite 1\nAuftragsverarbeitungsvertrag\n\
             (AVV) für Nordlicht CRM\nzwischen dem Kunden von Nordlicht CRM\n(Verantwortlicher, \
             nachfolgend „Auftraggeber“) und der Nordlicht CRM GmbH, Am Sandtorkai 50,\n20457 \
             Hamburg (nachfolgend „Auftragnehmer“).\n",
            "Nordlicht CRM GmbH",
            &["processor"],
        ),
        // GitHub's privacy statement: a quoted role after "processes as", for both names
        // joined by "or"; the bracket at the end of the clause defines no short name.
        (
            "It applies to the Personal Data that Nordwind, Inc. or Nordwind B.V., processes \
             as the \u{201c}Data Controller\u{201d} when you use the websites (collectively, \
             \u{201c}Services\u{201d}).",
            "Nordwind, Inc.",
            &["controller"],
        ),
        (
            "It applies to the Personal Data that Nordwind, Inc. or Nordwind B.V., processes \
             as the \u{201c}Data Controller\u{201d} when you use the websites (collectively, \
             \u{201c}Services\u{201d}).",
            "Nordwind B.V.",
            &["controller"],
        ),
        // CWA: "die T-Systems International GmbH und die SAP Deutschland SE & Co. KG
        // beauftragt, die als Auftragsverarbeiter des RKI tätig werden".
        (
            "hat das RKI die Nordwind Systems GmbH und die Nordwind Deutschland SE & Co. KG \
             beauftragt, die als Auftragsverarbeiter des RKI tätig werden.",
            "Nordwind Systems GmbH",
            &["processor"],
        ),
        (
            "hat das RKI die Nordwind Systems GmbH und die Nordwind Deutschland SE & Co. KG \
             beauftragt, die als Auftragsverarbeiter des RKI tätig werden.",
            "Nordwind Deutschland SE & Co. KG",
            &["processor"],
        ),
        // A role after an inline address, its words broken over two lines by a PDF.
        (
            "we transmit your name to our local guide partner, Nordwind Treks Pvt. Ltd., \
             Thamel Marg 12, Kathmandu 44600, Nepal, which\nreceives your data as an \
             independent recipient.",
            "Nordwind Treks Pvt. Ltd.",
            &["recipient"],
        ),
        // German word order: the verb at the end ("die Ihre Daten als … erhält").
        (
            "Wir übermitteln Ihren Namen an unseren Partner, die Nordwind Treks Pvt. Ltd., \
             Thamel Marg 12, Kathmandu 44600, Nepal, die Ihre Daten als eigenständiger \
             Empfänger erhält.",
            "Nordwind Treks Pvt. Ltd.",
            &["recipient"],
        ),
        (
            "Wir übermitteln Ihre Daten an die Nordwind Logistik GmbH, Hafenstraße 1, 20457 \
             Hamburg, die Ihre Daten als Auftragsverarbeiter verarbeitet.",
            "Nordwind Logistik GmbH",
            &["processor"],
        ),
        (
            "Wir übermitteln Ihre Daten an die Nordwind Logistik GmbH, Hafenstraße 1, 20457 \
             Hamburg, die Ihre Daten nicht als Auftragsverarbeiter verarbeitet.",
            "Nordwind Logistik GmbH",
            &[],
        ),
        // A blank line ends the clause.
        (
            "our local guide partner, Nordwind Treks Pvt. Ltd., Thamel Marg 12, Kathmandu \
             44600, Nepal, which\n\nreceives your data as an independent recipient.",
            "Nordwind Treks Pvt. Ltd.",
            &[],
        ),
        // Wire: "subcontractors" of a processor are its sub-processors.
        (
            "At the time of the conclusion of this DPA, Wire engages the following \
             subcontractors: Nordwind EMEA SARL, 38 avenue John F. Kennedy, L-1855 Luxembourg \
             for the server infrastructure.",
            "Nordwind EMEA SARL",
            &["subprocessor"],
        ),
        // An SCC annex: the role line of the importer's block, not the exporter's above.
        (
            "ANNEX I\n\nData exporter(s):\n\nName: Customer\n\nRole (controller/processor): \
             Controller\n\nData importer(s):\n\nName: Nordwind B.V.\n\nAddress: Keizersgracht \
             1, 1015 CJ Amsterdam\n\nRole (controller/processor): Data Processor\n\n\
             B. DESCRIPTION OF TRANSFER\n",
            "Nordwind B.V.",
            &["processor"],
        ),
        // A sub-processor table whose page ends with the contractor's letterhead line.
        (
            "## Unterauftragsverarbeiter\n\nHelpScout Inc. USA Kundenservice\n\nStripe Inc. USA \
             Zahlungsabwicklung\n\nNordwind AG • Lindwurmstraße 147 • 80337 München • Tel.: 089 \
             21 54 82 00 • mail@nordwind.example\n",
            "Nordwind AG",
            &[],
        ),
        (
            "If you have questions, send them to the RKI\u{2019}s official data protection officer \
             by post to: Robert Koch-Institut, Nordufer 20, 13353 Berlin.",
            "Robert Koch-Institut",
            &[],
        ),
        // "Our company's data protection officer": the owner is the speaker, and the firm
        // after the colon is the officer.
        (
            "Our company's data protection officer is: Nordwind Datenschutz GmbH, Hauptstr. 1, \
             10115 Berlin.",
            "Nordwind Datenschutz GmbH",
            &["dpo"],
        ),
        // A sub-processor whose name holds "tel" in a table line set off by bullets.
        (
            "## Sub-processors\n\nIntel Corporation • Santa Clara • USA\n",
            "Intel Corporation",
            &["subprocessor"],
        ),
        // CWA: the officer of the organisation named after the label is not that
        // organisation.
        (
            "Fragen können Sie an die Datenschutzbeauftragte des RKI senden: Robert \
             Koch-Institut, Nordufer 20, 13353 Berlin.",
            "Robert Koch-Institut",
            &[],
        ),
        (
            "Datenschutzbeauftragter: Nordwind Datenschutz GmbH, Hauptstr. 1, 10115 Berlin.",
            "Nordwind Datenschutz GmbH",
            &["dpo"],
        ),
        // CWA (English): a role given to the organisations just named by referring back.
        (
            "The RKI has commissioned Nordwind Systems GmbH and Fjord Deutschland SE & Co. KG \
             to operate part of the technical infrastructure of the app (e.g. server system, \
             hotline), meaning that these two companies are processors under data protection law.",
            "Nordwind Systems GmbH",
            &["processor"],
        ),
        (
            "The RKI has commissioned Nordwind Systems GmbH and Fjord Deutschland SE & Co. KG \
             to operate the hotline, meaning that these two companies are processors.",
            "Fjord Deutschland SE & Co. KG",
            &["processor"],
        ),
        (
            "Wir haben die Nordwind Systems GmbH mit dem Betrieb der Server beauftragt; dieses \
             Unternehmen ist als Auftragsverarbeiter tätig.",
            "Nordwind Systems GmbH",
            &["processor"],
        ),
        // Wire: "the following subcontractors:" introduces every organisation of its
        // sentence, addresses and purposes between them.
        (
            "At the time of the conclusion of this DPA, Nordwind engages the following \
             subcontractors: Fjord Cloud SARL, 38 avenue Monterey, L-2163 Luxembourg for the \
             server infrastructure and Nordwind Labs GmbH, Rosenthaler Str. 40, 10178 Berlin, \
             for the development of the services. Nordwind shall inform the Controller.",
            "Nordwind Labs GmbH",
            &["subprocessor"],
        ),
        (
            "Der Auftragnehmer setzt folgende Unterauftragnehmer ein: Fjord Cloud GmbH in \
             Frankfurt für das Hosting und die Nordwind Labs GmbH in Berlin für den Support.",
            "Nordwind Labs GmbH",
            &["subprocessor"],
        ),
        // Not past its sentence.
        (
            "Nordwind engages the following subcontractors: Fjord Cloud SARL for hosting. \
             Nordwind Labs GmbH provides the website.",
            "Nordwind Labs GmbH",
            &[],
        ),
        // Not when the reference stands in the next sentence, after another organisation,
        // or is negated; and "this company" does not refer back to two.
        (
            "We have commissioned Nordwind Systems GmbH and Fjord AG to operate the hotline. \
             These companies are processors.",
            "Nordwind Systems GmbH",
            &[],
        ),
        // But a statement that counts them refers to as many named just before it
        // ([`a_role_stated_for_a_number_of_companies_is_that_of_as_many_named_before`]).
        (
            "We have commissioned Nordwind Systems GmbH and Fjord AG to operate the hotline. \
             These two companies are processors.",
            "Nordwind Systems GmbH",
            &["processor"],
        ),
        (
            "We have commissioned Nordwind Systems GmbH to operate the hotline and Fjord AG to \
             host it; these companies are processors.",
            "Nordwind Systems GmbH",
            &[],
        ),
        (
            "We have commissioned Nordwind Systems GmbH and Fjord AG to run the hotline; these \
             companies are not processors.",
            "Nordwind Systems GmbH",
            &[],
        ),
        (
            "We have commissioned Nordwind Systems GmbH and Fjord AG to run the hotline; this \
             company is a processor.",
            "Nordwind Systems GmbH",
            &[],
        ),
    ];
    assert_roles(cases);
}

/// The list of parties of an SCC annex (Annex I.A of Decision 2021/914), in English and
/// German, numbered or bulleted: each member takes the role its own block states; a member
/// whose block states none takes none (not the role line of the member above it).
#[test]
fn scc_annex_members_take_the_role_of_their_own_block() {
    let de = "ANHANG I\n\nA. LISTE DER PARTEIEN\n\nDatenexporteur(e):\n\n1. Name: Nordwind \
              Handels GmbH\nAnschrift: Musterstraße 12, 10115 Berlin, Deutschland\nUnterschrift \
              und Datum: ...\nRolle (Verantwortlicher/Auftragsverarbeiter): Verantwortlicher\n\n\
              Datenimporteur(e):\n\n1. Name: Nordwind Mail, Inc.\nAnschrift: 112 E Pecan St, San \
              Antonio, TX 78205, USA\nRolle (Verantwortlicher/Auftragsverarbeiter): \
              Auftragsverarbeiter (im Auftrag des Verantwortlichen)\n\n2. Name: Nordwind Sweden \
              AB\nAnschrift: Lindhagensgatan 112, 112 51 Stockholm, Schweden\n\nB. BESCHREIBUNG \
              DER ÜBERMITTLUNG\n";
    let en = "ANNEX I\n\nA. LIST OF PARTIES\n\nData exporter(s):\n\n- Name: Nordwind Retail \
              Ltd.\n- Address: 1 High Street, London EC1A 1BB, United Kingdom\n- Role \
              (controller/processor): Controller\n\nData importer(s):\n\n- Name: Nordwind \
              Cloud LLC\n- Address: 1 Main Street, Austin, TX 78701, USA\n- Role \
              (controller/processor): Processor\n";
    let cases: &[(&str, &str, &[&str])] = &[
        (de, "Nordwind Handels GmbH", &["controller"]),
        (de, "Nordwind Mail, Inc.", &["processor"]),
        (de, "Nordwind Sweden AB", &[]),
        (en, "Nordwind Retail Ltd.", &["controller"]),
        (en, "Nordwind Cloud LLC", &["processor"]),
    ];
    assert_roles(cases);
}

/// The side of an SCC transfer: from the heading of an annex's list of parties, or from a
/// defined term; none for a party the document does not put on either side.
#[test]
fn data_exporters_and_importers_are_marked() {
    use dpascan::report::TransferRole::{Exporter, Importer};
    let annex = "ANHANG I\n\nDatenexporteur(e):\n\n1. Name: Nordwind Handels GmbH\nAnschrift: \
                 Musterstraße 12, 10115 Berlin\nRolle (Verantwortlicher/Auftragsverarbeiter): \
                 Verantwortlicher\n\nDatenimporteur(e):\n\n1. Name: Nordwind Mail, Inc.\n\
                 Rolle (Verantwortlicher/Auftragsverarbeiter): Auftragsverarbeiter\n\n2. Name: \
                 Nordwind Sweden AB\n";
    let en = "These Clauses are made between Nordwind Retail Ltd., 1 High Street, London (the \
              \"data exporter\") and Nordwind Cloud LLC, 1 Main Street, Austin, TX 78701, USA (the \
              \"data importer\"). Hosting is provided by Nordwind Hosting GmbH.";
    let de = "Zwischen der Nordwind Handels GmbH (nachfolgend „Datenexporteur“) und der \
              Nordwind Mail, Inc. (nachfolgend „Datenimporteur“) wird Folgendes vereinbart.";
    let cases: &[(&str, &str, &[dpascan::report::TransferRole])] = &[
        (annex, "Nordwind Handels GmbH", &[Exporter]),
        (annex, "Nordwind Mail, Inc.", &[Importer]),
        (annex, "Nordwind Sweden AB", &[Importer]),
        (en, "Nordwind Retail Ltd.", &[Exporter]),
        (en, "Nordwind Cloud LLC", &[Importer]),
        (en, "Nordwind Hosting GmbH", &[]),
        (de, "Nordwind Handels GmbH", &[Exporter]),
        (de, "Nordwind Mail, Inc.", &[Importer]),
    ];
    assert_parties(cases, |p| p.transfer_roles.clone(), |got, want| got == want);
}

/// A data processing agreement stated as made with an organisation makes it a processor:
/// under its full name, its name without the legal form, or the name of the provider whose
/// legal entity it is ("Hetzner" for Hetzner Online GmbH); not when negated, and not under
/// a name the document defines in quotes as something else.
#[test]
fn a_processing_agreement_made_with_an_organisation_makes_it_a_processor() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "Wir hosten bei der Nordwind Hosting GmbH, Hauptstr. 1, 10115 Berlin. Mit der \
             Nordwind Hosting GmbH wurde ein Auftragsverarbeitungsvertrag geschlossen.",
            "Nordwind Hosting GmbH",
            &["processor"],
        ),
        (
            "Wir haben einen Vertrag über Auftragsverarbeitung mit der Südwind Mail AG \
             abgeschlossen.",
            "Südwind Mail AG",
            &["processor"],
        ),
        (
            "We have concluded a data processing agreement (DPA) with Eastwind Analytics Ltd. \
             for this purpose.",
            "Eastwind Analytics Ltd.",
            &["processor"],
        ),
        (
            "Westwind Cloud LLC hosts our servers. Westwind Cloud has signed a data processing \
             agreement with us.",
            "Westwind Cloud LLC",
            &["processor"],
        ),
        (
            "Unsere Website wird bei der Hetzner Online GmbH, Industriestr. 25, 91710 \
             Gunzenhausen gehostet. Wir haben mit Hetzner einen Vertrag über \
             Auftragsverarbeitung geschlossen.",
            "Hetzner Online GmbH",
            &["processor"],
        ),
        (
            "Mit der Ostwind Media GmbH haben wir keinen Vertrag über Auftragsverarbeitung \
             geschlossen.",
            "Ostwind Media GmbH",
            &[],
        ),
        (
            "Die Nordlicht Pay GmbH wickelt Zahlungen ab. Informationen zur \
             Auftragsverarbeitung finden Sie unter nordlicht.example.",
            "Nordlicht Pay GmbH",
            &[],
        ),
        // "Google" is a term the document defines: which Google entity it means is open.
        (
            "“Google” means the Google Entity that is party to the Agreement. Google LLC \
             provides the services. We have entered into a data processing agreement with \
             Google.",
            "Google LLC",
            &[],
        ),
    ];
    assert_roles(cases);
}

/// A role stated in the predicate of the clause an organisation is the subject of, with
/// words between the verb and the role: a controller acting on its own account, a
/// processor acting on another's behalf; not when negated, nor in a clause whose subject
/// is someone else.
#[test]
fn a_role_stated_further_along_the_predicate_is_read() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "Die Nordwind Payments Europe, Ltd., 1 Grand Canal Street Lower, Dublin, Irland, \
             ist für die Zahlungsabwicklung eigenständig verantwortlich.",
            "Nordwind Payments Europe, Ltd.",
            &["controller"],
        ),
        (
            "Die Südwind Paket GmbH, Sträßchensweg 10, 53113 Bonn, ist für den Versand als \
             eigenständiger Verantwortlicher tätig.",
            "Südwind Paket GmbH",
            &["controller"],
        ),
        (
            "Die Ostwind Bank AG ist bei der Prüfung Ihrer Bonität in eigener Verantwortung \
             tätig.",
            "Ostwind Bank AG",
            &["controller"],
        ),
        (
            "Westwind Bank AB (publ), Sveavägen 46, 111 34 Stockholm, Schweden, verarbeitet \
             Ihre Daten als selbständiger Verantwortlicher.",
            "Westwind Bank AB",
            &["controller"],
        ),
        (
            "Die Nordlicht Hosting GmbH, Industriestr. 25, 91710 Gunzenhausen, verarbeitet \
             die Daten in unserem Auftrag.",
            "Nordlicht Hosting GmbH",
            &["processor"],
        ),
        (
            "Northwind Payments Ltd acts for payment processing as an independent controller.",
            "Northwind Payments Ltd",
            &["controller"],
        ),
        (
            "Eastlight Mail Inc. processes the e-mail addresses on our behalf.",
            "Eastlight Mail Inc.",
            &["processor"],
        ),
        // Negated before the cue.
        (
            "Die Südlicht Media GmbH ist für die Verarbeitung nicht eigenständig verantwortlich.",
            "Südlicht Media GmbH",
            &[],
        ),
        (
            "Westlight Media Inc. does not process any data on our behalf.",
            "Westlight Media Inc.",
            &[],
        ),
        // The clause's subject is not the organisation: no verb follows its name.
        (
            "Mit der Nordstern Logistik GmbH arbeiten wir zusammen; sie ist nicht beteiligt. \
             Der Kunde ist für seine Daten eigenständig verantwortlich.",
            "Nordstern Logistik GmbH",
            &[],
        ),
    ];
    assert_roles(cases);
}

/// A data processing agreement made with "the provider named above" (the wording of the
/// common German privacy-policy templates, also "mit dem Anbieter einen Vertrag zur
/// Auftragsverarbeitung abgeschlossen") makes the organisation introduced as the
/// service's provider a processor; not past the next provider's introduction or another
/// organisation, nor when negated.
#[test]
fn an_agreement_with_the_provider_named_above_makes_it_a_processor() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "2. Hosting\n\nWir hosten die Inhalte unserer Website bei folgendem Anbieter: \
             Anbieter ist die Nordwind Hosting SE, Elgendorfer Str. 57, 56410 Montabaur \
             (nachfolgend Nordwind). Wenn Sie unsere Website besuchen, erfasst Nordwind \
             verschiedene Logfiles. Wir haben einen Vertrag über Auftragsverarbeitung (AVV) \
             mit dem oben genannten Anbieter geschlossen.",
            "Nordwind Hosting SE",
            &["processor"],
        ),
        (
            "Newsletter\n\nAnbieter ist die Südwind Mail GmbH, Köpenicker Straße 126, 10179 \
             Berlin. Die Daten werden auf Servern in Deutschland gespeichert.\n\n\
             Auftragsverarbeitung\n\nWir haben einen Vertrag über Auftragsverarbeitung (AVV) \
             zur Nutzung des oben genannten Dienstes geschlossen.",
            "Südwind Mail GmbH",
            &["processor"],
        ),
        (
            "Hosting. The provider is Eastwind Cloud Ltd., 1 King Street, London EC2V 8AU. We \
             have concluded a data processing agreement with the above-mentioned provider.",
            "Eastwind Cloud Ltd.",
            &["processor"],
        ),
        // The provider before the agreement ("mit dem Anbieter einen Vertrag …").
        (
            "Anbieter ist die Nordlicht Analytics Limited, Gordon House, Barrow Street, Dublin \
             4, Irland. Wir haben mit dem Anbieter einen Vertrag zur Auftragsverarbeitung \
             abgeschlossen und setzen die Vorgaben der Datenschutzbehörden vollständig um.",
            "Nordlicht Analytics Limited",
            &["processor"],
        ),
        (
            "Anbieter ist die Südlicht Analytics Limited, Barrow Street, Dublin 4, Irland. Wir \
             haben mit dem Anbieter keinen Vertrag zur Auftragsverarbeitung abgeschlossen.",
            "Südlicht Analytics Limited",
            &[],
        ),
        // The next service's provider is introduced first (without a legal form).
        (
            "Hosting\n\nAnbieter ist die Ostwind Hosting GmbH, Hauptstr. 1, 10115 Berlin.\n\n\
             Analyse\n\nAnbieter ist Westwind Analytics. Wir haben einen Vertrag über \
             Auftragsverarbeitung (AVV) mit dem oben genannten Anbieter geschlossen.",
            "Ostwind Hosting GmbH",
            &[],
        ),
        // Another organisation is named in between.
        (
            "Anbieter ist die Nordlicht Hosting GmbH, Hauptstr. 1, 10115 Berlin. Die Daten \
             verarbeitet auch die Südlicht Backup AG. Wir haben einen Vertrag über \
             Auftragsverarbeitung mit dem oben genannten Anbieter geschlossen.",
            "Nordlicht Hosting GmbH",
            &[],
        ),
        (
            "Anbieter ist die Ostlicht Media GmbH, Hauptstr. 1, 10115 Berlin. Wir haben keinen \
             Vertrag über Auftragsverarbeitung mit dem oben genannten Anbieter geschlossen.",
            "Ostlicht Media GmbH",
            &[],
        ),
        // Not introduced as a service's provider.
        (
            "Verantwortlich ist die Westlicht Shop GmbH, Hauptstr. 1, 10115 Berlin. Wir haben \
             einen Vertrag über Auftragsverarbeitung mit dem oben genannten Anbieter \
             geschlossen.",
            "Westlicht Shop GmbH",
            &["controller"],
        ),
    ];
    assert_roles(cases);
}

/// A secondary unit ("Suite 5000", "Ste. 200") set off by a comma belongs to the street
/// before it; without a street before it, it is the street itself.
#[test]
fn a_secondary_unit_stays_with_its_street() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "Mailchimp is a service of Nordwind Group LLC, 675 Ponce de Leon Ave NE, Suite \
             5000, Atlanta, GA 30308, USA.",
            "Nordwind Group LLC",
            Some("675 Ponce de Leon Ave NE, Suite 5000"),
        ),
        (
            "Nordwind Cloud LLC, 1 Main St, Ste. 200, Austin, TX 78701",
            "Nordwind Cloud LLC",
            Some("1 Main St, Ste. 200"),
        ),
        (
            "Nordwind Labs LLC, Suite 5, Austin, TX 78701",
            "Nordwind Labs LLC",
            Some("Suite 5"),
        ),
    ];
    assert_streets(cases);
}

/// An address introduced as the organisation's seat in running text belongs to it, and
/// its street starts after the introduction ("whose registered office is at", "mit Sitz in
/// der").
#[test]
fn an_address_introduced_as_the_seat_is_the_organisations() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "This DPA is made between Eastwind Software Ltd, a company registered in England \
             and Wales with company number 01234567, whose registered office is at 20 \
             Farringdon Road, London EC1M 3HE, United Kingdom, and the Customer.",
            "Eastwind Software Ltd",
            Some("20 Farringdon Road"),
        ),
        (
            "Vertrag zwischen der Nordwind Cloud GmbH mit Sitz in der Hauptstraße 5, 10115 \
             Berlin, und dem Kunden.",
            "Nordwind Cloud GmbH",
            Some("Hauptstraße 5"),
        ),
        (
            "Südwind AG, Hauptstraße 9, 10115 Berlin.",
            "Südwind AG",
            Some("Hauptstraße 9"),
        ),
    ];
    assert_streets(cases);
}

/// A defined term after an address introduced as the seat names the organisation, so a
/// role stated under the term is its own.
#[test]
fn a_term_defined_after_the_seats_address_takes_the_role_stated_under_it() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "This DPA is entered into between the customer (\"Customer\") and Eastwind \
             Software Ltd, a company registered in England and Wales with company number \
             01234567, whose registered office is at 20 Farringdon Road, London EC1M 3HE, \
             United Kingdom (\"Eastwind\").\n\n1. Roles. Customer is the Controller and \
             Eastwind is the Processor of Customer Personal Data.",
            "Eastwind Software Ltd",
            &["processor"],
        ),
        // Without a seat's introduction, a clause before the bracket still blocks it.
        (
            "Westwind Media Ltd processes as the Data Controller when you use the services \
             (collectively, \"Services\"). The Services are the Processor's.",
            "Westwind Media Ltd",
            &["controller"],
        ),
    ];
    assert_roles(cases);
}

/// A role label that starts its sentence with "Current", "Our", "Aktuelle" and ends in a
/// colon introduces a list: each member takes the role, not only the first.
#[test]
fn a_current_sub_processors_label_introduces_a_list() {
    let text = "3. Sub-processors. Current Sub-processors: Nordwind Hosting GmbH (hosting, \
                Germany); Postmark (Südwind Mail, LLC, USA; transactional email).";
    let de = "Aktuelle Unterauftragsverarbeiter: Ostwind Cloud GmbH (Hosting); Westwind \
              Mail AB (E-Mail-Versand).";
    // Mid-sentence the label names only the organisation right after it.
    let mid = "Questions about our sub-processors: Nordlicht Support GmbH (helpdesk) will \
               answer them, and so will Südlicht Media AG.";
    // "our" inside "flavour", 60 bytes before the label, starts no list.
    let inside = format!(
        "The flavour {} {} Sub-processors: Nordstern Hosting GmbH (a); Südstern Mail AB (b).",
        "A".repeat(27),
        "B".repeat(27)
    );
    let cases: &[(&str, &str, &[&str])] = &[
        (&inside, "Südstern Mail AB", &[]),
        (text, "Nordwind Hosting GmbH", &["subprocessor"]),
        (text, "Südwind Mail, LLC", &["subprocessor"]),
        (de, "Westwind Mail AB", &["subprocessor"]),
        (mid, "Südlicht Media AG", &[]),
    ];
    assert_roles(cases);
}

/// Asserts that in each (text, name, street) case the party `name` has that street.
fn assert_streets(cases: &[(&str, &str, Option<&str>)]) {
    assert_parties(
        cases,
        |p| p.address.as_ref().and_then(|a| a.street.clone()),
        |got, want| got.as_deref() == *want,
    );
}

/// Asserts that in each (text, name, roles) case the party `name` has exactly `roles`.
fn assert_roles<T: AsRef<str>>(cases: &[(T, &str, &[&str])]) {
    assert_parties(cases, |p| p.roles.clone(), |got, want| got == want);
}

/// Asserts that in each (text, name, want) case the party `name` of `text` (through the
/// whole pipeline) exists and `same(field(party), want)`.
fn assert_parties<T: AsRef<str>, W: std::fmt::Debug, G: std::fmt::Debug>(
    cases: &[(T, &str, W)],
    field: impl Fn(&dpascan::report::Party) -> G,
    same: impl Fn(&G, &W) -> bool,
) {
    let mut failures = Vec::new();
    for (text, name, want) in cases {
        let text = text.as_ref();
        let parties = pipeline_parties(text);
        let got = parties.iter().find(|p| p.name == *name).map(&field);
        if !got.as_ref().is_some_and(|g| same(g, want)) {
            failures.push(format!(
                "{text:?}: {name} got {got:?}, expected {want:?} ({parties:?})"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A party that is the legal entity of a provider the document names takes the provider
/// gazetteer's jurisdiction as its country, where its legal form is used there.
#[test]
fn a_party_that_is_a_known_providers_entity_gets_its_country() {
    use dpascan::report::CountrySource;
    let text = "## Sub-processors\n\n| Sub-processor | Purpose |\n|---|---|\n| Stripe, Inc. | \
        Payment processing |\n| Mailgun Technologies, Inc. | Transactional e-mail |\n";
    let parties = pipeline_parties(text);
    for name in ["Stripe, Inc.", "Mailgun Technologies, Inc."] {
        let p = parties.iter().find(|p| p.name == name);
        assert!(
            p.is_some_and(|p| p.country.as_deref() == Some("US")
                && p.country_source == Some(CountrySource::Provider)),
            "{name}: {parties:?}"
        );
    }
    // The gazetteer's jurisdiction of Newsletter2Go is its parent's (FR); a GmbH is not French.
    let parties = pipeline_parties("Wir nutzen Newsletter2Go der Sendinblue GmbH.");
    let p = parties.iter().find(|p| p.name == "Sendinblue GmbH");
    assert!(p.is_some_and(|p| p.country.is_none()), "{parties:?}");
}

/// The parties of a Markdown or HTML document, extracted and analysed as `check` does.
fn file_parties(name: &str, source: &str) -> Vec<(String, Vec<String>)> {
    file_result(name, source)
        .parties
        .into_iter()
        .map(|p| (p.name, p.roles))
        .collect()
}

/// The result of `source` as the file `name` (its format by name and content), through
/// extraction and the whole pipeline.
fn file_result(name: &str, source: &str) -> dpascan::report::DocResult {
    use dpascan::extract::{detect, extract, Limits};
    let rules = dpascan::patterns::Rules::embedded().expect("embedded rules");
    let path = std::path::Path::new(name);
    let format = detect(source.as_bytes(), path).expect("a supported format");
    let doc = extract(source.as_bytes(), format, &Limits::default()).expect("extracts");
    dpascan::pipeline::analyze_extracted(name, "", None, &doc, &rules)
}

/// A sub-processor list written as an HTML or Markdown list names its members at the head
/// of each item, without a legal form ("- Amazon Web Services. Cloud services provider.");
/// items of a table of contents, of a list of recipient categories, labels, references and
/// prose items are no parties, and the list ends at the next heading.
#[test]
fn list_items_of_a_sub_processor_list_are_its_members() {
    let md = "# Acme subprocessors\n\n\
        We use third party subprocessors, such as cloud computing providers, to run the service.\n\n\
        - **Amazon Web Services**. Cloud services provider.\n\
        - hCaptcha. Anti-bot protection.\n\
        - Convert.com: A/B testing software.\n\
        - Help Scout (help desk software)\n\
        - For Backpack, at https://example.com/backpack-subprocessors.\n\
        - Zweck: Hosting\n\
        - Transfers. The processor transfers personal data to the sub-processors named above \
          only under the standard contractual clauses, and only where the customer agreed.\n\n\
        ## Contact\n\n\
        - Anything Else. Reach us by mail.\n";
    let got = file_parties("subprocessors.md", md);
    let sub = |n: &str| {
        got.iter()
            .any(|(name, roles)| name == n && roles == &["subprocessor".to_string()])
    };
    for name in [
        "Amazon Web Services",
        "hCaptcha",
        "Convert.com",
        "Help Scout",
    ] {
        assert!(sub(name), "{name} missing in {got:?}");
    }
    for name in [
        "For Backpack",
        "Zweck",
        "Transfers",
        "Anything Else",
        "Contact",
    ] {
        assert!(got.iter().all(|(n, _)| n != name), "{name} in {got:?}");
    }

    // The same as HTML, in German; the list ends at the heading after it.
    let html = "<html><body><h1>Unterauftragsverarbeiter</h1><ul><li>Brevo: Newsletterversand</li>\
        <li>Sentry – Fehlerberichte</li></ul><h2>Kontakt</h2><ul><li>Impressum</li></ul></body></html>";
    let got = file_parties("unterauftragsverarbeiter.html", html);
    let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Brevo", "Sentry"], "{got:?}");

    // A table of contents naming the sub-processor section opens no section, and a list
    // of recipient categories names no organisation.
    let toc = "# Data Protection Agreement\n\n\
        - Notice and Controls on Use of Subprocessors\n\
        - Educational Institutions\n\
        - California Consumer Privacy Act\n\n\
        ## Recipients\n\n\
        - Affiliates\n\
        - Competent Authorities\n";
    let got = file_parties("dpa.md", toc);
    assert!(got.is_empty(), "{got:?}");
}

/// A sub-processor table's section holds its rows only: not the running footer a page
/// break puts between them ("AVV-2025-0419 | Kranich Cloud Services GmbH Page 4 of 8"),
/// not the signatures after it ("______", "SIGNED for and on behalf of"), not the
/// publisher's letterhead under the page title ("Tessellate Analytics B.V. · Herengracht
/// 282 … · KvK 81234567").
#[test]
fn a_sub_processor_table_holds_neither_footers_nor_signatures_nor_the_letterhead() {
    let roles = |name: &str, got: &[(String, Vec<String>)]| {
        got.iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| r.clone())
            .unwrap_or_else(|| panic!("{name} missing in {got:?}"))
    };
    let sub = vec!["subprocessor".to_string()];
    let annex = "Annex 2 - Approved sub-processors\n\n\
        No. | Company | Service\n\
        1 | Hetzner Online GmbH | Hosting\n\n\
        ------------------------------------------------\n\
        AVV-2025-0419 | Kranich Cloud Services GmbH Page 4 of 8\n\
        ------------------------------------------------\n\n\
        2 | IONOS SE | Backup storage\n\n\
        Munich, 1 March 2025 Dresden, 3 March 2025\n\n\
        ______________________ ______________________\n\
        Kranich Cloud Services GmbH Elbtal Pflegedienst GmbH\n";
    let got = file_parties("avv.txt", annex);
    assert_eq!(roles("Hetzner Online GmbH", &got), sub);
    assert_eq!(roles("IONOS SE", &got), sub);
    assert!(
        roles("Kranich Cloud Services GmbH", &got).is_empty(),
        "{got:?}"
    );
    let no_role = |name: &str, got: &[(String, Vec<String>)]| {
        got.iter().all(|(n, r)| n != name || r.is_empty())
    };
    assert!(no_role("Elbtal Pflegedienst GmbH", &got), "{got:?}");

    let signed = "SCHEDULE 4 - SUB-PROCESSORS\n\n\
        Name | Service | Location\n\
        Mailgun Technologies, Inc. | Email | United States\n\n\
        SIGNED for and on behalf of\n\
        LINDQVIST RETAIL AB\n";
    let got = file_parties("dpa.txt", signed);
    assert_eq!(roles("Mailgun Technologies, Inc.", &got), sub);
    assert!(roles("LINDQVIST RETAIL AB", &got).is_empty(), "{got:?}");

    let page = "# Sub-processors\n\n\
        Tessellate Analytics B.V. · Herengracht 282, 1016 BX Amsterdam · KvK 81234567\n\n\
        | Sub-processor | Purpose |\n|---|---|\n| Snowflake Inc. | Analytics |\n";
    let got = file_parties("subprocessors.md", page);
    assert_eq!(roles("Snowflake Inc.", &got), sub);
    assert!(
        roles("Tessellate Analytics B.V.", &got).is_empty(),
        "{got:?}"
    );
}

/// A table's header row naming the role in its first cell opens a sub-processor section
/// under any heading ("GitHub Subsidiaries", then "Name of Subprocessor | Description | …").
#[test]
fn a_table_header_naming_sub_processors_opens_their_section() {
    let md = "# Subprocessors\n\n\
        ## Third Party Subprocessors\n\n\
        | Name of Subprocessor | Description of Processing | Location of Processing | Corporate Location |\n\
        |---|---|---|---|\n\
        | Fastly | Content delivery service | United States | United States |\n\n\
        ## Our Subsidiaries\n\n\
        | Name of Subprocessor | Description of Processing | Location of Processing | Corporate Location |\n\
        |---|---|---|---|\n\
        | Nordwind Germany GmbH | Subsidiary | Germany | Germany |\n";
    let got = file_parties("subprocessors.md", md);
    for name in ["Fastly", "Nordwind Germany GmbH"] {
        assert!(
            got.iter()
                .any(|(n, r)| n == name && r.contains(&"subprocessor".to_string())),
            "{name} missing in {got:?}"
        );
    }
}

/// An organisation that engages the processors ("Nordwind Labs, Inc. may engage and use
/// data processors", "… engages sub-processors") is no member of the sub-processor list
/// it stands in; engaging sub-processors, or processors it defines as sub-processors
/// ("(each, a "Subprocessor")"), makes it the processor.
#[test]
fn an_organisation_engaging_sub_processors_is_not_one_of_them() {
    let roles = |md: &str, name: &str| {
        file_parties("subprocessors.md", md)
            .into_iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| r)
    };
    let list = "- Amazon Web Services, Inc.\nfor cloud infrastructure.\n";
    let md = format!(
        "# Subprocessors for Nordwind Cloud\n\n\
         To support delivery of our Services, Nordwind Labs, Inc. may engage and\n\
         use data processors with access to certain Customer Data.\n\n{list}"
    );
    assert_eq!(roles(&md, "Nordwind Labs, Inc."), Some(vec![]));
    assert_eq!(
        roles(&md, "Amazon Web Services, Inc."),
        Some(vec!["subprocessor".to_string()])
    );
    let md = format!(
        "# Subprocessors\n\nNordwind Labs, Inc. engages the following sub-processors:\n\n{list}"
    );
    assert_eq!(
        roles(&md, "Nordwind Labs, Inc."),
        Some(vec!["processor".to_string()])
    );
    // Processors it defines as sub-processors make it the processor too (Zulip's list).
    let md = format!(
        "# Subprocessors for Nordwind Cloud\n\n\
         To support delivery of our Services, Nordwind Labs, Inc. may engage and\n\
         use data processors with access to certain Customer Data (each, a\n\
         \"Subprocessor\").\n\n{list}"
    );
    assert_eq!(
        roles(&md, "Nordwind Labs, Inc."),
        Some(vec!["processor".to_string()])
    );
    // Named as a member, it stays one.
    let md = format!("# Subprocessors\n\n- Nordwind Labs, Inc. for support.\n{list}");
    assert_eq!(
        roles(&md, "Nordwind Labs, Inc."),
        Some(vec!["subprocessor".to_string()])
    );
}

/// "Robert Koch Institute" (English) and "Robert Koch-Institut" (the German name in the
/// postal address) are one party, with the role of the one and the address of the other.
#[test]
fn an_institute_is_one_party_in_english_and_german() {
    let parties = pipeline_parties(
        "This app is published by the Nordwind Koch Institute (NKI) for the Federal \
         Government. The NKI is also responsible for ensuring that your personal data is \
         processed lawfully.\n\nWrite to: Nordwind Koch-Institut, Nordufer 20, 13353 Berlin\n",
    );
    let got: Vec<(&str, &[String], Option<&str>)> = parties
        .iter()
        .map(|p| (p.name.as_str(), &p.roles[..], p.country.as_deref()))
        .collect();
    assert_eq!(
        got,
        [(
            "Nordwind Koch Institute",
            &["controller".to_string()][..],
            Some("DE")
        )]
    );
}

/// A country that a list's introduction states for all its members ("These subprocessors
/// are all located in the United States:") is each member's, marked as such; not when the
/// introduction names two countries or no seat, nor for an organisation named in the
/// introduction itself, nor for a member whose line names another country.
#[test]
fn a_country_stated_for_a_whole_list_is_each_members() {
    use dpascan::report::CountrySource;
    let country = |text: &str, name: &str| {
        pipeline_parties(text)
            .into_iter()
            .find(|p| p.name == name)
            .map(|p| (p.country, p.country_source))
    };
    let us = Some((Some("US".to_string()), Some(CountrySource::List)));
    let none = Some((None, None));
    let en = "Acme subprocessors\n\nThe following is a list of the subprocessors we use. \
              These subprocessors are all located in the United States:\n\n\
              - Braintree. Payment processing services.\n\
              - Nordwind Mail GmbH, Berlin, Germany. Newsletter.\n";
    assert_eq!(country(en, "Braintree"), us);
    // A member whose line names another country does not take the list's: it has that
    // one, stated after its name.
    assert_eq!(
        country(en, "Nordwind Mail GmbH"),
        Some((Some("DE".to_string()), Some(CountrySource::Stated)))
    );
    let de = "Unterauftragsverarbeiter\n\nUnsere Unterauftragsverarbeiter mit Sitz in \
              Deutschland:\n\n- Brevo: Newsletterversand\n";
    assert_eq!(
        country(de, "Brevo"),
        Some((Some("DE".to_string()), Some(CountrySource::List)))
    );
    let two = "Subprocessors\n\nThese subprocessors are located in the United States and \
               Canada:\n\n- Braintree. Payments.\n";
    assert_eq!(country(two, "Braintree"), none);
    let no_seat = "Subprocessors\n\nWe transfer data to the United States only under the \
                   clauses. Our subprocessors:\n\n- Braintree. Payments.\n";
    assert_eq!(country(no_seat, "Braintree"), none);
    let intro_org = "Subprocessors\n\nNordwind Labs, Inc. may engage processors. These \
                     subprocessors are all located in the United States:\n\n- Braintree. Payments.\n";
    assert_eq!(country(intro_org, "Braintree"), us);
    assert_ne!(
        country(intro_org, "Nordwind Labs, Inc.").and_then(|c| c.1),
        Some(CountrySource::List)
    );
}

/// An address introduced as the contact details of the organisation named earlier in the
/// same paragraph is its address, street included ("We, New Work SE, assume the role of
/// controller … Our contact details are as follows: Baumwall 7, 20459 Hamburg, Germany");
/// not across a blank line, nor when the sentence introduces someone else's details.
#[test]
fn contact_details_introduced_in_the_paragraph_are_the_named_partys() {
    let address = |text: &str| {
        pipeline_parties(text)
            .into_iter()
            .find(|p| p.name == "Nordwind SE")
            .map(|p| p.address.map(|a| (a.street, a.postcode, a.country)))
    };
    let intro = "We, Nordwind SE, assume the role of controller as per the EU General Data \
                 Protection Regulation (GDPR). In other words, we are the legal entity that \
                 determines the purposes and means of the processing of personal data.";
    let same = format!(
        "{intro} Our contact details are as follows: Baumwall 7, 20459 Hamburg, Germany, \
         Tel.: +49 40 419 131-0."
    );
    assert_eq!(
        address(&same),
        Some(Some((
            Some("Baumwall 7".to_string()),
            Some("20459".to_string()),
            Some("DE".to_string())
        )))
    );
    let other_paragraph = format!(
        "{intro}\n\nThe supervisory authority's contact details are as follows: Baumwall 7, \
         20459 Hamburg, Germany."
    );
    assert_eq!(address(&other_paragraph), Some(None));
    let authority = format!(
        "{intro} The supervisory authority's contact details are as follows: Baumwall 7, \
         20459 Hamburg, Germany."
    );
    assert_eq!(address(&authority), Some(None));
}

/// In a privacy policy written as questions and answers, the organisations in the answer to
/// "Who has access to the data and is it shared with third parties?" are recipients; the
/// answer ends at the next question, and other questions give no role.
#[test]
fn organisations_answering_who_receives_the_data_are_recipients() {
    let md = "# Privacy Policy\n\n\
        ### What data is processed?\n\n\
        We process your name. Our payment provider is Nordwind Pay GmbH, Hauptstr. 1, 10115 Berlin.\n\n\
        ### Who has access to the data and is it shared with third parties?\n\n\
        Your data may be transferred to our chatbot provider Nordwind AI Inc. (1 Market \
        Street, San Francisco, CA 94105, USA).\n\n\
        The debt collection company Nordwind Inkasso GmbH acts as an independent controller.\n\n\
        ### How long will my data be saved?\n\n\
        We delete it after a year. Backups are kept by Nordwind Backup GmbH in Berlin.\n\n\
        ## An wen werden Ihre Daten weitergegeben?\n\n\
        Wir geben Ihre Daten an die Nordwind Versand GmbH weiter.\n";
    let got = file_parties("policy.md", md);
    let roles = |name: &str| {
        got.iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| r.clone())
            .unwrap_or_else(|| panic!("{name} missing in {got:?}"))
    };
    let recipient = vec!["recipient".to_string()];
    assert_eq!(roles("Nordwind AI Inc."), recipient);
    assert_eq!(roles("Nordwind Inkasso GmbH"), ["controller"]);
    assert_eq!(roles("Nordwind Versand GmbH"), recipient);
    assert!(roles("Nordwind Pay GmbH").is_empty(), "{got:?}");
    assert!(roles("Nordwind Backup GmbH").is_empty(), "{got:?}");
}

/// A DPA that names its processor only by a brand ("Wire is the Processor in the meaning
/// of Art. 4 (8) GDPR") has that brand as a party; not a generic contract noun, not a term
/// defined in quotes, not a name used only a few times, and not the start of an
/// organisation's name with its legal form.
#[test]
fn a_processor_named_only_by_its_brand_is_a_party() {
    let body = "Nordwind shall process personal data on behalf of the Controller. Nordwind \
                processes the following data. Nordwind does not hold the keys. Instructions \
                shall be agreed with Nordwind.";
    let names = |text: &str| -> Vec<(String, Vec<String>)> {
        pipeline_parties(text)
            .into_iter()
            .map(|p| (p.name, p.roles))
            .collect()
    };
    let text = format!(
        "1.5. Processor: With respect to this DPA, Nordwind is the Processor in the meaning \
         of Art. 4 (8) GDPR. {body}"
    );
    assert_eq!(
        names(&text),
        [("Nordwind".to_string(), vec!["processor".to_string()])]
    );
    let text = format!(
        "The Customer is the controller and Nordwind Mail is the processor of such data. {}",
        body.replace("Nordwind", "Nordwind Mail")
    );
    assert_eq!(
        names(&text),
        [("Nordwind Mail".to_string(), vec!["processor".to_string()])]
    );
    // Defined in quotes: which entity is meant is another question.
    let text = format!(
        "\u{201c}Nordwind\u{201d} means the Nordwind entity party to the Agreement. Nordwind \
         is a processor. {body}"
    );
    assert!(names(&text).is_empty(), "{:?}", names(&text));
    // Too few mentions.
    assert!(names("Nordwind is the processor. Nordwind acts.").is_empty());
    // The start of an organisation's name with its legal form: that organisation.
    let text =
        format!("Nordwind GmbH, Hauptstr. 1, 10115 Berlin. Nordwind is the processor. {body}");
    assert!(
        names(&text).iter().all(|(n, _)| n != "Nordwind"),
        "{:?}",
        names(&text)
    );
}

/// A DPA that calls its processor only "der Auftragnehmer" or "the Processor" says who
/// processes the data nowhere: the risk says so (`unnamed_processor`) and lists the
/// organisations named without a role; a DPA naming its processor does not get it.
#[test]
fn a_dpa_that_names_no_processor_is_flagged() {
    let unnamed = |r: &dpascan::report::DocResult| {
        r.risk
            .reasons
            .iter()
            .find(|x| x.code == "unnamed_processor")
            .map(|x| x.message.clone())
    };
    let template = "Vertrag zur Auftragsverarbeitung gemäß Art. 28 DSGVO\n\n\
        Dieser Vertrag regelt die Verarbeitung personenbezogener Daten im Auftrag eines \
        Verantwortlichen (nachfolgend „Auftraggeber“) durch einen Dienstleister (nachfolgend \
        „Auftragnehmer“). Der Auftragnehmer verarbeitet personenbezogene Daten ausschließlich \
        auf dokumentierte Weisung des Auftraggebers.\n";
    let r = pipeline(template);
    assert_eq!(r.kind, dpascan::report::DocKind::Dpa);
    let m = unnamed(&r).expect("no processor named");
    assert!(!m.contains("Named without a role"), "{m}");

    // A letterhead names the issuer, but not as the processor.
    let letterhead = format!("Pentacode AG • Lindwurmstraße 147 • 80337 München\n\n{template}");
    let r = pipeline(&letterhead);
    let m = unnamed(&r).expect("no processor named");
    assert!(
        m.ends_with(" Named without a role: Pentacode AG (DE)."),
        "{m}"
    );

    let named = template.replace(
        "durch einen Dienstleister (nachfolgend",
        "durch die Nordlicht CRM GmbH, Hafenstraße 1, 20457 Hamburg (nachfolgend",
    );
    let r = pipeline(&named);
    assert!(
        r.parties
            .iter()
            .any(|p| p.name == "Nordlicht CRM GmbH" && p.roles == ["processor"]),
        "{:?}",
        r.parties
    );
    assert_eq!(unnamed(&r), None);
}

/// Roles stated for organisations away from their names: by a sentence announcing a table
/// of them (Automattic: "The chart below explains the current controllers …"), by a "both"
/// statement sentences after the two were named (Deutsche Bahn: "Both service providers
/// are independently active as controllers"), and with "also" ("Automattic Inc. is also
/// the controller for …").
#[test]
fn roles_from_announced_tables_both_statements_and_also() {
    let prose = "Nordwind Inc. and its affiliates offer their services worldwide. The services \
        are described in the terms of service, which also explain how accounts are managed, \
        how payments are processed and how disputes are resolved; Fjord Consulting GmbH \
        advises us on these terms.";
    let cases: Vec<(String, &str, &[&str])> = vec![
        (
            "The chart below explains the current controllers for processing your personal \
             information. We use the term \"Designated Countries\" to refer to Australia and \
             Canada.\n\nNordwind Services\n\n| If you reside outside of the Designated \
             Countries: | Nordwind Inc.\n60 29th Street #343\nSan Francisco, CA 94110 |\n| If \
             you reside in the Designated Countries: | Nordwind Ireland Ltd.\nGrand Canal \
             Dock, 25 Herbert Pl\nDublin, D02 AY86 |\n\nHow to Reach Us\n\nWrite to us.\n"
                .to_string(),
            "Nordwind Ireland Ltd.",
            &["controller"],
        ),
        (
            "Die folgende Tabelle nennt die Verantwortlichen für Ihre Daten:\n\n\
             | Nordwind GmbH | Berlin |\n| Fjord AG | Hamburg |\n"
                .to_string(),
            "Fjord AG",
            &["controller"],
        ),
        // The announced table must follow: prose before it ends the section.
        (
            format!("The table below lists our sub-processors.\n\n{prose}\n"),
            "Fjord Consulting GmbH",
            &[],
        ),
        // A sentence naming a role without announcing a table opens nothing.
        (
            format!("Our processors are bound by contracts.\n\n{prose}\n"),
            "Fjord Consulting GmbH",
            &[],
        ),
        (
            "We verify the account through Nordwind Pay GmbH (Hauptstr. 1, 10115 Berlin) or \
             Fjord ID GmbH (Oranienstrasse 91, 10969 Berlin), or for identity checks through \
             Fjord ID GmbH. You will be guided through each step. Both service providers are \
             independently active as controllers. Fjord ID GmbH will offer you an account."
                .to_string(),
            "Nordwind Pay GmbH",
            &["controller"],
        ),
        (
            "Die Prüfung erfolgt über die Nordwind Pay GmbH oder die Fjord ID GmbH. Sie werden \
             durch jeden Schritt geführt. Beide Anbieter sind eigenständige Verantwortliche."
                .to_string(),
            "Fjord ID GmbH",
            &["controller"],
        ),
        // Three organisations: which two "both" means, the text does not say.
        (
            "We verify the account through Nordwind Pay GmbH, Fjord ID GmbH or Skagen Bank AG. \
             Both service providers are independently active as controllers."
                .to_string(),
            "Nordwind Pay GmbH",
            &[],
        ),
        // "Both parties" are the contract's parties, not the organisations named before.
        (
            "We verify the account through Nordwind Pay GmbH or Fjord ID GmbH. Both parties \
             are controllers."
                .to_string(),
            "Fjord ID GmbH",
            &[],
        ),
        (
            "Nordwind Inc. is also the controller for some of the processing activities."
                .to_string(),
            "Nordwind Inc.",
            &["controller"],
        ),
        (
            "Die Fjord AG ist ebenfalls Verantwortliche im Sinne der DSGVO.".to_string(),
            "Fjord AG",
            &["controller"],
        ),
        // An address's country run into the next name by a lost line break.
        (
            "| Nordwind Ireland Ltd.\nGrand Canal Dock, 25 Herbert Pl\nDublin, D02 AY86\n\
             IrelandNordwind Inc. is also the controller for some of the processing. |\n"
                .to_string(),
            "Nordwind Inc.",
            &["controller"],
        ),
    ];
    assert_roles(&cases);
}

/// Camel-case names keep their first word; only a country run into a name is cut off.
#[test]
fn a_country_run_into_a_name_is_cut_off_and_camel_case_names_are_kept() {
    let text = "Dublin, D02 AY86\nIrelandNordwind Inc. is also the controller. \
        WooCommerce, Inc. and DigitalService GmbH are processors. GermanyFjord AG is a processor.";
    let names: Vec<String> = pipeline(text).parties.into_iter().map(|p| p.name).collect();
    for want in [
        "Nordwind Inc.",
        "WooCommerce, Inc.",
        "DigitalService GmbH",
        "Fjord AG",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} missing: {names:?}");
    }
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with("Ireland") || n.starts_with("Germany")),
        "{names:?}"
    );
}

/// A US ZIP code run into the next sentence by a lost line break ("San Francisco, CA
/// 94110Automattic Inc. is also …") still ends the address above it; digits run into
/// more digits do not.
#[test]
fn a_zip_code_run_into_the_next_word_still_ends_an_address() {
    let text = "| If you reside outside of the Designated Countries: | WooCommerce, Inc.\n\
        60 29th Street #343\nSan Francisco, CA 94110Nordwind Inc. is also the controller. |\n";
    let parties = pipeline(text).parties;
    let woo = parties.iter().find(|p| p.name == "WooCommerce, Inc.");
    assert!(
        woo.is_some_and(|p| p.country.as_deref() == Some("US")),
        "{parties:?}"
    );
    let text = "| Contact: | WooCommerce, Inc.\nSan Francisco, CA 9411012345 |\n";
    let parties = pipeline(text).parties;
    let woo = parties.iter().find(|p| p.name == "WooCommerce, Inc.");
    assert!(woo.is_some_and(|p| p.country.is_none()), "{parties:?}");
}

/// Luxembourg's partnership limited by shares ("S.C.A.", with a general partner "S.à
/// r.l. et Cie") is a legal form, and a capitalised word in brackets right before the
/// legal form belongs to the name ("PayPal (Europe)", "Google (Schweiz)"); a bracketed
/// word after another organisation's name does not join the two.
#[test]
fn a_bracketed_word_before_the_legal_form_and_luxembourg_forms_make_names() {
    let text = "Wir geben Ihre Zahlungsdaten an die Nordwind (Europe) S.à r.l. et Cie, S.C.A., \
        22-24 Boulevard Royal, L-2449 Luxembourg, weiter. Amazon Pay wird von der Südwind \
        Payments Europe S.C.A., 38 avenue J.F. Kennedy, L-1855 Luxemburg, angeboten. Die \
        Ostwind (Schweiz) GmbH, Gustav-Gull-Platz 1, 8004 Zürich, ist Auftragsverarbeiter. \
        Controllers: Westwind Inc. (US) and Westwind A8C Ireland Ltd. for the EU.";
    let parties = pipeline(text).parties;
    let country = |name: &str| {
        parties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.country.clone())
    };
    let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
    for (name, want) in [
        ("Nordwind (Europe) S.à r.l. et Cie, S.C.A.", "LU"),
        ("Südwind Payments Europe S.C.A.", "LU"),
        ("Ostwind (Schweiz) GmbH", "CH"),
        ("Westwind Inc.", "US"),
        ("Westwind A8C Ireland Ltd.", "IE"),
    ] {
        assert_eq!(
            country(name),
            Some(Some(want.to_string())),
            "{name}: {names:?}"
        );
    }
    assert_eq!(parties.len(), 5, "{names:?}");

    // "SCA" alone is Strong Customer Authentication, no legal form.
    let sca = pipeline(
        "Für Zahlungen gilt die PSD2 SCA Pflicht. Die Bank nutzt Strong Customer \
         Authentication SCA und 3DS SCA.",
    )
    .parties;
    assert!(sca.is_empty(), "{sca:?}");
}

/// A party the document names that belongs to a provider is listed under the provider
/// (`named_entities`): the EU entity one contracts with (AWS EMEA SARL in Luxembourg, Meta
/// Platforms Ireland) beside the gazetteer's US company, and `us_provider` says the US
/// parent stays subject to US law. A party of another company is not linked.
#[test]
fn a_providers_entity_named_in_the_document_is_listed_under_it() {
    let text = "Data Processing Agreement\n\nThe Processor engages the following \
        sub-processors:\n\n- Amazon Web Services EMEA SARL, 38 Avenue John F. Kennedy, L-1855 \
        Luxembourg: hosting of the Service on Amazon Web Services.\n- Meta Platforms Ireland \
        Limited, 4 Grand Canal Square, Dublin 2, Ireland: advertising on Facebook.\n- Hetzner \
        Online GmbH, Industriestr. 25, 91710 Gunzenhausen, Germany: backups.\n";
    let r = pipeline(text);
    let named = |provider: &str| named_entities(&r, provider);
    assert_eq!(
        named("Amazon Web Services"),
        vec![(
            "Amazon Web Services EMEA SARL".to_string(),
            Some("LU".to_string())
        )]
    );
    assert_eq!(
        named("Facebook"),
        vec![(
            "Meta Platforms Ireland Limited".to_string(),
            Some("IE".to_string())
        )]
    );
    let aws = r.providers.iter().find(|p| p.name == "Amazon Web Services");
    assert_eq!(aws.and_then(|p| p.jurisdiction.as_deref()), Some("US"));
    let us = r
        .risk
        .reasons
        .iter()
        .find(|x| x.code == "us_provider")
        .expect("us_provider");
    assert!(
        us.message.ends_with("Entities in the EU/EEA that the document names for them, Amazon Web Services EMEA SARL (LU) and Meta Platforms Ireland Limited (IE), do not change this: their US parents remain subject to these laws."),
        "{}",
        us.message
    );

    // A name that only begins with the provider's letters ("Meta" / "Metaways") is
    // another company's.
    let r = pipeline(
        "Wir werben auf Facebook und Meta. Auftragsverarbeiter ist die Metaways Infosystems \
         GmbH, Pickhuben 2, 20457 Hamburg.\n",
    );
    assert!(
        r.parties
            .iter()
            .any(|p| p.name == "Metaways Infosystems GmbH"),
        "{:?}",
        r.parties
    );
    let meta = r.providers.iter().find(|p| p.name == "Meta");
    assert!(
        meta.is_some_and(|p| p.named_entities.is_empty()),
        "{:?}",
        r.providers
    );
}

/// A party whose name begins with the names of two providers belongs to the one it
/// begins with the longest: "Amazon Web Services EMEA SARL" to Amazon Web Services, not
/// also to Amazon (the marketplace), when the document names both.
#[test]
fn a_named_entity_belongs_to_the_provider_it_names_most_closely() {
    let r = pipeline(
        "Data Processing Agreement\n\nWe sell on Amazon. The Processor engages the following \
         sub-processors:\n\n- Amazon Web Services EMEA SARL, 38 Avenue John F. Kennedy, L-1855 \
         Luxembourg: hosting of the Service on Amazon Web Services.\n",
    );
    assert_eq!(
        named_entities(&r, "Amazon Web Services"),
        [(
            "Amazon Web Services EMEA SARL".to_string(),
            Some("LU".to_string())
        )]
    );
    assert_eq!(named_entities(&r, "Amazon"), []);
}

/// `providers[].named_entities` of the provider named `provider`: (name, country).
fn named_entities(r: &dpascan::report::DocResult, provider: &str) -> Vec<(String, Option<String>)> {
    r.providers
        .iter()
        .find(|p| p.name == provider)
        .unwrap_or_else(|| panic!("{provider} not among {:?}", r.providers))
        .named_entities
        .iter()
        .map(|e| (e.name.clone(), e.country.clone()))
        .collect()
}

/// A US address wrapped after the city's comma ("Suite 400, Boulder,\nCO 80302") is one
/// address; the state and ZIP on a line of their own after a line without a comma are not
/// joined to it.
#[test]
fn an_address_wrapped_after_the_citys_comma_is_read_whole() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "Auftragsverarbeiter ist die Brightwave Mailing, Inc., 1200 Pearl Street, Suite \
             400, Boulder,\nCO 80302, USA. Die GmbH ist Vertriebspartner.",
            "Brightwave Mailing, Inc.",
            Some("1200 Pearl Street, Suite 400"),
        ),
        (
            "The processor is Brightwave Mailing, Inc., 1200 Pearl Street, Boulder,\nCO \
             80302, United States.",
            "Brightwave Mailing, Inc.",
            Some("1200 Pearl Street"),
        ),
    ];
    assert_streets(cases);
    let r = pipeline("Brightwave Mailing, Inc., 1200 Pearl Street, Boulder\nCO 80302\n");
    let p = r
        .parties
        .iter()
        .find(|p| p.name == "Brightwave Mailing, Inc.");
    assert!(p.is_some_and(|p| p.address.is_none()), "{:?}", r.parties);
}

/// One word and a legal form after an indefinite article describe a kind of company ("eine
/// Berliner GmbH", "a Dublin Ltd"), not an organisation; with the definite article, or
/// with more words, they name one.
#[test]
fn a_kind_of_company_after_an_indefinite_article_is_no_party() {
    let names = |text: &str| -> Vec<String> {
        pipeline_parties(text).into_iter().map(|p| p.name).collect()
    };
    assert_eq!(
        names("## Die Website: eine Berliner GmbH\n\nWir prüfen das. Auch a Dublin Ltd is common."),
        Vec::<String>::new()
    );
    assert_eq!(
        names(
            "Auftragnehmer ist die Berliner GmbH. Unterauftragnehmer ist eine Nordwind Cloud GmbH."
        ),
        vec![
            "Berliner GmbH".to_string(),
            "Nordwind Cloud GmbH".to_string()
        ]
    );
}

/// A role label before the verb of a first-person sentence names the organisation engaged
/// ("Als Auftragsverarbeiter setzen wir die X ein", "As our processor we use X"); a third
/// person engaging it ("Der Verantwortliche setzt X ein") gives it no role.
#[test]
fn a_role_label_before_we_engage_names_the_organisation() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "Als Auftragsverarbeiter setzen wir die Brightwave Mailing, Inc. ein.",
            "Brightwave Mailing, Inc.",
            &["processor"],
        ),
        (
            "As our processor we use Brightwave Mailing, Inc. for e-mail.",
            "Brightwave Mailing, Inc.",
            &["processor"],
        ),
        (
            "Der Verantwortliche setzt die Brightwave Mailing, Inc. ein.",
            "Brightwave Mailing, Inc.",
            &[],
        ),
    ];
    assert_roles(cases);
}

/// A role label whose clause ends in a colon names the organisation after it, also with
/// an article between the colon and the name ("nennt als Auftragsverarbeiter aber ein
/// anderes Unternehmen: die X"); a label with more words than a label has is no label.
#[test]
fn a_role_label_ending_in_a_colon_and_an_article_names_the_organisation() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "Der Vertrag nennt als Auftragsverarbeiter aber ein anderes\nUnternehmen: die Brightwave Mailing, Inc., 1200 Pearl Street, Boulder, CO 80302, USA.",
            "Brightwave Mailing, Inc.",
            &["processor"],
        ),
        (
            "The processor under this agreement is another company: the Brightwave Mailing, Inc.",
            "Brightwave Mailing, Inc.",
            &["processor"],
        ),
        (
            "Als Auftragsverarbeiter wird in dem Vertrag, den wir im letzten Jahr mit vielen anderen Kunden zusammen geprüft haben, genannt: die Brightwave Mailing, Inc.",
            "Brightwave Mailing, Inc.",
            &[],
        ),
    ];
    assert_roles(cases);
}

/// A line of prose wrapped after the street's comma keeps the street with its postcode
/// and city on the next line: the last comma segment of the line above, with the street
/// before a secondary unit.
#[test]
fn a_street_at_the_end_of_a_wrapped_line_belongs_to_the_address() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "Im Impressum steht die Postfach Pro GmbH, Friedrichstraße 68,\n10117 Berlin.",
            "Postfach Pro GmbH",
            Some("Friedrichstraße 68"),
        ),
        (
            "Auftragnehmer ist die Nordwind Cloud GmbH, Hauptstraße 5,\n10115 Berlin.",
            "Nordwind Cloud GmbH",
            Some("Hauptstraße 5"),
        ),
        (
            "The processor is Example Inc., 500 Congress Avenue, Suite 1200,\nAustin, TX 78701.",
            "Example Inc.",
            Some("500 Congress Avenue, Suite 1200"),
        ),
    ];
    assert_streets(cases);
}

/// A postcode followed by a country instead of a city, with the city at the end of the
/// line above ("Lindhagensgatan 74 Stockholm,⏎112 18 Sweden", a sub-processor table of
/// Mailjet's DPA): the city is that one, the street what precedes it. A country-named city
/// after the postcode without such a line stays the city ("1855 Luxembourg").
#[test]
fn a_city_above_a_postcode_followed_by_the_country_is_the_city() {
    let address = |text: &str, name: &str| {
        let parties = pipeline_parties(text);
        let p = parties
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name} not among {parties:?}"));
        let a = p.address.as_ref().expect("an address");
        (
            a.street.clone(),
            a.postcode.clone(),
            a.city.clone(),
            a.country.clone(),
        )
    };
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        address(
            "| Sub-processor | Country |\n|---|---|\n| Sinch AB\nLindhagensgatan 74 Stockholm,\n112 18 Sweden | Sweden |\n",
            "Sinch AB"
        ),
        (
            some("Lindhagensgatan 74"),
            some("112 18"),
            some("Stockholm"),
            some("SE")
        )
    );
    assert_eq!(
        address(
            "Der Auftragsverarbeiter ist die Nordlicht S.à r.l., Rue du Fort 5,\n1855 Luxembourg.",
            "Nordlicht S.à r.l."
        ),
        (
            some("Rue du Fort 5"),
            some("1855"),
            some("Luxembourg"),
            some("LU")
        )
    );
}

/// A contract's side named in brackets after an inline address, unquoted ("…, 10115 Berlin
/// (Auftraggeber)", "…, TX 78701 (Processor)"), is the party's role and defined short
/// name; a place in brackets is neither.
#[test]
fn a_bracketed_role_after_an_inline_address_names_the_party() {
    let roles = |text: &str| -> Vec<(String, Vec<String>)> {
        pipeline_parties(text)
            .into_iter()
            .map(|p| (p.name, p.roles))
            .collect()
    };
    let want = |a: &str, ra: &str, b: &str, rb: &str| {
        vec![
            (a.to_string(), vec![ra.to_string()]),
            (b.to_string(), vec![rb.to_string()]),
        ]
    };
    assert_eq!(
        roles(
            "Vertrag zur Auftragsverarbeitung\n\nzwischen der Beispiel GmbH, Musterstraße 1, \
             10115 Berlin (Auftraggeber)\nund der Datenwerk GmbH, Hauptstraße 5, 80331 München \
             (Auftragnehmer).\n\nDer Auftragnehmer verarbeitet die Daten.\n"
        ),
        want("Beispiel GmbH", "controller", "Datenwerk GmbH", "processor")
    );
    assert_eq!(
        roles(
            "Data Processing Agreement\n\nbetween Example Ltd, 1 High Street, London EC1A 1AA \
             (Controller) and Datawork Inc., 100 Main St, Austin, TX 78701 (Processor).\n"
        ),
        want("Example Ltd", "controller", "Datawork Inc.", "processor")
    );
    let places = roles(
        "Vertrag zur Auftragsverarbeitung\n\nzwischen der Beispiel GmbH, Musterstraße 1, 10115 \
         Berlin (Deutschland)\nund der Datenwerk GmbH, Hauptstraße 5, 80331 München (Bayern).\n",
    );
    assert!(places.iter().all(|(_, r)| r.is_empty()), "{places:?}");
}

/// The controller labels of German privacy policies (the common templates) name the
/// organisation after them: "Die verantwortliche Stelle für die Datenverarbeitung auf
/// dieser Website ist die …", "Verantwortliche Stelle ist die …", "Verantwortlich für die
/// Verarbeitung Ihrer personenbezogenen Daten in unserem Onlineshop ist die …".
#[test]
fn german_controller_labels_of_privacy_policies_name_the_controller() {
    let policy = |label: &str| {
        format!(
            "# Datenschutzerklärung\n\n{label} Bäckerei Sonnenkorn GmbH, Hauptstraße 12, 79098 \
             Freiburg.\n\nWir verarbeiten personenbezogene Daten.\n"
        )
    };
    let cases: Vec<(String, &str, &[&str])> = [
        "Verantwortlich für die Datenverarbeitung auf dieser Website ist die",
        "Verantwortliche Stelle ist die",
        "Die verantwortliche Stelle für die Datenverarbeitung auf dieser Website ist die",
        // Eleven words, two of them naming the service.
        "Verantwortlich für die Verarbeitung Ihrer personenbezogenen Daten in unserem \
         Onlineshop ist die",
    ]
    .into_iter()
    .map(|label| {
        (
            policy(label),
            "Bäckerei Sonnenkorn GmbH",
            &["controller"][..],
        )
    })
    .collect();
    assert_roles(&cases);
}

/// A numbered list of sub-processors ("1. Hetzner Online GmbH, Industriestr. 25, 91710
/// Gunzenhausen – Hosting") belongs to the section its heading or introduction opens; the
/// next numbered heading ("4. Pflichten des Auftraggebers", no address) ends it.
#[test]
fn numbered_list_items_with_addresses_are_members_of_the_list() {
    let text = "Anlage 3\n\nDer Auftragnehmer setzt die folgenden Unterauftragnehmer ein:\n\n\
                1. Hetzner Online GmbH, Industriestr. 25, 91710 Gunzenhausen – Hosting\n\
                2. Twilio Inc., 101 Spear Street, San Francisco, CA 94105, USA – SMS\n\n\
                4. Pflichten des Auftraggebers\n\nDie Prüfung übernimmt die Nordlicht \
                Revision GmbH, Hauptstr. 1, 10115 Berlin.\n";
    assert_roles(&[
        (text, "Hetzner Online GmbH", &["subprocessor"][..]),
        (text, "Twilio Inc.", &["subprocessor"][..]),
        (text, "Nordlicht Revision GmbH", &[][..]),
    ]);
}

/// A numbered item that starts with an organisation's name and its legal form is a member
/// without an address ("1. Hetzner Online GmbH – Hosting"); a numbered title with
/// lower-case words ("4. Pflichten der Nordlicht Revision GmbH") still ends the list.
#[test]
fn numbered_list_items_named_with_a_legal_form_are_members_of_the_list() {
    let text = "Anlage 3\n\nDer Auftragnehmer setzt die folgenden Unterauftragnehmer ein:\n\n\
                1. Hetzner Online GmbH – Hosting\n\
                2. Amazon Web Services EMEA SARL (Backup)\n\
                3. Personio SE & Co. KG: Personalverwaltung\n\n\
                4. Pflichten der Nordlicht Revision GmbH\n\nDie Prüfung übernimmt die Nordlicht \
                Revision GmbH.\n";
    assert_roles(&[
        (text, "Hetzner Online GmbH", &["subprocessor"][..]),
        (text, "Amazon Web Services EMEA SARL", &["subprocessor"][..]),
        (text, "Personio SE & Co. KG", &["subprocessor"][..]),
        (text, "Nordlicht Revision GmbH", &[][..]),
    ]);
}

/// A table of sub-processors whose columns a PDF's text keeps apart by spaces only
/// ("Calendly USA Terminbuchungssystem", Pentacode's AVV): each row's name before its
/// country is a sub-processor with that country. A single such line is no table, and a
/// row must read as a name ("Daten liegen Deutschland …" does not).
#[test]
fn rows_of_a_table_kept_apart_by_spaces_name_sub_processors() {
    let table = "Anhang 1 – Liste der Unterauftragnehmer\n\nUnterauftragnehmer Sitz Leistung\n\n\
                 noCRM.io Frankreich Vertriebsmanagement und\nLead-Tracking\n\n\
                 Calendly USA Terminbuchungssystem\n\nMailerLite Litauen E-Mail-Marketing\n";
    let names = |text: &str| -> Vec<(String, Vec<String>, Option<String>)> {
        pipeline_parties(text)
            .into_iter()
            .map(|p| (p.name, p.roles, p.country))
            .collect()
    };
    let sub = |n: &str, cc: &str| {
        (
            n.to_string(),
            vec!["subprocessor".to_string()],
            Some(cc.to_string()),
        )
    };
    assert_eq!(
        names(table),
        [
            sub("noCRM.io", "FR"),
            sub("Calendly", "US"),
            sub("MailerLite", "LT")
        ]
    );
    let one = "Unterauftragnehmer\n\nCalendly USA Terminbuchungssystem\n\n\
               Die Daten liegen in Deutschland bei unserem Hoster.\n";
    assert_eq!(names(one), []);
}

/// A heading or an introduction that names service providers opens a list of recipients
/// ("We share data with the following service providers:"); a table whose header names
/// them among other categories lists categories, not organisations.
#[test]
fn a_list_of_service_providers_names_recipients() {
    let text = "Privacy Policy\n\nWe share data with the following service providers:\n\n\
                - Amazon Web Services EMEA SARL (hosting)\n- Salesforce, Inc. (CRM)\n";
    assert_roles(&[
        (text, "Amazon Web Services EMEA SARL", &["recipient"][..]),
        (text, "Salesforce, Inc.", &["recipient"][..]),
    ]);
    let table = "Privacy Policy\n\n| Partners, service providers and contractors | We work with \
                 them. |\n| Authorities | We disclose data to comply with laws. |\n| \
                 Researchers | We release de-identified data. |\n";
    let names: Vec<String> = pipeline_parties(table)
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

/// The organisation that hosts the website or the data ("Unsere Website wird bei der IONOS
/// SE, … gehostet", "Our website is hosted by …", "Hosting provider: …", a line "Wir setzen
/// folgende(n) Hoster ein:" above the name) processes it on
/// the operator's behalf: a processor in a privacy policy, a sub-processor in a DPA (the
/// processor's own hoster). A negated sentence, or a sentence that ends before the
/// participle, names no host.
#[test]
fn the_host_of_the_website_is_a_processor_and_a_dpas_host_a_sub_processor() {
    let policy = |sentence: &str| {
        format!(
            "# Datenschutzerklärung\n\nVerantwortlich ist die Beispiel GmbH, Musterstraße 1, \
             10115 Berlin.\n\n## Hosting\n\n{sentence}\n\nWir verarbeiten Ihre Daten nach \
             Art. 6 Abs. 1 lit. f DSGVO.\n"
        )
    };
    let hosted = [
        (
            "Unsere Website wird bei der IONOS SE, Elgendorfer Str. 57, 56410 Montabaur gehostet.",
            "IONOS SE",
        ),
        (
            "Wir hosten unsere Website bei der Hetzner Online GmbH.",
            "Hetzner Online GmbH",
        ),
        (
            "Das Hosting übernimmt die Nordwind Cloud GmbH.",
            "Nordwind Cloud GmbH",
        ),
        (
            "Our website is hosted by Brightwave Hosting Ltd.",
            "Brightwave Hosting Ltd.",
        ),
        ("Hosting provider: Alpenhost AG", "Alpenhost AG"),
        (
            "Wir setzen folgende(n) Hoster ein:\n\nSüdhost GmbH\nIndustriestr. 25\n91710 \
             Gunzenhausen",
            "Südhost GmbH",
        ),
    ];
    let mut cases: Vec<(String, &str, &[&str])> = hosted
        .iter()
        .map(|&(sentence, name)| (policy(sentence), name, &["processor"][..]))
        .collect();
    cases.extend([
        (
            policy("Unsere Website wird nicht bei der Falsch GmbH gehostet."),
            "Falsch GmbH",
            &[][..],
        ),
        (
            policy("Die Daten werden bei der Zeta GmbH gespeichert. Gehostet wird nichts."),
            "Zeta GmbH",
            &[][..],
        ),
        (
            policy("Unsere Partner im Vertrieb:\n\nOmega GmbH\nHauptstraße 1\n10115 Berlin"),
            "Omega GmbH",
            &[][..],
        ),
    ]);
    assert_roles(&cases);

    let dpa = "Vertrag zur Auftragsverarbeitung\n\nzwischen der Beispiel GmbH \
               (nachfolgend „Auftraggeber“) und der Nordlicht Software GmbH (nachfolgend \
               „Auftragnehmer“).\n\n§ 1 Gegenstand\n\nDer Auftragnehmer verarbeitet \
               personenbezogene Daten im Auftrag des Auftraggebers. Die Daten werden bei \
               der Hetzner Online GmbH, Industriestr. 25, 91710 Gunzenhausen gehostet.\n\n\
               § 2 Weisungen\n\nDer Auftragnehmer verarbeitet die Daten nur auf dokumentierte \
               Weisung des Auftraggebers. Er setzt Unterauftragsverarbeiter nur mit \
               Genehmigung ein. Die zur Verarbeitung befugten Personen sind zur \
               Vertraulichkeit verpflichtet.\n";
    let r = pipeline(dpa);
    assert_eq!(r.kind, dpascan::report::DocKind::Dpa);
    assert_roles(&[
        (dpa, "Hetzner Online GmbH", &["subprocessor"][..]),
        (dpa, "Nordlicht Software GmbH", &["processor"][..]),
    ]);
}

/// A German privacy policy whose controller is the Beispiel GmbH, with `sentence` as its
/// last paragraph (the officer tests).
fn officer_policy(sentence: &str) -> String {
    format!(
        "# Datenschutzerklärung\n\nVerantwortlich ist die Beispiel GmbH, Musterstraße 1, \
         10115 Berlin.\n\n{sentence}\n"
    )
}

/// A data protection officer reached through, or provided by, an organisation names that
/// organisation as the officer ("Unseren Datenschutzbeauftragten erreichen Sie über die
/// Datenschutz Nord GmbH"); other words between the officer and a name do not.
#[test]
fn an_officer_reached_through_an_organisation_names_it_the_dpo() {
    let mut cases: Vec<(String, &str, &[&str])> = [
        (
            "Unseren Datenschutzbeauftragten erreichen Sie über die Datenschutz Nord GmbH, \
             Konsul-Smidt-Straße 88, 28217 Bremen.",
            "Datenschutz Nord GmbH",
        ),
        (
            "Our data protection officer is provided by Beta Privacy Ltd, 1 High Street, \
             London EC1A 1AA.",
            "Beta Privacy Ltd",
        ),
        (
            "Unser Datenschutzbeauftragter wird von der Gamma Consulting GmbH gestellt.",
            "Gamma Consulting GmbH",
        ),
    ]
    .into_iter()
    .map(|(s, name)| (officer_policy(s), name, &["dpo"][..]))
    .collect();
    cases.push((
        officer_policy("Unser Datenschutzbeauftragter prüft auch Verträge mit der Omega GmbH."),
        "Omega GmbH",
        &[][..],
    ));
    assert_roles(&cases);
}

/// A natural person named as data protection officer is a party with the role "dpo" (the
/// contract's parties include such persons), with the address written after the name;
/// the officer's title followed by words that name no person, or by an organisation, adds
/// no person.
#[test]
fn a_person_named_as_data_protection_officer_is_a_dpo_party() {
    // Two officers "c/o" an organisation: dpo parties, with the organisation's address.
    let anna = "Wir haben für unser Unternehmen einen Datenschutzbeauftragten bestellt.\n\n\
                Frau Anna Berger\nc/o Beispiel GmbH\nMusterstraße 1\n10115 Berlin";
    let jane = "Our data protection officer can be reached at: Jane Example, c/o Privacy \
                Partners Ltd, 30 Finsbury Square, London EC2A 1AG, United Kingdom.";
    let cases: Vec<(String, &str, &[&str])> = [
        (
            "Unser Datenschutzbeauftragter ist Herr Dr. Erik Beispiel, datenschutz@beispiel.de.",
            "Erik Beispiel",
        ),
        (
            "Unseren Datenschutzbeauftragten, Frau Erika Muster, erreichen Sie unter \
             datenschutz@beispiel.de.",
            "Erika Muster",
        ),
        (
            "Our Data Protection Officer is Christian Schmidt, Baumwall 7, 20459 Hamburg, Germany.",
            "Christian Schmidt",
        ),
        (
            "Data Protection Officer: Jane Doe, dpo@example.com",
            "Jane Doe",
        ),
        (
            "Beim Auftragnehmer ist als Datenschutzbeauftragter Herr Max von Mustermann bestellt.",
            "Max von Mustermann",
        ),
        // The officer of one party: the party between the title and "ist", a line break
        // before "ist"; a colon, then the party.
        (
            "Datenschutzbeauftragter des Auftragsverarbeiters\nist Herr Dr. Tjark Ahlers, \
             Datenschutzkanzlei Weserufer, Schlachte 31, 28195 Bremen.",
            "Tjark Ahlers",
        ),
        (
            "(3) Datenschutzbeauftragte: Für den Verantwortlichen ist Frau Melanie Brüggemann\n\
             (datenschutz@okonek-spedition.de) bestellt.",
            "Melanie Brüggemann",
        ),
        (
            "The Data Protection Officer of the Processor is Jane Porter, dpo@example.com.",
            "Jane Porter",
        ),
        // The name on a line of its own below the sentence or heading that names the office.
        (anna, "Anna Berger"),
        (
            "## Datenschutzbeauftragter\n\nMax Mustermann\nMusterstraße 1\n10115 Berlin",
            "Max Mustermann",
        ),
        // Words between the title and a colon before the name.
        (
            "Unseren Datenschutzbeauftragten erreichen Sie unter: Dr. Max Beispiel, \
             Konsul-Smidt-Straße 88, 28217 Bremen, E-Mail: dsb@example.de",
            "Max Beispiel",
        ),
        (jane, "Jane Example"),
        // Professional titles before the name are titles, not its first word.
        (
            "The Processor has appointed an external Data Protection Officer:\n\
             Rechtsanwalt Jonas Meyer, Datenschutzkanzlei Meyer\n\
             Hohenzollernring 72, 50672 Köln, Germany",
            "Jonas Meyer",
        ),
        (
            "Datenschutzbeauftragte: Mag. Katharina Hollerer, dsb@example.at",
            "Katharina Hollerer",
        ),
        // A capitalised or Irish particle, an apostrophe, a second capital in the family
        // name: the whole name (the twelfth and thirteenth blind sets).
        (
            "Data protection officer: Lotte Van Damme, dpo@quillmark.example",
            "Lotte Van Damme",
        ),
        (
            "The Vendor's Data Protection Officer is Aoife Ní Bhriain (dpo@corribpayroll.ie).",
            "Aoife Ní Bhriain",
        ),
        (
            "Data Protection Officer: Ciarán O'Sullivan, Dublin",
            "Ciarán O'Sullivan",
        ),
        (
            "Data Protection Officer: Fiona McDonald, Glasgow",
            "Fiona McDonald",
        ),
        // The name before the title, the organisation below it where to reach the officer.
        (
            "Contact our group DPO:\n\nAoife Brennan, Data Protection Officer\n\
             Harbourlight Insurance Services Limited\n\
             Block C, Riverside Two, Sir John Rogerson's Quay, Dublin 2, D02 X285",
            "Aoife Brennan",
        ),
        // "Dr" without a full stop, as British English writes it.
        (
            "The Controller's Data Protection Officer is Dr Aoife Kinsella, Harbourside \
             Medical Group Limited, 14 Grand Canal Street Upper, Dublin 4.",
            "Aoife Kinsella",
        ),
        // Words between the title and a colon: the article of the law.
        (
            "Datenschutzbeauftragter im Sinne von Art. 37 DSGVO: Dr. iur. Lukas Meierhans, \
             Lohnpilot AG, Hardturmstrasse 161, CH-8005 Zürich",
            "Lukas Meierhans",
        ),
        // A line broken inside the name (a PDF's or a wrapped paragraph's).
        (
            "The data protection officer is Ms Rachel\nAinsworth, who can be reached at \
             dpo@harbourline.example.",
            "Rachel Ainsworth",
        ),
        (
            "Datenschutzbeauftragter ist Herr\nJonas Weidmann, dsb@example.de.",
            "Jonas Weidmann",
        ),
        // The sentence designates the name before the title.
        (
            "We have designated Priya Raman, our Chief Privacy\nOfficer, as our data \
             protection officer. You can reach her at dpo@maplewood.example.",
            "Priya Raman",
        ),
        (
            "Wir haben Herrn Rechtsanwalt Dr. Max Muster als externen \
             Datenschutzbeauftragten bestellt.",
            "Max Muster",
        ),
    ]
    .into_iter()
    .map(|(s, name)| (officer_policy(s), name, &["dpo"][..]))
    .collect();
    assert_roles(&cases);

    // "c/o" an organisation: the address after it is the officer's too.
    let care_of = [
        (
            "Unser Datenschutzbeauftragter ist Dr. Max Beispiel, c/o Datenschutz Nord GmbH, \
             Konsul-Smidt-Straße 88, 28217 Bremen.",
            "Max Beispiel",
            "Bremen",
        ),
        (anna, "Anna Berger", "Berlin"),
        (jane, "Jane Example", "London"),
    ];
    for (sentence, name, city) in care_of {
        let parties = pipeline_parties(&officer_policy(sentence));
        let city_of = |n: &str| {
            parties
                .iter()
                .find(|p| p.name == n)
                .and_then(|p| p.address.as_ref()?.city.clone())
        };
        assert_eq!(
            city_of(name).as_deref(),
            Some(city),
            "{sentence:?}: {parties:?}"
        );
    }

    // The organisation below "Name, Data Protection Officer" is where to reach the
    // officer, not the officer.
    let parties = pipeline_parties(&officer_policy(
        "Aoife Brennan, Data Protection Officer\nHarbourlight Insurance Services Limited\n\
         Block C, Riverside Two, Sir John Rogerson's Quay, Dublin 2, D02 X285",
    ));
    let org = parties
        .iter()
        .find(|p| p.name == "Harbourlight Insurance Services Limited");
    assert!(
        org.is_some_and(|p| !p.roles.iter().any(|r| r == "dpo")),
        "{parties:?}"
    );

    let xing = officer_policy(
        "Our Data Protection Officer is Christian Schmidt, Baumwall 7, 20459 Hamburg, Germany.",
    );
    let parties = pipeline_parties(&xing);
    let dpo = parties.iter().find(|p| p.name == "Christian Schmidt");
    assert!(
        dpo.is_some_and(|p| p.country.as_deref() == Some("DE")
            && p.address
                .as_ref()
                .is_some_and(|a| a.city.as_deref() == Some("Hamburg"))),
        "{parties:?}"
    );

    for (sentence, not_a_person) in [
        (
            "Datenschutzbeauftragter: Datenschutz Nord GmbH, Konsul-Smidt-Straße 88, 28217 Bremen.",
            "Datenschutz Nord",
        ),
        (
            "Data Protection Officer: Privacy Team, dpo@example.com",
            "Privacy Team",
        ),
        (
            "Our data protection officer is General Counsel of the group.",
            "General Counsel",
        ),
        (
            "DPO: Robert Koch-Institut, Nordufer 20, 13353 Berlin",
            "Robert Koch-Institut",
        ),
        // A heading below the officer's paragraph, without an address under it.
        (
            "Wir haben einen Datenschutzbeauftragten bestellt.\n\nGoogle Analytics\n\nDiese \
             Website nutzt Google Analytics 4.",
            "Google Analytics",
        ),
    ] {
        let text = officer_policy(sentence);
        let parties = pipeline_parties(&text);
        assert!(
            !parties
                .iter()
                .any(|p| p.name == not_a_person && p.legal_form.is_none() && p.roles == ["dpo"]),
            "{sentence:?}: {parties:?}"
        );
    }
}

/// A definition line far below a party's address block still names its role: the block
/// may list two representatives ("vertreten durch die Geschäftsführer Thomas Brenner⏎und
/// Dipl.-Ing. Claudia Weiß"), a house and a postal address, phone and register lines.
#[test]
fn a_definition_below_a_long_address_block_gives_the_party_its_role() {
    let text = "zwischen\n\n\
        Brenner Präzisionsteile GmbH\n\
        vertreten durch die Geschäftsführer Thomas Brenner\n\
        und Dipl.-Ing. (FH) Claudia Weiß\n\
        Industriestraße 14–16\n\
        73527 Schwäbisch Gmünd\n\
        Amtsgericht Ulm, HRB 702311\n\n\
        – nachfolgend „Auftraggeber“ oder „Verantwortlicher“ –\n\n\
        und\n\n\
        Lohnwerk Personalsoftware GmbH & Co. KG\n\
        vertreten durch die persönlich haftende Gesellschafterin\n\
        Lohnwerk Verwaltungs-GmbH, diese vertreten durch\n\
        den Geschäftsführer Markus Hellwig\n\n\
        Hausanschrift: Technologiepark 21a\n\
        33100 Paderborn\n\
        Postanschrift: Postfach 10 21 45\n\
        33021 Paderborn\n\
        Tel. +49 5251 69 87-0 · Fax +49 5251 69 87-199\n\
        Amtsgericht Paderborn, HRA 7788\n\n\
        – nachfolgend „Auftragnehmer“ –\n\n\
        § 1 Gegenstand\n";
    assert_roles(&[
        (text, "Brenner Präzisionsteile GmbH", &["controller"][..]),
        (
            text,
            "Lohnwerk Personalsoftware GmbH & Co. KG",
            &["processor"][..],
        ),
    ]);
    // "und" opening a line of its own still introduces the next party.
    let two = "zwischen\n\nAlpha GmbH\nHauptstr. 1\n10115 Berlin\n\nund\n\nBeta AG\nRing 2\n\
        80331 München\n\n– nachfolgend „Auftragnehmer“ –\n";
    assert_roles(&[
        (two, "Alpha GmbH", &[][..]),
        (two, "Beta AG", &["processor"][..]),
    ]);
}

/// Public bodies are parties by their legal form after a comma ("Gemeinde Obersulmtal,
/// Körperschaft des öffentlichen Rechts", wrapped at a line break too) or as "AöR" after
/// the name; a municipality's representatives (its mayor, an association's chair over two
/// lines) stand between the name and its definition (the twenty-second blind set's AVV).
#[test]
fn public_bodies_are_parties_with_their_roles() {
    let text = "Vertragsparteien\n\n\
        Gemeinde Obersulmtal, Körperschaft des öffentlichen Rechts, Rathausplatz 1, 74182 Obersulmtal, vertreten\n\
        durch den Bürgermeister Herrn Andreas Schäufele — nachfolgend „Verantwortlicher“ oder „Gemeinde“ —\n\n\
        und\n\n\
        Zweckverband Kommunale Datenverarbeitung Neckar-Franken (KDNF), Körperschaft des öffentlichen\n\
        Rechts, Weipertstraße 8, 74076 Heilbronn, vertreten durch den Verbandsvorsitzenden Herrn Oberbürgermeister\n\
        a. D. Rainer Kohlmeier und die Geschäftsführerin Frau Dr. Petra Wenzel — nachfolgend „Auftragsverarbeiter“\n\
        oder „KDNF“ —\n\n\
        1. Gegenstand\n\n\
        Die Anbindung an das Landesportal betreibt die LandesIT Südwest AöR als eigenständig Verantwortliche.\n";
    assert_roles(&[
        (
            text,
            "Gemeinde Obersulmtal, Körperschaft des öffentlichen Rechts",
            &["controller"][..],
        ),
        (
            text,
            "Zweckverband Kommunale Datenverarbeitung Neckar-Franken (KDNF), Körperschaft des öffentlichen Rechts",
            &["processor"][..],
        ),
    ]);
    let parties = pipeline_parties(text);
    let landes_it = parties.iter().find(|p| p.name == "LandesIT Südwest AöR");
    assert_eq!(
        landes_it.and_then(|p| p.legal_form.clone()).as_deref(),
        Some("AöR"),
        "{parties:?}"
    );
}

/// A name written in lower case ("noris network AG") is an organisation when it stands
/// alone on its line or in its table cell; lower-case words of running text before a
/// legal form are not.
#[test]
fn a_lower_case_name_alone_on_its_line_is_an_organisation() {
    let text = "Unsere Server betreiben wir in einem Rechenzentrum der\n\
        noris network AG\nThomas-Mann-Straße 16-20\n90471 Nürnberg\n\n\
        Nr. | Unternehmen | Ort\n1 | noris network AG | Nürnberg\n";
    let parties = pipeline_parties(text);
    assert!(
        parties.iter().any(|p| p.name == "noris network AG"
            && p.address.as_ref().and_then(|a| a.city.as_deref()) == Some("Nürnberg")),
        "{parties:?}"
    );
    // At the start of a cell, its address after a comma (the thirteenth blind set).
    let text = "Nr. | Unterauftragsverarbeiter / Anschrift | Leistung\n\
        1 | plusserver GmbH, Venloer Straße 47, 50672 Köln | Hosting\n";
    let parties = pipeline_parties(text);
    assert!(
        parties.iter().any(|p| p.name == "plusserver GmbH"
            && p.address.as_ref().and_then(|a| a.city.as_deref()) == Some("Köln")),
        "{parties:?}"
    );
    let prose =
        "Die Daten der Tochtergesellschaften werden von der\nbeauftragten GmbH verarbeitet.\n";
    let parties = pipeline_parties(prose);
    assert!(
        parties.iter().all(|p| !p.name.contains("beauftragten")),
        "{parties:?}"
    );
    // Function words at a line's start before a legal form and a comma are no name.
    let prose = "Die Verträge schließt die Holding mit\nder GmbH, die den Betrieb übernimmt.\n";
    let parties = pipeline_parties(prose);
    assert!(parties.iter().all(|p| p.name != "der GmbH"), "{parties:?}");
}

/// A state's authority is named with the state's adjective: "das Bayerische Landesamt für
/// Datenschutzaufsicht", "Sächsisches Staatsministerium der Justiz".
#[test]
fn a_public_body_keeps_its_states_adjective() {
    let text = "Beschwerden richten Sie bitte an das Bayerische Landesamt für\n\
        Datenschutzaufsicht (BayLDA), Promenade 18, 91522 Ansbach.\n";
    let parties = pipeline_parties(text);
    assert!(
        parties
            .iter()
            .any(|p| p.name == "Bayerische Landesamt für Datenschutzaufsicht"),
        "{parties:?}"
    );
}

/// A sub-processor page's publisher, named above its commercial-register line under the
/// page's title, is no member of the list; a table whose first column is "#" (row numbers)
/// is no Markdown heading that would end the list; a house number range with an en dash
/// ("Mariahilfer Straße 77–79") is one street.
#[test]
fn a_sub_processor_page_keeps_its_publisher_and_its_numbered_table_apart() {
    let md = "# Aktenwerk Kanzleisoftware – Unterauftragsverarbeiter und Datenstandorte\n\n\
        **Aktenwerk Software GmbH**  \nMariahilfer Straße 77–79, 1060 Wien, Österreich  \n\
        FN 498311 k, Handelsgericht Wien\n\n\
        ## 3. Liste der Unterauftragsverarbeiter\n\n\
        | # | Unternehmen | Anschrift |\n|---|---|---|\n\
        | 1 | Hetzner Online GmbH | Industriestr. 25, 91710 Gunzenhausen, DE |\n\
        | 2 | OVH SAS | 2 rue Kellermann, 59100 Roubaix, FR |\n";
    let got = file_parties("subprocessors.md", md);
    let roles = |name: &str| {
        got.iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| r.clone())
            .unwrap_or_else(|| panic!("{name} missing in {got:?}"))
    };
    assert_eq!(roles("Hetzner Online GmbH"), ["subprocessor"]);
    assert_eq!(roles("OVH SAS"), ["subprocessor"]);
    assert!(roles("Aktenwerk Software GmbH").is_empty(), "{got:?}");
    assert_streets(&[(
        "Aktenwerk Software GmbH\nMariahilfer Straße 77–79, 1060 Wien, Österreich\n",
        "Aktenwerk Software GmbH",
        Some("Mariahilfer Straße 77–79"),
    )]);
}

/// A country in capitals that ends a sentence is not the start of the next sentence's
/// organisation: "…, CA 94080, USA. Stripe, Inc. ist …" names Stripe, Inc.
#[test]
fn a_sentence_ending_in_capitals_does_not_start_the_next_name() {
    let text = "Stripe übermittelt Daten auch an die Stripe, Inc., 354 Oyster Point Boulevard, \
        South San Francisco, CA 94080, USA. Stripe, Inc. ist unter dem EU-US Data Privacy \
        Framework zertifiziert. Zahlungen wickelt die Mustermann S.A. ab.";
    let parties = pipeline_parties(text);
    let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
    assert!(names.iter().all(|n| !n.starts_with("USA")), "{names:?}");
    assert!(names.contains(&"Stripe, Inc."), "{names:?}");
    assert!(names.contains(&"Mustermann S.A."), "{names:?}");
}

/// In a lettered list of sub-processors whose entries wrap over lines, the wrapped rest
/// ("Falkenstein/Vogtland, Germany.", "Novi Beograd, Serbia (…)") names no organisation;
/// a running header with the processor's register number ("Kassaflow B.V. - Data
/// Processing Agreement v2.3   KvK 87654321") inside the list is no member; an entry
/// under a label of what was removed ("Formerly listed (removed as of 1 January 2024):")
/// is no current sub-processor.
#[test]
fn a_wrapped_sub_processor_list_keeps_its_members_only() {
    let text = "(2) Kassaflow B.V., Prinsengracht 100, 1015 EA Amsterdam (the \"Processor\").\n\n\
        ANNEX 3 - APPROVED SUB-PROCESSORS\n\n\
        (a) Hetzner Online GmbH, Industriestr. 25, 91710 Gunzenhausen, Germany -\n\
        dedicated servers and storage; data centre location:\n\
        Falkenstein/Vogtland, Germany.\n\n\
        Confidential Page 5 of 6\n\n\
        Kassaflow B.V. - Data Processing Agreement v2.3 KvK 87654321\n\n\
        (d) Kassaflow Support d.o.o. Beograd, Bulevar Mihajla Pupina 10b, 11070\n\
        Novi Beograd, Serbia (a wholly owned subsidiary of the Processor) -\n\
        first- and second-line customer support.\n\n\
        Formerly listed (removed as of 1 January 2024): Mailgun Technologies, Inc.\n\
        (United States).\n";
    let parties = pipeline_parties(text);
    let roles = |name: &str| {
        parties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.roles.clone())
            .unwrap_or_else(|| panic!("{name} missing in {parties:?}"))
    };
    assert_eq!(roles("Hetzner Online GmbH"), ["subprocessor"]);
    assert_eq!(roles("Kassaflow Support d.o.o."), ["subprocessor"]);
    assert_eq!(roles("Kassaflow B.V."), ["processor"]);
    assert!(
        roles("Mailgun Technologies, Inc.").is_empty(),
        "{parties:?}"
    );
    assert!(
        parties
            .iter()
            .all(|p| !p.name.starts_with("Falkenstein") && !p.name.starts_with("Novi")),
        "{parties:?}"
    );
}

/// A name that begins with the legal form of the name on the line above and a connector
/// ("Shopify International⏎Limited and Shopify Inc.") is the name after the connector.
#[test]
fn a_legal_form_left_over_from_the_line_above_starts_no_name() {
    let text = "(for example Shopify, operated by Shopify International\n\
        Limited and Shopify Inc., Ottawa, Canada), the retrieval of data.\n";
    let names: Vec<String> = pipeline_parties(text).into_iter().map(|p| p.name).collect();
    assert!(names.contains(&"Shopify Inc.".to_string()), "{names:?}");
    assert!(names.iter().all(|n| !n.starts_with("Limited")), "{names:?}");
}

/// A contract party named without a legal form (a sole practitioner, a practice) is the
/// line after "zwischen" or "und" when a definition closes its block: "Steuerberatungskanzlei
/// Dipl.-Kfm. Henning Roloff, Steuerberater", "Physiotherapie am Rosental Inh. Maren
/// Schubert, Gohliser Straße 8, 04105 Leipzig, …" (the name ends before its address). The
/// definition under a block that names the party's general partner is the party's, not the
/// partner's; a signature line with both names side by side ("Physiotherapie am Rosental
/// Therapido Software GmbH & Co. KG") does not rename the processor. A placeholder
/// ("Kundin (wird eingefügt)") is no party.
#[test]
fn a_contract_party_without_a_legal_form_is_named_by_its_header_line() {
    let kanzlei = "VEREINBARUNG ZUR AUFTRAGSVERARBEITUNG GEMÄSS ART. 28 DSGVO\n\nzwischen\n\n\
        Steuerberatungskanzlei Dipl.-Kfm. Henning Roloff, Steuerberater\n\
        Lindenallee 7, 24937 Flensburg\n\
        - nachfolgend \"Auftraggeber\" -\n\nund\n\n\
        Belegfix Cloud GmbH, Am Brauhaus 12, 93047 Regensburg\n\
        - nachfolgend \"Auftragnehmer\" -\n\n§ 1 Gegenstand\n";
    let praxis = "Auftragsverarbeitungsvertrag gemäß Art. 28 DSGVO\n\nzwischen\n\n\
        Physiotherapie am Rosental Inh. Maren Schubert, Gohliser Straße 8, 04105 Leipzig, IK-Nummer 592\n\
        145 388,\n\
        – nachstehend „Auftraggeber“ oder „Verantwortlicher“ genannt –\n\nund\n\
        Therapido Software GmbH & Co. KG, Karl-Liebknecht-Straße 112, 04275 Leipzig, eingetragen im\n\
        Handelsregister des Amtsgerichts Leipzig unter HRA 18734, persönlich haftende Gesellschafterin: Therapido\n\
        Verwaltungs GmbH, Amtsgericht Leipzig HRB 36210, diese vertreten durch ihre Geschäftsführer Dipl.-Kfm.\n\
        Frank Oehme und Dr. Anja Rudolph, USt-IdNr. DE 314 772 905,\n\
        – nachstehend „Auftragnehmer“ oder „Therapido“ genannt –\n\n\
        1. Gegenstand\n\nDer Auftragnehmer verarbeitet Daten im Auftrag.\n\n\
        Leipzig, den 14.03.2025 Leipzig, den 18.03.2025\n\
        Maren Schubert Dipl.-Kfm. Frank Oehme\n\
        Physiotherapie am Rosental Therapido Software GmbH & Co. KG\n\
        (Auftraggeber) (Auftragnehmer)\n";
    assert_roles(&[
        (
            kanzlei,
            "Steuerberatungskanzlei Dipl.-Kfm. Henning Roloff, Steuerberater",
            &["controller"][..],
        ),
        (kanzlei, "Belegfix Cloud GmbH", &["processor"][..]),
        (
            praxis,
            "Physiotherapie am Rosental Inh. Maren Schubert",
            &["controller"][..],
        ),
        (
            praxis,
            "Therapido Software GmbH & Co. KG",
            &["processor"][..],
        ),
        (praxis, "Verwaltungs GmbH", &[][..]),
    ]);
    let placeholder = "Vertrag zur Auftragsverarbeitung\n\nzwischen\n\nKundin (wird eingefügt)\n\
        - nachfolgend \"Auftraggeber\" -\n\nund\n\nIDIO Daten Import Export GmbH\n\
        Gottschedstr. 4, 13357 Berlin\n- nachfolgend \"Auftragnehmer\" -\n";
    let parties = pipeline_parties(placeholder);
    assert!(
        parties.iter().all(|p| !p.name.starts_with("Kundin")),
        "{parties:?}"
    );
}

/// Academic titles are words of a partnership's name: "Dr. med. Katharina Vogel & Dr. med.
/// Jens Albers Partnerschaft mbB" is one party, not "Jens Albers Partnerschaft mbB".
#[test]
fn academic_titles_belong_to_a_partnerships_name() {
    let text = "Verantwortlich für die Datenverarbeitung ist:\n\n\
        Dr. med. Katharina Vogel & Dr. med. Jens Albers Partnerschaft mbB\n\
        Hammer Straße 47\n48153 Münster\n";
    let names: Vec<String> = pipeline_parties(text).into_iter().map(|p| p.name).collect();
    assert!(
        names.contains(
            &"Dr. med. Katharina Vogel & Dr. med. Jens Albers Partnerschaft mbB".to_string()
        ),
        "{names:?}"
    );
}

/// A table's header cell labels its own column: under "Party | Data Protection Officer |
/// Contact", the organisation in the first column is no officer.
#[test]
fn a_header_cell_labels_only_its_own_column() {
    // As the Markdown extractor gives the table: no rule row, no outer bars.
    let text = "4. Data Protection Officers\n\n\
        Party | Data Protection Officer | Contact\n\
        Wisłoport Logistyka sp. z o.o. | Anna Kowalczyk (Inspektor Ochrony Danych) | iod@wisloport.example, ul. Złota 44 lok. 12, 00-120 Warszawa\n\
        Nordvik Fraktanalyse AS | Lars Haugen (personvernombud) | personvern@nordvik.example\n";
    assert_roles(&[
        (text, "Wisłoport Logistyka sp. z o.o.", &[][..]),
        (text, "Nordvik Fraktanalyse AS", &[][..]),
    ]);
}

/// The lines of a sub-processor list that name a service or a label ("KI-Transkription und
/// Besprechungszusammenfassung", "Verarbeitung: Vereinigtes Königreich", "Garantie: …",
/// "Kalender-Integration (Google Kalender, Microsoft Outlook)") are no parties.
#[test]
fn a_service_or_a_label_in_a_sub_processor_list_is_no_party() {
    let text = "B. Optionale Unterauftragsverarbeiter\n\n\
        * KI-Transkription und Besprechungszusammenfassung\n\
        - Cantab Research Limited (Speechmatics), Broers Building, Cambridge CB3 0FA\n\
        - Verarbeitung: Vereinigtes Königreich (London)\n\
        - Garantie: Angemessenheitsbeschluss der EU-Kommission\n\n\
        * Kalender-Integration (Google Kalender, Microsoft Outlook)\n\
        - Keine Unterauftragsverarbeitung durch uns.\n";
    let names: Vec<String> = pipeline_parties(text).into_iter().map(|p| p.name).collect();
    for not in [
        "KI-Transkription und Besprechungszusammenfassung",
        "Verarbeitung",
        "Garantie",
        "Kalender-Integration",
    ] {
        assert!(!names.iter().any(|n| n == not), "{not}: {names:?}");
    }
    assert!(
        names.iter().any(|n| n == "Cantab Research Limited"),
        "{names:?}"
    );
}

/// A French place name with its article after the postcode is the whole city: "1227 Les
/// Acacias (GE)".
#[test]
fn a_city_with_its_article_is_the_whole_city() {
    let text = "Hosting:\n\nInfomaniak Network SA\nRue Eugène-Marziano 25\n1227 Les Acacias (GE)\nSchweiz\n";
    let parties = pipeline_parties(text);
    let city = parties
        .iter()
        .find(|p| p.name == "Infomaniak Network SA")
        .and_then(|p| p.address.as_ref())
        .and_then(|a| a.city.clone());
    assert_eq!(city.as_deref(), Some("Les Acacias"), "{parties:?}");
}

/// A city named "new" in a Slavic language is the whole city, and the country written
/// after it with its state's title is the address's: "11070 Novi Beograd, Republik
/// Serbien".
#[test]
fn a_slavic_new_town_is_the_whole_city() {
    let text = "Unterauftragsverarbeiter:\n\nb) Danubit d.o.o., Bulevar Mihajla Pupina 10a, \
                11070 Novi Beograd, Republik Serbien\nLeistung: Fernwartung\n";
    let parties = pipeline_parties(text);
    let danubit = parties.iter().find(|p| p.name == "Danubit d.o.o.");
    let address = danubit.and_then(|p| p.address.as_ref());
    assert_eq!(
        address.and_then(|a| a.city.as_deref()),
        Some("Novi Beograd"),
        "{parties:?}"
    );
    assert_eq!(
        danubit.and_then(|p| p.country.as_deref()),
        Some("RS"),
        "{parties:?}"
    );
}

/// Contract headers as PDFs and Word files print them: a definition naming two terms,
/// each quoted with its article ("– im Folgenden „die Auftraggeberin“ oder „der
/// Verantwortliche“ –"); a numbered paragraph whose definition closes it after a long
/// seat description, the bracket broken over a line ("(the⏎\"Controller\" or
/// \"Noordhaven\"); and"), a name in capitals ("SANKHYA DIGITAL SERVICES PRIVATE
/// LIMITED", shown as a running header writes it); a table whose header names the roles
/// of its columns ("| Controller (\"Client\") | Processor (\"Contractor\")"), not for a
/// row labelled with a role of its own.
/// A running header repeated on every page gives no list role to the names on it.
#[test]
fn contract_headers_as_printed_give_the_parties_their_roles() {
    let seeberg = "zwischen der\n\nSeeberg Armaturen GmbH\n\
        Industriestraße 14–18, 56154 Boppard, Deutschland\n\
        – im Folgenden „die Auftraggeberin“ oder „der Verantwortliche“ –\n\nund der\n\n\
        Seeberg Holding AG\nBaarerstrasse 75, 6300 Zug, Schweiz\n\
        – im Folgenden „die Auftragnehmerin“ oder „der Auftragsverarbeiter“ –\n";
    let header =
        "Noordhaven Retail B.V. / Sankhya Digital Services Pvt. Ltd. DPA incl. SCC Module 2";
    let noordhaven = format!(
        "DATA PROCESSING AGREEMENT\n\nbetween:\n\n\
        (1) NOORDHAVEN RETAIL B.V., a private limited liability company (besloten\n\
        vennootschap) incorporated under the laws of the Netherlands, registered with the\n\
        Dutch Chamber of Commerce (Kamer van Koophandel) under number 71234567, with its\n\
        registered office at Wilhelminakade 91, 3072 AP Rotterdam, the Netherlands (the\n\
        \"Controller\" or \"Noordhaven\"); and\n\n\
        (2) SANKHYA DIGITAL SERVICES PRIVATE LIMITED, a company incorporated under the \
        Companies Act, 2013 of India, with its registered office at Prestige Tech Park, \
        Bengaluru 560103, Karnataka, India (the \"Processor\" or \"Sankhya\"),\n\n\
        {header}\n\nRecitals.\n\n{header}\n\nANNEX III - SUB-PROCESSORS\n\n\
        Exotel Techcom Private Limited | Bengaluru, India | Telephony\n\n\
        {header}\n\nPage 9 of 9\n"
    );
    let kranich = "Parties\n\
        | Controller (\"Client\") | Processor (\"Contractor\")\n\
        Legal name | Kranich Logistik GmbH | Wisłosoft sp. z o.o.\n\
        Address | Am Sandtorkai 48, 20457 Hamburg, Germany | ul. Józefa Dietla 64/5, 31-039 Kraków, Poland\n\
        Data protection officer | DSB Nord Datenschutz GmbH, Ballindamm 3, 20095 Hamburg | Agnieszka Nowak\n";
    assert_roles(&[
        (seeberg, "Seeberg Armaturen GmbH", &["controller"][..]),
        (seeberg, "Seeberg Holding AG", &["processor"][..]),
        (
            noordhaven.as_str(),
            "Noordhaven Retail B.V.",
            &["controller"][..],
        ),
        (
            noordhaven.as_str(),
            "Sankhya Digital Services Pvt. Ltd.",
            &["processor"][..],
        ),
        (kranich, "Kranich Logistik GmbH", &["controller"][..]),
        (kranich, "Wisłosoft sp. z o.o.", &["processor"][..]),
        (kranich, "DSB Nord Datenschutz GmbH", &["dpo"][..]),
    ]);
}

/// A house number before a street word is no postcode ("1180 Peachtree Street NE, Suite
/// 1400, Atlanta, Georgia 30309": the city is Atlanta), and a number ending a sentence
/// starts no name ("… FISA Section 702. Microsoft Corporation, …").
#[test]
fn a_house_number_is_no_postcode_and_a_numbered_sentence_end_no_name() {
    let text = "Lumenforge Ireland Limited is a subsidiary of Lumenforge, Inc., a Delaware \
        corporation with\nits principal place of business at 1180 Peachtree Street NE, Suite \
        1400, Atlanta, Georgia 30309, United States.\n\nAccess may be subject to FISA Section \
        702. Microsoft Corporation, One Microsoft Way, Redmond, WA 98052, USA, is its parent.\n";
    let parties = pipeline_parties(text);
    let lumenforge = parties.iter().find(|p| p.name == "Lumenforge, Inc.");
    let city = lumenforge
        .and_then(|p| p.address.as_ref())
        .and_then(|a| a.city.as_deref());
    assert_eq!(city, Some("Atlanta"), "{parties:?}");
    let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
    assert!(names.contains(&"Microsoft Corporation"), "{names:?}");
}

/// A sub-processor named in a change log as removed ("Entfernung Twilio Inc. (SendGrid)
/// zum 31.03.2025", a table row "ENTFERNT zum 31.03.2025: Twilio Inc. …") is a former one;
/// the members of a list titled as none ("5. Keine Unterauftragsverarbeiter im Sinne
/// dieser Liste") take no role.
#[test]
fn removed_and_denied_sub_processors_take_no_role() {
    let text = "3. Aktuelle Unterauftragsverarbeiter\n\n\
        Unterauftragsverarbeiter | Leistung | Ort\n\
        IONOS SE, Elgendorfer Str. 57, 56410 Montabaur | Hosting | Deutschland\n\
        ENTFERNT zum 31.03.2025: Twilio Inc. (SendGrid), 101 Spear Street, San Francisco, CA 94105, USA | Versand | USA\n\n\
        5. Keine Unterauftragsverarbeiter im Sinne dieser Liste\n\n\
        • Die Slack Technologies, LLC, deren Dienst wir bis zum 30.06.2023 genutzt haben.\n\n\
        7. Änderungshistorie\n\n\
        Version 7.0 (01.04.2025): Entfernung Twilio Inc. (SendGrid) zum 31.03.2025.\n";
    let parties = pipeline_parties(text);
    let get = |n: &str| parties.iter().find(|p| p.name == n);
    assert!(
        get("Twilio Inc.").is_some_and(|p| p.former && p.roles.is_empty()),
        "{parties:?}"
    );
    assert!(
        get("Slack Technologies, LLC").is_some_and(|p| p.roles.is_empty() && !p.former),
        "{parties:?}"
    );
    assert!(
        get("IONOS SE").is_some_and(|p| p.roles == ["subprocessor"]),
        "{parties:?}"
    );
    assert!(
        parties.iter().all(|p| !p.name.starts_with("Entfernung")),
        "{parties:?}"
    );
}

/// A change of name the document states ("Sendara GmbH (vormals Mailwerk Deutschland
/// GmbH)", "Mailwerk Deutschland GmbH (heute Sendara GmbH)", "Quillstack Ltd, formerly
/// Brightpath Software Ltd") makes one party under its current name, with the old one in
/// `former_names` and its mentions in its evidence. Two names side by side without such
/// a word stay two parties.
#[test]
fn a_renamed_company_is_one_party() {
    for (text, current, old) in [
        (
            "Unterauftragsverarbeiter:\n\n- Sendara GmbH (vormals Mailwerk Deutschland GmbH), \
             Hanauer Landstraße 204, 60314 Frankfurt am Main: E-Mail-Versand\n\nDie Sendara \
             GmbH firmierte bis 2025 als Mailwerk Deutschland GmbH.\n",
            "Sendara GmbH",
            "Mailwerk Deutschland GmbH",
        ),
        (
            "Unterauftragsverarbeiter:\n\n- Mailwerk Deutschland GmbH (heute Sendara GmbH), \
             Hanauer Landstraße 204, 60314 Frankfurt am Main: E-Mail-Versand\n",
            "Sendara GmbH",
            "Mailwerk Deutschland GmbH",
        ),
        (
            "Sub-processors:\n\n- Quillstack Ltd, formerly Brightpath Software Ltd, 1 King \
             Street, London EC2V 8AU, United Kingdom: support\n",
            "Quillstack Ltd",
            "Brightpath Software Ltd",
        ),
        (
            "Sub-processors:\n\n| Okta, Inc. (Okta Customer Identity Cloud, formerly Auth0, \
             Inc.) | 100 First Street, San Francisco, CA 94105, USA | SSO |\n",
            "Okta, Inc.",
            "Auth0, Inc.",
        ),
    ] {
        let parties = pipeline_parties(text);
        assert!(
            !parties.iter().any(|p| p.name == old),
            "{text}: {parties:?}"
        );
        let party = parties.iter().find(|p| p.name == current);
        assert!(
            party.is_some_and(|p| p.former_names == [old] && p.address.is_some()),
            "{text}: {parties:?}"
        );
    }
    let two = pipeline_parties(
        "Unterauftragsverarbeiter:\n\n- Sendara GmbH (Mailwerk Deutschland GmbH als \
         Unterauftragnehmer), Hanauer Landstraße 204, 60314 Frankfurt am Main\n",
    );
    for name in ["Sendara GmbH", "Mailwerk Deutschland GmbH"] {
        assert!(two.iter().any(|p| p.name == name), "{name}: {two:?}");
    }
}

/// A designation after a name and its address ("… gemäß Art. 27 DSGVO als Vertreter in
/// der Union benannt", "…, as its EU representative", "als externen
/// Datenschutzbeauftragten bestellt") gives the name that role, not the role of the
/// sentence's subject ("Der Auftragnehmer hat die …"). A designation in the next
/// sentence is another name's.
#[test]
fn a_designated_representative_is_no_processor() {
    for (text, name, role) in [
        (
            "Der Auftragnehmer hat die Northwind Analytics Ireland Limited, 2 Grand Canal \
             Square, Dublin 2, D02 A342, Irland, gemäß Art. 27 DSGVO als Vertreter in der \
             Union benannt.\n",
            "Northwind Analytics Ireland Limited",
            "representative",
        ),
        (
            "Kaveri has designated EuroPrivacy Rep B.V., Strawinskylaan 3051, 1077 ZX \
             Amsterdam, the Netherlands, as its EU representative under Article 27 GDPR.\n",
            "EuroPrivacy Rep B.V.",
            "representative",
        ),
        (
            "Der Auftragnehmer hat die DSB-Kontor Nord GmbH, Am Wall 146, 28195 Bremen, als \
             externen Datenschutzbeauftragten bestellt.\n",
            "DSB-Kontor Nord GmbH",
            "dpo",
        ),
        // A label ending in a colon above the name; "Art. 27" ends no sentence.
        (
            "Auftragnehmerin: Lohnpilot AG, Hardturmstrasse 161, CH-8005 Zürich\n\
             Vertreterin der Auftragnehmerin in der Union gemäß Art. 27 DSGVO:\n\
             EuroRep Datenschutzvertretung GmbH, Sonnenstraße 19, 80331 München, Deutschland\n",
            "EuroRep Datenschutzvertretung GmbH",
            "representative",
        ),
        // "in der Eu…" of "Europäischen Union" is no "in der EU"; the heading's officer
        // above is not the label's role.
        (
            "2. VERTRETUNG IN DER EU UND DATENSCHUTZBEAUFTRAGTER\n\n\
             Vertreter in der Europäischen Union gemäss Art. 27 DSGVO:\n    \
             Alpenpass Datenschutz-Vertretung GmbH\n    Marktstätte 12\n    78462 Konstanz\n",
            "Alpenpass Datenschutz-Vertretung GmbH",
            "representative",
        ),
    ] {
        let parties = pipeline_parties(text);
        let p = parties.iter().find(|p| p.name == name);
        assert!(p.is_some_and(|p| p.roles == [role]), "{text}: {parties:?}");
    }
    let other = pipeline_parties(
        "Der Auftragnehmer ist die Brightpath Hosting GmbH, Am Wall 146, 28195 Bremen. Als \
         Vertreter in der Union ist niemand benannt.\n",
    );
    let p = other.iter().find(|p| p.name == "Brightpath Hosting GmbH");
    assert!(
        p.is_some_and(|p| !p.roles.iter().any(|r| r == "representative")),
        "{other:?}"
    );
}

/// A provider's name that a wrapped table cell leaves alone on the line above the rest
/// of its entity's name ("Amazon Web Services⏎Canada, Inc.", "Amazon Web Services⏎EMEA
/// SARL") is one name. A product above its company ("Mailchimp⏎The Rocket Science Group
/// LLC") or above a name that repeats it ("Zendesk⏎Zendesk, Inc.") is not joined.
#[test]
fn a_provider_name_wrapped_in_a_table_cell_is_whole() {
    let text = "Sub-processors\n\nSub-processor Address Service\nAmazon Web Services\nCanada, \
                Inc. 120 Bremner Boulevard, Toronto, Ontario M5J 0A8, Canada Hosting\nAmazon \
                Web Services\nEMEA SARL 38 Avenue John F. Kennedy, L-1855 Luxembourg Backups\n\
                Mailchimp\nThe Rocket Science Group LLC 675 Ponce de Leon Ave NE, Atlanta, GA \
                30308, USA Newsletter\nZendesk\nZendesk, Inc. 989 Market Street, San Francisco, \
                CA 94103, USA Support\n";
    let parties = pipeline_parties(text);
    let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
    for name in [
        "Amazon Web Services Canada, Inc.",
        "Amazon Web Services EMEA SARL",
        "Zendesk, Inc.",
    ] {
        assert!(names.contains(&name), "{name}: {names:?}");
    }
    for name in ["Canada, Inc.", "EMEA SARL", "Zendesk Zendesk, Inc."] {
        assert!(!names.contains(&name), "{name}: {names:?}");
    }
    assert!(
        !names.iter().any(|n| n.starts_with("Mailchimp")),
        "{names:?}"
    );
}

/// "Co." before an Irish county is the county of an address ("Blackrock, Co. Dublin"),
/// not a company's legal form; "Smith & Co. Limited" and "Acme Co." stay companies.
#[test]
fn an_irish_county_is_no_company() {
    let parties = pipeline_parties(
        "Slaney Workforce Technologies DAC, Unit 6, Blackrock Business Park, Carysfort \
         Avenue, Blackrock, Co. Dublin, A94 T8K2, Ireland, is the processor.\n\nPayments: \
         Brightwater Trading Co., 1 Main Street, Boston, MA 02110, USA.\n",
    );
    let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
    assert!(!names.iter().any(|n| n.contains("Blackrock")), "{names:?}");
    assert!(
        names.contains(&"Slaney Workforce Technologies DAC"),
        "{names:?}"
    );
    assert!(names.contains(&"Brightwater Trading Co."), "{names:?}");
}

/// Another company's legal form ends a name: a two-column signature line ("HARROWGATE
/// HOME INSURANCE SERVICES LTD KLAVERVELD CONTACT SOLUTIONS B.V.") gives the second
/// company its own name, not one that begins with the first.
/// A change log's noun before a name ("Firmenänderung Mailwerk Deutschland GmbH") is no
/// part of it.
#[test]
fn a_legal_form_inside_a_name_ends_the_name_before() {
    let parties = pipeline_parties(
        "Signed for and on behalf of Signed for and on behalf of\nHARROWGATE HOME INSURANCE \
         SERVICES LTD KLAVERVELD CONTACT SOLUTIONS B.V.\n\n| 7.1 | 02.01.2025 | \
         Firmenänderung Mailwerk Deutschland GmbH → Sendara GmbH |\n\n\
         This list is published by Quillstack B.V. (Amsterdam, KvK 81234567). Quillstack B.V. \
         is the processor.\n",
    );
    let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
    for name in [
        "KLAVERVELD CONTACT SOLUTIONS B.V.",
        "Mailwerk Deutschland GmbH",
        "Quillstack B.V.",
    ] {
        assert!(names.contains(&name), "{name}: {names:?}");
    }
    assert!(
        !names.iter().any(|n| n.contains("LTD KLAVERVELD")
            || n.starts_with("Firmenänderung")
            || n.starts_with("KvK")),
        "{names:?}"
    );
}

/// In a PDF's table of columns kept apart by line breaks, a cell's word cut before a
/// country ("EU-U.S. DPF; SCCs", "EU (Ireland); access") names no party.
#[test]
fn a_word_cut_before_a_country_in_a_table_is_no_party() {
    let text = "Data Processing Agreement\n\nThe Processor engages the sub-processors listed \
        below. Each of them is bound by written terms that impose the same data protection \
        obligations as this Agreement.\n\n\
        Schedule 3 – Sub-processors\nPart A – Authorised Sub-processors\n\
        Sub-processor\nService\nLocation of\nprocessing\nTransfer\nmechanism\n\
        Twilio Inc.\nSMS delivery\nUnited States\nEU-U.S. DPF; SCCs\nModule 3 as fallback\n\
        Intercom R&D Unlimited Company\nIn-app chat\nEU (Ireland); access\nby Intercom, Inc. from\nthe US\n\
        Mailgun Technologies, Inc.\nEmail delivery\nUnited States\nEU-U.S. DPF; SCCs\nModule 3\n";
    let ps = pipeline_parties(text);
    assert!(ps.iter().any(|p| p.name == "Twilio Inc."), "{ps:?}");
    assert!(!ps.iter().any(|p| p.name.starts_with("EU")), "{ps:?}");
}

/// Parties' blocks under a heading "Vertragsparteien", each closed by a definition set off
/// by dashes, with a long line inside (who represents the company): each block's first
/// name takes its block's definition, the second block's coming right below the first's.
#[test]
fn party_blocks_under_a_heading_take_their_definitions() {
    let text = "Auftragsverarbeitungsvertrag (AVV) gemäß Art. 28 Abs. 3 DSGVO\n\
        Vertragsparteien\n\
        Brandt & Söhne Maschinenbau GmbH & Co. KG\n\
        Industriestraße 7, 73730 Esslingen am Neckar, Deutschland\n\
        vertreten durch die persönlich haftende Gesellschafterin Brandt Verwaltungs-GmbH, diese \
        vertreten durch den Geschäftsführer Dr.-Ing. Ulrich Brandt\n\
        – im Folgenden „Verantwortlicher“ oder „Auftraggeber“ –\n\
        Lohnpilot AG\n\
        Hardturmstrasse 161, CH-8005 Zürich, Schweiz\n\
        vertreten durch Dr. Corinne Baumgartner (Präsidentin des Verwaltungsrats) und Reto Vetsch (CEO)\n\
        – im Folgenden „Auftragsverarbeiterin“ oder „Auftragnehmerin“ –\n\n\
        Präambel\n\nDie Auftragnehmerin erstellt die Entgeltabrechnungen des Auftraggebers.\n";
    let parties = pipeline_parties(text);
    let roles = |name: &str| party_named(&parties, name).roles.clone();
    assert_eq!(
        roles("Brandt & Söhne Maschinenbau GmbH & Co. KG"),
        ["controller"]
    );
    assert_eq!(roles("Lohnpilot AG"), ["processor"]);
    assert!(
        !parties
            .iter()
            .any(|p| p.name == "Brandt Verwaltungs-GmbH" && !p.roles.is_empty()),
        "{parties:?}"
    );
}

/// A definition at the end of a party's line that gives a short name, then the role ("–
/// nachfolgend „Odontara“ oder „Auftragnehmerin“ –", the twenty-seventh blind set): the
/// role is the party's.
#[test]
fn a_role_after_a_short_name_in_a_definition_is_the_partys() {
    let text = "Vereinbarung zur Auftragsverarbeitung gemäß Art. 28 DSGVO\nzwischen\n\
        Zahnarztpraxis Dr. Jonas Albrecht und Dr. Mira Kessler Partnerschaftsgesellschaft mbB, \
        Löningstraße 8, 28195 Bremen, eingetragen im Partnerschaftsregister des Amtsgerichts \
        Bremen unter PR 1187 – nachfolgend „Praxis“ oder „Auftraggeberin“ –\nund\n\
        Odontara Systems GmbH, Hafenstraße 41, 28217 Bremen, eingetragen im Handelsregister des \
        Amtsgerichts Bremen unter HRB 38817 HB, vertreten durch die Geschäftsführerin Tanja \
        Lührs – nachfolgend „Odontara“ oder „Auftragnehmerin“ –\nPräambel\n\
        Dabei verarbeitet Odontara personenbezogene Daten im Auftrag der Praxis.\n";
    let parties = pipeline_parties(text);
    let roles = |name: &str| party_named(&parties, name).roles.clone();
    assert_eq!(
        roles(
            "Zahnarztpraxis Dr. Jonas Albrecht und Dr. Mira Kessler Partnerschaftsgesellschaft mbB"
        ),
        ["controller"]
    );
    assert_eq!(roles("Odontara Systems GmbH"), ["processor"]);
}

/// Hard-wrapped prose cuts a name's head off onto the line above ("… die Meta Platforms⏎
/// Ireland Limited", "(Meta⏎Platforms, Inc. bzw. Google LLC)"): the name is whole when the
/// joined name is known (another mention, a provider's company); "am" joins a name's words
/// ("Privatklinik am Seepark GmbH") but does not begin one.
#[test]
fn a_name_wrapped_in_prose_is_whole() {
    let text = "Auftragsverarbeitungsvertrag\n\nzwischen\n\nPrivatklinik am Seepark GmbH\n\
        Seestraße 1, 78462 Konstanz\n– nachfolgend „Auftraggeber“ –\n\n\
        Werbeplattformen sind insbesondere die Meta Platforms Ireland Limited, Merrion Road, \
        Dublin 4, Irland.\n\n\
        Die Meta Platforms Ireland Limited und die Google Ireland\nLimited übermitteln Daten an \
        ihre Muttergesellschaften in den USA (Meta\nPlatforms, Inc. bzw. Google LLC). Daten \
        werden am Sitz der Muster GmbH gespeichert. Die Beispiel Platforms\nIreland Limited \
        ist nicht beteiligt.\n";
    let parties = pipeline_parties(text);
    let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
    for name in [
        "Privatklinik am Seepark GmbH",
        "Meta Platforms Ireland Limited",
        "Meta Platforms, Inc.",
        "Muster GmbH",
    ] {
        assert!(names.contains(&name), "{name}: {names:?}");
    }
    assert!(
        !names
            .iter()
            .any(|n| *n == "Platforms, Inc." || *n == "Limited" || n.starts_with("am ")),
        "{names:?}"
    );
    // A head not known as a name stays apart.
    assert!(
        !names.contains(&"Beispiel Platforms Ireland Limited"),
        "{names:?}"
    );
}

/// A postcode of the UK's system in a crown dependency gives that dependency's country, not
/// GB: Jersey (JE), Guernsey (GG) and the Isle of Man (IM) have adequacy decisions of their
/// own.
#[test]
fn a_crown_dependency_address_is_not_in_the_uk() {
    let text = "Privacy Notice\n\nPayment data is processed by Northgate Payments Limited, 28 \
        Esplanade, St Helier, Jersey JE2 3QA. Backups are kept by Sarnia Data Limited, \
        Les Banques, St Peter Port, Guernsey GY1 2HT. Support is given by Harbour Support \
        Limited, 10 Queen Street, London EC4N 1TX, United Kingdom.\n";
    let parties = pipeline_parties(text);
    let country = |name: &str| party_named(&parties, name).country.clone();
    assert_eq!(country("Northgate Payments Limited").as_deref(), Some("JE"));
    assert_eq!(country("Sarnia Data Limited").as_deref(), Some("GG"));
    assert_eq!(country("Harbour Support Limited").as_deref(), Some("GB"));
}

/// The header's first party, defined in brackets after its address, and "; and" before
/// the second party's line: the first does not take the second's definition below.
#[test]
fn an_entry_ending_in_and_hands_over_to_the_next_party() {
    let text = "Data Processing Agreement\n\
        This Data Processing Agreement (\"DPA\") is entered into between:\n\
        Vesterhavet Hotels ApS, Nyhavn 17, 1051 København K, Denmark, CVR no. 41 22 87 65 (the\n\
        \"Customer\" or \"Controller\"); and\n\
        TalentLoop Oy, Mannerheimintie 12 B, 00100 Helsinki, Finland, Business ID 3123456-7\n\
        (\"TalentLoop\" or \"Processor\").\n\
        The Customer and TalentLoop are together referred to as the \"Parties\".\n";
    let parties = pipeline_parties(text);
    assert_eq!(
        party_named(&parties, "Vesterhavet Hotels ApS").roles,
        ["controller"]
    );
    assert_eq!(party_named(&parties, "TalentLoop Oy").roles, ["processor"]);
}

/// A narrow PDF table cell wraps a name before its legal form ("Cognitrix Assessments⏎Ltd",
/// "Sonara Labs Korea Co.,⏎Ltd."): the form alone on its line ends the name on the line
/// above, and a form's words run over the break ("Co., Ltd." is Korean, not the US "Co.").
/// A sentence above a form alone on its line is no name.
#[test]
fn a_legal_form_alone_below_its_name_in_a_table_cell_ends_the_name() {
    let text = "Annex 3 – Sub-processors\nSub-processor\nAddress\nService\n\
        Cognitrix Assessments\nLtd\n10 Queen Street Place,\nLondon EC4R 1BE, United\nKingdom\n\
        Online assessments\n\
        Sonara Labs Korea Co.,\nLtd.\n14F, 311 Teheran-ro,\nGangnam-gu, Seoul 06151,\n\
        Republic of Korea\nAudio research\n\n\
        The data are kept by the parent of the group as a\nLtd\nwith no role here.\n";
    let parties = pipeline_parties(text);
    let cognitrix = party_named(&parties, "Cognitrix Assessments Ltd");
    assert_eq!(cognitrix.roles, ["subprocessor"]);
    assert_eq!(cognitrix.country.as_deref(), Some("GB"));
    let sonara = party_named(&parties, "Sonara Labs Korea Co., Ltd.");
    assert_eq!(sonara.country.as_deref(), Some("KR"));
    let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
    assert!(
        !names
            .iter()
            .any(|n| n.ends_with("as a Ltd") || *n == "Sonara Labs Korea Co."),
        "{names:?}"
    );
}

/// A narrow table cell wraps a sub-processor's address below its name over several short
/// lines, the country last ("18th Floor, 6750 Ayala⏎Avenue, Makati City⏎1226, Metro
/// Manila,⏎Philippines"): that country is the party's. A cell of where it processes
/// ("eu-west-1 (Dublin,⏎Ireland)") gives none.
#[test]
fn a_narrow_cells_address_below_a_name_gives_its_country() {
    let text = "Schedule 3 – Sub-processors\nSub-processor\nAddress\nService\n\
        Kalayaan Support\nServices Inc.\n18th Floor, 6750 Ayala\nAvenue, Makati City\n\
        1226, Metro Manila,\nPhilippines\nFirst-line support\n\
        Amazon Web Services\nEMEA SARL\n38 Avenue John F.\nKennedy, L-1855\nLuxembourg\n\
        Cloud hosting\n\
        Nimbus Hosting Ltd\nCloud hosting\neu-west-1 (Dublin,\nIreland)\n";
    let parties = pipeline_parties(text);
    let country = |name: &str| party_named(&parties, name).country.clone();
    assert_eq!(
        country("Kalayaan Support Services Inc.").as_deref(),
        Some("PH")
    );
    assert_eq!(
        country("Amazon Web Services EMEA SARL").as_deref(),
        Some("LU")
    );
    assert_eq!(country("Nimbus Hosting Ltd"), None);
}

/// A contract header's party block whose line that hands over to the next party ("…,
/// organisation number 918 447⏎201 ("Customer"); and") holds its definition: the party
/// takes that one, not the next party's below it.
#[test]
fn a_definition_on_the_handover_line_closes_a_party_block() {
    let text = "Data Processing Addendum\n\
        This Data Processing Addendum forms part of the Master Subscription Agreement\n\
        between:\n\
        Halvorsen Retail AS, Karl Johans gate 22, 0159 Oslo, Norway, organisation number 918 447\n\
        201 (\"Customer\"); and\n\
        Brightwave Analytics Ireland Limited, a company incorporated in Ireland (company number\n\
        654321) with its registered office at 70 Sir John Rogerson's Quay, Dublin 2, Ireland\n\
        (\"Brightwave\"),\n\
        each a \"Party\". Brightwave processes Customer Personal Data on behalf of Customer \
        as a processor.\n";
    let parties = pipeline_parties(text);
    assert_eq!(
        party_named(&parties, "Halvorsen Retail AS").roles,
        ["controller"]
    );
}

/// A short name with a legal form that a party defines ("Brightwave Analytics, Inc. …
/// (\"Brightwave Inc.\")") is that party wherever the text uses it; an SCC module's
/// direction in brackets after it ("Module 2 (Controller to Processor)") defines nothing.
#[test]
fn a_defined_short_name_with_a_legal_form_is_its_party() {
    let text = "Data Processing Addendum\n\
        Brightwave Analytics Ireland Limited (\"Brightwave\") is a wholly owned subsidiary of \
        Brightwave Analytics, Inc., a Delaware corporation with its principal place of business \
        at 1200 Westlake Avenue North, Seattle, WA 98109, United States (\"Brightwave Inc.\").\n\
        9.3 For transfers to Brightwave Inc., Brightwave relies on the EU-U.S. Data Privacy \
        Framework.\n\
        9.4 To the extent that Customer transfers Customer Personal Data directly to Brightwave \
        Inc., Module 2 (Controller to Processor) of the SCCs is incorporated by reference.\n";
    let parties = pipeline_parties(text);
    let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
    assert!(!names.contains(&"Brightwave Inc."), "{names:?}");
    let inc = party_named(&parties, "Brightwave Analytics, Inc.");
    assert!(
        !inc.roles.iter().any(|r| r == "controller"),
        "{:?}",
        inc.roles
    );
    assert!(inc.evidence.len() >= 3, "{:?}", inc.evidence);
}

/// A PDF's table of sub-processors whose rows open with a bare number ("1 ServiceHafen⏎
/// Philippines Inc.", "4 Google Cloud⏎EMEA⏎Limited") and whose address cells wrap onto
/// lines that open with a number ("70 Sir John", "415 Mission"): every row is a member, its
/// name whole; the next number in sequence ("6 Schlussbestimmungen") is a heading that ends
/// the list.
#[test]
fn a_table_numbered_without_dots_keeps_its_rows() {
    let text = "Anlage 2 – Unterauftragnehmer\nNr. Unterauftragnehmer\nSitz\nTätigkeit\n\
        1 ServiceHafen\nPhilippines Inc.\n27th Floor, Menarco Tower, 32nd\nStreet, Bonifacio\n\
        Global City, Taguig\nCity 1634, Metro\nManila, Philippinen\nTelefon-Support\n\
        2 Sahyadri CX Services Private Limited\nHinjawadi Phase 1,\n\
        Pune 411057, Maharashtra, Indien\nBack-Office\n\
        3 Salesforce, Inc. Salesforce Tower,\n415 Mission\nStreet, 3rd Floor,\n\
        San Francisco, CA\n94105, USA\nTickets\n\
        4 Google Cloud\nEMEA\nLimited\n70 Sir John\nRogerson's Quay,\nDublin 2, D02\n\
        R296, Irland\nSpeicherung\n\
        5 Bosphorus Çağrı\nMerkezi A.Ş.\nBüyükdere Caddesi 185, 34394\nŞişli/İstanbul, Türkei\n\
        Hotline\n\
        6 Schlussbestimmungen\nGutachterin für Streitfälle ist die Datenhaus GmbH in Hamburg.\n";
    let parties = pipeline_parties(text);
    for name in [
        "ServiceHafen Philippines Inc.",
        "Sahyadri CX Services Private Limited",
        "Salesforce, Inc.",
        "Google Cloud EMEA Limited",
        "Bosphorus Çağrı Merkezi A.Ş.",
    ] {
        assert_eq!(
            party_named(&parties, name).roles,
            ["subprocessor"],
            "{name}"
        );
    }
    assert!(party_named(&parties, "Datenhaus GmbH").roles.is_empty());
}

/// In a text whose numbered headings have a dot ("3. Current sub-processors"), a table
/// cell's line that opens with a number ("70 Sir John") is no heading, nor is a cell's
/// line in lower case that names a role ("in the recipient’s"); a title's remark in
/// brackets leaves it a title ("Part B – Former Sub-processors (no longer Processing
/// Customer Personal Data)").
#[test]
fn a_tables_address_and_wrapped_lines_are_no_headings() {
    let text = "Sub-processor Disclosure\n1. About this document\nThis document lists the \
        sub-processors of Meridian Parcel Solutions S.A.\n\
        3. Current sub-processors\nSub-processor\n(legal entity)\nRegistered address\nService\n\
        Google Cloud\nEMEA\nLimited\n70 Sir John\nRogerson's Quay,\nDublin 2, D02\nR296, Ireland\n\
        Analytics warehouse\n\
        Cloudflare, Inc. 101 Townsend St,\nSan Francisco, CA\n94107, USA\nCDN\n\
        Twilio Ireland\nLimited\n25–28 North Wall\nQuay, Dublin 1,\nD01 H104, Ireland\n\
        SMS via local carriers\nin the recipient’s\ncountry\n\
        Adyen N.V.\nSimon Carmiggeltstraat 6-50, 1011\nDJ Amsterdam,\nNetherlands\n\
        Hosted payment page\n\
        Part B – Former Sub-processors (no longer Processing Customer Personal Data)\n\
        Sub-processor\nFormer service\nRemoved\n\
        Mixpanel, Inc.\nProduct analytics\n30 September 2023\n";
    let parties = pipeline_parties(text);
    for name in [
        "Google Cloud EMEA Limited",
        "Cloudflare, Inc.",
        "Twilio Ireland Limited",
        "Adyen N.V.",
    ] {
        assert_eq!(
            party_named(&parties, name).roles,
            ["subprocessor"],
            "{name}"
        );
    }
    let mixpanel = party_named(&parties, "Mixpanel, Inc.");
    assert!(mixpanel.former && mixpanel.roles.is_empty(), "{mixpanel:?}");
}

/// A numbered table row's name whose legal form a narrow cell put alone on the next line
/// ("1 Amazon Web Services EMEA⏎SARL", "3 Dunavski Kod⏎d.o.o.") is whole, and "Republik
/// Serbien" at the end of its wrapped address is its country.
#[test]
fn a_numbered_rows_name_with_its_legal_form_below_is_whole() {
    let text = "Anlage 3 – Genehmigte Unterauftragsverarbeiter\n\
        Nr. Unternehmen Anschrift / Sitz Leistung\n\
        1 Amazon Web Services EMEA\nSARL\n38 Avenue John F.\nKennedy, L-1855 Luxemburg\n\
        Hosting\n\
        2 Hetzner Online\nGmbH\nIndustriestr. 25,\n91710 Gunzenhausen, Deutschland\nBackups\n\
        3 Dunavski Kod\nd.o.o.\nBulevar oslobođenja\n88, 21000 Novi Sad,\nRepublik Serbien\n\
        Fernwartung\n";
    let parties = pipeline_parties(text);
    for (name, country) in [
        ("Amazon Web Services EMEA SARL", "LU"),
        ("Hetzner Online GmbH", "DE"),
        ("Dunavski Kod d.o.o.", "RS"),
    ] {
        let p = party_named(&parties, name);
        assert_eq!(p.roles, ["subprocessor"], "{name}");
        assert_eq!(p.country.as_deref(), Some(country), "{name}");
    }
}

/// A sub-processor table: a company named inside the "Ort der Verarbeitung" cell of
/// another's row takes the country after it there, not the row's seat; a framework's name
/// run into the next name ("EU-U.S. Data Privacy Framework Freshworks Technologies Private
/// Limited") is no part of it, nor is a row's number ("B4") a name (but "D9D" is); "…gesellschaft mbH"
/// ends a name; and "4. Geplante Änderungen", a title without a role word after the list,
/// holds planned members.
#[test]
fn a_sub_processor_tables_cells_and_planned_title_are_read() {
    let text = "# Unterauftragsverarbeiter\n\n## 2. Aktuelle Unterauftragsverarbeiter\n\n\
        | Nr. | Unterauftragsverarbeiter | Sitz | Leistung | Ort der Verarbeitung | Garantien |\n\
        |---|---|---|---|---|---|\n\
        | A4 | Freshworks Inc. | 2950 S. Delaware Street, San Mateo, CA 94403, USA | Support | \
        Frankfurt am Main, Deutschland. Zugriff durch Support-Personal der Freshworks \
        Technologies Private Limited, Chennai (Indien) | Freshworks Inc.: EU-U.S. Data Privacy \
        Framework Freshworks Technologies Private Limited (Indien): SCC |\n\
        | B3 | Schweizer & Partner Steuerberatungsgesellschaft mbH | Gohliser Straße 12, 04105 \
        Leipzig, Deutschland | Belegservice | Leipzig | nicht erforderlich |\n\
        | B4 | Kanzlei Weber | Leipzig | Lohnservice | Leipzig | nicht erforderlich |\n\
        \n## 3. Weitere Unterauftragsverarbeiter\n\n\
        | Unterauftragsverarbeiter | Land | Leistung |\n|---|---|---|\n\
        | D9D | Deutschland | IT-Dienstleistungen |\n\n\
        ## 4. Geplante Änderungen\n\n\
        | Nr. | Name | Sitz | Wirksam ab |\n|---|---|---|---|\n\
        | C1 | Datadog, Inc. | 620 8th Avenue, New York, NY 10018, USA | 1. April 2025 |\n";
    let parties = pipeline_parties(text);
    let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with("Data Privacy") || *n == "B4"),
        "{names:?}"
    );
    assert_eq!(party_named(&parties, "D9D").roles, ["subprocessor"]);
    let freshworks = party_named(&parties, "Freshworks Technologies Private Limited");
    assert_eq!(freshworks.country.as_deref(), Some("IN"));
    assert_eq!(
        party_named(
            &parties,
            "Schweizer & Partner Steuerberatungsgesellschaft mbH"
        )
        .roles,
        ["subprocessor"]
    );
    let datadog = party_named(&parties, "Datadog, Inc.");
    assert!(datadog.planned && datadog.roles.is_empty(), "{datadog:?}");
}

/// Prose and table cells that wrap a name before its legal form ("… subsidiary of Corvina
/// Analytics,⏎Inc., a Delaware corporation", "Corvina Analytics⏎India Private Limited"):
/// the name is whole; a contract's side joined by "and" ("which Supplier and Corvina
/// Analytics, Inc. have executed") is no part of the name after it. A plain word at a
/// line's start ("Limited") joins no name.
#[test]
fn a_name_wrapped_before_its_legal_form_is_whole() {
    let text = "Data Processing Agreement\n\
        Corvina Analytics Ireland Limited (the \"Supplier\") is a wholly owned subsidiary of \
        Corvina Analytics,\nInc., a Delaware corporation.\n\
        The SCCs, which Supplier and Corvina Analytics, Inc. have executed, shall apply.\n\
        The access of the Supplier's Staff\nLimited, to the purposes of support, is logged.\n\
        Schedule 3 – Sub-processors\nSub-processor\nService\n\
        Corvina Analytics\nIndia Private Limited (affiliate)\nOuter Ring Road,\n\
        Bengaluru 560103, India\nTier-2 support\n";
    let parties = pipeline_parties(text);
    let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        party_named(&parties, "Corvina Analytics, Inc.").roles,
        ["parent"]
    );
    assert_eq!(
        party_named(&parties, "Corvina Analytics India Private Limited").roles,
        ["subprocessor"]
    );
    assert!(
        !names.iter().any(|n| n.starts_with("Supplier")
            || n.starts_with("India")
            || n.ends_with("Staff Limited")),
        "{names:?}"
    );
}

/// A list titled as one of sub-processors ("Sub-processors of Seewind FleetView") keeps its
/// members under numbered group headings without a role word ("1. Hosting and network");
/// a contract's clause headings ("§ 7 Kontrollrechte") and a sentence's wrapped line
/// ("Unterauftragnehmern ist nur mit vorheriger schriftlicher") group nothing.
#[test]
fn numbered_groups_under_a_list_title_keep_its_members() {
    let list = "Sub-processors of Seewind FleetView\n\
                Each entry below is given as Name – service – location of processing.\n\
                1. Hosting and network\n\
                • Amazon Web Services EMEA SARL – cloud hosting – Frankfurt am Main\n\
                38 Avenue John F. Kennedy, L-1855 Luxembourg\n\
                2. Connectivity and location services\n\
                • Nordlys Connect AS – M2M SIM cards – Oslo\n\
                Karl Johans gate 12, 0154 Oslo, Norway\n\
                3. Former sub-processors\n\
                • Baltic Mapworks GmbH – map tiles – removed on 31 May 2026\n\
                4. Additional information\n\
                • Kiel Catering GmbH – staff canteen\n";
    let parties = pipeline_parties(list);
    let roles = |n: &str| {
        parties
            .iter()
            .find(|p| p.name == n)
            .map(|p| (p.roles.clone(), p.former))
    };
    let sub = |former| Some((vec!["subprocessor".to_string()], former));
    assert_eq!(
        roles("Amazon Web Services EMEA SARL"),
        sub(false),
        "{parties:?}"
    );
    assert_eq!(roles("Nordlys Connect AS"), sub(false), "{parties:?}");
    assert_eq!(
        roles("Baltic Mapworks GmbH"),
        Some((vec![], true)),
        "{parties:?}"
    );
    assert_eq!(
        roles("Kiel Catering GmbH"),
        Some((vec![], false)),
        "{parties:?}"
    );

    let contract = "§ 5 Pflichten des Auftragnehmers\n\
                    k. Die Beauftragung von\n\
                    Unterauftragnehmern ist nur mit vorheriger schriftlicher\n\
                    Zustimmung des Auftraggebers zulässig.\n\
                    § 7 Kontrollrechte des Auftraggebers\n\
                    • Hanseatic Secure GmbH – Zertifizierung\n";
    let parties = pipeline_parties(contract);
    let p = parties.iter().find(|p| p.name == "Hanseatic Secure GmbH");
    assert!(p.is_some_and(|p| p.roles.is_empty()), "{parties:?}");
}

/// A city and a country in brackets right after a name ("Gulfcoast Geodata Inc. (St.
/// Petersburg, USA)", "Stripe Payments Europe, Limited (Dublin, Irland)") give its country;
/// a bracket that goes on after the country ("(Cork, Ireland and Belfast)") does not.
#[test]
fn a_city_and_country_in_brackets_after_a_name_give_its_country() {
    let text = "Sub-processors\n\n\
                • Gulfcoast Geodata Inc. (St. Petersburg, USA) – reverse geocoding\n\
                • Dolphin Fleet Services Ltd (Cork, Ireland) – installation\n\
                • Brackwater Field Services Ltd (Cork, Ireland and Belfast) – repairs\n";
    let parties = pipeline_parties(text);
    let country = |n: &str| {
        parties
            .iter()
            .find(|p| p.name == n)
            .map(|p| p.country.clone())
    };
    assert_eq!(
        country("Gulfcoast Geodata Inc."),
        Some(Some("US".into())),
        "{parties:?}"
    );
    assert_eq!(
        country("Dolphin Fleet Services Ltd"),
        Some(Some("IE".into())),
        "{parties:?}"
    );
    assert_eq!(
        country("Brackwater Field Services Ltd"),
        Some(None),
        "{parties:?}"
    );
}

#[test]
fn a_country_after_a_comma_is_a_companys_own_against_the_address_below() {
    // The address below is the Irish subsidiary's, the bullet's subject; "Twilio Inc., USA"
    // states its own country on its line.
    let text = "List of Sub-processors\n\n\
                • Twilio Ireland Limited (Dublin, Ireland) – SMS alerts – Dublin; message \
                routing through Twilio Inc., USA\n\
                25-28 North Wall Quay, Dublin 1, D01 H104, Ireland\n\
                Safeguard: Twilio Binding Corporate Rules (processor)\n\n\
                Our research partners: University of Oslo, Norway\n";
    let parties = pipeline_parties(text);
    let party = |n: &str| parties.iter().find(|p| p.name == n);
    let twilio = party("Twilio Inc.").expect("Twilio Inc. found");
    assert_eq!(twilio.country.as_deref(), Some("US"), "{parties:?}");
    assert!(twilio.address.is_none(), "{parties:?}");
    assert_eq!(
        party("Twilio Ireland Limited").and_then(|p| p.country.as_deref()),
        Some("IE"),
        "{parties:?}"
    );
    // Without a legal form a name's comma and country are no seat.
    assert!(
        party("University of Oslo").is_none_or(|p| p.country.is_none()),
        "{parties:?}"
    );
}

#[test]
fn a_city_in_brackets_in_a_name_gives_its_country() {
    let text =
        "7.3 Group companies. The Kazehana group operates a software development centre in\n\
                Shenzhen (Kazehana Technology (Shenzhen) Co., Ltd.). That company works only on\n\
                product development. Support: Example Services (Singapore) Pte. Ltd.\n";
    assert_countries(
        &pipeline_parties(text),
        &[
            ("Kazehana Technology (Shenzhen) Co., Ltd.", "CN"),
            ("Example Services (Singapore) Pte. Ltd.", "SG"),
        ],
    );
}

#[test]
fn a_partys_register_and_representatives_do_not_part_it_from_its_definition() {
    let roles = |text: &str, name: &str| {
        pipeline_parties(text)
            .into_iter()
            .find(|p| p.name == name)
            .map(|p| p.roles)
    };
    let german = "Vertrag über die Verarbeitung personenbezogener Daten im Auftrag\n\n\
                  zwischen der Spedition Okonek & Söhne GmbH, Am Güterbahnhof 3, 49074 \
                  Osnabrück, eingetragen im Handelsregister des Amtsgerichts Osnabrück unter \
                  HRB 20771, vertreten durch die Geschäftsführerin Frau Ilka Okonek – \
                  nachfolgend „Verantwortlicher“ – und der Gesellschaft, deren Firma im \
                  Briefkopf angegeben ist – nachfolgend „Auftragsverarbeiter“ –.\n";
    assert_eq!(
        roles(german, "Spedition Okonek & Söhne GmbH"),
        Some(vec!["controller".to_string()])
    );
    let english = "Data Processing Agreement\n\n\
                   between Harwick Foods Limited, 12 Mill Lane, Leeds LS1 4AP, registered in \
                   England and Wales under company number 01234567, represented by its \
                   managing director Jane Doe (the \"Controller\"), and the supplier named in \
                   the Order Form (the \"Processor\").\n";
    assert_eq!(
        roles(english, "Harwick Foods Limited"),
        Some(vec!["controller".to_string()])
    );
    // A clause between the name and the bracket is no description of the party.
    let clause = "Privacy Policy\n\n\
                  Harwick Foods Limited, 12 Mill Lane, Leeds, processes your data when you \
                  use our shop and our app (the \"Controller\").\n";
    assert_eq!(roles(clause, "Harwick Foods Limited"), Some(vec![]));
}

#[test]
fn a_status_opening_a_line_of_an_entrys_description_is_its_leading_names() {
    // A PDF table flattened into lines: name, address, description.
    let text = "Anlage 2 – Genehmigte Unterauftragsverarbeiter\n\
                Okapi Telematik GmbH\n\
                Lise-Meitner-Str. 9\n\
                24941 Flensburg\n\
                Anbindung der Fahrzeugtelematik; Verarbeitung in Flensburg.\n\
                Scaleway SAS\n\
                8 rue de la Ville l’Evêque\n\
                75008 Paris, Frankreich\n\
                Geplant ab 1. März 2027: Objektspeicher für Fotos in der Region Paris.\n\
                Mailjet SAS\n\
                13-13 bis rue de l’Aubrac\n\
                75012 Paris, Frankreich\n\
                Ehemalig: E-Mail-Versand bis 31. Januar 2026; ersetzt durch Sendinblue SAS.\n\
                Brevo SAS\n\
                106 boulevard Haussmann\n\
                75008 Paris, Frankreich\n\
                Geplante Funktionen werden gesondert angekündigt.\n";
    let parties = pipeline_parties(text);
    let party = |n: &str| {
        parties
            .iter()
            .find(|p| p.name == n)
            .unwrap_or_else(|| panic!("{n} not found in {parties:?}"))
    };
    assert!(party("Scaleway SAS").planned, "{parties:?}");
    assert!(!party("Scaleway SAS").former, "{parties:?}");
    assert!(party("Mailjet SAS").former, "{parties:?}");
    // Controls: a description without a status, and "Geplante Funktionen" (no colon, no
    // date after the word).
    assert!(!party("Okapi Telematik GmbH").planned, "{parties:?}");
    assert!(!party("Okapi Telematik GmbH").former, "{parties:?}");
    assert!(!party("Brevo SAS").planned, "{parties:?}");
}

#[test]
fn a_register_number_and_the_law_of_incorporation_do_not_part_a_party_from_its_definition() {
    let roles = |text: &str, name: &str| {
        pipeline_parties(text)
            .into_iter()
            .find(|p| p.name == name)
            .map(|p| p.roles)
    };
    // "no. 604118" ends no sentence before "whose registered office is at".
    let header = "Data Processing Agreement\n\nbetween\n\n\
                  Corrib Foods Limited, a company registered in Ireland (CRO no. 604118) whose \
                  registered office is at\nUnit 7, Ballybrit Business Park, Galway H91 X2C7 \
                  (the \"Controller\")\n\nand\n\n\
                  Sundial Payroll Ltd, a company registered in England and Wales (company no. \
                  09917342) whose registered\noffice is at 20 Farringdon Road, London EC1M 3HE \
                  (the \"Processor\"),\n";
    assert_eq!(
        roles(header, "Corrib Foods Limited"),
        Some(vec!["controller".to_string()])
    );
    assert_eq!(
        roles(header, "Sundial Payroll Ltd"),
        Some(vec!["processor".to_string()])
    );
    let ontario = "This Data Processing Addendum (\"DPA\") is entered into between the customer \
                   and Quillstone Analytics Inc., a corporation existing under the laws of the \
                   Province of Ontario, 155 Wellington Street West, Suite 2200, Toronto ON M5V \
                   3L9 (\"Quillstone\"). Customer is the controller and Quillstone is the \
                   processor of Customer Personal Data.\n";
    assert_eq!(
        roles(ontario, "Quillstone Analytics Inc."),
        Some(vec!["processor".to_string()])
    );
}

#[test]
fn a_forms_word_before_another_form_and_a_role_noun_in_the_genitive_are_read_right() {
    let text = "Empfänger\n\nFür die Kundenverwaltung setzen wir Zoho CRM ein. Anbieter ist die \
                Zoho Corporation B.V., Beneluxlaan 4B, 3527 HT Utrecht, Niederlande. Für \
                technischen Support kann die Konzernmutter Zoho Corporation Private Limited, \
                Chengalpattu, Tamil Nadu, Indien, im Einzelfall auf Daten zugreifen. Die \
                Rechenzentren des Unterauftragsverarbeiters Hetzner Online GmbH sind \
                gesichert. Beraten werden wir von der Harbour Privacy Partners Ltd in Dublin.\n";
    let parties = pipeline_parties(text);
    let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
    for name in [
        "Zoho Corporation B.V.",
        "Zoho Corporation Private Limited",
        "Hetzner Online GmbH",
        // Control: "Partners" is a name's word, not a genitive.
        "Harbour Privacy Partners Ltd",
    ] {
        assert!(names.contains(&name), "{name} not in {names:?}");
    }
    assert!(
        names
            .iter()
            .all(|n| !n.starts_with("Konzernmutter") && !n.starts_with("Unterauftrags")),
        "{names:?}"
    );
}

#[test]
fn a_long_label_ending_in_a_colon_names_the_party_below() {
    let text = "Datenschutzerklärung\n\n1. WER IST VERANTWORTLICH?\n\n\
                Verantwortlicher für die Datenverarbeitung auf dieser Website und in der\n\
                Voltaro Ride App ist:\n\n    Voltaro (Deutschland) GmbH\n    Rheinallee 42\n    \
                55118 Mainz\n";
    let parties = pipeline_parties(text);
    let voltaro = parties
        .iter()
        .find(|p| p.name == "Voltaro (Deutschland) GmbH")
        .expect("Voltaro found");
    assert_eq!(voltaro.roles, ["controller"], "{parties:?}");
}

#[test]
fn addresses_in_manila_novi_sad_and_nis_give_their_countries() {
    let text = "Unterauftragnehmer\n\n\
                Kalibo Contact Solutions Inc.\n6750 Ayala Avenue, Makati City\n1226 Metro Manila\n\
                E-Mail und Chat in Nacht- und Wochenendschichten\n\n\
                Vojvodina Data Management d.o.o.\nBulevar oslobođenja 30, 21000 Novi Sad\n\
                Data management\n\n\
                Nišava QA d.o.o.\nObrenovićeva 12, 18000 Niš, Serbia\nRegression testing\n";
    // "18000 Niš, Serbia": the city and the country after it agree although "18000" is
    // no Serbian format the scanner knew.
    assert_countries(
        &pipeline_parties(text),
        &[
            ("Kalibo Contact Solutions Inc.", "PH"),
            ("Vojvodina Data Management d.o.o.", "RS"),
            ("Nišava QA d.o.o.", "RS"),
        ],
    );
}

#[test]
fn a_list_publisher_whose_short_name_engages_the_sub_processors_is_their_processor() {
    let text = "Sub-processor List\n\
                Orrery Health Technologies Ltd (\"Orrery\") provides electronic clinical outcome \
                assessment services to pharmaceutical sponsors. When acting as a processor for \
                a sponsor, Orrery engages the sub-processors listed below.\n\n\
                1. Sub-processors\n\
                Amazon Web Services EMEA SARL | Hosting | Frankfurt am Main | current\n";
    assert_sole_roles(
        &pipeline_parties(text),
        &[
            ("Orrery Health Technologies Ltd", "processor"),
            ("Amazon Web Services EMEA SARL", "subprocessor"),
        ],
    );
}

#[test]
fn an_eircode_after_an_irish_city_is_an_irish_address() {
    let text = "Orrery Health Technologies Ltd · Penrose Wharf, Cork T23 X2YH · CRO 689214\n\n\
                Corrib Foods Limited, Unit 7, Ballybrit Business Park, Galway H91 X2C7.\n\n\
                Acme Trading Ltd, Main Street, Paris T23 X2YH.\n";
    let parties = pipeline_parties(text);
    let postcode = |n: &str| {
        parties
            .iter()
            .find(|p| p.name == n)
            .and_then(|p| p.address.as_ref())
            .and_then(|a| a.postcode.clone())
    };
    assert_eq!(
        postcode("Orrery Health Technologies Ltd").as_deref(),
        Some("T23 X2YH"),
        "{parties:?}"
    );
    assert_eq!(
        postcode("Corrib Foods Limited").as_deref(),
        Some("H91 X2C7"),
        "{parties:?}"
    );
    // Control: an Eircode's shape after a city that is not Irish.
    assert_eq!(postcode("Acme Trading Ltd"), None, "{parties:?}");
}

#[test]
fn a_numbered_section_title_above_a_name_is_not_its_head() {
    let text = "Privacy notice\n\n14. ABOUT US\n   Ofek Language Apps Ltd.\n   \
                Rothschild Boulevard 22\n   Tel Aviv-Yafo 6688218\n   Israel\n";
    let parties = pipeline_parties(text);
    let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ofek Language Apps Ltd."], "{parties:?}");
}

#[test]
fn a_table_cell_ending_in_a_connecting_word_names_no_organisation() {
    // A PDF's table flattened into lines: the service cell "Helpdesk for UK sites" is
    // no name cut before a country.
    let text = "1. Sub-processors\n\
                Sub-processor (seat)\nService\nProcessing location Mechanism Status\n\
                Salesforce, Inc.\nSan Francisco, CA 94105\nCRM for investigator-site staff\n\
                contacts\nHyperforce EU (Frankfurt am Main)\nDPF\ncurrent\n\
                Orrery Health UK Ltd\nEC2A 4NE\nHelpdesk for UK sites and participants\n\
                London\nAdequacy current\n";
    let parties = pipeline_parties(text);
    let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
    assert!(names.contains(&"Orrery Health UK Ltd"), "{names:?}");
    assert!(
        names.iter().all(|n| !n.starts_with("Helpdesk")),
        "{names:?}"
    );
}

#[test]
fn a_definition_after_a_line_break_and_customer_inside_a_name_are_read() {
    let text = "Vereinbarung zur Auftragsverarbeitung\n\n\
                Zwischen der Stadtwerke Elbtal Energie GmbH, Elbuferstraße 12, 01662 Meißen, \
                eingetragen im Handelsregister des Amtsgerichts Dresden unter HRB 30419 – \
                nachfolgend\n„Auftraggeber“ – und der Brückner Customer Care GmbH, Breiter Weg \
                201, 39104 Magdeburg – nachfolgend „Auftragnehmer“ – wird vereinbart:\n\n\
                Der Auftragnehmer setzt die Acme GmbH ein; the Customer Beta GmbH is informed.\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(
        &parties,
        &[
            ("Stadtwerke Elbtal Energie GmbH", "controller"),
            ("Brückner Customer Care GmbH", "processor"),
        ],
    );
    // Control: "the Customer" before a name is no word of it.
    assert!(parties.iter().any(|p| p.name == "Beta GmbH"), "{parties:?}");
}

#[test]
fn a_title_of_current_and_upcoming_members_and_a_status_column_are_read_per_row() {
    let text = "Sub-processors\n\n\
                Current and upcoming sub-processors\n\n\
                Entity | Address | Purpose | Data | Status\n\
                Cloudflare, Inc. | 101 Townsend St., San Francisco, CA 94107, USA | CDN | IP addresses | Active\n\
                Stripe Payments Europe, Limited | 1 Grand Canal Street Lower, Dublin 2, Ireland | Payments | Billing contacts | Starting 1 March 2027\n\
                Mailvane Inc. | 1 Federal Street, Boston, MA 02110, USA | E-mail | Contacts | Removed 30 June 2025\n\n\
                Further providers\n\n\
                Entity | Address | Data\n\
                Payfolk GmbH | Ritterstraße 12, 10969 Berlin | Former employees' payroll\n";
    let parties = pipeline_parties(text);
    // Under a title of both, a row without a status of its own is a current member.
    assert_sole_roles(&parties, &[("Cloudflare, Inc.", "subprocessor")]);
    assert!(!party_named(&parties, "Cloudflare, Inc.").planned);
    let stripe = party_named(&parties, "Stripe Payments Europe, Limited");
    assert!(stripe.planned && stripe.roles.is_empty(), "{stripe:?}");
    let mailvane = party_named(&parties, "Mailvane Inc.");
    assert!(mailvane.former && mailvane.roles.is_empty(), "{mailvane:?}");
    // Control: a last column that is no status column ("Former employees' payroll").
    assert!(!party_named(&parties, "Payfolk GmbH").former, "{parties:?}");
}

/// A status column read for rows whose first cell is their number ("7 | Userlike UG …"),
/// with the words of a fixed-width list: "ausgelaufen", "voraussichtlich ab" (the
/// thirteenth blind set).
#[test]
fn a_status_cell_after_a_row_number_is_read() {
    let text = "Unterauftragsverarbeiter\n\n\
                Nr. | Unterauftragsverarbeiter / Anschrift | Leistung | Status\n\
                1 | Nordlicht Hosting GmbH, Hafenstraße 1, 20457 Hamburg | Hosting | aktiv seit 01.04.2021\n\
                7 | Userlike UG (haftungsbeschränkt), Probsteigasse 44-46, 50670 Köln | Chat | beendet zum 31.12.2026\n\
                8 | Hetzner Online GmbH, Industriestr. 25, 91710 Gunzenhausen | Backup | ausgelaufen 30.11.2026, ersetzt durch Nr. 1\n\
                9 | STACKIT GmbH & Co. KG, Stiftsbergstraße 1, 74172 Neckarsulm | Archiv | voraussichtlich ab 01.07.2027\n";
    let parties = pipeline_parties(text);
    let status = |name: &str| {
        let p = party_named(&parties, name);
        (p.former, p.planned)
    };
    assert_eq!(status("Nordlicht Hosting GmbH"), (false, false));
    assert_eq!(status("Userlike UG (haftungsbeschränkt)"), (true, false));
    assert_eq!(status("Hetzner Online GmbH"), (true, false));
    assert_eq!(status("STACKIT GmbH & Co. KG"), (false, true));
}

/// A table turned on its side (HTML `th scope=row`: one column per recipient) labels its
/// rows "Role", "Data", "Country": no recipients (the thirteenth blind set).
#[test]
fn row_labels_of_a_transposed_table_are_no_recipients() {
    let text = "Recipients of your data\n\n\
                Purpose | Payments | Lens glazing\n\
                Recipient | Stripe Payments Europe Limited, Dublin 2, Ireland | Siam Optical Lab Co., Ltd., Bangkok 10500, Thailand\n\
                Role | Processor | Processor\n\
                Data | Card and payment data | Order number, prescription\n\
                Country | Ireland | Thailand\n";
    let parties = pipeline_parties(text);
    for label in ["Role", "Data", "Country"] {
        assert!(
            parties.iter().all(|p| p.name != label),
            "{label}: {parties:?}"
        );
    }
    assert!(
        parties
            .iter()
            .any(|p| p.name == "Siam Optical Lab Co., Ltd."),
        "{parties:?}"
    );
}

/// A role after an address that PDF text wrapped over lines, in the same sentence ("… von
/// der STRATO GmbH,⏎Otto-Ostrowski-Straße 7, 10249 Berlin, als⏎Auftragsverarbeiter
/// betrieben", the thirteenth blind set's two-column policy).
#[test]
fn a_role_after_a_wrapped_inline_address_is_read() {
    let text =
        "Unsere Website und unsere E-Mail-Postfächer werden von der Nordlicht Hosting GmbH,\n\
                Hafenstraße 1, 20457 Hamburg, als\n\
                Auftragsverarbeiter betrieben. Alle Daten werden in Deutschland gespeichert.\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(&parties, &[("Nordlicht Hosting GmbH", "processor")]);
}

/// Plain text underlines its titles: the rule under "KEINE UNTERAUFTRAGSVERARBEITER" is no
/// member that would let the next sentence open a list of sub-processors (the thirteenth
/// blind set).
#[test]
fn an_underlined_title_opens_and_ends_a_list() {
    let text = "UNTERAUFTRAGSVERARBEITER\n------------------------\n\
                - Nordlicht Hosting GmbH, Hafenstraße 1, 20457 Hamburg – Hosting\n\n\
                KEINE UNTERAUFTRAGSVERARBEITER\n------------------------------\n\
                Folgende Stellen erhalten Daten nicht als Unterauftragsverarbeiter von uns:\n\
                \x20 - DATEV eG, Paumgartnerstraße 6-14, 90429 Nürnberg – Datenaustausch\n\
                \x20 - Deutsche Post AG – Briefbeförderung\n\n\
                DATENSCHUTZBEAUFTRAGTER\n-----------------------\n\
                Unser Datenschutzbeauftragter ist die Weserblick Data GmbH, Prager Straße 2, \
                01069 Dresden.\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(
        &parties,
        &[
            ("Nordlicht Hosting GmbH", "subprocessor"),
            ("Weserblick Data GmbH", "dpo"),
        ],
    );
    for none in ["DATEV eG", "Deutsche Post AG"] {
        assert!(
            party_named(&parties, none).roles.is_empty(),
            "{none}: {parties:?}"
        );
    }
}

#[test]
fn a_status_after_a_dash_below_an_entry_and_a_change_logs_wordings_are_read() {
    // A PDF table flattened into lines, then its change log.
    let text = "3. Sub-processors\n\
                10 Coralbay Payroll Pty Ltd, 1 Market Street,\n\
                Sydney NSW 2000, Australia\n\
                Payroll for Australian employees\n\
                Current\n\
                11 Microsoft Ireland Operations Limited, One\n\
                Microsoft Place, Leopardstown, Dublin 18,\n\
                Ireland\n\
                AI-assisted payslip explanations\n\
                Planned – from 1 March\n\
                2027\n\
                12 Mailvane Inc., 1 Federal Street, Boston, MA\n\
                02110, USA\n\
                Transactional e-mail\n\
                Former – removed 30\n\
                June 2025\n\
                5. Change log\n\
                20 January 2026 – #11 Microsoft Ireland Operations Limited added as planned \
                sub-processor (from 1 March 2027). 02 September 2025 – #10 Coralbay Payroll Pty \
                Ltd added. 30 June 2025 – #12 Mailvane Inc. removed. 14 February 2025 – #9 Negev \
                Secure Ltd. added.\n";
    let parties = pipeline_parties(text);
    assert!(
        party_named(&parties, "Microsoft Ireland Operations Limited").planned,
        "{parties:?}"
    );
    assert!(party_named(&parties, "Mailvane Inc.").former, "{parties:?}");
    // Control: the entry whose status is "Current", and the one added.
    let coralbay = party_named(&parties, "Coralbay Payroll Pty Ltd");
    assert!(!coralbay.planned && !coralbay.former, "{coralbay:?}");
}

#[test]
fn an_items_number_label_is_no_part_of_the_name_after_it() {
    let text = "Anlage 1 – Unterauftragnehmer\n\n\
                Nr. 1  Vindobona Datacenter GmbH, Rennweg 97, 1030 Wien, Österreich\n\
                Nr. 2  Frankenhost Rechenzentrum GmbH, Sigmundstraße 220, 90431 Nürnberg\n\
                #11 Microsoft Ireland Operations Limited added.\n";
    let parties = pipeline_parties(text);
    for name in [
        "Vindobona Datacenter GmbH",
        "Frankenhost Rechenzentrum GmbH",
        "Microsoft Ireland Operations Limited",
    ] {
        party_named(&parties, name);
    }
    assert!(
        parties.iter().all(|p| !p.name.starts_with(['N', '#'])),
        "{parties:?}"
    );
}

#[test]
fn a_role_stated_on_the_line_below_a_name_is_read() {
    let text = "§ 1 Rollen der Parteien\n\
                (1) Die im Rubrum unter Ziffer (2) genannte Brenner & Kolb Steuerberatungsgesellschaft mbH\n\
                ist Verantwortlicher im Sinne von Art. 4 Nr. 7 DSGVO und wird nachstehend „Auftraggeber“\n\
                genannt.\n\n\
                Anlage 2\n\
                Zendesk, Inc.\n\
                Als Auftragsverarbeiter gilt nur, wer in dieser Anlage genannt ist.\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(
        &parties,
        &[(
            "Brenner & Kolb Steuerberatungsgesellschaft mbH",
            "controller",
        )],
    );
    // Control: the line below opens a sentence of its own (a capital), stating no role of
    // the name above.
    assert!(
        party_named(&parties, "Zendesk, Inc.").roles.is_empty(),
        "{parties:?}"
    );
}

#[test]
fn a_country_after_a_companys_state_is_its_own_against_the_address_below() {
    let text = "zwischen\n\n\
                (1) Cloudnest GmbH, eine Tochtergesellschaft der Cloudnest Inc., Delaware, USA\n\
                Hanauer Landstraße 291, 60314 Frankfurt am Main\n\
                – nachstehend „Auftragnehmer“ –\n";
    let parties = pipeline_parties(text);
    assert_countries(&parties, &[("Cloudnest Inc.", "US")]);
    assert!(
        party_named(&parties, "Cloudnest Inc.").address.is_none(),
        "{parties:?}"
    );
}

#[test]
fn a_country_ending_an_address_of_parts_the_address_rules_do_not_read_is_the_companys() {
    let text = "The other group company relevant for this policy is Lingoria Tutors \
                Philippines, Inc., 6th Floor, Skyrise 4, Cebu IT Park, Lahug, Cebu City 6000, \
                Philippines (\"Lingoria PH\"), which employs most of our tutors. We also work \
                with Nimbus Labs Inc., our partner for hosting. Germany is where our office is.\n";
    let parties = pipeline_parties(text);
    assert_countries(&parties, &[("Lingoria Tutors Philippines, Inc.", "PH")]);
    // Control: a sentence ends before the country.
    assert_eq!(
        party_named(&parties, "Nimbus Labs Inc.").country,
        None,
        "{parties:?}"
    );
}

#[test]
fn a_status_word_alone_on_a_line_of_a_flattened_entry_is_its_status() {
    let text = "Anlage 2 – Unterauftragsverarbeiter\n\
                5 Zendesk, Inc.,\n\
                San Francisco, USA\n\
                Ticketsystem\n\
                aktiv\n\
                6 Hetzner Online GmbH,\n\
                Gunzenhausen, Deutschland\n\
                ehemals Backup-Speicher\n\
                Falkenstein (DE)\n\
                ausgeschieden\n";
    let parties = pipeline_parties(text);
    assert!(
        party_named(&parties, "Hetzner Online GmbH").former,
        "{parties:?}"
    );
    assert!(
        !party_named(&parties, "Zendesk, Inc.").former,
        "{parties:?}"
    );
}

#[test]
fn a_company_written_to_for_the_attention_of_the_officer_is_not_the_officer() {
    let text = "6. Contact\n\
                Data protection officer: Veldkamp Workforce B.V., attn. DPO, Postbus 59321, \
                1040 KH Amsterdam, the Netherlands – dpo@veldkamp.example.\n\n\
                Our external data protection officer is DataSafe Nord GmbH, Am Wall 12, 28195 \
                Bremen.\n\n\
                2. Datenschutzbeauftragter\n\nWir haben einen externen Datenschutzbeauftragten bestellt:\n\n\
                DSB Nordwest Consulting GmbH\nz. Hd. Herrn Dr. Jan Oltmanns\nSchlachte 31\n28195 Bremen\n";
    let parties = pipeline_parties(text);
    let veldkamp = party_named(&parties, "Veldkamp Workforce B.V.");
    assert!(!veldkamp.roles.iter().any(|r| r == "dpo"), "{veldkamp:?}");
    // Control: an officer named without "attn.".
    assert_sole_roles(&parties, &[("DataSafe Nord GmbH", "dpo")]);
    // A person as the addressee: the company is the external officer's firm (the
    // fourteenth blind set).
    assert_sole_roles(&parties, &[("DSB Nordwest Consulting GmbH", "dpo")]);
}

#[test]
fn a_reference_ending_the_sentence_before_and_a_short_name_joined_to_the_full_one_are_no_part_of_a_name(
) {
    let text = "Transfers to Canada rely on the Commission adequacy decision 2002/2/EC. \
                OrbitDesk Americas LLC is certified under the DPF; the Parties have concluded the \
                SCCs, Module 3, between OrbitDesk and OrbitDesk Americas LLC. Dr. Oetker \
                Digital GmbH and Procter and Gamble Ltd are customers.\n";
    let parties = pipeline_parties(text);
    let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
    assert!(names.contains(&"OrbitDesk Americas LLC"), "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| !n.contains("2002") && !n.contains(" and OrbitDesk")),
        "{names:?}"
    );
    // Controls: an abbreviation before a name, a name joining two different words.
    assert!(names.contains(&"Dr. Oetker Digital GmbH"), "{names:?}");
    assert!(names.contains(&"Procter and Gamble Ltd"), "{names:?}");
}

#[test]
fn a_sentence_opening_with_the_role_and_closing_with_ist_names_the_party_below() {
    let text = "1. Verantwortlicher\n\
                Verantwortlich für die Verarbeitung Ihrer personenbezogenen Daten im Sinne der \
                Datenschutz-Grundverordnung (DSGVO) und des österreichischen Datenschutzgesetzes \
                (DSG) ist die\n\
                Donaublick Reisen GmbH\n\
                Kärntner Straße 21–23\n\
                1010 Wien, Österreich\n\n\
                Zusätzlich zu den Pflichten des Verantwortlichen nach der Verordnung und den \
                Leistungen der Reiseveranstalter des Reisebüros ist die\n\
                Alpenschutz Versicherung AG zu nennen.\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(&parties, &[("Donaublick Reisen GmbH", "controller")]);
    // Control: the role word inside the sentence, not opening it.
    assert!(
        party_named(&parties, "Alpenschutz Versicherung AG")
            .roles
            .is_empty(),
        "{parties:?}"
    );
}

#[test]
fn swiss_laws_words_for_processor_and_sub_processor_are_roles() {
    let text = "Vertrag über die Auftragsbearbeitung\n\
                Alpenfirn Vermögensverwaltung AG, Löwenstrasse 25, 8001 Zürich (nachfolgend \
                «Kundin» oder «Verantwortliche»)\n\
                und\n\
                Datavalla AG, Baarerstrasse 12, CH-6300 Zug (nachfolgend «Datavalla» oder \
                «Auftragsbearbeiterin»)\n\n\
                8 Unterauftragsbearbeiter\n\
                Datavalla zieht die folgenden Unterauftragsbearbeiter bei:\n\
                - Rigitec Hosting GmbH, Zugerstrasse 50, 6340 Baar\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(
        &parties,
        &[
            ("Alpenfirn Vermögensverwaltung AG", "controller"),
            ("Datavalla AG", "processor"),
            ("Rigitec Hosting GmbH", "subprocessor"),
        ],
    );
}

#[test]
fn a_label_of_what_is_no_longer_engaged_makes_the_name_after_it_former() {
    let text = "8 Unterauftragsbearbeiter\n\
                Datavalla zieht die folgenden Unterauftragsbearbeiter bei:\n\
                - Rigitec Hosting GmbH, Zugerstrasse 50, 6340 Baar\n\
                Nicht mehr beigezogen: Swisscom (Schweiz) AG, Ittigen – Backup bis 30.06.2025.\n\
                Nicht mehr als zwei weitere: Nordlicht Datensicherung GmbH, Frankfurt am Main.\n";
    let parties = pipeline_parties(text);
    assert!(
        party_named(&parties, "Swisscom (Schweiz) AG").former,
        "{parties:?}"
    );
    // Controls: a current member, and "nicht mehr als" (a number, not a removal).
    assert!(
        !party_named(&parties, "Rigitec Hosting GmbH").former,
        "{parties:?}"
    );
    assert!(
        !party_named(&parties, "Nordlicht Datensicherung GmbH").former,
        "{parties:?}"
    );
}

#[test]
fn numbered_parties_take_the_roles_stated_for_their_numbers() {
    let text = "VEREINBARUNG ZUR AUFTRAGSVERARBEITUNG\n\nzwischen\n\n\
                1.  Wärmeversorgung Nordheide GmbH & Co. KG\n    Am Gaswerk 3\n    \
                21244 Buchholz in der Nordheide\n\nund\n\n\
                2.  Abrechnungszentrum Süd GmbH\n    Postfach 12 34\n    70001 Stuttgart\n\n\
                § 1  Begriffsbestimmungen\n\n\
                (1) Die unter 1. genannte Partei sowie die in Anlage 3 genannten\n    \
                Unternehmen – nachstehend jeweils „Auftraggeber\" – sind\n    \
                Verantwortliche im Sinne des Art. 4 Nr. 7 DSGVO. Die unter 2.\n    \
                genannte Partei – nachstehend „Auftragnehmer\" – ist\n    \
                Auftragsverarbeiter im Sinne des Art. 4 Nr. 8 DSGVO.\n\n\
                Anlage 1 – Rechenzentren\n\n\
                1.  Frankenhost Rechenzentrum GmbH, Nürnberg\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(
        &parties,
        &[
            ("Wärmeversorgung Nordheide GmbH & Co. KG", "controller"),
            ("Abrechnungszentrum Süd GmbH", "processor"),
        ],
    );
    // The annex's "1." is not the party numbered 1.
    assert!(
        !party_named(&parties, "Frankenhost Rechenzentrum GmbH")
            .roles
            .contains(&"controller".to_string()),
        "{parties:?}"
    );
    let text = "DATA PROCESSING AGREEMENT\n\nbetween\n\n\
                1. Harbourline Logistics Ltd, 4 Quay Street, Bristol BS1 4DJ, United Kingdom\n\n\
                and\n\n\
                2. Cargoplan Software GmbH, Hafenstraße 2, 20457 Hamburg, Germany\n\n\
                1. Roles\n\n\
                The party named under 2. above is the processor. The party named under 1. \
                is not a processor.\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(&parties, &[("Cargoplan Software GmbH", "processor")]);
    assert!(
        !party_named(&parties, "Harbourline Logistics Ltd")
            .roles
            .contains(&"processor".to_string()),
        "{parties:?}"
    );
}

#[test]
fn a_compound_ending_in_gesellschaft_opens_the_name_of_an_mbh() {
    let text = "ANLAGE 3 – Verbundene Unternehmen des Auftraggebers\n\
                - Netzgesellschaft Nordheide mbH, Am Gaswerk 3, 21244 Buchholz in der Nordheide\n\
                - Nordheide Wohnen Service GmbH, Bahnhofstraße 9, 21244 Buchholz\n\n\
                Die Leistungen erbringt die Tochtergesellschaft Heidewerk Service mbH.\n";
    let parties = pipeline_parties(text);
    party_named(&parties, "Netzgesellschaft Nordheide mbH");
    // A company named by its place in the group: the word is no part of its name.
    party_named(&parties, "Heidewerk Service mbH");
}

#[test]
fn an_items_colon_label_entfallen_makes_its_name_former() {
    let text = "ANLAGE 1 – Unterauftragnehmer\n\
                Nr. 5  Printmail Süd GmbH, Ulm\n       Leistung: Druck und Versand\n\
                Nr. 6  (entfallen – bis 30.06.2025: Dialogwerk Callcenter GmbH,\n       Magdeburg)\n";
    let parties = pipeline_parties(text);
    assert!(
        party_named(&parties, "Dialogwerk Callcenter GmbH").former,
        "{parties:?}"
    );
    assert!(
        !party_named(&parties, "Printmail Süd GmbH").former,
        "{parties:?}"
    );
}

#[test]
fn a_country_after_a_district_and_its_city_belongs_to_the_address() {
    let text = "Unser Shopsystem wird von der Shopwerk Commerce GmbH, Friedrichstraße 68, 10117 \
                Berlin, als Auftragsverarbeiter betrieben. Für den Support kann die \
                Tochtergesellschaft der Shopwerk Commerce GmbH, die Kodlama Yazılım A.Ş., \
                Büyükdere Cad. 185, 34394 Şişli/Istanbul, Türkei, im Einzelfall per Fernzugriff \
                auf die Shopdaten zugreifen.\n";
    let parties = pipeline_parties(text);
    assert_countries(
        &parties,
        &[
            ("Kodlama Yazılım A.Ş.", "TR"),
            ("Shopwerk Commerce GmbH", "DE"),
        ],
    );
}

#[test]
fn a_role_stated_for_a_number_of_companies_is_that_of_as_many_named_before() {
    let text = "The programme is operated jointly by the following group companies:\n\n  \
                (a) Northbeam Europe B.V., Herengracht 500, 1017 CB Amsterdam,\n      \
                the Netherlands;\n  \
                (b) Northbeam Deutschland GmbH, Königsallee 60, 40212 Düsseldorf,\n      \
                Germany;\n  \
                (c) Northbeam UK Limited, PO Box 4471, Manchester M60 1XX,\n      \
                United Kingdom.\n\n\
                These three companies jointly determine the purposes and means of\n\
                processing your membership data and are joint controllers within\n\
                the meaning of Article 26 GDPR.\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(
        &parties,
        &[
            ("Northbeam Europe B.V.", "controller"),
            ("Northbeam Deutschland GmbH", "controller"),
            ("Northbeam UK Limited", "controller"),
        ],
    );
    // Two named, "three" stated: whom it means is not known.
    let text = "Hosting: Skyforge Hosting GmbH, Berlin.\n\
                Support: Tidewell Support Ltd, Dublin.\n\n\
                These three companies are processors.\n";
    let parties = pipeline_parties(text);
    assert!(
        party_named(&parties, "Skyforge Hosting GmbH")
            .roles
            .is_empty(),
        "{parties:?}"
    );
}

/// A PDF's table of sub-processors, a cell per line: a row's name wrapped before its
/// legal form with the address after a comma, a provider's head after the row number, and
/// a cell naming the goods' recipients ("Warenempfänger"), which opens no list of
/// recipients.
#[test]
fn a_pdf_tables_wrapped_rows_are_members_of_its_list() {
    let text = "Anlage 3 – Genehmigte Unterauftragsverarbeiter (Stand: 14.02.2025)\n\
                Nr. Unterauftragsverarbeiter Leistung\n\
                Ort der Verarbeitung Garantien\n\
                1 Amazon Web Services\n\
                EMEA SARL, 38 Avenue\n\
                John F. Kennedy, L-1855\n\
                Luxemburg\n\
                Infrastruktur (IaaS)\n\
                2 Kartenwerk Geodaten\n\
                GmbH,\n\
                Karl-Liebknecht-Straße\n\
                143, 04275 Leipzig\n\
                Geokodierung\n\
                3 Twilio Ireland Limited,\n\
                25–28 North Wall Quay,\n\
                Dublin 1, D01 H104, Irland\n\
                Versand von SMS an\n\
                Warenempfänger\n\
                4 Postfunk Mailservices\n\
                GmbH, Hohenzollernring\n\
                72, 50672 Köln\n\
                Versand transaktionaler E-Mails\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(
        &parties,
        &[
            ("Amazon Web Services EMEA SARL", "subprocessor"),
            ("Kartenwerk Geodaten GmbH", "subprocessor"),
            ("Twilio Ireland Limited", "subprocessor"),
            ("Postfunk Mailservices GmbH", "subprocessor"),
        ],
    );
}

#[test]
fn a_postcode_ending_a_line_after_a_street_has_its_city_on_the_next() {
    let text = "zwischen\n\
                der Spedition Halberstadt & Söhne GmbH & Co. KG, Am Großen Güterbahnhof 7, 38112\n\
                Braunschweig, eingetragen im Handelsregister des Amtsgerichts Braunschweig\n\
                – nachfolgend „Auftraggeber“ –\n\n\
                Cohere Inc. – removed as of December 1, 2026\n\
                AI-assisted drafting was discontinued.\n";
    let parties = pipeline_parties(text);
    let p = party_named(&parties, "Spedition Halberstadt & Söhne GmbH & Co. KG");
    let city = p.address.as_ref().and_then(|a| a.city.clone());
    assert_eq!(city.as_deref(), Some("Braunschweig"), "{parties:?}");
    // A date's year is no postcode.
    let p = party_named(&parties, "Cohere Inc.");
    assert!(p.address.is_none(), "{parties:?}");
}

#[test]
fn an_announced_change_after_former_members_is_planned() {
    let text = "Ehemalige Unterauftragsverarbeiter: Die Hetzner Online GmbH, Industriestraße 25\n\
                (Falkenstein), ist seit dem 31.03.2024 nicht mehr für den Auftragnehmer tätig.\n\
                Angekündigte Änderung (Mitteilung gemäß § 6 Abs. 2): Mit Wirkung zum 01.10.2026 \
                beabsichtigt der\nAuftragnehmer, die Kartenwerk Geodaten GmbH durch die HERE \
                Europe B.V., Kennedyplein 222,\n5611 ZT Eindhoven, Niederlande, zu ersetzen.\n";
    let parties = pipeline_parties(text);
    assert!(
        party_named(&parties, "Hetzner Online GmbH").former,
        "{parties:?}"
    );
    let here = party_named(&parties, "HERE Europe B.V.");
    assert!(here.planned && !here.former, "{parties:?}");
}

#[test]
fn a_preliminary_remark_under_a_lists_title_is_no_group_of_its_members() {
    let text = "LISTE DER UNTERAUFTRAGSVERARBEITER\n\
                Version 7 – Stand: 2. März 2026\n\n\
                1. VORBEMERKUNG\n\n\
                Die Lernwerft GmbH (nachfolgend „Lernwerft“) verarbeitet im Rahmen der\n\
                Lernplattform personenbezogene Daten der Beschäftigten ihrer Kunden.\n\n\
                2. Hosting\n\n\
                - Google Cloud EMEA Limited, 70 Sir John Rogerson's Quay, Dublin 2, Irland\n";
    let parties = pipeline_parties(text);
    assert!(
        party_named(&parties, "Lernwerft GmbH").roles.is_empty(),
        "{parties:?}"
    );
    // The list goes on under its first group.
    assert_sole_roles(&parties, &[("Google Cloud EMEA Limited", "subprocessor")]);
}

#[test]
fn the_key_to_a_lists_columns_names_no_members() {
    // Under "3. Begriffe" the items explain the table's columns; the sentence before them
    // names the US only to deny it.
    let text = "Liste der Unterauftragsverarbeiter\n\n\
                2. Unser Versprechen zum Datenstandort\n\n\
                Wir setzen keine Subunternehmer mit Sitz in den USA ein.\n\n\
                3. Begriffe\n\n\
                - Sitz: Land, in dem die Vertragspartnerin ihren Sitz hat.\n\
                - Bearbeitungsort: Ort der Rechenzentren bzw. Arbeitsplätze.\n\n\
                4. Aktuelle Unterauftragsbearbeiter\n\n\
                - Infomaniak Network SA, Rue Eugène-Marziano 25, 1227 Les Acacias, Schweiz\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(&parties, &[("Infomaniak Network SA", "subprocessor")]);
    assert!(
        !parties.iter().any(|p| p.name.contains("Bearbeitungsort")),
        "{parties:?}"
    );
}

#[test]
fn a_title_on_the_purpose_of_the_list_is_no_group_of_its_members() {
    let text = "Sub-processor list\n\n\
                1. Purpose of this list\n\n\
                This list covers these products of ours:\n\n\
                - Alpenkontakt CRM\n\
                - Alpenkontakt Desk\n\n\
                2. Hosting\n\n\
                - Infomaniak Network SA, Rue Eugène-Marziano 25, 1227 Les Acacias, Switzerland\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(&parties, &[("Infomaniak Network SA", "subprocessor")]);
    // The products the list covers are no members of it.
    assert!(
        !parties.iter().any(|p| p.name.starts_with("Alpenkontakt")),
        "{parties:?}"
    );
}

#[test]
fn recitals_define_their_parties_at_their_end() {
    let text = "Präambel\n\
                (A) Die Stadtwerke Rheinaue GmbH mit Sitz in Remagen, eingetragen im \
                Handelsregister\ndes Amtsgerichts Koblenz unter HRB 21877, Am Alten Wasserwerk \
                3, 53424 Remagen, ist\nein kommunales Versorgungsunternehmen (nachfolgend \
                „Stadtwerke“\noder „Auftraggeber“).\n\
                (B) Die Bosporus Kontakt Hizmetleri A.Ş., Büyükdere Caddesi No. 185, 34394\n\
                Şişli/İstanbul, Türkiye, betreibt Kundenservice-Center (nachfolgend \
                „Dienstleister“ oder „Auftragnehmer“).\n\
                (C) Die Parteien haben einen Dienstleistungsvertrag geschlossen.\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(
        &parties,
        &[
            ("Stadtwerke Rheinaue GmbH", "controller"),
            ("Bosporus Kontakt Hizmetleri A.Ş.", "processor"),
        ],
    );
}

#[test]
fn a_signature_tables_header_gives_its_columns_roles() {
    let text = "1.1 Diese Vereinbarung wird zwischen den im Rahmenvertrag bezeichneten \
                Vertragsparteien abgeschlossen, nämlich der Kundin als Verantwortliche \
                (nachfolgend die «Kundin») und der Dienstleisterin als Auftragsbearbeiterin.\n\n\
                Unterschriften\n\
                Für die Kundin | Für die Auftragsbearbeiterin\n\
                Limmat Assekuranz Broker AG Bahnhofstrasse 52 CH-8001 Zürich | Polisync AG \
                Effingerstrasse 17 CH-3008 Bern\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(
        &parties,
        &[
            ("Limmat Assekuranz Broker AG", "controller"),
            ("Polisync AG", "processor"),
        ],
    );
}

#[test]
fn an_anstalt_is_a_liechtenstein_company() {
    let text = "Die Kundin hat als Vertreterin in der Union die Rheintal Privacy \
                Representative Anstalt, Äulestrasse 30, FL-9490 Vaduz, benannt.\n";
    let parties = pipeline_parties(text);
    assert_countries(
        &parties,
        &[("Rheintal Privacy Representative Anstalt", "LI")],
    );
}

#[test]
fn the_publisher_of_a_list_engaging_its_sub_processors_in_a_relative_clause_is_no_member() {
    let text = "Novacrest Payments – List of Sub-processors\n\
                Novacrest Payments S.A. (“Novacrest”) is an electronic money institution. \
                This list covers sub-processors that Novacrest engages when it processes \
                personal data on behalf of merchants.\n\
                Provider | Country | Purpose\n\
                Okta, Inc. | US | Single sign-on\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(
        &parties,
        &[
            ("Novacrest Payments S.A.", "processor"),
            ("Okta, Inc.", "subprocessor"),
        ],
    );
}

/// A PDF's table, a cell per line: a cell opening with a label ("Affiliate: UK merchant
/// support, UK") names no organisation.
#[test]
fn a_cells_label_is_no_name() {
    let text = "Table 1 – Sub-processors and service providers\n\
                Provider (legal entity)\nCountry Purpose / processing\nData location\n\
                Transfer mechanism\nStatus\n\
                Okta, Inc.\nUS\nSingle sign-on\nEU\nDPF\nCurrent\n\
                Novacrest Payments UK Ltd\nGB\nAffiliate: UK merchant support, UK\n\
                safeguarding operations\nLondon, GB\nEU Commission adequacy decision for\n\
                the UK\nCurrent\n";
    let parties = pipeline_parties(text);
    assert!(
        !parties.iter().any(|p| p.name.ends_with(':')),
        "{parties:?}"
    );
    assert_sole_roles(&parties, &[("Novacrest Payments UK Ltd", "subprocessor")]);
}

#[test]
fn a_country_in_brackets_after_another_companys_name_in_a_later_cell_is_not_the_rows() {
    let text = "| Empfänger | Rolle | Zweck | Grundlage der Übermittlung |\n\
                |---|---|---|---|\n\
                | Google Ireland Limited, Dublin | eigenständig Verantwortlicher | Google Ads | \
                Übermittlung an Google LLC (USA): DPF |\n\
                | Calendly LLC, Atlanta | Auftragsverarbeiter | Terminbuchung | USA: DPF |\n";
    let parties = pipeline_parties(text);
    assert_ne!(
        party_named(&parties, "Google Ireland Limited")
            .country
            .as_deref(),
        Some("US"),
        "{parties:?}"
    );
    // A country alone in a later cell is still the row's.
    assert_countries(&parties, &[("Calendly LLC", "US")]);
}

#[test]
fn a_seat_column_holding_country_codes_gives_the_rows_countries() {
    let text = "| Empfänger | Rolle | Sitz | Zweck |\n\
                |---|---|---|---|\n\
                | Stripe Payments Europe, Limited, Dublin | eigenständig Verantwortlicher | IE | \
                Zahlungsabwicklung |\n\
                | Harbourline Support Ltd | Auftragsverarbeiter | UK | Support |\n\
                | Nordwind Cloud GmbH | Auftragsverarbeiter | EU | Hosting |\n";
    let parties = pipeline_parties(text);
    assert_countries(
        &parties,
        &[
            ("Stripe Payments Europe, Limited", "IE"),
            ("Harbourline Support Ltd", "GB"),
        ],
    );
    // "EU" is no country's code.
    assert_ne!(
        party_named(&parties, "Nordwind Cloud GmbH")
            .country
            .as_deref(),
        Some("EU"),
        "{parties:?}"
    );
}

/// A grid table drawn in ASCII art, its cells wrapped over lines, under a paragraph saying
/// the providers listed below act as processors; a bulleted list under one saying the
/// organisations are independent controllers; a row whose safeguard is "-".
const GRID_POLICY: &str = "\
6. WHO WE SHARE YOUR DATA WITH

We share your data with the clinic you book with, and with the service
providers listed below. Our service providers act as our processors and may
only use your data on our instructions.

+----------------------------+---------------+----------------------+
| Provider                   | Country       | Safeguard            |
+----------------------------+---------------+----------------------+
| Twilio Inc.                | United States | EU-US Data Privacy   |
|                            |               | Framework            |
+----------------------------+---------------+----------------------+
| Daily.co (Daily, Inc.)     | United States | -                    |
+----------------------------+---------------+----------------------+
| Sentry (Functional         | United States | EU-US Data Privacy   |
| Software, Inc.)            |               | Framework            |
+----------------------------+---------------+----------------------+
| Claimwise Solutions Ltd    | Ireland       | EU                   |
+----------------------------+---------------+----------------------+

We also share data with the following organisations, which use it for
their own purposes as independent controllers:

- Stripe Payments Europe, Limited, 1 Grand Canal Street Lower, Dublin 2,
which processes your card payments;
- your health insurer, when you ask us to send them your receipts.

From March 2026 we plan to use Mixpanel, Inc. (San Francisco, USA) for
product analytics.

7. HOW LONG WE KEEP YOUR DATA
";

#[test]
fn a_grid_tables_rows_take_the_role_the_paragraph_above_announces() {
    let r = file_result("policy.txt", GRID_POLICY);
    assert_sole_roles(
        &r.parties,
        &[
            ("Twilio Inc.", "processor"),
            ("Daily, Inc.", "processor"),
            ("Functional Software, Inc.", "processor"),
            ("Claimwise Solutions Ltd", "processor"),
            ("Stripe Payments Europe, Limited", "controller"),
        ],
    );
    // The paragraph after the list ends it: Mixpanel is no independent controller.
    assert!(
        party_named(&r.parties, "Mixpanel, Inc.").roles.is_empty(),
        "{:?}",
        r.parties
    );
    // The wrapped cell "EU-US Data Privacy⏎Framework" is one mechanism.
    assert!(
        r.transfers.mechanisms.iter().any(|m| m == "dpf"),
        "{:?}",
        r.transfers
    );
}

#[test]
fn a_third_country_row_whose_safeguard_is_a_dash_is_a_risk() {
    let r = file_result("policy.txt", GRID_POLICY);
    let daily = party_named(&r.parties, "Daily, Inc.");
    let stated = daily
        .stated_mechanism
        .as_ref()
        .expect("Daily's safeguard cell");
    assert_eq!(
        (stated.label.as_str(), stated.value.as_str(), stated.none),
        ("Safeguard", "-", true)
    );
    let twilio = party_named(&r.parties, "Twilio Inc.");
    assert_eq!(
        twilio
            .stated_mechanism
            .as_ref()
            .map(|m| (m.value.as_str(), m.none)),
        Some(("EU-US Data Privacy Framework", false))
    );
    let reason = r
        .risk
        .reasons
        .iter()
        .find(|x| x.code == "party_without_mechanism")
        .unwrap_or_else(|| panic!("{:?}", r.risk));
    assert!(reason.message.contains("Daily, Inc."), "{}", reason.message);
    assert!(!reason.message.contains("Twilio"), "{}", reason.message);
    // An EU row's dash is no risk: only Daily is named.
    let text = GRID_POLICY.replace(
        "| Daily.co (Daily, Inc.)     | United States | -  ",
        "| Daily.co (Daily, Inc.)     | Germany       | -  ",
    );
    assert_ne!(text, GRID_POLICY);
    let r = file_result("policy.txt", &text);
    assert!(
        !r.risk
            .reasons
            .iter()
            .any(|x| x.code == "party_without_mechanism"),
        "{:?}",
        r.risk
    );
}

/// A signature block whose two column headings a PDF's text stacked on lines of their own
/// above the two names: each name takes its heading's role, in order (the first name had
/// the second heading's role as the nearest label above it).
#[test]
fn stacked_signature_headings_label_the_names_below_in_order() {
    let text = "Vertrag über eine Auftragsverarbeitung\n\n\
                Detmold, den 14.10.2026\nHameln, den 09.10.2026\n\
                ____________________________\n____________________________\n\
                Auftraggeber\nAuftragnehmer\n\
                Café Wien Konditorei Brakemeier GmbH\nLohnkontor Weserbergland GmbH\n\
                Helga Brakemeier, Geschäftsführerin\nDirk Ahlswede, Geschäftsführer\n";
    assert_sole_roles(
        &pipeline_parties(text),
        &[
            ("Café Wien Konditorei Brakemeier GmbH", "controller"),
            ("Lohnkontor Weserbergland GmbH", "processor"),
        ],
    );
}

/// An Austrian annex of "Subauftragsverarbeiter" (a DOCX table): its rows are
/// sub-processors; a remark column's "entfällt seit …" is former and "ab 1. März 2027"
/// planned; a company named in the safeguard column ("EU-U.S. Data Privacy Framework (Meta
/// Platforms, Inc.)") is no member; "z. B." is no initial of the next name.
#[test]
fn an_annex_of_subauftragsverarbeiter_with_a_remarks_column() {
    let text = "Anlage 3 – Subauftragsverarbeiter (Stand bei Vertragsabschluss, zur Information)\n\
        Subauftragsverarbeiter | Leistung | Ort der Verarbeitung | Garantie bei Drittlandbezug | Anmerkung\n\
        Mailjet SAS, 13-13 bis rue de l’Aubrac, 75012 Paris, Frankreich | E-Mail-Versand | EU | nicht erforderlich (EU) |\n\
        Meta Platforms Ireland Limited, Merrion Road, Dublin 4, Irland | WhatsApp | EU und USA | \
        EU-U.S. Data Privacy Framework (Meta Platforms, Inc.) | nur bei Aktivierung\n\
        Zimmerfrei Messaging s.r.o., Šumavská 31, 602 00 Brno, Tschechien | SMS-Versand | Brno (CZ) | \
        nicht erforderlich (EU) | entfällt seit 30. Juni 2026\n\
        Archivum Datenverwahrung GmbH, Conrad-von-Hötzendorf-Straße 127, 8010 Graz | Archiv | Graz (AT) | \
        nicht erforderlich (EU) | ab 1. März 2027\n\
        Keine Auftragsverarbeiter, sondern eigenständig Verantwortliche: Buchungsplattformen \
        (z. B. Booking.com B.V.), über die Gäste buchen.\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(
        &parties,
        &[
            ("Mailjet SAS", "subprocessor"),
            ("Meta Platforms Ireland Limited", "subprocessor"),
        ],
    );
    assert!(
        party_named(&parties, "Meta Platforms, Inc.")
            .roles
            .is_empty(),
        "{parties:?}"
    );
    let zimmerfrei = party_named(&parties, "Zimmerfrei Messaging s.r.o.");
    assert!(
        zimmerfrei.former && zimmerfrei.roles.is_empty(),
        "{zimmerfrei:?}"
    );
    let archivum = party_named(&parties, "Archivum Datenverwahrung GmbH");
    assert!(
        archivum.planned && archivum.roles.is_empty(),
        "{archivum:?}"
    );
    party_named(&parties, "Booking.com B.V.");
}

/// A numbered party whose item, on one line, has a bracket before its definition ("(KvK)")
/// and is followed by the parties' joint definition and "WHEREAS:" without a blank line:
/// the item ends with its line ("…(hereinafter: the “Processor”);").
#[test]
fn a_numbered_partys_item_ends_with_its_line() {
    let text = "THE UNDERSIGNED:\n\
         1. Lindroos & Aho Engineering Oy, a limited liability company incorporated under the laws of Finland, Business ID 2876543-1, having its registered office at Keilaranta 19, 02150 Espoo, Finland, duly represented by Ms Riikka Aho, CEO (hereinafter: the “Controller”);\n\
         2. Talentrijk B.V., a private limited liability company incorporated under the laws of the Netherlands, registered with the Chamber of Commerce (KvK) under number 85123456, having its registered office at Wilhelminakade 91, 3072 AP Rotterdam, the Netherlands, duly represented by Mr Joost van der Wiel, managing director (hereinafter: the “Processor”);\n\
         hereinafter jointly referred to as the “Parties”,\n\
         WHEREAS:\n\
         (a) the Controller uses the recruitment platform Talentrijk Recruit (applicant tracking, video interviews, assessments) under the Subscription Agreement dated 2 November 2026 (the “Agreement”);\n\
         (b) in performing the Agreement the Processor processes personal data on behalf of the Controller, and the Parties wish to lay down their arrangements in accordance with Article 28 of the General Data Protection Regulation (Regulation (EU) 2016/679, “GDPR”);\n\
         HAVE AGREED AS FOLLOWS:\n";
    assert_sole_roles(
        &pipeline_parties(text),
        &[
            ("Lindroos & Aho Engineering Oy", "controller"),
            ("Talentrijk B.V.", "processor"),
        ],
    );
}

/// A sub-processor table without a status column: a dated start in a later cell is
/// planned, a dated end former, "until" (phased out) neither.
#[test]
fn a_dated_phrase_in_a_rows_cell_gives_its_status() {
    let text = "Annex 2 – Sub-processors\n\
        Sub-processor | Service | Location | Transfer mechanism\n\
        Cvantage Parsing B.V., Piet Heinkade 55, 1019 GM Amsterdam | CV parsing | Netherlands | Not applicable (EEA)\n\
        Lingora AI GmbH, Bergheimer Straße 147, 69115 Heidelberg, Germany | AI-generated candidate summaries – effective from 1 February 2027 | Germany | Not applicable (EEA)\n\
        Whereby AS, Oslo, Norway | Video interviews – terminated 30 September 2026, replaced by Zoom | Norway | Not applicable (EEA)\n\
        MessageBird B.V., Trompenburgstraat 2C, 1079 TT Amsterdam | SMS – until 28 February 2027 | Netherlands | Not applicable (EEA)\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(
        &parties,
        &[
            ("Cvantage Parsing B.V.", "subprocessor"),
            ("MessageBird B.V.", "subprocessor"),
        ],
    );
    let lingora = party_named(&parties, "Lingora AI GmbH");
    assert!(lingora.planned && lingora.roles.is_empty(), "{lingora:?}");
    let whereby = party_named(&parties, "Whereby AS");
    assert!(whereby.former && whereby.roles.is_empty(), "{whereby:?}");
}

/// A later cell that ends in an ended use, undated ("(bis 31.03.2023, beendet)",
/// "entfällt – nicht mehr im Einsatz"), makes the row's member former; a cell that tells
/// of an end to come ("wird nach Vertragsende beendet") does not.
#[test]
fn an_ended_use_closing_a_rows_cell_makes_it_former() {
    let text = "Anlage 1 – Genehmigte Unterauftragsbearbeiter\n\
        Unterauftragsbearbeiter | Leistung | Standort | Garantie\n\
        Infomaniak Network SA, Genf, Schweiz | E-Mail-Versand; die Verarbeitung wird nach Vertragsende beendet | Genf | Angemessenheitsbeschluss\n\
        Amazon Web Services EMEA SARL, Luxemburg | Hosting (bis 31.03.2023, beendet) | Frankfurt am Main | entfällt\n\
        Sendinblue SAS, Paris, Frankreich | Transaktions-E-Mails | Paris | entfällt – nicht mehr im Einsatz\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(&parties, &[("Infomaniak Network SA", "subprocessor")]);
    for name in ["Amazon Web Services EMEA SARL", "Sendinblue SAS"] {
        let p = party_named(&parties, name);
        assert!(p.former && p.roles.is_empty(), "{p:?}");
    }
}

/// A use told in the past up to a date at a numbered clause's start ("6.2 Bis zum 31. März
/// 2023 wurden …") is former, as without the number.
#[test]
fn a_clause_number_before_an_ended_use_keeps_it_former() {
    let text = "Auftragsverarbeitungsvertrag, Stand: 1. Juni 2025\n\n\
        6.2 Bis zum 31. März 2023 wurden die Datenbanken bei der Amazon Web Services EMEA \
        SARL (Luxemburg) in der Region eu-central-1 betrieben. Die Migration ist abgeschlossen.\n";
    let parties = pipeline_parties(text);
    assert!(
        party_named(&parties, "Amazon Web Services EMEA SARL").former,
        "{parties:?}"
    );
    // A verb the past-use lists lack ("betrieb"): the end before the document's date, which
    // "Fassung vom" gives, makes it former.
    let text = "Dokument LB-AVV-2025-CH-07 · Fassung vom 10. März 2025\n\n\
        5.2 Bis zum 31. Dezember 2021 betrieb die Auftragnehmerin die Testumgebung bei der \
        DigitalOcean LLC (New York, USA) in der Region FRA1.\n";
    let parties = pipeline_parties(text);
    assert!(
        party_named(&parties, "DigitalOcean LLC").former,
        "{parties:?}"
    );
}

/// A UK contract's parties in capitals ("BERGEN ANALYTICS LTD", "… (IRELAND) LIMITED"): the
/// legal forms in capitals are found; "acting for itself and as agent for … (together the
/// "Customer")" makes both organisations of the item the controller; "(Pty) Ltd" is South
/// Africa's private company.
#[test]
fn capitals_legal_forms_and_a_definition_of_two_together() {
    let text = "DATA PROCESSING AGREEMENT\n\
         =========================\n\
         \n\
         THIS AGREEMENT is dated 23 October 2026\n\
         \n\
         PARTIES\n\
         \n\
         (1) FENWRIGHT RETAIL GROUP PLC, incorporated and registered in England and\n\
         Wales with company number 04567812, whose registered office is at\n\
         3 Wellington Place, Leeds LS1 4AP, United Kingdom, acting for itself and\n\
         as agent for FENWRIGHT RETAIL (IRELAND) LIMITED, company number 589214,\n\
         Unit 6, Citywest Business Campus, Dublin 24, Ireland (together the\n\
         \"Customer\"); and\n\
         \n\
         (2) BERGEN ANALYTICS LTD, incorporated and registered in Scotland with\n\
         company number SC612345, whose registered office is at 21 Union Row,\n\
         Aberdeen AB10 1SA, Scotland, United Kingdom (the \"Supplier\").\n\
         \n\
         BACKGROUND\n\
         \n\
         \n\
         3. Bergen Analytics SA (Pty) Ltd, 4th Floor, 8 Bree Street, Cape Town 8001, South Africa\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(
        &parties,
        &[
            ("FENWRIGHT RETAIL GROUP PLC", "controller"),
            ("FENWRIGHT RETAIL (IRELAND) LIMITED", "controller"),
            ("BERGEN ANALYTICS LTD", "processor"),
        ],
    );
    assert_countries(&parties, &[("Bergen Analytics SA (Pty) Ltd", "ZA")]);
}

/// A Swiss privacy policy: the EU representative named below "folgende Vertretung in der
/// Europäischen Union bezeichnet:", and a paragraph naming the members of a table under a
/// generic title of recipients as processors ("Folgende Dienstleister bearbeiten Daten in
/// unserem Auftrag (Auftragsbearbeiter):").
#[test]
fn a_swiss_policys_representative_and_processors_under_a_recipients_title() {
    let text = "Für Kundinnen und Kunden mit Wohnsitz in der EU haben wir gemäss Art. 27 DSGVO \
        folgende Vertretung in der Europäischen Union bezeichnet:\n\n\
        Dreiland Datenschutz-Vertretung GmbH\nBasler Straße 120\n79540 Lörrach\nDeutschland\n\n\
        4. Empfängerinnen und Empfänger\n\n\
        Wir geben Personendaten nur bekannt, soweit dies für die genannten Zwecke erforderlich \
        ist. Folgende Dienstleister bearbeiten Daten in unserem Auftrag (Auftragsbearbeiter):\n\n\
        Dienstleister | Zweck | Speicherort\n\
        Auditiv Cloud AG, Baarerstrasse 78, 6300 Zug | Fachsoftware | Azure switzerlandnorth (Zürich)\n\
        Kurzmeldung AG, St. Gallen | SMS-Erinnerungen | Schweiz\n";
    assert_sole_roles(
        &pipeline_parties(text),
        &[
            ("Dreiland Datenschutz-Vertretung GmbH", "representative"),
            ("Auditiv Cloud AG", "processor"),
            ("Kurzmeldung AG", "processor"),
        ],
    );
}

/// A processors' table with a data-location and a transfer-safeguard column: "EU and USA"
/// and "EU-US Data Privacy Framework (Google LLC)" are no seat of Google Ireland Limited;
/// "(from 1 March 2027)" in a cell makes the row planned.
#[test]
fn countries_under_location_and_safeguard_columns_are_no_seat() {
    let text = "We use the following service providers, who process personal data on our behalf:\n\n\
        Provider | Purpose | Data location | Transfer safeguard\n\
        Amazon Web Services EMEA SARL | Hosting | eu-west-1 (Dublin) | –\n\
        Google Ireland Limited (Firebase Crashlytics) | Crash reports | EU and USA | EU-US Data Privacy Framework (Google LLC)\n\
        Intercom R&D Unlimited Company, Dublin | In-app support chat (from 1 March 2027) | EU | –\n";
    let parties = pipeline_parties(text);
    assert_ne!(
        party_named(&parties, "Google Ireland Limited")
            .country
            .as_deref(),
        Some("US"),
        "{parties:?}"
    );
    let intercom = party_named(&parties, "Intercom R&D Unlimited Company");
    assert!(
        intercom.planned && intercom.roles.is_empty(),
        "{intercom:?}"
    );
}

/// A privacy policy's lists titled by a role in the plural alone ("5.1 Processors", "5.2
/// Independent controllers"): their members take that role; "Until 30 June 2026 we used X"
/// between them is a former one.
#[test]
fn lists_titled_processors_and_independent_controllers() {
    let text = "5. Who we share data with\n\n5.1 Processors\n\n\
        Processor | What they do | Where | Safeguard\n\
        46elks AB, Uppsala | SMS notifications | Sweden | –\n\
        Mapbox, Inc., Washington, D.C., USA | Maps and geocoding | USA | SCCs, Module 2\n\n\
        Until 30 June 2026 we used Pyöräpalvelu Tech Oy (Helsinki, Finland) for fleet management; \
        its access has been removed.\n\n\
        5.2 Independent controllers\n\n\
        - Klarna Bank AB (publ), Stockholm – payment by invoice or instalments.\n\
        - UC AB, Stockholm – credit reports.\n\n\
        6. Your rights\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(
        &parties,
        &[
            ("46elks AB", "processor"),
            ("Mapbox, Inc.", "processor"),
            ("Klarna Bank AB", "controller"),
            ("UC AB", "controller"),
        ],
    );
    let former = party_named(&parties, "Pyöräpalvelu Tech Oy");
    assert!(former.former && former.roles.is_empty(), "{former:?}");
}

/// A sub-processor table as a PDF's text flattens it, a cell per line, under a header that
/// opens with the column of row numbers ("Nr. Unterauftragsverarbeiter (Firma,"): its rows
/// are sub-processors; a lower-case name after the row's number ("1 plusserver GmbH,"); a
/// name whose head stands after the row's number on the line above ("5 Apple
/// Distribution⏎International Ltd.,"); a status ending the row ("ab 01.01.2027"), also
/// above a header the page break repeated, is planned.
#[test]
fn a_flattened_pdf_table_of_sub_processors() {
    let text = "Liste der Unterauftragsverarbeiter\n\
        Anlage 3 zum Vertrag über die Auftragsverarbeitung (AVV) mit Schulen\n\
        Nr. Unterauftragsverarbeiter (Firma,\nAnschrift)\nGegenstand der\nLeistung\nStatus\n\
        1 plusserver GmbH,\nHohenzollernring 72,\n50672 Köln\nBetrieb der\nPlattform\n\
        nicht erforderlich (EU) aktiv seit 01.08.2022\n\
        5 Apple Distribution\nInternational Ltd.,\nHollyhill, Cork,\nIrland\nApple Push Notification\n\
        aktiv seit 01.08.2022\n\
        9 LINK Mobility GmbH,\nKöln\nSMS-Notfallbenachrichtigung\nnicht erforderlich\nab 01.01.2027\n\
        10 Lernpilot KI GmbH, Am\nNeuen Markt 9, 14467\nPotsdam\nKI-Schreibassistent\n\
        nicht erforderlich (EU) ab 01.02.2027\n\n\
        Nr. Unterauftragsverarbeiter (Firma,\nAnschrift)\nGegenstand der\nLeistung\nStatus\n\
        11 Zammad GmbH, Berlin\nSupport-Ticketsystem\naktiv seit 01.02.2023\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(
        &parties,
        &[
            ("plusserver GmbH", "subprocessor"),
            ("Apple Distribution International Ltd.", "subprocessor"),
            ("Zammad GmbH", "subprocessor"),
        ],
    );
    for name in ["LINK Mobility GmbH", "Lernpilot KI GmbH"] {
        let p = party_named(&parties, name);
        assert!(p.planned && p.roles.is_empty(), "{p:?}");
    }
}

/// A "Country" column beside a column of data locations is the seat: its ISO codes and flags
/// ("🇮🇪 IE", "🇮🇱" alone, "UK") give the rows their countries, and "BR" beats a later
/// cell; "Added Deepgram, Inc. (effective from 15 January 2027)" in a changelog is planned
/// like its row ("— effective from 15 January 2027").
#[test]
fn a_country_column_of_codes_and_flags_beside_data_locations() {
    let text = "| Sub-processor | Purpose | Country | Data location | Safeguard |\n\
        |---|---|---|---|---|\n\
        | Google Cloud EMEA Limited | Hosting | 🇮🇪 IE | europe-west1 (St. Ghislain) | — |\n\
        | Sabra Sentiment Ltd, 22 Rothschild Blvd, Tel Aviv | Sentiment | 🇮🇱 | Tel Aviv | Adequacy decision |\n\
        | Postal Survey Partners Ltd, Whitehall Road | Scanning | UK | Leeds | Adequacy decision |\n\
        | Ondaria Brasil Ltda., Av. Paulista 1000, São Paulo, SP | Support for Latin-American customers | BR | No storage | SCCs Module 3 |\n\
        | Deepgram, Inc., San Francisco, CA 94104 | Speech-to-text — effective from 15 January 2027 | US | USA | EU-US DPF |\n\n\
        Changelog\n\n\
        - 2026-11-02 — Added Deepgram, Inc. (effective from 15 January 2027). Objections until 14 January 2027.\n";
    let parties = file_result("subprocessors.md", text).parties;
    assert_countries(
        &parties,
        &[
            ("Google Cloud EMEA Limited", "IE"),
            ("Sabra Sentiment Ltd", "IL"),
            ("Postal Survey Partners Ltd", "GB"),
            ("Ondaria Brasil Ltda.", "BR"),
        ],
    );
    let deepgram = party_named(&parties, "Deepgram, Inc.");
    assert!(
        deepgram.planned && deepgram.roles.is_empty(),
        "{deepgram:?}"
    );
}

/// A fixed-width list whose rows' names the other columns' text cuts ("04 Microsoft Ireland
/// Operations IRL Microsoft 365 (E-Mail,⏎Limited, …"): the next row's number goes on with
/// the list; its closing rule, a blank line after it, ends it (the officer's company named
/// below is no member).
#[test]
fn a_fixed_width_list_goes_on_at_the_next_rows_number_and_ends_at_its_rule() {
    let text = "LISTE DER UNTERAUFTRAGNEHMER\n\n\
        ------------------------------------------------------------------------\n\
        Nr. Unterauftragnehmer Land Leistung\nStandort der Daten Garantie Status\n\
        ------------------------------------------------------------------------\n\
        03 Pflegetakt Software S.R.L. RO Softwareentwicklung,\nStr. Take Ionescu 46 2nd-Level-Support mit\n\
        300124 Timișoara Fernzugriff\nkeine Speicherung entfällt aktiv\n\n\
        04 Microsoft Ireland Operations IRL Microsoft 365 (E-Mail,\nLimited, One Microsoft Place, Teams, SharePoint) für\n\
        Leopardstown, Dublin 18\nRegion germanywestcentral entfällt aktiv\n\n\
        05 Kaveri Systems Ltd. IND 3rd-Level-Support und\nInfopark Phase II Datenbankadministration\n\
        keine Speicherung; verbindliche interne aktiv\n\
        ------------------------------------------------------------------------\n\n\
        Hinweise\n- Nr. 05 arbeitet ausschließlich per Fernzugriff.\n\n\
        Datenschutzbeauftragte der Pflegetakt GmbH:\nDipl.-Inf. Meike Wübbeler, datenschutz@pflegetakt.de\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(
        &parties,
        &[
            ("Pflegetakt Software S.R.L.", "subprocessor"),
            ("Kaveri Systems Ltd.", "subprocessor"),
        ],
    );
    assert!(
        !party_named(&parties, "Pflegetakt GmbH")
            .roles
            .contains(&"subprocessor".to_string()),
        "{parties:?}"
    );
}

/// A footnote's number after a closing bracket ("(“Fieldloom”),1 and Verhaeghe Elevator
/// Services NV") is no part of the next name.
#[test]
fn a_footnote_number_after_a_bracket_is_no_part_of_the_next_name() {
    let text =
        "This DPA is entered into between Fieldloom Europe Limited, 4 Hanover Quay, Dublin 2 \
        (“Fieldloom”),1 and Verhaeghe Elevator Services NV, Doorniksesteenweg 214, 8500 Kortrijk, \
        Belgium (“Customer”).";
    let names: Vec<String> = pipeline_parties(text).into_iter().map(|p| p.name).collect();
    assert!(
        names.iter().any(|n| n == "Verhaeghe Elevator Services NV"),
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n.contains("”),1")), "{names:?}");
}

/// A status cell that opens with a dash before its start date ("– ab 1. März 2027") is
/// read from the word, not from a byte inside the dash.
#[test]
fn a_status_cell_opening_with_a_dash() {
    let text = "Subauftragsverarbeiter | Leistung | Status\n\
        Mailjet SAS, 75012 Paris | E-Mail-Versand | aktiv\n\
        Archivum Datenverwahrung GmbH, 8010 Graz | Archiv | – ab 1. März 2027\n";
    let parties = pipeline_parties(text);
    let archivum = party_named(&parties, "Archivum Datenverwahrung GmbH");
    assert!(
        archivum.planned && archivum.roles.is_empty(),
        "{archivum:?}"
    );
}

/// An e-mail thread saved as text: a name's status is the one the newest message that
/// names it gives, not an older, quoted message's ("> ", ">> "); a quoted list's entry
/// "(ended 30 November 2026)" makes its name former.
#[test]
fn the_newest_message_of_an_e_mail_thread_decides_a_names_status() {
    let thread = "From: Privacy Team <privacy@example.co.uk>\n\
        Date: Tue, 2 Feb 2027 10:14:05 +0000\n\
        Subject: RE: Sub-processor update\n\n\
        Dear Griet,\n\n\
        Other changes since our notice:\n\
        - Kartenwerk Europe B.V. (Kennedyplein 222, 5611 ZT Eindhoven, the Netherlands) was\n  \
        offboarded on 31 December 2026 as announced.\n\n\
        Our list stays: Nordlicht Hosting GmbH, Hamburg (hosting).\n\n\
        > From: Griet Van Damme <dpo@example.be>\n\
        > Sent: 19 January 2027 16:02\n\
        > Subject: RE: Sub-processor update\n\
        >\n\
        > We do not object.\n\
        >\n\
        >> From: Privacy Team <privacy@example.co.uk>\n\
        >> Sent: 14 December 2026 09:30\n\
        >> Subject: Sub-processor update\n\
        >>\n\
        >> Our sub-processors as at 14 December 2026 are:\n\
        >>   - Zolder Desk B.V., Utrecht (Netherlands) - helpdesk (ended 30 November 2026)\n\
        >>   - Kartenwerk Europe B.V., Eindhoven (Netherlands) - maps\n\
        >>   - Nordlicht Hosting GmbH, Hamburg - hosting\n\
        >>\n\
        >> You may object within 30 days.\n";
    let result = common::check("thread.txt", thread);
    let get = |name: &str| {
        result
            .parties
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("no {name}: {:?}", result.parties))
    };
    assert!(get("Kartenwerk Europe B.V.").former);
    assert!(get("Zolder Desk B.V.").former);
    assert!(!get("Nordlicht Hosting GmbH").former);
}

/// A signature block's party labels ("Für den Auftragsverarbeiter:", "For the
/// Customer:") end a list of sub-processors above them, here a PDF's table flattened into
/// a line per cell: the signing parties are no members (the fourteenth blind set).
#[test]
fn a_signature_block_ends_the_list_above_it() {
    let text = "zwischen\nRheinauen Pflege GmbH, Hafenstraße 12, 50668 Köln – nachfolgend „Verantwortlicher“ –\n\
        und\nDatenwerk Nordlicht GmbH, Am Sandtorkai 44, 20457 Hamburg – nachfolgend „Auftragsverarbeiter“ –\n\
        Anlage 3 – Genehmigte Unterauftragsverarbeiter\nUnterauftragsverarbeiter\nAnschrift\nLeistung\n\
        Freshworks GmbH\nNeue Schönhauser Str. 3-5,\n10178 Berlin, Deutschland\nTicketsystem für den\n\
        Anwender-Support\n\
        Für den Verantwortlichen:\nUlrike Berghoff\nGeschäftsführerin\nRheinauen Pflege GmbH\n\
        For the Processor:\nMalte Friedrichsen\nGeschäftsführer\nDatenwerk Nordlicht GmbH\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(
        &parties,
        &[
            ("Freshworks GmbH", "subprocessor"),
            ("Rheinauen Pflege GmbH", "controller"),
            ("Datenwerk Nordlicht GmbH", "processor"),
        ],
    );
}

/// A party's definition whose intro word ends a line of its block ("vertreten durch den
/// Geschäftsführer Herrn Malte Friedrichsen – nachfolgend⏎„Auftragsverarbeiter" –"), and
/// a block that ends at "und" without a definition line of its own (its definition stands
/// inside a line): neither takes the next party's or a later definition (the fourteenth
/// blind set).
#[test]
fn a_definition_whose_intro_word_ends_a_line() {
    let text = "zwischen\n\
        Rheinauen Pflegedienste GmbH, Hafenstraße 12, 50668 Köln, Deutschland, vertreten\n\
        durch die Geschäftsführerin Frau Ulrike Berghoff – nachfolgend „Verantwortlicher\" –\n\
        und\n\
        Datenwerk Nordlicht GmbH, Am Sandtorkai 44, 20457 Hamburg, Deutschland,\n\
        vertreten durch den Geschäftsführer Herrn Malte Friedrichsen – nachfolgend\n\
        „Auftragsverarbeiter\" –\n\
        Präambel\n\
        Die Parteien haben am 1. Februar 2025 einen Software-as-a-Service-Vertrag\n\
        über die Nutzung der Software „CareDoc Cloud\"\n(nachfolgend\n„Hauptvertrag\")\n\
        geschlossen.\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(
        &parties,
        &[
            ("Rheinauen Pflegedienste GmbH", "controller"),
            ("Datenwerk Nordlicht GmbH", "processor"),
        ],
    );
}

/// A register number's "no." between a name and its seat ("…, a company incorporated in
/// Ireland (company no. 612884), whose registered office is at 14 Fitzwilliam Square
/// East, …") ends no sentence: the address is the party's (the fourteenth blind set).
#[test]
fn a_register_numbers_abbreviation_keeps_the_seat_with_its_party() {
    let text = "This DPA is entered into between:\n\
        Brightwater Learning Limited, a company incorporated in Ireland (company no. 612884), whose registered office is at 14 Fitzwilliam Square East, Dublin 2, D02 R869, Ireland (\"Customer\"); and\n\
        Kestrel Analytics Ltd, a company registered in England and Wales (company no. 09876543), whose registered office is at 2 Hardman Street, Manchester M3 3HF, United Kingdom (\"Processor\").\n";
    let parties = pipeline_parties(text);
    let city = |name: &str| {
        party_named(&parties, name)
            .address
            .as_ref()
            .and_then(|a| a.city.clone())
    };
    assert_eq!(
        city("Brightwater Learning Limited").as_deref(),
        Some("Dublin")
    );
    assert_eq!(city("Kestrel Analytics Ltd").as_deref(), Some("Manchester"));
}

/// A PDF's table flattened into a line per cell: a status the cell wrapped ("From 1⏎
/// November 2025") is read over an organisation named inside the row ("(Twilio Inc.)");
/// a change log's "will be engaged from …" keeps the name planned, and "… ceased to act
/// as a sub-processor …" makes a name former (the fourteenth blind set).
#[test]
fn a_wrapped_status_cell_and_a_change_logs_clauses() {
    let text = "3. Sub-processors\n\
        Sub-processor\nService\nLocation\nStatus\n\
        Twilio Ireland Limited\n25-28 North Wall Quay, Dublin 1,\nD01 H104, Ireland\nSMS one-time passwords\n\
        Ireland; United States\n(Twilio Inc.)\nFrom 1\nNovember 2025\n\
        Elastic N.V.\nKeizersgracht 281, 1016 ED\nAmsterdam, the Netherlands\nLog analytics\n\
        eu-central-1 (Frankfurt, DE)\nSince 1 October\n2024\n\n\
        4. Recent and upcoming changes\n\
        4.1 Mailjet SAS, 13-13 bis rue de l'Aubrac, 75012 Paris, France, ceased to act as a\n\
        sub-processor for transactional e-mail on 30 June 2025.\n\
        4.2 Twilio Ireland Limited will be engaged from 1 November 2025 to send SMS one-time\n\
        passwords.\n";
    let parties = pipeline_parties(text);
    let twilio = party_named(&parties, "Twilio Ireland Limited");
    assert!(twilio.planned && twilio.roles.is_empty(), "{twilio:?}");
    let elastic = party_named(&parties, "Elastic N.V.");
    assert!(!elastic.planned && !elastic.former, "{elastic:?}");
    assert!(party_named(&parties, "Mailjet SAS").former);
}

/// The roles of the party `name` of `r`.
fn roles_in(r: &dpascan::report::DocResult, name: &str) -> Vec<String> {
    r.parties
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.roles.clone())
        .unwrap_or_else(|| panic!("no {name}: {:?}", r.parties))
}

/// A table pasted as text with its cells between tabs reads as a table: its role column
/// speaks for each row over the role the introduction gives the list ("Unless stated
/// otherwise they act as our processors"), and a signature block laid out with tabs does
/// not join the list above it (the fourteenth blind set).
#[test]
fn a_tab_separated_table_and_its_role_column() {
    let policy = "4. WHO WE SHARE YOUR DATA WITH\n\n\
        4.1 We use the following service providers. Unless stated otherwise they act as our processors and may only use your data on our instructions:\n\n\
        Provider\tAddress\tService\tRole\tLocation\n\
        Klaviyo, Inc.\t125 Summer Street, Boston, MA 02110, USA\tE-mail marketing\tProcessor\tUnited States\n\
        Royal Mail Group Limited\t185 Farringdon Road, London EC1A 1AA, United Kingdom\tParcel delivery\tIndependent controller\tUnited Kingdom\n";
    let r = common::check("policy.txt", policy);
    let roles = |name: &str| roles_in(&r, name);
    assert_eq!(roles("Klaviyo, Inc."), ["processor"]);
    assert_eq!(roles("Royal Mail Group Limited"), ["controller"]);

    let avv = "zwischen\nTreuhand Limmatblick AG, Seefeldstrasse 123, 8008 Zürich (nachfolgend „Verantwortlicher“)\n\
        und\nAlpsoft Lohn AG, Bahnhofstrasse 21, 6300 Zug (nachfolgend „Auftragsbearbeiter“)\n\n\
        ANHANG 2 - UNTERAUFTRAGSBEARBEITER\n\n\
        Firma\tAdresse\tLeistung\n\
        Infomaniak Network SA\tRue Eugène-Marziano 25, 1227 Les Acacias\tHosting\n\n\
        Für den Verantwortlichen:\tFür den Auftragsbearbeiter:\n\
        Dr. Reto Baumann\tCorinne Imhof, CEO\n\
        Treuhand Limmatblick AG\tAlpsoft Lohn AG\n";
    let r = common::check("avv.txt", avv);
    let roles = |name: &str| roles_in(&r, name);
    assert_eq!(roles("Infomaniak Network SA"), ["subprocessor"]);
    assert_eq!(roles("Treuhand Limmatblick AG"), ["controller"]);
}

/// A defined short name as the subject of "will process … on behalf of the Customer", the
/// line wrapped inside the predicate as a PDF's text has it, makes its organisation the
/// processor (the fourteenth blind set).
#[test]
fn a_short_name_that_will_process_on_the_customers_behalf_is_the_processor() {
    let text = "This Data Processing Agreement is made between\n\
        (1) Vesterbro Fintech ApS, Vesterbrogade 149, 1620 København V, Denmark (the \"Customer\"); and\n\
        (2) Meridian Ledger Technologies Private Limited, Outer Ring Road, Bengaluru 560103, India (\"Meridian\").\n\
        Background\n\
        (B) In performing the Services Agreement Meridian will process personal\n\
        data on behalf of the Customer.\n";
    let parties = pipeline_parties(text);
    assert_sole_roles(
        &parties,
        &[
            ("Vesterbro Fintech ApS", "controller"),
            ("Meridian Ledger Technologies Private Limited", "processor"),
        ],
    );
}

/// The publisher of a list who introduces itself under the list's title as "we"
/// ("Lumière RH SAS, … (\"Lumière RH\", \"we\") provides …") is no member of its list (the
/// fourteenth blind set).
#[test]
fn a_lists_publisher_speaking_as_we_is_no_member() {
    let text = "# Sub-processors\n\nLast updated: 15 April 2026 · Version 7.2\n\n\
        Lumière RH SAS, 27 rue de la République, 69002 Lyon, France (\"Lumière RH\", \"we\") provides a cloud-based HR system. \
        Our customers act as controllers; Lumière RH acts as their processor. We engage the sub-processors listed below.\n\n\
        | Sub-processor | Service |\n|---|---|\n| OVH SAS, 2 rue Kellermann, 59100 Roubaix | Hosting |\n";
    let r = common::check("list.md", text);
    assert_eq!(roles_in(&r, "Lumière RH SAS"), ["processor"]);
    assert_eq!(roles_in(&r, "OVH SAS"), ["subprocessor"]);
}

/// A planned member's start date against the document's own date ("Stand", "as at",
/// an e-mail's "Date:"): a start that has passed makes the member current, one ahead
/// keeps it planned; a sentence in the future tense with a start date ahead ("Wir werden
/// ab dem 1. März 2026 zusätzlich die … einsetzen") announces a planned one (the
/// thirteenth and fourteenth blind sets).
#[test]
fn a_planned_members_start_date_is_compared_with_the_documents_date() {
    let table = |date: &str| {
        format!(
            "Unterauftragsverarbeiter – Stand: {date}\n\n\
             Unterauftragsverarbeiter | Leistung | Land | Status\n\
             Bergwerk Hosting GmbH, Zechenweg 3, 45127 Essen | Hosting | Deutschland | aktiv\n\
             Alpenraum Datenraum AG, Marktgasse 8, CH-9050 Appenzell | Datenraum | Schweiz | geplant ab 01.02.2027\n"
        )
    };
    let planned = |text: &str, name: &str| {
        let result = common::check("list.md", text);
        result
            .parties
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("no {name}: {:?}", result.parties))
            .planned
    };
    assert!(!planned(&table("01.03.2027"), "Alpenraum Datenraum AG"));
    assert!(planned(&table("15.01.2027"), "Alpenraum Datenraum AG"));
    assert!(!planned(&table("15.01.2027"), "Bergwerk Hosting GmbH"));

    let notice = |date: &str| {
        format!(
            "Liste der Unterauftragsverarbeiter\n\nStand dieser Liste: {date}.\n\n\
             Wir setzen die Bergwerk Hosting GmbH, Zechenweg 3, 45127 Essen, für das Hosting ein.\n\n\
             Wir werden ab dem 1. März 2026 zusätzlich die Lahnstein Backup SE, Elgendorfer Str. 57, \
             56410 Montabaur, für verschlüsselte Backups einsetzen.\n"
        )
    };
    assert!(planned(&notice("15. Januar 2026"), "Lahnstein Backup SE"));
    assert!(!planned(&notice("15. April 2026"), "Lahnstein Backup SE"));
    assert!(!planned(
        &notice("15. Januar 2026"),
        "Bergwerk Hosting GmbH"
    ));

    // Without a label: a row's start date, or one in the sentence before the name, ahead
    // of the document's date makes the member planned; a note below the list does not.
    let amendment = |date: &str| {
        format!(
            "Nachtrag Nr. 2 zum Auftragsverarbeitungsvertrag – Stand: {date}\n\n\
             (2) An die Stelle der Kranich Mail Inc. tritt mit Wirkung ab 1. Juni 2026 die \
             Sendwerk GmbH, Augustinerplatz 2, 79098 Freiburg.\n\n\
             Unterauftragsverarbeiter | Leistung | Land | Hinweis\n\
             Bergwerk Hosting GmbH, Zechenweg 3, 45127 Essen | Hosting | Deutschland | seit 01.06.2024\n\
             Sendwerk GmbH, Augustinerplatz 2, 79098 Freiburg | Newsletter | Deutschland | ab 1. Juni 2026\n\n\
             Geplant ab 1. Juli 2026: Ablösung der Bergwerk Hosting GmbH.\n"
        )
    };
    assert!(planned(&amendment("15. April 2026"), "Sendwerk GmbH"));
    assert!(!planned(&amendment("15. Juli 2026"), "Sendwerk GmbH"));
    assert!(!planned(
        &amendment("15. April 2026"),
        "Bergwerk Hosting GmbH"
    ));

    let list = "Unterauftragsverarbeiter (Stand: 15. April 2026)\n\n\
        - Bergwerk Hosting GmbH, Zechenweg 3, 45127 Essen\n\n\
        Geplant ab 1. Juli 2026: Umzug des Archivs in ein zweites Rechenzentrum.\n";
    assert!(!planned(list, "Bergwerk Hosting GmbH"));

    // "Planned – start 2026-03-01" in a list last updated 2026-05-15: current.
    let iso = "Sub-processors – Last updated: 2026-05-15\n\n\
        Sub-processor | Service | Status\n\
        Kestrel Hosting Oy, Helsinki | Hosting | Since 2022-01-10\n\
        Fjord Mail AS, Oslo | E-mail; support by Fjord Mail Inc. (USA) | Planned – start 2026-03-01\n\
        Saimaa Analytics Oy, Lappeenranta | Analytics | Planned – start 2026-09-01\n";
    assert!(!planned(iso, "Fjord Mail AS"));
    assert!(planned(iso, "Saimaa Analytics Oy"));
}

/// Lines longer than the line scan's reach, cut inside a character ("→", "ü", "😀"), above,
/// below and beside names, in tables, lists and entries, are read without a panic: the
/// scans that step from a line's end to the next line (or from its start to the line
/// above) stop at a line they cut off.
#[test]
fn long_lines_of_wide_characters_around_names_are_read() {
    let layouts = [
        "{n}\n{w}\nHRB 12345\n",
        "{n}, Hauptstraße 1\n{w}\n10115 Berlin\n",
        "- {n}\n  Sitz: {w}\n",
        "{n} | {w} | Deutschland\n{n} | Hosting | US\n",
        "Unterauftragsverarbeiter:\n{n}\n{w}\nStatus: geplant ab 01.02.2027\n",
        "{n}\n\n{w}\n\nSitz: Zug\n",
        "Auftragsverarbeiter: {n}\n{w}\n(„Auftragsverarbeiter“)\n",
        "{w}\n{n}\n{w}\n",
        "Name | Land | Status\n{w}\n{n} | Deutschland | aktiv\n",
        "Auftraggeber\n{w}\nAuftragnehmer\n{n}\n",
        "{n} | Hosting\n{w} | x\n10115 Berlin | Deutschland\n",
        "{n}\n{w}\nDeutschland\n",
        "Sitz | {w} | {n} | Hauptstraße 1, 10115 Berlin | {w} | Deutschland\n",
    ];
    for layout in layouts {
        for (wide, bytes) in [("→", 700), ("ü", 700), ("😀", 700), ("€", 2100)] {
            for pad in 0..4 {
                let w = format!("{}{}", "x".repeat(pad), wide.repeat(bytes / wide.len()));
                let doc = layout
                    .replace("{n}", "Nordlicht Hosting GmbH")
                    .replace("{w}", &w);
                let text = format!("Stand: 01.03.2027\n\n{doc}{doc}");
                let result = common::check("list.txt", &text);
                assert!(
                    result
                        .parties
                        .iter()
                        .any(|p| p.name == "Nordlicht Hosting GmbH"),
                    "{layout:?} {wide} {pad}"
                );
            }
        }
    }
}

/// Ukrainian companies ("TOV", ТОВ) are organisations, with the country their name or
/// row gives (the fifteenth blind set, documents 01 and 05).
#[test]
fn a_ukrainian_tov_is_an_organisation() {
    let text = "Unterauftragsverarbeiter\n\n\
        Die folgenden Unterauftragsverarbeiter verarbeiten personenbezogene Daten in unserem \
        Auftrag. Wir haben mit jedem von ihnen einen Vertrag geschlossen.\n\n\
        Gesellschaft | Anschrift | Tätigkeit | Land\n\
        Bergwerk Hosting GmbH | Zechenweg 3, 45127 Essen | Hosting | Deutschland\n\
        Gletscher HR Ukraine TOV | vul. Stryiska 45, 79026 Lwiw | Softwaretests | Ukraine\n\
        Kvadrat Dev TOV | vul. Zhylianska 75, 01032 Kyjiw, Ukraine | Entwicklung | Ukraine\n";
    let result = common::check("list.md", text);
    for name in ["Gletscher HR Ukraine TOV", "Kvadrat Dev TOV"] {
        let p = result
            .parties
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("no {name}: {:?}", result.parties));
        assert_eq!(p.country.as_deref(), Some("UA"), "{name}");
        assert_eq!(p.legal_form.as_deref(), Some("TOV"), "{name}");
    }
}

/// A use that ended is read from the sentence that opens with its last day before the
/// document's own date ("Bis zum 31. Dezember 2025 haben wir … der Optiview Software Ltd.
/// … genutzt." in a policy of 1 March 2026, also after a label: "Hinweis: Bis März 2025 …"), from a parent item that labels what was
/// replaced ("  - Ersetzt: ⏎    - Freshworks Inc., …"), and from the word that ends the
/// use followed by its date ("– beendet per 28. Februar 2026", "Discontinued
/// 2026-02-28;"): the fifteenth blind set's practice. A last day still ahead, or no date
/// after the word, leaves the name current.
#[test]
fn a_use_ended_by_a_date_or_under_a_replaced_label_is_former() {
    let policy = "Datenschutzerklärung\n\nStand: 1. März 2026\n\nVerantwortlich ist die \
                  Klarsicht Optik Versand GmbH & Co. KG, Speicherstraße 31, 28217 Bremen.\n\n\
                  Bis zum 31. Dezember 2025 haben wir für die Videoberatung den Dienst \
                  „Optiview Live“ der Optiview Software Ltd. (Tel Aviv, Israel) genutzt. Die \
                  Zusammenarbeit ist beendet.\n\nBis zum 31. Dezember 2026 führen wir die \
                  Umfragen mit der LimeSurvey GmbH, Papenreye 63, 22453 Hamburg, durch.\n\n\
                  Hinweis: Bis März 2025 nutzten wir für den SMS-Versand die Twilio Ireland \
                  Limited, 25-28 North Wall Quay, Dublin 1, Irland.\n";
    let parties = pipeline_parties(policy);
    // The sentence opens with its date after a note's label.
    assert!(
        party_named(&parties, "Twilio Ireland Limited").former,
        "{parties:?}"
    );
    assert!(
        party_named(&parties, "Optiview Software Ltd.").former,
        "{parties:?}"
    );
    // Its last day is still ahead.
    assert!(
        !party_named(&parties, "LimeSurvey GmbH").former,
        "{parties:?}"
    );

    let list = "Unterauftragsverarbeiter der Gletscher HR AG\n\nStand: 1. April 2026\n\n\
                - Zendesk, Inc., 989 Market Street, San Francisco, CA 94103, USA\n  \
                - Leistung: Kundensupport\n  - Ersetzt:\n    - Freshworks Inc., 2950 S. \
                Delaware Street, Suite 201, San Mateo, CA 94403, USA; alle Tickets wurden \
                migriert\n\
                - Pipedrive OÜ, Mustamäe tee 3a, 10615 Tallinn, Estland – beendet per 28. \
                Februar 2026\n\
                - Brevo SAS, 55 rue d'Amsterdam, 75008 Paris, Frankreich – beendet per \
                E-Mail-Anfrage des Kunden möglich\n";
    let parties = pipeline_parties(list);
    assert!(
        party_named(&parties, "Freshworks Inc.").former,
        "{parties:?}"
    );
    assert!(party_named(&parties, "Pipedrive OÜ").former, "{parties:?}");
    // Control: the parent entry, and a word of ending with no date after it.
    assert!(
        !party_named(&parties, "Zendesk, Inc.").former,
        "{parties:?}"
    );
    assert!(!party_named(&parties, "Brevo SAS").former, "{parties:?}");
}

/// A party removed is former, not also unused; a provider whose named entities all are
/// out of use (former, unused or planned) is no provider of the document however often
/// it is named ("Intercom R&D Unlimited Company is no longer a sub-processor" and the
/// chat widget "Intercom" before it): the sixteenth blind set's practice.
#[test]
fn a_provider_out_of_use_is_no_provider() {
    let list = "Sub-processors\n\nLast updated: 1 April 2026\n\n\
                | Sub-processor | Purpose | Location |\n\
                | Amazon Web Services EMEA SARL | Hosting | Frankfurt, Germany |\n\
                | Zendesk, Inc. | Support tickets | United States |\n\n\
                In-app chat: Intercom. Intercom R&D Unlimited Company is no longer a \
                sub-processor since 31 January 2026.\n\nMailgun Technologies, Inc. was removed as a sub-processor on March 1, \
                2026.\n";
    let r = pipeline(list);
    let intercom = party_named(&r.parties, "Intercom R&D Unlimited Company");
    assert!(intercom.former && !intercom.not_used, "{intercom:?}");
    let mailgun = party_named(&r.parties, "Mailgun Technologies, Inc.");
    assert!(mailgun.former && !mailgun.not_used, "{mailgun:?}");
    let names: Vec<&str> = r.providers.iter().map(|p| p.name.as_str()).collect();
    assert!(!names.contains(&"Intercom"), "{names:?}");
    // Control: the providers in use.
    assert!(names.contains(&"Amazon Web Services"), "{names:?}");
    assert!(names.contains(&"Zendesk"), "{names:?}");
}

/// A label whose whole value is a negation ("Drittlandübermittlung: keine") negates
/// nothing on the line below it: the fifteenth blind set's CleverReach is used.
#[test]
fn a_negated_labels_value_stays_on_its_line() {
    let policy = "Empfänger\n\n\
                  Lentes Precisión S.L.: Anschrift: Calle de Alcalá 120, 28009 Madrid, Spanien\n\
                  Drittlandübermittlung: keine\n\
                  CleverReach GmbH & Co. KG: Anschrift: Schafjückenweg 2, 26180 Rastede, \
                  Deutschland\n\
                  Rolle: Auftragsverarbeiter (Newsletter)\n";
    let r = pipeline(policy);
    assert!(
        !party_named(&r.parties, "CleverReach GmbH & Co. KG").not_used,
        "{:?}",
        r.parties
    );
    assert!(
        r.providers.iter().any(|p| p.name == "CleverReach"),
        "{:?}",
        r.providers
    );
}

/// An organisation that is the subject of a sentence denying it the role of one who
/// receives the data ("Hetzner Online GmbH ist kein weiterer Auftragsverarbeiter und
/// erhält keine personenbezogenen Daten", "LinkedIn Sales Navigator … ist kein
/// Unterauftragsverarbeiter", "…; it is therefore not a sub-processor"), or that follows
/// a label saying so ("Not a sub-processor: Google Maps Platform (Google Ireland
/// Limited)"), is not used, and neither is its provider (the fifteenth and sixteenth
/// blind sets' practice), and so is one after a negation that governs it ("Wir selbst
/// übermitteln keine Daten an die TWINT AG"). One denied a sub-processor's role to be a
/// controller, one that is no subject, one beside a clause about another and one after a
/// negation of something else ("Keine Haftung übernimmt die Brevo GmbH") are used.
#[test]
fn an_organisation_denied_a_recipients_role_is_not_used() {
    let text = "Anlage 3 – Unterauftragsverarbeiter\n\n\
                Der erwogene Einsatz der Hetzner Online GmbH als Hosting-Dienstleister wird \
                nicht umgesetzt; Hetzner Online GmbH ist kein weiterer Auftragsverarbeiter und \
                erhält keine personenbezogenen Daten des Verantwortlichen.\n\n\
                LinkedIn Sales Navigator wird von unserem Vertrieb nur für eigene Zwecke \
                genutzt und ist kein Unterauftragsverarbeiter.\n\n\
                Not a sub-processor: Google Maps Platform (Google Ireland Limited) is used only \
                to display map tiles.\n\n\
                Microsoft Ireland Operations Limited is used for our internal e-mail only; it \
                is therefore not a sub-processor.\n\n\
                Nordlicht Druck GmbH ist kein Unterauftragsverarbeiter.\n\n\
                Salesforce nutzen wir für die eigene Vertriebsdatenbank; Salesforce ist kein \
                Unterauftragsverarbeiter.\n\n\
                Mailjet SAS ist kein Unterauftragsverarbeiter, sondern eigenständig \
                Verantwortlicher für den Versand.\n\n\
                Wir übermitteln Ticketdaten an die\nZendesk, Inc., die kein \
                Unterauftragsverarbeiter ist.\n\n\
                Twilio Inc. erhält Telefonnummern; der Kunde ist kein \
                Unterauftragsverarbeiter.\n\n\
                Wir selbst übermitteln keine Daten an die TWINT AG oder an \
                Kartenorganisationen.\n\n\
                Keine Haftung übernimmt die Brevo GmbH für Zustellfehler.\n\n\
                Bis 2023 lagen Sicherungskopien in Luxemburg. Die Amazon Web Services EMEA \
                SARL ist kein aktueller Unterauftragnehmer.\n\n\
                Die Scaleway SAS ist Unterauftragnehmer für das Hosting.\n";
    let r = pipeline(text);
    for name in [
        "Hetzner Online GmbH",
        // After an article, and a current role denied (the twenty-seventh blind set).
        "Amazon Web Services EMEA SARL",
        "Google Ireland Limited",
        "Microsoft Ireland Operations Limited",
        // No provider's entity: the party's own mention says it.
        "Nordlicht Druck GmbH",
        // A negation before it (the twentieth and twenty-fourth blind sets).
        "TWINT AG",
    ] {
        assert!(
            party_named(&r.parties, name).not_used,
            "{name}: {:?}",
            r.parties
        );
    }
    for name in [
        "Mailjet SAS",
        "Zendesk, Inc.",
        "Twilio Inc.",
        "Brevo GmbH",
        "Scaleway SAS",
    ] {
        assert!(
            !party_named(&r.parties, name).not_used,
            "{name}: {:?}",
            r.parties
        );
    }
    let names: Vec<&str> = r.providers.iter().map(|p| p.name.as_str()).collect();
    for gone in [
        "Hetzner",
        "LinkedIn",
        "Google Maps",
        "Microsoft",
        "Salesforce",
        "Amazon Web Services",
    ] {
        assert!(!names.contains(&gone), "{gone}: {names:?}");
    }
    for kept in ["Mailjet", "Zendesk", "Twilio", "Scaleway"] {
        assert!(names.contains(&kept), "{kept}: {names:?}");
    }
}

/// A sentence whose subject is a disclosure and that ends by denying it names no
/// recipient, however long its clauses ("Eine Weitergabe … an die ResaleHub Ltd. mit Sitz
/// in Gibraltar, über deren … Tickets … weiterverkauft werden konnten und mit der wir …
/// Gespräche … geführt haben, findet nicht statt", the twenty-ninth blind set); a provider
/// after an aside set off by dashes is not used when the sentence says so after it
/// ("Google Analytics – which … – is not used"), nor one a verb of embedding denies ("We
/// also do not embed YouTube videos"). A denial with an exception after it, and an aside
/// before a use, leave theirs standing.
#[test]
fn a_denied_disclosure_names_no_recipient() {
    let text = "Datenschutzerklärung\n\n\
        Eine Weitergabe Ihrer Bestell- und Kontaktdaten an die ResaleHub Ltd. mit Sitz in \
        Gibraltar, über deren Zweitmarktplattform Tickets für einige Großkonzerte unseres \
        Kooperationspartners bis 2022 weiterverkauft werden konnten und mit der wir im Herbst \
        2024 erneut Gespräche über eine Wiederverkaufsfunktion geführt haben, findet nicht \
        statt.\n\n\
        Eine Weitergabe an die Ticketwelt Ltd. mit Sitz in Gibraltar erfolgt nicht, es sei \
        denn, Sie buchen dort.\n\n\
        Eine Übermittlung an Stripe, deren Zahlungsdienst wir im vergangenen Jahr für \
        Kartenzahlungen in unserem Ticketshop geprüft haben, findet nicht statt.\n\n\
        Google Analytics – which many platforms in the education market rely on and which an \
        early prototype of our portal briefly tested in 2019 – is not used on our website. \
        We also do not embed YouTube videos.\n\n\
        Zendesk – our helpdesk since 2021 – is used for support tickets.\n";
    let r = pipeline(text);
    assert!(
        party_named(&r.parties, "ResaleHub Ltd.").not_used,
        "{:?}",
        r.parties
    );
    assert!(
        !party_named(&r.parties, "Ticketwelt Ltd.").not_used,
        "{:?}",
        r.parties
    );
    let names: Vec<&str> = r.providers.iter().map(|p| p.name.as_str()).collect();
    for gone in ["Stripe", "Google Analytics", "YouTube"] {
        assert!(!names.contains(&gone), "{gone}: {names:?}");
    }
    assert!(names.contains(&"Zendesk"), "{names:?}");
}

/// A list entry's start after a printed line that opens with a parenthesis ("…
/// Übersetzung von Dokumenten⏎(optionale Funktion „Polizzen-Übersetzung“); Einsatz
/// geplant ab Q3/2026") is in the name's sentence, so the name is planned.
#[test]
fn a_start_past_a_parenthesised_line_is_the_entrys() {
    let text = "Auftragsverarbeitungsvertrag · Stand: März 2026\n\nUnterauftragsverarbeiter:\n\
                4. DeepL SE, Maarweg 165, 50825 Köln, Deutschland – Übersetzung von Dokumenten\n\
                (optionale Funktion „Polizzen-Übersetzung“); Einsatz geplant ab Q3/2026. Bis zur \
                Aktivierung\ndurch den Auftraggeber werden keine Daten an DeepL übermittelt.\n";
    let parties = pipeline_parties(text);
    assert!(party_named(&parties, "DeepL SE").planned, "{parties:?}");
}

/// A document dated by its month only ("Stand: Jänner 2026") speaks as of the month's first
/// day, and a use that ended in a month ("Bis Oktober 2025 haben wir … Mailchimp (The Rocket
/// Science Group LLC, …) genutzt") is former once that month has begun before it.
#[test]
fn a_month_dates_the_document_and_ends_a_use() {
    let text = |stand: &str| {
        format!(
            "Datenschutzerklärung\n\nStand: {stand}\n\n\
             Ab Q2/2026 planen wir, für die qualifizierte elektronische Signatur die Dienste \
             der A-Trust GmbH, Landstraßer Hauptstraße 5, 1030 Wien, zu nutzen.\n\n\
             Bis Oktober 2025 haben wir für den Newsletter die Sendwerk Mailing GmbH, \
             Hauptstraße 5, 10115 Berlin, genutzt.\n"
        )
    };
    // (the document's month, A-Trust planned, Sendwerk former)
    for (stand, planned, former) in [
        ("Jänner 2026", true, true),
        ("Juli 2026", false, true),
        ("September 2025", true, false),
    ] {
        let parties = pipeline_parties(&text(stand));
        assert_eq!(
            party_named(&parties, "A-Trust GmbH").planned,
            planned,
            "{stand}: {parties:?}"
        );
        assert_eq!(
            party_named(&parties, "Sendwerk Mailing GmbH").former,
            former,
            "{stand}: {parties:?}"
        );
    }
}

/// A start given as a quarter ("Ab Q2/2026 planen wir, … die Dienste der A-Trust GmbH …
/// zu nutzen", "Voraussichtlich im Q3/2026 werden wir … die OpenAI Ireland Limited …")
/// or in a sentence of what is planned ("From 1 September 2026 we plan to use Intercom
/// (Intercom R&D Unlimited Company, …)") makes the name planned while the start is ahead
/// of the document's date, and current once it has passed; without the document's date,
/// the words of a plan decide (the sixteenth blind set's practice).
#[test]
fn a_start_by_quarter_or_plan_makes_a_name_planned() {
    let text = |stand: &str| {
        format!(
            "Datenschutzerklärung\n\nStand: {stand}\n\n\
             Ab Q2/2026 planen wir, für die qualifizierte elektronische Signatur die Dienste \
             der A-Trust GmbH, Landstraßer Hauptstraße 5, 1030 Wien, zu nutzen.\n\n\
             Voraussichtlich im Q3/2026 werden wir zusätzlich die OpenAI Ireland Limited, 1st \
             Floor, The Liffey Trust Centre, Dublin 1, Irland, einsetzen.\n\n\
             From 1 September 2026 we plan to use Intercom (Intercom R&D Unlimited Company, \
             2nd Floor, Stephen Court, Dublin 2, Ireland) for the support chat.\n"
        )
    };
    let names = [
        "A-Trust GmbH",
        "OpenAI Ireland Limited",
        "Intercom R&D Unlimited Company",
    ];
    let parties = pipeline_parties(&text("15. Januar 2026"));
    for name in names {
        assert!(party_named(&parties, name).planned, "{name}: {parties:?}");
    }
    let parties = pipeline_parties(&text("1. Oktober 2026"));
    for name in names {
        assert!(!party_named(&parties, name).planned, "{name}: {parties:?}");
    }
    // Without the document's date, the words of a plan speak.
    let parties = pipeline_parties(&text("Oktober"));
    for name in names {
        assert!(party_named(&parties, name).planned, "{name}: {parties:?}");
    }
}

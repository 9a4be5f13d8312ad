//! The transfer decision over whole documents, extracted and analysed as `check` does:
//! what states that personal data goes to a third country, and what only names such
//! transfers (a heading, the processor's instructions, a condition).

mod common;

use common::{check, reason};
use dpascan::report::DocResult;

/// `third_country_transfer` and whether a `contradiction` is among the risk reasons.
fn verdict(r: &DocResult) -> (Option<bool>, bool) {
    let contradiction = r.risk.reasons.iter().any(|x| x.code == "contradiction");
    (r.transfers.third_country_transfer, contradiction)
}

/// Whether the party named `name` (exactly) is former; `None` when there is no such party.
fn former_of(r: &DocResult, name: &str) -> Option<bool> {
    r.parties.iter().find(|p| p.name == name).map(|p| p.former)
}

/// Each of `none`, put into an EU-only document by `doc`, leaves the answer "no" without a
/// contradiction; `some` makes it "yes", contradicting the EU-only statement.
fn assert_no_transfer_but(doc: impl Fn(&str) -> String, none: &[&str], some: &str) {
    for text in none {
        let r = check("doc.txt", &doc(text));
        assert_eq!(verdict(&r), (Some(false), false), "{text:?}");
    }
    let r = check("doc.txt", &doc(some));
    assert_eq!(verdict(&r), (Some(true), true), "{some:?}");
}

/// An English DPA that says processing stays in the EU, followed by `sentence`.
fn eu_only_dpa(sentence: &str) -> String {
    format!(
        "Data Processing Agreement\n\nThe processing takes place exclusively in a member \
         state of the European Union. {sentence}\n"
    )
}

/// A German privacy policy whose section on third countries has `body` under `heading`.
fn policy_with_section(heading: &str, body: &str) -> String {
    format!(
        "# Datenschutzerklärung\n\nVerantwortlich ist die Beispiel GmbH, Musterstraße 1, 10115 \
         Berlin.\n\n{heading}\n\n{body}\n\nDie Verarbeitung erfolgt ausschließlich in der \
         Europäischen Union.\n"
    )
}

/// A heading ("Übermittlung in Drittländer", numbered or a Markdown heading) names the
/// section's subject: under it, "findet nicht statt" and an EU-only statement make the
/// answer "no", with no contradiction. A statement under the same heading still counts.
#[test]
fn a_heading_that_names_third_countries_states_no_transfer() {
    let none = "Eine Übermittlung Ihrer Daten in Drittländer findet nicht statt.";
    for (name, heading) in [
        ("policy.md", "## Übermittlung in Drittländer"),
        ("policy.md", "## 6. Datenübermittlung in die USA"),
        ("policy.txt", "6. Übermittlung in Drittländer"),
        ("policy.txt", "Übermittlung in Drittländer"),
        ("policy.txt", "§ 7 Transfers to third countries"),
    ] {
        let r = check(name, &policy_with_section(heading, none));
        assert_eq!(verdict(&r), (Some(false), false), "{heading:?}");
    }
    let some = "Wir übermitteln Ihre E-Mail-Adresse in die USA.";
    let r = check(
        "policy.md",
        &policy_with_section("## Übermittlung in Drittländer", some),
    );
    assert_eq!(verdict(&r), (Some(true), true));
}

/// A negation after a relative clause set off by commas negates the transfer before it:
/// "Eine Verarbeitung in den USA oder in sonstigen Drittländern, für die kein
/// Angemessenheitsbeschluss … besteht, findet nicht statt" (the twenty-seventh blind set),
/// whose "findet nicht statt" stands more than 120 bytes after "USA". The same sentence
/// with a mechanism in its place states the transfer.
#[test]
fn a_negation_after_a_relative_clause_negates_the_transfer() {
    let sentence = |end: &str| {
        format!(
            "Eine Verarbeitung in den USA oder in sonstigen Drittländern, für die kein \
             Angemessenheitsbeschluss der Europäischen Kommission besteht, {end}."
        )
    };
    let r = check(
        "policy.md",
        &policy_with_section("## Hosting", &sentence("findet nicht statt")),
    );
    assert_eq!(verdict(&r), (Some(false), false));
    let r = check(
        "policy.md",
        &policy_with_section(
            "## Hosting",
            &sentence("erfolgt auf Grundlage der Standardvertragsklauseln"),
        ),
    );
    assert_eq!(verdict(&r), (Some(true), true));
}

/// A place conceded and then denied ("Hetzner also runs data centres in Ashburn (Virginia,
/// USA) and Singapore, but none of our servers or backups are located there", the
/// twenty-ninth blind set) is no destination: an EU-only DPA stays "no". Without the
/// concession word the clause after "but" leaves the place standing ("Support staff in
/// the USA access the data remotely, but no data is stored there" is a transfer).
#[test]
fn a_place_conceded_and_denied_is_no_destination() {
    let conceded = [
        "Hetzner also runs data centres in Ashburn (Virginia, USA), Hillsboro (Oregon, USA) \
         and Singapore, but none of our servers or backups are located there.",
        "Der Anbieter betreibt zwar auch Rechenzentren in den USA, aber keiner unserer Server \
         steht dort.",
    ];
    let transfer = "Support staff in the USA access the data remotely, but no data is stored \
                    there.";
    assert_no_transfer_but(eu_only_dpa, &conceded, transfer);
}

/// A cloud region named right after a provider of the past is no place the data goes
/// now: "Jira Service Management Cloud, hosted in AWS us-east-1 (USA), was used for the
/// helpdesk until 30 June 2023" (the thirtieth blind set) leaves no location in the US,
/// while a current use of the same region does.
#[test]
fn a_region_of_a_former_provider_is_no_location() {
    let us = |sentence: &str| {
        let r = check("doc.txt", &eu_only_dpa(sentence));
        r.locations
            .iter()
            .any(|l| l.country.as_deref() == Some("US"))
    };
    assert!(!us(
        "Jira Service Management Cloud, hosted in AWS us-east-1, was used for the helpdesk \
         until 30 June 2023."
    ));
    assert!(us(
        "Jira Service Management Cloud, hosted in AWS us-east-1, is used for the helpdesk."
    ));
}

/// A table of contents without numbers or page numbers, under its title ("Inhalt"),
/// lists headings: "Empfänger und Drittlandübermittlung" there states no transfer (the
/// twenty-fourth blind set). The same lines under another title are text.
#[test]
fn a_table_of_contents_entry_states_no_transfer() {
    let doc = |title: &str| {
        format!(
            "# Datenschutzerklärung\n\n{title}\n\nVerantwortliche Stelle\nEmpfänger und \
             Drittlandübermittlung\nIhre Rechte\n\n1. Verantwortliche Stelle\n\nVerantwortlich ist \
             die Beispiel GmbH, Musterstraße 1, 10115 Berlin.\n\n2. Empfänger\n\nEine \
             Übermittlung Ihrer Daten in Drittländer findet nicht statt.\n"
        )
    };
    for title in ["Inhalt", "Inhaltsverzeichnis", "Table of contents"] {
        let r = check("policy.txt", &doc(title));
        assert_eq!(verdict(&r), (Some(false), false), "{title}");
    }
    let r = check("policy.txt", &doc("Stand: Januar 2025"));
    assert_eq!(verdict(&r).0, Some(true));
}

/// Art. 28(3)(a) GDPR: the processor acts on documented instructions "auch in Bezug auf
/// die Übermittlung personenbezogener Daten an ein Drittland" (English: "including with
/// regard to transfers of personal data to a third country"). Nearly every DPA quotes it;
/// it states no transfer, so an EU-only DPA stays "no" without a contradiction.
#[test]
fn the_instruction_clause_of_art_28_states_no_transfer() {
    let dpa = |clause: &str| {
        format!(
            "Vertrag zur Auftragsverarbeitung nach Art. 28 DSGVO\n\n§ 1 Weisungen\n\n{clause}\n\n\
             § 2 Ort der Verarbeitung\n\nDie Verarbeitung erfolgt ausschließlich in einem \
             Mitgliedstaat der Europäischen Union.\n"
        )
    };
    let instructions = [
        "Der Auftragnehmer verarbeitet personenbezogene Daten nur auf dokumentierte Weisung \
         des Auftraggebers, auch in Bezug auf die Übermittlung personenbezogener Daten an ein \
         Drittland oder eine internationale Organisation.",
        "Der Auftragnehmer handelt nur auf Weisung des Auftraggebers, auch hinsichtlich der \
         Übermittlung in ein Drittland.",
        "The processor processes personal data only on documented instructions from the \
         controller, including with regard to transfers of personal data to a third country.",
    ];
    let transfer = "Der Auftragnehmer übermittelt die Daten an ein Drittland.";
    assert_no_transfer_but(dpa, &instructions, transfer);
}

/// "Any transfer to a third country shall require the prior consent of the Client"
/// (Hetzner's DPA) bans transfers without that consent: with processing in the EU only,
/// the answer is "no". "Transfers … take place" is a statement.
#[test]
fn a_transfer_that_needs_prior_consent_states_no_transfer() {
    let conditions = [
        "Any transfer to a third country shall require the prior consent of the Client.",
        "Eine Übermittlung in ein Drittland bedarf der vorherigen Zustimmung des Auftraggebers.",
    ];
    let transfer = "Transfers to a third country take place for support requests.";
    assert_no_transfer_but(eu_only_dpa, &conditions, transfer);
}

/// A heading's words stay in the heading: "Übermittlung in Drittländer außerhalb der EU"
/// and the sentence after it ("Der Auftragnehmer verarbeitet …") make no statement that
/// data goes to a third country, so an EU-only DPA stays "no" without a contradiction
/// (rule `transfer.third_country` is `one_sentence`). A statement under it still counts.
#[test]
fn a_heading_does_not_run_into_the_next_sentence() {
    let dpa = |heading: &str, body: &str| {
        format!(
            "Vertrag zur Auftragsverarbeitung\n\nDie Verarbeitung erfolgt ausschließlich in \
             der Europäischen Union.\n{heading}\n{body}\n"
        )
    };
    let body = "Der Auftragnehmer verarbeitet personenbezogene Daten ausschließlich im Auftrag \
                des Auftraggebers.";
    for (name, heading) in [
        (
            "dpa.txt",
            "§ 59 Übermittlung in Drittländer außerhalb der EU",
        ),
        (
            "dpa.md",
            "## § 59 Übermittlung in Drittländer außerhalb der EU",
        ),
    ] {
        let r = check(name, &dpa(heading, body));
        assert_eq!(verdict(&r), (Some(false), false), "{heading:?}");
    }
    let some = "Der Auftragnehmer übermittelt die Daten an ein Drittland.";
    let r = check("dpa.txt", &dpa("§ 59 Übermittlung in Drittländer", some));
    assert_eq!(verdict(&r), (Some(true), true));
}

/// A paragraph break inside a sentence, as conversions leave them ("… transferred outside
/// of the⏎⏎European Union to a country …"), does not end the sentence: the transfer
/// statement is found, and "not subject to an Adequacy Decision" does not negate the
/// standard contractual clauses named after it.
#[test]
fn a_blank_line_after_a_word_that_goes_on_does_not_end_the_sentence() {
    let doc = "Data Processing Agreement\n\nIf Personal Data is transferred outside of the\n\n\
               European Union to a country which is not subject to an Adequacy Decision, \
               appropriate safeguards are provided such as the\n\nstandard contractual clauses \
               adopted by the European Commission.\n";
    let r = check("dpa.md", doc);
    let scc = r
        .findings
        .iter()
        .find(|f| f.rule == "transfer.scc")
        .expect("the SCCs are found");
    assert_eq!(scc.value["negated"], false, "{:?}", scc.context);
    let third = r
        .findings
        .iter()
        .find(|f| f.rule == "transfer.third_country")
        .expect("the transfer statement is found");
    assert!(third.text.contains("outside of the"), "{:?}", third.text);
}

/// A list that a condition introduces ("If … , at least one of the following conditions is
/// met:") names options, not the mechanisms the document relies on: its items are
/// hypothetical, so `mechanisms` stays empty. The same list under an introduction that sets
/// no condition is relied on; so is an item after a list that has ended.
#[test]
fn mechanisms_in_a_list_under_a_condition_are_not_relied_on() {
    let dpa = |intro: &str, items: &str| {
        format!("Data Processing Agreement\n\nThe processor hosts the data in Germany.\n\n{intro}\n\n{items}\n")
    };
    let mechanisms = |name: &str, source: &str| {
        let r = check(name, source);
        r.transfers.mechanisms.clone()
    };
    let conditional = [
        "If the services are provided outside the EU on instructions of the controller, the \
         processor ensures that the transfer is admissible under Art. 44 et seqq. GDPR by \
         making sure that at least one of the following conditions is met:",
        "Sofern Daten in ein Drittland übermittelt werden, muss eine der folgenden \
         Voraussetzungen erfüllt sein:",
    ];
    // Items ending in ';' (a list without markers, as Markdown's line breaks leave it),
    // bullets, and numbered items without punctuation.
    let lists = [
        "there is an adequacy decision for the third country;  \nappropriate safeguards \
         (i.e. binding corporate rules, standard contractual clauses) are put in place; or  \n\
         a derogation under Art. 49 GDPR applies.",
        "- an adequacy decision\n- standard contractual clauses\n- binding corporate rules",
        "1. Angemessenheitsbeschluss\n2. Standardvertragsklauseln\n3. Binding Corporate Rules",
    ];
    for intro in conditional {
        for items in lists {
            let source = dpa(intro, items);
            assert_eq!(
                mechanisms("dpa.md", &source),
                Vec::<String>::new(),
                "{source}"
            );
        }
    }
    let relied = "We rely on the following safeguards for transfers to our sub-processors:";
    let m = mechanisms("dpa.md", &dpa(relied, lists[1]));
    assert_eq!(m, ["adequacy", "scc", "bcr"]);
    // After the list, a paragraph of its own is no item.
    let after = format!(
        "{}\n\nWe have concluded standard contractual clauses with all sub-processors.\n",
        dpa(conditional[0], lists[1])
    );
    assert_eq!(mechanisms("dpa.md", &after), ["scc"]);
}

/// Mechanisms a consent is "conditional on" (or that a transfer needs "unter der
/// Voraussetzung") are requirements, not relied on; with "no transfer … to a Third Country
/// takes place" the answer is "no" without a contradiction. The same clauses named as
/// the safeguard in use are relied on and make the answer "yes".
#[test]
fn mechanisms_named_as_a_condition_are_not_relied_on() {
    let dpa = |body: &str| {
        format!(
            "Data Processing Agreement\n\n5.1 The Processor shall not transfer Personal Data to a \
             Third Country without prior written consent of the Controller. {body}\n\n5.2 As at \
             the Effective Date, no transfer of Personal Data to a Third Country takes place.\n"
        )
    };
    for condition in [
        "Any such consent shall be conditional on the requirements of Chapter V GDPR being met, \
         in particular the existence of an adequacy decision pursuant to Article 45 GDPR or \
         appropriate safeguards pursuant to Article 46 GDPR, such as the standard contractual \
         clauses adopted by the European Commission.",
        "Eine Übermittlung ist nur unter der Voraussetzung zulässig, dass \
         Standardvertragsklauseln vereinbart sind.",
    ] {
        let r = check("dpa.txt", &dpa(condition));
        assert_eq!(r.transfers.mechanisms, Vec::<String>::new(), "{condition}");
        assert_eq!(verdict(&r), (Some(false), false), "{condition}");
    }
    let relied = "Transfers are safeguarded by the standard contractual clauses adopted by the \
                  European Commission.";
    let r = check("dpa.txt", &dpa(relied));
    assert_eq!(r.transfers.mechanisms, ["scc"]);
    assert_eq!(r.transfers.third_country_transfer, Some(true));
}

/// The adequacy decision for the EU-U.S. Data Privacy Framework is reported as `dpf` (the
/// contract's rule), not as a second mechanism `adequacy`; one for another country named
/// in the same sentence stays.
#[test]
fn the_adequacy_decision_of_the_data_privacy_framework_is_dpf() {
    let dpa = |body: &str| {
        format!("Auftragsverarbeitungsvertrag\n\n§ 2 Ort der Verarbeitung\n\n{body}\n")
    };
    for sentence in [
        "Die Zendesk, Inc. ist nach dem EU-U.S. Data Privacy Framework zertifiziert; die \
         Übermittlung erfolgt auf Grundlage des Angemessenheitsbeschlusses der Europäischen \
         Kommission vom 10. Juli 2023.",
        "Transfers to Zendesk, Inc. in the United States rely on the adequacy decision for the \
         EU-U.S. Data Privacy Framework.",
    ] {
        let r = check("dpa.txt", &dpa(sentence));
        assert_eq!(r.transfers.mechanisms, ["dpf"], "{sentence}");
    }
    for sentence in [
        "Transfers to the United Kingdom and Switzerland rely on adequacy decisions, transfers \
         to the United States on the EU-U.S. Data Privacy Framework.",
        "Zendesk, Inc. ist nach dem EU-U.S. Data Privacy Framework zertifiziert; für die \
         Schweiz besteht ein Angemessenheitsbeschluss.",
    ] {
        let r = check("dpa.txt", &dpa(sentence));
        assert_eq!(r.transfers.mechanisms, ["adequacy", "dpf"], "{sentence}");
    }
}

/// A product the document says runs on its own servers ("Google Fonts (lokales Hosting)",
/// "Die Google Fonts sind lokal installiert", "self-hosted Matomo") sends nothing to its
/// company: the provider is `self_hosted`, shows no transfer and raises no provider risk.
/// Loaded from the company's servers, or only listed beside a self-hosted one, it does.
#[test]
fn a_self_hosted_product_shows_no_transfer() {
    let policy = |body: &str| {
        format!(
            "# Datenschutzerklärung\n\nVerantwortlich ist die Beispiel GmbH, Musterstraße 1, \
             10115 Berlin.\n\n{body}\n\nDie Verarbeitung erfolgt ausschließlich in der \
             Europäischen Union.\n"
        )
    };
    let provider = |r: &dpascan::report::DocResult, name: &str| {
        r.providers
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.self_hosted)
    };
    let provider_risk = |r: &dpascan::report::DocResult| {
        r.risk
            .reasons
            .iter()
            .any(|x| x.code == "us_provider" || x.code == "third_country_provider")
    };
    let local = policy(
        "## Google Fonts (lokales Hosting)\n\nDiese Seite nutzt zur einheitlichen Darstellung \
         von Schriftarten so genannte Google Fonts, die von Google bereitgestellt werden. Die \
         Google Fonts sind lokal installiert. Eine Verbindung zu Servern von Google findet \
         dabei nicht statt.",
    );
    let r = check("policy.md", &local);
    assert_eq!(
        provider(&r, "Google Fonts"),
        Some(true),
        "{:?}",
        r.providers
    );
    assert_eq!(verdict(&r), (Some(false), false));
    assert!(!provider_risk(&r), "{:?}", r.risk);

    let remote = policy(
        "## Google Fonts\n\nDiese Seite nutzt Google Fonts. Beim Aufruf einer Seite lädt Ihr \
         Browser die benötigten Fonts von den Servern von Google.",
    );
    let r = check("policy.md", &remote);
    assert_eq!(
        provider(&r, "Google Fonts"),
        Some(false),
        "{:?}",
        r.providers
    );
    assert_eq!(verdict(&r), (Some(true), true));
    assert!(provider_risk(&r));

    // "selbst betrieben" says it as "selbst gehostet" does.
    let operated =
        policy("Die Webanalyse erfolgt mit einer selbst betriebenen Matomo-Instanz ohne Cookies.");
    let r = check("policy.md", &operated);
    assert_eq!(provider(&r, "Matomo"), Some(true), "{:?}", r.providers);
    assert_eq!(verdict(&r), (Some(false), false));

    // The words may stand a little further off: a noun between, a bracket after.
    for (text, name) in [
        (
            "Zur Reichweitenmessung setzen wir die selbst gehostete Open-Source-Software \
             Matomo ein.",
            "Matomo",
        ),
        (
            "Für Online-Besprechungen nutzen wir eine selbst betriebene Instanz der \
             Open-Source-Software Jitsi Meet auf einem Server in Falkenstein.",
            "Jitsi",
        ),
        (
            "Der Auftragnehmer betreibt zur Fehleranalyse die Open-Source-Software Sentry in \
             einer eigenen Instanz („self-hosted“) auf Servern in Falkenstein.",
            "Sentry",
        ),
        // A relative clause says it of the product (the twelfth blind set's practice).
        (
            "Wir nutzen die Open-Source-Software Matomo, die auf unserem eigenen Webserver \
             bei Hetzner installiert ist.",
            "Matomo",
        ),
        (
            "Wir nutzen die Open-Source-Software Matomo, die wir selbst auf unserem Server \
             bei Hetzner in Falkenstein betreiben.",
            "Matomo",
        ),
        // A participle (the seventeenth blind set's practice).
        (
            "For website statistics we use **Matomo**, installed on our own server at \
             OVHcloud.",
            "Matomo",
        ),
        ("We use Matomo, hosted on our own server.", "Matomo"),
        // Run by the owner on its host's machines (the twenty-third and twenty-fourth blind
        // sets).
        (
            "Wir betreiben die Open-Source-Version von Sentry selbst auf unserer \
             Hetzner-Infrastruktur in Falkenstein.",
            "Sentry",
        ),
        (
            "Interviews are held via Jitsi Meet, which we host ourselves on the same servers.",
            "Jitsi",
        ),
        (
            "Wir nutzen Matomo, gehostet auf unseren eigenen Servern bei Hetzner.",
            "Matomo",
        ),
        // Set off by a comma alone, in a cookie table's cell (the twenty-fifth blind set).
        (
            "Cookie | Provider | Purpose\n_pk_id | Matomo, self-hosted at Hetzner in \
             Germany | visitor statistics",
            "Matomo",
        ),
    ] {
        let r = check("policy.md", &policy(text));
        assert_eq!(
            provider(&r, name),
            Some(true),
            "{text:?}: {:?}",
            r.providers
        );
        assert_eq!(verdict(&r), (Some(false), false), "{text:?}");
    }

    // The product moved to, and the host of a self-hosted product, are others.
    for (text, name) in [
        (
            "Wir verlagern die Auswertung von Google BigQuery auf eine selbst betriebene \
             ClickHouse-Instanz.",
            "Google Cloud Platform",
        ),
        (
            "Der Dienst wurde durch eine selbst gehostete Mattermost-Instanz bei IONOS ersetzt.",
            "IONOS",
        ),
        (
            "Wir betreiben die Open-Source-Version von Sentry selbst auf unserer \
             Infomaniak-Infrastruktur in Genf.",
            "Infomaniak",
        ),
    ] {
        let r = check("policy.md", &policy(text));
        assert_eq!(
            provider(&r, name),
            Some(false),
            "{text:?}: {:?}",
            r.providers
        );
    }

    for both in [
        "We use Google Analytics and self-hosted Matomo for statistics.",
        "We use Google Analytics, self-hosted Matomo and Hotjar for statistics.",
        "Wir nutzen Matomo, das auf eigenen Servern läuft, und Google Analytics.",
    ] {
        let r = check("policy.md", &policy(both));
        assert_eq!(
            provider(&r, "Matomo"),
            Some(true),
            "{both}: {:?}",
            r.providers
        );
        assert_eq!(provider(&r, "Google Analytics"), Some(false), "{both}");
        assert!(provider_risk(&r), "{both}");
    }
}

/// A provider the document says it does not use or send data to ("kein Google
/// Analytics", "weder Amazon Web Services noch Google Cloud", "keine Nutzungsdaten an Apple
/// oder Google", "We do not share your personal data with Facebook") is no provider of
/// the document: no transfer, no contradiction of an EU-only statement. A negation about
/// something else, with the provider as actor or inside another clause, leaves it one.
#[test]
fn a_provider_the_document_does_not_use_shows_no_transfer() {
    let not_used = [
        "Wir setzen keine Tracking-SDKs ein (kein Google Analytics, kein Firebase, kein \
         Facebook/Meta SDK).",
        "Wir nutzen weder Amazon Web Services noch Google Cloud oder Microsoft Azure.",
        "Die App übermittelt keine Nutzungsdaten an Apple oder Google.",
        "Es erfolgt keine Anfrage an Server von Google Maps.",
        "Eine Einbindung von Google Maps auf unserer Website erfolgt nicht.",
        "Eine Einbindung von YouTube-Videos findet nicht statt.",
        "Wir verwenden keine Produkte von Microsoft 365, Google Workspace, Salesforce oder \
         Zendesk.",
        "We do not share your personal data with Facebook.",
        "We don't use Google Analytics or Hotjar.",
        "Google Analytics und Hotjar werden nicht eingesetzt.",
        "Keine Webanalyse mit Google Analytics",
        // A provider of the past is not used either.
        "Die frühere Einbindung von Google Analytics wurde im Februar 2022 entfernt.",
        "We previously used Mixpanel for product analytics.",
        "Formerly listed (removed as of 1 January 2024): Mailgun.",
        "Datadog, Inc. was removed as a Sub-processor on 30 June 2024.",
        "Der in früheren Fassungen genannte Unterauftragsverarbeiter Google Cloud EMEA \
         Limited wird seit dem 1. Januar 2025 nicht mehr eingesetzt.",
        // A use that has ended, in the words before the provider (the fifteenth blind set).
        "We no longer use Google Analytics for Firebase.",
        "Our mailing list moved in 2025; we stopped using Mailchimp on 31 December 2025.",
        "Wir nutzen nicht mehr Google Analytics.",
        // The sentence opens with the use's last day and tells it in the past.
        "Bis 31.12.2025 nutzten wir auf dieser Website Google Analytics 4.",
        "Until March 2025 we used Mixpanel for product analytics.",
        "Bis März 2023 haben wir Google Analytics eingesetzt.",
        "Bis Juni 2022 speicherten wir verschlüsselte Backups bei Backblaze, Inc., USA.",
        // The reader's own software on the reader's device (the twenty-fifth blind set).
        "When you open a payslip with a program of your choice (e.g. Adobe Acrobat Reader or \
         Apple Preview), the document is processed locally on your device.",
        "Öffnen Sie die Abrechnung mit einem Programm Ihrer Wahl (z. B. Adobe Acrobat \
         Reader), wird sie lokal auf Ihrem Gerät verarbeitet.",
        // A profile the document only links to (the twenty-sixth blind set).
        "Auf Instagram und Mastodon verweisen wir nur über einfache Links; erst wenn Sie \
         diese anklicken, verlassen Sie unsere Website.",
        "Our Instagram profile is only linked from the footer.",
        "The links to our LinkedIn company page and to our partners' profiles are plain \
         hyperlinks; no data is sent to LinkedIn before you click on them.",
        // Payment providers a later sentence denies (the twenty-eighth blind set).
        "Die Zahlung erfolgt über den vom Kunden gewählten Zahlungsdienstleister (z. B. \
         Stripe, Adyen oder Nexi). Diese Zahlungsdienstleister sind weder \
         Unterauftragsverarbeiter des Auftragnehmers noch erhalten sie Daten vom \
         Auftragnehmer.",
        "Bis zum 31.03.2024 erfolgte der E-Mail-Versand über Mailchimp.",
        "Until March 2023 we sent our newsletter with Mailchimp.",
        "Bis zum 30. Juni 2023 wurden die Sicherungskopien bei der Amazon Web Services EMEA \
         SARL vorgehalten.",
        "\n\nEarlier versions: 1 April 2023 (switch from Mailchimp to Brevo), 15 January \
         2025 (introduction of Groupline for small groups).\n",
        "We do not offer PayPal, and there are no online donation buttons.",
        // A payment service the document does not accept, an example of a denied kind.
        "We do not accept credit cards or payment services such as PayPal.",
        "Wir akzeptieren keine Kreditkarten oder Zahlungsdienste wie PayPal.",
        // The verb in the singular.
        "Bis zum 31. März 2025 setzte die Agentur für den Newsletter-Versand die \
         Mailchimp-Plattform ein.",
        // An entry of a change log tells what an earlier version said.
        "\n\n## Annex E – Version history\n\n| Version | Date | Change |\n|---|---|---|\n\
         | 1.0 | 1 March 2021 | First version (backups with Backblaze, USA, SCCs 2010) |\n",
        "\n\n*Änderungsverlauf: Fassung 1.0 (2021) – Backups bei Backblaze, Inc., USA; Fassung \
         2.0 (2022) – Wechsel zu Infomaniak.*\n",
        // "Change history" after an annex's number (the twenty-ninth blind set).
        "\n\n15. Annex 3 — Change history\n\n• Version 1.5 (June 2023): evaluation of Amazon SES \
         documented and closed.\n\n• Version 2.0 (January 2025): SMS reminders.\n",
        // A use denied at the end of its sentence's first clause, past a relative clause.
        "The use of Amazon Simple Email Service for reminder e-mails, which the Processor \
         evaluated in spring 2023 with a test account using exclusively synthetic data, was \
         not pursued; the Processor sends reminders from its own servers.",
        // A use ended by a date after the mention (the thirtieth blind set).
        "The helpdesk software Zendesk, hosted with Amazon Web Services, was used for \
         support tickets until 30 June 2023.",
        "Mailchimp wurde bis zum 30.06.2023 für den Newsletter genutzt.",
        // Brands named, then a later clause saying their vendors receive nothing.
        "The renderings were produced with Autodesk Revit and Adobe Photoshop. These product \
         names appear in the image credits only; the vendors receive no data about our \
         visitors.",
        // A table whose header row names a version or date and the change, under a bare
        // title (the twenty-fifth blind set).
        "\n\n9. Changes\nVersion | Date | Change\n4.1 | 04/2025 | Munich subsidiary added\n\
         3.2 | 10/2022 | Newsletter moved from Mailchimp to Brevo\n",
        "\n\n## 12. Aktualisierungen\n\n| Datum | Änderungen |\n|---|---|\n| 03/2022 | \
         Newsletter nicht mehr über Mailchimp |\n",
        // A table PDF text leaves without marks, under its heading (underlined), from its
        // header or its first row on.
        "\n\nChange log\n\nVersion Change\n2.0 (March 2022) Support e-mail via Google \
         Workspace\n",
        "\n\n===============\nVersion history\n===============\n\n2022.1 March 2022 Hosting \
         moved from Rackspace to OVHcloud\n",
        "\n\nWe update this statement when our\nprocessing changes. Version history:\n\n2022.1 \
         March 2022 Hosting at Rackspace, USA\n",
        // Its title right above its table, no blank line between, as DOCX paragraphs come.
        "\n\nAnlage B\nHetzner Online GmbH | Backups | nein\nÄnderungsprotokoll\nFassung | \
         Datum | Änderung\n2.0 | 01.03.2021 | Hosting bei Amazon Web Services EMEA SARL\n",
        "Until 30 June 2022 the Processor stored encrypted backups with Backblaze, Inc., San \
         Mateo, USA; this contract was terminated, and deletion of all backup data was \
         confirmed by Backblaze.",
        "Frühere Nutzung von Google Analytics: Bis 31.12.2025 nutzten wir auf dieser Website \
         Google Analytics 4.",
        // Its end after a relative clause, and its access ended.
        "Google Cloud, which was listed in the previous version of this Schedule (June \
         2025), is no longer used.",
        "Zendesk, Inc. no longer has access to customer personal data.",
        // What the negation names may be a kind of service, with examples of it.
        "Schriftarten werden lokal geladen; es besteht keine Verbindung zu Google.",
        "Wir setzen keine Analyse- oder Tracking-Tools (z. B. Google Analytics, \
         Facebook-Pixel) ein.",
        "Wir setzen keine Analyse- oder Marketing-Tools wie Google Analytics, Meta-Pixel \
         oder vergleichbare Dienste ein.",
        "Insbesondere setzt Postwerk keine US-Versanddienste wie Mailchimp, SendGrid oder \
         Amazon SES ein.",
        "We do not use third-party providers such as Google Analytics.",
        "Insbesondere nutzen wir keine Dienste von Anbietern mit Sitz oder Muttergesellschaft \
         in den USA (z. B. Microsoft 365, Google Workspace, Amazon Web Services).",
        // A list of legal entities, their group companies included, and a verb far off.
        "Die Parteien halten fest, dass weder die Microsoft Corporation, die Amazon Web \
         Services, Inc., die Google LLC noch die Salesforce, Inc. oder eine ihrer \
         Konzerngesellschaften (einschließlich Microsoft Ireland Operations Limited und \
         Amazon Web Services EMEA SARL) als Unterauftragsbearbeiter eingesetzt werden.",
        "Microsoft 365 wird in der Unternehmensgruppe nicht eingesetzt.",
        "Google Maps ist auf unserer Website nicht eingebunden.",
        "PayPal, Klarna oder Amazon Pay bieten wir nicht an.",
        "Die Zahlung erfolgt per Rechnung; Kreditkarten oder PayPal akzeptieren wir nicht.",
        "Auch Google Fonts laden wir nicht von Google-Servern: Die Schriftarten sind lokal \
         eingebunden.",
        "Das Konto wurde gelöscht, eine Übermittlung an Google findet seither nicht mehr statt.",
        // A noun of transfer between (the twenty-fourth blind set).
        "Es findet keine Übermittlung an OpenAI, Microsoft (Azure OpenAI / Copilot), Google \
         (Gemini) oder Anthropic statt.",
        "Seitdem findet keine Übertragung an Google zu Analysezwecken mehr statt.",
        "Es erfolgt keine Weitergabe Ihrer Daten an Facebook.",
        "Solange keine Buchung erfolgt, findet keine Datenübermittlung an OpenAI statt.",
        "We make no transfers of personal data to Anthropic.",
        "There is no disclosure of your data to Google.",
        // A later sentence of the paragraph that refers back to them and says they get no
        // data (the twenty-third and twenty-fourth blind sets).
        "Kundinnen und Kunden können Alpenkontakt CRM auf eigene Veranlassung mit Shopify, \
         WooCommerce, Google Workspace oder Microsoft 365 verbinden. Diese Anbieter werden \
         von den Kundinnen und Kunden selbst beauftragt und sind keine Subunternehmer von \
         Alpenkontakt.",
        "Im Seitenfuß finden Sie Verweise auf unsere Auftritte bei Facebook, Instagram und \
         LinkedIn. Es handelt sich um einfache Links, nicht um Plugins. Beim Besuch unserer \
         Website werden keine Daten an diese Netzwerke übertragen.",
        "Fraudsters sometimes ask for payments via PayPal or Western Union. We do not use any \
         of these services and no data is exchanged with them.",
        // Another organisation's privacy policy, named for the reader (the twenty-fourth
        // blind set).
        "Näheres entnehmen Sie bitte der Datenschutzerklärung von Instagram (Meta Platforms \
         Ireland Ltd.), von LinkedIn (LinkedIn Ireland Unlimited Company) bzw. von Vimeo.",
        "Es gelten die Datenschutzbestimmungen von LinkedIn bzw. YouTube.",
        "For details, see Vimeo's privacy policy.",
        // A privacy policy's section of dated changes.
        "\n\n15. Änderungen dieser Erklärung\n\n- Fassung 2.0 (2022): Newsletterversand über \
         Mailchimp, USA.\n",
        "\n\n## Changes to this privacy notice\n\n- Version 4.1 (07/2024): Product analytics with \
         Mixpanel.\n",
        // A card scheme the customer pays with.
        "Sie können per Kreditkarte (Visa, Mastercard, American Express) oder SEPA-Lastschrift \
         bezahlen; die Zahlungen wickelt die Mollie B.V., Amsterdam, ab.",
        // A change log's entry that removes the provider, before the next one.
        "Änderungsverlauf: 15.03.2023 – Google Analytics entfernt, Matomo (selbst gehostet) \
         eingeführt. 01.09.2023 – Anpassung an das revidierte DSG.",
        // An optional feature or integration that is off or not booked.
        "Havn CRM offers an integration with LinkedIn Sales Navigator. The integration is not \
         part of the Controller's subscription and is technically disabled for the Controller.",
        "Die HR Suite bietet die optionale Funktion „SmartScreen“ (Zusammenfassung mittels \
         eines Modells der OpenAI, L.L.C., San Francisco, USA). Der Auftraggeber hat \
         SmartScreen nicht gebucht.",
        "Optional conversion tracking for the Hotel's own Google Ads account can be switched \
         on by the Hotel; it is switched off.",
        // An example in the definition of a term.
        "\"Hyperscale Cloud Provider\" means a provider of public cloud services, e.g. \
         Amazon Web Services, Microsoft Azure or Google Cloud.",
        "„Hyperscaler“ bezeichnet Anbieter öffentlicher Cloud-Dienste wie z. B. Amazon Web \
         Services.",
    ];
    let used = [
        // A link beside a use.
        "Wir nutzen Instagram für Werbekampagnen und verlinken dort unsere Website.",
        "Die Zahlung erfolgt über Zahlungsdienstleister (z. B. Stripe). Diese \
         Zahlungsdienstleister sind Unterauftragsverarbeiter des Auftragnehmers.",
        "Seit dem 01.04.2024 erfolgt der E-Mail-Versand über Mailchimp.",
        "Until 31 December 2026 newsletters are sent with Mailchimp.",
        "Bis zum 30. Juni 2027 werden die Sicherungskopien bei Amazon Web Services \
         vorgehalten.",
        "Bis zum 30.06.2024 wurde das Support-Postfach bei einem Anbieter in Irland geführt; \
         seit dem 01.07.2024 nutzen wir Amazon Web Services.",
        // The negation denies something else, before a use of the kind.
        "We do not store data ourselves and use services such as PayPal.",
        "Wir speichern keine Kartendaten und nutzen Dienste oder Zahlungsanbieter wie PayPal.",
        "Customers who do not have an account can use services such as PayPal.",
        "Wir nutzen Google Analytics.",
        "The hosting is not carried out by us but by Amazon Web Services.",
        "We can not rule out that Google receives your IP address.",
        "Wir können nicht ausschließen, dass Google Ihre IP-Adresse erhält.",
        "Wir setzen keine Cookies ein, außer Google Analytics.",
        "Such requests do not affect the rights of Stripe.",
        "We use no other tools than Google Analytics.",
        "Früher als geplant haben wir Google Analytics eingeführt.",
        "Wir nutzen seit 2023 statt der früheren Lösung nun Google Analytics.",
        "Bis 31.12.2026 nutzen wir Google Analytics.",
        "Bis 31.12.2026 haben wir Google Analytics im Einsatz.",
        "Until 31 December 2026 backups are stored with Backblaze, Inc., San Mateo, USA.",
        "\n\n## Annex E – Version history\n\n| Version | Date | Change |\n|---|---|---|\n\
         | 1.0 | 1 March 2021 | First version |\n\nWe store backups with Backblaze, USA.\n",
        "\n\nVersion history\n\n| Version | Change |\n|---|---|\n| 2.0 | Updated version history \
         |\n\nWe store backups with Backblaze, USA.\n",
        // A heading of its own between, or a prose paragraph's last line, is no title of
        // what follows.
        "\n\nEhemalige Anbieter sind in Anlage 4 aufgeführt.\n\n9. Empfänger im Überblick\n\
         -------------------------\n\n- Amazon Web Services EMEA SARL, Luxemburg – Hosting\n",
        "\n\nWir haben die Liste im Jahr 2024 aktualisiert und\nfrühere Einträge entfernt\n\n\
         Amazon Web Services EMEA SARL hostet die Daten.\n",
        "\n\nAnlage B\nHetzner Online GmbH | Backups | nein\nÄnderungsprotokoll\nFassung | \
         Datum | Änderung\n1.0 | 01.03.2021 | Erste Fassung\nHosting bei Amazon Web Services \
         EMEA SARL, Frankfurt.\n",
        "Google Maps ist auf unserer Website eingebunden, nicht aber YouTube.",
        "Wir bieten PayPal an; Klarna bieten wir nicht an.",
        // A wallet is a payment provider.
        "Sie zahlen über einen unserer externen Zahlungsanbieter: Apple Pay oder Google Pay.",
        // The next entry of a change log after one that removes a provider.
        "Änderungsverlauf: 15.03.2023 – Matomo entfernt, Google Analytics eingeführt. \
         01.09.2023 – Anpassung an das revidierte DSG.",
        "We no longer use cookies, but we use Google Analytics.",
        "Google Cloud, which hosts the data, is used in Frankfurt; Mixpanel is no longer used.",
        // The list stops where a sentence of its own begins.
        "Wir setzen nicht Google ein, sondern die Hetzner Online GmbH und Amazon Web \
         Services.",
        "Weder Google noch Hetzner werden genutzt, wir nutzen nun Amazon Web Services.",
        "Google Analytics wird ohne Ihre Einwilligung nicht eingesetzt.",
        // Off by default, until the visitor consents; an integration not said off.
        "Optionale Analyse-Cookies (Google Analytics) sind standardmäßig deaktiviert und \
         werden erst nach Ihrer Einwilligung gesetzt.",
        "We offer an integration with Salesforce. The Customer has booked it; our own \
         newsletter tool is switched off.",
        "Google Maps is used on the contact page. It is switched off on all other pages.",
        // Examples of services no negation denies.
        "Wir nutzen Dienste von Anbietern mit Sitz in den USA (z. B. Microsoft 365).",
        "Wir haben keine Bedenken gegen Dienste von Anbietern in den USA wie Microsoft 365.",
        "Wir nutzen keine Tracking-Tools, wohl aber Dienste wie Google Maps.",
        "Wir bieten eine Integration mit HubSpot an. Die Integration ist für alle Kunden \
         aktiviert. Unser altes Newsletter-Tool ist abgeschaltet.",
        // A heading that names a change log's word is no change log's title.
        "\n\nOngoing updates (Changelog API)\n\nAs long as your token is valid, we use the \
         LinkedIn API to check your profile.\n",
        "Eine Übermittlung an Google Analytics erfolgt nicht ohne Ihre Einwilligung.",
        // A sentence that refers back with a condition, one that says nothing of data, a
        // reference beyond the next two sentences, and one past a new list item.
        "Wir sind auf Instagram und LinkedIn vertreten. Ohne Ihre Einwilligung werden keine \
         Daten an diese Netzwerke übertragen.",
        "Wir nutzen Mailchimp und Stripe. Diese Anbieter erhalten keine Gesundheitsdaten.",
        "Wir nutzen Mailchimp und Stripe. Diese Anbieter sind keine Unterauftragsverarbeiter, \
         sondern eigenständige Verantwortliche.",
        "Wir nutzen Mailchimp für den Newsletter. Er erscheint monatlich. Abmelden geht \
         jederzeit. Über diese Kanäle werden keine Kundendaten bearbeitet.",
        "- Hosting: Wir nutzen Amazon Web Services in Frankfurt.\n- Integrationen: Kunden \
         verbinden eigene Shops. Diese Anbieter sind keine Subunternehmer.",
        "\n\n- Hosting: Wir nutzen Amazon Web Services in Frankfurt.\n- Integrationen: Kunden \
         verbinden eigene Shops. Diese Anbieter sind keine Subunternehmer.\n",
        "Wir sind auf Instagram vertreten.\n\nÜber diese Kanäle werden keine Kundendaten \
         bearbeitet.",
        // A policy named beside a use, the document's own policy, a bracket of other things.
        "Wir nutzen Google Analytics; die Datenschutzerklärung von Google finden Sie unter \
         policies.google.com.",
        "Unsere Datenschutzerklärung gilt auch für Daten, die wir an Mailchimp übermitteln.",
        "Details stehen in dieser Datenschutzerklärung; Mailchimp versendet unseren \
         Newsletter.",
        "Die Muster-Datenschutzerklärung (Vorlage 2024, gehostet bei Amazon Web Services) \
         nutzen wir für alle Websites.",
        // A section on changes in prose is no change log.
        "\n\n15. Änderungen dieser Erklärung\n\nWir passen diese Erklärung an, wenn wir \
         künftig neben Google Analytics weitere Dienste einsetzen.\n",
        "\"Hosting Provider\" means Amazon Web Services EMEA SARL, which hosts the data.",
        // A table of changes to the sub-processors lists the ones added, which are current;
        // one whose header names no change is no log.
        "\n\n9. Changes\nDate | Change | Sub-processor\n04/2025 | added | Mailchimp, \
         USA\n",
        "\n\n9. Newsletter\nVersion | Date | Service\n3.2 | 10/2022 | Mailchimp, USA\n",
        // A use that goes on until a date to come, and a denial under a condition.
        "The helpdesk software Zendesk will be used for support tickets until 30 June 2027.",
        "We use Adobe Photoshop for renderings. These product names are shown in credits; \
         the vendors receive no data unless you contact them.",
    ];
    for (sentences, want) in [
        (&not_used[..], (Some(false), false)),
        (&used[..], (Some(true), true)),
    ] {
        for s in sentences {
            let r = check("doc.txt", &eu_only_dpa(s));
            assert_eq!(verdict(&r), want, "{s:?}: {:?}", r.providers);
        }
    }
}

/// A transfer to a named place outside the EU/EEA ("to our office in Tokyo", "nach
/// Indien") is a third-country transfer, and contradicts an EU-only statement; one to a
/// place inside ("to our office in Paris") or a negated one is not
/// (rules `transfer.to_place`, `transfer.to_place_last`, `transfer.to_place_noun`,
/// `transfer.recipient_in_place`).
#[test]
fn a_transfer_to_a_named_place_outside_is_a_third_country_transfer() {
    let inside = [
        "For support, we transfer ticket data to our office in Paris.",
        "We do not transfer your data to India.",
    ];
    assert_no_transfer_but(
        eu_only_dpa,
        &inside,
        "For support, we transfer ticket data to our office in Tokyo.",
    );
    // German says it with the verb last or with a noun too (transfer.to_place_last,
    // transfer.to_place_noun); recipients at the place receive it
    // (transfer.recipient_in_place).
    for outside in [
        "Für den Support übermitteln wir Ticketdaten nach Indien.",
        "Für den Support werden Ticketdaten nach Indien übermittelt.",
        "Ticketdaten können an Dienstleister in Brasilien weitergegeben werden.",
        "Eine Übermittlung nach Japan erfolgt auf Grundlage des Angemessenheitsbeschlusses.",
        "For support, we share ticket data with our affiliates in India.",
    ] {
        assert_no_transfer_but(eu_only_dpa, &inside, outside);
    }
}

/// The cities of the gazetteer (`patterns/cities.csv`) include the capitals and service
/// hubs that documents name as places of processing, not only data-centre cities: storage
/// in Bratislava or Ljubljana stays in the EU, a support team in Manila or a provider in
/// Kyiv is a transfer, each a location with its city and country.
#[test]
fn service_hubs_and_capitals_are_places_of_processing() {
    /// The (city, country) of each location of `r`.
    fn places(r: &DocResult) -> Vec<(Option<&str>, Option<&str>)> {
        r.locations
            .iter()
            .map(|l| (l.city.as_deref(), l.country.as_deref()))
            .collect()
    }
    // The first two in the EU, the others outside.
    let cases = [
        (
            "Customer data is stored in data centres in Bratislava.",
            "Bratislava",
            "SK",
        ),
        (
            "Die Daten werden in Rechenzentren in Ljubljana gespeichert.",
            "Ljubljana",
            "SI",
        ),
        (
            "Our support team in Manila may access the data remotely.",
            "Manila",
            "PH",
        ),
        (
            "Personal data is processed by our service provider in Kyiv.",
            "Kyiv",
            "UA",
        ),
    ];
    for (i, &(text, city, country)) in cases.iter().enumerate() {
        let r = check("doc.txt", &eu_only_dpa(text));
        assert_eq!(places(&r), [(Some(city), Some(country))], "{text:?}");
        if i >= 2 {
            let eu = [cases[0].0, cases[1].0];
            assert_no_transfer_but(eu_only_dpa, &eu, text);
        }
    }
}

/// A state or province given as the place of storage is a location in its country
/// ("auf Servern in Kalifornien", "data centers in Iowa and South Carolina"), outside
/// the EU like a city there.
#[test]
fn states_and_provinces_are_places_of_storage() {
    let cases: [(&str, &[(&str, &str)]); 4] = [
        (
            "Die Daten werden auf Servern in Kalifornien gespeichert.",
            &[("Kalifornien", "US")],
        ),
        (
            "Data is stored on servers in California.",
            &[("California", "US")],
        ),
        (
            "Our data centers are located in Iowa and South Carolina.",
            &[("Iowa", "US"), ("South Carolina", "US")],
        ),
        (
            "Customer data is hosted in data centres in Ontario.",
            &[("Ontario", "CA")],
        ),
    ];
    for (text, expected) in cases {
        let r = check("doc.txt", &eu_only_dpa(text));
        let places: Vec<(&str, &str)> = r
            .locations
            .iter()
            .filter_map(|l| Some((l.city.as_deref()?, l.country.as_deref()?)))
            .collect();
        assert_eq!(places, expected, "{text:?}");
        assert_eq!(verdict(&r), (Some(true), true), "{text:?}");
    }
}

/// A place of storage names its country: `countries` lists Germany for "AWS region
/// eu-central-1" and Finland for "Helsinki" although neither country is written out; a
/// country written right after its city ("Frankfurt, Deutschland") counts once, and a
/// negated place not at all.
#[test]
fn places_of_storage_name_their_countries() {
    let cases: [(&str, &[(&str, u32)]); 4] = [
        (
            "Our platform is hosted by Amazon Web Services in the AWS region eu-central-1.",
            &[("DE", 1)],
        ),
        (
            "The data is stored in our data centres in Nuremberg and Helsinki.",
            &[("DE", 1), ("FI", 1)],
        ),
        (
            "Die Daten werden in Rechenzentren in Frankfurt, Deutschland gespeichert.",
            &[("DE", 1)],
        ),
        ("The data is not stored in Singapore.", &[]),
    ];
    for (text, expected) in cases {
        let r = check("doc.txt", &eu_only_dpa(text));
        let got: Vec<(&str, u32)> = r
            .countries
            .iter()
            .map(|c| (c.code.as_str(), c.mentions))
            .collect();
        assert_eq!(got, expected, "{text:?}");
    }
}

/// The message of the `destination_without_mechanism` reason of a text document, if
/// it has one.
fn destination_reason(text: &str) -> Option<String> {
    let r = check("doc.txt", text);
    r.risk
        .reasons
        .iter()
        .find(|x| x.code == "destination_without_mechanism")
        .map(|x| x.message.clone())
}

/// A named destination in a non-adequate third country that none of the document's
/// mechanisms reaches is reported: the mechanisms are named for other countries, or
/// cannot serve it (an adequacy decision for Japan, the DPF for India). A general
/// clause, a mechanism named for the destination, or the DPF for the US covers it.
#[test]
fn a_destination_that_no_mechanism_reaches_is_reported() {
    let philippines = "Mitarbeiter unseres Dienstleisters in Manila können auf die Daten \
                       zugreifen. Die Übermittlung auf die Philippinen stützt sich auf die \
                       Standardvertragsklauseln der Europäischen Kommission.";
    let india = "Produktbewertungen werden zur Übersetzung nach Indien übermittelt.";
    let reported = [
        // SCCs named for the Philippines, India in a paragraph of its own.
        format!("{philippines}\n\n{india}\n"),
        // An adequacy decision cannot serve India, even in the same sentence.
        "Personal data is transferred to India for translation and to Japan on the basis \
         of the adequacy decision of the European Commission.\n"
            .to_string(),
        // The DPF serves only the US.
        "Stripe is certified under the EU-U.S. Data Privacy Framework.\n\nPersonal data \
         is stored in Chennai, India.\n"
            .to_string(),
    ];
    for text in &reported {
        let message = destination_reason(text);
        assert!(
            message.as_deref().is_some_and(|m| m.contains("India (IN)")),
            "{text:?}: {message:?}"
        );
    }
    let covered = [
        // A general clause reaches every destination.
        format!(
            "{india}\n\nTransfers to third countries rely on the standard contractual \
             clauses of the European Commission.\n"
        ),
        // A mechanism named for the destination.
        format!(
            "{philippines}\n\n{india} Hierfür haben wir Standardvertragsklauseln abgeschlossen.\n"
        ),
        // The DPF for the US.
        "Personal data is transferred to the United States. Our provider is certified \
         under the EU-U.S. Data Privacy Framework.\n"
            .to_string(),
        // No mechanism at all is no_transfer_mechanism's case, not this one.
        format!("{india}\n"),
    ];
    for text in &covered {
        assert_eq!(destination_reason(text), None, "{text:?}");
    }
}

/// A list of sub-processors no longer used ("D. Nicht mehr eingesetzte
/// Unterauftragsverarbeiter", "Former sub-processors") names no recipient: its members are
/// `former` parties without a role, their providers are historical, and the Privacy
/// Shield they relied on "bis Juli 2020" is no mechanism of the document. The same list
/// under a title of current ones shows the transfer.
#[test]
fn a_list_of_former_sub_processors_shows_no_transfer() {
    let page = |title: &str| {
        format!(
            "# Unterauftragsverarbeiter\n\nDie Verarbeitung erfolgt ausschließlich in der \
             Europäischen Union.\n\nA. Unterauftragsverarbeiter für die Kernleistung\n\n\
             * Hetzner Online GmbH, Industriestr. 25, 91710 Gunzenhausen - Hosting\n\n\
             {title}\n--------------------------------------------------\n\n\
             * Twilio Inc., San Francisco - Network Traversal Service (TURN);\n\
             beendet zum 31.12.2024, ersetzt durch Hetzner Online GmbH.\n\
             (Bis Juli 2020 gestützt auf den EU-US Privacy Shield, danach auf SCC.)\n\
             * DigitalOcean, LLC, New York - Testumgebung; beendet zum 30.06.2023.\n\n\
             Diese Anbieter erhalten keine Daten mehr.\n"
        )
    };
    let former = check(
        "list.md",
        &page("D. Nicht mehr eingesetzte Unterauftragsverarbeiter"),
    );
    for name in ["Twilio Inc.", "DigitalOcean, LLC"] {
        let p = former.parties.iter().find(|p| p.name == name);
        assert!(
            p.is_some_and(|p| p.former && p.roles.is_empty()),
            "{name}: {:?}",
            former.parties
        );
    }
    let hetzner = former
        .parties
        .iter()
        .find(|p| p.name == "Hetzner Online GmbH");
    assert!(hetzner.is_some_and(|p| !p.former), "{:?}", former.parties);
    let providers: Vec<&str> = former.providers.iter().map(|p| p.name.as_str()).collect();
    assert!(!providers.contains(&"Twilio"), "{providers:?}");
    assert!(providers.contains(&"Hetzner"), "{providers:?}");
    assert!(
        former.transfers.mechanisms.is_empty(),
        "{:?}",
        former.transfers
    );
    assert_eq!(verdict(&former), (Some(false), false), "{:?}", former.risk);

    let current = check("list.md", &page("D. Weitere Unterauftragsverarbeiter"));
    let twilio = current.parties.iter().find(|p| p.name == "Twilio Inc.");
    assert!(twilio.is_some_and(|p| !p.former), "{:?}", current.parties);
    assert!(current.providers.iter().any(|p| p.name == "Twilio"));
    assert_eq!(verdict(&current), (Some(true), true), "{:?}", current.risk);
}

/// An EU-only statement whose subject is one provider ("CleverReach verarbeitet die Daten
/// ausschließlich auf Servern in Deutschland") says nothing of the document's other
/// recipients: a US provider elsewhere contradicts no promise. A statement about all the
/// data still does.
#[test]
fn an_eu_only_statement_about_one_provider_promises_nothing_of_the_others() {
    let policy = |statement: &str| {
        format!(
            "# Datenschutzerklärung\n\nVerantwortlich ist die Beispiel GmbH, Musterstraße 1, \
             10115 Berlin.\n\n## Newsletter\n\nFür den Newsletter nutzen wir CleverReach. \
             {statement}\n\n## Google Maps\n\nWir binden Google Maps ein. Dabei können Daten \
             an die Google LLC in den USA übermittelt werden.\n"
        )
    };
    let r = check(
        "policy.md",
        &policy(
            "CleverReach verarbeitet die Daten ausschließlich auf Servern in Deutschland bzw. \
             in der EU.",
        ),
    );
    assert_eq!(verdict(&r), (Some(true), false), "{:?}", r.risk);
    let r = check(
        "policy.md",
        &policy("Ihre Daten werden ausschließlich auf Servern in Deutschland verarbeitet."),
    );
    assert_eq!(verdict(&r), (Some(true), true), "{:?}", r.risk);
}

/// An EU-only statement whose subject is one category of data ("Die Mitgliederdaten
/// werden ausschließlich auf Servern in Deutschland gespeichert") says nothing of the
/// document's other data: a US newsletter tool contradicts no promise. A subject that
/// names all the data, alone or beside a category, still promises.
#[test]
fn an_eu_only_statement_about_one_category_of_data_promises_nothing_of_the_rest() {
    let policy = |statement: &str| {
        format!(
            "# Datenschutzerklärung\n\nVerantwortlich ist der Ruderverein Beispiel e.V., \
             Musterstraße 1, 10115 Berlin.\n\n## Mitgliederverwaltung\n\n{statement}\n\n\
             ## Newsletter\n\nFür den Newsletter nutzen wir Mailchimp der The Rocket Science \
             Group LLC, Atlanta, USA. Dabei werden Daten in die USA übermittelt.\n"
        )
    };
    for scoped in [
        "Die Mitgliederdaten werden ausschließlich auf Servern in Deutschland gespeichert.",
        "Die Produktivdaten (Nr. 5) und Backups (Nr. 6) werden ausschließlich in Deutschland \
         gespeichert.",
        "Sämtliche Lohn- und Personaldaten werden ausschließlich in Rechenzentren in \
         Deutschland verarbeitet.",
        "Your location and tour data are stored exclusively in the EU.",
        // A database, and a category inside the match.
        "Die Verarbeitung der Kontaktdatenbank des Genießerclubs erfolgt ausschließlich auf \
         Servern in Deutschland.",
        "Eine Übermittlung der Clubdatenbank in Drittländer findet nicht statt.",
        // A note on one entry of a table.
        "Hinweise zu Teil 1:\n\na) Nr. 3: Microsoft hat Zugriff nur im Supportfall. Die Daten \
         bleiben in der EU.",
        // A footnote on the entries that cite it (the twenty-seventh blind set).
        "Hosting: Hetzner Online GmbH, Falkenstein [1]\n\nFUSSNOTEN\n\n[1] Verarbeitung \
         ausschließlich innerhalb der EU bzw. in Deutschland.\nEs findet keine Übermittlung in \
         ein Drittland statt.",
    ] {
        let r = check("policy.md", &policy(scoped));
        assert_eq!(verdict(&r), (Some(true), false), "{scoped}: {:?}", r.risk);
    }
    for whole in [
        "Ihre Daten werden ausschließlich auf Servern in Deutschland verarbeitet.",
        "Alle Termin- und Kundendaten werden ausschließlich in Deutschland verarbeitet.",
        "Sämtliche personenbezogenen Daten – Gesundheitsdaten ebenso wie Ihre Kontakt- und \
         Termindaten – verarbeiten wir ausschließlich auf Servern in Deutschland.",
        "Die Verarbeitung der Auftraggeberdaten erfolgt ausschließlich in Rechenzentren \
         innerhalb der Europäischen Union.",
        "Customer Personal Data is processed exclusively within the EU.",
        "The collected data is stored exclusively in the EU.",
        "Hosting and data processing take place exclusively within the EU.",
        "Die Kundendatenbank wird ausschließlich in Deutschland betrieben.",
        "Eine Übermittlung personenbezogener Daten in Drittländer findet nicht statt.",
        "a) Hinweis: Die Daten bleiben in der EU.",
        "[1]: https://example.com/datenschutz\n\nEs findet keine Übermittlung in ein \
         Drittland statt.",
        // A category the document defines as all of its data.
        "Patientendaten im Sinne dieser Erklärung sind alle Daten unserer Patientinnen und \
         Patienten. Es gibt keine Übermittlung von Patientendaten in Drittländer.",
        "\"Account data\" means all personal data you give us. Your account data is stored \
         exclusively in the EU.",
    ] {
        let r = check("policy.md", &policy(whole));
        assert_eq!(verdict(&r), (Some(true), true), "{whole}: {:?}", r.risk);
    }
}

/// A ban of transfers to third countries without an adequacy decision ("Eine Übermittlung
/// in Drittländer ohne Angemessenheitsbeschluss findet nicht statt") allows the adequate
/// ones: a Swiss sub-processor breaks no promise, an Indian or a US one does (the US
/// decision covers certified organisations only); a ban of all third countries is broken
/// by the Swiss one too.
#[test]
fn a_ban_of_transfers_without_an_adequacy_decision_allows_adequate_countries() {
    let avv = |ban: &str, sub: &str| {
        format!(
            "Auftragsverarbeitungsvertrag\n\n§ 6 Ort der Verarbeitung\n\n{ban}\n\n\
             Anlage 2 – Unterauftragsverarbeiter\n\n- {sub} – Hosting\n"
        )
    };
    let exempt = "Eine Übermittlung in Drittländer ohne Angemessenheitsbeschluss findet nicht \
                  statt.";
    let all = "Eine Übermittlung in Drittländer findet nicht statt.";
    let swiss = "Infomaniak Network SA, Rue Eugène-Marziano 25, 1227 Genf, Schweiz";
    let indian = "Kodari Support Services Pvt. Ltd., Pune, Indien";
    // The US decision covers certified organisations only.
    let us = "Mailgun Technologies, Inc., 112 E Pecan St #1135, San Antonio, TX 78205, USA";
    for (ban, sub, contradicts) in [
        (exempt, swiss, false),
        (exempt, indian, true),
        (exempt, us, true),
        (all, swiss, true),
    ] {
        let r = check("avv.txt", &avv(ban, sub));
        assert_eq!(
            verdict(&r),
            (Some(true), contradicts),
            "{ban} {sub}: {:?}",
            r.risk
        );
    }
}

/// A party that is only a provider's legal entity under a negation is one the document
/// does not use (`parties[].not_used`); a party named elsewhere as well is used.
#[test]
fn a_party_the_document_does_not_use_is_marked_not_used() {
    let r = check(
        "dpa.txt",
        &eu_only_dpa(
            "Weder die Google LLC noch die Salesforce, Inc. werden als Unterauftragsverarbeiter \
             eingesetzt. Unterauftragsverarbeiter ist die Hetzner Online GmbH, Industriestr. 25, \
             91710 Gunzenhausen. Die Salesforce, Inc. erhält Kontaktdaten von Interessenten.",
        ),
    );
    let not_used = |name: &str| {
        r.parties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.not_used)
    };
    assert_eq!(not_used("Google LLC"), Some(true), "{:?}", r.parties);
    assert_eq!(not_used("Salesforce, Inc."), Some(false), "{:?}", r.parties);
    assert_eq!(
        not_used("Hetzner Online GmbH"),
        Some(false),
        "{:?}",
        r.parties
    );
}

/// A sub-processor the document says is no longer used is a former one.
#[test]
fn a_sub_processor_no_longer_used_is_former() {
    let r = check(
        "dpa.txt",
        &eu_only_dpa(
            "Der Unterauftragsverarbeiter Google Cloud EMEA Limited wird seit dem 1. Januar \
             2025 nicht mehr eingesetzt; die Daten wurden zur Hetzner Online GmbH migriert.",
        ),
    );
    let former = |name: &str| former_of(&r, name);
    assert_eq!(
        former("Google Cloud EMEA Limited"),
        Some(true),
        "{:?}",
        r.parties
    );
    assert_eq!(
        former("Hetzner Online GmbH"),
        Some(false),
        "{:?}",
        r.parties
    );
    // The phrase broken over a line, as PDF text wraps it.
    let r = check(
        "dpa.txt",
        &eu_only_dpa(
            "Our previous e-mail delivery provider, Mailgun Technologies, Inc. (San \
             Antonio, Texas, USA), was\nremoved as a Sub-processor on 30 June 2026.",
        ),
    );
    let mailgun = r
        .parties
        .iter()
        .find(|p| p.name == "Mailgun Technologies, Inc.");
    assert!(mailgun.is_some_and(|p| p.former), "{:?}", r.parties);
    assert!(
        !r.providers.iter().any(|p| p.name == "Mailgun"),
        "{:?}",
        r.providers
    );
}

/// Members of a list titled as planned ("3. Geplante Unterauftragsverarbeiter",
/// "Upcoming Sub-processors"), the table's header row right under the title included, are
/// `planned` parties without a role, their providers are not used, and their countries
/// show no transfer. The same list under a title of current ones shows the transfer. A
/// change log's row that announces planned ones ("Ankündigung geplanter …") makes only
/// the names it lists planned, not the rows after it.
#[test]
fn a_list_of_planned_sub_processors_shows_no_transfer() {
    let page = |title: &str| {
        format!(
            "# Unterauftragsverarbeiter\n\nDie Verarbeitung erfolgt ausschließlich in der \
             Europäischen Union.\n\n## Aktive Unterauftragsverarbeiter\n\n\
             | Unterauftragsverarbeiter | Anschrift |\n|---|---|\n\
             | Hetzner Online GmbH | Industriestr. 25, 91710 Gunzenhausen |\n\n\
             ## {title}\n\nDie folgenden Unternehmen sind noch nicht aktiv.\n\n\
             | Unterauftragsverarbeiter | Anschrift | Geplanter Start |\n|---|---|---|\n\
             | Brightline Analytics, Inc. | 1 Market Street, San Francisco, CA 94105, USA | 1. September 2025 |\n\n\
             ## Änderungshistorie\n\n| Version | Datum | Änderung |\n|---|---|---|\n\
             | 7.2 | 28.04.2025 | Ankündigung geplanter Unterauftragsverarbeiter (Brightline Analytics, Inc.) |\n\
             | 7.1 | 02.01.2025 | Aufnahme Hetzner Online GmbH |\n"
        )
    };
    for title in [
        "3. Geplante Unterauftragsverarbeiter",
        "Upcoming Sub-processors",
    ] {
        let r = check("list.md", &page(title));
        let party = |name: &str| r.parties.iter().find(|p| p.name == name);
        assert!(
            party("Brightline Analytics, Inc.").is_some_and(|p| p.planned && p.roles.is_empty()),
            "{title}: {:?}",
            r.parties
        );
        assert!(
            party("Hetzner Online GmbH").is_some_and(|p| !p.planned),
            "{title}: {:?}",
            r.parties
        );
        assert_eq!(verdict(&r), (Some(false), false), "{title}: {:?}", r.risk);
    }
    let current = check("list.md", &page("Weitere Unterauftragsverarbeiter"));
    let brightline = current
        .parties
        .iter()
        .find(|p| p.name == "Brightline Analytics, Inc.");
    assert!(
        brightline.is_some_and(|p| !p.planned),
        "{:?}",
        current.parties
    );
    assert_eq!(verdict(&current), (Some(true), true), "{:?}", current.risk);
}

/// A change log's entry that announces names as planned in brackets ("Ankündigung Hetzner
/// Online GmbH und Pipedrive OÜ (geplant)") keeps the planned members of the list above
/// planned, and the noun before the first name is not part of it.
#[test]
fn an_announcement_labelled_planned_keeps_its_names_planned() {
    let page = "# Unterauftragnehmer\n\n## Aktive Unterauftragnehmer\n\n\
         | Unterauftragnehmer | Anschrift |\n|---|---|\n\
         | Zammad GmbH | Marienstraße 18, 10117 Berlin, Deutschland |\n\n\
         ## 3. Geplante Unterauftragnehmer\n\n\
         | Unterauftragnehmer | Anschrift | voraussichtlicher Beginn |\n|---|---|---|\n\
         | Hetzner Online GmbH | Industriestr. 25, 91710 Gunzenhausen, Deutschland | 1. Januar 2025 |\n\
         | Pipedrive OÜ | Mustamäe tee 3a, 10615 Tallinn, Estland | 1. Februar 2025 |\n\n\
         ## Änderungshistorie\n\n| Version | Datum | Änderung |\n|---|---|---|\n\
         | 7 | 01.10.2024 | Ankündigung Hetzner Online GmbH und Pipedrive OÜ (geplant); Aufnahme Zammad GmbH |\n";
    let r = check("list.md", page);
    let planned = |name: &str| r.parties.iter().find(|p| p.name == name).map(|p| p.planned);
    for (name, want) in [
        ("Hetzner Online GmbH", true),
        ("Pipedrive OÜ", true),
        ("Zammad GmbH", false),
    ] {
        assert_eq!(planned(name), Some(want), "{name}: {:?}", r.parties);
    }
    assert!(
        !r.parties.iter().any(|p| p.name.starts_with("Ankündigung")),
        "{:?}",
        r.parties
    );
}

/// A list titled "Entfallene Unterauftragsverarbeiter" holds former ones, and so does a
/// change log's entry that removes or replaces a name ("X entfernt; Y aufgenommen",
/// "X durch Y ersetzt"): the removed one is `former`, its successor is not, and a former
/// US provider shows no transfer.
#[test]
fn removed_and_replaced_entries_are_former() {
    let page = "# Unterauftragsverarbeiter\n\nDie Verarbeitung erfolgt ausschließlich in der \
         Europäischen Union.\n\n## Aktive Unterauftragsverarbeiter\n\n\
         | Unterauftragsverarbeiter | Anschrift |\n|---|---|\n\
         | Hetzner Online GmbH | Industriestr. 25, 91710 Gunzenhausen |\n\
         | Sendara GmbH | Hanauer Landstraße 204, 60314 Frankfurt am Main |\n\n\
         ## 4. Entfallene Unterauftragsverarbeiter\n\n\
         | Unterauftragsverarbeiter | Anschrift | Beendet zum |\n|---|---|---|\n\
         | Mailgun Technologies, Inc. | 112 E Pecan St. #1135, San Antonio, TX 78205, USA | 31. März 2024 |\n\n\
         ## Änderungshistorie\n\n| Version | Datum | Änderung |\n|---|---|---|\n\
         | 6.3 | 02.04.2024 | Mailgun Technologies, Inc. entfernt; Sendara GmbH aufgenommen |\n\
         | 6.0 | 01.10.2023 | Helpline Systems GmbH durch Hetzner Online GmbH ersetzt |\n\
         | 5.0 | 01.06.2023 | Sendara GmbH ersetzt Strato AG |\n\
         | 4.0 | 01.01.2023 | Hetzner Online GmbH replaces Contabo GmbH |\n";
    let r = check("list.md", page);
    let former = |name: &str| former_of(&r, name);
    for (name, want) in [
        ("Mailgun Technologies, Inc.", true),
        ("Helpline Systems GmbH", true),
        ("Strato AG", true),
        ("Contabo GmbH", true),
        ("Sendara GmbH", false),
        ("Hetzner Online GmbH", false),
    ] {
        assert_eq!(former(name), Some(want), "{name}: {:?}", r.parties);
    }
    assert!(
        !r.providers.iter().any(|p| p.name == "Mailgun"),
        "{:?}",
        r.providers
    );
    assert_eq!(verdict(&r), (Some(false), false), "{:?}", r.risk);
}

/// A heading run into its paragraph ("Former Sub-processors. Google Cloud EMEA Limited
/// (Dublin, Ireland) provided hosting … until 31 December 2023.") makes the member former;
/// a heading of current ones does not, nor does a sentence ("Formerly we used Mailgun.").
#[test]
fn a_former_heading_run_into_its_paragraph_makes_its_member_former() {
    let page = "Data Processing Agreement\n\n6. Sub-processors\n\
        6.4 Former Sub-processors. Google Cloud EMEA Limited (Dublin, Ireland) provided hosting \
        in the europe-north1 region until 31 December 2023.\n\
        6.5 Current Sub-processors. Textkernel B.V. (Amsterdam, Netherlands) parses CVs for \
        the Processor.\n\
        6.6 Formerly we used Mailgun. Zendesk, Inc. (San Francisco, USA) answers tickets.\n";
    let r = check("dpa.txt", page);
    for (name, want) in [
        ("Google Cloud EMEA Limited", true),
        ("Textkernel B.V.", false),
        ("Zendesk, Inc.", false),
    ] {
        assert_eq!(former_of(&r, name), Some(want), "{name}: {:?}", r.parties);
    }
}

/// Asserts that `r` has the reason `code` and that its message names `label`.
fn assert_reason_names(r: &DocResult, code: &str, label: &str) {
    let why = reason(r, code).unwrap_or_else(|| panic!("no {code}: {:?}", r.risk));
    assert!(why.message.contains(label), "{}", why.message);
}

/// A German privacy policy whose section on transfers to the USA says `body`.
fn us_section(body: &str) -> String {
    format!(
        "# Datenschutzerklärung\n\nVerantwortlich ist die Beispiel GmbH, Musterstraße 1, 10115 \
         Berlin.\n\n## Übermittlung in die USA\n\nFür den Live-Chat setzen wir Chatterbox \
         Labs, Inc., 1201 Congress Avenue, Austin, TX 78701, USA, ein. {body}\n"
    )
}

/// A DPF certification, BCRs or an adequacy decision the document says is only applied for
/// ("hat die Zertifizierung beantragt", "Antrag auf Genehmigung … eingereicht", "listing …
/// is pending") covers no transfer: `pending_mechanism` (high), with the mechanism and the
/// words as evidence. The words reach the mechanism in their clause or in the sentence
/// before, and no party is covered by it; a certification granted, one applied for by
/// another clause's subject, or one in another paragraph leaves the mechanism in force.
#[test]
fn a_certification_only_applied_for_covers_no_transfer() {
    let pending = [
        "Die Übermittlung in die USA stützen wir auf das EU-U.S. Data Privacy Framework. \
         Chatterbox Labs, Inc. hat die Zertifizierung beantragt; der Abschluss des Verfahrens \
         wird für das zweite Quartal 2026 erwartet.",
        "Übermittlungen erfolgen auf Grundlage der verbindlichen internen \
         Datenschutzvorschriften (Binding Corporate Rules) der Gruppe. Der Antrag auf \
         Genehmigung der Binding Corporate Rules wurde am 15.09.2025 bei der Behörde \
         eingereicht.",
        "Transfers rely on the EU-U.S. Data Privacy Framework – self-certification submitted \
         to the U.S. Department of Commerce in November 2025.",
        "Die Übermittlung stützt sich auf das Data Privacy Framework, die Genehmigung steht \
         noch aus.",
    ];
    for body in pending {
        let r = check("policy.md", &us_section(body));
        let found =
            reason(&r, "pending_mechanism").unwrap_or_else(|| panic!("{body}: {:?}", r.risk));
        assert_eq!(found.level, dpascan::report::RiskLevel::High, "{body}");
        let words: Vec<&str> = found
            .evidence
            .iter()
            .filter_map(|id| r.findings.iter().find(|f| &f.id == id))
            .map(|f| f.rule.as_str())
            .collect();
        assert!(
            words.contains(&"transfer.approval_pending"),
            "{body}: {words:?}"
        );
        assert!(
            words.iter().any(|w| *w != "transfer.approval_pending"),
            "{body}: {words:?}"
        );
        // Nor does it reach the US party: no mechanism the document relies on does.
        let party = reason(&r, "third_country_party").expect("third_country_party");
        assert_eq!(party.level, dpascan::report::RiskLevel::High, "{body}");
        assert!(!party.message.contains("relies on"), "{}", party.message);
    }
    // BCRs applied for are so wherever the sentence before names them, and leave another
    // recipient's DPF certification in force, before or between them.
    for body in [
        "Chatterbox Labs, Inc. ist nach dem EU-U.S. Data Privacy Framework zertifiziert, \
         unsere Gruppe nutzt Binding Corporate Rules. Die Genehmigung der Binding Corporate \
         Rules steht noch aus.",
        "Unsere Gruppe nutzt Binding Corporate Rules. Chatterbox Labs, Inc. ist nach dem \
         EU-U.S. Data Privacy Framework zertifiziert. Die Genehmigung der Binding Corporate \
         Rules steht noch aus.",
    ] {
        let r = check("policy.md", &us_section(body));
        let found = reason(&r, "pending_mechanism").expect("pending_mechanism");
        assert!(
            found
                .message
                .starts_with("The document relies on binding corporate rules,"),
            "{}",
            found.message
        );
        for f in r
            .findings
            .iter()
            .filter(|f| f.rule == "transfer.bcr" || f.rule == "transfer.dpf")
        {
            let pending = f.value.get("pending") == Some(&serde_json::Value::Bool(true));
            assert_eq!(pending, f.rule == "transfer.bcr", "{body}: {f:?}");
        }
    }
    let granted = [
        "Die Übermittlung in die USA stützen wir auf das EU-U.S. Data Privacy Framework; \
         Chatterbox Labs, Inc. ist zertifiziert.",
        "Cloudflare ist nach dem EU-U.S. Data Privacy Framework zertifiziert; Chatterbox hat \
         eine ISO-Zertifizierung beantragt.",
        "Die Übermittlung in die USA stützen wir auf das EU-U.S. Data Privacy Framework.\n\n\
         Für unser Rechenzentrum haben wir die Zertifizierung beantragt.",
    ];
    for body in granted {
        let r = check("policy.md", &us_section(body));
        assert!(
            reason(&r, "pending_mechanism").is_none(),
            "{body}: {:?}",
            r.risk
        );
        assert!(r.transfers.mechanisms.iter().any(|m| m == "dpf"), "{body}");
    }
}

/// An adequacy decision relied on for a country the EU has adopted none for ("des
/// Angemessenheitsbeschlusses der EU-Kommission für Indien", "India's adequacy decision")
/// is no legal basis: `nonexistent_adequacy` (high). Decisions for Japan, the UK and the
/// United States (the Data Privacy Framework's, for certified recipients) exist.
#[test]
fn an_adequacy_decision_for_a_country_without_one_is_no_basis() {
    let doc = |body: &str| {
        format!(
            "# Unterauftragsverarbeiter\n\nDie Recherche übernimmt die Kavya Data Solutions \
             Pvt. Ltd., Noida, Indien. {body}\n"
        )
    };
    for body in [
        "Die Übermittlung erfolgt auf Grundlage des Angemessenheitsbeschlusses der \
         EU-Kommission für Indien.",
        "Transfers rely on the adequacy decision for India.",
        "Transfers rely on India's adequacy decision.",
        "Transfers rely on India’s adequacy decision.",
        // A table row's location and mechanism cells.
        "\n\n| Standort | Garantie |\n|---|---|\n| Indien | Angemessenheitsbeschluss |",
        // The decision in words, the country before it or inside it.
        "India has been recognised by the European Commission as providing an adequate level \
         of data protection, so no additional safeguards are required.",
        "The European Commission has decided that India ensures an adequate level of \
         protection.",
        "Für Indien hat die EU-Kommission ein angemessenes Datenschutzniveau festgestellt.",
    ] {
        let r = check("list.md", &doc(body));
        let found =
            reason(&r, "nonexistent_adequacy").unwrap_or_else(|| panic!("{body}: {:?}", r.risk));
        assert!(found.message.contains("India (IN)"), "{}", found.message);
        assert_eq!(found.level, dpascan::report::RiskLevel::High);
        let party = reason(&r, "third_country_party").expect("third_country_party");
        assert!(!party.message.contains("relies on"), "{}", party.message);
    }
    for body in [
        "Die Übermittlung nach Japan erfolgt auf Grundlage des Angemessenheitsbeschlusses für \
         Japan.",
        "Transfers to the UK rely on the UK adequacy decision.",
        // A table row's cells: the location, then the mechanism named for another country.
        "Standort: Indien\nAngemessenheitsbeschluss (Schweiz)",
        "Transfers to our US affiliate rely on the adequacy decision for the United States.",
        "Für Indien besteht kein Angemessenheitsbeschluss; wir schließen \
         Standardvertragsklauseln ab.",
        "The European Commission has decided that Japan ensures an adequate level of \
         protection; for India we rely on SCCs.",
        "Die Standardvertragsklauseln der EU-Kommission gewährleisten ein angemessenes \
         Datenschutzniveau.",
    ] {
        let r = check("list.md", &doc(body));
        assert!(
            reason(&r, "nonexistent_adequacy").is_none(),
            "{body}: {:?}",
            r.risk
        );
    }
}

/// Swiss German writes "ss" for "ß" ("ausschliesslich", "ausserhalb", "Massnahmen",
/// "gemäss", "Grossbritannien"): the rules, cue words and country names read both
/// spellings alike.
#[test]
fn swiss_spelling_reads_as_german() {
    let german = "Auftragsverarbeitungsvertrag\n\nDer Auftragnehmer trifft technische und \
                  organisatorische Maßnahmen gemäß Art. 32 DSGVO.\n\nDie Daten werden \
                  ausschließlich innerhalb der EU verarbeitet.\n\nWir geben Ihre Daten an \
                  Dienstleister außerhalb der EU weiter, insbesondere in Großbritannien.\n\n\
                  Eine Übermittlung in Drittländer findet nicht statt, außer mit \
                  Einwilligung. Wir speichern keine Daten in Indien, außer Sicherungskopien in \
                  Kanada.\n";
    let swiss = german.replace('ß', "ss");
    let seen = |text: &str| {
        let r = check("avv.txt", text);
        let flag = |f: &dpascan::findings::Finding, k: &str| f.value.get(k).cloned();
        let mut rules: Vec<_> = r
            .findings
            .iter()
            .map(|f| (f.rule.clone(), flag(f, "negated"), flag(f, "hypothetical")))
            .collect();
        rules.dedup();
        let countries: Vec<String> = r.countries.iter().map(|c| c.code.clone()).collect();
        (rules, countries, r.transfers.third_country_transfer)
    };
    let (rules, countries, transfer) = seen(german);
    for rule in [
        "clause.art28_3_c",
        "transfer.eu_only",
        "transfer.third_country",
    ] {
        assert!(rules.iter().any(|(r, _, _)| r == rule), "{rule}: {rules:?}");
    }
    // "außer" ends the negation's clause, and makes the ban conditional.
    assert!(
        countries.contains(&"GB".to_string()) && countries.contains(&"CA".to_string()),
        "{countries:?}"
    );
    let ban = serde_json::Value::Bool(true);
    assert!(
        rules
            .iter()
            .any(|(r, _, h)| r == "transfer.eu_only" && h.as_ref() == Some(&ban)),
        "{rules:?}"
    );
    assert_eq!(transfer, Some(true));
    assert_eq!(seen(&swiss), (rules, countries, transfer));
}

/// A promise that the data stays in named countries, one of them outside the EU/EEA
/// ("ausschließlich in der Schweiz und im EWR", "only in Canada"), is broken by a
/// destination in another third country, and only by one.
#[test]
fn a_promise_of_named_countries_is_broken_by_other_third_countries() {
    let doc = |promise: &str, rest: &str| {
        format!(
            "# Datenschutzerklärung\n\nVerantwortlich ist die Bergblick Software AG, \
             Bahnhofstrasse 10, 8001 Zürich, Schweiz.\n\n{promise}\n\n{rest}\n"
        )
    };
    let zendesk = "Für den Kundensupport nutzen wir Zendesk.";
    for (promise, places) in [
        (
            "Ihre Daten werden ausschließlich in der Schweiz und im EWR gespeichert.",
            "Switzerland (CH) and the EU/EEA",
        ),
        (
            "Your personal data is processed exclusively in Switzerland and the EEA.",
            "Switzerland (CH) and the EU/EEA",
        ),
        ("All customer data is stored only in Canada.", "Canada (CA)"),
        // A country joined to the EU/EEA of a ban on transfers outside it (the
        // twenty-seventh blind set).
        (
            "We do not routinely transfer personal data to countries outside the EU/EEA and \
             Switzerland.",
            "Switzerland (CH) and the EU/EEA",
        ),
        (
            "Wir übermitteln keine personenbezogenen Daten in Länder außerhalb der EU (EWR) \
             und der Schweiz.",
            "Switzerland (CH) and the EU/EEA",
        ),
    ] {
        let r = check("policy.md", &doc(promise, zendesk));
        let found =
            reason(&r, "contradiction").unwrap_or_else(|| panic!("{promise}: {:?}", r.risk));
        assert!(
            found.message.contains(&format!("stays in {places}, but"))
                && found.message.contains("Zendesk"),
            "{}",
            found.message
        );
    }
    for (promise, rest) in [
        // The promised country itself.
        (
            "Ihre Daten werden ausschließlich in der Schweiz und im EWR gespeichert.",
            "Wir hosten bei Infomaniak in der Schweiz.",
        ),
        (
            "We do not transfer personal data to countries outside the EU/EEA and \
             Switzerland.",
            "Our website is hosted by Infomaniak Network SA, Geneva.",
        ),
        // Transfers in general may mean the promised country.
        (
            "Ihre Daten werden ausschließlich in der Schweiz gespeichert.",
            "Eine Übermittlung in Drittländer erfolgt auf Grundlage von \
             Standardvertragsklauseln.",
        ),
        // A default, an offer and a promise of one provider promise nothing of the rest.
        (
            "Unless otherwise agreed, your data is stored only in Canada.",
            zendesk,
        ),
        ("Our app is only available in Switzerland.", zendesk),
        (
            "Infomaniak verarbeitet die Daten ausschließlich in der Schweiz.",
            zendesk,
        ),
    ] {
        let r = check("policy.md", &doc(promise, rest));
        assert!(
            reason(&r, "contradiction").is_none(),
            "{promise} / {rest}: {:?}",
            r.risk
        );
    }
}

/// A legend of a table's codes ('"n/a" bzw. "n/a (EU)" bedeutet, dass keine Übermittlung in
/// ein Drittland stattfindet') explains a cell value: it promises nothing of the document's
/// data, so a US sub-processor in the table contradicts nothing.
#[test]
fn a_legend_of_table_codes_promises_nothing() {
    let doc = |legend: &str| {
        format!(
            "Anlage 3 – Unterauftragsverarbeiter\n\nErläuterungen:\n\n{legend}\n\n\
             | Unterauftragsverarbeiter | Standort | Garantie |\n|---|---|---|\n\
             | Slack Technologies, LLC, 500 Howard Street, San Francisco, CA 94105, USA | USA | \
             DPF |\n| DeepL SE, Maarweg 165, 50825 Köln | Deutschland | n/a (EU) |\n"
        )
    };
    let legend = "- \"n/a\" bzw. \"n/a (EU)\" bedeutet, dass keine Übermittlung in ein Drittland \
                  stattfindet, da die Verarbeitung in der EU erfolgt.";
    let r = check("anlage3.md", &doc(legend));
    assert!(reason(&r, "contradiction").is_none(), "{:?}", r.risk);
    // Control: the same words as a statement of the document.
    let r = check(
        "anlage3.md",
        &doc("Eine Übermittlung in ein Drittland findet nicht statt."),
    );
    assert!(reason(&r, "contradiction").is_some(), "{:?}", r.risk);
}

#[test]
fn a_promise_the_next_sentence_limits_to_some_data_is_not_broken_by_other_data() {
    let doc = |note: &str| {
        format!(
            "# Datenschutzerklärung der Terminwerk GmbH\n\n## 2. Wo werden Ihre Daten gespeichert?\n\n\
             > **Unser Versprechen für die Plattform:** Alle Termin- und Kundendaten, die unsere \
             Kunden in der Plattform verarbeiten, werden ausschließlich in Rechenzentren in \
             Deutschland verarbeitet.\n>\n> {note}\n\n\
             ## 5. Newsletter\n\nFür den Newsletter nutzen wir HubSpot, Inc., 25 First Street, \
             Cambridge, MA 02141, USA. HubSpot ist nach dem EU-U.S. Data Privacy Framework \
             zertifiziert.\n"
        )
    };
    let limited = "*Hinweis:* Dieses Versprechen bezieht sich ausschließlich auf die Daten \
                   innerhalb der Plattform; für unsere Website gelten die folgenden Abschnitte.";
    let r = check("dse.md", &doc(limited));
    assert!(reason(&r, "contradiction").is_none(), "{:?}", r.risk);
    assert_eq!(r.transfers.third_country_transfer, Some(true));
    // Control: a note that limits nothing.
    let r = check(
        "dse.md",
        &doc("*Hinweis:* Die Rechenzentren sind nach ISO 27001 zertifiziert."),
    );
    assert!(reason(&r, "contradiction").is_some(), "{:?}", r.risk);
}

/// A DPA whose list of sub-processors gives, for a company in India, the transfer
/// mechanism `mechanism` on a labelled line of its entry.
fn indian_subprocessor_dpa(mechanism: &str) -> String {
    format!(
        "Data Processing Agreement\n\n1. Parties\n\nSt. Brendan's Clinic Group Ltd, 12 Harcourt \
         Street, Dublin 2, Ireland (the \"Controller\") and Helixa Health Analytics B.V., \
         Catharijnesingel 52, 3511 GC Utrecht, the Netherlands (the \"Processor\").\n\n\
         7.4 Current Sub-processors:\n\n\
         - Helixa Health Analytics Pvt. Ltd. (affiliate), Panchshil Tech Park, Yerwada, Pune \
         411006, India\n  - Service: software development, second- and third-level technical \
         support, database administration; personnel have remote access to the production \
         environment, including Patient Data, for troubleshooting and releases\n  \
         - Location: Pune, India\n  - Transfer mechanism: {mechanism}\n\n\
         8. Deletion\n\nThe Processor deletes all personal data at the end of the services.\n"
    )
}

#[test]
fn standard_clauses_in_a_module_for_a_controller_do_not_cover_a_sub_processor() {
    let r = check(
        "dpa.md",
        &indian_subprocessor_dpa(
            "Standard Contractual Clauses adopted by Commission Implementing Decision (EU) \
             2021/914, Module 1 (controller to controller), concluded between Helixa Health \
             Analytics B.V. and Helixa Health Analytics Pvt. Ltd. on 2 June 2025",
        ),
    );
    assert_reason_names(
        &r,
        "scc_module_mismatch",
        "Helixa Health Analytics Pvt. Ltd. (subprocessor, IN) under Module 1 (controller to \
         controller)",
    );
    assert_eq!(r.risk.level, dpascan::report::RiskLevel::High);
    // Controls: the module for a processor as importer, and a module 1 beside another
    // mechanism that carries the transfer.
    for fine in [
        "Standard Contractual Clauses (EU) 2021/914, Module 3 (processor to processor)",
        "Binding Corporate Rules of the Helixa group; Standard Contractual Clauses, Module 1",
    ] {
        let r = check("dpa.md", &indian_subprocessor_dpa(fine));
        assert!(
            reason(&r, "scc_module_mismatch").is_none(),
            "{fine}: {:?}",
            r.risk
        );
    }
    // Control: Module 1 for a recipient that is a controller itself.
    let text = indian_subprocessor_dpa("Standard Contractual Clauses, Module 1").replace(
        "7.4 Current Sub-processors:",
        "7.4 Independent controllers:",
    );
    let r = check("dpa.md", &text);
    assert!(reason(&r, "scc_module_mismatch").is_none(), "{:?}", r.risk);
}

#[test]
fn a_derogation_alone_does_not_carry_a_sub_processors_regular_transfers() {
    let consent = "explicit consent of the data subject pursuant to Article 49(1)(a) GDPR, \
                   obtained by the Controller from each patient at onboarding";
    let r = check("dpa.md", &indian_subprocessor_dpa(consent));
    assert_reason_names(
        &r,
        "derogation_for_processor",
        "Helixa Health Analytics Pvt. Ltd. (subprocessor, IN)",
    );
    assert_eq!(r.risk.level, dpascan::report::RiskLevel::High);
    // Control: SCCs beside the consent.
    let fine = "Standard Contractual Clauses, Module 3; in addition the explicit consent of \
                the data subject (Art. 49(1)(a) GDPR)";
    let r = check("dpa.md", &indian_subprocessor_dpa(fine));
    assert!(
        reason(&r, "derogation_for_processor").is_none(),
        "{:?}",
        r.risk
    );
}

#[test]
fn the_data_privacy_framework_covers_no_company_outside_the_us() {
    let r = check(
        "dpa.md",
        &indian_subprocessor_dpa("EU-U.S. Data Privacy Framework"),
    );
    assert_reason_names(
        &r,
        "dpf_outside_us",
        "Helixa Health Analytics Pvt. Ltd. (subprocessor, IN)",
    );
    assert_eq!(r.risk.level, dpascan::report::RiskLevel::High);
    // Controls: the DPF beside SCCs, and the DPF for a US company.
    let r = check(
        "dpa.md",
        &indian_subprocessor_dpa("EU-U.S. Data Privacy Framework; SCCs (2021), Module 3"),
    );
    assert!(reason(&r, "dpf_outside_us").is_none(), "{:?}", r.risk);
    let us = indian_subprocessor_dpa("EU-U.S. Data Privacy Framework").replace(
        "Helixa Health Analytics Pvt. Ltd. (affiliate), Panchshil Tech Park, Yerwada, Pune \
                  411006, India",
        "Helixa Health Analytics Inc., 100 Pine Street, San Francisco, CA 94111, USA",
    );
    let r = check("dpa.md", &us);
    assert!(
        r.parties.iter().any(|p| p.name == "Helixa Health Analytics Inc." && p.country.as_deref() == Some("US")),
        "{:?}",
        r.parties
    );
    assert!(reason(&r, "dpf_outside_us").is_none(), "{:?}", r.risk);
}

#[test]
fn a_processor_whose_country_only_a_derogation_reaches_in_prose_has_no_mechanism() {
    let doc = |basis: &str| {
        format!(
            "Privacy Policy\n\n1. Controller\n\nLingoria Academy GmbH, Karl-Liebknecht-Straße 12, \
             04107 Leipzig, Germany.\n\n2. Group company\n\nMany of our tutors work for \
             Lingoria Tutors Philippines, Inc., 6th Floor, Skyrise 4, Cebu IT Park, Lahug, Cebu \
             City 6000, Philippines (\"Lingoria PH\"). Lingoria PH acts on our behalf and on our \
             instructions as our processor.\n\n7.1 Philippines. The Philippines is a country for \
             which the European Commission has not issued an adequacy decision. {basis}\n"
        )
    };
    let r = check(
        "policy.md",
        &doc(
            "Transfers to Lingoria PH are based on your explicit consent pursuant to Art. \
              49(1)(a) GDPR.",
        ),
    );
    assert_reason_names(
        &r,
        "derogation_for_processor",
        "Lingoria Tutors Philippines, Inc. (processor, PH)",
    );
    // Control: the standard contractual clauses beside the consent.
    let r = check(
        "policy.md",
        &doc(
            "Transfers to Lingoria PH are based on the standard contractual clauses (Module \
              3) and your explicit consent pursuant to Art. 49(1)(a) GDPR.",
        ),
    );
    assert!(
        reason(&r, "derogation_for_processor").is_none(),
        "{:?}",
        r.risk
    );
    // Control: no mechanism at all is another reason's case.
    let r = check("policy.md", &doc("Our tutors there see your bookings."));
    assert!(
        reason(&r, "derogation_for_processor").is_none(),
        "{:?}",
        r.risk
    );
}

//! Table-driven tests of the address parser, the party finder and build_parties.

use super::*;
use crate::report::Party;

/// A tiny country gazetteer for tests (the real one is the country matcher's).
pub(crate) fn mentions(text: &str) -> Vec<CountryMention> {
    const NAMES: &[(&str, &str)] = &[
        ("Deutschland", "DE"),
        ("Germany", "DE"),
        ("Belgien", "BE"),
        ("Belgium", "BE"),
        ("the Netherlands", "NL"),
        ("The Netherlands", "NL"),
        ("Netherlands", "NL"),
        ("U.S.A.", "US"),
        ("USA", "US"),
        ("United States", "US"),
        ("Schweiz", "CH"),
        ("Switzerland", "CH"),
        ("Iceland", "IS"),
        ("Malta", "MT"),
        ("Frankreich", "FR"),
        ("France", "FR"),
        ("Irland", "IE"),
        ("Ireland", "IE"),
        ("Österreich", "AT"),
        ("Austria", "AT"),
        ("United Kingdom", "GB"),
        ("Litauen", "LT"),
        ("Italy", "IT"),
        ("Italien", "IT"),
        ("Spain", "ES"),
        ("Poland", "PL"),
        ("Polen", "PL"),
        ("Denmark", "DK"),
        ("Dänemark", "DK"),
        ("Sweden", "SE"),
        ("Schweden", "SE"),
        ("Finland", "FI"),
        ("Canada", "CA"),
        ("Australia", "AU"),
        ("India", "IN"),
        ("Japan", "JP"),
        ("Luxembourg", "LU"),
        ("Luxemburg", "LU"),
        ("Liechtenstein", "LI"),
        ("Spanien", "ES"),
    ];
    let mut out: Vec<CountryMention> = Vec::new();
    for (name, code) in NAMES {
        for (i, _) in text.match_indices(name) {
            let e = i + name.len();
            let ok = crate::matchers::text::at_word_bounds(text, i, e);
            if ok
                && !out
                    .iter()
                    .any(|m| m.start <= i && i < m.end || i <= m.start && m.start < e)
            {
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

pub(crate) fn doc(text: &str) -> Extracted {
    Extracted {
        text: text.to_string(),
        pages: std::iter::once(0..text.len()).collect(),
        paged: false,
        engine: "test".into(),
        warnings: Vec::new(),
    }
}

fn find(text: &str) -> Vec<Finding> {
    find_entities(&doc(text), &mentions(text), EntityData::embedded())
}

fn addresses(text: &str) -> Vec<serde_json::Value> {
    find(text)
        .into_iter()
        .filter(|f| f.kind == FindingKind::Address)
        .map(|f| f.value)
        .collect()
}

/// (input, Some((street, postcode, city, region, country))) or None for "no address".
type AddrCase = (
    &'static str,
    Option<(
        Option<&'static str>,
        Option<&'static str>,
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
    )>,
);

#[test]
fn address_parser_table() {
    let cases: &[AddrCase] = &[
        ("Mailgun Technologies, Inc.\n112 E Pecan St #1135\nSan Antonio, TX 78205\nlegal@mailgun.com",
            Some((Some("112 E Pecan St #1135"), Some("78205"), "San Antonio", Some("TX"), Some("US")))),
        // The city before the street, a floor after it (the German templates' Zoom address).
        ("Zoom Communications Inc., San Jose, 55 Almaden Boulevard, 6th Floor, CA 95113, USA.",
            Some((Some("55 Almaden Boulevard, 6th Floor"), Some("95113"), "San Jose", Some("CA"), Some("US")))),
        ("Sinch America Inc., 7000 Central Parkway Suite 1480. Atlanta, GA 30328 (USA).",
            Some((Some("7000 Central Parkway Suite 1480"), Some("30328"), "Atlanta", Some("GA"), Some("US")))),
        ("Pentacode AG • Lindwurmstraße 147 • 80337 München",
            Some((Some("Lindwurmstraße 147"), Some("80337"), "München", None, Some("DE")))),
        ("Alt-Moabit 140, 10557 Berlin",
            Some((Some("Alt-Moabit 140"), Some("10557"), "Berlin", None, Some("DE")))),
        ("Avenue Louise 235 b 1, 1050 Brüssel, Belgien",
            Some((Some("Avenue Louise 235 b 1"), Some("1050"), "Brüssel", None, Some("BE")))),
        ("Nieuwezijds Voorburgwal 162, 1012 SJ Amsterdam, the Netherlands",
            Some((Some("Nieuwezijds Voorburgwal 162"), Some("1012 SJ"), "Amsterdam", None, Some("NL")))),
        ("88 Colin P. Kelly Jr. St, San Francisco, CA 94107",
            Some((Some("88 Colin P. Kelly Jr. St"), Some("94107"), "San Francisco", Some("CA"), Some("US")))),
        ("Industriestr. 25, 91710 Gunzenhausen",
            Some((Some("Industriestr. 25"), Some("91710"), "Gunzenhausen", None, Some("DE")))),
        ("88 Colin P. Kelly Jr. Street\nSan Francisco, California 94107 USA",
            Some((Some("88 Colin P. Kelly Jr. Street"), Some("94107"), "San Francisco", Some("CA"), Some("US")))),
        ("Vijzelstraat 68-72\n1017 HL Amsterdam\nThe Netherlands",
            Some((Some("Vijzelstraat 68-72"), Some("1017 HL"), "Amsterdam", None, Some("NL")))),
        ("Route de la Galaise 32, 1228 Plan-les-Ouates, Genf, Schweiz",
            Some((Some("Route de la Galaise 32"), Some("1228"), "Plan-les-Ouates", None, Some("CH")))),
        ("Musterweg 5, A-1010 Wien", Some((Some("Musterweg 5"), Some("1010"), "Wien", None, Some("AT")))),
        // An ambiguous postcode takes the country of the company number right below it
        // (the twelfth blind set's Swiss shop); one after a blank line is another block's.
        ("Bahnhofplatz 3\n3400 Burgdorf\nUID: CHE-104.552.783\nE-Mail: info@example.ch",
            Some((Some("Bahnhofplatz 3"), Some("3400"), "Burgdorf", None, Some("CH")))),
        ("Dorfstraße 12, 6150 Steinach\nFN 412733 p, Landesgericht Innsbruck",
            Some((Some("Dorfstraße 12"), Some("6150"), "Steinach", None, Some("AT")))),
        ("Bahnhofplatz 3\n3400 Burgdorf\n\nUID: CHE-104.552.783",
            Some((Some("Bahnhofplatz 3"), Some("3400"), "Burgdorf", None, None))),
        ("Seestrasse 1, CH-8004 Zürich", Some((Some("Seestrasse 1"), Some("8004"), "Zürich", None, Some("CH")))),
        ("Marienplatz 1, D-80331 München", Some((Some("Marienplatz 1"), Some("80331"), "München", None, Some("DE")))),
        ("Mariahilfer Straße 1, 1060 Wien", Some((Some("Mariahilfer Straße 1"), Some("1060"), "Wien", None, Some("AT")))),
        ("Rue de la Loi 16, 1000 Bruxelles", Some((Some("Rue de la Loi 16"), Some("1000"), "Bruxelles", None, Some("BE")))),
        ("12 rue de Rivoli, 75001 Paris", Some((Some("12 rue de Rivoli"), Some("75001"), "Paris", None, Some("FR")))),
        ("Via Roma 10, 20121 Milano, Italy", Some((Some("Via Roma 10"), Some("20121"), "Milano", None, Some("IT")))),
        ("Calle de Alcalá 50, 28014 Madrid", Some((Some("Calle de Alcalá 50"), Some("28014"), "Madrid", None, Some("ES")))),
        ("ul. Marszałkowska 1, 00-950 Warszawa", Some((Some("ul. Marszałkowska 1"), Some("00-950"), "Warszawa", None, Some("PL")))),
        ("Vesterbrogade 1, 1620 København", Some((Some("Vesterbrogade 1"), Some("1620"), "København", None, Some("DK")))),
        ("Drottninggatan 1, 111 51 Stockholm", Some((Some("Drottninggatan 1"), Some("111 51"), "Stockholm", None, Some("SE")))),
        ("Mannerheimintie 1, 00100 Helsinki", Some((Some("Mannerheimintie 1"), Some("00100"), "Helsinki", None, Some("FI")))),
        ("10 Downing Street, London SW1A 2AA", Some((Some("10 Downing Street"), Some("SW1A 2AA"), "London", None, Some("GB")))),
        // A PDF line break between the postcode's two parts.
        ("Northbridge Group plc, 1 Churchill Place, London E14\n5HP, United Kingdom (the \"Parent\")",
            Some((Some("1 Churchill Place"), Some("E14 5HP"), "London", None, Some("GB")))),
        // The seat introduced after a company number, which the running-text intro skips.
        ("ACME Retail Ltd, a company incorporated in England and Wales with company number 01234567 whose registered office is at 1 High Street, London EC1A 1AA (\"Customer\")",
            Some((Some("1 High Street"), Some("EC1A 1AA"), "London", None, Some("GB")))),
        ("Gordon House, Barrow Street, Dublin 4, Ireland", Some((Some("Barrow Street"), Some("D04"), "Dublin", None, Some("IE")))),
        // A business park and a locality between the street and the city.
        ("Microsoft Ireland Operations Limited, One Microsoft Place, South County Business Park, Leopardstown, Dublin 18, D18 P521, Ireland",
            Some((Some("One Microsoft Place"), Some("D18 P521"), "Dublin", None, Some("IE")))),
        // An organisation's name before them ends the search: the street before it is
        // another organisation's.
        ("Alpha GmbH, Hauptstraße 5, Beta Consulting GmbH, Zentrale, 10115 Berlin",
            Some((None, Some("10115"), "Berlin", None, Some("DE")))),
        // An address in parentheses after the name; two postcodes in parentheses hold no street.
        ("through Tink Germany GmbH (Gottfried-Keller-Strasse 33, 81245 Munich) or",
            Some((Some("Gottfried-Keller-Strasse 33"), Some("81245"), "Munich", None, Some("DE")))),
        ("servers of CrossEngage GmbH (Bertha-Benz-Str. 5, 10557 Berlin).",
            Some((Some("Bertha-Benz-Str. 5"), Some("10557"), "Berlin", None, Some("DE")))),
        ("NL (1015 AA / 1017 CB Amsterdam)", Some((None, Some("1017 CB"), "Amsterdam", None, Some("NL")))),
        // In prose and lists, a year with a word after it is no address, however street-like
        // the segments before it are.
        ("Die Frist beträgt höchstens 90 Tage; danach werden die Daten gelöscht. Es gelten die Klauseln vom 4. Juni 2021 Bestandteil dieses Vertrages.", None),
        ("37signals LLC, 2045 W Grand Ave, Suite B, Chicago, Illinois 60612",
            Some((Some("2045 W Grand Ave"), Some("60612"), "Chicago", Some("IL"), Some("US")))),
        ("70 Sir John Rogerson's Quay, Dublin, D02 R296", Some((Some("70 Sir John Rogerson's Quay"), Some("D02 R296"), "Dublin", None, Some("IE")))),
        ("100 King Street West, Toronto, ON M5X 1A9", Some((Some("100 King Street West"), Some("M5X 1A9"), "Toronto", Some("ON"), Some("CA")))),
        ("Level 5, 1 Martin Place, Sydney NSW 2000", Some((Some("1 Martin Place"), Some("2000"), "Sydney", Some("NSW"), Some("AU")))),
        ("1 Raffles Place, Singapore 048616", Some((Some("1 Raffles Place"), Some("048616"), "Singapore", None, Some("SG")))),
        ("Roppongi 6-10-1, Minato-ku, Tokyo 106-6126", Some((Some("Roppongi 6-10-1, Minato-ku"), Some("106-6126"), "Tokyo", None, Some("JP")))),
        ("1-1-1 Marunouchi, Chiyoda-ku, Tokio 100-0005, Japan", Some((Some("1-1-1 Marunouchi, Chiyoda-ku"), Some("100-0005"), "Tokio", None, Some("JP")))),
        ("Boulevard Royal 2, L-2449 Luxembourg", Some((Some("Boulevard Royal 2"), Some("2449"), "Luxembourg", None, Some("LU")))),
        ("Städtle 1, 9490 Vaduz", Some((Some("Städtle 1"), Some("9490"), "Vaduz", None, Some("LI")))),
        ("Name: GitHub, Inc.\nAddress: 88 Colin P Kelly Jr St, San Francisco, CA 94107, USA",
            Some((Some("88 Colin P Kelly Jr St"), Some("94107"), "San Francisco", Some("CA"), Some("US")))),
        ("MG Road 1, Bengaluru 560001", Some((Some("MG Road 1"), Some("560001"), "Bengaluru", None, Some("IN")))),
        // Other countries that write their postcode after the city, each with its length.
        ("Thamel Marg 12, Kathmandu 44600, Nepal", Some((Some("Thamel Marg 12"), Some("44600"), "Kathmandu", None, Some("NP")))),
        ("Rothschild Boulevard 22, Tel Aviv 6688218, Israel", Some((Some("Rothschild Boulevard 22"), Some("6688218"), "Tel Aviv", None, Some("IL")))),
        ("Sukhumvit Road 100, Bangkok 10110", Some((Some("Sukhumvit Road 100"), Some("10110"), "Bangkok", None, Some("TH")))),
        // A table: each column's address is read down its own column.
        ("Our HQ | Our EU office\n1 Main St. | Vijzelstraat 68-72\nX | 1017 HL Amsterdam\nUSA | The Netherlands",
            Some((Some("Vijzelstraat 68-72"), Some("1017 HL"), "Amsterdam", None, Some("NL")))),
        // One line with bars is no table: the street is the cell before the postcode.
        ("Muster GmbH | Musterstr. 5 | 12345 Berlin",
            Some((Some("Musterstr. 5"), Some("12345"), "Berlin", None, Some("DE")))),
        // Iceland and Malta, only with the country written after them.
        ("P.O. Box No 4, 121 Reykjavík, Iceland",
            Some((Some("P.O. Box No 4"), Some("121"), "Reykjavík", None, Some("IS")))),
        ("Peakford Ltd, 86, 'The Office' Leli Falzon Street, Naxxar NXR 2609, Malta",
            Some((Some("'The Office' Leli Falzon Street"), Some("NXR 2609"), "Naxxar", None, Some("MT")))),
        // Negatives.
        ("Wir betreiben 121 Rechenzentren Europas.", None),
        // A year after such a city; digits of another country's length.
        ("Since the office in Kathmandu 2019 opened, we grew.", None),
        ("Our team in Kathmandu 560001 strong.", None),
        // A code and a line starting with a digit are no postcode without a city before.
        ("See section B12\n3AB of the annex.", None),
        ("Zweigstelle Valletta VLT 1234 eröffnet.", None),
        ("Telefon: +49 89 12345 6789", None),
        ("Zuletzt hatte das LG Köln (23.03.2023 – 33 O 376/22) entschieden.", None),
        ("Die Kostennote beträgt jeweils ca. 1400 Euro. Ich halte dies für unangemessen.", None),
        ("Registergericht: HRB 6089 Ansbach", None),
        ("IBAN: DE89 3704 0044 0532 0130 00", None),
        ("gemäß Art. 28 Abs. 3 DSGVO", None),
        ("Update Mai 2023: Mailjet wurde übernommen.", None),
        ("Im Jahr 2021 Google und andere Anbieter", None),
        ("Data Processing Agreement 2024 Edition", None),
    ];
    let mut failures = Vec::new();
    for (input, want) in cases {
        let got = addresses(input);
        match (want, got.first()) {
            (None, None) => {}
            (None, Some(v)) => failures.push(format!("{input:?}: expected no address, got {v}")),
            (Some(_), None) => failures.push(format!("{input:?}: no address found")),
            (Some((street, pc, city, region, cc)), Some(v)) => {
                let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
                let got_t = (
                    s("street"),
                    s("postcode"),
                    s("city"),
                    s("region"),
                    s("country"),
                );
                let want_t = (
                    street.map(str::to_string),
                    pc.map(str::to_string),
                    Some(city.to_string()),
                    region.map(str::to_string),
                    cc.map(str::to_string),
                );
                if got_t != want_t {
                    failures.push(format!("{input:?}: expected {want_t:?}, got {got_t:?}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// (input, expected party names with legal form, in order).
type PartyCase = (&'static str, &'static [&'static str]);

#[test]
fn party_finder_table() {
    let cases: &[PartyCase] = &[
        (
            "Vertrag zwischen der Muster GmbH und der Beispiel AG",
            &["Muster GmbH", "Beispiel AG"],
        ),
        ("Die Muster GmbH verarbeitet Daten.", &["Muster GmbH"]),
        // A name does not read back into the organisation before it.
        (
            "The parties are Google LLC and Google Ireland Limited, Gordon House.",
            &["Google LLC", "Google Ireland Limited"],
        ),
        // A stop word right before the legal form belongs to the name.
        (
            "entered into between OVH Hosting Ltd. (“OVH”) and the Client",
            &["OVH Hosting Ltd."],
        ),
        (
            "Alpenrechen Hosting GmbH (Anschrift siehe Fußzeile)",
            &["Alpenrechen Hosting GmbH"],
        ),
        (
            "Wir nutzen für das Hosting Hetzner Online GmbH.",
            &["Hetzner Online GmbH"],
        ),
        (
            "Meine Firma, die IT Logic GmbH, berät Kunden.",
            &["IT Logic GmbH"],
        ),
        (
            "als deutsche Firma namens Mailjet GmbH mit Sitz in Berlin aus.",
            &["Mailjet GmbH"],
        ),
        (
            "Mailgun Technologies, Inc.\n112 E Pecan St #1135",
            &["Mailgun Technologies, Inc."],
        ),
        (
            "Haufe-Lexware GmbH & Co. KG",
            &["Haufe-Lexware GmbH & Co. KG"],
        ),
        (
            "Beispiel UG (haftungsbeschränkt) ist Anbieter",
            &["Beispiel UG (haftungsbeschränkt)"],
        ),
        (
            "Pentacode AG • Lindwurmstraße 147 • 80337 München",
            &["Pentacode AG"],
        ),
        ("HelpScout Inc. | USA | Helpdesk", &["HelpScout Inc."]),
        ("provided by GitHub, Inc. (“GitHub”).", &["GitHub, Inc."]),
        (
            "Google Ireland Limited, Gordon House",
            &["Google Ireland Limited"],
        ),
        (
            "Wir nutzen Dienste der Google Ireland Limited und der Google LLC.",
            &["Google Ireland Limited", "Google LLC"],
        ),
        (
            "DigitalService GmbH des Bundes\nPrinzessinnenstraße 8-14",
            &["DigitalService GmbH des Bundes"],
        ),
        (
            "Bird & Bird DPO Services SRL acts as our DPO.",
            &["Bird & Bird DPO Services SRL"],
        ),
        (
            "Verantwortlich ist das Bundesministerium für Digitales und Staatsmodernisierung",
            &["Bundesministerium für Digitales und Staatsmodernisierung"],
        ),
        (
            "Daten des Robert Koch-Institut werden",
            &["Robert Koch-Institut"],
        ),
        ("OVH SAS, 2 rue Kellermann, 59100 Roubaix", &["OVH SAS"]),
        (
            "Spotify AB och Klarna Bank AB",
            &["Spotify AB", "Klarna Bank AB"],
        ),
        ("Allegro sp. z o.o. in Poznań", &["Allegro sp. z o.o."]),
        ("Atlassian Pty Ltd, Sydney", &["Atlassian Pty Ltd"]),
        ("Infosys Pvt. Ltd. in Bengaluru", &["Infosys Pvt. Ltd."]),
        ("Rakuten K.K. in Tokyo", &["Rakuten K.K."]),
        ("Hetzner Online GmbH", &["Hetzner Online GmbH"]),
        (
            "**http.net Internet GmbH**<br>",
            &["http.net Internet GmbH"],
        ),
        ("Käufe über eBay Inc. sind möglich", &["eBay Inc."]),
        (
            "Die Daten werden u.a. Google LLC übermittelt",
            &["Google LLC"],
        ),
        ("**Hetzner Online GmbH**<br>", &["Hetzner Online GmbH"]),
        ("Customer and Google LLC agree", &["Google LLC"]),
        // A postcode's city glued to the name that follows it (a letterhead's columns).
        (
            "Geschäftsführer: Martin Hetzner, 91710 Gunzenhausen Deutsche Bank AG Nürnberg",
            &["Deutsche Bank AG"],
        ),
        (
            "CA 94043 Mountain View Example Labs Inc. Bank of the West",
            &["Example Labs Inc."],
        ),
        // A year is no postcode; an unknown word after a postcode stays in the name.
        ("© 2021 Microsoft Corporation", &["Microsoft Corporation"]),
        ("© 2021 Hamburg Süd GmbH", &["Hamburg Süd GmbH"]),
        ("12345 Nirgendwo Muster GmbH", &["Nirgendwo Muster GmbH"]),
        // The city alone before the legal form is the name.
        ("80331 München GmbH", &["München GmbH"]),
        (
            "Der TSV 1860 München e.V. lädt ein.",
            &["TSV 1860 München e.V."],
        ),
        // A state before the legal form says under which law, not who.
        (
            "being Basecamp, LLC, an Illinois Limited Liability Company.",
            &["Basecamp, LLC"],
        ),
        ("Acme Inc., a Delaware Corporation", &["Acme Inc."]),
        (
            "Texas Instruments Incorporated",
            &["Texas Instruments Incorporated"],
        ),
        // Negatives.
        ("Data Processing Agreement", &[]),
        ("Standard Contractual Clauses", &[]),
        // A name that goes on past its form's word is not cut there.
        (
            "we may share it with the Internet Corporation for Assigned Names and Numbers.",
            &[],
        ),
        (
            "Bank of America Corporation of course relies on it.",
            &["Bank of America Corporation"],
        ),
        // A letterhead's bank details name no party; a bank in the contract does.
        (
            "Hetzner Online GmbH Industriestr. 25 Bank details:\nCEO: Martin Hetzner | Deutsche Bank AG Nuremberg\nTel.: +49 9831 505-0 IBAN: DE92 7607 0012 0750 0077 00",
            &["Hetzner Online GmbH"],
        ),
        ("Bankverbindung: Commerzbank AG, Filiale Ansbach", &[]),
        (
            "Vertrag zwischen der Deutsche Bank AG, Taunusanlage 12, 60325 Frankfurt am Main, und der Muster GmbH",
            &["Deutsche Bank AG", "Muster GmbH"],
        ),
        ("Registergericht: AG München", &[]),
        ("The Company shall notify the Customer.", &[]),
        (
            "Die Gesellschaft mit beschränkter Haftung ist eine Rechtsform.",
            &[],
        ),
        ("The Limited Warranty applies.", &[]),
        ("die SAGE-Software und SAP-Systeme", &[]),
        // A year range or a postcode glued to the name is not part of it.
        (
            "© 2012-2014 Metromile Inc. All rights reserved.",
            &["Metromile Inc."],
        ),
        (
            "San Francisco, CA 94110Automattic Inc. operates",
            &["Automattic Inc."],
        ),
        // An outline number under a letter heads a section, it is no part of the name
        // (the twelfth blind set's list: "### A.1 Hetzner Online GmbH").
        ("A.1 Hetzner Online GmbH", &["Hetzner Online GmbH"]),
        // A change's label in capitals before a name in mixed case (the thirteenth blind
        // set's quoted notice); a name in capitals keeps its words, "New" its place.
        (
            ">> NEW Samsara Inc., 1 De Haro Street\n>> ENDING HERE Europe B.V., Eindhoven",
            &["Samsara Inc.", "HERE Europe B.V."],
        ),
        ("NEW HORIZON LOGISTICS LTD, Leeds", &["NEW HORIZON LOGISTICS LTD"]),
        ("New Relic, Inc. provides monitoring.", &["New Relic, Inc."]),
        // A Portuguese name's "do" (the thirteenth blind set).
        (
            "Partneragenturen: die Rota do Sol Turismo Ltda., Salvador",
            &["Rota do Sol Turismo Ltda."],
        ),
        // Latvian and Lithuanian companies (the thirteenth blind set; Hetzner's policy).
        (
            "Baltic Bridge Academy SIA, Brīvības iela 85, Rīga, and iDenfy UAB, Kaunas",
            &["Baltic Bridge Academy SIA", "iDenfy UAB"],
        ),
        // A field separator glued to the name (records separated by semicolons).
        (
            "01;Amazon Web Services EMEA SARL;38 Avenue John F. Kennedy",
            &["Amazon Web Services EMEA SARL"],
        ),
        ("current;Twilio Inc.;US", &["Twilio Inc."]),
        ("B.2.3. Kranichfeld Holding AG", &["Kranichfeld Holding AG"]),
        ("Team A.1B Systems GmbH", &["Team A.1B Systems GmbH"]),
        // "AS" in a line of capitals is the English word ("SUCH AS", "PROVIDED AS"), as
        // in a drawing's notes; a Norwegian AS is written after a name in mixed case.
        (
            "FIRE-RESISTANT SHEATHING SHALL BE PROVIDED AS REQUIRED. SUCH AS SHOWN",
            &[],
        ),
        (
            "Opera Norway AS, Gjerdrums vei 19, is a processor",
            &["Opera Norway AS"],
        ),
        // Universities named by several words, or "of" a place.
        (
            "at Georgia State University, Atlanta, and Case Western Reserve University",
            &["Georgia State University", "Case Western Reserve University"],
        ),
        (
            "National University of Singapore and The University of Texas",
            &["National University of Singapore", "University of Texas"],
        ),
        (
            "Researchers At Indiana University, USA",
            &["Indiana University"],
        ),
    ];
    let mut failures = Vec::new();
    for (input, want) in cases {
        let got: Vec<String> = find(input)
            .into_iter()
            .filter(|f| f.rule == "party.legal_form" || f.rule == "party.public_body")
            .filter_map(|f| {
                f.value
                    .get("name")
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            })
            .collect();
        if got != *want {
            failures.push(format!("{input:?}: expected {want:?}, got {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn parties(text: &str) -> Vec<Party> {
    let mut f = find(text);
    for (i, x) in f.iter_mut().enumerate() {
        x.id = format!("f{}", i + 1);
    }
    build_parties(&doc(text), &f)
}

fn roles_of<'a>(ps: &'a [Party], name: &str) -> Option<&'a Party> {
    ps.iter().find(|p| p.name == name)
}

#[test]
fn build_parties_roles_and_defined_terms() {
    // (text, name, expected roles, expected country)
    let cases: &[(&str, &str, &[&str], Option<&str>)] = &[
        ("Dieser Vertrag wird geschlossen zwischen der Muster GmbH (nachfolgend „Auftraggeber“) und der Pentacode AG (nachfolgend „Auftragnehmer“).",
            "Pentacode AG", &["processor"], None),
        ("Dieser Vertrag wird geschlossen zwischen der Muster GmbH (nachfolgend „Auftraggeber“) und der Pentacode AG (nachfolgend „Auftragnehmer“).",
            "Muster GmbH", &["controller"], None),
        ("This DPA is between Acme Ltd (hereinafter the Processor) and you.", "Acme Ltd", &["processor"], None),
        ("Beispiel GmbH (im Folgenden: Verantwortlicher) betreibt die Website.", "Beispiel GmbH", &["controller"], None),
        ("Mailgun Technologies, Inc. (\"Mailgun\", \"we\", \"us\") provides the service. Mailgun is the processor of the data.",
            "Mailgun Technologies, Inc.", &["processor"], None),
        ("Außerdem ist u.a. als Auftragsverarbeiter genannt: Sinch America Inc., 7000 Central Parkway Suite 1480. Atlanta, GA 30328 (USA).",
            "Sinch America Inc.", &["processor"], Some("US")),
        // No address and no country stated: a B.V. is Dutch (`country_source` "legal_form").
        ("GitHub B.V. is GitHub’s data protection representative for the European Economic Area.", "GitHub B.V.", &["representative"], Some("NL")),
        ("Mailjet is a subsidiary of Sinch AB, headquartered in Stockholm.", "Sinch AB", &["parent"], Some("SE")),
        ("Die Muttergesellschaft Sinch AB sitzt in Schweden.", "Sinch AB", &["parent"], Some("SE")),
        ("Unser Datenschutzbeauftragter ist die DataCo GmbH, Musterweg 1, 10115 Berlin.", "DataCo GmbH", &["dpo"], Some("DE")),
        ("Vertreter in der Union: Example Representative Ltd, 10 Main Street, Dublin 2, Ireland.", "Example Representative Ltd", &["representative"], Some("IE")),
        ("# Liste der Unterauftragnehmer\n\n**Hetzner Online GmbH**<br>\nIndustriestr. 25, 91710 Gunzenhausen, Germany<br>\n\n**Proton AG**<br>\nRoute de la Galaise 32, 1228 Plan-les-Ouates, Genf, Schweiz<br>",
            "Proton AG", &["subprocessor"], Some("CH")),
        ("Unterauftragnehmer | Sitz | Leistung\n--- | --- | ---\nHelpScout Inc. | USA | Helpdesk\nCalendly | USA | Termine\n",
            "Calendly", &["subprocessor"], Some("US")),
        ("Die Acme GmbH und die Beta GmbH sind gemeinsam Verantwortliche. Acme GmbH ist Verantwortlicher.", "Acme GmbH", &["controller"], None),
        ("Lediglich die vorige Version weist Mailjet SAS in Frankreich als Verantwortliche Stelle aus.", "Mailjet SAS", &[], Some("FR")),
        ("Der Auftragnehmer darf Daten an die Beispiel GmbH übermitteln.", "Beispiel GmbH", &[], None),
    ];
    let mut failures = Vec::new();
    for (text, name, want_roles, want_cc) in cases {
        let ps = parties(text);
        match roles_of(&ps, name) {
            None => failures.push(format!(
                "{text:?}: no party {name:?} in {:?}",
                ps.iter().map(|p| &p.name).collect::<Vec<_>>()
            )),
            Some(p) => {
                if p.roles != *want_roles || p.country.as_deref() != *want_cc {
                    failures.push(format!(
                        "{text:?}: {name}: expected {want_roles:?}/{want_cc:?}, got {:?}/{:?}",
                        p.roles, p.country
                    ));
                }
                if p.evidence.is_empty() {
                    failures.push(format!("{text:?}: {name}: no evidence"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn merges_mentions_and_attaches_addresses() {
    let text = "Mailgun Technologies Inc provides it.\n\nMailgun Technologies, Inc.\n112 E Pecan St #1135\nSan Antonio, TX 78205\n\nMailjet GmbH mit Sitz in Berlin.";
    let ps = parties(text);
    assert_eq!(ps.len(), 2, "{ps:?}");
    let m = &ps[0];
    assert_eq!(m.name, "Mailgun Technologies Inc");
    let a = m.address.as_ref().expect("Mailgun address");
    assert_eq!(a.city.as_deref(), Some("San Antonio"));
    assert_eq!(m.country.as_deref(), Some("US"));
    assert_eq!(ps[1].name, "Mailjet GmbH");
    assert_eq!(
        ps[1].address.as_ref().and_then(|a| a.city.as_deref()),
        Some("Berlin")
    );
    assert_eq!(ps[1].country.as_deref(), Some("DE"));
}

/// An Indian company written "Private Limited" once and "Pvt. Ltd." elsewhere is one party.
#[test]
fn private_limited_and_pvt_ltd_are_one_party() {
    let text = "This DPA is made with Kaveri CloudOps Pvt. Ltd., Bengaluru.\n\n\
                The data importer is Kaveri CloudOps Private Limited (processor).";
    let ps = parties(text);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(ps[0].name, "Kaveri CloudOps Pvt. Ltd.");
}

#[test]
fn parties_in_table_columns_get_the_addresses_below_them() {
    // GitHub's privacy statement: two offices side by side in a Markdown table.
    let text =
        "Contact:\n\nGitHub, Inc. | GitHub B.V.\n88 Colin P. Kelly Jr. St. | Vijzelstraat 68-72\n\
        San Francisco, CA 94107 | 1017 HL Amsterdam\nUnited States | The Netherlands\n";
    let ps = parties(text);
    let place = |name: &str| {
        let p = ps.iter().find(|p| p.name == name).expect(name);
        let a = p.address.as_ref().expect("address");
        (p.country.clone(), a.street.clone(), a.city.clone())
    };
    assert_eq!(
        place("GitHub, Inc."),
        (
            Some("US".into()),
            Some("88 Colin P. Kelly Jr. St".into()),
            Some("San Francisco".into())
        ),
        "{ps:?}"
    );
    assert_eq!(
        place("GitHub B.V."),
        (
            Some("NL".into()),
            Some("Vijzelstraat 68-72".into()),
            Some("Amsterdam".into())
        ),
        "{ps:?}"
    );
}

/// The country of the party `name` among `ps` (panics when it is missing).
fn party_country(ps: &[Party], name: &str) -> Option<String> {
    ps.iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name}: {ps:?}"))
        .country
        .clone()
}

/// "…, the controller … is X" states X's role after a fronted phrase as at a sentence's
/// start (the twelfth blind set's FAQ); "the controller of X" names no role of X.
#[test]
fn a_role_statement_after_a_fronted_phrase_gives_the_role() {
    let text = "Privacy Policy\n\nFor users in the EEA, the controller for website visitors \
        and trial users is Lumenrail B.V., Keizersgracht 520, 1017 EK Amsterdam.\n\n\
        For questions, the controller of Nordwind Analytics B.V. answers within a month.\n";
    let ps = parties(text);
    let roles = |name: &str| {
        roles_of(&ps, name)
            .unwrap_or_else(|| panic!("{name}: {ps:?}"))
            .roles
            .clone()
    };
    assert_eq!(roles("Lumenrail B.V."), ["controller"]);
    assert!(roles("Nordwind Analytics B.V.").is_empty());
}

/// A status field of an entry says whether it is used: "Einsatz: beendet zum …" (below a
/// numbered heading and a blank line), "Status: geplant ab Q2/2027"; a version date
/// ("Stand: 27.10.2026") or an active status says neither.
#[test]
fn a_status_field_of_an_entry_makes_it_former_or_planned() {
    let text = "Unterauftragsverarbeiter\n\nA.4 Kranichfeld Support OÜ\n\nSitz: Tallinn\n\
        Leistung: Support\nEinsatz: beendet zum 31.03.2026\n\nAtlassian Pty Ltd\n\
        Status: geplant ab Q2/2027\n\nNordlicht Hosting GmbH\nStand: 27.10.2026\n\n\
        Weserblick Data GmbH\nStatus: aktiv\n";
    let ps = parties(text);
    let status = |name: &str| {
        let p = roles_of(&ps, name).unwrap_or_else(|| panic!("{name}: {ps:?}"));
        (p.former, p.planned)
    };
    assert_eq!(status("Kranichfeld Support OÜ"), (true, false));
    assert_eq!(status("Atlassian Pty Ltd"), (false, true));
    assert_eq!(status("Nordlicht Hosting GmbH"), (false, false));
    assert_eq!(status("Weserblick Data GmbH"), (false, false));
}

/// A nested list keeps its entries apart (the twelfth blind set's sub-processor page,
/// "Acme – Sub-processors" over numbered groups): a field belongs to the entry it is nested
/// in, not to the next vendor's; a vendor's brand whose entry names its legal entity, and
/// the fields nested below a member ("Where:", "Status:", "Planned – …"), are no members
/// of their own; a status nested one level deeper makes the entity former or planned.
#[test]
fn a_nested_list_keeps_its_entries_apart() {
    let text = "Lumora – Sub-processors\n\n1. Hosting\n\n- Hetzner\n\
        \x20 - Entity: Hetzner Online GmbH, Industriestr. 25, 91710 Gunzenhausen, Germany\n\
        \x20 - Where:\n    - Falkenstein\n    - Helsinki\n  - Safeguard: not applicable\n\
        - Mailvane\n  - Entity: Mailvane Inc., 10 Main Street, Austin, TX 78701, USA\n\
        \x20 - Safeguard: EU-U.S. Data Privacy Framework\n  - Status:\n\
        \x20   - Former – replaced by Brevo on 1 June 2026\n\n2. AI models\n\n- Orbis\n\
        \x20 - Entity: Orbis Labs Ltd, 5 Harbour Road, Toronto, Ontario M5V 2T6, Canada\n\
        \x20 - Note: optional feature\n  - Status:\n    - Planned – from 1 March 2027\n\
        - Nimbus Analytics\n  - Region: EU\n  - Safeguard: Standard Contractual Clauses\n";
    let ps = parties(text);
    let get = |name: &str| roles_of(&ps, name).unwrap_or_else(|| panic!("{name}: {ps:?}"));
    let names: Vec<&str> = ps.iter().map(|p| p.name.as_str()).collect();
    for brand_or_field in [
        "Hetzner", "Mailvane", "Orbis", "Where", "Note", "Status", "Former", "Planned", "Region",
    ] {
        assert!(
            !names.contains(&brand_or_field),
            "{brand_or_field}: {names:?}"
        );
    }
    assert_eq!(get("Hetzner Online GmbH").roles, ["subprocessor"]);
    assert_eq!(get("Nimbus Analytics").roles, ["subprocessor"]);
    let status = |name: &str| (get(name).former, get(name).planned);
    assert_eq!(status("Hetzner Online GmbH"), (false, false));
    assert_eq!(status("Mailvane Inc."), (true, false));
    assert_eq!(status("Orbis Labs Ltd"), (false, true));
    let safeguard = |name: &str| get(name).stated_mechanism.as_ref().map(|m| m.value.clone());
    assert_eq!(
        safeguard("Hetzner Online GmbH"),
        Some("not applicable".into())
    );
    assert_eq!(
        safeguard("Mailvane Inc."),
        Some("EU-U.S. Data Privacy Framework".into())
    );
    // The next vendor's safeguard is not Orbis's.
    assert_eq!(safeguard("Orbis Labs Ltd"), None);
}

/// A change log's clause that ends in the end of a use ("ist mit 31.12.2026
/// ausgelaufen;", "(helpdesk ticketing) terminated;") or says it in the passive ("was
/// offboarded on …") makes the organisation before it former (the thirteenth blind set);
/// a clause of what may or will happen does not.
#[test]
fn a_change_logs_ended_clause_makes_a_name_former() {
    let text = "Änderungsprotokoll\n\n01.01.2027: Der Vertrag mit der Alpfunk Telekom AG, Lassallestraße 9, \
        A-1020 Wien, über den SMS-Versand ist mit 31.12.2026 ausgelaufen; ersetzt durch Sinch.\n\
        30 November 2026 – Agreement with Zolder Desk B.V., Beneluxlaan 4B, 3527 HT Utrecht, the Netherlands\n\
        (helpdesk ticketing) terminated; helpdesk migrated.\n\
        31 December 2026 – Kartenwerk Europe B.V. was offboarded on 31 December 2026 as announced.\n\n\
        If the agreement with Nordlicht Hosting GmbH is terminated, all data is deleted.\n\
        The contract with Weserblick Data GmbH will be terminated.\n";
    let ps = parties(text);
    let former = |name: &str| {
        roles_of(&ps, name)
            .unwrap_or_else(|| panic!("{name}: {ps:?}"))
            .former
    };
    assert!(former("Alpfunk Telekom AG"));
    assert!(former("Zolder Desk B.V."));
    assert!(former("Kartenwerk Europe B.V."));
    assert!(!former("Nordlicht Hosting GmbH"));
    assert!(!former("Weserblick Data GmbH"));
}

/// A seat field in the block below a name gives its country: "Sitz: Luxemburg", a
/// Markdown definition list's label and value on two lines, a city of one country only in
/// the gazetteer. Not a field of the next block, nor a city of several countries.
#[test]
fn a_seat_field_below_a_name_gives_its_country() {
    let text = "Unterauftragsverarbeiter\n\nA.2 Weserblick Software GmbH\n\nLeistung: IT\n\
        Sitz: Luxemburg\n\nA.3 Kranichfeld Holding AG\n\nSitz\nZug\nLeistung\nKonzern-IT\n\n\
        A.4 Nordlicht Support GmbH\n\nLeistung: Support\n\nSitz: Zug\n\n\
        A.5 Helios Data Ltd\n\nRegistered office: Sydney\n\n\
        A.6 Borealis Hosting GmbH\n\nSitz: Bangkok\n";
    let ps = parties(text);
    let country = |name: &str| party_country(&ps, name);
    assert_eq!(country("Weserblick Software GmbH"), Some("LU".into()));
    assert_eq!(country("Kranichfeld Holding AG"), Some("CH".into()));
    assert_eq!(country("Helios Data Ltd"), Some("AU".into()));
    assert_eq!(country("Borealis Hosting GmbH"), Some("TH".into()));
    // The seat stands in the block after the next one: not read.
    assert_eq!(country("Nordlicht Support GmbH"), None);
}

#[test]
fn a_country_right_after_a_name_in_a_table_row_is_its_country() {
    // A PDF's table with its columns run together (Pentacode's AVV).
    let text = "Unterauftragnehmer Sitz Leistung\n\nHelpScout Inc. USA Kundenservice- und\n\
        Helpdesk-Software\n\nSentry Labs GmbH Deutschland Fehleranalyse\n\n\
        Authors: Example Research Inc., Norway\n";
    let ps = parties(text);
    let country = |name: &str| party_country(&ps, name);
    assert_eq!(country("HelpScout Inc."), Some("US".into()));
    assert_eq!(country("Sentry Labs GmbH"), Some("DE".into()));
    // After a comma it is an affiliation, not a table cell.
    assert_eq!(country("Example Research Inc."), None);
}

#[test]
fn a_seat_column_gives_the_country_not_the_first_country_of_the_row() {
    // GitHub's sub-processor list: "Location of Processing" comes before "Corporate Location".
    // A line longer than a line scan's reach, of two-byte chars, comes first.
    let long_line = format!("{}\n", "ü".repeat(700));
    let text = long_line
        + "Name of Subprocessor | Location of Processing | Corporate Location\n\
        Microsoft Corporation | Australia, Canada, Japan | United States\n\
        Fireworks Inc. | United States, Iceland | United States\n\
        Example Cloud Inc. | Japan | \n\n\
        Name | Verarbeitungsort | Firmensitz\n\
        Beispiel Hosting GmbH | Frankreich | Deutschland\n\n\
        Name | Zweck | Standort\n\
        Muster Mail GmbH | Newsletter | Irland\n";
    let ps = parties(&text);
    let country = |name: &str| party_country(&ps, name);
    assert_eq!(country("Microsoft Corporation"), Some("US".into()));
    assert_eq!(country("Fireworks Inc."), Some("US".into()));
    assert_eq!(country("Beispiel Hosting GmbH"), Some("DE".into()));
    // An empty seat cell: the row's first country, as in a table without a seat column.
    assert_eq!(country("Example Cloud Inc."), Some("JP".into()));
    assert_eq!(country("Muster Mail GmbH"), Some("IE".into()));
}

/// A row naming two organisations and two countries, each split at " / ", pairs them in
/// order (a cookie table's "Google Ireland Limited / Google LLC | Ireland / United States").
#[test]
fn names_and_countries_split_alike_in_a_row_pair_up() {
    let text = "Cookie | Provider | Country | Purpose\n\
        --- | --- | --- | ---\n\
        _ga | Google Ireland Limited / Google LLC | Ireland / United States | Analytics\n\
        _hj | Hotjar Ltd / Hotjar Inc. | Malta | Heatmaps\n\n\
        Name | Zweck | Sitz\n\
        Muster Mail GmbH / Beispiel Cloud Inc. | Newsletter | Deutschland / USA\n";
    let ps = parties(text);
    let country = |name: &str| party_country(&ps, name);
    assert_eq!(country("Google Ireland Limited"), Some("IE".into()));
    assert_eq!(country("Google LLC"), Some("US".into()));
    // In the seat column too.
    assert_eq!(country("Muster Mail GmbH"), Some("DE".into()));
    assert_eq!(country("Beispiel Cloud Inc."), Some("US".into()));
    // Two names and one country: no pairing, the row's country.
    assert_eq!(country("Hotjar Ltd"), Some("MT".into()));
}

/// A country under a column of processing places ("Location of processing",
/// "Serverstandort") is where the row's organisation processes data, not its seat;
/// under "Location" alone it may be either, and stays the row's country.
#[test]
fn a_processing_location_column_gives_no_seat() {
    let text = "Sub-processor | Purpose | Location of processing\n\
        Amazon Web Services, Inc. | Cloud hosting | Germany\n\n\
        Name | Zweck | Serverstandort\n\
        Muster Mail GmbH | Newsletter | Irland\n\n\
        Name | Purpose | Location\n\
        Beispiel Support Ltd | Support | Ireland\n";
    let ps = parties(text);
    let country = |name: &str| party_country(&ps, name);
    // (Without the provider gazetteer, which gives Amazon Web Services, Inc. its US seat.)
    assert_eq!(country("Amazon Web Services, Inc."), None);
    assert_eq!(country("Muster Mail GmbH"), None);
    assert_eq!(country("Beispiel Support Ltd"), Some("IE".into()));
}

#[test]
fn findings_carry_text_context_and_no_id() {
    let text = "Erster Satz. Vertrag mit der Muster GmbH, Musterstraße 1, 10115 Berlin. Ende.";
    for f in find(text) {
        assert_eq!(f.text, &text[f.start..f.end]);
        assert!(f.id.is_empty());
        assert!(f.context.contains(&f.text) && f.context.len() <= 300);
        assert_eq!(f.page, None);
    }
}

#[test]
fn five_megabytes_without_line_breaks() {
    let chunk = "Die Muster GmbH, Musterstraße 1, 10115 Berlin, verarbeitet Daten im Auftrag (nachfolgend „Auftragnehmer“). \
Am 23.03.2023 wurden 1400 Euro gezahlt; Tel. +49 89 12345 678. The processor, Acme Inc., 1 Main St, Austin, TX 78701. ";
    let text = chunk.repeat(5_000_000 / chunk.len());
    let d = doc(&text);
    let data = EntityData::embedded();
    let t = std::time::Instant::now();
    let f = find_entities(&d, &[], data);
    let el = t.elapsed();
    eprintln!("5 MB: {} findings in {el:?}", f.len());
    assert!(f.len() > 1000);
    // NOTE: no time limit here (timed tests are flaky); speed is measured by
    // `cargo bench`. A quadratic step would make this test take minutes.
}

#[test]
#[ignore = "timing breakdown; run by hand with --ignored --nocapture"]
fn stage_timings() {
    let chunk = "Die Muster GmbH, Musterstraße 1, 10115 Berlin, verarbeitet Daten im Auftrag (nachfolgend „Auftragnehmer“). \
Am 23.03.2023 wurden 1400 Euro gezahlt; Tel. +49 89 12345 678. The processor, Acme Inc., 1 Main St, Austin, TX 78701. ";
    let text = chunk.repeat(5_000_000 / chunk.len());
    let data = EntityData::embedded();
    let t = std::time::Instant::now();
    let o = party::find_orgs(&text, data);
    eprintln!("orgs {} {:?}", o.len(), t.elapsed());
    let t = std::time::Instant::now();
    let a = address::find_addresses(&text, &[], data, Some("de"));
    eprintln!("addresses {} {:?}", a.len(), t.elapsed());
    let t = std::time::Instant::now();
    let s = party::list_sections(&text, data);
    eprintln!("sections {} {:?}", s.len(), t.elapsed());
    let t = std::time::Instant::now();
    let n: usize = o
        .iter()
        .map(|x| text::context(&text, x.start, x.end).len())
        .sum();
    eprintln!("context {} {:?}", n, t.elapsed());
    let t = std::time::Instant::now();
    let n = o
        .iter()
        .filter(|x| party::role_before(&text, x.start, 0).is_some())
        .count();
    eprintln!("role_before {} {:?}", n, t.elapsed());
}

/// Prints parties for the files in $DPASCAN_TRY (";"-separated), read as plain text with a
/// trivial markdown/HTML normalisation. Run by hand with --ignored --nocapture.
#[test]
#[ignore = "by-hand exploration"]
fn try_files() {
    let Ok(list) = std::env::var("DPASCAN_TRY") else {
        return;
    };
    let tag = regex::Regex::new(r"<[^>]*>").expect("tag regex should compile");
    for path in list.split(';') {
        let Ok(raw) = std::fs::read_to_string(path) else {
            continue;
        };
        let text: String = tag
            .replace_all(&raw, "")
            .replace(['*', '#'], "")
            .replace("&nbsp;", " ");
        let ms = mentions(&text);
        let mut f = find_entities(&doc(&text), &ms, EntityData::embedded());
        for (i, x) in f.iter_mut().enumerate() {
            x.id = format!("f{}", i + 1);
        }
        println!("=== {path}");
        for x in &f {
            println!(
                "  {} {} {:?} {}",
                x.id,
                x.rule,
                x.text.replace('\n', "⏎"),
                x.value
            );
        }
        for p in build_parties(&doc(&text), &f) {
            println!(
                "  PARTY {} | form {:?} | roles {:?} | country {:?} | addr {:?}",
                p.name, p.legal_form, p.roles, p.country, p.address
            );
        }
    }
}

#[test]
fn headings_and_non_name_table_cells_are_not_parties() {
    let names = |text: &str| -> Vec<String> {
        find(text)
            .into_iter()
            .filter(|f| f.kind == FindingKind::Party)
            .filter_map(|f| f.value["name"].as_str().map(str::to_string))
            .collect()
    };
    assert_eq!(
        names("AUTHORIZED SUB-PROCESSORS AS\n\nThe list follows."),
        Vec::<String>::new()
    );
    let table = "## Sub-processors\n\n| Name | Address | Purpose |\n|---|---|---|\n| Sofia 1113 - Bulgaria | x | y |\n| TAM functions | x | y |\n| Calendly | USA | Terminbuchung |\n";
    let got = names(table);
    assert!(got.contains(&"Calendly".to_string()), "{got:?}");
    assert!(
        !got.iter().any(|n| n.contains("Sofia") || n.contains("TAM")),
        "{got:?}"
    );
}

/// A street is looked for up to two segments before the city, past place names only
/// ("South County Business Park, Leopardstown"): not past a sentence's end, so "USA. 2021
/// SCCs" after an address is no second address with the state as its street.
#[test]
fn a_street_further_back_is_read_past_place_names_only() {
    let text = "37signals LLC, 2045 W Grand Ave, Suite B, Chicago, Illinois 60612, USA. 2021 SCCs (Modules 2 and 3)";
    let got = addresses(text);
    let cities: Vec<&str> = got.iter().filter_map(|a| a["city"].as_str()).collect();
    assert_eq!(cities, ["Chicago"], "{got:?}");
}

#[test]
fn a_long_line_cut_inside_a_multibyte_char_ends_the_address_block() {
    // Found by fuzzing (corpus/regressions/fuzz-analyze-crash-497f3173.txt): the line
    // below the name has no line end within reach, and the reach ends inside 'ß'.
    let line = format!("{} ßtraße 1", "a".repeat(89));
    let text = format!("Muster GmbH\n{line}\n(nachfolgend „Auftragnehmer“)\n");
    assert_eq!(party::defined_terms_below(&text, "Muster GmbH".len()), None);
    // A short block still reaches its definition.
    let text = "Muster GmbH\nHauptstraße 1\n10115 Berlin\n(nachfolgend „Auftragnehmer“)\n";
    let (_, terms) = party::defined_terms_below(text, "Muster GmbH".len()).unwrap();
    assert_eq!(terms, ["Auftragnehmer"]);
}

#[test]
fn a_definition_set_off_by_dashes_below_an_address_block_is_read() {
    // Hetzner's DPA (DE and EN), and a German AVV template.
    assert_eq!(
        party::dashed_definition("- nachstehend Auftraggeber genannt -"),
        Some(vec!["Auftraggeber".to_string()])
    );
    assert_eq!(
        party::dashed_definition("- the Processor - hereafter named the \"Supplier\" -"),
        Some(vec!["Supplier".to_string(), "Processor".to_string()])
    );
    assert_eq!(
        party::dashed_definition("– der Auftragnehmer –"),
        Some(vec!["Auftragnehmer".to_string()])
    );
    // A clause after a semicolon defines the parties together, not this one.
    assert_eq!(
        party::dashed_definition(
            "– nachfolgend „Auftragnehmer“; Auftraggeber und Auftragnehmer gemeinsam „Parteien“ –"
        ),
        Some(vec!["Auftragnehmer".to_string()])
    );
    // List items are no definitions.
    assert_eq!(party::dashed_definition("- Hosting"), None);
    assert_eq!(party::dashed_definition("- The Server GmbH"), None);
    assert_eq!(
        party::dashed_definition("- nachstehend die Verarbeitung aller Daten im Auftrag genannt -"),
        None
    );
}

#[test]
fn a_definition_below_a_name_stops_at_another_partys_introduction() {
    // A running header above the contract's first lines (corpus de_avv_2010_klauseln.pdf):
    // the definition three lines below is the customer's.
    let text = "Nordlicht CRM GmbH · AVV Version 2.3\nAuftragsverarbeitungsvertrag\n(AVV) für \
        Nordlicht CRM\nzwischen dem Kunden von Nordlicht CRM\n(Verantwortlicher, nachfolgend \
        „Auftraggeber“)\n";
    let end = "Nordlicht CRM GmbH".len();
    assert_eq!(party::defined_terms_below(text, end), None);
    // An acronym in brackets defines a short name right after the name only.
    let text = "Robert Koch-Institut (RKI) gibt die App heraus.";
    let (_, terms) = party::defined_terms_after(text, "Robert Koch-Institut".len()).unwrap();
    assert_eq!(terms, ["RKI"]);
    assert_eq!(party::defined_terms_after("Acme Inc. (USA)", 9), None);
}

#[test]
fn a_name_misspelt_once_is_the_party_it_is_one_letter_from() {
    let text = "Auftragnehmer: Nordwind Online GmbH, Industriestr. 25, 91710 Gunzenhausen.\n\
        Die Nordwind Online GmbH verarbeitet Daten.\n\
        Mitarbeiter der Nordwind Onling GmbH werden regelmäßig geschult.\n";
    let ps = parties(text);
    let names: Vec<&str> = ps.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Nordwind Online GmbH"], "{ps:?}");
    // Two names one letter apart in a short word, or in another legal form, stay two.
    let text = "Die Acme AG und die Acne AG. Die Acme AG verarbeitet Daten. Die Nordwind \
        Online GmbH und die Nordwind Onling AG.";
    let names: Vec<String> = parties(text).into_iter().map(|p| p.name).collect();
    assert_eq!(
        names,
        [
            "Acme AG",
            "Acne AG",
            "Nordwind Online GmbH",
            "Nordwind Onling AG"
        ]
    );
}

/// A sub-processor table as a PDF's text has it, a line per cell: an address line opening
/// with a number ("38 Avenue John F. Kennedy,", "75012 Paris, Frankreich") is no heading
/// that ends the list; a cell's name wrapped after its head ("Nordlicht Software⏎
/// Deutschland GmbH") is whole; the introduction and header lines under a former list's
/// title stay in that list; a word cut before a country ("EU-U.S. DPF") is no name.
#[test]
fn a_pdf_table_of_sub_processors_keeps_its_rows() {
    let text = "Anlage 3 – Unterauftragnehmer\n\
        A. Genehmigte Unterauftragnehmer\n\
        Unterauftragnehmer Anschrift / Sitz\nLeistung\nOrt der\nVerarbeitung\n\
        Mailjet SAS\n13-13 bis rue de l'Aubrac,\n75012 Paris, Frankreich\n\
        Versand von E-Mails\nFrankreich\nentfällt (EU)\n\
        Nordlicht Software\nDeutschland GmbH\nLeopoldstraße 244, 80807\nMünchen, Deutschland\n\
        Second-Level-Support\nMünchen\nentfällt (EU)\n\
        Microsoft Ireland\nOperations Limited\nOne Microsoft Place, Dublin 18, Irland\nHosting\n\
        Kalayaan Support\nServices Inc.\nAyala Avenue, Makati City, Philippinen\nSupport\n\
        Frankreich\nServices GmbH\nSupport\n\
        Zendesk, Inc.\n989 Market Street, San\nFrancisco, CA 94103, USA\nTicketsystem\n\
        USA\nEU-U.S. DPF; SCCs\nModul 3\n\
        Beispiel Cloud Inc.\n38 Avenue John F. Kennedy,\nL-1855 Luxemburg\nHosting\n\
        EU (Irland); Zugriff\naus den USA\n\
        B. Nicht mehr eingesetzte Unterauftragnehmer\n\
        Die folgenden Unterauftragnehmer waren unter der Vorgängerfassung eingesetzt\n\
        Unterauftragnehmer\nAnschrift / Sitz\nbeendet zum\n\
        Sendinblue SAS\n106 boulevard Haussmann,\n75008 Paris, Frankreich\n31.12.2022\n";
    let ps = parties(text);
    let get = |name: &str| {
        ps.iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name}: {ps:?}"))
    };
    for name in [
        "Mailjet SAS",
        "Nordlicht Software Deutschland GmbH",
        "Microsoft Ireland Operations Limited",
        "Kalayaan Support Services Inc.",
        "Zendesk, Inc.",
        "Beispiel Cloud Inc.",
    ] {
        assert_eq!(get(name).roles, ["subprocessor"], "{name}");
        assert!(!get(name).former, "{name}");
    }
    assert!(get("Sendinblue SAS").former);
    assert!(get("Sendinblue SAS").roles.is_empty());
    assert!(
        !ps.iter().any(|p| p.name.starts_with("EU")
            || p.name == "Deutschland GmbH"
            || p.name == "Frankreich Services GmbH"),
        "{ps:?}"
    );
}

/// A signature block of two columns that the text interleaves line by line: each name
/// takes the definition in its own column.
#[test]
fn an_interleaved_signature_block_pairs_names_and_definitions() {
    let text = "Vertrag über die Auftragsverarbeitung\n\nHamburg, den ____\nWien, am ____\n\
        Elbmarsch Logistik GmbH\nNordlicht Software GmbH\n\
        Henrik Claussen, Geschäftsführer\nFlorian Aigner, Geschäftsführer\n\
        – Auftraggeber –\n– Auftragnehmer –\n";
    let ps = parties(text);
    let roles = |name: &str| roles_of(&ps, name).map(|p| p.roles.clone());
    assert_eq!(
        roles("Elbmarsch Logistik GmbH"),
        Some(vec!["controller".to_string()])
    );
    assert_eq!(
        roles("Nordlicht Software GmbH"),
        Some(vec!["processor".to_string()])
    );
    // One column: the definition below is the name's.
    let text = "Vertrag\n\nMuster GmbH\nMax Muster, Geschäftsführer\n– Auftraggeber –\n\n\
        Beispiel AG\nErika Beispiel, Vorstand\n– Auftragnehmer –\n";
    let ps = parties(text);
    let roles = |name: &str| roles_of(&ps, name).map(|p| p.roles.clone());
    assert_eq!(roles("Muster GmbH"), Some(vec!["controller".to_string()]));
    assert_eq!(roles("Beispiel AG"), Some(vec!["processor".to_string()]));
}

/// A brand named as a party ("Sendwise ist der Auftragsverarbeiter") is found in a text
/// full of umlauts, and a role word that runs on into a letter beyond ASCII is no role
/// word (the regex's boundary is ASCII; the letter after it is checked in code).
#[test]
fn brands_are_found_and_a_role_word_must_end() {
    let mentions =
        " Sendwise sendet Newsletter für Ärzte und Händler.".repeat(party::MIN_BRAND_MENTIONS);
    let text = format!("Über uns. Sendwise ist der Auftragsverarbeiter.{mentions}");
    let names: Vec<String> = party::brand_parties(&text, &[])
        .into_iter()
        .map(|o| o.name)
        .collect();
    assert_eq!(names, ["Sendwise"]);
    let text = format!("Über uns. Sendwise ist der Auftragsverarbeiterß.{mentions}");
    assert!(party::brand_parties(&text, &[]).is_empty());
}

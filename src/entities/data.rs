//! The entity gazetteers (legal forms, regions, cities, street words), parsed from small CSV files
//! and compiled once into [`EntityData`].

use std::collections::HashMap;

use anyhow::{anyhow, bail, Context};
use regex::Regex;

/// One legal form from `legal_forms.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalForm {
    /// Canonical spelling, e.g. "Inc." or "GmbH & Co. KG".
    pub form: String,
    /// ISO 3166-1 alpha-2 hints where the form is used (may be several, or "EU").
    pub countries: Vec<String>,
    /// Whether the form may follow the name after a comma ("Mailgun Technologies, Inc.").
    pub comma: bool,
}

/// A state or province from `address_regions.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// Postal code of the region ("TX", "ON", "NSW").
    pub code: String,
    /// English name ("Texas").
    pub name: String,
    /// ISO 3166-1 alpha-2 of the country ("US").
    pub country: String,
}

/// How a street word is matched against the tokens of a street.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreetMatch {
    /// The word ends a token ("Lindwurm**straße**").
    Suffix,
    /// The word is a whole token ("rue").
    Word,
}

/// A street word hinting at a country (`street_words.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreetWord {
    /// Lower-case word.
    pub word: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Suffix or whole-word match.
    pub matching: StreetMatch,
}

/// Everything the entity finder needs, compiled once per process.
#[derive(Debug, Clone)]
pub struct EntityData {
    /// Legal forms, in file order.
    pub forms: Vec<LegalForm>,
    /// Each literal variant → index into `forms`.
    pub(crate) variant_form: HashMap<String, usize>,
    /// Alternation of all variants, longest first.
    pub(crate) form_re: Regex,
    /// States and provinces.
    pub regions: Vec<Region>,
    /// Upper-case code or lower-case name → indices into `regions`.
    pub(crate) region_index: HashMap<String, Vec<usize>>,
    /// Lower-case city name → ISO countries.
    pub(crate) cities: HashMap<String, Vec<String>>,
    /// Longest city name in tokens (for prefix/suffix lookups).
    pub(crate) city_max_tokens: usize,
    /// Street words.
    pub street_words: Vec<StreetWord>,
}

/// File names [`EntityData::parse`] understands.
pub const FILE_NAMES: [&str; 4] = [
    "legal_forms.csv",
    "address_regions.csv",
    "address_cities.csv",
    "street_words.csv",
];

impl EntityData {
    /// Parses the data files, given as (file name, content) pairs. Every file of [`FILE_NAMES`]
    /// must be present; errors name the file and the 1-based line.
    pub fn parse(files: &[(&str, &str)]) -> anyhow::Result<EntityData> {
        let get = |name: &str| -> anyhow::Result<&str> {
            files
                .iter()
                .find(|(n, _)| base_name(n) == name)
                .map(|(_, c)| *c)
                .ok_or_else(|| anyhow!("entity data file {name} is missing"))
        };
        for (n, _) in files {
            if !FILE_NAMES.contains(&base_name(n)) {
                bail!("{n}: unknown entity data file (expected one of {FILE_NAMES:?})");
            }
        }
        let (forms, variants) = parse_forms(get("legal_forms.csv")?)
            .with_context(|| "failed to load legal_forms.csv".to_string())?;
        let regions = parse_regions(get("address_regions.csv")?)
            .context("failed to load address_regions.csv")?;
        let cities = parse_cities(get("address_cities.csv")?)
            .context("failed to load address_cities.csv")?;
        let street_words = parse_street_words(get("street_words.csv")?)
            .context("failed to load street_words.csv")?;

        let mut sorted: Vec<&(String, usize)> = variants.iter().collect();
        sorted.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let alternation = sorted
            .iter()
            .map(|(v, _)| {
                // A form's words may wrap at a line break ("Sonara Labs Korea Co.,⏎Ltd.").
                regex::escape(v)
                    .replace("\\ ", " ")
                    .replace(' ', "(?:[ \\t]+|[ \\t]*\\n[ \\t]*)")
            })
            .collect::<Vec<_>>()
            .join("|");
        let form_re = Regex::new(&format!("(?:{alternation})"))
            .context("legal_forms.csv: the variants do not compile to a regex")?;
        let variant_form = variants.into_iter().collect();

        let mut region_index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in regions.iter().enumerate() {
            region_index.entry(r.code.clone()).or_default().push(i);
            region_index
                .entry(r.name.to_lowercase())
                .or_default()
                .push(i);
        }
        let mut city_map: HashMap<String, Vec<String>> = HashMap::new();
        let mut city_max_tokens = 1;
        for (name, cc) in cities {
            city_max_tokens = city_max_tokens.max(name.split_whitespace().count());
            let e = city_map.entry(name.to_lowercase()).or_default();
            if !e.contains(&cc) {
                e.push(cc);
            }
        }
        Ok(EntityData {
            forms,
            variant_form,
            form_re,
            regions,
            region_index,
            cities: city_map,
            city_max_tokens,
            street_words,
        })
    }

    /// The data files shipped in `patterns/`, parsed once per process.
    pub fn embedded() -> &'static EntityData {
        static DATA: std::sync::OnceLock<EntityData> = std::sync::OnceLock::new();
        DATA.get_or_init(|| {
            EntityData::parse(&embedded_files()).expect("embedded entity data should parse")
        })
    }

    /// Countries of a city name (case-insensitive), empty when unknown.
    pub fn city_countries(&self, city: &str) -> &[String] {
        self.cities
            .get(&city.to_lowercase())
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }

    /// Regions with this code (upper case, exact) or name (case-insensitive).
    pub fn regions_named(&self, s: &str) -> Vec<&Region> {
        let mut out = Vec::new();
        if let Some(ix) = self.region_index.get(s) {
            out.extend(ix.iter().map(|&i| &self.regions[i]));
        }
        if let Some(ix) = self.region_index.get(&s.to_lowercase()) {
            for &i in ix {
                if !out.iter().any(|r| std::ptr::eq(*r, &self.regions[i])) {
                    out.push(&self.regions[i]);
                }
            }
        }
        out
    }

    /// The legal form a matched variant stands for.
    pub fn form_of_variant(&self, variant: &str) -> Option<&LegalForm> {
        let key = variant.split_whitespace().collect::<Vec<_>>().join(" ");
        self.variant_form.get(&key).map(|&i| &self.forms[i])
    }

    /// Country hinted by a street's words, if exactly one country is hinted.
    pub fn street_country(&self, street: &str) -> Option<&str> {
        let mut found: Option<&str> = None;
        for tok in street.split(|c: char| c.is_whitespace() || c == ',') {
            let t = tok.to_lowercase();
            if t.is_empty() {
                continue;
            }
            for w in &self.street_words {
                let hit = match w.matching {
                    StreetMatch::Word => t == w.word,
                    StreetMatch::Suffix => t.ends_with(&w.word),
                };
                if hit {
                    match found {
                        None => found = Some(w.country.as_str()),
                        Some(c) if c != w.country => return None,
                        Some(_) => {}
                    }
                }
            }
        }
        found
    }

    /// Whether any token of `street` is a street word.
    pub fn has_street_word(&self, street: &str) -> bool {
        street
            .split(|c: char| c.is_whitespace() || c == ',')
            .any(|tok| {
                let t = tok.to_lowercase();
                !t.is_empty()
                    && self.street_words.iter().any(|w| match w.matching {
                        StreetMatch::Word => t == w.word,
                        StreetMatch::Suffix => t.len() > w.word.len() + 2 && t.ends_with(&w.word),
                    })
            })
    }
}

/// The shipped data files as (name, content) pairs.
pub fn embedded_files() -> [(&'static str, &'static str); 4] {
    [
        (
            "legal_forms.csv",
            include_str!("../../patterns/legal_forms.csv"),
        ),
        (
            "address_regions.csv",
            include_str!("../../patterns/address_regions.csv"),
        ),
        (
            "address_cities.csv",
            include_str!("../../patterns/address_cities.csv"),
        ),
        (
            "street_words.csv",
            include_str!("../../patterns/street_words.csv"),
        ),
    ]
}

fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Data rows of a CSV file: (1-based line, fields). Skips `#` comments, blank lines and the header
/// (whose first field must be `header0`). Fields may be double-quoted.
fn rows(content: &str, header0: &str, ncols: usize) -> anyhow::Result<Vec<(usize, Vec<String>)>> {
    let mut out = Vec::new();
    let mut seen_header = false;
    for (i, line) in content.lines().enumerate() {
        let lineno = i + 1;
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let fields = split_csv(t).map_err(|e| anyhow!("line {lineno}: {e}"))?;
        if !seen_header {
            if fields.first().map(|s| s.as_str()) != Some(header0) || fields.len() != ncols {
                bail!(
                    "line {lineno}: expected a header of {ncols} columns starting with {header0:?}"
                );
            }
            seen_header = true;
            continue;
        }
        if fields.len() != ncols {
            bail!(
                "line {lineno}: expected {ncols} fields, found {}",
                fields.len()
            );
        }
        if fields.iter().any(|f| f.trim().is_empty()) {
            bail!("line {lineno}: empty field");
        }
        out.push((lineno, fields));
    }
    if !seen_header {
        bail!("no header line");
    }
    Ok(out)
}

fn split_csv(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted => {
                if chars.peek() == Some(&'"') {
                    cur.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            }
            '"' if cur.trim().is_empty() => {
                cur.clear();
                quoted = true;
            }
            ',' if !quoted => out.push(std::mem::take(&mut cur).trim().to_string()),
            _ => cur.push(c),
        }
    }
    if quoted {
        return Err("unterminated quote".into());
    }
    out.push(cur.trim().to_string());
    Ok(out)
}

fn check_country(lineno: usize, cc: &str) -> anyhow::Result<()> {
    if cc.len() == 2 && cc.chars().all(|c| c.is_ascii_uppercase()) || cc == "EU" {
        Ok(())
    } else {
        bail!("line {lineno}: {cc:?} is not an upper-case ISO 3166-1 alpha-2 code")
    }
}

type FormsAndVariants = (Vec<LegalForm>, Vec<(String, usize)>);

fn parse_forms(content: &str) -> anyhow::Result<FormsAndVariants> {
    let mut forms = Vec::new();
    let mut variants: Vec<(String, usize)> = Vec::new();
    for (lineno, f) in rows(content, "form", 4)? {
        let countries: Vec<String> = f[1].split('/').map(|s| s.trim().to_string()).collect();
        for c in &countries {
            check_country(lineno, c)?;
        }
        let comma = match f[2].as_str() {
            "yes" => true,
            "no" => false,
            other => bail!("line {lineno}: comma must be yes or no, not {other:?}"),
        };
        let idx = forms.len();
        for v in f[3].split(';') {
            let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
            if v.is_empty() {
                bail!("line {lineno}: empty variant");
            }
            if let Some((_, other)) = variants.iter().find(|(x, _)| *x == v) {
                bail!(
                    "line {lineno}: variant {v:?} is already listed for {:?}",
                    forms
                        .get(*other)
                        .map(|f: &LegalForm| f.form.as_str())
                        .unwrap_or("")
                );
            }
            variants.push((v, idx));
        }
        forms.push(LegalForm {
            form: f[0].clone(),
            countries,
            comma,
        });
    }
    Ok((forms, variants))
}

fn parse_regions(content: &str) -> anyhow::Result<Vec<Region>> {
    let mut out = Vec::new();
    for (lineno, f) in rows(content, "code", 3)? {
        check_country(lineno, &f[2])?;
        if !f[0].chars().all(|c| c.is_ascii_uppercase()) {
            bail!(
                "line {lineno}: region code {:?} must be upper-case letters",
                f[0]
            );
        }
        out.push(Region {
            code: f[0].clone(),
            name: f[1].clone(),
            country: f[2].clone(),
        });
    }
    Ok(out)
}

fn parse_cities(content: &str) -> anyhow::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for (lineno, f) in rows(content, "name", 2)? {
        check_country(lineno, &f[1])?;
        out.push((f[0].clone(), f[1].clone()));
    }
    Ok(out)
}

fn parse_street_words(content: &str) -> anyhow::Result<Vec<StreetWord>> {
    let mut out = Vec::new();
    for (lineno, f) in rows(content, "word", 3)? {
        check_country(lineno, &f[1])?;
        let matching = match f[2].as_str() {
            "suffix" => StreetMatch::Suffix,
            "word" => StreetMatch::Word,
            other => bail!("line {lineno}: match must be suffix or word, not {other:?}"),
        };
        out.push(StreetWord {
            word: f[0].to_lowercase(),
            country: f[1].clone(),
            matching,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_parses() {
        let d = EntityData::embedded();
        assert!(d.forms.iter().any(|f| f.form == "GmbH"));
        assert_eq!(
            d.form_of_variant("Inc").map(|f| f.form.as_str()),
            Some("Inc.")
        );
        assert_eq!(d.city_countries("münchen"), ["DE".to_string()]);
        assert_eq!(d.regions_named("TX")[0].country, "US");
        assert_eq!(d.regions_named("california")[0].code, "CA");
        assert_eq!(d.street_country("Lindwurmstraße 147"), Some("DE"));
        assert_eq!(d.street_country("12 rue de Rivoli"), Some("FR"));
    }

    #[test]
    fn errors_name_file_and_line() {
        let mut files = embedded_files().to_vec();
        files[1] = ("address_regions.csv", "code,name,country\nTX,Texas,usa\n");
        let e = format!("{:#}", EntityData::parse(&files).unwrap_err());
        assert!(
            e.contains("address_regions.csv") && e.contains("line 2"),
            "{e}"
        );
        files[1] = ("address_regions.csv", "code,name,country\nTX,Texas\n");
        let e = format!("{:#}", EntityData::parse(&files).unwrap_err());
        assert!(
            e.contains("address_regions.csv") && e.contains("line 2"),
            "{e}"
        );
        let e = format!("{:#}", EntityData::parse(&files[..1]).unwrap_err());
        assert!(e.contains("missing"), "{e}");
    }
}

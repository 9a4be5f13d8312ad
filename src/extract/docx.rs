//! DOCX (Office Open XML) extraction.
//!
//! A DOCX is a zip of XML parts. The text comes from the main document part
//! (`word/document.xml`, or whatever `_rels/.rels` names), then footnotes and
//! endnotes, then headers and footers (each distinct text once). Paragraphs
//! (`w:p`) become lines, table rows (`w:tr`) one line with cells joined by
//! `" | "`, `w:tab` a tab, `w:br` a line break; deleted text (`w:del`,
//! `w:delText`, `w:moveFrom`), field codes and fallback copies of drawings are
//! skipped, inserted text (`w:ins`) is kept. A paragraph of a bulleted list (its
//! numbering level formatted as a bullet in `word/numbering.xml`, or a "List Bullet"
//! style) starts with "- ", as HTML and Markdown list items do; numbered ones keep no
//! marker.
//!
//! Decompression is bounded: every part's declared size is checked against
//! [`Limits::max_decompressed_bytes`], and every part is read through
//! `Read::take`, so a zip whose headers lie cannot expand past the limit.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;
use zip::result::ZipError;
use zip::ZipArchive;

use super::{Limits, RawText};
use crate::error::{DocError, ErrorKind};

/// Engine name reported for DOCX.
const ENGINE: &str = "docx";

/// Magic bytes of an OLE compound file (legacy .doc, or an encrypted OOXML file).
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Default location of the main document part.
const DEFAULT_MAIN_PART: &str = "word/document.xml";

/// The numbering definitions part (list formats).
const NUMBERING_PART: &str = "word/numbering.xml";

/// The (numbering id, level) pairs whose format is a bullet.
type Bullets = std::collections::HashSet<(String, String)>;

/// The value of an element's attribute `name` (any prefix: `w:val` is `val`).
fn attr(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// The value of an element's `w:val` attribute.
fn val_attr(e: &quick_xml::events::BytesStart<'_>) -> Option<String> {
    attr(e, b"val")
}

/// The bulleted (numbering id, level) pairs of `word/numbering.xml`: each `w:num` points
/// at an `w:abstractNum`, whose `w:lvl` elements give each level's `w:numFmt`. Level
/// overrides are not read, nor levels other than Word's 0-8 (so the pairs are at most nine
/// per numbering id, however the part is crafted). Malformed XML gives what was read
/// before the error.
fn bullet_levels(xml: &[u8]) -> Bullets {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    // Abstract id → its levels formatted as bullets; (numbering id, abstract id).
    let mut abstract_bullets: std::collections::HashMap<
        String,
        std::collections::BTreeSet<String>,
    > = Default::default();
    let mut num_abstract: Vec<(String, String)> = Vec::new();
    let (mut abs, mut lvl, mut num) = (String::new(), String::new(), String::new());
    let attr =
        |e: &quick_xml::events::BytesStart<'_>, name: &[u8]| attr(e, name).unwrap_or_default();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"abstractNum" => abs = attr(&e, b"abstractNumId"),
                b"lvl" => lvl = attr(&e, b"ilvl"),
                b"numFmt"
                    if val_attr(&e).as_deref() == Some("bullet")
                        && matches!(lvl.as_bytes(), [b'0'..=b'8']) =>
                {
                    abstract_bullets
                        .entry(abs.clone())
                        .or_default()
                        .insert(lvl.clone());
                }
                b"num" => num = attr(&e, b"numId"),
                b"abstractNumId" => {
                    num_abstract.push((num.clone(), val_attr(&e).unwrap_or_default()))
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    num_abstract
        .iter()
        .filter_map(|(n, a)| Some((n, abstract_bullets.get(a)?)))
        .flat_map(|(n, levels)| levels.iter().map(move |l| (n.clone(), l.clone())))
        .collect()
}

/// Extracts raw text from DOCX bytes.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<RawText, DocError> {
    if bytes.starts_with(OLE_MAGIC) {
        return Err(ole_error(bytes));
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        DocError::new(
            ErrorKind::Malformed,
            format!("not a DOCX: not a readable zip archive ({e})"),
        )
    })?;
    let mut budget = Budget {
        remaining: limits.max_decompressed_bytes,
        limit: limits.max_decompressed_bytes,
    };
    let mut warnings = Vec::new();

    let main_part = main_part_name(&mut archive, &mut budget)?;
    if archive.index_for_name(&main_part).is_none() {
        return Err(DocError::new(
            ErrorKind::Malformed,
            format!("not a DOCX: the zip has no {main_part}"),
        ));
    }
    let bullets = match archive.index_for_name(NUMBERING_PART) {
        Some(_) => bullet_levels(&read_part(&mut archive, NUMBERING_PART, &mut budget)?),
        None => Bullets::default(),
    };
    let mut text = part_text(
        &mut archive,
        &main_part,
        &bullets,
        &mut budget,
        limits,
        &mut warnings,
    )?;

    let mut notes: Vec<String> = Vec::new();
    let mut furniture: Vec<String> = Vec::new();
    let mut names: Vec<String> = archive.file_names().map(str::to_owned).collect();
    names.sort_by_key(|n| part_sort_key(n));
    for name in names {
        let Some(file) = name.strip_prefix("word/") else {
            continue;
        };
        let is_note = file == "footnotes.xml" || file == "endnotes.xml";
        let is_furniture = is_numbered_part(file, "header") || is_numbered_part(file, "footer");
        if !is_note && !is_furniture {
            continue;
        }
        let part = part_text(
            &mut archive,
            &name,
            &bullets,
            &mut budget,
            limits,
            &mut warnings,
        )?;
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let list = if is_note { &mut notes } else { &mut furniture };
        if !list.iter().any(|p| p == part) {
            list.push(part.to_owned());
        }
    }
    text.truncate(text.trim_end().len());
    for part in notes.iter().chain(&furniture) {
        text.push_str("\n\n");
        text.push_str(part);
    }
    if text.len() > limits.max_text_bytes {
        return Err(DocError::new(
            ErrorKind::TooLarge,
            format!(
                "extracted text is {} bytes, over the limit of {} bytes",
                text.len(),
                limits.max_text_bytes
            ),
        ));
    }
    Ok(RawText {
        pages: vec![text],
        paged: false,
        engine: ENGINE.into(),
        warnings,
    })
}

/// The error for an OLE compound file: encrypted OOXML or a legacy binary document.
fn ole_error(bytes: &[u8]) -> DocError {
    let marker: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    if super::find_sub(bytes, &marker).is_some() {
        DocError::new(
            ErrorKind::Encrypted,
            "password-protected Office document (OLE container with an EncryptedPackage)",
        )
    } else {
        DocError::new(
            ErrorKind::Unsupported,
            "legacy binary Office document (OLE compound file, e.g. .doc): only DOCX is supported",
        )
    }
}

/// `header1.xml`, `footer12.xml`, … (not `header1.xml.rels`).
fn is_numbered_part(file: &str, stem: &str) -> bool {
    file.strip_prefix(stem)
        .and_then(|rest| rest.strip_suffix(".xml"))
        .is_some_and(|num| num.chars().all(|c| c.is_ascii_digit()))
}

/// Sorts footnotes, endnotes, headers, footers, and numbered parts by number.
fn part_sort_key(name: &str) -> (u8, u64, String) {
    let file = name.strip_prefix("word/").unwrap_or(name);
    let group = match file {
        "footnotes.xml" => 0,
        "endnotes.xml" => 1,
        f if f.starts_with("header") => 2,
        f if f.starts_with("footer") => 3,
        _ => 4,
    };
    let digits: String = file.chars().filter(char::is_ascii_digit).collect();
    (group, digits.parse().unwrap_or(0), name.to_owned())
}

/// Decompressed bytes still allowed for this document.
struct Budget {
    remaining: u64,
    limit: u64,
}

impl Budget {
    fn too_large(&self) -> DocError {
        DocError::new(
            ErrorKind::TooLarge,
            format!("decompressed size over {} bytes", self.limit),
        )
    }
}

/// Reads one zip entry, bounded by the budget (declared size first, then the real stream).
fn read_part(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut Budget,
) -> Result<Vec<u8>, DocError> {
    let file = archive.by_name(name).map_err(|e| zip_error(name, e))?;
    if file.size() > budget.remaining {
        return Err(budget.too_large());
    }
    let mut data =
        Vec::with_capacity(file.size().min(budget.remaining).min(64 * 1024 * 1024) as usize);
    file.take(budget.remaining.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(|e| {
            DocError::new(
                ErrorKind::Malformed,
                format!("cannot decompress {name}: {e}"),
            )
        })?;
    if data.len() as u64 > budget.remaining {
        return Err(budget.too_large());
    }
    budget.remaining -= data.len() as u64;
    Ok(data)
}

fn zip_error(name: &str, e: ZipError) -> DocError {
    match e {
        ZipError::UnsupportedArchive(msg) if msg == ZipError::PASSWORD_REQUIRED => DocError::new(
            ErrorKind::Encrypted,
            format!("{name} is password-protected"),
        ),
        ZipError::UnsupportedArchive(msg) => {
            DocError::new(ErrorKind::Unsupported, format!("{name}: {msg}"))
        }
        e => DocError::new(ErrorKind::Malformed, format!("cannot read {name}: {e}")),
    }
}

/// The main document part named by the package relationships, or the default.
fn main_part_name(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    budget: &mut Budget,
) -> Result<String, DocError> {
    if archive.index_for_name("_rels/.rels").is_none() {
        return Ok(DEFAULT_MAIN_PART.into());
    }
    let rels = read_part(archive, "_rels/.rels", budget)?;
    let mut reader = Reader::from_reader(rels.as_slice());
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" => {
                let mut ty = None;
                let mut target = None;
                for attr in e.attributes().flatten() {
                    let value = String::from_utf8_lossy(&attr.value).into_owned();
                    match attr.key.local_name().as_ref() {
                        b"Type" => ty = Some(value),
                        b"Target" => target = Some(value),
                        _ => {}
                    }
                }
                if let (Some(ty), Some(target)) = (ty, target) {
                    if ty.ends_with("/officeDocument") {
                        return Ok(target.trim_start_matches('/').to_owned());
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => return Ok(DEFAULT_MAIN_PART.into()),
            Ok(_) => {}
        }
    }
}

/// Reads and converts one XML part to text.
fn part_text(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    bullets: &Bullets,
    budget: &mut Budget,
    limits: &Limits,
    warnings: &mut Vec<String>,
) -> Result<String, DocError> {
    let xml = read_part(archive, name, budget)?;
    let (text, problem) = wordml_to_text(&xml, bullets, limits.max_nesting);
    if let Some(problem) = problem {
        if text.trim().is_empty() && name.ends_with("document.xml") {
            return Err(DocError::new(
                ErrorKind::Malformed,
                format!("{name}: {problem}"),
            ));
        }
        warnings.push(format!("{name}: {problem}"));
    }
    Ok(text)
}

/// One open table: cells written in the current row.
struct Row {
    cells: usize,
}

/// Converts WordprocessingML to text, paragraphs of a bulleted list (`bullets`, a
/// "List Bullet" style) outside tables starting with "- ". Returns the text and, if the
/// XML broke off or was nested deeper than `max_nesting`, a description of that.
fn wordml_to_text(xml: &[u8], bullets: &Bullets, max_nesting: usize) -> (String, Option<String>) {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    let mut out = String::new();
    let mut depth = 0usize;
    // Depth at which skipped content (deleted text, fallbacks, too deep) started.
    let mut skip_from: Option<usize> = None;
    let mut in_text = false;
    let mut rows: Vec<Row> = Vec::new();
    // Depth of open table cells: paragraphs inside a cell don't end the row's line.
    let mut cell_depth = 0usize;
    let mut too_deep = false;
    // The paragraph's numbering level, and whether "- " goes before its first text.
    let mut level = String::from("0");
    let mut bullet = false;
    let problem = loop {
        let event = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                break Some(format!(
                    "XML error at byte {}: {e}; the text after it is missing",
                    reader.error_position()
                ))
            }
        };
        match event {
            Event::Start(e) => {
                depth += 1;
                if skip_from.is_some() {
                    continue;
                }
                let name = e.local_name();
                let name = name.as_ref();
                if depth > max_nesting {
                    too_deep = true;
                    skip_from = Some(depth);
                    continue;
                }
                match name {
                    b"del" | b"delText" | b"moveFrom" | b"instrText" | b"Fallback" | b"fldData" => {
                        skip_from = Some(depth)
                    }
                    b"t" => in_text = true,
                    b"tr" => {
                        line_break(&mut out);
                        rows.push(Row { cells: 0 });
                    }
                    b"tc" => {
                        if let Some(row) = rows.last_mut() {
                            if row.cells > 0 {
                                out.push_str(" | ");
                            }
                            row.cells += 1;
                        }
                        cell_depth += 1;
                    }
                    b"p" if cell_depth == 0 => line_break(&mut out),
                    b"p" => soft_space(&mut out),
                    _ => {
                        list_marker(&e, cell_depth, bullets, &mut level, &mut bullet);
                        empty_element(name, cell_depth, &mut out)
                    }
                }
            }
            Event::Empty(e) if skip_from.is_none() && depth < max_nesting => {
                list_marker(&e, cell_depth, bullets, &mut level, &mut bullet);
                empty_element(e.local_name().as_ref(), cell_depth, &mut out);
            }
            Event::End(e) => {
                if let Some(from) = skip_from {
                    if depth == from {
                        skip_from = None;
                    }
                    depth = depth.saturating_sub(1);
                    continue;
                }
                depth = depth.saturating_sub(1);
                match e.local_name().as_ref() {
                    b"t" => in_text = false,
                    b"tr" => {
                        rows.pop();
                        out.push('\n');
                    }
                    b"tc" => cell_depth = cell_depth.saturating_sub(1),
                    b"p" if cell_depth == 0 => {
                        out.push('\n');
                        bullet = false;
                        level = String::from("0");
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip_from.is_none() => {
                let text = match t.unescape() {
                    Ok(s) => s.into_owned(),
                    Err(_) => String::from_utf8_lossy(&t).into_owned(),
                };
                if bullet && !text.trim().is_empty() {
                    out.push_str("- ");
                    bullet = false;
                }
                out.push_str(&text);
            }
            Event::CData(t) if in_text && skip_from.is_none() => {
                if std::mem::take(&mut bullet) {
                    out.push_str("- ");
                }
                out.push_str(&String::from_utf8_lossy(&t))
            }
            Event::Eof => break None,
            _ => {}
        }
    };
    let problem = match (problem, too_deep) {
        (Some(p), _) => Some(p),
        (None, true) => Some(format!(
            "XML nested deeper than {max_nesting} elements: the deeper content was skipped"
        )),
        (None, false) => None,
    };
    (out, problem)
}

/// Reads a paragraph property naming a list: `w:ilvl` sets the level, `w:numId` (after
/// it, as Word writes them) and a "List Bullet" `w:pStyle` mark a bulleted paragraph
/// outside tables.
fn list_marker(
    e: &quick_xml::events::BytesStart<'_>,
    cell_depth: usize,
    bullets: &Bullets,
    level: &mut String,
    bullet: &mut bool,
) {
    match e.local_name().as_ref() {
        b"ilvl" => *level = val_attr(e).unwrap_or_default(),
        b"numId" if cell_depth == 0 => {
            let id = val_attr(e).unwrap_or_default();
            *bullet = bullets.contains(&(id, level.clone()));
        }
        b"pStyle" if cell_depth == 0 => {
            *bullet |= val_attr(e).is_some_and(|v| v.starts_with("ListBullet"));
        }
        _ => {}
    }
}

/// A self-closing (or content-less) run element: tabs, breaks, special hyphens.
fn empty_element(name: &[u8], cell_depth: usize, out: &mut String) {
    match name {
        b"tab" | b"ptab" => out.push('\t'),
        b"br" | b"cr" if cell_depth == 0 => out.push('\n'),
        b"br" | b"cr" => out.push(' '),
        b"noBreakHyphen" => out.push('-'),
        b"softHyphen" => out.push('\u{AD}'),
        _ => {}
    }
}

/// Starts a new line unless the text is empty or already at a line start.
fn line_break(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Separates a second paragraph in a table cell from the first with a space.
fn soft_space(out: &mut String) {
    if !out.is_empty() && !out.ends_with([' ', '\n', '|']) {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn para(text: &str) -> String {
        format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
    }

    fn docx(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        for (name, data) in parts {
            zip.start_file(*name, options).expect("zip entry starts");
            zip.write_all(data).expect("zip entry written");
        }
        zip.finish().expect("zip finishes").into_inner()
    }

    fn document(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}</w:body></w:document>"#
        )
    }

    const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;

    fn minimal_docx() -> Vec<u8> {
        let body = format!(
            "{}{}<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr><w:tr><w:tc>{}</w:tc><w:tc>{}{}</w:tc></w:tr></w:tbl>{}",
            para("Auftragsverarbeitungsvertrag"),
            r#"<w:p><w:r><w:t>Muster GmbH</w:t><w:br/><w:t>Musterstraße 1</w:t></w:r><w:r><w:tab/><w:t>10115 Berlin</w:t></w:r></w:p>"#,
            para("Unterauftragnehmer"),
            para("Sitz"),
            para("HelpScout Inc."),
            para("USA"),
            para("(Boston)"),
            r#"<w:p><w:r><w:t>Daten </w:t></w:r><w:del><w:r><w:delText>gelöscht </w:delText></w:r></w:del><w:ins><w:r><w:t>eingefügt</w:t></w:r></w:ins><w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r></w:p>"#,
        );
        let footer = format!(r#"<w:ftr {NS}>{}</w:ftr>"#, para("Seite Fußzeile"));
        let header = format!(r#"<w:hdr {NS}>{}</w:hdr>"#, para("Vertraulich"));
        docx(&[
            ("[Content_Types].xml", CONTENT_TYPES),
            ("word/document.xml", document(&body).as_bytes()),
            ("word/footer1.xml", footer.as_bytes()),
            ("word/footer2.xml", footer.as_bytes()),
            ("word/header1.xml", header.as_bytes()),
            ("word/_rels/footer1.xml.rels", b"<Relationships/>"),
        ])
    }

    #[test]
    fn minimal_docx_text() {
        let raw = extract(&minimal_docx(), &Limits::default()).expect("docx extracts");
        let want = "Auftragsverarbeitungsvertrag\nMuster GmbH\nMusterstraße 1\t10115 Berlin\n\
                    Unterauftragnehmer | Sitz\nHelpScout Inc. | USA (Boston)\nDaten eingefügt\n\n\
                    Vertraulich\n\nSeite Fußzeile";
        assert_eq!(raw.pages, vec![want.to_string()]);
        assert!(raw.warnings.is_empty(), "{:?}", raw.warnings);
        assert_eq!(raw.engine, "docx");
    }

    #[test]
    fn main_part_from_relationships() {
        let rels = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document2.xml"/></Relationships>"#;
        let bytes = docx(&[
            ("_rels/.rels", rels),
            (
                "word/document2.xml",
                document(&para("Zweites Dokument")).as_bytes(),
            ),
        ]);
        let raw = extract(&bytes, &Limits::default()).expect("docx extracts");
        assert_eq!(raw.pages[0], "Zweites Dokument");
    }

    #[test]
    fn error_cases() {
        let no_document = docx(&[
            ("[Content_Types].xml", CONTENT_TYPES),
            ("word/styles.xml", b"<x/>"),
        ]);
        let mut ole = OLE_MAGIC.to_vec();
        ole.extend_from_slice(&[0; 512]);
        let mut encrypted = ole.clone();
        encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        let broken_xml = docx(&[(
            "word/document.xml",
            b"<w:document><w:body><w:p><w:t>abc</w:t></w:p><<<",
        )]);
        let cases: Vec<(&str, Vec<u8>, ErrorKind)> = vec![
            (
                "not a zip",
                b"just some text".to_vec(),
                ErrorKind::Malformed,
            ),
            (
                "truncated zip",
                minimal_docx()[..100].to_vec(),
                ErrorKind::Malformed,
            ),
            ("no word/document.xml", no_document, ErrorKind::Malformed),
            ("legacy doc", ole, ErrorKind::Unsupported),
            ("encrypted ooxml", encrypted, ErrorKind::Encrypted),
        ];
        for (name, bytes, kind) in cases {
            let err = extract(&bytes, &Limits::default()).expect_err(name);
            assert_eq!(err.kind, kind, "case {name}: {err}");
        }
        // Broken XML after some text: the text is kept, with a warning.
        let raw = extract(&broken_xml, &Limits::default()).expect("partial text kept");
        assert!(raw.pages[0].contains("abc"));
        assert_eq!(raw.warnings.len(), 1, "{:?}", raw.warnings);
    }

    #[test]
    fn zip_bomb_is_too_large() {
        let limits = Limits {
            max_decompressed_bytes: 1024 * 1024,
            ..Limits::default()
        };
        let zeros = vec![b' '; 5 * 1024 * 1024];
        let mut bomb_doc = document(&para("klein")).into_bytes();
        bomb_doc.extend_from_slice(&zeros);
        let bytes = docx(&[("word/document.xml", &bomb_doc)]);
        assert!(
            bytes.len() < 100 * 1024,
            "the bomb compresses well: {} bytes",
            bytes.len()
        );
        let err = extract(&bytes, &limits).expect_err("bomb refused");
        assert_eq!(err.kind, ErrorKind::TooLarge);
        assert_eq!(err.message, "decompressed size over 1048576 bytes");

        // Several parts that are each under the limit but not together.
        let half = vec![b' '; 600 * 1024];
        let mut doc = document(&para("a")).into_bytes();
        doc.extend_from_slice(&half);
        let bytes = docx(&[("word/document.xml", &doc), ("word/footer1.xml", &half)]);
        let err = extract(&bytes, &limits).expect_err("sum over limit");
        assert_eq!(err.kind, ErrorKind::TooLarge);
    }

    #[test]
    fn lying_size_header_is_caught_by_take() {
        // Patch the declared uncompressed size (local header and central directory) to 10 bytes.
        let limits = Limits {
            max_decompressed_bytes: 64 * 1024,
            ..Limits::default()
        };
        let mut doc = document(&para("x")).into_bytes();
        doc.extend_from_slice(&vec![b' '; 1024 * 1024]);
        let mut bytes = docx(&[("word/document.xml", &doc)]);
        let real = (doc.len() as u32).to_le_bytes();
        let mut patched = 0;
        for i in 0..bytes.len().saturating_sub(4) {
            if bytes[i..i + 4] == real {
                bytes[i..i + 4].copy_from_slice(&10u32.to_le_bytes());
                patched += 1;
            }
        }
        assert!(patched >= 1, "size field found");
        let err = extract(&bytes, &limits).expect_err("lying header refused");
        assert!(
            matches!(err.kind, ErrorKind::TooLarge | ErrorKind::Malformed),
            "{err}"
        );
    }

    #[test]
    fn wordml_cases() {
        let cases: &[(&str, &str)] = &[
            (r#"<w:p><w:r><w:t>a</w:t></w:r><w:r><w:t xml:space="preserve"> b</w:t></w:r></w:p>"#, "a b\n"),
            ("<w:p><w:r><w:t>Daten</w:t><w:noBreakHyphen/><w:t>schutz</w:t></w:r></w:p>", "Daten-schutz\n"),
            ("<w:p><w:r><w:t>M&amp;M &lt;GmbH&gt;</w:t></w:r></w:p>", "M&M <GmbH>\n"),
            ("<w:p><w:moveFrom><w:r><w:t>alt</w:t></w:r></w:moveFrom><w:moveTo><w:r><w:t>neu</w:t></w:r></w:moveTo></w:p>", "neu\n"),
            (
                "<w:p><mc:AlternateContent><mc:Choice><w:r><w:t>Box</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>Box</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>",
                "Box\n",
            ),
            ("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t><w:br/><w:t>b</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr></w:tbl>", "a b |  | c\n"),
        ];
        for (body, want) in cases {
            let (text, problem) =
                wordml_to_text(document(body).as_bytes(), &Bullets::default(), 512);
            assert_eq!(text, *want, "{body}");
            assert_eq!(problem, None, "{body}");
        }
    }

    #[test]
    fn bulleted_paragraphs_start_with_a_dash() {
        // numId 1: bullets on level 0, numbers on level 1; numId 2: numbers.
        let numbering = format!(
            r#"<w:numbering {NS}>
              <w:abstractNum w:abstractNumId="5"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl>
                <w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>
              <w:abstractNum w:abstractNumId="6"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>
              <w:num w:numId="1"><w:abstractNumId w:val="5"/></w:num>
              <w:num w:numId="2"><w:abstractNumId w:val="6"/></w:num>
            </w:numbering>"#
        );
        let item = |num: &str, lvl: &str, text: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
            )
        };
        let body = format!(
            r#"{}{}{}{}<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>Stil</w:t></w:r></w:p>{}<w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>"#,
            para("Unterauftragnehmer:"),
            item("1", "0", "Hetzner. Hosting."),
            item("1", "1", "Unterpunkt"),
            item("2", "0", "Erstens"),
            para("Danach"),
            item("1", "0", "Zelle"),
        );
        let bytes = docx(&[
            ("[Content_Types].xml", CONTENT_TYPES),
            ("word/document.xml", document(&body).as_bytes()),
            ("word/numbering.xml", numbering.as_bytes()),
        ]);
        let raw = extract(&bytes, &Limits::default()).expect("extracts");
        assert_eq!(
            raw.pages[0],
            "Unterauftragnehmer:\n- Hetzner. Hosting.\nUnterpunkt\nErstens\n- Stil\nDanach\nZelle"
        );
    }

    #[test]
    fn deep_xml_nesting_warns() {
        let deep = format!(
            "{}<w:t>tief</w:t>{}",
            "<w:x>".repeat(100),
            "</w:x>".repeat(100)
        );
        let body = format!("{}<w:p><w:r>{deep}</w:r></w:p>", para("oben"));
        let (text, problem) = wordml_to_text(document(&body).as_bytes(), &Bullets::default(), 50);
        assert_eq!(text, "oben\n\n");
        assert!(problem.is_some_and(|p| p.contains("deeper than 50")));
    }
}

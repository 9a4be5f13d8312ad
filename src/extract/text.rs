//! Plain text and Markdown (also MDX) extraction.
//!
//! Text in any encoding is accepted: a BOM (UTF-8, UTF-16LE/BE) decides first,
//! valid UTF-8 is used as is, and anything else is decoded with the encoding
//! chardetng guesses (Windows-1252 for most German Latin-1 files). Only data
//! that is clearly binary (NULs or control bytes in bulk) is refused.
//!
//! Markdown keeps its block structure as lines: headings, paragraphs, list
//! items and table rows (cells joined by `" | "`) each start a line, blocks are
//! separated by a blank line; link and code text is kept, URLs and images are
//! dropped; inline and block HTML (and MDX/JSX tags) are reduced to their text
//! with the same block rules as HTML; YAML/TOML front matter (but its title and
//! the document's date) and MDX `import`/`export` statements are removed.
//!
//! In both, ASCII-art grid tables whose cells wrap over lines become one line per row
//! ([`super::grid`]).

use encoding_rs::Encoding;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::html::{BlockWriter, TagStripper};
use super::{Limits, RawText};
use crate::error::{DocError, ErrorKind};

/// How many leading bytes are inspected to tell text from binary data.
const SNIFF_BYTES: usize = 64 * 1024;

/// Extracts plain text in any encoding.
pub fn extract_text(bytes: &[u8], limits: &Limits) -> Result<RawText, DocError> {
    let (text, warnings) = decode_text(bytes, limits)?;
    let text = rewritten(text, unquote_mail);
    let text = rewritten(text, tab_rows);
    let text = rewritten(text, |t| {
        super::grid::reflow(t, super::grid::RowStyle::Plain)
    });
    Ok(RawText {
        pages: vec![text],
        paged: false,
        engine: "text".into(),
        warnings,
    })
}

/// Rewrites a table whose cells are separated by tabs (a spreadsheet's rows pasted as
/// text, a TSV block) as rows of cells joined by `" | "`, the way the other formats'
/// tables are extracted: normalization would turn its tabs into spaces, and "Firma
/// Adresse Leistung" or "Infomaniak Network SA Rue Eugène-Marziano 25" would lose their
/// columns. A table is a run of at least two consecutive lines, each of at least two
/// cells between tabs (a run of tabs is one separator; tabs before a line's text are
/// indentation). Other lines are kept as they are; text without such a run is returned
/// as it is.
pub fn tab_rows(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\t') {
        return std::borrow::Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let rows: Vec<Option<Vec<&str>>> = lines.iter().map(|l| tab_cells(l)).collect();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for (k, (line, row)) in lines.iter().zip(&rows).enumerate() {
        let in_run = row.is_some()
            && (k > 0 && rows[k - 1].is_some() || rows.get(k + 1).is_some_and(Option::is_some));
        match row {
            Some(cells) if in_run => {
                changed = true;
                let indent = &line[..line.len() - line.trim_start().len()];
                out.push_str(&indent.replace('\t', "  "));
                out.push_str(&cells.join(" | "));
                let ending = &line[line.trim_end_matches(['\r', '\n']).len()..];
                out.push_str(ending);
            }
            _ => out.push_str(line),
        }
    }
    if changed {
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The cells of `line` between tabs (at least two; tabs before its text are
/// indentation), or `None`.
fn tab_cells(line: &str) -> Option<Vec<&str>> {
    let body = line.trim_end_matches(['\r', '\n']).trim_start();
    let cells: Vec<&str> = body
        .split('\t')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    (body.contains('\t') && cells.len() >= 2).then_some(cells)
}

/// Removes the quote marks of an e-mail thread saved as text ("> ", ">> ", "> > " at a
/// line's start), so that the quoted messages' lists, tables and paragraphs read as
/// the newest one's do; a change of quote depth starts a block of its own (a blank line
/// between). Which message a passage belongs to stays known by its e-mail header
/// ("From: … Sent: … Subject: …"). Lines where '>' is followed by anything but a
/// space, another '>' or the line's end ("> 5 employees" is a quote, ">5" is not) are
/// kept as they are; text without quoted lines is returned as it is.
pub fn unquote_mail(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.starts_with('>') && !text.contains("\n>") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut last_depth = 0;
    let mut last_blank = true;
    for line in text.split_inclusive('\n') {
        let (depth, rest) = quote_depth(line);
        if depth > 0 {
            changed = true;
        }
        let blank = rest.trim().is_empty();
        if depth != last_depth && !blank && !last_blank {
            out.push('\n');
        }
        out.push_str(rest);
        last_depth = depth;
        last_blank = blank;
    }
    if changed {
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The quote depth of an e-mail's `line` (how many '>' open it, spaces between them
/// allowed) and the line without them and the one space after them.
fn quote_depth(line: &str) -> (usize, &str) {
    let mut depth = 0;
    let mut rest = line;
    while let Some(r) = rest.strip_prefix('>') {
        if !(r.is_empty() || r.starts_with([' ', '>', '\n', '\r'])) {
            break;
        }
        depth += 1;
        rest = r;
        let spaced = rest.trim_start_matches(' ');
        if spaced.starts_with('>') {
            rest = spaced;
        }
    }
    if depth > 0 {
        rest = rest.strip_prefix(' ').unwrap_or(rest);
    }
    (depth, rest)
}

/// `text` after `rewrite`, which returns its input borrowed when it changes nothing.
fn rewritten(text: String, rewrite: impl Fn(&str) -> std::borrow::Cow<'_, str>) -> String {
    match rewrite(&text) {
        std::borrow::Cow::Owned(changed) => changed,
        std::borrow::Cow::Borrowed(_) => text,
    }
}

/// Extracts Markdown: syntax removed, text kept.
pub fn extract_markdown(bytes: &[u8], limits: &Limits) -> Result<RawText, DocError> {
    let (source, warnings) = decode_text(bytes, limits)?;
    let text = markdown_to_text(&source);
    check_text_size(text.len(), limits)?;
    Ok(RawText {
        pages: vec![text],
        paged: false,
        engine: "pulldown-cmark".into(),
        warnings,
    })
}

fn check_text_size(len: usize, limits: &Limits) -> Result<(), DocError> {
    if len > limits.max_text_bytes {
        return Err(DocError::new(
            ErrorKind::TooLarge,
            format!(
                "text is {len} bytes, over the limit of {} bytes",
                limits.max_text_bytes
            ),
        ));
    }
    Ok(())
}

/// Decodes text bytes (BOM, UTF-8, BOM-less UTF-16, else a chardetng guess) and
/// returns the text and warnings about the decoding. Refuses binary data
/// (`unsupported`) and text over [`Limits::max_text_bytes`] (`too_large`).
pub fn decode_text(bytes: &[u8], limits: &Limits) -> Result<(String, Vec<String>), DocError> {
    check_text_size(bytes.len(), limits)?;
    let mut warnings = Vec::new();
    let (text, encoding, had_errors) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        (text.into_owned(), enc, had_errors)
    } else if let Some(enc) = sniff_utf16(bytes) {
        warnings.push(format!("no byte order mark: decoded as {}", enc.name()));
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        (text.into_owned(), enc, had_errors)
    } else {
        if let Some(why) = binary_reason(bytes) {
            return Err(DocError::new(
                ErrorKind::Unsupported,
                format!("binary data, not text: {why}"),
            ));
        }
        let (text, enc) = decode_unlabeled(bytes);
        let had_errors = enc == encoding_rs::UTF_8
            && text.contains('\u{FFFD}')
            && std::str::from_utf8(bytes).is_err();
        if enc != encoding_rs::UTF_8 {
            warnings.push(format!("not UTF-8: decoded as {} (detected)", enc.name()));
        }
        (text, enc, had_errors)
    };
    if had_errors {
        warnings.push(format!(
            "invalid {} byte sequences were replaced",
            encoding.name()
        ));
    }
    check_text_size(text.len(), limits)?;
    Ok((text, warnings))
}

/// Decodes bytes without a BOM or label: UTF-8 when valid, else the encoding
/// chardetng guesses. Never fails (undecodable bytes become U+FFFD).
pub fn decode_unlabeled(bytes: &[u8]) -> (String, &'static Encoding) {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_owned(), encoding_rs::UTF_8);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let enc = detector.guess(None, true);
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), enc)
}

/// Recognises BOM-less UTF-16 of mostly ASCII text: NULs in nearly every odd
/// (LE) or even (BE) byte and almost none in the others.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    let mostly = |n: usize| n * 10 >= pairs * 7;
    let rarely = |n: usize| n * 20 <= pairs;
    if mostly(odd_nul) && rarely(even_nul) {
        Some(encoding_rs::UTF_16LE)
    } else if mostly(even_nul) && rarely(odd_nul) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Why the leading bytes look like binary data, if they do: more than 1 % NUL
/// bytes or more than 10 % other control bytes.
fn binary_reason(bytes: &[u8]) -> Option<String> {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if sample.is_empty() {
        return None;
    }
    let nuls = sample.iter().filter(|&&b| b == 0).count();
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B | 0))
        .count();
    if nuls * 100 > sample.len() {
        Some(format!(
            "{nuls} NUL bytes in the first {} bytes",
            sample.len()
        ))
    } else if controls * 10 > sample.len() {
        Some(format!(
            "{controls} control bytes in the first {} bytes",
            sample.len()
        ))
    } else {
        None
    }
}

/// Converts Markdown/MDX source to text with block structure (see the module docs).
pub fn markdown_to_text(source: &str) -> String {
    let (front, body) = strip_front_matter(source.strip_prefix('\u{FEFF}').unwrap_or(source));
    let body = super::grid::reflow(body, super::grid::RowStyle::Markdown);
    let source = strip_mdx_statements(&body);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_DEFINITION_LIST;
    let mut w = BlockWriter::default();
    let mut html = TagStripper::default();
    // Inside an image (alt text), a metadata block or struck-through text ("~~Atlassian
    // Pty Ltd~~": a sub-processor row the author deleted): text is dropped.
    let mut skip_depth = 0usize;
    // Whether a raw element ([`TagStripper::in_raw`]) was opened by inline HTML.
    let mut inline_raw = false;
    for line in [front.title, front.date.as_deref()].into_iter().flatten() {
        w.text(line);
        w.paragraph_break();
    }
    for event in Parser::new_ext(&source, options) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Image { .. } | Tag::MetadataBlock(_) | Tag::Strikethrough => skip_depth += 1,
                _ => {
                    if let Some(name) = start_element_name(&tag) {
                        w.start_element(name);
                    }
                }
            },
            Event::End(end) => match end {
                TagEnd::Image | TagEnd::MetadataBlock(_) | TagEnd::Strikethrough => {
                    skip_depth = skip_depth.saturating_sub(1)
                }
                // A raw element opened inline ("inside inert <template> – not current")
                // and not closed by the end of its paragraph, heading or cell was a
                // word, not an element: its text is given back.
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell
                    if std::mem::take(&mut inline_raw) =>
                {
                    html.give_back_raw(&mut w);
                    if let Some(name) = end_element_name(end) {
                        w.end_element(name);
                    }
                }
                _ => {
                    if let Some(name) = end_element_name(end) {
                        w.end_element(name);
                    }
                }
            },
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                if skip_depth > 0 {
                    continue;
                }
                if html.busy() {
                    // Inside an HTML comment or <script>: the stripper decides.
                    html.feed(&t, &mut w);
                } else {
                    w.text(&t);
                }
            }
            Event::Html(t) => {
                if skip_depth == 0 {
                    html.feed(&t, &mut w);
                }
            }
            Event::InlineHtml(t) => {
                if skip_depth == 0 {
                    let was_raw = html.in_raw();
                    html.feed(&t, &mut w);
                    inline_raw |= !was_raw && html.in_raw();
                }
            }
            Event::SoftBreak | Event::HardBreak => w.line_break(),
            Event::Rule => w.paragraph_break(),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }
    w.finish()
}

/// The HTML element whose block rules a Markdown block follows.
fn start_element_name(tag: &Tag<'_>) -> Option<&'static str> {
    Some(match tag {
        Tag::Paragraph | Tag::HtmlBlock | Tag::FootnoteDefinition(_) => "p",
        Tag::Heading { .. } => "h2",
        Tag::BlockQuote(_) => "blockquote",
        Tag::CodeBlock(_) => "pre",
        Tag::List(None) => "ul",
        Tag::List(Some(_)) => "ol",
        Tag::Item => "li",
        Tag::DefinitionList => "dl",
        Tag::DefinitionListTitle => "dt",
        Tag::DefinitionListDefinition => "dd",
        Tag::Table(_) => "table",
        Tag::TableHead | Tag::TableRow => "tr",
        Tag::TableCell => "td",
        _ => return None,
    })
}

fn end_element_name(end: TagEnd) -> Option<&'static str> {
    Some(match end {
        TagEnd::Paragraph | TagEnd::HtmlBlock | TagEnd::FootnoteDefinition => "p",
        TagEnd::Heading(_) => "h2",
        TagEnd::BlockQuote(_) => "blockquote",
        TagEnd::CodeBlock => "pre",
        TagEnd::List(false) => "ul",
        TagEnd::List(true) => "ol",
        TagEnd::Item => "li",
        TagEnd::DefinitionList => "dl",
        TagEnd::DefinitionListTitle => "dt",
        TagEnd::DefinitionListDefinition => "dd",
        TagEnd::Table => "table",
        TagEnd::TableHead | TagEnd::TableRow => "tr",
        TagEnd::TableCell => "td",
        _ => return None,
    })
}

/// What front matter says that is content: the document's title and its date.
#[derive(Debug, Default)]
struct FrontMatter<'a> {
    /// The `title` value.
    title: Option<&'a str>,
    /// The document's date as a line of text that names it ("Stand: 2026-02-01",
    /// "Last updated: 2026-05-15"), from a key of [`FRONT_MATTER_DATES`].
    date: Option<String>,
}

/// Front matter keys of the document's date, and the label its line gets in the text.
const FRONT_MATTER_DATES: [(&str, &str); 8] = [
    ("date", "Date"),
    ("stand", "Stand"),
    ("updated", "Last updated"),
    ("last_updated", "Last updated"),
    ("last-updated", "Last updated"),
    ("lastmod", "Last updated"),
    ("last_modified", "Last updated"),
    ("last-modified", "Last updated"),
];

/// Splits off YAML (`---`) or TOML (`+++`) front matter at the very start and
/// returns what it says that is content (its title, the document's date) and the
/// rest. Without a closing fence nothing is removed.
fn strip_front_matter(s: &str) -> (FrontMatter<'_>, &str) {
    let none = || (FrontMatter::default(), s);
    let fence = if s.starts_with("---") {
        "---"
    } else if s.starts_with("+++") {
        "+++"
    } else {
        return none();
    };
    let mut lines = s.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return none();
    };
    if first.trim_end() != fence {
        return none();
    }
    let mut pos = first.len();
    let mut front = FrontMatter::default();
    for line in lines {
        pos += line.len();
        let t = line.trim_end();
        if t == fence || (fence == "---" && t == "...") {
            return (front, &s[pos..]);
        }
        if front.title.is_none() {
            front.title = front_matter_value(t, "title");
        }
        if front.date.is_none() {
            front.date = FRONT_MATTER_DATES.iter().find_map(|(key, label)| {
                front_matter_value(t, key).map(|v| format!("{label}: {v}"))
            });
        }
    }
    none()
}

/// The value of a top-level `key: …` (YAML) or `key = …` (TOML) line, unquoted.
fn front_matter_value<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(key)?.trim_start();
    let value = rest
        .strip_prefix(':')
        .or_else(|| rest.strip_prefix('='))?
        .trim();
    let value = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value);
    (!value.is_empty()).then_some(value)
}

/// Blanks out MDX `import … from "…"` and `export const …` statements (also
/// multi-line ones, by bracket balance) outside fenced code blocks.
fn strip_mdx_statements(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains("import ") && !s.contains("export ") {
        return std::borrow::Cow::Borrowed(s);
    }
    const MAX_STATEMENT_LINES: usize = 200;
    let mut out = String::with_capacity(s.len());
    let mut fence: Option<&str> = None;
    let mut open_brackets: i64 = 0;
    let mut statement_lines = 0usize;
    for line in s.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if statement_lines > 0 {
            open_brackets += bracket_balance(line);
            statement_lines += 1;
            if open_brackets <= 0 || statement_lines > MAX_STATEMENT_LINES {
                statement_lines = 0;
            }
            out.push('\n');
            continue;
        }
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        if trimmed.starts_with("```") {
            fence = Some("```");
        } else if trimmed.starts_with("~~~") {
            fence = Some("~~~");
        } else if is_mdx_statement(line) {
            open_brackets = bracket_balance(line);
            if open_brackets > 0 {
                statement_lines = 1;
            }
            out.push('\n');
            continue;
        }
        out.push_str(line);
    }
    std::borrow::Cow::Owned(out)
}

fn is_mdx_statement(line: &str) -> bool {
    if let Some(rest) = line.strip_prefix("import ") {
        let rest = rest.trim_start();
        return rest.starts_with(['"', '\'', '{', '*'])
            || rest.contains(" from ")
            || rest.trim_end().ends_with(',');
    }
    if let Some(rest) = line.strip_prefix("export ") {
        let word = rest
            .trim_start()
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("");
        return matches!(
            word,
            "const" | "let" | "var" | "function" | "default" | "class" | "async"
        ) || rest.trim_start().starts_with(['{', '*']);
    }
    false
}

fn bracket_balance(line: &str) -> i64 {
    line.chars()
        .map(|c| match c {
            '(' | '[' | '{' => 1,
            ')' | ']' | '}' => -1,
            _ => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> String {
        markdown_to_text(s)
    }

    #[test]
    fn text_encodings() {
        let latin1: Vec<u8> = b"Auftragsverarbeitung f\xfcr M\xfcller".to_vec();
        let mut utf16le = vec![0xFF, 0xFE];
        let mut utf16be = vec![0xFE, 0xFF];
        let mut utf16le_nobom = Vec::new();
        for u in "Grüße aus Köln".encode_utf16() {
            utf16le.extend_from_slice(&u.to_le_bytes());
            utf16be.extend_from_slice(&u.to_be_bytes());
            utf16le_nobom.extend_from_slice(&u.to_le_bytes());
        }
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            (
                "utf-8",
                "Datenschutz für Müller".as_bytes().to_vec(),
                "Datenschutz für Müller",
            ),
            ("utf-8 bom", b"\xef\xbb\xbfHallo".to_vec(), "Hallo"),
            ("latin-1", latin1, "Auftragsverarbeitung für Müller"),
            (
                "windows-1252 euro",
                b"Preis: 10 \x80 gem\xe4\xdf Vertrag".to_vec(),
                "Preis: 10 € gemäß Vertrag",
            ),
            ("utf-16le bom", utf16le, "Grüße aus Köln"),
            ("utf-16be bom", utf16be, "Grüße aus Köln"),
            ("utf-16le no bom", utf16le_nobom, "Grüße aus Köln"),
            ("empty", Vec::new(), ""),
        ];
        for (name, bytes, want) in cases {
            let raw =
                extract_text(&bytes, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(raw.pages, vec![want.to_string()], "case {name}");
        }
    }

    #[test]
    fn binary_is_refused_and_limits_apply() {
        let mut junk = vec![0u8; 400];
        junk.extend_from_slice(b"\x01\x02\x89PNG\x00\x00\x00\x10abc");
        let err = extract_text(&junk, &Limits::default()).expect_err("binary refused");
        assert_eq!(err.kind, ErrorKind::Unsupported);

        let controls: Vec<u8> = (0..1000u32).map(|i| (i % 8 + 1) as u8).collect();
        let err = extract_text(&controls, &Limits::default()).expect_err("control bytes refused");
        assert_eq!(err.kind, ErrorKind::Unsupported);

        // A stray NUL in long text is fine.
        let mut mostly_text = "Text ".repeat(100).into_bytes();
        mostly_text.push(0);
        assert!(extract_text(&mostly_text, &Limits::default()).is_ok());

        let limits = Limits {
            max_text_bytes: 10,
            ..Limits::default()
        };
        let err = extract_text(b"0123456789ABC", &limits).expect_err("too large");
        assert_eq!(err.kind, ErrorKind::TooLarge);
        // Decoding can grow the text (Latin-1 ü is 2 bytes in UTF-8).
        let err = extract_text(
            b"\xfc\xfc\xfc\xfc\xfc\xfc",
            &Limits {
                max_text_bytes: 8,
                ..Limits::default()
            },
        )
        .expect_err("too large after decoding");
        assert_eq!(err.kind, ErrorKind::TooLarge);
    }

    #[test]
    fn markdown_blocks() {
        let cases: &[(&str, &str, &str)] = &[
            ("heading and paragraph", "# Titel\nText hier.", "Titel\n\nText hier."),
            ("paragraphs", "a\n\nb", "a\n\nb"),
            ("soft break kept as line", "Muster GmbH\nMusterstraße 1", "Muster GmbH\nMusterstraße 1"),
            ("hard break", "Muster GmbH  \nMusterstraße 1", "Muster GmbH\nMusterstraße 1"),
            ("list items", "- eins\n- zwei\n\n* drei\n\nDanach", "- eins\n- zwei\n\n- drei\n\nDanach"),
            ("ordered list with a nested unordered one", "1. a\n   - b\n2. c", "a\n  - b\nc"),
            // A nested item keeps its depth: its fields stay apart from the next entry's.
            ("nested lists", "- a\n  - b\n    - c\n- d", "- a\n  - b\n    - c\n- d"),
            ("loose list", "- a\n\n- b", "- a\n\n- b"),
            ("empty item leaves no marker", "- \n- b", "- b"),
            // A definition list's fields read as labelled lines (the twelfth blind set's list).
            (
                "definition list",
                "### Kranichfeld Holding AG\n\nSitz\n:   Zug\n\nEinsatz\n:   geplant ab Q2/2027\n",
                "Kranichfeld Holding AG\n\nSitz: Zug\nEinsatz: geplant ab Q2/2027",
            ),
            ("emphasis and links", "Siehe **[Website](https://example.com)** und `code`.", "Siehe Website und code."),
            ("image dropped", "Logo ![Alt text](logo.png) hier", "Logo hier"),
            (
                "grid table: a row's wrapped lines are one row",
                "Empfänger:\n+--------+------------+\n| Wer    | Land       |\n+========+============+\n\
                 | Fjord  | Norwegen   |\n| AG     |            |\n+--------+------------+\n\
                 | Nimbus | Vereinigte |\n| Inc.   | Staaten    |\n+--------+------------+\nDanach",
                "Empfänger:\n\nWer | Land\nFjord AG | Norwegen\nNimbus Inc. | Vereinigte Staaten\n\nDanach",
            ),
            ("struck-through text dropped", "| 6 | Kaveri |\n|---|---|\n| ~~7~~ | ~~Atlassian Pty Ltd~~ entfallen |", "6 | Kaveri\nentfallen"),
            ("code block keeps lines", "```\nfn a() {}\nfn b() {}\n```\nnach", "fn a() {}\nfn b() {}\n\nnach"),
            ("table", "| A | B |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |", "A | B\n1 | 2\n3 | 4"),
            ("blockquote", "> zitiert\n\nText", "zitiert\n\nText"),
            ("front matter", "---\nlayout: y\n---\n\nInhalt", "Inhalt"),
            ("front matter title kept", "---\ntitle: \"Datenschutz\"\nlayout: y\n---\n\nInhalt", "Datenschutz\n\nInhalt"),
            ("unclosed front matter is text", "---\nInhalt", "Inhalt"),
            ("toml front matter", "+++\ntitle = 'X'\n+++\nInhalt", "X\n\nInhalt"),
            (
                "front matter date kept",
                "---\ntitle: Liste\nstand: 2026-02-01\nlayout: y\n---\n\nInhalt",
                "Liste\n\nStand: 2026-02-01\n\nInhalt",
            ),
            (
                "front matter update kept",
                "---\nlast_updated: \"2026-05-15\"\n---\nInhalt",
                "Last updated: 2026-05-15\n\nInhalt",
            ),
            ("footnote", "Text[^1]\n\n[^1]: Fußnote", "Text\n\nFußnote"),
            ("entities", "M&uuml;ller &amp; Co", "Müller & Co"),
            ("html address", "Anbieter:\n\n<address>\n  <strong>\n    Muster GmbH <br />\n  </strong>\n  Alt-Moabit 140 <br />\n  10557 Berlin\n</address>\n\nE-Mail", "Anbieter:\n\nMuster GmbH\nAlt-Moabit 140\n10557 Berlin\n\nE-Mail"),
            ("inline html", "Name: user-answers<br/>Wert: Hash<br/>", "Name: user-answers\nWert: Hash"),
            ("inline address", "<address>Alt-Moabit 140<br/>10557 Berlin</address>", "Alt-Moabit 140\n10557 Berlin"),
            ("html table", "<table>\n  <tr>\n    <th>Name</th>\n    <th>Sitz</th>\n  </tr>\n  <tr>\n    <td>HelpScout Inc.</td>\n    <td>USA</td>\n  </tr>\n</table>\n\nDanach", "Name | Sitz\nHelpScout Inc. | USA\n\nDanach"),
            ("html comment", "a <!-- hidden *x* --> b", "a b"),
            // An inline raw element never closed in its cell or paragraph is a word: the
            // text after it stays (and a cut of its skipped text inside "–" no panic).
            (
                "unclosed inline template",
                "| a | inert <template> – not current; →→→→→→→→→→→→→→→→→→→→→→→→ past sixty-four bytes |\n|---|---|\n\nNext <script>x</script> paragraph.",
                "a | inert – not current; →→→→→→→→→→→→→→→→→→→→→→→→ past sixty-four bytes\n\nNext paragraph.",
            ),
            ("mdx import and jsx", "import Hero from \"@/components/Hero.astro\";\n\n<Hero level=\"sub\">\n  <h1>Datenschutzerklärung</h1>\n</Hero>\n\n## 1. Grundlagen", "Datenschutzerklärung\n\n1. Grundlagen"),
            ("mdx multi-line export", "export const meta = {\n  title: 'x',\n  tags: ['a'],\n}\n\nInhalt", "Inhalt"),
            ("prose import kept", "import of goods is regulated", "import of goods is regulated"),
            ("import in code kept", "```\nimport x from 'y'\n```", "import x from 'y'"),
        ];
        for (name, input, want) in cases {
            let got = md(input);
            assert_eq!(got, *want, "case {name}");
        }
    }

    /// A run of lines with cells between tabs becomes rows of cells joined by " | "; a
    /// line of its own with a tab, and tabs that indent, stay.
    #[test]
    fn tab_separated_rows_become_table_rows() {
        let cases: &[(&str, &str, &str)] = &[
            ("no tabs", "a b\nc\n", "a b\nc\n"),
            ("a lone line", "Name:\tValue\nnext\n", "Name:\tValue\nnext\n"),
            (
                "a table",
                "Firma\tAdresse\t\tOrt\r\nSwisscom (Schweiz) AG\tAlte Tiefenaustrasse 6\t\tBern\r\n\r\nDanach\n",
                "Firma | Adresse | Ort\r\nSwisscom (Schweiz) AG | Alte Tiefenaustrasse 6 | Bern\r\n\r\nDanach\n",
            ),
            ("indented", "\ta\tb\n\tc\td\n", "  a | b\n  c | d\n"),
        ];
        assert_rewrites(tab_rows, cases);
    }

    /// Asserts that `rewrite` turns each case's input into its expected text.
    fn assert_rewrites(
        rewrite: fn(&str) -> std::borrow::Cow<'_, str>,
        cases: &[(&str, &str, &str)],
    ) {
        for (name, input, want) in cases {
            assert_eq!(rewrite(input), *want, "case {name}");
        }
    }

    /// An e-mail thread's quote marks go, its quoted messages stay apart as blocks; a
    /// '>' that marks no quote stays.
    #[test]
    fn quote_marks_of_an_e_mail_thread_are_removed() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "no quotes",
                "a > b\n>5 employees\n",
                "a > b\n>5 employees\n",
            ),
            (
                "nested",
                "Thanks.\n> From: A\n>\n> We object.\n>> Our list:\n>>   - Twilio Inc.\n",
                "Thanks.\n\nFrom: A\n\nWe object.\n\nOur list:\n  - Twilio Inc.\n",
            ),
            (
                "spaced marks",
                "> > deep\r\n> shallow\n",
                "deep\r\n\nshallow\n",
            ),
        ];
        assert_rewrites(unquote_mail, cases);
    }

    #[test]
    fn markdown_via_extract_is_normalizable() {
        let raw = extract_markdown("# Titel\n\nDaten-\nschutz".as_bytes(), &Limits::default())
            .expect("extracts");
        let ex = super::super::normalize::normalize(raw);
        assert_eq!(ex.text, "Titel\n\nDatenschutz");
    }

    #[test]
    fn realworld_markdown_when_present() {
        let files = [
            (concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/realworld/digitalservicebund-zfl-website/src/pages/datenschutz.mdx"), "Alt-Moabit 140\n10557 Berlin"),
            (concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/realworld/pentacode-site/vertrag-zur-auftragsverarbeitung.md"), "HelpScout Inc. | USA | Kundenservice- und Helpdesk-Software"),
            (concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/realworld/github-site-policy/Policies/privacy-policies/github-data-protection-agreement.md"), "GitHub Data Protection Agreement"),
        ];
        for (path, needle) in files {
            let Ok(bytes) = std::fs::read(path) else {
                continue;
            };
            let raw =
                extract_markdown(&bytes, &Limits::default()).expect("real-world Markdown extracts");
            let text = &raw.pages[0];
            assert!(text.contains(needle), "{path}: {needle:?} missing");
            assert!(!text.contains("import Hero"), "{path}");
            assert!(!text.contains("layout:"), "{path}");
            assert!(!text.contains("<address"), "{path}");
        }
    }
}

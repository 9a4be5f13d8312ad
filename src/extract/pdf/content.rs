//! A content-stream tokenizer for text extraction: operators with their operands, nothing
//! else (no `lopdf::Object` per token).
//!
//! Why not `lopdf::content::Content::decode`: its parser builds a full object tree per
//! operation and was 60 % of the lopdf engine's time on a LibreOffice contract (glyph
//! runs as hex strings); this reads the same syntax (ISO 32000-1 §7.2–7.3, §8.9.7 inline
//! images) in one pass and keeps only what the text walker uses: numbers, names,
//! strings and arrays of them. Dictionaries and other operands are skipped.
//!
//! Limits: arrays nested deeper than [`MAX_NESTING`] make the stream an error (the
//! caller then removes the nesting, see `preflight`); an unterminated string or array
//! ends at the end of the stream.

use super::preflight::MAX_CONTENT_NESTING as MAX_NESTING;

/// One operand of a content-stream operation, as far as text extraction cares.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand {
    /// An integer or real number.
    Number(f64),
    /// A name (`/F1`), `#xx` escapes decoded, without the slash.
    Name(Vec<u8>),
    /// A literal or hexadecimal string, decoded to its bytes.
    String(Vec<u8>),
    /// An array.
    Array(Vec<Operand>),
    /// Anything else (dictionary, boolean, null).
    Other,
}

impl Operand {
    /// The number, if this is one.
    pub(crate) fn number(&self) -> Option<f64> {
        match self {
            Operand::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The name's bytes, if this is a name.
    pub(crate) fn name(&self) -> Option<&[u8]> {
        match self {
            Operand::Name(n) => Some(n),
            _ => None,
        }
    }
}

fn is_white(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delimiter(b)
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Calls `op(operator, operands)` for every operation of `content`, in order.
/// `Err` only when arrays nest deeper than [`MAX_NESTING`].
pub(crate) fn for_each_operation(
    content: &[u8],
    mut op: impl FnMut(&[u8], &[Operand]),
) -> Result<(), String> {
    let mut lexer = Lexer { s: content, i: 0 };
    let mut operands: Vec<Operand> = Vec::new();
    // Open arrays (their items so far) and dictionaries (None), innermost last.
    let mut open: Vec<Option<Vec<Operand>>> = Vec::new();
    while let Some(token) = lexer.next_token() {
        let value = match token {
            Token::Number(n) => Operand::Number(n),
            Token::Name(n) => Operand::Name(n),
            Token::String(s) => Operand::String(s),
            Token::ArrayStart | Token::DictStart => {
                if open.len() >= MAX_NESTING {
                    return Err(format!("content nested deeper than {MAX_NESTING} levels"));
                }
                open.push(matches!(token, Token::ArrayStart).then(Vec::new));
                continue;
            }
            Token::ArrayEnd => match open.pop() {
                Some(Some(items)) => Operand::Array(items),
                Some(None) => Operand::Other, // "<< ... ]": broken, dropped
                None => continue,
            },
            Token::DictEnd => match open.pop() {
                Some(_) => Operand::Other,
                None => continue,
            },
            Token::Keyword(k) => {
                if !open.is_empty() {
                    // true/false/null inside an array or dictionary, or garbage.
                    Operand::Other
                } else if matches!(k, b"true" | b"false" | b"null") {
                    Operand::Other
                } else {
                    if k == b"BI" {
                        lexer.skip_inline_image();
                        operands.clear();
                        continue;
                    }
                    op(k, &operands);
                    operands.clear();
                    continue;
                }
            }
        };
        match open.last_mut() {
            Some(Some(items)) => items.push(value),
            Some(None) => {}
            None => operands.push(value),
        }
    }
    Ok(())
}

enum Token<'a> {
    Number(f64),
    Name(Vec<u8>),
    String(Vec<u8>),
    ArrayStart,
    ArrayEnd,
    DictStart,
    DictEnd,
    /// An operator or a keyword operand (true, false, null).
    Keyword(&'a [u8]),
}

struct Lexer<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn next_token(&mut self) -> Option<Token<'a>> {
        loop {
            let b = self.peek()?;
            match b {
                _ if is_white(b) => self.i += 1,
                b'%' => {
                    while let Some(c) = self.peek() {
                        if c == b'\n' || c == b'\r' {
                            break;
                        }
                        self.i += 1;
                    }
                }
                b'(' => {
                    self.i += 1;
                    return Some(Token::String(self.literal_string()));
                }
                b'<' if self.s.get(self.i + 1) == Some(&b'<') => {
                    self.i += 2;
                    return Some(Token::DictStart);
                }
                b'<' => {
                    self.i += 1;
                    return Some(Token::String(self.hex_string()));
                }
                b'>' if self.s.get(self.i + 1) == Some(&b'>') => {
                    self.i += 2;
                    return Some(Token::DictEnd);
                }
                b'[' => {
                    self.i += 1;
                    return Some(Token::ArrayStart);
                }
                b']' => {
                    self.i += 1;
                    return Some(Token::ArrayEnd);
                }
                b'/' => {
                    self.i += 1;
                    return Some(Token::Name(self.name()));
                }
                // A stray ')' or '>', or PostScript braces: not text, skipped.
                b')' | b'>' | b'{' | b'}' => self.i += 1,
                _ => {
                    let start = self.i;
                    while self.peek().is_some_and(is_regular) {
                        self.i += 1;
                    }
                    let word = &self.s[start..self.i];
                    return Some(match parse_number(word) {
                        Some(n) => Token::Number(n),
                        None => Token::Keyword(word),
                    });
                }
            }
        }
    }

    /// After `(`: the string up to its balancing `)`, escapes decoded.
    fn literal_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            self.i += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                    out.push(b);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(0x08),
                        b'f' => out.push(0x0c),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.i += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        // A backslash before an end of line continues the string.
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.i += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    /// After `<`: the bytes of a hexadecimal string up to `>` (an odd last digit is
    /// followed by 0; other characters are ignored).
    fn hex_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(b) = self.peek() {
            self.i += 1;
            if b == b'>' {
                break;
            }
            if let Some(v) = hex_value(b) {
                match high.take() {
                    Some(h) => out.push(h << 4 | v),
                    None => high = Some(v),
                }
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    /// After `/`: the name, `#xx` decoded.
    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(b) = self.peek().filter(|&b| is_regular(b)) {
            self.i += 1;
            if b == b'#' {
                let hex = (
                    self.peek().and_then(hex_value),
                    self.s.get(self.i + 1).copied().and_then(hex_value),
                );
                if let (Some(h), Some(l)) = hex {
                    out.push(h << 4 | l);
                    self.i += 2;
                    continue;
                }
            }
            out.push(b);
        }
        out
    }

    /// After `BI`: skips the image dictionary, `ID`, the image data and `EI`.
    fn skip_inline_image(&mut self) {
        // The dictionary: tokens up to the keyword ID.
        loop {
            match self.next_token() {
                None => return,
                Some(Token::Keyword(b"ID")) => break,
                Some(_) => {}
            }
        }
        // One white-space byte, then data up to "EI" standing alone.
        self.i += 1;
        while self.i + 1 < self.s.len() {
            let found = self.s[self.i..]
                .windows(2)
                .position(|w| w == b"EI")
                .map(|p| self.i + p);
            let Some(at) = found else {
                self.i = self.s.len();
                return;
            };
            let before_ok = at == 0 || is_white(self.s[at - 1]);
            let after_ok = self.s.get(at + 2).is_none_or(|&b| !is_regular(b));
            self.i = at + 2;
            if before_ok && after_ok {
                return;
            }
        }
        self.i = self.s.len();
    }
}

/// A PDF number (`12`, `-3.5`, `.5`, `+4.`), or `None`.
fn parse_number(word: &[u8]) -> Option<f64> {
    let first = *word.first()?;
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return None;
    }
    if !word
        .iter()
        .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.'))
    {
        return None;
    }
    let text = std::str::from_utf8(word).ok()?;
    text.parse::<f64>().ok().or_else(|| {
        // Producers write "4." or "-.5", which Rust parses, but also "--1" or "1.2.3":
        // read the longest leading number, as viewers do.
        let end = text
            .char_indices()
            .skip(1)
            .find(|&(_, c)| c == '+' || c == '-')
            .map_or(text.len(), |(i, _)| i);
        text[..end].parse::<f64>().ok().or(Some(0.0))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(content: &[u8]) -> Vec<(String, Vec<Operand>)> {
        let mut v = Vec::new();
        for_each_operation(content, |k, o| {
            v.push((String::from_utf8_lossy(k).into_owned(), o.to_vec()))
        })
        .unwrap();
        v
    }

    #[test]
    fn text_operations() {
        let v = ops(b"BT /F1 12 Tf 72 712 Td [(Hal) -120 <6C6f> 5.5 (\\(x\\)\\101\\\n)] TJ ET");
        assert_eq!(v[0].0, "BT");
        assert_eq!(
            v[1],
            (
                "Tf".into(),
                vec![Operand::Name(b"F1".to_vec()), Operand::Number(12.0)]
            )
        );
        assert_eq!(v[2].1, vec![Operand::Number(72.0), Operand::Number(712.0)]);
        assert_eq!(
            v[3],
            (
                "TJ".into(),
                vec![Operand::Array(vec![
                    Operand::String(b"Hal".to_vec()),
                    Operand::Number(-120.0),
                    Operand::String(b"lo".to_vec()),
                    Operand::Number(5.5),
                    Operand::String(b"(x)A".to_vec()),
                ])]
            )
        );
        assert_eq!(v[4].0, "ET");
    }

    #[test]
    fn odd_hex_names_comments_and_nested_parens() {
        let v = ops(b"% a comment (not a string\n/A#42c <414> (a(b)c) Tj\r/Pattern cs");
        assert_eq!(
            v[0].1,
            vec![
                Operand::Name(b"ABc".to_vec()),
                Operand::String(b"A@".to_vec()),
                Operand::String(b"a(b)c".to_vec()),
            ]
        );
        assert_eq!(v[1].0, "cs");
    }

    #[test]
    fn dictionaries_and_inline_images_are_skipped() {
        let v = ops(
            b"/Span <</ActualText (x) /MCID 3>> BDC BI /W 2 /H 1 /BPC 8 ID \x00EI\xffEIx\n EI (after) Tj EMC",
        );
        let names: Vec<&str> = v.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["BDC", "Tj", "EMC"]);
        assert_eq!(v[0].1[0], Operand::Name(b"Span".to_vec()));
        assert_eq!(v[1].1, vec![Operand::String(b"after".to_vec())]);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let mut s = vec![b'['; 100_000];
        s.extend_from_slice(b"(x) Tj");
        assert!(for_each_operation(&s, |_, _| {}).is_err());
        let mut ok = vec![b'['; MAX_NESTING];
        ok.extend(vec![b']'; MAX_NESTING]);
        ok.extend_from_slice(b" (x) Tj");
        assert!(for_each_operation(&ok, |_, _| {}).is_ok());
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number(b"-.5"), Some(-0.5));
        assert_eq!(parse_number(b"4."), Some(4.0));
        assert_eq!(parse_number(b"+7"), Some(7.0));
        assert_eq!(parse_number(b"1-2"), Some(1.0));
        assert_eq!(parse_number(b"Tj"), None);
        assert_eq!(parse_number(b"T*"), None);
    }

    #[test]
    fn unterminated_input_ends_quietly() {
        assert_eq!(ops(b"(abc").len(), 0);
        assert_eq!(ops(b"[(a) (b").len(), 0);
        assert_eq!(ops(b"<41").len(), 0);
        assert_eq!(ops(b"BI /W 1 ID xyz").len(), 0);
    }
}

/// Differential test: on real page contents, the tokenizer yields the operations that
/// lopdf's full parser yields.
#[cfg(test)]
mod agrees_with_lopdf {
    use super::*;
    use lopdf::Object;

    fn from_lopdf(o: &Object) -> Operand {
        match o {
            Object::Integer(i) => Operand::Number(*i as f64),
            Object::Real(r) => as_f32(&Operand::Number(f64::from(*r))),
            Object::Name(n) => Operand::Name(n.clone()),
            Object::String(s, _) => Operand::String(s.clone()),
            Object::Array(a) => Operand::Array(a.iter().map(from_lopdf).collect()),
            _ => Operand::Other,
        }
    }

    /// lopdf reads reals as f32; compare at that precision.
    fn as_f32(o: &Operand) -> Operand {
        match o {
            Operand::Number(n) => Operand::Number(f64::from(*n as f32)),
            Operand::Array(a) => Operand::Array(a.iter().map(as_f32).collect()),
            other => other.clone(),
        }
    }

    #[test]
    fn corpus_pdfs() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/docs");
        let mut pages = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("pdf") {
                continue;
            }
            let doc = lopdf::Document::load(&path).unwrap();
            for (_, id) in doc.get_pages() {
                let content = doc.get_page_content(id);
                let theirs: Vec<(Vec<u8>, Vec<Operand>)> =
                    lopdf::content::Content::decode(&content)
                        .unwrap()
                        .operations
                        .iter()
                        .map(|op| {
                            (
                                op.operator.as_bytes().to_vec(),
                                op.operands.iter().map(from_lopdf).collect(),
                            )
                        })
                        .collect();
                let mut ours = Vec::new();
                for_each_operation(&content, |k, o| {
                    ours.push((k.to_vec(), o.iter().map(as_f32).collect()))
                })
                .unwrap();
                assert_eq!(ours, theirs, "{}", path.display());
                pages += 1;
            }
        }
        assert!(pages >= 3, "the corpus has PDFs with pages");
    }

    /// The content-stream operators of ISO 32000-1 (Annex A) and the compatibility pair.
    const OPERATORS: &[&str] = &[
        "b", "B", "b*", "B*", "BDC", "BI", "BMC", "BT", "BX", "c", "cm", "CS", "cs", "d", "d0",
        "d1", "Do", "DP", "EI", "EMC", "ET", "EX", "f", "F", "f*", "G", "g", "gs", "h", "i", "ID",
        "j", "J", "K", "k", "l", "m", "M", "MP", "n", "q", "Q", "re", "RG", "rg", "ri", "s", "S",
        "SC", "sc", "SCN", "scn", "sh", "T*", "Tc", "Td", "TD", "Tf", "Tj", "TJ", "TL", "Tm", "Tr",
        "Ts", "Tw", "Tz", "v", "w", "W", "W*", "y", "'", "\"",
    ];

    /// The same over every PDF in ../shared when it is there. Skipped: pages lopdf cannot
    /// load or parse, and pages of garbage (an operator that is not a PDF operator for
    /// either parser: the deliberately corrupt files, where the two split junk differently).
    /// lopdf reports inline images as a `BI` operation; the tokenizer skips them.
    #[test]
    fn shared_pdfs() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
        if !root.is_dir() {
            return;
        }
        let (mut pages, mut differ) = (0, Vec::new());
        for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) != Some("pdf")
                || entry.metadata().map_or(true, |m| m.len() > 5_000_000)
            {
                continue;
            }
            let Ok(Ok(doc)) = std::panic::catch_unwind(|| lopdf::Document::load(path)) else {
                continue;
            };
            for (n, id) in doc.get_pages() {
                let Ok(content) = doc.get_page_content_with_limit(id, 50_000_000) else {
                    continue;
                };
                let Ok(Ok(decoded)) =
                    std::panic::catch_unwind(|| lopdf::content::Content::decode(&content))
                else {
                    continue;
                };
                let theirs: Vec<(Vec<u8>, Vec<Operand>)> = decoded
                    .operations
                    .iter()
                    .filter(|op| op.operator != "BI")
                    .map(|op| {
                        (
                            op.operator.as_bytes().to_vec(),
                            op.operands.iter().map(from_lopdf).collect(),
                        )
                    })
                    .collect();
                let mut ours = Vec::new();
                if for_each_operation(&content, |k, o| {
                    ours.push((k.to_vec(), o.iter().map(as_f32).collect()))
                })
                .is_err()
                {
                    differ.push(format!("{} p{n}: ours failed", path.display()));
                    continue;
                }
                let standard = |ops: &[(Vec<u8>, Vec<Operand>)]| {
                    ops.iter()
                        .all(|(k, _)| OPERATORS.iter().any(|o| o.as_bytes() == k.as_slice()))
                };
                if !standard(&ours) || !standard(&theirs) {
                    continue;
                }
                pages += 1;
                if ours != theirs {
                    let at = ours
                        .iter()
                        .zip(&theirs)
                        .position(|(a, b)| a != b)
                        .unwrap_or(ours.len().min(theirs.len()));
                    differ.push(format!(
                        "{} p{n}: op {at} of {}/{}: {:?} vs {:?}",
                        path.display(),
                        ours.len(),
                        theirs.len(),
                        ours.get(at).map(|o| (
                            String::from_utf8_lossy(&o.0).into_owned(),
                            format!("{:.80?}", o.1)
                        )),
                        theirs.get(at).map(|o| (
                            String::from_utf8_lossy(&o.0).into_owned(),
                            format!("{:.80?}", o.1)
                        )),
                    ));
                }
            }
        }
        assert!(
            differ.is_empty(),
            "{pages} pages compared; differ:\n{}",
            differ.join("\n")
        );
    }
}

//! HTML extraction: the main content's text with its block structure.
//!
//! The bytes are decoded first (BOM, then `<meta charset>`, then UTF-8, then a
//! chardetng guess) and parsed with html5ever (via `scraper`), which also decodes
//! entities. The text comes from the `<main>` (or the largest `<article>`) when
//! that holds most of the page's text, else from `<body>`; either way without
//! boilerplate: scripts and styles, navigation, site header and footer, forms,
//! cookie banners, comment sections, hidden elements. A site footer's legal notice
//! (who publishes the page) follows the content.
//!
//! Block elements become line breaks (`div`, `li`, `tr`, `br`, `dt`, `dd`) or a
//! blank line (`p`, headings, tables, lists, `address`, `blockquote`, `pre`);
//! table cells are joined with `" | "`. The DOM is walked with an explicit stack
//! (never recursion on its depth), and elements nested deeper than
//! [`Limits::max_nesting`] are skipped with a warning.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

use super::{Limits, RawText};
use crate::error::{DocError, ErrorKind};

/// Engine name reported for HTML.
const ENGINE: &str = "html5ever";

/// The `<main>`/`<article>` is used only when it holds at least this share of
/// the body's (boilerplate-free) text; otherwise the body is used.
const MIN_MAIN_SHARE: f64 = 0.4;

/// An element whose id/class says "cookie" or "consent" is dropped only when
/// its text is shorter than this (in bytes): banners are short, a privacy
/// policy's cookie section is not.
const MAX_BANNER_TEXT_BYTES: usize = 1500;

/// Extracts raw text from HTML bytes.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<RawText, DocError> {
    let (source, encoding) = decode_html(bytes);
    let mut warnings = Vec::new();
    if encoding != encoding_rs::UTF_8 {
        warnings.push(format!("decoded as {}", encoding.name()));
    }
    let text = html_to_text(&source, limits, &mut warnings);
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

/// Decodes HTML bytes: BOM first, then a `<meta charset>` in the first 1024
/// bytes, then UTF-8 if valid, else a chardetng guess. Never fails.
pub fn decode_html(bytes: &[u8]) -> (String, &'static encoding_rs::Encoding) {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), enc);
    }
    if let Some(enc) = meta_charset(&bytes[..bytes.len().min(1024)]) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return (text.into_owned(), enc);
    }
    super::text::decode_unlabeled(bytes)
}

/// The encoding named by a `<meta charset=…>` or `<meta http-equiv=… content="…charset=…">`
/// in `head` (a byte-level prescan, as browsers do). UTF-16 labels mean UTF-8 here.
fn meta_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = super::find_sub(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(cs) = super::find_sub(tag, b"charset") {
            let rest = &tag[cs + b"charset".len()..];
            let rest = trim_ascii_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_ascii_start(rest);
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let label_end = rest
                    .iter()
                    .position(|&b| {
                        b == b'"' || b == b'\'' || b == b';' || b == b'/' || b.is_ascii_whitespace()
                    })
                    .unwrap_or(rest.len());
                if let Some(enc) = encoding_rs::Encoding::for_label(&rest[..label_end]) {
                    return Some(
                        if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                            encoding_rs::UTF_8
                        } else {
                            enc
                        },
                    );
                }
            }
        }
        from = end.max(start + 1);
    }
    None
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// How many levels past [`Limits::max_nesting`] the parser still sees real tags;
/// deeper tags are removed before parsing (see [`flatten_deep_tags`]).
const PARSE_DEPTH_SLACK: usize = 16;

/// Parses `source` as an HTML document and returns the main content's text.
/// Warnings (depth cap hit) are appended to `warnings`.
pub fn html_to_text(source: &str, limits: &Limits, warnings: &mut Vec<String>) -> String {
    let cap = limits.max_nesting.saturating_add(PARSE_DEPTH_SLACK);
    let flattened = flatten_deep_tags(source, cap);
    let doc = Html::parse_document(flattened.as_deref().unwrap_or(source));
    let root = doc.tree.root();
    let body = find_first(root, limits.max_nesting.saturating_mul(4), |el| {
        el.name() == "body"
    })
    .unwrap_or(root);
    let protected = protected_ancestors(root);

    // One walk over the body records where each candidate's text lies in it.
    let candidates: Vec<NodeId> = main_candidates(root, limits)
        .iter()
        .map(|n| n.id())
        .collect();
    let (body_text, ranges) = walk(
        body,
        &candidates,
        &protected,
        limits.max_nesting,
        false,
        warnings,
    );
    let best = ranges
        .into_iter()
        .flatten()
        .map(|r| body_text[r].trim_start_matches([' ', '|', '\n']).trim_end())
        .max_by_key(|t| t.len());
    let mut text = match best {
        Some(main) if main.len() as f64 >= MIN_MAIN_SHARE * body_text.len() as f64 => {
            main.to_owned()
        }
        _ => body_text,
    };
    // The site footer's legal notice names who publishes the page, often nowhere else
    // ("Die vollständigen Angaben … finden Sie in unserem Impressum am Ende dieser Seite").
    for notice in legal_notices(body, &protected, limits, warnings) {
        if !text.contains(notice.as_str()) {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&notice);
        }
    }
    text
}

/// Titles of a legal notice (lower case, as a heading of the footer begins or its id or
/// class holds them): "Impressum", "Legal notice".
const LEGAL_NOTICE_TITLES: &[&str] = &[
    "impressum",
    "imprint",
    "legal notice",
    "legal-notice",
    "anbieterkennzeichnung",
    "angaben gemäß",
];

/// Words of a footer's line that names its publisher (lower case): a copyright line
/// ("© 2026 Pulsbyte AB · Sveavägen 44 · 111 34 Stockholm") or a register's entry.
const PUBLISHER_LINE_MARKERS: &[&str] = &[
    "©",
    "copyright",
    "registergericht",
    "handelsregister",
    "registered office",
    "registered in",
    "company number",
];

/// The separators between the parts of a footer's line.
const FOOTER_SEPARATORS: &[&str] = &[" · ", " | ", " • ", " – "];

/// What each site footer (a `footer` or `[role=contentinfo]` outside `main`, `article`
/// and `section`, which boilerplate removal drops) says of the page's publisher, in
/// document order: all of a footer titled as a legal notice ([`LEGAL_NOTICE_TITLES`]:
/// "<footer> <h2>Impressum</h2> …"); else its lines that name the publisher
/// ([`PUBLISHER_LINE_MARKERS`]), of those only the parts that hold the marker or a digit,
/// so that links, payment methods and social networks beside them stay out ("© 2024
/// Gartenglück Versand · Zahlungsarten: PayPal, Stripe" gives "© 2024 Gartenglück
/// Versand").
fn legal_notices(
    body: NodeRef<'_, Node>,
    protected: &HashSet<NodeId>,
    limits: &Limits,
    warnings: &mut Vec<String>,
) -> Vec<String> {
    let depth_cap = limits.max_nesting.saturating_mul(4);
    let footers = find_all(body, depth_cap, |el| {
        el.name() == "footer"
            || el
                .attr("role")
                .is_some_and(|r| r.eq_ignore_ascii_case("contentinfo"))
    });
    let mut notices = Vec::new();
    for footer in footers {
        let in_content = footer.ancestors().any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "main" | "article" | "section"))
        });
        if in_content {
            continue;
        }
        let (text, _) = walk(footer, &[], protected, limits.max_nesting, true, warnings);
        if titled_legal_notice(footer) {
            notices.push(text.trim().to_owned());
            continue;
        }
        let lines: Vec<String> = text
            .lines()
            .filter(|line| {
                let lower = line.to_lowercase();
                PUBLISHER_LINE_MARKERS.iter().any(|m| lower.contains(m))
            })
            .map(publisher_parts)
            .collect();
        if !lines.is_empty() {
            notices.push(lines.join("\n"));
        }
    }
    notices
}

/// Whether `footer` is titled as a legal notice: its id or class, or one of its
/// headings, begins with one of [`LEGAL_NOTICE_TITLES`].
fn titled_legal_notice(footer: NodeRef<'_, Node>) -> bool {
    let title = |s: &str| {
        let lower = s.trim().to_lowercase();
        LEGAL_NOTICE_TITLES.iter().any(|t| lower.starts_with(t))
    };
    let labelled = footer.value().as_element().is_some_and(|el| {
        [el.attr("id"), el.attr("class")]
            .into_iter()
            .flatten()
            .any(|v| v.split_whitespace().any(title))
    });
    labelled
        || footer.descendants().any(|d| {
            d.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
                && title(
                    &d.descendants()
                        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                        .collect::<String>(),
                )
        })
}

/// The parts of a footer's line (split at [`FOOTER_SEPARATORS`]) that hold a word of
/// [`PUBLISHER_LINE_MARKERS`] or a digit, joined as they were.
fn publisher_parts(line: &str) -> String {
    let mut parts = vec![line];
    for sep in FOOTER_SEPARATORS {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    let sep = FOOTER_SEPARATORS
        .iter()
        .find(|s| line.contains(*s))
        .unwrap_or(&" · ");
    parts
        .into_iter()
        .filter(|p| {
            let lower = p.to_lowercase();
            p.contains(|c: char| c.is_ascii_digit())
                || PUBLISHER_LINE_MARKERS.iter().any(|m| lower.contains(m))
        })
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(sep)
}

/// Elements that never nest (void) or that the parser closes implicitly; the
/// depth estimate of [`flatten_deep_tags`] does not count them.
const UNCOUNTED_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th", "thead", "tbody", "tfoot",
    "html", "head", "body",
];

/// Elements whose content is raw text (tags inside are not tags).
const RAW_TEXT_TAGS: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Removes the start and end tags nested deeper than `cap` (an estimate from a
/// linear byte scan), keeping their text. html5ever's tree builder checks the
/// stack of open elements on every tag, so 100 000 nested `<div>`s would cost
/// quadratic time; the walk skips content deeper than `max_nesting` anyway.
/// Returns `None` when nothing is that deep.
pub(crate) fn flatten_deep_tags(src: &str, cap: usize) -> Option<String> {
    let bytes = src.as_bytes();
    // Fast path: too few tags to get that deep.
    if bytes.iter().filter(|&&b| b == b'<').count() <= cap {
        return None;
    }
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `src` already handled in `out`
    let mut depth = 0usize;
    let mut pos = 0;
    while let Some(off) = bytes[pos..].iter().position(|&b| b == b'<') {
        let lt = pos + off;
        let rest = &bytes[lt..];
        if rest.starts_with(b"<!--") {
            pos = find_from(bytes, lt + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            // "<!doctype", "<?xml", a lone "<": skip the one byte.
            pos = lt + 1;
            continue;
        }
        let name = &src[name_start..name_start + name_len];
        let end = tag_end(bytes, name_start + name_len);
        let self_closing = end >= 2 && bytes[end - 2] == b'/';
        let is_raw = RAW_TEXT_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name));
        let counted = !is_raw
            && !self_closing
            && !UNCOUNTED_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name));
        let mut remove = false;
        if counted {
            if closing {
                remove = depth > cap;
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                remove = depth > cap;
            }
        }
        if remove {
            let o = out.get_or_insert_with(|| String::with_capacity(src.len()));
            o.push_str(&src[copied..lt]);
            copied = end;
        }
        pos = end;
        if !closing && is_raw {
            let close = format!("</{name}");
            pos = find_ci_from(bytes, end, close.as_bytes()).unwrap_or(bytes.len());
        }
    }
    let mut o = out?;
    o.push_str(&src[copied..]);
    Some(o)
}

/// Byte offset just past the `>` closing the tag whose attributes start at
/// `from` (quotes respected), or the end of input.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (i, &b) in bytes[from..].iter().enumerate() {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return from + i + 1,
            _ => {}
        }
    }
    bytes.len()
}

fn find_from(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    super::find_sub(&hay[from.min(hay.len())..], needle).map(|p| p + from)
}

/// Case-insensitive search for an ASCII `needle`.
fn find_ci_from(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let hay = &hay[from.min(hay.len())..];
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

/// The `<main>` (or `[role=main]`) element, else the outermost `<article>`s
/// (the one with the most text is used).
fn main_candidates<'a>(root: NodeRef<'a, Node>, limits: &Limits) -> Vec<NodeRef<'a, Node>> {
    let depth_cap = limits.max_nesting.saturating_mul(4);
    let is_main = |el: &scraper::node::Element| {
        el.name() == "main"
            || el
                .attr("role")
                .is_some_and(|r| r.eq_ignore_ascii_case("main"))
    };
    if let Some(main) = find_first(root, depth_cap, is_main) {
        return vec![main];
    }
    find_all(root, depth_cap, |el| el.name() == "article")
}

/// First element (document order) matching `pred`, searched iteratively down to `depth_cap`.
fn find_first<'a>(
    root: NodeRef<'a, Node>,
    depth_cap: usize,
    pred: impl Fn(&scraper::node::Element) -> bool,
) -> Option<NodeRef<'a, Node>> {
    find_all(root, depth_cap, pred).into_iter().next()
}

/// All elements matching `pred` that are not inside another match, in document order.
fn find_all<'a>(
    root: NodeRef<'a, Node>,
    depth_cap: usize,
    pred: impl Fn(&scraper::node::Element) -> bool,
) -> Vec<NodeRef<'a, Node>> {
    let mut found = Vec::new();
    let mut stack = vec![(root, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if let Node::Element(el) = node.value() {
            if pred(el) {
                found.push(node);
                continue;
            }
        }
        if depth < depth_cap {
            stack.extend(node.children().rev().map(|c| (c, depth + 1)));
        }
    }
    found
}

/// Ids of every ancestor of a `main`, `article`, `[role=main]` or `h1`: those
/// hold the content, so a class name like "has-sidebar" on them must not drop it.
fn protected_ancestors(root: NodeRef<'_, Node>) -> HashSet<NodeId> {
    let mut protected = HashSet::new();
    for node in root.descendants() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        let marks_content = matches!(el.name(), "main" | "article" | "h1")
            || el
                .attr("role")
                .is_some_and(|r| r.eq_ignore_ascii_case("main"));
        if !marks_content {
            continue;
        }
        protected.insert(node.id());
        for anc in node.ancestors() {
            if !protected.insert(anc.id()) {
                break;
            }
        }
    }
    protected
}

/// Elements whose content is never text of the document; `del`, `s` and `strike` hold
/// text the author deleted or marked as no longer accurate (a former sub-processor).
const DROP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "head", "title", "meta", "link", "select", "textarea", "input", "option", "datalist",
    "del", "s", "strike",
];

/// Page furniture dropped unless it holds the main content (see [`protected_ancestors`]).
const BOILERPLATE_TAGS: &[&str] = &["nav", "aside", "form", "button", "dialog"];

/// ARIA roles of page furniture.
const BOILERPLATE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "search",
    "complementary",
    "menu",
    "menubar",
];

/// id/class/aria-label fragments that always mark boilerplate.
const BOILERPLATE_MARKERS: &[&str] = &[
    "gdpr-banner",
    "cookie-banner",
    "cookiebanner",
    "cookie_banner",
    "cookie-notice",
    "cookie-bar",
    "cookie-consent",
    "cookiebot",
    "onetrust",
    "usercentrics",
    "comments",
    "comment-list",
    "commentlist",
    "breadcrumb",
    "navbar",
    "menu",
    "sidebar",
    "skip-link",
    "skiplink",
    "share-buttons",
    "social-share",
];

/// id/class/aria-label fragments that mark boilerplate only when the element's text is short.
const SHORT_BOILERPLATE_MARKERS: &[&str] = &["cookie", "consent"];

/// How an element contributes to the text layout.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    /// Inline: text flows.
    Inline,
    /// Starts and ends on its own line.
    Line,
    /// Separated by a blank line.
    Paragraph,
    /// A list: a blank line around a top-level list, a line break around a nested one.
    /// Items of an unordered one (`ul`, Markdown `-`/`*`) start with "- " ([`Block::Item`]).
    List {
        /// `ol`: its items keep no marker (a number would read as a numbered heading).
        ordered: bool,
    },
    /// A list item: its own line, "- " before its first text in an unordered list (or
    /// outside any list), so that list members stay recognisable as such.
    Item,
    /// A term of a definition list (`dt`): its own line.
    Term,
    /// A definition (`dd`): right after its term as a labelled field ("Sitz: Zug"),
    /// else its own line.
    Definition,
    /// A table row: its own line, cells joined with " | ".
    Row,
    /// A table cell.
    Cell,
    /// Preformatted: whitespace kept.
    Pre,
}

fn block_of(name: &str) -> Block {
    match name {
        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "table" | "dl" | "address"
        | "blockquote" | "section" | "article" | "main" | "header" | "footer" | "figure" | "hr"
        | "details" | "fieldset" | "center" => Block::Paragraph,
        "li" => Block::Item,
        "dt" => Block::Term,
        "dd" => Block::Definition,
        "div" | "caption" | "figcaption" | "summary" | "legend" | "thead" | "tbody" | "tfoot"
        | "menu" | "br" | "body" | "html" | "nav" | "aside" | "form" | "option" => Block::Line,
        "ul" => Block::List { ordered: false },
        "ol" => Block::List { ordered: true },
        "tr" => Block::Row,
        "td" | "th" => Block::Cell,
        "pre" | "listing" | "plaintext" | "xmp" => Block::Pre,
        _ => Block::Inline,
    }
}

/// True when `el` (at `node`) is boilerplate to drop.
fn is_boilerplate(
    node: NodeRef<'_, Node>,
    el: &scraper::node::Element,
    protected: &HashSet<NodeId>,
    inside_content: bool,
) -> bool {
    let name = el.name();
    if DROP_TAGS.contains(&name) {
        return true;
    }
    if el.attr("hidden").is_some()
        || el
            .attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || is_display_none(el)
    {
        return !protected.contains(&node.id());
    }
    if protected.contains(&node.id()) || matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    if BOILERPLATE_TAGS.contains(&name) {
        return true;
    }
    // A header/footer inside main/article/section belongs to that content.
    if (name == "header" || name == "footer") && !inside_content {
        return true;
    }
    if let Some(role) = el.attr("role") {
        let role = role.trim().to_ascii_lowercase();
        if BOILERPLATE_ROLES.contains(&role.as_str())
            || ((role == "dialog" || role == "alertdialog") && mentions_short_marker(el))
        {
            return true;
        }
    }
    let mut labels = String::new();
    for value in [el.attr("id"), el.attr("class"), el.attr("aria-label")]
        .into_iter()
        .flatten()
    {
        labels.push_str(&value.to_ascii_lowercase());
        labels.push(' ');
    }
    if labels.is_empty() {
        return false;
    }
    if BOILERPLATE_MARKERS.iter().any(|m| labels.contains(m)) {
        return true;
    }
    // A table of cookies ("<table class=\"cookie-table\">", a row or a wrapper holding
    // one) is a policy's content, however short: banners hold no tables. The subtree
    // is read only for an element labelled as a banner might be.
    let table = || {
        matches!(
            name,
            "table" | "thead" | "tbody" | "tfoot" | "tr" | "td" | "th" | "caption"
        ) || node
            .descendants()
            .any(|d| d.value().as_element().is_some_and(|e| e.name() == "table"))
    };
    SHORT_BOILERPLATE_MARKERS.iter().any(|m| labels.contains(m))
        && text_len_below(node, MAX_BANNER_TEXT_BYTES)
        && !table()
}

fn mentions_short_marker(el: &scraper::node::Element) -> bool {
    [el.attr("id"), el.attr("class"), el.attr("aria-label")]
        .into_iter()
        .flatten()
        .any(|v| {
            SHORT_BOILERPLATE_MARKERS
                .iter()
                .any(|m| v.to_ascii_lowercase().contains(m))
        })
}

fn is_display_none(el: &scraper::node::Element) -> bool {
    el.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// True when the text under `node` is shorter than `limit` bytes. Stops early,
/// so the cost is bounded by `limit` text bytes and a fixed node budget.
fn text_len_below(node: NodeRef<'_, Node>, limit: usize) -> bool {
    const NODE_BUDGET: usize = 20_000;
    let mut len = 0;
    for (visited, d) in node.descendants().enumerate() {
        if visited > NODE_BUDGET {
            return false;
        }
        if let Node::Text(t) = d.value() {
            len += t.trim().len();
            if len >= limit {
                return false;
            }
        }
    }
    true
}

/// One step of the iterative walk.
enum Step<'a> {
    /// Visit a node at a depth, inside main/article/section or not.
    Enter(NodeRef<'a, Node>, usize, bool),
    /// Leave an element of this block kind; candidate index if it is one.
    Exit(Block, Option<usize>),
}

/// Walks the subtree at `start` and returns its text (iteratively; elements
/// deeper than `max_nesting` below `start` are skipped with one warning) and,
/// for each of `candidates`, the byte range of its text in the result (`None`
/// when it was not reached or was dropped as boilerplate). With `keep_start`, `start`
/// itself is read even when it is boilerplate (a site footer read for its legal notice).
fn walk(
    start: NodeRef<'_, Node>,
    candidates: &[NodeId],
    protected: &HashSet<NodeId>,
    max_nesting: usize,
    keep_start: bool,
    warnings: &mut Vec<String>,
) -> (String, Vec<Option<Range<usize>>>) {
    let mut w = BlockWriter::default();
    let mut ranges: Vec<Option<Range<usize>>> = vec![None; candidates.len()];
    let candidate_index: HashMap<NodeId, usize> = candidates
        .iter()
        .enumerate()
        .map(|(i, &id)| (id, i))
        .collect();
    let mut depth_hit = false;
    let mut stack = vec![Step::Enter(start, 0, false)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Exit(block, candidate) => {
                w.end_block(block);
                if let Some(r) = candidate.and_then(|i| ranges[i].as_mut()) {
                    r.end = w.out.len();
                }
            }
            Step::Enter(node, depth, inside_content) => match node.value() {
                Node::Text(t) => w.text(t),
                Node::Element(el) => {
                    if depth > max_nesting {
                        depth_hit = true;
                        continue;
                    }
                    let kept = keep_start && node.id() == start.id();
                    if !kept && is_boilerplate(node, el, protected, inside_content) {
                        continue;
                    }
                    let name = el.name();
                    let block = block_of(name);
                    if name == "br" {
                        w.line_break();
                        continue;
                    }
                    if name == "hr" {
                        w.paragraph_break();
                        continue;
                    }
                    let candidate = candidate_index.get(&node.id()).copied();
                    if let Some(i) = candidate {
                        ranges[i] = Some(w.out.len()..w.out.len());
                    }
                    w.start_block(block);
                    stack.push(Step::Exit(block, candidate));
                    let inside = inside_content || matches!(name, "main" | "article" | "section");
                    stack.extend(
                        node.children()
                            .rev()
                            .map(|c| Step::Enter(c, depth + 1, inside)),
                    );
                }
                Node::Document | Node::Fragment => {
                    stack.extend(
                        node.children()
                            .rev()
                            .map(|c| Step::Enter(c, depth, inside_content)),
                    );
                }
                _ => {}
            },
        }
    }
    if depth_hit {
        warnings.push(format!(
            "HTML nested deeper than {max_nesting} elements: the deeper content was skipped"
        ));
    }
    (w.finish(), ranges)
}

/// A separator waiting to be written before the next text, strongest wins.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Default)]
enum Pending {
    #[default]
    None,
    Space,
    Cell,
    /// ": " between a definition list's term and its definition (" " after a term that
    /// ends in a colon).
    Colon,
    Line,
    Paragraph,
}

/// Builds text with block structure from a stream of text and block events.
/// Separators are written lazily, so empty blocks leave no blank lines, and
/// whitespace in text collapses to one space (except inside `pre`).
#[derive(Default, Debug)]
pub(crate) struct BlockWriter {
    out: String,
    pending: Pending,
    pre_depth: usize,
    /// Open lists, innermost last: whether each is ordered.
    lists: Vec<bool>,
    /// An unordered list item has begun and has no text yet: "- " goes before its text.
    bullet: bool,
    /// Cells seen in the current table row.
    cells: usize,
    /// A definition list's term ended and nothing was written since.
    term_ended: bool,
}

impl BlockWriter {
    /// Appends text (whitespace collapsed unless inside a `pre` block).
    pub(crate) fn text(&mut self, s: &str) {
        for c in s.chars() {
            if self.pre_depth > 0 {
                if c == '\n' {
                    self.pend(Pending::Line);
                } else {
                    self.push_char(c);
                }
            } else if c.is_whitespace() && c != '\u{A0}' {
                self.pend(Pending::Space);
            } else {
                self.push_char(c);
            }
        }
    }

    fn push_char(&mut self, c: char) {
        if !self.out.is_empty() {
            match self.pending {
                Pending::None => {}
                Pending::Space => self.out.push(' '),
                Pending::Cell => self.out.push_str(" | "),
                Pending::Colon if self.out.ends_with(':') => self.out.push(' '),
                Pending::Colon => self.out.push_str(": "),
                Pending::Line => self.out.push('\n'),
                Pending::Paragraph => self.out.push_str("\n\n"),
            }
        }
        self.pending = Pending::None;
        self.term_ended = false;
        if std::mem::take(&mut self.bullet) {
            // A nested list's item is indented two spaces per level below the top.
            let depth = self.lists.len().saturating_sub(1);
            self.out.extend(std::iter::repeat_n(' ', 2 * depth));
            self.out.push_str("- ");
        }
        self.out.push(c);
    }

    fn pend(&mut self, p: Pending) {
        self.pending = self.pending.max(p);
    }

    /// Ends the current line.
    pub(crate) fn line_break(&mut self) {
        // Unlike `pend`, a `<br>` after text always breaks, even after an earlier space.
        self.pend(Pending::Line);
    }

    /// Ends the current paragraph (blank line).
    pub(crate) fn paragraph_break(&mut self) {
        self.pend(Pending::Paragraph);
    }

    /// Opens a block of `kind`.
    fn start_block(&mut self, kind: Block) {
        match kind {
            Block::Inline => {}
            Block::Line | Block::Term => self.pend(Pending::Line),
            Block::Definition => {
                if std::mem::take(&mut self.term_ended) && self.pending == Pending::Line {
                    self.pending = Pending::Colon;
                } else {
                    self.pend(Pending::Line);
                }
            }
            Block::Paragraph => self.pend(Pending::Paragraph),
            Block::List { ordered } => {
                self.pend(if self.lists.is_empty() {
                    Pending::Paragraph
                } else {
                    Pending::Line
                });
                self.lists.push(ordered);
            }
            Block::Item => {
                self.pend(Pending::Line);
                self.bullet = self.lists.last() != Some(&true);
            }
            Block::Row => {
                self.pend(Pending::Line);
                self.cells = 0;
            }
            Block::Cell => {
                if self.cells > 0 {
                    self.pend(Pending::Cell);
                } else {
                    self.pend(Pending::Space);
                }
                self.cells += 1;
            }
            Block::Pre => {
                self.pend(Pending::Paragraph);
                self.pre_depth += 1;
            }
        }
    }

    /// Closes a block of `kind`.
    fn end_block(&mut self, kind: Block) {
        match kind {
            Block::Inline | Block::Cell => {}
            Block::Line | Block::Row | Block::Definition => self.pend(Pending::Line),
            Block::Term => {
                self.pend(Pending::Line);
                self.term_ended = true;
            }
            Block::Paragraph => self.pend(Pending::Paragraph),
            Block::Item => {
                self.pend(Pending::Line);
                self.bullet = false;
            }
            Block::List { .. } => {
                self.lists.pop();
                self.pend(if self.lists.is_empty() {
                    Pending::Paragraph
                } else {
                    Pending::Line
                });
            }
            Block::Pre => {
                self.pre_depth = self.pre_depth.saturating_sub(1);
                self.pend(Pending::Paragraph);
            }
        }
    }

    /// Opens a block named like an HTML element (for callers outside this module).
    pub(crate) fn start_element(&mut self, name: &str) {
        match name {
            "br" => self.line_break(),
            "hr" => self.paragraph_break(),
            _ => self.start_block(block_of(name)),
        }
    }

    /// Closes a block named like an HTML element.
    pub(crate) fn end_element(&mut self, name: &str) {
        if !matches!(name, "br" | "hr") {
            self.end_block(block_of(name));
        }
    }

    /// The text.
    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// Streams HTML fragments (as Markdown carries them, possibly split mid-tag
/// across fragments) into a [`BlockWriter`]: tags become block structure,
/// comments and `script`/`style` content are dropped, entities are decoded,
/// other text is kept. MDX/JSX tags (`<Hero level="sub">`) are tags too.
#[derive(Default, Debug)]
pub(crate) struct TagStripper {
    /// Bytes of an unfinished tag (`<` … up to `>`), carried to the next fragment.
    tag: String,
    in_tag: bool,
    quote: Option<char>,
    in_comment: bool,
    /// Inside `<script>`/`<style>`: skip until this closing tag.
    raw_until: Option<&'static str>,
    raw_buf: String,
    /// The text skipped since the raw element opened, as written: given back by
    /// [`TagStripper::give_back_raw`] when the element is never closed.
    skipped: String,
}

impl TagStripper {
    /// True inside a tag, comment or `script`/`style`: text fed now is not plain text.
    pub(crate) fn busy(&self) -> bool {
        self.in_tag || self.in_comment || self.raw_until.is_some()
    }

    /// Whether a `<script>`, `<style>`, `<template>` or `<svg>` element is open and its
    /// text being skipped.
    pub(crate) fn in_raw(&self) -> bool {
        self.raw_until.is_some()
    }

    /// Closes an open raw element whose closing tag never came and writes the text
    /// skipped since its opening tag as text: a Markdown paragraph or table cell that
    /// names "<template>" as a word loses nothing after it.
    pub(crate) fn give_back_raw(&mut self, w: &mut BlockWriter) {
        if self.raw_until.take().is_some() {
            self.raw_buf.clear();
            w.text(&std::mem::take(&mut self.skipped));
        }
    }

    /// Feeds one fragment.
    pub(crate) fn feed(&mut self, frag: &str, w: &mut BlockWriter) {
        let mut text_start = 0;
        let mut iter = frag.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if self.in_comment {
                self.tag.push(c);
                if self.tag.ends_with("-->") {
                    self.tag.clear();
                    self.in_comment = false;
                    text_start = i + c.len_utf8();
                }
                continue;
            }
            if let Some(end) = self.raw_until {
                self.raw_buf.push(c.to_ascii_lowercase());
                self.skipped.push(c);
                if self.raw_buf.ends_with(end) {
                    self.raw_until = None;
                    self.raw_buf.clear();
                    self.skipped.clear();
                    // The rest of the closing tag is skipped as a tag.
                    self.in_tag = true;
                    self.tag.clear();
                    self.tag.push_str("</x");
                } else if self.raw_buf.len() > 64 {
                    // The last 16 bytes or a little more: a cut inside a character (a
                    // dash, an arrow in the skipped text) would panic.
                    let mut at = self.raw_buf.len() - 16;
                    while !self.raw_buf.is_char_boundary(at) {
                        at -= 1;
                    }
                    let keep = self.raw_buf.split_off(at);
                    self.raw_buf = keep;
                }
                text_start = i + c.len_utf8();
                continue;
            }
            if self.in_tag {
                self.tag.push(c);
                match (self.quote, c) {
                    (Some(q), c) if c == q => self.quote = None,
                    (Some(_), _) => {}
                    (None, '"' | '\'') if self.tag.contains('=') => self.quote = Some(c),
                    (None, '>') => {
                        self.in_tag = false;
                        let tag = std::mem::take(&mut self.tag);
                        self.handle_tag(&tag, w);
                        text_start = i + 1;
                    }
                    _ => {}
                }
                if self.tag == "<!--" {
                    self.in_tag = false;
                    self.in_comment = true;
                    self.tag.clear();
                    self.tag.push_str("<!-");
                }
                continue;
            }
            if c == '<' {
                let next = iter.peek().map(|&(_, n)| n);
                if next.is_none_or(|n| {
                    n.is_ascii_alphabetic() || n == '/' || n == '!' || n == '?' || n == '>'
                }) {
                    emit_text(&frag[text_start..i], w);
                    self.in_tag = true;
                    self.quote = None;
                    self.tag.clear();
                    self.tag.push('<');
                    text_start = i + 1;
                }
            }
        }
        if !self.in_tag && !self.in_comment && self.raw_until.is_none() && text_start < frag.len() {
            emit_text(&frag[text_start..], w);
        }
        // A runaway "tag" (a lone '<' in text) is given back as text.
        if self.in_tag && self.tag.len() > 4096 {
            let t = std::mem::take(&mut self.tag);
            self.in_tag = false;
            emit_text(&t, w);
        }
    }

    fn handle_tag(&mut self, tag: &str, w: &mut BlockWriter) {
        let inner = tag.trim_start_matches('<').trim_end_matches('>');
        let closing = inner.starts_with('/');
        let inner = inner.trim_start_matches('/');
        let name_end = inner
            .find(|c: char| {
                !(c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == ':' || c == '_')
            })
            .unwrap_or(inner.len());
        let name = inner[..name_end].to_ascii_lowercase();
        if name.is_empty() {
            return;
        }
        if !closing && matches!(name.as_str(), "script" | "style" | "template" | "svg") {
            let self_closing = inner.trim_end().ends_with('/');
            if !self_closing {
                self.skipped.clear();
                self.raw_until = Some(match name.as_str() {
                    "script" => "</script",
                    "style" => "</style",
                    "template" => "</template",
                    _ => "</svg",
                });
            }
            return;
        }
        if closing {
            w.end_element(&name);
        } else {
            w.start_element(&name);
            if inner.trim_end().ends_with('/') {
                w.end_element(&name);
            }
        }
    }
}

/// Writes HTML text with entities decoded.
fn emit_text(s: &str, w: &mut BlockWriter) {
    if !s.contains('&') {
        w.text(s);
        return;
    }
    w.text(&decode_entities(s));
}

/// Decodes HTML character references (numeric, and the named ones common in
/// German and English legal text); unknown ones are kept as written.
pub(crate) fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after
            .char_indices()
            .take(33)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = semi.and_then(|semi| decode_entity(&after[..semi]).map(|d| (d, semi)));
        match decoded {
            Some((d, semi)) => {
                out.push_str(&d);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_entity(name: &str) -> Option<String> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        return Some(char::from_u32(code).unwrap_or('\u{FFFD}').to_string());
    }
    let s = match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{A0}",
        "shy" => "\u{AD}",
        "auml" => "ä",
        "ouml" => "ö",
        "uuml" => "ü",
        "Auml" => "Ä",
        "Ouml" => "Ö",
        "Uuml" => "Ü",
        "szlig" => "ß",
        "eacute" => "é",
        "egrave" => "è",
        "aacute" => "á",
        "agrave" => "à",
        "ccedil" => "ç",
        "euro" => "€",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "sect" => "§",
        "para" => "¶",
        "middot" => "·",
        "bull" => "•",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "laquo" => "«",
        "raquo" => "»",
        "bdquo" => "„",
        "ldquo" => "“",
        "rdquo" => "”",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "zwsp" | "ZeroWidthSpace" => "\u{200B}",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "thinsp" => "\u{2009}",
        _ => return None,
    };
    Some(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(html: &str) -> (String, Vec<String>) {
        let raw = extract(html.as_bytes(), &Limits::default()).expect("html extracts");
        (raw.pages.join(""), raw.warnings)
    }

    const BOILERPLATE_PAGE: &str = r#"<!DOCTYPE html>
<html><head><title>TITLE-SECRET</title><style>.x{color:red}</style>
<script>var secret = "SCRIPT-SECRET";</script></head>
<body>
<header class="site-header"><a href="/">HEADER-SECRET</a></header>
<nav><ul><li>NAV-SECRET</li></ul></nav>
<div id="cookie-banner" class="cc-window">COOKIE-SECRET <button>Akzeptieren</button></div>
<div class="breadcrumb">BREADCRUMB-SECRET</div>
<main>
  <article>
    <header><h1>Datenschutzerklärung</h1></header>
    <p>Verantwortlich ist die <b>Muster GmbH</b>,
       Musterstraße&nbsp;1.</p>
    <address>Muster GmbH<br>Musterstraße 1<br/>10115 Berlin</address>
    <table><tr><th>Anbieter</th><th>Sitz</th></tr><tr><td>HelpScout Inc.</td><td>USA</td></tr></table>
    <ul><li>Erstens</li><li>Zweitens</li></ul>
    <noscript>NOSCRIPT-SECRET</noscript>
    <div hidden>HIDDEN-SECRET</div>
    <template><p>TEMPLATE-SECRET</p></template>
    <svg><text>SVG-SECRET</text></svg>
  </article>
  <section id="comments" class="comments-area"><h2>COMMENTS-SECRET</h2></section>
  <aside class="sidebar">SIDEBAR-SECRET</aside>
  <form><input value="FORM-SECRET"><button>BUTTON-SECRET</button></form>
</main>
<div role="navigation">ROLE-NAV-SECRET</div>
<footer role="contentinfo">FOOTER-SECRET Impressum</footer>
<script>SCRIPT2-SECRET</script>
</body></html>"#;

    /// Deleted text (`del`) and text marked as no longer accurate (`s`, `strike`) is no
    /// text of the document: a former sub-processor's struck-through row.
    #[test]
    fn drops_deleted_and_struck_text() {
        let page = "<table><tr><td>Twilio Inc.</td><td>USA</td></tr>\
            <tr><td><del>Atlassian Pty Ltd</del></td><td><s>Australien</s> entfallen</td></tr></table>\
            <p>Früher: <strike>Privacy Shield</strike>.</p>";
        let (text, _) = text_of(page);
        assert!(!text.contains("Atlassian"), "{text}");
        assert!(!text.contains("Australien"), "{text}");
        assert!(!text.contains("Privacy Shield"), "{text}");
        assert!(text.contains("Twilio Inc. | USA"), "{text}");
        assert!(text.contains("entfallen"), "{text}");
    }

    /// A site footer's legal notice is kept after the main content: all of one titled
    /// "Impressum", else only the parts of a copyright or register line that name the
    /// publisher; links, payment methods and social networks stay out.
    #[test]
    fn keeps_the_legal_notice_of_a_site_footer() {
        let page = |footer: &str| {
            format!(
                "<body><header>KLARSICHT</header><main><h1>Datenschutzerklärung</h1>\
                 <p>Die Angaben finden Sie im Impressum.</p></main>{footer}</body>"
            )
        };
        let (text, _) = text_of(&page(
            "<footer><nav><a href=\"/agb\">AGB</a></nav><h2>Impressum</h2>\
             <p>Klarsicht Optik Versand GmbH &amp; Co. KG<br>Speicherstraße 31<br>28217 \
             Bremen</p></footer>",
        ));
        assert_eq!(
            text,
            "Datenschutzerklärung\n\nDie Angaben finden Sie im Impressum.\n\nImpressum\n\n\
             Klarsicht Optik Versand GmbH & Co. KG\nSpeicherstraße 31\n28217 Bremen"
        );
        let (text, _) = text_of(&page(
            "<footer><p>© 2024 Gartenglück Versand · Filialen in Köln und Wien · \
             Zahlungsarten: PayPal, Stripe</p><p>Folgen Sie uns: <a href=\"#\">Instagram</a>\
             </p><p>Pulsbyte AB is registered in Sweden (556677-8899) | Terms</p></footer>",
        ));
        assert!(
            text.ends_with(
                "im Impressum.\n\n© 2024 Gartenglück Versand\nPulsbyte AB is registered in \
                 Sweden (556677-8899)"
            ),
            "{text}"
        );
        // A footer of links only.
        let (text, _) = text_of(&page(
            "<footer><a href=\"/impressum\">Impressum</a></footer>",
        ));
        assert!(text.ends_with("im Impressum."), "{text}");
    }

    #[test]
    fn drops_boilerplate_and_keeps_structure() {
        let (text, warnings) = text_of(BOILERPLATE_PAGE);
        assert!(!text.contains("SECRET"), "boilerplate leaked into:\n{text}");
        assert!(!text.contains("Akzeptieren"), "{text}");
        assert!(warnings.is_empty(), "{warnings:?}");
        let want = "Datenschutzerklärung\n\nVerantwortlich ist die Muster GmbH, Musterstraße\u{A0}1.\n\n\
                    Muster GmbH\nMusterstraße 1\n10115 Berlin\n\nAnbieter | Sitz\nHelpScout Inc. | USA\n\n- Erstens\n- Zweitens";
        assert_eq!(text, want);
    }

    #[test]
    fn block_structure_cases() {
        let cases: &[(&str, &str, &str)] = &[
            ("paragraphs", "<p>a</p><p>b</p>", "a\n\nb"),
            ("divs are lines", "<div>a</div><div>b</div>", "a\nb"),
            ("br", "a<br>b<br/>c", "a\nb\nc"),
            ("inline flows", "<p>a <b>b</b><i>c</i> d</p>", "a bc d"),
            ("whitespace collapses", "<p>a \n\t  b</p>", "a b"),
            ("pre keeps lines", "<pre>a  b\nc</pre>", "a  b\nc"),
            // A definition follows its term as a labelled field ("Sitz: Zug"), a second
            // definition or one after two terms on a line of its own.
            (
                "dl",
                "<dl><dt>Name</dt><dd>Muster</dd><dt>Sitz:</dt><dd>Zug</dd>\
                 <dt>A</dt><dt>B</dt><dd>c</dd><dd>d</dd></dl>",
                "Name: Muster\nSitz: Zug\nA\nB: c\nd",
            ),
            ("headings", "<h2>Titel</h2>Text", "Titel\n\nText"),
            (
                "unordered items start with a dash, ordered ones do not, nested ones are indented",
                "<p>Liste:</p><ul><li>a<ul><li>b</li></ul></li><li></li><li><p>c</p></li></ul>\
                 <ol><li>d</li></ol><li>e</li>",
                "Liste:\n\n- a\n  - b\n\n- c\n\nd\n\n- e",
            ),
            (
                "table row cells",
                "<table><tr><td>a</td><td></td><td>c</td></tr></table>",
                "a | c",
            ),
            (
                "entities",
                "<p>M&uuml;ller &amp; S&ouml;hne &#x20AC; &#8364;</p>",
                "Müller & Söhne € €",
            ),
            (
                "empty blocks leave nothing",
                "<p></p><div> </div><p>x</p>",
                "x",
            ),
            ("comment dropped", "<p>a<!-- COMMENT -->b</p>", "ab"),
            ("blockquote", "<p>a</p><blockquote>b</blockquote>", "a\n\nb"),
            (
                "display none",
                r#"<p>a</p><div style="display: none">x</div>"#,
                "a",
            ),
        ];
        for (name, body, want) in cases {
            let (text, _) = text_of(&format!("<html><body>{body}</body></html>"));
            assert_eq!(text, *want, "case {name}");
        }
    }

    #[test]
    fn main_with_little_text_falls_back_to_body() {
        let long = "Diese Datenschutzerklärung gilt für alle Dienste. ".repeat(20);
        let html = format!(
            "<body><main><p>Kurz.</p></main><div class='content'><p>{long}</p></div></body>"
        );
        let (text, _) = text_of(&html);
        assert!(text.contains("Kurz."));
        assert!(text.contains("gilt für alle Dienste"));
    }

    #[test]
    fn main_is_preferred_when_it_holds_the_text() {
        let long = "Wir verarbeiten Ihre Daten. ".repeat(20);
        let html =
            format!("<body><div class='promo'>Werbung</div><main><p>{long}</p></main></body>");
        let (text, _) = text_of(&html);
        assert!(!text.contains("Werbung"));
        assert!(text.starts_with("Wir verarbeiten"));
    }

    #[test]
    fn a_short_cookie_table_is_kept() {
        let html = "<body><main><h1>Privacy Policy</h1><p>We use cookies.</p>\
            <div class='cookie-table-wrap'><table class='cookie-table'><tr><th>Cookie</th><th>Provider</th></tr>\
            <tr class='cookie-row'><td>_hjSession_*</td><td>Hotjar Ltd</td></tr></table></div>\
            <div class='cookie-notice'>We use cookies <button>OK</button></div>\
            <div class='consent-box'>Accept all cookies?</div></main></body>";
        let text = html_to_text(html, &Limits::default(), &mut Vec::new());
        assert!(text.contains("_hjSession_* | Hotjar Ltd"), "{text}");
        assert!(!text.contains("Accept all"), "{text}");
        assert!(!text.contains("OK"), "{text}");
    }

    #[test]
    fn long_cookie_section_is_kept() {
        let long = "Wir setzen Cookies zur Reichweitenmessung ein. ".repeat(60);
        let html = format!("<body><main><h1>Datenschutz</h1><section id='cookies'><p>{long}</p></section></main></body>");
        let (text, _) = text_of(&html);
        assert!(text.contains("Reichweitenmessung"));
    }

    #[test]
    fn wrapping_form_with_content_is_kept() {
        let html = "<body><form id='aspnetForm'><div class='has-sidebar'><h1>Datenschutz</h1><p>Inhalt</p></div></form></body>";
        let (text, _) = text_of(html);
        assert_eq!(text, "Datenschutz\n\nInhalt");
    }

    #[test]
    fn charset_from_meta_and_bom() {
        let mut latin1 =
            b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>Auftragsverarbeitung f"
                .to_vec();
        latin1.extend_from_slice(&[0xFC]);
        latin1.extend_from_slice(b"r M");
        latin1.extend_from_slice(&[0xFC]);
        latin1.extend_from_slice(b"ller</p></body></html>");
        let raw = extract(&latin1, &Limits::default()).expect("extracts");
        assert_eq!(raw.pages[0], "Auftragsverarbeitung für Müller");

        let mut http_equiv = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body>".to_vec();
        http_equiv.extend_from_slice(&[0x80, b' ', 0xE4]);
        let raw = extract(&http_equiv, &Limits::default()).expect("extracts");
        assert_eq!(raw.pages[0], "€ ä");

        let mut utf16 = vec![0xFF, 0xFE];
        for u in "<p>Grüße</p>".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let raw = extract(&utf16, &Limits::default()).expect("extracts");
        assert_eq!(raw.pages[0], "Grüße");

        // No label, not UTF-8: guessed.
        let mut guessed = b"<p>Die Auftragsverarbeitung f".to_vec();
        guessed.extend_from_slice(&[0xFC]);
        guessed.extend_from_slice(b"r die M");
        guessed.extend_from_slice(&[0xFC]);
        guessed.extend_from_slice(b"ller GmbH erfolgt gem");
        guessed.extend_from_slice(&[0xE4]);
        guessed.extend_from_slice(b"\xdf Vertrag.</p>");
        let raw = extract(&guessed, &Limits::default()).expect("extracts");
        assert_eq!(
            raw.pages[0],
            "Die Auftragsverarbeitung für die Müller GmbH erfolgt gemäß Vertrag."
        );
    }

    #[test]
    fn depth_cap_warns_and_skips() {
        let limits = Limits {
            max_nesting: 10,
            ..Limits::default()
        };
        let html = format!(
            "<body><p>oben</p>{}tief{}</body>",
            "<div>".repeat(30),
            "</div>".repeat(30)
        );
        let raw = extract(html.as_bytes(), &limits).expect("extracts");
        assert_eq!(raw.pages[0], "oben");
        assert_eq!(raw.warnings.len(), 1, "{:?}", raw.warnings);
        assert!(raw.warnings[0].contains("nested deeper than 10"));
    }

    #[test]
    fn very_deep_nesting_does_not_crash() {
        let depth = 100_000;
        let html = format!(
            "<html><body><p>Anfang</p>{}Kern{}<p>Ende</p></body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let start = std::time::Instant::now();
        let raw = extract(html.as_bytes(), &Limits::default()).expect("extracts");
        let text = &raw.pages[0];
        assert!(text.starts_with("Anfang"), "{text}");
        assert!(!text.contains("Kern"));
        assert!(!raw.warnings.is_empty());
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "took {:?}",
            start.elapsed()
        );
    }

    #[test]
    fn flatten_deep_tags_cases() {
        let cases: &[(&str, usize, Option<&str>)] = &[
            ("<div><div>a</div></div>", 5, None),
            (
                "<div><div><div>a</div></div></div>",
                2,
                Some("<div><div>a</div></div>"),
            ),
            ("<div><p><p><p><div><br><br>a</div></div>", 2, None),
            (
                "<div><div><img/><div>a</div></div></div>",
                2,
                Some("<div><div><img/>a</div></div>"),
            ),
            (
                "<div><div><script>'<div><div><div>'</script><div>a</div></div></div>",
                2,
                Some("<div><div><script>'<div><div><div>'</script>a</div></div>"),
            ),
            (
                "<div><div><!-- <div><div> --><div title='>'>a</div></div></div>",
                2,
                Some("<div><div><!-- <div><div> -->a</div></div>"),
            ),
        ];
        for (src, cap, want) in cases {
            assert_eq!(flatten_deep_tags(src, *cap).as_deref(), *want, "{src}");
        }
    }

    #[test]
    fn one_megabyte_is_fast() {
        let para = "<div class='row'><p>Wir verarbeiten personenbezogene Daten gemäß Art. 6 DSGVO.</p><ul><li>a</li><li>b</li></ul></div>\n";
        let html = format!(
            "<html><body><main>{}</main></body></html>",
            para.repeat(1_000_000 / para.len())
        );
        let start = std::time::Instant::now();
        let raw = extract(html.as_bytes(), &Limits::default()).expect("extracts");
        assert!(raw.pages[0].len() > 500_000);
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "took {:?}",
            start.elapsed()
        );
    }

    #[test]
    fn tag_stripper_cases() {
        let cases: &[(&[&str], &str)] = &[
            (
                &["<address>Alt-Moabit 140<br/>10557 Berlin</address>"],
                "Alt-Moabit 140\n10557 Berlin",
            ),
            (
                &["<Hero level=\"sub\">", "  <h1>Titel</h1>", "</Hero>"],
                "Titel",
            ),
            (
                &[
                    "<table><tr><td>a</td>",
                    "<td\n style=\"x>y\">b</td></tr>",
                    "<tr><td>c</td><td>d</td></tr></table>",
                ],
                "a | b\nc | d",
            ),
            (&["a<!-- x", " y -->b"], "ab"),
            (&["<script>if (a<b) {}</script>c"], "c"),
            (&["x < y &amp; z"], "x < y & z"),
            (
                &["<p>M&uuml;ller &unknown; &#228;</p>"],
                "Müller &unknown; ä",
            ),
        ];
        for (frags, want) in cases {
            let mut w = BlockWriter::default();
            let mut s = TagStripper::default();
            for f in *frags {
                s.feed(f, &mut w);
            }
            assert_eq!(w.finish(), *want, "fragments {frags:?}");
        }
    }

    #[test]
    fn realworld_files_when_present() {
        let files = [
            (concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/realworld/cwa-app-android/Corona-Warn-App/src/main/assets/privacy_de.html"), "Datenschutz"),
            (concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/realworld/mozilla-legal-docs/de/html/mozilla_accounts_privacy_notice.html"), "Mozilla"),
        ];
        for (path, needle) in files {
            let Ok(bytes) = std::fs::read(path) else {
                continue;
            };
            let raw = extract(&bytes, &Limits::default()).expect("real-world HTML extracts");
            assert!(raw.pages[0].contains(needle), "{path}");
            assert!(!raw.pages[0].contains("<script"), "{path}");
        }
    }
}

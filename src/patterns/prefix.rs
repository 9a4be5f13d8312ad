//! Required prefixes of a rule's regex, read off its syntax tree.
//!
//! [`required_prefixes`] returns a finite set of lower-case strings such that every match
//! of the regex, lower-cased with [`lower_preserving`], starts with one of them, or `None`
//! when no such useful set is known. The matcher looks for these prefixes in the same
//! Aho-Corasick pass as the keywords and runs the rule's regex anchored at each occurrence
//! instead of scanning whole windows (see `matchers::rules`).
//!
//! The analysis is conservative: whatever it does not understand (`.`, `\d`, `\s`, `\w`,
//! Unicode classes, negated or large classes, byte escapes) ends the prefix there ("more
//! may follow"); an alternation with such a branch, or a possibly empty prefix, gives
//! `None`. A set that is too large is cut to shorter prefixes,
//! which are still prefixes of every match.
//!
//! Why lower case is sound: [`lower_preserving`] maps each char on its own (white space
//! to a space), so if the text matches a literal `l` at `s`, the lower-cased text has
//! `lower_preserving(l)` at `s`.
//! Under `(?i)` a char stands for its simple case variants, each lower-cased the same way
//! ('s' gives "s" and "ſ", 'ß' gives "ß" and "ẞ").
//!
//! [`lower_preserving`]: crate::matchers::text::lower_preserving

use regex_syntax::ast::{
    Ast, ClassSet, ClassSetItem, Flag, Flags, GroupKind, RepetitionKind, RepetitionRange,
};
use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};

use crate::matchers::text::{fold_ascii, lower_preserving};

/// Shortest prefix, in bytes. Even one-byte prefixes ("(" before a defined term) are kept:
/// whether anchored searches pay off is decided per document from how often they occur
/// (`matchers::rules::Strategy`).
pub const MIN_PREFIX_BYTES: usize = 1;

/// Longest prefix kept, in bytes (longer ones are cut at a char boundary: still prefixes).
/// Longer prefixes would hardly save anchored searches but grow the keyword automaton
/// (12 bytes: 2.3 MiB, 6 bytes: 1.8 MiB, 850 and 729 patterns).
pub const MAX_PREFIX_BYTES: usize = 6;

/// Most prefixes of one rule; a larger set is cut to shorter prefixes first.
pub const MAX_PREFIXES: usize = 256;

/// Most chars a class may have to be enumerated.
const MAX_CLASS_CHARS: usize = 12;

/// One candidate prefix: the string, and whether the whole match may end right after it
/// (`exact`; then what follows in a concatenation is appended).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Lit {
    s: String,
    exact: bool,
}

/// A set of prefixes; `None` means unknown (any string may start a match).
type Seq = Option<Vec<Lit>>;

/// The required lower-case prefixes of `ast` (see the module docs); `None` when unknown
/// or when one would be shorter than [`MIN_PREFIX_BYTES`].
pub fn required_prefixes(ast: &Ast) -> Option<Vec<String>> {
    let seq = walk(ast, &mut false)?;
    let mut out: Vec<String> = seq
        .into_iter()
        .map(|l| cut(&l.s, MAX_PREFIX_BYTES).to_string())
        .collect();
    if out.is_empty() || out.iter().any(|s| s.len() < MIN_PREFIX_BYTES) {
        return None;
    }
    out.sort();
    out.dedup();
    // "abc" covers "abcd": keep only prefixes no other one is a prefix of.
    let mut kept: Vec<String> = Vec::with_capacity(out.len());
    for s in out {
        if !kept.iter().any(|k| s.starts_with(k.as_str())) {
            kept.push(s);
        }
    }
    Some(kept)
}

/// `s` cut to at most `max` bytes at a char boundary.
fn cut(s: &str, max: usize) -> &str {
    let mut n = max.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

/// The prefixes of `ast` with `(?i)` given by `ci` (a flag group without a body updates
/// `ci` for the rest of the enclosing concatenation).
fn walk(ast: &Ast, ci: &mut bool) -> Seq {
    match ast {
        Ast::Empty(_) | Ast::Assertion(_) => Some(vec![empty()]),
        Ast::Flags(f) => {
            apply_flags(&f.flags, ci);
            Some(vec![empty()])
        }
        Ast::Literal(l) => {
            if l.byte().is_some() {
                return None;
            }
            Some(chars(&[l.c], *ci).into_iter().map(exact).collect())
        }
        Ast::Dot(_) | Ast::ClassUnicode(_) | Ast::ClassPerl(_) => None,
        Ast::ClassBracketed(c) => {
            if c.negated {
                return None;
            }
            let mut cs = Vec::new();
            class_chars(&c.kind, &mut cs)?;
            Some(chars(&cs, *ci).into_iter().map(exact).collect())
        }
        Ast::Repetition(r) => {
            let inner = walk(&r.ast, &mut ci.clone());
            let (min, max) = match &r.op.kind {
                RepetitionKind::ZeroOrOne => (0, Some(1)),
                RepetitionKind::ZeroOrMore => (0, None),
                RepetitionKind::OneOrMore => (1, None),
                RepetitionKind::Range(RepetitionRange::Exactly(n)) => (*n, Some(*n)),
                RepetitionKind::Range(RepetitionRange::AtLeast(n)) => (*n, None),
                RepetitionKind::Range(RepetitionRange::Bounded(a, b)) => (*a, Some(*b)),
            };
            let mut v = inner?;
            if max != Some(1) {
                // Another repetition may follow.
                v.iter_mut().for_each(|l| l.exact = false);
            }
            if min == 0 {
                v.push(empty());
            }
            Some(v)
        }
        Ast::Group(g) => {
            let mut inner_ci = *ci;
            if let GroupKind::NonCapturing(flags) = &g.kind {
                apply_flags(flags, &mut inner_ci);
            }
            walk(&g.ast, &mut inner_ci)
        }
        Ast::Alternation(a) => {
            // Flags set in a branch hold for the later branches too (up to the end of the
            // group); `(?i)` is assumed from the first branch that may set it on (a
            // superset of the case variants is still complete).
            let mut out = Vec::new();
            for branch in &a.asts {
                let mut b = *ci;
                out.extend(walk(branch, &mut b)?);
                *ci |= b;
            }
            shrink(out)
        }
        Ast::Concat(c) => concat(&c.asts, ci),
    }
}

/// The prefixes of the concatenation of `items` (see [`walk`]).
fn concat(items: &[Ast], ci: &mut bool) -> Seq {
    // Flags set inside the concatenation hold for its later items (and, through `ci`, for
    // the rest of the enclosing group).
    let mut acc = vec![empty()];
    let mut done = false;
    for item in items {
        if done {
            // The prefix is complete; later flag items still matter to `ci`.
            if let Ast::Flags(f) = item {
                apply_flags(&f.flags, ci);
            }
            continue;
        }
        let next = walk(item, ci);
        acc = cross(acc, next)?;
        done = acc.iter().all(|l| !l.exact);
    }
    Some(acc)
}

/// Shortest string of a useful [`required_inner`] set, in bytes: shorter ones occur in
/// most sentences and would spare no search.
pub const MIN_INNER_BYTES: usize = 4;

/// A finite set of lower-case strings such that every match of `ast`, lower-cased with
/// [`lower_preserving`], contains one of them after its first item (the part its
/// required prefix comes from), or `None` when no set with strings of at least
/// [`MIN_INNER_BYTES`] is known.
///
/// Read off the syntax tree: a suffix of a concatenation matches inside every match, so
/// the prefixes of any suffix (`walk`) are contained in every match; so are the
/// contained strings of any of its items. An alternation needs one set per branch (their
/// union), a repetition at least one repeat. Of several sets, the one whose shortest
/// string is longest is kept (then the smaller one). The anchored search at a prefix
/// occurrence `at` can be skipped when none of these strings occurs in `at..window end`
/// (`matchers::rules`).
pub fn required_inner(ast: &Ast) -> Option<Vec<String>> {
    // Every set `inner` returns went through `useful`: sorted, without repeats.
    inner(ast, &mut false, true)
}

/// The contained strings of `ast` (see [`required_inner`]); with `skip_first`, only from
/// after its first item.
fn inner(ast: &Ast, ci: &mut bool, skip_first: bool) -> Option<Vec<String>> {
    match ast {
        Ast::Group(g) => {
            let mut inner_ci = *ci;
            if let GroupKind::NonCapturing(flags) = &g.kind {
                apply_flags(flags, &mut inner_ci);
            }
            inner(&g.ast, &mut inner_ci, skip_first)
        }
        Ast::Alternation(a) => {
            let mut out = Vec::new();
            for branch in &a.asts {
                let mut b = *ci;
                out.extend(inner(branch, &mut b, skip_first)?);
                *ci |= b;
            }
            useful(out)
        }
        Ast::Repetition(r) => {
            let min = match &r.op.kind {
                RepetitionKind::OneOrMore => 1,
                RepetitionKind::Range(RepetitionRange::Exactly(n))
                | RepetitionKind::Range(RepetitionRange::AtLeast(n))
                | RepetitionKind::Range(RepetitionRange::Bounded(n, _)) => *n,
                RepetitionKind::ZeroOrOne | RepetitionKind::ZeroOrMore => 0,
            };
            if min == 0 {
                return None;
            }
            inner(&r.ast, &mut ci.clone(), skip_first)
        }
        Ast::Concat(c) => {
            let items = &c.asts;
            // Each item's prefixes, once: every suffix below continues with them.
            let mut c = *ci;
            let walks: Vec<Seq> = items.iter().map(|a| walk(a, &mut c)).collect();
            // With `skip_first`: the first item that is not a fixed string (the items
            // before it spell the prefix word, whose own strings would spare nothing).
            let first = if skip_first {
                walks
                    .iter()
                    .position(|w| w.as_ref().is_none_or(|v| v.iter().any(|l| !l.exact)))
                    .unwrap_or(items.len())
            } else {
                0
            };
            let mut best: Option<Vec<String>> = None;
            let mut at = *ci;
            for (i, item) in items.iter().enumerate() {
                if !skip_first || i > first {
                    let seq = suffix_prefixes(&walks[i..]);
                    let seq = seq.and_then(|v| useful(v.into_iter().map(|l| l.s).collect()));
                    best = better(best, seq);
                }
                if !skip_first || i >= first {
                    best = better(best, inner(item, &mut at.clone(), skip_first && i == first));
                }
                // Only a flag item changes `(?i)` for the items after it (see `concat`);
                // walking the item for that would rebuild its prefixes at every level.
                if let Ast::Flags(f) = item {
                    apply_flags(&f.flags, &mut at);
                }
            }
            *ci = at;
            best
        }
        _ if skip_first => None,
        _ => walk(ast, ci).and_then(|v| useful(v.into_iter().map(|l| l.s).collect())),
    }
}

/// The prefixes of a concatenation from its items' prefixes `walks` (as [`concat`]).
fn suffix_prefixes(walks: &[Seq]) -> Seq {
    let mut acc = vec![empty()];
    for w in walks {
        acc = cross(acc, w.clone())?;
        if acc.iter().all(|l| !l.exact) {
            break;
        }
    }
    Some(acc)
}

/// `v` deduplicated when all its strings have at least [`MIN_INNER_BYTES`].
fn useful(mut v: Vec<String>) -> Option<Vec<String>> {
    if v.is_empty() || v.len() > MAX_PREFIXES || v.iter().any(|s| s.len() < MIN_INNER_BYTES) {
        return None;
    }
    v.sort();
    v.dedup();
    Some(v)
}

/// The better of two contained-string sets: the longer shortest string, then fewer strings.
fn better(a: Option<Vec<String>>, b: Option<Vec<String>>) -> Option<Vec<String>> {
    let key = |v: &Vec<String>| {
        let shortest = v.iter().map(String::len).min().unwrap_or(0);
        (shortest, std::cmp::Reverse(v.len()))
    };
    match (a, b) {
        (Some(a), Some(b)) => Some(if key(&b) > key(&a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

fn empty() -> Lit {
    Lit {
        s: String::new(),
        exact: true,
    }
}

fn exact(s: String) -> Lit {
    Lit { s, exact: true }
}

/// Applies `(?i)` / `(?-i)` of `flags` to `ci`.
fn apply_flags(flags: &Flags, ci: &mut bool) {
    if let Some(on) = flags.flag_state(Flag::CaseInsensitive) {
        *ci = on;
    }
}

/// The exact prefixes of `acc` continued by `next`; inexact ones stay as they are.
fn cross(acc: Vec<Lit>, next: Seq) -> Seq {
    let mut out = Vec::with_capacity(acc.len());
    for l in acc {
        if !l.exact {
            out.push(l);
            continue;
        }
        match &next {
            None => out.push(Lit {
                s: l.s,
                exact: false,
            }),
            Some(ns) => {
                for n in ns {
                    let s = format!("{}{}", l.s, n.s);
                    // Long enough: what follows would only be cut off again.
                    let long = s.len() >= MAX_PREFIX_BYTES;
                    out.push(Lit {
                        s: if long {
                            cut(&s, MAX_PREFIX_BYTES).to_string()
                        } else {
                            s
                        },
                        exact: n.exact && !long,
                    });
                }
            }
        }
        if out.len() > 4 * MAX_PREFIXES {
            out = shrink(out)?;
        }
    }
    shrink(out)
}

/// Deduplicates `v`; when it is larger than [`MAX_PREFIXES`], cuts the prefixes shorter
/// (inexact) until it fits, or gives up.
fn shrink(mut v: Vec<Lit>) -> Seq {
    v.sort();
    v.dedup();
    let mut len = MAX_PREFIX_BYTES;
    while v.len() > MAX_PREFIXES {
        if len < MIN_PREFIX_BYTES {
            return None;
        }
        v = v
            .into_iter()
            .map(|l| {
                if l.s.len() > len {
                    Lit {
                        s: cut(&l.s, len).to_string(),
                        exact: false,
                    }
                } else {
                    l
                }
            })
            .collect();
        v.sort();
        v.dedup();
        len -= 1;
    }
    Some(v)
}

/// Collects the chars of a class set; `None` when it is not a small union of chars.
fn class_chars(set: &ClassSet, out: &mut Vec<char>) -> Option<()> {
    let ClassSet::Item(item) = set else {
        return None;
    };
    item_chars(item, out)
}

fn item_chars(item: &ClassSetItem, out: &mut Vec<char>) -> Option<()> {
    match item {
        ClassSetItem::Empty(_) => {}
        ClassSetItem::Literal(l) => {
            if l.byte().is_some() {
                return None;
            }
            out.push(l.c);
        }
        ClassSetItem::Range(r) => {
            let (a, z) = (u32::from(r.start.c), u32::from(r.end.c));
            if r.start.byte().is_some() || r.end.byte().is_some() || z < a {
                return None;
            }
            if (z - a) as usize >= MAX_CLASS_CHARS {
                return None;
            }
            out.extend((a..=z).filter_map(char::from_u32));
        }
        ClassSetItem::Bracketed(b) => {
            if b.negated {
                return None;
            }
            class_chars(&b.kind, out)?;
        }
        ClassSetItem::Union(u) => {
            for i in &u.items {
                item_chars(i, out)?;
            }
        }
        ClassSetItem::Ascii(_) | ClassSetItem::Unicode(_) | ClassSetItem::Perl(_) => return None,
    }
    (out.len() <= MAX_CLASS_CHARS).then_some(())
}

/// The lower-cased strings that the chars `cs` (with their case variants under `(?i)`)
/// can show in the lower-cased text.
fn chars(cs: &[char], ci: bool) -> Vec<String> {
    if let [c] = cs {
        if c.is_ascii() {
            return ascii_chars(*c, ci);
        }
    }
    chars_by_class(cs, ci)
}

/// [`chars`] of one ASCII char, without building a class (loading runs this for every
/// char of every pattern): its lower case, and under `(?i)` the two non-ASCII chars that
/// fold to ASCII letters (KELVIN SIGN to 'k', LONG S to 's'), which the lower-cased text
/// keeps as they are.
fn ascii_chars(c: char, ci: bool) -> Vec<String> {
    let low = char::from(fold_ascii(c as u8));
    if !ci {
        return vec![low.to_string()];
    }
    match low {
        'k' => vec!["k".into(), "\u{212A}".into()],
        's' => vec!["s".into(), "\u{17F}".into()],
        _ => vec![low.to_string()],
    }
}

/// [`chars`] through a Unicode class and its simple case folding.
fn chars_by_class(cs: &[char], ci: bool) -> Vec<String> {
    let mut class = ClassUnicode::new(cs.iter().map(|&c| ClassUnicodeRange::new(c, c)));
    if ci {
        class.case_fold_simple();
    }
    let mut out: Vec<String> = class
        .iter()
        .flat_map(|r| r.start()..=r.end())
        .map(|c| lower_preserving(c.encode_utf8(&mut [0; 4])))
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefixes(pattern: &str) -> Option<Vec<String>> {
        let ast = regex_syntax::ast::parse::Parser::new()
            .parse(pattern)
            .expect("valid pattern");
        required_prefixes(&ast)
    }

    fn strs(v: &[&str]) -> Option<Vec<String>> {
        Some(v.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn literals_alternations_and_case() {
        assert_eq!(prefixes(r"(?i)\bAbc(?:de|f)"), strs(&["abcde", "abcf"]));
        assert_eq!(prefixes(r"(?-i:SCC)s?"), strs(&["scc"]));
        // Long s and the capital sharp s are case variants: they stay in the text.
        assert_eq!(prefixes(r"(?i)sie"), strs(&["sie", "ſie"]));
        assert_eq!(prefixes(r"(?i)aß"), strs(&["aß", "aẞ"]));
        // An optional part: with it or without it.
        assert_eq!(prefixes(r"(?:eu-)?daten"), strs(&["daten", "eu-dat"]));
        // A flag group without a body holds to the end of its concatenation only.
        assert_eq!(prefixes(r"(?:(?i)ab)CD"), strs(&["abcd"]));
        // … and for the later branches of its group.
        assert_eq!(prefixes(r"(?:a(?i)bc|DEF)"), strs(&["abc", "def"]));
        assert_eq!(
            prefixes(r"(?:a(?i)bc|SS)"),
            strs(&["abc", "ss", "sſ", "ſs", "ſſ"])
        );
        assert_eq!(prefixes(r#"[„"]Auf"#), strs(&["\"auf", "„auf"]));
    }

    #[test]
    fn unknown_parts_end_the_prefix() {
        // \s ends it: "data" may be followed by any space.
        assert_eq!(prefixes(r"(?x) data \s+ privacy"), strs(&["data"]));
        assert_eq!(prefixes(r"abc.def"), strs(&["abc"]));
        assert_eq!(prefixes(r"abc+d"), strs(&["abc"]));
        // "abc" already covers "abcd…".
        assert_eq!(prefixes(r"abc|abcd"), strs(&["abc"]));
    }

    #[test]
    fn no_useful_prefix() {
        for p in [
            r"\w+ abc",
            r"abc|\d+",
            r"(?:abc)?",
            r"(?:abc)?\s",
            r"[^a]bc",
            r"[a-z]bc",
            r"\p{Latin}bc",
            r"(?-u:\xFF)bc",
            r"(?:abc)*",
        ] {
            assert_eq!(prefixes(p), None, "{p}");
        }
    }

    fn inners(pattern: &str) -> Option<Vec<String>> {
        let ast = regex_syntax::ast::parse::Parser::new()
            .parse(pattern)
            .expect("valid pattern");
        required_inner(&ast)
    }

    #[test]
    fn contained_strings_after_the_prefix() {
        // After a gap: the words that must follow.
        assert_eq!(
            inners(r"(?i)\bsub\w*[^.;]{0,200}?(?:prior|general)\s+(?:consent|approval)"),
            strs(&["approv", "consen", "conſe"])
        );
        // One set per branch of an alternation.
        assert_eq!(
            inners(r"(?x)(?: abc \s+ \w+ \s+ defgh | xyz[^.]{0,9} uvwxy )"),
            strs(&["defgh", "uvwxy"])
        );
        // Case-sensitive parts are lower-cased like the text.
        assert_eq!(inners(r"in\s+(?:EWR|EEAX)\b"), None);
        assert_eq!(inners(r"in\s+(?:EUROP|EEAXX)\b"), strs(&["eeaxx", "europ"]));
        // A repetition counts when it must repeat at least once.
        assert_eq!(inners(r"ab\s(?:wxyz)+"), strs(&["wxyz"]));
        assert_eq!(inners(r"ab\s(?:wxyz)*"), None);
    }

    #[test]
    fn no_contained_strings() {
        for p in [
            // Only the prefix itself is known.
            r"\bunterauftrag\w*",
            r"abcdef",
            // A branch without one.
            r"(?x)(?: abc \s+ defgh | xyz \s+ \w+ )",
            // Too short to spare a search.
            r"abc\s+(?:in|im)\b",
        ] {
            assert_eq!(inners(p), None, "{p}");
        }
    }

    #[test]
    fn the_ascii_shortcut_is_the_class_fold() {
        for c in (0u8..0x80).map(char::from) {
            for ci in [false, true] {
                let mut want = chars_by_class(&[c], ci);
                let mut got = ascii_chars(c, ci);
                want.sort();
                got.sort();
                assert_eq!(got, want, "{c:?} ci={ci}");
            }
        }
    }

    #[test]
    fn large_sets_are_cut_shorter() {
        // 2^10 combinations of case in a case-sensitive class: cut to shorter prefixes.
        let p = "[aA][bB][cC][dD][eE][fF][gG][hH][iI][jJ]";
        assert_eq!(prefixes(p), strs(&["abcdef"]));
        let p = "(?:[ab][cd][ef][gh][ij][kl][mn][op][qr])";
        let got = prefixes(p).expect("cut, not given up");
        assert!(got.len() <= MAX_PREFIXES, "{}", got.len());
        assert!(got.iter().all(|s| s.len() >= MIN_PREFIX_BYTES));
    }
}

//! A rule's regex with its long gaps unbounded: a cheap first search.
//!
//! Rules that tie a subject to an object allow a gap between them, e.g. `[^.;]{0,200}?`.
//! A lazy DFA must count such a gap: it builds a state per position in it, and on real
//! documents those states are new from one document to the next (the DFA keeps building
//! them, and their transitions are not in the CPU caches). Unbounded, `[^.;]*?`, the gap
//! needs no counting and few states.
//!
//! [`relax`] turns every counted repetition `{m,n}` of one char (a class, `.` or a
//! literal) with `n >= `[`RELAX_MIN_REPEATS`] into `{m,}` of the same greediness, and
//! returns the smallest such `n` as `within`. The relaxed regex R* matches wherever the
//! rule's regex R does, and more; its paths are R's with the same priorities, plus
//! longer gaps. So, searching leftmost-first from the same start:
//! - no match of R* means no match of R;
//! - a match of R* at most `within` bytes long has no gap longer than `within` chars
//!   (each takes at least one byte), so it is a path of R, and R has none of higher
//!   priority (R* would have found it): it is R's match, groups included;
//! - a longer match of R* leaves R to be searched from where it starts (R has no match
//!   starting before it).
//!
//! `matchers::rules` searches this way; the equivalence test there compares it with the
//! rule's own regex over the corpus and the rules' examples.

use regex_syntax::ast::{Ast, RepetitionKind, RepetitionRange};

/// Counted repetitions of one char allowing at least this many repeats are relaxed;
/// shorter ones cost the DFA few states.
pub const RELAX_MIN_REPEATS: u32 = 32;

/// `ast` with its long counted repetitions of one char unbounded, and the fewest repeats
/// that one of them allowed; `None` when it has none.
pub fn relax(ast: &Ast) -> Option<(Ast, usize)> {
    let mut relaxed = ast.clone();
    let mut within: Option<u32> = None;
    walk(&mut relaxed, &mut within);
    Some((relaxed, usize::try_from(within?).ok()?))
}

/// The pattern `ast` as one pattern per alternative of its top alternation, in order, when
/// it is one: everything around the alternation is flags and non-capturing groups, so
/// `ast` matches exactly where one of the parts does, and a multi-pattern regex over the
/// parts (leftmost-first, earlier patterns preferred) finds the same matches as `ast`
/// (preferring earlier alternatives). Each part is `ast` with the alternation replaced by
/// one alternative, so the flags and groups around it stay. `None` when there is no such
/// alternation, or when flags stand directly in an alternative (`a (?i) | b`: they would
/// reach into the alternatives after it).
///
/// Split, a relaxed regex tells by the pattern that matched which bound applies
/// ([`relax`] per part): "within 80 bytes" for a rule whose first alternative allows a gap
/// of 260 and its second one of 80 no longer sends every match of the first that is longer
/// than 80 bytes to the rule's own regex.
pub fn alternatives(ast: &Ast) -> Option<Vec<Ast>> {
    let n = top_alternation(ast)?.asts.len();
    let parts = (0..n)
        .map(|i| {
            let mut part = ast.clone();
            let alt = top_alternation_mut(&mut part).expect("same shape as `ast`");
            let one = alt.asts.swap_remove(i);
            replace_alternation(&mut part, one);
            part
        })
        .collect();
    Some(parts)
}

/// The alternation reached from the root through concatenations of it with flags or empty
/// items and through non-capturing groups, if its alternatives have no flags items.
fn top_alternation(ast: &Ast) -> Option<&regex_syntax::ast::Alternation> {
    match ast {
        Ast::Alternation(a) => {
            let flags_inside = |b: &Ast| match b {
                Ast::Flags(_) => true,
                Ast::Concat(c) => c.asts.iter().any(|x| matches!(x, Ast::Flags(_))),
                _ => false,
            };
            (!a.asts.iter().any(flags_inside)).then_some(&**a)
        }
        Ast::Group(g) if matches!(g.kind, regex_syntax::ast::GroupKind::NonCapturing(_)) => {
            top_alternation(&g.ast)
        }
        Ast::Concat(c) => {
            let mut rest = c
                .asts
                .iter()
                .filter(|x| !matches!(x, Ast::Flags(_) | Ast::Empty(_)));
            let only = rest.next()?;
            rest.next().is_none().then_some(())?;
            top_alternation(only)
        }
        _ => None,
    }
}

/// [`top_alternation`], mutable.
fn top_alternation_mut(ast: &mut Ast) -> Option<&mut regex_syntax::ast::Alternation> {
    top_alternation(ast)?;
    match ast {
        Ast::Alternation(a) => Some(a),
        Ast::Group(g) => top_alternation_mut(&mut g.ast),
        Ast::Concat(c) => c
            .asts
            .iter_mut()
            .find(|x| !matches!(x, Ast::Flags(_) | Ast::Empty(_)))
            .and_then(top_alternation_mut),
        _ => None,
    }
}

/// Puts `one` where the top alternation of `ast` is.
fn replace_alternation(ast: &mut Ast, one: Ast) {
    match ast {
        Ast::Alternation(_) => *ast = one,
        Ast::Group(g) => replace_alternation(&mut g.ast, one),
        Ast::Concat(c) => {
            if let Some(x) = c
                .asts
                .iter_mut()
                .find(|x| !matches!(x, Ast::Flags(_) | Ast::Empty(_)))
            {
                replace_alternation(x, one);
            }
        }
        _ => {}
    }
}

/// Relaxes the repetitions in `ast`, keeping the smallest bound in `within`.
fn walk(ast: &mut Ast, within: &mut Option<u32>) {
    match ast {
        Ast::Repetition(r) => {
            let one_char = matches!(
                *r.ast,
                Ast::ClassBracketed(_)
                    | Ast::ClassPerl(_)
                    | Ast::ClassUnicode(_)
                    | Ast::Dot(_)
                    | Ast::Literal(_)
            );
            if let RepetitionKind::Range(RepetitionRange::Bounded(m, n)) = r.op.kind {
                if one_char && n >= RELAX_MIN_REPEATS {
                    r.op.kind = RepetitionKind::Range(RepetitionRange::AtLeast(m));
                    *within = Some(within.map_or(n, |w| w.min(n)));
                    return;
                }
            }
            walk(&mut r.ast, within);
        }
        Ast::Group(g) => walk(&mut g.ast, within),
        Ast::Alternation(a) => a.asts.iter_mut().for_each(|b| walk(b, within)),
        Ast::Concat(c) => c.asts.iter_mut().for_each(|b| walk(b, within)),
        Ast::Empty(_)
        | Ast::Flags(_)
        | Ast::Literal(_)
        | Ast::Dot(_)
        | Ast::Assertion(_)
        | Ast::ClassUnicode(_)
        | Ast::ClassPerl(_)
        | Ast::ClassBracketed(_) => {}
    }
}

/// The pattern of `ast`.
pub fn print(ast: &Ast) -> String {
    let mut out = String::new();
    regex_syntax::ast::print::Printer::new()
        .print(ast, &mut out)
        .expect("writing to a String cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relaxed(pattern: &str) -> Option<(String, usize)> {
        let ast = regex_syntax::ast::parse::Parser::new()
            .parse(pattern)
            .unwrap();
        relax(&ast).map(|(a, n)| (print(&a), n))
    }

    #[test]
    fn long_gaps_of_one_char_are_unbounded() {
        assert_eq!(
            relaxed(r"(?x) a [^.;]{0,200}? b [^.]{3,80} c"),
            Some((r"(?x)a[^.;]{0,}?b[^.]{3,}c".to_string(), 80))
        );
        assert_eq!(
            relaxed(r"(?:x.{0,40})+"),
            Some((r"(?:x.{0,})+".to_string(), 40))
        );
    }

    fn parts(pattern: &str) -> Option<Vec<String>> {
        let ast = regex_syntax::ast::parse::Parser::new()
            .parse(pattern)
            .unwrap();
        alternatives(&ast).map(|v| v.iter().map(print).collect())
    }

    #[test]
    fn a_top_alternation_splits_into_its_alternatives_with_their_flags() {
        assert_eq!(
            parts(r"(?xi) (?: a [^.]{0,260}? b | c [^.]{0,80}? d )"),
            Some(vec![
                r"(?xi)(?:a[^.]{0,260}?b)".to_string(),
                r"(?xi)(?:c[^.]{0,80}?d)".to_string()
            ])
        );
        // Flags inside a nested group stay in their alternative.
        assert_eq!(
            parts(r"(?i:a|b(?i)c)|d"),
            Some(vec![r"(?i:a|b(?i)c)".to_string(), "d".to_string()])
        );
        // Not an alternation of the whole pattern, or flags inside an alternative.
        assert_eq!(parts(r"x (?: a | b )"), None);
        assert_eq!(parts(r"(?P<hit> a | b )"), None);
        assert_eq!(parts(r"a (?i) b | c"), None);
        assert_eq!(parts(r"abc"), None);
    }

    #[test]
    fn short_gaps_and_repeated_groups_are_kept() {
        // A short gap costs few states; a group may match empty, so its repeats are not
        // bounded by the match length.
        assert_eq!(relaxed(r"a [^.]{0,31} b"), None);
        assert_eq!(relaxed(r"a (?:\S+\s+){0,40}? b"), None);
        assert_eq!(relaxed(r"a \s+ b"), None);
    }
}

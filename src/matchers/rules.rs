//! Regex rules with the keyword prefilter.
//!
//! One overlapping Aho-Corasick pass over the lower-cased text finds every keyword; each
//! occurrence opens a window for the rules it belongs to: the keyword's sentence (at most
//! ±[`KEYWORD_WINDOW`] bytes); overlapping windows merge. A match must therefore lie in
//! the sentence of one of the rule's keywords (rules are written sentence-local). A rule's regex searches only its windows, with the
//! surrounding text visible to look-around (`\b`), so a match is the same as in a
//! whole-text search as long as it lies within a window. Rules without keywords search
//! the whole text.

use regex_automata::Input;
use serde_json::Value;

use super::{cues, text, Hit, Scan};
use crate::findings::FindingKind;
use crate::patterns::compile::{resolve_place, CompiledRule, KEYWORD_WINDOW};

/// Appends the hits of all regex rules.
pub fn find_rule_hits(scan: &Scan, hits: &mut Vec<Hit>) {
    let rules = scan.rules;
    let len = scan.text.len();
    let mut windows: Vec<Vec<(usize, usize)>> = vec![Vec::new(); rules.rules.len()];
    for &i in &rules.always {
        windows[i].push((0, len));
    }
    if let Some(ac) = &rules.keywords {
        // Keyword hits come in text order, so the last window is reused for hits inside
        // it, but only when the hit keeps its full reach inside that window (otherwise a
        // match running past the window's end would be lost).
        let mut last: Option<(usize, usize)> = None;
        for m in ac.find_overlapping_iter(scan.low.as_str()) {
            let w = match last {
                Some((a, z)) if a + MIN_REACH <= m.start() && m.end() + MIN_REACH <= z => (a, z),
                _ => {
                    let w = keyword_window(scan, m.start(), m.end());
                    last = Some(w);
                    w
                }
            };
            for &ri in &rules.keyword_rules[m.pattern().as_usize()] {
                let ws = &mut windows[ri];
                match ws.last_mut() {
                    Some(last) if last.1 >= w.0 => last.1 = last.1.max(w.1),
                    _ => ws.push(w),
                }
            }
        }
    }
    for (ri, ws) in windows.iter().enumerate() {
        let rule = &rules.rules[ri];
        let mut budget = Budget {
            left: super::cap_of(Some(rule)),
        };
        for &(a, z) in ws {
            let (a, z) = (
                text::floor_boundary(scan.text, a),
                text::ceil_boundary(scan.text, z),
            );
            search_window(scan, rule, a, z, hits, &mut budget);
            if budget.left == Some(0) {
                break;
            }
        }
    }
}

/// The window searched around a keyword at `start..end`: its sentence, but at least
/// [`MIN_REACH`] bytes on each side and at most [`KEYWORD_WINDOW`] bytes on each side.
fn keyword_window(scan: &Scan, start: usize, end: usize) -> (usize, usize) {
    let (a, z) = scan.sentence(start, end);
    let a = a
        .max(start.saturating_sub(KEYWORD_WINDOW))
        .min(start.saturating_sub(MIN_REACH));
    let z = z
        .min(end + KEYWORD_WINDOW)
        .max(end + MIN_REACH)
        .min(scan.text.len());
    (a, z)
}

/// Bytes searched on each side of a keyword even when the sentence ends sooner (short
/// headings next to each other, sentence detection misled by an abbreviation).
pub const MIN_REACH: usize = 40;

/// How many more counted hits a capped rule may produce (`None`: not capped). Negated
/// hits are not counted: a capped rule keeps searching until it has [`super::cap_of`]
/// hits that are not negated, so "present" and "present, not negated" stay as they were.
struct Budget {
    left: Option<usize>,
}

impl Budget {
    /// Records `h`; returns false when the budget is used up (stop searching).
    fn take(&mut self, h: &Hit) -> bool {
        if let Some(n) = &mut self.left {
            if h.value.get("negated") != Some(&Value::Bool(true)) {
                *n = n.saturating_sub(1);
            }
            return *n > 0;
        }
        true
    }
}

fn search_window(
    scan: &Scan,
    rule: &CompiledRule,
    a: usize,
    z: usize,
    hits: &mut Vec<Hit>,
    budget: &mut Budget,
) {
    let Some(re) = rule.regex() else {
        return;
    };
    let input = Input::new(scan.text).range(a..z);
    if re.hit_group.is_none() && re.place_group.is_none() {
        for m in re.regex.find_iter(input) {
            if m.start() < m.end() {
                if let Some(h) = make_hit(scan, rule, m.start(), m.end(), None) {
                    let go_on = budget.take(&h);
                    hits.push(h);
                    if !go_on {
                        return;
                    }
                }
            }
        }
        return;
    }
    for caps in re.regex.captures_iter(input) {
        let Some(whole) = caps.get_match() else {
            continue;
        };
        let span = re
            .hit_group
            .and_then(|g| caps.get_group(g))
            .unwrap_or(whole.span());
        if span.start >= span.end {
            continue;
        }
        let place = re
            .place_group
            .and_then(|g| caps.get_group(g))
            .map(|p| &scan.text[p.start..p.end]);
        if let Some(h) = make_hit(scan, rule, span.start, span.end, place) {
            let go_on = budget.take(&h);
            hits.push(h);
            if !go_on {
                return;
            }
        }
    }
}

/// Builds the hit of `rule` at `start..end`: value template, resolved place, cue flags and
/// kind-specific defaults. `None` when a `place` group does not name a known place.
fn make_hit(
    scan: &Scan,
    rule: &CompiledRule,
    start: usize,
    end: usize,
    place: Option<&str>,
) -> Option<Hit> {
    let mut value = rule.value.clone();
    if rule.regex().is_some_and(|re| re.place_group.is_some()) {
        let p = resolve_place(&scan.rules.places, place?)?;
        value.insert("city".into(), p.city.map_or(Value::Null, Value::String));
        value.insert(
            "country".into(),
            p.country.map_or(Value::Null, Value::String),
        );
        value.insert("region".into(), p.region.map_or(Value::Null, Value::String));
    }
    if rule.flags.negated || rule.flags.historical || rule.flags.hypothetical {
        let sent = scan.sentence(start, end);
        let f = cues::flags(
            &scan.low,
            start,
            end,
            sent,
            &scan.rules.cues,
            &rule.extra_cues,
        );
        if rule.flags.negated {
            value.insert("negated".into(), Value::Bool(f.negated));
        }
        if rule.flags.historical {
            value.insert("historical".into(), Value::Bool(f.historical));
        }
        if rule.flags.hypothetical {
            value.insert("hypothetical".into(), Value::Bool(f.hypothetical));
        }
    }
    match rule.kind {
        FindingKind::Transfer => super::transfer::complete(&mut value),
        FindingKind::Location => super::location::complete(&mut value),
        FindingKind::Clause => super::clause::complete(&rule.id, &mut value),
        FindingKind::Tracking => super::tracking::complete(&mut value),
        _ => {}
    }
    Some(Hit {
        kind: rule.kind,
        rule: rule.id.clone(),
        start,
        end,
        value,
    })
}

//! Checks (and repairs) run on the lopdf 0.47 document before pdf-extract sees a page.
//!
//! pdf-extract 0.12 loops forever on a `/Parent` cycle (inherited attribute
//! lookup), overflows the stack on a Form XObject that draws itself, and
//! panics on content streams nested too deeply. None of that can be caught
//! reliably, so such pages are found here first: either repaired in the
//! document (then pdf-extract reads a re-saved copy) or marked unsafe.

use std::collections::HashSet;

use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};

use super::lopdf_text::{deref, dict_at, MAX_PARENT_LINKS};

/// Deepest chain of Form XObjects / Type3 fonts accepted before a page counts as unsafe.
const MAX_RESOURCE_DEPTH: usize = 48;
/// Most resource edges visited per page before the page counts as unsafe.
const MAX_RESOURCE_EDGES: usize = 20_000;
/// Deepest array/dictionary nesting kept in a content stream by [`sanitize_content`].
pub(crate) const MAX_CONTENT_NESTING: usize = 32;

/// True when following `/Parent` from `page_id` comes back to a node already visited
/// (or does not end within [`MAX_PARENT_LINKS`] links).
pub(crate) fn has_parent_cycle(doc: &Document, page_id: ObjectId) -> bool {
    let mut seen = vec![page_id];
    let mut id = page_id;
    loop {
        let Ok(node) = doc.get_dictionary(id) else {
            return false;
        };
        let Ok(parent) = node.get(b"Parent").and_then(Object::as_reference) else {
            return false;
        };
        if seen.contains(&parent) || seen.len() > MAX_PARENT_LINKS {
            return true;
        }
        seen.push(parent);
        id = parent;
    }
}

/// Repairs a `/Parent` cycle of `page_id`: the page's `/Parent` becomes the page-tree
/// node that lists it in `/Kids` (so inherited `/Resources` and `/MediaBox` are found),
/// or is removed when there is none. Returns false when the page is still cyclic.
pub(crate) fn fix_parent_cycle(doc: &mut Document, page_id: ObjectId) -> bool {
    let page_ref = Object::Reference(page_id);
    let real_parent = doc.objects.iter().find_map(|(id, obj)| {
        let dict = obj.as_dict().ok()?;
        let kids = dict.get(b"Kids").ok()?.as_array().ok()?;
        (*id != page_id && kids.contains(&page_ref)).then_some(*id)
    });
    if let Ok(page) = doc.get_dictionary_mut(page_id) {
        match real_parent {
            Some(parent) => page.set("Parent", Object::Reference(parent)),
            None => {
                page.remove(b"Parent");
            }
        }
    }
    if has_parent_cycle(doc, page_id) {
        // The real parent chain cycles too: cut the page loose.
        if let Ok(page) = doc.get_dictionary_mut(page_id) {
            page.remove(b"Parent");
        }
    }
    !has_parent_cycle(doc, page_id)
}

/// What the resource graph of a page looks like to pdf-extract.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct ResourceScan {
    /// Back edges that can be cut: (Form XObject whose own `/Resources` names it, name).
    pub fixable: Vec<(ObjectId, Vec<u8>)>,
    /// Why the page is unsafe for pdf-extract even after cutting `fixable`, if it is.
    pub unsafe_reason: Option<String>,
}

/// Walks the page's `/XObject` graph the way pdf-extract does (a form without
/// `/Resources` uses the resources it was drawn with) plus Type3 font resources,
/// with a depth bound, an edge budget and the set of objects on the current path.
pub(crate) fn scan_resources(doc: &Document, page_id: ObjectId) -> ResourceScan {
    let mut scan = ResourceScan::default();
    let Some(res) = super::lopdf_text::page_resources(doc, page_id) else {
        return scan;
    };
    let mut walk = Walk {
        doc,
        path: Vec::new(),
        budget: MAX_RESOURCE_EDGES,
        clean: HashSet::new(),
        scan: &mut scan,
    };
    walk.visit(res, None);
    scan
}

struct Walk<'a, 's> {
    doc: &'a Document,
    /// Objects (forms, Type3 fonts) on the current path, outermost first.
    path: Vec<ObjectId>,
    budget: usize,
    /// Forms with their own resources whose subgraph was already found acyclic.
    clean: HashSet<ObjectId>,
    scan: &'s mut ResourceScan,
}

impl<'a> Walk<'a, '_> {
    fn mark_unsafe(&mut self, why: &str) {
        if self.scan.unsafe_reason.is_none() {
            self.scan.unsafe_reason = Some(why.to_string());
        }
    }

    /// `owner` is the form whose own `/Resources` is `res` (None for page or inherited resources).
    /// Returns true when a cycle or limit was met below.
    fn visit(&mut self, res: &'a Dictionary, owner: Option<ObjectId>) -> bool {
        let doc = self.doc;
        let mut trouble = false;
        if let Some(xobjects) = dict_at(doc, res, b"XObject") {
            for (name, obj) in xobjects.iter() {
                let Ok(id) = obj.as_reference() else { continue };
                if self.budget == 0 {
                    self.mark_unsafe("resource graph too large");
                    return true;
                }
                self.budget -= 1;
                if self.path.contains(&id) {
                    trouble = true;
                    match owner {
                        Some(form) => self.scan.fixable.push((form, name.clone())),
                        None => self.mark_unsafe("xobject-cycle"),
                    }
                    continue;
                }
                if self.clean.contains(&id) {
                    continue;
                }
                let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
                    continue;
                };
                if stream.dict.get(b"Subtype").and_then(Object::as_name).ok()
                    != Some(b"Form".as_slice())
                {
                    continue;
                }
                if self.path.len() >= MAX_RESOURCE_DEPTH {
                    self.mark_unsafe("xobject nesting too deep");
                    return true;
                }
                let own = dict_at(doc, &stream.dict, b"Resources");
                self.path.push(id);
                let below = match own {
                    Some(r) => self.visit(r, Some(id)),
                    None => self.visit(res, owner),
                };
                self.path.pop();
                if below {
                    trouble = true;
                } else if own.is_some() {
                    self.clean.insert(id);
                }
            }
        }
        if let Some(fonts) = dict_at(doc, res, b"Font") {
            for (_, obj) in fonts.iter() {
                let Ok(id) = obj.as_reference() else { continue };
                let Some(font) = deref(doc, obj).and_then(|f| f.as_dict().ok()) else {
                    continue;
                };
                if font.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type3".as_slice())
                {
                    continue;
                }
                if self.path.contains(&id) {
                    self.mark_unsafe("type3-cycle");
                    trouble = true;
                    continue;
                }
                if self.clean.contains(&id) {
                    continue;
                }
                let Some(font_res) = dict_at(doc, font, b"Resources") else {
                    continue;
                };
                if self.path.len() >= MAX_RESOURCE_DEPTH {
                    self.mark_unsafe("type3 nesting too deep");
                    return true;
                }
                self.path.push(id);
                let below = self.visit(font_res, None);
                self.path.pop();
                if below {
                    // Cycles through glyph procedures cannot be cut safely.
                    self.mark_unsafe("type3-cycle");
                    trouble = true;
                } else {
                    self.clean.insert(id);
                }
            }
        }
        trouble
    }
}

/// Cuts the back edge `name` in the own `/Resources /XObject` of `form`: the name
/// then points to a new empty form, so `Do` still finds an XObject but draws nothing.
pub(crate) fn cut_xobject_edge(doc: &mut Document, form: ObjectId, name: &[u8]) -> bool {
    let empty = Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 0.into(), 0.into()] },
        Vec::new(),
    );
    let empty_id = doc.add_object(empty);
    // Find where the XObject dictionary lives: inline in the form, behind /Resources, or behind /XObject.
    let res_ref = match doc.get_object(form).and_then(Object::as_stream) {
        Ok(s) => s.dict.get(b"Resources").and_then(Object::as_reference).ok(),
        Err(_) => return false,
    };
    let xobj_ref = {
        let res = match res_ref {
            Some(id) => doc.get_dictionary(id).ok(),
            None => doc
                .get_object(form)
                .and_then(Object::as_stream)
                .ok()
                .and_then(|s| s.dict.get(b"Resources").ok())
                .and_then(|o| o.as_dict().ok()),
        };
        match res {
            Some(r) => r.get(b"XObject").and_then(Object::as_reference).ok(),
            None => return false,
        }
    };
    let target: Option<&mut Dictionary> = match (xobj_ref, res_ref) {
        (Some(x), _) => doc.get_dictionary_mut(x).ok(),
        (None, Some(r)) => doc
            .get_dictionary_mut(r)
            .ok()
            .and_then(|d| d.get_mut(b"XObject").ok())
            .and_then(|o| o.as_dict_mut().ok()),
        (None, None) => doc
            .get_object_mut(form)
            .ok()
            .and_then(|o| o.as_stream_mut().ok())
            .and_then(|s| s.dict.get_mut(b"Resources").ok())
            .and_then(|o| o.as_dict_mut().ok())
            .and_then(|d| d.get_mut(b"XObject").ok())
            .and_then(|o| o.as_dict_mut().ok()),
    };
    match target {
        Some(xobjects) if xobjects.has(name) => {
            xobjects.set(name.to_vec(), Object::Reference(empty_id));
            true
        }
        _ => false,
    }
}

/// Deepest `[`/`<<` nesting in a content stream (strings and comments skipped).
pub(crate) fn max_nesting(content: &[u8]) -> usize {
    let mut max = 0;
    scan_content(content, |depth, _| max = max.max(depth));
    max
}

/// Removes every top-level array or dictionary nested deeper than
/// [`MAX_CONTENT_NESTING`] from a content stream (such operands are never
/// meaningful text and make parsers recurse without bound). Returns `None`
/// when nothing had to be removed.
pub(crate) fn sanitize_content(content: &[u8]) -> Option<Vec<u8>> {
    // (start of the top-level container, deepest nesting inside it)
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    scan_content(content, |depth, event| match event {
        Event::Open(pos) if depth == 1 => open = Some((pos, 1)),
        Event::Open(_) => {
            if let Some((_, max)) = open.as_mut() {
                *max = (*max).max(depth);
            }
        }
        Event::Close(end) if depth == 0 => {
            if let Some((start, max)) = open.take() {
                if max > MAX_CONTENT_NESTING {
                    spans.push((start, end));
                }
            }
        }
        Event::Close(_) => {}
        Event::End(end) => {
            if let Some((start, max)) = open.take() {
                if max > MAX_CONTENT_NESTING {
                    spans.push((start, end));
                }
            }
        }
    });
    if spans.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(content.len());
    let mut pos = 0;
    for (start, end) in spans {
        out.extend_from_slice(&content[pos..start]);
        out.push(b' ');
        pos = end;
    }
    out.extend_from_slice(&content[pos..]);
    Some(out)
}

enum Event {
    /// A container opened at this byte offset (depth is the new depth).
    Open(usize),
    /// A container closed; the offset is just past it (depth is the new depth).
    Close(usize),
    /// End of data (depth is whatever is still open).
    End(usize),
}

fn scan_content(content: &[u8], mut on: impl FnMut(usize, Event)) {
    let mut depth = 0usize;
    let mut i = 0;
    let n = content.len();
    while i < n {
        match content[i] {
            b'%' => {
                while i < n && content[i] != b'\n' && content[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                // Literal string with balanced parentheses and backslash escapes.
                let mut level = 0usize;
                while i < n {
                    match content[i] {
                        b'\\' => i += 1,
                        b'(' => level += 1,
                        b')' => {
                            level = level.saturating_sub(1);
                            if level == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'<' if content.get(i + 1) == Some(&b'<') => {
                depth += 1;
                on(depth, Event::Open(i));
                i += 1;
            }
            b'<' => {
                while i < n && content[i] != b'>' {
                    i += 1;
                }
            }
            b'>' if content.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                on(depth, Event::Close(i + 2));
                i += 1;
            }
            b'[' => {
                depth += 1;
                on(depth, Event::Open(i));
            }
            b']' => {
                depth = depth.saturating_sub(1);
                on(depth, Event::Close(i + 1));
            }
            _ => {}
        }
        i += 1;
    }
    on(depth, Event::End(n));
}

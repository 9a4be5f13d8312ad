#!/usr/bin/env python3
"""Regenerates the derived corpus documents (PDF, DOCX, Windows-1252 text) from corpus/src/.

Usage:  pip install reportlab   # only needed for the PDFs
        python3 corpus/tools/generate.py

Output is deterministic (fixed PDF ids and dates, fixed ZIP timestamps), so running it again on
unchanged sources leaves `git status` clean. The generated files are committed, so the Rust tests
never need Python.

Source format (corpus/src/*.txt), one block per blank-line-separated paragraph:
    %footer: TEXT      page footer (PDF: every page, "{page}" becomes the page number;
                       DOCX: the section footer)
    %columns: 2        two-column PDF layout
    %pagebreak         page break (PDF)
    # Title            document title
    ## Heading         section heading
    - item             bullet item (one per line)
    anything else      a paragraph; single line breaks inside a block are kept as line breaks
"""

import os
import sys
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
SRC = os.path.join(CORPUS, "src")
DOCS = os.path.join(CORPUS, "docs")

# source file -> (output file, kind of output)
TARGETS = [
    ("de_avv_eu_only.txt", "de_avv_eu_only.docx", "docx"),
    ("de_datenschutz_negiert.txt", "de_datenschutz_negiert.txt", "cp1252"),
    ("en_dpa_bcr.txt", "en_dpa_bcr.pdf", "pdf"),
    ("de_avv_2010_klauseln.txt", "de_avv_2010_klauseln.pdf", "pdf"),
    ("en_privacy_policy_us_dpf.txt", "en_privacy_policy_us_dpf.pdf", "pdf"),
]


def parse(path):
    """Returns (meta dict, list of blocks); a block is (type, payload)."""
    meta = {}
    blocks = []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for raw in text.split("\n\n"):
        lines = [l for l in raw.strip("\n").split("\n")]
        if not any(l.strip() for l in lines):
            continue
        para = []
        for line in lines:
            if line.startswith("%footer:"):
                meta["footer"] = line[len("%footer:"):].strip()
            elif line.startswith("%columns:"):
                meta["columns"] = int(line[len("%columns:"):].strip())
            elif line.strip() == "%pagebreak":
                blocks.append(("pagebreak", None))
            elif line.startswith("## "):
                blocks.append(("h2", line[3:].strip()))
            elif line.startswith("# "):
                blocks.append(("h1", line[2:].strip()))
            elif line.startswith("- "):
                blocks.append(("bullet", line[2:].strip()))
            else:
                para.append(line)
        if para:
            blocks.append(("p", para))
    return meta, blocks


# ---------------------------------------------------------------- PDF (reportlab)

def make_pdf(meta, blocks, out_path):
    from reportlab import rl_config

    rl_config.invariant = 1  # fixed document id and dates: reproducible bytes
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (BaseDocTemplate, Frame, PageBreak, PageTemplate,
                                    Paragraph, Spacer)

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=6)
    h1 = ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=15, leading=19, spaceAfter=10)
    h2 = ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=6,
                        spaceAfter=4)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2)

    footer = meta.get("footer")
    width, height = A4
    margin = 20 * mm

    def on_page(canvas, doc):
        if footer:
            canvas.saveState()
            canvas.setFont("Helvetica", 7.5)
            canvas.drawString(margin, 12 * mm, footer.replace("{page}", str(doc.page)))
            canvas.restoreState()

    columns = meta.get("columns", 1)
    gap = 8 * mm
    frame_w = (width - 2 * margin - (columns - 1) * gap) / columns
    frames = [
        Frame(margin + i * (frame_w + gap), 22 * mm, frame_w, height - margin - 22 * mm,
              id="col%d" % i, leftPadding=0, rightPadding=0)
        for i in range(columns)
    ]
    doc = BaseDocTemplate(out_path, pagesize=A4, title=os.path.basename(out_path),
                          author="dpascan corpus", creator="corpus/tools/generate.py")
    doc.addPageTemplates([PageTemplate(id="main", frames=frames, onPage=on_page)])

    story = []
    for kind, payload in blocks:
        if kind == "h1":
            story.append(Paragraph(escape(payload), h1))
        elif kind == "h2":
            story.append(Paragraph(escape(payload), h2))
        elif kind == "bullet":
            story.append(Paragraph(escape(payload), bullet, bulletText="\u2022"))
        elif kind == "pagebreak":
            story.append(PageBreak())
        else:
            story.append(Paragraph("<br/>".join(escape(l) for l in payload), body))
    story.append(Spacer(1, 4))
    doc.build(story)


# ---------------------------------------------------------------- DOCX (zipfile + WordprocessingML)

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def w_par(text, bold=False, size=None):
    rpr = ""
    if bold or size:
        rpr = "<w:rPr>%s%s</w:rPr>" % ("<w:b/>" if bold else "",
                                       '<w:sz w:val="%d"/>' % size if size else "")
    return '<w:p><w:r>%s<w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (rpr, escape(text))


def w_par_lines(lines):
    runs = []
    for i, line in enumerate(lines):
        if i:
            runs.append("<w:r><w:br/></w:r>")
        runs.append('<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % escape(line))
    return "<w:p>%s</w:p>" % "".join(runs)


def make_docx(meta, blocks, out_path):
    body = []
    for kind, payload in blocks:
        if kind == "h1":
            body.append(w_par(payload, bold=True, size=32))
        elif kind == "h2":
            body.append(w_par(payload, bold=True, size=24))
        elif kind == "bullet":
            body.append(w_par("\u2013 " + payload))
        elif kind == "pagebreak":
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        else:
            body.append(w_par_lines(payload))
    footer = meta.get("footer", "")
    sect = ('<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter1"/>'
            '<w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1417" w:right="1417" w:bottom="1134" w:left="1417" '
            'w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>')
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<w:document %s><w:body>%s%s</w:body></w:document>' % (W_NS, "".join(body), sect))
    footer_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  '<w:ftr %s>%s</w:ftr>' % (W_NS, w_par(footer, size=16)))
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
        '</Types>')
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '</Relationships>')
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rIdFooter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
        '</Relationships>')
    parts = [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", root_rels),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", doc_rels),
        ("word/footer1.xml", footer_xml),
    ]
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))


# ---------------------------------------------------------------- Windows-1252 text

def make_cp1252(src_path, out_path):
    with open(src_path, encoding="utf-8") as f:
        text = f.read()
    data = text.replace("\n", "\r\n").encode("cp1252")  # fails loudly on an unmappable character
    with open(out_path, "wb") as f:
        f.write(data)


def main():
    for src_name, out_name, kind in TARGETS:
        src_path = os.path.join(SRC, src_name)
        out_path = os.path.join(DOCS, out_name)
        if kind == "cp1252":
            make_cp1252(src_path, out_path)
        else:
            meta, blocks = parse(src_path)
            if kind == "pdf":
                make_pdf(meta, blocks, out_path)
            else:
                make_docx(meta, blocks, out_path)
        print("wrote", os.path.relpath(out_path, CORPUS))
    return 0


if __name__ == "__main__":
    sys.exit(main())

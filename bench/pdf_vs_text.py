#!/usr/bin/env python3
"""Findings of each generated PDF against the findings of its true text.

  bench/pdf_vs_text.py [SHARED_DIR]   (default ../shared; needs target/release/dpascan)

../shared/pdfs/generated holds PDFs made from known texts (the .txt beside each). A PDF
read perfectly gives the same findings as its text. Findings are compared as multisets of
(rule, matched text with whitespace collapsed): recall = share of the text's findings
that the PDF gives too, precision = share of the PDF's findings that its text gives too,
per file and summed over all pairs where both were read. Word recall alone
(bench/recall.py) does not see what layout does to the analysis: a sentence cut by a
printed line, a heading run into a paragraph.
"""
import collections, json, os, subprocess, sys

shared = sys.argv[1] if len(sys.argv) > 1 else "../shared"
dpascan = os.environ.get("DPASCAN", "target/release/dpascan")
generated = os.path.join(shared, "pdfs", "generated")

out = subprocess.run(
    [dpascan, "scan", generated, "--progress", "never"],
    capture_output=True, text=True, check=False,
).stdout
docs = {}
for line in out.splitlines():
    d = json.loads(line)
    docs[os.path.basename(d["path"])] = d


def facts(d):
    return collections.Counter(
        (f["rule"], " ".join(f["text"].split())) for f in d.get("findings", [])
    )


rows, common, in_pdf, in_text = [], 0, 0, 0
for name in sorted(docs):
    if not name.endswith(".pdf"):
        continue
    pdf, text = docs[name], docs.get(name[:-4] + ".txt")
    if text is None or pdf.get("status") != "ok" or text.get("status") != "ok":
        continue
    a, b = facts(pdf), facts(text)
    both = sum((a & b).values())
    na, nb = sum(a.values()), sum(b.values())
    rows.append((name, na, nb, both))
    common, in_pdf, in_text = common + both, in_pdf + na, in_text + nb

print("| file | PDF findings | text findings | in both | recall | precision |")
print("|---|---|---|---|---|---|")
for name, na, nb, both in rows:
    r = both / nb if nb else 1.0
    p = both / na if na else 1.0
    print(f"| {name} | {na} | {nb} | {both} | {r:.3f} | {p:.3f} |")
if in_text and in_pdf:
    print(
        f"\nall {len(rows)} pairs: {in_pdf} PDF findings, {in_text} text findings, "
        f"{common} in both: recall {common / in_text:.4f}, precision {common / in_pdf:.4f}"
    )

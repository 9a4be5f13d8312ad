#!/usr/bin/env python3
"""Word recall of dpascan's PDF extraction.

  bench/recall.py [SHARED_DIR]      (default ../shared; needs target/release/dpascan and pdftotext)

1. ../shared/pdfs/generated: share of the true words (the .txt beside each PDF) that
   `dpascan text` recovers, per file and the median (truncated and password-protected
   files are expected to fail and are reported as errors).
2. ../shared/pdfs/*.pdf: share of pdftotext's words that dpascan recovers, for files from
   which pdftotext gets at least 30 words; per file and the mean.
Words: \\w+ tokens of the NFKC-normalised, lower-cased text, compared as multisets.
"""
import collections, os, re, statistics, subprocess, sys, unicodedata

shared = sys.argv[1] if len(sys.argv) > 1 else "../shared"
dpascan = os.environ.get("DPASCAN", "target/release/dpascan")


def words(text):
    text = unicodedata.normalize("NFKC", text).lower()
    return collections.Counter(re.findall(r"\w+", text))


def recall(truth, got):
    total = sum(truth.values())
    if total == 0:
        return None
    return sum(min(n, got[w]) for w, n in truth.items()) / total


def dpascan_text(pdf):
    r = subprocess.run([dpascan, "text", "--timeout", "30", pdf], capture_output=True)
    if r.returncode != 0:
        return None, r.stderr.decode("utf-8", "replace").strip().split(": ")[-2:]
    return r.stdout.decode("utf-8", "replace"), None


def truth_text(path):
    lines = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("## "):
            line = line[3:]
        lines.append(line)
    return "\n".join(lines)


gen = os.path.join(shared, "pdfs", "generated")
print("## Generated PDFs: share of true words recovered\n")
print("| file | recall |\n|---|---|")
values = []
for name in sorted(os.listdir(gen)):
    if not name.endswith(".pdf"):
        continue
    text, err = dpascan_text(os.path.join(gen, name))
    if text is None:
        print(f"| {name} | error: {' '.join(err)} |")
        continue
    r = recall(words(truth_text(os.path.join(gen, name[:-4] + ".txt"))), words(text))
    values.append(r)
    print(f"| {name} | {r:.3f} |")
print(f"\nmedian over {len(values)} files with text: {statistics.median(values):.3f}\n")

print("## Other PDFs: share of pdftotext's words recovered (pdftotext >= 30 words)\n")
print("| file | pdftotext words | recall |\n|---|---|---|")
values = []
pdfs = os.path.join(shared, "pdfs")
for name in sorted(os.listdir(pdfs)):
    if not name.endswith(".pdf"):
        continue
    path = os.path.join(pdfs, name)
    try:
        p = subprocess.run(["pdftotext", "-q", path, "-"], capture_output=True, timeout=20)
    except subprocess.TimeoutExpired:
        print(f"| {name} | pdftotext hung (skipped) | |")
        continue
    ref = words(p.stdout.decode("utf-8", "replace"))
    if sum(ref.values()) < 30:
        continue
    text, err = dpascan_text(path)
    r = recall(ref, words(text or ""))
    values.append(r)
    note = "" if text is not None else f" (error: {' '.join(err)})"
    print(f"| {name} | {sum(ref.values())} | {r:.3f}{note} |")
print(f"\nmean over {len(values)} files: {statistics.mean(values):.3f}")

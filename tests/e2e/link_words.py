#!/usr/bin/env python3
# link_words.py - where a click on each word of a PDF leads.
#
#   python3 link_words.py FILE.pdf
#
# Prints a line "PAGE WORD TARGET" for every word pdftotext finds, in its
# order: TARGET is what the link annotation under the word's centre leads
# to, as pdf_digest.py prints it ("uri U", or the page and its position),
# "none" when no annotation covers it, and "several: ..." when more than
# one does (overlapping annotations: a reader would pick one of them).
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

pdf = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
digest = subprocess.run([sys.executable, os.path.join(here, 'pdf_digest.py'), pdf], check=True,
                        stdout=subprocess.PIPE, text=True).stdout
links = []  # (page, x0, y0, x1, y1, target), PDF coordinates
for line in digest.splitlines():
    m = re.fullmatch(r'link (\d+) \[([-\d. ]+)\] -> (.*?) in .*', line)
    if m:
        x0, y0, x1, y1 = (float(v) for v in m.group(2).split())
        to = re.sub(r'^uri [ub]:', 'uri ', m.group(3))  # qpdf's string prefix
        links.append((int(m.group(1)), min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), to))

bbox = subprocess.run(['pdftotext', '-enc', 'UTF-8', '-bbox', pdf, '-'], check=True,
                      stdout=subprocess.PIPE, text=True).stdout
# pdftotext writes XHTML; its namespace aside, pages hold words
root = ET.fromstring(re.sub(r' xmlns="[^"]*"', '', bbox, count=1))
for p, page in enumerate(root.iter('page')):
    height = float(page.get('height'))
    for w in page.iter('word'):
        # pdftotext measures down from the top, the annotations up
        x = (float(w.get('xMin')) + float(w.get('xMax'))) / 2
        y = height - (float(w.get('yMin')) + float(w.get('yMax'))) / 2
        hits = [t for (lp, x0, y0, x1, y1, t) in links
                if lp == p and x0 <= x <= x1 and y0 <= y <= y1]
        what = hits[0] if len(hits) == 1 else 'none' if not hits else 'several: ' + ' | '.join(hits)
        print('%d %s %s' % (p, w.text, what))

#!/usr/bin/env python3
"""struct_langs.py - the structure elements of a tagged PDF with their /Lang
and their text, for l10n.sh: one line per element, in reading order,

    TYPE<TAB>LANG<TAB>TEXT

LANG is the element's own /Lang ("-" when it has none) and TEXT what
poppler reads as the element's own content (its child elements' not
included: the text on either side of a Span or a Link is its parent's,
joined by one space).  The /Lang entries come from the file's objects (qpdf --json),
the text from pdfinfo -struct-text, which lists the same elements in the
same order; a file where the two lists differ is an error (exit 1).
With --no-text, TEXT is left empty (pdfinfo takes long over a book).

Usage: struct_langs.py [--no-text] FILE.pdf
"""
import json
import re
import subprocess
import sys
import tempfile


def elements_with_lang(path):
    # Into a file, as pdf_digest.py does: qpdf writes its standard output
    # a few bytes at a time.
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", path, out.name], check=True)
        objs = json.load(out)["qpdf"][1]

    def get(ref):
        o = objs.get("obj:" + ref)
        return o.get("value") if o else None

    root = get(objs["trailer"]["value"]["/Root"])
    order = []

    def walk(k):
        if isinstance(k, list):
            for x in k:
                walk(x)
        elif isinstance(k, str) and k.endswith(" R"):
            o = get(k)
            if isinstance(o, dict) and "/S" in o and "/P" in o:
                lang = o.get("/Lang")
                order.append((o["/S"][1:], lang[2:] if lang else "-"))
                walk(o.get("/K"))

    walk(get(root["/StructTreeRoot"])["/K"])
    return order


def elements_with_text(path):
    out = subprocess.run(["pdfinfo", "-struct-text", path], capture_output=True,
                         check=True, text=True).stdout
    order = []
    open_at = []  # (indentation, index in order) of the elements around
    for line in out.splitlines():
        s = line.strip()
        if not s or s.startswith("/"):
            continue
        indent = len(line) - len(line.lstrip())
        # text after a child element (a Span, a Link) is its parent's
        while open_at and open_at[-1][0] >= indent:
            open_at.pop()
        if s.startswith('"'):
            if open_at:
                order[open_at[-1][1]][1].append(s.strip('"'))
            continue
        kind = re.split(r"[ :]", s)[0]
        if kind != "Object":  # an annotation a Link refers to
            order.append((kind, []))
            open_at.append((indent, len(order) - 1))
    return [(t, re.sub(" +", " ", " ".join(text))) for t, text in order]


def main():
    args = sys.argv[1:]
    with_text = args[:1] != ["--no-text"]
    if not with_text:
        args = args[1:]
    if len(args) != 1:
        sys.exit(__doc__)
    langs = elements_with_lang(args[0])
    texts = elements_with_text(args[0]) if with_text else [(t, "") for t, _ in langs]
    if [t for t, _ in langs] != [t for t, _ in texts]:
        sys.exit("struct_langs.py: qpdf and pdfinfo list different elements")
    for (t, lang), (_, text) in zip(langs, texts):
        print(f"{t}\t{lang}\t{text}")


main()

#!/usr/bin/env python3
"""unmarked.py QDF_PDF - what the pages paint outside tagged content.

Tagged PDF wants every mark on a page inside a structure element's marked
content (a sequence with an /MCID) or an /Artifact sequence, and marked
content to nest with text objects (BT ... ET).  Reads a file written by
`qpdf --qdf --object-streams=disable` (content streams uncompressed, each
page's after a "%% Contents for page N" comment) as operators, apart from
the program's own reader (src/pdfcontent.c), and prints one line per page
that paints outside tagged content or does not nest.  Exits 1 when it
prints anything, 2 when it finds no page content.
"""
import re
import sys

PAINTS = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"sh", b"Do",
          b"Tj", b"TJ", b"'", b'"', b"EI"}
SPACE = b" \t\r\n\f\0"
DELIM = b"()<>[]{}/%"


def tokens(data):
    """The operators of a content stream, in order, each with the bytes
    of its operands."""
    i, n = 0, len(data)
    start = None
    while i < n:
        if start is None and data[i:i + 1] not in SPACE:
            start = i
        c = data[i:i + 1]
        if c in SPACE and c:
            i += 1
        elif c == b"%":
            while i < n and data[i:i + 1] not in (b"\n", b"\r"):
                i += 1
        elif c == b"(":
            depth = 0
            while i < n:
                ch = data[i:i + 1]
                if ch == b"\\":
                    i += 1
                elif ch == b"(":
                    depth += 1
                elif ch == b")":
                    depth -= 1
                    if depth == 0:
                        break
                i += 1
            i += 1
        elif data.startswith(b"<<", i) or data.startswith(b">>", i):
            i += 2
        elif c == b"<":
            i = data.index(b">", i) + 1
        elif c in b"[]{}":
            i += 1
        elif c == b"/":
            i += 1
            while i < n and data[i:i + 1] not in SPACE and data[i:i + 1] not in DELIM:
                i += 1
        else:
            j = i
            while j < n and data[j:j + 1] not in SPACE and data[j:j + 1] not in DELIM:
                j += 1
            word = data[i:j]
            operands = data[start:i]
            i = j
            if re.match(rb"^[-+.0-9]", word) or word in (b"true", b"false", b"null"):
                continue
            start = None
            yield word, operands
            if word == b"ID":  # an inline image: its data up to " EI"
                m = re.compile(rb"\sEI(?=[\s/\[<(]|$)").search(data, i + 1)
                i = m.start() + 1


def main():
    pdf = open(sys.argv[1], "rb").read()
    pages = re.findall(rb"%% Contents for page (\d+)\n(?:%%[^\n]*\n)*\d+ 0 obj\n<<.*?>>\nstream\n(.*?)endstream",
                       pdf, re.S)
    if not pages:
        print("no page content found")
        return 2
    bad = 0
    for number, data in pages:
        stack, loose, problems = [], [], []
        for op, operands in tokens(data):
            if op in (b"BDC", b"BMC"):
                stack.append(b"/MCID" in operands or operands.startswith(b"/Artifact"))
            elif op == b"BT":
                stack.append("text")
            elif op in (b"EMC", b"ET"):
                want = "text" if op == b"ET" else None
                if not stack or (stack[-1] == "text") != (want == "text"):
                    problems.append("%s does not nest" % op.decode())
                    break
                stack.pop()
            elif op in PAINTS and True not in stack:
                loose.append(op.decode())
        if stack and not problems:
            problems.append("%d left open at the end" % len(stack))
        if loose:
            problems.append("%d operators paint outside tagged content (%s)"
                            % (len(loose), " ".join(loose[:5])))
        if problems:
            bad += 1
            print("page %s: %s" % (number.decode(), "; ".join(problems)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

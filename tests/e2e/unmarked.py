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


# One token at a time: white space, a comment, the start of a literal
# string (read by hand: its parentheses nest), a dictionary bracket, a hex
# string, an array or procedure bracket, a name, or a bare word (a number,
# a keyword or an operator); a stray delimiter is a token of its own.
TOKEN = re.compile(rb"[ \t\r\n\f\0]+|%[^\r\n]*|\(|<<|>>|<[^>]*>?|[\[\]{}]"
                   rb"|/[^ \t\r\n\f\0()<>\[\]{}/%]*|[^ \t\r\n\f\0()<>\[\]{}/%]+|.", re.S)
OPERAND_WORD = re.compile(rb"[-+.0-9]|true$|false$|null$")
INLINE_IMAGE_END = re.compile(rb"\sEI(?=[\s/\[<(]|$)")


def string_end(data, i):
    """Where the literal string that opens at data[i] ends."""
    depth, n = 0, len(data)
    while i < n:
        ch = data[i]
        if ch == 0x5C:  # backslash: the next byte is escaped
            i += 1
        elif ch == 0x28:
            depth += 1
        elif ch == 0x29:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def tokens(data):
    """The operators of a content stream, in order, each with the bytes
    of its operands."""
    i, n = 0, len(data)
    start = None
    while i < n:
        m = TOKEN.match(data, i)
        tok = m.group()
        first = tok[0]
        if first in SPACE:
            i = m.end()
            continue
        if start is None:
            start = i
        if tok == b"(":
            i = string_end(data, i)
            continue
        i = m.end()
        if first in DELIM:
            continue
        if OPERAND_WORD.match(tok):
            continue
        operands = data[start:m.start()]
        start = None
        yield tok, operands
        if tok == b"ID":  # an inline image: its data up to " EI"
            i = INLINE_IMAGE_END.search(data, i + 1).start() + 1


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

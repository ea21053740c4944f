#!/usr/bin/env python3
"""Writes the stress corpus into OUTDIR: layout documents (and one
blueprint) that exercise the hard cases of typesetting.  Deterministic.

usage: gen.py OUTDIR ROLES_DIR
"""
import os
import random
import re
import sys

out, roles = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
rnd = random.Random(42)
WORDS = ("architecture platform delivery governance reliability security "
         "observability integration capability standards roadmap decision "
         "migration resilience engineering organisation measurement review "
         "the of and to a in for with on by as").split()


def words(n):
    return " ".join(rnd.choice(WORDS) for _ in range(n))


HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<document xml:lang="en"><meta><title>{title}</title></meta>
<page-template name="p" size="A4" margin-top="20mm" margin-bottom="20mm" margin-left="20mm" margin-right="20mm">
<footer style="f"><right>Page <page-number/> of <page-count/></right></footer></page-template>
<style name="body" font-size="10pt" line-height="1.35" text-align="justify" space-after="4pt"/>
<style name="f" font-family="Noto Sans" font-size="7pt"/>
<style name="h" font-family="Noto Sans" font-weight="bold" font-size="13pt" space-before="10pt" space-after="4pt" keep-with-next="yes"/>
<style name="t" border-width="0.5pt" border-color="#999999" space-after="6pt"/>
<style name="c" font-size="9pt" padding="3pt" text-align="left"/>
<style name="ch" parent="c" font-weight="bold" background="#e8edf3"/>
<section title="{title}" bookmark="{title}">
"""
TAIL = "</section></document>\n"


def write(name, title, body):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write(HEAD.format(title=title) + body + TAIL)


def table(rows, cols=3, long_cell=None):
    cols_xml = "".join('<column width="%d"/>' % (i + 1) for i in range(cols))
    head = "<thead><row>%s</row></thead>" % "".join(
        "<cell>Header %d</cell>" % (i + 1) for i in range(cols))
    body = []
    for r in range(rows):
        cells = []
        for c in range(cols):
            text = long_cell if (long_cell and r == 1 and c == cols - 1) else words(3 + c * 2)
            cells.append("<cell>%s</cell>" % text)
        body.append("<row>%s</row>" % "".join(cells))
    return ('<table style="t" cell-style="c" header-style="ch">%s%s<tbody>%s</tbody></table>'
            % (cols_xml, head, "".join(body)))


# 1. Words and URLs longer than the measure, in running text and in a cell.
long_word = "supercalifragilistic" * 15
url = "https://example.org/" + "/".join("segment%02d" % i for i in range(40))
write("long-words.xml", "Long words",
      '<para style="body">%s %s %s</para>'
      '<para style="body">See <link href="%s">%s</link> for details.</para>%s'
      % (words(20), long_word, words(20), url, url,
         table(3, 3, long_cell=long_word + " " + url)))

# 2. A 300-row table: split between rows, header repeated on every page.
write("table-300.xml", "Three hundred rows",
      '<heading level="1" style="h">A long table</heading>' + table(300))

# 3. One paragraph longer than a page.
write("long-paragraph.xml", "A long paragraph",
      '<heading level="1" style="h">One paragraph</heading><para style="body">%s</para>'
      % words(2200))

# 4. A KPI table with very long cells, one of them taller than a page.
write("kpi-long-cells.xml", "Long cells",
      table(6, 4, long_cell=words(120)) + table(3, 4, long_cell=words(1400)))

# 5. Lists nested five deep.
def nested(depth):
    if depth == 0:
        return ""
    items = "".join("<item><para style=\"body\">%s</para>%s</item>" % (
        words(25), nested(depth - 1) if i == 1 else "") for i in range(3))
    return '<list marker="%s">%s</list>' % ("number" if depth % 2 else "bullet", items)


write("nested-lists.xml", "Nested lists", nested(5))

# 6. A heading followed by a table that does not fit in what is left.
write("heading-table.xml", "Heading and table",
      '<para style="body">%s</para><heading level="1" style="h">The table</heading>%s'
      % (words(600), table(30)))

# 7. Content that must stay together but is longer than a page.
write("keep-too-long.xml", "Too long to keep",
      '<group keep-together="yes">%s</group>'
      % "".join('<para style="body">%s</para>' % words(60) for _ in range(40)))

# 8. Pathological sizes that must still finish quickly.
write("word-50000.xml", "A 50,000 character word",
      '<para style="body">%s</para>' % ("x" * 50000))
write("table-2000.xml", "Two thousand rows", table(2000, 2))

# 9. A blueprint with a skill matrix of 60 skills, through the real pipeline.
src = open(os.path.join(roles, "cloud-architect.xml"), encoding="utf-8").read()
levels = ["awareness", "working", "practitioner", "advanced", "expert"]
skills = "".join(
    '<skill name="Stress skill %02d" category="technical" proficiency="%s">%s.</skill>'
    % (i, levels[i % 5], words(8).capitalize()) for i in range(60))
src = re.sub(r"<skills>.*?</skills>", "<skills>%s</skills>" % skills, src, flags=re.S)
src = src.replace('id="cloud-architect"', 'id="skills-60"')
os.makedirs(os.path.join(out, "roles"), exist_ok=True)
with open(os.path.join(out, "roles", "skills-60.xml"), "w", encoding="utf-8") as f:
    f.write(src)

# 10. Soft hyphens in the source, in a language without patterns and in a
# narrow measure: the word breaks at them, with a visible hyphen.
with open(os.path.join(out, "soft-hyphens.xml"), "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<document xml:lang="xx">'
            '<meta><title>Soft hyphens</title></meta>'
            '<page-template name="p" width="120pt" height="200pt" margin-left="10pt" '
            'margin-right="10pt" margin-top="10pt" margin-bottom="10pt"/>'
            '<para>Super\u00adcali\u00adfragi\u00adlistic\u00adexpi\u00adali\u00addocious '
            'words</para></document>\n')

#!/usr/bin/env python3
"""Blueprints -> the anchors' corpus format (../shared/anchors/gen.py), stdlib only.

usage: to_anchor.py OUTDIR [ANCHORDIR] [--split K]

Reads OUTDIR/roles/*.xml and OUTDIR/ladders.xml (as written by
gen_roles.py) and writes ANCHORDIR/corpus.xml (ANCHORDIR defaults to
OUTDIR-anchor: not inside OUTDIR, because rolepress reads every .xml file
under a directory it is given, and would parse the corpus as part of the
set, or refuse it beyond 16 MiB): one <role> per blueprint, in
the corpus format that the anchors' to-fo.xsl (FOP), to-html.xsl
(WeasyPrint) and floor.c read, so that all of them typeset the same text
as `rolepress handbook OUTDIR`.  With --split K it also writes
ANCHORDIR/single/<id>.xml for the first K roles (one role per corpus), for
the one-document-per-role batch.

The corpus format has a fixed shape (title, summary, responsibility groups,
a 3-column skills table, a 4-column KPI table, a career paragraph and
steps), so the blueprint's text is poured into it like this:

  corpus                      blueprint (what the career guide prints)
  title                       title
  summary                     summary + purpose paragraphs + scope paragraphs
  responsibilities/group      responsibilities/group (@title, else @kind), items
  skills/row  Skill|Level|Evidence      skill @name | proficiency name | text
  kpis/row    Metric|Target|Frequency|Owner
                              kpi @name ": " measures | target | cadence | meta/owner
  career/p                    qualifications (experience, education, certification)
  career/step                 "Promotion to ..."/"Lateral move to ..."/"Joins from ..." + text

Left out, because the career guide and handbook do not print them either:
reporting/collaborator and deliverables.  What rolepress prints and the
anchors do not: the handbook's cover, contents, introduction, ladder and
family diagrams, chapter openers, per-role at-a-glance table, path diagram,
"what changes at the next level", skills index and level comparisons.
"""
import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

CADENCE = {"weekly": "Weekly", "monthly": "Monthly", "quarterly": "Quarterly",
           "half-yearly": "Half-yearly", "yearly": "Yearly", "per-release": "Per release"}


def text(el):
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip() if el is not None else ""


def load_ladder(path):
    lad = ET.parse(path).getroot()
    fam = [f.get("id") for f in lad.iter("family")]
    levels = {l.get("id"): (int(l.get("rank")), l.get("name")) for l in lad.iter("level")}
    profs = {p.get("id"): p.get("name") for p in lad.iter("proficiency")}
    return fam, levels, profs


def convert(root, titles, profs):
    t = escape
    o = ['  <role id="%s">' % root.get("id")]
    o.append("    <title>%s</title>" % t(text(root.find("title"))))
    summary = [text(root.find("summary"))]
    summary += [text(p) for p in root.find("purpose").findall("p")]
    summary += [text(p) for p in root.find("scope").findall("p")]
    o.append("    <summary>%s</summary>" % t(" ".join(summary)))
    o.append("    <responsibilities>")
    for g in root.find("responsibilities").findall("group"):
        name = g.get("title") or g.get("kind").replace("-", " ").capitalize()
        o.append("      <group name=%s>" % quoteattr(name))
        for it in g.findall("item"):
            o.append("        <item>%s</item>" % t(text(it)))
        o.append("      </group>")
    o.append("    </responsibilities>")
    o.append("    <skills>")
    for s in root.find("skills").findall("skill"):
        o.append("      <row><c>%s</c><c>%s</c><c>%s</c></row>" % (
            t(s.get("name")), t(profs.get(s.get("proficiency"), s.get("proficiency"))), t(text(s))))
    o.append("    </skills>")
    owner = text(root.find("meta/owner"))
    o.append("    <kpis>")
    for k in root.find("kpis").findall("kpi"):
        o.append("      <row><c>%s</c><c>%s</c><c>%s</c><c>%s</c></row>" % (
            t("%s: %s" % (k.get("name"), text(k.find("measures")))), t(text(k.find("target"))),
            t(CADENCE.get(text(k.find("cadence")), text(k.find("cadence")))), t(owner)))
    o.append("    </kpis>")
    o.append("    <career>")
    o.append("      <p>%s</p>" % t(" ".join(text(q) for q in root.find("qualifications"))))
    for m in root.find("career-path").findall("move"):
        target = titles.get(m.get("role"), m.get("role")) if m.get("role") else m.get("title")
        lead = {"promotion": "Promotion to %s", "lateral": "Lateral move to %s",
                "feeder": "Joins from %s"}[m.get("kind")] % target
        body = text(m)
        o.append("      <step>%s</step>" % t(lead + (": " + body if body else "")))
    o.append("    </career>")
    o.append("  </role>")
    return "\n".join(o) + "\n"


def write_corpus(path, parts):
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<roles>\n')
        f.writelines(parts)
        f.write("</roles>\n")


def main():
    a = sys.argv[1:]
    if not a:
        sys.exit(__doc__)
    split = int(a[a.index("--split") + 1]) if "--split" in a else 0
    if "--split" in a:
        del a[a.index("--split"):a.index("--split") + 2]
    out = a[0]
    dest = a[1] if len(a) > 1 else out.rstrip("/") + "-anchor"
    os.makedirs(dest, exist_ok=True)
    fam, levels, profs = load_ladder(os.path.join(out, "ladders.xml"))
    rdir = os.path.join(out, "roles")
    roots = [ET.parse(os.path.join(rdir, f)).getroot() for f in sorted(os.listdir(rdir)) if f.endswith(".xml")]
    titles = {r.get("id"): text(r.find("title")) for r in roots}
    # book order: family chapters in ladder order, then level, then title
    roots.sort(key=lambda r: (fam.index(text(r.find("family"))) if text(r.find("family")) in fam else 99,
                              levels.get(text(r.find("level")), (99, ""))[0], titles[r.get("id")]))
    parts = [convert(r, titles, profs) for r in roots]
    write_corpus(os.path.join(dest, "corpus.xml"), parts)
    if split:
        d = os.path.join(dest, "single")
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
        for r, p in list(zip(roots, parts))[:split]:
            write_corpus(os.path.join(d, r.get("id") + ".xml"), [p])


if __name__ == "__main__":
    main()

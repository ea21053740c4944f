#!/usr/bin/env python3
# handbook_check.py - reads an exported handbook back; used by handbook.sh.
#
#   python3 handbook_check.py HANDBOOK.pdf LAYOUT.xml SOURCE_DIR
#
# LAYOUT.xml is `rolepress handbook --emit layout` of the same set (only
# used for the headings of each role's guide and the page margins).  The
# PDF is read with one run each of `pdftotext -bbox-layout` (words with
# their positions: headings, contents, index, tables, the diagram),
# `pdftotext -raw` (cross-references in reading order, wrapped lines
# joined), `pdfinfo` (page sizes) and `qpdf --json` (page labels, outline,
# link annotations, named destinations).
#
# Prints one line per check, "CASE<TAB>ok|fail<TAB>MESSAGE"; handbook.sh
# turns them into its cases.  Exits non-zero only when it cannot run.
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

from pdflabels import page_labels, roman

pdf, layout_file, src = sys.argv[1:4]
roles_dir = os.path.join(src, 'xml', 'roles')
XH = '{http://www.w3.org/1999/xhtml}'
OUT = []


def check(case, cond, msg_ok, msg_fail):
    """Records a check; a passed one with no message is not printed."""
    if not cond or msg_ok:
        OUT.append('%s\t%s\t%s' % (case, 'ok' if cond else 'fail', msg_ok if cond else msg_fail))
    return bool(cond)


def ns(s):
    """Whitespace (no-break spaces included) collapsed, trimmed."""
    return ' '.join((s or '').split())


def tool(*args, ok_codes=(0,)):
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in ok_codes:
        sys.exit('%s exited with %d: %s' % (args[0], p.returncode, p.stderr.decode()[:300]))
    return p.stdout.decode('utf-8')


OUTFILE = object()


def tools(*cmds):
    """Runs the commands (args, ok_codes) side by side; their outputs.  An
    argument OUTFILE is the file a command writes (qpdf writes its standard
    output a few bytes at a time: 300,000 writes for a handbook)."""
    work = os.path.dirname(os.path.abspath(pdf))
    procs = []
    for k, (args, codes) in enumerate(cmds):
        path = os.path.join(work, '.check-%d.out' % k)
        named = [path if a is OUTFILE else a for a in args]
        with open(path, 'wb') as out:
            procs.append((args, codes, path,
                          subprocess.Popen(named, stdout=subprocess.DEVNULL if OUTFILE in args else out,
                                           stderr=subprocess.PIPE)))
    res = []
    for args, codes, path, p in procs:
        err = p.communicate()[1]
        if p.returncode not in codes:
            sys.exit('%s exited with %d: %s' % (args[0], p.returncode, err.decode()[:300]))
        with open(path, encoding='utf-8') as f:
            res.append(f.read())
        os.unlink(path)
    return res


# ------------------------------------------------------------ the sources

ladder = ET.parse(os.path.join(src, 'xml', 'ladders.xml')).getroot()
fam_name = {f.get('id'): ns(f.get('name')) for f in ladder.iter('family')}
lvl_name = {l.get('id'): ns(l.get('name')) for l in ladder.iter('level')}
lvl_rank = {l.get('id'): int(l.get('rank')) for l in ladder.iter('level')}
prof_name = {p.get('id'): ns(p.get('name')) for p in ladder.iter('proficiency')}

definition = ET.parse(os.path.join(src, 'xml', 'handbook.xml')).getroot()
chapters = [c.get('family') for c in definition.iter('chapter')]

roles = {}  # id -> dict(title, family, level, skills={name: prof id})
for f in sorted(os.listdir(roles_dir)):
    if not f.endswith('.xml'):
        continue
    r = ET.parse(os.path.join(roles_dir, f)).getroot()
    skills = {}
    for s in r.iter('skill'):
        skills.setdefault(ns(s.get('name')), ns(s.get('proficiency')))
    moves = [(m.get('kind'), ns(m.get('role'))) for m in r.iter('move') if m.get('role')]
    roles[f[:-4]] = dict(title=ns(r.findtext('title')), family=ns(r.findtext('family')),
                         level=ns(r.findtext('level')), skills=skills, moves=moves)
title_of = {rid: r['title'] for rid, r in roles.items()}
id_of_title = {r['title']: rid for rid, r in roles.items()}
titles_longest_first = sorted(id_of_title, key=len, reverse=True)
fam_roles = {fid: sorted(rid for rid in roles if roles[rid]['family'] == fid) for fid in fam_name}

layout = ET.parse(layout_file).getroot()


def to_pt(v):
    m = re.fullmatch(r'(-?[0-9.]+)(pt|mm|cm|in)', v or '')
    if not m:
        return 56.69  # 20mm, the schema's default
    return float(m.group(1)) * {'pt': 1, 'mm': 72 / 25.4, 'cm': 720 / 25.4, 'in': 72}[m.group(2)]


tpls = list(layout.iter('page-template'))
margin_top = min(to_pt(t.get('margin-top')) for t in tpls)
margin_bottom = min(to_pt(t.get('margin-bottom')) for t in tpls)

# ---------------------------------------------------------- the PDF: text

# qpdf exits 3 when it had to warn (a damaged file): the --check of
# handbook.sh reports that; the JSON is still complete.
bbox_out, raw_out, qpdf_out = tools(
    (('pdftotext', '-enc', 'UTF-8', '-bbox-layout', pdf, '-'), (0,)),
    (('pdftotext', '-enc', 'UTF-8', '-raw', pdf, '-'), (0,)),
    (('qpdf', '--json', '--json-key=pages', '--json-key=pagelabels', '--json-key=outlines',
      '--json-key=qpdf', pdf, OUTFILE), (0, 3)))
bbox = ET.fromstring(bbox_out)
raw_pages = raw_out.split('\f')


class Page:
    pass


pages = []
for pe in bbox.iter(XH + 'page'):
    pg = Page()
    pg.w, pg.h = float(pe.get('width')), float(pe.get('height'))
    pg.blocks = []  # (yMin, text) of pdftotext's blocks
    pg.words = []   # (x centre, y centre from the bottom, as in PDF space, word)
    plines = []     # pdftotext's lines: [yMin, yMax, [(xMin, xMax, word)]]
    for b in pe.iter(XH + 'block'):
        btext = []
        for l in b.iter(XH + 'line'):
            words = [(float(w.get('xMin')), float(w.get('xMax')), w.text or '')
                     for w in l.iter(XH + 'word')]
            plines.append([float(l.get('yMin')), float(l.get('yMax')), words])
            for w in l.iter(XH + 'word'):
                pg.words.append(((float(w.get('xMin')) + float(w.get('xMax'))) / 2,
                                 pg.h - (float(w.get('yMin')) + float(w.get('yMax'))) / 2, w.text or ''))
            btext.append(' '.join(w[2] for w in words))
        pg.blocks.append((float(b.get('yMin')), ns(' '.join(btext))))
    # Visual lines: pdftotext lines whose vertical centres overlap merged
    # (a contents title and its page number, the cells of a table row).
    plines.sort(key=lambda l: l[0])
    vis = []
    for y0, y1, words in plines:
        c = (y0 + y1) / 2
        if vis and vis[-1][0] <= c <= vis[-1][1]:
            vis[-1][2].extend(words)
            vis[-1][1] = max(vis[-1][1], y1)
        else:
            vis.append([y0, y1, list(words)])
    # Zones: the running header is drawn in the top margin, the footer in
    # the bottom one; a heading's ascenders may reach a little above the
    # body, hence the quarter-margin allowance.
    top_cut, bottom_cut = margin_top * 0.75, pg.h - margin_bottom * 0.75
    pg.body, pg.header, pg.footer = [], [], []
    for y0, y1, words in vis:
        words.sort()
        segs, cur, last = [], [], None
        for x0, x1, t in words:
            if last is not None and x0 - last > 12:
                segs.append(' '.join(cur))
                cur = []
            cur.append(t)
            last = x1
        if cur:
            segs.append(' '.join(cur))
        line = dict(y=y0, text=ns(' '.join(segs)), segs=[ns(s) for s in segs], x=words[0][0] if words else 0)
        if y1 < top_cut:
            pg.header.append(line)
        elif y0 > bottom_cut:
            pg.footer.append(line)
        else:
            pg.body.append(line)
    pg.body_top = margin_top
    pages.append(pg)
NP = len(pages)
for i, pg in enumerate(pages):
    t = raw_pages[i] if i < len(raw_pages) else ''
    t = re.sub(r'(?<=[a-z])-\n(?=[a-z])', '', t)  # a word hyphenated at a line end
    pg.raw = ns(t)


def top_lines(pg, n=3, within=60):
    return [l['text'] for l in pg.body[:n] if l['y'] <= pg.body_top + within]


def has_line(pg, text):
    """text is a whole body line, or two consecutive ones, or a block."""
    b = pg.body
    for k, l in enumerate(b):
        if l['text'] == text or (k + 1 < len(b) and ns(l['text'] + ' ' + b[k + 1]['text']) == text):
            return True
    return any(t == text for y, t in pg.blocks if pg.body_top * 0.75 < y < pg.h - margin_bottom * 0.75)


def starts_on(text):
    """Pages (0-based) whose body begins with the heading `text`."""
    return [i for i, pg in enumerate(pages) if text in top_lines(pg)]


# ------------------------------------------------------ the PDF: objects

js = json.loads(qpdf_out)
objs = js['qpdf'][1]
page_objs = [p['object'] for p in js['pages']]
page_index = {o: i for i, o in enumerate(page_objs)}


def val(x):
    """A reference resolved to its object's value."""
    seen = 0
    while isinstance(x, str) and re.fullmatch(r'\d+ \d+ R', x) and seen < 20:
        o = objs.get('obj:' + x)
        if o is None:
            return None
        x = o['value'] if 'value' in o else o.get('stream', {}).get('dict')
        seen += 1
    return x


def pdfstr(x):
    if isinstance(x, str) and x[:2] in ('u:', 'b:'):
        if x[:2] == 'b:':
            try:
                return bytes.fromhex(x[2:]).decode('latin-1')
            except ValueError:
                return x[2:]
        return x[2:]
    if isinstance(x, str) and x.startswith('/'):
        return x[1:]
    return x


# ------------------------------------------------------------- page labels

labels = page_labels(js.get('pagelabels', []), NP, pdfstr)
label_pages = {}
for i, l in enumerate(labels):
    label_pages.setdefault(l, []).append(i)


def phys(label):
    """The 0-based page whose label is `label`, or None."""
    p = label_pages.get(label, [])
    return p[0] if len(p) == 1 else None


def pn(i):
    return 'page %d (label %s)' % (i + 1, labels[i])


# ================================================================ checks

# ---- where things start, found from the text alone
ladder_pages = [i for i, pg in enumerate(pages) if pg.w > pg.h]
C = 'ladder'
check(C, len(ladder_pages) == 1, 'exactly one landscape page: %s' % (pn(ladder_pages[0]) if ladder_pages else ''),
      'expected exactly one landscape page (width > height), found %d: %s'
      % (len(ladder_pages), [i + 1 for i in ladder_pages]))
LADDER = ladder_pages[0] if ladder_pages else None

role_start = {}
C = 'guides'
for rid, r in sorted(roles.items()):
    s = starts_on(r['title'])
    if check(C, len(s) == 1, "'%s' starts %s (its title at the top)" % (r['title'], pn(s[0]) if s else ''),
             "the role title '%s' heads %d pages (%s), expected exactly one guide start"
             % (r['title'], len(s), ', '.join(pn(i) for i in s))):
        role_start[rid] = s[0]
chapter_start = {}
for k, fid in enumerate(chapters):
    s = [i for i in starts_on(fam_name.get(fid, fid)) if ('CHAPTER %d' % (k + 1)) in
         [t.upper() for t in top_lines(pages[i])]]
    if check(C, len(s) == 1, "chapter %d '%s' starts %s" % (k + 1, fam_name.get(fid), pn(s[0]) if s else ''),
             "chapter %d '%s': %d pages start with 'Chapter %d' and the family name, expected one"
             % (k + 1, fam_name.get(fid), len(s), k + 1)):
        chapter_start[fid] = s[0]
# The guides of a family follow its chapter opening, before the next chapter.
bounds = [chapter_start.get(f) for f in chapters]
for k, fid in enumerate(chapters):
    if fid not in chapter_start:
        continue
    nxt = next((b for b in bounds[k + 1:] if b is not None), NP)
    wrong = [title_of[rid] for rid in fam_roles[fid]
             if rid in role_start and not chapter_start[fid] < role_start[rid] < nxt]
    check(C, not wrong, "the guides of '%s' (%d) are in its chapter" % (fam_name[fid], len(fam_roles[fid])),
          "guides outside the chapter of their family '%s': %s" % (fam_name[fid], ', '.join(wrong)))


def first_start(title):
    s = starts_on(title)
    return s[0] if s else None


CONTENTS, INTRO = first_start('Contents'), first_start('Introduction')
SKILLS, LEVELS = first_start('Skills index'), first_start('Level comparison by family')
check(C, None not in (CONTENTS, INTRO, SKILLS, LEVELS) and CONTENTS < INTRO < SKILLS < LEVELS,
      'Contents, Introduction, Skills index and Level comparison each start a page, in that order',
      'cannot find the pages that start with Contents (%s), Introduction (%s), Skills index (%s), '
      'Level comparison by family (%s), in that order' % (CONTENTS, INTRO, SKILLS, LEVELS))

# ---- page labels
C = 'labels'
check(C, all(l is not None for l in labels), 'every page has a page label (qpdf: %d ranges)' % len(js.get('pagelabels', [])),
      'pages without a label: %s' % [i + 1 for i, l in enumerate(labels) if l is None])
if LADDER is not None:
    front = labels[:LADDER]
    want_front = [roman(i + 1) for i in range(LADDER)]
    check(C, LADDER >= 2 and front == want_front,
          'front matter (cover to the page before the ladder) is labelled %s' % ', '.join(front),
          'front matter labels %s, expected lower-roman %s' % (front, want_front))
    body = labels[LADDER:]
    want_body = [str(i + 1) for i in range(NP - LADDER)]
    bad = [(LADDER + i + 1, a, b) for i, (a, b) in enumerate(zip(body, want_body)) if a != b]
    check(C, not bad, 'the body restarts at 1 on the ladder page and runs to %s' % body[-1],
          'body labels differ from 1, 2, 3... starting at the ladder page: first (page, label, expected) %s' % bad[:3])
# The printed footer number is the label.
bad, nofooter = [], []
for i, pg in enumerate(pages):
    words = [w for l in pg.footer for w in l['text'].split()]
    if not words:
        nofooter.append(i + 1)
    elif words[-1] != labels[i]:  # the number is the footer's last word
        bad.append((i + 1, labels[i], ' '.join(words)))
check(C, not bad, 'the page number printed at the end of every footer is the page label',
      'footers whose number is not the page label (page, label, footer): %s' % bad[:4])
check(C, nofooter == [1], 'every page but the cover has a footer',
      'pages without a footer: %s (expected only the cover, 1)' % nofooter)

# ---- contents
C = 'contents'
entries = []  # (physical contents page, indent x, text, printed number)
if None not in (CONTENTS, INTRO):
    for i in range(CONTENTS, INTRO):
        for l in pages[i].body:
            if len(l['segs']) >= 2 and re.fullmatch(r'[0-9]+|[ivxlcdm]+', l['segs'][-1]):
                entries.append((i, l['x'], ns(' '.join(l['segs'][:-1])), l['segs'][-1]))
check(C, len(entries) >= len(roles) + len(chapters) + 4,
      '%d contents entries read' % len(entries),
      'only %d contents entries read from pages %s-%s' % (len(entries), CONTENTS, INTRO))
level_names = sorted(lvl_name.values(), key=len, reverse=True)
part_x = min((e[1] for e in entries), default=0)
seen_roles, seen_chapters, cur_chapter = [], [], None
wrong_chapter = []
for ci, x, text, num in entries:
    target = phys(num)
    if not check(C, target is not None, '', "contents entry '%s': printed page %s is no page label of the PDF" % (text, num)):
        continue
    m = re.fullmatch(r'(\d+) (.+)', text)
    heading, kind = text, 'part'
    if m and m.group(2) in fam_name.values() and x <= part_x + 1:
        heading, kind = m.group(2), 'chapter'
        fid = next(f for f in fam_name if fam_name[f] == heading)
        seen_chapters.append((int(m.group(1)), fid))
        cur_chapter = fid
    elif x > part_x + 1:
        for lv in level_names:
            if text.endswith(' ' + lv) and text[:-len(lv) - 1] in id_of_title:
                heading, kind = text[:-len(lv) - 1], 'role'
                rid = id_of_title[heading]
                seen_roles.append(rid)
                check(C, roles[rid]['level'] in lvl_name and lvl_name[roles[rid]['level']] == lv, '',
                      "contents entry '%s': the level printed is %s, the blueprint says %s"
                      % (heading, lv, lvl_name.get(roles[rid]['level'])))
                if cur_chapter != roles[rid]['family']:
                    wrong_chapter.append(heading)
                break
        else:
            kind = 'sub'
    else:
        cur_chapter = None
    pg = pages[target]
    if kind in ('part', 'chapter', 'role'):
        found = check(C, heading in top_lines(pg),
                      "'%s' → %s: the page starts with that heading" % (heading, num),
                      "contents entry '%s' says page %s (%s), but that page does not start with '%s'; "
                      "its first lines: %s" % (text, num, pn(target), heading, top_lines(pg, within=800)))
    else:
        found = check(C, has_line(pg, heading), "'%s' → %s: the heading is on that page" % (heading, num),
                      "contents entry '%s' says page %s (%s), but the heading is not on that page"
                      % (text, num, pn(target)))
    if found and kind == 'role' and id_of_title[heading] in role_start:
        check(C, target == role_start[id_of_title[heading]], '',
              "contents entry '%s' says %s, the guide starts on %s"
              % (heading, pn(target), pn(role_start[id_of_title[heading]])))
want_chapters = list(enumerate(chapters, 1))
check(C, seen_chapters == want_chapters, 'the contents number the %d chapters in handbook.xml order' % len(chapters),
      'contents chapters %s, expected %s' % (seen_chapters, want_chapters))
check(C, sorted(seen_roles) == sorted(roles) and not wrong_chapter,
      'the contents list all %d roles once each, under their family' % len(roles),
      'contents roles differ: missing %s, repeated %s, under the wrong chapter %s'
      % (sorted(set(roles) - set(seen_roles)), sorted(set(r for r in seen_roles if seen_roles.count(r) > 1)),
         wrong_chapter))

# ---- cross-references "Title (p. N)" in the body
C = 'xrefs'
n_ref, bad = 0, []
by_target = {}
for i, pg in enumerate(pages):
    for m in re.finditer(r'\(p\. ?(\d+)\)', pg.raw):
        n_ref += 1
        before = pg.raw[:m.start()].rstrip()
        title = next((t for t in titles_longest_first
                      if before.endswith(t) and (len(before) == len(t) or not before[-len(t) - 1].isalnum())), None)
        if title is None:
            bad.append("%s: '(p. %s)' does not follow a role title: '...%s'" % (pn(i), m.group(1), before[-50:]))
            continue
        rid = id_of_title[title]
        target = phys(m.group(1))
        by_target[rid] = by_target.get(rid, 0) + 1
        if target is None:
            bad.append("%s: '%s (p. %s)': no page has the label %s" % (pn(i), title, m.group(1), m.group(1)))
        elif title not in top_lines(pages[target]):
            bad.append("%s: '%s (p. %s)' points at %s, which does not start with '%s' (the guide starts on %s)"
                       % (pn(i), title, m.group(1), pn(target), title,
                          pn(role_start[rid]) if rid in role_start else '?'))
# As many as the layout has page-refs written "(p. N)".
with open(layout_file, encoding='utf-8') as f:
    n_layout = len(re.findall(r'\(p\.(?:\s|&#160;|\u00a0)*<page-ref [^>]*/>\)', f.read()))
check(C, n_ref == n_layout and n_ref > 0, '%d cross-references "Title (p. N)" read, as many as the layout has' % n_ref,
      '%d cross-references "(p. N)" in the PDF text, the layout has %d' % (n_ref, n_layout))
check(C, not bad, 'all %d point at the start of the guide they name (%d different roles)' % (n_ref, len(by_target)),
      '%d of %d cross-references are wrong, e.g.: %s' % (len(bad), n_ref, ' | '.join(bad[:4])))

# ---- the skills index
C = 'index'
profs = '|'.join(re.escape(p) for p in prof_name.values())
prof_id = {v: k for k, v in prof_name.items()}
got, bad, skill = {}, [], None
n_entries = 0
if None not in (SKILLS, LEVELS):
    for i in range(SKILLS, LEVELS):
        for l in pages[i].body:
            m = re.fullmatch(r'(.+) · (\d+) roles?', l['text'])
            if m:
                skill = m.group(1)
                got.setdefault(skill, {})
                continue
            m = re.fullmatch(r'(.+) (%s) (\d+)' % profs, l['text'])
            if not m or skill is None:
                continue
            n_entries += 1
            title, prof, num = m.groups()
            if title not in id_of_title:
                bad.append("%s: index entry '%s' under '%s' is no role title" % (pn(i), title, skill))
                continue
            rid = id_of_title[title]
            got[skill][rid] = prof_id[prof]
            target = phys(num)
            if target is None or rid not in role_start or target != role_start[rid]:
                bad.append("%s: index entry %s → %s under '%s': that is %s, the guide starts on %s"
                           % (pn(i), title, num, skill, pn(target) if target is not None else 'no page',
                              pn(role_start[rid]) if rid in role_start else '?'))
want = {}
for rid, r in roles.items():
    for s, p in r['skills'].items():
        want.setdefault(s, {})[rid] = p
n_want = sum(len(v) for v in want.values())
check(C, n_entries == n_want, 'the index has %d entries: one per skill of every role' % n_entries,
      'the index has %d role entries, the blueprints have %d role skills' % (n_entries, n_want))
check(C, not bad, 'every index page number is the start of the guide it names',
      '%d index entries are wrong, e.g.: %s' % (len(bad), ' | '.join(bad[:4])))
diff = sorted(set(want) ^ set(got)) + sorted(s for s in want if s in got and got[s] != want[s])
check(C, not diff, 'the index lists all %d skills, each with its roles and proficiencies' % len(want),
      'skills missing, extra or with other roles/proficiencies than the blueprints: %s' % diff[:5])

# ---- link annotations and named destinations
C = 'links'
catalog = val(objs.get('trailer', {}).get('value', {}).get('/Root'))
named = {}


def walk_names(node, depth=0):
    node = val(node)
    if not isinstance(node, dict) or depth > 20:
        return
    arr = val(node.get('/Names')) or []
    for k in range(0, len(arr) - 1, 2):
        named[pdfstr(arr[k])] = arr[k + 1]
    for kid in val(node.get('/Kids')) or []:
        walk_names(kid, depth + 1)


if isinstance(catalog, dict):
    names = val(catalog.get('/Names'))
    if isinstance(names, dict) and names.get('/Dests'):
        walk_names(names['/Dests'])
    old = val(catalog.get('/Dests'))
    if isinstance(old, dict):
        for k, v in old.items():
            named.setdefault(k[1:], v)


def dest_page(d):
    """The 0-based page a destination leads to, or None."""
    for _ in range(5):
        d = val(d)
        if isinstance(d, str) and (d.startswith('u:') or d.startswith('b:') or d.startswith('/')):
            d = named.get(pdfstr(d))
            continue
        if isinstance(d, dict):
            d = d.get('/D')
            continue
        break
    if isinstance(d, list) and d:
        return page_index.get(d[0]) if isinstance(d[0], str) else (d[0] if isinstance(d[0], int) and 0 <= d[0] < NP else None)
    return None


n_links, n_uri, bad, per_name = 0, 0, [], {}
for i, p in enumerate(page_objs):
    po = val(p) or {}
    for a in val(po.get('/Annots')) or []:
        av = val(a) or {}
        if av.get('/Subtype') != '/Link':
            continue
        n_links += 1
        d = av.get('/Dest')
        act = val(av.get('/A'))
        if d is None and isinstance(act, dict):
            if act.get('/S') == '/URI':
                n_uri += 1
                continue
            d = act.get('/D')
        target = dest_page(d)
        name = pdfstr(val(d)) if isinstance(val(d), str) else None
        if target is None:
            bad.append('%s: link %s to %s leads to no page' % (pn(i), a, d))
        elif name:
            per_name.setdefault(name, set()).add(target)
check(C, n_links >= n_ref, '%d link annotations (%d to URIs)' % (n_links, n_uri),
      'only %d link annotations, fewer than the %d cross-references' % (n_links, n_ref))
check(C, not bad, 'every internal link leads to an existing page',
      '%d links lead nowhere, e.g.: %s' % (len(bad), ' | '.join(bad[:3])))
bad = []
for rid, s in role_start.items():
    d = dest_page(named.get(rid)) if rid in named else None
    if d != s:
        bad.append("destination '%s' → %s, the guide starts on %s" % (rid, pn(d) if d is not None else 'none', pn(s)))
for fid, s in chapter_start.items():
    d = dest_page(named.get(fid)) if fid in named else None
    if d != s:
        bad.append("destination '%s' → %s, the chapter starts on %s" % (fid, pn(d) if d is not None else 'none', pn(s)))
check(C, not bad, "the named destination of every role and chapter is its first page",
      'named destinations off: %s' % ' | '.join(bad[:4]))
multi = {k: v for k, v in per_name.items() if len(v) > 1}
check(C, not multi, 'links to %d different destinations, each name always the same page' % len(per_name),
      'links of one name lead to several pages: %s' % multi)

# Every link to a guide lies on text that names it: the role title or,
# for a bare page number, the label of the guide's first page.  A link
# broken across lines is one annotation per line, in a row: they are
# taken together.
bad, n_checked = [], 0
for i, p in enumerate(page_objs):
    po = val(p) or {}
    groups = []  # [role id, [areas]]
    for a in val(po.get('/Annots')) or []:
        av = val(a) or {}
        if av.get('/Subtype') != '/Link' or not av.get('/Rect'):
            continue
        d = val(av.get('/Dest'))
        if d is None:
            d = val((val(av.get('/A')) or {}).get('/D'))
        rid = pdfstr(d) if isinstance(d, str) else None
        q = [float(v) for v in (av.get('/QuadPoints') or [])]
        if len(q) >= 8:
            areas = [(min(q[k:k + 8:2]), min(q[k + 1:k + 8:2]), max(q[k:k + 8:2]), max(q[k + 1:k + 8:2]))
                     for k in range(0, len(q) - 7, 8)]
        else:
            r = [float(v) for v in av['/Rect']]
            areas = [(min(r[0], r[2]), min(r[1], r[3]), max(r[0], r[2]), max(r[1], r[3]))]
        if groups and groups[-1][0] == rid:
            groups[-1][1].extend(areas)
        else:
            groups.append([rid, areas])
    for rid, areas in groups:
        if rid not in roles or rid not in role_start:
            continue
        n_checked += 1
        under = ns(' '.join(w for x, y, w in pages[i].words
                            if any(a0 - 0.5 <= x <= a2 + 0.5 and a1 - 0.5 <= y <= a3 + 0.5
                                   for a0, a1, a2, a3 in areas)))
        label = labels[role_start[rid]]
        if title_of[rid] not in under and label not in re.findall(r'\w+', under):
            bad.append("%s: the link to '%s' at %s covers '%s'"
                       % (pn(i), title_of[rid], [round(v) for v in areas[0]], under[:40]))
check(C, n_checked > 0 and not bad,
      'all %d links to a guide lie on its title or its page number' % n_checked,
      '%d of %d links to a guide do not lie on its title or page number, e.g.: %s'
      % (len(bad), n_checked, ' | '.join(bad[:4])))

# ---- the outline
C = 'outline'
outl = js.get('outlines', [])
top = [ns(o.get('title')) for o in outl]
check(C, all(o.get('destpageposfrom1') for o in outl), '', 'top-level outline entries without a destination page')
fam_top = [t for t in top if t in fam_name.values()]
want_fam = [fam_name[f] for f in chapters]
check(C, fam_top == want_fam, 'one top-level entry per family chapter, in order: %s' % ', '.join(fam_top),
      'top-level family entries %s, expected %s' % (fam_top, want_fam))
others = [t for t in top if t not in fam_name.values()]
want_others = ['Contents'] + [e[2] for e in entries if e[1] <= part_x + 1 and not re.fullmatch(r'\d+ .+', e[2])]
check(C, others == want_others, 'front and back matter entries: %s' % ', '.join(others),
      'top-level entries besides the families %s, expected Contents and the contents parts %s' % (others, want_others))

# Expected entries below each role: its guide's level-2 and level-3 headings.
guide_heads = {}
for s in layout.iter('section'):
    if s.get('id') in roles:
        guide_heads[s.get('id')] = [(int(h.get('level')), ns(''.join(h.itertext())))
                                    for h in s.iter('heading')
                                    if h.get('outline') != 'no' and h.get('level') in ('2', '3')]


def flat(kids, depth):
    for k in kids:
        yield depth, ns(k.get('title')), k.get('destpageposfrom1')
        yield from flat(k.get('kids', []), depth + 1)


n_sections = 0
for o in outl:
    t = ns(o.get('title'))
    for c in chapters:
        if fam_name[c] != t:
            continue
        check(C, chapter_start.get(c) is not None and o.get('destpageposfrom1') == chapter_start[c] + 1, '',
              "outline '%s' leads to page %s, the chapter starts on page %s"
              % (t, o.get('destpageposfrom1'), chapter_start.get(c, -2) + 1))
        kids = [ns(k.get('title')) for k in o.get('kids', [])]
        want_kids = sorted([title_of[r] for r in fam_roles[c]], key=lambda x: role_start.get(id_of_title[x], 0))
        check(C, kids == want_kids, "'%s': one entry per role, in page order (%d)" % (t, len(kids)),
              "outline under '%s' is %s, expected the family's roles %s" % (t, kids, want_kids))
        for k in o.get('kids', []):
            kt = ns(k.get('title'))
            rid = id_of_title.get(kt)
            if rid is None:
                continue
            check(C, k.get('destpageposfrom1') == role_start.get(rid, -2) + 1, '',
                  "outline '%s' leads to page %s, the guide starts on page %s"
                  % (kt, k.get('destpageposfrom1'), role_start.get(rid, -2) + 1))
            got_heads = [(d, h) for d, h, p in flat(k.get('kids', []), 2)]
            want_heads = guide_heads.get(rid, [])
            check(C, got_heads == want_heads and want_heads, '',
                  "outline below '%s' %s differs from its guide's headings %s" % (kt, got_heads[:6], want_heads[:6]))
            # Each section entry leads to the page its heading is on, inside the guide.
            start = role_start.get(rid, 0)
            later = [s for s in role_start.values() if s > start] + [chapter_start[f] for f in chapter_start if chapter_start[f] > start]
            end = min(later + [SKILLS if SKILLS is not None else NP])
            for d, h, p in flat(k.get('kids', []), 2):
                n_sections += 1
                ok = p is not None and start < p <= end and has_line(pages[p - 1], h)
                check(C, ok, '', "outline '%s' › '%s' leads to page %s, where that heading is not (the guide is pages %d-%d)"
                      % (kt, h, p, start + 1, end))
check(C, n_sections > 5 * len(roles),
      'under every role its guide\'s sections (%d entries), nested, each leading to the page of its heading' % n_sections,
      'only %d section entries below the roles' % n_sections)

# ---- the ladder diagram page
C = 'ladder'
if LADDER is not None:
    sizes = tool('pdfinfo', '-f', str(LADDER + 1), '-l', str(LADDER + 1), pdf)
    m = re.search(r'Page +%d size: +([0-9.]+) x ([0-9.]+)' % (LADDER + 1), sizes)
    rot = re.search(r'Page +%d rot: +(\d+)' % (LADDER + 1), sizes)
    w, h = (float(m.group(1)), float(m.group(2))) if m else (0, 0)
    if rot and int(rot.group(1)) % 180 == 90:
        w, h = h, w
    check(C, w > h and abs(w - 841.89) < 1 and abs(h - 595.28) < 1,
          'pdfinfo: %s is A4 landscape (%.2f x %.2f pt, rotation %s)' % (pn(LADDER), w, h, rot.group(1) if rot else '?'),
          'pdfinfo gives %s as %.2f x %.2f pt: not A4 landscape' % (pn(LADDER), w, h))
    portrait = [i + 1 for i, pg in enumerate(pages) if i != LADDER and not (abs(pg.w - 595.28) < 1 and abs(pg.h - 841.89) < 1)]
    check(C, not portrait, 'every other page is A4 portrait', 'pages not A4 portrait: %s' % portrait[:10])
    pg = pages[LADDER]
    check(C, 'The ladder at a glance' in top_lines(pg), "it starts with 'The ladder at a glance'",
          "the landscape page does not start with 'The ladder at a glance': %s" % top_lines(pg, within=800))
    blocks = [t for y, t in pg.blocks]
    missing = [t for t in sorted(id_of_title) if blocks.count(t) != 1]
    check(C, not missing, 'every one of the %d role titles is a box on it, once' % len(roles),
          'role titles not drawn exactly once as a box on the ladder page: %s' % missing)
    # Each box is a link to its guide.
    po = val(page_objs[LADDER]) or {}
    rects = []
    for a in val(po.get('/Annots')) or []:
        av = val(a) or {}
        if av.get('/Subtype') == '/Link' and av.get('/Rect'):
            r = [float(v) for v in av['/Rect']]
            rects.append((min(r[0], r[2]), min(r[1], r[3]), max(r[0], r[2]), max(r[1], r[3]), dest_page(av.get('/Dest') or (val(av.get('/A')) or {}).get('/D'))))
    nolink = []
    pe = list(bbox.iter(XH + 'page'))[LADDER]
    for b in pe.iter(XH + 'block'):
        t = ns(' '.join(w.text or '' for w in b.iter(XH + 'word')))
        if t not in id_of_title:
            continue
        cx = (float(b.get('xMin')) + float(b.get('xMax'))) / 2
        cy = pg.h - (float(b.get('yMin')) + float(b.get('yMax'))) / 2
        hit = [r for r in rects if r[0] <= cx <= r[2] and r[1] <= cy <= r[3]]
        if not hit or hit[0][4] != role_start.get(id_of_title[t]):
            own = [r for r in rects if r[4] == role_start.get(id_of_title[t])]
            nolink.append("'%s' (box centre %d,%d; %s)"
                          % (t, cx, cy, 'its link is at [%d %d %d %d]' % own[0][:4] if own else 'no link to it'))
    check(C, not nolink, 'every role box is a link to the first page of its guide',
          '%d of %d role boxes are not covered by a link to their guide (PDF coordinates, page %.0f x %.0f): %s'
          % (len(nolink), len(roles), pg.w, pg.h, '; '.join(nolink[:4])))
    # Boxes alike and arrows alike are painted together (render.c,
    # same_paint): the page has fewer fills and strokes than arrows, and
    # its strokes still draw every arrow (one curve each) and every box
    # (four rounded corners).
    said = re.search(r'(\d+)\s+promotions,\s+(\d+)\s+lateral\s+moves',
                     tool('pdftotext', '-f', str(LADDER + 1), '-l', str(LADDER + 1), pdf, '-'))
    trace = tool('mutool', 'draw', '-F', 'trace', '-o', '-', pdf, str(LADDER + 1)).splitlines()
    paints = sum(1 for t in trace if re.match(r'\s*<(fill|stroke)_path', t))
    curves, stroking = 0, False
    for t in trace:
        stroking = stroking or bool(re.match(r'\s*<stroke_path', t))
        if stroking and re.match(r'\s*</stroke_path', t):
            stroking = False
        curves += stroking and bool(re.match(r'\s*<curveto', t))
    arrows = int(said.group(1)) + int(said.group(2)) if said else 0
    # The legend counts each move once: the roles' promotions and lateral
    # moves, then their feeders turned round (a promotion when it climbs),
    # in the set's order; the first of the same from and to, and a lateral
    # move both roles list once (counted where it is listed first).
    listed = [(rid, to, k) for rid in roles for k, to in roles[rid]['moves']
              if k in ('promotion', 'lateral') and to in roles]
    listed += [(fr, rid, 'promotion' if lvl_rank[roles[fr]['level']] < lvl_rank[roles[rid]['level']] else 'lateral')
               for rid in roles for k, fr in roles[rid]['moves'] if k == 'feeder' and fr in roles]
    first = {}
    for i, (a, b, k) in enumerate(listed):
        first.setdefault((a, b), (i, k))
    once = {(a, b, k) for (a, b), (i, k) in first.items()
            if a != b and not (k == 'lateral' and first.get((b, a), (i,))[0] < i)}
    kinds = [k for a, b, k in once]
    both = sum(1 for (a, b), (i, k) in first.items() if k == 'lateral' and (b, a) in first)
    check(C, said and (int(said.group(1)), int(said.group(2))) == (kinds.count('promotion'), kinds.count('lateral')) and both,
          'the legend counts each move once: %d promotions, %d lateral moves (%d of them listed by both roles)'
          % (kinds.count('promotion'), kinds.count('lateral'), both // 2),
          'the legend says "%s", where the blueprints give %d promotions and %d lateral moves, each once (%d laterals listed from both ends)'
          % (said.group(0) if said else 'no counts', kinds.count('promotion'), kinds.count('lateral'), both // 2))
    drawn = [(e.get('from'), e.get('to'), e.get('kind')) for sec in layout.iter('section')
             if sec.get('id') == 'hb.ladder' for e in sec.iter('edge')]
    check(C, sorted(drawn) == sorted(once),
          'the diagram draws each of them once, a lateral move from the role that lists it first',
          'the diagram\'s edges differ from the blueprints\' moves: %s drawn but not moves, %s moves not drawn, %d drawn twice'
          % (sorted(set(drawn) - once)[:3], sorted(once - set(drawn))[:3], len(drawn) - len(set(drawn))))
    check(C, said and arrows > 0 and paints < arrows and curves == arrows + 4 * len(roles),
          'its %d arrows and %d boxes take %d fills and strokes, every one drawn (%d curves stroked)'
          % (arrows, len(roles), paints, curves),
          'arrows %s, boxes %d: %d fills and strokes (fewer than the arrows expected), %d curves stroked (expected arrows + 4 per box)'
          % (arrows if said else "not stated on the page", len(roles), paints, curves))

# ---- level-comparison tables
C = 'tables'
if LEVELS is not None:
    seq = []  # (page, line) of the level-comparison part
    for i in range(LEVELS, NP):
        for k, l in enumerate(pages[i].body):
            seq.append((i, k, l))
    heads = {}
    for n, (i, k, l) in enumerate(seq):
        for fid in chapters:
            if l['text'] == fam_name[fid] and n + 1 < len(seq) and re.match(r'\w+: ', seq[n + 1][2]['text']):
                heads.setdefault(fid, n)
    order = sorted(heads, key=heads.get)
    check(C, order == chapters, 'one level comparison per family, in chapter order',
          'level comparisons found for %s, expected %s' % (order, chapters))
    spanning = 0
    for j, fid in enumerate(order):
        start = heads[fid]
        end = heads[order[j + 1]] if j + 1 < len(order) else len(seq)
        part = seq[start:end]
        levels = sorted(set(roles[r]['level'] for r in fam_roles[fid]), key=lambda x: lvl_rank[x])
        header = ['Skill'] + [lvl_name[x] for x in levels]
        hrows = [(i, k) for i, k, l in part if l['segs'] == header]
        if not check(C, hrows, "'%s': the table has the header row %s" % (fam_name[fid], ' | '.join(header)),
                     "'%s': no table header row %s after the heading" % (fam_name[fid], header)):
            continue
        first_row = next(n for n, (i, k, l) in enumerate(part) if (i, k) == hrows[0])
        rows = part[first_row + 1:]
        skills = set(s for r in fam_roles[fid] for s in roles[r]['skills'])
        seen = set(l['segs'][0] for i, k, l in rows if l['segs'] and l['segs'][0] in skills)
        check(C, seen == skills, "'%s': a row for each of its %d skills" % (fam_name[fid], len(skills)),
              "'%s': table rows missing for %s" % (fam_name[fid], sorted(skills - seen)))
        # Pages the table's rows are on; on each but the first the header
        # row must come first.
        row_pages = sorted(set(i for i, k, l in rows if l['segs'] and l['segs'][0] in skills))
        cont = [i for i in row_pages if i != hrows[0][0]]
        if cont:
            spanning += 1
        for i in cont:
            first = pages[i].body[0]['segs'] if pages[i].body else []
            check(C, first == header, "'%s': continued on %s under a repeated header row" % (fam_name[fid], pn(i)),
                  "'%s': the table continues on %s without repeating its header row; that page starts with %s"
                  % (fam_name[fid], pn(i), first))
    check(C, True, '%d of %d tables span pages' % (spanning, len(order)), '')

print('\n'.join(OUT))

#!/usr/bin/env python3
# pdf_digest.py - what a reader gets from a PDF's navigation, object
# numbers aside; used by parts.sh to compare a book drawn in parts with
# the same book drawn whole.
#
#   python3 pdf_digest.py FILE.pdf
#
# Prints, read with `qpdf --json` (its own reader, not rolepress's):
#   page N label L           every page's label, from the page-label ranges
#   link P [rect] -> T y in E  every link annotation: its page, rectangle,
#                            the page (and destination) it leads to, named
#                            destinations resolved, or -> uri U; and the
#                            element its /StructParent key maps it to
#   dest NAME -> T y         every named destination
#   tree K P                 the parent tree: each key with what it maps to
#                            (page P's marked content, or an element),
#                            elements named by their type and page
import json
import re
import subprocess
import sys
import tempfile

from pdflabels import page_labels

# Into a file: qpdf writes its standard output a few bytes at a time
# (300,000 writes for the shipped handbook, 1.5 s through a pipe).
with tempfile.NamedTemporaryFile(suffix='.json') as out:
    subprocess.run(['qpdf', '--json', sys.argv[1], out.name], check=True)
    js = json.load(out)
objs = js['qpdf'][1]
pages = [p['object'] for p in js['pages']]
page_of = {o: i for i, o in enumerate(pages)}


def val(x):
    for _ in range(20):
        if not (isinstance(x, str) and re.fullmatch(r'\d+ \d+ R', x)):
            break
        o = objs.get('obj:' + x, {})
        x = o['value'] if 'value' in o else o.get('stream', {}).get('dict')
    return x


def text(p):
    return p[2:] if isinstance(p, str) and p[:2] in ('u:', 'b:') else ''


for i, lab in enumerate(page_labels(js.get('pagelabels', []), len(pages), text)):
    print('page %d label %s' % (i, lab if lab is not None else i + 1))

catalog = val(objs['trailer']['value']['/Root'])
named = {}


def walk(node, depth=0):
    node = val(node) or {}
    arr = val(node.get('/Names')) or []
    for k in range(0, len(arr) - 1, 2):
        named[arr[k]] = arr[k + 1]
    for kid in val(node.get('/Kids')) or [] if depth < 20 else []:
        walk(kid, depth + 1)


walk((val(catalog.get('/Names')) or {}).get('/Dests'))


def target(d):
    d = val(d)
    if isinstance(d, str) and d[:2] in ('u:', 'b:'):
        d = val(named.get(d))
    if isinstance(d, list) and d:
        return '%s %s' % (page_of.get(d[0], '?'), ' '.join(str(v) for v in d[1:]))
    return 'nowhere'


def element(e):
    e = val(e) or {}
    pg = e.get('/Pg')
    return '%s@%s' % (e.get('/S'), page_of.get(pg, '-'))


nums = val(val(val(catalog.get('/StructTreeRoot')).get('/ParentTree')).get('/Nums')) or []
by_key = {nums[k]: nums[k + 1] for k in range(0, len(nums) - 1, 2)}

for i, p in enumerate(pages):
    for a in val(val(p).get('/Annots')) or []:
        a = val(a)
        if a.get('/Subtype') != '/Link':
            continue
        rect = ' '.join('%.1f' % v for v in val(a.get('/Rect')))
        act = val(a.get('/A')) or {}
        to = 'uri ' + str(act.get('/URI')) if act.get('/S') == '/URI' else target(a.get('/Dest'))
        key = a.get('/StructParent')
        print('link %d [%s] -> %s in %s' % (i, rect, to, element(by_key.get(key)) if key is not None else '-'))
for name in sorted(named):
    print('dest %s -> %s' % (name, target(named[name])))


for k in range(0, len(nums) - 1, 2):
    v = val(nums[k + 1])
    what = ' '.join(element(e) for e in v) if isinstance(v, list) else element(nums[k + 1])
    print('tree %s %s' % (nums[k], what))

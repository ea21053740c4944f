#!/usr/bin/env python3
# l10n_catalogues.py - the message catalogues are complete; used by l10n.sh.
#
#   python3 l10n_catalogues.py SOURCE_DIR
#
# Checks, against xml/l10n/en.xml (the reference):
#   * every other catalogue has exactly its keys, each once, and says its
#     own language (xml:lang = the file's name);
#   * each message keeps the placeholders ({name}) of the English one, so
#     no number, title or page is dropped or left unfilled;
#   * number.digits is ten characters and every message is non-blank;
#   * every key the shipped stylesheets look up literally is in en.xml.
# Prints one line per problem and exits 1 when there is any; prints the
# number of catalogues and keys checked otherwise.
import os
import re
import sys
import xml.etree.ElementTree as ET

src = sys.argv[1]
l10n = os.path.join(src, 'xml', 'l10n')
XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
problems = []


def load(path):
    root = ET.parse(path).getroot()
    msgs = {}
    for m in root.findall('msg'):
        key = m.get('key')
        if key in msgs:
            problems.append(f'{path}: key {key} is there twice')
        msgs[key] = m.text or ''
    return root.get(XML_LANG), msgs


def placeholders(text):
    return sorted(set(re.findall(r'\{([a-z-]+)\}', text)))


_, en = load(os.path.join(l10n, 'en.xml'))
names = sorted(f for f in os.listdir(l10n) if f.endswith('.xml'))
for name in names:
    path = os.path.join(l10n, name)
    lang, msgs = load(path)
    if lang != name[:-4]:
        problems.append(f'{path}: xml:lang is {lang!r}, not {name[:-4]!r}')
    for key in sorted(set(en) - set(msgs)):
        problems.append(f'{path}: no message {key}')
    for key in sorted(set(msgs) - set(en)):
        problems.append(f'{path}: message {key} is not in en.xml')
    for key in sorted(set(en) & set(msgs)):
        if not msgs[key].strip():
            problems.append(f'{path}: message {key} is blank')
        if placeholders(msgs[key]) != placeholders(en[key]) and key != 'hb.role-count.one':
            problems.append(f'{path}: {key} has placeholders {placeholders(msgs[key])}, '
                            f'en.xml {placeholders(en[key])}')
    if len(msgs.get('number.digits', '')) != 10:
        problems.append(f'{path}: number.digits is not ten characters')

# Keys named literally in the stylesheets: rp:msg('key'...), a key
# parameter select="'key'", and the keys chosen in an xsl:when.
used = set()
for sheet in ('common', 'job-description', 'career-guide', 'handbook'):
    text = open(os.path.join(src, 'xsl', sheet + '.xsl'), encoding='utf-8').read()
    used |= set(re.findall(r"rp:msg\('([a-z0-9.-]+)'", text))
    used |= set(re.findall(r'name="key" select="\'([a-z0-9.-]+)\'"', text))
    used |= set(re.findall(r'<xsl:when test="[^"]*">([a-z]+\.[a-z0-9.-]+)</xsl:when>', text))
for key in sorted(used - set(en)):
    problems.append(f'xsl: the stylesheets look up {key}, which en.xml lacks')
if len(used) < 100:
    problems.append(f'xsl: only {len(used)} keys found in the stylesheets; the scan is broken')

for p in problems:
    print(p)
if problems:
    sys.exit(1)
print(f'{len(names)} catalogues, {len(en)} keys each, {len(used)} keys used by the stylesheets')

#!/usr/bin/env bash
# guide.sh - `rolepress guide`: career guides of the shipped set.
#
# `rolepress guide xml/roles -o DIR` exits 0 with nothing on stdout or
# stderr (no layout warning) and writes one DIR/<id>.pdf per role, nothing
# else.  For every guide (each one an independent case):
#   * the text (pdftotext) holds the role title, the "Skill matrix"
#     heading followed by every proficiency name of xml/ladders.xml, and
#     the "What changes at the next level" heading;
#   * the skill matrix marks are vector shapes: no circle glyph (● ○ ...)
#     anywhere in the text;
#   * for every promotion to a role of the set (move kind="promotion"
#     role="ID"), the next-level section holds the target's heading
#     ("Title · Level"), the skill summary with the counts computed here
#     from the two blueprints and the ranks in ladders.xml (skills matched
#     by name: rising, new, unchanged, lower, no longer listed) and the
#     name of every skill that is new in the target or whose proficiency
#     rises; a role without such a promotion says so;
#   * pdffonts lists fonts, all embedded; qpdf --check passes.
# A set in a directory named "my rôles" exports too (siblings are read).
# The text is compared by one python3 process for all guides.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

command -v python3 >/dev/null || { echo "$E2E_NAME: python3 is not installed" >&2; exit 2; }

OUT="$T/guides"
run guide "$ROLES" -o "$OUT"
assert_quiet_success "guide xml/roles -o DIR"
ok "guide xml/roles: exit 0, nothing on stdout or stderr"

IDS=()
for f in "$ROLES"/*.xml; do
    IDS+=("$(basename "$f" .xml)")
done
for id in "${IDS[@]}"; do
    assert_pdf "$OUT/$id.pdf"
done
n=$(find "$OUT" -mindepth 1 | wc -l)
[ "$n" -eq "${#IDS[@]}" ] || fail "$n files in the output directory, expected ${#IDS[@]} (one <id>.pdf per role)"
[ "$n" -eq 30 ] || fail "$n guides, expected the 30 of the shipped set"
assert_no_tmp_files "$OUT"
ok "one <id>.pdf per role: $n guides, nothing else"

mkdir -p "$T/txt"
for id in "${IDS[@]}"; do
    pdftotext -enc UTF-8 "$OUT/$id.pdf" "$T/txt/$id.txt" 2>/dev/null ||
        fail "pdftotext cannot read $id.pdf"
done

# One line per check: "ID<TAB>ok|fail<TAB>MESSAGE".
cat >"$T/check.py" <<'EOF'
import os, re, sys
import xml.etree.ElementTree as ET

roles_dir, ladder_file, txt_dir = sys.argv[1:4]

def ns(s):
    return ' '.join((s or '').split())

ladder = ET.parse(ladder_file).getroot()
profs = sorted(ladder.iter('proficiency'), key=lambda p: int(p.get('rank')))
prof_rank = {p.get('id'): int(p.get('rank')) for p in profs}
prof_names = [ns(p.get('name')) for p in profs]
prof_name = {p.get('id'): ns(p.get('name')) for p in profs}
level_name = {l.get('id'): ns(l.get('name')) for l in ladder.iter('level')}

roles = {}
for f in sorted(os.listdir(roles_dir)):
    if f.endswith('.xml'):
        roles[f[:-4]] = ET.parse(os.path.join(roles_dir, f)).getroot()

def skills(r):
    return [(ns(s.get('name')), ns(s.get('proficiency'))) for s in r.iter('skill')]

def reading_text(path):
    t = open(path, encoding='utf-8').read()
    # a line broken after a hyphen inside a word: joined back
    t = re.sub(r'(?<=[A-Za-z0-9])-\n(?=[a-z])', '-', t)
    # a word rolepress hyphenated at a line end (U+2010): joined back
    t = re.sub('\u2010\\s+', '', t)
    return ns(t)

def summary(c):
    # the wording of career-guide.xsl's diff-summary
    parts = []
    if c['up']: parts.append('%d expected at a higher level' % c['up'])
    if c['new']: parts.append('%d new' % c['new'])
    if c['same']: parts.append('%d unchanged' % c['same'])
    if c['down']: parts.append('%d expected at a lower level' % c['down'])
    if c['gone']: parts.append('%d no longer listed' % c['gone'])
    if len(parts) > 1:
        return ', '.join(parts[:-1]) + ' and ' + parts[-1] + '.'
    return parts[0] + '.' if parts else '.'

CIRCLES = '\u25cf\u25cb\u25ef\u2b24\u26ab\u26aa\u25c9\u25cc'
NEXT = 'What changes at the next level'
names_checked = 0

for rid, r in roles.items():
    out = []
    def check(cond, msg_ok, msg_fail):
        out.append('%s\t%s\t%s' % (rid, 'ok' if cond else 'fail', msg_ok if cond else msg_fail))
        return cond
    text = reading_text(os.path.join(txt_dir, rid + '.txt'))
    title = ns(r.findtext('title'))
    check(title and title in text, "the title '%s' is in the text" % title,
          "the text lacks the title '%s'" % title)
    i = text.find('Skill matrix')
    if check(i >= 0, "the 'Skill matrix' heading is in the text", "the text lacks 'Skill matrix'"):
        missing = [p for p in prof_names if p not in text[i:]]
        check(not missing, "the skill matrix names every proficiency level (%s)" % ', '.join(prof_names),
              "after 'Skill matrix' the text lacks the proficiency level(s) %s" % ', '.join(missing))
    glyphs = sorted(set(c for c in text if c in CIRCLES))
    check(not glyphs, 'no circle glyph in the text (the marks are shapes)',
          'circle glyph(s) %s in the text: the matrix marks are characters, not shapes'
          % ' '.join('U+%04X' % ord(c) for c in glyphs))
    j = text.find(NEXT)
    if not check(j >= 0, "the '%s' heading is in the text" % NEXT, "the text lacks '%s'" % NEXT):
        print('\n'.join(out)); continue
    section = text[j:]

    # promotions to roles of the set, in blueprint order
    here = {}
    for n, p in skills(r):
        here.setdefault(n, p)
    targets = [ns(m.get('role')) for m in r.iter('move')
               if m.get('kind') == 'promotion' and ns(m.get('role')) in roles]
    promotions = [m for m in r.iter('move') if m.get('kind') == 'promotion']
    if not targets:
        if promotions:
            check('No promotion from this role leads to a role in this set' in section,
                  'no promotion inside the set: the section says so',
                  "no promotion inside the set, but the section does not say 'No promotion from this role leads to a role in this set'")
        else:
            check('No promotion is recorded for this role' in section,
                  'no promotion: the section says so',
                  "no promotion, but the section does not say 'No promotion is recorded for this role'")
    # each target's part: from its heading "Title · Level" to the next one
    heads, pos = [], 0
    for tid in targets:
        t = roles[tid]
        head = '%s · %s' % (ns(t.findtext('title')), level_name.get(ns(t.findtext('level')), '?'))
        k = section.find(head, pos)
        if not check(k >= 0, "next level: the heading '%s'" % head,
                     "the next-level section lacks the heading '%s' (in blueprint order)" % head):
            heads = None
            break
        heads.append((tid, head, k))
        pos = k + len(head)
    for idx, (tid, head, k) in enumerate(heads or []):
        end = heads[idx + 1][2] if idx + 1 < len(heads) else len(section)
        part = section[k:end]
        there = skills(roles[tid])
        there_names = set(n for n, _ in there)
        c = dict(up=0, new=0, same=0, down=0, gone=0)
        grow = []
        for n, p in there:
            if n not in here:
                c['new'] += 1; grow.append(n)
            elif prof_rank[p] > prof_rank[here[n]]:
                c['up'] += 1; grow.append(n)
            elif prof_rank[p] < prof_rank[here[n]]:
                c['down'] += 1
            else:
                c['same'] += 1
        c['gone'] = len([n for n in here if n not in there_names])
        s = summary(c)
        check(s in part, "-> %s: the summary '%s'" % (tid, s),
              "-> %s: the part under '%s' lacks the summary '%s' (computed from the blueprints)" % (tid, head, s))
        # The comparison table comes before the lists of unchanged skills
        # and of those no longer listed: a new or rising skill is named in
        # the table, with its move on the scale ("Practitioner → Advanced",
        # "not listed → Expert").
        cut = [x for x in (part.find('Unchanged ('), part.find('No longer listed (')) if x >= 0]
        table = part[:min(cut)] if cut else part
        missing = [n for n in grow if n not in table]
        moves = sorted(set(('not listed' if n not in here else prof_name[here[n]])
                           + ' → ' + prof_name[p] for n, p in there if n in grow))
        missing += ["'%s'" % m for m in moves if m not in table]
        names_checked += len(grow)
        check(not missing, '-> %s: all %d new or rising skills named in the comparison table'
              % (tid, len(grow)),
              "-> %s: the comparison table under '%s' lacks %s"
              % (tid, head, '; '.join(missing)))
    print('\n'.join(out))

print('*\t%s\t%d new or rising skill names checked' % ('ok' if names_checked > 0 else 'fail', names_checked))
EOF
python3 "$T/check.py" "$ROLES" "$SRC/xml/ladders.xml" "$T/txt" >"$T/report" ||
    fail "the text comparison (python3) failed"
[ "$(cut -f1 "$T/report" | sort -u | grep -vc '^\*$')" -eq "${#IDS[@]}" ] ||
    fail "the text comparison did not cover every guide"

# report_of ID: the comparison's verdicts for one guide, as checks.
report_of() {
    local who verdict msg
    while IFS=$'\t' read -r who verdict msg; do
        [ "$who" = "$1" ] || continue
        [ "$verdict" = ok ] || fail "$msg"
        ok "$msg"
    done <"$T/report"
}

check_guide() { # ID
    local id=$1 pdf="$OUT/$1.pdf" name emb rc=0
    # shellcheck disable=SC2034 # fail() names it
    RUN_CMD="rolepress guide $ROLES -o $OUT"
    report_of "$id"

    pdf_fonts "$pdf" >"$T/fonts-$id.txt"
    [ -s "$T/fonts-$id.txt" ] || fail "pdffonts lists no fonts in $id.pdf"
    while read -r name emb; do
        [ "$emb" = yes ] || fail "$id.pdf: font $name is not embedded (emb=$emb)"
    done <"$T/fonts-$id.txt"
    ok "$(wc -l <"$T/fonts-$id.txt") fonts, all embedded"

    pdf_check "$pdf" >"$T/qpdf-$id.log" || rc=$?
    [ "$rc" -eq 0 ] ||
        fail "qpdf --check exits $rc on $id.pdf: $(grep -iv '^checking\|^PDF Version\|^File is not' "$T/qpdf-$id.log" | head -n 5)"
    ok "qpdf --check passes"
}
for id in "${IDS[@]}"; do
    case_run "$id" check_guide "$id"
done
case_run names report_of '*'

# The same set in a directory whose name has a space and a non-ASCII
# letter: the guides still read their sibling blueprints (the promotion
# target), exit 0 and quiet.
odd_path() {
    local dir="$T/my rôles" id
    mkdir -p "$dir/roles"
    cp "$ROLES"/*.xml "$dir/roles/"
    cp "$SRC/xml/ladders.xml" "$dir/"
    run guide "$dir/roles/cloud-architect.xml" "$dir/roles/lead-cloud-architect.xml" -o "$dir/out"
    assert_quiet_success "guide of two roles in a directory named 'my rôles'"
    for id in cloud-architect lead-cloud-architect; do
        assert_pdf "$dir/out/$id.pdf"
    done
    pdftotext -enc UTF-8 "$dir/out/cloud-architect.pdf" - 2>/dev/null | normalize |
        grep -qF "The next step inside this ladder is Lead Cloud Architect" ||
        fail "the guide of cloud-architect in 'my rôles' does not compare with its promotion target"
    ok "a set in 'my rôles': exit 0, quiet, the promotion target is read"
}
case_run odd-path odd_path

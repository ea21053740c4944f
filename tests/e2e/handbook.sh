#!/usr/bin/env bash
# handbook.sh - `rolepress handbook`: the career-ladder handbook, read back.
#
# `rolepress handbook --paper a4 xml/ -o handbook.pdf` (SOURCE_DATE_EPOCH
# set) exits 0 with nothing on stdout or stderr (no layout warning), and:
#   export       qpdf --check passes; pdffonts lists fonts, all embedded;
#   determinism  a second export to another path, from another directory,
#                with the shipped stylesheet given as the user's (so typeset
#                whole, not in pieces), gives the same bytes, and
#                CreationDate is the epoch;
# and, read back by handbook_check.py (pdftotext -bbox-layout and -raw,
# pdfinfo, qpdf --json; the families, chapters and roles come from
# xml/ladders.xml, xml/handbook.xml and xml/roles/*.xml):
#   guides       each role's guide starts on exactly one page, its title
#                at the top of the body, inside its family's chapter (a
#                page starting with "Chapter N" and the family name);
#   labels       the PDF's page labels are i, ii, ... up to the ladder
#                page and 1, 2, ... from it to the end, and every footer
#                prints its page's label (the cover has no footer);
#   contents     every entry's printed number is the label of the page that
#                starts with the entry's heading (parts, chapters, roles)
#                or holds it (the level-comparison sections); the chapters
#                are numbered in handbook.xml order and list every role of
#                their family once, with its level;
#   xrefs        every "Title (p. N)" in the text (as many as the layout
#                has) follows a role title and N is the label of the page
#                where that role's guide starts;
#   index        every skills-index entry "Role Proficiency N": N is the
#                start of the role's guide; the index holds exactly the
#                skills, roles and proficiencies of the blueprints;
#   links        every link annotation (/Dest or /A /D, names resolved
#                through the catalog's /Names /Dests tree) leads to a page;
#                the destination of every role and chapter is its first
#                page; every link to a guide lies on that role's title or
#                page number;
#   outline      top level: Contents, one entry per family chapter in
#                order, the other parts of the contents; under a family
#                one entry per role of that family, leading to the guide's
#                first page; under a role its guide's level-2 and level-3
#                headings (from the layout XML), nested, each leading to the
#                page the heading is on;
#   ladder       exactly one landscape page (pdfinfo: A4 landscape, every
#                other page A4 portrait), "The ladder at a glance": every
#                role title is one box on it, and each box is a link to
#                that role's guide;
#   tables       one level-comparison table per family with the header row
#                "Skill | <its levels, lowest first>" and a row per skill of
#                its roles; on every page a table continues on, the header
#                row comes first.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

command -v python3 >/dev/null || { echo "$E2E_NAME: python3 is not installed" >&2; exit 2; }

EPOCH=1700000000
WANT_DATE=2023-11-14T22:13:20Z
PDF="$T/handbook.pdf"
LAYOUT="$T/handbook.layout.xml"

run_env SOURCE_DATE_EPOCH=$EPOCH -- handbook --paper a4 "$SRC/xml" -o "$PDF"
assert_quiet_success "handbook --paper a4 xml/ -o handbook.pdf"
assert_pdf "$PDF"
assert_no_tmp_files "$T"
EXPORT_CMD=$RUN_CMD
ok "handbook xml/: exit 0, nothing on stdout or stderr, $(pdf_info "$PDF" Pages) pages"

run handbook --paper a4 --emit layout "$SRC/xml" -o "$LAYOUT"
assert_quiet_success "handbook --emit layout xml/"
LAYOUT_CMD=$RUN_CMD

check_export() {
    local rc=0 name emb
    RUN_CMD=$EXPORT_CMD
    pdf_check "$PDF" >"$T/qpdf.log" || rc=$?
    [ "$rc" -eq 0 ] ||
        fail "qpdf --check exits $rc on the handbook: $(grep -iv '^checking\|^PDF Version\|^File is not' "$T/qpdf.log" | head -n 4 | tr '\n' ' ')"
    ok "qpdf --check passes"

    pdf_fonts "$PDF" >"$T/fonts.txt"
    [ -s "$T/fonts.txt" ] || fail "pdffonts lists no fonts in the handbook"
    while read -r name emb; do
        [ "$emb" = yes ] || fail "font $name is not embedded (emb=$emb)"
    done <"$T/fonts.txt"
    ok "$(wc -l <"$T/fonts.txt") fonts, all embedded"
}

check_determinism() {
    # The shipped stylesheet's book is typeset from pieces put aside as it
    # is written (chunks.c); given as the user's stylesheet, the same one
    # is validated and typeset whole.  Exported so, from another directory
    # to another name, the bytes are the same: two runs agree, and so do
    # the two ways of typesetting the book.
    mkdir -p "$T/again"
    RUN_CWD="$T/again" run_env SOURCE_DATE_EPOCH=$EPOCH -- handbook --paper a4 "$SRC/xml" \
        --stylesheet "$SRC/xsl/handbook.xsl" -o whole.pdf
    assert_quiet_success "second export, typeset whole (from another directory, to another name)"
    cmp -s "$PDF" "$T/again/whole.pdf" ||
        fail "the book typeset whole in a second export differs from the first, typeset in pieces ($(cmp "$PDF" "$T/again/whole.pdf" 2>&1 | head -n 1))"
    ok "a second export with SOURCE_DATE_EPOCH=$EPOCH, typeset whole, is byte-identical to the first, typeset in pieces"
    assert_eq "$(pdf_info "$PDF" CreationDate)" "$WANT_DATE" "CreationDate"
    ok "CreationDate is $WANT_DATE"
    ! grep -q 'rp-chunk' "$LAYOUT" || fail "the layout written out holds placeholders (rp-chunk)"
    grep -q '<section id="hb.contents"' "$LAYOUT" || fail "the layout written out lacks the contents section"
    ok "the layout written out is whole"
}

# The page limit stops a book (measured in several passes, drawn as its
# pages fill) as it stops a short document: an error, no file.
check_page_limit() {
    run handbook --paper a4 "$SRC/xml" -o "$T/limited.pdf" --max-pages 5
    assert_rc 1 "handbook --max-pages 5"
    assert_stderr_contains "the document needs more than 5 pages" "the page limit"
    assert_no_file "$T/limited.pdf" "a book over the page limit"
    assert_no_tmp_files "$T"
    ok "a book over --max-pages: exit 1, one error, no file"
}

# A skill is one index entry however its name is spaced: the distinct
# names as written (set:distinct), then normalised and made distinct again.
check_index_spacing() {
    local dir="$T/spaced"
    cp -R "$SRC/xml" "$dir"
    sed -i 's/skill name="Stakeholder management"/skill name="  Stakeholder   management "/' \
        "$dir/roles/ai-architect.xml"
    sed -i 's/skill name="Stakeholder management"/skill name="Stakeholder  management"/' \
        "$dir/roles/cloud-architect.xml"
    grep -q 'name="  Stakeholder   management "' "$dir/roles/ai-architect.xml" ||
        fail "the fixture: ai-architect.xml no longer lists Stakeholder management"
    run handbook --paper a4 --emit layout "$dir" -o "$T/spaced.xml"
    assert_quiet_success "handbook --emit layout of roles spelling one skill three ways"
    local entries
    entries=$(grep -c '<para style="index-skill">[^<]*Stakeholder' "$T/spaced.xml" || true)
    assert_eq "$entries" 1 "index entries for Stakeholder management"
    grep -q '<para style="index-skill">Stakeholder management<span style="index-count"> · 29 roles</span>' \
        "$T/spaced.xml" || fail "the entry is not 'Stakeholder management · 29 roles': $(grep 'index-skill">[^<]*Stakeholder' "$T/spaced.xml" | head -n 2)"
    ok "a skill spelt with other spaces in two roles is one index entry of all 29 roles"
}

case_run export check_export
case_run determinism check_determinism
case_run page-limit check_page_limit
case_run index-spacing check_index_spacing

# One line per check: "CASE<TAB>ok|fail<TAB>MESSAGE".
cached_read python3 "$E2E_DIR/handbook_check.py" "$PDF" "$LAYOUT" "$SRC" >"$T/report" 2>"$T/report.err" ||
    fail "handbook_check.py failed: $(head -c 600 "$T/report.err")"

# report_of CASE: the verdicts of handbook_check.py for one case, as checks.
report_of() {
    local who verdict msg n=0
    RUN_CMD="$EXPORT_CMD; $LAYOUT_CMD"
    while IFS=$'\t' read -r who verdict msg; do
        [ "$who" = "$1" ] || continue
        n=$((n + 1))
        [ "$verdict" = ok ] || fail "$msg"
        ok "$msg"
    done <"$T/report"
    [ "$n" -gt 0 ] || fail "handbook_check.py reported nothing for '$1'"
}
for c in guides labels contents xrefs index links outline ladder tables; do
    case_run "$c" report_of "$c"
done

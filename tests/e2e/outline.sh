#!/usr/bin/env bash
# outline.sh - the PDF outline (bookmarks).
#
# For three shipped roles, read with `qpdf --json --json-key=outlines`:
# the only top-level entry is the role title; under it, in document order,
# one entry per level-2 heading of the layout (Purpose ... Responsibilities
# ... Key performance indicators ... Career path) and under those the
# level-3 headings (responsibility groups); the title heading itself
# (outline="no") is not repeated.  The expected headings are read from the
# layout XML that the shipped stylesheet emits for the same role.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

for id in cloud-architect lead-cloud-architect chief-architect; do
    xml="$ROLES/$id.xml"
    pdf="$T/$id.pdf"
    lay="$T/$id.layout.xml"
    run jd "$xml" -o "$pdf"
    assert_quiet_success "jd $id.xml"
    run jd --emit layout "$xml" -o "$lay"
    assert_rc 0 "jd --emit layout $id.xml"

    title=$(xml_str "$xml" 'normalize-space(/role/title)')
    pdf_outline "$pdf" >"$T/outline.txt"
    [ -s "$T/outline.txt" ] || fail "$id: the PDF has no outline"

    # Top level: the role, once.
    top=$(awk -F'\t' '$1 == 1 { print $2 }' "$T/outline.txt")
    assert_eq "$top" "$title" "$id: top-level outline entries"
    ok "$id: the outline's top entry is '$title'"

    # What the outline should hold below it: the layout's headings of
    # level 2 and 3 that are not outline="no", as "DEPTH<TAB>TEXT".
    : >"$T/expected.txt"
    n=$(xml_num "$lay" 'count(//heading[(@level = 2 or @level = 3) and not(@outline = "no")])')
    [ "${n:-0}" -ge 1 ] || fail "$id: the layout has no level-2 or level-3 headings"
    for ((i = 1; i <= n; i++)); do
        h="(//heading[(@level = 2 or @level = 3) and not(@outline = 'no')])[$i]"
        printf '%s\t%s\n' "$(xml_str "$lay" "$h/@level")" "$(xml_str "$lay" "normalize-space($h)")" >>"$T/expected.txt"
    done
    for must in Responsibilities "Key performance indicators"; do
        grep -qxF "$(printf '2\t%s' "$must")" "$T/expected.txt" ||
            fail "$id: the shipped stylesheet no longer emits the level-2 heading '$must'"
    done
    awk -F'\t' '$1 != 1' "$T/outline.txt" >"$T/actual.txt"
    if ! cmp -s "$T/expected.txt" "$T/actual.txt"; then
        fail "$id: the outline below the title differs from the layout's headings (- expected, + PDF):
$(diff "$T/expected.txt" "$T/actual.txt" | sed -n 's/^</  -/p; s/^>/  +/p' | head -n 10)"
    fi
    grep -qxF "$(printf '2\tResponsibilities')" "$T/actual.txt" || fail "$id: no 'Responsibilities' entry"
    grep -qxF "$(printf '2\tKey performance indicators')" "$T/actual.txt" || fail "$id: no 'Key performance indicators' entry"
    ok "$id: $(grep -c '^2' "$T/actual.txt") sections and $(grep -c '^3' "$T/actual.txt") groups in the outline, in order, nested under the role"
done

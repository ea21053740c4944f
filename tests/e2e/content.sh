#!/usr/bin/env bash
# content.sh - a job description says what the blueprint says.
#
# For three shipped roles of different levels: `rolepress jd ROLE.xml -o
# OUT.pdf` exits 0 without printing anything, and the text of the PDF's
# body (running header and footer cut away) holds the role title and then
# EVERY responsibility item of the blueprint, in blueprint order, with
# typographic characters (’ – ≥) intact.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

ROLE_IDS=(cloud-architect lead-cloud-architect chief-architect)

# The text as one line, the way a reader sees it: list bullets dropped, a
# line broken after a hyphen inside a word ("infrastructure-as-\ncode")
# joined back, every other line break a space.
reading_text() {
    sed 's/•//g' |
        awk '{ if (held != "" && $0 ~ /^[A-Za-z]/) { printf "%s", held; held = "" }
               else if (held != "") { printf "%s\n", held; held = "" }
               if ($0 ~ /[A-Za-z0-9]-$/) held = $0; else print }
             END { if (held != "") print held }' |
        normalize
}

nonascii_items=0
for id in "${ROLE_IDS[@]}"; do
    xml="$ROLES/$id.xml"
    pdf="$T/$id.pdf"

    run jd "$xml" -o "$pdf"
    assert_quiet_success "jd $id.xml"
    assert_pdf "$pdf"
    ok "$id: jd exits 0 and prints nothing"

    # Margins of the page template, to cut the furniture away.
    run jd --emit layout "$xml" -o "$T/$id.layout.xml"
    assert_rc 0 "jd --emit layout $id.xml"
    mt=$(xml_str "$T/$id.layout.xml" '/document/page-template[1]/@margin-top')
    mb=$(xml_str "$T/$id.layout.xml" '/document/page-template[1]/@margin-bottom')
    top=$(to_pt "${mt:-20mm}") || fail "$id: cannot read margin-top '$mt'"
    bottom=$(to_pt "${mb:-20mm}") || fail "$id: cannot read margin-bottom '$mb'"

    body=$(pdf_body_text "$pdf" "$top" "$bottom" | reading_text)
    [ -n "$body" ] || fail "$id: pdftotext finds no text in the body of $pdf"

    title=$(xml_str "$xml" 'normalize-space(/role/title)')
    [ -n "$title" ] || fail "$id: no /role/title in $xml"
    expected=("$title")
    n=$(xml_num "$xml" 'count(/role/responsibilities/group/item)')
    [ "${n:-0}" -ge 1 ] || fail "$id: no responsibility items in $xml"
    for ((i = 1; i <= n; i++)); do
        item=$(xml_str "$xml" "normalize-space((/role/responsibilities/group/item)[$i])")
        [ -n "$item" ] || fail "$id: responsibility item $i is empty"
        expected+=("$item")
        if printf '%s' "$item" | LC_ALL=C grep -q '[^ -~]'; then
            nonascii_items=$((nonascii_items + 1))
        fi
    done

    # Each expected text must occur after the previous one.
    rest=$body
    k=0
    for text in "${expected[@]}"; do
        case $rest in
        *"$text"*) rest=${rest#*"$text"} ;;
        *)
            if [[ $body == *"$text"* ]]; then
                fail "$id: '$text' is in the PDF but out of order (expected after '${expected[k - 1]}')"
            fi
            fail "$id: the PDF text lacks $([ "$k" -eq 0 ] && echo "the title" || echo "responsibility item $k"): '$text'"
            ;;
        esac
        k=$((k + 1))
    done
    ok "$id: title and all $n responsibility items appear, in order"

    # Typographic characters used in the blueprint survive into the text.
    # shellcheck disable=SC1112 # the typographic characters are the point
    for ch in '’' '–' '≥'; do
        if xml_str "$xml" '/role' | grep -F -- "$ch" >/dev/null; then
            [[ $body == *"$ch"* ]] || fail "$id: '$ch' is in the blueprint but not in the PDF text"
            ok "$id: '$ch' round-trips"
        fi
    done
done

# The three blueprints do use typographic characters in their items, so the
# comparison above really checked that they round-trip.
[ "$nonascii_items" -ge 1 ] ||
    fail "no responsibility item with a non-ASCII character was checked; pick other roles"
ok "$nonascii_items items with non-ASCII characters matched"

# A blueprint exported on its own, away from the rest of the set: its
# career path names roles that cannot be looked up, which the stylesheet
# handles by printing their ids.  That is still a success: exit 0, quiet.
mkdir -p "$T/alone"
cp "$ROLES/cloud-architect.xml" "$T/alone/"
RUN_CWD="$T/alone" run jd cloud-architect.xml -o alone.pdf
assert_quiet_success "jd of cloud-architect.xml copied alone into an empty directory"
assert_pdf "$T/alone/alone.pdf"
pdftotext "$T/alone/alone.pdf" - | normalize | grep -F "Cloud Architect" >/dev/null ||
    fail "the stand-alone export lacks the role title"
ok "a blueprint outside its set exports quietly"

#!/usr/bin/env bash
# fonts.sh - only the bundled fonts are used, and all of them are embedded.
#
# For three shipped roles, A4 and Letter: pdffonts lists at least one font,
# every font has emb=yes, and every font name (after the XXXXXX+ subset
# tag) is a bundled one: it starts with Noto or DejaVu and is the name of
# a font file in fonts/.  A stylesheet that asks for fonts that are not
# bundled (some installed on the machine) still gets only bundled fonts.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

for id in cloud-architect lead-cloud-architect chief-architect; do
    for paper in a4 letter; do
        pdf="$T/$id-$paper.pdf"
        run jd --paper "$paper" "$ROLES/$id.xml" -o "$pdf"
        assert_quiet_success "jd --paper $paper $id.xml"
        assert_pdf "$pdf"
        assert_bundled_fonts "$pdf" "$id ($paper)"
    done
done

pdf="$T/foreign.pdf"
run jd --stylesheet "$FIX/foreign-fonts.xsl" "$ROLES/cloud-architect.xml" -o "$pdf"
assert_rc 0 "jd with a stylesheet asking for unbundled fonts"
assert_pdf "$pdf"
assert_bundled_fonts "$pdf" "stylesheet asking for unbundled fonts"

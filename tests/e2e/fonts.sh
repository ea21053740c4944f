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

# The bundled fonts' names: fonts/*/NotoSans-Bold.ttf -> NotoSans-Bold.
bundled=" "
while IFS= read -r f; do
    b=$(basename "$f")
    bundled+="${b%.*} "
done < <(find "$SRC/fonts" -type f \( -name '*.ttf' -o -name '*.otf' \))
[ "$bundled" != " " ] || fail "no font files under $SRC/fonts"

# check_fonts PDF WHAT
check_fonts() {
    pdf_fonts "$1" >"$T/fonts.txt"
    [ -s "$T/fonts.txt" ] || fail "$2: pdffonts lists no fonts in $1"
    local name emb
    while read -r name emb; do
        [ "$emb" = yes ] || fail "$2: font $name is not embedded (emb=$emb)"
        case $name in
        Noto* | DejaVu*) ;;
        *) fail "$2: font $name is not a bundled font (Noto or DejaVu)" ;;
        esac
        [[ $bundled == *" $name "* ]] ||
            fail "$2: font $name is not one of the files in fonts/ (bundled:$bundled)"
    done <"$T/fonts.txt"
    ok "$2: $(wc -l <"$T/fonts.txt") fonts, all embedded, all bundled"
}

for id in cloud-architect lead-cloud-architect chief-architect; do
    for paper in a4 letter; do
        pdf="$T/$id-$paper.pdf"
        run jd --paper "$paper" "$ROLES/$id.xml" -o "$pdf"
        assert_quiet_success "jd --paper $paper $id.xml"
        assert_pdf "$pdf"
        check_fonts "$pdf" "$id ($paper)"
    done
done

pdf="$T/foreign.pdf"
run jd --stylesheet "$FIX/foreign-fonts.xsl" "$ROLES/cloud-architect.xml" -o "$pdf"
assert_rc 0 "jd with a stylesheet asking for unbundled fonts"
assert_pdf "$pdf"
check_fonts "$pdf" "stylesheet asking for unbundled fonts"

#!/usr/bin/env bash
# metadata.sh - paper size, title and page count of the PDF.
#
# For three shipped roles: by default every page is A4 (595.276 x 841.89
# pt), with --paper letter every page is Letter (612 x 792 pt); the PDF
# Title is "<role title> — Job description" (title read from the
# blueprint) and there is at least one page.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

for id in cloud-architect lead-cloud-architect chief-architect; do
    xml="$ROLES/$id.xml"
    title=$(xml_str "$xml" 'normalize-space(/role/title)')
    [ -n "$title" ] || fail "$id: no /role/title in $xml"

    for paper in default letter; do
        pdf="$T/$id-$paper.pdf"
        if [ "$paper" = default ]; then
            run jd "$xml" -o "$pdf"
        else
            run jd "$xml" -o "$pdf" --paper letter
        fi
        assert_quiet_success "jd ($paper paper) $id.xml"
        assert_pdf "$pdf"

        pages=$(pdf_info "$pdf" Pages)
        [ -n "$pages" ] && [ "$pages" -ge 1 ] || fail "$id ($paper): Pages is '$pages', expected >= 1"
        ok "$id ($paper): $pages pages"

        if [ "$paper" = default ]; then
            assert_page_size "$pdf" 595.276 841.89 "$id (default paper)"
            ok "$id: default paper is A4"
        else
            assert_page_size "$pdf" 612 792 "$id (--paper letter)"
            ok "$id: --paper letter gives Letter"
        fi

        assert_eq "$(pdf_info "$pdf" Title)" "$title — Job description" "$id ($paper): PDF Title"
        ok "$id ($paper): Title is '$title — Job description'"
    done
done

# Upper case works too (the help says a4|letter; the README A4|Letter).
run jd "$ROLES/cloud-architect.xml" -o "$T/upper.pdf" --paper LETTER
assert_quiet_success "jd --paper LETTER"
assert_page_size "$T/upper.pdf" 612 792 "--paper LETTER"
run jd "$ROLES/cloud-architect.xml" -o "$T/a4.pdf" --paper a4
assert_quiet_success "jd --paper a4"
assert_page_size "$T/a4.pdf" 595.276 841.89 "--paper a4"
ok "--paper LETTER and --paper a4 are honoured"

#!/usr/bin/env bash
# qpdf_check.sh - every exported job description is a sound PDF.
#
# `qpdf --check` exits 0 (no errors, no warnings) for the job description
# of every shipped role (A4), for three of them on Letter and for a user
# stylesheet's output; pdfinfo reads each of them and finds a page.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

run jd "$ROLES" -o "$T/a4"
assert_quiet_success "jd xml/roles -o a4/"
run jd --paper letter "$ROLES/cloud-architect.xml" "$ROLES/lead-cloud-architect.xml" \
    "$ROLES/chief-architect.xml" -o "$T/letter"
assert_quiet_success "jd --paper letter (three roles) -o letter/"
run jd --stylesheet "$FIX/custom-a5-furniture.xsl" "$ROLES/cloud-architect.xml" -o "$T/custom.pdf"
assert_quiet_success "jd --stylesheet custom-a5-furniture.xsl"

n=0
for pdf in "$T"/a4/*.pdf "$T"/letter/*.pdf "$T/custom.pdf"; do
    [ -f "$pdf" ] || fail "no PDF at $pdf"
    rc=0
    pdf_check "$pdf" >"$T/check.log" || rc=$?
    [ "$rc" -eq 0 ] ||
        fail "qpdf --check exits $rc on ${pdf#"$T"/}: $(grep -iv '^checking\|^PDF Version\|^File is not' "$T/check.log" | head -n 5)"
    pages=$(pdf_info "$pdf" Pages)
    [ -n "$pages" ] && [ "$pages" -ge 1 ] || fail "pdfinfo finds no pages in ${pdf#"$T"/}"
    n=$((n + 1))
done
[ "$n" -eq 34 ] || fail "checked $n PDFs, expected 34 (30 A4, 3 Letter, 1 custom)"
ok "qpdf --check passes on all $n PDFs"

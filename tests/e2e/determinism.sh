#!/usr/bin/env bash
# determinism.sh - reproducible output.
#
# With SOURCE_DATE_EPOCH=1700000000, exporting the same blueprint twice, to
# two different paths (different names, different directories, different
# working directories), gives byte-identical PDFs, and the PDF's
# CreationDate is that epoch: 2023-11-14 22:13:20 UTC.  The same holds for
# a directory exported twice, and a batch gives the same bytes as single
# exports.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

EPOCH=1700000000
WANT_DATE=2023-11-14T22:13:20Z

for id in cloud-architect chief-architect; do
    mkdir -p "$T/one" "$T/two/nested"
    a="$T/one/$id.pdf"
    b="$T/two/nested/copy-of-$id.pdf"
    run_env SOURCE_DATE_EPOCH=$EPOCH -- jd "$ROLES/$id.xml" -o "$a"
    assert_quiet_success "first export of $id"
    RUN_CWD="$T/two" run_env SOURCE_DATE_EPOCH=$EPOCH -- jd "$ROLES/$id.xml" -o "nested/copy-of-$id.pdf"
    assert_quiet_success "second export of $id"
    assert_pdf "$a"
    assert_pdf "$b"
    cmp -s "$a" "$b" || fail "$id: two exports with SOURCE_DATE_EPOCH=$EPOCH differ: $(pdf_difference "$a" "$b")"
    ok "$id: two exports are byte-identical"

    # pdfinfo -isodates prints the date in UTC (TZ=UTC is set anyway).
    assert_eq "$(pdf_info "$a" CreationDate)" "$WANT_DATE" "$id: CreationDate"
    ok "$id: CreationDate is $WANT_DATE"
    # The raw PDF date string, independent of pdfinfo's formatting (qpdf
    # takes the document information out of its compressed object stream).
    pdf_qdf "$a" "$T/$id-qdf.pdf"
    grep -aq '/CreationDate *(D:20231114221320' "$T/$id-qdf.pdf" ||
        grep -aq '/CreationDate *(20231114221320' "$T/$id-qdf.pdf" ||
        fail "$id: no /CreationDate (D:20231114221320...) in the PDF"
    ok "$id: /CreationDate in the file is 20231114221320"
done

# A batch run is reproducible too, and gives the same bytes as single
# exports (a batch shares parsed stylesheets and fonts between documents).
SET=("$ROLES/cloud-architect.xml" "$ROLES/lead-cloud-architect.xml" "$ROLES/chief-architect.xml"
    "$ROLES/trust-and-safety-analyst.xml")
run_env SOURCE_DATE_EPOCH=$EPOCH -- jd "${SET[@]}" -o "$T/batch1"
assert_quiet_success "first batch export"
run_env SOURCE_DATE_EPOCH=$EPOCH -- jd "${SET[@]}" -o "$T/batch2"
assert_quiet_success "second batch export"
n=0
for f in "$T"/batch1/*.pdf; do
    g="$T/batch2/$(basename "$f")"
    [ -f "$g" ] || fail "batch2 lacks $(basename "$f")"
    cmp -s "$f" "$g" || fail "$(basename "$f") differs between two batch exports: $(pdf_difference "$f" "$g")"
    n=$((n + 1))
done
[ "$n" -ge 1 ] || fail "the batch export wrote no PDFs"
ok "two batch exports give $n byte-identical PDFs"
for id in cloud-architect chief-architect; do
    cmp -s "$T/batch1/$id.pdf" "$T/one/$id.pdf" ||
        fail "$id.pdf from a batch differs from its single export: $(pdf_difference "$T/batch1/$id.pdf" "$T/one/$id.pdf")"
done
ok "a batch export gives the same bytes as single exports"

#!/usr/bin/env bash
# batch.sh - directory mode.
#
# `rolepress jd xml/roles -o DIR` writes one DIR/<role id>.pdf per
# blueprint (all 30 shipped roles), each a PDF whose Title is that role's,
# exits 0 and prints nothing; several files in, or a directory in, with a
# .pdf output is a usage error (exit 2) that writes nothing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

nroles=$(find "$ROLES" -maxdepth 1 -name '*.xml' | wc -l)
[ "$nroles" -eq 30 ] || fail "expected the 30 shipped roles in $ROLES, found $nroles"

# A directory that does not exist yet is created.
run jd "$ROLES" -o "$T/out"
assert_quiet_success "jd xml/roles -o out"
npdf=$(find "$T/out" -maxdepth 1 -type f -name '*.pdf' | wc -l)
nall=$(find "$T/out" -mindepth 1 | wc -l)
[ "$npdf" -eq 30 ] || fail "out/ holds $npdf PDFs, expected 30"
[ "$nall" -eq 30 ] ||
    fail "out/ holds $nall entries, expected exactly the 30 PDFs: $(find "$T/out" -mindepth 1 -not -name '*.pdf' | head -n 3)"
# Each file is <id>.pdf and is the job description of its own role.
for xml in "$ROLES"/*.xml; do
    id=$(xml_str "$xml" '/role/@id')
    title=$(xml_str "$xml" 'normalize-space(/role/title)')
    assert_pdf "$T/out/$id.pdf"
    assert_eq "$(pdf_info "$T/out/$id.pdf" Title)" "$title — Job description" "Title of out/$id.pdf"
done
ok "jd xml/roles -o out writes one <id>.pdf per role (30), each its own role's, quietly"

# Every output gets the mode the umask gives, two documents written at a
# time.  (Each thread once read the umask by setting it to 0 and back:
# now and then, about 2 in 1000 documents, one was written mode 666; too
# rare for 30 documents to show, so tests/unit/test_output.c opens 16 000
# outputs from four threads.)
old_umask=$(umask)
umask 027
run jd "$ROLES" -j 2 -o "$T/umask"
umask "$old_umask"
assert_quiet_success "jd xml/roles -j 2 under umask 027"
assert_eq "$(stat -c %a "$T/umask"/*.pdf | sort | uniq -c | sed 's/^ *//')" "30 640" \
    "modes of the 30 PDFs written under umask 027"
ok "jd -j 2 under umask 027: all 30 PDFs are mode 640"

# A trailing slash on the output directory is fine.  (The inputs stay in
# xml/roles, where the roles they refer to are.)
run jd "$ROLES/cloud-architect.xml" "$ROLES/lead-cloud-architect.xml" "$ROLES/chief-architect.xml" \
    -o "$T/out-slash/"
assert_quiet_success "jd (three roles) -o out-slash/"
for id in cloud-architect lead-cloud-architect chief-architect; do
    assert_pdf "$T/out-slash/$id.pdf"
done
[ "$(find "$T/out-slash" -mindepth 1 | wc -l)" -eq 3 ] || fail "-o out-slash/ did not write exactly 3 files"
ok "jd ... -o OUT/ (trailing slash) writes OUT/<id>.pdf"

# Several explicit files into an existing directory.
mkdir -p "$T/three"
run jd "$ROLES/cloud-architect.xml" "$ROLES/lead-cloud-architect.xml" "$ROLES/chief-architect.xml" -o "$T/three"
assert_quiet_success "jd with three files -o DIR"
for id in cloud-architect lead-cloud-architect chief-architect; do
    assert_pdf "$T/three/$id.pdf"
done
[ "$(find "$T/three" -mindepth 1 | wc -l)" -eq 3 ] || fail "three inputs gave other than three files"
ok "three files -o DIR write the three PDFs"

# A .pdf output with several inputs is a usage error.
mkdir -p "$T/usage"
run jd "$ROLES/cloud-architect.xml" "$ROLES/chief-architect.xml" -o "$T/usage/both.pdf"
assert_rc 2 "two inputs with -o both.pdf"
assert_stdout_empty "two inputs with -o both.pdf"
[ -s "$RUN_ERR" ] || fail "two inputs with -o both.pdf: no message on standard error"
run jd "$ROLES" -o "$T/usage/all.pdf"
assert_rc 2 "a directory of 30 inputs with -o all.pdf"
[ -s "$RUN_ERR" ] || fail "xml/roles -o all.pdf: no message on standard error"
[ -z "$(ls -A "$T/usage")" ] || fail "a usage error wrote files: $(ls -A "$T/usage")"
ok "several inputs with a .pdf output: exit 2, nothing written"

# A page limit a batch's documents pass: each error is located in the
# blueprint whose document is too long (the stylesheet, which all share,
# would not say which), at the block the page past the limit begins with.
run jd "$ROLES/cloud-architect.xml" "$ROLES/chief-architect.xml" -j 2 --max-pages 1 -o "$T/limited"
assert_rc 1 "two documents over --max-pages 1"
assert_eq "$(sed -E 's/:[0-9]+: error: /:N: error: /' "$RUN_ERR")" \
    "$ROLES/cloud-architect.xml:N: error: the document needs more than 1 page, the limit (--max-pages); the next page would begin here
$ROLES/chief-architect.xml:N: error: the document needs more than 1 page, the limit (--max-pages); the next page would begin here" \
    "the diagnostics of two documents over the page limit"
[ -z "$(find "$T/limited" -name '*.pdf' 2>/dev/null)" ] || fail "a document over the page limit was written"
ok "--max-pages in a batch: each error names its blueprint, no PDF"

#!/usr/bin/env bash
# io_faults.sh - a book whose layout cannot be read back mid-way.
#
# The handbook's layout waits in a temporary file, read back piece by
# piece in every pass (chunks.c).  A read error there (a failing disk) is
# injected with failread.c's LD_PRELOAD shim, the library in
# $RP_FAILREAD_LIB; under AddressSanitizer its runtime is preloaded first:
#   * counted: a run without a failure says how many reads a book makes;
#   * first pass: the first read fails;
#   * drawing: a read near the end fails, when pages are already being
#     drawn on the second thread (-j 2).  The thread used to go on
#     drawing them from the document the failed pass had freed: only
#     the AddressSanitizer run (.ci/run) sees that reliably, an ordinary
#     run mostly does not;
# each failure: exit 1, "cannot read the layout back" once, at the
# stylesheet, no other line, no PDF, no temporary file, no crash.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

LIB=${RP_FAILREAD_LIB:-}
[ -n "$LIB" ] && [ -f "$LIB" ] || {
    echo "io_faults: no failread library (RP_FAILREAD_LIB)" >&2
    exit 2
}
# A sanitized rolepress needs the sanitizer's runtime first.
ASAN=$(ldd "$ROLEPRESS" | awk '/libasan/ { print $3 }')
[ -z "$ASAN" ] || LIB="$ASAN:$LIB"

export SOURCE_DATE_EPOCH=1700000000
OUT="$T/out"
mkdir -p "$OUT"

run_env LD_PRELOAD="$LIB" RP_FAILREAD_LOG="$T/count" -- \
    handbook "$SRC/xml" -o "$OUT/book.pdf" -j 2
assert_rc 0 "a book with the shim, no failure"
assert_pdf "$OUT/book.pdf"
reads=$(cat "$T/count")
# every piece read once in each of at least two passes
[ "$reads" -ge 60 ] || fail "only $reads reads of the layout's pieces"
ok "counted: $reads reads"

# fails_at K WHAT: the reads after the K-th fail.
fails_at() {
    rm -f "$OUT/book.pdf"
    run_env LD_PRELOAD="$LIB" RP_FAILREAD_AFTER="$1" -- \
        handbook "$SRC/xml" -o "$OUT/book.pdf" -j 2
    assert_rc 1 "$2"
    assert_stderr_lines_match "^[^ ]*/handbook\.xsl: error: cannot read the layout back from its temporary file in .*: Input/output error$" "$2"
    assert_eq "$(wc -l <"$RUN_ERR")" 1 "$2: lines of diagnostics"
    assert_no_file "$OUT/book.pdf" "$2"
    assert_no_tmp_files "$OUT" "$2"
    ok "$2"
}

fails_at 0 "first pass"
fails_at $((reads - 3)) "drawing"

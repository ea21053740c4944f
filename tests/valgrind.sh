#!/usr/bin/env bash
# The main paths of rolepress under valgrind's memcheck: no invalid
# access, no use of uninitialised memory, no leak (definite or indirect).
# Suppressed: what fontconfig and Pango keep for the process's life
# (tests/valgrind.supp).  usage: valgrind.sh ROLEPRESS SRCDIR
set -euo pipefail
. "$(dirname "$0")/e2e/lib.sh"
e2e_init "$@"
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 2; }
VG=(valgrind -q --num-callers=50 --leak-check=full --errors-for-leak-kinds=definite,indirect
    --show-leak-kinds=definite,indirect --error-exitcode=99
    --soname-synonyms=somalloc='*jemalloc*' 
    --suppressions="$SRC/tests/valgrind.supp")

vg() { # NAME EXPECTED-STATUS ARGS...
    local name=$1 want=$2
    shift 2
    set +e
    "${VG[@]}" "$ROLEPRESS" "$@" >"$T/$name.out" 2>"$T/$name.err"
    local rc=$?
    set -e
    if [ "$rc" -eq 99 ] || grep -q '^==[0-9]*== ' "$T/$name.err"; then
        cat "$T/$name.err"
        fail "$name: valgrind reports errors or leaks"
    fi
    [ "$rc" -eq "$want" ] || { cat "$T/$name.err"; fail "$name: exit $rc, expected $want"; }
    ok "$name: clean under valgrind (exit $rc)"
}

# Each run pays valgrind's start (some 2 s), so the cases that can share
# a process are one batch: job descriptions in English, Arabic (bidi),
# Japanese and with a character no font has, on two threads; two layout
# documents; a blueprint that is not well-formed and one that breaks the
# schema (exit 1, both reported).  A batch draws on its workers' threads
# (no drawing thread of its own, batch.c): the guide, alone, is drawn on
# one.
vg validate 0 validate "$SRC/xml"
vg malformed 1 validate "$SRC/tests/e2e/fixtures/malformed-end-tag.xml"
vg jd 0 jd -j 2 "$ROLES/cloud-architect.xml" \
    "$SRC/examples/languages/ar/platform-reliability-engineer.xml" \
    "$SRC/examples/languages/ja/data-platform-engineer.xml" \
    "$SRC/tests/e2e/fixtures/missing-glyph.xml" -o "$T/jd"
assert_eq "$(ls "$T/jd" | wc -l)" 4 "job descriptions written under valgrind"
vg guide 0 guide "$ROLES/lead-cloud-architect.xml" -o "$T/guide.pdf" --check-layout
vg typeset 0 typeset "$SRC/tests/fuzz/corpus/layout/refs.xml" \
    "$SRC/tests/fuzz/corpus/layout/diagram.xml" -o "$T/typeset"
vg bad-input 1 jd "$SRC/tests/e2e/fixtures/malformed-end-tag.xml" \
    "$SRC/tests/e2e/fixtures/schema-two-problems.xml" -o "$T/bad"
grep -q 'malformed-end-tag.xml:[0-9]*:[0-9]*: error: ' "$T/bad-input.err" &&
    grep -q 'schema-two-problems.xml:[0-9]*:[0-9]*: error: ' "$T/bad-input.err" ||
    fail "bad-input: not both blueprints reported: $(head -c 300 "$T/bad-input.err")"
vg bad-stylesheet 1 jd "$ROLES/cloud-architect.xml" -o "$T/y.pdf" \
    --stylesheet "$SRC/tests/e2e/fixtures/syntax-error.xsl"
vg not-layout 1 jd "$ROLES/cloud-architect.xml" -o "$T/z.pdf" \
    --stylesheet "$SRC/tests/e2e/fixtures/not-layout-html.xsl"
vg usage 2 jd --paper a3 "$ROLES/cloud-architect.xml" -o "$T/w.pdf"
if [ "${RP_VALGRIND_HANDBOOK:-1}" = 1 ]; then
    vg handbook 0 handbook "$SRC/xml" -o "$T/handbook.pdf"
fi

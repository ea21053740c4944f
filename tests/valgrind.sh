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

vg validate 0 validate "$SRC/xml"
vg jd 0 jd "$ROLES/cloud-architect.xml" -o "$T/jd.pdf"
vg guide 0 guide "$ROLES/lead-cloud-architect.xml" -o "$T/guide.pdf" --check-layout
vg typeset 0 typeset "$SRC/tests/fuzz/corpus/layout/refs.xml" -o "$T/refs.pdf"
vg diagram 0 typeset "$SRC/tests/fuzz/corpus/layout/diagram.xml" -o "$T/diagram.pdf"
vg arabic 0 jd "$SRC/examples/languages/ar/platform-reliability-engineer.xml" -o "$T/ar.pdf"
vg japanese 0 jd "$SRC/examples/languages/ja/data-platform-engineer.xml" -o "$T/ja.pdf"
vg missing-glyph 0 jd "$SRC/tests/e2e/fixtures/missing-glyph.xml" -o "$T/mg.pdf"
vg malformed 1 validate "$SRC/tests/e2e/fixtures/malformed-end-tag.xml"
vg schema 1 jd "$SRC/tests/e2e/fixtures/schema-two-problems.xml" -o "$T/x.pdf"
vg bad-stylesheet 1 jd "$ROLES/cloud-architect.xml" -o "$T/y.pdf" \
    --stylesheet "$SRC/tests/e2e/fixtures/syntax-error.xsl"
vg not-layout 1 jd "$ROLES/cloud-architect.xml" -o "$T/z.pdf" \
    --stylesheet "$SRC/tests/e2e/fixtures/not-layout-html.xsl"
vg usage 2 jd --paper a3 "$ROLES/cloud-architect.xml" -o "$T/w.pdf"
if [ "${RP_VALGRIND_HANDBOOK:-1}" = 1 ]; then
    vg handbook 0 handbook "$SRC/xml" -o "$T/handbook.pdf"
fi

#!/usr/bin/env bash
# Build-system integration: deterministic output whatever -j, depfiles
# that name imported stylesheets, untouched outputs that keep their time
# stamps, shards that cover every input once, JSON diagnostics, and an
# installed rolepress that works from outside the source tree.  And -o -
# writes a document to standard output.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"
export SOURCE_DATE_EPOCH=1700000000

# -j 1 and -j 2 give the same bytes, and the same messages.
run jd "$ROLES" -o "$T/j1" -j 1
assert_quiet_success "jd -j 1"
run jd "$ROLES" -o "$T/j2" -j 2
assert_quiet_success "jd -j 2"
diff -r "$T/j1" "$T/j2" >/dev/null || fail "-j 1 and -j 2 wrote different files"
ok "-j 1 and -j 2 write byte-identical files"

# A book is drawn on a thread of its own while it is laid out when -j
# leaves a core free: the same bytes and messages as without.
run handbook "$SRC/xml" -o "$T/book1.pdf" -j 1
assert_rc 0 "handbook -j 1"
cp "$RUN_ERR" "$T/book1.err"
run handbook "$SRC/xml" -o "$T/book2.pdf" -j 2
assert_rc 0 "handbook -j 2"
assert_pdf "$T/book2.pdf"
cmp -s "$T/book1.pdf" "$T/book2.pdf" ||
    fail "the handbook differs between -j 1 and -j 2: $(pdf_difference "$T/book1.pdf" "$T/book2.pdf")"
diff "$T/book1.err" "$RUN_ERR" >/dev/null || fail "the handbook's messages differ between -j 1 and -j 2"
ok "a handbook drawn while it is laid out (-j 2) is the one drawn after (-j 1)"

# A depfile names the stylesheet a user stylesheet imports.
mkdir -p "$T/xsl"
cat >"$T/xsl/base.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template name="page"><page-template name="p" size="A5"/></xsl:template>
</xsl:stylesheet>
XSL
cat >"$T/xsl/user.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="base.xsl"/>
  <xsl:template match="/role">
    <document><meta><title><xsl:value-of select="title"/></title></meta>
      <xsl:call-template name="page"/><para><xsl:value-of select="title"/></para></document>
  </xsl:template>
</xsl:stylesheet>
XSL
run jd "$ROLES/cloud-architect.xml" -o "$T/user.pdf" --stylesheet "$T/xsl/user.xsl" --depfile "$T/user.d"
assert_quiet_success "jd with a user stylesheet and --depfile"
grep -q "^$T/user.pdf:" "$T/user.d" || fail "the depfile has no rule for the output"
for dep in "$T/xsl/user.xsl" "$T/xsl/base.xsl" "$ROLES/cloud-architect.xml" \
           "$SRC/xml/schema/blueprint.rng" "$SRC/xml/schema/layout.rng" "NotoSerif-Regular.ttf"; do
    grep -qF "$dep" "$T/user.d" || fail "the depfile does not name $dep"
done
ok "the depfile names the user stylesheet, what it imports, the input, schemas and fonts"

# In a batch the ladder and the catalogue are parsed once per worker and
# lent to the later documents: each still depends on them.
run jd "$ROLES" -o "$T/batch" -j 1 --depfile "$T/batch.d"
assert_quiet_success "jd of every role with --depfile"
rules=$(grep -c '\.pdf: \\$' "$T/batch.d")
[ "$rules" -eq "$(ls "$ROLES"/*.xml | wc -l)" ] || fail "the depfile has $rules rules"
for dep in xml/ladders.xml xml/l10n/en.xml; do
    n=$(grep -c "/$dep \\\\\$\|/$dep\$" "$T/batch.d")
    [ "$n" -eq "$rules" ] || fail "$dep is in $n of the $rules rules of a batch's depfile"
done
ok "every document of a batch depends on the ladder and the catalogue"

# Touching a blueprint: only that role's output changes; the others keep
# their bytes and their time stamps (make and ninja do not cascade).
cp -r "$SRC/xml" "$T/set"
run jd "$T/set/roles" -o "$T/out"
assert_quiet_success "first export"
touch -d '2020-01-01 00:00:00' "$T/out"/*.pdf
sed -i 's|<summary>|<summary>Changed. |' "$T/set/roles/trust-and-safety-analyst.xml"
run jd "$T/set/roles" -o "$T/out"
assert_quiet_success "second export"
changed=$(find "$T/out" -name '*.pdf' -newermt '2020-01-02' -printf '%f\n')
[ "$changed" = "trust-and-safety-analyst.pdf" ] ||
    fail "after editing one blueprint, these outputs changed: '$changed'"
ok "editing one blueprint rewrites only its output"

# Shards: 3 shares, each input exported exactly once.
for k in 1 2 3; do
    run jd "$ROLES" -o "$T/shard$k" --shard "$k/3"
    assert_quiet_success "shard $k/3"
done
all=$(cat <(ls "$T/shard1") <(ls "$T/shard2") <(ls "$T/shard3") | sort)
uniq=$(printf '%s\n' "$all" | sort -u)
[ "$all" = "$uniq" ] || fail "an input was exported by two shards"
[ "$(printf '%s\n' "$all" | wc -l)" -eq "$(ls "$ROLES" | wc -l)" ] ||
    fail "the shards together did not export every input"
for k in 1 2 3; do
    n=$(ls "$T/shard$k" | wc -l)
    [ "$n" -eq 10 ] || fail "shard $k/3 exported $n roles, not 10"
done
ok "three shards export the 30 roles once each, 10 each"
run jd "$ROLES" -o "$T/x" --shard 4/3
assert_rc 2 "--shard 4/3"

# JSON diagnostics: one object a line, with file, line, column, message.
run validate "$FIX/schema-two-problems.xml" --diagnostics json
assert_rc 1 "validate --diagnostics json"
python3 - "$RUN_ERR" <<'PY' || fail "--diagnostics json is not one JSON object a line"
import json, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
assert lines, "no diagnostics"
for l in lines:
    d = json.loads(l)
    assert set(d) == {"file", "line", "column", "severity", "message"}, d
    assert d["severity"] == "error" and d["line"] > 0 and d["file"].endswith(".xml"), d
PY
ok "--diagnostics json writes valid JSON lines"

# -o -: the one input's document on standard output, the very bytes -o
# FILE writes (a job description, its layout); nothing there and exit 1
# when the export fails; a write that fails (a full device, a closed
# standard output) is one error; no temporary file is left in TMPDIR, no
# file named "-" in the directory.
stdout_out() { # NAME ARGS...: rolepress ARGS -o - from $T/cwd, stdout kept in $T/NAME
    local name=$1
    shift
    RUN_CWD="$T/cwd" run_env SOURCE_DATE_EPOCH=1700000000 TMPDIR="$T/tmp" -- "$@" -o -
    cp "$RUN_OUT" "$T/$name"
}
mkdir -p "$T/cwd" "$T/tmp"
stdout_out stdout.pdf jd "$ROLES/cloud-architect.xml"
assert_rc 0 "jd -o -"
assert_stderr_empty "jd -o -"
run_env SOURCE_DATE_EPOCH=1700000000 -- jd "$ROLES/cloud-architect.xml" -o "$T/file.pdf"
assert_quiet_success "jd -o FILE"
cmp -s "$T/stdout.pdf" "$T/file.pdf" || fail "jd -o - writes other bytes than -o FILE ($(cmp "$T/stdout.pdf" "$T/file.pdf" 2>&1))"
stdout_out stdout.xml jd --emit layout "$ROLES/cloud-architect.xml"
assert_rc 0 "jd --emit layout -o -"
run jd --emit layout "$ROLES/cloud-architect.xml" -o "$T/file.xml"
cmp -s "$T/stdout.xml" "$T/file.xml" || fail "--emit layout -o - writes another layout than -o FILE"
# (an export that fails once it writes: past a file-size limit of 20 KB,
# which standard output's file has too, so a document streamed out would
# leave its first 20 KB there)
rc=0
(cd "$T/cwd" && ulimit -f 20 && trap '' XFSZ &&
    exec env TMPDIR="$T/tmp" "$ROLEPRESS" jd "$ROLES/cloud-architect.xml" -o - \
        >"$T/limited.out" 2>"$T/limited.err") || rc=$?
assert_eq "$rc $(wc -c <"$T/limited.out") $(wc -l <"$T/limited.err")" "1 0 1" \
    "exit status, bytes on standard output, lines of diagnostics past a file-size limit"
grep -qE '^-: error: .*File too large$' "$T/limited.err" ||
    fail "past a file-size limit: $(cat "$T/limited.err")"
rc=0
(cd "$T/cwd" && TMPDIR="$T/tmp" "$ROLEPRESS" jd "$ROLES/cloud-architect.xml" -o - >/dev/full 2>"$T/full.err") || rc=$?
assert_eq "$rc $(cat "$T/full.err")" "1 -: error: cannot write to standard output: No space left on device" \
    "jd -o - onto a full device"
rc=0
(cd "$T/cwd" && TMPDIR="$T/tmp" exec "$ROLEPRESS" jd "$ROLES/cloud-architect.xml" -o - >&- 2>"$T/closed.err") || rc=$?
assert_eq "$rc $(cat "$T/closed.err")" "1 -: error: cannot write to standard output: Bad file descriptor" \
    "jd -o - with standard output closed"
[ -z "$(find "$T/tmp" "$T/cwd" -mindepth 1)" ] ||
    fail "files left behind: $(find "$T/tmp" "$T/cwd" -mindepth 1 | tr '\n' ' ')"
ok "-o -: the document on standard output, as -o FILE writes it; nothing on failure; a full device, a closed standard output reported; nothing left behind"
# --depfile -: the rules on standard output
run jd "$ROLES/cloud-architect.xml" -o "$T/dep.pdf" --depfile -
assert_rc 0 "--depfile -"
head -n 1 "$RUN_OUT" | grep -qxF "$T/dep.pdf: \\" || fail "--depfile - printed no rule for dep.pdf: $(head -c 200 "$RUN_OUT")"
grep -qF "$ROLES/cloud-architect.xml" "$RUN_OUT" || fail "--depfile - does not name the blueprint"
ok "--depfile -: the make rules on standard output"

# An install into a prefix works from anywhere, without the source tree.
if command -v cmake >/dev/null && [ -n "${RP_BUILD_DIR:-}" ]; then
    cmake --install "$RP_BUILD_DIR" --prefix "$T/prefix" >/dev/null
    for f in bin/rolepress include/rolepress/rolepress.h lib/librolepress.a \
             lib/pkgconfig/rolepress.pc share/man/man1/rolepress.1 \
             lib/cmake/rolepress/RolepressFunctions.cmake share/rolepress/xsl/handbook.xsl \
             share/rolepress/fonts/noto/NotoSerif-Regular.ttf; do
        [ -e "$T/prefix/$f" ] || fail "the install lacks $f"
    done
    # (a set of two roles: what is tested is finding the schemas,
    # stylesheets and fonts in the prefix, not typesetting the shipped book)
    python3 "$SRC/tests/bench/gen_roles.py" 2 "$T/small" >/dev/null
    (cd "$T" && env -u ROLEPRESS_DATADIR "$T/prefix/bin/rolepress" handbook "$T/small" \
        -o "$T/installed.pdf") || fail "the installed rolepress cannot export the handbook"
    [ -s "$T/installed.pdf" ] || fail "the installed rolepress wrote no handbook"
    ok "cmake --install: the installed rolepress exports the handbook from outside the tree"
fi

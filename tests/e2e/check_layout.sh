#!/usr/bin/env bash
# --check-layout on everything rolepress ships: every job description,
# career guide and the handbook report no layout defect, not even a
# warning; and the report does fire, with page and source line, on a
# layout that has defects.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

for kind in jd guide; do
    run "$kind" "$ROLES" -o "$T/$kind" --check-layout
    assert_quiet_success "$kind --check-layout on the shipped roles"
    ok "$kind: no layout defect in any of the 30"
done
run handbook "$SRC/xml" -o "$T/handbook.pdf" --check-layout
assert_quiet_success "handbook --check-layout"
ok "handbook: no layout defect"

# A layout with defects: a heading at the foot of a page is moved (no
# defect), but text wider than its measure (a 400pt shape in 100pt) and a
# keep longer than a page are reported, at the block's src.
cat >"$T/bad.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<document xml:lang="en"><meta><title>bad</title></meta>
<page-template name="p" width="200pt" height="300pt" margin-top="20pt" margin-bottom="20pt" margin-left="20pt" margin-right="20pt"/>
<para src="role.xml:7">A <shape kind="bar" width="400pt" size="6pt"/> bar</para>
<group keep-together="yes" src="role.xml:9"><para>one</para><para>two</para><para>three</para>
<para>LONG</para><para>LONG</para><para>LONG</para></group>
</document>
XML
long=$(for _ in $(seq 40); do printf 'a b c d e f g h i j k l m n o p q r s t u v w x y z '; done)
sed -i "s/LONG/$long/g" "$T/bad.xml"
run typeset "$T/bad.xml" -o "$T/bad.pdf" --check-layout
assert_rc 1 "typeset --check-layout on a layout with defects"
assert_stderr_matches '^role\.xml:7: error: page 1 \(1\): a line runs past its measure by' "overflow named at its src"
assert_stderr_matches '^role\.xml:9: warning: page [0-9]+: content that should stay together is longer than a page' "a keep that cannot hold is a warning at its src"
[ -s "$T/bad.pdf" ] || fail "the PDF is written even when defects are reported"
ok "defects reported at their src, unavoidable ones as warnings"

# In JSON the src is a file and a line apart.
run typeset "$T/bad.xml" -o "$T/bad.pdf" --check-layout --diagnostics json
assert_rc 1 "typeset --check-layout --diagnostics json"
python3 - "$RUN_ERR" <<'PY' || fail "--check-layout in JSON does not give the src's file and line apart"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
over = [r for r in recs if "runs past its measure" in r["message"]]
assert over and over[0]["file"] == "role.xml" and over[0]["line"] == 7, recs
PY
ok "--check-layout in JSON: file role.xml, line 7"

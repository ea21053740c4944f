#!/usr/bin/env bash
# validate.sh - `rolepress validate`.
#
# `rolepress validate xml/roles` exits 0 and prints nothing (the shipped
# set is valid, references and ladder entries included); so does a single
# self-contained blueprint.  As a control, a
# directory holding one broken blueprint among good ones exits 1 and names
# only the broken one, so the silence above means "checked", not "skipped".
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

run validate "$ROLES"
assert_quiet_success "validate xml/roles"
ok "validate xml/roles: exit 0, silent"

RUN_CWD=$SRC run validate xml/roles/
assert_quiet_success "validate xml/roles/ (relative, trailing slash)"
ok "validate xml/roles/ from the source tree: exit 0, silent"

run validate "$FIX/valid-role.xml"
assert_quiet_success "validate fixtures/valid-role.xml"
ok "validate of the fixtures' valid blueprint: exit 0, silent"

# Validation writes nothing.
[ -z "$(find "$T" -mindepth 1 -not -name '.*')" ] || fail "validate wrote files"

# Control: the same set plus one broken blueprint.
mkdir -p "$T/set"
cp "$ROLES"/*.xml "$T/set/"
cp "$FIX/schema-two-problems.xml" "$T/set/zz-broken.xml"
run validate "$T/set"
assert_rc 1 "validate of the set plus a broken blueprint"
assert_stdout_empty "validate"
assert_stderr_matches "^$(re_quote "$T/set/zz-broken.xml"):[0-9]+(:[0-9]+)?: error: ." "diagnostics for zz-broken.xml"
others=$(grep -v "^$(re_quote "$T/set/zz-broken.xml"):" "$RUN_ERR" || true)
[ -z "$others" ] || fail "validate reports problems in the good blueprints: $(printf '%s' "$others" | head -n 3)"
ok "control: a broken blueprint in the set gives exit 1 and only its diagnostics"

# A directory without blueprints is an error, not a silent success.
mkdir -p "$T/empty"
run validate "$T/empty"
assert_rc 1 "validate of an empty directory"
assert_stderr_contains "$T/empty"
ok "validate of a directory without blueprints: exit 1, named"

# Schema errors in the schema's terms, one line each: a misspelt element
# or attribute gets the name it should have, a missing one is named,
# where libxml2 alone says "Did not expect element level there" (for a
# missing <family>) or "Element skill failed to validate attributes"
# (for a missing name=), each followed by a second line that repeats it.
schema_error() { # NAME SED EXPECTED: valid-role.xml edited by SED
    local f="$T/schema/$1.xml"
    mkdir -p "$T/schema"
    sed "$2" "$FIX/valid-role.xml" >"$f"
    ! cmp -s "$f" "$FIX/valid-role.xml" || fail "$1: the edit changed nothing"
    run validate "$f"
    assert_rc 1 "validate $1"
    assert_eq "$(cat "$RUN_ERR")" "$f:$3" "the diagnostics for $1"
}
schema_error misspelt-element 's|<title>\(.*\)</title>|<titel>\1</titel>|' \
    '12:3: error: <titel> is not an element of this schema; did you mean <title>?'
schema_error missing-element '/<family>/d' \
    '13:3: error: <level> is not expected here: <role> lacks <family>, which it requires'
schema_error repeated-element 's|<level>staff</level>|<level>staff</level><level>staff</level>|' \
    '14:3: error: <level> is not expected here: one too many, or out of order'
schema_error misspelt-attribute '39s|<skill name=|<skill nmae=|' \
    '39:12: error: <skill> takes no attribute nmae=; did you mean name=?'
schema_error missing-attribute '39s|<skill name="[^"]*"|<skill|' \
    '39:5: error: <skill> lacks the attribute name=, which it requires'
# a wrong attribute and a wrong child together: libxml2 says only "Element
# skill failed to validate attributes", standing on the child
schema_error missing-attribute-unknown-child '39s|<skill name="[^"]*"\(.*\)">|<skill\1"><bogus/>|' \
    "39:5: error: <skill> lacks the attribute name=, which it requires
$T/schema/missing-attribute-unknown-child.xml:39:56: error: <bogus> is not an element of this schema"
schema_error misspelt-attribute-unknown-child '39s|<skill name=\(.*\)">|<skill nmae=\1"><strng/>|' \
    "39:12: error: <skill> takes no attribute nmae=; did you mean name=?
$T/schema/misspelt-attribute-unknown-child.xml:39:71: error: <strng> is not an element of this schema; did you mean <strong>?"
# a value an attribute does not take, where libxml2 says "Element skill
# failed to validate attributes" and "Invalid attribute category for
# element skill": what it takes, from the schema (its values, the nearest
# named, or what its type's documentation says)
schema_error bad-attribute-value '39s|category="technical"|category="Technical"|' \
    "39:27: error: <skill> category='Technical' is not an allowed value: one of technical, domain, leadership, communication, business; did you mean 'technical'?"
schema_error blank-attribute '39s|name="Testing"|name=" "|' \
    "39:12: error: <skill> name=' ' is not an allowed value: text on one line, not empty"
schema_error bad-id-value '39s|proficiency="advanced"|proficiency="Advanced"|' \
    "39:48: error: <skill> proficiency='Advanced' is not an allowed value: lower case letters and digits in words joined by single hyphens, starting with a letter (cloud-architect)"
# xml:lang where the schema takes none, named with its prefix
schema_error foreign-xml-lang 's|<skills>|<skills xml:lang="de">|' \
    '38:11: error: <skills> takes no attribute xml:lang='
# an element on the line of a longer-named one is found at its own tag
schema_error element-after-longer-name 's|<skills>|<skills><skill/>|' \
    '38:11: error: <skill> lacks the attribute name=, which it requires'
# the root's attributes: libxml2 names no element for them
schema_error missing-root-attribute 's|<role id="[^"]*"|<role|' \
    "$(grep -n '^<role' "$FIX/valid-role.xml" | cut -d: -f1):1: error: <role> lacks the attribute id=, which it requires"
schema_error missing-last-element '51,53d' \
    "$(grep -n '^<role' "$FIX/valid-role.xml" | cut -d: -f1):1: error: <role> lacks <career-path>, which it requires"
schema_error text-in-elements 's|<meta>|<meta>stray words|' \
    '6:3: error: <meta> takes no text of its own, only elements'
schema_error bad-value 's|<level>staff</level>|<level>Staff level</level>|' \
    "14:3: error: <level>: 'Staff level' is not an allowed value here (see the schema for the values <level> takes)"
schema_error misspelt-inline '17s|<p>|<p><strng>Small</strng> |' \
    '17:8: error: <strng> is not an element of this schema; did you mean <strong>?'
schema_error wrong-parent 's|<owner>|<title>Misplaced</title><owner>|' \
    '8:5: error: <meta> does not take <title>'
# libxml2 names the allowed <strong> here ("Element p has extra content:
# strong"): the child <p> does not take is the error
schema_error misplaced-inline '17s|<p>|<p><strong>Small</strong> <title>x</title> |' \
    '17:31: error: <p> does not take <title>'
ok "schema errors: a misspelt element or attribute and a missing one named, one line each"

# A file with many errors: the first 100 are said, then how many more
# there are (each error is located by reading the file to its line, and
# 10,000 of them took 22 s).
mkdir -p "$T/many"
awk '/<skill name=/ && !done { for (i = 0; i < 150; i++) print "    <skill nmae=\"S" i "\" category=\"technical\" proficiency=\"advanced\">x</skill>"; done = 1 } { print }' \
    "$FIX/valid-role.xml" >"$T/many/role.xml"
run validate "$T/many/role.xml"
assert_rc 1 "validate a blueprint with 150 errors"
assert_eq "$(grep -c ': error: ' "$RUN_ERR")" 100 "errors said"
assert_eq "$(tail -n 1 "$RUN_ERR" | sed 's/:[0-9]*:[0-9]*: note/: note/')" "$T/many/role.xml: note: 50 more errors in this file, not shown" \
    "the last line"
ok "150 errors in one file: 100 said, then the count of the other 50"
